//! Accessibility checks on Markdown, made while it renders.
//!
//! Everything here is something an author can fix in the text and a reader
//! with a screen reader would otherwise trip over: an image with no text
//! alternative (an error: the image says nothing at all to them), and,
//! as warnings, headings that skip a level (screen readers list and jump by
//! level), link text that means nothing out of context ("click here", a bare
//! web address in a sentence: screen readers list links on their own), and
//! a raw HTML table with no header cells (its cells cannot be announced
//! with their column). The renderer feeds every event to a [`Linter`], so
//! the text is parsed once.

use super::raw_html::{self, RawTag};
use super::{is_inline, is_inline_end};
use crate::diagnostics::{Severity, quote};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Tag, TagEnd};

/// One finding, at a place in the file; the caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub line: u64,
    pub col: u64,
    /// What to fill in, as the contract's "field": `alt` for a missing
    /// text alternative.
    pub field: Option<&'static str>,
    pub message: String,
}

/// Link texts that say nothing about where a link goes, compared after
/// trimming punctuation and folding case.
const VAGUE_LINK_TEXTS: [&str; 6] = ["click here", "here", "read more", "more", "link", "this link"];

/// A link or image whose text is still being read.
struct Open {
    line: u64,
    col: u64,
    text: String,
    dest: String,
    is_autolink: bool,
}

/// The running text of the innermost block (paragraph, list item, cell):
/// whether it has words outside links, and the bare web addresses used as
/// link text in it, which are only a problem among other words.
#[derive(Default)]
struct Block {
    has_other_text: bool,
    bare_urls: Vec<(u64, u64, String)>,
}

pub struct Linter {
    /// How many levels the renderer lowered every heading by (0 or 1), so
    /// messages show the `#` marks the author wrote.
    shift: u8,
    /// The level of the last heading; the page title is level 1.
    last_heading: u8,
    image: Option<Open>,
    link: Option<Open>,
    /// An `<a href>` written in raw HTML whose text is still being read.
    raw_link: Option<Open>,
    block: Block,
    /// Open raw HTML tables: where each starts and whether it has a `<th>`.
    tables: Vec<(u64, u64, bool)>,
    findings: Vec<Finding>,
}

impl Linter {
    pub fn new(headings_shifted: bool) -> Self {
        Linter {
            shift: u8::from(headings_shifted),
            last_heading: 1,
            image: None,
            link: None,
            raw_link: None,
            block: Block::default(),
            tables: Vec::new(),
            findings: Vec::new(),
        }
    }

    /// Looks at one Markdown event (headings already at the level they
    /// render at); `position` gives the line and column it starts at. Raw
    /// HTML goes to [`Linter::raw_html`] instead.
    pub fn event(&mut self, event: &Event, position: &dyn Fn() -> (u64, u64)) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let (line, col) = position();
                self.heading(*level, line, col);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let (line, col) = position();
                self.image = Some(open(line, col, dest_url, false));
            }
            Event::End(TagEnd::Image) => self.end_image(),
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                let (line, col) = position();
                self.link = Some(open(line, col, dest_url, *link_type == LinkType::Autolink));
            }
            Event::End(TagEnd::Link) => self.end_link(),
            Event::Text(text) | Event::Code(text) => self.text(text),
            Event::Start(tag) if !is_inline(tag) => self.end_block(),
            Event::End(tag) if !is_inline_end(tag) => self.end_block(),
            _ => {}
        }
    }

    /// Looks at a piece of raw HTML; `position` maps an offset in it to
    /// its line and column in the file.
    pub fn raw_html(&mut self, html: &str, position: &dyn Fn(usize) -> (u64, u64)) {
        let mut text_from = None;
        for tag in raw_html::tags(html) {
            if let (Some(from), Some(link)) = (text_from, self.raw_link.as_mut()) {
                link.text.push_str(&html[from..tag.start]);
            }
            text_from = Some(tag.end);
            self.raw_tag(&tag, position);
        }
        if let (Some(from), Some(link)) = (text_from, self.raw_link.as_mut()) {
            link.text.push_str(&html[from..]);
        }
    }

    fn raw_tag(&mut self, tag: &RawTag, position: &dyn Fn(usize) -> (u64, u64)) {
        let (line, col) = position(tag.start);
        match (tag.name.as_str(), tag.is_end) {
            ("img", false) if tag.attr("alt").is_none() => self.missing_alt(
                line,
                col,
                "found an <img> with no alt attribute, expected alt=\"what the image shows\" (or alt=\"\" if it is only decoration)".into(),
            ),
            ("a", false) => {
                if let Some(href) = tag.attr("href") {
                    self.raw_link = Some(open(line, col, &href.decoded(), false));
                }
            }
            ("a", true) => {
                if let Some(link) = self.raw_link.take() {
                    self.check_link_text(&link);
                }
            }
            ("table", false) => self.tables.push((line, col, false)),
            ("th", false) => {
                if let Some(table) = self.tables.last_mut() {
                    table.2 = true;
                }
            }
            ("table", true) => {
                if let Some(table) = self.tables.pop() {
                    self.check_table(table);
                }
            }
            _ => {}
        }
    }

    /// Everything found, once the last event has been seen.
    pub fn finish(mut self) -> Vec<Finding> {
        self.end_block();
        while let Some(table) = self.tables.pop() {
            self.check_table(table);
        }
        self.findings
    }

    fn heading(&mut self, level: HeadingLevel, line: u64, col: u64) {
        let level = level as u8;
        let expected = self.last_heading + 1;
        if level > expected {
            let before = if self.last_heading == 1 {
                format!("before any {} heading", self.marks(expected))
            } else {
                format!("after a {} heading", self.marks(self.last_heading))
            };
            self.warning(
                line,
                col,
                format!(
                    "found a {} heading {before}, expected {}: a skipped heading level breaks the outline screen readers navigate by",
                    self.marks(level),
                    self.marks(expected)
                ),
            );
        }
        self.last_heading = level;
    }

    /// The `#` marks an author writes for a heading rendered at `level`.
    fn marks(&self, level: u8) -> String {
        format!("`{}`", "#".repeat(usize::from(level.saturating_sub(self.shift).max(1))))
    }

    fn text(&mut self, text: &str) {
        if let Some(image) = self.image.as_mut() {
            image.text.push_str(text);
        }
        if let Some(link) = self.link.as_mut().or(self.raw_link.as_mut()) {
            link.text.push_str(text);
        } else if self.image.is_none() && !text.trim().is_empty() {
            self.block.has_other_text = true;
        }
    }

    fn end_image(&mut self) {
        let Some(image) = self.image.take() else { return };
        if image.text.trim().is_empty() {
            self.missing_alt(
                image.line,
                image.col,
                format!(
                    "found an image {} with no alt text, expected a short description of what it shows between the brackets, like ![Inhaler technique](diagram.png)",
                    quote(&image.dest)
                ),
            );
        }
    }

    fn end_link(&mut self) {
        let Some(link) = self.link.take() else { return };
        if !self.check_link_text(&link) && is_bare_url(&link) {
            self.block.bare_urls.push((link.line, link.col, link.text.trim().to_string()));
        }
    }

    /// Warns about link text that says nothing; true if it did.
    fn check_link_text(&mut self, link: &Open) -> bool {
        let words = link.text.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        if !VAGUE_LINK_TEXTS.contains(&words.as_str()) {
            return false;
        }
        self.warning(
            link.line,
            link.col,
            format!(
                "link text {} says nothing out of context; expected text naming where it goes",
                quote(link.text.trim())
            ),
        );
        true
    }

    /// The end of a paragraph, list item or cell: a bare web address is
    /// fine alone on a line, not among other words.
    fn end_block(&mut self) {
        // An `<a>` left open in raw HTML ends with its block.
        if let Some(link) = self.raw_link.take() {
            self.check_link_text(&link);
        }
        let block = std::mem::take(&mut self.block);
        if !block.has_other_text {
            return;
        }
        for (line, col, url) in block.bare_urls {
            self.warning(
                line,
                col,
                format!(
                    "link text {} is a bare web address in running text; expected words naming where it goes, like [Citizens Advice](https://www.citizensadvice.org.uk/)",
                    quote(&url)
                ),
            );
        }
    }

    fn check_table(&mut self, (line, col, has_header): (u64, u64, bool)) {
        if !has_header {
            self.warning(
                line,
                col,
                "found a <table> with no header cells, expected a first row of <th> cells naming the columns (or a Markdown table, which always has one)".into(),
            );
        }
    }

    fn missing_alt(&mut self, line: u64, col: u64, message: String) {
        self.findings.push(Finding { severity: Severity::Error, line, col, field: Some("alt"), message });
    }

    fn warning(&mut self, line: u64, col: u64, message: String) {
        self.findings.push(Finding { severity: Severity::Warning, line, col, field: None, message });
    }
}

fn open(line: u64, col: u64, dest: &str, is_autolink: bool) -> Open {
    Open { line, col, text: String::new(), dest: dest.to_string(), is_autolink }
}

/// A link whose text is a web address: `<https://x.org>`,
/// `[https://x.org](https://x.org)` or `[www.x.org](…)`.
fn is_bare_url(link: &Open) -> bool {
    let text = link.text.trim().to_ascii_lowercase();
    link.is_autolink || ["http://", "https://", "www."].iter().any(|start| text.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::super::{KeepLinks, render};

    fn findings(text: &str) -> Vec<String> {
        render(text, 1, &KeepLinks)
            .lints
            .iter()
            .map(|f| format!("{:?} {}:{} {}", f.severity, f.line, f.col, f.message))
            .collect()
    }

    #[test]
    fn images_need_alt_text_unless_marked_decorative() {
        let found = findings("![](a.png) ![Chart](b.png)\n\n<img src=\"c.png\">\n\n<img src=\"d.png\" alt=\"\">\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("Error 1:1 found an image \"a.png\" with no alt text"), "{found:?}");
        assert!(found[1].starts_with("Error 3:1 found an <img> with no alt attribute"), "{found:?}");
    }

    #[test]
    fn heading_levels_must_not_skip() {
        let found = findings("## A\n\n#### B\n\n## C\n\n### D\n");
        assert_eq!(
            found,
            [
                "Warning 3:1 found a `####` heading after a `##` heading, expected `###`: a skipped heading level breaks the outline screen readers navigate by"
            ]
        );
        let found = findings("### First\n");
        assert!(
            found[0].starts_with("Warning 1:1 found a `###` heading before any `##` heading, expected `##`"),
            "{found:?}"
        );
        assert!(findings("# A\n\n## B\n").is_empty(), "a body in # headings is shifted below the title");
    }

    #[test]
    fn vague_and_bare_link_texts_are_warned_about() {
        let found =
            findings("For more, [Click here!](a.md). Or <a href=\"b.md\">read more</a>.\n\nSee <https://x.org> now.\n");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("Warning 1:11 link text \"Click here!\" says nothing"), "{found:?}");
        assert!(found[1].starts_with("Warning 1:35 link text \"read more\" says nothing"), "{found:?}");
        assert!(found[2].starts_with("Warning 3:5 link text \"https://x.org\" is a bare web address"), "{found:?}");
        assert!(
            findings("<https://x.org>\n\n- [www.x.org](https://www.x.org)\n- [Shelter](https://x.org)\n").is_empty()
        );
        let found =
            findings("Write to <a@example.org> or see [www.x.org](https://www.x.org) and [copd.md](copd.md).\n");
        assert_eq!(found.len(), 1, "an email address and a file name are not web addresses: {found:?}");
        assert!(found[0].starts_with("Warning 1:33 link text \"www.x.org\" is a bare web address"), "{found:?}");
    }

    #[test]
    fn raw_tables_need_header_cells() {
        let found = findings("<table><tr><td>1</td></tr></table>\n\n<table><tr><th>A</th></tr></table>\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("Warning 1:1 found a <table> with no header cells"), "{found:?}");
    }
}
