//! Answering requests from the in-memory site: a path guard, content types,
//! redirects, the 404 page, the injected live-reload script, and the
//! server-sent events stream that tells pages to reload. Paths under
//! `/__signpost/edit/` (and the editor's script and style) go to
//! `editor.rs`, which also says which pages get "Edit this page".

use super::{Shared, SiteState, editor};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tiny_http::{Method, Request, Server};

const LIVE_JS: &str = include_str!("live.js");
const EVENTS_PATH: &str = "/__signpost/events";
const SCRIPT_PATH: &str = "/__signpost/live.js";
/// The governance report (`signpost report --format html`), only here:
/// never in `build` output.
pub const REPORT_PATH: &str = "/__signpost/report/";
/// More requests than this at once are turned away rather than each
/// getting a thread; a preview has one author and a few tabs.
const MAX_IN_FLIGHT: usize = 512;

/// Accepts requests until the process ends; each is answered on its own
/// thread, so a slow client or an open event stream never blocks another.
pub fn serve_forever(server: Server, shared: Arc<Shared>) {
    let in_flight = Arc::new(AtomicUsize::new(0));
    for request in server.incoming_requests() {
        if in_flight.fetch_add(1, Ordering::SeqCst) >= MAX_IN_FLIGHT {
            in_flight.fetch_sub(1, Ordering::SeqCst);
            send(request, Reply::status(503, "Too many requests at once"), false);
            continue;
        }
        let shared = shared.clone();
        let in_flight = in_flight.clone();
        std::thread::spawn(move || {
            handle(request, &shared);
            in_flight.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

fn handle(mut request: Request, shared: &Shared) {
    let method = request.method().clone();
    let raw = request.url().to_string();
    let (path, query) = raw.split_once('?').map_or((raw.as_str(), None), |(p, q)| (p, Some(q)));
    if is_editor_path(path) {
        let reply = match &shared.editor {
            Some(editor) => editor.respond(&mut request, &shared.root, path, query),
            None => Reply::status(404, "Not found: editing in the browser is off for this preview"),
        };
        send(request, reply, method == Method::Head);
        return;
    }
    if method != Method::Get && method != Method::Head {
        send(request, Reply::status(405, "Only GET and HEAD"), false);
        return;
    }
    if path == EVENTS_PATH {
        stream_events(request, shared);
        return;
    }
    let response = match path {
        SCRIPT_PATH => Reply::ok(LIVE_JS.as_bytes().to_vec(), "text/javascript; charset=utf-8"),
        REPORT_PATH => Reply::ok(super::report_page(&shared.root), "text/html; charset=utf-8"),
        _ => match safe_path(path) {
            Some(clean) => {
                let reply = lookup(&clean, query, &shared.state.lock().unwrap_or_else(|e| e.into_inner()));
                with_edit_link(reply, &clean, shared)
            }
            None => Reply::status(400, "Bad request: that path is not allowed"),
        },
    };
    send(request, response, method == Method::Head);
}

fn is_editor_path(path: &str) -> bool {
    path.starts_with(editor::EDIT_PREFIX) || path == editor::SCRIPT_PATH || path == editor::STYLE_PATH
}

/// A page with an edit form, when editing is on, gets "Edit this page"
/// at the top of its main content (and some pages the links of
/// `editor_new.rs`). Only the preview adds it: `build` output never has it.
fn with_edit_link(mut reply: Reply, clean: &str, shared: &Shared) -> Reply {
    let Some(editor) = &shared.editor else { return reply };
    if reply.status != 200 || !reply.content_type.starts_with("text/html") {
        return reply;
    }
    // Inserted first, so they come after "Edit this page".
    let more = super::editor_new::links_for(&shared.root, clean);
    if !more.is_empty() {
        reply.body = super::editor_new::insert_links(&reply.body, &more);
    }
    if let Some(url) = editor.link_for(&shared.root, clean) {
        reply.body = insert_edit_link(&reply.body, &url);
    }
    reply
}

/// Puts the link just inside `<main …>`, or before `</body>` without one.
pub fn insert_edit_link(html: &[u8], url: &str) -> Vec<u8> {
    let link = format!(
        "<p class=\"signpost-edit-link\"><a href=\"{}\">Edit this page</a></p>",
        crate::render::templates::escape_html(url)
    );
    let at = find_first(html, b"<main")
        .and_then(|start| html[start..].iter().position(|b| *b == b'>').map(|end| start + end + 1))
        .or_else(|| find_last(html, b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + link.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(link.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

pub(super) fn find_first(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// Writes the reply on the request's own connection and asks the browser
/// to close it. tiny_http parks each open connection on one of its pool
/// threads and, when several connections arrive at once, can leave one
/// queued behind idle keep-alive connections for minutes (a page half
/// loaded); a connection that closes after each reply frees its thread at
/// once. tiny_http refuses a `Connection` header through `Response`, so
/// the reply is written as raw bytes, as the event stream is.
fn send(request: Request, reply: Reply, head_only: bool) {
    let mut writer = request.into_writer();
    let _ = writer.write_all(&reply.into_bytes(head_only)).and_then(|_| writer.flush());
}

/// A decoded, checked path inside the site (no leading slash), or `None`
/// for anything that tries to leave it: `..` (raw or percent-encoded),
/// backslashes, NUL and other control bytes, or a drive letter.
pub fn safe_path(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw)?;
    if decoded.contains('\\') || decoded.chars().any(char::is_control) {
        return None;
    }
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.len() == 2 && s.ends_with(':') => return None,
            s => parts.push(s),
        }
    }
    let mut clean = parts.join("/");
    if decoded.ends_with('/') && !clean.is_empty() {
        clean.push('/');
    }
    Some(clean)
}

/// Header values must be ASCII: encode anything else (and spaces) as `%XX`.
pub(super) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_graphic() {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub(super) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) body: Vec<u8>,
    pub(super) content_type: &'static str,
    pub(super) location: Option<String>,
    /// Any further headers (the editor's Content-Security-Policy).
    pub(super) headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub(super) fn ok(body: Vec<u8>, content_type: &'static str) -> Self {
        Reply { status: 200, body, content_type, location: None, headers: Vec::new() }
    }

    pub(super) fn status(status: u16, text: &str) -> Self {
        Reply { content_type: "text/plain; charset=utf-8", ..Reply::ok(text.as_bytes().to_vec(), "") }
            .with_status(status)
    }

    fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// The response as it goes on the wire: status line, headers, body
    /// (none for HEAD, though `Content-Length` still gives its size).
    fn into_bytes(self, head_only: bool) -> Vec<u8> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
             X-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            reason_phrase(self.status),
            self.content_type,
            self.body.len()
        );
        if self.status == 405 && !self.headers.iter().any(|(name, _)| *name == "Allow") {
            head.push_str("Allow: GET, HEAD\r\n");
        }
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(location) = &self.location {
            head.push_str(&format!("Location: {location}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Finds `path` in the site: a file, a folder's `index.html`, a redirect to
/// add the missing `/`, or the site's 404 page.
fn lookup(path: &str, query: Option<&str>, state: &SiteState) -> Reply {
    if state.files.is_empty() {
        return no_site_yet(state);
    }
    let key = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
    if let Some(bytes) = state.files.get(&key).or_else(|| state.search_files.get(&key)) {
        return file_reply(&key, bytes, 200, state);
    }
    if state.files.contains_key(&format!("{path}/index.html")) {
        let location = match query {
            Some(q) => format!("/{}/?{}", percent_encode(path), percent_encode(q)),
            None => format!("/{}/", percent_encode(path)),
        };
        return Reply { location: Some(location), ..Reply::status(301, "") };
    }
    match state.files.get("404.html") {
        Some(bytes) => file_reply("404.html", bytes, 404, state),
        None => Reply::status(404, "Not found"),
    }
}

fn file_reply(key: &str, bytes: &[u8], status: u16, state: &SiteState) -> Reply {
    let content_type = content_type(key);
    let body =
        if content_type.starts_with("text/html") { inject_script(bytes, state.generation) } else { bytes.to_vec() };
    Reply { content_type, ..Reply::ok(body, "") }.with_status(status)
}

/// Before any good build there are no pages: show the errors, and reload
/// once the site builds.
fn no_site_yet(state: &SiteState) -> Reply {
    let page = "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Build failed – signpost preview</title></head>\
                <body><main><h1>The site did not build</h1><p>The errors are listed below and in the terminal. Save a fix and this page reloads.</p></main></body></html>";
    Reply::ok(inject_script(page.as_bytes(), state.generation), "text/html; charset=utf-8").with_status(503)
}

/// Adds the live-reload script before `</body>` (or at the end).
pub fn inject_script(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\" defer></script>");
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w.eq_ignore_ascii_case(needle))
}

pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Server-sent events: the current state at once, then again after every
/// build, with a comment line every 15 seconds to notice closed tabs.
fn stream_events(request: Request, shared: &Shared) {
    let mut writer = request.into_writer();
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if writer.write_all(head.as_bytes()).and_then(|_| writer.flush()).is_err() {
        return;
    }
    let mut seen = None;
    loop {
        let message = {
            let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            if seen == Some(state.serial) {
                let (next, _) = shared
                    .changed
                    .wait_timeout_while(state, Duration::from_secs(15), |s| Some(s.serial) == seen)
                    .unwrap_or_else(|e| e.into_inner());
                state = next;
            }
            if seen == Some(state.serial) {
                ": still here\n\n".to_string()
            } else {
                seen = Some(state.serial);
                format!("event: state\ndata: {}\n\n", state_json(&state))
            }
        };
        if writer.write_all(message.as_bytes()).and_then(|_| writer.flush()).is_err() {
            return;
        }
    }
}

fn state_json(state: &SiteState) -> String {
    serde_json::json!({
        "generation": state.generation,
        "errors": state.errors,
        "css_only": state.css_only,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_guard_refuses_every_way_out() {
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/a/%2E%2E/%2e%2e/x",
            "/..%2fsite.yaml",
            "/static\\..\\x",
            "/%5c..%5cx",
            "/a%00b",
            "/C:/Windows",
            "/%zz",
            "/%c0%ae%c0%ae/x",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
        assert_eq!(safe_path("/guidelines/copd/").as_deref(), Some("guidelines/copd/"));
        assert_eq!(safe_path("//etc/passwd").as_deref(), Some("etc/passwd"), "only ever a key into the in-memory site");
        assert_eq!(safe_path("/caf%C3%A9.png").as_deref(), Some("café.png"));
        assert_eq!(safe_path("/").as_deref(), Some(""));
    }

    #[test]
    fn redirects_to_non_ascii_folders_stay_valid_headers() {
        let mut state = SiteState::default();
        state.files.insert("café/index.html".into(), Arc::from(&b"<p>x</p>"[..]));
        let reply = lookup("café", None, &state);
        assert_eq!(reply.status, 301);
        assert_eq!(reply.location.as_deref(), Some("/caf%C3%A9/"));
        let wire = reply.into_bytes(false);
        assert!(wire.is_ascii(), "{}", String::from_utf8_lossy(&wire));
        assert!(String::from_utf8_lossy(&wire).contains("\r\nLocation: /caf%C3%A9/\r\n"));
    }

    #[test]
    fn the_script_goes_before_the_body_closes() {
        let out = inject_script(b"<html><body><p>x</p></body></html>", 7);
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.ends_with("<script src=\"/__signpost/live.js\" data-generation=\"7\" defer></script></body></html>"),
            "{text}"
        );
    }

    #[test]
    fn content_types_cover_the_web_formats() {
        for (path, kind) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.json", "application/json"),
            ("a.xml", "application/xml"),
            ("a.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.JPG", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("a.woff2", "font/woff2"),
            ("robots.txt", "text/plain; charset=utf-8"),
        ] {
            assert_eq!(content_type(path), kind, "{path}");
        }
    }
}
