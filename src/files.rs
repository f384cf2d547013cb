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
    /// The pieces one after another, written in turn: a file made of parts
    /// other files hold too (`/services.json` is every service's own
    /// document), so the whole is never a second copy in memory.
    Pieces(Arc<[Arc<[u8]>]>),
}

impl OutputFile {
    /// The file's bytes, wherever they live.
    pub fn bytes(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match &self.data {
            FileData::Bytes(b) => std::borrow::Cow::Borrowed(&b[..]),
            FileData::Embedded(b) => std::borrow::Cow::Borrowed(b),
            FileData::Copy(p) => std::borrow::Cow::Owned(std::fs::read(p)?),
            FileData::Pieces(pieces) => std::borrow::Cow::Owned(pieces.concat()),
        })
    }
}

impl FileData {
    pub fn text(text: String) -> Self {
        FileData::Bytes(Arc::from(text.into_bytes()))
    }
}

/// Where a build puts each file as soon as it is made, so a large site is
/// never held whole in memory (`output::Staging` writes to disk).
pub trait FileSink: Sync {
    /// Stores `file`; the message says what went wrong.
    fn put(&self, file: &OutputFile) -> Result<(), String>;
}

/// Writes `pieces` one after another into the file at `dest`.
pub fn write_pieces(dest: &std::path::Path, pieces: &[Arc<[u8]>]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(dest)?);
    for piece in pieces {
        out.write_all(piece)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_written_and_read_one_after_another() {
        let pieces: Arc<[Arc<[u8]>]> =
            vec![Arc::from(&b"{\"a\":["[..]), Arc::from(&b"1"[..]), Arc::from(&b"]}"[..])].into();
        let dir = std::env::temp_dir().join(format!("signpost-pieces-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let dest = dir.join("out.json");
        write_pieces(&dest, &pieces).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"{\"a\":[1]}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
