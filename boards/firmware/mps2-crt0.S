/*
 * mps2-crt0.S: vector table and reset entry of the shared bare-metal
 * runtime for the MPS2 AN385 memory map (Cortex-M3, and Cortex-M0 on the
 * same map).  Runs from code RAM at 0 (QEMU `-M mps2-an385 -kernel`, or
 * Medley's ELF loader): the core fetches its initial SP and reset vector
 * from the table at address 0 (VTOR's reset value), nothing else is set up.
 *
 * Only what C cannot do itself is here; .data/.bss, TLS and constructors
 * are set up in _mps2_cstart (mps2-io.c).  Written in the ARMv6-M subset of
 * Thumb so that one source serves both cores.
 */
	.syntax	unified
	.thumb

/*
 * Every handler is a weak alias of the default one, so a program defines
 * e.g. `void SysTick_Handler (void)` to take over that vector (CMSIS names
 * for the system exceptions, IRQ<n>_Handler for external interrupt n).
 */
	.macro	handler name
	.weak	\name
	.thumb_set \name, _mps2_default_handler
	.endm

	.section .vectors, "a", %progbits
	.balign	4
	.globl	_mps2_vectors
_mps2_vectors:
	.word	__stack			/* 0: initial main stack pointer */
	.word	Reset_Handler		/* 1 */
	.word	NMI_Handler		/* 2 */
	.word	HardFault_Handler	/* 3 */
	.word	MemManage_Handler	/* 4 (ARMv7-M only, as are 5, 6, 12) */
	.word	BusFault_Handler	/* 5 */
	.word	UsageFault_Handler	/* 6 */
	.word	0, 0, 0, 0		/* 7-10: reserved */
	.word	SVC_Handler		/* 11 */
	.word	DebugMon_Handler	/* 12 */
	.word	0			/* 13: reserved */
	.word	PendSV_Handler		/* 14 */
	.word	SysTick_Handler		/* 15 */
	/* The AN385 has 32 external interrupts (UART0 RX is IRQ 0, TX IRQ 1). */
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.word	IRQ\n\()_Handler
	.endr
	.size	_mps2_vectors, . - _mps2_vectors

	handler	NMI_Handler
	handler	HardFault_Handler
	handler	MemManage_Handler
	handler	BusFault_Handler
	handler	UsageFault_Handler
	handler	SVC_Handler
	handler	DebugMon_Handler
	handler	PendSV_Handler
	handler	SysTick_Handler
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	handler	IRQ\n\()_Handler
	.endr

	.text
	.balign	2
	.globl	Reset_Handler
	.type	Reset_Handler, %function
	.thumb_func
Reset_Handler:
	/*
	 * The core loaded SP from the table already; load it again so that a
	 * debugger or loader that jumps here directly gets the same start.
	 */
	ldr	r0, =__stack
	mov	sp, r0
	/*
	 * A core with an FPU (the M4F) starts with it disabled: allow CP10
	 * and CP11 in CPACR, as CMSIS's SystemInit does, before C code built
	 * for the FPU runs.  Cores without one ignore the write.
	 */
	ldr	r0, =0xe000ed88
	ldr	r1, =0x00f00000
	str	r1, [r0]
	dsb
	isb
	bl	_mps2_cstart		/* does not return */
	b	.
	.size	Reset_Handler, . - Reset_Handler

	.balign	2
	.globl	_mps2_default_handler
	.type	_mps2_default_handler, %function
	.thumb_func
_mps2_default_handler:
	/*
	 * An exception nobody asked for: hand its number and the stacked
	 * frame (r0-r3, r12, lr, pc, xpsr) to the C side, which reports and
	 * stops.  EXC_RETURN bit 2 in lr says which stack holds the frame.
	 */
	mov	r2, lr
	movs	r3, #4
	tst	r2, r3
	beq	1f
	mrs	r1, psp
	b	2f
1:	mrs	r1, msp
2:	mrs	r0, ipsr
	ldr	r2, =_mps2_fault
	bx	r2
	.size	_mps2_default_handler, . - _mps2_default_handler
