//! Embeds `themes/default/**` into the binary, so an installed `signpost`
//! needs no files beside it. Generates `OUT_DIR/theme_files.rs`: a slice of
//! (path relative to the theme folder, bytes).

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    let theme = Path::new("themes/default");
    let mut files = Vec::new();
    collect(theme, theme, &mut files);
    files.sort();

    let mut out = String::from("pub static THEME_FILES: &[(&str, &[u8])] = &[\n");
    for rel in &files {
        let abs = fs::canonicalize(theme.join(rel)).expect("theme file path");
        out.push_str(&format!("    ({rel:?}, include_bytes!({:?})),\n", abs.display().to_string()));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("theme_files.rs");
    fs::write(dest, out).expect("write theme_files.rs");
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(base, &path, files);
        } else if let Ok(rel) = path.strip_prefix(base) {
            // Forward slashes on every platform: these are lookup keys, not OS paths.
            let key = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            files.push(key);
        }
    }
}
