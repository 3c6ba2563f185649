/*
 * Conventions and check macros of the ARM ISA tests (assembly only).
 *
 * A test defines `test_main`, runs its checks in order and returns (bx lr,
 * or `b test_pass`).  The verdict leaves through Arm semihosting: SYS_EXIT
 * for a pass (emulator exit status 0), SYS_EXIT_EXTENDED with the failing
 * check's number otherwise (status = that number).  Numbers:
 *
 *   1-199    the check that failed (unique within a file)
 *   200 + n  an exception n the test did not expect (3 HardFault, 11 SVC,
 *            16 + k external interrupt k; capped at 255)
 *
 * r7 is the checkers' scratch register: tests keep values to check in the
 * other registers.  The macros themselves are ARMv6-M Thumb, so a file
 * built for the Cortex-M0 uses them unchanged; they clobber r7 and flags.
 *
 * Exception handlers: every vector goes through a dispatcher in start.S
 * that calls the handler installed in the RAM table `handlers` (index =
 * exception number) with lr = EXC_RETURN, as the core would; handlers are
 * plain functions returning with `bx lr`.  SET_HANDLER installs one.
 */
	.syntax	unified
	.thumb

/* Dumps pending literals here (16-bit literal loads reach only 1 KiB). */
	.macro	POOL
	b	8f
	.ltorg
8:
	.endm

/* Fails with check number \n unless \reg == \value (any 32-bit constant). */
	.macro	CHECK_EQ reg, value, n
	ldr	r7, =\value
	cmp	\reg, r7
	beq	9f
	movs	r0, #\n
	bl	test_fail
9:
	POOL
	.endm

/* Fails unless \a == \b (two registers other than r7). */
	.macro	CHECK_REG a, b, n
	cmp	\a, \b
	beq	9f
	movs	r0, #\n
	bl	test_fail
9:
	.endm

/* Fails unless APSR's N Z C V are \nzcv (a 4-bit value: 0b1000 = N).
 * The other checks compare, so a flags check comes first. */
	.macro	CHECK_FLAGS nzcv, n
	mrs	r7, apsr
	lsrs	r7, r7, #28
	cmp	r7, #\nzcv
	beq	9f
	movs	r0, #\n
	bl	test_fail
9:
	.endm

/* Sets N Z C V to \nzcv (clobbers r7), keeping Q clear. */
	.macro	SET_FLAGS nzcv
	ldr	r7, =(\nzcv << 28)
	msr	apsr_nzcvq, r7
	.endm

/* Fails with check \n unconditionally (for paths that must not run). */
	.macro	FAIL n
	movs	r0, #\n
	bl	test_fail
	.endm

/* In a handler entered straight from the interrupted code (sp at its
 * frame): r5 = 31 r5 + the interrupted pc, the frame's seventh word, so
 * that r5 tells where every interrupt landed (clobbers r0, r1). */
	.macro	FOLD_INTERRUPTED_PC
	ldr	r0, [sp, #24]
	lsls	r1, r5, #5
	subs	r1, r1, r5
	adds	r5, r1, r0
	.endm

/* handlers[\exc] = \fn (clobbers r6, r7). */
	.macro	SET_HANDLER exc, fn
	ldr	r6, =handlers + 4 * (\exc)
	ldr	r7, =\fn
	str	r7, [r6]
	.endm

/* Word store / load to an absolute address (clobbers r6, r7 / r6). */
	.macro	STORE32 addr, value
	ldr	r6, =\addr
	ldr	r7, =\value
	str	r7, [r6]
	.endm
	.macro	LOAD32 reg, addr
	ldr	r6, =\addr
	ldr	\reg, [r6]
	.endm

/* System control space addresses the tests use. */
	.equ	ICSR, 0xe000ed04
	.equ	VTOR, 0xe000ed08
	.equ	AIRCR, 0xe000ed0c
	.equ	CCR, 0xe000ed14
	.equ	SHPR2, 0xe000ed1c
	.equ	SHPR3, 0xe000ed20
	.equ	SHCSR, 0xe000ed24
	.equ	CFSR, 0xe000ed28
	.equ	HFSR, 0xe000ed2c
	.equ	MMFAR, 0xe000ed34
	.equ	BFAR, 0xe000ed38
	.equ	SYST_CSR, 0xe000e010
	.equ	SYST_RVR, 0xe000e014
	.equ	SYST_CVR, 0xe000e018
	.equ	NVIC_ISER, 0xe000e100
	.equ	NVIC_ICER, 0xe000e180
	.equ	NVIC_ISPR, 0xe000e200
	.equ	NVIC_ICPR, 0xe000e280
	.equ	NVIC_IPR, 0xe000e400
	.equ	STIR, 0xe000ef00

	.equ	ICSR_PENDSVSET, 1 << 28
	.equ	ICSR_PENDSTSET, 1 << 26

/* An address nothing answers on any of the boards: accesses fault. */
	.equ	BAD_ADDR, 0x30000000
