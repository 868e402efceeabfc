//! Diff colours for the current theme.
//!
//! In: the egui [`Visuals`] (light or dark). Out: a [`Palette`] whose backgrounds keep the
//! theme's text readable: pale tints under dark text in the light theme, deep tints under light
//! text in the dark theme. The row-kind markers follow the Okabe–Ito colour-blind-safe set
//! (vermilion, bluish green, orange, blue), and every kind also has a gutter symbol
//! (`diff_view::row_symbol`), so no reader depends on telling red from green.

use egui::{Color32, Visuals};

use crate::core::report::Change;

/// Colours of the side-by-side view.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Palette {
    pub text: Color32,
    pub weak_text: Color32,
    /// Background and text of a deleted word (left cell).
    pub delete_bg: Color32,
    pub delete_text: Color32,
    /// Background and text of an inserted word (right cell).
    pub insert_bg: Color32,
    pub insert_text: Color32,
    /// Row tints.
    pub removed_row: Color32,
    pub added_row: Color32,
    pub moved_row: Color32,
    /// "moved from #N" badges.
    pub badge_bg: Color32,
    pub badge_text: Color32,
    /// The thin strip at the left edge of a row that says what kind of change it is.
    pub changed_marker: Color32,
    pub added_marker: Color32,
    pub removed_marker: Color32,
    pub moved_marker: Color32,
    /// Line between rows and between the two columns.
    pub grid_line: Color32,
    /// Underline of a fact that changed, appeared or disappeared.
    pub fact_mark: Color32,
    /// Lighter underline of every entity mention.
    pub entity_mark: Color32,
    /// Background and text of the item the user just jumped to.
    pub focus_bg: Color32,
    pub focus_text: Color32,
    /// Text of a whole removed / added sentence in the inline view.
    pub removed_text: Color32,
    pub added_text: Color32,
    /// Find matches, and the current one.
    pub match_bg: Color32,
    pub match_text: Color32,
    pub current_match_bg: Color32,
    /// Words naming what happened to an item of the changes panel.
    pub changed_word: Color32,
    pub added_word: Color32,
    pub dropped_word: Color32,
}

impl Palette {
    pub fn from_visuals(visuals: &Visuals) -> Self {
        let text = visuals.text_color();
        let weak_text = visuals.weak_text_color();
        let grid_line = visuals
            .widgets
            .noninteractive
            .bg_stroke
            .color
            .gamma_multiply(0.6);
        if visuals.dark_mode {
            Palette {
                text,
                weak_text,
                delete_bg: Color32::from_rgb(120, 40, 42),
                delete_text: Color32::from_rgb(255, 225, 225),
                insert_bg: Color32::from_rgb(28, 98, 46),
                insert_text: Color32::from_rgb(225, 255, 230),
                removed_row: Color32::from_rgb(58, 30, 31),
                added_row: Color32::from_rgb(25, 52, 32),
                moved_row: Color32::from_rgb(30, 38, 64),
                badge_bg: Color32::from_rgb(48, 68, 130),
                badge_text: Color32::from_rgb(228, 235, 255),
                changed_marker: Color32::from_rgb(236, 170, 30),
                added_marker: Color32::from_rgb(40, 190, 140),
                removed_marker: Color32::from_rgb(240, 110, 40),
                moved_marker: Color32::from_rgb(100, 170, 245),
                grid_line,
                fact_mark: Color32::from_rgb(236, 178, 56),
                entity_mark: Color32::from_rgb(92, 104, 136),
                focus_bg: Color32::from_rgb(150, 112, 10),
                focus_text: Color32::from_rgb(255, 250, 230),
                removed_text: Color32::from_rgb(255, 170, 160),
                added_text: Color32::from_rgb(150, 230, 170),
                match_bg: Color32::from_rgb(90, 80, 20),
                match_text: Color32::from_rgb(255, 245, 200),
                current_match_bg: Color32::from_rgb(190, 100, 0),
                changed_word: Color32::from_rgb(240, 190, 80),
                added_word: Color32::from_rgb(110, 210, 130),
                dropped_word: Color32::from_rgb(245, 130, 130),
            }
        } else {
            Palette {
                text,
                weak_text,
                delete_bg: Color32::from_rgb(255, 198, 198),
                delete_text: Color32::from_rgb(100, 0, 0),
                insert_bg: Color32::from_rgb(184, 238, 190),
                insert_text: Color32::from_rgb(0, 72, 14),
                removed_row: Color32::from_rgb(253, 234, 234),
                added_row: Color32::from_rgb(232, 248, 235),
                moved_row: Color32::from_rgb(234, 240, 253),
                badge_bg: Color32::from_rgb(208, 220, 255),
                badge_text: Color32::from_rgb(20, 40, 120),
                changed_marker: Color32::from_rgb(200, 135, 0),
                added_marker: Color32::from_rgb(0, 140, 100),
                removed_marker: Color32::from_rgb(213, 84, 0),
                moved_marker: Color32::from_rgb(0, 100, 190),
                grid_line,
                fact_mark: Color32::from_rgb(214, 150, 0),
                entity_mark: Color32::from_rgb(150, 166, 205),
                focus_bg: Color32::from_rgb(255, 222, 92),
                focus_text: Color32::from_rgb(40, 30, 0),
                removed_text: Color32::from_rgb(150, 20, 20),
                added_text: Color32::from_rgb(0, 100, 30),
                match_bg: Color32::from_rgb(255, 240, 150),
                match_text: Color32::from_rgb(40, 30, 0),
                current_match_bg: Color32::from_rgb(255, 170, 60),
                changed_word: Color32::from_rgb(150, 96, 0),
                added_word: Color32::from_rgb(20, 120, 44),
                dropped_word: Color32::from_rgb(176, 30, 30),
            }
        }
    }

    /// The edge strip colour for a row, `None` for unchanged rows.
    pub fn marker(&self, change: Change) -> Option<Color32> {
        match change {
            Change::Unchanged => None,
            Change::Changed => Some(self.changed_marker),
            Change::Added => Some(self.added_marker),
            Change::Removed => Some(self.removed_marker),
            Change::Moved => Some(self.moved_marker),
        }
    }
}
