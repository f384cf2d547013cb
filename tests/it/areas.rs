//! The `areas` tree in site.yaml: a service listed for a wider area is found
//! by a filter for any area inside it (services list, directory pages,
//! search), its card says "Covers all of …", and an area missing from the
//! tree is a warning with the nearest name. Without a tree nothing changes.

use crate::harness::SiteTest;

const LOCAL: &str = "content/services/local.yaml";
const TREE: &str = "areas:\n  All of Shire:\n    North:\n      - Town\n      - Village\n    South: [Port]\n";

fn with_tree() -> SiteTest {
    let site = SiteTest::new("minimal");
    let config = site.read("site.yaml");
    site.write("site.yaml", format!("{config}{TREE}"));
    // warm-homes now covers the whole county.
    site.edit(LOCAL, "    areas: [Town]\n", "    areas: [All of Shire]\n");
    site
}

/// The `data-areas` of a service's card on the services list.
fn card_areas(html: &str, id: &str) -> String {
    let card = html.find(&format!("href=\"/resp/services/{id}/\"")).expect("the card");
    let start = html[..card].rfind("data-areas=\"").expect("data-areas") + "data-areas=\"".len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

#[test]
fn a_county_wide_service_is_found_by_every_area_inside_it() {
    let site = with_tree();
    site.build().assert_ok();
    let list = site.output("services/index.html");
    assert_eq!(card_areas(&list, "warm-homes"), "all-of-shire north town village south port");
    assert_eq!(card_areas(&list, "rehab-town"), "all-of-shire north town village");
    // The options are the tree's, in its order, nested, each counting what it finds.
    let options: Vec<&str> = list.match_indices("<option value=\"").map(|(i, _)| &list[i..]).collect();
    let areas: Vec<String> = options
        .iter()
        .filter_map(|o| {
            let value = o.split('"').nth(1)?;
            let text = o.split('>').nth(1)?.split('<').next()?;
            ["all-of-shire", "north", "town", "village", "south", "port"]
                .contains(&value)
                .then(|| text.replace('\u{a0}', "_"))
        })
        .collect();
    assert_eq!(
        areas,
        ["All of Shire (2)", "__North (2)", "____Town (2)", "____Village (2)", "__South (1)", "____Port (1)"]
    );
    assert!(list.contains("<div><dt>Areas</dt><dd>Covers all of Shire</dd></div>"), "the wide service's card");
    assert!(list.contains("<div><dt>Areas</dt><dd>Town, Village</dd></div>"), "a local one as before");
    let directory = site.output("directories/local/index.html");
    assert_eq!(card_areas(&directory, "warm-homes"), "all-of-shire north town village south port");
    let guideline = site.output("guidelines/copd/index.html");
    assert!(guideline.contains("<dd>Town, Village</dd>"), "the local services box shows areas in words");
    assert!(site.output("services/warm-homes/index.html").contains("<dt>Areas</dt><dd>Covers all of Shire</dd>"));
}

#[test]
fn search_filters_find_a_wider_service_by_a_town_inside_it() {
    let site = with_tree();
    site.build().assert_ok();
    let engine = site.root.join("public/search/engine");
    let filters = crate::harness::list_files(&engine.join("filters"));
    // Filter files are binary: each value is its length, then its bytes.
    let text: String = filters
        .iter()
        .map(|f| String::from_utf8_lossy(&std::fs::read(engine.join("filters").join(f)).unwrap()).into_owned())
        .collect();
    // The area filter's values include Port, which only the county-wide
    // service covers, by the slug the services list uses in its address.
    assert!(text.contains("\u{4}port"), "{text}");
    assert!(!text.contains("\u{4}Port"), "values are slugs, not names: {text}");
    // The search page lists them in the tree's order, named and indented.
    let entry = std::fs::read_to_string(engine.join("entry.json")).unwrap();
    let meta_file = entry.split("\"meta\":\"").nth(1).unwrap().split('"').next().unwrap();
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(engine.join(meta_file)).unwrap()).unwrap();
    let areas: Vec<(String, String, u64)> = meta["filter_labels"]["area"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a[0].as_str().unwrap().into(), a[1].as_str().unwrap().into(), a[2].as_u64().unwrap()))
        .collect();
    assert_eq!(areas.first(), Some(&("all-of-shire".to_string(), "All of Shire".to_string(), 0)), "{areas:?}");
    assert!(areas.contains(&("port".to_string(), "Port".to_string(), 2)), "{areas:?}");
}

#[test]
fn an_area_missing_from_the_tree_is_a_warning_with_the_nearest_name() {
    let site = with_tree();
    site.edit(LOCAL, "    areas: [Town, Village]\n", "    areas: [Town, Vilage]\n");
    let run = site.build();
    run.assert_ok();
    let warning = run.warnings().into_iter().find(|w| w.contains("Vilage")).unwrap_or_else(|| panic!("{}", run.stderr));
    assert_eq!(
        warning,
        "warning: content/services/local.yaml:9:19: areas: area \"Vilage\" is not in site.yaml areas; did you mean `Village`? add it there if it is new"
    );
}

#[test]
fn an_area_named_twice_in_the_tree_is_an_error_at_its_line() {
    let site = SiteTest::new("minimal");
    let config = site.read("site.yaml");
    let lines = config.lines().count();
    site.write("site.yaml", format!("{config}areas:\n  Shire: [Town, Town]\n"));
    let run = site.build();
    assert_eq!(
        run.errors(),
        [format!(
            "error: site.yaml:{}:17: areas.Shire: found \"Town\" a second time, expected each area once in the tree",
            lines + 2
        )]
    );
}

#[test]
fn without_a_tree_areas_are_as_written() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let list = site.output("services/index.html");
    assert_eq!(card_areas(&list, "warm-homes"), "town");
    assert_eq!(card_areas(&list, "rehab-town"), "town village");
    assert!(!list.contains("Covers "));
}
