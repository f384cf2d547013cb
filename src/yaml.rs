//! The one place signpost parses YAML.
//!
//! Text becomes a [`Node`] tree that keeps the line and column of every value,
//! so later checks can point at the exact field and report every problem in a
//! file, not just the first serde meets. The parser is serde-saphyr, chosen
//! because it is maintained (serde_yaml is archived), reports positions, and
//! enforces budgets against alias bombs and deep nesting. Swapping it means
//! changing this file only.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

mod hints;

pub(crate) use hints::dash_item;

/// A position in the source file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Pos {
    pub line: u64,
    pub col: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A key or scalar as text; numbers and booleans too, for keys such as `2025:`.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(format!("{f:?}")),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The value as JSON, for templates (`data/*.yaml`). Keys become text.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => {
                J::Object(entries.iter().map(|(k, v)| (k.scalar_text().unwrap_or_default(), v.to_json())).collect())
            }
        }
    }

    /// How the value reads in an error message: `"next year"`, `the number 3.1`.
    pub fn describe(&self) -> String {
        match &self.value {
            Value::Null => "nothing".to_string(),
            Value::Bool(b) => format!("{b}"),
            Value::Int(i) => format!("the number {i}"),
            Value::Float(f) => format!("the number {f:?}"),
            Value::Str(s) => crate::diagnostics::quote(s),
            Value::Seq(_) => "a list".to_string(),
            Value::Map(_) => "a mapping (key: value pairs)".to_string(),
        }
    }
}

/// A YAML syntax or limit error, with where the parser stopped.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// The parser's own words.
    pub message: String,
    pub pos: Pos,
    /// The same in plain words, `found …, expected …`, with what to write
    /// instead, when the mistake is a common one (`hints.rs`).
    pub hint: Option<String>,
}

impl ParseError {
    /// The error as signpost reports it: the plain-words hint when there is
    /// one, else the parser's words and what the file should be (`expected`).
    pub fn explained(&self, expected: &str) -> String {
        match &self.hint {
            Some(hint) => format!("invalid YAML: {hint}"),
            None => format!("invalid YAML: {}; {expected}", self.message),
        }
    }
}

/// Largest YAML text signpost will parse; a service directory of thousands of
/// entries is far below it.
const MAX_YAML_BYTES: usize = 8 * 1024 * 1024;

/// Parses one YAML document. Empty text is `Null`.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(ParseError {
            message: format!("found {} bytes of YAML, expected at most {MAX_YAML_BYTES}", text.len()),
            pos: Pos { line: 1, col: 1 },
            hint: None,
        });
    }
    if text.trim().is_empty() {
        return Ok(Node { value: Value::Null, pos: Pos { line: 1, col: 1 } });
    }
    serde_saphyr::from_str_with_options::<Node>(text, options()).map_err(|e| to_parse_error(e, text))
}

fn options() -> serde_saphyr::Options {
    // Content files are small and hand-written: limits far below the crate's
    // defaults stop a billion-laughs alias bomb or 10,000-deep nesting early.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 64;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_events = 2_000_000;
    budget.max_nodes = 1_000_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 100_000;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options
}

fn to_parse_error(error: serde_saphyr::Error, text: &str) -> ParseError {
    let pos = error.location().map(|l| Pos { line: l.line(), col: l.column() }).unwrap_or_default();
    let message = clean_message(&error.without_snippet().to_string());
    let hint = hints::explain(&message, pos, text);
    ParseError { message, pos, hint }
}

/// The crate's message may repeat the position we already print and may run
/// over several lines; keep the first line, lower-case, without the location.
fn clean_message(text: &str) -> String {
    let first = text.lines().next().unwrap_or("invalid YAML").trim();
    let without_at = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    without_at.trim_end_matches(['.', ':']).to_string()
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<Value>::deserialize(deserializer)?;
        Ok(Node {
            value: spanned.value,
            pos: Pos { line: spanned.referenced.line(), col: spanned.referenced.column() },
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        i64::try_from(v).map(Value::Int).or(Ok(Value::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_of_nested_values() {
        let node = parse("title: x\nlist:\n  - a\n  - b: 2\n").unwrap();
        let Value::Map(entries) = &node.value else { panic!("not a map") };
        assert_eq!(entries[0].0.pos, Pos { line: 1, col: 1 });
        assert_eq!(entries[0].1.pos, Pos { line: 1, col: 8 });
        let Value::Seq(items) = &entries[1].1.value else { panic!("not a seq") };
        assert_eq!(items[1].pos.line, 4);
    }

    #[test]
    fn dates_and_versions_stay_as_written() {
        let node = parse("d: 2025-03-01\nv: 3.1\nq: \"3.1\"").unwrap();
        let Value::Map(e) = node.value else { panic!() };
        assert_eq!(e[0].1.value, Value::Str("2025-03-01".into()));
        assert_eq!(e[1].1.value, Value::Float(3.1));
        assert_eq!(e[2].1.value, Value::Str("3.1".into()));
    }

    #[test]
    fn rejects_alias_bombs_and_deep_nesting() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = if i == 1 { "a".to_string() } else { format!("a{}", i - 1) };
            bomb.push_str(&format!(
                "a{i}: &a{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert!(parse(&bomb).is_err());
        let deep = "[".repeat(10_000);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let err = parse("title: x\n  bad: : :\n- y").unwrap_err();
        assert!(err.pos.line >= 2, "{err:?}");
    }
}
