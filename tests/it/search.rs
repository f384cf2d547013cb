//! The search index and page come with every build, and go with --no-search.

use crate::harness::{SiteTest, unhashed};

/// The index's meta file, found through its one unhashed entry file.
fn index_meta(site: &SiteTest) -> serde_json::Value {
    let entry: serde_json::Value = serde_json::from_str(&site.output("search/engine/entry.json")).unwrap();
    let meta_path = format!("search/engine/{}", entry["meta"].as_str().unwrap());
    serde_json::from_str(&site.output(&meta_path)).unwrap()
}

#[test]
fn a_build_writes_the_index_vocabulary_and_search_page() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let meta = index_meta(&site);
    assert_eq!(meta["docs"], 7, "3 guidelines, 2 services, 1 directory and 1 page are indexed; drafts are not");
    for file in ["static/js/search-engine.js", "static/js/search.js", "search/index.html"] {
        assert!(site.output_exists(file), "missing {file}");
    }
    assert!(!site.output_exists("pagefind"), "Pagefind's index is gone");

    for word in ["spirometry", "rehabilitation", "salbutamol", "bronchodilator"] {
        let first = &word[..1];
        let file = format!("search/engine/{}", meta["vocabulary"][first].as_str().unwrap());
        let vocabulary: serde_json::Value = serde_json::from_str(&site.output(&file)).unwrap();
        let words: Vec<&str> = vocabulary["words"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
        assert!(words.contains(&word), "{word} is in the typo vocabulary: {words:?}");
    }
    let page = unhashed(&site.output("search/index.html"));
    assert!(page.contains("<noscript>"), "without JavaScript the page says so");
    assert!(
        page.find("search-engine.js") < page.find("static/js/search.js"),
        "the query script loads before the page script that uses it"
    );
    assert!(
        page.contains("href=\"/resp/guidelines/\"") && page.contains("href=\"/resp/services/\""),
        "and links the A–Z lists"
    );
    let guideline = site.output("guidelines/copd/index.html");
    assert!(guideline.contains("action=\"/resp/search/\""), "every page has a search box that works as a plain form");
    assert!(guideline.contains("<label for=\"site-search-q\""));
}

#[test]
fn no_search_skips_the_index_and_says_so() {
    let site = SiteTest::new("minimal");
    site.run(&["build", "--no-search"]).assert_ok();
    assert!(!site.output_exists("search/engine/entry.json"));
    assert!(site.output("search/index.html").contains("Search is not available"));
    assert!(!site.output("guidelines/copd/index.html").contains("site-search-q"), "no search box without an index");
}
