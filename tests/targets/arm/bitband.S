/*
 * bitband.S: the bit-band aliases of the Cortex-M3: words at 0x22000000
 * as the bits of SRAM from 0x20000000, words at 0x42000000 as the bits of
 * the peripherals from 0x40000000 (here the CMSDK timer's RELOAD, which
 * only takes word accesses); reads give 0 or 1, writes change one bit;
 * the access size chooses the unit read and written back.
 */
#include "test-macros.h"

	.equ	BYTE, 0x20000100
	.equ	ALIAS, 0x22000000 + (BYTE - 0x20000000) * 32
	.equ	RELOAD, 0x40000008
	.equ	RELOAD_ALIAS, 0x42000000 + (RELOAD - 0x40000000) * 32

	.text
	.thumb_func
	.globl	test_main
test_main:
	push	{r4-r6, lr}

	STORE32	BYTE, 0
	STORE32	ALIAS + 3 * 4, 1		/* bit 3 */
	LOAD32	r1, BYTE
	CHECK_EQ r1, 0x08, 1
	LOAD32	r1, ALIAS + 3 * 4
	CHECK_EQ r1, 1, 2
	LOAD32	r1, ALIAS + 2 * 4
	CHECK_EQ r1, 0, 3

	/* The top bit of the next word: byte 7, bit 7. */
	STORE32	BYTE + 4, 0xffffffff
	STORE32	ALIAS + (7 * 8 + 7) * 4, 0
	LOAD32	r1, BYTE + 4
	CHECK_EQ r1, 0x7fffffff, 4

	/* Halfword and byte accesses to the alias. */
	ldr	r0, =ALIAS + 3 * 4
	ldrh	r1, [r0]
	CHECK_EQ r1, 1, 5
	ldr	r0, =ALIAS
	movs	r1, #1
	strb	r1, [r0]
	LOAD32	r1, BYTE
	CHECK_EQ r1, 0x09, 6
	ldrb	r1, [r0]
	CHECK_EQ r1, 1, 7

	/* Any value with bit 0 set sets; bit 0 clear clears. */
	STORE32	ALIAS + 3 * 4, 0xfffffffe
	LOAD32	r1, BYTE
	CHECK_EQ r1, 0x01, 8

	/* A peripheral register through its alias (word accesses). */
	STORE32	RELOAD, 0
	STORE32	RELOAD_ALIAS + 4 * 4, 1
	LOAD32	r1, RELOAD
	CHECK_EQ r1, 0x10, 10
	LOAD32	r1, RELOAD_ALIAS + 4 * 4
	CHECK_EQ r1, 1, 11
	STORE32	RELOAD_ALIAS + 9 * 4, 1
	LOAD32	r1, RELOAD
	CHECK_EQ r1, 0x210, 12
	STORE32	RELOAD_ALIAS + 4 * 4, 0
	LOAD32	r1, RELOAD
	CHECK_EQ r1, 0x200, 13

	pop	{r4-r6, pc}
