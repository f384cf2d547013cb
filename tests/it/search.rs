//! The search index and page come with every build, and go with --no-search.

use crate::harness::SiteTest;

#[test]
fn a_build_writes_the_index_vocabulary_and_search_page() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    for file in ["pagefind/pagefind.js", "pagefind/pagefind-entry.json", "search/vocabulary.json", "search/index.html"]
    {
        assert!(site.output_exists(file), "missing {file}");
    }
    let fragments = std::fs::read_dir(site.root.join("public/pagefind/fragment")).unwrap().count();
    assert_eq!(fragments, 6, "3 guidelines, 2 services and 1 page are indexed; drafts are not");

    let vocabulary: serde_json::Value = serde_json::from_str(&site.output("search/vocabulary.json")).unwrap();
    let words: Vec<&str> = vocabulary["words"].as_array().unwrap().iter().map(|w| w[0].as_str().unwrap()).collect();
    for word in ["spirometry", "rehabilitation", "salbutamol", "bronchodilator"] {
        assert!(words.contains(&word), "{word} is in the vocabulary");
    }
    let page = site.output("search/index.html");
    assert!(page.contains("<noscript>"), "without JavaScript the page says so");
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
    assert!(!site.output_exists("pagefind/pagefind.js"));
    assert!(site.output("search/index.html").contains("Search is not available"));
    assert!(!site.output("guidelines/copd/index.html").contains("site-search-q"), "no search box without an index");
}

#[test]
fn the_own_engine_is_written_beside_pagefind_only_when_asked() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    assert!(!site.output_exists("search/engine/entry.json"), "the live site is unchanged without the variable");

    site.run_with_env(&["build"], &[("SIGNPOST_SEARCH_ENGINE", "own")]).assert_ok();
    assert!(site.output_exists("pagefind/pagefind.js"), "Pagefind stays the live engine");
    let entry: serde_json::Value = serde_json::from_str(&site.output("search/engine/entry.json")).unwrap();
    let meta_path = format!("search/engine/{}", entry["meta"].as_str().unwrap());
    let meta: serde_json::Value = serde_json::from_str(&site.output(&meta_path)).unwrap();
    assert_eq!(meta["docs"], 6, "the same 3 guidelines, 2 services and 1 page as Pagefind's");
}
