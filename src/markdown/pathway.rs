//! Pathway blocks: a care pathway written as an indented outline in a
//! ```` ```pathway ```` fenced block, drawn at build time as nested lists.
//!
//! Integrated care is organised as pathways (tests, then a decision, then a
//! referral). Diagram tools draw them with client-side JavaScript, which a
//! screen reader cannot follow and which prints badly; an ordered list of
//! steps, with each decision a list of labelled branches, reads in order
//! with or without sight, and the theme's CSS draws it as a flowchart.
//!
//! # Grammar
//!
//! ```text
//! block     = "```pathway" [title] NEWLINE line* "```"
//! line      = indent (decision | branch | step) NEWLINE  ; blank lines are skipped
//! decision  = text ending in "?"        ; its indented children are branches
//! branch    = "- " ["if "] label [": " [step]]
//!                                        ; only directly under a decision; the
//!                                        ; optional step after the colon is the
//!                                        ; branch's first step, its indented
//!                                        ; children the rest
//! step      = any other text             ; inline Markdown (links, emphasis);
//!                                        ; a leading "1." is dropped, the list
//!                                        ; numbers itself; its indented
//!                                        ; children are sub-steps
//! ```
//!
//! A line belongs to the nearest line above it that is less indented, and
//! lines of one list share one indentation. Indent with spaces or with tabs,
//! not both in one block. After a decision the pathway carries on with the
//! next line at the decision's own indentation.
//!
//! Links are ordinary Markdown links, resolved and checked by the same
//! resolver as every other link (`@/services/<id>` for a service, `copd.md#…`
//! for a guideline heading). Raw HTML in a step is shown as written: the
//! text is untrusted and a step needs none.
//!
//! Every mistake is a [`Finding`] at its line in the file: a branch with no
//! label, a decision with fewer than two branches, a step with no words, a
//! branch outside a decision, a line under a decision that is not a branch,
//! indentation that lines up with nothing above it, and tabs mixed with
//! spaces.

use super::raw_html::escape_attribute;
use super::{LineIndex, LinkResolver, Rendered, is_inline, is_inline_end, lints::Finding};
use crate::diagnostics::{Severity, quote};
use pulldown_cmark::{Event, Options, Tag};

/// The info string word that makes a fenced block a pathway.
pub const INFO: &str = "pathway";

/// The title written after `pathway` in the info string, if `info` opens a
/// pathway block: `Some("")` when it has none.
pub fn title_of(info: &str) -> Option<&str> {
    let info = info.trim();
    let rest = info.strip_prefix(INFO)?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim())
}

/// One line of the block: its indentation, its text without the
/// indentation, and the byte offset of that text in the file.
struct Line<'a> {
    indent: &'a str,
    text: &'a str,
    at: usize,
}

enum Node {
    Step { html: String, children: Vec<Node> },
    Decision { question: String, branches: Vec<Branch> },
}

struct Branch {
    label: String,
    steps: Vec<Node>,
}

/// Renders one pathway block. `pieces` are the block's text as the parser
/// gave it, each with its byte offset in the file. Broken links go to
/// `out.problems` like every link; mistakes in the outline are returned.
pub fn render(
    id: &str,
    title: &str,
    pieces: &[(String, usize)],
    index: &LineIndex,
    resolver: &dyn LinkResolver,
    out: &mut Rendered,
) -> (String, Vec<Finding>) {
    let lines = split_lines(pieces);
    let mut outline = Outline { lines: &lines, pos: 0, index, resolver, out, findings: Vec::new() };
    let nodes = if outline.indentation_is_consistent() { outline.sequence(None) } else { Vec::new() };
    (figure(id, title, &nodes), outline.findings)
}

/// The non-blank lines of the block.
fn split_lines(pieces: &[(String, usize)]) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    for (text, start) in pieces {
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            let body = line.trim_start_matches([' ', '\t']);
            let indent = &line[..line.len() - body.len()];
            if !body.trim().is_empty() {
                lines.push(Line { indent, text: body.trim_end(), at: start + offset + indent.len() });
            }
            offset += raw.len();
        }
    }
    lines
}

struct Outline<'l, 'r> {
    lines: &'l [Line<'l>],
    pos: usize,
    index: &'r LineIndex,
    resolver: &'r dyn LinkResolver,
    out: &'r mut Rendered,
    findings: Vec<Finding>,
}

impl<'l> Outline<'l, '_> {
    /// Refuses a block that indents with both tabs and spaces: a tab is as
    /// wide as each editor likes, so the nesting the author sees is not one
    /// anybody else can know.
    fn indentation_is_consistent(&mut self) -> bool {
        let mut style: Option<char> = None;
        for line in self.lines {
            let start = line.at - line.indent.len();
            for (i, c) in line.indent.char_indices() {
                let expected = *style.get_or_insert(c);
                if c != expected {
                    let (found, wanted) = if c == '\t' { ("a tab", "spaces") } else { ("a space", "tabs") };
                    let (line_no, col) = self.index.position(start + i);
                    self.findings.push(error(
                        line_no,
                        col,
                        format!(
                            "found {found} in the indentation of a pathway whose earlier lines indent with {wanted}, \
                             expected {wanted} only, so the nesting looks the same in every editor"
                        ),
                    ));
                    return false;
                }
            }
        }
        true
    }

    fn peek(&self) -> Option<&'l Line<'l>> {
        self.lines.get(self.pos)
    }

    fn place(&self, line: &Line) -> (u64, u64) {
        self.index.position(line.at)
    }

    fn report(&mut self, line: &Line, message: String) {
        let (line_no, col) = self.place(line);
        self.findings.push(error(line_no, col, message));
    }

    /// The steps and decisions indented deeper than `parent` (the top of
    /// the block when `None`).
    fn sequence(&mut self, parent: Option<usize>) -> Vec<Node> {
        let mut nodes = Vec::new();
        self.each_child(parent, |outline, line, level| {
            if let Some(node) = outline.sequence_line(line, level) {
                nodes.push(node);
            }
        });
        nodes
    }

    /// The branches of the decision `question`, whose indentation is `parent`.
    fn branches(&mut self, parent: usize, question: &str) -> Vec<Branch> {
        let mut branches = Vec::new();
        self.each_child(Some(parent), |outline, line, level| match dash(line.text) {
            Some(rest) => branches.push(outline.branch(line, rest, level)),
            None => {
                outline.report(
                    line,
                    format!(
                        "found {} directly under the decision {}, expected its branches, each written \
                         \"- if CONDITION:\" with its steps indented below it",
                        quote(line.text),
                        quote(question)
                    ),
                );
                outline.skip_children(level);
            }
        });
        branches
    }

    /// Calls `each` on every line indented deeper than `parent`, up to the
    /// first that is not, with the indentation the run of lines shares. The
    /// callback consumes the line's own children.
    fn each_child(&mut self, parent: Option<usize>, mut each: impl FnMut(&mut Self, &'l Line<'l>, usize)) {
        let is_inside = |line: &Line| parent.is_none_or(|p| line.indent.len() > p);
        let Some(level) = self.peek().filter(|l| is_inside(l)).map(|l| l.indent.len()) else {
            return;
        };
        while let Some(line) = self.peek().filter(|l| is_inside(l)) {
            if line.indent.len() != level {
                self.report(
                    line,
                    format!(
                        "found a line indented {} that lines up with no line above it, expected the indentation \
                         of the step, decision or branch it belongs with ({} here)",
                        width(line.indent),
                        width(self.lines.iter().find(|l| l.indent.len() == level).map_or("", |l| l.indent)),
                    ),
                );
                self.pos += 1;
                self.skip_children(line.indent.len());
                continue;
            }
            self.pos += 1;
            each(self, line, level);
        }
    }

    fn skip_children(&mut self, level: usize) {
        while self.peek().is_some_and(|l| l.indent.len() > level) {
            self.pos += 1;
        }
    }

    /// A line in a run of steps: a decision, a step, or a misplaced branch.
    fn sequence_line(&mut self, line: &'l Line<'l>, level: usize) -> Option<Node> {
        if let Some(rest) = dash(line.text) {
            if rest.is_empty() {
                self.report(line, empty_step());
            } else {
                self.report(
                    line,
                    format!(
                        "found the branch {} outside a decision, expected branches only under a line ending in \
                         \"?\" (write a plain step without the \"-\")",
                        quote(line.text)
                    ),
                );
            }
            self.skip_children(level);
            return None;
        }
        if line.text.ends_with('?') {
            return Some(self.decision(line, level));
        }
        let text = without_number(line.text);
        let html = self.step_text(text, line.at + (line.text.len() - text.len()), line);
        let children = self.sequence(Some(level));
        Some(Node::Step { html, children })
    }

    fn decision(&mut self, line: &'l Line<'l>, level: usize) -> Node {
        let question = self.inline(line.text, line.at);
        let branches = self.branches(level, line.text);
        if branches.len() < 2 {
            let count = if branches.is_empty() { "no branches" } else { "only one branch" };
            self.report(
                line,
                format!(
                    "found the decision {} with {count}, expected two or more, each written \"- if CONDITION:\" \
                     and indented below it (a step that is not a choice should not end in \"?\")",
                    quote(line.text)
                ),
            );
        }
        Node::Decision { question, branches }
    }

    /// `- if BNP above 400 ng/L: first step`, with its steps below it.
    fn branch(&mut self, line: &'l Line<'l>, rest: &'l str, level: usize) -> Branch {
        let rest_at = line.at + (line.text.len() - rest.len());
        let (label, first_step) = split_label(rest);
        let condition = label.strip_prefix("if ").or_else(|| label.strip_prefix("If ")).unwrap_or(label);
        if condition.trim().is_empty() || label.eq_ignore_ascii_case("if") {
            self.report(
                line,
                "found a branch with no condition, expected a label saying when to follow it, \
                 as in \"- if BNP above 400 ng/L:\""
                    .to_string(),
            );
        }
        let label = self.inline(&capitalised(label), rest_at);
        let mut steps = Vec::new();
        if let Some(step) = first_step {
            let at = rest_at + (rest.len() - step.len());
            let html = self.step_text(step, at, line);
            steps.push(Node::Step { html, children: Vec::new() });
        }
        steps.extend(self.sequence(Some(level)));
        Branch { label, steps }
    }

    /// A step's text as HTML, reported when it has no words.
    fn step_text(&mut self, text: &str, at: usize, line: &Line) -> String {
        let html = self.inline(text, at);
        if !has_words(text) {
            self.report(line, empty_step());
        }
        html
    }

    /// Inline Markdown at byte `at` of the file, its links resolved and
    /// checked like every link, its raw HTML shown as text.
    fn inline(&mut self, text: &str, at: usize) -> String {
        let (source, escaped_at) = inline_source(text);
        // Back from a byte of `source` to the byte of `text` it came from.
        let original = |at: usize| match escaped_at {
            Some(escape) if at > escape => at - 1,
            _ => at,
        };
        let mut events = Vec::new();
        for (event, range) in pulldown_cmark::Parser::new_ext(&source, Options::ENABLE_STRIKETHROUGH).into_offset_iter()
        {
            let (line, col) = self.index.position(at + original(range.start));
            let event = match event {
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let href = super::resolve(self.resolver, &dest_url, line, col, self.out);
                    Event::Start(Tag::Link { link_type, dest_url: href.into(), title, id })
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    let href = super::resolve(self.resolver, &dest_url, line, col, self.out);
                    Event::Start(Tag::Image { link_type, dest_url: href.into(), title, id })
                }
                Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
                Event::Start(tag) if !is_inline(&tag) => continue,
                Event::End(tag) if !is_inline_end(&tag) => continue,
                other => other,
            };
            events.push(event);
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }
}

fn error(line: u64, col: u64, message: String) -> Finding {
    Finding { severity: Severity::Error, line, col, field: Some("pathway"), message }
}

fn empty_step() -> String {
    "found a step with no words, expected a line saying what to do (blank lines are fine and are skipped)".to_string()
}

/// `"    "` → `4 spaces`, `"\t"` → `1 tab`.
fn width(indent: &str) -> String {
    let n = indent.chars().count();
    match (indent.starts_with('\t'), n) {
        (_, 0) => "0 spaces".to_string(),
        (true, 1) => "1 tab".to_string(),
        (true, n) => format!("{n} tabs"),
        (false, 1) => "1 space".to_string(),
        (false, n) => format!("{n} spaces"),
    }
}

/// The text after a `- ` (or `* `) list marker, if the line has one.
fn dash(text: &str) -> Option<&str> {
    if text == "-" || text == "*" {
        return Some("");
    }
    text.strip_prefix("- ").or_else(|| text.strip_prefix("* ")).map(str::trim)
}

/// `1. Check BNP` → `Check BNP`: the list numbers itself.
fn without_number(text: &str) -> &str {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return text;
    }
    match text[digits..].strip_prefix(['.', ')']) {
        Some(rest) if rest.is_empty() || rest.starts_with(' ') => rest.trim_start(),
        _ => text,
    }
}

/// `if BNP above 400: refer` → (`if BNP above 400`, Some(`refer`)). The
/// label ends at the first colon followed by a space or the end, so times
/// (`09:00`) and web addresses stay whole.
fn split_label(rest: &str) -> (&str, Option<&str>) {
    let mut from = 0;
    while let Some(i) = rest[from..].find(':').map(|i| from + i) {
        let after = &rest[i + 1..];
        if after.is_empty() || after.starts_with(char::is_whitespace) {
            let step = after.trim();
            return (rest[..i].trim_end(), (!step.is_empty()).then_some(step));
        }
        from = i + 1;
    }
    (rest, None)
}

/// `if BNP above 400` → `If BNP above 400`: a label reads as the start of a
/// sentence.
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn has_words(text: &str) -> bool {
    super::to_plain_text(text).chars().any(char::is_alphanumeric)
        || pulldown_cmark::Parser::new(text).any(|e| matches!(e, Event::Start(Tag::Image { .. })))
}

/// The text to parse as inline Markdown, and where a backslash was put in.
/// A line that would start a block (`# `, `> 400`, `1.`, `---`) is escaped
/// so that it stays the words it is.
fn inline_source(text: &str) -> (String, Option<usize>) {
    let starts_block = text.starts_with(['#', '>', '-', '+', '*', '=', '_', '~', '`', '|'])
        || without_number(text).len() != text.len();
    if !starts_block {
        return (text.to_string(), None);
    }
    // `3. or more` → `3\. or more`; `> 400` → `\> 400`.
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (format!("{}\\{}", &text[..digits], &text[digits..]), Some(digits))
}

/// The block as a labelled figure: its title as the caption (or the name
/// "Pathway"), then the outline. `id` is its anchor, which Contents and
/// the guideline's "Pathway" link point at.
fn figure(id: &str, title: &str, nodes: &[Node]) -> String {
    let mut html = String::new();
    if title.is_empty() {
        html.push_str(&format!("<figure class=\"pathway\" id=\"{}\" aria-label=\"Pathway\">\n", escape_attribute(id)));
    } else {
        html.push_str(&format!(
            "<figure class=\"pathway\" id=\"{}\">\n<figcaption class=\"pathway-title\">{}</figcaption>\n",
            escape_attribute(id),
            escape_attribute(title)
        ));
    }
    push_steps(&mut html, nodes);
    html.push_str("</figure>\n");
    html
}

fn push_steps(html: &mut String, nodes: &[Node]) {
    if nodes.is_empty() {
        return;
    }
    html.push_str("<ol class=\"pathway-steps\">\n");
    for node in nodes {
        match node {
            Node::Step { html: text, children } => {
                html.push_str(&format!("<li class=\"pathway-step\"><p class=\"pathway-box\">{text}</p>\n"));
                push_steps(html, children);
                html.push_str("</li>\n");
            }
            Node::Decision { question, branches } => {
                html.push_str(&format!(
                    "<li class=\"pathway-decision\"><p class=\"pathway-box pathway-question\"><span class=\"visually-hidden\">Decision: </span>{question}</p>\n<ul class=\"pathway-branches\">\n"
                ));
                for branch in branches {
                    html.push_str(&format!(
                        "<li class=\"pathway-branch\"><p class=\"branch-label\">{}</p>\n",
                        branch.label
                    ));
                    push_steps(html, &branch.steps);
                    html.push_str("</li>\n");
                }
                html.push_str("</ul>\n</li>\n");
            }
        }
    }
    html.push_str("</ol>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{KeepLinks, render as render_markdown};

    fn messages(text: &str) -> Vec<(u64, u64, String)> {
        render_markdown(text, 1, &KeepLinks).lints.into_iter().map(|f| (f.line, f.col, f.message)).collect()
    }

    #[test]
    fn the_info_string_names_a_pathway_and_its_title() {
        assert_eq!(title_of("pathway"), Some(""));
        assert_eq!(title_of("pathway  COPD route "), Some("COPD route"));
        assert_eq!(title_of("pathways"), None);
        assert_eq!(title_of("rust"), None);
    }

    #[test]
    fn a_label_ends_at_the_first_colon_before_a_space() {
        assert_eq!(split_label("if open at 09:00: call"), ("if open at 09:00", Some("call")));
        assert_eq!(split_label("if high:"), ("if high", None));
        assert_eq!(split_label("otherwise"), ("otherwise", None));
    }

    #[test]
    fn numbers_in_front_of_steps_are_dropped_but_not_numbers_in_words() {
        assert_eq!(without_number("1. Test"), "Test");
        assert_eq!(without_number("2) Test"), "Test");
        assert_eq!(without_number("400 ng/L"), "400 ng/L");
        assert_eq!(without_number("3.5 mmol/L"), "3.5 mmol/L");
    }

    #[test]
    fn text_that_would_start_a_block_stays_text() {
        let html = render_markdown("```pathway\n> 400 ng/L\n# not a heading\n```\n", 1, &KeepLinks).html;
        assert!(html.contains("<p class=\"pathway-box\">&gt; 400 ng/L</p>"), "{html}");
        assert!(html.contains("<p class=\"pathway-box\"># not a heading</p>"), "{html}");
        assert!(!html.contains("<h"), "{html}");
    }

    #[test]
    fn a_pathway_in_a_list_item_is_reported_at_its_own_lines() {
        let found = messages("- Item\n\n  ```pathway\n  Check?\n    - if yes: go\n  ```\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (4, 3));
    }

    #[test]
    fn a_pathway_survives_the_sanitiser_of_a_page_with_raw_html() {
        let html =
            render_markdown("<b>Raw</b>\n\n```pathway Route\nCheck?\n  - if a: x\n  - if b: y\n```\n", 1, &KeepLinks)
                .html;
        assert!(
            html.contains(
                "<figure class=\"pathway\" id=\"pathway\">\n<figcaption class=\"pathway-title\">Route</figcaption>"
            ),
            "{html}"
        );
        assert!(html.contains("<span class=\"visually-hidden\">Decision: </span>Check?"), "{html}");
        assert!(html.contains("<p class=\"branch-label\">If a</p>"), "{html}");
    }

    #[test]
    fn links_after_an_escaped_start_keep_their_columns() {
        struct Refuse;
        impl LinkResolver for Refuse {
            fn resolve(&self, dest: &str) -> super::super::Resolved {
                super::super::Resolved::Broken(format!("no {dest}"))
            }
        }
        let r = render_markdown(
            "```pathway\n3. [x](a.md) or more?\n  - if y: go\n  - if n: stop\n> [z](b.md)\n```\n",
            1,
            &Refuse,
        );
        let places: Vec<(u64, u64)> = r.problems.iter().map(|p| (p.line, p.col)).collect();
        assert_eq!(places, [(2, 4), (5, 3)]);
    }

    #[test]
    fn a_pathway_without_a_title_is_still_named() {
        let html = render_markdown("```pathway\nOne step\n```\n", 1, &KeepLinks).html;
        assert!(html.starts_with("<figure class=\"pathway\" id=\"pathway\" aria-label=\"Pathway\">"), "{html}");
    }

    #[test]
    fn nested_decisions_nest_their_lists() {
        let html = render_markdown(
            "```pathway\nA?\n  - if x:\n      B?\n        - if y: one\n        - if z: two\n  - if w: three\nEnd\n```\n",
            1,
            &KeepLinks,
        )
        .html;
        assert_eq!(html.matches("<ul class=\"pathway-branches\">").count(), 2, "{html}");
        assert!(
            html.ends_with("<li class=\"pathway-step\"><p class=\"pathway-box\">End</p>\n</li>\n</ol>\n</figure>\n"),
            "{html}"
        );
    }
}
