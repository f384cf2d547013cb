//! What an import left out or changed, record by record.
//!
//! Real feeds are imperfect: a record without a name, a time written
//! `9:00am`, a link in the publisher's HTML without a scheme. The import
//! takes what is good and says what it did with the rest. Each such
//! finding is a [`Problem`] naming the feed file, the record (CSV row or
//! JSON path), the service's feed id and name, the field and what was
//! found. They are said three ways: one warning line per [`Reason`] with a
//! count and the first few examples (never longer than [`LONGEST_LINE`]),
//! the closing summary's counts by reason, and every one of them in the
//! `--report` CSV, which a maintainer can send to the publisher.

use super::model::Place;
use crate::diagnostics::{Diagnostic, quote};
use std::collections::BTreeMap;

/// No warning line is longer than this, examples and all.
pub const LONGEST_LINE: usize = 300;

/// What became of the record or value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// The whole record was not imported.
    LeftOut,
    /// The record was imported with this value changed, or without it.
    Changed,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::LeftOut => "left out",
            Outcome::Changed => "changed",
        }
    }
}

/// Why, one variant per kind of problem; each is one warning line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    NoName,
    NoId,
    IdClash,
    FailsCheck,
    SameRecordTwice,
    TimeRewritten,
    TimeEmpty,
    TimeUnreadable,
    DayUnreadable,
    NoDays,
    ClosesBeforeOpens,
    PhoneExtension,
    PhoneUnreadable,
    PhoneLabel,
    EmailPlaceholder,
    EmailUnreadable,
    WebsiteSchemeCase,
    WebsiteUnreadable,
    AgePlaceholder,
    AgeOutOfRange,
    AgesReversed,
    StatusUnknown,
    AssuredDateUnreadable,
    LinkWithoutScheme,
    LinkGivenHttps,
    LinkSmsAsText,
    ImageWithoutAlt,
    EscapesCleaned,
}

impl Reason {
    pub fn outcome(self) -> Outcome {
        match self {
            Reason::NoName | Reason::NoId | Reason::IdClash | Reason::FailsCheck => Outcome::LeftOut,
            _ => Outcome::Changed,
        }
    }

    /// The reason in a few words, as the summary and the report say it.
    pub fn says(self) -> &'static str {
        match self {
            Reason::NoName => "no usable name",
            Reason::NoId => "no id",
            Reason::IdClash => "id shared with a different service",
            Reason::FailsCheck => "fails signpost's check",
            Reason::SameRecordTwice => "the same record twice, imported once",
            Reason::TimeRewritten => "time rewritten as 24-hour",
            Reason::TimeEmpty => "opening hours without a time, skipped",
            Reason::TimeUnreadable => "time not understood, those hours left out",
            Reason::DayUnreadable => "weekday not understood, those hours left out",
            Reason::NoDays => "opening hours without days, left out",
            Reason::ClosesBeforeOpens => "closing time not after opening time, those hours left out",
            Reason::PhoneExtension => "phone extension kept as \"ext.\"",
            Reason::PhoneUnreadable => "phone number not understood, left out",
            Reason::PhoneLabel => "words before the phone number dropped",
            Reason::EmailPlaceholder => "placeholder email dropped",
            Reason::EmailUnreadable => "email address not understood, left out",
            Reason::WebsiteSchemeCase => "web address scheme made lower case",
            Reason::WebsiteUnreadable => "web address not understood, left out",
            Reason::AgePlaceholder => "placeholder age dropped",
            Reason::AgeOutOfRange => "age outside 0 to 150, left out",
            Reason::AgesReversed => "maximum age below minimum age, left out",
            Reason::StatusUnknown => "status not understood, imported as active",
            Reason::AssuredDateUnreadable => "assured_date not a date, not used",
            Reason::LinkWithoutScheme => "description link without a usable address, kept as text",
            Reason::LinkGivenHttps => "description link without a scheme, given https://",
            Reason::LinkSmsAsText => "description sms: link, kept as text",
            Reason::ImageWithoutAlt => "description image without alt text, dropped",
            Reason::EscapesCleaned => "literal escape sequences or markers in text, cleaned",
        }
    }
}

/// One record or value the import left out or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub reason: Reason,
    /// The feed file (or URL) the record came from.
    pub file: String,
    /// The CSV row, or 0 for JSON.
    pub line: u64,
    /// The JSON path of the value (`contents[3].schedules[0].opens_at`), or
    /// the column, for CSV.
    pub field: String,
    pub feed_id: String,
    pub name: String,
    /// The value as the feed had it, when there is one to show.
    pub found: String,
    /// The service's record (`feed.json contents[3]`, `services.csv:15`),
    /// which the value may sit outside of (a row of `phones.csv`): what
    /// the counts count.
    pub record: String,
}

impl Problem {
    /// A problem with `field` at `place`, for the service `feed_id` / `name`.
    pub fn at(place: &Place, field: &str, reason: Reason, feed_id: &str, name: &str, found: &str) -> Problem {
        Problem {
            reason,
            file: place.file.clone(),
            line: place.line,
            field: place.field(field).trim_end_matches('.').to_string(),
            feed_id: feed_id.to_string(),
            name: name.to_string(),
            found: found.to_string(),
            record: format!("{}:{}:{}", place.file, place.line, place.prefix),
        }
    }

    /// The same problem, counted against the service's record at `place`.
    pub fn of_record(mut self, place: &Place) -> Problem {
        self.record = format!("{}:{}:{}", place.file, place.line, place.prefix);
        self
    }

    /// Where in the feed: `services.csv:15` or `feed.json contents[3].name`.
    pub fn place(&self) -> String {
        match (self.line, self.field.is_empty()) {
            (0, true) => self.file.clone(),
            (0, false) => format!("{} {}", self.file, self.field),
            (line, true) => format!("{}:{line}", self.file),
            (line, false) => format!("{}:{line} {}", self.file, self.field),
        }
    }

    /// `contents[3].phone "Town Advice" (id 17): "01234 x5"`, for examples
    /// in a line that names the feed (`source`) already.
    fn example(&self, source: &str) -> String {
        let place = self.place();
        let inside = place.strip_prefix(source).map(|p| p.trim_start_matches(['/', ' ']));
        let mut text = inside.filter(|p| !p.is_empty()).unwrap_or(&place).to_string();
        let who = match (self.name.is_empty(), self.feed_id.is_empty()) {
            (false, false) => format!(" {} (id {})", quote(&self.name), quote(&self.feed_id)),
            (false, true) => format!(" {} (no id)", quote(&self.name)),
            (true, false) => format!(" (id {}, no name)", quote(&self.feed_id)),
            (true, true) => String::new(),
        };
        text.push_str(&who);
        if !self.found.is_empty() {
            text.push_str(&format!(": {}", quote(&self.found)));
        }
        text
    }
}

/// Every problem of a run, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.0.extend(problems);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn by_reason(&self) -> BTreeMap<Reason, Vec<&Problem>> {
        let mut map: BTreeMap<Reason, Vec<&Problem>> = BTreeMap::new();
        for p in &self.0 {
            map.entry(p.reason).or_default().push(p);
        }
        map
    }

    /// How many records were left out, and how many of the imported ones changed.
    pub fn counts(&self) -> (usize, usize) {
        let records = |outcome: Outcome| {
            let mut seen: Vec<&str> =
                self.0.iter().filter(|p| p.reason.outcome() == outcome).map(|p| p.record.as_str()).collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len()
        };
        (records(Outcome::LeftOut), records(Outcome::Changed))
    }

    /// One line per reason: a count, what was done, the first few examples.
    /// Errors with `--strict`, warnings otherwise.
    pub fn diagnostics(&self, source: &str, strict: bool) -> Vec<Diagnostic> {
        self.by_reason()
            .into_iter()
            .map(|(reason, problems)| {
                let message = summary_line(source, reason, &problems);
                if strict { Diagnostic::error(source, message) } else { Diagnostic::warning(source, message) }
            })
            .collect()
    }

    /// `by reason: 3 time rewritten as 24-hour, 1 no usable name`.
    pub fn by_reason_counts(&self) -> Vec<String> {
        self.by_reason().into_iter().map(|(reason, found)| format!("{} {}", found.len(), reason.says())).collect()
    }

    /// The `--report` CSV: a header and one row per problem.
    pub fn report_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
        let _ = writer.write_record(["feed_file", "row", "field", "feed_id", "name", "outcome", "reason", "found"]);
        for p in &self.0 {
            let row = if p.line > 0 { p.line.to_string() } else { String::new() };
            let _ = writer.write_record([
                p.file.as_str(),
                &row,
                &p.field,
                &p.feed_id,
                &p.name,
                p.reason.outcome().label(),
                p.reason.says(),
                &p.found,
            ]);
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// Room left for a message in a line that starts `warning: SOURCE: ` and
/// has `rest` characters of its own besides.
pub fn room(source: &str, rest: usize) -> usize {
    LONGEST_LINE.saturating_sub("warning: : ".len() + source.chars().count() + rest)
}

/// As many of `items` as fit in `room` characters, joined with `, `, then
/// `and N more`: at least the count, however little room there is.
pub fn fit_list(items: &[String], room: usize) -> String {
    let mut text = String::new();
    for (i, item) in items.iter().enumerate() {
        let more = items.len() - i - 1;
        let ending = if more > 0 { format!(" and {more} more") } else { String::new() };
        let sep = if i == 0 { "" } else { ", " };
        if text.chars().count() + sep.len() + item.chars().count() + ending.chars().count() > room {
            let left = items.len() - i;
            let sep = if i == 0 { "" } else { " " };
            return format!("{text}{sep}and {left} more");
        }
        text.push_str(sep);
        text.push_str(item);
    }
    text
}

/// `5 services: time rewritten as 24-hour (changed), e.g. …; all in --report`,
/// with as many examples as fit in [`LONGEST_LINE`] once the line's
/// `warning: SOURCE: ` start is counted.
fn summary_line(source: &str, reason: Reason, problems: &[&Problem]) -> String {
    const MOST_EXAMPLES: usize = 3;
    let n = problems.len();
    let head = format!("{n} × {} ({})", reason.says(), reason.outcome().label());
    let budget = LONGEST_LINE.saturating_sub("warning: : ".len() + source.chars().count());
    let tail = if n > 1 { "; every one in --report" } else { "" };
    let mut line = head.clone();
    let mut shown = 0;
    for p in problems.iter().take(MOST_EXAMPLES) {
        let sep = if shown == 0 { ": " } else { "; " };
        let candidate = format!("{line}{sep}{}", p.example(source));
        let more = n - shown - 1;
        let ending = if more > 0 { format!("; and {more} more{tail}") } else { String::new() };
        if candidate.chars().count() + ending.chars().count() > budget {
            break;
        }
        line = candidate;
        shown += 1;
    }
    if shown == 0 {
        // Not even one example fits (a very long path): the count alone.
        return format!("{head}{tail}");
    }
    if n > shown {
        line.push_str(&format!("; and {} more{tail}", n - shown));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(i: usize) -> Problem {
        Problem {
            reason: Reason::TimeRewritten,
            file: "feeds/services.csv".into(),
            line: 2 + i as u64,
            field: "opens_at".into(),
            feed_id: format!("id-{i}"),
            name: format!("A service with quite a long name number {i}"),
            found: "9:00am".into(),
            record: String::new(),
        }
    }

    #[test]
    fn one_line_per_reason_within_the_limit() {
        let problems = Problems((0..500).map(problem).collect());
        let lines = problems.diagnostics("feeds", false);
        assert_eq!(lines.len(), 1);
        let line = lines[0].to_string();
        assert!(line.chars().count() <= LONGEST_LINE, "{} chars: {line}", line.len());
        assert!(line.starts_with("warning: feeds: 500 × time rewritten as 24-hour (changed): services.csv:2 opens_at \"A service with quite a long name number 0\" (id \"id-0\"): \"9:00am\"; "), "{line}");
        assert!(line.ends_with(" more; every one in --report"), "{line}");
    }

    #[test]
    fn lists_fit_their_room() {
        let items: Vec<String> = (0..100).map(|i| format!("item {i}")).collect();
        assert_eq!(fit_list(&items, 30), "item 0, item 1 and 98 more");
        assert_eq!(fit_list(&items[..2], 30), "item 0, item 1");
        assert_eq!(fit_list(&items, 3), "and 100 more");
    }

    #[test]
    fn the_report_has_a_row_per_problem() {
        let problems = Problems(vec![problem(0)]);
        assert_eq!(
            problems.report_csv(),
            "feed_file,row,field,feed_id,name,outcome,reason,found\nfeeds/services.csv,2,opens_at,id-0,A service with quite a long name number 0,changed,time rewritten as 24-hour,9:00am\n"
        );
    }
}
