#!/usr/bin/env python3
"""Two GDBs on the two CPUs of the heterogeneous board at once: the RV32
`app` (riscv:rv32) and the Cortex-M3 `mcu` (arm), both breaking in their
main and continuing to the guest's exit code.

The sessions are driven through GDB's machine interface so that the test
decides who resumes when.  Each GDB keeps its breakpoints inserted while
the other one runs the machine (always-inserted), and a stop of a CPU
whose GDB was not waiting is reported by that GDB's next continue.

usage: test-hetero.py MEDLEY GDB BOARD RV_ELF CM3_ELF"""
import os
import re
import select
import subprocess
import sys
import time

from gdbtest import Medley, fail

medley_exe, gdb, board, rv_elf, cm3_elf = sys.argv[1:6]


class Mi:
    """One gdb-multiarch --interpreter=mi2, a command at a time."""

    def __init__(self, name, arch, elf):
        self.name = name
        self.log = ''
        self.proc = subprocess.Popen([gdb, '-nx', '-q', '--interpreter=mi2'],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.buf = ''
        self.read_until(r'\(gdb\) \n')
        for c in ['-gdb-set confirm off', '-gdb-set pagination off',
                  '-gdb-set breakpoint always-inserted on',
                  '-interpreter-exec console "set architecture %s"' % arch,
                  '-file-exec-and-symbols ' + elf]:
            self.cmd(c)

    def read_until(self, pattern, timeout=120):
        deadline = time.time() + timeout
        while True:
            m = re.search(pattern, self.buf, re.S)
            if m:
                text = self.buf[:m.end()]
                self.buf = self.buf[m.end():]
                self.log += text
                return m, text
            left = deadline - time.time()
            if left <= 0:
                fail('%s: timed out waiting for %s' % (self.name, pattern), self.log + self.buf)
            r, _, _ = select.select([self.proc.stdout], [], [], left)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 65536).decode(errors='replace')
                if chunk == '':
                    fail('%s: gdb exited' % self.name, self.log + self.buf)
                self.buf += chunk

    def cmd(self, command):
        """Sends a command; its result record (done, running, error)."""
        self.proc.stdin.write((command + '\n').encode())
        self.proc.stdin.flush()
        m, text = self.read_until(r'\^(done|running|connected|error)[^\n]*\n')
        if m.group(1) == 'error':
            fail('%s: %s failed' % (self.name, command), self.log)
        return text

    def cont(self):
        self.cmd('-exec-continue')

    def stopped(self):
        m, _ = self.read_until(r'\*stopped,([^\n]*)\n')
        return m.group(1)

    def console(self, command):
        return self.cmd('-interpreter-exec console "%s"' % command)

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=60)
        except Exception:
            self.proc.kill()


m = Medley(medley_exe, board, ['--gdb', 'app=0', '--gdb', 'mcu=0'], n_ports=2)
sessions = []
try:
    app = Mi('app', 'riscv:rv32', rv_elf)
    mcu = Mi('mcu', 'arm', cm3_elf)
    sessions = [app, mcu]
    for s, cpu in ((app, 'app'), (mcu, 'mcu')):
        s.cmd('-target-select remote :%d' % m.ports[cpu])
        s.cmd('-break-insert main')

    # Until both have stopped at their main: continue one that has not.
    # The machine stops when either main is reached; the other GDB, if it
    # was the one waiting, hears SIGINT and is continued again later.
    at_main = {}
    for _ in range(6):
        for s in sessions:
            if s.name in at_main:
                continue
            s.cont()
            why = s.stopped()
            if 'reason="breakpoint-hit"' in why:
                at_main[s.name] = why
                regs = s.console('info registers pc')
                if not re.search(r'<main(\+\d+)?>', regs):
                    fail('%s: pc not in main' % s.name, regs)
            elif 'signal-name="SIGINT"' not in why:
                fail('%s: unexpected stop %s' % (s.name, why), s.log)
        if len(at_main) == 2:
            break
    if len(at_main) != 2:
        fail('both mains were not reached', app.log, mcu.log)
    # Registers of both cores at once: the stack pointers of each.
    sp_app = app.console('info registers sp')
    sp_mcu = mcu.console('info registers msp')
    if '0x8' not in sp_app or '0x20' not in sp_mcu:
        fail('stack pointers', sp_app, sp_mcu)

    # Both continue; the RISC-V side ends the run for both.  Each GDB
    # first steps its CPU off its breakpoint, and a step pauses the whole
    # machine: the other GDB, already continuing, may hear SIGINT then and
    # is simply continued again.
    app.cont()
    mcu.cont()
    running = list(sessions)
    for _ in range(8):
        for s in list(running):
            why = s.stopped()
            if 'reason="exited-normally"' in why:
                running.remove(s)
            elif 'signal-name="SIGINT"' in why:
                s.cont()
            else:
                fail('%s: did not see the exit (%s)' % (s.name, why), s.log)
        if not running:
            break
    if running:
        fail('no exit for %s' % running[0].name, running[0].log)
    for s in sessions:
        s.close()
    status, stdout, stderr = m.wait()
finally:
    for s in sessions:
        s.proc.kill()
    m.kill()
print(app.log[-1500:])
print(mcu.log[-1500:])
if status != 0:
    fail('medley exited with %d' % status, stdout, stderr)
if '6 of 6 answers correct' not in stdout:
    fail('the demo did not finish its work', stdout)
print('ok')
