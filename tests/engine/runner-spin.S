/* Counts for ever: a guest that never stops on its own, for pause, step
 * and free-while-running.  Two instructions so that every step moves pc. */
	.globl _start
_start:
	li	t0, 0
1:	addi	t0, t0, 1
	j	1b
