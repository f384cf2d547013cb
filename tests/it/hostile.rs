//! Untrusted text in every YAML field and in Markdown comes out escaped.

use crate::harness::{SiteTest, list_files};

#[test]
fn hostile_strings_are_escaped_everywhere() {
    let site = SiteTest::new("hostile");
    let run = site.build();
    run.assert_ok();
    let public = site.root.join("public");
    let mut checked = 0;
    for file in list_files(&public) {
        if !(file.ends_with(".html") || file.ends_with(".xml")) {
            continue;
        }
        let text = std::fs::read_to_string(public.join(&file)).unwrap();
        for tag in tags(&text) {
            let lower = tag.to_lowercase();
            let names = without_quoted_values(&lower);
            for bad in [" onerror", " onclick", " onload", " style=", "<iframe", "<img src=x"] {
                assert!(!names.contains(bad), "{file}: {bad} in a live tag: {tag}");
            }
            for url in ["href=\"javascript:", "src=\"javascript:", "href=javascript:"] {
                assert!(!lower.contains(url), "{file}: script URL: {tag}");
            }
            if lower.starts_with("<script") {
                assert!(lower.contains("src=\"/static/"), "{file}: inline or foreign script: {tag}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 8, "{checked}");
    let guideline = site.output("guidelines/evil/index.html");
    assert!(
        guideline.contains("&lt;script&gt;alert(&quot;title&quot;)&lt;&#x2F;script&gt;")
            || guideline.contains("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;"),
        "the title is shown, escaped"
    );
    assert!(guideline.contains("Kept text after the script"), "sanitising keeps the author's text");
}

/// Every `<…>` span: escaped text never contains `<`, so these are the live tags.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

/// A tag with its quoted attribute values blanked out, leaving the names.
fn without_quoted_values(tag: &str) -> String {
    let mut out = String::new();
    let mut in_quotes = false;
    for c in tag.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            out.push(c);
        }
    }
    out
}
