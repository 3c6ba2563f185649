/*
 * start.S: reset, vector dispatch and verdict reporting shared by the ARM
 * ISA tests (ARMv6-M Thumb, so that it serves the Cortex-M0 builds too).
 */
#include "test-macros.h"

	.section .vectors, "a", %progbits
	.balign	4
vectors:
	.word	__stack
	.word	_reset
	/* Exceptions 2-15 and the first 32 external interrupts all dispatch
	 * through the RAM table, so a test installs handlers at run time
	 * (the Cortex-M0 has no VTOR to move the table). */
	.rept	14 + 32
	.word	_dispatch
	.endr

	.text
	.thumb_func
	.globl	_reset
_reset:
	/* Start like a freshly reset core even when a loader jumped here. */
	ldr	r0, =__stack
	mov	sp, r0
	/* Clear the handler table and the test data (loaded in place, but
	 * .bss may hold anything after a reset without a reload). */
	ldr	r0, =handlers
	ldr	r1, =handlers_end
	movs	r2, #0
1:	str	r2, [r0]
	adds	r0, #4
	cmp	r0, r1
	bne	1b
	bl	test_main
	b	test_pass

/*
 * Calls handlers[IPSR] with lr still EXC_RETURN, so `bx lr` in a handler
 * returns from the exception.  No handler: the test fails with 200 + n.
 */
	.thumb_func
_dispatch:
	mrs	r0, ipsr
	lsls	r1, r0, #2
	ldr	r2, =handlers
	ldr	r2, [r2, r1]
	cmp	r2, #0
	beq	1f
	bx	r2
1:	adds	r0, #200
	cmp	r0, #255
	bls	2f
	movs	r0, #255
2:	bl	test_fail

/* SYS_EXIT with ADP_Stopped_ApplicationExit: the host exits with 0. */
	.thumb_func
	.globl	test_pass
test_pass:
	movs	r0, #0x18
	ldr	r1, =0x20026
	bkpt	0xab
	b	.

/* SYS_EXIT_EXTENDED {ApplicationExit, r0}: the host exits with r0. */
	.thumb_func
	.globl	test_fail
test_fail:
	ldr	r1, =exit_block
	ldr	r2, =0x20026
	str	r2, [r1]
	str	r0, [r1, #4]
	movs	r0, #0x20
	bkpt	0xab
	b	.

	.data
	.balign	4
	.globl	handlers
handlers:
	.space	4 * (16 + 32)
handlers_end:
exit_block:
	.word	0, 0
