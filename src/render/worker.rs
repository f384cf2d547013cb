//! The service worker `build` writes to `/sw.js` (`docs/offline.md`): the
//! theme's `worker/sw.js` with one line of settings above it. The preview
//! server never gets it (`site::build_with_cache` hands it apart from the
//! files), so a site being edited is never served from a saved copy.

use super::compact;
use super::templates::{Theme, builtin_theme_files};
use crate::config::Offline;
use crate::files::OutputFile;
use crate::fingerprint::fingerprint;
use crate::urls::{self, Urls};
use serde::Serialize;

/// The pages every reader may need offline besides the ones they opened:
/// the offline page itself, search and the shortlist.
pub(super) const SHELL_PAGES: [&str; 3] = [urls::OFFLINE, urls::SEARCH, urls::SHORTLIST];

/// What the worker's first line gives it.
#[derive(Serialize)]
struct Settings<'a> {
    /// A hash of the shell's bytes and the worker's own code: a new one
    /// makes the browser install the new worker, which keeps the new shell
    /// whole beside the old until it takes over.
    version: String,
    /// The site's path, `/` or `/resp/`: the worker's scope.
    base: &'a str,
    /// Bytes the kept pages and search files may take, the shell apart.
    budget: u64,
    /// The shell's URLs, kept at install.
    shell: Vec<String>,
}

/// `/sw.js` for a site whose files are `files`: the offline worker, or
/// with offline copies turned off, one that removes them.
pub fn worker(files: &[OutputFile], theme: &Theme, offline: Offline, urls: &Urls) -> OutputFile {
    let text = if offline.enabled {
        let source = compact::js(&builtin_text("worker/sw.js"));
        let shell = shell_files(files, theme);
        let version = fingerprint(&(&shell, &source));
        let settings = Settings {
            version: format!("{version:016x}"),
            base: &urls.base_path,
            budget: offline.budget_bytes,
            shell: shell.iter().map(|(path, _)| urls.link(path)).collect(),
        };
        let json = serde_json::to_string(&settings).expect("settings serialise");
        format!("var SIGNPOST = {json};\n{source}")
    } else {
        compact::js(&builtin_text("worker/retire.js"))
    };
    OutputFile { path: urls::WORKER.to_string(), data: crate::files::FileData::text(text) }
}

fn builtin_text(name: &str) -> String {
    builtin_theme_files()
        .iter()
        .find(|(path, _)| *path == name)
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default()
}

/// The shell, each as (site path, bytes): the theme's stylesheets, scripts
/// and icons under the names pages link to, and the `SHELL_PAGES` this
/// build made.
fn shell_files(files: &[OutputFile], theme: &Theme) -> Vec<(String, Vec<u8>)> {
    let is_shell_asset = |dest: &str| [".css", ".js", ".svg"].iter().any(|ext| dest.ends_with(ext));
    let assets = theme.assets.iter().map(|a| a.linked());
    let mut wanted: Vec<(String, String)> = assets
        .filter(|dest| is_shell_asset(dest))
        .map(|dest| (dest.to_string(), dest.to_string()))
        .chain(SHELL_PAGES.iter().map(|page| (page.to_string(), urls::output_file(page))))
        .collect();
    wanted.sort();
    wanted
        .into_iter()
        .filter_map(|(path, file)| {
            let found = files.iter().find(|f| f.path == file)?;
            Some((path, found.bytes().ok()?.into_owned()))
        })
        .collect()
}
