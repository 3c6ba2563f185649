/* Prints two strings through semihosting's SYS_WRITE0, a long one (703
 * bytes: more than one of the runs arm-semihost.c reads) and a short
 * one, then ends with SYS_EXIT_EXTENDED code 0. */
	.syntax	unified
	.thumb
	.section .vectors, "a", %progbits
	.word	0x20004000
	.word	_reset
	.text
	.thumb_func
	.globl	_reset
_reset:
	movs	r0, #4			/* SYS_WRITE0 */
	ldr	r1, =long_text
	bkpt	#0xab
	movs	r0, #4
	ldr	r1, =short_text
	bkpt	#0xab
	movs	r0, #0x20		/* SYS_EXIT_EXTENDED */
	ldr	r1, =block
	bkpt	#0xab
1:	b	1b
	.ltorg
	.align	2
block:
	.word	0x20026			/* ADP_Stopped_ApplicationExit */
	.word	0
long_text:
	.ascii	"<"
	.rept	70
	.ascii	"0123456789"
	.endr
	.asciz	">\n"
short_text:
	.asciz	"short\n"
