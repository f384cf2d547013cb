//! Issue 21, point 1 (clinical safety): wherever a guideline's status shows,
//! its review state shows too. Approved guidance past its review date never
//! says "Approved" on its own: not in the sticky bar a GP sees after following
//! a search result to a section, not in lists, cards, search results, the
//! printed header or the feed.

use crate::harness::SiteTest;

/// One guideline of each status × review state, in the minimal fixture
/// (today is 2026-11-25, review_warning_days 60):
/// - copd: approved, review 2028 (ok);
/// - asthma: approved, review 2026-12-20 (due soon);
/// - overdue: approved, review 2026-10-01 (overdue), cites rehab-town;
/// - copd-2020: superseded, review date long past (its status speaks, not the date);
/// - withdrawn: withdrawn, review date past;
/// - oxygen: draft (built with --drafts).
fn site() -> SiteTest {
    let site = SiteTest::new("minimal");
    site.write(
        "content/guidelines/overdue.md",
        "---\ntitle: Breathlessness overdue\nsummary: Past its review date.\nversion: \"1.0\"\nstatus: approved\n\
         authors: [Dr D Example]\napproved_by: Test Respiratory Network\npublished: 2024-10-01\n\
         review_due: 2026-10-01\nrelated_services: [rehab-town]\nchanges:\n  - version: \"1.0\"\n    date: 2024-10-01\n    note: First version\n---\n\n\
         ## Interpreting the results\n\nText.\n",
    );
    site.write(
        "content/guidelines/withdrawn.md",
        "---\ntitle: Old oxygen advice\nsummary: Withdrawn.\nversion: \"1.0\"\nstatus: withdrawn\n\
         authors: [Dr E Example]\napproved_by: Test Respiratory Network\npublished: 2020-01-01\n\
         review_due: 2021-01-01\n---\n\nOld.\n",
    );
    site.run(&["build", "--drafts"]).assert_ok();
    site
}

/// The sticky bar of a guideline page: the only status a reader sees once
/// scrolled into a section.
fn sticky_bar(site: &SiteTest, key: &str) -> String {
    let html = site.output(&format!("guidelines/{key}/index.html"));
    let start = html.find("<div class=\"guideline-bar\">").unwrap_or_else(|| panic!("{key}: no sticky bar"));
    let end = start + html[start..].find("</div>").unwrap();
    html[start..end].to_string()
}

/// The guidelines list's row for a guideline.
fn list_row(site: &SiteTest, key: &str) -> String {
    let html = site.output("guidelines/index.html");
    let href = format!("<th scope=\"row\" role=\"rowheader\"><a href=\"/resp/guidelines/{key}/\"");
    let at = html.find(&href).unwrap_or_else(|| panic!("{key} not in the list"));
    let start = html[..at].rfind("<tr").unwrap();
    let end = at + html[at..].find("</tr>").unwrap();
    html[start..end].to_string()
}

/// (guideline, badge class, badge text, the status in a sentence)
const EXPECTED: &[(&str, &str, &str, &str)] = &[
    ("copd", "badge-approved", "Approved", "Approved"),
    ("asthma", "badge-due-soon", "Review due soon", "Approved, review due soon"),
    ("overdue", "badge-overdue", "Review overdue", "Approved, review overdue"),
    ("copd-2020", "badge-superseded", "Superseded", "Superseded, do not use"),
    ("withdrawn", "badge-withdrawn", "Withdrawn", "Withdrawn, do not use"),
    ("oxygen", "badge-draft", "Draft", "Draft, not for clinical use"),
];

#[test]
fn the_sticky_bar_carries_the_review_state() {
    let site = site();
    for (key, class, label, _) in EXPECTED {
        let bar = sticky_bar(&site, key);
        assert!(bar.contains(&format!("class=\"badge standing {class}\"")), "{key}: {bar}");
        assert!(bar.contains(&format!("{label}</span>")), "{key}: {bar}");
        if *key != "copd" {
            assert!(!bar.contains("Approved"), "{key}: the bar must not say Approved: {bar}");
        }
    }
    // The clock marks a badge that speaks of the review date.
    assert!(sticky_bar(&site, "overdue").contains("<svg class=\"icon\""));
    assert!(!sticky_bar(&site, "copd-2020").contains("<svg"));
}

#[test]
fn the_guideline_page_says_it_in_the_details_line_the_status_row_and_print() {
    let site = site();
    for (key, class, _, full) in EXPECTED {
        let html = site.output(&format!("guidelines/{key}/index.html"));
        assert!(
            html.contains(&format!("<span class=\"visually-hidden\">Guideline details: </span><span class=\"standing-full\">{full}</span> · version")),
            "{key}: the one-line details"
        );
        let status_row = &html[html.find("<dt>Status</dt>").expect("status row")..];
        let status_row = &status_row[..status_row.find("</div>").unwrap()];
        assert!(status_row.contains(&format!("class=\"badge standing {class}\"")), "{key}: {status_row}");
        assert!(status_row.contains(full), "{key}: {status_row}");
        let print = &html[html.find("Printed copy of version").unwrap()..];
        assert!(
            print[..print.find("</p>").unwrap()].contains(&format!("(<span class=\"standing-full\">{full}</span>)")),
            "{key}: {print}"
        );
    }
}

#[test]
fn lists_cards_search_and_the_feed_carry_the_review_state() {
    let site = site();
    for (key, class, label, _) in EXPECTED {
        let row = list_row(&site, key);
        assert!(row.contains(&format!("class=\"badge standing {class}\"")), "{key}: {row}");
        assert!(row.contains(&format!("{label}</span>")), "{key}: {row}");
    }

    // A service page lists the guidelines that cite it, with their standing.
    let service = site.main_of("services/rehab-town/index.html");
    let cited = &service[service.find("cited-heading").expect("cited by")..];
    let overdue = &cited[cited.find("Breathlessness overdue").expect("overdue cites it")..];
    assert!(overdue[..overdue.find("</li>").unwrap()].contains("badge standing badge-overdue"), "{cited}");
    assert!(overdue[..overdue.find("</li>").unwrap()].contains("Review overdue"), "{cited}");

    // The search index's result details: the page's badge, not a bare status.
    let search = search_files(&site);
    assert!(search.contains(r#""standing":"Review overdue","standing_tone":"overdue""#), "search meta");
    assert!(search.contains(r#""standing":"Review due soon","standing_tone":"due-soon""#), "search meta");
    assert!(search.contains(r#""status_label":"Approved, review overdue""#), "search meta");

    // The feed says where each changed guideline stands now.
    let feed = site.output("feed.xml");
    let entry = &feed[feed.find("<title>Breathlessness overdue – version 1.0</title>").expect("entry")..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    assert!(entry.contains("First version (Current status: Approved, review overdue.)"), "{entry}");
    assert!(entry.contains(r#"<category term="overdue" label="Review overdue"/>"#), "{entry}");
}

#[test]
fn the_review_state_follows_today() {
    // The same approved guideline, built on three days around its review date.
    let site = SiteTest::new("minimal");
    for (today, label) in
        [("2027-11-10", "Approved"), ("2027-11-11", "Review due soon"), ("2028-01-11", "Review overdue")]
    {
        site.run_with_env(&["build"], &[("SIGNPOST_TODAY", today)]).assert_ok();
        let bar = sticky_bar(&site, "copd");
        assert!(bar.contains(&format!("{label}</span>")), "{today}: {bar}");
    }
}

/// Every text file of the search index, joined.
fn search_files(site: &SiteTest) -> String {
    crate::harness::list_files(&site.root.join("public/search"))
        .iter()
        .filter_map(|f| std::fs::read(site.root.join("public/search").join(f)).ok())
        .filter_map(|bytes| String::from_utf8(bytes).ok())
        .collect::<Vec<_>>()
        .join("\n")
}
