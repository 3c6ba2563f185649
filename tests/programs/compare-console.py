#!/usr/bin/env python3
"""Run an emulator and compare the guest's console (its stdout) with a file.

usage: compare-console.py (--expected FILE | --contains TEXT) [--exit-code N]
                          [--timeout S] -- COMMAND [ARG...]

Passes when COMMAND exits with status N (default 0) and its stdout equals
FILE (or contains TEXT).  On failure the unified diff, the exit status and
COMMAND's stderr are printed.

Line endings are normalised before comparing, on both sides: every CR LF
becomes LF.  The firmware's runtime sends CR LF for each newline (as a
serial console driver does), and a host tty under QEMU's -nographic may add
its own CR as well, so "\\r\\r\\n" is also folded to "\\n".  A CR anywhere
else is kept and so shows up in the diff.  Expected files are stored with
LF only.
"""
import argparse
import difflib
import re
import subprocess
import sys


def normalise(data: bytes) -> str:
    text = data.decode("utf-8", errors="backslashreplace")
    return re.sub(r"\r+\n", "\n", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--expected", help="file holding the whole expected console")
    what.add_argument("--contains", help="text the console must contain")
    parser.add_argument("--exit-code", type=int, default=0,
                        help="exit status the command must return (default 0)")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds before the command is killed (default 120)")
    parser.add_argument("command", nargs="+", help="emulator command line, after --")
    args = parser.parse_args()

    try:
        # stdin from /dev/null: QEMU's -nographic console must not read
        # (or change the mode of) the terminal of whoever runs the tests.
        proc = subprocess.run(args.command, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=args.timeout)
    except subprocess.TimeoutExpired as e:
        print(f"FAIL: timed out after {args.timeout} s: {' '.join(args.command)}")
        if e.stdout:
            print("console so far:\n" + normalise(e.stdout))
        return 1

    actual = normalise(proc.stdout)
    failures = []
    if proc.returncode != args.exit_code:
        failures.append(f"exit status {proc.returncode}, expected {args.exit_code}")

    if args.expected is not None:
        with open(args.expected, "rb") as f:
            expected = normalise(f.read())
        if actual != expected:
            failures.append("console differs from " + args.expected)
            sys.stdout.writelines(difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                fromfile="expected", tofile="actual"))
    elif args.contains not in actual:
        failures.append(f"console lacks {args.contains!r}; it was:\n{actual}")

    if failures:
        print("command: " + " ".join(args.command))
        for failure in failures:
            print("FAIL: " + failure)
        if proc.stderr:
            print("stderr:\n" + proc.stderr.decode("utf-8", errors="backslashreplace"))
        return 1
    print(f"ok: {len(actual)} characters of console matched")
    return 0


if __name__ == "__main__":
    sys.exit(main())
