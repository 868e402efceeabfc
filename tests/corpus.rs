//! The whole pipeline over 250 real pairs of successive Wikipedia revisions (en, hi, ru, th, zh
//! wikitext; ../shared/corpus/SOURCES.md): no panic, sane sentence counts, every offset on a
//! character boundary, and the time per pair logged. The corpus (4 MB) lives outside the
//! repository, so the test says so and passes when it is absent (as on a fresh CI machine).
//! Run it with `cargo test --release --test corpus -- --nocapture` to see the timings.

use std::io::Read;
use std::time::Instant;

use factdiff::core::align::AlignOptions;
use factdiff::core::pipeline::{build_report, version_from_text};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/wikipedia-revisions.json.gz"
);

#[test]
fn real_revision_pairs_run_through_the_whole_pipeline() {
    let Ok(file) = std::fs::File::open(CORPUS) else {
        eprintln!("corpus not found at {CORPUS}: skipped");
        return;
    };
    let mut json = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut json)
        .expect("gzip");
    let corpus: serde_json::Value = serde_json::from_str(&json).expect("json");
    let mut timings = Vec::new();
    for (lang, pairs) in corpus.as_object().expect("object") {
        for (i, pair) in pairs.as_array().expect("pairs").iter().enumerate() {
            let (Some(old), Some(new)) = (pair[0].as_str(), pair[1].as_str()) else {
                continue;
            };
            let t = Instant::now();
            let a = version_from_text("old", old, None);
            let b = version_from_text("new", new, None);
            // Sane segmentation: some sentences, no more than characters.
            assert!(
                !a.sentences.is_empty() && a.sentences.len() <= old.chars().count(),
                "{lang}{i}"
            );
            let report = build_report(&[a.clone(), b.clone()], &AlignOptions::default());
            let ms = t.elapsed().as_secs_f64() * 1e3;
            for (v, vr) in [&a, &b].iter().zip(&report.versions) {
                for f in &vr.facts {
                    assert!(
                        v.text.get(f.span[0]..f.span[1]).is_some(),
                        "{lang}{i}: fact span"
                    );
                }
                for e in &vr.entities {
                    assert!(
                        e.spans.iter().all(|s| v.text.get(s[0]..s[1]).is_some()),
                        "{lang}{i}: entity span"
                    );
                }
            }
            let c = &report.comparisons[0];
            let covered_old: usize = c.sentences.iter().map(|r| r.from_count).sum();
            let covered_new: usize = c.sentences.iter().map(|r| r.to_count).sum();
            assert_eq!(
                (covered_old, covered_new),
                (a.sentences.len(), b.sentences.len()),
                "{lang}{i}: every sentence aligned once"
            );
            timings.push((ms, format!("{lang}{i:02}"), old.len() + new.len()));
        }
    }
    timings.sort_by(|x, y| y.0.total_cmp(&x.0));
    let total: f64 = timings.iter().map(|t| t.0).sum();
    eprintln!("{} pairs in {:.0} ms; slowest:", timings.len(), total);
    for (ms, name, bytes) in timings.iter().take(5) {
        eprintln!("  {name}: {ms:.0} ms for {} KB", bytes / 1024);
    }
    assert_eq!(timings.len(), 250);
}
