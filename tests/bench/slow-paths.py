#!/usr/bin/env python3
"""What the slow paths of issue 19 cost: a fence.i loop and nested faults
on RISC-V (rv-slow-paths.S) and the Cortex-M interrupt storm
(tests/targets/arm/irq-storm.S), each against a plain loop of the same
core.

Every workload runs to its end; with --valgrind each also runs under
callgrind, counting only what runs inside mdl_machine_run, so the figures
do not depend on the machine's load.  Printed for each: guest
instructions, MIPS (median of --runs wall-clock runs), host instructions
per guest instruction, and what one event (a fence.i, a trap, an
exception entry and return) costs beyond its own instructions, in host
instructions and in plain guest instructions of that core and tier.
Each runs in both tiers (--tier interp and --tier jit); callgrind runs
with MEDLEY_JIT_SINGLE_MAP=1 and --smc-check=all, so that it sees the
translated code as the host runs it.

With --qemu-rv32 and --qemu-arm the same firmware also runs on QEMU
(RISC-V on virt; the storm on mps2-an385 with -icount shift=5, 32 ns an
instruction, so that its SysTick of 40 cycles at 25 MHz comes every 50
instructions rather than on the host's clock), interleaved with Medley's
runs: what one event costs in wall time, Medley in either tier against
QEMU, each from the difference between the workload and its plain (calm)
variant, so that start-up cancels out (Medley's run time from its
summary, QEMU's whole process).

Usage: slow-paths.py --medley MEDLEY [--valgrind VALGRIND]
         --rv-board BOARD --rv plain=ELF --rv fence.i=ELF
         --rv nested-m=ELF --rv nested-u=ELF
         [--arm-board BOARD --arm-storm ELF --arm-calm ELF]
         [--qemu-rv32 QEMU] [--qemu-arm QEMU]
Fails only if a run fails.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

# Events in each RISC-V workload (rv-slow-paths.S: ROUNDS rounds of one
# fence.i, or of two traps: the illegal instruction and the nested load
# fault).
RV_ROUNDS = 100000
RV_EVENTS = {"fence.i": RV_ROUNDS, "nested-m": 2 * RV_ROUNDS, "nested-u": 2 * RV_ROUNDS}
# irq-storm.S: 50 000 SysTick interrupts in the storm, 500 in the calm run.
ARM_STORM_EVENTS = 50000 - 500


def run_json(cmd, env=None):
    r = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                       timeout=900, env=env)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit status {r.returncode}\n{r.stdout[-2000:]}\n"
                 f"{r.stderr[-2000:]}")
    last = r.stdout.strip().splitlines()[-1]
    return json.loads(last[last.index("{"):]), r


TIERS = ("interp", "jit")


def mips(medley, board, elf, runs, tier):
    rates = []
    insns = 0
    for _ in range(runs):
        summary, _ = run_json([medley, "run", board, "--firmware", elf, "--json", "--no-input",
                               "--tier", tier])
        insns = sum(summary["instructions"].values())
        rates.append(insns / max(float(summary["wall_time_s"]), 1e-9) / 1e6)
    return insns, statistics.median(rates)


def host_insns(valgrind, medley, board, elf, tier):
    with tempfile.TemporaryDirectory(prefix="medley-slow-") as tmp:
        summary, r = run_json([valgrind, "--tool=callgrind", "--toggle-collect=mdl_machine_run",
                               "--smc-check=all",
                               "--callgrind-out-file=" + os.path.join(tmp, "cg.out"),
                               medley, "run", board, "--firmware", elf, "--json",
                               "--no-input", "--tier", tier],
                              env=dict(os.environ, MEDLEY_JIT_SINGLE_MAP="1"))
    m = re.search(r"Collected\s*:\s*(\d+)", r.stderr)
    if m is None:
        sys.exit(f"{elf}: no callgrind total\n{r.stderr[-2000:]}")
    return int(m.group(1)), sum(summary["instructions"].values())


def medley_seconds(medley, board, elf, tier):
    summary, _ = run_json([medley, "run", board, "--firmware", elf, "--json", "--no-input",
                           "--tier", tier])
    return float(summary["wall_time_s"])


def qemu_seconds(cmd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, stdin=subprocess.DEVNULL, timeout=900)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit status {r.returncode}\n{r.stderr[-2000:]}")
    return wall


def wall_per_event(args, rv):
    """Nanoseconds one event costs, Medley's tiers against QEMU: each
    workload and its plain variant run args.runs times, interleaved."""
    cases = []  # (name, events, {tool: (plain_run, workload_run)})
    if args.qemu_rv32:
        def rv_runs(elf):
            return {"interp": lambda: medley_seconds(args.medley, args.rv_board, elf, "interp"),
                    "jit": lambda: medley_seconds(args.medley, args.rv_board, elf, "jit"),
                    "qemu": lambda: qemu_seconds([args.qemu_rv32, "-M", "virt", "-bios", "none",
                                                  "-nographic", "-kernel", elf])}
        for name in ("fence.i", "nested-m", "nested-u"):
            cases.append((f"riscv32 {name}", RV_EVENTS[name], rv_runs(rv["plain"]),
                          rv_runs(rv[name])))
    if args.qemu_arm and args.arm_board:
        def arm_runs(elf):
            return {"interp": lambda: medley_seconds(args.medley, args.arm_board, elf, "interp"),
                    "jit": lambda: medley_seconds(args.medley, args.arm_board, elf, "jit"),
                    "qemu": lambda: qemu_seconds([args.qemu_arm, "-M", "mps2-an385", "-icount",
                                                  "shift=5", "-semihosting", "-nographic",
                                                  "-kernel", elf])}
        cases.append(("cortex-m3 irq storm", ARM_STORM_EVENTS, arm_runs(args.arm_calm),
                      arm_runs(args.arm_storm)))
    if not cases:
        return
    print(f"\n{'wall time per event (ns)':<30} {'interp':>9} {'jit':>9} {'QEMU':>9}"
          f" {'QEMU/interp':>11} {'QEMU/jit':>9}")
    for name, events, plain_runs, work_runs in cases:
        times = {tool: ([], []) for tool in plain_runs}
        for _ in range(args.runs):
            for tool in plain_runs:
                times[tool][0].append(plain_runs[tool]())
                times[tool][1].append(work_runs[tool]())
        ns = {tool: max(statistics.median(w) - statistics.median(p), 0.0) / events * 1e9
              for tool, (p, w) in times.items()}
        print(f"{name:<30} {ns['interp']:>9.1f} {ns['jit']:>9.1f} {ns['qemu']:>9.1f}"
              f" {ns['qemu'] / max(ns['interp'], 1e-3):>11.1f}"
              f" {ns['qemu'] / max(ns['jit'], 1e-3):>9.1f}")
    print("(medians of the runs; the plain or calm variant's time taken off)")


def report(name, insns, rate, host, plain_per_insn, events):
    line = f"{name:<30} {insns:>10} {rate:>9.1f}"
    if host is not None:
        line += f" {host / insns:>10.1f}"
        if events and plain_per_insn:
            extra = (host - plain_per_insn * insns) / events
            line += f" {extra:>11.0f} {extra / plain_per_insn:>8.1f}"
    print(line)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--medley", required=True)
    p.add_argument("--valgrind")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--rv-board", required=True)
    p.add_argument("--rv", action="append", default=[], metavar="NAME=ELF")
    p.add_argument("--arm-board")
    p.add_argument("--arm-storm")
    p.add_argument("--arm-calm")
    p.add_argument("--qemu-rv32")
    p.add_argument("--qemu-arm")
    args = p.parse_args()

    print(f"{'workload':<30} {'guest insn':>10} {'MIPS':>9} {'host/guest':>10}"
          f" {'host/event':>11} {'in plain':>8}")

    rv = dict(item.split("=", 1) for item in args.rv)
    for tier in TIERS:
        plain = None
        for name in ["plain"] + [n for n in rv if n != "plain"]:
            insns, rate = mips(args.medley, args.rv_board, rv[name], args.runs, tier)
            host = None
            if args.valgrind:
                host, insns = host_insns(args.valgrind, args.medley, args.rv_board, rv[name],
                                         tier)
                if name == "plain":
                    plain = host / insns
            report(f"riscv32 {name} ({tier})", insns, rate, host, plain, RV_EVENTS.get(name))

    if args.arm_board and args.arm_storm and args.arm_calm:
        for tier in TIERS:
            calm = None
            for name, elf in (("calm", args.arm_calm), ("irq storm", args.arm_storm)):
                insns, rate = mips(args.medley, args.arm_board, elf, args.runs, tier)
                host = None
                if args.valgrind:
                    host, insns = host_insns(args.valgrind, args.medley, args.arm_board, elf,
                                             tier)
                    if name == "calm":
                        calm = host / insns
                report(f"cortex-m3 {name} ({tier})", insns, rate, host, calm,
                       ARM_STORM_EVENTS if name != "calm" else None)
    print("host/event: host instructions one fence.i, trap or exception (entry and "
          "return) costs beyond a plain instruction; 'in plain': the same in plain "
          "guest instructions of that core")
    wall_per_event(args, rv)


if __name__ == "__main__":
    main()
