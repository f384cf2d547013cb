//! The report as CSV (one table, a `kind` column telling guidelines from
//! services) and as Markdown (a table for each).

use super::{GuidelineRow, Report, date_text, review_text};

/// The CSV header: `kind`, then the guideline fields, then the service
/// fields, then `state` (review state for a guideline, ok or stale for a
/// service). `path` is the file to edit: the guideline, or the service's
/// directory.
pub const CSV_HEADER: [&str; 14] = [
    "kind",
    "path",
    "title",
    "version",
    "status",
    "authors",
    "approved_by",
    "published",
    "review_due",
    "id",
    "name",
    "directory",
    "last_verified",
    "state",
];

/// RFC 4180 CSV with CRLF line ends, one header row, guidelines then services.
pub fn csv(report: &Report) -> String {
    let mut out = String::new();
    push_record(&mut out, CSV_HEADER.iter().map(|h| h.to_string()));
    for g in &report.guidelines {
        push_record(
            &mut out,
            std::iter::once("guideline".to_string())
                .chain(guideline_columns(g))
                .chain(std::iter::repeat_n(String::new(), 4))
                .chain([review_text(g.review_state).to_string()]),
        );
    }
    for s in &report.services {
        push_record(
            &mut out,
            [
                "service".to_string(),
                s.path.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                s.id.clone(),
                s.name.clone(),
                s.directory.clone(),
                s.last_verified.to_string(),
                s.state().to_string(),
            ],
        );
    }
    out
}

fn push_record(out: &mut String, fields: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = fields.into_iter().map(|f| csv_cell(&f)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// Quotes a cell when it holds a comma, quote or line break, and defuses a
/// cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR
/// first) with a leading apostrophe: every value comes from an author's file.
fn csv_cell(text: &str) -> String {
    let defused =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if defused.contains([',', '"', '\n', '\r']) { format!("\"{}\"", defused.replace('"', "\"\"")) } else { defused }
}

/// A Markdown document: a heading, the counts, then a table of guidelines
/// and a table of services.
pub fn markdown(report: &Report) -> String {
    let mut out = format!(
        "# Governance report: {}\n\nAs at {}. Review due soon means within {} days; a service is stale after {} days without a check.\n\n{}\n\n",
        md_cell(&report.site_title),
        report.today,
        report.review_warning_days,
        report.stale_service_days,
        md_cell(&report.counts_line())
    );
    out.push_str("## Guidelines\n\n");
    out.push_str(
        "| path | title | version | status | authors | approved_by | published | review_due | review state |\n",
    );
    out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for g in &report.guidelines {
        let mut cells = guideline_columns(g).to_vec();
        cells.push(review_text(g.review_state).to_string());
        push_row(&mut out, &cells);
    }
    out.push_str("\n## Services\n\n");
    out.push_str("| id | name | directory | last_verified | state |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for s in &report.services {
        let cells =
            [s.id.clone(), s.name.clone(), s.directory.clone(), s.last_verified.to_string(), s.state().to_string()];
        push_row(&mut out, &cells);
    }
    out
}

fn push_row(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| md_cell(c)).collect();
    out.push_str(&format!("| {} |\n", cells.join(" | ")));
}

/// One table cell of plain text: line breaks become spaces and every
/// character Markdown or HTML could read as markup is escaped, so an
/// author's `|` cannot split a row nor `<b>` become a tag.
fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A guideline's columns from `path` to `review_due`, the same in every format.
fn guideline_columns(g: &GuidelineRow) -> [String; 8] {
    [
        g.path.clone(),
        g.title.clone(),
        g.version.clone(),
        g.status.to_string(),
        g.authors.join("; "),
        g.approved_by.clone(),
        date_text(g.published),
        date_text(g.review_due),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_author_text() {
        let text = csv(&sample());
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "kind,path,title,version,status,authors,approved_by,published,review_due,id,name,directory,last_verified,state"
        );
        assert_eq!(
            lines[1],
            "guideline,content/guidelines/copd.md,\"COPD, \"\"care\"\" | <b>\",3.1,approved,\"Dr A (GP); =HYPERLINK(\"\"x\"\")\",Network,2025-03-01,2026-12-01,,,,,due soon"
        );
        assert_eq!(
            lines[2],
            "service,content/services/housing.yaml,,,,,,,,warm-homes,\"Warm\nHomes\",Housing,2025-01-01,stale"
        );
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("-2"), "'-2");
    }

    #[test]
    fn markdown_cells_cannot_break_the_table_or_make_tags() {
        let text = markdown(&sample());
        assert!(
            text.contains("| content/guidelines/copd.md | COPD, \"care\" \\| \\<b\\> | 3.1 | approved |"),
            "{text}"
        );
        assert!(text.contains("| warm-homes | Warm Homes | Housing | 2025-01-01 | stale |"), "{text}");
        assert!(text.starts_with("# Governance report: Dorset \\<respiratory\\>\n"), "{text}");
    }
}
