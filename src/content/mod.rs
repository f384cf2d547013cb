//! The validated model of a site's content.
//!
//! Each file is read into a strict type by its own module (`guideline`,
//! `page`, `service`); `validate` then checks what spans files. Later stages
//! see only these types, never YAML.

pub mod frontmatter;
pub mod guideline;
pub mod page;
pub mod service;
pub mod validate;

use crate::diagnostics::Diagnostic;
use crate::source::{Kind, SourceFile, Sources};
use crate::yaml::Pos;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

pub use guideline::{Author, Change, Guideline, ReviewState, Status};
pub use page::Page;
pub use service::{Address, Contact, Directory, Hours, Referral, Service, ServiceStatus};

/// Markdown text with the line it starts on, for error positions.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub text: std::sync::Arc<str>,
    pub first_line: u64,
}

#[derive(Debug, Default)]
pub struct Content {
    pub home: Option<Page>,
    /// Shared with the parse cache, so a rebuild copies no guideline.
    pub guidelines: Vec<Arc<Guideline>>,
    pub pages: Vec<Page>,
    pub directories: Vec<Arc<Directory>>,
    /// `data/<name>.yaml` as JSON, by name, for templates.
    pub data: std::collections::BTreeMap<String, serde_json::Value>,
}

impl Content {
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        self.directories.iter().flat_map(|d| d.services.iter())
    }

    pub fn guideline_by_key(&self, key: &str) -> Option<&Guideline> {
        self.guidelines.iter().find(|g| g.key == key).map(|g| &**g)
    }
}

/// `content/guidelines/copd.md` → `guidelines/copd`.
pub fn key_of(rel: &str) -> String {
    let inner = rel.strip_prefix("content/").unwrap_or(rel);
    let stem = inner
        .strip_suffix(".md")
        .or_else(|| inner.strip_suffix(".yaml"))
        .or_else(|| inner.strip_suffix(".yml"))
        .unwrap_or(inner);
    stem.strip_suffix("/index").unwrap_or(stem).to_string()
}

/// Parse results by file, reused while a file's version is unchanged.
pub type ParseCache = HashMap<String, (u64, Parsed, Vec<Diagnostic>)>;

/// Parses every content file in parallel (only those not in `cache` at their
/// current version); the result keeps source order.
pub fn load(sources: &Sources, cache: &mut ParseCache) -> (Content, Vec<Diagnostic>) {
    let fresh: Vec<(String, u64, Parsed, Vec<Diagnostic>)> = sources
        .files
        .par_iter()
        .filter(|file| cache.get(&file.rel).is_none_or(|(version, _, _)| *version != file.version))
        .map(|file| {
            let (parsed, diags) = parse_file(file);
            (file.rel.clone(), file.version, parsed, diags)
        })
        .collect();
    for (rel, version, parsed, diags) in fresh {
        cache.insert(rel, (version, parsed, diags));
    }
    if cache.len() > sources.files.len() {
        cache.retain(|rel, _| sources.files.binary_search_by(|f| f.rel.as_str().cmp(rel)).is_ok());
    }

    let mut content = Content::default();
    let mut diagnostics = Vec::new();
    for file in &sources.files {
        let Some((_, item, diags)) = cache.get(&file.rel) else { continue };
        diagnostics.extend(diags.iter().cloned());
        match item {
            Parsed::Home(page) => content.home = Some(page.clone()),
            Parsed::Guideline(g) => content.guidelines.push(g.clone()),
            Parsed::Page(p) => content.pages.push(p.clone()),
            Parsed::Directory(d) => content.directories.push(d.clone()),
            Parsed::Data(name, value) => {
                content.data.insert(name.clone(), value.clone());
            }
            Parsed::Nothing => {}
        }
    }
    (content, diagnostics)
}

/// What one file became.
#[derive(Debug, Clone)]
pub enum Parsed {
    Home(Page),
    Guideline(Arc<Guideline>),
    Page(Page),
    Directory(Arc<Directory>),
    Data(String, serde_json::Value),
    Nothing,
}

fn parse_file(file: &SourceFile) -> (Parsed, Vec<Diagnostic>) {
    match file.kind {
        Kind::Home => wrap(page::parse(file, true), Parsed::Home),
        Kind::Page => wrap(page::parse(file, false), Parsed::Page),
        Kind::Guideline => wrap(guideline::parse(file), |g| Parsed::Guideline(Arc::new(g))),
        Kind::Directory => wrap(service::parse_directory(file), |d| Parsed::Directory(Arc::new(d))),
        Kind::Data => parse_data(file),
        Kind::ContentAsset | Kind::Static => (Parsed::Nothing, Vec::new()),
    }
}

fn wrap<T>(result: (Option<T>, Vec<Diagnostic>), f: impl FnOnce(T) -> Parsed) -> (Parsed, Vec<Diagnostic>) {
    let (item, diags) = result;
    (item.map_or(Parsed::Nothing, f), diags)
}

fn parse_data(file: &SourceFile) -> (Parsed, Vec<Diagnostic>) {
    let name = file.rel.trim_start_matches("data/");
    let name = name.rsplit_once('.').map_or(name, |(stem, _)| stem).replace('/', "_");
    match parse_yaml(&file.rel, &file.text) {
        Ok(node) => (Parsed::Data(name, node.to_json()), Vec::new()),
        Err(d) => (Parsed::Nothing, vec![d]),
    }
}

/// A value with the place it was written, for cross-file errors.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Located<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Located { value, pos }
    }
}

/// Reads front matter YAML text into a node, or reports why not.
pub(crate) fn parse_yaml(rel: &str, yaml: &str) -> Result<crate::yaml::Node, Diagnostic> {
    crate::yaml::parse(yaml).map_err(|e| {
        Diagnostic::error(
            rel,
            format!("invalid YAML: {}; expected valid YAML (check quotes, brackets and indentation)", e.message),
        )
        .at(e.pos.line, e.pos.col)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_content_and_extension() {
        assert_eq!(key_of("content/guidelines/copd.md"), "guidelines/copd");
        assert_eq!(key_of("content/services/housing.yaml"), "services/housing");
        assert_eq!(key_of("content/help/index.md"), "help");
    }
}
