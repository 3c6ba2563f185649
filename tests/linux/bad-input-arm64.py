#!/usr/bin/env python3
"""What `medley run --kernel` says about a kernel the Cortex-A53 cannot
boot directly: one line on stderr naming the file and the CPU, status 2,
no crash.  Small made-up files on a board with no firmware (the cluster
starts at the kernel, or with no kernel at the class's reset vector),
no Linux.

  bad-input-arm64.py MEDLEY
"""

import os
import subprocess
import sys
import tempfile
import unittest

MEDLEY = None

# 16 MiB of RAM at 0x40000000, no firmware: the core starts at the kernel.
BOARD = """/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	compatible = "medley,board";
	cpus {
		compatible = "cpus,cluster";
		#address-cells = <1>;
		#size-cells = <0>;
		medley,name = "cpu0";
		%(extra)s
		cpu@0 {
			device_type = "cpu";
			compatible = "arm,cortex-a53";
			reg = <0>;
			clock-frequency = <1000000>;
		};
	};
	memory@40000000 {
		device_type = "memory";
		compatible = "medley,ram";
		reg = <0x0 0x40000000 0x0 0x1000000>;
	};
};
"""


def image(flags=0x2, text_offset=0, size=0x10000):
    """An arm64 Image header (little-endian, 4 KiB pages by default) whose
    first instruction is a branch to itself."""
    head = (b"\x00\x00\x00\x14" + b"\0" * 4 + text_offset.to_bytes(8, "little")
            + size.to_bytes(8, "little") + flags.to_bytes(8, "little") + b"\0" * 24
            + b"ARM\x64" + b"\0" * 4)
    return head + b"\0" * 0x100


class BadInput(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def file(self, name, data):
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def board(self, extra="medley,device-tree;"):
        return self.file("board.dts", (BOARD % {"extra": extra}).encode())

    def run_medley(self, *args):
        return subprocess.run([MEDLEY, "run", *args, "--max-time", "1ms", "--no-input"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)

    def one_line(self, r, *needles):
        self.assertEqual(r.returncode, 2, r.stderr)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        for n in needles:
            self.assertIn(n, lines[0])

    def test_good_image(self):
        r = self.run_medley(self.board(), "--kernel", self.file("Image", image()))
        self.assertEqual(r.returncode, 124, r.stderr)   # the time limit: it spins

    def test_big_endian(self):
        be = self.file("Image.be", image(flags=0x3))
        self.one_line(self.run_medley(self.board(), "--kernel", be), be, "cpu0", "big-endian")

    def test_64k_pages(self):
        k64 = self.file("Image.64k", image(flags=0x6))
        self.one_line(self.run_medley(self.board(), "--kernel", k64), k64, "cpu0", "64 KiB")

    def test_not_an_image(self):
        elf = self.file("vmlinux", b"\x7fELF" + b"\0" * 200)
        self.one_line(self.run_medley(self.board(), "--kernel", elf), elf, "cpu0",
                      "not an arm64 Linux Image", "vmlinux?")
        gz = self.file("Image.gz", b"\x1f\x8b" + b"\0" * 200)
        self.one_line(self.run_medley(self.board(), "--kernel", gz), gz, "Image.gz?")
        riscv = self.file("Image.rv", image().replace(b"ARM\x64", b"RSC\x05"))
        self.one_line(self.run_medley(self.board(), "--kernel", riscv), riscv,
                      "not an arm64 Linux Image")
        short = self.file("short", b"ARM")
        self.one_line(self.run_medley(self.board(), "--kernel", short), short)

    def test_no_device_tree(self):
        k = self.file("Image", image())
        self.one_line(self.run_medley(self.board(""), "--kernel", k), "cpu0", k,
                      "medley,device-tree")

    def test_reset_vector(self):
        # Neither firmware nor kernel: the core starts at the class's reset
        # vector, 0, in a ROM holding a raw PSCI SYSTEM_OFF (movz w0, #8;
        # movk w0, #0x8400, lsl #16; hvc #0).
        code = self.file("off.bin", bytes.fromhex("00018052" "0080b072" "020000d4"))
        rom = ('rom@0 { compatible = "medley,rom"; reg = <0x0 0x0 0x0 0x10000>; '
               'medley,image = "%s"; };' % code)
        board = self.file("rom.dts", (BOARD % {"extra": ""}).replace(
            "\tmemory@40000000", "\t" + rom + "\n\tmemory@40000000").encode())
        r = self.run_medley(board)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_not_a_regular_file(self):
        # Read whole, /dev/zero grew until memory ran out; now it is refused
        # before a byte is read, as is a folder.
        for path in ("/dev/zero", self.dir.name):
            self.one_line(self.run_medley(self.board(), "--kernel", path), path, "cpu0",
                          "not a regular file")
            self.one_line(self.run_medley(self.board(), "--kernel", self.file("Image", image()),
                                          "--initrd", path), path, "cpu0", "initial RAM disk",
                          "not a regular file")

    def test_larger_than_ram(self):
        # 17 MiB against 16 MiB of RAM: refused with the address, not cut.
        big = self.file("Image.big", image() + b"\0" * (17 << 20))
        self.one_line(self.run_medley(self.board(), "--kernel", big), big, "cpu0",
                      "does not fit at 0x40000000")

    def test_missing_kernel(self):
        gone = os.path.join(self.dir.name, "gone")
        self.one_line(self.run_medley(self.board(), "--kernel", gone), gone, "cpu0")


if __name__ == "__main__":
    MEDLEY = sys.argv[1]
    unittest.main(argv=sys.argv[:1], verbosity=2)
