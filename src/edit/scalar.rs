//! Setting a front matter field, or the body, of a Markdown file by
//! replacing only the text of that value.
//!
//! The parser records where each value starts (line and column); the end
//! depends on how the value is written (plain, quoted, or a `|`/`>` block),
//! which [`value_span`] works out from the text. A new value keeps the old
//! one's style when that reads back as the same text, and is double-quoted
//! otherwise (a title with a colon, a version such as `3.10` that plain
//! would make a number). The result is parsed again and every field
//! compared, so an edit that would change anything else is refused rather
//! than written.

use crate::content::frontmatter;
use crate::yaml::{self, Node, Value};
use std::fmt;

/// What to change in a Markdown file with YAML front matter.
#[derive(Debug, Default)]
pub struct MarkdownEdit<'a> {
    /// Top-level front matter fields to set, by key. Empty text removes the
    /// field; a field not in the file is added before the closing `---`.
    pub fields: Vec<(&'a str, &'a str)>,
    /// The new body (everything after the closing `---` line), if it changes.
    pub body: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The file has no front matter block (or it is never closed).
    NoFrontMatter,
    /// The front matter is not valid YAML, so positions cannot be trusted.
    InvalidYaml(String),
    /// The front matter is not `key: value` lines.
    NotAMapping,
    /// The directory file has no service with this id.
    NoService(String),
    /// The field holds a list or a mapping, not one value.
    NotOneValue(String),
    /// The value is written in a way this editor does not rewrite (an
    /// anchor, alias, tag or flow collection).
    CannotPlace(String),
    /// Parsed again, the result did not hold what was asked, or changed
    /// something else (`what`): a fault here, so nothing is written.
    NotFaithful(String),
    /// A list or mapping to rewrite has a comment among its lines, which
    /// rewriting it would drop.
    CommentInside(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoFrontMatter => {
                write!(f, "the file has no front matter between --- lines, so there are no fields to set")
            }
            EditError::InvalidYaml(message) => {
                write!(f, "the front matter is not valid YAML ({message}); fix it in a text editor first")
            }
            EditError::NotAMapping => write!(f, "the front matter is not key: value lines"),
            EditError::NoService(id) => write!(f, "the file has no service with id {id} under services:"),
            EditError::NotOneValue(key) => {
                write!(f, "{key} holds a list or mapping in the file, not one value; edit it in a text editor")
            }
            EditError::CannotPlace(key) => write!(
                f,
                "{key} is written in a form the browser editor does not rewrite (an anchor, alias, tag or [ ] list); edit it in a text editor"
            ),
            EditError::CommentInside(key) => write!(
                f,
                "{key} has a comment among its lines, which saving it here would drop; edit it in a text editor"
            ),
            EditError::NotFaithful(what) => write!(
                f,
                "the edit did not read back as intended ({what}), so nothing was written; edit the file in a text editor (and please report this)"
            ),
        }
    }
}

/// A front matter field's value as a form shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldText {
    Absent,
    /// The value as text (a block scalar without its final newline).
    Text(String),
    /// A list or mapping: not editable as one value.
    NotOneValue,
}

/// What a form shows of a Markdown file: its front matter fields, by key,
/// and its body.
#[derive(Debug)]
pub struct MarkdownFields {
    entries: Vec<(Node, Node)>,
    pub body: String,
}

impl MarkdownFields {
    pub fn read(text: &str) -> Result<Self, EditError> {
        let front = Mapping::front_matter(text)?;
        Ok(MarkdownFields { body: text[front.body_start..].to_string(), entries: front.entries })
    }

    pub fn value(&self, key: &str) -> FieldText {
        field_text(&self.entries, key)
    }
}

/// What a form shows of one service in a directory file: its fields, by key.
#[derive(Debug)]
pub struct ServiceFields {
    entries: Vec<(Node, Node)>,
}

impl ServiceFields {
    /// The service whose `id` is `id` in the directory file `text`.
    pub fn read(text: &str, id: &str) -> Result<Self, EditError> {
        Ok(ServiceFields { entries: Mapping::service(text, id)?.entries })
    }

    pub fn value(&self, key: &str) -> FieldText {
        field_text(&self.entries, key)
    }
}

pub(super) fn field_text(entries: &[(Node, Node)], key: &str) -> FieldText {
    let Some((_, node)) = entries.iter().find(|(k, _)| k.as_str() == Some(key)) else {
        return FieldText::Absent;
    };
    match &node.value {
        Value::Null => FieldText::Absent,
        Value::Str(s) => FieldText::Text(s.trim_end_matches('\n').to_string()),
        Value::Seq(_) | Value::Map(_) => FieldText::NotOneValue,
        _ => FieldText::Text(node.scalar_text().unwrap_or_default()),
    }
}

/// Sets one-value fields of the service whose `id` is `id` in the directory
/// file `text`, changing only the text of the values that differ. Other
/// services, comments and order stay byte for byte; the result is parsed
/// again and must differ only in the fields asked.
pub fn edit_service(text: &str, id: &str, fields: &[(&str, &str)]) -> Result<String, EditError> {
    let service = Mapping::service(text, id)?;
    let mut splices = Vec::new();
    for (key, value) in fields {
        if *key == "id" {
            return Err(EditError::CannotPlace("id".to_string()));
        }
        if let Some(splice) = service.field_splice(text, key, value)? {
            splices.push(splice);
        }
    }
    let result = apply(text, splices);
    verify_service(text, id, &service, &result, fields)?;
    Ok(result)
}

/// Applies `edit` to `text`, changing only the text of the values that
/// differ. Returns the new text (equal to `text` when nothing differs).
pub fn edit_markdown(text: &str, edit: &MarkdownEdit) -> Result<String, EditError> {
    let front = Mapping::front_matter(text)?;
    let mut splices = Vec::new();
    for (key, value) in &edit.fields {
        if let Some(splice) = front.field_splice(text, key, value)? {
            splices.push(splice);
        }
    }
    let new_body = edit.body.map(|body| with_newlines_of(text, body));
    if let Some(body) = &new_body
        && text[front.body_start..] != **body
    {
        splices.push(Splice { start: front.body_start, end: text.len(), text: body.clone() });
    }
    let result = apply(text, splices);
    verify(text, &front, &result, edit, new_body.as_deref())?;
    Ok(result)
}

/// The file's front matter, parsed, with where its parts are in the text.
pub(super) struct Mapping {
    pub(super) entries: Vec<(Node, Node)>,
    /// Byte offset where each line starts.
    pub(super) line_starts: Vec<usize>,
    /// Where a new field goes: the start of the closing `---` line, or of
    /// the line after a service's last one.
    pub(super) insert_at: usize,
    /// The column (from 0) the mapping's keys start at: 0 for front matter.
    /// A value's lines run on while they are indented more than this.
    pub(super) key_indent: usize,
    /// Where the Markdown body starts (the end of the text for a YAML file).
    pub(super) body_start: usize,
    pub(super) newline: &'static str,
}

pub(super) struct Splice {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
}

/// How a value is written in the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Style {
    Plain,
    Single,
    Double,
    /// A `|` or `>` block: its header (`|-`, `>`) and its lines' indent.
    Block {
        header: String,
        indent: usize,
    },
}

impl Mapping {
    pub(super) fn front_matter(text: &str) -> Result<Self, EditError> {
        let split = frontmatter::split("", text).map_err(|_| EditError::NoFrontMatter)?;
        let yaml_text = split.yaml.ok_or(EditError::NoFrontMatter)?;
        let body_start = text.len() - split.body.len();
        let node = yaml::parse(&yaml_text).map_err(|e| EditError::InvalidYaml(e.explained("key: value lines")))?;
        let entries = match node.value {
            Value::Map(entries) => entries,
            Value::Null => Vec::new(),
            _ => return Err(EditError::NotAMapping),
        };
        let before_body = &text[..body_start];
        let closing_line = before_body.strip_suffix('\n').unwrap_or(before_body);
        let insert_at = closing_line.rfind('\n').map_or(0, |i| i + 1);
        Ok(Mapping {
            entries,
            line_starts: line_starts(text),
            insert_at,
            key_indent: 0,
            body_start,
            newline: newline_of(text),
        })
    }

    /// The mapping of the service whose `id` is `id` in a directory file.
    pub(super) fn service(text: &str, id: &str) -> Result<Self, EditError> {
        let node = yaml::parse(text).map_err(|e| EditError::InvalidYaml(e.explained("a service directory")))?;
        let (_, entries) = find_service(node, id)?;
        let first = entries.first().map(|(k, _)| k.pos).ok_or(EditError::NotAMapping)?;
        let key_indent = first.col.saturating_sub(1) as usize;
        let mut mapping = Mapping {
            entries,
            line_starts: line_starts(text),
            insert_at: 0,
            key_indent,
            body_start: text.len(),
            newline: newline_of(text),
        };
        let last_key = mapping.offset(text, mapping.entries.last().map_or(first, |(k, _)| k.pos));
        mapping.insert_at = mapping_end(text, last_key, key_indent);
        Ok(mapping)
    }

    /// The top-level keys of a YAML file (a directory's title and
    /// description). A new key goes before `services:`, where the spec's
    /// example has it, or at the end of the file.
    pub(super) fn top_level(text: &str) -> Result<Self, EditError> {
        let node = yaml::parse(text).map_err(|e| EditError::InvalidYaml(e.explained("a service directory")))?;
        let Value::Map(entries) = node.value else { return Err(EditError::NotAMapping) };
        let mut mapping = Mapping {
            entries,
            line_starts: line_starts(text),
            insert_at: text.len(),
            key_indent: 0,
            body_start: text.len(),
            newline: newline_of(text),
        };
        if let Some((services, _)) = mapping.entry("services") {
            mapping.insert_at = mapping.offset(text, services.pos);
        }
        Ok(mapping)
    }

    pub(super) fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        self.entries.iter().find(|(k, _)| k.as_str() == Some(key))
    }

    /// The byte offset of a 1-based line and column (columns count characters).
    pub(super) fn offset(&self, text: &str, pos: yaml::Pos) -> usize {
        let line_start = self.line_starts.get(pos.line.saturating_sub(1) as usize).copied().unwrap_or(text.len());
        let chars = pos.col.saturating_sub(1) as usize;
        text[line_start..].char_indices().nth(chars).map_or(text.len(), |(i, _)| line_start + i)
    }

    /// The change that sets `key` to `value`, or `None` when it already is.
    pub(super) fn field_splice(&self, text: &str, key: &str, value: &str) -> Result<Option<Splice>, EditError> {
        let Some((key_node, value_node)) = self.entry(key) else {
            if value.is_empty() {
                return Ok(None);
            }
            let pad = " ".repeat(self.key_indent);
            let line = format!("{pad}{key}: {}{}", render(value, &Style::Plain)?, self.newline);
            return Ok(Some(Splice { start: self.insert_at, end: self.insert_at, text: line }));
        };
        if reads_as(value_node, value) {
            return Ok(None);
        }
        if matches!(value_node.value, Value::Seq(_) | Value::Map(_)) {
            return Err(EditError::NotOneValue(key.to_string()));
        }
        let key_start = self.offset(text, key_node.pos);
        if value_node.value == Value::Null {
            return self.fill_empty(text, key, key_start, value).map(Some);
        }
        let start = value_start(text, key_start).unwrap_or_else(|| self.offset(text, value_node.pos));
        let (end, style) =
            value_span(text, start, self.key_indent).ok_or_else(|| EditError::CannotPlace(key.to_string()))?;
        if value.is_empty() {
            return self.removal(text, key, key_start, end).map(Some);
        }
        let rendered = render(value, &style).map_err(|_| EditError::CannotPlace(key.to_string()))?;
        let rendered = rendered.replace('\n', self.newline);
        Ok(Some(Splice { start, end, text: rendered }))
    }

    /// Sets a field written with no value (`approved_by:` or `approved_by: ~`).
    fn fill_empty(&self, text: &str, key: &str, key_start: usize, value: &str) -> Result<Splice, EditError> {
        let colon = text[key_start..].find(':').map(|i| key_start + i + 1);
        let colon = colon.ok_or_else(|| EditError::CannotPlace(key.to_string()))?;
        let rest = &text[colon..line_end(text, colon)];
        let written = before_comment(rest).trim_end();
        let rendered = render(value, &Style::Plain)?;
        Ok(Splice { start: colon, end: colon + written.len(), text: format!(" {rendered}") })
    }

    /// Removes a field's lines, from its key to the end of its value.
    pub(super) fn removal(
        &self,
        text: &str,
        key: &str,
        key_start: usize,
        value_end: usize,
    ) -> Result<Splice, EditError> {
        let line_start = text[..key_start].rfind('\n').map_or(0, |i| i + 1);
        if !text[line_start..key_start].trim().is_empty() {
            // `- name: …` starts the list item: removing the line would end it.
            return Err(EditError::CannotPlace(key.to_string()));
        }
        let end = line_end(text, value_end);
        let end = if text[end..].starts_with("\r\n") {
            end + 2
        } else if text[end..].starts_with('\n') {
            end + 1
        } else {
            end
        };
        Ok(Splice { start: line_start, end, text: String::new() })
    }
}

/// Where the value of the key at `key_start` starts when it starts on the
/// key's own line: the parser gives a block scalar's position as its first
/// line of text, but the value to replace starts at its `|` or `>`.
pub(super) fn value_start(text: &str, key_start: usize) -> Option<usize> {
    let colon = key_start + text[key_start..].find(':')? + 1;
    let rest = before_comment(&text[colon..line_end(text, colon)]);
    let skipped = rest.len() - rest.trim_start().len();
    (!rest.trim().is_empty()).then_some(colon + skipped)
}

/// Whether `node` already holds `value` as the form shows it. A block
/// scalar's final newline is not something the form can show.
pub(super) fn reads_as(node: &Node, value: &str) -> bool {
    match &node.value {
        Value::Null => value.is_empty(),
        Value::Str(s) => s == value || s.trim_end_matches('\n') == value,
        Value::Seq(_) | Value::Map(_) => false,
        _ => node.scalar_text().as_deref() == Some(value),
    }
}

/// Where the value starting at `start` ends, and how it is written. `None`
/// for forms this editor leaves alone.
pub(super) fn value_span(text: &str, start: usize, key_indent: usize) -> Option<(usize, Style)> {
    let first = text[start..].chars().next()?;
    match first {
        '"' => Some((closing_double_quote(text, start)?, Style::Double)),
        '\'' => Some((closing_single_quote(text, start)?, Style::Single)),
        '|' | '>' => Some(block_span(text, start, key_indent)),
        '&' | '*' | '!' | '[' | '{' => None,
        _ => Some((plain_end(text, start, key_indent), Style::Plain)),
    }
}

fn closing_double_quote(text: &str, start: usize) -> Option<usize> {
    let mut chars = text[start + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return Some(start + 1 + i + 1),
            _ => {}
        }
    }
    None
}

fn closing_single_quote(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// A plain value runs to the end of its line (less a ` #` comment) and
/// over any indented lines that continue it.
fn plain_end(text: &str, start: usize, key_indent: usize) -> usize {
    let mut end = start + before_comment(&text[start..line_end(text, start)]).trim_end().len();
    let mut next = next_line(text, start);
    while let Some(line_start) = next {
        let line = &text[line_start..line_end(text, line_start)];
        let content = line.trim_start();
        if indent_of(line) <= key_indent || content.trim_end().is_empty() || content.starts_with('#') {
            break;
        }
        end = line_start + (line.len() - content.len()) + before_comment(content).trim_end().len();
        next = next_line(text, line_start);
    }
    end
}

/// A block scalar: its header line, then every line indented more than
/// the key (blank lines inside it too), ending at its last written line.
fn block_span(text: &str, start: usize, key_indent: usize) -> (usize, Style) {
    let header_end = line_end(text, start);
    let header = before_comment(&text[start..header_end]).trim_end().to_string();
    let mut end = start + header.len();
    let mut indent = 0;
    let mut next = next_line(text, start);
    while let Some(line_start) = next {
        let line = &text[line_start..line_end(text, line_start)];
        let blank = line.trim().is_empty();
        if !blank && indent_of(line) <= key_indent {
            break;
        }
        if !blank {
            if indent == 0 {
                indent = indent_of(line);
            }
            end = line_start + line.trim_end().len();
        }
        next = next_line(text, line_start);
    }
    (end, Style::Block { header, indent: if indent == 0 { key_indent + 2 } else { indent } })
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

pub(super) fn newline_of(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// The index in `services:` and the entries of the service whose `id` is
/// `id`, in a directory file's parsed root.
pub(super) fn find_service(root: Node, id: &str) -> Result<(usize, Vec<(Node, Node)>), EditError> {
    let Value::Map(top) = root.value else { return Err(EditError::NotAMapping) };
    let services = top.into_iter().find(|(k, _)| k.as_str() == Some("services")).map(|(_, v)| v.value);
    let Some(Value::Seq(items)) = services else { return Err(EditError::NoService(id.to_string())) };
    for (index, item) in items.into_iter().enumerate() {
        if let Value::Map(entries) = item.value
            && entries.iter().any(|(k, v)| k.as_str() == Some("id") && v.as_str() == Some(id))
        {
            return Ok((index, entries));
        }
    }
    Err(EditError::NoService(id.to_string()))
}

/// Where a new key of a nested mapping goes: the start of the line after
/// its last written line. The mapping's lines run from its last key while
/// they are blank, comments, indented more than its keys, or a `- ` item
/// of a list under that key.
fn mapping_end(text: &str, last_key: usize, key_indent: usize) -> usize {
    let after = |line_start: usize| next_line(text, line_start).unwrap_or(text.len());
    let mut end = after(last_key);
    let mut next = next_line(text, last_key);
    while let Some(line_start) = next {
        let line = &text[line_start..line_end(text, line_start)];
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            next = next_line(text, line_start);
            continue;
        }
        let indent = indent_of(line);
        if indent < key_indent || (indent == key_indent && !content.starts_with("- ") && content != "-") {
            break;
        }
        end = after(line_start);
        next = next_line(text, line_start);
    }
    end
}

pub(super) fn line_end(text: &str, from: usize) -> usize {
    let end = text[from..].find('\n').map_or(text.len(), |i| from + i);
    if end > from && text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end }
}

pub(super) fn next_line(text: &str, from: usize) -> Option<usize> {
    text[from..].find('\n').map(|i| from + i + 1).filter(|&s| s < text.len())
}

pub(super) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// The part of a line before a YAML comment (` #`), outside quotes.
pub(super) fn before_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let (mut single, mut double) = (false, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\'' if !double => single = !single,
            b'"' if !single && (i == 0 || bytes[i - 1] != b'\\') => double = !double,
            b'#' if !single && !double && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') => {
                return &line[..i];
            }
            _ => {}
        }
    }
    line
}

/// The text to write for `value`: in `style` if that reads back as exactly
/// `value`, else double-quoted, which always does.
pub(super) fn render(value: &str, style: &Style) -> Result<String, EditError> {
    let candidates = match style {
        Style::Plain => vec![value.to_string()],
        Style::Single => vec![format!("'{}'", value.replace('\'', "''"))],
        Style::Double => vec![],
        Style::Block { header, indent } => {
            let literal = header.replacen('>', "|", 1);
            vec![block(header, *indent, value), block(&literal, *indent, value)]
        }
    };
    let fallback = double_quoted(value);
    for candidate in candidates.into_iter().chain(std::iter::once(fallback)) {
        if reads_back(&candidate, value) {
            return Ok(candidate);
        }
    }
    Err(EditError::CannotPlace(value.to_string()))
}

fn block(header: &str, indent: usize, value: &str) -> String {
    let pad = " ".repeat(indent);
    let lines: Vec<String> =
        value.split('\n').map(|l| if l.is_empty() { String::new() } else { format!("{pad}{l}") }).collect();
    format!("{header}\n{}", lines.join("\n"))
}

/// Whether `written` as a top-level value parses to the text `value`.
fn reads_back(written: &str, value: &str) -> bool {
    if written.contains('\n') && !written.starts_with(['|', '>']) {
        return false;
    }
    match yaml::parse(&format!("k: {written}\n")).map(|n| n.value) {
        Ok(Value::Map(entries)) if entries.len() == 1 => {
            matches!(&entries[0].1.value, Value::Str(s) if s == value || s.trim_end_matches('\n') == value)
        }
        _ => false,
    }
}

/// A YAML double-quoted scalar: reads back as `value` whatever it holds.
pub(super) fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A textarea sends `\r\n`; the body keeps the file's own line endings.
fn with_newlines_of(file: &str, body: &str) -> String {
    let unix = body.replace("\r\n", "\n");
    if file.contains("\r\n") { unix.replace('\n', "\r\n") } else { unix }
}

pub(super) fn apply(text: &str, mut splices: Vec<Splice>) -> String {
    // From the end backwards, so earlier offsets stay true.
    splices.sort_by_key(|s| std::cmp::Reverse(s.start));
    let mut out = text.to_string();
    for splice in splices {
        out.replace_range(splice.start..splice.end, &splice.text);
    }
    out
}

/// Parses the result again: the service must still be there at the same
/// place, each edited field must read as asked, its other fields exactly as
/// before and in the same order, and the rest of the file as before.
fn verify_service(
    original: &str,
    id: &str,
    before: &Mapping,
    result: &str,
    fields: &[(&str, &str)],
) -> Result<(), EditError> {
    let fail = |what: &str| Err(EditError::NotFaithful(what.to_string()));
    let parse = |text: &str| yaml::parse(text).map_err(|e| EditError::InvalidYaml(e.explained("a service directory")));
    let (old_root, new_root) = (parse(original)?, parse(result)?);
    let (old_json, new_json) = (old_root.to_json(), new_root.to_json());
    let (old_index, _) = find_service(old_root, id)?;
    let Ok((index, entries)) = find_service(new_root, id) else { return fail("the service is no longer there") };
    if index != old_index {
        return fail("the service moved");
    }
    for (key, value) in fields {
        let holds = match entries.iter().find(|(k, _)| k.as_str() == Some(key)) {
            Some((_, node)) => reads_as(node, value),
            None => value.is_empty(),
        };
        if !holds {
            return fail(&format!("{key} does not hold the new value"));
        }
    }
    let edited = |k: &Node| fields.iter().any(|(key, _)| k.as_str() == Some(key));
    let others = |entries: &[(Node, Node)]| -> Vec<(Option<String>, serde_json::Value)> {
        entries.iter().filter(|(k, _)| !edited(k)).map(|(k, v)| (k.scalar_text(), v.to_json())).collect()
    };
    if others(&before.entries) != others(&entries) {
        return fail("another field of the service changed");
    }
    let without_service = |mut json: serde_json::Value| {
        if let Some(item) = json.get_mut("services").and_then(|s| s.get_mut(index)) {
            *item = serde_json::Value::Null;
        }
        json
    };
    if without_service(old_json) != without_service(new_json) {
        return fail("something outside the service changed");
    }
    Ok(())
}

/// Parses the result again: each edited field must read as asked, every
/// other field exactly as before and in the same order, and the body as
/// given. Anything else is a fault here, so nothing is written.
fn verify(
    original: &str,
    before: &Mapping,
    result: &str,
    edit: &MarkdownEdit,
    body: Option<&str>,
) -> Result<(), EditError> {
    let after = Mapping::front_matter(result)?;
    let fail = |what: &str| Err(EditError::NotFaithful(what.to_string()));
    for (key, value) in &edit.fields {
        let holds = match after.entry(key) {
            Some((_, node)) => reads_as(node, value),
            None => value.is_empty(),
        };
        if !holds {
            return fail(&format!("{key} does not hold the new value"));
        }
    }
    let edited = |k: &Node| edit.fields.iter().any(|(key, _)| k.as_str() == Some(key));
    let others = |f: &Mapping| -> Vec<(Option<String>, serde_json::Value)> {
        f.entries.iter().filter(|(k, _)| !edited(k)).map(|(k, v)| (k.scalar_text(), v.to_json())).collect()
    };
    if others(before) != others(&after) {
        return fail("another field changed");
    }
    // The body as given, or else exactly as it was.
    let body = body.unwrap_or(&original[before.body_start..]);
    if result[after.body_start..] != *body {
        return fail("the body changed");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
