//! Site search: signpost's own static index ([`engine`]), built from the
//! records the build already holds, in parallel with rendering.
//!
//! Each guideline, service and page becomes a [`SearchDoc`]: title, key
//! terms, summary and body by heading, weighted in that order, with filters
//! and the details a result shows. Clinical synonyms and abbreviations
//! ([`synonyms`]) travel with the index and are applied at query time.

pub mod engine;
pub mod synonyms;

use crate::files::OutputFile;
use std::sync::Arc;
pub use synonyms::Synonyms;

/// What kind of thing a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Guideline,
    Service,
    /// A service directory's page: its introduction, so "housing" finds
    /// the housing-and-warmth directory as well as its services.
    Directory,
    Page,
}

impl DocKind {
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Guideline => "Guideline",
            DocKind::Service => "Service",
            DocKind::Directory => "Directory",
            DocKind::Page => "Page",
        }
    }
}

/// One searchable thing, in plain fields; `body_html` is already sanitised.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    pub url: String,
    pub kind: DocKind,
    pub title: String,
    /// Terms that define it: a guideline's conditions, a service's categories and areas.
    pub key_terms: Vec<String>,
    /// Shown on the page as it is here: excerpts may quote it.
    pub summary: String,
    pub body_html: Arc<str>,
    /// Words that find the page but are not its text as a reader sees it.
    pub match_only: MatchOnly,
    /// Filter name and value; a name may repeat. An area's value is its
    /// slug, the key the services list and directory pages use in the URL
    /// too (`?area=weymouth-and-portland`), so one address means one area
    /// everywhere (issue 21).
    pub filters: Vec<(&'static str, String)>,
    /// How some of those values are shown: the search page lists them with
    /// these labels, in this order (an area in the areas tree's order,
    /// indented by depth). Values without one are listed as they are.
    pub filter_labels: Vec<FilterLabel>,
    /// Result details for the search page (status, review date, phone…).
    pub meta: Vec<(&'static str, String)>,
    /// Superseded and withdrawn guidelines: still found, ranked lower.
    pub demoted: bool,
}

/// A filter value's label and place in its list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FilterLabel {
    pub name: &'static str,
    pub value: String,
    pub label: String,
    /// Its place in the list: the area's position in the areas tree.
    pub order: usize,
    /// How far in the label is indented: the area's depth in the tree.
    pub depth: usize,
}

/// Plain text indexed like a page's summary or body but never written to
/// its fragment, so no excerpt can quote it: an excerpt is always words the
/// reader finds on the page (issue 12). A service's organisation is on its
/// page, but not next to its eligibility; "Serves every area: …" and
/// "How to refer: …" are not on it at all.
#[derive(Debug, Clone, Default)]
pub struct MatchOnly {
    pub summary: String,
    pub body: String,
}

/// Builds the search index: the files under `search/engine/` that the
/// search page's query script reads (format in `docs/search-index.md`).
pub fn build_index(docs: &[Arc<SearchDoc>], synonyms: &Synonyms) -> Vec<OutputFile> {
    let started = std::time::Instant::now();
    let files = engine::write_index(docs, synonyms);
    if std::env::var_os("SIGNPOST_TIMINGS").is_some() {
        eprintln!("timing: search index: {:.1}ms", started.elapsed().as_secs_f64() * 1000.0);
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, kind: DocKind) -> Arc<SearchDoc> {
        Arc::new(SearchDoc {
            url: url.into(),
            kind,
            title: "Asthma <adults>".into(),
            key_terms: vec!["Asthma".into()],
            summary: "Reduce SABA over-reliance".into(),
            body_html: "<h2 id=\"treatment\">Treatment</h2><p>Use an inhaled corticosteroid.</p>".into(),
            match_only: MatchOnly::default(),
            filters: vec![("condition", "Asthma".into()), ("status", "Approved".into())],
            meta: vec![("review_due", "10 January 2027".into())],
            filter_labels: Vec::new(),
            demoted: false,
        })
    }

    #[test]
    fn the_index_holds_every_doc_under_search_engine() {
        let docs = [doc("/guidelines/asthma/", DocKind::Guideline), doc("/services/rehab/", DocKind::Service)];
        let files = build_index(&docs, &Synonyms::new(&Default::default()));
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(paths.iter().all(|p| p.starts_with(engine::ROOT)), "{paths:?}");
        assert!(paths.contains(&"search/engine/entry.json"), "{paths:?}");
        let fragments: Vec<&&str> = paths.iter().filter(|p| p.contains("/fragments/")).collect();
        assert_eq!(fragments.len(), 2, "one fragment per doc: {paths:?}");
    }
}
