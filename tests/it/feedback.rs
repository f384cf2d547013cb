//! "Feedback on this guideline": a `mailto:` to the guideline's own
//! `feedback_email`, else the site's, else no link; both addresses checked.

use crate::harness::{SiteTest, unhashed};

const LINK_START: &str = "<p class=\"feedback-link\"><a href=\"";

/// The feedback link's href as written in the page (HTML-escaped), if any.
fn feedback_href(site: &SiteTest, page: &str) -> Option<String> {
    let html = site.output(page);
    let at = html.find(LINK_START)? + LINK_START.len();
    Some(html[at..at + html[at..].find('"').unwrap()].to_string())
}

#[test]
fn the_site_address_is_used_with_subject_and_body_encoded() {
    let site = SiteTest::new("minimal");
    site.edit("site.yaml", "review_warning_days: 60", "review_warning_days: 60\nfeedback_email: resp@example.org");
    site.build().assert_ok();
    assert_eq!(
        feedback_href(&site, "guidelines/copd/index.html").unwrap(),
        "mailto:resp@example.org?subject=Test%20respiratory%20site%3A%20feedback%20on%20COPD%3A%20diagnosis%20and%20management%20%28version%202.0%29&amp;body=Guideline%3A%20COPD%3A%20diagnosis%20and%20management%20%28version%202.0%29%0D%0APage%3A%20https%3A%2F%2Ftest.example.org%2Fresp%2Fguidelines%2Fcopd%2F"
    );
    let page = unhashed(&site.output("guidelines/copd/index.html"));
    assert!(page.contains(">Feedback on this guideline</a>"));
    assert!(page.contains("static/js/guideline.js\" defer></script>"));
}

#[test]
fn a_guideline_address_overrides_the_site_and_no_address_means_no_link() {
    let site = SiteTest::new("minimal");
    site.edit(
        "content/guidelines/asthma.md",
        "version: \"1.1\"",
        "version: \"1.1\"\nfeedback_email: asthma@example.org",
    );
    site.build().assert_ok();
    assert!(
        feedback_href(&site, "guidelines/asthma/index.html").unwrap().starts_with("mailto:asthma@example.org?subject=")
    );
    // No site address: only the guideline with its own has a link.
    assert_eq!(feedback_href(&site, "guidelines/copd/index.html"), None);
    assert!(!site.output("guidelines/copd/index.html").contains("data-feedback"));
}

#[test]
fn a_title_with_markup_and_symbols_is_percent_encoded() {
    let site = SiteTest::new("minimal");
    site.edit("site.yaml", "review_warning_days: 60", "review_warning_days: 60\nfeedback_email: resp@example.org");
    site.edit(
        "content/guidelines/asthma.md",
        "title: Asthma in adults",
        "title: \"Asthma & <b>wheeze</b> \\\"100%\\\" #1?\"",
    );
    site.build().assert_ok();
    let href = feedback_href(&site, "guidelines/asthma/index.html").unwrap();
    assert!(
        href.contains(
            "feedback%20on%20Asthma%20%26%20%3Cb%3Ewheeze%3C%2Fb%3E%20%22100%25%22%20%231%3F%20%28version%201.1%29"
        ),
        "{href}"
    );
    assert!(!href.contains(['<', '>', '"', ' ', '#']), "{href}");
}

#[test]
fn a_malformed_address_is_an_error_in_either_place() {
    let site = SiteTest::new("minimal");
    site.edit("site.yaml", "review_warning_days: 60", "review_warning_days: 60\nfeedback_email: not an address");
    site.edit(
        "content/guidelines/asthma.md",
        "version: \"1.1\"",
        "version: \"1.1\"\nfeedback_email: asthma-at-example.org",
    );
    site.build().assert_errors(&[
        "error: content/guidelines/asthma.md:5:17: feedback_email: found \"asthma-at-example.org\", expected an email address like help@example.org",
        "error: site.yaml:5:17: feedback_email: found \"not an address\", expected an email address like help@example.org",
    ]);
}
