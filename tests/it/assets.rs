//! The theme's stylesheets and scripts under content-hashed names (issue 22:
//! an old copy never mixes with a new one): what `build` writes and links,
//! what changes a name, and the preview's plain names.

use crate::harness::{SiteTest, hashed_assets, unhashed};
use crate::serve::Preview;
use xxhash_rust::xxh3::xxh3_64;

#[test]
fn pages_link_each_stylesheet_and_script_by_a_hash_of_its_bytes() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let page = site.output("guidelines/copd/index.html");
    let linked = hashed_assets(&page);
    assert!(linked.iter().any(|a| a.starts_with("/resp/static/css/site.")), "{linked:?}");
    assert!(linked.iter().any(|a| a.starts_with("/resp/static/js/guideline.")), "{linked:?}");
    for address in &linked {
        let hashed = address.trim_start_matches("/resp/");
        let bytes = std::fs::read(site.root.join("public").join(hashed)).unwrap();
        let plain = unhashed(hashed);
        assert_eq!(
            bytes,
            std::fs::read(site.root.join("public").join(&plain)).unwrap(),
            "{hashed} is {plain} under a second name"
        );
        let hash = &hashed[hashed.len() - plain.len() + plain.rfind('.').unwrap() - 16..][..16];
        assert_eq!(hash, format!("{:016x}", xxh3_64(&bytes)), "{hashed}");
    }
    assert!(!page.contains("static/css/site.css\""), "no page links the plain name");
}

#[test]
fn a_changed_stylesheet_gets_a_new_name_and_an_unchanged_one_keeps_its_own() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let first = hashed_assets(&site.output("guidelines/copd/index.html"));
    site.build().assert_ok();
    assert_eq!(hashed_assets(&site.output("guidelines/copd/index.html")), first, "the same bytes, the same names");

    site.write("themes/default/static/css/site.css", "body { color: navy; }\n");
    site.build().assert_ok();
    let second = hashed_assets(&site.output("guidelines/copd/index.html"));
    let changed: Vec<_> = second.iter().filter(|a| !first.contains(a)).collect();
    assert_eq!(changed.len(), 1, "only the stylesheet that changed: {changed:?}");
    assert!(changed[0].starts_with("/resp/static/css/site."));
    assert!(!site.output_exists(first.iter().find(|a| a.contains("/site.")).unwrap().trim_start_matches("/resp/")));
}

#[test]
fn a_template_naming_an_asset_the_theme_has_not_got_is_an_error() {
    let site = SiteTest::new("minimal");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}<script src=\"{{ asset(path='js/nope.js') }}\"></script>{% endblock content %}\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.errors()
            .iter()
            .any(|e| e.starts_with("error: templates/page.html: template:") && e.contains("static/js/nope.js")),
        "{}",
        run.stderr
    );
}

#[test]
fn the_preview_links_the_plain_names_so_an_edited_stylesheet_swaps_in_place() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let page = preview.get("/guidelines/copd/").body;
    assert!(page.contains("<link rel=\"stylesheet\" href=\"/static/css/site.css\">"), "{page}");
    assert!(hashed_assets(&page).is_empty(), "{page}");
}
