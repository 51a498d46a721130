#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is missing (the lists in
# packaging/deps/), builds with ASan+UBSan and warnings as errors, runs every test with CTest,
# and a short libFuzzer smoke run of every fuzz target.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
packaging/install-deps.sh build test

cmake --preset ci >/dev/null
cmake --build --preset ci

# The fuzz smoke run first, so CTest's summary is the last thing printed.
bash tests/fuzz/smoke.sh
ctest --preset ci
