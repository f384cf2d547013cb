//! signpost's static search index, written under `search/engine/` and read
//! by the query script `static/js/search-engine.js` (which the search page,
//! `static/js/search.js`, draws from, and the Node relevance suite tests).
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

/// Where the index goes in the output folder.
pub const ROOT: &str = "search/engine/";
/// Fragments per group; meta names one hash per group, not per document.
const FRAGMENT_GROUP: usize = 128;
/// Typo correction only looks at words this long (as the search page does).
const VOCABULARY_MIN_CHARS: usize = 5;
const VOCABULARY_MAX_WORDS: usize = 30_000;

/// The index of `docs` as files under [`ROOT`].
pub fn write_index(docs: &[Arc<SearchDoc>], synonyms: &Synonyms) -> Vec<OutputFile> {
    let mut ordered: Vec<&SearchDoc> = docs.iter().map(|d| d.as_ref()).collect();
    ordered.sort_by(|a, b| a.url.cmp(&b.url));
    let files = Files::default();
    let merged = analyse_all(&ordered);
    let forms: BTreeMap<String, String> = merged.forms.into_iter().collect();
    let averages = ranking::Averages::of(merged.lengths.iter().copied());
    let postings = with_impacts(merged.postings, &merged.lengths, &ordered, averages);
    let entries = dictionary::term_entries(&postings, &files);
    let shards = dictionary::write_shards(&forms, &entries, dictionary::SHARD_BYTES, &files);
    let fragments = write_fragments(merged.fragments, &files);
    let filters = write_filters(&ordered, &files);
    let synonyms_file = files.hashed("synonyms.", "json", synonyms_json(synonyms).into_bytes());
    let vocabulary = write_vocabulary(&forms, &postings, synonyms, &files);

    let meta = json!({
        "version": 1,
        "docs": ordered.len(),
        "fields": ranking::FIELDS,
        "weights": ranking::WEIGHTS,
        "b": ranking::B,
        "k1": ranking::K1,
        "title_share": ranking::TITLE_SHARE,
        "avg_lengths": averages.0.map(|a| (a * 100.0).round() / 100.0),
        "demoted": ranking::DEMOTED,
        "demoted_docs": demoted_docs(&ordered),
        "impact_scale": ranking::IMPACT_SCALE,
        "shards": shards,
        "fragment_group": FRAGMENT_GROUP,
        "fragments": fragments,
        "filters": filters,
        "synonyms": synonyms_file,
        "vocabulary": vocabulary,
    });
    let meta_file = files.hashed("meta.", "json", meta.to_string().into_bytes());
    files.add("entry.json".into(), json!({ "version": 1, "meta": meta_file }).to_string().into_bytes());
    files
        .take()
        .into_iter()
        .map(|(path, bytes)| OutputFile { path: format!("{ROOT}{path}"), data: FileData::Bytes(bytes.into()) })
        .collect()
}

/// Documents are analysed this many at a time (in parallel), then merged:
/// a document's words as strings cost far more than its postings, so only
/// one chunk's worth is held at once.
const ANALYSE_CHUNK: usize = 1024;

/// A term in one document, before the averages its impact needs are known.
struct RawPosting {
    doc: u32,
    tf: [u32; 4],
}

#[derive(Default)]
struct Merged {
    lengths: Vec<[u32; 4]>,
    postings: HashMap<String, Vec<RawPosting>>,
    /// Hashed while merging (a sorted map compared strings millions of
    /// times on the bench site); sorted once at the end.
    forms: HashMap<String, String>,
    fragments: Vec<Vec<u8>>,
}

fn analyse_all(docs: &[&SearchDoc]) -> Merged {
    let mut merged = Merged::default();
    for chunk in docs.chunks(ANALYSE_CHUNK) {
        let analysed: Vec<(Analysed, Vec<u8>)> = chunk
            .par_iter()
            .map(|doc| {
                let a = words::with_stems(|stems| documents::analyse(doc, stems));
                let fragment = documents::fragment(doc, &a.sections);
                (a, fragment)
            })
            .collect();
        for (a, fragment) in analysed {
            merged.add(a, fragment);
        }
    }
    merged
}

impl Merged {
    fn add(&mut self, a: Analysed, fragment: Vec<u8>) {
        let doc = self.lengths.len() as u32;
        self.lengths.push(a.lengths);
        self.fragments.push(fragment);
        for (stem, tf) in a.terms {
            self.postings.entry(stem).or_default().push(RawPosting { doc, tf });
        }
        for (form, stem) in a.forms {
            self.forms.entry(form).or_insert(stem);
        }
    }
}

/// Every stem's postings with each document's impact, sorted by stem.
fn with_impacts(
    raw: HashMap<String, Vec<RawPosting>>,
    lengths: &[[u32; 4]],
    docs: &[&SearchDoc],
    averages: ranking::Averages,
) -> BTreeMap<String, Vec<Posting>> {
    raw.into_par_iter()
        .map(|(stem, list)| {
            let postings = list
                .iter()
                .map(|p| {
                    let n = p.doc as usize;
                    Posting { doc: p.doc, impact: ranking::impact(p.tf, lengths[n], averages, docs[n].demoted) }
                })
                .collect();
            (stem, postings)
        })
        .collect()
}

/// Writes the fragments in groups; returns each group's hash.
fn write_fragments(fragments: Vec<Vec<u8>>, files: &Files) -> Vec<String> {
    let mut groups = Vec::new();
    let mut fragments = fragments.into_iter().peekable();
    let mut g = 0;
    while fragments.peek().is_some() {
        let group: Vec<Vec<u8>> = fragments.by_ref().take(FRAGMENT_GROUP).collect();
        // Lengths go into the hash too, so moving bytes between two
        // fragments cannot keep the group's name.
        let mut all = Vec::new();
        for f in &group {
            all.extend_from_slice(&(f.len() as u64).to_le_bytes());
            all.extend_from_slice(f);
        }
        let hash = files::content_hash(&all);
        for (i, f) in group.into_iter().enumerate() {
            files.add(format!("fragments/{hash}/{}.json", g * FRAGMENT_GROUP + i), f);
        }
        groups.push(hash);
        g += 1;
    }
    groups
}

/// Writes one file per filter name; returns name → file.
/// Superseded and withdrawn guidance as encoded doc numbers (few on any
/// site): the search page lists them apart, below current guidance, however
/// they rank, so it must know them before it fetches any fragment.
fn demoted_docs(docs: &[&SearchDoc]) -> String {
    use base64::Engine as _;
    let demoted: Vec<u32> = (0..docs.len() as u32).filter(|&n| docs[n as usize].demoted).collect();
    base64::engine::general_purpose::STANDARD.encode(postings::encode_docs(&demoted))
}

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
/// synonym set's words (a typo of "salbutamol" should find the synonym even
/// on a site that never writes it); one file per first letter, returned as
/// letter → file. Most typos keep the first letter, so a correction reads
/// one bucket (a twentieth of the words), and a second only when the first
/// has nothing close (`docs/search-index.md`).
fn write_vocabulary(
    forms: &BTreeMap<String, String>,
    postings: &BTreeMap<String, Vec<Posting>>,
    synonyms: &Synonyms,
    files: &Files,
) -> BTreeMap<String, String> {
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
    let mut buckets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for word in list {
        let first = word.chars().next().map(String::from).unwrap_or_default();
        buckets.entry(first).or_default().push(word);
    }
    buckets
        .into_iter()
        .map(|(first, words)| {
            let file = files.hashed("vocabulary/", "json", json!({ "words": words }).to_string().into_bytes());
            (first, file)
        })
        .collect()
}

#[cfg(test)]
mod tests;
