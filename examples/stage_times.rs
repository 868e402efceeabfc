//! Wall time and memory of each pipeline stage, one after the other, on two or more files:
//! `cargo run --release --example stage_times -- V1 V2 [V3…]` (docs/performance.md).
//!
//! The stages run apart, so their sum is more than `factdiff compare`, which loads the files
//! side by side and aligns sentences while it extracts. Memory figures are the process's
//! resident set (Linux), which keeps what was freed: read them as "at most".

use std::time::{Duration, Instant};

use factdiff::core::align::{AlignOptions, compare};
use factdiff::core::compare::pair_facts;
use factdiff::core::extract::extract_all;
use factdiff::core::pipeline::{build_report_from, load_version};

/// Resident and peak resident memory now, in MB (Linux; zeros elsewhere).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!(
        "resident {} MB, peak {} MB",
        field("VmRSS:"),
        field("VmHWM:")
    )
}

/// Runs `f`, prints how long it took and the memory after it.
fn stage<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let start = Instant::now();
    let out = f();
    let took: Duration = start.elapsed();
    println!("{name:<32} {took:>12.1?}   {}", memory());
    out
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.len() < 2 {
        eprintln!("usage: stage_times V1 V2 [V3…]");
        std::process::exit(2);
    }
    let opts = AlignOptions::default();
    let versions: Vec<_> = stage("load and segment", || {
        paths
            .iter()
            .map(|p| load_version(p.as_ref(), None).unwrap_or_else(|e| panic!("{e}")))
            .collect()
    });
    let extractions = stage("extract (all cores)", || extract_all(&versions));
    let first = stage("align v1 -> v2", || {
        compare(&versions[0], &versions[1], 0, 1, &opts)
    });
    stage("pair facts v1 -> v2", || {
        pair_facts(
            &versions[0],
            &versions[1],
            &extractions[0].facts,
            &extractions[1].facts,
            &first.sentences,
        )
    });
    let report = stage("report (align, pair, timeline)", || {
        build_report_from(&versions, &extractions, &opts)
    });
    stage("JSON (not written)", || {
        report.write_json(&mut std::io::sink()).expect("json")
    });
    stage("free everything", || drop((report, extractions, versions)));
}
