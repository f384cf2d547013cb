//! `SIGNPOST_TIMINGS=1`: how long each stage of a build took, and the
//! process's peak memory after it.

use std::time::Instant;

/// The process's peak resident memory so far, where the OS tells it (Linux).
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .map(|kb| format!(" (peak {kb})"))
        .unwrap_or_default()
}

/// With `SIGNPOST_TIMINGS=1`, prints how long each stage took, for finding
/// where a slow build spends its time.
pub struct StageTimer {
    last: Option<Instant>,
}

impl StageTimer {
    pub fn from_env() -> Self {
        StageTimer { last: std::env::var_os("SIGNPOST_TIMINGS").map(|_| Instant::now()) }
    }

    pub fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            eprintln!("timing: {stage}: {:.1}ms{}", last.elapsed().as_secs_f64() * 1000.0, peak_memory());
            self.last = Some(Instant::now());
        }
    }
}
