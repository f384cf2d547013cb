//! Loading the theme's Tera templates: the built-in theme, a theme folder of
//! the site's own, and the site's `templates/` overrides, by file name.

use crate::diagnostics::Diagnostic;
use crate::files::FileData;
use crate::source;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use tera::Tera;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

/// A file of the theme's `static/` folder, as it is written under `/static/`.
pub struct ThemeAsset {
    /// `static/css/site.css`: every asset is written under its own name.
    pub dest: String,
    /// `static/css/site.<hash>.css`, the name pages link to, for a
    /// stylesheet or script when names are [`AssetNames::Hashed`]; it is
    /// written too.
    pub hashed: Option<String>,
    /// Stylesheets and scripts without their comments; other files as they are.
    pub data: FileData,
}

impl ThemeAsset {
    /// The name pages link to.
    pub fn linked(&self) -> &str {
        self.hashed.as_deref().unwrap_or(&self.dest)
    }
}

/// How the theme's stylesheets and scripts are named in the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AssetNames {
    /// Pages link `site.<hash>.css`, a name no other version of the file
    /// has, so a cache (the browser's, a CDN's, the offline worker's) can
    /// keep it for ever and an old page never meets a new stylesheet: `build`.
    #[default]
    Hashed,
    /// Pages link `site.css`: the preview, whose live reload swaps an
    /// edited stylesheet in place without rendering every page again.
    Plain,
}

/// Where a theme file's bytes come from.
enum AssetSource {
    Embedded(&'static [u8]),
    OnDisk(PathBuf),
}

/// The built-in default theme's files: (path in the theme, bytes).
pub fn builtin_theme_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::THEME_FILES
}

pub struct Theme {
    pub tera: Tera,
    pub assets: Vec<ThemeAsset>,
    /// A hash of every template's text and the assets' names: pages
    /// re-render when it changes.
    pub fingerprint: u64,
}

/// Loads the templates for `theme`. The site's own `themes/<theme>/` wins
/// over the built-in default; `templates/` wins over both, file by file.
/// Templates name an asset through `asset(path="css/site.css")`, which
/// gives its linked name under `static/`.
pub fn load(root: &Path, theme: &str, names: AssetNames) -> Result<Theme, Vec<Diagnostic>> {
    let theme_dir = root.join("themes").join(theme);
    let mut sources: Vec<(String, String, String)> = Vec::new();
    let mut assets = Vec::new();
    let mut errors = Vec::new();
    if theme_dir.is_dir() {
        let rel_base = format!("themes/{theme}/");
        for (path, rel) in source::walk(root, &format!("themes/{theme}")) {
            let inner = rel.strip_prefix(&rel_base).unwrap_or(&rel);
            if let Some(name) = inner.strip_prefix("templates/") {
                match source::read_text(&path, &rel) {
                    Ok(text) => sources.push((name.to_string(), text, rel.clone())),
                    Err(d) => errors.push(d),
                }
            } else if let Some(dest) = inner.strip_prefix("static/") {
                assets.push((format!("static/{dest}"), AssetSource::OnDisk(path)));
            }
        }
    } else if theme != "default" {
        return Err(vec![
            Diagnostic::error(
                "site.yaml",
                format!(
                    "found {}, expected a folder themes/{theme}/ or the built-in theme \"default\"",
                    crate::diagnostics::quote(theme)
                ),
            )
            .field("theme"),
        ]);
    }
    // The built-in theme fills in whatever a site's theme does not have, so a
    // theme written before a page type existed (the search page, say) builds.
    for (name, bytes) in builtin_theme_files() {
        if let Some(template) = name.strip_prefix("templates/") {
            if !sources.iter().any(|(n, _, _)| n == template) {
                let text = String::from_utf8_lossy(bytes).into_owned();
                sources.push((template.to_string(), text, format!("(built-in theme) templates/{template}")));
            }
        } else if let Some(dest) = name.strip_prefix("static/") {
            let dest = format!("static/{dest}");
            if !assets.iter().any(|(own, _)| *own == dest) {
                assets.push((dest, AssetSource::Embedded(bytes)));
            }
        }
    }
    for (path, rel) in source::walk(root, "templates") {
        let name = rel.trim_start_matches("templates/").to_string();
        match source::read_text(&path, &rel) {
            Ok(text) => {
                sources.retain(|(n, _, _)| *n != name);
                sources.push((name, text, rel));
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let assets: Vec<ThemeAsset> = assets.into_iter().map(|(dest, source)| asset(dest, source, names)).collect();
    let linked: BTreeMap<String, String> = assets.iter().map(|a| (a.dest.clone(), a.linked().to_string())).collect();
    let fingerprint = crate::fingerprint::fingerprint(&(&sources, &linked));
    let mut tera = compile(sources)?;
    tera.register_function("asset", asset_function(linked));
    Ok(Theme { tera, assets, fingerprint })
}

fn asset(dest: String, source: AssetSource, names: AssetNames) -> ThemeAsset {
    let text = match &source {
        AssetSource::Embedded(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        // A file that can't be read is copied, so the write stage reports
        // it like any other.
        AssetSource::OnDisk(path) => std::fs::read_to_string(path).unwrap_or_default(),
    };
    let compacted = match dest.rsplit('.').next() {
        Some("css") if !text.is_empty() => Some(super::compact::css(&text)),
        Some("js") if !text.is_empty() => Some(super::compact::js(&text)),
        _ => None,
    };
    let hashed = match (&compacted, names) {
        (Some(text), AssetNames::Hashed) => Some(hashed_name(&dest, text.as_bytes())),
        _ => None,
    };
    let data = match (compacted, source) {
        (Some(text), _) => FileData::text(text),
        (None, AssetSource::Embedded(bytes)) => FileData::Embedded(bytes),
        (None, AssetSource::OnDisk(path)) => FileData::Copy(path),
    };
    ThemeAsset { dest, hashed, data }
}

/// `static/css/site.css` → `static/css/site.<16 hex digits>.css`.
fn hashed_name(dest: &str, bytes: &[u8]) -> String {
    let hash = crate::search::engine::content_hash(bytes);
    match dest.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{dest}.{hash}"),
    }
}

/// The templates' `asset(path="js/filters.js")`: the linked name of
/// `static/js/filters.js`. A path the theme has not got is a template
/// error, so a misspelt name fails the build instead of a page.
fn asset_function(linked: BTreeMap<String, String>) -> impl tera::Function {
    move |args: &HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
        let path = args.get("path").and_then(tera::Value::as_str).ok_or("asset() wants path=\"css/site.css\"")?;
        let dest = format!("static/{path}");
        linked
            .get(&dest)
            .map(|name| tera::Value::String(name.clone()))
            .ok_or_else(|| format!("asset(): the theme has no file {dest}").into())
    }
}

fn compile(sources: Vec<(String, String, String)>) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(escape_html);
    let pairs: Vec<(String, String)> = sources.iter().map(|(n, t, _)| (n.clone(), t.clone())).collect();
    tera.add_raw_templates(pairs).map_err(|e| {
        // Tera stops at the first broken template and names it in quotes.
        let chain = error_chain(&e);
        let origin = sources
            .iter()
            .find(|(name, _, _)| chain.contains(&format!("'{name}'")))
            .map_or_else(|| "templates".to_string(), |(_, _, origin)| origin.clone());
        vec![template_error(&origin, &chain)]
    })?;
    Ok(tera)
}

/// A parse error names the template file and, where Tera gives one, the line.
fn template_error(origin: &str, chain: &str) -> Diagnostic {
    let (line, col) = find_position(chain).unwrap_or((0, 0));
    // Tera's parse errors draw the source line, then give the reason after `= `.
    let reason = chain
        .lines()
        .find_map(|l| l.trim().strip_prefix("= "))
        .map(str::to_string)
        .unwrap_or_else(|| chain.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(": "));
    Diagnostic::error(origin, format!("template: {reason}")).at(line, col)
}

/// Tera's message and its causes, one per line.
pub fn error_chain(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push('\n');
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Tera's parser shows ` --> 12:5` in its messages.
fn find_position(chain: &str) -> Option<(u64, u64)> {
    let at = chain.find("--> ")?;
    let rest = &chain[at + 4..];
    let end = rest.find(|c: char| !c.is_ascii_digit() && c != ':').unwrap_or(rest.len());
    let (line, col) = rest[..end].split_once(':')?;
    Some((line.parse().ok()?, col.parse().ok()?))
}

/// Escapes the five characters that matter in HTML text and quoted
/// attributes. Tera's default also escapes `/`, which makes every URL in the
/// page source read `&#x2F;guidelines&#x2F;` for no safety gain.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
