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
//! the same documents give byte-identical files. Analysing documents and
//! encoding postings run in parallel (rayon). [`IncrementalIndex`] keeps
//! both between writes, so the preview re-indexes a save in a fraction of
//! a second; [`write_index`] is its first write.

mod dictionary;
mod documents;
mod files;
mod incremental;
mod known;
mod lexicon;
mod postings;
mod ranking;
mod text;
mod words;

pub use files::content_hash;
pub use incremental::IncrementalIndex;
pub use text::plain_text;

use crate::files::OutputFile;
use crate::search::{SearchDoc, Synonyms};
use documents::Filters;
use files::Files;
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

/// The index of `docs` as files under [`ROOT`], written once: a build's
/// path. The preview keeps an [`IncrementalIndex`] instead.
pub fn write_index(docs: &[Arc<SearchDoc>], synonyms: &Synonyms) -> Vec<OutputFile> {
    IncrementalIndex::default().write(docs, synonyms)
}

/// What meta names besides the ranking constants.
struct Tables {
    docs: usize,
    averages: ranking::Averages,
    shards: Vec<(String, String)>,
    fragments: Vec<String>,
    filters: BTreeMap<String, String>,
    /// Filter name → its labelled values in order, `[value, label, depth]`.
    filter_labels: BTreeMap<&'static str, Vec<(String, String, usize)>>,
    synonyms: String,
    vocabulary: BTreeMap<String, String>,
    /// First letter → the Bloom filter of English words starting with it.
    known_words: BTreeMap<String, String>,
    demoted_docs: String,
}

/// Writes meta, and `entry.json` pointing at it.
fn write_meta(tables: Tables, files: &Files) {
    let meta = json!({
        "version": 1,
        "docs": tables.docs,
        "fields": ranking::FIELDS,
        "weights": ranking::WEIGHTS,
        "b": ranking::B,
        "k1": ranking::K1,
        "title_share": ranking::TITLE_SHARE,
        "avg_lengths": tables.averages.0.map(|a| (a * 100.0).round() / 100.0),
        "demoted": ranking::DEMOTED,
        "demoted_docs": tables.demoted_docs,
        "impact_scale": ranking::IMPACT_SCALE,
        "shards": tables.shards,
        "fragment_group": FRAGMENT_GROUP,
        "fragments": tables.fragments,
        "filters": tables.filters,
        "filter_labels": tables.filter_labels,
        "synonyms": tables.synonyms,
        "vocabulary": tables.vocabulary,
        "known_words": { "hashes": known::HASHES, "files": tables.known_words },
    });
    let meta_file = files.hashed("meta.", "json", meta.to_string().into_bytes());
    files.add("entry.json".into(), json!({ "version": 1, "meta": meta_file }).to_string().into_bytes());
}

/// Writes the fragments (in document order) in groups; returns each
/// group's hash.
fn write_fragments<'a>(fragments: impl IntoIterator<Item = &'a Arc<[u8]>>, files: &Files) -> Vec<String> {
    let fragments: Vec<&Arc<[u8]>> = fragments.into_iter().collect();
    let mut groups = Vec::new();
    for (g, group) in fragments.chunks(FRAGMENT_GROUP).enumerate() {
        // Lengths go into the hash too, so moving bytes between two
        // fragments cannot keep the group's name.
        let lengths: Vec<[u8; 8]> = group.iter().map(|f| (f.len() as u64).to_le_bytes()).collect();
        let hash =
            files::content_hash_of_parts(lengths.iter().zip(group).flat_map(|(length, f)| [length.as_slice(), &f[..]]));
        for (i, f) in group.iter().enumerate() {
            files.add(format!("fragments/{hash}/{}.json", g * FRAGMENT_GROUP + i), Arc::clone(f));
        }
        groups.push(hash);
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

/// Each labelled filter's values as the search page lists them: in their
/// order, `[value, label, depth]`, each once.
fn filter_labels(docs: &[&SearchDoc]) -> BTreeMap<&'static str, Vec<(String, String, usize)>> {
    let mut seen: BTreeMap<&'static str, BTreeMap<&str, &crate::search::FilterLabel>> = BTreeMap::new();
    for label in docs.iter().flat_map(|d| &d.filter_labels) {
        seen.entry(label.name).or_default().entry(label.value.as_str()).or_insert(label);
    }
    seen.into_iter()
        .map(|(name, values)| {
            let mut labels: Vec<&crate::search::FilterLabel> = values.into_values().collect();
            labels.sort_by(|a, b| a.order.cmp(&b.order).then(a.label.cmp(&b.label)));
            (name, labels.into_iter().map(|l| (l.value.clone(), l.label.clone(), l.depth)).collect())
        })
        .collect()
}

fn write_filters(docs: &[&SearchDoc], files: &Files) -> BTreeMap<String, String> {
    let mut filters = Filters::new();
    for (n, doc) in docs.iter().enumerate() {
        documents::add_filters(&mut filters, n as u32, doc);
    }
    filters.into_iter().map(|(name, values)| (name, files.hashed("filters/", "bin", filter_file(&values)))).collect()
}

/// One filter's file: how many values, then each value's name and its
/// documents (`postings::encode_doc_set`), each preceded by its length.
/// Binary, as base64 in JSON cost a third more for the largest file a
/// services list loads.
fn filter_file(values: &BTreeMap<String, Vec<u32>>) -> Vec<u8> {
    let mut bytes = Vec::new();
    postings::push_varint(&mut bytes, values.len() as u32);
    for (value, docs) in values {
        let set = postings::encode_doc_set(docs);
        postings::push_varint(&mut bytes, value.len() as u32);
        bytes.extend_from_slice(value.as_bytes());
        postings::push_varint(&mut bytes, set.len() as u32);
        bytes.extend(set);
    }
    bytes
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
/// `forms` are every form with its stem's document frequency.
fn write_vocabulary(forms: Vec<(&str, usize)>, synonyms: &Synonyms, files: &Files) -> BTreeMap<String, String> {
    let mut words: Vec<(&str, usize)> =
        forms.into_iter().filter(|(form, _)| form.chars().count() >= VOCABULARY_MIN_CHARS).collect();
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
