#!/usr/bin/env python3
"""Drive a serial console the way a person at a busybox shell would.

Runs a command (QEMU with -nographic, or `medley run` headless) whose
standard input and output are the guest's console, waits for the shell
prompt, types each command and waits for the prompt again, then types the
final command (by default `poweroff -f`) and waits for the program to end.
The console is copied to standard output (or --log) as it arrives; the
timings go to standard error as `key=value` lines a benchmark can read:

  prompt_s=12.34      wall seconds from start to the first prompt
  total_s=15.67       wall seconds from start to the program's end
  cpu_s=14.02         user + system seconds the program used (what counts
                      on a loaded machine, where wall time is mostly waiting)
  status=0            the program's exit status

Exit status: 0 when every expected text was seen and the program ended,
1 on a timeout or a missing text (the reason on standard error).

Usage:
  console-session.py [--timeout S] [--prompt REGEX] [--expect REGEX]...
                     [--send CMD]... [--final CMD] [--log FILE] -- PROG ARGS…
--send and --expect pair up in order: after typing the n-th --send the
n-th --expect (if given) must appear before the next prompt.
"""

import argparse
import os
import re
import resource
import select
import subprocess
import sys
import time

ESCAPE = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--timeout", type=float, default=300.0,
                    help="seconds allowed for each wait (default 300)")
    ap.add_argument("--prompt", default=r"(^|\n)[^\n]*# $",
                    help="regular expression of the shell prompt at the end "
                         "of the output so far")
    ap.add_argument("--send", action="append", default=[])
    ap.add_argument("--expect", action="append", default=[])
    ap.add_argument("--final", default="poweroff -f")
    ap.add_argument("--log")
    ap.add_argument("prog", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    prog = args.prog[1:] if args.prog[:1] == ["--"] else args.prog
    if not prog:
        ap.error("no program to run")

    log = open(args.log, "wb") if args.log else sys.stdout.buffer
    prompt = re.compile(args.prompt.encode())
    start = time.monotonic()
    proc = subprocess.Popen(prog, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = bytearray()
    mark = [0]  # where the output of the current command starts

    def pump(deadline):
        """Read what is there; False at end of output."""
        left = deadline - time.monotonic()
        if left <= 0:
            return True
        r, _, _ = select.select([proc.stdout], [], [], min(left, 1.0))
        if not r:
            return True
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            return False
        out.extend(chunk)
        log.write(chunk)
        log.flush()
        return True

    def wait_prompt(what):
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            # \r\n from the tty layer: match on \n only; busybox's line
            # editor asks for the cursor position (ESC [6n) after a prompt.
            tail = ESCAPE.sub(b"", bytes(out[mark[0]:]).replace(b"\r", b""))
            if prompt.search(tail):
                return tail
            if not pump(deadline):
                fail("the program ended while waiting for %s" % what)
        fail("no prompt within %g s while waiting for %s" % (args.timeout, what))

    def fail(why):
        sys.stderr.write("console-session: %s\n" % why)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        sys.exit(1)

    def send(line):
        mark[0] = len(out)
        proc.stdin.write(line.encode() + b"\n")
        proc.stdin.flush()

    wait_prompt("the first prompt")
    sys.stderr.write("prompt_s=%.2f\n" % (time.monotonic() - start))
    for i, cmd in enumerate(args.send):
        send(cmd)
        text = wait_prompt("'%s' to finish" % cmd)
        if i < len(args.expect) and args.expect[i]:
            if not re.search(args.expect[i].encode(), text):
                fail("'%s' did not print /%s/" % (cmd, args.expect[i]))
    if args.final:
        send(args.final)
    deadline = time.monotonic() + args.timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if not pump(deadline):
            break
    try:
        status = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        fail("the program did not end after '%s'" % args.final)
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write("total_s=%.2f\ncpu_s=%.2f\nstatus=%d\n"
                     % (time.monotonic() - start, ru.ru_utime + ru.ru_stime,
                        status))
    sys.exit(0)


if __name__ == "__main__":
    main()
