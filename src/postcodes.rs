//! The optional `postcodes` table of `site.yaml`: which postcode districts
//! (`DT4`) and sectors (`DT4 7`) fall in which area of the `areas` tree, so
//! that someone holding a patient's postcode can find the local services
//! without knowing the locality's name.
//!
//! ```yaml
//! postcodes:
//!   Weymouth and Portland: [DT3, DT4, DT5]
//!   Dorchester: [DT1, DT2, DT4 9]
//! ```
//!
//! The build checks the table and writes it for the browser
//! (`search/engine/postcodes.<hash>.json`, district or sector → area slug),
//! which looks a postcode up there: the longest match wins, sector `DT4 9`
//! over district `DT4` (`themes/default/static/js/postcodes.js`).

use crate::areas::AreaTree;
use crate::fields::Sink;
use crate::yaml::{Node, Pos, Value};
use std::collections::BTreeMap;

/// Each district or sector of `postcodes`, with the area it falls in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostcodeTable {
    /// Normalised code (`DT4`, `DT4 7`) → the area's index in the tree.
    codes: BTreeMap<String, usize>,
}

impl PostcodeTable {
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The file the browser reads: `{"areas": {slug: name}, "codes": {code: slug}}`.
    pub fn browser_json(&self, tree: &AreaTree) -> String {
        let slug = |area: usize| crate::markdown::slugify(tree.name(area));
        let areas: BTreeMap<String, &str> = self.codes.values().map(|&a| (slug(a), tree.name(a))).collect();
        let codes: BTreeMap<&str, String> = self.codes.iter().map(|(code, &a)| (code.as_str(), slug(a))).collect();
        serde_json::json!({ "areas": areas, "codes": codes }).to_string()
    }

    /// Where the browser file goes: content-hashed, so hosts may cache it
    /// for good, as they do the rest of `search/engine/` (`docs/hosting.md`).
    pub fn browser_path(json: &str) -> String {
        format!("search/engine/postcodes.{:016x}.json", crate::fingerprint::fingerprint(json))
    }
}

const EXPECTED_CODE: &str = "a postcode district such as DT4 or a sector such as DT4 7";

/// Reads `postcodes:`: a mapping of an area of `tree` to its districts and
/// sectors. An area missing from the tree, a malformed code and a code
/// listed twice are errors at their line.
pub fn read(node: &Node, tree: &AreaTree, sink: &mut Sink) -> PostcodeTable {
    let mut table = PostcodeTable::default();
    let Value::Map(entries) = &node.value else {
        sink.wrong(
            node,
            "postcodes",
            "a mapping of each area to its postcode districts, like `Dorchester: [DT1, DT2]`",
        );
        return table;
    };
    // Where each code was first listed, to name it when it comes again.
    let mut first_seen: BTreeMap<String, (String, Pos)> = BTreeMap::new();
    for (key, codes) in entries {
        let name = key.scalar_text().unwrap_or_default();
        let field = format!("postcodes.{name}");
        let Some(area) = known_area(key, &name, tree, sink) else {
            continue;
        };
        for code_node in code_nodes(codes, &field, sink) {
            let Some(code) = code_node.scalar_text().as_deref().and_then(normalise) else {
                sink.wrong(code_node, &field, EXPECTED_CODE);
                continue;
            };
            if let Some((other, at)) = first_seen.get(&code) {
                let message = format!(
                    "found {} a second time (listed for {} at line {}), expected each district or sector in one area",
                    crate::diagnostics::quote(&code),
                    crate::diagnostics::quote(other),
                    at.line
                );
                sink.error(code_node.pos, &field, message);
                continue;
            }
            first_seen.insert(code.clone(), (tree.name(area).to_string(), code_node.pos));
            table.codes.insert(code, area);
        }
    }
    table
}

/// The area a key of `postcodes` names, or an error saying the tree lacks it.
fn known_area(key: &Node, name: &str, tree: &AreaTree, sink: &mut Sink) -> Option<usize> {
    let found = tree.find(name);
    if found.is_none() {
        let expected = if tree.is_empty() {
            "an area of the `areas` tree, which site.yaml does not have".to_string()
        } else {
            format!("an area of the `areas` tree ({})", tree.names().join(", "))
        };
        let found = crate::diagnostics::quote(name);
        sink.error(key.pos, &format!("postcodes.{name}"), format!("found {found}, expected {expected}"));
    }
    found
}

/// An area's codes: a list, or one code on its own.
fn code_nodes<'n>(codes: &'n Node, field: &str, sink: &mut Sink) -> Vec<&'n Node> {
    match &codes.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        Value::Map(_) => {
            sink.wrong(codes, field, "a list of postcode districts or sectors, like [DT1, DT2 7]");
            Vec::new()
        }
        _ => vec![codes],
    }
}

/// `dt4` → `DT4`, `dt4  7` → `DT4 7`; `None` unless a district (one or two
/// letters, a digit, then a letter or digit or nothing) with perhaps a
/// sector digit after a space (`DT47` is a district, as `BH12` is: a sector needs its space).
pub fn normalise(code: &str) -> Option<String> {
    let upper = code.trim().to_ascii_uppercase();
    let mut parts = upper.split_whitespace();
    let district = parts.next().filter(|d| is_district(d))?;
    match (parts.next(), parts.next()) {
        (None, _) => Some(district.to_string()),
        (Some(sector), None) if sector.len() == 1 && sector.as_bytes()[0].is_ascii_digit() => {
            Some(format!("{district} {sector}"))
        }
        _ => None,
    }
}

/// `DT4`, `SW1A`, `B12`, `M1`: the outward code of a UK postcode.
fn is_district(code: &str) -> bool {
    let b = code.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let rest = &b[letters..];
    (1..=2).contains(&letters)
        && matches!(rest.len(), 1 | 2)
        && rest[0].is_ascii_digit()
        && rest.get(1).is_none_or(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(areas: &str, postcodes: &str) -> (PostcodeTable, AreaTree, Vec<String>) {
        let mut sink = Sink::new("site.yaml");
        let tree = crate::areas::read(&crate::yaml::parse(areas).unwrap(), &mut sink);
        let t = read(&crate::yaml::parse(postcodes).unwrap(), &tree, &mut sink);
        (t, tree, sink.diagnostics.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn codes_are_districts_or_sectors_in_any_case_and_spacing() {
        assert_eq!(normalise(" dt4 ").as_deref(), Some("DT4"));
        assert_eq!(normalise("dt4   7").as_deref(), Some("DT4 7"));
        assert_eq!(normalise("SW1A").as_deref(), Some("SW1A"));
        assert_eq!(normalise("M1").as_deref(), Some("M1"));
        assert_eq!(normalise("bh12").as_deref(), Some("BH12"), "a district of two digits");
        for wrong in ["DT", "4DT", "DT4 7TU", "DTX4", "D", "DT4 X", "DT123", ""] {
            assert_eq!(normalise(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn the_browser_file_maps_each_code_to_its_area_slug() {
        let (t, tree, errors) = table(
            "Dorset: [Weymouth and Portland, Dorchester]",
            "Weymouth and Portland: [dt4]\nDorchester: [DT4 9, DT1]\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            t.browser_json(&tree),
            r#"{"areas":{"dorchester":"Dorchester","weymouth-and-portland":"Weymouth and Portland"},"codes":{"DT1":"dorchester","DT4":"weymouth-and-portland","DT4 9":"dorchester"}}"#
        );
    }
}
