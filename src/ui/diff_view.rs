//! The central panel: the chosen pair side by side, or inline.
//!
//! In: the versions, the pair and its [`Comparison`], and the reader's [`ViewState`]. Out:
//! pixels, accessible labels and [`Command`]s (the toolbar's toggles, next / previous change).
//! One screen row per [`SentenceRow`] (old on the left, new on the right), plus a dimmed ghost
//! row where each moved sentence used to stand; in the inline view one column where deleted
//! words are struck through before the inserted ones. Every changed row has a symbol in its
//! gutter as well as its colour (`~` changed, `+` added, `−` removed, `»` moved), so colour is
//! never the only signal. With "only changes", unchanged runs fold into one clickable row.
//! Rows have different heights (text wraps), so the heights are measured once per layout width,
//! pair and folding, and only the rows inside the viewport are laid out and drawn each frame;
//! the overview bar beside the scroll bar reads the same measured heights.

use std::ops::Range;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{
    Align, Align2, FontId, Galley, Layout, Rect, RichText, Stroke, TextFormat, TextStyle, Ui, pos2,
    vec2,
};

use super::commands::Command;
use super::find::Find;
use super::overview::{self, Tick};
use super::palette::Palette;
use super::tooltips::{self, Tip};
use super::view_state::{ViewRow, ViewState};
use crate::core::document::Version;
use crate::core::extract::Extraction;
use crate::core::report::{Change, Comparison, SentenceRow, WordChange};

/// Width of the coloured strip at the left edge of a row.
const MARKER_W: f32 = 4.0;
/// Width of the row-kind symbol (`~ + − »`) after the strip.
const SYMBOL_W: f32 = 14.0;
/// Width of the sentence-number gutter of each column.
const NUMBER_W: f32 = 34.0;
/// Strip, symbol and number: where a cell's text starts (plus `PAD_X`).
const GUTTER_W: f32 = MARKER_W + SYMBOL_W + NUMBER_W;
/// Space around the text inside a cell.
const PAD_X: f32 = 8.0;
const PAD_Y: f32 = 5.0;
/// Space between the old and the new column.
const MID_GAP: f32 = 10.0;
/// Room kept free at the right edge for the scroll bar that floats over the rows.
const SCROLL_BAR_W: f32 = 14.0;
/// Maximum width of the single-version reading column.
const SINGLE_COLUMN_MAX_W: f32 = 900.0;
/// Width of the overview bar beside the scroll bar.
const OVERVIEW_W: f32 = 14.0;

pub(crate) const EMPTY_MESSAGE: &str =
    "Open two or more versions of an article (Ctrl+O) or drop files here";
pub(crate) const NEED_SECOND_MESSAGE: &str =
    "A second version is needed to compare: open one (Ctrl+O) or drop it here.";

// The screen order lives in the core so that the HTML and Markdown reports show moved
// sentences the same way.
pub(crate) use crate::core::report::{DisplayRow, display_rows};

/// The display row to show for a jump to old sentence `old` and/or new sentence `new`: the row
/// holding both if there is one, else the row holding the new sentence, else the old one. A row
/// is preferred to the ghost of a moved sentence.
pub(crate) fn row_for_sentences(
    comparison: &Comparison,
    display_rows: &[DisplayRow],
    old: Option<usize>,
    new: Option<usize>,
) -> Option<usize> {
    let within = |start: Option<usize>, count: usize, idx: usize| {
        start.is_some_and(|s| s <= idx && idx < s + count.max(1))
    };
    let holds = |d: &DisplayRow, side_old: bool, idx: usize| match *d {
        DisplayRow::Row(r) => comparison.sentences.get(r).is_some_and(|row| {
            if side_old {
                within(row.from, row.from_count, idx)
            } else {
                within(row.to, row.to_count, idx)
            }
        }),
        DisplayRow::Ghost(_) => false,
    };
    let find = |pred: &dyn Fn(&DisplayRow) -> bool| display_rows.iter().position(pred);
    if let (Some(o), Some(n)) = (old, new)
        && let Some(idx) = find(&|d| holds(d, true, o) && holds(d, false, n))
    {
        return Some(idx);
    }
    new.and_then(|n| find(&|d| holds(d, false, n)))
        .or_else(|| old.and_then(|o| find(&|d| holds(d, true, o))))
        .or_else(|| {
            // A moved sentence's old place only: its ghost.
            let o = old?;
            find(&|d| match *d {
                DisplayRow::Ghost(r) => comparison
                    .sentences
                    .get(r)
                    .is_some_and(|row| within(row.from, row.from_count, o)),
                DisplayRow::Row(_) => false,
            })
        })
}

/// What the central panel reads from the app.
pub(crate) struct ViewInput<'a> {
    pub versions: &'a [Version],
    pub pair: Option<(usize, usize)>,
    pub comparison: Option<&'a Comparison>,
    pub display_rows: &'a [DisplayRow],
    pub generation: u64,
    /// Fact and entity marks of the pair.
    pub marks: &'a PairMarks,
    /// The item to highlight, while its highlight lasts.
    pub focus: Option<Focus>,
    /// Scroll so that this display row is centred (once, after a jump).
    pub scroll_to_row: Option<usize>,
    /// Entities and facts of every version (for the hover tooltips).
    pub extractions: &'a [Extraction],
    /// Display names of the versions (renamed ones included).
    pub names: &'a [String],
    /// The display row last jumped to (outlined; next / previous change walk from it).
    pub selected_row: Option<usize>,
}

/// Row heights of the last layout, valid while its key (app generation, width, zoom) holds.
#[derive(Default)]
pub(crate) struct DiffViewCache {
    key: Option<(u64, u32, u32)>,
    /// `tops[i]` is the y offset of row `i`; one extra entry holds the total height.
    tops: Vec<f32>,
    /// The width seen on the last frame, and for how many frames in a row it has not changed.
    last_width_bits: u32,
    stable_frames: u32,
    /// The overview bar's ticks for `ticks_key` (the key of the heights they were made from).
    ticks: Vec<Tick>,
    ticks_key: Option<(u64, u32, u32)>,
}

impl DiffViewCache {
    /// Lists up to this many rows are re-measured at once on every width change.
    const EAGER_ROWS: usize = 2_000;
    /// Frames the width must hold before a long list is re-measured.
    const SETTLE_FRAMES: u32 = 3;

    fn needs_measuring(&mut self, key: (u64, u32, u32), count: usize) -> bool {
        let (generation, width_bits, ppp_bits) = key;
        if width_bits == self.last_width_bits {
            self.stable_frames = self.stable_frames.saturating_add(1);
        } else {
            self.last_width_bits = width_bits;
            self.stable_frames = 0;
        }
        let Some((old_generation, old_width_bits, old_ppp_bits)) = self.key else {
            return true;
        };
        if old_generation != generation || old_ppp_bits != ppp_bits || self.tops.len() != count + 1
        {
            return true;
        }
        old_width_bits != width_bits
            && (count <= Self::EAGER_ROWS || self.stable_frames >= Self::SETTLE_FRAMES)
    }
}

pub(crate) fn central_ui(
    ui: &mut Ui,
    input: ViewInput<'_>,
    view: &mut ViewState,
    cache: &mut DiffViewCache,
    cmds: &mut Vec<Command>,
) {
    if input.versions.is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label(RichText::new(EMPTY_MESSAGE).size(18.0).weak());
        });
        return;
    }
    match (input.pair, input.comparison) {
        (Some((old, new)), Some(comparison)) => {
            let (Some(old_version), Some(new_version)) =
                (input.versions.get(old), input.versions.get(new))
            else {
                return;
            };
            toolbar_ui(ui, view, input.versions.len(), cmds);
            if let Some(row) = view
                .find
                .update(input.generation, comparison, input.display_rows)
            {
                view.scroll_to = Some(row);
            }
            if view.find.is_open() {
                find_bar_ui(ui, view);
            }
            if view.inline() {
                inline_header_ui(ui, input.names, (old, new));
            } else {
                headers_ui(ui, input.names, (old, new), (old_version, new_version));
            }
            if input.display_rows.is_empty() {
                ui.add_space(24.0);
                ui.vertical_centered(|ui| {
                    ui.weak("No sentences to show for this pair.");
                });
                return;
            }
            if let Some(row) = input.scroll_to_row {
                view.scroll_to = Some(row);
            }
            view.update_rows(input.generation, comparison, input.display_rows);
            pair_rows_ui(
                ui,
                &input,
                (comparison, (old_version, new_version)),
                view,
                cache,
            );
        }
        _ => {
            if let Some(version) = input.versions.first() {
                single_version_ui(ui, input.names, version, input.generation, cache);
            }
        }
    }
}

/// The view's own toolbar: layout, folding, next / previous change, find and the timeline,
/// each button naming its shortcut.
fn toolbar_ui(ui: &mut Ui, view: &ViewState, version_count: usize, cmds: &mut Vec<Command>) {
    let hint = |ui: &Ui, cmd: &Command, what: &str| match cmd.shortcut() {
        Some(s) => format!("{what} ({})", ui.ctx().format_shortcut(&s)),
        None => what.to_string(),
    };
    ui.horizontal(|ui| {
        let inline = Command::ToggleInline;
        if ui
            .selectable_label(!view.inline(), "Side by side")
            .on_hover_text(hint(ui, &inline, "Old and new in two columns"))
            .clicked()
            && view.inline()
        {
            cmds.push(inline.clone());
        }
        if ui
            .selectable_label(view.inline(), inline.label())
            .on_hover_text(hint(
                ui,
                &inline,
                "One column: deleted words struck through, then the inserted ones",
            ))
            .clicked()
            && !view.inline()
        {
            cmds.push(inline);
        }
        ui.separator();
        let only = Command::ToggleOnlyChanges;
        if ui
            .selectable_label(view.only_changes(), only.label())
            .on_hover_text(hint(ui, &only, "Fold the runs of unchanged sentences"))
            .clicked()
        {
            cmds.push(only);
        }
        ui.separator();
        for (cmd, what) in [
            (
                Command::PreviousChange,
                "Go to the previous changed sentence",
            ),
            (Command::NextChange, "Go to the next changed sentence"),
        ] {
            let text = hint(ui, &cmd, what);
            if ui.button(cmd.label()).on_hover_text(text).clicked() {
                cmds.push(cmd);
            }
        }
        ui.separator();
        let find = Command::Find;
        if ui
            .selectable_label(view.find.is_open(), find.label())
            .on_hover_text(hint(ui, &find, "Find text in both versions"))
            .clicked()
        {
            cmds.push(find);
        }
        if version_count >= 2 {
            let timeline = Command::ToggleTimeline;
            if ui
                .selectable_label(view.timeline_visible(), timeline.label())
                .on_hover_text(hint(
                    ui,
                    &timeline,
                    "Every entity and fact across all versions",
                ))
                .clicked()
            {
                cmds.push(timeline);
            }
        }
    });
    ui.add_space(2.0);
}

/// The find bar: the query, the match count, previous / next. Enter and Shift+Enter in the box
/// go to the next and the previous match; Escape closes the bar.
fn find_bar_ui(ui: &mut Ui, view: &mut ViewState) {
    ui.horizontal(|ui| {
        let label = ui.label("Find:");
        let edit = egui::TextEdit::singleline(&mut view.find.query)
            .hint_text("text in either version")
            .desired_width(260.0);
        let response = ui.add(edit).labelled_by(label.id);
        if std::mem::take(&mut view.find.focus_requested) {
            response.request_focus();
        }
        let (enter, shift, escape) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::Enter),
                i.modifiers.shift,
                i.key_pressed(egui::Key::Escape),
            )
        });
        if response.lost_focus() && escape {
            view.find.close();
            return;
        }
        if response.lost_focus() && enter {
            view.step_match(!shift);
            response.request_focus();
        }
        let find = &view.find;
        let count = match (find.matches().len(), find.current()) {
            _ if find.query().trim().is_empty() => String::new(),
            (0, _) => "No matches".to_string(),
            (n, Some(i)) => format!("{} of {n}", i + 1),
            (n, None) => format!("{n} matches"),
        };
        ui.label(count);
        if ui
            .button(Command::FindPrevious.label())
            .on_hover_text("Shift+Enter")
            .clicked()
        {
            view.step_match(false);
        }
        if ui
            .button(Command::FindNext.label())
            .on_hover_text("Enter")
            .clicked()
        {
            view.step_match(true);
        }
        if ui.button("Close").on_hover_text("Escape").clicked() {
            view.find.close();
        }
    });
    ui.add_space(2.0);
}

/// Column geometry for one layout width.
#[derive(Clone, Copy)]
struct Columns {
    col_w: f32,
    text_w: f32,
}

impl Columns {
    fn new(width: f32) -> Self {
        let col_w = ((width - SCROLL_BAR_W - MID_GAP) / 2.0).max(140.0);
        Columns {
            col_w,
            text_w: (col_w - GUTTER_W - 2.0 * PAD_X).max(60.0),
        }
    }

    fn left(&self, row: Rect) -> Rect {
        Rect::from_min_size(row.min, vec2(self.col_w, row.height()))
    }

    fn right(&self, row: Rect) -> Rect {
        Rect::from_min_size(
            pos2(row.min.x + self.col_w + MID_GAP, row.min.y),
            vec2(self.col_w, row.height()),
        )
    }
}

/// Fonts and colours of the cells for the current style.
struct CellStyle {
    body: FontId,
    badge: FontId,
    number: FontId,
    palette: Palette,
}

impl CellStyle {
    fn new(ui: &Ui) -> Self {
        let body = TextStyle::Body.resolve(ui.style());
        let badge = FontId::new(body.size * 0.85, body.family.clone());
        CellStyle {
            number: TextStyle::Small.resolve(ui.style()),
            body,
            badge,
            palette: Palette::from_visuals(ui.visuals()),
        }
    }

    fn plain(&self) -> TextFormat {
        TextFormat::simple(self.body.clone(), self.palette.text)
    }

    fn dimmed(&self) -> TextFormat {
        TextFormat {
            italics: true,
            ..TextFormat::simple(self.body.clone(), self.palette.weak_text)
        }
    }

    fn deleted(&self) -> TextFormat {
        TextFormat {
            background: self.palette.delete_bg,
            strikethrough: Stroke::new(1.0, self.palette.delete_text),
            ..TextFormat::simple(self.body.clone(), self.palette.delete_text)
        }
    }

    fn inserted(&self) -> TextFormat {
        TextFormat {
            background: self.palette.insert_bg,
            ..TextFormat::simple(self.body.clone(), self.palette.insert_text)
        }
    }

    fn badge(&self) -> TextFormat {
        TextFormat {
            background: self.palette.badge_bg,
            valign: Align::Center,
            ..TextFormat::simple(self.badge.clone(), self.palette.badge_text)
        }
    }

    fn job(&self, wrap_w: f32) -> LayoutJob {
        let mut job = LayoutJob::default();
        job.wrap.max_width = wrap_w;
        job
    }

    fn base_format(&self, base: Base) -> TextFormat {
        match base {
            Base::Plain => self.plain(),
            Base::Dimmed => self.dimmed(),
            Base::Deleted => self.deleted(),
            Base::Inserted => self.inserted(),
            Base::Removed => TextFormat {
                strikethrough: Stroke::new(1.0, self.palette.delete_text),
                ..TextFormat::simple(self.body.clone(), self.palette.removed_text)
            },
            Base::Added => TextFormat::simple(self.body.clone(), self.palette.added_text),
        }
    }

    /// `base` with a mark on top: an underline for facts and entities, a strong background for
    /// the item the user jumped to. The word-diff background and strike stay.
    fn marked(&self, base: Base, mark: Option<MarkKind>) -> TextFormat {
        let mut format = self.base_format(base);
        let palette = &self.palette;
        match mark {
            None => {}
            Some(MarkKind::Entity) => format.underline = Stroke::new(1.0, palette.entity_mark),
            Some(MarkKind::Item) => format.underline = Stroke::new(1.5, palette.fact_mark),
            Some(MarkKind::Match) => {
                format.background = palette.match_bg;
                format.color = palette.match_text;
            }
            Some(MarkKind::Focus | MarkKind::CurrentMatch) => {
                let current = mark == Some(MarkKind::CurrentMatch);
                format.background = if current {
                    palette.current_match_bg
                } else {
                    palette.focus_bg
                };
                format.color = palette.focus_text;
                format.underline = Stroke::new(1.5, palette.fact_mark);
                if format.strikethrough != Stroke::NONE {
                    format.strikethrough = Stroke::new(1.0, palette.focus_text);
                }
            }
        }
        format
    }

    fn append_badge(&self, job: &mut LayoutJob, text: &str) {
        job.append(&format!(" {text} "), 0.0, self.badge());
        job.append(" ", 0.0, self.plain());
    }

    /// Appends `cell` to `job`, cutting its runs where `marks` (byte ranges of `cell.text`,
    /// sorted by start) begin and end; where marks overlap the strongest wins.
    fn append_cell(&self, job: &mut LayoutJob, cell: &Cell, marks: &[CellMark]) {
        for (range, base) in &cell.runs {
            let mut cuts: Vec<usize> = vec![range.start, range.end];
            for (m, _) in marks {
                for at in [m.start, m.end] {
                    if range.start < at && at < range.end && cell.text.is_char_boundary(at) {
                        cuts.push(at);
                    }
                }
            }
            cuts.sort_unstable();
            cuts.dedup();
            for piece in cuts.windows(2) {
                let (start, end) = (piece[0], piece[1]);
                let mark = marks
                    .iter()
                    .filter(|(m, _)| m.start <= start && end <= m.end)
                    .map(|(_, kind)| *kind)
                    .max();
                if let Some(text) = cell.text.get(start..end) {
                    job.append(text, 0.0, self.marked(*base, mark));
                }
            }
        }
    }

    /// The layout jobs of the left and the right cell of a screen row. `marks` are in the
    /// coordinates of `row.old` and `row.new` (see [`PairMarks::row_marks`]); `None` when only
    /// the size matters.
    fn cell_jobs(
        &self,
        row: &SentenceRow,
        ghost: bool,
        wrap_w: f32,
        marks: Option<&RowMarks>,
    ) -> (Option<LayoutJob>, Option<LayoutJob>) {
        let old_text = row.old.as_deref().unwrap_or("");
        let new_text = row.new.as_deref().unwrap_or("");
        if ghost {
            let mut left = self.job(wrap_w);
            let to = number_label(row.to, row.to_count);
            self.append_badge(&mut left, &format!("moved to #{to}"));
            self.append_cell(&mut left, &Cell::whole(old_text, Base::Dimmed), &[]);
            return (Some(left), None);
        }
        let (left_cell, right_cell) = Cell::pair(row);
        let no_marks = RowMarks::default();
        let marks = marks.unwrap_or(&no_marks);
        let left_marks = remap_marks(old_text, &left_cell.text, &marks.old);
        let right_marks = remap_marks(new_text, &right_cell.text, &marks.new);
        let mut left = self.job(wrap_w);
        let mut right = self.job(wrap_w);
        if row.change == Change::Moved {
            let from = number_label(row.from, row.from_count);
            self.append_badge(&mut right, &format!("moved from #{from}"));
        }
        self.append_cell(&mut left, &left_cell, &left_marks);
        self.append_cell(&mut right, &right_cell, &right_marks);
        match row.change {
            Change::Added => (None, Some(right)),
            Change::Removed => (Some(left), None),
            _ => (Some(left), Some(right)),
        }
    }
}

/// The look of a stretch of cell text before marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base {
    Plain,
    Dimmed,
    Deleted,
    Inserted,
    /// A whole removed sentence in the inline view: struck through, no background.
    Removed,
    /// A whole added sentence in the inline view: the insertion colour, no background.
    Added,
}

/// The text of one cell as shown, cut into runs by their look.
#[derive(Debug, PartialEq)]
struct Cell {
    text: String,
    runs: Vec<(Range<usize>, Base)>,
}

impl Cell {
    fn whole(text: &str, base: Base) -> Self {
        Cell {
            text: text.to_string(),
            runs: vec![(0..text.len(), base)],
        }
    }

    /// Appends `text`; a highlighted run's trailing whitespace stays plain so that highlights
    /// of neighbouring words don't run together.
    fn push(&mut self, text: &str, base: Base) {
        let body = if base == Base::Plain {
            text
        } else {
            text.trim_end()
        };
        for (part, base) in [(body, base), (&text[body.len()..], Base::Plain)] {
            if part.is_empty() {
                continue;
            }
            let start = self.text.len();
            self.text.push_str(part);
            match self.runs.last_mut() {
                Some((last, last_base)) if *last_base == base && last.end == start => {
                    last.end = self.text.len();
                }
                _ => self.runs.push((start..self.text.len(), base)),
            }
        }
    }

    /// The old and the new cell of a row: the word diff for changed and moved rows (deleted
    /// words on the left, inserted ones on the right), the plain texts otherwise.
    fn pair(row: &SentenceRow) -> (Cell, Cell) {
        let word_diff =
            matches!(row.change, Change::Changed | Change::Moved) && !row.words.is_empty();
        if !word_diff {
            return (
                Cell::whole(row.old.as_deref().unwrap_or(""), Base::Plain),
                Cell::whole(row.new.as_deref().unwrap_or(""), Base::Plain),
            );
        }
        let mut left = Cell {
            text: String::new(),
            runs: Vec::new(),
        };
        let mut right = Cell {
            text: String::new(),
            runs: Vec::new(),
        };
        for op in &row.words {
            match op.change {
                WordChange::Equal => {
                    left.push(&op.text, Base::Plain);
                    right.push(&op.text, Base::Plain);
                }
                WordChange::Delete => left.push(&op.text, Base::Deleted),
                WordChange::Insert => right.push(&op.text, Base::Inserted),
            }
        }
        (left, right)
    }
}

/// The inline view's text of one row: deleted words (struck) before inserted ones, with the
/// marks and tooltips of both sides moved onto it.
struct InlineCell {
    cell: Cell,
    marks: Vec<CellMark>,
    /// Tooltips of the new version's entities and facts, and of the old version's (on words
    /// only the old version has).
    tips: Vec<CellTip>,
    old_tips: Vec<CellTip>,
}

/// Copies the spans of `spans` that fall in `from` (offsets of a source cell) to the same text
/// appended at `to_start` of the destination.
fn shift_spans<T: Clone>(
    spans: &[(Range<usize>, T)],
    from: Range<usize>,
    to_start: usize,
    out: &mut Vec<(Range<usize>, T)>,
) {
    for (range, value) in spans {
        let (start, end) = (range.start.max(from.start), range.end.min(from.end));
        if start < end {
            out.push((
                start - from.start + to_start..end - from.start + to_start,
                value.clone(),
            ));
        }
    }
}

impl InlineCell {
    fn new(row: &SentenceRow, marks: &RowMarks) -> Self {
        let old_text = row.old.as_deref().unwrap_or("");
        let new_text = row.new.as_deref().unwrap_or("");
        let (left, right) = Cell::pair(row);
        let left_marks = remap_marks(old_text, &left.text, &marks.old);
        let left_tips = remap_marks(old_text, &left.text, &marks.old_tips);
        let right_marks = remap_marks(new_text, &right.text, &marks.new);
        let right_tips = remap_marks(new_text, &right.text, &marks.new_tips);
        let mut out = InlineCell {
            cell: Cell {
                text: String::new(),
                runs: Vec::new(),
            },
            marks: Vec::new(),
            tips: Vec::new(),
            old_tips: Vec::new(),
        };
        // Appends `source.text[range]` with `base`; the spans of the side it came from follow.
        let append = |out: &mut InlineCell, old_side: bool, range: Range<usize>, base: Base| {
            let (source, marks, tips) = if old_side {
                (&left, &left_marks, &left_tips)
            } else {
                (&right, &right_marks, &right_tips)
            };
            let Some(text) = source.text.get(range.clone()) else {
                return;
            };
            // "15 septembre" struck then "12 novembre" inserted must not read as one word.
            let last_base = out.cell.runs.last().map(|(_, b)| *b);
            let switching = matches!(
                (last_base, base),
                (Some(Base::Deleted), Base::Inserted) | (Some(Base::Inserted), Base::Deleted)
            );
            if switching && !out.cell.text.ends_with(char::is_whitespace) {
                out.cell.push(" ", Base::Plain);
            }
            let at = out.cell.text.len();
            out.cell.push(text, base);
            shift_spans(marks, range.clone(), at, &mut out.marks);
            let tips_out = if old_side {
                &mut out.old_tips
            } else {
                &mut out.tips
            };
            shift_spans(tips, range, at, tips_out);
        };
        let word_diff =
            matches!(row.change, Change::Changed | Change::Moved) && !row.words.is_empty();
        match row.change {
            _ if word_diff => {
                let (mut l, mut r) = (0, 0);
                for op in &row.words {
                    let len = op.text.len();
                    match op.change {
                        WordChange::Equal => {
                            append(&mut out, false, r..r + len, Base::Plain);
                            l += len;
                            r += len;
                        }
                        WordChange::Delete => {
                            append(&mut out, true, l..l + len, Base::Deleted);
                            l += len;
                        }
                        WordChange::Insert => {
                            append(&mut out, false, r..r + len, Base::Inserted);
                            r += len;
                        }
                    }
                }
            }
            Change::Changed => {
                append(&mut out, true, 0..left.text.len(), Base::Deleted);
                out.cell.push(" ", Base::Plain);
                append(&mut out, false, 0..right.text.len(), Base::Inserted);
            }
            Change::Removed => append(&mut out, true, 0..left.text.len(), Base::Removed),
            Change::Added => append(&mut out, false, 0..right.text.len(), Base::Added),
            Change::Unchanged | Change::Moved => {
                append(&mut out, false, 0..right.text.len(), Base::Plain);
            }
        }
        out
    }
}

impl CellStyle {
    /// The layout job of a row in the inline view; `marks` as for [`CellStyle::cell_jobs`].
    fn inline_job(
        &self,
        row: &SentenceRow,
        ghost: bool,
        wrap_w: f32,
        marks: Option<&RowMarks>,
    ) -> LayoutJob {
        let mut job = self.job(wrap_w);
        if ghost {
            let to = number_label(row.to, row.to_count);
            self.append_badge(&mut job, &format!("moved to #{to}"));
            let old = Cell::whole(row.old.as_deref().unwrap_or(""), Base::Dimmed);
            self.append_cell(&mut job, &old, &[]);
            return job;
        }
        if row.change == Change::Moved {
            let from = number_label(row.from, row.from_count);
            self.append_badge(&mut job, &format!("moved from #{from}"));
        }
        let no_marks = RowMarks::default();
        let inline = InlineCell::new(row, marks.unwrap_or(&no_marks));
        self.append_cell(&mut job, &inline.cell, &inline.marks);
        job
    }
}

/// A mark in one cell: a byte range of the cell's text and how strong it is.
pub(crate) type CellMark = (Range<usize>, MarkKind);
/// What hovering a stretch of one cell's text tells: a byte range of the cell's text and the
/// entity or fact there.
pub(crate) type CellTip = (Range<usize>, Tip);

/// What a marked stretch of text is, weakest first: when marks overlap, the strongest shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum MarkKind {
    /// Any mention of an entity: a thin, light underline.
    Entity,
    /// A fact that changed, appeared or disappeared, or a mention of an entity that appeared or
    /// disappeared: the items of the changes panel. A stronger underline.
    Item,
    /// A match of the find query.
    Match,
    /// The item the user just jumped to: a strong background for a few seconds.
    Focus,
    /// The current match of the find query.
    CurrentMatch,
}

/// The marks of one row, in the coordinates of `row.old` and `row.new`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RowMarks {
    pub old: Vec<CellMark>,
    pub new: Vec<CellMark>,
    /// Hover tooltips: entities and facts of each side.
    pub old_tips: Vec<CellTip>,
    pub new_tips: Vec<CellTip>,
}

impl RowMarks {
    /// Adds the find matches of this row (ranges of `row.old` / `row.new`).
    fn add_matches(&mut self, find: &Find, display_row: usize) {
        for (m, current) in find.on_row(display_row) {
            let kind = if current {
                MarkKind::CurrentMatch
            } else {
                MarkKind::Match
            };
            if let Some(r) = &m.old {
                self.old.push((r.clone(), kind));
            }
            if let Some(r) = &m.new {
                self.new.push((r.clone(), kind));
            }
        }
    }
}

/// The item highlighted after a jump: byte ranges in the old and the new version's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Focus {
    pub old_span: Option<[usize; 2]>,
    pub new_span: Option<[usize; 2]>,
}

/// The marks of the compared pair, by sentence, built once per pair so that drawing a row only
/// looks up its own sentences.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PairMarks {
    /// `old[i]`: marks of sentence `i` of the old version, byte ranges of `Version::text`.
    old: Vec<Vec<(Range<usize>, MarkKind)>>,
    new: Vec<Vec<(Range<usize>, MarkKind)>>,
    /// Every entity mention and fact of each version, by sentence, for the hover tooltips.
    old_tips: Vec<Vec<(Range<usize>, Tip)>>,
    new_tips: Vec<Vec<(Range<usize>, Tip)>>,
}

impl PairMarks {
    /// Entity mentions of both versions (from their extractions), and the facts and entities
    /// that the comparison lists as changed, added or dropped.
    pub fn new(
        (old_v, new_v): (&Version, &Version),
        (old_x, new_x): (&Extraction, &Extraction),
        comparison: &Comparison,
    ) -> Self {
        let mut old = vec![Vec::new(); old_v.sentences.len()];
        let mut new = vec![Vec::new(); new_v.sentences.len()];
        let add = |side: &mut Vec<Vec<(Range<usize>, MarkKind)>>,
                   version: &Version,
                   span: [usize; 2],
                   kind: MarkKind| {
            let [start, end] = span;
            if start >= end || version.text.get(start..end).is_none() {
                return;
            }
            if let Some(marks) = side.get_mut(sentence_at(version, start)) {
                marks.push((start..end, kind));
            }
        };
        for (side, version, extraction, changed) in [
            (&mut old, old_v, old_x, &comparison.entities.dropped),
            (&mut new, new_v, new_x, &comparison.entities.added),
        ] {
            for entity in &extraction.entities {
                let kind = if changed.iter().any(|e| e.id == entity.id) {
                    MarkKind::Item
                } else {
                    MarkKind::Entity
                };
                for &span in &entity.spans {
                    add(side, version, span, kind);
                }
            }
        }
        let facts = &comparison.facts;
        for fact in facts
            .dropped
            .iter()
            .chain(facts.changed.iter().map(|c| &c.before))
        {
            add(&mut old, old_v, fact.span, MarkKind::Item);
        }
        for fact in facts
            .added
            .iter()
            .chain(facts.changed.iter().map(|c| &c.after))
        {
            add(&mut new, new_v, fact.span, MarkKind::Item);
        }
        for marks in old.iter_mut().chain(new.iter_mut()) {
            marks.sort_by_key(|(range, kind)| (range.start, range.end, *kind));
        }
        let tips = |version: &Version, extraction: &Extraction| {
            let mut by_sentence: Vec<Vec<(Range<usize>, Tip)>> =
                vec![Vec::new(); version.sentences.len()];
            let spans = extraction
                .entities
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.spans.iter().map(move |&s| (s, Tip::Entity(i))))
                .chain(
                    extraction
                        .facts
                        .iter()
                        .enumerate()
                        .map(|(i, f)| (f.span, Tip::Fact(i))),
                );
            for ([start, end], tip) in spans {
                if start < end
                    && version.text.get(start..end).is_some()
                    && let Some(list) = by_sentence.get_mut(sentence_at(version, start))
                {
                    list.push((start..end, tip));
                }
            }
            by_sentence
        };
        PairMarks {
            old,
            new,
            old_tips: tips(old_v, old_x),
            new_tips: tips(new_v, new_x),
        }
    }

    /// The marks of `row`, moved from version offsets to offsets in `row.old` / `row.new`
    /// (the row's sentences joined by one space), with the focus on top.
    pub fn row_marks(
        &self,
        (old_v, new_v): (&Version, &Version),
        row: &SentenceRow,
        focus: Option<Focus>,
    ) -> RowMarks {
        let focus = focus.unwrap_or_default();
        let focus_mark = |span: Option<[usize; 2]>| span.map(|[s, e]| (s..e, MarkKind::Focus));
        RowMarks {
            old: cell_marks(
                old_v,
                &self.old,
                row.from,
                row.from_count,
                focus_mark(focus.old_span),
            ),
            new: cell_marks(
                new_v,
                &self.new,
                row.to,
                row.to_count,
                focus_mark(focus.new_span),
            ),
            old_tips: cell_marks(old_v, &self.old_tips, row.from, row.from_count, None),
            new_tips: cell_marks(new_v, &self.new_tips, row.to, row.to_count, None),
        }
    }
}

/// The sentence holding byte `at` of the version text (the last one starting at or before it).
pub(crate) fn sentence_at(version: &Version, at: usize) -> usize {
    version
        .sentences
        .partition_point(|s| s.byte_range.start <= at)
        .saturating_sub(1)
}

/// Marks of sentences `start..start + count` of `version` in the coordinates of their joined
/// text, clipped to each sentence.
fn cell_marks<T: Clone>(
    version: &Version,
    by_sentence: &[Vec<(Range<usize>, T)>],
    start: Option<usize>,
    count: usize,
    extra: Option<(Range<usize>, T)>,
) -> Vec<(Range<usize>, T)> {
    let Some(start) = start else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut base = 0;
    for idx in start..start + count {
        let Some(sentence) = version.sentences.get(idx) else {
            break;
        };
        let range = sentence.byte_range.clone();
        let marks = by_sentence.get(idx).into_iter().flatten().cloned();
        for (mark, kind) in marks.chain(extra.clone()) {
            let (s, e) = (mark.start.max(range.start), mark.end.min(range.end));
            if s < e {
                out.push((base + s - range.start..base + e - range.start, kind));
            }
        }
        base += range.len() + 1;
    }
    out
}

/// Moves marks from offsets in `source` (the sentences' own text) to offsets in `shown` (what
/// the cell shows: a word diff takes its equal words from the new version, so typography may
/// differ). Identical texts keep their offsets; texts with as many characters map character by
/// character; otherwise the marks are dropped rather than put on the wrong words.
fn remap_marks<T: Clone>(
    source: &str,
    shown: &str,
    marks: &[(Range<usize>, T)],
) -> Vec<(Range<usize>, T)> {
    if source == shown {
        return marks.to_vec();
    }
    if source.chars().count() != shown.chars().count() {
        return Vec::new();
    }
    let char_of = |at: usize| {
        source
            .is_char_boundary(at)
            .then(|| source[..at].chars().count())
    };
    let shown_starts: Vec<usize> = shown
        .char_indices()
        .map(|(i, _)| i)
        .chain([shown.len()])
        .collect();
    let byte_of = |c: usize| shown_starts.get(c).copied();
    marks
        .iter()
        .filter_map(|(range, kind)| {
            let start = byte_of(char_of(range.start)?)?;
            let end = byte_of(char_of(range.end)?)?;
            Some((start..end, kind.clone()))
        })
        .collect()
}

/// `3` for one sentence, `3–4` for a merged or split pair (1-based).
fn number_label(start: Option<usize>, count: usize) -> String {
    match start {
        None => String::new(),
        Some(s) if count > 1 => format!("{}–{}", s + 1, s + count),
        Some(s) => format!("{}", s + 1),
    }
}

/// The inline view's header: both versions on one line.
fn inline_header_ui(ui: &mut Ui, names: &[String], (old, new): (usize, usize)) {
    ui.horizontal(|ui| {
        ui.add_space(MARKER_W + SYMBOL_W + 2.0 * NUMBER_W + PAD_X);
        for (side, idx) in [("Old", old), ("New", new)] {
            ui.label(RichText::new(side).weak());
            ui.label(
                RichText::new(format!(
                    "#{} {}",
                    idx + 1,
                    names.get(idx).map(String::as_str).unwrap_or("")
                ))
                .strong(),
            );
            ui.add_space(12.0);
        }
        ui.weak("Deleted words are struck through, inserted ones follow.");
    });
    ui.add_space(2.0);
    ui.separator();
}

fn headers_ui(
    ui: &mut Ui,
    names: &[String],
    (old, new): (usize, usize),
    (old_v, new_v): (&Version, &Version),
) {
    let columns = Columns::new(ui.available_width());
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for (side, idx, version) in [("Old", old, old_v), ("New", new, new_v)] {
            ui.allocate_ui_with_layout(
                vec2(columns.col_w, 0.0),
                Layout::top_down(Align::Min),
                |ui| {
                    ui.set_width(columns.col_w);
                    ui.horizontal(|ui| {
                        ui.add_space(GUTTER_W + PAD_X);
                        ui.label(RichText::new(side).weak());
                        ui.add_space(6.0);
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!(
                                    "#{} {}",
                                    idx + 1,
                                    names.get(idx).map(String::as_str).unwrap_or("")
                                ))
                                .strong(),
                            )
                            .truncate(),
                        );
                    });
                    ui.horizontal(|ui| {
                        ui.add_space(GUTTER_W + PAD_X);
                        let mut line = version.title.clone();
                        if let Some(date) = &version.date {
                            line = format!("{date} · {line}");
                        }
                        ui.add(egui::Label::new(RichText::new(line).weak()).truncate());
                    });
                },
            );
            ui.add_space(MID_GAP);
        }
    });
    ui.add_space(2.0);
    ui.separator();
}

/// What drawing one row needs besides the row itself.
struct RowContext<'a> {
    style: &'a CellStyle,
    /// Indices of the old and the new version, for the tooltips.
    pair: (usize, usize),
    tips: tooltips::TipSource<'a>,
}

/// The rows of the pair (side by side or inline, folded or not) and the overview bar beside
/// them. Only the rows in view are laid out; clicks on folded runs and the overview bar change
/// `view` after the rows are drawn.
fn pair_rows_ui(
    ui: &mut Ui,
    input: &ViewInput<'_>,
    (comparison, versions): (&Comparison, (&Version, &Version)),
    view: &mut ViewState,
    cache: &mut DiffViewCache,
) {
    let style = CellStyle::new(ui);
    let display_rows = input.display_rows;
    let row_of = |d: DisplayRow| match d {
        DisplayRow::Row(idx) => comparison.sentences.get(idx).map(|r| (r, false)),
        DisplayRow::Ghost(idx) => comparison.sentences.get(idx).map(|r| (r, true)),
    };
    let min_row_h = ui.fonts_mut(|f| f.row_height(&style.body)) + 2.0 * PAD_Y;
    let scroll_to = view.scroll_to.take().and_then(|d| view.view_index(d));
    let scroll_offset = view.scroll_offset.take();
    let inline = view.inline();
    let full = ui.available_rect_before_wrap();
    let rows_rect = Rect::from_min_max(full.min, pos2(full.max.x - OVERVIEW_W, full.max.y));
    let overview_rect = Rect::from_min_max(pos2(rows_rect.max.x, full.min.y), full.max);
    let mut expand: Option<usize> = None;
    let want_timeline = std::cell::Cell::new(false);
    let selected = input.selected_row;
    let ctx = RowContext {
        style: &style,
        pair: input.pair.unwrap_or((0, 1)),
        tips: tooltips::TipSource {
            versions: input.versions,
            extractions: input.extractions,
            timeline: view.timeline.timeline(),
            want_timeline: &want_timeline,
        },
    };
    let shown: &ViewState = view;
    let rows = shown.rows();
    let find = &shown.find;
    let output = ui
        .scope_builder(egui::UiBuilder::new().max_rect(rows_rect), |ui| {
            virtual_rows(
                ui,
                "side_by_side_rows",
                cache,
                (shown.layout_generation(), rows.len()),
                (scroll_to, scroll_offset),
                |ui, width, idx| {
                    let Some(ViewRow::Display(d)) = rows.get(idx).copied() else {
                        return min_row_h;
                    };
                    let Some((row, ghost)) = display_rows.get(d).copied().and_then(row_of) else {
                        return min_row_h;
                    };
                    let height = |job: Option<LayoutJob>| {
                        job.map_or(0.0, |j| ui.painter().layout_job(j).size().y)
                    };
                    // Marks change colours, not sizes: measure without them.
                    let text_h = if inline {
                        height(Some(style.inline_job(
                            row,
                            ghost,
                            inline_text_w(width),
                            None,
                        )))
                    } else {
                        let (left, right) =
                            style.cell_jobs(row, ghost, Columns::new(width).text_w, None);
                        height(left).max(height(right))
                    };
                    (text_h + 2.0 * PAD_Y).max(min_row_h)
                },
                |ui, idx, rect| match rows.get(idx).copied() {
                    Some(ViewRow::Collapsed { start, count }) => {
                        let clicked = collapsed_row_ui(ui, &style, start, count, rect);
                        expand = expand.or(clicked.then_some(start));
                    }
                    Some(ViewRow::Display(d)) => {
                        if let Some((row, ghost)) = display_rows.get(d).copied().and_then(row_of) {
                            let mut marks = input.marks.row_marks(versions, row, input.focus);
                            if !ghost {
                                marks.add_matches(find, d);
                            }
                            let selected = selected == Some(d);
                            if inline {
                                paint_inline_row(ui, &ctx, row, ghost, &marks, rect);
                            } else {
                                paint_row(ui, &ctx, row, ghost, &marks, rect);
                            }
                            if selected {
                                ui.painter().rect_stroke(
                                    rect.shrink(1.0),
                                    2.0,
                                    Stroke::new(2.0, ui.visuals().selection.stroke.color),
                                    egui::StrokeKind::Inside,
                                );
                            }
                        }
                    }
                    None => {}
                },
            )
        })
        .inner;

    // The overview bar: ticks made once per measured layout.
    let key = cache.key;
    if cache.ticks_key != key {
        let kinds = rows.iter().map(|row| match *row {
            ViewRow::Display(d) => match display_rows.get(d) {
                Some(DisplayRow::Ghost(_)) => Some(Change::Moved),
                Some(DisplayRow::Row(r)) => comparison.sentences.get(*r).map(|s| s.change),
                None => None,
            },
            ViewRow::Collapsed { .. } => None,
        });
        cache.ticks = overview::ticks(kinds, &cache.tops);
        cache.ticks_key = key;
    }
    let total = cache.tops.last().copied().unwrap_or(0.0);
    let matches: Vec<f32> = if total > 0.0 {
        find.matches()
            .iter()
            .take(overview::MAX_MATCH_TICKS)
            .filter_map(|m| shown.view_index(m.display_row))
            .filter_map(|i| cache.tops.get(i).map(|top| top / total))
            .collect()
    } else {
        Vec::new()
    };
    let viewport_h = output.inner_rect.height();
    let visible = if total > 0.0 {
        (
            output.state.clamped_offset().y / total,
            ((output.state.clamped_offset().y + viewport_h) / total).min(1.0),
        )
    } else {
        (0.0, 1.0)
    };
    let clicked = overview::overview_ui(ui, overview_rect, &cache.ticks, &matches, visible);
    if let Some(fraction) = clicked {
        let offset =
            (fraction * total - viewport_h / 2.0).clamp(0.0, (total - viewport_h).max(0.0));
        if (offset - output.state.clamped_offset().y).abs() > 0.5 {
            view.scroll_offset = Some(offset);
            ui.ctx().request_repaint();
        }
    }
    if let Some(start) = expand {
        view.expand_run(start);
        ui.ctx().request_repaint();
    }
    if want_timeline.get() {
        view.timeline.wanted = true;
        ui.ctx().request_repaint();
    }
}

/// Text width of the inline view's single column.
fn inline_text_w(width: f32) -> f32 {
    (width - SCROLL_BAR_W - MARKER_W - SYMBOL_W - 2.0 * NUMBER_W - 2.0 * PAD_X).max(60.0)
}

/// A folded run of unchanged sentences: one clickable row that opens it. Returns true when
/// clicked.
fn collapsed_row_ui(
    ui: &mut Ui,
    style: &CellStyle,
    start: usize,
    count: usize,
    rect: Rect,
) -> bool {
    let text = if count == 1 {
        "… 1 unchanged sentence".to_string()
    } else {
        format!("… {count} unchanged sentences")
    };
    let response = ui.interact(
        rect,
        ui.scope_id().with(("fold", start)),
        egui::Sense::click(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &text));
    let visuals = ui.style().interact(&response);
    let painter = ui.painter();
    painter.rect_filled(
        rect.shrink2(vec2(0.0, 1.0)),
        2.0,
        ui.visuals().faint_bg_color,
    );
    if response.hovered() {
        painter.rect_stroke(
            rect.shrink(1.0),
            2.0,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    painter.text(
        pos2(rect.left() + GUTTER_W + PAD_X, rect.center().y),
        Align2::LEFT_CENTER,
        format!("{text} (click to show)"),
        style.badge.clone(),
        style.palette.weak_text,
    );
    painter.hline(
        rect.x_range(),
        rect.bottom() - 0.5,
        Stroke::new(0.5, style.palette.grid_line),
    );
    response
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text("Show these sentences")
        .clicked()
}

/// The gutter symbol of a row kind and what it means: colour is never the only signal.
pub(crate) fn row_symbol(change: Change, ghost: bool) -> Option<(&'static str, &'static str)> {
    if ghost {
        return Some(("»", "Where a moved sentence stood"));
    }
    match change {
        Change::Unchanged => None,
        Change::Changed => Some(("~", "Changed sentence")),
        Change::Added => Some(("+", "Added sentence")),
        Change::Removed => Some(("−", "Removed sentence")),
        Change::Moved => Some(("»", "Moved sentence")),
    }
}

/// The strip and the symbol at the left edge of a cell.
fn paint_marker(ui: &mut Ui, style: &CellStyle, change: Change, ghost: bool, cell: Rect) {
    let palette = &style.palette;
    let color = if ghost {
        Some(palette.moved_marker.gamma_multiply(0.6))
    } else {
        palette.marker(change)
    };
    let (Some(color), Some((symbol, meaning))) = (color, row_symbol(change, ghost)) else {
        return;
    };
    ui.painter().rect_filled(
        Rect::from_min_size(cell.min, vec2(MARKER_W - 1.0, cell.height())),
        0.0,
        color,
    );
    let symbol_rect = Rect::from_min_size(
        pos2(cell.left() + MARKER_W, cell.top() + PAD_Y),
        vec2(SYMBOL_W, style.body.size + 2.0),
    );
    let text = RichText::new(symbol)
        .font(FontId::new(style.body.size, style.body.family.clone()))
        .color(color)
        .strong();
    ui.put(
        symbol_rect,
        egui::Label::new(text)
            .selectable(false)
            .halign(Align::Center),
    )
    .on_hover_text(meaning);
}

/// The text of a cell as a label; on hover, the tooltip of the entity or fact under the pointer.
fn cell_label_ui(
    ui: &mut Ui,
    ctx: &RowContext<'_>,
    galley: Arc<Galley>,
    pos: egui::Pos2,
    (cell_len, tips, version_idx): (usize, &[CellTip], usize),
) {
    let text_rect = Rect::from_min_size(pos, galley.size());
    let response = ui.put(text_rect, egui::Label::new(galley.clone()));
    if tips.is_empty() || !response.hovered() {
        return;
    }
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    // The cell's text ends the galley (a badge may come first).
    let char_idx = galley.cursor_from_pos(pointer - text_rect.min).index;
    let text = galley.text();
    let Some(byte) = text
        .char_indices()
        .nth(char_idx.into())
        .map(|(b, _)| b)
        .and_then(|b| b.checked_sub(text.len().saturating_sub(cell_len)))
    else {
        return;
    };
    let Some((_, tip)) = tips.iter().find(|(r, _)| r.contains(&byte)) else {
        return;
    };
    if let Some(tip_text) = tooltips::tip_text(*tip, version_idx, &ctx.tips) {
        response.on_hover_text(tip_text);
    }
}

fn paint_row(
    ui: &mut Ui,
    ctx: &RowContext<'_>,
    row: &SentenceRow,
    ghost: bool,
    marks: &RowMarks,
    rect: Rect,
) {
    let style = ctx.style;
    let columns = Columns::new(rect.width());
    let (left_rect, right_rect) = (columns.left(rect), columns.right(rect));
    let palette = &style.palette;
    let faint = ui.visuals().faint_bg_color;
    let painter = ui.painter().clone();

    // Tints: the side that holds the text in the change colour, an empty side neutral.
    let (left_fill, right_fill) = match (row.change, ghost) {
        (_, true) => (Some(faint), None),
        (Change::Added, _) => (Some(faint), Some(palette.added_row)),
        (Change::Removed, _) => (Some(palette.removed_row), Some(faint)),
        (Change::Moved, _) => (Some(palette.moved_row), Some(palette.moved_row)),
        _ => (None, None),
    };
    for (fill, cell) in [(left_fill, left_rect), (right_fill, right_rect)] {
        if let Some(fill) = fill {
            painter.rect_filled(cell, 0.0, fill);
        }
    }
    painter.vline(
        left_rect.right() + MID_GAP / 2.0,
        rect.y_range(),
        Stroke::new(1.0, palette.grid_line),
    );
    painter.hline(
        rect.x_range(),
        rect.bottom() - 0.5,
        Stroke::new(0.5, palette.grid_line),
    );

    let (left_job, right_job) = style.cell_jobs(row, ghost, columns.text_w, Some(marks));
    let (left_cell, right_cell) = if ghost {
        (
            Cell::whole(row.old.as_deref().unwrap_or(""), Base::Dimmed),
            Cell::whole("", Base::Plain),
        )
    } else {
        Cell::pair(row)
    };
    let old_tips = if ghost {
        Vec::new()
    } else {
        remap_marks(
            row.old.as_deref().unwrap_or(""),
            &left_cell.text,
            &marks.old_tips,
        )
    };
    let new_tips = remap_marks(
        row.new.as_deref().unwrap_or(""),
        &right_cell.text,
        &marks.new_tips,
    );
    let numbers = [
        (
            number_label(row.from, row.from_count),
            left_rect,
            left_job,
            (left_cell.text.len(), old_tips.as_slice(), ctx.pair.0),
        ),
        (
            if ghost {
                String::new()
            } else {
                number_label(row.to, row.to_count)
            },
            right_rect,
            right_job,
            (right_cell.text.len(), new_tips.as_slice(), ctx.pair.1),
        ),
    ];
    for (number, cell, job, tips) in numbers {
        let Some(job) = job else { continue };
        paint_marker(ui, style, row.change, ghost, cell);
        let number_pos = pos2(cell.left() + GUTTER_W - 4.0, cell.top() + PAD_Y + 1.0);
        painter.text(
            number_pos,
            Align2::RIGHT_TOP,
            number,
            style.number.clone(),
            palette.weak_text,
        );
        let galley: Arc<Galley> = ui.painter().layout_job(job);
        let pos = pos2(cell.left() + GUTTER_W + PAD_X, cell.top() + PAD_Y);
        cell_label_ui(ui, ctx, galley, pos, tips);
    }
}

/// One row of the inline view: old and new numbers, then the merged text.
fn paint_inline_row(
    ui: &mut Ui,
    ctx: &RowContext<'_>,
    row: &SentenceRow,
    ghost: bool,
    marks: &RowMarks,
    rect: Rect,
) {
    let style = ctx.style;
    let palette = &style.palette;
    let painter = ui.painter().clone();
    let fill = match (row.change, ghost) {
        (_, true) => Some(ui.visuals().faint_bg_color),
        (Change::Added, _) => Some(palette.added_row),
        (Change::Removed, _) => Some(palette.removed_row),
        (Change::Moved, _) => Some(palette.moved_row),
        _ => None,
    };
    let body = Rect::from_min_max(rect.min, pos2(rect.right() - SCROLL_BAR_W, rect.bottom()));
    if let Some(fill) = fill {
        painter.rect_filled(body, 0.0, fill);
    }
    painter.hline(
        body.x_range(),
        rect.bottom() - 0.5,
        Stroke::new(0.5, palette.grid_line),
    );
    paint_marker(ui, style, row.change, ghost, body);
    let to = if ghost {
        String::new()
    } else {
        number_label(row.to, row.to_count)
    };
    let from = if ghost || row.change != Change::Added {
        number_label(row.from, row.from_count)
    } else {
        String::new()
    };
    for (i, number) in [from, to].into_iter().enumerate() {
        let x = rect.left() + MARKER_W + SYMBOL_W + NUMBER_W * (i as f32 + 1.0) - 4.0;
        painter.text(
            pos2(x, rect.top() + PAD_Y + 1.0),
            Align2::RIGHT_TOP,
            number,
            style.number.clone(),
            palette.weak_text,
        );
    }
    let job = style.inline_job(row, ghost, inline_text_w(rect.width()), Some(marks));
    let galley: Arc<Galley> = ui.painter().layout_job(job);
    let pos = pos2(
        rect.left() + MARKER_W + SYMBOL_W + 2.0 * NUMBER_W + PAD_X,
        rect.top() + PAD_Y,
    );
    if ghost {
        cell_label_ui(ui, ctx, galley, pos, (0, &[], ctx.pair.0));
        return;
    }
    // Hover: the tips of whichever side the word under the pointer came from.
    let inline = InlineCell::new(row, marks);
    let (version_idx, tips) = (ctx.pair.1, inline.tips);
    let old_tips: Vec<CellTip> = inline.old_tips;
    // Words of the old version only (struck) use the old version's facts and entities.
    let galley_len = inline.cell.text.len();
    let text_rect = Rect::from_min_size(pos, galley.size());
    let hovered_old = ui.rect_contains_pointer(text_rect)
        && ui.input(|i| i.pointer.hover_pos()).is_some_and(|p| {
            let c = galley.cursor_from_pos(p - text_rect.min).index;
            let text = galley.text();
            let offset = text.len().saturating_sub(galley_len);
            text.char_indices()
                .nth(c.into())
                .and_then(|(b, _)| b.checked_sub(offset))
                .is_some_and(|b| old_tips.iter().any(|(r, _)| r.contains(&b)))
        });
    if hovered_old {
        cell_label_ui(ui, ctx, galley, pos, (galley_len, &old_tips, ctx.pair.0));
    } else {
        cell_label_ui(ui, ctx, galley, pos, (galley_len, &tips, version_idx));
    }
}

fn single_version_ui(
    ui: &mut Ui,
    names: &[String],
    version: &Version,
    generation: u64,
    cache: &mut DiffViewCache,
) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "#1 {}",
                names.first().map(String::as_str).unwrap_or("")
            ))
            .strong(),
        );
        ui.add(egui::Label::new(RichText::new(&version.title).weak()).truncate());
    });
    ui.add_space(4.0);
    ui.label(RichText::new(NEED_SECOND_MESSAGE).color(ui.visuals().warn_fg_color));
    ui.separator();
    let style = CellStyle::new(ui);
    let min_row_h = ui.fonts_mut(|f| f.row_height(&style.body)) + 2.0 * PAD_Y;
    let text_w = |width: f32| (width.min(SINGLE_COLUMN_MAX_W) - NUMBER_W - 2.0 * PAD_X).max(60.0);
    let job = |width: f32, idx: usize| {
        let mut job = style.job(text_w(width));
        job.append(version.sentence_text(idx), 0.0, style.plain());
        job
    };
    virtual_rows(
        ui,
        "single_version_rows",
        cache,
        // Its own key space: never confused with a pair's layout of as many rows.
        (generation | 1 << 63, version.sentences.len()),
        (None, None),
        |ui, width, idx| {
            (ui.painter().layout_job(job(width, idx)).size().y + 2.0 * PAD_Y).max(min_row_h)
        },
        |ui, idx, rect| {
            let number_pos = pos2(rect.left() + NUMBER_W - 4.0, rect.top() + PAD_Y + 1.0);
            ui.painter().text(
                number_pos,
                Align2::RIGHT_TOP,
                format!("{}", idx + 1),
                style.number.clone(),
                style.palette.weak_text,
            );
            let galley = ui.painter().layout_job(job(rect.width(), idx));
            let text_rect = Rect::from_min_size(
                pos2(rect.left() + NUMBER_W + PAD_X, rect.top() + PAD_Y),
                galley.size(),
            );
            ui.put(text_rect, egui::Label::new(galley));
        },
    );
}

/// A vertical list of `count` rows of different heights in a scroll area, drawing only the rows
/// in view. `measure(ui, width, idx)` gives a row's height; heights are cached until the app
/// generation, the width or the zoom changes. Long lists are not re-measured on every frame of a
/// live resize: the old heights are kept (rows are clipped) until the width has held still for a
/// few frames. With `scroll_to`, the list scrolls so that that row is centred.
fn virtual_rows(
    ui: &mut Ui,
    id_salt: &str,
    cache: &mut DiffViewCache,
    (generation, count): (u64, usize),
    (scroll_to, scroll_offset): (Option<usize>, Option<f32>),
    measure: impl Fn(&Ui, f32, usize) -> f32,
    mut paint: impl FnMut(&mut Ui, usize, Rect),
) -> egui::scroll_area::ScrollAreaOutput<()> {
    let mut area = egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink(false);
    if let Some(offset) = scroll_offset {
        area = area.vertical_scroll_offset(offset);
    }
    area.show_viewport(ui, |ui, viewport| {
        let width = ui.available_width();
        let key = (
            generation,
            width.to_bits(),
            ui.ctx().pixels_per_point().to_bits(),
        );
        if cache.needs_measuring(key, count) {
            cache.tops.clear();
            cache.tops.reserve(count + 1);
            let mut y = 0.0;
            cache.tops.push(y);
            for idx in 0..count {
                y += measure(ui, width, idx);
                cache.tops.push(y);
            }
            cache.key = Some(key);
        } else if cache.key != Some(key) {
            // Resizing: come back once the width settles.
            ui.ctx().request_repaint();
        }
        let total = cache.tops.last().copied().unwrap_or(0.0);
        ui.set_height(total);
        let origin = ui.max_rect().min;
        if let Some((top, bottom)) =
            scroll_to.and_then(|idx| Some((*cache.tops.get(idx)?, *cache.tops.get(idx + 1)?)))
        {
            let rect = Rect::from_min_max(
                pos2(origin.x, origin.y + top),
                pos2(origin.x + width, origin.y + bottom),
            );
            ui.scroll_to_rect(rect, Some(Align::Center));
        }
        let first = cache
            .tops
            .partition_point(|&top| top <= viewport.min.y)
            .saturating_sub(1);
        for (idx, span) in cache.tops.windows(2).enumerate().skip(first) {
            let (top, bottom) = (span[0], span[1]);
            if top >= viewport.max.y {
                break;
            }
            let rect = Rect::from_min_max(
                pos2(origin.x, origin.y + top),
                pos2(origin.x + width, origin.y + bottom),
            );
            let mut row_ui =
                ui.new_child(egui::UiBuilder::new().id_salt(("row", idx)).max_rect(rect));
            row_ui.shrink_clip_rect(rect);
            paint(&mut row_ui, idx, rect);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::{EntityChanges, FactChanges, Summary};

    fn row(change: Change, from: Option<usize>, to: Option<usize>) -> SentenceRow {
        SentenceRow {
            change,
            from,
            to,
            from_count: usize::from(from.is_some()),
            to_count: usize::from(to.is_some()),
            similarity: 1.0,
            old: from.map(|f| format!("old {f}")),
            new: to.map(|t| format!("new {t}")),
            words: Vec::new(),
        }
    }

    #[test]
    fn ghosts_stand_where_moved_sentences_were() {
        // Old: A B C D; new: A C D B (B moved to the end).
        let comparison = Comparison {
            from: 0,
            to: 1,
            summary: Summary::default(),
            sentences: vec![
                row(Change::Unchanged, Some(0), Some(0)),
                row(Change::Unchanged, Some(2), Some(1)),
                row(Change::Unchanged, Some(3), Some(2)),
                row(Change::Moved, Some(1), Some(3)),
            ],
            entities: EntityChanges::default(),
            facts: FactChanges::default(),
        };
        use DisplayRow::{Ghost, Row};
        assert_eq!(
            display_rows(&comparison),
            vec![Row(0), Ghost(3), Row(1), Row(2), Row(3)]
        );
    }

    #[test]
    fn ghost_of_a_sentence_moved_up_goes_after_everything_before_it() {
        // Old: A B C; new: C A B (C moved to the top).
        let comparison = Comparison {
            from: 0,
            to: 1,
            summary: Summary::default(),
            sentences: vec![
                row(Change::Moved, Some(2), Some(0)),
                row(Change::Unchanged, Some(0), Some(1)),
                row(Change::Unchanged, Some(1), Some(2)),
            ],
            entities: EntityChanges::default(),
            facts: FactChanges::default(),
        };
        use DisplayRow::{Ghost, Row};
        assert_eq!(
            display_rows(&comparison),
            vec![Row(0), Row(1), Row(2), Ghost(0)]
        );
    }

    #[test]
    fn numbers_are_one_based_ranges() {
        assert_eq!(number_label(Some(2), 1), "3");
        assert_eq!(number_label(Some(2), 2), "3–4");
        assert_eq!(number_label(None, 0), "");
    }

    fn style() -> CellStyle {
        let body = FontId::proportional(14.0);
        CellStyle {
            badge: FontId::proportional(12.0),
            number: FontId::proportional(10.0),
            body,
            palette: Palette::from_visuals(&egui::Visuals::dark()),
        }
    }

    #[test]
    fn marks_follow_typography_or_are_dropped() {
        let marks = vec![(5..11, MarkKind::Item)];
        assert_eq!(remap_marks("C'est Pappas.", "C'est Pappas.", &marks), marks);
        // "’" is three bytes, "'" one: the same characters sit further right.
        assert_eq!(
            remap_marks("C'est Pappas.", "C’est Pappas.", &[(6..12, MarkKind::Item)]),
            vec![(8..14, MarkKind::Item)]
        );
        assert!(remap_marks("abc", "abcd", &marks).is_empty());
    }

    #[test]
    fn marks_of_merged_sentences_count_the_joining_space() {
        let text = "Titre\n\nUne phrase. Elle cite Pappas.";
        let version = crate::core::pipeline::version_from_text("v", text, None);
        assert_eq!(version.sentence_text(2), "Elle cite Pappas.");
        let start = text.find("Pappas").expect("name");
        let mut by_sentence = vec![Vec::new(); version.sentences.len()];
        by_sentence[2].push((start..start + 6, MarkKind::Entity));
        let cell = format!("{} {}", version.sentence_text(1), version.sentence_text(2));
        let focus = Some((start..start + 4, MarkKind::Focus));
        let marks = cell_marks(&version, &by_sentence, Some(1), 2, focus);
        let shown: Vec<(&str, MarkKind)> =
            marks.iter().map(|(r, k)| (&cell[r.clone()], *k)).collect();
        assert_eq!(
            shown,
            [("Pappas", MarkKind::Entity), ("Papp", MarkKind::Focus)]
        );
        assert_eq!(sentence_at(&version, start), 2);
    }

    #[test]
    fn marks_keep_the_word_diff_look() {
        let mut changed = row(Change::Changed, Some(0), Some(0));
        changed.old = Some("le 15 septembre.".into());
        changed.new = Some("le 12 novembre.".into());
        let op = |change, text: &str| crate::core::report::WordOp {
            change,
            text: text.into(),
        };
        changed.words = vec![
            op(WordChange::Equal, "le "),
            op(WordChange::Delete, "15 septembre"),
            op(WordChange::Insert, "12 novembre"),
            op(WordChange::Equal, "."),
        ];
        let marks = RowMarks {
            old: vec![(3..15, MarkKind::Item), (0..2, MarkKind::Entity)],
            new: vec![(6..14, MarkKind::Focus)],
            ..Default::default()
        };
        let style = style();
        let (left, right) = style.cell_jobs(&changed, false, 300.0, Some(&marks));
        let sections = |job: &LayoutJob| -> Vec<(String, bool, bool, bool)> {
            job.sections
                .iter()
                .map(|s| {
                    (
                        job.text[s.byte_range.start.0..s.byte_range.end.0].to_string(),
                        s.format.strikethrough != Stroke::NONE,
                        s.format.underline != Stroke::NONE,
                        s.format.background == style.palette.focus_bg,
                    )
                })
                .collect()
        };
        let s = |t: &str, strike, under, focus| (t.to_string(), strike, under, focus);
        assert_eq!(
            sections(&left.expect("left")),
            [
                s("le", false, true, false),
                s(" ", false, false, false),
                s("15 septembre", true, true, false),
                s(".", false, false, false),
            ]
        );
        assert_eq!(
            sections(&right.expect("right")),
            [
                s("le ", false, false, false),
                s("12 ", false, false, false),
                s("novembre", false, true, true),
                s(".", false, false, false),
            ]
        );
    }

    #[test]
    fn the_inline_view_puts_deleted_words_before_inserted_ones() {
        let mut changed = row(Change::Changed, Some(0), Some(0));
        changed.old = Some("le 15 septembre.".into());
        changed.new = Some("le 12 novembre.".into());
        let op = |change, text: &str| crate::core::report::WordOp {
            change,
            text: text.into(),
        };
        changed.words = vec![
            op(WordChange::Equal, "le "),
            op(WordChange::Delete, "15 septembre"),
            op(WordChange::Insert, "12 novembre"),
            op(WordChange::Equal, "."),
        ];
        // A fact mark on each side lands on its own words.
        let marks = RowMarks {
            old: vec![(3..15, MarkKind::Item)],
            new: vec![(3..14, MarkKind::Item)],
            ..Default::default()
        };
        let inline = InlineCell::new(&changed, &marks);
        assert_eq!(inline.cell.text, "le 15 septembre 12 novembre.");
        let marked: Vec<&str> = inline
            .marks
            .iter()
            .map(|(r, _)| &inline.cell.text[r.clone()])
            .collect();
        assert_eq!(marked, ["15 septembre", "12 novembre"]);
        let bases: Vec<(&str, Base)> = inline
            .cell
            .runs
            .iter()
            .map(|(r, b)| (&inline.cell.text[r.clone()], *b))
            .collect();
        assert_eq!(
            bases,
            [
                ("le ", Base::Plain),
                ("15 septembre", Base::Deleted),
                (" ", Base::Plain),
                ("12 novembre", Base::Inserted),
                (".", Base::Plain),
            ]
        );
        assert_eq!(row_symbol(Change::Removed, false).map(|s| s.0), Some("−"));
        assert_eq!(row_symbol(Change::Unchanged, false), None);
    }

    #[test]
    fn a_jump_finds_the_row_holding_both_sentences() {
        let comparison = Comparison {
            from: 0,
            to: 1,
            summary: Summary::default(),
            sentences: vec![
                row(Change::Unchanged, Some(0), Some(0)),
                row(Change::Removed, Some(1), None),
                row(Change::Changed, Some(2), Some(1)),
                row(Change::Added, None, Some(2)),
            ],
            entities: EntityChanges::default(),
            facts: FactChanges::default(),
        };
        let rows = display_rows(&comparison);
        assert_eq!(
            row_for_sentences(&comparison, &rows, Some(2), Some(1)),
            Some(2)
        );
        assert_eq!(
            row_for_sentences(&comparison, &rows, Some(1), None),
            Some(1)
        );
        assert_eq!(
            row_for_sentences(&comparison, &rows, None, Some(2)),
            Some(3)
        );
        assert_eq!(row_for_sentences(&comparison, &rows, None, Some(9)), None);
    }
}
