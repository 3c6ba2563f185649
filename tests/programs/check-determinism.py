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


def run_once(command, timeout):
    proc = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout)
    out = proc.stdout.decode("utf-8", errors="backslashreplace")
    err = proc.stderr.decode("utf-8", errors="backslashreplace")
    if proc.returncode != 0:
        raise RuntimeError(f"exit status {proc.returncode}\nstdout:\n{out}\nstderr:\n{err}")
    console, summary = split_summary(out)
    if summary is None:
        raise RuntimeError(f"no JSON object at the end of stdout:\n{out}")
    last = json.dumps(summary)
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
