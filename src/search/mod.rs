//! Site search: Pagefind's index, built in process from what the build
//! already holds, plus what Pagefind lacks for clinical use: synonyms and
//! abbreviations (applied at index time) and a vocabulary for typo
//! suggestions (used by the search page).
//!
//! Each guideline, service and page becomes a small HTML record written for
//! the indexer, not the page people see: title, key terms and summary carry
//! more weight than body text, and filters and result details ride along as
//! Pagefind attributes.

pub mod engine;
pub mod synonyms;
pub mod vocabulary;

use crate::render::templates::escape_html;
use crate::render::{FileData, OutputFile};
use std::sync::Arc;
pub use synonyms::Synonyms;
use vocabulary::Vocabulary;

/// Whether and when the search index is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    /// No index (`build --no-search`); the search page says so.
    Off,
    /// Built with the pages, in parallel with rendering them.
    Inline,
    /// The docs are handed back for the caller to index later (the preview
    /// server does this in the background, so a save reloads at once).
    Deferred,
}

/// What kind of thing a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Guideline,
    Service,
    Page,
}

impl DocKind {
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Guideline => "Guideline",
            DocKind::Service => "Service",
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
    pub summary: String,
    pub body_html: String,
    /// Filter name and value; a name may repeat.
    pub filters: Vec<(&'static str, String)>,
    /// Result details for the search page (status, review date, phone…).
    pub meta: Vec<(&'static str, String)>,
    /// Superseded and withdrawn guidelines: still found, ranked lower.
    pub demoted: bool,
}

/// How much each part counts when Pagefind ranks results (body text is 1):
/// (title, key terms, summary) for current and for demoted docs.
const WEIGHTS: [u8; 3] = [10, 7, 5];
const DEMOTED_WEIGHTS: [u8; 3] = [3, 2, 2];

/// The HTML Pagefind indexes for one doc. A synonym counts as much as the
/// part that mentions it: an abbreviation in a title is expanded with the
/// title's weight, one in the body with the body's.
pub fn record_html(doc: &SearchDoc, synonyms: &Synonyms) -> String {
    let [title_weight, key_weight, summary_weight] = if doc.demoted { DEMOTED_WEIGHTS } else { WEIGHTS };
    let key_terms = doc.key_terms.join(", ");
    let parts = [doc.title.as_str(), key_terms.as_str(), doc.summary.as_str(), &strip_tags(&doc.body_html)];
    let mut seen: Vec<String> = Vec::new();
    let mut expansions: Vec<Vec<String>> = Vec::new();
    for part in parts {
        let new: Vec<String> = synonyms.expansions(part).into_iter().filter(|t| !seen.contains(t)).collect();
        seen.extend(new.iter().cloned());
        expansions.push(new);
    }
    let mut html = String::with_capacity(doc.body_html.len() + 1024);
    html.push_str("<!DOCTYPE html><html lang=\"en\"><body><div data-pagefind-body>");
    html.push_str(&format!(
        "<h1 data-pagefind-weight=\"{title_weight}\" data-pagefind-meta=\"title\">{}</h1>",
        escape_html(&doc.title)
    ));
    let weighted = |html: &mut String, weight: u8, text: &str| {
        if !text.is_empty() {
            html.push_str(&format!("<p data-pagefind-weight=\"{weight}\">{}</p>", escape_html(text)));
        }
    };
    weighted(&mut html, summary_weight, &doc.summary);
    html.push_str(&doc.body_html);
    // Key terms and synonyms go last: excerpts come from the first place the
    // words match, and read better from the summary and body than from lists.
    weighted(&mut html, key_weight, &key_terms);
    weighted(&mut html, title_weight, &expansions[0].join(", "));
    weighted(&mut html, key_weight, &expansions[1].join(", "));
    weighted(&mut html, summary_weight, &expansions[2].join(", "));
    if !expansions[3].is_empty() {
        html.push_str(&format!("<p>Related terms: {}.</p>", escape_html(&expansions[3].join(", "))));
    }
    // Filters and details: processed by Pagefind, but not indexed as words.
    html.push_str("<div data-pagefind-ignore>");
    html.push_str(&format!("<span data-pagefind-filter=\"type\">{}</span>", doc.kind.label()));
    for (name, value) in &doc.filters {
        html.push_str(&format!("<span data-pagefind-filter=\"{name}\">{}</span>", escape_html(value)));
    }
    html.push_str(&format!("<span data-pagefind-meta=\"type\">{}</span>", doc.kind.label()));
    for (name, value) in &doc.meta {
        html.push_str(&format!("<span data-pagefind-meta=\"{name}\">{}</span>", escape_html(value)));
    }
    html.push_str("</div></div></body></html>");
    html
}

/// Text of an HTML fragment, for finding which synonyms a page mentions.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
}

/// The vocabulary for typo suggestions, from every doc.
pub fn vocabulary(docs: &[Arc<SearchDoc>], synonyms: &Synonyms) -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    for term in synonyms.terms() {
        vocabulary.add_terms(term);
    }
    for doc in docs {
        vocabulary.add_terms(&doc.title);
        vocabulary.add_terms(&doc.key_terms.join(" "));
        vocabulary.add_text(&doc.summary);
        vocabulary.add_text(&strip_tags(&doc.body_html));
    }
    vocabulary
}

/// Builds the search index: Pagefind's and the vocabulary (the files under
/// `pagefind/` and `search/vocabulary.json`), and signpost's own under
/// `search/engine/` when `SIGNPOST_SEARCH_ENGINE` asks for it (experimental,
/// see [`engine`]).
pub fn build_index(docs: &[Arc<SearchDoc>], synonyms: &Synonyms) -> Result<Vec<OutputFile>, String> {
    let own = engine::requested();
    let mut out = if own == engine::Requested::OwnOnly { Vec::new() } else { pagefind_index(docs, synonyms)? };
    if own != engine::Requested::PagefindOnly {
        let started = std::time::Instant::now();
        out.extend(engine::write_index(docs, synonyms));
        if std::env::var_os("SIGNPOST_TIMINGS").is_some() {
            eprintln!("timing: own search index: {:.1}ms", started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok(out)
}

/// Pagefind's index and the vocabulary of the live search page.
fn pagefind_index(docs: &[Arc<SearchDoc>], synonyms: &Synonyms) -> Result<Vec<OutputFile>, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .max_blocking_threads(1)
        .build()
        .map_err(|e| format!("search: cannot start the indexer: {e}"))?;
    let files = runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder().force_language("en".to_string()).build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        let started = std::time::Instant::now();
        // One record at a time: holding every record's HTML at once costs
        // hundreds of megabytes on a large site.
        for doc in docs {
            let html = record_html(doc, synonyms);
            index.add_html_file(None, Some(doc.url.clone()), html).await.map_err(|e| format!("{}: {e}", doc.url))?;
        }
        if std::env::var_os("SIGNPOST_TIMINGS").is_some() {
            eprintln!("timing: search records: {:.1}ms", started.elapsed().as_secs_f64() * 1000.0);
        }
        let files = index.get_files().await.map_err(|e| e.to_string());
        if std::env::var_os("SIGNPOST_TIMINGS").is_some() {
            eprintln!("timing: search index: {:.1}ms", started.elapsed().as_secs_f64() * 1000.0);
        }
        files
    })?;
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            let name = name.trim_start_matches("./").trim_start_matches('/');
            let path = if name.starts_with("pagefind/") { name.to_string() } else { format!("pagefind/{name}") };
            OutputFile { path, data: FileData::Bytes(f.contents.into()) }
        })
        .collect();
    out.push(OutputFile {
        path: "search/vocabulary.json".into(),
        data: FileData::text(vocabulary(docs, synonyms).to_json()),
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> SearchDoc {
        SearchDoc {
            url: "/guidelines/asthma/".into(),
            kind: DocKind::Guideline,
            title: "Asthma <adults>".into(),
            key_terms: vec!["Asthma".into()],
            summary: "Reduce SABA over-reliance".into(),
            body_html: "<h2 id=\"treatment\">Treatment</h2><p>Use an inhaled corticosteroid.</p>".into(),
            filters: vec![("condition", "Asthma".into()), ("status", "Approved".into())],
            meta: vec![("review_due", "10 January 2027".into())],
            demoted: false,
        }
    }

    #[test]
    fn records_weight_titles_and_carry_synonyms_filters_and_details() {
        let html = record_html(&doc(), &Synonyms::new(&Default::default()));
        assert!(
            html.contains("<h1 data-pagefind-weight=\"10\" data-pagefind-meta=\"title\">Asthma &lt;adults&gt;</h1>")
        );
        assert!(html.contains("short-acting beta agonist"), "SABA brings its expansion");
        assert!(html.contains("ICS"), "inhaled corticosteroid brings its abbreviation");
        assert!(html.contains("<span data-pagefind-filter=\"condition\">Asthma</span>"));
        assert!(html.contains("<span data-pagefind-meta=\"review_due\">10 January 2027</span>"));
        assert!(html.contains("<h2 id=\"treatment\">"), "headings keep ids for sub-results");
    }

    #[test]
    fn synonyms_of_key_terms_weigh_as_much_as_the_terms() {
        let mut d = doc();
        d.key_terms = vec!["COPD".into()];
        let html = record_html(&d, &Synonyms::new(&Default::default()));
        assert!(html.contains("<p data-pagefind-weight=\"7\">chronic obstructive pulmonary disease</p>"), "{html}");
        d.demoted = true;
        let html = record_html(&d, &Synonyms::new(&Default::default()));
        assert!(html.contains("<h1 data-pagefind-weight=\"3\""), "superseded guidance ranks lower");
    }

    #[test]
    fn the_index_holds_every_doc() {
        let mut second = doc();
        second.url = "/services/rehab/".into();
        second.kind = DocKind::Service;
        let files = build_index(&[Arc::new(doc()), Arc::new(second)], &Synonyms::new(&Default::default())).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(paths.contains(&"pagefind/pagefind.js"), "{paths:?}");
        assert!(paths.iter().any(|p| p.starts_with("pagefind/pagefind-entry.json")), "{paths:?}");
        assert_eq!(paths.iter().filter(|p| p.starts_with("pagefind/fragment/")).count(), 2, "{paths:?}");
        assert!(paths.contains(&"search/vocabulary.json"));
    }
}
