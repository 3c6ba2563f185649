#!/usr/bin/env python3
"""Runs one AArch64 program twice on Medley and compares the consoles,
the virtual time and every core's retired instructions (the JSON summary
without its wall time): two cores racing on exclusives, timers and
interrupts must still give one answer.

usage: determinism.py MEDLEY BOARD ELF
"""
import json
import subprocess
import sys


def run(medley, board, elf):
    p = subprocess.run([medley, 'run', board, '--firmware', elf, '--no-input', '--json'],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=120)
    lines = p.stdout.decode(errors='replace').splitlines()
    summary = json.loads(lines[-1])
    summary.pop('wall_time_s', None)
    return p.returncode, lines[:-1], summary


def main():
    medley, board, elf = sys.argv[1:4]
    first, second = run(medley, board, elf), run(medley, board, elf)
    if first != second:
        print('runs differ:')
        print(first)
        print(second)
        return 1
    if first[0] != 0:
        print('the program failed:', first)
        return 1
    print('same console, time and instruction counts:', first[2])
    return 0


if __name__ == '__main__':
    sys.exit(main())
