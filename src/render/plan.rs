//! Which pages a site has, each with its inputs (see `pages`), and the
//! views many pages share: every guideline's summary and every service.
//!
//! A shared view is made from inputs of its own (`SummaryInputs`,
//! `ServiceInputs`), declared and hashed the same way as a page's, and kept
//! across builds until they change: a rebuild that touched one guideline
//! makes one summary, not ten thousand.

use super::inputs::{DataFiles, Hashed, Markdown, Settings, Sourced, Templates};
use super::pages::*;
use super::views::*;
use super::{Bodies, RenderInput, fingerprint};
use crate::content::{Directory, Guideline};
use crate::urls;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::hash::Hash;
use std::ops::Range;
use std::sync::Arc;

/// Shared views kept from the last build, by name, with the hash of the
/// inputs each was made from.
type ViewCache<T> = HashMap<String, (u64, Arc<Hashed<T>>)>;

#[derive(Default, Clone)]
pub struct ViewCaches {
    /// By the guideline's source `rel`.
    summaries: ViewCache<GuidelineView>,
    /// By service id.
    services: ViewCache<ServiceView>,
}

/// One build's pages and the views they share.
pub struct Plan<'a> {
    input: &'a RenderInput<'a>,
    bodies: &'a Bodies,
    pub shared: Shared<'a>,
    summaries: Vec<Arc<Hashed<GuidelineView>>>,
    services: Vec<Arc<Hashed<ServiceView>>>,
    /// Per directory, where its services are in `services`.
    directory_services: Vec<Range<usize>>,
    /// Where each service is in `services`, by id.
    service_index: HashMap<&'a str, usize>,
    directory_links: Vec<DirectoryLink>,
    /// Every named area of every service, for services that cover them all.
    area_names: Vec<String>,
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
        let mut kept = ViewCaches::default();
        let summaries = summaries(input, &shared.settings, &cache.summaries, &mut kept.summaries);
        let (services, directory_services) =
            services(input, bodies, &shared.settings, &summaries, &cache.services, &mut kept.services);
        let service_index = input.content.services().enumerate().map(|(i, s)| (s.id.value.as_str(), i)).collect();
        let plan = Plan {
            input,
            bodies,
            shared,
            summaries,
            services,
            directory_services,
            service_index,
            directory_links: directory_links(input),
            area_names: area_names(input),
        };
        (plan, kept)
    }

    /// Every page of the site with its inputs. The order is the search
    /// index's document order, so keep it.
    pub fn pages(&self) -> Vec<Page<'_>> {
        let mut pages = vec![
            Page::Home(self.home()),
            Page::GuidelinesIndex(GuidelineList { guidelines: &self.summaries }),
            Page::ServicesIndex(ServiceList { services: &self.services, directories: &self.directory_links }),
            Page::NotFound,
            Page::Search,
            Page::Shortlist,
            Page::Sitemap(self.sitemap()),
            Page::Feed(GuidelineList { guidelines: &self.summaries }),
            Page::Robots,
        ];
        pages.extend((0..self.summaries.len()).map(|i| Page::Guideline(self.guideline(i))));
        pages.extend(self.input.content.pages.iter().enumerate().map(|(i, p)| {
            Page::Plain(PlainPage { page: sourced(self.input, p, &p.source), body: &self.bodies.pages[i] })
        }));
        pages.extend(self.input.content.directories.iter().enumerate().map(|(i, d)| {
            Page::Directory(DirectoryPage {
                directory: sourced(self.input, &**d, &d.source),
                markdown: &self.bodies.directories[i],
                services: &self.services[self.directory_services[i].clone()],
            })
        }));
        pages.extend(self.services.iter().map(|s| Page::Service(self.service(s))));
        pages
    }

    fn home(&self) -> Home<'_> {
        let intro = self.input.content.home.as_ref().zip(self.bodies.home.as_ref());
        Home {
            intro: intro.map(|(h, body)| (sourced(self.input, h, &h.source), body)),
            guidelines: &self.summaries,
            service_count: self.services.len(),
            directories: &self.directory_links,
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
        GuidelinePage { summary: &self.summaries[i], body: &self.bodies.guidelines[i], related_services }
    }

    fn service<'p>(&'p self, service: &'p Hashed<ServiceView>) -> ServicePage<'p> {
        let covers_everywhere = service.areas.iter().any(|a| is_everywhere(&a.name));
        ServicePage { service, every_area: covers_everywhere.then_some(self.area_names.as_slice()) }
    }

    fn sitemap(&self) -> Sitemap {
        let c = self.input.content;
        let mut paths = vec![String::new(), urls::GUIDELINES.to_string(), urls::SERVICES.to_string()];
        paths.extend(c.guidelines.iter().map(|g| urls::guideline(&g.key)));
        paths.extend(c.pages.iter().map(|p| urls::page(&p.key)));
        paths.extend(c.directories.iter().map(|d| urls::directory(&d.slug)));
        paths.extend(self.services.iter().map(|s| urls::service(&s.id)));
        Sitemap { paths }
    }
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
    match cache.get(name) {
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
    keep(guidelines.iter().map(|g| g.source.clone()), made, kept)
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
    let ids = refs.iter().map(|&(d, s)| directories[d].services[s].id.value.clone());
    (keep(ids, made, kept), ranges)
}

/// Puts each view in `kept` under its name; returns the views in order.
fn keep<T>(
    names: impl Iterator<Item = String>,
    made: Vec<(u64, Arc<Hashed<T>>)>,
    kept: &mut ViewCache<T>,
) -> Vec<Arc<Hashed<T>>> {
    names
        .zip(made)
        .map(|(name, (key, view))| {
            kept.insert(name, (key, view.clone()));
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
    input: &RenderInput,
    summaries: &'s [Arc<Hashed<GuidelineView>>],
) -> HashMap<String, Vec<&'s Hashed<GuidelineView>>> {
    let mut cited: HashMap<String, Vec<&Hashed<GuidelineView>>> = HashMap::default();
    for (g, summary) in input.content.guidelines.iter().zip(summaries) {
        for id in &g.related_services {
            cited.entry(id.value.clone()).or_default().push(summary);
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

fn directory_links(input: &RenderInput) -> Vec<DirectoryLink> {
    input
        .content
        .directories
        .iter()
        .map(|d| DirectoryLink {
            title: d.title.clone(),
            url: input.urls.link(&urls::directory(&d.slug)),
            count: d.services.len(),
        })
        .collect()
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
