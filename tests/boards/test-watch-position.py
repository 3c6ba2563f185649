#!/usr/bin/env python3
"""Watchpoints stop at the right instruction: the accessing one has
retired, the next has not.  The same gdb-multiarch session on Medley
(`medley run --gdb`) and on QEMU's gdb stub, for one architecture: a write
watchpoint, then a read watchpoint on `var`; after each stop the pc and
the count of adds that ran must be QEMU's (after_store with none run,
after_load with two).

usage: test-watch-position.py MEDLEY GDB QEMU BOARD ELF ARCH COUNTREG QEMU-ARGS..."""
import os
import re
import socket
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'gdb'))
from gdbtest import Medley, fail, gdb_batch  # noqa: E402

medley_exe, gdb, qemu, board, elf, arch, countreg = sys.argv[1:8]
qemu_args = sys.argv[8:]


def session(port):
    out = gdb_batch(gdb, [
        'set confirm off',
        'set pagination off',
        'set architecture ' + arch,
        'file ' + elf,
        'target remote :%d' % port,
        'watch *(int *)&var',
        'continue',
        'info registers pc',
        'print/x $' + countreg,
        'delete',
        'rwatch *(int *)&var',
        'continue',
        'info registers pc',
        'print/x $' + countreg,
        'kill',
    ])
    pcs = re.findall(r'^pc\s+0x[0-9a-f]+\s+(0x[0-9a-f]+ <[^>]+>)', out, re.M)
    counts = re.findall(r'^\$\d+ = (0x[0-9a-f]+)', out, re.M)
    return pcs, counts, out


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


m = Medley(medley_exe, board, ['--firmware', elf, '--gdb', 'cpu0=0'])
try:
    medley = session(m.ports['cpu0'])
finally:
    m.kill()

port = free_port()
q = subprocess.Popen([qemu] + qemu_args + ['-nographic', '-S', '-gdb', 'tcp:127.0.0.1:%d' % port,
                                           '-kernel', elf],
                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
try:
    ref = session(port)
finally:
    q.kill()
    q.wait()

print('medley:', medley[0], medley[1])
print('qemu:  ', ref[0], ref[1])
want_pcs = ['after_store', 'after_load']
if len(ref[0]) != 2 or [p.split('<')[1].rstrip('>') for p in ref[0]] != want_pcs:
    fail('QEMU did not stop at after_store and after_load', ref[2])
if ref[1] != ['0x0', '0x2']:
    fail('QEMU ran other instructions than expected', ref[2])
if medley[0] != ref[0] or medley[1] != ref[1]:
    fail('Medley stopped elsewhere than QEMU', medley[2], ref[2])
print('ok')
