//! The whole pipeline in a few calls: files → versions → report.
//!
//! ```no_run
//! use factdiff::core::pipeline::{load_version, build_report};
//! use factdiff::core::align::AlignOptions;
//! let old = load_version("samples/tiktok-fr/v1.txt".as_ref(), None).unwrap();
//! let new = load_version("samples/tiktok-fr/v2.txt".as_ref(), None).unwrap();
//! let report = build_report(&[old, new], &AlignOptions::default());
//! println!("{}", report.to_json());
//! ```

use std::collections::HashSet;
use std::path::Path;

use super::align::{self, AlignOptions};
use super::compare::{FactChange, FactPairing, entity_changes, pair_facts_keyed};
use super::document::{Lang, Version};
use super::error::LoadError;
use super::extract::{Extraction, Fact, FactKind, extract_all};
use super::lang;
use super::load::{self, Loaded};
use super::parallel;
use super::report::{Comparison, EntityChanges, FactChanges, SentenceRow};
use super::report::{Report, SCHEMA, Stats, VersionReport};
use super::report::{Timeline, TimelineEntity, TimelineFact};
use super::segment;

/// Reads, decodes and segments one file. `lang` overrides language detection.
pub fn load_version(path: &Path, lang: Option<Lang>) -> Result<Version, LoadError> {
    let loaded = load::read_path(path)?;
    Ok(version_from_loaded(
        &path.display().to_string(),
        loaded,
        lang,
    ))
}

/// Builds a version from text already in memory (pasted text, tests). `source` names it.
pub fn version_from_text(source: &str, text: &str, lang: Option<Lang>) -> Version {
    version_from_loaded(
        source,
        load::parse_text(text, load::SourceFormat::PlainText),
        lang,
    )
}

/// Segments already-decoded text (used for files and for pasted text).
pub fn version_from_loaded(source: &str, loaded: Loaded, lang: Option<Lang>) -> Version {
    let language = lang.unwrap_or_else(|| lang::detect(&loaded.text));
    let (paragraphs, sentences, keys) = segment::segment(&loaded.text, language);
    let title = loaded
        .title
        .clone()
        .unwrap_or_else(|| first_line_title(&loaded.text));
    Version {
        source: source.to_string(),
        title,
        date: loaded.date,
        language,
        text: loaded.text,
        paragraphs,
        sentences,
        keys,
        warnings: loaded.warnings,
        format: loaded.format,
        checksum: loaded.checksum,
    }
}

/// The first non-empty line, cut at 200 characters on a char boundary.
fn first_line_title(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

/// Summary of one version for the report (the extraction moves into it).
pub fn version_report(index: usize, version: &Version, extraction: Extraction) -> VersionReport {
    VersionReport {
        index,
        source: version.source.clone(),
        name: None,
        title: version.title.clone(),
        date: version.date.clone(),
        format: version.format,
        checksum: version.checksum.clone(),
        language: version.language,
        stats: Stats {
            paragraphs: version.paragraphs.len(),
            sentences: version.sentences.len(),
            words: version.word_count(),
        },
        entities: extraction.entities,
        facts: extraction.facts,
        warnings: version.warnings.clone(),
    }
}

/// Compares versions consecutively (v0→v1, v1→v2, …), with entities and facts.
///
/// Sentence alignment needs no entities, so on a large text it runs on a thread of its own
/// while the other cores extract entities and facts; the two meet for the fact pairing.
pub fn build_report(versions: &[Version], opts: &AlignOptions) -> Report {
    let weight: usize = versions.iter().map(|v| v.text.len()).sum();
    let (alignments, extractions) = if weight < parallel::MIN_PARALLEL_WEIGHT {
        (align_consecutive(versions, opts), extract_all(versions))
    } else {
        std::thread::scope(|scope| {
            let aligning = scope.spawn(|| align_consecutive(versions, opts));
            let extractions = extract_all(versions);
            match aligning.join() {
                Ok(alignments) => (alignments, extractions),
                // A panic while aligning is the caller's, as it would be on one thread.
                Err(payload) => std::panic::resume_unwind(payload),
            }
        })
    };
    assemble(versions, extractions, alignments)
}

/// [`build_report`] with the versions' extractions already made (the app keeps them), so
/// they are not made again.
pub fn build_report_from(
    versions: &[Version],
    extractions: &[Extraction],
    opts: &AlignOptions,
) -> Report {
    assemble(
        versions,
        extractions.to_vec(),
        align_consecutive(versions, opts),
    )
}

/// The sentence alignments of each consecutive pair, side by side on the cores.
fn align_consecutive(versions: &[Version], opts: &AlignOptions) -> Vec<Comparison> {
    let pairs: Vec<usize> = (1..versions.len()).collect();
    parallel::map_weighted(
        &pairs,
        |&i| versions[i - 1].text.len() + versions[i].text.len(),
        |&i| align::compare(&versions[i - 1], &versions[i], i - 1, i, opts),
    )
}

/// The report from the versions, their extractions and the sentence alignments of each
/// consecutive pair: entities and facts compared, the timeline followed.
fn assemble(
    versions: &[Version],
    extractions: Vec<Extraction>,
    mut comparisons: Vec<Comparison>,
) -> Report {
    let pairs: Vec<usize> = (1..versions.len()).collect();
    let changes = parallel::map_weighted(
        &pairs,
        |&i| versions[i - 1].text.len() + versions[i].text.len(),
        |&i| {
            let rows = comparisons.get(i - 1).map_or(&[][..], |c| &c.sentences[..]);
            changes_between(versions, &extractions, i - 1, i, rows)
        },
    );
    let mut pairings = Vec::with_capacity(changes.len());
    for (c, (entities, facts, pairing)) in comparisons.iter_mut().zip(changes) {
        c.entities = entities;
        c.facts = facts;
        pairings.push(pairing);
    }
    let timeline = timeline(&extractions, &pairings);
    Report {
        schema: SCHEMA.to_string(),
        versions: versions
            .iter()
            .zip(extractions)
            .enumerate()
            .map(|(i, (v, x))| version_report(i, v, x))
            .collect(),
        comparisons,
        timeline,
    }
}

/// Compares any two versions (`from` → `to`): sentences, then entities and facts. The
/// extractions come from [`extract_all`] over the same versions, so entity ids agree.
pub fn compare_pair(
    versions: &[Version],
    extractions: &[Extraction],
    from: usize,
    to: usize,
    opts: &AlignOptions,
) -> (Comparison, FactPairing) {
    let empty = Version::default();
    let (old, new) = (
        versions.get(from).unwrap_or(&empty),
        versions.get(to).unwrap_or(&empty),
    );
    let mut c = align::compare(old, new, from, to, opts);
    let (entities, facts, pairing) = changes_between(versions, extractions, from, to, &c.sentences);
    c.entities = entities;
    c.facts = facts;
    (c, pairing)
}

/// Entities added and dropped and facts added, dropped and changed from version `from` to
/// `to`, given their sentence alignment `rows`; and how their facts correspond.
fn changes_between(
    versions: &[Version],
    extractions: &[Extraction],
    from: usize,
    to: usize,
    rows: &[SentenceRow],
) -> (EntityChanges, FactChanges, FactPairing) {
    let empty = Version::default();
    let (old, new) = (
        versions.get(from).unwrap_or(&empty),
        versions.get(to).unwrap_or(&empty),
    );
    let none = Extraction::default();
    let (ox, nx) = (
        extractions.get(from).unwrap_or(&none),
        extractions.get(to).unwrap_or(&none),
    );
    let (added, dropped) = entity_changes(ox, nx);
    let entities = EntityChanges { added, dropped };
    let (pairing, old_keys, new_keys) = pair_facts_keyed(old, new, &ox.facts, &nx.facts, rows);
    // A fact stated again elsewhere is not new, and one still stated elsewhere is not dropped.
    let (old_set, new_set): (HashSet<&str>, HashSet<&str>) = (
        old_keys.iter().map(String::as_str).collect(),
        new_keys.iter().map(String::as_str).collect(),
    );
    // The facts at `indices` whose key the other version does not state anywhere.
    let unstated = |indices: &[usize], facts: &[Fact], keys: &[String], other: &HashSet<&str>| {
        indices
            .iter()
            .filter(|&&k| keys.get(k).is_some_and(|key| !other.contains(key.as_str())))
            .filter_map(|&k| facts.get(k))
            .cloned()
            .collect()
    };
    let facts = FactChanges {
        added: unstated(&pairing.added, &nx.facts, &new_keys, &old_set),
        dropped: unstated(&pairing.dropped, &ox.facts, &old_keys, &new_set),
        changed: pairing
            .changed
            .iter()
            .filter_map(|&(i, j)| {
                let (before, after) = (ox.facts.get(i)?.clone(), nx.facts.get(j)?.clone());
                Some(FactChange {
                    kind: before.kind,
                    before,
                    after,
                })
            })
            .collect(),
    };
    (entities, facts, pairing)
}

/// Compares each consecutive pair (v0→v1, v1→v2, …): the comparisons, and how their facts
/// correspond (what [`timeline`] follows).
pub fn compare_consecutive(
    versions: &[Version],
    extractions: &[Extraction],
    opts: &AlignOptions,
) -> (Vec<Comparison>, Vec<FactPairing>) {
    // The pairs are independent: compared side by side on the cores, in order.
    let pairs: Vec<usize> = (1..versions.len()).collect();
    parallel::map_weighted(
        &pairs,
        |&i| versions[i - 1].text.len() + versions[i].text.len(),
        |&i| compare_pair(versions, extractions, i - 1, i, opts),
    )
    .into_iter()
    .unzip()
}

/// The timeline of all versions (what the app's timeline view shows).
pub fn timeline_for(
    versions: &[Version],
    extractions: &[Extraction],
    opts: &AlignOptions,
) -> Timeline {
    timeline(
        extractions,
        &compare_consecutive(versions, extractions, opts).1,
    )
}

/// Follows every entity and fact through the versions, given [`compare_consecutive`]'s pairings.
pub fn timeline(extractions: &[Extraction], pairings: &[FactPairing]) -> Timeline {
    let n = extractions.len();
    let mut entities: Vec<TimelineEntity> = Vec::new();
    for (vi, x) in extractions.iter().enumerate() {
        for e in &x.entities {
            match entities.iter_mut().find(|t| t.id == e.id) {
                Some(t) => t.versions.push(vi),
                None => entities.push(TimelineEntity {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    kind: e.kind,
                    versions: vec![vi],
                }),
            }
        }
    }
    // Chains of facts: a fact in version k continues the chain of the fact it pairs with in k-1.
    let mut chains: Vec<(FactKind, String, Vec<Option<String>>)> = Vec::new();
    let mut chain_of: Vec<usize> = Vec::new();
    if let Some(first) = extractions.first() {
        for f in &first.facts {
            chain_of.push(chains.len());
            let mut values = vec![None; n];
            values[0] = Some(f.text.clone());
            chains.push((f.kind, chain_label(f), values));
        }
    }
    for (k, pairing) in pairings.iter().enumerate() {
        let Some(x) = extractions.get(k + 1) else {
            break;
        };
        let mut next = vec![usize::MAX; x.facts.len()];
        for &(i, j) in pairing.same.iter().chain(&pairing.changed) {
            if let (Some(&c), Some(slot)) = (chain_of.get(i), next.get_mut(j)) {
                *slot = c;
            }
        }
        for (j, f) in x.facts.iter().enumerate() {
            if next[j] == usize::MAX {
                next[j] = chains.len();
                chains.push((f.kind, chain_label(f), vec![None; n]));
            }
            if let Some(chain) = chains.get_mut(next[j]) {
                chain.2[k + 1] = Some(f.text.clone());
            }
        }
        chain_of = next;
    }
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let facts = chains
        .into_iter()
        .map(|(kind, label, values)| {
            let count = seen.entry(label.clone()).or_insert(0);
            *count += 1;
            let key = if *count == 1 {
                label
            } else {
                format!("{label}#{count}")
            };
            TimelineFact { key, kind, values }
        })
        .collect();
    Timeline { entities, facts }
}

/// "number:marchés", "money:USD", "quote:mike-pompeo", "date".
fn chain_label(f: &super::extract::Fact) -> String {
    let kind = serde_json::to_value(f.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let detail = match f.kind {
        FactKind::Quote => f.speaker_id.clone(),
        FactKind::Money => f.currency.clone(),
        _ => f.unit.clone(),
    };
    match detail {
        Some(d) if !d.is_empty() => format!("{kind}:{d}"),
        _ => kind,
    }
}
