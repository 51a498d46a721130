#!/usr/bin/env python3
"""The attacker of finding H1 (../shared/reviews/security.md): holding a bundle as HQ
decrypts it (and HQ's report), and a dictionary that contains the true identifying values,
try to confirm a witness's name, contact, address or interpreter offline.

usage: redaction_oracle.py DICTIONARY.json FILE_OR_DIR...

For every entry whose content lacks the identifying fields, each combination from the
dictionary ({"real_name": [...], "contact": [...], "address": [...], "interpreter": [...]},
"" meaning absent) is put back into the content, which is serialised canonically (compact,
sorted keys, UTF-8) and hashed: SHA-256 of the content, the chain hash over it with every
64-hex string found anywhere as the previous hash (and 32 zero bytes), and BLAKE2b-256 of it.
Each digest is searched, as hex, in every file given (all members of the bundle, the
report). Prints "MATCH <values>" for each confirmed guess and "guesses G, digests D,
matches M"; exits 0 either way (the caller decides what it expects)."""
import hashlib
import itertools
import json
import pathlib
import re
import sys

dictionary = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
files = []
for arg in sys.argv[2:]:
    p = pathlib.Path(arg)
    files += [f for f in p.rglob("*") if f.is_file()] if p.is_dir() else [p]
haystack = b"\n".join(f.read_bytes() for f in files).lower()
hexes = set(re.findall(rb"[0-9a-f]{64}", haystack))
prevs = [bytes.fromhex(h.decode()) for h in hexes] + [bytes(32)]

def canonical(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()

def chain(prev, content, tid, n, created):
    h = hashlib.sha256()
    h.update(b"fieldvault-version-v1\0" + prev + len(content).to_bytes(8, "big") + content)
    h.update(tid.encode() + b"\0" + str(n).encode() + b"\0" + created.encode())
    return h.hexdigest().encode()

entries = []
for f in files:
    if f.parent.parent.name == "entries" and f.suffix == ".json":
        entries.append(json.loads(f.read_bytes()))
guesses = digests = matches = 0
for e in entries:
    base = e["content"]
    w = base.get("witness", {})
    if any(k in w for k in ("real_name", "contact", "address")) or "interpreter" in base:
        continue  # nothing withheld from this one
    keys = ("real_name", "contact", "address", "interpreter")
    for values in itertools.product(*(dictionary.get(k, [""]) for k in keys)):
        guess = json.loads(json.dumps(base))
        for k, v in zip(keys, values):
            if not v:
                continue
            if k == "interpreter":
                guess[k] = v
            else:
                guess.setdefault("witness", {})[k] = v
        content = canonical(guess)
        guesses += 1
        candidates = [hashlib.sha256(content).hexdigest().encode(),
                      hashlib.blake2b(content, digest_size=32).hexdigest().encode()]
        candidates += [chain(p, content, e["testimony_id"], e["version"], e["created"]) for p in prevs]
        digests += len(candidates)
        for c in candidates:
            if c in hexes:
                matches += 1
                print("MATCH", e["testimony_id"], e["version"], values)
                break
print(f"guesses {guesses}, digests {digests}, matches {matches}")
