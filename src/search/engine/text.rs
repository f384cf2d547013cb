//! Plain text from the sanitised body HTML the build already holds, split
//! into sections at `h2` and `h3` headings, for indexing and for the
//! excerpts and sub-results a fragment carries.

/// The text before the first heading, then one section per heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's `id` ("" before the first heading, or a heading without one).
    pub id: String,
    pub heading: String,
    pub text: String,
}

/// The sections of `html`; empty ones (no heading, no text) are left out.
pub fn sections(html: &str) -> Vec<Section> {
    let mut out = Vec::new();
    let mut current = Section { id: String::new(), heading: String::new(), text: String::new() };
    let mut rest = html;
    while let Some(start) = find_heading(rest) {
        current.text.push_str(&plain_text(&rest[..start]));
        let after = &rest[start..];
        let level = &after[1..3];
        let open_end = after.find('>').map_or(after.len(), |i| i + 1);
        let close = format!("</{level}>");
        let heading_end = after.find(&close).unwrap_or(after.len());
        let heading = plain_text(&after[open_end.min(heading_end)..heading_end]);
        push_section(
            &mut out,
            std::mem::replace(
                &mut current,
                Section {
                    id: attribute(&after[..open_end], "id").unwrap_or_default(),
                    heading: heading.trim().to_string(),
                    text: String::new(),
                },
            ),
        );
        rest = &after[(heading_end + close.len()).min(after.len())..];
    }
    current.text.push_str(&plain_text(rest));
    push_section(&mut out, current);
    out
}

fn push_section(out: &mut Vec<Section>, mut section: Section) {
    section.text = collapse_spaces(&section.text);
    if !section.heading.is_empty() || !section.text.is_empty() {
        out.push(section);
    }
}

/// Where the next `<h2` or `<h3` tag starts.
fn find_heading(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<h") {
        let at = from + i;
        let bytes = html.as_bytes();
        if matches!(bytes.get(at + 2), Some(b'2' | b'3')) && matches!(bytes.get(at + 3), Some(b' ' | b'>')) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// A double-quoted attribute's value in one tag (the sanitiser always quotes).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(decode_entities(&tag[start..start + len]))
}

/// Text of an HTML fragment, entities decoded. Block tags become spaces;
/// inline ones vanish, so `Treat<em>ment</em>` stays one word.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            // A lone `<` is text (the sanitiser would have escaped it, but be safe).
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        if !is_inline(&rest[open + 1..open + close]) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    decode_entities(&text)
}

/// Whether a tag (its text between `<` and `>`) is one that sits inside a
/// line of text.
fn is_inline(tag: &str) -> bool {
    let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
    matches!(
        name.to_ascii_lowercase().as_str(),
        "a" | "abbr"
            | "b"
            | "code"
            | "del"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "u"
    )
}

/// The entities pulldown-cmark and ammonia write; others are left as they are.
fn decode_entities(text: &str) -> String {
    const ENTITIES: [(&str, &str); 7] = [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&nbsp;", "\u{a0}"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match ENTITIES.iter().find(|(entity, _)| tail.starts_with(entity)) {
            Some((entity, decoded)) => {
                out.push_str(decoded);
                rest = &tail[entity.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_split_at_headings_with_their_ids() {
        let html = "<p>Intro &amp; scope.</p><h2 id=\"treatment\">Treat<em>ment</em></h2><p>Use <a href=\"/x\">SABA</a>.</p>\
                    <h3 id=\"doses\">Doses</h3><ul><li>2 puffs</li></ul><h4>Not a section</h4><p>more</p>";
        let s = sections(html);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0], Section { id: "".into(), heading: "".into(), text: "Intro & scope.".into() });
        assert_eq!(
            (s[1].id.as_str(), s[1].heading.as_str(), s[1].text.as_str()),
            ("treatment", "Treatment", "Use SABA.")
        );
        assert_eq!(s[2].id, "doses");
        assert_eq!(s[2].text, "2 puffs Not a section more");
    }

    #[test]
    fn a_body_without_headings_is_one_section_and_an_empty_one_none() {
        assert_eq!(sections("<p>Just text</p>").len(), 1);
        assert!(sections("").is_empty());
        assert_eq!(plain_text("a&lt;b &amp;amp;"), "a<b &amp;");
    }
}
