//! What each subcommand does at the terminal: run the library's entry point,
//! print diagnostics and the summary, and choose the exit status.

use crate::cli::{
    BuildArgs, CheckArgs, ImportArgs, InitArgs, Outcome, ProblemFormat, ReportArgs, ReportFormat, ServeArgs,
};
use crate::config::BuildOptions;
use crate::config::SearchMode;
use crate::diagnostics::Diagnostics;
use crate::site::{self, BuildReport};
use std::io::{IsTerminal, Write};

pub fn build(args: BuildArgs) -> Outcome {
    let output = args.output.unwrap_or_else(|| args.root.join("public"));
    let search = if args.no_search { SearchMode::Off } else { SearchMode::Inline };
    let options = BuildOptions { root: args.root, output, base_url: args.base_url, drafts: args.drafts, search };
    let progress = terminal_progress();
    match site::build(&options, &progress) {
        Ok(built) => {
            clear_progress();
            print_diagnostics(&built.diagnostics);
            println!(
                "{}",
                summary(
                    "Built",
                    &built.report,
                    built.diagnostics.warning_count(),
                    &options.output.display().to_string()
                )
            );
            Outcome::Success
        }
        Err(diagnostics) => {
            clear_progress();
            fail(diagnostics, "build failed; the output folder was not changed")
        }
    }
}

pub fn check(args: CheckArgs) -> Outcome {
    let options = BuildOptions {
        output: args.root.join("public"),
        root: args.root.clone(),
        base_url: None,
        drafts: args.drafts,
        search: SearchMode::Off,
    };
    let (diagnostics, summaries) = match site::build_in_memory(&options, &|_, _| {}) {
        Ok(built) if args.oruk => check_feed(built, &args.root),
        Ok(built) => {
            let line = summary("Checked", &built.report, built.diagnostics.warning_count(), "");
            (built.diagnostics, vec![line])
        }
        Err(diagnostics) => (diagnostics, Vec::new()),
    };
    match args.format {
        ProblemFormat::Human if diagnostics.has_errors() => {
            let outcome = fail(diagnostics, "check failed");
            summaries.iter().skip(1).for_each(|line| eprintln!("{line}"));
            outcome
        }
        ProblemFormat::Human => {
            print_diagnostics(&diagnostics);
            summaries.iter().for_each(|line| println!("{line}"));
            Outcome::Success
        }
        ProblemFormat::Github | ProblemFormat::Json => print_for_machines(diagnostics, args.format),
    }
}

/// `check --oruk`: the site's own findings plus the feed's, and the lines
/// that sum them up (the feed's last: it is printed even when check fails).
fn check_feed(built: site::BuiltSite, root: &std::path::Path) -> (Diagnostics, Vec<String>) {
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).ok();
    let report = crate::oruk::check::check(&built.feed, &read);
    let mut diagnostics = built.diagnostics;
    diagnostics.extend(report.diagnostics.iter().cloned());
    let checked = summary("Checked", &built.report, diagnostics.warning_count(), "");
    (diagnostics, vec![checked, report.summary()])
}

/// `check --format github|json`: one line per problem on standard output,
/// for a CI runner or an editor to read; the counts on standard error.
fn print_for_machines(diagnostics: Diagnostics, format: ProblemFormat) -> Outcome {
    let errors = diagnostics.error_count();
    let warnings = diagnostics.warning_count();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for d in diagnostics.sorted() {
        let line = if format == ProblemFormat::Github { d.github_annotation() } else { d.json_line() };
        let _ = writeln!(out, "{line}");
    }
    let _ = out.flush();
    eprintln!("{errors} error{}, {warnings} warning{}", plural(errors), plural(warnings));
    if errors > 0 { Outcome::ContentErrors } else { Outcome::Success }
}

/// `signpost report`: the site checked as `check` does (its problems on
/// standard error, exit 1 on any error), then every guideline and service
/// listed from what could be read, and the counts per state.
pub fn report(args: ReportArgs) -> Outcome {
    let options = BuildOptions {
        output: args.root.join("public"),
        root: args.root.clone(),
        base_url: None,
        drafts: false,
        search: SearchMode::Off,
    };
    let mut cache = site::BuildCache::default();
    let diagnostics = match site::build_with_cache(&options, &mut cache, &|_, _| {}) {
        Ok(built) => built.diagnostics,
        Err(diagnostics) => diagnostics,
    };
    let report = crate::report::Report::of(&site::inventory(&options, &mut cache));
    let text = match args.format {
        ReportFormat::Csv => crate::report::csv(&report),
        ReportFormat::Md => crate::report::markdown(&report),
        ReportFormat::Html => crate::report::html(&report),
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            std::io::stdout().lock().write_all(text.as_bytes()).map_err(|e| format!("cannot write the report: {e}"))
        }
    };
    if let Err(message) = written {
        eprintln!("error: {message}");
        return Outcome::UsageError;
    }
    let outcome = if diagnostics.has_errors() {
        fail(diagnostics, "the site has errors; the report lists what could be read")
    } else {
        print_diagnostics(&diagnostics);
        Outcome::Success
    };
    eprintln!("{}", report.counts_line());
    outcome
}

pub fn import(args: ImportArgs) -> Outcome {
    crate::import::run(args)
}

pub fn init(args: InitArgs) -> Outcome {
    match crate::init::run(&args.dir) {
        Ok(()) => {
            println!("Made a new site in {}.", args.dir.display());
            println!("Next: cd {} && signpost serve", args.dir.display());
            Outcome::Success
        }
        Err(message) => {
            eprintln!("error: {message}");
            Outcome::UsageError
        }
    }
}

pub fn serve(args: ServeArgs) -> Outcome {
    let options = crate::serve::ServeOptions {
        root: args.root,
        interface: args.interface,
        port: args.port,
        drafts: args.drafts,
        no_edit: args.no_edit,
        edit_token: args.edit_token,
    };
    match crate::serve::run(options) {
        Ok(()) => Outcome::Success,
        Err(message) => {
            eprintln!("error: {message}");
            Outcome::UsageError
        }
    }
}

fn fail(diagnostics: Diagnostics, what: &str) -> Outcome {
    let errors = diagnostics.error_count();
    let warnings = diagnostics.warning_count();
    print_diagnostics(&diagnostics);
    eprintln!("{what}: {errors} error{}, {warnings} warning{}", plural(errors), plural(warnings));
    Outcome::ContentErrors
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    // One write per line, not per fragment: a large site can warn thousands of times.
    let mut out = std::io::BufWriter::new(std::io::stderr().lock());
    for d in diagnostics.clone().sorted() {
        let _ = writeln!(out, "{d}");
    }
    let _ = out.flush();
}

fn summary(verb: &str, r: &BuildReport, warnings: usize, output: &str) -> String {
    let drafts = match r.drafts_left_out {
        0 => String::new(),
        1 => " (1 draft left out)".to_string(),
        n => format!(" ({n} drafts left out)"),
    };
    let to = if output.is_empty() { String::new() } else { format!(" into {output}") };
    format!(
        "{verb} {} guideline{}{drafts}, {} page{}, {} service{} in {} director{}{to}: {} files, {warnings} warning{}, {:.2}s",
        r.guidelines,
        plural(r.guidelines),
        r.pages,
        plural(r.pages),
        r.services,
        plural(r.services),
        r.directories,
        if r.directories == 1 { "y" } else { "ies" },
        r.files,
        plural(warnings),
        r.elapsed.as_secs_f64()
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A progress line on a terminal for builds long enough to wait for.
fn terminal_progress() -> impl Fn(usize, usize) + Sync {
    let on_terminal = std::io::stderr().is_terminal();
    move |done, total| {
        if on_terminal && total >= 500 && (done % 250 == 0 || done == total) {
            eprint!("\rRendering pages: {done}/{total}");
        }
    }
}

fn clear_progress() {
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[2K");
    }
}
