//! The left panel: the loaded versions, where the user picks the Old and the New one.
//!
//! In: the versions and the current pair. Out: [`Command`]s (select old/new, remove).

use egui::{RichText, Role, WidgetInfo};

use super::app::display_name;
use super::commands::Command;
use crate::core::document::Version;

pub(crate) fn versions_panel_ui(
    ui: &mut egui::Ui,
    versions: &[Version],
    pair: Option<(usize, usize)>,
    cmds: &mut Vec<Command>,
) {
    egui::Panel::left("versions")
        .resizable(true)
        .default_size(280.0)
        .size_range(200.0..=480.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.heading("Versions");
            if versions.len() >= 2 {
                ui.weak("Pick the Old and the New version to compare.");
            }
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| {
                    for (idx, version) in versions.iter().enumerate() {
                        ui.separator();
                        version_entry_ui(ui, versions, idx, version, pair, cmds);
                    }
                });
        });
}

fn version_entry_ui(
    ui: &mut egui::Ui,
    versions: &[Version],
    idx: usize,
    version: &Version,
    pair: Option<(usize, usize)>,
    cmds: &mut Vec<Command>,
) {
    let name = display_name(versions, idx);
    let is_old = pair.is_some_and(|(old, _)| old == idx);
    let is_new = pair.is_some_and(|(_, new)| new == idx);
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
            let remove = Command::RemoveVersion(idx);
            let response = ui.small_button("×").on_hover_text(format!("Close {name}"));
            response
                .widget_info(|| WidgetInfo::labeled(Role::Button, true, format!("Remove {name}")));
            if response.clicked() {
                cmds.push(remove);
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(&name).strong()).truncate())
                    .on_hover_text(&version.source);
            });
        });
    });
    if !version.title.is_empty() {
        ui.add(egui::Label::new(&version.title).wrap());
    }
    let mut details = Vec::new();
    if let Some(date) = &version.date {
        details.push(date.clone());
    }
    details.push(version.language.code().to_string());
    details.push(format!("{} sentences", version.sentences.len()));
    ui.label(RichText::new(details.join(" · ")).small().weak());
    for warning in &version.warnings {
        ui.label(
            RichText::new(format!("Warning: {warning}"))
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
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
