//! The render stage: validated content in, output files out.
//!
//! Markdown is rendered first (in parallel), so links and anchors can be
//! checked across pages; then every page goes through its template (in
//! parallel). With a sink (`build`) each page goes to it as soon as it is
//! made; without one the result is a list of
//! [`OutputFile`]s for `output` to write, or for the preview server to hold.

mod compact;
pub mod feeds;
mod inputs;
mod pages;
mod paging;
mod plan;
mod search_docs;
pub mod templates;
pub mod views;
pub mod worker;

use crate::config::SearchMode;
use crate::config::SiteConfig;
use crate::content::Content;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Severity};
use crate::files::{FileData, FileSink, OutputFile};
use crate::fingerprint::fingerprint;
use crate::links::{self, LinkIndex};
use crate::markdown::{self, Rendered};
use crate::search::{SearchDoc, Synonyms};
use crate::urls::Urls;
use inputs::Markdown;
use pages::Page;
use plan::{Plan, ViewCaches};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;
use templates::Theme;

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
    /// Where each page goes as soon as it is rendered (`build`), so the
    /// pages of a large site are never all in memory at once; without one
    /// (`check`, the preview) they are returned and cached.
    pub sink: Option<&'a dyn FileSink>,
}

/// Rendered Markdown by [`name_key`] of its source `rel`, with the fingerprint of its inputs.
type MarkdownCache = HashMap<u64, (u64, Arc<Vec<Rendered>>)>;

/// What the caches file an item under in place of its name (an output
/// path, a source `rel`, a service id): a hash, so a rebuild of a large
/// site does not copy tens of thousands of names into the next cache. An
/// entry is used only when its inputs' fingerprint matches too.
fn name_key(name: &str) -> u64 {
    fingerprint(name)
}

/// Work kept from the previous build, reused where its inputs are unchanged.
#[derive(Default, Clone)]
pub struct RenderCache {
    /// Markdown of one source file (a directory holds several), by `rel`.
    markdown: MarkdownCache,
    /// A page's bytes by [`name_key`] of its output path, with the fingerprint of its inputs.
    pages: HashMap<u64, (u64, Arc<[u8]>)>,
    /// A page's search record, likewise.
    docs: HashMap<u64, (u64, Arc<SearchDoc>)>,
    /// Guideline summaries and services, which many pages show.
    views: ViewCaches,
}

#[derive(Default)]
pub struct RenderOutput {
    pub files: Vec<OutputFile>,
    /// Pages handed to the sink rather than returned in `files`.
    pub files_written: usize,
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
    /// Per body of a guideline or page that did not load: checked, not shown.
    unpublished: Vec<Markdown>,
}

/// Renders the site, reusing `cache` where it can; returns the new cache.
pub fn render(
    input: &RenderInput,
    cache: &RenderCache,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (RenderOutput, RenderCache) {
    let mut out = RenderOutput::default();
    let mut timer = crate::timing::StageTimer::from_env();
    let (bodies, markdown_cache) = render_markdown(input.content, input.links, input.versions, cache);
    timer.lap("render: markdown");
    out.diagnostics.extend(link_diagnostics(input.content, &bodies));
    out.diagnostics.extend(accessibility_diagnostics(input.content, &bodies));
    timer.lap("render: link and accessibility checks");

    let (plan, views_cache) = Plan::new(input, &bodies, &cache.views);
    timer.lap("render: plan");
    out.diagnostics.extend(plan.diagnostics.iter().cloned());
    // A page's fingerprint is the hash of everything it reads: what all
    // pages read, and its own inputs. Worked out once, with its output
    // path, for both the search records and the pages.
    let shared_fingerprint = fingerprint(&plan.shared);
    let pages = plan.pages();
    timer.lap("render: page list");
    let jobs: Vec<(Page, String, u64)> = pages
        .into_par_iter()
        .map(|page| {
            let path = page.output_path();
            let fingerprint = fingerprint(&(shared_fingerprint, &page));
            (page, path, fingerprint)
        })
        .collect();
    let total = jobs.len();
    out.pages_total = total;
    timer.lap("render: page fingerprints");
    let (docs, docs_cache) = search_docs(&plan, &jobs, cache, input.search);
    timer.lap("render: search records");
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
    let rendered: Vec<(u64, Result<Option<OutputFile>, Diagnostic>, bool)> = jobs
        .into_par_iter()
        .map(|(page, path, fingerprint)| {
            let (result, fresh) = match cache.pages.get(&name_key(&path)) {
                Some((old, bytes)) if *old == fingerprint => {
                    (Ok(OutputFile { path, data: FileData::Bytes(bytes.clone()) }), false)
                }
                _ => (page.render(&plan.shared), true),
            };
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, total);
            (fingerprint, result.and_then(|file| hand_on(file, input.sink)), fresh)
        })
        .collect();
    timer.lap("render: pages");
    let mut new_cache =
        RenderCache { markdown: markdown_cache, pages: HashMap::default(), docs: docs_cache, views: views_cache };
    for (fingerprint, result, fresh) in rendered {
        out.pages_rendered += usize::from(fresh && result.is_ok());
        match result {
            Ok(Some(file)) => {
                if let FileData::Bytes(bytes) = &file.data {
                    new_cache.pages.insert(name_key(&file.path), (fingerprint, bytes.clone()));
                }
                out.files.push(file);
            }
            Ok(None) => out.files_written += 1,
            Err(d) => out.diagnostics.push(d),
        }
    }
    timer.lap("render: cache");
    out.files.extend(theme_assets(input.theme));
    out.files.extend(views::postcode_file(input.config));
    if let Some(indexer) = indexer {
        match indexer.join() {
            Ok(files) => {
                for file in files {
                    match hand_on(file, input.sink) {
                        Ok(Some(file)) => out.files.push(file),
                        Ok(None) => out.files_written += 1,
                        Err(d) => out.diagnostics.push(d),
                    }
                }
            }
            Err(_) => out.diagnostics.push(Diagnostic::general("search index: the indexer stopped unexpectedly")),
        }
    }
    (out, new_cache)
}

/// The page, to keep, or `None` once the sink has it. The offline worker's
/// shell pages are always kept: its version is made from their bytes.
fn hand_on(file: OutputFile, sink: Option<&dyn FileSink>) -> Result<Option<OutputFile>, Diagnostic> {
    let is_shell = || worker::SHELL_PAGES.iter().any(|page| crate::urls::output_file(page) == file.path);
    match sink {
        None => Ok(Some(file)),
        Some(_) if is_shell() => Ok(Some(file)),
        Some(sink) => sink.put(&file).map(|()| None).map_err(|e| {
            Diagnostic::general(format!("could not write the site, the previous output is unchanged: {e}"))
        }),
    }
}

type DocsCache = HashMap<u64, (u64, Arc<SearchDoc>)>;

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
    let docs: Vec<(u64, u64, Arc<SearchDoc>)> = jobs
        .par_iter()
        .filter_map(|(page, path, fingerprint)| {
            let path = name_key(path);
            let doc = match cache.docs.get(&path) {
                Some((old, doc)) if old == fingerprint => doc.clone(),
                _ => Arc::new(page.search_doc(&plan.shared)?),
            };
            Some((path, *fingerprint, doc))
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

/// Broken links and missing anchors alone, without rendering any page: for
/// a build whose templates did not load, so their errors do not hide these.
pub fn link_problems(content: &Content, links: &LinkIndex) -> Vec<Diagnostic> {
    let (bodies, _) = render_markdown(content, links, &HashMap::default(), &RenderCache::default());
    link_diagnostics(content, &bodies)
}

fn render_markdown(
    c: &Content,
    links: &LinkIndex,
    versions: &HashMap<&str, u64>,
    cache: &RenderCache,
) -> (Bodies, MarkdownCache) {
    let link_fp = links.fingerprint();
    // Reuses a file's Markdown while neither it nor the set of link targets changed.
    let cached = |source: &str, make: &dyn Fn() -> Vec<Rendered>| -> (u64, u64, Arc<Vec<Rendered>>) {
        let key = fingerprint(&(versions.get(source), link_fp));
        let name = name_key(source);
        match cache.markdown.get(&name) {
            Some((old, rendered)) if *old == key => (name, key, rendered.clone()),
            _ => (name, key, Arc::new(make())),
        }
    };
    let render = |text: &str, line: u64, source: &str, key: Option<&str>| {
        markdown::render(text, line, &links.for_file(source, key))
    };
    let guidelines: Vec<_> = c
        .guidelines
        .par_iter()
        .map(|g| cached(&g.source, &|| vec![render(&g.body.text, g.body.first_line, &g.source, Some(&g.key))]))
        .collect();
    let pages: Vec<_> = c
        .pages
        .par_iter()
        .map(|p| cached(&p.source, &|| vec![render(&p.body.text, p.body.first_line, &p.source, Some(&p.key))]))
        .collect();
    let home = c
        .home
        .as_ref()
        .map(|h| cached(&h.source, &|| vec![render(&h.body.text, h.body.first_line, &h.source, Some(""))]));
    let directories: Vec<_> = c
        .directories
        .par_iter()
        .map(|d| {
            cached(&d.source, &|| {
                // A description is no one page: `#anchor` links in it name no heading.
                let mut all = vec![render(&d.description, d.description_line, &d.source, None)];
                all.extend(d.services.iter().map(|s| render(&s.description, s.description_line, &d.source, None)));
                all
            })
        })
        .collect();
    let unpublished: Vec<_> = c
        .unpublished_bodies
        .par_iter()
        .map(|u| cached(&u.source, &|| vec![render(&u.body.text, u.body.first_line, &u.source, Some(&u.key))]))
        .collect();
    let mut new_cache = HashMap::default();
    let mut keep = |items: &[(u64, u64, Arc<Vec<Rendered>>)]| -> Vec<Markdown> {
        items
            .iter()
            .map(|(source, key, rendered)| {
                new_cache.insert(*source, (*key, rendered.clone()));
                Markdown::new(*key, rendered.clone())
            })
            .collect()
    };
    let bodies = Bodies {
        guidelines: keep(&guidelines),
        pages: keep(&pages),
        home: home.map(|h| keep(std::slice::from_ref(&h)).remove(0)),
        directories: keep(&directories),
        unpublished: keep(&unpublished),
    };
    (bodies, new_cache)
}

/// Broken links and missing anchors, with the file and place of each.
fn link_diagnostics(content: &Content, bodies: &Bodies) -> Vec<Diagnostic> {
    // With the page each text is, if it is one: a description is shown on
    // several pages, so no `#heading` link resolves into it.
    let mut sources: Vec<(&str, Option<&str>, &Rendered)> = Vec::new();
    for (g, body) in content.guidelines.iter().zip(&bodies.guidelines) {
        sources.push((&g.source, Some(&g.key), body.first()));
    }
    for (p, body) in content.pages.iter().zip(&bodies.pages) {
        sources.push((&p.source, Some(&p.key), body.first()));
    }
    if let (Some(h), Some(body)) = (&content.home, &bodies.home) {
        sources.push((&h.source, Some(""), body.first()));
    }
    for (d, markdown) in content.directories.iter().zip(&bodies.directories) {
        sources.extend(markdown.rendered().iter().map(|r| (d.source.as_str(), None, r)));
    }
    for (u, body) in content.unpublished_bodies.iter().zip(&bodies.unpublished) {
        sources.push((&u.source, Some(&u.key), body.first()));
    }
    // Heading sets only for pages some link points into: most have none.
    let targets: HashSet<&str> =
        sources.iter().flat_map(|(_, _, r)| r.anchor_checks.iter().map(|c| c.page_key.as_str())).collect();
    let headings: HashMap<&str, HashSet<&str>> = sources
        .iter()
        .filter_map(|(_, key, r)| Some((key.filter(|key| targets.contains(key))?, r)))
        .map(|(key, r)| (key, r.heading_ids.iter().map(String::as_str).collect()))
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

/// What the Markdown linter found in every body and description, with the
/// file it is in, and each guideline without a `##` section: a long page
/// with no headings cannot be skimmed or navigated by heading.
fn accessibility_diagnostics(content: &Content, bodies: &Bodies) -> Vec<Diagnostic> {
    let mut found: Vec<(&str, &Rendered)> = Vec::new();
    let mut out = Vec::new();
    for (g, body) in content.guidelines.iter().zip(&bodies.guidelines) {
        let body = body.first();
        found.push((&g.source, body));
        if !body.toc.iter().any(|entry| entry.level == 2 && !body.pathways.contains(&entry.id)) {
            out.push(
                Diagnostic::warning(
                    &g.source,
                    "found no `##` heading in the guideline, expected its sections under `##` headings so readers can skim it and jump to a part",
                )
                .at(g.body.first_line, 0),
            );
        }
    }
    for (p, body) in content.pages.iter().zip(&bodies.pages) {
        found.push((&p.source, body.first()));
    }
    if let (Some(h), Some(body)) = (&content.home, &bodies.home) {
        found.push((&h.source, body.first()));
    }
    for (d, markdown) in content.directories.iter().zip(&bodies.directories) {
        found.extend(markdown.rendered().iter().map(|r| (d.source.as_str(), r)));
    }
    for (u, body) in content.unpublished_bodies.iter().zip(&bodies.unpublished) {
        found.push((&u.source, body.first()));
    }
    for (source, rendered) in found {
        out.extend(rendered.lints.iter().map(|f| {
            let diagnostic = match f.severity {
                Severity::Error => Diagnostic::error(source, f.message.clone()),
                Severity::Warning => Diagnostic::warning(source, f.message.clone()),
            };
            let diagnostic = diagnostic.at(f.line, f.col);
            match f.field {
                Some(field) => diagnostic.field(field),
                None => diagnostic,
            }
        }));
    }
    out
}

/// Every theme asset under its own name, and the stylesheets and scripts
/// also under the hashed name pages link to (the same bytes, shared).
fn theme_assets(theme: &Theme) -> Vec<OutputFile> {
    theme
        .assets
        .iter()
        .flat_map(|a| {
            let hashed = a.hashed.iter().map(|name| OutputFile { path: name.clone(), data: a.data.clone() });
            std::iter::once(OutputFile { path: a.dest.clone(), data: a.data.clone() }).chain(hashed)
        })
        .collect()
}
