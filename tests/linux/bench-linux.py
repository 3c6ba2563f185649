#!/usr/bin/env python3
"""Time to Debian's busybox prompt: Medley against QEMU, same kernel.

usage: bench-linux.py MEDLEY SOURCE_ROOT [ARCH...]   (riscv64, arm64; default both)

For each architecture, boots the kernel and initramfs of
tools/fetch-debian-linux.sh to the prompt, types the same few commands and
powers off, on Medley (boards/riscv64-linux.dts with OpenSBI, or
boards/aarch64-linux.dts booted directly) and through
tests/linux/qemu-reference.sh on QEMU's virt machine (`-cpu cortex-a53`
for arm64) by default and with `-icount shift=0`.  Reports the wall time
to the prompt, the CPU time of the whole session (on a loaded host the
fairer figure) and Medley's instructions and virtual time, in both of
Medley's tiers (interp, jit), then the ratios of the median CPU times
(BENCH_ROUNDS=N interleaved rounds, default 1).  Slowness never fails the benchmark; a run that never reaches the
prompt does.  An architecture whose kernel cannot be fetched, or whose
QEMU or OpenSBI is missing, is skipped with the reason; when all are,
the benchmark exits 77.
"""
import json
import os
import subprocess
import sys

ARCHES = {
    "riscv64": dict(board="boards/riscv64-linux.dts",
                    append="console=ttyS0 earlycon=sbi cryptomgr.notests",
                    sends=[("uname -a", r"Linux .* riscv64"),
                           ("cat /proc/cpuinfo", r"isa\s*: rv64imafdc")]),
    "arm64": dict(board="boards/aarch64-linux.dts",
                  append="console=ttyAMA0 earlycon cryptomgr.notests",
                  sends=[("uname -a", r"Linux .* aarch64"),
                         ("cat /proc/cpuinfo", r"CPU part\s*: 0xd03")]),
}
COMMON = [("awk 'BEGIN { printf \"%.6f\\n\", 1/3 }'", r"0\.333333"),
          ('echo one two three | tr " " "\\n" | sort -r | head -n 1', "two")]


def keys_of(stderr):
    return dict(line.split("=", 1) for line in stderr.splitlines() if "=" in line)


def medley(exe, root, arch, kernel, initrd, tier):
    a = ARCHES[arch]
    cmd = [sys.executable, os.path.join(root, "tests/linux/console-session.py"),
           "--timeout", "900"]
    for s, e in a["sends"] + COMMON:
        cmd += ["--send", s, "--expect", e]
    cmd += ["--", exe, "run", os.path.join(root, a["board"]), "--kernel",
            kernel, "--initrd", initrd, "--append", a["append"], "--max-time", "none", "--json",
            "--tier", tier]
    r = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if r.returncode != 0:
        raise SystemExit("FAIL: Medley (%s): %s" % (arch, r.stderr[-2000:]))
    k = keys_of(r.stderr)
    summary = json.loads(r.stdout.rstrip().rpartition("\n")[2])
    insns = sum(summary["instructions"].values())
    return float(k["prompt_s"]), float(k["cpu_s"]), insns, summary["virtual_time_ps"] / 1e12


def qemu(root, arch, icount):
    cmd = [os.path.join(root, "tests/linux/qemu-reference.sh"), "--arch", arch]
    cmd += ["--icount"] if icount else []
    r = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                       env=dict(os.environ, APPEND=ARCHES[arch]["append"] + " panic=-1"))
    if r.returncode == 77:
        return None
    if r.returncode != 0:
        raise SystemExit("FAIL: QEMU %s%s: %s" % (arch, " -icount" if icount else "",
                                                  r.stderr[-2000:]))
    k = keys_of(r.stderr)
    return float(k["prompt_s"]), float(k["cpu_s"])


def main():
    exe, root = sys.argv[1:3]
    arches = sys.argv[3:] or list(ARCHES)
    ran = 0
    for arch in arches:
        f = subprocess.run([os.path.join(root, "tools/fetch-debian-linux.sh"), "--arch", arch],
                           capture_output=True, text=True)
        paths = dict(l.split("=", 1) for l in f.stdout.splitlines() if "=" in l)
        if f.returncode != 0 or "kernel" not in paths:
            print("%s: skipped: cannot fetch Debian's kernel (no network?)" % arch)
            continue
        ran += 1
        # Both tiers, interleaved with QEMU's runs: BENCH_ROUNDS rounds
        # (default 1), medians of the CPU times.
        rounds = int(os.environ.get("BENCH_ROUNDS", "1"))
        cpu = {"interp": [], "jit": [], False: [], True: []}
        for _ in range(rounds):
            for tier in ("interp", "jit"):
                m = medley(exe, root, arch, paths["kernel"], paths["initrd"], tier)
                cpu[tier].append(m[1])
                # Instructions and virtual time are the whole session's: the
                # prompt, the commands (typed as fast as the console session
                # can) and poweroff.
                print("%-8s Medley %-6s:    prompt %.2f s wall, session %.2f s CPU, %d "
                      "instructions and %.3f s virtual in the session" % ((arch, tier) + m))
            for icount in (False, True):
                q = qemu(root, arch, icount)
                name = "QEMU -icount 0:" if icount else "QEMU default:  "
                if q is None:
                    print("%-8s %s   skipped (no QEMU or OpenSBI)" % (arch, name))
                    continue
                cpu[icount].append(q[1])
                print("%-8s %s   prompt %.2f s wall, session %.2f s CPU" % (arch, name, q[0], q[1]))
        med = {k: sorted(v)[len(v) // 2] for k, v in cpu.items() if v}
        for tier in ("interp", "jit"):
            line = "%-8s median CPU: Medley %s %.2f s" % (arch, tier, med[tier])
            for icount, name in ((True, "QEMU -icount"), (False, "QEMU")):
                if icount in med:
                    line += "; %s %.2f s (%.2fx)" % (name, med[icount], med[tier] / med[icount])
            print(line)
    if ran == 0:
        print("skipped: no kernel could be fetched")
        sys.exit(77)


if __name__ == "__main__":
    main()
