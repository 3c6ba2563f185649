/* An MPU that refuses everything (enabled with no region, no PRIVDEFENA,
 * and HFNMIENA so that not even the HardFault handler escapes it): the
 * next fetch faults, stacking for the fault is refused, and the core
 * locks up.  The run must end with status 125 and one line saying so
 * (test mpu-lockup). */
	.syntax unified
	.thumb
	.section .vectors, "a", %progbits
	.word	0x20004000
	.word	_start
	.text
	.thumb_func
	.globl _start
_start:
	ldr	r0, =0xe000ed94
	movs	r1, #1			/* ENABLE, HFNMIENA, no regions, no PRIVDEFENA */
	str	r1, [r0]
	dsb
	isb
	nop
	b	.
