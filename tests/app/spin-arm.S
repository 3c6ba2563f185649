/* Loops forever on a Cortex-M: for Ctrl-C in the translating tier, whose
 * loop inside one block must still leave when another thread asks. */
	.syntax	unified
	.thumb
	.section .vectors, "a", %progbits
	.word	0x20004000
	.word	_reset
	.text
	.thumb_func
	.globl	_reset
_reset:
	adds	r0, #1
	b	_reset
