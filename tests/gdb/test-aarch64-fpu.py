#!/usr/bin/env python3
"""gdb-multiarch on the AArch64 org.gnu.gdb.aarch64.fpu feature, against
Medley's stub and QEMU's (qemu-system-aarch64 -M virt -cpu cortex-a53 -S)
in the same run: the same gdb commands write v0 (both halves), v1 lane by
lane, v4 through its q view, d2, s3, fpsr and fpcr, flush GDB's register
cache so that every value printed was read back from the stub (v1
through q1), and the two answers must agree with each other and with
what was written.  `info
all-registers` lists the V registers, their q/d/s/h/b views, fpsr and fpcr
on both.

usage: test-aarch64-fpu.py GDB MEDLEY BOARD ELF QEMU
"""
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from gdbtest import Medley, fail, gdb_batch  # noqa: E402

# Commands after `target remote`; each `p` gives one line compared.
SETS = [
    'set $v0.d.u[0] = 0x0123456789abcdef',
    'set $v0.d.u[1] = 0xfedcba9876543210',
    'set $v1.d.u[0] = 0x8899aabbccddeeff',
    'set $v1.d.u[1] = 0x0011223344556677',
    'set $v1.s.u[0] = 0x1234',
    'set $q4.u = $q0.u',
    'set $d2.f = 2.5',
    'set $s3.f = -1.5',
    'set $fpsr = 0x0800009f',
    'set $fpcr = 0x03c00000',
    'maint flush register-cache',
]
PRINTS = [
    ('p/x $v0.d.u', '{0x123456789abcdef, 0xfedcba9876543210}'),
    ('p/x $v0.b.u[15]', '0xfe'),
    ('p/x $q1.u', '0x112233445566778899aabb00001234'),
    ('p/x $v1.s.u', '{0x1234, 0x8899aabb, 0x44556677, 0x112233}'),
    ('p/x $v4.d.u', '{0x123456789abcdef, 0xfedcba9876543210}'),
    ('p $d2.f', '2.5'),
    ('p/x $v2.d.u', '{0x4004000000000000, 0x0}'),
    ('p $s3.f', '-1.5'),
    ('p/x $v3.s.u', '{0xbfc00000, 0x0, 0x0, 0x0}'),
    ('p/x $fpsr', '0x800009f'),
    ('p/x $fpcr', '0x3c00000'),
]
LISTED = ['v0 ', 'v31 ', 'fpsr ', 'fpcr ', 'q0 ', 'q31 ', 'd0 ', 'd31 ', 's0 ', 's31 ',
          'h0 ', 'b31 ']


def session(gdb, port, pre):
    cmds = pre + ['target remote 127.0.0.1:%d' % port] + SETS + [p for p, _ in PRINTS]
    cmds += ['echo ==all==\\n', 'info all-registers']
    return gdb_batch(gdb, cmds)


def answers(out, who):
    """The printed values, in order ('$N = VALUE' lines)."""
    vals = [line.split(' = ', 1)[1].strip() for line in out.splitlines()
            if line.startswith('$') and ' = ' in line]
    if len(vals) != len(PRINTS):
        fail('%s: %d values printed, %d expected' % (who, len(vals), len(PRINTS)), out)
    return vals


def check_listing(out, who):
    listing = out.split('==all==', 1)[-1]
    names = {line.split()[0] + ' ' for line in listing.splitlines() if line.strip()}
    missing = [n for n in LISTED if n not in names]
    if missing:
        fail('%s: info all-registers lacks %s' % (who, ', '.join(missing)), out)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def run_qemu(gdb, qemu):
    port = free_port()
    proc = subprocess.Popen([qemu, '-M', 'virt', '-cpu', 'cortex-a53', '-display', 'none', '-nodefaults',
                             '-serial', 'null', '-monitor', 'none', '-S',
                             '-gdb', 'tcp:127.0.0.1:%d' % port],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        # QEMU listens once it has set the machine up: wait for the port.
        deadline = time.time() + 120
        while True:
            if proc.poll() is not None:
                fail('qemu exited with %d' % proc.returncode,
                     proc.stderr.read().decode(errors='replace'))
            try:
                socket.create_connection(('127.0.0.1', port), timeout=5).close()
                break
            except OSError:
                if time.time() > deadline:
                    fail('qemu did not listen on its gdb port')
                time.sleep(0.1)
        return session(gdb, port, ['set architecture aarch64'])
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def main():
    gdb, medley, board, elf, qemu = sys.argv[1:6]
    m = Medley(medley, board, ['--firmware', elf, '--gdb=0'])
    port = list(m.ports.values())[0]
    try:
        mout = session(gdb, port, ['set architecture aarch64', 'file ' + elf])
    finally:
        m.kill()
    mvals = answers(mout, 'medley')
    check_listing(mout, 'medley')
    if 'target-supplied description' in mout or 'Could not load XML' in mout:
        fail('gdb refused the target description', mout)

    qout = run_qemu(gdb, qemu)
    qvals = answers(qout, 'qemu')
    check_listing(qout, 'qemu')

    for (cmd, want), mv, qv in zip(PRINTS, mvals, qvals):
        if mv != qv:
            fail('%s: medley %s, qemu %s' % (cmd, mv, qv), mout, qout)
        if want is not None and mv != want:
            fail('%s: %s, expected %s' % (cmd, mv, want), mout, qout)
    print('ok: %d register values written and read back alike on medley and qemu; '
          'info all-registers lists v, q/d/s/h/b, fpsr, fpcr on both' % len(PRINTS))
    return 0


if __name__ == '__main__':
    sys.exit(main())
