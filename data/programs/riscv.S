/*
 * A first RISC-V program in assembly.
 *
 * It prints a greeting on the board's UART (an NS16550 at 0x10000000, as
 * on QEMU's virt machine), adds up 1 to 10, prints the sum, and ends the
 * run through the test device.  Ctrl+B builds it; Run starts it.
 *
 * Try: step through it (F10 in the main window) and watch t0 and t1 in the registers view.
 */
#define UART_BASE	0x10000000
#define UART_LSR	5		/* line status register */
#define LSR_THRE	0x20		/* the transmitter takes a byte */
#define TEST_BASE	0x100000	/* writing PASS here ends the run */
#define TEST_PASS	0x5555

	.section .text.start, "ax"
	.globl	_start
_start:
	la	sp, __stack		/* top of RAM (the linker script's) */
	la	a0, greeting
	call	puts

	li	t0, 0			/* t0: the sum */
	li	t1, 1			/* t1: the next number */
	li	t2, 10
1:	add	t0, t0, t1
	addi	t1, t1, 1
	ble	t1, t2, 1b

	la	a0, result
	call	puts
	mv	a0, t0
	call	putdec
	li	a0, '\n'
	call	putc

	li	t0, TEST_BASE
	li	t1, TEST_PASS
	sw	t1, 0(t0)
2:	wfi				/* not reached: the run has ended */
	j	2b

/* putc: sends the byte in a0, after the UART has room for it. */
putc:
	li	t3, UART_BASE
3:	lbu	t4, UART_LSR(t3)
	andi	t4, t4, LSR_THRE
	beqz	t4, 3b
	sb	a0, 0(t3)
	ret

/* puts: sends the string at a0, up to its terminating zero. */
puts:
	mv	t5, a0
	mv	t6, ra
4:	lbu	a0, 0(t5)
	beqz	a0, 5f
	call	putc
	addi	t5, t5, 1
	j	4b
5:	mv	ra, t6
	ret

/* putdec: sends the unsigned number in a0 in decimal. */
putdec:
	mv	s1, ra
	la	t5, digits_end
	sb	zero, 0(t5)
	li	t4, 10
6:	remu	t3, a0, t4		/* the last digit */
	addi	t3, t3, '0'
	addi	t5, t5, -1
	sb	t3, 0(t5)
	divu	a0, a0, t4
	bnez	a0, 6b
	mv	a0, t5
	call	puts
	mv	ra, s1
	ret

	.section .rodata
greeting:
	.asciz	"Hello from RISC-V assembly!\n"
result:
	.asciz	"The sum of 1..10 is "

	.bss
digits:
	.space	24
digits_end:
	.space	1
