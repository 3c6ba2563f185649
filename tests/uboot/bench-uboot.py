#!/usr/bin/env python3
"""Time to U-Boot's prompt: Medley against QEMU on the same files.

usage: bench-uboot.py UBOOT_CONSOLE BOARD FW_JUMP U_BOOT_BIN [QEMU]

Medley: the uboot-console harness boots BOARD to the first "=> " and
powers off; its JSON gives the virtual time and the wall time at which the
prompt appeared (start-up excluded), and the whole process is also timed
from the outside.  QEMU: `QEMU -M virt -m 128M -nographic -bios FW_JUMP
-kernel U_BOOT_BIN`, timed from the start of the process to the first
"=> " on its console, then killed.  Both boot the same way (autoboot's
two-second countdown, then the failed network and disk boots).

CPU time (user + system) of each process is reported too: on a loaded
host it says more than wall time.  Slowness never fails the benchmark; a run that never shows the prompt
does.
"""
import json
import os
import resource
import select
import subprocess
import sys
import time


def cpu_seconds():
    """CPU time of the children waited for so far: fair on a loaded host."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def medley(harness, board):
    t0, c0 = time.monotonic(), cpu_seconds()
    r = subprocess.run([harness, board, "poweroff"], capture_output=True, timeout=900)
    outside, cpu = time.monotonic() - t0, cpu_seconds() - c0
    summary = json.loads(r.stdout.decode(errors="replace").rstrip().rpartition("\n")[2])
    if r.returncode != 0 or not summary["prompt_ps"]:
        raise SystemExit(f"FAIL: Medley did not reach the prompt: {summary}")
    return (summary["prompt_ps"][0] / 1e12, summary["prompt_wall_s"][0], outside, cpu,
            summary["instructions"])


def qemu(qemu_bin, fw, payload):
    argv = [qemu_bin, "-M", "virt", "-m", "128M", "-smp", "1", "-nographic",
            "-bios", fw, "-kernel", payload]
    t0, c0 = time.monotonic(), cpu_seconds()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    out = b""
    try:
        while b"=> " not in out:
            if time.monotonic() - t0 > 300:
                raise SystemExit("FAIL: QEMU did not reach the prompt in 300 s")
            ready, _, _ = select.select([p.stdout], [], [], 1.0)
            if ready:
                chunk = os.read(p.stdout.fileno(), 4096)
                if not chunk:
                    raise SystemExit("FAIL: QEMU ended before the prompt")
                out += chunk
        wall = time.monotonic() - t0
    finally:
        p.kill()
        p.wait()
    return wall, cpu_seconds() - c0


def main():
    if len(sys.argv) not in (5, 6):
        raise SystemExit(__doc__)
    harness, board, fw, payload = sys.argv[1:5]
    vt, wall, outside, cpu, insns = medley(harness, board)
    print(f"Medley: prompt at {vt:.3f} s of virtual time, {wall:.2f} s of wall time "
          f"({outside:.2f} s with start-up and power-off, {cpu:.2f} s of CPU), "
          f"{insns} instructions, {insns / wall / 1e6:.0f} MIPS")
    if len(sys.argv) == 6:
        q, qcpu = qemu(sys.argv[5], fw, payload)
        print(f"QEMU -M virt: prompt after {q:.2f} s of wall time ({qcpu:.2f} s of CPU; "
              f"its autoboot countdown is 2 s of host time)")
        print(f"ratio Medley/QEMU, wall to the prompt with start-up: {outside / q:.2f}; "
              f"CPU: {cpu / qcpu:.2f}")


if __name__ == "__main__":
    main()
