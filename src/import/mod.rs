//! `signpost import`: services from an Open Referral feed into a service
//! directory, merged by `source_id`.

use crate::cli::ImportArgs;
use crate::commands::Outcome;

pub fn run(_args: ImportArgs) -> Outcome {
    eprintln!("error: import is not built yet");
    Outcome::UsageError
}
