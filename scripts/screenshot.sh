#!/usr/bin/env bash
# Starts factdiff under a virtual X server on the French sample story (v1 … v4), waits for the
# comparison, saves docs/screenshot.png (1280×800) and closes everything it started.
#
#   scripts/screenshot.sh [OUTPUT.png] [VERSION...]
#
# With versions after the output file, those are opened instead of the sample story.
#
# Needs Xvfb, xdotool and ImageMagick's `import` (Debian: xvfb xdotool imagemagick, plus the
# Mesa GL libraries listed in BUILD-NOTES); installs nothing. Builds the release binary if it
# is missing. Settings are read from and saved to a throw-away folder, so the picture does not
# depend on the last run on this machine.
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-docs/screenshot.png}"
shift || true

for tool in Xvfb xdotool import; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "screenshot.sh: '$tool' is not installed (needs Xvfb, xdotool and ImageMagick's import)" >&2
        exit 2
    fi
done

bin="${FACTDIFF_BIN:-target/release/factdiff}"
if [[ ! -x "$bin" ]]; then
    echo "screenshot.sh: building $bin" >&2
    cargo build --release --quiet
fi

display="${SCREENSHOT_DISPLAY:-:97}"
state="$(mktemp -d)"
xvfb_pid=""
app_pid=""
cleanup() {
    [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
    [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$state"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
    DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.1
done
if ! DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1; then
    echo "screenshot.sh: Xvfb did not start on $display" >&2
    exit 2
fi

samples=samples/tiktok-fr
if [[ $# -eq 0 ]]; then
    set -- "$samples/v1.txt" "$samples/v2.txt" "$samples/v3.txt" "$samples/v4.txt"
fi
DISPLAY="$display" XDG_DATA_HOME="$state" HOME="$state" \
    "$bin" "$@" >"$state/app.log" 2>&1 &
app_pid=$!

# Wait for the window, then for the comparison (a few seconds under software GL).
window=""
for _ in $(seq 100); do
    window="$(DISPLAY="$display" xdotool search --name '^factdiff' 2>/dev/null | head -n1 || true)"
    [[ -n "$window" ]] && break
    if ! kill -0 "$app_pid" 2>/dev/null; then
        echo "screenshot.sh: factdiff exited early:" >&2
        cat "$state/app.log" >&2
        exit 1
    fi
    sleep 0.2
done
if [[ -z "$window" ]]; then
    echo "screenshot.sh: no factdiff window appeared" >&2
    exit 1
fi
DISPLAY="$display" xdotool windowsize "$window" 1280 800 windowmove "$window" 0 0 2>/dev/null || true
sleep "${SCREENSHOT_WAIT:-4}"
# Walk to the first change (F7) so the picture shows a highlighted fact.
DISPLAY="$display" xdotool mousemove 640 400 windowfocus "$window" key F7 2>/dev/null || true
sleep 1

mkdir -p "$(dirname "$out")"
DISPLAY="$display" import -window root -depth 8 "png:$out"
echo "saved $out ($(du -k "$out" | cut -f1) KB)"
