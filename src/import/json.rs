//! Reading loose values out of feed JSON.
//!
//! Feeds in the wild write numbers where the schema says text (`"id": 17`),
//! `null` for absent fields and empty strings for both. These helpers read a
//! field the forgiving way, so the readers stay short and every reader
//! treats `null`, `""` and a missing key alike.

use super::model::Place;
use crate::diagnostics::Diagnostic;
use serde_json::{Map, Value};

pub type Object = Map<String, Value>;

/// Parses JSON text, or an error with the line and column where it broke.
pub fn parse(file: &str, text: &str) -> Result<Value, Diagnostic> {
    serde_json::from_str(text).map_err(|e| {
        let reason = e.to_string();
        let reason = reason.split(" at line ").next().unwrap_or(&reason).to_string();
        Diagnostic::error(file, format!("found invalid JSON ({reason}), expected an Open Referral JSON document"))
            .at(e.line() as u64, e.column() as u64)
    })
}

/// A field as trimmed text: strings as they are, numbers written out,
/// anything else (null, lists, objects) as empty.
pub fn text(object: &Object, key: &str) -> String {
    match object.get(key) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// The first of several keys that has text (`fees_description`, then `fees`).
pub fn first_text(object: &Object, keys: &[&str]) -> String {
    keys.iter().map(|k| text(object, k)).find(|t| !t.is_empty()).unwrap_or_default()
}

/// The objects of a list field, with their index; anything else is empty.
pub fn objects<'a>(object: &'a Object, key: &str) -> Vec<(usize, &'a Object)> {
    match object.get(key) {
        Some(Value::Array(items)) => {
            items.iter().enumerate().filter_map(|(i, v)| v.as_object().map(|o| (i, o))).collect()
        }
        _ => Vec::new(),
    }
}

pub fn object<'a>(object: &'a Object, key: &str) -> Option<&'a Object> {
    object.get(key).and_then(Value::as_object)
}

/// A whole number field; text such as `"18"` counts too.
pub fn whole_number(object: &Object, key: &str) -> Option<i64> {
    match object.get(key) {
        Some(Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A required text field: the text, or an error naming the field's path.
pub fn required(object: &Object, key: &str, place: &Place, what: &str) -> Result<String, Diagnostic> {
    let value = text(object, key);
    if value.is_empty() {
        let found = match object.get(key) {
            None => "nothing".to_string(),
            Some(Value::Null) => "null".to_string(),
            Some(Value::String(_)) => "empty text".to_string(),
            Some(other) => format!("a JSON {}", kind(other)),
        };
        return Err(place.error(key, format!("found {found}, expected {what} (a required field)")));
    }
    Ok(value)
}

pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// The keys of an object, for "expected … found …" messages.
pub fn keys_of(value: &Value) -> String {
    match value {
        Value::Object(o) if o.is_empty() => "an empty object".to_string(),
        Value::Object(o) => {
            let keys: Vec<&str> = o.keys().take(12).map(String::as_str).collect();
            let more = if o.len() > 12 { ", …" } else { "" };
            format!("an object with keys {}{more}", keys.join(", "))
        }
        other => format!("a JSON {}", kind(other)),
    }
}
