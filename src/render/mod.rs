//! The render stage: validated content in, output files out.
//!
//! Markdown is rendered first (in parallel), so links and anchors can be
//! checked across pages; then every page goes through its template (in
//! parallel). Nothing here writes to disk: the result is a list of
//! [`OutputFile`]s for `output` to write, or for the preview server to hold.

pub mod feeds;
pub mod templates;
pub mod views;

use crate::config::SiteConfig;
use crate::content::{Content, Directory, Service, Status};
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::links::{self, LinkIndex};
use crate::markdown::{self, Rendered};
use crate::urls::{self, Urls};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use templates::Theme;
use views::*;

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
    pub versions: &'a HashMap<String, u64>,
    /// Identifies everything every page depends on (settings, templates,
    /// navigation, data files), so a change to any of them renders all.
    pub global_fingerprint: u64,
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
}

#[derive(Default)]
pub struct RenderOutput {
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many pages went through a template (the rest came from the cache).
    pub pages_rendered: usize,
    pub pages_total: usize,
}

/// Everything Markdown turned into, keyed the way views need it.
struct Bodies {
    guidelines: Vec<Arc<Vec<Rendered>>>,
    pages: Vec<Arc<Vec<Rendered>>>,
    home: Option<Arc<Vec<Rendered>>>,
    /// Per directory: its description, then each service's description.
    directories: Vec<Arc<Vec<Rendered>>>,
}

impl Bodies {
    fn guideline(&self, i: usize) -> &Rendered {
        &self.guidelines[i][0]
    }
    fn page(&self, i: usize) -> &Rendered {
        &self.pages[i][0]
    }
    fn home(&self) -> Option<&Rendered> {
        self.home.as_ref().map(|h| &h[0])
    }
    fn directory(&self, i: usize) -> &Rendered {
        &self.directories[i][0]
    }
    fn services(&self, i: usize) -> &[Rendered] {
        &self.directories[i][1..]
    }
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

    let cx = ViewContext { config: input.config, urls: input.urls, today: input.today };
    let services = service_views(input.content, &bodies, &cx);
    let pages = Pages::new(input, &bodies, services, &cx);
    let jobs = pages.jobs();
    let total = jobs.len();
    out.pages_total = total;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let rendered: Vec<(Job, u64, Result<OutputFile, Diagnostic>, bool)> = jobs
        .into_par_iter()
        .map(|job| {
            let fingerprint = pages.fingerprint(&job);
            let path = pages.output_path(&job);
            let (result, fresh) = match cache.pages.get(&path) {
                Some((old, bytes)) if *old == fingerprint => {
                    (Ok(OutputFile { path, data: FileData::Bytes(bytes.clone()) }), false)
                }
                _ => (pages.render(&job), true),
            };
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, total);
            (job, fingerprint, result, fresh)
        })
        .collect();
    let mut new_cache = RenderCache { markdown: markdown_cache, pages: HashMap::new() };
    for (_, fingerprint, result, fresh) in rendered {
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
    out.files.extend(pages.feeds());
    out.files.extend(theme_assets(input.theme));
    (out, new_cache)
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
    let mut new_cache = HashMap::new();
    let mut keep = |items: &[(String, u64, Arc<Vec<Rendered>>)]| -> Vec<Arc<Vec<Rendered>>> {
        items
            .iter()
            .map(|(source, key, rendered)| {
                new_cache.insert(source.clone(), (*key, rendered.clone()));
                rendered.clone()
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
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Broken links and missing anchors, with the file and place of each.
fn link_diagnostics(content: &Content, bodies: &Bodies) -> Vec<Diagnostic> {
    let mut headings: HashMap<&str, HashSet<&str>> = HashMap::new();
    fn ids(r: &Rendered) -> HashSet<&str> {
        r.heading_ids.iter().map(String::as_str).collect()
    }
    let mut sources: Vec<(&str, &Rendered)> = Vec::new();
    for (i, g) in content.guidelines.iter().enumerate() {
        headings.insert(&g.key, ids(bodies.guideline(i)));
        sources.push((&g.source, bodies.guideline(i)));
    }
    for (i, p) in content.pages.iter().enumerate() {
        headings.insert(&p.key, ids(bodies.page(i)));
        sources.push((&p.source, bodies.page(i)));
    }
    if let (Some(h), Some(r)) = (&content.home, bodies.home()) {
        headings.insert("", ids(r));
        sources.push((&h.source, r));
    }
    for (i, d) in content.directories.iter().enumerate() {
        sources.extend(bodies.directories[i].iter().map(|r| (d.source.as_str(), r)));
    }
    let mut out = Vec::new();
    for (source, rendered) in sources {
        for p in &rendered.problems {
            out.push(Diagnostic::error(source, p.message.clone()).at(p.line, p.col).field("link"));
        }
        out.extend(links::check_anchors(source, &rendered.anchor_checks, &headings));
    }
    out
}

fn service_views(content: &Content, bodies: &Bodies, cx: &ViewContext) -> Vec<ServiceView> {
    let mut cited: HashMap<&str, Vec<CitedBy>> = HashMap::new();
    for g in &content.guidelines {
        for id in &g.related_services {
            cited.entry(id.value.as_str()).or_default().push(CitedBy {
                title: g.title.clone(),
                url: cx.urls.link(&urls::guideline(&g.key)),
                status: g.status.id(),
                status_label: g.status.label(),
            });
        }
    }
    let mut views = Vec::new();
    for (i, d) in content.directories.iter().enumerate() {
        for (s, body) in d.services.iter().zip(bodies.services(i)) {
            let cited_by = cited.get(s.id.value.as_str()).cloned().unwrap_or_default();
            views.push(ServiceView::new(s, body.html.clone(), d, cited_by, cx));
        }
    }
    views
}

/// What each page needs, shared by the parallel page renders.
struct Pages<'a> {
    input: &'a RenderInput<'a>,
    bodies: &'a Bodies,
    site: SiteView,
    nav: Vec<NavItem>,
    /// Every guideline in list form, in content order.
    guideline_list: Vec<GuidelineView>,
    /// Every service, in content order; `service_index` finds one by id.
    services: Vec<ServiceView>,
    service_index: HashMap<String, usize>,
    /// Per service: its directory file's version and the guidelines citing it.
    service_fingerprints: Vec<u64>,
    /// What lists of guidelines show: changes when a title, status, date or
    /// change note does, not when only a body does.
    summaries_fingerprint: u64,
    directories_fingerprint: u64,
    link_fingerprint: u64,
}

enum Job {
    Home,
    Guideline(usize),
    GuidelinesIndex,
    Page(usize),
    Directory(usize),
    Service(usize),
    ServicesIndex,
    NotFound,
}

impl<'a> Pages<'a> {
    fn new(input: &'a RenderInput<'a>, bodies: &'a Bodies, services: Vec<ServiceView>, cx: &ViewContext) -> Self {
        let content = input.content;
        let guideline_list = content
            .guidelines
            .iter()
            .map(|g| {
                let replacement =
                    g.superseded_by.as_ref().and_then(|s| content.guideline_by_key(s.value.trim_end_matches(".md")));
                GuidelineView::summary(g, replacement, cx)
            })
            .collect();
        let service_index = services.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        let mut nav = vec![
            NavItem { title: "Home".into(), url: input.urls.link(""), current: false },
            NavItem { title: "Guidelines".into(), url: input.urls.link(urls::GUIDELINES), current: false },
            NavItem { title: "Services".into(), url: input.urls.link(urls::SERVICES), current: false },
        ];
        let mut menu_pages: Vec<_> = content.pages.iter().filter(|p| p.in_menu).collect();
        menu_pages.sort_by(|a, b| a.title.cmp(&b.title));
        nav.extend(menu_pages.iter().map(|p| NavItem {
            title: p.title.clone(),
            url: input.urls.link(&urls::page(&p.key)),
            current: false,
        }));
        Pages {
            input,
            bodies,
            site: SiteView::new(input.config, input.urls, input.today),
            service_fingerprints: service_fingerprints(content, &services, input.versions),
            summaries_fingerprint: summaries_fingerprint(content),
            directories_fingerprint: fingerprint(
                &content.directories.iter().map(|d| input.versions.get(&d.source)).collect::<Vec<_>>(),
            ),
            link_fingerprint: fingerprint(&(
                input.links.fingerprint(),
                nav.iter().map(|n| (&n.title, &n.url)).collect::<Vec<_>>(),
            )),
            nav,
            guideline_list,
            services,
            service_index,
        }
    }

    /// Where a job's page lands in the output.
    fn output_path(&self, job: &Job) -> String {
        let c = self.input.content;
        let path = match *job {
            Job::Home => String::new(),
            Job::Guideline(i) => urls::guideline(&c.guidelines[i].key),
            Job::GuidelinesIndex => urls::GUIDELINES.to_string(),
            Job::Page(i) => urls::page(&c.pages[i].key),
            Job::Directory(i) => urls::directory(&c.directories[i].slug),
            Job::Service(i) => urls::service(&self.services[i].id),
            Job::ServicesIndex => urls::SERVICES.to_string(),
            Job::NotFound => "404.html".to_string(),
        };
        urls::output_file(&path)
    }

    /// A hash of everything a job's page shows: equal fingerprints, equal
    /// pages, so the preview server re-renders only what an edit touched.
    fn fingerprint(&self, job: &Job) -> u64 {
        let c = self.input.content;
        let version = |rel: &str| self.input.versions.get(rel).copied().unwrap_or(0);
        let base = (self.input.global_fingerprint, self.link_fingerprint);
        match *job {
            Job::Home => fingerprint(&(base, "home", self.summaries_fingerprint, self.directories_fingerprint)),
            Job::GuidelinesIndex => fingerprint(&(base, "guidelines", self.summaries_fingerprint)),
            Job::ServicesIndex => {
                fingerprint(&(base, "services", self.directories_fingerprint, self.summaries_fingerprint))
            }
            Job::NotFound => fingerprint(&(base, "404")),
            Job::Page(i) => fingerprint(&(base, version(&c.pages[i].source))),
            Job::Guideline(i) => {
                let g = &c.guidelines[i];
                let related: Vec<u64> = g
                    .related_services
                    .iter()
                    .filter_map(|id| self.service_index.get(&id.value))
                    .map(|s| self.service_fingerprints[*s])
                    .collect();
                let replacement = self.guideline_list[i].superseded_by.as_ref().map(|r| (&r.title, &r.url));
                fingerprint(&(base, version(&g.source), related, replacement))
            }
            Job::Directory(i) => {
                let d = &c.directories[i];
                let services: Vec<u64> = d
                    .services
                    .iter()
                    .filter_map(|s| self.service_index.get(&s.id.value))
                    .map(|s| self.service_fingerprints[*s])
                    .collect();
                fingerprint(&(base, "directory", services))
            }
            Job::Service(i) => fingerprint(&(base, "service", self.service_fingerprints[i])),
        }
    }

    fn jobs(&self) -> Vec<Job> {
        let c = self.input.content;
        let mut jobs = vec![Job::Home, Job::GuidelinesIndex, Job::ServicesIndex, Job::NotFound];
        jobs.extend((0..c.guidelines.len()).map(Job::Guideline));
        jobs.extend((0..c.pages.len()).map(Job::Page));
        jobs.extend((0..c.directories.len()).map(Job::Directory));
        jobs.extend((0..self.services.len()).map(Job::Service));
        jobs
    }

    fn render(&self, job: &Job) -> Result<OutputFile, Diagnostic> {
        let c = self.input.content;
        match *job {
            Job::Home => self.page("", "home", "home.html", "Home", self.home_context()),
            Job::Guideline(i) => {
                let g = &c.guidelines[i];
                let mut ctx = tera::Context::new();
                ctx.insert("guideline", &self.guideline_view(i));
                self.page(&urls::guideline(&g.key), "guideline", "guideline.html", &g.title, ctx)
            }
            Job::GuidelinesIndex => self.page(
                urls::GUIDELINES,
                "guidelines_index",
                "guidelines.html",
                "Guidelines",
                self.guidelines_context(),
            ),
            Job::Page(i) => {
                let p = &c.pages[i];
                let body = self.bodies.page(i);
                let mut ctx = tera::Context::new();
                ctx.insert("page", &serde_json::json!({
                    "title": p.title, "description": p.description, "url": self.input.urls.link(&urls::page(&p.key)),
                    "content": body.html, "toc": body.toc,
                }));
                self.page(&urls::page(&p.key), "page", "page.html", &p.title, ctx)
            }
            Job::Directory(i) => {
                let d = &c.directories[i];
                let mut ctx = tera::Context::new();
                ctx.insert("directory", &self.directory_view(d, self.bodies.directory(i)));
                self.page(&urls::directory(&d.slug), "directory", "directory.html", &d.title, ctx)
            }
            Job::Service(i) => {
                let s = &self.services[i];
                let mut ctx = tera::Context::new();
                ctx.insert("service", s);
                self.page(&urls::service(&s.id), "service", "service.html", &s.name, ctx)
            }
            Job::ServicesIndex => {
                self.page(urls::SERVICES, "services_index", "services.html", "Services", self.services_context())
            }
            Job::NotFound => {
                let file = self.page("404.html", "not_found", "404.html", "Page not found", tera::Context::new())?;
                Ok(OutputFile { path: "404.html".into(), data: file.data })
            }
        }
    }

    /// Renders `template` for the page at `path` with the shared context added.
    fn page(
        &self,
        path: &str,
        kind: &str,
        template: &str,
        title: &str,
        mut ctx: tera::Context,
    ) -> Result<OutputFile, Diagnostic> {
        let current_url = self.input.urls.link(path);
        let nav: Vec<NavItem> = self
            .nav
            .iter()
            .map(|n| NavItem { current: is_current(&n.url, &current_url, &self.site.root), ..n.clone() })
            .collect();
        ctx.insert("site", &self.site);
        ctx.insert("nav", &nav);
        ctx.insert("page_kind", kind);
        ctx.insert("page_title", title);
        ctx.insert("current_url", &current_url);
        ctx.insert("data", &self.input.content.data);
        let html = self.input.theme.tera.render(template, &ctx).map_err(|e| {
            Diagnostic::error(
                format!("templates/{template}"),
                format!("template: {}", templates::error_chain(&e).replace('\n', ": ")),
            )
        })?;
        Ok(OutputFile { path: urls::output_file(path), data: FileData::text(html) })
    }

    fn guideline_view(&self, i: usize) -> GuidelineView {
        let g = &self.input.content.guidelines[i];
        let body = self.bodies.guideline(i);
        let mut view = self.guideline_list[i].clone();
        view.content = body.html.clone();
        view.toc = body.toc.clone();
        view.related_services = g
            .related_services
            .iter()
            .filter_map(|id| self.service_index.get(&id.value))
            .map(|i| self.services[*i].clone())
            .collect();
        view
    }

    fn home_context(&self) -> tera::Context {
        let c = self.input.content;
        let mut ctx = tera::Context::new();
        let home = c.home.as_ref();
        ctx.insert("intro", &self.bodies.home().map(|r| r.html.clone()).unwrap_or_default());
        ctx.insert("intro_title", &home.map(|h| h.title.clone()).unwrap_or_default());
        ctx.insert("guideline_count", &c.guidelines.len());
        ctx.insert("service_count", &self.services.len());
        ctx.insert("directories", &self.directory_links());
        let mut changes: Vec<RecentChange> = self
            .guideline_list
            .iter()
            .filter(|g| g.status != Status::Draft.id())
            .flat_map(|g| {
                g.changes.first().map(|ch| RecentChange {
                    title: g.title.clone(),
                    url: g.url.clone(),
                    version: ch.version.clone(),
                    date: ch.date,
                    date_display: ch.date_display.clone(),
                    note: ch.note.clone(),
                })
            })
            .collect();
        changes.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
        changes.truncate(8);
        ctx.insert("recent_changes", &changes);
        let review_soon: Vec<&GuidelineView> = self
            .guideline_list
            .iter()
            .filter(|g| g.review_state == "overdue" || g.review_state == "due_soon")
            .collect();
        ctx.insert("review_soon", &review_soon);
        ctx
    }

    fn guidelines_context(&self) -> tera::Context {
        let mut list: Vec<&GuidelineView> = self.guideline_list.iter().collect();
        list.sort_by_key(|g| g.title.to_lowercase());
        let mut conditions: Vec<serde_json::Value> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for g in &list {
            for (name, slug) in g.conditions.iter().zip(&g.condition_slugs) {
                match seen.get(slug) {
                    Some(i) => conditions[*i]["count"] = (conditions[*i]["count"].as_u64().unwrap_or(0) + 1).into(),
                    None => {
                        seen.insert(slug.clone(), conditions.len());
                        conditions.push(serde_json::json!({"name": name, "slug": slug, "count": 1}));
                    }
                }
            }
        }
        conditions.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
        let statuses: Vec<CountedLabel> = Status::ALL
            .iter()
            .map(|s| CountedLabel {
                id: s.id().into(),
                label: s.label().into(),
                count: list.iter().filter(|g| g.status == s.id()).count(),
            })
            .filter(|s| s.count > 0)
            .collect();
        let mut ctx = tera::Context::new();
        ctx.insert("guidelines", &list);
        ctx.insert("conditions", &conditions);
        ctx.insert("statuses", &statuses);
        ctx
    }

    fn services_context(&self) -> tera::Context {
        let mut list = self.services.clone();
        list.sort_by_key(|s| s.name.to_lowercase());
        let mut ctx = tera::Context::new();
        ctx.insert("filters", &Filters::of(&list));
        ctx.insert("services", &list);
        ctx.insert("directories", &self.directory_links());
        ctx
    }

    fn directory_view(&self, d: &Directory, description: &Rendered) -> DirectoryView {
        let services: Vec<ServiceView> =
            d.services.iter().map(|s: &Service| self.services[self.service_index[&s.id.value]].clone()).collect();
        DirectoryView {
            title: d.title.clone(),
            url: self.input.urls.link(&urls::directory(&d.slug)),
            description: description.html.clone(),
            filters: Filters::of(&services),
            services,
        }
    }

    fn directory_links(&self) -> Vec<DirectoryLink> {
        self.input
            .content
            .directories
            .iter()
            .map(|d| DirectoryLink {
                title: d.title.clone(),
                url: self.input.urls.link(&urls::directory(&d.slug)),
                count: d.services.len(),
            })
            .collect()
    }

    /// Sitemap, feed, robots.txt and services.json.
    fn feeds(&self) -> Vec<OutputFile> {
        let urls = self.input.urls;
        let c = self.input.content;
        let mut pages = vec![String::new(), urls::GUIDELINES.to_string(), urls::SERVICES.to_string()];
        pages.extend(c.guidelines.iter().map(|g| urls::guideline(&g.key)));
        pages.extend(c.pages.iter().map(|p| urls::page(&p.key)));
        pages.extend(c.directories.iter().map(|d| urls::directory(&d.slug)));
        pages.extend(self.services.iter().map(|s| urls::service(&s.id)));
        let permalinks: Vec<String> = pages.iter().map(|p| urls.permalink(p)).collect();
        let published: Vec<GuidelineView> =
            self.guideline_list.iter().filter(|g| g.status != Status::Draft.id()).cloned().collect();
        let bytes = FileData::text;
        vec![
            OutputFile { path: "sitemap.xml".into(), data: bytes(feeds::sitemap(&permalinks)) },
            OutputFile {
                path: "feed.xml".into(),
                data: bytes(feeds::atom(
                    &self.input.config.title,
                    &urls.permalink(""),
                    &urls.permalink("feed.xml"),
                    &published,
                    self.input.today,
                )),
            },
            OutputFile { path: "robots.txt".into(), data: bytes(feeds::robots(&urls.permalink("sitemap.xml"))) },
            OutputFile {
                path: "services.json".into(),
                data: bytes(feeds::services_json(&self.services, self.input.today)),
            },
        ]
    }
}

fn service_fingerprints(content: &Content, services: &[ServiceView], versions: &HashMap<String, u64>) -> Vec<u64> {
    let directory_versions =
        content.directories.iter().flat_map(|d| d.services.iter().map(|_| versions.get(&d.source)));
    services
        .iter()
        .zip(directory_versions)
        .map(|(s, version)| {
            let cited: Vec<(&String, &String, &str)> =
                s.cited_by.iter().map(|c| (&c.title, &c.url, c.status)).collect();
            fingerprint(&(version, cited))
        })
        .collect()
}

/// The fields of every guideline that lists, the home page and feeds show.
fn summaries_fingerprint(content: &Content) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for g in &content.guidelines {
        (&g.key, &g.title, &g.summary, &g.version, g.status, g.published, &g.review_due, &g.superseded_by)
            .hash(&mut hasher);
        (&g.conditions, &g.related_services, &g.authors.len()).hash(&mut hasher);
        for c in &g.changes {
            (&c.version, c.date, &c.note).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Home is current only on the home page; a section is current on its pages.
fn is_current(nav_url: &str, current: &str, root: &str) -> bool {
    if nav_url == root { current == root } else { current.starts_with(nav_url) }
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
