//! A list or mapping field's value as the editor's form shows it and as a
//! save compares it: text, lists and mappings of text, shaped by the
//! field's [`ListField`] description, the same one the parser reads.
//!
//! Both sides are brought to this one form before they are compared, so a
//! field whose form comes back as the file has it is not written at all:
//! an author written as `- Dr A` and shown as a name with no role reads
//! the same as before, and so does `conditions: COPD` (a list of one).

use crate::content::list_field::{Choices, ListField, Shape};
use crate::yaml::{Node, Value};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    Text(String),
    List(Vec<Tree>),
    /// A mapping's parts in the field's order, each present (empty when
    /// the file leaves it out).
    Map(Vec<(&'static str, Tree)>),
}

const NO_TEXT: &str = "";

impl Tree {
    /// Nothing a file would write: empty text, no items, or no part set.
    pub fn is_empty(&self) -> bool {
        match self {
            Tree::Text(t) => t.is_empty(),
            Tree::List(items) => items.is_empty(),
            Tree::Map(parts) => parts.iter().all(|(_, t)| t.is_empty()),
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Tree::Text(t) => t,
            _ => NO_TEXT,
        }
    }

    pub fn items(&self) -> &[Tree] {
        match self {
            Tree::List(items) => items,
            _ => &[],
        }
    }

    /// The part `key` of a mapping.
    pub fn part(&self, key: &str) -> Option<&Tree> {
        match self {
            Tree::Map(parts) => parts.iter().find(|(k, _)| *k == key).map(|(_, t)| t),
            _ => None,
        }
    }

    /// The texts of a list of text.
    pub fn texts(&self) -> Vec<&str> {
        self.items().iter().map(Tree::text).collect()
    }
}

/// The empty value of `shape`.
pub fn empty(shape: Shape) -> Tree {
    match shape {
        Shape::Text | Shape::Whole => Tree::Text(String::new()),
        Shape::Strings | Shape::Rows(_) => Tree::List(Vec::new()),
        Shape::Group(parts) => Tree::Map(parts.iter().map(|p| (p.key, empty(p.shape))).collect()),
    }
}

/// What the file holds for `field` (`None` node: the file leaves it out),
/// or `None` when it is written in a shape the form cannot show without
/// losing something (a key the field does not have, a list where one
/// value belongs), so the form leaves it alone.
pub fn from_node(node: Option<&Node>, field: &ListField) -> Option<Tree> {
    let Some(node) = node.filter(|n| n.value != Value::Null) else { return Some(empty(field.shape)) };
    let tree = match field.shape {
        Shape::Text | Shape::Whole => Tree::Text(node.scalar_text()?),
        Shape::Strings => match &node.value {
            Value::Seq(items) => {
                Tree::List(items.iter().map(|i| i.scalar_text().map(Tree::Text)).collect::<Option<_>>()?)
            }
            _ => Tree::List(vec![Tree::Text(node.scalar_text()?)]),
        },
        Shape::Rows(parts) => {
            let Value::Seq(items) = &node.value else { return None };
            Tree::List(items.iter().map(|item| row_from_node(item, parts)).collect::<Option<_>>()?)
        }
        Shape::Group(parts) => mapping_from_node(node, parts)?,
    };
    Some(normalise(tree))
}

/// A row is a mapping of the parts; a row written as one value (an author
/// written as just a name, as the parser allows) is its first part.
fn row_from_node(item: &Node, parts: &'static [ListField]) -> Option<Tree> {
    match (&item.value, parts.first()) {
        (Value::Map(_), _) => mapping_from_node(item, parts),
        (_, Some(first)) if first.shape == Shape::Text => {
            let text = item.scalar_text()?;
            let tree = parts
                .iter()
                .map(|p| (p.key, if p.key == first.key { Tree::Text(text.clone()) } else { empty(p.shape) }));
            Some(Tree::Map(tree.collect()))
        }
        _ => None,
    }
}

fn mapping_from_node(node: &Node, parts: &'static [ListField]) -> Option<Tree> {
    let Value::Map(entries) = &node.value else { return None };
    let known = |k: &Node| k.as_str().is_some_and(|k| parts.iter().any(|p| p.key == k));
    if !entries.iter().all(|(k, _)| known(k)) {
        return None;
    }
    let part_of = |p: &ListField| entries.iter().find(|(k, _)| k.as_str() == Some(p.key)).map(|(_, v)| v);
    let tree = parts.iter().map(|p| from_node(part_of(p), p).map(|t| (p.key, t))).collect::<Option<_>>()?;
    Some(Tree::Map(tree))
}

/// The form name of a part: `authors.0.name`, `contact.phones.1.label`.
pub fn part_name(prefix: &str, key: &str) -> String {
    format!("{prefix}.{key}")
}

/// The form's hidden marker that it carries `key`: a post without it (an
/// older form, or one naming only some fields) leaves the field alone.
pub fn marker_name(key: &str) -> String {
    format!("{key}.shown")
}

pub fn on_form(form: &HashMap<String, String>, key: &str) -> bool {
    form.contains_key(&marker_name(key))
}

/// The value the form sends for `field` under `name`. A list's items are
/// `name.0`, `name.1`, … (a row's parts `name.0.part`), read in the order
/// of their numbers; blank items and rows are dropped, which is how a row
/// is removed. `old`, the file's value, keeps the file's order for ticked
/// choices (the form lists them in its own order).
pub fn from_form(form: &HashMap<String, String>, name: &str, field: &ListField, old: Option<&Tree>) -> Tree {
    let tree = match field.shape {
        Shape::Text | Shape::Whole => {
            let text = form.get(name).map(|v| v.replace("\r\n", "\n")).unwrap_or_default();
            Tree::Text(if field.shape == Shape::Whole { text.trim().to_string() } else { text })
        }
        Shape::Strings => {
            let items = indices(form, name).into_iter().filter_map(|i| form.get(&format!("{name}.{i}")));
            let new = Tree::List(items.map(|v| Tree::Text(v.clone())).collect());
            if is_ticked(field.choices) { in_file_order(new, old) } else { new }
        }
        Shape::Rows(parts) => {
            let rows = indices(form, name).into_iter().enumerate().filter_map(|(at, i)| {
                let row_name = format!("{name}.{i}");
                let old_row = old.and_then(|o| o.items().get(at));
                let row = group_from_form(form, &row_name, parts, old_row);
                (!only_prefilled(form, &row_name, &row)).then_some(row)
            });
            Tree::List(rows.collect())
        }
        Shape::Group(parts) => group_from_form(form, name, parts, old),
    };
    normalise(tree)
}

fn group_from_form(
    form: &HashMap<String, String>,
    name: &str,
    parts: &'static [ListField],
    old: Option<&Tree>,
) -> Tree {
    Tree::Map(
        parts
            .iter()
            .map(|p| (p.key, from_form(form, &part_name(name, p.key), p, old.and_then(|o| o.part(p.key)))))
            .collect(),
    )
}

fn is_dropped(item: &Tree) -> bool {
    match item {
        Tree::Map(parts) => parts.first().is_none_or(|(_, first)| first.is_empty()),
        other => other.is_empty(),
    }
}

/// Whether a new row holds only what the form filled in for the author
/// (`name.prefilled` names those parts: "Add a change" offers the next
/// version and today's date), so saving the form untouched adds nothing.
fn only_prefilled(form: &HashMap<String, String>, row_name: &str, row: &Tree) -> bool {
    let Some(prefilled) = form.get(&part_name(row_name, PREFILLED)) else { return false };
    let prefilled: Vec<&str> = prefilled.split(',').collect();
    match row {
        Tree::Map(parts) => parts.iter().all(|(k, t)| prefilled.contains(k) || t.is_empty()),
        _ => false,
    }
}

/// The hidden part of a new row that lists its prefilled parts.
pub const PREFILLED: &str = "prefilled";

/// Choices the form ticks rather than types.
pub fn is_ticked(choices: Choices) -> bool {
    matches!(choices, Choices::Categories | Choices::Areas | Choices::ReferralRoutes | Choices::Days)
}

/// The numbers `n` of the form's names `name.n` or `name.n.part`, in order.
fn indices(form: &HashMap<String, String>, name: &str) -> Vec<usize> {
    let prefix = format!("{name}.");
    let mut found: Vec<usize> = form
        .keys()
        .filter_map(|k| k.strip_prefix(&prefix))
        .filter_map(|rest| rest.split('.').next()?.parse().ok())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The ticked items that the file has, in the file's order, then the
/// newly ticked ones: ticking nothing new leaves the list as written.
fn in_file_order(new: Tree, old: Option<&Tree>) -> Tree {
    let Some(old) = old else { return new };
    let ticked = new.texts();
    let kept = old.texts().into_iter().filter(|t| ticked.contains(t));
    let added = ticked.iter().copied().filter(|t| !old.texts().contains(t));
    let mut seen = Vec::new();
    for text in kept.chain(added) {
        if !seen.contains(&text) {
            seen.push(text);
        }
    }
    Tree::List(seen.into_iter().map(|t| Tree::Text(t.to_string())).collect())
}

/// What a file would hold: blank list items dropped, and rows whose first
/// part is empty (an author with no name, hours with no day), which is how
/// the form removes a row.
pub fn normalise(tree: Tree) -> Tree {
    match tree {
        Tree::List(items) => Tree::List(items.into_iter().map(normalise).filter(|t| !is_dropped(t)).collect()),
        Tree::Map(parts) => Tree::Map(parts.into_iter().map(|(k, t)| (k, normalise(t))).collect()),
        Tree::Text(t) if t.trim().is_empty() => Tree::Text(String::new()),
        text => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{guideline, service};

    fn node(yaml: &str, key: &str) -> Node {
        let Value::Map(entries) = crate::yaml::parse(yaml).unwrap().value else { panic!() };
        entries.into_iter().find(|(k, _)| k.as_str() == Some(key)).unwrap().1
    }

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn an_author_written_as_a_name_is_a_row_with_no_role() {
        let tree = from_node(Some(&node("authors: [Dr A]\n", "authors")), &guideline::AUTHORS).unwrap();
        let sent = form(&[("authors.0.name", "Dr A"), ("authors.0.role", ""), ("authors.1.name", "")]);
        assert_eq!(from_form(&sent, "authors", &guideline::AUTHORS, None), tree);
    }

    #[test]
    fn one_value_reads_as_a_list_of_one_and_unknown_keys_are_not_shown() {
        let tree = from_node(Some(&node("conditions: COPD\n", "conditions")), &guideline::CONDITIONS).unwrap();
        assert_eq!(tree, Tree::List(vec![Tree::Text("COPD".into())]));
        let odd = node("contact:\n  phone: '1'\n  fax: '2'\n", "contact");
        assert_eq!(from_node(Some(&odd), &service::CONTACT), None);
    }

    #[test]
    fn rows_are_read_in_number_order_and_blank_ones_dropped() {
        let sent = form(&[("tags.10", "c"), ("tags.2", "b"), ("tags.0", "a"), ("tags.3", " ")]);
        assert_eq!(from_form(&sent, "tags", &guideline::TAGS, None).texts(), ["a", "b", "c"]);
    }

    #[test]
    fn a_new_change_with_only_its_prefilled_version_and_date_is_not_added() {
        let mut sent = form(&[("changes.0.version", "2.1"), ("changes.0.date", "2026-02-01"), ("changes.0.note", "")]);
        sent.insert("changes.0.prefilled".into(), "version,date".into());
        assert_eq!(from_form(&sent, "changes", &guideline::CHANGES, None), Tree::List(vec![]));
        sent.insert("changes.0.note".into(), "New table".into());
        assert_eq!(from_form(&sent, "changes", &guideline::CHANGES, None).items().len(), 1);
    }

    #[test]
    fn ticked_choices_keep_the_files_order() {
        let old = Tree::List(vec![Tree::Text("gp".into()), Tree::Text("professional".into())]);
        let sent = form(&[("referral.0", "self"), ("referral.1", "professional"), ("referral.2", "gp")]);
        assert_eq!(
            from_form(&sent, "referral", &service::REFERRAL, Some(&old)).texts(),
            ["gp", "professional", "self"]
        );
    }
}
