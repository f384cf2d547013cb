//! The pipeline, in order: config → sources → content → validate → theme →
//! render. Each step is another module's function; this one only passes the
//! data along and gathers every diagnostic, so one run reports everything.

use crate::config::{self, BuildOptions, SITE_FILE, SiteConfig};
use crate::content::{self, Content, ParseCache, Status, validate};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::{FileData, FileSink, OutputFile};
use crate::links::{LeftOut, LinkIndex};
use crate::oruk::{
    self,
    export::{Feed, FeedInput},
};
use crate::output;
use crate::render::templates::{AssetNames, Theme};
use crate::render::{self, RenderCache, RenderInput};
use crate::search::{SearchDoc, Synonyms};
use crate::source::{self, Sources};
use crate::timing::StageTimer;
use crate::urls::Urls;
use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a successful build made, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub guidelines: usize,
    pub drafts_left_out: usize,
    pub pages: usize,
    pub directories: usize,
    pub services: usize,
    pub files: usize,
    /// Pages that went through a template; the rest were reused unchanged.
    pub pages_rendered: usize,
    /// Pages made from templates, rendered again or reused.
    pub pages_total: usize,
    pub elapsed: Duration,
}

/// A site built in memory: its files, what it holds, and its warnings.
pub struct BuiltSite {
    pub files: Vec<OutputFile>,
    pub report: BuildReport,
    pub config: SiteConfig,
    pub diagnostics: Diagnostics,
    /// With `SearchMode::Deferred`, what to index, and a fingerprint of it.
    pub search_docs: Option<(u64, Vec<std::sync::Arc<SearchDoc>>)>,
    /// The Open Referral UK feed (its files are in `files` too), for
    /// `check --oruk`.
    pub feed: Arc<Feed>,
    /// `/sw.js`, the offline worker: apart from `files`, because only
    /// `build` writes it; none in the preview, which never serves it.
    pub worker: Option<OutputFile>,
}

/// Called with (done, total) as pages render.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// What a build keeps for the next one: the sources as last read, and the
/// parse and render results to reuse for files that did not change. `build`
/// and `check` start from an empty cache; the preview server keeps one.
#[derive(Default)]
pub struct BuildCache {
    sources: Option<Sources>,
    parsed: ParseCache,
    rendered: RenderCache,
    /// The Open Referral feed, with a fingerprint of what it was made from.
    feed: Option<(u64, Arc<Feed>)>,
    /// The templates, by theme name: loading them took a tenth of an edit's
    /// rebuild in the preview. Dropped when a file under `themes/` or
    /// `templates/` changes.
    theme: Option<(String, Arc<Theme>)>,
    /// How the theme's assets are named: hashed for `build`, plain for
    /// the preview (`BuildCache::for_preview`), which makes no offline
    /// worker either.
    asset_names: AssetNames,
    /// The link targets: made again only when a page, service, directory
    /// or copied file comes or goes, not when a page's text changes.
    links: Option<Arc<LinkIndex>>,
}

impl BuildCache {
    /// The preview server's cache: pages link the theme's stylesheets and
    /// scripts by their plain names, so the live reload can swap an edited
    /// stylesheet in place.
    pub fn for_preview() -> Self {
        BuildCache { asset_names: AssetNames::Plain, ..BuildCache::default() }
    }

    /// Tells the cache which files changed since the last build (paths as the
    /// file watcher gives them). Without this, the next build reads everything.
    pub fn files_changed(&mut self, root: &Path, paths: &[PathBuf]) {
        if let Some(sources) = &mut self.sources {
            sources.update(root, paths);
        }
        if touches_theme(root, paths) {
            self.theme = None;
        }
    }

    /// A cache that starts from `sources` instead of reading the disk, so a
    /// file can be checked before it is written (`import` checks its result
    /// this way and writes only what passes).
    pub fn with_sources(sources: Sources) -> Self {
        BuildCache { sources: Some(sources), ..BuildCache::default() }
    }

    /// This cache, building as the preview does (`for_preview`): for a page
    /// the preview server shows, such as the editor's preview pane.
    pub fn as_in_preview(self) -> Self {
        BuildCache { asset_names: AssetNames::Plain, ..self }
    }

    /// How many pages the last build had to render (the rest were reused).
    pub fn sources(&self) -> Option<&Sources> {
        self.sources.as_ref()
    }
}

/// Builds the site into memory. `Err` holds every error and warning.
pub fn build_in_memory(options: &BuildOptions, progress: Progress) -> Result<BuiltSite, Diagnostics> {
    build_with_cache(options, &mut BuildCache::default(), progress)
}

/// Builds the site into memory, reusing what `cache` holds from the last
/// build and leaving this build's results in it.
pub fn build_with_cache(
    options: &BuildOptions,
    cache: &mut BuildCache,
    progress: Progress,
) -> Result<BuiltSite, Diagnostics> {
    build_into(options, cache, progress, None, OnErrors::Fail)
}

/// The site built into memory with every page, even when it has errors,
/// and every diagnostic. The editor previews unsaved text this way: a
/// link the author has not finished typing should not blank the preview.
/// `cache` is not given this build's pages when there are errors.
pub fn build_despite_errors(options: &BuildOptions, cache: &mut BuildCache) -> (Vec<OutputFile>, Diagnostics) {
    match build_into(options, cache, &|_, _| {}, None, OnErrors::KeepPages) {
        Ok(built) => (built.files, built.diagnostics),
        Err(diagnostics) => (Vec::new(), diagnostics),
    }
}

/// What a build with errors returns.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnErrors {
    /// Only the diagnostics: nothing of a failed build is used.
    Fail,
    /// The pages too, as a preview of text not yet on disk.
    KeepPages,
}

/// The pipeline, with rendered pages handed to `sink` as they are made
/// when there is one (they are then not in `BuiltSite::files`).
fn build_into(
    options: &BuildOptions,
    cache: &mut BuildCache,
    progress: Progress,
    sink: Option<&dyn FileSink>,
    on_errors: OnErrors,
) -> Result<BuiltSite, Diagnostics> {
    let started = Instant::now();
    let mut timer = StageTimer::from_env();
    let today = Date::today();
    let mut diagnostics = Diagnostics::new();

    // A broken site.yaml is reported with everything else, not alone.
    let (config, config_text) = read_config(options).unwrap_or_else(|errors| {
        diagnostics.extend(errors);
        (SiteConfig::placeholder(), String::new())
    });
    timer.lap("config");
    let sources = cache.sources.get_or_insert_with(|| Sources::scan(&options.root));
    diagnostics.extend(sources.unread.iter().map(|u| u.error.clone()));
    timer.lap("sources");
    let (mut content, failed, load_errors) = content::load(sources, &mut cache.parsed);
    diagnostics.extend(load_errors);
    let (organisations, organisation_errors) = oruk::organisations::load(&sources.files);
    diagnostics.extend(organisation_errors);

    timer.lap("parse");
    let omitted_drafts = if options.drafts { Vec::new() } else { remove_drafts(&mut content) };
    let rules = validate::Rules { config: &config, today, omitted_drafts: &omitted_drafts, failed: &failed };
    diagnostics.extend(validate::check(&content, &rules));
    let left_out = LeftOut { inactive_services: remove_inactive_services(&mut content), drafts: omitted_drafts };

    timer.lap("validate");
    let urls = Urls::new(&config.base_url, &config.base_path());
    let statics = static_files(sources);
    let asset_paths: Vec<String> = statics.iter().map(|f| f.path.clone()).collect();
    let links = links_with_cache(&content, &left_out, &failed, &asset_paths, &urls, &mut cache.links);
    let theme = match theme_with_cache(&options.root, &config.theme, cache.asset_names, &mut cache.theme) {
        Ok(theme) => theme,
        Err(errors) => {
            // No page can be made without templates, but links do not
            // depend on them: report their errors in this run too.
            diagnostics.extend(errors);
            diagnostics.extend(render::link_problems(&content, &links));
            return Err(diagnostics);
        }
    };
    timer.lap("theme");
    let versions: HashMap<&str, u64> = sources.files.iter().map(|f| (f.rel.as_str(), f.version)).collect();
    let settings_fingerprint = crate::fingerprint::fingerprint(&(&config_text, &options.base_url, today));
    let input = RenderInput {
        content: &content,
        config: &config,
        urls: &urls,
        today,
        theme: &theme,
        links: &links,
        versions: &versions,
        settings_fingerprint,
        search: options.search,
        synonyms: &Synonyms::new(&config.synonyms),
        sink,
    };
    timer.lap("links");
    let (rendered, render_cache) = render::render(&input, &cache.rendered, progress);
    // A build that writes as it goes is not built again from this cache:
    // free it before the feed is made, the stage where memory peaks.
    let render_cache = sink.is_none().then_some(render_cache);
    timer.lap("render");
    let input = FeedInput { content: &content, config: &config, urls: &urls, organisations: &organisations, sink };
    let feed = feed_with_cache(&input, feed_fingerprint(sources, &config_text, &config.base_url), &mut cache.feed);
    diagnostics.extend(
        feed.write_errors
            .iter()
            .map(|e| Diagnostic::general(format!("could not write the site, the previous output is unchanged: {e}"))),
    );
    timer.lap("feed");
    diagnostics.extend(rendered.diagnostics);
    if diagnostics.has_errors() && on_errors == OnErrors::Fail {
        return Err(diagnostics);
    }
    // Only a good build replaces the cached pages, so an error never
    // leaves half a site behind in the preview.
    if let Some(render_cache) = render_cache
        && !diagnostics.has_errors()
    {
        let old = std::mem::replace(&mut cache.rendered, render_cache);
        // Freeing tens of thousands of cached pages takes a preview's
        // rebuild several milliseconds: not on the way to the reload.
        std::thread::spawn(move || drop(old));
    }

    let mut files = statics;
    files.extend(rendered.files);
    files.extend(feed.files());
    let worker = (cache.asset_names == AssetNames::Hashed)
        .then(|| render::worker::worker(&files, &theme, config.offline, &urls));
    timer.lap("offline worker");
    let report = BuildReport {
        guidelines: content.guidelines.len(),
        drafts_left_out: left_out.drafts.len(),
        pages: content.pages.len(),
        directories: content.directories.len(),
        services: content.services().count(),
        files: files.len() + rendered.files_written + feed.written,
        pages_rendered: rendered.pages_rendered,
        pages_total: rendered.pages_total,
        elapsed: started.elapsed(),
    };
    Ok(BuiltSite { files, report, config, diagnostics, search_docs: rendered.search_docs, feed, worker })
}

/// Everything the site holds, as read (drafts and inactive services
/// included), with the settings and today: what the governance report lists.
pub struct Inventory {
    pub config: SiteConfig,
    pub today: Date,
    pub content: Content,
}

/// Reads the settings and every content file, reusing `cache` (run a build
/// or check with it first to have its diagnostics: this adds none). Files
/// that fail to load are missing here; a `site.yaml` that fails gives the
/// defaults.
pub fn inventory(options: &BuildOptions, cache: &mut BuildCache) -> Inventory {
    let config = read_config(options).map(|(config, _)| config).unwrap_or_else(|_| SiteConfig::placeholder());
    let sources = cache.sources.get_or_insert_with(|| Sources::scan(&options.root));
    let (content, _, _) = content::load(sources, &mut cache.parsed);
    Inventory { config, today: Date::today(), content }
}

/// Whether any of `paths` (as the file watcher gives them) may be a
/// template or theme file; a path outside the site is taken to be one.
fn touches_theme(root: &Path, paths: &[PathBuf]) -> bool {
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    paths.iter().any(|path| match path.strip_prefix(&canonical).or_else(|_| path.strip_prefix(root)) {
        Ok(inner) => inner.starts_with("themes") || inner.starts_with("templates"),
        Err(_) => true,
    })
}

/// The link index, reused while its inputs are unchanged.
fn links_with_cache(
    content: &Content,
    left_out: &LeftOut,
    failed: &content::Failures,
    assets: &[String],
    urls: &Urls,
    cache: &mut Option<Arc<LinkIndex>>,
) -> Arc<LinkIndex> {
    let key = LinkIndex::inputs_fingerprint(content, left_out, failed, assets, urls);
    match cache {
        Some(links) if links.fingerprint() == key => links.clone(),
        _ => {
            let links = Arc::new(LinkIndex::new(content, left_out, failed, assets, urls));
            *cache = Some(links.clone());
            links
        }
    }
}

/// The theme's templates, loaded again only when its name changed or one of
/// its files did (`BuildCache::files_changed`).
fn theme_with_cache(
    root: &Path,
    name: &str,
    names: AssetNames,
    cache: &mut Option<(String, Arc<Theme>)>,
) -> Result<Arc<Theme>, Vec<Diagnostic>> {
    if let Some((cached, theme)) = cache
        && cached == name
    {
        return Ok(theme.clone());
    }
    let theme = Arc::new(render::templates::load(root, name, names)?);
    *cache = Some((name.to_string(), theme.clone()));
    Ok(theme)
}

/// What the feed is made from: the directory files, `data/organisations.yaml`
/// and the settings (categories, title, base URLs).
fn feed_fingerprint(sources: &Sources, config_text: &str, base_url: &str) -> u64 {
    let inputs: Vec<(&str, u64)> = sources
        .files
        .iter()
        .filter(|f| f.kind == source::Kind::Directory || f.rel == oruk::organisations::FILE)
        .map(|f| (f.rel.as_str(), f.version))
        .collect();
    crate::fingerprint::fingerprint(&(inputs, config_text, base_url))
}

/// The feed, reused while its inputs are unchanged: for 5,000 services it
/// takes most of a second to make (about 120 MB of JSON), which the preview
/// server should not spend on every edit to a guideline.
fn feed_with_cache(input: &FeedInput, fingerprint: u64, cache: &mut Option<(u64, Arc<Feed>)>) -> Arc<Feed> {
    if input.sink.is_some() {
        // Part of it is on disk already: not a feed to reuse.
        return Arc::new(oruk::export::feed(input));
    }
    match cache {
        Some((old, feed)) if *old == fingerprint => feed.clone(),
        _ => {
            let feed = Arc::new(oruk::export::feed(input));
            *cache = Some((fingerprint, feed.clone()));
            feed
        }
    }
}

/// Builds and writes the site to `options.output`, replacing it only when
/// the whole build succeeded.
pub fn build(options: &BuildOptions, progress: Progress) -> Result<BuiltSite, Diagnostics> {
    if let Err(e) = output::check_destination(&options.root, &options.output) {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::general(format!("output folder {e}")));
        return Err(d);
    }
    let staging = match output::Staging::begin(&options.output) {
        Ok(staging) => staging,
        Err(e) => {
            let mut d = Diagnostics::new();
            d.push(Diagnostic::general(format!("could not write the site, the previous output is unchanged: {e}")));
            return Err(d);
        }
    };
    // Pages, the search index and the feed's service-at-location documents
    // are written as they are made; the rest (static files, the other feed
    // documents, the worker) once the build has succeeded. An error drops `staging`,
    // which removes it, so the previous output stays as it was.
    let mut built = build_into(options, &mut BuildCache::default(), progress, Some(&staging), OnErrors::Fail)?;
    if let Some(worker) = built.worker.take() {
        built.files.push(worker);
        built.report.files += 1;
    }
    let mut timer = StageTimer::from_env();
    let written = staging.write_all(&built.files).and_then(|()| staging.finish());
    timer.lap("write");
    if let Err(e) = written {
        built
            .diagnostics
            .push(Diagnostic::general(format!("could not write the site, the previous output is unchanged: {e}")));
        return Err(built.diagnostics);
    }
    Ok(built)
}

/// The settings, and the text they came from (for the cache fingerprint).
fn read_config(options: &BuildOptions) -> Result<(SiteConfig, String), Diagnostics> {
    if !options.root.join(SITE_FILE).exists() && !options.root.join("content").is_dir() {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::error(
            SITE_FILE,
            format!("not found in {}, expected a site folder with site.yaml and content/ (make one with `signpost init DIR`, or pass --root DIR)", options.root.display()),
        ));
        return Err(d);
    }
    let path = options.root.join(SITE_FILE);
    let mut diagnostics = Diagnostics::new();
    let text = match source::read_text(&path, SITE_FILE) {
        Ok(text) => text,
        Err(_) if !path.exists() => {
            diagnostics.push(Diagnostic::error(
                SITE_FILE,
                format!(
                    "not found in {}, expected a site folder with site.yaml (make one with `signpost init DIR`, or pass --root DIR)",
                    options.root.display()
                ),
            ));
            return Err(diagnostics);
        }
        Err(d) => {
            diagnostics.push(d);
            return Err(diagnostics);
        }
    };
    config::parse(&text, options.base_url.as_deref()).map(|config| (config, text)).map_err(|errors| {
        diagnostics.extend(errors);
        diagnostics
    })
}

fn remove_drafts(content: &mut Content) -> Vec<String> {
    let omitted = content.guidelines.iter().filter(|g| g.status == Status::Draft).map(|g| g.key.clone()).collect();
    content.guidelines.retain(|g| g.status != Status::Draft);
    omitted
}

/// Inactive services stay in their YAML (an import may mark them so) but are
/// not published: no page, no list entry, no search record, no feed entry.
fn remove_inactive_services(content: &mut Content) -> Vec<String> {
    let is_inactive = |s: &content::Service| s.status == content::ServiceStatus::Inactive;
    let mut removed = Vec::new();
    for directory in &mut content.directories {
        if directory.services.iter().any(is_inactive) {
            let directory = std::sync::Arc::make_mut(directory);
            removed.extend(directory.services.iter().filter(|s| is_inactive(s)).map(|s| s.id.value.clone()));
            directory.services.retain(|s| !is_inactive(s));
        }
    }
    removed
}

fn static_files(sources: &Sources) -> Vec<OutputFile> {
    sources.statics.iter().map(|s| OutputFile { path: s.dest.clone(), data: FileData::Copy(s.path.clone()) }).collect()
}

/// Reads an output file's bytes, wherever they live.
pub fn file_bytes(file: &OutputFile) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
    file.bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SearchMode;
    use std::collections::BTreeMap;

    /// A copy of the example site, and how to build it.
    fn example_site() -> (tempfile::TempDir, BuildOptions) {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let folders = ["content", "data"].map(|f| walkdir::WalkDir::new(repo.join(f)));
        for entry in folders.into_iter().flatten() {
            let entry = entry.expect("example site");
            let dest = dir.path().join(entry.path().strip_prefix(repo).expect("inside the repo"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).expect("folder");
            } else {
                std::fs::copy(entry.path(), &dest).expect("file");
            }
        }
        std::fs::copy(repo.join(SITE_FILE), dir.path().join(SITE_FILE)).expect("site.yaml");
        let root = dir.path().to_path_buf();
        let options = BuildOptions {
            output: root.join("public"),
            root,
            base_url: None,
            drafts: false,
            search: SearchMode::Deferred,
        };
        (dir, options)
    }

    fn contents(built: &BuiltSite) -> BTreeMap<String, Vec<u8>> {
        built.files.iter().map(|f| (f.path.clone(), f.bytes().expect("readable").into_owned())).collect()
    }

    /// Changes the file at `rel` and returns its path.
    fn edit(root: &Path, rel: &str, change: impl Fn(&str) -> String) -> PathBuf {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).expect(rel);
        let changed = change(&text);
        assert_ne!(changed, text, "{rel}: the edit changed nothing");
        std::fs::write(&path, changed).expect(rel);
        path
    }

    /// Writes a new file at `rel`, made from the file at `from`.
    fn copy_as(root: &Path, from: &str, rel: &str, change: impl Fn(&str) -> String) -> PathBuf {
        let text = std::fs::read_to_string(root.join(from)).expect(from);
        let path = root.join(rel);
        std::fs::write(&path, change(&text)).expect(rel);
        path
    }

    fn remove(root: &Path, rel: &str) -> PathBuf {
        let path = root.join(rel);
        std::fs::remove_file(&path).expect(rel);
        path
    }

    type Edit = fn(&Path) -> Vec<PathBuf>;

    /// Each kind of edit an author makes, in turn; each leaves a site that builds.
    const EDITS: [(&str, Edit); 11] = [
        ("a guideline's body", |root| {
            vec![edit(root, "content/guidelines/inhalers.md", |t| {
                t.replacen("## Principles", "A new first line.\n\n## Principles", 1)
            })]
        }),
        ("a heading, and the link to it from another guideline", |root| {
            vec![
                edit(root, "content/guidelines/breathlessness.md", |t| {
                    t.replacen("## First tests for everyone", "## First tests for all", 1)
                }),
                edit(root, "content/guidelines/copd.md", |t| {
                    t.replacen("breathlessness.md#first-tests-for-everyone", "breathlessness.md#first-tests-for-all", 1)
                }),
            ]
        }),
        ("a guideline's title", |root| {
            vec![edit(root, "content/guidelines/breathlessness.md", |t| {
                t.replacen("title: \"Breathlessness:", "title: \"Zzz breathlessness:", 1)
            })]
        }),
        ("a service's name, which moves it in every list", |root| {
            vec![edit(root, "content/services/money-and-work.yaml", |t| {
                t.replacen("name: Debt advice line", "name: Aardvark debt advice line", 1)
            })]
        }),
        ("a service's areas and categories", |root| {
            vec![edit(root, "content/services/money-and-work.yaml", |t| {
                t.replacen("areas: [Poole, Bournemouth, Christchurch]", "areas: [Poole]", 1).replacen(
                    "categories: [money]",
                    "categories: [money, warmth]",
                    1,
                )
            })]
        }),
        ("a guideline added", |root| {
            vec![copy_as(root, "content/guidelines/breathlessness.md", "content/guidelines/cough.md", |t| {
                t.replacen("title: \"Zzz breathlessness:", "title: \"Chronic cough:", 1)
            })]
        }),
        ("a page added, with a link to the new guideline", |root| {
            vec![copy_as(root, "content/about.md", "content/contact.md", |t| {
                t.replacen("title: About this site", "title: Contact us", 1)
                    + "\nSee [chronic cough](guidelines/cough.md).\n"
            })]
        }),
        ("a directory added", |root| {
            vec![copy_as(root, "content/services/money-and-work.yaml", "content/services/more-money.yaml", |t| {
                t.replace("  - id: ", "  - id: more-").replacen("title: Money and work", "title: More money help", 1)
            })]
        }),
        ("a page removed", |root| vec![remove(root, "content/contact.md")]),
        ("a guideline removed", |root| vec![remove(root, "content/guidelines/cough.md")]),
        ("a directory removed", |root| vec![remove(root, "content/services/more-money.yaml")]),
    ];

    /// The preview keeps its caches from build to build (views, lists,
    /// link targets, pages by hashed name): after each kind of edit, what
    /// it builds from them must be exactly what a build from nothing makes.
    #[test]
    fn a_rebuild_from_the_preview_cache_equals_a_fresh_build_after_every_kind_of_edit() {
        let (_dir, options) = example_site();
        let root = options.root.clone();
        let mut cache = BuildCache::for_preview();
        let failed = |d: Diagnostics| panic!("{:?}", d.sorted().iter().map(ToString::to_string).collect::<Vec<_>>());
        build_with_cache(&options, &mut cache, &|_, _| {}).unwrap_or_else(failed);
        for (what, make) in EDITS {
            let changed = make(&root);
            cache.files_changed(&root, &changed);
            let cached = build_with_cache(&options, &mut cache, &|_, _| {}).unwrap_or_else(failed);
            let fresh = build_with_cache(&options, &mut BuildCache::for_preview(), &|_, _| {}).unwrap_or_else(failed);
            let (cached_files, fresh_files) = (contents(&cached), contents(&fresh));
            let differ: Vec<&String> = fresh_files
                .keys()
                .chain(cached_files.keys())
                .filter(|path| cached_files.get(*path) != fresh_files.get(*path))
                .collect();
            assert!(differ.is_empty(), "after {what}, the cached rebuild differs in {differ:?}");
            // The fingerprints are per cache (file versions are); the records are not.
            let docs = |built: BuiltSite| format!("{:?}", built.search_docs.map(|(_, docs)| docs));
            assert!(docs(cached) == docs(fresh), "after {what}, the search records differ");
        }
    }
}
