#!/usr/bin/env python3
"""Hostile guests under `medley run`: each must end with its documented
exit status (124 time limit, 125 the machine stopped) and one clear line on
stderr, within a wall-clock bound, without a sanitizer report (the
sanitizer build runs this suite too).

usage: test-robust.py MEDLEY RV_BOARD ARM_BOARD DIR
DIR holds the guests' ELF files (a guest whose ELF is missing is skipped).
"""
import os
import subprocess
import sys

medley, rv_board, arm_board, elf_dir = sys.argv[1:5]

# guest, board, allowed statuses, words the message must contain, stdout check
CASES = [
    ("rv-write-everywhere", rv_board, {124}, ["time limit"], None),
    ("rv-jump-anywhere", rv_board, {124, 125}, [], None),
    ("rv-flood-uart", rv_board, {124}, ["time limit"], ("x", 10000)),
    ("rv-spin-irqs-off", rv_board, {124}, ["time limit"], None),
    ("rv-wfi-irqs-off", rv_board, {125}, ["every CPU waits for an interrupt"], None),
    ("rv-trap-loop", rv_board, {125}, ["instruction access fault", "trap handler"], None),
    ("arm-lockup", arm_board, {125}, ["lockup"], None),
    ("arm-spin-irqs-off", arm_board, {124}, ["time limit"], None),
    ("arm-flood-uart", arm_board, {124}, ["time limit"], ("y", 10000)),
    ("arm-jump-anywhere", arm_board, {124, 125}, [], None),
]

failures = 0
print(f"1..{len(CASES)}")
for n, (guest, board, statuses, words, out_check) in enumerate(CASES, 1):
    elf = os.path.join(elf_dir, guest + ".elf")
    if not os.path.exists(elf):
        print(f"ok {n} {guest} # SKIP no {elf}")
        continue
    argv = [medley, "run", board, "--firmware", elf, "--max-time", "20ms", "--no-input"]
    try:
        r = subprocess.run(argv, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        print(f"not ok {n} {guest}: still running after 120 s of wall time")
        failures += 1
        continue
    err = r.stderr.decode(errors="replace")
    lines = [l for l in err.splitlines() if l.strip()]
    problems = []
    if r.returncode not in statuses:
        problems.append(f"exit status {r.returncode}, expected {sorted(statuses)}")
    if "Sanitizer" in err or "runtime error" in err:
        problems.append("sanitizer report")
    if len(lines) != 1 or not lines[0].startswith("medley: "):
        problems.append("stderr is not one 'medley: ...' line")
    for w in words:
        if w not in err:
            problems.append(f"no '{w}' in the message")
    if out_check and r.stdout.count(out_check[0].encode()) < out_check[1]:
        problems.append(f"fewer than {out_check[1]} '{out_check[0]}' on stdout")
    if problems:
        failures += 1
        print(f"not ok {n} {guest}: " + "; ".join(problems))
        for l in err.splitlines()[:40]:
            print("#   " + l)
    else:
        print(f"ok {n} {guest}: {r.returncode} {lines[0]}")
sys.exit(1 if failures else 0)
