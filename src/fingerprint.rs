//! Fingerprints: what every cache in the pipeline (parsed files, rendered
//! Markdown, pages, links, the feed) compares to know its inputs did not
//! change.

use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

/// A stable hash of anything hashable; equal inputs, equal fingerprints.
pub fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}
