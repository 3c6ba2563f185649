/* Stores to pseudo-random addresses all over the 32-bit space: RAM,
 * holes, device windows (the UART prints garbage, the CLINT takes odd
 * values), misaligned.  Every fault is skipped by the handler.  Only the
 * test/exit device and this code's own page are spared, so the run ends
 * at the time limit.  Built without the C extension: the handler skips
 * 4-byte instructions. */
	.globl	_start
_start:
	la	t0, handler
	csrw	mtvec, t0
	li	s0, 0x2545f491
loop:
	/* xorshift32 */
	slli	t1, s0, 13
	xor	s0, s0, t1
	srli	t1, s0, 17
	xor	s0, s0, t1
	slli	t1, s0, 5
	xor	s0, s0, t1
	srli	t1, s0, 12
	li	t2, 0x100		/* the test/exit device */
	beq	t1, t2, loop
	li	t2, 0x80000		/* this code */
	beq	t1, t2, loop
	sw	s0, 0(s0)
	sb	s0, 3(s0)
	sh	s0, 1(s0)
	j	loop

handler:
	csrr	t3, mepc
	addi	t3, t3, 4
	csrw	mepc, t3
	mret
