//! The pages of a site: one struct per page kind, holding exactly what that
//! page reads.
//!
//! A page's template data (and its search record) is made from its struct
//! alone, and its fingerprint, which decides whether the preview renders it
//! again, is the hash of that struct and of [`Shared`]. So a page cannot
//! read anything its fingerprint misses: to read something new, a kind must
//! add it to its struct, and then it is hashed. `plan` fills the structs.
//!
//! To add a page kind: add its struct and a [`Page`] variant, a template
//! and a URL, and fill it in `Plan::pages`; the exhaustive matches (here
//! and in `search_docs`) point at the rest.

use super::inputs::{DataFiles, Hashed, Markdown, Settings, Sourced, Templates};
use super::paging::Paging;
use super::views::*;
use super::{feeds, templates};
use crate::content::{Directory, Page as PlainPageSource, ReviewState, Status};
use crate::diagnostics::Diagnostic;
use crate::files::{FileData, OutputFile};
use crate::urls;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// What every page reads: the settings, the site's name and dates, the
/// navigation, the templates and `data/`.
#[derive(Hash)]
pub struct Shared<'a> {
    pub settings: Settings<'a>,
    pub site: SiteView,
    /// Home, the sections and the menu pages, none marked current.
    pub nav: Vec<NavItem>,
    pub templates: Templates<'a>,
    pub data: DataFiles<'a>,
}

/// Every guideline's summary, in content order.
pub type Summaries<'a> = &'a [Arc<Hashed<GuidelineView>>];
/// A service on a list page: its view and its card, drawn once for every
/// list that shows it (and for the browser's filtered lists).
#[derive(Hash, Clone, Copy)]
pub struct Listed<'a> {
    pub view: &'a Hashed<ServiceView>,
    pub card: &'a Hashed<String>,
}

/// A guideline on a page of the guidelines list: its summary and its row.
#[derive(Hash, Clone, Copy)]
pub struct ListedGuideline<'a> {
    pub summary: &'a Hashed<GuidelineView>,
    pub row: &'a Hashed<String>,
}

/// One output file made from content, with everything it reads.
#[derive(Hash)]
pub enum Page<'a> {
    Home(Home<'a>),
    Guideline(GuidelinePage<'a>),
    /// A page of the guidelines list.
    GuidelinesIndex(GuidelineList<'a>),
    Plain(PlainPage<'a>),
    /// A page of a directory.
    Directory(DirectoryPage<'a>),
    Service(ServicePage<'a>),
    /// A page of all services, of a category's or of an area's.
    ServicesIndex(ServiceList<'a>),
    /// The same page's cards and counts for the browser's filters.
    ServicesData(ServiceListData<'a>),
    /// A page of the list of service directories.
    DirectoriesIndex(DirectoryList<'a>),
    NotFound,
    Search,
    /// The adviser's shortlist of services, kept in the browser.
    Shortlist,
    /// What the service worker shows for a page never opened, offline.
    Offline,
    Sitemap(&'a Hashed<Sitemap>),
    Feed(GuidelineFeed<'a>),
    Robots,
}

/// The home page: the introduction, counts, the ways in (conditions,
/// categories, an A–Z of guidelines), recent changes, reviews due. Its
/// weight does not grow with the number of guidelines or services.
#[derive(Hash)]
pub struct Home<'a> {
    /// `content/_index.md`, if the site has one, and its rendered body.
    pub intro: Option<(Sourced<'a, PlainPageSource>, &'a Markdown)>,
    pub guidelines: Summaries<'a>,
    pub service_count: usize,
    pub directories: DirectoryLinks<'a>,
    pub ways_in: &'a Hashed<WaysIn>,
}

/// The service directories as the home page and the services lists show
/// them: each by name while there are few, else one link to their own
/// paged list, so those pages weigh the same at 10 directories or 1,000.
#[derive(Hash, Clone, Copy)]
pub struct DirectoryLinks<'a> {
    /// Empty when there are more than `INLINE_DIRECTORIES`.
    pub inline: &'a [DirectoryLink],
    pub count: usize,
}

/// More directories than this are a link to `/directories/`, not a list.
pub const INLINE_DIRECTORIES: usize = 20;

impl DirectoryLinks<'_> {
    fn insert_into(&self, ctx: &mut tera::Context, urls: &urls::Urls) {
        ctx.insert("directories", self.inline);
        ctx.insert("directory_count", &self.count);
        ctx.insert("directories_url", &urls.link(urls::DIRECTORIES));
    }
}

/// One page of the list of service directories, A to Z.
#[derive(Hash)]
pub struct DirectoryList<'a> {
    pub paging: Paging,
    pub directories: &'a [DirectoryLink],
}

/// The links that open a large site by topic rather than item by item,
/// worked out once for the home page and the lists.
#[derive(Hash, Default)]
pub struct WaysIn {
    /// Each condition the guidelines name, with a link to the guidelines
    /// list filtered to it.
    pub conditions: Vec<CountedLink>,
    /// The first letters of the guidelines' titles, each linking to the
    /// page of the guidelines list where they start.
    pub letters: Vec<LetterLink>,
    /// Each category's page of services.
    pub categories: Vec<CountedLink>,
    /// Each area's page of services, in the areas tree's order.
    pub areas: Vec<CountedLink>,
}

/// A guideline's own page.
#[derive(Hash)]
pub struct GuidelinePage<'a> {
    pub summary: &'a Hashed<GuidelineView>,
    /// Its row in the guidelines list, for its search record: the browser
    /// draws filtered lists from it.
    pub row: &'a Hashed<String>,
    pub body: &'a Markdown,
    /// Its `related_services` that exist, in the order it lists them.
    pub related_services: Vec<&'a Hashed<ServiceView>>,
}

/// One page of the guidelines list, by title.
#[derive(Hash)]
pub struct GuidelineList<'a> {
    pub paging: Paging,
    pub guidelines: Vec<ListedGuideline<'a>>,
    /// The filters' options, with counts over every guideline.
    pub facets: &'a Hashed<GuidelineFacets>,
    pub ways_in: &'a Hashed<WaysIn>,
}

/// Every guideline's summary, for the Atom feed.
#[derive(Hash)]
pub struct GuidelineFeed<'a> {
    pub guidelines: Summaries<'a>,
}

/// A plain Markdown page.
#[derive(Hash)]
pub struct PlainPage<'a> {
    pub page: Sourced<'a, PlainPageSource>,
    pub body: &'a Markdown,
}

/// A page of a service directory: its description and a page of its services.
#[derive(Hash)]
pub struct DirectoryPage<'a> {
    pub directory: Sourced<'a, Directory>,
    pub markdown: &'a Markdown,
    pub paging: Paging,
    pub services: Vec<Listed<'a>>,
    /// The filters' options, with counts over the whole directory.
    pub filters: &'a Hashed<Filters>,
    pub ways_in: &'a Hashed<WaysIn>,
}

/// A service's page.
#[derive(Hash)]
pub struct ServicePage<'a> {
    pub service: &'a Hashed<ServiceView>,
    /// Its card, for its search record: the browser draws filtered lists from it.
    pub card: &'a Hashed<String>,
    /// For the search record of a service that covers everywhere: every
    /// named area of every service, so a search for a place finds it.
    pub every_area: Option<&'a Hashed<Vec<String>>>,
}

/// Which services a services list holds.
#[derive(Hash, Clone, Copy)]
pub enum Listing<'a> {
    All,
    /// A category: its id and label.
    Category(&'a IdLabel),
    /// An area: its slug and name; county-wide services included.
    Area(&'a IdLabel),
}

impl Listing<'_> {
    /// The list's first page, a site path.
    pub fn path(&self) -> String {
        match self {
            Listing::All => urls::SERVICES.to_string(),
            Listing::Category(c) => urls::category(&c.id),
            Listing::Area(a) => urls::area(&a.id),
        }
    }
}

/// One page of a services list, by name.
#[derive(Hash)]
pub struct ServiceList<'a> {
    pub listing: Listing<'a>,
    pub paging: Paging,
    pub services: Vec<Listed<'a>>,
    /// The filters' options, with counts over every service.
    pub filters: &'a Hashed<Filters>,
    pub directories: DirectoryLinks<'a>,
    pub ways_in: &'a Hashed<WaysIn>,
}

/// A page of a services list as data (`cards.json` in the page's folder,
/// `docs/paging.md`): what the browser's filters draw when the form asks
/// for what the page lists (one category, one area or neither): the page's
/// cards and, within the whole list, how many services each filter option
/// would find. The same answer the search index gives, drawn once at build
/// and fetched in one request instead of a card per service.
#[derive(Hash)]
pub struct ServiceListData<'a> {
    pub paging: Paging,
    pub services: Vec<Listed<'a>>,
    pub counts: &'a Hashed<Filters>,
    /// How many services the site lists in all.
    pub all: usize,
}

impl ServiceListData<'_> {
    fn json(&self) -> String {
        let by_id = |options: &[CountedLabel]| -> serde_json::Map<String, serde_json::Value> {
            options.iter().map(|o| (o.id.clone(), o.count.into())).collect()
        };
        let counts = serde_json::json!({
            "category": by_id(&self.counts.categories),
            "area": by_id(&self.counts.areas),
            "referral": by_id(&self.counts.referral),
        });
        let cards: String = self.services.iter().map(|s| s.card.as_str()).collect();
        serde_json::json!({ "total": self.paging.total, "all": self.all, "counts": counts, "cards": cards }).to_string()
    }
}

/// The URL paths of every page, for `sitemap.xml`.
#[derive(Hash)]
pub struct Sitemap {
    pub paths: Vec<String>,
}

impl Page<'_> {
    /// Where the page is, as a site path (`guidelines/copd/`, `feed.xml`).
    pub fn url_path(&self) -> String {
        match self {
            Page::Home(_) => String::new(),
            Page::Guideline(p) => urls::guideline(&p.summary.key),
            Page::GuidelinesIndex(p) => p.paging.path(),
            Page::Plain(p) => urls::page(&p.page.item.key),
            Page::Directory(p) => p.paging.path(),
            Page::Service(p) => urls::service(&p.service.id),
            Page::ServicesIndex(p) => p.paging.path(),
            Page::ServicesData(p) => format!("{}{}", p.paging.path(), urls::LIST_DATA),
            Page::DirectoriesIndex(p) => p.paging.path(),
            Page::NotFound => "404.html".to_string(),
            Page::Search => urls::SEARCH.to_string(),
            Page::Shortlist => urls::SHORTLIST.to_string(),
            Page::Offline => urls::OFFLINE.to_string(),
            Page::Sitemap(_) => "sitemap.xml".to_string(),
            Page::Feed(_) => "feed.xml".to_string(),
            Page::Robots => "robots.txt".to_string(),
        }
    }

    /// Where the page's file lands in the output.
    pub fn output_path(&self) -> String {
        urls::output_file(&self.url_path())
    }

    /// The page's file: its template filled from its inputs and `shared`,
    /// or, for the machine-readable files, text made from them.
    pub fn render(&self, shared: &Shared) -> Result<OutputFile, Diagnostic> {
        let path = self.url_path();
        let (kind, template, title, ctx) = match self {
            Page::Home(p) => ("home", "home.html", "Home".to_string(), p.context(shared)),
            Page::Guideline(p) => ("guideline", "guideline.html", p.summary.title.clone(), p.context()),
            Page::GuidelinesIndex(p) => {
                ("guidelines_index", "guidelines.html", p.paging.title("Guidelines"), p.context(shared))
            }
            Page::Plain(p) => ("page", "page.html", p.page.item.title.clone(), p.context(shared)),
            Page::Directory(p) => {
                ("directory", "directory.html", p.paging.title(&p.directory.item.title), p.context(shared))
            }
            Page::Service(p) => ("service", "service.html", p.service.name.clone(), p.context()),
            Page::ServicesIndex(p) => {
                ("services_index", "services.html", p.paging.title(&p.heading()), p.context(shared))
            }
            Page::DirectoriesIndex(p) => {
                ("directories_index", "directories.html", p.paging.title("Service directories"), p.context(shared))
            }
            Page::NotFound => ("not_found", "404.html", "Page not found".into(), tera::Context::new()),
            Page::Search => ("search", "search.html", "Search".into(), tera::Context::new()),
            Page::Shortlist => ("shortlist", "shortlist.html", "Your list of services".into(), tera::Context::new()),
            Page::Offline => ("offline", "offline.html", "Not available offline".into(), tera::Context::new()),
            Page::Sitemap(p) => return Ok(text_file(&path, p.xml(shared))),
            Page::ServicesData(p) => return Ok(text_file(&path, p.json())),
            Page::Feed(p) => return Ok(text_file(&path, p.atom(shared))),
            Page::Robots => {
                return Ok(text_file(&path, feeds::robots(&shared.settings.cx.urls.permalink("sitemap.xml"))));
            }
        };
        shared.render_template(&path, kind, template, &title, ctx)
    }
}

fn text_file(path: &str, text: String) -> OutputFile {
    OutputFile { path: urls::output_file(path), data: FileData::text(text) }
}

impl Shared<'_> {
    /// Renders `template` for the page at `path` with what every page sees.
    fn render_template(
        &self,
        path: &str,
        kind: &str,
        template: &str,
        title: &str,
        mut ctx: tera::Context,
    ) -> Result<OutputFile, Diagnostic> {
        let current_url = self.settings.cx.urls.link(path);
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
        ctx.insert("data", self.data.0);
        let html = self.templates.0.tera.render(template, &ctx).map_err(|e| {
            Diagnostic::error(
                format!("templates/{template}"),
                format!("template: {}", templates::error_chain(&e).replace('\n', ": ")),
            )
        })?;
        Ok(text_file(path, super::compact::html(&html)))
    }
}

/// Guidelines due for review the home page lists by name; the rest are a
/// link to the guidelines list filtered to them.
const REVIEW_SOON_SHOWN: usize = 10;

impl Home<'_> {
    fn context(&self, shared: &Shared) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("intro", &self.intro.map(|(_, body)| body.first().html.clone()).unwrap_or_default());
        ctx.insert("intro_title", &self.intro.map(|(home, _)| home.item.title.clone()).unwrap_or_default());
        ctx.insert("guideline_count", &self.guidelines.len());
        ctx.insert("service_count", &self.service_count);
        self.directories.insert_into(&mut ctx, shared.settings.cx.urls);
        ctx.insert("recent_changes", &recent_changes(self.guidelines));
        let mut review_soon: Vec<&GuidelineView> = self
            .guidelines
            .iter()
            .map(|g| &***g)
            .filter(|g| matches!(g.review_state, ReviewState::Overdue | ReviewState::DueSoon))
            .collect();
        // Soonest (most overdue) first, so the few shown are the ones to act on.
        review_soon.sort_by(|a, b| a.review_due.cmp(&b.review_due).then_with(|| a.title.cmp(&b.title)));
        ctx.insert("review_soon_total", &review_soon.len());
        review_soon.truncate(REVIEW_SOON_SHOWN);
        ctx.insert("review_soon", &review_soon);
        ctx.insert("review_soon_url", &format!("{}?review=overdue", shared.settings.cx.urls.link(urls::GUIDELINES)));
        ctx.insert("ways_in", &self.ways_in.context());
        ctx
    }
}

impl WaysIn {
    fn context(&self) -> serde_json::Value {
        serde_json::json!({
            "conditions": self.conditions, "letters": self.letters,
            "categories": self.categories, "areas": self.areas,
        })
    }
}

impl Paging {
    /// A page's title: the list's, and which page after the first.
    fn title(&self, list: &str) -> String {
        if self.number == 1 { list.to_string() } else { format!("{list} (page {} of {})", self.number, self.count()) }
    }
}

/// The latest change of each published guideline, newest first, eight at most.
fn recent_changes(guidelines: Summaries<'_>) -> Vec<RecentChange> {
    let mut changes: Vec<RecentChange> = guidelines
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
    changes
}

impl GuidelinePage<'_> {
    fn context(&self) -> tera::Context {
        let body = self.body.first();
        let mut view = GuidelineView::clone(self.summary);
        view.content = body.html.to_string();
        view.toc = body.toc.clone();
        view.pathway = body.pathways.first().cloned().unwrap_or_default();
        view.related_services = self.related_services.iter().map(|s| ServiceView::clone(s)).collect();
        let mut ctx = tera::Context::new();
        ctx.insert("guideline", &view);
        ctx
    }
}

impl DirectoryList<'_> {
    fn context(&self, shared: &Shared) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("directories", self.directories);
        ctx.insert("total", &self.paging.total);
        ctx.insert("pager", &self.paging.view(shared.settings.cx.urls));
        ctx
    }
}

impl GuidelineList<'_> {
    fn context(&self, shared: &Shared) -> tera::Context {
        let guidelines: Vec<&GuidelineView> = self.guidelines.iter().map(|g| &**g.summary).collect();
        // Rows by first letter, each group a target of the A–Z index.
        let mut groups: Vec<serde_json::Value> = Vec::new();
        for g in &self.guidelines {
            let letter = super::plan::first_letter(&g.summary.title);
            if groups.last().is_none_or(|l| l["letter"] != letter.as_str()) {
                let id = super::plan::letter_id(&letter);
                groups.push(serde_json::json!({"letter": letter, "id": id, "rows": []}));
            }
            if let Some(rows) = groups.last_mut().and_then(|l| l["rows"].as_array_mut()) {
                rows.push(g.row.as_str().into());
            }
        }
        let mut ctx = tera::Context::new();
        ctx.insert("groups", &groups);
        ctx.insert("conditions", &self.facets.conditions);
        ctx.insert("statuses", &self.facets.statuses);
        ctx.insert("total", &self.paging.total);
        ctx.insert("guidelines", &guidelines);
        ctx.insert("pager", &self.paging.view(shared.settings.cx.urls));
        ctx.insert("ways_in", &self.ways_in.context());
        ctx
    }
}

impl GuidelineFeed<'_> {
    /// The Atom feed of the published guidelines' changes.
    fn atom(&self, shared: &Shared) -> String {
        let cx = &shared.settings.cx;
        let published: Vec<&GuidelineView> =
            self.guidelines.iter().map(|g| &***g).filter(|g| g.status != Status::Draft).collect();
        let (home, feed) = (cx.urls.permalink(""), cx.urls.permalink("feed.xml"));
        feeds::atom(&cx.config.title, &home, &feed, &published, cx.today)
    }
}

/// The guidelines list's filter options, with counts over every guideline.
#[derive(Hash, Default)]
pub struct GuidelineFacets {
    pub conditions: Vec<serde_json::Value>,
    pub statuses: Vec<CountedLabel>,
}

impl GuidelineFacets {
    pub fn of(guidelines: &[&GuidelineView]) -> Self {
        let statuses: Vec<CountedLabel> = Status::ALL
            .iter()
            .map(|s| CountedLabel {
                id: s.id().into(),
                label: s.label().into(),
                count: guidelines.iter().filter(|g| g.status == *s).count(),
            })
            .filter(|s| s.count > 0)
            .collect();
        GuidelineFacets { conditions: conditions(guidelines), statuses }
    }
}

/// Each condition named by the guidelines, with how many name it, by name.
pub fn conditions(list: &[&GuidelineView]) -> Vec<serde_json::Value> {
    let mut conditions: Vec<serde_json::Value> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for g in list {
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
    conditions
}

impl PlainPage<'_> {
    fn context(&self, shared: &Shared) -> tera::Context {
        let (p, body) = (self.page.item, self.body.first());
        let mut ctx = tera::Context::new();
        ctx.insert("page", &serde_json::json!({
            "title": p.title, "description": p.description, "url": shared.settings.cx.urls.link(&urls::page(&p.key)),
            "content": body.html, "toc": body.toc,
        }));
        ctx
    }
}

impl DirectoryPage<'_> {
    fn context(&self, shared: &Shared) -> tera::Context {
        let d = self.directory.item;
        let urls = shared.settings.cx.urls;
        let view = DirectoryView {
            title: d.title.clone(),
            url: urls.link(&urls::directory(&d.slug)),
            description: self.markdown.first().html.to_string(),
            services: self.services.iter().map(|s| ServiceView::clone(s.view)).collect(),
            filters: Filters::clone(self.filters),
            total: self.paging.total,
        };
        let mut ctx = tera::Context::new();
        ctx.insert("directory", &view);
        ctx.insert("cards", &cards(&self.services));
        ctx.insert("pager", &self.paging.view(urls));
        ctx.insert("ways_in", &self.ways_in.context());
        ctx
    }
}

/// The cards of a page's services, as HTML.
fn cards<'a>(services: &'a [Listed]) -> Vec<&'a str> {
    services.iter().map(|s| s.card.as_str()).collect()
}

impl ServicePage<'_> {
    fn context(&self) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("service", &**self.service);
        // For print and for the handout card the shortlist page copies.
        ctx.insert("qr_code", &crate::qr::svg(&self.service.permalink).unwrap_or_default());
        ctx.insert("handout_summary", &handout_summary(&self.service.description));
        ctx
    }
}

/// What a service does "in a sentence or two", for a handout: the first two
/// sentences of its description as text, up to 220 characters. A first
/// sentence longer than that is cut at its last clause (a comma, semicolon,
/// colon or dash) that fits, or failing one at a word, and only then ends
/// with "…": a reader can tell a cut from the end.
fn handout_summary(description_html: &str) -> String {
    const MAX: usize = 220;
    let text = crate::search::engine::plain_text(description_html);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence_ends = text.match_indices(". ").map(|(at, _)| at + 1).chain([text.len()]);
    let fits = sentence_ends.take(2).take_while(|end| text[..*end].chars().count() <= MAX).last();
    if let Some(end) = fits {
        return text[..end].to_string();
    }
    let limit = text.char_indices().nth(MAX).map_or(text.len(), |(at, _)| at);
    let head = &text[..limit];
    // A clause in the first third would leave too little to go on.
    let clause = [", ", "; ", ": ", " – ", " — "]
        .iter()
        .filter_map(|boundary| head.rfind(boundary))
        .max()
        .filter(|at| *at > limit / 3);
    let cut = clause.or_else(|| head.rfind(' ')).unwrap_or(limit);
    format!("{}…", head[..cut].trim_end_matches([',', ';', ':', ' ']))
}

impl ServiceList<'_> {
    /// "Services", "Warmth and energy services", "Services in Weymouth".
    fn heading(&self) -> String {
        match self.listing {
            Listing::All => "Services".to_string(),
            Listing::Category(c) => format!("{} services", c.label),
            Listing::Area(a) => format!("Services in {}", a.label),
        }
    }

    fn context(&self, shared: &Shared) -> tera::Context {
        let urls = shared.settings.cx.urls;
        let services: Vec<&ServiceView> = self.services.iter().map(|s| &**s.view).collect();
        let (kind, id, label) = match self.listing {
            Listing::All => ("all", "", ""),
            Listing::Category(c) => ("category", c.id.as_str(), c.label.as_str()),
            Listing::Area(a) => ("area", a.id.as_str(), a.label.as_str()),
        };
        let mut ctx = tera::Context::new();
        ctx.insert(
            "listing",
            &serde_json::json!({
                "kind": kind, "id": id, "label": label, "heading": self.heading(),
                "url": urls.link(&self.listing.path()),
            }),
        );
        ctx.insert("filters", &**self.filters);
        ctx.insert("services", &services);
        ctx.insert("cards", &cards(&self.services));
        ctx.insert("total", &self.paging.total);
        ctx.insert("pager", &self.paging.view(urls));
        self.directories.insert_into(&mut ctx, urls);
        ctx.insert("ways_in", &self.ways_in.context());
        ctx
    }
}

impl Sitemap {
    fn xml(&self, shared: &Shared) -> String {
        let permalinks: Vec<String> = self.paths.iter().map(|p| shared.settings.cx.urls.permalink(p)).collect();
        feeds::sitemap(&permalinks)
    }
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

#[cfg(test)]
mod tests {
    use super::handout_summary;

    #[test]
    fn a_handout_summary_is_two_sentences_or_a_cut_at_a_word() {
        let three = "<p>Free advice on heating. We visit <em>your</em> home.</p><p>Call us first.</p>";
        assert_eq!(handout_summary(three), "Free advice on heating. We visit your home.");
        assert_eq!(handout_summary("<p>One sentence, no full stop</p>"), "One sentence, no full stop");
        let long = format!("<p>{}</p>", "word, ".repeat(60));
        let cut = handout_summary(&long);
        assert!(cut.ends_with("word…") && cut.chars().count() <= 221, "{cut}");
        let first_fits = format!("<p>Short first. {}.</p>", "long ".repeat(60));
        assert_eq!(handout_summary(&first_fits), "Short first.");
    }

    #[test]
    fn a_long_first_sentence_is_cut_at_a_clause_with_an_ellipsis() {
        let warm = "<p>Free, impartial advice on keeping warm for less: understanding energy bills and tariffs, using \
                    heating controls and storage heaters, getting onto the Priority Services Register, and checking \
                    eligibility for the Warm Home Discount and local grants.</p><p>Advisers can visit.</p>";
        assert_eq!(
            handout_summary(warm),
            "Free, impartial advice on keeping warm for less: understanding energy bills and tariffs, using heating \
             controls and storage heaters, getting onto the Priority Services Register…"
        );
        // Nothing cut, no ellipsis.
        assert!(!handout_summary("<p>Advice, visits and grants.</p>").contains('…'));
    }
}
