//! The files a build makes, in memory: what render, search and the Open
//! Referral feed hand on, and what `output` writes or the preview serves.

use std::path::PathBuf;
use std::sync::Arc;

/// One file of the built site, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub data: FileData,
}

#[derive(Debug, Clone)]
pub enum FileData {
    /// Shared, so the preview server can keep a page across rebuilds.
    Bytes(Arc<[u8]>),
    Embedded(&'static [u8]),
    /// Copied from a file of the site (static files, content assets).
    Copy(PathBuf),
}

impl FileData {
    pub fn text(text: String) -> Self {
        FileData::Bytes(Arc::from(text.into_bytes()))
    }
}
