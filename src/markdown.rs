//! Markdown to HTML, configured in one place.
//!
//! CommonMark with the GitHub extensions the contract promises: tables,
//! footnotes, strikethrough, task lists, heading ids and alerts (rendered as
//! `<aside class="callout …">`). Heading ids are stable slugs; links go
//! through a [`LinkResolver`] so links to `.md` sources become page URLs;
//! raw HTML is sanitised, after its `<a href>` and `<img src>` have been
//! resolved like Markdown links. Accessibility checks ([`lints`]) watch the
//! same events as they render.

mod lints;
mod pathway;
mod raw_html;

pub use lints::Finding;
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link whose `#anchor` must exist in another page, checked once every
/// page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorCheck {
    /// Key of the page the anchor must be in (see `content::key_of`).
    pub page_key: String,
    pub anchor: String,
    pub line: u64,
    pub col: u64,
}

/// A link that could not be resolved, with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    pub line: u64,
    pub col: u64,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Shared: the page and its search record hold the same text.
    pub html: Arc<str>,
    pub toc: Vec<TocEntry>,
    /// Every heading id, for anchor checks (pathways' anchors too).
    pub heading_ids: Vec<String>,
    /// Each pathway block's anchor, in order.
    pub pathways: Vec<String>,
    pub anchor_checks: Vec<AnchorCheck>,
    pub problems: Vec<LinkProblem>,
    /// Accessibility findings: images without alt text, skipped heading
    /// levels, link text that says nothing, tables without headers.
    pub lints: Vec<Finding>,
}

/// What a link destination becomes.
pub enum Resolved {
    /// Keep or rewrite the href; check the anchor in that page later.
    Href {
        href: String,
        anchor: Option<AnchorCheck>,
    },
    Broken(String),
}

pub trait LinkResolver {
    fn resolve(&self, dest: &str) -> Resolved;
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The words of `text` without markup, for feeds that want plain text (Open
/// Referral descriptions): blocks are separated by a blank line, list items
/// and line breaks by a newline, and raw HTML is dropped rather than trusted.
pub fn to_plain_text(text: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak | Event::End(TagEnd::Item) | Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                out.push('\n')
            }
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::List(_)) => {
                out.push_str("\n\n")
            }
            _ => {}
        }
    }
    let blocks: Vec<String> = out
        .split("\n\n")
        .map(|block| block.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n"))
        .filter(|block| !block.is_empty())
        .collect();
    blocks.join("\n\n")
}

/// Renders `text`, whose first line is line `first_line` of its file.
pub fn render(text: &str, first_line: u64, resolver: &dyn LinkResolver) -> Rendered {
    let lines = LineIndex::new(text, first_line);
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut has_raw_html = false;
    let mut ids = HashSet::new();
    let mut heading: Option<(usize, HeadingLevel, String)> = None;
    let mut footnotes = Footnotes::default();
    // The page title is the one h1; a body that uses `#` headings is shifted
    // down a level so the outline stays h1 → h2 → h3.
    let shift = Parser::new_ext(text, options())
        .any(|e| matches!(e, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })));
    let mut linter = lints::Linter::new(shift);
    let mut pathway: Option<PathwayBlock> = None;
    let mut pathway_findings = Vec::new();
    let mut tables = TableNames::default();

    for (event, range) in join_html_blocks(Parser::new_ext(text, options()).into_offset_iter()) {
        let event = if shift { demote(event) } else { event };
        linter.event(&event, &|| lines.position(range.start));
        // A pathway block's lines are gathered, then drawn as one piece.
        if let Some(block) = &mut pathway {
            match event {
                Event::Text(piece) => block.pieces.push((piece.to_string(), range.start)),
                Event::End(TagEnd::CodeBlock) => {
                    let block = pathway.take().unwrap_or_default();
                    let id = pathway_contents_entry(&block.title, &mut ids, &mut out);
                    let (html, findings) =
                        pathway::render(&id, &block.title, &block.pieces, &lines, resolver, &mut out);
                    pathway_findings.extend(findings);
                    events.push(Event::Html(html.into()));
                }
                _ => {}
            }
            continue;
        }
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = &event
            && let Some(title) = pathway::title_of(info)
        {
            pathway = Some(PathwayBlock { title: title.to_string(), pieces: Vec::new() });
            continue;
        }
        if let Some(edge) = footnotes.section_edge(&event) {
            events.push(Event::Html(edge.into()));
        }
        let event = match event {
            Event::Html(html) => {
                has_raw_html = true;
                Event::Html(raw_html_links(&html, text, &range, &lines, resolver, &mut linter, &mut out).into())
            }
            Event::InlineHtml(html) => {
                has_raw_html = true;
                Event::InlineHtml(raw_html_links(&html, text, &range, &lines, resolver, &mut linter, &mut out).into())
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                heading = Some((events.len(), level, id.map(|i| i.to_string()).unwrap_or_default()));
                Event::Start(Tag::Heading { level, id: None, classes, attrs })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, _, custom)) = heading.take() {
                    let title = finish_heading(&mut events, &mut out, &mut ids, start, level, custom);
                    tables.heading = title;
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let (line, col) = lines.position(range.start);
                let href = resolve(resolver, &dest_url, line, col, &mut out);
                Event::Start(Tag::Link { link_type, dest_url: href.into(), title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let (line, col) = lines.position(range.start);
                let href = resolve(resolver, &dest_url, line, col, &mut out);
                Event::Start(Tag::Image { link_type, dest_url: href.into(), title, id })
            }
            // A disabled checkbox is a form control with no label (an axe
            // violation) that cannot be used anyway: draw a box instead and
            // say in words whether it is ticked.
            Event::TaskListMarker(done) => Event::InlineHtml(task_marker(done).into()),
            Event::FootnoteReference(label) => Event::InlineHtml(footnotes.reference(&label).into()),
            Event::Start(Tag::FootnoteDefinition(label)) => Event::Html(footnotes.definition_start(&label).into()),
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(footnotes.definition_end().into()),
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(callout_open(kind).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</aside>\n".into()),
            Event::Start(Tag::Table(align)) => {
                let open = format!(
                    "<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">\n",
                    raw_html::escape_attribute(&tables.next_name())
                );
                events.push(Event::Html(open.into()));
                Event::Start(Tag::Table(align))
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                Event::Html("</div>\n".into())
            }
            other => other,
        };
        events.push(event);
    }
    if let Some(close) = footnotes.close_section() {
        events.push(Event::Html(close.into()));
    }
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let html = alignment_as_classes(html);
    out.html = if has_raw_html { sanitise(&html).into() } else { html.into() };
    out.lints = linter.finish();
    out.lints.extend(pathway_findings);
    out
}

/// Names for the scrollable region around each table: a screen reader
/// lists regions by name, so each needs its own, "Table 2: Treatment"
/// (its number on the page, and the heading it sits under).
#[derive(Default)]
struct TableNames {
    count: usize,
    heading: String,
}

impl TableNames {
    fn next_name(&mut self) -> String {
        self.count += 1;
        match self.heading.as_str() {
            "" => format!("Table {}", self.count),
            heading => format!("Table {}: {heading}", self.count),
        }
    }
}

/// A ```` ```pathway ```` block being read: its title and its text.
#[derive(Default)]
struct PathwayBlock {
    title: String,
    pieces: Vec<(String, usize)>,
}

/// pulldown-cmark gives an HTML block one `Html` event per line, but a tag
/// may span lines (`<img` then `src=x>`), so each block's lines are joined
/// into one event covering them all. Consecutive `Html` events only ever
/// come from one block.
fn join_html_blocks<'a>(events: impl Iterator<Item = (Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut out = Vec::new();
    let mut block: Option<(String, Range<usize>)> = None;
    for (event, range) in events {
        match event {
            Event::Html(line) => match &mut block {
                Some((joined, joined_range)) => {
                    joined.push_str(&line);
                    joined_range.end = range.end;
                }
                None => block = Some((line.to_string(), range)),
            },
            event => {
                if let Some((joined, joined_range)) = block.take() {
                    out.push((Event::Html(joined.into()), joined_range));
                }
                out.push((event, range));
            }
        }
    }
    if let Some((joined, joined_range)) = block {
        out.push((Event::Html(joined.into()), joined_range));
    }
    out
}

/// Checks a piece of raw HTML that starts at `range.start` of `text`, and
/// resolves the `href` of each `<a>` and the `src` of each `<img>` in it
/// exactly like a Markdown link: a broken one is reported at its value, and
/// a good one is rewritten to the URL it resolves to, so `<a href="copd.md">`
/// works like `[COPD](copd.md)`. Returns the piece with those rewrites.
fn raw_html_links(
    html: &str,
    text: &str,
    range: &Range<usize>,
    lines: &LineIndex,
    resolver: &dyn LinkResolver,
    linter: &mut lints::Linter,
    out: &mut Rendered,
) -> String {
    let position = |at: usize| lines.position_in_piece(text, range.start, html, at);
    linter.raw_html(html, &position);
    let mut rewritten = String::with_capacity(html.len());
    let mut copied = 0;
    for tag in raw_html::tags(html) {
        let attr = if tag.is_start("a") {
            tag.attr("href")
        } else if tag.is_start("img") {
            tag.attr("src")
        } else {
            None
        };
        let Some(attr) = attr else { continue };
        let dest = attr.decoded();
        let (line, col) = position(attr.span.start);
        let href = resolve(resolver, &dest, line, col, out);
        if href != dest {
            rewritten.push_str(&html[copied..attr.span.start]);
            rewritten.push_str(&format!("\"{}\"", raw_html::escape_attribute(&href)));
            copied = attr.span.end;
        }
    }
    rewritten.push_str(&html[copied..]);
    rewritten
}

fn demote(event: Event) -> Event {
    let lower = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    match event {
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: lower(level), id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        other => other,
    }
}

fn resolve(resolver: &dyn LinkResolver, dest: &str, line: u64, col: u64, out: &mut Rendered) -> String {
    match resolver.resolve(dest) {
        Resolved::Href { href, anchor } => {
            if let Some(mut check) = anchor {
                check.line = line;
                check.col = col;
                out.anchor_checks.push(check);
            }
            href
        }
        Resolved::Broken(message) => {
            out.problems.push(LinkProblem { line, col, message });
            "#broken-link".to_string()
        }
    }
}

/// Gives the heading that started at `events[start]` its id and records it.
fn finish_heading(
    events: &mut [Event],
    out: &mut Rendered,
    ids: &mut HashSet<String>,
    start: usize,
    level: HeadingLevel,
    custom_id: String,
) -> String {
    let title = plain_text(&events[start + 1..]);
    let base = if custom_id.is_empty() { slugify(&title) } else { custom_id };
    let id = unique_id(base, ids);
    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
        *slot = Some(CowStr::from(id.clone()));
    }
    let level = level as u8;
    if level == 2 || level == 3 {
        out.toc.push(TocEntry { level, id: id.clone(), title: title.clone() });
    }
    out.heading_ids.push(id);
    title
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text.trim().to_string()
}

/// A pathway's anchor (`pathway`, then `pathway-1`…), listed in Contents
/// where it stands: under the section it is in, or on its own before the
/// first section. A long guideline's pathway can sit screens down, and
/// Contents is where a reader on a phone looks for it (issue 21).
fn pathway_contents_entry(title: &str, ids: &mut HashSet<String>, out: &mut Rendered) -> String {
    let id = unique_id("pathway".to_string(), ids);
    out.heading_ids.push(id.clone());
    let title = match title.trim() {
        "" => "Pathway".to_string(),
        t if t.to_lowercase().contains("pathway") => t.to_string(),
        t => format!("Pathway: {t}"),
    };
    let level = if out.toc.iter().any(|entry| entry.level == 2) { 3 } else { 2 };
    out.toc.push(TocEntry { level, id: id.clone(), title });
    out.pathways.push(id.clone());
    id
}

fn unique_id(base: String, ids: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "section".to_string() } else { base };
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// GitHub-style heading slug: lower case, punctuation dropped, spaces to `-`.
pub fn slugify(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Footnotes numbered in order of first mention, with ids that cannot clash
/// with heading ids, an accessible name for each reference ("Footnote 1"
/// rather than a bare "1") and a link back from each note.
#[derive(Default)]
struct Footnotes {
    numbers: Vec<String>,
    open: Vec<String>,
    /// Inside a run of definitions, grouped in one labelled section.
    in_section: bool,
}

impl Footnotes {
    /// The section tag to insert before `event`, if it starts or ends a run
    /// of footnote definitions.
    fn section_edge(&mut self, event: &Event) -> Option<&'static str> {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) if !self.in_section => {
                self.in_section = true;
                Some("<section class=\"footnotes\" aria-label=\"Footnotes\">\n")
            }
            Event::Start(Tag::FootnoteDefinition(_)) | Event::End(TagEnd::FootnoteDefinition) => None,
            _ if self.in_section && self.open.is_empty() => self.close_section(),
            _ => None,
        }
    }

    fn close_section(&mut self) -> Option<&'static str> {
        std::mem::take(&mut self.in_section).then_some("</section>\n")
    }

    fn number(&mut self, label: &str) -> usize {
        match self.numbers.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.numbers.push(label.to_string());
                self.numbers.len()
            }
        }
    }

    fn reference(&mut self, label: &str) -> String {
        let n = self.number(label);
        let id = slugify(label);
        format!(
            "<sup class=\"footnote-reference\" id=\"fnref-{id}\"><a href=\"#fn-{id}\" aria-label=\"Footnote {n}\">{n}</a></sup>"
        )
    }

    fn definition_start(&mut self, label: &str) -> String {
        let n = self.number(label);
        let id = slugify(label);
        self.open.push(id.clone());
        format!(
            "<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\">{n}</sup>\n"
        )
    }

    fn definition_end(&mut self) -> String {
        let id = self.open.pop().unwrap_or_default();
        format!("<a class=\"footnote-backref\" href=\"#fnref-{id}\" aria-label=\"Back to the text\">↩</a></div>\n")
    }
}

fn task_marker(done: bool) -> &'static str {
    if done {
        "<span class=\"task-box done\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">Done: </span>"
    } else {
        "<span class=\"task-box\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">To do: </span>"
    }
}

fn callout_open(kind: BlockQuoteKind) -> String {
    let (class, title) = match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    };
    format!(
        "<aside class=\"callout callout-{class}\" role=\"note\" aria-label=\"{title}\">\n<p class=\"callout-title\">{title}</p>\n"
    )
}

/// pulldown-cmark aligns table columns with `style` attributes, which the
/// pages' Content Security Policy (`style-src 'self'`) would block: the
/// theme's `align-*` classes do the same.
fn alignment_as_classes(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: left\">", " class=\"align-left\">")
        .replace(" style=\"text-align: center\">", " class=\"align-center\">")
        .replace(" style=\"text-align: right\">", " class=\"align-right\">")
}

/// Removes scripts, event handlers, styles and dangerous URLs from HTML that
/// contains an author's raw HTML, keeping what the renderer itself emits.
fn sanitise(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_tags(["aside", "section", "input", "figure", "figcaption", "details", "summary", "mark"]);
            b.add_generic_attributes(["id", "class", "role", "aria-label", "aria-hidden"]);
            b.add_tag_attributes("input", ["type", "checked", "disabled"]);
            b.url_schemes(["http", "https", "mailto", "tel"].into());
            b.link_rel(None);
            b
        })
        .clean(html)
        .to_string()
}

/// Byte offset → 1-based line and column in the whole file.
struct LineIndex {
    starts: Vec<usize>,
    first_line: u64,
}

impl LineIndex {
    fn new(text: &str, first_line: u64) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first_line }
    }

    fn position(&self, offset: usize) -> (u64, u64) {
        let line = self.starts.partition_point(|s| *s <= offset) - 1;
        let col = offset - self.starts[line] + 1;
        (self.first_line + line as u64, col as u64)
    }

    /// Where byte `at` of `piece` is, a piece of raw HTML that starts at
    /// `start` of `text`. Inside a list or a quote pulldown-cmark strips the
    /// markers from each line of the piece, so line k of the piece is line k
    /// of the text, shifted right by what was stripped.
    fn position_in_piece(&self, text: &str, start: usize, piece: &str, at: usize) -> (u64, u64) {
        let (first, col) = self.position(start);
        let before = &piece[..at];
        let Some(last_break) = before.rfind('\n') else {
            return (first, col + at as u64);
        };
        let k = before.matches('\n').count();
        let index = (first - self.first_line) as usize + k;
        let Some(&line_start) = self.starts.get(index) else {
            return (first, col);
        };
        let line_end = self.starts.get(index + 1).map_or(text.len(), |next| next - 1);
        let piece_line = &piece[last_break + 1..];
        let piece_line_len = piece_line.find('\n').unwrap_or(piece_line.len());
        let stripped = (line_end - line_start).saturating_sub(piece_line_len);
        (first + k as u64, (stripped + at - last_break) as u64)
    }
}

/// Resolves nothing: every link is kept as written. For descriptions whose
/// links need no checking, and for tests.
pub struct KeepLinks;

impl LinkResolver for KeepLinks {
    fn resolve(&self, dest: &str) -> Resolved {
        Resolved::Href { href: dest.to_string(), anchor: None }
    }
}

/// Tags that sit inside running text rather than start a block of it
/// (the linter and pathway steps both follow inline runs).
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// The end of a tag [`is_inline`] accepts.
fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {

    #[test]
    fn plain_text_keeps_words_and_paragraphs() {
        let text = "Free **advice** on [heating](https://x.org).\nCall us.\n\n- one\n- two\n\n<script>alert(1)</script>\n\n# Heading";
        assert_eq!(to_plain_text(text), "Free advice on heating. Call us.\n\none\ntwo\n\nHeading");
    }

    use super::*;

    fn html(text: &str) -> String {
        render(text, 1, &KeepLinks).html.to_string()
    }

    #[test]
    fn a_pathway_is_an_anchor_in_contents_under_its_section() {
        let r = render("```pathway\nFirst\n```\n## Pathway\n\n```pathway Plan\nStep\n```\n", 1, &KeepLinks);
        let toc: Vec<(u8, &str, &str)> = r.toc.iter().map(|e| (e.level, e.id.as_str(), e.title.as_str())).collect();
        assert_eq!(toc, [(2, "pathway", "Pathway"), (2, "pathway-1", "Pathway"), (3, "pathway-2", "Pathway: Plan")]);
        assert_eq!(r.pathways, ["pathway", "pathway-2"]);
        assert!(r.heading_ids.contains(&"pathway-2".to_string()), "a link to #pathway-2 is a good link");
        assert!(r.html.contains("<figure class=\"pathway\" id=\"pathway-2\">"), "{}", r.html);
    }

    #[test]
    fn headings_get_stable_unique_ids_and_a_toc() {
        let r = render(
            "## MRC dyspnoea scale\n\n### Step 1: spirometry\n\n## MRC dyspnoea scale\n\n## Custom {#mine}\n",
            1,
            &KeepLinks,
        );
        assert_eq!(r.heading_ids, ["mrc-dyspnoea-scale", "step-1-spirometry", "mrc-dyspnoea-scale-1", "mine"]);
        assert!(r.html.contains("<h2 id=\"mrc-dyspnoea-scale\">MRC dyspnoea scale</h2>"), "{}", r.html);
        assert_eq!(r.toc[1], TocEntry { level: 3, id: "step-1-spirometry".into(), title: "Step 1: spirometry".into() });
    }

    #[test]
    fn a_body_h1_is_shifted_below_the_page_title() {
        let r = render("# Top\n\n## Inner\n", 1, &KeepLinks);
        assert!(r.html.contains("<h2 id=\"top\">Top</h2>"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"inner\">Inner</h3>"), "{}", r.html);
    }

    #[test]
    fn alerts_become_labelled_callouts() {
        let out = html("> [!WARNING]\n> Check the inhaler technique.\n");
        assert!(
            out.contains("<aside class=\"callout callout-warning\" role=\"note\" aria-label=\"Warning\">"),
            "{out}"
        );
        assert!(out.contains("Check the inhaler technique."));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let out = html(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">x</a>\n\n<div onclick=\"x()\">y</div>\n",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
    }

    #[test]
    fn tables_and_footnotes_and_tasks_render() {
        let out = html("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note.\n\n- [x] done\n");
        assert!(
            out.contains("<div class=\"table-wrap\" role=\"region\" aria-label=\"Table 1\" tabindex=\"0\">\n<table>"),
            "{out}"
        );
        assert!(out.contains("<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\" aria-label=\"Footnote 1\">1</a></sup>"), "{out}");
        assert!(out.contains("<div class=\"footnote-definition\" id=\"fn-1\">"), "{out}");
        assert!(out.contains("href=\"#fnref-1\""), "a way back: {out}");
        assert!(
            out.contains("<section class=\"footnotes\" aria-label=\"Footnotes\">\n<div class=\"footnote-definition\""),
            "{out}"
        );
        assert_eq!(out.matches("</section>").count(), 1, "{out}");
        assert!(out.contains("<span class=\"task-box done\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">Done: </span>done"), "{out}");
        assert!(!out.contains("<input"), "no unlabelled form control");
    }

    #[test]
    fn each_table_region_has_its_own_name() {
        let out = html(
            "## Doses & <b>steps</b>\n\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n\n## Next\n\n| c |\n|---|\n| 3 |\n",
        );
        let names: Vec<&str> = out.split("aria-label=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
        assert_eq!(names, ["Table 1: Doses &amp; steps", "Table 2: Doses &amp; steps", "Table 3: Next"], "{out}");
    }

    #[test]
    fn positions_are_lines_of_the_file() {
        struct Refuse;
        impl LinkResolver for Refuse {
            fn resolve(&self, dest: &str) -> Resolved {
                Resolved::Broken(format!("no {dest}"))
            }
        }
        let r = render("Intro\n\nSee [x](nowhere.md) now.\n", 10, &Refuse);
        assert_eq!(r.problems, [LinkProblem { line: 12, col: 5, message: "no nowhere.md".into() }]);
    }

    #[test]
    fn raw_html_positions_count_the_markers_a_quote_strips() {
        struct Refuse;
        impl LinkResolver for Refuse {
            fn resolve(&self, dest: &str) -> Resolved {
                Resolved::Broken(format!("no {dest}"))
            }
        }
        let r = render("> <div>\n> <img\n>  src=x>\n> </div>\n", 1, &Refuse);
        assert_eq!(r.problems, [LinkProblem { line: 3, col: 8, message: "no x".into() }]);
        assert_eq!((r.lints[0].line, r.lints[0].col), (2, 3), "{:?}", r.lints);
    }

    #[test]
    fn raw_html_links_are_rewritten_to_what_they_resolve_to() {
        struct Pages;
        impl LinkResolver for Pages {
            fn resolve(&self, dest: &str) -> Resolved {
                Resolved::Href { href: dest.replace("copd.md", "/guidelines/copd/?a=1&b=2"), anchor: None }
            }
        }
        let out = render("See <a href=copd.md>COPD</a> and <a href='https://x.org'>X</a>.\n", 1, &Pages).html;
        assert!(out.contains("<a href=\"/guidelines/copd/?a=1&amp;b=2\">COPD</a>"), "{out}");
        assert!(out.contains("<a href=\"https://x.org\">X</a>"), "{out}");
    }
}
