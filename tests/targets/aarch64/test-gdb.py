#!/usr/bin/env python3
"""gdb-multiarch against the Cortex-A53: the target description
(org.gnu.gdb.aarch64.core) is accepted, a breakpoint stops at a symbol,
registers and cpsr's flags read back, stepi and bt work through the
frame chain, and continuing lets the program end with status 0.

usage: test-gdb.py GDB MEDLEY BOARD ELF
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'gdb'))
from gdbtest import Medley, fail, gdb_batch  # noqa: E402


def main():
    gdb, medley, board, elf = sys.argv[1:5]
    m = Medley(medley, board, ['--firmware', elf, '--gdb=0'])
    port = list(m.ports.values())[0]
    out = gdb_batch(gdb, ['set architecture aarch64', 'file ' + elf,
                          'target remote :%d' % port, 'break leaf', 'continue',
                          'info registers x0 cpsr', 'x/2i $pc', 'stepi', 'bt',
                          'delete', 'continue'])
    for want in ['Breakpoint 1, ', 'x0             0x5 ', 'cpsr           0x',
                 'EL=1', 'add\tx0, x0, x0, lsl #1', ' in main ()']:
        if want not in out:
            m.kill()
            fail('gdb output lacks %r' % want, out)
    status, stdout, stderr = m.wait()
    if status != 0:
        fail('medley exited with %d' % status, stdout, stderr, out)
    print('ok: breakpoint, registers, stepi, bt, continue to exit 0')
    return 0


if __name__ == '__main__':
    sys.exit(main())
