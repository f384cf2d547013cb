//! Reading typed fields out of a YAML mapping while collecting every problem.
//!
//! serde's derive stops at the first error; authors want the whole list. A
//! [`Fields`] reader takes one field at a time, records a diagnostic with the
//! field's line and column when it is missing or of the wrong shape, and at
//! the end names every key nobody asked for, with the nearest known key.
//!
//! A missing field's error waits for that end: when an unknown key is a near
//! miss of a field that is missing (`reveiw_due` for `review_due`), the one
//! thing to fix is the spelling, so that is the one error reported, at the
//! misspelt key, and the field is not also called missing.

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::yaml::{Node, Pos, Value, dash_item};

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
    /// Every key asked for.
    taken: Vec<&'static str>,
    /// The keys asked for that are not there (or are null).
    absent: Vec<&'static str>,
    /// Errors about missing fields, reported by `finish` unless a misspelt
    /// key explains them.
    missing: Vec<Missing>,
}

/// A missing-field error held until `finish`: it is dropped when an unknown
/// key is a misspelling of one of `keys` (any of them, for "at least one of").
struct Missing {
    keys: Vec<&'static str>,
    field: String,
    message: String,
}

impl<'n> Fields<'n> {
    /// `None` (and an error) unless `node` is a mapping.
    pub fn of(node: &'n Node, prefix: &str, what: &str, sink: &mut Sink) -> Option<Self> {
        match &node.value {
            Value::Map(entries) => Some(Fields::new(entries, node.pos, prefix)),
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
            return Some(Fields::new(&[], opening, ""));
        }
        Fields::of(node, "", "front matter fields (key: value lines)", sink)
    }

    fn new(entries: &'n [(Node, Node)], pos: Pos, prefix: &str) -> Self {
        Fields { entries, pos, prefix: prefix.to_string(), taken: Vec::new(), absent: Vec::new(), missing: Vec::new() }
    }

    pub fn name(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// The value under `key`; a YAML `null` counts as absent.
    pub fn get(&mut self, key: &'static str) -> Option<&'n Node> {
        if !self.taken.contains(&key) {
            self.taken.push(key);
        }
        let found = self.entry(key).map(|(_, v)| v).filter(|v| v.value != Value::Null);
        if found.is_none() && !self.absent.contains(&key) {
            self.absent.push(key);
        }
        found
    }

    fn entry(&self, key: &str) -> Option<&'n (Node, Node)> {
        self.entries.iter().find(|(k, _)| k.as_str() == Some(key))
    }

    /// The value under `key`; when there is none, an error that it is missing.
    pub fn require(&mut self, key: &'static str) -> Option<&'n Node> {
        let found = self.get(key);
        if found.is_none() {
            self.missing(key, "missing, expected a value (this field is required)");
        }
        found
    }

    /// Reports `key` missing, at the start of the mapping, unless an unknown
    /// key turns out to be a misspelling of it.
    pub fn missing(&mut self, key: &'static str, message: impl Into<String>) {
        let field = self.name(key);
        self.missing_one_of(&[key], &field, message);
    }

    /// Reports that none of `keys` was given, unless an unknown key turns
    /// out to be a misspelling of one of them.
    pub fn missing_one_of(&mut self, keys: &[&'static str], field: &str, message: impl Into<String>) {
        self.missing.push(Missing { keys: keys.to_vec(), field: field.to_string(), message: message.into() });
    }

    pub fn string(&mut self, key: &'static str, sink: &mut Sink) -> Option<String> {
        let node = self.get(key)?;
        self.text_of(node, key, sink)
    }

    pub fn required_string(&mut self, key: &'static str, sink: &mut Sink) -> Option<String> {
        let node = self.require(key)?;
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

    /// An optional email address, like `help@example.org`.
    pub fn email(&mut self, key: &'static str, sink: &mut Sink) -> Option<String> {
        let node = self.get(key)?;
        let text = self.text_of(node, key, sink)?;
        if is_plausible_email(&text) {
            return Some(text);
        }
        sink.wrong(node, &self.name(key), "an email address like help@example.org");
        None
    }

    pub fn date(&mut self, key: &'static str, sink: &mut Sink) -> Option<(Date, Pos)> {
        let node = self.get(key)?;
        self.date_of(node, key, sink)
    }

    pub fn required_date(&mut self, key: &'static str, sink: &mut Sink) -> Option<(Date, Pos)> {
        let node = self.require(key)?;
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
        if self.unspaced_dash(key, node, sink) {
            return Vec::new();
        }
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
                self.not_a_list(key, node, "a list", sink);
                None
            }
        }
    }

    /// Reports that the value under `key` is not the list `expected`,
    /// saying so plainly when dashes without a space are why.
    pub fn not_a_list(&self, key: &str, node: &Node, expected: &str, sink: &mut Sink) {
        if !self.unspaced_dash(key, node, sink) {
            sink.wrong(node, &self.name(key), expected);
        }
    }

    /// Whether `key`'s value is a list written without spaces after its
    /// dashes, reported if so. YAML reads `-warmth` under a key as the text
    /// "-warmth", and `-name: A` as a mapping, not as a list; without this,
    /// `areas:\n  -Town` would pass as an area named "-Town".
    fn unspaced_dash(&self, key: &str, node: &Node, sink: &mut Sink) -> bool {
        let Some((key_node, _)) = self.entry(key) else { return false };
        // On the key's own line, `-5` or `-adults` is a value as written.
        if node.pos.line <= key_node.pos.line {
            return false;
        }
        let (found, fixed) = match &node.value {
            Value::Str(s) => match s.split_whitespace().next().and_then(dash_item) {
                Some(item) => (crate::diagnostics::quote(s), format!("- {item}")),
                None => return false,
            },
            Value::Map(entries) => match entries.first().and_then(|(k, _)| k.as_str()).and_then(dash_item) {
                Some(item) => (format!("a mapping with the key \"-{item}\""), format!("- {item}:")),
                None => return false,
            },
            _ => return false,
        };
        let message = format!("found {found}, expected a list; put a space after the dash: {fixed}");
        sink.error(node.pos, &self.name(key), message);
        true
    }

    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// Reports every key that was never asked for, with the nearest known
    /// one, then every missing field that no misspelt key accounts for.
    /// Returns how many unknown keys it reported, so a reader can tell a
    /// mapping whose only fault is a stray key from one missing a value.
    pub fn finish(self, sink: &mut Sink) -> usize {
        let mut unknown = 0;
        let mut misspelt = Vec::new();
        for (key, _) in self.entries {
            let name = key.scalar_text().unwrap_or_else(|| key.describe());
            if self.taken.iter().any(|k| *k == name) {
                continue;
            }
            let field = self.name(&name);
            // A near miss of a field that is not there is that field,
            // misspelt; a near miss of one that is there may be a leftover.
            let message = if let Some(meant) = nearest(&name, &self.absent) {
                misspelt.push(meant);
                format!("found an unknown field, expected `{meant}` (a misspelling?)")
            } else if let Some(known) = nearest(&name, &self.taken) {
                format!("unknown field; did you mean `{known}`?")
            } else {
                format!("unknown field; expected one of: {}", self.taken.join(", "))
            };
            sink.error(key.pos, &field, message);
            unknown += 1;
        }
        for missing in self.missing {
            if !missing.keys.iter().any(|k| misspelt.contains(k)) {
                sink.error(self.pos, &missing.field, missing.message);
            }
        }
        unknown
    }
}

/// The candidate within a small edit distance of `word`, if any.
/// Someone's address at a domain, with nothing that could end a `mailto:`
/// link or an HTML attribute early.
pub fn is_plausible_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !email.contains(char::is_whitespace)
                && !email.contains(['<', '>', '"'])
        }
        None => false,
    }
}

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
                "error: f.md:2:1: reveiw_due: found an unknown field, expected `review_due` (a misspelling?)",
            ]
        );
    }

    fn errors_of(yaml_text: &str, read: impl FnOnce(&mut Fields, &mut Sink)) -> Vec<String> {
        let node = yaml::parse(yaml_text).unwrap();
        let mut sink = Sink::new("f.yaml");
        let mut fields = Fields::of(&node, "contact.", "a mapping", &mut sink).unwrap();
        read(&mut fields, &mut sink);
        fields.finish(&mut sink);
        sink.diagnostics.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn a_misspelling_stands_in_for_an_at_least_one_of_error() {
        let read = |f: &mut Fields, sink: &mut Sink| {
            if ["phone", "email"].iter().all(|k| f.string(k, sink).is_none()) {
                f.missing_one_of(&["phone", "email"], "contact", "found no way to get in touch");
            }
        };
        assert_eq!(
            errors_of("phnoe: \"01632\"\n", read),
            ["error: f.yaml:1:1: contact.phnoe: found an unknown field, expected `phone` (a misspelling?)"]
        );
        assert_eq!(
            errors_of("fax: \"01632\"\n", read),
            [
                "error: f.yaml:1:1: contact.fax: unknown field; expected one of: phone, email",
                "error: f.yaml:1:1: contact: found no way to get in touch",
            ]
        );
    }

    #[test]
    fn a_list_without_spaces_after_its_dashes_is_named() {
        let read = |f: &mut Fields, sink: &mut Sink| {
            f.strings("areas", sink);
            f.list("hours", sink);
        };
        assert_eq!(
            errors_of("areas:\n  -Town\n  -Village\nhours:\n  -days: [mon]\n", read),
            [
                "error: f.yaml:2:3: contact.areas: found \"-Town -Village\", expected a list; put a space after the dash: - Town",
                "error: f.yaml:5:3: contact.hours: found a mapping with the key \"-days\", expected a list; put a space after the dash: - days:",
            ]
        );
        // On the key's own line, a leading dash is part of the value.
        assert_eq!(errors_of("areas: -Town\n", read), Vec::<String>::new());
    }
}
