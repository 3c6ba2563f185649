/* Says so, then loops forever on a Cortex-M: for Ctrl-C in the
 * translating tier, whose loop inside one block must still leave when
 * another thread asks. */
	.syntax	unified
	.thumb
	.section .vectors, "a", %progbits
	.word	0x20004000
	.word	_reset
	.text
	.thumb_func
	.globl	_reset
_reset:
	movs	r0, #0x04		/* SYS_WRITE0 */
	adr	r1, text
	bkpt	#0xab
1:	adds	r2, #1
	b	1b
	.align	2
text:
	.asciz	"spinning\n"
