//! The list and mapping fields of the edit page (authors, tags, related
//! services, the change log; a service's categories, contact, opening
//! hours, …), drawn from `LIST_FIELDS` of guidelines and services, the
//! descriptions the parser reads those fields by, and read back from the
//! posted form through the same descriptions (`edit::tree`).
//!
//! Every list works without JavaScript: each item is its own input named
//! `key.N` (a row's parts `key.N.part`), an empty item or row is dropped
//! on save, and one empty row is always offered for adding. Values other
//! guidelines and services use are offered through `<datalist>`; choices
//! from `site.yaml` (categories, areas) and the fixed ones (referral
//! routes, days) are ticked. A hidden `key.shown` says the form carries
//! the field, so a post without it leaves the field as it is.

use crate::content::guideline::{self, Guideline};
use crate::content::list_field::{Choices, ListField, Shape};
use crate::content::service::{self, Referral};
use crate::date::Date;
use crate::edit::tree::{self, PREFILLED, Tree};
use crate::edit::{EditError, ListEdit};
use crate::render::templates::escape_html as esc;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;
use std::path::Path;

/// What the site offers the form's fields, read when the page is made.
#[derive(Default)]
pub struct SiteChoices {
    /// Category id → label, from `site.yaml`.
    categories: BTreeMap<String, String>,
    /// Every area of the tree, with its depth.
    areas: Vec<(String, usize)>,
    /// Service id → "name — areas".
    services: BTreeMap<String, String>,
    /// Guideline key → title.
    guidelines: BTreeMap<String, String>,
    /// Field key → the values guidelines or services use for it.
    used: HashMap<&'static str, BTreeSet<String>>,
    /// The median days from published to review due, and over how many.
    review_gap: Option<(i64, usize)>,
    today: String,
}

impl SiteChoices {
    pub fn of_site(root: &Path) -> SiteChoices {
        let options = crate::config::BuildOptions::reading(root);
        let inventory = crate::site::inventory(&options, &mut crate::site::BuildCache::default());
        let content = &inventory.content;
        let mut used: HashMap<&'static str, BTreeSet<String>> = HashMap::new();
        for g in &content.guidelines {
            used.entry(guideline::CONDITIONS.key).or_default().extend(g.conditions.iter().cloned());
            used.entry(guideline::AUDIENCE.key).or_default().extend(g.audience.iter().cloned());
            used.entry(guideline::TAGS.key).or_default().extend(g.tags.iter().cloned());
        }
        let services = content.directories.iter().flat_map(|d| d.services.iter());
        let mut offered = BTreeMap::new();
        for s in services {
            used.entry(service::LANGUAGES.key).or_default().extend(s.languages.iter().cloned());
            let areas = if s.areas.is_empty() { "no area given".to_string() } else { s.areas.join(", ") };
            offered.insert(s.id.value.clone(), format!("{} — {areas}", s.name));
        }
        let tree = &inventory.config.areas;
        let areas = tree.names().into_iter().enumerate().map(|(i, name)| (name.to_string(), tree.depth(i))).collect();
        SiteChoices {
            categories: inventory.config.categories.clone(),
            areas,
            services: offered,
            guidelines: content.guidelines.iter().map(|g| (g.key.clone(), g.title.clone())).collect(),
            used,
            review_gap: median_review_gap(&content.guidelines),
            today: inventory.today.to_string(),
        }
    }
}

/// The site's usual review period: the median days from published to
/// review due over the guidelines that give both (`site.yaml` has no
/// review period setting).
fn median_review_gap(guidelines: &[std::sync::Arc<Guideline>]) -> Option<(i64, usize)> {
    let mut gaps: Vec<i64> = guidelines
        .iter()
        .filter_map(|g| Some(g.published?.days_until(g.review_due.as_ref()?.value)))
        .filter(|gap| *gap > 0)
        .collect();
    gaps.sort_unstable();
    let middle = *gaps.get(gaps.len() / 2)?;
    Some((middle, gaps.len()))
}

/// The parts of the edit page this module draws.
#[derive(Default)]
pub struct ListSection {
    /// Every list field's controls, after the one-value fields.
    pub controls: String,
    /// Under the review due field: the suggested date and where it comes from.
    pub review_hint: String,
}

fn fields_of(service: Option<&str>) -> &'static [ListField] {
    if service.is_some() { &service::LIST_FIELDS } else { &guideline::LIST_FIELDS }
}

/// The controls for the file `text` (of the service `service`, if given),
/// showing `submitted` instead when the page answers a refused save.
pub fn section(
    text: &str,
    service: Option<&str>,
    choices: &SiteChoices,
    submitted: Option<&HashMap<String, String>>,
) -> ListSection {
    let fields = fields_of(service);
    let Ok(in_file) = crate::edit::read_lists(text, service, fields) else { return ListSection::default() };
    let mut out = String::new();
    let version = one_value(text, service, guideline::VERSION.key);
    for (field, value) in fields.iter().zip(in_file) {
        let Some(value) = value else {
            let _ = write!(
                out,
                "<div class=\"field\"><p><strong>{}</strong>: written in a form this page cannot show without losing something; edit it in a text editor.</p></div>",
                esc(field.label)
            );
            continue;
        };
        let value = match submitted {
            Some(form) if tree::on_form(form, field.key) => tree::from_form(form, field.key, field, Some(&value)),
            _ => value,
        };
        let draw = Draw { choices, new_version: &version };
        draw.field(&mut out, field, &value);
    }
    let review_hint = if service.is_none() { review_hint(text, choices) } else { String::new() };
    ListSection { controls: out, review_hint }
}

fn one_value(text: &str, service: Option<&str>, key: &str) -> String {
    let value = match service {
        Some(id) => crate::edit::ServiceFields::read(text, id).map(|f| f.value(key)),
        None => crate::edit::MarkdownFields::read(text).map(|f| f.value(key)),
    };
    match value {
        Ok(crate::edit::FieldText::Text(t)) => t,
        _ => String::new(),
    }
}

/// The review date the site's usual period suggests, from the published date.
fn review_hint(text: &str, choices: &SiteChoices) -> String {
    let Some((gap, count)) = choices.review_gap else {
        return "<p class=\"hint\" id=\"review-suggestion\">No suggested review date: no guideline in the site has both a published and a review due date, and site.yaml sets no review period.</p>".to_string();
    };
    let published = Date::parse(&one_value(text, None, guideline::PUBLISHED.key));
    let period = format!(
        "the site's usual review period, {gap} days (about {:.1} years), the median gap from published to review due over its {count} guideline{}; site.yaml sets no review period",
        gap as f64 / 365.25,
        if count == 1 { "" } else { "s" }
    );
    match published {
        Some(date) => {
            let suggested = Date::from_days(date.days() + gap);
            format!(
                "<p class=\"hint\" id=\"review-suggestion\">Suggested: <strong data-suggested-date=\"{s}\">{s}</strong>, the published date plus {}.</p>",
                esc(&period),
                s = suggested
            )
        }
        None => format!(
            "<p class=\"hint\" id=\"review-suggestion\">Give a published date for a suggestion: it is the published date plus {}.</p>",
            esc(&period)
        ),
    }
}

/// Draws fields with the site's choices.
struct Draw<'a> {
    choices: &'a SiteChoices,
    /// The guideline's version, for "Add a change".
    new_version: &'a str,
}

impl Draw<'_> {
    fn field(&self, out: &mut String, field: &ListField, value: &Tree) {
        if matches!(field.shape, Shape::Text | Shape::Whole) {
            // One input: its own label, no group around it.
            out.push_str("<div class=\"field\">");
            out.push_str(&hidden(&tree::marker_name(field.key), "1"));
            self.text(out, field, field.key, value.text());
            out.push_str("</div>");
            return;
        }
        let _ = write!(
            out,
            "<fieldset class=\"field list\" id=\"list-{key}\"><legend>{label}</legend>",
            key = field.key,
            label = esc(field.label)
        );
        hint(out, field, field.key);
        out.push_str(&hidden(&tree::marker_name(field.key), "1"));
        self.value(out, field, field.key, value);
        out.push_str("</fieldset>");
    }

    /// The controls of `value` named `name` (`authors`, `contact.phones`).
    fn value(&self, out: &mut String, field: &ListField, name: &str, value: &Tree) {
        match field.shape {
            Shape::Text | Shape::Whole => self.text(out, field, name, value.text()),
            Shape::Strings if tree::is_ticked(field.choices) && !self.options(field.choices).is_empty() => {
                self.ticks(out, field, name, &value.texts())
            }
            Shape::Strings => self.rows_of_text(out, field, name, &value.texts()),
            Shape::Rows(parts) => self.rows(out, field, parts, name, value.items()),
            Shape::Group(parts) => {
                for part in parts {
                    let part_value = value.part(part.key).cloned().unwrap_or_else(|| tree::empty(part.shape));
                    self.part(out, part, &tree::part_name(name, part.key), &part_value);
                }
            }
        }
    }

    /// A part of a mapping: a labelled input, or a nested group of its own.
    fn part(&self, out: &mut String, part: &ListField, name: &str, value: &Tree) {
        match part.shape {
            Shape::Text | Shape::Whole => self.text(out, part, name, value.text()),
            _ => {
                let _ = write!(out, "<fieldset class=\"field list\"><legend>{}</legend>", esc(part.label));
                hint(out, part, name);
                self.value(out, part, name, value);
                out.push_str("</fieldset>");
            }
        }
    }

    fn text(&self, out: &mut String, field: &ListField, name: &str, value: &str) {
        let id = dom_id(name);
        let (kind, extra) = match field.choices {
            Choices::Date if value.is_empty() || Date::parse(value).is_some() => ("date", String::new()),
            Choices::Time => ("text", " inputmode=\"numeric\" autocomplete=\"off\" size=\"6\"".to_string()),
            Choices::GuidelineKeys => ("text", format!(" list=\"{}\" autocomplete=\"off\"", self.datalist_id(field))),
            _ if field.shape == Shape::Whole => ("text", " inputmode=\"numeric\" size=\"4\"".to_string()),
            _ => ("text", String::new()),
        };
        let problem = self.unknown(field, value);
        let described = described_by(&[
            (!field.hint.is_empty()).then(|| format!("{id}-hint")),
            (!problem.is_empty()).then(|| problem_id(&id)),
        ]);
        let _ = write!(out, "<div class=\"part\"><label for=\"{id}\">{}</label>", esc(field.label));
        if !field.hint.is_empty() {
            let _ = write!(out, "<p class=\"hint\" id=\"{id}-hint\">{}</p>", esc(field.hint));
        }
        let _ = write!(
            out,
            "<input type=\"{kind}\" id=\"{id}\" name=\"{name}\" value=\"{value}\"{extra}{described}>",
            name = esc(name),
            value = esc(value)
        );
        if !problem.is_empty() {
            let _ = write!(out, "<p class=\"problem\" id=\"{}\">{}</p>", problem_id(&id), esc(&problem));
        }
        self.datalist(out, field);
        out.push_str("</div>");
    }

    /// A list of text, a row each, and an empty row to add one.
    fn rows_of_text(&self, out: &mut String, field: &ListField, name: &str, items: &[&str]) {
        let list = self.datalist_id(field);
        let list_attr = if list.is_empty() { String::new() } else { format!(" list=\"{list}\" autocomplete=\"off\"") };
        let _ = write!(out, "<ol class=\"rows\" data-list=\"{}\">", esc(name));
        for (i, item) in items.iter().copied().chain(std::iter::once("")).enumerate() {
            let item_name = format!("{name}.{i}");
            let id = dom_id(&item_name);
            let label = if i == items.len() {
                format!("Add to {}", field.label.to_lowercase())
            } else {
                format!("{} {}", field.label, i + 1)
            };
            let problem = self.unknown(field, item);
            let described = described_by(&[(!problem.is_empty()).then(|| problem_id(&id))]);
            let _ = write!(
                out,
                "<li><label for=\"{id}\">{label}</label><input type=\"text\" id=\"{id}\" name=\"{n}\" value=\"{v}\"{list_attr}{described}>",
                label = esc(&label),
                n = esc(&item_name),
                v = esc(item)
            );
            if !problem.is_empty() {
                let _ = write!(out, "<p class=\"problem\" id=\"{}\">{}</p>", problem_id(&id), esc(&problem));
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
        self.datalist(out, field);
    }

    /// Ticked choices: the site's, and any the file has that are not among them.
    fn ticks(&self, out: &mut String, field: &ListField, name: &str, ticked: &[&str]) {
        let mut options = self.options(field.choices);
        let extras: Vec<&str> = ticked.iter().copied().filter(|t| !options.iter().any(|(v, _, _)| v == t)).collect();
        for extra in extras {
            options.push((extra.to_string(), format!("{extra} (not known to the site)"), 0));
        }
        out.push_str("<div class=\"ticks\">");
        for (i, (value, label, depth)) in options.iter().enumerate() {
            let item_name = format!("{name}.{i}");
            let id = dom_id(&item_name);
            let checked = if ticked.contains(&value.as_str()) { " checked" } else { "" };
            let _ = write!(
                out,
                "<div class=\"choice depth-{depth}\"><input type=\"checkbox\" id=\"{id}\" name=\"{n}\" value=\"{v}\"{checked}> <label for=\"{id}\">{l}</label></div>",
                depth = depth.min(&4),
                n = esc(&item_name),
                v = esc(value),
                l = esc(label)
            );
        }
        out.push_str("</div>");
    }

    /// Rows of a mapping each (authors, phones, hours), and an empty one
    /// to add with. The change log is newest first, so its new row leads,
    /// filled in with the next version and today's date.
    fn rows(&self, out: &mut String, field: &ListField, parts: &'static [ListField], name: &str, items: &[Tree]) {
        let newest_first = field.key == guideline::CHANGES.key;
        let blank = tree::empty(field.shape_of_row());
        let mut rows: Vec<(Tree, bool)> = items.iter().map(|t| (t.clone(), false)).collect();
        let new_row = if newest_first { self.new_change(items) } else { blank };
        if newest_first {
            rows.insert(0, (new_row, true))
        } else {
            rows.push((new_row, true))
        }
        let noun = row_noun(field);
        let mut number = 0;
        for (i, (row, is_new)) in rows.iter().enumerate() {
            let row_name = format!("{name}.{i}");
            let legend = if *is_new {
                if newest_first { "Add a change".to_string() } else { format!("Add {noun}") }
            } else {
                number += 1;
                format!("{} {number}", capitalised(noun.trim_start_matches("a ").trim_start_matches("an ")))
            };
            // A blank new row can be copied by the script to add another.
            let copyable =
                if *is_new && !newest_first { format!(" data-row=\"{}\"", esc(&row_name)) } else { String::new() };
            let class = if *is_new { "row new-row" } else { "row" };
            let _ = write!(out, "<fieldset class=\"{class}\"{copyable}><legend>{}</legend>", esc(&legend));
            if *is_new && newest_first {
                out.push_str(&hidden(&tree::part_name(&row_name, PREFILLED), "version,date"));
                out.push_str("<p class=\"hint\">Saved only when its note is filled in.</p>");
            }
            for part in parts {
                let value = row.part(part.key).cloned().unwrap_or_else(|| tree::empty(part.shape));
                self.part(out, part, &tree::part_name(&row_name, part.key), &value);
            }
            out.push_str("</fieldset>");
        }
    }

    /// "Add a change": the guideline's version if the log has no entry for
    /// it yet, else the next minor version; and today.
    fn new_change(&self, items: &[Tree]) -> Tree {
        let latest = items.first().and_then(|t| t.part("version")).map(Tree::text).unwrap_or_default();
        let version = if !self.new_version.is_empty() && latest != self.new_version {
            self.new_version.to_string()
        } else {
            next_version(latest)
        };
        Tree::Map(vec![
            ("version", Tree::Text(version)),
            ("date", Tree::Text(self.choices.today.clone())),
            ("note", Tree::Text(String::new())),
        ])
    }

    /// The ticked choices of a kind: value, label, depth in the areas tree.
    fn options(&self, choices: Choices) -> Vec<(String, String, usize)> {
        match choices {
            Choices::Categories => {
                self.choices.categories.iter().map(|(id, label)| (id.clone(), format!("{label} ({id})"), 0)).collect()
            }
            Choices::Areas => {
                self.choices.areas.iter().map(|(name, depth)| (name.clone(), name.clone(), *depth)).collect()
            }
            Choices::ReferralRoutes => {
                Referral::ALL.iter().map(|r| (r.id().to_string(), r.label().to_string(), 0)).collect()
            }
            Choices::Days => DAY_CHOICES.iter().map(|(v, l)| (v.to_string(), l.to_string(), 0)).collect(),
            _ => Vec::new(),
        }
    }

    fn datalist_id(&self, field: &ListField) -> String {
        match field.choices {
            Choices::UsedInSite | Choices::ServiceIds | Choices::GuidelineKeys => format!("choices-{}", field.key),
            _ => String::new(),
        }
    }

    /// The values offered for a field as a `<datalist>`: for services and
    /// guidelines the id with its name (and a service's areas), so typing
    /// any of them finds it.
    fn datalist(&self, out: &mut String, field: &ListField) {
        let options: Vec<(String, String)> = match field.choices {
            Choices::UsedInSite => self
                .choices
                .used
                .get(field.key)
                .map(|set| set.iter().map(|v| (v.clone(), String::new())).collect())
                .unwrap_or_default(),
            Choices::ServiceIds => self.choices.services.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Choices::GuidelineKeys => self.choices.guidelines.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            _ => return,
        };
        let _ = write!(out, "<datalist id=\"{}\">", self.datalist_id(field));
        for (value, label) in options {
            let _ = write!(out, "<option value=\"{}\">{}</option>", esc(&value), esc(&label));
        }
        out.push_str("</datalist>");
    }

    /// What is wrong with an id the site does not have, or "".
    fn unknown(&self, field: &ListField, value: &str) -> String {
        if value.is_empty() {
            return String::new();
        }
        match field.choices {
            Choices::ServiceIds if !self.choices.services.contains_key(value) => {
                format!("No service in the site has the id {value}: pick one from the list.")
            }
            Choices::GuidelineKeys if !self.choices.guidelines.contains_key(value) => {
                format!("No guideline in the site is at {value}: pick one from the list.")
            }
            _ => String::new(),
        }
    }
}

const DAY_CHOICES: [(&str, &str); 8] = [
    ("mon", "Mon"),
    ("tue", "Tue"),
    ("wed", "Wed"),
    ("thu", "Thu"),
    ("fri", "Fri"),
    ("sat", "Sat"),
    ("sun", "Sun"),
    (service::BANK_HOLIDAYS, "Bank holidays"),
];

trait RowShape {
    fn shape_of_row(&self) -> Shape;
}

impl RowShape for ListField {
    /// The shape of one row of a `Rows` field.
    fn shape_of_row(&self) -> Shape {
        match self.shape {
            Shape::Rows(parts) => Shape::Group(parts),
            other => other,
        }
    }
}

/// "an author", "a change", "a phone number", "an opening time".
fn row_noun(field: &ListField) -> &'static str {
    match field.key {
        "authors" => "an author",
        "changes" => "a change",
        "phones" => "a phone number",
        "opening_hours" => "opening times",
        _ => "a row",
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `2.0` → `2.1`; `3` → `3.1`; anything else unchanged.
fn next_version(version: &str) -> String {
    match version.rsplit_once('.') {
        Some((major, minor)) if minor.parse::<u32>().is_ok() => {
            format!("{major}.{}", minor.parse::<u32>().unwrap_or(0) + 1)
        }
        None if version.parse::<u32>().is_ok() => format!("{version}.1"),
        _ => version.to_string(),
    }
}

fn hint(out: &mut String, field: &ListField, name: &str) {
    if !field.hint.is_empty() {
        let _ = write!(out, "<p class=\"hint\" id=\"{}-hint\">{}</p>", dom_id(name), esc(field.hint));
    }
}

/// `authors.0.name` → `f-authors-0-name`: safe in an id and a `for`.
fn dom_id(name: &str) -> String {
    let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' }).collect();
    format!("f-{safe}")
}

/// Not `f-…`: every `f-` id is a control with a label.
fn problem_id(control_id: &str) -> String {
    format!("problem-{control_id}")
}

fn described_by(ids: &[Option<String>]) -> String {
    let ids: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
    if ids.is_empty() { String::new() } else { format!(" aria-describedby=\"{}\"", ids.join(" ")) }
}

fn hidden(name: &str, value: &str) -> String {
    format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">", esc(name), esc(value))
}

/// The file `text` with the list fields the form carries set as posted:
/// front matter, or the service `service`. Fields the form does not carry
/// are left as they are.
pub fn save(text: &str, service: Option<&str>, form: &HashMap<String, String>) -> Result<String, EditError> {
    let fields = fields_of(service);
    let in_file = crate::edit::read_lists(text, service, fields)?;
    let mut edits: Vec<ListEdit> = Vec::new();
    for (field, old) in fields.iter().zip(in_file) {
        if !tree::on_form(form, field.key) {
            continue;
        }
        let old = old.ok_or_else(|| EditError::NotOneValue(field.key.to_string()))?;
        edits.push((field, tree::from_form(form, field.key, field, Some(&old))));
    }
    match service {
        Some(id) => crate::edit::edit_service_lists(text, id, &edits),
        None => crate::edit::edit_markdown_lists(text, &edits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_versions() {
        assert_eq!(next_version("2.0"), "2.1");
        assert_eq!(next_version("3"), "3.1");
        assert_eq!(next_version("2.9"), "2.10");
        assert_eq!(next_version("draft"), "draft");
    }

    #[test]
    fn ids_are_safe() {
        assert_eq!(dom_id("contact.phones.0.number"), "f-contact-phones-0-number");
    }
}
