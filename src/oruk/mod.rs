//! Open Referral UK v3: the feed a site publishes (`export`), its validation
//! against the official schemas (`schema`) and what `check --oruk` reports
//! (`check`). `docs/openreferral.md` describes the mapping.

pub mod check;
pub mod convert;
pub mod export;
pub mod ids;
pub mod languages;
pub mod model;
pub mod organisations;
pub mod schema;

/// How a signpost feed names its two taxonomies, so another signpost site
/// importing the feed can take categories and referral routes back as they
/// were: the categories' taxonomy is "SITE TITLE: service categories".
pub const CATEGORY_TAXONOMY_SUFFIX: &str = ": service categories";
pub const REFERRAL_TAXONOMY: &str = "Referral routes";
