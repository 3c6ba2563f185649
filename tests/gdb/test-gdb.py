#!/usr/bin/env python3
"""gdb-multiarch debugs one CPU of a board run by `medley run --gdb`: break
on main and on a C function, read a parameter and a register, step one
instruction, write memory, stop on a watchpoint, continue to the exit code.

usage: test-gdb.py MEDLEY GDB BOARD ELF ARCH ARGREG"""
import re
import sys

from gdbtest import Medley, fail, gdb_batch

medley_exe, gdb, board, elf, arch, argreg = sys.argv[1:7]

m = Medley(medley_exe, board, ['--firmware', elf, '--gdb', 'cpu0=0'])
try:
    port = m.ports['cpu0']
    out = gdb_batch(gdb, [
        'set confirm off',
        'set pagination off',
        'set architecture ' + arch,
        'file ' + elf,
        'target remote :%d' % port,
        'break main',
        'break report',
        'continue',
        'info registers pc',
        'continue',
        'print answer',
        'print/x $' + argreg,
        'info registers pc',
        'stepi',
        'info registers pc',
        'set {int}&gdb_global = 5',
        'x/1wx &gdb_global',
        'watch gdb_counter',
        'continue',
        'delete',
        'continue',
    ])
    status, stdout, stderr = m.wait()
finally:
    m.kill()

print(out)
expect = [
    (r'Breakpoint 1, (0x[0-9a-f]+ in )?main', 'stopped at main'),
    (r'pc\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <main(\+\d+)?>', 'pc in main'),
    (r'Breakpoint 2, report \(answer=(answer@entry=)?42\)', 'stopped in report with answer=42'),
    (r'\$1 = 42', 'print answer'),
    (r'\$2 = 0x2a', 'the argument register holds 42'),
    (r'0x0*5\b', 'memory write read back'),
    (r'[Ww]atchpoint 3: gdb_counter\s+Old value = 0\s+New value = 1', 'watchpoint hit'),
    (r'exited with code 03', 'the guest\'s exit code'),
]
for pattern, what in expect:
    if not re.search(pattern, out):
        fail(what, out, stdout, stderr)
pcs = re.findall(r'pc\s+(0x[0-9a-f]+)', out)
if len(pcs) < 3 or pcs[1] == pcs[2]:
    fail('stepi did not move the pc', out)
if status != 3:
    fail('medley exited with %d, not 3' % status, stdout, stderr)
if 'gdb-prog: answer 42' not in stdout or 'global 5' not in stdout:
    fail('the guest\'s output', stdout, stderr)
print('ok')
