pub mod date;
pub mod diagnostics;
pub mod yaml;
pub mod content;
pub mod config;
pub mod markdown;
pub mod source;
pub mod urls;
