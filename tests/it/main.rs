//! Integration tests: build fixture sites from `tests/fixtures/` with the
//! real binary and check the pages, the errors and the exit codes.

mod areas;
mod assets;
mod build;
mod check_formats;
mod cli;
mod csp;
mod editor;
mod editor_body;
mod editor_lists;
mod editor_new;
mod errors;
mod feedback;
mod harness;
mod hostile;
mod import;
mod import_published;
mod layering;
mod lints;
mod offline;
mod open_now;
mod oruk_export;
mod oruk_roundtrip;
mod output;
mod paging;
mod pathways;
mod phones;
mod postcodes;
mod report;
mod review_state;
mod search;
mod serve;
mod serve_sources;
mod service_status;
mod shortlist;
mod yaml_errors;
