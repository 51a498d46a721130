#!/usr/bin/env bash
# Short libFuzzer smoke run of every fuzz target (FV_FUZZ_SECONDS each, default 20) from its
# seed corpus in tests/fuzz/corpus/<name>/. A crash, leak or sanitizer report fails the run.
# Longer campaigns: FV_FUZZ_SECONDS=3600 bash tests/fuzz/smoke.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
seconds=${FV_FUZZ_SECONDS:-20}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzzers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
for bin in build/fuzz/tests/fuzz/fv_fuzz_*; do
    [ -x "$bin" ] || continue
    name=${bin##*/fv_fuzz_}
    mkdir -p "$work/$name"
    seeds=tests/fuzz/corpus/$name
    args=("$work/$name")
    [ -d "$seeds" ] && args+=("$seeds")
    if "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -artifact_prefix="$work/$name-" \
        "${args[@]}" >"$work/$name.log" 2>&1; then
        echo "fuzz $name: ok ($(grep -Eo '#[0-9]+' "$work/$name.log" | tail -1 | tr -d '#') runs)"
        passed=$((passed + 1))
    else
        echo "fuzz $name: FAILED"
        tail -n 40 "$work/$name.log"
        failed=$((failed + 1))
    fi
done
# Every target has a seed folder; a run that found fewer binaries than folders did not test them.
expected=$(find tests/fuzz/corpus -mindepth 1 -maxdepth 1 -type d | wc -l)
echo "fuzz: $passed passed, $failed failed (of $expected targets)"
[ "$failed" -eq 0 ] && [ "$passed" -eq "$expected" ]
