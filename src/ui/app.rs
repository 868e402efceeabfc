//! The application state and the frame loop of the desktop app.
//!
//! In: file paths (command line, file dialog, drag and drop). Out: a window that shows the chosen
//! pair of versions side by side, with the facts and entities that changed in a side panel.
//! [`App`] owns the loaded [`Version`]s, their [`Extraction`]s, the load errors, the chosen pair
//! and the current [`Comparison`]. Extractions are recomputed only when the set of versions
//! changes, the comparison (and what is derived from it: screen rows, text marks, the changes
//! list) only when the versions, the pair or the options change, never per frame. Panels draw
//! from that state and push [`Command`]s, which [`App::apply`] runs after the frame.
//!
//! Loading, extraction and comparison run on a [`Worker`]: a background thread in the real app
//! ([`App::new_threaded`]), inline in tests ([`App::new`]), where every call returns with its
//! result in place. Each comparison request has a number; a result for an older request is
//! dropped, so a new choice always wins over a stale one.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use egui::{Align2, Color32, Id, Order, ViewportCommand};

use super::changes_panel::{self, ChangeList};
use super::commands::Command;
use super::confirm::{self, ConfirmOverwrite};
use super::diff_view::{self, DiffViewCache, DisplayRow, Focus, PairMarks};
use super::settings::{CompareOptions, Settings, ThemeChoice};
use super::timeline_panel::{self, TimelineInput};
use super::view_state::{self, ViewState};
use super::worker::{
    self, CompareJob, ExportJob, FileStamp, Job, JobResult, LoadedFile, WatchedFile, Worker,
};
use super::{menu, top_bar, versions_panel};
use crate::core::document::{Lang, Version};
use crate::core::extract::Extraction;
use crate::core::pipeline::version_from_text;
use crate::core::report::{Comparison, RenderOptions, ShareFormat, utc_date, utc_minute};
use crate::core::session::{self, FileStatus, Session, SessionOptions, SessionVersion};

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

/// What the app knows about a version beyond its text.
#[derive(Clone, Debug, Default)]
pub(crate) struct VersionMeta {
    /// The file it was read from; `None` for pasted text.
    pub path: Option<PathBuf>,
    /// The name the user gave it (Rename); the file name otherwise.
    pub name: Option<String>,
    /// Modification time and length when last read, for the watcher and the date column.
    pub stamp: Option<FileStamp>,
    /// The file is gone from disk; the text last read stays.
    pub missing: bool,
    pub words: usize,
    /// Share of sentence rows that differ from the version before it.
    pub changed_share: Option<f32>,
}

/// Which parts of the result a change makes stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stale {
    /// Only the pair changed: compare again with the same extractions.
    Pair,
    /// The options changed: compare again, and the per-version shares.
    Options,
    /// The set, order or text of the versions changed: extract, compare and share again.
    Versions,
}

/// The desktop app: loaded versions, the chosen pair and its comparison.
///
/// Everything is drawn by [`App::show`], so tests drive it with `egui_kittest` and no window.
/// [`App::new`] does its work inline (deterministic, for tests); [`App::new_threaded`] on a
/// background thread (the window):
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
    /// Options, theme, scale, panels, recent files: what persists between runs.
    settings: Settings,
    /// Shared with the worker's jobs without copying the texts.
    versions: Arc<Vec<Version>>,
    /// One per version, in the same order.
    meta: Vec<VersionMeta>,
    /// Entities and facts of each version, ids shared across versions; one per version.
    extractions: Arc<Vec<Extraction>>,
    /// `extractions` and the shares were computed for the current versions (and options).
    extractions_valid: bool,
    shares_valid: bool,
    worker: Worker,
    /// Jobs sent and not answered yet; loads among them.
    in_flight: usize,
    loads_in_flight: usize,
    /// Reports being written by the worker (also counted in `in_flight`).
    exports_in_flight: usize,
    /// The number of the newest comparison request.
    request: u64,
    /// How many files the last load job read.
    last_loaded: usize,
    /// Files reloaded or gone from disk, one line each.
    notes: Vec<String>,
    /// How many texts were pasted ("Pasted 1", "Pasted 2"…).
    pasted: usize,
    /// Ctrl+Shift+V asked for the clipboard; the next paste event becomes a version.
    paste_requested: bool,
    /// The request for the clipboard still has to be sent to eframe (once, not every frame).
    paste_request_unsent: bool,
    quit_requested: bool,
    options_open: bool,
    shortcuts_open: bool,
    /// The version being renamed and the name typed so far.
    rename: Option<(usize, String)>,
    /// The theme and scale last given to egui, so they are set only when they change.
    applied_theme: Option<ThemeChoice>,
    applied_scale: Option<f32>,
    /// How many times the extractions were computed (tests check it is not per pair change).
    extraction_runs: u64,
    /// Each open version's scan, so new extractions rescan only new or changed versions.
    scans: Arc<worker::ScanCache>,
    /// How many versions were scanned in all (tests check adding one scans one).
    versions_scanned: usize,
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
    /// Inline or side by side, folding, find, the changes filter, the timeline.
    view: ViewState,
    /// A jump asked for while a comparison was on its way (a timeline click changes the pair
    /// and jumps): done when the comparison arrives.
    jump_after_compare: Option<JumpTarget>,
    /// A write that would replace a file, waiting for Replace or Cancel.
    confirm: Option<ConfirmOverwrite>,
    /// A session being opened: its names and pair apply when its files have loaded.
    session_restore: Option<SessionRestore>,
}

/// What a session sets once its files are loaded (they may load on the background thread).
#[derive(Clone, Debug)]
struct SessionRestore {
    /// The path each loaded version should have, with its display name.
    names: Vec<(PathBuf, Option<String>)>,
    /// The paths of the chosen pair.
    pair: Option<(PathBuf, PathBuf)>,
}

impl Default for App {
    fn default() -> Self {
        Self::new(None)
    }
}

impl App {
    /// An empty app that does its work inline: every call returns with its result in place,
    /// which keeps tests deterministic. `lang` overrides language detection for every file.
    pub fn new(lang: Option<Lang>) -> Self {
        Self::with_worker(lang, Worker::inline())
    }

    /// An empty app that loads and compares on a background thread, so the window never
    /// freezes; results arrive on a later frame (or after [`App::wait_idle`]). The thread also
    /// checks the open files every second and reloads those that changed on disk.
    pub fn new_threaded(lang: Option<Lang>) -> Self {
        Self::with_worker(lang, Worker::spawn())
    }

    fn with_worker(lang: Option<Lang>, worker: Worker) -> Self {
        App {
            lang,
            settings: Settings::default(),
            versions: Arc::default(),
            meta: Vec::new(),
            extractions: Arc::default(),
            extractions_valid: true,
            shares_valid: true,
            worker,
            in_flight: 0,
            loads_in_flight: 0,
            exports_in_flight: 0,
            request: 0,
            last_loaded: 0,
            notes: Vec::new(),
            pasted: 0,
            paste_requested: false,
            paste_request_unsent: false,
            quit_requested: false,
            options_open: false,
            shortcuts_open: false,
            rename: None,
            applied_theme: None,
            applied_scale: None,
            extraction_runs: 0,
            scans: Arc::default(),
            versions_scanned: 0,
            errors: Vec::new(),
            pair: None,
            comparison: None,
            display_rows: Vec::new(),
            marks: PairMarks::default(),
            changes: ChangeList::default(),
            jump: None,
            generation: 0,
            comparison_runs: 0,
            pending: Vec::new(),
            file_picker: Box::new(rfd_pick_files),
            sent_title: None,
            diff_cache: DiffViewCache::default(),
            view: ViewState::default(),
            jump_after_compare: None,
            confirm: None,
            session_restore: None,
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

    /// Starts with the settings of a previous run (options, theme, scale, panels, recent files).
    pub fn with_settings(mut self, settings: Settings) -> Self {
        // The view choices saved last time.
        if settings.inline_view != self.view.inline() {
            self.view.toggle_inline();
        }
        if settings.only_changes != self.view.only_changes() {
            self.view.toggle_only_changes();
        }
        if settings.timeline_visible != self.view.timeline_visible() {
            self.view.toggle_timeline();
        }
        self.settings = settings;
        self.shares_valid = false;
        self
    }

    /// Loads `paths` as new versions, in order, and recomputes the comparison once.
    ///
    /// This is the app's only way to open files: the command line, the dialog, drag and drop,
    /// the recent files and tests all come here. A file that fails adds an error banner and the
    /// others still open; a path that is already open is reloaded in place. When new versions
    /// are added, the last two are compared. Returns how many files loaded; with a background
    /// worker the files load later and this returns 0 (see [`App::wait_idle`]).
    pub fn open_paths<P: Into<PathBuf>>(&mut self, paths: impl IntoIterator<Item = P>) -> usize {
        let paths: Vec<PathBuf> = paths.into_iter().map(Into::into).collect();
        if paths.is_empty() {
            return 0;
        }
        self.last_loaded = 0;
        self.submit(Job::Load {
            paths,
            lang: self.lang,
        });
        self.process_results();
        if self.worker.is_threaded() {
            0
        } else {
            self.last_loaded
        }
    }

    /// Adds `text` as a new version named "Pasted 1", "Pasted 2"… and compares it with the
    /// version before it. What Ctrl+Shift+V does with the clipboard.
    pub fn paste_text(&mut self, text: &str) {
        if text.trim().is_empty() {
            self.notes
                .push("The clipboard holds no text to add as a version".to_string());
            return;
        }
        self.pasted += 1;
        let name = format!("Pasted {}", self.pasted);
        let version = version_from_text(&name, text, self.lang);
        let words = version.word_count();
        Arc::make_mut(&mut self.versions).push(version);
        self.meta.push(VersionMeta {
            words,
            ..Default::default()
        });
        self.pair = last_two(self.versions.len());
        self.versions_changed(false);
    }

    /// Blocks until every job sent to the worker has answered and applies the results: tests
    /// of [`App::new_threaded`] call it to get the same state an inline app has at once.
    pub fn wait_idle(&mut self) {
        while self.in_flight > 0 {
            match self.worker.recv_timeout(Duration::from_secs(60)) {
                Some(result) => self.handle_result(result),
                None => break,
            }
        }
        self.process_results();
    }

    /// True while the worker has jobs to answer (the top bar shows a spinner).
    pub fn is_busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Whether loading and comparing run on a background thread.
    pub fn is_threaded(&self) -> bool {
        self.worker.is_threaded()
    }

    /// Looks at the open files now, as the background thread does every second: a file that
    /// changed is reloaded and compared again, a file that is gone is kept and noted.
    /// (Tests of an inline app call this; a threaded app need not.)
    pub fn check_files(&mut self) {
        let mut watched = self.watched_files();
        for event in worker::check_files(&mut watched) {
            self.handle_result(event);
        }
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
            Command::OpenRecent(path) => {
                self.open_paths([path]);
            }
            Command::ClearRecent => self.settings.recent_files.clear(),
            Command::RemoveVersion(idx) => self.remove_version(idx),
            Command::RemoveSelected => {
                let idx = match (self.pair, self.versions.len()) {
                    (Some((_, new)), _) => Some(new),
                    (None, 1) => Some(0),
                    _ => None,
                };
                if let Some(idx) = idx {
                    self.remove_version(idx);
                }
            }
            Command::MoveVersion { from, to } => self.move_version(from, to),
            Command::RenameVersion(idx, name) => {
                if let Some(meta) = self.meta.get_mut(idx) {
                    let name = name.trim();
                    meta.name = (!name.is_empty()).then(|| name.to_string());
                }
            }
            Command::PasteAsNewVersion => {
                self.paste_requested = true;
                self.paste_request_unsent = true;
            }
            Command::Quit => self.quit_requested = true,
            Command::ToggleVersions => {
                self.settings.versions_visible = !self.settings.versions_visible;
            }
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::ZoomIn => self.zoom_by(0.1),
            Command::ZoomOut => self.zoom_by(-0.1),
            Command::ZoomReset => self.settings.ui_scale = 1.0,
            Command::ShowOptions => self.options_open = true,
            Command::ShowShortcuts => self.shortcuts_open = true,
            Command::SetOptions(options) => {
                if self.settings.options != options {
                    self.settings.options = options;
                    self.request_compare(Stale::Options);
                }
            }
            Command::DismissNote(idx) => {
                if idx < self.notes.len() {
                    self.notes.remove(idx);
                }
            }
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
            } => {
                let target = JumpTarget {
                    old_sentence,
                    new_sentence,
                    old_span,
                    new_span,
                };
                if self.in_flight > 0 {
                    self.jump_after_compare = Some(target);
                } else {
                    self.jump_to(target, false);
                }
            }
            Command::ToggleChanges => {
                self.settings.changes_visible = !self.settings.changes_visible;
            }
            Command::NextChange => self.step_row(true),
            Command::PreviousChange => self.step_row(false),
            Command::NextItem => self.step_change(true),
            Command::PreviousItem => self.step_change(false),
            Command::ToggleInline => self.view.toggle_inline(),
            Command::ToggleOnlyChanges => self.view.toggle_only_changes(),
            Command::Find => self.view.open_find(),
            Command::FindNext => self.view.step_match(true),
            Command::FindPrevious => self.view.step_match(false),
            Command::ToggleTimeline => self.view.toggle_timeline(),
            Command::SaveSessionDialog => {
                if let Some(choice) = rfd_save_session() {
                    // The native dialog asked before handing back an existing name; ask here
                    // only about a name it did not see (an extension added after it closed).
                    self.apply(if choice.dialog_asked {
                        Command::WriteSession(choice.path)
                    } else {
                        Command::SaveSessionTo(choice.path)
                    });
                }
            }
            Command::SaveSessionTo(path) => {
                let action = Command::WriteSession(path.clone());
                if let Some(cmd) = confirm::overwrite_or_ask(&mut self.confirm, &path, action) {
                    self.apply(cmd);
                }
            }
            Command::WriteSession(path) => self.save_session(&path),
            Command::OpenSessionDialog => {
                if let Some(path) = rfd_open_session() {
                    self.apply(Command::OpenSession(path));
                }
            }
            Command::OpenSession(path) => self.open_session(&path),
            Command::ExportReportDialog => {
                if let Some(choice) = rfd_save_report(&self.report_file_name()) {
                    self.apply(if choice.dialog_asked {
                        Command::WriteReport(choice.path)
                    } else {
                        Command::ExportReportTo(choice.path)
                    });
                }
            }
            Command::ExportReportTo(path) => {
                if ShareFormat::from_path(&path).is_none() {
                    // Nothing to replace: say why nothing is written.
                    return self.export_report(path);
                }
                let action = Command::WriteReport(path.clone());
                if let Some(cmd) = confirm::overwrite_or_ask(&mut self.confirm, &path, action) {
                    self.apply(cmd);
                }
            }
            Command::WriteReport(path) => self.export_report(path),
        }
    }

    /// The review as a session: the versions read from files (pasted text cannot be reopened
    /// and is left out), their names, the pair and the options.
    pub fn session(&self) -> Session {
        let mut kept = Vec::new();
        let mut versions = Vec::new();
        for (idx, (version, meta)) in self.versions.iter().zip(&self.meta).enumerate() {
            if let (Some(path), Some(sha256)) = (&meta.path, &version.checksum) {
                kept.push(idx);
                versions.push(SessionVersion {
                    path: std::path::absolute(path).unwrap_or_else(|_| path.clone()),
                    name: meta.name.clone(),
                    sha256: sha256.clone(),
                });
            }
        }
        let position = |idx: usize| kept.iter().position(|&k| k == idx);
        let pair = self
            .pair
            .and_then(|(old, new)| Some((position(old)?, position(new)?)));
        Session {
            versions,
            pair,
            options: SessionOptions::from_align(&self.settings.options.align_options(), self.lang),
        }
    }

    /// Whether there is a report to export (two versions or more).
    pub fn can_export(&self) -> bool {
        self.versions.len() >= 2
    }

    /// A default name for the report: the newest version's title, made file-safe.
    fn report_file_name(&self) -> String {
        let stem: String = self
            .versions
            .last()
            .map(|v| v.title.as_str())
            .unwrap_or("")
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|w| !w.is_empty())
            .take(8)
            .collect::<Vec<_>>()
            .join("-");
        if stem.is_empty() {
            "factdiff-report.html".to_string()
        } else {
            format!("{stem}-report.html")
        }
    }

    /// Writes the report of all versions in their order (each against the one before, plus
    /// the timeline), with the current options, on the worker; the format follows the file's
    /// extension. The header says when it was made.
    fn export_report(&mut self, path: PathBuf) {
        let Some(format) = ShareFormat::from_path(&path) else {
            self.errors.push(format!(
                "cannot export the report: the name must end in .html, .md or .json: {}",
                path.display()
            ));
            return;
        };
        if !self.can_export() {
            self.errors
                .push("cannot export a report: open two versions or more first".to_string());
            return;
        }
        let job = ExportJob {
            versions: Arc::clone(&self.versions),
            extractions: self
                .extractions_valid
                .then(|| Arc::clone(&self.extractions)),
            scans: Arc::clone(&self.scans),
            names: self.meta.iter().map(|m| m.name.clone()).collect(),
            options: self.settings.options.align_options(),
            format,
            render: RenderOptions {
                generated_at: utc_minute(SystemTime::now()),
            },
            path,
        };
        self.submit(Job::Export(job));
        self.process_results();
    }

    /// How many versions were read from files (what a session can hold).
    pub fn version_path_count(&self) -> usize {
        self.meta.iter().filter(|m| m.path.is_some()).count()
    }

    /// The overwrite question waiting for an answer, as the file it would replace.
    pub fn confirm_pending(&self) -> Option<&Path> {
        self.confirm.as_ref().map(|c| c.path.as_path())
    }

    fn save_session(&mut self, path: &Path) {
        let session = self.session();
        let left_out = self.versions.len() - session.versions.len();
        match session::save(path, &session) {
            Ok(()) => {
                let mut note = format!("Session saved: {}", path.display());
                if left_out > 0 {
                    note.push_str(&format!(
                        " ({left_out} pasted version(s) left out: only files can be reopened)"
                    ));
                }
                self.add_note(note);
            }
            Err(e) => self.errors.push(e.to_string()),
        }
    }

    /// Replaces the review with the session at `path`. A session that cannot be read leaves the
    /// review as it is and shows why; a missing or changed file gets a banner and the others
    /// still open.
    fn open_session(&mut self, path: &Path) {
        let opened = match session::open(path) {
            Ok(opened) => opened,
            Err(e) => {
                self.errors.push(e.to_string());
                return;
            }
        };
        // A new review: the old versions, their banners and the pair go.
        Arc::make_mut(&mut self.versions).clear();
        self.meta.clear();
        self.errors.clear();
        self.notes.clear();
        self.rename = None;
        self.pair = None;
        let options = opened.session.options;
        self.lang = options.language;
        self.settings.options = CompareOptions {
            ignore_case: options.ignore_case,
            ignore_punctuation: options.ignore_punctuation,
            changed_threshold: options.changed_threshold,
            moved_threshold: options.moved_threshold,
        };
        self.versions_changed(true);
        let mut paths = Vec::new();
        for (version, status) in opened.session.versions.iter().zip(&opened.statuses) {
            if let Some(message) = session::status_message(status, &version.path) {
                self.errors.push(message);
            }
            if !matches!(status, FileStatus::Missing | FileStatus::Unreadable(_)) {
                paths.push(version.path.clone());
            }
        }
        let path_of = |idx: usize| opened.session.versions.get(idx).map(|v| v.path.clone());
        self.session_restore = Some(SessionRestore {
            names: opened
                .session
                .versions
                .iter()
                .map(|v| (v.path.clone(), v.name.clone()))
                .collect(),
            pair: opened
                .session
                .pair
                .and_then(|(old, new)| Some((path_of(old)?, path_of(new)?))),
        });
        if paths.is_empty() {
            self.session_restore = None;
        } else {
            self.open_paths(paths);
        }
    }

    /// Gives the versions of a session just loaded their names and the session's pair.
    fn restore_session(&mut self, restore: SessionRestore) {
        for (path, name) in restore.names {
            if let Some(idx) = self.index_of_path(&path)
                && let Some(meta) = self.meta.get_mut(idx)
            {
                meta.name = name;
            }
        }
        if let Some((old, new)) = restore.pair
            && let (Some(old), Some(new)) = (self.index_of_path(&old), self.index_of_path(&new))
            && old != new
        {
            self.pair = Some((old, new));
        }
    }

    /// Draws the whole app into `ui`, then applies the commands the panels pushed.
    ///
    /// [`eframe::App::ui`] calls this; tests call it from an `egui_kittest` harness.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.worker.set_context(ui.ctx());
        self.process_results();
        self.apply_look(ui.ctx());
        self.handle_input(ui.ctx());
        self.update_window_title(ui.ctx());
        self.update_highlight(ui);

        let mut cmds = std::mem::take(&mut self.pending);
        menu::menu_bar_ui(ui, self, &mut cmds);
        top_bar::top_bar_ui(ui, self, &mut cmds);
        if !self.errors.is_empty() {
            top_bar::errors_ui(ui, &self.errors, &mut cmds);
        }
        if !self.notes.is_empty() {
            top_bar::notes_ui(ui, &self.notes, &mut cmds);
        }
        // The timeline spans the whole width, under the side panels.
        if self.versions.len() >= 2 {
            let visible = self.view.timeline_visible();
            self.view.timeline.update(
                self.extraction_runs,
                self.settings.options.align_options(),
                &self.versions,
                &self.extractions,
                visible,
            );
            if visible {
                timeline_panel::timeline_panel_ui(
                    ui,
                    TimelineInput {
                        versions: &self.versions,
                        extractions: &self.extractions,
                    },
                    &mut self.view.timeline,
                    &mut cmds,
                );
            }
        }
        if !self.versions.is_empty() && self.settings.versions_visible {
            let mut rename = self.rename.take();
            versions_panel::versions_panel_ui(ui, self, &mut rename, &mut cmds);
            self.rename = rename;
        }
        let mut options_open = self.options_open;
        menu::options_window_ui(
            ui.ctx(),
            &mut options_open,
            self.settings.options,
            &mut cmds,
        );
        self.options_open = options_open;
        confirm::confirm_overwrite_ui(ui.ctx(), &mut self.confirm, &mut cmds);
        let mut shortcuts_open = self.shortcuts_open;
        menu::shortcuts_window_ui(ui.ctx(), &mut shortcuts_open);
        self.shortcuts_open = shortcuts_open;
        if self.comparison.is_some() {
            let selected = self.jump.and_then(|j| self.changes.position(&j.target));
            changes_panel::changes_panel_ui(
                ui,
                changes_panel::PanelInput {
                    list: &self.changes,
                    selected,
                    reveal_selected: self.jump.is_some_and(|j| j.reveal_pending),
                },
                self.settings.changes_visible,
                &mut self.view.filter,
                &mut cmds,
            );
        }
        let jump = self.jump;
        let names: Vec<String> = (0..self.versions.len())
            .map(|i| self.display_name(i))
            .collect();
        egui::CentralPanel::default().show(ui, |ui| {
            diff_view::central_ui(
                ui,
                diff_view::ViewInput {
                    names: &names,
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
                    extractions: &self.extractions,
                    selected_row: jump.and_then(|j| j.row),
                },
                &mut self.view,
                &mut self.diff_cache,
                &mut cmds,
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
        if std::mem::take(&mut self.paste_request_unsent) {
            ui.ctx().send_viewport_cmd(ViewportCommand::RequestPaste);
        }
        if self.quit_requested {
            ui.ctx().send_viewport_cmd(ViewportCommand::Close);
        }
        if changed {
            // Show the result of the commands at once.
            self.apply_look(ui.ctx());
            self.update_window_title(ui.ctx());
            ui.ctx().request_repaint();
        }
    }

    /// The settings that persist between runs.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The notes about files reloaded or gone from disk, one line each.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// What the worker is doing, for the progress indicator; `None` when idle.
    pub fn busy_label(&self) -> Option<&'static str> {
        if self.loads_in_flight > 0 {
            Some("Loading…")
        } else if self.exports_in_flight > 0 {
            Some("Writing the report…")
        } else if self.in_flight > 0 {
            Some("Comparing…")
        } else {
            None
        }
    }

    /// The share of sentence rows of version `idx` that differ from the version before it
    /// (`None` for the first, and until computed).
    pub fn changed_share(&self, idx: usize) -> Option<f32> {
        self.meta.get(idx).and_then(|m| m.changed_share)
    }

    /// The file version `idx` was read from (`None` for pasted text).
    pub fn version_path(&self, idx: usize) -> Option<&Path> {
        self.meta.get(idx).and_then(|m| m.path.as_deref())
    }

    pub(crate) fn version_meta(&self, idx: usize) -> Option<&VersionMeta> {
        self.meta.get(idx)
    }

    /// The date shown for version `idx`: from its metadata, else the file's modification date
    /// (UTC), marked as such.
    pub fn version_date(&self, idx: usize) -> Option<String> {
        let version = self.versions.get(idx)?;
        if let Some(date) = &version.date {
            return Some(date.clone());
        }
        let modified = self.meta.get(idx)?.stamp?.modified?;
        Some(format!("file {}", utc_date(modified)?))
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

    /// How many versions were scanned for entities and facts in all: adding a version to an
    /// open set scans that one only.
    pub fn versions_scanned(&self) -> usize {
        self.versions_scanned
    }

    /// Whether the changes panel is shown (the top bar's "Changes" toggle).
    pub fn changes_visible(&self) -> bool {
        self.settings.changes_visible
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

    /// A short name for version `idx`: the name the user gave it, else its file name, with the
    /// parent folder when two loaded versions share a file name (`storm-en/v1.txt`).
    pub fn display_name(&self, idx: usize) -> String {
        match self.meta.get(idx).and_then(|m| m.name.as_ref()) {
            Some(name) => name.clone(),
            None => display_name(&self.versions, idx),
        }
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
            self.request_compare(Stale::Pair);
        }
    }

    fn remove_version(&mut self, idx: usize) {
        if idx >= self.versions.len() {
            return;
        }
        Arc::make_mut(&mut self.versions).remove(idx);
        if idx < self.meta.len() {
            self.meta.remove(idx);
        }
        self.rename = None;
        self.pair = pair_after_removal(self.pair, idx, self.versions.len());
        self.versions_changed(true);
    }

    /// Moves version `from` to place `to`; the pair keeps pointing at the same versions.
    fn move_version(&mut self, from: usize, to: usize) {
        let len = self.versions.len();
        if from >= len || to >= len || from == to || self.meta.len() != len {
            return;
        }
        let versions = Arc::make_mut(&mut self.versions);
        let version = versions.remove(from);
        versions.insert(to, version);
        let meta = self.meta.remove(from);
        self.meta.insert(to, meta);
        self.rename = None;
        let moved = |i: usize| moved_index(i, from, to);
        self.pair = self.pair.map(|(old, new)| (moved(old), moved(new)));
        self.versions_changed(true);
    }

    fn zoom_by(&mut self, step: f32) {
        self.settings.ui_scale = self.settings.clamped_ui_scale() + step;
        self.settings.ui_scale = self.settings.clamped_ui_scale();
    }

    /// After the set, order or text of the versions changed: re-extracts entities and facts
    /// (entity ids are shared across all versions, so every version is extracted again) and
    /// compares the pair again. `indices_moved`: the current comparison no longer matches the
    /// versions and is cleared at once rather than shown until the new one arrives.
    fn versions_changed(&mut self, indices_moved: bool) {
        if indices_moved {
            self.comparison = None;
            self.derive_from_comparison();
        }
        self.send_watch_list();
        self.request_compare(Stale::Versions);
    }

    /// Asks the worker for the comparison of the current pair (and the extractions and shares
    /// when `stale` says they are out of date). Older requests are superseded.
    fn request_compare(&mut self, stale: Stale) {
        match stale {
            Stale::Pair => {}
            Stale::Options => self.shares_valid = false,
            Stale::Versions => {
                self.extractions_valid = false;
                self.shares_valid = false;
            }
        }
        self.request += 1;
        let job = CompareJob {
            request: self.request,
            versions: Arc::clone(&self.versions),
            extractions: self
                .extractions_valid
                .then(|| Arc::clone(&self.extractions)),
            scans: Arc::clone(&self.scans),
            pair: self.pair,
            options: self.settings.options.align_options(),
            shares: !self.shares_valid,
        };
        self.submit(Job::Compare(job));
        self.process_results();
    }

    fn submit(&mut self, job: Job) {
        match &job {
            Job::Load { .. } => {
                self.in_flight += 1;
                self.loads_in_flight += 1;
            }
            Job::Compare(_) => self.in_flight += 1,
            Job::Export(_) => {
                self.in_flight += 1;
                self.exports_in_flight += 1;
            }
            Job::Watch(_) => {}
        }
        self.worker.submit(job);
    }

    /// Applies every result the worker has ready.
    fn process_results(&mut self) {
        while let Some(result) = self.worker.try_recv() {
            self.handle_result(result);
        }
    }

    fn handle_result(&mut self, result: JobResult) {
        if result.answers_a_job() {
            self.in_flight = self.in_flight.saturating_sub(1);
        }
        match result {
            JobResult::Loaded(files) => {
                self.loads_in_flight = self.loads_in_flight.saturating_sub(1);
                self.add_loaded(files);
            }
            JobResult::Compared {
                request,
                extractions,
                scans,
                comparison,
                shares,
                timeline,
            } => {
                if request != self.request {
                    // A newer request is on its way: this answer is stale.
                    return;
                }
                if let Some((cache, scanned)) = scans {
                    self.scans = Arc::new(cache);
                    self.versions_scanned += scanned;
                }
                if let Some(extractions) = extractions {
                    self.extractions = extractions;
                    self.extractions_valid = true;
                    self.extraction_runs += 1;
                }
                if let Some(shares) = shares {
                    for (meta, share) in self.meta.iter_mut().zip(shares) {
                        meta.changed_share = share;
                    }
                    self.shares_valid = true;
                }
                if let Some(timeline) = timeline {
                    let options = self.settings.options.align_options();
                    self.view
                        .timeline
                        .set(self.extraction_runs, options, timeline);
                }
                self.comparison = comparison;
                if self.comparison.is_some() {
                    self.comparison_runs += 1;
                }
                self.derive_from_comparison();
            }
            JobResult::Superseded => {}
            JobResult::Exported(path, written) => {
                self.exports_in_flight = self.exports_in_flight.saturating_sub(1);
                match written {
                    Ok(()) => self.add_note(format!("Report written: {}", path.display())),
                    Err(e) => self.errors.push(e),
                }
            }
            JobResult::FileChanged(path, loaded) => {
                let Some(idx) = self.index_of_path(&path) else {
                    return;
                };
                match loaded {
                    Ok(file) => {
                        let name = self.display_name(idx);
                        let meta = &mut self.meta[idx];
                        meta.stamp = file.stamp;
                        meta.missing = false;
                        if self.versions[idx].text == file.version.text {
                            // Touched or saved unchanged: nothing to compare again.
                            return;
                        }
                        meta.words = file.version.word_count();
                        Arc::make_mut(&mut self.versions)[idx] = file.version;
                        self.add_note(format!("{name} changed on disk \u{2014} reloaded"));
                        self.versions_changed(true);
                    }
                    Err(err) => self.errors.push(err),
                }
            }
            JobResult::FileMissing(path) => {
                let Some(idx) = self.index_of_path(&path) else {
                    return;
                };
                let name = self.display_name(idx);
                self.meta[idx].missing = true;
                self.add_note(format!(
                    "{name} is no longer on disk \u{2014} showing the text last loaded"
                ));
                self.send_watch_list();
            }
        }
    }

    /// Shows `note` once (a file saved twice gives one note, moved to the end).
    fn add_note(&mut self, note: String) {
        self.notes.retain(|n| *n != note);
        self.notes.push(note);
    }

    /// Adds (or reloads in place) the files a load job read; failures become error banners.
    fn add_loaded(&mut self, files: Vec<(PathBuf, Result<LoadedFile, String>)>) {
        let mut loaded = 0;
        let mut appended = false;
        for (path, result) in files {
            match result {
                Ok(file) => {
                    loaded += 1;
                    let absolute = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
                    self.settings.push_recent(&absolute);
                    let words = file.version.word_count();
                    let existing = self
                        .versions
                        .iter()
                        .position(|v| v.source == file.version.source);
                    let versions = Arc::make_mut(&mut self.versions);
                    match existing {
                        Some(idx) => versions[idx] = file.version,
                        None => {
                            versions.push(file.version);
                            self.meta.push(VersionMeta::default());
                            appended = true;
                        }
                    }
                    self.meta.resize_with(self.versions.len(), Default::default);
                    let idx = existing.unwrap_or(self.versions.len() - 1);
                    let meta = &mut self.meta[idx];
                    meta.path = Some(path);
                    meta.stamp = file.stamp;
                    meta.missing = false;
                    meta.words = words;
                }
                Err(err) => self.errors.push(err),
            }
        }
        self.last_loaded = loaded;
        let restore = self.session_restore.take();
        if loaded > 0 {
            if appended || self.pair.is_none() {
                self.pair = last_two(self.versions.len());
            }
            if let Some(restore) = restore {
                self.restore_session(restore);
            }
            // A file reloaded in place may have new text: the old comparison no longer fits.
            self.versions_changed(!appended);
        }
    }

    fn index_of_path(&self, path: &Path) -> Option<usize> {
        self.meta
            .iter()
            .position(|m| m.path.as_deref() == Some(path))
            .filter(|&idx| idx < self.versions.len())
    }

    /// The files the watcher looks at: every open version read from a file.
    fn watched_files(&self) -> Vec<WatchedFile> {
        self.meta
            .iter()
            .filter_map(|m| {
                Some(WatchedFile {
                    path: m.path.clone()?,
                    stamp: m.stamp,
                    missing: m.missing,
                    lang: self.lang,
                })
            })
            .collect()
    }

    fn send_watch_list(&mut self) {
        if self.worker.is_threaded() {
            let list = self.watched_files();
            self.worker.submit(Job::Watch(list));
        }
    }

    /// Gives egui the theme and the UI scale of the settings when they changed.
    fn apply_look(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(self.settings.theme.preference());
            self.applied_theme = Some(self.settings.theme);
        }
        let scale = self.settings.clamped_ui_scale();
        if self.applied_scale != Some(scale) {
            // The app handles Ctrl+plus/minus/0 itself, so the scale is saved with the rest.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            ctx.set_zoom_factor(scale);
            self.applied_scale = Some(scale);
        }
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
        if self.comparison.is_some()
            && self.in_flight == 0
            && let Some(target) = self.jump_after_compare.take()
        {
            self.jump_to(target, false);
        }
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

    /// Jumps to the next (or previous) changed row of the view after the one last jumped to,
    /// wrapping around (N / P, F7 / Shift+F7).
    fn step_row(&mut self, forward: bool) {
        let Some(comparison) = &self.comparison else {
            return;
        };
        let current = self.jump.and_then(|j| j.row);
        let Some(row) =
            view_state::step_changed_row(comparison, &self.display_rows, current, forward)
        else {
            return;
        };
        let Some(DisplayRow::Row(idx)) = self.display_rows.get(row).copied() else {
            return;
        };
        let Some(sentence) = comparison.sentences.get(idx) else {
            return;
        };
        let target = JumpTarget {
            old_sentence: sentence.from,
            new_sentence: sentence.to,
            ..Default::default()
        };
        self.jump_to(target, false);
        if let Some(jump) = &mut self.jump {
            jump.row = Some(row);
        }
    }

    /// The reader's view choices: inline or side by side, folding, find, the timeline.
    pub fn view(&self) -> &ViewState {
        &self.view
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

    /// Shortcuts, pasted text and dropped files become commands (or versions).
    fn handle_input(&mut self, ctx: &egui::Context) {
        // While a text box has the keyboard, plain letters are typing, not shortcuts.
        let typing = ctx.egui_wants_keyboard_input();
        for cmd in Command::with_shortcuts() {
            let pressed = cmd
                .shortcuts()
                .iter()
                .filter(|shortcut| !(typing && is_typing_key(shortcut)))
                .any(|shortcut| ctx.input_mut(|i| i.consume_shortcut(shortcut)));
            if pressed {
                self.pending.push(cmd);
            }
        }
        // Ctrl+Shift+V asked for the clipboard; Ctrl+V outside a text box pastes too.
        if self.paste_requested || !typing {
            let pasted: Vec<String> = ctx.input(|i| {
                i.events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Paste(text) => Some(text.clone()),
                        _ => None,
                    })
                    .collect()
            });
            for text in pasted {
                self.paste_requested = false;
                self.paste_text(&text);
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

    /// Saves the settings; eframe itself saves the window size and egui's memory (panel widths).
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.inline_view = self.view.inline();
        self.settings.only_changes = self.view.only_changes();
        self.settings.timeline_visible = self.view.timeline_visible();
        self.settings.save(storage);
    }
}

/// The pair compared when versions are first opened or added: the last two.
fn last_two(len: usize) -> Option<(usize, usize)> {
    (len >= 2).then(|| (len - 2, len - 1))
}

/// Where version `i` ends up when the version at `from` moves to `to`.
fn moved_index(i: usize, from: usize, to: usize) -> usize {
    if i == from {
        to
    } else if from < to && i > from && i <= to {
        i - 1
    } else if to < from && i >= to && i < from {
        i + 1
    } else {
        i
    }
}

/// A shortcut that is ordinary typing in a text box (a letter or digit, maybe with Shift).
fn is_typing_key(shortcut: &egui::KeyboardShortcut) -> bool {
    // Alt+letter types characters on many keyboard layouts (AltGr), so it counts as typing.
    let m = shortcut.modifiers;
    let plain = !m.ctrl && !m.command && !m.mac_cmd;
    plain && shortcut.logical_key.name().chars().count() == 1
}

/// rfd's save dialog for a session; `None` when cancelled.
fn rfd_save_session() -> Option<SaveChoice> {
    let path = rfd::FileDialog::new()
        .set_title("Save session")
        .add_filter("factdiff session", &[session::EXTENSION])
        .set_file_name(format!("review.{}", session::EXTENSION))
        .save_file()?;
    // Give a bare name the extension the open dialog looks for.
    Some(SaveChoice::with_default_extension(path, session::EXTENSION))
}

/// Where a save dialog said to write.
struct SaveChoice {
    path: PathBuf,
    /// The dialog itself asked before replacing this path (GTK, the desktop portal, Windows
    /// and macOS all do): false when the app changed the name afterwards.
    dialog_asked: bool,
}

impl SaveChoice {
    /// `path` as the dialog returned it, with `extension` added when it has none (some dialogs
    /// return the name as typed).
    fn with_default_extension(path: PathBuf, extension: &str) -> SaveChoice {
        if path.extension().is_none() {
            SaveChoice {
                path: path.with_extension(extension),
                dialog_asked: false,
            }
        } else {
            SaveChoice {
                path,
                dialog_asked: true,
            }
        }
    }
}

/// rfd's save dialog for a report, HTML first; `None` when cancelled. A name typed without an
/// extension gets `.html`.
fn rfd_save_report(file_name: &str) -> Option<SaveChoice> {
    let mut dialog = rfd::FileDialog::new()
        .set_title("Export report")
        .set_file_name(file_name);
    for format in ShareFormat::ALL {
        dialog = dialog.add_filter(format.label(), &[format.extension()]);
    }
    let path = dialog.save_file()?;
    Some(SaveChoice::with_default_extension(
        path,
        ShareFormat::Html.extension(),
    ))
}

/// rfd's open dialog for a session; `None` when cancelled.
fn rfd_open_session() -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("Open session")
        .add_filter("factdiff session", &[session::EXTENSION])
        .add_filter("All files", &["*"])
        .pick_file()
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
    fn moving_a_version_keeps_the_others_in_order() {
        // Moving index 0 to 2 in [a, b, c] gives [b, c, a].
        assert_eq!(
            (0..3).map(|i| moved_index(i, 0, 2)).collect::<Vec<_>>(),
            [2, 0, 1]
        );
        assert_eq!(
            (0..3).map(|i| moved_index(i, 2, 0)).collect::<Vec<_>>(),
            [1, 2, 0]
        );
        assert_eq!(last_two(3), Some((1, 2)));
        assert_eq!(last_two(1), None);
    }

    #[test]
    fn file_dates_are_utc_calendar_dates() {
        let day = |secs: u64| utc_date(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(day(0).as_deref(), Some("1970-01-01"));
        assert_eq!(day(951_782_400).as_deref(), Some("2000-02-29"));
        assert_eq!(day(1_714_521_600).as_deref(), Some("2024-05-01"));
    }

    #[test]
    fn a_name_completed_after_the_dialog_is_asked_about_again() {
        let typed = SaveChoice::with_default_extension(PathBuf::from("/tmp/review"), "html");
        assert_eq!(typed.path, PathBuf::from("/tmp/review.html"));
        assert!(!typed.dialog_asked);
        let chosen = SaveChoice::with_default_extension(PathBuf::from("/tmp/r.md"), "html");
        assert_eq!(chosen.path, PathBuf::from("/tmp/r.md"));
        assert!(chosen.dialog_asked);
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
