//! Find in the compared pair (Ctrl+F): a query, its matches in both versions, the current one.
//!
//! In: the query and the comparison's rows. Out: [`FindMatch`]es (a display row and byte ranges
//! of its `old` and `new` text) that the central panel paints over the text, and the row to
//! scroll to. The search is case-insensitive and runs over the normalised text
//! ([`normalize`]), so `l'Inde` finds `l’Inde` and `"oui"` finds `« oui »`. The folded texts are
//! built once per comparison, on the first search, and the matches once per query: drawing never
//! searches, so find stays cheap on long articles.

use std::ops::Range;

use super::diff_view::DisplayRow;
use crate::core::normalize::{Normalized, normalize};
use crate::core::report::{Change, Comparison};

/// One match: on one row, in the old text, the new text, or both (an unchanged sentence is one
/// match shown in both columns).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindMatch {
    /// Index into the display rows.
    pub display_row: usize,
    /// Byte range of `SentenceRow::old`.
    pub old: Option<Range<usize>>,
    /// Byte range of `SentenceRow::new`.
    pub new: Option<Range<usize>>,
}

/// A row text folded for search: lower case over the normalised text, with the way back.
#[derive(Clone, Debug, Default)]
struct Folded {
    text: String,
    /// `to_normalized[i]`: byte of the normalised text that folded byte `i` came from; one
    /// extra entry for the end.
    to_normalized: Vec<u32>,
    normalized: Normalized,
}

impl Folded {
    fn new(original: &str) -> Self {
        let normalized = normalize(original);
        let mut text = String::with_capacity(normalized.text.len());
        let mut to_normalized = Vec::with_capacity(normalized.text.len() + 1);
        for (at, c) in normalized.text.char_indices() {
            let start = text.len();
            text.extend(c.to_lowercase());
            let at = u32::try_from(at).unwrap_or(u32::MAX);
            to_normalized.extend(std::iter::repeat_n(at, text.len() - start));
        }
        to_normalized.push(u32::try_from(normalized.text.len()).unwrap_or(u32::MAX));
        Folded {
            text,
            to_normalized,
            normalized,
        }
    }

    /// Byte ranges of the original text where `needle` (already folded) occurs.
    fn find(&self, needle: &str) -> Vec<Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(needle)
            .filter_map(|(at, m)| {
                let start = *self.to_normalized.get(at)? as usize;
                // The end: the start of the first folded byte after the match.
                let end = *self.to_normalized.get(at + m.len())? as usize;
                let range = self.normalized.original_range(start..end.max(start));
                (range.start < range.end).then_some(range)
            })
            .collect()
    }
}

/// The find bar's state.
#[derive(Clone, Debug, Default)]
pub struct Find {
    /// The bar is shown.
    pub(crate) open: bool,
    /// The text box should take the keyboard focus on the next frame.
    pub(crate) focus_requested: bool,
    pub(crate) query: String,
    /// The query and the comparison the matches are for.
    searched: Option<(String, u64)>,
    matches: Vec<FindMatch>,
    current: Option<usize>,
    /// Folded old and new texts of each display row (empty for ghosts), for `index_generation`.
    index: Vec<(Folded, Folded)>,
    index_generation: Option<u64>,
}

impl Find {
    pub(crate) fn open(&mut self) {
        self.open = true;
        self.focus_requested = true;
    }

    pub(crate) fn close(&mut self) {
        self.open = false;
    }

    /// True while the find bar is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The text searched for.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Every match of the query, in reading order.
    pub fn matches(&self) -> &[FindMatch] {
        &self.matches
    }

    /// The index of the current match in [`Find::matches`].
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Sets the query (what typing in the bar does); the matches follow on the next frame.
    pub fn set_query(&mut self, query: &str) {
        query.clone_into(&mut self.query);
    }

    /// Moves to the next (or previous) match, wrapping; returns its display row.
    pub(crate) fn step(&mut self, forward: bool) -> Option<usize> {
        let len = self.matches.len();
        if len == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => len - 1,
            (Some(i), true) => (i + 1) % len,
            (Some(i), false) => (i + len - 1) % len,
        };
        self.current = Some(next);
        self.matches.get(next).map(|m| m.display_row)
    }

    /// Recomputes the matches when the query or the comparison changed. Returns the display row
    /// of the first match when the query changed, to scroll there as the reader types.
    pub(crate) fn update(
        &mut self,
        generation: u64,
        comparison: &Comparison,
        display_rows: &[DisplayRow],
    ) -> Option<usize> {
        let needle = normalize(self.query.trim()).text.to_lowercase();
        if self.searched.as_ref() == Some(&(needle.clone(), generation)) {
            return None;
        }
        let query_changed = self.searched.as_ref().is_none_or(|(q, _)| *q != needle);
        self.searched = Some((needle.clone(), generation));
        self.matches.clear();
        self.current = None;
        if needle.is_empty() {
            return None;
        }
        if self.index_generation != Some(generation) {
            self.index = display_rows
                .iter()
                .map(|d| match *d {
                    DisplayRow::Row(idx) => comparison
                        .sentences
                        .get(idx)
                        .map(|row| {
                            (
                                Folded::new(row.old.as_deref().unwrap_or("")),
                                Folded::new(row.new.as_deref().unwrap_or("")),
                            )
                        })
                        .unwrap_or_default(),
                    DisplayRow::Ghost(_) => Default::default(),
                })
                .collect();
            self.index_generation = Some(generation);
        }
        for (display_row, (old, new)) in self.index.iter().enumerate() {
            let unchanged = matches!(display_rows.get(display_row), Some(DisplayRow::Row(idx))
                if comparison.sentences.get(*idx).is_some_and(|r| r.change == Change::Unchanged));
            let (old_hits, new_hits) = (old.find(&needle), new.find(&needle));
            if unchanged && old_hits.len() == new_hits.len() {
                self.matches
                    .extend(old_hits.into_iter().zip(new_hits).map(|(o, n)| FindMatch {
                        display_row,
                        old: Some(o),
                        new: Some(n),
                    }));
                continue;
            }
            let old_hits = old_hits.into_iter().map(|o| FindMatch {
                display_row,
                old: Some(o),
                new: None,
            });
            let new_hits = new_hits.into_iter().map(|n| FindMatch {
                display_row,
                old: None,
                new: Some(n),
            });
            self.matches.extend(old_hits.chain(new_hits));
        }
        if query_changed && !self.matches.is_empty() {
            self.current = Some(0);
            return self.matches.first().map(|m| m.display_row);
        }
        None
    }

    /// The matches on display row `row`, with whether each is the current one.
    pub(crate) fn on_row(&self, row: usize) -> impl Iterator<Item = (&FindMatch, bool)> {
        let start = self.matches.partition_point(|m| m.display_row < row);
        self.matches[start..]
            .iter()
            .enumerate()
            .take_while(move |(_, m)| m.display_row == row)
            .map(move |(i, m)| (m, self.current == Some(start + i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::{EntityChanges, FactChanges, SentenceRow, Summary};

    #[test]
    fn search_ignores_case_and_typography() {
        let text = "C’est «\u{a0}Oui\u{a0}» à l’Inde, dit-il.";
        let folded = Folded::new(text);
        let needle = |q: &str| normalize(q).text.to_lowercase();
        let hits = folded.find(&needle("l'inde"));
        assert_eq!(
            hits.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["l’Inde"]
        );
        // Guillemets with no-break spaces match straight quotes with plain ones.
        let hits = folded.find(&needle("\" oui \""));
        assert_eq!(&text[hits[0].clone()], "«\u{a0}Oui\u{a0}»");
        assert!(folded.find("non").is_empty());
    }

    #[test]
    fn an_unchanged_sentence_is_one_match_in_both_columns() {
        let row = |change, old: &str, new: &str| SentenceRow {
            change,
            from: Some(0),
            to: Some(0),
            from_count: 1,
            to_count: 1,
            similarity: 1.0,
            old: Some(old.into()),
            new: Some(new.into()),
            words: Vec::new(),
        };
        let comparison = Comparison {
            from: 0,
            to: 1,
            summary: Summary::default(),
            sentences: vec![
                row(Change::Unchanged, "Storm hits.", "Storm hits."),
                row(
                    Change::Changed,
                    "The storm killed 8.",
                    "The storm killed 11.",
                ),
            ],
            entities: EntityChanges::default(),
            facts: FactChanges::default(),
        };
        let rows = [DisplayRow::Row(0), DisplayRow::Row(1)];
        let mut find = Find::default();
        find.set_query("STORM");
        assert_eq!(find.update(1, &comparison, &rows), Some(0));
        assert_eq!(find.matches().len(), 3);
        assert_eq!(find.matches()[0].old, Some(0..5));
        assert_eq!(find.matches()[0].new, Some(0..5));
        assert_eq!(find.step(true), Some(1));
        assert_eq!(find.step(true), Some(1));
        assert_eq!(find.step(true), Some(0));
        assert_eq!(find.on_row(1).count(), 2);
        // Nothing is searched again until the query or the comparison changes.
        assert_eq!(find.update(1, &comparison, &rows), None);
        assert_eq!(find.current(), Some(0));
    }
}
