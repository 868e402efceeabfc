//! What the desktop app remembers between runs.
//!
//! In: eframe's storage (a RON file in the platform's data folder). Out: a [`Settings`] value
//! with the comparison options, the theme, the UI scale, the panels shown and the recent files.
//! Every struct is `#[serde(default)]`, so a file written by an older or newer build still loads:
//! unknown fields are ignored and missing ones take their default. The window size and the panel
//! widths are kept by eframe and egui themselves (`persist_window`, egui's memory).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::align::AlignOptions;

/// The key under which the settings are stored.
pub const STORAGE_KEY: &str = "factdiff.settings";
/// How many files the "Open recent" menu lists.
pub const MAX_RECENT: usize = 10;
/// The smallest and the largest UI scale (`Ctrl+minus`, `Ctrl+plus`).
pub const UI_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

/// The user's choices, saved when the app closes (and every 30 seconds).
///
/// ```
/// use factdiff::ui::Settings;
/// let mut settings = Settings::default();
/// settings.push_recent("a/v1.txt".as_ref());
/// let json = serde_json::to_string(&settings).unwrap();
/// let back: Settings = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, settings);
/// // An empty or partial record falls back to the defaults.
/// let empty: Settings = serde_json::from_str("{}").unwrap();
/// assert_eq!(empty, Settings::default());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Bumped when a field changes meaning.
    pub format_version: u32,
    pub options: CompareOptions,
    pub theme: ThemeChoice,
    /// egui's zoom factor: 1.0 is 100 %.
    pub ui_scale: f32,
    /// Most recent first, at most [`MAX_RECENT`].
    pub recent_files: Vec<PathBuf>,
    pub versions_visible: bool,
    pub changes_visible: bool,
    /// The view choices: inline instead of side by side, unchanged runs folded, timeline shown.
    pub inline_view: bool,
    pub only_changes: bool,
    pub timeline_visible: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            format_version: 1,
            options: CompareOptions::default(),
            theme: ThemeChoice::System,
            ui_scale: 1.0,
            recent_files: Vec::new(),
            versions_visible: true,
            changes_visible: true,
            inline_view: false,
            only_changes: false,
            timeline_visible: false,
        }
    }
}

impl Settings {
    /// Reads the settings saved by a previous run; `None` when there are none (or they do not
    /// parse, which starts the app with the defaults rather than failing).
    pub fn load(storage: &dyn eframe::Storage) -> Option<Settings> {
        eframe::get_value(storage, STORAGE_KEY)
    }

    /// Writes the settings to eframe's storage.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }

    /// Puts `path` first in the recent files, without duplicates, keeping [`MAX_RECENT`].
    pub fn push_recent(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(MAX_RECENT);
    }

    /// The scale clamped to [`UI_SCALE_RANGE`] and rounded to a tenth (a hand-edited file or
    /// repeated steps never leave it at 1.0000001).
    pub fn clamped_ui_scale(&self) -> f32 {
        let scale = if self.ui_scale.is_finite() {
            self.ui_scale
        } else {
            1.0
        };
        (scale.clamp(*UI_SCALE_RANGE.start(), *UI_SCALE_RANGE.end()) * 10.0).round() / 10.0
    }
}

/// The options of the comparison that a reader can change (Options… window). They map to the
/// core's [`AlignOptions`].
///
/// ```
/// use factdiff::ui::CompareOptions;
/// let options = CompareOptions { ignore_case: true, ..Default::default() };
/// assert!(options.align_options().ignore_case);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompareOptions {
    /// "Tiktok" = "TikTok".
    pub ignore_case: bool,
    /// A comma added or a full stop turned into a semicolon does not count.
    pub ignore_punctuation: bool,
    /// Minimum similarity (0.2–0.9) for two sentences at the same place to count as one
    /// changed sentence rather than a removal and an addition.
    pub changed_threshold: f64,
    /// Minimum similarity (0–1) for a sentence found elsewhere to count as moved. Not in the
    /// Options window; kept so that a session or a command line that set it is honoured.
    pub moved_threshold: f64,
}

/// The options never hold NaN (the threshold is clamped), so equality is total.
impl Eq for CompareOptions {}

impl Default for CompareOptions {
    fn default() -> Self {
        let core = AlignOptions::default();
        CompareOptions {
            ignore_case: core.ignore_case,
            ignore_punctuation: core.ignore_punctuation,
            changed_threshold: core.changed_threshold,
            moved_threshold: core.moved_threshold,
        }
    }
}

impl CompareOptions {
    /// The slider's range for [`CompareOptions::changed_threshold`].
    pub const THRESHOLD_RANGE: std::ops::RangeInclusive<f64> = 0.2..=0.9;

    /// The core's options for these choices.
    pub fn align_options(&self) -> AlignOptions {
        let threshold = if self.changed_threshold.is_finite() {
            self.changed_threshold
        } else {
            AlignOptions::default().changed_threshold
        };
        AlignOptions {
            changed_threshold: threshold
                .clamp(*Self::THRESHOLD_RANGE.start(), *Self::THRESHOLD_RANGE.end()),
            moved_threshold: if self.moved_threshold.is_finite() {
                self.moved_threshold.clamp(0.0, 1.0)
            } else {
                AlignOptions::default().moved_threshold
            },
            ignore_case: self.ignore_case,
            ignore_punctuation: self.ignore_punctuation,
        }
    }
}

/// The colour theme: follow the system, or force light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// The name in the View ▸ Theme menu.
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow the system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    pub(crate) fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_capped() {
        let mut settings = Settings::default();
        for i in 0..12 {
            settings.push_recent(Path::new(&format!("v{i}.txt")));
        }
        settings.push_recent(Path::new("v5.txt"));
        assert_eq!(settings.recent_files.len(), MAX_RECENT);
        assert_eq!(settings.recent_files[0], Path::new("v5.txt"));
        assert_eq!(settings.recent_files[1], Path::new("v11.txt"));
        let fives = settings
            .recent_files
            .iter()
            .filter(|p| *p == Path::new("v5.txt"))
            .count();
        assert_eq!(fives, 1);
    }

    #[test]
    fn out_of_range_values_are_clamped() {
        let settings = Settings {
            ui_scale: 9.0,
            ..Default::default()
        };
        assert_eq!(settings.clamped_ui_scale(), 3.0);
        let options = CompareOptions {
            changed_threshold: 0.05,
            ..Default::default()
        };
        assert_eq!(options.align_options().changed_threshold, 0.2);
    }
}
