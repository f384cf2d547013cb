//! Rules that span files: unique service ids, references between guidelines
//! and services, and the review and verification dates that turn into
//! warnings. Links inside Markdown are checked later, after rendering, by
//! `links`.

use super::{Content, Failures, ReviewState, ServiceStatus};
use crate::config::SiteConfig;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, quote};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What the checks need to know beyond the content itself.
pub struct Rules<'a> {
    pub config: &'a SiteConfig,
    pub today: Date,
    /// Keys of guidelines left out because they are drafts.
    pub omitted_drafts: &'a [String],
    /// Sources that failed to load, so a reference to what one of them
    /// would have held does not pile a second error on the first.
    pub failed: &'a Failures,
}

pub fn check(content: &Content, rules: &Rules) -> Vec<Diagnostic> {
    type Check = fn(&Content, &Rules, &mut Vec<Diagnostic>);
    let checks: [Check; 9] = [
        |c, _, out| check_unique_service_ids(c, out),
        |c, _, out| check_unique_urls(c, out),
        check_related_services,
        |c, _, out| warn_on_inactive_related_services(c, out),
        check_superseded_by,
        |c, r, out| check_categories(c, r.config, out),
        |c, r, out| check_areas(c, r.config, out),
        warn_on_reviews,
        warn_on_stale_services,
    ];
    // Independent of each other, so on both cores; in this order still.
    let found: Vec<Vec<Diagnostic>> = checks
        .par_iter()
        .map(|check| {
            let mut out = Vec::new();
            check(content, rules, &mut out);
            out
        })
        .collect();
    found.into_iter().flatten().collect()
}

fn check_unique_service_ids(content: &Content, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, &super::Service> = HashMap::default();
    for service in content.services() {
        match first.get(service.id.value.as_str()) {
            Some(earlier) => out.push(
                Diagnostic::error(
                    &service.source,
                    format!(
                        "found {}, expected an id used once on the whole site; it is already used at {}:{}",
                        quote(&service.id.value),
                        earlier.source,
                        earlier.id.pos.line
                    ),
                )
                .at(service.id.pos.line, service.id.pos.col)
                .field("id"),
            ),
            None => {
                first.insert(&service.id.value, service);
            }
        }
    }
}

/// Two directories with the same file name, or a page whose path matches a
/// guideline's, would overwrite each other in the output.
fn check_unique_urls(content: &Content, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, &str> = HashMap::default();
    let directories = content.directories.iter().map(|d| (format!("directories/{}", d.slug), d.source.as_str()));
    let pages = content.pages.iter().map(|p| (p.key.clone(), p.source.as_str()));
    for (url, source) in directories.chain(pages) {
        if let Some(other) = seen.insert(url.clone(), source) {
            out.push(Diagnostic::error(
                source,
                format!(
                    "found a second file for the page /{url}/, expected one; {other} already makes it, so rename one"
                ),
            ));
        }
    }
    for g in &content.guidelines {
        if g.key == "guidelines" {
            out.push(Diagnostic::error(
                &g.source,
                "found a guideline at /guidelines/, expected another file name; /guidelines/ is the list of all guidelines, which signpost makes itself",
            ));
        }
    }
    for page in &content.pages {
        let reserved = ["guidelines", "services", "directories", "search", "static"];
        let top = page.key.split('/').next().unwrap_or_default();
        if reserved.contains(&top) || page.key == "404" || page.key == "offline" {
            out.push(Diagnostic::error(
                &page.source,
                format!(
                    "found a page at /{}/, expected a path outside /{top}/, which signpost makes itself; move the file",
                    page.key
                ),
            ));
        }
    }
}

fn check_related_services(content: &Content, rules: &Rules, out: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = content.services().map(|s| s.id.value.as_str()).collect();
    let known: HashSet<&str> = ids.iter().copied().collect();
    for g in &content.guidelines {
        for related in &g.related_services {
            if known.contains(related.value.as_str()) || rules.failed.could_hold_service(&related.value) {
                continue;
            }
            let hint = match crate::fields::nearest(&related.value, &ids) {
                Some(near) => format!("; did you mean `{near}`?"),
                None => String::new(),
            };
            out.push(
                Diagnostic::error(
                    &g.source,
                    format!("found {}, expected the id of a service in a directory{hint}", quote(&related.value)),
                )
                .at(related.pos.line, related.pos.col)
                .field("related_services"),
            );
        }
    }
}

fn check_superseded_by(content: &Content, rules: &Rules, out: &mut Vec<Diagnostic>) {
    for g in &content.guidelines {
        let Some(target) = &g.superseded_by else {
            continue;
        };
        let key = target.value.trim_end_matches(".md").trim_start_matches('/');
        let problem = if key == g.key {
            Some("the path of another guideline, not this one".to_string())
        } else if content.guideline_by_key(key).is_some() || rules.failed.has_guideline(key) {
            None
        } else if rules.omitted_drafts.iter().any(|k| k == key) {
            Some("a guideline in this build, but that one is a draft (build with --drafts, or approve it)".to_string())
        } else {
            let keys: Vec<&str> = content.guidelines.iter().map(|g| g.key.as_str()).collect();
            let hint = crate::fields::nearest(key, &keys).map(|n| format!("; did you mean `{n}`?")).unwrap_or_default();
            Some(format!("a guideline's path without .md, like guidelines/copd{hint}"))
        };
        if let Some(expected) = problem {
            out.push(
                Diagnostic::error(&g.source, format!("found {}, expected {expected}", quote(&target.value)))
                    .at(target.pos.line, target.pos.col)
                    .field("superseded_by"),
            );
        }
    }
}

/// With an `areas` tree, an area a service names that is not in it is most
/// likely a typo, which would split a directory's filter in two.
fn check_areas(content: &Content, config: &SiteConfig, out: &mut Vec<Diagnostic>) {
    if config.areas.is_empty() {
        return;
    }
    let known = config.areas.names();
    for service in content.services() {
        for (area, at) in service.areas.iter().zip(&service.areas_at) {
            if config.areas.find(area).is_some() {
                continue;
            }
            let hint =
                crate::fields::nearest(area, &known).map(|n| format!("did you mean `{n}`? ")).unwrap_or_default();
            out.push(
                Diagnostic::warning(
                    &service.source,
                    format!("area {} is not in site.yaml areas; {hint}add it there if it is new", quote(area)),
                )
                .at(at.line, at.col)
                .field("areas"),
            );
        }
    }
}

/// A category id missing from site.yaml's labels is most likely a typo.
fn check_categories(content: &Content, config: &SiteConfig, out: &mut Vec<Diagnostic>) {
    if config.categories.is_empty() {
        return;
    }
    let known: Vec<&str> = config.categories.keys().map(String::as_str).collect();
    for service in content.services() {
        for category in &service.categories {
            // signpost's own name for what an import could not place.
            if known.contains(&category.value.as_str()) || category.value == super::service::UNCATEGORISED {
                continue;
            }
            let hint = crate::fields::nearest(&category.value, &known)
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            out.push(
                Diagnostic::warning(
                    &service.source,
                    format!(
                        "category {} has no label in site.yaml categories; {hint}add it there if it is new",
                        quote(&category.value)
                    ),
                )
                .at(category.pos.line, category.pos.col)
                .field("categories"),
            );
        }
    }
}

fn warn_on_reviews(content: &Content, rules: &Rules, out: &mut Vec<Diagnostic>) {
    // One per guideline on a site whose reviews lapsed: thousands to write.
    out.par_extend(content.guidelines.par_iter().filter_map(|g| {
        let due = g.review_due.as_ref()?;
        let days = rules.today.days_until(due.value);
        let message = match g.review_state(rules.today, rules.config.review_warning_days) {
            ReviewState::Overdue => format!("review overdue: was due {} ({} days ago)", due.value, -days),
            ReviewState::DueSoon => format!("review due soon: due {} (in {days} days)", due.value),
            ReviewState::Ok | ReviewState::None => return None,
        };
        Some(Diagnostic::warning(&g.source, message).at(due.pos.line, due.pos.col).field("review_due"))
    }));
}

/// An inactive service is not published, so a guideline that lists it loses
/// it from its local-services box: worth a warning, not a failed build, since
/// an imported feed may mark a service inactive at any time.
fn warn_on_inactive_related_services(content: &Content, out: &mut Vec<Diagnostic>) {
    let inactive: HashSet<&str> =
        content.services().filter(|s| s.status == ServiceStatus::Inactive).map(|s| s.id.value.as_str()).collect();
    if inactive.is_empty() {
        return;
    }
    for g in &content.guidelines {
        for related in g.related_services.iter().filter(|r| inactive.contains(r.value.as_str())) {
            out.push(
                Diagnostic::warning(
                    &g.source,
                    format!(
                        "service {} is inactive and not published, so this guideline does not list it; remove it or choose another service",
                        quote(&related.value)
                    ),
                )
                .at(related.pos.line, related.pos.col)
                .field("related_services"),
            );
        }
    }
}

fn warn_on_stale_services(content: &Content, rules: &Rules, out: &mut Vec<Diagnostic>) {
    let services = content.directories.par_iter().flat_map_iter(|d| d.services.iter());
    out.par_extend(services.filter(|s| s.status != ServiceStatus::Inactive).filter_map(|s| {
        if s.is_stale(rules.today, rules.config.stale_service_days) {
            let age = s.days_since_verified(rules.today);
            Some(
                Diagnostic::warning(
                    &s.source,
                    format!(
                        "service {} not verified for {age} days (last verified {}; stale after {} days)",
                        quote(&s.id.value),
                        s.last_verified.value,
                        rules.config.stale_service_days
                    ),
                )
                .at(s.last_verified.pos.line, s.last_verified.pos.col)
                .field("last_verified"),
            )
        } else {
            None
        }
    }));
}
