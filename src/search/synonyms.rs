//! Clinical synonyms and abbreviations, applied when a query is read.
//!
//! An index matches words, not meanings: a GP who types "SABA" would miss a
//! page that only says "short-acting beta agonist". Each group below lists
//! terms people use for the same thing; the index carries the groups in a
//! small file and the query script (`static/js/search-engine.js`) searches
//! every term of a group for any of them, in both directions.

use std::collections::BTreeMap;

/// The built-in UK primary-care set.
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

#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
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
        Synonyms { groups }
    }

    /// Each group's terms as written, for the query-time synonyms file of
    /// signpost's own index.
    pub fn groups(&self) -> impl Iterator<Item = Vec<&str>> {
        self.groups.iter().map(|g| g.iter().map(String::as_str).collect())
    }

    /// Every term in every group, for the search vocabulary.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().flatten().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Synonyms {
        Synonyms::new(&BTreeMap::new())
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
        let group_of = |term: &str| s.groups().find(|g| g.contains(&term)).unwrap_or_default();
        assert_eq!(group_of("emphysema"), ["COPD", "chronic obstructive pulmonary disease", "emphysema"]);
        assert_eq!(group_of("PRP"), ["PRP", "pulmonary rehab programme"]);
        assert_eq!(s.groups().count(), BUILT_IN.len() + 1, "COPD joined a built-in group, PRP started one");
    }
}
