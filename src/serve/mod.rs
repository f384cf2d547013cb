//! `signpost serve`: build the site into memory, serve it on loopback, and
//! rebuild when a file changes.
//!
//! The preview never writes the built site to disk: pages live in memory, so
//! `public/` is untouched and no page request can reach a file outside the
//! built site. The editor (`editor.rs`, `docs/editing.md`) writes an
//! author's own files, only on request and behind its own checks. A
//! failed rebuild keeps the last good pages and shows its errors over them;
//! the server itself never stops because of bad content.

mod editor;
mod editor_lists;
mod editor_new;
mod editor_new_page;
mod editor_page;
mod http;
#[cfg(test)]
mod reindex_timings;
mod watch;

pub use watch::{Change, classify};

use crate::config::BuildOptions;
use crate::diagnostics::Diagnostics;
use crate::files::FileData;
use crate::search::engine::IncrementalIndex;
use crate::search::{SearchDoc, Synonyms};
use crate::site::{self, BuildCache, BuiltSite};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What the server shows: the last good build and the last build's errors.
#[derive(Default)]
pub struct SiteState {
    /// Bumped by every good build; pages carry it so they know when to reload.
    pub generation: u64,
    /// Bumped by every build, good or bad, to wake the live-reload streams.
    pub serial: u64,
    pub files: HashMap<String, Arc<[u8]>>,
    /// The search index, built in the background after the pages.
    pub search_files: HashMap<String, Arc<[u8]>>,
    /// The `error:` lines of the last build; empty when it was good.
    pub errors: Vec<String>,
    /// The last good build only changed stylesheets.
    pub css_only: bool,
}

/// The state, shared between the builder and the request threads.
#[derive(Default)]
pub struct Shared {
    pub state: Mutex<SiteState>,
    pub changed: Condvar,
    /// The site folder, read again for the governance report on request.
    pub root: PathBuf,
    /// Editing in the browser, when it is on (`docs/editing.md`).
    editor: Option<editor::Editor>,
}

impl Shared {
    fn publish(&self, update: impl FnOnce(&mut SiteState)) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        update(&mut state);
        state.serial += 1;
        self.changed.notify_all();
    }
}

pub struct ServeOptions {
    pub root: PathBuf,
    pub interface: String,
    pub port: u16,
    pub drafts: bool,
    /// `--no-edit`: no edit pages and no writing endpoints.
    pub no_edit: bool,
    /// `--edit-token`: the token writes need instead of a random one; turns
    /// editing on when the interface is not loopback.
    pub edit_token: Option<String>,
}

/// Runs the preview server until the process is stopped. Returns an error
/// message only when it cannot start.
pub fn run(options: ServeOptions) -> Result<(), String> {
    let address = format!("{}:{}", options.interface, options.port);
    let server = tiny_http::Server::http(&address).map_err(|e| listen_error(&address, &e.to_string()))?;
    let port = server.server_addr().to_ip().map_or(options.port, |a| a.port());
    let host =
        if options.interface.contains(':') { format!("[{}]", options.interface) } else { options.interface.clone() };
    let url = format!("http://{host}:{port}/");
    if !is_loopback(&options.interface) {
        eprintln!(
            "warning: serving on {} makes this preview visible to other machines on the network; use --interface 127.0.0.1 to keep it private",
            options.interface
        );
    }

    let build_options = BuildOptions {
        output: options.root.join("public"),
        root: options.root.clone(),
        base_url: Some(url.trim_end_matches('/').to_string()),
        drafts: options.drafts,
        search: crate::config::SearchMode::Deferred,
    };
    // Watch before the first build, so an edit made while it runs is not missed.
    let watcher =
        watch::SiteWatcher::new(&options.root).map_err(|e| format!("cannot watch {}: {e}", options.root.display()))?;
    let editor = editor::Editor::for_run(&options.interface, port, options.no_edit, options.edit_token.clone())?;
    announce_editing(&options, editor.is_some());
    let shared = Arc::new(Shared { root: options.root.clone(), editor, ..Shared::default() });
    let mut cache = BuildCache::for_preview();
    let indexer = search_indexer(shared.clone());
    if let Some(warnings) = rebuild(&build_options, &mut cache, &shared, &indexer, false) {
        for line in warnings {
            eprintln!("{line}");
        }
    }
    println!("Serving {} at {url} (press Ctrl-C to stop)", options.root.display());

    let watch_shared = shared.clone();
    std::thread::spawn(move || watch_loop(watcher, build_options, cache, watch_shared, indexer));

    http::serve_forever(server, shared);
    Ok(())
}

fn announce_editing(options: &ServeOptions, on: bool) {
    if on {
        println!(
            "Editing in the browser is on: guideline and service pages have \"Edit this page\" (serve --no-edit turns it off)"
        );
    } else if !options.no_edit {
        eprintln!(
            "note: editing in the browser is off because this preview is visible to the network; give --edit-token to turn it on"
        );
    }
}

fn listen_error(address: &str, error: &str) -> String {
    if error.to_lowercase().contains("in use") {
        format!(
            "cannot listen on {address}: the port is in use; choose another with --port, or --port 0 for any free port"
        )
    } else {
        format!("cannot listen on {address}: {error}")
    }
}

fn is_loopback(interface: &str) -> bool {
    interface == "localhost" || interface.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn watch_loop(
    mut watcher: watch::SiteWatcher,
    options: BuildOptions,
    mut cache: BuildCache,
    shared: Arc<Shared>,
    indexer: Indexer,
) {
    while let Some(paths) = watcher.next_burst() {
        let Some(change) = classify(&options.root, &paths) else { continue };
        for path in &change.paths {
            if path.is_dir() {
                watcher.watch_new_folder(path);
            }
        }
        cache.files_changed(&options.root, &change.paths);
        rebuild(&options, &mut cache, &shared, &indexer, change.css_only);
    }
}

/// Builds, then publishes the new pages or the errors. Prints what happened;
/// returns the warnings of a good build.
pub fn rebuild(
    options: &BuildOptions,
    cache: &mut BuildCache,
    shared: &Shared,
    indexer: &Indexer,
    css_only: bool,
) -> Option<Vec<String>> {
    let started = Instant::now();
    // A bug in a build must not end the preview: it becomes an error on the
    // page like any other, and the next save tries again from a clean cache.
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| site::build_with_cache(options, cache, &|_, _| {})));
    let result = result.unwrap_or_else(|_| {
        *cache = BuildCache::for_preview();
        let mut d = Diagnostics::new();
        d.push(crate::diagnostics::Diagnostic::general(
            "internal error in signpost while building; the preview keeps the last good version (please report this)",
        ));
        Err(d)
    });
    match result {
        Ok(built) => {
            let rendered = built.report.pages_rendered;
            let warnings = built.diagnostics.warning_count();
            let files = materialise(&built);
            indexer.index(&built);
            shared.publish(|state| {
                state.generation += 1;
                state.files = files;
                state.errors.clear();
                state.css_only = css_only;
            });
            let elapsed = started.elapsed();
            println!(
                "Built in {} ({rendered} of {} pages rendered again, {warnings} warnings)",
                millis(elapsed),
                built.report.pages_total
            );
            let warnings = built.diagnostics.sorted().into_iter().filter(|d| !d.is_error());
            Some(warnings.map(|d| d.to_string()).collect())
        }
        Err(diagnostics) => {
            let lines = error_lines(&diagnostics);
            for line in &lines {
                eprintln!("{line}");
            }
            eprintln!("Build failed: the preview keeps showing the last good version");
            shared.publish(|state| state.errors = lines);
            None
        }
    }
}

/// Indexes search on its own thread, so a save reloads the page at once;
/// search follows within about a second. The thread keeps an
/// [`IncrementalIndex`], so a save re-analyses only the documents it
/// changed. When saves come faster than indexing, only the newest docs are
/// indexed.
pub struct Indexer {
    jobs: std::sync::mpsc::Sender<IndexJob>,
    last: std::cell::Cell<u64>,
}

struct IndexJob {
    docs: Vec<Arc<SearchDoc>>,
    synonyms: Synonyms,
}

impl Indexer {
    fn index(&self, built: &BuiltSite) {
        let Some((fingerprint, docs)) = &built.search_docs else { return };
        if self.last.get() == *fingerprint {
            return;
        }
        self.last.set(*fingerprint);
        let _ = self.jobs.send(IndexJob { docs: docs.clone(), synonyms: Synonyms::new(&built.config.synonyms) });
    }
}

fn search_indexer(shared: Arc<Shared>) -> Indexer {
    let (jobs, queue) = std::sync::mpsc::channel::<IndexJob>();
    std::thread::spawn(move || {
        let mut index = IncrementalIndex::default();
        while let Ok(job) = queue.recv() {
            // Jobs queued behind this one are newer docs: index the newest only.
            let job = queue.try_iter().last().unwrap_or(job);
            if let Some(files) = write_search_files(&mut index, &job) {
                // One swap under the lock: a request sees the old index or
                // the new one, never a mix.
                shared.state.lock().unwrap_or_else(|e| e.into_inner()).search_files = files;
            }
        }
    });
    Indexer { jobs, last: std::cell::Cell::new(0) }
}

/// The search files of `job`'s docs, or `None` (and a warning) if the
/// indexer failed; the preview then keeps serving the last index.
fn write_search_files(index: &mut IncrementalIndex, job: &IndexJob) -> Option<HashMap<String, Arc<[u8]>>> {
    let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| index.write(&job.docs, &job.synonyms)));
    let Ok(files) = written else {
        // What it kept may be half updated: start afresh with the next save.
        *index = IncrementalIndex::default();
        eprintln!(
            "warning: search index: internal error in signpost while indexing; the preview keeps the last search index (please report this)"
        );
        return None;
    };
    let files = files
        .into_iter()
        .filter_map(|f| match f.data {
            FileData::Bytes(bytes) => Some((f.path, bytes)),
            _ => None,
        })
        .collect();
    Some(files)
}

/// The governance report as a page, from the files as they are now: asked
/// for rarely, so it is made on request rather than on every save.
fn report_page(root: &std::path::Path) -> Vec<u8> {
    let options = BuildOptions {
        output: root.join("public"),
        root: root.to_path_buf(),
        base_url: None,
        drafts: true,
        search: crate::config::SearchMode::Off,
    };
    let inventory = site::inventory(&options, &mut BuildCache::default());
    crate::report::html(&crate::report::Report::of(&inventory)).into_bytes()
}

fn error_lines(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics.clone().sorted().into_iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect()
}

/// Every output file as bytes in memory, reading copied files now so later
/// edits to them cannot change what the last good build serves.
fn materialise(built: &BuiltSite) -> HashMap<String, Arc<[u8]>> {
    built
        .files
        .iter()
        .filter_map(|f| {
            let bytes: Arc<[u8]> = match &f.data {
                FileData::Bytes(b) => b.clone(),
                FileData::Embedded(b) => Arc::from(*b),
                FileData::Copy(path) => Arc::from(std::fs::read(path).ok()?),
                FileData::Pieces(pieces) => Arc::from(pieces.concat()),
            };
            Some((f.path.clone(), bytes))
        })
        .collect()
}

fn millis(d: Duration) -> String {
    format!("{}ms", d.as_millis())
}
