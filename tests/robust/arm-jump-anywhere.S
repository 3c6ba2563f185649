/* Every fault returns to a pseudo-random address (bit 0 set or not, so
 * some returns are to ARM state, a fault of their own).  The run must end
 * cleanly: at the time limit or in a lockup the core reports. */
	.syntax	unified
	.thumb
	.section .vectors, "a", %progbits
	.word	0x20004000
	.word	_reset
	.word	fault		/* NMI */
	.word	fault		/* HardFault */
	.word	fault, fault, fault
	.text
	.thumb_func
	.globl	_reset
_reset:
	ldr	r4, =0x2545f491
	.thumb_func
fault:
	/* xorshift32 in r4, then the new pc into the stacked frame */
	lsls	r1, r4, #13
	eors	r4, r1
	lsrs	r1, r4, #17
	eors	r4, r1
	lsls	r1, r4, #5
	eors	r4, r1
	mrs	r0, msp
	str	r4, [r0, #24]
	ldr	r1, =0x01000000
	str	r1, [r0, #28]	/* xPSR: Thumb */
	ldr	r0, =0xfffffff9
	bx	r0
