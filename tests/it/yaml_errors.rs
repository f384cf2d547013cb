//! The YAML mistakes authors make most, each reported in plain words with
//! what to write instead (issue 12, point 4): one test per message, each
//! asserting the exact `error:` line at the parser's position.

use crate::harness::SiteTest;

const COPD: &str = "content/guidelines/copd.md";
const ABOUT: &str = "content/about.md";
const LOCAL: &str = "content/services/local.yaml";

fn site() -> SiteTest {
    SiteTest::new("minimal")
}

#[test]
fn a_colon_in_an_unquoted_value_asks_for_quotes() {
    let s = site();
    s.edit(COPD, "title: \"COPD: diagnosis and management\"", "title: COPD: diagnosis and management");
    s.check().assert_errors(&[
        "error: content/guidelines/copd.md:2:12: invalid YAML: found a colon inside the value of title, expected the value in quotes: title: \"COPD: diagnosis and management\"",
    ]);
}

#[test]
fn a_tab_in_the_indentation_names_its_line() {
    let s = site();
    s.edit(LOCAL, "    name: Warm homes advice\n", "\tname: Warm homes advice\n");
    s.check().assert_errors(&[
        "error: content/services/local.yaml:27:9: invalid YAML: found a tab in the indentation of line 28, expected spaces; YAML indents with spaces, not tabs",
    ]);
}

#[test]
fn a_list_item_without_a_space_after_its_dash() {
    let s = site();
    s.edit(COPD, "  - version: \"1.0\"", "  -version: \"1.0\"");
    s.check().assert_errors(&[
        "error: content/guidelines/copd.md:20:3: invalid YAML: found `-version: \"1.0\"` on line 20, expected a list item; put a space after the dash: - version: \"1.0\"",
    ]);
}

#[test]
fn a_list_written_without_spaces_after_its_dashes_is_not_text() {
    // YAML reads these as the text "-Town -Village" and a mapping with the
    // key "-name", which would otherwise pass as one area named "-Town".
    let s = site();
    s.edit(LOCAL, "    areas: [Town, Village]\n", "    areas:\n      -Town\n      -Village\n");
    s.edit(COPD, "  - name: Dr A Example\n    role:", "  -name: Dr A Example\n  role:");
    s.check().assert_errors(&[
        "error: content/guidelines/copd.md:7:3: authors: found a mapping with the key \"-name\", expected a list; put a space after the dash: - name:",
        "error: content/services/local.yaml:10:7: services[0].areas: found \"-Town -Village\", expected a list; put a space after the dash: - Town",
    ]);
}

#[test]
fn a_quote_never_closed_names_its_line() {
    let s = site();
    s.edit(ABOUT, "title: About this site", "title: \"About this site");
    s.check().assert_errors(&[
        "error: content/about.md:2:8: invalid YAML: found a quote (\") on line 2 that is never closed, expected another \" at the end of the value: title: \"About this site\"",
    ]);
}

#[test]
fn a_quote_not_closed_on_its_line_names_that_line() {
    // The value runs on to the next quote, on a later line, and the parser
    // stops there: the line to fix is the one the quote opened on.
    let s = site();
    s.edit(COPD, "primary care.\n", "primary care.\"\n");
    s.edit(COPD, "summary: How", "summary: \"How");
    s.edit(COPD, "title: \"COPD: diagnosis and management\"", "title: \"COPD: diagnosis and management");
    s.check().assert_errors(&[
        "error: content/guidelines/copd.md:3:11: invalid YAML: found a quote (\") on line 2 that is not closed on that line, expected another \" at the end of the value: title: \"COPD: diagnosis and management\"",
    ]);
}

#[test]
fn a_line_out_of_step_must_line_up() {
    let s = site();
    s.edit(LOCAL, "      email: rehab@example.org", "     email: rehab@example.org");
    s.check().assert_errors(&[
        "error: content/services/local.yaml:15:6: invalid YAML: found `email:` at column 6 on line 15, expected it to line up with `phone:` at column 7 on line 14 (the keys of one mapping start in the same column)",
    ]);
}

#[test]
fn a_list_dash_out_of_step_must_line_up() {
    let s = site();
    s.edit(LOCAL, "  - id: warm-homes", " - id: warm-homes");
    s.check().assert_errors(&[
        "error: content/services/local.yaml:27:2: invalid YAML: found `-` at column 2 on line 27, expected it to line up with `-` at column 3 on line 4 (the dashes of one list start in the same column)",
    ]);
}

#[test]
fn a_value_starting_with_a_reserved_character_asks_for_quotes() {
    let s = site();
    s.edit(LOCAL, "    eligibility: Adults with COPD", "    eligibility: @adults with COPD");
    s.edit(ABOUT, "title: About this site", "title: *About* this site");
    s.check().assert_errors(&[
        "error: content/about.md:2:8: invalid YAML: found a value starting with *, which YAML reserves for itself, expected the value in quotes: title: \"*About* this site\"",
        "error: content/services/local.yaml:10:18: invalid YAML: found a value starting with @, which YAML reserves for itself, expected the value in quotes: eligibility: \"@adults with COPD\"",
    ]);
}

#[test]
fn a_key_written_twice_names_the_first() {
    let s = site();
    s.edit(COPD, "tags: [spirometry]\n", "tags: [spirometry]\nsummary: Again.\n");
    s.check().assert_errors(&[
        "error: content/guidelines/copd.md:16:1: invalid YAML: found `summary` a second time, expected each key once in a mapping (the first is on line 3)",
    ]);
}

#[test]
fn every_file_s_mistake_is_reported_in_one_run() {
    let s = site();
    s.edit(COPD, "title: \"COPD: diagnosis and management\"", "title: COPD: diagnosis and management");
    s.edit(LOCAL, "    name: Warm homes advice\n", "\tname: Warm homes advice\n");
    s.edit("content/guidelines/asthma.md", "review_due:", "reveiw_due:");
    s.check().assert_errors(&[
        "error: content/guidelines/asthma.md:9:1: reveiw_due: found an unknown field, expected `review_due` (a misspelling?)",
        "error: content/guidelines/copd.md:2:12: invalid YAML: found a colon inside the value of title, expected the value in quotes: title: \"COPD: diagnosis and management\"",
        "error: content/services/local.yaml:27:9: invalid YAML: found a tab in the indentation of line 28, expected spaces; YAML indents with spaces, not tabs",
    ]);
}
