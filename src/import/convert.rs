//! Feed services into contract services: the mapping back to signpost.
//!
//! Each rule here is one small function: text (HTML is sanitised, then made
//! Markdown), contact details (kept only if signpost's check would accept
//! them, otherwise left out with a warning, so one odd phone number never
//! blocks an import), opening hours (normalised and merged across days),
//! languages, ages, status, the verification date and categories. Problems
//! that would make the result wrong, such as a schedule at "25:00", are
//! errors; odd but harmless data is a warning.

use super::categories::{CategoryMap, UNCATEGORISED};
use super::model::{Feed, FeedSchedule, FeedService, OutAddress, OutContact, OutHours, OutService, Term};
use crate::content::service::{DAYS, phone_href};
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashMap};

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
    pub diagnostics: Vec<Diagnostic>,
}

/// Converts every service, reporting all problems; services with errors are left out.
pub fn convert(feed: &Feed, categories: &CategoryMap) -> Converted {
    let mut result = Converted::default();
    let mut notes = Notes::default();
    let mut seen: HashMap<&str, &FeedService> = HashMap::new();
    for service in &feed.services {
        if let Some(first) = seen.get(service.source_id.as_str()) {
            result.diagnostics.push(duplicate(service, first));
            continue;
        }
        seen.insert(&service.source_id, service);
        match status(service, &mut result.diagnostics) {
            Status::Skip(status) => result.skipped.push(Skipped {
                name: service.name.clone(),
                source_id: service.source_id.clone(),
                status,
            }),
            Status::Import(status) => {
                let errors_before = result.diagnostics.iter().filter(|d| d.is_error()).count();
                let out = convert_one(service, status, categories, &mut result, &mut notes);
                if result.diagnostics.iter().filter(|d| d.is_error()).count() == errors_before {
                    result.services.push(out);
                }
            }
        }
    }
    // Counts of fallbacks only matter for an import that goes ahead.
    if !result.diagnostics.iter().any(Diagnostic::is_error) {
        result.diagnostics.extend(notes.warnings(&feed.source));
    }
    result
}

fn duplicate(service: &FeedService, first: &FeedService) -> Diagnostic {
    let mut where_first = Vec::new();
    if first.place.file != service.place.file {
        where_first.push(first.place.file.clone());
    }
    if first.place.line > 0 {
        where_first.push(format!("line {}", first.place.line));
    } else if !first.place.prefix.is_empty() {
        where_first.push(first.place.prefix.trim_end_matches('.').to_string());
    }
    let at = if where_first.is_empty() { "the top of the file".to_string() } else { where_first.join(" ") };
    service.place.error(
        "id",
        format!(
            "found {} again (first at {at}), expected each service id once",
            crate::diagnostics::quote(&service.source_id)
        ),
    )
}

enum Status {
    Import(String),
    Skip(String),
}

/// `active` (written as nothing), `temporarily-closed`, or skipped for
/// `inactive` and `defunct`. An unknown status is imported as active.
fn status(s: &FeedService, out: &mut Vec<Diagnostic>) -> Status {
    let normal = s.status.trim().to_lowercase().replace(['_', ' '], "-");
    match normal.as_str() {
        "" | "active" => Status::Import(String::new()),
        "temporarily-closed" => Status::Import("temporarily-closed".into()),
        "inactive" | "defunct" => Status::Skip(normal),
        _ => {
            out.push(s.place.warning(
                "status",
                format!(
                    "found {}, expected active, inactive, defunct or temporarily closed; imported as active",
                    crate::diagnostics::quote(&s.status)
                ),
            ));
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
            (!names.is_empty())
                .then(|| Diagnostic::warning(source, format!("{} {what}: {}", count(names.len()), list(names))))
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

/// Names for a message: all of a few, the first ten of many.
pub fn list(names: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut text = names.iter().take(SHOWN).map(|n| crate::diagnostics::quote(n)).collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

fn convert_one(
    s: &FeedService,
    status: String,
    categories: &CategoryMap,
    result: &mut Converted,
    notes: &mut Notes,
) -> OutService {
    let out = &mut result.diagnostics;
    let name = one_line(&s.name);
    let organisation = one_line(&s.organisation);
    if organisation.is_empty() {
        notes.no_organisation.push(name.clone());
    }
    let description = markdown(&s.description);
    if description.is_empty() {
        notes.no_description.push(name.clone());
    }
    let (minimum_age, maximum_age) = ages(s, out);
    let contact = contact(s, out);
    let opening_hours = hours(&s.schedules, out);
    let last_verified = last_verified(s, out, notes);
    let alert = markdown(&s.alert);
    OutService {
        // A signpost feed's own id, kept by `merge` when it is free.
        id: s.preferred_id.clone(),
        // Left empty when missing: `merge` keeps the directory's own value
        // or puts the name in its place.
        organisation,
        description,
        categories: categorise(s, categories, result),
        areas: unique(s.areas.iter().map(|a| one_line(a))),
        eligibility: markdown(&s.eligibility),
        cost: markdown(&s.cost),
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

/// Feed text as Markdown: HTML is cleaned by ammonia (no scripts, styles or
/// event handlers survive) and converted by htmd; plain text is kept,
/// with control characters and trailing spaces removed.
pub fn markdown(text: &str) -> String {
    let text = text.trim();
    let converted = if looks_like_html(text) {
        htmd::convert(&ammonia::clean(text)).unwrap_or_else(|_| ammonia::clean_text(text))
    } else {
        text.to_string()
    };
    let lines: Vec<String> = converted
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_control() || *c == '\t').collect::<String>().trim_end().to_string())
        .collect();
    let mut joined = lines.join("\n");
    while joined.contains("\n\n\n") {
        joined = joined.replace("\n\n\n", "\n\n");
    }
    joined.trim().to_string()
}

fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        || ["&amp;", "&nbsp;", "&lt;", "&gt;", "&quot;", "&#"].iter().any(|e| text.contains(e))
}

fn contact(s: &FeedService, out: &mut Vec<Diagnostic>) -> Option<OutContact> {
    let contact = OutContact { phone: phone(s, out), email: email(s, out), website: website(s, out) };
    let is_empty = contact.phone.is_empty() && contact.email.is_empty() && contact.website.is_empty();
    (!is_empty).then_some(contact)
}

/// A phone number signpost can link to, or nothing (and a warning). Feeds
/// sometimes keep quotes or an extension in the number.
fn phone(s: &FeedService, out: &mut Vec<Diagnostic>) -> String {
    let number = s.phone.trim().trim_matches(['"', '\'']).trim();
    if number.is_empty() || phone_href(number).is_some() {
        return one_line(number);
    }
    out.push(s.place.warning(
        "phone",
        format!(
            "found {}, expected a phone number of digits, spaces and an optional leading +; left out",
            crate::diagnostics::quote(&s.phone)
        ),
    ));
    String::new()
}

fn email(s: &FeedService, out: &mut Vec<Diagnostic>) -> String {
    let email = s.email.trim();
    let plausible = email.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && domain.contains('.')
            && !email.contains(char::is_whitespace)
            && !email.contains(['<', '>', '"'])
    });
    if email.is_empty() || plausible {
        return email.to_string();
    }
    out.push(s.place.warning(
        "email",
        format!(
            "found {}, expected an email address like help@example.org; left out",
            crate::diagnostics::quote(email)
        ),
    ));
    String::new()
}

/// A web address; a bare `www.example.org` gets `https://`.
fn website(s: &FeedService, out: &mut Vec<Diagnostic>) -> String {
    let url = s.url.trim();
    if url.is_empty() || url.starts_with("https://") || url.starts_with("http://") {
        return url.to_string();
    }
    if url.contains('.') && !url.contains(char::is_whitespace) && !url.contains(':') {
        return format!("https://{url}");
    }
    out.push(s.place.warning(
        "url",
        format!("found {}, expected a web address starting https://; left out", crate::diagnostics::quote(url)),
    ));
    String::new()
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
fn hours(schedules: &[FeedSchedule], out: &mut Vec<Diagnostic>) -> Vec<OutHours> {
    let mut by_times: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for schedule in schedules {
        let Some((days, opens, closes)) = read_schedule(schedule, out) else { continue };
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

/// Days and times of one schedule; errors for values that cannot be read.
fn read_schedule(s: &FeedSchedule, out: &mut Vec<Diagnostic>) -> Option<(Vec<usize>, String, String)> {
    let opens = time(&s.opens, s, "opens_at", out);
    let closes = time(&s.closes, s, "closes_at", out);
    let mut days = Vec::new();
    for token in &s.days {
        match weekday(token) {
            Some(d) => days.push(d),
            None => out.push(s.place.error(
                s.days_field,
                format!(
                    "found {}, expected a weekday: MO … SU, Monday … Sunday or 1 (Monday) … 7 (Sunday)",
                    crate::diagnostics::quote(token)
                ),
            )),
        }
    }
    let (opens, closes) = (opens?, closes?);
    if days.len() != s.days.len() {
        return None;
    }
    if days.is_empty() {
        out.push(s.place.warning(s.days_field, "found no days, expected the days these hours apply to; left out"));
        return None;
    }
    if closes <= opens {
        out.push(s.place.warning(
            "closes_at",
            format!("found {closes}, expected a time after opens_at ({opens}); hours past midnight are left out"),
        ));
        return None;
    }
    Some((days, opens, closes))
}

/// `09:00:00`, `9:00` or `09:00` → `09:00`; `None` (and an error) otherwise.
fn time(text: &str, s: &FeedSchedule, field: &str, out: &mut Vec<Diagnostic>) -> Option<String> {
    let parsed = normalise_time(text);
    if parsed.is_none() {
        let found = if text.is_empty() { "nothing".to_string() } else { crate::diagnostics::quote(text) };
        out.push(s.place.error(field, format!("found {found}, expected a 24-hour time like 09:00 or 09:00:00")));
    }
    parsed
}

pub fn normalise_time(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('Z');
    let mut parts = text.split(':');
    let hours = parts.next()?;
    let minutes = parts.next()?;
    let seconds = parts.next();
    if parts.next().is_some() || hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    if seconds.is_some_and(|s| s.len() < 2 || !s[..2].bytes().all(|b| b.is_ascii_digit()) || &s[..2] > "59") {
        return None;
    }
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let (h, m): (u8, u8) = (hours.parse().ok()?, minutes.parse().ok()?);
    let valid = (h < 24 && m < 60) || (h == 24 && m == 0);
    valid.then(|| format!("{h:02}:{m:02}"))
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

fn ages(s: &FeedService, out: &mut Vec<Diagnostic>) -> (Option<u32>, Option<u32>) {
    let age = |value: Option<i64>, field: &str, out: &mut Vec<Diagnostic>| -> Option<u32> {
        let years = value?;
        if (0..=150).contains(&years) {
            return u32::try_from(years).ok();
        }
        out.push(s.place.warning(field, format!("found {years}, expected an age in years from 0 to 150; left out")));
        None
    };
    let minimum = age(s.minimum_age, "minimum_age", out);
    let maximum = age(s.maximum_age, "maximum_age", out);
    match (minimum, maximum) {
        (Some(min), Some(max)) if max < min => {
            out.push(s.place.warning(
                "maximum_age",
                format!("found {max}, expected an age not below minimum_age ({min}); left out"),
            ));
            (minimum, None)
        }
        _ => (minimum, maximum),
    }
}

/// `assured_date`, else the feed's `last_modified` (said in a warning), else
/// the oldest date: never a date the feed did not give.
fn last_verified(s: &FeedService, out: &mut Vec<Diagnostic>, notes: &mut Notes) -> String {
    if !s.assured_date.is_empty() {
        match date_of(&s.assured_date) {
            Some(date) => return date,
            None => out.push(s.place.warning(
                "assured_date",
                format!("found {}, expected a date YYYY-MM-DD; not used", crate::diagnostics::quote(&s.assured_date)),
            )),
        }
    }
    if let Some(date) = date_of(&s.last_modified) {
        notes.verified_from_last_modified.push(one_line(&s.name));
        return date;
    }
    notes.never_verified.push(one_line(&s.name));
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
fn categorise(s: &FeedService, map: &CategoryMap, result: &mut Converted) -> Vec<String> {
    let mut categories = Vec::new();
    for term in &s.terms {
        match (map.of(term), signpost_category(term)) {
            (Some(ids), _) => categories.extend(ids.iter().cloned()),
            (None, Some(id)) => categories.push(id),
            (None, None) => *result.unmapped.entry(term.label()).or_default() += 1,
        }
    }
    if s.terms.is_empty() {
        result.without_terms += 1;
    }
    let categories = unique(categories.into_iter());
    if categories.is_empty() { vec![UNCATEGORISED.to_string()] } else { categories }
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

    #[test]
    fn html_becomes_markdown_without_scripts() {
        let md = markdown("<p>Help with <b>debt</b></p><script>alert(1)</script><ul><li>One</li></ul>");
        assert!(md.contains("**debt**"), "{md}");
        assert!(md.contains("One"), "{md}");
        assert!(!md.contains("alert"), "{md}");
        assert_eq!(markdown("  plain text  "), "plain text");
    }
}
