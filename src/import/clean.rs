//! The publisher's text made into Markdown that passes signpost's check.
//!
//! Descriptions arrive as HTML or plain text, and as publishers write them:
//! links cut off (`href="info@northbristol"`), without a scheme
//! (`www.nlmind.org.`), to `sms:`; images without alt text; headings from
//! `<h1>` down; literal `\n` and `###MON###` markers from an export. Here the
//! HTML is sanitised by ammonia (no script, style or event handler
//! survives), links are mended or kept as text, and htmd makes it
//! Markdown; then images without alt text are dropped and headings are
//! renumbered to sit under the service's name. Every change is listed, so
//! the import can report it against the record.

use super::problems::Reason;
use std::sync::{Arc, Mutex};

/// Markdown, and what was changed on the way, with the text that was found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    pub changes: Vec<(Reason, String)>,
}

/// Feed text (HTML or plain) as Markdown that passes `check`.
pub fn markdown(text: &str) -> Cleaned {
    let mut changes = Vec::new();
    let is_html = looks_like_html(text);
    // In HTML a line break is a tag; a bare newline would be a space.
    let line_break = if is_html { "<br>" } else { "\n" };
    let text = unescape(text.trim(), line_break, &mut changes);
    let converted = if is_html { html_to_markdown(&text, &mut changes) } else { text };
    let converted = drop_images_without_alt(&converted, &mut changes);
    let text = tidy(&demote_headings(&converted));
    Cleaned { text, changes }
}

/// Literal `\n`, `\r`, `\t` (a backslash and a letter, left by an export
/// that escaped its text twice) and `###MON###`-style markers.
fn unescape(text: &str, line_break: &str, changes: &mut Vec<(Reason, String)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['\\', '#']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("\\r\\n").or_else(|| tail.strip_prefix("\\n")) {
            found.push(tail[..tail.len() - after.len()].to_string());
            out.push_str(line_break);
            rest = after;
        } else if let Some(after) = tail.strip_prefix("\\t") {
            found.push("\\t".to_string());
            out.push(' ');
            rest = after;
        } else if let Some((marker, after)) = marker(tail) {
            found.push(marker.to_string());
            out.push_str(line_break);
            rest = after;
        } else {
            let c = tail.chars().next().unwrap_or('#');
            out.push(c);
            rest = &tail[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    if !found.is_empty() {
        found.dedup();
        changes.push((Reason::EscapesCleaned, found.join(" ")));
    }
    out
}

/// `###MON###` at the start of `text`: three or more `#`, capital letters, as many `#`.
fn marker(text: &str) -> Option<(&str, &str)> {
    let hashes = text.bytes().take_while(|b| *b == b'#').count();
    let word = text[hashes..].bytes().take_while(u8::is_ascii_uppercase).count();
    let closing = text[hashes + word..].bytes().take_while(|b| *b == b'#').count();
    let is_marker = hashes >= 3 && word >= 2 && closing == hashes;
    is_marker.then(|| text.split_at(hashes + word + closing))
}

fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        || ["&amp;", "&nbsp;", "&lt;", "&gt;", "&quot;", "&#"].iter().any(|e| text.contains(e))
}

/// Sanitised HTML as Markdown, with each link mended or made text.
fn html_to_markdown(html: &str, changes: &mut Vec<(Reason, String)>) -> String {
    let found: Arc<Mutex<Vec<(Reason, String)>>> = Arc::default();
    let seen = found.clone();
    let mut builder = ammonia::Builder::default();
    // sms: passes the scheme filter only so that it can be reported here.
    builder.url_schemes(["http", "https", "mailto", "tel", "sms"].into()).attribute_filter(
        move |element, attribute, value| {
            if !(element == "a" && attribute == "href") {
                return Some(value.into());
            }
            let (mended, change) = link(value);
            if let Some(change) = change
                && let Ok(mut list) = seen.lock()
            {
                list.push((change, value.to_string()));
            }
            mended.map(Into::into)
        },
    );
    let clean = builder.clean(html).to_string();
    changes.extend(found.lock().map(|mut l| std::mem::take(&mut *l)).unwrap_or_default());
    htmd::convert(&clean).unwrap_or_else(|_| ammonia::clean_text(html))
}

/// A link's address as signpost accepts it, or `None` to keep its words as
/// text; and the change, if there was one.
fn link(href: &str) -> (Option<String>, Option<Reason>) {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    for scheme in ["https://", "http://", "mailto:", "tel:"] {
        if lower.starts_with(scheme) {
            let rest = &href[scheme.len()..];
            // `https://` alone, or `mailto:` with no address, goes nowhere.
            if rest.trim_matches(['/', '.']).is_empty() {
                return (None, Some(Reason::LinkWithoutScheme));
            }
            return (Some(format!("{scheme}{rest}")), None);
        }
    }
    if lower.starts_with("sms:") {
        return (None, Some(Reason::LinkSmsAsText));
    }
    let host = href.trim_end_matches(['.', ',', ';']);
    let looks_like_host = lower.starts_with("www.") && host.contains('.') && !host.contains(char::is_whitespace);
    if looks_like_host {
        return (Some(format!("https://{host}")), Some(Reason::LinkGivenHttps));
    }
    (None, Some(Reason::LinkWithoutScheme))
}

/// `![](picture.png)`: an image with no words for people who cannot see it.
fn drop_images_without_alt(markdown: &str, changes: &mut Vec<(Reason, String)>) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(i) = rest.find("![](") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        match after.find(')') {
            Some(end) => {
                changes.push((Reason::ImageWithoutAlt, after[..end].to_string()));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("![](");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Headings renumbered from `##` down with no level skipped, so the
/// description's outline sits under the service's name (the page's `#`).
fn demote_headings(markdown: &str) -> String {
    let mut in_fence = false;
    let level_of = |line: &str| {
        let hashes = line.bytes().take_while(|b| *b == b'#').count();
        ((1..=6).contains(&hashes) && line[hashes..].starts_with(' ')).then_some(hashes)
    };
    let mut levels = Vec::new();
    for line in markdown.lines() {
        in_fence ^= line.trim_start().starts_with("```");
        if let Some(level) = level_of(line).filter(|_| !in_fence) {
            levels.push(level);
        }
    }
    if levels.is_empty() {
        return markdown.to_string();
    }
    levels.sort_unstable();
    levels.dedup();
    let new_level = |level: usize| (levels.iter().position(|l| *l == level).unwrap_or(0) + 2).min(6);
    in_fence = false;
    let lines: Vec<String> = markdown
        .lines()
        .map(|line| {
            in_fence ^= line.trim_start().starts_with("```");
            match level_of(line).filter(|_| !in_fence) {
                Some(level) => format!("{}{}", "#".repeat(new_level(level)), &line[level..]),
                None => line.to_string(),
            }
        })
        .collect();
    lines.join("\n")
}

/// No control characters, no trailing spaces, at most one blank line in a row.
fn tidy(text: &str) -> String {
    let lines: Vec<String> = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_control() || *c == '\t').collect::<String>().trim_end().to_string())
        .collect();
    let mut joined = lines.join("\n");
    while joined.contains("\n\n\n") {
        joined = joined.replace("\n\n\n", "\n\n");
    }
    joined.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(c: &Cleaned) -> Vec<Reason> {
        c.changes.iter().map(|(r, _)| *r).collect()
    }

    #[test]
    fn html_becomes_markdown_without_scripts() {
        let md = markdown("<p>Help with <b>debt</b></p><script>alert(1)</script><ul><li>One</li></ul>");
        assert!(md.text.contains("**debt**"), "{md:?}");
        assert!(md.text.contains("One"), "{md:?}");
        assert!(!md.text.contains("alert"), "{md:?}");
        assert_eq!(markdown("  plain text  ").text, "plain text");
    }

    #[test]
    fn links_are_mended_or_kept_as_text() {
        let md = markdown(
            r#"<p><a href="info@northbristol">Email us</a>, <a href="www.nlmind.org.">Mind</a>, <a href="sms:07700900000">Text</a>, <a href="HTTPS://x.org/a">X</a>.</p>"#,
        );
        assert_eq!(md.text, "Email us, [Mind](https://www.nlmind.org), Text, [X](https://x.org/a).");
        assert_eq!(reasons(&md), [Reason::LinkWithoutScheme, Reason::LinkGivenHttps, Reason::LinkSmsAsText]);
        assert_eq!(md.changes[0].1, "info@northbristol");
    }

    #[test]
    fn images_without_alt_are_dropped() {
        let md = markdown(r#"<p>Before <img src="https://x.org/a.png"> after</p>"#);
        assert_eq!(md.text, "Before  after");
        assert_eq!(md.changes, [(Reason::ImageWithoutAlt, "https://x.org/a.png".to_string())]);
    }

    #[test]
    fn headings_sit_under_the_service_name() {
        let md = markdown("<h1>About</h1><p>x</p><h3>Who</h3><p>y</p>");
        assert_eq!(md.text, "## About\n\nx\n\n### Who\n\ny");
    }

    #[test]
    fn literal_escapes_and_markers_are_cleaned() {
        let md = markdown(r"Groups:\n\n* Healthy relationships###MON###Drop-in");
        assert_eq!(md.text, "Groups:\n\n* Healthy relationships\nDrop-in");
        assert_eq!(md.changes, [(Reason::EscapesCleaned, r"\n ###MON###".to_string())]);
        assert_eq!(markdown("# Not a marker ## here").text, "## Not a marker ## here");
    }
}
