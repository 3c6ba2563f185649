#!/usr/bin/env python3
"""Debian's Linux on boards/riscv64-linux*.dts, headless (suite 'linux').

  check-linux.py MODE MEDLEY SOURCE_ROOT

MODE:
  shell        boots to the busybox prompt, types uname -a, cat
               /proc/cpuinfo (rv64imafdc), awk floating point and a
               pipeline, then poweroff -f, which must end the run with 0
  smp          the 4-hart board: /proc/cpuinfo lists 4 processors
  determinism  two boots without input up to the same virtual time print
               the same console (the kernel's timestamps included), the
               busybox prompt among it, and stop at the same virtual time

The kernel and initramfs come from tools/fetch-debian-linux.sh, whose
cache lies outside the clone (reused when present).  When they cannot be
fetched (no network) or Debian's OpenSBI is missing, the test says why
and exits 77 (skip).
"""

import json
import os
import re
import subprocess
import sys

FW_JUMP = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf"
# The crypto self-tests take 4 s of guest time and test nothing of ours.
APPEND = "console=ttyS0 earlycon=sbi cryptomgr.notests"
TIMEOUT = 900  # wall seconds per wait: a boot is 10-20 s of CPU on a loaded machine


def skip(why):
    print("skipped: " + why)
    sys.exit(77)


def fail(why):
    print("FAIL: " + why)
    sys.exit(1)


def fetch(root):
    if not os.path.isfile(FW_JUMP):
        skip("Debian's OpenSBI is not installed (apt install opensbi): needs " + FW_JUMP)
    proc = subprocess.run([os.path.join(root, "tools", "fetch-debian-linux.sh")],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    paths = dict(line.split("=", 1) for line in proc.stdout.splitlines() if "=" in line)
    if proc.returncode != 0 or "kernel" not in paths or "initrd" not in paths:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        skip("cannot fetch Debian's riscv64 kernel and busybox (no network?): " + last)
    return paths["kernel"], paths["initrd"]


def session(root, medley, board, kernel, initrd, sends):
    """Runs console-session.py; returns (console text, its key=value lines)."""
    cmd = [sys.executable, os.path.join(root, "tests", "linux", "console-session.py"),
           "--timeout", str(TIMEOUT)]
    for send, expect in sends:
        cmd += ["--send", send, "--expect", expect]
    cmd += ["--", medley, "run", board, "--kernel", kernel, "--initrd", initrd,
            "--append", APPEND, "--max-time", "none"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, errors="replace")
    sys.stdout.write(proc.stdout[-4000:])
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        fail("the console session failed (see above)")
    keys = dict(line.split("=", 1) for line in proc.stderr.splitlines() if "=" in line)
    return proc.stdout, keys


def main():
    mode, medley, root = sys.argv[1:4]
    kernel, initrd = fetch(root)
    board = os.path.join(root, "boards", "riscv64-linux.dts")
    if mode == "shell":
        _, keys = session(root, medley, board, kernel, initrd, [
            ("uname -a", r"Linux .* riscv64"),
            ("cat /proc/cpuinfo", r"isa\s*: rv64imafdc"),
            ("awk 'BEGIN { printf \"%.6f\\n\", 1/3 }'", r"\n0\.333333\n"),
            ("seq 1 20 | grep 1 | sort -r | head -n 3 | tr '\\n' ,", r"19,18,17,"),
        ])
        if keys.get("status") != "0":
            fail("poweroff -f ended the run with status %s, not 0" % keys.get("status"))
    elif mode == "smp":
        board = os.path.join(root, "boards", "riscv64-linux-smp.dts")
        out, keys = session(root, medley, board, kernel, initrd, [
            ("grep -c ^processor /proc/cpuinfo", r"\n4\n"),
        ])
        if keys.get("status") != "0":
            fail("poweroff -f ended the run with status %s, not 0" % keys.get("status"))
    elif mode == "determinism":
        runs = []
        for _ in range(2):
            proc = subprocess.run([medley, "run", board, "--kernel", kernel, "--initrd",
                                   initrd, "--append", APPEND, "--no-input", "--json",
                                   "--max-time", "9s"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=TIMEOUT * 2)
            # The JSON follows the console, on the prompt's line.
            at = proc.stdout.rfind(b'{"exit_code"')
            if at < 0:
                fail("no --json summary: " + proc.stderr.decode(errors="replace"))
            runs.append((proc.stdout[:at], json.loads(proc.stdout[at:])))
        (out_a, sum_a), (out_b, sum_b) = runs
        text = out_a.decode(errors="replace")
        sys.stdout.write(text[-2000:] + "\n")
        if not re.search(r"\n~ # ", text):
            fail("no busybox prompt within 9 s of virtual time")
        if out_a != out_b:
            fail("two boots printed different consoles")
        if sum_a["virtual_time_ps"] != sum_b["virtual_time_ps"]:
            fail("two boots stopped at different virtual times: %d and %d ps"
                 % (sum_a["virtual_time_ps"], sum_b["virtual_time_ps"]))
        stamps = re.findall(r"\[\s*(\d+\.\d+)\] Run /init", text)
        print("same console (%d bytes), /init at %s s, stop at %d ps"
              % (len(out_a), stamps[0] if stamps else "?", sum_a["virtual_time_ps"]))
    else:
        fail("unknown mode " + mode)
    print("PASS")


if __name__ == "__main__":
    main()
