//! `signpost check --oruk`: validate every document of the feed against the
//! official schemas and say, for each problem, which YAML line is behind it.
//!
//! A schema error becomes an `error:` naming the service's file, line and
//! signpost field, then the ORUK document and JSON path that failed. What
//! ORUK only asks for (an organisation description, a county, no empty
//! values) becomes a `warning:`.

use super::export::{Document, Feed, Finding, Origin, api_path};
use super::schema::{self, SchemaError};
use crate::diagnostics::Diagnostic;
use crate::yaml::{Node, Pos, Value};
use std::collections::{HashMap, HashSet};

/// What the check found.
pub struct FeedReport {
    pub diagnostics: Vec<Diagnostic>,
    pub services: usize,
    pub schema_errors: usize,
}

impl FeedReport {
    /// `Open Referral UK feed: 41 services, 0 schema errors`.
    pub fn summary(&self) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        format!(
            "Open Referral UK feed: {} service{}, {} schema error{}",
            self.services,
            plural(self.services),
            self.schema_errors,
            plural(self.schema_errors)
        )
    }
}

/// Validates `feed`. `read_source` gives a site file's text by its path
/// relative to the root, to find the line of each field.
pub fn check(feed: &Feed, read_source: &dyn Fn(&str) -> Option<String>) -> FeedReport {
    let mut locator = Locator { read_source, files: HashMap::new() };
    let mut diagnostics = Vec::new();
    // A service appears in several documents; each problem is told once.
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut schema_errors = 0;
    for document in &feed.documents {
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(&document.bytes()) else {
            diagnostics.push(Diagnostic::general(format!("Open Referral UK {}: not valid JSON", document.path)));
            schema_errors += 1;
            continue;
        };
        for (origin, error) in problems(document, &value) {
            let within = strip_container(&error.pointer);
            let field = match origin {
                // Told once, at data/organisations.yaml, by the organisation's own document.
                Origin::Service { .. } if within.starts_with("/organization/") => continue,
                // Told at the service, by the service's own document.
                Origin::Organisation { .. } if within.starts_with("/services/") => continue,
                Origin::Organisation { .. } => organisation_field(&within),
                _ => signpost_field(&error.pointer),
            };
            let target = locator.locate(origin, &field);
            let key = (format!("{target:?}{within}"), error.message.clone());
            if !seen.insert(key) {
                continue;
            }
            schema_errors += 1;
            let message = format!(
                "Open Referral UK {} at {}: {}; expected {}",
                api_path(&document.path),
                if error.pointer.is_empty() { "/" } else { &error.pointer },
                error.message,
                error.expected
            );
            diagnostics.push(target.diagnostic(Diagnostic::error, message));
        }
        for pointer in empty_values(&value, "") {
            let message = format!(
                "Open Referral UK {} at {pointer}: found an empty value, expected the field left out (ORUK's rule for optional fields)",
                api_path(&document.path)
            );
            diagnostics.push(Diagnostic::warning(document.path.clone(), message));
        }
    }
    for finding in &feed.findings {
        diagnostics.push(warning(&mut locator, finding));
    }
    FeedReport { diagnostics, services: feed.services, schema_errors }
}

/// Every schema error of a document, with where the data behind it came from.
fn problems<'d>(document: &'d Document, value: &serde_json::Value) -> Vec<(&'d Origin, SchemaError)> {
    let mut found: Vec<(&Origin, SchemaError)> =
        schema::validate(document.schema, value).into_iter().map(|e| (&document.origin, e)).collect();
    if let (Some((item_schema, origins)), Some(items)) = (&document.items, value["contents"].as_array()) {
        for (i, (item, origin)) in items.iter().zip(origins).enumerate() {
            for mut e in schema::validate(*item_schema, item) {
                e.pointer = format!("/contents/{i}{}", e.pointer);
                found.push((origin, e));
            }
        }
    }
    found
}

fn warning(locator: &mut Locator, finding: &Finding) -> Diagnostic {
    locator.locate(&finding.origin, &finding.field).diagnostic(Diagnostic::warning, finding.message.clone())
}

/// `/contents/3/email` → `/email`; `/service/email` → `/email`: the path
/// within the service, whichever document it was found in.
fn strip_container(pointer: &str) -> String {
    let mut rest = pointer;
    if let Some(after) = rest.strip_prefix("/contents/") {
        rest = after.find('/').map_or("", |i| &after[i..]);
    }
    rest.strip_prefix("/service").filter(|r| r.is_empty() || r.starts_with('/')).unwrap_or(rest).to_string()
}

/// The signpost field behind an ORUK path within a service: `/email` →
/// `contact.email`, `/schedules/1/opens_at` → `opening_hours[1]`.
pub fn signpost_field(pointer: &str) -> String {
    let inner = strip_container(pointer);
    let mut parts = inner.trim_start_matches('/').split('/');
    let first = parts.next().unwrap_or_default();
    let index = parts.next().filter(|p| p.parse::<usize>().is_ok());
    let indexed = |name: &str| match index {
        Some(i) => format!("{name}[{i}]"),
        None => name.to_string(),
    };
    match first {
        "" => String::new(),
        "id" | "signpost" | "service_id" => "id".into(),
        "organization" | "organization_id" => "organisation".into(),
        "url" => "contact.website".into(),
        "email" => "contact.email".into(),
        // The first number is `phone` when there is one; the others are in
        // `phones`, whose entries this path alone cannot tell apart.
        "phones" if index.is_none_or(|i| i == "0") => "contact.phone".into(),
        "phones" => "contact.phones".into(),
        "assured_date" => "last_verified".into(),
        "eligibility_description" => "eligibility".into(),
        "schedules" => indexed("opening_hours"),
        "service_areas" => indexed("areas"),
        "languages" => indexed("languages"),
        "service_at_locations" | "location" | "location_id" => "address".into(),
        "cost_options" => "cost".into(),
        "attributes" => "categories".into(),
        other => other.to_string(),
    }
}

/// The `data/organisations.yaml` key behind a path in an organisation.
fn organisation_field(pointer: &str) -> String {
    match pointer.trim_start_matches('/').split('/').next().unwrap_or_default() {
        key @ ("description" | "website" | "email") => key.to_string(),
        _ => String::new(),
    }
}

/// JSON pointers to every `null` or `""` in a document.
pub fn empty_values(value: &serde_json::Value, at: &str) -> Vec<String> {
    use serde_json::Value as J;
    match value {
        J::Null => vec![at.to_string()],
        J::String(s) if s.is_empty() => vec![at.to_string()],
        J::Array(items) => items.iter().enumerate().flat_map(|(i, v)| empty_values(v, &format!("{at}/{i}"))).collect(),
        J::Object(map) => map.iter().flat_map(|(k, v)| empty_values(v, &format!("{at}/{k}"))).collect(),
        _ => Vec::new(),
    }
}

/// A file, place and field name to hang a diagnostic on.
#[derive(Debug)]
struct Target {
    file: Option<String>,
    pos: Pos,
    field: String,
}

impl Target {
    fn diagnostic(&self, make: fn(String, String) -> Diagnostic, message: String) -> Diagnostic {
        let mut d = match &self.file {
            Some(file) => make(file.clone(), message).at(self.pos.line, self.pos.col),
            None => Diagnostic { file: None, ..make(String::new(), message) },
        };
        if !self.field.is_empty() {
            d = d.field(self.field.clone());
        }
        d
    }
}

/// Finds the YAML line behind a field, reading each file once.
struct Locator<'a> {
    read_source: &'a dyn Fn(&str) -> Option<String>,
    files: HashMap<String, Option<Node>>,
}

impl Locator<'_> {
    fn locate(&mut self, origin: &Origin, field: &str) -> Target {
        match origin {
            Origin::Site => {
                Target { file: Some(crate::config::SITE_FILE.into()), pos: Pos::default(), field: field.into() }
            }
            Origin::Service { source, slug, pos } => self.in_service(source, slug, *pos, field),
            Origin::Organisation { name, service } => {
                let file = super::organisations::FILE;
                match self.node(file).and_then(|root| keyed_entry(root, name)) {
                    Some((key, _)) if field.is_empty() => {
                        Target { file: Some(file.into()), pos: key.pos, field: name.clone() }
                    }
                    Some((_, entry)) => {
                        let (node, _) = walk(entry, field);
                        Target { file: Some(file.into()), pos: node.pos, field: format!("{name}.{field}") }
                    }
                    None => self.locate(service, "organisation"),
                }
            }
        }
    }

    fn in_service(&mut self, source: &str, slug: &str, id_pos: Pos, field: &str) -> Target {
        let fallback = Target { file: Some(source.to_string()), pos: id_pos, field: field.to_string() };
        let Some(root) = self.node(source) else { return fallback };
        let Some((index, service)) = find_service(root, slug) else { return fallback };
        let (node, _) = walk(service, field);
        let name = if field.is_empty() { format!("services[{index}]") } else { format!("services[{index}].{field}") };
        Target { file: Some(source.to_string()), pos: node.pos, field: name }
    }

    fn node(&mut self, file: &str) -> Option<&Node> {
        let read = self.read_source;
        self.files
            .entry(file.to_string())
            .or_insert_with(|| read(file).and_then(|text| crate::yaml::parse(&text).ok()))
            .as_ref()
    }
}

fn entry<'n>(root: &'n Node, key: &str) -> Option<&'n Node> {
    keyed_entry(root, key).map(|(_, value)| value)
}

/// The key and value of `key` in a mapping.
fn keyed_entry<'n>(root: &'n Node, key: &str) -> Option<(&'n Node, &'n Node)> {
    match &root.value {
        Value::Map(entries) => entries.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(k, v)| (k, v)),
        _ => None,
    }
}

/// The `services:` item whose `id` is `slug`, with its index.
fn find_service<'n>(root: &'n Node, slug: &str) -> Option<(usize, &'n Node)> {
    let Value::Seq(items) = &entry(root, "services")?.value else { return None };
    items.iter().enumerate().find(|(_, item)| entry(item, "id").and_then(Node::as_str) == Some(slug))
}

/// Follows `contact.email` or `opening_hours[1]` as far as the YAML goes;
/// returns the deepest node found and whether the whole path was there.
fn walk<'n>(mut node: &'n Node, field: &str) -> (&'n Node, bool) {
    for part in field.split('.').filter(|p| !p.is_empty()) {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let Some(child) = entry(node, key) else { return (node, false) };
        node = child;
        if let Some(i) = index {
            match &node.value {
                Value::Seq(items) if i < items.len() => node = &items[i],
                _ => return (node, false),
            }
        }
    }
    (node, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oruk_paths_map_to_signpost_fields() {
        assert_eq!(signpost_field("/email"), "contact.email");
        assert_eq!(signpost_field("/contents/3/url"), "contact.website");
        assert_eq!(signpost_field("/service/schedules/1/opens_at"), "opening_hours[1]");
        assert_eq!(signpost_field("/service_at_locations/0/location/addresses/0/postal_code"), "address");
        assert_eq!(signpost_field("/location/addresses/0/city"), "address");
        assert_eq!(signpost_field("/languages/2/code"), "languages[2]");
        assert_eq!(signpost_field("/phones/0/number"), "contact.phone");
        assert_eq!(signpost_field("/phones/2/description"), "contact.phones");
        assert_eq!(signpost_field(""), "");
    }

    #[test]
    fn finds_the_yaml_line_of_a_field() {
        let yaml = "title: T\nservices:\n  - id: a\n    name: A\n  - id: b\n    contact:\n      email: x@y\n";
        let read = |_: &str| Some(yaml.to_string());
        let mut locator = Locator { read_source: &read, files: HashMap::new() };
        let origin =
            Origin::Service { source: "content/s.yaml".into(), slug: "b".into(), pos: Pos { line: 5, col: 9 } };
        let target = locator.locate(&origin, "contact.email");
        assert_eq!((target.pos.line, target.pos.col, target.field.as_str()), (7, 14, "services[1].contact.email"));
        let target = locator.locate(&origin, "address");
        assert_eq!((target.pos.line, target.field.as_str()), (5, "services[1].address"));
    }

    #[test]
    fn finds_empty_values_anywhere() {
        let value = serde_json::json!({"a": "", "b": [1, null], "c": {"d": "x"}});
        assert_eq!(empty_values(&value, ""), ["/a", "/b/1"]);
    }
}
