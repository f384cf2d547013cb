//! "Open now": the opening hours every page that shows a service carries for
//! `static/js/open-now.js` (its `data-hours`), the search fragment's `hours`,
//! and which pages load the script. The line itself is drawn in the browser
//! (tests/browser/open-now.test.mjs and checks/open-now.mjs).

use crate::harness::{SiteTest, unhashed};
use std::path::Path;

const LOCAL: &str = "content/services/local.yaml";
const SCRIPT: &str = "static/js/open-now.js\" defer></script>";
const WEEKDAYS: &str = "data-hours=\"mon,tue,wed,thu,fri 09:00-17:00;bh closed\"";

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
    assert!(page.contains("<p class=\"hours-note\">Usually closed on bank holidays.</p>"), "{page}");
    // The site's bank holidays, for the script: England and Wales's, from a
    // week before "today" (2026-11-25) to two years after it.
    assert!(
        page.contains("<meta name=\"signpost-bank-holidays\" content=\"2026-12-25 2026-12-28 2027-01-01 2027-03-26 2027-03-29 2027-05-03 "),
        "{page}"
    );
    assert!(unhashed(&page).contains(SCRIPT), "{page}");

    for list in ["services/index.html", "directories/local/index.html", "guidelines/copd/index.html"] {
        let html = site.output(list);
        assert!(html.contains(WEEKDAYS), "{list}: {html}");
        assert!(html.contains("<small class=\"open-now-note\">Bank holiday hours may differ</small>"), "{list}");
        assert!(unhashed(&html).contains(SCRIPT), "{list} does not load the script");
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
    assert!(page.contains("data-hours=\"fri,sat 20:00-24:00;sat,sun 00:00-03:00;bh check\""), "{page}");
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
    assert_eq!(find("/services/rehab-town/")["meta"]["hours"], "mon,tue,wed,thu,fri 09:00-17:00;bh closed");
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

const HOURS: &str = "      - days: [mon, tue, wed, thu, fri]\n        opens: \"09:00\"\n        closes: \"17:00\"\n";

#[test]
fn bank_holiday_hours_and_the_site_calendar_reach_the_script() {
    let site = SiteTest::new("minimal");
    site.edit(
        LOCAL,
        HOURS,
        &format!("{HOURS}      - days: [sat, bank-holidays]\n        opens: \"10:00\"\n        closes: \"14:00\"\n"),
    );
    site.edit(LOCAL, "    description: Advice on heating and bills.\n", "    description: Advice on heating and bills.\n    opening_hours:\n      - days: [mon]\n        opens: \"09:00\"\n        closes: \"12:00\"\n    bank_holidays: open\n");
    site.edit(
        "site.yaml",
        "stale_service_days: 365\n",
        "stale_service_days: 365\nbank_holidays: scotland\nextra_bank_holidays: [2027-06-04]\n",
    );
    site.build().assert_ok();
    let rehab = site.output("services/rehab-town/index.html");
    assert!(rehab.contains("data-hours=\"mon,tue,wed,thu,fri 09:00-17:00;sat,bh 10:00-14:00\""), "{rehab}");
    assert!(rehab.contains("Saturday and bank holidays:</span> 10am to 2pm"), "{rehab}");
    assert!(!rehab.contains("hours-note"), "its hours say it all: {rehab}");
    // Scotland's: 2 January (4 January in 2027), no Easter Monday, and the one-off day.
    assert!(rehab.contains("content=\"2026-11-30 2026-12-25 2026-12-28 2027-01-01 2027-01-04 2027-03-26 2027-05-03 2027-05-31 2027-06-04 2027-08-02 "), "{rehab}");
    let warm = site.output("services/warm-homes/index.html");
    assert!(warm.contains("data-hours=\"mon 09:00-12:00;bh open\""), "{warm}");
    assert!(warm.contains("<p class=\"hours-note\">Usual hours on bank holidays.</p>"), "{warm}");
}

#[test]
fn bad_bank_holiday_settings_are_errors() {
    let site = SiteTest::new("minimal");
    site.edit(LOCAL, HOURS, &format!("{HOURS}      - days: [bank-holidays]\n        opens: \"10:00\"\n        closes: \"14:00\"\n    bank_holidays: closed\n"));
    site.edit(
        LOCAL,
        "    description: Advice on heating and bills.\n",
        "    description: Advice on heating and bills.\n    bank_holidays: sometimes\n",
    );
    site.edit(
        "site.yaml",
        "stale_service_days: 365\n",
        "stale_service_days: 365\nbank_holidays: wales\nextra_bank_holidays: [4 June 2027]\n",
    );
    let run = site.check();
    let errors = run.errors();
    assert_eq!(errors.len(), 4, "{}", run.stderr);
    assert!(
        errors.iter().any(|e| e.starts_with("error: site.yaml:")
            && e.contains(
                "bank_holidays: found \"wales\", expected one of england-and-wales, scotland, northern-ireland"
            )),
        "{}",
        run.stderr
    );
    assert!(
        errors.iter().any(|e| e.contains("extra_bank_holidays: found \"4 June 2027\", expected a date YYYY-MM-DD")),
        "{}",
        run.stderr
    );
    assert!(errors.iter().any(|e| e.contains("services[0].bank_holidays: found bank_holidays beside an opening_hours entry with days: [bank-holidays], expected one or the other")), "{}", run.stderr);
    assert!(
        errors.iter().any(|e| e.contains("services[1].bank_holidays: found \"sometimes\", expected open or closed")),
        "{}",
        run.stderr
    );
}
