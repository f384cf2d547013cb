//! Offline copies (`docs/offline.md`): `build` writes the service worker at
//! `/sw.js` with the site's settings and the offline page; the preview never
//! serves the worker; `offline:` in `site.yaml` sets the budget or turns it
//! all off, and a wrong value is an `error:` line. The worker's behaviour in
//! a browser is `tests/browser/checks/offline.mjs`.

use crate::harness::{SiteTest, hashed_assets, unhashed};
use crate::serve::Preview;

/// The settings line `build` puts above the worker's code, as JSON.
fn worker_settings(site: &SiteTest) -> serde_json::Value {
    let worker = site.output("sw.js");
    let line = worker.lines().next().unwrap();
    let json =
        line.strip_prefix("var SIGNPOST = ").and_then(|l| l.strip_suffix(';')).unwrap_or_else(|| panic!("{line}"));
    serde_json::from_str(json).unwrap()
}

#[test]
fn build_writes_the_worker_with_the_shell_under_the_base_path() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let settings = worker_settings(&site);
    assert_eq!(settings["base"], "/resp/");
    assert_eq!(settings["budget"], 25 * 1024 * 1024);
    let shell: Vec<String> =
        settings["shell"].as_array().unwrap().iter().map(|u| u.as_str().unwrap().to_string()).collect();
    // The shell has the stylesheets and scripts under the hashed names pages link to.
    let guideline = site.output("guidelines/asthma/index.html");
    let linked = hashed_assets(&guideline);
    assert!(linked.len() >= 4, "{linked:?}");
    for url in &linked {
        assert!(shell.contains(url), "{url}, which the page links, in {shell:?}");
    }
    let shell: Vec<String> = shell.iter().map(|url| unhashed(url)).collect();
    for url in [
        "/resp/offline/",
        "/resp/search/",
        "/resp/services/shortlist/",
        "/resp/static/css/site.css",
        "/resp/static/js/offline.js",
        "/resp/static/js/offline-ui.js",
        "/resp/static/css/offline.css",
        "/resp/static/js/search-engine.js",
    ] {
        assert!(shell.iter().any(|s| s == url), "{url} in {shell:?}");
    }
    assert!(site.output("sw.js").contains("addEventListener(\"fetch\""));
    assert!(site.output("offline/index.html").contains("<h1>Not available offline</h1>"));
    assert!(unhashed(&guideline).contains("<script src=\"/resp/static/js/offline.js\" data-root=\"/resp/\" data-ui=\"/resp/static/js/offline-ui.js\" data-ui-css=\"/resp/static/css/offline.css\" defer></script>"));
    assert!(
        guideline.contains("<div class=\"offline-keep\" data-offline-keep hidden>"),
        "hidden until the script shows it"
    );
    assert!(!site.output("sitemap.xml").contains("offline/"), "the offline page is no page to find");
}

#[test]
fn the_version_follows_the_shell_not_the_content() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let first = worker_settings(&site)["version"].clone();
    site.edit("content/guidelines/asthma.md", "## Treatment", "A new sentence.\n\n## Treatment");
    site.build().assert_ok();
    assert_eq!(worker_settings(&site)["version"], first, "pages are fetched network first: no new shell for them");
    site.edit("site.yaml", "title: Test respiratory site", "title: Test breathing site");
    site.build().assert_ok();
    assert_ne!(worker_settings(&site)["version"], first, "the shell's pages show the title");
}

#[test]
fn the_budget_comes_from_site_yaml() {
    let site = SiteTest::new("minimal");
    site.edit("site.yaml", "review_warning_days: 60", "review_warning_days: 60\noffline:\n  budget_mb: 2");
    site.build().assert_ok();
    assert_eq!(worker_settings(&site)["budget"], 2 * 1024 * 1024);
    site.edit("site.yaml", "budget_mb: 2", "budget_mb: 0.5");
    site.build().assert_ok();
    assert_eq!(worker_settings(&site)["budget"], 512 * 1024);
}

#[test]
fn offline_false_writes_a_worker_that_removes_the_copies_and_no_registration() {
    let site = SiteTest::new("minimal");
    site.edit("site.yaml", "review_warning_days: 60", "review_warning_days: 60\noffline: false");
    site.build().assert_ok();
    let worker = site.output("sw.js");
    assert!(worker.contains("caches.delete") && worker.contains("registration.unregister()"), "{worker}");
    assert!(!worker.contains("SIGNPOST"));
    assert!(!site.output("index.html").contains("offline.js"));
    assert!(!site.output("guidelines/asthma/index.html").contains("data-offline-keep"));
    assert!(!site.output_exists("offline/index.html"));
}

#[test]
fn a_wrong_offline_setting_is_an_error_line() {
    let site = SiteTest::new("minimal");
    site.edit("site.yaml", "review_warning_days: 60", "review_warning_days: 60\noffline:\n  budget_mb: 0");
    site.build().assert_errors(&[
        "error: site.yaml:6:14: offline.budget_mb: found the number 0, expected a number of megabytes more than 0, such as 25 or 0.5",
    ]);
    site.edit("site.yaml", "budget_mb: 0", "budget_mb: lots");
    site.build().assert_errors(&[
        "error: site.yaml:6:14: offline.budget_mb: found \"lots\", expected a number of megabytes more than 0, such as 25 or 0.5",
    ]);
    site.edit("site.yaml", "offline:\n  budget_mb: lots", "offline: sometimes");
    site.build().assert_errors(&[
        "error: site.yaml:5:10: offline: found \"sometimes\", expected true, false, or a mapping with budget_mb (megabytes, such as 25)",
    ]);
}

#[test]
fn the_preview_never_serves_the_worker() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    assert_eq!(preview.get("/sw.js").status, 404);
    assert_eq!(preview.get("/offline/").status, 200);
    assert!(!site.root.join("public").exists());
}

#[test]
fn a_page_of_the_sites_own_at_offline_is_an_error() {
    let site = SiteTest::new("minimal");
    site.write("content/offline.md", "---\ntitle: Offline\n---\nOur own page.\n");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/offline.md") && run.stderr.contains("found a page at /offline/"),
        "{}",
        run.stderr
    );
}
