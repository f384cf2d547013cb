//! The report as one self-contained HTML page: its CSS and a small sorting
//! script inline, so it can be mailed, opened from disk or printed on A4
//! landscape. Without JavaScript the tables read in source order; with it,
//! each column heading becomes a button that sorts by that column and says
//! so with `aria-sort`.

use super::{GuidelineRow, Report, ServiceRow, date_text, review_text};
use crate::content::ReviewState;

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

pub fn html(report: &Report) -> String {
    let title = format!("Governance report: {}", escape(&report.site_title));
    let mut out = String::with_capacity(4096 + 400 * (report.guidelines.len() + report.services.len()));
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"robots\" content=\"noindex\">\n");
    out.push_str(&format!("<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n"));
    out.push_str(&format!("<h1>{title}</h1>\n"));
    out.push_str(&format!(
        "<p>As at {}. Review due soon means within {} days; a service is stale after {} days without a check.</p>\n",
        report.today.display(),
        report.review_warning_days,
        report.stale_service_days
    ));
    out.push_str(&format!("<p class=\"counts\">{}</p>\n", escape(&report.counts_line())));
    guidelines_table(report, &mut out);
    services_table(report, &mut out);
    out.push_str(&format!("</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n"));
    out
}

fn guidelines_table(report: &Report, out: &mut String) {
    out.push_str("<h2 id=\"guidelines\">Guidelines</h2>\n");
    if report.guidelines.is_empty() {
        out.push_str("<p>No guidelines.</p>\n");
        return;
    }
    table_head(
        out,
        "guidelines",
        &["Path", "Title", "Version", "Status", "Authors", "Approved by", "Published", "Review due", "Review state"],
    );
    for g in &report.guidelines {
        guideline_row(g, out);
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn guideline_row(g: &GuidelineRow, out: &mut String) {
    let state = review_text(g.review_state);
    out.push_str(&format!("<tr class=\"review-{}\">", g.review_state.id()));
    cell(out, &g.path, None);
    cell(out, &g.title, None);
    cell(out, &g.version, None);
    cell(out, g.status, None);
    cell(out, &g.authors.join("; "), None);
    cell(out, &g.approved_by, None);
    date_cell(out, &date_text(g.published));
    date_cell(out, &date_text(g.review_due));
    // Sorted worst first, not alphabetically.
    cell(out, state, Some(&review_rank(g.review_state).to_string()));
    out.push_str("</tr>\n");
}

fn services_table(report: &Report, out: &mut String) {
    out.push_str("<h2 id=\"services\">Services</h2>\n");
    if report.services.is_empty() {
        out.push_str("<p>No services.</p>\n");
        return;
    }
    table_head(out, "services", &["Id", "Name", "Directory", "Last verified", "State"]);
    for s in &report.services {
        service_row(s, out);
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn service_row(s: &ServiceRow, out: &mut String) {
    out.push_str(&format!("<tr class=\"service-{}\">", s.state()));
    cell(out, &s.id, None);
    cell(out, &s.name, None);
    cell(out, &s.directory, None);
    date_cell(out, &s.last_verified.to_string());
    cell(out, s.state(), Some(if s.stale { "0" } else { "1" }));
    out.push_str("</tr>\n");
}

fn table_head(out: &mut String, labelled_by: &str, columns: &[&str]) {
    out.push_str(&format!(
        "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"{labelled_by}\" tabindex=\"0\">\n<table class=\"sortable\" aria-labelledby=\"{labelled_by}\">\n<thead><tr>"
    ));
    for column in columns {
        out.push_str(&format!("<th scope=\"col\">{column}</th>"));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

fn cell(out: &mut String, text: &str, sort_key: Option<&str>) {
    match sort_key {
        Some(key) => out.push_str(&format!("<td data-sort=\"{}\">{}</td>", escape(key), escape(text))),
        None => out.push_str(&format!("<td>{}</td>", escape(text))),
    }
}

/// A date never breaks at its hyphens.
fn date_cell(out: &mut String, text: &str) {
    out.push_str(&format!("<td class=\"date\">{}</td>", escape(text)));
}

fn review_rank(state: ReviewState) -> u8 {
    match state {
        ReviewState::Overdue => 0,
        ReviewState::DueSoon => 1,
        ReviewState::Ok => 2,
        ReviewState::None => 3,
    }
}

/// Text for an HTML element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn author_text_is_escaped() {
        let page = html(&sample());
        assert!(page.contains("<td>COPD, &quot;care&quot; | &lt;b&gt;</td>"), "{page}");
        assert!(page.contains("<title>Governance report: Dorset &lt;respiratory&gt;</title>"));
        assert!(!page.contains("<b>"));
    }

    #[test]
    fn states_sort_worst_first() {
        let page = html(&sample());
        assert!(page.contains("<td data-sort=\"1\">due soon</td>"));
        assert!(page.contains("<td data-sort=\"0\">stale</td>"));
    }
}
