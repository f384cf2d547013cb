//! HSDS tabular data packages: a folder of CSV tables, one per record type,
//! joined by id columns. HSDS 1.1 (with `datapackage.json`) and ORUK v3
//! (no package file; `schedules.csv`, `attributes.csv`, …) name their tables
//! and columns slightly differently, so each table is looked up under every
//! name either version gives it, and each field under each column name.

use super::model::{FeedAddress, FeedPhone, FeedSchedule, FeedService, Place, Term, phone_label};
use super::package;
use super::v3;
use crate::diagnostics::Diagnostic;
use std::collections::HashMap;

/// One CSV row: its line in the file and its values by column name.
pub struct Row {
    pub line: u64,
    values: HashMap<String, String>,
}

impl Row {
    pub fn get(&self, column: &str) -> &str {
        self.values.get(column).map_or("", |v| v.trim())
    }

    /// The first of several column names that has a value.
    fn first(&self, columns: &[&str]) -> &str {
        columns.iter().map(|c| self.get(c)).find(|v| !v.is_empty()).unwrap_or("")
    }
}

pub struct Table {
    /// How the file is named in messages: the input folder joined with its name.
    pub file: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    fn empty() -> Table {
        Table { file: String::new(), columns: Vec::new(), rows: Vec::new() }
    }

    /// Rows by the value of `column`, for joins.
    fn by<'a>(&'a self, column: &str) -> HashMap<&'a str, Vec<&'a Row>> {
        let mut index: HashMap<&str, Vec<&Row>> = HashMap::new();
        for row in &self.rows {
            let key = row.get(column);
            if !key.is_empty() {
                index.entry(key).or_default().push(row);
            }
        }
        index
    }
}

/// The file names each table goes by, HSDS 1.1 and ORUK v3 alike.
const SERVICES: &[&str] = &["services.csv", "service.csv"];
const ORGANIZATIONS: &[&str] = &["organizations.csv", "organization.csv"];
const PHONES: &[&str] = &["phones.csv", "phone.csv"];
const CONTACTS: &[&str] = &["contacts.csv", "contact.csv"];
const SERVICE_AT_LOCATIONS: &[&str] =
    &["service_at_locations.csv", "service_at_location.csv", "services_at_location.csv"];
const ADDRESSES: &[&str] = &["physical_addresses.csv", "addresses.csv", "address.csv"];
const SCHEDULES: &[&str] = &["regular_schedules.csv", "schedules.csv", "schedule.csv"];
const LANGUAGES: &[&str] = &["languages.csv", "language.csv"];
const AREAS: &[&str] = &["service_areas.csv", "service_area.csv"];
const ELIGIBILITY: &[&str] = &["eligibility.csv", "eligibilitys.csv"];
const COST_OPTIONS: &[&str] = &["cost_options.csv", "cost_option.csv"];
const SERVICE_TAXONOMY: &[&str] = &["services_taxonomy.csv", "service_taxonomy.csv", "service_taxonomys.csv"];
const TAXONOMY: &[&str] = &["taxonomy.csv"];
const ATTRIBUTES: &[&str] = &["attributes.csv", "attribute.csv"];
const TAXONOMY_TERMS: &[&str] = &["taxonomy_terms.csv", "taxonomy_term.csv"];

/// Whether a package holds ORUK v3 tables rather than HSDS 1.1 ones.
pub fn looks_like_v3(package: &package::Package) -> bool {
    ["schedules.csv", "schedule.csv", "attributes.csv", "attribute.csv", "taxonomy_terms.csv", "cost_options.csv"]
        .iter()
        .any(|f| package.tables.contains_key(*f))
}

/// The tables of a package, read once; a table that is missing is empty.
struct Package {
    tables: HashMap<&'static str, Table>,
}

impl Package {
    fn table(&self, names: &'static [&'static str]) -> &Table {
        static EMPTY: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
        self.tables.get(names[0]).unwrap_or_else(|| EMPTY.get_or_init(Table::empty))
    }
}

/// Reads every service of the package; `shown` names it in messages.
pub fn read(package: &package::Package, shown: &str, out: &mut Vec<Diagnostic>) -> Vec<FeedService> {
    let all = [
        SERVICES,
        ORGANIZATIONS,
        PHONES,
        CONTACTS,
        SERVICE_AT_LOCATIONS,
        ADDRESSES,
        SCHEDULES,
        LANGUAGES,
        AREAS,
        ELIGIBILITY,
        COST_OPTIONS,
        SERVICE_TAXONOMY,
        TAXONOMY,
        ATTRIBUTES,
        TAXONOMY_TERMS,
    ];
    let mut tables = HashMap::new();
    for names in all {
        if let Some((file, bytes)) = names.iter().find_map(|n| package.tables.get(*n))
            && let Some(table) = read_table(bytes, file, out)
        {
            tables.insert(names[0], table);
        }
    }
    if !tables.contains_key(SERVICES[0]) {
        if !out.iter().any(Diagnostic::is_error) {
            out.push(Diagnostic::error(
                shown,
                format!("found no services.csv ({}), expected a services table in the data package", package.found),
            ));
        }
        return Vec::new();
    }
    services(&Package { tables })
}

/// Reads one CSV file; `None` (and an error with the line) if it is not valid CSV.
pub fn read_table(bytes: &[u8], file: &str, out: &mut Vec<Diagnostic>) -> Option<Table> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let columns: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            out.push(csv_error(file, &e));
            return None;
        }
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                let values = columns.iter().cloned().zip(record.iter().map(str::to_string)).collect();
                rows.push(Row { line, values });
            }
            Err(e) => {
                out.push(csv_error(file, &e));
                return None;
            }
        }
    }
    Some(Table { file: file.to_string(), columns, rows })
}

fn csv_error(file: &str, error: &csv::Error) -> Diagnostic {
    let line = error.position().map_or(0, |p| p.line());
    let reason = match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("found a row of {len} fields, expected {expected_len} like the header")
        }
        csv::ErrorKind::Utf8 { .. } => "found text that is not UTF-8, expected UTF-8 CSV".to_string(),
        _ => format!("found invalid CSV ({error})"),
    };
    Diagnostic::error(file, reason).at(line, 0)
}

/// Joins the tables into one [`FeedService`] per row of the services table.
fn services(p: &Package) -> Vec<FeedService> {
    let joins = Joins::new(p);
    let services = p.table(SERVICES);
    services
        .rows
        .iter()
        .filter_map(|row| {
            let place = Place::new(&services.file, row.line, "");
            service(row, &place, &joins)
        })
        .collect()
}

/// Indexes over the joined tables, built once.
struct Joins<'a> {
    organizations: HashMap<&'a str, Vec<&'a Row>>,
    phones_by_service: HashMap<&'a str, Vec<&'a Row>>,
    phones_by_contact: HashMap<&'a str, Vec<&'a Row>>,
    phones_by_location: HashMap<&'a str, Vec<&'a Row>>,
    contacts: HashMap<&'a str, Vec<&'a Row>>,
    locations: HashMap<&'a str, Vec<&'a Row>>,
    addresses: HashMap<&'a str, Vec<&'a Row>>,
    schedules: HashMap<&'a str, Vec<&'a Row>>,
    schedules_file: &'a str,
    phones_file: &'a str,
    languages: HashMap<&'a str, Vec<&'a Row>>,
    areas: HashMap<&'a str, Vec<&'a Row>>,
    eligibility: HashMap<&'a str, Vec<&'a Row>>,
    cost_options: HashMap<&'a str, Vec<&'a Row>>,
    service_taxonomy: HashMap<&'a str, Vec<&'a Row>>,
    taxonomy: HashMap<&'a str, Vec<&'a Row>>,
    attributes: HashMap<&'a str, Vec<&'a Row>>,
    taxonomy_terms: HashMap<&'a str, Vec<&'a Row>>,
}

impl<'a> Joins<'a> {
    fn new(p: &'a Package) -> Self {
        Joins {
            organizations: p.table(ORGANIZATIONS).by("id"),
            phones_by_service: p.table(PHONES).by("service_id"),
            phones_by_contact: p.table(PHONES).by("contact_id"),
            phones_by_location: p.table(PHONES).by("location_id"),
            contacts: p.table(CONTACTS).by("service_id"),
            locations: p.table(SERVICE_AT_LOCATIONS).by("service_id"),
            addresses: p.table(ADDRESSES).by("location_id"),
            schedules: p.table(SCHEDULES).by("service_id"),
            schedules_file: &p.table(SCHEDULES).file,
            phones_file: &p.table(PHONES).file,
            languages: p.table(LANGUAGES).by("service_id"),
            areas: p.table(AREAS).by("service_id"),
            eligibility: p.table(ELIGIBILITY).by("service_id"),
            cost_options: p.table(COST_OPTIONS).by("service_id"),
            service_taxonomy: p.table(SERVICE_TAXONOMY).by("service_id"),
            taxonomy: p.table(TAXONOMY).by("id"),
            attributes: p.table(ATTRIBUTES).by("link_id"),
            taxonomy_terms: p.table(TAXONOMY_TERMS).by("id"),
        }
    }
}

fn rows<'a>(index: &HashMap<&str, Vec<&'a Row>>, key: &str) -> Vec<&'a Row> {
    index.get(key).cloned().unwrap_or_default()
}

/// One row of the services table with what the other tables say of it. A
/// row without `id` or `name` is read all the same, for `convert` to leave
/// out and report.
fn service(row: &Row, place: &Place, j: &Joins) -> Option<FeedService> {
    let (id, name) = (row.get("id").to_string(), row.get("name").to_string());
    let location_ids: Vec<&str> = rows(&j.locations, &id).iter().map(|r| r.get("location_id")).collect();
    Some(FeedService {
        place: place.clone(),
        organisation: rows(&j.organizations, row.get("organization_id"))
            .first()
            .map(|o| o.get("name").to_string())
            .unwrap_or_default(),
        description: row.get("description").to_string(),
        url: row.get("url").to_string(),
        email: row.get("email").to_string(),
        phones: phones(&id, &location_ids, j),
        status: row.get("status").to_string(),
        address: address(&location_ids, j),
        schedules: schedules(&id, j),
        languages: rows(&j.languages, &id)
            .iter()
            .map(|l| l.first(&["language", "name", "code"]).to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        minimum_age: row.get("minimum_age").parse().ok(),
        maximum_age: row.get("maximum_age").parse().ok(),
        eligibility: eligibility(row, &id, j),
        cost: cost(row, &id, j),
        alert: row.get("alert").to_string(),
        areas: rows(&j.areas, &id)
            .iter()
            .map(|a| a.first(&["service_area", "name"]).to_string())
            .filter(|a| !a.is_empty())
            .collect(),
        terms: terms(&id, j),
        audiences: Vec::new(),
        referral: Vec::new(),
        preferred_id: String::new(),
        assured_date: row.get("assured_date").to_string(),
        last_modified: row.get("last_modified").to_string(),
        source_id: id,
        name,
    })
}

/// The service's own phones, then its contacts', then its locations'; a row
/// joined more than one way is listed once.
fn phones(id: &str, location_ids: &[&str], j: &Joins) -> Vec<FeedPhone> {
    let own = rows(&j.phones_by_service, id);
    let contacts = rows(&j.contacts, id).into_iter().flat_map(|c| rows(&j.phones_by_contact, c.get("id")));
    let located = location_ids.iter().flat_map(|l| rows(&j.phones_by_location, l));
    let mut seen = Vec::new();
    for row in own.into_iter().chain(contacts).chain(located) {
        if !row.get("number").is_empty() && !seen.iter().any(|r: &&Row| std::ptr::eq(*r, row)) {
            seen.push(row);
        }
    }
    seen.into_iter()
        .map(|p| FeedPhone {
            place: Place::new(j.phones_file, p.line, ""),
            number: p.get("number").to_string(),
            extension: p.get("extension").to_string(),
            label: phone_label(p.get("description"), p.get("type")),
        })
        .collect()
}

fn address(location_ids: &[&str], j: &Joins) -> Option<FeedAddress> {
    let all: Vec<&Row> = location_ids.iter().flat_map(|l| rows(&j.addresses, l)).collect();
    let physical = all.iter().find(|a| matches!(a.get("address_type"), "" | "physical"));
    let a = physical.or(all.first())?;
    Some(FeedAddress {
        lines: ["address_1", "address_2", "address_3", "address_4"]
            .iter()
            .map(|k| a.get(k).to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        town: a.get("city").to_string(),
        county: a.get("state_province").to_string(),
        postcode: a.get("postal_code").to_string(),
    })
}

/// v1 rows name one `weekday`; v3 rows list `byday` and may repeat monthly.
fn schedules(id: &str, j: &Joins) -> Vec<FeedSchedule> {
    rows(&j.schedules, id)
        .into_iter()
        .filter(|r| matches!(r.get("freq").to_ascii_uppercase().as_str(), "" | "WEEKLY"))
        .map(|r| {
            let (days_field, days) =
                if r.get("weekday").is_empty() { ("byday", r.get("byday")) } else { ("weekday", r.get("weekday")) };
            FeedSchedule {
                place: Place::new(j.schedules_file, r.line, ""),
                days_field,
                days: days.split(',').map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect(),
                opens: r.get("opens_at").to_string(),
                closes: r.get("closes_at").to_string(),
            }
        })
        .collect()
}

fn eligibility(row: &Row, id: &str, j: &Joins) -> String {
    let mut parts = vec![row.get("eligibility_description").to_string()];
    parts.extend(rows(&j.eligibility, id).iter().map(|e| e.get("eligibility").to_string()));
    parts.retain(|p| !p.is_empty());
    parts.join("; ")
}

fn cost(row: &Row, id: &str, j: &Joins) -> String {
    let mut parts = vec![row.first(&["fees_description", "fees"]).to_string()];
    parts.extend(
        rows(&j.cost_options, id)
            .iter()
            .map(|o| v3::cost_option(o.get("option"), o.get("amount"), o.get("currency"), o.get("amount_description"))),
    );
    parts.retain(|p| !p.is_empty());
    parts.join("; ")
}

/// HSDS 1.1 links services to `taxonomy.csv` rows; v3 links them to
/// `taxonomy_terms.csv` rows through `attributes.csv`.
fn terms(id: &str, j: &Joins) -> Vec<Term> {
    let v1 = rows(&j.service_taxonomy, id).into_iter().map(|st| {
        let taxonomy_id = st.get("taxonomy_id");
        let name = rows(&j.taxonomy, taxonomy_id).first().map(|t| t.get("name").to_string()).unwrap_or_default();
        Term { id: taxonomy_id.to_string(), name, ..Term::default() }
    });
    let v3 = rows(&j.attributes, id).into_iter().map(|a| {
        let term_id = a.get("taxonomy_term_id");
        let term = rows(&j.taxonomy_terms, term_id).first().copied();
        Term {
            id: term_id.to_string(),
            uri: term.map(|t| t.get("term_uri").to_string()).unwrap_or_default(),
            name: term.map(|t| t.first(&["name", "term"]).to_string()).unwrap_or_default(),
            ..Term::default()
        }
    });
    v1.chain(v3).filter(|t| !t.id.is_empty()).collect()
}
