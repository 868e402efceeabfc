//! The overview bar: a thin strip beside the scroll bar showing where the changes are in the
//! whole article, and which part is on screen.
//!
//! In: the kind of each screen row and the measured row tops (the same heights the central
//! panel scrolls by), the find matches, the visible part. Out: a click or drag position as a
//! fraction of the article's height, which the central panel turns into a scroll offset. The
//! ticks are made once per measured layout (`ticks`), not per frame; adjacent rows of one kind
//! merge into one tick, so a long article draws a few hundred rectangles at most.

use egui::{Color32, Rect, Sense, Stroke, StrokeKind, Ui, pos2};

use super::palette::Palette;
use crate::core::report::Change;

/// At most this many find matches are marked (beyond that the bar is solid anyway).
pub(crate) const MAX_MATCH_TICKS: usize = 4_000;
/// Smallest tick drawn, in points.
const MIN_TICK_H: f32 = 2.0;

/// A stretch of the article (fractions of its height) whose rows show one kind of change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Tick {
    pub top: f32,
    pub bottom: f32,
    pub change: Change,
}

/// The ticks of rows of kind `kinds[i]` (`None`: nothing to mark) spanning `tops[i]..tops[i+1]`.
pub(crate) fn ticks(kinds: impl Iterator<Item = Option<Change>>, tops: &[f32]) -> Vec<Tick> {
    let total = tops.last().copied().unwrap_or(0.0);
    if total <= 0.0 {
        return Vec::new();
    }
    let mut out: Vec<Tick> = Vec::new();
    for (kind, span) in kinds.zip(tops.windows(2)) {
        let Some(change) = kind.filter(|c| *c != Change::Unchanged) else {
            continue;
        };
        let (top, bottom) = (span[0] / total, span[1] / total);
        match out.last_mut() {
            Some(last) if last.change == change && (last.bottom - top).abs() < 1e-6 => {
                last.bottom = bottom;
            }
            _ => out.push(Tick {
                top,
                bottom,
                change,
            }),
        }
    }
    out
}

/// Draws the bar in `rect`; returns where (a fraction of the height) it was clicked or dragged.
pub(crate) fn overview_ui(
    ui: &mut Ui,
    rect: Rect,
    ticks: &[Tick],
    matches: &[f32],
    (visible_top, visible_bottom): (f32, f32),
) -> Option<f32> {
    let response = ui.interact(
        rect,
        ui.scope_id().with("overview_bar"),
        Sense::click_and_drag(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::ScrollBar, true, "Overview of changes")
    });
    let palette = Palette::from_visuals(ui.visuals());
    let painter = ui.painter_at(rect);
    let bar = rect.shrink2(egui::vec2(2.0, 0.0));
    painter.rect_filled(bar, 2.0, ui.visuals().faint_bg_color);
    let y = |f: f32| bar.top() + f * bar.height();
    for tick in ticks {
        let Some(color) = palette.marker(tick.change) else {
            continue;
        };
        let (top, bottom) = (y(tick.top), y(tick.bottom).max(y(tick.top) + MIN_TICK_H));
        painter.rect_filled(
            Rect::from_min_max(pos2(bar.left(), top), pos2(bar.right(), bottom)),
            0.0,
            color,
        );
    }
    // Find matches: a short dark dash on the right half.
    let match_color = if ui.visuals().dark_mode {
        Color32::WHITE
    } else {
        Color32::BLACK
    };
    for &m in matches {
        let top = y(m);
        painter.rect_filled(
            Rect::from_min_max(pos2(bar.center().x, top), pos2(bar.right(), top + 2.0)),
            0.0,
            match_color,
        );
    }
    // The part on screen.
    let visible = Rect::from_min_max(
        pos2(rect.left(), y(visible_top)),
        pos2(rect.right(), y(visible_bottom).max(y(visible_top) + 4.0)),
    );
    let stroke_color = ui.visuals().strong_text_color().gamma_multiply(0.7);
    painter.rect(
        visible,
        2.0,
        stroke_color.gamma_multiply(0.12),
        Stroke::new(1.0, stroke_color),
        StrokeKind::Inside,
    );
    let response = response
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text("Where the changes are: click to go there");
    if response.is_pointer_button_down_on() || response.clicked() {
        let pointer = response.interact_pointer_pos()?;
        return Some(((pointer.y - bar.top()) / bar.height()).clamp(0.0, 1.0));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_rows_of_one_kind_make_one_tick() {
        use Change::{Added as A, Changed as C, Unchanged as U};
        let kinds = [Some(U), Some(C), Some(C), None, Some(A)];
        let tops = [0.0, 10.0, 20.0, 30.0, 40.0, 50.0];
        let ticks = ticks(kinds.into_iter(), &tops);
        assert_eq!(
            ticks,
            [
                Tick {
                    top: 0.2,
                    bottom: 0.6,
                    change: C
                },
                Tick {
                    top: 0.8,
                    bottom: 1.0,
                    change: A
                },
            ]
        );
    }
}
