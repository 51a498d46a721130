#!/usr/bin/env bash
# The README's run command. Installs what is missing (packaging/deps/build.txt and
# runtime.txt), builds the release configuration of the desktop app and fieldvault-cli, then:
# - with a display (X11 or Wayland), starts the desktop app `fieldvault` on your vault
#   (the first run walks you through creating one); arguments are passed on to it
#   (e.g. a vault folder);
# - without a display, or with FV_RUN=cli, walks through a short demonstration of the CLI on a
#   DEMO vault.
#
# The demo vault lives in ${XDG_DATA_HOME:-~/.local/share}/fieldvault/demo-vault and is
# recreated on every run. Its passphrase is written in a file next to it and its key
# derivation uses the fast, INSECURE test profile: it is for trying the commands only.
# Never put real testimonies in it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

packaging/install-deps.sh build runtime

echo "== Building fieldvault and fieldvault-cli (release) =="
cmake --preset release -DFV_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release --target fieldvault-cli fieldvault
cli="$root/build/release/app/cli/fieldvault-cli"
app="$root/build/release/app/desktop/fieldvault"

if [ "${FV_RUN:-}" != cli ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    echo "== Starting the desktop app =="
    exec "$app" "$@"
fi
echo "(No display found: showing the command line instead. With a desktop session, this"
echo " command starts the desktop app; FV_RUN=cli forces this demonstration.)"

data="${XDG_DATA_HOME:-$HOME/.local/share}"
case "$data" in /*) ;; *) data="$HOME/.local/share" ;; esac
demo="$data/fieldvault/demo-vault"
pass="$data/fieldvault/DEMO-passphrase-not-secret.txt"
samples="$root/app/cli/demo"

run() {
    { printf '\n$ fieldvault-cli'; printf ' %q' "$@"; printf '\n'; } >&2
    "$cli" "$@"
}

echo
echo "== DEMO: a throw-away vault with a known passphrase and a deliberately weak KDF =="
mkdir -p "$data/fieldvault"
if [ -e "$demo" ]; then
    "$cli" erase "$demo" --yes >/dev/null
fi
umask 077
printf 'DEMO passphrase - not secret\n' >"$pass"
P=(--passphrase-file "$pass")

FIELDVAULT_TEST_KDF=fast-insecure-testing run init "$demo" --kdf-profile fast-insecure-testing "${P[@]}"
ar_id=$(run add "$demo" --file "$samples/testimony-ar.json" "${P[@]}" | tail -n 1)
echo "$ar_id"
en_id=$(run add "$demo" --file "$samples/testimony-en.json" "${P[@]}" | tail -n 1)
echo "$en_id"
run list "$demo" "${P[@]}"
echo
echo "# Arabic search ignores spelling variants: 'مظاهره' (final haa) finds 'المظاهرة'."
run search "$demo" 'مظاهره' "${P[@]}"
echo
echo "# Editing keeps every earlier version; attaching a file adds a custody event."
# (One command at a time: a vault is open in one process only, so no 'show | edit' pipeline.)
corrected=$(sed 's/(DEMO sample)/(DEMO sample, corrected)/' "$samples/testimony-en.json")
printf '%s\n' "$corrected" | run edit "$demo" "$en_id" "${P[@]}"
run attach "$demo" "$en_id" "$samples/testimony-en.json" --media-type application/json "${P[@]}"
run history "$demo" "$en_id" "${P[@]}"
run verify "$demo" "${P[@]}"

cat <<TEXT

== Done ==
The demo vault is in $demo
(passphrase file: $pass). Try for instance:
  $cli show "$demo" $ar_id --passphrase-file "$pass"
  $cli search "$demo" market --json --passphrase-file "$pass"

For real testimonies, create your own vault (the passphrase is asked on the terminal, without
echo, and the recovery key is printed once: write it on paper):
  $cli init                       # the default vault: ${data}/fieldvault/vault
  $cli init /media/usb/vault      # or any folder, e.g. on an encrypted USB stick
  $cli add --file testimony.json  # VAULT may be left out to use the default vault
Every command, option, exit code and the JSON output are described in docs/cli.md,
the testimony JSON format in docs/json-format.md.

The desktop app is $app
(start it from a desktop session: bash app/run.sh, or the program itself).
TEXT
