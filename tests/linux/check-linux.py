#!/usr/bin/env python3
"""Debian's Linux on boards/riscv64-linux*.dts and boards/aarch64-linux*.dts,
headless (suite 'linux').

  check-linux.py MODE MEDLEY SOURCE_ROOT [ARCH]

MODE:
  shell        boots to the busybox prompt, types uname -a, cat
               /proc/cpuinfo (rv64imafdc; a Cortex-A53's part 0xd03), awk
               floating point and a pipeline, then poweroff -f, which must
               end the run with 0
  smp          the 4-core board: /proc/cpuinfo lists 4 processors
  determinism  two boots without input up to the same virtual time print
               the same console (the kernel's timestamps included), the
               busybox prompt among it, and stop at the same virtual time
  shell-jit    shell, with the translating tier (--tier jit)
  tiers        determinism's two boots, one interpreted and one translated
  tiers-smp    tiers on the 4-core board, a little past the prompt (2 s
               of virtual time on arm64, 9 s on riscv64): the same
               console, the same instruction count on every core, the
               same virtual time
ARCH: riscv64 (default; Debian 13 with OpenSBI's fw_jump) or arm64
(Debian 12, booted directly: no firmware).

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

# What differs between the two Linux boards.
ARCHES = {
    "riscv64": dict(board="riscv64-linux.dts", smp="riscv64-linux-smp.dts", append=APPEND,
                    uname=r"Linux .* riscv64", cpuinfo=r"isa\s*: rv64imafdc",
                    needs=FW_JUMP, why="Debian's OpenSBI is not installed (apt install opensbi)",
                    smp_prompt="9s"),
    "arm64": dict(board="aarch64-linux.dts", smp="aarch64-linux-smp.dts",
                  append="console=ttyAMA0 earlycon cryptomgr.notests",
                  uname=r"Linux .* aarch64", cpuinfo=r"CPU part\s*: 0xd03",
                  needs=None, why=None, smp_prompt="2s"),
}


def skip(why):
    print("skipped: " + why)
    sys.exit(77)


def fail(why):
    print("FAIL: " + why)
    sys.exit(1)


def fetch(root, arch="riscv64"):
    a = ARCHES[arch]
    if a["needs"] and not os.path.isfile(a["needs"]):
        skip("%s: needs %s" % (a["why"], a["needs"]))
    proc = subprocess.run([os.path.join(root, "tools", "fetch-debian-linux.sh"), "--arch", arch],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    paths = dict(line.split("=", 1) for line in proc.stdout.splitlines() if "=" in line)
    if proc.returncode != 0 or "kernel" not in paths or "initrd" not in paths:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        skip("cannot fetch Debian's %s kernel and busybox (no network?): %s" % (arch, last))
    return paths["kernel"], paths["initrd"]


def session(root, medley, board, kernel, initrd, sends, append=APPEND, tier=None):
    """Runs console-session.py; returns (console text, its key=value lines)."""
    cmd = [sys.executable, os.path.join(root, "tests", "linux", "console-session.py"),
           "--timeout", str(TIMEOUT)]
    for send, expect in sends:
        cmd += ["--send", send, "--expect", expect]
    cmd += ["--", medley, "run", board, "--kernel", kernel, "--initrd", initrd,
            "--append", append, "--max-time", "none"]
    cmd += ["--tier", tier] if tier else []
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
    arch = sys.argv[4] if len(sys.argv) > 4 else "riscv64"
    a = ARCHES[arch]
    kernel, initrd = fetch(root, arch)
    board = os.path.join(root, "boards", a["board"])
    if mode in ("shell", "shell-jit"):
        _, keys = session(root, medley, board, kernel, initrd, [
            ("uname -a", a["uname"]),
            ("cat /proc/cpuinfo", a["cpuinfo"]),
            ("awk 'BEGIN { printf \"%.6f\\n\", 1/3 }'", r"\n0\.333333\n"),
            ("seq 1 20 | grep 1 | sort -r | head -n 3 | tr '\\n' ,", r"19,18,17,"),
        ], a["append"], "jit" if mode == "shell-jit" else None)
        if keys.get("status") != "0":
            fail("poweroff -f ended the run with status %s, not 0" % keys.get("status"))
    elif mode == "smp":
        board = os.path.join(root, "boards", a["smp"])
        out, keys = session(root, medley, board, kernel, initrd, [
            ("grep -c ^processor /proc/cpuinfo", r"\n4\n"),
        ], a["append"])
        if keys.get("status") != "0":
            fail("poweroff -f ended the run with status %s, not 0" % keys.get("status"))
    elif mode in ("determinism", "tiers", "tiers-smp"):
        runs = []
        tiers = ["interp", "jit"] if mode.startswith("tiers") else [None, None]
        limit = "9s"
        if mode == "tiers-smp":
            # Four cores cost four times the CPU: stop soon after the prompt.
            board = os.path.join(root, "boards", a["smp"])
            limit = a["smp_prompt"]
        for tier in tiers:
            proc = subprocess.run([medley, "run", board, "--kernel", kernel, "--initrd",
                                   initrd, "--append", a["append"], "--no-input", "--json",
                                   "--max-time", limit] + (["--tier", tier] if tier else []),
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
        # busybox 1.37 shows ~ for $HOME, 1.35 the path.
        if not re.search(r"\n(~|/root) # ", text):
            fail("no busybox prompt within %s of virtual time" % limit)
        if out_a != out_b:
            fail("two boots printed different consoles")
        # Per core: {"cpu0.0": n, ...}
        if sum_a["instructions"] != sum_b["instructions"]:
            fail("two boots retired different instruction counts: %s and %s"
                 % (sum_a["instructions"], sum_b["instructions"]))
        if sum_a["virtual_time_ps"] != sum_b["virtual_time_ps"]:
            fail("two boots stopped at different virtual times: %d and %d ps"
                 % (sum_a["virtual_time_ps"], sum_b["virtual_time_ps"]))
        stamps = re.findall(r"\[\s*(\d+\.\d+)\] Run /init", text)
        print("same console (%d bytes), /init at %s s, stop at %d ps, instructions %s"
              % (len(out_a), stamps[0] if stamps else "?", sum_a["virtual_time_ps"],
                 sum_a["instructions"]))
    else:
        fail("unknown mode " + mode)
    print("PASS")


if __name__ == "__main__":
    main()
