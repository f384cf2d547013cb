//! Several phones, each with its label (issue 19): `contact.phones` beside
//! `contact.phone`, shown on every page that shows a number, checked like
//! `phone`, and findable by search.

use crate::harness::SiteTest;

const LOCAL: &str = "content/services/local.yaml";

/// The minimal fixture's rehab-town with two more numbers, one with an
/// extension, each labelled; `label` text is hostile to test escaping.
fn with_three_phones(site: &SiteTest) {
    site.edit(
        LOCAL,
        "      phone: \"01632 960001\"\n",
        concat!(
            "      phone: \"01632 960001\"\n",
            "      phones:\n",
            "        - number: \"18001 01632 960002\"\n",
            "          label: Text relay\n",
            "        - number: \"01632 960003 ext. 105\"\n",
            "          label: \"Bookings <b>& changes</b>\"\n",
        ),
    );
}

#[test]
fn three_phones_show_as_three_tel_links_with_their_labels() {
    let site = SiteTest::new("minimal");
    with_three_phones(&site);
    site.build().assert_ok();

    let list = concat!(
        "<div><dt>Phones</dt><dd><ul class=\"phone-list\">",
        "<li><a href=\"tel:+441632960001\">01632 960001</a></li>",
        "<li>Text relay: <a href=\"tel:1800101632960002\">18001 01632 960002</a></li>",
        "<li>Bookings &lt;b&gt;&amp; changes&lt;/b&gt;: <a href=\"tel:+441632960003\">01632 960003 ext. 105</a></li>",
        "</ul></dd></div>",
    );
    let page = site.main_of("services/rehab-town/index.html");
    assert_eq!(page.matches(list).count(), 1, "the contact section lists all three:\n{page}");
    for path in ["services/index.html", "directories/local/index.html", "guidelines/copd/index.html"] {
        let html = site.main_of(path);
        assert!(html.contains(list), "the card on {path} lists all three:\n{html}");
    }

    // The handout: one dd a number, so copy as text gives one line each.
    let handout = site.output("services/rehab-town/index.html");
    let handout = &handout[handout.find("<template id=\"handout-card\">").unwrap()..];
    assert!(
        handout.contains(concat!(
            "<div><dt>Phones</dt>",
            "<dd data-text=\"Phone\"><a href=\"tel:+441632960001\">01632 960001</a></dd>",
            "<dd data-text=\"Phone\">Text relay: <a href=\"tel:1800101632960002\">18001 01632 960002</a></dd>",
            "<dd data-text=\"Phone\">Bookings &lt;b&gt;&amp; changes&lt;/b&gt;: <a href=\"tel:+441632960003\">01632 960003 ext. 105</a></dd>",
            "</div>"
        )),
        "{handout}"
    );

    // A service with one number keeps the one link it had.
    let other = site.main_of("services/warm-homes/index.html");
    assert!(
        other.contains("<div><dt>Phone</dt><dd><a href=\"tel:+448081570001\">0808 157 0001</a></dd></div>"),
        "{other}"
    );
}

#[test]
fn phones_alone_are_a_way_to_get_in_touch() {
    let site = SiteTest::new("minimal");
    site.edit(
        LOCAL,
        "    contact:\n      phone: \"0808 157 0001\"\n",
        "    contact:\n      phones:\n        - number: \"0808 157 0001\"\n          label: Advice line\n",
    );
    site.build().assert_ok();
    let page = site.main_of("services/warm-homes/index.html");
    assert!(
        page.contains("<div><dt>Phone</dt><dd>Advice line: <a href=\"tel:+448081570001\">0808 157 0001</a></dd></div>"),
        "{page}"
    );
}

#[test]
fn a_bad_number_in_phones_is_an_error_naming_the_entry() {
    let site = SiteTest::new("minimal");
    with_three_phones(&site);
    site.edit(LOCAL, "\"01632 960003 ext. 105\"", "\"call reception\"");
    site.check().assert_errors(&[
        "error: content/services/local.yaml:18:19: services[0].contact.phones[1].number: found \"call reception\", expected a phone number of digits, spaces and an optional leading +",
    ]);
}

#[test]
fn an_entry_without_a_number_or_with_an_unknown_key_is_an_error() {
    let site = SiteTest::new("minimal");
    with_three_phones(&site);
    site.edit(LOCAL, "          label: Text relay\n", "          lable: Text relay\n");
    site.edit(
        LOCAL,
        "        - number: \"01632 960003 ext. 105\"\n          label: \"Bookings <b>& changes</b>\"\n",
        "        - 01632 960003\n",
    );
    site.check().assert_errors(&[
        "error: content/services/local.yaml:17:11: services[0].contact.phones[0].lable: found an unknown field, expected `label` (a misspelling?)",
        "error: content/services/local.yaml:18:11: services[0].contact.phones[1]: found \"01632 960003\", expected a mapping with number and an optional label, like {number: \"01305 000000\", label: Text relay}",
    ]);
}

/// Every file under `dir`, read and joined.
fn text_under(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        text.push_str(&if path.is_dir() { text_under(&path) } else { std::fs::read_to_string(&path).unwrap() });
    }
    text
}

#[test]
fn every_number_is_in_the_search_index() {
    let site = SiteTest::new("minimal");
    with_three_phones(&site);
    site.build().assert_ok();
    let engine = site.root.join("public/search/engine");
    let shards = text_under(&engine.join("shards"));
    // 960001 is the main number's (a key term through the result's meta);
    // the others reach the index only as the service's own key terms.
    for word in ["960001", "18001", "960002", "960003", "105"] {
        assert!(shards.contains(&format!("[\"{word}\",")), "{word} is a word of the index");
    }
    let fragments = text_under(&engine.join("fragments"));
    let key_terms =
        r#""key_terms":["Respiratory services","Town","Village","18001 01632 960002","01632 960003 ext. 105"]"#;
    assert!(fragments.contains(key_terms), "{fragments}");
    // The result shows the first number and dials it without its extension.
    assert!(fragments.contains(r#""phone":"01632 960001","phone_href":"tel:+441632960001""#), "{fragments}");
}
