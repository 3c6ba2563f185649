/* Jumps to pseudo-random addresses: unmapped space, device windows, RAM
 * full of zeros (illegal instructions), the middle of this code.  Each
 * trap's handler picks the next target and returns there.  Wherever it
 * lands, the run must end cleanly (time limit, or a trap loop the core
 * reports when a wild jump rewrote mtvec). */
	.globl	_start
_start:
	la	s1, handler
	csrw	mtvec, s1
	li	s0, 0x9e3779b9
handler:
	slli	t1, s0, 13
	xor	s0, s0, t1
	srli	t1, s0, 17
	xor	s0, s0, t1
	slli	t1, s0, 5
	xor	s0, s0, t1
	csrw	mepc, s0
	mret
