#!/usr/bin/env python3
"""Time to Debian's busybox prompt: Medley against QEMU, same kernel.

usage: bench-linux.py MEDLEY SOURCE_ROOT

Boots the kernel and initramfs of tools/fetch-debian-linux.sh to the
prompt, types the same few commands and powers off, on Medley
(boards/riscv64-linux.dts) and through tests/linux/qemu-reference.sh on
`qemu-system-riscv64 -M virt` by default and with `-icount shift=0`.
Reports the wall time to the prompt, the CPU time of the whole session
(on a loaded host the fairer figure) and Medley's instructions and
virtual time, then the ratios.  Slowness never fails the benchmark; a run
that never reaches the prompt does.  Skips (77) when the kernel cannot be
fetched or OpenSBI or QEMU is missing.
"""
import json
import os
import subprocess
import sys

APPEND = "console=ttyS0 earlycon=sbi cryptomgr.notests"
SENDS = [("uname -a", r"Linux .* riscv64"),
         ("cat /proc/cpuinfo", r"isa\s*: rv64imafdc"),
         ("awk 'BEGIN { printf \"%.6f\\n\", 1/3 }'", r"0\.333333"),
         ('echo one two three | tr " " "\\n" | sort -r | head -n 1', "two")]


def keys_of(stderr):
    return dict(line.split("=", 1) for line in stderr.splitlines() if "=" in line)


def medley(exe, root, kernel, initrd):
    cmd = [sys.executable, os.path.join(root, "tests/linux/console-session.py"),
           "--timeout", "900"]
    for s, e in SENDS:
        cmd += ["--send", s, "--expect", e]
    cmd += ["--", exe, "run", os.path.join(root, "boards/riscv64-linux.dts"), "--kernel",
            kernel, "--initrd", initrd, "--append", APPEND, "--max-time", "none", "--json"]
    r = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if r.returncode != 0:
        raise SystemExit("FAIL: Medley: " + r.stderr[-2000:])
    k = keys_of(r.stderr)
    summary = json.loads(r.stdout.rstrip().rpartition("\n")[2])
    insns = sum(summary["instructions"].values())
    return float(k["prompt_s"]), float(k["cpu_s"]), insns, summary["virtual_time_ps"] / 1e12


def qemu(root, icount):
    cmd = [os.path.join(root, "tests/linux/qemu-reference.sh")] + (["--icount"] if icount else [])
    r = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                       env=dict(os.environ, APPEND=APPEND + " panic=-1"))
    if r.returncode == 77:
        return None
    if r.returncode != 0:
        raise SystemExit("FAIL: QEMU%s: %s" % (" -icount" if icount else "", r.stderr[-2000:]))
    k = keys_of(r.stderr)
    return float(k["prompt_s"]), float(k["cpu_s"])


def main():
    exe, root = sys.argv[1:3]
    f = subprocess.run([os.path.join(root, "tools/fetch-debian-linux.sh")],
                       capture_output=True, text=True)
    paths = dict(l.split("=", 1) for l in f.stdout.splitlines() if "=" in l)
    if f.returncode != 0 or "kernel" not in paths:
        print("skipped: cannot fetch Debian's riscv64 kernel (no network?)")
        sys.exit(77)
    m = medley(exe, root, paths["kernel"], paths["initrd"])
    # Instructions and virtual time are the whole session's: the prompt,
    # the commands (typed as fast as the console session can) and poweroff.
    print("Medley:           prompt %.2f s wall, session %.2f s CPU, %d instructions and "
          "%.3f s virtual in the session" % m)
    for icount in (False, True):
        q = qemu(root, icount)
        name = "QEMU -icount 0:" if icount else "QEMU default:  "
        if q is None:
            print(name + "   skipped (no QEMU or OpenSBI)")
            continue
        print("%s   prompt %.2f s wall, session %.2f s CPU; Medley/QEMU: %.2fx wall, "
              "%.2fx CPU" % (name, q[0], q[1], m[0] / q[0], m[1] / q[1]))


if __name__ == "__main__":
    main()
