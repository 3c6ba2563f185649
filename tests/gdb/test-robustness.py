#!/usr/bin/env python3
"""The stub against bad clients: junk, bad checksums, malformed and huge
packets, a second client on a busy port, a client that vanishes while the
machine runs.  Through all of it the machine must keep running and answer
the next client; at the end a real GDB kills it.

usage: test-robustness.py MEDLEY GDB BOARD SPIN_ELF"""
import re
import socket
import sys
import time

from gdbtest import Medley, fail, gdb_batch

medley_exe, gdb, board, elf = sys.argv[1:5]


def frame(payload):
    data = payload.encode('latin-1') if isinstance(payload, str) else payload
    return b'$' + data + b'#%02x' % (sum(data) & 0xff)


class Client:
    def __init__(self, port):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=60)
        self.buf = b''

    def send(self, raw):
        self.sock.sendall(raw)

    def read_until(self, pattern, what):
        deadline = time.time() + 60
        while True:
            m = re.search(pattern, self.buf, re.S)
            if m:
                self.buf = self.buf[m.end():]
                return m
            if time.time() > deadline:
                fail('no %s from the stub (have %r)' % (what, self.buf[-200:]))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                chunk = b''
            if chunk == b'' and time.time() > deadline:
                fail('connection closed waiting for %s' % what)
            self.buf += chunk

    def packet(self, what):
        """The next reply packet's payload (acks before it skipped)."""
        return self.read_until(rb'\$([^#]*)#[0-9a-f]{2}', what).group(1).decode('latin-1')

    def ask(self, payload):
        self.send(frame(payload))
        return self.packet(payload[:20])

    def close(self):
        self.sock.close()


m = Medley(medley_exe, board, ['--firmware', elf, '--gdb=0'])
try:
    port = m.ports['cpu0']
    a = Client(port)

    # Junk and a bad checksum: a nack, then business as usual.
    a.send(b'hello\x00\xff+++')
    a.send(b'$g#00')
    a.read_until(rb'-', 'nack for a bad checksum')
    if not a.ask('?').startswith('T05'):
        fail('first stop reply')
    malformed = {
        'm': 'E01', 'mzz,zz': 'E01', 'm80000000': 'E01', 'Z0,,': 'E01', 'P999=00': 'E02',
        'p': 'E01', 'X80000000,4:ab': 'E01', 'M80000000,2:zzzz': 'E01',
        'qXfer:features:read:bogus.xml:0,100': 'E00', 'vCont;x': 'E01', 'Qbogus': '',
        'Z9,0,0': '', 'G123': 'E01', 'vCont;s:7': 'E01',
    }
    for pkt, want in malformed.items():
        got = a.ask(pkt)
        if got != want:
            fail('%r answered %r, not %r' % (pkt, got, want))
    # Unmapped memory is an error, not a crash.
    if not a.ask('m0,4').startswith('E'):
        fail('reading unmapped memory')
    # A packet far over PacketSize is thrown away and answered with an error.
    a.send(b'$' + b'A' * 200000 + b'#00')
    if a.packet('answer to a huge packet') != 'E01':
        fail('huge packet')
    regs = a.ask('g')
    # x0-x31, pc, 17 CSRs; f0-f31 (FLEN 64), fflags, frm, fcsr (RV32GC).
    if len(regs) != (33 * 4 + 17 * 4 + 32 * 8 + 3 * 4) * 2:
        fail('g after the huge packet: %d hex digits' % len(regs))

    # A second client is turned away; the first goes on.
    b = socket.create_connection(('127.0.0.1', port), timeout=60)
    b.sendall(frame('?'))
    try:
        if b.recv(100) != b'':
            fail('a second client was served')
    except ConnectionResetError:
        pass
    b.close()
    if not a.ask('qC').startswith('QC'):
        fail('first client after the second was refused')

    # Continue, interrupt with Ctrl-C: SIGINT.
    pc0 = a.ask('p20')
    a.send(frame('c'))
    time.sleep(0.2)
    a.send(b'\x03')
    if not a.packet('stop after Ctrl-C').startswith('T02'):
        fail('Ctrl-C stop reply')
    # Run again and vanish mid-run.
    a.send(frame('vCont;c'))
    time.sleep(0.1)
    a.close()
    time.sleep(0.3)
    if not m.alive():
        fail('medley died with the client', *m.wait())

    # A later client attaches (which stops the machine) and finds it moved on.
    c = Client(port)
    if not c.ask('?').startswith('T02'):
        fail('attaching to a running machine stops it')
    c.send(b'+')
    if c.ask('QStartNoAckMode') != 'OK':
        fail('no-ack mode')
    c.send(b'+')
    c.send(frame('qC')[:-2] + b'zz')   # no acks now, checksums unchecked
    c.ask('qSupported:swbreak+')
    c.close()

    # Clients that vanish without detaching and reconnect at once (gdb
    # after a crash or a Ctrl-C'd script): every one is served.
    refused = 0
    for i in range(200):
        r = socket.create_connection(('127.0.0.1', port), timeout=60)
        r.sendall(frame('?'))
        got = b''
        try:
            while b'#' not in got:
                chunk = r.recv(4096)
                if not chunk:
                    break
                got += chunk
        except (ConnectionResetError, socket.timeout):
            pass
        r.close()
        if b'$T' not in got and b'$S' not in got:
            refused += 1
    if refused:
        fail('%d of 200 clients reconnecting at once were refused' % refused)

    # A real GDB connects last, at once, and kills the guest: medley ends
    # with 130.
    out = gdb_batch(gdb, ['set architecture riscv:rv32', 'target remote :%d' % port,
                          'info registers pc', 'kill'])
    status, stdout, stderr = m.wait()
finally:
    m.kill()
print(out)
if not re.search(r'pc\s+0x', out):
    fail('gdb read no pc', out)
if status != 130 or 'killed by gdb' not in stderr:
    fail('kill: medley exited with %d' % status, stderr)
print('ok (pc before running %s)' % pc0)
