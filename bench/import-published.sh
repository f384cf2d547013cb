#!/usr/bin/env bash
# Imports a published feed (as its publisher ships it: a .zip data package,
# a folder, a JSON page) into a fresh `signpost init` site, and reports the
# import's time and peak memory, its summary, and whether `check` and
# `build` then pass. A benchmark, not a test: the feed is not in the repo.
#
#   bench/import-published.sh FEED [NAME]
#
# e.g. the Open211 Miami HSDS 1.1 package (openreferral/open211-miami-data-api,
# lib/datapackage/datapackage-1566177582.zip). Writes the site to
# target/bench-import/NAME/ and the --report CSV beside it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
feed=${1:?usage: bench/import-published.sh FEED [NAME]}
name=${2:-$(basename "$feed" | sed 's/\..*//')}
feed=$(cd "$(dirname "$feed")" && pwd)/$(basename "$feed")
bin=$here/target/release/signpost
[ "${BENCH_SKIP_BUILD:-}" = 1 ] || (cd "$here" && cargo build --release --quiet)
site=$here/target/bench-import/$name
rm -rf "$site"
"$bin" init "$site" >/dev/null
cd "$site"
/usr/bin/time -v "$bin" import "$feed" --into "content/services/$name.yaml" \
  --report "../$name-report.csv" >"../$name-import.out" 2>"../$name-import.err" || true
grep -v '^	' "../$name-import.err" | grep -v '^Command' || true
cat "../$name-import.out" | grep -v '^  created' | grep -v '^  skipped' || true
echo "import: $(grep 'Elapsed (wall' "../$name-import.err" | sed 's/.*: //') wall," \
  "$(grep 'Maximum resident' "../$name-import.err" | sed 's/.*: //') KB peak RSS"
echo "check:"; "$bin" check 2>&1 | tail -1
echo "build:"; /usr/bin/time -f "%e s, %M KB" "$bin" build 2>&1 | tail -2
