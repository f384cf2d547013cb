//! Open Referral UK v1 / HSDS 1.1 JSON: a page of `content` with
//! `totalElements`, or a bare list of services.
//!
//! The v1 shape spreads a service over plural-with-an-s lists
//! (`eligibilitys`, `service_taxonomys`) and puts addresses under
//! `physical_addresses`; this reader gathers them into a [`FeedService`].

use super::json::{self, Object};
use super::model::{FeedAddress, FeedPhone, FeedSchedule, FeedService, Place, Term};
use super::v3;
use crate::diagnostics::Diagnostic;
use serde_json::Value;

/// The services of a v1 page (`content`) or a bare list (`items`).
pub fn read_list(items: &[Value], place: &Place, list_key: &str, out: &mut Vec<Diagnostic>) -> Vec<FeedService> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let at = place.child(&format!("{list_key}[{i}]"));
            match item.as_object() {
                Some(o) => read_service(o, &at, out),
                None => {
                    out.push(
                        Diagnostic::error(
                            &place.file,
                            format!("found a JSON {}, expected a service object", json::kind(item)),
                        )
                        .field(at.prefix.trim_end_matches('.')),
                    );
                    None
                }
            }
        })
        .collect()
}

/// One service object; one without `id` or `name` is read all the same, for
/// `convert` to leave out and report.
pub fn read_service(s: &Object, place: &Place, _out: &mut Vec<Diagnostic>) -> Option<FeedService> {
    let (source_id, name) = (json::text(s, "id"), json::text(s, "name"));
    let eligibilitys = json::objects(s, "eligibilitys");
    Some(FeedService {
        place: place.clone(),
        source_id,
        name,
        organisation: json::object(s, "organization").map(|o| json::text(o, "name")).unwrap_or_default(),
        description: json::text(s, "description"),
        url: json::text(s, "url"),
        email: json::text(s, "email"),
        phones: phones(s, place),
        status: json::text(s, "status"),
        address: physical_addresses(s).into_iter().next(),
        schedules: schedules(s, place),
        languages: json::objects(s, "languages")
            .into_iter()
            .map(|(_, l)| json::first_text(l, &["language", "name", "code"]))
            .filter(|l| !l.is_empty())
            .collect(),
        minimum_age: json::whole_number(s, "minimum_age")
            .or_else(|| eligibilitys.iter().find_map(|(_, e)| json::whole_number(e, "minimum_age"))),
        maximum_age: json::whole_number(s, "maximum_age")
            .or_else(|| eligibilitys.iter().find_map(|(_, e)| json::whole_number(e, "maximum_age"))),
        eligibility: eligibilitys
            .iter()
            .map(|(_, e)| json::text(e, "eligibility"))
            .filter(|e| !e.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        cost: cost(s),
        alert: json::text(s, "alert"),
        areas: json::objects(s, "service_areas")
            .into_iter()
            .map(|(_, a)| json::first_text(a, &["service_area", "name"]))
            .filter(|a| !a.is_empty())
            .collect(),
        terms: json::objects(s, "service_taxonomys")
            .into_iter()
            .filter_map(|(_, st)| json::object(st, "taxonomy"))
            .map(|t| Term { id: json::text(t, "id"), name: json::text(t, "name"), ..Term::default() })
            .collect(),
        audiences: v3::audiences(s),
        referral: Vec::new(),
        preferred_id: String::new(),
        assured_date: json::text(s, "assured_date"),
        last_modified: json::first_text(s, &["last_modified", "updated_at"]),
    })
}

/// The service's own phones, then its contacts'.
fn phones(s: &Object, place: &Place) -> Vec<FeedPhone> {
    let contacts = json::objects(s, "contacts").into_iter().map(|(i, c)| (place.child(&format!("contacts[{i}]")), c));
    let holders: Vec<(Place, &Object)> = std::iter::once((place.clone(), s)).chain(contacts).collect();
    v3::phones_of(&holders)
}

/// Addresses on the service itself, then under each location.
fn physical_addresses(s: &Object) -> Vec<FeedAddress> {
    let mut holders: Vec<&Object> = vec![s];
    holders.extend(json::objects(s, "locations").into_iter().map(|(_, l)| l));
    holders.extend(
        json::objects(s, "service_at_locations").into_iter().filter_map(|(_, sal)| json::object(sal, "location")),
    );
    holders.into_iter().flat_map(|h| json::objects(h, "physical_addresses")).map(|(_, a)| v3::address_of(a)).collect()
}

/// `regular_schedules`: one row per weekday (a name or 1–7), or a `byday` list.
fn schedules(s: &Object, place: &Place) -> Vec<FeedSchedule> {
    json::objects(s, "regular_schedules")
        .into_iter()
        .map(|(i, sc)| {
            let weekday = json::text(sc, "weekday");
            let (days_field, days) =
                if weekday.is_empty() { ("byday", json::text(sc, "byday")) } else { ("weekday", weekday) };
            FeedSchedule {
                place: place.child(&format!("regular_schedules[{i}]")),
                days_field,
                days: days.split(',').map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect(),
                opens: json::text(sc, "opens_at"),
                closes: json::text(sc, "closes_at"),
            }
        })
        .collect()
}

fn cost(s: &Object) -> String {
    let mut parts = vec![json::text(s, "fees")];
    for (_, option) in json::objects(s, "cost_options") {
        parts.push(v3::cost_option(
            &json::text(option, "option"),
            &json::text(option, "amount"),
            &json::text(option, "currency"),
            &json::text(option, "amount_description"),
        ));
    }
    parts.retain(|p| !p.is_empty());
    parts.join("; ")
}
