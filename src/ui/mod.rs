//! The desktop app (egui/eframe): one of the views over the core's comparison.
//!
//! In: file paths. Out: a window with the loaded versions on the left, the chosen pair side by
//! side in the middle (word-level highlights, fact and entity mentions underlined) and the facts
//! and entities that changed on the right. The core knows nothing of this module; this module
//! only calls the core's public API (`load_version`, `extract_all`, `compare_pair`).
//!
//! - [`app`]: [`App`], its state and the frame loop; applies [`Command`]s after each frame.
//! - [`commands`]: every user action, with its label and shortcut.
//! - `menu`, `top_bar`, `versions_panel`, `diff_view`, `changes_panel`: the menu bar and the
//!   panels (`*_ui` functions) that draw from the state and push commands.
//! - `worker`: loading, extraction and comparison off the UI thread; file watching.
//! - [`settings`]: what persists between runs (options, theme, scale, recent files).
//! - [`fonts`]: fallback fonts for Cyrillic, Arabic, Chinese and Japanese text.
//! - `palette`: diff colours for the light and the dark theme.
//! - [`ViewState`] (`view_state`): side by side or inline, only changes, find (`find`), the
//!   changes filter; `overview` (the bar beside the scroll bar), `timeline_panel` (versions ×
//!   entities and facts, with a plot), `tooltips` (hover on a marked entity or fact).
//!
//! Everything is drawn by [`App::show`], so the UI is tested with `egui_kittest` without a window
//! (see `tests/ui.rs`); only [`run`] opens a real one.

use std::path::PathBuf;

use crate::core::document::Lang;
use crate::core::session::is_session_path;

pub mod app;
mod changes_panel;
pub mod commands;
mod confirm;
mod diff_view;
mod find;
pub mod fonts;
mod menu;
mod overview;
mod palette;
pub mod settings;
mod timeline_panel;
mod tooltips;
mod top_bar;
mod versions_panel;
mod view_state;
mod worker;

pub use app::{App, FilePicker, JumpTarget};
pub use commands::Command;
pub use find::{Find, FindMatch};
pub use fonts::install_fallback_fonts;
pub use settings::{CompareOptions, Settings, ThemeChoice};
pub use view_state::{ViewRow, ViewState};

/// Opens the factdiff window with `paths` loaded (files that fail show an error banner); a
/// session file (`.factdiff`) among them restores that saved review.
/// `lang` overrides language detection. Blocks until the window is closed. The settings of the
/// last run (options, theme, scale, recent files, window size, panel widths) are restored.
///
/// ```no_run
/// factdiff::ui::run(vec!["samples/storm-en/v1.txt".into(), "samples/storm-en/v2.txt".into()], None)
///     .unwrap();
/// ```
pub fn run(paths: Vec<PathBuf>, lang: Option<Lang>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("factdiff")
            .with_app_id("factdiff")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "factdiff",
        options,
        Box::new(move |cc| {
            install_fallback_fonts(&cc.egui_ctx);
            let settings = cc.storage.and_then(Settings::load).unwrap_or_default();
            let mut app = App::new_threaded(lang).with_settings(settings);
            // `factdiff review.factdiff` restores a saved review; other paths are versions.
            let (sessions, files): (Vec<PathBuf>, Vec<PathBuf>) =
                paths.into_iter().partition(|p| is_session_path(p));
            for session in sessions {
                app.apply(Command::OpenSession(session));
            }
            app.open_paths(files);
            Ok(Box::new(app))
        }),
    )
}
