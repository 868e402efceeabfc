#!/usr/bin/env bash
# Seconds from starting the app until its window is on screen, on the French sample (four
# versions), measured from outside as a user sees it (docs/performance.md).
#
#   benches/launch.sh          5 launches under a private Xvfb (needs Xvfb and xdotool)
#   RUNS=10 benches/launch.sh
#
# The window is polled every 5 ms by process id (`xdotool search --sync` polls every half
# second, which once made a 0.1 s start look like 0.5 s).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin factdiff
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
for _ in $(seq "${RUNS:-5}"); do
    start=$(date +%s.%N)
    DISPLAY=$display target/release/factdiff samples/tiktok-fr/v{1,2,3,4}.txt >/dev/null 2>&1 &
    app=$!
    until DISPLAY=$display xdotool search --pid "$app" --onlyvisible --name '^factdiff' >/dev/null 2>&1; do
        sleep 0.005
    done
    end=$(date +%s.%N)
    echo "window on screen after $(echo "$end - $start" | bc) s"
    kill "$app"
    wait "$app" 2>/dev/null || true
done
