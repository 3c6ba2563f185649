/* QEMU's -bios start for an AArch64 cluster: firmware that is a raw
 * binary in flash (Debian's u-boot.bin) starts at flash address 0 with
 * the device tree's address in x0, which the cluster's reset already
 * put there (medley,device-tree); this stub only jumps.  Medley loads
 * clusters' firmware from ELF files, and a raw image in a ROM has none. */
	.section .text.start, "ax"
	.global _start
_start:
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	br	x4
