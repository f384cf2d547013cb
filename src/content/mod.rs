//! The validated model of a site's content.
//!
//! Each file is read into a strict type by its own module (`guideline`,
//! `page`, `service`); `validate` then checks what spans files. Later stages
//! see only these types, never YAML.

pub mod failed;
pub mod frontmatter;
pub mod guideline;
pub mod list_field;
pub mod page;
pub mod service;
pub mod validate;

use crate::diagnostics::Diagnostic;
use crate::source::{Kind, SourceFile, Sources, UnreadFile};
use crate::yaml::Pos;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

pub use failed::{FailedSource, Failures, LostServices};
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
    /// The bodies of guidelines and pages whose front matter has errors:
    /// never published, but still link-checked and linted, so an author
    /// sees every problem in the file in one run rather than in rounds.
    pub unpublished_bodies: Vec<UnpublishedBody>,
}

/// The Markdown of a guideline or page that did not load.
#[derive(Debug, Clone)]
pub struct UnpublishedBody {
    pub source: String,
    /// The page's key (`""` for the home page), for `#anchor` links in it.
    pub key: String,
    pub body: Body,
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
pub type ParseCache = HashMap<String, (u64, Loaded)>;

/// What one file became, whether it failed (and as what), and why.
#[derive(Debug, Clone)]
pub struct Loaded {
    parsed: Parsed,
    failed: Option<FailedSource>,
    diagnostics: Vec<Diagnostic>,
    /// The body of a guideline or page that failed, when it could be found.
    unpublished: Option<UnpublishedBody>,
}

/// Parses every content file in parallel (only those not in `cache` at their
/// current version); the result keeps source order. Beside the content, it
/// returns every source that failed to load, by kind, for later checks to
/// skip only what depended on it.
pub fn load(sources: &Sources, cache: &mut ParseCache) -> (Content, Failures, Vec<Diagnostic>) {
    let fresh: Vec<(String, u64, Loaded)> = sources
        .files
        .par_iter()
        .filter(|file| cache.get(&file.rel).is_none_or(|(version, _)| *version != file.version))
        .map(|file| (file.rel.clone(), file.version, parse_file(file)))
        .collect();
    for (rel, version, loaded) in fresh {
        cache.insert(rel, (version, loaded));
    }
    if cache.len() > sources.files.len() {
        cache.retain(|rel, _| sources.files.binary_search_by(|f| f.rel.as_str().cmp(rel)).is_ok());
    }

    let mut content = Content::default();
    let mut failures: Failures = sources.unread.iter().filter_map(unread_source).collect();
    let mut diagnostics = Vec::new();
    for file in &sources.files {
        let Some((_, loaded)) = cache.get(&file.rel) else { continue };
        diagnostics.extend(loaded.diagnostics.iter().cloned());
        if let Some(failed) = &loaded.failed {
            failures.push(failed.clone());
        }
        if let Some(body) = &loaded.unpublished {
            content.unpublished_bodies.push(body.clone());
        }
        match &loaded.parsed {
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
    (content, failures, diagnostics)
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

fn parse_file(file: &SourceFile) -> Loaded {
    let mut loaded = parse_kind(file);
    if loaded.failed.is_some() {
        loaded.unpublished = unpublished_body(file);
    }
    loaded
}

/// The body of a guideline or page, found whatever its front matter holds
/// (`None` for other kinds, or when the front matter never ends).
fn unpublished_body(file: &SourceFile) -> Option<UnpublishedBody> {
    let key = match file.kind {
        Kind::Home => String::new(),
        Kind::Page | Kind::Guideline => key_of(&file.rel),
        _ => return None,
    };
    let split = frontmatter::split(&file.rel, &file.text).ok()?;
    let body = Body { text: split.body.into(), first_line: split.body_line };
    Some(UnpublishedBody { source: file.rel.clone(), key, body })
}

fn parse_kind(file: &SourceFile) -> Loaded {
    let rel = file.rel.as_str();
    match file.kind {
        Kind::Home => loaded(page::parse(file, true), Parsed::Home, || FailedSource::Home),
        Kind::Page => loaded(page::parse(file, false), Parsed::Page, || FailedSource::Page { key: key_of(rel) }),
        Kind::Guideline => loaded(
            guideline::parse(file),
            |g| Parsed::Guideline(Arc::new(g)),
            || FailedSource::Guideline { key: key_of(rel) },
        ),
        Kind::Directory => load_directory(file),
        Kind::Data => parse_data(file),
        Kind::ContentAsset | Kind::Static => {
            Loaded { parsed: Parsed::Nothing, failed: None, diagnostics: Vec::new(), unpublished: None }
        }
    }
}

/// A file read into `T`, or, when it did not read, the failure `failed` makes.
fn loaded<T>(
    result: (Option<T>, Vec<Diagnostic>),
    parsed: impl FnOnce(T) -> Parsed,
    failed: impl FnOnce() -> FailedSource,
) -> Loaded {
    let (item, diagnostics) = result;
    match item {
        Some(item) => Loaded { parsed: parsed(item), failed: None, diagnostics, unpublished: None },
        None => Loaded { parsed: Parsed::Nothing, failed: Some(failed()), diagnostics, unpublished: None },
    }
}

/// A directory can fail in part: some services read and others did not.
fn load_directory(file: &SourceFile) -> Loaded {
    let read = service::read_directory_file(file);
    let has_failed = read.directory.is_none() || !read.diagnostics.is_empty();
    let failed = has_failed.then(|| FailedSource::Directory { slug: service::slug_of(&file.rel), lost: read.lost });
    let parsed = read.directory.map_or(Parsed::Nothing, |d| Parsed::Directory(Arc::new(d)));
    Loaded { parsed, failed, diagnostics: read.diagnostics, unpublished: None }
}

/// A file the source stage could not read, as the content it would have been.
fn unread_source(file: &UnreadFile) -> Option<FailedSource> {
    let key = || key_of(&file.rel);
    Some(match file.kind {
        Kind::Home => FailedSource::Home,
        Kind::Page => FailedSource::Page { key: key() },
        Kind::Guideline => FailedSource::Guideline { key: key() },
        Kind::Directory => FailedSource::Directory { slug: service::slug_of(&file.rel), lost: LostServices::Any },
        Kind::Data => FailedSource::Data { name: data_name(&file.rel) },
        Kind::ContentAsset | Kind::Static => return None,
    })
}

/// `data/organisations.yaml` → `organisations`, the name templates use.
fn data_name(rel: &str) -> String {
    let name = rel.trim_start_matches("data/");
    name.rsplit_once('.').map_or(name, |(stem, _)| stem).replace('/', "_")
}

fn parse_data(file: &SourceFile) -> Loaded {
    let name = data_name(&file.rel);
    match parse_yaml(&file.rel, &file.text) {
        Ok(node) => Loaded {
            parsed: Parsed::Data(name, node.to_json()),
            failed: None,
            diagnostics: Vec::new(),
            unpublished: None,
        },
        Err(d) => Loaded {
            parsed: Parsed::Nothing,
            failed: Some(FailedSource::Data { name }),
            diagnostics: vec![d],
            unpublished: None,
        },
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
        Diagnostic::error(rel, e.explained("expected valid YAML (check quotes, brackets and indentation)"))
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
