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
        }
    }

    /// The keyboard shortcut that issues the command, if any (Ctrl+O, ⌘O on macOS).
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        match self {
            Command::OpenDialog => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::O)),
            _ => None,
        }
    }

    /// Commands that have a shortcut and need no argument.
    pub(crate) fn with_shortcuts() -> [Command; 1] {
        [Command::OpenDialog]
    }
}
