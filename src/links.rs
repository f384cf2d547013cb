//! Resolving links written in Markdown, and checking their anchors.
//!
//! Authors link to source files (`[COPD](copd.md)`, `[adults](asthma/adults.md#treatment)`),
//! to services by id (`[rehab](@/services/pulmonary-rehab-weymouth)`), to any
//! content file from the content root (`@/guidelines/copd.md`), to files
//! beside the page (`diagram.png`), and to paths of the built site as the
//! browser's address bar shows them (`/guidelines/copd/`). Each becomes the
//! URL of the built page, under the base URL's path, or an error if nothing
//! is there: a broken link in clinical guidance is a dead end for a GP
//! mid-consultation.

use crate::content::{Content, Failures, key_of};
use crate::diagnostics::{Diagnostic, quote};
use crate::markdown::{AnchorCheck, LinkResolver, Resolved};
use crate::urls::{self, Urls};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Everything a link can point at in this build.
/// Content that exists in the sources but is left out of this build, so a
/// link to it gets a message saying why rather than "no such page".
#[derive(Debug, Default)]
pub struct LeftOut {
    /// Keys of draft guidelines (built only with --drafts).
    pub drafts: Vec<String>,
    /// Ids of services with `status: inactive`.
    pub inactive_services: Vec<String>,
}

pub struct LinkIndex {
    /// Content key → site path, for every page in this build.
    pages: HashMap<String, String>,
    omitted_drafts: HashSet<String>,
    inactive_services: HashSet<String>,
    /// Sources that failed to load: a link to what they would have made is
    /// not reported as broken on top of their own errors.
    failed: Failures,
    services: HashSet<String>,
    directories: HashSet<String>,
    /// Output paths of copied files (`guidelines/diagram.png`).
    assets: HashSet<String>,
    /// Site path → content key, for links written as paths (`/about/`).
    keys_by_path: HashMap<String, String>,
    urls: Urls,
    fingerprint: u64,
}

impl LinkIndex {
    pub fn new(content: &Content, left_out: &LeftOut, failed: &Failures, assets: &[String], urls: &Urls) -> Self {
        let mut pages = HashMap::default();
        for g in &content.guidelines {
            pages.insert(g.key.clone(), urls::guideline(&g.key));
        }
        for p in &content.pages {
            pages.insert(p.key.clone(), urls::page(&p.key));
        }
        pages.insert(String::new(), String::new());
        for d in &content.directories {
            pages.insert(key_of(&d.source), urls::directory(&d.slug));
        }
        let keys_by_path = pages.iter().map(|(key, path)| (path.clone(), key.clone())).collect();
        LinkIndex {
            pages,
            keys_by_path,
            omitted_drafts: left_out.drafts.iter().cloned().collect(),
            inactive_services: left_out.inactive_services.iter().cloned().collect(),
            failed: failed.clone(),
            services: content.services().map(|s| s.id.value.clone()).collect(),
            directories: content.directories.iter().map(|d| d.slug.clone()).collect(),
            assets: assets.iter().cloned().collect(),
            urls: urls.clone(),
            fingerprint: Self::inputs_fingerprint(content, left_out, failed, assets, urls),
        }
    }

    /// A hash of everything [`LinkIndex::new`] reads, worked out without
    /// making the index: equal for equal inputs, as content comes in the
    /// order of its files. The preview keeps the index while it is unchanged.
    pub fn inputs_fingerprint(
        content: &Content,
        left_out: &LeftOut,
        failed: &Failures,
        assets: &[String],
        urls: &Urls,
    ) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        for g in &content.guidelines {
            g.key.hash(&mut hasher);
        }
        for p in &content.pages {
            p.key.hash(&mut hasher);
        }
        for d in &content.directories {
            (&d.source, &d.slug).hash(&mut hasher);
        }
        for s in content.services() {
            s.id.value.hash(&mut hasher);
        }
        (&left_out.drafts, &left_out.inactive_services, failed, assets, &urls.base_path, &urls.base_url)
            .hash(&mut hasher);
        hasher.finish()
    }

    /// Changes whenever a link could resolve differently: pages, services,
    /// directories or files added or removed, drafts in or out, base path.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// A resolver for links written in the file at `source` (relative to
    /// the root), in the text of the page `own_key` (`""` for the home
    /// page), or `None` for text that is not one page (a description).
    pub fn for_file<'a>(&'a self, source: &'a str, own_key: Option<&'a str>) -> FileLinks<'a> {
        FileLinks { index: self, source, own_key }
    }
}

pub struct FileLinks<'a> {
    index: &'a LinkIndex,
    source: &'a str,
    own_key: Option<&'a str>,
}

impl LinkResolver for FileLinks<'_> {
    fn resolve(&self, dest: &str) -> Resolved {
        let dest = dest.trim();
        if dest.is_empty() {
            return Resolved::Broken("found an empty link, expected a page, file or web address".into());
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            let Some(own_key) = self.own_key else {
                return Resolved::Broken(format!(
                    "found a link to #{anchor} in a description, which is shown on more than one page; \
                     expected a link to a page and its heading, such as @/guidelines/copd.md#{anchor}"
                ));
            };
            return self.href(dest.to_string(), Some((own_key.to_string(), anchor.to_string())));
        }
        if let Some(scheme) = scheme_of(dest) {
            return match scheme.to_ascii_lowercase().as_str() {
                "http" | "https" | "mailto" | "tel" => self.href(dest.to_string(), None),
                _ => Resolved::Broken(format!(
                    "found a link with the scheme {}, expected http, https, mailto or tel, or a link to a page",
                    quote(&scheme)
                )),
            };
        }
        if dest.starts_with("//") {
            return self.href(dest.to_string(), None);
        }
        if dest.starts_with('/') {
            return self.site_path(dest);
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or_default();
        match path.strip_prefix("@/") {
            Some(rooted) => self.rooted(rooted, fragment, dest),
            None => self.relative(path, fragment, dest),
        }
    }
}

impl FileLinks<'_> {
    fn href(&self, href: String, anchor: Option<(String, String)>) -> Resolved {
        let anchor = anchor.filter(|(_, a)| !a.is_empty()).map(|(page_key, anchor)| AnchorCheck {
            page_key,
            anchor,
            line: 0,
            col: 0,
        });
        Resolved::Href { href, anchor }
    }

    /// `@/services/<id>`, `@/directories/<slug>`, or `@/path/from/content.md`.
    fn rooted(&self, rooted: &str, fragment: Option<&str>, dest: &str) -> Resolved {
        let rooted = rooted.trim_end_matches('/');
        if let Some(id) = rooted.strip_prefix("services/").filter(|id| !id.ends_with(".md") && !id.contains('/')) {
            if self.index.services.contains(id) || self.index.failed.could_hold_service(id) {
                return self.href(self.with_fragment(urls::service(id), fragment), None);
            }
            if self.index.inactive_services.contains(id) {
                return Resolved::Broken(format!(
                    "found a link to service {}, which is inactive and not published; expected a published service",
                    quote(id)
                ));
            }
            let known: Vec<&str> = self.index.services.iter().map(String::as_str).collect();
            let hint = crate::fields::nearest(id, &known).map(|n| format!("; did you mean `{n}`?")).unwrap_or_default();
            return Resolved::Broken(format!(
                "found a link to service {}, expected the id of a service in a directory{hint}",
                quote(id)
            ));
        }
        if let Some(slug) = rooted.strip_prefix("directories/").filter(|s| !s.ends_with(".md")) {
            if self.index.directories.contains(slug) || self.index.failed.has_directory(slug) {
                return self.href(self.with_fragment(urls::directory(slug), fragment), None);
            }
            let known: Vec<&str> = self.index.directories.iter().map(String::as_str).collect();
            let hint =
                crate::fields::nearest(slug, &known).map(|n| format!("; did you mean `{n}`?")).unwrap_or_default();
            return Resolved::Broken(format!(
                "found a link to directory {}, expected the file name (without .yaml) of a service directory{hint}",
                quote(slug)
            ));
        }
        self.to_content(&format!("content/{rooted}"), fragment, dest)
    }

    fn relative(&self, path: &str, fragment: Option<&str>, dest: &str) -> Resolved {
        let dir = self.source.rsplit_once('/').map_or("", |(d, _)| d);
        match normalise(&format!("{dir}/{path}")) {
            Some(joined) => self.to_content(&joined, fragment, dest),
            None => Resolved::Broken(format!(
                "found a link {} that leaves the site folder, expected a file inside content/",
                quote(dest)
            )),
        }
    }

    /// `joined` is a path from the site root, like `content/guidelines/copd.md`.
    fn to_content(&self, joined: &str, fragment: Option<&str>, dest: &str) -> Resolved {
        if joined.ends_with(".md") {
            let key = key_of(joined);
            if let Some(path) = self.index.pages.get(&key) {
                let anchor = fragment.map(|f| (key.clone(), f.to_string()));
                return self.href(self.with_fragment(path.clone(), fragment), anchor);
            }
            if self.index.failed.has_page(&key) {
                return self.href(self.with_fragment(urls::page(&key), fragment), None);
            }
            if self.index.omitted_drafts.contains(&key) {
                return Resolved::Broken(format!(
                    "found a link to {joined}, a draft that is left out of this build; expected a published page (or build with --drafts)"
                ));
            }
            return Resolved::Broken(format!(
                "found a link to {}, expected an existing file; there is no {joined}",
                quote(dest)
            ));
        }
        let asset = joined.strip_prefix("content/").unwrap_or(joined);
        if self.index.assets.contains(asset) {
            return self.href(self.with_fragment(self.index.urls.link(asset), fragment), None);
        }
        Resolved::Broken(format!(
            "found a link to {}, expected a .md page, a file beside it, or a web address starting https://; there is no {joined}",
            quote(dest)
        ))
    }

    /// `/guidelines/copd/#x`: a path of the built site, pasted from the
    /// address bar. Checked against what this build makes, and given the
    /// base URL's path; a path that already starts with it is accepted too.
    fn site_path(&self, dest: &str) -> Resolved {
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path, None),
        };
        let path = path.trim_start_matches('/');
        let under_base = self.index.urls.base_path.trim_start_matches('/');
        let written_with_base = path.strip_prefix(under_base).filter(|_| !under_base.is_empty());
        let target = match (self.index.site_target(path), written_with_base) {
            (SiteTarget::Missing, Some(rest)) => self.index.site_target(rest),
            (target, _) => target,
        };
        match target {
            SiteTarget::Found { path, page_key } => {
                let path = match query {
                    Some(q) => format!("{path}?{q}"),
                    None => path,
                };
                let anchor = page_key.zip(fragment).map(|(key, f)| (key, f.to_string()));
                self.href(self.with_fragment(path, fragment), anchor)
            }
            SiteTarget::LeftOut(why) => Resolved::Broken(format!("found a link to {}, {why}", quote(dest))),
            SiteTarget::Missing => {
                let known: Vec<&str> = self.index.keys_by_path.keys().map(String::as_str).collect();
                let hint = crate::fields::nearest(path, &known)
                    .map(|n| format!("; did you mean `{}`?", self.index.urls.link(n)))
                    .unwrap_or_default();
                Resolved::Broken(format!(
                    "found a link to {}, expected a page or file of this site; there is no /{path}{hint}",
                    quote(dest)
                ))
            }
        }
    }

    fn with_fragment(&self, path: String, fragment: Option<&str>) -> String {
        let link = if path.starts_with('/') { path } else { self.index.urls.link(&path) };
        match fragment {
            Some(f) if !f.is_empty() => format!("{link}#{f}"),
            _ => link,
        }
    }
}

/// What a path of the built site (`guidelines/copd/`, no leading `/`) is.
enum SiteTarget {
    /// Made by this build: its site path, and its content key when it is a
    /// page whose headings an anchor may name.
    Found {
        path: String,
        page_key: Option<String>,
    },
    /// In the sources but not in this build, and why.
    LeftOut(String),
    Missing,
}

impl LinkIndex {
    fn site_target(&self, path: &str) -> SiteTarget {
        // `/about` and `/about/index.html` are the page `/about/`.
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let as_folder = if path.is_empty() || path.ends_with('/') { path.to_string() } else { format!("{path}/") };
        let found = |path: String, page_key: Option<String>| SiteTarget::Found { path, page_key };
        if let Some(key) = self.keys_by_path.get(&as_folder) {
            return found(as_folder, Some(key.clone()));
        }
        let key = as_folder.trim_end_matches('/');
        if let Some(id) = as_folder.strip_prefix(urls::SERVICES).and_then(|rest| rest.strip_suffix('/')) {
            if self.services.contains(id) || self.failed.could_hold_service(id) {
                return found(as_folder, None);
            }
            if self.inactive_services.contains(id) {
                return SiteTarget::LeftOut(format!(
                    "the page of service {}, which is inactive and not published; expected a published service",
                    quote(id)
                ));
            }
        }
        if let Some(slug) = as_folder.strip_prefix("directories/").and_then(|rest| rest.strip_suffix('/'))
            && self.failed.has_directory(slug)
        {
            return found(as_folder, None);
        }
        if self.omitted_drafts.contains(key) {
            return SiteTarget::LeftOut(
                "a draft that is left out of this build; expected a published page (or build with --drafts)".into(),
            );
        }
        if self.failed.has_page(key) {
            return found(as_folder, None);
        }
        if self.assets.contains(path) || urls::is_generated(path) {
            return found(path.to_string(), None);
        }
        if urls::is_generated(&as_folder) {
            return found(as_folder, None);
        }
        SiteTarget::Missing
    }
}

/// `javascript:alert(1)` → `javascript`; `copd.md` → none. A colon after a
/// `/`, `?` or `#` is part of a path, not a scheme.
fn scheme_of(dest: &str) -> Option<String> {
    let colon = dest.find(':')?;
    let before = &dest[..colon];
    let is_scheme = !before.is_empty()
        && before.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && before.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    // Browsers ignore tabs and newlines inside schemes: `java\tscript:`.
    let squeezed: String = before.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    if is_scheme {
        Some(before.to_string())
    } else if !squeezed.is_empty() && !squeezed.contains(['/', '?', '#']) {
        Some(squeezed)
    } else {
        None
    }
}

/// Resolves `.` and `..`; `None` when the path climbs above its start.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Checks each recorded `#anchor` against the heading ids of its page.
pub fn check_anchors(source: &str, checks: &[AnchorCheck], headings: &HashMap<&str, HashSet<&str>>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for check in checks {
        let Some(ids) = headings.get(check.page_key.as_str()) else {
            continue;
        };
        if ids.contains(check.anchor.as_str()) {
            continue;
        }
        let known: Vec<&str> = ids.iter().copied().collect();
        let hint =
            crate::fields::nearest(&check.anchor, &known).map(|n| format!("; did you mean #{n}?")).unwrap_or_default();
        let page = if check.page_key.is_empty() { "the home page".to_string() } else { check.page_key.clone() };
        out.push(
            Diagnostic::error(
                source,
                format!("found a link to #{}, expected a heading id in {page}{hint}", check.anchor),
            )
            .at(check.line, check.col)
            .field("link"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_found_even_when_disguised() {
        assert_eq!(scheme_of("javascript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme_of("java\tscript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme_of("https://x.org").as_deref(), Some("https"));
        assert_eq!(scheme_of("copd.md"), None);
        assert_eq!(scheme_of("copd.md#a:b"), None);
    }

    #[test]
    fn normalise_refuses_to_leave_the_root() {
        assert_eq!(normalise("content/guidelines/asthma/../copd.md").as_deref(), Some("content/guidelines/copd.md"));
        assert_eq!(normalise("content/../../etc/passwd"), None);
    }
}
