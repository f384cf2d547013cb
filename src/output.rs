//! The only code that writes under the output folder.
//!
//! A build is written to a staging folder beside the output and swapped in
//! with two renames once every file is written, so a failed or interrupted
//! build leaves the previous site exactly as it was.

use crate::files::{FileData, FileSink, OutputFile};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Marks a folder as made by signpost, so it is never mistaken for (and
/// never replaces) a folder of someone's own files.
pub const MARKER: &str = ".signpost-output";

#[derive(Debug)]
pub struct OutputError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

fn fail(path: &Path, message: impl Into<String>) -> OutputError {
    OutputError { path: path.to_path_buf(), message: message.into() }
}

fn io_fail(path: &Path, error: io::Error) -> OutputError {
    fail(path, error.to_string())
}

/// Refuses outputs that would replace the site itself or a folder of
/// someone's own files.
pub fn check_destination(root: &Path, output: &Path) -> Result<(), OutputError> {
    let canonical_root = fs::canonicalize(root).map_err(|e| io_fail(root, e))?;
    let canonical_output = absolute(output);
    if canonical_root.starts_with(&canonical_output) {
        return Err(fail(
            output,
            "found the site folder (or a folder holding it), expected a separate output folder such as public/",
        ));
    }
    for inner in ["content", "static", "templates", "themes", "data"] {
        if canonical_output.starts_with(canonical_root.join(inner)) {
            return Err(fail(
                output,
                format!("found a folder inside {inner}/, expected an output folder outside the site's sources"),
            ));
        }
    }
    if output.exists() {
        if !output.is_dir() {
            return Err(fail(output, "found a file, expected a folder for the built site"));
        }
        let is_empty = fs::read_dir(output).map_err(|e| io_fail(output, e))?.next().is_none();
        if !is_empty && !output.join(MARKER).exists() {
            return Err(fail(
                output,
                "found a folder that signpost did not build, expected an empty folder or an earlier signpost output; move its files or choose another --output",
            ));
        }
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(path) {
        return p;
    }
    // A folder not made yet: canonicalise its parent.
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => absolute(parent).join(name),
        _ => std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// A build being written: files go into a staging folder beside the output
/// as they are made, and `finish` swaps it in. Dropped unfinished (an error,
/// a panic), the staging folder is removed and the output never touched.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    /// Folders already made, so each is created once, not once per file.
    made: Mutex<HashSet<PathBuf>>,
    finished: bool,
}

impl Staging {
    pub fn begin(output: &Path) -> Result<Staging, OutputError> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| io_fail(&parent, e))?;
        let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.signpost-staging-{pid}"));
        let old = parent.join(format!(".{name}.signpost-old-{pid}"));
        let _ = fs::remove_dir_all(&dir);
        remove_abandoned(&parent, &name);
        let staging =
            Staging { output: output.to_path_buf(), dir, old, made: Mutex::new(HashSet::new()), finished: false };
        fs::create_dir_all(&staging.dir).map_err(|e| io_fail(&staging.dir, e))?;
        fs::write(staging.dir.join(MARKER), b"Built by signpost. This folder is replaced on every build.\n")
            .map_err(|e| io_fail(&staging.dir, e))?;
        Ok(staging)
    }

    /// Writes one file under the staging folder.
    pub fn write(&self, file: &OutputFile) -> Result<(), OutputError> {
        let dest = self.dir.join(&file.path);
        if let Some(folder) = dest.parent() {
            self.make_folder(folder)?;
        }
        let result = match &file.data {
            FileData::Bytes(bytes) => fs::write(&dest, bytes),
            FileData::Embedded(bytes) => fs::write(&dest, bytes),
            FileData::Copy(source) => fs::copy(source, &dest).map(|_| ()),
            FileData::Pieces(pieces) => crate::files::write_pieces(&dest, pieces),
        };
        result.map_err(|e| io_fail(&dest, e))
    }

    pub fn write_all(&self, files: &[OutputFile]) -> Result<(), OutputError> {
        files.par_iter().try_for_each(|file| self.write(file))
    }

    fn make_folder(&self, folder: &Path) -> Result<(), OutputError> {
        if self.made.lock().unwrap_or_else(|e| e.into_inner()).contains(folder) {
            return Ok(());
        }
        fs::create_dir_all(folder).map_err(|e| io_fail(folder, e))?;
        self.made.lock().unwrap_or_else(|e| e.into_inner()).insert(folder.to_path_buf());
        Ok(())
    }

    /// Swaps the written site in for the old output.
    pub fn finish(mut self) -> Result<(), OutputError> {
        self.finished = true;
        swap(&self.output, &self.dir, &self.old)
    }
}

/// Removes the staging and old-output folders of builds of `name` that
/// were stopped before they finished (a killed process leaves its folder,
/// now written to from a build's start): those whose process has ended,
/// where the system says (Linux's `/proc`).
fn remove_abandoned(parent: &Path, name: &str) {
    let proc = Path::new("/proc");
    let Ok(entries) = fs::read_dir(parent) else { return };
    if !proc.is_dir() {
        return;
    }
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = [format!(".{name}.signpost-staging-"), format!(".{name}.signpost-old-")]
            .iter()
            .find_map(|prefix| file_name.strip_prefix(prefix.as_str()).map(str::to_string));
        if let Some(pid) = pid.filter(|p| p.parse::<u32>().is_ok())
            && !proc.join(&pid).exists()
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl FileSink for Staging {
    fn put(&self, file: &OutputFile) -> Result<(), String> {
        self.write(file).map_err(|e| e.to_string())
    }
}

/// Moves the old output aside, the new one in, then deletes the old.
fn swap(output: &Path, staging: &Path, old: &Path) -> Result<(), OutputError> {
    let had_output = output.exists();
    if had_output {
        let _ = fs::remove_dir_all(old);
        fs::rename(output, old).map_err(|e| io_fail(output, e))?;
    }
    if let Err(e) = fs::rename(staging, output) {
        if had_output {
            let _ = fs::rename(old, output);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(io_fail(output, e));
    }
    if had_output {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}
