//! Clinical synonyms, abbreviations and lay words, applied when a query is
//! read.
//!
//! An index matches words, not meanings: a GP who types "SOB" would miss a
//! page that only says "breathlessness", and a patient's "brown inhaler" a
//! page about preventers. Each group of the built-in lexicon
//! (`lexicon.yaml`, beside this file, with the source of every entry) lists
//! terms people use for the same thing; the index carries the groups in a
//! small file and the query script (`static/js/search-engine.js`) searches
//! every term of a group for any of them, in both directions, a phrase as a
//! unit. The lexicon stands on its own: a site with no synonyms of its own
//! still understands the shorthand of UK primary care (issue 21).

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The built-in lexicon, embedded so every site has it.
const LEXICON_YAML: &str = include_str!("lexicon.yaml");

/// One group of the lexicon as written: its terms and where they come from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconEntry {
    pub terms: Vec<String>,
    /// The source or reason for the group (a NICE guideline, the BNF,
    /// "common patient term"): kept so a reviewer can check each entry.
    pub source: String,
}

/// The lexicon, read once per process. The file is part of the binary, so
/// a mistake in it is a bug that the unit tests catch, not a user's error.
pub fn lexicon() -> &'static [LexiconEntry] {
    static LEXICON: OnceLock<Vec<LexiconEntry>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        serde_saphyr::from_str(LEXICON_YAML).unwrap_or_else(|e| panic!("src/search/lexicon.yaml does not parse: {e}"))
    })
}

#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
}

impl Synonyms {
    /// The built-in set merged with a site's own (`site.yaml` `synonyms`):
    /// a site entry joins a built-in group that shares a term, or starts one.
    pub fn new(site: &BTreeMap<String, Vec<String>>) -> Self {
        let mut groups: Vec<Vec<String>> = lexicon().iter().map(|entry| entry.terms.clone()).collect();
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
    fn the_lexicon_has_300_groups_each_with_its_source_and_each_term_once() {
        let entries = lexicon();
        assert!(entries.len() >= 300, "{} groups", entries.len());
        let mut seen = std::collections::HashMap::new();
        for (n, entry) in entries.iter().enumerate() {
            assert!(entry.source.trim().len() >= 3, "group {n} ({:?}) has no source", entry.terms);
            assert!(entry.terms.len() >= 2, "group {n} ({:?}) has nothing to map to", entry.terms);
            for term in &entry.terms {
                assert!(!term.trim().is_empty(), "group {n} has an empty term");
                if let Some(first) = seen.insert(term.to_lowercase(), n) {
                    panic!("{term:?} is in groups {first} and {n}: a term belongs to one group");
                }
            }
        }
    }

    #[test]
    fn the_shorthand_and_lay_words_of_issue_21_share_a_group_with_what_they_mean() {
        let s = built_in();
        let group_of = |term: &str| -> Vec<String> {
            s.groups()
                .find(|g| g.iter().any(|t| t.eq_ignore_ascii_case(term)))
                .unwrap_or_else(|| panic!("{term:?} is in no group"))
                .iter()
                .map(|t| t.to_lowercase())
                .collect()
        };
        for (term, means) in [
            ("SOB", "short of breath"),
            ("SOB", "breathlessness"),
            ("SOBOE", "short of breath on exertion"),
            ("sats", "SpO2"),
            ("sats", "oxygen saturation"),
            ("flare up", "exacerbation"),
            ("puffer", "inhaler"),
            ("blue inhaler", "reliever"),
            ("brown inhaler", "preventer"),
            ("purple inhaler", "combination inhaler"),
            ("water tablets", "diuretic"),
            ("chest infection", "LRTI"),
            ("can't pay", "arrears"),
            ("can't pay", "debt"),
            ("gas and electric bill", "energy bill"),
        ] {
            assert!(
                group_of(term).contains(&means.to_lowercase()),
                "{term:?} does not find {means:?}: {:?}",
                group_of(term)
            );
        }
    }

    #[test]
    fn a_site_without_synonyms_has_the_whole_lexicon() {
        assert_eq!(built_in().groups().count(), lexicon().len());
        assert!(built_in().terms().count() > 1000);
    }

    #[test]
    fn site_synonyms_join_or_start_groups() {
        let mut site = BTreeMap::new();
        site.insert("COAD".to_string(), vec!["chronic airflow limitation".to_string()]);
        site.insert("PRP".to_string(), vec!["pulmonary rehab programme".to_string()]);
        let s = Synonyms::new(&site);
        let group_of = |term: &str| s.groups().find(|g| g.contains(&term)).unwrap_or_default();
        assert_eq!(
            group_of("chronic airflow limitation")[4..],
            ["emphysema", "chronic bronchitis", "chronic airflow limitation"]
        );
        assert_eq!(group_of("PRP"), ["PRP", "pulmonary rehab programme"]);
        assert_eq!(s.groups().count(), lexicon().len() + 1, "COPD joined a built-in group, PRP started one");
    }
}
