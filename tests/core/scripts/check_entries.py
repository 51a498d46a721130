#!/usr/bin/env python3
"""Checks the entries/ of an extracted bundle from docs/bundle-format.md and
docs/json-format.md alone (Python's json, hashlib; not Fieldvault's code).

For every unredacted entry: content_sha256 is the SHA-256 of the content bytes as they
stand in the member; when prev_hash is given, hash is the chain hash
  SHA-256("fieldvault-version-v1" 0 || prev_hash || u64be(len) || content || id 0 || n 0 || created);
consecutive versions link (prev_hash of n = hash of n-1); the seal is
BLAKE2b-256(key = seal_key, "fieldvault-seal-v1" 0 || hash). A redacted entry carries none of
content_sha256, hash, prev_hash or seal_key. Prints "checked U unredacted, R redacted,
L links" and exits 1 on the first mismatch."""
import hashlib
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1])
unredacted = redacted = links = 0
hashes = {}
for path in sorted(root.glob("entries/*/*.json")):
    raw = path.read_bytes()
    e = json.loads(raw)
    tid, n = e["testimony_id"], e["version"]
    if e["redacted"]:
        for key in ("content_sha256", "hash", "prev_hash", "seal_key"):
            if key in e:
                sys.exit(f"{path}: redacted entry carries {key}")
        redacted += 1
        continue
    head = b'{"content":'
    end = raw.rindex(b',"content_sha256":"')
    assert raw.startswith(head)
    content = raw[len(head):end]
    if hashlib.sha256(content).hexdigest() != e["content_sha256"]:
        sys.exit(f"{path}: content_sha256 does not match")
    if "prev_hash" in e:
        h = hashlib.sha256()
        h.update(b"fieldvault-version-v1\0")
        h.update(bytes.fromhex(e["prev_hash"]))
        h.update(len(content).to_bytes(8, "big"))
        h.update(content)
        h.update(tid.encode() + b"\0" + str(n).encode() + b"\0" + e["created"].encode())
        if h.hexdigest() != e["hash"]:
            sys.exit(f"{path}: hash is not the chain hash")
    seal = hashlib.blake2b(b"fieldvault-seal-v1\0" + bytes.fromhex(e["hash"]),
                           key=bytes.fromhex(e["seal_key"]), digest_size=32).hexdigest()
    if seal != e["seal"]:
        sys.exit(f"{path}: the seal does not match")
    hashes[(tid, n)] = e
    unredacted += 1
for (tid, n), e in hashes.items():
    prev = hashes.get((tid, n - 1))
    if prev is not None and "prev_hash" in e:
        if e["prev_hash"] != prev["hash"]:
            sys.exit(f"{tid} version {n} does not link to version {n - 1}")
        links += 1
print(f"checked {unredacted} unredacted, {redacted} redacted, {links} links")
