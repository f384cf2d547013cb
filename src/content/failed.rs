//! What failed to load, as data.
//!
//! A file with errors is left out of the content. A check elsewhere that
//! looks for something the file would have held (a service id, a page to
//! link to) would then pile a second, misleading error on the first. So the
//! stage where a file fails records it here with its kind, and later checks
//! skip only what truly depends on that file: a broken plain page must not
//! silence an unknown service id, or the author fixes one error only to meet
//! the next, when the contract promises every error in one run.

/// One content source that did not load, wholly or in part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FailedSource {
    /// A guideline, by key (`guidelines/copd`).
    Guideline { key: String },
    /// A plain page, by key (`about`, `help/contact`).
    Page { key: String },
    /// The home page text, `content/_index.md`.
    Home,
    /// A service directory, by slug (`housing`), with the services it lost.
    Directory { slug: String, lost: LostServices },
    /// A table under `data/`, by the name templates know it by.
    Data { name: String },
}

/// Which services a directory with errors failed to deliver.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LostServices {
    /// The file did not read, or a service without a readable id did not:
    /// any id could have been there.
    Any,
    /// Only these services did not read, and their ids are known.
    Ids(Vec<String>),
}

impl LostServices {
    /// Adds what another broken service lost; an unknown id makes it `Any`.
    pub fn add(&mut self, id: Option<&str>) {
        match (self, id) {
            (LostServices::Ids(ids), Some(id)) => ids.push(id.to_string()),
            (lost, _) => *lost = LostServices::Any,
        }
    }

    fn could_hold(&self, id: &str) -> bool {
        match self {
            LostServices::Any => true,
            LostServices::Ids(ids) => ids.iter().any(|lost| lost == id),
        }
    }
}

/// Every source that failed in a build.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Failures(Vec<FailedSource>);

impl Failures {
    pub fn push(&mut self, failed: FailedSource) {
        self.0.push(failed);
    }

    /// Whether the guideline with this key failed to load.
    pub fn has_guideline(&self, key: &str) -> bool {
        self.0.iter().any(|f| matches!(f, FailedSource::Guideline { key: k } if k == key))
    }

    /// Whether the page (guideline or plain page) with this key failed to
    /// load, so a link to it is not also reported as broken.
    pub fn has_page(&self, key: &str) -> bool {
        self.0.iter().any(|f| match f {
            FailedSource::Guideline { key: k } | FailedSource::Page { key: k } => k == key,
            _ => false,
        })
    }

    /// Whether the directory with this slug failed to load, wholly or in part.
    pub fn has_directory(&self, slug: &str) -> bool {
        self.0.iter().any(|f| matches!(f, FailedSource::Directory { slug: s, .. } if s == slug))
    }

    /// Whether a service with this id might exist but for a directory's
    /// errors, so "no such service" may be wrong.
    pub fn could_hold_service(&self, id: &str) -> bool {
        self.0.iter().any(|f| matches!(f, FailedSource::Directory { lost, .. } if lost.could_hold(id)))
    }
}

impl FromIterator<FailedSource> for Failures {
    fn from_iter<I: IntoIterator<Item = FailedSource>>(iter: I) -> Self {
        Failures(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory(lost: LostServices) -> FailedSource {
        FailedSource::Directory { slug: "housing".into(), lost }
    }

    #[test]
    fn only_a_directory_can_hide_a_service() {
        let failures: Failures = [
            FailedSource::Page { key: "about".into() },
            FailedSource::Guideline { key: "guidelines/copd".into() },
            FailedSource::Home,
        ]
        .into_iter()
        .collect();
        assert!(!failures.could_hold_service("rehab-town"));
        assert!(failures.has_page("about"));
        assert!(failures.has_page("guidelines/copd"));
        assert!(!failures.has_guideline("about"));
        assert!(!failures.has_directory("about"));
    }

    #[test]
    fn a_directory_hides_only_the_services_it_lost() {
        let failures: Failures = [directory(LostServices::Ids(vec!["warm-homes".into()]))].into_iter().collect();
        assert!(failures.could_hold_service("warm-homes"));
        assert!(!failures.could_hold_service("rehab-town"));
        assert!(failures.has_directory("housing"));
        assert!(!failures.has_page("services/housing"));

        let failures: Failures = [directory(LostServices::Any)].into_iter().collect();
        assert!(failures.could_hold_service("rehab-town"));
    }

    #[test]
    fn a_service_without_a_readable_id_could_be_any() {
        let mut lost = LostServices::Ids(Vec::new());
        lost.add(Some("warm-homes"));
        assert_eq!(lost, LostServices::Ids(vec!["warm-homes".into()]));
        lost.add(None);
        assert_eq!(lost, LostServices::Any);
        lost.add(Some("later"));
        assert_eq!(lost, LostServices::Any);
    }
}
