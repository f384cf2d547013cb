//! `signpost import`: every reference input imports into a site that then
//! checks and builds; re-import is a merge that changes only what changed;
//! bad input is reported in full and never touches the directory file.

use crate::harness::{SiteTest, fixture};
use std::path::Path;
use std::sync::Arc;

const INTO: &str = "content/services/imported.yaml";

/// A site with `input` (a fixture file or folder) copied to `feeds/NAME`,
/// so messages name it by a short relative path.
fn site_with_feed(input: &Path) -> (SiteTest, String) {
    let site = SiteTest::new("minimal");
    let name = input.file_name().unwrap().to_string_lossy().into_owned();
    let rel = format!("feeds/{name}");
    if input.is_dir() {
        crate::harness::copy_dir(input, &site.root.join(&rel));
    } else {
        site.write(&rel, std::fs::read(input).unwrap());
    }
    (site, rel)
}

fn v1_feed() -> std::path::PathBuf {
    fixture("import/v1-feed.json")
}

fn import(site: &SiteTest, feed: &str, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec!["import", feed, "--into", INTO];
    args.extend_from_slice(extra);
    site.run(&args)
}

/// The service block with `id` in a written directory, for focused asserts.
fn service_block(text: &str, id: &str) -> String {
    let start = text.find(&format!("  - id: {id}\n")).unwrap_or_else(|| panic!("no service {id} in\n{text}"));
    let rest = &text[start + 4..];
    let end = rest.find("\n  - id: ").map_or(rest.len(), |i| i + 1);
    text[start..start + 4 + end].to_string()
}

#[test]
fn every_reference_input_imports_and_the_site_checks_and_builds() {
    let inputs = [
        ("openreferral/oruk-v3-examples/service_list.json", "(Open Referral UK v3 service list page)", 1),
        ("openreferral/oruk-v3-examples/service_full.json", "(Open Referral UK v3 service)", 1),
        ("openreferral/oruk-v3-examples/csv", "(Open Referral UK v3 CSV tables)", 1),
        ("openreferral/hsds-1.1-sample-datapackage", "(HSDS 1.1 tabular data package)", 10),
        ("import/v1-feed.json", "(Open Referral UK v1 / HSDS 1.1 JSON page)", 3),
    ];
    for (input, format, created) in inputs {
        let (site, feed) = site_with_feed(&fixture(input));
        let run = import(&site, &feed, &[]);
        run.assert_ok();
        assert!(run.stdout.contains(&format!("from {feed} {format}")), "{input}:\n{}", run.stdout);
        assert!(run.stdout.contains(&format!(": {created} created,")), "{input}:\n{}", run.stdout);
        assert!(site.read(INTO).starts_with(&format!("# Imported by signpost import from {feed}\n")));
        site.check().assert_ok();
        site.build().assert_ok();
    }
}

#[test]
fn v3_fields_map_onto_the_contract() {
    let (site, feed) = site_with_feed(&fixture("openreferral/oruk-v3-examples/service_full.json"));
    import(&site, &feed, &[]).assert_ok();
    let block = service_block(&site.read(INTO), "community-counselling");
    for expected in [
        "    organisation: Example Organization Inc.\n",
        "      website: http://example.com/counselling\n",
        "      lines:\n        - \"1-30 Main Street\"\n      town: MyCity\n      county: MyState\n      postcode: ABC 1234\n",
        "      - days: [thu, fri]\n        opens: \"10:00\"\n        closes: \"18:00\"\n",
        "    cost: \"fees_description; Under 18s and Over 60s: £35 per 1 hour session\"\n",
        "    last_verified: 2005-01-01\n",
        "    minimum_age: 12\n    maximum_age: 100\n",
        "    source_id: ac148810-d857-441c-9679-408f346de14b\n",
    ] {
        assert!(block.contains(expected), "missing {expected:?} in\n{block}");
    }
}

#[test]
fn a_folder_of_v3_pages_imports_every_page() {
    let site = SiteTest::new("minimal");
    let page = std::fs::read_to_string(fixture("openreferral/oruk-v3-examples/service_list.json")).unwrap();
    site.write("feeds/pages/page-1.json", &page);
    let second = page
        .replace("ac148810-d857-441c-9679-408f346de14b", "second-id")
        .replace("Community Counselling", "Group Counselling");
    site.write("feeds/pages/page-2.json", second);
    let run = import(&site, "feeds/pages", &[]);
    run.assert_ok();
    assert!(
        run.stdout.contains("Read 2 services from feeds/pages (folder of 2 Open Referral JSON pages)"),
        "{}",
        run.stdout
    );
    let text = site.read(INTO);
    assert!(text.contains("  - id: community-counselling\n") && text.contains("  - id: group-counselling\n"), "{text}");
}

#[test]
fn a_folder_dump_of_the_v3_api_skips_other_documents_and_prefers_full_services() {
    let (site, feed) = site_with_feed(&fixture("openreferral/oruk-v3-examples"));
    let run = import(&site, &feed, &[]);
    run.assert_ok();
    let skipped: Vec<&str> =
        run.warnings().into_iter().filter(|w| w.contains("skipped: an Open Referral UK v3")).collect();
    assert_eq!(skipped.len(), 8, "{}", run.stderr);
    assert!(skipped.contains(&"warning: feeds/oruk-v3-examples/organization_full.json: skipped: an Open Referral UK v3 organization, not services"));
    // The full record (service_full.json) has the opening hours the list page lacks.
    assert!(service_block(&site.read(INTO), "community-counselling").contains("      - days: [thu, fri]\n"));
}

#[test]
fn v3_csv_tables_join_contacts_phones_and_addresses() {
    let (site, feed) = site_with_feed(&fixture("openreferral/oruk-v3-examples/csv"));
    import(&site, &feed, &[]).assert_ok();
    let block = service_block(&site.read(INTO), "community-counselling");
    for expected in [
        "      phone: \"+44 1234 234567\"\n",
        "      lines:\n        - \"1-30 Main Street\"\n        - MyVillage\n",
        "      - days: [thu, fri]\n        opens: \"10:00\"\n        closes: \"18:00\"\n",
        "    last_verified: 2005-01-01\n",
    ] {
        assert!(block.contains(expected), "missing {expected:?} in\n{block}");
    }
}

#[test]
fn v1_feed_maps_hours_languages_html_and_statuses() {
    let (site, feed) = site_with_feed(&v1_feed());
    let run = import(&site, &feed, &[]);
    run.assert_ok();
    let text = site.read(INTO);
    let debt = service_block(&text, "town-debt-advice");
    assert!(debt.contains("    description: |-\n      Free, confidential **debt advice**.\n"), "{debt}");
    assert!(!debt.contains("alert("), "scripts are removed: {debt}");
    assert!(
        debt.contains("      - days: [mon, tue, wed]\n        opens: \"09:00\"\n        closes: \"17:00\"\n"),
        "{debt}"
    );
    assert!(debt.contains("      - days: [sat]\n        opens: \"10:00\"\n        closes: \"12:30\"\n"), "{debt}");
    assert!(debt.contains("    languages: [English, Polish]\n"), "{debt}");
    assert!(debt.contains("      website: https://www.town-debt.example.org\n"), "{debt}");
    assert!(debt.contains("      postcode: TT1 2BB\n"), "{debt}");
    let warm = service_block(&text, "village-warm-spaces");
    assert!(warm.contains("    status: temporarily-closed\n"), "{warm}");
    assert!(!text.contains("Old Lunch Club"), "defunct services are skipped");
    assert!(run.stdout.contains("  skipped   Old Lunch Club (defunct, source_id v1-0004)\n"), "{}", run.stdout);
}

#[test]
fn verification_dates_come_from_the_feed_and_are_never_invented() {
    let (site, feed) = site_with_feed(&v1_feed());
    let run = import(&site, &feed, &[]);
    run.assert_ok();
    let text = site.read(INTO);
    assert!(service_block(&text, "town-debt-advice").contains("    last_verified: 2026-06-30\n"));
    assert!(service_block(&text, "village-warm-spaces").contains("    last_verified: 2026-03-15\n"));
    assert!(service_block(&text, "breathe-easy-town").contains("    last_verified: 1970-01-01\n"));
    let warnings = run.warnings();
    assert!(warnings.contains(&"warning: feeds/v1-feed.json: 1 service without assured_date; last_verified is the feed's last_modified date, not a verification: \"Village Warm Spaces\""), "{warnings:#?}");
    assert!(warnings.contains(&"warning: feeds/v1-feed.json: 1 service without assured_date or last_modified; last_verified is 1970-01-01 so they show as stale until checked: \"Breathe Easy Town\""), "{warnings:#?}");
}

#[test]
fn categories_come_from_the_map_and_unmapped_terms_get_one_warning() {
    let (site, feed) = site_with_feed(&v1_feed());
    site.write("categories.yaml", std::fs::read(fixture("import/categories.yaml")).unwrap());
    let run = import(&site, &feed, &["--categories", "categories.yaml"]);
    run.assert_ok();
    let text = site.read(INTO);
    assert!(service_block(&text, "town-debt-advice").contains("    categories: [money]\n"));
    assert!(service_block(&text, "village-warm-spaces").contains("    categories: [warmth]\n"));
    assert!(service_block(&text, "breathe-easy-town").contains("    categories: [uncategorised]\n"));
    let about_terms: Vec<&str> = run.warnings().into_iter().filter(|w| w.contains("uncategorised")).collect();
    assert_eq!(
        about_terms,
        [
            "warning: feeds/v1-feed.json: 1 service went into `uncategorised`; 1 taxonomy term not in the categories map: \"Peer support (peer-support)\" (1 service); map terms to categories with --categories MAP.yaml (see docs/import.md)"
        ]
    );
    assert!(run.stdout.contains(", 1 unmapped term;"), "{}", run.stdout);
}

#[test]
fn a_bad_categories_map_is_an_error_with_its_position() {
    let (site, feed) = site_with_feed(&v1_feed());
    site.write("categories.yaml", "debt: Money Advice\n");
    import(&site, &feed, &["--categories", "categories.yaml"]).assert_errors(&[
        "error: categories.yaml:1:7: debt: found \"Money Advice\", expected a category id of lower-case letters, digits and -, or a list of them",
    ]);
    assert!(!site.root.join(INTO).exists());
}

#[test]
fn reimporting_an_unchanged_feed_changes_no_byte() {
    let (site, feed) = site_with_feed(&v1_feed());
    import(&site, &feed, &[]).assert_ok();
    let before = site.read(INTO);
    let modified = std::fs::metadata(site.root.join(INTO)).unwrap().modified().unwrap();
    // A later day: the header's date must not move when nothing changed.
    let run = site.run_with_env(&["import", &feed, "--into", INTO], &[("SIGNPOST_TODAY", "2027-02-01")]);
    run.assert_ok();
    assert_eq!(site.read(INTO), before);
    assert_eq!(std::fs::metadata(site.root.join(INTO)).unwrap().modified().unwrap(), modified, "not rewritten");
    assert!(run.stdout.contains(": 0 created, 0 updated, 3 unchanged, 0 left the feed, 1 skipped"), "{}", run.stdout);
    assert!(run.stdout.contains("no change, content/services/imported.yaml left as it was"), "{}", run.stdout);
}

#[test]
fn a_changed_feed_updates_exactly_that_service_and_keeps_its_id() {
    let (site, feed) = site_with_feed(&v1_feed());
    import(&site, &feed, &[]).assert_ok();
    let before = site.read(INTO);
    site.edit(&feed, "\"name\": \"Breathe Easy Town\"", "\"name\": \"Breathe Easy Town and Village\"");
    site.edit(&feed, "01632 960200", "01632 960299");
    let run = import(&site, &feed, &[]);
    run.assert_ok();
    assert!(run.stdout.contains(": 0 created, 2 updated, 1 unchanged,"), "{}", run.stdout);
    let after = site.read(INTO);
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(
        changed,
        [
            ("    name: Breathe Easy Town", "    name: Breathe Easy Town and Village"),
            ("      phone: \"01632 960200\"", "      phone: \"01632 960299\""),
        ]
    );
    assert_eq!(before.lines().count(), after.lines().count());
}

#[test]
fn hand_edits_to_fields_the_feed_does_not_carry_survive_a_reimport() {
    let (site, feed) = site_with_feed(&v1_feed());
    import(&site, &feed, &[]).assert_ok();
    site.edit(INTO, "    categories: [uncategorised]\n    contact:\n      phone: \"0808 000 0003\"", "    categories: [respiratory]\n    areas: [Town]\n    referral: [self, gp]\n    contact:\n      phone: \"0808 000 0003\"");
    let edited = site.read(INTO);
    let run = import(&site, &feed, &[]);
    run.assert_ok();
    assert!(run.stdout.contains(": 0 created, 0 updated, 3 unchanged,"), "{}", run.stdout);
    assert_eq!(site.read(INTO), edited);
}

#[test]
fn a_service_that_left_the_feed_is_reported_and_kept_unless_remove_missing() {
    let (site, feed) = site_with_feed(&v1_feed());
    import(&site, &feed, &[]).assert_ok();
    let mut json: serde_json::Value = serde_json::from_str(&site.read(&feed)).unwrap();
    json["content"].as_array_mut().unwrap().retain(|s| s["id"] != "v1-0003");
    site.write(&feed, serde_json::to_string_pretty(&json).unwrap());

    let kept = import(&site, &feed, &[]);
    kept.assert_ok();
    assert!(
        kept.stdout.contains("  left feed breathe-easy-town (Breathe Easy Town) kept; --remove-missing removes it\n"),
        "{}",
        kept.stdout
    );
    assert!(kept.stdout.contains(", 1 left the feed,"), "{}", kept.stdout);
    assert!(site.read(INTO).contains("  - id: breathe-easy-town\n"));

    let removed = import(&site, &feed, &["--remove-missing"]);
    removed.assert_ok();
    assert!(removed.stdout.contains("  removed   breathe-easy-town (Breathe Easy Town)\n"), "{}", removed.stdout);
    assert!(!site.read(INTO).contains("breathe-easy-town"));
    site.check().assert_ok();
}

#[test]
fn a_service_gone_inactive_is_kept_and_marked_inactive() {
    let (site, feed) = site_with_feed(&v1_feed());
    import(&site, &feed, &[]).assert_ok();
    site.edit(&feed, "\"status\": \"temporarily closed\"", "\"status\": \"inactive\"");
    let run = import(&site, &feed, &[]);
    run.assert_ok();
    assert!(
        run.stdout.contains("  updated   village-warm-spaces (Village Warm Spaces) now inactive in the feed\n"),
        "{}",
        run.stdout
    );
    assert!(service_block(&site.read(INTO), "village-warm-spaces").contains("    status: inactive\n"));
}

#[test]
fn dry_run_writes_nothing() {
    let (site, feed) = site_with_feed(&v1_feed());
    let run = import(&site, &feed, &["--dry-run"]);
    run.assert_ok();
    assert!(run.stdout.contains("  created   town-debt-advice (Town Debt Advice)\n"), "{}", run.stdout);
    assert!(run.stdout.contains("dry run, content/services/imported.yaml not written"), "{}", run.stdout);
    assert!(!site.root.join(INTO).exists());

    import(&site, &feed, &[]).assert_ok();
    let before = site.read(INTO);
    site.edit(&feed, "01632 960200", "01632 960299");
    import(&site, &feed, &["--dry-run"]).assert_ok();
    assert_eq!(site.read(INTO), before);
}

#[test]
fn new_ids_never_clash_with_other_directories_and_hand_written_files_are_merged() {
    let site = SiteTest::new("minimal");
    // A directory written by hand: no header, one service without source_id.
    site.write(
        INTO,
        "title: Our own list\ndescription: Kept by hand.\nservices:\n  - id: home-visits\n    name: Home visits\n    organisation: Town Health Trust\n    description: Visits at home.\n    categories: [respiratory]\n    last_verified: 2026-01-01\n",
    );
    site.write(
        "feeds/warm.json",
        r#"{"id": "w-1", "name": "Warm homes", "description": "Another warm homes service.", "assured_date": "2026-05-01", "organization": {"name": "County Energy"}, "email": "warm@example.org"}"#,
    );
    let run = import(&site, "feeds/warm.json", &[]);
    run.assert_ok();
    assert!(run.warnings().contains(&"warning: content/services/imported.yaml: was not written by signpost import: its title, description and services without source_id are kept, but the file is rewritten in import's layout and its comments are lost"), "{}", run.stderr);
    let text = site.read(INTO);
    assert!(text.contains("title: Our own list\ndescription: Kept by hand.\n"), "{text}");
    assert!(text.contains("  - id: home-visits\n    name: Home visits\n"), "{text}");
    assert!(
        text.contains("  - id: warm-homes-2\n    name: Warm homes\n"),
        "warm-homes is taken in local.yaml:\n{text}"
    );
    site.check().assert_ok();
}

#[test]
fn a_failed_check_leaves_the_file_as_it_was() {
    let (site, feed) = site_with_feed(&v1_feed());
    site.write(INTO, "title: Before\nservices:\n  - id: before\n    name: Before\n    organisation: O\n    description: D\n    categories: [warmth]\n    last_verified: 2026-01-01\n");
    let before = site.read(INTO);
    // A guideline elsewhere in the site is broken, so the site fails check.
    site.write("content/guidelines/broken.md", "---\ntitle: Broken\n---\nNo summary, version or status.\n");
    let run = import(&site, &feed, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.errors().iter().any(|e| e.starts_with("error: content/guidelines/broken.md")), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: content/services/imported.yaml: the imported directory does not pass signpost's check\n"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read(INTO), before);
}

/// Runs a bad input into a directory that already exists and checks that
/// exactly `errors` are reported and the directory is untouched.
fn assert_bad_input(input: &str, errors: &[&str]) {
    let (site, feed) = site_with_feed(&fixture(&format!("import/bad/{input}")));
    site.write(INTO, "title: Before\nservices:\n  - id: before\n    name: Before\n    organisation: O\n    description: D\n    categories: [warmth]\n    last_verified: 2026-01-01\n");
    let before = site.read(INTO);
    let run = import(&site, &feed, &[]);
    run.assert_errors(errors);
    assert!(run.stderr.ends_with("content/services/imported.yaml was not changed\n"), "{}", run.stderr);
    assert_eq!(site.read(INTO), before, "{input}");
}

#[test]
fn invalid_json_names_the_line_and_column() {
    assert_bad_input(
        "invalid.json",
        &[
            "error: feeds/invalid.json:4:31: found invalid JSON (trailing comma), expected an Open Referral JSON document",
        ],
    );
}

#[test]
fn invalid_csv_names_the_line() {
    assert_bad_input(
        "invalid-csv",
        &["error: feeds/invalid-csv/services.csv:3: found a row of 3 fields, expected 5 like the header"],
    );
}

#[test]
fn a_feed_that_is_not_open_referral_says_what_was_expected() {
    assert_bad_input(
        "not-oruk.json",
        &[
            "error: feeds/not-oruk.json: found an object with keys count, next, results, expected an Open Referral feed: a v3 service list page (total_items, contents), a v3 service (id, name, organization, …) or a v1 / HSDS 1.1 page (content, totalElements)",
        ],
    );
}

/// The warning lines about records left out or values changed.
fn problems(run: &crate::harness::Run) -> Vec<&str> {
    run.warnings().into_iter().filter(|w| w.contains(" × ")).collect()
}

/// Imports a fixture from `import/bad/` into a new directory: the good
/// records go in, and the rest are named, each in one warning line.
fn import_imperfect(input: &str) -> (SiteTest, crate::harness::Run) {
    let (site, feed) = site_with_feed(&fixture(&format!("import/bad/{input}")));
    let run = import(&site, &feed, &[]);
    run.assert_ok();
    (site, run)
}

#[test]
fn records_without_an_id_or_a_name_are_left_out_and_named() {
    let (site, run) = import_imperfect("missing-fields.json");
    assert_eq!(
        problems(&run),
        [
            "warning: feeds/missing-fields.json: 1 × no id (left out): contents[0].id \"No id here\" (no id)",
            "warning: feeds/missing-fields.json: 1 × no usable name (left out): contents[1].name (id \"s-2\", no name)",
        ]
    );
    assert!(
        run.stdout.contains(": 1 created, 0 updated, 0 unchanged, 0 left the feed, 0 skipped, 2 left out, 0 changed,"),
        "{}",
        run.stdout
    );
    assert!(site.read(INTO).contains("  - id: fine-service\n"));
}

#[test]
fn an_id_shared_by_different_services_leaves_them_all_out() {
    let (site, run) = import_imperfect("duplicate-ids.json");
    assert_eq!(
        problems(&run)[0],
        "warning: feeds/duplicate-ids.json: 2 × id shared with a different service (left out): contents[0].id \"First\" (id \"s-1\"): \"s-1 (also at contents[2])\"; contents[2].id \"First again\" (id \"s-1\"): \"s-1 (also at contents[0])\""
    );
    let text = site.read(INTO);
    assert!(text.contains("  - id: second\n") && !text.contains("First"), "{text}");
}

#[test]
fn an_identical_duplicate_is_one_service() {
    let site = SiteTest::new("minimal");
    let service = r#"{"id": "s-1", "name": "Lunch club", "description": "Hot meals.", "assured_date": "2026-01-01"}"#;
    site.write("feeds/twice.json", format!(r#"{{"total_items": 2, "contents": [{service}, {service}]}}"#));
    let run = import(&site, "feeds/twice.json", &[]);
    run.assert_ok();
    assert!(
        run.warnings().contains(&"warning: feeds/twice.json: 1 × the same record twice, imported once (changed): contents[1].id \"Lunch club\" (id \"s-1\"): \"s-1 (first at contents[0])\""),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains(": 1 created,"), "{}", run.stdout);
}

#[test]
fn hours_that_cannot_be_read_are_left_out_and_the_service_imported() {
    let (site, run) = import_imperfect("bad-schedules.json");
    let about_hours: Vec<&str> = run.warnings().into_iter().filter(|w| w.contains("schedules[")).collect();
    assert_eq!(
        about_hours,
        [
            "warning: feeds/bad-schedules.json: 1 × time not understood, those hours left out (changed): schedules[1].opens_at \"Badly timed service\" (id \"s-1\"): \"25:00\"",
            "warning: feeds/bad-schedules.json: 1 × time rewritten as 24-hour (changed): schedules[1].closes_at \"Badly timed service\" (id \"s-1\"): \"9am\"",
            "warning: feeds/bad-schedules.json: 1 × weekday not understood, those hours left out (changed): schedules[0].byday \"Badly timed service\" (id \"s-1\"): \"XX\"",
        ]
    );
    let block = service_block(&site.read(INTO), "badly-timed-service");
    assert!(!block.contains("opening_hours"), "{block}");
}

#[test]
fn every_csv_problem_is_named_with_its_row_and_the_good_rows_imported() {
    let (site, run) = import_imperfect("csv-problems");
    assert_eq!(
        problems(&run),
        [
            "warning: feeds/csv-problems: 1 × no id (left out): services.csv:3 id \"No id\" (no id)",
            "warning: feeds/csv-problems: 1 × no usable name (left out): services.csv:4 name (id \"s-3\", no name)",
            "warning: feeds/csv-problems: 1 × time rewritten as 24-hour (changed): regular_schedules.csv:3 opens_at \"First\" (id \"s-1\"): \"9am\"",
            "warning: feeds/csv-problems: 1 × weekday not understood, those hours left out (changed): regular_schedules.csv:2 weekday \"First\" (id \"s-1\"): \"Funday\"",
        ]
    );
    let block = service_block(&site.read(INTO), "first");
    assert!(block.contains("      - days: [tue]\n        opens: \"09:00\"\n        closes: \"17:00\"\n"), "{block}");
}

#[test]
fn strict_makes_any_problem_an_error_and_writes_nothing() {
    let (site, feed) = site_with_feed(&fixture("import/bad/duplicate-ids.json"));
    let run = import(&site, &feed, &["--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.errors()[0]
            .starts_with("error: feeds/duplicate-ids.json: 2 × id shared with a different service (left out): "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.ends_with("content/services/imported.yaml was not changed\n"), "{}", run.stderr);
    assert!(!site.root.join(INTO).exists());
    // A clean feed passes --strict.
    let (clean, feed) = site_with_feed(&fixture("openreferral/oruk-v3-examples/service_full.json"));
    import(&clean, &feed, &["--strict"]).assert_ok();
}

#[test]
fn a_feed_with_nothing_to_import_is_an_error() {
    let site = SiteTest::new("minimal");
    site.write(
        "feeds/empty.json",
        r#"{"total_items": 1, "total_pages": 1, "contents": [{"id": "x", "name": "Gone", "status": "defunct"}]}"#,
    );
    import(&site, "feeds/empty.json", &[]).assert_errors(&[
        "error: feeds/empty.json: found no services to import (1 skipped, 0 left out), expected at least one active service",
    ]);
    assert!(!site.root.join(INTO).exists());
}

#[test]
fn importing_outside_a_site_is_an_error() {
    let (site, feed) = site_with_feed(&v1_feed());
    site.remove("site.yaml");
    let run = import(&site, &feed, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.errors()[0].starts_with("error: site.yaml: not found in ., expected the site folder to import into"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_empty_placeholder_file_is_imported_into() {
    let (site, feed) = site_with_feed(&v1_feed());
    site.write(INTO, "");
    import(&site, &feed, &[]).assert_ok();
    assert!(site.read(INTO).contains("  - id: town-debt-advice\n"));
}

#[test]
fn an_unreadable_input_is_an_error() {
    let site = SiteTest::new("minimal");
    import(&site, "feeds/nope.json", &[]).assert_errors(&["error: feeds/nope.json: cannot read the input: not found"]);
    assert!(!site.root.join(INTO).exists());
}

#[test]
fn into_must_be_a_yaml_file_inside_content() {
    let (site, feed) = site_with_feed(&v1_feed());
    let run = site.run(&["import", &feed, "--into", "services.yaml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: --into: found \"services.yaml\", expected a .yaml file inside content/"),
        "{}",
        run.stderr
    );
}

/// A v3 API on 127.0.0.1: `/services?page=N` lists ids two to a page and
/// `/services/{id}` gives the full reference service under that id. Ids
/// in `broken` answer 404; ids in `html` answer a web page.
struct FakeApi {
    server: Arc<tiny_http::Server>,
    pub url: String,
}

impl FakeApi {
    fn start(ids: &[&str], broken: &[&str], html: &[&str]) -> FakeApi {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://127.0.0.1:{}", server.server_addr().to_ip().unwrap().port());
        let full: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(fixture("openreferral/oruk-v3-examples/service_full.json")).unwrap(),
        )
        .unwrap();
        let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        let broken: Vec<String> = broken.iter().map(|s| s.to_string()).collect();
        let html: Vec<String> = html.iter().map(|s| s.to_string()).collect();
        let serving = server.clone();
        std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                let (status, body) = answer(request.url(), &ids, &broken, &html, &full);
                let _ = request.respond(tiny_http::Response::from_string(body).with_status_code(status));
            }
        });
        FakeApi { server, url }
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn answer(path: &str, ids: &[String], broken: &[String], html: &[String], full: &serde_json::Value) -> (u16, String) {
    const PER_PAGE: usize = 2;
    let pages = ids.len().div_ceil(PER_PAGE);
    if let Some(page) = path.strip_prefix("/services?page=") {
        let n: usize = page.parse().unwrap_or(1);
        let contents: Vec<serde_json::Value> = ids
            .iter()
            .skip((n - 1) * PER_PAGE)
            .take(PER_PAGE)
            .map(|id| serde_json::json!({"id": id, "name": format!("Service {id}")}))
            .collect();
        let page = serde_json::json!({"total_items": ids.len(), "total_pages": pages, "page_number": n, "size": PER_PAGE, "first_page": n == 1, "last_page": n >= pages, "empty": contents.is_empty(), "contents": contents});
        return (200, page.to_string());
    }
    match path.strip_prefix("/services/") {
        Some(id) if broken.iter().any(|b| b == id) => (404, "not found".into()),
        Some(id) if html.iter().any(|h| h == id) => (200, "<html>maintenance</html>".into()),
        Some(id) if ids.iter().any(|i| i == id) => {
            let mut service = full.clone();
            service["id"] = id.into();
            service["name"] = format!("Counselling {id}").into();
            (200, service.to_string())
        }
        _ => (404, "not found".into()),
    }
}

fn import_url(site: &SiteTest, url: &str) -> crate::harness::Run {
    site.run_with_env(&["import", "--url", url, "--into", INTO], &[("SIGNPOST_IMPORT_DELAY_MS", "0")])
}

#[test]
fn url_pages_through_a_live_v3_api() {
    let api = FakeApi::start(&["svc-1", "svc-2", "svc-3"], &[], &[]);
    let site = SiteTest::new("minimal");
    let run = import_url(&site, &api.url);
    run.assert_ok();
    assert!(
        run.stdout.contains(&format!("Read 3 services from {} (Open Referral UK v3 API)", api.url)),
        "{}",
        run.stdout
    );
    let text = site.read(INTO);
    for id in ["counselling-svc-1", "counselling-svc-2", "counselling-svc-3"] {
        assert!(text.contains(&format!("  - id: {id}\n")), "{text}");
    }
    assert!(text.starts_with(&format!("# Imported by signpost import from {}\n", api.url)));
    site.check().assert_ok();
    // The list endpoint's address works as well as the API's root.
    let again = import_url(&site, &format!("{}/services", api.url));
    assert!(again.stdout.contains("3 unchanged"), "{}", again.stdout);
}

#[test]
fn url_errors_name_the_url_and_every_failure_is_reported() {
    let api = FakeApi::start(&["svc-1", "svc-2", "svc-3"], &["svc-2"], &["svc-3"]);
    let site = SiteTest::new("minimal");
    let run = import_url(&site, &api.url);
    let url = &api.url;
    run.assert_errors(&[
        &format!("error: {url}/services/svc-2: found HTTP status 404, expected 200 OK"),
        &format!("error: {url}/services/svc-3:1:1: found invalid JSON (expected value), expected an Open Referral JSON document"),
    ]);
    assert!(!site.root.join(INTO).exists());
}

#[test]
fn a_url_that_is_not_a_web_address_is_a_usage_error() {
    let site = SiteTest::new("minimal");
    let run = import_url(&site, "ftp://example.org/feed");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.errors(),
        [
            "error: --url: found \"ftp://example.org/feed\", expected the web address of an Open Referral UK v3 API, starting https://"
        ]
    );
}

#[test]
fn an_unreachable_url_is_a_clear_error() {
    // A port that was free a moment ago and has nothing listening now.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let site = SiteTest::new("minimal");
    let url = format!("http://127.0.0.1:{port}");
    let run = import_url(&site, &url);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(errors[0].starts_with(&format!("error: {url}/services?page=1: cannot reach the feed: ")), "{}", errors[0]);
    assert!(!site.root.join(INTO).exists());
}
