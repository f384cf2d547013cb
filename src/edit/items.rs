//! Adding, duplicating and removing a service in a directory file, as text.
//!
//! As with [`scalar`](super::scalar), nothing is serialised: a service is
//! the lines from its `- ` to its last written line (the parser's positions
//! give where they are), and an edit copies, inserts or cuts those lines,
//! so comments, blank lines and quoting elsewhere stay byte for byte. The
//! result is parsed again and refused unless its `services:` list is the
//! old one with exactly the change asked, and everything else reads the same.

use super::scalar::{EditError, Mapping, Style, find_service, render};
use crate::yaml;
use serde_json::Value as Json;
use std::fmt;

/// What every service must have (`content-format.md`): the fields a new
/// service is written with, so the directory still passes `check`.
#[derive(Debug, Clone)]
pub struct NewService<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub organisation: &'a str,
    pub description: &'a str,
    /// A category id, written as a one-item list.
    pub category: &'a str,
    /// `YYYY-MM-DD`: the author is adding details they have just checked.
    pub last_verified: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ItemError {
    Edit(EditError),
    /// Not `[a-z0-9-]+`.
    InvalidId(String),
    /// The file already has a service with this id.
    IdTaken(String),
    /// A required field of a new service is empty.
    Missing(&'static str),
    /// Removing it would leave `services:` empty, which `check` refuses.
    LastService(String),
}

impl From<EditError> for ItemError {
    fn from(e: EditError) -> Self {
        ItemError::Edit(e)
    }
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemError::Edit(e) => e.fmt(f),
            ItemError::InvalidId(id) => write!(
                f,
                "found the id {id:?}, expected lower-case letters, digits and - only (for example warm-homes-advice)"
            ),
            ItemError::IdTaken(id) => write!(f, "a service with id {id} already exists; choose another id"),
            ItemError::Missing(field) => write!(f, "{field} is required"),
            ItemError::LastService(id) => write!(
                f,
                "{id} is the directory's only service, and a directory needs at least one; add another first, or delete the file"
            ),
        }
    }
}

/// The lines of one service in a directory file.
struct Item {
    /// The start of the line with its `- `.
    start: usize,
    /// The start of the line after its last written line (trailing
    /// comments and blank lines are left where they are).
    end: usize,
    /// Its place in `services:`.
    index: usize,
    /// What comes before the first key on the `- ` line (`  - `).
    dash: String,
    key_indent: usize,
    newline: &'static str,
}

fn item(text: &str, id: &str) -> Result<Item, EditError> {
    let mapping = Mapping::service(text, id)?;
    let parsed = yaml::parse(text).map_err(|e| EditError::InvalidYaml(e.explained("a service directory")))?;
    let (index, _) = find_service(parsed, id)?;
    let first_key = mapping.entries.first().map(|(k, _)| k.pos).ok_or(EditError::NotAMapping)?;
    let first_key = mapping.offset(text, first_key);
    let start = text[..first_key].rfind('\n').map_or(0, |i| i + 1);
    let dash = &text[start..first_key];
    // `-` alone on its line, with the keys below, is valid YAML but rare;
    // copying it faithfully is not worth the cases it would add.
    if dash.trim() != "-" {
        return Err(EditError::CannotPlace("services".to_string()));
    }
    Ok(Item {
        start,
        end: mapping.insert_at,
        index,
        dash: dash.to_string(),
        key_indent: mapping.key_indent,
        newline: mapping.newline,
    })
}

/// Appends `service` to the directory file `text`, after its last service
/// and at the same indent.
pub fn add_service(text: &str, service: &NewService) -> Result<String, ItemError> {
    check_new_service(text, service)?;
    let last_id = service_ids(text)?.pop().ok_or_else(|| EditError::CannotPlace("services".to_string()))?;
    let last = item(text, &last_id)?;
    let lines = service_lines(service, &last.dash, last.key_indent, last.newline)?;
    let result = insert_lines(text, last.end, &lines, last.newline);
    let expected = new_service_json(service, last.key_indent)?;
    verify(text, &result, |services| services.push(expected))?;
    Ok(result)
}

/// Copies the service `id` just after itself, with the id `new_id`.
pub fn duplicate_service(text: &str, id: &str, new_id: &str) -> Result<String, ItemError> {
    check_new_id(text, new_id)?;
    let original = item(text, id)?;
    let copy = with_new_id(text, &original, id, new_id)?;
    let result = insert_lines(text, original.end, &copy, original.newline);
    verify(text, &result, |services| {
        let mut copied = services[original.index].clone();
        copied["id"] = Json::String(new_id.to_string());
        services.insert(original.index + 1, copied);
    })?;
    Ok(result)
}

/// Cuts the lines of the service `id`.
pub fn remove_service(text: &str, id: &str) -> Result<String, ItemError> {
    let found = item(text, id)?;
    if service_ids(text)?.len() < 2 {
        return Err(ItemError::LastService(id.to_string()));
    }
    let mut result = text.to_string();
    result.replace_range(found.start..found.end, "");
    verify(text, &result, |services| {
        services.remove(found.index);
    })?;
    Ok(result)
}

/// The ids of the file's services, in order.
pub fn service_ids(text: &str) -> Result<Vec<String>, EditError> {
    let root = yaml::parse(text).map_err(|e| EditError::InvalidYaml(e.explained("a service directory")))?;
    let json = root.to_json();
    let Some(Json::Array(services)) = json.get("services") else { return Err(EditError::NotAMapping) };
    Ok(services.iter().filter_map(|s| s.get("id").and_then(Json::as_str).map(str::to_string)).collect())
}

/// The lines of a new service, the first starting with `dash` (`  - `),
/// the others at `key_indent`, each ending with `newline`.
pub fn service_lines(service: &NewService, dash: &str, key_indent: usize, newline: &str) -> Result<String, EditError> {
    let pad = " ".repeat(key_indent);
    let text_value = |value: &str| written_value(value, key_indent).map(|v| v.replace('\n', newline));
    let category = render(service.category, &Style::Plain)?;
    // A flow list item ends at `,` or `]`; anything else needs quotes there.
    let category =
        if category.contains([',', '[', ']', '{', '}']) { format!("\"{}\"", service.category) } else { category };
    let lines = [
        format!("{dash}id: {}", service.id),
        format!("{pad}name: {}", text_value(service.name)?),
        format!("{pad}organisation: {}", text_value(service.organisation)?),
        format!("{pad}description: {}", text_value(service.description)?),
        format!("{pad}categories: [{category}]"),
        format!("{pad}last_verified: {}", service.last_verified),
    ];
    Ok(lines.iter().map(|l| format!("{l}{newline}")).collect())
}

/// How a text value of a new service is written: plain when that reads
/// back the same, a `|` block for several lines, else double-quoted.
fn written_value(value: &str, key_indent: usize) -> Result<String, EditError> {
    let block = Style::Block { header: "|".to_string(), indent: key_indent + 2 };
    render(value, if value.contains('\n') { &block } else { &Style::Plain })
}

/// The new service as the parser will read it, for the check after
/// writing (a `|` block reads with a final newline).
pub(super) fn new_service_json(service: &NewService, key_indent: usize) -> Result<Json, EditError> {
    let read = |value: &str| -> Result<Json, EditError> {
        let written = written_value(value, key_indent)?;
        let parsed = yaml::parse(&format!("k: {written}\n")).map_err(|_| EditError::CannotPlace(value.to_string()))?;
        Ok(parsed.to_json()["k"].clone())
    };
    Ok(serde_json::json!({
        "id": service.id,
        "name": read(service.name)?,
        "organisation": read(service.organisation)?,
        "description": read(service.description)?,
        "categories": [service.category],
        "last_verified": service.last_verified,
    }))
}

pub(super) fn check_new_service(text: &str, service: &NewService) -> Result<(), ItemError> {
    check_new_id(text, service.id)?;
    for (field, value) in [
        ("name", service.name),
        ("organisation", service.organisation),
        ("description", service.description),
        ("category", service.category),
    ] {
        if value.trim().is_empty() {
            return Err(ItemError::Missing(field));
        }
    }
    if crate::date::Date::parse(service.last_verified).is_none() {
        return Err(ItemError::Missing("last_verified"));
    }
    Ok(())
}

fn check_new_id(text: &str, id: &str) -> Result<(), ItemError> {
    if !crate::urls::is_valid_id(id) {
        return Err(ItemError::InvalidId(id.to_string()));
    }
    if service_ids(text)?.iter().any(|taken| taken == id) {
        return Err(ItemError::IdTaken(id.to_string()));
    }
    Ok(())
}

/// The service's lines with the text of its id value replaced. Ids are
/// `[a-z0-9-]+`, so the value is the id, maybe quoted, with nothing to escape.
fn with_new_id(text: &str, found: &Item, id: &str, new_id: &str) -> Result<String, EditError> {
    let lines = &text[found.start..found.end];
    let mapping = Mapping::service(text, id)?;
    let (_, id_value) = mapping
        .entries
        .iter()
        .find(|(k, _)| k.as_str() == Some("id"))
        .ok_or_else(|| EditError::NoService(id.to_string()))?;
    let at = mapping.offset(text, id_value.pos) - found.start;
    let quoted = lines[at..].starts_with(['"', '\'']);
    let value_start = if quoted { at + 1 } else { at };
    if !lines[value_start..].starts_with(id) {
        return Err(EditError::CannotPlace("id".to_string()));
    }
    let mut copy = lines.to_string();
    copy.replace_range(value_start..value_start + id.len(), new_id);
    Ok(copy)
}

/// `lines` (each ending with a newline) inserted at `at`, a line start;
/// at the end of a file with no final newline, one is added first.
fn insert_lines(text: &str, at: usize, lines: &str, newline: &str) -> String {
    let mut result = text.to_string();
    if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        let trimmed = lines.strip_suffix(newline).unwrap_or(lines);
        result.push_str(&format!("{newline}{trimmed}"));
    } else {
        result.insert_str(at, lines);
    }
    result
}

/// Parses both texts: the new `services:` must be the old one with
/// `change` made to it, and every other top-level key must read the same.
fn verify(original: &str, result: &str, change: impl FnOnce(&mut Vec<Json>)) -> Result<(), EditError> {
    let parse = |text: &str| {
        yaml::parse(text).map(|n| n.to_json()).map_err(|e| EditError::InvalidYaml(e.explained("a service directory")))
    };
    let mut expected = parse(original)?;
    let Some(Json::Array(services)) = expected.get_mut("services") else { return Err(EditError::NotAMapping) };
    change(services);
    let Ok(found) = parse(result) else {
        return Err(EditError::NotFaithful("the file would not be valid YAML".to_string()));
    };
    if found != expected {
        return Err(EditError::NotFaithful("the directory would read differently than asked".to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
