#!/usr/bin/env bash
# Installs the Debian packages listed in packaging/deps/<set>.txt for each set named on the
# command line (build, test, runtime). Installs only what is missing; needs root when
# something is missing. The lists are the single source of truth for dependencies.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -gt 0 ] || set -- build
wanted=()
for set in "$@"; do
    list="$here/deps/$set.txt"
    [ -f "$list" ] || { echo "install-deps: no dependency list '$set' ($list)" >&2; exit 2; }
    while read -r pkg _; do
        case "$pkg" in ''|'#'*) continue ;; esac
        wanted+=("$pkg")
    done <"$list"
done
missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = installed ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
