#!/usr/bin/env python3
"""What `medley run --kernel/--initrd/--append` and a board's initrd say
about bad input: one line on stderr naming the file and the CPU, status
2, no crash.  Fast: small files and a tiny firmware, no Linux.

  bad-input.py MEDLEY FIRMWARE.elf   (an RV32 program linked at 0x80000000)
"""

import os
import subprocess
import sys
import tempfile
import unittest

MEDLEY = FIRMWARE = None

# 16 MiB of RAM at 0x80000000: the device tree goes to 0x80e00000.
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
		medley,firmware = "%(firmware)s";
		medley,payload-address = <0x0 0x80400000>;
		%(extra)s
		cpu@0 {
			device_type = "cpu";
			compatible = "riscv,rv32imac";
			reg = <0>;
			clock-frequency = <1000000>;
		};
	};
	memory@80000000 {
		device_type = "memory";
		compatible = "medley,ram";
		reg = <0x0 0x80000000 0x0 0x1000000>;
	};
};
"""


class BadInput(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.image = self.file("Image", b"\0" * 8 + (0x400000).to_bytes(8, "little")
                               + b"\0" * 0x28 + b"RSC\x05" + b"\0" * 0xc4)
        self.small = self.file("initrd.cpio", b"07070100" * 64)

    def tearDown(self):
        self.dir.cleanup()

    def file(self, name, data):
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def board(self, extra="medley,device-tree;"):
        return self.file("board.dts", (BOARD % {"firmware": FIRMWARE, "extra": extra}).encode())

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

    def test_good_run(self):
        r = self.run_medley(self.board(), "--kernel", self.image, "--initrd", self.small,
                            "--append", "console=ttyS0")
        self.assertEqual(r.returncode, 124, r.stderr)   # the time limit, nothing wrong

    def test_not_an_image(self):
        junk = self.file("vmlinux", b"\x7fELF" + b"\0" * 200)
        self.one_line(self.run_medley(self.board(), "--kernel", junk),
                      junk, "cpu0", "not a RISC-V Linux Image")
        short = self.file("short", b"RSC")
        self.one_line(self.run_medley(self.board(), "--kernel", short), short,
                      "not a RISC-V Linux Image")

    def test_missing_files(self):
        gone = os.path.join(self.dir.name, "gone")
        self.one_line(self.run_medley(self.board(), "--kernel", gone), gone, "cpu0")
        self.one_line(self.run_medley(self.board(), "--initrd", gone), gone, "cpu0",
                      "initial RAM disk")
        board = self.file("nofw.dts", (BOARD % {"firmware": gone, "extra": ""}).encode())
        self.one_line(self.run_medley(board), gone, "cpu0", "firmware")
        board = self.board('medley,device-tree;\n\t\tmedley,initrd = "nope.cpio";')
        self.one_line(self.run_medley(board), "nope.cpio", "cpu0")

    def test_initrd_too_big(self):
        big = os.path.join(self.dir.name, "big")
        with open(big, "wb") as f:
            f.truncate(17 << 20)
        self.one_line(self.run_medley(self.board(), "--initrd", big), big, "cpu0",
                      "does not fit")

    def test_initrd_overlaps(self):
        board = self.board("medley,device-tree;\n\t\tmedley,initrd-address = <0x0 0x80400080>;")
        self.one_line(self.run_medley(board, "--kernel", self.image, "--initrd", self.small),
                      self.small, "cpu0", "overlaps the kernel")
        board = self.board("medley,device-tree;\n\t\tmedley,initrd-address = <0x0 0x80e00000>;")
        self.one_line(self.run_medley(board, "--initrd", self.small),
                      self.small, "cpu0", "overlaps the device tree")
        board = self.board("medley,device-tree;\n\t\tmedley,initrd-address = <0x0 0x80ffff00>;")
        self.one_line(self.run_medley(board, "--initrd", self.small),
                      self.small, "cpu0", "does not fit")

    def test_bootargs_too_long(self):
        self.one_line(self.run_medley(self.board(), "--append", "x" * 1024), "cpu0",
                      "1024 bytes", "1023 at most")

    def test_no_device_tree(self):
        self.one_line(self.run_medley(self.board(""), "--initrd", self.small), "cpu0",
                      "medley,device-tree")

    def test_which_cluster(self):
        self.one_line(self.run_medley(self.board(), "--kernel", "cpu9=" + self.image),
                      "no CPU called 'cpu9'")


if __name__ == "__main__":
    MEDLEY, FIRMWARE = sys.argv[1], os.path.abspath(sys.argv[2])
    unittest.main(argv=sys.argv[:1], verbosity=2)
