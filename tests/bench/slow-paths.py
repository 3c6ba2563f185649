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
translated code as the host runs it.  From callgrind's call records it
also prints what each part of an event costs by itself (a trap's entry,
mret, the handler's csrw of mstatus; SysTick's tick, the exception entry
and return): one call of the function that does it, with all it calls,
in host instructions and in plain instructions of either tier.

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

# The parts of an event, each a function whose calls callgrind counts:
# what one call costs, with everything it calls (the exception entry
# from the loop's look at pending interrupts, the return from the bx
# that starts it, SysTick from the core's own-event hook).
RV_PARTS = (("trap entry", "rv_exception"), ("mret", "rv_exec_mret"),
            ("csrw mstatus", "rv_exec_csrw_mstatus"))
ARM_PARTS = (("SysTick tick", "mdl_cpu_fire_own"), ("exception entry", "arm_check_pending"),
             ("exception return", "arm_exception_return"))

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


def calls_of(path, names):
    """Per function of @names: (calls, inclusive host instructions of
    those calls), read from the callgrind output file's call records."""
    ids, found = {}, {n: [0, 0] for n in names}
    pending = None
    with open(path) as f:
        for line in f:
            if line.startswith(("fn=", "cfn=")):
                m = re.match(r"c?fn=\((\d+)\)(?: (.*))?", line.strip())
                if m and m.group(2):
                    ids[m.group(1)] = m.group(2)
                callee = ids.get(m.group(1)) if m and line.startswith("cfn=") else None
            elif line.startswith("calls="):
                pending = (callee, int(line.split("=")[1].split()[0]))
            elif pending is not None:
                name, calls = pending
                pending = None
                if name in found:
                    found[name][0] += calls
                    found[name][1] += int(line.split()[-1])
    return found


def host_insns(valgrind, medley, board, elf, tier, functions=()):
    with tempfile.TemporaryDirectory(prefix="medley-slow-") as tmp:
        out = os.path.join(tmp, "cg.out")
        summary, r = run_json([valgrind, "--tool=callgrind", "--toggle-collect=mdl_machine_run",
                               "--smc-check=all", "--callgrind-out-file=" + out,
                               medley, "run", board, "--firmware", elf, "--json",
                               "--no-input", "--tier", tier],
                              env=dict(os.environ, MEDLEY_JIT_SINGLE_MAP="1"))
        parts = calls_of(out, functions) if functions else {}
    m = re.search(r"Collected\s*:\s*(\d+)", r.stderr)
    if m is None:
        sys.exit(f"{elf}: no callgrind total\n{r.stderr[-2000:]}")
    return int(m.group(1)), sum(summary["instructions"].values()), parts


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
        ns = {tool: (statistics.median(w) - statistics.median(p)) / events * 1e9
              for tool, (p, w) in times.items()}

        def cell(v, width):
            return f"{v:>{width}.1f}" if v > 0 else f"{'n/a':>{width}}"

        def ratio(a, b, width):
            return f"{a / b:>{width}.1f}" if a > 0 and b > 0 else f"{'n/a':>{width}}"
        print(f"{name:<30} {cell(ns['interp'], 9)} {cell(ns['jit'], 9)} {cell(ns['qemu'], 9)}"
              f" {ratio(ns['qemu'], ns['interp'], 11)} {ratio(ns['qemu'], ns['jit'], 9)}")
    print("(medians of the runs; the plain or calm variant's time taken off; n/a: "
          "no more than the run-to-run noise)")


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
    parts = []  # (workload, tier, {part: (calls, host)}, plain host/insn of that tier)
    plain_of = {}
    for tier in TIERS:
        plain = None
        for name in ["plain"] + [n for n in rv if n != "plain"]:
            insns, rate = mips(args.medley, args.rv_board, rv[name], args.runs, tier)
            host = None
            if args.valgrind:
                host, insns, found = host_insns(args.valgrind, args.medley, args.rv_board,
                                                rv[name], tier,
                                                [f for _, f in RV_PARTS] if name != "plain"
                                                else ())
                if name == "plain":
                    plain = plain_of[("riscv32", tier)] = host / insns
                elif name.startswith("nested"):
                    parts.append((f"riscv32 {name}", tier, found, RV_PARTS))
            report(f"riscv32 {name} ({tier})", insns, rate, host, plain, RV_EVENTS.get(name))

    if args.arm_board and args.arm_storm and args.arm_calm:
        for tier in TIERS:
            calm = None
            for name, elf in (("calm", args.arm_calm), ("irq storm", args.arm_storm)):
                insns, rate = mips(args.medley, args.arm_board, elf, args.runs, tier)
                host = None
                if args.valgrind:
                    host, insns, found = host_insns(args.valgrind, args.medley, args.arm_board,
                                                    elf, tier,
                                                    [f for _, f in ARM_PARTS] if name != "calm"
                                                    else ())
                    if name == "calm":
                        calm = plain_of[("cortex-m3", tier)] = host / insns
                    else:
                        parts.append((f"cortex-m3 {name}", tier, found, ARM_PARTS))
                report(f"cortex-m3 {name} ({tier})", insns, rate, host, calm,
                       ARM_STORM_EVENTS if name != "calm" else None)
    print("host/event: host instructions one fence.i, trap or exception (entry and "
          "return) costs beyond a plain instruction; 'in plain': the same in plain "
          "guest instructions of that core")

    if parts:
        print(f"\n{'one part of an event':<48} {'calls':>8} {'host':>7} {'in plain':>8}"
              f" {'interp. plain':>13}")
        for workload, tier, found, names in parts:
            core = workload.split()[0]
            for label, fn in names:
                calls, host = found.get(fn, (0, 0))
                if not calls:
                    print(f"{workload + ' (' + tier + '): ' + label:<48} {'not seen':>8}")
                    continue
                per = host / calls
                print(f"{workload + ' (' + tier + '): ' + label:<48} {calls:>8} {per:>7.0f}"
                      f" {per / plain_of[(core, tier)]:>8.1f}"
                      f" {per / plain_of[(core, 'interp')]:>13.1f}")
        print("(host instructions of one call with all it calls; 'in plain': in plain "
              "instructions of that tier, and of the interpreter)")
    wall_per_event(args, rv)


if __name__ == "__main__":
    main()
