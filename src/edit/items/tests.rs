use super::*;

const DIRECTORY: &str = "\
# Dorset housing, checked by the housing team
title: Dorset housing
services:
  # Weymouth first
  - id: warm-homes
    name: Weymouth Warm Homes Advice   # the name people know
    organisation: Warm Trust
    description: |
      Advice on heating.

      And on bills.
    categories: [warmth]
    last_verified: 2026-09-01

  - id: \"damp-help\"
    name: 'Damp help'
    organisation: Town council
    description: Help with damp.
    categories:
      - housing
    last_verified: 2026-01-01
# kept after the list
description: Services for homes.
";

fn new_service<'a>(id: &'a str) -> NewService<'a> {
    NewService {
        id,
        name: "Fuel bank: emergency top-ups",
        organisation: "Food bank",
        description: "Vouchers.",
        category: "warmth",
        last_verified: "2026-12-03",
    }
}

#[test]
fn a_new_service_goes_after_the_last_one_at_its_indent() {
    let result = add_service(DIRECTORY, &new_service("fuel-bank")).unwrap();
    let added = "  - id: fuel-bank\n    name: \"Fuel bank: emergency top-ups\"\n    organisation: Food bank\n    \
                 description: Vouchers.\n    categories: [warmth]\n    last_verified: 2026-12-03\n";
    let at = DIRECTORY.find("# kept after").unwrap();
    assert_eq!(result, format!("{}{added}{}", &DIRECTORY[..at], &DIRECTORY[at..]));
}

#[test]
fn a_new_service_needs_a_free_valid_id_and_its_required_fields() {
    assert_eq!(add_service(DIRECTORY, &new_service("damp-help")), Err(ItemError::IdTaken("damp-help".into())));
    assert_eq!(add_service(DIRECTORY, &new_service("Fuel Bank")), Err(ItemError::InvalidId("Fuel Bank".into())));
    let no_name = NewService { name: " ", ..new_service("fuel-bank") };
    assert_eq!(add_service(DIRECTORY, &no_name), Err(ItemError::Missing("name")));
}

#[test]
fn a_multi_line_description_is_written_as_a_block() {
    let service = NewService { description: "One.\n\nTwo.", ..new_service("fuel-bank") };
    let result = add_service(DIRECTORY, &service).unwrap();
    assert!(result.contains("    description: |\n      One.\n\n      Two.\n    categories"), "{result}");
}

#[test]
fn a_duplicate_is_a_copy_after_the_original_with_the_new_id() {
    let result = duplicate_service(DIRECTORY, "warm-homes", "warm-homes-copy").unwrap();
    let start = DIRECTORY.find("  - id: warm-homes").unwrap();
    let end = DIRECTORY.find("    last_verified: 2026-09-01\n").unwrap() + "    last_verified: 2026-09-01\n".len();
    let copy = DIRECTORY[start..end].replacen("id: warm-homes", "id: warm-homes-copy", 1);
    assert_eq!(result, format!("{}{copy}{}", &DIRECTORY[..end], &DIRECTORY[end..]));
    // A quoted id stays quoted.
    let result = duplicate_service(DIRECTORY, "damp-help", "damp-help-2").unwrap();
    assert!(result.contains("  - id: \"damp-help-2\"\n    name: 'Damp help'"), "{result}");
    assert_eq!(duplicate_service(DIRECTORY, "warm-homes", "damp-help"), Err(ItemError::IdTaken("damp-help".into())));
}

#[test]
fn removing_cuts_only_the_service_lines() {
    let result = remove_service(DIRECTORY, "warm-homes").unwrap();
    let start = DIRECTORY.find("  - id: warm-homes").unwrap();
    let end = DIRECTORY.find("\n\n  - id: \"damp").unwrap() + 1;
    assert_eq!(result, format!("{}{}", &DIRECTORY[..start], &DIRECTORY[end..]));
    let result = remove_service(DIRECTORY, "damp-help").unwrap();
    let start = DIRECTORY.find("  - id: \"damp").unwrap();
    let end = DIRECTORY.find("# kept after").unwrap();
    assert_eq!(result, format!("{}{}", &DIRECTORY[..start], &DIRECTORY[end..]));
}

#[test]
fn the_only_service_is_not_removed() {
    let text = "title: T\nservices:\n- id: only\n  name: N\n";
    assert_eq!(remove_service(text, "only"), Err(ItemError::LastService("only".into())));
    assert!(matches!(remove_service(text, "missing"), Err(ItemError::Edit(EditError::NoService(_)))));
}

#[test]
fn a_list_at_column_zero_and_crlf_lines_keep_their_form() {
    let text = "title: T\r\nservices:\r\n- id: a\r\n  name: A\r\n- id: b\r\n  name: B";
    let result = duplicate_service(text, "b", "c").unwrap();
    assert_eq!(result, format!("{text}\r\n- id: c\r\n  name: B"));
    let result = remove_service(text, "a").unwrap();
    assert_eq!(result, "title: T\r\nservices:\r\n- id: b\r\n  name: B");
}
