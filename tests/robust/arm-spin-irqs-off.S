/* PRIMASK and FAULTMASK set, then a tight loop. */
	.syntax	unified
	.thumb
	.section .vectors, "a", %progbits
	.word	0x20004000
	.word	_reset
	.text
	.thumb_func
	.globl	_reset
_reset:
	cpsid	i
	cpsid	f
1:	b	1b
