//! The service fields added for Open Referral UK: status, alert, age limits,
//! source_id and county: how they show, what is left out, and the errors.

use crate::harness::SiteTest;

const LOCAL: &str = "content/services/local.yaml";

/// Adds `extra` YAML lines to the first service of the fixture (rehab-town).
fn with_rehab_fields(site: &SiteTest, extra: &str) {
    site.edit(LOCAL, "    last_verified: 2026-09-01\n", &format!("    last_verified: 2026-09-01\n{extra}"));
}

#[test]
fn a_temporarily_closed_service_shows_a_banner_on_its_page_and_in_lists() {
    let site = SiteTest::new("minimal");
    with_rehab_fields(
        &site,
        "    status: temporarily-closed\n    alert: Closed for refurbishment until 5 January\n    minimum_age: 16\n    maximum_age: 25\n    source_id: 3f1c2a9e-0000-4000-8000-000000000001\n",
    );
    site.edit(LOCAL, "      town: Town\n", "      town: Town\n      county: Shire\n");
    site.build().assert_ok();

    let page = site.main_of("services/rehab-town/index.html");
    assert!(page.contains("<p class=\"banner-title\">Temporarily closed</p>"), "{page}");
    assert!(page.contains("<p>Closed for refurbishment until 5 January</p>"), "{page}");
    assert!(page.contains("<div><dt>Ages</dt><dd>16 to 25</dd></div>"), "{page}");
    assert!(page.contains("Town, Shire<br>TT1 1AA"), "{page}");
    assert!(!page.contains("3f1c2a9e"), "source_id is bookkeeping, not shown");

    let list = site.main_of("services/index.html");
    assert!(list.contains("<strong>Temporarily closed</strong>"), "{list}");
    assert!(list.contains("<strong>Notice:</strong> Closed for refurbishment until 5 January"), "{list}");
    let directory = site.main_of("directories/local/index.html");
    assert!(directory.contains("<strong>Temporarily closed</strong>"), "{directory}");
    // An open service with no alert carries neither.
    let other = site.main_of("services/warm-homes/index.html");
    assert!(!other.contains("Temporarily closed") && !other.contains("Notice"), "{other}");
}

#[test]
fn an_alert_on_an_open_service_is_a_notice() {
    let site = SiteTest::new("minimal");
    with_rehab_fields(&site, "    alert: New evening sessions from March\n");
    site.build().assert_ok();
    let page = site.main_of("services/rehab-town/index.html");
    assert!(page.contains("<p class=\"banner-title\">Notice</p>"), "{page}");
    assert!(page.contains("<p>New evening sessions from March</p>"), "{page}");
    assert!(!page.contains("Temporarily closed"), "{page}");
}

#[test]
fn an_inactive_service_is_not_published_and_a_guideline_citing_it_warns() {
    let site = SiteTest::new("minimal");
    with_rehab_fields(&site, "    status: inactive\n");
    // The fixture guideline links to the service in its text too; a link to a
    // page that is not published is an error, like a link to a draft.
    site.edit("content/guidelines/copd.md", "(@/services/rehab-town)", "(https://example.org/rehab)");
    let run = site.build();
    run.assert_ok();
    assert!(!site.output_exists("services/rehab-town/index.html"));
    assert!(site.output_exists("services/warm-homes/index.html"));
    for listing in ["services/index.html", "directories/local/index.html", "guidelines/copd/index.html"] {
        assert!(!site.output(listing).contains("Town pulmonary rehabilitation"), "{listing} lists it");
    }
    assert!(!site.output("services.json").contains("Town pulmonary rehabilitation"));
    assert!(!site.output("sitemap.xml").contains("rehab-town"));
    assert!(run.stdout.contains("1 service in 1 directory"), "{}", run.stdout);
    let warnings = run.warnings();
    assert!(
        warnings.iter().any(|w| w.starts_with("warning: content/guidelines/copd.md:")
            && w.ends_with("related_services: service \"rehab-town\" is inactive and not published, so this guideline does not list it; remove it or choose another service")),
        "{warnings:#?}"
    );
}

#[test]
fn bad_status_and_ages_are_all_reported_in_one_run() {
    let site = SiteTest::new("minimal");
    with_rehab_fields(&site, "    status: closed\n    minimum_age: 30\n    maximum_age: 18\n");
    site.edit(
        LOCAL,
        "    last_verified: 2025-01-01\n",
        "    last_verified: 2025-01-01\n    minimum_age: eighteen\n    maximum_age: 200\n",
    );
    let run = site.check();
    run.assert_errors(&[
        "error: content/services/local.yaml:27:13: services[0].status: found \"closed\", expected one of active, temporarily-closed, inactive",
        "error: content/services/local.yaml:29:18: services[0].maximum_age: found 18, expected an age not below minimum_age (30)",
        "error: content/services/local.yaml:40:18: services[1].minimum_age: found \"eighteen\", expected an age in whole years, like 18",
        "error: content/services/local.yaml:41:18: services[1].maximum_age: found 200, expected an age in years from 0 to 150",
    ]);
}

#[test]
fn a_link_to_an_inactive_service_says_why_it_is_broken() {
    let site = SiteTest::new("minimal");
    with_rehab_fields(&site, "    status: inactive\n");
    let run = site.check();
    run.assert_errors(&[
        "error: content/guidelines/copd.md:39:1: link: found a link to service \"rehab-town\", which is inactive and not published; expected a published service",
    ]);
}
