//! Stable Open Referral ids.
//!
//! Every id in the feed is a UUID v5: the namespace is the UUID v5 of the
//! site's `base_url` (as written in `site.yaml`) in the standard URL
//! namespace, and the name is `KIND:KEY`, for example `service:warm-homes`.
//! The same site therefore publishes the same ids build after build, on any
//! machine, and two sites never share one. `base_url` is taken from
//! `site.yaml`, not `--base-url` or the preview server's address, so a
//! staging build or `signpost serve` shows the ids production publishes.

use uuid::Uuid;

#[derive(Debug, Clone, Copy)]
pub struct Ids {
    namespace: Uuid,
}

impl Ids {
    pub fn new(base_url: &str) -> Self {
        let base_url = base_url.trim_end_matches('/');
        Ids { namespace: Uuid::new_v5(&Uuid::NAMESPACE_URL, base_url.as_bytes()) }
    }

    /// The id of the thing of `kind` known by `key`: `of("service", "warm-homes")`.
    pub fn of(&self, kind: &str, key: &str) -> String {
        Uuid::new_v5(&self.namespace, format!("{kind}:{key}").as_bytes()).hyphenated().to_string()
    }

    pub fn service(&self, slug: &str) -> String {
        self.of("service", slug)
    }

    pub fn organization(&self, name: &str) -> String {
        self.of("organization", name)
    }
}

/// Whether `id` has the shape ORUK asks for (8-4-4-4-12 hex digits).
pub fn is_uuid(id: &str) -> bool {
    id.len() == 36 && Uuid::try_parse(id).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_depend_on_the_site() {
        let ids = Ids::new("https://guidelines.example.org");
        // Fixed forever (Python agrees: uuid5(uuid5(NAMESPACE_URL, base_url), "service:warm-homes-advice")):
        // changing it would change every published id.
        assert_eq!(
            ids.service("warm-homes-advice"),
            Ids::new("https://guidelines.example.org/").service("warm-homes-advice")
        );
        assert_eq!(ids.service("warm-homes-advice"), "5d242db2-67ec-5ad9-97bb-eab49d57af39");
        assert_ne!(
            ids.service("warm-homes-advice"),
            Ids::new("https://other.example.org").service("warm-homes-advice")
        );
        assert_ne!(ids.service("x"), ids.organization("x"), "kinds never collide");
        assert!(is_uuid(&ids.service("x")));
        assert!(!is_uuid("warm-homes-advice"));
    }
}
