//! Speed of every pipeline stage and of the whole, on generated news-like articles
//! (benches/support/news.rs: French, English and German with names, organisations, figures,
//! dates and quotes) at 5 KB, 100 KB, 1 MB and 10 MB with light and heavy edits, plus the
//! Wikipedia revision pairs of ../shared/corpus when present.
//!
//! `cargo bench --bench pipeline` (all), `cargo bench --bench pipeline -- whole` (one group).
//! Each group has a `baseline_word_diff` row: a plain Myers diff over the word tokens of the
//! same two texts, measured in the same run, so the figures read as ratios to what a generic
//! word diff pays on this machine (docs/performance.md).

#[path = "support/news.rs"]
mod news;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use divan::{Bencher, black_box};
use factdiff::core::align::{AlignOptions, compare};
use factdiff::core::document::{Lang, TokenKind, Version};
use factdiff::core::extract::extract_all;
use factdiff::core::pipeline::{build_report, compare_consecutive, timeline, version_from_text};
use news::{Article, Edits};

fn main() {
    divan::main();
}

/// The cases: `SIZE/EDITS/LANG`.
const SMALL: &[&str] = &[
    "5KB/light/fr",
    "5KB/heavy/fr",
    "5KB/heavy/en",
    "5KB/heavy/de",
    "100KB/light/fr",
    "100KB/heavy/fr",
];
const LARGE: &[&str] = &[
    "1MB/light/fr",
    "1MB/heavy/fr",
    "1MB/heavy/en",
    "1MB/heavy/de",
    "1MB/shuffled/fr",
    "1MB/rewritten/fr",
];
const HUGE: &[&str] = &["10MB/light/fr", "10MB/heavy/fr"];

/// The two texts of a case, generated once per process.
fn texts(case: &str) -> (String, String) {
    static CACHE: OnceLock<Mutex<HashMap<String, (String, String)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().expect("cache");
    cache
        .entry(case.to_string())
        .or_insert_with(|| {
            let mut parts = case.split('/');
            let size = parts.next().and_then(news::parse_size).expect("size");
            let edits = parts.next().and_then(Edits::parse).expect("edits");
            let lang = parts.next().and_then(news::Lang::parse).expect("lang");
            let old = Article::generate(lang, size, 0x5EED_0000 + size as u64);
            let new = old.edited(edits, 0xED17 + 2);
            (old.render(), new.render())
        })
        .clone()
}

fn lang_of(case: &str) -> Option<Lang> {
    match case.rsplit('/').next() {
        Some("fr") => Some(Lang::Fr),
        Some("en") => Some(Lang::En),
        Some("de") => Some(Lang::De),
        _ => None,
    }
}

fn versions(case: &str) -> [Version; 2] {
    let (old, new) = texts(case);
    let lang = lang_of(case);
    [
        version_from_text("old.txt", &old, lang),
        version_from_text("new.txt", &new, lang),
    ]
}

/// A plain Myers diff over the word tokens of both whole texts: what a generic word diff does.
fn word_diff(a: &Version, b: &Version) -> usize {
    let mut ids = HashMap::new();
    let mut tokens = |v: &Version| -> Vec<u32> {
        v.sentences
            .iter()
            .flat_map(|s| &s.tokens)
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| {
                let n = ids.len() as u32;
                *ids.entry(v.key(t).to_string()).or_insert(n)
            })
            .collect()
    };
    let (ta, tb) = (tokens(a), tokens(b));
    similar::capture_diff_slices(similar::Algorithm::Myers, &ta, &tb).len()
}

/// Each stage of one case: `segment` (normalise and segment both texts), `align` (sentence
/// alignment with word diffs), `extract` (entities and facts of both), `pair_facts` (the
/// comparison of facts and entities, given the extractions), `json` (serialising the
/// report), `whole` (text in, JSON out) and the word-diff baseline.
macro_rules! stage_benches {
    ($group:ident, $cases:expr, $samples:expr) => {
        #[divan::bench_group(sample_count = $samples, sample_size = 1)]
        mod $group {
            use super::*;

            #[divan::bench(args = $cases)]
            fn baseline_word_diff(bencher: Bencher, case: &str) {
                let [a, b] = versions(case);
                bencher.bench_local(|| word_diff(black_box(&a), black_box(&b)));
            }

            #[divan::bench(args = $cases)]
            fn segment(bencher: Bencher, case: &str) {
                let (old, new) = texts(case);
                let lang = lang_of(case);
                bencher.bench_local(|| {
                    (
                        version_from_text("old.txt", black_box(&old), lang),
                        version_from_text("new.txt", black_box(&new), lang),
                    )
                });
            }

            #[divan::bench(args = $cases)]
            fn align(bencher: Bencher, case: &str) {
                let [a, b] = versions(case);
                let opts = AlignOptions::default();
                bencher.bench_local(|| compare(black_box(&a), black_box(&b), 0, 1, &opts));
            }

            #[divan::bench(args = $cases)]
            fn extract(bencher: Bencher, case: &str) {
                let pair = versions(case);
                bencher.bench_local(|| extract_all(black_box(&pair)));
            }

            #[divan::bench(args = $cases)]
            fn pair_facts(bencher: Bencher, case: &str) {
                let pair = versions(case);
                let extractions = extract_all(&pair);
                let opts = AlignOptions::default();
                bencher.bench_local(|| {
                    let (comparisons, pairings) =
                        compare_consecutive(black_box(&pair), &extractions, &opts);
                    (comparisons, timeline(&extractions, &pairings))
                });
            }

            #[divan::bench(args = $cases)]
            fn json(bencher: Bencher, case: &str) {
                let report = build_report(&versions(case), &AlignOptions::default());
                bencher.bench_local(|| black_box(&report).to_json());
            }

            #[divan::bench(args = $cases)]
            fn whole(bencher: Bencher, case: &str) {
                let (old, new) = texts(case);
                let lang = lang_of(case);
                bencher.bench_local(|| {
                    let pair = [
                        version_from_text("old.txt", black_box(&old), lang),
                        version_from_text("new.txt", black_box(&new), lang),
                    ];
                    build_report(&pair, &AlignOptions::default()).to_json()
                });
            }
        }
    };
}

stage_benches!(small, SMALL, 20);
stage_benches!(large, LARGE, 5);
stage_benches!(huge, HUGE, 2);

/// The app's case: three versions of a 5 KB article, everything recomputed (what an option
/// change costs before caching).
#[divan::bench(sample_count = 50, sample_size = 1)]
fn article_three_versions(bencher: Bencher) {
    let first = Article::generate(news::Lang::Fr, 5_000, 7);
    let second = first.edited(Edits::Light, 8);
    let third = second.edited(Edits::Heavy, 9);
    let texts = [first.render(), second.render(), third.render()];
    bencher.bench_local(|| {
        let versions: Vec<Version> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| version_from_text(&format!("v{i}.txt"), black_box(t), Some(Lang::Fr)))
            .collect();
        build_report(&versions, &AlignOptions::default()).to_json()
    });
}

/// The timeline of 20 versions of a 50 KB article, each lightly edited from the one before
/// (texts segmented beforehand, as the app holds them).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn timeline_twenty_versions(bencher: Bencher) {
    let mut article = Article::generate(news::Lang::En, 50_000, 11);
    let mut versions = Vec::new();
    for k in 0..20 {
        if k > 0 {
            article = article.edited(Edits::Light, 100 + k);
        }
        versions.push(version_from_text(
            &format!("v{k}.txt"),
            &article.render(),
            Some(Lang::En),
        ));
    }
    bencher.bench_local(|| {
        let extractions = extract_all(black_box(&versions));
        let (_, pairings) = compare_consecutive(&versions, &extractions, &AlignOptions::default());
        timeline(&extractions, &pairings)
    });
}

/// The 250 real Wikipedia revision pairs (en, hi, ru, th, zh) of ../shared/corpus, each
/// through the whole pipeline; skipped when the corpus is absent.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn wikipedia_corpus(bencher: Bencher) {
    let Some(pairs) = corpus_pairs() else {
        eprintln!("note: ../shared/corpus/wikipedia-revisions.json.gz not found; skipped");
        return;
    };
    bencher.bench_local(|| {
        for (old, new) in &pairs {
            let pair = [
                version_from_text("old", old, None),
                version_from_text("new", new, None),
            ];
            black_box(build_report(&pair, &AlignOptions::default()).to_json());
        }
    });
}

fn corpus_pairs() -> Option<Vec<(String, String)>> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wikipedia-revisions.json.gz");
    let file = std::fs::File::open(path).ok()?;
    let mut json = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut json)
        .ok()?;
    // {"en": [[old, new], …], "hi": …}
    let value: serde_json::Value = serde_json::from_str(&json).ok()?;
    Some(
        value
            .as_object()?
            .values()
            .filter_map(|pairs| pairs.as_array())
            .flatten()
            .filter_map(|p| Some((p[0].as_str()?.to_string(), p[1].as_str()?.to_string())))
            .collect(),
    )
}
