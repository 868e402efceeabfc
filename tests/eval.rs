//! The labelled evaluation set (tests/eval/, see its README): precision and recall of entity
//! changes, recall of paired fact changes, and zero noise on pairs that differ only in
//! typography, encoding or layout. Run with `cargo test --test eval -- --nocapture` to see the
//! figures quoted in the README.

use std::path::{Path, PathBuf};

use factdiff::core::align::AlignOptions;
use factdiff::core::extract::gazetteer::fold;
use factdiff::core::normalize::normalize;
use factdiff::core::pipeline::{build_report, load_version};
use factdiff::core::report::Comparison;
use serde_json::Value;

const MIN_SCORE: f64 = 0.9;

struct Case {
    name: String,
    old: PathBuf,
    new: PathBuf,
    expected: Value,
}

fn cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let eval = root.join("tests/eval");
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&eval)
        .expect("tests/eval exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.json").exists())
        .collect();
    dirs.sort();
    for dir in dirs {
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("expected.json")).expect("read"),
        )
        .expect("json");
        out.push(Case {
            name: dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            old: dir.join("old.txt"),
            new: dir.join("new.txt"),
            expected,
        });
    }
    let samples: Value = serde_json::from_str(
        &std::fs::read_to_string(eval.join("samples.json")).expect("samples.json"),
    )
    .expect("json");
    for s in samples.as_array().expect("list") {
        let story = s["story"].as_str().expect("story");
        let (o, n) = (
            s["old"].as_u64().expect("old"),
            s["new"].as_u64().expect("new"),
        );
        out.push(Case {
            name: format!("{story} v{o}→v{n}"),
            old: root.join(format!("samples/{story}/v{o}.txt")),
            new: root.join(format!("samples/{story}/v{n}.txt")),
            expected: s.clone(),
        });
    }
    out
}

/// Folded, typography-normalised text for matching labels to output.
fn key(s: &str) -> String {
    fold(&normalize(s).text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn names_of(entity: &Value) -> Vec<String> {
    let mut names = vec![key(entity["name"].as_str().unwrap_or(""))];
    if let Some(aliases) = entity["aliases"].as_array() {
        names.extend(aliases.iter().filter_map(|a| a.as_str()).map(key));
    }
    names
}

/// A label names the entity when it equals one of its names, or one contains the other as
/// whole words ("Larry Ellison" / "Ellison").
fn same_entity(label: &str, entity: &Value) -> bool {
    let label = key(label);
    names_of(entity).iter().any(|n| {
        *n == label
            || format!(" {n} ").contains(&format!(" {label} "))
            || format!(" {label} ").contains(&format!(" {n} "))
    })
}

fn contains_either(a: &str, b: &str) -> bool {
    let (a, b) = (key(a), key(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

#[derive(Default)]
struct Tally {
    entity_predicted: usize,
    entity_correct: usize,
    entity_gold: usize,
    entity_found: usize,
    facts_gold: usize,
    facts_found: usize,
    noise: Vec<String>,
}

fn score(case: &Case, c: &Comparison, t: &mut Tally) {
    let report = serde_json::to_value(c).expect("serialise");
    let exp = &case.expected;
    for side in ["added", "dropped"] {
        let predicted = report["entities"][side]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let gold = exp["entities"][side]
            .as_array()
            .cloned()
            .unwrap_or_default();
        t.entity_predicted += predicted.len();
        t.entity_gold += gold.len();
        for p in &predicted {
            if gold
                .iter()
                .any(|g| same_entity(g["name"].as_str().unwrap_or(""), p))
            {
                t.entity_correct += 1;
            } else {
                t.noise.push(format!(
                    "{}: entity {side} {} not in the labels",
                    case.name, p["name"]
                ));
            }
        }
        for g in &gold {
            if predicted
                .iter()
                .any(|p| same_entity(g["name"].as_str().unwrap_or(""), p))
            {
                t.entity_found += 1;
            } else {
                t.noise
                    .push(format!("{}: missed entity {side} {}", case.name, g["name"]));
            }
        }
    }
    let changed = report["facts"]["changed"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for g in exp["facts"]["changed"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        t.facts_gold += 1;
        let (before, after) = (
            g["before"].as_str().unwrap_or(""),
            g["after"].as_str().unwrap_or(""),
        );
        let hit = changed.iter().any(|p| {
            contains_either(p["before"]["text"].as_str().unwrap_or(""), before)
                && contains_either(p["after"]["text"].as_str().unwrap_or(""), after)
        });
        if hit {
            t.facts_found += 1;
        } else {
            t.noise.push(format!(
                "{}: missed changed fact {before:?} → {after:?}",
                case.name
            ));
        }
    }
}

#[test]
fn entity_and_fact_changes_meet_the_bar_on_the_evaluation_set() {
    let cases = cases();
    assert!(
        cases.len() >= 21,
        "at least 12 new pairs plus the 9 sample pairs"
    );
    let mut t = Tally::default();
    let mut noisy_no_change = Vec::new();
    for case in &cases {
        let old = load_version(&case.old, None).unwrap_or_else(|e| panic!("{e}"));
        let new = load_version(&case.new, None).unwrap_or_else(|e| panic!("{e}"));
        let report = build_report(&[old, new], &AlignOptions::default());
        let c = &report.comparisons[0];
        if case.expected["kind"] == "no-change" {
            let facts = &c.facts;
            let n = c.entities.added.len()
                + c.entities.dropped.len()
                + facts.added.len()
                + facts.dropped.len()
                + facts.changed.len();
            if n > 0
                || c.summary.sentences_changed
                    + c.summary.sentences_added
                    + c.summary.sentences_removed
                    > 0
            {
                noisy_no_change.push(format!(
                    "{}: {n} entity/fact changes, summary {:?}",
                    case.name, c.summary
                ));
            }
        }
        score(case, c, &mut t);
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let precision = ratio(t.entity_correct, t.entity_predicted);
    let recall = ratio(t.entity_found, t.entity_gold);
    let fact_recall = ratio(t.facts_found, t.facts_gold);
    eprintln!("evaluation: {} version pairs", cases.len());
    eprintln!(
        "entity changes: precision {precision:.3} ({}/{}), recall {recall:.3} ({}/{})",
        t.entity_correct, t.entity_predicted, t.entity_found, t.entity_gold
    );
    eprintln!(
        "paired fact changes: recall {fact_recall:.3} ({}/{})",
        t.facts_found, t.facts_gold
    );
    for line in &t.noise {
        eprintln!("  {line}");
    }
    assert!(
        noisy_no_change.is_empty(),
        "noise on no-change pairs: {noisy_no_change:#?}"
    );
    assert!(precision >= MIN_SCORE, "entity precision {precision:.3}");
    assert!(recall >= MIN_SCORE, "entity recall {recall:.3}");
    assert!(fact_recall >= MIN_SCORE, "fact recall {fact_recall:.3}");
}
