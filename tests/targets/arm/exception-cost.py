#!/usr/bin/env python3
"""What one Cortex-M exception (entry and return) costs, in host
instructions and in plain guest instructions, measured with callgrind
(instruction counts do not depend on the machine's load).

Runs two builds of irq-storm.S: the storm (a SysTick interrupt every 40
cycles, 50 000 of them) and the calm one (every 4000 cycles, 500), each
about 2e6 guest instructions.  Only what runs inside mdl_machine_run is
counted.  The calm run gives the host cost of a plain guest instruction;
what the storm costs beyond its instructions at that rate, divided by its
interrupts, is the cost of one exception: the SysTick event, the entry
with its 8-word frame and vector fetch, and the return.

Usage: exception-cost.py MEDLEY BOARD STORM.elf CALM.elf
Fails only if a run fails.
"""
import json
import re
import subprocess
import sys
import tempfile


def measure(medley, board, elf):
    with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
        r = subprocess.run(
            ["valgrind", "--tool=callgrind", "--toggle-collect=mdl_machine_run",
             "--callgrind-out-file=" + out.name,
             medley, "run", board, "--firmware", elf, "--json", "--no-input"],
            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        sys.exit(f"{elf}: exit status {r.returncode}\n{r.stdout}\n{r.stderr}")
    ir = int(re.search(r"Collected : (\d+)", r.stderr).group(1))
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    insns = sum(summary["instructions"].values())
    return ir, insns


def main():
    medley, board, storm, calm = sys.argv[1:5]
    storm_ir, storm_insns = measure(medley, board, storm)
    calm_ir, calm_insns = measure(medley, board, calm)
    per_insn = calm_ir / calm_insns
    per_exc = (storm_ir - per_insn * storm_insns) / 50000
    print(f"calm:  {calm_insns} guest instructions, {calm_ir} host "
          f"({per_insn:.1f} per instruction)")
    print(f"storm: {storm_insns} guest instructions, {storm_ir} host "
          f"({storm_ir / storm_insns:.1f} per instruction)")
    print(f"one exception (entry + return, SysTick event): {per_exc:.0f} host "
          f"instructions = {per_exc / per_insn:.1f} plain guest instructions")


if __name__ == "__main__":
    main()
