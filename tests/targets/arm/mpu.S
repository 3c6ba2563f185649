/*
 * mpu.S: the PMSAv7 MPU of the Cortex-M3: MPU_TYPE, RNR/RBAR/RASR and the
 * VALID shortcut, a background region under smaller ones, access
 * permissions for privileged and unprivileged code, a left-out
 * subregion, execute-never, PRIVDEFENA, MemManage with DACCVIOL/IACCVIOL
 * and MMFAR, and the escalation to HardFault without MEMFAULTENA.  The
 * fault handler notes CFSR, MMFAR and HFSR (the unprivileged thread may
 * not read them) and steps over the faulting 16-bit access, or returns to
 * the caller of a function that could not be fetched.
 */
#include "test-macros.h"

	.equ	MPU_TYPE, 0xe000ed90
	.equ	MPU_CTRL, 0xe000ed94
	.equ	MPU_RNR, 0xe000ed98
	.equ	MPU_RBAR, 0xe000ed9c
	.equ	MPU_RASR, 0xe000eda0
	.equ	MPU_RBAR_A1, 0xe000eda4
	.equ	MPU_RASR_A1, 0xe000eda8
	.equ	PRIV_RW, 0x20002000		/* region 1: 1 KiB, privileged only */
	.equ	READ_ONLY, 0x20002400		/* region 2: 1 KiB, read-only for all */
	.equ	HOLEY, 0x20002800		/* region 3: 2 KiB, no access, subregion 0 left out */
	.equ	NO_EXEC, 0x20003000		/* region 4: 256 bytes, execute-never */

/* Expects one more fault than before (\n), noted CFSR \cfsr. */
	.macro	FAULTED count, cfsr, n
	LOAD32	r1, mm_count
	CHECK_EQ r1, \count, \n
	LOAD32	r1, mm_cfsr
	CHECK_EQ r1, \cfsr, \n + 1
	.endm

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r6, lr}
	SET_HANDLER 4, mm_handler
	SET_HANDLER 3, mm_handler
	SET_HANDLER 11, svc_handler

	LOAD32	r1, MPU_TYPE
	CHECK_EQ r1, 0x800, 1
	STORE32	MPU_RNR, 5
	STORE32	MPU_RBAR, 0x20003000
	LOAD32	r1, MPU_RBAR
	CHECK_EQ r1, 0x20003005, 2
	STORE32	MPU_RASR, 0xffffffff
	LOAD32	r1, MPU_RASR
	CHECK_EQ r1, 0x173fff3f, 3
	STORE32	MPU_RASR, 0
	STORE32	MPU_RBAR, 0x20002013		/* VALID: region 3 */
	LOAD32	r1, MPU_RNR
	CHECK_EQ r1, 3, 4
	LOAD32	r1, MPU_RBAR_A1
	CHECK_EQ r1, 0x20002003, 5

	/* A function in the execute-never region: bx lr. */
	ldr	r0, =NO_EXEC
	ldr	r1, =0x4770
	strh	r1, [r0]

	/* Region 0: everything, full access; then the smaller ones. */
	STORE32	MPU_RBAR, 0x00000010
	STORE32	MPU_RASR, 0x0300003f
	STORE32	MPU_RBAR, PRIV_RW | 0x11
	STORE32	MPU_RASR, 0x01000013
	STORE32	MPU_RBAR_A1, READ_ONLY | 0x12
	STORE32	MPU_RASR_A1, 0x06000013
	STORE32	MPU_RBAR, HOLEY | 0x13
	STORE32	MPU_RASR, 0x00000115
	STORE32	MPU_RBAR, NO_EXEC | 0x14
	STORE32	MPU_RASR, 0x1300000f
	STORE32	SHCSR, 1 << 16			/* MEMFAULTENA */
	STORE32	MPU_CTRL, 5			/* ENABLE, PRIVDEFENA */
	dsb
	isb

	/* Privileged: region 1 is ours, region 2 reads only. */
	ldr	r0, =PRIV_RW
	movs	r1, #42
	str	r1, [r0]
	ldr	r2, [r0]
	CHECK_EQ r2, 42, 10
	LOAD32	r1, mm_count
	CHECK_EQ r1, 0, 11
	ldr	r0, =READ_ONLY
	str	r1, [r0]			/* faults */
	FAULTED	1, 0x82, 12
	LOAD32	r1, mm_far
	CHECK_EQ r1, READ_ONLY, 14
	ldr	r0, =READ_ONLY
	ldr	r1, [r0]
	LOAD32	r1, mm_count
	CHECK_EQ r1, 1, 15

	/* The left-out subregion falls through to region 0; the rest of
	 * region 3 is closed.  (The refused access comes first: QEMU 7.2
	 * keeps the allowed one for the whole 1 KiB page.) */
	ldr	r0, =HOLEY + 0x100
	ldr	r1, [r0]			/* faults */
	FAULTED	2, 0x82, 17
	LOAD32	r1, mm_far
	CHECK_EQ r1, HOLEY + 0x100, 19
	ldr	r0, =HOLEY
	ldr	r1, [r0]
	LOAD32	r1, mm_count
	CHECK_EQ r1, 2, 16

	/* Execute-never: the fetch faults (no MMFAR), back in the caller. */
	STORE32	mm_skip, 1
	ldr	r0, =NO_EXEC + 1
	blx	r0
	FAULTED	3, 0x01, 20
	STORE32	mm_skip, 0

	/* Unprivileged: region 1 is out of reach, region 2 still reads. */
	movs	r0, #1
	msr	control, r0
	isb
	ldr	r0, =PRIV_RW
	ldr	r1, [r0]			/* faults */
	FAULTED	4, 0x82, 30
	ldr	r0, =READ_ONLY
	ldr	r1, [r0]
	LOAD32	r1, mm_count
	CHECK_EQ r1, 4, 32
	ldr	r0, =READ_ONLY
	str	r1, [r0]			/* faults */
	FAULTED	5, 0x82, 33
	svc	#0				/* privileged again */

	/* Privileged code where no region matches: the default map
	 * (PRIVDEFENA), with region 0 gone. */
	STORE32	MPU_RNR, 0
	STORE32	MPU_RASR, 0
	dsb
	isb
	ldr	r0, =0x20001000
	ldr	r1, [r0]
	LOAD32	r1, mm_count
	CHECK_EQ r1, 5, 40

	/* Without MEMFAULTENA the fault is a HardFault (FORCED). */
	STORE32	SHCSR, 0
	ldr	r0, =READ_ONLY
	str	r1, [r0]			/* faults */
	FAULTED	6, 0x82, 41
	LOAD32	r1, mm_hfsr
	CHECK_EQ r1, 0x40000000, 43

	STORE32	MPU_CTRL, 0
	dsb
	isb
	ldr	r0, =PRIV_RW
	ldr	r1, [r0]
	CHECK_EQ r1, 42, 44
	pop	{r4-r6, pc}

/* MemManage and HardFault: note CFSR, MMFAR, HFSR and clear them, count,
 * and resume after the faulting 16-bit instruction (mm_skip = 0) or at
 * the stacked lr (mm_skip = 1).  Only r0-r3 (stacked) are used. */
	.thumb_func
mm_handler:
	ldr	r0, =CFSR
	ldr	r1, [r0]
	str	r1, [r0]
	ldr	r2, =mm_cfsr
	str	r1, [r2]
	ldr	r0, =MMFAR
	ldr	r1, [r0]
	ldr	r2, =mm_far
	str	r1, [r2]
	ldr	r0, =HFSR
	ldr	r1, [r0]
	str	r1, [r0]
	ldr	r2, =mm_hfsr
	str	r1, [r2]
	ldr	r2, =mm_count
	ldr	r1, [r2]
	adds	r1, #1
	str	r1, [r2]
	ldr	r2, =mm_skip
	ldr	r2, [r2]
	cmp	r2, #0
	bne	1f
	ldr	r1, [sp, #24]
	adds	r1, #2
	b	2f
1:	ldr	r1, [sp, #20]
	movs	r3, #1
	bics	r1, r3
2:	str	r1, [sp, #24]
	bx	lr

	.thumb_func
svc_handler:
	movs	r0, #0
	msr	control, r0
	bx	lr

	.data
	.balign	4
mm_count: .word	0
mm_cfsr: .word	0
mm_far:	.word	0
mm_hfsr: .word	0
mm_skip: .word	0
