//! The search record of a page: guidelines, services and plain pages are
//! found by search. Each record is made from its page's inputs (see
//! `pages`), so it is cached under the page's fingerprint.

use super::pages::{DirectoryPage, GuidelinePage, Page, PlainPage, ServicePage, Shared};
use crate::content::Status;
use crate::search::{DocKind, FilterLabel, MatchOnly, SearchDoc};
use crate::urls;

impl Page<'_> {
    /// The page's search record, or `None` for pages search does not list.
    pub fn search_doc(&self, shared: &Shared) -> Option<SearchDoc> {
        match self {
            Page::Guideline(p) => Some(p.search_doc()),
            Page::Service(p) => Some(p.search_doc()),
            Page::Plain(p) => Some(p.search_doc(shared)),
            // A directory is found once, by its first page.
            Page::Directory(p) if p.paging.number == 1 => Some(p.search_doc(shared)),
            Page::Directory(_) => None,
            Page::Home(_)
            | Page::GuidelinesIndex(_)
            | Page::ServicesIndex(_)
            | Page::ServicesData(_)
            | Page::DirectoriesIndex(_)
            | Page::NotFound
            | Page::Search
            | Page::Shortlist
            | Page::Offline
            | Page::Sitemap(_)
            | Page::Feed(_)
            | Page::Robots => None,
        }
    }
}

impl GuidelinePage<'_> {
    fn search_doc(&self) -> SearchDoc {
        let g = &**self.summary;
        let mut filters: Vec<(&'static str, String)> = g.conditions.iter().map(|c| ("condition", c.clone())).collect();
        filters.push(("status", g.status.label().to_string()));
        // For the guidelines list's review filter, which the browser runs here.
        filters.push(("review", g.review_state.id().to_string()));
        let mut meta = vec![
            ("status", g.status.id().to_string()),
            ("status_label", g.status_label.to_string()),
            ("standing", g.standing.label.to_string()),
            ("standing_tone", g.standing.tone.to_string()),
            ("version", g.version.clone()),
            ("review_due", g.review_due_display.clone()),
            ("review_state", g.review_state.id().to_string()),
        ];
        if let Some(r) = &g.superseded_by {
            meta.push(("superseded_by_title", r.title.clone()));
            meta.push(("superseded_by_url", r.url.clone()));
        }
        // Its row of the guidelines list, which the browser draws filtered lists from.
        meta.push(("card", self.row.to_string()));
        SearchDoc {
            url: g.url.clone(),
            kind: DocKind::Guideline,
            title: g.title.clone(),
            key_terms: g.conditions.clone(),
            summary: g.summary.clone(),
            body_html: self.body.first().html.clone(),
            match_only: MatchOnly::default(),
            filters,
            meta,
            filter_labels: Vec::new(),
            demoted: matches!(g.status, Status::Superseded | Status::Withdrawn),
        }
    }
}

impl ServicePage<'_> {
    fn search_doc(&self) -> SearchDoc {
        let s = &**self.service;
        let mut filters: Vec<(&'static str, String)> =
            s.categories.iter().map(|c| ("category", c.label.clone())).collect();
        // A county-wide service is found by a filter for a town in it.
        filters.extend(s.area_filters.iter().map(|a| ("area", a.slug.clone())));
        filters.extend(s.referral.iter().map(|r| ("referral", r.label.clone())));
        // A directory's page filters within it; "Open now" reads the hours
        // of every service at once, one value per distinct set of hours.
        filters.push(("directory", s.directory.url.clone()));
        if !s.hours_data.is_empty() && !s.is_temporarily_closed {
            filters.push(("hours", s.hours_data.clone()));
        }
        let join = |items: Vec<&str>| items.join(", ");
        let first_phone = s.contact.as_ref().and_then(|c| c.phones.first());
        let meta = vec![
            ("organisation", s.organisation.clone()),
            ("areas", s.areas_text.clone()),
            // The first number, `phones` alone included: the result's snippet
            // shows it, and dials its href (an extension is not dialled).
            ("phone", first_phone.map(|p| p.number.clone()).unwrap_or_default()),
            ("phone_href", first_phone.map(|p| p.href.clone()).unwrap_or_default()),
            ("referral", join(s.referral.iter().map(|r| r.label.as_str()).collect())),
            ("stale", if s.is_stale { s.last_verified_display.clone() } else { String::new() }),
            ("closed", if s.is_temporarily_closed { s.status_label.clone() } else { String::new() }),
            // For "Open now" (static/js/open-now.js): the data-hours of the service's page.
            ("hours", s.hours_data.clone()),
            // Its card, which the browser draws filtered lists from.
            ("card", self.card.to_string()),
        ];
        let mut key_terms: Vec<String> = s.categories.iter().map(|c| c.label.clone()).collect();
        key_terms.extend(s.areas.iter().map(|a| a.name.clone()));
        // The main number is a key term through `meta` (search/engine/documents.rs);
        // the others are found the same way, so any number finds the service.
        let numbers = s.contact.as_ref().map_or(&[][..], |c| &c.phones[..]);
        key_terms.extend(numbers.iter().skip(1).map(|p| p.number.clone()));
        SearchDoc {
            url: s.url.clone(),
            kind: DocKind::Service,
            title: s.name.clone(),
            key_terms,
            // Eligibility is a line of the page as it stands; the
            // organisation weighs as summary too, but sits elsewhere on it.
            summary: s.eligibility.clone(),
            body_html: s.description.clone(),
            match_only: MatchOnly { summary: s.organisation.clone(), body: self.areas_and_referral() },
            filters,
            meta,
            filter_labels: self.area_labels(),
            demoted: false,
        }
    }

    /// Its areas' labels for the search page's area filter: the names,
    /// in the areas tree's order and depth.
    fn area_labels(&self) -> Vec<FilterLabel> {
        self.service
            .area_filters
            .iter()
            .map(|a| FilterLabel {
                name: "area",
                value: a.slug.clone(),
                label: a.name.clone(),
                order: a.order,
                depth: a.depth,
            })
            .collect()
    }

    /// Where it serves and how to refer, as words that find it and weigh
    /// as body text, but that its page does not say in these words: an
    /// excerpt never quotes them.
    fn areas_and_referral(&self) -> String {
        let s = &**self.service;
        let mut lines = Vec::new();
        if let Some(areas) = self.every_area {
            // "All of Dorset" serves Weymouth too: an adviser searching
            // "cold home weymouth" should find it, below local ones.
            lines.push(format!("Serves every area: {}.", areas.join(", ")));
        }
        if !s.referral.is_empty() {
            // "oxygen referral" should find the service that takes the
            // referral; as body text it stays below a guideline titled
            // "… referral".
            let routes: Vec<&str> = s.referral.iter().map(|r| r.label.as_str()).collect();
            lines.push(format!("How to refer: {}.", routes.join(", ")));
        }
        lines.join(" ")
    }
}

impl DirectoryPage<'_> {
    /// Its title and introduction, with its services' categories as key
    /// terms; its services have records of their own.
    fn search_doc(&self, shared: &Shared) -> SearchDoc {
        let d = self.directory.item;
        let mut key_terms: Vec<String> = Vec::new();
        for c in &self.filters.categories {
            key_terms.push(c.label.clone());
        }
        let count = self.paging.total;
        SearchDoc {
            url: shared.settings.cx.urls.link(&urls::directory(&d.slug)),
            kind: DocKind::Directory,
            title: d.title.clone(),
            key_terms,
            summary: String::new(),
            body_html: self.markdown.first().html.clone(),
            match_only: MatchOnly::default(),
            filters: Vec::new(),
            meta: vec![("services", format!("{count} service{}", if count == 1 { "" } else { "s" }))],
            filter_labels: Vec::new(),
            demoted: false,
        }
    }
}

impl PlainPage<'_> {
    fn search_doc(&self, shared: &Shared) -> SearchDoc {
        let p = self.page.item;
        SearchDoc {
            url: shared.settings.cx.urls.link(&urls::page(&p.key)),
            kind: DocKind::Page,
            title: p.title.clone(),
            key_terms: Vec::new(),
            summary: String::new(),
            body_html: self.body.first().html.clone(),
            // The description is the page's meta description, not a line of it.
            match_only: MatchOnly { summary: p.description.clone(), body: String::new() },
            filters: Vec::new(),
            meta: Vec::new(),
            filter_labels: Vec::new(),
            demoted: false,
        }
    }
}
