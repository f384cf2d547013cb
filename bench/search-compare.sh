#!/usr/bin/env bash
# Search figures side by side in one run (issue 9, point 5): signpost with its
# own search index against Hugo + Pagefind's CLI, on generated sites of N
# guidelines and N/2 services, plus what a browser fetches and waits for.
#
# Usage: bench/search-compare.sh [N...]      (default: 1000 10000 50000)
#
# For each N:
#   - the site from bench/gen_site.py (target/bench-sites/N, reused);
#   - `signpost build --no-search` and `signpost build` (search), Hugo on the
#     same guidelines (minimal theme, bench/lib.sh) and Pagefind's CLI on
#     Hugo's output: median wall time of BENCH_RUNS runs after BENCH_WARMUP,
#     each into an emptied output folder on tmpfs (BENCH_SHM), and the
#     highest peak RSS of those runs (GNU time %M);
#   - what search costs signpost's build: the wall time and the CPU time
#     (user + sys) that `build` takes beyond `build --no-search`, each as a
#     share of `build`; and the span of the index thread (SIGNPOST_TIMINGS=1:
#     "search index"), which runs beside rendering and shares its cores, so
#     its span is longer than the work it does;
#   - bench/first_query.mjs: bytes Chromium fetches for a first query (search
#     files only, empty cache) for the ten commonest words and BENCH_TYPICAL;
#   - bench/keypress.mjs: Enter to results drawn on the search page, files
#     cached, over the queries of tests/browser/search-engine.test.mjs
#     (also on the example site, from the repository's content/).
# Prints one table and writes it, with the details, the machine and the tool
# versions, to target/bench-search-compare.md (rewritten after every N).
#
# Environment:
#   BENCH_RUNS=K         timed runs per build (default 3)
#   BENCH_WARMUP=K       untimed runs first (default 1)
#   BENCH_SKIP_BUILD=1   use target/release/signpost as it is (no cargo build)
#   BENCH_REGEN=1        regenerate the sites
#   BENCH_SHM=DIR        where outputs go (default /dev/shm/signpost-search-compare)
#   BENCH_TYPICAL="w..." typical words for the first query (default spirometry)
#   BENCH_BROWSER=0      skip the Chromium measures
#   BENCH_KEEP=1         keep the outputs in BENCH_SHM afterwards
#   PAGEFIND_PIN, HUGO_PIN  tool versions (bench/lib.sh)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/bench/lib.sh"

BIN="$BENCH_TARGET/release/signpost"
RESULTS="$BENCH_TARGET/bench-search-compare.md"
RUNS="${BENCH_RUNS:-3}"
WARMUP="${BENCH_WARMUP:-1}"
SHM="${BENCH_SHM:-/dev/shm/signpost-search-compare}"
read -r -a TYPICAL <<<"${BENCH_TYPICAL:-spirometry}"
BROWSER="${BENCH_BROWSER:-1}"
BASE_URL="http://127.0.0.1/"   # pages use root-relative links, so any port serves them

(( $# > 0 )) && SIZES=("$@") || SIZES=(1000 10000 50000)
for n in "${SIZES[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/search-compare.sh [N...]   (N: positive integers; got '$n')" >&2; exit 2; }
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer (got '$RUNS')"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "BENCH_WARMUP must be a whole number (got '$WARMUP')"
STARTED=$SECONDS

# --- tools -------------------------------------------------------------------

command -v python3 >/dev/null 2>&1 || die "python3 is required"
ensure_gnu_time
ensure_search_tools
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    log "cargo build --release"
    cargo build --release --quiet || die "cargo build --release failed"
fi
[[ -x "$BIN" ]] || die "no signpost binary at $BIN (run cargo build --release, or unset BENCH_SKIP_BUILD)"
if [[ "$BROWSER" == 1 ]]; then
    command -v node >/dev/null 2>&1 || { log "node not found; apt-get install -y nodejs npm"; apt_install nodejs && apt_install npm || die "could not install Node.js"; }
    if [[ ! -d tests/browser/node_modules/playwright-core ]]; then
        log "npm ci in tests/browser"
        (cd tests/browser && npm ci --silent) >&2 || die "npm ci in tests/browser failed (is the npm registry reachable?)"
    fi
    CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
    if [[ ! -x "$CHROMIUM" ]]; then
        log "no Chromium at $CHROMIUM; apt-get install -y chromium"
        apt_install chromium || die "could not install Chromium (apt-get install chromium); or set BENCH_BROWSER=0"
    fi
    export CHROMIUM
fi

mkdir -p "$SHM" 2>/dev/null || die "cannot make $SHM (set BENCH_SHM to a tmpfs folder)"
[[ "$(stat -f -c %T "$SHM")" == tmpfs ]] || log "warning: $SHM is not on tmpfs: disk writes will count in the times"
WORK="$SHM/work"
mkdir -p "$WORK"
# Outputs live in memory (tmpfs): remove them however the run ends.
cleanup() {
    [[ "${BENCH_KEEP:-0}" == 1 ]] && return 0
    local n
    for n in "${SIZES[@]}"; do rm -rf "${SHM:?}/$n"; done
    rm -rf "$WORK" "$SHM/example" "$SHM/example-page" "$SHM"/keypress-*.json
    rmdir "$SHM" 2>/dev/null || true
}
trap cleanup EXIT

export SIGNPOST_TODAY="${SIGNPOST_TODAY:-2026-11-25}"
export SIGNPOST_TIMINGS=1

# --- measuring ----------------------------------------------------------------

# measure OUT CMD...: WARMUP + RUNS runs of CMD, each after emptying OUT (not
# timed). Sets M_WALL (median seconds), M_CPU (median user + sys seconds),
# M_RSS (highest peak RSS, KiB) and M_INDEX (median "search index" ms from
# signpost's stderr, or "").
measure() {
    local out="$1" i t0 t1 ms
    shift
    local walls=() cpus=() rsss=() idx=()
    for ((i = 0; i < WARMUP + RUNS; i++)); do
        rm -rf "$out"
        t0=$EPOCHREALTIME
        if ! /usr/bin/time -f '%M %U %S' -o "$WORK/rss" "$@" >"$WORK/stdout" 2>"$WORK/stderr"; then
            log "failed: $*"
            tail -n 20 "$WORK/stderr" "$WORK/stdout" >&2
            exit 1
        fi
        t1=$EPOCHREALTIME
        if (( i < WARMUP )); then continue; fi
        walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')")
        rsss+=("$(tail -n 1 "$WORK/rss" | cut -d' ' -f1)")
        cpus+=("$(tail -n 1 "$WORK/rss" | awk '{ print $2 + $3 }')")
        ms="$(sed -n 's/^timing: search index: \([0-9.]*\)ms.*/\1/p' "$WORK/stderr" | tail -n 1)"
        if [[ -n "$ms" ]]; then idx+=("$ms"); fi
    done
    M_WALL="$(printf '%s\n' "${walls[@]}" | median)"
    M_CPU="$(printf '%s\n' "${cpus[@]}" | median)"
    M_RSS="$(printf '%s\n' "${rsss[@]}" | sort -n | tail -n 1)"
    M_INDEX=""
    if (( ${#idx[@]} )); then M_INDEX="$(printf '%s\n' "${idx[@]}" | median)"; fi
}

# Values for the table: V[row,column].
declare -A V
COLUMNS=()
fmt() { awk -v x="$1" -v f="$2" 'BEGIN { printf f, x }'; }
mib() { fmt "$(awk -v k="$1" 'BEGIN { print k / 1024 }')" '%.0f'; }
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2], {"d": d}))' "$@"; }

# search_page OUT NAME: checks that OUT's /search/ page runs the own engine
# and sets PAGE_OUT and PAGE_ENGINE for the report.
search_page() {
    local out="$1" name="$2"
    grep -q 'static/js/search-engine.js' "$out/search/index.html" 2>/dev/null \
        || die "$name: $out/search/index.html does not load static/js/search-engine.js"
    PAGE_ENGINE="own"
    PAGE_OUT="$out"
}

# keypress COLUMN OUT: Enter-to-drawn figures into V.
keypress() {
    local col="$1" out="$2" j="$SHM/keypress-$1.json"
    log "$col: keypress to results drawn (Chromium)"
    node bench/keypress.mjs "$out" --json "$j" | tee -a "$WORK/details-$col.md" >&2 || die "$col: bench/keypress.mjs failed"
    V[kp_med,$col]="$(json "$j" '"%.1f" % d["summary"]["median_ms"]')"
    V[kp_p90,$col]="$(json "$j" '"%.1f" % d["summary"]["p90_ms"]')"
    V[kp_before,$col]="$(json "$j" '"%d of %d" % (d["summary"]["drawn_before_enter"], d["summary"]["queries"]) if d["summary"]["drawn_before_enter"] else ""')"
    V[kp_typed,$col]="$(json "$j" '"%.1f / %.1f" % (d["summary"]["typed_median_ms"], d["summary"]["typed_p90_ms"]) if "typed_median_ms" in d["summary"] else ""')"
    V[kp_page,$col]="$PAGE_ENGINE"
}

# --- report ---------------------------------------------------------------------

ROWS=(
    "sites|guidelines (drafts) / services|"
    "content_mb|content (MB)|"
    "sp_nosearch|signpost build --no-search (s)|"
    "sp_search|signpost build, with search (s)|"
    "search_cost|  search's cost: with − without (s)|"
    "cost_share|  search's cost ÷ build with search|≤ 25%"
    "cpu|  CPU time, without / with search (s)|"
    "cpu_share|  search's CPU: (with − without) ÷ with|≤ 25%"
    "index_ms|  index thread's span, beside rendering (ms)|"
    "index_share|  index thread's span ÷ build with search|"
    "hugo|Hugo (s)|"
    "pagefind|Pagefind CLI on Hugo's output (s)|"
    "hugo_pf|Hugo + Pagefind (s)|"
    "ratio|signpost with search ÷ (Hugo + Pagefind)|≤ 0.5 at 10,000"
    "rss_search|peak RSS, signpost with search (MiB)|≤ 1024 at 10,000"
    "rss_nosearch|peak RSS, signpost --no-search (MiB)|"
    "rss_growth|  RSS growth ÷ content growth (vs previous N)|≤ 1"
    "rss_hugo|peak RSS, Hugo (MiB)|"
    "rss_pf|peak RSS, Pagefind CLI (MiB)|"
    "files_sp|signpost search files (count, MB)|"
    "files_pf|Pagefind files (count, MB)|"
    "fq_max|first query, commonest ten: largest (KB)|≤ 100"
    "fq_typ|first query, typical word (KB)|≤ 100"
    "kp_med|Enter → results drawn, median (ms)|"
    "kp_p90|Enter → results drawn, 90th percentile (ms)|"
    "kp_before|  answers drawn before Enter (counted as 0 ms)|"
    "kp_typed|  as typed: last key → answer, median / 90th (ms)|"
    "kp_page|  search page measured|"
)

table() {
    local r key label target col line
    line="| figure | target |"
    for col in "${COLUMNS[@]}"; do line+=" $col |"; done
    echo "$line"
    line="| --- | --- |"
    for col in "${COLUMNS[@]}"; do line+=" ---: |"; done
    echo "$line"
    for r in "${ROWS[@]}"; do
        IFS='|' read -r key label target <<<"$r"
        line="| $label | ${target:-} |"
        for col in "${COLUMNS[@]}"; do line+=" ${V[$key,$col]:-} |"; done
        echo "$line"
    done
}

commit="$(git rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
[[ -n "$(git status --porcelain -- src themes Cargo.toml Cargo.lock 2>/dev/null)" ]] && commit="$commit (+ uncommitted changes)"
SIGNPOST_V="$("$BIN" --version 2>/dev/null || echo signpost)"
CPU="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
RAM="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
NODE_V="$(node --version 2>/dev/null || echo none)"
CHROMIUM_V="$("${CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | awk '{ print $1, $2 }' || true)"
PW_V="$(node -p "require('./tests/browser/node_modules/playwright-core/package.json').version" 2>/dev/null || echo none)"
log "tools: $SIGNPOST_V; Hugo $HUGO_VERSION ($HUGO_BIN); Pagefind $PAGEFIND_VERSION; Node $NODE_V; ${CHROMIUM_V:-no Chromium}; playwright-core $PW_V"

write_report() {
    {
        echo "# Search: signpost against Hugo + Pagefind, side by side"
        echo
        echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
        echo "- commit: $commit; $SIGNPOST_V"
        echo "- machine: $(nproc) cores ($CPU), $RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "- tools: Hugo $HUGO_VERSION, Pagefind CLI $PAGEFIND_VERSION (PyPI, pinned in bench/lib.sh), GNU time, Node $NODE_V, ${CHROMIUM_V:-no Chromium}, playwright-core $PW_V"
        echo "- command: \`bench/search-compare.sh ${SIZES[*]}\` with BENCH_RUNS=$RUNS, BENCH_WARMUP=$WARMUP; took $(( (SECONDS - STARTED) / 60 )) min $(( (SECONDS - STARTED) % 60 )) s"
        echo "- builds: median wall time of $RUNS runs after $WARMUP warm-up, each into an emptied output folder on $SHM ($(stat -f -c %T "$SHM")); peak RSS is the highest of those runs (GNU time %M)"
        echo "- signpost: \`build --root SITE --output OUT\` and with --no-search; CPU is user + sys (GNU time); the index thread's span from SIGNPOST_TIMINGS=1"
        echo "- Hugo: the same published guidelines, no services, minimal theme (bench/lib.sh); Pagefind: \`pagefind --site\` on Hugo's output"
        echo "- first query: bench/first_query.mjs, bytes of the responses under /search/engine/ (uncompressed), Chromium with an empty cache; KB = 1000 bytes"
        echo "- keypress: bench/keypress.mjs, page time from the Enter keydown to #search-status showing the answer, search files cached"
        echo
        table
        echo
        echo "## Details"
        for col in "${COLUMNS[@]}"; do
            [[ -f "$WORK/details-$col.md" ]] || continue
            echo
            echo "### $col"
            echo
            cat "$WORK/details-$col.md"
        done
    } >"$RESULTS"
}

# --- the example site: keypress only ------------------------------------------------

if [[ "$BROWSER" == 1 ]]; then
    col="example site"
    COLUMNS+=("$col")
    : >"$WORK/details-$col.md"
    out="$SHM/example"
    log "$col: building the repository's content into $out"
    rm -rf "$out" "$out-page"
    "$BIN" build --root "$ROOT" --output "$out" --base-url "$BASE_URL" >"$WORK/stdout" 2>"$WORK/stderr" \
        || { tail -n 20 "$WORK/stderr" >&2; die "$col: signpost build failed"; }
    V[sites,$col]="$(sed -n 's/^Built \([0-9]*\) guidelines (\([0-9]*\) draft.*, \([0-9]*\) services.*/\1 (\2) \/ \3/p' "$WORK/stdout")"
    search_page "$out" "$col"
    keypress "$col" "$PAGE_OUT"
    [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$out" "$out-page"
    write_report
fi

# --- each N ------------------------------------------------------------------------

prev_rss="" prev_content=""
for n in "${SIZES[@]}"; do
    col="N=$n"
    COLUMNS+=("$col")
    : >"$WORK/details-$col.md"
    site="$(ensure_site "$n")"
    guidelines="$(find "$site/content/guidelines" -type f -name '*.md' | wc -l)"
    drafts="$(grep -rl --include='*.md' '^status: draft$' "$site/content/guidelines" | wc -l || true)"
    services="$(cat "$site"/content/services/*.yaml | grep -c '^  - id: ' || true)"
    content="$(du -sb "$site/content" | cut -f1)"
    V[sites,$col]="$guidelines ($drafts) / $services"
    V[content_mb,$col]="$(fmt "$(awk -v b="$content" 'BEGIN { print b / 1e6 }')" '%.1f')"
    d="$SHM/$n"
    rm -rf "$d"
    mkdir -p "$d"

    log "$col: signpost build --no-search ($WARMUP + $RUNS runs)"
    measure "$d/signpost-no-search" "$BIN" build --root "$site" --output "$d/signpost-no-search" --base-url "$BASE_URL" --no-search
    nosearch="$M_WALL" rss_nosearch="$M_RSS" cpu_nosearch="$M_CPU"
    rm -rf "$d/signpost-no-search"

    log "$col: signpost build with search ($WARMUP + $RUNS runs)"
    measure "$d/signpost" "$BIN" build --root "$site" --output "$d/signpost" --base-url "$BASE_URL"
    search="$M_WALL" rss_search="$M_RSS" index_ms="$M_INDEX" cpu_search="$M_CPU"
    [[ -f "$d/signpost/search/engine/entry.json" ]] || die "$col: $BIN wrote no search/engine/entry.json (a binary without the own index?)"
    [[ -n "$index_ms" ]] || die "$col: no 'timing: search index' line on signpost's stderr with SIGNPOST_TIMINGS=1"
    sp_files="$(find "$d/signpost/search/engine" -type f | wc -l)"
    sp_bytes="$(du -sb "$d/signpost/search/engine" | cut -f1)"

    log "$col: Hugo ($WARMUP + $RUNS runs)"
    make_hugo_site "$site" "$d/hugo-src"
    measure "$d/hugo" "$HUGO_BIN" --quiet --source "$d/hugo-src" --destination "$d/hugo"
    hugo="$M_WALL" rss_hugo="$M_RSS"

    log "$col: Pagefind CLI on Hugo's output ($WARMUP + $RUNS runs)"
    measure "$d/hugo/pagefind" "$PAGEFIND_BIN" --site "$d/hugo"
    pf="$M_WALL" rss_pf="$M_RSS"
    pf_files="$(find "$d/hugo/pagefind" -type f | wc -l)"
    pf_bytes="$(du -sb "$d/hugo/pagefind" | cut -f1)"
    rm -rf "$d/hugo" "$d/hugo-src"

    V[sp_nosearch,$col]="$(fmt "$nosearch" '%.2f')"
    V[sp_search,$col]="$(fmt "$search" '%.2f')"
    V[search_cost,$col]="$(fmt "$(awk -v a="$search" -v b="$nosearch" 'BEGIN { print a - b }')" '%+.2f')"
    V[cost_share,$col]="$(fmt "$(awk -v a="$search" -v b="$nosearch" 'BEGIN { print 100 * (a - b) / a }')" '%.0f%%')"
    V[cpu,$col]="$(fmt "$cpu_nosearch" '%.2f') / $(fmt "$cpu_search" '%.2f')"
    V[cpu_share,$col]="$(fmt "$(awk -v a="$cpu_search" -v b="$cpu_nosearch" 'BEGIN { print 100 * (a - b) / a }')" '%.0f%%')"
    V[index_ms,$col]="$(fmt "$index_ms" '%.0f')"
    V[index_share,$col]="$(fmt "$(awk -v i="$index_ms" -v s="$search" 'BEGIN { print 100 * i / 1000 / s }')" '%.0f%%')"
    V[hugo,$col]="$(fmt "$hugo" '%.2f')"
    V[pagefind,$col]="$(fmt "$pf" '%.2f')"
    V[hugo_pf,$col]="$(fmt "$(awk -v a="$hugo" -v b="$pf" 'BEGIN { print a + b }')" '%.2f')"
    V[ratio,$col]="$(fmt "$(awk -v s="$search" -v a="$hugo" -v b="$pf" 'BEGIN { print s / (a + b) }')" '%.2f')"
    V[rss_search,$col]="$(mib "$rss_search")"
    V[rss_nosearch,$col]="$(mib "$rss_nosearch")"
    V[rss_hugo,$col]="$(mib "$rss_hugo")"
    V[rss_pf,$col]="$(mib "$rss_pf")"
    if [[ -n "$prev_rss" ]]; then
        V[rss_growth,$col]="$(fmt "$(awk -v r="$rss_search" -v pr="$prev_rss" -v c="$content" -v pc="$prev_content" 'BEGIN { print (r / pr) / (c / pc) }')" '%.2f')"
    fi
    prev_rss="$rss_search" prev_content="$content"
    V[files_sp,$col]="$sp_files, $(fmt "$(awk -v b="$sp_bytes" 'BEGIN { print b / 1e6 }')" '%.1f')"
    V[files_pf,$col]="$pf_files, $(fmt "$(awk -v b="$pf_bytes" 'BEGIN { print b / 1e6 }')" '%.1f')"
    write_report

    if [[ "$BROWSER" == 1 ]]; then
        log "$col: first query in Chromium (ten commonest words, ${TYPICAL[*]})"
        j="$d/first_query.json"
        node bench/first_query.mjs "$d/signpost" --json "$j" "${TYPICAL[@]}" | tee -a "$WORK/details-$col.md" >&2 \
            || die "$col: bench/first_query.mjs failed"
        V[fq_max,$col]="$(json "$j" '(lambda r: "%.1f (%s)" % (r["bytes"] / 1000, r["word"]))(max((r for r in d["rows"] if r["kind"] == "commonest"), key=lambda r: r["bytes"]))')"
        V[fq_typ,$col]="$(json "$j" '", ".join("%.1f (%s)" % (r["bytes"] / 1000, r["word"]) for r in d["rows"] if r["kind"] == "typical")')"
        echo >>"$WORK/details-$col.md"
        search_page "$d/signpost" "$col"
        keypress "$col" "$PAGE_OUT"
    fi
    [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$d"
    write_report
done

echo
table
echo
log "took $(( (SECONDS - STARTED) / 60 )) min $(( (SECONDS - STARTED) % 60 )) s; written to $RESULTS"
