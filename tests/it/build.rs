//! The good path: a valid site builds, every URL of the contract exists and
//! the pages hold what authors and readers rely on.

use crate::harness::{SiteTest, fixture, list_files};

#[test]
fn every_contract_url_is_built() {
    let site = SiteTest::new("minimal");
    let run = site.build();
    run.assert_ok();
    for page in [
        "index.html",
        "guidelines/index.html",
        "guidelines/copd/index.html",
        "guidelines/asthma/index.html",
        "guidelines/copd-2020/index.html",
        "about/index.html",
        "directories/local/index.html",
        "services/index.html",
        "services/rehab-town/index.html",
        "services/warm-homes/index.html",
        "services.json",
        "sitemap.xml",
        "feed.xml",
        "404.html",
        "robots.txt",
        "static/css/site.css",
        "static/js/filters.js",
    ] {
        assert!(site.output_exists(page), "missing {page}");
    }
    assert!(!site.output_exists("guidelines/oxygen/index.html"), "drafts are left out by default");
    assert!(
        run.stdout.starts_with("Built 3 guidelines (1 draft left out), 1 page, 2 services in 1 directory"),
        "{}",
        run.stdout
    );
}

#[test]
fn drafts_are_built_with_the_flag_and_say_so() {
    let site = SiteTest::new("minimal");
    site.run(&["build", "--drafts"]).assert_ok();
    let html = site.output("guidelines/oxygen/index.html");
    assert!(html.contains("Draft"), "a draft must say it is a draft");
}

#[test]
fn a_guideline_page_shows_its_record_and_local_services() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let html = site.output("guidelines/copd/index.html");
    for expected in [
        "COPD: diagnosis and management",
        "2.0",
        "10 January 2026",
        "10 January 2028",
        "Dr A Example",
        "Consultant respiratory physician",
        "Test Respiratory Network",
        "Town pulmonary rehabilitation",
        "tel:+441632960001",
        "GP referral",
        "New treatment table",
        "<h2 id=\"diagnosis\">Diagnosis</h2>",
        "href=\"/resp/guidelines/asthma/#treatment\"",
        "href=\"/resp/services/rehab-town/\"",
        "href=\"#diagnosis\"",
        "callout callout-warning",
    ] {
        assert!(html.contains(expected), "guideline page lacks {expected:?}");
    }
}

#[test]
fn status_banners_name_the_state_in_words() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let old = site.output("guidelines/copd-2020/index.html");
    assert!(old.contains("Superseded"), "superseded banner");
    assert!(old.contains("href=\"/resp/guidelines/copd/\""), "superseded links its replacement");
    let asthma = site.output("guidelines/asthma/index.html");
    assert!(asthma.to_lowercase().contains("review due"), "due-soon banner");
}

#[test]
fn a_service_page_shows_every_field() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let html = site.output("services/rehab-town/index.html");
    for expected in [
        "Town pulmonary rehabilitation",
        "Town Health Trust",
        "Six weeks of exercise and education.",
        "Respiratory services",
        "Village",
        "Adults with COPD",
        "Free",
        "Professional referral",
        "href=\"tel:+441632960001\"",
        "href=\"mailto:rehab@example.org\"",
        "href=\"https://example.org/rehab\"",
        "Town Health Centre",
        "TT1 1AA",
        "Monday to Friday",
        "9am to 5pm",
        "Polish",
        "1 September 2026",
        "href=\"/resp/guidelines/copd/\"",
    ] {
        assert!(html.contains(expected), "service page lacks {expected:?}");
    }
    let stale = site.output("services/warm-homes/index.html");
    assert!(stale.contains("1 January 2025"));
    assert!(stale.to_lowercase().contains("not verified"), "stale services are flagged in words");
}

#[test]
fn service_lists_carry_filter_data_for_every_service() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    for page in ["services/index.html", "directories/local/index.html"] {
        let html = site.output(page);
        assert!(html.contains("data-categories=\"respiratory\""), "{page}");
        assert!(html.contains("data-areas=\"town village\""), "{page}");
        assert!(
            html.contains("data-referral=\"professional gp\"") || html.contains("data-referral=\"gp professional\""),
            "{page}"
        );
        assert!(
            html.contains("Warm homes advice") && html.contains("Town pulmonary rehabilitation"),
            "{page}: the full list is in the HTML"
        );
    }
}

#[test]
fn machine_readable_files_hold_every_service_and_change() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    // An Open Referral UK v3 service list page (tests/it/oruk_export.rs checks it in depth).
    let json: serde_json::Value = serde_json::from_str(&site.output("services.json")).unwrap();
    assert_eq!(json["total_items"], 2);
    let rehab = &json["contents"][0];
    assert_eq!(rehab["signpost"]["slug"], "rehab-town");
    assert_eq!(rehab["phones"][0]["number"], "01632 960001");
    assert_eq!(rehab["schedules"][0]["description"], "Monday to Friday, 9am to 5pm");
    assert_eq!(rehab["signpost"]["url"], "https://test.example.org/resp/services/rehab-town/");

    let feed = site.output("feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 2, "one entry per change of a published guideline");
    assert!(feed.contains("COPD: diagnosis and management – version 2.0"));
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://test.example.org/resp/guidelines/copd/</loc>"));
    assert!(!sitemap.contains("oxygen"), "drafts stay out of the sitemap");
    assert!(site.output("robots.txt").contains("Sitemap: https://test.example.org/resp/sitemap.xml"));
}

#[test]
fn base_url_flag_changes_every_link() {
    let site = SiteTest::new("minimal");
    site.run(&["build", "--base-url", "http://127.0.0.1:1111"]).assert_ok();
    let html = site.output("guidelines/copd/index.html");
    assert!(html.contains("href=\"/guidelines/asthma/#treatment\""));
    assert!(!html.contains("/resp/"));
}

#[test]
fn check_reports_warnings_and_exits_zero() {
    let site = SiteTest::new("minimal");
    let run = site.check();
    run.assert_ok();
    assert_eq!(
        run.warnings(),
        [
            "warning: content/guidelines/asthma.md:9:13: review_due: review due soon: due 2026-12-20 (in 25 days)",
            "warning: content/services/local.yaml:36:20: last_verified: service \"warm-homes\" not verified for 693 days (last verified 2025-01-01; stale after 365 days)",
        ]
    );
    assert!(!site.root.join("public").exists(), "check writes nothing");
}

#[test]
fn init_makes_a_site_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("new-site");
    let status =
        std::process::Command::new(env!("CARGO_BIN_EXE_signpost")).arg("init").arg(&site_dir).status().unwrap();
    assert!(status.success());
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["build", "--root"])
        .arg(&site_dir)
        .env("SIGNPOST_TODAY", crate::harness::TODAY)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("warning:") && !stderr.contains("error:"), "{stderr}");
    assert!(site_dir.join("public/guidelines/example/index.html").exists());
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_signpost")).arg("init").arg(&site_dir).output().unwrap();
    assert_eq!(again.status.code(), Some(2), "init never overwrites");
}

#[test]
fn the_bundled_example_site_builds_without_errors() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["build", "--root"])
        .arg(repo)
        .arg("--output")
        .arg(&output)
        .env("SIGNPOST_TODAY", crate::harness::TODAY)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
    assert!(
        stderr.contains("review overdue") && stderr.contains("not verified for"),
        "the example shows both warnings: {stderr}"
    );
    let files = list_files(&output);
    assert!(files.len() > 50, "{}", files.len());
    for html in files.iter().filter(|f| f.ends_with(".html")) {
        let text = std::fs::read_to_string(output.join(html)).unwrap();
        assert!(text.to_lowercase().contains("example content"), "{html} must say it is example content");
    }
    let _ = fixture;
}

#[test]
fn snapshot_of_a_guideline_and_a_service() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    insta::assert_snapshot!("guideline_main", site.main_of("guidelines/copd/index.html"));
    insta::assert_snapshot!("service_main", site.main_of("services/rehab-town/index.html"));
}

#[test]
fn site_templates_override_the_theme_and_read_data_files() {
    let site = SiteTest::new("minimal");
    site.write("data/contacts.yaml", "team: Respiratory team <b>\n");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>{{ page.title }}</h1><p class=\"team\">{{ data.contacts.team }}</p>{% endblock content %}\n",
    );
    site.build().assert_ok();
    assert!(site.output("about/index.html").contains("<p class=\"team\">Respiratory team &lt;b&gt;</p>"));
    assert!(!site.output("guidelines/copd/index.html").contains("class=\"team\""), "other templates stay the theme's");
}

#[test]
fn a_theme_folder_is_chosen_by_site_yaml() {
    let site = SiteTest::new("minimal");
    site.edit("site.yaml", "description:", "theme: plain\ndescription:");
    for name in ["home", "guideline", "guidelines", "page", "directory", "service", "services", "404"] {
        site.write(
            &format!("themes/plain/templates/{name}.html"),
            format!("<!doctype html><title>{{{{ page_title }}}}</title><main>plain {name}</main>\n"),
        );
    }
    site.write("themes/plain/static/plain.css", "body{}");
    site.build().assert_ok();
    assert!(site.output("guidelines/copd/index.html").contains("<main>plain guideline</main>"));
    assert!(site.output_exists("static/plain.css"));
    assert!(site.output("search/index.html").contains("<main"), "what the theme lacks comes from the built-in theme");
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = SiteTest::new("minimal");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if page.title %}\n{% endblock content %}\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert_eq!(run.errors().len(), 1, "{}", run.stderr);
    assert!(
        run.errors()[0].starts_with("error: templates/page.html:4:1: template: unexpected tag; expected"),
        "{}",
        run.stderr
    );

    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.nope }}{% endblock content %}\n",
    );
    let run = site.build();
    assert_eq!(
        run.errors(),
        [
            "error: templates/page.html: template: Failed to render 'page.html': Variable `page.nope` not found in context while rendering 'page.html'"
        ]
    );
}
