/* Counts to a few million, printing a digit every 2^18 rounds, then
 * passes (test device 0x5555): a guest that ends on its own after many
 * slices of virtual time, for pacing, which must not change what it sees. */
	.equ	UART, 0x10000000
	.equ	TEST, 0x100000
	.globl _start
_start:
	li	s0, UART
	li	s1, TEST
	li	t0, 0
	li	t2, 0x400000
	li	t3, 0x3ffff
1:	addi	t0, t0, 1
	and	t1, t0, t3
	bnez	t1, 2f
	srli	t4, t0, 18
	addi	t4, t4, '0'
	sb	t4, 0(s0)
2:	bne	t0, t2, 1b
	li	t0, 0x5555
	sw	t0, 0(s1)
3:	j	3b
