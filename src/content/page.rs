//! Plain pages (`content/**/*.md` outside guidelines) and the home page text.

use super::guideline::{FieldKind, OneValueField};
use super::{Body, frontmatter, key_of, parse_yaml};
use crate::diagnostics::Diagnostic;
use crate::fields::{Fields, Sink};
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Page {
    pub source: String,
    /// `about`, `help/contact`; empty for the home page.
    pub key: String,
    pub title: String,
    pub description: String,
    /// Listed in the main navigation (front matter `menu: false` hides it).
    pub in_menu: bool,
    pub body: Body,
}

/// A plain page's one-value front matter fields. The parser reads each by
/// its `key` here, and the editor's form of a page is drawn from
/// [`ONE_VALUE_FIELDS`] (`menu` is a yes or no, not text, so it is not here).
pub const TITLE: OneValueField =
    OneValueField { key: "title", label: "Title", kind: FieldKind::Text, hint: "Required. The page's heading." };
pub const DESCRIPTION: OneValueField = OneValueField {
    key: "description",
    label: "Description",
    kind: FieldKind::LongText,
    hint: "Optional. A sentence for search results and link previews.",
};
pub const ONE_VALUE_FIELDS: [OneValueField; 2] = [TITLE, DESCRIPTION];

/// Reads a page; for the home page (`_index.md`) front matter is optional.
pub fn parse(file: &SourceFile, is_home: bool) -> (Option<Page>, Vec<Diagnostic>) {
    let rel = file.rel.as_str();
    let split = match frontmatter::split(rel, &file.text) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    let body = Body { text: split.body.into(), first_line: split.body_line };
    let key = if is_home { String::new() } else { key_of(rel) };
    let Some(yaml) = split.yaml else {
        if is_home {
            return (Some(untitled_home(rel, body)), Vec::new());
        }
        let d = Diagnostic::error(
            rel,
            "found no front matter, expected the page to start with ---, a line `title: …`, and another ---",
        )
        .at(1, 1);
        return (None, vec![d]);
    };
    let node = match parse_yaml(rel, &yaml) {
        Ok(node) => node,
        Err(d) => return (None, vec![d]),
    };
    let mut sink = Sink::new(rel);
    let page = read_fields(&node, rel, key, is_home, body, &mut sink);
    if sink.diagnostics.is_empty() { (page, sink.diagnostics) } else { (None, sink.diagnostics) }
}

fn read_fields(
    node: &crate::yaml::Node,
    rel: &str,
    key: String,
    is_home: bool,
    body: Body,
    sink: &mut Sink,
) -> Option<Page> {
    if is_home && node.value == crate::yaml::Value::Null {
        return Some(untitled_home(rel, body));
    }
    let mut f = Fields::of_front_matter(node, sink)?;
    let title = if is_home { f.string(TITLE.key, sink) } else { f.required_string(TITLE.key, sink) };
    let description = f.string(DESCRIPTION.key, sink).unwrap_or_default();
    let in_menu = match f.get("menu") {
        None => true,
        Some(n) => match n.value {
            crate::yaml::Value::Bool(b) => b,
            _ => {
                sink.wrong(n, "menu", "true or false");
                true
            }
        },
    };
    f.finish(sink);
    let title = if is_home { title.unwrap_or_default() } else { title? };
    Some(Page { source: rel.to_string(), key, title, description, in_menu: in_menu && !is_home, body })
}

/// `_index.md` without front matter: just its text.
fn untitled_home(rel: &str, body: Body) -> Page {
    Page {
        source: rel.to_string(),
        key: String::new(),
        title: String::new(),
        description: String::new(),
        in_menu: false,
        body,
    }
}
