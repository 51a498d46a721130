#!/bin/bash
# Runs a command under a private PulseAudio server, as the recording tests need it: a null sink
# "fv_speaker" (what is played into it goes nowhere) and "fv_mic", a source that remaps the sink's
# monitor, as the default source. So what a test plays into the default sink, the app "hears" on
# its default microphone. Works as root in a bare Debian 12 chroot: no D-Bus, no systemd, no
# session; the server runs in the foreground of a private runtime folder and is stopped on exit.
#
# The command also gets a fresh, empty HOME and TMPDIR inside that folder (for the leak scan),
# and FV_PULSE_SINK / FV_PULSE_SOURCE naming the two devices.
#
# Usage: tests/audio/with-pulse.sh COMMAND [ARG...]
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi
for tool in pulseaudio pactl pacat espeak-ng; do
    if ! command -v "$tool" >/dev/null; then
        echo "$0: $tool is missing (install the packages in packaging/deps/test.txt)" >&2
        exit 2
    fi
done

root=$(mktemp -d "${TMPDIR:-/tmp}/fv-pulse.XXXXXX")
pa_pid=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    if [[ -n $pa_pid ]]; then
        kill "$pa_pid" 2>/dev/null || true
        wait "$pa_pid" 2>/dev/null || true
    fi
    rm -rf "$root"
}
trap cleanup EXIT
mkdir -m 700 "$root/run" "$root/state" "$root/home" "$root/tmp"

cat >"$root/fieldvault-test.pa" <<PA
load-module module-native-protocol-unix auth-anonymous=1 socket=$root/run/native
load-module module-null-sink sink_name=fv_speaker rate=48000 channels=1 channel_map=mono norewinds=1 sink_properties=device.description=Test-speaker
load-module module-remap-source source_name=fv_mic master=fv_speaker.monitor channels=1 channel_map=mono master_channel_map=mono source_properties=device.description=Test-microphone
set-default-sink fv_speaker
set-default-source fv_mic
PA
printf 'autospawn = no\n' >"$root/client.conf"

# -n: no default script; --system=false with a private HOME and runtime path lets root run a
# per-user server (it warns that it is root, which is harmless here).
env HOME="$root/home" XDG_RUNTIME_DIR="$root/run" PULSE_RUNTIME_PATH="$root/run" \
    PULSE_STATE_PATH="$root/state" DBUS_SESSION_BUS_ADDRESS=disabled: \
    pulseaudio -n --daemonize=no --system=false --exit-idle-time=-1 --disallow-exit --use-pid-file=no \
    --log-target="file:$root/pulse.log" -F "$root/fieldvault-test.pa" &
pa_pid=$!

export PULSE_SERVER="unix:$root/run/native" PULSE_CLIENTCONFIG="$root/client.conf" PULSE_COOKIE="$root/cookie"
ready=
for _ in $(seq 100); do
    if pactl info >/dev/null 2>&1; then
        ready=1
        break
    fi
    kill -0 "$pa_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ -z $ready ]]; then
    echo "$0: the private PulseAudio server did not start; its log:" >&2
    cat "$root/pulse.log" >&2 || true
    exit 1
fi

export HOME="$root/home" TMPDIR="$root/tmp" XDG_RUNTIME_DIR="$root/run"
export FV_PULSE_SINK=fv_speaker FV_PULSE_SOURCE=fv_mic
set +e
"$@"
rc=$?
set -e
exit "$rc"
