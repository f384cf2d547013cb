//! Theme stylesheets and scripts as served: without their comments and
//! indentation.
//!
//! The theme's files explain themselves in comments for whoever edits them;
//! a reader's browser gains nothing from those, and on a guideline page they
//! were a tenth of what the page loads. Only what is certainly safe goes:
//! this is not a minifier.

/// `css` without comments, leading indentation or blank lines. Strings are
/// kept as written, so a `/*` inside quotes is not taken for a comment.
pub fn css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.next());
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    let lines = out.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut compact = lines.collect::<Vec<_>>().join("\n");
    compact.push('\n');
    compact
}

/// `js` without whole-line `//` comments, indentation or blank lines. A
/// script with a template literal (a backtick) is left as it is, since its
/// lines may be text; a line after one ending in `\` continues a string.
pub fn js(js: &str) -> String {
    if js.contains('`') {
        return js.to_string();
    }
    let mut out = String::with_capacity(js.len());
    let mut continues = false;
    for line in js.lines() {
        let kept = if continues { line } else { line.trim() };
        continues = line.ends_with('\\');
        if !continues && (kept.is_empty() || kept.starts_with("//")) {
            continue;
        }
        out.push_str(kept);
        out.push('\n');
    }
    out
}

/// A page without the indentation its templates give each line. Inside
/// `<pre>` and `<textarea>` spaces are the text, so those lines are kept as
/// they are; elsewhere a line's leading spaces, and a line left empty,
/// render as nothing (a line break stays, so words either side stay apart).
pub fn html(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut kept_depth = 0usize;
    for line in page.split_inclusive('\n') {
        let kept = if kept_depth > 0 { line } else { line.trim_start_matches([' ', '\t']) };
        // A line left empty is whitespace beside whitespace: it renders as nothing.
        if kept_depth > 0 || kept != "\n" {
            out.push_str(kept);
        }
        if line.contains('<') {
            let (opens, closes) = kept_tags(line.as_bytes());
            kept_depth = (kept_depth + opens).saturating_sub(closes);
        }
    }
    out
}

/// How many `<pre`/`<textarea` open and `</pre>`/`</textarea>` close in
/// `line`, in any case. One pass from `<` to `<`: this runs on every line of
/// every page, and lowering each line to search it four times was a tenth
/// of a large site's render time.
fn kept_tags(line: &[u8]) -> (usize, usize) {
    let (mut opens, mut closes) = (0, 0);
    let starts_with =
        |text: &[u8], word: &[u8]| text.len() >= word.len() && text[..word.len()].eq_ignore_ascii_case(word);
    for (at, _) in line.iter().enumerate().filter(|(_, b)| **b == b'<') {
        let rest = &line[at + 1..];
        match rest.strip_prefix(b"/") {
            Some(name) => closes += usize::from(starts_with(name, b"pre>") || starts_with(name, b"textarea>")),
            None => opens += usize::from(starts_with(rest, b"pre") || starts_with(rest, b"textarea")),
        }
    }
    (opens, closes)
}

#[cfg(test)]
mod tests {
    use super::{css as compact, html, js};

    #[test]
    fn pages_lose_indentation_except_in_pre_and_textarea() {
        let page = "<ul>\n  <li>One</li>\n  \n\n    <li>Two\n    words</li>\n</ul>\n<pre><code>fn x() {\n\n    1\n}\n</code></pre>\n  <p>After</p>\n<textarea>\n  typed\n</textarea>\n";
        assert_eq!(
            html(page),
            "<ul>\n<li>One</li>\n<li>Two\nwords</li>\n</ul>\n<pre><code>fn x() {\n\n    1\n}\n</code></pre>\n<p>After</p>\n<textarea>\n  typed\n</textarea>\n"
        );
    }

    #[test]
    fn tags_that_keep_spaces_are_found_in_any_case() {
        let page = "<PRE>\n  a\n</Pre>\n  <p>b</p>\n<TextArea rows=2>\n  c\n</TEXTAREA>\n  <preview>\n  d\n";
        assert_eq!(html(page), "<PRE>\n  a\n</Pre>\n<p>b</p>\n<TextArea rows=2>\n  c\n</TEXTAREA>\n<preview>\n  d\n");
    }

    #[test]
    fn scripts_lose_line_comments_and_indentation_only() {
        let script =
            "// why\n(function () {\n  var url = \"http://x\"; // kept\n\n  return /a\\/b/.test(url);\n})();\n";
        assert_eq!(js(script), "(function () {\nvar url = \"http://x\"; // kept\nreturn /a\\/b/.test(url);\n})();\n");
        let continued = "var s = \"a\\\n  // text, not a comment\";\n";
        assert_eq!(js(continued), continued);
        let template = "// c\nvar t = `\n  // text\n`;\n";
        assert_eq!(js(template), template);
    }

    #[test]
    fn comments_and_indentation_go_strings_stay() {
        let css = "/* why */\n.a {\n  color: red; /* note\n  over lines */\n}\n\n.b::before { content: \"/* not a comment */\"; }\n.c::after { content: '\\'/*'; }\n";
        assert_eq!(
            compact(css),
            ".a {\ncolor: red;\n}\n.b::before { content: \"/* not a comment */\"; }\n.c::after { content: '\\'/*'; }\n"
        );
    }

    #[test]
    fn an_unclosed_comment_ends_the_sheet() {
        assert_eq!(compact(".a { color: red; }\n/* left open"), ".a { color: red; }\n");
    }
}
