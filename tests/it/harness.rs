//! `SiteTest`: a fixture copied to a temporary folder, changed as a test
//! needs, and built with the real `signpost` binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// "Today" for every run, so review and stale warnings never drift.
pub const TODAY: &str = "2026-11-25";

pub struct SiteTest {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The `error:` lines, in order.
    pub fn errors(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with("error:")).collect()
    }

    pub fn warnings(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with("warning:")).collect()
    }

    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "expected success\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// Exit 1 and exactly these error lines.
    pub fn assert_errors(&self, expected: &[&str]) {
        assert_eq!(self.code, 1, "expected exit 1\nstderr:\n{}", self.stderr);
        assert_eq!(self.errors(), expected, "\nstderr:\n{}", self.stderr);
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

impl SiteTest {
    pub fn new(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_dir(&fixture(name), &root);
        SiteTest { _dir: dir, root }
    }

    /// The example site at the repository's root (site.yaml, content/, data/).
    pub fn example() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("content"), &root.join("content"));
        if repo.join("data").is_dir() {
            copy_dir(&repo.join("data"), &root.join("data"));
        }
        fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
        SiteTest { _dir: dir, root }
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replaces `from` with `to` in a fixture file; the text must be there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1))
    }

    pub fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.root.join(rel)).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs with extra environment variables (they override `SIGNPOST_TODAY`).
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(args)
            .env("SIGNPOST_TODAY", TODAY)
            .envs(env.iter().copied())
            .current_dir(&self.root)
            .output()
            .expect("run signpost");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    pub fn output(&self, rel: &str) -> String {
        self.read(&format!("public/{rel}"))
    }

    pub fn output_exists(&self, rel: &str) -> bool {
        self.root.join("public").join(rel).exists()
    }

    /// The `<main>` element of an output page: what a snapshot should hold.
    pub fn main_of(&self, rel: &str) -> String {
        let html = self.output(rel);
        let start = html.find("<main").expect("a <main> element");
        let end = html.find("</main>").expect("a </main>") + "</main>".len();
        html[start..end].to_string()
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// Every file below `dir`, relative, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    fn walk(base: &Path, dir: &Path, files: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, files);
            } else {
                files.push(path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    walk(dir, dir, &mut files);
    files.sort();
    files
}

/// `html` with the theme's hashed asset names (`site.<16 hex>.css`) written
/// as their plain names (`site.css`), for tests about which files a page
/// loads rather than their versions; [`hashed_assets`] checks the hashes.
pub fn unhashed(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('.') {
        let after = &rest[at + 1..];
        let is_hash = after.len() > 17
            && after.as_bytes()[..16].iter().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            && after.as_bytes()[16] == b'.';
        out.push_str(&rest[..=at]);
        rest = if is_hash { &after[17..] } else { after };
    }
    out.push_str(rest);
    out
}

/// The `static/…` addresses in `html` whose names carry a content hash.
pub fn hashed_assets(html: &str) -> Vec<String> {
    html.split('"').filter(|value| value.contains("static/") && unhashed(value) != *value).map(str::to_string).collect()
}
