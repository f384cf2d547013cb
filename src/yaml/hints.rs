//! Plain words for the YAML mistakes authors make most.
//!
//! The parser says where it stopped in YAML's own terms ("mapping values are
//! not allowed in this context"), which tells an author neither what is
//! wrong nor what to type. For the common slips (a colon in an unquoted
//! value, a tab, a dash without a space, a quote never closed, a line out of
//! step, a value starting with a character YAML reserves, a key written
//! twice) this reads the parser's message together with the author's own
//! lines and says what happened and what to write instead. The position
//! stays the parser's; a message names another line when the slip is there.

use super::Pos;

/// What to tell the author instead of the parser's `message`, as
/// `found …, expected …`, when the mistake at `pos` in `text` is a common one.
pub(super) fn explain(message: &str, pos: Pos, text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let at = At { line: usize::try_from(pos.line).ok()?, col: usize::try_from(pos.col).ok()? };
    let doc = Doc { lines };
    if mentions_tab(message) || doc.tab_line(at.line) == Some(at.line) {
        return doc.tab_line(at.line).map(tab);
    }
    if message.contains("unclosed quote") {
        return doc.unclosed_quote(at);
    }
    if message.contains("trailing content after") {
        return doc.text_after_quote(at);
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        return Some(doc.duplicate(at, key.split(',').next().unwrap_or(key)));
    }
    if is_structural(message) {
        return doc
            .unspaced_dash(at)
            .or_else(|| message.contains("mapping values").then(|| doc.colon_in_value(at)).flatten())
            .or_else(|| doc.out_of_line(at));
    }
    if is_about_a_first_character(message) {
        return doc.reserved_start(at);
    }
    None
}

/// The parser's messages for a value that starts with a character YAML
/// gives a meaning to (not, say, an alias that expands too far).
fn is_about_a_first_character(message: &str) -> bool {
    [
        "unexpected character",
        "while scanning an anchor or alias",
        "unknown anchor",
        "while scanning a block scalar",
        "while scanning a tag",
        "while scanning a verbatim tag",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// The parser's messages for a line that does not fit the structure around
/// it: what an out-of-step line, an unquoted colon or an unspaced dash cause.
fn is_structural(message: &str) -> bool {
    ["mapping values are not allowed", "did not find expected key", "did not find expected '-'", "simple key expected"]
        .iter()
        .any(|m| message.contains(m))
}

fn mentions_tab(message: &str) -> bool {
    message.split(|c: char| !c.is_alphanumeric()).any(|word| word == "tab" || word == "tabs")
}

fn tab(line: usize) -> String {
    format!("found a tab in the indentation of line {line}, expected spaces; YAML indents with spaces, not tabs")
}

/// A 1-based line and column (in characters), as the parser counts.
#[derive(Clone, Copy)]
struct At {
    line: usize,
    col: usize,
}

/// The parsed text as lines, to look at what the author wrote.
struct Doc<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Doc<'a> {
    fn line(&self, line: usize) -> &'a str {
        line.checked_sub(1).and_then(|i| self.lines.get(i)).copied().unwrap_or("")
    }

    /// `line` or the line after it, if its indentation holds a tab: a tab
    /// often stops the parser at the end of the line before it.
    fn tab_line(&self, line: usize) -> Option<usize> {
        let has_tab = |line: usize| {
            let text = self.line(line);
            text[..text.len() - text.trim_start().len()].contains('\t')
        };
        [line, line + 1].into_iter().find(|l| has_tab(*l))
    }

    fn unclosed_quote(&self, at: At) -> Option<String> {
        let quote = char_at(self.line(at.line), at.col).filter(|c| *c == '"' || *c == '\'')?;
        Some(format!(
            "found a quote ({quote}) on line {} that is never closed, expected another {quote} at the end of the value: {}",
            at.line,
            closed(self.line(at.line), quote)
        ))
    }

    /// `title: "COPD` and a later quote: the value ran on to it. Or text
    /// after a quoted value on its own line, as in `title: "COPD" guideline`.
    fn text_after_quote(&self, at: At) -> Option<String> {
        let (close_line, close_col, quote) = self.quote_before(at.line, at.col)?;
        let (open_line, open_col, _) = self.quote_before(close_line, close_col)?;
        let opened = self.line(open_line);
        if open_line < close_line {
            return Some(format!(
                "found a quote ({quote}) on line {open_line} that is not closed on that line, expected another {quote} at the end of the value: {}",
                closed(opened, quote)
            ));
        }
        let start = byte_of(opened, open_col);
        let value = without_comment(&opened[start..]);
        Some(format!(
            "found text after the closing quote, expected the whole value in quotes: {}{}",
            &opened[..start],
            quoted(value)
        ))
    }

    /// The nearest quote character before `col` on `line`, or on the lines above.
    fn quote_before(&self, line: usize, col: usize) -> Option<(usize, usize, char)> {
        let mut limit = col.saturating_sub(1);
        for l in (1..=line).rev() {
            let chars: Vec<char> = self.line(l).chars().collect();
            let end = if l == line { limit.min(chars.len()) } else { chars.len() };
            if let Some(i) = chars[..end].iter().rposition(|c| *c == '"' || *c == '\'') {
                return Some((l, i + 1, chars[i]));
            }
            limit = usize::MAX;
        }
        None
    }

    fn duplicate(&self, at: At, key: &str) -> String {
        let indent = indent_of(self.line(at.line));
        let first = (1..at.line).find(|l| {
            let shape = Shape::of(self.line(*l));
            indent_of(self.line(*l)) == indent && shape.key.is_some_and(|(k, _)| k == key)
        });
        let where_first = first.map(|l| format!(" (the first is on line {l})")).unwrap_or_default();
        format!("found `{key}` a second time, expected each key once in a mapping{where_first}")
    }

    /// `-warmth` or `-name: A` on the parser's line or the one above it.
    fn unspaced_dash(&self, at: At) -> Option<String> {
        let line = [Some(at.line), self.content_line_before(at.line)]
            .into_iter()
            .flatten()
            .find(|l| dash_item(self.line(*l).trim()).is_some())?;
        let written = self.line(line).trim();
        let item = dash_item(written)?;
        Some(format!("found `{written}` on line {line}, expected a list item; put a space after the dash: - {item}"))
    }

    /// `title: COPD: diagnosis`: the parser stops at the second colon.
    fn colon_in_value(&self, at: At) -> Option<String> {
        let text = self.line(at.line);
        let (key, key_col) = Shape::of(text).key?;
        let colon_col = key_col + key.chars().count();
        if at.col <= colon_col {
            return None;
        }
        let start = byte_of(text, colon_col + 1);
        let value = without_comment(text[start..].trim_start());
        Some(format!("found a colon inside the value of {key}, expected the value in quotes: {key}: {}", quoted(value)))
    }

    /// A key or dash that lines up with nothing above it, compared with the
    /// nearest key (or dash) of the lines it could belong to: the line above
    /// and each line less indented than those after it.
    fn out_of_line(&self, at: At) -> Option<String> {
        let shape = Shape::of(self.line(at.line));
        let (token, col) = shape.first_token()?;
        let is_dash = token == "-";
        let mut best: Option<(usize, usize, String)> = None;
        let mut outermost = usize::MAX;
        let mut line = at.line;
        while let Some(above) = self.content_line_before(line) {
            line = above;
            let start = indent_of(self.line(above)) + 1;
            if start >= outermost {
                continue;
            }
            outermost = start;
            let other = Shape::of(self.line(above));
            let candidate = if is_dash { other.dash.map(|c| ("-".to_string(), c)) } else { other.key_token() };
            if let Some((text, c)) = candidate
                && best.as_ref().is_none_or(|(_, bc, _)| c.abs_diff(col) < bc.abs_diff(col))
            {
                best = Some((above, c, text));
            }
            if start == 1 {
                break;
            }
        }
        let (other_line, other_col, other) = best.filter(|(_, c, _)| *c != col)?;
        let what = if is_dash { "the dashes of one list" } else { "the keys of one mapping" };
        Some(format!(
            "found `{token}` at column {col} on line {}, expected it to line up with `{other}` at column {other_col} on line {other_line} ({what} start in the same column)",
            at.line
        ))
    }

    /// `title: @home`: `@` and `` ` `` are reserved, `*` and `&` name
    /// anchors, `|` and `>` start block text, `!` a tag, `%` a directive.
    fn reserved_start(&self, at: At) -> Option<String> {
        let text = self.line(at.line);
        let c = char_at(text, at.col).filter(|c| "@`%*&|>!".contains(*c))?;
        let start = byte_of(text, at.col);
        let before = text[..start].trim_end();
        let in_flow = before.ends_with(['[', ',', '{']);
        if !(before.is_empty() || in_flow || before.ends_with([':', '-'])) {
            return None;
        }
        let rest = without_comment(&text[start..]);
        let value = if in_flow { rest.split([',', ']', '}']).next().unwrap_or(rest).trim_end() } else { rest };
        let fixed = if in_flow { quoted(value) } else { format!("{} {}", before.trim_start(), quoted(value)) };
        Some(format!(
            "found a value starting with {c}, which YAML reserves for itself, expected the value in quotes: {}",
            fixed.trim_start()
        ))
    }

    /// The nearest line above `line` with something on it besides a comment.
    fn content_line_before(&self, line: usize) -> Option<usize> {
        (1..line).rev().find(|l| {
            let t = self.line(*l).trim();
            !t.is_empty() && !t.starts_with('#')
        })
    }
}

/// What starts a line: a list dash and a key, each with its column.
struct Shape<'a> {
    dash: Option<usize>,
    key: Option<(&'a str, usize)>,
}

impl<'a> Shape<'a> {
    fn of(line: &'a str) -> Self {
        let indent = indent_of(line);
        let mut rest = &line[indent..];
        let mut col = indent + 1;
        let mut dash = None;
        if rest == "-" || rest.starts_with("- ") {
            dash = Some(col);
            let after = rest[1..].trim_start();
            col += rest.len() - after.len();
            rest = after;
        }
        let key = match rest.find(": ") {
            Some(i) => Some(&rest[..i]),
            None => rest.strip_suffix(':'),
        }
        .filter(|k| !k.is_empty() && !k.starts_with('#'))
        .map(|k| (k, col));
        Shape { dash, key }
    }

    fn key_token(&self) -> Option<(String, usize)> {
        self.key.map(|(k, c)| (format!("{k}:"), c))
    }

    /// The dash if the line has one, else its key.
    fn first_token(&self) -> Option<(String, usize)> {
        self.dash.map(|c| ("-".to_string(), c)).or_else(|| self.key_token())
    }
}

/// `-warmth` → `warmth`: a list item with its dash but no space. `---`,
/// a lone `-` and negative numbers are not.
pub(crate) fn dash_item(text: &str) -> Option<&str> {
    let item = text.strip_prefix('-')?;
    let first = item.chars().next()?;
    (first != '-' && !first.is_ascii_digit() && !first.is_whitespace()).then_some(item)
}

/// A value in quotes YAML reads back as written: double quotes unless it
/// holds `"` or `\` (an escape in double quotes), else single quotes.
fn quoted(value: &str) -> String {
    if !value.contains(['"', '\\']) { format!("\"{value}\"") } else { format!("'{}'", value.replace('\'', "''")) }
}

/// The author's line, trimmed, with the missing closing quote added.
fn closed(line: &str, quote: char) -> String {
    format!("{}{quote}", without_comment(line.trim_start()))
}

/// A value without a trailing ` # comment`, which YAML drops.
fn without_comment(text: &str) -> &str {
    text.find(" #").map_or(text, |i| &text[..i]).trim_end()
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn char_at(line: &str, col: usize) -> Option<char> {
    line.chars().nth(col.checked_sub(1)?)
}

/// The byte offset of 1-based character column `col` (the end if past it).
fn byte_of(line: &str, col: usize) -> usize {
    line.char_indices().nth(col.saturating_sub(1)).map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(text: &str) -> String {
        let error = crate::yaml::parse(text).expect_err("invalid YAML");
        error.hint.unwrap_or_else(|| format!("no hint for: {} at {:?}", error.message, error.pos))
    }

    #[test]
    fn a_colon_in_a_value_asks_for_quotes() {
        assert_eq!(
            hint("title: COPD: diagnosis\n"),
            "found a colon inside the value of title, expected the value in quotes: title: \"COPD: diagnosis\""
        );
        assert_eq!(
            hint("authors:\n  - name: Dr: A # lead\n"),
            "found a colon inside the value of name, expected the value in quotes: name: \"Dr: A\""
        );
        assert_eq!(
            hint("title: Café \"new\": x\n"),
            "found a colon inside the value of title, expected the value in quotes: title: 'Café \"new\": x'"
        );
    }

    #[test]
    fn a_tab_names_its_line() {
        assert_eq!(hint("title: T\n\tsummary: s\n"), tab(2));
        assert_eq!(hint("services:\n\t- id: a\n"), tab(2));
    }

    #[test]
    fn a_dash_needs_a_space() {
        assert_eq!(
            hint("tags:\n  - a\n  -b\n"),
            "found `-b` on line 3, expected a list item; put a space after the dash: - b"
        );
        assert_eq!(
            hint("services:\n  -id: a\n    name: b\n"),
            "found `-id: a` on line 2, expected a list item; put a space after the dash: - id: a"
        );
    }

    #[test]
    fn quotes_left_open() {
        assert_eq!(
            hint("title: \"COPD\nsummary: s\n"),
            "found a quote (\") on line 1 that is never closed, expected another \" at the end of the value: title: \"COPD\""
        );
        assert_eq!(
            hint("title: 'COPD\nsummary: 's'\n"),
            "found a quote (') on line 1 that is not closed on that line, expected another ' at the end of the value: title: 'COPD'"
        );
        assert_eq!(
            hint("title: \"COPD\" guideline\n"),
            "found text after the closing quote, expected the whole value in quotes: title: '\"COPD\" guideline'"
        );
    }

    #[test]
    fn lines_out_of_step_name_the_line_to_match() {
        assert_eq!(
            hint("title: T\n  summary: s\nversion: v\n"),
            "found `summary:` at column 3 on line 2, expected it to line up with `title:` at column 1 on line 1 (the keys of one mapping start in the same column)"
        );
        assert_eq!(
            hint("authors:\n  - name: A\n     role: B\n"),
            "found `role:` at column 6 on line 3, expected it to line up with `name:` at column 5 on line 2 (the keys of one mapping start in the same column)"
        );
        assert_eq!(
            hint("authors:\n    - name: A\n  - name: B\n"),
            "found `-` at column 3 on line 3, expected it to line up with `-` at column 5 on line 2 (the dashes of one list start in the same column)"
        );
    }

    #[test]
    fn reserved_first_characters_ask_for_quotes() {
        let expected = |c: char, fixed: &str| {
            format!(
                "found a value starting with {c}, which YAML reserves for itself, expected the value in quotes: {fixed}"
            )
        };
        assert_eq!(hint("title: @home\n"), expected('@', "title: \"@home\""));
        assert_eq!(hint("title: `x` y\n"), expected('`', "title: \"`x` y\""));
        assert_eq!(hint("tags:\n  - *starred\n"), expected('*', "- \"*starred\""));
        assert_eq!(hint("title: & co\n"), expected('&', "title: \"& co\""));
        assert_eq!(hint("tags: [a, @b]\n"), expected('@', "\"@b\""));
        assert_eq!(hint("title: !<x\n"), expected('!', "title: \"!<x\""));
        assert_eq!(hint("title: >x\n"), expected('>', "title: \">x\""));
    }

    #[test]
    fn a_key_written_twice_names_the_first() {
        assert_eq!(
            hint("title: a\nsummary: b\ntitle: c\n"),
            "found `title` a second time, expected each key once in a mapping (the first is on line 1)"
        );
    }

    #[test]
    fn other_errors_keep_the_parser_s_words() {
        let error = crate::yaml::parse("cost: [Free\nreferral: [gp]\n").unwrap_err();
        assert_eq!(error.hint, None, "{error:?}");
    }
}
