"""Shared helpers of the GDB tests: start `medley run --gdb` and find its
ports, run gdb-multiarch with a timeout, and always clean up."""
import os
import re
import select
import subprocess
import sys
import time

PORT_LINE = re.compile(r'medley: gdb: CPU (\S+) on \S+:(\d+)')


def fail(msg, *outputs):
    print('FAIL:', msg)
    for out in outputs:
        print('----')
        print(out)
    sys.exit(1)


class Medley:
    """`medley run BOARD ARGS --gdb ...`, ports read from its stderr."""

    def __init__(self, medley, board, args, n_ports=1, timeout=120):
        self.proc = subprocess.Popen([medley, 'run', board, '--no-input'] + args,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.ports = {}
        self.err = b''
        deadline = time.time() + timeout
        while len(self.ports) < n_ports:
            left = deadline - time.time()
            if left <= 0 or self.proc.poll() is not None:
                self.kill()
                fail('medley printed no gdb ports', self.err.decode(errors='replace'))
            ready, _, _ = select.select([self.proc.stderr], [], [], left)
            if ready:
                chunk = os.read(self.proc.stderr.fileno(), 4096)
                self.err += chunk
                for m in PORT_LINE.finditer(self.err.decode(errors='replace')):
                    self.ports[m.group(1)] = int(m.group(2))

    def wait(self, timeout=120):
        """Exit status, stdout and stderr; the process is killed on timeout."""
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            out, err = self.proc.communicate()
            fail('medley did not exit', out.decode(errors='replace'),
                 (self.err + err).decode(errors='replace'))
        return self.proc.returncode, out.decode(errors='replace'), \
            (self.err + err).decode(errors='replace')

    def alive(self):
        return self.proc.poll() is None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def gdb_batch(gdb, commands, timeout=120):
    """Runs gdb-multiarch -batch with one -ex per command; its output."""
    args = [gdb, '-batch', '-nx']
    for c in commands:
        args += ['-ex', c]
    try:
        r = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        fail('gdb timed out', (e.stdout or b'').decode(errors='replace'))
    return r.stdout.decode(errors='replace') + r.stderr.decode(errors='replace')
