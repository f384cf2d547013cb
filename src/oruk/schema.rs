//! Validation of feed documents against the vendored Open Referral UK v3
//! schemas (`schemas/`, CC BY-SA 4.0, unchanged).
//!
//! The schemas are embedded in the binary and compiled once per process. They
//! carry no `$schema`, so they are read as JSON Schema 2020-12, where unknown
//! keywords (`constraints`, `core`, `datapackage_metadata`, `example`, …) are
//! annotations the validator skips and `format` is an annotation too unless
//! asked for: we ask for it, because `uuid`, `email`, `uri` and `date-time`
//! are most of what the schemas actually constrain.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Registry, Validator};
use serde_json::{Value, json};
use std::sync::OnceLock;

const SERVICE: &str = include_str!("schemas/service.json");
const SERVICE_LIST_ITEM: &str = include_str!("schemas/service_list.json");
const ORGANIZATION: &str = include_str!("schemas/organization.json");
const ORGANIZATION_LIST_ITEM: &str = include_str!("schemas/organization_list.json");
const SERVICE_AT_LOCATION: &str = include_str!("schemas/service_at_location.json");
const SERVICE_AT_LOCATION_LIST_ITEM: &str = include_str!("schemas/service_at_location_list.json");
const TAXONOMY: &str = include_str!("schemas/taxonomy.json");
const TAXONOMY_TERM: &str = include_str!("schemas/taxonomy_term.json");
const OPENAPI: &str = include_str!("schemas/openapi.json");

/// `taxonomy.json` refers to `taxonomy_term.json` by a relative `$ref`;
/// without a `$id` it resolves against this default base URI.
const TAXONOMY_TERM_URI: &str = "json-schema:///taxonomy_term.json";

/// Which schema a document (or a list page's items) is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Schema {
    Service,
    ServiceListItem,
    Organization,
    OrganizationListItem,
    ServiceAtLocation,
    ServiceAtLocationListItem,
    Taxonomy,
    TaxonomyTerm,
    /// The `/` response described in `openapi.json`.
    ApiRoot,
    /// The paginated wrapper, `components.schemas.Page` in `openapi.json`.
    Page,
}

impl Schema {
    const ALL: [Schema; 10] = [
        Schema::Service,
        Schema::ServiceListItem,
        Schema::Organization,
        Schema::OrganizationListItem,
        Schema::ServiceAtLocation,
        Schema::ServiceAtLocationListItem,
        Schema::Taxonomy,
        Schema::TaxonomyTerm,
        Schema::ApiRoot,
        Schema::Page,
    ];

    /// Where the schema comes from, for messages and docs.
    pub fn file(self) -> &'static str {
        match self {
            Schema::Service => "service.json",
            Schema::ServiceListItem => "service_list.json",
            Schema::Organization => "organization.json",
            Schema::OrganizationListItem => "organization_list.json",
            Schema::ServiceAtLocation => "service_at_location.json",
            Schema::ServiceAtLocationListItem => "service_at_location_list.json",
            Schema::Taxonomy => "taxonomy.json",
            Schema::TaxonomyTerm => "taxonomy_term.json",
            Schema::ApiRoot => "openapi.json#/paths/~1/get",
            Schema::Page => "openapi.json#/components/schemas/Page",
        }
    }

    fn index(self) -> usize {
        Schema::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    fn text(self) -> Value {
        let parse = |text: &str| serde_json::from_str(text).expect("vendored schemas are valid JSON");
        match self {
            Schema::Service => parse(SERVICE),
            Schema::ServiceListItem => parse(SERVICE_LIST_ITEM),
            Schema::Organization => parse(ORGANIZATION),
            Schema::OrganizationListItem => parse(ORGANIZATION_LIST_ITEM),
            Schema::ServiceAtLocation => parse(SERVICE_AT_LOCATION),
            Schema::ServiceAtLocationListItem => parse(SERVICE_AT_LOCATION_LIST_ITEM),
            Schema::Taxonomy => parse(TAXONOMY),
            Schema::TaxonomyTerm => parse(TAXONOMY_TERM),
            Schema::ApiRoot => {
                parse(OPENAPI)["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"].take()
            }
            Schema::Page => page_schema(),
        }
    }
}

/// `Page` says what each wrapper field is but requires none of them; the
/// issue asks for all of them and for `contents`, so this wrapper adds
/// `required` around the untouched `Page` definition.
fn page_schema() -> Value {
    let page = parse_openapi()["components"]["schemas"]["Page"].take();
    json!({
        "allOf": [page],
        "properties": { "contents": { "type": "array" } },
        "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
    })
}

fn parse_openapi() -> Value {
    serde_json::from_str(OPENAPI).expect("vendored openapi.json is valid JSON")
}

/// One way a document breaks its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// JSON pointer into the document: `/service_at_locations/0/location/id`.
    pub pointer: String,
    /// The validator's own words: `"x" is not a "email"`.
    pub message: String,
    /// What the schema wanted, in words.
    pub expected: String,
}

/// Every way `document` breaks `schema` (empty when it is valid).
pub fn validate(schema: Schema, document: &Value) -> Vec<SchemaError> {
    let mut errors: Vec<SchemaError> = validator(schema)
        .iter_errors(document)
        .map(|e| SchemaError {
            pointer: e.instance_path().to_string(),
            message: e.to_string(),
            expected: expected(e.kind()),
        })
        .collect();
    // The validator reports in schema order; by place reads better and is stable.
    errors.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    errors
}

/// The compiled validator for `schema`, made on first use.
fn validator(schema: Schema) -> &'static Validator {
    static VALIDATORS: [OnceLock<Validator>; Schema::ALL.len()] = [const { OnceLock::new() }; Schema::ALL.len()];
    VALIDATORS[schema.index()].get_or_init(|| compile(schema))
}

fn compile(schema: Schema) -> Validator {
    let term: Value = serde_json::from_str(TAXONOMY_TERM).expect("vendored taxonomy_term.json is valid JSON");
    let registry = Registry::new()
        .add(TAXONOMY_TERM_URI, term)
        .and_then(|r| r.prepare())
        .expect("the vendored taxonomy term schema registers");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_registry(&registry)
        .build(&schema.text())
        .unwrap_or_else(|e| panic!("vendored schema {} compiles: {e}", schema.file()))
}

fn expected(kind: &ValidationErrorKind) -> String {
    match kind {
        ValidationErrorKind::Format { format } => format!("a valid {format} (the schema's format: {format})"),
        ValidationErrorKind::Required { property } => format!("the required property {property}"),
        ValidationErrorKind::Enum { options } => format!("one of {options}"),
        ValidationErrorKind::Type { kind: TypeKind::Single(t) } => format!("a value of type {t}"),
        ValidationErrorKind::Type { kind: TypeKind::Multiple(types) } => {
            let names: Vec<String> = types.iter().map(|t| t.to_string()).collect();
            format!("a value of type {}", names.join(" or "))
        }
        other => format!("a value the schema's `{}` keyword accepts", other.keyword()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> Value {
        let path = format!("{}/tests/fixtures/openreferral/oruk-v3-examples/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn every_vendored_schema_compiles() {
        for schema in Schema::ALL {
            let _ = validator(schema);
        }
    }

    #[test]
    fn the_official_examples_validate() {
        assert_eq!(validate(Schema::Service, &example("service_full.json")), []);
        assert_eq!(validate(Schema::Organization, &example("organization_full.json")), []);
        assert_eq!(validate(Schema::Taxonomy, &example("taxonomy.json")), []);
        assert_eq!(validate(Schema::TaxonomyTerm, &example("taxonomy_term.json")), []);
        let list = example("service_list.json");
        assert_eq!(validate(Schema::Page, &list), []);
        for item in list["contents"].as_array().unwrap() {
            assert_eq!(validate(Schema::ServiceListItem, item), []);
        }
    }

    #[test]
    fn formats_are_asserted_not_just_annotated() {
        let mut service = example("service_full.json");
        service["email"] = json!("not an email");
        service["id"] = json!("rehab-town");
        let errors = validate(Schema::Service, &service);
        let pointers: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, ["/email", "/id"]);
        assert_eq!(errors[0].expected, "a valid email (the schema's format: email)");
    }

    #[test]
    fn type_errors_name_the_type() {
        let errors = validate(
            Schema::TaxonomyTerm,
            &json!({"id": "ac148810-d857-441c-9679-408f346de14b", "name": 3, "description": "d"}),
        );
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].pointer.as_str(), errors[0].expected.as_str()), ("/name", "a value of type string"));
    }

    #[test]
    fn required_and_enum_are_checked() {
        let errors =
            validate(Schema::Service, &json!({"id": "ac148810-d857-441c-9679-408f346de14b", "status": "open"}));
        let pointers: Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer.as_str(), e.expected.as_str())).collect();
        assert_eq!(pointers.len(), 2, "{errors:?}");
        assert_eq!(pointers[0].0, "");
        assert_eq!(pointers[1].0, "/status");
        let missing = validate(Schema::Page, &json!({"contents": []}));
        assert_eq!(missing.len(), 7, "every wrapper field is required: {missing:?}");
    }
}
