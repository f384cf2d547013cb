//! Open Referral UK v3 JSON: a service list page (`contents`), a folder of
//! such pages, or one full service (`/services/{id}`).
//!
//! List pages usually carry a summary of each service (no schedules, no
//! locations); a full service carries everything. Both are read by the same
//! function, so whatever a page holds is imported.

use super::json::{self, Object};
use super::model::{FeedAddress, FeedPhone, FeedSchedule, FeedService, Place, Term, phone_label};
use crate::diagnostics::Diagnostic;
use serde_json::Value;

/// The services of a v3 `service_list` page; `place` names the file.
pub fn read_page(page: &Object, place: &Place, out: &mut Vec<Diagnostic>) -> Vec<FeedService> {
    let Some(Value::Array(items)) = page.get("contents") else {
        out.push(place.error("contents", "found no list, expected a list of services"));
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let at = place.child(&format!("contents[{i}]"));
            read_item(item, &at, out)
        })
        .collect()
}

/// One service value, which must be an object.
pub fn read_item(item: &Value, place: &Place, out: &mut Vec<Diagnostic>) -> Option<FeedService> {
    match item.as_object() {
        Some(object) => read_service(object, place, out),
        None => {
            let field = place.prefix.trim_end_matches('.').to_string();
            out.push(
                Diagnostic::error(&place.file, format!("found a JSON {}, expected a service object", json::kind(item)))
                    .field(field),
            );
            None
        }
    }
}

/// One v3 service object. A record without `id` or `name` is read all the
/// same: `convert` leaves it out and reports it with the rest.
pub fn read_service(s: &Object, place: &Place, _out: &mut Vec<Diagnostic>) -> Option<FeedService> {
    let (source_id, name) = (json::text(s, "id"), json::text(s, "name"));
    let locations = locations(s);
    let (referral, terms) = referral_routes(terms(s));
    Some(FeedService {
        place: place.clone(),
        source_id,
        name,
        organisation: json::object(s, "organization").map(|o| json::text(o, "name")).unwrap_or_default(),
        description: json::text(s, "description"),
        url: json::text(s, "url"),
        email: json::text(s, "email"),
        phones: phones(s, place, &locations),
        status: json::text(s, "status"),
        address: locations.iter().find_map(|(_, l)| address(l)),
        schedules: schedules(s, place, &locations),
        languages: json::objects(s, "languages")
            .into_iter()
            .map(|(_, l)| json::first_text(l, &["name", "code"]))
            .filter(|l| !l.is_empty())
            .collect(),
        minimum_age: json::whole_number(s, "minimum_age"),
        maximum_age: json::whole_number(s, "maximum_age"),
        eligibility: json::first_text(s, &["eligibility_description", "eligibility"]),
        cost: cost(s),
        alert: json::text(s, "alert"),
        areas: json::objects(s, "service_areas")
            .into_iter()
            .map(|(_, a)| json::first_text(a, &["name", "service_area"]))
            .filter(|a| !a.is_empty())
            .collect(),
        terms,
        audiences: audiences(s),
        referral,
        preferred_id: json::object(s, "signpost").map(|ext| json::text(ext, "slug")).unwrap_or_default(),
        assured_date: json::text(s, "assured_date"),
        last_modified: json::text(s, "last_modified"),
    })
}

/// The locations a service is delivered at, with their paths.
fn locations(s: &Object) -> Vec<(String, &Object)> {
    json::objects(s, "service_at_locations")
        .into_iter()
        .filter_map(|(i, sal)| {
            json::object(sal, "location").map(|l| (format!("service_at_locations[{i}].location"), l))
        })
        .collect()
}

/// The service's own phones first, then its contacts', then its locations'.
fn phones(s: &Object, place: &Place, locations: &[(String, &Object)]) -> Vec<FeedPhone> {
    let contacts = json::objects(s, "contacts").into_iter().map(|(i, c)| (place.child(&format!("contacts[{i}]")), c));
    let located = locations.iter().map(|(path, l)| (place.child(path), *l));
    let holders: Vec<(Place, &Object)> = std::iter::once((place.clone(), s)).chain(contacts).chain(located).collect();
    phones_of(&holders)
}

/// The phones under each of `holders` (a service, a contact, a location), in order.
pub fn phones_of(holders: &[(Place, &Object)]) -> Vec<FeedPhone> {
    holders
        .iter()
        .flat_map(|(at, h)| {
            json::objects(h, "phones").into_iter().map(|(i, p)| phone_of(p, at.child(&format!("phones[{i}]"))))
        })
        .filter(|p| !p.number.is_empty())
        .collect()
}

/// A phone object's number, its `extension` when it has one, and its label.
fn phone_of(p: &Object, place: Place) -> FeedPhone {
    FeedPhone {
        place,
        number: json::text(p, "number"),
        extension: json::text(p, "extension"),
        label: phone_label(&json::text(p, "description"), &json::text(p, "type")),
    }
}

/// Placecube's `pc_targetAudience`: `[{"audienceType": "Homeless", "id": "80424"}]`.
pub fn audiences(s: &Object) -> Vec<Term> {
    json::objects(s, "pc_targetAudience")
        .into_iter()
        .map(|(_, a)| Term {
            id: json::text(a, "id"),
            name: json::first_text(a, &["audienceType", "name"]),
            taxonomy: "pc_targetAudience".into(),
            ..Term::default()
        })
        .filter(|t| !t.name.is_empty())
        .collect()
}

/// A location's physical address, or failing that its first of any type.
fn address(location: &Object) -> Option<FeedAddress> {
    let addresses = json::objects(location, "addresses");
    let physical = addresses.iter().find(|(_, a)| json::text(a, "address_type") == "physical");
    let (_, a) = physical.or(addresses.first())?;
    Some(address_of(a))
}

/// An address object's parts, in any version: `address_1` … `address_4`,
/// `city`, `state_province`, `postal_code`.
pub fn address_of(a: &Object) -> FeedAddress {
    FeedAddress {
        // One line per part: feeds with a single `address_1` (signpost's
        // among them) join the parts of a street address with commas.
        lines: ["address_1", "address_2", "address_3", "address_4"]
            .iter()
            .map(|k| json::text(a, k))
            .flat_map(|l| l.split(", ").map(str::trim).map(str::to_string).collect::<Vec<_>>())
            .filter(|l| !l.is_empty())
            .collect(),
        town: json::text(a, "city"),
        county: json::text(a, "state_province"),
        postcode: json::text(a, "postal_code"),
    }
}

/// The service's weekly schedules; without any, those of its first location.
fn schedules(s: &Object, place: &Place, locations: &[(String, &Object)]) -> Vec<FeedSchedule> {
    let own = weekly(s, place);
    if !own.is_empty() {
        return own;
    }
    let at_locations = json::objects(s, "service_at_locations")
        .into_iter()
        .map(|(i, sal)| weekly(sal, &place.child(&format!("service_at_locations[{i}]"))))
        .find(|found| !found.is_empty());
    at_locations
        .or_else(|| locations.iter().map(|(path, l)| weekly(l, &place.child(path))).find(|f| !f.is_empty()))
        .unwrap_or_default()
}

/// Schedules that repeat weekly on named days; monthly and one-off
/// schedules, and those with no times, cannot be said as opening hours.
fn weekly(holder: &Object, place: &Place) -> Vec<FeedSchedule> {
    json::objects(holder, "schedules")
        .into_iter()
        .filter(|(_, sc)| {
            let freq = json::text(sc, "freq");
            freq.is_empty() || freq.eq_ignore_ascii_case("weekly")
        })
        .filter(|(_, sc)| !json::text(sc, "opens_at").is_empty() || !json::text(sc, "closes_at").is_empty())
        .map(|(i, sc)| FeedSchedule {
            place: place.child(&format!("schedules[{i}]")),
            days_field: "byday",
            days: json::text(sc, "byday").split(',').map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect(),
            opens: json::text(sc, "opens_at"),
            closes: json::text(sc, "closes_at"),
        })
        .collect()
}

/// `fees_description` (or `fees`), then each cost option in words.
fn cost(s: &Object) -> String {
    let mut parts = Vec::new();
    let fees = json::first_text(s, &["fees_description", "fees"]);
    if !fees.is_empty() {
        parts.push(fees);
    }
    for (_, option) in json::objects(s, "cost_options") {
        parts.push(cost_option(
            &json::text(option, "option"),
            &json::text(option, "amount"),
            &json::text(option, "currency"),
            &json::text(option, "amount_description"),
        ));
    }
    parts.retain(|p| !p.is_empty());
    parts.join("; ")
}

/// `Under 18s: £35 per 1 hour session`. Amounts are pounds unless a currency says otherwise.
pub fn cost_option(option: &str, amount: &str, currency: &str, description: &str) -> String {
    let is_zero = amount.parse::<f64>().is_ok_and(|a| a == 0.0);
    let says_free = |text: &str| text.to_lowercase().contains("free");
    let price = match (amount.is_empty(), currency) {
        (true, _) => String::new(),
        // "Free: £0" says it twice.
        _ if is_zero && (says_free(option) || says_free(description)) => String::new(),
        _ if is_zero => "Free".to_string(),
        (false, "" | "GBP") => format!("£{amount}"),
        (false, other) => format!("{amount} {other}"),
    };
    let said: Vec<&str> = [price.as_str(), description].into_iter().filter(|p| !p.is_empty()).collect();
    match (option.is_empty(), said.is_empty()) {
        (true, _) => said.join(" "),
        (false, true) => option.to_string(),
        (false, false) => format!("{option}: {}", said.join(" ")),
    }
}

/// Splits referral routes (as a signpost site publishes them) from the
/// other terms, which are categories.
fn referral_routes(terms: Vec<Term>) -> (Vec<String>, Vec<Term>) {
    let is_route = |t: &Term| {
        t.taxonomy == crate::oruk::REFERRAL_TAXONOMY && crate::content::Referral::ALL.iter().any(|r| r.id() == t.code)
    };
    let (routes, others): (Vec<Term>, Vec<Term>) = terms.into_iter().partition(is_route);
    (routes.into_iter().map(|t| t.code).collect(), others)
}

/// Taxonomy terms from `attributes` (v3) and any bare `taxonomy_terms`.
fn terms(s: &Object) -> Vec<Term> {
    let from_attributes =
        json::objects(s, "attributes").into_iter().filter_map(|(_, a)| json::object(a, "taxonomy_term"));
    let bare = json::objects(s, "taxonomy_terms").into_iter().map(|(_, t)| t);
    from_attributes
        .chain(bare)
        .map(|t| Term {
            id: json::text(t, "id"),
            uri: json::text(t, "term_uri"),
            name: json::first_text(t, &["name", "term"]),
            taxonomy: json::text(t, "taxonomy"),
            code: json::text(t, "term"),
        })
        .filter(|t| !(t.id.is_empty() && t.uri.is_empty() && t.name.is_empty()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<FeedService>, Vec<Diagnostic>) {
        let value: Value = serde_json::from_str(text).unwrap();
        let mut out = Vec::new();
        let service = read_item(&value, &Place::new("f.json", 0, "contents[0]."), &mut out);
        (service, out)
    }

    #[test]
    fn phones_come_from_service_then_contacts_then_locations() {
        let (s, _) = read(
            r#"{"id": "a", "name": "A",
                "contacts": [{"phones": [{"number": "0100"}]}],
                "service_at_locations": [{"location": {"phones": [{"number": "0200"}]}}]}"#,
        );
        let found = |phones: Vec<FeedPhone>| -> Vec<(String, String)> {
            phones.into_iter().map(|p| (p.place.field("number"), p.number)).collect()
        };
        assert_eq!(
            found(s.unwrap().phones),
            [
                ("contents[0].contacts[0].phones[0].number".to_string(), "0100".to_string()),
                ("contents[0].service_at_locations[0].location.phones[0].number".to_string(), "0200".to_string())
            ]
        );
        let (s, _) = read(
            r#"{"id": "a", "name": "A", "service_at_locations": [{"location": {"phones": [{"number": "0200"}]}}]}"#,
        );
        assert_eq!(
            found(s.unwrap().phones),
            [("contents[0].service_at_locations[0].location.phones[0].number".to_string(), "0200".to_string())]
        );
    }

    #[test]
    fn the_physical_address_wins_over_a_postal_one() {
        let (s, _) = read(
            r#"{"id": "a", "name": "A", "service_at_locations": [{"location": {"addresses": [
                {"address_1": "PO Box 1", "city": "X", "address_type": "postal"},
                {"address_1": "1 High St", "city": "Town", "postal_code": "TT1 1AA", "address_type": "physical"}]}}]}"#,
        );
        let address = s.unwrap().address.unwrap();
        assert_eq!((address.lines, address.town.as_str()), (vec!["1 High St".to_string()], "Town"));
    }

    #[test]
    fn only_weekly_schedules_with_times_become_hours() {
        let (s, _) = read(
            r#"{"id": "a", "name": "A", "schedules": [
                {"freq": "MONTHLY", "byday": "MO", "opens_at": "09:00", "closes_at": "10:00"},
                {"description": "Ring first"},
                {"freq": "WEEKLY", "byday": "TU,WE", "opens_at": "09:00:00", "closes_at": "12:00:00"}]}"#,
        );
        let schedules = s.unwrap().schedules;
        assert_eq!(schedules.len(), 1);
        assert_eq!(schedules[0].days, ["TU", "WE"]);
        assert_eq!(schedules[0].place.prefix, "contents[0].schedules[2].");
    }

    #[test]
    fn cost_options_read_as_words() {
        assert_eq!(cost_option("Under 18s", "35", "", "per session"), "Under 18s: £35 per session");
        assert_eq!(cost_option("", "5", "EUR", ""), "5 EUR");
        assert_eq!(cost_option("Free for carers", "", "", ""), "Free for carers");
        assert_eq!(cost_option("Free (NHS)", "0", "", ""), "Free (NHS)");
        assert_eq!(cost_option("Adults", "0.00", "GBP", ""), "Adults: Free");
    }
}
