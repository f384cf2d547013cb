//! `signpost report`: every guideline with its owners, approval, dates and
//! review state, and every service with its directory, last check and stale
//! state, for a network's governance meeting.
//!
//! The states come from the rules the pages and warnings use
//! (`Guideline::review_state`, `Service::is_stale`), so the report never
//! disagrees with the site. `formats.rs` writes CSV and Markdown, `html.rs`
//! a self-contained page (also served by the preview).

mod formats;
mod html;

use crate::content::{Guideline, ReviewState, Service, ServiceStatus};
use crate::date::Date;
use crate::site::Inventory;

pub use formats::{csv, markdown};
pub use html::html;

/// One guideline's line in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidelineRow {
    pub path: String,
    pub title: String,
    pub version: String,
    pub status: &'static str,
    /// "Name (role)", one per author.
    pub authors: Vec<String>,
    pub approved_by: String,
    pub published: Option<Date>,
    pub review_due: Option<Date>,
    pub review_state: ReviewState,
}

/// One service's line in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRow {
    pub id: String,
    pub name: String,
    /// The directory's file, where the service is edited.
    pub path: String,
    /// The directory's title.
    pub directory: String,
    pub last_verified: Date,
    pub stale: bool,
}

impl ServiceRow {
    pub fn state(&self) -> &'static str {
        if self.stale { "stale" } else { "ok" }
    }
}

/// The whole report: the site's title, the day it was made, and its rows
/// in source order (guidelines by path, services by directory file).
#[derive(Debug, Clone)]
pub struct Report {
    pub site_title: String,
    pub today: Date,
    pub review_warning_days: i64,
    pub stale_service_days: i64,
    pub guidelines: Vec<GuidelineRow>,
    pub services: Vec<ServiceRow>,
}

/// The review states in the order a meeting reads them: worst first.
const REVIEW_ORDER: [ReviewState; 4] = [ReviewState::Overdue, ReviewState::DueSoon, ReviewState::Ok, ReviewState::None];

impl Report {
    /// Inactive services are left out: they are not published, and their
    /// YAML keeps them only for a later import.
    pub fn of(inventory: &Inventory) -> Report {
        let config = &inventory.config;
        let today = inventory.today;
        let guidelines =
            inventory.content.guidelines.iter().map(|g| guideline_row(g, today, config.review_warning_days)).collect();
        let services = inventory
            .content
            .directories
            .iter()
            .flat_map(|d| d.services.iter().map(move |s| (d, s)))
            .filter(|(_, s)| s.status != ServiceStatus::Inactive)
            .map(|(d, s)| service_row(s, &d.source, &d.title, today, config.stale_service_days))
            .collect();
        Report {
            site_title: config.title.clone(),
            today,
            review_warning_days: config.review_warning_days,
            stale_service_days: config.stale_service_days,
            guidelines,
            services,
        }
    }

    /// How many guidelines are in `state`.
    pub fn count_reviews(&self, state: ReviewState) -> usize {
        self.guidelines.iter().filter(|g| g.review_state == state).count()
    }

    pub fn count_stale(&self, stale: bool) -> usize {
        self.services.iter().filter(|s| s.stale == stale).count()
    }

    /// The one line of counts for standard error:
    /// `guidelines: 1 overdue, 2 due soon, 5 ok, 1 not in force; services: 3 stale, 20 ok`.
    pub fn counts_line(&self) -> String {
        let reviews: Vec<String> = REVIEW_ORDER
            .iter()
            .filter(|s| **s != ReviewState::None || self.count_reviews(**s) > 0)
            .map(|s| format!("{} {}", self.count_reviews(*s), s.label()))
            .collect();
        format!(
            "guidelines: {}; services: {} stale, {} ok",
            reviews.join(", "),
            self.count_stale(true),
            self.count_stale(false)
        )
    }
}

fn guideline_row(g: &Guideline, today: Date, warning_days: i64) -> GuidelineRow {
    GuidelineRow {
        path: g.source.clone(),
        title: g.title.clone(),
        version: g.version.clone(),
        status: g.status.id(),
        authors: g
            .authors
            .iter()
            .map(|a| if a.role.is_empty() { a.name.clone() } else { format!("{} ({})", a.name, a.role) })
            .collect(),
        approved_by: g.approved_by.clone().unwrap_or_default(),
        published: g.published,
        review_due: g.review_due.as_ref().map(|d| d.value),
        review_state: g.review_state(today, warning_days),
    }
}

fn service_row(s: &Service, path: &str, directory: &str, today: Date, stale_days: i64) -> ServiceRow {
    ServiceRow {
        id: s.id.value.clone(),
        name: s.name.clone(),
        path: path.to_string(),
        directory: directory.to_string(),
        last_verified: s.last_verified.value,
        stale: s.is_stale(today, stale_days),
    }
}

/// The review state as the report writes it: empty for guidance not in
/// force (drafts, superseded, withdrawn), which is not reviewed.
fn review_text(state: ReviewState) -> &'static str {
    match state {
        ReviewState::None => "",
        other => other.label(),
    }
}

fn date_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn sample() -> Report {
        Report {
            site_title: "Dorset <respiratory>".into(),
            today: Date::parse("2026-11-25").unwrap(),
            review_warning_days: 60,
            stale_service_days: 365,
            guidelines: vec![GuidelineRow {
                path: "content/guidelines/copd.md".into(),
                title: "COPD, \"care\" | <b>".into(),
                version: "3.1".into(),
                status: "approved",
                authors: vec!["Dr A (GP)".into(), "=HYPERLINK(\"x\")".into()],
                approved_by: "Network".into(),
                published: Date::parse("2025-03-01"),
                review_due: Date::parse("2026-12-01"),
                review_state: ReviewState::DueSoon,
            }],
            services: vec![ServiceRow {
                id: "warm-homes".into(),
                name: "Warm\nHomes".into(),
                path: "content/services/housing.yaml".into(),
                directory: "Housing".into(),
                last_verified: Date::parse("2025-01-01").unwrap(),
                stale: true,
            }],
        }
    }

    #[test]
    fn the_counts_line_names_every_state_worst_first() {
        assert_eq!(sample().counts_line(), "guidelines: 0 overdue, 1 due soon, 0 ok; services: 1 stale, 0 ok");
    }
}
