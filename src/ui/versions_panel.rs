//! The left panel: the loaded versions, in timeline order, where the user picks the Old and the
//! New one, reorders, renames and closes them.
//!
//! In: the app state, read only, and the rename being typed. Out: [`Command`]s (select
//! old/new, move, rename, remove).

use egui::{RichText, Role, WidgetInfo};

use super::app::App;
use super::commands::Command;

pub(crate) fn versions_panel_ui(
    ui: &mut egui::Ui,
    app: &App,
    rename: &mut Option<(usize, String)>,
    cmds: &mut Vec<Command>,
) {
    egui::Panel::left("versions")
        .resizable(true)
        .default_size(280.0)
        .size_range(200.0..=480.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.heading("Versions");
            if app.versions().len() >= 2 {
                ui.weak("Pick the Old and the New version to compare. The order is the timeline.");
            }
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| {
                    for idx in 0..app.versions().len() {
                        ui.separator();
                        version_entry_ui(ui, app, idx, rename, cmds);
                    }
                });
        });
}

fn version_entry_ui(
    ui: &mut egui::Ui,
    app: &App,
    idx: usize,
    rename: &mut Option<(usize, String)>,
    cmds: &mut Vec<Command>,
) {
    let Some(version) = app.versions().get(idx) else {
        return;
    };
    let count = app.versions().len();
    let pair = app.pair();
    let name = app.display_name(idx);
    let is_old = pair.is_some_and(|(old, _)| old == idx);
    let is_new = pair.is_some_and(|(_, new)| new == idx);
    let meta = app.version_meta(idx);
    ui.horizontal(|ui| {
        if pair.is_some() {
            pair_toggle_ui(
                ui,
                is_old,
                Command::SelectOld(idx),
                &name,
                "Compare from this version",
                cmds,
            );
            pair_toggle_ui(
                ui,
                is_new,
                Command::SelectNew(idx),
                &name,
                "Compare to this version",
                cmds,
            );
        }
        ui.label(RichText::new(format!("#{}", idx + 1)).weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            named_button(ui, "×", &format!("Remove {name}"), &format!("Close {name}"))
                .clicked()
                .then(|| cmds.push(Command::RemoveVersion(idx)));
            ui.with_layout(
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| match rename.as_ref().filter(|(i, _)| *i == idx) {
                    Some(_) => rename_edit_ui(ui, idx, &name, rename, cmds),
                    None => {
                        let path = app
                            .version_path(idx)
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| "Pasted from the clipboard".to_string());
                        let response = ui
                            .add(
                                egui::Label::new(RichText::new(&name).strong())
                                    .truncate()
                                    .sense(egui::Sense::click()),
                            )
                            .on_hover_text(format!("{path}\nDouble-click to rename"));
                        if response.double_clicked() {
                            *rename = Some((idx, name.clone()));
                        }
                    }
                },
            );
        });
    });
    if !version.title.is_empty() {
        ui.add(egui::Label::new(&version.title).wrap());
    }
    let mut details = vec![version.format.label().to_string()];
    if let Some(date) = app.version_date(idx) {
        details.push(date);
    }
    details.push(version.language.code().to_string());
    let words = meta.map_or_else(|| version.word_count(), |m| m.words);
    details.push(format!("{words} words"));
    if let Some(share) = app.changed_share(idx) {
        details.push(format!("{:.0}% changed", share * 100.0));
    }
    ui.label(RichText::new(details.join(" · ")).small().weak())
        .on_hover_text(
            "Format the file was read as, date (from the article, else the file), language, \
             words, and the share of sentences that differ from the version above",
        );
    ui.horizontal(|ui| {
        ui.add_enabled_ui(idx > 0, |ui| {
            if named_button(
                ui,
                "Up",
                &format!("Move {name} up"),
                "Earlier in the timeline",
            )
            .clicked()
            {
                cmds.push(Command::MoveVersion {
                    from: idx,
                    to: idx - 1,
                });
            }
        });
        ui.add_enabled_ui(idx + 1 < count, |ui| {
            if named_button(
                ui,
                "Down",
                &format!("Move {name} down"),
                "Later in the timeline",
            )
            .clicked()
            {
                cmds.push(Command::MoveVersion {
                    from: idx,
                    to: idx + 1,
                });
            }
        });
        if rename.is_none()
            && named_button(
                ui,
                Command::RenameVersion(idx, String::new()).label(),
                &format!("Rename {name}"),
                "Give this version a display name (the file stays where it is)",
            )
            .clicked()
        {
            *rename = Some((idx, name.clone()));
        }
    });
    if meta.is_some_and(|m| m.missing) {
        ui.label(
            RichText::new("No longer on disk: showing the text last loaded")
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
    for warning in &version.warnings {
        ui.label(
            RichText::new(format!("Warning: {warning}"))
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
}

/// The name being typed: Enter (or leaving the box) keeps it, Escape cancels.
fn rename_edit_ui(
    ui: &mut egui::Ui,
    idx: usize,
    name: &str,
    rename: &mut Option<(usize, String)>,
    cmds: &mut Vec<Command>,
) {
    let Some((_, text)) = rename.as_mut() else {
        return;
    };
    let label = ui.label("Name:");
    let response = ui
        .add(egui::TextEdit::singleline(text).desired_width(ui.available_width()))
        .labelled_by(label.id);
    response.widget_info(|| {
        WidgetInfo::text_edit(
            true,
            name.to_string(),
            text.as_str(),
            format!("Name of {name}"),
        )
    });
    if !response.has_focus() && !response.lost_focus() {
        response.request_focus();
    }
    let (enter, escape) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::Enter),
            i.key_pressed(egui::Key::Escape),
        )
    });
    if escape {
        *rename = None;
    } else if response.lost_focus() || enter {
        cmds.push(Command::RenameVersion(idx, text.clone()));
        *rename = None;
    }
}

/// A small button whose accessible name says which version it acts on.
fn named_button(ui: &mut egui::Ui, text: &str, name: &str, hover: &str) -> egui::Response {
    let response = ui.small_button(text).on_hover_text(hover);
    let enabled = ui.is_enabled();
    let name = name.to_string();
    response.widget_info(move || WidgetInfo::labeled(Role::Button, enabled, name.clone()));
    response
}

/// An "Old" or "New" toggle. Its accessible name says which version it picks.
fn pair_toggle_ui(
    ui: &mut egui::Ui,
    selected: bool,
    cmd: Command,
    name: &str,
    hover: &str,
    cmds: &mut Vec<Command>,
) {
    let label = cmd.label();
    let response = ui.selectable_label(selected, label).on_hover_text(hover);
    response.widget_info(|| {
        WidgetInfo::selected(Role::Button, true, selected, format!("{label} {name}"))
    });
    if response.clicked() && !selected {
        cmds.push(cmd);
    }
}
