//! Content-hashed file names, and the files of the index as they are made.
//!
//! Every file but `entry.json` is named by a hash of its bytes, so a cache
//! (the browser's, a CDN's) can never serve a shard of one build with the
//! meta of another: a changed file is a new URL.

use std::sync::{Arc, Mutex};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// The first 16 hex digits of the XXH3-64 hash of `bytes`. Not a
/// cryptographic hash: it only has to tell versions of a file apart.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxh3_64(bytes))
}

/// [`content_hash`] of the parts one after another, without joining them.
pub fn content_hash_of_parts<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Xxh3::new();
    for part in parts {
        hasher.update(part);
    }
    format!("{:016x}", hasher.digest())
}

/// `<dir><hash>.<ext>` (`dir` ends in `/`) or, when `dir` is a name such
/// as `meta.`, `meta.<hash>.<ext>`.
pub fn hashed_path(dir: &str, ext: &str, bytes: &[u8]) -> String {
    format!("{dir}{}.{ext}", content_hash(bytes))
}

/// One file of the index: its path and bytes. The bytes are shared, so a
/// file kept from an earlier write ([`super::IncrementalIndex`]) is handed
/// out again without a copy.
pub type File = (String, Arc<[u8]>);

/// Files of the index by path under `search/engine/`; safe to add to from
/// several threads.
#[derive(Debug, Default)]
pub struct Files {
    written: Mutex<Vec<File>>,
}

impl Files {
    /// Adds `bytes` under [`hashed_path`]; the path.
    pub fn hashed(&self, dir: &str, ext: &str, bytes: Vec<u8>) -> String {
        let path = hashed_path(dir, ext, &bytes);
        self.add(path.clone(), bytes);
        path
    }

    pub fn add(&self, path: String, bytes: impl Into<Arc<[u8]>>) {
        self.written.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((path, bytes.into()));
    }

    /// Everything added so far, sorted by path, without repeats (two terms
    /// with identical postings share one file).
    pub fn take(&self) -> Vec<File> {
        let mut files = std::mem::take(&mut *self.written.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files.dedup_by(|a, b| a.0 == b.0);
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_with_content_and_only_with_content() {
        let files = Files::default();
        let a = files.hashed("shards/", "json", b"{\"forms\":[]}".to_vec());
        let b = files.hashed("shards/", "json", b"{\"forms\":[]}".to_vec());
        let c = files.hashed("shards/", "json", b"{\"forms\":[1]}".to_vec());
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.starts_with("shards/") && a.ends_with(".json") && a.len() == "shards/".len() + 16 + 5, "{a}");
        assert!(files.hashed("meta.", "json", vec![]).starts_with("meta."));
        assert_eq!(files.take().len(), 3, "the repeated file is written once");
    }

    #[test]
    fn a_hash_of_parts_is_the_hash_of_the_parts_joined() {
        let parts: [&[u8]; 3] = [b"{\"url\":", &[0; 300], b"\"/a/\"}"];
        assert_eq!(content_hash_of_parts(parts), content_hash(&parts.concat()));
        assert_eq!(content_hash_of_parts([]), content_hash(b""));
    }
}
