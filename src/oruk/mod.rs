//! Open Referral UK v3: the feed a site publishes (`export`), its validation
//! against the official schemas (`schema`) and what `check --oruk` reports
//! (`check`). `docs/openreferral.md` describes the mapping.

pub mod check;
pub mod convert;
pub mod export;
pub mod ids;
pub mod model;
pub mod organisations;
pub mod schema;
