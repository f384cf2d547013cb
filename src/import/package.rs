//! Finding the CSV tables of a data package, wherever the publisher put them.
//!
//! Packages are published three ways: a folder of CSVs, a folder whose
//! `datapackage.json` lists its tables (often as bare `services.csv` while
//! the files sit in `data/`), or the same zipped. Each resource `path` is
//! resolved as the Frictionless Data spec says, relative to the descriptor;
//! when the file is not there it is looked for under `data/`; CSVs the
//! descriptor does not list are found beside it, then under `data/`. A zip
//! is read in memory, entries and all, so the same rules apply inside it.

use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The package's CSV files, by file name in lower case (`services.csv`):
/// how each is named in messages and its bytes.
#[derive(Debug, Default)]
pub struct Package {
    pub tables: BTreeMap<String, (String, Vec<u8>)>,
    /// What was found, for the "Read N services from …" line.
    pub found: String,
}

/// A zip archive is bigger than this only if something is wrong with it.
const LARGEST_ZIP_ENTRY: u64 = 512 * 1024 * 1024;

/// Whether `dir` holds a data package: a `datapackage.json`, or a
/// `services.csv` beside it or under `data/`.
pub fn is_package_folder(dir: &Path) -> bool {
    dir.join("datapackage.json").is_file()
        || ["services.csv", "service.csv"].iter().any(|f| dir.join(f).is_file() || dir.join("data").join(f).is_file())
}

pub fn is_zip(path: &Path) -> bool {
    let mut magic = [0u8; 4];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && magic == *b"PK\x03\x04"
}

/// The tables of the package in the folder `dir` (named `shown`).
pub fn from_folder(dir: &Path, shown: &str, out: &mut Vec<Diagnostic>) -> Package {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for sub in ["", "data/"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let lower = name.to_lowercase();
            if lower.ends_with(".csv") || lower == "datapackage.json" {
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        files.insert(format!("{sub}{name}"), bytes);
                    }
                    Err(e) => out.push(Diagnostic::error(format!("{shown}/{sub}{name}"), format!("cannot read: {e}"))),
                }
            }
        }
    }
    let shown = shown.trim_end_matches('/');
    resolve(&files, "", &|path| format!("{shown}/{path}"), "folder", out)
}

/// The tables of the zipped package at `path` (named `shown`).
pub fn from_zip(path: &Path, shown: &str, out: &mut Vec<Diagnostic>) -> Package {
    let opened = std::fs::File::open(path).map_err(|e| e.to_string()).and_then(|f| {
        zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|e| format!("found a damaged zip archive ({e})"))
    });
    let mut archive = match opened {
        Ok(a) => a,
        Err(reason) => {
            out.push(Diagnostic::error(shown, format!("{reason}, expected a zipped HSDS data package")));
            return Package::default();
        }
    };
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else { continue };
        let Ok(name) = entry.name().map(|n| n.replace('\\', "/")) else { continue };
        let lower = name.to_lowercase();
        let wanted = lower.ends_with(".csv") || lower.ends_with("datapackage.json");
        if !entry.is_file() || !wanted || name.contains("__MACOSX") {
            continue;
        }
        let mut bytes = Vec::new();
        match (&mut entry).take(LARGEST_ZIP_ENTRY).read_to_end(&mut bytes) {
            Ok(_) => {
                files.insert(name, bytes);
            }
            Err(e) => out.push(Diagnostic::error(format!("{shown}/{name}"), format!("cannot unzip: {e}"))),
        }
    }
    // The descriptor may sit in a folder inside the archive; the tables are
    // found relative to it.
    let descriptor: Option<String> = files.keys().filter(|k| is_descriptor(k)).min_by_key(|k| k.len()).cloned();
    let services: Option<String> =
        files.keys().filter(|k| file_name(k) == "services.csv").min_by_key(|k| k.len()).cloned();
    let base = match (descriptor, services) {
        (Some(d), _) => parent(&d).to_string(),
        (None, Some(s)) => parent(&s).trim_end_matches("data/").to_string(),
        (None, None) => String::new(),
    };
    resolve(&files, &base, &|path| format!("{shown}/{path}"), "zip", out)
}

fn is_descriptor(path: &str) -> bool {
    file_name(path).eq_ignore_ascii_case("datapackage.json")
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `a/b/datapackage.json` → `a/b/`.
fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// Picks each table out of `files` (paths inside the package): the
/// descriptor's resources first, then CSVs beside it, then under `data/`.
fn resolve(
    files: &BTreeMap<String, Vec<u8>>,
    base: &str,
    shown: &dyn Fn(&str) -> String,
    container: &str,
    out: &mut Vec<Diagnostic>,
) -> Package {
    let mut package = Package::default();
    let descriptor_path = format!("{base}datapackage.json");
    let mut listed = 0;
    if let Some(bytes) = files.get(&descriptor_path) {
        for resource in resource_paths(bytes, &shown(&descriptor_path), out) {
            // A resource path is relative to the descriptor; publishers who
            // list bare names often keep the files in data/.
            let candidates = [format!("{base}{resource}"), format!("{base}data/{}", file_name(&resource))];
            match candidates.iter().find(|c| files.contains_key(*c)) {
                Some(found) => {
                    listed += 1;
                    add(&mut package, found, files, shown);
                }
                None => out.push(Diagnostic::warning(
                    shown(&descriptor_path),
                    format!(
                        "lists the resource {}, found neither {} nor {}; that table is left out",
                        crate::diagnostics::quote(&resource),
                        candidates[0],
                        candidates[1]
                    ),
                )),
            }
        }
    }
    for dir in [base.to_string(), format!("{base}data/")] {
        for path in files.keys().filter(|k| parent(k) == dir && k.to_lowercase().ends_with(".csv")) {
            add(&mut package, path, files, shown);
        }
    }
    let in_data = package.tables.values().filter(|(name, _)| name.contains("/data/")).count();
    let mut found = vec![container.to_string()];
    if files.contains_key(&descriptor_path) {
        found.push(format!("datapackage.json listing {listed} table{} found", if listed == 1 { "" } else { "s" }));
    }
    let n = package.tables.len();
    found.push(format!("{n} CSV table{}{}", if n == 1 { "" } else { "s" }, if in_data > 0 { " in data/" } else { "" }));
    package.found = found.join(", ");
    package
}

/// Adds the file at `path` under its file name, unless a table of that name is in already.
fn add(package: &mut Package, path: &str, files: &BTreeMap<String, Vec<u8>>, shown: &dyn Fn(&str) -> String) {
    let key = file_name(path).to_lowercase();
    if !package.tables.contains_key(&key)
        && let Some(bytes) = files.get(path)
    {
        package.tables.insert(key, (shown(path), bytes.clone()));
    }
}

/// The `path` of each resource in a descriptor: a string or a list of
/// them; URLs (remote resources) are not followed.
fn resource_paths(bytes: &[u8], shown: &str, out: &mut Vec<Diagnostic>) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let value = match super::json::parse(shown, &text) {
        Ok(v) => v,
        Err(d) => {
            out.push(d);
            return Vec::new();
        }
    };
    let resources = value.get("resources").and_then(serde_json::Value::as_array).cloned().unwrap_or_default();
    let mut paths = Vec::new();
    for resource in resources {
        let listed = match resource.get("path") {
            Some(serde_json::Value::String(p)) => vec![p.clone()],
            Some(serde_json::Value::Array(ps)) => ps.iter().filter_map(|p| p.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        };
        for path in listed {
            let is_remote = path.contains("://");
            // The spec forbids absolute paths and `..`, so nothing outside the package is read.
            let is_outside = path.starts_with('/') || path.split('/').any(|p| p == "..");
            if !is_remote && !is_outside && path.to_lowercase().ends_with(".csv") {
                paths.push(path.trim_start_matches("./").to_string());
            }
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        entries.iter().map(|(k, v)| (k.to_string(), v.as_bytes().to_vec())).collect()
    }

    #[test]
    fn bare_resource_paths_are_found_under_data() {
        let found = files(&[
            (
                "datapackage.json",
                r#"{"resources": [{"path": "services.csv"}, {"path": "phones.csv"}, {"path": "https://x.org/a.csv"}]}"#,
            ),
            ("data/services.csv", "id,name\n"),
            ("data/phones.csv", "id\n"),
        ]);
        let mut out = Vec::new();
        let package = resolve(&found, "", &|p| format!("pkg/{p}"), "folder", &mut out);
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(package.tables["services.csv"].0, "pkg/data/services.csv");
        assert_eq!(package.found, "folder, datapackage.json listing 2 tables found, 2 CSV tables in data/");
    }

    #[test]
    fn a_listed_table_that_is_nowhere_is_a_warning() {
        let found = files(&[("datapackage.json", r#"{"resources": [{"path": ["services.csv"]}]}"#)]);
        let mut out = Vec::new();
        resolve(&found, "", &|p| format!("pkg/{p}"), "folder", &mut out);
        assert_eq!(
            out[0].to_string(),
            "warning: pkg/datapackage.json: lists the resource \"services.csv\", found neither services.csv nor data/services.csv; that table is left out"
        );
    }
}
