#!/usr/bin/env bash
# The speed-ups must not change results: the JSON reports of the sample stories and of the
# generated benchmark pairs, as SHA-256 sums, compared with benches/expected-reports.sha256.
#
#   benches/results.sh            check (exit 1 and a diff when a report changed)
#   benches/results.sh --update   record the current reports as expected (after a deliberate
#                                 change of results, said in the commit)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin factdiff --example news_pair
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sums="$work/sums"
: > "$sums"
for story in samples/*/; do
    story="${story%/}"
    name="$(basename "$story")"
    target/release/factdiff compare --format json "$story"/v*.txt > "$work/$name.json" || true
    (cd "$work" && sha256sum "$name.json") >> "$sums"
done
for lang in fr en de; do
    for size in 5KB 100KB 1MB; do
        for edits in light heavy; do
            dir="$work/$lang-$size-$edits"
            target/release/examples/news_pair "$lang" "$size" "$edits" "$dir" 3
            # Relative paths, so the report does not name the temporary folder.
            (cd "$dir" && "$OLDPWD/target/release/factdiff" compare --format json v1.txt v2.txt v3.txt > report.json || true)
            (cd "$work" && sha256sum "$lang-$size-$edits/report.json") >> "$sums"
        done
    done
done
expected=benches/expected-reports.sha256
if [[ "${1:-}" == "--update" ]]; then
    cp "$sums" "$expected"
    echo "recorded $(wc -l < "$expected") report checksums in $expected"
elif diff -u "$expected" "$sums"; then
    echo "all $(wc -l < "$expected") reports identical"
else
    echo "reports changed (above): a speed-up must not change results" >&2
    exit 1
fi
