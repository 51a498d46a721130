#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is missing (the lists in
# packaging/deps/), builds with ASan+UBSan and warnings as errors, runs every test with CTest,
# and a short libFuzzer smoke run of every fuzz target.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
packaging/install-deps.sh build test

# The terminal tests (passphrase prompts with echo off, stock age and minisign asking for a
# passphrase) need pseudo-terminals. A bare chroot with /dev bound in, such as a fresh
# debootstrap root, has no devpts at /dev/pts: as root, mount a private instance for the
# run and take it down afterwards. A normal machine already has one and is left alone.
if [ ! -e /dev/pts/ptmx ] && [ "$(id -u)" -eq 0 ]; then
    mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts /dev/pts
    trap 'umount /dev/pts' EXIT
fi

cmake --preset ci >/dev/null
cmake --build --preset ci

# The fuzz smoke run first, so CTest's summary is the last thing printed.
bash tests/fuzz/smoke.sh
ctest --preset ci
