#!/usr/bin/env bash
# Renders the hicolor PNG sizes of the app icon from its SVG (needs rsvg-convert, Debian
# package librsvg2-bin, listed in packaging/deps/package.txt). The PNGs are committed, so a
# package build needs no SVG renderer; run this after changing the SVG, then commit them.
#   bash packaging/desktop/render-icons.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
id=org.fieldvault.Fieldvault
svg="$here/icons/$id.svg"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$here/icons/$size"
    rsvg-convert --width "$size" --height "$size" --format png "$svg" >"$here/icons/$size/$id.png.tmp"
    mv "$here/icons/$size/$id.png.tmp" "$here/icons/$size/$id.png"
done
echo "render-icons: wrote $here/icons/{16,24,32,48,64,128,256,512}/$id.png"
