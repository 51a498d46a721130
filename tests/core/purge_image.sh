#!/usr/bin/env bash
# Runs the purge-on-a-raw-image test (tests/core/test_purge_image.cpp), which needs root, a loop
# device and mkfs.ext4. Where those are missing it says why and exits 77, which CTest reports
# as skipped (never as passed).
set -u
tests=${1:?usage: purge_image.sh CORE_TESTS_BINARY}
if [ "$(id -u)" -ne 0 ]; then echo "skipped: needs root (loop mount)"; exit 77; fi
command -v mkfs.ext4 >/dev/null || { echo "skipped: mkfs.ext4 is missing"; exit 77; }
probe=$(mktemp -d /tmp/fv-loop-probe-XXXXXX)
truncate -s 8M "$probe/img" && mkfs.ext4 -q -F "$probe/img" >/dev/null 2>&1 && mkdir "$probe/mnt" &&
    mount -o loop "$probe/img" "$probe/mnt" 2>/dev/null
ok=$?
[ $ok -eq 0 ] && umount "$probe/mnt"
rm -rf "$probe"
if [ $ok -ne 0 ]; then echo "skipped: this machine cannot mount a loop device"; exit 77; fi
exec "$tests" '[purge-image]'
