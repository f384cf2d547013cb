//! The pages of a site: what each one is, where it lands, what it depends
//! on (its fingerprint), and how its template context is made.
//!
//! Views are built lazily: a rebuild that re-renders one guideline makes the
//! views that page needs, not ten thousand summaries it would throw away.

use super::views::*;
use super::{Bodies, RenderInput, feeds, templates};
use crate::content::{Directory, Guideline, ReviewState, Status};
use crate::diagnostics::Diagnostic;
use crate::files::{FileData, OutputFile};
use crate::fingerprint::fingerprint;
use crate::markdown::Rendered;
use crate::search::{DocKind, SearchDoc};
use crate::urls;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHasher};
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

/// One output file made from content.
pub enum Job {
    Home,
    Guideline(usize),
    GuidelinesIndex,
    Page(usize),
    Directory(usize),
    Service(usize),
    ServicesIndex,
    NotFound,
    Search,
    Sitemap,
    Feed,
    Robots,
}

/// What each page needs, shared by the parallel page renders.
pub struct Pages<'a> {
    input: &'a RenderInput<'a>,
    bodies: &'a Bodies,
    cx: ViewContext<'a>,
    site: SiteView,
    nav: Vec<NavItem>,
    guideline_index: HashMap<&'a str, usize>,
    /// (directory, position in it) of every service, in content order.
    service_refs: Vec<(usize, usize)>,
    service_index: HashMap<&'a str, usize>,
    /// Guidelines (by index) listing each service in `related_services`.
    cited: HashMap<&'a str, Vec<usize>>,
    /// Per service: its directory file's version and the guidelines citing it.
    service_fingerprints: Vec<u64>,
    /// What lists of guidelines show: changes when a title, status, date or
    /// change note does, not when only a body does.
    summaries_fingerprint: u64,
    directories_fingerprint: u64,
    /// Link targets and navigation: when they change, every page may.
    shared_fingerprint: u64,
    guideline_list: OnceLock<Vec<GuidelineView>>,
    service_list: OnceLock<Vec<ServiceView>>,
    /// Every named area of every service, for services that cover them all.
    area_names: Vec<String>,
}

impl<'a> Pages<'a> {
    pub fn new(input: &'a RenderInput<'a>, bodies: &'a Bodies) -> Self {
        let content = input.content;
        let cx = ViewContext { config: input.config, urls: input.urls, today: input.today };
        let service_refs: Vec<(usize, usize)> = content
            .directories
            .iter()
            .enumerate()
            .flat_map(|(d, dir)| (0..dir.services.len()).map(move |s| (d, s)))
            .collect();
        let service_index = service_refs
            .iter()
            .enumerate()
            .map(|(i, (d, s))| (content.directories[*d].services[*s].id.value.as_str(), i))
            .collect();
        let cited = cited_by(input);
        let nav = navigation(input);
        let service_fingerprints = service_refs
            .iter()
            .map(|(d, s)| {
                let dir = &content.directories[*d];
                let citing: Vec<(&String, &String, &str)> = cited
                    .get(dir.services[*s].id.value.as_str())
                    .map(|list| {
                        list.iter()
                            .map(|g| &content.guidelines[*g])
                            .map(|g| (&g.title, &g.key, g.status.id()))
                            .collect()
                    })
                    .unwrap_or_default();
                fingerprint(&(input.versions.get(dir.source.as_str()), *s, citing))
            })
            .collect();
        Pages {
            input,
            bodies,
            cx,
            site: SiteView::new(input.config, input.urls, input.today, input.search != super::SearchMode::Off),
            guideline_index: content.guidelines.iter().enumerate().map(|(i, g)| (g.key.as_str(), i)).collect(),
            service_refs,
            service_index,
            cited,
            service_fingerprints,
            summaries_fingerprint: summaries_fingerprint(input),
            directories_fingerprint: fingerprint(
                &content.directories.iter().map(|d| input.versions.get(d.source.as_str())).collect::<Vec<_>>(),
            ),
            shared_fingerprint: fingerprint(&(
                input.global_fingerprint,
                input.links.fingerprint(),
                nav.iter().map(|n| (&n.title, &n.url)).collect::<Vec<_>>(),
            )),
            nav,
            guideline_list: OnceLock::new(),
            service_list: OnceLock::new(),
            area_names: area_names(input),
        }
    }

    pub fn jobs(&self) -> Vec<Job> {
        let c = self.input.content;
        let mut jobs = vec![
            Job::Home,
            Job::GuidelinesIndex,
            Job::ServicesIndex,
            Job::NotFound,
            Job::Search,
            Job::Sitemap,
            Job::Feed,
            Job::Robots,
        ];
        jobs.extend((0..c.guidelines.len()).map(Job::Guideline));
        jobs.extend((0..c.pages.len()).map(Job::Page));
        jobs.extend((0..c.directories.len()).map(Job::Directory));
        jobs.extend((0..self.service_refs.len()).map(Job::Service));
        jobs
    }

    /// Where a job's file lands in the output.
    pub fn output_path(&self, job: &Job) -> String {
        let c = self.input.content;
        let path = match *job {
            Job::Home => String::new(),
            Job::Guideline(i) => urls::guideline(&c.guidelines[i].key),
            Job::GuidelinesIndex => urls::GUIDELINES.to_string(),
            Job::Page(i) => urls::page(&c.pages[i].key),
            Job::Directory(i) => urls::directory(&c.directories[i].slug),
            Job::Service(i) => urls::service(&self.service(i).id.value),
            Job::ServicesIndex => urls::SERVICES.to_string(),
            Job::NotFound => "404.html".to_string(),
            Job::Search => urls::SEARCH.to_string(),
            Job::Sitemap => "sitemap.xml".to_string(),
            Job::Feed => "feed.xml".to_string(),
            Job::Robots => "robots.txt".to_string(),
        };
        urls::output_file(&path)
    }

    /// A hash of everything a job's file shows: equal fingerprints, equal
    /// files, so the preview server re-renders only what an edit touched.
    pub fn fingerprint(&self, job: &Job) -> u64 {
        let c = self.input.content;
        let version = |rel: &str| self.input.versions.get(rel).copied().unwrap_or(0);
        let base = self.shared_fingerprint;
        let services_of = |ids: &mut dyn Iterator<Item = &str>| -> Vec<u64> {
            ids.filter_map(|id| self.service_index.get(id)).map(|i| self.service_fingerprints[*i]).collect()
        };
        match *job {
            Job::Home => fingerprint(&(base, "home", self.summaries_fingerprint, self.directories_fingerprint)),
            Job::GuidelinesIndex | Job::Feed => fingerprint(&(base, self.output_path(job), self.summaries_fingerprint)),
            Job::ServicesIndex => fingerprint(&(base, self.output_path(job), &self.service_fingerprints)),
            Job::NotFound | Job::Search | Job::Sitemap | Job::Robots => fingerprint(&(base, self.output_path(job))),
            Job::Page(i) => fingerprint(&(base, version(&c.pages[i].source))),
            Job::Guideline(i) => {
                let g = &c.guidelines[i];
                let related = services_of(&mut g.related_services.iter().map(|id| id.value.as_str()));
                let replacement = self.replacement(g).map(|r| (&r.title, &r.key));
                fingerprint(&(base, version(&g.source), related, replacement))
            }
            Job::Directory(i) => {
                let ids = &mut c.directories[i].services.iter().map(|s| s.id.value.as_str());
                fingerprint(&(base, "directory", services_of(ids)))
            }
            Job::Service(i) => fingerprint(&(base, "service", self.service_fingerprints[i])),
        }
    }

    pub fn render(&self, job: &Job) -> Result<OutputFile, Diagnostic> {
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
                ctx.insert("directory", &self.directory_view(i, d, self.bodies.directory(i)));
                self.page(&urls::directory(&d.slug), "directory", "directory.html", &d.title, ctx)
            }
            Job::Service(i) => {
                let s = self.service_view(i);
                let mut ctx = tera::Context::new();
                ctx.insert("service", &s);
                self.page(&urls::service(&s.id), "service", "service.html", &s.name, ctx)
            }
            Job::ServicesIndex => {
                self.page(urls::SERVICES, "services_index", "services.html", "Services", self.services_context())
            }
            Job::NotFound => {
                let file = self.page("404.html", "not_found", "404.html", "Page not found", tera::Context::new())?;
                Ok(OutputFile { path: "404.html".into(), data: file.data })
            }
            Job::Search => self.page(urls::SEARCH, "search", "search.html", "Search", tera::Context::new()),
            Job::Sitemap | Job::Feed | Job::Robots => Ok(self.feed(job)),
        }
    }

    /// Guidelines, services and plain pages are found by search.
    pub fn is_searchable(&self, job: &Job) -> bool {
        matches!(job, Job::Guideline(_) | Job::Service(_) | Job::Page(_))
    }

    /// The search record of a guideline, service or plain page.
    pub fn search_doc(&self, job: &Job) -> Option<SearchDoc> {
        let c = self.input.content;
        Some(match *job {
            Job::Guideline(i) => {
                let g = self.guideline_summary(i);
                let mut filters: Vec<(&'static str, String)> =
                    g.conditions.iter().map(|c| ("condition", c.clone())).collect();
                filters.push(("status", g.status_label.to_string()));
                let mut meta = vec![
                    ("status", g.status.id().to_string()),
                    ("status_label", g.status_label.to_string()),
                    ("version", g.version.clone()),
                    ("review_due", g.review_due_display.clone()),
                    ("review_state", g.review_state.id().to_string()),
                ];
                if let Some(r) = &g.superseded_by {
                    meta.push(("superseded_by_title", r.title.clone()));
                    meta.push(("superseded_by_url", r.url.clone()));
                }
                SearchDoc {
                    url: g.url,
                    kind: DocKind::Guideline,
                    title: g.title,
                    key_terms: g.conditions,
                    summary: g.summary,
                    body_html: self.bodies.guideline(i).html.clone(),
                    filters,
                    meta,
                    demoted: matches!(g.status, Status::Superseded | Status::Withdrawn),
                }
            }
            Job::Service(i) => {
                let s = self.service_view(i);
                let mut filters: Vec<(&'static str, String)> =
                    s.categories.iter().map(|c| ("category", c.label.clone())).collect();
                filters.extend(s.areas.iter().map(|a| ("area", a.name.clone())));
                filters.extend(s.referral.iter().map(|r| ("referral", r.label.clone())));
                let join = |items: Vec<&str>| items.join(", ");
                let meta = vec![
                    ("organisation", s.organisation.clone()),
                    ("areas", join(s.areas.iter().map(|a| a.name.as_str()).collect())),
                    ("phone", s.contact.as_ref().map(|c| c.phone.clone()).unwrap_or_default()),
                    ("referral", join(s.referral.iter().map(|r| r.label.as_str()).collect())),
                    ("stale", if s.is_stale { s.last_verified_display.clone() } else { String::new() }),
                    ("closed", if s.is_temporarily_closed { s.status_label.clone() } else { String::new() }),
                ];
                let mut key_terms: Vec<String> = s.categories.iter().map(|c| c.label.clone()).collect();
                key_terms.extend(s.areas.iter().map(|a| a.name.clone()));
                let summary = [s.organisation.as_str(), s.eligibility.as_str()]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(". ");
                let mut body_html = s.description;
                if s.areas.iter().any(|a| is_everywhere(&a.name)) {
                    // "All of Dorset" serves Weymouth too: an adviser searching
                    // "cold home weymouth" should find it, below local ones.
                    let places = self.area_names.join(", ");
                    body_html.push_str(&format!(
                        "<p>Serves every area: {}.</p>",
                        crate::render::templates::escape_html(&places)
                    ));
                }
                if !s.referral.is_empty() {
                    // "oxygen referral" should find the service that takes the
                    // referral; as body text it stays below a guideline titled
                    // "… referral".
                    let routes: Vec<&str> = s.referral.iter().map(|r| r.label.as_str()).collect();
                    body_html.push_str(&format!(
                        "<p>How to refer: {}.</p>",
                        crate::render::templates::escape_html(&routes.join(", "))
                    ));
                }
                SearchDoc {
                    url: s.url,
                    kind: DocKind::Service,
                    title: s.name,
                    key_terms,
                    summary,
                    body_html,
                    filters,
                    meta,
                    demoted: false,
                }
            }
            Job::Page(i) => {
                let p = &c.pages[i];
                SearchDoc {
                    url: self.input.urls.link(&urls::page(&p.key)),
                    kind: DocKind::Page,
                    title: p.title.clone(),
                    key_terms: Vec::new(),
                    summary: p.description.clone(),
                    body_html: self.bodies.page(i).html.clone(),
                    filters: Vec::new(),
                    meta: Vec::new(),
                    demoted: false,
                }
            }
            _ => return None,
        })
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

    fn replacement(&self, g: &Guideline) -> Option<&'a Guideline> {
        let key = g.superseded_by.as_ref()?.value.trim_end_matches(".md").trim_start_matches('/');
        self.guideline_index.get(key).map(|i| &*self.input.content.guidelines[*i])
    }

    fn service(&self, i: usize) -> &'a crate::content::Service {
        let (d, s) = self.service_refs[i];
        &self.input.content.directories[d].services[s]
    }

    fn cited_by(&self, service_id: &str) -> Vec<CitedBy> {
        let guidelines = &self.input.content.guidelines;
        let list = self.cited.get(service_id).map(Vec::as_slice).unwrap_or_default();
        list.iter()
            .map(|i| &guidelines[*i])
            .map(|g| CitedBy {
                title: g.title.clone(),
                url: self.input.urls.link(&urls::guideline(&g.key)),
                status: g.status,
                status_label: g.status.label(),
            })
            .collect()
    }

    fn guideline_summary(&self, i: usize) -> GuidelineView {
        let g = &self.input.content.guidelines[i];
        GuidelineView::summary(g, self.replacement(g), &self.cx)
    }

    /// Every guideline in list form, in content order, made on first use.
    fn guideline_list(&self) -> &[GuidelineView] {
        self.guideline_list.get_or_init(|| {
            (0..self.input.content.guidelines.len()).into_par_iter().map(|i| self.guideline_summary(i)).collect()
        })
    }

    fn service_view(&self, i: usize) -> ServiceView {
        if let Some(list) = self.service_list.get() {
            return list[i].clone();
        }
        let (d, s) = self.service_refs[i];
        let directory = &self.input.content.directories[d];
        let service = &directory.services[s];
        let cited = self.cited_by(service.id.value.as_str());
        ServiceView::new(service, self.bodies.services(d)[s].html.clone(), directory, cited, &self.cx)
    }

    /// Every service, in content order, made on first use.
    fn service_list(&self) -> &[ServiceView] {
        self.service_list
            .get_or_init(|| (0..self.service_refs.len()).into_par_iter().map(|i| self.service_view(i)).collect())
    }

    fn guideline_view(&self, i: usize) -> GuidelineView {
        let g = &self.input.content.guidelines[i];
        let body = self.bodies.guideline(i);
        let mut view = self.guideline_summary(i);
        view.content = body.html.clone();
        view.toc = body.toc.clone();
        view.related_services = g
            .related_services
            .iter()
            .filter_map(|id| self.service_index.get(id.value.as_str()))
            .map(|i| self.service_view(*i))
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
        ctx.insert("service_count", &self.service_refs.len());
        ctx.insert("directories", &self.directory_links());
        let mut changes: Vec<RecentChange> = self
            .guideline_list()
            .iter()
            .filter(|g| g.status != Status::Draft)
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
            .guideline_list()
            .iter()
            .filter(|g| matches!(g.review_state, ReviewState::Overdue | ReviewState::DueSoon))
            .collect();
        ctx.insert("review_soon", &review_soon);
        ctx
    }

    fn guidelines_context(&self) -> tera::Context {
        let mut list: Vec<&GuidelineView> = self.guideline_list().iter().collect();
        list.sort_by_key(|g| g.title.to_lowercase());
        let mut conditions: Vec<serde_json::Value> = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::default();
        for g in &list {
            for (name, slug) in g.conditions.iter().zip(&g.condition_slugs) {
                match seen.get(slug.as_str()) {
                    Some(i) => conditions[*i]["count"] = (conditions[*i]["count"].as_u64().unwrap_or(0) + 1).into(),
                    None => {
                        seen.insert(slug, conditions.len());
                        conditions.push(serde_json::json!({"name": name, "slug": slug, "count": 1}));
                    }
                }
            }
        }
        conditions.sort_by_key(|c| c["name"].as_str().unwrap_or_default().to_lowercase());
        let statuses: Vec<CountedLabel> = Status::ALL
            .iter()
            .map(|s| CountedLabel {
                id: s.id().into(),
                label: s.label().into(),
                count: list.iter().filter(|g| g.status == *s).count(),
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
        let mut list: Vec<&ServiceView> = self.service_list().iter().collect();
        list.sort_by_key(|s| s.name.to_lowercase());
        let mut ctx = tera::Context::new();
        ctx.insert("filters", &Filters::of(list.iter().copied()));
        ctx.insert("services", &list);
        ctx.insert("directories", &self.directory_links());
        ctx
    }

    fn directory_view(&self, i: usize, d: &Directory, description: &Rendered) -> DirectoryView {
        let first = self.service_refs.iter().position(|(dir, _)| *dir == i).unwrap_or(0);
        let services: Vec<ServiceView> = (first..first + d.services.len()).map(|s| self.service_view(s)).collect();
        DirectoryView {
            title: d.title.clone(),
            url: self.input.urls.link(&urls::directory(&d.slug)),
            description: description.html.clone(),
            filters: Filters::of(services.iter()),
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

    /// Sitemap, feed and robots.txt.
    fn feed(&self, job: &Job) -> OutputFile {
        let urls = self.input.urls;
        let c = self.input.content;
        let text = match job {
            Job::Sitemap => {
                let mut pages = vec![String::new(), urls::GUIDELINES.to_string(), urls::SERVICES.to_string()];
                pages.extend(c.guidelines.iter().map(|g| urls::guideline(&g.key)));
                pages.extend(c.pages.iter().map(|p| urls::page(&p.key)));
                pages.extend(c.directories.iter().map(|d| urls::directory(&d.slug)));
                pages.extend((0..self.service_refs.len()).map(|i| urls::service(&self.service(i).id.value)));
                let permalinks: Vec<String> = pages.iter().map(|p| urls.permalink(p)).collect();
                feeds::sitemap(&permalinks)
            }
            Job::Feed => {
                let published: Vec<&GuidelineView> =
                    self.guideline_list().iter().filter(|g| g.status != Status::Draft).collect();
                let (title, home, feed) = (&self.input.config.title, urls.permalink(""), urls.permalink("feed.xml"));
                feeds::atom(title, &home, &feed, &published, self.input.today)
            }
            _ => feeds::robots(&urls.permalink("sitemap.xml")),
        };
        OutputFile { path: self.output_path(job), data: FileData::text(text) }
    }
}

fn navigation(input: &RenderInput) -> Vec<NavItem> {
    let mut nav = vec![
        NavItem { title: "Home".into(), url: input.urls.link(""), current: false },
        NavItem { title: "Guidelines".into(), url: input.urls.link(urls::GUIDELINES), current: false },
        NavItem { title: "Services".into(), url: input.urls.link(urls::SERVICES), current: false },
    ];
    let mut menu_pages: Vec<_> = input.content.pages.iter().filter(|p| p.in_menu).collect();
    menu_pages.sort_by(|a, b| a.title.cmp(&b.title));
    nav.extend(menu_pages.iter().map(|p| NavItem {
        title: p.title.clone(),
        url: input.urls.link(&urls::page(&p.key)),
        current: false,
    }));
    nav
}

fn cited_by<'a>(input: &'a RenderInput) -> HashMap<&'a str, Vec<usize>> {
    let mut cited: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, g) in input.content.guidelines.iter().enumerate() {
        for id in &g.related_services {
            cited.entry(id.value.as_str()).or_default().push(i);
        }
    }
    cited
}

/// The fields of every guideline that lists, the home page and feeds show.
fn summaries_fingerprint(input: &RenderInput) -> u64 {
    let mut hasher = FxHasher::default();
    for g in &input.content.guidelines {
        (&g.key, &g.title, &g.summary, &g.version, g.status, g.published, &g.review_due, &g.superseded_by)
            .hash(&mut hasher);
        (&g.conditions, &g.related_services, &g.authors.len()).hash(&mut hasher);
        for c in &g.changes {
            (&c.version, c.date, &c.note).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// `All of Dorset`, `All areas`: a service that covers everywhere.
fn is_everywhere(area: &str) -> bool {
    let lower = area.to_lowercase();
    lower.starts_with("all ") || lower == "everywhere"
}

fn area_names(input: &RenderInput) -> Vec<String> {
    let mut names: Vec<String> =
        input.content.services().flat_map(|s| s.areas.iter()).filter(|a| !is_everywhere(a)).cloned().collect();
    names.sort();
    names.dedup();
    names
}

/// Home is current only on the home page; a section is current on its
/// pages, and directories belong to the Services section.
fn is_current(nav_url: &str, current: &str, root: &str) -> bool {
    if nav_url == root {
        return current == root;
    }
    let in_directories = current.starts_with(&format!("{root}{}", "directories/"));
    current.starts_with(nav_url) || (in_directories && nav_url == format!("{root}{}", urls::SERVICES))
}
