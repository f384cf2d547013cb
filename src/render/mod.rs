//! The render stage: validated content in, output files out.
//!
//! Markdown is rendered first (in parallel), so links and anchors can be
//! checked across pages; then every page goes through its template (in
//! parallel). Nothing here writes to disk: the result is a list of
//! [`OutputFile`]s for `output` to write, or for the preview server to hold.

pub mod feeds;
mod inputs;
mod pages;
mod plan;
mod search_docs;
pub mod templates;
pub mod views;

use crate::config::SiteConfig;
use crate::content::Content;
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::links::{self, LinkIndex};
use crate::markdown::{self, Rendered};
use crate::search::{SearchDoc, SearchMode, Synonyms};
use crate::urls::Urls;
use inputs::Markdown;
use pages::Page;
use plan::{Plan, ViewCaches};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use templates::Theme;

/// One file of the built site, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub data: FileData,
}

#[derive(Debug, Clone)]
pub enum FileData {
    /// Shared, so the preview server can keep a page across rebuilds.
    Bytes(Arc<[u8]>),
    Embedded(&'static [u8]),
    /// Copied from a file of the site (static files, content assets).
    Copy(PathBuf),
}

impl FileData {
    pub fn text(text: String) -> Self {
        FileData::Bytes(Arc::from(text.into_bytes()))
    }
}

pub struct RenderInput<'a> {
    pub content: &'a Content,
    pub config: &'a SiteConfig,
    pub urls: &'a Urls,
    pub today: Date,
    pub theme: &'a Theme,
    pub links: &'a LinkIndex,
    /// Source file versions by `rel`, for reusing cached work.
    pub versions: &'a HashMap<&'a str, u64>,
    /// A hash of what `config`, `urls` and `today` were made from
    /// (`site.yaml`'s text, `--base-url`, today): every page reads them.
    pub settings_fingerprint: u64,
    pub search: SearchMode,
    pub synonyms: &'a Synonyms,
}

/// Rendered Markdown by source `rel`, with the fingerprint of its inputs.
type MarkdownCache = HashMap<String, (u64, Arc<Vec<Rendered>>)>;

/// Work kept from the previous build, reused where its inputs are unchanged.
#[derive(Default, Clone)]
pub struct RenderCache {
    /// Markdown of one source file (a directory holds several), by `rel`.
    markdown: MarkdownCache,
    /// A page's bytes by output path, with the fingerprint of its inputs.
    pages: HashMap<String, (u64, Arc<[u8]>)>,
    /// A page's search record, likewise.
    docs: HashMap<String, (u64, Arc<SearchDoc>)>,
    /// Guideline summaries and services, which many pages show.
    views: ViewCaches,
}

#[derive(Default)]
pub struct RenderOutput {
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many pages went through a template (the rest came from the cache).
    pub pages_rendered: usize,
    pub pages_total: usize,
    /// With `SearchMode::Deferred`: every search doc and a fingerprint of them all.
    pub search_docs: Option<(u64, Vec<Arc<SearchDoc>>)>,
}

/// Everything Markdown turned into, keyed the way views need it.
struct Bodies {
    guidelines: Vec<Markdown>,
    pages: Vec<Markdown>,
    home: Option<Markdown>,
    /// Per directory: its description, then each service's description.
    directories: Vec<Markdown>,
}

/// Renders the site, reusing `cache` where it can; returns the new cache.
pub fn render(
    input: &RenderInput,
    cache: &RenderCache,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (RenderOutput, RenderCache) {
    let mut out = RenderOutput::default();
    let (bodies, markdown_cache) = render_markdown(input, cache);
    out.diagnostics.extend(link_diagnostics(input.content, &bodies));

    let (plan, views_cache) = Plan::new(input, &bodies, &cache.views);
    // A page's fingerprint is the hash of everything it reads: what all
    // pages read, and its own inputs. Worked out once, with its output
    // path, for both the search records and the pages.
    let shared_fingerprint = fingerprint(&plan.shared);
    let jobs: Vec<(Page, String, u64)> = plan
        .pages()
        .into_par_iter()
        .map(|page| {
            let path = page.output_path();
            let fingerprint = fingerprint(&(shared_fingerprint, &page));
            (page, path, fingerprint)
        })
        .collect();
    let total = jobs.len();
    out.pages_total = total;
    let (docs, docs_cache) = search_docs(&plan, &jobs, cache, input.search);
    // The index is built on its own thread while the pages render.
    let indexer = (input.search == SearchMode::Inline).then(|| {
        let docs: Vec<Arc<SearchDoc>> = docs.iter().map(|(_, d)| d.clone()).collect();
        let synonyms = input.synonyms.clone();
        std::thread::spawn(move || crate::search::build_index(&docs, &synonyms))
    });
    if input.search == SearchMode::Deferred {
        let all_fingerprint = fingerprint(&docs.iter().map(|(f, _)| *f).collect::<Vec<_>>());
        out.search_docs = Some((all_fingerprint, docs.iter().map(|(_, d)| d.clone()).collect()));
    }
    let done = std::sync::atomic::AtomicUsize::new(0);
    let rendered: Vec<(u64, Result<OutputFile, Diagnostic>, bool)> = jobs
        .into_par_iter()
        .map(|(page, path, fingerprint)| {
            let (result, fresh) = match cache.pages.get(&path) {
                Some((old, bytes)) if *old == fingerprint => {
                    (Ok(OutputFile { path, data: FileData::Bytes(bytes.clone()) }), false)
                }
                _ => (page.render(&plan.shared), true),
            };
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, total);
            (fingerprint, result, fresh)
        })
        .collect();
    let mut new_cache =
        RenderCache { markdown: markdown_cache, pages: HashMap::default(), docs: docs_cache, views: views_cache };
    for (fingerprint, result, fresh) in rendered {
        match result {
            Ok(file) => {
                if let FileData::Bytes(bytes) = &file.data {
                    new_cache.pages.insert(file.path.clone(), (fingerprint, bytes.clone()));
                }
                out.pages_rendered += usize::from(fresh);
                out.files.push(file);
            }
            Err(d) => out.diagnostics.push(d),
        }
    }
    out.files.extend(theme_assets(input.theme));
    if let Some(indexer) = indexer {
        match indexer.join() {
            Ok(files) => out.files.extend(files),
            Err(_) => out.diagnostics.push(Diagnostic::general("search index: the indexer stopped unexpectedly")),
        }
    }
    (out, new_cache)
}

type DocsCache = HashMap<String, (u64, Arc<SearchDoc>)>;

/// The search record of every guideline, service and page, reusing cached
/// ones whose page fingerprint is unchanged; with each its fingerprint.
fn search_docs(
    plan: &Plan,
    jobs: &[(Page, String, u64)],
    cache: &RenderCache,
    mode: SearchMode,
) -> (Vec<(u64, Arc<SearchDoc>)>, DocsCache) {
    if mode == SearchMode::Off {
        return (Vec::new(), DocsCache::default());
    }
    let docs: Vec<(String, u64, Arc<SearchDoc>)> = jobs
        .par_iter()
        .filter_map(|(page, path, fingerprint)| {
            let doc = match cache.docs.get(path) {
                Some((old, doc)) if old == fingerprint => doc.clone(),
                _ => Arc::new(page.search_doc(&plan.shared)?),
            };
            Some((path.clone(), *fingerprint, doc))
        })
        .collect();
    let mut new_cache = DocsCache::default();
    let mut list = Vec::with_capacity(docs.len());
    for (path, fingerprint, doc) in docs {
        new_cache.insert(path, (fingerprint, doc.clone()));
        list.push((fingerprint, doc));
    }
    (list, new_cache)
}

fn render_markdown(input: &RenderInput, cache: &RenderCache) -> (Bodies, MarkdownCache) {
    let c = input.content;
    let link_fp = input.links.fingerprint();
    // Reuses a file's Markdown while neither it nor the set of link targets changed.
    let cached = |source: &str, make: &dyn Fn() -> Vec<Rendered>| -> (String, u64, Arc<Vec<Rendered>>) {
        let key = fingerprint(&(input.versions.get(source), link_fp));
        match cache.markdown.get(source) {
            Some((old, rendered)) if *old == key => (source.to_string(), key, rendered.clone()),
            _ => (source.to_string(), key, Arc::new(make())),
        }
    };
    let render = |text: &str, line: u64, source: &str, key: &str| {
        markdown::render(text, line, &input.links.for_file(source, key))
    };
    let guidelines: Vec<_> = c
        .guidelines
        .par_iter()
        .map(|g| cached(&g.source, &|| vec![render(&g.body.text, g.body.first_line, &g.source, &g.key)]))
        .collect();
    let pages: Vec<_> = c
        .pages
        .par_iter()
        .map(|p| cached(&p.source, &|| vec![render(&p.body.text, p.body.first_line, &p.source, &p.key)]))
        .collect();
    let home =
        c.home.as_ref().map(|h| cached(&h.source, &|| vec![render(&h.body.text, h.body.first_line, &h.source, "")]));
    let directories: Vec<_> = c
        .directories
        .par_iter()
        .map(|d| {
            cached(&d.source, &|| {
                // `\0` is no page's key, so `#anchor` links in YAML text are not checked against a page.
                let mut all = vec![render(&d.description, 1, &d.source, "\u{0}")];
                all.extend(d.services.iter().map(|s| render(&s.description, s.description_line, &d.source, "\u{0}")));
                all
            })
        })
        .collect();
    let mut new_cache = HashMap::default();
    let mut keep = |items: &[(String, u64, Arc<Vec<Rendered>>)]| -> Vec<Markdown> {
        items
            .iter()
            .map(|(source, key, rendered)| {
                new_cache.insert(source.clone(), (*key, rendered.clone()));
                Markdown::new(*key, rendered.clone())
            })
            .collect()
    };
    let bodies = Bodies {
        guidelines: keep(&guidelines),
        pages: keep(&pages),
        home: home.map(|h| keep(std::slice::from_ref(&h)).remove(0)),
        directories: keep(&directories),
    };
    (bodies, new_cache)
}

/// A stable hash of anything hashable; equal inputs, equal fingerprints.
pub fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Broken links and missing anchors, with the file and place of each.
fn link_diagnostics(content: &Content, bodies: &Bodies) -> Vec<Diagnostic> {
    let mut sources: Vec<(&str, &str, &Rendered)> = Vec::new();
    for (g, body) in content.guidelines.iter().zip(&bodies.guidelines) {
        sources.push((&g.source, &g.key, body.first()));
    }
    for (p, body) in content.pages.iter().zip(&bodies.pages) {
        sources.push((&p.source, &p.key, body.first()));
    }
    if let (Some(h), Some(body)) = (&content.home, &bodies.home) {
        sources.push((&h.source, "", body.first()));
    }
    for (d, markdown) in content.directories.iter().zip(&bodies.directories) {
        sources.extend(markdown.rendered().iter().map(|r| (d.source.as_str(), "\u{0}", r)));
    }
    // Heading sets only for pages some link points into: most have none.
    let targets: HashSet<&str> =
        sources.iter().flat_map(|(_, _, r)| r.anchor_checks.iter().map(|c| c.page_key.as_str())).collect();
    let headings: HashMap<&str, HashSet<&str>> = sources
        .iter()
        .filter(|(_, key, _)| targets.contains(key))
        .map(|(_, key, r)| (*key, r.heading_ids.iter().map(String::as_str).collect()))
        .collect();
    let mut out = Vec::new();
    for (source, _, rendered) in sources {
        for p in &rendered.problems {
            out.push(Diagnostic::error(source, p.message.clone()).at(p.line, p.col).field("link"));
        }
        out.extend(links::check_anchors(source, &rendered.anchor_checks, &headings));
    }
    out
}

fn theme_assets(theme: &Theme) -> Vec<OutputFile> {
    theme
        .assets
        .iter()
        .map(|a| match a {
            templates::ThemeAsset::Embedded { dest, bytes } => {
                OutputFile { path: dest.clone(), data: FileData::Embedded(bytes) }
            }
            templates::ThemeAsset::OnDisk { dest, path } => {
                OutputFile { path: dest.clone(), data: FileData::Copy(path.clone()) }
            }
        })
        .collect()
}
