#!/usr/bin/env bash
# Regenerates the sample bundle of docs/bundle-format.md with fieldvault-cli: a field vault with
# the two DEMO testimonies of app/cli/demo/ and one DEMO attachment exports a bundle to an HQ
# vault, which is kept here (hq-vault/) with the sender's card enrolled.
#
#   tests/data/sample-bundle/make.sh [PATH/TO/fieldvault-cli]
#
# Every key and passphrase written here is a TEST KEY, public in the repository: it protects
# nothing and must never be used for real testimonies. Regenerating changes every key, id and
# byte (the bundle is random by design); tests/e2e/test_sample_bundle.cpp reads expected.txt.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cli=${1:-$root/build/asan/app/cli/fieldvault-cli}
[ -x "$cli" ] || { echo "make.sh: no fieldvault-cli at $cli (give its path)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/home/data TMPDIR=$work/tmp
mkdir -p "$HOME" "$TMPDIR" "$work/usb"

rm -rf "$here/hq-vault" "$here/bundle" "$here"/*.key "$here"/*.pub "$here"/*.card \
    "$here/TEST-passphrase.txt" "$here/expected.txt"
printf 'TEST passphrase of the sample HQ vault - public, protects nothing\n' >"$here/TEST-passphrase.txt"
printf 'TEST passphrase of the sample field vault\n' >"$work/field-pass"
hqpass=(--passphrase-file "$here/TEST-passphrase.txt")
fieldpass=(--passphrase-file "$work/field-pass")
field=$work/field
hq=$here/hq-vault

FIELDVAULT_TEST_KDF=fast-insecure-testing "$cli" init "$field" --kdf-profile fast-insecure-testing "${fieldpass[@]}" >/dev/null 2>&1
FIELDVAULT_TEST_KDF=fast-insecure-testing "$cli" init "$hq" --role hq --kdf-profile fast-insecure-testing "${hqpass[@]}" >/dev/null 2>&1

en=$("$cli" add "$field" --file "$root/app/cli/demo/testimony-en.json" "${fieldpass[@]}")
"$cli" add "$field" --file "$root/app/cli/demo/testimony-ar.json" "${fieldpass[@]}" >/dev/null
printf 'DEMO attachment of the sample bundle: invented content, no real testimony.\n' >"$work/demo-note.txt"
"$cli" attach "$field" "$en" "$work/demo-note.txt" --media-type text/plain "${fieldpass[@]}" >/dev/null

"$cli" card "$field" --name "DEMO delegate (test key)" "${fieldpass[@]}" >"$here/sender.card"
"$cli" card "$hq" --name "DEMO HQ (test key)" "${hqpass[@]}" >"$here/hq.card"
"$cli" enrol "$field" "$here/hq.card" "${fieldpass[@]}" >/dev/null
"$cli" enrol "$hq" "$here/sender.card" "${hqpass[@]}" >/dev/null

"$cli" export "$field" --to "$work/usb" --json "${fieldpass[@]}" >"$work/export.json"
mv "$work"/usb/* "$here/bundle"

# The stock tools' key files: HQ's age identity (TEST KEY) and the sender's minisign key.
"$cli" identity-export "$hq" --age-identity "$work/hq.key" "${hqpass[@]}" 2>/dev/null
{
    echo "# TEST KEY of tests/data/sample-bundle: public, opens only the DEMO sample bundle."
    cat "$work/hq.key"
} >"$here/hq.key"
"$cli" identity-export "$field" --minisign-pub "$here/sender.pub" "${fieldpass[@]}"

# What the test expects from importing the sample.
bundle_id=$(sed -n 's/.*"bundle_id":"\([^"]*\)".*/\1/p' "$work/export.json")
sender=$(sed -n 's/^fingerprint: //p' "$here/sender.card")
{
    echo "bundle_id=$bundle_id"
    echo "sender=$sender"
    echo "testimonies=2"
    echo "attachments=1"
} >"$here/expected.txt"
echo "make.sh: sample bundle $bundle_id from $sender written to $here"
