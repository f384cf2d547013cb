//! Open Referral UK v3: the feed a site publishes (`export`) and its
//! validation against the official schemas (`schema`).

pub mod schema;
