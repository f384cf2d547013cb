//! Reading a live Open Referral UK v3 API (`--url`).
//!
//! The list endpoint (`/services?page=N`) gives summaries, so each service is
//! then fetched in full from `/services/{id}`. Requests go one at a time with
//! a pause between them (100 ms, or `SIGNPOST_IMPORT_DELAY_MS`), because
//! directory APIs are often small council servers; each has a 30-second
//! timeout so a hung server cannot hang a scheduled job.

use super::detect;
use super::json;
use super::model::{Feed, Place};
use super::v3;
use crate::diagnostics::Diagnostic;
use serde_json::Value;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_DELAY_MS: u64 = 100;
/// A feed claiming more pages than this is broken, not big.
const MOST_PAGES: u64 = 10_000;

pub fn read_url(base: &str) -> (Feed, Vec<Diagnostic>) {
    // People paste the list endpoint as often as the API's root.
    let base = base.trim_end_matches('/');
    let base = base.strip_suffix("/services").unwrap_or(base);
    let mut out = Vec::new();
    let mut feed = Feed { source: base.to_string(), format: "Open Referral UK v3 API".to_string(), ..Feed::default() };
    if !(base.starts_with("http://") || base.starts_with("https://")) {
        out.push(Diagnostic::general(format!(
            "--url: found {}, expected the web address of an Open Referral UK v3 API, starting https://",
            crate::diagnostics::quote(base)
        )));
        return (feed, out);
    }
    let client = Client::new();
    let ids = list_ids(&client, base, &mut out);
    for id in ids {
        let url = format!("{base}/services/{}", encode(&id));
        match client.get_json(&url) {
            Ok(value) => {
                if let Some(s) = v3::read_item(&value, &Place::new(&url, 0, ""), &mut out) {
                    feed.services.push(s);
                }
            }
            Err(d) => out.push(d),
        }
    }
    (feed, out)
}

/// Pages through `/services` until the feed says it is on its last page.
fn list_ids(client: &Client, base: &str, out: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut ids = Vec::new();
    for page in 1..=MOST_PAGES {
        let url = format!("{base}/services?page={page}");
        let value = match client.get_json(&url) {
            Ok(value) => value,
            Err(d) => {
                out.push(d);
                break;
            }
        };
        let Some(object) = value.as_object().filter(|o| o.contains_key("contents")) else {
            let _ = detect::read_json(&value, &url, out);
            if !out.iter().any(Diagnostic::is_error) {
                out.push(Diagnostic::error(&url, "found no contents, expected a v3 service list page"));
            }
            break;
        };
        let contents = object.get("contents").and_then(Value::as_array).cloned().unwrap_or_default();
        for (i, item) in contents.iter().enumerate() {
            let place = Place::new(&url, 0, format!("contents[{i}]."));
            match item.as_object().map(|o| json::required(o, "id", &place, "the service's id")) {
                Some(Ok(id)) => ids.push(id),
                Some(Err(d)) => out.push(d),
                None => {
                    out.push(Diagnostic::error(&url, "found a list item that is not an object, expected a service"))
                }
            }
        }
        if is_last_page(object, page, contents.is_empty()) {
            break;
        }
    }
    ids
}

fn is_last_page(page: &json::Object, number: u64, empty: bool) -> bool {
    let said_last = page.get("last_page").and_then(Value::as_bool) == Some(true);
    let total = page.get("total_pages").and_then(Value::as_u64).unwrap_or(0);
    empty || said_last || number >= total
}

/// Percent-encodes an id for a URL path segment.
fn encode(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

struct Client {
    agent: ureq::Agent,
    delay: Duration,
    first: std::cell::Cell<bool>,
}

impl Client {
    fn new() -> Self {
        let delay =
            std::env::var("SIGNPOST_IMPORT_DELAY_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_DELAY_MS);
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .http_status_as_error(false)
            .user_agent(concat!("signpost-import/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Client { agent, delay: Duration::from_millis(delay), first: std::cell::Cell::new(true) }
    }

    /// GETs `url` as JSON: an error naming the URL if it cannot be reached,
    /// answers other than 200, or sends something that is not JSON.
    fn get_json(&self, url: &str) -> Result<Value, Diagnostic> {
        if !self.first.replace(false) {
            std::thread::sleep(self.delay);
        }
        let mut response = self.agent.get(url).header("Accept", "application/json").call().map_err(|e| {
            Diagnostic::error(url, format!("cannot reach the feed: {e}; check the address and your connection"))
        })?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(Diagnostic::error(url, format!("found HTTP status {status}, expected 200 OK")));
        }
        let text = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| Diagnostic::error(url, format!("cannot read the answer: {e}")))?;
        json::parse(url, &text)
    }
}
