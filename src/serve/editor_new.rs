//! Creating and removing things in the preview's editor (`docs/editing.md`):
//! a new guideline, a new directory, and adding, duplicating or removing a
//! service. Their pages live under the editor's prefix:
//!
//! | address under `/__signpost/edit/` | what it does |
//! | --- | --- |
//! | `new/guideline/` | a new draft guideline |
//! | `new/directory/` | a new directory file with its first service |
//! | `add-service/content/…/x.yaml` | a service added to that directory |
//! | `services/ID/duplicate/` | a copy of the service, with a new id |
//! | `services/ID/remove/` | the service removed, after a confirmation |
//!
//! `editor.rs` hands these paths here after its own gates (host, token,
//! Origin, body size), so every write here has passed them too. Each
//! change to an existing file is `edit::items` (text-level, parsed again);
//! each new file is `edit::create` (never replaces a file).

use super::editor::{self, Editor};
use super::editor_new_page::{self as page, Outcome, ServiceForm};
use super::http::Reply;
use crate::edit::{self, create, items};
use crate::source::{Kind, classify_content};
use std::collections::HashMap;
use std::path::Path;

const NEW_GUIDELINE: &str = "new/guideline/";
const NEW_DIRECTORY: &str = "new/directory/";
const ADD_SERVICE: &str = "add-service/";
const SERVICES: &str = "services/";
const DUPLICATE: &str = "/duplicate/";
const REMOVE: &str = "/remove/";

/// What a path under the editor's prefix asks for, when it is one of ours.
enum Route {
    NewGuideline,
    NewDirectory,
    /// The directory file, checked: it may be written and is a directory.
    AddService(String),
    /// The service's id and the directory file that holds it.
    Duplicate(String, String),
    Remove(String, String),
}

/// `None` for paths that are not ours; `Some(Err)` for ours that name
/// nothing (an unknown id, a file that is not a directory).
fn route(root: &Path, path: &str) -> Option<Result<Route, Reply>> {
    let rest = path.strip_prefix(editor::EDIT_PREFIX)?;
    match rest {
        NEW_GUIDELINE => return Some(Ok(Route::NewGuideline)),
        NEW_DIRECTORY => return Some(Ok(Route::NewDirectory)),
        _ => {}
    }
    if let Some(encoded) = rest.strip_prefix(ADD_SERVICE) {
        return Some(directory_file(root, encoded).map(Route::AddService));
    }
    let in_service = rest.strip_prefix(SERVICES)?;
    let (id, make): (&str, fn(String, String) -> Route) = if let Some(id) = in_service.strip_suffix(DUPLICATE) {
        (id, Route::Duplicate)
    } else {
        (in_service.strip_suffix(REMOVE)?, Route::Remove)
    };
    let found = crate::urls::is_valid_id(id).then(|| editor::file_of_service(root, id)).flatten();
    Some(match found {
        Some(rel) => Ok(make(id.to_string(), rel)),
        None => Err(Reply::status(404, "Not found: no directory file holds a service with that id")),
    })
}

/// The directory file an `add-service/` path names, if it may be written.
fn directory_file(root: &Path, encoded: &str) -> Result<String, Reply> {
    let rel = super::http::percent_decode(encoded).ok_or_else(|| Reply::status(400, "Bad request: bad encoding"))?;
    edit::writable_path(root, &rel).map_err(|why| Reply::status(403, &format!("Forbidden: {rel}: {why}")))?;
    if !rel.starts_with("content/") || classify_content(&rel) != Kind::Directory {
        return Err(Reply::status(
            422,
            &format!("{rel}: services can only be added to a directory file (content/…/*.yaml)"),
        ));
    }
    Ok(rel)
}

/// The page for a GET of one of our paths.
pub(super) fn show(editor: &Editor, root: &Path, path: &str) -> Option<Reply> {
    let route = match route(root, path)? {
        Ok(route) => route,
        Err(reply) => return Some(reply),
    };
    let outcome = if matches!(route, Route::Remove(..)) { Outcome::Confirm } else { Outcome::Ask };
    Some(page_reply(editor, root, &route, path, &HashMap::new(), outcome, 200))
}

/// Does what a POST to one of our paths asks, once `editor.rs` has let it through.
pub(super) fn write(editor: &Editor, root: &Path, path: &str, form: &HashMap<String, String>) -> Option<Reply> {
    let route = match route(root, path)? {
        Ok(route) => route,
        Err(reply) => return Some(reply),
    };
    // A browser sends a text area's line breaks as `\r\n`; YAML reads `\n`.
    let form: &HashMap<String, String> = &form.iter().map(|(k, v)| (k.clone(), v.replace("\r\n", "\n"))).collect();
    // The author is writing details they have just got: last verified is today.
    let today = crate::date::Date::today().to_string();
    let result = match &route {
        Route::NewGuideline => new_guideline(root, form),
        Route::NewDirectory => new_directory(root, form, &today),
        Route::AddService(rel) => change_directory(editor, root, rel, form, |text| {
            let service = new_service(form, &today);
            items::add_service(text, &service).map(|t| (t, Outcome::Added(service.id.to_string())))
        }),
        Route::Duplicate(id, rel) => change_directory(editor, root, rel, form, |text| {
            let new_id = field(form, "new_id");
            items::duplicate_service(text, id, new_id).map(|t| (t, Outcome::Duplicated(new_id.to_string())))
        }),
        Route::Remove(_, _) if field(form, "confirm") != "yes" => Err((200, Outcome::Confirm)),
        Route::Remove(id, rel) => change_directory(editor, root, rel, form, |text| {
            let name = page::service_name(text, id);
            items::remove_service(text, id).map(|t| (t, Outcome::Removed(name)))
        }),
    };
    let (status, outcome) = result.unwrap_or_else(|refused| refused);
    Some(page_reply(editor, root, &route, path, form, outcome, status))
}

type Done = Result<(u16, Outcome), (u16, Outcome)>;

fn new_guideline(root: &Path, form: &HashMap<String, String>) -> Done {
    let rel = create::guideline_rel(field(form, "path")).map_err(refused)?;
    refuse_existing(root, &rel)?;
    let text = create::guideline_text(field(form, "title"), field(form, "author")).map_err(refused)?;
    create::create_file(root, &rel, text.as_bytes()).map_err(refused)?;
    Ok((200, Outcome::Created(rel)))
}

fn new_directory(root: &Path, form: &HashMap<String, String>, today: &str) -> Done {
    let rel = create::directory_rel(field(form, "path")).map_err(refused)?;
    refuse_existing(root, &rel)?;
    let slug = crate::content::service::slug_of(&rel);
    if let Some(other) = directory_of_slug(root, &slug) {
        let why =
            format!("{other} already has the address /{}; choose another file name", crate::urls::directory(&slug));
        return Err((409, Outcome::Refused(why)));
    }
    let service = new_service(form, today);
    if editor::file_of_service(root, service.id).is_some() {
        return Err(refused(create::CreateError::Item(items::ItemError::IdTaken(service.id.to_string()))));
    }
    let text = create::directory_text(field(form, "title"), &service).map_err(refused)?;
    create::create_file(root, &rel, text.as_bytes()).map_err(refused)?;
    Ok((200, Outcome::Created(rel)))
}

/// Says a file is there before anything else is said about the form
/// (`create_file` refuses it anyway).
fn refuse_existing(root: &Path, rel: &str) -> Result<(), (u16, Outcome)> {
    match std::fs::symlink_metadata(root.join(rel)) {
        Ok(_) => Err(refused(create::CreateError::Exists(rel.to_string()))),
        Err(_) => Ok(()),
    }
}

/// Applies `change` to the directory file `rel`, as the form saw it: a
/// file that changed on disk since is refused (409), and the old bytes are
/// kept for "Undo last save".
fn change_directory(
    editor: &Editor,
    root: &Path,
    rel: &str,
    form: &HashMap<String, String>,
    change: impl FnOnce(&str) -> Result<(String, Outcome), items::ItemError>,
) -> Done {
    let file = edit::writable_path(root, rel).map_err(|why| (403, Outcome::Refused(why.to_string())))?;
    let text =
        std::fs::read_to_string(&file).map_err(|e| (500, Outcome::Refused(format!("cannot read {rel}: {e}"))))?;
    if field(form, "file_version") != edit::version_of(text.as_bytes()) {
        let why = format!(
            "{rel} changed on disk after this page was opened; nothing was written. Open the page again to see it as it is now"
        );
        return Err((409, Outcome::Refused(why)));
    }
    // A new id must be free across the whole site, not only in this file.
    if let Some(taken) = ["id", "new_id"]
        .iter()
        .map(|k| field(form, k))
        .find(|id| crate::urls::is_valid_id(id) && editor::file_of_service(root, id).is_some_and(|other| other != rel))
    {
        return Err(refused(create::CreateError::Item(items::ItemError::IdTaken(taken.to_string()))));
    }
    let (new_text, outcome) = change(&text).map_err(|e| (422, Outcome::Refused(e.to_string())))?;
    edit::write_atomically(&file, new_text.as_bytes()).map_err(|e| (500, Outcome::Refused(e.to_string())))?;
    editor.remember_save(rel, &text, &new_text);
    Ok((200, outcome))
}

fn refused(e: create::CreateError) -> (u16, Outcome) {
    let status = match e {
        create::CreateError::Exists(_) => 409,
        create::CreateError::BadName(_) | create::CreateError::LeavesTheSite => 403,
        create::CreateError::Io(_) => 500,
        create::CreateError::Missing(_) | create::CreateError::Item(_) => 422,
    };
    (status, Outcome::Refused(e.to_string()))
}

fn field<'a>(form: &'a HashMap<String, String>, key: &str) -> &'a str {
    form.get(key).map_or("", |v| v.trim())
}

/// A new service from the form's fields.
fn new_service<'a>(form: &'a HashMap<String, String>, today: &'a str) -> items::NewService<'a> {
    items::NewService {
        id: field(form, "id"),
        name: field(form, "name"),
        organisation: field(form, "organisation"),
        description: field(form, "description"),
        category: field(form, "category"),
        last_verified: today,
    }
}

fn page_reply(
    editor: &Editor,
    root: &Path,
    route: &Route,
    path: &str,
    form: &HashMap<String, String>,
    outcome: Outcome,
    status: u16,
) -> Reply {
    let context = page::Context { action: path, token: editor.token(), form, outcome };
    let html = match route {
        Route::NewGuideline => page::new_guideline(&context),
        Route::NewDirectory => page::new_directory(&context, &categories(root)),
        Route::AddService(rel) => {
            let text = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
            page::add_service(&context, &ServiceForm { rel, text: &text, id: None }, &categories(root))
        }
        Route::Duplicate(id, rel) | Route::Remove(id, rel) => {
            let text = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
            let target = ServiceForm { rel, text: &text, id: Some(id) };
            if matches!(route, Route::Duplicate(..)) {
                page::duplicate(&context, &target)
            } else {
                page::remove(&context, &target)
            }
        }
    };
    let mut reply = Reply::ok(html.into_bytes(), "text/html; charset=utf-8");
    reply.status = status;
    reply.headers.push(("Content-Security-Policy", editor::EDITOR_CSP.to_string()));
    reply.headers.push(("X-Frame-Options", "DENY".to_string()));
    reply.headers.push(("Referrer-Policy", "same-origin".to_string()));
    reply
}

/// The category ids the site names in `site.yaml`, with their labels.
fn categories(root: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_default();
    crate::config::parse(&text, None).map(|c| c.categories.into_iter().collect()).unwrap_or_default()
}

/// The links a page of the preview gets besides "Edit this page": "New
/// guideline" on the list of guidelines; "Add a service" and "New
/// directory" on a directory; "Duplicate" and "Remove" on a service.
pub(super) fn links_for(root: &Path, site_path: &str) -> Vec<(String, &'static str)> {
    let key = site_path.strip_suffix("index.html").unwrap_or(site_path);
    let prefix = editor::EDIT_PREFIX;
    if key == "guidelines/" {
        return vec![(format!("{prefix}{NEW_GUIDELINE}"), "New guideline")];
    }
    if let Some(slug) = key.strip_prefix(crate::urls::DIRECTORIES).and_then(|s| s.strip_suffix('/'))
        && let Some(rel) = directory_of_slug(root, slug)
    {
        return vec![
            (format!("{prefix}{ADD_SERVICE}{}", super::http::percent_encode(&rel)), "Add a service"),
            (format!("{prefix}{NEW_DIRECTORY}"), "New directory"),
        ];
    }
    if let Some(id) = key.strip_prefix(crate::urls::SERVICES).and_then(|s| s.strip_suffix('/'))
        && crate::urls::is_valid_id(id)
        && editor::file_of_service(root, id).is_some()
    {
        return vec![
            (format!("{prefix}{SERVICES}{id}{DUPLICATE}"), "Duplicate this service"),
            (format!("{prefix}{SERVICES}{id}{REMOVE}"), "Remove this service"),
        ];
    }
    Vec::new()
}

/// The directory file whose page is `directories/SLUG/`.
pub(super) fn directory_of_slug(root: &Path, slug: &str) -> Option<String> {
    crate::source::walk(root, "content")
        .into_iter()
        .map(|(_, rel)| rel)
        .find(|rel| classify_content(rel) == Kind::Directory && crate::content::service::slug_of(rel) == slug)
}

/// Puts `links` in one paragraph just inside `<main …>`, as "Edit this page" is.
pub(super) fn insert_links(html: &[u8], links: &[(String, &'static str)]) -> Vec<u8> {
    let anchors: Vec<String> = links
        .iter()
        .map(|(url, text)| format!("<a href=\"{}\">{text}</a>", crate::render::templates::escape_html(url)))
        .collect();
    let paragraph = format!("<p class=\"signpost-edit-link\">{}</p>", anchors.join(" · "));
    let at = super::http::find_first(html, b"<main")
        .and_then(|start| html[start..].iter().position(|b| *b == b'>').map(|end| start + end + 1))
        .unwrap_or(html.len());
    [&html[..at], paragraph.as_bytes(), &html[at..]].concat()
}
