//! The timeline panel: every entity and fact across all loaded versions.
//!
//! In: the versions, their extractions and the comparison options; the core's
//! [`timeline_for`] turns them into a [`Timeline`], computed once per set of versions and
//! options (only while the panel is shown or a tooltip asks for a fact's history), never per
//! frame. Out: a bar chart of how many entities and facts each version has (egui_plot), and a
//! grid of versions × entities and facts where each cell says whether the item appears, stays,
//! changes value or disappears there; items that change come first. Clicking a cell pushes [`Command::SelectOld`],
//! [`Command::SelectNew`] (the previous version → that version) and [`Command::JumpTo`] (the
//! item's first mention there, or in the previous version when it disappeared).
//!
//! Cells use only glyphs of egui's default fonts: `+` appears, `•` present, `~` value changed,
//! `−` gone.

use egui::{Color32, RichText, Sense, Ui, WidgetInfo, vec2};

use super::commands::Command;
use super::palette::Palette;
use super::tooltips::{entity_kind_name, fact_kind_name};
use crate::core::align::AlignOptions;
use crate::core::document::Version;
use crate::core::extract::Extraction;
use crate::core::pipeline::timeline_for;
use crate::core::report::Timeline;

/// Width of the name column and of one version column.
const NAME_W: f32 = 200.0;
const CELL_W: f32 = 110.0;
/// Longest fact value shown in a cell; longer ones are cut with "…".
const CELL_CHARS: usize = 16;

/// The timeline of the loaded versions, recomputed when they or the options change.
#[derive(Clone, Debug, Default)]
pub(crate) struct TimelineCache {
    key: Option<(u64, AlignOptions)>,
    timeline: Option<Timeline>,
    /// A tooltip asked for it while the panel was hidden.
    pub(crate) wanted: bool,
    /// Only lines whose name or values contain this (case-insensitive) are listed.
    pub(crate) filter: String,
}

impl TimelineCache {
    pub(crate) fn timeline(&self) -> Option<&Timeline> {
        self.timeline.as_ref()
    }

    /// Takes a timeline computed off the UI thread for this set of versions and options.
    pub(crate) fn set(&mut self, versions_key: u64, options: AlignOptions, timeline: Timeline) {
        self.timeline = Some(timeline);
        self.key = Some((versions_key, options));
        self.wanted = false;
    }

    /// Recomputes the timeline if it is needed (`visible` or wanted) and `versions_key` (which
    /// changes whenever the set of versions changes) or the options changed.
    pub(crate) fn update(
        &mut self,
        versions_key: u64,
        options: AlignOptions,
        versions: &[Version],
        extractions: &[Extraction],
        visible: bool,
    ) {
        if !(visible || self.wanted) || versions.len() != extractions.len() {
            return;
        }
        let key = (versions_key, options);
        if self.key == Some(key) {
            return;
        }
        self.timeline = Some(timeline_for(versions, extractions, &options));
        self.key = Some(key);
        self.wanted = false;
    }
}

/// How an item stands in one version, compared with the version before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CellState {
    /// Not in this version nor the one before.
    Absent,
    /// In this version, not in the one before (or the first version).
    Appears,
    /// In both, with the same value.
    Stays,
    /// In both, with another value (facts only).
    Changes,
    /// In the version before, not in this one.
    Gone,
}

impl CellState {
    fn new(before: Option<&str>, now: Option<&str>, first: bool) -> Self {
        match (before, now) {
            (_, Some(_)) if first => CellState::Appears,
            (None, Some(_)) => CellState::Appears,
            (Some(b), Some(n)) if b == n => CellState::Stays,
            (Some(_), Some(_)) => CellState::Changes,
            (Some(_), None) => CellState::Gone,
            (None, None) => CellState::Absent,
        }
    }

    /// The accessible word and the glyph drawn in the cell.
    fn word(self) -> (&'static str, &'static str) {
        match self {
            CellState::Absent => ("absent", ""),
            CellState::Appears => ("appears", "+"),
            CellState::Stays => ("present", "•"),
            CellState::Changes => ("changes", "~"),
            CellState::Gone => ("gone", "−"),
        }
    }

    /// The item is in this version.
    fn present(self) -> bool {
        matches!(
            self,
            CellState::Appears | CellState::Stays | CellState::Changes
        )
    }

    fn color(self, palette: &Palette, text: Color32) -> Color32 {
        match self {
            CellState::Absent | CellState::Stays => text,
            CellState::Appears => palette.added_marker,
            CellState::Changes => palette.changed_marker,
            CellState::Gone => palette.removed_marker,
        }
    }
}

/// One line of the grid.
#[derive(Clone, Copy)]
enum Line {
    Heading(&'static str, usize),
    Entity(usize),
    Fact(usize),
}

/// What the panel reads from the app.
pub(crate) struct TimelineInput<'a> {
    pub versions: &'a [Version],
    pub extractions: &'a [Extraction],
}

/// The bottom panel with the plot and the grid.
pub(crate) fn timeline_panel_ui(
    ui: &mut Ui,
    input: TimelineInput<'_>,
    cache: &mut TimelineCache,
    cmds: &mut Vec<Command>,
) {
    egui::Panel::bottom("timeline")
        .resizable(true)
        .default_size(280.0)
        .size_range(140.0..=700.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.heading("Timeline");
                let label = ui.label("Filter:");
                ui.add(
                    egui::TextEdit::singleline(&mut cache.filter)
                        .hint_text("name or value")
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
                ui.weak(
                    "+ appears · • present · ~ value changes · − gone. \
                     Click a cell to compare it with the version before.",
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("Close timeline")
                        .on_hover_text(Command::ToggleTimeline.label())
                        .clicked()
                    {
                        cmds.push(Command::ToggleTimeline);
                    }
                });
            });
            let filter = cache.filter.trim().to_lowercase();
            let Some(timeline) = cache.timeline.as_ref() else {
                ui.weak("Computing…");
                return;
            };
            if input.versions.len() < 2 {
                ui.weak("Open two or more versions to follow entities and facts.");
                return;
            }
            ui.horizontal_top(|ui| {
                counts_plot_ui(ui, input.versions.len(), timeline);
                ui.separator();
                ui.vertical(|ui| grid_ui(ui, &input, timeline, &filter, cmds));
            });
        });
}

/// Entities and facts per version, as bars.
fn counts_plot_ui(ui: &mut Ui, version_count: usize, timeline: &Timeline) {
    use egui_plot::{Bar, BarChart, Legend, Plot};
    let palette = Palette::from_visuals(ui.visuals());
    let entity_counts: Vec<usize> = (0..version_count)
        .map(|v| {
            timeline
                .entities
                .iter()
                .filter(|e| e.versions.contains(&v))
                .count()
        })
        .collect();
    let fact_counts: Vec<usize> = (0..version_count)
        .map(|v| {
            timeline
                .facts
                .iter()
                .filter(|f| f.values.get(v).is_some_and(Option::is_some))
                .count()
        })
        .collect();
    let bars = |counts: &[usize], shift: f64| -> Vec<Bar> {
        counts
            .iter()
            .enumerate()
            .map(|(v, &n)| {
                Bar::new(v as f64 + 1.0 + shift, n as f64)
                    .width(0.35)
                    .name(format!("v{}", v + 1))
            })
            .collect()
    };
    let entities =
        BarChart::new("Entities", bars(&entity_counts, -0.2)).color(palette.moved_marker);
    let facts = BarChart::new("Facts", bars(&fact_counts, 0.2)).color(palette.changed_marker);
    let height = ui.available_height().clamp(100.0, 220.0);
    // Room above the bars for the legend.
    let top = entity_counts
        .iter()
        .chain(&fact_counts)
        .copied()
        .max()
        .unwrap_or(0) as f64
        * 1.45
        + 1.0;
    ui.vertical(|ui| {
        ui.label(RichText::new("Entities and facts per version").strong());
        Plot::new("timeline_counts")
            .width(260.0)
            .height(height - 24.0)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .show_grid([false, true])
            .include_y(0.0)
            .include_y(top)
            .x_axis_formatter(|mark, _| {
                let v = mark.value.round();
                if (mark.value - v).abs() < 1e-6 && v >= 1.0 {
                    format!("v{v}")
                } else {
                    String::new()
                }
            })
            .legend(Legend::default())
            .show(ui, |plot| {
                plot.bar_chart(entities);
                plot.bar_chart(facts);
            });
    });
}

/// The grid: one line per entity (grouped under a heading) and per fact, one column per
/// version. Only the lines in view are drawn.
fn grid_ui(
    ui: &mut Ui,
    input: &TimelineInput<'_>,
    timeline: &Timeline,
    filter: &str,
    cmds: &mut Vec<Command>,
) {
    let keep = |text: &str| filter.is_empty() || text.to_lowercase().contains(filter);
    let n = input.versions.len();
    // What changes comes first; items in every version with one value follow (stable sort).
    let mut entities: Vec<usize> = (0..timeline.entities.len())
        .filter(|&i| keep(&timeline.entities[i].name))
        .collect();
    entities.sort_by_key(|&i| timeline.entities[i].versions.len() == n);
    let mut facts: Vec<usize> = (0..timeline.facts.len())
        .filter(|&i| timeline.facts[i].values.iter().flatten().any(|v| keep(v)))
        .collect();
    facts.sort_by_key(|&i| {
        let values = &timeline.facts[i].values;
        values.iter().all(|v| v.is_some() && *v == values[0])
    });
    let mut lines = vec![Line::Heading("Entities", entities.len())];
    lines.extend(entities.into_iter().map(Line::Entity));
    lines.push(Line::Heading("Facts", facts.len()));
    lines.extend(facts.into_iter().map(Line::Fact));
    let names: Vec<String> = (0..input.versions.len())
        .map(|v| super::app::display_name(input.versions, v))
        .collect();
    let palette = Palette::from_visuals(ui.visuals());
    let text = ui.visuals().text_color();
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::ScrollArea::horizontal()
        .id_salt("timeline_h")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                fixed_label_ui(ui, NAME_W, RichText::new(""));
                for name in &names {
                    fixed_label_ui(ui, CELL_W, RichText::new(name).strong());
                }
            });
            egui::ScrollArea::vertical()
                .id_salt("timeline_v")
                .auto_shrink([false, false])
                .show_rows(ui, row_h, lines.len(), |ui, range| {
                    for line in &lines[range] {
                        ui.horizontal(|ui| {
                            ui.set_height(row_h);
                            match *line {
                                Line::Heading(title, count) => {
                                    ui.label(RichText::new(format!("{title} ({count})")).strong());
                                }
                                Line::Entity(i) => {
                                    entity_line_ui(
                                        ui,
                                        input,
                                        timeline,
                                        i,
                                        &names,
                                        (&palette, text),
                                        cmds,
                                    );
                                }
                                Line::Fact(i) => {
                                    fact_line_ui(
                                        ui,
                                        input,
                                        timeline,
                                        i,
                                        &names,
                                        (&palette, text),
                                        cmds,
                                    );
                                }
                            }
                        });
                    }
                });
        });
}

/// A fixed-width, left-aligned, truncated label.
fn fixed_label_ui(ui: &mut Ui, width: f32, text: RichText) -> egui::Response {
    let height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    ui.allocate_ui_with_layout(
        vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            ui.add(egui::Label::new(text).truncate())
        },
    )
    .inner
}

fn name_cell_ui(ui: &mut Ui, name: &str, kind: &str) {
    fixed_label_ui(ui, NAME_W, RichText::new(format!("{name} · {kind}")))
        .on_hover_text(format!("{name} ({kind})"));
}

/// One clickable cell; returns true when clicked.
fn cell_ui(
    ui: &mut Ui,
    label: String,
    (shown, fill): (RichText, Option<Color32>),
    clickable: bool,
) -> bool {
    let (rect, response) = ui.allocate_exact_size(
        vec2(CELL_W, ui.text_style_height(&egui::TextStyle::Body) + 4.0),
        if clickable {
            Sense::click()
        } else {
            Sense::hover()
        },
    );
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, clickable, &label));
    if ui.is_rect_visible(rect) {
        if let Some(fill) = fill {
            ui.painter()
                .rect_filled(rect.shrink2(vec2(1.0, 2.0)), 3.0, fill);
        }
        if response.hovered() && clickable {
            ui.painter()
                .rect_filled(rect, 2.0, ui.visuals().widgets.hovered.weak_bg_fill);
        }
        let galley = egui::WidgetText::from(shown).into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            CELL_W - 6.0,
            egui::TextStyle::Body,
        );
        let pos = rect.left_center() + vec2(4.0, -galley.size().y / 2.0);
        ui.painter().galley(pos, galley, ui.visuals().text_color());
    }
    let response = response.on_hover_text(&label);
    clickable && response.clicked()
}

fn entity_line_ui(
    ui: &mut Ui,
    input: &TimelineInput<'_>,
    timeline: &Timeline,
    idx: usize,
    names: &[String],
    (palette, text): (&Palette, Color32),
    cmds: &mut Vec<Command>,
) {
    let Some(entity) = timeline.entities.get(idx) else {
        return;
    };
    name_cell_ui(ui, &entity.name, entity_kind_name(entity.kind));
    let present = |v: usize| entity.versions.contains(&v).then_some("");
    for (v, version_name) in names.iter().enumerate() {
        let before = v.checked_sub(1).and_then(present);
        let state = CellState::new(before, present(v), v == 0);
        let (word, glyph) = state.word();
        let label = format!("{}, {version_name}: {word}", entity.name);
        let shown = RichText::new(glyph)
            .strong()
            .color(state.color(palette, text));
        let fill = state.present().then_some(palette.moved_row);
        if cell_ui(ui, label, (shown, fill), state != CellState::Absent) {
            // Its first mention in this version, or in the one before when it is gone.
            let (side_new, at) = if state == CellState::Gone {
                (false, v.saturating_sub(1))
            } else {
                (true, v)
            };
            let mention = input.extractions.get(at).and_then(|x| {
                x.entities
                    .iter()
                    .find(|e| e.id == entity.id)
                    .map(|e| (e.sentences.first().copied(), e.spans.first().copied()))
            });
            open_pair_at(v, side_new, mention.unwrap_or((None, None)), cmds);
        }
    }
}

fn fact_line_ui(
    ui: &mut Ui,
    input: &TimelineInput<'_>,
    timeline: &Timeline,
    idx: usize,
    names: &[String],
    (palette, text): (&Palette, Color32),
    cmds: &mut Vec<Command>,
) {
    let Some(fact) = timeline.facts.get(idx) else {
        return;
    };
    let first_value = fact
        .values
        .iter()
        .flatten()
        .next()
        .map_or("", String::as_str);
    name_cell_ui(ui, &short(first_value, 28), fact_kind_name(fact.kind));
    let value = |v: usize| fact.values.get(v).and_then(|x| x.as_deref());
    for (v, version_name) in names.iter().enumerate() {
        let before = v.checked_sub(1).and_then(value);
        let state = CellState::new(before, value(v), v == 0);
        let (word, glyph) = state.word();
        let shown_value = value(v).or(before).unwrap_or("");
        let label = match value(v) {
            Some(now) => format!("{first_value}, {version_name}: {word}: {now}"),
            None => format!("{first_value}, {version_name}: {word}"),
        };
        let color = state.color(palette, text);
        let mut shown =
            RichText::new(format!("{glyph} {}", short(shown_value, CELL_CHARS))).color(color);
        if state == CellState::Gone {
            shown = shown.strikethrough();
        }
        if state == CellState::Absent {
            shown = RichText::new("");
        }
        let fill = state.present().then_some(palette.moved_row);
        if cell_ui(ui, label, (shown, fill), state != CellState::Absent) {
            let (side_new, at, wanted) = if state == CellState::Gone {
                (false, v.saturating_sub(1), before)
            } else {
                (true, v, value(v))
            };
            let place = input.extractions.get(at).and_then(|x| {
                x.facts
                    .iter()
                    .find(|f| f.kind == fact.kind && Some(f.text.as_str()) == wanted)
                    .map(|f| (Some(f.sentence), Some(f.span)))
            });
            open_pair_at(v, side_new, place.unwrap_or((None, None)), cmds);
        }
    }
}

/// `text` cut to `max` characters with "…".
fn short(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text,
    }
}

/// Compares version `v - 1` with version `v` (or the first with the second for `v == 0`) and
/// jumps to the place: on the new side when `side_new`, else on the old side.
fn open_pair_at(
    v: usize,
    side_new: bool,
    (sentence, span): (Option<usize>, Option<[usize; 2]>),
    cmds: &mut Vec<Command>,
) {
    let (old, new) = if v == 0 { (0, 1) } else { (v - 1, v) };
    // For the first version the place is on the old side.
    let side_new = side_new && v > 0;
    cmds.push(Command::SelectOld(old));
    cmds.push(Command::SelectNew(new));
    if sentence.is_none() {
        return;
    }
    let (old_place, new_place) = if side_new {
        ((None, None), (sentence, span))
    } else {
        ((sentence, span), (None, None))
    };
    cmds.push(Command::JumpTo {
        old_sentence: old_place.0,
        new_sentence: new_place.0,
        old_span: old_place.1,
        new_span: new_place.1,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_say_how_an_item_stands_against_the_version_before() {
        use CellState::*;
        let cases = [
            (None, Some("a"), true, Appears),
            (None, None, true, Absent),
            (None, Some("a"), false, Appears),
            (Some("a"), Some("a"), false, Stays),
            (Some("a"), Some("b"), false, Changes),
            (Some("a"), None, false, Gone),
            (None, None, false, Absent),
        ];
        for (before, now, first, expected) in cases {
            assert_eq!(
                CellState::new(before, now, first),
                expected,
                "{before:?} {now:?}"
            );
        }
    }

    #[test]
    fn a_click_compares_with_the_version_before_and_jumps() {
        let mut cmds = Vec::new();
        open_pair_at(3, true, (Some(7), Some([10, 20])), &mut cmds);
        assert_eq!(
            cmds,
            [
                Command::SelectOld(2),
                Command::SelectNew(3),
                Command::JumpTo {
                    old_sentence: None,
                    new_sentence: Some(7),
                    old_span: None,
                    new_span: Some([10, 20]),
                },
            ]
        );
        cmds.clear();
        open_pair_at(0, true, (Some(1), None), &mut cmds);
        assert_eq!(cmds[..2], [Command::SelectOld(0), Command::SelectNew(1)]);
        assert!(matches!(
            cmds[2],
            Command::JumpTo {
                old_sentence: Some(1),
                ..
            }
        ));
        assert_eq!(short("un  deux trois", 7), "un deux…");
    }
}
