#!/usr/bin/env python3
"""medley run --break FILE:LINE on the firmware's debug information.

Usage: test-break-line.py MEDLEY BOARD ELF SOURCE [BOARD ELF]...

For each board and firmware (tests/programs/debug-lines.c built with -g):
a breakpoint on a source line stops there and says so with the file and
line; a line without code is refused naming the nearest line with code;
a file no firmware knows is refused; a CPU name before the file works.
Lines come from the L: markers of SOURCE.
"""
import subprocess
import sys


def marker(source, name):
    with open(source, encoding='utf-8') as f:
        for number, text in enumerate(f, 1):
            if 'L:' + name + ' ' in text:
                return number
    raise SystemExit('no marker ' + name)


def run(medley, board, elf, *args):
    return subprocess.run([medley, 'run', board, '--firmware', elf, '--max-time', '10s', *args],
                          capture_output=True, text=True, timeout=120)


def main():
    medley, source = sys.argv[1], sys.argv[4]
    pairs = [sys.argv[2:4]] + [sys.argv[i:i + 2] for i in range(5, len(sys.argv), 2)]
    leaf = marker(source, 'leaf-next')
    n = 0
    for board, elf in pairs:
        n += 1
        r = run(medley, board, elf, '--break', 'debug-lines.c:%d' % leaf)
        assert r.returncode == 0, r.stderr
        assert 'stopped at a breakpoint' in r.stderr and 'debug-lines.c:%d' % leaf in r.stderr, \
            r.stderr
        print('ok %d - %s: --break debug-lines.c:%d stops there' % (n, board, leaf))

        n += 1
        r = run(medley, board, elf, '--break', 'debug-lines.c:1')
        assert r.returncode != 0
        assert 'line 1 of debug-lines.c has no code' in r.stderr, r.stderr
        assert 'nearest line with code is' in r.stderr, r.stderr
        print('ok %d - a line without code names the nearest one' % n)

        n += 1
        r = run(medley, board, elf, '--break', 'elsewhere.c:10')
        assert r.returncode != 0
        assert 'elsewhere.c' in r.stderr and 'debug information' in r.stderr, r.stderr
        print('ok %d - an unknown file is refused' % n)

        n += 1
        r = run(medley, board, elf, '--break', 'cpu0:programs/debug-lines.c:%d' % leaf)
        assert r.returncode == 0 and 'debug-lines.c:%d' % leaf in r.stderr, r.stderr
        print('ok %d - CPU:FILE:LINE, with a path tail' % n)
    print('1..%d' % n)


main()
