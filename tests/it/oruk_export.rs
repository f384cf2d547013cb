//! The Open Referral UK v3 feed: `/services.json` and `/openreferral/`, its
//! validity against the vendored schemas, and `check --oruk`.

use crate::harness::{SiteTest, list_files};
use serde_json::Value;
use signpost::oruk::schema::{self, Schema};
use std::path::{Path, PathBuf};

/// The schema a published file answers to, and for list pages the schema
/// of each item.
fn schemas_for(path: &str) -> (Schema, Option<Schema>) {
    if path == "services.json" {
        return (Schema::Page, Some(Schema::Service));
    }
    let parts: Vec<&str> = path.trim_start_matches("openreferral/").split('/').collect();
    let (one, item) = match parts[0] {
        "index.json" => return (Schema::ApiRoot, None),
        "services" => (Schema::Service, Schema::ServiceListItem),
        "organizations" => (Schema::Organization, Schema::OrganizationListItem),
        "service_at_locations" => (Schema::ServiceAtLocation, Schema::ServiceAtLocationListItem),
        "taxonomies" => (Schema::Taxonomy, Schema::Taxonomy),
        "taxonomy_terms" => (Schema::TaxonomyTerm, Schema::TaxonomyTerm),
        other => panic!("unexpected feed folder {other}"),
    };
    if parts.len() == 2 { (Schema::Page, Some(item)) } else { (one, None) }
}

/// Every feed file under `public`, parsed, by path.
fn feed_files(public: &Path) -> Vec<(String, Value)> {
    list_files(public)
        .into_iter()
        .filter(|f| f == "services.json" || f.starts_with("openreferral/"))
        .map(|f| {
            let text = std::fs::read_to_string(public.join(&f)).unwrap();
            let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
            (f, value)
        })
        .collect()
}

/// Every schema error in the feed under `public`, as `path pointer: message`.
fn schema_errors(public: &Path) -> (usize, Vec<String>) {
    let files = feed_files(public);
    let mut errors = Vec::new();
    for (path, value) in &files {
        let (schema, item) = schemas_for(path);
        let mut found = schema::validate(schema, value);
        if let Some(item) = item {
            for (i, v) in value["contents"].as_array().unwrap().iter().enumerate() {
                found.extend(schema::validate(item, v).into_iter().map(|mut e| {
                    e.pointer = format!("/contents/{i}{}", e.pointer);
                    e
                }));
            }
        }
        errors.extend(found.into_iter().map(|e| format!("{path} {}: {}", e.pointer, e.message)));
    }
    (files.len(), errors)
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build_example_site(output: &Path) {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["build", "--no-search", "--root"])
        .arg(repo_root())
        .arg("--output")
        .arg(output)
        .env("SIGNPOST_TODAY", crate::harness::TODAY)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

#[test]
fn the_example_sites_feed_validates_against_the_vendored_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    build_example_site(&output);
    let (files, errors) = schema_errors(&output);
    assert_eq!(errors, Vec::<String>::new());
    assert!(files > 40, "the feed has a file per service and more: {files}");
    let page: Value = serde_json::from_str(&std::fs::read_to_string(output.join("services.json")).unwrap()).unwrap();
    let total = page["total_items"].as_u64().unwrap();
    assert!(total > 10 && total == page["contents"].as_array().unwrap().len() as u64);
    for key in ["total_pages", "page_number"] {
        assert_eq!(page[key], 1, "{key}");
    }
}

#[test]
fn check_oruk_passes_on_the_example_site() {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["check", "--oruk", "--root"])
        .arg(repo_root())
        .env("SIGNPOST_TODAY", crate::harness::TODAY)
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
    let summary = stdout.lines().last().unwrap();
    assert!(
        summary.starts_with("Open Referral UK feed: ") && summary.ends_with(" services, 0 schema errors"),
        "{stdout}"
    );
}

#[test]
fn the_fixture_feed_is_valid_and_check_oruk_is_clean() {
    let site = SiteTest::new("oruk");
    site.build().assert_ok();
    let (files, errors) = schema_errors(&site.root.join("public"));
    assert_eq!(errors, Vec::<String>::new());
    // root, 2 services + page, services.json, 1 organisation + page, 2
    // taxonomies + page, 3 referral terms + 1 category term + page, 1
    // service-at-location + page.
    assert_eq!(files, 17);
    let run = site.run(&["check", "--oruk"]);
    run.assert_ok();
    assert_eq!(run.warnings(), Vec::<&str>::new());
    assert_eq!(run.stdout.lines().last(), Some("Open Referral UK feed: 2 services, 0 schema errors"));
}

#[test]
fn ids_are_the_same_build_after_build_and_with_another_base_url() {
    let site = SiteTest::new("oruk");
    site.build().assert_ok();
    let first = site.output("services.json");
    let first_files = list_files(&site.root.join("public/openreferral"));
    site.build().assert_ok();
    assert_eq!(site.output("services.json"), first, "byte for byte");
    site.run(&["build", "--base-url", "https://staging.example.org"]).assert_ok();
    assert_eq!(list_files(&site.root.join("public/openreferral")), first_files, "ids come from site.yaml's base_url");
    let staged: Value = serde_json::from_str(&site.output("services.json")).unwrap();
    let first: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(staged["contents"][1]["id"], first["contents"][1]["id"]);
    assert_eq!(staged["contents"][1]["signpost"]["url"], "https://staging.example.org/services/warm-homes/");
}

#[test]
fn a_service_maps_to_the_oruk_fields() {
    let site = SiteTest::new("oruk");
    site.build().assert_ok();
    let page: Value = serde_json::from_str(&site.output("services.json")).unwrap();
    // Sorted by slug: hostile, warm-homes.
    let s = &page["contents"][1];
    let id = s["id"].as_str().unwrap();
    // uuid5(uuid5(NAMESPACE_URL, "https://oruk.example.org"), "service:warm-homes"), as Python's uuid computes it.
    assert_eq!(id, "d8a791f6-84af-5052-a258-be7983e31997");
    let own: Value = serde_json::from_str(&site.output(&format!("openreferral/services/{id}/index.json"))).unwrap();
    assert_eq!(&own, s, "the service's own document is the same as its entry in services.json");

    assert_eq!(s["name"], "Warm homes advice");
    assert_eq!(s["description"], "Free advice on heating. Call us.\n\nHome visits\nGrants");
    assert_eq!(s["status"], "temporarily closed");
    assert_eq!(s["alert"], "Closed for refurbishment until 5 January");
    assert_eq!((s["minimum_age"].as_u64(), s["maximum_age"].as_u64()), (Some(18), Some(99)));
    assert_eq!(s["assured_date"], "2026-09-14");
    assert_eq!(s["url"], "https://example.org/warm");
    assert_eq!(s["email"], "help@example.org");
    assert_eq!(s["eligibility_description"], "Anyone living in Town");
    assert_eq!(s["phones"][0]["number"], "01632 960001");
    assert_eq!(s["cost_options"][0]["option"], "Free");
    assert_eq!(s["cost_options"][0]["amount"], 0);
    assert_eq!(
        s["signpost"],
        serde_json::json!({
            "slug": "warm-homes",
            "url": "https://oruk.example.org/services/warm-homes/",
            "directory": "https://oruk.example.org/directories/local/",
            "source_id": "abc-123",
        })
    );

    let weekdays = &s["schedules"][0];
    assert_eq!(weekdays["freq"], "WEEKLY");
    assert_eq!(weekdays["byday"], "MO,TU,WE,TH,FR");
    assert_eq!((weekdays["opens_at"].as_str(), weekdays["closes_at"].as_str()), (Some("09:00:00"), Some("17:00:00")));
    assert_eq!(weekdays["description"], "Monday to Friday, 9am to 5pm");
    assert_eq!(weekdays["service_id"], id);
    let saturday = &s["schedules"][1];
    assert_eq!((saturday["byday"].as_str(), saturday["closes_at"].as_str()), (Some("SA"), Some("23:59:59")));
    assert_eq!(saturday["description"], "Saturday, 10am to midnight");

    let areas: Vec<&str> = s["service_areas"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(areas, ["Town", "Village"]);
    let languages: Vec<(&str, Option<&str>)> =
        s["languages"].as_array().unwrap().iter().map(|l| (l["name"].as_str().unwrap(), l["code"].as_str())).collect();
    assert_eq!(languages, [("English", Some("en")), ("Polish", Some("pl")), ("British Sign Language", None)]);

    let location = &s["service_at_locations"][0]["location"];
    assert_eq!(location["location_type"], "physical");
    let address = &location["addresses"][0];
    assert_eq!(address["address_1"], "Unit 2, 1 High Street");
    assert_eq!(address["city"], "Town");
    assert_eq!(address["state_province"], "Dorset");
    assert_eq!(address["postal_code"], "DT4 8AA");
    assert_eq!(address["country"], "GB");
    assert_eq!(address["address_type"], "physical");
    assert_eq!(address["location_id"], location["id"]);

    let org = &s["organization"];
    assert_eq!(org["name"], "Town Energy Charity");
    assert_eq!(org["description"], "A local charity helping people heat their homes.");
    assert_eq!(org["website"], "https://example.org");
    assert_eq!(org["email"], "hello@example.org");
    let identifiers: Vec<(&str, &str, &str)> = org["organization_identifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["identifier_scheme"].as_str().unwrap(),
                i["identifier_type"].as_str().unwrap(),
                i["identifier"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(identifiers, [("GB-CHC", "Charity number", "1234567"), ("GB-COH", "Company number", "01234567")]);
    assert_eq!(s["organization_id"], org["id"]);

    let terms: Vec<(&str, &str, &str)> = s["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["taxonomy_term"])
        .map(|t| (t["taxonomy"].as_str().unwrap(), t["term"].as_str().unwrap(), t["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        terms,
        [
            ("Test Open Referral site: service categories", "warmth", "Warmth and energy"),
            ("Referral routes", "self", "Self-referral"),
            ("Referral routes", "gp", "GP referral"),
        ]
    );
}

#[test]
fn the_api_root_and_list_pages_describe_the_feed() {
    let site = SiteTest::new("oruk");
    site.build().assert_ok();
    let root: Value = serde_json::from_str(&site.output("openreferral/index.json")).unwrap();
    assert_eq!(root["version"], "3.0");
    assert_eq!(
        root["openapi_url"],
        "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
    );
    let services: Value = serde_json::from_str(&site.output("openreferral/services/index.json")).unwrap();
    assert_eq!((services["total_items"].as_u64(), services["empty"].as_bool()), (Some(2), Some(false)));
    assert!(services["contents"][0].get("schedules").is_none(), "list items are the summary form");
    let orgs: Value = serde_json::from_str(&site.output("openreferral/organizations/index.json")).unwrap();
    let org_id = orgs["contents"][0]["id"].as_str().unwrap();
    let org: Value =
        serde_json::from_str(&site.output(&format!("openreferral/organizations/{org_id}/index.json"))).unwrap();
    assert_eq!(org["services"].as_array().unwrap().len(), 2);
    let sals: Value = serde_json::from_str(&site.output("openreferral/service_at_locations/index.json")).unwrap();
    assert_eq!(sals["total_items"], 1, "only the service with an address has a location");
}

#[test]
fn the_feed_never_holds_null_or_empty_strings() {
    let site = SiteTest::new("oruk");
    site.build().assert_ok();
    for (path, value) in feed_files(&site.root.join("public")) {
        let empty = signpost::oruk::check::empty_values(&value, "");
        assert_eq!(empty, Vec::<String>::new(), "{path}");
    }
}

#[test]
fn hostile_strings_survive_as_json_strings() {
    let site = SiteTest::new("oruk");
    site.build().assert_ok();
    let text = site.output("services.json");
    assert!(!text.contains('\u{7}'), "control characters are escaped, not written raw");
    let page: Value = serde_json::from_str(&text).unwrap();
    let s = &page["contents"][0];
    assert_eq!(s["name"], "<script>alert(\"name\")</script> \"quoted\" \\ back");
    // Markdown's raw HTML is dropped from the plain text, as from the page.
    assert_eq!(s["description"], "Tab\there, bell \u{7} and bold");
}

#[test]
fn check_oruk_maps_a_schema_error_to_the_yaml_line_and_field() {
    let site = SiteTest::new("oruk");
    // The YAML check accepts it (it has an @ and a dot); the schema's `format: email` does not.
    site.edit("content/services/local.yaml", "email: help@example.org", "email: help@example..org");
    site.check().assert_ok();
    let run = site.run(&["check", "--oruk"]);
    let id = "d8a791f6-84af-5052-a258-be7983e31997";
    run.assert_errors(&[&format!(
        "error: content/services/local.yaml:19:14: services[0].contact.email: Open Referral UK /services/{id} at /email: \"help@example..org\" is not a \"email\"; expected a valid email (the schema's format: email)"
    )]);
    assert!(run.stderr.ends_with("Open Referral UK feed: 2 services, 1 schema error\n"), "{}", run.stderr);
}

#[test]
fn check_oruk_warns_when_an_organisation_has_no_description() {
    let site = SiteTest::new("oruk");
    site.remove("data/organisations.yaml");
    site.build().assert_ok();
    let run = site.run(&["check", "--oruk"]);
    run.assert_ok();
    assert_eq!(
        run.warnings(),
        [
            "warning: content/services/local.yaml:43:19: services[1].organisation: Open Referral UK requires an organisation description, but \"Town Energy Charity\" has no entry in data/organisations.yaml, so the name stands in; expected an entry with a description"
        ]
    );
    let page: Value = serde_json::from_str(&site.output("services.json")).unwrap();
    assert_eq!(page["contents"][0]["organization"]["description"], "Town Energy Charity");
}

#[test]
fn check_oruk_warns_about_an_address_without_county_and_an_unused_organisation() {
    let site = SiteTest::new("oruk");
    site.edit("content/services/local.yaml", "      county: Dorset\n", "");
    site.write(
        "data/organisations.yaml",
        format!("{}Town Energy Charty:\n  description: A typo.\n", site.read("data/organisations.yaml")),
    );
    let run = site.run(&["check", "--oruk"]);
    run.assert_ok();
    assert_eq!(
        run.warnings(),
        [
            "warning: content/services/local.yaml:22:7: services[0].address: Open Referral UK requires a county (state_province) in an address, so the town stands in; expected `county:` in the address",
            "warning: data/organisations.yaml:7:1: Town Energy Charty: no published service names this organisation, expected the name exactly as a service's `organisation:` writes it; did you mean \"Town Energy Charity\"?",
        ]
    );
}

#[test]
fn errors_in_organisations_yaml_fail_the_build() {
    let site = SiteTest::new("oruk");
    site.edit("data/organisations.yaml", "  website:", "  webiste:");
    site.build().assert_errors(&[
        "error: data/organisations.yaml:3:3: Town Energy Charity.webiste: found an unknown field, expected `website` (a misspelling?)",
    ]);
}

#[test]
fn the_hostile_fixture_publishes_a_valid_feed() {
    let site = SiteTest::new("hostile");
    // Its website holds `<script>`: the feed percent-encodes what a URI may not hold.
    let run = site.run(&["check", "--oruk"]);
    run.assert_ok();
    assert!(run.stdout.ends_with("Open Referral UK feed: 1 service, 0 schema errors\n"), "{}", run.stdout);
    site.build().assert_ok();
    let page: Value = serde_json::from_str(&site.output("services.json")).unwrap();
    assert_eq!(page["contents"][0]["url"], "https://example.org/?q=%3Cscript%3E");
}

#[test]
fn inactive_services_are_left_out_of_the_feed() {
    let site = SiteTest::new("oruk");
    let closed = "\n  - id: closed-for-good\n    name: Closed for good\n    organisation: Gone Charity\n    description: Gone.\n    categories: [warmth]\n    contact:\n      phone: \"01632 960003\"\n    last_verified: 2026-09-14\n    status: inactive\n";
    site.write("content/services/local.yaml", format!("{}{closed}", site.read("content/services/local.yaml")));
    let run = site.run(&["check", "--oruk"]);
    run.assert_ok();
    assert_eq!(run.warnings(), Vec::<&str>::new(), "no warning about its organisation");
    site.build().assert_ok();
    let text = site.output("services.json");
    let page: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(page["total_items"], 2);
    assert!(
        !text.contains("closed-for-good") && !site.output("openreferral/taxonomy_terms/index.json").contains("gone")
    );
}

#[test]
fn every_phone_is_exported_with_its_label_and_the_feed_stays_valid() {
    let site = SiteTest::new("oruk");
    site.edit(
        "content/services/local.yaml",
        "      phone: \"01632 960001\"\n",
        "      phone: \"01632 960001\"\n      phones:\n        - number: \"18001 01632 960001\"\n          label: Text relay\n        - number: \"01632 960009 ext. 4\"\n",
    );
    site.build().assert_ok();
    let (_, errors) = schema_errors(&site.root.join("public"));
    assert_eq!(errors, Vec::<String>::new());
    let page: Value = serde_json::from_str(&site.output("services.json")).unwrap();
    let s = &page["contents"][1];
    let phones = s["phones"].as_array().unwrap();
    let numbers: Vec<(&str, Option<&str>)> =
        phones.iter().map(|p| (p["number"].as_str().unwrap(), p["description"].as_str())).collect();
    assert_eq!(
        numbers,
        [("01632 960001", None), ("18001 01632 960001", Some("Text relay")), ("01632 960009 ext. 4", None)],
        "in order, the main number first, a label as its description, no empty description"
    );
    let ids: std::collections::BTreeSet<&str> = phones.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 3, "each its own id: {phones:?}");
    assert!(phones.iter().all(|p| p["service_id"] == s["id"]));
    let run = site.run(&["check", "--oruk"]);
    run.assert_ok();
    assert_eq!(run.stdout.lines().last(), Some("Open Referral UK feed: 2 services, 0 schema errors"));
}
