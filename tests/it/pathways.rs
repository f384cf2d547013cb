//! Pathway blocks (```` ```pathway ````): a good one renders as nested,
//! labelled lists with its links resolved; each mistake is one `error:`
//! line at its line in the guideline.

use crate::harness::SiteTest;

const GUIDELINE: &str = "content/guidelines/route.md";

/// The minimal fixture with a guideline whose pathway block opens on line
/// 14, so the block's first line is line 15.
fn site_with_pathway(block: &str) -> SiteTest {
    let site = SiteTest::new("minimal");
    site.write(
        GUIDELINE,
        format!(
            "---\ntitle: Route\nsummary: A route.\nversion: \"1.0\"\nstatus: approved\nauthors: [Dr B Example]\n\
             approved_by: Test Respiratory Network\npublished: 2026-02-01\nreview_due: 2027-12-20\n\
             conditions: [Asthma]\n---\n## Route\n\n```pathway Breathlessness: first tests\n{block}```\n"
        ),
    );
    site
}

#[test]
fn a_pathway_renders_as_ordered_steps_with_labelled_branches_and_resolved_links() {
    let site = site_with_pathway(concat!(
        "BNP blood test\n",
        "BNP level?\n",
        "  - if BNP above 400 ng/L: Echocardiogram within **2 weeks**\n",
        "      See [the diagnosis](copd.md#diagnosis)\n",
        "  - if BNP 400 ng/L or below:\n",
        "      Heart failure unlikely\n",
        "1. Review at [rehab](@/services/rehab-town) <b>now</b>\n",
    ));
    site.build().assert_ok();
    let html = site.main_of("guidelines/route/index.html");
    let expected = concat!(
        "<figure class=\"pathway\" id=\"pathway\">\n",
        "<figcaption class=\"pathway-title\">Breathlessness: first tests</figcaption>\n",
        "<ol class=\"pathway-steps\">\n",
        "<li class=\"pathway-step\"><p class=\"pathway-box\">BNP blood test</p>\n</li>\n",
        "<li class=\"pathway-decision\"><p class=\"pathway-box pathway-question\"><span class=\"visually-hidden\">Decision: </span>BNP level?</p>\n",
        "<ul class=\"pathway-branches\">\n",
        "<li class=\"pathway-branch\"><p class=\"branch-label\">If BNP above 400 ng/L</p>\n",
        "<ol class=\"pathway-steps\">\n",
        "<li class=\"pathway-step\"><p class=\"pathway-box\">Echocardiogram within <strong>2 weeks</strong></p>\n</li>\n",
        "<li class=\"pathway-step\"><p class=\"pathway-box\">See <a href=\"/resp/guidelines/copd/#diagnosis\">the diagnosis</a></p>\n</li>\n",
        "</ol>\n</li>\n",
        "<li class=\"pathway-branch\"><p class=\"branch-label\">If BNP 400 ng/L or below</p>\n",
        "<ol class=\"pathway-steps\">\n",
        "<li class=\"pathway-step\"><p class=\"pathway-box\">Heart failure unlikely</p>\n</li>\n",
        "</ol>\n</li>\n",
        "</ul>\n</li>\n",
        "<li class=\"pathway-step\"><p class=\"pathway-box\">Review at <a href=\"/resp/services/rehab-town/\">rehab</a> &lt;b&gt;now&lt;/b&gt;</p>\n</li>\n",
        "</ol>\n",
        "</figure>\n",
    );
    assert!(html.contains(expected), "{html}");
}

#[test]
fn an_unknown_service_id_in_a_pathway_is_an_error_with_a_suggestion() {
    let site = site_with_pathway("Refer to [rehab](@/services/rehab-twon)\n");
    site.check().assert_errors(&[
        "error: content/guidelines/route.md:15:10: link: found a link to service \"rehab-twon\", expected the id of a service in a directory; did you mean `rehab-town`?",
    ]);
}

#[test]
fn a_broken_link_in_a_pathway_is_an_error_at_its_place() {
    let site = site_with_pathway("Check?\n  - if yes: read [this](missing.md)\n  - if no: stop\n");
    site.check().assert_errors(&[
        "error: content/guidelines/route.md:16:18: link: found a link to \"missing.md\", expected an existing file; there is no content/guidelines/missing.md",
    ]);
}

#[test]
fn a_missing_heading_in_a_pathway_link_is_an_error() {
    let site = site_with_pathway("See [COPD](copd.md#nowhere)\n");
    site.check().assert_errors(&[
        "error: content/guidelines/route.md:15:5: link: found a link to #nowhere, expected a heading id in guidelines/copd",
    ]);
}

#[test]
fn a_branch_with_no_label_is_an_error() {
    let site = site_with_pathway("BNP level?\n  - if: refer\n  - : wait\n");
    site.check().assert_errors(&[
        "error: content/guidelines/route.md:16:3: pathway: found a branch with no condition, expected a label saying when to follow it, as in \"- if BNP above 400 ng/L:\"",
        "error: content/guidelines/route.md:17:3: pathway: found a branch with no condition, expected a label saying when to follow it, as in \"- if BNP above 400 ng/L:\"",
    ]);
}

#[test]
fn a_decision_with_one_branch_is_an_error() {
    let site = site_with_pathway("BNP level?\n  - if high: refer\nReview\n");
    site.check().assert_errors(&[
        "error: content/guidelines/route.md:15:1: pathway: found the decision \"BNP level?\" with only one branch, expected two or more, each written \"- if CONDITION:\" and indented below it (a step that is not a choice should not end in \"?\")",
    ]);
}

#[test]
fn an_empty_step_is_an_error() {
    let site = site_with_pathway("First\n3.\n-\n**\n");
    site.check().assert_errors(&[
        "error: content/guidelines/route.md:16:1: pathway: found a step with no words, expected a line saying what to do (blank lines are fine and are skipped)",
        "error: content/guidelines/route.md:17:1: pathway: found a step with no words, expected a line saying what to do (blank lines are fine and are skipped)",
        "error: content/guidelines/route.md:18:1: pathway: found a step with no words, expected a line saying what to do (blank lines are fine and are skipped)",
    ]);
}

#[test]
fn indentation_that_lines_up_with_nothing_is_an_error() {
    let site = site_with_pathway("Check?\n    - if yes: go\n    - if no: stop\n  Then review\n");
    site.check().assert_errors(&[
        "error: content/guidelines/route.md:18:3: pathway: found a line indented 2 spaces that lines up with no line above it, expected the indentation of the step, decision or branch it belongs with (4 spaces here)",
    ]);
}

#[test]
fn a_step_directly_under_a_decision_is_an_error() {
    let site = site_with_pathway("Check?\n  - if yes: go\n  Stop\n  - if no: wait\n");
    site.check().assert_errors(&[
        "error: content/guidelines/route.md:17:3: pathway: found \"Stop\" directly under the decision \"Check?\", expected its branches, each written \"- if CONDITION:\" with its steps indented below it",
    ]);
}

#[test]
fn a_branch_outside_a_decision_is_an_error() {
    let site = site_with_pathway("First\n- if yes: go\n");
    site.check().assert_errors(&[
        "error: content/guidelines/route.md:16:1: pathway: found the branch \"- if yes: go\" outside a decision, expected branches only under a line ending in \"?\" (write a plain step without the \"-\")",
    ]);
}

#[test]
fn tabs_mixed_with_spaces_are_an_error() {
    let site = site_with_pathway("Check?\n  - if yes: go\n\t- if no: stop\n");
    site.check().assert_errors(&[
        "error: content/guidelines/route.md:17:1: pathway: found a tab in the indentation of a pathway whose earlier lines indent with spaces, expected spaces only, so the nesting looks the same in every editor",
    ]);
}

#[test]
fn contents_names_each_pathway_and_the_bar_links_the_first() {
    // Issue 21: a long guideline's pathway sat screens down, and Contents
    // did not name it.
    let site = site_with_pathway("One step\n");
    site.edit(GUIDELINE, "```\n", "```\n\n## After\n\n```pathway\nAnother step\n```\n");
    site.build().assert_ok();
    let page = site.output("guidelines/route/index.html");
    let contents = &page[page.find("<nav class=\"toc\"").expect("contents")..];
    let contents = &contents[..contents.find("</nav>").expect("end of contents")];
    assert!(contents.contains("<a href=\"#pathway\">Pathway: Breathlessness: first tests</a>"), "{contents}");
    assert!(contents.contains("<a href=\"#pathway-1\">Pathway</a>"), "an untitled pathway is named: {contents}");
    assert!(
        contents.find("#route").unwrap() < contents.find("#pathway\"").unwrap()
            && contents.find("#pathway\"").unwrap() < contents.find("#after").unwrap(),
        "in document order: {contents}"
    );
    assert!(page.contains("<figure class=\"pathway\" id=\"pathway-1\" aria-label=\"Pathway\">"), "{page}");
    let bar = &page[page.find("<div class=\"guideline-bar\">").expect("bar")..];
    let bar = &bar[..bar.find("</div>").expect("end of bar")];
    assert!(bar.contains("<a href=\"#pathway\">Pathway</a>"), "{bar}");
}

#[test]
fn a_guideline_without_a_pathway_has_no_pathway_link() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let page = site.output("guidelines/asthma/index.html");
    assert!(!page.contains("href=\"#pathway"), "no pathway, no link");
}
