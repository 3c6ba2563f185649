#!/bin/sh
# A longer fuzzing campaign (README.md, "A longer campaign"): each target in
# turn for SECONDS, with a corpus that grows across runs in CORPUS/NAME,
# crashes kept in CORPUS/artifacts.  Prints one line per target with the
# executions libFuzzer counted; exits non-zero when any target failed.
# MEDLEY_FUZZ_RUNS=N ends each target after N inputs instead (SECONDS
# still bounds it); MEDLEY_FUZZ_OPTS adds libFuzzer options (the ISA
# targets start with -entropic=0 by themselves), such as
# "-fork=1 -ignore_crashes=1" for a run that goes on after a find.
#   campaign.sh BUILD_FUZZ CORPUS SECONDS [TARGET...]
set -u
build=$1 corpus=$2 seconds=$3
shift 3
src=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- board-blob elf uart riscv arm aarch64 gdb
mkdir -p "$corpus/artifacts"
# What each find was (fuzz-sandbox.h): -fork drops the jobs' output.
MEDLEY_FUZZ_NOTES=${MEDLEY_FUZZ_NOTES:-$(cd "$corpus" && pwd)/finds.txt}
export MEDLEY_FUZZ_NOTES
failed=0
for name in "$@"; do
  mkdir -p "$corpus/$name"
  log="$corpus/$name.log"
  set -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$corpus/artifacts/$name-" ${MEDLEY_FUZZ_RUNS:+-runs=$MEDLEY_FUZZ_RUNS} ${MEDLEY_FUZZ_OPTS:-} \
    "$corpus/$name"
  for sub in seeds regressions; do
    [ -d "$src/$name/$sub" ] && set -- "$@" "$src/$name/$sub"
  done
  status=0
  "$build/tests/fuzz/fuzz-$name" "$@" > "$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  # -fork=N prints no final stats, only its periodic "#EXECS: cov: ..."
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -1)
  echo "$name: ${execs:-?} executions in ${seconds} s, status $status, corpus $(ls "$corpus/$name" | wc -l) inputs"
  [ $status -eq 0 ] || failed=1
done
exit $failed
