//! Clinical synonyms and abbreviations, applied when pages are indexed.
//!
//! Pagefind matches words, not meanings: a GP who types "SABA" would miss a
//! page that only says "short-acting beta agonist". Each group below lists
//! terms people use for the same thing; a page that contains any of them is
//! indexed with the rest too, so every term finds it, in both directions.

use std::collections::BTreeMap;

/// The built-in UK primary-care set. Short all-capital terms (abbreviations)
/// match only as written, so "PR" finds rehabilitation but "pr" in other
/// text does not; longer terms match in any case.
const BUILT_IN: &[&[&str]] = &[
    &["COPD", "chronic obstructive pulmonary disease"],
    &["SABA", "short-acting beta agonist", "short-acting beta2 agonist", "salbutamol", "terbutaline"],
    &["LABA", "long-acting beta agonist", "long-acting beta2 agonist", "salmeterol", "formoterol"],
    &["LAMA", "long-acting muscarinic antagonist", "tiotropium", "umeclidinium", "glycopyrronium"],
    &["ICS", "inhaled corticosteroid", "inhaled corticosteroids", "inhaled steroid", "inhaled steroids"],
    &["MART", "maintenance and reliever therapy"],
    &["OCS", "oral corticosteroid", "oral corticosteroids", "oral steroids", "prednisolone"],
    &["LTOT", "long-term oxygen therapy", "home oxygen"],
    &["PR", "pulmonary rehabilitation", "pulmonary rehab"],
    &["BNP", "NT-proBNP", "natriuretic peptide", "B-type natriuretic peptide"],
    &["HF", "heart failure"],
    &["ECG", "electrocardiogram"],
    &["FeNO", "fractional exhaled nitric oxide"],
    &["MDI", "pMDI", "metered dose inhaler", "metered-dose inhaler", "pressurised metered dose inhaler"],
    &["DPI", "dry powder inhaler"],
    &["SMI", "soft mist inhaler"],
    &["GP", "general practitioner"],
    &["CKD", "chronic kidney disease"],
    &["AF", "atrial fibrillation"],
    &["MRC", "MRC dyspnoea scale", "Medical Research Council dyspnoea scale"],
    &["FEV1", "forced expiratory volume"],
    &["FVC", "forced vital capacity"],
    &["CXR", "chest X-ray", "chest radiograph"],
    &["echo", "echocardiogram", "echocardiography"],
    &["breathlessness", "dyspnoea", "shortness of breath"],
    &["mould", "mold"],
    &["damp", "condensation"],
    &["cold home", "fuel poverty", "heating"],
    &["benefits", "welfare benefits", "universal credit"],
    &["stop smoking", "smoking cessation", "quit smoking"],
];

/// A term of a synonym group, prepared for matching.
#[derive(Debug, Clone)]
struct Term {
    text: String,
    /// Matched as written (abbreviations), or in any case.
    exact_case: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Vec<Term>>,
}

impl Synonyms {
    /// The built-in set merged with a site's own (`site.yaml` `synonyms`):
    /// a site entry joins a built-in group that shares a term, or starts one.
    pub fn new(site: &BTreeMap<String, Vec<String>>) -> Self {
        let mut groups: Vec<Vec<String>> = BUILT_IN.iter().map(|g| g.iter().map(|t| t.to_string()).collect()).collect();
        for (term, alternatives) in site {
            let mut entry: Vec<String> = vec![term.clone()];
            entry.extend(alternatives.iter().cloned());
            let shared = groups.iter().position(|g| g.iter().any(|t| entry.iter().any(|e| e.eq_ignore_ascii_case(t))));
            match shared {
                Some(i) => {
                    for e in entry {
                        if !groups[i].iter().any(|t| t.eq_ignore_ascii_case(&e)) {
                            groups[i].push(e);
                        }
                    }
                }
                None => groups.push(entry),
            }
        }
        let groups = groups
            .into_iter()
            .map(|g| g.into_iter().map(|text| Term { exact_case: is_abbreviation(&text), text }).collect())
            .collect();
        Synonyms { groups }
    }

    /// Every term of every group that `text` mentions, except those it
    /// already contains: what to add to its index entry.
    pub fn expansions(&self, text: &str) -> Vec<String> {
        let haystack = Haystack::new(text);
        let mut extra = Vec::new();
        for group in &self.groups {
            let present: Vec<bool> = group.iter().map(|t| haystack.contains(t)).collect();
            if present.iter().any(|p| *p) {
                extra.extend(group.iter().zip(&present).filter(|(_, p)| !**p).map(|(t, _)| t.text.clone()));
            }
        }
        extra
    }

    /// Each group's terms as written, for the query-time synonyms file of
    /// signpost's own index.
    pub fn groups(&self) -> impl Iterator<Item = Vec<&str>> {
        self.groups.iter().map(|g| g.iter().map(|t| t.text.as_str()).collect())
    }

    /// Every term in every group, for the search vocabulary.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().flatten().map(|t| t.text.as_str())
    }
}

/// `SABA`, `FeNO`, `NT-proBNP` keep their case; `breathlessness` does not.
fn is_abbreviation(term: &str) -> bool {
    let letters: Vec<char> = term.chars().filter(|c| c.is_alphabetic()).collect();
    term.len() <= 6 && !term.contains(' ') && letters.iter().filter(|c| c.is_uppercase()).count() >= 2
}

/// A text tokenised once, for whole-word and whole-phrase lookups.
struct Haystack {
    /// Words as written, space-separated, with a space at each end.
    exact: String,
    lower: String,
}

impl Haystack {
    fn new(text: &str) -> Self {
        let mut exact = String::with_capacity(text.len() + 2);
        exact.push(' ');
        let mut last_space = true;
        for c in text.chars() {
            if c.is_alphanumeric() {
                exact.push(c);
                last_space = false;
            } else if !last_space {
                exact.push(' ');
                last_space = true;
            }
        }
        if !last_space {
            exact.push(' ');
        }
        let lower = exact.to_lowercase();
        Haystack { exact, lower }
    }

    fn contains(&self, term: &Term) -> bool {
        let words: Vec<String> = Haystack::new(&term.text).exact.split_whitespace().map(str::to_string).collect();
        let needle = format!(" {} ", words.join(" "));
        if term.exact_case { self.exact.contains(&needle) } else { self.lower.contains(&needle.to_lowercase()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Synonyms {
        Synonyms::new(&BTreeMap::new())
    }

    #[test]
    fn an_abbreviation_brings_its_expansion_and_back() {
        let s = built_in();
        let from_short = s.expansions("Review SABA use at every visit.");
        assert!(from_short.contains(&"short-acting beta agonist".to_string()), "{from_short:?}");
        let from_long = s.expansions("People with chronic obstructive pulmonary disease");
        assert!(from_long.contains(&"COPD".to_string()), "{from_long:?}");
        assert!(
            !from_long.contains(&"chronic obstructive pulmonary disease".to_string()),
            "present terms are not added again"
        );
    }

    #[test]
    fn abbreviations_match_as_written_and_whole() {
        let s = built_in();
        assert!(s.expansions("Refer to PR after an exacerbation").contains(&"pulmonary rehabilitation".to_string()));
        assert!(s.expansions("a pr agency and sprays").is_empty(), "lower-case pr and parts of words do not count");
        assert!(!s.expansions("Check NT-proBNP").contains(&"heart failure".to_string()));
        assert!(s.expansions("Check NT-proBNP").contains(&"BNP".to_string()));
    }

    #[test]
    fn every_required_abbreviation_is_built_in() {
        let s = built_in();
        let terms: Vec<&str> = s.terms().collect();
        for abbreviation in [
            "COPD",
            "SABA",
            "LABA",
            "LAMA",
            "ICS",
            "MART",
            "OCS",
            "LTOT",
            "PR",
            "BNP",
            "NT-proBNP",
            "HF",
            "ECG",
            "FeNO",
            "MDI",
            "pMDI",
            "DPI",
            "SMI",
            "GP",
            "CKD",
            "AF",
        ] {
            assert!(terms.contains(&abbreviation), "{abbreviation}");
        }
    }

    #[test]
    fn site_synonyms_join_or_start_groups() {
        let mut site = BTreeMap::new();
        site.insert("COPD".to_string(), vec!["emphysema".to_string()]);
        site.insert("PRP".to_string(), vec!["pulmonary rehab programme".to_string()]);
        let s = Synonyms::new(&site);
        assert!(s.expansions("emphysema clinic").contains(&"COPD".to_string()));
        assert!(s.expansions("COPD").contains(&"emphysema".to_string()));
        assert!(s.expansions("Join the pulmonary rehab programme").contains(&"PRP".to_string()));
    }
}
