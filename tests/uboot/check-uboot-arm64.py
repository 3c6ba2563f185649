#!/usr/bin/env python3
"""Debian's U-Boot for QEMU arm64 on boards/aarch64-uboot.dts.

usage: check-uboot-arm64.py MEDLEY BOARD

`MEDLEY run --json BOARD` with stdin piped, as a person would use it: a
key stops the autoboot countdown, then `version` and `bdinfo` are typed
and checked against what the board says (RAM at 0x40000000, 128 MiB, the
device tree Medley derived), and `poweroff` (PSCI SYSTEM_OFF) must end the
run with the guest's success.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from importlib import import_module

uboot = import_module("check-uboot")   # its Console: a child and its output


def main(medley, board):
    con = uboot.Console([medley, "run", "--json", "--max-time", "120s", board])
    banner_end = con.wait_for(b"Hit any key to stop autoboot", 0)
    con.type("")
    start = con.wait_for(b"\n" + uboot.PROMPT, banner_end)
    banner = con.text()[:banner_end].decode(errors="replace")
    failures = []
    for want in ("U-Boot 2023.01", "DRAM:  128 MiB", "pl011@9000000"):
        if want not in banner:
            failures.append(f"the banner lacks {want!r}")

    answer, start = con.command("version", start)
    if "U-Boot 2023.01" not in answer or "aarch64-linux-gnu-gcc" not in answer:
        failures.append("version: " + answer)
    answer, start = con.command("bdinfo", start)
    for want in ("-> start    = 0x0000000040000000", "-> size     = 0x0000000008000000",
                 "Build       = 64-bit", "devicetree  = board"):
        if want not in answer:
            failures.append(f"bdinfo lacks {want!r}:\n{answer}")

    con.type("poweroff")
    # Not communicate(): it would read stdout too, racing the reader thread
    # for the last lines (the JSON among them).
    con.proc.wait(timeout=240)
    con.reader.join(timeout=10)
    err = con.proc.stderr.read()
    lines = con.text().decode(errors="replace").splitlines()
    summary = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    if con.proc.returncode != 0 or summary.get("stop_reason") != "guest-exit":
        failures.append(f"poweroff: exit {con.proc.returncode}, {summary}, {err.decode()}")
    if failures:
        sys.stdout.write(con.text().decode(errors="replace"))
        sys.exit("FAIL: " + "\nFAIL: ".join(failures))
    print("ok:", summary.get("virtual_time_ps"), "ps of virtual time")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
