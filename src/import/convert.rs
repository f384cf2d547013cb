//! Feed services into contract services: the mapping back to signpost.
//!
//! Each rule here is one small function: text (made Markdown that passes
//! the check, by `clean`), contact details and times (read by `values`,
//! tolerant of the forms feeds use), opening hours (merged across days),
//! languages, ages, status, the verification date and categories. Nothing
//! here stops an import: a record without a usable name or with a clashing
//! id is left out, a value that cannot be used is dropped, and a value
//! written another way is rewritten; each is a `Problem` against the
//! record, for the warnings, the summary and `--report`.

use super::categories::{CategoryMap, UNCATEGORISED};
use super::clean;
use super::model::{Feed, FeedSchedule, FeedService, OutAddress, OutContact, OutHours, OutService, Place, Term};
use super::problems::{Problem, Problems, Reason};
use super::values::{self, Read};
use crate::content::service::{DAYS, Phone};
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The verification date written when a feed gives none: the oldest date
/// worth writing, so the service shows as stale until someone verifies it.
pub const NEVER_VERIFIED: &str = "1970-01-01";

/// A service the feed lists but signpost does not import.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub name: String,
    pub source_id: String,
    pub status: String,
}

#[derive(Debug, Default)]
pub struct Converted {
    /// Without ids yet: `merge` gives them.
    pub services: Vec<OutService>,
    pub skipped: Vec<Skipped>,
    /// Each unmapped term, with how many services use it.
    pub unmapped: BTreeMap<String, usize>,
    /// Services the feed gives no taxonomy term at all.
    pub without_terms: usize,
    /// Counts of quiet fallbacks across the feed, one warning each.
    pub diagnostics: Vec<Diagnostic>,
    /// Every record left out and every value changed.
    pub problems: Problems,
    /// Feed ids of records left out: a service imported earlier under one
    /// of them is kept as it is, never lost.
    pub held_back: HashSet<String>,
    /// Where each imported service is in the feed, by feed id, to point a
    /// problem found later (by the site check) at the record.
    pub places: HashMap<String, (Place, String)>,
}

impl Converted {
    /// Leaves out the service with feed id `source_id` (found wanting by
    /// the site check), reporting it against its record.
    pub fn leave_out(&mut self, source_id: &str, reason: Reason, found: &str) {
        let Some((place, name)) = self.places.get(source_id) else { return };
        self.problems.push(Problem::at(place, "", reason, source_id, name, found));
        self.services.retain(|s| s.source_id != source_id);
        self.held_back.insert(source_id.to_string());
    }
}

/// One record on its way through: where it is and what was done to it.
struct Record<'a> {
    feed: &'a FeedService,
    name: String,
    problems: Vec<Problem>,
}

impl Record<'_> {
    fn note(&mut self, place: &Place, field: &str, reason: Reason, found: &str) {
        let problem = Problem::at(place, field, reason, &self.feed.source_id, &self.name, found);
        self.problems.push(problem.of_record(&self.feed.place));
    }

    fn note_here(&mut self, field: &str, reason: Reason, found: &str) {
        let place = self.feed.place.clone();
        self.note(&place, field, reason, found);
    }
}

/// A record that converted, waiting for the duplicate check.
struct Candidate<'a> {
    feed: &'a FeedService,
    out: OutService,
    problems: Vec<Problem>,
    /// Its taxonomy terms the map does not hold, counted only if it is imported.
    unmapped: Vec<String>,
}

/// Converts every service it can, and says what it left out or changed.
pub fn convert(feed: &Feed, categories: &CategoryMap) -> Converted {
    let mut result = Converted::default();
    let mut notes = Notes::default();
    let mut candidates: Vec<Candidate> = Vec::new();
    for service in &feed.services {
        let name = one_line(&clean::markdown(&service.name).text.replace(['*', '_', '\\'], ""));
        if !name.chars().any(char::is_alphanumeric) {
            result.problems.push(Problem::at(
                &service.place,
                "name",
                Reason::NoName,
                &service.source_id,
                "",
                &service.name,
            ));
            result.held_back.insert(service.source_id.clone());
            continue;
        }
        if service.source_id.trim().is_empty() {
            result.problems.push(Problem::at(&service.place, "id", Reason::NoId, "", &name, ""));
            continue;
        }
        let mut record = Record { feed: service, name, problems: Vec::new() };
        match status(&mut record) {
            Status::Skip(status) => {
                result.skipped.push(Skipped { name: record.name.clone(), source_id: service.source_id.clone(), status })
            }
            Status::Import(status) => {
                let mut unmapped = Vec::new();
                let out = convert_one(&mut record, status, categories, &mut unmapped, &mut notes);
                candidates.push(Candidate { feed: service, out, problems: record.problems, unmapped });
            }
        }
    }
    keep_one_of_each_id(candidates, &mut result);
    result.diagnostics.extend(notes.warnings(&feed.source));
    result
}

/// Identical duplicates are one service; an id shared by different
/// services leaves them all out, since either could be the right one.
fn keep_one_of_each_id(candidates: Vec<Candidate>, result: &mut Converted) {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        by_id.entry(c.feed.source_id.as_str()).or_default().push(i);
    }
    let mut clashing: HashSet<String> = HashSet::new();
    for (id, group) in &by_id {
        let first = &candidates[group[0]].out;
        if group.len() > 1 && group.iter().any(|i| candidates[*i].out != *first) {
            clashing.insert(id.to_string());
        }
    }
    let candidates_places: Vec<Place> = candidates.iter().map(|c| c.feed.place.clone()).collect();
    let mut seen: HashMap<String, String> = HashMap::new();
    for c in candidates {
        let id = c.feed.source_id.clone();
        let here = where_in_feed(&c.feed.place);
        if clashing.contains(&id) {
            let elsewhere: Vec<String> = by_id[id.as_str()]
                .iter()
                .map(|i| where_in_feed(&candidates_places[*i]))
                .filter(|w| *w != here)
                .collect();
            let found = format!("{id} (also at {})", elsewhere.join(", "));
            result.problems.push(Problem::at(&c.feed.place, "id", Reason::IdClash, &id, &c.out.name, &found));
            result.held_back.insert(id);
            continue;
        }
        if let Some(first) = seen.get(&id) {
            let found = format!("{id} (first at {first})");
            result.problems.push(Problem::at(&c.feed.place, "id", Reason::SameRecordTwice, &id, &c.out.name, &found));
            continue;
        }
        seen.insert(id.clone(), here);
        result.places.insert(id, (c.feed.place.clone(), c.out.name.clone()));
        result.problems.extend(c.problems);
        for term in c.unmapped {
            *result.unmapped.entry(term).or_default() += 1;
        }
        if c.feed.terms.is_empty() {
            result.without_terms += 1;
        }
        result.services.push(c.out);
    }
}

/// `services.csv:3` or `contents[0]`, to say where a first copy was.
fn where_in_feed(place: &Place) -> String {
    match (place.line, place.prefix.trim_end_matches('.')) {
        (0, "") => place.file.clone(),
        (0, path) => path.to_string(),
        (line, _) => format!("{}:{line}", place.file.rsplit('/').next().unwrap_or(&place.file)),
    }
}

enum Status {
    Import(String),
    Skip(String),
}

/// `active` (written as nothing), `temporarily-closed`, or skipped for
/// `inactive` and `defunct`. An unknown status is imported as active.
fn status(r: &mut Record) -> Status {
    let found = r.feed.status.trim();
    let normal = found.to_lowercase().replace(['_', ' '], "-");
    match normal.as_str() {
        "" | "active" => Status::Import(String::new()),
        "temporarily-closed" => Status::Import("temporarily-closed".into()),
        "inactive" | "defunct" => Status::Skip(normal),
        _ => {
            r.note_here("status", Reason::StatusUnknown, found);
            Status::Import(String::new())
        }
    }
}

/// Counts of quiet fallbacks, said once at the end instead of per service.
#[derive(Default)]
struct Notes {
    no_organisation: Vec<String>,
    no_description: Vec<String>,
    verified_from_last_modified: Vec<String>,
    never_verified: Vec<String>,
}

impl Notes {
    fn warnings(self, source: &str) -> Vec<Diagnostic> {
        let say = |names: &[String], what: &str| -> Option<Diagnostic> {
            let head = format!("{} {what}: ", count(names.len()));
            let quoted: Vec<String> = names.iter().map(|n| crate::diagnostics::quote(n)).collect();
            let names = super::problems::fit_list(&quoted, super::problems::room(source, head.chars().count()));
            (!quoted.is_empty()).then(|| Diagnostic::warning(source, format!("{head}{names}")))
        };
        [
            say(&self.no_organisation, "without an organisation; the service's name stands in for it (or the directory's earlier value)"),
            say(&self.no_description, "without a description; the service's name stands in for it (or the directory's earlier value)"),
            say(
                &self.verified_from_last_modified,
                "without assured_date; last_verified is the feed's last_modified date, not a verification",
            ),
            say(
                &self.never_verified,
                &format!("without assured_date or last_modified; last_verified is {NEVER_VERIFIED} so they show as stale until checked"),
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

fn count(n: usize) -> String {
    if n == 1 { "1 service".into() } else { format!("{n} services") }
}

/// Names for a message: all of a few, the first three of many, so the
/// line stays readable.
pub fn list(names: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = names.iter().take(SHOWN).map(|n| crate::diagnostics::quote(n)).collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

fn convert_one(
    r: &mut Record,
    status: String,
    categories: &CategoryMap,
    unmapped: &mut Vec<String>,
    notes: &mut Notes,
) -> OutService {
    let s = r.feed;
    let name = r.name.clone();
    let organisation = one_line(&s.organisation);
    if organisation.is_empty() {
        notes.no_organisation.push(name.clone());
    }
    let description = text(r, "description", &s.description);
    if description.is_empty() {
        notes.no_description.push(name.clone());
    }
    let (minimum_age, maximum_age) = ages(r);
    let contact = contact(r);
    let opening_hours = hours(r);
    let last_verified = last_verified(r, notes);
    let alert = text(r, "alert", &s.alert);
    let (categories, audience) = categorise(s, categories, unmapped);
    let mut eligibility = text(r, "eligibility", &s.eligibility);
    if !audience.is_empty() {
        let line = format!("For: {}", audience.join(", "));
        eligibility = if eligibility.is_empty() { line } else { format!("{eligibility}\n\n{line}") };
    }
    OutService {
        // A signpost feed's own id, kept by `merge` when it is free.
        id: s.preferred_id.clone(),
        // Left empty when missing: `merge` keeps the directory's own value
        // or puts the name in its place.
        organisation,
        description,
        categories,
        areas: unique(s.areas.iter().map(|a| one_line(a))),
        eligibility,
        cost: text(r, "cost", &s.cost),
        referral: s.referral.clone(),
        contact,
        address: address(s),
        opening_hours,
        languages: unique(s.languages.iter().map(|l| crate::oruk::languages::name_of(&one_line(l)))),
        last_verified,
        status,
        alert,
        minimum_age,
        maximum_age,
        source_id: s.source_id.clone(),
        name,
        // No feed says it; `merge` keeps the directory's own.
        bank_holidays: String::new(),
    }
}

/// Feed text as Markdown that passes the check, each change noted.
fn text(r: &mut Record, field: &str, value: &str) -> String {
    let cleaned = clean::markdown(value);
    for (reason, found) in cleaned.changes {
        r.note_here(field, reason, &found);
    }
    cleaned.text
}

/// Text on one line, as names and short fields are shown.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = Vec::new();
    for item in items {
        if !item.is_empty() && !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// Feed text as Markdown (see `clean`), without the list of changes.
pub fn markdown(text: &str) -> String {
    clean::markdown(text).text
}

fn contact(r: &mut Record) -> Option<OutContact> {
    let (phone, phones) = phones(r);
    let contact = OutContact { phone, phones, email: email(r), website: website(r) };
    let is_empty =
        contact.phone.is_empty() && contact.phones.is_empty() && contact.email.is_empty() && contact.website.is_empty();
    (!is_empty).then_some(contact)
}

/// Every number signpost can dial, in feed order, each once, extensions
/// kept: the first as `phone`, the others in `phones` with their labels.
/// A lone number stays `phone` (its label unused), as before `phones`, so a
/// feed of one-number services imports to the same bytes. When the first of
/// several has a label, all go in `phones`, so no label is lost.
fn phones(r: &mut Record) -> (String, Vec<Phone>) {
    let mut kept: Vec<Phone> = Vec::new();
    let feed = r.feed;
    for p in &feed.phones {
        let shown = if p.extension.is_empty() { p.number.clone() } else { format!("{} ext {}", p.number, p.extension) };
        let read = values::phone(&p.number, &p.extension);
        let change = change_to(&read);
        match read {
            Read::Unreadable => r.note(&p.place, "number", Reason::PhoneUnreadable, &shown),
            Read::Kept(number) | Read::Rewritten(number) if !kept.iter().any(|k| k.number == number) => {
                if let Some(reason) = change {
                    r.note(&p.place, "number", reason, &shown);
                }
                kept.push(Phone { number, label: p.label.clone() });
            }
            _ => {}
        }
    }
    match kept.first() {
        Some(first) if kept.len() == 1 || first.label.is_empty() => (kept.remove(0).number, kept),
        _ => (String::new(), kept),
    }
}

/// What a kept number's report line says was done to it, if anything.
fn change_to(read: &Read) -> Option<Reason> {
    match read {
        Read::Kept(number) | Read::Rewritten(number) if number.contains(" ext. ") => Some(Reason::PhoneExtension),
        Read::Rewritten(_) => Some(Reason::PhoneLabel),
        _ => None,
    }
}

fn email(r: &mut Record) -> String {
    let found = r.feed.email.clone();
    match values::email(&found) {
        Read::Kept(email) | Read::Rewritten(email) => email,
        Read::Placeholder => {
            r.note_here("email", Reason::EmailPlaceholder, &found);
            String::new()
        }
        Read::Unreadable => {
            r.note_here("email", Reason::EmailUnreadable, &found);
            String::new()
        }
        Read::Empty => String::new(),
    }
}

/// A web address; a bare `www.example.org` gets `https://`, `HTTPS://` is lowered.
fn website(r: &mut Record) -> String {
    let found = r.feed.url.clone();
    match values::website(&found) {
        Read::Kept(url) => url,
        Read::Rewritten(url) => {
            r.note_here("url", Reason::WebsiteSchemeCase, &found);
            url
        }
        Read::Unreadable => {
            r.note_here("url", Reason::WebsiteUnreadable, &found);
            String::new()
        }
        Read::Empty | Read::Placeholder => String::new(),
    }
}

fn address(s: &FeedService) -> Option<OutAddress> {
    let a = s.address.as_ref()?;
    let address = OutAddress {
        lines: unique(a.lines.iter().map(|l| one_line(l))),
        town: one_line(&a.town),
        county: one_line(&a.county),
        postcode: one_line(&a.postcode).to_uppercase(),
    };
    let is_empty = address.lines.is_empty() && address.town.is_empty() && address.postcode.is_empty();
    (!is_empty).then_some(address)
}

/// Weekly schedules as opening hours: days with the same times share one entry.
fn hours(r: &mut Record) -> Vec<OutHours> {
    let mut by_times: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for schedule in &r.feed.schedules {
        let Some((days, opens, closes)) = read_schedule(r, schedule) else { continue };
        let entry = by_times.entry((opens, closes)).or_default();
        entry.extend(days);
    }
    let mut hours: Vec<OutHours> = by_times
        .into_iter()
        .map(|((opens, closes), mut days)| {
            days.sort_unstable();
            days.dedup();
            OutHours { days: days.iter().map(|d| DAYS[*d].to_string()).collect(), opens, closes }
        })
        .collect();
    let first_day = |h: &OutHours| DAYS.iter().position(|d| *d == h.days[0]).unwrap_or(7);
    hours.sort_by(|a, b| (first_day(a), &a.opens).cmp(&(first_day(b), &b.opens)));
    hours
}

/// Days and times of one schedule, or `None` (noted) when it cannot be said.
fn read_schedule(r: &mut Record, s: &FeedSchedule) -> Option<(Vec<usize>, String, String)> {
    let opens = time(r, s, "opens_at", &s.opens);
    let closes = time(r, s, "closes_at", &s.closes);
    let days: Vec<usize> = s.days.iter().filter_map(|token| weekday(token)).collect();
    if days.len() != s.days.len() {
        let unread: Vec<&str> = s.days.iter().filter(|t| weekday(t).is_none()).map(String::as_str).collect();
        r.note(&s.place, s.days_field, Reason::DayUnreadable, &unread.join(", "));
        return None;
    }
    let (opens, closes) = (opens?, closes?);
    if days.is_empty() {
        r.note(&s.place, s.days_field, Reason::NoDays, "");
        return None;
    }
    // Open until midnight: the contract writes the end of the day as 24:00.
    let closes = if closes == "00:00" && opens != "00:00" { "24:00".to_string() } else { closes };
    if closes <= opens {
        r.note(&s.place, "closes_at", Reason::ClosesBeforeOpens, &format!("{} to {}", s.opens, s.closes));
        return None;
    }
    Some((days, opens, closes))
}

/// A time as `HH:MM`, the rewrite of a 12-hour or other form noted; `None`
/// (noted) when there is none or it cannot be read.
fn time(r: &mut Record, s: &FeedSchedule, field: &str, text: &str) -> Option<String> {
    match values::time(text) {
        Read::Kept(t) => Some(t),
        Read::Rewritten(t) => {
            r.note(&s.place, field, Reason::TimeRewritten, text);
            Some(t)
        }
        Read::Empty | Read::Placeholder => {
            r.note(&s.place, field, Reason::TimeEmpty, "");
            None
        }
        Read::Unreadable => {
            r.note(&s.place, field, Reason::TimeUnreadable, text);
            None
        }
    }
}

/// `09:00:00`, `9:00` or `09:00` → `09:00`; anything else `None`.
pub fn normalise_time(text: &str) -> Option<String> {
    values::strict_time(text)
}

/// A day index (0 = Monday) from `MO`, `Mon`, `Monday` or `1`…`7` (1 = Monday, as ISO 8601 counts).
pub fn weekday(token: &str) -> Option<usize> {
    let t = token.trim().to_lowercase();
    if let Ok(n) = t.parse::<usize>() {
        return (1..=7).contains(&n).then(|| n - 1);
    }
    const NAMES: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    const RRULE: [&str; 7] = ["mo", "tu", "we", "th", "fr", "sa", "su"];
    NAMES
        .iter()
        .position(|n| *n == t)
        .or_else(|| RRULE.iter().position(|r| *r == t))
        .or_else(|| DAYS.iter().position(|d| *d == t))
}

fn ages(r: &mut Record) -> (Option<u32>, Option<u32>) {
    let (min_found, max_found) = (r.feed.minimum_age, r.feed.maximum_age);
    let mut age = |value: Option<i64>, field: &str| -> Option<u32> {
        let found = value.map(|v| v.to_string()).unwrap_or_default();
        match values::age(value) {
            Read::Kept(years) | Read::Rewritten(years) => years.parse().ok(),
            Read::Placeholder => {
                r.note_here(field, Reason::AgePlaceholder, &found);
                None
            }
            Read::Unreadable => {
                r.note_here(field, Reason::AgeOutOfRange, &found);
                None
            }
            Read::Empty => None,
        }
    };
    let minimum = age(min_found, "minimum_age");
    let maximum = age(max_found, "maximum_age");
    match (minimum, maximum) {
        (Some(min), Some(max)) if max < min => {
            r.note_here("maximum_age", Reason::AgesReversed, &format!("{max} (minimum {min})"));
            (minimum, None)
        }
        _ => (minimum, maximum),
    }
}

/// `assured_date`, else the feed's `last_modified` (said in a warning), else
/// the oldest date: never a date the feed did not give.
fn last_verified(r: &mut Record, notes: &mut Notes) -> String {
    let s = r.feed;
    if !s.assured_date.is_empty() {
        match date_of(&s.assured_date) {
            Some(date) => return date,
            None => r.note_here("assured_date", Reason::AssuredDateUnreadable, &s.assured_date),
        }
    }
    if let Some(date) = date_of(&s.last_modified) {
        notes.verified_from_last_modified.push(r.name.clone());
        return date;
    }
    notes.never_verified.push(r.name.clone());
    NEVER_VERIFIED.to_string()
}

/// The date part of `2023-03-15` or `2023-03-15T10:30:45.123Z`.
fn date_of(text: &str) -> Option<String> {
    let day = text.trim().get(..10)?;
    Date::parse(day).map(|d| d.to_string())
}

/// A category as another signpost site published it: the term's code is the
/// category id there, which the map may still override.
fn signpost_category(term: &Term) -> Option<String> {
    let published_by_signpost = term.taxonomy.ends_with(crate::oruk::CATEGORY_TAXONOMY_SUFFIX);
    (published_by_signpost && crate::urls::is_valid_id(&term.code)).then(|| term.code.clone())
}

/// Categories from the map; a service with no mapped term is uncategorised,
/// and its terms are counted for the one warning about unmapped terms.
/// Audience tags go through the same map; those it does not hold are
/// handed back as words for the eligibility text.
fn categorise(s: &FeedService, map: &CategoryMap, unmapped: &mut Vec<String>) -> (Vec<String>, Vec<String>) {
    let mut categories = Vec::new();
    for term in &s.terms {
        match (map.of(term), signpost_category(term)) {
            (Some(ids), _) => categories.extend(ids.iter().cloned()),
            (None, Some(id)) => categories.push(id),
            (None, None) => unmapped.push(term.label()),
        }
    }
    let mut audience = Vec::new();
    for term in &s.audiences {
        match map.of(term) {
            Some(ids) => categories.extend(ids.iter().cloned()),
            None => audience.push(one_line(&term.name)),
        }
    }
    let categories = unique(categories.into_iter());
    let categories = if categories.is_empty() { vec![UNCATEGORISED.to_string()] } else { categories };
    (categories, unique(audience.into_iter()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_normalise_to_hours_and_minutes() {
        assert_eq!(normalise_time("09:00:00").as_deref(), Some("09:00"));
        assert_eq!(normalise_time("9:00").as_deref(), Some("09:00"));
        assert_eq!(normalise_time("17:30").as_deref(), Some("17:30"));
        assert_eq!(normalise_time("24:00").as_deref(), Some("24:00"));
        for bad in ["25:00", "9", "9am", "09:0", "", "12:60", "aa:bb", "09:00:99"] {
            assert_eq!(normalise_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn weekdays_in_every_spelling() {
        assert_eq!(weekday("MO"), Some(0));
        assert_eq!(weekday("Sunday"), Some(6));
        assert_eq!(weekday("1"), Some(0));
        assert_eq!(weekday("7"), Some(6));
        assert_eq!(weekday("thu"), Some(3));
        assert_eq!(weekday("8"), None);
        assert_eq!(weekday("Funday"), None);
    }
}
