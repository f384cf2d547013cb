//! Setting a directory file's own fields (its title and description) by
//! replacing only the text of those values, as [`scalar`](super::scalar)
//! does for front matter; its services are never touched here.

use super::scalar::{EditError, FieldText, Mapping, apply, field_text, reads_as};
use crate::yaml::Node;

/// What a form shows of a directory file: its top-level fields, by key.
#[derive(Debug)]
pub struct DirectoryFields {
    entries: Vec<(Node, Node)>,
}

impl DirectoryFields {
    pub fn read(text: &str) -> Result<Self, EditError> {
        Ok(DirectoryFields { entries: Mapping::top_level(text)?.entries })
    }

    pub fn value(&self, key: &str) -> FieldText {
        field_text(&self.entries, key)
    }
}

/// Sets top-level one-value fields of the directory file `text`. The
/// result is parsed again: each field must read as asked, and every other
/// top-level key (the services among them) exactly as before, in order.
pub fn edit_directory(text: &str, fields: &[(&str, &str)]) -> Result<String, EditError> {
    let before = Mapping::top_level(text)?;
    let mut splices = Vec::new();
    for (key, value) in fields {
        if *key == "services" {
            return Err(EditError::NotOneValue("services".to_string()));
        }
        if let Some(splice) = before.field_splice(text, key, value)? {
            splices.push(splice);
        }
    }
    let result = apply(text, splices);
    let after = Mapping::top_level(&result).map_err(|_| EditError::NotFaithful("the file would not parse".into()))?;
    for (key, value) in fields {
        let holds = match after.entries.iter().find(|(k, _)| k.as_str() == Some(key)) {
            Some((_, node)) => reads_as(node, value),
            None => value.is_empty(),
        };
        if !holds {
            return Err(EditError::NotFaithful(format!("{key} does not hold the new value")));
        }
    }
    let others = |m: &Mapping| -> Vec<(Option<String>, serde_json::Value)> {
        let edited = |k: &Node| fields.iter().any(|(key, _)| k.as_str() == Some(key));
        m.entries.iter().filter(|(k, _)| !edited(k)).map(|(k, v)| (k.scalar_text(), v.to_json())).collect()
    };
    if others(&before) != others(&after) {
        return Err(EditError::NotFaithful("another part of the directory changed".into()));
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# checked in spring\ntitle: Housing   # the heading\nservices:\n  - id: a\n    name: A\n";

    #[test]
    fn a_title_edit_changes_its_value_only() {
        let result = edit_directory(TEXT, &[("title", "Housing: help at home"), ("description", "")]).unwrap();
        assert_eq!(result, TEXT.replace("title: Housing ", "title: \"Housing: help at home\" "));
    }

    #[test]
    fn a_new_description_goes_before_the_services() {
        let result = edit_directory(TEXT, &[("description", "Help with\n**cold** homes.")]).unwrap();
        assert_eq!(result, TEXT.replace("services:", "description: \"Help with\\n**cold** homes.\"\nservices:"));
        let fields = DirectoryFields::read(&result).unwrap();
        assert_eq!(fields.value("description"), FieldText::Text("Help with\n**cold** homes.".into()));
    }

    #[test]
    fn the_services_are_not_a_field() {
        assert_eq!(edit_directory(TEXT, &[("services", "x")]), Err(EditError::NotOneValue("services".into())));
    }
}
