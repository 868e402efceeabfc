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

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::document::{TokenKind, Version};
use super::extract::gazetteer::fold;
use super::extract::{Entity, Extraction, Fact, FactKind, FactValue};
use super::parallel;
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
    let ids =
        |x: &Extraction| -> HashSet<String> { x.entities.iter().map(|e| e.id.clone()).collect() };
    let (old_ids, new_ids) = (ids(old), ids(new));
    let added = new
        .entities
        .iter()
        .filter(|e| !old_ids.contains(&e.id))
        .cloned()
        .collect();
    let dropped = old
        .entities
        .iter()
        .filter(|e| !new_ids.contains(&e.id))
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
#[cfg(test)]
fn comparable(a: &Fact, b: &Fact) -> bool {
    let units = |f: &Fact| f.unit.as_deref().map(unit_key);
    comparable_units(a, b, units(a).as_deref(), units(b).as_deref())
}

/// [`comparable`] with the facts' unit keys computed beforehand (scoring compares every
/// unpaired old fact with every unpaired new one).
fn comparable_units(a: &Fact, b: &Fact, unit_a: Option<&str>, unit_b: Option<&str>) -> bool {
    if a.kind != b.kind {
        return false;
    }
    match a.kind {
        FactKind::Money => a.currency == b.currency,
        FactKind::Number | FactKind::Quantity => match (unit_a, unit_b) {
            (Some(x), Some(y)) => x == y || common_prefix(x, y) >= 5,
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
    pair_facts_keyed(old_v, new_v, old, new, rows).0
}

/// [`pair_facts`], with the [`fact_key`] of each old and new fact (the caller needs them too).
pub(crate) fn pair_facts_keyed(
    old_v: &Version,
    new_v: &Version,
    old: &[Fact],
    new: &[Fact],
    rows: &[SentenceRow],
) -> (FactPairing, Vec<String>, Vec<String>) {
    let mut pairing = FactPairing::default();
    let aligned = aligned_map(rows);
    let no_sentences: Vec<usize> = Vec::new();
    let aligned_with = |old_sentence: usize| aligned.get(&old_sentence).unwrap_or(&no_sentences);
    // 1. Identity: first between aligned sentences, then wherever the facts are (a fact
    //    repeated or moved elsewhere is still there). Each old fact takes the first unused new
    //    fact with its key, looked up by key and sentence so that a key repeated thousands of
    //    times in a book costs no scan.
    let old_keys: Vec<String> = parallel::map_weighted(old, |f| f.text.len() * 8, fact_key);
    let new_keys: Vec<String> = parallel::map_weighted(new, |f| f.text.len() * 8, fact_key);
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
    // 2. Changed values: candidates scored by where they sit. An unpaired old fact is scored
    //    against the unpaired new facts of comparable kind in aligned sentences, in sentences
    //    sharing at least half their words with its own (found by an exact similarity join,
    //    not by scoring every pair, so a book rewritten throughout stays linear), and, for a
    //    quote, the quotes of the same speaker.
    let unused_old: Vec<usize> = (0..old.len()).filter(|&i| !old_used[i]).collect();
    let unused_new: Vec<usize> = (0..new.len()).filter(|&j| !new_used[j]).collect();
    let mut new_by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut new_by_speaker: HashMap<&str, Vec<usize>> = HashMap::new();
    for &j in &unused_new {
        new_by_sentence.entry(new[j].sentence).or_default().push(j);
        if let Some(id) = new[j].speaker_id.as_deref() {
            new_by_speaker.entry(id).or_default().push(j);
        }
    }
    let mut ids = WordIds::default();
    let similar = similar_sentences(
        old_v,
        new_v,
        unused_old.iter().map(|&i| old[i].sentence),
        new_by_sentence.keys().copied(),
        &mut ids,
    );
    let no_similar: Vec<(usize, f64)> = Vec::new();
    let units = |facts: &[Fact], idx: &[usize]| -> HashMap<usize, Option<String>> {
        idx.iter()
            .map(|&i| (i, facts[i].unit.as_deref().map(unit_key)))
            .collect()
    };
    let (old_units, new_units) = (units(old, &unused_old), units(new, &unused_new));
    let quotes = |facts: &[Fact], idx: &[usize], ids: &mut WordIds| -> HashMap<usize, Vec<u32>> {
        idx.iter()
            .filter(|&&i| facts[i].kind == FactKind::Quote)
            .map(|&i| (i, ids.sorted(quote_words(&facts[i].text))))
            .collect()
    };
    let old_quotes = quotes(old, &unused_old, &mut ids);
    let new_quotes = quotes(new, &unused_new, &mut ids);
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for &i in &unused_old {
        let a = &old[i];
        let aligned = aligned_with(a.sentence);
        let like = similar.get(&a.sentence).unwrap_or(&no_similar);
        let mut targets: Vec<usize> = aligned
            .iter()
            .chain(like.iter().map(|(s, _)| s))
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
        targets.sort_unstable();
        targets.dedup();
        let unit_a = old_units.get(&i).and_then(Option::as_deref);
        for j in targets {
            let b = &new[j];
            let unit_b = new_units.get(&j).and_then(Option::as_deref);
            if !comparable_units(a, b, unit_a, unit_b) {
                continue;
            }
            let place = if aligned.contains(&b.sentence) {
                1.0
            } else {
                like.iter()
                    .find(|(s, _)| *s == b.sentence)
                    .map_or(0.0, |(_, dice)| dice * 0.8)
            };
            let score = if a.kind == FactKind::Quote {
                let same_speaker = a.speaker_id.is_some() && a.speaker_id == b.speaker_id;
                let words = match (old_quotes.get(&i), new_quotes.get(&j)) {
                    (Some(x), Some(y)) => dice_sorted(x, y),
                    _ => 0.0,
                };
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
    // The queues borrow the keys handed back.
    drop(by_key);
    drop(by_key_sentence);
    (pairing, old_keys, new_keys)
}

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

/// Words as numbers, so that comparing two word lists is a merge of sorted integers.
#[derive(Default)]
struct WordIds(HashMap<String, u32>);

impl WordIds {
    /// The id of `word`, added if new.
    fn id(&mut self, word: String) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(word).or_insert(next)
    }

    /// The ids of `words`, sorted (a multiset).
    fn sorted(&mut self, words: impl IntoIterator<Item = String>) -> Vec<u32> {
        let mut out: Vec<u32> = words.into_iter().map(|w| self.id(w)).collect();
        out.sort_unstable();
        out
    }
}

/// Sentences of one version sharing at least half their words with sentences of another.
const SIMILAR_SENTENCE: f64 = 0.5;

/// Sentence pairs the similarity join may check before it stops being exact: far more than
/// any article needs (its sentences are near-unique), reached only by long text made of a
/// few sentence patterns, where it would otherwise grow quadratically.
const MAX_CHECKED_PAIRS: usize = 4_000_000;

/// Past [`MAX_CHECKED_PAIRS`], a word (with its occurrence number) among the rarest of more
/// sentences than this is skipped: it says nothing about which sentence is alike. The most
/// alike sentences are still found through their rarer words.
const MAX_POSTINGS: usize = 64;

/// For each sentence of `old_v` among `old_sentences`, the sentences of `new_v` among
/// `new_sentences` whose words (folded, as multisets) have a Dice similarity of at least
/// [`SIMILAR_SENTENCE`] with it, with that similarity.
///
/// Exact, without scoring every pair: a prefix-filtering similarity join (as in Chaudhuri et
/// al.'s SSJoin and Bayardo et al.'s All-Pairs). Each sentence's words, made unique by their
/// occurrence number, are ordered rarest first; two sentences with Dice ≥ t share
/// `o ≥ t·|a| / (2 − t)` words, so they share one among the first `|a| − ⌈t·|a| / (2 − t)⌉ + 1`
/// of each. Only those prefixes are indexed, which leaves out the words every sentence has;
/// past a budget of checked pairs, words still shared by too many prefixes are skipped
/// ([`MAX_CHECKED_PAIRS`], [`MAX_POSTINGS`]), so the join is exact for articles and books
/// and bounded for repetitive text.
fn similar_sentences(
    old_v: &Version,
    new_v: &Version,
    old_sentences: impl Iterator<Item = usize>,
    new_sentences: impl Iterator<Item = usize>,
    ids: &mut WordIds,
) -> HashMap<usize, Vec<(usize, f64)>> {
    let mut words = |v: &Version, sentences: &mut dyn Iterator<Item = usize>| {
        let mut list: Vec<usize> = sentences.collect();
        list.sort_unstable();
        list.dedup();
        // Each distinct key is folded once.
        let mut folded: Vec<u32> = vec![u32::MAX; v.keys.len()];
        list.into_iter()
            .filter_map(|idx| {
                let mut sorted: Vec<u32> = v
                    .sentences
                    .get(idx)?
                    .tokens
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .map(|t| match folded.get_mut(t.key as usize) {
                        Some(id) if *id != u32::MAX => *id,
                        Some(id) => {
                            *id = ids.id(fold(v.key(t)));
                            *id
                        }
                        None => ids.id(String::new()),
                    })
                    .collect();
                sorted.sort_unstable();
                (!sorted.is_empty()).then_some((idx, sorted))
            })
            .collect::<Vec<(usize, Vec<u32>)>>()
    };
    let old_words = words(old_v, &mut { old_sentences });
    let new_words = words(new_v, &mut { new_sentences });
    // Occurrence-numbered words: the second "de" of a sentence is another token than the
    // first, so multiset overlap is set overlap.
    let unique = |sorted: &[u32]| -> Vec<(u32, u32)> {
        let mut out = Vec::with_capacity(sorted.len());
        for (k, &w) in sorted.iter().enumerate() {
            let occurrence = if k > 0 && sorted[k - 1] == w {
                out.last().map_or(0, |&(_, n): &(u32, u32)| n + 1)
            } else {
                0
            };
            out.push((w, occurrence));
        }
        out
    };
    let old_tokens: Vec<Vec<(u32, u32)>> = old_words.iter().map(|(_, w)| unique(w)).collect();
    let new_tokens: Vec<Vec<(u32, u32)>> = new_words.iter().map(|(_, w)| unique(w)).collect();
    let mut frequency: HashMap<(u32, u32), u32> = HashMap::new();
    for token in old_tokens.iter().chain(&new_tokens).flatten() {
        *frequency.entry(*token).or_default() += 1;
    }
    let rarest_first = |tokens: &mut Vec<(u32, u32)>| {
        tokens.sort_unstable_by_key(|t| (frequency.get(t).copied().unwrap_or(0), *t));
    };
    let t = SIMILAR_SENTENCE;
    // The bound rounded down a hair: a prefix one word longer costs nothing, one shorter
    // could miss a pair.
    let prefix =
        |len: usize| len - (t * len as f64 / (2.0 - t) - 1e-9).ceil().max(0.0) as usize + 1;
    let mut index: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
    for (k, mut tokens) in new_tokens.into_iter().enumerate() {
        rarest_first(&mut tokens);
        let p = prefix(tokens.len()).min(tokens.len());
        for token in &tokens[..p] {
            index.entry(*token).or_default().push(k);
        }
    }
    let old_tokens: Vec<Vec<(u32, u32)>> = old_tokens
        .into_iter()
        .map(|mut tokens| {
            rarest_first(&mut tokens);
            let p = prefix(tokens.len()).min(tokens.len());
            tokens.truncate(p);
            tokens
        })
        .collect();
    // Exact while the pairs to check stay within the budget; past it (text made of a few
    // sentence patterns), again without the words shared by too many prefixes. The pairs
    // are listed first and scored only if they fit the budget, so a join that gives up has
    // not scored millions of pairs for nothing; both steps run on the cores.
    let join = |max_postings: usize, budget: usize| {
        // Pairs listed so far, over all threads: past the budget the listing stops.
        let listed = AtomicUsize::new(0);
        let candidates = |&k: &usize| -> Vec<u32> {
            if listed.load(Ordering::Relaxed) > budget {
                return Vec::new();
            }
            let mut found: Vec<u32> = old_tokens[k]
                .iter()
                .map(|token| index.get(token).map_or(&[][..], Vec::as_slice))
                // A word in the prefix of that many sentences is no clue to which is alike.
                .filter(|postings| postings.len() <= max_postings)
                .flatten()
                .map(|&n| n as u32)
                .collect();
            found.sort_unstable();
            found.dedup();
            listed.fetch_add(found.len(), Ordering::Relaxed);
            found
        };
        let weight = |k: &usize| -> usize {
            old_tokens[*k]
                .iter()
                .map(|token| index.get(token).map_or(0, Vec::len).min(max_postings))
                .sum()
        };
        let olds: Vec<usize> = (0..old_tokens.len()).collect();
        let lists = parallel::map_weighted(&olds, weight, candidates);
        if listed.load(Ordering::Relaxed) > budget {
            return None;
        }
        let scored = parallel::map_weighted(
            &olds,
            |&k| lists[k].len() * 16,
            |&k| -> Vec<(usize, f64)> {
                let old_sorted = &old_words[k].1;
                lists[k]
                    .iter()
                    .filter_map(|&n| {
                        let (new_idx, new_sorted) = new_words.get(n as usize)?;
                        Some((*new_idx, dice_at_least(old_sorted, new_sorted, t)?))
                    })
                    .collect()
            },
        );
        let mut similar: HashMap<usize, Vec<(usize, f64)>> = HashMap::new();
        for (k, list) in scored.into_iter().enumerate() {
            if !list.is_empty() {
                similar.insert(old_words[k].0, list);
            }
        }
        Some(similar)
    };
    join(usize::MAX, MAX_CHECKED_PAIRS)
        .or_else(|| join(MAX_POSTINGS, usize::MAX))
        .unwrap_or_default()
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

/// Share of word tokens two sentences (or quotes) have in common (Dice), from their sorted id
/// multisets ([`WordIds::sorted`]): one merge, no hashing.
fn dice_sorted(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// [`dice_sorted`] when it is at least `t`, else None, found without finishing the merge once
/// the words left cannot reach `t` (most pairs a similarity join checks are far apart). The
/// same arithmetic as [`dice_sorted`], so the same pairs pass.
fn dice_at_least(a: &[u32], b: &[u32], t: f64) -> Option<f64> {
    let total = (a.len() + b.len()) as f64;
    let reachable = |shared: usize| 2.0 * shared as f64 / total >= t;
    if a.is_empty() && b.is_empty() || !reachable(a.len().min(b.len())) {
        return None;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        if !reachable(shared + (a.len() - i).min(b.len() - j)) {
            return None;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let dice = 2.0 * shared as f64 / total;
    (dice >= t).then_some(dice)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The early-exit Dice agrees with the full one on every pair of word lists.
    #[test]
    fn dice_at_least_agrees_with_dice() {
        let lists: Vec<Vec<u32>> = (0..40u32)
            .map(|k| {
                let mut l: Vec<u32> = (0..(k % 13)).map(|w| (w * 7 + k) % 11).collect();
                l.sort_unstable();
                l
            })
            .collect();
        for a in &lists {
            for b in &lists {
                for t in [0.0, 0.3, 0.5, 0.8, 1.0] {
                    let d = dice_sorted(a, b);
                    let expected = (d >= t && !(a.is_empty() && b.is_empty())).then_some(d);
                    assert_eq!(dice_at_least(a, b, t), expected, "{a:?} {b:?} {t}");
                }
            }
        }
    }

    /// The similarity join finds exactly the sentence pairs a check of every pair finds.
    #[test]
    fn similar_sentences_are_those_of_an_exhaustive_check() {
        use crate::core::pipeline::version_from_text;
        let words = [
            "le",
            "maire",
            "de",
            "Lyon",
            "a",
            "annoncé",
            "lundi",
            "la",
            "fermeture",
            "du",
            "site",
            "et",
            "plan",
            "social",
            "usine",
            "Renault",
            "Paris",
            "mardi",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut text = |count: usize| -> String {
            let mut out = String::from("Titre\n\n");
            for _ in 0..count {
                let len = 3 + next(9);
                let sentence: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
                out.push_str(&sentence.join(" "));
                out.push_str(". ");
            }
            out
        };
        let (a, b) = (
            version_from_text("a", &text(120), None),
            version_from_text("b", &text(120), None),
        );
        let mut ids = WordIds::default();
        let found = similar_sentences(&a, &b, 0..a.sentences.len(), 0..b.sentences.len(), &mut ids);
        let folded = |v: &Version, i: usize, ids: &mut WordIds| {
            let w = v.sentences[i]
                .tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| fold(v.key(t)));
            ids.sorted(w)
        };
        let mut expected = 0;
        for i in 0..a.sentences.len() {
            for j in 0..b.sentences.len() {
                let (x, y) = (folded(&a, i, &mut ids), folded(&b, j, &mut ids));
                let dice = dice_sorted(&x, &y);
                let listed = found.get(&i).and_then(|l| l.iter().find(|(s, _)| *s == j));
                if dice >= SIMILAR_SENTENCE {
                    expected += 1;
                    assert_eq!(listed.map(|(_, d)| *d), Some(dice), "{i} ~ {j} missed");
                } else {
                    assert!(listed.is_none(), "{i} ~ {j} listed at {dice}");
                }
            }
        }
        assert!(
            expected > 50,
            "the test text has similar sentences: {expected}"
        );
    }

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
