#!/usr/bin/env bash
# factdiff beside `git diff --word-diff` and Python's difflib on the same generated pairs, in
# one run: prints the ratios and factdiff's scaling exponent (docs/performance.md).
#
#   benches/compare.sh                     sizes 100KB 300KB 1MB 3MB 10MB, light and heavy edits
#   SIZES="1MB" EDITS=heavy benches/compare.sh
#
# Needs git, python3 and GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin factdiff --example news_pair
exec python3 benches/compare.py
