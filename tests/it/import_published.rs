//! `signpost import` on feeds as councils and 211 services publish them
//! (issue 19): imperfect records are left out or mended and reported, the
//! rest imported; the site then checks and builds; re-import changes no
//! byte. The fixtures under `tests/fixtures/import/published/` are written
//! by us in the shapes real feeds take.

use crate::harness::{SiteTest, fixture};

const INTO: &str = "content/services/imported.yaml";

fn site_with(name: &str) -> (SiteTest, String) {
    let site = SiteTest::new("minimal");
    let input = fixture(&format!("import/published/{name}"));
    let rel = format!("feeds/{name}");
    if input.is_dir() {
        crate::harness::copy_dir(&input, &site.root.join(&rel));
    } else {
        site.write(&rel, std::fs::read(&input).unwrap());
    }
    (site, rel)
}

fn import(site: &SiteTest, feed: &str, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec!["import", feed, "--into", INTO];
    args.extend_from_slice(extra);
    site.run(&args)
}

fn service_block(text: &str, id: &str) -> String {
    let start = text.find(&format!("  - id: {id}\n")).unwrap_or_else(|| panic!("no service {id} in\n{text}"));
    let rest = &text[start + 4..];
    let end = rest.find("\n  - id: ").map_or(rest.len(), |i| i + 1);
    text[start..start + 4 + end].to_string()
}

/// The summary line, without the words after `;` that say what was written.
fn summary(run: &crate::harness::Run) -> &str {
    let line = run.stdout.lines().find(|l| l.starts_with("Import into ")).expect("a summary line");
    line.split("; ").next().unwrap()
}

/// Every line a person reads is short enough to read.
fn assert_lines_readable(run: &crate::harness::Run) {
    for line in run.stderr.lines().chain(run.stdout.lines().filter(|l| !l.starts_with("By reason: "))) {
        assert!(line.chars().count() <= 300, "{} characters: {line}", line.chars().count());
    }
}

/// Imports again on a later day: nothing changes, not even the file's date.
fn assert_reimport_changes_no_byte(site: &SiteTest, feed: &str) {
    let before = site.read(INTO);
    let run = site.run_with_env(&["import", feed, "--into", INTO], &[("SIGNPOST_TODAY", "2027-02-01")]);
    run.assert_ok();
    assert_eq!(site.read(INTO), before);
    assert!(run.stdout.contains("no change, content/services/imported.yaml left as it was"), "{}", run.stdout);
}

#[test]
fn a_v1_council_feed_imports_what_is_good_and_reports_the_rest() {
    let (site, feed) = site_with("council-v1.json");
    let run = import(&site, &feed, &["--report", "report.csv"]);
    run.assert_ok();
    assert_lines_readable(&run);
    assert_eq!(
        summary(&run),
        "Import into content/services/imported.yaml: 2 created, 0 updated, 0 unchanged, 0 left the feed, 1 skipped, 3 left out, 2 changed, 0 unmapped terms"
    );
    assert!(run.stdout.contains("\nBy reason: 1 no usable name, 2 id shared with a different service, 1 the same record twice, imported once, 4 time rewritten as 24-hour, 2 opening hours without a time, skipped, 1 phone extension kept as \"ext.\", 1 placeholder email dropped, 1 web address scheme made lower case, 2 placeholder age dropped, 1 description link without a usable address, kept as text, 1 description link without a scheme, given https://, 1 description sms: link, kept as text, 1 description image without alt text, dropped, 1 literal escape sequences or markers in text, cleaned\n"), "{}", run.stdout);
    assert_eq!(
        site.read("report.csv"),
        r#"feed_file,row,field,feed_id,name,outcome,reason,found
feeds/council-v1.json,,[1].name,bc-2,,left out,no usable name,
feeds/council-v1.json,,[0].description,bc-1,Healthy Minds Drop-in,changed,"literal escape sequences or markers in text, cleaned",\n ###MON###
feeds/council-v1.json,,[0].description,bc-1,Healthy Minds Drop-in,changed,"description link without a usable address, kept as text",info@northbristol
feeds/council-v1.json,,[0].description,bc-1,Healthy Minds Drop-in,changed,"description link without a scheme, given https://",www.nlmind.org.
feeds/council-v1.json,,[0].description,bc-1,Healthy Minds Drop-in,changed,"description sms: link, kept as text",sms:07700900123
feeds/council-v1.json,,[0].description,bc-1,Healthy Minds Drop-in,changed,"description image without alt text, dropped",https://cdn.example.org/banner.png
feeds/council-v1.json,,[0].minimum_age,bc-1,Healthy Minds Drop-in,changed,placeholder age dropped,-1
feeds/council-v1.json,,[0].maximum_age,bc-1,Healthy Minds Drop-in,changed,placeholder age dropped,-1
feeds/council-v1.json,,[0].phones[0].number,bc-1,Healthy Minds Drop-in,changed,"phone extension kept as ""ext.""",0117 496 0001 ext 12
feeds/council-v1.json,,[0].email,bc-1,Healthy Minds Drop-in,changed,placeholder email dropped,Unknown-1777@noemail.invalid
feeds/council-v1.json,,[0].url,bc-1,Healthy Minds Drop-in,changed,web address scheme made lower case,HTTPS://www.healthyminds.example.org
feeds/council-v1.json,,[0].regular_schedules[0].opens_at,bc-1,Healthy Minds Drop-in,changed,time rewritten as 24-hour,9:00am
feeds/council-v1.json,,[0].regular_schedules[0].closes_at,bc-1,Healthy Minds Drop-in,changed,time rewritten as 24-hour,5:00pm
feeds/council-v1.json,,[0].regular_schedules[1].opens_at,bc-1,Healthy Minds Drop-in,changed,time rewritten as 24-hour,9:00am
feeds/council-v1.json,,[0].regular_schedules[1].closes_at,bc-1,Healthy Minds Drop-in,changed,time rewritten as 24-hour,5:00pm
feeds/council-v1.json,,[0].regular_schedules[2].opens_at,bc-1,Healthy Minds Drop-in,changed,"opening hours without a time, skipped",
feeds/council-v1.json,,[0].regular_schedules[2].closes_at,bc-1,Healthy Minds Drop-in,changed,"opening hours without a time, skipped",
feeds/council-v1.json,,[3].id,bc-3,Town Food Bank,changed,"the same record twice, imported once",bc-3 (first at [2])
feeds/council-v1.json,,[4].id,bc-5,Carers Café,left out,id shared with a different service,bc-5 (also at [5])
feeds/council-v1.json,,[5].id,bc-5,Carers Café (Tuesdays),left out,id shared with a different service,bc-5 (also at [4])
"#
    );
    let block = service_block(&site.read(INTO), "healthy-minds-drop-in");
    for expected in [
        "    description: |-\n      ## About us\n\n      Peer support for adults. Email our team, see [North Mind](https://www.nlmind.org) or text us.\n\n      ### Groups\n",
        "    eligibility: \"For: Homeless, Care leavers\"\n",
        // The contact's number follows the service's own: nothing dropped.
        "    contact:\n      phone: \"0117 496 0001 ext. 12\"\n      phones:\n        - number: \"0117 496 0002\"\n      website: https://www.healthyminds.example.org\n",
        "      - days: [mon, tue]\n        opens: \"09:00\"\n        closes: \"17:00\"\n",
    ] {
        assert!(block.contains(expected), "missing {expected:?} in\n{block}");
    }
    for gone in ["noemail", "minimum_age", "###MON###", "\\n", "banner.png", "sms:", "northbristol"] {
        assert!(!block.contains(gone), "{gone:?} in\n{block}");
    }
    let check = site.check();
    check.assert_ok();
    assert!(!check.stderr.contains("uncategorised"), "signpost's own category needs no label:\n{}", check.stderr);
    site.build().assert_ok();
    let page = site.output("services/healthy-minds-drop-in/index.html");
    assert!(
        page.contains(r#"<li><a href="tel:+441174960001">0117 496 0001 ext. 12</a></li>"#),
        "dialled without the extension"
    );
    assert!(page.contains(r#"<li><a href="tel:+441174960002">0117 496 0002</a></li>"#), "{page}");
    assert_reimport_changes_no_byte(&site, &feed);
}

#[test]
fn an_hsds_package_with_12_hour_times_and_extensions_imports_from_its_data_folder() {
    let (site, feed) = site_with("hsds-12h");
    let run = import(&site, &feed, &["--report", "report.csv"]);
    run.assert_ok();
    assert_lines_readable(&run);
    assert!(
        run.stdout.starts_with("Read 3 services from feeds/hsds-12h (HSDS 1.1 tabular data package); found: folder, datapackage.json listing 4 tables found, 4 CSV tables in data/\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        summary(&run),
        "Import into content/services/imported.yaml: 2 created, 0 updated, 0 unchanged, 0 left the feed, 0 skipped, 1 left out, 2 changed, 0 unmapped terms"
    );
    assert!(run.warnings().contains(&"warning: feeds/hsds-12h/datapackage.json: lists the resource \"holiday_schedules.csv\", found neither holiday_schedules.csv nor data/holiday_schedules.csv; that table is left out"), "{}", run.stderr);
    assert!(run.warnings().contains(&"warning: feeds/hsds-12h: 6 × time rewritten as 24-hour (changed): data/regular_schedules.csv:2 opens_at \"Food Pantry\" (id \"1\"): \"9:00am\"; data/regular_schedules.csv:2 closes_at \"Food Pantry\" (id \"1\"): \"5:00pm\"; and 4 more; every one in --report"), "{}", run.stderr);
    let report = site.read("report.csv");
    for row in [
        "feeds/hsds-12h/data/services.csv,4,name,3,,left out,no usable name,\n",
        // Said of the phones.csv row the number is on (issue 19, point 6).
        "feeds/hsds-12h/data/phones.csv,2,number,1,Food Pantry,changed,\"phone extension kept as \"\"ext.\"\"\",305-899-8087 x105\n",
        "feeds/hsds-12h/data/phones.csv,3,number,2,Legal Aid Clinic,changed,\"phone extension kept as \"\"ext.\"\"\",305-555-0100 ext 22\n",
        "feeds/hsds-12h/data/regular_schedules.csv,4,opens_at,2,Legal Aid Clinic,changed,\"opening hours without a time, skipped\",\n",
        "feeds/hsds-12h/data/regular_schedules.csv,5,closes_at,2,Legal Aid Clinic,changed,time rewritten as 24-hour,2000\n",
    ] {
        assert!(report.contains(row), "missing {row:?} in\n{report}");
    }
    let text = site.read(INTO);
    let pantry = service_block(&text, "food-pantry");
    assert!(pantry.contains("      phone: \"305-899-8087 ext. 105\"\n      email: pantry@example.net\n      website: https://pantry.example.org\n"), "{pantry}");
    assert!(
        pantry.contains("      - days: [mon, tue]\n        opens: \"09:00\"\n        closes: \"17:00\"\n"),
        "{pantry}"
    );
    let legal = service_block(&text, "legal-aid-clinic");
    // Its fax is kept too, labelled by its phones.csv type.
    assert!(
        legal.contains("      phone: \"305-555-0100 ext. 22\"\n      phones:\n        - number: \"305-555-0199\"\n          label: Fax\n"),
        "{legal}"
    );
    assert!(legal.contains("      - days: [thu]\n        opens: \"17:30\"\n        closes: \"20:00\"\n"), "{legal}");
    site.check().assert_ok();
    site.build().assert_ok();
    let page = site.output("services/food-pantry/index.html");
    assert!(page.contains(r#"<a href="tel:3058998087">305-899-8087 ext. 105</a>"#), "{page}");
    assert_reimport_changes_no_byte(&site, &feed);
}

#[test]
fn a_zipped_package_reads_as_the_folder_does() {
    let (folder_site, folder) = site_with("hsds-12h");
    import(&folder_site, &folder, &[]).assert_ok();
    let (site, zip) = site_with("hsds-12h.zip");
    let run = import(&site, &zip, &[]);
    run.assert_ok();
    assert!(run.stdout.contains("(HSDS 1.1 tabular data package); found: zip, datapackage.json listing 4 tables found, 4 CSV tables in data/\n"), "{}", run.stdout);
    assert!(
        run.warnings().contains(
            &"warning: feeds/hsds-12h.zip: 1 × no usable name (left out): data/services.csv:4 name (id \"3\", no name)"
        ),
        "{}",
        run.stderr
    );
    let body = |text: String| text.split_once("\ntitle: ").unwrap().1.to_string();
    assert_eq!(body(site.read(INTO)), body(folder_site.read(INTO)));
    site.check().assert_ok();
    assert_reimport_changes_no_byte(&site, &zip);
}

#[test]
fn the_descriptor_itself_can_be_the_input() {
    let (site, feed) = site_with("hsds-12h");
    let run = import(&site, &format!("{feed}/datapackage.json"), &[]);
    run.assert_ok();
    assert!(run.stdout.contains(": 2 created,"), "{}", run.stdout);
}

#[test]
fn v3_pages_with_html_descriptions_import_with_headings_under_the_name_and_missing_pages_said() {
    let (site, feed) = site_with("v3-pages");
    let run = import(&site, &feed, &[]);
    run.assert_ok();
    assert_lines_readable(&run);
    assert!(run.warnings().contains(&"warning: feeds/v3-pages: found 2 of the feed's 3 pages; page 3 is missing, so only the services of the pages found are imported (put every page in the folder, or use --url)"), "{}", run.stderr);
    let text = site.read(INTO);
    let hub = service_block(&text, "family-hub-north");
    assert!(hub.contains("    description: |-\n      ## What we offer\n\n      Stay and play, sessions and advice.\n\n      ### Who it is for\n"), "{hub}");
    assert!(
        hub.contains("      - days: [mon, tue, wed]\n        opens: \"09:00\"\n        closes: \"12:00\"\n"),
        "{hub}"
    );
    let baby = service_block(&text, "baby-bank");
    assert!(baby.contains("    name: Baby Bank\n") && !baby.contains("alert"), "{baby}");
    assert!(!service_block(&text, "dads-group").contains("opening_hours"));
    site.check().assert_ok();
    site.build().assert_ok();
    assert_reimport_changes_no_byte(&site, &feed);
}

#[test]
fn a_service_that_fails_the_check_is_left_out_against_its_record_and_the_dry_run_says_so_too() {
    let site = SiteTest::new("minimal");
    // Plain text is kept as Markdown, so a link to a page the site lacks
    // fails the check: the service is left out, named by its record.
    site.write(
        "feeds/feed.json",
        r#"{"total_items": 2, "contents": [
            {"id": "a-1", "name": "Good advice", "description": "Advice.", "assured_date": "2026-01-01"},
            {"id": "a-2", "name": "Broken link", "description": "See [our page](missing-page.md).", "assured_date": "2026-01-01"}]}"#,
    );
    let expected = "warning: feeds/feed.json: 1 × fails signpost's check (left out): contents[1] \"Broken link\" (id \"a-2\"): \"link: found a link to \\\"missing-page.md\\\", expected an existin…\"";
    let dry = import(&site, "feeds/feed.json", &["--dry-run"]);
    dry.assert_ok();
    assert!(dry.warnings().contains(&expected), "{}", dry.stderr);
    assert!(
        dry.stdout.contains(": 1 created, 0 updated, 0 unchanged, 0 left the feed, 0 skipped, 1 left out, 0 changed,"),
        "{}",
        dry.stdout
    );
    assert!(!site.root.join(INTO).exists());
    let real = import(&site, "feeds/feed.json", &[]);
    real.assert_ok();
    assert!(real.warnings().contains(&expected), "{}", real.stderr);
    assert!(
        !real.stderr.contains("content/services/imported.yaml:"),
        "no error points at the unwritten file:\n{}",
        real.stderr
    );
    site.check().assert_ok();
}

#[test]
fn a_dry_run_fails_when_the_import_would() {
    let site = SiteTest::new("minimal");
    site.write(
        "feeds/feed.json",
        r#"{"total_items": 1, "contents": [{"id": "a-1", "name": "Good advice", "description": "Advice."}]}"#,
    );
    site.write("content/guidelines/broken.md", "---\ntitle: Broken\n---\nNo summary, version or status.\n");
    let dry = import(&site, "feeds/feed.json", &["--dry-run"]);
    let real = import(&site, "feeds/feed.json", &[]);
    assert_eq!((dry.code, real.code), (1, 1), "{}\n{}", dry.stderr, real.stderr);
    assert_eq!(dry.errors(), real.errors());
}

#[test]
fn several_phones_per_service_import_with_their_labels_and_are_published_again() {
    let (site, feed) = site_with("hsds-phones");
    let run = import(&site, &feed, &["--report", "report.csv"]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("\nBy reason: 1 phone extension kept as \"ext.\", 1 phone number not understood, left out\n"),
        "{}",
        run.stdout
    );
    // Only what is still dropped or changed is reported: a second number is neither.
    assert_eq!(
        site.read("report.csv"),
        r#"feed_file,row,field,feed_id,name,outcome,reason,found
feeds/hsds-phones/phones.csv,6,number,s-2,Debt Advice,changed,"phone extension kept as ""ext.""",01632 960201 ext 15
feeds/hsds-phones/phones.csv,9,number,s-3,Youth Drop-in,changed,"phone number not understood, left out",call the centre
"#
    );
    let text = site.read(INTO);
    // In feed order, the first as `phone`; labels from description, or type
    // when it says more than "voice"; "Text relay" names its type already.
    let carers = service_block(&text, "carers-line");
    let carers_contact = "    contact:\n      phone: \"01632 960100\"\n      phones:\n        - number: \"18001 01632 960100\"\n          label: Text relay\n        - number: \"01632 960199\"\n          label: Fax\n      website: https://carers.example.org\n";
    assert!(carers.contains(carers_contact), "{carers}");
    // A labelled first number of several goes in `phones`, label and all;
    // the same number twice is one entry.
    let debt = service_block(&text, "debt-advice");
    let debt_contact = "    contact:\n      phones:\n        - number: \"01632 960200\"\n          label: Appointments\n        - number: \"01632 960201 ext. 15\"\n          label: Home visits\n    last_verified";
    assert!(debt.contains(debt_contact), "{debt}");
    // One usable number is `phone`, as before `phones` was.
    let youth = service_block(&text, "youth-drop-in");
    assert!(youth.contains("    contact:\n      phone: \"01632 960300\"\n    last_verified"), "{youth}");

    site.check().assert_ok();
    site.build().assert_ok();
    let page = site.main_of("services/carers-line/index.html");
    assert!(page.contains(r#"<li>Text relay: <a href="tel:1800101632960100">18001 01632 960100</a></li>"#), "{page}");
    assert!(page.contains(r#"<li>Fax: <a href="tel:+441632960199">01632 960199</a></li>"#), "{page}");

    // The site's Open Referral UK feed carries every number, labels as descriptions.
    let feed_json: serde_json::Value = serde_json::from_str(&site.output("services.json")).unwrap();
    let published = feed_json["contents"].as_array().unwrap();
    let phones_of = |slug: &str| {
        let s = published.iter().find(|s| s["signpost"]["slug"] == slug).unwrap();
        let phones = s["phones"].as_array().unwrap();
        phones.iter().map(|p| (p["number"].as_str().unwrap(), p["description"].as_str())).collect::<Vec<_>>()
    };
    assert_eq!(
        phones_of("carers-line"),
        [("01632 960100", None), ("18001 01632 960100", Some("Text relay")), ("01632 960199", Some("Fax"))]
    );
    assert_eq!(
        phones_of("debt-advice"),
        [("01632 960200", Some("Appointments")), ("01632 960201 ext. 15", Some("Home visits"))]
    );
    assert_reimport_changes_no_byte(&site, &feed);

    // And that feed, imported into another site, gives the same services.
    let other = SiteTest::new("minimal");
    other.write("feeds/published.json", site.output("services.json"));
    import(&other, "feeds/published.json", &[]).assert_ok();
    let again = other.read(INTO);
    for (slug, contact) in [("carers-line", carers_contact), ("debt-advice", debt_contact)] {
        assert!(service_block(&again, slug).contains(contact), "{again}");
    }
}
