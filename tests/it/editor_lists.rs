//! The edit page's list and mapping fields (docs/editing.md): authors,
//! conditions, audience, tags, related services, superseded by and the
//! change log of a guideline; a service's categories, areas, referral
//! routes, contact with several phones, address, opening hours, languages
//! and ages. Each save is compared with the expected file byte for byte,
//! through real HTTP requests to a running preview.

use crate::editor::{form_values, get, open_form_at, post};
use crate::harness::{SiteTest, TODAY};
use crate::serve::{Preview, Reply};
use std::collections::BTreeMap;

const COPD: &str = "content/guidelines/copd.md";
const EDIT_COPD: &str = "/__signpost/edit/content/guidelines/copd.md";
const SERVICES: &str = "content/services/local.yaml";
const EDIT_REHAB: &str = "/__signpost/edit/services/rehab-town/";

/// Saves the form as the page showed it, with `set` filled in and the
/// boxes named in `unset` emptied (or unticked).
fn save(preview: &Preview, path: &str, form: &BTreeMap<String, String>, set: &[(&str, &str)], unset: &[&str]) -> Reply {
    let mut form = form.clone();
    for name in unset {
        assert!(form.remove(*name).is_some(), "{name} is not on the form");
    }
    for (name, value) in set {
        form.insert(name.to_string(), value.to_string());
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let reply = post(preview, path, Some(&format!("http://127.0.0.1:{}", preview.port)), &fields);
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply
}

#[test]
fn the_guideline_form_offers_its_lists_with_the_sites_values() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let page = get(&preview, EDIT_COPD).body;
    for expected in [
        "name=\"authors.0.name\" value=\"Dr A Example\"",
        "name=\"authors.0.role\" value=\"Consultant respiratory physician\"",
        "<legend>Add an author</legend>",
        "name=\"conditions.0\" value=\"COPD\" list=\"choices-conditions\"",
        "<datalist id=\"choices-conditions\"><option value=\"Asthma\"></option><option value=\"COPD\"></option></datalist>",
        "name=\"related_services.0\" value=\"rehab-town\" list=\"choices-related_services\"",
        "<option value=\"rehab-town\">Town pulmonary rehabilitation — Town, Village</option>",
        "<option value=\"guidelines/asthma\">Asthma in adults</option>",
        "name=\"superseded_by\" value=\"\" list=\"choices-superseded_by\"",
        "<legend>Add a change</legend>",
        "name=\"changes.0.version\" value=\"2.1\"",
        &format!("name=\"changes.0.date\" value=\"{TODAY}\""),
        "name=\"changes.1.note\" value=\"New treatment table\"",
        // 730 days is the median of 322, 730 and 731.
        "Suggested: <strong data-suggested-date=\"2028-01-10\">2028-01-10</strong>, the published date plus the site&#39;s usual review period, 730 days",
    ] {
        assert!(page.contains(expected), "{expected}\n{page}");
    }
}

#[test]
fn saving_every_guideline_list_kind_writes_exactly_the_expected_file() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let form = open_form_at(&preview, EDIT_COPD);
    save(&preview, EDIT_COPD, &form, &[], &[]);
    assert_eq!(site.read(COPD), before, "saving unchanged writes nothing, the prefilled change included");
    let reply = save(
        &preview,
        EDIT_COPD,
        &form,
        &[
            ("authors.1.name", "Nurse B Example"),
            ("authors.1.role", "Respiratory nurse"),
            ("conditions.1", "Asthma"),
            ("audience.0", ""),
            ("related_services.1", "warm-homes"),
            ("tags.1", "inhalers: MDI"),
            ("superseded_by", "guidelines/asthma"),
            ("changes.0.note", "Added a nurse author"),
        ],
        &[],
    );
    let expected = before
        .replace(
            "    role: Consultant respiratory physician\n",
            "    role: Consultant respiratory physician\n  - name: Nurse B Example\n    role: Respiratory nurse\n",
        )
        .replace("conditions: [COPD]\n", "conditions: [COPD, Asthma]\n")
        .replace("audience: [GP]\n", "")
        .replace("related_services: [rehab-town]\n", "related_services: [rehab-town, warm-homes]\n")
        .replace("tags: [spirometry]\n", "tags: [spirometry, \"inhalers: MDI\"]\n")
        .replace(
            "changes:\n",
            &format!("changes:\n  - version: \"2.1\"\n    date: {TODAY}\n    note: Added a nurse author\n"),
        )
        .replace("    note: First version\n---\n", "    note: First version\nsuperseded_by: guidelines/asthma\n---\n");
    assert_eq!(site.read(COPD), expected);
    assert!(reply.body.contains(">Saved.</p>"), "the file as saved passes check: {}", reply.body);
}

#[test]
fn removing_an_author_row_and_emptying_a_list_remove_only_their_lines() {
    let site = SiteTest::new("minimal");
    site.edit(COPD, "authors:\n", "authors: # who wrote it\n");
    site.edit(
        COPD,
        "  - name: Dr A Example\n    role: Consultant respiratory physician\n",
        "  - name: Dr A Example\n    role: Lead\n  - name: Dr Z\n",
    );
    site.edit(COPD, "tags: [spirometry]\n", "# tags help search\ntags: [spirometry]\n");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let form = open_form_at(&preview, EDIT_COPD);
    assert_eq!(form["authors.1.name"], "Dr Z");
    save(&preview, EDIT_COPD, &form, &[("authors.0.name", ""), ("tags.0", "")], &[]);
    let expected = before
        .replace(
            "authors: # who wrote it\n  - name: Dr A Example\n    role: Lead\n  - name: Dr Z\n",
            "authors: # who wrote it\n  - name: Dr Z\n",
        )
        .replace("tags: [spirometry]\n", "");
    assert_eq!(site.read(COPD), expected, "the comments stay");
}

#[test]
fn an_unknown_related_service_or_guideline_is_flagged_at_its_field() {
    let site = SiteTest::new("minimal");
    site.edit(COPD, "related_services: [rehab-town]", "related_services: [rehab-twon]\nsuperseded_by: guidelines/nope");
    let preview = Preview::start(&site);
    let page = get(&preview, EDIT_COPD).body;
    assert!(page.contains("aria-describedby=\"problem-f-related_services-0\""), "{page}");
    assert!(page.contains("No service in the site has the id rehab-twon: pick one from the list."));
    assert!(page.contains("No guideline in the site is at guidelines/nope: pick one from the list."));
}

#[test]
fn a_post_without_the_lists_leaves_them_alone() {
    let site = SiteTest::new("minimal");
    let before = site.read(COPD);
    let preview = Preview::start(&site);
    let form = open_form_at(&preview, EDIT_COPD);
    let kept: BTreeMap<String, String> = form.into_iter().filter(|(k, _)| !k.contains('.')).collect();
    save(&preview, EDIT_COPD, &kept, &[], &[]);
    assert_eq!(site.read(COPD), before);
}

#[test]
fn the_service_form_ticks_categories_and_routes_and_shows_rows() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let page = get(&preview, EDIT_REHAB).body;
    for expected in [
        "name=\"categories.0\" value=\"respiratory\" checked> <label for=\"f-categories-0\">Respiratory services (respiratory)</label>",
        "name=\"categories.1\" value=\"warmth\"> <label for=\"f-categories-1\">Warmth and energy (warmth)</label>",
        "name=\"referral.0\" value=\"self\"> ",
        "name=\"referral.2\" value=\"gp\" checked> ",
        "name=\"areas.1\" value=\"Village\"",
        "name=\"contact.phone\" value=\"01632 960001\"",
        "name=\"contact.phones.0.number\" value=\"\"",
        "name=\"address.lines.0\" value=\"Town Health Centre\"",
        "name=\"opening_hours.0.days.4\" value=\"fri\" checked>",
        "name=\"opening_hours.0.days.5\" value=\"sat\">",
        "name=\"opening_hours.0.opens\" value=\"09:00\"",
        "name=\"languages.1\" value=\"Polish\"",
        "name=\"minimum_age\" value=\"\"",
    ] {
        assert!(page.contains(expected), "{expected}\n{page}");
    }
}

#[test]
fn saving_every_service_list_kind_writes_exactly_the_expected_file() {
    let site = SiteTest::new("minimal");
    let before = site.read(SERVICES);
    let preview = Preview::start(&site);
    let form = open_form_at(&preview, EDIT_REHAB);
    save(&preview, EDIT_REHAB, &form, &[], &[]);
    assert_eq!(site.read(SERVICES), before, "saving unchanged writes nothing");
    let reply = save(
        &preview,
        EDIT_REHAB,
        &form,
        &[
            ("categories.1", "warmth"),
            ("referral.0", "self"),
            ("areas.2", "Hamlet"),
            ("contact.phones.0.number", "18001 01632 960001"),
            ("contact.phones.0.label", "Text relay"),
            ("contact.email", ""),
            ("address.lines.1", "Floor 2"),
            ("address.county", "Shire"),
            ("languages.2", "Arabic"),
            ("minimum_age", "18"),
        ],
        &["referral.2"],
    );
    let expected = before
        .replace("    categories: [respiratory]\n", "    categories: [respiratory, warmth]\n")
        .replace("    areas: [Town, Village]\n", "    areas: [Town, Village, Hamlet]\n")
        .replace("    referral: [gp, professional]\n", "    referral: [professional, self]\n")
        .replace(
            "      phone: \"01632 960001\"\n      email: rehab@example.org\n",
            "      phone: \"01632 960001\"\n      phones:\n        - number: \"18001 01632 960001\"\n          label: Text relay\n",
        )
        .replace(
            "      lines: [Town Health Centre]\n      town: Town\n",
            "      lines: [Town Health Centre, Floor 2]\n      town: Town\n      county: Shire\n",
        )
        .replace("    languages: [English, Polish]\n", "    languages: [English, Polish, Arabic]\n")
        .replace("    last_verified: 2026-09-01\n", "    last_verified: 2026-09-01\n    minimum_age: 18\n");
    assert_eq!(site.read(SERVICES), expected);
    assert!(reply.body.contains(">Saved.</p>"), "the file as saved passes check: {}", reply.body);
    assert!(
        site.read(SERVICES).contains("  - id: warm-homes\n    name: Warm homes advice\n"),
        "the other service is untouched"
    );
}

#[test]
fn opening_hours_round_trip_add_and_remove_a_row() {
    let site = SiteTest::new("minimal");
    let before = site.read(SERVICES);
    let preview = Preview::start(&site);
    let form = open_form_at(&preview, EDIT_REHAB);
    save(
        &preview,
        EDIT_REHAB,
        &form,
        &[
            ("opening_hours.0.closes", "17:30"),
            ("opening_hours.1.days.5", "sat"),
            ("opening_hours.1.days.7", "bank-holidays"),
            ("opening_hours.1.opens", "10:00"),
            ("opening_hours.1.closes", "12:00"),
        ],
        &["opening_hours.0.days.4"],
    );
    let with_saturday = before.replace(
        "      - days: [mon, tue, wed, thu, fri]\n        opens: \"09:00\"\n        closes: \"17:00\"\n",
        "      - days: [mon, tue, wed, thu]\n        opens: \"09:00\"\n        closes: \"17:30\"\n      - days: [sat, bank-holidays]\n        opens: \"10:00\"\n        closes: \"12:00\"\n",
    );
    assert_eq!(site.read(SERVICES), with_saturday);

    let form = open_form_at(&preview, EDIT_REHAB);
    save(&preview, EDIT_REHAB, &form, &[], &[]);
    assert_eq!(site.read(SERVICES), with_saturday, "the hours read back as saved: nothing written");

    save(&preview, EDIT_REHAB, &form, &[], &["opening_hours.1.days.5", "opening_hours.1.days.7"]);
    let without = with_saturday
        .replace("      - days: [sat, bank-holidays]\n        opens: \"10:00\"\n        closes: \"12:00\"\n", "");
    assert_eq!(site.read(SERVICES), without, "unticking every day removes the row");
    let page = get(&preview, "/services/rehab-town/").body;
    assert!(!page.contains("Saturday"), "the preview rebuilt without it");
}

#[test]
fn a_list_with_a_comment_inside_is_refused_and_the_file_kept() {
    let site = SiteTest::new("minimal");
    site.edit(
        SERVICES,
        "    languages: [English, Polish]\n",
        "    languages:\n      - English\n      # ask first\n      - Polish\n",
    );
    let before = site.read(SERVICES);
    let preview = Preview::start(&site);
    let form = open_form_at(&preview, EDIT_REHAB);
    let mut fields = form.clone();
    fields.insert("languages.0".into(), "Welsh".into());
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let reply = post(&preview, EDIT_REHAB, Some(&format!("http://127.0.0.1:{}", preview.port)), &fields);
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.body.contains("languages has a comment among its lines"), "{}", reply.body);
    assert_eq!(site.read(SERVICES), before);
}

/// The form is drawn from `LIST_FIELDS`, the keys the parser reads.
#[test]
fn every_list_field_is_on_its_form() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let page = get(&preview, EDIT_COPD).body;
    for field in signpost::content::guideline::LIST_FIELDS {
        assert!(page.contains(&format!("name=\"{}.shown\"", field.key)), "{}", field.key);
    }
    let page = get(&preview, EDIT_REHAB).body;
    for field in signpost::content::service::LIST_FIELDS {
        assert!(page.contains(&format!("name=\"{}.shown\"", field.key)), "{}", field.key);
    }
    let _ = form_values(&page);
}
