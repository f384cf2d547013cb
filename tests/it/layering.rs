//! The modules depend on each other in one direction (docs/architecture.md):
//! shared pieces at the bottom, then the pipeline's stages in order, then
//! the commands. A module may use only modules in lower layers, so there is
//! no cycle and a stage never reaches up into one that runs after it.

use std::collections::BTreeSet;
use std::path::Path;

/// Lowest first. Keep in step with docs/architecture.md ("Layers").
const LAYERS: &[&[&str]] = &[
    &["diagnostics", "date", "urls", "fingerprint", "files", "cli", "qr", "timing"],
    &["yaml", "source", "markdown"],
    &["fields"],
    &["areas"],
    &["postcodes"],
    &["config"],
    &["content"],
    &["links", "search", "output", "edit"],
    &["render", "oruk"],
    &["site"],
    &["report"],
    &["serve", "import", "init"],
    &["commands"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every `crate::<module>` a top-level module's files name (tests included:
/// a test that reaches up is a cycle too).
fn uses(path: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let files: Vec<_> = if path.is_dir() {
        walkdir::WalkDir::new(path).into_iter().filter_map(Result::ok).map(|e| e.into_path()).collect()
    } else {
        vec![path.to_path_buf()]
    };
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "rs")) {
        let text = std::fs::read_to_string(file).unwrap();
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + 7..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            found.insert(name);
        }
    }
    found
}

#[test]
fn every_module_uses_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for entry in std::fs::read_dir(&src).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if matches!(name.as_str(), "main" | "lib" | "init_site")
            || (path.is_file() && path.extension().is_none_or(|e| e != "rs"))
        {
            continue;
        }
        seen.insert(name.clone());
        let Some(own) = layer_of(&name) else {
            problems
                .push(format!("src/{name}: not in LAYERS; add it to tests/it/layering.rs and docs/architecture.md"));
            continue;
        };
        for used in uses(&path).into_iter().filter(|u| *u != name) {
            match layer_of(&used) {
                Some(layer) if layer < own => {}
                Some(_) => problems.push(format!("{name} (layer {own}) uses {used}, which is not below it")),
                None => problems.push(format!("{name} uses crate::{used}, which is not in LAYERS")),
            }
        }
    }
    assert!(seen.len() > 15, "found the modules: {seen:?}");
    assert!(problems.is_empty(), "modules reaching sideways or up:\n{}", problems.join("\n"));
}
