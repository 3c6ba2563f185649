#!/usr/bin/env python3
"""Runs one command (Medley or QEMU running a firmware) and compares its
console, CR LF made LF, with an expected file; the command must exit 0.

usage: check-console.py EXPECTED COMMAND..."""
import subprocess
import sys

expected_path, cmd = sys.argv[1], sys.argv[2:]
with open(expected_path, encoding='utf-8') as f:
    expected = f.read()
try:
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
except subprocess.TimeoutExpired as e:
    print('FAIL: timed out')
    print((e.stdout or b'').decode(errors='replace'))
    sys.exit(1)
out = r.stdout.decode(errors='replace').replace('\r\n', '\n')
if r.returncode != 0 or out != expected:
    print('FAIL: exit status %d' % r.returncode)
    print('---- got')
    print(out)
    print('---- expected')
    print(expected)
    print('---- stderr')
    print(r.stderr.decode(errors='replace'))
    sys.exit(1)
print(out, end='')
print('ok')
