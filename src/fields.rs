//! Reading typed fields out of a YAML mapping while collecting every problem.
//!
//! serde's derive stops at the first error; authors want the whole list. A
//! [`Fields`] reader takes one field at a time, records a diagnostic with the
//! field's line and column when it is missing or of the wrong shape, and at
//! the end names every key nobody asked for, with the nearest known key.

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::yaml::{Node, Pos, Value};

/// Where diagnostics go while one file is read.
pub struct Sink<'a> {
    pub file: &'a str,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a str) -> Self {
        Sink { file, diagnostics: Vec::new() }
    }

    pub fn error(&mut self, pos: Pos, field: &str, message: impl Into<String>) {
        let mut d = Diagnostic::error(self.file, message).at(pos.line, pos.col);
        if !field.is_empty() {
            d = d.field(field);
        }
        self.diagnostics.push(d);
    }

    pub fn wrong(&mut self, node: &Node, field: &str, expected: &str) {
        let message = format!("found {}, expected {expected}", node.describe());
        self.error(node.pos, field, message);
    }
}

/// A mapping being read; `prefix` names it in messages (`services[2].`).
pub struct Fields<'n> {
    entries: &'n [(Node, Node)],
    pos: Pos,
    prefix: String,
    taken: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    /// `None` (and an error) unless `node` is a mapping.
    pub fn of(node: &'n Node, prefix: &str, what: &str, sink: &mut Sink) -> Option<Self> {
        match &node.value {
            Value::Map(entries) => {
                Some(Fields { entries, pos: node.pos, prefix: prefix.to_string(), taken: Vec::new() })
            }
            _ => {
                sink.wrong(node, prefix.trim_end_matches('.'), what);
                None
            }
        }
    }

    /// The fields of a front matter block. An empty block (`---` then
    /// `---`, perhaps with blank or comment lines between) is front matter
    /// with no fields yet, so each required field is then reported missing
    /// by name, as when only some are written, at the opening `---`.
    pub fn of_front_matter(node: &'n Node, sink: &mut Sink) -> Option<Self> {
        if node.value == Value::Null {
            let opening = Pos { line: 1, col: 1 };
            return Some(Fields { entries: &[], pos: opening, prefix: String::new(), taken: Vec::new() });
        }
        Fields::of(node, "", "front matter fields (key: value lines)", sink)
    }

    pub fn name(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// The value under `key`; a YAML `null` counts as absent.
    pub fn get(&mut self, key: &'static str) -> Option<&'n Node> {
        if !self.taken.contains(&key) {
            self.taken.push(key);
        }
        self.entries.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v).filter(|v| v.value != Value::Null)
    }

    pub fn require(&mut self, key: &'static str, sink: &mut Sink) -> Option<&'n Node> {
        let found = self.get(key);
        if found.is_none() {
            let field = self.name(key);
            sink.error(self.pos, &field, "missing, expected a value (this field is required)");
        }
        found
    }

    pub fn string(&mut self, key: &'static str, sink: &mut Sink) -> Option<String> {
        let node = self.get(key)?;
        self.text_of(node, key, sink)
    }

    pub fn required_string(&mut self, key: &'static str, sink: &mut Sink) -> Option<String> {
        let node = self.require(key, sink)?;
        self.text_of(node, key, sink)
    }

    fn text_of(&self, node: &Node, key: &str, sink: &mut Sink) -> Option<String> {
        match &node.value {
            Value::Str(s) if s.trim().is_empty() => {
                sink.wrong(node, &self.name(key), "some text");
                None
            }
            Value::Str(s) => Some(s.clone()),
            Value::Float(_) | Value::Int(_) => {
                let expected =
                    format!("text; write it in quotes: {key}: \"{}\"", node.scalar_text().unwrap_or_default());
                sink.wrong(node, &self.name(key), &expected);
                None
            }
            _ => {
                sink.wrong(node, &self.name(key), "text");
                None
            }
        }
    }

    pub fn date(&mut self, key: &'static str, sink: &mut Sink) -> Option<(Date, Pos)> {
        let node = self.get(key)?;
        self.date_of(node, key, sink)
    }

    pub fn required_date(&mut self, key: &'static str, sink: &mut Sink) -> Option<(Date, Pos)> {
        let node = self.require(key, sink)?;
        self.date_of(node, key, sink)
    }

    fn date_of(&self, node: &Node, key: &str, sink: &mut Sink) -> Option<(Date, Pos)> {
        match node.scalar_text().as_deref().and_then(Date::parse) {
            Some(date) => Some((date, node.pos)),
            None => {
                sink.wrong(node, &self.name(key), "a date YYYY-MM-DD");
                None
            }
        }
    }

    pub fn number(&mut self, key: &'static str, sink: &mut Sink) -> Option<i64> {
        self.whole_number(key, "a whole number of days", sink)
    }

    /// A whole number of zero or more; `expected` says what it counts.
    pub fn whole_number(&mut self, key: &'static str, expected: &str, sink: &mut Sink) -> Option<i64> {
        let node = self.get(key)?;
        match node.value {
            Value::Int(n) if n >= 0 => Some(n),
            _ => {
                sink.wrong(node, &self.name(key), expected);
                None
            }
        }
    }

    /// A list of strings. A single string is accepted as a list of one,
    /// because `conditions: COPD` is what people write.
    pub fn strings(&mut self, key: &'static str, sink: &mut Sink) -> Vec<(String, Pos)> {
        let Some(node) = self.get(key) else {
            return Vec::new();
        };
        let field = self.name(key);
        match &node.value {
            Value::Str(s) => vec![(s.clone(), node.pos)],
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match &item.value {
                    Value::Str(s) if !s.trim().is_empty() => Some((s.clone(), item.pos)),
                    _ => {
                        sink.wrong(item, &format!("{field}[{i}]"), "text");
                        None
                    }
                })
                .collect(),
            _ => {
                sink.wrong(node, &field, "a list of text, like [a, b]");
                Vec::new()
            }
        }
    }

    pub fn list(&mut self, key: &'static str, sink: &mut Sink) -> Option<&'n [Node]> {
        let node = self.get(key)?;
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                sink.wrong(node, &self.name(key), "a list");
                None
            }
        }
    }

    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// Reports every key that was never asked for, with the nearest known one.
    pub fn finish(self, sink: &mut Sink) {
        for (key, _) in self.entries {
            let name = key.scalar_text().unwrap_or_else(|| key.describe());
            if self.taken.iter().any(|k| *k == name) {
                continue;
            }
            let field = self.name(&name);
            let message = match nearest(&name, &self.taken) {
                Some(known) => format!("unknown field; did you mean `{known}`?"),
                None => format!("unknown field; expected one of: {}", self.taken.join(", ")),
            };
            sink.error(key.pos, &field, message);
        }
    }
}

/// The candidate within a small edit distance of `word`, if any.
pub fn nearest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance with adjacent swaps (Damerau's optimal string
/// alignment), since `reveiw_due` is one slip, not two.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    #[test]
    fn a_transposition_is_one_edit() {
        assert_eq!(edit_distance("reveiw_due", "review_due"), 1);
        assert_eq!(nearest("reveiw_due", &["title", "review_due"]), Some("review_due"));
        assert_eq!(nearest("zzz", &["title"]), None);
    }

    #[test]
    fn reports_every_problem_in_a_mapping() {
        let node = yaml::parse("title: 3\nreveiw_due: 2025-01-01\npublished: soon\n").unwrap();
        let mut sink = Sink::new("f.md");
        let mut fields = Fields::of(&node, "", "a mapping", &mut sink).unwrap();
        assert_eq!(fields.required_string("title", &mut sink), None);
        assert_eq!(fields.date("published", &mut sink), None);
        assert_eq!(fields.required_date("review_due", &mut sink), None);
        fields.finish(&mut sink);
        let lines: Vec<String> = sink.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "error: f.md:1:8: title: found the number 3, expected text; write it in quotes: title: \"3\"",
                "error: f.md:3:12: published: found \"soon\", expected a date YYYY-MM-DD",
                "error: f.md:1:1: review_due: missing, expected a value (this field is required)",
                "error: f.md:2:1: reveiw_due: unknown field; did you mean `review_due`?",
            ]
        );
    }
}
