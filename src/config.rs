//! `site.yaml` → [`SiteConfig`], and command-line overrides → [`BuildOptions`].

use crate::date::bank_holidays::Calendar;
use crate::diagnostics::Diagnostic;
use crate::fields::{Fields, Sink};
use crate::yaml::{self, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub const SITE_FILE: &str = "site.yaml";
/// Cards on a page of a list: a phone's worth, a few screens of scrolling.
pub const DEFAULT_PAGE_SIZE: usize = 50;
/// What the offline copies may take on a reader's device when `site.yaml`
/// does not say (`docs/offline.md`): a few hundred guideline pages with
/// their search files, small beside a phone's storage.
pub const DEFAULT_OFFLINE_BUDGET_MB: u64 = 25;

/// Offline copies (`offline:` in `site.yaml`): whether the build makes the
/// service worker that keeps them, and how many bytes they may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Offline {
    pub enabled: bool,
    pub budget_bytes: u64,
}

impl Default for Offline {
    fn default() -> Self {
        Offline { enabled: true, budget_bytes: DEFAULT_OFFLINE_BUDGET_MB * 1024 * 1024 }
    }
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// Absolute, without a trailing slash: `https://x.org/resp`.
    pub base_url: String,
    /// `base_url` as `site.yaml` writes it (normalised), whatever
    /// `--base-url` or the preview server say: the site's stable identity,
    /// from which its Open Referral ids are derived.
    pub declared_base_url: String,
    pub description: String,
    pub theme: String,
    pub review_warning_days: i64,
    pub stale_service_days: i64,
    /// How many items a page of a list holds (services, guidelines): the
    /// rest go on further pages (`docs/paging.md`).
    pub page_size: usize,
    /// Display labels for category ids.
    pub categories: BTreeMap<String, String>,
    /// Extra search synonyms: term → alternatives.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// A banner shown on every page (for example "example content").
    pub notice: String,
    /// The places services name, wider ones holding narrower ones; empty
    /// when `site.yaml` has no `areas`.
    pub areas: crate::areas::AreaTree,
    /// Postcode districts and sectors by area (`postcodes:`), so a
    /// postcode can choose the area; empty when `site.yaml` has none.
    pub postcodes: crate::postcodes::PostcodeTable,
    /// Which bank holidays "Open now" keeps: `bank_holidays:`.
    pub bank_holidays: Calendar,
    /// One-off bank holidays (a coronation, a jubilee): `extra_bank_holidays:`.
    pub extra_bank_holidays: Vec<crate::date::Date>,
    /// Where "Feedback on this guideline" goes, unless a guideline names
    /// its own address.
    pub feedback_email: Option<String>,
    /// Offline copies of the pages a reader opened (`offline:`).
    pub offline: Offline,
}

impl SiteConfig {
    /// Stands in for a site.yaml with errors, so the rest of the site is
    /// still checked and every error reported in one run.
    pub fn placeholder() -> Self {
        SiteConfig {
            title: String::new(),
            base_url: "http://localhost".into(),
            declared_base_url: "http://localhost".into(),
            description: String::new(),
            theme: "default".into(),
            review_warning_days: 60,
            stale_service_days: 365,
            page_size: DEFAULT_PAGE_SIZE,
            categories: BTreeMap::new(),
            synonyms: BTreeMap::new(),
            notice: String::new(),
            areas: Default::default(),
            postcodes: Default::default(),
            bank_holidays: Calendar::default(),
            extra_bank_holidays: Vec::new(),
            feedback_email: None,
            offline: Offline::default(),
        }
    }

    /// The path part of `base_url`, with slashes at both ends: `/` or `/resp/`.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or(self.base_url.as_str(), |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => format!("{}/", after_scheme[i..].trim_end_matches('/')),
            None => "/".to_string(),
        }
    }

    pub fn category_label(&self, id: &str) -> String {
        self.categories.get(id).cloned().unwrap_or_else(|| humanise(id))
    }
}

/// `home-oxygen` → `Home oxygen`.
pub fn humanise(id: &str) -> String {
    let spaced = id.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What the command line asked for.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub search: SearchMode,
}

impl BuildOptions {
    /// The site at `root` as the preview's editor and the governance report
    /// read it in memory: drafts included, no search index, no base URL.
    pub fn reading(root: &std::path::Path) -> Self {
        BuildOptions {
            output: root.join("public"),
            root: root.to_path_buf(),
            base_url: None,
            drafts: true,
            search: SearchMode::Off,
        }
    }
}

/// Parses the text of `site.yaml`.
pub fn parse(text: &str, base_url_override: Option<&str>) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut sink = Sink::new(SITE_FILE);
    let node = match yaml::parse(text) {
        Ok(node) => node,
        Err(e) => {
            sink.error(e.pos, "", e.explained("expected valid YAML (check quotes, brackets and indentation)"));
            return Err(sink.diagnostics);
        }
    };
    let Some(mut fields) = Fields::of(&node, "", "a mapping of site settings", &mut sink) else {
        return Err(sink.diagnostics);
    };
    let title = fields.required_string("title", &mut sink);
    let base_url = fields.required_string("base_url", &mut sink);
    let description = fields.string("description", &mut sink).unwrap_or_default();
    let theme = fields.string("theme", &mut sink).unwrap_or_else(|| "default".to_string());
    let review_warning_days = fields.number("review_warning_days", &mut sink).unwrap_or(60);
    let stale_service_days = fields.number("stale_service_days", &mut sink).unwrap_or(365);
    let page_size = read_page_size(&mut fields, &mut sink);
    let notice = fields.string("notice", &mut sink).unwrap_or_default();
    let categories = read_categories(&mut fields, &mut sink);
    let synonyms = read_synonyms(&mut fields, &mut sink);
    let areas = fields.get("areas").map(|node| crate::areas::read(node, &mut sink)).unwrap_or_default();
    let postcodes =
        fields.get("postcodes").map(|node| crate::postcodes::read(node, &areas, &mut sink)).unwrap_or_default();
    let bank_holidays = read_calendar(&mut fields, &mut sink);
    let extra_bank_holidays = read_extra_bank_holidays(&mut fields, &mut sink);
    let feedback_email = fields.email("feedback_email", &mut sink);
    let offline = read_offline(&mut fields, &mut sink);
    fields.finish(&mut sink);

    // With an override, site.yaml's base_url is not used for links, so a
    // broken one is not an error; the override then stands in for the ids.
    let declared_base_url = match base_url_override {
        Some(_) => base_url.as_deref().and_then(normalise_base_url),
        None => base_url.and_then(|url| check_base_url(&url, &node, &mut sink)),
    };
    let base_url = match base_url_override {
        Some(url) => check_override(url, &mut sink),
        None => declared_base_url.clone(),
    };
    let declared_base_url = declared_base_url.or_else(|| base_url.clone());
    if !sink.diagnostics.is_empty() {
        return Err(sink.diagnostics);
    }
    let (Some(title), Some(base_url), Some(declared_base_url)) = (title, base_url, declared_base_url) else {
        return Err(sink.diagnostics);
    };
    Ok(SiteConfig {
        title,
        base_url,
        declared_base_url,
        description,
        theme,
        review_warning_days,
        stale_service_days,
        page_size,
        categories,
        synonyms,
        notice,
        areas,
        postcodes,
        bank_holidays,
        extra_bank_holidays,
        feedback_email,
        offline,
    })
}

/// `offline: false` turns offline copies off; `offline: { budget_mb: 10 }`
/// sets how much they may take; absent, they are on with
/// the default budget.
fn read_offline(fields: &mut Fields, sink: &mut Sink) -> Offline {
    const EXPECTED: &str = "true, false, or a mapping with budget_mb (megabytes, such as 25)";
    let Some(node) = fields.get("offline") else {
        return Offline::default();
    };
    match &node.value {
        Value::Bool(enabled) => Offline { enabled: *enabled, ..Offline::default() },
        Value::Map(_) => {
            let Some(mut inner) = Fields::of(node, "offline.", EXPECTED, sink) else {
                return Offline::default();
            };
            let budget_bytes = read_budget(&mut inner, sink);
            inner.finish(sink);
            Offline { enabled: true, budget_bytes }
        }
        _ => {
            sink.wrong(node, "offline", EXPECTED);
            Offline::default()
        }
    }
}

/// `offline.budget_mb`: megabytes, more than 0 (a fraction is allowed, so
/// a test site can set a budget a few pages fill).
fn read_budget(fields: &mut Fields, sink: &mut Sink) -> u64 {
    const EXPECTED: &str = "a number of megabytes more than 0, such as 25 or 0.5";
    let default = DEFAULT_OFFLINE_BUDGET_MB * 1024 * 1024;
    let Some(node) = fields.get("budget_mb") else {
        return default;
    };
    let megabytes = match node.value {
        Value::Int(n) => n as f64,
        Value::Float(f) => f,
        _ => f64::NAN,
    };
    if megabytes.is_finite() && megabytes > 0.0 && megabytes <= 1_000_000.0 {
        ((megabytes * 1024.0 * 1024.0).round() as u64).max(1)
    } else {
        sink.wrong(node, "offline.budget_mb", EXPECTED);
        default
    }
}

/// `page_size`: 1 or more items a list page holds; 50 when not set.
fn read_page_size(fields: &mut Fields, sink: &mut Sink) -> usize {
    const EXPECTED: &str = "a whole number of items per list page, 1 or more";
    let node = fields.get("page_size");
    match fields.whole_number("page_size", EXPECTED, sink) {
        Some(0) => {
            if let Some(node) = node {
                sink.wrong(node, "page_size", EXPECTED);
            }
            DEFAULT_PAGE_SIZE
        }
        Some(n) => usize::try_from(n).unwrap_or(DEFAULT_PAGE_SIZE),
        None => DEFAULT_PAGE_SIZE,
    }
}

fn read_calendar(fields: &mut Fields, sink: &mut Sink) -> Calendar {
    let Some(node) = fields.get("bank_holidays") else {
        return Calendar::default();
    };
    match Calendar::ALL.into_iter().find(|c| node.as_str() == Some(c.id())) {
        Some(calendar) => calendar,
        None => {
            sink.wrong(node, "bank_holidays", "one of england-and-wales, scotland, northern-ireland");
            Calendar::default()
        }
    }
}

fn read_extra_bank_holidays(fields: &mut Fields, sink: &mut Sink) -> Vec<crate::date::Date> {
    let mut days = Vec::new();
    for (text, pos) in fields.strings("extra_bank_holidays", sink) {
        match crate::date::Date::parse(&text) {
            Some(day) => days.push(day),
            None => sink.error(
                pos,
                "extra_bank_holidays",
                format!("found {}, expected a date YYYY-MM-DD", crate::diagnostics::quote(&text)),
            ),
        }
    }
    days
}

/// `https://x.org/resp/` → `https://x.org/resp`; `None` unless absolute http(s).
fn normalise_base_url(url: &str) -> Option<String> {
    let trimmed = url.trim().trim_end_matches('/');
    let valid = (trimmed.starts_with("http://") || trimmed.starts_with("https://"))
        && !trimmed.contains(char::is_whitespace)
        && trimmed.split_once("://").is_some_and(|(_, host)| !host.is_empty());
    valid.then(|| trimmed.to_string())
}

fn check_override(url: &str, sink: &mut Sink) -> Option<String> {
    let normalised = normalise_base_url(url);
    if normalised.is_none() {
        sink.diagnostics.push(Diagnostic::general(format!(
            "--base-url: found {}, expected an absolute URL such as http://127.0.0.1:1111",
            crate::diagnostics::quote(url)
        )));
    }
    normalised
}

fn check_base_url(url: &str, node: &yaml::Node, sink: &mut Sink) -> Option<String> {
    if let Some(valid) = normalise_base_url(url) {
        return Some(valid);
    }
    let pos = match &node.value {
        Value::Map(entries) => {
            entries.iter().find(|(k, _)| k.as_str() == Some("base_url")).map_or(node.pos, |(_, v)| v.pos)
        }
        _ => node.pos,
    };
    sink.error(
        pos,
        "base_url",
        format!(
            "found {}, expected an absolute URL such as https://guidelines.example.org",
            crate::diagnostics::quote(url)
        ),
    );
    None
}

fn read_categories(fields: &mut Fields, sink: &mut Sink) -> BTreeMap<String, String> {
    let mut categories = BTreeMap::new();
    let Some(node) = fields.get("categories") else {
        return categories;
    };
    let Value::Map(entries) = &node.value else {
        sink.wrong(node, "categories", "a mapping of category id to label, like `warmth: Warmth and energy`");
        return categories;
    };
    for (key, value) in entries {
        let id = key.scalar_text().unwrap_or_default();
        if !crate::urls::is_valid_id(&id) {
            sink.wrong(key, "categories", "a category id of a-z, 0-9 and -");
            continue;
        }
        match value.as_str() {
            Some(label) => {
                categories.insert(id, label.to_string());
            }
            None => sink.wrong(value, &format!("categories.{id}"), "a label (text)"),
        }
    }
    categories
}

fn read_synonyms(fields: &mut Fields, sink: &mut Sink) -> BTreeMap<String, Vec<String>> {
    let mut synonyms = BTreeMap::new();
    let Some(node) = fields.get("synonyms") else {
        return synonyms;
    };
    let Value::Map(entries) = &node.value else {
        sink.wrong(node, "synonyms", "a mapping of term to a list of alternatives");
        return synonyms;
    };
    for (key, value) in entries {
        let term = key.scalar_text().unwrap_or_default();
        let alternatives: Option<Vec<String>> = match &value.value {
            Value::Seq(items) => items.iter().map(|i| i.scalar_text()).collect(),
            Value::Str(s) => Some(vec![s.clone()]),
            _ => None,
        };
        match alternatives {
            Some(list) => {
                synonyms.insert(term, list);
            }
            None => sink.wrong(value, &format!("synonyms.{term}"), "a list of text"),
        }
    }
    synonyms
}

/// Whether and when the search index is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    /// No index (`build --no-search`); the search page says so.
    Off,
    /// Built with the pages, in parallel with rendering them.
    Inline,
    /// The docs are handed back for the caller to index later (the preview
    /// server does this in the background, so a save reloads at once).
    Deferred,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_comes_from_base_url() {
        let config = parse("title: t\nbase_url: https://x.org/resp/\n", None).unwrap();
        assert_eq!(config.base_url, "https://x.org/resp");
        assert_eq!(config.base_path(), "/resp/");
        let config = parse("title: t\nbase_url: https://x.org\n", None).unwrap();
        assert_eq!(config.base_path(), "/");
    }

    #[test]
    fn override_wins_and_is_checked() {
        let config = parse("title: t\nbase_url: https://x.org\n", Some("http://127.0.0.1:1111")).unwrap();
        assert_eq!(config.base_url, "http://127.0.0.1:1111");
        assert!(parse("title: t\nbase_url: https://x.org\n", Some("nope")).is_err());
    }

    #[test]
    fn a_misspelt_title_is_one_error_not_two() {
        let errors = parse("base_url: https://x.org\ntitel: x\n", None).unwrap_err();
        let lines: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
        assert_eq!(lines, ["error: site.yaml:2:1: titel: found an unknown field, expected `title` (a misspelling?)"]);
    }

    #[test]
    fn a_leftover_near_a_present_key_still_suggests_it() {
        let errors = parse("title: t\nbase_url: https://x.org\ntitel: x\n", None).unwrap_err();
        let lines: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
        assert_eq!(lines, ["error: site.yaml:3:1: titel: unknown field; did you mean `title`?"]);
    }
}
