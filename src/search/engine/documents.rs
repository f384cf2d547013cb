//! Per document: its words by field (for postings), the fragment a result
//! shows, and its filter values. Each document is worked on alone, so this
//! runs in parallel; the dictionary is merged afterwards in document order.

use super::text::{self, Section};
use super::words::{Stems, for_each_form};
use crate::search::SearchDoc;
use rustc_hash::FxHashMap as HashMap;
use serde_json::json;
use std::collections::BTreeMap;

/// Each section's opening, cut here: what a sub-result shows under its
/// heading. At 600 characters a guideline's fragment was 5 KB, so the ten
/// results of a first query cost 50 KB, half its budget (bench site,
/// 10,000 guidelines).
const SECTION_TEXT_CHARS: usize = 160;

/// What indexing needs to know about one document.
#[derive(Debug, Default)]
pub struct Analysed {
    /// Words per field: title, key terms, summary, body.
    pub lengths: [u32; 4],
    /// Each stem with its frequency per field, sorted by stem.
    pub terms: Vec<(String, [u32; 4])>,
    /// Each surface form seen, with its stem; sorted, without repeats.
    pub forms: Vec<(String, String)>,
    pub sections: Vec<Section>,
}

/// Tokenises and stems one document's fields.
pub fn analyse(doc: &SearchDoc, stems: &mut Stems) -> Analysed {
    let sections = text::sections(&doc.body_html);
    let body: Vec<&str> = sections.iter().flat_map(|s| [s.heading.as_str(), s.text.as_str()]).collect();
    // A service's phone number is how an adviser often finds it again: it
    // counts as a key term, so "01632 960302" finds the one service.
    let mut key_terms = doc.key_terms.join(". ");
    for (_, phone) in doc.meta.iter().filter(|(name, value)| *name == "phone" && !value.is_empty()) {
        key_terms.push_str(". ");
        key_terms.push_str(phone);
    }
    let fields: [&[&str]; 4] = [&[doc.title.as_str()], &[key_terms.as_str()], &[doc.summary.as_str()], &body];
    let mut terms: HashMap<u32, [u32; 4]> = HashMap::default();
    let mut forms: HashMap<u32, u32> = HashMap::default();
    let mut lengths = [0u32; 4];
    for (f, texts) in fields.iter().enumerate() {
        for text in texts.iter() {
            for_each_form(text, |form| {
                lengths[f] += 1;
                let (form, stem) = stems.ids(form);
                terms.entry(stem).or_insert([0; 4])[f] += 1;
                forms.insert(form, stem);
            });
        }
    }
    let mut terms: Vec<(String, [u32; 4])> =
        terms.into_iter().map(|(stem, tf)| (stems.stem_text(stem).to_string(), tf)).collect();
    terms.sort_unstable();
    let mut forms: Vec<(String, String)> = forms
        .into_iter()
        .map(|(form, stem)| (stems.form_text(form).to_string(), stems.stem_text(stem).to_string()))
        .collect();
    forms.sort_unstable();
    Analysed { lengths, terms, forms, sections }
}

/// The fragment of one document: everything a result shows
/// (`docs/search-index.md`, "Fragments").
pub fn fragment(doc: &SearchDoc, sections: &[Section]) -> Vec<u8> {
    let meta: BTreeMap<&str, &str> =
        doc.meta.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (*k, v.as_str())).collect();
    let sections: Vec<[&str; 3]> =
        sections.iter().map(|s| [s.id.as_str(), s.heading.as_str(), cut(&s.text, SECTION_TEXT_CHARS)]).collect();
    let value = json!({
        "url": doc.url,
        "title": doc.title,
        "kind": doc.kind.label(),
        "demoted": doc.demoted,
        "key_terms": doc.key_terms,
        "summary": doc.summary,
        "meta": meta,
        "sections": sections,
    });
    value.to_string().into_bytes()
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

    pub fn doc() -> SearchDoc {
        SearchDoc {
            url: "/guidelines/asthma/".into(),
            kind: DocKind::Guideline,
            title: "Asthma inhalers".into(),
            key_terms: vec!["Asthma".into()],
            summary: "Reduce SABA over-reliance".into(),
            body_html: "<p>Check inhaler technique.</p><h2 id=\"treatment\">Treatment</h2><p>Use an inhaled corticosteroid.</p>"
                .into(),
            filters: vec![("condition", "Asthma".into()), ("status", "Approved".into())],
            meta: vec![
                ("review_due", "10 January 2027".into()),
                ("version", String::new()),
                ("phone", "01632 960302".into()),
            ],
            demoted: false,
        }
    }

    #[test]
    fn fields_are_counted_apart_and_forms_keep_their_stems() {
        let a = analyse(&doc(), &mut Stems::new());
        assert_eq!(a.lengths, [2, 3, 4, 8], "the phone number's two words are key terms");
        assert!(a.terms.iter().any(|(s, tf)| s == "960302" && tf[1] == 1));
        let inhal = a.terms.iter().find(|(s, _)| s == "inhal").unwrap();
        assert_eq!(inhal.1, [1, 0, 0, 2], "inhalers in the title; inhaler and inhaled in the body");
        let asthma = a.terms.iter().find(|(s, _)| s == "asthma").unwrap();
        assert_eq!(asthma.1, [1, 1, 0, 0]);
        let forms: Vec<(&str, &str)> = a.forms.iter().map(|(f, s)| (f.as_str(), s.as_str())).collect();
        assert!(forms.contains(&("inhalers", "inhal")) && forms.contains(&("inhaled", "inhal")), "{forms:?}");
        assert!(forms.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
    }

    #[test]
    fn a_fragment_holds_what_a_result_shows_and_no_empty_details() {
        let d = doc();
        let a = analyse(&d, &mut Stems::new());
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
