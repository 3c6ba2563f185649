/*
 * A first Cortex-M program in Thumb assembly.
 *
 * The core starts from the vector table at address 0: its first word is
 * the initial stack pointer, its second the reset handler.  The program
 * prints a greeting on the board's UART (a CMSDK UART at 0x40004000, as
 * on Arm's MPS2 boards), adds up 1 to 10, prints the sum, and ends the
 * run through semihosting.  Only 16-bit Thumb instructions are used, so
 * it runs on every Cortex-M.  Ctrl+B builds it; Run starts it.
 */
#define UART_BASE	0x40004000
#define UART_DATA	0x00
#define UART_STATE	0x04		/* bit 0: the transmit buffer is full */
#define UART_CTRL	0x08		/* bit 0: transmit enable */
#define UART_BAUDDIV	0x10

	.syntax	unified
	.thumb

	.section .vectors, "a"
	.word	__stack			/* initial stack pointer */
	.word	_start			/* reset */

	.text
	.globl	_start
	.thumb_func
_start:
	ldr	r0, =UART_BASE
	movs	r1, #16
	str	r1, [r0, #UART_BAUDDIV]
	movs	r1, #1
	str	r1, [r0, #UART_CTRL]

	ldr	r0, =greeting
	bl	puts

	movs	r4, #0			/* r4: the sum */
	movs	r5, #1			/* r5: the next number */
1:	adds	r4, r4, r5
	adds	r5, r5, #1
	cmp	r5, #10
	ble	1b

	ldr	r0, =result
	bl	puts
	movs	r0, r4
	bl	putdec
	movs	r0, #'\n'
	bl	putc

	movs	r0, #0x18		/* semihosting SYS_EXIT */
	ldr	r1, =0x20026		/* ADP_Stopped_ApplicationExit */
	bkpt	0xab
2:	b	2b

/* putc: sends the byte in r0 once the UART has room.  Uses r1, r2. */
	.thumb_func
putc:
	ldr	r1, =UART_BASE
3:	ldr	r2, [r1, #UART_STATE]
	lsls	r2, r2, #31		/* bit 0 into the sign */
	bmi	3b
	str	r0, [r1, #UART_DATA]
	bx	lr

/* puts: sends the string at r0.  Uses r0-r3. */
	.thumb_func
puts:
	push	{r4, lr}
	movs	r4, r0
4:	ldrb	r0, [r4]
	cmp	r0, #0
	beq	5f
	bl	putc
	adds	r4, r4, #1
	b	4b
5:	pop	{r4, pc}

/* putdec: sends the unsigned number in r0 in decimal (no divide
 * instruction on ARMv6-M: each digit is counted by subtraction). */
	.thumb_func
putdec:
	push	{r4-r7, lr}
	movs	r4, r0			/* what is left to print */
	ldr	r5, =powers		/* 1000000000, 100000000, ..., 1 */
	movs	r7, #0			/* a digit other than 0 was printed */
6:	ldr	r6, [r5]
	cmp	r6, #0
	beq	9f
	movs	r0, #'0'
7:	cmp	r4, r6
	blo	8f
	subs	r4, r4, r6
	adds	r0, r0, #1
	b	7b
8:	adds	r5, r5, #4
	cmp	r6, #1			/* the last digit always shows */
	beq	10f
	cmp	r0, #'0'
	bne	10f
	cmp	r7, #0
	beq	6b
10:	movs	r7, #1
	bl	putc
	b	6b
9:	pop	{r4-r7, pc}

	.section .rodata
	.balign	4
powers:
	.word	1000000000, 100000000, 10000000, 1000000, 100000, 10000, 1000, 100, 10, 1, 0
greeting:
	.asciz	"Hello from Thumb assembly!\n"
result:
	.asciz	"The sum of 1..10 is "
