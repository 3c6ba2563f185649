/* Says so, then loops forever on a Cortex-A53: for Ctrl-C in the
 * translating tier. */
	.section .text.start, "ax"
	.globl	_start
_start:
	mov	x0, #0x04		/* SYS_WRITE0 */
	adr	x1, text
	hlt	#0xf000
1:	add	x2, x2, #1
	b	1b
text:
	.asciz	"spinning\n"
