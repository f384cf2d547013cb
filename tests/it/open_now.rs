//! "Open now": the opening hours every page that shows a service carries for
//! `static/js/open-now.js` (its `data-hours`), the search fragment's `hours`,
//! and which pages load the script. The line itself is drawn in the browser
//! (tests/browser/open-now.test.mjs and checks/open-now.mjs).

use crate::harness::SiteTest;
use std::path::Path;

const LOCAL: &str = "content/services/local.yaml";
const SCRIPT: &str = "static/js/open-now.js\" defer></script>";
const WEEKDAYS: &str = "data-hours=\"mon,tue,wed,thu,fri 09:00-17:00\"";

#[test]
fn pages_that_show_a_service_carry_its_hours_and_load_the_script() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();

    let page = site.output("services/rehab-town/index.html");
    assert!(
        page.contains(&format!("<p class=\"open-now\" {WEEKDAYS}><span class=\"open-now-status\"></span></p>")),
        "{page}"
    );
    assert!(page.contains("<li><span class=\"hours-days\">Monday to Friday:</span> 9am to 5pm</li>"), "{page}");
    assert!(page.contains("Bank holiday hours may differ"), "{page}");
    assert!(page.contains(SCRIPT), "{page}");

    for list in ["services/index.html", "directories/local/index.html", "guidelines/copd/index.html"] {
        let html = site.output(list);
        assert!(html.contains(WEEKDAYS), "{list}: {html}");
        assert!(html.contains("<small class=\"open-now-note\">Bank holiday hours may differ</small>"), "{list}");
        assert!(html.contains(SCRIPT), "{list} does not load the script");
    }
    // warm-homes lists no hours: said in words, on its page and in lists, without the script.
    let other = site.output("services/warm-homes/index.html");
    assert!(other.contains("<p>Opening hours not listed: ask the service.</p>"), "{other}");
    assert!(!other.contains("data-hours=\"") && !other.contains("open-now.js"), "{other}");
    assert!(!other.contains("Bank holiday"), "{other}");
    assert!(
        site.output("services/index.html")
            .contains("<p class=\"open-now open-now-unknown\">Opening hours not listed</p>")
    );
    // Pages without services do without it.
    for plain in ["index.html", "guidelines/index.html", "404.html"] {
        assert!(!site.output(plain).contains("open-now.js"), "{plain} loads open-now.js");
    }
}

#[test]
fn hours_past_midnight_are_written_as_two_intervals_up_to_24_00() {
    let site = SiteTest::new("minimal");
    site.edit(
        LOCAL,
        "      - days: [mon, tue, wed, thu, fri]\n        opens: \"09:00\"\n        closes: \"17:00\"\n",
        "      - days: [fri, sat]\n        opens: \"20:00\"\n        closes: \"24:00\"\n      - days: [sat, sun]\n        opens: \"00:00\"\n        closes: \"03:00\"\n",
    );
    site.build().assert_ok();
    let page = site.output("services/rehab-town/index.html");
    assert!(page.contains("data-hours=\"fri,sat 20:00-24:00;sat,sun 00:00-03:00\""), "{page}");
    assert!(page.contains("Friday and Saturday:</span> 8pm to midnight"), "{page}");
}

#[test]
fn a_temporarily_closed_service_gets_no_open_now_line() {
    let site = SiteTest::new("minimal");
    site.edit(
        LOCAL,
        "    last_verified: 2026-09-01\n",
        "    last_verified: 2026-09-01\n    status: temporarily-closed\n",
    );
    site.build().assert_ok();
    for path in ["services/rehab-town/index.html", "services/index.html", "guidelines/copd/index.html"] {
        let html = site.output(path);
        assert!(!html.contains("data-hours=\""), "{path}: {html}");
    }
    for list in ["services/index.html", "guidelines/copd/index.html"] {
        // (warm-homes, in the list, says it lists no hours.)
        assert!(!site.output(list).contains("Bank holiday"), "{list}");
    }
    assert!(!site.output("services/rehab-town/index.html").contains("open-now.js"));
    // Its hours in words stay on its page, for when it reopens.
    assert!(site.output("services/rehab-town/index.html").contains("Monday to Friday:</span> 9am to 5pm"));
}

#[test]
fn a_service_search_fragment_carries_its_hours() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let mut fragments = Vec::new();
    collect_json(&site.root.join("public/search/engine/fragments"), &mut fragments);
    let find = |url: &str| {
        fragments
            .iter()
            .find(|f| f["url"].as_str().is_some_and(|u| u.ends_with(url)))
            .unwrap_or_else(|| panic!("no fragment for {url}"))
    };
    assert_eq!(find("/services/rehab-town/")["meta"]["hours"], "mon,tue,wed,thu,fri 09:00-17:00");
    assert!(find("/services/warm-homes/")["meta"].get("hours").is_none(), "no hours, no meta");
}

fn collect_json(dir: &Path, out: &mut Vec<serde_json::Value>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_json(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap());
        }
    }
}
