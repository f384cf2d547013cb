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
/// Services, in content order.
pub type Services<'a> = &'a [Arc<Hashed<ServiceView>>];

/// One output file made from content, with everything it reads.
#[derive(Hash)]
pub enum Page<'a> {
    Home(Home<'a>),
    Guideline(GuidelinePage<'a>),
    GuidelinesIndex(GuidelineList<'a>),
    Plain(PlainPage<'a>),
    Directory(DirectoryPage<'a>),
    Service(ServicePage<'a>),
    ServicesIndex(ServiceList<'a>),
    NotFound,
    Search,
    /// The adviser's shortlist of services, kept in the browser.
    Shortlist,
    Sitemap(Sitemap),
    Feed(GuidelineList<'a>),
    Robots,
}

/// The home page: the introduction, counts, recent changes, reviews due.
#[derive(Hash)]
pub struct Home<'a> {
    /// `content/_index.md`, if the site has one, and its rendered body.
    pub intro: Option<(Sourced<'a, PlainPageSource>, &'a Markdown)>,
    pub guidelines: Summaries<'a>,
    pub service_count: usize,
    pub directories: &'a [DirectoryLink],
}

/// A guideline's own page.
#[derive(Hash)]
pub struct GuidelinePage<'a> {
    pub summary: &'a Hashed<GuidelineView>,
    pub body: &'a Markdown,
    /// Its `related_services` that exist, in the order it lists them.
    pub related_services: Vec<&'a Hashed<ServiceView>>,
}

/// Every guideline's summary: the guideline list and the feed.
#[derive(Hash)]
pub struct GuidelineList<'a> {
    pub guidelines: Summaries<'a>,
}

/// A plain Markdown page.
#[derive(Hash)]
pub struct PlainPage<'a> {
    pub page: Sourced<'a, PlainPageSource>,
    pub body: &'a Markdown,
}

/// A service directory's page: its description and its services.
#[derive(Hash)]
pub struct DirectoryPage<'a> {
    pub directory: Sourced<'a, Directory>,
    pub markdown: &'a Markdown,
    pub services: Services<'a>,
}

/// A service's page.
#[derive(Hash)]
pub struct ServicePage<'a> {
    pub service: &'a Hashed<ServiceView>,
    /// For the search record of a service that covers everywhere: every
    /// named area of every service, so a search for a place finds it.
    pub every_area: Option<&'a [String]>,
}

/// Every service, with the directories.
#[derive(Hash)]
pub struct ServiceList<'a> {
    pub services: Services<'a>,
    pub directories: &'a [DirectoryLink],
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
            Page::GuidelinesIndex(_) => urls::GUIDELINES.to_string(),
            Page::Plain(p) => urls::page(&p.page.item.key),
            Page::Directory(p) => urls::directory(&p.directory.item.slug),
            Page::Service(p) => urls::service(&p.service.id),
            Page::ServicesIndex(_) => urls::SERVICES.to_string(),
            Page::NotFound => "404.html".to_string(),
            Page::Search => urls::SEARCH.to_string(),
            Page::Shortlist => urls::SHORTLIST.to_string(),
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
            Page::Home(p) => ("home", "home.html", "Home".to_string(), p.context()),
            Page::Guideline(p) => ("guideline", "guideline.html", p.summary.title.clone(), p.context()),
            Page::GuidelinesIndex(p) => ("guidelines_index", "guidelines.html", "Guidelines".into(), p.context()),
            Page::Plain(p) => ("page", "page.html", p.page.item.title.clone(), p.context(shared)),
            Page::Directory(p) => ("directory", "directory.html", p.directory.item.title.clone(), p.context(shared)),
            Page::Service(p) => ("service", "service.html", p.service.name.clone(), p.context()),
            Page::ServicesIndex(p) => ("services_index", "services.html", "Services".into(), p.context(shared)),
            Page::NotFound => ("not_found", "404.html", "Page not found".into(), tera::Context::new()),
            Page::Search => ("search", "search.html", "Search".into(), tera::Context::new()),
            Page::Shortlist => ("shortlist", "shortlist.html", "Your list of services".into(), tera::Context::new()),
            Page::Sitemap(p) => return Ok(text_file(&path, p.xml(shared))),
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

impl Home<'_> {
    fn context(&self) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("intro", &self.intro.map(|(_, body)| body.first().html.clone()).unwrap_or_default());
        ctx.insert("intro_title", &self.intro.map(|(home, _)| home.item.title.clone()).unwrap_or_default());
        ctx.insert("guideline_count", &self.guidelines.len());
        ctx.insert("service_count", &self.service_count);
        ctx.insert("directories", self.directories);
        ctx.insert("recent_changes", &recent_changes(self.guidelines));
        let review_soon: Vec<&GuidelineView> = self
            .guidelines
            .iter()
            .map(|g| &***g)
            .filter(|g| matches!(g.review_state, ReviewState::Overdue | ReviewState::DueSoon))
            .collect();
        ctx.insert("review_soon", &review_soon);
        ctx
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
        view.content = body.html.clone();
        view.toc = body.toc.clone();
        view.related_services = self.related_services.iter().map(|s| ServiceView::clone(s)).collect();
        let mut ctx = tera::Context::new();
        ctx.insert("guideline", &view);
        ctx
    }
}

impl GuidelineList<'_> {
    fn context(&self) -> tera::Context {
        let mut list: Vec<&GuidelineView> = self.guidelines.iter().map(|g| &***g).collect();
        list.sort_by_key(|g| g.title.to_lowercase());
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
        ctx.insert("conditions", &conditions(&list));
        ctx.insert("guidelines", &list);
        ctx.insert("statuses", &statuses);
        ctx
    }

    /// The Atom feed of the published guidelines' changes.
    fn atom(&self, shared: &Shared) -> String {
        let cx = &shared.settings.cx;
        let published: Vec<&GuidelineView> =
            self.guidelines.iter().map(|g| &***g).filter(|g| g.status != Status::Draft).collect();
        let (home, feed) = (cx.urls.permalink(""), cx.urls.permalink("feed.xml"));
        feeds::atom(&cx.config.title, &home, &feed, &published, cx.today)
    }
}

/// Each condition named by the guidelines, with how many name it, by name.
fn conditions(list: &[&GuidelineView]) -> Vec<serde_json::Value> {
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
        let services: Vec<ServiceView> = self.services.iter().map(|s| ServiceView::clone(s)).collect();
        let view = DirectoryView {
            title: d.title.clone(),
            url: shared.settings.cx.urls.link(&urls::directory(&d.slug)),
            description: self.markdown.first().html.clone(),
            filters: Filters::of(services.iter(), &shared.settings.cx.config.areas),
            services,
        };
        let mut ctx = tera::Context::new();
        ctx.insert("directory", &view);
        ctx
    }
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
    fn context(&self, shared: &Shared) -> tera::Context {
        let mut list: Vec<&ServiceView> = self.services.iter().map(|s| &***s).collect();
        list.sort_by_key(|s| s.name.to_lowercase());
        let mut ctx = tera::Context::new();
        ctx.insert("filters", &Filters::of(list.iter().copied(), &shared.settings.cx.config.areas));
        ctx.insert("services", &list);
        ctx.insert("directories", self.directories);
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
