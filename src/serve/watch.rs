//! Watching the site's files, and deciding what a burst of changes means.
//!
//! Editors save in many ways: in place, or by writing a temporary file and
//! renaming it over the original (vim, many IDEs), often as several events
//! within a few milliseconds. Events are gathered until the folder has been
//! quiet briefly, then [`classify`] (pure, tested) says whether they matter.

use crate::source::is_ignored_name;
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// What a burst of file events asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The paths that belong to the site, as the watcher reported them.
    pub paths: Vec<PathBuf>,
    /// Every changed file is a stylesheet: pages can swap it without reloading.
    pub css_only: bool,
}

/// Keeps only the events that concern the site; `None` if none do.
pub fn classify(root: &Path, paths: &[PathBuf]) -> Option<Change> {
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut relevant: Vec<PathBuf> = Vec::new();
    for path in paths {
        let Ok(rel) = path.strip_prefix(&canonical).or_else(|_| path.strip_prefix(root)) else { continue };
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
        let Some(top) = parts.next() else { continue };
        let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let watched = matches!(top.as_str(), "content" | "data" | "static" | "templates" | "themes")
            || top == crate::config::SITE_FILE;
        if watched && !is_ignored_name(&name) && !relevant.contains(path) {
            relevant.push(path.clone());
        }
    }
    if relevant.is_empty() {
        return None;
    }
    let css_only = relevant.iter().all(|p| p.extension().is_some_and(|e| e == "css"));
    Some(Change { paths: relevant, css_only })
}

pub struct SiteWatcher {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
}

/// How long the folder must be quiet before a burst counts as finished.
const QUIET: Duration = Duration::from_millis(8);
/// A burst that never goes quiet is cut off here, so saves still show.
const LONGEST_BURST: Duration = Duration::from_millis(400);

impl SiteWatcher {
    /// Watches the site's folders (not `public/` or anything else in the root).
    /// All of `themes/`, not just the active theme, so switching `theme:` in
    /// site.yaml while the preview runs still sees the new theme's edits.
    pub fn new(root: &Path) -> notify::Result<Self> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        // The root itself, not recursively: site.yaml, and folders made later.
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        for folder in ["content", "data", "static", "templates", "themes"] {
            let path = root.join(folder);
            if path.is_dir() {
                watcher.watch(&path, RecursiveMode::Recursive)?;
            }
        }
        Ok(SiteWatcher { _watcher: watcher, events })
    }

    /// Starts watching a folder that appeared after start-up.
    pub fn watch_new_folder(&mut self, path: &Path) {
        let _ = self._watcher.watch(path, RecursiveMode::Recursive);
    }

    /// Blocks until a burst of events has finished; its paths, deduplicated.
    pub fn next_burst(&self) -> Option<Vec<PathBuf>> {
        let first = self.events.recv().ok()?;
        let mut paths = Vec::new();
        collect(first, &mut paths);
        let started = Instant::now();
        while started.elapsed() < LONGEST_BURST {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => collect(event, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        paths.sort();
        paths.dedup();
        Some(paths)
    }
}

fn collect(event: notify::Result<Event>, paths: &mut Vec<PathBuf>) {
    if let Ok(event) = event
        && !event.kind.is_access()
    {
        paths.extend(event.paths);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(|p| Path::new("/site").join(p)).collect()
    }

    #[test]
    fn only_site_files_count() {
        let root = Path::new("/site");
        assert_eq!(classify(root, &paths(&["public/index.html", "target/x", ".git/index"])), None);
        let change = classify(root, &paths(&["content/guidelines/copd.md", "public/index.html"])).unwrap();
        assert_eq!(change.paths, paths(&["content/guidelines/copd.md"]));
        assert!(!change.css_only);
        assert!(classify(root, &paths(&["site.yaml"])).is_some());
        assert!(classify(root, &paths(&["templates/page.html"])).is_some());
    }

    #[test]
    fn editor_droppings_are_ignored() {
        let root = Path::new("/site");
        let burst = paths(&["content/.copd.md.swp", "content/copd.md~", "content/4913"]);
        let change = classify(root, &burst).unwrap();
        assert_eq!(
            change.paths,
            paths(&["content/4913"]),
            "vim's probe file is a real path; sources ignore it if it vanished"
        );
    }

    #[test]
    fn stylesheets_alone_can_be_swapped() {
        let root = Path::new("/site");
        assert!(classify(root, &paths(&["static/css/site.css"])).unwrap().css_only);
        assert!(!classify(root, &paths(&["static/css/site.css", "content/a.md"])).unwrap().css_only);
    }
}
