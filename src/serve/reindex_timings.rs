//! A benchmark, not a test (ignored unless asked for): the preview's
//! re-index after one edit against a full index, on a generated site. It
//! lives with `serve`, the code that re-indexes on every save, as it needs a
//! whole build to get the search records.

use crate::config::{BuildOptions, SearchMode};
use crate::files::{FileData, OutputFile};
use crate::search::engine::{IncrementalIndex, write_index};
use crate::search::{DocKind, SearchDoc, Synonyms};
use std::collections::BTreeMap;
use std::sync::Arc;

fn as_map(files: Vec<OutputFile>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .map(|f| match f.data {
            FileData::Bytes(bytes) => (f.path, bytes.to_vec()),
            other => panic!("{}: the index is all bytes, found {other:?}", f.path),
        })
        .collect()
}

/// Full index against re-index after one guideline's body changed, on a
/// generated site (figures in `docs/search-index.md`):
///
/// ```sh
/// python3 bench/gen_site.py 10000 /dev/shm/site10k
/// SIGNPOST_BENCH_SITE=/dev/shm/site10k cargo test --release --lib reindex_timings -- --ignored --nocapture
/// ```
#[test]
#[ignore = "a benchmark: set SIGNPOST_BENCH_SITE to a generated site"]
fn reindex_timings() {
    const RUNS: usize = 5;
    let root = std::env::var("SIGNPOST_BENCH_SITE").expect("SIGNPOST_BENCH_SITE: a site made by bench/gen_site.py");
    let options = BuildOptions {
        root: root.clone().into(),
        output: std::path::PathBuf::from(&root).join("public"),
        base_url: None,
        drafts: false,
        search: SearchMode::Deferred,
    };
    let built = crate::site::build_with_cache(&options, &mut Default::default(), &|_, _| {})
        .unwrap_or_else(|d| panic!("{root} did not build: {:?}", d.sorted().first().map(ToString::to_string)));
    let (_, mut docs) = built.search_docs.expect("deferred search hands back the docs");
    let synonyms = Synonyms::new(&built.config.synonyms);
    let millis = |f: &mut dyn FnMut()| {
        let started = std::time::Instant::now();
        f();
        started.elapsed().as_secs_f64() * 1000.0
    };
    let median = |mut times: Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };

    let full: Vec<f64> = (0..RUNS).map(|_| millis(&mut || drop(write_index(&docs, &synonyms)))).collect();
    let mut kept = IncrementalIndex::default();
    kept.write(&docs, &synonyms);
    let edited = docs.iter().position(|d| d.kind == DocKind::Guideline).expect("a guideline");
    let one_edit: Vec<f64> = (0..RUNS)
        .map(|i| {
            let body_html = format!("{}<p>Benchmark edit {i}.</p>", docs[edited].body_html);
            docs[edited] = Arc::new(SearchDoc { body_html: body_html.into(), ..SearchDoc::clone(&docs[edited]) });
            millis(&mut || drop(kept.write(&docs, &synonyms)))
        })
        .collect();
    println!(
        "{} documents: full index median {:.0}ms {full:.0?}; re-index after one edit median {:.0}ms {one_edit:.0?}",
        docs.len(),
        median(full.clone()),
        median(one_edit.clone()),
    );
    assert!(as_map(kept.write(&docs, &synonyms)) == as_map(write_index(&docs, &synonyms)), "byte-identical at scale");
}
