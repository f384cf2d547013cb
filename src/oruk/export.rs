//! The Open Referral UK v3 feed a site publishes: `/services.json` (every
//! service in full, one `service_list` page) and `/openreferral/`, the v3 GET
//! endpoints as static files. `docs/openreferral.md` has the mapping table.
//!
//! A pure stage: validated content in, documents out. Each document keeps
//! where its data came from (`Origin`), so `check --oruk` can point a schema
//! error at the YAML line behind it. Things ORUK "should" have that the site
//! does not say (an organisation description, a county) come back as
//! [`Finding`]s rather than being invented silently.

use super::convert;
use super::ids::Ids;
use super::model::*;
use super::organisations::Organisations;
use super::schema::Schema;
use crate::config::SiteConfig;
use crate::content::{Content, Referral, ServiceStatus};
use crate::diagnostics::quote;
use crate::files::{FileData, FileSink, OutputFile};
use crate::urls::{self, Urls};
use crate::yaml::Pos;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

const VERSION: &str = "3.0";
const PROFILE: &str = "https://github.com/openreferral/uk-profile";
/// The official description of the API these files mirror. signpost does not
/// publish its own copy: files cannot answer the query parameters it lists.
const OPENAPI_URL: &str = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json";

pub struct FeedInput<'a> {
    pub content: &'a Content,
    pub config: &'a SiteConfig,
    pub urls: &'a Urls,
    pub organisations: &'a Organisations,
    /// Where documents no other document shares go as soon as they are
    /// made (`build`); without one (`check --oruk`, the preview) every
    /// document is kept in the feed.
    pub sink: Option<&'a dyn FileSink>,
}

/// Where a document, or an item of a list page, came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `site.yaml` (taxonomies) or signpost itself (`/`).
    Site,
    Service {
        source: String,
        slug: String,
        pos: Pos,
    },
    /// An organisation, by name; `service` is the first that names it.
    Organisation {
        name: String,
        service: Box<Origin>,
    },
}

/// One file of the feed.
pub struct Document {
    /// Relative to the output folder: `openreferral/services/<id>/index.json`.
    pub path: String,
    /// The file's bytes, one piece after another. A list page is made of the
    /// pieces of its items' own documents, so at 100,000 services
    /// `/services.json` costs pointers rather than a second copy.
    pub pieces: Arc<[Arc<[u8]>]>,
    pub schema: Schema,
    pub origin: Origin,
    /// For list pages: the schema each item of `contents` is checked
    /// against, and where each came from.
    pub items: Option<(Schema, Vec<Origin>)>,
}

/// Something ORUK wants that the site does not say, and what stood in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub origin: Origin,
    /// The signpost field behind it, within the service: `address`.
    pub field: String,
    pub message: String,
}

#[derive(Default)]
pub struct Feed {
    pub documents: Vec<Document>,
    pub findings: Vec<Finding>,
    pub services: usize,
    /// Documents handed to the input's sink rather than kept.
    pub written: usize,
    /// What the sink could not write.
    pub write_errors: Vec<String>,
}

impl Feed {
    pub fn files(&self) -> Vec<OutputFile> {
        self.documents.iter().map(|d| OutputFile { path: d.path.clone(), data: d.data() }).collect()
    }
}

impl Document {
    /// The whole file (joined from its pieces when it has several).
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match &self.pieces[..] {
            [one] => Cow::Borrowed(&one[..]),
            pieces => Cow::Owned(pieces.concat()),
        }
    }

    fn data(&self) -> FileData {
        match &self.pieces[..] {
            [one] => FileData::Bytes(one.clone()),
            _ => FileData::Pieces(self.pieces.clone()),
        }
    }

    /// A document of one value on its own.
    fn of<T: Serialize>(path: &str, schema: Schema, value: &T, origin: Origin) -> Self {
        let mut bytes = json(value);
        bytes.push(b'\n');
        Document { path: path.to_string(), pieces: vec![Arc::from(bytes)].into(), schema, origin, items: None }
    }

    /// A `service_list`-style page of items already serialised (each with
    /// no newline): the page's fields, then the items with commas between.
    fn page(path: &str, item_schema: Schema, items: &[Arc<[u8]>], origins: Vec<Origin>) -> Self {
        let mut head = json(&Page::head(items.len()));
        // `…,"contents":[]}` → `…,"contents":[`, the items follow.
        debug_assert!(head.ends_with(b"[]}"));
        head.truncate(head.len() - 2);
        let comma: Arc<[u8]> = Arc::from(&b","[..]);
        let mut pieces: Vec<Arc<[u8]>> = Vec::with_capacity(items.len() * 2 + 2);
        pieces.push(Arc::from(head));
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                pieces.push(comma.clone());
            }
            pieces.push(item.clone());
        }
        pieces.push(Arc::from(&b"]}\n"[..]));
        Document {
            path: path.to_string(),
            pieces: pieces.into(),
            schema: Schema::Page,
            origin: Origin::Site,
            items: Some((item_schema, origins)),
        }
    }
}

/// `value` as compact JSON.
fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("feed documents are plain data")
}

/// Builds every document of the feed, in a stable order.
pub fn feed(input: &FeedInput) -> Feed {
    let mut builder = Builder::new(input);
    let services = builder.services();
    let mut feed = Feed { services: services.len(), ..Feed::default() };
    feed.documents = builder.documents(&services);
    builder.findings.extend(unused_organisations(input));
    feed.findings = builder.findings;
    feed.written = builder.written;
    feed.write_errors = builder.write_errors;
    feed
}

/// A service with where it came from.
struct Built {
    service: Service,
    origin: Origin,
}

struct Builder<'a> {
    input: &'a FeedInput<'a>,
    ids: Ids,
    categories: Taxonomy,
    referral: Taxonomy,
    findings: Vec<Finding>,
    written: usize,
    write_errors: Vec<String>,
}

impl<'a> Builder<'a> {
    fn new(input: &'a FeedInput<'a>) -> Self {
        let ids = Ids::new(&input.config.declared_base_url);
        let categories = categories_taxonomy(input, &ids);
        let referral = referral_taxonomy(&ids);
        Builder { input, ids, categories, referral, findings: Vec::new(), written: 0, write_errors: Vec::new() }
    }

    /// Every published service in full, sorted by slug.
    fn services(&mut self) -> Vec<Built> {
        let mut sources: Vec<&crate::content::Service> = published(self.input.content).collect();
        sources.sort_by(|a, b| a.id.value.cmp(&b.id.value));
        let built: Vec<(Built, Vec<Finding>)> = sources.par_iter().map(|s| self.service(s)).collect();
        let mut services = Vec::with_capacity(built.len());
        let mut described = std::collections::BTreeSet::new();
        for (b, findings) in built {
            for f in findings {
                // One organisation warning per organisation, at its first service.
                let is_repeat = f.field == "organisation" && !described.insert(b.service.organization_id.clone());
                if !is_repeat {
                    self.findings.push(f);
                }
            }
            services.push(b);
        }
        services
    }

    fn service(&self, s: &crate::content::Service) -> (Built, Vec<Finding>) {
        let slug = s.id.value.as_str();
        let id = self.ids.service(slug);
        let origin = Origin::Service { source: s.source.clone(), slug: slug.to_string(), pos: s.id.pos };
        let mut findings = Vec::new();
        let contact = s.contact.clone().unwrap_or_default();
        let (organization, org_finding) = self.organization(&s.organisation);
        findings.extend(org_finding.map(|message| Finding {
            origin: origin.clone(),
            field: "organisation".into(),
            message,
        }));
        let (service_at_locations, address_finding) = self.service_at_locations(s, &id);
        findings.extend(address_finding.map(|message| Finding {
            origin: origin.clone(),
            field: "address".into(),
            message,
        }));
        let service = Service {
            organization_id: organization.id.clone(),
            name: s.name.clone(),
            description: text(&crate::markdown::to_plain_text(&s.description)),
            url: text(&contact.website).map(|w| convert::uri(&w)),
            email: text(&contact.email),
            status: status(s.status),
            minimum_age: s.minimum_age,
            maximum_age: s.maximum_age,
            assured_date: s.last_verified.value.to_string(),
            alert: text(&s.alert),
            eligibility_description: text(&s.eligibility),
            schedules: self.schedules(s, &id),
            service_areas: self.service_areas(s, &id),
            service_at_locations,
            languages: self.languages(s, &id),
            phones: self.phones(&contact, slug, &id),
            organization: Some(organization),
            cost_options: self.cost_options(s, &id),
            attributes: self.attributes(s, &id),
            signpost: Extension {
                slug: slug.to_string(),
                url: self.input.urls.permalink(&urls::service(slug)),
                directory: self.input.urls.permalink(&urls::directory(&s.directory_slug)),
                source_id: text(&s.source_id),
            },
            id,
        };
        (Built { service, origin }, findings)
    }

    /// Every number, the main one first, each label as its `description`.
    /// The first keeps the id it had before `phones` (`phone:SLUG`), so a
    /// one-number service's feed is as it was.
    fn phones(&self, contact: &crate::content::service::Contact, slug: &str, service_id: &str) -> Vec<Phone> {
        contact
            .all_phones()
            .into_iter()
            .enumerate()
            .map(|(i, p)| Phone {
                id: if i == 0 { self.ids.of("phone", slug) } else { self.ids.of("phone", &format!("{slug}#{i}")) },
                service_id: service_id.to_string(),
                number: p.number,
                description: text(&p.label),
            })
            .collect()
    }

    /// The organisation a service names, and a message when ORUK's required
    /// description has to be stood in for by the name.
    fn organization(&self, name: &str) -> (Organization, Option<String>) {
        let id = self.ids.organization(name);
        let entry = self.input.organisations.get(name);
        let described = entry.and_then(|e| text(&e.description));
        let missing = described.is_none().then(|| {
            let why = match entry {
                Some(_) => format!("the entry for {} in data/organisations.yaml has no description", quote(name)),
                None => format!("{} has no entry in data/organisations.yaml", quote(name)),
            };
            format!(
                "Open Referral UK requires an organisation description, but {why}, so the name stands in; expected an entry with a description"
            )
        });
        let mut identifiers = Vec::new();
        if let Some(e) = entry {
            let mut add = |scheme: &'static str, kind: &'static str, value: &str| {
                if let Some(identifier) = text(value) {
                    identifiers.push(OrganizationIdentifier {
                        id: self.ids.of("organization_identifier", &format!("{name}:{scheme}")),
                        organization_id: id.clone(),
                        identifier_scheme: scheme,
                        identifier_type: kind,
                        identifier,
                    });
                }
            };
            add("GB-CHC", "Charity number", &e.charity_number);
            add("GB-COH", "Company number", &e.company_number);
        }
        let organization = Organization {
            id: id.clone(),
            name: name.to_string(),
            description: described.unwrap_or_else(|| name.to_string()),
            email: entry.and_then(|e| text(&e.email)),
            website: entry.and_then(|e| text(&e.website)).map(|w| convert::uri(&w)),
            organization_identifiers: identifiers,
            services: Vec::new(),
        };
        (organization, missing)
    }

    fn schedules(&self, s: &crate::content::Service, service_id: &str) -> Vec<Schedule> {
        // A bank-holiday-only entry is no weekly schedule: ORUK's WEEKLY
        // needs days, so it stays in signpost's own pages only.
        s.opening_hours
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.days.is_empty())
            .map(|(i, h)| Schedule {
                id: self.ids.of("schedule", &format!("{}:{i}", s.id.value)),
                service_id: service_id.to_string(),
                freq: "WEEKLY",
                byday: convert::byday(&h.days),
                opens_at: convert::time(h.opens),
                closes_at: convert::time(h.closes),
                description: convert::hours_in_words(h),
            })
            .collect()
    }

    fn service_areas(&self, s: &crate::content::Service, service_id: &str) -> Vec<ServiceArea> {
        unique(&s.areas)
            .into_iter()
            .map(|area| ServiceArea {
                id: self.ids.of("service_area", &format!("{}:{area}", s.id.value)),
                service_id: service_id.to_string(),
                name: area.to_string(),
                service_area: area.to_string(),
            })
            .collect()
    }

    fn languages(&self, s: &crate::content::Service, service_id: &str) -> Vec<Language> {
        unique(&s.languages)
            .into_iter()
            .map(|name| Language {
                id: self.ids.of("language", &format!("{}:{name}", s.id.value)),
                service_id: service_id.to_string(),
                name: name.to_string(),
                code: super::languages::code_of(name),
            })
            .collect()
    }

    fn cost_options(&self, s: &crate::content::Service, service_id: &str) -> Vec<CostOption> {
        text(&s.cost)
            .map(|option| CostOption {
                id: self.ids.of("cost_option", &s.id.value),
                service_id: service_id.to_string(),
                amount: convert::free_amount(&option),
                option,
            })
            .into_iter()
            .collect()
    }

    /// Categories, then referral routes, as taxonomy terms.
    fn attributes(&self, s: &crate::content::Service, service_id: &str) -> Vec<Attribute> {
        let categories = s.categories.iter().map(|c| (&self.categories, c.value.as_str()));
        let routes = s.referral.iter().map(|r| (&self.referral, r.id()));
        categories
            .chain(routes)
            .filter_map(|(taxonomy, term)| taxonomy.taxonomy_terms.iter().find(|t| t.term == term))
            .map(|term| Attribute {
                id: self.ids.of("attribute", &format!("{}:{}", s.id.value, term.id)),
                link_id: service_id.to_string(),
                taxonomy_term_id: term.id.clone(),
                taxonomy_term: term.clone(),
            })
            .collect()
    }

    /// The service's address as a location, and a message when something
    /// ORUK requires in an address is missing.
    fn service_at_locations(
        &self,
        s: &crate::content::Service,
        service_id: &str,
    ) -> (Vec<ServiceAtLocation>, Option<String>) {
        let Some(address) = &s.address else {
            return (Vec::new(), None);
        };
        let (location, finding) = self.location(address);
        let sal = ServiceAtLocation {
            id: self.ids.of("service_at_location", &s.id.value),
            service_id: service_id.to_string(),
            location_id: location.id.clone(),
            location,
            service: None,
        };
        (vec![sal], finding)
    }

    /// A physical location; services at the same address share its id.
    fn location(&self, a: &crate::content::Address) -> (Location, Option<String>) {
        let postcode = convert::postcode(&a.postcode);
        let key = format!("{}|{}|{}", a.lines.join(", "), a.town, postcode);
        let id = self.ids.of("location", &key);
        let (address, finding) = match postal_address(a, postcode) {
            Ok(address) => {
                let no_county = a.county.trim().is_empty().then(|| {
                    "Open Referral UK requires a county (state_province) in an address, so the town stands in; expected `county:` in the address".to_string()
                });
                let address = Address { id: self.ids.of("address", &key), location_id: id.clone(), ..address };
                (Some(address), no_county)
            }
            Err(missing) => (
                None,
                Some(format!(
                    "Open Referral UK requires a first line, town and postcode in an address, but it has no {missing}, so the location is published without one; expected a complete address"
                )),
            ),
        };
        let name = a.lines.first().and_then(|l| text(l)).or_else(|| text(&a.town));
        (Location { id, location_type: "physical", name, addresses: address.into_iter().collect() }, finding)
    }

    fn documents(&mut self, services: &[Built]) -> Vec<Document> {
        let origins: Vec<Origin> = services.iter().map(|b| b.origin.clone()).collect();
        let root = ApiRoot { version: VERSION, profile: PROFILE, openapi_url: OPENAPI_URL };
        let mut documents = vec![Document::of("openreferral/index.json", Schema::ApiRoot, &root, Origin::Site)];
        // Each service is serialised once: its own document and
        // `/services.json` share the bytes.
        let full: Vec<Arc<[u8]>> = services.par_iter().map(|b| Arc::from(json(&b.service))).collect();
        let summaries: Vec<Arc<[u8]>> = services.par_iter().map(|b| Arc::from(json(&b.service.summary()))).collect();
        let newline: Arc<[u8]> = Arc::from(&b"\n"[..]);
        // Each service's own document first, so `check --oruk` names it
        // rather than a list page when a problem shows in both.
        documents.extend(services.iter().zip(&full).map(|(b, bytes)| Document {
            path: endpoint("services", Some(&b.service.id)),
            pieces: vec![bytes.clone(), newline.clone()].into(),
            schema: Schema::Service,
            origin: b.origin.clone(),
            items: None,
        }));
        documents.push(Document::page("services.json", Schema::Service, &full, origins.clone()));
        documents.push(Document::page(&endpoint("services", None), Schema::ServiceListItem, &summaries, origins));
        let mut jobs: Vec<Job> = self.organization_documents(services);
        jobs.extend(self.taxonomy_documents());
        documents.extend(jobs.into_par_iter().map(Job::serialise).collect::<Vec<_>>());
        let (own, written) = service_at_location_documents(services, self.input.sink);
        documents.extend(own);
        self.written = written.len() - written.iter().filter(|r| r.is_err()).count();
        self.write_errors.extend(written.into_iter().filter_map(Result::err));
        documents
    }

    fn organization_documents(&self, services: &[Built]) -> Vec<Job> {
        let mut by_id: BTreeMap<String, (Organization, Origin)> = BTreeMap::new();
        for b in services {
            let Some(org) = &b.service.organization else { continue };
            let entry = by_id.entry(org.id.clone()).or_insert_with(|| {
                let origin = Origin::Organisation { name: org.name.clone(), service: Box::new(b.origin.clone()) };
                (org.clone(), origin)
            });
            entry.0.services.push(Service { organization: None, ..b.service.summary() });
        }
        let mut list: Vec<(Organization, Origin)> = by_id.into_values().collect();
        list.sort_by(|a, b| a.0.name.cmp(&b.0.name).then_with(|| a.0.id.cmp(&b.0.id)));
        let summaries: Vec<Organization> =
            list.iter().map(|(o, _)| Organization { services: Vec::new(), ..o.clone() }).collect();
        let origins = list.iter().map(|(_, origin)| origin.clone()).collect();
        let mut jobs =
            vec![Job::page(&endpoint("organizations", None), Schema::OrganizationListItem, summaries, origins)];
        for (org, origin) in list {
            jobs.push(Job::new(&endpoint("organizations", Some(&org.id)), Schema::Organization, org, origin));
        }
        jobs
    }

    fn taxonomy_documents(&self) -> Vec<Job> {
        let taxonomies = [&self.categories, &self.referral];
        let summaries: Vec<Taxonomy> =
            taxonomies.iter().map(|t| Taxonomy { taxonomy_terms: Vec::new(), ..(*t).clone() }).collect();
        let mut jobs =
            vec![Job::page(&endpoint("taxonomies", None), Schema::Taxonomy, summaries, vec![Origin::Site; 2])];
        let terms: Vec<TaxonomyTerm> = taxonomies.iter().flat_map(|t| t.taxonomy_terms.iter().cloned()).collect();
        let term_origins = vec![Origin::Site; terms.len()];
        for term in &terms {
            let path = endpoint("taxonomy_terms", Some(&term.id));
            jobs.push(Job::new(&path, Schema::TaxonomyTerm, term.clone(), Origin::Site));
        }
        jobs.push(Job::page(&endpoint("taxonomy_terms", None), Schema::TaxonomyTerm, terms, term_origins));
        for t in taxonomies {
            jobs.push(Job::new(&endpoint("taxonomies", Some(&t.id)), Schema::Taxonomy, t.clone(), Origin::Site));
        }
        jobs
    }
}

/// One service's entries in the list of services at locations (serialised),
/// its own service-at-location documents, and what the sink made of those
/// it was given instead.
type ServiceAtLocations = (Vec<Arc<[u8]>>, Vec<Document>, Vec<Result<(), String>>);

/// The list of every service at a location, then each one's own document
/// (handed to `sink` when there is one: no other document shares them, and
/// at 100,000 services they are the largest part of the feed), with what
/// each write came to.
fn service_at_location_documents(
    services: &[Built],
    sink: Option<&dyn FileSink>,
) -> (Vec<Document>, Vec<Result<(), String>>) {
    let per_service: Vec<ServiceAtLocations> = services
        .par_iter()
        .map(|b| {
            let service = Service { service_at_locations: Vec::new(), ..b.service.clone() };
            let summary = service.summary();
            let mut items = Vec::new();
            let mut documents = Vec::new();
            let mut written = Vec::new();
            for sal in &b.service.service_at_locations {
                let item = ServiceAtLocation { service: Some(Box::new(summary.clone())), ..sal.clone() };
                items.push(Arc::from(json(&item)));
                let full = ServiceAtLocation { service: Some(Box::new(service.clone())), ..sal.clone() };
                let path = endpoint("service_at_locations", Some(&sal.id));
                let document = Document::of(&path, Schema::ServiceAtLocation, &full, b.origin.clone());
                match sink {
                    Some(sink) => written.push(sink.put(&OutputFile { path, data: document.data() })),
                    None => documents.push(document),
                }
            }
            (items, documents, written)
        })
        .collect();
    let mut list = Vec::new();
    let mut origins = Vec::new();
    let mut own = Vec::new();
    let mut written = Vec::new();
    for (b, (items, documents, writes)) in services.iter().zip(per_service) {
        origins.extend(std::iter::repeat_n(b.origin.clone(), items.len()));
        list.extend(items);
        own.extend(documents);
        written.extend(writes);
    }
    let path = endpoint("service_at_locations", None);
    let mut documents = vec![Document::page(&path, Schema::ServiceAtLocationListItem, &list, origins)];
    documents.extend(own);
    (documents, written)
}

/// A document waiting to be serialised (done in parallel).
struct Job {
    path: String,
    value: Box<dyn ErasedSerialize>,
    schema: Schema,
    origin: Origin,
    items: Option<(Schema, Vec<Origin>)>,
}

/// `serde::Serialize` is not object-safe; this is the one call a job needs.
trait ErasedSerialize: Send {
    fn to_pretty(&self) -> Vec<u8>;
}

impl<T: Serialize + Send> ErasedSerialize for T {
    fn to_pretty(&self) -> Vec<u8> {
        let mut bytes = json(self);
        bytes.push(b'\n');
        bytes
    }
}

impl Job {
    fn new<T: Serialize + Send + 'static>(path: &str, schema: Schema, value: T, origin: Origin) -> Self {
        Job { path: path.to_string(), value: Box::new(value), schema, origin, items: None }
    }

    fn page<T: Serialize + Send + 'static>(
        path: &str,
        item_schema: Schema,
        items: Vec<T>,
        origins: Vec<Origin>,
    ) -> Self {
        let page = Page::of(items);
        Job {
            path: path.to_string(),
            value: Box::new(page),
            schema: Schema::Page,
            origin: Origin::Site,
            items: Some((item_schema, origins)),
        }
    }

    fn serialise(self) -> Document {
        Document {
            pieces: vec![Arc::from(self.value.to_pretty())].into(),
            path: self.path,
            schema: self.schema,
            origin: self.origin,
            items: self.items,
        }
    }
}

/// `openreferral/services/index.json`, `openreferral/services/<id>/index.json`.
fn endpoint(kind: &str, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("openreferral/{kind}/{id}/index.json"),
        None => format!("openreferral/{kind}/index.json"),
    }
}

/// The API path a document answers, for messages: `/services/<id>`.
pub fn api_path(path: &str) -> String {
    match path.strip_prefix("openreferral/") {
        Some(rest) => format!("/{}", rest.trim_end_matches("index.json").trim_end_matches('/')),
        None => format!("/{path}"),
    }
}

/// The site's categories (every label in site.yaml and every id a service
/// uses) as a taxonomy of its own.
fn categories_taxonomy(input: &FeedInput, ids: &Ids) -> Taxonomy {
    let config = input.config;
    let mut terms: BTreeMap<String, String> = config.categories.clone();
    for s in published(input.content) {
        for c in &s.categories {
            terms.entry(c.value.clone()).or_insert_with(|| config.category_label(&c.value));
        }
    }
    let site = site_name(config);
    let taxonomy_id = ids.of("taxonomy", "categories");
    let name = format!("{site}{}", super::CATEGORY_TAXONOMY_SUFFIX);
    Taxonomy {
        taxonomy_terms: terms
            .into_iter()
            .map(|(term, label)| TaxonomyTerm {
                id: ids.of("taxonomy_term", &format!("categories:{term}")),
                description: format!("Services in the category {label} on {site}"),
                name: label,
                taxonomy: name.clone(),
                taxonomy_id: taxonomy_id.clone(),
                term,
            })
            .collect(),
        description: format!("The categories {site} sorts its local services into"),
        id: taxonomy_id,
        name,
    }
}

fn referral_taxonomy(ids: &Ids) -> Taxonomy {
    let taxonomy_id = ids.of("taxonomy", "referral");
    let name = super::REFERRAL_TAXONOMY.to_string();
    Taxonomy {
        taxonomy_terms: Referral::ALL
            .iter()
            .map(|r| TaxonomyTerm {
                id: ids.of("taxonomy_term", &format!("referral:{}", r.id())),
                name: r.label().to_string(),
                description: format!("{}: the service accepts this route in", r.label()),
                taxonomy: name.clone(),
                taxonomy_id: taxonomy_id.clone(),
                term: r.id().to_string(),
            })
            .collect(),
        id: taxonomy_id,
        description: "How a person can be referred to a service: by themselves, by a professional or by their GP"
            .to_string(),
        name,
    }
}

fn site_name(config: &SiteConfig) -> String {
    text(&config.title).unwrap_or_else(|| config.declared_base_url.clone())
}

/// Entries of `data/organisations.yaml` that no published service names.
fn unused_organisations(input: &FeedInput) -> Vec<Finding> {
    let used: std::collections::BTreeSet<&str> = published(input.content).map(|s| s.organisation.as_str()).collect();
    input
        .organisations
        .entries
        .iter()
        .filter(|o| !used.contains(o.name.value.as_str()))
        .map(|o| {
            let names: Vec<&str> = used.iter().copied().collect();
            let hint = match crate::fields::nearest(&o.name.value, &names) {
                Some(near) => format!("; did you mean {}?", quote(near)),
                None => String::new(),
            };
            Finding {
                origin: Origin::Organisation { name: o.name.value.clone(), service: Box::new(Origin::Site) },
                field: String::new(),
                message: format!(
                    "no published service names this organisation, expected the name exactly as a service's `organisation:` writes it{hint}"
                ),
            }
        })
        .collect()
}

/// The ORUK address of `a` (ids left empty for the caller), or the parts
/// ORUK requires that it lacks (`lines or postcode`). Without a county the
/// town stands in for `state_province`; without a town, the county for `city`.
fn postal_address(a: &crate::content::Address, postcode: String) -> Result<Address, String> {
    let city = text(&a.town).or_else(|| text(&a.county));
    let missing: Vec<&str> =
        [("lines", a.lines.is_empty()), ("town", city.is_none()), ("postcode", postcode.is_empty())]
            .into_iter()
            .filter_map(|(part, is_missing)| is_missing.then_some(part))
            .collect();
    match city {
        Some(city) if missing.is_empty() => Ok(Address {
            id: String::new(),
            location_id: String::new(),
            address_1: a.lines.join(", "),
            state_province: text(&a.county).unwrap_or_else(|| city.clone()),
            city,
            postal_code: postcode,
            country: "GB",
            address_type: "physical",
        }),
        _ => Err(missing.join(" or ")),
    }
}

/// The services the feed holds: all but inactive ones.
fn published(content: &Content) -> impl Iterator<Item = &crate::content::Service> {
    content.services().filter(|s| s.status != ServiceStatus::Inactive)
}

fn status(status: ServiceStatus) -> &'static str {
    match status {
        ServiceStatus::Active => "active",
        ServiceStatus::TemporarilyClosed => "temporarily closed",
        ServiceStatus::Inactive => "inactive",
    }
}

/// `None` for empty or blank text: ORUK wants such fields left out.
fn text(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Each distinct value once, in first-seen order.
fn unique(values: &[String]) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    values.iter().map(|v| v.trim()).filter(|v| !v.is_empty() && seen.insert(*v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Address as YamlAddress;

    fn address(lines: &[&str], town: &str, county: &str) -> YamlAddress {
        YamlAddress {
            lines: lines.iter().map(|l| l.to_string()).collect(),
            town: town.into(),
            county: county.into(),
            postcode: String::new(),
        }
    }

    #[test]
    fn an_address_needs_lines_town_and_postcode() {
        let full = postal_address(&address(&["1 High St", "Flat 2"], "Town", "Dorset"), "DT4 8AA".into()).unwrap();
        assert_eq!(
            (full.address_1.as_str(), full.city.as_str(), full.state_province.as_str()),
            ("1 High St, Flat 2", "Town", "Dorset")
        );
        let no_county = postal_address(&address(&["1 High St"], "Town", ""), "DT4 8AA".into()).unwrap();
        assert_eq!(no_county.state_province, "Town", "the town stands in");
        assert_eq!(postal_address(&address(&[], "", ""), String::new()).unwrap_err(), "lines or town or postcode");
    }

    #[test]
    fn a_page_of_pieces_is_the_page_serialised_whole() {
        let items = vec![serde_json::json!({"id": "a", "n": 1}), serde_json::json!({"id": "b"})];
        let pieces: Vec<Arc<[u8]>> = items.iter().map(|v| Arc::from(json(v))).collect();
        let origins = vec![Origin::Site; 2];
        let page = Document::page("services.json", Schema::Service, &pieces, origins.clone());
        let mut whole = json(&Page::of(items));
        whole.push(b'\n');
        assert_eq!(page.bytes(), whole, "byte for byte");
        assert!(page.pieces.iter().any(|p| Arc::ptr_eq(p, &pieces[1])), "the items' bytes are shared, not copied");
        let empty = Document::page("services.json", Schema::Service, &[], Vec::new());
        let mut none = json(&Page::<()>::of(Vec::new()));
        none.push(b'\n');
        assert_eq!(empty.bytes(), none);
    }

    #[test]
    fn documents_are_named_by_their_api_path() {
        assert_eq!(api_path("openreferral/services/abc/index.json"), "/services/abc");
        assert_eq!(api_path("openreferral/index.json"), "/");
        assert_eq!(api_path("services.json"), "/services.json");
    }
}
