#!/usr/bin/env python3
"""Assembles simd-int-forms.S (every Advanced SIMD integer form of the ISA
test) with GNU as, disassembles it with GNU objdump and with Medley's
disassembler (test-aarch64-disas --stdin), and compares the text line by
line in Medley's conventions (mnemonic padded to 8 columns, no comments).

usage: simd-objdump.py DISAS-EXE AS OBJDUMP FORMS.S
"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    disas, gas, objdump, forms = sys.argv[1:5]
    with tempfile.TemporaryDirectory() as tmp:
        obj = os.path.join(tmp, 'forms.o')
        subprocess.run([gas, forms, '-o', obj], check=True)
        out = subprocess.run([objdump, '-d', obj], check=True, stdout=subprocess.PIPE,
                             text=True).stdout
    rows = []
    for line in out.splitlines():
        m = re.match(r'\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$', line)
        if not m:
            continue
        text = m.group(3).split('//')[0].rstrip()
        parts = text.split('\t', 1)
        text = '%-7s %s' % (parts[0], parts[1]) if len(parts) > 1 else parts[0]
        rows.append((m.group(1), m.group(2), text))
    feed = ''.join('%s %s\n' % (a, w) for a, w, _ in rows)
    ours = subprocess.run([disas, '--stdin'], input=feed, stdout=subprocess.PIPE, text=True,
                          check=True).stdout.splitlines()
    bad = 0
    for (addr, word, want), got in zip(rows, ours):
        if want != got:
            bad += 1
            print('0x%s: "%s", objdump says "%s"' % (word, got, want))
    if len(ours) != len(rows):
        print('%d lines for %d instructions' % (len(ours), len(rows)))
        bad += 1
    print('%d of %d instructions differ' % (bad, len(rows)))
    return 1 if bad or not rows else 0


if __name__ == '__main__':
    sys.exit(main())
