//! Finding and reading a site's files.
//!
//! Walks the site root, sorts every file into what it is for, and reads the
//! text of the content files. It knows nothing of YAML or Markdown; it only
//! refuses text that no later stage should have to handle (not UTF-8,
//! absurdly large, or with a line too long to be hand-written).

use crate::diagnostics::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};
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
}

/// A content file's text, with its path relative to the site root.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: Kind,
    /// Relative to the site root, with `/`: `content/guidelines/copd.md`.
    pub rel: String,
    pub path: PathBuf,
    /// Empty for assets, which are copied, not read.
    pub text: String,
}

/// A file copied as it is to the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Where it goes, relative to the output folder.
    pub dest: String,
    pub path: PathBuf,
}

#[derive(Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
    /// The site's `static/` folder and content assets.
    pub statics: Vec<StaticFile>,
}

const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// No hand-written line comes near this; a longer one is a pasted blob or an
/// attack, and some parsers slow down badly on it.
pub const MAX_LINE_BYTES: usize = 100_000;

pub fn read(root: &Path) -> (Sources, Vec<Diagnostic>) {
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    for (path, rel) in walk(root, "content") {
        let kind = classify_content(&rel);
        if kind == Kind::ContentAsset {
            let dest = rel.trim_start_matches("content/").to_string();
            sources.statics.push(StaticFile { dest, path });
            continue;
        }
        match read_text(&path, &rel) {
            Ok(text) => sources.files.push(SourceFile { kind, rel, path, text }),
            Err(d) => diagnostics.push(d),
        }
    }
    for (path, rel) in walk(root, "data") {
        if is_yaml(&rel) {
            match read_text(&path, &rel) {
                Ok(text) => sources.files.push(SourceFile { kind: Kind::Data, rel, path, text }),
                Err(d) => diagnostics.push(d),
            }
        }
    }
    for (path, rel) in walk(root, "static") {
        let dest = rel.trim_start_matches("static/").to_string();
        sources.statics.push(StaticFile { dest, path });
    }
    (sources, diagnostics)
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
