//! Lists in pages (`docs/paging.md`): the services list, each directory,
//! each category, each area and the guidelines list are split into pages of
//! `page_size`, linked to each other and listed in the sitemap. The
//! `paging` fixture has pages of three: 9 services, a directory of 7, a
//! category of exactly 3, one of 4, an empty one, and an area only
//! county-wide services cover.

use crate::harness::{SiteTest, list_files};

/// The ids of the service cards on a page, in order.
fn cards(html: &str) -> Vec<String> {
    html.match_indices("<article class=\"card service-card\"")
        .map(|(at, _)| {
            let rest = &html[at..];
            let href = rest.find("href=\"/services/").expect("a card links its service") + "href=\"/services/".len();
            rest[href..href + rest[href..].find('/').unwrap()].to_string()
        })
        .collect()
}

/// The guideline rows of a page of the guidelines list.
fn rows(html: &str) -> usize {
    html.matches("<tr role=\"row\" data-filter-item").count()
}

fn built() -> SiteTest {
    let site = SiteTest::new("paging");
    site.build().assert_ok();
    site
}

/// `(rel, href)` of the `<link rel>` in a page's head.
fn head_link(html: &str, rel: &str) -> Option<String> {
    let at = html.find(&format!("<link rel=\"{rel}\" href=\""))? + format!("<link rel=\"{rel}\" href=\"").len();
    Some(html[at..at + html[at..].find('"')?].to_string())
}

#[test]
fn the_services_list_runs_over_pages_of_the_page_size_by_name() {
    let site = built();
    let first = site.output("services/index.html");
    let second = site.output("services/page/2/index.html");
    let third = site.output("services/page/3/index.html");
    assert_eq!(cards(&first), ["alder-advice", "birch-boilers", "cedar-heat"]);
    assert_eq!(cards(&second), ["damson-homes", "elm-housing", "fir-lets"]);
    assert_eq!(cards(&third), ["gorse-rooms", "hazel-help", "ivy-info"]);
    assert!(!site.output_exists("services/page/4/index.html"));
    assert!(!site.output_exists("services/page/1/index.html"), "page 1 is the list's own address");
    assert!(second.contains("Showing 4–6 of 9 services"), "{second}");
    assert!(first.contains("Showing 1–3 of 9 services"));
}

#[test]
fn pages_link_to_each_other_with_real_links_and_rel_prev_next() {
    let site = built();
    let first = site.output("services/index.html");
    let second = site.output("services/page/2/index.html");
    let third = site.output("services/page/3/index.html");
    assert_eq!(head_link(&first, "prev"), None);
    assert_eq!(head_link(&first, "next").as_deref(), Some("/services/page/2/"));
    assert_eq!(head_link(&second, "prev").as_deref(), Some("/services/"));
    assert_eq!(head_link(&second, "next").as_deref(), Some("/services/page/3/"));
    assert_eq!(head_link(&third, "next"), None);
    let nav = &second[second.find("<nav class=\"pager\" aria-label=\"Pages\"").expect("a pager")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(nav.contains("<a href=\"/services/\" rel=\"prev\">"), "{nav}");
    assert!(nav.contains("<a href=\"/services/page/3/\" rel=\"next\">"), "{nav}");
    assert!(nav.contains("<a href=\"/services/page/2/\" aria-current=\"page\">"), "{nav}");
    assert_eq!(nav.matches("aria-current").count(), 1);
    // The title says which page it is, after the first.
    assert!(second.contains("<title>Services (page 2 of 3) – "), "{}", &second[..400]);
}

#[test]
fn a_list_of_exactly_one_page_has_no_pager_and_one_card_over_makes_a_second() {
    let site = built();
    let advice = site.output("services/category/advice/index.html");
    assert_eq!(cards(&advice), ["alder-advice", "birch-boilers", "damson-homes"]);
    assert!(!advice.contains("aria-label=\"Pages\""), "one page needs no pager");
    assert!(head_link(&advice, "next").is_none());
    assert!(!site.output_exists("services/category/advice/page/2/index.html"));
    let warmth = site.output("services/category/warmth/index.html");
    assert_eq!(cards(&warmth), ["alder-advice", "birch-boilers", "cedar-heat"]);
    let over = site.output("services/category/warmth/page/2/index.html");
    assert_eq!(cards(&over), ["ivy-info"]);
    assert!(over.contains("Showing 4 of 4 services"), "{over}");
    assert!(warmth.contains("<h1>Warmth and energy services</h1>"));
}

#[test]
fn an_empty_category_has_one_page_saying_so() {
    let site = built();
    let money = site.output("services/category/money/index.html");
    assert!(cards(&money).is_empty());
    assert!(money.contains("There are no services here."), "{money}");
    assert!(!money.contains("aria-label=\"Pages\""));
    // It is not offered as a way in: it would lead nowhere.
    assert!(!site.output("index.html").contains("/services/category/money/"));
}

#[test]
fn an_area_page_holds_the_county_wide_services_around_it() {
    let site = built();
    let hamlet = site.output("services/area/hamlet/index.html");
    assert_eq!(cards(&hamlet), ["cedar-heat", "fir-lets"]);
    assert!(hamlet.contains("<h1>Services in Hamlet</h1>"));
    let south = site.output("services/area/south/index.html");
    let south2 = site.output("services/area/south/page/2/index.html");
    let mut all = cards(&south);
    all.extend(cards(&south2));
    assert_eq!(all, ["birch-boilers", "cedar-heat", "elm-housing", "fir-lets", "hazel-help"]);
    // The slug is the one the area filter puts in the address.
    let list = site.output("services/index.html");
    assert!(list.contains("<option value=\"hamlet\""), "the area filter's value for Hamlet");
}

#[test]
fn a_directory_runs_over_pages_and_keeps_its_description_on_the_first() {
    let site = built();
    let first = site.output("directories/big/index.html");
    let last = site.output("directories/big/page/3/index.html");
    assert_eq!(cards(&first).len(), 3);
    assert_eq!(cards(&last), ["gorse-rooms"]);
    assert!(first.contains("The big directory directory."));
    assert!(!last.contains("The big directory directory."));
    assert!(last.contains("Showing 7 of 7 services"));
    assert_eq!(head_link(&last, "prev").as_deref(), Some("/directories/big/page/2/"));
    let small = site.output("directories/small/index.html");
    assert_eq!(cards(&small), ["hazel-help", "ivy-info"]);
}

#[test]
fn the_guidelines_list_runs_over_pages_with_an_a_to_z_and_conditions() {
    let site = built();
    let first = site.output("guidelines/index.html");
    let second = site.output("guidelines/page/2/index.html");
    assert_eq!((rows(&first), rows(&second)), (3, 1));
    assert!(second.contains("Date guideline"));
    assert!(second.contains("Showing 4 of 4 guidelines"));
    // The A–Z links each letter to the page where it starts.
    assert!(first.contains("<a href=\"/guidelines/#letter-a\">A</a>"), "{first}");
    assert!(first.contains("<a href=\"/guidelines/page/2/#letter-d\">D</a>"));
    assert!(second.contains("<tbody id=\"letter-d\""));
    assert!(first.contains("<a href=\"/guidelines/?condition=asthma\">Asthma</a>"));
}

#[test]
fn every_page_of_every_list_is_in_the_sitemap() {
    let site = built();
    let sitemap = site.output("sitemap.xml");
    for path in [
        "services/page/2/",
        "services/page/3/",
        "guidelines/page/2/",
        "directories/big/page/3/",
        "services/category/warmth/page/2/",
        "services/category/money/",
        "services/area/hamlet/",
        "services/area/south/page/2/",
    ] {
        assert!(sitemap.contains(&format!("<loc>https://test.example.org/{path}</loc>")), "{path} missing");
    }
    // And every page in the sitemap was written.
    for loc in sitemap.split("<loc>").skip(1) {
        let path = loc.split("</loc>").next().unwrap().trim_start_matches("https://test.example.org/");
        assert!(site.output_exists(&format!("{path}index.html")), "{path} is in the sitemap but not built");
    }
}

fn list_data(site: &SiteTest, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.output(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The ids of every service a services list holds, over all its pages.
fn listed(site: &SiteTest, list: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for n in 1.. {
        let page = if n == 1 { format!("{list}index.html") } else { format!("{list}page/{n}/index.html") };
        if !site.output_exists(&page) {
            break;
        }
        ids.extend(cards(&site.output(&page)));
    }
    ids
}

#[test]
fn beside_each_page_of_a_services_list_are_its_cards_and_the_counts_within_the_list() {
    let site = built();
    let out = site.root.join("public");
    let mut checked = 0;
    for rel in list_files(&out) {
        let Some(folder) = rel.strip_suffix("index.html") else { continue };
        let is_services_list = ["services/", "services/page/", "services/category/", "services/area/"]
            .iter()
            .any(|list| folder == *list || (folder.starts_with(list) && *list != "services/"));
        if !is_services_list {
            continue;
        }
        let data = list_data(&site, &format!("{folder}cards.json"));
        let html = site.output(&rel);
        assert_eq!(cards(data["cards"].as_str().unwrap()), cards(&html), "{folder}: the page's own cards");
        let total = data["total"].as_u64().unwrap();
        let says = if total == 0 { "There are no services here.".to_string() } else { format!(" of {total} service") };
        assert!(html.contains(&says), "{folder}: {total} in all");
        assert_eq!(data["all"], 9, "{folder}: every service");
        checked += 1;
    }
    assert!(checked >= 12, "{checked} pages");

    // Within Warmth: each area counts the warmth services its own list holds.
    let warmth = listed(&site, "services/category/warmth/");
    let data = list_data(&site, "services/category/warmth/page/2/cards.json");
    for area in ["north", "south", "hamlet", "all-of-shire"] {
        let both = listed(&site, &format!("services/area/{area}/")).iter().filter(|id| warmth.contains(id)).count();
        assert_eq!(data["counts"]["area"][area].as_u64().unwrap_or(0), both as u64, "warmth in {area}");
    }
    assert_eq!(data["counts"]["category"]["warmth"], warmth.len());
    assert!(data["counts"]["category"].get("money").is_none(), "no money service is a warmth one");
    // An empty category still has its one page of data, saying so.
    let money = list_data(&site, "services/category/money/cards.json");
    assert_eq!((money["total"].as_u64(), money["cards"].as_str()), (Some(0), Some("")));
}

/// Every list page of the built site holds at most `size` cards or rows.
fn assert_no_list_page_over(site: &SiteTest, size: usize) -> usize {
    let out = site.root.join("public");
    let mut checked = 0;
    for rel in list_files(&out) {
        let is_list = rel == "services/index.html"
            || rel.starts_with("services/page/")
            || rel.starts_with("services/category/")
            || rel.starts_with("services/area/")
            || rel.starts_with("directories/")
            || rel.starts_with("guidelines/index.html")
            || rel.starts_with("guidelines/page/");
        if !is_list || !(rel.ends_with(".html") || rel.ends_with("cards.json")) {
            continue;
        }
        let html = if rel.ends_with(".json") {
            list_data(site, &rel)["cards"].as_str().unwrap().to_string()
        } else {
            site.output(&rel)
        };
        let n = cards(&html).len() + rows(&html);
        assert!(n <= size, "{rel} holds {n} items, more than the page size {size}");
        checked += 1;
    }
    checked
}

#[test]
fn no_list_page_holds_more_than_the_page_size() {
    let site = built();
    assert!(assert_no_list_page_over(&site, 3) >= 20);
    // The example site, at the default size of 50.
    let example = SiteTest::example();
    example.build().assert_ok();
    assert!(assert_no_list_page_over(&example, 50) >= 20);
}

#[test]
fn page_size_must_be_one_or_more() {
    let site = SiteTest::new("paging");
    site.edit("site.yaml", "page_size: 3", "page_size: 0");
    site.build().assert_errors(&[
        "error: site.yaml:4:12: page_size: found the number 0, expected a whole number of items per list page, 1 or more",
    ]);
    site.edit("site.yaml", "page_size: 0", "page_size: many");
    site.build().assert_errors(&[
        "error: site.yaml:4:12: page_size: found \"many\", expected a whole number of items per list page, 1 or more",
    ]);
}

#[test]
fn a_service_may_not_take_an_id_of_the_list_pages() {
    let site = SiteTest::new("paging");
    site.edit("content/services/small.yaml", "id: ivy-info", "id: page");
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.errors().iter().any(|e| e.contains(
            "services[1].id: found \"page\", expected another id: /services/page/ holds pages of the services list"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_card_template_is_one_error_and_the_old_output_stays() {
    let site = built();
    let before = site.output("services/index.html");
    site.write("templates/service-card.html", "{{ service.no_such_field | upper }}");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "one error for the template, not one per service: {errors:?}");
    assert!(errors[0].starts_with("error: templates/service-card.html: template:"), "{}", errors[0]);
    assert_eq!(site.output("services/index.html"), before, "a failed build leaves the output as it was");
}

/// One directory of one service, for sites with many directories.
fn directory(title: &str, id: &str) -> String {
    format!(
        "title: {title}\nservices:\n  - id: {id}\n    name: {title} service\n    organisation: {title} Trust\n    description: Help.\n    categories: [warmth]\n    last_verified: 2026-09-01\n"
    )
}

/// The directories' names on a page, in order (the list, not the pager).
fn directory_names(html: &str) -> Vec<String> {
    let list = &html[html.find("<ul class=\"link-list\">").expect("the list")..];
    let list = &list[..list.find("</ul>").unwrap()];
    list.match_indices("<li><a href=\"/directories/")
        .map(|(at, _)| {
            let rest = &list[at..];
            let start = rest.find('>').unwrap() + 1;
            let start = start + rest[start..].find('>').unwrap() + 1;
            rest[start..start + rest[start..].find('<').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn the_directories_have_a_paged_list_a_to_z() {
    let site = built();
    // Three a page: the fixture's two and five more, named out of order.
    for (n, title) in ["Gamma", "alpha", "Epsilon", "Delta", "Beta"].iter().enumerate() {
        site.write(&format!("content/services/extra-{n}.yaml"), directory(title, &format!("extra-{n}")));
    }
    site.build().assert_ok();
    let first = site.output("directories/index.html");
    let third = site.output("directories/page/3/index.html");
    assert_eq!(directory_names(&first), ["alpha", "Beta", "Big directory"]);
    assert_eq!(directory_names(&site.output("directories/page/2/index.html")), ["Delta", "Epsilon", "Gamma"]);
    assert_eq!(directory_names(&third), ["Small directory"]);
    assert!(first.contains("Showing 1–3 of 7"), "{first}");
    assert_eq!(head_link(&first, "next").as_deref(), Some("/directories/page/2/"));
    assert_eq!(head_link(&third, "prev").as_deref(), Some("/directories/page/2/"));
    let sitemap = site.output("sitemap.xml");
    for page in ["/directories/</loc>", "/directories/page/2/</loc>", "/directories/page/3/</loc>"] {
        assert!(sitemap.contains(page), "{page} in the sitemap");
    }
}

/// Listing every directory by name on the home page and every services list
/// made those pages grow with the site (120 KB at 1,000 directories).
#[test]
fn many_directories_are_one_link_not_a_list_on_the_home_page_and_services_lists() {
    let few = built();
    assert!(few.output("services/index.html").contains("<li><a href=\"/directories/big/\">"));
    assert!(few.output("index.html").contains("<li><a href=\"/directories/big/\">"));

    let many = built();
    for n in 0..21 {
        many.write(
            &format!("content/services/extra-{n:02}.yaml"),
            directory(&format!("Extra {n:02}"), &format!("extra-{n:02}")),
        );
    }
    many.build().assert_ok();
    for page in
        ["services/index.html", "services/page/2/index.html", "services/category/warmth/index.html", "index.html"]
    {
        let html = many.output(page);
        assert!(!html.contains("<li><a href=\"/directories/"), "{page} lists no directory by name");
        assert!(html.contains("<a href=\"/directories/\">All 23 service directories, A to Z</a>"), "{page}");
    }
    assert!(many.output_exists("directories/page/8/index.html"), "23 directories in pages of three");
}
