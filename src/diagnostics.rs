//! Problems found in a site, carried as data.
//!
//! Every stage returns its findings as [`Diagnostic`]s instead of stopping at
//! the first, so one run reports everything an author has to fix. Only
//! `main.rs` and the preview server decide where the lines go.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, with where it is. `file` is relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: Option<String>,
    pub line: Option<u64>,
    pub col: Option<u64>,
    pub field: Option<String>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: Some(file.into()),
            line: None,
            col: None,
            field: None,
            message: message.into(),
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, message) }
    }

    /// An error about the site as a whole, not one file.
    pub fn general(message: impl Into<String>) -> Self {
        Diagnostic { file: None, ..Diagnostic::error("", message) }
    }

    pub fn at(mut self, line: u64, col: u64) -> Self {
        if line > 0 {
            self.line = Some(line);
            self.col = (col > 0).then_some(col);
        }
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `error: content/guidelines/copd.md:7:13: review_due: found …, expected …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: ")?;
        if let Some(file) = &self.file {
            write!(f, "{}", sanitize_for_terminal(file))?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(col) = self.col {
                    write!(f, ":{col}")?;
                }
            }
            write!(f, ": ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{}: ", sanitize_for_terminal(field))?;
        }
        write!(f, "{}", sanitize_for_terminal(&self.message))
    }
}

impl Diagnostic {
    fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The message with its field in front, as the human line ends.
    fn field_and_message(&self) -> String {
        match &self.field {
            Some(field) => format!("{field}: {}", self.message),
            None => self.message.clone(),
        }
    }

    /// A GitHub Actions workflow command, so the problem shows on the line
    /// of a pull request: `::error file=content/a.md,line=7,col=13::review_due: found …`.
    pub fn github_annotation(&self) -> String {
        let mut properties = Vec::new();
        if let Some(file) = &self.file {
            properties.push(format!("file={}", escape_github_property(file)));
            if let Some(line) = self.line {
                properties.push(format!("line={line}"));
                if let Some(col) = self.col {
                    properties.push(format!("col={col}"));
                }
            }
        }
        let properties = if properties.is_empty() { String::new() } else { format!(" {}", properties.join(",")) };
        format!("::{}{properties}::{}", self.label(), escape_github_data(&self.field_and_message()))
    }

    /// One JSON object, for editors and other CI systems: `file`, `line`,
    /// `column`, `severity`, `field` and `message` (null where unknown).
    pub fn json_line(&self) -> String {
        serde_json::json!({
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "severity": self.label(),
            "field": self.field,
            "message": self.message,
        })
        .to_string()
    }
}

/// A workflow command's message: `%`, CR and LF are the characters GitHub
/// reads specially there (other control characters are replaced, as on a
/// terminal).
fn escape_github_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A workflow command's property value: also `:` and `,`, which end it.
fn escape_github_property(text: &str) -> String {
    escape_github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Describes a found value for a message: quoted, shortened, one line.
pub fn quote(found: &str) -> String {
    const LIMIT: usize = 60;
    let mut shown: String = found.chars().take(LIMIT).collect();
    if found.chars().count() > LIMIT {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// Strips control characters so hostile file content cannot move the cursor,
/// clear the screen or forge extra lines in an author's terminal.
pub fn sanitize_for_terminal(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '�' } else { c }).collect()
}

/// All findings of a run, in the order found; sorted before printing.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Errors first, then by file and position, so output is stable however
    /// the parallel stages finished.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.col, &a.message).cmp(&(b.severity, &b.file, b.line, b.col, &b.message))
        });
        self.0.dedup();
        self.0
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_file_line_col_field() {
        let d = Diagnostic::error("content/guidelines/copd.md", "found \"x\", expected a date")
            .at(7, 13)
            .field("review_due");
        assert_eq!(d.to_string(), "error: content/guidelines/copd.md:7:13: review_due: found \"x\", expected a date");
    }

    #[test]
    fn github_annotations_escape_data_and_properties() {
        let d = Diagnostic::error("content/a,b:c.md", "found \"50%\"\r\nnext").at(3, 4).field("title");
        assert_eq!(
            d.github_annotation(),
            "::error file=content/a%2Cb%3Ac.md,line=3,col=4::title: found \"50%25\"%0D%0Anext"
        );
        let w = Diagnostic::warning("site.yaml", "odd").at(2, 0);
        assert_eq!(w.github_annotation(), "::warning file=site.yaml,line=2::odd");
        assert_eq!(Diagnostic::general("no site").github_annotation(), "::error::no site");
    }

    #[test]
    fn json_lines_hold_every_part_or_null() {
        let d = Diagnostic::warning("a.md", "say \"hi\"\n").at(1, 2).field("summary");
        let value: serde_json::Value = serde_json::from_str(&d.json_line()).unwrap();
        let expected = serde_json::json!({"file": "a.md", "line": 1, "column": 2, "severity": "warning", "field": "summary", "message": "say \"hi\"\n"});
        assert_eq!(value, expected);
        assert!(!d.json_line().contains('\n'));
        let general: serde_json::Value = serde_json::from_str(&Diagnostic::general("x").json_line()).unwrap();
        assert_eq!(general["file"], serde_json::Value::Null);
        assert_eq!(general["line"], serde_json::Value::Null);
    }

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        let d = Diagnostic::error("a.md", "found \u{1b}[2J");
        assert!(!d.to_string().contains('\u{1b}'));
    }
}
