#!/usr/bin/env python3
"""A guest's exit code under GDB: a code the W packet's 8 bits cannot hold
(256) reaches GDB as 1, never as "exited normally"; medley exits with 1 and
its JSON has the exact code.

usage: test-exit.py MEDLEY GDB BOARD EXIT_256_ELF"""
import json
import re
import sys

from gdbtest import Medley, fail, gdb_batch

medley_exe, gdb, board, elf = sys.argv[1:5]

m = Medley(medley_exe, board, ['--firmware', elf, '--gdb=0', '--json'])
try:
    port = m.ports['cpu0']
    out = gdb_batch(gdb, ['set architecture riscv:rv32', 'target remote :%d' % port, 'continue'])
    status, stdout, stderr = m.wait()
finally:
    m.kill()
print(out)
if not re.search(r'exited with code 01\b', out):
    fail('gdb did not see exit code 1', out)
if status != 1:
    fail('medley exited with %d, not 1' % status, stderr)
summary = json.loads(stdout.strip().splitlines()[-1])
if summary['exit_code'] != 256 or summary['status'] != 1:
    fail('JSON %r' % summary)
if 'exited with code 256' not in stderr:
    fail('no exact code on stderr', stderr)
print('ok')
