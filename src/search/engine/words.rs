//! The one tokenising rule shared with the query script
//! (`docs/search-index.md`, "Words"), and the stemmer.
//!
//! The browser has no stemmer: it tokenises a query with the same rule and
//! looks the surface forms up in the dictionary, which maps each form to its
//! stem. So this rule must stay simple enough to be written identically in
//! JavaScript (`search-engine.js`, `words`): a change here is a change there.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap as HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// The surface forms of `text`, in order: lower-cased, apostrophes dropped
/// (`don't` → `dont`), split at Unicode word boundaries and then at every
/// character that is neither alphabetic nor numeric (`NT-proBNP` → `nt`,
/// `probnp`).
pub fn surface_forms(text: &str) -> Vec<String> {
    let mut forms = Vec::new();
    for_each_form(text, |form| forms.push(form.to_string()));
    forms
}

/// [`surface_forms`] without a `String` per word, for indexing.
pub fn for_each_form(text: &str, mut each: impl FnMut(&str)) {
    let mut lower = text.to_lowercase();
    lower.retain(|c| !is_apostrophe(c));
    for word in lower.unicode_words() {
        word.split(|c: char| !is_word_char(c)).filter(|part| !part.is_empty()).for_each(&mut each);
    }
}

/// `'` and `’`: dropped rather than split at, so `don't` stays one word.
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Rust's alphabetic and numeric are Unicode's `Alphabetic` and `N*`, which
/// JavaScript's regular expressions spell `\p{Alphabetic}` and `\p{N}`.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

/// English Snowball (Porter 2) stems, remembered per form: documents repeat
/// their words, and stemming is most of the cost of analysing them. One per
/// thread ([`with_stems`]), so the cache outlives a rayon job. Forms and
/// stems get small ids, so a document's word counts are kept by number
/// rather than by hashing each word's text again.
pub struct Stems {
    stemmer: Stemmer,
    /// Form → (form id, stem id).
    ids: HashMap<String, (u32, u32)>,
    stem_ids: HashMap<String, u32>,
    forms: Vec<String>,
    stems: Vec<String>,
}

impl Stems {
    pub fn new() -> Self {
        Stems {
            stemmer: Stemmer::create(Algorithm::English),
            ids: HashMap::default(),
            stem_ids: HashMap::default(),
            forms: Vec::new(),
            stems: Vec::new(),
        }
    }

    /// The ids of `form` and of its stem.
    pub fn ids(&mut self, form: &str) -> (u32, u32) {
        if let Some(&ids) = self.ids.get(form) {
            return ids;
        }
        let stem = self.stemmer.stem(form);
        let stem_id = match self.stem_ids.get(stem.as_ref()) {
            Some(&id) => id,
            None => {
                let id = self.stems.len() as u32;
                self.stems.push(stem.to_string());
                self.stem_ids.insert(stem.into_owned(), id);
                id
            }
        };
        let ids = (self.forms.len() as u32, stem_id);
        self.forms.push(form.to_string());
        self.ids.insert(form.to_string(), ids);
        ids
    }

    pub fn form_text(&self, id: u32) -> &str {
        &self.forms[id as usize]
    }

    pub fn stem_text(&self, id: u32) -> &str {
        &self.stems[id as usize]
    }

    #[cfg(test)]
    pub fn stem(&mut self, form: &str) -> &str {
        let (_, stem) = self.ids(form);
        self.stem_text(stem)
    }
}

thread_local! {
    static STEMS: std::cell::RefCell<Stems> = std::cell::RefCell::new(Stems::new());
}

/// Runs `f` with this thread's stemmer.
pub fn with_stems<T>(f: impl FnOnce(&mut Stems) -> T) -> T {
    STEMS.with(|stems| f(&mut stems.borrow_mut()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_and_split_at_anything_but_letters_and_digits() {
        assert_eq!(
            surface_forms("Check NT-proBNP; refer (FEV1 < 50%)."),
            ["check", "nt", "probnp", "refer", "fev1", "50"]
        );
        assert_eq!(surface_forms("Don’t stop; it's 3.5 mg"), ["dont", "stop", "its", "3", "5", "mg"]);
        assert_eq!(surface_forms("  …  "), Vec::<String>::new());
        assert_eq!(surface_forms("Café Ökonomie"), ["café", "ökonomie"]);
    }

    #[test]
    fn stems_join_the_forms_of_one_word() {
        let mut stems = Stems::new();
        assert_eq!(stems.stem("inhalers"), "inhal");
        assert_eq!(stems.stem("inhaler"), "inhal");
        assert_eq!(stems.stem("inhaled"), "inhal");
        let plural = stems.stem("exacerbations").to_string();
        assert_eq!(plural, stems.stem("exacerbation"));
        assert_eq!(stems.stem("copd"), "copd", "abbreviations are left alone");
        let services = stems.stem("services").to_string();
        assert_ne!(services, stems.stem("severe"));
    }
}
