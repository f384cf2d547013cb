//! The machine-readable files: sitemap, Atom feed of guideline changes,
//! robots.txt. Built from views, never from templates, so a theme cannot
//! break them. (`services.json` is the Open Referral feed: see `oruk::export`.)

use super::views::GuidelineView;
use crate::date::Date;

pub fn sitemap(permalinks: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in permalinks {
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape_xml(url)));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// One Atom entry for each change-log entry of each guideline, newest first.
pub fn atom(title: &str, home: &str, feed_url: &str, guidelines: &[&GuidelineView], today: Date) -> String {
    let mut entries: Vec<(&GuidelineView, &super::views::ChangeView)> =
        guidelines.iter().flat_map(|g| g.changes.iter().map(move |c| (*g, c))).collect();
    entries.sort_by(|a, b| b.1.date.cmp(&a.1.date).then_with(|| a.0.title.cmp(&b.0.title)));
    let updated = entries.first().map_or(today, |(_, c)| c.date);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{} – guideline changes</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape_xml(title),
        escape_xml(home),
        escape_xml(feed_url),
        escape_xml(feed_url)
    );
    for (g, change) in entries {
        xml.push_str(&format!(
            "  <entry>\n    <title>{} – version {}</title>\n    <link href=\"{}\"/>\n    <id>{}#v{}</id>\n    <updated>{}T00:00:00Z</updated>\n    <summary>{} (Current status: {}.)</summary>\n    <category term=\"{}\" label=\"{}\"/>\n  </entry>\n",
            escape_xml(&g.title),
            escape_xml(&change.version),
            escape_xml(&g.permalink),
            escape_xml(&g.permalink),
            escape_xml(&change.version),
            change.date,
            escape_xml(&change.note),
            g.standing.full,
            g.standing.tone,
            g.standing.label
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

pub fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

/// HTML's escaping, without the control characters XML 1.0 forbids.
pub fn escape_xml(text: &str) -> String {
    let allowed: String = text.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect();
    super::templates::escape_html(&allowed)
}
