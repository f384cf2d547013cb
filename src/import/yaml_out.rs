//! Writing a service directory as YAML, by hand.
//!
//! signpost reads YAML but has no writer worth trusting with text from
//! strangers, so this writes it directly, in one fixed layout: the contract's
//! key order, one service after another sorted by id. A string is written
//! plain only when it is provably plain (letters, digits, a few safe marks,
//! no YAML keyword); Markdown with line breaks as a literal block; anything
//! else as a JSON string, which is also valid YAML. The same services always
//! give the same bytes, which is what makes "no change" mean "no write".

use super::model::{OutHours, OutService};
use crate::content::service::Phone;

/// The first words of the header an import writes, which is how a later
/// import knows the file is its own.
pub const HEADER_START: &str = "# Imported by signpost import from ";

pub struct Header<'a> {
    pub source: &'a str,
    pub format: &'a str,
    pub date: &'a str,
}

impl Header<'_> {
    pub fn render(&self) -> String {
        let source = self.source.replace(|c: char| c.is_control(), "?");
        format!(
            "{HEADER_START}{source}\n# ({}) on {}.\n# Importing again merges by source_id and keeps referral, hand-set areas and\n# categories; services without source_id are left alone. See docs/import.md.\n",
            self.format, self.date
        )
    }
}

/// The date in the header of a file import wrote (`… on 2026-11-25.`).
pub fn header_date(text: &str) -> Option<&str> {
    if !is_import_file(text) {
        return None;
    }
    let second = text.lines().nth(1)?;
    let (_, after) = second.rsplit_once(") on ")?;
    after.strip_suffix('.')
}

/// The file's text after its leading comment lines (the header).
pub fn body_of(text: &str) -> &str {
    let mut rest = text;
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, after)| after);
    }
    rest
}

pub fn is_import_file(text: &str) -> bool {
    text.starts_with(HEADER_START)
}

/// Everything but the header: title, description and services.
pub fn render_body(title: &str, description: &str, services: &[OutService]) -> String {
    let mut out = String::new();
    out.push_str(&format!("title: {}\n", scalar(title, 0)));
    if !description.is_empty() {
        out.push_str(&format!("description: {}\n", scalar(description, 0)));
    }
    out.push_str("services:\n");
    for service in services {
        render_service(service, &mut out);
    }
    out
}

fn render_service(s: &OutService, out: &mut String) {
    const IN: usize = 4;
    out.push_str(&format!("  - id: {}\n", scalar(&s.id, IN)));
    field(out, IN, "name", &s.name);
    field(out, IN, "organisation", &s.organisation);
    field(out, IN, "description", &s.description);
    list(out, IN, "categories", &s.categories);
    list(out, IN, "areas", &s.areas);
    field(out, IN, "eligibility", &s.eligibility);
    field(out, IN, "cost", &s.cost);
    list(out, IN, "referral", &s.referral);
    if let Some(c) = &s.contact {
        out.push_str("    contact:\n");
        field(out, IN + 2, "phone", &c.phone);
        render_phones(&c.phones, out);
        field(out, IN + 2, "email", &c.email);
        field(out, IN + 2, "website", &c.website);
    }
    if let Some(a) = &s.address {
        out.push_str("    address:\n");
        list(out, IN + 2, "lines", &a.lines);
        field(out, IN + 2, "town", &a.town);
        field(out, IN + 2, "county", &a.county);
        field(out, IN + 2, "postcode", &a.postcode);
    }
    if !s.opening_hours.is_empty() {
        out.push_str("    opening_hours:\n");
        for h in &s.opening_hours {
            render_hours(h, out);
        }
    }
    field(out, IN, "bank_holidays", &s.bank_holidays);
    list(out, IN, "languages", &s.languages);
    // Dates are written plain, as authors write them; the reader keeps them as text.
    out.push_str(&format!("    last_verified: {}\n", s.last_verified));
    field(out, IN, "status", &s.status);
    field(out, IN, "alert", &s.alert);
    if let Some(age) = s.minimum_age {
        out.push_str(&format!("    minimum_age: {age}\n"));
    }
    if let Some(age) = s.maximum_age {
        out.push_str(&format!("    maximum_age: {age}\n"));
    }
    field(out, IN, "source_id", &s.source_id);
}

/// `contact.phones`, one entry a number, its label under it when it has one.
fn render_phones(phones: &[Phone], out: &mut String) {
    if phones.is_empty() {
        return;
    }
    out.push_str("      phones:\n");
    for p in phones {
        out.push_str(&format!("        - number: {}\n", scalar(&p.number, 10)));
        field(out, 10, "label", &p.label);
    }
}

fn render_hours(h: &OutHours, out: &mut String) {
    out.push_str(&format!("      - days: [{}]\n", h.days.join(", ")));
    out.push_str(&format!("        opens: {}\n", quoted(&h.opens)));
    out.push_str(&format!("        closes: {}\n", quoted(&h.closes)));
}

/// `key: value` at `indent`, left out when the value is empty.
fn field(out: &mut String, indent: usize, key: &str, value: &str) {
    if !value.is_empty() {
        out.push_str(&format!("{:indent$}{key}: {}\n", "", scalar(value, indent)));
    }
}

/// `key: [a, b]` when every item is safely plain in a flow list, else one item a line.
fn list(out: &mut String, indent: usize, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let flow = items.iter().all(|i| is_plain(i, true)) && items.iter().map(String::len).sum::<usize>() < 80;
    if flow {
        out.push_str(&format!("{:indent$}{key}: [{}]\n", "", items.join(", ")));
        return;
    }
    out.push_str(&format!("{:indent$}{key}:\n", ""));
    for item in items {
        out.push_str(&format!("{:indent$}  - {}\n", "", scalar(item, indent + 4)));
    }
}

/// A string as YAML: plain, a literal block (for Markdown over several
/// lines), or double-quoted. `indent` is the column of the key it belongs to.
pub fn scalar(text: &str, indent: usize) -> String {
    if is_plain(text, false) {
        text.to_string()
    } else if is_literal_safe(text) {
        let pad = " ".repeat(indent + 2);
        let lines: Vec<String> =
            text.split('\n').map(|l| if l.is_empty() { String::new() } else { format!("{pad}{l}") }).collect();
        format!("|-\n{}", lines.join("\n"))
    } else {
        quoted(text)
    }
}

/// A JSON string is a YAML double-quoted string, except that YAML also
/// breaks lines at U+0085, U+2028 and U+2029 and refuses a byte-order mark,
/// so those are escaped too.
pub fn quoted(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string());
    json.replace('\u{85}', "\\u0085")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .replace('\u{feff}', "\\ufeff")
}

/// Plain only if nothing in it could mean anything to YAML: it starts with a
/// letter, holds letters, digits, spaces and `- _ . ( ) ' / & + ?` (and
/// `, @ : #` outside flow lists, where `: ` and ` #` are still refused),
/// ends with no space and is no keyword like `yes`.
fn is_plain(text: &str, in_flow: bool) -> bool {
    const KEYWORDS: [&str; 11] = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "nan", "inf"];
    let Some(first) = text.chars().next() else { return false };
    let safe_mark = |c: char| " -_.()'/&+?".contains(c) || (!in_flow && ",@:#".contains(c));
    // `:` ends a key only before a space or at the end; `#` starts a comment only after a space.
    let is_key_or_comment = text.ends_with(':') || text.contains(": ") || text.contains(" #");
    first.is_alphabetic()
        && text.len() <= 200
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !is_key_or_comment
        && text.chars().all(|c| c.is_alphanumeric() || safe_mark(c))
        && !KEYWORDS.contains(&text.to_lowercase().as_str())
}

/// A literal block keeps text exactly when it has several lines, starts
/// with a visible character and holds no character YAML treats specially.
fn is_literal_safe(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with([' ', '\t', '\n'])
        && !text.ends_with(['\n', ' ', '\t'])
        && text.lines().all(|l| !l.ends_with([' ', '\t']))
        && !text
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || "\u{85}\u{2028}\u{2029}\u{feff}".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, Value};

    fn reads_back(text: &str) -> String {
        let doc = format!("k: {}\n", scalar(text, 0));
        let node = yaml::parse(&doc).unwrap_or_else(|e| panic!("{doc}: {e:?}"));
        let Value::Map(entries) = node.value else { panic!("not a map: {doc}") };
        entries[0].1.as_str().unwrap_or_else(|| panic!("not text: {doc}")).to_string()
    }

    #[test]
    fn every_string_reads_back_as_written() {
        let hostile = [
            "Plain words",
            "yes",
            "No",
            "null",
            "~",
            "123",
            "1.5",
            "2025-01-01",
            "- dash",
            "key: value",
            "a # comment",
            "[list]",
            "{map}",
            "*alias",
            "&anchor",
            "!tag",
            "@at",
            "`tick",
            "'quoted'",
            "\"double\"",
            "trailing ",
            " leading",
            "tab\there",
            "line one\nline two",
            "para\n\n  indented code\n- item",
            "ends with newline\n",
            "\u{2028}separator",
            "bell\u{7}",
            "bom\u{feff}",
            "£35 per session",
            "Café für alle",
            "%percent",
            "a: b\n: c",
            "|pipe",
            ">fold",
            "back\\slash",
            "https://example.org/a#b",
            "help@example.org",
            "key:",
            "Note: this",
            "a #b",
            "a#b",
        ];
        for text in hostile {
            assert_eq!(reads_back(text), text, "{text:?} as {}", scalar(text, 0));
        }
    }

    #[test]
    fn a_rendered_directory_reads_back_as_the_same_services() {
        use super::super::model::{OutAddress, OutContact, OutService};
        use crate::content::service::parse_directory;
        use crate::source::{Kind, SourceFile};
        let service = OutService {
            id: "a-1".into(),
            name: "yes".into(),
            organisation: "Org: \"quoted\" # not a comment".into(),
            description: "Para one.\n\n* item\n  * nested".into(),
            categories: vec!["uncategorised".into()],
            areas: vec!["Town, Village".into(), "No".into()],
            eligibility: "18+".into(),
            cost: "£5".into(),
            referral: vec!["self".into()],
            contact: Some(OutContact {
                phone: "01632 960000".into(),
                phones: vec![
                    Phone { number: "18001 01632 960000".into(), label: "Text relay".into() },
                    Phone { number: "01632 960001 ext. 5".into(), label: "Fax: \"out\" # yes".into() },
                    Phone { number: "+44 1632 960002".into(), label: String::new() },
                ],
                email: "a@b.org".into(),
                website: "https://x.org/#a".into(),
            }),
            address: Some(OutAddress {
                lines: vec!["1 High St".into()],
                town: "Town".into(),
                county: String::new(),
                postcode: "TT1 1AA".into(),
            }),
            opening_hours: vec![super::OutHours {
                days: vec!["mon".into(), "tue".into(), "bank-holidays".into()],
                opens: "09:00".into(),
                closes: "17:00".into(),
            }],
            bank_holidays: String::new(),
            languages: vec!["English".into()],
            last_verified: "2026-01-01".into(),
            status: "temporarily-closed".into(),
            alert: "Closed: until\u{2028}further notice".into(),
            minimum_age: Some(0),
            maximum_age: Some(99),
            source_id: "123".into(),
        };
        let text = render_body("Title: with colon", "", std::slice::from_ref(&service));
        let file = SourceFile {
            kind: Kind::Directory,
            rel: "content/x.yaml".into(),
            path: "x.yaml".into(),
            text: text.as_str().into(),
            version: 1,
        };
        let (directory, errors) = parse_directory(&file);
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        let directory = directory.unwrap();
        assert_eq!(directory.title, "Title: with colon");
        assert_eq!(OutService::from_service(&directory.services[0]), service, "{text}");
    }

    #[test]
    fn flow_lists_only_hold_safe_items() {
        assert!(is_plain("Polish", true));
        assert!(!is_plain("Town, Village", true));
        assert!(is_plain("Town, Village", false));
    }

    #[test]
    fn the_header_is_recognised_and_skipped() {
        let header = Header { source: "feed.json", format: "v3", date: "2026-11-25" }.render();
        let text = format!("{header}title: x\n");
        assert!(is_import_file(&text));
        assert_eq!(header_date(&text), Some("2026-11-25"));
        assert_eq!(body_of(&text), "title: x\n");
    }
}
