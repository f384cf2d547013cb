//! The command line, as the contract defines it.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Static sites of clinical guidelines and local service directories.
#[derive(Debug, Parser)]
#[command(name = "signpost", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced only if the build succeeds)
    Build(BuildArgs),
    /// Build the site and serve it with live reload while you edit
    Serve(ServeArgs),
    /// Check every file and link and report problems, without writing anything
    Check(CheckArgs),
    /// Make a new site in DIR with an example guideline and service directory
    Init(InitArgs),
    /// Import services from an Open Referral feed into a service directory, merging by source_id
    Import(ImportArgs),
    /// List every guideline's review state and every service's last check, for a governance meeting
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder, holding site.yaml and content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public]
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Use this base URL instead of site.yaml's base_url
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include guidelines with status: draft
    #[arg(long)]
    pub drafts: bool,
    /// Skip the search index (faster; the search page then says search is unavailable)
    #[arg(long)]
    pub no_search: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder, holding site.yaml and content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on; anything but 127.0.0.1 makes the preview visible to other machines
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub interface: String,
    /// The port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Include guidelines with status: draft
    #[arg(long)]
    pub drafts: bool,
    /// Turn off editing in the browser (no "Edit this page", no writing endpoints)
    #[arg(long)]
    pub no_edit: bool,
    /// The token every write must carry, and the edit page's ?token=; needed to edit when --interface is not loopback
    #[arg(long, value_name = "TOKEN")]
    pub edit_token: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder, holding site.yaml and content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Check drafts too
    #[arg(long)]
    pub drafts: bool,
    /// Also validate the Open Referral UK feed the site would publish against the official v3 schemas
    #[arg(long)]
    pub oruk: bool,
    /// How to print problems: human lines, GitHub Actions annotations, or one JSON object per line
    #[arg(long, value_enum, default_value_t = ProblemFormat::Human)]
    pub format: ProblemFormat,
}

/// How `check` prints the problems it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProblemFormat {
    /// `error: FILE:LINE:COL: FIELD: message` on standard error
    Human,
    /// `::error file=…,line=…,col=…::message` workflow commands on standard output
    Github,
    /// One JSON object per problem per line on standard output
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The site folder, holding site.yaml and content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// csv (one table with a kind column), md (Markdown) or html (a sortable, printable page)
    #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
    pub format: ReportFormat,
    /// Write the report to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Csv,
    Md,
    Html,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist or must be empty)
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An Open Referral UK v3 JSON page, folder of pages or single service; an
    /// Open Referral v1 / HSDS 1.1 JSON feed; or an HSDS data package folder
    #[arg(value_name = "INPUT", required_unless_present = "url", conflicts_with = "url")]
    pub input: Option<PathBuf>,
    /// Read a live Open Referral UK v3 API instead, paging through /services
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The service directory to write, like content/services/council.yaml (relative to --root)
    #[arg(long, value_name = "FILE")]
    pub into: PathBuf,
    /// A YAML file mapping taxonomy term ids, URIs or names to category ids
    #[arg(long, value_name = "MAP.yaml")]
    pub categories: Option<PathBuf>,
    /// Say what would change without writing anything
    #[arg(long)]
    pub dry_run: bool,
    /// Remove services that have left the feed (by default they are kept and reported)
    #[arg(long)]
    pub remove_missing: bool,
    /// Any record left out or value changed is an error: exit 1 and write nothing (for CI)
    #[arg(long)]
    pub strict: bool,
    /// Write every record left out or changed, with its place in the feed and the reason, as CSV
    #[arg(long, value_name = "FILE.csv")]
    pub report: Option<PathBuf>,
    /// The site folder, holding site.yaml and content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// How a command ended: the contract's exit statuses.
pub enum Outcome {
    Success,
    ContentErrors,
    UsageError,
}

impl Outcome {
    pub fn code(&self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::ContentErrors => 1,
            Outcome::UsageError => 2,
        }
    }
}
