#!/usr/bin/env python3
"""The heterogeneous demo board: both consoles show the expected exchange,
two runs are identical, and the clocks decide the timing.

usage: check-hetero.py MEDLEY BOARD EXPECTED
"""
import json
import os
import re
import subprocess
import sys
import tempfile

medley, board, expected_path = sys.argv[1:4]


def run(path):
    r = subprocess.run([medley, "run", path, "--json", "--max-time", "5s"],
                       capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    lines = r.stdout.splitlines()
    if r.returncode != 0 or not lines:
        sys.exit(f"FAIL: {path} exited {r.returncode}: {r.stderr.strip()}")
    summary = json.loads(lines[-1])
    return "\n".join(lines[:-1]) + "\n", summary


def with_clock(cluster_label, hz, directory):
    """A copy of the board with one cluster's CPU clock changed."""
    text = open(board).read()
    start = text.index(f"{cluster_label}: cluster-")
    cpu = text.index("clock-frequency = <", start)
    end = text.index(">", cpu)
    text = text[:cpu] + f"clock-frequency = <{hz}" + text[end:]
    path = os.path.join(directory, f"hetero-{cluster_label}-{hz}.dts")
    with open(path, "w") as f:
        f.write(text)
    return path


failures = []
console, first = run(board)
expected = open(expected_path).read()
if console != expected:
    failures.append("console differs from the expected exchange:\n" + console)
if "6 of 6 answers correct" not in console:
    failures.append("the RISC-V side did not get 6 correct answers")

# Same board, same firmware: the same run, to the picosecond.
console2, second = run(board)
for key in ("virtual_time_ps", "instructions", "exit_code", "stop_reason"):
    if first[key] != second[key]:
        failures.append(f"second run differs in {key}: {first[key]} != {second[key]}")
if console2 != console:
    failures.append("second run printed something else")

# The clocks: both cores do the same work at any speed (they sleep in
# wfi while waiting; a wait loop may turn once more or less per message,
# so allow a few instructions per message), and the run gets
# shorter when the core on the critical path gets faster, by no more than
# its busy time saved.
with tempfile.TemporaryDirectory() as d:
    _, fast_mcu = run(with_clock("mcu", 96000000, d))
    _, fast_app = run(with_clock("app", 200000000, d))
t0 = first["virtual_time_ps"]
mcu_n, app_n = first["instructions"]["mcu"], first["instructions"]["app"]
for name, other in (("mcu at 96 MHz", fast_mcu), ("app at 200 MHz", fast_app)):
    for cpu, n in first["instructions"].items():
        if abs(other["instructions"][cpu] - n) > 8 * 8:
            failures.append(f"{name}: {cpu} ran {other['instructions'][cpu]} instructions, not about {n}")
    if other["virtual_time_ps"] >= t0:
        failures.append(f"{name}: the run did not get shorter ({other['virtual_time_ps']} >= {t0})")
# Time saved can be at most every instruction of that core run faster
# (ps per instruction: 1e12 / f), plus one quantum of slack.
quantum = 10_000_000
bound_mcu = mcu_n * (1e12 / 48e6 - 1e12 / 96e6) + quantum
bound_app = app_n * (1e12 / 100e6 - 1e12 / 200e6) + quantum
saved_mcu = t0 - fast_mcu["virtual_time_ps"]
saved_app = t0 - fast_app["virtual_time_ps"]
if saved_mcu > bound_mcu:
    failures.append(f"mcu at 96 MHz saved {saved_mcu} ps, more than its {bound_mcu:.0f} ps bound")
if saved_app > bound_app:
    failures.append(f"app at 200 MHz saved {saved_app} ps, more than its {bound_app:.0f} ps bound")
print(f"run: {t0} ps, instructions {first['instructions']}")
print(f"mcu at 96 MHz: {fast_mcu['virtual_time_ps']} ps (saved {saved_mcu}, bound {bound_mcu:.0f})")
print(f"app at 200 MHz: {fast_app['virtual_time_ps']} ps (saved {saved_app}, bound {bound_app:.0f})")
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
