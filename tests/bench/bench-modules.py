#!/usr/bin/env python3
"""What modularity changes: the modular binary against the linked one.

usage: bench-modules.py --board DTS --elf ELF BUILD=MEDLEY [BUILD=MEDLEY...]
                        [--valgrind VALGRIND] [--runs N]

For each build (in the modular build tree: 'modular' is the real binary,
'linked' the same objects linked into one binary as the default build
does; in the default tree only 'linked'):

  * start-up: wall time of a headless run of DTS with its own firmware (a
    short program), the shared objects mapped at exit and the peak
    resident memory (from MEDLEY_REPORT_MODULES, app/main.c, and wait4);
  * guest speed: MIPS of `run DTS --firmware ELF --json` (wall clock,
    reported, never asserted), and under callgrind the host instructions
    per guest instruction of a short run: a count the machine's load does
    not change, and the start-up's instructions likewise.

Medians of N runs (default 5), interleaved.  Wall-clock numbers are
printed for a person to read, never judged; it fails when a run fails, or
when the modular build needs more than 2 % more host instructions per
guest instruction than the linked one (a count, not a time: the guest
must not get slower for being in a module).
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


def clean_env(extra=None):
    env = dict(os.environ, **(extra or {}))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def run(command, timeout=300):
    """(stdout, wall seconds, MEDLEY_REPORT_MODULES lines)."""
    with tempfile.TemporaryDirectory(prefix="medley-bench-") as tmp:
        report = os.path.join(tmp, "report")
        start = time.perf_counter()
        proc = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout,
                              env=clean_env({"MEDLEY_REPORT_MODULES": report}))
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"exit {proc.returncode}: {' '.join(command)}\n"
                             + proc.stderr.decode("utf-8", "replace"))
        lines = open(report).read().splitlines() if os.path.exists(report) else []
    return proc.stdout.decode("utf-8", "replace"), wall, lines


def peak_rss_kib(command):
    """Peak resident set of one run, from the kernel's accounting."""
    env = clean_env()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_RDWR)
        os.dup2(fd, 0)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        try:
            os.execve(command[0], command, env)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"exit {os.waitstatus_to_exitcode(status)}: {' '.join(command)}")
    return usage.ru_maxrss


def mips(medley, board, elf):
    out, _, _ = run([medley, "run", board, "--firmware", elf, "--json"])
    summary = None
    for start in [m.start() for m in re.finditer(r"\{", out.rstrip().rsplit("\n", 1)[-1])]:
        try:
            summary = json.loads(out.rstrip().rsplit("\n", 1)[-1][start:])
            break
        except json.JSONDecodeError:
            continue
    if summary is None:
        raise SystemExit("no JSON summary from " + medley)
    insns = sum(summary["instructions"].values())
    return insns / float(summary["wall_time_s"]) / 1e6


def collected(valgrind, command):
    """(host instructions, guest instructions or 0) of one run under callgrind."""
    with tempfile.TemporaryDirectory(prefix="medley-cg-") as tmp:
        proc = subprocess.run([valgrind, "--tool=callgrind",
                               "--callgrind-out-file=" + os.path.join(tmp, "cg.out")] + command,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=900, env=clean_env())
    m = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
    if m is None:
        raise SystemExit("callgrind run failed:\n" + proc.stderr[-2000:])
    last = proc.stdout.rstrip().rsplit("\n", 1)[-1]
    guest = 0
    if "--json" in command and "{" in last:
        guest = sum(json.loads(last[last.index("{"):])["instructions"].values())
    return int(m.group(1)), guest


def callgrind(valgrind, medley, board, elf):
    """Start-up in host instructions (a headless run of the board's own
    short firmware), and host instructions per guest instruction between
    two runs of ELF of different lengths (start-up cancels out)."""
    boot, _ = collected(valgrind, [medley, "run", board])
    points = [collected(valgrind, [medley, "run", board, "--firmware", elf,
                                   "--max-time", t, "--json"]) for t in ("5ms", "25ms")]
    (h0, g0), (h1, g1) = points
    return boot, (h1 - h0) / max(1, g1 - g0)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--board", required=True)
    p.add_argument("--elf", required=True)
    p.add_argument("--valgrind")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("builds", nargs="+", metavar="BUILD=MEDLEY")
    args = p.parse_args()
    builds = [b.split("=", 1) for b in args.builds]

    start = {n: [] for n, _ in builds}
    speed = {n: [] for n, _ in builds}
    info = {}
    for _ in range(args.runs):
        for name, medley in builds:
            _, wall, lines = run([medley, "run", args.board])
            start[name].append(wall)
            info[name] = lines
            speed[name].append(mips(medley, args.board, args.elf))

    print(f"{'build':8} {'start-up ms':>11} {'libraries':>9} {'modules':>30} "
          f"{'peak RSS MiB':>12} {'MIPS':>8} {'start-up Minsn':>14} {'host/guest insn':>15}")
    per_guest = {}
    for name, medley in builds:
        lines = info[name]
        libs = [l for l in lines if l.startswith("library ")]
        mods = [l.split(" ", 1)[1] for l in lines if l.startswith("module ")]
        rss = statistics.median(peak_rss_kib([medley, "run", args.board])
                                for _ in range(3)) / 1024
        boot = per = "-"
        if args.valgrind:
            b, p = callgrind(args.valgrind, medley, args.board, args.elf)
            boot, per = f"{b / 1e6:.1f}", f"{p:.2f}"
            per_guest[name] = p
        shown = " ".join(mods) if len(mods) < 6 else f"{len(mods)} (all linked)"
        print(f"{name:8} {statistics.median(start[name]) * 1000:11.1f} {len(libs):9d} "
              f"{shown:>30} {rss:12.1f} {statistics.median(speed[name]):8.1f} {boot:>14} "
              f"{per:>15}")
    if "modular" in per_guest and "linked" in per_guest:
        ratio = per_guest["modular"] / per_guest["linked"]
        print(f"guest cost, modular / linked: {ratio:.4f}")
        if ratio > 1.02:
            print("FAIL: the modular build runs guests slower", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
