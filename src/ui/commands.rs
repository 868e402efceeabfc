//! Every user action of the desktop app as one [`Command`] value.
//!
//! Panels never do I/O or mutate the app while it is being drawn: they push commands, and
//! [`App::apply`](super::App::apply) runs them after the frame. Shortcuts and labels live here
//! too, so the toolbar, the keyboard and any future menu stay in step.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

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
    /// Jump to the next item of the changes panel (the first one when none is chosen).
    NextChange,
    /// Jump to the previous item of the changes panel (the last one when none is chosen).
    PreviousChange,
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
            Command::NextChange => {
                vec![key(Modifiers::NONE, Key::N), key(Modifiers::NONE, Key::F7)]
            }
            Command::PreviousChange => {
                vec![key(Modifiers::NONE, Key::P), key(Modifiers::SHIFT, Key::F7)]
            }
            _ => Vec::new(),
        }
    }

    /// Commands that have a shortcut and need no argument, most specific shortcut first (egui
    /// ignores an extra Shift when matching, so Shift+F7 must be tried before F7).
    pub(crate) fn with_shortcuts() -> [Command; 3] {
        [
            Command::OpenDialog,
            Command::PreviousChange,
            Command::NextChange,
        ]
    }
}
