#!/usr/bin/env bash
# The yardstick for search at scale: Hugo (Debian's package) building the same
# guidelines with a minimal theme, then Pagefind's own CLI (npm) indexing
# Hugo's output. Services are not pages in this Hugo site, so Hugo's side is a
# lower bound. Usage: bench/hugo_compare.sh N   (site from bench/gen_site.py)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-1000}"
site="$ROOT/target/bench-sites/$n"
hugo_site="$ROOT/target/bench-hugo/$n"
[[ -f "$site/site.yaml" ]] || python3 "$ROOT/bench/gen_site.py" "$n" "$site" >/dev/null
command -v hugo >/dev/null || apt-get install -y -qq hugo >/dev/null
pagefind_dir="$ROOT/target/bench-pagefind-cli"
if [[ ! -x "$pagefind_dir/node_modules/.bin/pagefind" ]]; then
    mkdir -p "$pagefind_dir"
    (cd "$pagefind_dir" && npm init -y >/dev/null && npm install --silent pagefind@1.4.0)
fi
rm -rf "$hugo_site"
mkdir -p "$hugo_site/layouts/_default" "$hugo_site/content"
cp -r "$site/content/guidelines" "$hugo_site/content/"
cat > "$hugo_site/hugo.toml" <<TOML
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
hugo_time=$( { /usr/bin/time -f "%e %M" hugo --quiet --source "$hugo_site" --destination "$hugo_site/public" >/dev/null; } 2>&1 | tail -1)
pf_time=$( { /usr/bin/time -f "%e %M" "$pagefind_dir/node_modules/.bin/pagefind" --site "$hugo_site/public" >/dev/null; } 2>&1 | tail -1)
echo "N=$n hugo: ${hugo_time% *} s (peak ${hugo_time#* } KB); pagefind CLI: ${pf_time% *} s (peak ${pf_time#* } KB)"
