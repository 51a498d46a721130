#!/usr/bin/env bash
# Validates the files the package installs for people rather than programs: the desktop
# entry (desktop-file-validate), the AppStream metainfo (appstreamcli validate, no network),
# the icon (SVG well-formed, each PNG the size its hicolor folder says) and both man pages
# (man --warnings, which is what lintian runs). Exits non-zero on the first problem.
#   bash packaging/check-desktop-files.sh      (tools: packaging/install-deps.sh package)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
id=org.fieldvault.Fieldvault
d="$here/desktop"

echo "== desktop entry"
desktop-file-validate "$d/$id.desktop"

echo "== AppStream metainfo"
appstreamcli validate --no-net --pedantic "$d/$id.metainfo.xml"

echo "== icons"
python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$d/icons/$id.svg"
for size in 16 24 32 48 64 128 256 512; do
    png="$d/icons/$size/$id.png"
    info=$(file -b "$png")
    case "$info" in
        "PNG image data, $size x $size,"*) echo "$size x $size ok" ;;
        *) echo "check-desktop-files: $png is not a ${size}x$size PNG: $info" >&2; exit 1 ;;
    esac
done

echo "== man pages"
for page in "$here"/man/*.1; do
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
    if [ -n "$warnings" ]; then
        echo "check-desktop-files: $page: $warnings" >&2
        exit 1
    fi
    echo "$(basename "$page") ok"
done
echo "check-desktop-files: all valid"
