//! The values a page's inputs are made of, each hashing to what it stands for.
//!
//! A page kind (see `pages`) declares its inputs as a struct of these
//! handles; its template data is made from that struct and its fingerprint
//! is that struct's hash, so a page cannot read what its fingerprint misses.
//! Every handle hashes cheaply, without reading what it holds: a parsed file
//! by its version, rendered Markdown by what it was rendered from, a shared
//! view by the hash it was given when it was made.

use super::templates::Theme;
use super::views::ViewContext;
use crate::markdown::Rendered;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// Something parsed from one source file (a guideline, a page, a
/// directory), hashed by that file's version: whatever a page reads from
/// it, an edit to the file is a new hash. Versions are unique per file text
/// within a build cache (`source::Sources`), so the version alone will do.
pub struct Sourced<'a, T> {
    pub item: &'a T,
    version: u64,
}

impl<'a, T> Sourced<'a, T> {
    pub fn new(item: &'a T, version: u64) -> Self {
        Sourced { item, version }
    }
}

// By hand: derived impls would ask `T: Clone` and `T: Hash`.
impl<T> Clone for Sourced<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Sourced<'_, T> {}

impl<T> Hash for Sourced<'_, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.version.hash(state);
    }
}

/// The rendered Markdown of one source file, hashed by what it was
/// rendered from: the file's version and the site's link targets. A
/// directory file has several: its description, then each service's.
#[derive(Clone)]
pub struct Markdown {
    key: u64,
    rendered: Arc<Vec<Rendered>>,
}

impl Markdown {
    pub fn new(key: u64, rendered: Arc<Vec<Rendered>>) -> Self {
        Markdown { key, rendered }
    }

    pub fn rendered(&self) -> &Arc<Vec<Rendered>> {
        &self.rendered
    }

    /// The page's body; for a directory, its description.
    pub fn first(&self) -> &Rendered {
        &self.rendered[0]
    }

    /// A directory's services' descriptions, in file order.
    pub fn rest(&self) -> &[Rendered] {
        &self.rendered[1..]
    }
}

impl Hash for Markdown {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

/// A view many pages show (a guideline's summary, a service), made once
/// from its own inputs and hashed by its value: a page that shows it
/// renders again only when what it shows changed, so editing a guideline's
/// body leaves the lists that show its summary alone.
pub struct Hashed<T> {
    value: T,
    hash: u64,
}

impl<T: Hash> Hashed<T> {
    pub fn new(value: T) -> Self {
        let hash = crate::fingerprint::fingerprint(&value);
        Hashed { value, hash }
    }
}

impl<T> Deref for Hashed<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> Hash for Hashed<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.hash.hash(state);
    }
}

/// The settings (`site.yaml`, `--base-url`, today), read through `cx`,
/// hashed by what they were made from (see `RenderInput::settings_fingerprint`).
pub struct Settings<'a> {
    pub cx: ViewContext<'a>,
    fingerprint: u64,
}

impl<'a> Settings<'a> {
    pub fn new(cx: ViewContext<'a>, fingerprint: u64) -> Self {
        Settings { cx, fingerprint }
    }
}

impl Hash for Settings<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.fingerprint.hash(state);
    }
}

/// The templates of the theme and the site, hashed by their text.
pub struct Templates<'a>(pub &'a Theme);

impl Hash for Templates<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.fingerprint.hash(state);
    }
}

/// `data/*.yaml`, which every template may read as `data.NAME`, hashed
/// by its JSON (hashed once per build: it is part of what every page reads).
pub struct DataFiles<'a>(pub &'a BTreeMap<String, serde_json::Value>);

impl Hash for DataFiles<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        serde_json::to_string(self.0).unwrap_or_default().hash(state);
    }
}
