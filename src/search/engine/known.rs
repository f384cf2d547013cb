//! Known English words, so typo correction leaves real words alone
//! (issue 21: "puffer" became "prefer", "brown inhaler" "broken inhaler").
//!
//! The query script corrects a word that no page holds towards the
//! commonest near word of the site. A real word the site never uses is not
//! a typo, so before correcting, the script asks these files whether the
//! word is English. The list is a vendored one (`src/search/english-words.txt`,
//! SCOWL via Debian's wbritish, licence beside it); as a plain list it
//! would be 570 KB, so it is written as one Bloom filter per first letter,
//! about 75 KB in all and a few KB per letter, fetched only when a word is
//! about to be corrected (`docs/search-index.md`, "Known words").
//!
//! A Bloom filter says "maybe" for about 1 word in 100 that is not in it:
//! such a typo is left as typed, never changed into a wrong word, which is
//! the failure that matters. The filters do not depend on the site, so they
//! are made once per process and keep their names build to build.

use super::files::Files;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const ENGLISH_WORDS: &str = include_str!("../english-words.txt");
/// Bits per word and hashes per word: about 0.8% false positives.
const BITS_PER_WORD: usize = 10;
pub const HASHES: u32 = 7;

/// The two FNV-1a seeds the query script uses too (`knownWord` in
/// `search-engine.js`): bit `i` of a word is `(h1 + i × h2) mod bits`.
const SEED_1: u32 = 0x811c_9dc5;
const SEED_2: u32 = 0x2545_f491;

fn fnv1a(word: &str, seed: u32) -> u32 {
    word.bytes().fold(seed, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

fn bits_of(word: &str, size: u32) -> impl Iterator<Item = u32> {
    let (h1, h2) = (fnv1a(word, SEED_1), fnv1a(word, SEED_2) | 1);
    (0..HASHES).map(move |i| h1.wrapping_add(i.wrapping_mul(h2)) % size)
}

/// One first letter's filter.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    bytes: Vec<u8>,
}

impl Filter {
    pub fn of<'a>(words: impl ExactSizeIterator<Item = &'a str> + Clone) -> Self {
        let bits = (words.len() * BITS_PER_WORD).max(64).next_multiple_of(8);
        let mut bytes = vec![0u8; bits / 8];
        for word in words {
            for bit in bits_of(word, bits as u32) {
                bytes[bit as usize / 8] |= 1 << (bit % 8);
            }
        }
        Filter { bytes }
    }

    #[cfg(test)]
    pub fn may_hold(&self, word: &str) -> bool {
        let size = (self.bytes.len() * 8) as u32;
        bits_of(word, size).all(|bit| self.bytes[bit as usize / 8] & (1 << (bit % 8)) != 0)
    }
}

/// The vendored list's words by first letter (comment lines skipped).
fn english_by_letter() -> BTreeMap<char, Vec<&'static str>> {
    let mut letters: BTreeMap<char, Vec<&str>> = BTreeMap::new();
    for word in ENGLISH_WORDS.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        letters.entry(word.chars().next().expect("not empty")).or_default().push(word);
    }
    letters
}

fn filters() -> &'static BTreeMap<char, Filter> {
    static FILTERS: OnceLock<BTreeMap<char, Filter>> = OnceLock::new();
    FILTERS.get_or_init(|| {
        english_by_letter().into_iter().map(|(letter, words)| (letter, Filter::of(words.iter().copied()))).collect()
    })
}

/// Writes one filter per first letter; returns letter → file.
pub fn write_known_words(files: &Files) -> BTreeMap<String, String> {
    filters()
        .iter()
        .map(|(letter, filter)| (letter.to_string(), files.hashed("known/", "bin", filter.bytes.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_english(word: &str) -> bool {
        word.chars().next().and_then(|c| filters().get(&c)).is_some_and(|f| f.may_hold(word))
    }

    #[test]
    fn every_listed_word_is_known_and_the_issues_words_are_listed() {
        for (letter, words) in english_by_letter() {
            assert!(words.iter().all(|w| filters()[&letter].may_hold(w)), "{letter}");
        }
        for word in ["puffer", "brown", "prefer", "broken", "giraffe", "kettle"] {
            assert!(is_english(word), "{word}");
        }
    }

    #[test]
    fn typos_are_rarely_taken_for_words() {
        for typo in ["inhlaer", "slabutamol", "breathlesness", "asthama", "salbutmol", "tiotropum"] {
            assert!(!is_english(typo), "{typo}");
        }
        // Every listed word with two letters swapped, when that is not a word too.
        let english: std::collections::HashSet<&str> = english_by_letter().into_values().flatten().collect();
        let (mut tried, mut taken) = (0, 0);
        for word in english.iter().step_by(7) {
            let mut chars: Vec<char> = word.chars().collect();
            chars.swap(1, 2);
            let typo: String = chars.into_iter().collect();
            if !english.contains(typo.as_str()) {
                tried += 1;
                taken += usize::from(is_english(&typo));
            }
        }
        let rate = taken as f64 / tried as f64;
        assert!(tried > 5000 && rate < 0.015, "{taken} of {tried} typos taken for words");
    }

    #[test]
    fn the_hashes_are_the_ones_the_query_script_computes() {
        // search-engine.test.mjs checks the same numbers against knownWord's hash.
        assert_eq!(fnv1a("puffer", SEED_1), 2_459_232_525);
        assert_eq!(bits_of("puffer", 1000).collect::<Vec<_>>(), [525, 670, 111, 552, 697, 138, 283]);
        assert_eq!(bits_of("brown", 4096).collect::<Vec<_>>(), [1839, 3578, 1221, 2960, 603, 2342, 4081]);
    }
}
