#!/usr/bin/env bash
# Benchmark `signpost build` on generated sites of N guidelines each.
#
# Usage: bench/run.sh [N...]            (default: 1000 10000)
#
# Environment knobs:
#   BENCH_RUNS=K        timed runs per site (default 5, never fewer than 5)
#   BENCH_REGEN=1       regenerate the sites even if they already exist
#   BENCH_SKIP_BUILD=1  do not run `cargo build --release`; use the binary as is
#   CARGO_TARGET_DIR    honoured as cargo does (default: ./target)
#
# Results: a table on stdout and the same as Markdown in target/bench-results.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET/release/signpost"
RESULTS="$TARGET/bench-results.md"

RUNS="${BENCH_RUNS:-5}"
if ! [[ "$RUNS" =~ ^[0-9]+$ ]] || (( RUNS < 5 )); then
    RUNS=5
fi

if (( $# > 0 )); then
    SIZES=("$@")
else
    SIZES=(1000 10000)
fi
for n in "${SIZES[@]}"; do
    if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
        echo "usage: bench/run.sh [N...]   (N: positive integers; got '$n')" >&2
        exit 2
    fi
done

# Shared helpers: apt_install, ensure_gnu_time and the rest (bench/lib.sh).
source "$ROOT/bench/lib.sh"
log() { echo "bench: $*" >&2; }

# --- tools -------------------------------------------------------------------

command -v python3 >/dev/null 2>&1 || { log "python3 is required"; exit 1; }

if ! command -v hyperfine >/dev/null 2>&1; then
    log "hyperfine not found; trying apt-get install -y hyperfine"
    apt_install hyperfine || log "could not install hyperfine; using a plain bash loop"
fi
HAVE_HYPERFINE=0
command -v hyperfine >/dev/null 2>&1 && HAVE_HYPERFINE=1

if [[ ! -x /usr/bin/time ]]; then
    log "/usr/bin/time not found; trying apt-get install -y time"
    apt_install time || log "could not install GNU time; peak RSS will be reported as n/a"
fi
HAVE_TIME=0
[[ -x /usr/bin/time ]] && HAVE_TIME=1

# --- build -------------------------------------------------------------------

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    log "cargo build --release"
    cargo build --release
fi
if [[ ! -x "$BIN" ]]; then
    log "no binary at $BIN (did the build succeed?)"
    exit 1
fi

# --- helpers -----------------------------------------------------------------

# ensure_site and median come from bench/lib.sh.

# Each timed run rebuilds over the previous output, as an author's rebuild
# does: signpost writes a staging folder, swaps it in and deletes the old
# tree, all inside the timed command. (Deleting the output with rm -rf just
# before each run instead mostly measures the filesystem catching up with
# that delete: on this machine's disk it tripled the time.)

# time_loop SITE: warm up once, then RUNS timed rebuilds; print the median.
time_loop() {
    local site="$1" out="$1/public" i t0 t1
    local times=()
    for ((i = 0; i <= RUNS; i++)); do
        t0="$EPOCHREALTIME"
        "$BIN" build --root "$site" --output "$out" >/dev/null 2>&1
        t1="$EPOCHREALTIME"
        if (( i > 0 )); then   # run 0 is the warmup
            times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')")
        fi
    done
    printf '%s\n' "${times[@]}" | median
}

# time_hyperfine SITE: hyperfine rebuilds; print the median.
time_hyperfine() {
    local site="$1" out="$1/public" json
    json="$(mktemp)"
    hyperfine --style basic --warmup 1 --runs "$RUNS" \
        --export-json "$json" \
        --command-name "signpost build ($(basename "$site"))" \
        "$(printf '%q ' "$BIN" build --root "$site" --output "$out")" >&2
    python3 - "$json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.6f" % r.get("median", statistics.median(r["times"])))
PY
    rm -f "$json"
}

# --- run ---------------------------------------------------------------------

ROWS=()
FAILED=0
TOOL="bash loop (median of $RUNS runs after 1 warmup)"
(( HAVE_HYPERFINE )) && TOOL="hyperfine $(hyperfine --version | awk '{ print $2 }') (median of $RUNS runs after 1 warmup)"

for n in "${SIZES[@]}"; do
    site="$(ensure_site "$n")"
    out="$site/public"
    guidelines="$(find "$site/content/guidelines" -type f -name '*.md' | wc -l)"
    drafts="$(grep -rl --include='*.md' '^status: draft$' "$site/content/guidelines" | wc -l || true)"
    services="$(cat "$site"/content/services/*.yaml | grep -c '^  - id: ' || true)"

    # One extra run under /usr/bin/time -v: checks that the build succeeds
    # (printing its errors if not) and measures peak RSS.
    log "N=$n: checking build and measuring peak RSS"
    rm -rf "$out"
    buildlog="$(mktemp)"
    rsslog="$(mktemp)"
    status=0
    if (( HAVE_TIME )); then
        /usr/bin/time -v -o "$rsslog" "$BIN" build --root "$site" --output "$out" >"$buildlog" 2>&1 || status=$?
    else
        "$BIN" build --root "$site" --output "$out" >"$buildlog" 2>&1 || status=$?
    fi
    if (( status != 0 )); then
        log "N=$n: build failed with exit status $status; first lines of its output:"
        head -n 30 "$buildlog" >&2
        ROWS+=("$n|$guidelines ($drafts drafts)|$services|FAILED (exit $status)|n/a|n/a")
        FAILED=1
        rm -f "$buildlog" "$rsslog"
        continue
    fi
    rss="n/a"
    if (( HAVE_TIME )); then
        rss="$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); printf "%.1f", $2 / 1024 }' "$rsslog")"
    fi
    rm -f "$buildlog" "$rsslog"

    log "N=$n: timing ($TOOL)"
    if (( HAVE_HYPERFINE )); then
        med="$(time_hyperfine "$site")"
    else
        med="$(time_loop "$site")"
    fi
    files="$(find "$out" -type f | wc -l)"
    ROWS+=("$n|$guidelines ($drafts drafts)|$services|$(printf '%.3f' "$med")|$rss|$files")
done

# --- report ------------------------------------------------------------------

commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
if [[ -n "$(git -C "$ROOT" status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null)" ]]; then
    commit="$commit (+ uncommitted changes)"
fi
rustc_v="$(rustc --version 2>/dev/null || echo 'rustc unknown')"

HEADER=("N" "guidelines" "services" "median wall (s)" "peak RSS (MiB)" "output files")

echo
printf '%-7s %-22s %-9s %-16s %-15s %-12s\n' "${HEADER[@]}"
for row in "${ROWS[@]}"; do
    IFS='|' read -r -a f <<<"$row"
    printf '%-7s %-22s %-9s %-16s %-15s %-12s\n' "${f[@]}"
done

mkdir -p "$(dirname "$RESULTS")"
{
    echo "# signpost build benchmark"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- commit: $commit"
    echo "- $rustc_v"
    echo "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory"
    echo "- timing: $TOOL; each run builds into an emptied output folder"
    echo "- command: \`signpost build --root SITE --output SITE/public\` (drafts excluded)"
    echo "- peak RSS: /usr/bin/time -v on one extra run"
    echo
    header="$(IFS='|'; echo "${HEADER[*]}")"
    echo "| ${header//|/ | } |"
    echo "|---|---|---|---|---|---|"
    for row in "${ROWS[@]}"; do
        echo "| ${row//|/ | } |"
    done
} >"$RESULTS"
log "results written to $RESULTS"

exit "$FAILED"
