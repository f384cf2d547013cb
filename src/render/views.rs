//! The data templates see. Each view is plain, serialisable, and already
//! holds URLs and display strings, so templates only lay things out.
//! `docs/templates.md` documents every field; keep the two in step.

use crate::config::SiteConfig;
use crate::content::service::{BankHolidays, Hours, phone_href};
use crate::content::{Directory, Guideline, Referral, ReviewState, Service, ServiceStatus, Status};
use crate::date::Date;
use crate::markdown::TocEntry;
use crate::urls::{self, Urls};
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Serialize, Hash)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub notice: String,
    pub root: String,
    pub base_url: String,
    pub today: Date,
    pub today_display: String,
    /// Whether this build has a search index (`build --no-search` has none).
    pub search: bool,
    /// For "Open now" (static/js/open-now.js): the site's bank holidays
    /// from a week before the build to two years after it, one-off days
    /// included, `2026-12-25 2026-12-28 …`.
    pub bank_holidays: String,
    /// The `Content-Security-Policy` every page carries in a `<meta>`.
    pub content_security_policy: &'static str,
    /// How many days before its review date a guideline is "due soon".
    pub review_warning_days: i64,
    /// The address of the postcode table (`postcodes.js` reads it), empty
    /// when `site.yaml` has no `postcodes`.
    pub postcodes: String,
    /// Whether pages load `static/js/offline.js`, which registers the
    /// service worker (`offline:` in `site.yaml`, `docs/offline.md`).
    pub offline: bool,
}

/// The postcode table for the browser, when `site.yaml` has one: it
/// depends on the settings alone, so every page can name it.
pub fn postcode_file(config: &SiteConfig) -> Option<crate::files::OutputFile> {
    if config.postcodes.is_empty() {
        return None;
    }
    let json = config.postcodes.browser_json(&config.areas);
    let path = crate::postcodes::PostcodeTable::browser_path(&json);
    Some(crate::files::OutputFile { path, data: crate::files::FileData::text(json) })
}

/// Scripts and styles only from the site's own files (no inline script or
/// style, no `eval`), no plugins, and links, forms and `<base>` kept to the
/// site. `docs/hosting.md` gives the same policy as an HTTP header, which
/// can add what a `<meta>` cannot (`frame-ancestors`).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

impl SiteView {
    pub fn new(config: &SiteConfig, urls: &Urls, today: Date, search: bool) -> Self {
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            notice: config.notice.clone(),
            root: urls.base_path.clone(),
            base_url: config.base_url.clone(),
            today,
            today_display: today.display(),
            search,
            bank_holidays: bank_holidays_around(config, today),
            content_security_policy: CONTENT_SECURITY_POLICY,
            review_warning_days: config.review_warning_days,
            postcodes: postcode_file(config)
                .map_or_else(String::new, |file| format!("{}{}", urls.base_path, file.path)),
            offline: config.offline.enabled,
        }
    }
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct IdLabel {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct CountedLabel {
    pub id: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct AuthorView {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct ChangeView {
    pub version: String,
    pub date: Date,
    pub date_display: String,
    pub note: String,
}

/// A guideline's status as a reader sees it: the approval status with the
/// review state folded in. Pages show status only through this, so no page
/// can call guidance "Approved" while it is overdue for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
pub struct Standing {
    /// The badge style: `approved`, `due-soon`, `overdue`, `draft`, `superseded` or `withdrawn`.
    pub tone: &'static str,
    /// The badge text: "Approved", "Review due soon", "Review overdue", "Draft"…
    pub label: &'static str,
    /// In a sentence: "Approved, review overdue".
    pub full: &'static str,
    /// Whether it is the review date speaking (the badge carries a clock).
    pub review: bool,
}

impl Standing {
    pub fn of(status: Status, review: ReviewState) -> Self {
        let (tone, label, full) = match (status, review) {
            (Status::Approved, ReviewState::Overdue) => ("overdue", "Review overdue", "Approved, review overdue"),
            (Status::Approved, ReviewState::DueSoon) => ("due-soon", "Review due soon", "Approved, review due soon"),
            (Status::Approved, _) => ("approved", "Approved", "Approved"),
            (Status::Draft, _) => ("draft", "Draft", "Draft, not for clinical use"),
            (Status::Superseded, _) => ("superseded", "Superseded", "Superseded, do not use"),
            (Status::Withdrawn, _) => ("withdrawn", "Withdrawn", "Withdrawn, do not use"),
        };
        let review = matches!(review, ReviewState::Overdue | ReviewState::DueSoon) && status == Status::Approved;
        Standing { tone, label, full, review }
    }
}

/// A guideline; `content` and `toc` are empty in lists.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct GuidelineView {
    pub key: String,
    pub title: String,
    pub summary: String,
    pub version: String,
    pub url: String,
    pub permalink: String,
    pub status: Status,
    /// `standing.full`: themes that show `status_label` show the review state too.
    pub status_label: &'static str,
    pub standing: Standing,
    pub review_state: ReviewState,
    pub days_to_review: Option<i64>,
    pub superseded_by: Option<LinkView>,
    pub authors: Vec<AuthorView>,
    pub approved_by: String,
    pub published: Option<Date>,
    pub published_display: String,
    pub review_due: Option<Date>,
    pub review_due_display: String,
    pub conditions: Vec<String>,
    pub condition_slugs: Vec<String>,
    pub audience: Vec<String>,
    pub tags: Vec<String>,
    pub changes: Vec<ChangeView>,
    pub source_path: String,
    /// A `mailto:` for "Feedback on this guideline", or empty when neither
    /// the guideline nor the site names an address.
    pub feedback_href: String,
    pub toc: Vec<TocEntry>,
    /// The anchor of its first pathway block, or empty: the sticky bar's
    /// "Pathway" link.
    pub pathway: String,
    pub content: String,
    pub related_services: Vec<ServiceView>,
}

/// The guideline's own `feedback_email`, else the site's; the subject names
/// the site, the guideline and its version, the body the page's address
/// (`guideline.js` adds the section the reader was in).
fn feedback_href(g: &Guideline, permalink: &str, config: &SiteConfig) -> String {
    let Some(to) = g.feedback_email.as_ref().or(config.feedback_email.as_ref()) else {
        return String::new();
    };
    let subject = format!("{}: feedback on {} (version {})", config.title, g.title, g.version);
    let body = format!("Guideline: {} (version {})\nPage: {permalink}", g.title, g.version);
    urls::mailto(to, &subject, &body)
}

pub struct ViewContext<'a> {
    pub config: &'a SiteConfig,
    pub urls: &'a Urls,
    pub today: Date,
}

impl GuidelineView {
    /// The list form: no body, no related services.
    pub fn summary(g: &Guideline, replacement: Option<&Guideline>, cx: &ViewContext) -> Self {
        let path = urls::guideline(&g.key);
        let review_due = g.review_due.as_ref().map(|d| d.value);
        let review_state = g.review_state(cx.today, cx.config.review_warning_days);
        let standing = Standing::of(g.status, review_state);
        GuidelineView {
            key: g.key.clone(),
            title: g.title.clone(),
            summary: g.summary.clone(),
            version: g.version.clone(),
            url: cx.urls.link(&path),
            permalink: cx.urls.permalink(&path),
            status: g.status,
            status_label: standing.full,
            standing,
            review_state,
            days_to_review: review_due.map(|d| cx.today.days_until(d)),
            superseded_by: replacement
                .map(|r| LinkView { title: r.title.clone(), url: cx.urls.link(&urls::guideline(&r.key)) }),
            authors: g.authors.iter().map(|a| AuthorView { name: a.name.clone(), role: a.role.clone() }).collect(),
            approved_by: g.approved_by.clone().unwrap_or_default(),
            published: g.published,
            published_display: g.published.map(Date::display).unwrap_or_default(),
            review_due,
            review_due_display: review_due.map(Date::display).unwrap_or_default(),
            conditions: g.conditions.clone(),
            condition_slugs: g.conditions.iter().map(|c| crate::markdown::slugify(c)).collect(),
            audience: g.audience.clone(),
            tags: g.tags.clone(),
            changes: g
                .changes
                .iter()
                .map(|c| ChangeView {
                    version: c.version.clone(),
                    date: c.date,
                    date_display: c.date.display(),
                    note: c.note.clone(),
                })
                .collect(),
            source_path: g.source.clone(),
            feedback_href: feedback_href(g, &cx.urls.permalink(&path), cx.config),
            toc: Vec::new(),
            pathway: String::new(),
            content: String::new(),
            related_services: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct ContactView {
    /// The main number, as before `phones` came (themes may still read it).
    pub phone: String,
    pub phone_href: String,
    /// Every number, the main one first: what the theme shows.
    pub phones: Vec<PhoneView>,
    pub email: String,
    pub website: String,
}

/// One number as shown: `label` ("Text relay") beside a `tel:` link that
/// dials `href` (without any extension).
#[derive(Debug, Clone, Serialize, Hash)]
pub struct PhoneView {
    pub number: String,
    pub href: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct AddressView {
    pub lines: Vec<String>,
    pub town: String,
    pub county: String,
    pub postcode: String,
    pub one_line: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct HoursView {
    pub days: String,
    pub hours: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct AreaView {
    pub name: String,
    pub slug: String,
    /// Whether other areas of `site.yaml`'s tree lie inside it.
    pub wide: bool,
}

/// The names a service's area filter matches: with an `areas` tree, each
/// of its areas, the areas around it and the areas inside it, in the
/// tree's order; without one, its areas as written.
fn covered_areas(areas: &[String], tree: &crate::areas::AreaTree) -> Vec<String> {
    let mut found: Vec<usize> = areas.iter().filter_map(|a| tree.find(a)).flat_map(|i| tree.related(i)).collect();
    found.sort_unstable();
    found.dedup();
    let mut names: Vec<String> = found.into_iter().map(|i| tree.name(i).to_string()).collect();
    // Areas not in the tree (a warning says so) still match themselves.
    names.extend(areas.iter().filter(|a| tree.find(a).is_none()).cloned());
    names
}

/// An area as a filter value: its slug is the one `area` key of the
/// services list, directory pages and search (issue 21, point 3).
#[derive(Debug, Clone, Serialize, Hash, PartialEq, Eq)]
pub struct AreaFilter {
    pub slug: String,
    pub name: String,
    /// Its position in the areas tree (areas outside the tree after it).
    pub order: usize,
    pub depth: usize,
}

fn area_filters(covered: &[String], tree: &crate::areas::AreaTree) -> Vec<AreaFilter> {
    covered
        .iter()
        .map(|name| {
            let place = tree.find(name);
            AreaFilter {
                slug: crate::markdown::slugify(name),
                name: name.clone(),
                order: place.unwrap_or(usize::MAX),
                depth: place.map_or(0, |i| tree.depth(i)),
            }
        })
        .collect()
}

/// "Covers all of Dorset" for a service of a wider area; otherwise the
/// areas as written, "Weymouth and Portland, Dorchester".
fn areas_text(areas: &[AreaView]) -> String {
    if !areas.iter().any(|a| a.wide) {
        return areas.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ");
    }
    let parts: Vec<String> = areas
        .iter()
        .map(|a| match a.name.strip_prefix("All of ").or_else(|| a.name.strip_prefix("all of ")) {
            Some(rest) if a.wide => format!("all of {rest}"),
            _ if a.wide => format!("all of {}", a.name),
            _ => a.name.clone(),
        })
        .collect();
    format!("Covers {}", parts.join("; "))
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct CitedBy {
    pub title: String,
    pub url: String,
    pub status: Status,
    pub status_label: &'static str,
    pub standing: Standing,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub url: String,
    pub permalink: String,
    pub description: Arc<str>,
    pub categories: Vec<IdLabel>,
    pub areas: Vec<AreaView>,
    pub eligibility: String,
    pub cost: String,
    pub referral: Vec<IdLabel>,
    pub contact: Option<ContactView>,
    pub address: Option<AddressView>,
    pub opening_hours: Vec<HoursView>,
    /// The opening hours for `static/js/open-now.js`: `mon,tue 09:00-17:00;sat 10:00-12:00`
    /// (empty when none are listed).
    pub hours_data: String,
    /// What the service does on bank holidays, in words: "Closed on bank
    /// holidays", or empty when its hours list them.
    pub bank_holidays_text: String,
    pub languages: Vec<String>,
    /// `active` or `temporarily-closed` (inactive services are not published).
    pub status: ServiceStatus,
    pub status_label: String,
    pub is_temporarily_closed: bool,
    pub alert: String,
    /// "18 and over", "Up to 25", "16 to 25", or empty.
    pub ages: String,
    pub last_verified: Date,
    pub last_verified_display: String,
    /// `14 Sep 2026`, for "Checked 14 Sep 2026" on a card.
    pub last_verified_short: String,
    pub is_stale: bool,
    pub verified_days_ago: i64,
    pub directory: LinkView,
    pub cited_by: Vec<CitedBy>,
    pub filter_categories: String,
    pub filter_areas: String,
    /// Its areas in words: "Covers all of Dorset" for a wider area.
    pub areas_text: String,
    /// Every area a filter for which finds it (see `covered_areas`).
    pub covered_areas: Vec<String>,
    /// The same areas as filter values: slug (the `area` key in every
    /// URL), name, and place in the areas tree.
    pub area_filters: Vec<AreaFilter>,
    pub filter_referral: String,
}

impl ServiceView {
    pub fn new(
        s: &Service,
        description_html: Arc<str>,
        directory: &Directory,
        cited_by: Vec<CitedBy>,
        cx: &ViewContext,
    ) -> Self {
        let path = urls::service(&s.id.value);
        let categories: Vec<IdLabel> = s
            .categories
            .iter()
            .map(|c| IdLabel { id: c.value.clone(), label: cx.config.category_label(&c.value) })
            .collect();
        let tree = &cx.config.areas;
        let areas: Vec<AreaView> = s
            .areas
            .iter()
            .map(|a| AreaView {
                name: a.clone(),
                slug: crate::markdown::slugify(a),
                wide: tree.find(a).is_some_and(|i| tree.is_wide(i)),
            })
            .collect();
        let covered = covered_areas(&s.areas, tree);
        let referral: Vec<IdLabel> =
            s.referral.iter().map(|r| IdLabel { id: r.id().into(), label: r.label().into() }).collect();
        let age = s.days_since_verified(cx.today);
        ServiceView {
            id: s.id.value.clone(),
            name: s.name.clone(),
            organisation: s.organisation.clone(),
            url: cx.urls.link(&path),
            permalink: cx.urls.permalink(&path),
            description: description_html,
            filter_categories: join_ids(categories.iter().map(|c| c.id.as_str())),
            area_filters: area_filters(&covered, tree),
            filter_areas: covered.iter().map(|a| crate::markdown::slugify(a)).collect::<Vec<_>>().join(" "),
            areas_text: areas_text(&areas),
            covered_areas: covered,
            filter_referral: join_ids(referral.iter().map(|r| r.id.as_str())),
            categories,
            areas,
            eligibility: s.eligibility.clone(),
            cost: s.cost.clone(),
            referral,
            contact: s.contact.as_ref().map(|c| ContactView {
                phone: c.phone.clone(),
                phone_href: phone_href(&c.phone).unwrap_or_default(),
                phones: c
                    .all_phones()
                    .into_iter()
                    .map(|p| PhoneView {
                        href: phone_href(&p.number).unwrap_or_default(),
                        number: p.number,
                        label: p.label,
                    })
                    .collect(),
                email: c.email.clone(),
                website: c.website.clone(),
            }),
            address: s.address.as_ref().map(|a| {
                let mut parts = a.lines.clone();
                parts.extend([&a.town, &a.county, &a.postcode].into_iter().filter(|p| !p.is_empty()).cloned());
                AddressView {
                    lines: a.lines.clone(),
                    town: a.town.clone(),
                    county: a.county.clone(),
                    postcode: a.postcode.clone(),
                    one_line: parts.join(", "),
                }
            }),
            opening_hours: s.opening_hours.iter().map(hours_view).collect(),
            hours_data: hours_data(&s.opening_hours, holiday_policy(s)),
            bank_holidays_text: bank_holidays_text(s),
            languages: s.languages.clone(),
            status: s.status,
            status_label: s.status.label().to_string(),
            is_temporarily_closed: s.status == ServiceStatus::TemporarilyClosed,
            alert: s.alert.clone(),
            ages: ages_in_words(s.minimum_age, s.maximum_age),
            last_verified: s.last_verified.value,
            last_verified_display: s.last_verified.value.display(),
            last_verified_short: s.last_verified.value.display_short(),
            is_stale: s.is_stale(cx.today, cx.config.stale_service_days),
            verified_days_ago: age,
            directory: LinkView {
                title: directory.title.clone(),
                url: cx.urls.link(&urls::directory(&directory.slug)),
            },
            cited_by,
        }
    }
}

/// `(Some(18), None)` → `18 and over`; no limits → empty.
pub fn ages_in_words(minimum: Option<u32>, maximum: Option<u32>) -> String {
    match (minimum.filter(|m| *m > 0), maximum) {
        (None, None) => String::new(),
        (Some(min), None) => format!("{min} and over"),
        (None, Some(max)) => format!("Up to {max}"),
        (Some(min), Some(max)) if min == max => format!("{min} only"),
        (Some(min), Some(max)) => format!("{min} to {max}"),
    }
}

fn join_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(" ")
}

/// `[mon..fri] 09:00–17:00` → `Monday to Friday`, `9am to 5pm`.
pub fn hours_view(h: &Hours) -> HoursView {
    HoursView { days: h.days_in_words(), hours: h.times_in_words() }
}

/// `[mon..fri] 09:00–17:00`, `[sat] 10:00–12:00` → `mon,tue,wed,thu,fri 09:00-17:00;sat 10:00-12:00`:
/// the opening hours as `static/js/open-now.js` reads them (its `parseHours`).
fn bank_holidays_around(config: &SiteConfig, today: Date) -> String {
    let from = Date::from_days(today.days() - 7);
    let to = Date::from_days(today.days() + 2 * 366);
    let days = crate::date::bank_holidays::between(from, to, config.bank_holidays, &config.extra_bank_holidays);
    days.iter().map(Date::to_string).collect::<Vec<_>>().join(" ")
}

/// What "Open now" does on a bank holiday, for `hours_data`: a service that
/// says nothing is taken to be closed if it keeps weekday hours, as most
/// are, while one that opens at weekends may well open, so people are asked
/// to check (docs/opening-hours.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayPolicy {
    /// An entry with `days: [bank-holidays]` says it all.
    Hours,
    Open,
    Closed,
    Check,
}

fn holiday_policy(s: &Service) -> HolidayPolicy {
    let weekends = s.opening_hours.iter().any(|h| h.days.iter().any(|d| *d >= 5));
    match s.bank_holidays {
        _ if s.opening_hours.iter().any(|h| h.bank_holidays) => HolidayPolicy::Hours,
        BankHolidays::Open => HolidayPolicy::Open,
        BankHolidays::Closed => HolidayPolicy::Closed,
        BankHolidays::Unsaid if weekends => HolidayPolicy::Check,
        BankHolidays::Unsaid => HolidayPolicy::Closed,
    }
}

/// The line under a service's hours about bank holidays.
fn bank_holidays_text(s: &Service) -> String {
    match (holiday_policy(s), s.bank_holidays) {
        (HolidayPolicy::Hours, _) => String::new(),
        (HolidayPolicy::Open, _) => "Usual hours on bank holidays".into(),
        (HolidayPolicy::Closed, BankHolidays::Closed) => "Closed on bank holidays".into(),
        (HolidayPolicy::Closed, _) => "Usually closed on bank holidays".into(),
        (HolidayPolicy::Check, _) => "Bank holiday hours may differ: check with the service".into(),
    }
}

/// `bh` stands for bank holidays: `sat,bh 10:00-14:00` for an entry that
/// holds on them, else `bh open`, `bh closed` or `bh check`.
pub fn hours_data(hours: &[Hours], policy: HolidayPolicy) -> String {
    const IDS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let mut parts: Vec<String> = hours
        .iter()
        .map(|h| {
            let mut days: Vec<&str> = h.days.iter().filter_map(|d| IDS.get(*d as usize).copied()).collect();
            if h.bank_holidays {
                days.push("bh");
            }
            let (o, c) = (h.opens, h.closes);
            format!("{} {:02}:{:02}-{:02}:{:02}", days.join(","), o.0, o.1, c.0, c.1)
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    match policy {
        HolidayPolicy::Hours => {}
        HolidayPolicy::Open => parts.push("bh open".into()),
        HolidayPolicy::Closed => parts.push("bh closed".into()),
        HolidayPolicy::Check => parts.push("bh check".into()),
    }
    parts.join(";")
}

/// The filter options for a list of services, with counts.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Filters {
    pub categories: Vec<CountedLabel>,
    pub areas: Vec<CountedLabel>,
    pub referral: Vec<CountedLabel>,
}

impl Filters {
    /// The filters for `services`. With an `areas` tree the area options
    /// are the tree's, in its order and indented by depth, and each counts
    /// the services it finds, wider ones included.
    pub fn of<'s>(services: impl Iterator<Item = &'s ServiceView> + Clone, tree: &crate::areas::AreaTree) -> Self {
        let mut categories = Counter::default();
        let mut areas = Counter::default();
        for s in services.clone() {
            for c in &s.categories {
                categories.bump(&c.id, &c.label);
            }
            for a in &s.covered_areas {
                areas.bump(&crate::markdown::slugify(a), a);
            }
        }
        let (mut categories, mut areas) = (categories.list, areas.list);
        categories.sort_by(|a, b| a.label.cmp(&b.label));
        if tree.is_empty() {
            areas.sort_by(|a, b| a.label.cmp(&b.label));
        } else {
            areas.sort_by_key(|a| tree.find(&a.label).unwrap_or(usize::MAX));
            for a in &mut areas {
                // Non-breaking spaces: a select shows the nesting; a screen reader skips them.
                let depth = tree.find(&a.label).map_or(0, |i| tree.depth(i));
                a.label = format!("{}{}", "\u{a0}\u{a0}".repeat(depth), a.label);
            }
        }
        let referral = Referral::ALL
            .iter()
            .map(|r| CountedLabel {
                id: r.id().into(),
                label: r.label().into(),
                count: services.clone().filter(|s| s.referral.iter().any(|x| x.id == r.id())).count(),
            })
            .filter(|c| c.count > 0)
            .collect();
        Filters { categories, areas, referral }
    }
}

/// Counts by id, in first-seen order; a map keeps it linear in the services.
#[derive(Default)]
struct Counter {
    list: Vec<CountedLabel>,
    at: rustc_hash::FxHashMap<String, usize>,
}

impl Counter {
    fn bump(&mut self, id: &str, label: &str) {
        match self.at.get(id) {
            Some(&i) => self.list[i].count += 1,
            None => {
                self.at.insert(id.to_string(), self.list.len());
                self.list.push(CountedLabel { id: id.to_string(), label: label.to_string(), count: 1 });
            }
        }
    }
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct DirectoryView {
    pub title: String,
    pub url: String,
    pub description: String,
    /// The services on this page of the directory.
    pub services: Vec<ServiceView>,
    /// The filters' options, with counts over the whole directory.
    pub filters: Filters,
    /// How many services the whole directory has.
    pub total: usize,
}

/// A link to a list, with how many items it holds.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct CountedLink {
    pub title: String,
    pub url: String,
    pub count: usize,
}

/// A letter of an A–Z index and the page where its items start.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct LetterLink {
    pub letter: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct DirectoryLink {
    pub title: String,
    pub url: String,
    pub count: usize,
}

/// Where a page is in its list (`paging::Paging::view`; `docs/paging.md`).
#[derive(Debug, Clone, Serialize, Hash)]
pub struct PagerView {
    /// This page, 1 for the first.
    pub number: usize,
    /// How many pages the list has (1 or more).
    pub count: usize,
    /// How many items the whole list has.
    pub total: usize,
    /// Items per page.
    pub size: usize,
    /// The first and last item on this page, counting from 1 (0 when empty).
    pub first_item: usize,
    pub last_item: usize,
    /// "Showing 51–100 of 4,089".
    pub showing: String,
    /// The previous and next pages' links, empty at either end.
    pub prev: String,
    pub next: String,
    /// The page links to show: the first, the last and those near this one;
    /// `gap` stands for pages left out.
    pub links: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    pub gap: bool,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct RecentChange {
    pub title: String,
    pub url: String,
    pub version: String,
    pub date: Date,
    pub date_display: String,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_hours_for_the_script() {
        let hours = [
            Hours { days: vec![0, 1, 2, 3, 4], bank_holidays: false, opens: (9, 0), closes: (17, 30) },
            Hours { days: vec![6, 5], bank_holidays: false, opens: (0, 0), closes: (24, 0) },
        ];
        assert_eq!(
            hours_data(&hours, HolidayPolicy::Check),
            "mon,tue,wed,thu,fri 09:00-17:30;sun,sat 00:00-24:00;bh check"
        );
        assert_eq!(hours_data(&hours[..1], HolidayPolicy::Open), "mon,tue,wed,thu,fri 09:00-17:30;bh open");
        assert_eq!(hours_data(&[], HolidayPolicy::Closed), "");
        let holidays = Hours { days: vec![5], bank_holidays: true, opens: (10, 0), closes: (14, 0) };
        assert_eq!(hours_data(&[holidays], HolidayPolicy::Hours), "sat,bh 10:00-14:00");
    }

    #[test]
    fn opening_hours_read_as_words() {
        let h = Hours { days: vec![0, 1, 2, 3, 4], bank_holidays: false, opens: (9, 0), closes: (17, 30) };
        let v = hours_view(&h);
        assert_eq!((v.days.as_str(), v.hours.as_str()), ("Monday to Friday", "9am to 5:30pm"));
        let h = Hours { days: vec![1, 3], bank_holidays: false, opens: (12, 0), closes: (13, 0) };
        let v = hours_view(&h);
        assert_eq!((v.days.as_str(), v.hours.as_str()), ("Tuesday and Thursday", "midday to 1pm"));
        let h = Hours { days: vec![5], bank_holidays: true, opens: (10, 0), closes: (14, 0) };
        assert_eq!(hours_view(&h).days, "Saturday and bank holidays");
        let h = Hours { days: vec![], bank_holidays: true, opens: (10, 0), closes: (14, 0) };
        assert_eq!(hours_view(&h).days, "Bank holidays");
    }

    #[test]
    fn age_limits_read_as_words() {
        assert_eq!(ages_in_words(None, None), "");
        assert_eq!(ages_in_words(Some(0), None), "");
        assert_eq!(ages_in_words(Some(18), None), "18 and over");
        assert_eq!(ages_in_words(None, Some(25)), "Up to 25");
        assert_eq!(ages_in_words(Some(16), Some(25)), "16 to 25");
        assert_eq!(ages_in_words(Some(65), Some(65)), "65 only");
    }
}
