//! Working out what an input is, and handing it to the reader for that shape.
//!
//! Feeds do not say which version they are, so the shape decides: a v3 list
//! page has `contents` and `total_items`, a v1 page `content` and
//! `totalElements`, a v3 service `schedules` / `service_at_locations`, a v1
//! service `regular_schedules` / `physical_addresses`; a folder is a data
//! package if it holds `services.csv`, and a folder of pages otherwise.

use super::json;
use super::model::{Feed, FeedService, Place};
use super::{hsds1, package, tabular, v3};
use crate::diagnostics::Diagnostic;
use serde_json::Value;
use std::fs;
use std::path::Path;

/// Keys only the v1 / HSDS 1.1 service shape has.
const V1_KEYS: [&str; 5] =
    ["regular_schedules", "physical_addresses", "service_taxonomys", "eligibilitys", "locations"];

/// Reads the file or folder at `path`; `shown` is how the user named it.
pub fn read_path(path: &Path, shown: &str) -> (Feed, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut feed = Feed { source: shown.to_string(), ..Feed::default() };
    let is_descriptor = path.file_name().is_some_and(|n| n.eq_ignore_ascii_case("datapackage.json"));
    if path.is_dir() {
        read_folder(path, shown, &mut feed, &mut out);
    } else if path.is_file() && package::is_zip(path) {
        read_package(package::from_zip(path, shown, &mut out), shown, &mut feed, &mut out);
    } else if is_descriptor && path.is_file() {
        // The descriptor names the package; its tables are found beside it.
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let folder = shown.rsplit_once('/').map_or(".", |(d, _)| d);
        read_package(package::from_folder(dir, folder, &mut out), shown, &mut feed, &mut out);
    } else {
        match read_file(path, shown).and_then(|text| json::parse(shown, &text)) {
            Ok(value) => {
                out.extend(partial_page_warning(&value, shown));
                if let Some((format, services)) = read_json(&value, shown, &mut out) {
                    feed.format = format;
                    feed.services = services;
                }
            }
            Err(d) => out.push(d),
        }
    }
    (feed, out)
}

fn read_file(path: &Path, shown: &str) -> Result<String, Diagnostic> {
    fs::read_to_string(path).map_err(|e| {
        let reason = if e.kind() == std::io::ErrorKind::NotFound { "not found".to_string() } else { e.to_string() };
        Diagnostic::error(shown, format!("cannot read the input: {reason}"))
    })
}

fn read_folder(dir: &Path, shown: &str, feed: &mut Feed, out: &mut Vec<Diagnostic>) {
    if package::is_package_folder(dir) {
        read_package(package::from_folder(dir, shown, out), shown, feed, out);
        return;
    }
    let pages = json_files(dir);
    if pages.is_empty() {
        out.push(Diagnostic::error(
            shown,
            "found a folder with no services.csv, datapackage.json or .json files, expected an HSDS data package or a folder of Open Referral JSON pages",
        ));
        return;
    }
    feed.services = read_pages(dir, shown, &pages, out);
    feed.format =
        format!("folder of {} Open Referral JSON page{}", pages.len(), if pages.len() == 1 { "" } else { "s" });
}

/// The services of a data package, however it was found.
fn read_package(found: package::Package, shown: &str, feed: &mut Feed, out: &mut Vec<Diagnostic>) {
    let has_descriptor = found.found.contains("datapackage.json");
    feed.format = match (has_descriptor, tabular::looks_like_v3(&found)) {
        (_, true) => "Open Referral UK v3 CSV tables",
        (true, false) => "HSDS 1.1 tabular data package",
        (false, false) => "HSDS 1.1 CSV tables",
    }
    .to_string();
    feed.found.clone_from(&found.found);
    feed.services = tabular::read(&found, shown, out);
}

/// The services of every page in a folder, in file-name order.
fn read_pages(dir: &Path, shown: &str, pages: &[String], out: &mut Vec<Diagnostic>) -> Vec<FeedService> {
    let mut summaries = Vec::new();
    let mut full = Vec::new();
    let mut paging = Paging::default();
    for name in pages {
        let file = format!("{}/{name}", shown.trim_end_matches('/'));
        let Some(value) =
            read_file(&dir.join(name), &file).and_then(|text| json::parse(&file, &text)).map_err(|d| out.push(d)).ok()
        else {
            continue;
        };
        // A dump of a whole API holds organisations and taxonomies too.
        if let Some(kind) = other_document(&value) {
            out.push(Diagnostic::warning(&file, format!("skipped: an Open Referral UK v3 {kind}, not services")));
            continue;
        }
        paging.note(&value);
        let is_single_service = value.is_object() && value.get("contents").is_none() && value.get("content").is_none();
        if let Some((_, services)) = read_json(&value, &file, out) {
            if is_single_service { full.extend(services) } else { summaries.extend(services) }
        }
    }
    out.extend(paging.missing(shown));
    // A full service (GET /services/{id}) supersedes its summary on a list
    // page, as it does when reading a live API.
    let full_ids: std::collections::HashSet<String> = full.iter().map(|s| s.source_id.clone()).collect();
    summaries.retain(|s| !full_ids.contains(&s.source_id));
    summaries.extend(full);
    summaries
}

/// The page numbers a folder's list pages give, and how many pages they say there are.
#[derive(Default)]
struct Paging {
    seen: std::collections::BTreeSet<u64>,
    total: u64,
}

impl Paging {
    fn note(&mut self, page: &Value) {
        let Some(total) = ["total_pages", "totalPages"].iter().find_map(|k| page.get(*k).and_then(Value::as_u64))
        else {
            return;
        };
        self.total = self.total.max(total);
        // v1 pages count from 0 (`number`), v3 pages from 1 (`page_number`).
        let number = page
            .get("page_number")
            .and_then(Value::as_u64)
            .or_else(|| page.get("number").and_then(Value::as_u64).map(|n| n + 1))
            .unwrap_or(1);
        self.seen.insert(number);
    }

    /// A warning naming the pages the folder lacks: their services would look as if they had left the feed.
    fn missing(&self, shown: &str) -> Option<Diagnostic> {
        let missing: Vec<u64> = (1..=self.total).filter(|n| !self.seen.contains(n)).collect();
        let first = *missing.first()?;
        let last = *missing.last()?;
        let which = if missing.len() == 1 {
            format!("page {first} is")
        } else if last - first + 1 == missing.len() as u64 {
            format!("pages {first}–{last} are")
        } else {
            format!("{} pages (the first {first}) are", missing.len())
        };
        Some(Diagnostic::warning(
            shown,
            format!(
                "found {} of the feed's {} pages; {which} missing, so only the services of the pages found are imported (put every page in the folder, or use --url)",
                self.seen.len(),
                self.total
            ),
        ))
    }
}

/// The `.json` files directly in `dir`, sorted by name.
fn json_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json") && !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Parses one JSON document and reads it as whichever shape it has.
pub fn read_json_text(text: &str, file: &str, out: &mut Vec<Diagnostic>) -> Option<(String, Vec<FeedService>)> {
    let value = match json::parse(file, text) {
        Ok(v) => v,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    read_json(&value, file, out)
}

pub fn read_json(value: &Value, file: &str, out: &mut Vec<Diagnostic>) -> Option<(String, Vec<FeedService>)> {
    let place = Place::new(file, 0, "");
    if let Some(kind) = other_document(value) {
        out.push(Diagnostic::error(
            file,
            format!("found an Open Referral UK v3 {kind}, expected services: a service list page (GET /services) or a service (GET /services/{{id}})"),
        ));
        return None;
    }
    match value {
        Value::Object(o) if o.contains_key("contents") => {
            Some(("Open Referral UK v3 service list page".into(), v3::read_page(o, &place, out)))
        }
        Value::Object(o) if matches!(o.get("content"), Some(Value::Array(_))) => {
            let Some(Value::Array(items)) = o.get("content") else { return None };
            Some(("Open Referral UK v1 / HSDS 1.1 JSON page".into(), hsds1::read_list(items, &place, "content", out)))
        }
        Value::Array(items) if items.first().is_some_and(is_v1_service) => {
            Some(("Open Referral UK v1 / HSDS 1.1 JSON list".into(), hsds1::read_list(items, &place, "", out)))
        }
        Value::Array(items) => {
            let services = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| v3::read_item(item, &Place::new(file, 0, format!("[{i}].")), out))
                .collect();
            Some(("list of Open Referral UK v3 services".into(), services))
        }
        Value::Object(o) if is_v1_service(value) => Some((
            "Open Referral UK v1 / HSDS 1.1 service".into(),
            hsds1::read_service(o, &place, out).into_iter().collect(),
        )),
        Value::Object(o) if o.contains_key("id") && o.contains_key("name") => {
            Some(("Open Referral UK v3 service".into(), v3::read_service(o, &place, out).into_iter().collect()))
        }
        other => {
            out.push(Diagnostic::error(
                file,
                format!(
                    "found {}, expected an Open Referral feed: a v3 service list page (total_items, contents), a v3 service (id, name, organization, …) or a v1 / HSDS 1.1 page (content, totalElements)",
                    json::keys_of(other)
                ),
            ));
            None
        }
    }
}

/// A single page of a longer list: the other pages' services would look
/// as if they had left the feed, so say so.
fn partial_page_warning(value: &Value, file: &str) -> Option<Diagnostic> {
    let mut paging = Paging::default();
    paging.note(value);
    let page = paging.seen.first().copied()?;
    (paging.total > 1).then(|| {
        Diagnostic::warning(
            file,
            format!(
                "this is page {page} of {}; only its services are imported. Put every page in one folder and import the folder, or use --url",
                paging.total
            ),
        )
    })
}

/// What an ORUK document that is not about services is (organisations,
/// taxonomies, service-at-locations), by the keys only those carry; a list
/// page is judged by its first item.
fn other_document(value: &Value) -> Option<String> {
    let (object, what) = match value.get("contents").and_then(Value::as_array) {
        Some(items) => (items.first()?.as_object()?, " list page"),
        None => (value.as_object()?, ""),
    };
    let has = |keys: &[&str]| keys.iter().any(|k| object.contains_key(*k));
    let kind = if has(&["location"]) && has(&["service"]) {
        "service_at_location"
    } else if has(&["website", "logo", "parent_organization_id", "organization_identifiers"]) {
        "organization"
    } else if has(&["term_uri", "term", "parent_id"]) {
        "taxonomy_term"
    } else if has(&["version"]) && !has(&["status", "organization"]) {
        "taxonomy"
    } else {
        return None;
    };
    Some(format!("{kind}{what}"))
}

fn is_v1_service(value: &Value) -> bool {
    value.as_object().is_some_and(|o| V1_KEYS.iter().any(|k| o.contains_key(*k)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(text: &str) -> (Option<String>, Vec<Diagnostic>) {
        let mut out = Vec::new();
        let found = read_json_text(text, "feed.json", &mut out).map(|(format, _)| format);
        (found, out)
    }

    #[test]
    fn shapes_are_told_apart_by_their_keys() {
        let cases = [
            (r#"{"total_items": 0, "contents": []}"#, "Open Referral UK v3 service list page"),
            (r#"{"totalElements": 0, "content": []}"#, "Open Referral UK v1 / HSDS 1.1 JSON page"),
            (r#"{"id": "a", "name": "A", "schedules": []}"#, "Open Referral UK v3 service"),
            (r#"{"id": "a", "name": "A", "regular_schedules": []}"#, "Open Referral UK v1 / HSDS 1.1 service"),
            (r#"[{"id": "a", "name": "A", "physical_addresses": []}]"#, "Open Referral UK v1 / HSDS 1.1 JSON list"),
            (r#"[{"id": "a", "name": "A"}]"#, "list of Open Referral UK v3 services"),
        ];
        for (text, expected) in cases {
            assert_eq!(format_of(text), (Some(expected.to_string()), Vec::new()), "{text}");
        }
    }

    #[test]
    fn other_open_referral_documents_are_named() {
        let (found, errors) = format_of(r#"{"id": "o", "name": "Org", "website": "https://x.org"}"#);
        assert_eq!(found, None);
        assert_eq!(
            errors[0].to_string(),
            "error: feed.json: found an Open Referral UK v3 organization, expected services: a service list page (GET /services) or a service (GET /services/{id})"
        );
        let (_, errors) = format_of(r#"{"total_items": 1, "contents": [{"id": "t", "name": "T", "term_uri": "u"}]}"#);
        assert!(errors[0].to_string().contains("found an Open Referral UK v3 taxonomy_term list page"));
    }

    #[test]
    fn anything_else_names_the_keys_it_found() {
        let (found, errors) = format_of(r#"{"data": [], "meta": {}}"#);
        assert_eq!(found, None);
        assert!(
            errors[0]
                .to_string()
                .starts_with("error: feed.json: found an object with keys data, meta, expected an Open Referral feed")
        );
    }

    #[test]
    fn a_single_page_of_many_is_a_warning() {
        let page: Value = serde_json::from_str(r#"{"total_pages": 3, "page_number": 2, "contents": []}"#).unwrap();
        let warning = partial_page_warning(&page, "p.json").unwrap();
        assert!(warning.to_string().starts_with("warning: p.json: this is page 2 of 3;"), "{warning}");
        let whole: Value = serde_json::from_str(r#"{"total_pages": 1, "contents": []}"#).unwrap();
        assert!(partial_page_warning(&whole, "p.json").is_none());
    }
}
