#!/usr/bin/env python3
"""Runs a board headless and checks how it ends: the exit status and a
pattern (a Python regular expression) that one line of stderr matches (a guest that cannot go on must stop
with Medley's documented status and one clear line, not hang).

usage: check-stop.py MEDLEY BOARD ELF STATUS PATTERN"""
import re
import subprocess
import sys

medley, board, elf, status, text = sys.argv[1:6]
r = subprocess.run([medley, 'run', board, '--firmware', elf, '--no-input', '--max-time', '1s'],
                   stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
lines = [line for line in r.stderr.splitlines() if re.search(text, line)]
if r.returncode != int(status) or len(lines) != 1:
    print('FAIL: status %d (want %s), %d lines with "%s"' % (r.returncode, status, len(lines), text))
    print(r.stdout)
    print(r.stderr)
    sys.exit(1)
print(lines[0])
print('ok')
