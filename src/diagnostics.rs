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
    fn control_characters_cannot_reach_the_terminal() {
        let d = Diagnostic::error("a.md", "found \u{1b}[2J");
        assert!(!d.to_string().contains('\u{1b}'));
    }
}
