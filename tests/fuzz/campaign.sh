#!/bin/sh
# A longer fuzzing campaign (README.md, "A longer campaign"): each target in
# turn for SECONDS, with a corpus that grows across runs in CORPUS/NAME,
# crashes kept in CORPUS/artifacts.  Prints one line per target with the
# executions libFuzzer counted; exits non-zero when any target failed.
# MEDLEY_FUZZ_RUNS=N ends each target after N inputs instead (SECONDS
# still bounds it); MEDLEY_FUZZ_OPTS adds libFuzzer options (the ISA
# targets start with -entropic=0 by themselves).  MEDLEY_FUZZ_GO_ON=1: a
# find does not end a target's run: libFuzzer starts again on the grown
# corpus until SECONDS have passed, and the line adds up the executions
# of its runs and counts the finds (in CORPUS/artifacts; what each was in
# CORPUS/finds.txt).  (-fork=1 -ignore_crashes=1 in MEDLEY_FUZZ_OPTS does
# that too, but each of its jobs first runs a share of the corpus again,
# which on a loaded machine took most of the time.)
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
  : > "$log"
  start=$(date +%s) total=0 finds=0 status=0
  while :; do
    left=$((seconds - ($(date +%s) - start)))
    [ $left -gt 0 ] || break
    set -- -max_total_time="$left" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$corpus/artifacts/$name-" ${MEDLEY_FUZZ_RUNS:+-runs=$MEDLEY_FUZZ_RUNS} \
      ${MEDLEY_FUZZ_OPTS:-} "$corpus/$name"
    for sub in seeds regressions; do
      [ -d "$src/$name/$sub" ] && set -- "$@" "$src/$name/$sub"
    done
    before=$(ls "$corpus/artifacts" | grep -c "^$name-")
    mark=$(wc -l < "$log")
    status=0
    "$build/tests/fuzz/fuzz-$name" "$@" >> "$log" 2>&1 || status=$?
    execs=$(tail -n +"$((mark + 1))" "$log" | sed -n 's/^stat::number_of_executed_units: *//p' | tail -1)
    # -fork=N prints no final stats, only its periodic "#EXECS: cov: ..."
    [ -n "$execs" ] || execs=$(tail -n +"$((mark + 1))" "$log" | sed -n 's/^#\([0-9]*\): cov:.*/\1/p' | tail -1)
    total=$((total + ${execs:-0}))
    new=$(($(ls "$corpus/artifacts" | grep -c "^$name-") - before))
    finds=$((finds + new))
    # Only a find (a new artifact) starts libFuzzer again.
    [ "${MEDLEY_FUZZ_GO_ON:-0}" = 1 ] && [ $status -ne 0 ] && [ $new -gt 0 ] || break
    status=0
  done
  echo "$name: $total executions in $(($(date +%s) - start)) s, status $status, $finds finds," \
    "corpus $(ls "$corpus/$name" | wc -l) inputs"
  [ $status -eq 0 ] || failed=1
done
exit $failed
