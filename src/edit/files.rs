//! Which files the editor may write, how a file's version is named, and
//! writing so that a crash or a full disk never leaves half a file.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why a path may not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteRefusal {
    /// `..`, an absolute path, a backslash, a control character, an empty
    /// segment: a path that tries to be somewhere else.
    Malformed,
    /// Not under `content/` or `data/`, and not `site.yaml`.
    OutsideEditable,
    /// Not an existing regular file (missing, a folder, or a symbolic link).
    NotAFile,
    /// The real path, after following folder links, leaves the site.
    LeavesTheSite,
}

impl fmt::Display for WriteRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WriteRefusal::Malformed => {
                "that is not a plain path inside the site (no .., absolute paths or backslashes)"
            }
            WriteRefusal::OutsideEditable => "only files under content/ and data/, and site.yaml, can be written",
            WriteRefusal::NotAFile => "there is no such file (or it is a folder or a symbolic link)",
            WriteRefusal::LeavesTheSite => "that path leads outside the site folder through a symbolic link",
        })
    }
}

/// The real path of `rel` (`content/guidelines/copd.md`) under `root`, if
/// the editor may write it: an existing regular file under `content/` or
/// `data/`, or `site.yaml`, that stays inside the site when every link on
/// the way is followed.
pub fn writable_path(root: &Path, rel: &str) -> Result<PathBuf, WriteRefusal> {
    let segments: Vec<&str> = rel.split('/').collect();
    let malformed = rel.is_empty()
        || rel.contains('\\')
        || rel.chars().any(char::is_control)
        || segments.iter().any(|s| s.is_empty() || *s == "." || *s == ".." || s.contains(':'));
    if malformed {
        return Err(WriteRefusal::Malformed);
    }
    let editable = matches!(segments.as_slice(), ["site.yaml"] | ["content" | "data", _, ..]);
    if !editable {
        return Err(WriteRefusal::OutsideEditable);
    }
    let path = root.join(rel);
    // A link in the last place would be replaced by the rename, not written through.
    let meta = std::fs::symlink_metadata(&path).map_err(|_| WriteRefusal::NotAFile)?;
    if !meta.file_type().is_file() {
        return Err(WriteRefusal::NotAFile);
    }
    let real = std::fs::canonicalize(&path).map_err(|_| WriteRefusal::NotAFile)?;
    let real_root = std::fs::canonicalize(root).map_err(|_| WriteRefusal::LeavesTheSite)?;
    let inside = real == real_root.join("site.yaml")
        || real.starts_with(real_root.join("content"))
        || real.starts_with(real_root.join("data"));
    if inside { Ok(real) } else { Err(WriteRefusal::LeavesTheSite) }
}

/// The version of a file's bytes as the editor passes it around: a form
/// carries the version it was made from, and a save whose version is not
/// the file's any more is refused.
pub fn version_of(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Writes `bytes` to `path` through a temporary file beside it and a
/// rename, so readers (and the preview's watcher) see the old file or the
/// new one, never a part. The temporary name starts with `.`, which the
/// site reader ignores. The file keeps its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temporary = folder.join(format!(".{name}.signpost-{}-{n}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temporary, meta.permissions())?;
        }
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(|e| std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in ["site.yaml", "content/guidelines/a.md", "data/team.yaml", "static/x.css", "secret.txt"] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        dir
    }

    #[test]
    fn only_content_data_and_site_yaml_may_be_written() {
        let dir = site();
        let root = dir.path();
        for ok in ["site.yaml", "content/guidelines/a.md", "data/team.yaml"] {
            assert!(writable_path(root, ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("static/x.css", WriteRefusal::OutsideEditable),
            ("secret.txt", WriteRefusal::OutsideEditable),
            ("content", WriteRefusal::OutsideEditable),
            ("content/../secret.txt", WriteRefusal::Malformed),
            ("content/./guidelines/a.md", WriteRefusal::Malformed),
            ("/etc/passwd", WriteRefusal::Malformed),
            ("content//guidelines/a.md", WriteRefusal::Malformed),
            ("content\\guidelines\\a.md", WriteRefusal::Malformed),
            ("C:/x", WriteRefusal::Malformed),
            ("content/a\0.md", WriteRefusal::Malformed),
            ("content/guidelines/missing.md", WriteRefusal::NotAFile),
            ("content/guidelines", WriteRefusal::NotAFile),
        ] {
            assert_eq!(writable_path(root, bad), Err(why), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_out_of_the_site_are_refused() {
        let dir = site();
        let root = dir.path();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("b.md"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("b.md"), root.join("content/link.md")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("content/away")).unwrap();
        assert_eq!(writable_path(root, "content/link.md"), Err(WriteRefusal::NotAFile));
        assert_eq!(writable_path(root, "content/away/b.md"), Err(WriteRefusal::LeavesTheSite));
    }

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_nothing_beside_it() {
        let dir = site();
        let path = dir.path().join("content/guidelines/a.md");
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> =
            std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.md"]);
        let error = write_atomically(&dir.path().join("no/such/folder/x.md"), b"x").unwrap_err();
        assert!(error.to_string().contains("cannot write"), "{error}");
    }

    #[test]
    fn versions_differ_when_bytes_do() {
        assert_eq!(version_of(b"a"), version_of(b"a"));
        assert_ne!(version_of(b"a"), version_of(b"b"));
        assert_eq!(version_of(b"a").len(), 32);
    }
}
