//! Replacing a key's whole value (a list, a mapping, or a number) with
//! freshly written YAML, by position, in front matter or inside one
//! service of a directory file.
//!
//! A value that reads as it did is not touched. One that changed has only
//! its own text replaced: from just after `key:` to the end of its last
//! line, so the key line's comment, the lines around it and everything
//! else stay byte for byte. Comments among the value's own lines would be
//! lost, so such a value is refused rather than rewritten.
//!
//! How a new value is written: a list of plain values (tags, days, address
//! lines) as `[a, b]` on one line when it fits in 80 columns and the file
//! wrote it that way (or not at all); a list the file wrote as `- ` lines
//! stays so; rows (authors, hours) and mappings (contact) as block YAML two
//! spaces deeper than their key. A value is written plain unless plain
//! would read differently or it looks like a number, a time or a phone
//! number (`"2.0"`, `"09:00"`, `"01305 000000"`), which are double-quoted
//! as the contract's examples write them. Every edit is parsed again and
//! refused if any other field would read differently.

use super::scalar::{
    EditError, Mapping, Splice, apply, before_comment, double_quoted, find_service, indent_of, line_end, next_line,
    value_span, value_start,
};
use super::tree::{self, Tree};
use crate::content::list_field::{ListField, Shape};
use crate::yaml::{self, Node, Value};

/// A field and the value to give it.
pub type ListEdit<'a> = (&'a ListField, Tree);

/// Sets list and mapping fields of a Markdown file's front matter.
pub fn edit_markdown_lists(text: &str, edits: &[ListEdit]) -> Result<String, EditError> {
    let front = Mapping::front_matter(text)?;
    let result = apply(text, splices(&front, text, edits)?);
    let after = Mapping::front_matter(&result)?;
    same_except(&front.entries, &after.entries, edits)?;
    if text[front.body_start..] != result[after.body_start..] {
        return Err(EditError::NotFaithful("the body changed".to_string()));
    }
    Ok(result)
}

/// Sets list and mapping fields of the service `id` in a directory file.
pub fn edit_service_lists(text: &str, id: &str, edits: &[ListEdit]) -> Result<String, EditError> {
    let service = Mapping::service(text, id)?;
    let result = apply(text, splices(&service, text, edits)?);
    let after = Mapping::service(&result, id)?;
    same_except(&service.entries, &after.entries, edits)?;
    same_outside_service(text, &result, id)?;
    Ok(result)
}

fn splices(mapping: &Mapping, text: &str, edits: &[ListEdit]) -> Result<Vec<Splice>, EditError> {
    let mut all: Vec<Splice> = Vec::new();
    for (field, value) in edits {
        for splice in field_splices(mapping, text, field, value)? {
            // New fields all go at one place: one splice keeps their order.
            match all.iter_mut().find(|s| s.start == splice.start && s.end == s.start && splice.end == splice.start) {
                Some(at_same_place) => at_same_place.text.push_str(&splice.text),
                None => all.push(splice),
            }
        }
    }
    Ok(all)
}

/// The changes that give `field` the value `new`: none when it has it.
fn field_splices(mapping: &Mapping, text: &str, field: &ListField, new: &Tree) -> Result<Vec<Splice>, EditError> {
    let key = field.key;
    let entry = mapping.entry(key);
    let old = tree::from_node(entry.map(|(_, v)| v), field).ok_or_else(|| EditError::NotOneValue(key.to_string()))?;
    if old == *new {
        return Ok(Vec::new());
    }
    let Some((key_node, value_node)) = entry else {
        let written = written(new, field, mapping.key_indent, true).joined(mapping.newline);
        let line = format!("{}{key}:{written}{}", " ".repeat(mapping.key_indent), mapping.newline);
        return Ok(vec![Splice { start: mapping.insert_at, end: mapping.insert_at, text: line }]);
    };
    let key_start = mapping.offset(text, key_node.pos);
    let colon = key_start + text[key_start..].find(':').ok_or_else(|| EditError::CannotPlace(key.to_string()))? + 1;
    let span = Span::of(text, key_start, colon, value_node, mapping.key_indent, key)?;
    if new.is_empty() {
        return Ok(vec![mapping.removal(text, key, key_start, span.end)?]);
    }
    let value = written(new, field, mapping.key_indent, span.is_inline);
    Ok(span.replaced_by(text, colon, value, mapping.newline))
}

/// Where a value is in the text.
struct Span {
    start: usize,
    end: usize,
    /// On the key's line (`key: [a, b]`, `key: COPD`), rather than on the
    /// lines under it.
    is_inline: bool,
}

impl Span {
    fn of(
        text: &str,
        key_start: usize,
        colon: usize,
        node: &Node,
        key_indent: usize,
        key: &str,
    ) -> Result<Span, EditError> {
        let cannot = || EditError::CannotPlace(key.to_string());
        if node.value == Value::Null {
            let end = colon + before_comment(&text[colon..line_end(text, colon)]).trim_end().len();
            return Ok(Span { start: colon, end, is_inline: true });
        }
        match value_start(text, key_start) {
            Some(start) => {
                let end = match text[start..].chars().next() {
                    Some('[' | '{') => flow_end(text, start).ok_or_else(cannot)?,
                    _ => value_span(text, start, key_indent).ok_or_else(cannot)?.0,
                };
                Ok(Span { start, end, is_inline: true })
            }
            None => {
                let start = line_end(text, colon);
                let end =
                    block_end(text, start, key_indent).ok_or_else(|| EditError::CommentInside(key.to_string()))?;
                Ok(Span { start, end, is_inline: false })
            }
        }
    }

    /// The splices that put `value` where this span is. A value moving
    /// from the key's line to the lines under it (or back) keeps a
    /// comment on the key's line where it is.
    fn replaced_by(&self, text: &str, colon: usize, value: Written, newline: &str) -> Vec<Splice> {
        match (self.is_inline, value) {
            (true, Written::Inline(v)) => {
                // `key:` with nothing after it keeps the space `v` starts with.
                let text = if self.start == colon { v } else { v.trim_start().to_string() };
                vec![Splice { start: self.start, end: self.end, text }]
            }
            (true, block @ Written::Block(_)) => {
                let line_end = line_end(text, self.end);
                vec![
                    Splice { start: colon, end: self.end, text: String::new() },
                    Splice { start: line_end, end: line_end, text: block.joined(newline) },
                ]
            }
            (false, block @ Written::Block(_)) => {
                vec![Splice { start: self.start, end: self.end, text: block.joined(newline) }]
            }
            (false, Written::Inline(v)) => vec![
                Splice { start: colon, end: colon, text: v },
                Splice { start: self.start, end: self.end, text: String::new() },
            ],
        }
    }
}

/// The end of a `[ … ]` or `{ … }` that starts at `start`, over lines.
fn flow_end(text: &str, start: usize) -> Option<usize> {
    let (mut depth, mut quote) = (0usize, None::<char>);
    let mut chars = text[start..].char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(start + i + 1);
                }
            }
            (None, '#') if text[..start + i].ends_with([' ', '\t']) => return None,
            _ => {}
        }
    }
    None
}

/// The end of a value written on the lines after its key's line (which
/// ends at `from`): every line indented deeper than the key, or a `- `
/// item at the key's own indent, up to the last such line. `None` when a
/// comment sits among them.
fn block_end(text: &str, from: usize, key_indent: usize) -> Option<usize> {
    let (mut end, mut comment_seen) = (from, false);
    let mut next = next_line(text, from);
    while let Some(line_start) = next {
        let line = &text[line_start..line_end(text, line_start)];
        let content = line.trim_start();
        next = next_line(text, line_start);
        if content.is_empty() {
            continue;
        }
        if content.starts_with('#') {
            comment_seen = true;
            continue;
        }
        let indent = indent_of(line);
        let is_item = indent == key_indent && (content.starts_with("- ") || content == "-");
        if indent < key_indent || (indent == key_indent && !is_item) {
            break;
        }
        if comment_seen || before_comment(content).len() != content.len() {
            return None;
        }
        end = line_start + line.trim_end().len();
    }
    Some(end)
}

/// A value as it will be written after `key:`.
enum Written {
    /// On the key's line: ` [a, b]`, ` 18`.
    Inline(String),
    /// The lines under the key.
    Block(Vec<String>),
}

impl Written {
    fn joined(&self, newline: &str) -> String {
        match self {
            Written::Inline(text) => text.clone(),
            Written::Block(lines) => lines.iter().map(|l| format!("{newline}{l}")).collect(),
        }
    }
}

const MAX_FLOW_COLUMNS: usize = 80;

/// `value` written for the key `field.key` at column `key_indent`.
fn written(value: &Tree, field: &ListField, key_indent: usize, prefer_inline: bool) -> Written {
    let inner = key_indent + 2;
    match field.shape {
        Shape::Text => Written::Inline(format!(" {}", scalar(value.text(), false))),
        Shape::Whole => Written::Inline(format!(" {}", whole(value.text()))),
        Shape::Strings => {
            let flow = flow(value);
            if prefer_inline && key_indent + field.key.len() + 2 + flow.len() <= MAX_FLOW_COLUMNS {
                Written::Inline(format!(" {flow}"))
            } else {
                Written::Block(sequence_lines(value, field, inner))
            }
        }
        Shape::Rows(_) => Written::Block(sequence_lines(value, field, inner)),
        Shape::Group(parts) => Written::Block(mapping_lines(value, parts, inner)),
    }
}

/// A mapping's set parts, one `key: value` a line (a list under its key).
fn mapping_lines(value: &Tree, parts: &[ListField], indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut lines = Vec::new();
    for part in parts {
        let Some(part_value) = value.part(part.key).filter(|v| !v.is_empty()) else { continue };
        match written(part_value, part, indent, true) {
            Written::Inline(text) => lines.push(format!("{pad}{}:{text}", part.key)),
            Written::Block(under) => {
                lines.push(format!("{pad}{}:", part.key));
                lines.extend(under);
            }
        }
    }
    lines
}

/// A list as `- ` lines at `indent`; a row's first part shares the dash's line.
fn sequence_lines(value: &Tree, field: &ListField, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut lines = Vec::new();
    for item in value.items() {
        match field.shape {
            Shape::Rows(parts) => {
                let mut row = mapping_lines(item, parts, indent + 2);
                if let Some(first) = row.first_mut() {
                    *first = format!("{pad}- {}", &first[indent + 2..]);
                }
                lines.extend(row);
            }
            _ => lines.push(format!("{pad}- {}", scalar(item.text(), false))),
        }
    }
    lines
}

/// `[a, b]`, each item quoted where plain would not read back.
fn flow(value: &Tree) -> String {
    let items: Vec<String> = value.items().iter().map(|i| scalar(i.text(), true)).collect();
    format!("[{}]", items.join(", "))
}

/// A number plain, anything else quoted (the parser then says what is wrong).
fn whole(text: &str) -> String {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) { text.to_string() } else { double_quoted(text) }
}

/// One text value: plain when that reads back as the same text and does
/// not look like a number, time or phone number; double-quoted otherwise.
fn scalar(text: &str, in_flow: bool) -> String {
    let looks_numeric =
        text.chars().all(|c| c.is_ascii_digit() || " +-:.()".contains(c)) && crate::date::Date::parse(text).is_none();
    if !looks_numeric && reads_back_plain(text, in_flow) { text.to_string() } else { double_quoted(text) }
}

fn reads_back_plain(text: &str, in_flow: bool) -> bool {
    if text.contains(['\n', '\r', '\t']) || text != text.trim() {
        return false;
    }
    let written = if in_flow { format!("k: [{text}]\n") } else { format!("k: {text}\n") };
    let Ok(Value::Map(entries)) = yaml::parse(&written).map(|n| n.value) else { return false };
    let [(_, value)] = entries.as_slice() else { return false };
    match (&value.value, in_flow) {
        (Value::Str(s), false) => s == text,
        (Value::Seq(items), true) => matches!(items.as_slice(), [item] if item.as_str() == Some(text)),
        _ => false,
    }
}

/// After an edit: each edited field reads as asked, and every other entry
/// as before and in the same order.
fn same_except(before: &[(Node, Node)], after: &[(Node, Node)], edits: &[ListEdit]) -> Result<(), EditError> {
    let fail = |what: String| Err(EditError::NotFaithful(what));
    for (field, value) in edits {
        let now = after.iter().find(|(k, _)| k.as_str() == Some(field.key)).map(|(_, v)| v);
        if tree::from_node(now, field).as_ref() != Some(value) {
            return fail(format!("{} does not hold the new value", field.key));
        }
    }
    let edited = |k: &Node| edits.iter().any(|(f, _)| k.as_str() == Some(f.key));
    let others = |entries: &[(Node, Node)]| -> Vec<(Option<String>, serde_json::Value)> {
        entries.iter().filter(|(k, _)| !edited(k)).map(|(k, v)| (k.scalar_text(), v.to_json())).collect()
    };
    if others(before) != others(after) {
        return fail("another field changed".to_string());
    }
    Ok(())
}

/// The service is at the same place, and nothing outside it changed.
fn same_outside_service(original: &str, result: &str, id: &str) -> Result<(), EditError> {
    let parse = |text: &str| yaml::parse(text).map_err(|e| EditError::InvalidYaml(e.explained("a service directory")));
    let (old_root, new_root) = (parse(original)?, parse(result)?);
    let (old_json, new_json) = (old_root.to_json(), new_root.to_json());
    let (old_index, _) = find_service(old_root, id)?;
    let (index, _) = find_service(new_root, id)?;
    if index != old_index {
        return Err(EditError::NotFaithful("the service moved".to_string()));
    }
    let without_service = |mut json: serde_json::Value| {
        if let Some(item) = json.get_mut("services").and_then(|s| s.get_mut(index)) {
            *item = serde_json::Value::Null;
        }
        json
    };
    if without_service(old_json) != without_service(new_json) {
        return Err(EditError::NotFaithful("something outside the service changed".to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests;

/// The file's values of `fields` as the form shows them: of the front
/// matter, or of the service `id` in a directory file. `None` for a field
/// written in a shape the form cannot show (it is then left alone).
pub fn read_lists(text: &str, service: Option<&str>, fields: &[ListField]) -> Result<Vec<Option<Tree>>, EditError> {
    let mapping = match service {
        Some(id) => Mapping::service(text, id)?,
        None => Mapping::front_matter(text)?,
    };
    Ok(fields.iter().map(|f| tree::from_node(mapping.entry(f.key).map(|(_, v)| v), f)).collect())
}
