#!/bin/sh
# One fuzz target's smoke run: every seed and regression input once, then
# random mutations for SECONDS.  New corpus entries go to a scratch folder,
# never into the source tree.  Fails on any crash, leak, timeout or OOM.
#   run-fuzz.sh FUZZER DIR SECONDS [libFuzzer options...]
set -eu
fuzzer=$1 dir=$2 seconds=$3
shift 3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# A fixed seed in CI, so that a red smoke run can be repeated; a longer
# campaign (README.md) passes its own -seed or none.  libFuzzer's own
# status for a crash or leak is 77, which meson takes for a skip.
set -- -max_total_time="$seconds" -seed="${MEDLEY_FUZZ_SEED:-1}" -timeout=10 -error_exitcode=1 \
  -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$scratch/" "$@" "$scratch"
for sub in seeds regressions; do
  [ -d "$dir/$sub" ] && set -- "$@" "$dir/$sub"
done
status=0
# The regression inputs first, once each in name order, every one also
# on a machine built for it alone (some were found as a reused machine
# that ended unlike a fresh one, which the mutation run checks only for
# every 64th input).
if ls "$dir"/regressions/* > /dev/null 2>&1; then
  MEDLEY_FUZZ_FRESH_EVERY=1 "$fuzzer" -runs=1 -error_exitcode=1 -artifact_prefix="$scratch/" \
    "$dir"/regressions/* || status=$?
fi
[ $status -ne 0 ] || "$fuzzer" "$@" || status=$?
if [ $status -ne 0 ]; then
  for crash in "$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-* "$scratch"/oom-*; do
    [ -e "$crash" ] || continue
    # Kept beside the test log: the scratch folder goes away on exit.
    cp "$crash" . 2>/dev/null || true
    echo "reproducer: $(basename "$crash") (kept in $(pwd); first bytes: $(od -An -tx1 "$crash" | head -c 400))"
  done
fi
exit $status
