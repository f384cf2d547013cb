//! The preview after an edit to each kind of source: every page whose
//! output should change has changed, and a guideline body edit renders only
//! the page that shows the body. One server per test, several edits each.

use crate::harness::SiteTest;
use crate::serve::Preview;
use std::path::Path;
use std::time::{Duration, Instant};

/// Waits until each page shows `text`; `what` says what the text stands for.
fn shows(preview: &Preview, pages: &[&str], text: &str, what: &str) {
    for page in pages {
        preview.wait_for(page, &format!("{page} to show {what} ({text:?})"), |r| r.body.contains(text));
    }
}

/// Waits until no page shows `text` any more.
fn lacks(preview: &Preview, pages: &[&str], text: &str, what: &str) {
    for page in pages {
        preview.wait_for(page, &format!("{page} to drop {what} ({text:?})"), |r| !r.body.contains(text));
    }
}

/// Checks that each page shows `text` now, so a later `lacks` means a change.
fn shows_now(preview: &Preview, pages: &[&str], text: &str, what: &str) {
    for page in pages {
        assert!(preview.get(page).body.contains(text), "{page} shows {what} ({text:?}) before the edit");
    }
}

/// N of the next "Built in …ms (N of M pages rendered again, …)" line.
fn pages_rendered_again(preview: &Preview) -> usize {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let wait = deadline.saturating_duration_since(Instant::now());
        let line = preview.output.recv_timeout(wait).expect("a build report within the wait");
        if let Some(report) = line.strip_prefix("Built in ") {
            let counts = report.split_once('(').expect("counts in brackets").1;
            return counts.split(' ').next().unwrap().parse().unwrap_or_else(|_| panic!("a count in {line:?}"));
        }
    }
}

#[test]
fn guideline_home_and_page_edits_reach_every_page_that_shows_them() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);

    // The first edit, so the next build report the server prints is its own.
    site.edit("content/guidelines/copd.md", "Confirm with spirometry", "Confirm with quality-assured spirometry");
    shows(&preview, &["/guidelines/copd/"], "quality-assured spirometry", "the guideline's edited body");
    assert_eq!(
        pages_rendered_again(&preview),
        1,
        "a body edit renders only the guideline's own page again: lists, home, feed and services show no body"
    );

    let title = "COPD: assessment and management";
    site.edit("content/guidelines/copd.md", "COPD: diagnosis and management", title);
    shows(
        &preview,
        &["/guidelines/copd/", "/guidelines/", "/", "/guidelines/copd-2020/", "/services/rehab-town/", "/feed.xml"],
        title,
        "the guideline's new title (its page, the list, recent changes, the guideline it replaces, the service it cites, the feed)",
    );

    shows_now(&preview, &["/"], "Guidelines due for review", "asthma, due for review");
    site.edit("content/guidelines/asthma.md", "status: approved", "status: withdrawn");
    shows(&preview, &["/guidelines/asthma/", "/guidelines/"], "badge-withdrawn", "the guideline's new status");
    lacks(&preview, &["/"], "Guidelines due for review", "a withdrawn guideline's review");

    site.edit(
        "content/guidelines/asthma.md",
        "conditions: [Asthma]",
        "conditions: [Asthma]\nrelated_services: [warm-homes]",
    );
    shows(&preview, &["/services/warm-homes/"], "Asthma in adults", "the guideline that now lists the service");
    shows(
        &preview,
        &["/services/warm-homes/"],
        "badge-withdrawn",
        "the status of the guideline that lists the service",
    );
    shows(&preview, &["/guidelines/asthma/"], "Warm homes advice", "the guideline's new related service");

    site.edit("content/_index.md", "Start with the", "Begin with the");
    shows(&preview, &["/"], "Begin with the", "the home page's edited introduction");
    site.edit("content/_index.md", "title: Welcome", "title: Welcome, colleagues");
    shows(&preview, &["/"], "Welcome, colleagues", "the home page's new heading");

    site.edit("content/about.md", "Write to us.", "Write to the team.");
    shows(&preview, &["/about/"], "Write to the team.", "the plain page's edited body");
}

const NEW_SERVICE: &str = "  - id: breathe-club
    name: Breathe easy club
    organisation: Town Lung Charity
    description: A weekly singing group for people with lung conditions.
    categories: [respiratory]
    areas: [Village]
    referral: [self]
    contact:
      phone: \"01632 960002\"
    last_verified: 2026-10-01
";

#[test]
fn directory_edits_reach_every_page_that_shows_the_directory_or_its_services() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let directory = "content/services/local.yaml";

    site.edit(directory, "title: Local services", "title: Nearby services");
    shows(
        &preview,
        &["/directories/local/", "/services/", "/", "/services/rehab-town/", "/services/warm-homes/"],
        "Nearby services",
        "the directory's new title (its page, the services list, home, each of its services)",
    );

    site.edit(directory, "organisation: Town Health Trust", "organisation: Town Community Health Trust");
    shows(
        &preview,
        &[
            "/services/rehab-town/",
            "/directories/local/",
            "/services/",
            "/services/category/respiratory/",
            "/services/area/village/",
            "/guidelines/copd/",
        ],
        "Town Community Health Trust",
        "the service's new organisation (its page, its directory, the services list, its category's and area's pages, the guideline citing it)",
    );

    site.write(directory, format!("{}{NEW_SERVICE}", site.read(directory)));
    shows(
        &preview,
        &["/services/breathe-club/", "/directories/local/", "/services/"],
        "Breathe easy club",
        "the added service",
    );
    shows(&preview, &["/"], "3 local services", "the home page's count of services");
    shows(&preview, &["/sitemap.xml"], "/services/breathe-club/", "the added service's address");

    let text = site.read(directory);
    let start = text.find("  - id: warm-homes").unwrap();
    let end = start + text[start + 1..].find("  - id:").unwrap() + 1;
    shows_now(&preview, &["/services/", "/directories/local/"], "Warm homes advice", "the service to remove");
    site.write(directory, format!("{}{}", &text[..start], &text[end..]));
    preview.wait_for("/services/warm-homes/", "the removed service's page to go", |r| r.status == 404);
    lacks(
        &preview,
        &["/services/", "/directories/local/", "/services/category/warmth/"],
        "Warm homes advice",
        "the removed service",
    );
    lacks(&preview, &["/sitemap.xml"], "/services/warm-homes/", "the removed service's address");
    shows(&preview, &["/"], "2 local services", "the home page's count of services");
}

#[test]
fn a_directory_with_no_published_services_follows_edits_to_its_title() {
    let site = SiteTest::new("minimal");
    let closed = "title: Closed services
services:
  - id: old-clinic
    name: Old clinic
    organisation: Town Health Trust
    description: Closed.
    categories: [respiratory]
    areas: [Town]
    referral: [gp]
    status: inactive
    last_verified: 2026-10-01
";
    site.write("content/services/closed.yaml", closed);
    let preview = Preview::start(&site);
    shows(&preview, &["/directories/closed/"], "Closed services", "the directory's title");
    site.edit("content/services/closed.yaml", "title: Closed services", "title: Former services");
    shows(&preview, &["/directories/closed/", "/services/", "/"], "Former services", "the directory's new title");
}

/// How many documents of the served search index hold the surface form
/// `form` (its term's document frequency, `docs/search-index.md`).
fn documents_with(preview: &Preview, form: &str) -> u64 {
    let file = |path: &str| -> serde_json::Value {
        let reply = preview.get(&format!("/search/engine/{path}"));
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{path}: {e}: {}", reply.body))
    };
    let meta = preview.search_meta();
    let shards = meta["shards"].as_array().unwrap();
    let shard = shards.iter().rev().find(|s| s[0].as_str().unwrap() <= form).unwrap_or(&shards[0]);
    let shard = file(shard[1].as_str().unwrap());
    let Some(found) = shard["forms"].as_array().unwrap().iter().find(|f| f[0] == form) else { return 0 };
    shard["terms"][found[1].as_u64().unwrap() as usize][1].as_u64().unwrap()
}

#[test]
fn a_service_covering_everywhere_is_found_by_a_place_added_in_another_directory() {
    let site = SiteTest::new("minimal");
    site.edit("content/services/local.yaml", "areas: [Town, Village]", "areas: [All of the county]");
    let other = "title: Other services
services:
  - id: lung-club
    name: Lung club
    organisation: Town Lung Charity
    description: A weekly club.
    categories: [respiratory]
    areas: [Town]
    referral: [self]
    last_verified: 2026-10-01
";
    site.write("content/services/other.yaml", other);
    let preview = Preview::start(&site);
    preview.wait_for("/search/engine/entry.json", "the search index", |r| r.status == 200);
    assert_eq!(documents_with(&preview, "hamlet"), 0, "no service names the place yet");

    // Nothing in local.yaml changes, yet rehab-town's record, which lists
    // every place for a service covering everywhere, must take it in.
    site.edit("content/services/other.yaml", "areas: [Town]", "areas: [Town, Hamlet]");
    let deadline = Instant::now() + Duration::from_secs(15);
    while preview.search("hamlet").is_none() {
        assert!(Instant::now() < deadline, "the new place was not searchable within 15 s of the save");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        documents_with(&preview, "hamlet"),
        2,
        "the service with the new place and the one covering everywhere (rehab-town) are found by it"
    );
}

/// A page of each kind, and a missing one (the site's 404 page).
const EVERY_KIND_OF_PAGE: [&str; 9] = [
    "/",
    "/guidelines/",
    "/guidelines/copd/",
    "/about/",
    "/services/",
    "/services/rehab-town/",
    "/directories/local/",
    "/search/",
    "/no/such/page/",
];

#[test]
fn settings_template_theme_static_and_data_edits_reach_every_page() {
    let site = SiteTest::new("minimal");
    let default_base = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html");
    let base = std::fs::read_to_string(default_base).unwrap();
    let footer = "<p class=\"build-date\">";
    assert!(base.contains(footer), "the default base template has a build date paragraph");
    let marked = "<p>Template look one</p><p>Team lead: {{ data.team.lead }}</p>";
    site.write("templates/base.html", base.replacen(footer, &format!("{marked}{footer}"), 1));
    site.write("data/team.yaml", "lead: Dr Ada Example\n");
    site.write("themes/plain/static/css/site.css", "body { color: black; }\n");
    site.edit("site.yaml", "description:", "theme: plain\ndescription:");
    site.write("static/docs/opening-times.txt", "Open 9 to 5\n");
    let preview = Preview::start(&site);
    shows(&preview, &EVERY_KIND_OF_PAGE, "Team lead: Dr Ada Example", "data/team.yaml, read by the base template");

    site.write("data/team.yaml", "lead: Dr Bea Example\n");
    shows(&preview, &EVERY_KIND_OF_PAGE, "Team lead: Dr Bea Example", "the edited data file");

    site.edit("templates/base.html", "Template look one", "Template look two");
    shows(&preview, &EVERY_KIND_OF_PAGE, "Template look two", "the edited base template");

    site.write("themes/plain/static/css/site.css", "body { color: navy; }\n");
    shows(&preview, &["/static/css/site.css"], "navy", "the theme's edited stylesheet");

    site.write("static/docs/opening-times.txt", "Open 8 to 6\n");
    shows(&preview, &["/docs/opening-times.txt"], "Open 8 to 6", "the edited static file");

    site.edit("site.yaml", "title: Test respiratory site", "title: Test breathing site");
    shows(&preview, &EVERY_KIND_OF_PAGE, "Test breathing site", "the site's new title");
    shows(&preview, &["/feed.xml"], "Test breathing site", "the site's new title in the feed");
}
