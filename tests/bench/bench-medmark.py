#!/usr/bin/env python3
"""medmark (a CoreMark-like workload) on Medley's two tiers and on QEMU.

usage: bench-medmark.py --medley MEDLEY [--rounds N]
                        --width NAME:BOARD:ELF[:QEMU[:MACHINE]] ...
                        [--board NAME:BOARD:CLUSTER=ELF,CLUSTER=ELF...] ...

For each width (rv32, rv64, cm3, a64), N rounds (default 3), each round running
interleaved, so that a slow spell of the shared host hits every
configuration alike:
  * Medley, interpreted:  `MEDLEY run BOARD --firmware ELF --tier interp --json`
  * Medley, translated:   the same with `--tier jit`
  * QEMU, `-icount shift=0` (deterministic, one instruction per ns)
  * QEMU, plain TCG
MIPS = Medley's instruction count (its JSON summary; QEMU runs the same
instructions of the same ELF) / the process's wall time, start-up
included; for Medley also / its own run time (wall_time_s).  Medians of
the rounds and the ratios against the translated tier are printed.
QEMU's machine is `virt` (no firmware), or MACHINE: `mps2-an385` for the
Cortex-M3 (with -semihosting, through which the program exits), or
`virt-a53` for the Cortex-A53 (QEMU's virt, -cpu cortex-a53, semihosting).

A --board is a whole board with a program per cluster (the heterogeneous
board with both CPUs busy): Medley's two tiers only, no QEMU machine
models it; MIPS counts the instructions of every CPU.

Slowness never fails: it exits non-zero only when a run fails or when a
console (the checksum line) differs between any two runs.
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import time


class RunFailed(Exception):
    pass


def normalise(data: bytes) -> str:
    return re.sub(r"\r+\n", "\n", data.decode("utf-8", errors="backslashreplace"))


def timed(command, timeout):
    start = time.perf_counter()
    try:
        proc = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RunFailed(f"timed out after {timeout} s: {' '.join(command)}")
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RunFailed(f"exit status {proc.returncode}: {' '.join(command)}\n"
                        f"{normalise(proc.stdout)}{normalise(proc.stderr)}")
    return normalise(proc.stdout), wall


def checksum_line(console: str) -> str:
    # (a board with several UARTs names the one a line came from)
    for line in console.splitlines():
        at = line.find("medmark:")
        if at >= 0:
            return line[at:].strip()
    raise RunFailed(f"no checksum line in the console:\n{console}")


def run_medley(medley, board, elfs, tier, timeout):
    firmware = [arg for elf in elfs for arg in ("--firmware", elf)]
    out, wall = timed([medley, "run", board, *firmware, "--tier", tier,
                       "--max-time", "600s", "--json"], timeout)
    body, _, last = out.rstrip("\n").rpartition("\n")
    start = last.find("{")
    try:
        summary = json.loads(last[start:])
        instructions = sum(summary["instructions"].values())
        inner = float(summary["wall_time_s"])
        exit_code = summary["exit_code"]
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise RunFailed(f"no JSON summary on the last line ({e!r}): {last!r}")
    if exit_code != 0:
        raise RunFailed(f"guest exit_code {exit_code}:\n{out}")
    return {"line": checksum_line(body + "\n" + last[:start]), "wall": wall,
            "inner": inner, "instructions": instructions}


# QEMU's options for each MACHINE of --width: RISC-V virt without firmware
# (the program ends through the test device), the Cortex-A53 on virt
# (semihosting), or any other machine with semihosting.
QEMU_MACHINES = {
    "virt": ["-M", "virt", "-bios", "none"],
    "virt-a53": ["-M", "virt", "-cpu", "cortex-a53", "-nic", "none", "-monitor", "none",
                 "-serial", "none", "-chardev", "stdio,id=sh0",
                 "-semihosting-config", "enable=on,target=native,chardev=sh0"],
}


def run_qemu(qemu, machine, elf, extra, timeout):
    board = QEMU_MACHINES.get(machine, ["-M", machine, "-semihosting"])
    out, wall = timed([qemu, *board, "-nographic", *extra, "-kernel", elf], timeout)
    return {"line": checksum_line(out), "wall": wall}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--medley", required=True)
    parser.add_argument("--width", action="append", default=[],
                        help="NAME:BOARD:ELF[:QEMU[:MACHINE]]")
    parser.add_argument("--board", action="append", default=[],
                        help="NAME:BOARD:CLUSTER=ELF,CLUSTER=ELF...")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()

    failed = False
    specs = [(spec, False) for spec in args.width] + [(spec, True) for spec in args.board]
    for spec, whole_board in specs:
        if whole_board:
            name, board, programs = spec.split(":", 2)
            elfs = programs.split(",")
            elf, qemu, machine = None, None, None
        else:
            name, board, elf, *rest = spec.split(":")
            elfs = [elf]
            qemu = rest[0] if rest and rest[0] else None
            machine = rest[1] if len(rest) > 1 and rest[1] else "virt"
        configs = [
            ("medley interp", lambda: run_medley(args.medley, board, elfs, "interp", args.timeout)),
            ("medley jit", lambda: run_medley(args.medley, board, elfs, "jit", args.timeout)),
        ]
        if qemu:
            configs += [
                ("qemu -icount shift=0",
                 lambda: run_qemu(qemu, machine, elf, ["-icount", "shift=0"], args.timeout)),
                ("qemu", lambda: run_qemu(qemu, machine, elf, [], args.timeout)),
            ]
        results = {}
        try:
            for _ in range(args.rounds):
                for cname, run in configs:
                    results.setdefault(cname, []).append(run())
        except RunFailed as e:
            print(f"FAIL ({name}): {e}")
            failed = True
            continue

        lines = {r["line"] for runs in results.values() for r in runs}
        if len(lines) != 1:
            print(f"FAIL ({name}): checksums differ: {sorted(lines)}")
            failed = True
        counts = {r["instructions"] for c in ("medley interp", "medley jit")
                  for r in results[c]}
        if len(counts) != 1:
            print(f"FAIL ({name}): instruction counts differ between runs or tiers: "
                  f"{sorted(counts)}")
            failed = True
        insns = results["medley jit"][0]["instructions"]
        mips = {c: statistics.median(insns / r["wall"] for r in runs) / 1e6
                for c, runs in results.items()}
        print(f"{name}: {sorted(lines)[0]}, {insns} instructions, "
              f"medians of {args.rounds} interleaved rounds")
        for c, runs in results.items():
            extra = ""
            if c.startswith("medley"):
                inner = statistics.median(insns / r["inner"] for r in runs) / 1e6
                extra = f" ({inner:.0f} MIPS of run time alone)"
            print(f"  {c + ':':<24}{mips[c]:7.0f} MIPS{extra}, "
                  f"jit / this = {mips['medley jit'] / mips[c]:.2f}")
        if whole_board:
            print("  qemu: no machine of QEMU models this board")
        elif not qemu:
            print("  qemu: skipped (not found)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
