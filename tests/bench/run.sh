#!/usr/bin/env bash
# Builds fv_bench (preset `bench`, Release) and prints the performance table of
# docs/performance.md, with the machine it ran on. Not part of the test run.
#
#   tests/bench/run.sh                  full sizes (10,000 inserts; 100,000-testimony search
#                                       stores, built once and kept; 1 GiB ingest; export and
#                                       import of 1,000 testimonies + 1 GiB): about an hour
#   FV_BENCH_QUICK=1 tests/bench/run.sh small sizes, a few minutes
#   FV_BENCH_ROWS=desktop tests/bench/run.sh
#                                       opt-in: the desktop rows (fv_bench_desktop, offscreen):
#                                       first paint of the list and search as you type over a
#                                       100,000-testimony vault (built once and kept, 5–20 min)
#
# Environment: FV_BENCH_DIR  work directory (default $FV_BENCH_BUILD/work; must be on the disk
#                            being measured, not tmpfs; the search stores are reused from it)
#              FV_BENCH_FRESH=1  empty the work directory first
#              FV_BENCH_ROWS     a subset: insert,search,open,ingest,sync,kdf; "desktop" (never
#                                run by default) adds fv_bench_desktop's rows
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
# "desktop" is opt-in and runs the separate program fv_bench_desktop; the other names go to fv_bench.
desktop=0
core_rows=${FV_BENCH_ROWS:-}
if [ -n "$core_rows" ]; then
    case ",$core_rows," in *,desktop,*) desktop=1 ;; esac
    core_rows=$(echo "$core_rows" | tr ',' '\n' | grep -vx desktop | paste -sd, || true)
fi
targets=()
if [ -z "${FV_BENCH_ROWS:-}" ] || [ -n "$core_rows" ]; then
    targets+=(fv_bench)
fi
if [ "$desktop" = 1 ]; then
    targets+=(fv_bench_desktop)
fi
cmake --preset bench -B "$build" >/dev/null
cmake --build "$build" --target "${targets[@]}" -j "$jobs"
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
    desktop_sizes=(--size 5000 --passes 1)
else
    sizes=(--insert 10000 --search 100000 --blob-mib 1024 --sync-testimonies 1000 --sync-mib 1024 --passes 5)
    desktop_sizes=(--size 100000 --passes 2)
fi
rows=()
if [ -n "$core_rows" ]; then
    rows=(--rows "$core_rows")
fi

out=$build/results-$(date -u +%Y%m%dT%H%M%SZ)
dev=$(findmnt -n -T "$work" -o SOURCE | head -1)
blk=$(basename "$dev")
rot=$(cat "/sys/block/$blk/queue/rotational" 2>/dev/null || echo "?")
{
    if [[ " ${targets[*]} " == *" fv_bench "* ]]; then
        echo "## fv_bench $(date -u +'%Y-%m-%d %H:%M UTC') (${FV_BENCH_QUICK:+quick }sizes: ${sizes[*]}, reps $reps)"
    fi
    if [ "$desktop" = 1 ]; then
        echo "## fv_bench_desktop $(date -u +'%Y-%m-%d %H:%M UTC') (${FV_BENCH_QUICK:+quick }sizes: ${desktop_sizes[*]}, reps $((reps * 5)); code at $(git -C "$root" rev-parse --short HEAD), $(git -C "$root" status --porcelain -- app core storage crypto | wc -l) paths changed in the working tree)"
    fi
    echo
    echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p'), nproc $(nproc)"
    echo "- RAM: $(free -h | awk '/^Mem:/ { print $2 }')"
    echo "- disk: $dev ($(findmnt -n -T "$work" -o FSTYPE), rotational=$rot), $(df -h --output=avail "$work" | tail -1 | tr -d ' ') free"
    echo "- kernel: $(uname -r); compiler: $(c++ --version | head -1); build type: Release (preset bench)"
    echo "- SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?'), libsodium $(pkg-config --modversion libsodium), Qt $(pkg-config --modversion Qt6Core 2>/dev/null || echo '?'), $(age --version 2>/dev/null | sed 's/^/age /'), $(cp --version | head -1)"
    echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
} | tee "$out.md"

if [[ " ${targets[*]} " == *" fv_bench "* ]]; then
    "$bin" --dir "$work" "${sizes[@]}" --reps "$reps" "${rows[@]}" --json "$out.json" | tee -a "$out.md"
fi
if [ "$desktop" = 1 ]; then
    # The real widgets on the offscreen platform; the plain store of fv_bench's search row
    # (same work directory) is used as a second reference when it exists.
    echo | tee -a "$out.md"
    QT_QPA_PLATFORM=offscreen "$build/tests/bench/fv_bench_desktop" --dir "$work" "${desktop_sizes[@]}" \
        --reps $((reps * 5)) --json "$out-desktop.json" | tee -a "$out.md"
fi
echo
if [ "$desktop" = 1 ]; then
    echo "run.sh: table in $out.md, samples in $out.json and $out-desktop.json"
else
    echo "run.sh: table in $out.md, samples in $out.json"
fi
