//! The Open Referral UK v3 shapes signpost publishes, as serde types.
//!
//! Field order follows the UK profile's schemas. Every optional field is an
//! `Option` or a list skipped when empty, so the feed never carries `null`,
//! `""` or `[]`: ORUK's compliance rules treat an empty value as wrong, not
//! as "unknown". A few fields come from HSDS 3.0 core rather than the UK
//! profile (`phones`, `eligibility_description`, a language's `name` and
//! `code`); the profile's schemas allow extra properties, and without them a
//! phone number or a language name would have nowhere to go.

use serde::Serialize;

fn is_empty<T>(list: &[T]) -> bool {
    list.is_empty()
}

/// A paginated list: the whole list on one page, since files cannot answer
/// `?page=2`.
#[derive(Debug, Serialize)]
pub struct Page<T> {
    pub total_items: usize,
    pub total_pages: usize,
    pub page_number: usize,
    pub size: usize,
    pub first_page: bool,
    pub last_page: bool,
    pub empty: bool,
    pub contents: Vec<T>,
}

impl Page<()> {
    /// The fields of a page of `n` items with `contents` left empty, for a
    /// page whose items are written after it, already serialised.
    pub fn head(n: usize) -> Self {
        Page { total_items: n, size: n, empty: n == 0, ..Page::of(Vec::new()) }
    }
}

impl<T> Page<T> {
    pub fn of(contents: Vec<T>) -> Self {
        let n = contents.len();
        Page {
            total_items: n,
            total_pages: 1,
            page_number: 1,
            size: n,
            first_page: true,
            last_page: true,
            empty: n == 0,
            contents,
        }
    }
}

/// The `/` response.
#[derive(Debug, Serialize)]
pub struct ApiRoot {
    pub version: &'static str,
    pub profile: &'static str,
    pub openapi_url: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Service {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<u32>,
    pub assured_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<String>,
    /// HSDS 3.0 core; not in the UK profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligibility_description: Option<String>,
    #[serde(skip_serializing_if = "is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(skip_serializing_if = "is_empty")]
    pub service_areas: Vec<ServiceArea>,
    #[serde(skip_serializing_if = "is_empty")]
    pub service_at_locations: Vec<ServiceAtLocation>,
    #[serde(skip_serializing_if = "is_empty")]
    pub languages: Vec<Language>,
    /// HSDS 3.0 core; not in the UK profile.
    #[serde(skip_serializing_if = "is_empty")]
    pub phones: Vec<Phone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    #[serde(skip_serializing_if = "is_empty")]
    pub cost_options: Vec<CostOption>,
    #[serde(skip_serializing_if = "is_empty")]
    pub attributes: Vec<Attribute>,
    pub signpost: Extension,
}

impl Service {
    /// The list form (`/services` items): no nested lists.
    pub fn summary(&self) -> Service {
        Service {
            schedules: Vec::new(),
            service_areas: Vec::new(),
            service_at_locations: Vec::new(),
            languages: Vec::new(),
            phones: Vec::new(),
            cost_options: Vec::new(),
            attributes: Vec::new(),
            ..self.clone()
        }
    }
}

/// signpost's own facts about a service, in one clearly named object so no
/// consumer mistakes them for ORUK fields.
#[derive(Debug, Clone, Serialize)]
pub struct Extension {
    /// The service's `id` in its YAML file, which names its page.
    pub slug: String,
    /// The service's page on the site.
    pub url: String,
    /// The page of the directory that lists it.
    pub directory: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Schedule {
    pub id: String,
    pub service_id: String,
    pub freq: &'static str,
    pub byday: String,
    pub opens_at: String,
    pub closes_at: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceArea {
    pub id: String,
    pub service_id: String,
    pub name: String,
    /// The v1 field the UK profile keeps; same text as `name`.
    pub service_area: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceAtLocation {
    pub id: String,
    pub service_id: String,
    pub location_id: String,
    pub location: Location,
    /// Only in `/service_at_locations` documents, not inside a service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<Box<Service>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub id: String,
    pub location_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "is_empty")]
    pub addresses: Vec<Address>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Address {
    pub id: String,
    pub location_id: String,
    pub address_1: String,
    pub city: String,
    pub state_province: String,
    pub postal_code: String,
    pub country: &'static str,
    pub address_type: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Language {
    pub id: String,
    pub service_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Phone {
    pub id: String,
    pub service_id: String,
    pub number: String,
    /// The number's label ("Text relay"); ORUK has no empty strings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CostOption {
    pub id: String,
    pub service_id: String,
    pub option: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(skip_serializing_if = "is_empty")]
    pub organization_identifiers: Vec<OrganizationIdentifier>,
    /// Only in `/organizations/{id}` documents, in list form.
    #[serde(skip_serializing_if = "is_empty")]
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganizationIdentifier {
    pub id: String,
    pub organization_id: String,
    pub identifier_scheme: &'static str,
    pub identifier_type: &'static str,
    pub identifier: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attribute {
    pub id: String,
    pub link_id: String,
    pub taxonomy_term_id: String,
    pub taxonomy_term: TaxonomyTerm,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyTerm {
    pub id: String,
    pub name: String,
    pub description: String,
    pub taxonomy: String,
    pub taxonomy_id: String,
    /// The id signpost uses (`warmth`, `gp`).
    pub term: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Taxonomy {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Only in `/taxonomies/{id}` documents.
    #[serde(skip_serializing_if = "is_empty")]
    pub taxonomy_terms: Vec<TaxonomyTerm>,
}
