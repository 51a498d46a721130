#!/usr/bin/env bash
# Installation test: installs the .deb into a clean Debian 12 root and runs it there.
#   sudo bash packaging/test-install.sh [build/package/fieldvault_*.deb]
# Makes (once) a pristine bookworm root with debootstrap --variant=minbase, cached as a tarball
# under ~/.cache/fieldvault-install-test; each run unpacks a fresh copy, copies the .deb in,
# and in a chroot: `apt-get install -y ./fieldvault_*.deb` (dependencies come from the Debian
# archive), checks the installed programs' hardening (check-hardening.sh, from outside the
# root) and the installed desktop entry and metainfo (desktop-file-validate, appstreamcli,
# from outside); then, as an ordinary user: the desktop app on Qt's offscreen platform
# (`fieldvault --version` is the package's version, `--help`, Arabic from the translations
# compiled into it, the desktop entry's Exec program and icon exist, and a 5-second start
# writes nothing in the user's home), then `fieldvault-cli --version` and init (fast test
# KDF) / add (app/cli/demo/testimony-en.json) / search / verify; finally `apt-get purge`.
# Needs root and the Debian archive. Not part of tests/run.sh (a few minutes); run it before
# a release.
# Without an argument: the newest .deb in build/package/ (make it with build-deb.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "test-install: needs root (debootstrap, chroot, mount)" >&2; exit 2; }

deb=${1:-$(ls -t "$root"/build/package/fieldvault_*.deb 2>/dev/null | head -1 || true)}
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
    echo "test-install: no .deb (run packaging/build-deb.sh)" >&2
    exit 2
fi
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
"$root/packaging/install-deps.sh" package

cache=${XDG_CACHE_HOME:-$HOME/.cache}/fieldvault-install-test
pristine=$cache/bookworm-minbase.tar
mkdir -p "$cache"
sources=/etc/apt/sources.list.d/debian.sources
if [ ! -f "$pristine" ]; then
    echo "== debootstrap: a pristine Debian 12 minbase root (cached in $pristine)"
    fresh=$(mktemp -d "$cache/debootstrap.XXXX")
    mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' "$sources" 2>/dev/null | head -1)
    if ! debootstrap --variant=minbase bookworm "$fresh" "${mirror:-http://deb.debian.org/debian}" \
            >"$cache/debootstrap.log" 2>&1; then
        echo "test-install: debootstrap failed, see $cache/debootstrap.log" >&2
        rm -rf --one-file-system "$fresh"
        exit 1
    fi
    if [ -f "$sources" ]; then   # the same archive (and security suite) as this machine
        cp "$sources" "$fresh/etc/apt/sources.list.d/"
        rm -f "$fresh/etc/apt/sources.list"
    fi
    chmod 0755 "$fresh"
    tar -C "$fresh" -cf "$pristine.tmp" . && mv "$pristine.tmp" "$pristine"
    rm -rf --one-file-system "$fresh"
fi

R=$(mktemp -d "$cache/run.XXXX")
mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
    done
    # Never delete while anything is still mounted under the root (it could be the host's /dev).
    if grep -q " $R/" /proc/mounts; then
        echo "test-install: something is still mounted under $R; left it in place" >&2
    else
        rm -rf --one-file-system "$R"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tar -C "$R" -xf "$pristine"
chmod 0755 "$R"   # it becomes "/": mktemp made it 0700 (and so may the tarball's ".")
mount -t proc proc "$R/proc" && mounted+=("$R/proc")
mount -t sysfs sysfs "$R/sys" && mounted+=("$R/sys")
mount --bind /dev "$R/dev" && mounted+=("$R/dev")
mount --bind /dev/pts "$R/dev/pts" && mounted+=("$R/dev/pts")
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true
cp "$deb" "$R/tmp/"
cp "$root/app/cli/demo/testimony-en.json" "$R/tmp/testimony.json"
chmod 0644 "$R/tmp/testimony.json"

inside() {
    chroot "$R" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive bash -euo pipefail -c "$1"
}
echo "== apt-get install ./$(basename "$deb") in a clean Debian 12 root"
inside "cd /tmp && apt-get update -qq && apt-get install -y --no-install-recommends ./$(basename "$deb")"
inside "dpkg -s fieldvault | grep -E '^(Version|Depends):'; dpkg -L fieldvault"

echo "== hardening of the installed programs"
mapfile -t installed < <(inside "dpkg -L fieldvault" | grep '^/usr/bin/')
bash "$root/packaging/check-hardening.sh" "${installed[@]/#/$R}"

echo "== the installed desktop entry and metainfo"
app_id=org.fieldvault.Fieldvault
desktop-file-validate "$R/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "$R/usr/share/metainfo/$app_id.metainfo.xml"

inside "useradd --create-home delegate"
echo "== run the desktop app (offscreen) as an ordinary user"
version=$(dpkg-deb -f "$deb" Version)
cat >"$R/tmp/desktop-check.sh" <<'SCRIPT'
set -euo pipefail
cd "$HOME"
version=$1 app_id=$2
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/runtime-$(id -un)
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
before=$(find "$HOME" | sort)

v=$(fieldvault --version)
printf '\n$ fieldvault --version\n%s\n' "$v"
[ "$v" = "Fieldvault $version" ] || { echo "expected 'Fieldvault $version'" >&2; exit 1; }
printf '\n$ fieldvault --help\n'
fieldvault --help | tee /tmp/help.txt
grep -q -- '--version' /tmp/help.txt
# The app's .qm files are compiled into it (:/i18n/): an Arabic locale gives Arabic help.
LANG=ar_EG.UTF-8 fieldvault --help >/tmp/help-ar.txt
LC_ALL=C grep -q "$(printf '[\330-\333][\200-\277]')" /tmp/help-ar.txt \
    || { cat /tmp/help-ar.txt; echo "no Arabic in the help under LANG=ar_EG.UTF-8" >&2; exit 1; }
echo "Arabic help: $(sed -n 2p /tmp/help-ar.txt)"

desktop=/usr/share/applications/$app_id.desktop
program=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
found=$(command -v "$program") || { echo "$desktop: Exec program '$program' not found" >&2; exit 1; }
icon=$(sed -n 's/^Icon=//p' "$desktop")
test -f "/usr/share/icons/hicolor/scalable/apps/$icon.svg"
test -f "/usr/share/icons/hicolor/48x48/apps/$icon.png"
test -f /usr/share/man/man1/fieldvault.1.gz
echo "desktop entry: Exec $program -> $found, icon $icon"

# Started without a vault it shows the first-run wizard and waits; it must still be running
# after 5 seconds (timeout's 124), and it writes nothing in the home folder by then.
rc=0
timeout 5 fieldvault >/tmp/gui.log 2>&1 || rc=$?
if [ $rc -ne 124 ]; then
    cat /tmp/gui.log
    echo "fieldvault exited with status $rc within 5 seconds" >&2
    exit 1
fi
after=$(find "$HOME" | sort)
if [ "$before" != "$after" ]; then
    diff <(echo "$before") <(echo "$after") || true
    echo "fieldvault wrote in the home folder (above)" >&2
    exit 1
fi
echo "fieldvault ran 5 seconds offscreen and wrote nothing in $HOME"
SCRIPT
chmod 0644 "$R/tmp/desktop-check.sh"
inside "runuser -u delegate -- bash /tmp/desktop-check.sh '${version%-*}' $app_id"

echo "== run fieldvault-cli as an ordinary user"
inside "runuser -u delegate -- bash -euo pipefail -c '
    cd /home/delegate
    show() { printf \"\\n\\$ %s\\n\" \"\$*\"; \"\$@\"; }
    show fieldvault-cli --version
    test -f /usr/share/man/man1/fieldvault-cli.1.gz
    printf \"install test passphrase\\n\" >pass.txt
    FIELDVAULT_TEST_KDF=fast-insecure-testing show fieldvault-cli init vault --passphrase-file pass.txt --kdf-profile fast-insecure-testing
    id=\$(fieldvault-cli add vault --file /tmp/testimony.json --passphrase-file pass.txt)
    echo \"added \$id\"
    hits=\$(fieldvault-cli search vault market --passphrase-file pass.txt)
    echo \"\$hits\"
    grep -q \"\$id\" <<<\"\$hits\" || { echo \"search did not find \$id\" >&2; exit 1; }
    show fieldvault-cli verify vault --passphrase-file pass.txt
'"

echo "== apt-get purge"
inside "apt-get purge -y -qq fieldvault >/dev/null && ! command -v fieldvault-cli && ! command -v fieldvault"
echo "test-install: PASSED ($(basename "$deb") installs and runs in a clean Debian 12 root)"
