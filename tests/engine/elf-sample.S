/* A tiny RISC-V image for the ELF loader tests: text, data and bss
 * segments at known addresses, and a few symbols. */
	.section .text
	.globl _start
	.type _start, @function
_start:
	li	a0, 0x5555
	j	_start
	.size _start, . - _start

	.globl helper
	.type helper, @function
helper:
	ret
	.size helper, . - helper

	.section .data
	.globl table
	.type table, @object
table:
	.word 0x11223344, 0x55667788
	.size table, . - table

	.section .bss
	.globl zeroed
	.type zeroed, @object
zeroed:
	.space 256
	.size zeroed, . - zeroed
