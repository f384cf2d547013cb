#!/usr/bin/env bash
# Search at scale: build time with and without the index, peak memory, files
# written, and the bytes Chromium fetches for a first query (the own index).
# bench/search-compare.sh does all this and more, side by side with Hugo + Pagefind.
# Usage: bench/search.sh [N...]   (default 1000 10000; sites from bench/gen_site.py)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/signpost"
SITES="${CARGO_TARGET_DIR:-$ROOT/target}/bench-sites"
RUNS="${BENCH_RUNS:-5}"
(( $# > 0 )) && SIZES=("$@") || SIZES=(1000 10000)
[[ "${BENCH_SKIP_BUILD:-0}" == 1 ]] || cargo build --release --quiet
[[ -x /usr/bin/time ]] || apt-get install -y -qq time >/dev/null
[[ -d tests/browser/node_modules ]] || (cd tests/browser && npm ci --silent)
export SIGNPOST_TODAY="${SIGNPOST_TODAY:-2026-11-25}"
# signpost's own index (harmless once it is the only one); first_query.mjs reads it.

median() { python3 -c 'import sys,statistics; print("%.2f" % statistics.median(float(x) for x in sys.stdin.read().split()))'; }

printf '%-7s %-10s %12s %14s %8s\n' N mode "median (s)" "peak RSS (MiB)" files
for n in "${SIZES[@]}"; do
    site="$SITES/$n"
    [[ -f "$site/site.yaml" ]] || python3 bench/gen_site.py "$n" "$site" >/dev/null
    for mode in search no-search; do
        flags=(--root "$site" --output "$site/public-$mode" --base-url http://127.0.0.1)
        [[ $mode == no-search ]] && flags+=(--no-search)
        "$BIN" build "${flags[@]}" >/dev/null 2>&1   # warm-up
        times=()
        for ((i = 0; i < RUNS; i++)); do
            start=$EPOCHREALTIME
            "$BIN" build "${flags[@]}" >/dev/null 2>&1
            times+=("$(python3 -c "print($EPOCHREALTIME - $start)")")
        done
        rss=$(/usr/bin/time -f %M "$BIN" build "${flags[@]}" 2>&1 >/dev/null | tail -1)
        files=$(find "$site/public-$mode" -type f | wc -l)
        printf '%-7s %-10s %12s %14s %8s\n' "$n" "$mode" "$(printf '%s\n' "${times[@]}" | median)" "$((rss / 1024))" "$files"
    done
    echo "first query on N=$n:"
    node bench/first_query.mjs "$site/public-search" spirometry
done
