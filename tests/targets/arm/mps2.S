/*
 * mps2.S: the MPS2 AN385 map as QEMU's mps2-an385 has it, for programs
 * built for that machine: all 8 NVIC priority bits kept, SP[1:0] forced
 * to zero, the RAM mirrors, SysTick's 1 MHz reference clock and its
 * CALIB, the SCS, CMSDK and SCC ID registers, the two APB timers (IRQs
 * 8, 9), the dual timer (IRQ 10) and the watchdog on the NMI.  Cortex-M3 on
 * boards/cortex-m3.dts and on QEMU's mps2-an385 only.
 */
#include "test-macros.h"

	.equ	SYST_CALIB, 0xe000e01c
	.equ	TIMER0, 0x40000000
	.equ	TIMER1, 0x40001000
	.equ	DUALTIMER, 0x40002000
	.equ	WDOG, 0x40008000
	.equ	WDOG_UNLOCK, 0x1acce551
	/* How long a wait for an interrupt may spin before it fails: generous,
	 * as QEMU fires its timers from another thread, late on a loaded host. */
	.equ	SPIN, 20000000

/* Spins until the word at \addr is at least \n; fails with check \fail
 * after SPIN rounds.  Clobbers r0, r1, r6, r7. */
	.macro	WAIT_COUNT addr, n, fail
	ldr	r0, =SPIN
1:	LOAD32	r1, \addr
	cmp	r1, #\n
	bhs	2f
	subs	r0, #1
	bne	1b
	FAIL	\fail
2:
	.endm

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r6, lr}

	/* SysTick before anyone touched it: CSR 0 (the reference clock
	 * selected), CALIB = 10 ms of 1 MHz, less one. */
	LOAD32	r1, SYST_CSR
	CHECK_EQ r1, 0, 1
	LOAD32	r1, SYST_CALIB
	CHECK_EQ r1, 0x270f, 2

	/* All 8 priority bits: an interrupt's, a system handler's, BASEPRI. */
	ldr	r0, =NVIC_IPR
	movs	r1, #0xff
	strb	r1, [r0]
	ldrb	r2, [r0]
	CHECK_EQ r2, 0xff, 3
	movs	r1, #0x13
	strb	r1, [r0, #1]
	ldrb	r2, [r0, #1]
	CHECK_EQ r2, 0x13, 4
	ldr	r0, =SHPR3 + 3			/* SysTick's byte */
	movs	r1, #0xa5
	strb	r1, [r0]
	ldrb	r2, [r0]
	CHECK_EQ r2, 0xa5, 5
	movs	r1, #0
	strb	r1, [r0]
	movs	r0, #0xff
	msr	basepri, r0
	mrs	r1, basepri
	CHECK_EQ r1, 0xff, 6
	movs	r0, #0x21
	msr	basepri, r0
	mrs	r1, basepri
	CHECK_EQ r1, 0x21, 7
	movs	r0, #0
	msr	basepri, r0
	STORE32	NVIC_IPR, 0

	/* SP[1:0] read as zero whatever is written to sp. */
	mov	r4, sp
	ldr	r0, =0x20003fff
	mov	sp, r0
	mov	r1, sp
	mov	sp, r4
	CHECK_EQ r1, 0x20003ffc, 10
	ldr	r0, =0x20003ff7
	msr	msp, r0
	mrs	r1, msp
	mov	sp, r4
	CHECK_EQ r1, 0x20003ff4, 11
	ldr	r0, =0x20003ff6
	ldr	r1, =scratch
	str	r0, [r1]
	ldr	sp, [r1]
	mov	r2, sp
	mov	sp, r4
	CHECK_EQ r2, 0x20003ff4, 12
	/* A push from a misaligned start lands where the masked sp says. */
	ldr	r0, =0x20003f03
	mov	sp, r0
	ldr	r0, =0xcafe
	push	{r0}
	mov	r1, sp
	mov	sp, r4
	CHECK_EQ r1, 0x20003efc, 13
	LOAD32	r1, 0x20003efc
	CHECK_EQ r1, 0xcafe, 14

	/* The mirrors: the same bytes at both addresses. */
	STORE32	0x20000100, 0x12345678
	LOAD32	r1, 0x20400100
	CHECK_EQ r1, 0x12345678, 20
	STORE32	0x207ffffc, 0x0badf00d
	LOAD32	r1, 0x203ffffc
	CHECK_EQ r1, 0x0badf00d, 21
	STORE32	0x01000010, 0x5555aaaa
	LOAD32	r1, 0x01004010
	CHECK_EQ r1, 0x5555aaaa, 22
	LOAD32	r1, 0x0100c010
	CHECK_EQ r1, 0x5555aaaa, 23
	STORE32	0x0100bff0, 0x77
	LOAD32	r1, 0x01003ff0
	CHECK_EQ r1, 0x77, 24
	LOAD32	r1, 0x00000004			/* the reset vector */
	LOAD32	r2, 0x00400004
	CHECK_REG r1, r2, 25

	/* ID registers: the SCS's and the CMSDK peripherals' part numbers. */
	LOAD32	r1, 0xe000efe4
	CHECK_EQ r1, 0xb0, 30
	LOAD32	r1, 0xe000eff4
	CHECK_EQ r1, 0xe0, 31
	LOAD32	r1, TIMER0 + 0xfe0
	CHECK_EQ r1, 0x22, 32
	LOAD32	r1, TIMER1 + 0xfe0
	CHECK_EQ r1, 0x22, 33
	LOAD32	r1, DUALTIMER + 0xfe0
	CHECK_EQ r1, 0x23, 34
	LOAD32	r1, WDOG + 0xfe0
	CHECK_EQ r1, 0x24, 35
	LOAD32	r1, TIMER0 + 0xfd0
	CHECK_EQ r1, 0x04, 36
	LOAD32	r1, WDOG + 0xff4
	CHECK_EQ r1, 0xf0, 37
	LOAD32	r1, 0x4002fffc			/* SCC ID: the AN385 image */
	CHECK_EQ r1, 0x41043850, 38
	LOAD32	r1, 0x4002fff8			/* SCC AID */
	CHECK_EQ r1, 0x00200008, 39
	LOAD32	r1, 0x4002f0a8			/* CFGCTRL at reset */
	CHECK_EQ r1, 0x00100000, 49

	/* Reset values. */
	LOAD32	r1, DUALTIMER + 0x04
	CHECK_EQ r1, 0xffffffff, 40
	LOAD32	r1, DUALTIMER + 0x08
	CHECK_EQ r1, 0x20, 41
	LOAD32	r1, DUALTIMER + 0x28
	CHECK_EQ r1, 0x20, 42
	LOAD32	r1, WDOG + 0x00
	CHECK_EQ r1, 0xffffffff, 43
	/* (VALUE is not checked: QEMU's watchdog counts from reset, the
	 * kit's only while INTEN is set.) */
	LOAD32	r1, TIMER0 + 0x00
	CHECK_EQ r1, 0, 45

	/* The watchdog's lock: locked, writes are ignored. */
	STORE32	WDOG + 0xc00, 0
	LOAD32	r1, WDOG + 0xc00
	CHECK_EQ r1, 1, 46
	STORE32	WDOG + 0x00, 1234
	LOAD32	r1, WDOG + 0x00
	CHECK_EQ r1, 0xffffffff, 47
	STORE32	WDOG + 0xc00, WDOG_UNLOCK
	LOAD32	r1, WDOG + 0xc00
	CHECK_EQ r1, 0, 48

	/* Timer 0 counts down from RELOAD (a RELOAD write loads VALUE). */
	STORE32	TIMER0 + 0x08, 0x100000
	LOAD32	r1, TIMER0 + 0x04
	CHECK_EQ r1, 0x100000, 50
	STORE32	TIMER0 + 0x00, 1		/* enable, no interrupt */
	nop
	nop
	nop
	nop
	LOAD32	r1, TIMER0 + 0x04
	ldr	r2, =0x100000
	cmp	r1, r2
	blo	1f
	FAIL	51
1:	STORE32	TIMER0 + 0x00, 0
	/* ...and interrupts on IRQ 8 every RELOAD + 1 ticks. */
	SET_HANDLER 16 + 8, timer0_handler
	STORE32	count, 0
	STORE32	TIMER0 + 0x08, 500
	STORE32	NVIC_ISER, 1 << 8
	STORE32	TIMER0 + 0x00, 9		/* enable, interrupt enable */
	WAIT_COUNT count, 3, 52
	STORE32	TIMER0 + 0x00, 0
	STORE32	TIMER0 + 0x0c, 1
	STORE32	NVIC_ICER, 1 << 8
	STORE32	NVIC_ICPR, 1 << 8
	LOAD32	r1, TIMER0 + 0x0c
	CHECK_EQ r1, 0, 53

	/* Timer 1 on IRQ 9. */
	SET_HANDLER 16 + 9, timer1_handler
	STORE32	count, 0
	STORE32	TIMER1 + 0x08, 300
	STORE32	NVIC_ISER, 1 << 9
	STORE32	TIMER1 + 0x00, 9
	WAIT_COUNT count, 2, 54
	STORE32	TIMER1 + 0x00, 0
	STORE32	NVIC_ICER, 1 << 9

	/* The dual timer's first counter, periodic, 32-bit, on IRQ 10. */
	SET_HANDLER 16 + 10, dual_handler
	STORE32	count, 0
	STORE32	DUALTIMER + 0x00, 400
	LOAD32	r1, DUALTIMER + 0x04
	CHECK_EQ r1, 400, 55
	STORE32	NVIC_ISER, 1 << 10
	STORE32	DUALTIMER + 0x08, 0xe2		/* enable, periodic, inten, 32-bit */
	WAIT_COUNT count, 3, 56
	STORE32	DUALTIMER + 0x08, 0x20
	STORE32	DUALTIMER + 0x0c, 1
	LOAD32	r1, DUALTIMER + 0x10
	CHECK_EQ r1, 0, 57
	/* The second one, one-shot with a /16 prescale: one interrupt. */
	STORE32	count, 0
	STORE32	DUALTIMER + 0x20, 50
	STORE32	DUALTIMER + 0x28, 0xa7		/* enable, inten, /16, 32-bit, one-shot */
	WAIT_COUNT count, 1, 58
	LOAD32	r1, DUALTIMER + 0x24
	CHECK_EQ r1, 0, 59
	STORE32	DUALTIMER + 0x28, 0x20
	STORE32	NVIC_ICER, 1 << 10

	/* The watchdog's interrupt is the NMI. */
	SET_HANDLER 2, nmi_handler
	STORE32	count, 0
	STORE32	WDOG + 0x00, 2000
	STORE32	WDOG + 0x08, 1			/* INTEN: counts, interrupts */
	WAIT_COUNT count, 1, 60
	STORE32	WDOG + 0x08, 0
	LOAD32	r1, WDOG + 0x14
	CHECK_EQ r1, 0, 61

	/* SysTick on the 1 MHz reference clock (CLKSOURCE = 0). */
	SET_HANDLER 15, systick_handler
	STORE32	count, 0
	STORE32	SYST_RVR, 99
	STORE32	SYST_CVR, 0
	STORE32	SYST_CSR, 3			/* enable, tickint, reference clock */
	WAIT_COUNT count, 2, 62
	LOAD32	r1, SYST_CSR
	ldr	r2, =4
	tst	r1, r2
	beq	1f
	FAIL	63
1:	STORE32	SYST_CSR, 0

	pop	{r4-r6, pc}

/* Interrupt handlers: acknowledge at the device, then count.  They keep
 * r6 and r7 (the macros' scratch registers, which the frame does not
 * save) and return through EXC_RETURN with the pop. */
	.thumb_func
timer0_handler:
	push	{r6, r7, lr}
	STORE32	TIMER0 + 0x0c, 1
	b	bump
	.thumb_func
timer1_handler:
	push	{r6, r7, lr}
	STORE32	TIMER1 + 0x0c, 1
	b	bump
	.thumb_func
dual_handler:
	push	{r6, r7, lr}
	STORE32	DUALTIMER + 0x0c, 1
	STORE32	DUALTIMER + 0x2c, 1
	b	bump
	.thumb_func
nmi_handler:
	push	{r6, r7, lr}
	STORE32	WDOG + 0x0c, 1
	STORE32	WDOG + 0x08, 0			/* once is enough */
	b	bump
	.thumb_func
systick_handler:
	push	{r6, r7, lr}
bump:
	ldr	r0, =count
	ldr	r1, [r0]
	adds	r1, #1
	str	r1, [r0]
	pop	{r6, r7, pc}

	.data
	.balign	4
count:	.word	0
scratch: .word	0
