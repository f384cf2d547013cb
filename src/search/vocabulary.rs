//! The site's own words, for "Did you mean …?".
//!
//! Pagefind has no typo tolerance: "salbutmol" finds nothing. The search
//! page loads this list only when a query finds little, and offers the
//! nearest word (edit distance up to 2 for words of 5 or more letters),
//! preferring clinical terms: condition names, title and heading words, and
//! the synonym set.

use serde::Serialize;
use std::collections::HashMap;

/// Shorter words are left out: too many near neighbours to suggest well.
const MIN_LETTERS: usize = 4;
/// Enough for a large site's distinct words; the file stays small.
const MAX_WORDS: usize = 30_000;

#[derive(Debug, Default)]
pub struct Vocabulary {
    counts: HashMap<String, (u32, bool)>,
}

/// One word as the browser receives it: `[word, count, clinical]`.
#[derive(Debug, Serialize, PartialEq)]
pub struct Entry(pub String, pub u32, pub u8);

impl Vocabulary {
    /// Counts the words of ordinary text.
    pub fn add_text(&mut self, text: &str) {
        for word in words(text) {
            self.counts.entry(word).or_insert((0, false)).0 += 1;
        }
    }

    /// Counts words that are clinical terms or page and section titles.
    pub fn add_terms(&mut self, text: &str) {
        for word in words(text) {
            let entry = self.counts.entry(word).or_insert((0, true));
            entry.0 += 1;
            entry.1 = true;
        }
    }

    /// Most useful first: clinical terms, then by how often they occur.
    pub fn entries(&self) -> Vec<Entry> {
        let mut list: Vec<Entry> =
            self.counts.iter().map(|(w, (count, clinical))| Entry(w.clone(), *count, u8::from(*clinical))).collect();
        list.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
        list.truncate(MAX_WORDS);
        list
    }

    pub fn to_json(&self) -> String {
        serde_json::json!({ "words": self.entries() }).to_string()
    }
}

/// Lower-case words of letters (with inner hyphens split), long enough to keep.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= MIN_LETTERS).map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clinical_terms_come_first_then_frequent_words() {
        let mut v = Vocabulary::default();
        v.add_text("Give salbutamol. Check inhaler technique; check the inhaler again.");
        v.add_terms("Asthma in adults");
        let entries = v.entries();
        assert_eq!(entries[0], Entry("adults".into(), 1, 1));
        assert_eq!(entries[1], Entry("asthma".into(), 1, 1));
        assert_eq!(entries[2], Entry("check".into(), 2, 0));
        assert!(entries.iter().any(|e| e.0 == "salbutamol"));
        assert!(!entries.iter().any(|e| e.0 == "the" || e.0 == "in"), "short words are left out");
    }

    #[test]
    fn a_word_seen_as_a_term_is_clinical() {
        let mut v = Vocabulary::default();
        v.add_text("spirometry is done");
        v.add_terms("Spirometry");
        let entries = v.entries();
        assert_eq!(entries[0], Entry("spirometry".into(), 2, 1));
    }
}
