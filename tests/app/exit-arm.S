/* Ends the run through semihosting's SYS_EXIT_EXTENDED with
 * ADP_Stopped_ApplicationExit and subcode CODE (given with --defsym). */
	.syntax	unified
	.thumb
	.section .vectors, "a", %progbits
	.word	0x20004000
	.word	_reset
	.text
	.thumb_func
	.globl	_reset
_reset:
	movs	r0, #0x20		/* SYS_EXIT_EXTENDED */
	adr	r1, block
	bkpt	#0xab
1:	b	1b
	.align	2
block:
	.word	0x20026			/* ADP_Stopped_ApplicationExit */
	.word	CODE
