//! Editing in the browser (docs/editing.md): the edit page, saves that
//! change only what changed, conflicts and undo, and every safety rule of
//! the writing endpoints, each through real HTTP requests to a running
//! preview.

use crate::harness::SiteTest;
use crate::serve::{Preview, Reply, send_raw, send_then_close};
use signpost::content::guideline::ONE_VALUE_FIELDS;
use std::collections::BTreeMap;

const COPD: &str = "content/guidelines/copd.md";
const EDIT: &str = "/__signpost/edit/content/guidelines/copd.md";

/// A GET as a browser at the preview's own address sends it.
pub(crate) fn get(preview: &Preview, path: &str) -> Reply {
    let port = preview.port;
    send_raw(port, format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").as_bytes())
}

/// The preview's own origin, as a browser names it on a form post.
pub(crate) fn own_origin(preview: &Preview) -> String {
    format!("http://127.0.0.1:{}", preview.port)
}

/// Posts `fields` as a form, with `origin` as the Origin header (none if `None`).
pub(crate) fn post(preview: &Preview, path: &str, origin: Option<&str>, fields: &[(&str, &str)]) -> Reply {
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    post_raw(preview, path, origin, &body.join("&"))
}

fn post_raw(preview: &Preview, path: &str, origin: Option<&str>, body: &str) -> Reply {
    let port = preview.port;
    let origin = origin.map(|o| format!("Origin: {o}\r\n")).unwrap_or_default();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{origin}Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    send_raw(port, request.as_bytes())
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn unescape(html: &str) -> String {
    html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// What a browser would send from the edit page's save form as it stands:
/// every named input's value, the checked radio, each textarea's text.
pub(crate) fn form_values(page: &str) -> BTreeMap<String, String> {
    let start = page.find("<form method=\"post\" action=\"/__signpost/edit/").expect("a form");
    let form = &page[start..start + page[start..].find("</form>").unwrap()];
    let mut values = BTreeMap::new();
    for input in form.split("<input ").skip(1) {
        let tag = &input[..input.find('>').unwrap()];
        let attr = |name: &str| {
            let at =
                tag.find(&format!(" {name}=\"")).or_else(|| tag.starts_with(&format!("{name}=\"")).then_some(0))?;
            let rest = &tag[tag[at..].find('"').unwrap() + at + 1..];
            Some(unescape(&rest[..rest.find('"').unwrap()]))
        };
        let Some(name) = attr("name") else { continue };
        if (tag.contains("type=\"radio\"") || tag.contains("type=\"checkbox\"")) && !tag.contains(" checked") {
            continue;
        }
        values.insert(name, attr("value").unwrap_or_default());
    }
    for area in form.split("<textarea ").skip(1) {
        let name = &area[area.find("name=\"").unwrap() + 6..];
        let name = &name[..name.find('"').unwrap()];
        let text = &area[area.find('>').unwrap() + 1..area.find("</textarea>").unwrap()];
        // The HTML parser drops one newline straight after <textarea>.
        values.insert(name.to_string(), unescape(text.strip_prefix('\n').unwrap_or(text)));
    }
    values
}

/// The form's values as the edit page at `path` shows them.
pub(crate) fn open_form_at(preview: &Preview, path: &str) -> BTreeMap<String, String> {
    let page = get(preview, path);
    assert_eq!(page.status, 200, "{}", page.body);
    form_values(&page.body)
}

/// Saves the form of the edit page at `path` as it showed it, with `changes` made in it.
fn save_at(preview: &Preview, path: &str, form: &BTreeMap<String, String>, changes: &[(&str, &str)]) -> Reply {
    let mut form = form.clone();
    for (k, v) in changes {
        form.insert(k.to_string(), v.to_string());
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post(preview, path, Some(&own_origin(preview)), &fields)
}

fn open_form(preview: &Preview) -> BTreeMap<String, String> {
    open_form_at(preview, EDIT)
}

fn save(preview: &Preview, form: &BTreeMap<String, String>, changes: &[(&str, &str)]) -> Reply {
    save_at(preview, EDIT, form, changes)
}

fn changed_lines(before: &str, after: &str) -> Vec<String> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before.lines().zip(after.lines()).filter(|(a, b)| a != b).map(|(_, b)| b.to_string()).collect()
}

#[test]
fn guideline_pages_link_to_the_editor_in_the_preview_only() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let page = get(&preview, "/guidelines/copd/");
    assert!(
        page.body.contains("<p class=\"signpost-edit-link\"><a href=\"/__signpost/edit/content/guidelines/copd.md\">Edit this page</a></p>"),
        "{}",
        page.body
    );
    let main = page.body.find("<main").unwrap();
    assert!(page.body.find("Edit this page").unwrap() > main, "inside <main>");
    for other in ["/", "/guidelines/", "/services/"] {
        assert!(!get(&preview, other).body.contains("Edit this page"), "{other}");
    }
    drop(preview);

    site.build().assert_ok();
    for file in crate::harness::list_files(&site.root.join("public")) {
        let bytes = std::fs::read(site.root.join("public").join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__signpost/edit") && !text.contains("Edit this page"), "{file} links to the editor");
    }
}

#[test]
fn no_edit_turns_editing_off() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start_with(&site, &["--no-edit"]);
    assert!(!get(&preview, "/guidelines/copd/").body.contains("Edit this page"));
    assert_eq!(get(&preview, EDIT).status, 404);
    assert_eq!(get(&preview, "/__signpost/editor.js").status, 404);
    let reply = post(&preview, EDIT, Some(&own_origin(&preview)), &[("action", "save"), ("title", "Changed")]);
    assert_eq!(reply.status, 404);
    assert_eq!(site.read(COPD), before);
}

#[test]
fn the_edit_page_is_a_labelled_form_with_escaped_values_and_no_inline_script() {
    let site = SiteTest::new("minimal");
    site.edit(COPD, "title: \"COPD: diagnosis and management\"", "title: \"<b>COPD</b> & 'care' \\\"now\\\"\"");
    let preview = Preview::start(&site);
    let page = get(&preview, EDIT);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.header("Content-Security-Policy").unwrap().contains("script-src 'self'"));
    assert_eq!(page.header("X-Frame-Options"), Some("DENY"));
    assert_eq!(
        page.header("Referrer-Policy"),
        Some("same-origin"),
        "no-referrer would make form posts say Origin: null"
    );
    assert!(
        page.body.contains("value=\"&lt;b&gt;COPD&lt;/b&gt; &amp; &#39;care&#39; &quot;now&quot;\""),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<b>COPD"));
    for field in ONE_VALUE_FIELDS {
        assert!(page.body.contains(&format!(">{}</", field.label)), "a visible label for {}", field.key);
    }
    // Every control has a label naming it.
    for id in page.body.split(" id=\"f-").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
        if id.ends_with("-hint") {
            continue;
        }
        assert!(page.body.contains(&format!("<label for=\"f-{id}\">")), "f-{id} has no label");
    }
    assert!(page.body.contains("<label for=\"f-body\">"));
    for script in page.body.split("<script").skip(1) {
        assert!(script.starts_with(" src=\"/__signpost/editor.js\""), "inline script: {script}");
    }
    assert!(!page.body.contains(" style="));
    let script = get(&preview, "/__signpost/editor.js");
    assert_eq!((script.status, script.header("Content-Type")), (200, Some("text/javascript; charset=utf-8")));
    assert_eq!(get(&preview, "/__signpost/editor.css").status, 200);
}

#[test]
fn saving_the_form_unchanged_writes_nothing() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let reply = save(&preview, &open_form(&preview), &[]);
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("Nothing changed, so nothing was written."), "{}", reply.body);
    assert_eq!(site.read(COPD), before);
}

#[test]
fn a_title_edit_changes_one_line_and_a_colon_is_quoted() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let reply = save(&preview, &open_form(&preview), &[("title", "COPD: care in the community")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains(">Saved.<"), "{}", reply.body);
    let after = site.read(COPD);
    assert_eq!(changed_lines(&before, &after), ["title: \"COPD: care in the community\""]);
    // The preview rebuilds from the saved file, as it does for any save.
    preview.wait_for("/guidelines/copd/", "the new title", |r| r.body.contains("COPD: care in the community"));
}

#[test]
fn saving_every_field_kind_writes_exactly_the_expected_file() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let form = open_form(&preview);
    let body = form["body"].replace("Confirm with spirometry", "Always confirm with spirometry").replace('\n', "\r\n");
    let reply = save(
        &preview,
        &form,
        &[
            ("title", "COPD care"),
            ("summary", "How to find and treat COPD: in primary care."),
            ("version", "2.10"),
            ("status", "draft"),
            ("approved_by", "Dorset Respiratory Network"),
            ("published", "2026-02-01"),
            ("review_due", "2028-02-01"),
            ("body", &body),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let expected = before
        .replace("title: \"COPD: diagnosis and management\"", "title: \"COPD care\"")
        .replace(
            "summary: How to diagnose and manage COPD in primary care.",
            "summary: \"How to find and treat COPD: in primary care.\"",
        )
        .replace("version: \"2.0\"\nstatus: approved", "version: \"2.10\"\nstatus: draft")
        .replace("approved_by: Test Respiratory Network", "approved_by: Dorset Respiratory Network")
        .replace("published: 2026-01-10", "published: 2026-02-01")
        .replace("review_due: 2028-01-10", "review_due: 2028-02-01")
        .replace("Confirm with spirometry", "Always confirm with spirometry");
    assert_eq!(site.read(COPD), expected);
    assert_eq!(changed_lines(&before, &expected).len(), 8, "seven fields and one body line");
}

#[test]
fn emptying_an_optional_field_removes_its_line() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let reply = save(&preview, &open_form(&preview), &[("status", "draft"), ("approved_by", "")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        site.read(COPD),
        before.replace("status: approved", "status: draft").replace("approved_by: Test Respiratory Network\n", "")
    );
}

#[test]
fn a_save_that_fails_check_is_written_and_its_problems_listed() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let reply = save(&preview, &open_form(&preview), &[("review_due", "2025-01-01")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(site.read(COPD).contains("\nreview_due: 2025-01-01\n"));
    assert!(reply.body.contains("the site does not pass check"), "{}", reply.body);
    assert!(
        reply.body.contains(
            "<strong>Error</strong> at line 11, column 13: review_due: found 2025-01-01, expected a date after published (2026-01-10)"
        ),
        "{}",
        reply.body
    );
}

#[test]
fn a_save_over_a_change_on_disk_is_refused_with_both_versions() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let form = open_form(&preview);
    site.edit(COPD, "Confirm with spirometry", "Confirm by spirometry");
    let on_disk = site.read(COPD);
    let reply = save(&preview, &form, &[("title", "Mine")]);
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(site.read(COPD), on_disk, "nothing written");
    assert!(reply.body.contains("changed on disk after this page was opened"), "{}", reply.body);
    let versions = &reply.body[reply.body.find("<h2>On disk now</h2>").unwrap()..];
    let yours = versions.find("<h2>Yours</h2>").unwrap();
    assert!(versions[..yours].contains("Confirm by spirometry") && versions[..yours].contains("title: &quot;COPD:"));
    assert!(versions[yours..].contains("title: &quot;Mine&quot;"), "the title keeps its quotes");

    // The refusal's form carries the version on disk: saving it overwrites.
    let again = form_values(&reply.body);
    assert_eq!(again["title"], "Mine");
    let reply = post(
        &preview,
        EDIT,
        Some(&own_origin(&preview)),
        &[("token", &again["token"]), ("file_version", &again["file_version"]), ("action", "save"), ("title", "Mine")],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(changed_lines(&on_disk, &site.read(COPD)), ["title: \"Mine\""]);
}

#[test]
fn undo_puts_the_previous_bytes_back_once() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let form = open_form(&preview);
    let token = form["token"].clone();
    let undo =
        |preview: &Preview| post(preview, EDIT, Some(&own_origin(preview)), &[("token", &token), ("action", "undo")]);
    let saved = save(&preview, &form, &[("title", "Changed"), ("body", "New body.\n")]);
    assert!(saved.body.contains("Undo last save"));
    assert_ne!(site.read(COPD), before);
    let reply = undo(&preview);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("Undone"));
    assert_eq!(site.read(COPD), before);
    assert_eq!(undo(&preview).status, 409, "one save, one undo");

    // A change on disk after the save is not undone over.
    let form = open_form(&preview);
    save(&preview, &form, &[("title", "Changed again")]);
    site.edit(COPD, "Changed again", "Changed elsewhere");
    let reply = undo(&preview);
    assert_eq!(reply.status, 409);
    assert!(reply.body.contains("changed on disk after your last save"), "{}", reply.body);
    assert!(site.read(COPD).contains("title: \"Changed elsewhere\""));
}

#[test]
fn writes_need_the_previews_own_origin_and_the_token() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let form = open_form(&preview);
    let token = form["token"].clone();
    assert_eq!(token.len(), 32);
    let attempt = |origin: Option<&str>, token: Option<&str>| {
        let mut fields = vec![("action", "save"), ("title", "Hacked"), ("file_version", &form["file_version"])];
        fields.extend(token.map(|t| ("token", t)));
        post(&preview, EDIT, origin, &fields)
    };
    let other_port = format!("http://127.0.0.1:{}", preview.port + 1);
    for origin in [None, Some("http://evil.example"), Some("null"), Some(other_port.as_str())] {
        let reply = attempt(origin, Some(&token));
        assert_eq!(reply.status, 403, "{origin:?}");
        assert!(reply.body.contains("Origin"), "{}", reply.body);
    }
    let own = own_origin(&preview);
    for wrong in [None, Some(""), Some("0123456789abcdef0123456789abcdef"), Some(&token[..31])] {
        let reply = attempt(Some(&own), wrong);
        assert_eq!(reply.status, 403, "{wrong:?}");
        assert!(reply.body.contains("token"), "{}", reply.body);
    }
    let port = preview.port;
    let put = send_raw(
        port,
        format!("PUT {EDIT} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {own}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!((put.status, put.header("Allow")), (405, Some("GET, HEAD, POST")));
    assert_eq!(site.read(COPD), before);
    assert_eq!(attempt(Some(&own), Some(&token)).status, 200, "with both, it saves");
    assert!(site.read(COPD).contains("\ntitle: \"Hacked\"\n"));
}

#[test]
fn writes_are_confined_to_content_data_and_site_yaml() {
    let site = SiteTest::new("minimal");
    let outside = site.root.parent().unwrap().join("outside.md");
    let guideline = site.read(COPD);
    std::fs::write(&outside, &guideline).unwrap();
    site.write("static/notes.md", &guideline);
    site.write("data/team.yaml", "lead: A\n");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, site.root.join("content/guidelines/link.md")).unwrap();
        std::os::unix::fs::symlink(site.root.parent().unwrap(), site.root.join("content/guidelines/away")).unwrap();
    }
    let preview = Preview::start(&site);
    let token = open_form(&preview)["token"].clone();
    let own = own_origin(&preview);
    let fields = [("token", token.as_str()), ("action", "save"), ("title", "Hacked")];
    for path in [
        "/__signpost/edit/../outside.md",
        "/__signpost/edit/%2e%2e/outside.md",
        "/__signpost/edit/content/guidelines/../../../outside.md",
        "/__signpost/edit/content%2f..%2f..%2foutside.md",
        "/__signpost/edit/%2Ftmp%2Foutside.md",
        "/__signpost/edit//etc/passwd",
        "/__signpost/edit/static/notes.md",
        "/__signpost/edit/public/index.html",
        "/__signpost/edit/content\\guidelines\\copd.md",
        "/__signpost/edit/content/guidelines/link.md",
        "/__signpost/edit/content/guidelines/away/outside.md",
        "/__signpost/edit/content/guidelines/missing.md",
    ] {
        let reply = post(&preview, path, Some(&own), &fields);
        assert_eq!(reply.status, 403, "{path}: {}", reply.body);
        assert_eq!(get(&preview, path).status, 403, "GET {path}");
    }
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), guideline);
    assert_eq!(site.read("static/notes.md"), guideline);
    // data/ and site.yaml may be written; only guidelines and services have a form so far.
    for path in ["/__signpost/edit/data/team.yaml", "/__signpost/edit/site.yaml"] {
        let reply = post(&preview, path, Some(&own), &fields);
        assert_eq!(reply.status, 422, "{path}: {}", reply.body);
        assert!(reply.body.contains("only guidelines"), "{}", reply.body);
    }
    assert_eq!(site.read("data/team.yaml"), "lead: A\n");
}

#[test]
fn request_bodies_are_size_limited() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let token = open_form(&preview)["token"].clone();
    let port = preview.port;
    let head = format!(
        "POST {EDIT} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        3 * 1024 * 1024
    );
    let reply = send_then_close(port, head.as_bytes());
    assert_eq!(reply.status, 413, "{}", reply.body);
    // Just over the limit, sent in full.
    let filler = "x".repeat(signpost_limit() + 1);
    let reply =
        post(&preview, EDIT, Some(&own_origin(&preview)), &[("token", &token), ("action", "save"), ("body", &filler)]);
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(site.read(COPD), before);
    let plain = post_raw(&preview, EDIT, Some(&own_origin(&preview)), "");
    assert_eq!(plain.status, 403, "an empty form has no token");
}

/// `MAX_FORM_BYTES` in src/serve/editor.rs.
fn signpost_limit() -> usize {
    2 * 1024 * 1024
}

#[test]
fn the_edit_page_answers_only_at_the_previews_own_address() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let port = preview.port;
    for host in [format!("evil.example:{port}"), "evil.example".to_string(), format!("127.0.0.1.evil.example:{port}")] {
        let reply =
            send_raw(port, format!("GET {EDIT} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes());
        assert_eq!(reply.status, 403, "{host}");
        assert!(!reply.body.contains("name=\"token\""));
    }
    let reply = send_raw(
        port,
        format!("GET {EDIT} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(reply.status, 200);
}

#[test]
fn on_the_network_editing_needs_an_edit_token() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    {
        let preview = Preview::start_with(&site, &["--interface", "0.0.0.0"]);
        assert_eq!(get(&preview, EDIT).status, 404);
        assert!(!get(&preview, "/guidelines/copd/").body.contains("Edit this page"));
    }
    let secret = "correct-horse-battery-staple";
    let preview = Preview::start_with(&site, &["--interface", "0.0.0.0", "--edit-token", secret]);
    let refused = get(&preview, EDIT);
    assert_eq!(refused.status, 403, "the page hands on the token, so it needs it too");
    assert!(!refused.body.contains(secret));
    assert_eq!(get(&preview, &format!("{EDIT}?token=wrong-horse-battery-staple")).status, 403);
    let page = get(&preview, &format!("{EDIT}?token={secret}"));
    assert_eq!(page.status, 200);
    let form = form_values(&page.body);
    assert_eq!(form["token"], secret);
    let reply = save(&preview, &form, &[("title", "From the ward PC")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(changed_lines(&before, &site.read(COPD)), ["title: \"From the ward PC\""]);
    drop(preview);

    let run = site.run(&["serve", "--port", "0", "--interface", "0.0.0.0", "--edit-token", "short"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--edit-token: found a token of 5 characters, expected at least 16"), "{}", run.stderr);
}

const SERVICES: &str = "content/services/local.yaml";
const EDIT_SERVICE: &str = "/__signpost/edit/services/rehab-town/";

fn open_service_form(preview: &Preview) -> BTreeMap<String, String> {
    open_form_at(preview, EDIT_SERVICE)
}

fn save_service(preview: &Preview, form: &BTreeMap<String, String>, changes: &[(&str, &str)]) -> Reply {
    save_at(preview, EDIT_SERVICE, form, changes)
}

#[test]
fn service_pages_link_to_their_editor_in_the_preview_only() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    for id in ["rehab-town", "warm-homes"] {
        let page = get(&preview, &format!("/services/{id}/"));
        let link = format!(
            "<p class=\"signpost-edit-link\"><a href=\"/__signpost/edit/services/{id}/\">Edit this page</a></p>"
        );
        assert!(page.body.contains(&link), "{}", page.body);
        assert!(page.body.find("Edit this page").unwrap() > page.body.find("<main").unwrap(), "inside <main>");
    }
    assert_eq!(get(&preview, "/__signpost/edit/services/no-such-service/").status, 404);
    assert_eq!(get(&preview, "/__signpost/edit/services/Bad..id/").status, 404);
    drop(preview);

    let preview = Preview::start_with(&site, &["--no-edit"]);
    assert!(!get(&preview, "/services/rehab-town/").body.contains("Edit this page"));
    assert_eq!(get(&preview, EDIT_SERVICE).status, 404);
    drop(preview);

    site.build().assert_ok();
    let page = std::fs::read_to_string(site.root.join("public/services/rehab-town/index.html")).unwrap();
    assert!(!page.contains("__signpost/edit") && !page.contains("Edit this page"));
}

#[test]
fn the_service_form_offers_its_one_value_fields() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let page = get(&preview, EDIT_SERVICE);
    assert_eq!(page.status, 200, "{}", page.body);
    for field in signpost::content::service::ONE_VALUE_FIELDS {
        assert!(page.body.contains(&format!("name=\"{}\"", field.key)), "{} missing", field.key);
    }
    assert!(
        page.body.contains("<input type=\"date\" id=\"f-last_verified\" name=\"last_verified\" value=\"2026-09-01\"")
    );
    assert!(page.body.contains("<textarea id=\"f-description\" name=\"description\""));
    for status in ["active", "temporarily-closed", "inactive"] {
        assert!(page.body.contains(&format!("name=\"status\" value=\"{status}\"")), "{status}");
    }
    assert!(page.body.contains("name=\"checked_today\""), "Checked today");
    assert!(page.body.contains(harness_today()), "today's date is named");
    assert!(page.body.contains("href=\"/services/rehab-town/\">Back to the page"));
    let form = form_values(&page.body);
    assert_eq!(form["name"], "Town pulmonary rehabilitation");
    assert!(!form.contains_key("body") && !form.contains_key("categories"), "{form:?}");
}

fn harness_today() -> &'static str {
    crate::harness::TODAY
}

#[test]
fn a_service_name_edit_changes_exactly_one_line_of_the_directory_file() {
    let site = SiteTest::new("minimal");
    let before = site.read(SERVICES);
    let preview = Preview::start(&site);
    let form = open_service_form(&preview);
    assert_eq!(save_service(&preview, &form, &[]).status, 200);
    assert_eq!(site.read(SERVICES), before, "saving unchanged writes nothing");
    let reply = save_service(&preview, &form, &[("name", "Town lung rehabilitation")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("Saved."), "{}", reply.body);
    let expected = before
        .replace("    name: Town pulmonary rehabilitation\n", "    name: Town lung rehabilitation\n")
        .into_bytes();
    assert_ne!(expected, before.as_bytes());
    assert_eq!(std::fs::read(site.root.join(SERVICES)).unwrap(), expected, "byte for byte, one line");
}

#[test]
fn checked_today_sets_last_verified_and_nothing_else() {
    let site = SiteTest::new("minimal");
    let before = site.read(SERVICES);
    let preview = Preview::start(&site);
    let form = open_service_form(&preview);
    let reply = save_service(&preview, &form, &[("checked_today", "yes")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = site.read(SERVICES);
    let today = crate::harness::TODAY;
    assert_eq!(changed_lines(&before, &after), vec![format!("    last_verified: {today}")]);
    assert_eq!(after, before.replace("    last_verified: 2026-09-01\n", &format!("    last_verified: {today}\n")));
    assert!(after.contains("    last_verified: 2025-01-01\n"), "the other service is untouched");
}

#[test]
fn a_service_description_with_a_colon_is_quoted_and_other_services_are_untouched() {
    let site = SiteTest::new("minimal");
    let before = site.read(SERVICES);
    let preview = Preview::start(&site);
    let form = open_service_form(&preview);
    let reply = save_service(&preview, &form, &[("description", "Exercise: six weeks"), ("cost", "Free: no charge")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = site.read(SERVICES);
    assert_eq!(
        changed_lines(&before, &after),
        vec!["    description: \"Exercise: six weeks\"", "    cost: \"Free: no charge\""]
    );
    let warm = before.find("  - id: warm-homes").unwrap();
    assert_eq!(after[after.find("  - id: warm-homes").unwrap()..], before[warm..], "the next service byte for byte");
    assert!(!reply.body.contains("class=\"error\""), "the site still passes check: {}", reply.body);

    // A new field goes inside the service, after its last line.
    let form = form_values(&reply.body);
    let reply = save_service(&preview, &form, &[("alert", "Closed in August")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let again = site.read(SERVICES);
    assert!(
        again.contains("    last_verified: 2026-09-01\n    alert: Closed in August\n  - id: warm-homes\n"),
        "{again}"
    );
}

#[test]
fn a_service_save_over_a_change_on_disk_is_refused_and_undo_works() {
    let site = SiteTest::new("minimal");
    let before = site.read(SERVICES);
    let preview = Preview::start(&site);
    let form = open_service_form(&preview);
    site.edit(SERVICES, "Advice on heating and bills.", "Advice on heating, bills and damp.");
    let on_disk = site.read(SERVICES);
    let reply = save_service(&preview, &form, &[("name", "Mine")]);
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(site.read(SERVICES), on_disk, "nothing written");
    assert!(reply.body.contains("changed on disk after this page was opened"), "{}", reply.body);

    let again = form_values(&reply.body);
    assert_eq!(again["name"], "Mine");
    let reply = save_service(&preview, &again, &[]);
    assert_eq!(reply.status, 200, "saving the refusal's form overwrites: {}", reply.body);
    assert_eq!(site.read(SERVICES), on_disk.replace("name: Town pulmonary rehabilitation", "name: Mine"));

    let token = again["token"].clone();
    let undo = post(&preview, EDIT_SERVICE, Some(&own_origin(&preview)), &[("token", &token), ("action", "undo")]);
    assert_eq!(undo.status, 200, "{}", undo.body);
    assert_eq!(site.read(SERVICES), on_disk);
    assert_ne!(on_disk, before);
}

#[test]
fn service_writes_need_the_previews_own_origin_and_the_token() {
    let site = SiteTest::new("minimal");
    let before = site.read(SERVICES);
    let preview = Preview::start(&site);
    let form = open_service_form(&preview);
    let token = form["token"].clone();
    let attempt = |origin: Option<&str>, token: Option<&str>| {
        let mut fields = vec![("action", "save"), ("name", "Hacked"), ("file_version", &form["file_version"])];
        fields.extend(token.map(|t| ("token", t)));
        post(&preview, EDIT_SERVICE, origin, &fields)
    };
    for origin in [None, Some("http://evil.example"), Some("null")] {
        assert_eq!(attempt(origin, Some(&token)).status, 403, "{origin:?}");
    }
    let own = own_origin(&preview);
    for wrong in [None, Some(""), Some("0123456789abcdef0123456789abcdef")] {
        assert_eq!(attempt(Some(&own), wrong).status, 403, "{wrong:?}");
    }
    let port = preview.port;
    let rebound = send_raw(
        port,
        format!("GET {EDIT_SERVICE} HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(rebound.status, 403, "the edit page checks Host");
    assert_eq!(site.read(SERVICES), before);
    assert_eq!(attempt(Some(&own), Some(&token)).status, 200, "with both, it saves");
    assert!(site.read(SERVICES).contains("\n    name: Hacked\n"));
    let gone = post(
        &preview,
        "/__signpost/edit/services/no-such-service/",
        Some(&own),
        &[("token", &token), ("action", "save"), ("name", "x")],
    );
    assert_eq!(gone.status, 404, "{}", gone.body);
}

#[test]
fn checked_today_over_a_change_on_disk_keeps_today_in_the_refusals_form() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let form = open_service_form(&preview);
    site.edit(SERVICES, "Advice on heating and bills.", "Advice on heating, bills and damp.");
    let reply = save_service(&preview, &form, &[("checked_today", "yes")]);
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(form_values(&reply.body)["last_verified"], crate::harness::TODAY);
}

#[test]
fn a_text_areas_crlf_line_breaks_keep_a_block_description_as_it_is() {
    let site = SiteTest::new("minimal");
    site.edit(
        SERVICES,
        "    description: Six weeks of exercise and education.\n",
        "    description: |\n      Six weeks of exercise.\n\n      And education.\n",
    );
    let before = site.read(SERVICES);
    let preview = Preview::start(&site);
    let form = open_service_form(&preview);
    assert_eq!(form["description"], "Six weeks of exercise.\n\nAnd education.");
    // A browser sends a text area's line breaks as CRLF.
    let reply = save_service(&preview, &form, &[("description", "Six weeks of exercise.\r\n\r\nAnd education.")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(site.read(SERVICES), before, "unchanged text writes nothing");
    let reply = save_service(&preview, &form, &[("description", "Six weeks of exercise.\r\n\r\nAnd advice: diet.")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(changed_lines(&before, &site.read(SERVICES)), vec!["      And advice: diet."], "still a | block");
}
