//! Every page carries the Content Security Policy, early in its head, and
//! nothing on it needs an exception: no inline script, event handler or
//! style, whatever an author writes.

use crate::harness::{SiteTest, list_files};

const POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'\">";

#[test]
fn every_page_carries_the_policy_and_needs_no_exception() {
    let site = SiteTest::new("minimal");
    site.edit(
        "content/guidelines/asthma.md",
        "## Treatment",
        "## Treatment\n\n| Step | Dose |\n| :--- | ---: |\n| 1 | 100 |\n\n<p style=\"color:red\" onclick=\"x()\">Raw</p>\n\n<table><tr><td style=\"text-align: left\">a</td></tr></table>",
    );
    site.build().assert_ok();
    let pages: Vec<String> =
        list_files(&site.root.join("public")).into_iter().filter(|f| f.ends_with(".html")).collect();
    assert!(pages.len() > 8, "{pages:?}");
    for page in &pages {
        let html = site.output(page);
        let head = &html[..html.find("</head>").unwrap_or_else(|| panic!("{page}: no head"))];
        assert_eq!(html.matches("Content-Security-Policy").count(), 1, "{page}");
        let policy_at = head.find(POLICY).unwrap_or_else(|| panic!("{page}: no policy in the head:\n{head}"));
        assert!(head.find("<link").is_none_or(|at| at > policy_at), "{page}: the policy comes before any resource");
        assert!(!html.contains(" style=") && !html.contains("<style"), "{page}: inline style");
        for script in html.split("<script").skip(1) {
            let tag = &script[..script.find('>').unwrap()];
            assert!(tag.contains(" src=\""), "{page}: inline script <script{tag}>");
            assert!(script[tag.len() + 1..].starts_with("</script>"), "{page}: a script with a src and a body");
        }
        for handler in [" onclick=", " onload=", " onerror=", " onchange=", " onsubmit=", "javascript:"] {
            assert!(!html.contains(handler), "{page}: {handler}");
        }
    }
    let asthma = site.output("guidelines/asthma/index.html");
    assert!(asthma.contains("<th class=\"align-left\">Step</th><th class=\"align-right\">Dose</th>"), "{asthma}");
    assert!(asthma.contains("<td class=\"align-right\">100</td>"));
}
