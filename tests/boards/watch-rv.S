/* The watchpoint-position program for RV32 (test-watch-position): a store
 * to `var`, two adds, a load of it, two adds, then a pass through the test
 * device.  a2 counts the adds that ran.  Code at 0x80000000
 * (boards/riscv32-virt.dts, QEMU virt with -bios none). */
	.globl	_start, after_store, after_load, var
	.text
_start:
	la	a0, var
	li	a1, 5
	li	a2, 0
	sw	a1, 0(a0)
after_store:
	addi	a2, a2, 1
	addi	a2, a2, 1
	lw	a3, 0(a0)
after_load:
	addi	a2, a2, 1
	addi	a2, a2, 1
	li	t0, 0x100000
	li	t1, 0x5555
	sw	t1, 0(t0)
1:	j	1b

	.data
	.balign	4
var:	.word	0
