#!/usr/bin/env python3
"""What the cache model costs: the same firmware with the model off (in
both tiers), with it on (an instruction and a data cache; a CPU with a
model runs interpreted whatever the tier), and, given --baseline, with a
build that has no cache hooks at all.

The hooks sit where the targets' fast paths already miss, so with the
model off the guest should run as fast as without hooks: the host
instructions per guest instruction (callgrind, counting only what runs
inside mdl_machine_run, so independent of the machine's load) say so
exactly; MIPS are the median of --runs wall-clock runs.  The cache counts
of the model-on runs are printed too, and must be the same in both tiers.

Usage: cache-model.py --medley MEDLEY --board BOARD --elf ELF
         [--baseline MEDLEY] [--valgrind VALGRIND] [--runs N]
         [--max-time TIME] [--valgrind-max-time TIME]
(meson test --benchmark --suite speed cache-model; set MEDLEY_BENCH_BASELINE
to the medley binary of a build before the hooks to compare with it)
Fails only if a run fails or the tiers disagree.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

CACHE_PROPS = ("\t\tmedley,icache-size = <16384>;\n"
               "\t\tmedley,dcache-size = <16384>;\n"
               "\t\tmedley,dcache-ways = <4>;\n")


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                       timeout=1800)
    # 124: the --max-time asked for ran out, which is how a run is cut short.
    if r.returncode not in (0, 124):
        sys.exit(f"{' '.join(cmd)}: exit status {r.returncode}\n{r.stdout[-2000:]}\n"
                 f"{r.stderr[-2000:]}")
    last = r.stdout.strip().splitlines()[-1]
    return json.loads(last[last.index("{"):]), r


def medley_cmd(medley, board, elf, tier, max_time):
    return [medley, "run", board, "--firmware", elf, "--tier", tier, "--json", "--no-input",
            "--max-time", max_time]


def mips(cmd, runs):
    rates, insns = [], 0
    for _ in range(runs):
        summary, _ = run(cmd)
        insns = sum(summary["instructions"].values())
        rates.append(insns / max(float(summary["wall_time_s"]), 1e-9) / 1e6)
    return insns, statistics.median(rates), summary


def host_per_guest(valgrind, cmd):
    with tempfile.TemporaryDirectory(prefix="medley-cache-bench-") as tmp:
        summary, r = run([valgrind, "--tool=callgrind", "--toggle-collect=mdl_machine_run",
                          "--callgrind-out-file=" + os.path.join(tmp, "cg.out")] + cmd)
    m = re.search(r"Collected\s*:\s*(\d+)", r.stderr)
    if m is None:
        sys.exit(f"no callgrind total\n{r.stderr[-2000:]}")
    return int(m.group(1)) / sum(summary["instructions"].values())


def board_with_cache(board, tmp):
    with open(board) as f:
        text = f.read()
    head, sep, rest = text.partition("medley,name = \"")
    if not sep:
        sys.exit(f"{board}: no cluster with medley,name")
    line_end = rest.index("\n") + 1
    path = os.path.join(tmp, "cached-" + os.path.basename(board))
    with open(path, "w") as f:
        f.write(head + sep + rest[:line_end] + CACHE_PROPS + rest[line_end:])
    return path


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--medley", required=True)
    p.add_argument("--baseline", default=os.environ.get("MEDLEY_BENCH_BASELINE"),
                   help="a build without the cache hooks (default: $MEDLEY_BENCH_BASELINE)")
    p.add_argument("--board", required=True)
    p.add_argument("--elf", required=True)
    p.add_argument("--valgrind")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--max-time", default="0",
                   help="virtual time of each timed run (default 0: to the guest's end)")
    p.add_argument("--valgrind-max-time", default="20ms",
                   help="virtual time of each run under callgrind (default 20ms)")
    args = p.parse_args()

    with tempfile.TemporaryDirectory(prefix="medley-cache-board-") as tmp:
        cached = board_with_cache(args.board, tmp)
        rows = []
        if args.baseline:
            rows += [("no hooks (baseline)", args.baseline, args.board, "interp"),
                     ("no hooks (baseline)", args.baseline, args.board, "jit")]
        rows += [("model off", args.medley, args.board, "interp"),
                 ("model off", args.medley, args.board, "jit"),
                 ("model on", args.medley, cached, "interp"),
                 ("model on", args.medley, cached, "jit")]

        print(f"{'build / model':<22} {'tier':<7} {'guest insn':>10} {'MIPS':>9}"
              f" {'host/guest':>10}")
        counts = {}
        for name, medley, board, tier in rows:
            cmd = medley_cmd(medley, board, args.elf, tier, args.max_time)
            insns, rate, summary = mips(cmd, args.runs)
            line = f"{name:<22} {tier:<7} {insns:>10} {rate:>9.1f}"
            if args.valgrind:
                short = medley_cmd(medley, board, args.elf, tier, args.valgrind_max_time)
                line += f" {host_per_guest(args.valgrind, short):>10.2f}"
            print(line, flush=True)
            if name == "model on":
                counts[tier] = summary.get("caches")
        if counts.get("interp") != counts.get("jit"):
            sys.exit(f"the tiers count differently: {counts}")
        if counts.get("interp"):
            print("cache counts (both tiers):", json.dumps(counts["interp"]))
    print("model on: a CPU with a cache model runs in the interpreter whatever the "
          "tier; model off and no hooks should match within noise (host/guest exactly)")


if __name__ == "__main__":
    main()
