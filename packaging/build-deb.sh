#!/usr/bin/env bash
# Builds the Debian package in one command, then checks it:
#   bash packaging/build-deb.sh              -> build/package/fieldvault_<version>_<arch>.deb
# Installs what is missing (packaging/deps/build.txt and package.txt), configures and builds
# the `package` preset (hardened, no tests), runs CPack (DEB, stripped, dependencies from
# dpkg-shlibdeps), then lintian (any error fails; the warnings left are explained in
# packaging/README.md), the desktop/man-page validation and the hardening check.
# SOURCE_DATE_EPOCH defaults to the time of the last commit, so the package's file times
# do not depend on when it is built. --build-only skips the checks (check-reproducible.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
checks=1
case "${1:-}" in
    --build-only) checks=0 ;;
    '') ;;
    *) echo "usage: packaging/build-deb.sh [--build-only]" >&2; exit 2 ;;
esac

packaging/install-deps.sh build package
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH

echo "== configure and build (preset package)"
cmake --preset package >/dev/null
cmake --build --preset package

echo "== cpack"
out=build/package
rm -f "$out"/fieldvault_*.deb
# umask 022: CPack gives the .deb's ar members (control.tar, data.tar) the modes of its
# temporary files, so a 002 umask would change the .deb's bytes (not its contents).
(umask 022 && cpack --config "$out/CPackConfig.cmake" -B "$out") >"$out/cpack.log" 2>&1 \
    || { cat "$out/cpack.log" >&2; echo "build-deb: cpack failed" >&2; exit 1; }
deb=$(ls "$out"/fieldvault_*.deb)

if [ $checks -eq 1 ]; then
    echo "== lintian"
    lintian --fail-on error --display-info "$deb" | tee "$out/lintian.log"
    echo "== desktop entry, metainfo, icons, man pages"
    bash packaging/check-desktop-files.sh
    echo "== hardening"
    bash packaging/check-hardening.sh "$deb"
fi
echo "build-deb: $(pwd)/$deb"
