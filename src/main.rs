//! `signpost`: parse the command line, run one command, print what it found,
//! and exit 0 (success, warnings allowed), 1 (content errors) or 2 (bad
//! command line).

use clap::Parser;
use signpost::cli::{Cli, Command};
use signpost::commands;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with exit 0, usage errors with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let outcome = match cli.command {
        Command::Build(args) => commands::build(args),
        Command::Check(args) => commands::check(args),
        Command::Init(args) => commands::init(args),
        Command::Serve(args) => commands::serve(args),
        Command::Import(args) => commands::import(args),
        Command::Report(args) => commands::report(args),
    };
    ExitCode::from(outcome.code())
}
