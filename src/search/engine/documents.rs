//! Per document: its words by field (for postings), the fragment a result
//! shows, and its filter values. Each document is worked on alone, so this
//! runs in parallel; the dictionary is merged afterwards in document order.

use super::lexicon::SharedLexicon;
use super::text::{self, Section};
use super::words::{Stems, for_each_form};
use crate::search::SearchDoc;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use std::collections::BTreeMap;

/// Each section's opening, cut here: what a sub-result shows under its
/// heading. At 600 characters a guideline's fragment was 5 KB, so the ten
/// results of a first query cost 50 KB, half its budget (bench site,
/// 10,000 guidelines).
const SECTION_TEXT_CHARS: usize = 160;

/// What indexing needs to know about one document. Words are the
/// lexicon's ids.
#[derive(Debug, Default)]
pub struct Analysed {
    /// Words per field: title, key terms, summary, body.
    pub lengths: [u32; 4],
    /// Each stem with its frequency per field.
    pub terms: Vec<(u32, [u32; 4])>,
    /// Each surface form seen, once.
    pub forms: Vec<u32>,
    pub sections: Vec<Section>,
}

/// Tokenises and stems one document's fields.
pub fn analyse(doc: &SearchDoc, stems: &mut Stems, lexicon: &SharedLexicon) -> Analysed {
    let sections = text::sections(&doc.body_html);
    // Matching-only text counts as the field it stands beside, but only
    // `sections` and `summary` reach the fragment.
    let mut body: Vec<&str> = sections.iter().flat_map(|s| [s.heading.as_str(), s.text.as_str()]).collect();
    body.push(&doc.match_only.body);
    // A service's phone number is how an adviser often finds it again: it
    // counts as a key term, so "01632 960302" finds the one service.
    let mut key_terms = doc.key_terms.join(". ");
    for (_, phone) in doc.meta.iter().filter(|(name, value)| *name == "phone" && !value.is_empty()) {
        key_terms.push_str(". ");
        key_terms.push_str(phone);
    }
    let summary = [doc.summary.as_str(), doc.match_only.summary.as_str()];
    let fields: [&[&str]; 4] = [&[doc.title.as_str()], &[key_terms.as_str()], &summary, &body];
    // By this thread's ids while counting; translated once per distinct word.
    let mut terms: HashMap<u32, [u32; 4]> = HashMap::default();
    let mut forms: HashSet<u32> = HashSet::default();
    let mut lengths = [0u32; 4];
    for (f, texts) in fields.iter().enumerate() {
        for text in texts.iter() {
            for_each_form(text, |form| {
                lengths[f] += 1;
                let (form, stem) = stems.ids(form);
                terms.entry(stem).or_insert([0; 4])[f] += 1;
                forms.insert(form);
            });
        }
    }
    let terms = terms.into_iter().map(|(stem, tf)| (stems.stem_in(stem, lexicon), tf)).collect();
    let forms = forms.into_iter().map(|form| stems.form_in(form, lexicon)).collect();
    Analysed { lengths, terms, forms, sections }
}

/// The fragment of one document: everything a result shows
/// (`docs/search-index.md`, "Fragments").
pub fn fragment(doc: &SearchDoc, sections: &[Section]) -> Vec<u8> {
    let fragment = Fragment {
        demoted: doc.demoted,
        key_terms: &doc.key_terms,
        kind: doc.kind.label(),
        meta: doc.meta.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (*k, v.as_str())).collect(),
        sections: sections
            .iter()
            .map(|s| [s.id.as_str(), s.heading.as_str(), cut(&s.text, SECTION_TEXT_CHARS)])
            .collect(),
        summary: &doc.summary,
        title: &doc.title,
        url: &doc.url,
    };
    serde_json::to_vec(&fragment).expect("a fragment is strings and numbers")
}

/// A fragment as written. Fields in alphabetical order, as every other
/// object in the index is written (sorted maps), so the format reads the
/// same throughout; borrowed, as 15,000 of them are written per build.
#[derive(Serialize)]
struct Fragment<'a> {
    demoted: bool,
    key_terms: &'a [String],
    kind: &'a str,
    meta: BTreeMap<&'a str, &'a str>,
    sections: Vec<[&'a str; 3]>,
    summary: &'a str,
    title: &'a str,
    url: &'a str,
}

/// At most `max` characters, ending at a word boundary when there is one.
fn cut(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        None => text,
        Some((end, _)) => text[..end].rfind(' ').map_or(&text[..end], |space| &text[..space]),
    }
}

/// Filter name → value → documents, in document order. Every document has a
/// `type` (Guideline, Service, Page), as the search page filters by it.
pub type Filters = BTreeMap<String, BTreeMap<String, Vec<u32>>>;

pub fn add_filters(filters: &mut Filters, doc_number: u32, doc: &SearchDoc) {
    let kind = ("type", doc.kind.label().to_string());
    for (name, value) in std::iter::once(&kind).chain(&doc.filters) {
        let docs = filters.entry(name.to_string()).or_default().entry(value.clone()).or_default();
        if docs.last() != Some(&doc_number) {
            docs.push(doc_number);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::DocKind;
    use crate::search::engine::lexicon::Lexicon;
    use serde_json::json;

    pub fn doc() -> SearchDoc {
        SearchDoc {
            url: "/guidelines/asthma/".into(),
            kind: DocKind::Guideline,
            title: "Asthma inhalers".into(),
            key_terms: vec!["Asthma".into()],
            summary: "Reduce SABA over-reliance".into(),
            body_html: "<p>Check inhaler technique.</p><h2 id=\"treatment\">Treatment</h2><p>Use an inhaled corticosteroid.</p>"
                .into(),
            match_only: Default::default(),
            filters: vec![("condition", "Asthma".into()), ("status", "Approved".into())],
            meta: vec![
                ("review_due", "10 January 2027".into()),
                ("version", String::new()),
                ("phone", "01632 960302".into()),
            ],
            filter_labels: Vec::new(),
            demoted: false,
        }
    }

    fn analyse_alone(doc: &SearchDoc, lexicon: &mut Lexicon) -> Analysed {
        analyse(doc, &mut Stems::new(), &lexicon.shared())
    }

    #[test]
    fn fields_are_counted_apart_and_forms_keep_their_stems() {
        let mut lexicon = Lexicon::default();
        let a = analyse_alone(&doc(), &mut lexicon);
        assert_eq!(a.lengths, [2, 3, 4, 8], "the phone number's two words are key terms");
        let terms: Vec<(&str, [u32; 4])> = a.terms.iter().map(|&(s, tf)| (lexicon.stem(s), tf)).collect();
        assert!(terms.iter().any(|&(s, tf)| s == "960302" && tf[1] == 1));
        let inhal = terms.iter().find(|(s, _)| *s == "inhal").unwrap();
        assert_eq!(inhal.1, [1, 0, 0, 2], "inhalers in the title; inhaler and inhaled in the body");
        let asthma = terms.iter().find(|(s, _)| *s == "asthma").unwrap();
        assert_eq!(asthma.1, [1, 1, 0, 0]);
        let mut forms: Vec<(&str, &str)> =
            a.forms.iter().map(|&f| (lexicon.form(f), lexicon.stem(lexicon.stem_of(f)))).collect();
        assert!(forms.contains(&("inhalers", "inhal")) && forms.contains(&("inhaled", "inhal")), "{forms:?}");
        let seen = forms.len();
        forms.sort_unstable();
        forms.dedup();
        assert_eq!(forms.len(), seen, "each form once");
    }

    #[test]
    fn threads_that_share_a_lexicon_agree_on_its_ids() {
        let (mut one, mut other) = (Lexicon::default(), Lexicon::default());
        let mut stems = Stems::new();
        // The same thread's stems, used for two lexicons in turn: each gets
        // its own ids, and neither is handed the other's.
        other.form_id("unrelated", "unrel");
        let first = analyse(&doc(), &mut stems, &one.shared());
        let second = analyse(&doc(), &mut stems, &other.shared());
        let again = analyse(&doc(), &mut Stems::new(), &one.shared());
        let words = |a: &Analysed, l: &Lexicon| {
            let mut w: Vec<String> = a.terms.iter().map(|&(s, _)| l.stem(s).to_string()).collect();
            w.sort();
            w
        };
        assert_eq!(words(&first, &one), words(&second, &other));
        let ids = |a: &Analysed| {
            let mut t = a.terms.clone();
            t.sort_unstable();
            t
        };
        assert_eq!(ids(&first), ids(&again), "a second thread finds the ids the first gave");
    }

    #[test]
    fn a_fragment_holds_what_a_result_shows_and_no_empty_details() {
        let d = doc();
        let a = analyse_alone(&d, &mut Lexicon::default());
        let f: serde_json::Value = serde_json::from_slice(&fragment(&d, &a.sections)).unwrap();
        assert_eq!(f["kind"], "Guideline");
        assert_eq!(f["meta"]["review_due"], "10 January 2027");
        assert!(f["meta"].get("version").is_none());
        assert_eq!(f["sections"][1], json!(["treatment", "Treatment", "Use an inhaled corticosteroid."]));
        assert_eq!(cut("one two three", 9), "one two");
    }

    #[test]
    fn filters_list_documents_by_value_with_a_type_for_each() {
        let mut filters = Filters::new();
        add_filters(&mut filters, 0, &doc());
        let mut service = doc();
        service.kind = DocKind::Service;
        service.filters = vec![("area", "Weymouth".into()), ("area", "Weymouth".into())];
        add_filters(&mut filters, 1, &service);
        assert_eq!(filters["type"]["Guideline"], [0]);
        assert_eq!(filters["type"]["Service"], [1]);
        assert_eq!(filters["area"]["Weymouth"], [1], "a repeated value counts once");
        assert_eq!(filters["condition"]["Asthma"], [0]);
    }
}
