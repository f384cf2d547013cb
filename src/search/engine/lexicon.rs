//! Stems and surface forms as numbers. A document's analysis is kept
//! between writes ([`super::IncrementalIndex`]); as strings, the words of
//! 15,000 documents would cost most of a gigabyte, as ids a few tens of
//! megabytes.
//!
//! Ids are handed out in the order words are first seen and never reused,
//! so they say nothing about the output: everything written is sorted by
//! the words themselves. Documents are analysed in parallel, each thread
//! with its own word ids ([`super::words::Stems`]); a thread asks the
//! lexicon (under a lock) only for a word it has not translated before.

use rustc_hash::FxHashMap as HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

#[derive(Debug)]
pub struct Lexicon {
    /// Unique in the process, so a thread's translations into one lexicon
    /// are never used for another.
    id: u64,
    stems: Vec<String>,
    stem_ids: HashMap<String, u32>,
    forms: Vec<String>,
    /// Each form's stem: a form always stems the same way.
    form_stems: Vec<u32>,
    form_ids: HashMap<String, u32>,
    /// Every form id, sorted by form; forms seen since are merged in when
    /// asked for.
    sorted_forms: Vec<u32>,
}

impl Default for Lexicon {
    fn default() -> Self {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        Lexicon {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            stems: Vec::new(),
            stem_ids: HashMap::default(),
            forms: Vec::new(),
            form_stems: Vec::new(),
            form_ids: HashMap::default(),
            sorted_forms: Vec::new(),
        }
    }
}

impl Lexicon {
    pub fn stem_id(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stem_ids.get(stem) {
            return id;
        }
        let id = u32::try_from(self.stems.len()).expect("fewer than 4 billion stems");
        self.stems.push(stem.to_string());
        self.stem_ids.insert(stem.to_string(), id);
        id
    }

    pub fn form_id(&mut self, form: &str, stem: &str) -> u32 {
        if let Some(&id) = self.form_ids.get(form) {
            return id;
        }
        let id = u32::try_from(self.forms.len()).expect("fewer than 4 billion forms");
        let stem = self.stem_id(stem);
        self.forms.push(form.to_string());
        self.form_stems.push(stem);
        self.form_ids.insert(form.to_string(), id);
        id
    }

    /// This lexicon, lent to the threads that analyse documents.
    pub fn shared(&mut self) -> SharedLexicon<'_> {
        SharedLexicon { id: self.id, lexicon: Mutex::new(self) }
    }

    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }

    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    pub fn stem(&self, id: u32) -> &str {
        &self.stems[id as usize]
    }

    pub fn form(&self, id: u32) -> &str {
        &self.forms[id as usize]
    }

    pub fn stem_of(&self, form: u32) -> u32 {
        self.form_stems[form as usize]
    }

    /// Every form id, sorted by form. After the first write an edit adds a
    /// few forms at most, so they are merged into the kept order rather
    /// than sorting a few hundred thousand strings again.
    pub fn sorted_forms(&mut self) -> &[u32] {
        let known = self.sorted_forms.len();
        if known < self.forms.len() {
            let forms = &self.forms;
            let mut new: Vec<u32> = (known as u32..forms.len() as u32).collect();
            new.sort_unstable_by(|a, b| forms[*a as usize].cmp(&forms[*b as usize]));
            let old = std::mem::take(&mut self.sorted_forms);
            self.sorted_forms = merge_sorted(old, new, |a, b| forms[a as usize] < forms[b as usize]);
        }
        &self.sorted_forms
    }
}

/// A lexicon that many threads add words to.
pub struct SharedLexicon<'a> {
    id: u64,
    lexicon: Mutex<&'a mut Lexicon>,
}

impl<'a> SharedLexicon<'a> {
    /// The lexicon's id, read without the lock.
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn lock(&self) -> MutexGuard<'_, &'a mut Lexicon> {
        self.lexicon.lock().expect("no thread panicked while adding a word")
    }
}

/// The two sorted lists as one, by `less`.
fn merge_sorted(a: Vec<u32>, b: Vec<u32>, less: impl Fn(u32, u32) -> bool) -> Vec<u32> {
    if a.is_empty() {
        return b;
    }
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(&x), Some(&y)) = (a.peek(), b.peek()) {
        merged.push(if less(y, x) { b.next() } else { a.next() }.expect("peeked"));
    }
    merged.extend(a);
    merged.extend(b);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_keeps_its_id_and_forms_keep_their_stems() {
        let mut lexicon = Lexicon::default();
        let inhalers = lexicon.form_id("inhalers", "inhal");
        let inhaled = lexicon.form_id("inhaled", "inhal");
        assert_eq!(lexicon.form_id("inhalers", "inhal"), inhalers);
        assert_eq!(lexicon.stem_of(inhalers), lexicon.stem_of(inhaled));
        assert_eq!(lexicon.stem(lexicon.stem_of(inhaled)), "inhal");
        assert_eq!((lexicon.form_count(), lexicon.stem_count()), (2, 1));
    }

    #[test]
    fn forms_added_later_are_merged_into_the_sorted_order() {
        let mut lexicon = Lexicon::default();
        for word in ["delta", "alpha", "charlie"] {
            lexicon.form_id(word, word);
        }
        let sorted = |l: &mut Lexicon| -> Vec<String> {
            let ids = l.sorted_forms().to_vec();
            ids.into_iter().map(|id| l.form(id).to_string()).collect()
        };
        assert_eq!(sorted(&mut lexicon), ["alpha", "charlie", "delta"]);
        for word in ["echo", "bravo", "aardvark"] {
            lexicon.form_id(word, word);
        }
        assert_eq!(sorted(&mut lexicon), ["aardvark", "alpha", "bravo", "charlie", "delta", "echo"]);
    }
}
