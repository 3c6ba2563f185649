/* The watchpoint-position program for the Cortex-M3 (test-watch-position):
 * a store to `var`, two adds, a load of it, two adds, then a semihosting
 * exit.  r2 counts the adds that ran, so a stop shows how far the core
 * got.  Code at 0, data in SSRAM2 (boards/cortex-m3.dts, QEMU mps2-an385). */
	.syntax	unified
	.thumb

	.section .vectors, "a", %progbits
	.word	0x20004000
	.word	_start

	.text
	.thumb_func
	.globl	_start, after_store, after_load, var
_start:
	ldr	r0, =var
	movs	r1, #5
	movs	r2, #0
	str	r1, [r0]
after_store:
	adds	r2, #1
	adds	r2, #1
	ldr	r3, [r0]
after_load:
	adds	r2, #1
	adds	r2, #1
	movs	r0, #0x18			/* SYS_EXIT, ApplicationExit */
	ldr	r1, =0x20026
	bkpt	0xab
	b	.

	.data
	.balign	4
var:	.word	0
