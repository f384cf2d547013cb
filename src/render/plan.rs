//! Which pages a site has, each with its inputs (see `pages`), and the
//! views many pages share: every guideline's summary and every service.
//!
//! A shared view is made from inputs of its own (`SummaryInputs`,
//! `ServiceInputs`), declared and hashed the same way as a page's, and kept
//! across builds until they change: a rebuild that touched one guideline
//! makes one summary, not ten thousand.

use super::inputs::{DataFiles, Hashed, Markdown, Settings, Sourced, Templates};
use super::pages::*;
use super::paging::Paging;
use super::views::*;
use super::{Bodies, RenderInput, fingerprint};
use crate::content::{Directory, Guideline};
use crate::diagnostics::Diagnostic;
use crate::urls;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::hash::Hash;
use std::ops::Range;
use std::sync::Arc;

/// Shared views kept from the last build, by [`super::name_key`] of their
/// name (or, for cards and rows, by position), with the hash of the inputs
/// each was made from.
type ViewCache<T> = HashMap<u64, (u64, Arc<Hashed<T>>)>;

#[derive(Default, Clone)]
pub struct ViewCaches {
    /// By the guideline's source `rel`.
    summaries: ViewCache<GuidelineView>,
    /// By service id.
    services: ViewCache<ServiceView>,
    /// Each service's card, by service id.
    cards: ViewCache<String>,
    /// Each guideline's row in the guidelines list, by source `rel`.
    rows: ViewCache<String>,
    /// The lists, filters and ways in, with the hash of what they were made from.
    derived: Option<(u64, Arc<Derived>)>,
}

/// One build's pages and the views they share.
pub struct Plan<'a> {
    input: &'a RenderInput<'a>,
    bodies: &'a Bodies,
    pub shared: Shared<'a>,
    summaries: Vec<Arc<Hashed<GuidelineView>>>,
    services: Vec<Arc<Hashed<ServiceView>>>,
    /// Where each service is in `services`, by id.
    service_index: HashMap<&'a str, usize>,
    /// Each service's card and each guideline's row, in content order.
    cards: Vec<Arc<Hashed<String>>>,
    rows: Vec<Arc<Hashed<String>>>,
    /// What is worked out from all the views together.
    derived: Arc<Derived>,
    /// Cards or rows whose template failed.
    pub diagnostics: Vec<Diagnostic>,
}

/// What is worked out from every view at once: made again only when a
/// view, a directory or the settings changed, so an edit to a guideline's
/// body costs none of it.
struct Derived {
    directory_links: Vec<DirectoryLink>,
    /// Every named area of every service, for services that cover them all.
    area_names: Hashed<Vec<String>>,
    /// The lists, grouped here once rather than by templates scanning every
    /// item: positions in `services` / `summaries`, in list order.
    lists: Lists,
    /// Filter options with counts: over every service, per directory, and
    /// over every guideline.
    filters: Hashed<Filters>,
    directory_filters: Vec<Hashed<Filters>>,
    /// Filter counts within each category's and each area's services, as
    /// `lists.categories` and `lists.areas`: the browser's counts once one
    /// is chosen (`ServiceListData`).
    category_filters: Vec<Hashed<Filters>>,
    area_filters: Vec<Hashed<Filters>>,
    guideline_facets: Hashed<GuidelineFacets>,
    ways_in: Hashed<WaysIn>,
    sitemap: Hashed<Sitemap>,
}

impl Derived {
    fn new(
        input: &RenderInput,
        services: &[Arc<Hashed<ServiceView>>],
        directory_services: &[Range<usize>],
        summaries: &[Arc<Hashed<GuidelineView>>],
    ) -> Self {
        let lists = Lists::of(services, directory_services, summaries, input.config);
        let tree = &input.config.areas;
        let filters_of = |members: &mut dyn Iterator<Item = usize>| {
            let members: Vec<&ServiceView> = members.map(|i| &**services[i]).collect();
            Hashed::new(Filters::of(members.iter().copied(), tree))
        };
        let filters = filters_of(&mut (0..services.len()));
        let directory_filters = directory_services.iter().map(|r| filters_of(&mut r.clone())).collect();
        let category_filters =
            lists.categories.iter().map(|(_, members)| filters_of(&mut members.iter().copied())).collect();
        let area_filters = lists.areas.iter().map(|(_, members)| filters_of(&mut members.iter().copied())).collect();
        let guideline_facets = Hashed::new(GuidelineFacets::of(&summaries.iter().map(|g| &***g).collect::<Vec<_>>()));
        let ways_in = Hashed::new(ways_in(input, &lists, summaries, &guideline_facets));
        let directory_links = directory_links(input);
        Derived {
            sitemap: Hashed::new(sitemap(input, &lists, services, directory_links.len())),
            directory_links,
            area_names: Hashed::new(area_names(input)),
            lists,
            filters,
            directory_filters,
            category_filters,
            area_filters,
            guideline_facets,
            ways_in,
        }
    }
}

/// Every page of every list is in the sitemap, as are the items.
fn sitemap(input: &RenderInput, lists: &Lists, services: &[Arc<Hashed<ServiceView>>], directories: usize) -> Sitemap {
    let c = input.content;
    let size = input.config.page_size;
    let pages_of = |list: &str, n: usize| Paging::pages(list, n, size).into_iter().map(|p| p.path());
    let mut paths = vec![String::new()];
    paths.extend(pages_of(urls::GUIDELINES, lists.guidelines.len()));
    paths.extend(pages_of(urls::SERVICES, lists.services.len()));
    if directories > 0 {
        paths.extend(pages_of(urls::DIRECTORIES, directories));
    }
    paths.extend(c.guidelines.iter().map(|g| urls::guideline(&g.key)));
    paths.extend(c.pages.iter().map(|p| urls::page(&p.key)));
    for (d, members) in c.directories.iter().zip(&lists.directories) {
        paths.extend(pages_of(&urls::directory(&d.slug), members.len()));
    }
    for (category, members) in &lists.categories {
        paths.extend(pages_of(&urls::category(&category.id), members.len()));
    }
    for (area, members) in &lists.areas {
        paths.extend(pages_of(&urls::area(&area.id), members.len()));
    }
    paths.extend(services.iter().map(|s| urls::service(&s.id)));
    Sitemap { paths }
}

/// Which items each list holds, in its order.
#[derive(Default)]
struct Lists {
    /// Every service, by name.
    services: Vec<usize>,
    /// Each directory's services, by name.
    directories: Vec<Vec<usize>>,
    /// Each category (id and label, by label) and its services, by name.
    categories: Vec<(IdLabel, Vec<usize>)>,
    /// Each area (slug and name, in the tree's order) and its services, by name.
    areas: Vec<(IdLabel, Vec<usize>)>,
    /// Every guideline, by title.
    guidelines: Vec<usize>,
}

/// What a guideline's summary (its list form) is made from.
#[derive(Hash)]
struct SummaryInputs<'a> {
    guideline: Sourced<'a, Guideline>,
    /// The guideline its `superseded_by` names, whose title it shows.
    replacement: Option<Sourced<'a, Guideline>>,
}

impl SummaryInputs<'_> {
    fn view(&self, cx: &ViewContext) -> GuidelineView {
        GuidelineView::summary(self.guideline.item, self.replacement.map(|r| r.item), cx)
    }
}

/// What a service's view is made from.
#[derive(Hash)]
struct ServiceInputs<'a> {
    directory: Sourced<'a, Directory>,
    /// Where the service is in its directory.
    position: usize,
    /// The directory file's Markdown, which holds the service's description.
    markdown: &'a Markdown,
    /// The guidelines whose `related_services` list it.
    cited_by: Vec<&'a Hashed<GuidelineView>>,
}

impl ServiceInputs<'_> {
    fn view(&self, cx: &ViewContext) -> ServiceView {
        let directory = self.directory.item;
        let cited_by = self
            .cited_by
            .iter()
            .map(|g| CitedBy {
                title: g.title.clone(),
                url: g.url.clone(),
                status: g.status,
                status_label: g.status_label,
                standing: g.standing,
            })
            .collect();
        let description = self.markdown.rest()[self.position].html.clone();
        ServiceView::new(&directory.services[self.position], description, directory, cited_by, cx)
    }
}

impl<'a> Plan<'a> {
    /// Gathers what the pages share, reusing views from `cache` whose inputs
    /// are unchanged; returns the views to keep for the next build.
    pub fn new(input: &'a RenderInput<'a>, bodies: &'a Bodies, cache: &ViewCaches) -> (Self, ViewCaches) {
        let cx = ViewContext { config: input.config, urls: input.urls, today: input.today };
        let shared = Shared {
            settings: Settings::new(cx, input.settings_fingerprint),
            site: SiteView::new(input.config, input.urls, input.today, input.search != super::SearchMode::Off),
            nav: navigation(input),
            templates: Templates(input.theme),
            data: DataFiles(&input.content.data),
        };
        let mut timer = crate::timing::StageTimer::from_env();
        let mut kept = ViewCaches::default();
        let summaries = summaries(input, &shared.settings, &cache.summaries, &mut kept.summaries);
        let (services, directory_services) =
            services(input, bodies, &shared.settings, &summaries, &cache.services, &mut kept.services);
        timer.lap("plan: summaries, services");
        let service_index = input.content.services().enumerate().map(|(i, s)| (s.id.value.as_str(), i)).collect();
        let mut diagnostics = Vec::new();
        let cards =
            drawn(&shared, "service-card.html", "service", &services, &cache.cards, &mut kept.cards, &mut diagnostics);
        let rows = drawn(
            &shared,
            "guideline-row.html",
            "guideline",
            &summaries,
            &cache.rows,
            &mut kept.rows,
            &mut diagnostics,
        );
        timer.lap("plan: cards, rows");
        // Everything `Derived` reads: the views (by their hashes), where
        // each directory's services are, the directory files, the plain
        // pages' paths and the settings.
        let directories: Vec<_> = input.content.directories.iter().map(|d| sourced(input, &**d, &d.source)).collect();
        let pages: Vec<&str> = input.content.pages.iter().map(|p| p.key.as_str()).collect();
        let derived_key =
            fingerprint(&(&shared.settings, &summaries, &services, &directory_services, &directories, &pages));
        let derived = match &cache.derived {
            Some((key, derived)) if *key == derived_key => derived.clone(),
            _ => Arc::new(Derived::new(input, &services, &directory_services, &summaries)),
        };
        kept.derived = Some((derived_key, derived.clone()));
        timer.lap("plan: lists, filters, ways in");
        let plan =
            Plan { input, bodies, shared, summaries, services, service_index, cards, rows, derived, diagnostics };
        (plan, kept)
    }

    /// Every page of the site with its inputs. The order is the search
    /// index's document order, so keep it.
    pub fn pages(&self) -> Vec<Page<'_>> {
        let mut pages = vec![Page::Home(self.home())];
        pages.extend(self.guideline_list().into_iter().map(Page::GuidelinesIndex));
        pages.extend(self.service_lists(Listing::All, &self.derived.lists.services, &self.derived.filters));
        pages.extend(self.directory_list().into_iter().map(Page::DirectoriesIndex));
        pages.extend([
            Page::NotFound,
            Page::Search,
            Page::Shortlist,
            Page::Sitemap(&self.derived.sitemap),
            Page::Feed(GuidelineFeed { guidelines: &self.summaries }),
            Page::Robots,
        ]);
        if self.input.config.offline.enabled {
            pages.push(Page::Offline);
        }
        pages.par_extend((0..self.summaries.len()).into_par_iter().map(|i| Page::Guideline(self.guideline(i))));
        pages.extend(self.input.content.pages.iter().enumerate().map(|(i, p)| {
            Page::Plain(PlainPage { page: sourced(self.input, p, &p.source), body: &self.bodies.pages[i] })
        }));
        pages.extend((0..self.input.content.directories.len()).flat_map(|i| self.directory(i)).map(Page::Directory));
        for ((category, members), counts) in self.derived.lists.categories.iter().zip(&self.derived.category_filters) {
            pages.extend(self.service_lists(Listing::Category(category), members, counts));
        }
        for ((area, members), counts) in self.derived.lists.areas.iter().zip(&self.derived.area_filters) {
            pages.extend(self.service_lists(Listing::Area(area), members, counts));
        }
        pages.par_extend(self.services.par_iter().enumerate().map(|(i, s)| Page::Service(self.service(i, s))));
        pages
    }

    /// A service on a list, with its card.
    fn listed(&self, i: usize) -> Listed<'_> {
        Listed { view: &self.services[i], card: &self.cards[i] }
    }

    /// Each page of a services list holding `members`, in their order, and
    /// beside each its data for the browser's filters, with `counts` (the
    /// filter counts within the list).
    fn service_lists<'p>(
        &'p self,
        listing: Listing<'p>,
        members: &[usize],
        counts: &'p Hashed<Filters>,
    ) -> Vec<Page<'p>> {
        Paging::pages(&listing.path(), members.len(), self.input.config.page_size)
            .into_iter()
            .flat_map(|paging| {
                let services: Vec<Listed> = members[paging.range()].iter().map(|&i| self.listed(i)).collect();
                let data = ServiceListData {
                    paging: paging.clone(),
                    services: services.clone(),
                    counts,
                    all: self.derived.lists.services.len(),
                };
                let page = ServiceList {
                    listing,
                    services,
                    paging,
                    filters: &self.derived.filters,
                    directories: self.directory_links(),
                    ways_in: &self.derived.ways_in,
                };
                [Page::ServicesIndex(page), Page::ServicesData(data)]
            })
            .collect()
    }

    /// The directories for the home page and the services lists.
    fn directory_links(&self) -> DirectoryLinks<'_> {
        let all = &self.derived.directory_links;
        DirectoryLinks { inline: if all.len() <= INLINE_DIRECTORIES { all } else { &[] }, count: all.len() }
    }

    /// Each page of the list of directories, A to Z; none without directories.
    fn directory_list(&self) -> Vec<DirectoryList<'_>> {
        if self.derived.directory_links.is_empty() {
            return Vec::new();
        }
        Paging::pages(urls::DIRECTORIES, self.derived.directory_links.len(), self.input.config.page_size)
            .into_iter()
            .map(|paging| DirectoryList { directories: &self.derived.directory_links[paging.range()], paging })
            .collect()
    }

    /// Each page of directory `i`.
    fn directory(&self, i: usize) -> Vec<DirectoryPage<'_>> {
        let d = &self.input.content.directories[i];
        let members = &self.derived.lists.directories[i];
        Paging::pages(&urls::directory(&d.slug), members.len(), self.input.config.page_size)
            .into_iter()
            .map(|paging| DirectoryPage {
                directory: sourced(self.input, &**d, &d.source),
                markdown: &self.bodies.directories[i],
                services: members[paging.range()].iter().map(|&s| self.listed(s)).collect(),
                paging,
                filters: &self.derived.directory_filters[i],
                ways_in: &self.derived.ways_in,
            })
            .collect()
    }

    /// Each page of the guidelines list.
    fn guideline_list(&self) -> Vec<GuidelineList<'_>> {
        let members = &self.derived.lists.guidelines;
        Paging::pages(urls::GUIDELINES, members.len(), self.input.config.page_size)
            .into_iter()
            .map(|paging| GuidelineList {
                guidelines: members[paging.range()]
                    .iter()
                    .map(|&g| ListedGuideline { summary: &self.summaries[g], row: &self.rows[g] })
                    .collect(),
                paging,
                facets: &self.derived.guideline_facets,
                ways_in: &self.derived.ways_in,
            })
            .collect()
    }

    fn home(&self) -> Home<'_> {
        let intro = self.input.content.home.as_ref().zip(self.bodies.home.as_ref());
        Home {
            intro: intro.map(|(h, body)| (sourced(self.input, h, &h.source), body)),
            guidelines: &self.summaries,
            service_count: self.services.len(),
            directories: self.directory_links(),
            ways_in: &self.derived.ways_in,
        }
    }

    fn guideline(&self, i: usize) -> GuidelinePage<'_> {
        let g = &self.input.content.guidelines[i];
        let related_services = g
            .related_services
            .iter()
            .filter_map(|id| self.service_index.get(id.value.as_str()))
            .map(|i| &*self.services[*i])
            .collect();
        GuidelinePage {
            summary: &self.summaries[i],
            row: &self.rows[i],
            body: &self.bodies.guidelines[i],
            related_services,
        }
    }

    fn service<'p>(&'p self, i: usize, service: &'p Hashed<ServiceView>) -> ServicePage<'p> {
        let covers_everywhere = service.areas.iter().any(|a| is_everywhere(&a.name));
        ServicePage { service, card: &self.cards[i], every_area: covers_everywhere.then_some(&self.derived.area_names) }
    }
}

impl Lists {
    fn of(
        services: &[Arc<Hashed<ServiceView>>],
        directory_services: &[Range<usize>],
        summaries: &[Arc<Hashed<GuidelineView>>],
        config: &crate::config::SiteConfig,
    ) -> Self {
        let tree = &config.areas;
        let mut by_name: Vec<usize> = (0..services.len()).collect();
        let names: Vec<String> = services.iter().map(|s| s.name.to_lowercase()).collect();
        by_name.sort_by(|&a, &b| names[a].cmp(&names[b]));
        let mut directories: Vec<Vec<usize>> = vec![Vec::new(); directory_services.len()];
        let directory_of: Vec<usize> =
            directory_services.iter().enumerate().flat_map(|(d, r)| r.clone().map(move |_| d)).collect();
        // Every category site.yaml names has a page, even with no services
        // yet, so a link to it never breaks.
        let mut categories: HashMap<&str, (IdLabel, Vec<usize>)> = config
            .categories
            .keys()
            .map(|id| (id.as_str(), (IdLabel { id: id.clone(), label: config.category_label(id) }, Vec::new())))
            .collect();
        let mut areas: HashMap<String, (IdLabel, Vec<usize>)> = HashMap::default();
        for &i in &by_name {
            let s = &services[i];
            directories[directory_of[i]].push(i);
            for c in &s.categories {
                categories.entry(&c.id).or_insert_with(|| (c.clone(), Vec::new())).1.push(i);
            }
            for a in &s.covered_areas {
                let slug = crate::markdown::slugify(a);
                let label = IdLabel { id: slug.clone(), label: a.clone() };
                areas.entry(slug).or_insert_with(|| (label, Vec::new())).1.push(i);
            }
        }
        let mut categories: Vec<(IdLabel, Vec<usize>)> = categories.into_values().collect();
        categories.sort_by(|a, b| a.0.label.cmp(&b.0.label).then_with(|| a.0.id.cmp(&b.0.id)));
        let mut areas: Vec<(IdLabel, Vec<usize>)> = areas.into_values().filter(|(a, _)| !a.id.is_empty()).collect();
        areas.sort_by(|a, b| {
            let at = |x: &IdLabel| tree.find(&x.label).unwrap_or(usize::MAX);
            at(&a.0).cmp(&at(&b.0)).then_with(|| a.0.label.cmp(&b.0.label))
        });
        let titles: Vec<String> = summaries.iter().map(|g| g.title.to_lowercase()).collect();
        let mut guidelines: Vec<usize> = (0..summaries.len()).collect();
        guidelines.sort_by(|&a, &b| titles[a].cmp(&titles[b]));
        Lists { services: by_name, directories, categories, areas, guidelines }
    }
}

/// The ways into a large site: conditions, first letters, categories, areas.
fn ways_in(
    input: &RenderInput,
    lists: &Lists,
    summaries: &[Arc<Hashed<GuidelineView>>],
    facets: &GuidelineFacets,
) -> WaysIn {
    let urls = input.urls;
    let guidelines = urls.link(urls::GUIDELINES);
    let conditions = facets
        .conditions
        .iter()
        .map(|c| CountedLink {
            title: c["name"].as_str().unwrap_or_default().to_string(),
            url: format!("{guidelines}?condition={}", c["slug"].as_str().unwrap_or_default()),
            count: c["count"].as_u64().unwrap_or(0) as usize,
        })
        .collect();
    let size = input.config.page_size;
    let mut letters: Vec<LetterLink> = Vec::new();
    for (at, &g) in lists.guidelines.iter().enumerate() {
        let letter = first_letter(&summaries[g].title);
        if letters.last().is_none_or(|l| l.letter != letter) {
            let page = urls.link(&urls::list_page(urls::GUIDELINES, at / size + 1));
            letters.push(LetterLink { url: format!("{page}#{}", letter_id(&letter)), letter });
        }
    }
    let counted = |list: &[(IdLabel, Vec<usize>)], path: fn(&str) -> String| -> Vec<CountedLink> {
        list.iter()
            .filter(|(_, members)| !members.is_empty())
            .map(|(x, members)| CountedLink {
                title: x.label.clone(),
                url: urls.link(&path(&x.id)),
                count: members.len(),
            })
            .collect()
    };
    WaysIn {
        conditions,
        letters,
        categories: counted(&lists.categories, urls::category),
        areas: counted(&lists.areas, urls::area),
    }
}

/// The id of a letter's group in the guidelines list: `letter-a`, `letter-0-9`.
pub fn letter_id(letter: &str) -> String {
    let plain: String = letter.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    format!("letter-{plain}")
}

/// The A–Z letter a title files under: its first letter or digit, upper case;
/// `#` for anything else.
pub fn first_letter(title: &str) -> String {
    match title.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_ascii_digit() => "0–9".to_string(),
        Some(c) => c.to_uppercase().collect(),
        None => "#".to_string(),
    }
}

/// Draws `template` once for each view (a card, a row), reusing what was
/// drawn last time for an unchanged view and the same templates.
fn drawn<T>(
    shared: &Shared,
    template: &str,
    name: &str,
    views: &[Arc<Hashed<T>>],
    cache: &ViewCache<String>,
    kept: &mut ViewCache<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Arc<Hashed<String>>>
where
    Hashed<T>: Hash,
    T: serde::Serialize + Sync + Send,
{
    let made: Vec<(u64, Arc<Hashed<String>>, Option<Diagnostic>)> = views
        .par_iter()
        .enumerate()
        .map(|(i, view)| {
            let key = fingerprint(&(&shared.templates, &shared.site, &**view));
            match cache.get(&(i as u64)) {
                Some((old, html)) if *old == key => (key, html.clone(), None),
                _ => {
                    let mut ctx = tera::Context::new();
                    ctx.insert(name, &***view);
                    ctx.insert("site", &shared.site);
                    match shared.templates.0.tera.render(template, &ctx) {
                        Ok(html) => (key, Arc::new(Hashed::new(super::compact::html(&html))), None),
                        Err(e) => {
                            let message =
                                format!("template: {}", super::templates::error_chain(&e).replace('\n', ": "));
                            (
                                key,
                                Arc::new(Hashed::new(String::new())),
                                Some(Diagnostic::error(format!("templates/{template}"), message)),
                            )
                        }
                    }
                }
            }
        })
        .collect();
    let mut out = Vec::with_capacity(made.len());
    for (i, (key, html, problem)) in made.into_iter().enumerate() {
        // One error per template, not one per item.
        if let Some(d) = problem {
            if !diagnostics.iter().any(|x| x.file == d.file) {
                diagnostics.push(d);
            }
        } else {
            kept.insert(i as u64, (key, html.clone()));
        }
        out.push(html);
    }
    out
}

fn sourced<'a, T>(input: &RenderInput, item: &'a T, rel: &str) -> Sourced<'a, T> {
    Sourced::new(item, input.versions.get(rel).copied().unwrap_or(0))
}

/// `make()`, or the view kept for the same `inputs` under `name`; the
/// result is also put in `kept`.
fn reuse_or_make<I: Hash, T: Hash>(
    name: &str,
    inputs: &I,
    settings: &Settings,
    cache: &ViewCache<T>,
    make: impl FnOnce() -> T,
) -> (u64, Arc<Hashed<T>>) {
    let key = fingerprint(&(settings, inputs));
    match cache.get(&super::name_key(name)) {
        Some((old, view)) if *old == key => (key, view.clone()),
        _ => (key, Arc::new(Hashed::new(make()))),
    }
}

fn summaries(
    input: &RenderInput,
    settings: &Settings,
    cache: &ViewCache<GuidelineView>,
    kept: &mut ViewCache<GuidelineView>,
) -> Vec<Arc<Hashed<GuidelineView>>> {
    let guidelines = &input.content.guidelines;
    let index: HashMap<&str, &Guideline> = guidelines.iter().map(|g| (g.key.as_str(), &**g)).collect();
    let made: Vec<(u64, Arc<Hashed<GuidelineView>>)> = guidelines
        .par_iter()
        .map(|g| {
            let replacement = replacement(g, &index).map(|r| sourced(input, r, &r.source));
            let inputs = SummaryInputs { guideline: sourced(input, &**g, &g.source), replacement };
            reuse_or_make(&g.source, &inputs, settings, cache, || inputs.view(&settings.cx))
        })
        .collect();
    keep(guidelines.iter().map(|g| g.source.as_str()), made, kept)
}

/// Every service's view in content order, and where each directory's are.
fn services(
    input: &RenderInput,
    bodies: &Bodies,
    settings: &Settings,
    summaries: &[Arc<Hashed<GuidelineView>>],
    cache: &ViewCache<ServiceView>,
    kept: &mut ViewCache<ServiceView>,
) -> (Vec<Arc<Hashed<ServiceView>>>, Vec<Range<usize>>) {
    let cited = cited_by(input, summaries);
    let directories = &input.content.directories;
    let mut ranges = Vec::with_capacity(directories.len());
    let mut refs: Vec<(usize, usize)> = Vec::new();
    for (d, directory) in directories.iter().enumerate() {
        ranges.push(refs.len()..refs.len() + directory.services.len());
        refs.extend((0..directory.services.len()).map(|s| (d, s)));
    }
    let made: Vec<(u64, Arc<Hashed<ServiceView>>)> = refs
        .par_iter()
        .map(|&(d, position)| {
            let directory = &*directories[d];
            let id = directory.services[position].id.value.as_str();
            let inputs = ServiceInputs {
                directory: sourced(input, directory, &directory.source),
                position,
                markdown: &bodies.directories[d],
                cited_by: cited.get(id).cloned().unwrap_or_default(),
            };
            reuse_or_make(id, &inputs, settings, cache, || inputs.view(&settings.cx))
        })
        .collect();
    let ids = refs.iter().map(|&(d, s)| directories[d].services[s].id.value.as_str());
    (keep(ids, made, kept), ranges)
}

/// Puts each view in `kept` under its name; returns the views in order.
fn keep<'n, T>(
    names: impl Iterator<Item = &'n str>,
    made: Vec<(u64, Arc<Hashed<T>>)>,
    kept: &mut ViewCache<T>,
) -> Vec<Arc<Hashed<T>>> {
    names
        .zip(made)
        .map(|(name, (key, view))| {
            kept.insert(super::name_key(name), (key, view.clone()));
            view
        })
        .collect()
}

/// The guideline a guideline's `superseded_by` names, if it exists.
fn replacement<'a>(g: &Guideline, index: &HashMap<&str, &'a Guideline>) -> Option<&'a Guideline> {
    let key = g.superseded_by.as_ref()?.value.trim_end_matches(".md").trim_start_matches('/');
    index.get(key).copied()
}

/// The summaries of the guidelines listing each service in `related_services`.
fn cited_by<'s>(
    input: &'s RenderInput,
    summaries: &'s [Arc<Hashed<GuidelineView>>],
) -> HashMap<&'s str, Vec<&'s Hashed<GuidelineView>>> {
    let mut cited: HashMap<&str, Vec<&Hashed<GuidelineView>>> = HashMap::default();
    for (g, summary) in input.content.guidelines.iter().zip(summaries) {
        for id in &g.related_services {
            cited.entry(id.value.as_str()).or_default().push(summary);
        }
    }
    cited
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

/// Every directory, A to Z by title.
fn directory_links(input: &RenderInput) -> Vec<DirectoryLink> {
    let mut links: Vec<DirectoryLink> = input
        .content
        .directories
        .iter()
        .map(|d| DirectoryLink {
            title: d.title.clone(),
            url: input.urls.link(&urls::directory(&d.slug)),
            count: d.services.len(),
        })
        .collect();
    links.sort_by(|a, b| a.title.to_lowercase().cmp(&b.title.to_lowercase()).then_with(|| a.url.cmp(&b.url)));
    links
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
