//! `signpost init DIR`: a small working site to start from.

use std::fs;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    ("site.yaml", include_str!("init_site/site.yaml")),
    ("content/_index.md", include_str!("init_site/content/_index.md")),
    ("content/guidelines/example.md", include_str!("init_site/content/guidelines/example.md")),
    ("content/services/local-services.yaml", include_str!("init_site/content/services/local-services.yaml")),
];

/// Writes the starter site into `dir`, which must be new or empty.
pub fn run(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "{}: found a folder with files in it, expected a new or empty folder; signpost init never overwrites",
                dir.display()
            ));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
