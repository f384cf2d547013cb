//! `signpost report`: each review state and the stale boundary on its exact
//! day (with `SIGNPOST_TODAY`), the three formats, the counts on standard
//! error, the exit status, and the report kept out of `build` output.

use crate::harness::{SiteTest, list_files};
use crate::serve::Preview;

/// The `state` column (the last) of the CSV row starting with `prefix`.
fn state_of(csv: &str, prefix: &str) -> String {
    let row = csv.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no row {prefix}:\n{csv}"));
    row.rsplit(',').next().unwrap().to_string()
}

fn report_on(site: &SiteTest, today: &str) -> crate::harness::Run {
    let run = site.run_with_env(&["report"], &[("SIGNPOST_TODAY", today)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn review_states_change_on_their_exact_days() {
    // asthma.md: review_due 2026-12-20; review_warning_days: 60.
    let site = SiteTest::new("minimal");
    let asthma = "guideline,content/guidelines/asthma.md,";
    for (today, expected) in [
        ("2026-10-20", "ok"),       // 61 days before: outside the window
        ("2026-10-21", "due soon"), // 60 days before: the window's edge
        ("2026-12-19", "due soon"), // the day before it is due
        ("2026-12-20", "due soon"), // the day it is due
        ("2026-12-21", "overdue"),  // the day after
    ] {
        assert_eq!(state_of(&report_on(&site, today).stdout, asthma), expected, "on {today}");
    }
}

#[test]
fn a_service_goes_stale_the_day_after_stale_service_days() {
    // warm-homes: last_verified 2025-01-01; stale_service_days: 365.
    let site = SiteTest::new("minimal");
    let warm = "service,content/services/local.yaml,";
    let row = |today| {
        let run = report_on(&site, today);
        run.stdout.lines().find(|l| l.starts_with(warm) && l.contains(",warm-homes,")).unwrap().to_string()
    };
    assert!(row("2026-01-01").ends_with(",ok"), "365 days: {}", row("2026-01-01"));
    assert!(row("2026-01-02").ends_with(",stale"), "366 days: {}", row("2026-01-02"));
}

#[test]
fn csv_lists_every_guideline_and_service_with_one_header() {
    let site = SiteTest::new("minimal");
    let run = report_on(&site, "2026-11-25");
    let lines: Vec<&str> = run.stdout.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "kind,path,title,version,status,authors,approved_by,published,review_due,id,name,directory,last_verified,state"
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("kind,")).count(), 1);
    assert!(lines.contains(
        &"guideline,content/guidelines/copd.md,COPD: diagnosis and management,2.0,approved,Dr A Example (Consultant respiratory physician),Test Respiratory Network,2026-01-10,2028-01-10,,,,,ok"
    ), "{}", run.stdout);
    // Not in force: superseded and draft guidance has no review state.
    assert!(
        lines.iter().any(|l| l.starts_with("guideline,content/guidelines/copd-2020.md,")
            && l.ends_with(",superseded,Dr A Example,Test Respiratory Network,2020-01-01,2022-01-01,,,,,")),
        "{}",
        run.stdout
    );
    assert!(lines.iter().any(|l| l.starts_with("guideline,content/guidelines/oxygen.md,")), "drafts are listed");
    assert!(lines.contains(&"service,content/services/local.yaml,,,,,,,,rehab-town,Town pulmonary rehabilitation,Local services,2026-09-01,ok"));
    assert_eq!(lines.len(), 1 + 4 + 2, "{}", run.stdout);
    assert_eq!(
        run.stderr.lines().last().unwrap(),
        "guidelines: 0 overdue, 1 due soon, 1 ok, 2 not in force; services: 1 stale, 1 ok"
    );
}

#[test]
fn markdown_and_html_and_output_file() {
    let site = SiteTest::new("minimal");
    let md = site.run_with_env(&["report", "--format", "md"], &[("SIGNPOST_TODAY", "2026-11-25")]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(md.stdout.starts_with("# Governance report: Test respiratory site\n"), "{}", md.stdout);
    assert!(md.stdout.contains("| content/guidelines/asthma.md | Asthma in adults | 1.1 | approved | Dr B Example | Test Respiratory Network | 2026-02-01 | 2026-12-20 | due soon |"), "{}", md.stdout);
    assert!(
        md.stdout.contains("| warm-homes | Warm homes advice | Local services | 2025-01-01 | stale |"),
        "{}",
        md.stdout
    );

    let run = site
        .run_with_env(&["report", "--format", "html", "--output", "report.html"], &[("SIGNPOST_TODAY", "2026-11-25")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "the report went to the file: {}", run.stdout);
    let html = site.read("report.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.contains("@page { size: A4 landscape"), "self-contained, A4 landscape");
    assert!(html.contains("<td>Asthma in adults</td>"));
    assert!(html.contains("<td data-sort=\"1\">due soon</td>"));
    assert!(!html.contains("src=") && !html.contains("<link"), "nothing fetched from elsewhere");
}

#[test]
fn author_text_is_escaped_in_every_format() {
    let site = SiteTest::new("minimal");
    site.edit(
        "content/guidelines/asthma.md",
        "title: Asthma in adults",
        "title: \"<script>alert(1)</script> | =cmd, x\"",
    );
    let run = |format| site.run_with_env(&["report", "--format", format], &[("SIGNPOST_TODAY", "2026-11-25")]).stdout;
    let html = run("html");
    assert!(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt; | =cmd, x</td>"), "{html}");
    assert!(!html.contains("<script>alert"));
    assert!(run("md").contains("| \\<script\\>alert(1)\\</script\\> \\| =cmd, x |"));
    assert!(run("csv").contains(",\"<script>alert(1)</script> | =cmd, x\","));
}

#[test]
fn content_errors_exit_1_and_are_printed_with_the_report() {
    let site = SiteTest::new("minimal");
    site.edit("content/guidelines/asthma.md", "version: \"1.1\"", "version: \"1.1\"\nreveiw: 2027-01-01");
    let run = site.run_with_env(&["report"], &[("SIGNPOST_TODAY", "2026-11-25")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.errors().len(), 1, "{}", run.stderr);
    assert!(run.errors()[0].starts_with("error: content/guidelines/asthma.md:5:1: reveiw:"), "{}", run.stderr);
    assert!(run.stdout.contains("guideline,content/guidelines/copd.md,"), "what could be read is listed");
    assert!(run.stderr.lines().last().unwrap().starts_with("guidelines: "));
}

#[test]
fn the_report_is_never_in_build_output_but_the_preview_serves_it() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    for file in list_files(&site.root.join("public")) {
        assert!(!file.contains("__signpost") && !file.contains("report"), "{file}");
        if file.ends_with(".html") {
            let text = site.output(&file);
            assert!(!text.contains("Governance report") && !text.contains("__signpost"), "{file}");
        }
    }
    let preview = Preview::start(&site);
    let reply = preview.wait_for("/__signpost/report/", "the report", |r| r.status == 200);
    assert!(reply.body.contains("<h1>Governance report: Test respiratory site</h1>"), "{}", reply.body);
    assert!(reply.body.contains("<td>warm-homes</td>"));
    assert!(!reply.body.contains("live.js"), "the report is not a site page");
}
