//! What the edit page asks about text that is not saved yet: the page as it
//! would look (`preview/…`), the problems `check` would find (`check/…`),
//! and what the body's toolbar may link to (`targets.json`).
//!
//! Preview and check take the edit form as it stands, place its values in
//! the file's text exactly as a save would (`super::edited_text`), and build
//! the whole site in memory with that text in place of the file: the real
//! pipeline, theme and rules, and nothing written. So they pass the same
//! gates as a save (Origin, size, token, path): the answer shows the
//! author's files, and a page from another site must not be able to ask.
//!
//! The preview answers with the page itself, for the edit page's frame. It
//! forbids every script (`PREVIEW_CSP`), so a `<script>` the sanitiser
//! missed, or the theme's own, cannot run beside the editor's token.

use super::{EDIT_PREFIX, Editor, Target, edited_text, read_form, same_secret, target_of};
use crate::config::BuildOptions;
use crate::diagnostics::Diagnostic;
use crate::edit::MarkdownFields;
use crate::files::OutputFile;
use crate::serve::http::Reply;
use crate::source::{SourceFile, Sources, classify_content};
use std::path::Path;
use tiny_http::{Method, Request};

/// Under [`EDIT_PREFIX`], then the edit page's own part (`content/…` or
/// `services/ID/`): the page as the form would make it.
pub const PREVIEW_PART: &str = "preview/";
/// Likewise: the problems `check` would find, as JSON.
pub const CHECK_PART: &str = "check/";
/// The guidelines (with their headings), services and images a link or
/// image in the body may point at.
pub const TARGETS_PATH: &str = "/__signpost/edit/targets.json";

/// The preview's answer shows only the author's page: no script runs in it
/// (the frame is sandboxed too), and only the edit page may frame it.
const PREVIEW_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
                           frame-ancestors 'self'; form-action 'none'; base-uri 'none'";

impl Editor {
    /// The answer when `path` is one of this module's endpoints.
    pub(super) fn respond_about_unsaved(&self, request: &mut Request, root: &Path, path: &str) -> Option<Reply> {
        let rest = path.strip_prefix(EDIT_PREFIX)?;
        if path == TARGETS_PATH {
            return Some(match request.method() {
                Method::Get | Method::Head => self.targets(request, root),
                _ => Reply::status(405, "Only GET"),
            });
        }
        let (part, edit_path) = if let Some(page) = rest.strip_prefix(PREVIEW_PART) {
            (PREVIEW_PART, format!("{EDIT_PREFIX}{page}"))
        } else if let Some(page) = rest.strip_prefix(CHECK_PART) {
            (CHECK_PART, format!("{EDIT_PREFIX}{page}"))
        } else {
            return None;
        };
        if *request.method() != Method::Post {
            return Some(Reply::status(405, "Only POST: send the edit form"));
        }
        let unsaved = match self.unsaved_text(request, root, &edit_path) {
            Ok(unsaved) => unsaved,
            Err(reply) => return Some(reply),
        };
        let base_url = super::header(request, "Host").map(|host| format!("http://{host}"));
        Some(if part == PREVIEW_PART { preview(root, &unsaved, base_url) } else { check(root, &unsaved) })
    }

    /// The file the form edits, with the form's values in place, after the
    /// checks every write passes.
    fn unsaved_text(&self, request: &mut Request, root: &Path, edit_path: &str) -> Result<Unsaved, Reply> {
        self.check_origin(request)?;
        let form = read_form(request)?;
        if !form.get("token").is_some_and(|t| same_secret(t, &self.token)) {
            return Err(Reply::status(403, "Forbidden: the edit token is missing or wrong; open the edit page again"));
        }
        let target = target_of(root, edit_path).ok_or_else(|| Reply::status(404, "Not found: no such edit page"))?;
        let (_, current) = self.editable_file(root, &target)?;
        let text = edited_text(&target, &current, &form)
            .map_err(|e| Reply::status(422, &format!("The form cannot be placed in the file: {e}")))?;
        Ok(Unsaved { target, text })
    }

    /// Every guideline with its headings, every service with its areas, and
    /// every image: only what exists, so a picked link cannot be broken.
    fn targets(&self, request: &Request, root: &Path) -> Reply {
        if let Err(refusal) = self.check_host(request) {
            return refusal;
        }
        let sources = Sources::scan(root);
        let json = link_targets(root, &sources);
        let mut reply = Reply::ok(json.to_string().into_bytes(), "application/json");
        reply.headers.push(("Cache-Control", "no-store".to_string()));
        reply
    }
}

/// The text a save of the form would write, and which file it is.
struct Unsaved {
    target: Target,
    text: String,
}

impl Unsaved {
    /// Where the page this file makes lands in the output.
    fn output_path(&self) -> String {
        let page = match &self.target.service {
            Some(id) => crate::urls::service(id),
            None => crate::urls::guideline(&crate::content::key_of(&self.target.rel)),
        };
        format!("{page}index.html")
    }

    /// The file line the body starts on, for a guideline: the edit page's
    /// text area holds only the body, and counts its lines from there.
    fn body_line(&self) -> Option<usize> {
        if self.target.service.is_some() {
            return None;
        }
        let body = MarkdownFields::read(&self.text).ok()?.body;
        let front = &self.text[..self.text.len() - body.len()];
        Some(front.matches('\n').count() + 1)
    }
}

/// The site's pages and diagnostics with `unsaved` in place of its file,
/// drafts included, as the preview (and `check_file`) shows them.
fn build_with(root: &Path, unsaved: &Unsaved, base_url: Option<String>) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut sources = Sources::scan(root);
    replace_file(&mut sources, root, &unsaved.target.rel, &unsaved.text);
    let options = BuildOptions { base_url, ..BuildOptions::reading(root) };
    // As the preview builds, so the pane links the stylesheets it serves.
    let mut cache = crate::site::BuildCache::with_sources(sources).as_in_preview();
    let (files, all) = crate::site::build_despite_errors(&options, &mut cache);
    let rel = unsaved.target.rel.as_str();
    (files, all.sorted().into_iter().filter(|d| d.file.as_deref() == Some(rel)).collect())
}

/// `sources` with `text` as the file `rel`, as if it had been saved.
fn replace_file(sources: &mut Sources, root: &Path, rel: &str, text: &str) {
    sources.files.retain(|f| f.rel != rel);
    sources.unread.retain(|u| u.rel != rel);
    let version = sources.files.iter().map(|f| f.version).max().unwrap_or(0) + 1;
    let kind = classify_content(rel);
    sources.files.push(SourceFile { kind, rel: rel.to_string(), path: root.join(rel), text: text.into(), version });
    sources.files.sort_by(|a, b| a.rel.cmp(&b.rel));
}

/// The page as the form would make it, or, when the file's front matter
/// does not load (so there is no page), its body alone.
fn preview(root: &Path, unsaved: &Unsaved, base_url: Option<String>) -> Reply {
    let (files, diagnostics) = build_with(root, unsaved, base_url);
    let wanted = unsaved.output_path();
    let page = files.iter().find(|f| f.path == wanted).and_then(|f| crate::site::file_bytes(f).ok());
    let html = match page {
        Some(bytes) => without_scripts(&String::from_utf8_lossy(&bytes)),
        None => body_alone(unsaved, &diagnostics, &stylesheets(&files)),
    };
    let mut reply = Reply::ok(html.into_bytes(), "text/html; charset=utf-8");
    reply.headers.push(("Content-Security-Policy", PREVIEW_CSP.to_string()));
    reply.headers.push(("X-Frame-Options", "SAMEORIGIN".to_string()));
    reply.headers.push(("Referrer-Policy", "same-origin".to_string()));
    reply.headers.push(("Cache-Control", "no-store".to_string()));
    reply
}

/// The page without its `<script>` elements: none may run in the preview
/// (its policy and the frame's sandbox forbid them), and leaving them in
/// fills the console with refusals. The theme's are `<script src>` tags;
/// the Markdown's own raw HTML has lost any before it gets here.
fn without_scripts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        out.push_str(&rest[..start]);
        match rest[start..].find("</script>") {
            Some(end) => rest = &rest[start + end + "</script>".len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A guideline whose front matter has errors makes no page; its body is
/// still worth seeing while they are fixed. Links are shown as written.
fn body_alone(unsaved: &Unsaved, diagnostics: &[Diagnostic], stylesheets: &str) -> String {
    use crate::render::templates::escape_html as esc;
    let why = match diagnostics.iter().filter(|d| d.is_error()).count() {
        0 => "the site around it could not be built".to_string(),
        1 => "an error in the front matter (listed in the editor) stops the page around it being made".to_string(),
        n => format!("{n} errors in the front matter (listed in the editor) stop the page around it being made"),
    };
    let body = MarkdownFields::read(&unsaved.text).map(|f| f.body).unwrap_or_default();
    let line = unsaved.body_line().unwrap_or(1) as u64;
    let rendered = crate::markdown::render(&body, line, &crate::markdown::KeepLinks);
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Preview of {rel}</title>\
         {stylesheets}</head><body><main id=\"main\" class=\"wrap\">\
         <p class=\"signpost-preview-note\"><strong>Only the text is shown:</strong> {why}.</p>{html}</main></body></html>",
        rel = esc(&unsaved.target.rel),
        html = rendered.html,
    )
}

/// The home page's stylesheet links, so the text alone is drawn in the
/// theme's style wherever the theme keeps its files.
fn stylesheets(files: &[OutputFile]) -> String {
    let home = files.iter().find(|f| f.path == "index.html").and_then(|f| crate::site::file_bytes(f).ok());
    let Some(home) = home else { return String::new() };
    let home = String::from_utf8_lossy(&home);
    let head = home.split("</head>").next().unwrap_or_default();
    head.split('<')
        .filter(|tag| tag.starts_with("link rel=\"stylesheet\""))
        .filter_map(|tag| tag.split_once('>').map(|(inside, _)| format!("<{inside}>")))
        .collect()
}

/// The problems `check` finds in the file with the form's values, as JSON,
/// with the line the body starts on so the page can place body problems.
fn check(root: &Path, unsaved: &Unsaved) -> Reply {
    let (_, diagnostics) = build_with(root, unsaved, None);
    let list: Vec<serde_json::Value> =
        diagnostics.iter().filter_map(|d| serde_json::from_str(&d.json_line()).ok()).collect();
    let json = serde_json::json!({
        "file": unsaved.target.rel,
        "body_line": unsaved.body_line(),
        "errors": diagnostics.iter().filter(|d| d.is_error()).count(),
        "warnings": diagnostics.iter().filter(|d| !d.is_error()).count(),
        "diagnostics": list,
    });
    let mut reply = Reply::ok(json.to_string().into_bytes(), "application/json");
    reply.headers.push(("Cache-Control", "no-store".to_string()));
    reply
}

/// What the toolbar's pickers offer. Links use the `@/` form (a path from
/// `content/`, or a service id), which reads the same from any file.
fn link_targets(root: &Path, sources: &Sources) -> serde_json::Value {
    let options = BuildOptions::reading(root);
    let mut cache = crate::site::BuildCache::with_sources(sources.clone());
    let content = crate::site::inventory(&options, &mut cache).content;
    let mut guidelines: Vec<serde_json::Value> = content
        .guidelines
        .iter()
        .map(|g| {
            let toc = crate::markdown::render(&g.body.text, g.body.first_line, &crate::markdown::KeepLinks).toc;
            let headings: Vec<_> =
                toc.iter().map(|h| serde_json::json!({"id": h.id, "title": h.title, "level": h.level})).collect();
            serde_json::json!({"file": g.source, "link": format!("@/{}", source_in_content(&g.source)),
                               "title": g.title, "headings": headings})
        })
        .collect();
    guidelines.sort_by(|a, b| a["title"].as_str().cmp(&b["title"].as_str()));
    let mut services: Vec<serde_json::Value> = content
        .services()
        .map(|s| {
            serde_json::json!({"id": s.id.value, "link": format!("@/services/{}", s.id.value),
                               "name": s.name, "areas": s.areas.join(", ")})
        })
        .collect();
    services.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    let images: Vec<String> = sources
        .statics
        .iter()
        .filter(|s| s.rel.starts_with("content/") || s.rel.starts_with("static/"))
        .filter(|s| is_image(&s.rel))
        .map(|s| format!("/{}", s.dest))
        .collect();
    serde_json::json!({"guidelines": guidelines, "services": services, "images": images})
}

fn source_in_content(rel: &str) -> &str {
    rel.strip_prefix("content/").unwrap_or(rel)
}

fn is_image(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"].iter().any(|ext| lower.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Kind;

    #[test]
    fn the_body_line_counts_the_front_matter() {
        let unsaved = Unsaved {
            target: Target { rel: "content/guidelines/a.md".into(), service: None },
            text: "---\ntitle: A\n---\n\nText\n".into(),
        };
        assert_eq!(unsaved.body_line(), Some(4));
        assert_eq!(unsaved.output_path(), "guidelines/a/index.html");
    }

    #[test]
    fn scripts_are_left_out_of_the_preview() {
        let page = "<head><script src=\"/a.js\" defer></script><link></head><p>x</p><script>y</script>";
        assert_eq!(without_scripts(page), "<head><link></head><p>x</p>");
        assert_eq!(without_scripts("<p>a</p><script>"), "<p>a</p>");
    }

    #[test]
    fn a_replaced_file_is_read_as_the_kind_its_path_says() {
        let mut sources = Sources::default();
        replace_file(&mut sources, Path::new("/site"), "content/guidelines/a.md", "x");
        assert_eq!(sources.files.len(), 1);
        assert_eq!(sources.files[0].kind, Kind::Guideline);
        assert_eq!(&*sources.files[0].text, "x");
    }
}
