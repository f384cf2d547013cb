//! Content-hashed file names, and the files of the index as they are made.
//!
//! Every file but `entry.json` is named by a hash of its bytes, so a cache
//! (the browser's, a CDN's) can never serve a shard of one build with the
//! meta of another: a changed file is a new URL.

use std::sync::Mutex;
use xxhash_rust::xxh3::xxh3_64;

/// The first 16 hex digits of the XXH3-64 hash of `bytes`. Not a
/// cryptographic hash: it only has to tell versions of a file apart.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxh3_64(bytes))
}

/// Files of the index by path under `search/engine/`; safe to add to from
/// several threads.
#[derive(Debug, Default)]
pub struct Files {
    written: Mutex<Vec<(String, Vec<u8>)>>,
}

impl Files {
    /// Adds `bytes` as `<dir><hash>.<ext>` (`dir` ends in `/`) or, when
    /// `dir` is a name such as `meta.`, as `meta.<hash>.<ext>`; the path.
    pub fn hashed(&self, dir: &str, ext: &str, bytes: Vec<u8>) -> String {
        let path = format!("{dir}{}.{ext}", content_hash(&bytes));
        self.add(path.clone(), bytes);
        path
    }

    pub fn add(&self, path: String, bytes: Vec<u8>) {
        self.written.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((path, bytes));
    }

    /// Everything added so far, sorted by path, without repeats (two terms
    /// with identical postings share one file).
    pub fn take(&self) -> Vec<(String, Vec<u8>)> {
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
}
