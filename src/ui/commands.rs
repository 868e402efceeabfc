//! Every user action of the desktop app as one [`Command`] value.
//!
//! Panels never do I/O or mutate the app while it is being drawn: they push commands, and
//! [`App::apply`](super::App::apply) runs them after the frame. Shortcuts and labels live here
//! too, so the toolbar, the menu bar, the keyboard and the shortcuts help stay in step.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::settings::{CompareOptions, ThemeChoice};

/// One thing the user asked for.
///
/// ```
/// use factdiff::ui::{App, Command};
/// let mut app = App::new(None);
/// app.apply(Command::OpenPaths(vec!["no-such-file.txt".into()]));
/// assert_eq!(app.errors().len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Show the file dialog (multi-select), then open what the user picked.
    OpenDialog,
    /// Load these files as new versions, in this order.
    OpenPaths(Vec<PathBuf>),
    /// Close version `idx` (the others stay open).
    RemoveVersion(usize),
    /// Compare from version `idx`.
    SelectOld(usize),
    /// Compare to version `idx`.
    SelectNew(usize),
    /// Exchange the old and the new version.
    SwapPair,
    /// Hide the load error banner `idx`.
    DismissError(usize),
    /// Scroll the side-by-side view to the row holding these sentences (indices in the old and
    /// the new version) and highlight these byte ranges of `Version::text` there for a few
    /// seconds. What a click on an item of the changes panel does.
    JumpTo {
        old_sentence: Option<usize>,
        new_sentence: Option<usize>,
        old_span: Option<[usize; 2]>,
        new_span: Option<[usize; 2]>,
    },
    /// Show or hide the changes panel.
    ToggleChanges,
    /// Go to the next changed sentence (changed, added, removed or moved row) of the view,
    /// after the one last jumped to; wraps around. N or F7.
    NextChange,
    /// Go to the previous changed sentence. P or Shift+F7.
    PreviousChange,
    /// Close the New version of the pair (or the only version).
    RemoveSelected,
    /// Move version `from` to place `to` in the list (the list is the timeline).
    MoveVersion {
        from: usize,
        to: usize,
    },
    /// Give version `idx` a display name (its path stays); an empty name restores the file name.
    RenameVersion(usize, String),
    /// Open a file from the recent files list.
    OpenRecent(PathBuf),
    /// Forget the recent files.
    ClearRecent,
    /// Read the clipboard and add its text as a new version ("Pasted 1", …).
    PasteAsNewVersion,
    /// Close the window.
    Quit,
    /// Show or hide the versions panel.
    ToggleVersions,
    /// Use this colour theme.
    SetTheme(ThemeChoice),
    /// Make everything larger, smaller, or 100 %.
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// Show the Options window.
    ShowOptions,
    /// Show the list of keyboard shortcuts.
    ShowShortcuts,
    /// Compare with these options (they apply at once and persist).
    SetOptions(CompareOptions),
    /// Hide the note `idx` (a file reloaded or gone).
    DismissNote(usize),
    /// Jump to the next item of the changes panel (the first one when none is chosen). Alt+N.
    NextItem,
    /// Jump to the previous item of the changes panel (the last one when none is chosen). Alt+P.
    PreviousItem,
    /// Switch between side by side and the inline (unified) view.
    ToggleInline,
    /// Fold (or unfold) the runs of unchanged sentences.
    ToggleOnlyChanges,
    /// Show the find bar and put the keyboard focus in it.
    Find,
    /// Go to the next / previous match of the find query.
    FindNext,
    FindPrevious,
    /// Show or hide the timeline panel (versions × entities and facts).
    ToggleTimeline,
    /// Show the save dialog, then save the session where the user chose ([`Command::SaveSessionTo`]).
    SaveSessionDialog,
    /// Save the review (versions, order, names, pair, options) to this `.factdiff` file; asks
    /// first when the file exists.
    SaveSessionTo(PathBuf),
    /// Write the session to this file now, replacing it: what the overwrite question's Replace
    /// runs.
    WriteSession(PathBuf),
    /// Show the open dialog for a session, then open it ([`Command::OpenSession`]).
    OpenSessionDialog,
    /// Replace the review with the one saved in this session file.
    OpenSession(PathBuf),
    /// Show the save dialog for a report, then export it ([`Command::ExportReportTo`]).
    ExportReportDialog,
    /// Export the report of all versions to this file (.html, .md or .json); asks first when
    /// the file exists.
    ExportReportTo(PathBuf),
    /// Write the report to this file now, replacing it: what the overwrite question's Replace
    /// runs.
    WriteReport(PathBuf),
}

impl Command {
    /// The text of the button or menu entry that issues the command.
    pub fn label(&self) -> &'static str {
        match self {
            Command::OpenDialog => "Open…",
            Command::OpenPaths(_) => "Open files",
            Command::RemoveVersion(_) => "Remove",
            Command::SelectOld(_) => "Old",
            Command::SelectNew(_) => "New",
            Command::SwapPair => "Swap",
            Command::DismissError(_) => "Dismiss",
            Command::JumpTo { .. } => "Show in text",
            Command::ToggleChanges => "Changes",
            Command::NextChange => "Next change",
            Command::PreviousChange => "Previous change",
            Command::RemoveSelected => "Remove version",
            Command::MoveVersion { .. } => "Move",
            Command::RenameVersion(..) => "Rename",
            Command::OpenRecent(_) => "Open recent",
            Command::ClearRecent => "Clear recent files",
            Command::PasteAsNewVersion => "Paste as new version",
            Command::Quit => "Quit",
            Command::ToggleVersions => "Versions",
            Command::SetTheme(_) => "Theme",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Actual size",
            Command::ShowOptions => "Options…",
            Command::ShowShortcuts => "Keyboard shortcuts",
            Command::SetOptions(_) => "Options",
            Command::DismissNote(_) => "Dismiss",
            Command::NextItem => "Next fact or entity",
            Command::PreviousItem => "Previous fact or entity",
            Command::ToggleInline => "Inline",
            Command::ToggleOnlyChanges => "Only changes",
            Command::Find => "Find…",
            Command::FindNext => "Next match",
            Command::FindPrevious => "Previous match",
            Command::ToggleTimeline => "Timeline",
            Command::SaveSessionDialog => "Save session…",
            Command::SaveSessionTo(_) | Command::WriteSession(_) => "Save session",
            Command::OpenSessionDialog => "Open session…",
            Command::OpenSession(_) => "Open session",
            Command::ExportReportDialog => "Export report…",
            Command::ExportReportTo(_) | Command::WriteReport(_) => "Export report",
        }
    }

    /// The keyboard shortcut that issues the command, if any (Ctrl+O, ⌘O on macOS): the first
    /// of [`Command::shortcuts`], the one menus and tooltips show.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Every keyboard shortcut that issues the command: `N` and F7 both go to the next change.
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        let key = |modifiers, key| KeyboardShortcut::new(modifiers, key);
        match self {
            Command::OpenDialog => vec![key(Modifiers::COMMAND, Key::O)],
            Command::OpenSessionDialog => {
                vec![key(Modifiers::COMMAND | Modifiers::SHIFT, Key::O)]
            }
            Command::SaveSessionDialog => vec![key(Modifiers::COMMAND, Key::S)],
            Command::ExportReportDialog => vec![key(Modifiers::COMMAND, Key::E)],
            Command::NextChange => {
                vec![key(Modifiers::NONE, Key::N), key(Modifiers::NONE, Key::F7)]
            }
            Command::PreviousChange => {
                vec![key(Modifiers::NONE, Key::P), key(Modifiers::SHIFT, Key::F7)]
            }
            Command::RemoveSelected => vec![key(Modifiers::COMMAND, Key::W)],
            Command::PasteAsNewVersion => {
                vec![key(Modifiers::COMMAND | Modifiers::SHIFT, Key::V)]
            }
            Command::Quit => vec![key(Modifiers::COMMAND, Key::Q)],
            Command::ZoomIn => vec![
                key(Modifiers::COMMAND, Key::Plus),
                key(Modifiers::COMMAND, Key::Equals),
            ],
            Command::ZoomOut => vec![key(Modifiers::COMMAND, Key::Minus)],
            Command::ZoomReset => vec![key(Modifiers::COMMAND, Key::Num0)],
            Command::ShowShortcuts => vec![key(Modifiers::NONE, Key::F1)],
            Command::NextItem => vec![key(Modifiers::ALT, Key::N)],
            Command::PreviousItem => vec![key(Modifiers::ALT, Key::P)],
            Command::ToggleInline => vec![key(Modifiers::COMMAND, Key::U)],
            Command::ToggleOnlyChanges => {
                vec![key(Modifiers::COMMAND | Modifiers::SHIFT, Key::H)]
            }
            Command::Find => vec![key(Modifiers::COMMAND, Key::F)],
            Command::FindNext => vec![key(Modifiers::NONE, Key::F3)],
            Command::FindPrevious => vec![key(Modifiers::SHIFT, Key::F3)],
            Command::ToggleTimeline => vec![key(Modifiers::COMMAND, Key::T)],
            _ => Vec::new(),
        }
    }

    /// Commands that have a shortcut and need no argument, most specific shortcut first (egui
    /// ignores an extra Shift when matching, so Shift+F7 must be tried before F7). The one list
    /// the keyboard handler and the shortcuts help read.
    pub fn with_shortcuts() -> Vec<Command> {
        vec![
            // Ctrl+Shift+O before Ctrl+O (an extra Shift is ignored).
            Command::OpenSessionDialog,
            Command::OpenDialog,
            Command::SaveSessionDialog,
            Command::ExportReportDialog,
            Command::PasteAsNewVersion,
            Command::RemoveSelected,
            Command::Quit,
            Command::ToggleInline,
            Command::ToggleOnlyChanges,
            Command::Find,
            Command::ToggleTimeline,
            // Alt+N / Alt+P before N / P, Shift+F3 before F3 (extra modifiers are ignored).
            Command::PreviousItem,
            Command::NextItem,
            Command::FindPrevious,
            Command::FindNext,
            Command::PreviousChange,
            Command::NextChange,
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomReset,
            Command::ShowShortcuts,
        ]
    }
}
