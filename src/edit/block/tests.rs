use super::*;
use crate::content::{guideline, service};

fn texts(items: &[&str]) -> Tree {
    Tree::List(items.iter().map(|t| Tree::Text(t.to_string())).collect())
}

fn row(parts: &[(&'static str, &str)]) -> Tree {
    Tree::Map(parts.iter().map(|(k, v)| (*k, Tree::Text(v.to_string()))).collect())
}

const FRONT: &str = "---\ntitle: T  # the title\nauthors:\n  - name: Dr A\n    role: Lead\nconditions: [COPD]   # for filters\n# a comment between keys\ntags:\n  - one\n  - two\n---\nBody\n";

#[test]
fn an_unchanged_list_writes_nothing() {
    let value = texts(&["COPD"]);
    assert_eq!(edit_markdown_lists(FRONT, &[(&guideline::CONDITIONS, value)]).unwrap(), FRONT);
    let authors = Tree::List(vec![row(&[("name", "Dr A"), ("role", "Lead")])]);
    assert_eq!(edit_markdown_lists(FRONT, &[(&guideline::AUTHORS, authors)]).unwrap(), FRONT);
}

#[test]
fn a_flow_list_stays_flow_and_keeps_its_comment() {
    let out = edit_markdown_lists(FRONT, &[(&guideline::CONDITIONS, texts(&["COPD", "asthma: adult"]))]).unwrap();
    assert_eq!(out, FRONT.replace("conditions: [COPD]   #", "conditions: [COPD, \"asthma: adult\"]   #"));
}

#[test]
fn a_block_list_stays_block_and_comments_elsewhere_survive() {
    let out = edit_markdown_lists(FRONT, &[(&guideline::TAGS, texts(&["one", "2.0"]))]).unwrap();
    assert_eq!(out, FRONT.replace("  - two\n", "  - \"2.0\"\n"));
}

#[test]
fn adding_and_removing_an_author_row() {
    let two = Tree::List(vec![row(&[("name", "Dr A"), ("role", "Lead")]), row(&[("name", "Nurse B"), ("role", "")])]);
    let out = edit_markdown_lists(FRONT, &[(&guideline::AUTHORS, two)]).unwrap();
    assert_eq!(out, FRONT.replace("    role: Lead\n", "    role: Lead\n  - name: Nurse B\n"));
    let none = Tree::List(vec![]);
    let out = edit_markdown_lists(FRONT, &[(&guideline::AUTHORS, none)]).unwrap();
    assert_eq!(out, FRONT.replace("authors:\n  - name: Dr A\n    role: Lead\n", ""));
}

#[test]
fn a_missing_list_is_added_before_the_closing_line() {
    let out = edit_markdown_lists(FRONT, &[(&guideline::AUDIENCE, texts(&["GP"]))]).unwrap();
    assert_eq!(out, FRONT.replace("  - two\n---", "  - two\naudience: [GP]\n---"));
}

#[test]
fn a_comment_inside_the_list_is_refused_not_dropped() {
    let text = "---\ntags:\n  - one\n  # keep me\n  - two\n---\n";
    let err = edit_markdown_lists(text, &[(&guideline::TAGS, texts(&["one"]))]).unwrap_err();
    assert_eq!(err, EditError::CommentInside("tags".into()));
}

#[test]
fn a_single_value_becomes_a_list_in_place() {
    let text = "---\nconditions: COPD # one\n---\n";
    let out = edit_markdown_lists(text, &[(&guideline::CONDITIONS, texts(&["COPD", "asthma"]))]).unwrap();
    assert_eq!(out, "---\nconditions: [COPD, asthma] # one\n---\n");
}

#[test]
fn a_long_list_is_written_as_lines() {
    let text = "---\ntags: [a]\n---\n";
    let long: Vec<String> = (0..12).map(|i| format!("tag number {i}")).collect();
    let refs: Vec<&str> = long.iter().map(String::as_str).collect();
    let out = edit_markdown_lists(text, &[(&guideline::TAGS, texts(&refs))]).unwrap();
    let lines: String = long.iter().map(|t| format!("\n  - {t}")).collect();
    assert_eq!(out, format!("---\ntags:{lines}\n---\n"));
}

const DIRECTORY: &str = "title: D\nservices:\n  - id: a\n    name: A\n    contact:\n      phone: \"01632 960001\"\n    opening_hours:\n      - days: [mon, tue]\n        opens: \"09:00\"\n        closes: \"17:00\"\n    last_verified: 2026-01-01 # checked\n  - id: b\n    name: B\n";

fn hours(days: &[&str], opens: &str, closes: &str) -> Tree {
    Tree::Map(vec![("days", texts(days)), ("opens", Tree::Text(opens.into())), ("closes", Tree::Text(closes.into()))])
}

#[test]
fn hours_rows_are_rewritten_inside_the_service_only() {
    let new = Tree::List(vec![hours(&["mon", "tue"], "09:00", "17:00"), hours(&["sat"], "10:00", "12:30")]);
    let out = edit_service_lists(DIRECTORY, "a", &[(&service::OPENING_HOURS, new)]).unwrap();
    let expected = DIRECTORY.replace(
        "        closes: \"17:00\"\n",
        "        closes: \"17:00\"\n      - days: [sat]\n        opens: \"10:00\"\n        closes: \"12:30\"\n",
    );
    assert_eq!(out, expected);
}

#[test]
fn phones_are_added_to_the_contact_mapping() {
    let contact = Tree::Map(vec![
        ("phone", Tree::Text("01632 960001".into())),
        ("phones", Tree::List(vec![row(&[("number", "18001 01632 960001"), ("label", "Text relay")])])),
        ("email", Tree::Text(String::new())),
        ("website", Tree::Text(String::new())),
    ]);
    let out = edit_service_lists(DIRECTORY, "a", &[(&service::CONTACT, contact)]).unwrap();
    let expected = DIRECTORY.replace(
        "      phone: \"01632 960001\"\n",
        "      phone: \"01632 960001\"\n      phones:\n        - number: \"18001 01632 960001\"\n          label: Text relay\n",
    );
    assert_eq!(out, expected);
}

#[test]
fn a_service_list_is_added_after_its_last_line_and_ages_are_numbers() {
    let out = edit_service_lists(
        DIRECTORY,
        "b",
        &[(&service::LANGUAGES, texts(&["Polish"])), (&service::MINIMUM_AGE, Tree::Text("18".into()))],
    )
    .unwrap();
    assert_eq!(out, format!("{DIRECTORY}    languages: [Polish]\n    minimum_age: 18\n"));
}

#[test]
fn a_crlf_file_keeps_its_line_breaks() {
    let text = FRONT.replace('\n', "\r\n");
    let two = Tree::List(vec![row(&[("name", "Dr A"), ("role", "Lead")]), row(&[("name", "Nurse B"), ("role", "")])]);
    let out = edit_markdown_lists(&text, &[(&guideline::AUTHORS, two)]).unwrap();
    assert_eq!(out, text.replace("    role: Lead\r\n", "    role: Lead\r\n  - name: Nurse B\r\n"));
}

#[test]
fn values_that_would_read_differently_are_quoted() {
    let text = "---\ntags: [a]\n---\n";
    let out = edit_markdown_lists(text, &[(&guideline::TAGS, texts(&["a, b", "#x", "yes", "3.10", "[y]"]))]).unwrap();
    assert_eq!(out, "---\ntags: [\"a, b\", \"#x\", \"yes\", \"3.10\", \"[y]\"]\n---\n");
}
