#!/usr/bin/env python3
"""Runs one AArch64 ISA test on Medley and on QEMU (-M virt -cpu cortex-a53)
and compares their console output and exit status, QEMU's being the
reference.  Exits 77 (skip) when QEMU is missing.

usage: diff-run.py MEDLEY BOARD QEMU ELF [QEMU-ARGS...]
"""
import difflib
import os
import shutil
import subprocess
import sys


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=120)
    return p.returncode, p.stdout.decode(errors='replace')


def main():
    medley, board, qemu, elf = sys.argv[1:5]
    extra = sys.argv[5:]
    if not os.path.exists(qemu) and shutil.which(qemu) is None:
        print('skipped: qemu-system-aarch64 not found')
        return 77
    qs, qout = run([qemu, '-M', 'virt', '-cpu', 'cortex-a53', '-nographic',
                    '-monitor', 'none', '-serial', 'none', '-nic', 'none',
                    '-chardev', 'stdio,id=sh0', '-semihosting-config',
                    'enable=on,target=native,chardev=sh0', '-kernel', elf] + extra)
    ms, mout = run([medley, 'run', board, '--firmware', elf, '--max-time',
                    '60s', '--no-input'])
    ok = True
    if qout != mout:
        ok = False
        sys.stdout.writelines(difflib.unified_diff(
            qout.splitlines(True), mout.splitlines(True), 'qemu', 'medley'))
    if qs != ms:
        ok = False
        print(f'exit status: qemu {qs}, medley {ms}')
    if ok:
        print(f'same output ({len(qout.splitlines())} lines) and status {qs}')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
