#!/usr/bin/env bash
# Reproducibility check: builds the .deb twice from the same commit and compares them.
#   bash packaging/check-reproducible.sh [COMMIT]        (default: HEAD)
# Each build gets its own fresh clone of COMMIT at a different path (so neither the source
# nor the build folder is shared), ccache off, SOURCE_DATE_EPOCH = the commit's time. Then
# compares the control fields, the maintainer scripts and md5sums, and the unpacked file
# trees (contents, modes, owners, times); prints every difference and exits 1 if there is
# one. Takes two full builds (about 17 minutes on 2 cores with the desktop app). Work
# folder: $FV_REPRO_DIR or a temporary folder, removed at the end when the builds match.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
commit=$(git -C "$root" rev-parse --verify "${1:-HEAD}^{commit}")
"$root/packaging/install-deps.sh" build package

work=${FV_REPRO_DIR:-$(mktemp -d /tmp/fieldvault-repro.XXXX)}
mkdir -p "$work"
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct "$commit")
export CCACHE_DISABLE=1
echo "check-reproducible: commit $commit, SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH, work folder $work"

debs=()
for n in 1 2; do
    src="$work/build-$n/src-$n"   # different paths on purpose
    rm -rf "$work/build-$n"
    git clone -q --no-checkout "$root" "$src"
    git -C "$src" checkout -q "$commit"
    echo "== build $n in $src"
    # umask differs on purpose too: file modes must come from the install rules.
    mask=022
    [ $n = 1 ] || mask=002
    (cd "$src" && umask $mask && bash packaging/build-deb.sh --build-only) >"$work/build-$n.log" 2>&1 \
        || { tail -30 "$work/build-$n.log" >&2; echo "check-reproducible: build $n failed" >&2; exit 1; }
    debs+=("$(ls "$src"/build/package/fieldvault_*.deb)")
done

different=0
compare() { # LABEL FILE1 FILE2
    if ! diff -u --label "build 1: $1" --label "build 2: $1" "$2" "$3"; then
        different=1
    fi
}
for n in 1 2; do
    d="$work/cmp-$n"
    rm -rf "$d" && mkdir -p "$d"
    deb=${debs[n - 1]}
    dpkg-deb -f "$deb" >"$d/control"
    dpkg-deb -e "$deb" "$d/DEBIAN"
    dpkg-deb -x "$deb" "$d/tree"
    # Members of data.tar with mode, owner, size and time, in archive order.
    dpkg-deb -c "$deb" >"$d/listing"
    ar t "$deb" >"$d/members"
    sha256sum "$deb" | cut -d' ' -f1 >"$d/sha256"
done
compare "control fields" "$work/cmp-1/control" "$work/cmp-2/control"
compare "ar members" "$work/cmp-1/members" "$work/cmp-2/members"
compare "data.tar listing (mode owner size time name)" "$work/cmp-1/listing" "$work/cmp-2/listing"
if ! diff -r "$work/cmp-1/DEBIAN" "$work/cmp-2/DEBIAN"; then different=1; fi
if ! diff -r "$work/cmp-1/tree" "$work/cmp-2/tree"; then different=1; fi

if [ $different -ne 0 ]; then
    echo "check-reproducible: FAILED: the two builds differ (above); builds kept in $work" >&2
    exit 1
fi
echo "check-reproducible: package contents identical: $(basename "${debs[0]}")"
if cmp -s "${debs[0]}" "${debs[1]}"; then
    echo "check-reproducible: the .deb files are byte-identical too (sha256 $(cat "$work/cmp-1/sha256"))"
else
    # Same contents, different .deb bytes: show where (the ar headers or the compressed tars).
    echo "check-reproducible: the .deb files themselves differ although their contents are equal:"
    diff <(ar tv "${debs[0]}") <(ar tv "${debs[1]}") || true
    for n in 1 2; do
        mkdir -p "$work/ar-$n" && (cd "$work/ar-$n" && ar x "${debs[n - 1]}" && sha256sum ./*)
    done
    exit 1
fi
[ -n "${FV_REPRO_DIR:-}" ] || rm -rf "$work"
