//! The two shapes a service takes on its way through an import.
//!
//! Every reader (v3 JSON, v1 JSON, CSV tables, a live API) turns its input
//! into [`FeedService`]s: loose text, as the feed wrote it, each with the
//! [`Place`] it came from so a bad value can be pointed at. `convert` then
//! turns those into [`OutService`]s: exactly the fields of the author's
//! contract, already checked, which `merge` compares and `yaml_out` writes.
//! Keeping the two apart means no reader needs to know the contract's rules.

use crate::content::service::{BankHolidays, Phone};
use crate::content::{Directory, Service, ServiceStatus};
use crate::diagnostics::Diagnostic;

/// Where a value was found: the input file (or URL), the line when known
/// (CSV rows), and a path to prefix field names with (`contents[2].`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: u64,
    pub prefix: String,
}

impl Place {
    pub fn new(file: impl Into<String>, line: u64, prefix: impl Into<String>) -> Self {
        Place { file: file.into(), line, prefix: prefix.into() }
    }

    /// The place of a value inside this one: `contents[2].` + `schedules[0].`.
    pub fn child(&self, key: &str) -> Place {
        Place { prefix: format!("{}{key}.", self.prefix), ..self.clone() }
    }

    pub fn field(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    pub fn error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        self.locate(Diagnostic::error(&self.file, message), key)
    }

    pub fn warning(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        self.locate(Diagnostic::warning(&self.file, message), key)
    }

    fn locate(&self, d: Diagnostic, key: &str) -> Diagnostic {
        let field = self.field(key);
        let d = d.at(self.line, 0);
        if field.is_empty() { d } else { d.field(field.trim_end_matches('.')) }
    }
}

/// A taxonomy term as a feed names it; any of the three may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    pub id: String,
    pub uri: String,
    pub name: String,
    /// The taxonomy's name and the term's code (v3 `taxonomy`, `term`):
    /// how a feed published by another signpost site names its categories.
    pub taxonomy: String,
    pub code: String,
}

impl Term {
    /// How the term is named in the unmapped-terms warning.
    pub fn label(&self) -> String {
        match (self.name.is_empty(), self.id.is_empty()) {
            (false, false) => format!("{} ({})", self.name, self.id),
            (false, true) => self.name.clone(),
            _ if !self.uri.is_empty() => self.uri.clone(),
            _ => self.id.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedAddress {
    pub lines: Vec<String>,
    pub town: String,
    pub county: String,
    pub postcode: String,
}

/// A phone number as written, its extension when a separate column has it,
/// and its label (the feed's `description`, or its `type` when that says
/// more than "voice": see [`phone_label`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedPhone {
    /// Its own record: a `phones.csv` row, or `contacts[0].phones[1].` in
    /// JSON, so what the import says about it points there.
    pub place: Place,
    pub number: String,
    pub extension: String,
    pub label: String,
}

impl FeedPhone {
    pub fn new(number: impl Into<String>) -> FeedPhone {
        FeedPhone { number: number.into(), ..FeedPhone::default() }
    }
}

/// A phone's label from HSDS's `description` and `type`: the description,
/// with the type beside it when the type is not the usual `voice`
/// (`Support line (textphone)`), or the type alone (`Fax`). A description
/// that names its type already (`Text relay`, type `text`) is enough.
pub fn phone_label(description: &str, kind: &str) -> String {
    let description = description.split_whitespace().collect::<Vec<_>>().join(" ");
    let kind = kind.trim().to_lowercase();
    let is_said = kind == "voice" || description.to_lowercase().contains(&kind);
    let kind = if is_said { "" } else { kind.as_str() };
    match (description.is_empty(), kind.is_empty()) {
        (false, false) => format!("{description} ({kind})"),
        (false, true) => description,
        (true, false) => kind[..1].to_uppercase() + &kind[1..],
        (true, true) => String::new(),
    }
}

/// Weekly opening times as written: day tokens such as `MO`, `Monday` or
/// `1`, and times such as `09:00:00`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedSchedule {
    pub place: Place,
    /// The field the days came from (`byday` or `weekday`), for messages.
    pub days_field: &'static str,
    pub days: Vec<String>,
    pub opens: String,
    pub closes: String,
}

/// One service as a feed describes it, before any contract rule applies.
#[derive(Debug, Clone, Default)]
pub struct FeedService {
    pub place: Place,
    pub source_id: String,
    pub name: String,
    pub organisation: String,
    /// HTML or plain text.
    pub description: String,
    pub url: String,
    pub email: String,
    /// Every phone the record gives, in the order the feed does: the
    /// service's own, its contacts', its locations'.
    pub phones: Vec<FeedPhone>,
    pub status: String,
    pub address: Option<FeedAddress>,
    pub schedules: Vec<FeedSchedule>,
    /// Names or ISO 639 codes.
    pub languages: Vec<String>,
    pub minimum_age: Option<i64>,
    pub maximum_age: Option<i64>,
    pub eligibility: String,
    pub cost: String,
    pub alert: String,
    pub areas: Vec<String>,
    pub terms: Vec<Term>,
    /// Audience tags of publishing platforms (Placecube's
    /// `pc_targetAudience`): categories through the map, else eligibility text.
    pub audiences: Vec<Term>,
    /// Referral routes (`self`, `professional`, `gp`), from a feed published
    /// by a signpost site; other feeds do not say.
    pub referral: Vec<String>,
    /// The id the service had on the signpost site that published the feed
    /// (its `signpost.slug`), kept when free so links survive a move.
    pub preferred_id: String,
    pub assured_date: String,
    pub last_modified: String,
}

/// What was read, and how the input was recognised.
#[derive(Debug, Default)]
pub struct Feed {
    /// The input as the user named it: a path or a URL.
    pub source: String,
    /// `Open Referral UK v3 service list page`, for messages and the header.
    pub format: String,
    /// What was found on the way, when it helps (`zip, datapackage.json
    /// listing 14 tables found, 14 CSV tables in data/`).
    pub found: String,
    pub services: Vec<FeedService>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutContact {
    pub phone: String,
    /// The other numbers, with their labels (`contact.phones`).
    pub phones: Vec<Phone>,
    pub email: String,
    pub website: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutAddress {
    pub lines: Vec<String>,
    pub town: String,
    pub county: String,
    pub postcode: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutHours {
    /// Day ids as the contract writes them: `mon` … `sun`, in week order.
    pub days: Vec<String>,
    pub opens: String,
    pub closes: String,
}

/// A service exactly as the author's contract has it; empty text and empty
/// lists are fields left out. `status` is empty for active.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutService {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub description: String,
    pub categories: Vec<String>,
    pub areas: Vec<String>,
    pub eligibility: String,
    pub cost: String,
    pub referral: Vec<String>,
    pub contact: Option<OutContact>,
    pub address: Option<OutAddress>,
    pub opening_hours: Vec<OutHours>,
    pub languages: Vec<String>,
    pub last_verified: String,
    pub status: String,
    pub alert: String,
    pub minimum_age: Option<u32>,
    pub maximum_age: Option<u32>,
    pub source_id: String,
    /// `open`, `closed` or empty: the file's, as no feed says it.
    pub bank_holidays: String,
}

impl OutService {
    /// A service read back from a directory file, for merging.
    pub fn from_service(s: &Service) -> OutService {
        OutService {
            id: s.id.value.clone(),
            name: s.name.clone(),
            organisation: s.organisation.clone(),
            description: s.description.clone(),
            categories: s.categories.iter().map(|c| c.value.clone()).collect(),
            areas: s.areas.clone(),
            eligibility: s.eligibility.clone(),
            cost: s.cost.clone(),
            referral: s.referral.iter().map(|r| r.id().to_string()).collect(),
            contact: s.contact.as_ref().map(|c| OutContact {
                phone: c.phone.clone(),
                phones: c.phones.clone(),
                email: c.email.clone(),
                website: c.website.clone(),
            }),
            address: s.address.as_ref().map(|a| OutAddress {
                lines: a.lines.clone(),
                town: a.town.clone(),
                county: a.county.clone(),
                postcode: a.postcode.clone(),
            }),
            opening_hours: s
                .opening_hours
                .iter()
                .map(|h| OutHours {
                    days: h
                        .days
                        .iter()
                        .map(|d| crate::content::service::DAYS[*d as usize].to_string())
                        .chain(h.bank_holidays.then(|| crate::content::service::BANK_HOLIDAYS.to_string()))
                        .collect(),
                    opens: format!("{:02}:{:02}", h.opens.0, h.opens.1),
                    closes: format!("{:02}:{:02}", h.closes.0, h.closes.1),
                })
                .collect(),
            languages: s.languages.clone(),
            last_verified: s.last_verified.value.to_string(),
            status: match s.status {
                ServiceStatus::Active => String::new(),
                other => other.id().to_string(),
            },
            alert: s.alert.clone(),
            minimum_age: s.minimum_age,
            maximum_age: s.maximum_age,
            source_id: s.source_id.clone(),
            bank_holidays: match s.bank_holidays {
                BankHolidays::Unsaid => String::new(),
                BankHolidays::Open => "open".into(),
                BankHolidays::Closed => "closed".into(),
            },
        }
    }
}

/// The directory file an import writes into, as it stands.
#[derive(Debug, Clone, Default)]
pub struct Existing {
    pub title: String,
    pub description: String,
    pub services: Vec<OutService>,
    /// The bytes on disk, to leave alone when nothing changed.
    pub text: String,
}

impl Existing {
    pub fn from_directory(d: &Directory, text: &str) -> Existing {
        Existing {
            title: d.title.clone(),
            description: d.description.clone(),
            services: d.services.iter().map(OutService::from_service).collect(),
            text: text.to_string(),
        }
    }
}
