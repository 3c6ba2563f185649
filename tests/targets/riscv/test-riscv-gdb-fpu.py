#!/usr/bin/env python3
"""The RV32GC / RV64GC harts through the gdb stub, without a gdb: the
target description has org.gnu.gdb.riscv.fpu with f0..f31 (64 bits, ABI
names) and fflags, frm, fcsr, numbered on from the CSRs; the 'g' packet
has room for them; and the numbers reach the right registers ('P' then
'p', fcsr seen through frm and fflags).

usage: test-riscv-gdb-fpu.py MEDLEY BOARD ELF XLEN"""
import os
import socket
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'gdb'))
from gdbtest import Medley, fail  # noqa: E402

medley_exe, board, elf, xlen = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def frame(payload):
    data = payload.encode('latin-1')
    return b'$' + data + b'#%02x' % (sum(data) & 0xff)


class Client:
    def __init__(self, port):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=5)
        self.buf = b''

    def ask(self, payload):
        self.sock.sendall(frame(payload))
        deadline = time.time() + 10
        while True:
            start = self.buf.find(b'$')
            end = self.buf.find(b'#', start + 1) if start >= 0 else -1
            if start >= 0 and end >= 0 and len(self.buf) >= end + 3:
                reply = self.buf[start + 1:end].decode('latin-1')
                self.buf = self.buf[end + 3:]
                self.sock.sendall(b'+')
                return reply
            if time.time() > deadline:
                fail('no answer to %r (have %r)' % (payload, self.buf[-200:]))
            self.buf += self.sock.recv(65536)


def le_hex(value, nbytes):
    return value.to_bytes(nbytes, 'little').hex()


m = Medley(medley_exe, board, ['--firmware', elf, '--gdb=0'])
try:
    c = Client(m.ports['cpu0'])
    if not c.ask('?').startswith('T'):
        fail('no stop reply')

    xml_text, offset = '', 0
    while True:
        chunk = c.ask('qXfer:features:read:target.xml:%x,800' % offset)
        if not chunk or chunk[0] not in 'ml':
            fail('qXfer answered %r' % chunk[:40])
        xml_text += chunk[1:]
        offset += len(chunk) - 1
        if chunk[0] == 'l':
            break
    root = ET.fromstring(xml_text)
    if root.findtext('architecture') != 'riscv:rv%d' % xlen:
        fail('architecture', xml_text)

    # Document order is register order.
    regs = [r for f in root.iter('feature') for r in f.iter('reg')]
    fpu = root.find("feature[@name='org.gnu.gdb.riscv.fpu']")
    if fpu is None:
        fail('no fpu feature', xml_text)
    names = [r.get('name') for r in fpu.iter('reg')]
    want = ['ft%d' % i for i in range(8)] + ['fs0', 'fs1'] + ['fa%d' % i for i in range(8)] + \
        ['fs%d' % i for i in range(2, 12)] + ['ft%d' % i for i in range(8, 12)] + \
        ['fflags', 'frm', 'fcsr']
    if names != want:
        fail('fpu registers %r' % names)
    if any(r.get('bitsize') != '64' for r in list(fpu.iter('reg'))[:32]):
        fail('f registers are not 64 bits wide')
    n_before = len(regs) - len(names)
    if n_before != (50 if xlen == 32 else 48):
        fail('%d registers before the fpu feature' % n_before)
    # Explicit regnums must agree with document order.
    for i, r in enumerate(regs):
        if r.get('regnum') is not None and int(r.get('regnum')) != i:
            fail('%s has regnum %s at position %d' % (r.get('name'), r.get('regnum'), i))

    widths = [int(r.get('bitsize')) // 8 for r in regs]
    g = c.ask('g')
    if len(g) != 2 * sum(widths):
        fail('g is %d hex digits, the description says %d' % (len(g), 2 * sum(widths)))

    f0 = n_before
    value = 0xffffffff3fc00000   # a boxed 1.5
    if c.ask('P%x=%s' % (f0 + 10, le_hex(value, 8))) != 'OK':
        fail('P fa0')
    if c.ask('p%x' % (f0 + 10)) != le_hex(value, 8):
        fail('p fa0 reads %r' % c.ask('p%x' % (f0 + 10)))
    if c.ask('P%x=%s' % (f0 + 34, le_hex(0x83, 4))) != 'OK':   # fcsr: rmm, NX|UF
        fail('P fcsr')
    frm, fflags = c.ask('p%x' % (f0 + 33)), c.ask('p%x' % (f0 + 32))
    if (frm, fflags) != (le_hex(4, 4), le_hex(3, 4)):
        fail('fcsr 0x83 gave frm %s, fflags %s' % (frm, fflags))
    print('ok: %d registers, fpu feature from %d' % (len(regs), f0))
finally:
    m.kill()
