#!/usr/bin/env python3
"""The AArch64 virt board's demo: the PL011 prints, the PL031 reads the
board's epoch, three timer interrupts arrive through the GICv2, PSCI
SYSTEM_OFF ends the run with 0; two runs are the same to the picosecond.

usage: check-aarch64-virt.py MEDLEY BOARD
"""
import json
import subprocess
import sys

medley, board = sys.argv[1:3]
EXPECTED = ("Hello from a Cortex-A53 on Medley's AArch64 virt board\r\n"
            "PL031 clock: 1767225600 s since 1970\r\n"
            "  tick 1\r\n  tick 2\r\n  tick 3\r\n"
            "Timer interrupts through the GIC: 3. Powering off.\r\n")


def run():
    r = subprocess.run([medley, "run", board, "--json", "--no-input", "--max-time", "5s"],
                       capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    out = r.stdout.decode()
    if r.returncode != 0:
        sys.exit(f"FAIL: exited {r.returncode}: {r.stderr.decode().strip()}\n{out}")
    lines = out.split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines[:-1]) + "\n", json.loads(lines[-1])


console, first = run()
if console.replace("\r\n", "\n") != EXPECTED.replace("\r\n", "\n"):
    sys.exit("FAIL: console differs:\n" + console)
console2, second = run()
for key in ("virtual_time_ps", "instructions", "exit_code", "stop_reason"):
    if first[key] != second[key]:
        sys.exit(f"FAIL: second run differs in {key}: {first[key]} != {second[key]}")
if console2 != console:
    sys.exit("FAIL: second run printed something else")
print("ok:", first["virtual_time_ps"], "ps,", first["instructions"], "instructions")
