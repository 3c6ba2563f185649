/*
 * rv-slow-paths.S: the RISC-V workloads of the slow-path benchmark
 * (slow-paths.py), one per build, chosen with -DWORKLOAD=:
 *
 *   1  plain      a three-instruction loop (nop, addi, bnez): what a
 *                 plain instruction costs;
 *   2  fence.i    the same loop with fence.i in place of the nop;
 *   3  nested M   a loop in M-mode whose illegal instruction traps, and
 *                 whose handler faults again (a load from an address with
 *                 nothing behind it) before it returns;
 *   4  nested U   the same loop in U-mode (the traps go to M and back).
 *
 * Each runs ROUNDS rounds of its loop and ends the run through the test
 * device of the virt boards (0x5555: pass).  Stand-alone: its own reset
 * code, no C runtime.
 */
#define TESTDEV         0x100000
#define UNMAPPED        0x800   /* nothing there on the virt boards */
#define ROUNDS          100000

#ifndef WORKLOAD
#define WORKLOAD 1
#endif

	.section .text.init, "ax"
	.option norvc
	.globl _start
_start:
	la t0, handler
	csrw mtvec, t0
	li s0, ROUNDS
	li s1, UNMAPPED
	li s2, 0                /* in the first-level handler */
#if WORKLOAD == 4
	/* U-mode may use all memory (one PMP entry over everything), and
	 * mret drops to it (MPP = U). */
	li t0, -1
	csrw pmpaddr0, t0
	li t0, 0x1f             /* NAPOT, R, W, X */
	csrw pmpcfg0, t0
	li t0, 0x1800
	csrc mstatus, t0
	la t0, loop
	csrw mepc, t0
	mret
#endif

loop:
#if WORKLOAD == 1
	nop
#elif WORKLOAD == 2
	fence.i
#else
	.word 0xc0001073        /* csrw cycle, zero: illegal (read-only) */
#endif
	addi s0, s0, -1
	bnez s0, loop
#if WORKLOAD == 4
	ecall                   /* back to M to report */
#endif
pass:
	li t0, 0x5555
	li t1, TESTDEV
	sw t0, 0(t1)
1:	j 1b

/* First level: save mepc and mstatus (the nested trap overwrites them,
 * MPP included), fault again, then resume after the illegal instruction.
 * Nested: skip the faulting load. */
	.align 2
handler:
	csrr t0, mcause
	li t1, 11               /* ecall from M */
	beq t0, t1, pass
	li t1, 8                /* ecall from U */
	beq t0, t1, pass
	bnez s2, nested
	li s2, 1
	csrr s3, mepc
	csrr s4, mstatus
	lw t0, 0(s1)            /* load access fault */
	li s2, 0
	addi s3, s3, 4
	csrw mepc, s3
	csrw mstatus, s4
	mret
nested:
	csrr t0, mepc
	addi t0, t0, 4
	csrw mepc, t0
	mret
