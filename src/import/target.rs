//! The directory file an import writes, and the site around it.
//!
//! Reads the file as it stands (through signpost's own reader, so a broken
//! file is reported the way `check` would), collects the ids the site's
//! other directories use, checks the new text with the whole site before
//! anything touches the disk, and then writes it atomically: a sibling
//! temporary file renamed over the old one, so the file is at every moment
//! either the old bytes or the new, checked ones.

use super::model::Existing;
use crate::config::BuildOptions;
use crate::config::SearchMode;
use crate::content::service::parse_directory;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::{self, BuildCache};
use crate::source::{Kind, SourceFile, Sources};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

pub struct Target {
    pub root: PathBuf,
    /// Relative to the root, with `/`: `content/services/council.yaml`.
    pub rel: String,
    pub path: PathBuf,
}

impl Target {
    /// Checks `--into`: a `.yaml` file inside `content/`, named relative to the root.
    pub fn new(root: &Path, into: &Path) -> Result<Target, String> {
        let rel = into.to_string_lossy().replace('\\', "/");
        let rel = rel.trim_start_matches("./").to_string();
        let is_inside_content =
            rel.starts_with("content/") && !rel.split('/').any(|part| part == ".." || part.is_empty());
        let is_yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
        if into.is_absolute() || !is_inside_content || !is_yaml {
            return Err(format!(
                "--into: found {}, expected a .yaml file inside content/, relative to the site root, like content/services/council.yaml",
                crate::diagnostics::quote(&rel)
            ));
        }
        Ok(Target { root: root.to_path_buf(), path: root.join(&rel), rel })
    }

    /// The file as it stands, if there is one; its errors if it does not read.
    pub fn existing(&self, sources: &Sources) -> Result<Option<Existing>, Vec<Diagnostic>> {
        // An empty file is a placeholder, not a directory with errors.
        let found = sources.files.iter().find(|f| f.rel == self.rel && !f.text.trim().is_empty());
        let Some(file) = found else {
            let unreadable: Vec<Diagnostic> =
                sources.unread.iter().filter(|u| u.rel == self.rel).map(|u| u.error.clone()).collect();
            return if unreadable.is_empty() { Ok(None) } else { Err(unreadable) };
        };
        match parse_directory(file) {
            (Some(directory), errors) if errors.is_empty() => {
                Ok(Some(Existing::from_directory(&directory, &file.text)))
            }
            (_, errors) => Err(errors),
        }
    }

    /// An error unless the root is a site folder; checked before any work.
    pub fn require_site(&self) -> Result<(), Diagnostic> {
        if self.root.join(crate::config::SITE_FILE).is_file() {
            return Ok(());
        }
        Err(Diagnostic::error(
            crate::config::SITE_FILE,
            format!(
                "not found in {}, expected the site folder to import into (run in the site's folder, or pass --root DIR)",
                self.root.display()
            ),
        ))
    }

    /// Ids of services in the site's other directory files, which new ids must not reuse.
    pub fn ids_elsewhere(&self, sources: &Sources) -> HashSet<String> {
        sources
            .files
            .iter()
            .filter(|f| f.kind == Kind::Directory && f.rel != self.rel)
            .filter_map(|f| parse_directory(f).0)
            .flat_map(|d| d.services.into_iter().map(|s| s.id.value))
            .collect()
    }

    /// Runs signpost's check on the site with `text` in place of the file,
    /// without writing it. Returns the check's diagnostics either way.
    pub fn check_with(&self, mut sources: Sources, text: &str) -> Result<Diagnostics, Diagnostics> {
        sources.files.retain(|f| f.rel != self.rel);
        sources.unread.retain(|u| u.rel != self.rel);
        let version = sources.files.iter().map(|f| f.version).max().unwrap_or(0) + 1;
        sources.files.push(SourceFile {
            kind: Kind::Directory,
            rel: self.rel.clone(),
            path: self.path.clone(),
            text: text.into(),
            version,
        });
        sources.files.sort_by(|a, b| a.rel.cmp(&b.rel));
        let options = BuildOptions {
            root: self.root.clone(),
            output: self.root.join("public"),
            base_url: None,
            drafts: false,
            search: SearchMode::Off,
        };
        let mut cache = BuildCache::with_sources(sources);
        site::build_with_cache(&options, &mut cache, &|_, _| {}).map(|built| built.diagnostics)
    }

    /// Writes `text` to a temporary file beside the target, then renames it over.
    pub fn write(&self, text: &str) -> Result<(), Diagnostic> {
        let fail =
            |e: std::io::Error| Diagnostic::error(&self.rel, format!("cannot write the file: {e}; it was not changed"));
        let parent = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(fail)?;
        let name = self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = parent.join(format!(".{name}.signpost-import-{}", std::process::id()));
        let written = fs::write(&temp, text).and_then(|()| fs::rename(&temp, &self.path));
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            return Err(fail(e));
        }
        Ok(())
    }
}
