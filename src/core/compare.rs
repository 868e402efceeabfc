//! Stage 6: the extractions of two versions (plus their sentence alignment) → entities added
//! and dropped, facts added, dropped and changed.
//!
//! - **Entities** compare by id, so a version that says "Trump" where the last one said
//!   "Donald Trump" changes nothing.
//! - **Facts** first match by identity (kind, value, what they count, currency; a quote by its
//!   words), wherever they are: a fact repeated or moved elsewhere is not dropped. What is left
//!   pairs into **changed** facts when two facts of the same kind count the same thing and sit
//!   in aligned sentences (a `changed`, `moved`, split or merged row) or in sentences that share
//!   most of their words; a quote pairs with a reworded quote of the same speaker. The rest is
//!   added or dropped.

use std::collections::HashMap;

use super::document::{TokenKind, Version};
use super::extract::gazetteer::fold;
use super::extract::{Entity, Extraction, Fact, FactKind, FactValue};
use super::report::{Change, SentenceRow};
use serde::{Deserialize, Serialize};

/// A fact whose value changed between two versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactChange {
    pub kind: FactKind,
    pub before: Fact,
    pub after: Fact,
}

/// How the facts of two versions correspond (indices into each version's facts).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FactPairing {
    pub same: Vec<(usize, usize)>,
    pub changed: Vec<(usize, usize)>,
    pub added: Vec<usize>,
    pub dropped: Vec<usize>,
}

/// Entities of `new` not in `old`, and of `old` not in `new`, by id.
pub fn entity_changes(old: &Extraction, new: &Extraction) -> (Vec<Entity>, Vec<Entity>) {
    let added = new
        .entities
        .iter()
        .filter(|e| !old.entities.iter().any(|o| o.id == e.id))
        .cloned()
        .collect();
    let dropped = old
        .entities
        .iter()
        .filter(|e| !new.entities.iter().any(|n| n.id == e.id))
        .cloned()
        .collect();
    (added, dropped)
}

/// The identity of a fact: two facts with the same key say the same thing.
pub fn fact_key(f: &Fact) -> String {
    match f.kind {
        FactKind::Quote => format!("quote:{}", quote_words(&f.text).join(" ")),
        _ => format!(
            "{:?}:{}:{}:{}",
            f.kind,
            value_key(f),
            f.unit.as_deref().map(unit_key).unwrap_or_default(),
            f.currency.as_deref().unwrap_or("")
        ),
    }
}

fn value_key(f: &Fact) -> String {
    match &f.value {
        Some(FactValue::Number(n)) => format!("{n}"),
        Some(FactValue::Text(t)) => fold(t),
        None => fold(&f.text),
    }
}

/// What a fact counts, folded and singular-ish, so "utilisateurs" = "utilisateur".
fn unit_key(unit: &str) -> String {
    let u = fold(unit);
    let u = u
        .trim_start_matches("d'")
        .trim_start_matches("de ")
        .trim_start_matches("of ")
        .to_string();
    u.strip_suffix('s')
        .filter(|s| s.chars().count() >= 3)
        .map(str::to_string)
        .unwrap_or(u)
}

fn quote_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Can `a` (old) and `b` (new) be the same fact with a new value?
fn comparable(a: &Fact, b: &Fact) -> bool {
    if a.kind != b.kind {
        return false;
    }
    match a.kind {
        FactKind::Money => a.currency == b.currency,
        FactKind::Number | FactKind::Quantity => match (&a.unit, &b.unit) {
            (Some(x), Some(y)) => {
                let (x, y) = (unit_key(x), unit_key(y));
                x == y || common_prefix(&x, &y) >= 5
            }
            (None, None) => true,
            _ => false,
        },
        _ => true,
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Pairs the facts of two versions; `rows` is their sentence alignment.
pub fn pair_facts(
    old_v: &Version,
    new_v: &Version,
    old: &[Fact],
    new: &[Fact],
    rows: &[SentenceRow],
) -> FactPairing {
    let mut pairing = FactPairing::default();
    let aligned = aligned_map(rows);
    let no_sentences: Vec<usize> = Vec::new();
    let aligned_with = |old_sentence: usize| aligned.get(&old_sentence).unwrap_or(&no_sentences);
    // 1. Identity: first between aligned sentences, then wherever the facts are (a fact
    //    repeated or moved elsewhere is still there). Each old fact takes the first unused new
    //    fact with its key, looked up by key and sentence so that a key repeated thousands of
    //    times in a book costs no scan.
    let old_keys: Vec<String> = old.iter().map(fact_key).collect();
    let new_keys: Vec<String> = new.iter().map(fact_key).collect();
    let mut by_key: HashMap<&str, Queue> = HashMap::new();
    let mut by_key_sentence: HashMap<(&str, usize), Queue> = HashMap::new();
    for (j, (f, key)) in new.iter().zip(&new_keys).enumerate() {
        by_key.entry(key).or_default().items.push(j);
        by_key_sentence
            .entry((key, f.sentence))
            .or_default()
            .items
            .push(j);
    }
    let mut new_used = vec![false; new.len()];
    let mut old_used = vec![false; old.len()];
    for aligned_only in [true, false] {
        for (i, f) in old.iter().enumerate() {
            if old_used[i] {
                continue;
            }
            let key = old_keys[i].as_str();
            let pick = if aligned_only {
                aligned_with(f.sentence)
                    .iter()
                    .filter_map(|&s| by_key_sentence.get_mut(&(key, s))?.first_unused(&new_used))
                    .min()
            } else {
                by_key.get_mut(key).and_then(|q| q.first_unused(&new_used))
            };
            if let Some(j) = pick {
                pairing.same.push((i, j));
                old_used[i] = true;
                new_used[j] = true;
            }
        }
    }
    // 2. Changed values: candidates scored by where they sit. Every unused pair is scored
    //    when there are at most MAX_SCORED_PAIRS of them (always, for articles); beyond that
    //    (a book rewritten throughout) only facts in aligned sentences and quotes of the same
    //    speaker are scored, so the cost stays linear.
    let unused_old: Vec<usize> = (0..old.len()).filter(|&i| !old_used[i]).collect();
    let unused_new: Vec<usize> = (0..new.len()).filter(|&j| !new_used[j]).collect();
    let exhaustive = unused_old.len().saturating_mul(unused_new.len()) <= MAX_SCORED_PAIRS;
    let mut new_by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut new_by_speaker: HashMap<&str, Vec<usize>> = HashMap::new();
    if !exhaustive {
        for &j in &unused_new {
            new_by_sentence.entry(new[j].sentence).or_default().push(j);
            if let Some(id) = new[j].speaker_id.as_deref() {
                new_by_speaker.entry(id).or_default().push(j);
            }
        }
    }
    let mut old_words = SentenceWords::new(old_v);
    let mut new_words = SentenceWords::new(new_v);
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for &i in &unused_old {
        let a = &old[i];
        let aligned = aligned_with(a.sentence);
        let targets: Vec<usize> = if exhaustive {
            unused_new.clone()
        } else {
            let mut t: Vec<usize> = aligned
                .iter()
                .filter_map(|s| new_by_sentence.get(s))
                .flatten()
                .copied()
                .chain(
                    a.speaker_id
                        .as_deref()
                        .and_then(|id| new_by_speaker.get(id))
                        .into_iter()
                        .flatten()
                        .copied(),
                )
                .collect();
            t.sort_unstable();
            t.dedup();
            t
        };
        for j in targets {
            let b = &new[j];
            if !comparable(a, b) {
                continue;
            }
            let place = if aligned.contains(&b.sentence) {
                1.0
            } else if exhaustive {
                let s = dice_words(old_words.of(a.sentence), new_words.of(b.sentence));
                if s >= 0.5 { s * 0.8 } else { 0.0 }
            } else {
                0.0
            };
            let score = if a.kind == FactKind::Quote {
                let same_speaker = a.speaker_id.is_some() && a.speaker_id == b.speaker_id;
                let words = dice_words(&quote_words(&a.text), &quote_words(&b.text));
                if (same_speaker || place > 0.0) && words >= 0.3 {
                    words + place + if same_speaker { 0.5 } else { 0.0 }
                } else {
                    0.0
                }
            } else {
                place
            };
            if score > 0.0 {
                // Ties go to facts in the same order within their sentences.
                let order = (i as f64 - j as f64).abs() * 1e-6;
                candidates.push((score - order, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (_, i, j) in candidates {
        if !old_used[i] && !new_used[j] {
            old_used[i] = true;
            new_used[j] = true;
            pairing.changed.push((i, j));
        }
    }
    pairing.changed.sort_unstable();
    pairing.same.sort_unstable();
    pairing.dropped = (0..old.len()).filter(|&i| !old_used[i]).collect();
    pairing.added = (0..new.len()).filter(|&j| !new_used[j]).collect();
    pairing
}

/// Unpaired old × new facts scored one against the other before [`pair_facts`] narrows the
/// search to aligned sentences: an article has a few hundred facts, so a few thousand pairs;
/// ten million would take seconds.
const MAX_SCORED_PAIRS: usize = 4_000_000;

/// New fact indices in increasing order, consumed from the front.
#[derive(Default)]
struct Queue {
    items: Vec<usize>,
    next: usize,
}

impl Queue {
    /// The first index not used yet (indices used through another queue are skipped).
    fn first_unused(&mut self, used: &[bool]) -> Option<usize> {
        while let Some(&j) = self.items.get(self.next) {
            if !used.get(j).copied().unwrap_or(true) {
                return Some(j);
            }
            self.next += 1;
        }
        None
    }
}

/// The folded words of a version's sentences, computed once per sentence.
struct SentenceWords<'a> {
    version: &'a Version,
    cache: HashMap<usize, Vec<String>>,
}

impl<'a> SentenceWords<'a> {
    fn new(version: &'a Version) -> Self {
        SentenceWords {
            version,
            cache: HashMap::new(),
        }
    }

    fn of(&mut self, sentence: usize) -> &[String] {
        let version = self.version;
        self.cache.entry(sentence).or_insert_with(|| {
            version
                .sentences
                .get(sentence)
                .map(|s| {
                    s.tokens
                        .iter()
                        .filter(|t| t.kind == TokenKind::Word)
                        .map(|t| fold(&t.key))
                        .collect()
                })
                .unwrap_or_default()
        })
    }
}

/// For each old sentence, the new sentences aligned with it (changed, moved, split or merged
/// rows), built once instead of scanning every row for every fact.
fn aligned_map(rows: &[SentenceRow]) -> HashMap<usize, Vec<usize>> {
    let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
    for r in rows
        .iter()
        .filter(|r| r.change != Change::Added && r.change != Change::Removed)
    {
        if let (Some(from), Some(to)) = (r.from, r.to) {
            for old in from..from + r.from_count {
                map.entry(old).or_default().extend(to..to + r.to_count);
            }
        }
    }
    map
}

/// Share of word tokens two sentences (or quotes) have in common (Dice).
fn dice_words(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, i32> = HashMap::new();
    for w in a {
        *counts.entry(w).or_default() += 1;
    }
    let mut shared = 0;
    for w in b {
        if let Some(c) = counts.get_mut(w.as_str())
            && *c > 0
        {
            *c -= 1;
            shared += 1;
        }
    }
    2.0 * f64::from(shared) / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(kind: FactKind, text: &str, value: f64, unit: Option<&str>, sentence: usize) -> Fact {
        Fact {
            kind,
            text: text.into(),
            value: Some(FactValue::Number(value)),
            unit: unit.map(str::to_string),
            currency: None,
            qualifier: None,
            speaker: None,
            speaker_id: None,
            sentence,
            span: [0, 0],
        }
    }

    #[test]
    fn keys_ignore_plural_and_spelling_of_what_is_counted() {
        let a = fact(FactKind::Number, "175 marchés", 175.0, Some("marchés"), 0);
        let b = fact(FactKind::Number, "175 marches", 175.0, Some("marche"), 3);
        assert_eq!(fact_key(&a), fact_key(&b));
        let c = fact(FactKind::Number, "180 marchés", 180.0, Some("marchés"), 0);
        assert_ne!(fact_key(&a), fact_key(&c));
        assert!(comparable(&a, &c));
        assert!(!comparable(
            &a,
            &fact(FactKind::Number, "175 langues", 175.0, Some("langues"), 0)
        ));
    }
}
