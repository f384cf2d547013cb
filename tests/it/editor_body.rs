//! The body of the edit page (docs/editing.md): the preview of unsaved
//! text through the real pipeline, the problems `check` finds in it as the
//! author types, and the toolbar's link targets, each through real HTTP
//! requests to a running preview. None of them writes.

use crate::editor::{get, open_form_at, own_origin, post};
use crate::harness::SiteTest;
use crate::serve::Preview;
use std::collections::BTreeMap;

const COPD: &str = "content/guidelines/copd.md";
const EDIT: &str = "/__signpost/edit/content/guidelines/copd.md";
const PREVIEW: &str = "/__signpost/edit/preview/content/guidelines/copd.md";
const CHECK: &str = "/__signpost/edit/check/content/guidelines/copd.md";

/// The edit form as the page shows it, with `changes` made in it.
fn form_with(preview: &Preview, changes: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut form = open_form_at(preview, EDIT);
    for (k, v) in changes {
        form.insert(k.to_string(), v.to_string());
    }
    form
}

fn send(preview: &Preview, path: &str, form: &BTreeMap<String, String>) -> crate::serve::Reply {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post(preview, path, Some(&own_origin(preview)), &fields)
}

fn check_json(preview: &Preview, form: &BTreeMap<String, String>) -> serde_json::Value {
    let reply = send(preview, CHECK, form);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    serde_json::from_str(&reply.body).unwrap()
}

/// Each diagnostic as `line field: message`, as the page lists them.
fn lines_of(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {} {}: {}", d["severity"], d["line"], d["field"].as_str().unwrap_or("-"), d["message"]))
        .collect()
}

#[test]
fn the_edit_page_has_a_preview_frame_a_toolbar_and_may_frame_its_own_preview() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let page = get(&preview, EDIT);
    assert_eq!(page.status, 200, "{}", page.body);
    let csp = page.header("Content-Security-Policy").unwrap();
    assert!(csp.contains("frame-src 'self'") && csp.contains("connect-src 'self'"), "{csp}");
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert!(page.body.contains(&format!(
        "formaction=\"{PREVIEW}\" formtarget=\"signpost-preview\" formnovalidate>Preview</button>"
    )));
    assert!(page.body.contains("<iframe name=\"signpost-preview\" id=\"preview-frame\" title=\"Preview of the page\" sandbox=\"allow-same-origin\">"));
    assert!(page.body.contains(&format!("data-check=\"{CHECK}\"")));
    // Enter in a field presses the form's first submit button: Save, not Preview.
    let first_submit = &page.body[page.body.find("<button type=\"submit\"").unwrap()..];
    assert!(first_submit.starts_with("<button type=\"submit\">Save</button>"), "{first_submit}");
    assert_eq!(page.body.matches(">Save</button>").count(), 1);
    for label in ["Heading", "Bulleted list", "Numbered list", "Table", "Link…", "Image…", "Add alert", "Pathway"] {
        assert!(page.body.contains(&format!(">{label}</button>")), "{label}");
    }
    // The pickers' controls are not sent with a save.
    let picker = &page.body[page.body.find("<dialog id=\"link-picker\"").unwrap()..];
    assert!(!picker.contains(" name=\""), "{picker}");
}

#[test]
fn the_preview_renders_unsaved_text_with_the_theme_and_escapes_it() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let body =
        "\n## Unsaved heading\n\nA paragraph & <script>alert(1)</script> about [rehab](@/services/rehab-town).\n";
    let form = form_with(&preview, &[("title", "<i>Tagged</i> title"), ("body", body)]);
    let reply = send(&preview, PREVIEW, &form);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let html = &reply.body;
    assert!(html.contains("<header class=\"site-header\">"), "the theme's page: {html}");
    assert!(html.contains("<h1>&lt;i&gt;Tagged&lt;/i&gt; title</h1>"), "{html}");
    assert!(html.contains("<h2 id=\"unsaved-heading\">"), "{html}");
    assert!(html.contains("href=\"/services/rehab-town/\""), "the preview's own addresses: {html}");
    // The stylesheet the preview serves: plain names, as its pages have.
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/static/css/site.css\">"), "{html}");
    assert_eq!(preview.get("/static/css/site.css").status, 200);
    assert!(!html.contains("<script>alert") && !html.contains("<i>Tagged"), "{html}");
    let csp = reply.header("Content-Security-Policy").unwrap();
    assert!(csp.starts_with("default-src 'none';") && !csp.contains("script-src"), "no script runs: {csp}");
    assert!(csp.contains("frame-ancestors 'self'"), "{csp}");
    assert_eq!(reply.header("X-Frame-Options"), Some("SAMEORIGIN"));
    assert!(!html.contains("__signpost/live.js") && !html.contains("Edit this page"));
    assert_eq!(site.read(COPD), before, "a preview writes nothing");
}

#[test]
fn the_preview_shows_a_page_with_broken_links_and_the_text_alone_without_front_matter() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let broken = form_with(&preview, &[("body", "\nSee [gone](missing.md).\n")]);
    let reply = send(&preview, PREVIEW, &broken);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("<header class=\"site-header\">") && reply.body.contains("gone"), "{}", reply.body);

    let no_title = form_with(&preview, &[("title", ""), ("body", "\n## Still shown\n")]);
    let reply = send(&preview, PREVIEW, &no_title);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("Only the text is shown"), "{}", reply.body);
    assert!(reply.body.contains("<h2 id=\"still-shown\">"), "{}", reply.body);
}

#[test]
fn preview_and_check_refuse_another_origin_a_missing_token_and_a_large_body() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let form = form_with(&preview, &[("body", "changed")]);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let no_token: Vec<(&str, &str)> = fields.iter().copied().filter(|(k, _)| *k != "token").collect();
    let huge = "x".repeat(3 * 1024 * 1024);
    for path in [PREVIEW, CHECK] {
        assert_eq!(post(&preview, path, Some("http://evil.example"), &fields).status, 403, "{path}");
        assert_eq!(post(&preview, path, None, &fields).status, 403, "{path}");
        assert_eq!(post(&preview, path, Some(&own_origin(&preview)), &no_token).status, 403, "{path}");
        let too_large: Vec<(&str, &str)> = vec![("token", form["token"].as_str()), ("body", huge.as_str())];
        assert_eq!(post(&preview, path, Some(&own_origin(&preview)), &too_large).status, 413, "{path}");
        let outside = path.replace("content/guidelines/copd.md", "..%2Fsite.yaml");
        assert_eq!(post(&preview, &outside, Some(&own_origin(&preview)), &fields).status, 403, "{path}");
        assert_eq!(get(&preview, path).status, 405, "{path}");
    }
    assert_eq!(site.read(COPD), before);
}

#[test]
fn the_check_lists_body_problems_and_cross_file_ones_beside_a_misspelt_key() {
    let site = SiteTest::new("minimal");
    site.edit(COPD, "review_due:", "reveiw_due:");
    site.edit(COPD, "related_services: [rehab-town]", "related_services: [rehab-twon]");
    let preview = Preview::start(&site);
    let form = open_form_at(&preview, EDIT);
    let closing = site.read(COPD).lines().skip(1).position(|l| l == "---").unwrap() + 2;
    let first = closing + 1;
    let body = "\nSee [gone](missing.md).\n\n![](chart.png)\n";
    let json = check_json(&preview, &BTreeMap::from_iter(form.into_iter().chain([("body".into(), body.into())])));
    assert_eq!(json["body_line"].as_u64(), Some(first as u64));
    let lines = lines_of(&json);
    let expect = [
        "\"error\" 11 reveiw_due: \"found an unknown field, expected `review_due` (a misspelling?)\"".to_string(),
        "\"error\" 14 related_services: \"found \\\"rehab-twon\\\", expected the id of a service".to_string(),
        format!("\"error\" {} link: \"found a link to \\\"missing.md\\\", expected an existing file", first + 1),
        format!("\"error\" {} alt: ", first + 3),
    ];
    for wanted in &expect {
        assert!(lines.iter().any(|l| l.starts_with(wanted.as_str())), "{wanted}\nnot in\n{}", lines.join("\n"));
    }
    assert_eq!(json["errors"].as_u64(), Some(lines.iter().filter(|l| l.starts_with("\"error\"")).count() as u64));
}

#[test]
fn the_check_of_an_unchanged_form_finds_what_check_finds() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let json = check_json(&preview, &open_form_at(&preview, EDIT));
    assert_eq!(json["file"], COPD);
    assert_eq!(json["errors"], 0, "{json}");
    let form = form_with(&preview, &[("published", "2030-01-01")]);
    let lines = lines_of(&check_json(&preview, &form));
    assert!(lines.iter().any(|l| l.contains("review_due") && l.contains("after published")), "{lines:?}");
}

#[test]
fn the_link_targets_are_the_sites_guidelines_with_headings_and_its_services() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let reply = get(&preview, "/__signpost/edit/targets.json");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let copd = json["guidelines"].as_array().unwrap().iter().find(|g| g["file"] == COPD).expect("copd");
    assert_eq!(copd["link"], "@/guidelines/copd.md");
    assert_eq!(copd["title"], "COPD: diagnosis and management");
    let headings: Vec<&str> = copd["headings"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(headings, ["diagnosis", "treatment"]);
    let rehab = json["services"].as_array().unwrap().iter().find(|s| s["id"] == "rehab-town").expect("rehab-town");
    assert_eq!(rehab["link"], "@/services/rehab-town");
    assert_eq!(rehab["name"], "Town pulmonary rehabilitation");
    assert_eq!(rehab["areas"], "Town, Village");
}
