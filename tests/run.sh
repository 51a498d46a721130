#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is missing (the lists in
# packaging/deps/), builds with ASan+UBSan and warnings as errors, runs every test with CTest,
# then a short libFuzzer smoke run of every fuzz target.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
packaging/install-deps.sh build test

cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci

if [ -f tests/fuzz/CMakeLists.txt ]; then
    bash tests/fuzz/smoke.sh
fi
