#!/usr/bin/env python3
"""Medley's own source-level view of a stop against gdb-multiarch's, a real
peer reading the same DWARF through Medley's gdb stub: at a breakpoint on a
line of tests/programs/debug-lines.c the call stack (functions and lines)
and a few variables (base, pointer target, struct, array) must agree.

usage: test-source-stack.py MEDLEY GDB SOURCE BOARD ELF [BOARD ELF]..."""
import re
import subprocess
import sys

from gdbtest import Medley, fail, gdb_batch

medley_exe, gdb, source = sys.argv[1:4]
pairs = [sys.argv[i:i + 2] for i in range(4, len(sys.argv), 2)]


def marker(name):
    with open(source, encoding='utf-8') as f:
        for number, text in enumerate(f, 1):
            if 'L:' + name + ' ' in text:
                return number
    fail('no marker ' + name)


line = marker('leaf-next')
n = 0
for board, elf in pairs:
    # Medley alone: --break FILE:LINE prints the stack and the variables.
    r = subprocess.run([medley_exe, 'run', board, '--firmware', elf, '--max-time', '10s',
                        '--break', 'debug-lines.c:%d' % line],
                       capture_output=True, text=True, timeout=120)
    ours = re.findall(r'^  #(\d+) (\S+) at debug-lines\.c:(\d+)$', r.stdout, re.M)
    our_vars = dict(re.findall(r'^  (?:arg|local) (\w+) \([^)]*\) = (.*)$', r.stdout, re.M))
    if len(ours) < 4:
        fail('medley printed no stack', r.stdout, r.stderr)

    # gdb through the stub.
    m = Medley(medley_exe, board, ['--firmware', elf, '--gdb=0'])
    try:
        port = list(m.ports.values())[0]
        out = gdb_batch(gdb, ['file ' + elf, 'target remote :%d' % port,
                              'break debug-lines.c:%d' % line, 'continue', 'bt',
                              'print depth', 'print sum', 'print *p',
                              'up', 'print local', 'up', 'print values', 'print origin',
                              'kill'])
    finally:
        m.kill()
    theirs = re.findall(r'^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\w+) \(.*\) at \S*debug-lines\.c:(\d+)$',
                        out, re.M)
    prints = re.findall(r'^\$\d+ = (.*)$', out, re.M)
    if len(theirs) < 4 or len(prints) != 6:
        fail('gdb did not stop where asked', out)
    n += 1
    if ours[:4] != theirs[:4]:
        fail('call stacks differ: medley %r, gdb %r' % (ours[:4], theirs[:4]), r.stdout, out)
    print('ok %d - %s: the call stack is gdb\'s: %s' % (n, board, ' '.join(f for _, f, _ in ours[:4])))
    n += 1
    if our_vars.get('depth') != prints[0] or our_vars.get('sum') != prints[1]:
        fail('locals differ: medley %r, gdb %r' % (our_vars, prints[:2]), r.stdout, out)
    if prints[2] != '{x = 8, y = 16}' or prints[3] != prints[2]:
        fail('gdb read *p and local as %r, %r' % (prints[2], prints[3]), out)
    if prints[4] != '{7, 8, 9}' or prints[5] != '{x = 3, y = -4}':
        fail('gdb read values and origin as %r, %r' % (prints[4], prints[5]), out)
    print('ok %d - the variables are gdb\'s (depth=%s, sum=%s)' % (n, prints[0], prints[1]))
print('1..%d' % n)
