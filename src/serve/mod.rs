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
    let mut preview = Preview::new(build_options, search_indexer(shared.clone()));
    if let Some(warnings) = preview.rebuild(&shared, false) {
        for warning in warnings.sorted() {
            eprintln!("{warning}");
        }
    }
    println!("Serving {} at {url} (press Ctrl-C to stop)", options.root.display());

    let watch_shared = shared.clone();
    std::thread::spawn(move || watch_loop(watcher, preview, watch_shared));

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

fn watch_loop(mut watcher: watch::SiteWatcher, mut preview: Preview, shared: Arc<Shared>) {
    while let Some(paths) = watcher.next_burst() {
        let Some(change) = classify(&preview.options.root, &paths) else { continue };
        for path in &change.paths {
            if path.is_dir() {
                watcher.watch_new_folder(path);
            }
        }
        preview.cache.files_changed(&preview.options.root, &change.paths);
        preview.rebuild(&shared, change.css_only);
    }
}

/// The preview's builder: what it builds from, what it keeps between
/// builds, and what it last published.
pub struct Preview {
    options: BuildOptions,
    cache: BuildCache,
    served: Served,
    indexer: Indexer,
}

impl Preview {
    fn new(options: BuildOptions, indexer: Indexer) -> Self {
        Preview { options, cache: BuildCache::for_preview(), served: Served::default(), indexer }
    }

    /// Builds, then publishes the new pages or the errors. Prints what
    /// happened; returns the warnings of a good build.
    fn rebuild(&mut self, shared: &Shared, css_only: bool) -> Option<Diagnostics> {
        let started = Instant::now();
        let mut timer = crate::timing::StageTimer::from_env();
        // A bug in a build must not end the preview: it becomes an error on the
        // page like any other, and the next save tries again from a clean cache.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            site::build_with_cache(&self.options, &mut self.cache, &|_, _| {})
        }));
        let result = result.unwrap_or_else(|_| {
            self.cache = BuildCache::for_preview();
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
                let changes = self.served.update(&built.files);
                timer.lap("preview: changed files");
                self.indexer.index(&built);
                shared.publish(|state| {
                    state.generation += 1;
                    changes.apply(&mut state.files);
                    state.errors.clear();
                    state.css_only = css_only;
                });
                timer.lap("preview: publish");
                println!(
                    "Built in {} ({rendered} of {} pages rendered again, {warnings} warnings)",
                    millis(started.elapsed()),
                    built.report.pages_total
                );
                // The old build's pages go on another thread: freeing tens
                // of thousands of them would hold up the next save.
                std::thread::spawn(move || drop(built.files));
                Some(built.diagnostics)
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
        lower_this_threads_priority();
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

/// Search waits for pages: on two cores, an index still being written
/// for the last save would otherwise halve the speed of the next rebuild.
#[cfg(target_os = "linux")]
fn lower_this_threads_priority() {
    // SAFETY: plain system calls on this thread's own id; a failure only
    // leaves the priority as it was.
    unsafe {
        let thread = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, thread as libc::id_t, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_this_threads_priority() {}

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
    let options = BuildOptions::reading(root);
    let inventory = site::inventory(&options, &mut BuildCache::default());
    crate::report::html(&crate::report::Report::of(&inventory)).into_bytes()
}

fn error_lines(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics.clone().sorted().into_iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect()
}

/// Every file the preview serves, with what it was made from, so a
/// rebuild hands the request threads only the files that changed.
#[derive(Default)]
struct Served {
    files: HashMap<String, ServedFile>,
    /// Bumped by every update; a file not marked with it is gone.
    build: u64,
}

struct ServedFile {
    /// What the build handed on: while the same bytes (the same shared
    /// buffer) come again, the file is unchanged.
    from: FileData,
    /// For a copied file, its size and time of change when it was read.
    stamp: Option<(u64, std::time::SystemTime)>,
    build: u64,
}

/// The files to put in or take out of what is served.
#[derive(Default)]
struct Changes {
    put: Vec<(String, Arc<[u8]>)>,
    removed: Vec<String>,
}

impl Changes {
    fn apply(self, files: &mut HashMap<String, Arc<[u8]>>) {
        for path in self.removed {
            files.remove(&path);
        }
        files.extend(self.put);
    }
}

impl Served {
    /// Records `files` as what is now served; returns how that differs
    /// from before. Copied files are read now, so later edits to them
    /// cannot change what the last good build serves.
    fn update(&mut self, files: &[crate::files::OutputFile]) -> Changes {
        self.build += 1;
        let build = self.build;
        let mut changes = Changes::default();
        for file in files {
            let stamp = copy_stamp(&file.data);
            if let Some(kept) = self.files.get_mut(&file.path)
                && same_source(&kept.from, &file.data)
                && kept.stamp == stamp
            {
                kept.build = build;
                continue;
            }
            let Some(bytes) = bytes_of(&file.data) else { continue };
            self.files.insert(file.path.clone(), ServedFile { from: file.data.clone(), stamp, build });
            changes.put.push((file.path.clone(), bytes));
        }
        self.files.retain(|path, kept| {
            let current = kept.build == build;
            if !current {
                changes.removed.push(path.clone());
            }
            current
        });
        changes
    }
}

/// Whether two builds handed on the very same bytes: the same shared
/// buffer, or the same file to copy.
fn same_source(a: &FileData, b: &FileData) -> bool {
    match (a, b) {
        (FileData::Bytes(a), FileData::Bytes(b)) => Arc::ptr_eq(a, b),
        (FileData::Embedded(a), FileData::Embedded(b)) => std::ptr::eq(*a, *b),
        (FileData::Pieces(a), FileData::Pieces(b)) => Arc::ptr_eq(a, b),
        (FileData::Copy(a), FileData::Copy(b)) => a == b,
        _ => false,
    }
}

fn copy_stamp(data: &FileData) -> Option<(u64, std::time::SystemTime)> {
    let FileData::Copy(path) = data else { return None };
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

fn bytes_of(data: &FileData) -> Option<Arc<[u8]>> {
    Some(match data {
        FileData::Bytes(b) => b.clone(),
        FileData::Embedded(b) => Arc::from(*b),
        FileData::Copy(path) => Arc::from(std::fs::read(path).ok()?),
        FileData::Pieces(pieces) => Arc::from(pieces.concat()),
    })
}

fn millis(d: Duration) -> String {
    format!("{}ms", d.as_millis())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::OutputFile;

    fn bytes(text: &str) -> FileData {
        FileData::Bytes(Arc::from(text.as_bytes()))
    }

    fn paths(changes: &Changes) -> (Vec<&str>, Vec<&str>) {
        let mut put: Vec<&str> = changes.put.iter().map(|(p, _)| p.as_str()).collect();
        let mut removed: Vec<&str> = changes.removed.iter().map(String::as_str).collect();
        put.sort();
        removed.sort();
        (put, removed)
    }

    #[test]
    fn a_rebuild_hands_the_server_only_the_files_that_changed_or_went() {
        let dir = tempfile::tempdir().expect("temp dir");
        let image = dir.path().join("map.png");
        std::fs::write(&image, "first").expect("write");
        let page = bytes("<p>kept</p>");
        let first = vec![
            OutputFile { path: "index.html".into(), data: page.clone() },
            OutputFile { path: "old/index.html".into(), data: bytes("<p>old</p>") },
            OutputFile { path: "map.png".into(), data: FileData::Copy(image.clone()) },
            OutputFile { path: "site.css".into(), data: FileData::Embedded(b"body{}") },
        ];
        let mut served = Served::default();
        let mut live = HashMap::new();
        let changes = served.update(&first);
        assert_eq!(paths(&changes), (vec!["index.html", "map.png", "old/index.html", "site.css"], vec![]));
        changes.apply(&mut live);

        std::fs::write(&image, "second, longer").expect("write");
        let second = vec![
            OutputFile { path: "index.html".into(), data: page.clone() },
            OutputFile { path: "new/index.html".into(), data: bytes("<p>new</p>") },
            OutputFile { path: "map.png".into(), data: FileData::Copy(image.clone()) },
            OutputFile { path: "site.css".into(), data: FileData::Embedded(b"body{}") },
        ];
        let changes = served.update(&second);
        // The same shared page and the same embedded file are not handed on again.
        assert_eq!(paths(&changes), (vec!["map.png", "new/index.html"], vec!["old/index.html"]));
        changes.apply(&mut live);
        let mut now: Vec<(&str, &[u8])> = live.iter().map(|(p, b)| (p.as_str(), &b[..])).collect();
        now.sort();
        assert_eq!(
            now,
            vec![
                ("index.html", &b"<p>kept</p>"[..]),
                ("map.png", b"second, longer"),
                ("new/index.html", b"<p>new</p>"),
                ("site.css", b"body{}"),
            ]
        );

        // New bytes under the same name are handed on, even when equal.
        let third = vec![OutputFile { path: "index.html".into(), data: bytes("<p>kept</p>") }];
        let changes = served.update(&third);
        assert_eq!(paths(&changes), (vec!["index.html"], vec!["map.png", "new/index.html", "site.css"]));
    }
}
