//! `check --format github|json`: the real binary on a fixture with an error
//! and a warning, and on names that need escaping in a workflow command.

use crate::harness::SiteTest;

fn broken_site() -> SiteTest {
    let site = SiteTest::new("minimal");
    site.edit("content/guidelines/asthma.md", "version: \"1.1\"", "version: \"1.1\"\n\"50%off\": 2027-01-01");
    site.write("content/a,b:c.md", "---\ndescription: no title\n---\n\nText.\n");
    site
}

#[test]
fn github_format_prints_escaped_annotations_on_stdout() {
    let run = broken_site().run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=content/a%2Cb%3Ac.md,line=2,col=1::title: missing, expected a value (this field is required)",
            "::error file=content/guidelines/asthma.md,line=5,col=1::50%25off: unknown field; expected one of: title, summary, version, status, authors, approved_by, published, review_due, superseded_by, conditions, audience, related_services, tags, changes, feedback_email",
            // The stray key no longer hides the guideline's other checks (issue 20).
            "::warning file=content/guidelines/asthma.md,line=10,col=13::review_due: review due soon: due 2026-12-20 (in 25 days)",
            "::warning file=content/services/local.yaml,line=36,col=20::last_verified: service \"warm-homes\" not verified for 693 days (last verified 2025-01-01; stale after 365 days)",
        ],
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr.trim(), "2 errors, 2 warnings");
}

#[test]
fn json_format_prints_one_object_per_problem_per_line() {
    let run = broken_site().run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let problems: Vec<serde_json::Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    assert_eq!(problems.len(), 4, "{}", run.stdout);
    assert_eq!(
        problems[1],
        serde_json::json!({
            "file": "content/guidelines/asthma.md", "line": 5, "column": 1, "severity": "error",
            "field": "50%off",
            "message": "unknown field; expected one of: title, summary, version, status, authors, approved_by, published, review_due, superseded_by, conditions, audience, related_services, tags, changes, feedback_email"
        })
    );
    assert_eq!(problems[2]["field"], "review_due", "no longer hidden by the stray key");
    assert_eq!(problems[3]["severity"], "warning");
    assert_eq!(problems[3]["field"], "last_verified");
}

#[test]
fn a_clean_site_exits_0_and_the_human_format_is_unchanged() {
    let site = SiteTest::new("minimal");
    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    assert_eq!(json.stdout.lines().count(), 2, "the two warnings: {}", json.stdout);
    let human = site.run(&["check"]);
    let explicit = site.run(&["check", "--format", "human"]);
    assert_eq!(human.stderr, explicit.stderr);
    assert!(
        human.stderr.starts_with("warning: content/guidelines/asthma.md:9:13: review_due: review due soon"),
        "{}",
        human.stderr
    );
    assert!(human.stdout.starts_with("Checked 3 guidelines (1 draft left out)"), "{}", human.stdout);
}
