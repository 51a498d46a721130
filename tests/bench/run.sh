#!/usr/bin/env bash
# Builds fv_bench (preset `bench`, Release) and prints the performance table of
# docs/performance.md, with the machine it ran on. Not part of the test run.
#
#   tests/bench/run.sh                  full sizes (10,000 inserts; 100,000-testimony search
#                                       stores, built once and kept; 1 GiB ingest; export and
#                                       import of 1,000 testimonies + 1 GiB): about an hour
#   FV_BENCH_QUICK=1 tests/bench/run.sh small sizes, a few minutes
#
# Environment: FV_BENCH_DIR  work directory (default $FV_BENCH_BUILD/work; must be on the disk
#                            being measured, not tmpfs; the search stores are reused from it)
#              FV_BENCH_FRESH=1  empty the work directory first
#              FV_BENCH_ROWS     a subset: insert,search,open,ingest,sync,kdf
#              FV_BENCH_BUILD    build directory (default build/bench)
#              FV_BENCH_REPS     repetitions (default 3)
# Writes the table to $FV_BENCH_BUILD/results-<UTC time>.md and the raw samples to .json.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

# Be gentle with a shared machine: one compile job when it is already busy.
load=$(cut -d' ' -f1 /proc/loadavg)
jobs=$(nproc)
if awk -v l="$load" 'BEGIN { exit !(l > 4) }'; then
    jobs=1
fi
build=${FV_BENCH_BUILD:-$root/build/bench}
cmake --preset bench -B "$build" >/dev/null
cmake --build "$build" --target fv_bench -j "$jobs"
bin=$build/tests/bench/fv_bench

work=${FV_BENCH_DIR:-$build/work}
if [ "${FV_BENCH_FRESH:-0}" = 1 ]; then
    rm -rf "$work"
fi
mkdir -p "$work"
fstype=$(stat -f -c %T "$work")
case $fstype in
tmpfs | ramfs)
    echo "run.sh: $work is on $fstype; the bench must run on a real disk (set FV_BENCH_DIR)" >&2
    exit 1
    ;;
esac

reps=${FV_BENCH_REPS:-3}
if [ "${FV_BENCH_QUICK:-0}" = 1 ]; then
    sizes=(--insert 500 --search 5000 --blob-mib 128 --sync-testimonies 200 --sync-mib 128 --passes 3)
else
    sizes=(--insert 10000 --search 100000 --blob-mib 1024 --sync-testimonies 1000 --sync-mib 1024 --passes 5)
fi
rows=()
if [ -n "${FV_BENCH_ROWS:-}" ]; then
    rows=(--rows "$FV_BENCH_ROWS")
fi

out=$build/results-$(date -u +%Y%m%dT%H%M%SZ)
dev=$(findmnt -n -T "$work" -o SOURCE | head -1)
blk=$(basename "$dev")
rot=$(cat "/sys/block/$blk/queue/rotational" 2>/dev/null || echo "?")
{
    echo "## fv_bench $(date -u +'%Y-%m-%d %H:%M UTC') (${FV_BENCH_QUICK:+quick }sizes: ${sizes[*]}, reps $reps)"
    echo
    echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p'), nproc $(nproc)"
    echo "- RAM: $(free -h | awk '/^Mem:/ { print $2 }')"
    echo "- disk: $dev ($(findmnt -n -T "$work" -o FSTYPE), rotational=$rot), $(df -h --output=avail "$work" | tail -1 | tr -d ' ') free"
    echo "- kernel: $(uname -r); compiler: $(c++ --version | head -1); build type: Release (preset bench)"
    echo "- SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?'), libsodium $(pkg-config --modversion libsodium), Qt $(pkg-config --modversion Qt6Core 2>/dev/null || echo '?'), $(age --version 2>/dev/null | sed 's/^/age /'), $(cp --version | head -1)"
    echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
} | tee "$out.md"

"$bin" --dir "$work" "${sizes[@]}" --reps "$reps" "${rows[@]}" --json "$out.json" | tee -a "$out.md"
echo
echo "run.sh: table in $out.md, samples in $out.json"
