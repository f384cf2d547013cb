//! Accessibility and link checks at authoring time: one test per rule, each
//! asserting the exact `error:` or `warning:` line with its file:line:col,
//! in guideline and page bodies and in the Markdown of YAML descriptions.

use crate::harness::{Run, SiteTest};

const PAGE: &str = "content/help.md";
const LOCAL: &str = "content/services/local.yaml";

/// The minimal fixture with a plain page whose body starts on line 4 with a
/// heading, so the lines under test start at line 6; and an image beside it.
fn site_with_page(body: &str) -> SiteTest {
    let site = SiteTest::new("minimal");
    site.write(PAGE, format!("---\ntitle: Help\n---\n## Help\n\n{body}"));
    site.write("content/diagram.png", b"\x89PNG\r\n\x1a\n");
    site
}

/// The warnings about one file (the fixture has others of its own).
fn warnings_in<'a>(run: &'a Run, file: &str) -> Vec<&'a str> {
    let prefix = format!("warning: {file}:");
    run.warnings().into_iter().filter(|w| w.starts_with(&prefix)).collect()
}

#[test]
fn a_markdown_image_without_alt_text_is_an_error() {
    let site = site_with_page("Before.\n\n![](diagram.png)\n");
    site.check().assert_errors(&[
        "error: content/help.md:8:1: alt: found an image \"diagram.png\" with no alt text, expected a short description of what it shows between the brackets, like ![Inhaler technique](diagram.png)",
    ]);
}

#[test]
fn a_raw_img_without_alt_is_an_error_but_an_empty_alt_is_decoration() {
    let site = site_with_page("<img src=\"diagram.png\" alt=\"\">\n\nText <img src=\"diagram.png\"> here.\n");
    site.check().assert_errors(&[
        "error: content/help.md:8:6: alt: found an <img> with no alt attribute, expected alt=\"what the image shows\" (or alt=\"\" if it is only decoration)",
    ]);
}

#[test]
fn an_img_in_a_service_description_is_reported_at_its_line_in_the_yaml() {
    let site = SiteTest::new("minimal");
    site.edit(LOCAL, "description: Six weeks of exercise and education.", "description: <img src=x>");
    site.check().assert_errors(&[
        "error: content/services/local.yaml:7:1: alt: found an <img> with no alt attribute, expected alt=\"what the image shows\" (or alt=\"\" if it is only decoration)",
        "error: content/services/local.yaml:7:10: link: found a link to \"x\", expected a .md page, a file beside it, or a web address starting https://; there is no content/services/x",
    ]);
}

#[test]
fn a_directory_description_is_reported_at_its_line_in_the_yaml() {
    let site = SiteTest::new("minimal");
    site.edit(LOCAL, "description: Services in and around **Town**.", "description: Map ![](@/nowhere.md)");
    site.check().assert_errors(&[
        "error: content/services/local.yaml:2:5: link: found a link to \"@/nowhere.md\", expected an existing file; there is no content/nowhere.md",
        "error: content/services/local.yaml:2:5: alt: found an image \"@/nowhere.md\" with no alt text, expected a short description of what it shows between the brackets, like ![Inhaler technique](diagram.png)",
    ]);
}

#[test]
fn raw_html_links_and_sources_to_nothing_are_errors_like_markdown_links() {
    let site = site_with_page(concat!(
        "See <a href=\"guidelines/missing.md\">the missing guideline</a>.\n",
        "\n",
        "<div>\n",
        "<img alt=\"Chart\"\n",
        "     src=\"chart.png\">\n",
        "</div>\n",
        "\n",
        "- <a href='@/services/rehab-twon'>Rehab</a>\n",
    ));
    site.check().assert_errors(&[
        "error: content/help.md:6:13: link: found a link to \"guidelines/missing.md\", expected an existing file; there is no content/guidelines/missing.md",
        "error: content/help.md:10:10: link: found a link to \"chart.png\", expected a .md page, a file beside it, or a web address starting https://; there is no content/chart.png",
        "error: content/help.md:13:11: link: found a link to service \"rehab-twon\", expected the id of a service in a directory; did you mean `rehab-town`?",
    ]);
}

#[test]
fn script_links_in_raw_html_are_refused_even_disguised() {
    let site = site_with_page("<a href=\"java&Tab;script:alert(1)\">Run</a>\n");
    site.check().assert_errors(&[
        "error: content/help.md:6:9: link: found a link with the scheme \"javascript\", expected http, https, mailto or tel, or a link to a page",
    ]);
}

#[test]
fn raw_html_links_that_resolve_point_at_the_built_page() {
    let site = site_with_page(
        "Read the <a href=\"guidelines/copd.md#diagnosis\">COPD diagnosis section</a>.\n\n<img src=\"diagram.png\" alt=\"\">\n",
    );
    site.build().assert_ok();
    let html = site.main_of("help/index.html");
    assert!(html.contains("<a href=\"/resp/guidelines/copd/#diagnosis\">COPD diagnosis section</a>"), "{html}");
    assert!(html.contains("src=\"/resp/diagram.png\""), "{html}");
}

#[test]
fn a_heading_that_skips_a_level_is_a_warning() {
    let site = site_with_page("#### Too deep\n\n## Back\n\n### Fine\n");
    let run = site.check();
    run.assert_ok();
    assert_eq!(
        warnings_in(&run, PAGE),
        [
            "warning: content/help.md:6:1: found a `####` heading after a `##` heading, expected `###`: a skipped heading level breaks the outline screen readers navigate by"
        ]
    );
}

#[test]
fn a_body_that_starts_below_level_two_skips_from_the_title() {
    let site = SiteTest::new("minimal");
    site.write(PAGE, "---\ntitle: Help\n---\nIntro.\n\n### Details\n");
    let run = site.check();
    run.assert_ok();
    assert_eq!(
        warnings_in(&run, PAGE),
        [
            "warning: content/help.md:6:1: found a `###` heading before any `##` heading, expected `##`: a skipped heading level breaks the outline screen readers navigate by"
        ]
    );
}

#[test]
fn link_text_that_says_nothing_is_a_warning() {
    let site = site_with_page(
        "For inhalers [Click here!](guidelines/copd.md), or\n<a href=\"guidelines/asthma.md\">read more</a>.\n",
    );
    let run = site.check();
    run.assert_ok();
    assert_eq!(
        warnings_in(&run, PAGE),
        [
            "warning: content/help.md:6:14: link text \"Click here!\" says nothing out of context; expected text naming where it goes",
            "warning: content/help.md:7:1: link text \"read more\" says nothing out of context; expected text naming where it goes",
        ]
    );
}

#[test]
fn a_bare_web_address_as_link_text_in_running_text_is_a_warning() {
    let site = site_with_page(concat!(
        "Visit [https://example.org](https://example.org) for more.\n",
        "\n",
        "Or call, or see <https://example.org/help>.\n",
        "\n",
        "<https://example.org/alone>\n",
    ));
    let run = site.check();
    run.assert_ok();
    assert_eq!(
        warnings_in(&run, PAGE),
        [
            "warning: content/help.md:6:7: link text \"https://example.org\" is a bare web address in running text; expected words naming where it goes, like [Citizens Advice](https://www.citizensadvice.org.uk/)",
            "warning: content/help.md:8:17: link text \"https://example.org/help\" is a bare web address in running text; expected words naming where it goes, like [Citizens Advice](https://www.citizensadvice.org.uk/)",
        ]
    );
}

#[test]
fn a_raw_table_without_header_cells_is_a_warning() {
    let site = site_with_page(concat!(
        "<table>\n<tr><td>FEV1</td><td>80%</td></tr>\n</table>\n",
        "\n",
        "<table>\n<tr><th>Test</th><th>Result</th></tr>\n<tr><td>FEV1</td><td>80%</td></tr>\n</table>\n",
        "\n",
        "| Test | Result |\n| --- | --- |\n| FEV1 | 80% |\n",
    ));
    let run = site.check();
    run.assert_ok();
    assert_eq!(
        warnings_in(&run, PAGE),
        [
            "warning: content/help.md:6:1: found a <table> with no header cells, expected a first row of <th> cells naming the columns (or a Markdown table, which always has one)"
        ]
    );
}

#[test]
fn a_guideline_without_a_level_two_heading_is_a_warning() {
    let site = SiteTest::new("minimal");
    let guideline = "content/guidelines/spacer.md";
    site.write(
        guideline,
        concat!(
            "---\n",
            "title: Spacers\n",
            "summary: Which spacer to give.\n",
            "version: \"1\"\n",
            "status: approved\n",
            "authors: [Dr A Example]\n",
            "approved_by: Test Respiratory Network\n",
            "published: 2026-01-10\n",
            "review_due: 2028-01-10\n",
            "---\n",
            "Give a spacer with every pressurised inhaler.\n",
            "\n",
            "### Cleaning\n",
        ),
    );
    let run = site.check();
    run.assert_ok();
    assert_eq!(
        warnings_in(&run, guideline),
        [
            "warning: content/guidelines/spacer.md:11: found no `##` heading in the guideline, expected its sections under `##` headings so readers can skim it and jump to a part",
            "warning: content/guidelines/spacer.md:13:1: found a `###` heading before any `##` heading, expected `##`: a skipped heading level breaks the outline screen readers navigate by",
        ]
    );
}

#[test]
fn decorative_images_good_link_text_and_ordered_headings_pass_silently() {
    let site = site_with_page(concat!(
        "![Spirometry trace](diagram.png) <img src=\"diagram.png\" alt=\"\">\n",
        "\n",
        "### Links\n",
        "\n",
        "See the [COPD guideline](guidelines/copd.md), <a href=\"guidelines/asthma.md\">asthma in adults</a>\n",
        "and [Shelter's housing advice](https://example.org/housing).\n",
        "\n",
        "- <https://example.org/alone-in-a-list-item>\n",
        "\n",
        "## More\n",
    ));
    let run = site.check();
    run.assert_ok();
    assert_eq!(warnings_in(&run, PAGE), Vec::<&str>::new());
}

#[test]
fn links_that_start_with_a_slash_are_checked_like_every_other_link() {
    let site = site_with_page(concat!(
        "See [nothing](/no/such/page/) and [about](/abuot/).\n",
        "\n",
        "<img alt=\"chart\" src=\"/no/such/file.png\">\n",
        "\n",
        "Read [COPD](/guidelines/copd/#treatmnet).\n",
    ));
    site.check().assert_errors(&[
        "error: content/help.md:6:5: link: found a link to \"/no/such/page/\", expected a page or file of this site; there is no /no/such/page/",
        "error: content/help.md:6:35: link: found a link to \"/abuot/\", expected a page or file of this site; there is no /abuot/; did you mean `/resp/about/`?",
        "error: content/help.md:8:22: link: found a link to \"/no/such/file.png\", expected a page or file of this site; there is no /no/such/file.png",
        "error: content/help.md:10:6: link: found a link to #treatmnet, expected a heading id in guidelines/copd; did you mean #treatment?",
    ]);
}

#[test]
fn links_that_start_with_a_slash_are_given_the_base_path() {
    let site = site_with_page(concat!(
        "Read [COPD](/guidelines/copd/#diagnosis), [about](/about), [home](/),\n",
        "[the list](/guidelines/?status=current), [rehab](/services/rehab-town/),\n",
        "[local](/directories/local/) and [pasted](/resp/guidelines/asthma/).\n",
        "\n",
        "<a href=\"/search/\">Search</a> <img alt=\"diagram\" src=\"/diagram.png\">\n",
    ));
    site.build().assert_ok();
    let html = site.main_of("help/index.html");
    for href in [
        "href=\"/resp/guidelines/copd/#diagnosis\"",
        "href=\"/resp/about/\"",
        "href=\"/resp/\"",
        "href=\"/resp/guidelines/?status=current\"",
        "href=\"/resp/services/rehab-town/\"",
        "href=\"/resp/directories/local/\"",
        "href=\"/resp/guidelines/asthma/\"",
        "href=\"/resp/search/\"",
        "src=\"/resp/diagram.png\"",
    ] {
        assert!(html.contains(href), "{href} in {html}");
    }
}

#[test]
fn a_slash_link_to_a_draft_or_an_inactive_service_says_why() {
    let site = site_with_page("See [oxygen](/guidelines/oxygen/) and <a href=\"/services/warm-homes/\">warmth</a>.\n");
    site.edit(
        LOCAL,
        "    description: Advice on heating and bills.\n",
        "    description: Advice on heating and bills.\n    status: inactive\n",
    );
    site.check().assert_errors(&[
        "error: content/help.md:6:5: link: found a link to \"/guidelines/oxygen/\", a draft that is left out of this build; expected a published page (or build with --drafts)",
        "error: content/help.md:6:47: link: found a link to \"/services/warm-homes/\", the page of service \"warm-homes\", which is inactive and not published; expected a published service",
    ]);
}
