//! The shortlist and handout: the list page signpost makes, the handout card
//! and QR code on each service page, the "Add to list" control on every card,
//! and the id the list page reserves. What the browser does with them is in
//! tests/browser/checks/shortlist.mjs.

use crate::harness::{SiteTest, unhashed};

const LOCAL: &str = "content/services/local.yaml";

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?} in:\n{text}"));
    let rest = &text[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn each_service_page_has_a_handout_card_and_a_printed_qr_code_of_its_address() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let page = site.output("services/rehab-town/index.html");
    let permalink = "https://test.example.org/resp/services/rehab-town/";
    let qr = signpost::qr::svg(permalink).unwrap();
    assert_eq!(page.matches(&qr).count(), 2, "the QR code of {permalink}, printed and on the card:\n{page}");

    let card = between(&page, "<template id=\"handout-card\">", "</template>");
    assert!(card.contains(&format!("data-permalink=\"{permalink}\"")), "{card}");
    assert!(card.contains("<a href=\"/resp/services/rehab-town/\">Town pulmonary rehabilitation</a>"), "{card}");
    assert!(card.contains("<p class=\"handout-summary\">Six weeks of exercise and education.</p>"), "{card}");
    assert!(card.contains("<dd data-text=\"Phone\"><a href=\"tel:+441632960001\">01632 960001</a></dd>"), "{card}");
    assert!(
        card.contains("<dd data-text=\"Email\"><a href=\"mailto:rehab@example.org\">rehab@example.org</a></dd>"),
        "{card}"
    );
    assert!(card.contains("<dd data-text=\"Open\">Monday to Friday: 9am to 5pm</dd>"), "{card}");
    assert!(card.contains("<dd data-text=\"Address\">Town Health Centre, Town TT1 1AA</dd>"), "{card}");
    assert!(
        card.contains("<dd data-text=\"Website\"><a class=\"shows-url\" href=\"https://example.org/rehab\">https://example.org/rehab</a></dd>"),
        "{card}"
    );

    // A service with no hours, address or website says so, or leaves the row out.
    let other = between(&site.output("services/warm-homes/index.html"), "<template", "</template>").to_string();
    assert!(other.contains("<dd data-text=\"Open\">Not listed: ask the service</dd>"), "{other}");
    assert!(!other.contains("data-text=\"Address\"") && !other.contains("data-text=\"Website\""), "{other}");
}

#[test]
fn every_card_and_service_page_has_the_control_and_every_page_the_script() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let button =
        |id: &str| format!("<button type=\"button\" class=\"list-add\" data-list=\"{id}\">Add to list</button>");
    for path in ["services/index.html", "directories/local/index.html"] {
        let html = site.output(path);
        assert!(html.contains(&button("rehab-town")) && html.contains(&button("warm-homes")), "{path}");
    }
    let guideline = site.output("guidelines/copd/index.html");
    assert!(guideline.contains(&button("rehab-town")), "the local services box on a guideline");
    assert!(site.output("services/rehab-town/index.html").contains(&button("rehab-town")));
    // Every page loads the script, for the header's link to the list.
    for path in ["index.html", "guidelines/index.html", "about/index.html", "services/index.html", "404.html"] {
        let html = unhashed(&site.output(path));
        assert!(
            html.contains("<li class=\"list-link\" hidden><a href=\"/resp/services/shortlist/\" data-list-link>"),
            "{path}"
        );
        assert_eq!(html.matches("static/js/list-add.js\" defer></script>").count(), 1, "{path}");
    }
}

#[test]
fn a_temporarily_closed_service_cannot_be_added() {
    let site = SiteTest::new("minimal");
    site.edit(
        LOCAL,
        "    last_verified: 2025-01-01\n",
        "    last_verified: 2025-01-01\n    status: temporarily-closed\n",
    );
    site.build().assert_ok();
    assert!(!site.output("services/index.html").contains("data-list=\"warm-homes\""));
    assert!(!site.output("services/warm-homes/index.html").contains("class=\"list-add\""));
    assert!(site.output("services/index.html").contains("data-list=\"rehab-town\""));
}

#[test]
fn the_list_page_is_made_but_not_indexed_searched_or_mapped() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let page = unhashed(&site.output("services/shortlist/index.html"));
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"), "{page}");
    assert!(page.contains("<h1><span class=\"no-print\">Your list of services</span>"), "{page}");
    assert!(page.contains("The list needs JavaScript"), "{page}");
    assert!(page.contains("static/js/shortlist.js\" defer></script>"), "{page}");
    assert!(page.contains("aria-current=\"page\">Your list ("), "the header link is current: {page}");
    assert!(!site.output("sitemap.xml").contains("shortlist"));
    let search = site.root.join("public/search");
    for file in crate::harness::list_files(&search) {
        let text = std::fs::read(search.join(&file)).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&text).contains("Your list of services"), "search/{file}");
    }
}

#[test]
fn a_service_may_not_take_the_list_pages_id() {
    let site = SiteTest::new("minimal");
    site.edit(LOCAL, "  - id: warm-homes\n", "  - id: shortlist\n");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.errors(),
        [
            "error: content/services/local.yaml:27:9: services[1].id: found \"shortlist\", expected another id: /services/shortlist/ is the shortlist page, which signpost makes itself"
        ]
    );
}

#[test]
fn theme_stylesheets_and_scripts_are_served_without_comments() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let css = site.output("static/css/site.css");
    assert!(!css.contains("/*") && css.contains(".list-add"), "comments left in site.css");
    assert!(!css.lines().any(|l| l.starts_with(' ')), "indentation left in site.css");
    let js = site.output("static/js/list-add.js");
    assert!(!js.lines().any(|l| l.trim_start().starts_with("//")), "{js}");
    assert!(js.contains("localStorage.setItem(key, JSON.stringify(ids));"), "{js}");
}
