/*
 * thumb2-ldst.S: ARMv7-M loads and stores: 12-bit and negative 8-bit
 * offsets, pre- and post-indexed with write-back, register offsets
 * shifted by 0-3, literals before and after the pc, ldrd/strd, the
 * unprivileged ldrt/strt (ordinary accesses when privileged), ldm/stm
 * increment-after and decrement-before with write-back, unaligned word
 * and halfword accesses, exclusives (ldrex/strex of each size, clrex),
 * pld, and table branches tbb/tbh.
 */
#include "test-macros.h"

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r11, lr}

	ldr	r0, =buf
	ldr	r1, =0x11223344
	str.w	r1, [r0, #0x400]		/* 12-bit offset */
	ldr.w	r2, [r0, #0x400]
	CHECK_EQ r2, 0x11223344, 1
	add	r3, r0, #0x400
	str	r1, [r3, #-4]			/* negative 8-bit offset */
	ldr	r2, [r0, #0x3fc]
	CHECK_EQ r2, 0x11223344, 2
	ldrb	r2, [r3, #-1]
	CHECK_EQ r2, 0x11, 3
	ldrsh	r2, [r3, #-3]			/* unaligned halfword 0x2233 */
	CHECK_EQ r2, 0x2233, 4

	/* Pre-index with write-back, post-index. */
	ldr	r3, =buf
	ldr	r1, =0xaabbccdd
	str	r1, [r3, #8]!
	ldr	r2, =buf + 8
	CHECK_REG r3, r2, 5
	ldr	r2, [r3], #-8
	CHECK_EQ r2, 0xaabbccdd, 6
	ldr	r2, =buf
	CHECK_REG r3, r2, 7
	ldrb	r2, [r3, #11]!
	CHECK_EQ r2, 0xaa, 8
	ldrsb	r2, [r3], #-1
	CHECK_EQ r2, 0xffffffaa, 9
	ldrh	r2, [r3, #-1]!
	CHECK_EQ r2, 0xccdd >> 8 | 0xbb00, 10	/* bytes 9, 10: cc bb */
	strh	r1, [r3], #2
	ldr	r2, =buf + 11
	CHECK_REG r3, r2, 11

	/* Register offsets with lsl #0-3. */
	ldr	r0, =table
	movs	r3, #2
	ldr.w	r2, [r0, r3, lsl #2]
	CHECK_EQ r2, 0x22222222, 12
	ldrh.w	r2, [r0, r3, lsl #1]
	CHECK_EQ r2, 0x0000, 13
	ldrb.w	r2, [r0, r3, lsl #3]
	CHECK_EQ r2, 0x44, 14
	ldrsb.w	r2, [r0, r3]
	CHECK_EQ r2, 0x00, 15
	ldrsh.w	r2, [r0, r3, lsl #3]
	CHECK_EQ r2, 0x4444, 16
	ldr	r4, =scratch
	movs	r3, #1
	str.w	r1, [r4, r3, lsl #3]
	ldr	r2, [r4, #8]
	CHECK_REG r1, r2, 17
	strb.w	r3, [r4, r3, lsl #2]
	strh.w	r3, [r4, r3, lsl #1]
	ldr	r2, [r4]
	CHECK_EQ r2, 0x00010000, 18
	ldr	r2, [r4, #4]
	CHECK_EQ r2, 0x00000001, 19

	/* Literals on both sides of the pc (the U bit). */
	ldr.w	r2, lit_before
	CHECK_EQ r2, 0xbefe4e00, 20
	ldr.w	r2, lit_after
	CHECK_EQ r2, 0xaf7e4000, 21
	ldrh.w	r2, lit_after
	CHECK_EQ r2, 0x4000, 22
	ldrsb.w	r2, lit_after + 3
	CHECK_EQ r2, 0xffffffaf, 23

	/* ldrd/strd, with write-back both ways. */
	ldr	r4, =scratch
	ldr	r0, =0x01234567
	ldr	r1, =0x89abcdef
	strd	r0, r1, [r4, #8]
	ldrd	r2, r3, [r4, #8]
	CHECK_REG r2, r0, 24
	CHECK_REG r3, r1, 25
	strd	r1, r0, [r4, #16]!
	ldr	r5, =scratch + 16
	CHECK_REG r4, r5, 26
	ldrd	r2, r3, [r4], #-16
	CHECK_REG r2, r1, 27
	CHECK_REG r3, r0, 28
	ldr	r5, =scratch
	CHECK_REG r4, r5, 29
	ldrd	r2, r3, [r4, #-0]		/* U = 0 with offset 0 */
	ldrd	r2, r3, lit_pair		/* literal form: reaches only 1 KiB */
	b	1f
	.balign	4
lit_pair:
	.word	0x5555aaaa, 0xaaaa5555
1:
	CHECK_EQ r2, 0x5555aaaa, 30
	CHECK_EQ r3, 0xaaaa5555, 31

	/* ldrt/strt: privileged code gets ordinary accesses. */
	ldr	r1, =0x600df00d
	strt	r1, [r4, #4]
	ldrt	r2, [r4, #4]
	CHECK_REG r1, r2, 32
	ldrbt	r2, [r4, #7]
	CHECK_EQ r2, 0x60, 33
	ldrsht	r2, [r4, #6]
	CHECK_EQ r2, 0x600d, 34

	/* ldm/stm, wide forms, ia and db, high registers. */
	ldr	r4, =scratch + 32
	movs	r0, #1
	movs	r1, #2
	ldr	r8, =3
	ldr	r9, =4
	stmdb	r4!, {r0, r1, r8, r9}
	ldr	r5, =scratch + 16
	CHECK_REG r4, r5, 35
	ldr	r2, [r4]
	CHECK_EQ r2, 1, 36
	ldr	r2, [r4, #12]
	CHECK_EQ r2, 4, 37
	ldmia.w	r4!, {r2, r3, r10, r11}
	CHECK_EQ r11, 4, 38
	CHECK_EQ r10, 3, 39
	ldr	r5, =scratch + 32
	CHECK_REG r4, r5, 40
	ldmdb	r4, {r2, r3}
	CHECK_EQ r2, 3, 41
	CHECK_EQ r3, 4, 42
	stmia.w	r4, {r8, r9}
	ldr	r2, [r4, #4]
	CHECK_EQ r2, 4, 43
	push.w	{r8}				/* single-register push: str pre-index */
	pop.w	{r9}
	CHECK_EQ r9, 3, 44

	/* Unaligned word access (CCR.UNALIGN_TRP clear). */
	ldr	r4, =scratch
	ldr	r1, =0x44332211
	str	r1, [r4, #1]
	ldr	r2, [r4, #1]
	CHECK_REG r1, r2, 45
	ldrb	r2, [r4, #4]
	CHECK_EQ r2, 0x44, 46

	/* Exclusives: a store after ldrex succeeds (0), without fails (1). */
	ldr	r4, =excl
	ldr	r1, =0x12345678
	str	r1, [r4]
	ldrex	r2, [r4]
	CHECK_REG r1, r2, 47
	add	r2, r2, #1
	strex	r3, r2, [r4]
	CHECK_EQ r3, 0, 48
	ldr	r2, [r4]
	CHECK_EQ r2, 0x12345679, 49
	strex	r3, r1, [r4]			/* the monitor was cleared */
	CHECK_EQ r3, 1, 50
	ldr	r2, [r4]
	CHECK_EQ r2, 0x12345679, 51
	ldrex	r2, [r4]
	clrex
	strex	r3, r1, [r4]
	CHECK_EQ r3, 1, 52
	add	r5, r4, #1			/* byte and halfword forms take no offset */
	ldrexb	r2, [r5]
	CHECK_EQ r2, 0x56, 53
	movs	r2, #0xab
	strexb	r3, r2, [r5]
	CHECK_EQ r3, 0, 54
	add	r5, r4, #2
	ldrexh	r2, [r5]
	CHECK_EQ r2, 0x1234, 55
	movw	r2, #0xcdef
	strexh	r3, r2, [r5]
	CHECK_EQ r3, 0, 56
	ldr	r2, [r4]
	CHECK_EQ r2, 0xcdefab79, 57
	ldrex	r2, [r4, #4]			/* offset form */
	strex	r3, r1, [r4, #4]
	CHECK_EQ r3, 0, 58
	ldr	r2, [r4, #4]
	CHECK_REG r1, r2, 59

	/* pld is a hint. */
	pld	[r4]
	pld	[r4, #64]

	/* Table branches: byte and halfword tables of forward offsets. */
	movs	r0, #0
	movs	r1, #2
	tbb	[pc, r1]
tbb_table:
	.byte	(tb0 - tbb_table) / 2, (tb1 - tbb_table) / 2
	.byte	(tb2 - tbb_table) / 2, (tb3 - tbb_table) / 2
tb0:	movs	r0, #10
	b	tb_done
tb1:	movs	r0, #11
	b	tb_done
tb2:	movs	r0, #12
	b	tb_done
tb3:	movs	r0, #13
tb_done:
	CHECK_EQ r0, 12, 60
	ldr	r2, =th_table
	movs	r1, #1
	tbh	[r2, r1, lsl #1]		/* base in a register this time */
th_pc:	FAIL	61				/* offsets count from here */
th0:	movs	r0, #20
	b	th_done
	.space	600				/* beyond what tbb reaches */
th1:	movs	r0, #21
th_done:
	CHECK_EQ r0, 21, 62

	/* ldr pc, [pc, #imm]: a load to the pc is a branch (LoadWritePC),
	 * also as the last instruction of an IT block */
	movs	r0, #0
	ldr.w	pc, ldr_pc_lit
	FAIL	63
ldr_pc_ok:
	movs	r0, #1
	cmp	r0, #1
	it	eq
	ldreq.w	pc, ldr_pc_lit2
	FAIL	64
ldr_pc_ok2:
	CHECK_EQ r0, 1, 65

	/* Rt = 15 of ldrh/ldrsh (literal, imm12, negative imm8, register):
	 * unallocated memory hints, which do nothing (v7-M A5.3.8), not
	 * loads: nothing is mapped at 0x60000000, where a load would fault. */
	ldr	r0, =0x60000010
	movs	r1, #2
	movs	r2, #0
	.inst.w	0xf83ff004	/* ldrh pc, [pc, #-4] */
	.inst.w	0xf93ff004	/* ldrsh pc, [pc, #-4] */
	.inst.w	0xf8b0f004	/* ldrh.w pc, [r0, #4] */
	.inst.w	0xf9b0f004	/* ldrsh.w pc, [r0, #4] */
	.inst.w	0xf830fc04	/* ldrh pc, [r0, #-4] */
	.inst.w	0xf930fc04	/* ldrsh pc, [r0, #-4] */
	.inst.w	0xf830f001	/* ldrh pc, [r0, r1] */
	.inst.w	0xf930f011	/* ldrsh pc, [r0, r1, lsl #1] */
	adds	r2, #1
	CHECK_EQ r2, 1, 66

	pop	{r4-r11, pc}
	.balign	4
ldr_pc_lit:
	.word	ldr_pc_ok + 1
ldr_pc_lit2:
	.word	ldr_pc_ok2 + 1

	.balign	4
lit_before:
	.word	0xbefe4e00
	.ltorg
lit_after:
	.word	0xaf7e4000
table:
	.word	0x00001111, 0x11110000, 0x22222222, 0x33333333, 0x44444444
	.section .rodata
	.balign	2
	/* tbh [Rn, ...] with Rn not the pc: offsets still count from the
	 * tbh's pc (its address + 4). */
th_table:
	.hword	(th0 - th_pc) / 2, (th1 - th_pc) / 2

	.data
	.balign	8
buf:	.space	0x404
scratch: .space	64
excl:	.space	8
