#!/usr/bin/env bash
# Checks that every ELF program in a .deb (or the ELF files given) is hardened: PIE, full
# RELRO (GNU_RELRO + BIND_NOW), stack protector, _FORTIFY_SOURCE, no executable stack.
# Reads the ELF headers with readelf (binutils); when hardening-check (devscripts) is
# installed, its verdict must agree, except for control-flow protection: Debian 12's glibc
# start files (Scrt1.o, crti.o) carry no IBT/SHSTK property, so no bookworm program gets it
# (packaging/README.md). Prints one line per property; exits 1 on any miss.
#   bash packaging/check-hardening.sh [build/package/fieldvault_*.deb | ELF...]
# Without arguments: the newest .deb in build/package/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ $# -eq 0 ]; then
    deb=$(ls -t "$root"/build/package/fieldvault_*.deb 2>/dev/null | head -1 || true)
    [ -n "$deb" ] || { echo "check-hardening: no .deb in build/package (run packaging/build-deb.sh)" >&2; exit 2; }
    set -- "$deb"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
elves=()
for arg in "$@"; do
    case "$arg" in
        *.deb)
            dest="$tmp/$(basename "$arg" .deb)"
            dpkg-deb -x "$arg" "$dest"
            while IFS= read -r -d '' f; do
                [ "$(head -c4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] && elves+=("$f")
            done < <(find "$dest" -type f -print0 | sort -z)
            ;;
        *) elves+=("$arg") ;;
    esac
done
[ ${#elves[@]} -gt 0 ] || { echo "check-hardening: no ELF file found in $*" >&2; exit 2; }

failed=0
check() { # NAME OK? DETAIL
    if [ "$2" = yes ]; then
        printf '  %-22s yes  %s\n' "$1" "$3"
    else
        printf '  %-22s NO   %s\n' "$1" "$3"
        failed=1
    fi
}
for elf in "${elves[@]}"; do
    echo "${elf#"$tmp"/}"
    header=$(readelf -hW "$elf")
    segments=$(readelf -lW "$elf")
    dynamic=$(readelf -dW "$elf")
    dynsyms=$(readelf --dyn-syms -W "$elf")

    type=$(sed -n 's/^ *Type: *//p' <<<"$header")
    pie=no
    [[ "$type" == DYN* ]] && grep -Eq 'FLAGS_1.*\bPIE\b' <<<"$dynamic" && pie=yes
    check "PIE" $pie "($type)"

    relro=no
    grep -q 'GNU_RELRO' <<<"$segments" && relro=yes
    check "RELRO" $relro "(GNU_RELRO segment)"

    now=no
    grep -Eq '\(FLAGS\).*\bBIND_NOW\b|\(FLAGS_1\).*\bNOW\b' <<<"$dynamic" && now=yes
    check "BIND_NOW" $now "(full RELRO with GNU_RELRO)"

    ssp=no
    grep -q '__stack_chk_fail' <<<"$dynsyms" && ssp=yes
    check "stack protector" $ssp "(__stack_chk_fail)"

    fortified=$(grep -oE '__[a-z_]+_chk\b' <<<"$dynsyms" | grep -v '__stack_chk_fail' | sort -u | tr '\n' ' ' || true)
    fortify=no
    [ -n "$fortified" ] && fortify=yes
    check "_FORTIFY_SOURCE" $fortify "(${fortified% })"

    stack=$(grep 'GNU_STACK' <<<"$segments" | awk '{print $(NF-1)}' || true)
    nx=no
    [ -n "$stack" ] && [[ "$stack" != *E* ]] && nx=yes
    check "non-executable stack" $nx "(GNU_STACK ${stack:-missing})"

    if command -v hardening-check >/dev/null; then
        if out=$(hardening-check --nocfprotection "$elf" 2>&1); then
            check "hardening-check" yes "(devscripts, --nocfprotection: all passed)"
        else
            check "hardening-check" no "(devscripts):"
            sed 's/^/      /' <<<"$out"
        fi
    fi
done
if [ $failed -ne 0 ]; then
    echo "check-hardening: FAILED: a property above is missing" >&2
    exit 1
fi
echo "check-hardening: all ${#elves[@]} ELF file(s) hardened"
