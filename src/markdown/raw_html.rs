//! The tags in an author's raw HTML, with where each attribute value sits.
//!
//! Raw HTML in Markdown is sanitised by ammonia when the page is rendered,
//! but ammonia's parser keeps no source positions, and the authoring checks
//! must say file:line:col. Only tag names and attribute values are needed
//! (`<a href>`, `<img src alt>`, `<table>`, `<th>`), never a tree, so this
//! small scanner reads them with their byte offsets. It follows the HTML
//! tokeniser where it matters for those checks: names are case-insensitive,
//! values may be quoted either way or not at all, comments are skipped, and
//! the text of `<script>` and `<style>` is not markup (ammonia drops it).

use std::borrow::Cow;
use std::ops::Range;

/// One start or end tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTag<'a> {
    /// Lower case: `img`, `a`, `table`.
    pub name: String,
    pub is_end: bool,
    /// Offset of the `<`.
    pub start: usize,
    /// Offset just after the `>` (or the end of the text if it never closes).
    pub end: usize,
    pub attrs: Vec<RawAttr<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawAttr<'a> {
    /// Lower case.
    pub name: String,
    /// The value as written, without quotes; `None` for a bare attribute.
    pub value: Option<&'a str>,
    /// Where the value is written, quotes included; for a bare attribute,
    /// the name.
    pub span: Range<usize>,
}

impl RawTag<'_> {
    pub fn attr(&self, name: &str) -> Option<&RawAttr<'_>> {
        self.attrs.iter().find(|a| a.name == name)
    }

    pub fn is_start(&self, name: &str) -> bool {
        !self.is_end && self.name == name
    }
}

impl RawAttr<'_> {
    /// The value with character references decoded, as a browser reads it.
    pub fn decoded(&self) -> Cow<'_, str> {
        decode_entities(self.value.unwrap_or_default())
    }
}

/// Every tag in `html`, in order.
pub fn tags(html: &str) -> Vec<RawTag<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let rest = &html[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            at = comment.find("-->").map_or(html.len(), |e| start + 4 + e + 3);
            continue;
        }
        let Some(tag) = tag_at(html, start) else {
            at = start + 1;
            continue;
        };
        at = tag.end;
        if !tag.is_end && (tag.name == "script" || tag.name == "style") {
            let close = format!("</{}", tag.name);
            at = find_ignoring_case(&html[at..], &close).map_or(html.len(), |e| at + e);
        }
        out.push(tag);
    }
    out
}

/// The tag starting with the `<` at `start`, if it is one.
fn tag_at(html: &str, start: usize) -> Option<RawTag<'_>> {
    let bytes = html.as_bytes();
    let is_end = bytes.get(start + 1) == Some(&b'/');
    let name_start = start + 1 + usize::from(is_end);
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_end = scan(bytes, name_start, |b| b.is_ascii_alphanumeric() || b == b'-');
    let mut tag = RawTag {
        name: html[name_start..name_end].to_ascii_lowercase(),
        is_end,
        start,
        end: html.len(),
        attrs: Vec::new(),
    };
    let mut at = name_end;
    loop {
        at = scan(bytes, at, |b| b.is_ascii_whitespace() || b == b'/');
        match bytes.get(at) {
            None => return Some(tag),
            Some(b'>') => {
                tag.end = at + 1;
                return Some(tag);
            }
            Some(_) => {
                let (attr, next) = attr_at(html, at);
                tag.attrs.push(attr);
                at = next;
            }
        }
    }
}

/// The attribute whose name starts at `start`, and where scanning goes on.
fn attr_at(html: &str, start: usize) -> (RawAttr<'_>, usize) {
    let bytes = html.as_bytes();
    // An attribute name is anything up to a space, `/`, `>` or `=`; the
    // first character may be `=` itself (the tokeniser's rule).
    let name_end = scan(bytes, start + 1, |b| !(b.is_ascii_whitespace() || b"/>=".contains(&b)));
    let name = html[start..name_end].to_ascii_lowercase();
    let after_space = scan(bytes, name_end, |b| b.is_ascii_whitespace());
    if bytes.get(after_space) != Some(&b'=') {
        return (RawAttr { name, value: None, span: start..name_end }, name_end);
    }
    let value_start = scan(bytes, after_space + 1, |b| b.is_ascii_whitespace());
    let (value, span) = match bytes.get(value_start) {
        Some(&quote @ (b'"' | b'\'')) => {
            let close = html[value_start + 1..].find(quote as char).map_or(html.len(), |e| value_start + 1 + e);
            let end = (close + 1).min(html.len());
            (&html[value_start + 1..close], value_start..end)
        }
        _ => {
            let end = scan(bytes, value_start, |b| !(b.is_ascii_whitespace() || b == b'>'));
            (&html[value_start..end], value_start..end)
        }
    };
    let next = span.end;
    (RawAttr { name, value: Some(value), span }, next)
}

fn scan(bytes: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    let mut at = from.min(bytes.len());
    while at < bytes.len() && keep(bytes[at]) {
        at += 1;
    }
    at
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(&needle.to_ascii_lowercase())
}

/// Decodes numeric character references and the named ones an attribute
/// value is likely to hold, including those used to disguise a scheme
/// (`java&Tab;script:`). Unknown names are left as written.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character of the reference at the start of `text` (which starts with
/// `&`), and how many bytes it takes.
fn reference(text: &str) -> Option<(char, usize)> {
    let body_end = text[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map_or(text.len(), |e| e + 1);
    let body = &text[1..body_end];
    let len = body_end + usize::from(text[body_end..].starts_with(';'));
    let c = if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(value)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "colon" => ':',
            "sol" => '/',
            "Tab" => '\t',
            "NewLine" => '\n',
            "nbsp" => '\u{a0}',
            _ => return None,
        }
    };
    Some((c, len))
}

/// `text` escaped for a double-quoted attribute value.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_and_values_in_every_quoting() {
        let html = "<IMG src=x ALT='a b' data-x=\"q\" hidden>";
        let tags = tags(html);
        assert_eq!(tags.len(), 1);
        let img = &tags[0];
        assert!(img.is_start("img"));
        assert_eq!(img.attr("src").unwrap().value, Some("x"));
        assert_eq!(img.attr("src").unwrap().span, 9..10);
        assert_eq!(img.attr("alt").unwrap().value, Some("a b"));
        assert_eq!(&html[img.attr("alt").unwrap().span.clone()], "'a b'");
        assert_eq!(img.attr("hidden").unwrap().value, None);
        assert_eq!(img.end, html.len());
    }

    #[test]
    fn end_tags_comments_and_script_text_are_told_apart() {
        let html = "<table><!-- <img> --><tr><td>1</td></tr></table><script>var s = '<img>';</script><p>";
        let names: Vec<String> =
            tags(html).iter().map(|t| format!("{}{}", if t.is_end { "/" } else { "" }, t.name)).collect();
        assert_eq!(names, ["table", "tr", "td", "/td", "/tr", "/table", "script", "/script", "p"]);
    }

    #[test]
    fn text_that_only_looks_like_a_tag_is_not_one() {
        assert!(tags("a < b and 3<4 <>").is_empty());
    }

    #[test]
    fn entities_are_decoded_so_disguised_schemes_show() {
        assert_eq!(decode_entities("java&Tab;script&colon;x"), "java\tscript:x");
        assert_eq!(decode_entities("a&amp;b&#x41;&#66;&unknown;"), "a&bAB&unknown;");
    }
}
