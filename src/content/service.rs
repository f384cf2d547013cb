//! Service directories: a YAML file with a title and a list of services.

use super::failed::LostServices;
use super::guideline::{FieldKind, OneValueField};
use super::list_field::{Choices, ListField, Shape};
use super::{Located, key_of, parse_yaml};
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::fields::{Fields, Sink};
use crate::source::SourceFile;
use crate::urls::is_valid_id;
use crate::yaml::{Node, Pos, Value};

#[derive(Debug, Clone)]
pub struct Directory {
    pub source: String,
    /// The file stem: `content/services/housing.yaml` → `housing`.
    pub slug: String,
    pub title: String,
    pub description: String,
    /// The line of `description:`, for the places of problems in its Markdown.
    pub description_line: u64,
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Referral {
    SelfReferral,
    Professional,
    Gp,
}

impl Referral {
    pub const ALL: [Referral; 3] = [Referral::SelfReferral, Referral::Professional, Referral::Gp];

    pub fn id(self) -> &'static str {
        match self {
            Referral::SelfReferral => "self",
            Referral::Professional => "professional",
            Referral::Gp => "gp",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Referral::SelfReferral => "Self-referral",
            Referral::Professional => "Professional referral",
            Referral::Gp => "GP referral",
        }
    }
}

/// Whether a service is running. Inactive services are kept in the YAML (an
/// import may mark them so) but not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum ServiceStatus {
    #[default]
    Active,
    TemporarilyClosed,
    Inactive,
}

impl ServiceStatus {
    pub const ALL: [ServiceStatus; 3] =
        [ServiceStatus::Active, ServiceStatus::TemporarilyClosed, ServiceStatus::Inactive];

    /// The value written in YAML.
    pub fn id(self) -> &'static str {
        match self {
            ServiceStatus::Active => "active",
            ServiceStatus::TemporarilyClosed => "temporarily-closed",
            ServiceStatus::Inactive => "inactive",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ServiceStatus::Active => "Active",
            ServiceStatus::TemporarilyClosed => "Temporarily closed",
            ServiceStatus::Inactive => "Inactive",
        }
    }

    /// What choosing it does, as the editor's form says.
    pub fn meaning(self) -> &'static str {
        match self {
            ServiceStatus::Active => "Running: published as usual.",
            ServiceStatus::TemporarilyClosed => {
                "Published with a notice that it is closed for now; say why in the alert."
            }
            ServiceStatus::Inactive => "Kept in the file but not published.",
        }
    }
}

pub const NAME: OneValueField =
    OneValueField { key: "name", label: "Name", kind: FieldKind::Text, hint: "Required. What the service is called." };
pub const ORGANISATION: OneValueField =
    OneValueField { key: "organisation", label: "Organisation", kind: FieldKind::Text, hint: "Required. Who runs it." };
pub const DESCRIPTION: OneValueField = OneValueField {
    key: "description",
    label: "Description",
    kind: FieldKind::LongText,
    hint: "Required. What it offers, in a sentence or a short paragraph.",
};
pub const ELIGIBILITY: OneValueField =
    OneValueField { key: "eligibility", label: "Eligibility", kind: FieldKind::Text, hint: "Who can use it." };
pub const COST: OneValueField =
    OneValueField { key: "cost", label: "Cost", kind: FieldKind::Text, hint: "For example Free." };
pub const STATUS: OneValueField =
    OneValueField { key: "status", label: "Status", kind: FieldKind::ServiceStatus, hint: "" };
pub const ALERT: OneValueField = OneValueField {
    key: "alert",
    label: "Alert",
    kind: FieldKind::Text,
    hint: "A notice shown at the top of the service's page, such as a temporary closure.",
};
pub const LAST_VERIFIED: OneValueField = OneValueField {
    key: "last_verified",
    label: "Last verified",
    kind: FieldKind::Date,
    hint: "Required. When someone last checked these details were right.",
};

/// A service's fields that hold one value, in the order the editor's form
/// shows them. The parser reads each by its `key` here.
pub const ONE_VALUE_FIELDS: [OneValueField; 8] =
    [NAME, ORGANISATION, DESCRIPTION, ELIGIBILITY, COST, STATUS, ALERT, LAST_VERIFIED];

pub const CATEGORIES: ListField =
    ListField::strings("categories", "Categories", "At least one.").with(Choices::Categories);
pub const AREAS: ListField =
    ListField::strings("areas", "Areas", "The places it serves: a wider area covers every area inside it.")
        .with(Choices::Areas);
pub const REFERRAL: ListField =
    ListField::strings("referral", "Referral routes", "How people get to it.").with(Choices::ReferralRoutes);
pub const PHONE_PARTS: [ListField; 2] = [
    ListField::text("number", "Number", "Digits and spaces, like 01305 000000."),
    ListField::text("label", "Label", "What the number is for, like Text relay."),
];
pub const CONTACT_PARTS: [ListField; 4] = [
    ListField::text("phone", "Main phone", "Shown first, with no label."),
    ListField {
        key: "phones",
        label: "More phone numbers",
        shape: Shape::Rows(&PHONE_PARTS),
        choices: Choices::None,
        hint: "Empty a number to remove it.",
    },
    ListField::text("email", "Email", "Like help@example.org."),
    ListField::text("website", "Website", "Starting https://."),
];
pub const CONTACT: ListField = ListField {
    key: "contact",
    label: "Contact",
    shape: Shape::Group(&CONTACT_PARTS),
    choices: Choices::None,
    hint: "At least one way to get in touch, if any is given.",
};
pub const ADDRESS_PARTS: [ListField; 4] = [
    ListField::strings("lines", "Address lines", "One a row, before the town."),
    ListField::text("town", "Town", ""),
    ListField::text("county", "County", ""),
    ListField::text("postcode", "Postcode", ""),
];
pub const ADDRESS: ListField = ListField {
    key: "address",
    label: "Address",
    shape: Shape::Group(&ADDRESS_PARTS),
    choices: Choices::None,
    hint: "",
};
pub const HOURS_PARTS: [ListField; 3] = [
    ListField::strings("days", "Days", "").with(Choices::Days),
    ListField::text("opens", "Opens", "24-hour, like 09:00.").with(Choices::Time),
    ListField::text("closes", "Closes", "24-hour, like 17:30.").with(Choices::Time),
];
pub const OPENING_HOURS: ListField = ListField {
    key: "opening_hours",
    label: "Opening hours",
    shape: Shape::Rows(&HOURS_PARTS),
    choices: Choices::None,
    hint: "A row for each group of days with the same times. Untick every day of a row to remove it.",
};
pub const LANGUAGES: ListField =
    ListField::strings("languages", "Languages", "One a row, for example Polish.").with(Choices::UsedInSite);
pub const MINIMUM_AGE: ListField = ListField {
    key: "minimum_age",
    label: "Minimum age",
    shape: Shape::Whole,
    choices: Choices::None,
    hint: "In whole years.",
};
pub const MAXIMUM_AGE: ListField = ListField {
    key: "maximum_age",
    label: "Maximum age",
    shape: Shape::Whole,
    choices: Choices::None,
    hint: "In whole years, not below the minimum age.",
};

/// A service's fields that hold a list, a mapping or a number, in the
/// order the editor's form shows them. The parser reads each by its `key`
/// here.
pub const LIST_FIELDS: [ListField; 9] =
    [CATEGORIES, AREAS, REFERRAL, CONTACT, ADDRESS, OPENING_HOURS, LANGUAGES, MINIMUM_AGE, MAXIMUM_AGE];

/// What a service does on a bank holiday, when its `opening_hours` have no
/// entry for bank holidays: `bank_holidays: open` keeps the usual hours of
/// the weekday, `closed` says so. Unsaid, "Open now" takes it as closed
/// for a service that keeps weekday hours, and asks people to check for one
/// that opens at weekends (docs/opening-hours.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum BankHolidays {
    #[default]
    Unsaid,
    Open,
    Closed,
}

/// Serialised as its YAML value (`"temporarily-closed"`).
impl serde::Serialize for ServiceStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Contact {
    /// The main number, shown first and without a label.
    pub phone: String,
    /// More numbers, each perhaps with a label ("Text relay"), in the
    /// order written (`contact.phones`, docs/directories.md).
    pub phones: Vec<Phone>,
    pub email: String,
    pub website: String,
}

/// One of a service's further numbers: `{number: "01305 000000", label: "Text relay"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Phone {
    pub number: String,
    /// Empty when the entry has none.
    pub label: String,
}

impl Contact {
    /// Every number, the main one first (unlabelled), then `phones`.
    pub fn all_phones(&self) -> Vec<Phone> {
        let main = (!self.phone.is_empty()).then(|| Phone { number: self.phone.clone(), label: String::new() });
        main.into_iter().chain(self.phones.iter().cloned()).collect()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Address {
    pub lines: Vec<String>,
    pub town: String,
    pub county: String,
    pub postcode: String,
}

#[derive(Debug, Clone)]
pub struct Hours {
    /// Day indexes, 0 = Monday.
    pub days: Vec<u8>,
    /// The entry holds on bank holidays too (`days: [bank-holidays]`), and
    /// then the service is open these hours on a bank holiday, whatever the
    /// weekday.
    pub bank_holidays: bool,
    pub opens: (u8, u8),
    pub closes: (u8, u8),
}

impl Hours {
    /// `[0, 1, 2, 3, 4]` → `Monday to Friday`; `[1, 3]` → `Tuesday and Thursday`;
    /// with bank holidays, `Saturday and bank holidays`.
    pub fn days_in_words(&self) -> String {
        match (self.days.is_empty(), self.bank_holidays) {
            (true, _) => "Bank holidays".to_string(),
            (false, true) => format!("{} and bank holidays", days_in_words(&self.days)),
            (false, false) => days_in_words(&self.days),
        }
    }

    /// `09:00`–`17:30` → `9am to 5:30pm`.
    pub fn times_in_words(&self) -> String {
        format!("{} to {}", time_in_words(self.opens), time_in_words(self.closes))
    }
}

const DAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn days_in_words(days: &[u8]) -> String {
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let consecutive = sorted.len() > 2 && sorted.windows(2).all(|w| w[1] == w[0] + 1);
    if consecutive {
        return format!("{} to {}", DAY_NAMES[sorted[0] as usize], DAY_NAMES[*sorted.last().unwrap_or(&0) as usize]);
    }
    let names: Vec<&str> = sorted.iter().map(|d| DAY_NAMES[*d as usize]).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn time_in_words((h, m): (u8, u8)) -> String {
    let suffix = if h < 12 || h == 24 { "am" } else { "pm" };
    match (h, m) {
        (12, 0) => "midday".to_string(),
        (0, 0) | (24, 0) => "midnight".to_string(),
        _ => {
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            if m == 0 { format!("{h12}{suffix}") } else { format!("{h12}:{m:02}{suffix}") }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Service {
    pub id: Located<String>,
    pub source: String,
    pub directory_slug: String,
    pub name: String,
    pub organisation: String,
    pub description: String,
    pub description_line: u64,
    pub categories: Vec<Located<String>>,
    pub areas: Vec<String>,
    /// Where each of `areas` is written, for warnings about them.
    pub areas_at: Vec<crate::yaml::Pos>,
    pub eligibility: String,
    pub cost: String,
    pub referral: Vec<Referral>,
    pub contact: Option<Contact>,
    pub address: Option<Address>,
    pub opening_hours: Vec<Hours>,
    /// `bank_holidays: open | closed`.
    pub bank_holidays: BankHolidays,
    pub languages: Vec<String>,
    pub last_verified: Located<Date>,
    pub status: ServiceStatus,
    /// A short notice shown prominently ("Closed until 5 January").
    pub alert: String,
    pub minimum_age: Option<u32>,
    pub maximum_age: Option<u32>,
    /// The service's id in the feed it was imported from.
    pub source_id: String,
}

impl Service {
    /// Whole days since someone last checked the entry.
    pub fn days_since_verified(&self, today: Date) -> i64 {
        self.last_verified.value.days_until(today)
    }

    /// Stale once more than `stale_days` have passed since the last check:
    /// on day `stale_days` itself it is still fresh.
    pub fn is_stale(&self, today: Date, stale_days: i64) -> bool {
        self.days_since_verified(today) > stale_days
    }
}

pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// In an opening-hours entry's days: the hours hold on bank holidays.
pub const BANK_HOLIDAYS: &str = "bank-holidays";

pub fn parse_directory(file: &SourceFile) -> (Option<Directory>, Vec<Diagnostic>) {
    let read = read_directory_file(file);
    (read.directory, read.diagnostics)
}

/// A directory file as read: the directory, if the file read well enough to
/// have one, and which services its errors cost.
pub struct DirectoryRead {
    pub directory: Option<Directory>,
    pub lost: LostServices,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a directory file and says which services its errors cost, so a
/// check of service ids elsewhere knows which ids might exist unread.
pub fn read_directory_file(file: &SourceFile) -> DirectoryRead {
    let rel = file.rel.as_str();
    let unread = |d: Diagnostic| DirectoryRead { directory: None, lost: LostServices::Any, diagnostics: vec![d] };
    if file.text.trim().is_empty() {
        let d = Diagnostic::error(rel, "found an empty file, expected a service directory with title and services")
            .at(1, 1);
        return unread(d);
    }
    let node = match parse_yaml(rel, &file.text) {
        Ok(node) => node,
        Err(d) => return unread(d),
    };
    let mut sink = Sink::new(rel);
    let mut lost = LostServices::Ids(Vec::new());
    let directory = read_directory(&node, rel, &mut lost, &mut sink);
    DirectoryRead { directory, lost, diagnostics: sink.diagnostics }
}

/// `content/services/housing.yaml` → `housing`.
pub fn slug_of(rel: &str) -> String {
    key_of(rel).rsplit('/').next().unwrap_or_default().to_string()
}

/// A directory file's own one-value fields (its services are a list).
/// The parser reads each by its `key` here, and the editor's form of a
/// directory is drawn from [`DIRECTORY_FIELDS`].
pub const DIRECTORY_TITLE: OneValueField =
    OneValueField { key: "title", label: "Title", kind: FieldKind::Text, hint: "Required. The directory's heading." };
pub const DIRECTORY_DESCRIPTION: OneValueField = OneValueField {
    key: "description",
    label: "Description",
    kind: FieldKind::LongText,
    hint: "Optional, Markdown. Shown above the directory's services.",
};
pub const DIRECTORY_FIELDS: [OneValueField; 2] = [DIRECTORY_TITLE, DIRECTORY_DESCRIPTION];

fn read_directory(node: &Node, rel: &str, lost: &mut LostServices, sink: &mut Sink) -> Option<Directory> {
    let Some(mut f) = Fields::of(node, "", "a service directory (title, description, services)", sink) else {
        lost.add(None);
        return None;
    };
    let title = f.required_string(DIRECTORY_TITLE.key, sink);
    let description_line = f.get(DIRECTORY_DESCRIPTION.key).map_or(node.pos.line, |n| n.pos.line);
    let description = f.string(DIRECTORY_DESCRIPTION.key, sink).unwrap_or_default();
    let slug = slug_of(rel);
    let mut services = Vec::new();
    if let Some(list) = f.require("services") {
        match &list.value {
            Value::Seq(items) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    match read_service(item, i, rel, &slug, sink) {
                        Some(s) => services.push(s),
                        None => lost.add(readable_id(item)),
                    }
                }
            }
            Value::Seq(_) => sink.wrong(list, "services", "a list of at least one service"),
            _ => {
                // Services written in another shape could hold any id.
                lost.add(None);
                f.not_a_list("services", list, "a list of at least one service", sink);
            }
        }
    }
    f.finish(sink);
    let Some(title) = title else {
        // No directory without its title, so its good services are lost too.
        services.iter().for_each(|s| lost.add(Some(&s.id.value)));
        return None;
    };
    Some(Directory { source: rel.to_string(), slug, title, description, description_line, services })
}

/// The id of a service that failed to read, if the id itself is valid.
fn readable_id(node: &Node) -> Option<&str> {
    let Value::Map(entries) = &node.value else { return None };
    let (_, id) = entries.iter().find(|(k, _)| k.as_str() == Some("id"))?;
    id.as_str().filter(|id| is_valid_id(id))
}

fn read_service(node: &Node, index: usize, rel: &str, slug: &str, sink: &mut Sink) -> Option<Service> {
    let prefix = format!("services[{index}].");
    let mut f = Fields::of(node, &prefix, "a service (id, name, organisation, …)", sink)?;
    let errors_before = sink.diagnostics.len();
    let id = read_id(&mut f, sink);
    let name = f.required_string(NAME.key, sink);
    let organisation = f.required_string(ORGANISATION.key, sink);
    let description_line = f.get(DESCRIPTION.key).map_or(node.pos.line, |n| n.pos.line);
    let description = f.required_string(DESCRIPTION.key, sink);
    let categories = read_categories(&mut f, sink);
    let (areas, areas_at) = f.strings(AREAS.key, sink).into_iter().unzip();
    let eligibility = f.string(ELIGIBILITY.key, sink).unwrap_or_default();
    let cost = f.string(COST.key, sink).unwrap_or_default();
    let referral = read_referral(&mut f, sink);
    let contact = read_contact(&mut f, sink);
    let address = read_address(&mut f, sink);
    let opening_hours = read_hours(&mut f, sink);
    let bank_holidays = read_bank_holidays(&mut f, &opening_hours, sink);
    let languages = f.strings(LANGUAGES.key, sink).into_iter().map(|(s, _)| s).collect();
    let last_verified = f.required_date(LAST_VERIFIED.key, sink);
    let status = read_status(&mut f, sink);
    let alert = f.string(ALERT.key, sink).unwrap_or_default();
    let (minimum_age, maximum_age) = read_ages(&mut f, sink);
    let source_id = f.string("source_id", sink).unwrap_or_default();
    f.finish(sink);
    if sink.diagnostics.len() > errors_before {
        return None;
    }
    Some(Service {
        id: id?,
        source: rel.to_string(),
        directory_slug: slug.to_string(),
        name: name?,
        organisation: organisation?,
        description: description?,
        description_line,
        categories,
        areas,
        areas_at,
        eligibility,
        cost,
        referral,
        contact,
        address,
        opening_hours,
        bank_holidays,
        languages,
        last_verified: last_verified.map(|(d, p)| Located::new(d, p))?,
        status,
        alert,
        minimum_age,
        maximum_age,
        source_id,
    })
}

fn read_status(f: &mut Fields, sink: &mut Sink) -> ServiceStatus {
    let Some(node) = f.get(STATUS.key) else {
        return ServiceStatus::Active;
    };
    match ServiceStatus::ALL.into_iter().find(|s| node.as_str() == Some(s.id())) {
        Some(status) => status,
        None => {
            sink.wrong(node, &f.name(STATUS.key), "one of active, temporarily-closed, inactive");
            ServiceStatus::Active
        }
    }
}

/// `bank_holidays: open | closed`; not both it and an opening-hours entry
/// for bank holidays, which would say two things about the same day.
fn read_bank_holidays(f: &mut Fields, hours: &[Hours], sink: &mut Sink) -> BankHolidays {
    let Some(node) = f.get("bank_holidays") else {
        return BankHolidays::Unsaid;
    };
    let value = match node.as_str() {
        Some("open") => BankHolidays::Open,
        Some("closed") => BankHolidays::Closed,
        _ => {
            sink.wrong(node, &f.name("bank_holidays"), "open or closed");
            return BankHolidays::Unsaid;
        }
    };
    if hours.iter().any(|h| h.bank_holidays) {
        sink.error(
            node.pos,
            &f.name("bank_holidays"),
            "found bank_holidays beside an opening_hours entry with days: [bank-holidays], expected one or the other",
        );
    }
    value
}

fn read_ages(f: &mut Fields, sink: &mut Sink) -> (Option<u32>, Option<u32>) {
    let pos = f.get(MAXIMUM_AGE.key).map_or(f.pos(), |n| n.pos);
    let minimum = read_age(f, MINIMUM_AGE.key, sink);
    let maximum = read_age(f, MAXIMUM_AGE.key, sink);
    if let (Some(min), Some(max)) = (minimum, maximum)
        && max < min
    {
        sink.error(pos, &f.name("maximum_age"), format!("found {max}, expected an age not below minimum_age ({min})"));
    }
    (minimum, maximum)
}

fn read_age(f: &mut Fields, key: &'static str, sink: &mut Sink) -> Option<u32> {
    const OLDEST: i64 = 150;
    let pos = f.get(key).map_or(f.pos(), |n| n.pos);
    let years = f.whole_number(key, "an age in whole years, like 18", sink)?;
    if years > OLDEST {
        sink.error(pos, &f.name(key), format!("found {years}, expected an age in years from 0 to {OLDEST}"));
        return None;
    }
    u32::try_from(years).ok()
}

fn read_id(f: &mut Fields, sink: &mut Sink) -> Option<Located<String>> {
    let node = f.require("id")?;
    match node.as_str() {
        Some(id) if id == crate::urls::SHORTLIST_ID => {
            let reason = format!("/{} is the shortlist page, which signpost makes itself", crate::urls::SHORTLIST);
            sink.error(node.pos, &f.name("id"), format!("found \"{id}\", expected another id: {reason}"));
            None
        }
        Some(id) if crate::urls::LIST_IDS.contains(&id) => {
            let reason = format!("/{}{id}/ holds pages of the services list", crate::urls::SERVICES);
            sink.error(node.pos, &f.name("id"), format!("found \"{id}\", expected another id: {reason}"));
            None
        }
        Some(id) if is_valid_id(id) => Some(Located::new(id.to_string(), node.pos)),
        _ => {
            sink.wrong(node, &f.name("id"), "an id of lower-case letters, digits and -, like warm-homes-advice");
            None
        }
    }
}

fn read_categories(f: &mut Fields, sink: &mut Sink) -> Vec<Located<String>> {
    let field = f.name(CATEGORIES.key);
    let errors_before = sink.diagnostics.len();
    let list = f.strings(CATEGORIES.key, sink);
    // A list that had errors of its own is not also missing.
    if list.is_empty() && sink.diagnostics.len() == errors_before {
        f.missing(CATEGORIES.key, "missing, expected at least one category id, like [warmth]");
    }
    list.into_iter()
        .filter_map(|(id, pos)| {
            if is_valid_id(&id) {
                Some(Located::new(id, pos))
            } else {
                let found = crate::diagnostics::quote(&id);
                sink.error(
                    pos,
                    &field,
                    format!("found {found}, expected a category id of lower-case letters, digits and -"),
                );
                None
            }
        })
        .collect()
}

fn read_referral(f: &mut Fields, sink: &mut Sink) -> Vec<Referral> {
    let field = f.name(REFERRAL.key);
    let mut routes = Vec::new();
    for (route, pos) in f.strings(REFERRAL.key, sink) {
        match Referral::ALL.into_iter().find(|r| r.id() == route) {
            Some(r) if !routes.contains(&r) => routes.push(r),
            Some(_) => {}
            None => sink.error(
                pos,
                &field,
                format!("found {}, expected one of self, professional, gp", crate::diagnostics::quote(&route)),
            ),
        }
    }
    routes
}

fn read_contact(f: &mut Fields, sink: &mut Sink) -> Option<Contact> {
    let node = f.get(CONTACT.key)?;
    let prefix = f.name(&format!("{}.", CONTACT.key));
    let mut c = Fields::of(node, &prefix, "a mapping with phone, phones, email or website", sink)?;
    let at = |c: &mut Fields, key: &'static str| c.get(key).map_or(c.pos(), |n| n.pos);
    let phone_pos = at(&mut c, "phone");
    // `phones` counts even when an entry in it is wrong: that entry has
    // its own error, and "no way to get in touch" would be a second one.
    let has_phones = c.get("phones").is_some_and(|n| !matches!(&n.value, Value::Seq(items) if items.is_empty()));
    let (email_pos, website_pos) = (at(&mut c, "email"), at(&mut c, "website"));
    let phone = c.string("phone", sink).unwrap_or_default();
    let phones = read_phones(&mut c, sink);
    let email = c.string("email", sink).unwrap_or_default();
    let website = c.string("website", sink).unwrap_or_default();
    if phone.is_empty() && !has_phones && email.is_empty() && website.is_empty() {
        c.missing_one_of(
            &["phone", "phones", "email", "website"],
            prefix.trim_end_matches('.'),
            "found no way to get in touch, expected at least one of phone, phones, email, website",
        );
    }
    c.finish(sink);
    if !phone.is_empty() {
        check_phone(&phone, phone_pos, &format!("{prefix}phone"), sink);
    }
    if !email.is_empty() && !crate::fields::is_plausible_email(&email) {
        sink.error(
            email_pos,
            &format!("{prefix}email"),
            format!("found {}, expected an email address like help@example.org", crate::diagnostics::quote(&email)),
        );
    }
    if !(website.is_empty() || website.starts_with("https://") || website.starts_with("http://")) {
        sink.error(
            website_pos,
            &format!("{prefix}website"),
            format!("found {}, expected a web address starting https://", crate::diagnostics::quote(&website)),
        );
    }
    Some(Contact { phone, phones, email, website })
}

/// `contact.phones`: a list of `{number, label}`; an entry with a number
/// that cannot be dialled is reported and left out.
fn read_phones(c: &mut Fields, sink: &mut Sink) -> Vec<Phone> {
    let prefix = c.name(CONTACT_PARTS[1].key);
    let Some(items) = c.list(CONTACT_PARTS[1].key, sink) else {
        return Vec::new();
    };
    let mut phones = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = format!("{prefix}[{i}].");
        let Some(mut entry) = Fields::of(
            item,
            &p,
            "a mapping with number and an optional label, like {number: \"01305 000000\", label: Text relay}",
            sink,
        ) else {
            continue;
        };
        let number_pos = entry.get("number").map_or(entry.pos(), |n| n.pos);
        let number = entry.required_string(PHONE_PARTS[0].key, sink);
        let label = entry.string(PHONE_PARTS[1].key, sink).unwrap_or_default();
        entry.finish(sink);
        if let Some(number) = number
            && check_phone(&number, number_pos, &format!("{p}number"), sink)
        {
            phones.push(Phone { number, label });
        }
    }
    phones
}

/// Whether `number` can be dialled; an error at `field` when not.
fn check_phone(number: &str, pos: Pos, field: &str, sink: &mut Sink) -> bool {
    let dialable = phone_href(number).is_some();
    if !dialable {
        sink.error(
            pos,
            field,
            format!(
                "found {}, expected a phone number of digits, spaces and an optional leading +",
                crate::diagnostics::quote(number)
            ),
        );
    }
    dialable
}

/// The category of services an import could not place: signpost's own
/// name, so the site never warns that it has no label.
pub const UNCATEGORISED: &str = "uncategorised";

/// `01305 000000` → `tel:+441305000000`; `None` when it is not a number.
/// An extension (`01305 000000 ext. 105`) is shown but not dialled.
pub fn phone_href(phone: &str) -> Option<String> {
    let phone = match phone.rsplit_once(" ext. ") {
        Some((number, ext)) if !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_digit()) => number,
        _ => phone,
    };
    let allowed = |c: char| c.is_ascii_digit() || " +-()".contains(c);
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    // Relay UK's prefixes (18001 text, 18002 captioned) come before a whole
    // national number, and are dialled as written: `18001 01305 000000`.
    let is_relayed = ["18001", "18002"].iter().any(|p| digits.strip_prefix(p).is_some_and(|n| n.starts_with('0')));
    let max = if is_relayed { 15 + 5 } else { 15 };
    if !phone.chars().all(allowed) || digits.len() < 3 || digits.len() > max {
        return None;
    }
    let international = if phone.trim_start().starts_with('+') {
        format!("+{digits}")
    } else if let Some(national) = digits.strip_prefix('0') {
        format!("+44{national}")
    } else {
        digits
    };
    Some(format!("tel:{international}"))
}

fn read_address(f: &mut Fields, sink: &mut Sink) -> Option<Address> {
    let node = f.get(ADDRESS.key)?;
    let prefix = f.name(&format!("{}.", ADDRESS.key));
    let mut a = Fields::of(node, &prefix, "a mapping with lines, town, county and postcode", sink)?;
    let lines = a.strings(ADDRESS_PARTS[0].key, sink).into_iter().map(|(s, _)| s).collect();
    let town = a.string(ADDRESS_PARTS[1].key, sink).unwrap_or_default();
    let county = a.string(ADDRESS_PARTS[2].key, sink).unwrap_or_default();
    let postcode = a.string(ADDRESS_PARTS[3].key, sink).unwrap_or_default();
    a.finish(sink);
    Some(Address { lines, town, county, postcode })
}

fn read_hours(f: &mut Fields, sink: &mut Sink) -> Vec<Hours> {
    let prefix = f.name(OPENING_HOURS.key);
    let Some(items) = f.list(OPENING_HOURS.key, sink) else {
        return Vec::new();
    };
    let mut hours = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = format!("{prefix}[{i}].");
        let Some(mut h) = Fields::of(item, &p, "days, opens and closes", sink) else {
            continue;
        };
        let (days, bank_holidays) = read_days(&mut h, &p, sink);
        let opens = read_time(&mut h, HOURS_PARTS[1].key, sink);
        let closes = read_time(&mut h, HOURS_PARTS[2].key, sink);
        let pos = h.pos();
        h.finish(sink);
        if let (Some(opens), Some(closes)) = (opens, closes) {
            if closes <= opens {
                sink.error(
                    pos,
                    &format!("{p}closes"),
                    format!(
                        "found {:02}:{:02}, expected a time after opens ({:02}:{:02})",
                        closes.0, closes.1, opens.0, opens.1
                    ),
                );
            } else if !days.is_empty() || bank_holidays {
                hours.push(Hours { days, bank_holidays, opens, closes });
            }
        }
    }
    hours
}

/// The weekdays of an entry, and whether it holds on bank holidays.
fn read_days(h: &mut Fields, prefix: &str, sink: &mut Sink) -> (Vec<u8>, bool) {
    let field = format!("{prefix}days");
    let errors_before = sink.diagnostics.len();
    let mut list = h.strings(HOURS_PARTS[0].key, sink);
    if list.is_empty() && sink.diagnostics.len() == errors_before {
        h.missing("days", "missing, expected a list of days like [mon, tue]");
    }
    let count = list.len();
    list.retain(|(day, _)| !day.trim().eq_ignore_ascii_case(BANK_HOLIDAYS));
    let bank_holidays = list.len() < count;
    let days = list
        .into_iter()
        .filter_map(|(day, pos)| {
            let index = DAYS.iter().position(|d| d.eq_ignore_ascii_case(day.trim()));
            if index.is_none() {
                sink.error(
                    pos,
                    &field,
                    format!(
                        "found {}, expected one of mon, tue, wed, thu, fri, sat, sun, bank-holidays",
                        crate::diagnostics::quote(&day)
                    ),
                );
            }
            index.map(|i| i as u8)
        })
        .collect();
    (days, bank_holidays)
}

fn read_time(h: &mut Fields, key: &'static str, sink: &mut Sink) -> Option<(u8, u8)> {
    let node = h.require(key)?;
    let parsed = node.as_str().and_then(parse_time);
    if parsed.is_none() {
        sink.wrong(node, &h.name(key), "a 24-hour time in quotes, like \"09:00\"");
    }
    parsed
}

fn parse_time(text: &str) -> Option<(u8, u8)> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 || (h == 24 && m == 0)).then_some((h, m))
}

impl Service {
    pub fn pos(&self) -> Pos {
        self.id.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_links_are_international() {
        assert_eq!(phone_href("01305 000000").as_deref(), Some("tel:+441305000000"));
        assert_eq!(phone_href("+44 (0)1305").as_deref(), Some("tel:+4401305"));
        assert_eq!(phone_href("111").as_deref(), Some("tel:111"));
        assert_eq!(phone_href("01305 000000 ext. 105").as_deref(), Some("tel:+441305000000"));
        assert_eq!(phone_href("18001 01305 000000").as_deref(), Some("tel:1800101305000000"));
        assert_eq!(phone_href("18001 1305 000000 0000"), None, "a relay prefix before a national number only");
        assert_eq!(phone_href("01305 000000 ext. 1a"), None);
        assert_eq!(phone_href("call us"), None);
        assert_eq!(phone_href("0800\"onclick"), None);
    }

    #[test]
    fn times_are_24_hour() {
        assert_eq!(parse_time("09:30"), Some((9, 30)));
        assert_eq!(parse_time("24:00"), Some((24, 0)));
        assert_eq!(parse_time("9:30"), None);
        assert_eq!(parse_time("25:00"), None);
    }

    fn lost_services(yaml: &str) -> LostServices {
        let file = SourceFile {
            kind: crate::source::Kind::Directory,
            rel: "content/services/housing.yaml".into(),
            path: "housing.yaml".into(),
            text: yaml.into(),
            version: 1,
        };
        read_directory_file(&file).lost
    }

    const GOOD: &str = "  - id: good\n    name: G\n    organisation: O\n    description: D\n    categories: [c]\n    last_verified: 2026-01-01\n";

    #[test]
    fn a_directory_names_the_services_its_errors_cost() {
        assert_eq!(lost_services(&format!("title: T\nservices:\n{GOOD}")), LostServices::Ids(vec![]));
        let nameless = format!("title: T\nservices:\n{GOOD}  - id: broken\n    organisation: O\n");
        assert_eq!(lost_services(&nameless), LostServices::Ids(vec!["broken".into()]));
        let untitled = format!("services:\n{GOOD}  - id: broken\n");
        assert_eq!(lost_services(&untitled), LostServices::Ids(vec!["broken".into(), "good".into()]));
    }

    #[test]
    fn a_directory_that_does_not_read_could_have_held_any_service() {
        assert_eq!(lost_services(&format!("title: T\nservices:\n{GOOD}  - id: Not An Id\n")), LostServices::Any);
        assert_eq!(lost_services(&format!("title: T\nservices:\n{GOOD}  - just text\n")), LostServices::Any);
        assert_eq!(lost_services("title: T\nservices: {id: x}\n"), LostServices::Any);
        assert_eq!(lost_services("title: [T\n"), LostServices::Any);
        assert_eq!(lost_services("- a list\n"), LostServices::Any);
        assert_eq!(lost_services(""), LostServices::Any);
    }
}
