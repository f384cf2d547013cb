//! The one mapping from content to URLs and output files (the contract's
//! "Where pages land" table). Paths here are relative to the site root,
//! without a leading slash, and end with `/` for pages.

pub const GUIDELINES: &str = "guidelines/";
pub const SERVICES: &str = "services/";
/// Every service directory, A to Z (paged); each directory is under it.
pub const DIRECTORIES: &str = "directories/";
pub const SEARCH: &str = "search/";
/// The shortlist page, under the services it lists; no service may take its id.
pub const SHORTLIST: &str = "services/shortlist/";
pub const SHORTLIST_ID: &str = "shortlist";
/// Service ids taken by the pages of the services list: `services/page/2/`,
/// `services/category/warmth/`, `services/area/weymouth/`.
pub const LIST_IDS: [&str; 3] = ["page", "category", "area"];
/// What a reader sees offline for a page they never opened (`docs/offline.md`).
pub const OFFLINE: &str = "offline/";
/// The service worker that keeps offline copies; at the site's root so it
/// may answer for every page. `build` writes it, the preview never does.
pub const WORKER: &str = "sw.js";
/// Beside each page of a services list: its cards and counts as JSON, for
/// the browser's filters (`render::pages::ServiceListData`).
pub const LIST_DATA: &str = "cards.json";

/// Ids are what URLs are made of: `[a-z0-9-]+`, not starting or ending with `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A `mailto:` link (RFC 6068) with a subject and a body: everything but
/// the unreserved characters is percent-encoded as UTF-8, and line breaks
/// in the body are sent as CRLF, so any title or address survives.
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "mailto:{}?subject={}&body={}",
        percent_encode(to, b"@+"),
        percent_encode(subject, b""),
        percent_encode(&body, b"")
    )
}

fn percent_encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || keep.contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub fn guideline(key: &str) -> String {
    format!("{key}/")
}

pub fn page(key: &str) -> String {
    if key.is_empty() { String::new() } else { format!("{key}/") }
}

pub fn directory(slug: &str) -> String {
    format!("directories/{slug}/")
}

pub fn service(id: &str) -> String {
    format!("services/{id}/")
}

/// Services of one category: `services/category/warmth/`.
pub fn category(id: &str) -> String {
    format!("{SERVICES}category/{id}/")
}

/// Services of one area (the slug the area filter puts in its address):
/// `services/area/weymouth-and-portland/`.
pub fn area(slug: &str) -> String {
    format!("{SERVICES}area/{slug}/")
}

/// Page `number` of the list at `list` (a page path ending in `/`): the
/// first page is the list's own address, the others `list/page/N/`.
pub fn list_page(list: &str, number: usize) -> String {
    if number <= 1 { list.to_string() } else { format!("{list}page/{number}/") }
}

/// Whether the build always makes `path` whatever the content: the list
/// pages, the feeds, the theme's files, the search index and the Open
/// Referral files (the contract's "Where pages land").
pub fn is_generated(path: &str) -> bool {
    const FIXED: [&str; 14] = [
        "",
        GUIDELINES,
        SERVICES,
        DIRECTORIES,
        SEARCH,
        SHORTLIST,
        "sitemap.xml",
        "feed.xml",
        "404.html",
        "robots.txt",
        "services.json",
        "openreferral/",
        OFFLINE,
        WORKER,
    ];
    // The pages of paged lists, and the category and area lists (`paging.rs`).
    const UNDER: [&str; 8] = [
        "static/",
        "search/engine/",
        "openreferral/",
        "services/page/",
        "services/category/",
        "services/area/",
        "guidelines/page/",
        "directories/page/",
    ];
    FIXED.contains(&path) || UNDER.iter().any(|folder| path.starts_with(folder) && path.len() > folder.len())
}

/// `guidelines/copd/` → `guidelines/copd/index.html`; files stay as they are.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// Turns site paths into links for one build's `base_url`.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `/` or `/resp/`.
    pub base_path: String,
    /// `https://x.org/resp`, no trailing slash.
    pub base_url: String,
}

impl Urls {
    pub fn new(base_url: &str, base_path: &str) -> Self {
        Urls { base_path: base_path.to_string(), base_url: base_url.to_string() }
    }

    /// A link from any page: `/resp/guidelines/copd/`.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    /// An absolute address: `https://x.org/resp/guidelines/copd/`.
    pub fn permalink(&self, path: &str) -> String {
        let origin_end = self.base_url.len() - (self.base_path.len() - 1);
        format!("{}{}", &self.base_url[..origin_end], self.link(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailto_encodes_every_reserved_character() {
        assert_eq!(
            mailto("a.b+c@x.org", "Site: COPD & asthma (v2) 100%?", "Page: https://x.org/a?b=1#c\nnext é"),
            "mailto:a.b+c@x.org?subject=Site%3A%20COPD%20%26%20asthma%20%28v2%29%20100%25%3F&body=Page%3A%20https%3A%2F%2Fx.org%2Fa%3Fb%3D1%23c%0D%0Anext%20%C3%A9"
        );
    }

    #[test]
    fn ids_are_url_safe() {
        assert!(is_valid_id("warm-homes-advice"));
        assert!(is_valid_id("111"));
        for bad in ["", "Warm", "a_b", "a b", "-a", "a-", "é"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn links_and_permalinks_share_the_base_path() {
        let urls = Urls::new("https://x.org/resp", "/resp/");
        assert_eq!(urls.link("guidelines/copd/"), "/resp/guidelines/copd/");
        assert_eq!(urls.permalink("guidelines/copd/"), "https://x.org/resp/guidelines/copd/");
        let urls = Urls::new("https://x.org", "/");
        assert_eq!(urls.permalink(""), "https://x.org/");
    }

    #[test]
    fn a_list_pages_from_its_own_address() {
        assert_eq!(list_page(SERVICES, 1), "services/");
        assert_eq!(list_page(SERVICES, 2), "services/page/2/");
        assert_eq!(list_page(&category("warmth"), 3), "services/category/warmth/page/3/");
        assert_eq!(list_page(&area("weymouth-and-portland"), 1), "services/area/weymouth-and-portland/");
    }

    #[test]
    fn generated_paths_are_known_whatever_the_content() {
        for made in ["", "guidelines/", "services/shortlist/", "feed.xml", "static/css/site.css", "openreferral/"] {
            assert!(is_generated(made), "{made}");
        }
        for not_made in ["static/", "guidelines/copd/", "about/", "feed.xm"] {
            assert!(!is_generated(not_made), "{not_made}");
        }
    }

    #[test]
    fn pages_are_folders_with_index_html() {
        assert_eq!(output_file(&guideline("guidelines/asthma/adults")), "guidelines/asthma/adults/index.html");
        assert_eq!(output_file(""), "index.html");
        assert_eq!(output_file("sitemap.xml"), "sitemap.xml");
    }
}
