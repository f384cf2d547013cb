//! `data/organisations.yaml`: what Open Referral UK wants to know about an
//! organisation that a service's `organisation:` line cannot say.
//!
//! ```yaml
//! Example Energy Trust:              # the name exactly as services write it
//!   description: A charity helping people heat their homes   # ORUK requires one
//!   website: https://example.org
//!   email: hello@example.org
//!   charity_number: "1234567"        # Charity Commission for England and Wales
//!   company_number: "01234567"       # Companies House
//! ```
//!
//! Read strictly, like every content file: unknown keys are errors with a
//! suggestion, and every problem carries its line and column. Templates still
//! see the file loosely as `data.organisations` (see `content::load`).

use crate::content::Located;
use crate::diagnostics::{Diagnostic, quote};
use crate::fields::is_plausible_email;
use crate::fields::{Fields, Sink};
use crate::source::SourceFile;
use crate::yaml::{Node, Value};

/// Where the file lives, relative to the site root.
pub const FILE: &str = "data/organisations.yaml";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub name: Located<String>,
    pub description: String,
    pub website: String,
    pub email: String,
    pub charity_number: String,
    pub company_number: String,
}

/// Every entry of the file, in file order; empty without the file.
#[derive(Debug, Clone, Default)]
pub struct Organisations {
    pub entries: Vec<Organisation>,
}

impl Organisations {
    pub fn get(&self, name: &str) -> Option<&Organisation> {
        self.entries.iter().find(|o| o.name.value == name)
    }
}

/// Reads the file, if the site has one, with every problem in it.
pub fn load(files: &[SourceFile]) -> (Organisations, Vec<Diagnostic>) {
    match files.iter().find(|f| f.rel == FILE) {
        Some(file) => parse(&file.text),
        None => (Organisations::default(), Vec::new()),
    }
}

pub fn parse(text: &str) -> (Organisations, Vec<Diagnostic>) {
    if text.trim().is_empty() {
        return (Organisations::default(), Vec::new());
    }
    let node = match crate::content::parse_yaml(FILE, text) {
        Ok(node) => node,
        Err(d) => return (Organisations::default(), vec![d]),
    };
    let mut sink = Sink::new(FILE);
    let entries = match &node.value {
        Value::Map(entries) => entries.iter().filter_map(|(key, value)| read_entry(key, value, &mut sink)).collect(),
        _ => {
            sink.wrong(&node, "", "a mapping from organisation names to their details");
            Vec::new()
        }
    };
    (Organisations { entries }, sink.diagnostics)
}

fn read_entry(key: &Node, value: &Node, sink: &mut Sink) -> Option<Organisation> {
    let Some(name) = key.as_str().filter(|n| !n.trim().is_empty()) else {
        sink.wrong(key, "", "an organisation name, as services write it in `organisation:`");
        return None;
    };
    let prefix = format!("{name}.");
    let mut f =
        Fields::of(value, &prefix, "a mapping with description, website, email, charity_number, company_number", sink)?;
    let at = |f: &mut Fields, key: &'static str| f.get(key).map_or(f.pos(), |n| n.pos);
    let (website_pos, email_pos) = (at(&mut f, "website"), at(&mut f, "email"));
    let organisation = Organisation {
        name: Located::new(name.to_string(), key.pos),
        description: f.string("description", sink).unwrap_or_default(),
        website: f.string("website", sink).unwrap_or_default(),
        email: f.string("email", sink).unwrap_or_default(),
        charity_number: f.string("charity_number", sink).unwrap_or_default(),
        company_number: f.string("company_number", sink).unwrap_or_default(),
    };
    f.finish(sink);
    let website = &organisation.website;
    if !(website.is_empty() || website.starts_with("https://") || website.starts_with("http://")) {
        let message = format!("found {}, expected a web address starting https://", quote(website));
        sink.error(website_pos, &format!("{prefix}website"), message);
    }
    if !organisation.email.is_empty() && !is_plausible_email(&organisation.email) {
        let message = format!("found {}, expected an email address like hello@example.org", quote(&organisation.email));
        sink.error(email_pos, &format!("{prefix}email"), message);
    }
    Some(organisation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_field() {
        let (orgs, errors) = parse(
            "Example Trust:\n  description: Helps.\n  website: https://x.org\n  charity_number: \"123\"\n  company_number: \"0456\"\n",
        );
        assert_eq!(errors, []);
        let org = orgs.get("Example Trust").unwrap();
        assert_eq!((org.name.pos.line, org.description.as_str()), (1, "Helps."));
        assert_eq!((org.charity_number.as_str(), org.company_number.as_str()), ("123", "0456"));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors_with_places() {
        let (_, errors) =
            parse("Example Trust:\n  descripton: Helps.\n  website: x.org\n  charity_number: 123\nOther: text\n");
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "error: data/organisations.yaml:4:19: Example Trust.charity_number: found the number 123, expected text; write it in quotes: charity_number: \"123\"",
                "error: data/organisations.yaml:2:3: Example Trust.descripton: found an unknown field, expected `description` (a misspelling?)",
                "error: data/organisations.yaml:3:12: Example Trust.website: found \"x.org\", expected a web address starting https://",
                "error: data/organisations.yaml:5:8: Other: found \"text\", expected a mapping with description, website, email, charity_number, company_number",
            ]
        );
    }
}
