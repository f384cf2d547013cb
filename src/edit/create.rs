//! Writing a new guideline or a new service directory: the text, where it
//! may go, and writing it without ever replacing a file that is there.
//!
//! A new file is written so that the site still passes `check`: a
//! guideline as a draft (drafts need no approval or dates) with the
//! sections every guideline starts from, a directory with its first service.

use super::files::{WriteRefusal, writable_path};
use super::items::{self, ItemError, NewService};
use super::scalar::{EditError, MarkdownFields, Style, render};
use std::fmt;
use std::path::{Path, PathBuf};

/// The sections a new guideline starts with. The spec requires no
/// headings; these are the ones the example site's guidelines share, so
/// an author starts from the usual outline rather than an empty page.
pub const NEW_GUIDELINE_HEADINGS: [&str; 3] = ["About this guideline", "Recommendations", "When to refer"];

/// Written as a new guideline's summary, which `check` requires: the
/// author replaces it on the edit page the new file opens in.
pub const SUMMARY_TO_WRITE: &str = "To be written: one or two sentences shown in lists and search results.";

#[derive(Debug, Clone, PartialEq)]
pub enum CreateError {
    /// The name given is not a path of `[a-z0-9-]` segments.
    BadName(String),
    /// A file is already there.
    Exists(String),
    /// A folder on the way is a link that leads out of the site.
    LeavesTheSite,
    Missing(&'static str),
    Item(ItemError),
    Io(String),
}

impl From<ItemError> for CreateError {
    fn from(e: ItemError) -> Self {
        CreateError::Item(e)
    }
}

impl From<EditError> for CreateError {
    fn from(e: EditError) -> Self {
        CreateError::Item(ItemError::Edit(e))
    }
}

impl fmt::Display for CreateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CreateError::BadName(name) => write!(
                f,
                "found the name {name:?}, expected lower-case letters, digits and - only, with / between folders (for example asthma/children)"
            ),
            CreateError::Exists(rel) => write!(f, "{rel} already exists; choose another name, or edit that file"),
            CreateError::LeavesTheSite => write!(f, "that folder leads outside the site through a symbolic link"),
            CreateError::Missing(field) => write!(f, "{field} is required"),
            CreateError::Item(e) => e.fmt(f),
            CreateError::Io(e) => f.write_str(e),
        }
    }
}

/// `content/guidelines/NAME.md` for the name an author types
/// (`asthma/children`, with or without `.md`).
pub fn guideline_rel(name: &str) -> Result<String, CreateError> {
    let name = name.trim().trim_end_matches(".md");
    checked_name(name)?;
    Ok(format!("content/guidelines/{name}.md"))
}

/// `content/NAME.yaml` for the name an author types (`services/housing`,
/// with or without `.yaml`).
pub fn directory_rel(name: &str) -> Result<String, CreateError> {
    let name = name.trim().trim_end_matches(".yaml").trim_end_matches(".yml");
    checked_name(name)?;
    Ok(format!("content/{name}.yaml"))
}

/// Names become addresses (`/guidelines/asthma/children/`), so they keep
/// to what an address holds without encoding; `..` and `/x` cannot pass.
fn checked_name(name: &str) -> Result<(), CreateError> {
    let segment_ok = |s: &str| crate::urls::is_valid_id(s) && !s.starts_with('-');
    if name.split('/').all(segment_ok) { Ok(()) } else { Err(CreateError::BadName(name.to_string())) }
}

/// A draft guideline: the front matter a draft needs, the first author,
/// and [`NEW_GUIDELINE_HEADINGS`].
pub fn guideline_text(title: &str, author: &str) -> Result<String, CreateError> {
    let (title, author) = (title.trim(), author.trim());
    if title.is_empty() {
        return Err(CreateError::Missing("title"));
    }
    if author.is_empty() {
        return Err(CreateError::Missing("first author"));
    }
    let value = |v: &str| render(v, &Style::Plain);
    let mut text = format!(
        "---\ntitle: {}\nsummary: {}\nversion: \"0.1\"\nstatus: draft\nauthors:\n  - name: {}\n---\n",
        value(title)?,
        value(SUMMARY_TO_WRITE)?,
        value(author)?,
    );
    for heading in NEW_GUIDELINE_HEADINGS {
        text.push_str(&format!("\n## {heading}\n"));
    }
    let fields = MarkdownFields::read(&text)?;
    let reads = |key: &str, want: &str| fields.value(key) == super::FieldText::Text(want.to_string());
    if !reads("title", title) || !reads("status", "draft") {
        return Err(EditError::NotFaithful("the new front matter".to_string()).into());
    }
    Ok(text)
}

/// A directory file with its title and its first service (a directory
/// needs at least one).
pub fn directory_text(title: &str, first: &NewService) -> Result<String, CreateError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(CreateError::Missing("title"));
    }
    items::check_new_service("services: []\n", first)?;
    let text = format!(
        "title: {}\nservices:\n{}",
        render(title, &Style::Plain)?,
        items::service_lines(first, "  - ", 4, "\n")?
    );
    let expected = serde_json::json!({ "title": title, "services": [items::new_service_json(first, 4)?] });
    let read = crate::yaml::parse(&text).map(|n| n.to_json()).ok();
    if read.as_ref() != Some(&expected) {
        return Err(EditError::NotFaithful("the new directory".to_string()).into());
    }
    Ok(text)
}

/// Writes `bytes` as the new file `rel` under `root`, which must not exist:
/// under `content/`, and inside the site when every folder link is
/// followed. Missing folders are made. The bytes go to a temporary file
/// that is then linked into place, which fails if a file appeared there
/// meanwhile, so an existing file is never replaced.
pub fn create_file(root: &Path, rel: &str, bytes: &[u8]) -> Result<PathBuf, CreateError> {
    match writable_path(root, rel) {
        Err(WriteRefusal::NotAFile) if std::fs::symlink_metadata(root.join(rel)).is_err() => {}
        Ok(_) | Err(WriteRefusal::NotAFile) => return Err(CreateError::Exists(rel.to_string())),
        Err(_) => return Err(CreateError::BadName(rel.to_string())),
    }
    if !rel.starts_with("content/") {
        return Err(CreateError::BadName(rel.to_string()));
    }
    let path = root.join(rel);
    let folder = path.parent().ok_or_else(|| CreateError::BadName(rel.to_string()))?;
    check_inside_content(root, folder)?;
    std::fs::create_dir_all(folder).map_err(|e| CreateError::Io(format!("cannot make {}: {e}", folder.display())))?;
    check_inside_content(root, folder)?;
    let temporary = folder.join(format!(".new.signpost-{}.tmp", std::process::id()));
    let written = std::fs::write(&temporary, bytes).and_then(|_| std::fs::hard_link(&temporary, &path));
    let _ = std::fs::remove_file(&temporary);
    match written {
        Ok(()) => Ok(path),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(CreateError::Exists(rel.to_string())),
        Err(e) => Err(CreateError::Io(format!("cannot write {rel}: {e}"))),
    }
}

/// The nearest folder of `folder` that exists must be inside `content/`
/// once links are followed, so making the rest cannot leave the site.
fn check_inside_content(root: &Path, folder: &Path) -> Result<(), CreateError> {
    let existing = folder.ancestors().find(|a| a.exists()).unwrap_or(root);
    let real = std::fs::canonicalize(existing).map_err(|_| CreateError::LeavesTheSite)?;
    let content = std::fs::canonicalize(root).map_err(|_| CreateError::LeavesTheSite)?.join("content");
    if real.starts_with(&content) { Ok(()) } else { Err(CreateError::LeavesTheSite) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_address_segments() {
        assert_eq!(guideline_rel("asthma/children").unwrap(), "content/guidelines/asthma/children.md");
        assert_eq!(guideline_rel("copd.md").unwrap(), "content/guidelines/copd.md");
        assert_eq!(directory_rel("services/dorset-housing.yaml").unwrap(), "content/services/dorset-housing.yaml");
        for bad in ["", "../x", "a/../b", "/etc/passwd", "a//b", "Asthma", "a b", "a\\b", "-x", "a/"] {
            assert!(guideline_rel(bad).is_err(), "{bad}");
            assert!(directory_rel(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_new_guideline_is_a_draft_with_the_usual_sections() {
        let text = guideline_text("COPD: a new guide", "Dr A Example").unwrap();
        assert_eq!(
            text,
            "---\ntitle: \"COPD: a new guide\"\nsummary: \"To be written: one or two sentences shown in lists and search results.\"\n\
             version: \"0.1\"\nstatus: draft\nauthors:\n  - name: Dr A Example\n---\n\n\
             ## About this guideline\n\n## Recommendations\n\n## When to refer\n"
        );
        assert_eq!(guideline_text(" ", "x"), Err(CreateError::Missing("title")));
    }

    #[test]
    fn a_new_directory_holds_its_first_service() {
        let first = NewService {
            id: "placeholder-service",
            name: "Fuel bank",
            organisation: "Trust",
            description: "Top-ups.",
            category: "warmth",
            last_verified: "2026-12-03",
        };
        assert_eq!(
            directory_text("Money: help", &first).unwrap(),
            "title: \"Money: help\"\nservices:\n  - id: placeholder-service\n    name: Fuel bank\n    organisation: Trust\n    \
             description: Top-ups.\n    categories: [warmth]\n    last_verified: 2026-12-03\n"
        );
        let nameless = NewService { name: "", ..first.clone() };
        assert_eq!(directory_text("T", &nameless), Err(CreateError::Item(ItemError::Missing("name"))));
    }

    #[test]
    fn a_new_file_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/guidelines")).unwrap();
        std::fs::write(dir.path().join("content/guidelines/a.md"), "old").unwrap();
        let rel = "content/guidelines/a.md";
        assert_eq!(create_file(dir.path(), rel, b"new"), Err(CreateError::Exists(rel.into())));
        assert_eq!(std::fs::read(dir.path().join(rel)).unwrap(), b"old");
        create_file(dir.path(), "content/guidelines/b/c.md", b"new").unwrap();
        assert_eq!(std::fs::read(dir.path().join("content/guidelines/b/c.md")).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("content/guidelines/b")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left");
        assert!(create_file(dir.path(), "static/x.md", b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_link_out_of_the_site_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("content/away")).unwrap();
        assert_eq!(create_file(dir.path(), "content/away/x.md", b"x"), Err(CreateError::LeavesTheSite));
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}
