#!/usr/bin/env python3
"""GDB sees the Cortex-M4F's FPU registers as on QEMU's mps2-an386: the
same gdb-multiarch session against Medley (`medley run --gdb` on
boards/cortex-m4f.dts) and against QEMU's stub (`-M mps2-an386 -S`), at
the reset stop: the target description offers d0-d15 and fpscr (GDB
makes s0-s31 of them), and writes through d, s and fpscr read back the
same on both, as doubles, singles and raw bits.

usage: test-fpu-regs.py MEDLEY GDB QEMU BOARD ELF"""
import os
import re
import socket
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'gdb'))
from gdbtest import Medley, fail, gdb_batch  # noqa: E402

medley_exe, gdb, qemu, board, elf = sys.argv[1:6]

COMMANDS = [
    'set $d0 = 1.5',
    'set $s2 = -2.25',
    'set $s3 = 1e-40',          # a subnormal single, high half of d1
    'set $d7 = -0.1',
    'set $s31 = 3.0',
    'set $fpscr = 0x93c00093',  # N, V, AHP/DN/FZ/RMode, IDC, UFC..IOC
    'info registers d0 d1 d7 d15 s0 s1 s2 s3 s14 s15 s31 fpscr',
    'p/x $d0',
    'p/x $d1',
    'p/x $d15',
    'p/x $fpscr',
    'set $fpscr = 0',
    'p/x $fpscr',
    'set $d15 = 0',
    'p $s31',
]


def session(port):
    out = gdb_batch(gdb, [
        'set confirm off',
        'set pagination off',
        'set architecture arm',
        'file ' + elf,
        'target remote :%d' % port,
    ] + COMMANDS + ['kill'])
    # What the commands printed, without the connection's own lines.
    lines = [ln.rstrip() for ln in out.splitlines()
             if re.match(r'^(d\d+|s\d+|fpscr)\s', ln) or re.match(r'^\$\d+ = ', ln)]
    return lines, out


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
q = subprocess.Popen([qemu, '-M', 'mps2-an386', '-nographic', '-S',
                      '-gdb', 'tcp:127.0.0.1:%d' % port, '-kernel', elf],
                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
try:
    ref = session(port)
finally:
    q.kill()
    q.wait()

print('medley:')
print('\n'.join(medley[0]))
print('qemu:')
print('\n'.join(ref[0]))
if len(ref[0]) < 17:
    fail('QEMU\'s session did not print the registers', ref[1])
if not any(ln.startswith('d0 ') for ln in ref[0]) or not any(ln.startswith('s31 ') for ln in ref[0]):
    fail('no d0 or s31 in QEMU\'s session', ref[1])
if medley[0] != ref[0]:
    fail('Medley\'s FPU registers read otherwise than QEMU\'s', medley[1], ref[1])
print('ok')
