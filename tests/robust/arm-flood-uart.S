/* Transmit enabled, then DATA written as fast as the core goes. */
	.syntax	unified
	.thumb
	.section .vectors, "a", %progbits
	.word	0x20004000
	.word	_reset
	.text
	.thumb_func
	.globl	_reset
_reset:
	ldr	r0, =0x40004000
	movs	r1, #1
	str	r1, [r0, #8]	/* CTRL: TX enable */
	movs	r1, #'y'
1:	str	r1, [r0]
	b	1b
