//! The one tokenising rule shared with the query script
//! (`docs/search-index.md`, "Words"), and the stemmer.
//!
//! The browser has no stemmer: it tokenises a query with the same rule and
//! looks the surface forms up in the dictionary, which maps each form to its
//! stem. So this rule must stay simple enough to be written identically in
//! JavaScript (`search-engine.js`, `words`): a change here is a change there.

use super::lexicon::SharedLexicon;
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
pub fn for_each_form(text: &str, each: impl FnMut(&str)) {
    if text.is_ascii() {
        ascii_forms(text, each);
    } else {
        unicode_forms(text, each);
    }
}

/// The same words as [`unicode_forms`] for ASCII text, a few times faster:
/// in ASCII, Unicode's word boundaries never fall between two letters or
/// digits, and every character they join words across (`:`, `.`, `,`, `_`…)
/// is split at afterwards anyway, so a word is a run of letters and digits.
fn ascii_forms(text: &str, mut each: impl FnMut(&str)) {
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !is_apostrophe(c) && !word.is_empty() {
            each(&word);
            word.clear();
        }
    }
}

fn unicode_forms(text: &str, mut each: impl FnMut(&str)) {
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
///
/// These ids are this thread's own. The index's ids are the lexicon's
/// ([`super::lexicon::Lexicon`]); each word is translated once per thread,
/// under the lexicon's lock, and the translation kept, so the threads
/// rarely wait on each other and no word's text is copied per document.
pub struct Stems {
    stemmer: Stemmer,
    /// Form → (form id, stem id).
    ids: HashMap<String, (u32, u32)>,
    stem_ids: HashMap<String, u32>,
    forms: Vec<String>,
    /// By form id: its stem id.
    form_stems: Vec<u32>,
    stems: Vec<String>,
    to_lexicon: Translation,
}

/// This thread's ids → one lexicon's ids; [`UNKNOWN`] until first asked.
#[derive(Default)]
struct Translation {
    lexicon: Option<u64>,
    forms: Vec<u32>,
    stems: Vec<u32>,
}

const UNKNOWN: u32 = u32::MAX;

impl Stems {
    pub fn new() -> Self {
        Stems {
            stemmer: Stemmer::create(Algorithm::English),
            ids: HashMap::default(),
            stem_ids: HashMap::default(),
            forms: Vec::new(),
            form_stems: Vec::new(),
            stems: Vec::new(),
            to_lexicon: Translation::default(),
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
        self.form_stems.push(stem_id);
        self.ids.insert(form.to_string(), ids);
        ids
    }

    /// The lexicon's id for this thread's form `id`.
    pub fn form_in(&mut self, id: u32, lexicon: &SharedLexicon) -> u32 {
        self.translating_into(lexicon);
        let known = self.to_lexicon.forms[id as usize];
        if known != UNKNOWN {
            return known;
        }
        let (form, stem) = (&self.forms[id as usize], &self.stems[self.form_stems[id as usize] as usize]);
        let global = lexicon.lock().form_id(form, stem);
        self.to_lexicon.forms[id as usize] = global;
        global
    }

    /// The lexicon's id for this thread's stem `id`.
    pub fn stem_in(&mut self, id: u32, lexicon: &SharedLexicon) -> u32 {
        self.translating_into(lexicon);
        let known = self.to_lexicon.stems[id as usize];
        if known != UNKNOWN {
            return known;
        }
        let global = lexicon.lock().stem_id(&self.stems[id as usize]);
        self.to_lexicon.stems[id as usize] = global;
        global
    }

    /// Makes room for every id handed out so far, forgetting translations
    /// into any other lexicon.
    fn translating_into(&mut self, lexicon: &SharedLexicon) {
        let t = &mut self.to_lexicon;
        if t.lexicon != Some(lexicon.id()) {
            *t = Translation { lexicon: Some(lexicon.id()), ..Translation::default() };
        }
        t.forms.resize(self.forms.len(), UNKNOWN);
        t.stems.resize(self.stems.len(), UNKNOWN);
    }

    #[cfg(test)]
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
    fn ascii_text_gives_the_words_the_unicode_rule_gives() {
        let texts = [
            "Check NT-proBNP; refer (FEV1 < 50%).",
            "don't 'quoted' rock 'n' roll o'clock '' ' x'",
            "a:b e.g. i.e. 3.5 3,5 1;2 a_b __init__ snake_case 10:30am",
            "see https://example.org/a-b?c=d&e=f#g or mail@nhs.net",
            "Tel: 01632 960302 ext.12, 9am-5pm Mon–Fri",
            "  \t\n tabs\tand\nlines ... --- ### *bold* `code` [link](x)",
            "ABC123def 4th 1st-line x2 COPD/asthma A&E R&D",
        ];
        // And every line of the example site's content.
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
        let lines: Vec<String> = walkdir::WalkDir::new(content)
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
            .flat_map(|file| file.lines().map(String::from).collect::<Vec<_>>())
            .collect();
        assert!(lines.len() > 1000, "the example content is there: {} lines", lines.len());
        for text in texts.iter().copied().chain(lines.iter().map(String::as_str)).filter(|t| t.is_ascii()) {
            let (mut fast, mut unicode) = (Vec::new(), Vec::new());
            ascii_forms(text, |w| fast.push(w.to_string()));
            unicode_forms(text, |w| unicode.push(w.to_string()));
            assert_eq!(fast, unicode, "{text:?}");
        }
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
