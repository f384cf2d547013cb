//! signpost's own static search index (issue 9), replacing Pagefind's in
//! steps. **Experimental**: the search page still runs on Pagefind. The
//! index is written only when the build runs with
//! `SIGNPOST_SEARCH_ENGINE=own`, under `search/engine/`, beside the Pagefind
//! files, so the query script (`static/js/search-engine.js`) and its Node
//! tests can use it before the site switches over. `own-only` writes it
//! instead of Pagefind's, for measuring it alone (`bench/`); the search
//! page does not work then.
//!
//! The format is in `docs/search-index.md`. Language work happens here, at
//! build time: words are segmented (`unicode-segmentation`) and stemmed
//! (`rust-stemmers`), the dictionary maps every surface form seen to its
//! stem's postings, and BM25F is folded into one impact byte per posting, so
//! the browser needs no stemmer and no document lengths.
//!
//! Documents are numbered in URL order and every map is written sorted, so
//! the same documents give byte-identical files. Analysing documents,
//! encoding postings and writing fragments run in parallel (rayon).

mod dictionary;
mod documents;
mod files;
mod postings;
mod ranking;
mod text;
mod words;

use crate::render::{FileData, OutputFile};
use crate::search::{SearchDoc, Synonyms};
use documents::{Analysed, Filters};
use files::Files;
use postings::Posting;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;
use words::Stems;

/// Where the index goes in the output folder.
pub const ROOT: &str = "search/engine/";
/// Fragments per group; meta names one hash per group, not per document.
const FRAGMENT_GROUP: usize = 128;
/// Typo correction only looks at words this long (as the search page does).
const VOCABULARY_MIN_CHARS: usize = 5;
const VOCABULARY_MAX_WORDS: usize = 30_000;

/// Which index a build writes, from `SIGNPOST_SEARCH_ENGINE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    /// Pagefind's only: the live site (unset, or any other value).
    PagefindOnly,
    /// `own`: both, this one under `search/engine/`.
    Both,
    /// `own-only`: this one alone, for benchmarks.
    OwnOnly,
}

pub fn requested() -> Requested {
    match std::env::var("SIGNPOST_SEARCH_ENGINE").as_deref() {
        Ok("own") => Requested::Both,
        Ok("own-only") => Requested::OwnOnly,
        _ => Requested::PagefindOnly,
    }
}

/// The index of `docs` as files under [`ROOT`].
pub fn write_index(docs: &[Arc<SearchDoc>], synonyms: &Synonyms) -> Vec<OutputFile> {
    let mut ordered: Vec<&SearchDoc> = docs.iter().map(|d| d.as_ref()).collect();
    ordered.sort_by(|a, b| a.url.cmp(&b.url));
    let files = Files::default();
    let analysed: Vec<Analysed> =
        ordered.par_iter().map_init(Stems::new, |stems, doc| documents::analyse(doc, stems)).collect();

    let postings = postings_by_stem(&ordered, &analysed);
    let entries = dictionary::term_entries(&postings, &files);
    let forms = forms_to_stems(&analysed);
    let shards = dictionary::write_shards(&forms, &entries, dictionary::SHARD_BYTES, &files);
    let fragments = write_fragments(&ordered, &analysed, &files);
    let filters = write_filters(&ordered, &files);
    let synonyms_file = files.hashed("synonyms.", "json", synonyms_json(synonyms).into_bytes());
    let vocabulary_file =
        files.hashed("vocabulary.", "json", vocabulary_json(&forms, &postings, synonyms).into_bytes());

    let averages = ranking::Averages::of(analysed.iter().map(|a| a.lengths));
    let meta = json!({
        "version": 1,
        "docs": ordered.len(),
        "fields": ranking::FIELDS,
        "weights": ranking::WEIGHTS,
        "b": ranking::B,
        "k1": ranking::K1,
        "avg_lengths": averages.0.map(|a| (a * 100.0).round() / 100.0),
        "demoted": ranking::DEMOTED,
        "impact_scale": ranking::IMPACT_SCALE,
        "shards": shards,
        "fragment_group": FRAGMENT_GROUP,
        "fragments": fragments,
        "filters": filters,
        "synonyms": synonyms_file,
        "vocabulary": vocabulary_file,
    });
    let meta_file = files.hashed("meta.", "json", meta.to_string().into_bytes());
    files.add("entry.json".into(), json!({ "version": 1, "meta": meta_file }).to_string().into_bytes());
    if std::env::var_os("SIGNPOST_TIMINGS").is_some() {
        eprintln!("{}", encoding_report(&postings));
    }
    files
        .take()
        .into_iter()
        .map(|(path, bytes)| OutputFile { path: format!("{ROOT}{path}"), data: FileData::Bytes(bytes.into()) })
        .collect()
}

/// Every stem's postings, in document order, with each document's impact.
fn postings_by_stem(docs: &[&SearchDoc], analysed: &[Analysed]) -> BTreeMap<String, Vec<Posting>> {
    let averages = ranking::Averages::of(analysed.iter().map(|a| a.lengths));
    let mut by_stem: HashMap<String, Vec<Posting>> = HashMap::default();
    for (n, (doc, a)) in docs.iter().zip(analysed).enumerate() {
        for (stem, tf) in &a.terms {
            let posting = Posting { doc: n as u32, impact: ranking::impact(*tf, a.lengths, averages, doc.demoted) };
            match by_stem.get_mut(stem) {
                Some(list) => list.push(posting),
                None => {
                    by_stem.insert(stem.clone(), vec![posting]);
                }
            }
        }
    }
    by_stem.into_iter().collect()
}

fn forms_to_stems(analysed: &[Analysed]) -> BTreeMap<String, String> {
    let mut forms = BTreeMap::new();
    for a in analysed {
        for (form, stem) in &a.forms {
            if !forms.contains_key(form) {
                forms.insert(form.clone(), stem.clone());
            }
        }
    }
    forms
}

/// Writes the fragments in groups; returns each group's hash.
fn write_fragments(docs: &[&SearchDoc], analysed: &[Analysed], files: &Files) -> Vec<String> {
    let fragments: Vec<Vec<u8>> =
        docs.par_iter().zip(analysed).map(|(doc, a)| documents::fragment(doc, &a.sections)).collect();
    let mut groups = Vec::new();
    for (g, group) in fragments.chunks(FRAGMENT_GROUP).enumerate() {
        // Lengths go into the hash too, so moving bytes between two
        // fragments cannot keep the group's name.
        let mut all = Vec::new();
        for f in group {
            all.extend_from_slice(&(f.len() as u64).to_le_bytes());
            all.extend_from_slice(f);
        }
        let hash = files::content_hash(&all);
        for (i, f) in group.iter().enumerate() {
            files.add(format!("fragments/{hash}/{}.json", g * FRAGMENT_GROUP + i), f.clone());
        }
        groups.push(hash);
    }
    groups
}

/// Writes one file per filter name; returns name → file.
fn write_filters(docs: &[&SearchDoc], files: &Files) -> BTreeMap<String, String> {
    use base64::Engine as _;
    let mut filters = Filters::new();
    for (n, doc) in docs.iter().enumerate() {
        documents::add_filters(&mut filters, n as u32, doc);
    }
    filters
        .into_iter()
        .map(|(name, values)| {
            let encoded: BTreeMap<String, String> = values
                .into_iter()
                .map(|(value, docs)| {
                    (value, base64::engine::general_purpose::STANDARD.encode(postings::encode_docs(&docs)))
                })
                .collect();
            let file = files.hashed("filters/", "json", serde_json::to_vec(&encoded).expect("strings"));
            (name, file)
        })
        .collect()
}

/// `{"groups": [[["copd"], ["chronic", "obstructive", …]], …]}`: each term
/// tokenised by the shared rule, so the script compares words, not text.
fn synonyms_json(synonyms: &Synonyms) -> String {
    let groups: Vec<Vec<Vec<String>>> = synonyms
        .groups()
        .map(|group| {
            let mut terms: Vec<Vec<String>> = Vec::new();
            for term in group {
                let words = words::surface_forms(term);
                if !words.is_empty() && !terms.contains(&words) {
                    terms.push(words);
                }
            }
            terms
        })
        .filter(|terms| terms.len() > 1)
        .collect();
    json!({ "groups": groups }).to_string()
}

/// Forms long enough to correct towards, commonest stem first, then the
/// synonym set's words (a typo of "salbutamol" should find the synonym
/// even on a site that never writes it).
fn vocabulary_json(
    forms: &BTreeMap<String, String>,
    postings: &BTreeMap<String, Vec<Posting>>,
    synonyms: &Synonyms,
) -> String {
    let mut words: Vec<(&str, usize)> = forms
        .iter()
        .filter(|(form, _)| form.chars().count() >= VOCABULARY_MIN_CHARS)
        .map(|(form, stem)| (form.as_str(), postings.get(stem).map_or(0, Vec::len)))
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut list: Vec<String> = words.into_iter().take(VOCABULARY_MAX_WORDS).map(|(w, _)| w.to_string()).collect();
    let known: std::collections::HashSet<String> = list.iter().cloned().collect();
    let mut extra: Vec<String> = synonyms
        .groups()
        .flatten()
        .flat_map(words::surface_forms)
        .filter(|w| w.chars().count() >= VOCABULARY_MIN_CHARS && !known.contains(w))
        .collect();
    extra.sort();
    extra.dedup();
    list.extend(extra);
    json!({ "words": list }).to_string()
}

/// What the postings weigh as base64 varints (the format) against a JSON
/// number array of `[gap, impact, …]`, for the measurements.
fn encoding_report(postings: &BTreeMap<String, Vec<Posting>>) -> String {
    let (mut varint, mut json) = (0usize, 0usize);
    for list in postings.values() {
        varint += postings::encode(list).len().div_ceil(3) * 4;
        let mut previous = None;
        let mut numbers = Vec::with_capacity(list.len() * 2);
        for p in list {
            numbers.push(previous.map_or(p.doc, |prev| p.doc - prev));
            numbers.push(u32::from(p.impact));
            previous = Some(p.doc);
        }
        json += serde_json::to_string(&numbers).expect("numbers").len();
    }
    format!("timing: own index postings: {varint} bytes as base64 varints, {json} bytes as JSON arrays")
}

#[cfg(test)]
mod tests;
