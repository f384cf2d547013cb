//! Finding and reading a site's files.
//!
//! Walks the site root, sorts every file into what it is for, and reads the
//! text of the content files. It knows nothing of YAML or Markdown; it only
//! refuses text that no later stage should have to handle (not UTF-8,
//! absurdly large, or with a line too long to be hand-written). The preview
//! server keeps one [`Sources`] and updates it file by file as they change.

use crate::diagnostics::Diagnostic;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

/// What a file under the site root is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Home,
    Guideline,
    Page,
    Directory,
    /// Any other file in `content/`: copied beside the pages.
    ContentAsset,
    Data,
    /// A file of the site's `static/` folder.
    Static,
}

/// A content file's text, with its path relative to the site root.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: Kind,
    /// Relative to the site root, with `/`: `content/guidelines/copd.md`.
    pub rel: String,
    pub path: PathBuf,
    pub text: Arc<str>,
    /// Changes whenever the text does, so later stages can reuse their
    /// earlier work for files that did not change (see `site::BuildCache`).
    pub version: u64,
}

/// A file copied as it is to the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Where it goes, relative to the output folder.
    pub dest: String,
    pub path: PathBuf,
    /// Where it is, relative to the site root.
    pub rel: String,
}

/// A file that could not be read as text, with what it would have been, so
/// later stages know what is missing without guessing from its path.
#[derive(Debug, Clone)]
pub struct UnreadFile {
    pub kind: Kind,
    pub rel: String,
    pub error: Diagnostic,
}

#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// Sorted by `rel`.
    pub files: Vec<SourceFile>,
    /// The site's `static/` folder and content assets.
    pub statics: Vec<StaticFile>,
    /// Files that could not be read.
    pub unread: Vec<UnreadFile>,
    next_version: u64,
}

const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// No hand-written line comes near this; a longer one is a pasted blob or an
/// attack, and some parsers slow down badly on it.
pub const MAX_LINE_BYTES: usize = 100_000;

/// The folders whose files are sources; `site.yaml`, `templates/` and
/// `themes/` are read by `config` and `render::templates` on every build.
const SOURCE_FOLDERS: [&str; 3] = ["content", "data", "static"];

impl Sources {
    /// Reads every source file below `root`.
    pub fn scan(root: &Path) -> Sources {
        use rayon::prelude::*;
        let found: Vec<(PathBuf, String)> = SOURCE_FOLDERS.iter().flat_map(|folder| walk(root, folder)).collect();
        // Reading ten thousand files one after another is a tenth of a build.
        let read: Vec<(PathBuf, String, Option<Read>)> = found
            .into_par_iter()
            .map(|(path, rel)| {
                let read = read_source(&path, &rel);
                (path, rel, read)
            })
            .collect();
        let mut sources = Sources::default();
        for (path, rel, read) in read {
            sources.add_read(path, rel, read);
        }
        sources.files.sort_by(|a, b| a.rel.cmp(&b.rel));
        sources
    }

    /// Brings the set up to date after the files at `changed` were written,
    /// created or deleted. Files whose text did not change keep their version.
    pub fn update(&mut self, root: &Path, changed: &[PathBuf]) {
        let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut updates = Vec::new();
        for path in changed {
            let Some(rel) = relative(&canonical_root, root, path) else { continue };
            if !SOURCE_FOLDERS.iter().any(|f| rel.starts_with(&format!("{f}/"))) {
                continue;
            }
            if path.is_dir() || (!self.knows(&rel) && !path.is_file()) {
                // A folder appeared, moved or went: look at everything again.
                self.rescan(root);
                return;
            }
            updates.push((path.clone(), rel));
        }
        for (path, rel) in updates {
            let old = self.take(&rel);
            let name = rel.rsplit('/').next().unwrap_or_default();
            if !path.is_file() || is_ignored_name(name) {
                continue;
            }
            self.add(path, rel);
            if let Some(old) = old
                && let Some(new) = self.files.last_mut()
                && new.rel == old.rel
                && new.text == old.text
            {
                new.version = old.version;
            }
        }
        self.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    }

    fn rescan(&mut self, root: &Path) {
        let old: HashMap<String, SourceFile> = self.files.drain(..).map(|f| (f.rel.clone(), f)).collect();
        let offset = self.next_version;
        *self = Sources::scan(root);
        for file in &mut self.files {
            file.version += offset;
            if let Some(o) = old.get(&file.rel)
                && o.text == file.text
            {
                file.version = o.version;
            }
        }
        self.next_version += offset;
    }

    fn knows(&self, rel: &str) -> bool {
        self.files.iter().any(|f| f.rel == rel) || self.statics.iter().any(|s| s.rel == rel)
    }

    /// Forgets `rel`, returning its text file if it had one.
    fn take(&mut self, rel: &str) -> Option<SourceFile> {
        self.statics.retain(|s| s.rel != rel);
        self.unread.retain(|u| u.rel != rel);
        let index = self.files.iter().position(|f| f.rel == rel)?;
        Some(self.files.remove(index))
    }

    fn add(&mut self, path: PathBuf, rel: String) {
        let read = read_source(&path, &rel);
        self.add_read(path, rel, read);
    }

    /// Adds the file at `path`, as [`read_source`] read it.
    fn add_read(&mut self, path: PathBuf, rel: String, read: Option<Read>) {
        match read {
            None => {}
            Some(Read::Static) => {
                let dest = rel.split_once('/').map_or(rel.as_str(), |(_, rest)| rest).to_string();
                self.statics.push(StaticFile { dest, path, rel });
            }
            Some(Read::Text(kind, text)) => {
                self.next_version += 1;
                self.files.push(SourceFile { kind, rel, path, text: text.into(), version: self.next_version });
            }
            Some(Read::Failed(kind, error)) => self.unread.push(UnreadFile { kind, rel, error }),
        }
    }
}

/// What one file under the source folders is, read if it is text.
enum Read {
    /// Copied as it is: a static file or a content asset.
    Static,
    Text(Kind, String),
    Failed(Kind, Diagnostic),
}

/// The file at `path` read as a source, or `None` if it is not one (a
/// file in `data/` that is not YAML).
fn read_source(path: &Path, rel: &str) -> Option<Read> {
    let kind = match rel.split('/').next() {
        Some("content") => classify_content(rel),
        Some("data") if is_yaml(rel) => Kind::Data,
        Some("data") => return None,
        _ => Kind::Static,
    };
    if matches!(kind, Kind::ContentAsset | Kind::Static) {
        return Some(Read::Static);
    }
    Some(match read_text(path, rel) {
        Ok(text) => Read::Text(kind, text),
        Err(error) => Read::Failed(kind, error),
    })
}

/// `rel` for a changed path, whether the watcher gave it absolute or not.
fn relative(canonical_root: &Path, root: &Path, path: &Path) -> Option<String> {
    let inner = path.strip_prefix(canonical_root).or_else(|_| path.strip_prefix(root)).ok()?;
    Some(inner.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
}

/// Every file below `root/folder`, sorted, skipping hidden and editor files.
pub fn walk(root: &Path, folder: &str) -> Vec<(PathBuf, String)> {
    let base = root.join(folder);
    let mut found = Vec::new();
    let walker = WalkDir::new(&base)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(inner) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = inner.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        found.push((entry.path().to_path_buf(), rel));
    }
    found
}

/// Hidden files and the droppings of editors (`.#x`, `x~`, `x.swp`).
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

fn is_yaml(rel: &str) -> bool {
    rel.ends_with(".yaml") || rel.ends_with(".yml")
}

pub fn classify_content(rel: &str) -> Kind {
    if rel == "content/_index.md" {
        Kind::Home
    } else if rel.ends_with(".md") && rel.starts_with("content/guidelines/") {
        Kind::Guideline
    } else if rel.ends_with(".md") {
        Kind::Page
    } else if is_yaml(rel) {
        Kind::Directory
    } else {
        Kind::ContentAsset
    }
}

/// Reads a file as UTF-8 text, refusing what later stages should not see.
pub fn read_text(path: &Path, rel: &str) -> Result<String, Diagnostic> {
    let size = fs::metadata(path).map_err(|e| Diagnostic::error(rel, format!("cannot read the file: {e}")))?.len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            rel,
            format!("found a file of {size} bytes, expected at most {MAX_FILE_BYTES}; split it"),
        ));
    }
    let bytes = fs::read(path).map_err(|e| Diagnostic::error(rel, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| not_utf8(rel, e))?;
    check_line_lengths(rel, &text)?;
    Ok(text)
}

fn not_utf8(rel: &str, error: std::string::FromUtf8Error) -> Diagnostic {
    let bytes = error.as_bytes();
    let at = error.utf8_error().valid_up_to();
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let line_start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    Diagnostic::error(
        rel,
        format!("found byte 0x{:02X} that is not UTF-8, expected UTF-8 text; save the file as UTF-8", bytes[at]),
    )
    .at(line, (at - line_start) as u64 + 1)
}

fn check_line_lengths(rel: &str, text: &str) -> Result<(), Diagnostic> {
    for (i, line) in text.split('\n').enumerate() {
        if line.len() > MAX_LINE_BYTES {
            return Err(Diagnostic::error(
                rel,
                format!(
                    "found a line of {} bytes, expected at most {MAX_LINE_BYTES}; break it into shorter lines",
                    line.len()
                ),
            )
            .at(i as u64 + 1, 1));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_place_and_extension() {
        assert_eq!(classify_content("content/_index.md"), Kind::Home);
        assert_eq!(classify_content("content/guidelines/a/b.md"), Kind::Guideline);
        assert_eq!(classify_content("content/about.md"), Kind::Page);
        assert_eq!(classify_content("content/services/x.yml"), Kind::Directory);
        assert_eq!(classify_content("content/img/x.png"), Kind::ContentAsset);
    }

    #[test]
    fn ignores_editor_files() {
        for name in [".x.md.swp", "#x.md#", "x.md~", ".hidden"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("copd.md"));
    }
}
