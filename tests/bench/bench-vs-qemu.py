#!/usr/bin/env python3
"""Compare Medley's speed with QEMU's on the same bare-metal RV32 ELF.

usage: bench-vs-qemu.py --medley MEDLEY --board DTS --elf ELF
                        [--qemu QEMU] [--runs N] [--max-time T]

Runs, N times each (default 3):
  * `MEDLEY run DTS --firmware ELF --max-time T --json`: instructions and
    wall_time_s come from the JSON summary on the last line of stdout;
    MIPS = instructions / wall_time_s;
  * `QEMU -M virt -bios none -nographic -kernel ELF` (TCG default mode);
  * the same with `-icount shift=0` (one instruction per virtual ns, the
    mode closest to Medley's deterministic clock).
Every process is also timed by wall clock from the outside, start-up
included, and medians are reported, with the ratio Medley/QEMU of those
outside wall times (below 1 = Medley faster).

Slowness never fails the benchmark: it exits non-zero only when a run
fails (bad status, guest exit_code not 0, no JSON summary) or when the
consoles differ between runs or between Medley and QEMU.  Consoles are
compared after folding CR LF to LF (see tests/programs/compare-console.py).
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import time


class RunFailed(Exception):
    pass


def normalise(data: bytes) -> str:
    return re.sub(r"\r+\n", "\n", data.decode("utf-8", errors="backslashreplace"))


def split_summary(out: str):
    """Splits stdout into (console, JSON summary dict or None).

    The summary is the last line; when the guest's console did not end
    with a newline, the JSON starts in the middle of that line, so every
    '{' of it is tried as the start."""
    body = out.rstrip("\r\n")
    cut = body.rfind("\n") + 1
    last = body[cut:]
    for start in [i for i, ch in enumerate(last) if ch == "{"]:
        try:
            summary = json.loads(last[start:])
        except json.JSONDecodeError:
            continue
        if isinstance(summary, dict):
            return body[:cut] + last[:start], summary
    return out, None


def timed_run(command, timeout):
    start = time.perf_counter()
    try:
        proc = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RunFailed(f"timed out after {timeout} s: {' '.join(command)}")
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RunFailed(f"exit status {proc.returncode}: {' '.join(command)}\n"
                        f"stdout:\n{normalise(proc.stdout)}\n"
                        f"stderr:\n{proc.stderr.decode('utf-8', errors='backslashreplace')}")
    return normalise(proc.stdout), wall


def run_medley(args):
    command = [args.medley, "run", args.board, "--firmware", args.elf,
               "--max-time", args.max_time, "--json"]
    out, wall = timed_run(command, args.timeout)
    console, summary = split_summary(out)
    last = out.rstrip("\n").rsplit("\n", 1)[-1]
    try:
        if summary is None:
            raise ValueError("not JSON")
        instructions = sum(summary["instructions"].values())
        inner_wall = float(summary["wall_time_s"])
        exit_code = summary["exit_code"]
    except (json.JSONDecodeError, KeyError, AttributeError, TypeError, ValueError) as e:
        raise RunFailed(f"no usable JSON summary on the last line ({e!r}): {last!r}")
    if exit_code != 0:
        raise RunFailed(f"guest exit_code {exit_code}; console:\n{console}")
    return {"console": console, "wall": wall, "inner_wall": inner_wall,
            "instructions": instructions, "stop_reason": summary.get("stop_reason")}


def run_qemu(args, extra):
    command = [args.qemu, "-M", "virt", "-bios", "none", "-nographic", *extra,
               "-kernel", args.elf]
    console, wall = timed_run(command, args.timeout)
    return {"console": console, "wall": wall}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--medley", required=True)
    parser.add_argument("--board", required=True)
    parser.add_argument("--elf", required=True)
    parser.add_argument("--qemu", help="qemu-system-riscv32; QEMU runs are skipped without it")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-time", default="60s", help="Medley's --max-time (virtual)")
    parser.add_argument("--timeout", type=float, default=300, help="host seconds per run")
    args = parser.parse_args()

    configs = [("medley", lambda: run_medley(args))]
    if args.qemu:
        configs.append(("qemu", lambda: run_qemu(args, [])))
        configs.append(("qemu -icount shift=0", lambda: run_qemu(args, ["-icount", "shift=0"])))

    results = {}
    try:
        # Interleaved, so a slow spell of the host hits every config alike.
        for _ in range(args.runs):
            for name, run in configs:
                results.setdefault(name, []).append(run())
    except RunFailed as e:
        print(f"FAIL: {e}")
        return 1

    failed = False
    reference = results["medley"][0]["console"]
    for name, runs in results.items():
        for i, r in enumerate(runs):
            if r["console"] != reference:
                failed = True
                print(f"FAIL: console of {name} run {i + 1} differs from Medley run 1:\n"
                      f"--- medley run 1\n{reference}--- {name} run {i + 1}\n{r['console']}")
    counts = {r["instructions"] for r in results["medley"]}
    if len(counts) > 1:
        # Not a failure here (the determinism tests in tests/programs own
        # that promise), but the MIPS figure below is then suspect.
        print(f"WARNING: Medley's instruction count changes between runs: {sorted(counts)}")

    medley = results["medley"]
    instructions = medley[0]["instructions"]
    inner = statistics.median(r["inner_wall"] for r in medley)
    outer = statistics.median(r["wall"] for r in medley)
    print(f"ELF:          {args.elf}")
    print(f"console:      {reference.strip().splitlines()[-1] if reference.strip() else '(empty)'}")
    print(f"instructions: {instructions} (Medley, stop_reason {medley[0]['stop_reason']!r})")
    print(f"medley:       {inner:.3f} s run, {outer:.3f} s process (medians of {args.runs})")
    print(f"medley MIPS:  {instructions / inner / 1e6:.1f} (instructions / wall_time_s)"
          if inner > 0 else "medley MIPS:  n/a (wall_time_s is 0)")
    for name in ("qemu", "qemu -icount shift=0"):
        if name not in results:
            print(f"{name}: skipped (no --qemu)")
            continue
        q = statistics.median(r["wall"] for r in results[name])
        print(f"{name + ':':<26}{q:.3f} s process, "
              f"Medley/QEMU wall-time ratio {outer / q:.2f}, "
              f"QEMU-equivalent {instructions / q / 1e6:.0f} MIPS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
