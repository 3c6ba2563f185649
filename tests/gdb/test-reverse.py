#!/usr/bin/env python3
"""gdb-multiarch goes back in time on a board run by `medley run --gdb`
(engine/snapshot.h): reverse-stepi lands on the pcs stepi went through,
reverse-continue goes back to the previous breakpoint hit, and running
forward again meets the same later hit with the same values.

usage: test-reverse.py MEDLEY GDB BOARD ELF ARCH"""
import re
import sys

from gdbtest import Medley, fail, gdb_batch

medley_exe, gdb, board, elf, arch = sys.argv[1:6]

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
        'continue',
        'printf "at-report %lx\\n", $pc',
        'stepi',
        'printf "fwd1 %lx\\n", $pc',
        'stepi',
        'printf "fwd2 %lx\\n", $pc',
        'stepi',
        'printf "fwd3 %lx\\n", $pc',
        'reverse-stepi',
        'printf "back2 %lx\\n", $pc',
        'reverse-stepi',
        'printf "back1 %lx\\n", $pc',
        'reverse-stepi',
        'printf "back0 %lx\\n", $pc',
        'reverse-continue',
        'printf "rc %lx\\n", $pc',
        'continue',
        'print answer',
        'delete',
        'continue',
    ])
    status, stdout, stderr = m.wait()
finally:
    m.kill()

print(out)


def pc(name):
    found = re.findall(r'^%s ([0-9a-f]+)$' % name, out, re.M)
    if not found:
        fail('no value for ' + name, out, stdout, stderr)
    return found[-1]


if 'ReverseStep' in out or 'Target does not support' in out:
    fail('gdb found no reverse execution', out)
if not (pc('fwd1') != pc('at-report') and pc('fwd2') != pc('fwd1')):
    fail('stepi did not move', out)
for back, fwd in [('back2', 'fwd2'), ('back1', 'fwd1'), ('back0', 'at-report')]:
    if pc(back) != pc(fwd):
        fail('reverse-stepi landed at %s, stepi had been at %s' % (pc(back), pc(fwd)), out)
expect = [
    (r'Breakpoint 1, (0x[0-9a-f]+ in )?main', 'reverse-continue stopped at main again'),
    (r'Breakpoint 2, report \(answer=(answer@entry=)?42\)[\s\S]*Breakpoint 2, report', 'report reached again'),
    (r'\$1 = 42', 'the same argument after going back'),
    (r'exited with code 01', 'the guest\'s exit code'),
]
for pattern, what in expect:
    if not re.search(pattern, out):
        fail(what, out, stdout, stderr)
if out.count('Breakpoint 1, ') < 2:
    fail('reverse-continue did not report breakpoint 1', out)
if status != 1:
    fail('medley exited with %d, not 1' % status, stdout, stderr)
# The console shows each line once: re-execution prints nothing again.
if stdout.count('gdb-prog: answer 42') != 1:
    fail('the guest\'s output after going back', stdout, stderr)
print('ok')
