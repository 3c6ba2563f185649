#!/usr/bin/env python3
"""Saving never loses the board: a helper saves a large board over and over
(two variants in turn) and is killed with SIGKILL at random moments; the
file must then always be exactly one of the two variants and load.  What a
killed save leaves behind is recognisable (.board.dts.medley-save-PID-XXXXXX)
and gone after the next save.

usage: test-save-atomic.py HELPER [ROUNDS]
"""
import os
import random
import re
import signal
import subprocess
import sys
import tempfile

helper = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 25
variants = {w: subprocess.run([helper, "dump", w], check=True, capture_output=True).stdout
            for w in "ab"}
assert variants["a"] != variants["b"]

rng = random.Random(1234)
seen = {"a": 0, "b": 0}
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "board.dts")
    print(f"1..{rounds}")
    for n in range(1, rounds + 1):
        p = subprocess.Popen([helper, "loop", path], stdout=subprocess.PIPE)
        assert p.stdout.readline() == b"saved\n"
        # The first save removed what killed ones left.
        stale = [f for f in os.listdir(d) if f != "board.dts" and
                 not f.startswith(f".board.dts.medley-save-{p.pid}-")]
        if stale:
            print(f"not ok {n}: left behind by earlier saves: {stale}")
            sys.exit(1)
        # Anywhere within the next few saves, mid-write as often as not.
        try:
            p.wait(timeout=rng.uniform(0.0, 0.05))
        except subprocess.TimeoutExpired:
            pass
        p.send_signal(signal.SIGKILL)
        p.wait()
        with open(path, "rb") as f:
            text = f.read()
        which = [w for w, v in variants.items() if v == text]
        if not which:
            print(f"not ok {n}: the file is neither variant ({len(text)} bytes)")
            sys.exit(1)
        seen[which[0]] += 1
        check = subprocess.run([helper, "check", path], capture_output=True)
        if check.returncode != 0:
            print(f"not ok {n}: the file does not load: {check.stderr.decode()}")
            sys.exit(1)
        print(f"ok {n} variant {which[0]}")
        for f in os.listdir(d):
            if f != "board.dts" and not re.fullmatch(r"\.board\.dts\.medley-save-\d+-\w{6}", f):
                print(f"not ok {n}: a stray file {f}")
                sys.exit(1)
print(f"# kills left variant a {seen['a']} times, variant b {seen['b']} times")
