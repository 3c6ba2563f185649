#!/usr/bin/env python3
"""Run a `medley run ... --json` command twice and check both runs agree.

usage: check-determinism.py [--runs N] [--timeout S] -- COMMAND [ARG...]

COMMAND must print the guest console and then, as the last line of stdout,
one JSON object with at least the keys exit_code, virtual_time_ps,
instructions (object: CPU name -> count), wall_time_s and stop_reason.

Passes when every run exits with status 0 and reports exit_code 0, and the
console, virtual_time_ps, instructions and stop_reason are identical across
runs.  wall_time_s is host time and is ignored.  Medley promises the same
trace for the same board, firmware and inputs (see DESIGN.md, "Virtual
time"); this is the cheapest end-to-end check of that promise.
"""
import argparse
import json
import subprocess
import sys

REQUIRED = ("exit_code", "virtual_time_ps", "instructions", "wall_time_s", "stop_reason")
COMPARED = ("console", "virtual_time_ps", "instructions", "stop_reason")


def run_once(command, timeout):
    proc = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout)
    out = proc.stdout.decode("utf-8", errors="backslashreplace")
    err = proc.stderr.decode("utf-8", errors="backslashreplace")
    if proc.returncode != 0:
        raise RuntimeError(f"exit status {proc.returncode}\nstdout:\n{out}\nstderr:\n{err}")
    # The console need not end with a newline, but the JSON line must be last.
    body = out.rstrip("\r\n")
    cut = body.rfind("\n")
    console, last = body[:cut + 1], body[cut + 1:]
    try:
        summary = json.loads(last)
    except json.JSONDecodeError as e:
        raise RuntimeError(f"last line of stdout is not JSON ({e}): {last!r}")
    missing = [k for k in REQUIRED if k not in summary]
    if missing:
        raise RuntimeError(f"JSON summary lacks {missing}: {last}")
    if not isinstance(summary["instructions"], dict):
        raise RuntimeError(f"'instructions' is not an object: {last}")
    if summary["exit_code"] != 0:
        raise RuntimeError(f"guest exit_code {summary['exit_code']}: {last}\n{console}")
    summary["console"] = console
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()

    runs = []
    for i in range(args.runs):
        try:
            runs.append(run_once(args.command, args.timeout))
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            print(f"FAIL: run {i + 1}: {e}")
            print("command: " + " ".join(args.command))
            return 1

    ok = True
    for key in COMPARED:
        values = [r[key] for r in runs]
        if any(v != values[0] for v in values[1:]):
            ok = False
            print(f"FAIL: {key} differs between runs:")
            for i, v in enumerate(values):
                print(f"  run {i + 1}: {v!r}")
    first = runs[0]
    print(f"{'ok' if ok else 'FAIL'}: {args.runs} runs, virtual_time_ps "
          f"{first['virtual_time_ps']}, instructions {first['instructions']}, "
          f"stop_reason {first['stop_reason']!r}, wall "
          f"{', '.join(str(r['wall_time_s']) for r in runs)} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
