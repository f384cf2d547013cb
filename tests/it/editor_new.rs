//! Creating and removing things in the preview's editor (docs/editing.md):
//! a new guideline, a new directory, adding, duplicating and removing a
//! service. Each through real HTTP requests to a running preview; each
//! file compared byte for byte, and the site checked after.

use crate::editor::{form_values, get, own_origin, post};
use crate::harness::{SiteTest, TODAY};
use crate::serve::{Preview, Reply};
use std::collections::BTreeMap;

const NEW_GUIDELINE: &str = "/__signpost/edit/new/guideline/";
const NEW_DIRECTORY: &str = "/__signpost/edit/new/directory/";
const HOUSING: &str = "content/services/housing.yaml";
const ADD_TO_HOUSING: &str = "/__signpost/edit/add-service/content/services/housing.yaml";

/// A directory with comments, a block description, quoting and a blank
/// line between services: what must survive every change byte for byte.
const HOUSING_TEXT: &str = "\
# Dorset housing: checked by the housing team every spring
title: Dorset housing
description: Help with cold, damp homes.
services:
  # Weymouth
  - id: weymouth-warm-homes
    name: Weymouth Warm Homes Advice   # as people know it
    organisation: Warm Trust
    description: |
      Advice on heating.

      And on bills.
    categories: [warmth]
    last_verified: 2026-09-01

  - id: \"damp-help\"
    name: 'Damp help'
    organisation: Town council
    description: Help with damp.
    categories:
      - warmth
    last_verified: 2026-10-01
# end of the list
";

fn site() -> SiteTest {
    let site = SiteTest::new("minimal");
    site.write(HOUSING, HOUSING_TEXT);
    site
}

/// The values of the form on the page at `path`, as a browser would send them.
fn open(preview: &Preview, path: &str) -> BTreeMap<String, String> {
    let page = get(preview, path);
    assert_eq!(page.status, 200, "{path}: {}", page.body);
    form_values(&page.body)
}

/// Sends the form of the page at `path` with `changes` made in it.
fn submit(preview: &Preview, path: &str, changes: &[(&str, &str)]) -> Reply {
    let mut form = open(preview, path);
    for (k, v) in changes {
        form.insert(k.to_string(), v.to_string());
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post(preview, path, Some(&own_origin(preview)), &fields)
}

fn service_lines(id: &str, name: &str) -> String {
    format!(
        "  - id: {id}\n    name: {name}\n    organisation: Fuel Bank Trust\n    description: Emergency top-ups.\n    \
         categories: [warmth]\n    last_verified: {TODAY}\n"
    )
}

#[test]
fn a_new_guideline_is_a_draft_with_the_usual_sections_that_passes_check() {
    let site = site();
    let preview = Preview::start(&site);
    let reply = submit(
        &preview,
        NEW_GUIDELINE,
        &[("title", "Asthma in children: first steps"), ("path", "asthma/children"), ("author", "Dr B Example")],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        reply.body.contains("Created content/guidelines/asthma/children.md as a draft guideline."),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("href=\"/__signpost/edit/content/guidelines/asthma/children.md\""));
    assert_eq!(
        site.read("content/guidelines/asthma/children.md"),
        "---\ntitle: \"Asthma in children: first steps\"\n\
         summary: \"To be written: one or two sentences shown in lists and search results.\"\n\
         version: \"0.1\"\nstatus: draft\nauthors:\n  - name: Dr B Example\n---\n\n\
         ## About this guideline\n\n## Recommendations\n\n## When to refer\n"
    );
    let edit = get(&preview, "/__signpost/edit/content/guidelines/asthma/children.md");
    assert_eq!(edit.status, 200, "the new guideline opens in the editor");
    drop(preview);
    site.check().assert_ok();
    site.run(&["check", "--drafts"]).assert_ok();
}

#[test]
fn a_new_guideline_refuses_a_path_that_exists_or_leaves_content() {
    let site = site();
    let before = site.read("content/guidelines/copd.md");
    let preview = Preview::start(&site);
    let reply = submit(&preview, NEW_GUIDELINE, &[("title", "T"), ("path", "copd"), ("author", "A")]);
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert!(reply.body.contains("content/guidelines/copd.md already exists"), "{}", reply.body);
    assert!(reply.body.contains("role=\"alert\""), "the refusal is announced");
    assert!(reply.body.contains("value=\"copd\""), "the form keeps what was typed");
    assert_eq!(site.read("content/guidelines/copd.md"), before);
    for path in ["../escape", "../../escape", "/tmp/escape", "a/../../escape", "..", "a\\b", "Capitals"] {
        let reply = submit(&preview, NEW_GUIDELINE, &[("title", "T"), ("path", path), ("author", "A")]);
        assert_eq!(reply.status, 403, "{path}: {}", reply.body);
    }
    assert!(!site.root.join("escape.md").exists() && !site.root.join("content/escape.md").exists());
    assert!(!site.root.parent().unwrap().join("escape.md").exists());
    let reply = submit(&preview, NEW_GUIDELINE, &[("title", ""), ("path", "new-one"), ("author", "A")]);
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("title is required"), "{}", reply.body);
    assert!(!site.root.join("content/guidelines/new-one.md").exists());
}

#[test]
fn adding_a_service_appends_it_at_the_files_indent_and_keeps_the_rest() {
    let site = site();
    let preview = Preview::start(&site);
    let page = get(&preview, ADD_TO_HOUSING);
    assert!(page.body.contains("<h1>Add a service to Dorset housing</h1>"), "{}", page.body);
    assert!(page.body.contains("<option value=\"warmth\">Warmth and energy</option>"), "categories from site.yaml");
    let reply = submit(
        &preview,
        ADD_TO_HOUSING,
        &[
            ("id", "fuel-bank"),
            ("name", "Fuel bank"),
            ("organisation", "Fuel Bank Trust"),
            ("description", "Emergency top-ups."),
            ("category", "warmth"),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("Added fuel-bank to Dorset housing."), "{}", reply.body);
    let end = HOUSING_TEXT.find("# end of the list").unwrap();
    let expected =
        format!("{}{}{}", &HOUSING_TEXT[..end], service_lines("fuel-bank", "Fuel bank"), &HOUSING_TEXT[end..]);
    assert_eq!(site.read(HOUSING), expected);
    assert_eq!(get(&preview, "/__signpost/edit/services/fuel-bank/").status, 200);
    drop(preview);
    site.check().assert_ok();
}

#[test]
fn a_new_service_id_must_be_free_across_the_site() {
    let site = site();
    let preview = Preview::start(&site);
    for (id, why) in
        [("rehab-town", "already exists"), ("damp-help", "already exists"), ("Fuel Bank", "expected lower-case")]
    {
        let reply = submit(
            &preview,
            ADD_TO_HOUSING,
            &[("id", id), ("name", "N"), ("organisation", "O"), ("description", "D"), ("category", "warmth")],
        );
        assert_eq!(reply.status, 422, "{id}: {}", reply.body);
        assert!(reply.body.contains(why), "{id}: {}", reply.body);
    }
    assert_eq!(site.read(HOUSING), HOUSING_TEXT);
}

#[test]
fn duplicating_a_service_copies_its_lines_after_it_with_the_new_id() {
    let site = site();
    let preview = Preview::start(&site);
    let path = "/__signpost/edit/services/weymouth-warm-homes/duplicate/";
    let form = open(&preview, path);
    assert_eq!(form["new_id"], "weymouth-warm-homes-copy", "the default id");
    let reply = submit(&preview, path, &[]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let start = HOUSING_TEXT.find("  - id: weymouth").unwrap();
    let end = HOUSING_TEXT.find("2026-09-01\n").unwrap() + "2026-09-01\n".len();
    let copy = HOUSING_TEXT[start..end].replace("id: weymouth-warm-homes", "id: weymouth-warm-homes-copy");
    assert_eq!(site.read(HOUSING), format!("{}{copy}{}", &HOUSING_TEXT[..end], &HOUSING_TEXT[end..]));
    let reply = submit(&preview, path, &[]);
    assert_eq!(reply.status, 422, "the copy's id is taken now");
    drop(preview);
    site.check().assert_ok();
}

#[test]
fn removing_a_service_needs_a_confirmation_naming_it() {
    let site = site();
    let preview = Preview::start(&site);
    let path = "/__signpost/edit/services/weymouth-warm-homes/remove/";
    let page = get(&preview, path);
    assert!(page.body.contains("<h1>Remove Weymouth Warm Homes Advice from Dorset housing?</h1>"), "{}", page.body);
    let mut form = form_values(&page.body);
    form.remove("confirm");
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let unconfirmed = post(&preview, path, Some(&own_origin(&preview)), &fields);
    assert_eq!(unconfirmed.status, 200);
    assert!(unconfirmed.body.contains("Remove Weymouth Warm Homes Advice from Dorset housing?"));
    assert_eq!(site.read(HOUSING), HOUSING_TEXT, "nothing is removed without the confirmation");

    let reply = submit(&preview, path, &[]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("Removed Weymouth Warm Homes Advice from Dorset housing."), "{}", reply.body);
    let start = HOUSING_TEXT.find("  - id: weymouth").unwrap();
    let end = HOUSING_TEXT.find("2026-09-01\n").unwrap() + "2026-09-01\n".len();
    assert_eq!(site.read(HOUSING), format!("{}{}", &HOUSING_TEXT[..start], &HOUSING_TEXT[end..]));
    assert_eq!(get(&preview, path).status, 404, "it is gone");

    let last = "/__signpost/edit/services/damp-help/remove/";
    let reply = submit(&preview, last, &[]);
    assert_eq!(reply.status, 422, "a directory keeps at least one service");
    assert!(reply.body.contains("only service"), "{}", reply.body);
    drop(preview);
    site.check().assert_ok();
}

#[test]
fn a_change_to_a_directory_over_a_change_on_disk_is_refused() {
    let site = site();
    let preview = Preview::start(&site);
    let path = "/__signpost/edit/services/damp-help/remove/";
    let form = open(&preview, path);
    site.write(HOUSING, HOUSING_TEXT.replace("Town council", "Town Council"));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let reply = post(&preview, path, Some(&own_origin(&preview)), &fields);
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert!(reply.body.contains("changed on disk"));
    assert!(site.read(HOUSING).contains("damp-help"));
}

#[test]
fn a_new_directory_with_its_first_service_passes_check() {
    let site = site();
    let preview = Preview::start(&site);
    let form = open(&preview, NEW_DIRECTORY);
    assert_eq!(form["path"], "services/");
    let reply = submit(
        &preview,
        NEW_DIRECTORY,
        &[
            ("title", "Money: advice and grants"),
            ("path", "services/money"),
            ("id", "fuel-bank"),
            ("name", "Fuel bank"),
            ("organisation", "Fuel Bank Trust"),
            ("description", "Emergency top-ups."),
            ("category", "warmth"),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("href=\"/directories/money/\""), "{}", reply.body);
    assert_eq!(
        site.read("content/services/money.yaml"),
        format!("title: \"Money: advice and grants\"\nservices:\n{}", service_lines("fuel-bank", "Fuel bank"))
    );
    let again = submit(&preview, NEW_DIRECTORY, &[("title", "T"), ("path", "services/money"), ("id", "other-id")]);
    assert_eq!(again.status, 409, "{}", again.body);
    let same_address = submit(&preview, NEW_DIRECTORY, &[("title", "T"), ("path", "elsewhere/housing"), ("id", "x-y")]);
    assert_eq!(same_address.status, 409, "{}", same_address.body);
    assert!(same_address.body.contains("already has the address /directories/housing/"), "{}", same_address.body);
    assert!(!site.root.join("content/elsewhere").exists());
    drop(preview);
    site.check().assert_ok();
}

#[test]
fn creating_and_removing_need_the_token_and_the_previews_own_origin() {
    let site = site();
    let preview = Preview::start(&site);
    let own = own_origin(&preview);
    let remove = "/__signpost/edit/services/weymouth-warm-homes/remove/";
    for path in [NEW_GUIDELINE, NEW_DIRECTORY, ADD_TO_HOUSING, remove, "/__signpost/edit/services/damp-help/duplicate/"]
    {
        let mut form = open(&preview, path);
        form.extend(
            [("title", "T"), ("path", "sneaky"), ("author", "A"), ("id", "sneaky"), ("name", "N")]
                .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        let with = |token: Option<&str>| {
            let mut form = form.clone();
            match token {
                Some(t) => form.insert("token".to_string(), t.to_string()),
                None => form.remove("token"),
            };
            form
        };
        let send = |form: &BTreeMap<String, String>, origin: Option<&str>| {
            let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            post(&preview, path, origin, &fields)
        };
        let token = form["token"].clone();
        assert_eq!(send(&with(None), Some(&own)).status, 403, "{path}: no token");
        assert_eq!(send(&with(Some("0123456789abcdef0123456789abcdef")), Some(&own)).status, 403, "{path}");
        for origin in [None, Some("http://evil.example"), Some("null")] {
            assert_eq!(send(&with(Some(&token)), origin).status, 403, "{path}: {origin:?}");
        }
    }
    assert_eq!(site.read(HOUSING), HOUSING_TEXT);
    assert!(!site.root.join("content/guidelines/sneaky.md").exists());
    assert!(!site.root.join("content/sneaky.yaml").exists());
    let foreign = crate::serve::send_raw(
        preview.port,
        format!("GET {NEW_GUIDELINE} HTTP/1.1\r\nHost: evil.example:{}\r\nConnection: close\r\n\r\n", preview.port)
            .as_bytes(),
    );
    assert_eq!(foreign.status, 403, "the form hands on the token, so only the preview's own address gets it");
}

#[test]
fn adding_to_a_file_that_is_not_a_directory_is_refused() {
    let site = site();
    site.write("data/team.yaml", "services:\n  - id: x\n");
    let preview = Preview::start(&site);
    for (path, status) in [
        ("/__signpost/edit/add-service/content/guidelines/copd.md", 422),
        ("/__signpost/edit/add-service/data/team.yaml", 422),
        ("/__signpost/edit/add-service/content/../site.yaml", 403),
        ("/__signpost/edit/add-service/static/x.yaml", 403),
        ("/__signpost/edit/services/no-such-service/remove/", 404),
    ] {
        assert_eq!(get(&preview, path).status, status, "{path}");
    }
}

#[test]
fn the_preview_links_to_creating_and_removing_but_build_output_never_does() {
    let site = site();
    let preview = Preview::start(&site);
    let links = [
        ("/guidelines/", vec![("New guideline", NEW_GUIDELINE.to_string())]),
        (
            "/directories/housing/",
            vec![("Add a service", ADD_TO_HOUSING.to_string()), ("New directory", NEW_DIRECTORY.to_string())],
        ),
        (
            "/services/damp-help/",
            vec![
                ("Duplicate this service", "/__signpost/edit/services/damp-help/duplicate/".to_string()),
                ("Remove this service", "/__signpost/edit/services/damp-help/remove/".to_string()),
            ],
        ),
    ];
    for (page, expected) in &links {
        let body = get(&preview, page).body;
        let main = body.find("<main").unwrap();
        for (text, url) in expected {
            let link = format!("<a href=\"{url}\">{text}</a>");
            let at = body.find(&link).unwrap_or_else(|| panic!("{page} has no {text}: {body}"));
            assert!(at > main, "{page}: inside <main>");
        }
    }
    assert!(!get(&preview, "/").body.contains("New guideline"));
    drop(preview);

    site.build().assert_ok();
    for file in crate::harness::list_files(&site.root.join("public")) {
        let text = String::from_utf8_lossy(&std::fs::read(site.root.join("public").join(&file)).unwrap()).into_owned();
        for phrase in ["__signpost/edit", "New guideline", "Add a service", "Remove this service", "New directory"] {
            assert!(!text.contains(phrase), "{file} has {phrase}");
        }
    }
}

#[test]
fn plain_pages_and_directories_link_to_their_edit_page_in_the_preview_only() {
    let site = site();
    let preview = Preview::start(&site);
    for (page, rel) in [("/about/", "content/about.md"), ("/directories/housing/", HOUSING)] {
        let body = get(&preview, page).body;
        let link = format!("<p class=\"signpost-edit-link\"><a href=\"/__signpost/edit/{rel}\">Edit this page</a></p>");
        let at = body.find(&link).unwrap_or_else(|| panic!("{page}: {body}"));
        assert!(at > body.find("<main").unwrap() && at < body.find("Add a service").unwrap_or(usize::MAX), "{page}");
    }
    assert!(!get(&preview, "/").body.contains("Edit this page"), "the home page's front matter is optional: no form");
    drop(preview);
    site.build().assert_ok();
    for file in crate::harness::list_files(&site.root.join("public")) {
        let text = String::from_utf8_lossy(&std::fs::read(site.root.join("public").join(&file)).unwrap()).into_owned();
        assert!(!text.contains("Edit this page") && !text.contains("__signpost/edit"), "{file}");
    }
}

#[test]
fn a_plain_pages_title_and_body_are_saved_in_place() {
    let site = site();
    let about = "content/about.md";
    let before = site.read(about);
    let preview = Preview::start(&site);
    let path = "/__signpost/edit/content/about.md";
    let form = open(&preview, path);
    assert_eq!(form["title"], "About this site");
    let page = get(&preview, path).body;
    assert!(
        page.contains("<label for=\"f-title\">Title</label>")
            && page.contains("<label for=\"f-description\">Description</label>")
    );
    assert!(!page.contains("f-version"), "a page has no guideline fields");
    let body = format!("{}\nA new last line.\n", form["body"]);
    let reply = submit(&preview, path, &[("title", "About: this site"), ("body", &body)]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains(">Saved.<"), "{}", reply.body);
    let expected =
        format!("{}\nA new last line.\n", before.replace("title: About this site", "title: \"About: this site\""));
    assert_eq!(site.read(about), expected);
    drop(preview);
    site.check().assert_ok();
}

#[test]
fn a_directorys_title_and_description_are_saved_in_place_and_its_services_untouched() {
    let site = site();
    let preview = Preview::start(&site);
    let path = "/__signpost/edit/content/services/housing.yaml";
    let form = open(&preview, path);
    assert_eq!(
        (form["title"].as_str(), form["description"].as_str()),
        ("Dorset housing", "Help with cold, damp homes.")
    );
    assert!(!form.contains_key("services") && !form.contains_key("name"), "{form:?}");
    let reply = submit(&preview, path, &[("title", "Dorset: housing"), ("description", "Help with **cold** homes.")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let expected = HOUSING_TEXT
        .replace("title: Dorset housing", "title: \"Dorset: housing\"")
        .replace("description: Help with cold, damp homes.", "description: Help with **cold** homes.");
    assert_eq!(site.read(HOUSING), expected);
    let reply = submit(&preview, path, &[("description", "")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(site.read(HOUSING), expected.replace("description: Help with **cold** homes.\n", ""));
    drop(preview);
    site.check().assert_ok();
}

#[test]
fn a_new_services_text_area_line_breaks_become_a_block() {
    let site = site();
    let preview = Preview::start(&site);
    let reply = submit(
        &preview,
        ADD_TO_HOUSING,
        &[
            ("id", "fuel-bank"),
            ("name", "Fuel bank"),
            ("organisation", "Fuel Bank Trust"),
            ("description", "Emergency top-ups.\r\n\r\nAsk at reception."),
            ("category", "warmth"),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let text = site.read(HOUSING);
    assert!(
        text.contains(
            "    description: |\n      Emergency top-ups.\n\n      Ask at reception.\n    categories: [warmth]\n"
        ),
        "{text}"
    );
    drop(preview);
    site.check().assert_ok();
}

#[test]
fn undo_last_save_puts_back_a_removed_service() {
    let site = site();
    let preview = Preview::start(&site);
    assert_eq!(submit(&preview, "/__signpost/edit/services/weymouth-warm-homes/remove/", &[]).status, 200);
    assert_ne!(site.read(HOUSING), HOUSING_TEXT);
    let edit = "/__signpost/edit/content/services/housing.yaml";
    let page = get(&preview, edit).body;
    assert!(page.contains("Undo last save"), "{page}");
    let token = open(&preview, edit)["token"].clone();
    let reply = post(&preview, edit, Some(&own_origin(&preview)), &[("token", &token), ("action", "undo")]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(site.read(HOUSING), HOUSING_TEXT);
}
