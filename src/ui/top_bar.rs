//! The top bar (Open…, the compared pair, the summary line, the progress indicator, the
//! changes-panel toggle, the theme switch), the load error banners and the file notes under it.
//!
//! In: the app state, read only. Out: [`Command`]s (open, swap, show or hide the changes panel,
//! switch the theme, dismiss an error or a note).

use egui::{Color32, RichText};

use super::app::App;
use super::commands::Command;
use super::settings::ThemeChoice;
use crate::core::text_report::summary_line;

pub(crate) fn top_bar_ui(ui: &mut egui::Ui, app: &App, cmds: &mut Vec<Command>) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let open = Command::OpenDialog;
            let shortcut = open
                .shortcut()
                .map(|s| ui.ctx().format_shortcut(&s))
                .unwrap_or_default();
            if ui
                .button(open.label())
                .on_hover_text(format!(
                    "Open article versions ({shortcut}), or drop files on the window"
                ))
                .clicked()
            {
                cmds.push(open);
            }
            ui.separator();
            match (app.pair(), app.comparison()) {
                (Some((old, new)), Some(comparison)) => {
                    ui.label(RichText::new(app.display_name(old)).strong());
                    ui.weak("›");
                    ui.label(RichText::new(app.display_name(new)).strong());
                    let swap = Command::SwapPair;
                    if ui
                        .small_button(swap.label())
                        .on_hover_text("Exchange the old and the new version")
                        .clicked()
                    {
                        cmds.push(swap);
                    }
                    ui.separator();
                    ui.label(summary_line(comparison));
                }
                _ if app.versions().len() == 1 => {
                    ui.label("One version loaded: open a second one to compare.");
                }
                _ => {
                    ui.weak("No versions loaded");
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                theme_toggle_ui(ui, cmds);
                if app.comparison().is_some() {
                    let toggle = Command::ToggleChanges;
                    let visible = app.changes_visible();
                    if ui
                        .selectable_label(visible, toggle.label())
                        .on_hover_text(if visible {
                            "Hide the facts and entities that changed"
                        } else {
                            "Show the facts and entities that changed"
                        })
                        .clicked()
                    {
                        cmds.push(toggle);
                    }
                }
                if let Some(busy) = app.busy_label() {
                    ui.label(busy);
                    ui.spinner();
                }
            });
        });
        ui.add_space(2.0);
    });
}

/// One red banner per file that failed to load, each with its own Dismiss button.
pub(crate) fn errors_ui(ui: &mut egui::Ui, errors: &[String], cmds: &mut Vec<Command>) {
    let style = |dark: bool| {
        if dark {
            BannerStyle {
                fill: Color32::from_rgb(72, 26, 26),
                stroke: Color32::from_rgb(170, 60, 60),
                text: Some(Color32::from_rgb(255, 215, 215)),
                icon: true,
            }
        } else {
            BannerStyle {
                fill: Color32::from_rgb(253, 228, 228),
                stroke: Color32::from_rgb(214, 90, 90),
                text: Some(Color32::from_rgb(120, 10, 10)),
                icon: true,
            }
        }
    };
    banners_ui(
        ui,
        "load_errors",
        errors,
        style,
        Command::DismissError,
        cmds,
    );
}

/// Notes about the open files (reloaded after a change on disk, gone from disk), each with
/// its own Dismiss button.
pub(crate) fn notes_ui(ui: &mut egui::Ui, notes: &[String], cmds: &mut Vec<Command>) {
    let style = |dark: bool| {
        if dark {
            BannerStyle {
                fill: Color32::from_rgb(26, 44, 72),
                stroke: Color32::from_rgb(70, 110, 180),
                text: None,
                icon: false,
            }
        } else {
            BannerStyle {
                fill: Color32::from_rgb(226, 236, 252),
                stroke: Color32::from_rgb(110, 150, 220),
                text: None,
                icon: false,
            }
        }
    };
    banners_ui(ui, "file_notes", notes, style, Command::DismissNote, cmds);
}

/// Colours of a banner; `text` None keeps the theme's text colour.
struct BannerStyle {
    fill: Color32,
    stroke: Color32,
    text: Option<Color32>,
    icon: bool,
}

/// A stack of dismissible banners at the top of the window, one per message.
fn banners_ui(
    ui: &mut egui::Ui,
    id: &str,
    messages: &[String],
    style: impl Fn(bool) -> BannerStyle,
    dismiss: impl Fn(usize) -> Command,
    cmds: &mut Vec<Command>,
) {
    egui::Panel::top(id.to_string())
        .show_separator_line(false)
        .show(ui, |ui| {
            ui.add_space(4.0);
            let style = style(ui.visuals().dark_mode);
            for (idx, message) in messages.iter().enumerate() {
                egui::Frame::new()
                    .fill(style.fill)
                    .stroke((1.0, style.stroke))
                    .corner_radius(4.0)
                    .inner_margin(egui::Margin::symmetric(8, 4))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            if style.icon {
                                error_icon_ui(ui, style.stroke);
                            }
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    let cmd = dismiss(idx);
                                    if ui.button(cmd.label()).clicked() {
                                        cmds.push(cmd);
                                    }
                                    ui.with_layout(
                                        egui::Layout::left_to_right(egui::Align::Center),
                                        |ui| {
                                            let text = match style.text {
                                                Some(colour) => {
                                                    RichText::new(message).color(colour)
                                                }
                                                None => RichText::new(message),
                                            };
                                            ui.add(egui::Label::new(text).wrap());
                                        },
                                    );
                                },
                            );
                        });
                    });
                ui.add_space(2.0);
            }
            ui.add_space(2.0);
        });
}

/// A button that switches between the light and the dark theme (View ▸ Theme also offers
/// following the system). egui's own theme buttons use emoji that the default fonts lack.
fn theme_toggle_ui(ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
    let dark = ui.visuals().dark_mode;
    let (label, theme) = if dark {
        ("Light theme", ThemeChoice::Light)
    } else {
        ("Dark theme", ThemeChoice::Dark)
    };
    if ui
        .button(label)
        .on_hover_text("Switch the colour theme")
        .clicked()
    {
        cmds.push(Command::SetTheme(theme));
    }
}

/// A filled circle with an exclamation mark, drawn rather than taken from an emoji font.
fn error_icon_ui(ui: &mut egui::Ui, color: Color32) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let painter = ui.painter();
    painter.circle_filled(rect.center(), size * 0.45, color);
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "!",
        egui::FontId::proportional(size * 0.8),
        Color32::WHITE,
    );
}
