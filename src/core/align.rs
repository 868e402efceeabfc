//! Stage 4: two segmented versions → aligned sentence rows with word-level diffs.
//!
//! The method follows what works for news edits (NewsEdits, wikidiff2; see RESEARCH.md):
//! 1. **Anchors.** Sentences identical after normalisation are matched by a patience diff over
//!    sentence hashes: `unchanged`. Typography-only edits hash the same.
//! 2. **Gaps.** Between two anchors, old and new sentences are paired in order when their
//!    similarity (shared word characters, Dice) reaches [`AlignOptions::changed_threshold`]:
//!    `changed`, with a word diff. The pairing is the best-scoring monotone chain, where a
//!    candidate may also join one old sentence with two new ones (a split) or two old with one
//!    new (a merge) when that fits clearly better than either half alone.
//! 3. **Moves.** Old and new sentences still unmatched anywhere are paired when identical or when
//!    each is the other's best match at [`AlignOptions::moved_threshold`] or more: `moved`.
//!    Ambiguous candidates stay `removed` / `added`.
//! 4. What is left is `removed` or `added`.
//!
//! Nothing is quadratic in the article length: big gaps use an inverted index to find a few
//! candidates per sentence, and moves do the same, so a 1 MB article with heavy edits aligns in
//! milliseconds (see `benches/`).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use super::document::{Keys, Sentence, Token, TokenKind, Version};
use super::report::{
    Change, Comparison, EntityChanges, FactChanges, SentenceRow, Summary, WordChange, WordOp,
};

/// Tunable thresholds of the sentence alignment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlignOptions {
    /// Minimum similarity for an old and a new sentence at the same place to count as one
    /// `changed` sentence rather than a removal plus an addition. NewsEdits matches below a
    /// distance of 0.44; wikidiff2 keeps pairs above 0.2 similarity. 0.45 keeps rewrites of
    /// half a sentence together while an unrelated sentence at the same place stays apart.
    pub changed_threshold: f64,
    /// Minimum similarity for a sentence found at another place to count as `moved`. Higher
    /// than `changed_threshold` because position gives no evidence (wikidiff2 uses 0.4 of
    /// characters; we need more on short news sentences).
    pub moved_threshold: f64,
    /// "Tiktok" = "TikTok": case-only edits do not count.
    pub ignore_case: bool,
    /// A comma added or a full stop turned into a semicolon does not count.
    pub ignore_punctuation: bool,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            changed_threshold: 0.45,
            moved_threshold: 0.6,
            ignore_case: false,
            ignore_punctuation: false,
        }
    }
}

/// Gaps up to this many old × new sentences compare every pair; bigger ones use the index.
const FULL_GAP_CELLS: usize = 40_000;
/// Candidates examined per sentence when the index is used.
const CANDIDATES_PER_SENTENCE: usize = 8;
/// A word in more sentences than this is too common to find candidates with.
const MAX_POSTINGS: usize = 64;
/// A split/merge must beat the better single pair by this much.
const JOIN_MARGIN: f64 = 0.05;
/// Time allowed for one word-level diff before it falls back to a coarser result.
const WORD_DIFF_BUDGET: Duration = Duration::from_millis(200);

/// Per-sentence data the aligner works on.
struct Side<'a> {
    version: &'a Version,
    /// Exact identity after normalisation.
    hashes: Vec<u64>,
    /// Sorted interned ids of word and number tokens, with their character weights.
    bags: Vec<Vec<(u32, u32)>>,
    /// The comparison options (case and punctuation handling for word diffs).
    opts: AlignOptions,
    /// For each of the version's keys, its id shared by both sides (under the options' case
    /// rule) and its weight in characters: each distinct key is looked at once, not each token.
    ids: Vec<(u32, u32)>,
}

/// Interns token keys to small integers shared by both versions.
#[derive(Default)]
struct Interner<'a> {
    ids: HashMap<std::borrow::Cow<'a, str>, u32>,
}

impl<'a> Interner<'a> {
    fn id(&mut self, key: std::borrow::Cow<'a, str>) -> u32 {
        let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        *self.ids.entry(key).or_insert(next)
    }

    /// The shared id and the weight of each key of `keys`.
    fn ids_of(&mut self, keys: &'a Keys, ignore_case: bool) -> Vec<(u32, u32)> {
        keys.iter()
            .map(|key| {
                let weight = u32::try_from(key.chars().count()).unwrap_or(u32::MAX);
                let shared = if ignore_case {
                    std::borrow::Cow::Owned(key.to_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(key)
                };
                (self.id(shared), weight)
            })
            .collect()
    }
}

/// What a piece of a word diff compares by when it has no token of its own (ignored
/// punctuation at the very start): it equals only its like.
const NO_KEY: u32 = u32::MAX;

impl<'a> Side<'a> {
    fn new(version: &'a Version, interner: &mut Interner<'a>, opts: &AlignOptions) -> Side<'a> {
        let ids = interner.ids_of(&version.keys, opts.ignore_case);
        let mut hashes = Vec::with_capacity(version.sentences.len());
        let mut bags = Vec::with_capacity(version.sentences.len());
        for s in &version.sentences {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for id in s.tokens.iter().filter_map(|t| token_id(t, &ids, opts)) {
                id.hash(&mut h);
            }
            hashes.push(h.finish());
            bags.push(sentence_bag(s, &ids));
        }
        Side {
            version,
            hashes,
            bags,
            opts: *opts,
            ids,
        }
    }

    fn len(&self) -> usize {
        self.hashes.len()
    }

    /// The shared id `t` is compared by under the options; None when it is ignored.
    fn token_id(&self, t: &Token) -> Option<u32> {
        token_id(t, &self.ids, &self.opts)
    }
}

/// The shared id of token `t` given its version's key `ids`; None for ignored punctuation.
fn token_id(t: &Token, ids: &[(u32, u32)], opts: &AlignOptions) -> Option<u32> {
    if opts.ignore_punctuation && t.kind == TokenKind::Punct {
        return None;
    }
    Some(ids.get(t.key as usize).map_or(NO_KEY, |&(id, _)| id))
}

/// Weight of the tokens two sorted bags share (multiset intersection).
fn shared_weight(a: &[(u32, u32)], b: &[(u32, u32)]) -> u64 {
    let (mut i, mut j, mut shared) = (0, 0, 0u64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += u64::from(a[i].1);
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

fn merge_bags(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out
}

/// Dice similarity on word characters: 2 × shared ÷ (old + new). 1.0 for two empty bags
/// (sentences made only of punctuation compare by hash anyway).
fn dice(a: &[(u32, u32)], b: &[(u32, u32)]) -> f64 {
    let total: u64 = a.iter().chain(b).map(|&(_, w)| u64::from(w)).sum();
    if total == 0 {
        return 1.0;
    }
    2.0 * shared_weight(a, b) as f64 / total as f64
}

/// Similarity in [0, 1] of sentence `i` of `old` and sentence `j` of `new`, as the aligner
/// sees it (punctuation ignored, typography normalised); 0 when either is out of range.
///
/// ```
/// use factdiff::core::{align::sentence_similarity, pipeline::version_from_text};
/// let a = version_from_text("a", "Microsoft souhaite conclure un accord d'ici le 15 septembre.", None);
/// let b = version_from_text("b", "Microsoft souhaite conclure un accord d’ici le 12 novembre.", None);
/// let s = sentence_similarity(&a, 0, &b, 0);
/// assert!(s > 0.7 && s < 1.0);
/// ```
pub fn sentence_similarity(old: &Version, i: usize, new: &Version, j: usize) -> f64 {
    let (Some(a), Some(b)) = (old.sentences.get(i), new.sentences.get(j)) else {
        return 0.0;
    };
    // Only the two sentences' words are interned, not the versions' whole vocabularies.
    let mut interner = Interner::default();
    let mut bag = |s: &Sentence, v: &'_ Version| -> Vec<(u32, u32)> {
        let mut bag: Vec<(u32, u32)> = s
            .tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| {
                let key = v.key(t).to_string();
                let weight = u32::try_from(key.chars().count()).unwrap_or(u32::MAX);
                (interner.id(std::borrow::Cow::Owned(key)), weight)
            })
            .collect();
        bag.sort_unstable();
        bag
    };
    let (bag_a, bag_b) = (bag(a, old), bag(b, new));
    dice(&bag_a, &bag_b)
}

/// The sorted bag of word and number tokens of a sentence, with character weights, given
/// its version's key `ids`.
fn sentence_bag(s: &Sentence, ids: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut bag: Vec<(u32, u32)> = s
        .tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| ids.get(t.key as usize).copied().unwrap_or((NO_KEY, 0)))
        .collect();
    bag.sort_unstable();
    bag
}

/// One proposed pairing: old sentences `old..old+old_len` with new `new..new+new_len`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pair {
    old: usize,
    old_len: usize,
    new: usize,
    new_len: usize,
    similarity: f64,
}

/// How each sentence ended up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fate {
    Unmatched,
    /// Part of pair number n (unchanged or changed, in place).
    InPlace(usize),
    /// Part of moved pair number n.
    Moved(usize),
}

/// Compares two versions. `from` and `to` are their indices, copied into the result.
///
/// ```
/// use factdiff::core::{align::{compare, AlignOptions}, pipeline::version_from_text};
/// use factdiff::core::report::Change;
/// let old = version_from_text("v1", "Le titre\n\nUne phrase. Une autre phrase ici.", None);
/// let new = version_from_text("v2", "Le titre\n\nUne phrase. Une autre phrase là.", None);
/// let c = compare(&old, &new, 0, 1, &AlignOptions::default());
/// assert_eq!(c.summary.sentences_unchanged, 2);
/// assert_eq!(c.summary.sentences_changed, 1);
/// assert_eq!(c.sentences[2].change, Change::Changed);
/// ```
pub fn compare(
    old: &Version,
    new: &Version,
    from: usize,
    to: usize,
    opts: &AlignOptions,
) -> Comparison {
    let mut interner = Interner::default();
    let old_side = Side::new(old, &mut interner, opts);
    let new_side = Side::new(new, &mut interner, opts);
    let (pairs, moves) = align(&old_side, &new_side, opts);
    let sentences = build_rows(&old_side, &new_side, &pairs, &moves);
    let mut summary = Summary::default();
    for row in &sentences {
        match row.change {
            Change::Unchanged => summary.sentences_unchanged += 1,
            Change::Changed => summary.sentences_changed += 1,
            Change::Added => summary.sentences_added += 1,
            Change::Removed => summary.sentences_removed += 1,
            Change::Moved => summary.sentences_moved += 1,
        }
    }
    Comparison {
        from,
        to,
        summary,
        sentences,
        entities: EntityChanges::default(),
        facts: FactChanges::default(),
    }
}

/// Returns the in-place pairs (in order) and the moved pairs.
fn align(old: &Side, new: &Side, opts: &AlignOptions) -> (Vec<Pair>, Vec<Pair>) {
    let deadline = Some(Instant::now() + Duration::from_secs(2));
    let ops = capture_diff_slices_deadline(Algorithm::Patience, &old.hashes, &new.hashes, deadline);
    let mut pairs = Vec::new();
    // One tree for the chains of every gap, emptied between gaps.
    let mut chains = Fenwick::default();
    // Gaps lie between the end of one run of identical sentences and the start of the next.
    let (mut last_old, mut last_new) = (0, 0);
    for op in ops {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            if old_index > last_old && new_index > last_new {
                pairs.extend(align_gap(
                    old,
                    new,
                    last_old..old_index,
                    last_new..new_index,
                    opts,
                    &mut chains,
                ));
            }
            for k in 0..len {
                pairs.push(Pair {
                    old: old_index + k,
                    old_len: 1,
                    new: new_index + k,
                    new_len: 1,
                    similarity: 1.0,
                });
            }
            (last_old, last_new) = (old_index + len, new_index + len);
        }
    }
    if old.len() > last_old && new.len() > last_new {
        pairs.extend(align_gap(
            old,
            new,
            last_old..old.len(),
            last_new..new.len(),
            opts,
            &mut chains,
        ));
    }
    pairs.sort_by_key(|p| (p.old, p.new));

    let mut old_fate = vec![false; old.len()];
    let mut new_fate = vec![false; new.len()];
    for p in &pairs {
        old_fate[p.old..p.old + p.old_len]
            .iter_mut()
            .for_each(|f| *f = true);
        new_fate[p.new..p.new + p.new_len]
            .iter_mut()
            .for_each(|f| *f = true);
    }
    let moves = find_moves(old, new, &old_fate, &new_fate, opts);
    (pairs, moves)
}

/// Pairs sentences inside one gap between anchors (see the module doc, step 2).
fn align_gap(
    old: &Side,
    new: &Side,
    old_r: std::ops::Range<usize>,
    new_r: std::ops::Range<usize>,
    opts: &AlignOptions,
    chains: &mut Fenwick,
) -> Vec<Pair> {
    let threshold = opts.changed_threshold;
    // Candidate single pairs.
    let mut singles: Vec<Pair> = Vec::new();
    let candidate_news: Vec<Vec<usize>> = if old_r.len() * new_r.len() <= FULL_GAP_CELLS {
        old_r.clone().map(|_| new_r.clone().collect()).collect()
    } else {
        candidates_by_index(old, new, old_r.clone(), new_r.clone())
    };
    let mut sim_of: HashMap<(usize, usize), f64> = HashMap::new();
    for (i, news) in old_r.clone().zip(&candidate_news) {
        for &j in news {
            let s = dice(&old.bags[i], &new.bags[j]);
            sim_of.insert((i, j), s);
            if s >= threshold {
                singles.push(Pair {
                    old: i,
                    old_len: 1,
                    new: j,
                    new_len: 1,
                    similarity: s,
                });
            }
        }
    }
    let sim = |i: usize, j: usize| sim_of.get(&(i, j)).copied().unwrap_or(0.0);
    // Splits (one old → two new) and merges (two old → one new) among nearby candidates.
    let mut joins: Vec<Pair> = Vec::new();
    for (i, news) in old_r.clone().zip(&candidate_news) {
        for &j in news {
            if j + 1 < new_r.end {
                let single_best = sim(i, j).max(sim(i, j + 1));
                let s = dice(&old.bags[i], &merge_bags(&new.bags[j], &new.bags[j + 1]));
                if s >= threshold && s > single_best + JOIN_MARGIN {
                    joins.push(Pair {
                        old: i,
                        old_len: 1,
                        new: j,
                        new_len: 2,
                        similarity: s,
                    });
                }
            }
            if i + 1 < old_r.end {
                let single_best = sim(i, j).max(sim(i + 1, j));
                let s = dice(&merge_bags(&old.bags[i], &old.bags[i + 1]), &new.bags[j]);
                if s >= threshold && s > single_best + JOIN_MARGIN {
                    joins.push(Pair {
                        old: i,
                        old_len: 2,
                        new: j,
                        new_len: 1,
                        similarity: s,
                    });
                }
            }
        }
    }
    singles.extend(joins);
    best_chain(singles, chains)
}

/// For big gaps: up to [`CANDIDATES_PER_SENTENCE`] new sentences per old one that share the
/// most word weight with it, found through an inverted index of not-too-common words.
fn candidates_by_index(
    old: &Side,
    new: &Side,
    old_r: std::ops::Range<usize>,
    new_r: std::ops::Range<usize>,
) -> Vec<Vec<usize>> {
    let index = build_index(new, new_r.clone().collect::<Vec<_>>().as_slice());
    old_r
        .map(|i| top_candidates(&old.bags[i], &index))
        .collect()
}

type Index = HashMap<u32, Vec<(usize, u32)>>;

fn build_index(side: &Side, sentences: &[usize]) -> Index {
    let mut index: Index = HashMap::new();
    for &j in sentences {
        for &(id, w) in &side.bags[j] {
            let postings = index.entry(id).or_default();
            if postings.last().map(|&(s, _)| s) != Some(j) {
                postings.push((j, w));
            }
        }
    }
    index.retain(|_, postings| postings.len() <= MAX_POSTINGS);
    index
}

fn top_candidates(bag: &[(u32, u32)], index: &Index) -> Vec<usize> {
    let mut scores: HashMap<usize, u64> = HashMap::new();
    for &(id, w) in bag {
        if let Some(postings) = index.get(&id) {
            for &(j, _) in postings {
                *scores.entry(j).or_default() += u64::from(w);
            }
        }
    }
    let mut ranked: Vec<(usize, u64)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(CANDIDATES_PER_SENTENCE);
    let mut out: Vec<usize> = ranked.into_iter().map(|(j, _)| j).collect();
    out.sort_unstable();
    out
}

/// The best-scoring chain of non-overlapping pairs, increasing in both old and new positions.
/// A pair scores its similarity times the number of sentences it covers on average, so a
/// split that explains two new sentences beats a single pair that leaves one unexplained.
/// O(P log P) with a Fenwick tree of prefix maxima over new positions; `tree` is reused from
/// gap to gap.
fn best_chain(mut cands: Vec<Pair>, tree: &mut Fenwick) -> Vec<Pair> {
    if cands.is_empty() {
        return cands;
    }
    cands.sort_by_key(|p| (p.old, p.new, p.old_len, p.new_len));
    let max_new_end = cands.iter().map(|p| p.new + p.new_len).max().unwrap_or(0);
    tree.reset(max_new_end + 1);
    let score = |p: &Pair| p.similarity * (p.old_len + p.new_len) as f64 / 2.0;
    let mut best = vec![(0.0f64, usize::MAX); cands.len()];
    // Candidates become available as predecessors once their old range has ended.
    let mut by_old_end: Vec<usize> = (0..cands.len()).collect();
    by_old_end.sort_by_key(|&k| cands[k].old + cands[k].old_len);
    let mut next_ready = 0;
    for k in 0..cands.len() {
        let c = cands[k];
        while next_ready < by_old_end.len() {
            let r = by_old_end[next_ready];
            if cands[r].old + cands[r].old_len > c.old {
                break;
            }
            tree.update(cands[r].new + cands[r].new_len, best[r].0, r);
            next_ready += 1;
        }
        let (prev_score, prev) = tree.query(c.new);
        best[k] = (prev_score + score(&c), prev);
    }
    let mut end = 0;
    for k in 1..best.len() {
        if best[k].0 > best[end].0 {
            end = k;
        }
    }
    let mut chain = Vec::new();
    let mut k = end;
    while k != usize::MAX {
        chain.push(cands[k]);
        k = best[k].1;
    }
    chain.reverse();
    chain
}

/// Prefix maximum over positions 0..=n, remembering which candidate gave it.
#[derive(Default)]
struct Fenwick {
    tree: Vec<(f64, usize)>,
    /// Nodes set since the last reset.
    touched: Vec<usize>,
}

const EMPTY_NODE: (f64, usize) = (0.0, usize::MAX);

impl Fenwick {
    /// Empties the tree and makes it cover at least positions 0..=n. Only the nodes set since
    /// the last reset are cleared: one tree as long as a book serves its thousands of gaps
    /// (a new one per gap made alignment quadratic). A tree longer than a gap needs answers
    /// the gap's queries as one of its exact length would.
    fn reset(&mut self, n: usize) {
        for &i in &self.touched {
            if let Some(node) = self.tree.get_mut(i) {
                *node = EMPTY_NODE;
            }
        }
        self.touched.clear();
        if self.tree.len() < n + 1 {
            self.tree.resize(n + 1, EMPTY_NODE);
        }
    }

    /// Offers `value` (from candidate `who`) at position `pos`.
    fn update(&mut self, pos: usize, value: f64, who: usize) {
        let mut i = pos + 1;
        while i < self.tree.len() {
            if value > self.tree[i].0 {
                self.tree[i] = (value, who);
                self.touched.push(i);
            }
            i += i & i.wrapping_neg();
        }
    }

    /// Best value among positions 0..=pos.
    fn query(&self, pos: usize) -> (f64, usize) {
        let mut i = (pos + 1).min(self.tree.len() - 1);
        let mut best = (0.0, usize::MAX);
        while i > 0 {
            if self.tree[i].0 > best.0 {
                best = self.tree[i];
            }
            i -= i & i.wrapping_neg();
        }
        best
    }
}

/// Step 3: moves among sentences left unmatched.
fn find_moves(
    old: &Side,
    new: &Side,
    old_used: &[bool],
    new_used: &[bool],
    opts: &AlignOptions,
) -> Vec<Pair> {
    let old_free: Vec<usize> = (0..old.len()).filter(|&i| !old_used[i]).collect();
    let new_free: Vec<usize> = (0..new.len()).filter(|&j| !new_used[j]).collect();
    let mut moves = Vec::new();
    let mut old_taken = vec![false; old.len()];
    let mut new_taken = vec![false; new.len()];
    // Identical sentences first, paired in order.
    let mut by_hash: HashMap<u64, std::collections::VecDeque<usize>> = HashMap::new();
    for &j in &new_free {
        by_hash.entry(new.hashes[j]).or_default().push_back(j);
    }
    for &i in &old_free {
        if let Some(j) = by_hash.get_mut(&old.hashes[i]).and_then(|q| q.pop_front()) {
            moves.push(Pair {
                old: i,
                old_len: 1,
                new: j,
                new_len: 1,
                similarity: 1.0,
            });
            old_taken[i] = true;
            new_taken[j] = true;
        }
    }
    // Then mutual best fuzzy matches.
    let old_rest: Vec<usize> = old_free
        .iter()
        .copied()
        .filter(|&i| !old_taken[i])
        .collect();
    let new_rest: Vec<usize> = new_free
        .iter()
        .copied()
        .filter(|&j| !new_taken[j])
        .collect();
    if old_rest.is_empty() || new_rest.is_empty() {
        return moves;
    }
    let index = build_index(new, &new_rest);
    let mut best_for_old: Vec<(usize, usize, f64)> = Vec::new();
    let mut best_for_new: HashMap<usize, (f64, usize)> = HashMap::new();
    for &i in &old_rest {
        let mut best: Option<(usize, f64)> = None;
        for j in top_candidates(&old.bags[i], &index) {
            let s = dice(&old.bags[i], &new.bags[j]);
            if s > best.map_or(0.0, |b| b.1) {
                best = Some((j, s));
            }
            let entry = best_for_new.entry(j).or_insert((0.0, usize::MAX));
            if s > entry.0 {
                *entry = (s, i);
            }
        }
        if let Some((j, s)) = best {
            best_for_old.push((i, j, s));
        }
    }
    for (i, j, s) in best_for_old {
        let mutual = best_for_new.get(&j).is_some_and(|&(_, bi)| bi == i);
        if s >= opts.moved_threshold && mutual {
            moves.push(Pair {
                old: i,
                old_len: 1,
                new: j,
                new_len: 1,
                similarity: s,
            });
        }
    }
    moves.sort_by_key(|p| (p.new, p.old));
    moves
}

/// Step 5: rows in reading order of the new version, removed sentences where they stood.
fn build_rows(old: &Side, new: &Side, pairs: &[Pair], moves: &[Pair]) -> Vec<SentenceRow> {
    let mut old_fate = vec![Fate::Unmatched; old.len()];
    let mut new_fate = vec![Fate::Unmatched; new.len()];
    for (n, p) in pairs.iter().enumerate() {
        old_fate[p.old..p.old + p.old_len]
            .iter_mut()
            .for_each(|f| *f = Fate::InPlace(n));
        new_fate[p.new..p.new + p.new_len]
            .iter_mut()
            .for_each(|f| *f = Fate::InPlace(n));
    }
    for (n, p) in moves.iter().enumerate() {
        old_fate[p.old] = Fate::Moved(n);
        new_fate[p.new] = Fate::Moved(n);
    }
    let mut rows = Vec::with_capacity(old.len().max(new.len()));
    let mut emitted = vec![false; pairs.len()];
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match old_fate.get(i) {
            Some(Fate::Unmatched) => {
                rows.push(single_row(Change::Removed, old, i));
                i += 1;
                continue;
            }
            Some(Fate::Moved(_)) => {
                i += 1;
                continue;
            }
            Some(Fate::InPlace(n)) if emitted[*n] => {
                i += 1;
                continue;
            }
            _ => {}
        }
        match new_fate.get(j) {
            Some(Fate::Unmatched) => {
                rows.push(single_row(Change::Added, new, j));
                j += 1;
            }
            Some(Fate::Moved(n)) => {
                rows.push(pair_row(Change::Moved, old, new, &moves[*n]));
                j += 1;
            }
            Some(Fate::InPlace(n)) => {
                if !emitted[*n] {
                    let p = &pairs[*n];
                    let change = if p.old_len == 1
                        && p.new_len == 1
                        && old.hashes[p.old] == new.hashes[p.new]
                    {
                        Change::Unchanged
                    } else {
                        Change::Changed
                    };
                    rows.push(pair_row(change, old, new, p));
                    emitted[*n] = true;
                }
                j += 1;
            }
            None => {
                // Only old sentences remain; the branch above consumes them.
                i += 1;
            }
        }
    }
    rows
}

fn join_texts(side: &Side, start: usize, len: usize) -> String {
    (start..start + len)
        .map(|k| side.version.sentence_text(k))
        .collect::<Vec<_>>()
        .join(" ")
}

fn single_row(change: Change, side: &Side, idx: usize) -> SentenceRow {
    let text = Some(side.version.sentence_text(idx).to_string());
    let removed = change == Change::Removed;
    SentenceRow {
        change,
        from: removed.then_some(idx),
        to: (!removed).then_some(idx),
        from_count: usize::from(removed),
        to_count: usize::from(!removed),
        similarity: 0.0,
        old: if removed { text.clone() } else { None },
        new: if removed { None } else { text },
        words: Vec::new(),
    }
}

fn pair_row(change: Change, old: &Side, new: &Side, p: &Pair) -> SentenceRow {
    let words = if change == Change::Unchanged {
        Vec::new()
    } else {
        word_diff(old, p.old, p.old_len, new, p.new, p.new_len)
    };
    SentenceRow {
        change,
        from: Some(p.old),
        to: Some(p.new),
        from_count: p.old_len,
        to_count: p.new_len,
        similarity: (p.similarity * 1000.0).round() / 1000.0,
        old: Some(join_texts(old, p.old, p.old_len)),
        new: Some(join_texts(new, p.new, p.new_len)),
        words,
    }
}

/// Tokens of sentences `start..start+len` as (shared key id, key length in characters, shown
/// text with trailing space).
fn pieces(side: &Side, start: usize, len: usize) -> Vec<(u32, u32, String)> {
    let v = side.version;
    let mut out: Vec<(u32, u32, String)> = Vec::new();
    for k in start..start + len {
        let Some(s) = v.sentences.get(k) else {
            continue;
        };
        for (t, tok) in s.tokens.iter().enumerate() {
            let end = match s.tokens.get(t + 1) {
                Some(next) => next.byte_range.start,
                None => s.byte_range.end,
            };
            let mut shown = v
                .text
                .get(tok.byte_range.start..end)
                .unwrap_or("")
                .to_string();
            if t + 1 == s.tokens.len() && k + 1 < start + len {
                shown.push(' ');
            }
            match side.token_id(tok) {
                Some(id) => {
                    let chars = side.ids.get(tok.key as usize).map_or(0, |&(_, w)| w);
                    out.push((id, chars, shown));
                }
                // Ignored punctuation rides along with the word before it.
                None => match out.last_mut() {
                    Some(last) => last.2.push_str(&shown),
                    None => out.push((NO_KEY, 0, shown)),
                },
            }
        }
    }
    out
}

/// Word-level diff between old sentences and new sentences, cleaned up for reading: a lone
/// short equal word between two changes is folded into them, and within each changed stretch
/// deletions come before insertions.
fn word_diff(
    old: &Side,
    o: usize,
    o_len: usize,
    new: &Side,
    n: usize,
    n_len: usize,
) -> Vec<WordOp> {
    let a = pieces(old, o, o_len);
    let b = pieces(new, n, n_len);
    let a_keys: Vec<u32> = a.iter().map(|p| p.0).collect();
    let b_keys: Vec<u32> = b.iter().map(|p| p.0).collect();
    let deadline = Some(Instant::now() + WORD_DIFF_BUDGET);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &a_keys, &b_keys, deadline);
    // (change, old token range, new token range)
    let mut steps: Vec<(WordChange, std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for op in ops {
        let (tag, r_old, r_new) = op.as_tag_tuple();
        match tag {
            similar::DiffTag::Equal => steps.push((WordChange::Equal, r_old, r_new)),
            similar::DiffTag::Delete => {
                steps.push((WordChange::Delete, r_old, r_new.start..r_new.start))
            }
            similar::DiffTag::Insert => {
                steps.push((WordChange::Insert, r_old.start..r_old.start, r_new))
            }
            similar::DiffTag::Replace => {
                steps.push((WordChange::Delete, r_old.clone(), r_new.start..r_new.start));
                steps.push((WordChange::Insert, r_old.end..r_old.end, r_new));
            }
        }
    }
    // Fold short equal islands ("le", ",") between changes into the change.
    let is_island =
        |k: usize, steps: &[(WordChange, std::ops::Range<usize>, std::ops::Range<usize>)]| {
            let (c, r_old, _) = &steps[k];
            *c == WordChange::Equal
                && k > 0
                && k + 1 < steps.len()
                && r_old.len() == 1
                && a.get(r_old.start).is_some_and(|p| p.1 <= 3)
        };
    let mut out: Vec<WordOp> = Vec::new();
    let mut dels = String::new();
    let mut ins = String::new();
    let flush = |out: &mut Vec<WordOp>, dels: &mut String, ins: &mut String| {
        if !dels.is_empty() {
            out.push(WordOp {
                change: WordChange::Delete,
                text: std::mem::take(dels),
            });
        }
        if !ins.is_empty() {
            out.push(WordOp {
                change: WordChange::Insert,
                text: std::mem::take(ins),
            });
        }
    };
    for k in 0..steps.len() {
        let (change, r_old, r_new) = steps[k].clone();
        let old_text: String = a[r_old].iter().map(|p| p.2.as_str()).collect();
        let new_text: String = b[r_new].iter().map(|p| p.2.as_str()).collect();
        match change {
            WordChange::Equal if is_island(k, &steps) => {
                dels.push_str(&old_text);
                ins.push_str(&new_text);
            }
            WordChange::Equal => {
                flush(&mut out, &mut dels, &mut ins);
                // Keep the space before a deletion visible even when the new text glued the
                // next token on ("ein und" → "ein."): it goes to the deletion, so that equal +
                // insert still rebuilds the new sentence exactly.
                let next_deletes = steps.get(k + 1).is_some_and(|s| s.0 == WordChange::Delete);
                if next_deletes
                    && old_text.ends_with(char::is_whitespace)
                    && !new_text.ends_with(char::is_whitespace)
                {
                    dels.push(' ');
                }
                out.push(WordOp {
                    change,
                    text: new_text,
                });
            }
            WordChange::Delete => dels.push_str(&old_text),
            WordChange::Insert => ins.push_str(&new_text),
        }
    }
    flush(&mut out, &mut dels, &mut ins);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::Lang;
    use crate::core::pipeline::version_from_text;

    fn run(old: &str, new: &str) -> Comparison {
        let a = version_from_text("old", old, Some(Lang::Fr));
        let b = version_from_text("new", new, Some(Lang::Fr));
        compare(&a, &b, 0, 1, &AlignOptions::default())
    }

    fn changes(c: &Comparison) -> Vec<(Change, Option<usize>, Option<usize>)> {
        c.sentences
            .iter()
            .map(|r| (r.change, r.from, r.to))
            .collect()
    }

    #[test]
    fn typography_only_edits_are_unchanged() {
        let c = run(
            "Microsoft n'a pas le choix: \"Nous vendrons\", dit-il. Il reste 12,5 %.",
            "Microsoft n’a pas le choix\u{00A0}: «\u{202F}Nous vendrons\u{202F}», dit-il.  Il reste 12,5\u{202F}%.",
        );
        assert!(!c.summary.has_differences(), "{:?}", changes(&c));
        assert_eq!(c.summary.sentences_unchanged, 2);
    }

    #[test]
    fn a_changed_figure_is_a_changed_sentence_with_a_word_diff() {
        let c = run(
            "Titre\n\nMicrosoft souhaite conclure un accord d'ici le 15 septembre. La suite.",
            "Titre\n\nMicrosoft souhaite conclure un accord d'ici le 12 novembre. La suite.",
        );
        assert_eq!(changes(&c)[1], (Change::Changed, Some(1), Some(1)));
        let words = &c.sentences[1].words;
        let deleted: String = words
            .iter()
            .filter(|w| w.change == WordChange::Delete)
            .map(|w| w.text.as_str())
            .collect();
        let inserted: String = words
            .iter()
            .filter(|w| w.change == WordChange::Insert)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(deleted.trim(), "15 septembre");
        assert_eq!(inserted.trim(), "12 novembre");
        // Equal + insert rebuilds the new sentence.
        let rebuilt: String = words
            .iter()
            .filter(|w| w.change != WordChange::Delete)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(
            rebuilt,
            "Microsoft souhaite conclure un accord d'ici le 12 novembre."
        );
    }

    #[test]
    fn added_and_removed_sentences_keep_their_places() {
        let c = run(
            "Un. Deux est là. Trois est ici.",
            "Un. Trois est ici. Quatre arrive ensuite.",
        );
        assert_eq!(
            changes(&c),
            [
                (Change::Unchanged, Some(0), Some(0)),
                (Change::Removed, Some(1), None),
                (Change::Unchanged, Some(2), Some(1)),
                (Change::Added, None, Some(2)),
            ]
        );
    }

    #[test]
    fn a_moved_paragraph_is_moved_not_removed_and_added() {
        let old = "Premier paragraphe avec des faits.\n\nLe deuxième paragraphe parle de Pompeo et de Fox News.\n\nTroisième paragraphe sur l'Inde et les applications.\n\nQuatrième paragraphe final sur Douyin.";
        let new = "Premier paragraphe avec des faits.\n\nTroisième paragraphe sur l'Inde et les applications.\n\nQuatrième paragraphe final sur Douyin.\n\nLe deuxième paragraphe parle de Pompeo et de Fox News.";
        let c = run(old, new);
        assert_eq!(c.summary.sentences_moved, 1, "{:?}", changes(&c));
        assert_eq!(c.summary.sentences_unchanged, 3);
        assert!(changes(&c).contains(&(Change::Moved, Some(1), Some(3))));
    }

    #[test]
    fn a_moved_and_edited_sentence_is_moved_with_a_word_diff() {
        let old = "Alpha phrase courte. Pompeo a déclaré dans une interview à Fox News que Trump agirait. Gamma phrase ici. Delta phrase là.";
        let new = "Alpha phrase courte. Gamma phrase ici. Delta phrase là. Pompeo a déclaré dimanche dans une interview à Fox News que Trump agirait.";
        let c = run(old, new);
        let moved: Vec<_> = c
            .sentences
            .iter()
            .filter(|r| r.change == Change::Moved)
            .collect();
        assert_eq!(moved.len(), 1);
        assert!(
            moved[0]
                .words
                .iter()
                .any(|w| w.change == WordChange::Insert && w.text.contains("dimanche"))
        );
    }

    #[test]
    fn a_split_sentence_is_one_changed_row_covering_two_new_sentences() {
        let c = run(
            "Début. Microsoft prévoit de reprendre les activités américaines de Tiktok, et le groupe est ouvert à d'autres investisseurs minoritaires. Fin.",
            "Début. Microsoft prévoit de reprendre les activités américaines de Tiktok. Le groupe est ouvert à d'autres investisseurs minoritaires. Fin.",
        );
        let row = &c.sentences[1];
        assert_eq!(
            (row.change, row.from, row.to, row.from_count, row.to_count),
            (Change::Changed, Some(1), Some(1), 1, 2)
        );
        assert_eq!(c.summary.sentences_added, 0);
        assert_eq!(c.sentences.len(), 3);
    }

    #[test]
    fn two_merged_sentences_are_one_changed_row_covering_two_old_sentences() {
        let c = run(
            "Début. Le président avait déjà annoncé vendredi qu'il souhaitait interdire Tiktok. Il pourrait prendre des mesures samedi. Fin.",
            "Début. Le président avait déjà annoncé vendredi qu'il souhaitait interdire Tiktok et pourrait prendre des mesures samedi. Fin.",
        );
        let row = &c.sentences[1];
        assert_eq!(
            (row.change, row.from_count, row.to_count),
            (Change::Changed, 2, 1)
        );
        assert_eq!(c.summary.sentences_removed, 0);
    }

    #[test]
    fn an_unrelated_replacement_is_removed_plus_added() {
        let c = run(
            "Un. Le chat dort sur le canapé. Fin.",
            "Un. Les marchés financiers ont chuté hier. Fin.",
        );
        assert_eq!(c.summary.sentences_removed, 1);
        assert_eq!(c.summary.sentences_added, 1);
        assert_eq!(c.summary.sentences_changed, 0);
    }

    #[test]
    fn the_threshold_is_tunable() {
        let a = version_from_text(
            "a",
            "Un. Le groupe Microsoft veut acheter Tiktok aux États-Unis. Fin.",
            Some(Lang::Fr),
        );
        let b = version_from_text(
            "b",
            "Un. Le groupe Oracle veut acheter Tiktok en Europe. Fin.",
            Some(Lang::Fr),
        );
        let strict = compare(
            &a,
            &b,
            0,
            1,
            &AlignOptions {
                changed_threshold: 0.95,
                moved_threshold: 0.95,
                ..AlignOptions::default()
            },
        );
        let loose = compare(
            &a,
            &b,
            0,
            1,
            &AlignOptions {
                changed_threshold: 0.3,
                moved_threshold: 0.6,
                ..AlignOptions::default()
            },
        );
        assert_eq!(strict.summary.sentences_changed, 0);
        assert_eq!(loose.summary.sentences_changed, 1);
    }

    #[test]
    fn case_and_punctuation_can_be_ignored() {
        let a = version_from_text(
            "a",
            "Un. Microsoft veut racheter Tiktok, dit-on. Fin.",
            Some(Lang::Fr),
        );
        let b = version_from_text(
            "b",
            "Un. Microsoft veut racheter TikTok dit-on. Fin.",
            Some(Lang::Fr),
        );
        let strict = compare(&a, &b, 0, 1, &AlignOptions::default());
        assert_eq!(strict.summary.sentences_changed, 1);
        let lenient = AlignOptions {
            ignore_case: true,
            ignore_punctuation: true,
            ..AlignOptions::default()
        };
        let c = compare(&a, &b, 0, 1, &lenient);
        assert!(!c.summary.has_differences(), "{:?}", changes(&c));
        let only_case = AlignOptions {
            ignore_case: true,
            ..AlignOptions::default()
        };
        let c = compare(&a, &b, 0, 1, &only_case);
        assert_eq!(c.summary.sentences_changed, 1, "the comma still counts");
        let words = &c.sentences[1].words;
        assert!(
            words
                .iter()
                .any(|w| w.change == WordChange::Delete && w.text.contains(',')),
            "{words:?}"
        );
    }

    #[test]
    fn every_sentence_appears_exactly_once_on_each_side() {
        let old = "A un. B deux trois. C quatre cinq six. D sept.\n\nE huit neuf. F dix.";
        let new =
            "F dix. A un. C quatre cinq six sept. B deux trois. X nouveau.\n\nE huit neuf neuf.";
        let c = run(old, new);
        let mut seen_old = vec![0; 6];
        let mut seen_new = vec![0; 6];
        for r in &c.sentences {
            if let Some(f) = r.from {
                (f..f + r.from_count).for_each(|k| seen_old[k] += 1);
            }
            if let Some(t) = r.to {
                (t..t + r.to_count).for_each(|k| seen_new[k] += 1);
            }
        }
        assert!(
            seen_old.iter().all(|&n| n == 1),
            "{seen_old:?} {:?}",
            changes(&c)
        );
        assert!(
            seen_new.iter().all(|&n| n == 1),
            "{seen_new:?} {:?}",
            changes(&c)
        );
    }
}
