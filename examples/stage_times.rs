//! Wall time of each pipeline stage on two or more files, one thread per stage as the CLI
//! runs them: `cargo run --release --example stage_times -- V1 V2 [V3…]`.
use std::time::Instant;

/// Resident and peak resident memory now, in MB (Linux).
fn rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!("[rss {} MB, peak {} MB]", field("VmRSS:"), field("VmHWM:"))
}

use factdiff::core::align::AlignOptions;
use factdiff::core::extract::extract_all;
use factdiff::core::pipeline::{build_report_from, load_version};

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let t = Instant::now();
    let versions: Vec<_> = paths
        .iter()
        .map(|p| load_version(p.as_ref(), None).expect("load"))
        .collect();
    let load = t.elapsed();
    println!("loaded {}", rss());
    let t = Instant::now();
    let extractions = extract_all(&versions);
    let extract = t.elapsed();
    println!("extracted {}", rss());
    let t = Instant::now();
    let c =
        factdiff::core::align::compare(&versions[0], &versions[1], 0, 1, &AlignOptions::default());
    let align = t.elapsed();
    let t = Instant::now();
    let p = factdiff::core::compare::pair_facts(
        &versions[0],
        &versions[1],
        &extractions[0].facts,
        &extractions[1].facts,
        &c.sentences,
    );
    let pair = t.elapsed();
    println!(
        "align {align:?} pair_facts {pair:?} ({} changed)",
        p.changed.len()
    );
    let t = Instant::now();
    let report = build_report_from(&versions, &extractions, &AlignOptions::default());
    let compare = t.elapsed();
    println!("report built {}", rss());
    let t = Instant::now();
    let mut out = std::io::sink();
    report.write_json(&mut out).expect("json");
    let json = t.elapsed();
    println!("json {}", rss());
    let t = Instant::now();
    drop(report);
    drop(extractions);
    drop(versions);
    let free = t.elapsed();
    println!(
        "load+segment {load:?} extract {extract:?} compare+report {compare:?} json {json:?} drop {free:?}"
    );
}
