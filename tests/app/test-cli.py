#!/usr/bin/env python3
"""The command line as a user meets it: help, version, bad input that gets
one clear line on stderr, time limits, deadlock, Ctrl-C and --json."""
import json
import re
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

MEDLEY, BOARD32, BOARD64, SPIN, SLEEP, ECHO, FW_DIR = sys.argv[1:8]
CM3 = os.path.join(os.path.dirname(BOARD32), "cortex-m3.dts")


def run(*args, timeout=60, **kw):
    return subprocess.run([MEDLEY, *args], capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, **kw)


def wait_for(condition, deadline=120):
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition not met within %d s" % deadline)
        time.sleep(0.01)


def handles_sigint(pid):
    """Whether the process catches SIGINT yet (SigCgt in /proc/PID/status)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("SigCgt:"):
                return int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)) != 0
    return False


def cpu_ticks(pid):
    """User plus system time of the process, in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


class Cli(unittest.TestCase):
    def one_line_error(self, r, *needles):
        self.assertNotEqual(r.returncode, 0)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        for n in needles:
            self.assertIn(n, lines[0])

    def test_help_and_version(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("medley run BOARD.dts", r.stdout)
        r = run("run", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("--firmware", r.stdout)
        self.assertIn("--max-time", r.stdout)
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^medley \d+\.\d+\.\d+\n$")

    def test_bad_input(self):
        self.one_line_error(run("run", "/nonexistent/board.dts"), "/nonexistent/board.dts")
        self.one_line_error(run("run", BOARD32, "--firmware", "/nonexistent/x.elf"),
                            "/nonexistent/x.elf")
        # An ELF for another architecture: the medley binary itself.
        self.one_line_error(run("run", BOARD32, "--firmware", MEDLEY), "x86-64", "rv32imafdc")
        # A 64-bit RISC-V program on a 32-bit core is refused too.
        self.one_line_error(run("run", BOARD64, "--firmware", SPIN), "32-bit", "rv64imafdc")
        self.one_line_error(run("run", BOARD32, "--firmware", "mcu=" + SPIN), "'mcu'", "cpu0")
        self.one_line_error(run("run", BOARD32, "--max-time", "soon"), "soon")
        self.one_line_error(run("run"), "board")
        # `medley BOARD --kernel/--initrd/--append` without a display runs
        # headless with the options; a word that is neither is one line.
        nodisplay = dict(os.environ)
        nodisplay.pop("DISPLAY", None)
        nodisplay.pop("WAYLAND_DISPLAY", None)
        self.one_line_error(run(BOARD32, "--append", "quiet", env=nodisplay),
                            "cpu0", "device tree")
        self.one_line_error(run(BOARD64, "--kernel=" + SPIN, env=nodisplay), "RISC-V Linux Image")
        r = run(BOARD32, "--kernel", env=nodisplay)
        self.assertEqual(r.returncode, 2)
        self.assertIn("'--kernel' is neither a board", r.stderr.splitlines()[0])
        r = run("frobnicate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown command 'frobnicate'", r.stderr.splitlines()[0])
        with tempfile.NamedTemporaryFile("w", suffix=".dts") as f:
            f.write("/dts-v1/;\n/ {\n  oops\n};\n")
            f.flush()
            self.one_line_error(run("run", f.name), f.name + ":")
        # Hostile and odd board sources: one line naming file and line,
        # before dtc reads anything endless.
        with tempfile.TemporaryDirectory() as d:
            cases = {
                "zero.dts": ('/dts-v1/;\n/ {\n a = /incbin/("/dev/zero");\n};\n', ":3: ", "/dev/zero"),
                "inc.dts": ('/dts-v1/;\n/include/ "nope.dtsi"\n/ { };\n', ":2: ", "nope.dtsi"),
                "bom.dts": ('\ufeff/dts-v1/;\n/ { };\n', ":1: ", "byte-order mark"),
            }
            for name, (text, line, word) in cases.items():
                path = os.path.join(d, name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                self.one_line_error(run("run", path), path + line, word)

    def test_time_limit_and_json(self):
        r = run("run", BOARD32, "--firmware", SPIN, "--max-time", "2ms", "--json")
        self.assertEqual(r.returncode, 124, r.stderr)
        self.assertIn("time limit", r.stderr)
        summary = json.loads(r.stdout.strip().splitlines()[-1])
        self.assertEqual(summary["stop_reason"], "time-limit")
        self.assertEqual(summary["exit_code"], 124)
        self.assertEqual(summary["virtual_time_ps"], 2_000_000_000)
        # 1 GHz, one instruction a cycle: 2 ms is 2 million instructions.
        self.assertEqual(summary["instructions"], {"cpu0": 2_000_000})

    def test_tier(self):
        """--tier jit gives what the interpreter gives (docs/translator.md),
        breakpoints included, and on the Cortex-M3 (the Thumb frontend)."""
        self.one_line_error(run("run", BOARD32, "--tier", "fast"), "--tier")
        for board, args in ((BOARD32, ["--firmware", SPIN, "--max-time", "2ms"]),
                            (BOARD32, ["--break", "main"]),
                            (BOARD32, []),
                            (CM3, ["--max-time", "1ms"]),
                            (CM3, ["--break", "main"]),
                            (CM3, [])):
            outs = []
            for tier in ("interp", "jit"):
                r = run("run", board, *args, "--json", "--tier", tier)
                summary = json.loads(r.stdout.strip().splitlines()[-1])
                del summary["wall_time_s"]
                outs.append((r.returncode, r.stdout.strip().splitlines()[:-1], summary))
            self.assertEqual(outs[0], outs[1], args)

    def test_deadlock(self):
        r = run("run", BOARD32, "--firmware", SLEEP, "--max-time", "10s")
        self.assertEqual(r.returncode, 125, r.stderr)
        self.assertIn("waits for an interrupt", r.stderr)

    def test_break(self):
        r = run("run", BOARD32, "--break", "main", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stderr, r"cpu0 stopped at a breakpoint: pc 0x[0-9a-f]+ <main>")
        pc = r.stderr.split("pc ")[1].split()[0]
        self.assertIn("registers of cpu0 (rv32imafdc)", r.stdout)
        self.assertRegex(r.stdout, r"\bpc +" + pc + r"\b")
        summary = json.loads(r.stdout.strip().splitlines()[-1])
        self.assertEqual(summary["stop_reason"], "breakpoint")
        # No output yet: main has not printed anything.
        self.assertNotIn("Hello", r.stdout)
        self.one_line_error(run("run", BOARD32, "--break", "no_such_function"), "no_such_function")
        # Thumb: the symbol's bit 0 marks Thumb code; the stop is at the
        # even address of main's first instruction.
        cm3 = os.path.join(os.path.dirname(BOARD32), "cortex-m3.dts")
        r = run("run", cm3, "--break", "main")
        self.assertEqual(r.returncode, 0, r.stderr)
        m = re.search(r"stopped at a breakpoint: pc 0x([0-9a-f]+) <main>", r.stderr)
        self.assertIsNotNone(m, r.stderr)
        self.assertEqual(int(m.group(1), 16) % 2, 0)
        self.assertIn("registers of cpu0 (cortex-m3)", r.stdout)
        self.one_line_error(run("run", BOARD32, "--break", "mcu:main"), "mcu")

    def test_guest_exit_codes(self):
        """A guest's code becomes the status when it is 0-123, 1 otherwise
        (256 must not read as success, 124 not as the time limit); the exact
        code is on stderr and in the JSON, on RISC-V (test device) and Arm
        (semihosting) alike."""
        cases = [("rv", BOARD32, c) for c in (7, 123, 124, 256, 512)]
        cases += [("arm", CM3, c) for c in (7, 123, 124, 256, 512, -1)]
        for arch, board, code in cases:
            elf = os.path.join(FW_DIR, f"exit-{arch}-{code}.elf")
            if not os.path.exists(elf):
                self.skipTest(f"no {elf}")
            r = run("run", board, "--firmware", elf, "--json")
            want = code if 0 <= code <= 123 else 1
            self.assertEqual(r.returncode, want, (arch, code, r.stderr))
            summary = json.loads(r.stdout.strip().splitlines()[-1])
            self.assertEqual(summary["stop_reason"], "guest-exit")
            self.assertEqual(summary["exit_code"], code)
            self.assertEqual(summary["status"], want)
            lines = r.stderr.strip().splitlines()
            self.assertEqual(len(lines), 1, r.stderr)
            self.assertIn(f"exited with code {code}", lines[0])
            if want != code:
                self.assertIn("exit status is 1", lines[0])

    def test_semihost_write0(self):
        """SYS_WRITE0 prints a string up to its terminator, however long
        (arm-semihost.c reads it in runs; a byte at a time a missing
        terminator took seconds)."""
        elf = os.path.join(FW_DIR, "write0-arm.elf")
        if not os.path.exists(elf):
            self.skipTest(f"no {elf}")
        r = run("run", CM3, "--firmware", elf)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("<" + "0123456789" * 70 + ">\nshort\n", r.stdout)

    def test_break_overflow(self):
        self.one_line_error(run("run", BOARD32, "--firmware", SPIN, "--break", "0x100000000"),
                            "0x100000000", "32-bit")
        self.one_line_error(run("run", BOARD64, "--break", "0x10000000000000000"),
                            "0x10000000000000000", "64-bit")
        self.one_line_error(run("run", BOARD32, "--firmware", SPIN, "--break", "99999999999999999999999"),
                            "99999999999999999999999")

    def test_screenshot_path_checked_first(self):
        with tempfile.TemporaryDirectory() as d:
            for bad in (os.path.join(d, "no", "such", "shot.png"), d):
                r = run("run", BOARD32, "--firmware", SPIN, "--max-time", "1000s",
                        "--screenshot", bad)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.one_line_error(r, "--screenshot", bad)

    def test_piped_input_is_paced(self):
        # Far more than the UART's 16-byte FIFO, all at once: nothing lost.
        text = "".join(f"line {i}: the quick brown fox\n" for i in range(40))
        r = subprocess.run([MEDLEY, "run", BOARD32, "--firmware", ECHO],
                           input=text + "~", capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, text)

    def test_ctrl_c(self):
        # A lone CPU with no event before the time limit runs one long
        # run(): only the kick of the signal's thread ends it, in each
        # tier and architecture (translated loops test no exit request,
        # only the budget the kick clears).
        a64 = os.path.join(os.path.dirname(BOARD32), "..", "tests", "targets", "aarch64",
                           "virt.dts")
        cases = [(BOARD32, SPIN), (CM3, os.path.join(FW_DIR, "spin-arm.elf")),
                 (a64, os.path.join(FW_DIR, "spin-a64.elf"))]
        for board, fw in cases:
            if not os.path.exists(fw):
                continue
            for tier in ("interp", "jit"):
                with self.subTest(firmware=os.path.basename(fw), tier=tier):
                    self.ctrl_c(board, fw, tier)

    def ctrl_c(self, board, fw, tier):
        p = subprocess.Popen([MEDLEY, "run", board, "--firmware", fw, "--tier", tier,
                              "--max-time", "1000s", "--json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, text=True)
        # Wait for conditions, not for time (the machine may be loaded): the
        # handler is installed, then the guest has used some CPU time, or
        # (the Arm ones) said it spins: a stop asked before the first run()
        # may rightly run nothing.
        wait_for(lambda: handles_sigint(p.pid))
        if fw == SPIN:
            spent = cpu_ticks(p.pid)
            wait_for(lambda: cpu_ticks(p.pid) >= spent + 2)
        else:
            self.assertEqual(p.stdout.readline(), "spinning\n")
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 130, err)
        self.assertIn("interrupted", err)
        summary = json.loads(out.strip().splitlines()[-1])
        self.assertEqual(summary["stop_reason"], "user")
        self.assertGreater(summary["instructions"]["cpu0"], 0)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
