//! `postcodes` in site.yaml (issue 22, point 4): each district or sector
//! names an area of the `areas` tree; a wrong entry is an error at its line;
//! the build writes the table for the browser, and the pages that let a
//! postcode choose the area (services lists, directories, search) name it.
//! The lookup itself (longest match, a postcode in a query) runs in the
//! browser: tests/browser/postcodes.test.mjs and checks/postcodes.mjs.

use crate::harness::{SiteTest, unhashed};

const TREE: &str = "areas:\n  All of Shire:\n    North:\n      - Town\n      - Village\n    South: [Port]\n";

/// The minimal fixture with an areas tree and these `postcodes:` lines.
fn with_postcodes(postcodes: &str) -> SiteTest {
    let site = SiteTest::new("minimal");
    let config = site.read("site.yaml");
    site.write("site.yaml", format!("{config}{TREE}postcodes:\n{postcodes}"));
    site
}

/// The one postcode file the build wrote, by its path under the output.
fn postcode_file(site: &SiteTest) -> Option<String> {
    let engine = site.root.join("public/search/engine");
    let names = std::fs::read_dir(engine).ok()?.filter_map(|e| e.ok()?.file_name().into_string().ok());
    names.into_iter().find(|n| n.starts_with("postcodes.")).map(|n| format!("search/engine/{n}"))
}

#[test]
fn each_wrong_entry_is_an_error_naming_its_line_field_found_and_expected() {
    // site.yaml's lines 1-8 are the fixture's, 9-14 the tree, 15 `postcodes:`.
    let site = with_postcodes(
        "  Town: [AB1, AB1 7]\n  Narnia: [ZZ9]\n  Village: [AB12, AB1 7TU, 7AB]\n  Port: [ab1]\n  North: {x: AB3}\n",
    );
    site.build().assert_errors(&[
        "error: site.yaml:17:3: postcodes.Narnia: found \"Narnia\", expected an area of the `areas` tree (All of Shire, North, Town, Village, South, Port)",
        "error: site.yaml:18:19: postcodes.Village: found \"AB1 7TU\", expected a postcode district such as DT4 or a sector such as DT4 7",
        "error: site.yaml:18:28: postcodes.Village: found \"7AB\", expected a postcode district such as DT4 or a sector such as DT4 7",
        "error: site.yaml:19:10: postcodes.Port: found \"AB1\" a second time (listed for \"Town\" at line 16), expected each district or sector in one area",
        "error: site.yaml:20:10: postcodes.North: found a mapping (key: value pairs), expected a list of postcode districts or sectors, like [DT1, DT2 7]",
    ]);
}

#[test]
fn postcodes_without_an_areas_tree_are_an_error_saying_so() {
    let site = SiteTest::new("minimal");
    let config = site.read("site.yaml");
    site.write("site.yaml", format!("{config}postcodes:\n  Town: [AB1]\n"));
    site.build().assert_errors(&[
        "error: site.yaml:10:3: postcodes.Town: found \"Town\", expected an area of the `areas` tree, which site.yaml does not have",
    ]);
}

#[test]
fn the_table_goes_to_the_browser_as_one_hashed_file_with_sector_and_district_apart() {
    let site = with_postcodes("  Town: [ab1, AB2]\n  Village: [AB1  7]\n");
    site.build().assert_ok();
    let path = postcode_file(&site).expect("a postcodes file under search/engine/");
    assert!(path.len() == "search/engine/postcodes.".len() + 16 + ".json".len(), "a content-hashed name: {path}");
    // The browser picks the longest match, so the sector must stay apart
    // from its district, each with its own area.
    assert_eq!(
        site.output(&path),
        r#"{"areas":{"town":"Town","village":"Village"},"codes":{"AB1":"town","AB1 7":"village","AB2":"town"}}"#
    );
    let address = format!("/resp/{path}");
    for page in ["services/index.html", "directories/local/index.html", "services/area/town/index.html"] {
        let html = site.output(page);
        assert!(html.contains(&format!("data-postcodes=\"{address}\"")), "{page} names the table");
        assert!(html.contains("<input id=\"filter-postcode\" name=\"postcode\""), "{page} has the postcode field");
        assert!(unhashed(&html).contains("static/js/postcodes.js"), "{page} loads postcodes.js");
    }
    let search = site.output("search/index.html");
    assert!(
        search.contains(&format!("data-postcodes=\"{address}\""))
            && unhashed(&search).contains("static/js/postcodes.js")
    );
    // Pages with no area to choose do not pay for it.
    assert!(!site.output("guidelines/copd/index.html").contains("postcodes.js"));
}

#[test]
fn a_changed_table_gets_a_new_name() {
    let site = with_postcodes("  Town: [AB1]\n");
    site.build().assert_ok();
    let before = postcode_file(&site).unwrap();
    site.edit("site.yaml", "  Town: [AB1]\n", "  Town: [AB1, AB2]\n");
    site.build().assert_ok();
    let after = postcode_file(&site).unwrap();
    assert_ne!(before, after, "an immutable file's name must change with its content");
}

#[test]
fn without_search_the_card_filters_still_get_the_table() {
    let site = with_postcodes("  Town: [AB1]\n");
    site.run(&["build", "--no-search"]).assert_ok();
    let path = postcode_file(&site).expect("the table, though there is no index");
    assert!(site.output("services/index.html").contains(&format!("data-postcodes=\"/resp/{path}\"")));
}

#[test]
fn without_postcodes_there_is_no_field_no_file_and_no_script() {
    let site = SiteTest::new("minimal");
    let config = site.read("site.yaml");
    site.write("site.yaml", format!("{config}{TREE}"));
    site.build().assert_ok();
    assert_eq!(postcode_file(&site), None);
    for page in ["services/index.html", "search/index.html"] {
        let html = site.output(page);
        assert!(!html.contains("data-postcode") && !html.contains("postcodes.js"), "{page} offers postcodes");
    }
}

#[test]
fn the_example_site_has_postcodes_for_its_areas() {
    let site = SiteTest::example();
    site.build().assert_ok();
    let table = site.output(&postcode_file(&site).expect("the example's table"));
    assert!(table.contains(r#""DT4":"weymouth-and-portland""#), "{table}");
    assert!(table.contains(r#""BH15":"poole""#), "{table}");
}
