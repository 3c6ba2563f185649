#!/usr/bin/env python3
"""A board that loads runs dtc once; its messages still name file and line.

usage: test-dtc-once.py MEDLEY BOARD.dts FIRMWARE.elf

dtc's line annotations take a second dtc run, which the board reader
does only when a message needs a line (engine/board-doc-read.c).  A dtc
on PATH that counts its runs, then execs the real one, tells how many
there were.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

medley, board, firmware = sys.argv[1:4]
real = shutil.which("dtc")
if real is None:
    print("1..0 # SKIP dtc is not installed")
    sys.exit(0)

failures = []
with tempfile.TemporaryDirectory() as tmp:
    log = os.path.join(tmp, "runs")
    wrapper = os.path.join(tmp, "dtc")
    with open(wrapper, "w") as f:
        f.write(f"#!/bin/sh\necho run >> '{log}'\nexec '{real}' \"$@\"\n")
    os.chmod(wrapper, 0o755)
    env = dict(os.environ, PATH=tmp + os.pathsep + os.environ.get("PATH", ""))

    def run(path, *extra):
        if os.path.exists(log):
            os.unlink(log)
        p = subprocess.run([medley, "run", path, *extra], env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=60)
        with open(log) as f:
            return p, len(f.read().split())

    def check(name, ok, detail):
        print(("ok" if ok else "not ok") + f" - {name}")
        if not ok:
            print("# " + detail.replace("\n", "\n# "))
            failures.append(name)

    print("1..3")
    p, runs = run(board, "--firmware", firmware, "--max-time", "1ms")
    check("a good board compiles once", runs == 1 and "Traceback" not in p.stderr,
          f"{runs} dtc runs; stderr: {p.stderr}")

    # No firmware: the message points at the cluster's line.
    with open(board) as f:
        text = f.read()
    nofw = os.path.join(tmp, "nofw.dts")
    with open(nofw, "w") as f:
        f.write(re.sub(r"\s*medley,firmware = [^;]*;", "", text))
    p, runs = run(nofw)
    check("a missing firmware is named with its line",
          re.search(re.escape(nofw) + r":\d+ ", p.stderr) is not None and runs == 2,
          f"{runs} dtc runs; stderr: {p.stderr}")

    # An error while reading: file, line and node.
    bad = os.path.join(tmp, "bad.dts")
    with open(bad, "w") as f:
        f.write(re.sub(r'compatible = "riscv,rv32imafdc"', 'compatible = "riscv,nonesuch"', text, count=1))
    p, runs = run(bad)
    check("a bad node is named with its line",
          re.search(re.escape(bad) + r":\d+: node /cpus/", p.stderr) is not None,
          f"{runs} dtc runs; stderr: {p.stderr}")

sys.exit(1 if failures else 0)
