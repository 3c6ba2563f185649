/* A UsageFault with UsageFault disabled escalates to HardFault, whose
 * handler faults too: the core locks up (what ARM calls lockup, at
 * 0xfffffffe on silicon); the machine stops with a message. */
	.syntax	unified
	.thumb
	.section .vectors, "a", %progbits
	.word	0x20004000
	.word	_reset
	.word	_reset		/* NMI */
	.word	hardfault
	.text
	.thumb_func
	.globl	_reset
_reset:
	udf	#1
	.thumb_func
hardfault:
	udf	#2
