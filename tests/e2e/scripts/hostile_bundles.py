#!/usr/bin/env python3
"""Writes the hostile bundle payloads (plain tar archives, to be age-encrypted to HQ by the
caller) of issue 10's hostile-bundle corpus into DIR. Generated at test time, so nothing large
is kept in the repository. usage: hostile_bundles.py DIR

  sparse.tar      a pax member declaring GNU sparse 1.0 with a 2 GiB real size
  gnu.tar         a GNU-format archive (long-name extension)
  many.tar        30,000 one-byte attachment members (ustar), no signature
  huge.tar        a ustar member whose header declares 7 GiB, followed by 1 KiB
  duplicate.tar   manifest.json twice
  unsigned.tar    manifest.json and an entry, no SHA256SUMS or signature
  outoforder.tar  SHA256SUMS.minisig first, then the rest (a bundle's names in no bundle's order)
"""
import io
import os
import sys
import tarfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def member(name, data, fmt=tarfile.USTAR_FORMAT, pax=None):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    if pax:
        info.pax_headers = pax
    return info, io.BytesIO(data)


def write(name, members, fmt=tarfile.USTAR_FORMAT):
    with tarfile.open(os.path.join(out, name), "w", format=fmt) as t:
        for info, data in members:
            t.addfile(info, data)


manifest = b'{"format":"fieldvault-bundle","format_version":2}'
# GNU sparse 1.0: the member's data starts with its map (one 512-byte region at the very end
# of a 2 GiB file), then that region; a reader that honours it produces 2 GiB of zeros.
sparse_map = b"1\n%d\n512\n" % ((2 << 30) - 512)
write("sparse.tar", [member("manifest.json", manifest),
                     member("attachments/a", sparse_map.ljust(512, b"\0") + b"z" * 512, pax={
                         "GNU.sparse.major": "1", "GNU.sparse.minor": "0",
                         "GNU.sparse.name": "attachments/a", "GNU.sparse.realsize": str(2 << 30)})],
      fmt=tarfile.PAX_FORMAT)
write("gnu.tar", [member("manifest.json", manifest), member("attachments/" + "a" * 64, b"x")],
      fmt=tarfile.GNU_FORMAT)
write("many.tar", [member("manifest.json", manifest)] +
      [member("attachments/%d" % i, b"x") for i in range(30000)])
# A header that declares 7 GiB; only 1 KiB of data follows.
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
    info, data = member("attachments/big", b"y" * 1024)
    t.addfile(info, data)
raw = bytearray(buf.getvalue())
raw[124:136] = b"%011o\0" % (7 << 30)
checksum = sum(raw[0:148]) + 8 * 32 + sum(raw[156:512])
raw[148:156] = b"%06o\0 " % checksum
open(os.path.join(out, "huge.tar"), "wb").write(bytes(raw[:512 + 1024]))
write("duplicate.tar", [member("manifest.json", manifest), member("manifest.json", manifest)])
write("unsigned.tar", [member("manifest.json", manifest), member("entries/t/1.json", b"{}")])
write("outoforder.tar", [member("SHA256SUMS.minisig", b"untrusted comment: x\n"),
                         member("manifest.json", manifest)])
print("\n".join(sorted(os.listdir(out))))
