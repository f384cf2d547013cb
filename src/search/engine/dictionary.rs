//! The dictionary: every stem's postings, and the shards that map surface
//! forms to them (`docs/search-index.md`, "A shard" and "Common words").

use super::files::{File, Files, hashed_path};
use super::postings::{self, Posting};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Postings up to this many bytes sit in the shard (as base64); larger ones
/// get a file of their own, fetched only when the word is searched for.
pub const INLINE_BYTES: usize = 384;
/// A term in more documents than this is split into a head of its
/// highest-impact postings and a tail, so one common word cannot cost more
/// than a few KB on the first query.
pub const HEAD_POSTINGS: usize = 2_000;
/// Shards are cut at about this much JSON: small enough that a word's shard
/// is a cheap fetch, large enough that the shard table in meta stays short.
pub const SHARD_BYTES: usize = 16 * 1024;

/// One stem as a shard writes it: `[stem, document frequency, postings]`,
/// with the postings files it names when they are too large to sit inline.
#[derive(Debug, Clone)]
pub struct TermEntry {
    pub json: String,
    pub postings_files: Vec<File>,
}

impl TermEntry {
    pub fn add_files_to(&self, files: &Files) {
        for (path, bytes) in &self.postings_files {
            files.add(path.clone(), bytes.clone());
        }
    }
}

pub fn term_entry(stem: &str, list: &[Posting]) -> TermEntry {
    let mut postings_files = Vec::new();
    let mut file = |bytes: Vec<u8>| {
        let path = hashed_path("postings/", "bin", &bytes);
        postings_files.push((path.clone(), Arc::from(bytes)));
        path
    };
    let postings = if list.len() > HEAD_POSTINGS {
        let (head, tail) = split_head(list);
        let tail_max = tail.iter().map(|p| p.impact).max().unwrap_or(0);
        serde_json::json!({
            "head": file(postings::encode(&head)),
            "tail": file(postings::encode(&tail)),
            "tail_max": tail_max,
        })
    } else {
        let bytes = postings::encode(list);
        if bytes.len() <= INLINE_BYTES {
            serde_json::Value::String(BASE64.encode(&bytes))
        } else {
            serde_json::json!({ "head": file(bytes) })
        }
    };
    TermEntry { json: serde_json::json!([stem, list.len(), postings]).to_string(), postings_files }
}

/// The `HEAD_POSTINGS` highest impacts (ties to the lower document), and
/// the rest; each sorted by document again for gap coding.
pub fn split_head(list: &[Posting]) -> (Vec<Posting>, Vec<Posting>) {
    let mut by_impact: Vec<Posting> = list.to_vec();
    by_impact.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.doc.cmp(&b.doc)));
    let mut tail = by_impact.split_off(HEAD_POSTINGS.min(by_impact.len()));
    by_impact.sort_by_key(|p| p.doc);
    tail.sort_by_key(|p| p.doc);
    (by_impact, tail)
}

/// A surface form as a shard lists it: the form, its stem, the stem's entry.
pub type FormEntry<'a> = (&'a str, &'a str, &'a TermEntry);

/// Cuts the forms (sorted, without repeats) into shards of about `target`
/// bytes; returns the shard table: each shard's first form and file name.
pub fn write_shards<'a>(
    forms: impl IntoIterator<Item = FormEntry<'a>>,
    target: usize,
    files: &Files,
) -> Vec<(String, String)> {
    let mut table = Vec::new();
    let mut shard = Shard::default();
    for (form, stem, entry) in forms {
        let cost = form.len() + 10 + if shard.terms.contains_key(stem) { 0 } else { entry.json.len() + 1 };
        if !shard.forms.is_empty() && shard.size + cost > target {
            table.push(std::mem::take(&mut shard).write(files));
        }
        let next = shard.terms.len();
        let index = *shard.terms.entry(stem).or_insert_with(|| {
            shard.entries.push(&entry.json);
            next
        });
        shard.forms.push((form, index));
        shard.size += cost;
    }
    if !shard.forms.is_empty() {
        table.push(shard.write(files));
    }
    table
}

#[derive(Default)]
struct Shard<'a> {
    forms: Vec<(&'a str, usize)>,
    terms: BTreeMap<&'a str, usize>,
    entries: Vec<&'a str>,
    size: usize,
}

impl Shard<'_> {
    fn write(self, files: &Files) -> (String, String) {
        let first = self.forms[0].0.to_string();
        let json = format!(
            "{{\"forms\":{},\"terms\":[{}]}}",
            serde_json::to_string(&self.forms).expect("forms are strings and numbers"),
            self.entries.join(",")
        );
        (first, files.hashed("shards/", "json", json.into_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postings(n: u32) -> Vec<Posting> {
        (0..n).map(|doc| Posting { doc, impact: (doc % 200 + 1) as u8 }).collect()
    }

    #[test]
    fn small_postings_sit_inline_large_ones_in_files() {
        let small = term_entry("copd", &postings(3));
        let value: serde_json::Value = serde_json::from_str(&small.json).unwrap();
        assert_eq!(value[0], "copd");
        assert_eq!(value[1], 3);
        let inline = BASE64.decode(value[2].as_str().unwrap()).unwrap();
        assert_eq!(postings::decode(&inline).unwrap(), postings(3));
        assert!(small.postings_files.is_empty());

        let large = term_entry("use", &postings(300));
        let value: serde_json::Value = serde_json::from_str(&large.json).unwrap();
        assert!(value[2]["head"].as_str().unwrap().starts_with("postings/"), "{value}");
        assert!(value[2].get("tail").is_none());
        assert_eq!(large.postings_files.len(), 1);
        assert_eq!(large.postings_files[0].0, value[2]["head"].as_str().unwrap());
    }

    #[test]
    fn a_common_term_keeps_its_highest_impacts_in_the_head() {
        let list = postings(HEAD_POSTINGS as u32 + 500);
        let (head, tail) = split_head(&list);
        assert_eq!((head.len(), tail.len()), (HEAD_POSTINGS, 500));
        let tail_max = tail.iter().map(|p| p.impact).max().unwrap();
        assert!(head.iter().all(|p| p.impact >= tail_max), "nothing in the tail beats the head");
        assert!(head.windows(2).all(|w| w[0].doc < w[1].doc) && tail.windows(2).all(|w| w[0].doc < w[1].doc));
        let entry = term_entry("the", &list);
        let value: serde_json::Value = serde_json::from_str(&entry.json).unwrap();
        assert_eq!(value[2]["tail_max"], tail_max);
        assert_eq!(entry.postings_files.len(), 2);
    }

    #[test]
    fn shards_are_cut_in_form_order_and_each_form_finds_its_term() {
        let files = Files::default();
        let entries: BTreeMap<&str, TermEntry> =
            ["alpha", "beta", "gamm", "delta"].iter().map(|s| (*s, term_entry(s, &postings(2)))).collect();
        let forms: BTreeMap<String, String> = [
            ("alpha", "alpha"),
            ("alphas", "alpha"),
            ("beta", "beta"),
            ("delta", "delta"),
            ("gamma", "gamm"),
            ("gammas", "gamm"),
        ]
        .iter()
        .map(|(f, s)| (f.to_string(), s.to_string()))
        .collect();
        let table = write_shards(forms.iter().map(|(f, s)| (f.as_str(), s.as_str(), &entries[s.as_str()])), 60, &files);
        let firsts: Vec<&str> = table.iter().map(|(first, _)| first.as_str()).collect();
        assert!(firsts.len() > 1 && firsts.windows(2).all(|w| w[0] < w[1]), "{firsts:?}");
        assert_eq!(firsts[0], "alpha");
        let written = files.take();
        for (form, stem) in &forms {
            // The shard a form lives in: the last whose first form is not after it.
            let i = table.iter().rposition(|(first, _)| first <= form).unwrap();
            let file = written.iter().find(|f| f.0 == table[i].1).unwrap();
            let shard: serde_json::Value = serde_json::from_slice(&file.1).unwrap();
            let entry = shard["forms"].as_array().unwrap().iter().find(|e| e[0] == form.as_str()).unwrap();
            let term = &shard["terms"][entry[1].as_u64().unwrap() as usize];
            assert_eq!(term[0], stem.as_str(), "{form}");
        }
    }
}
