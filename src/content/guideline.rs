//! A guideline: front matter checked field by field, and its Markdown body.

use super::list_field::{Choices, ListField, Shape};
use super::{Body, Located, frontmatter, key_of, parse_yaml};
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::fields::{Fields, Sink};
use crate::source::SourceFile;
use crate::yaml::{Node, Pos};

/// Serialised as its YAML value (`"approved"`), which templates compare with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Draft,
    Approved,
    Superseded,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Draft, Status::Approved, Status::Superseded, Status::Withdrawn];

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.id() == text)
    }

    pub fn id(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Approved => "approved",
            Status::Superseded => "superseded",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Approved => "Approved",
            Status::Superseded => "Superseded",
            Status::Withdrawn => "Withdrawn",
        }
    }

    /// What choosing the status means, in the editor's words.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Draft => "Being written: left out of the site unless it is built with --drafts.",
            Status::Approved => "In force: needs approved by, published and review due.",
            Status::Superseded => "Replaced: superseded_by names the guideline that replaces it.",
            Status::Withdrawn => "No longer in force, and not replaced.",
        }
    }
}

/// How a front matter field that holds one value is written, which decides
/// the control the editor's form gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// A sentence or two.
    LongText,
    /// `YYYY-MM-DD`.
    Date,
    /// One of [`Status::ALL`].
    Status,
    /// One of [`ServiceStatus::ALL`](super::service::ServiceStatus::ALL).
    ServiceStatus,
}

/// A guideline front matter field that holds one value. The parser reads
/// each by its `key` here and the preview's editor draws its form from
/// [`ONE_VALUE_FIELDS`], so the form cannot offer a field the parser does
/// not read, or name it differently.
#[derive(Debug, Clone, Copy)]
pub struct OneValueField {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    /// What to write, shown under the label.
    pub hint: &'static str,
}

pub const TITLE: OneValueField =
    OneValueField { key: "title", label: "Title", kind: FieldKind::Text, hint: "Required. What the guideline covers." };
pub const SUMMARY: OneValueField = OneValueField {
    key: "summary",
    label: "Summary",
    kind: FieldKind::LongText,
    hint: "Required. One or two sentences, shown in lists and search results.",
};
pub const VERSION: OneValueField =
    OneValueField { key: "version", label: "Version", kind: FieldKind::Text, hint: "Required, for example 2.1." };
pub const STATUS: OneValueField = OneValueField { key: "status", label: "Status", kind: FieldKind::Status, hint: "" };
pub const APPROVED_BY: OneValueField = OneValueField {
    key: "approved_by",
    label: "Approved by",
    kind: FieldKind::Text,
    hint: "The group that approved it. Required unless the status is draft.",
};
pub const PUBLISHED: OneValueField = OneValueField {
    key: "published",
    label: "Published",
    kind: FieldKind::Date,
    hint: "Required unless the status is draft.",
};
pub const REVIEW_DUE: OneValueField = OneValueField {
    key: "review_due",
    label: "Review due",
    kind: FieldKind::Date,
    hint: "After the published date. Required unless the status is draft.",
};

/// In the order the form shows them.
pub const ONE_VALUE_FIELDS: [OneValueField; 7] = [TITLE, SUMMARY, VERSION, STATUS, APPROVED_BY, PUBLISHED, REVIEW_DUE];

/// An author's parts: a name, and a role that may be left out.
pub const AUTHOR_PARTS: [ListField; 2] = [
    ListField::text("name", "Name", "Required, for example Dr A Example."),
    ListField::text("role", "Role", "For example Consultant respiratory physician."),
];
pub const AUTHORS: ListField = ListField {
    key: "authors",
    label: "Authors",
    shape: Shape::Rows(&AUTHOR_PARTS),
    choices: Choices::None,
    hint: "At least one. Empty an author's name to remove them; fill in the empty row to add one.",
};
pub const CONDITIONS: ListField =
    ListField::strings("conditions", "Conditions", "Used for filters and search, one a row.").with(Choices::UsedInSite);
pub const AUDIENCE: ListField =
    ListField::strings("audience", "Audience", "Who it is for, one a row, for example GP.").with(Choices::UsedInSite);
pub const TAGS: ListField = ListField::strings("tags", "Tags", "One a row.").with(Choices::UsedInSite);
pub const RELATED_SERVICES: ListField = ListField::strings(
    "related_services",
    "Related services",
    "Services readers of this guideline may need, by id: type a name or an area to find one.",
)
.with(Choices::ServiceIds);
pub const SUPERSEDED_BY: ListField = ListField::text(
    "superseded_by",
    "Superseded by",
    "The guideline that replaces this one. Required when the status is superseded.",
)
.with(Choices::GuidelineKeys);
/// A change log entry's parts, all required.
pub const CHANGE_PARTS: [ListField; 3] = [
    ListField::text("version", "Version", ""),
    ListField::text("date", "Date", "").with(Choices::Date),
    ListField::text("note", "Note", "What changed, in a sentence."),
];
pub const CHANGES: ListField = ListField {
    key: "changes",
    label: "Change log",
    shape: Shape::Rows(&CHANGE_PARTS),
    choices: Choices::None,
    hint: "Newest first. Empty an entry's version to remove it.",
};

/// The front matter fields that hold a list, a mapping or a pick from the
/// site, in the order the form shows them. The parser reads each by its
/// `key` here.
pub const LIST_FIELDS: [ListField; 7] = [AUTHORS, CONDITIONS, AUDIENCE, TAGS, RELATED_SERVICES, SUPERSEDED_BY, CHANGES];

impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// Whether a guideline's review date has passed or is close. Serialised as
/// the value templates and the search page compare with (`"due_soon"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// No review date, or a guideline that is not in force (only approved
    /// guidance is reviewed).
    None,
    Ok,
    DueSoon,
    Overdue,
}

impl ReviewState {
    pub fn of(review_due: Option<Date>, today: Date, warning_days: i64) -> Self {
        match review_due {
            None => ReviewState::None,
            Some(due) if today.days_until(due) < 0 => ReviewState::Overdue,
            Some(due) if today.days_until(due) <= warning_days => ReviewState::DueSoon,
            Some(_) => ReviewState::Ok,
        }
    }

    /// The value as templates see it.
    pub fn id(self) -> &'static str {
        match self {
            ReviewState::None => "none",
            ReviewState::Ok => "ok",
            ReviewState::DueSoon => "due_soon",
            ReviewState::Overdue => "overdue",
        }
    }

    /// The words for people: the governance report and its counts.
    pub fn label(self) -> &'static str {
        match self {
            ReviewState::None => "not in force",
            ReviewState::Ok => "ok",
            ReviewState::DueSoon => "due soon",
            ReviewState::Overdue => "overdue",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Author {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone)]
pub struct Change {
    pub version: String,
    pub date: Date,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct Guideline {
    pub source: String,
    /// `guidelines/copd`: the source path without `content/` and `.md`.
    pub key: String,
    pub title: String,
    pub summary: String,
    pub version: String,
    pub status: Status,
    pub authors: Vec<Author>,
    pub approved_by: Option<String>,
    pub published: Option<Date>,
    pub review_due: Option<Located<Date>>,
    pub superseded_by: Option<Located<String>>,
    pub conditions: Vec<String>,
    pub audience: Vec<String>,
    pub related_services: Vec<Located<String>>,
    pub tags: Vec<String>,
    pub changes: Vec<Change>,
    /// Where readers' feedback goes, instead of the site's `feedback_email`.
    pub feedback_email: Option<String>,
    pub body: Body,
    /// Where the front matter starts, for errors about the file as a whole.
    pub pos: Pos,
}

impl Guideline {
    /// Only approved guidance is in force, so only it falls due for review;
    /// the pages, the warnings and the governance report all ask here.
    pub fn review_state(&self, today: Date, warning_days: i64) -> ReviewState {
        if self.status == Status::Approved {
            ReviewState::of(self.review_due.as_ref().map(|d| d.value), today, warning_days)
        } else {
            ReviewState::None
        }
    }
}

const FIELDS: &str = "title, summary, version, status, authors, approved_by, published, review_due, superseded_by, conditions, audience, related_services, tags, changes, feedback_email";

pub fn parse(file: &SourceFile) -> (Option<Guideline>, Vec<Diagnostic>) {
    let rel = file.rel.as_str();
    if file.text.trim().is_empty() {
        let d = Diagnostic::error(
            rel,
            format!(
                "found an empty file, expected front matter between --- lines ({FIELDS}) and then the guideline text"
            ),
        )
        .at(1, 1);
        return (None, vec![d]);
    }
    let split = match frontmatter::split(rel, &file.text) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    let Some(yaml) = split.yaml else {
        let d = Diagnostic::error(rel, "found no front matter, expected the file to start with a --- line, the guideline's fields, and another --- line").at(1, 1);
        return (None, vec![d]);
    };
    let node = match parse_yaml(rel, &yaml) {
        Ok(node) => node,
        Err(d) => return (None, vec![d]),
    };
    let body = Body { text: split.body.into(), first_line: split.body_line };
    let mut sink = Sink::new(rel);
    let (guideline, unknown_keys) = read_fields(&node, rel, body, &mut sink);
    // A stray or misspelt key (`reveiw_due`) is an error, so the build
    // still fails; but every value was read, so the guideline is kept and
    // its related services, superseded_by and review date are checked in
    // the same run, and the editor can preview its page (issue 20).
    if sink.diagnostics.len() == unknown_keys { (guideline, sink.diagnostics) } else { (None, sink.diagnostics) }
}

/// The guideline, if every value it needs was read, and how many unknown
/// top-level keys were reported.
fn read_fields(node: &Node, rel: &str, body: Body, sink: &mut Sink) -> (Option<Guideline>, usize) {
    let Some(mut f) = Fields::of_front_matter(node, sink) else { return (None, 0) };
    let title = f.required_string(TITLE.key, sink);
    let summary = f.required_string(SUMMARY.key, sink);
    let version = f.required_string(VERSION.key, sink);
    let status = read_status(&mut f, sink);
    let authors = read_authors(&mut f, sink);
    let approved_by = f.string(APPROVED_BY.key, sink);
    let published = f.date(PUBLISHED.key, sink);
    let review_due = f.date(REVIEW_DUE.key, sink);
    let superseded_by = f.string(SUPERSEDED_BY.key, sink);
    let superseded_pos = f.get(SUPERSEDED_BY.key).map_or(f.pos(), |n| n.pos);
    let conditions = plain(f.strings(CONDITIONS.key, sink));
    let audience = plain(f.strings(AUDIENCE.key, sink));
    let related_services =
        f.strings(RELATED_SERVICES.key, sink).into_iter().map(|(id, pos)| Located::new(id, pos)).collect();
    let tags = plain(f.strings(TAGS.key, sink));
    let changes = read_changes(&mut f, sink);
    let feedback_email = f.email("feedback_email", sink);
    let pos = f.pos();
    if let Some(status) = status {
        require_for_status(status, &mut f);
    }
    let unknown_keys = f.finish(sink);
    check_review_after_published(published, review_due, sink);
    let guideline = || {
        Some(Guideline {
            source: rel.to_string(),
            key: key_of(rel),
            title: title?,
            summary: summary?,
            version: version?,
            status: status?,
            authors,
            approved_by,
            published: published.map(|(d, _)| d),
            review_due: review_due.map(|(d, p)| Located::new(d, p)),
            superseded_by: superseded_by.map(|s| Located::new(s, superseded_pos)),
            conditions,
            audience,
            related_services,
            tags,
            changes,
            feedback_email,
            body,
            pos,
        })
    };
    (guideline(), unknown_keys)
}

fn plain(items: Vec<(String, Pos)>) -> Vec<String> {
    items.into_iter().map(|(s, _)| s).collect()
}

fn read_status(f: &mut Fields, sink: &mut Sink) -> Option<Status> {
    let node = f.require(STATUS.key)?;
    let status = node.as_str().and_then(Status::parse);
    if status.is_none() {
        sink.wrong(node, "status", "one of draft, approved, superseded, withdrawn");
    }
    status
}

fn read_authors(f: &mut Fields, sink: &mut Sink) -> Vec<Author> {
    let Some(node) = f.require(AUTHORS.key) else {
        return Vec::new();
    };
    let crate::yaml::Value::Seq(items) = &node.value else {
        f.not_a_list(AUTHORS.key, node, "a list of authors, each with name and role", sink);
        return Vec::new();
    };
    if items.is_empty() {
        sink.wrong(node, AUTHORS.key, "at least one author");
    }
    let mut authors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("authors[{i}].");
        if let Some(name) = item.as_str() {
            authors.push(Author { name: name.to_string(), role: String::new() });
            continue;
        }
        let Some(mut a) = Fields::of(item, &prefix, "an author with name and role", sink) else {
            continue;
        };
        let name = a.required_string(AUTHOR_PARTS[0].key, sink);
        let role = a.string(AUTHOR_PARTS[1].key, sink).unwrap_or_default();
        a.finish(sink);
        if let Some(name) = name {
            authors.push(Author { name, role });
        }
    }
    authors
}

fn read_changes(f: &mut Fields, sink: &mut Sink) -> Vec<Change> {
    let Some(items) = f.list(CHANGES.key, sink) else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("changes[{i}].");
        let Some(mut c) = Fields::of(item, &prefix, "a change with version, date and note", sink) else {
            continue;
        };
        let version = c.required_string(CHANGE_PARTS[0].key, sink);
        let date = c.required_date(CHANGE_PARTS[1].key, sink);
        let note = c.required_string(CHANGE_PARTS[2].key, sink);
        c.finish(sink);
        if let (Some(version), Some((date, _)), Some(note)) = (version, date, note) {
            changes.push(Change { version, date, note });
        }
    }
    changes
}

/// The fields a status needs beyond the always-required ones. Held by
/// `Fields` until it has seen every key, so a misspelt `reveiw_due` is
/// reported as a misspelling rather than as a missing `review_due`.
fn require_for_status(status: Status, f: &mut Fields) {
    if status != Status::Draft {
        let why = format!("missing, expected a value (required when status is {})", status.id());
        for field in [APPROVED_BY.key, PUBLISHED.key, REVIEW_DUE.key] {
            if f.get(field).is_none() {
                f.missing(field, why.clone());
            }
        }
    }
    if status == Status::Superseded && f.get("superseded_by").is_none() {
        f.missing(
            "superseded_by",
            "missing, expected the replacing guideline's path without .md, like guidelines/copd (required when status is superseded)",
        );
    }
}

fn check_review_after_published(published: Option<(Date, Pos)>, review_due: Option<(Date, Pos)>, sink: &mut Sink) {
    if let (Some((published, _)), Some((review, review_pos))) = (published, review_due)
        && review <= published
    {
        sink.error(
            review_pos,
            REVIEW_DUE.key,
            format!("found {review}, expected a date after published ({published})"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The editor's form is drawn from `ONE_VALUE_FIELDS`: each must be a
    /// field the parser reads (named in the list of known fields) and must
    /// reach the guideline with the value written.
    #[test]
    fn every_one_value_field_is_read_by_the_parser() {
        let known: Vec<&str> = FIELDS.split(", ").collect();
        for field in ONE_VALUE_FIELDS {
            assert!(known.contains(&field.key), "{}", field.key);
        }
        let text = "---\ntitle: T\nsummary: S\nversion: V\nstatus: approved\nauthors: [A]\napproved_by: B\npublished: 2025-01-02\nreview_due: 2026-01-02\n---\nBody\n";
        let file = SourceFile {
            kind: crate::source::Kind::Guideline,
            rel: "content/guidelines/t.md".into(),
            path: "t.md".into(),
            text: text.into(),
            version: 1,
        };
        let (guideline, diagnostics) = parse(&file);
        assert_eq!(diagnostics, vec![]);
        let g = guideline.unwrap();
        let read = [
            g.title,
            g.summary,
            g.version,
            g.status.id().to_string(),
            g.approved_by.unwrap(),
            g.published.unwrap().to_string(),
            g.review_due.unwrap().value.to_string(),
        ];
        assert_eq!(read, ["T", "S", "V", "approved", "B", "2025-01-02", "2026-01-02"]);
    }

    fn parse_text(text: &str) -> (Option<Guideline>, Vec<Diagnostic>) {
        let file = SourceFile {
            kind: crate::source::Kind::Guideline,
            rel: "content/guidelines/t.md".into(),
            path: "t.md".into(),
            text: text.into(),
            version: 1,
        };
        parse(&file)
    }

    /// Issue 20: a misspelt key used to drop the guideline, which hid its
    /// related services and review date from the checks of the same run.
    #[test]
    fn a_misspelt_key_is_an_error_but_keeps_the_guideline() {
        let text = "---\ntitle: T\nsummary: S\nversion: V\nstatus: approved\nauthors: [A]\napproved_by: B\npublished: 2025-01-02\nreveiw_due: 2026-01-02\nrelated_services: [nope]\n---\nBody\n";
        let (guideline, diagnostics) = parse_text(text);
        let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "error: content/guidelines/t.md:9:1: reveiw_due: found an unknown field, expected `review_due` (a misspelling?)"
            ]
        );
        let g = guideline.expect("kept, so its related services are checked too");
        assert_eq!(g.related_services[0].value, "nope");
        assert!(g.review_due.is_none());
    }

    #[test]
    fn a_misspelt_required_key_or_a_wrong_value_still_drops_it() {
        let misspelt_title = "---\ntittle: T\nsummary: S\nversion: V\nstatus: draft\nauthors: [A]\n---\n";
        assert!(parse_text(misspelt_title).0.is_none());
        let bad_date_and_stray_key =
            "---\ntitle: T\nsummary: S\nversion: V\nstatus: draft\nauthors: [A]\npublished: 2025\nextra: 1\n---\n";
        let (guideline, diagnostics) = parse_text(bad_date_and_stray_key);
        assert!(guideline.is_none());
        assert_eq!(diagnostics.len(), 2);
    }
}
