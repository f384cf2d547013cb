//! Splitting a Markdown file into its YAML front matter and its body.
//!
//! The YAML text handed back is padded with blank lines so that line numbers
//! the YAML parser reports are line numbers in the whole file.

use crate::diagnostics::Diagnostic;

#[derive(Debug)]
pub struct Split<'a> {
    /// Front matter YAML, prefixed by as many newlines as lines precede it.
    pub yaml: Option<String>,
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: u64,
}

/// Splits `text`. A file that does not start with `---` has no front matter.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Ok(Split { yaml: None, body: text, body_line: 1 });
    }
    let mut offset = first_end;
    let mut line = 2u64;
    while offset < text.len() {
        let end = text[offset..].find('\n').map(|i| offset + i + 1).unwrap_or(text.len());
        let current = text[offset..end].trim_end();
        if current == "---" || current == "..." {
            let yaml = format!("\n{}", &text[first_end..offset]);
            return Ok(Split { yaml: Some(yaml), body: &text[end..], body_line: line + 1 });
        }
        offset = end;
        line += 1;
    }
    Err(Diagnostic::error(
        file,
        "front matter: found an opening --- that is never closed, expected a line --- after the last field",
    )
    .at(1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_yaml_so_lines_match_the_file() {
        let s = split("a.md", "---\ntitle: x\n---\n# Body\n").unwrap();
        assert_eq!(s.yaml.as_deref(), Some("\ntitle: x\n"));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("a.md", "# Hi\n").unwrap();
        assert!(s.yaml.is_none());
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = split("a.md", "---\ntitle: x\n# Body\n").unwrap_err();
        assert!(err.to_string().contains("never closed"));
    }
}
