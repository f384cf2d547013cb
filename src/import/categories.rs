//! The categories map: which signpost category each feed taxonomy term
//! belongs to.
//!
//! Feeds classify services with their own taxonomies (LGA service types,
//! Open Eligibility, a council's own list); a site has its own few
//! categories. The map is a YAML mapping from a term's id, URI or name to a
//! category id, or a list of them:
//!
//! ```yaml
//! 3f7b145d-84af-42d7-8fae-eaca714b02b2: mental-health
//! http://example.com/terms/housing: housing
//! Debt advice: [money, housing]
//! ```
//!
//! Ids and URIs match exactly; names match without regard to case.

use crate::diagnostics::Diagnostic;
use crate::urls::is_valid_id;
use crate::yaml::{self, Value};
use std::collections::HashMap;

use super::model::Term;

/// The category services go in when none of their terms is mapped.
pub use crate::content::service::UNCATEGORISED;

#[derive(Debug, Default)]
pub struct CategoryMap {
    exact: HashMap<String, Vec<String>>,
    by_name: HashMap<String, Vec<String>>,
}

impl CategoryMap {
    /// Parses the map file's text; `file` names it in messages.
    pub fn parse(file: &str, text: &str) -> Result<CategoryMap, Vec<Diagnostic>> {
        let node = yaml::parse(text).map_err(|e| {
            vec![
                Diagnostic::error(file, e.explained("expected a mapping of taxonomy terms to category ids"))
                    .at(e.pos.line, e.pos.col),
            ]
        })?;
        let entries = match node.value {
            Value::Map(entries) => entries,
            Value::Null => Vec::new(),
            _ => {
                return Err(vec![
                    Diagnostic::error(file, format!("found {}, expected a mapping of taxonomy terms to category ids, like `Housing advice: housing`", node.describe()))
                        .at(node.pos.line, node.pos.col),
                ]);
            }
        };
        let mut map = CategoryMap::default();
        let mut errors = Vec::new();
        for (key, value) in entries {
            let term = key.scalar_text().unwrap_or_default();
            let ids: Vec<(String, crate::yaml::Pos, String)> = match &value.value {
                Value::Str(s) => vec![(s.clone(), value.pos, value.describe())],
                Value::Seq(items) => {
                    items.iter().map(|i| (i.as_str().unwrap_or_default().to_string(), i.pos, i.describe())).collect()
                }
                _ => vec![(String::new(), value.pos, value.describe())],
            };
            let mut categories = Vec::new();
            for (id, pos, shown) in ids {
                if is_valid_id(&id) {
                    categories.push(id);
                } else {
                    errors.push(
                        Diagnostic::error(file, format!("found {shown}, expected a category id of lower-case letters, digits and -, or a list of them"))
                            .at(pos.line, pos.col)
                            .field(term.clone()),
                    );
                }
            }
            map.by_name.insert(term.to_lowercase(), categories.clone());
            map.exact.insert(term, categories);
        }
        if errors.is_empty() { Ok(map) } else { Err(errors) }
    }

    /// The categories of one term, if the map has it.
    pub fn of(&self, term: &Term) -> Option<&[String]> {
        let exact = [&term.id, &term.uri].into_iter().filter(|k| !k.is_empty()).find_map(|k| self.exact.get(k));
        exact
            .or_else(|| (!term.name.is_empty()).then(|| self.by_name.get(&term.name.to_lowercase())).flatten())
            .map(Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(id: &str, name: &str) -> Term {
        Term { id: id.into(), name: name.into(), ..Term::default() }
    }

    #[test]
    fn maps_ids_exactly_and_names_without_case() {
        let map = CategoryMap::parse("map.yaml", "abc-1: housing\nDebt Advice: [money, housing]\n").unwrap();
        assert_eq!(map.of(&term("abc-1", "")), Some(&["housing".to_string()][..]));
        assert_eq!(map.of(&term("zzz", "debt advice")).map(<[String]>::len), Some(2));
        assert_eq!(map.of(&term("ABC-1", "")), None);
    }

    #[test]
    fn bad_category_ids_are_errors_with_positions() {
        let errors = CategoryMap::parse("map.yaml", "a: housing\nb: Not An Id\n").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "error: map.yaml:2:4: b: found \"Not An Id\", expected a category id of lower-case letters, digits and -, or a list of them"
        );
    }
}
