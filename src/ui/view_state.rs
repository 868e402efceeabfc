//! What the reader chose about how the compared pair is shown, and the screen rows that follow.
//!
//! In: the comparison's display rows (see `diff_view::display_rows`) and the reader's choices:
//! side by side or inline, all rows or only the changes (with the unchanged runs the reader
//! opened again), the find query, the changes-panel filter, the timeline panel. Out: the list of
//! [`ViewRow`]s the central panel draws, rebuilt only when one of those inputs changes, and the
//! scroll requests of find, the overview bar and next / previous change.
//!
//! The choices are plain serde data (`#[serde(default)]`) so the app can persist them; the
//! derived rows, the find index and the timeline are caches (`#[serde(skip)]`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::changes_panel::ChangeFilter;
use super::diff_view::DisplayRow;
use super::find::Find;
use super::timeline_panel::TimelineCache;
use crate::core::report::{Change, Comparison, Timeline};

/// Unchanged sentences kept around a change when only changes are shown.
pub(crate) const CONTEXT_ROWS: usize = 1;
/// A run of unchanged rows shorter than this stays open (a "1 unchanged sentence" row would
/// take as much room as the sentence).
const MIN_COLLAPSED: usize = 2;

/// One screen row of the central panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewRow {
    /// `display_rows[idx]`: an aligned row, or the ghost of a moved sentence.
    Display(usize),
    /// Display rows `start..start + count`, all unchanged, folded into one clickable row.
    Collapsed { start: usize, count: usize },
}

/// The reader's view choices and what is derived from them.
///
/// ```
/// use factdiff::ui::ViewState;
/// let mut view = ViewState::default();
/// assert!(!view.inline() && !view.only_changes());
/// view.toggle_inline();
/// assert!(view.inline());
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// One column, deletions struck then insertions, instead of two columns.
    inline: bool,
    /// Unchanged runs fold into one row each.
    only_changes: bool,
    /// The timeline panel (versions × entities and facts) is shown.
    timeline_visible: bool,
    /// Which items the changes panel shows.
    pub(crate) filter: ChangeFilter,
    /// Unchanged runs the reader opened again, by their first display row.
    #[serde(skip)]
    expanded: BTreeSet<usize>,
    /// The rows drawn, and what they were built from.
    #[serde(skip)]
    rows: Vec<ViewRow>,
    #[serde(skip)]
    rows_key: Option<(u64, bool, usize)>,
    /// Bumped whenever `rows` or the layout mode change: keys the row-height cache.
    #[serde(skip)]
    layout_generation: u64,
    /// The app generation the expanded runs belong to.
    #[serde(skip)]
    generation: u64,
    #[serde(skip)]
    pub(crate) find: Find,
    #[serde(skip)]
    pub(crate) timeline: TimelineCache,
    /// A display row to bring into view on the next frame (find, overview, a timeline click).
    #[serde(skip)]
    pub(crate) scroll_to: Option<usize>,
    /// A scroll offset (content y) asked for by the overview bar.
    #[serde(skip)]
    pub(crate) scroll_offset: Option<f32>,
}

impl ViewState {
    /// True in the inline (unified) view, false side by side.
    pub fn inline(&self) -> bool {
        self.inline
    }

    /// True when unchanged runs are folded.
    pub fn only_changes(&self) -> bool {
        self.only_changes
    }

    /// True while the timeline panel is shown.
    pub fn timeline_visible(&self) -> bool {
        self.timeline_visible
    }

    pub fn toggle_inline(&mut self) {
        self.inline = !self.inline;
        self.layout_generation += 1;
    }

    pub fn toggle_only_changes(&mut self) {
        self.only_changes = !self.only_changes;
        self.expanded.clear();
        self.rows_key = None;
    }

    pub fn toggle_timeline(&mut self) {
        self.timeline_visible = !self.timeline_visible;
    }

    /// The rows drawn by the last frame.
    pub fn rows(&self) -> &[ViewRow] {
        &self.rows
    }

    /// Opens the folded run starting at display row `start`.
    pub fn expand_run(&mut self, start: usize) {
        if self.expanded.insert(start) {
            self.rows_key = None;
        }
    }

    /// The find state: query, matches, current match.
    pub fn find(&self) -> &Find {
        &self.find
    }

    /// The timeline of all versions, once the timeline panel (or a fact's tooltip) asked for it.
    pub fn timeline(&self) -> Option<&Timeline> {
        self.timeline.timeline()
    }

    /// Opens the find bar and puts the keyboard focus in it.
    pub fn open_find(&mut self) {
        self.find.open();
    }

    /// Goes to the next (or previous) match, wrapping around, and scrolls to it.
    pub fn step_match(&mut self, forward: bool) {
        if let Some(row) = self.find.step(forward) {
            self.scroll_to = Some(row);
        }
    }

    pub(crate) fn layout_generation(&self) -> u64 {
        self.layout_generation
    }

    /// Rebuilds the rows when the comparison (`generation`) or the folding changed.
    pub(crate) fn update_rows(
        &mut self,
        generation: u64,
        comparison: &Comparison,
        display_rows: &[DisplayRow],
    ) {
        if generation != self.generation {
            self.generation = generation;
            self.expanded.clear();
            self.rows_key = None;
            self.scroll_to = None;
            self.scroll_offset = None;
        }
        // A row asked for must not be folded away.
        if let Some(target) = self.scroll_to
            && let Some(start) = self.folded_run_of(target)
        {
            self.expand_run(start);
        }
        let key = (generation, self.only_changes, self.expanded.len());
        if self.rows_key == Some(key) {
            return;
        }
        self.rows = if self.only_changes {
            fold_unchanged(comparison, display_rows, &self.expanded)
        } else {
            (0..display_rows.len()).map(ViewRow::Display).collect()
        };
        self.rows_key = Some(key);
        self.layout_generation += 1;
    }

    /// The start of the folded run holding display row `target`, if it is folded.
    fn folded_run_of(&self, target: usize) -> Option<usize> {
        self.rows.iter().find_map(|row| match *row {
            ViewRow::Collapsed { start, count } if (start..start + count).contains(&target) => {
                Some(start)
            }
            _ => None,
        })
    }

    /// The screen row showing display row `display`, if it is not folded.
    pub(crate) fn view_index(&self, display: usize) -> Option<usize> {
        let at = self.rows.partition_point(|row| match *row {
            ViewRow::Display(d) => d < display,
            ViewRow::Collapsed { start, count } => start + count <= display,
        });
        match self.rows.get(at)? {
            ViewRow::Display(d) if *d == display => Some(at),
            _ => None,
        }
    }
}

/// Whether display row `row` shows a change (ghosts of moved sentences count).
pub(crate) fn is_change(comparison: &Comparison, row: DisplayRow) -> bool {
    match row {
        DisplayRow::Ghost(_) => true,
        DisplayRow::Row(idx) => comparison
            .sentences
            .get(idx)
            .is_some_and(|r| r.change != Change::Unchanged),
    }
}

/// The screen rows with each long unchanged run folded, keeping [`CONTEXT_ROWS`] on each side
/// that touches a change; runs in `expanded` stay open.
fn fold_unchanged(
    comparison: &Comparison,
    display_rows: &[DisplayRow],
    expanded: &BTreeSet<usize>,
) -> Vec<ViewRow> {
    let mut out = Vec::new();
    let mut idx = 0;
    while idx < display_rows.len() {
        if is_change(comparison, display_rows[idx]) {
            out.push(ViewRow::Display(idx));
            idx += 1;
            continue;
        }
        let run_start = idx;
        while idx < display_rows.len() && !is_change(comparison, display_rows[idx]) {
            idx += 1;
        }
        let run_end = idx;
        let head = if run_start == 0 { 0 } else { CONTEXT_ROWS };
        let tail = if run_end == display_rows.len() {
            0
        } else {
            CONTEXT_ROWS
        };
        let fold_start = run_start + head;
        let fold_end = run_end.saturating_sub(tail).max(fold_start);
        if fold_end - fold_start < MIN_COLLAPSED || expanded.contains(&fold_start) {
            out.extend((run_start..run_end).map(ViewRow::Display));
            continue;
        }
        out.extend((run_start..fold_start).map(ViewRow::Display));
        out.push(ViewRow::Collapsed {
            start: fold_start,
            count: fold_end - fold_start,
        });
        out.extend((fold_end..run_end).map(ViewRow::Display));
    }
    out
}

/// The next (or previous) display row after `current` that shows a change, wrapping around;
/// from the top (or the bottom) when there is no current row. Ghosts are skipped: their moved
/// row is the change.
pub(crate) fn step_changed_row(
    comparison: &Comparison,
    display_rows: &[DisplayRow],
    current: Option<usize>,
    forward: bool,
) -> Option<usize> {
    let changed = |d: &DisplayRow| matches!(d, DisplayRow::Row(_)) && is_change(comparison, *d);
    let positions: Vec<usize> = display_rows
        .iter()
        .enumerate()
        .filter(|(_, d)| changed(d))
        .map(|(i, _)| i)
        .collect();
    let (first, last) = (positions.first().copied()?, positions.last().copied()?);
    Some(match (current, forward) {
        (None, true) => first,
        (None, false) => last,
        (Some(c), true) => positions.iter().copied().find(|&p| p > c).unwrap_or(first),
        (Some(c), false) => positions
            .iter()
            .rev()
            .copied()
            .find(|&p| p < c)
            .unwrap_or(last),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::{EntityChanges, FactChanges, SentenceRow, Summary};

    fn comparison(changes: &[Change]) -> Comparison {
        Comparison {
            from: 0,
            to: 1,
            summary: Summary::default(),
            sentences: changes
                .iter()
                .enumerate()
                .map(|(i, &change)| SentenceRow {
                    change,
                    from: Some(i),
                    to: Some(i),
                    from_count: 1,
                    to_count: 1,
                    similarity: 1.0,
                    old: Some(format!("s{i}")),
                    new: Some(format!("s{i}")),
                    words: Vec::new(),
                })
                .collect(),
            entities: EntityChanges::default(),
            facts: FactChanges::default(),
        }
    }

    #[test]
    fn long_unchanged_runs_fold_with_one_row_of_context() {
        use Change::{Changed as C, Unchanged as U};
        let c = comparison(&[U, U, U, C, U, U, U, U, U, C, U]);
        let rows: Vec<DisplayRow> = (0..c.sentences.len()).map(DisplayRow::Row).collect();
        let folded = fold_unchanged(&c, &rows, &BTreeSet::new());
        use ViewRow::{Collapsed, Display};
        assert_eq!(
            folded,
            vec![
                Collapsed { start: 0, count: 2 },
                Display(2),
                Display(3),
                Display(4),
                Collapsed { start: 5, count: 3 },
                Display(8),
                Display(9),
                Display(10),
            ]
        );
        let opened = fold_unchanged(&c, &rows, &BTreeSet::from([5]));
        assert_eq!(opened.len(), 11 - 2 + 1);
        let mut view = ViewState {
            rows: folded,
            ..Default::default()
        };
        assert_eq!(view.view_index(3), Some(2));
        assert_eq!(view.view_index(6), None);
        assert_eq!(view.folded_run_of(6), Some(5));
        view.expand_run(5);
        assert!(view.rows_key.is_none());
    }

    #[test]
    fn next_change_walks_changed_rows_and_wraps() {
        use Change::{Added as A, Changed as C, Unchanged as U};
        let c = comparison(&[U, C, U, A, U]);
        let rows: Vec<DisplayRow> = (0..c.sentences.len()).map(DisplayRow::Row).collect();
        assert_eq!(step_changed_row(&c, &rows, None, true), Some(1));
        assert_eq!(step_changed_row(&c, &rows, Some(1), true), Some(3));
        assert_eq!(step_changed_row(&c, &rows, Some(3), true), Some(1));
        assert_eq!(step_changed_row(&c, &rows, None, false), Some(3));
        assert_eq!(step_changed_row(&c, &rows, Some(1), false), Some(3));
        assert_eq!(step_changed_row(&c, &rows, Some(2), false), Some(1));
        let same = comparison(&[U, U]);
        assert_eq!(step_changed_row(&same, &rows[..2], None, true), None);
    }
}
