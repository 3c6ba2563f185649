#!/usr/bin/env python3
"""GDB reads what a debugger may read on the Cortex-M3 board: the system
control space (CPUID, ICSR, CFSR, the NVIC priorities), the DWT and the registers
of devices whose reads change nothing (the CMSDK timer, the UART's
STATE); it is refused exactly the reads with side effects (SYST_CSR,
which clears COUNTFLAG; the UART's DATA, which takes the received byte),
and Medley's log says why.  Also a read of a range running from RAM into
a hole stops at the hole.

usage: test-gdb-registers.py MEDLEY GDB BOARD ELF"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'gdb'))
from gdbtest import Medley, fail, gdb_batch  # noqa: E402

medley_exe, gdb, board, elf = sys.argv[1:5]

m = Medley(medley_exe, board, ['--firmware', elf, '--gdb', 'cpu0=0'])
try:
    out = gdb_batch(gdb, [
        'set confirm off',
        'set pagination off',
        'set architecture arm',
        'file ' + elf,
        'target remote :%d' % m.ports['cpu0'],
        'x/wx 0xe000ed00',          # CPUID
        'x/wx 0xe000ed04',          # ICSR
        'x/wx 0xe000ed28',          # CFSR
        'x/bx 0xe000e400',          # NVIC_IPR0, a byte
        'x/wx 0xe000e01c',          # SYST_CALIB
        'x/wx 0xe000e010',          # SYST_CSR: refused
        'x/wx 0xe0001000',          # DWT_CTRL
        'x/wx 0x40000fe0',          # the timer's PID0
        'x/wx 0x40004004',          # UART STATE
        'x/wx 0x40004000',          # UART DATA: refused
        'kill',
    ])
finally:
    m.kill()
    status, stdout, stderr = m.wait()

want = [
    (r'0xe000ed00:\s+0x412fc231', 'CPUID'),
    (r'0xe000ed04:\s+0x00000800', 'ICSR (RETTOBASE)'),
    (r'0xe000ed28:\s+0x00000000', 'CFSR'),
    (r'0xe000e400:\s+0x00', 'NVIC_IPR0'),
    (r'0xe000e01c:\s+0x0000270f', 'SYST_CALIB'),
    (r'Cannot access memory at address 0xe000e010', 'SYST_CSR refused'),
    (r'0xe0001000:\s+0x41000000', 'DWT_CTRL'),
    (r'0x40000fe0:\s+0x00000022', 'the timer\'s PID0'),
    (r'0x40004004:\s+0x00000000', 'UART STATE'),
    (r'Cannot access memory at address 0x40004000', 'UART DATA refused'),
]
for pattern, what in want:
    if not re.search(pattern, out):
        fail(what, out, stderr)
for reason in ['not reading 0xe000e010: reading SYST_CSR clears its COUNTFLAG',
               'not reading 0x40004000: uart: reading DATA takes the received byte']:
    if reason not in stderr:
        fail('Medley\'s log does not say: ' + reason, stderr)
print('ok')
