#!/usr/bin/env bash
# The scale figures of issue 18 (point 5), side by side in one run:
#
#   bench/scale.sh                       # 10,000 + 5,000 and 50,000 + 100,000
#   BENCH_SIZES="10000:5000" bench/scale.sh   # any N:SERVICES pairs
#
# For each size (a site from gen_site.py N --services S, reused while
# gen_site.py is unchanged), on tmpfs (BENCH_SHM, default /dev/shm):
#   - `signpost build` with and without search, each into an emptied folder:
#     median wall time of BENCH_RUNS (3; BENCH_NATIONAL_RUNS for sizes over
#     50,000 services, default 1) and the highest peak RSS (GNU time %M);
#     output files and the time per output file;
#   - the stage breakdown of the build with search (SIGNPOST_TIMINGS=1:
#     render, search index, feed, write; the search index runs on its own
#     thread beside rendering), medians;
#   - `/services.json`'s size.
# BENCH_MODES="search" skips the builds without search.
# Then, at the first size:
#   - Zola (ZOLA_BIN, default /work/zola/src/target/release/zola, if it is
#     there) on the same published guidelines with minimal templates, against
#     signpost on those guidelines alone (`build --no-search`): time per page;
#   - edit → reload of `signpost serve` for a guideline body edit (reload.py);
# and, with BENCH_BROWSER=1 (default), bench/page_weight.mjs on the last
# size's build with search.
#
# Prints one markdown table and writes it, with the versions, to
# target/bench-scale.md. BENCH_SKIP_BUILD=1 uses the existing release binary.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/lib.sh"

SIZES="${BENCH_SIZES:-10000:5000 50000:100000}"
RUNS="${BENCH_RUNS:-3}"
NATIONAL_RUNS="${BENCH_NATIONAL_RUNS:-1}"
SHM="${BENCH_SHM:-/dev/shm}/signpost-scale"
ZOLA_BIN="${ZOLA_BIN:-/work/zola/src/target/release/zola}"
REPORT="$BENCH_TARGET/bench-scale.md"
BIN="$BENCH_TARGET/release/signpost"
export SIGNPOST_TODAY="${SIGNPOST_TODAY:-2026-11-25}"

ensure_gnu_time
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$ROOT" && cargo build --release --locked >&2) || die "cargo build --release failed"
fi
[[ -x "$BIN" ]] || die "no release binary at $BIN"
mkdir -p "$SHM"

# site_for N S: target/bench-sites/N-sS, made by gen_site.py unless current.
site_for() {
    local n="$1" s="$2" site="$BENCH_SITES/$1-s$2"
    local stamp="$site.complete" gen="$ROOT/bench/gen_site.py"
    if [[ "${BENCH_REGEN:-0}" != 1 && -f "$stamp" && -d "$site" && ! "$gen" -nt "$stamp" ]]; then
        log "reusing $site"
    else
        log "generating $n guidelines + $s services in $site"
        rm -rf "$site" "$stamp"
        python3 "$gen" "$n" "$site" --services "$s" >&2 || die "gen_site.py $n --services $s failed"
        touch "$stamp"
    fi
    printf '%s\n' "$site"
}

# timed_build SITE OUT [args]: one build into an emptied OUT; prints
# "seconds peak_kb" and leaves the stage timings in $SHM/timings.
timed_build() {
    local site="$1" out="$2"; shift 2
    rm -rf "$out"
    SIGNPOST_TIMINGS=1 /usr/bin/time -f '%e %M' -o "$SHM/time" \
        "$BIN" build --root "$site" --output "$out" "$@" >/dev/null 2>"$SHM/timings" \
        || { tail -5 "$SHM/timings" >&2; die "signpost build $site failed"; }
    cat "$SHM/time"
}

# stage NAME: the milliseconds of a `timing: NAME: …ms` line in $SHM/timings.
stage() { sed -n "s/^timing: $1: \([0-9.]*\)ms.*/\1/p" "$SHM/timings" | head -1; }

declare -A FIG
COLS=()
for size in $SIZES; do
    n="${size%%:*}"; s="${size##*:}"
    site="$(site_for "$n" "$s")"
    col="$n + $s"
    COLS+=("$col")
    runs="$RUNS"
    (( s > 50000 )) && runs="$NATIONAL_RUNS"
    FIG["$col,runs"]="$runs"
    for mode in ${BENCH_MODES:-search nosearch}; do
        args=()
        [[ "$mode" == nosearch ]] && args=(--no-search)
        : > "$SHM/walls"; : > "$SHM/peaks"
        for stage_name in render "search index" feed write; do : > "$SHM/stage-$stage_name"; done
        for ((i = 1; i <= runs; i++)); do
            log "$col: build ${args[*]:-with search}, run $i of $runs"
            read -r wall peak < <(timed_build "$site" "$SHM/out" "${args[@]}")
            echo "$wall" >> "$SHM/walls"; echo "$peak" >> "$SHM/peaks"
            if [[ "$mode" == search ]]; then
                for stage_name in render "search index" feed write; do
                    stage "$stage_name" >> "$SHM/stage-$stage_name"
                done
            fi
        done
        FIG["$col,$mode,wall"]="$(median < "$SHM/walls")"
        FIG["$col,$mode,peak"]="$(sort -g "$SHM/peaks" | tail -1)"
        FIG["$col,$mode,files"]="$(find "$SHM/out" -type f | wc -l)"
        if [[ "$mode" == search ]]; then
            for stage_name in render "search index" feed write; do
                FIG["$col,stage,$stage_name"]="$(median < "$SHM/stage-$stage_name")"
            done
            FIG["$col,services.json"]="$(stat -c %s "$SHM/out/services.json")"
            FIG["$col,html"]="$(find "$SHM/out" -name '*.html' | wc -l)"
            rm -rf "$SHM/keep"; mv "$SHM/out" "$SHM/keep"
        fi
    done
done
FIRST="${COLS[0]}"
first_n="${FIRST%% +*}"; first_s="${FIRST##*+ }"
first_site="$BENCH_SITES/$first_n-s$first_s"

# Zola against signpost on the same published guidelines, nothing else:
# signpost with templates as small as Zola's (engine against engine), and
# with its whole default theme.
ZOLA_ROW="not built (no $ZOLA_BIN)"
THEME_ROW="not built (no $ZOLA_BIN)"
ZOLA_VERSION="none"
if [[ -x "$ZOLA_BIN" ]]; then
    ZOLA_VERSION="$("$ZOLA_BIN" --version | awk '{ print $2 }')"
    guides="$SHM/guidelines-only"; minimal="$SHM/guidelines-minimal"; zola_site="$SHM/zola-site"
    python3 "$ROOT/bench/guidelines_only.py" "$first_site" "$guides" "$zola_site" >&2
    python3 "$ROOT/bench/guidelines_only.py" --minimal "$first_site" "$minimal" "$zola_site" >&2
    : > "$SHM/walls"; : > "$SHM/mwalls"; : > "$SHM/zwalls"
    for ((i = 1; i <= RUNS; i++)); do
        log "guidelines only: signpost (minimal templates, default theme) and Zola, run $i of $RUNS"
        read -r wall _ < <(timed_build "$minimal" "$SHM/m-out" --no-search); echo "$wall" >> "$SHM/mwalls"
        read -r wall _ < <(timed_build "$guides" "$SHM/g-out" --no-search); echo "$wall" >> "$SHM/walls"
        rm -rf "$SHM/z-out"
        /usr/bin/time -f '%e %M' -o "$SHM/time" "$ZOLA_BIN" --root "$zola_site" build --output-dir "$SHM/z-out" >/dev/null 2>&1 \
            || die "zola build failed (run it by hand in $zola_site)"
        read -r zwall _ < "$SHM/time"; echo "$zwall" >> "$SHM/zwalls"
    done
    m_pages="$(find "$SHM/m-out" -name '*.html' | wc -l)"
    g_pages="$(find "$SHM/g-out" -name '*.html' | wc -l)"; z_pages="$(find "$SHM/z-out" -name '*.html' | wc -l)"
    m_wall="$(median < "$SHM/mwalls")"; g_wall="$(median < "$SHM/walls")"; z_wall="$(median < "$SHM/zwalls")"
    ratio_row() {
        awk -v g="$1" -v gp="$2" -v z="$z_wall" -v zp="$z_pages" 'BEGIN {
            printf "signpost %.2f s / %d pages = %.3f ms; Zola %.2f s / %d pages = %.3f ms; ratio %.2f (goal ≤ 0.5)",
                g, gp, 1000 * g / gp, z, zp, 1000 * z / zp, (g / gp) / (z / zp) }'
    }
    ZOLA_ROW="$(ratio_row "$m_wall" "$m_pages")"
    THEME_ROW="$(ratio_row "$g_wall" "$g_pages")"
fi

# Edit → reload in the preview at the first size.
log "edit → reload at $FIRST"
RELOAD="$(python3 "$ROOT/bench/reload.py" "$first_site" --binary "$BIN" 2>&1 | grep -i median | head -1 || true)"

# The table: figures down, sizes across.
row() { # LABEL then one cell per column
    local label="$1"; shift
    local line="| $label |"
    for cell in "$@"; do line+=" $cell |"; done
    echo "$line"
}
cells() { # FORMAT KEY: awk-formatted figure per column
    local out=()
    for col in "${COLS[@]}"; do
        if [[ -z "${FIG[$col,$2]:-}" ]]; then out+=("not run"); continue; fi
        out+=("$(awk -v v="${FIG[$col,$2]}" "BEGIN { printf \"$1\", v }")")
    done
    printf '%s\n' "${out[@]}"
}
per_file() { # MODE
    for col in "${COLS[@]}"; do
        if [[ -z "${FIG[$col,$1,files]:-}" ]]; then echo "not run"; continue; fi
        awk -v w="${FIG[$col,$1,wall]}" -v f="${FIG[$col,$1,files]}" 'BEGIN { printf "%.1f µs\n", 1e6 * w / f }'
    done
}
mapfile -t WALL_S < <(cells '%.2f s' search,wall)
mapfile -t WALL_N < <(cells '%.2f s' nosearch,wall)
mapfile -t PEAK_S < <(cells '%.0f' search,peak | awk '/not run/ { print; next } { printf "%.0f MB\n", $1 / 1024 }')
mapfile -t PEAK_N < <(cells '%.0f' nosearch,peak | awk '/not run/ { print; next } { printf "%.0f MB\n", $1 / 1024 }')
mapfile -t FILES < <(cells '%d' search,files)
mapfile -t PF_S < <(per_file search)
mapfile -t PF_N < <(per_file nosearch)
mapfile -t RUNS_ROW < <(cells '%d' runs)
mapfile -t JSON < <(cells '%.0f' services.json | awk '/not run/ { print; next } { printf "%.1f MB\n", $1 / 1048576 }')
STAGES=()
for col in "${COLS[@]}"; do
    STAGES+=("$(printf 'render %s, search index %s, feed %s, write %s (ms)' \
        "${FIG[$col,stage,render]}" "${FIG[$col,stage,search index]}" "${FIG[$col,stage,feed]}" "${FIG[$col,stage,write]}")")
done
LAST="${COLS[${#COLS[@]}-1]}"
GROWTH="$(awk -v a="${FIG[$FIRST,search,wall]}" -v af="${FIG[$FIRST,search,files]}" \
    -v b="${FIG[$LAST,search,wall]}" -v bf="${FIG[$LAST,search,files]}" 'BEGIN { printf "%.2f", (b / bf) / (a / af) }')"

{
    echo "# Scale figures ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "signpost $(git -C "$ROOT" rev-parse --short HEAD), $(rustc --version), Zola $ZOLA_VERSION, $(/usr/bin/chromium --version 2>/dev/null || echo 'no Chromium'),"
    echo "$(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB; outputs on tmpfs ($SHM); SIGNPOST_TODAY=$SIGNPOST_TODAY."
    echo
    row "figure" "${COLS[@]/#/guidelines + services: }"
    row "---" "${COLS[@]/*/---:}"
    row "runs (median of)" "${RUNS_ROW[@]}"
    row "build with search" "${WALL_S[@]}"
    row "build without search" "${WALL_N[@]}"
    row "peak RSS with search (≤ 4 GB)" "${PEAK_S[@]}"
    row "peak RSS without search" "${PEAK_N[@]}"
    row "output files" "${FILES[@]}"
    row "time per output file, with search" "${PF_S[@]}"
    row "time per output file, without search" "${PF_N[@]}"
    row "stages with search (medians)" "${STAGES[@]}"
    row "/services.json" "${JSON[@]}"
    echo
    echo "- Per output file, $LAST ÷ $FIRST (with search): **$GROWTH** (goal ≤ 1.2)."
    echo "- Render against Zola ($FIRST's published guidelines), both with minimal templates: $ZOLA_ROW."
    echo "- The same, signpost with its whole default theme against Zola's minimal templates: $THEME_ROW."
    echo "- Edit → reload in \`serve\` at $FIRST, guideline body edit: ${RELOAD:-not measured} (goal ≤ 100 ms)."
} | tee "$REPORT"

if [[ "${BENCH_BROWSER:-1}" == 1 ]]; then
    echo | tee -a "$REPORT"
    node "$ROOT/bench/page_weight.mjs" "$SHM/keep" --runs "$RUNS" --label "$LAST" | tee -a "$REPORT"
fi
log "wrote $REPORT"
