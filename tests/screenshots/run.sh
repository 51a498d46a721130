#!/usr/bin/env bash
# Renders the screenshots under Xvfb and checks them: every PNG exists, is not blank (its
# pixels vary) and each Arabic picture differs from its English one.
#   tests/screenshots/run.sh PATH/TO/fv_screenshots [OUTPUT_DIR]
# OUTPUT_DIR defaults to docs/screenshots/ (to refresh the committed pictures).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
program=${1:?usage: run.sh PATH/TO/fv_screenshots [OUTPUT_DIR]}
out=${2:-$here/../../docs/screenshots}
mkdir -p "$out"

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/config" "$home/runtime"
chmod 700 "$home/runtime"

# A private HOME: the program's settings and Qt's caches land there, not in the user's.
# ASan builds: libdbus (Qt xcb platform) keeps an allocation LeakSanitizer reports at exit;
# only that library is suppressed, leaks in Fieldvault's own code still fail the run.
lsan="suppressions=$here/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
env -u WAYLAND_DISPLAY LSAN_OPTIONS="$lsan" QT_ACCESSIBILITY=0 HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home/runtime" \
    TMPDIR="$home" QT_QPA_PLATFORM=xcb LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    xvfb-run -a -s "-screen 0 1280x800x24" "$program" "$out"

python3 - "$out" <<'PY'
import struct, sys, zlib, os

def pixels(path):
    """Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Qt writes) into rows of bytes."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"{path}: unexpected PNG kind"
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line)); prev = line
    return width, height, bpp, rows

def variance(rows, bpp):
    values = [sum(row[x:x + 3]) / 3 for row in rows[::4] for x in range(0, len(row), bpp * 4)]
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)

out = sys.argv[1]
failed = False
for screen in ("unlock", "main", "create", "settings"):
    decoded = {}
    for language in ("en", "ar"):
        path = os.path.join(out, f"{screen}-{language}.png")
        if not os.path.exists(path):
            print(f"MISSING {path}"); failed = True; continue
        width, height, bpp, rows = pixels(path)
        v = variance(rows, bpp)
        print(f"{os.path.basename(path)}: {width}x{height}, pixel variance {v:.0f}")
        if width < 300 or height < 200 or v < 50:
            print(f"BLANK or too small: {path}"); failed = True
        decoded[language] = rows
    if len(decoded) == 2 and decoded["en"] == decoded["ar"]:
        print(f"SAME picture in English and Arabic: {screen}"); failed = True
print("screenshots:", "FAILED" if failed else "all checks passed")
sys.exit(1 if failed else 0)
PY
