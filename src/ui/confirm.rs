//! "Replace this file?": the confirmation asked before anything the app writes replaces an
//! existing file (a session now, a report export later).
//!
//! In: the target path and the command that writes it. Out: that command, once the user chose
//! Replace (or at once when nothing would be replaced). The native save dialogs (GTK, the
//! desktop portal, Windows, macOS) already ask about the name they return, so the app does not
//! ask twice about it; it asks here about every other path: a name the app completed with an
//! extension after the dialog closed, and writes commanded from elsewhere (tests, scripts).
//! No file is ever replaced without a yes.

use std::path::{Path, PathBuf};

use super::commands::Command;

/// A write waiting for the user's answer: which file it would replace and what to run on yes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ConfirmOverwrite {
    pub path: PathBuf,
    /// The command that writes `path` without asking again.
    pub action: Command,
}

/// The `action` to run now if `path` does not exist yet; otherwise `None`, with the question
/// left in `pending` for [`confirm_overwrite_ui`] to ask.
pub(crate) fn overwrite_or_ask(
    pending: &mut Option<ConfirmOverwrite>,
    path: &Path,
    action: Command,
) -> Option<Command> {
    if path.exists() {
        *pending = Some(ConfirmOverwrite {
            path: path.to_path_buf(),
            action,
        });
        None
    } else {
        Some(action)
    }
}

/// The label of the button that confirms.
pub const REPLACE: &str = "Replace";
/// The label of the button that gives up.
pub const CANCEL: &str = "Cancel";

/// The question as a modal window: "Replace review.factdiff?" with Replace and Cancel. Replace
/// pushes the waiting command; Cancel, Escape or a click outside forget it.
pub(crate) fn confirm_overwrite_ui(
    ctx: &egui::Context,
    pending: &mut Option<ConfirmOverwrite>,
    cmds: &mut Vec<Command>,
) {
    let Some(question) = pending.as_ref() else {
        return;
    };
    let name = question
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| question.path.display().to_string());
    let mut answer: Option<bool> = None;
    let modal = egui::Modal::new(egui::Id::unique("confirm_overwrite")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Replace {name}?"));
        ui.add_space(4.0);
        ui.label(format!(
            "A file with this name already exists in {}. Replacing it overwrites its contents.",
            question
                .path
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(REPLACE).clicked() {
                answer = Some(true);
            }
            if ui.button(CANCEL).clicked() {
                answer = Some(false);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(false);
    }
    if let Some(replace) = answer
        && let Some(question) = pending.take()
        && replace
    {
        cmds.push(question.action);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_only_when_the_file_exists() {
        let mut pending = None;
        let missing = std::env::temp_dir().join("factdiff-confirm-no-such-file.factdiff");
        let action = Command::WriteSession(missing.clone());
        assert_eq!(
            overwrite_or_ask(&mut pending, &missing, action.clone()),
            Some(action)
        );
        assert!(pending.is_none());
        let existing = std::env::temp_dir();
        let action = Command::WriteSession(existing.clone());
        assert_eq!(
            overwrite_or_ask(&mut pending, &existing, action.clone()),
            None
        );
        assert_eq!(
            pending,
            Some(ConfirmOverwrite {
                path: existing,
                action
            })
        );
    }
}
