#!/usr/bin/env bash
# Open Referral UK export and import times for a directory of N services.
#
# Usage: bench/oruk.sh [N]        (default: 5000)
#
# 1. generates a site of N services (bench/gen_site.py 2N, guidelines
#    removed, so the build is the directory alone);
# 2. export: `build --no-search` BENCH_RUNS times; the feed's own share is
#    the `feed` stage of SIGNPOST_TIMINGS (median), beside the whole build;
# 3. `check --oruk`: the whole site plus every feed document validated;
# 4. import: that site's /services.json (a v3 service_list page of N full
#    services) into an empty site, first as a new directory file, then again
#    unchanged (the merge that a scheduled sync runs);
# 5. import of a council-style feed from bench/gen_oruk_feed.py N.
#
# Medians of BENCH_RUNS runs (default 5) and peak RSS from GNU time. Results
# on stdout and in target/bench-oruk.md. BENCH_SKIP_BUILD=1 uses the release
# binary as it is.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-5000}"
if ! [[ "$N" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: bench/oruk.sh [N]   (N: a positive number of services; got '$N')" >&2
    exit 2
fi
RUNS="${BENCH_RUNS:-5}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET/release/signpost"
WORK="$TARGET/bench-oruk/$N"
RESULTS="$TARGET/bench-oruk.md"
TODAY=2026-11-25
export SIGNPOST_TODAY=$TODAY

[ -x /usr/bin/time ] || { echo "bench: GNU time is needed (apt-get install time)" >&2; exit 1; }
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    cargo build --release --locked >&2
fi

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run_timed OUTFILE CMD...: wall seconds on stdout; peak RSS (KB) appended to OUTFILE.rss.
run_timed() {
    local out="$1"; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$out.rss.tmp" "$@" >"$out" 2>"$out.err" || { cat "$out.err" >&2; return 1; }
    end=$(date +%s.%N)
    cat "$out.rss.tmp" >>"$out.rss"
    echo "$end - $start" | bc -l
}

peak_mb() { sort -g "$1.rss" | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }'; }

rm -rf "$WORK"
mkdir -p "$WORK"
SITE="$WORK/site"
echo "bench: generating $N services in $SITE" >&2
python3 bench/gen_site.py $((N * 2)) "$SITE" >&2
rm -rf "$SITE/content/guidelines"
count=$(grep -c '^  - id:' "$SITE"/content/services/*.yaml | awk -F: '{ s += $2 } END { print s }')

# --- export -------------------------------------------------------------
builds=(); feeds=()
for _ in $(seq "$RUNS"); do
    builds+=("$(SIGNPOST_TIMINGS=1 run_timed "$WORK/build" "$BIN" build --no-search --root "$SITE" --output "$WORK/public")")
    feeds+=("$(grep '^timing: feed:' "$WORK/build.err" | sed 's/.*feed: \([0-9.]*\)ms.*/\1/')")
done
build_s=$(printf '%s\n' "${builds[@]}" | median)
feed_ms=$(printf '%s\n' "${feeds[@]}" | median)
feed_files=$(find "$WORK/public/openreferral" -type f | wc -l)
feed_mb=$(du -sm --apparent-size "$WORK/public/openreferral" "$WORK/public/services.json" | awk '{ s += $1 } END { print s }')
build_mb=$(peak_mb "$WORK/build")

checks=()
for _ in $(seq 3); do
    checks+=("$(run_timed "$WORK/check" "$BIN" check --oruk --root "$SITE")")
done
check_s=$(printf '%s\n' "${checks[@]}" | median)
check_mb=$(peak_mb "$WORK/check")
check_summary=$(grep 'Open Referral UK feed' "$WORK/check" || true)

# --- import -------------------------------------------------------------
# import_runs NAME FEED: first imports (a new file each time), then re-imports.
import_runs() {
    local name="$1" feed="$2" dest="$WORK/$1"
    rm -rf "$dest"; mkdir -p "$dest/content"
    cp "$SITE/site.yaml" "$dest/site.yaml"
    local firsts=() agains=()
    for _ in $(seq "$RUNS"); do
        rm -f "$dest/content/services/imported.yaml"
        firsts+=("$(cd "$dest" && run_timed "$WORK/$name-first" "$BIN" import "$feed" --into content/services/imported.yaml)")
    done
    for _ in $(seq "$RUNS"); do
        agains+=("$(cd "$dest" && run_timed "$WORK/$name-again" "$BIN" import "$feed" --into content/services/imported.yaml)")
    done
    echo "$(printf '%s\n' "${firsts[@]}" | median) $(peak_mb "$WORK/$name-first") $(printf '%s\n' "${agains[@]}" | median) $(peak_mb "$WORK/$name-again")"
}
read -r own_first own_first_mb own_again own_again_mb < <(import_runs own "$WORK/public/services.json")
python3 bench/gen_oruk_feed.py "$N" "$WORK/council.json" >&2
read -r council_first council_first_mb council_again council_again_mb < <(import_runs council "$WORK/council.json")
own_summary=$(tail -n 1 "$WORK/own-first")
council_summary=$(tail -n 1 "$WORK/council-first")

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
{
    echo "## Open Referral UK, $count services ($(date -u +%F), commit $commit, $(nproc) cores, median of $RUNS)"
    echo
    echo "| what | median | peak RSS |"
    echo "| --- | --- | --- |"
    printf '| build --no-search, whole (services only) | %.2f s | %s MB |\n' "$build_s" "$build_mb"
    printf '| of which the feed (%s files, %s MB) | %.0f ms | |\n' "$feed_files" "$feed_mb" "$feed_ms"
    printf '| check --oruk (every document validated) | %.2f s | %s MB |\n' "$check_s" "$check_mb"
    printf '| import of the site'"'"'s own services.json, new file | %.2f s | %s MB |\n' "$own_first" "$own_first_mb"
    printf '| re-import, unchanged | %.2f s | %s MB |\n' "$own_again" "$own_again_mb"
    printf '| import of a council-style v3 feed (gen_oruk_feed.py), new file | %.2f s | %s MB |\n' "$council_first" "$council_first_mb"
    printf '| re-import, unchanged | %.2f s | %s MB |\n' "$council_again" "$council_again_mb"
    echo
    echo "- check: $check_summary"
    echo "- own feed: $own_summary"
    echo "- council feed: $council_summary"
} | tee "$RESULTS"
