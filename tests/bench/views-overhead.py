#!/usr/bin/env python3
"""How much the views slow a running guest down.

usage: views-overhead.py --medley MEDLEY --gui VIEWS_OVERHEAD --xvfb RUN_XVFB
                         --board DTS --elf ELF [--runs N]

Runs the same CPU-bound firmware N times each (default 3), alternating:
  * headless: `MEDLEY run DTS --firmware ELF --json --no-input`; MIPS =
    instructions / wall_time_s of its JSON summary (the run alone, not
    start-up);
  * in the window: `RUN_XVFB VIEWS_OVERHEAD DTS ELF`, the real window with
    its views panel and every view (registers, memory, disassembly,
    anatomy, timeline, watchpoints) shown on the running CPU; it prints
    one JSON line with instructions, wall_time_s and mips (from Run to the
    halted snapshot).
It prints both medians and "slowdown X% (bar: 10%)".  It fails only when a
run fails (bad exit status, guest exit code not 0, no summary, different
instruction counts): never for being slow, since machines are noisy.
"""
import argparse
import json
import statistics
import subprocess
import sys


class RunFailed(Exception):
    pass


class Skipped(Exception):
    pass


def last_json(out: str):
    """The JSON object on the last line that holds one (a guest console may
    precede it on the same line)."""
    for line in reversed(out.splitlines()):
        for start in [i for i, ch in enumerate(line) if ch == "{"]:
            try:
                value = json.loads(line[start:])
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
    return None


def run(command, timeout):
    try:
        proc = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RunFailed(f"timed out after {timeout} s: {' '.join(command)}")
    out = proc.stdout.decode("utf-8", errors="backslashreplace")
    if proc.returncode == 77:
        raise Skipped(proc.stderr.decode("utf-8", errors="backslashreplace").strip())
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", errors="backslashreplace")
        raise RunFailed(f"exit status {proc.returncode}: {' '.join(command)}\n"
                        f"stdout:\n{out}\nstderr:\n{err[-4000:]}")
    summary = last_json(out)
    if summary is None:
        raise RunFailed(f"no JSON summary from {' '.join(command)}:\n{out[-2000:]}")
    return summary


def headless(args):
    s = run([args.medley, "run", args.board, "--firmware", args.elf, "--json", "--no-input"],
            args.timeout)
    if s.get("exit_code") != 0:
        raise RunFailed(f"headless guest exit code {s.get('exit_code')}: {s}")
    instructions = sum(s["instructions"].values())
    return instructions, s["wall_time_s"]


def windowed(args):
    s = run([args.xvfb, args.gui, args.board, args.elf], args.timeout)
    if s.get("exit_code") != 0 or s.get("state") != "halted":
        raise RunFailed(f"guest in the window did not pass: {s}")
    return s["instructions"], s["wall_time_s"], s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--medley", required=True)
    parser.add_argument("--gui", required=True)
    parser.add_argument("--xvfb", required=True)
    parser.add_argument("--board", required=True)
    parser.add_argument("--elf", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()

    head, gui = [], []
    try:
        # Alternating, so that a machine getting busier hurts both alike.
        for i in range(args.runs):
            n, t = headless(args)
            head.append((n, t))
            print(f"headless run {i + 1}: {n} instructions in {t:.3f} s = {n / t / 1e6:.1f} MIPS",
                  flush=True)
            n, t, s = windowed(args)
            gui.append((n, t))
            ui = s.get("ui_thread_cpu_s", 0.0)
            print(f"window run {i + 1}:   {n} instructions in {t:.3f} s = {n / t / 1e6:.1f} MIPS "
                  f"({s.get('view_updates')} view updates, {s.get('timeline_lanes')} timeline lanes, "
                  f"UI thread busy {100 * ui / t:.0f}% of the run)",
                  flush=True)
    except Skipped as e:
        print(f"SKIP: {e}")
        return 77
    except RunFailed as e:
        print(f"FAIL: {e}")
        return 1

    counts = {n for n, _ in head} | {n for n, _ in gui}
    if len(counts) != 1:
        # Both run the same deterministic machine to the same end.
        print(f"FAIL: instruction counts differ between runs: {sorted(counts)}")
        return 1
    head_mips = statistics.median(n / t / 1e6 for n, t in head)
    gui_mips = statistics.median(n / t / 1e6 for n, t in gui)
    slowdown = (head_mips - gui_mips) / head_mips * 100
    print(f"ELF:          {args.elf}")
    print(f"instructions: {counts.pop()}")
    print(f"headless:     {head_mips:.1f} MIPS (median of {args.runs})")
    print(f"window:       {gui_mips:.1f} MIPS (median of {args.runs}, all views shown)")
    print(f"slowdown {slowdown:.1f}% (bar: 10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
