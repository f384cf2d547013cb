use super::*;

const FILE: &str = "---\n\
# Owned by the respiratory network\n\
title: COPD diagnosis   # keep short\n\
summary: >-\n  How to diagnose and manage\n  COPD in primary care.\n\
version: \"2.0\"\n\
status: approved\n\
authors:\n  - name: Dr A Example\n\
approved_by: 'Respiratory Network'\n\
published: 2026-01-10\n\
review_due: 2028-01-10\n\
tags: [spirometry]\n\
---\n\
\n## Diagnosis\n\nConfirm with spirometry.\n";

fn set(text: &str, key: &str, value: &str) -> String {
    edit_markdown(text, &MarkdownEdit { fields: vec![(key, value)], body: None }).unwrap()
}

/// The lines of `after` that differ from `before`'s (same line count).
fn changed_lines(before: &str, after: &str) -> Vec<String> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before.lines().zip(after.lines()).filter(|(a, b)| a != b).map(|(_, b)| b.to_string()).collect()
}

#[test]
fn a_title_edit_changes_one_line_and_keeps_its_comment() {
    let after = set(FILE, "title", "COPD diagnosis and management");
    assert_eq!(after, FILE.replace("title: COPD diagnosis   #", "title: COPD diagnosis and management   #"));
    assert_eq!(changed_lines(FILE, &after), ["title: COPD diagnosis and management   # keep short"]);
}

#[test]
fn a_title_with_a_colon_becomes_a_quoted_string() {
    let after = set(FILE, "title", "COPD: diagnosis");
    assert_eq!(changed_lines(FILE, &after), ["title: \"COPD: diagnosis\"   # keep short"]);
    let after = set(FILE, "title", "Say \"no\" to C:\\temp #1");
    assert_eq!(changed_lines(FILE, &after), ["title: \"Say \\\"no\\\" to C:\\\\temp #1\"   # keep short"]);
}

#[test]
fn values_plain_text_would_misread_are_quoted() {
    for (value, written) in [
        ("3.10", "version: \"3.10\""),
        ("yes", "version: \"yes\""),
        (" padded", "version: \" padded\""),
        ("- a", "version: \"- a\""),
        ("a # b", "version: \"a # b\""),
    ] {
        let text = "---\nversion: 1\n---\n";
        assert_eq!(set(text, "version", value), format!("---\n{written}\n---\n"), "{value}");
    }
}

#[test]
fn each_scalar_style_keeps_its_style() {
    // Double-quoted stays double-quoted.
    assert_eq!(changed_lines(FILE, &set(FILE, "version", "2.1")), ["version: \"2.1\""]);
    // Single-quoted stays single-quoted, with '' for a quote.
    assert_eq!(changed_lines(FILE, &set(FILE, "approved_by", "Dr O'Neill")), ["approved_by: 'Dr O''Neill'"]);
    // Plain stays plain.
    assert_eq!(changed_lines(FILE, &set(FILE, "status", "draft")), ["status: draft"]);
    assert_eq!(changed_lines(FILE, &set(FILE, "published", "2026-02-01")), ["published: 2026-02-01"]);
    assert_eq!(changed_lines(FILE, &set(FILE, "review_due", "2029-02-01")), ["review_due: 2029-02-01"]);
}

#[test]
fn a_folded_block_keeps_its_header_and_indent() {
    let after = set(FILE, "summary", "How to diagnose COPD.");
    assert_eq!(
        after,
        FILE.replace(
            "summary: >-\n  How to diagnose and manage\n  COPD in primary care.\n",
            "summary: >-\n  How to diagnose COPD.\n"
        )
    );
    // Lines of its own need a literal block: the header changes, nothing else.
    let after = set(FILE, "summary", "Line one\nLine two");
    assert!(after.contains("summary: |-\n  Line one\n  Line two\nversion:"), "{after}");
}

#[test]
fn an_unchanged_value_is_not_rewritten_even_in_another_style() {
    let after = edit_markdown(
        FILE,
        &MarkdownEdit {
            fields: vec![
                ("title", "COPD diagnosis"),
                ("summary", "How to diagnose and manage COPD in primary care."),
                ("version", "2.0"),
                ("approved_by", "Respiratory Network"),
                ("published", "2026-01-10"),
            ],
            body: Some("\n## Diagnosis\r\n\r\nConfirm with spirometry.\r\n"),
        },
    )
    .unwrap();
    assert_eq!(after, FILE);
}

#[test]
fn an_empty_value_removes_the_field_and_a_new_one_goes_last() {
    let after = set(FILE, "approved_by", "");
    assert_eq!(after, FILE.replace("approved_by: 'Respiratory Network'\n", ""));
    let text = "---\ntitle: A\n# end\n---\nBody\n";
    assert_eq!(
        set(text, "approved_by", "Board: East"),
        "---\ntitle: A\n# end\napproved_by: \"Board: East\"\n---\nBody\n"
    );
    assert_eq!(set(text, "approved_by", ""), text, "an absent field left empty stays absent");
}

#[test]
fn an_empty_field_is_filled_in_place() {
    let text = "---\ntitle: A\napproved_by:   # to do\nstatus: draft\n---\n";
    assert_eq!(set(text, "approved_by", "Board"), "---\ntitle: A\napproved_by: Board   # to do\nstatus: draft\n---\n");
    let text = "---\napproved_by: ~\n---\n";
    assert_eq!(set(text, "approved_by", "Board"), "---\napproved_by: Board\n---\n");
}

#[test]
fn the_body_is_replaced_and_the_front_matter_kept() {
    let after =
        edit_markdown(FILE, &MarkdownEdit { fields: vec![], body: Some("New text.\r\nSecond line.\n") }).unwrap();
    let (front, _) = FILE.split_at(FILE.find("\n## Diagnosis").unwrap());
    assert_eq!(after, format!("{front}New text.\nSecond line.\n"));
}

#[test]
fn crlf_files_stay_crlf() {
    let text = "---\r\ntitle: A\r\nstatus: draft\r\n---\r\nBody\r\n";
    let after =
        edit_markdown(text, &MarkdownEdit { fields: vec![("title", "B: c")], body: Some("New\nbody\n") }).unwrap();
    assert_eq!(after, "---\r\ntitle: \"B: c\"\r\nstatus: draft\r\n---\r\nNew\r\nbody\r\n");
}

#[test]
fn multi_line_plain_and_quoted_values_are_replaced_whole() {
    let text = "---\nsummary: one\n  two # note\nstatus: draft\n---\n";
    assert_eq!(set(text, "summary", "three"), "---\nsummary: three # note\nstatus: draft\n---\n");
    let text = "---\nsummary: \"one \\\"x\\\"\n  two\"\nstatus: draft\n---\n";
    assert_eq!(set(text, "summary", "three"), "---\nsummary: \"three\"\nstatus: draft\n---\n");
}

#[test]
fn what_it_cannot_rewrite_is_refused_not_guessed() {
    assert_eq!(
        edit_markdown(FILE, &MarkdownEdit { fields: vec![("tags", "x")], body: None }),
        Err(EditError::NotOneValue("tags".into()))
    );
    let text = "---\nbase: &b A\ntitle: *b\n---\n";
    assert!(matches!(
        edit_markdown(text, &MarkdownEdit { fields: vec![("title", "B")], body: None }),
        Err(EditError::CannotPlace(_))
    ));
    assert_eq!(edit_markdown("no front matter\n", &MarkdownEdit::default()), Err(EditError::NoFrontMatter));
    assert!(matches!(edit_markdown("---\ntitle: [\n---\n", &MarkdownEdit::default()), Err(EditError::InvalidYaml(_))));
}

#[test]
fn an_edit_that_would_change_another_field_is_refused() {
    // Front matter indented as a whole: the title's plain value seems to
    // run on into the next line. Parsing the result again catches it.
    let text = "---\n  title: A\n  summary: B\n---\nBody\n";
    let result = edit_markdown(text, &MarkdownEdit { fields: vec![("title", "C")], body: None });
    assert_eq!(result, Err(EditError::NotFaithful("another field changed".into())));
}

const DIRECTORY: &str = "title: Local services
services:
  # The rehab team
  - id: rehab-town
    name: Town rehab   # short
    description: |
      Six weeks of exercise.
      And education.
    contact:
      phone: \"01632 960001\"
    last_verified: 2026-09-01
  - name: Warm homes
    id: warm-homes
    description: Advice on heating.
    areas:
    - Town
    last_verified: 2025-01-01
# the end
";

fn set_service(id: &str, key: &str, value: &str) -> String {
    edit_service(DIRECTORY, id, &[(key, value)]).unwrap()
}

#[test]
fn a_service_name_edit_changes_one_line_of_that_service() {
    let after = set_service("rehab-town", "name", "Town pulmonary rehab");
    assert_eq!(after, DIRECTORY.replace("name: Town rehab   #", "name: Town pulmonary rehab   #"));
    let after = set_service("warm-homes", "name", "Warm homes: advice");
    assert_eq!(after, DIRECTORY.replace("- name: Warm homes\n", "- name: \"Warm homes: advice\"\n"));
}

#[test]
fn a_service_block_description_keeps_its_style_and_indent() {
    let after = set_service("rehab-town", "description", "Six weeks.\nThen: more.");
    assert_eq!(
        after,
        DIRECTORY.replace("Six weeks of exercise.\n      And education.", "Six weeks.\n      Then: more.")
    );
    let after = set_service("warm-homes", "description", "Heating: bills");
    assert_eq!(after, DIRECTORY.replace("Advice on heating.", "\"Heating: bills\""));
}

#[test]
fn a_new_service_field_goes_after_its_last_line_and_an_empty_one_is_removed() {
    let after = set_service("rehab-town", "cost", "Free");
    assert_eq!(after, DIRECTORY.replace("2026-09-01\n", "2026-09-01\n    cost: Free\n"));
    let after = set_service("warm-homes", "alert", "Closed in August");
    assert_eq!(after, DIRECTORY.replace("2025-01-01\n", "2025-01-01\n    alert: Closed in August\n"));
    let after = set_service("warm-homes", "description", "");
    assert_eq!(after, DIRECTORY.replace("    description: Advice on heating.\n", ""));
    // Removing the line that opens the list item would end the item.
    assert_eq!(edit_service(DIRECTORY, "warm-homes", &[("name", "")]), Err(EditError::CannotPlace("name".into())));
}

#[test]
fn a_service_edit_needs_the_service_and_never_changes_its_id() {
    assert_eq!(edit_service(DIRECTORY, "missing", &[("name", "x")]), Err(EditError::NoService("missing".into())));
    assert!(edit_service(DIRECTORY, "rehab-town", &[("id", "other")]).is_err());
    assert_eq!(edit_service(DIRECTORY, "rehab-town", &[("name", "Town rehab")]).unwrap(), DIRECTORY);
    let fields = ServiceFields::read(DIRECTORY, "rehab-town").unwrap();
    assert_eq!(fields.value("description"), FieldText::Text("Six weeks of exercise.\nAnd education.".into()));
    assert_eq!(fields.value("contact"), FieldText::NotOneValue);
    assert_eq!(fields.value("cost"), FieldText::Absent);
}
