//! The application state and the frame loop of the desktop app.
//!
//! In: file paths (command line, file dialog, drag and drop). Out: a window that shows the chosen
//! pair of versions side by side, with the facts and entities that changed in a side panel.
//! [`App`] owns the loaded [`Version`]s, their [`Extraction`]s, the load errors, the chosen pair
//! and the current [`Comparison`]. Extractions are recomputed only when the set of versions
//! changes, the comparison (and what is derived from it: screen rows, text marks, the changes
//! list) only when the versions or the pair change, never per frame. Panels draw from that state
//! and push [`Command`]s, which [`App::apply`] runs after the frame.

use std::path::{Path, PathBuf};

use std::time::Duration;

use egui::{Align2, Color32, Id, Order, ViewportCommand};

use super::changes_panel::{self, ChangeList};
use super::commands::Command;
use super::diff_view::{self, DiffViewCache, DisplayRow, Focus, PairMarks};
use super::{top_bar, versions_panel};
use crate::core::align::AlignOptions;
use crate::core::document::{Lang, Version};
use crate::core::extract::{Extraction, extract_all};
use crate::core::pipeline::{compare_pair, load_version};
use crate::core::report::Comparison;

/// How long the text of the item jumped to stays highlighted.
const HIGHLIGHT_SECS: f64 = 3.0;

/// Asks the user for files; returns `None` when cancelled. The default shows rfd's dialog.
pub type FilePicker = Box<dyn FnMut() -> Option<Vec<PathBuf>>>;

/// Where a click in the changes panel leads: sentence indices and byte ranges of
/// `Version::text` in the old and the new version (`None` on the side that lacks the item).
///
/// ```
/// use factdiff::ui::{Command, JumpTarget};
/// let target = JumpTarget { new_sentence: Some(4), new_span: Some([310, 322]), ..Default::default() };
/// assert!(matches!(target.command(), Command::JumpTo { new_sentence: Some(4), .. }));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JumpTarget {
    pub old_sentence: Option<usize>,
    pub new_sentence: Option<usize>,
    pub old_span: Option<[usize; 2]>,
    pub new_span: Option<[usize; 2]>,
}

impl JumpTarget {
    /// The command that jumps here.
    pub fn command(&self) -> Command {
        Command::JumpTo {
            old_sentence: self.old_sentence,
            new_sentence: self.new_sentence,
            old_span: self.old_span,
            new_span: self.new_span,
        }
    }
}

/// The last jump and what is left to do for it.
#[derive(Clone, Copy, Debug)]
struct Jump {
    target: JumpTarget,
    /// The screen row of the side-by-side view that holds it.
    row: Option<usize>,
    /// The view still has to scroll there.
    scroll_pending: bool,
    /// The changes panel still has to scroll to the item (after N/P).
    reveal_pending: bool,
    /// The text is highlighted; `since` is set on the first frame that shows it.
    highlighted: bool,
    since: Option<f64>,
}

/// The desktop app: loaded versions, the chosen pair and its comparison.
///
/// Everything is drawn by [`App::show`], so tests drive it with `egui_kittest` and no window:
///
/// ```
/// use factdiff::ui::App;
/// let mut app = App::new(None);
/// app.open_paths(["missing-v1.txt"]);
/// assert!(app.versions().is_empty());
/// assert!(app.errors()[0].contains("missing-v1.txt"));
/// ```
pub struct App {
    lang: Option<Lang>,
    align_options: AlignOptions,
    versions: Vec<Version>,
    /// Entities and facts of each version, ids shared across versions; one per version.
    extractions: Vec<Extraction>,
    /// How many times the extractions were computed (tests check it is not per pair change).
    extraction_runs: u64,
    /// One line per file that failed to load, as `LoadError` displays it.
    errors: Vec<String>,
    /// `(old, new)` indices into `versions`; `None` with fewer than two versions.
    pair: Option<(usize, usize)>,
    comparison: Option<Comparison>,
    /// The rows of `comparison` in screen order, with ghost rows for moved sentences.
    display_rows: Vec<DisplayRow>,
    /// Fact and entity spans of the pair, by sentence, for marking them in the rows.
    marks: PairMarks,
    /// The items of the changes panel for the pair.
    changes: ChangeList,
    /// The changes panel is shown.
    changes_visible: bool,
    /// The item last jumped to; cleared when the pair changes.
    jump: Option<Jump>,
    /// Bumped whenever `versions`, `pair` or `comparison` change; keys the layout caches.
    generation: u64,
    /// How many times the comparison was computed (tests check it is not per frame).
    comparison_runs: u64,
    /// Commands pushed by panels during the current frame.
    pending: Vec<Command>,
    file_picker: FilePicker,
    /// The last title sent to the window, so it is sent only when it changes.
    sent_title: Option<String>,
    diff_cache: DiffViewCache,
}

impl Default for App {
    fn default() -> Self {
        Self::new(None)
    }
}

impl App {
    /// An empty app. `lang` overrides language detection for every file it opens.
    pub fn new(lang: Option<Lang>) -> Self {
        App {
            lang,
            align_options: AlignOptions::default(),
            versions: Vec::new(),
            extractions: Vec::new(),
            extraction_runs: 0,
            errors: Vec::new(),
            pair: None,
            comparison: None,
            display_rows: Vec::new(),
            marks: PairMarks::default(),
            changes: ChangeList::default(),
            changes_visible: true,
            jump: None,
            generation: 0,
            comparison_runs: 0,
            pending: Vec::new(),
            file_picker: Box::new(rfd_pick_files),
            sent_title: None,
            diff_cache: DiffViewCache::default(),
        }
    }

    /// Replaces the file dialog, e.g. with a closure returning fixed paths in tests.
    pub fn with_file_picker(
        mut self,
        picker: impl FnMut() -> Option<Vec<PathBuf>> + 'static,
    ) -> Self {
        self.file_picker = Box::new(picker);
        self
    }

    /// Loads `paths` as new versions, in order, and recomputes the comparison once.
    ///
    /// This is the app's only way to open files: the command line, the dialog, drag and drop
    /// and tests all come here. A file that fails adds an error banner and the others still
    /// open; a path that is already open is reloaded in place. With two or more versions and no
    /// pair chosen yet, the first two are compared. Returns how many files loaded.
    pub fn open_paths<P: Into<PathBuf>>(&mut self, paths: impl IntoIterator<Item = P>) -> usize {
        let mut loaded = 0;
        for path in paths {
            let path: PathBuf = path.into();
            match load_version(&path, self.lang) {
                Ok(version) => {
                    loaded += 1;
                    match self
                        .versions
                        .iter()
                        .position(|v| v.source == version.source)
                    {
                        Some(idx) => self.versions[idx] = version,
                        None => self.versions.push(version),
                    }
                }
                Err(err) => self.errors.push(err.to_string()),
            }
        }
        if loaded > 0 {
            if self.pair.is_none() && self.versions.len() >= 2 {
                self.pair = Some((0, 1));
            }
            self.refresh_versions();
        }
        loaded
    }

    /// Queues a command to run after the current frame (what panels do).
    pub fn push(&mut self, cmd: Command) {
        self.pending.push(cmd);
    }

    /// Runs one command now. The file dialog is only ever shown from here.
    pub fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::OpenDialog => {
                if let Some(mut paths) = (self.file_picker)() {
                    sort_paths_naturally(&mut paths);
                    self.open_paths(paths);
                }
            }
            Command::OpenPaths(paths) => {
                self.open_paths(paths);
            }
            Command::RemoveVersion(idx) => self.remove_version(idx),
            Command::SelectOld(idx) => {
                if let Some(pair) = self.pair
                    && idx < self.versions.len()
                {
                    let (old, new) = pair;
                    self.set_pair(if idx == new { (new, old) } else { (idx, new) });
                }
            }
            Command::SelectNew(idx) => {
                if let Some(pair) = self.pair
                    && idx < self.versions.len()
                {
                    let (old, new) = pair;
                    self.set_pair(if idx == old { (new, old) } else { (old, idx) });
                }
            }
            Command::SwapPair => {
                if let Some((old, new)) = self.pair {
                    self.set_pair((new, old));
                }
            }
            Command::DismissError(idx) => {
                if idx < self.errors.len() {
                    self.errors.remove(idx);
                }
            }
            Command::JumpTo {
                old_sentence,
                new_sentence,
                old_span,
                new_span,
            } => self.jump_to(
                JumpTarget {
                    old_sentence,
                    new_sentence,
                    old_span,
                    new_span,
                },
                false,
            ),
            Command::ToggleChanges => self.changes_visible = !self.changes_visible,
            Command::NextChange => self.step_change(true),
            Command::PreviousChange => self.step_change(false),
        }
    }

    /// Draws the whole app into `ui`, then applies the commands the panels pushed.
    ///
    /// [`eframe::App::ui`] calls this; tests call it from an `egui_kittest` harness.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.handle_input(ui.ctx());
        self.update_window_title(ui.ctx());
        self.update_highlight(ui);

        let mut cmds = std::mem::take(&mut self.pending);
        top_bar::top_bar_ui(ui, self, &mut cmds);
        if !self.errors.is_empty() {
            top_bar::errors_ui(ui, &self.errors, &mut cmds);
        }
        if !self.versions.is_empty() {
            versions_panel::versions_panel_ui(ui, &self.versions, self.pair, &mut cmds);
        }
        if self.comparison.is_some() {
            let selected = self.jump.and_then(|j| self.changes.position(&j.target));
            changes_panel::changes_panel_ui(
                ui,
                changes_panel::PanelInput {
                    list: &self.changes,
                    selected,
                    reveal_selected: self.jump.is_some_and(|j| j.reveal_pending),
                },
                self.changes_visible,
                &mut cmds,
            );
        }
        let jump = self.jump;
        egui::CentralPanel::default().show(ui, |ui| {
            diff_view::central_ui(
                ui,
                diff_view::ViewInput {
                    versions: &self.versions,
                    pair: self.pair,
                    comparison: self.comparison.as_ref(),
                    display_rows: &self.display_rows,
                    generation: self.generation,
                    marks: &self.marks,
                    focus: jump.filter(|j| j.highlighted).map(|j| Focus {
                        old_span: j.target.old_span,
                        new_span: j.target.new_span,
                    }),
                    scroll_to_row: jump.filter(|j| j.scroll_pending).and_then(|j| j.row),
                },
                &mut self.diff_cache,
            );
        });
        if let Some(jump) = &mut self.jump {
            jump.scroll_pending = false;
            jump.reveal_pending = false;
        }
        drop_hint_ui(ui.ctx());

        let changed = !cmds.is_empty();
        for cmd in cmds {
            self.apply(cmd);
        }
        if changed {
            // Show the result of the commands at once.
            self.update_window_title(ui.ctx());
            ui.ctx().request_repaint();
        }
    }

    /// The loaded versions, in list order.
    pub fn versions(&self) -> &[Version] {
        &self.versions
    }

    /// The load errors still shown, one line each (reason and file).
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// The compared pair as `(old, new)` indices into [`App::versions`].
    pub fn pair(&self) -> Option<(usize, usize)> {
        self.pair
    }

    /// The comparison of the chosen pair.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref()
    }

    /// How many times a comparison was computed since the app started.
    pub fn comparison_runs(&self) -> u64 {
        self.comparison_runs
    }

    /// The entities and facts of each loaded version, in list order.
    pub fn extractions(&self) -> &[Extraction] {
        &self.extractions
    }

    /// How many times the extractions were computed since the app started: once per change of
    /// the set of versions, not per pair.
    pub fn extraction_runs(&self) -> u64 {
        self.extraction_runs
    }

    /// Whether the changes panel is shown (the top bar's "Changes" toggle).
    pub fn changes_visible(&self) -> bool {
        self.changes_visible
    }

    /// Where the last click in the changes panel (or N/P) led; `None` before any, and after
    /// the pair changes.
    pub fn jump_target(&self) -> Option<&JumpTarget> {
        self.jump.as_ref().map(|j| &j.target)
    }

    /// The screen row of the side-by-side view that the last jump scrolled to (rows count
    /// the ghosts of moved sentences).
    pub fn jump_row(&self) -> Option<usize> {
        self.jump.and_then(|j| j.row)
    }

    /// True while the text of the item jumped to is highlighted.
    pub fn highlight_visible(&self) -> bool {
        self.jump.is_some_and(|j| j.highlighted)
    }

    /// Shows `comparison` for the current pair instead of the computed one, until the versions
    /// or the pair change: for a comparison read from a saved report, or made by hand in tests.
    /// Its rows and facts must refer to the current pair's versions.
    pub fn replace_comparison(&mut self, comparison: Comparison) {
        self.comparison = Some(comparison);
        self.derive_from_comparison();
    }

    /// A short name for version `idx`: its file name, with the parent folder when two loaded
    /// versions share a file name (`storm-en/v1.txt`).
    pub fn display_name(&self, idx: usize) -> String {
        display_name(&self.versions, idx)
    }

    /// The window title: `factdiff — v1.txt ↔ v2.txt`.
    pub fn window_title(&self) -> String {
        match (self.pair, self.versions.len()) {
            (Some((old, new)), _) => format!(
                "factdiff — {} ↔ {}",
                self.display_name(old),
                self.display_name(new)
            ),
            (None, 1) => format!("factdiff — {}", self.display_name(0)),
            _ => "factdiff".to_string(),
        }
    }

    fn set_pair(&mut self, pair: (usize, usize)) {
        if self.pair != Some(pair) {
            self.pair = Some(pair);
            self.refresh();
        }
    }

    fn remove_version(&mut self, idx: usize) {
        if idx >= self.versions.len() {
            return;
        }
        self.versions.remove(idx);
        self.pair = pair_after_removal(self.pair, idx, self.versions.len());
        self.refresh_versions();
    }

    /// Re-extracts entities and facts after the set of versions changed (entity ids are shared
    /// across all versions, so every version is extracted again), then refreshes the pair.
    fn refresh_versions(&mut self) {
        self.extractions = extract_all(&self.versions);
        self.extraction_runs += 1;
        self.refresh();
    }

    /// Recomputes the comparison of the current pair and everything derived from it.
    fn refresh(&mut self) {
        self.comparison = self.pair.and_then(|(old, new)| {
            if old.max(new) >= self.versions.len() {
                return None;
            }
            let (comparison, _) = compare_pair(
                &self.versions,
                &self.extractions,
                old,
                new,
                &self.align_options,
            );
            Some(comparison)
        });
        if self.comparison.is_some() {
            self.comparison_runs += 1;
        }
        self.derive_from_comparison();
    }

    /// Screen rows, text marks and the changes list of the current comparison.
    fn derive_from_comparison(&mut self) {
        self.generation += 1;
        self.jump = None;
        self.display_rows = self
            .comparison
            .as_ref()
            .map(diff_view::display_rows)
            .unwrap_or_default();
        let empty = Extraction::default();
        let pair_data = self
            .pair
            .zip(self.comparison.as_ref())
            .and_then(|((old, new), c)| {
                Some((
                    (self.versions.get(old)?, self.versions.get(new)?),
                    (
                        self.extractions.get(old).unwrap_or(&empty),
                        self.extractions.get(new).unwrap_or(&empty),
                    ),
                    c,
                ))
            });
        self.marks = pair_data
            .map(|(versions, extractions, c)| PairMarks::new(versions, extractions, c))
            .unwrap_or_default();
        self.changes = self
            .comparison
            .as_ref()
            .map(ChangeList::new)
            .unwrap_or_default();
    }

    /// Scrolls the view to `target` and highlights it. `reveal` also scrolls the changes panel
    /// to its item (the click came from the keyboard, not from the panel).
    fn jump_to(&mut self, target: JumpTarget, reveal: bool) {
        let row = self.comparison.as_ref().and_then(|c| {
            diff_view::row_for_sentences(
                c,
                &self.display_rows,
                target.old_sentence,
                target.new_sentence,
            )
        });
        self.jump = Some(Jump {
            target,
            row,
            scroll_pending: true,
            reveal_pending: reveal,
            highlighted: true,
            since: None,
        });
    }

    /// Jumps to the next (or previous) item of the changes panel, wrapping around.
    fn step_change(&mut self, forward: bool) {
        let len = self.changes.items.len();
        if len == 0 {
            return;
        }
        let current = self.jump.and_then(|j| self.changes.position(&j.target));
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => len - 1,
            (Some(i), true) => (i + 1) % len,
            (Some(i), false) => (i + len - 1) % len,
        };
        if let Some(item) = self.changes.items.get(next) {
            self.jump_to(item.target, true);
        }
    }

    /// Ends the highlight of the last jump after [`HIGHLIGHT_SECS`] or at the next click.
    fn update_highlight(&mut self, ui: &egui::Ui) {
        let Some(jump) = self.jump.as_mut().filter(|j| j.highlighted) else {
            return;
        };
        let (now, clicked) = ui.input(|i| (i.time, i.pointer.any_click()));
        let since = *jump.since.get_or_insert(now);
        let elapsed = now - since;
        if elapsed >= HIGHLIGHT_SECS || (clicked && elapsed > 0.0) {
            jump.highlighted = false;
            ui.ctx().request_repaint();
        } else {
            ui.ctx()
                .request_repaint_after(Duration::from_secs_f64(HIGHLIGHT_SECS - elapsed));
        }
    }

    /// Shortcuts and dropped files become commands.
    fn handle_input(&mut self, ctx: &egui::Context) {
        for cmd in Command::with_shortcuts() {
            let pressed = cmd
                .shortcuts()
                .iter()
                .any(|shortcut| ctx.input_mut(|i| i.consume_shortcut(shortcut)));
            if pressed {
                self.pending.push(cmd);
            }
        }
        let mut dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            sort_paths_naturally(&mut dropped);
            self.pending.push(Command::OpenPaths(dropped));
        }
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if self.sent_title.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.sent_title = Some(title);
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// The default [`FilePicker`]: rfd's native multi-select dialog.
fn rfd_pick_files() -> Option<Vec<PathBuf>> {
    rfd::FileDialog::new()
        .set_title("Open article versions")
        .add_filter("Text and Markdown", &["txt", "text", "md", "markdown"])
        .add_filter("All files", &["*"])
        .pick_files()
}

pub(crate) fn display_name(versions: &[Version], idx: usize) -> String {
    let Some(version) = versions.get(idx) else {
        return String::new();
    };
    let path = Path::new(&version.source);
    let file_name = file_name(path);
    let shared = versions
        .iter()
        .enumerate()
        .any(|(i, v)| i != idx && file_name == self::file_name(Path::new(&v.source)));
    match path.parent().and_then(Path::file_name) {
        Some(parent) if shared => format!("{}/{file_name}", parent.to_string_lossy()),
        _ => file_name,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The pair after version `removed` was closed: indices above it shift down, and a removed
/// side is replaced by the version that took its place (or a neighbour).
fn pair_after_removal(
    pair: Option<(usize, usize)>,
    removed: usize,
    len: usize,
) -> Option<(usize, usize)> {
    if len < 2 {
        return None;
    }
    let shift = |x: usize| match x.cmp(&removed) {
        std::cmp::Ordering::Less => Some(x),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(x - 1),
    };
    let replacement = |other: usize| {
        let candidate = removed.min(len - 1);
        if candidate != other {
            candidate
        } else if other + 1 < len {
            other + 1
        } else {
            other - 1
        }
    };
    let (old, new) = pair.unwrap_or((0, 1));
    match (shift(old), shift(new)) {
        (Some(old), Some(new)) => Some((old, new)),
        (Some(old), None) => Some((old, replacement(old))),
        (None, Some(new)) => Some((replacement(new), new)),
        (None, None) => Some((0, 1)),
    }
}

/// Sorts `v2.txt` before `v10.txt`: dialogs and drops hand files over in no useful order.
fn sort_paths_naturally(paths: &mut [PathBuf]) {
    paths.sort_by_cached_key(|p| natural_key(&p.to_string_lossy()));
}

fn natural_key(s: &str) -> Vec<(u8, u64, String)> {
    let mut key = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        let mut part = String::new();
        let digits = c.is_ascii_digit();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() != digits {
                break;
            }
            part.push(c);
            chars.next();
        }
        if digits {
            key.push((0, part.parse().unwrap_or(u64::MAX), part));
        } else {
            key.push((1, 0, part));
        }
    }
    key
}

/// A translucent overlay naming what will open while files are dragged over the window.
fn drop_hint_ui(ctx: &egui::Context) {
    let hovered = ctx.input(|i| i.raw.hovered_files.len());
    if hovered == 0 {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        Order::Foreground,
        Id::unique("drop_overlay"),
    ));
    painter.rect_filled(screen, 0.0, Color32::from_black_alpha(160));
    let text = if hovered == 1 {
        "Drop to open 1 file".to_string()
    } else {
        format!("Drop to open {hovered} files")
    };
    egui::Area::new(Id::unique("drop_hint"))
        .order(Order::Tooltip)
        .fixed_pos(screen.center())
        .pivot(Align2::CENTER_CENTER)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(16.0)
                .show(ui, |ui| ui.heading(text));
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removal_keeps_a_valid_pair() {
        // (pair before, removed, len after) → pair after
        let cases = [
            (Some((0, 1)), 2, 2, Some((0, 1))),
            (Some((0, 2)), 1, 2, Some((0, 1))),
            (Some((0, 1)), 1, 2, Some((0, 1))),
            (Some((0, 1)), 0, 2, Some((1, 0))),
            (Some((1, 2)), 2, 2, Some((1, 0))),
            (Some((0, 1)), 0, 1, None),
        ];
        for (pair, removed, len, expected) in cases {
            assert_eq!(
                pair_after_removal(pair, removed, len),
                expected,
                "{pair:?} - {removed}"
            );
        }
    }

    #[test]
    fn paths_sort_naturally() {
        let mut paths: Vec<PathBuf> = ["a/v10.txt", "a/v2.txt", "a/v1.txt"]
            .iter()
            .map(PathBuf::from)
            .collect();
        sort_paths_naturally(&mut paths);
        assert_eq!(
            paths,
            ["a/v1.txt", "a/v2.txt", "a/v10.txt"].map(PathBuf::from)
        );
    }
}
