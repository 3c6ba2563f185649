/*
 * A first AArch64 program in assembly.
 *
 * It prints a greeting on the board's UART (a PL011 at 0x09000000, as on
 * QEMU's virt machine), adds up 1 to 10, prints the sum, and powers the
 * board off through PSCI.  Ctrl+B builds it; Run starts it.
 */
#define UART_BASE	0x09000000
#define UART_DR		0x000		/* data register */
#define UART_FR		0x018		/* flags: bit 5 = transmit FIFO full */
#define PSCI_SYSTEM_OFF	0x84000008

	.section .text.start, "ax"
	.globl	_start
_start:
	ldr	x1, =__stack		/* top of RAM (the linker script's) */
	mov	sp, x1
	adr	x0, greeting
	bl	puts

	mov	x19, #0			/* x19: the sum */
	mov	x20, #1			/* x20: the next number */
1:	add	x19, x19, x20
	add	x20, x20, #1
	cmp	x20, #10
	b.le	1b

	adr	x0, result
	bl	puts
	mov	x0, x19
	bl	putdec
	mov	x0, #'\n'
	bl	putc

	ldr	w0, =PSCI_SYSTEM_OFF
	hvc	#0
2:	wfi
	b	2b

/* putc: sends the byte in w0 once the UART has room.  Uses x9, w10. */
putc:
	ldr	x9, =UART_BASE
3:	ldr	w10, [x9, #UART_FR]
	tbnz	w10, #5, 3b
	str	w0, [x9, #UART_DR]
	ret

/* puts: sends the string at x0.  Uses x11, x12. */
puts:
	mov	x11, x0
	mov	x12, x30
4:	ldrb	w0, [x11], #1
	cbz	w0, 5f
	bl	putc
	b	4b
5:	mov	x30, x12
	ret

/* putdec: sends the unsigned number in x0 in decimal.  Uses x13-x16. */
putdec:
	mov	x16, x30
	adr	x13, digits_end
	strb	wzr, [x13]
	mov	x14, #10
6:	udiv	x15, x0, x14
	msub	x9, x15, x14, x0	/* the last digit */
	add	x9, x9, #'0'
	strb	w9, [x13, #-1]!
	mov	x0, x15
	cbnz	x0, 6b
	mov	x0, x13
	bl	puts
	mov	x30, x16
	ret

greeting:
	.asciz	"Hello from AArch64 assembly!\n"
result:
	.asciz	"The sum of 1..10 is "
	.balign	8

	.data
digits:
	.space	24
digits_end:
	.space	1
