//! `signpost import`: services from an Open Referral feed into a service
//! directory, merged by `source_id`.
//!
//! The stages, each its own module: `detect` (or `fetch` for `--url`) reads
//! the input into loose [`model::FeedService`]s with the reader for its
//! shape (`v3`, `hsds1`, `tabular`); `convert` maps them onto the author's
//! contract; `merge` folds them into the file as it stands; `yaml_out`
//! writes the text; `target` checks the whole site with that text in place
//! and only then writes it. Every stage reports all it finds, and nothing is
//! written unless the whole run is clean.

pub mod categories;
pub mod clean;
pub mod convert;
pub mod detect;
pub mod fetch;
pub mod hsds1;
pub mod json;
pub mod merge;
pub mod model;
pub mod package;
pub mod problems;
pub mod tabular;
pub mod target;
pub mod v3;
pub mod values;
pub mod yaml_out;

use crate::cli::{ImportArgs, Outcome};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::Sources;
use categories::CategoryMap;
use convert::Converted;
use merge::{MergeInput, Merged};
use model::{Existing, Feed};
use std::io::Write;
use target::Target;

pub fn run(args: ImportArgs) -> Outcome {
    let target = match Target::new(&args.root, &args.into) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::UsageError;
        }
    };
    if let Some(url) = &args.url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        let found = crate::diagnostics::quote(url);
        eprintln!(
            "error: --url: found {found}, expected the web address of an Open Referral UK v3 API, starting https://"
        );
        return Outcome::UsageError;
    }
    match import(&args, &target) {
        Ok(report) => {
            print_diagnostics(report.diagnostics);
            for line in report.lines {
                println!("{line}");
            }
            Outcome::Success
        }
        Err(diagnostics) => {
            let errors = diagnostics.error_count();
            print_diagnostics(diagnostics);
            eprintln!(
                "import failed: {errors} error{}; {} was not changed",
                if errors == 1 { "" } else { "s" },
                target.rel
            );
            Outcome::ContentErrors
        }
    }
}

/// What a successful import says: its warnings, then lines for stdout.
#[derive(Default)]
struct Report {
    diagnostics: Diagnostics,
    lines: Vec<String>,
    /// Warnings the site check found with the new file in place.
    check_warnings: usize,
}

impl Report {
    /// Adds `errors` to what was found so far and hands it all back, to stop the import.
    fn fail(&mut self, errors: impl IntoIterator<Item = Diagnostic>) -> Diagnostics {
        self.diagnostics.extend(errors);
        std::mem::take(&mut self.diagnostics)
    }
}

fn import(args: &ImportArgs, target: &Target) -> Result<Report, Diagnostics> {
    let mut report = Report::default();
    target.require_site().map_err(|d| report.fail([d]))?;
    let (feed, mut converted) = read_and_convert(args, &mut report)?;
    let sources = Sources::scan(&target.root);
    let existing = read_existing(target, &sources, &mut report)?;
    let taken = target.ids_elsewhere(&sources);
    let merge_now = |converted: &Converted| {
        merge::merge(MergeInput {
            existing: existing.as_ref(),
            imported: converted.services.clone(),
            skipped: &converted.skipped,
            held_back: &converted.held_back,
            taken_elsewhere: &taken,
            remove_missing: args.remove_missing,
        })
    };
    // The dry run and the real import run the same check: services it
    // finds wanting are left out, reported against their record, and the
    // rest merged again.
    let mut merged = merge_now(&converted);
    let mut outcome = Planned::Unchanged;
    for _ in 0..MOST_CHECK_ROUNDS {
        if merged.services.is_empty() {
            break;
        }
        outcome = plan(target, &feed, existing.as_ref(), &merged);
        let Planned::Write(text) = &outcome else { break };
        match target.check_with(sources.clone(), text) {
            Ok(found) => {
                report.check_warnings = found.warning_count();
                break;
            }
            Err(found) => {
                let failing = services_failing(target, text, &merged, found, &mut report)?;
                for (source_id, message) in failing {
                    converted.leave_out(&source_id, problems::Reason::FailsCheck, &message);
                }
                merged = merge_now(&converted);
            }
        }
    }
    let problems = &converted.problems;
    write_report(args, problems, &converted, &mut report);
    report.diagnostics.extend(problems.diagnostics(&feed.source, args.strict));
    report.lines.extend(describe_changes(&merged, &converted, args.remove_missing));
    let summary = summary(&target.rel, &merged, &converted);
    if merged.services.is_empty() {
        let found = format!(
            "found no services to import ({} skipped, {} left out)",
            converted.skipped.len(),
            problems.counts().0
        );
        return Err(
            report.fail([Diagnostic::error(&feed.source, format!("{found}, expected at least one active service"))])
        );
    }
    if args.strict && !problems.is_empty() {
        return Err(report.fail([]));
    }
    let by_reason = problems.by_reason_counts();
    let by_reason = (!by_reason.is_empty()).then(|| format!("By reason: {}", by_reason.join(", ")));
    let text = match outcome {
        Planned::Unchanged => {
            report.lines.push(format!("{summary}; no change, {} left as it was", target.rel));
            report.lines.extend(by_reason);
            return Ok(report);
        }
        Planned::Write(text) => text,
    };
    if args.dry_run {
        report.lines.push(format!("{summary}; dry run, {} not written", target.rel));
        report.lines.extend(by_reason);
        return Ok(report);
    }
    target.write(&text).map_err(|d| report.fail([d]))?;
    report.lines.push(format!("{summary}; wrote {}", target.rel));
    report.lines.extend(by_reason);
    if report.check_warnings > 0 {
        let n = report.check_warnings;
        report.lines.push(format!("Checked the site: {n} warning{} (run `signpost check` to see them)", plural(n)));
    }
    Ok(report)
}

/// How many times services failing the site check are left out and the
/// rest checked again; each round leaves out every service the check named.
const MOST_CHECK_ROUNDS: usize = 3;

/// What the import would do to the file.
enum Planned {
    /// The same source gives the same services: the file stays as it is.
    Unchanged,
    /// The new text, header and all.
    Write(String),
}

fn plan(target: &Target, feed: &Feed, existing: Option<&Existing>, merged: &Merged) -> Planned {
    let body = body_for(existing, target, merged);
    // The header keeps the date of the last change: if the same source gives
    // the same services, the file is left exactly as it is.
    let old_date = existing.and_then(|e| yaml_out::header_date(&e.text));
    let header_as_before = old_date.map(|date| yaml_out::Header { source: &feed.source, format: &feed.format, date });
    let is_unchanged =
        existing.zip(header_as_before).is_some_and(|(e, header)| e.text == format!("{}{body}", header.render()));
    if is_unchanged {
        return Planned::Unchanged;
    }
    let date = Date::today().to_string();
    let header = yaml_out::Header { source: &feed.source, format: &feed.format, date: &date };
    Planned::Write(format!("{}{body}", header.render()))
}

/// The feed ids of imported services the site check found errors in, with
/// the first error's words. An error anywhere else (another file, or a
/// service not from this feed) stops the import, as it would the build.
fn services_failing(
    target: &Target,
    text: &str,
    merged: &Merged,
    found: Diagnostics,
    report: &mut Report,
) -> Result<Vec<(String, String)>, Diagnostics> {
    let starts: Vec<(u64, &str)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| l.strip_prefix("  - id: ").map(|id| (i as u64 + 1, id.trim_matches('"'))))
        .collect();
    let source_of = |line: u64| {
        let id = starts.iter().rev().find(|(start, _)| *start <= line).map(|(_, id)| *id)?;
        merged.services.iter().find(|s| s.id == id && !s.source_id.is_empty()).map(|s| s.source_id.clone())
    };
    let mut failing: Vec<(String, String)> = Vec::new();
    let mut elsewhere = Vec::new();
    for d in found.iter().filter(|d| d.is_error()) {
        let in_target = d.file.as_deref() == Some(target.rel.as_str());
        let imported = merged.created.iter().chain(&merged.updated);
        match d.line.filter(|_| in_target).and_then(source_of) {
            Some(source_id) if imported.clone().any(|s| s.source_id == source_id) => {
                if !failing.iter().any(|(id, _)| *id == source_id) {
                    let field = d.field.as_deref().map(|f| format!("{f}: ")).unwrap_or_default();
                    failing.push((source_id, format!("{field}{}", d.message)));
                }
            }
            _ => elsewhere.push(d.clone()),
        }
    }
    if elsewhere.is_empty() {
        return Ok(failing);
    }
    let stop = Diagnostic::error(&target.rel, "the imported directory does not pass signpost's check");
    Err(report.fail(found.into_iter().chain([stop])))
}

/// `--report FILE`: every record left out or changed, and each unmapped term, as CSV.
fn write_report(args: &ImportArgs, problems: &problems::Problems, converted: &Converted, report: &mut Report) {
    let Some(path) = &args.report else { return };
    let mut csv = problems.report_csv();
    for (term, n) in &converted.unmapped {
        let mut row = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        let services = format!("{n} service{}", plural(*n));
        let _ = row.write_record(["", "", "taxonomy", "", "", "unmapped term", &services, term.as_str()]);
        csv.push_str(&String::from_utf8(row.into_inner().unwrap_or_default()).unwrap_or_default());
    }
    let shown = path.display().to_string();
    match std::fs::write(path, csv) {
        Ok(()) => report.lines.push(format!("Wrote the report to {shown}")),
        Err(e) => report.diagnostics.push(Diagnostic::error(shown, format!("cannot write the report: {e}"))),
    }
}

/// Reads the input and maps it onto the contract. Only an input that
/// cannot be read (not JSON, not CSV, not an Open Referral shape) stops
/// the import here; a bad record is left out and reported.
fn read_and_convert(args: &ImportArgs, report: &mut Report) -> Result<(Feed, Converted), Diagnostics> {
    let map = load_categories(args, &mut report.diagnostics);
    let feed = read_feed(args, &mut report.diagnostics);
    let n = feed.services.len();
    let found = if feed.found.is_empty() { String::new() } else { format!("; found: {}", feed.found) };
    report.lines.push(format!("Read {n} service{} from {} ({}){found}", plural(n), feed.source, feed.format));
    if report.diagnostics.has_errors() {
        return Err(report.fail([]));
    }
    let converted = convert::convert(&feed, &map);
    report.diagnostics.extend(converted.diagnostics.iter().cloned());
    report.diagnostics.extend(unmapped_warning(&feed.source, &converted));
    Ok((feed, converted))
}

/// The `--into` file as it stands; an import never merges into a broken file.
fn read_existing(target: &Target, sources: &Sources, report: &mut Report) -> Result<Option<Existing>, Diagnostics> {
    let existing = target.existing(sources).map_err(|errors| {
        let stop = Diagnostic::error(
            &target.rel,
            "cannot merge into a file with errors; fix them (see `signpost check`) and import again",
        );
        report.fail(errors.into_iter().chain([stop]))
    })?;
    if let Some(e) = &existing
        && !yaml_out::is_import_file(&e.text)
    {
        report.diagnostics.push(Diagnostic::warning(
            &target.rel,
            "was not written by signpost import: its title, description and services without source_id are kept, but the file is rewritten in import's layout and its comments are lost",
        ));
    }
    Ok(existing)
}

/// The categories map from `--categories`, or an empty one (every service uncategorised).
fn load_categories(args: &ImportArgs, diagnostics: &mut Diagnostics) -> CategoryMap {
    let Some(path) = &args.categories else { return CategoryMap::default() };
    let shown = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => CategoryMap::parse(&shown, &text).unwrap_or_else(|errors| {
            diagnostics.extend(errors);
            CategoryMap::default()
        }),
        Err(e) => {
            diagnostics.push(Diagnostic::error(shown, format!("cannot read the categories map: {e}")));
            CategoryMap::default()
        }
    }
}

fn read_feed(args: &ImportArgs, diagnostics: &mut Diagnostics) -> Feed {
    let (feed, found) = match (&args.url, &args.input) {
        (Some(url), _) => fetch::read_url(url),
        (None, Some(input)) => detect::read_path(input, &input.display().to_string()),
        (None, None) => (Feed::default(), vec![Diagnostic::general("give an INPUT file or folder, or --url URL")]),
    };
    diagnostics.extend(found);
    feed
}

/// One warning for every unmapped term, so an import never stops on taxonomy.
fn unmapped_warning(source: &str, converted: &Converted) -> Option<Diagnostic> {
    if converted.unmapped.is_empty() && converted.without_terms == 0 {
        return None;
    }
    let uncategorised = converted.services.iter().filter(|s| s.categories == [categories::UNCATEGORISED]).count();
    let mut reasons: Vec<(String, Vec<String>)> = Vec::new();
    if !converted.unmapped.is_empty() {
        // The most used first: a feed may have thousands of terms, and the
        // line shows those that fit; --report lists them all.
        let mut terms: Vec<(&String, &usize)> = converted.unmapped.iter().collect();
        terms.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = terms
            .iter()
            .map(|(term, n)| format!("{} ({n} service{})", crate::diagnostics::quote(term), plural(**n)))
            .collect();
        reasons
            .push((format!("{} taxonomy term{} not in the categories map: ", terms.len(), plural(terms.len())), shown));
    }
    let head = format!("{uncategorised} service{} went into `{}`; ", plural(uncategorised), categories::UNCATEGORISED);
    let no_terms = match converted.without_terms {
        0 => String::new(),
        n => format!("; {n} service{} with no taxonomy term", plural(n)),
    };
    let tail = "; map terms to categories with --categories MAP.yaml (see docs/import.md)";
    let terms = match reasons.pop() {
        Some((about, shown)) => {
            let used = head.chars().count() + about.chars().count() + no_terms.chars().count() + tail.len();
            format!("{about}{}", problems::fit_list(&shown, problems::room(source, used)))
        }
        None => String::new(),
    };
    let no_terms = if terms.is_empty() { no_terms.trim_start_matches("; ").to_string() } else { no_terms };
    Some(Diagnostic::warning(source, format!("{head}{terms}{no_terms}{tail}")))
}

/// The new file's text after the header. A file written by hand keeps its
/// title and description; a new one is titled after its file name.
fn body_for(existing: Option<&Existing>, target: &Target, merged: &Merged) -> String {
    let (title, description) = match existing {
        Some(e) => (e.title.clone(), e.description.clone()),
        None => (title_from_file(&target.rel), "Services imported from an Open Referral feed.".to_string()),
    };
    yaml_out::render_body(&title, &description, &merged.services)
}

/// `content/services/council-services.yaml` → `Council services`.
fn title_from_file(rel: &str) -> String {
    let stem = rel.rsplit('/').next().unwrap_or(rel);
    let stem = stem.trim_end_matches(".yaml").trim_end_matches(".yml").replace(['-', '_'], " ");
    let mut chars = stem.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Imported services".to_string(),
    }
}

/// Lines naming what changed, for the log and for `--dry-run`.
fn describe_changes(merged: &Merged, converted: &Converted, remove_missing: bool) -> Vec<String> {
    let name = |s: &model::OutService| format!("{} ({})", s.id, s.name);
    let mut lines = Vec::new();
    for s in &merged.created {
        lines.push(format!("  created   {}", name(s)));
    }
    for s in &merged.updated {
        let how = if merged.made_inactive.contains(&s.id) { " now inactive in the feed" } else { "" };
        lines.push(format!("  updated   {}{how}", name(s)));
    }
    for s in &merged.left {
        let what = if remove_missing { "removed   " } else { "left feed " };
        let kept = if remove_missing { "" } else { " kept; --remove-missing removes it" };
        lines.push(format!("  {what}{}{kept}", name(s)));
    }
    for s in &converted.skipped {
        lines.push(format!("  skipped   {} ({}, source_id {})", s.name, s.status, s.source_id));
    }
    lines
}

fn summary(rel: &str, merged: &Merged, converted: &Converted) -> String {
    let (left_out, changed) = converted.problems.counts();
    format!(
        "Import into {rel}: {} created, {} updated, {} unchanged, {} left the feed, {} skipped, {left_out} left out, {changed} changed, {} unmapped term{}",
        merged.created.len(),
        merged.updated.len(),
        merged.unchanged,
        merged.left.len(),
        converted.skipped.len(),
        converted.unmapped.len(),
        plural(converted.unmapped.len())
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn print_diagnostics(diagnostics: Diagnostics) {
    let mut out = std::io::BufWriter::new(std::io::stderr().lock());
    for d in diagnostics.sorted() {
        let _ = writeln!(out, "{d}");
    }
    let _ = out.flush();
}
