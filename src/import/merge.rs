//! Re-import is a merge: the feed's services folded into the directory as
//! it stands, matched by `source_id`.
//!
//! Which side owns which field:
//! - the feed owns what it carries: name, description, contact, address,
//!   opening hours, languages, eligibility, cost, alert, status, ages,
//!   verification date; an update replaces them, even with nothing;
//! - the file keeps what the feed cannot say: `id` (so links to a service
//!   survive a rename), `referral` and `bank_holidays` (ORUK has no such
//!   fields), `areas` when the
//!   feed lists none, `categories` when none of the feed's terms is mapped,
//!   the organisation and description when the feed leaves them out, and a
//!   verification date when the feed has no date at all;
//! - services without `source_id` were written by hand and are not touched.
//!
//! The result is sorted by id so a diff shows only real changes.

use super::categories::UNCATEGORISED;
use super::convert::{NEVER_VERIFIED, Skipped};
use super::model::{Existing, OutService};
use crate::urls::is_valid_id;
use std::collections::{HashMap, HashSet};

pub struct Merged {
    pub services: Vec<OutService>,
    pub created: Vec<OutService>,
    pub updated: Vec<OutService>,
    pub unchanged: usize,
    /// Imported earlier, not in the feed now.
    pub left: Vec<OutService>,
    /// Imported earlier, now inactive or defunct in the feed: kept, marked inactive.
    pub made_inactive: Vec<String>,
}

pub struct MergeInput<'a> {
    pub existing: Option<&'a Existing>,
    pub imported: Vec<OutService>,
    pub skipped: &'a [Skipped],
    /// Feed ids of records left out this time: a service imported earlier
    /// under one of them is kept as it is, neither updated nor removed.
    pub held_back: &'a HashSet<String>,
    /// Ids used by the site's other directory files.
    pub taken_elsewhere: &'a HashSet<String>,
    pub remove_missing: bool,
}

pub fn merge(input: MergeInput) -> Merged {
    let mut services: Vec<OutService> = input.existing.map(|e| e.services.clone()).unwrap_or_default();
    let by_source: HashMap<String, usize> = services
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.source_id.is_empty())
        .map(|(i, s)| (s.source_id.clone(), i))
        .collect();
    let mut used: HashSet<String> = input.taken_elsewhere.clone();
    used.extend(services.iter().map(|s| s.id.clone()));
    let mut merged = Merged {
        services: Vec::new(),
        created: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
        left: Vec::new(),
        made_inactive: Vec::new(),
    };
    let mut in_feed: HashSet<String> = input.held_back.clone();
    let mut new = Vec::new();
    for imported in input.imported {
        in_feed.insert(imported.source_id.clone());
        match by_source.get(&imported.source_id) {
            Some(&i) => {
                let updated = update(&services[i], imported);
                if updated == services[i] {
                    merged.unchanged += 1;
                } else {
                    merged.updated.push(updated.clone());
                    services[i] = updated;
                }
            }
            None => new.push(fill_gaps(imported, None)),
        }
    }
    for skipped in input.skipped {
        in_feed.insert(skipped.source_id.clone());
        if let Some(&i) = by_source.get(&skipped.source_id)
            && services[i].status != "inactive"
        {
            services[i].status = "inactive".to_string();
            merged.made_inactive.push(services[i].id.clone());
            merged.updated.push(services[i].clone());
        }
    }
    let (left, kept): (Vec<OutService>, Vec<OutService>) =
        services.into_iter().partition(|s| !s.source_id.is_empty() && !in_feed.contains(&s.source_id));
    merged.services = kept;
    if !input.remove_missing {
        merged.services.extend(left.iter().cloned());
    }
    merged.left = left;
    merged.services.extend(give_ids(new, &mut used, &mut merged.created));
    merged.services.sort_by(|a, b| a.id.cmp(&b.id));
    merged
}

/// The feed's version of a service, with the fields the file owns kept.
fn update(old: &OutService, new: OutService) -> OutService {
    let mut s = fill_gaps(new, Some(old));
    s.id = old.id.clone();
    if s.referral.is_empty() {
        s.referral = old.referral.clone();
    }
    if s.areas.is_empty() {
        s.areas = old.areas.clone();
    }
    let is_uncategorised = s.categories == [UNCATEGORISED];
    if is_uncategorised && !old.categories.is_empty() {
        s.categories = old.categories.clone();
    }
    if s.last_verified == NEVER_VERIFIED {
        s.last_verified = old.last_verified.clone();
    }
    s.bank_holidays = old.bank_holidays.clone();
    s
}

/// The organisation and description, if the feed left them out: the file's,
/// or the service's name as a stand-in.
fn fill_gaps(mut s: OutService, old: Option<&OutService>) -> OutService {
    if s.organisation.is_empty() {
        s.organisation = old.map_or_else(|| s.name.clone(), |o| o.organisation.clone());
    }
    if s.description.is_empty() {
        s.description = old.map_or_else(|| s.name.clone(), |o| o.description.clone());
    }
    s
}

/// Readable unique ids for new services: the id a signpost feed gave the
/// service when it is free, otherwise one made from the name. They are given
/// in order of name and source id, not feed order, so a feed that reorders
/// its services still gives each the same id.
fn give_ids(mut new: Vec<OutService>, used: &mut HashSet<String>, created: &mut Vec<OutService>) -> Vec<OutService> {
    new.sort_by_cached_key(|s| (slug(&s.name), s.source_id.clone()));
    for s in &mut new {
        let preferred = std::mem::take(&mut s.id);
        let free = is_valid_id(&preferred) && !used.contains(&preferred);
        s.id = if free { preferred } else { unique_id(&slug(&s.name), used) };
        used.insert(s.id.clone());
        created.push(s.clone());
    }
    new
}

/// `Warm Homes: Advice & Help` → `warm-homes-advice-help`, at most 60 characters.
pub fn slug(name: &str) -> String {
    const LONGEST: usize = 60;
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') && c != '\'' && c != '’' {
            slug.push('-');
        }
    }
    if slug.len() > LONGEST {
        let cut = slug[..LONGEST].rfind('-').filter(|i| *i > 20).unwrap_or(LONGEST);
        slug.truncate(cut);
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() { "service".to_string() } else { slug }
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ŵ' => 'w',
        'ŷ' | 'ÿ' => 'y',
        other => other,
    }
}

/// `base`, or `base-2`, `base-3`… whichever is free.
fn unique_id(base: &str, used: &HashSet<String>) -> String {
    if !used.contains(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !used.contains(id)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(source_id: &str, name: &str) -> OutService {
        OutService {
            name: name.into(),
            source_id: source_id.into(),
            organisation: "Org".into(),
            description: "About".into(),
            categories: vec![UNCATEGORISED.into()],
            last_verified: "2025-01-01".into(),
            ..OutService::default()
        }
    }

    #[test]
    fn slugs_are_readable_ids() {
        assert_eq!(slug("Warm Homes: Advice & Help"), "warm-homes-advice-help");
        assert_eq!(slug("Children's Café"), "childrens-cafe");
        assert_eq!(slug("!!!"), "service");
        assert!(slug(&"long name ".repeat(20)).len() <= 60);
    }

    #[test]
    fn clashing_names_get_numbers_and_matched_services_keep_their_ids() {
        let taken: HashSet<String> = ["advice".to_string()].into();
        let first = merge(MergeInput {
            existing: None,
            imported: vec![service("b", "Advice"), service("a", "Advice")],
            skipped: &[],
            held_back: &HashSet::new(),
            taken_elsewhere: &taken,
            remove_missing: false,
        });
        let ids: Vec<&str> = first.services.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["advice-2", "advice-3"]);
        assert_eq!(first.services[0].source_id, "a");

        let existing = Existing { services: first.services, ..Existing::default() };
        let renamed = merge(MergeInput {
            existing: Some(&existing),
            imported: vec![service("a", "Advice renamed"), service("b", "Advice")],
            skipped: &[],
            held_back: &HashSet::new(),
            taken_elsewhere: &taken,
            remove_missing: false,
        });
        assert_eq!(renamed.services[0].id, "advice-2");
        assert_eq!(renamed.services[0].name, "Advice renamed");
        assert_eq!((renamed.updated.len(), renamed.unchanged), (1, 1));
    }
}
