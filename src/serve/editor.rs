//! Editing in the browser (`docs/editing.md`): the edit page of a
//! guideline, a plain page, a directory or one service, and the writing
//! endpoints behind it. Creating and removing are in `editor_new.rs`.
//!
//! A guideline's page is at `EDIT_PREFIX` + its file (`content/…/x.md`); a
//! service's at `EDIT_PREFIX` + `services/ID/`, which finds the directory
//! file that holds it, so the address stays the same when a service moves
//! between files.
//!
//! The preview is the only part of signpost that writes an author's files,
//! so every write passes the same gates, cheapest first: editing must be on
//! (`--no-edit`, and off on a network interface without `--edit-token`);
//! the request's `Origin` must be the preview's own, so a page from another
//! site open in the same browser cannot post here; the body must be a small
//! form; it must carry this run's token; and the path must be a file under
//! `content/` or `data/`, or `site.yaml` (`edit::writable_path`).

use super::editor_page::{self, Fields, Notice, PageData};
use super::http::Reply;
use crate::content::{guideline, service};
use crate::diagnostics::Diagnostic;
use crate::edit::{self, MarkdownEdit, MarkdownFields, ServiceFields};
use crate::source::{Kind, classify_content};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use tiny_http::{Method, Request};

/// The preview, the check as you type and the link targets of the body's
/// toolbar: a child module, so it passes the same private gates as a save.
#[path = "editor_preview.rs"]
pub(super) mod preview;

pub const EDIT_PREFIX: &str = "/__signpost/edit/";
/// Under [`EDIT_PREFIX`]: the edit page of one service, by id.
const SERVICE_PART: &str = "services/";
pub const SCRIPT_PATH: &str = "/__signpost/editor.js";
pub const STYLE_PATH: &str = "/__signpost/editor.css";
const EDITOR_JS: &str = include_str!("editor.js");
const EDITOR_CSS: &str = include_str!("editor.css");
/// A guideline is a few tens of kilobytes; form encoding can triple it.
pub const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;
/// Shortest `--edit-token` accepted: it is the only lock on a preview that
/// other machines can reach.
const MIN_TOKEN_CHARS: usize = 16;

/// Editing, when it is on for this run.
pub struct Editor {
    /// Every write must carry it; made at random for each run unless
    /// `--edit-token` gives one.
    token: String,
    /// Served on an interface other machines reach: the edit page itself
    /// wants the token too (`?token=`), since it hands the token on.
    network: bool,
    port: u16,
    /// The bytes each file had before its last save in this run, for undo.
    undo: Mutex<HashMap<String, Undo>>,
    /// Held from reading a file's version to writing it, so two saves at
    /// once cannot both pass the version check.
    writing: Mutex<()>,
}

struct Undo {
    previous: Vec<u8>,
    /// The version the save wrote: undo refuses if the file moved on since.
    written: String,
}

impl Editor {
    /// Editing for a preview on `interface`, or `None` when it is off.
    /// `Err` for an `--edit-token` too weak to rely on.
    pub fn for_run(
        interface: &str,
        port: u16,
        no_edit: bool,
        given_token: Option<String>,
    ) -> Result<Option<Editor>, String> {
        if let Some(token) = &given_token
            && (token.chars().count() < MIN_TOKEN_CHARS
                || !token.chars().all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c)))
        {
            return Err(format!(
                "--edit-token: found a token of {} characters, expected at least {MIN_TOKEN_CHARS} letters, digits, -, _, . or ~",
                token.chars().count()
            ));
        }
        let network = !super::is_loopback(interface);
        if no_edit || (network && given_token.is_none()) {
            return Ok(None);
        }
        let token = given_token.unwrap_or_else(random_token);
        Ok(Some(Editor { token, network, port, undo: Mutex::new(HashMap::new()), writing: Mutex::new(()) }))
    }

    pub(super) fn token(&self) -> &str {
        &self.token
    }

    /// Keeps `previous` so "Undo last save" can put it back, as after a save
    /// of the form (adding, duplicating or removing a service is one).
    pub(super) fn remember_save(&self, rel: &str, previous: &str, written: &str) {
        let undo = Undo { previous: previous.as_bytes().to_vec(), written: edit::version_of(written.as_bytes()) };
        self.undo.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), undo);
    }

    /// The edit page of a guideline (`guidelines/copd/`) or a service
    /// (`services/rehab-town/`) the preview shows at `site_path`, if there
    /// is one.
    pub fn link_for(&self, root: &Path, site_path: &str) -> Option<String> {
        let key = site_path.strip_suffix("index.html").unwrap_or(site_path).strip_suffix('/')?;
        if let Some(id) = key.strip_prefix(crate::urls::SERVICES)
            && crate::urls::is_valid_id(id)
        {
            return file_of_service(root, id).map(|_| service_edit_url(id));
        }
        if let Some(slug) = key.strip_prefix(crate::urls::DIRECTORIES)
            && let Some(rel) = super::editor_new::directory_of_slug(root, slug)
        {
            return Some(edit_url(&rel));
        }
        let rel = format!("content/{key}.md");
        (has_form(&rel) && root.join(&rel).is_file()).then(|| edit_url(&rel))
    }

    /// Answers a request under `/__signpost/` that belongs to the editor.
    pub fn respond(&self, request: &mut Request, root: &Path, path: &str, query: Option<&str>) -> Reply {
        if let Some(reply) = self.respond_about_unsaved(request, root, path) {
            return reply;
        }
        match (request.method(), path) {
            (Method::Get | Method::Head, SCRIPT_PATH) => {
                Reply::ok(EDITOR_JS.as_bytes().to_vec(), "text/javascript; charset=utf-8")
            }
            (Method::Get | Method::Head, STYLE_PATH) => {
                Reply::ok(EDITOR_CSS.as_bytes().to_vec(), "text/css; charset=utf-8")
            }
            (Method::Get | Method::Head, _) => self.show(request, root, path, query),
            (Method::Post, _) => self.write(request, root, path),
            _ => {
                let mut reply = Reply::status(405, "Only GET, HEAD and POST");
                reply.headers.push(("Allow", "GET, HEAD, POST".to_string()));
                reply
            }
        }
    }

    fn show(&self, request: &Request, root: &Path, path: &str, query: Option<&str>) -> Reply {
        if let Err(refusal) = self.check_host(request) {
            return refusal;
        }
        if self.network {
            let given = query.map(parse_form).and_then(|mut q| q.remove("token"));
            if !given.is_some_and(|t| same_secret(&t, &self.token)) {
                return Reply::status(
                    403,
                    "Forbidden: this preview is visible to the network, so the edit page needs ?token= with the --edit-token it was started with",
                );
            }
        }
        if let Some(reply) = super::editor_new::show(self, root, path) {
            return reply;
        }
        let Some(target) = target_of(root, path) else { return Reply::status(404, "Not found") };
        match self.editable_file(root, &target) {
            Ok((_, text)) => self.page(root, &target, &text, Notice::None, None),
            Err(reply) => reply,
        }
    }

    /// The checks every write passes, in order, then the action it asks for.
    fn write(&self, request: &mut Request, root: &Path, path: &str) -> Reply {
        if let Err(refusal) = self.check_origin(request) {
            return refusal;
        }
        let form = match read_form(request) {
            Ok(form) => form,
            Err(reply) => return reply,
        };
        if !form.get("token").is_some_and(|t| same_secret(t, &self.token)) {
            return Reply::status(403, "Forbidden: the edit token is missing or wrong; open the edit page again");
        }
        let _one_write_at_a_time = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(reply) = super::editor_new::write(self, root, path, &form) {
            return reply;
        }
        let Some(target) = target_of(root, path) else {
            if path.starts_with(&format!("{EDIT_PREFIX}{SERVICE_PART}")) {
                return Reply::status(404, "Not found: no directory file holds a service with that id (any more)");
            }
            return Reply::status(403, "Forbidden: that path may not be written");
        };
        let (file, text) = match self.editable_file(root, &target) {
            Ok(found) => found,
            Err(reply) => return reply,
        };
        match form.get("action").map(String::as_str) {
            Some("save") => self.save(root, &target, &file, &text, &form),
            Some("undo") => self.undo(root, &target, &file, &text),
            _ => Reply::status(400, "Bad request: the form names no action (save or undo)"),
        }
    }

    /// The file `target` names, if it may be written and has a form.
    fn editable_file(&self, root: &Path, target: &Target) -> Result<(std::path::PathBuf, String), Reply> {
        let rel = target.rel.as_str();
        let file =
            edit::writable_path(root, rel).map_err(|why| Reply::status(403, &format!("Forbidden: {rel}: {why}")))?;
        if target.service.is_none() && !has_form(rel) {
            return Err(Reply::status(
                422,
                &format!(
                    "{rel}: only guidelines (content/guidelines/…/*.md), plain pages (content/…/*.md), directories (content/…/*.yaml) and services ({EDIT_PREFIX}{SERVICE_PART}ID/) can be edited in the browser so far"
                ),
            ));
        }
        let bytes = std::fs::read(&file).map_err(|e| Reply::status(500, &format!("cannot read {rel}: {e}")))?;
        let text =
            String::from_utf8(bytes).map_err(|_| Reply::status(422, &format!("{rel}: the file is not UTF-8 text")))?;
        Ok((file, text))
    }

    fn save(&self, root: &Path, target: &Target, file: &Path, current: &str, form: &HashMap<String, String>) -> Reply {
        let result = edited_text(target, current, form);
        let seen = form.get("file_version").map(String::as_str).unwrap_or_default();
        if seen != edit::version_of(current.as_bytes()) {
            let yours = result.as_ref().map_or_else(|e| format!("(your changes cannot be placed: {e})"), Clone::clone);
            return self.page(root, target, current, Notice::Conflict { yours, form }, Some(409));
        }
        let new_text = match result {
            Ok(text) => text,
            Err(e) => return self.page(root, target, current, Notice::NotSaved(e.to_string()), Some(422)),
        };
        if new_text == current {
            return self.page(root, target, current, Notice::NothingChanged, None);
        }
        if let Err(e) = edit::write_atomically(file, new_text.as_bytes()) {
            return self.page(root, target, current, Notice::NotSaved(e.to_string()), Some(500));
        }
        let undo = Undo { previous: current.as_bytes().to_vec(), written: edit::version_of(new_text.as_bytes()) };
        self.undo.lock().unwrap_or_else(|e| e.into_inner()).insert(target.rel.clone(), undo);
        self.page(root, target, &new_text, Notice::Saved, None)
    }

    fn undo(&self, root: &Path, target: &Target, file: &Path, current: &str) -> Reply {
        let mut saves = self.undo.lock().unwrap_or_else(|e| e.into_inner());
        let Some(last) = saves.get(&target.rel) else {
            drop(saves);
            let why = "there is no save of this file to undo in this run of the preview".to_string();
            return self.page(root, target, current, Notice::NotUndone(why), Some(409));
        };
        if last.written != edit::version_of(current.as_bytes()) {
            drop(saves);
            let why = "the file changed on disk after your last save, so undoing it would lose that change".to_string();
            return self.page(root, target, current, Notice::NotUndone(why), Some(409));
        }
        let previous = last.previous.clone();
        if let Err(e) = edit::write_atomically(file, &previous) {
            drop(saves);
            return self.page(root, target, current, Notice::NotUndone(e.to_string()), Some(500));
        }
        saves.remove(&target.rel);
        drop(saves);
        self.page(root, target, &String::from_utf8_lossy(&previous), Notice::Undone, None)
    }

    /// The edit page for `text` (the file as it is now), with what happened.
    fn page(&self, root: &Path, target: &Target, text: &str, notice: Notice, status: Option<u16>) -> Reply {
        let rel = target.rel.as_str();
        let can_undo = self.undo.lock().unwrap_or_else(|e| e.into_inner()).contains_key(rel);
        let diagnostics = check_file(root, rel);
        let (action, page_url, fields) = match &target.service {
            None if classify_content(rel) == Kind::Directory => (
                edit_url(rel),
                format!("/{}", crate::urls::directory(&service::slug_of(rel))),
                edit::directory::DirectoryFields::read(text).map(Fields::Directory),
            ),
            None if classify_content(rel) == Kind::Page => (
                edit_url(rel),
                format!("/{}/", crate::content::key_of(rel)),
                MarkdownFields::read(text).map(Fields::Page),
            ),
            None => (
                edit_url(rel),
                format!("/{}/", crate::content::key_of(rel)),
                MarkdownFields::read(text).map(Fields::Guideline),
            ),
            Some(id) => (
                service_edit_url(id),
                format!("/{}", crate::urls::service(id)),
                ServiceFields::read(text, id).map(Fields::Service),
            ),
        };
        let submitted = match &notice {
            Notice::Conflict { form, .. } => Some(*form),
            _ => None,
        };
        let choices = super::editor_lists::SiteChoices::of_site(root);
        let lists = super::editor_lists::section(text, target.service.as_deref(), &choices, submitted);
        let data = PageData {
            lists: &lists,
            rel,
            service: target.service.as_deref(),
            today: &crate::date::Date::today().to_string(),
            text,
            action: &action,
            token: &self.token,
            version: &edit::version_of(text.as_bytes()),
            fields,
            notice,
            diagnostics: &diagnostics,
            can_undo,
            page_url: &page_url,
        };
        let mut reply = Reply::ok(editor_page::html(&data).into_bytes(), "text/html; charset=utf-8");
        reply.status = status.unwrap_or(200);
        reply.headers.push(("Content-Security-Policy", EDITOR_CSP.to_string()));
        reply.headers.push(("X-Frame-Options", "DENY".to_string()));
        // `same-origin`, not `no-referrer`: the page's address (with
        // `?token=` on a network preview) never goes to another site, and
        // the browser still names the preview in `Origin` when the form
        // posts (under `no-referrer` it sends `Origin: null`, refused).
        reply.headers.push(("Referrer-Policy", "same-origin".to_string()));
        reply
    }

    /// The edit page hands the token to whoever can read it. Loopback
    /// previews check `Host`, so a site whose name is made to point at
    /// 127.0.0.1 (DNS rebinding) cannot read the page as its own.
    fn check_host(&self, request: &Request) -> Result<(), Reply> {
        if self.network {
            return Ok(());
        }
        let host = header(request, "Host").unwrap_or_default();
        let name = host.strip_suffix(&format!(":{}", self.port)).unwrap_or(&host);
        if matches!(name, "127.0.0.1" | "localhost" | "[::1]") {
            Ok(())
        } else {
            Err(Reply::status(403, "Forbidden: the editor answers only at the preview's own address"))
        }
    }

    /// A browser names the page a form was sent from in `Origin`; only the
    /// preview's own pages may write. No `Origin` is refused too.
    fn check_origin(&self, request: &Request) -> Result<(), Reply> {
        let origin = header(request, "Origin").unwrap_or_default();
        let own = if self.network {
            header(request, "Host").is_some_and(|host| origin == format!("http://{host}"))
        } else {
            ["127.0.0.1", "localhost", "[::1]"].iter().any(|host| origin == format!("http://{host}:{}", self.port))
        };
        if own {
            Ok(())
        } else {
            Err(Reply::status(403, "Forbidden: writes are accepted only from the preview's own pages (Origin)"))
        }
    }
}

/// Strict for the editor page: its script and style are files of its own.
/// `frame-src 'self'` lets the body's preview pane show the preview's own
/// answer (`editor_preview.rs`), which forbids every script itself;
/// `connect-src 'self'` lets the script ask that module for the problems
/// in unsaved text and for the toolbar's link targets.
pub(super) const EDITOR_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                          form-action 'self'; frame-ancestors 'none'; base-uri 'none'; frame-src 'self'; connect-src 'self'";

/// The address of the edit page of `rel`.
pub fn edit_url(rel: &str) -> String {
    format!("{EDIT_PREFIX}{}", super::http::percent_encode(rel))
}

/// The address of the edit page of the service `id`.
pub fn service_edit_url(id: &str) -> String {
    format!("{EDIT_PREFIX}{SERVICE_PART}{id}/")
}

/// Whether the file `rel` has an edit page of its own: a guideline, or a
/// plain page or directory under `content/` (the home page's front matter
/// is optional, so it has none).
fn has_form(rel: &str) -> bool {
    rel.starts_with("content/") && matches!(classify_content(rel), Kind::Guideline | Kind::Page | Kind::Directory)
}

/// The front matter fields a Markdown file's form offers.
fn markdown_fields(rel: &str) -> &'static [guideline::OneValueField] {
    if classify_content(rel) == Kind::Page {
        &crate::content::page::ONE_VALUE_FIELDS
    } else {
        &guideline::ONE_VALUE_FIELDS
    }
}

/// What an edit page changes: a file, or one service in a directory file.
struct Target {
    /// The site-relative file, not yet checked (`edit::writable_path` does).
    rel: String,
    service: Option<String>,
}

/// What an editor path names: `services/ID/` is the service with that id,
/// in whichever directory file holds it; anything else is a file, decoded.
fn target_of(root: &Path, path: &str) -> Option<Target> {
    let encoded = path.strip_prefix(EDIT_PREFIX)?;
    if let Some(id) = encoded.strip_prefix(SERVICE_PART).and_then(|rest| rest.strip_suffix('/')) {
        let id = crate::urls::is_valid_id(id).then_some(id)?;
        return Some(Target { rel: file_of_service(root, id)?, service: Some(id.to_string()) });
    }
    Some(Target { rel: super::http::percent_decode(encoded)?, service: None })
}

/// The directory file (`content/…/x.yaml`) that holds the service `id`.
pub(super) fn file_of_service(root: &Path, id: &str) -> Option<String> {
    crate::source::walk(root, "content").into_iter().find_map(|(path, rel)| {
        if classify_content(&rel) != Kind::Directory {
            return None;
        }
        let text = std::fs::read_to_string(path).ok()?;
        ServiceFields::read(&text, id).is_ok().then_some(rel)
    })
}

/// The form's values of `fields`, by key. A browser sends a text area's
/// line breaks as `\r\n`; a value holds `\n`, as YAML reads it.
fn from_form(fields: &[guideline::OneValueField], form: &HashMap<String, String>) -> Vec<(&'static str, String)> {
    fields.iter().filter_map(|f| form.get(f.key).map(|v| (f.key, v.replace("\r\n", "\n")))).collect()
}

/// `current` with the form's values in place: what a save would write, and
/// what the preview and the check as you type read (`editor_preview.rs`).
fn edited_text(target: &Target, current: &str, form: &HashMap<String, String>) -> Result<String, edit::EditError> {
    let kind = classify_content(&target.rel);
    let one_values = match &target.service {
        None if kind == Kind::Directory => {
            let values = from_form(&service::DIRECTORY_FIELDS, form);
            edit::edit_directory(current, &values.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
        }
        None => {
            let values = from_form(markdown_fields(&target.rel), form);
            let fields = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            edit::edit_markdown(current, &MarkdownEdit { fields, body: form.get("body").map(String::as_str) })
        }
        Some(id) => {
            let mut values = from_form(&service::ONE_VALUE_FIELDS, form);
            if form.contains_key("checked_today") {
                values.retain(|(key, _)| *key != service::LAST_VERIFIED.key);
                values.push((service::LAST_VERIFIED.key, crate::date::Date::today().to_string()));
            }
            let fields: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            edit::edit_service(current, id, &fields)
        }
    };
    // Lists and mappings are on the guideline and service forms only.
    if target.service.is_none() && kind != Kind::Guideline {
        return one_values;
    }
    one_values.and_then(|text| super::editor_lists::save(&text, target.service.as_deref(), form))
}

fn header(request: &Request, name: &'static str) -> Option<String> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_string())
}

/// The form in the request body, if it is one and small enough.
fn read_form(request: &mut Request) -> Result<HashMap<String, String>, Reply> {
    let too_large = || Reply::status(413, &format!("Payload too large: a form may be at most {MAX_FORM_BYTES} bytes"));
    if request.body_length().is_some_and(|n| n > MAX_FORM_BYTES) {
        return Err(too_large());
    }
    let kind = header(request, "Content-Type").unwrap_or_default();
    if !kind.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded") {
        return Err(Reply::status(
            415,
            "Unsupported media type: send the edit form (application/x-www-form-urlencoded)",
        ));
    }
    let mut body = Vec::new();
    let read = request.as_reader().take(MAX_FORM_BYTES as u64 + 1).read_to_end(&mut body);
    if read.is_err() {
        return Err(Reply::status(400, "Bad request: the form could not be read"));
    }
    if body.len() > MAX_FORM_BYTES {
        return Err(too_large());
    }
    let text = String::from_utf8(body).map_err(|_| Reply::status(400, "Bad request: the form is not UTF-8"))?;
    Ok(parse_form(&text))
}

/// `a=1&b=x+y` as a map; a name given twice keeps its first value.
fn parse_form(text: &str) -> HashMap<String, String> {
    let mut form = HashMap::new();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |s: &str| super::http::percent_decode(&s.replace('+', " "));
        if let (Some(name), Some(value)) = (decode(name), decode(value)) {
            form.entry(name).or_insert(value);
        }
    }
    form
}

/// Compares without stopping at the first difference, so the time a
/// refusal takes says nothing about how much of a guess was right.
fn same_secret(given: &str, token: &str) -> bool {
    given.len() == token.len() && given.bytes().zip(token.bytes()).fold(0, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// 128 random bits as hex. std's `RandomState` is seeded from the
/// operating system's random source, so its keyed hashes are
/// unpredictable; no extra dependency is needed for one token per run.
fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let state = std::collections::hash_map::RandomState::new();
    let part = |n: u64| {
        let mut hasher = state.build_hasher();
        hasher.write_u64(n);
        hasher.write_u128(
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos(),
        );
        hasher.finish()
    };
    format!("{:016x}{:016x}", part(1), part(2))
}

/// The file's problems as `check` finds them, drafts included, so the
/// author sees them after a save.
pub(super) fn check_file(root: &Path, rel: &str) -> Vec<Diagnostic> {
    let options = crate::config::BuildOptions::reading(root);
    let all = match crate::site::build_in_memory(&options, &|_, _| {}) {
        Ok(built) => built.diagnostics,
        Err(diagnostics) => diagnostics,
    };
    all.sorted().into_iter().filter(|d| d.file.as_deref() == Some(rel)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_plus_and_percent() {
        let form = parse_form("title=COPD%3A+care&body=a%0D%0Ab&x=&title=second");
        assert_eq!(form["title"], "COPD: care");
        assert_eq!(form["body"], "a\r\nb");
        assert_eq!(form["x"], "");
    }

    #[test]
    fn tokens_are_random_and_long() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
        assert!(!same_secret(&a, &a[..31]));
    }

    #[test]
    fn editing_is_off_on_the_network_without_a_token() {
        let on = |interface, no_edit, token: Option<&str>| {
            Editor::for_run(interface, 1111, no_edit, token.map(String::from)).map(|e| e.is_some())
        };
        assert_eq!(on("127.0.0.1", false, None), Ok(true));
        assert_eq!(on("::1", false, None), Ok(true));
        assert_eq!(on("127.0.0.1", true, None), Ok(false));
        assert_eq!(on("0.0.0.0", false, None), Ok(false));
        assert_eq!(on("0.0.0.0", false, Some("correct-horse-battery")), Ok(true));
        assert_eq!(on("0.0.0.0", true, Some("correct-horse-battery")), Ok(false));
        assert!(on("0.0.0.0", false, Some("short")).unwrap_err().contains("at least 16"));
        assert!(on("0.0.0.0", false, Some("has spaces in it ok")).is_err());
    }

    #[test]
    fn only_guideline_pages_get_an_edit_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/guidelines")).unwrap();
        std::fs::write(dir.path().join("content/guidelines/copd.md"), "x").unwrap();
        std::fs::write(dir.path().join("content/about.md"), "x").unwrap();
        let editor = Editor::for_run("127.0.0.1", 1, false, None).unwrap().unwrap();
        assert_eq!(
            editor.link_for(dir.path(), "guidelines/copd/").as_deref(),
            Some("/__signpost/edit/content/guidelines/copd.md")
        );
        assert_eq!(
            editor.link_for(dir.path(), "guidelines/copd/index.html").as_deref(),
            Some("/__signpost/edit/content/guidelines/copd.md")
        );
        assert_eq!(editor.link_for(dir.path(), "about/").as_deref(), Some("/__signpost/edit/content/about.md"));
        for other in ["guidelines/", "guidelines/page/2/", "", "guidelines/missing/", "guidelines/copd/x.png"] {
            assert_eq!(editor.link_for(dir.path(), other), None, "{other}");
        }
    }
}
