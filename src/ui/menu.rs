//! The menu bar (File, View, Options…, Help), the Options window and the shortcuts help.
//!
//! In: the app state, read only. Out: [`Command`]s. Every entry shows the label and the
//! shortcut of its command from [`Command::label`] and [`Command::shortcut`], and the help lists
//! [`Command::with_shortcuts`], the same list the keyboard handler reads, so the three agree.

use egui::RichText;

use super::app::App;
use super::commands::Command;
use super::settings::{CompareOptions, ThemeChoice};

/// The menu bar at the very top of the window.
pub(crate) fn menu_bar_ui(ui: &mut egui::Ui, app: &App, cmds: &mut Vec<Command>) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu_ui(ui, app, cmds));
            ui.menu_button("View", |ui| view_menu_ui(ui, app, cmds));
            if ui.button(Command::ShowOptions.label()).clicked() {
                cmds.push(Command::ShowOptions);
            }
            ui.menu_button("Help", |ui| {
                command_item(ui, Command::ShowShortcuts, true, cmds);
            });
        });
    });
}

fn file_menu_ui(ui: &mut egui::Ui, app: &App, cmds: &mut Vec<Command>) {
    command_item(ui, Command::OpenDialog, true, cmds);
    let recent = &app.settings().recent_files;
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open recent", |ui| {
            for path in recent {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string());
                let parent = path
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                if ui
                    .add(egui::Button::new(name).right_text(RichText::new(parent).weak()))
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    cmds.push(Command::OpenRecent(path.clone()));
                }
            }
            ui.separator();
            command_item(ui, Command::ClearRecent, true, cmds);
        });
    });
    command_item(ui, Command::PasteAsNewVersion, true, cmds);
    ui.separator();
    command_item(ui, Command::OpenSessionDialog, true, cmds);
    command_item(
        ui,
        Command::SaveSessionDialog,
        app.version_path_count() > 0,
        cmds,
    );
    command_item(ui, Command::ExportReportDialog, app.can_export(), cmds);
    ui.separator();
    command_item(
        ui,
        Command::RemoveSelected,
        !app.versions().is_empty(),
        cmds,
    );
    ui.separator();
    command_item(ui, Command::Quit, true, cmds);
}

fn view_menu_ui(ui: &mut egui::Ui, app: &App, cmds: &mut Vec<Command>) {
    let settings = app.settings();
    toggle_item(
        ui,
        settings.versions_visible,
        "Versions panel",
        Command::ToggleVersions,
        cmds,
    );
    toggle_item(
        ui,
        settings.changes_visible,
        "Changes panel",
        Command::ToggleChanges,
        cmds,
    );
    toggle_item(
        ui,
        app.view().timeline_visible(),
        "Timeline",
        Command::ToggleTimeline,
        cmds,
    );
    ui.separator();
    toggle_item(
        ui,
        app.view().inline(),
        "Inline view",
        Command::ToggleInline,
        cmds,
    );
    toggle_item(
        ui,
        app.view().only_changes(),
        "Only changes",
        Command::ToggleOnlyChanges,
        cmds,
    );
    command_item(ui, Command::Find, app.comparison().is_some(), cmds);
    ui.separator();
    command_item(ui, Command::NextChange, app.comparison().is_some(), cmds);
    command_item(
        ui,
        Command::PreviousChange,
        app.comparison().is_some(),
        cmds,
    );
    command_item(ui, Command::SwapPair, app.pair().is_some(), cmds);
    ui.separator();
    ui.menu_button("Theme", |ui| {
        for theme in ThemeChoice::ALL {
            if ui.radio(settings.theme == theme, theme.label()).clicked() {
                cmds.push(Command::SetTheme(theme));
            }
        }
    });
    command_item(ui, Command::ZoomIn, true, cmds);
    command_item(ui, Command::ZoomOut, true, cmds);
    command_item(ui, Command::ZoomReset, true, cmds);
}

/// A menu entry for `cmd` with its shortcut on the right.
fn command_item(ui: &mut egui::Ui, cmd: Command, enabled: bool, cmds: &mut Vec<Command>) {
    let mut button = egui::Button::new(cmd.label());
    if let Some(shortcut) = cmd.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        cmds.push(cmd);
    }
}

fn toggle_item(
    ui: &mut egui::Ui,
    visible: bool,
    text: &str,
    cmd: Command,
    cmds: &mut Vec<Command>,
) {
    // A check box, with the shortcut in the label (egui's default font has no check mark glyph
    // for a button).
    let label = match cmd.shortcut() {
        Some(shortcut) => format!("{text}  ({})", ui.ctx().format_shortcut(&shortcut)),
        None => text.to_string(),
    };
    let mut checked = visible;
    if ui.checkbox(&mut checked, label).changed() {
        cmds.push(cmd);
    }
}

/// The Options window: what counts as a change. Each edit applies at once.
pub(crate) fn options_window_ui(
    ctx: &egui::Context,
    open: &mut bool,
    options: CompareOptions,
    cmds: &mut Vec<Command>,
) {
    let mut edited = options;
    egui::Window::new("Options")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.checkbox(&mut edited.ignore_case, "Ignore case")
                .on_hover_text("\"Tiktok\" and \"TikTok\" are the same word");
            ui.checkbox(
                &mut edited.ignore_punctuation,
                "Ignore punctuation-only changes",
            )
            .on_hover_text("A comma added or a full stop turned into a semicolon does not count");
            ui.add_space(6.0);
            ui.label("Similarity for \u{201c}changed\u{201d}");
            ui.add(
                egui::Slider::new(
                    &mut edited.changed_threshold,
                    CompareOptions::THRESHOLD_RANGE,
                )
                .step_by(0.05)
                .fixed_decimals(2),
            )
            .on_hover_text(
                "Below this similarity, an old and a new sentence at the same place are shown \
                 as removed and added rather than changed",
            );
            ui.add_space(6.0);
            if ui.button("Restore defaults").clicked() {
                edited = CompareOptions::default();
            }
        });
    if edited != options {
        cmds.push(Command::SetOptions(edited));
    }
}

/// Every shortcut, from the same list the keyboard handler reads.
pub(crate) fn shortcuts_window_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for cmd in Command::with_shortcuts() {
                        ui.label(cmd.label());
                        let keys: Vec<String> = cmd
                            .shortcuts()
                            .iter()
                            .map(|s| ctx.format_shortcut(s))
                            .collect();
                        ui.label(RichText::new(keys.join(", ")).monospace());
                        ui.end_row();
                    }
                });
        });
}
