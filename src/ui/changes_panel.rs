//! The right panel: the facts and entities that changed between the compared pair.
//!
//! In: the pair's [`Comparison`] (its `facts` and `entities`), turned once per pair into a
//! [`ChangeList`]. Out: [`Command::JumpTo`] when an item is clicked (the app scrolls the
//! side-by-side view there) and [`Command::ToggleChanges`] when the panel is dragged shut.
//! Facts come first, grouped by kind (Numbers, Money, …, Quotes): changed ones as
//! "old → new", then added, then dropped; then entities added and dropped, grouped by kind
//! (People, Organisations, Places, Other). Every heading carries its count.
//!
//! egui's default fonts have no arrow glyph, so the "→" of a changed fact is drawn: the text
//! keeps a gap of non-breaking spaces where the arrow goes.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use egui::text::{CCursor, LayoutJob};
use egui::{
    Align, Color32, CursorIcon, FontId, Galley, RichText, Role, Sense, Stroke, StrokeKind,
    TextFormat, TextStyle, Ui, WidgetInfo, pos2, vec2,
};

use super::app::JumpTarget;
use super::commands::Command;
use super::palette::Palette;
use crate::core::extract::entities::EntityKind;
use crate::core::extract::{Entity, Fact, FactKind};
use crate::core::report::Comparison;

/// Shown instead of the lists when the pair has no fact or entity change.
pub(crate) const EMPTY_MESSAGE: &str = "No fact or entity changes";

/// Where the drawn arrow of a changed fact goes: non-breaking spaces, so it never wraps apart.
const ARROW_GAP: &str = "\u{a0}\u{a0}\u{a0}\u{a0}";
/// Longest quote shown in full; longer ones are cut at a word with "…".
const QUOTE_MAX_CHARS: usize = 160;
/// Space around an item's text.
const ITEM_PAD: f32 = 4.0;

/// What happened to an item between the old and the new version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Changed,
    Added,
    Dropped,
}

impl Status {
    fn word(self) -> &'static str {
        match self {
            Status::Changed => "changed",
            Status::Added => "added",
            Status::Dropped => "dropped",
        }
    }

    fn color(self, palette: &Palette) -> Color32 {
        match self {
            Status::Changed => palette.changed_word,
            Status::Added => palette.added_word,
            Status::Dropped => palette.dropped_word,
        }
    }
}

/// What an item shows.
#[derive(Clone, Debug, PartialEq)]
enum Content {
    /// A fact: its text in the old version, in the new one, or both (changed); a quote's
    /// speaker, if known.
    Fact {
        before: Option<String>,
        after: Option<String>,
        speaker: Option<String>,
    },
    /// An entity that appeared or disappeared, with its role.
    Entity { name: String, role: Option<String> },
}

/// One line of the panel.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ChangeItem {
    pub status: Status,
    /// The title of its group ("Dates", "People"): what the kind filter hides.
    pub group: &'static str,
    /// The accessible name: "Changed date: 15 septembre → 12 novembre".
    pub label: String,
    content: Content,
    /// Where a click on it jumps.
    pub target: JumpTarget,
}

/// Items of one kind: "Dates (2)".
#[derive(Clone, Debug, PartialEq)]
struct Group {
    title: &'static str,
    items: Range<usize>,
}

/// "Facts" or "Entities" and their groups.
#[derive(Clone, Debug, PartialEq)]
struct Section {
    title: &'static str,
    groups: Vec<Group>,
    count: usize,
    /// What the section says when it has no item.
    none: &'static str,
}

/// The panel's content for one pair, built once when the pair changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ChangeList {
    sections: Vec<Section>,
    /// Every item in panel order; groups index into it, and N/P walk it.
    pub items: Vec<ChangeItem>,
}

const FACT_KINDS: [(FactKind, &str, &str); 7] = [
    (FactKind::Number, "Numbers", "number"),
    (FactKind::Money, "Money", "amount"),
    (FactKind::Percent, "Percentages", "percentage"),
    (FactKind::Date, "Dates", "date"),
    (FactKind::Time, "Times", "time"),
    (FactKind::Quantity, "Quantities", "quantity"),
    (FactKind::Quote, "Quotes", "quote"),
];

const ENTITY_KINDS: [(EntityKind, &str, &str); 4] = [
    (EntityKind::Person, "People", "person"),
    (EntityKind::Organization, "Organisations", "organisation"),
    (EntityKind::Place, "Places", "place"),
    (EntityKind::Other, "Other", "name"),
];

impl ChangeList {
    /// The items of `comparison`, facts then entities, grouped by kind (see the tests below).
    pub fn new(comparison: &Comparison) -> Self {
        let mut items = Vec::new();
        let facts = &comparison.facts;
        let mut fact_groups = Vec::new();
        for (kind, title, singular) in FACT_KINDS {
            let start = items.len();
            for change in facts.changed.iter().filter(|c| c.before.kind == kind) {
                items.push(fact_item(
                    Status::Changed,
                    (title, singular),
                    Some(&change.before),
                    Some(&change.after),
                ));
            }
            for fact in facts.added.iter().filter(|f| f.kind == kind) {
                items.push(fact_item(
                    Status::Added,
                    (title, singular),
                    None,
                    Some(fact),
                ));
            }
            for fact in facts.dropped.iter().filter(|f| f.kind == kind) {
                items.push(fact_item(
                    Status::Dropped,
                    (title, singular),
                    Some(fact),
                    None,
                ));
            }
            if items.len() > start {
                fact_groups.push(Group {
                    title,
                    items: start..items.len(),
                });
            }
        }
        let fact_count = items.len();
        let entities = &comparison.entities;
        let mut entity_groups = Vec::new();
        for (kind, title, singular) in ENTITY_KINDS {
            let start = items.len();
            for entity in entities.added.iter().filter(|e| e.kind == kind) {
                items.push(entity_item(Status::Added, (title, singular), entity));
            }
            for entity in entities.dropped.iter().filter(|e| e.kind == kind) {
                items.push(entity_item(Status::Dropped, (title, singular), entity));
            }
            if items.len() > start {
                entity_groups.push(Group {
                    title,
                    items: start..items.len(),
                });
            }
        }
        let entity_count = items.len() - fact_count;
        ChangeList {
            sections: vec![
                Section {
                    title: "Facts",
                    groups: fact_groups,
                    count: fact_count,
                    none: "No fact changed, appeared or disappeared.",
                },
                Section {
                    title: "Entities",
                    groups: entity_groups,
                    count: entity_count,
                    none: "No entity appeared or disappeared.",
                },
            ],
            items,
        }
    }

    /// The index of the item that jumps to `target`.
    pub fn position(&self, target: &JumpTarget) -> Option<usize> {
        self.items.iter().position(|item| item.target == *target)
    }
}

/// "“Nous n’avons pas…”": a quote in typographic quotes, cut at a word when long.
fn quoted(text: &str) -> String {
    let text = text.trim();
    let cut = match text.char_indices().nth(QUOTE_MAX_CHARS) {
        Some((at, _)) => {
            let head = &text[..at];
            let head = head.rfind(' ').map_or(head, |space| &head[..space]);
            format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
        }
        None => text.to_string(),
    };
    format!("“{cut}”")
}

fn fact_text(fact: &Fact) -> String {
    match fact.kind {
        FactKind::Quote => quoted(&fact.text),
        _ => fact.text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

fn fact_item(
    status: Status,
    (group, singular): (&'static str, &str),
    before: Option<&Fact>,
    after: Option<&Fact>,
) -> ChangeItem {
    let speaker = after
        .or(before)
        .and_then(|f| f.speaker.clone().flatten())
        .filter(|s| !s.trim().is_empty());
    let before_text = before.map(fact_text);
    let after_text = after.map(fact_text);
    let shown = match (&before_text, &after_text) {
        (Some(b), Some(a)) => format!("{b} → {a}"),
        (Some(t), None) | (None, Some(t)) => t.clone(),
        (None, None) => String::new(),
    };
    let shown = match &speaker {
        Some(speaker) => format!("by {speaker}: {shown}"),
        None => shown,
    };
    ChangeItem {
        status,
        group,
        label: format!("{} {singular}: {shown}", capitalised(status.word())),
        content: Content::Fact {
            before: before_text,
            after: after_text,
            speaker,
        },
        target: JumpTarget {
            old_sentence: before.map(|f| f.sentence),
            new_sentence: after.map(|f| f.sentence),
            old_span: before.map(|f| f.span),
            new_span: after.map(|f| f.span),
        },
    }
}

fn entity_item(
    status: Status,
    (group, singular): (&'static str, &str),
    entity: &Entity,
) -> ChangeItem {
    let role = entity.role.clone().filter(|r| !r.trim().is_empty());
    let mut label = format!("{} {singular}: {}", capitalised(status.word()), entity.name);
    if let Some(role) = &role {
        label = format!("{label}, {role}");
    }
    // Its first mention: in the new version when added, in the old one when dropped.
    let sentence = entity.sentences.first().copied();
    let span = entity.spans.first().copied();
    let (old, new) = match status {
        Status::Added => ((None, None), (sentence, span)),
        _ => ((sentence, span), (None, None)),
    };
    ChangeItem {
        status,
        group,
        label,
        content: Content::Entity {
            name: entity.name.clone(),
            role,
        },
        target: JumpTarget {
            old_sentence: old.0,
            new_sentence: new.0,
            old_span: old.1,
            new_span: new.1,
        },
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Which items the panel shows: by what happened to them and by kind (group title). Toggled by
/// the chips at the top of the panel; kept with the other view choices.
///
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct ChangeFilter {
    pub changed: bool,
    pub added: bool,
    pub dropped: bool,
    /// Group titles ("Dates", "People") whose items are hidden.
    pub hidden_groups: BTreeSet<String>,
}

impl Default for ChangeFilter {
    fn default() -> Self {
        ChangeFilter {
            changed: true,
            added: true,
            dropped: true,
            hidden_groups: BTreeSet::new(),
        }
    }
}

impl ChangeFilter {
    pub fn shows(&self, item: &ChangeItem) -> bool {
        let status = match item.status {
            Status::Changed => self.changed,
            Status::Added => self.added,
            Status::Dropped => self.dropped,
        };
        status && !self.hidden_groups.contains(item.group)
    }

    fn is_default(&self) -> bool {
        *self == ChangeFilter::default()
    }

    fn status_mut(&mut self, status: Status) -> &mut bool {
        match status {
            Status::Changed => &mut self.changed,
            Status::Added => &mut self.added,
            Status::Dropped => &mut self.dropped,
        }
    }
}

/// What the panel reads from the app.
pub(crate) struct PanelInput<'a> {
    pub list: &'a ChangeList,
    /// The item last jumped to.
    pub selected: Option<usize>,
    /// Scroll the panel to the selected item (after N/P).
    pub reveal_selected: bool,
}

/// The resizable right panel, shown while `visible`; dragging it shut pushes
/// [`Command::ToggleChanges`].
pub(crate) fn changes_panel_ui(
    ui: &mut Ui,
    input: PanelInput<'_>,
    visible: bool,
    filter: &mut ChangeFilter,
    cmds: &mut Vec<Command>,
) {
    let mut expanded = visible;
    egui::Panel::right("changes")
        .resizable(true)
        .default_size(340.0)
        .size_range(220.0..=640.0)
        .show_collapsible(ui, &mut expanded, |ui| {
            ui.add_space(6.0);
            ui.heading("Facts and entities");
            ui.weak("Click an item to see it in the text. Alt+N / Alt+P: next / previous item.");
            ui.add_space(4.0);
            if !input.list.items.is_empty() {
                filter_ui(ui, input.list, filter);
            }
            egui::ScrollArea::vertical()
                .id_salt("changes_scroll")
                .auto_shrink(false)
                .show(ui, |ui| list_ui(ui, &input, filter, cmds));
        });
    if expanded != visible {
        cmds.push(Command::ToggleChanges);
    }
}

/// Toggle chips: what happened (changed, added, dropped, each in its colour) and the kinds
/// present in the list; "all" when something is filtered out.
fn filter_ui(ui: &mut Ui, list: &ChangeList, filter: &mut ChangeFilter) {
    let palette = Palette::from_visuals(ui.visuals());
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(4.0, 4.0);
        ui.weak("Show:");
        for status in [Status::Changed, Status::Added, Status::Dropped] {
            let count = list.items.iter().filter(|i| i.status == status).count();
            let on = *filter.status_mut(status);
            let text = RichText::new(format!("{} {count}", status.word()));
            let text = if on {
                text.color(status.color(&palette))
            } else {
                text.weak()
            };
            if ui
                .selectable_label(on, text)
                .on_hover_text(format!("Show or hide the {} items", status.word()))
                .clicked()
            {
                *filter.status_mut(status) = !on;
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(4.0, 4.0);
        ui.weak("Kinds:");
        let groups = list.sections.iter().flat_map(|s| &s.groups);
        for group in groups {
            let on = !filter.hidden_groups.contains(group.title);
            let text = if on {
                RichText::new(group.title)
            } else {
                RichText::new(group.title).weak().strikethrough()
            };
            if ui
                .selectable_label(on, text)
                .on_hover_text(format!("Show or hide {}", group.title.to_lowercase()))
                .clicked()
            {
                if on {
                    filter.hidden_groups.insert(group.title.to_string());
                } else {
                    filter.hidden_groups.remove(group.title);
                }
            }
        }
        if !filter.is_default() && ui.small_button("Show all").clicked() {
            *filter = ChangeFilter::default();
        }
    });
}

fn list_ui(ui: &mut Ui, input: &PanelInput<'_>, filter: &ChangeFilter, cmds: &mut Vec<Command>) {
    let list = input.list;
    if list.items.is_empty() {
        ui.add_space(12.0);
        ui.label(RichText::new(EMPTY_MESSAGE).weak());
        return;
    }
    let style = ItemStyle::new(ui);
    let shown = |idx: &usize| list.items.get(*idx).is_some_and(|i| filter.shows(i));
    for (section_idx, section) in list.sections.iter().enumerate() {
        ui.separator();
        let count = section
            .groups
            .iter()
            .flat_map(|g| g.items.clone())
            .filter(shown)
            .count();
        let heading = if count == section.count {
            format!("{} ({})", section.title, section.count)
        } else {
            format!("{} ({count} of {})", section.title, section.count)
        };
        ui.label(RichText::new(heading).strong().size(style.body.size * 1.1));
        if section.groups.is_empty() {
            ui.label(RichText::new(section.none).weak());
        }
        for group in &section.groups {
            let count = group.items.clone().filter(shown).count();
            if count == 0 {
                continue;
            }
            egui::CollapsingHeader::new(
                RichText::new(format!("{} ({count})", group.title)).strong(),
            )
            .id_salt(("changes_group", section_idx, group.title))
            .default_open(true)
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing.y = 2.0;
                for idx in group.items.clone().filter(shown) {
                    let Some(item) = list.items.get(idx) else {
                        continue;
                    };
                    let selected = input.selected == Some(idx);
                    let response = item_ui(ui, &style, item, selected);
                    if selected && input.reveal_selected {
                        response.scroll_to_me(Some(Align::Center));
                    }
                    if response.clicked() {
                        cmds.push(item.target.command());
                    }
                }
            });
        }
        ui.add_space(6.0);
    }
}

/// Fonts and colours of the items.
struct ItemStyle {
    body: FontId,
    tag: FontId,
    /// Width of the status word column.
    tag_w: f32,
    text: Color32,
    weak: Color32,
    palette: Palette,
}

impl ItemStyle {
    fn new(ui: &Ui) -> Self {
        let body = TextStyle::Body.resolve(ui.style());
        let tag = FontId::new((body.size * 0.8).round(), body.family.clone());
        let palette = Palette::from_visuals(ui.visuals());
        let tag_w = ui.fonts_mut(|fonts| {
            [Status::Changed, Status::Added, Status::Dropped]
                .iter()
                .map(|s| {
                    fonts
                        .layout_no_wrap(s.word().to_string(), tag.clone(), Color32::WHITE)
                        .size()
                        .x
                })
                .fold(0.0, f32::max)
        });
        ItemStyle {
            body,
            tag,
            tag_w,
            text: ui.visuals().text_color(),
            weak: ui.visuals().weak_text_color(),
            palette,
        }
    }

    fn plain(&self, color: Color32) -> TextFormat {
        TextFormat::simple(self.body.clone(), color)
    }

    /// The item's text, wrapped at `wrap_w`, and the character range of the arrow gap.
    fn content_job(&self, content: &Content, wrap_w: f32) -> (LayoutJob, Option<Range<usize>>) {
        let mut job = LayoutJob::default();
        job.wrap.max_width = wrap_w;
        let mut arrow = None;
        match content {
            Content::Fact {
                before,
                after,
                speaker,
            } => {
                if let Some(speaker) = speaker {
                    job.append("by ", 0.0, self.plain(self.weak));
                    job.append(speaker, 0.0, self.plain(self.text));
                    job.append(": ", 0.0, self.plain(self.weak));
                }
                match (before, after) {
                    (Some(before), Some(after)) => {
                        job.append(before, 0.0, self.deleted());
                        job.append(" ", 0.0, self.plain(self.text));
                        let start = job.text.chars().count();
                        job.append(ARROW_GAP, 0.0, self.plain(self.text));
                        arrow = Some(start..job.text.chars().count());
                        job.append(" ", 0.0, self.plain(self.text));
                        job.append(after, 0.0, self.inserted());
                    }
                    (Some(text), None) => job.append(text, 0.0, self.deleted()),
                    (None, Some(text)) => job.append(text, 0.0, self.inserted()),
                    (None, None) => {}
                }
            }
            Content::Entity { name, role } => {
                job.append(name, 0.0, self.plain(self.text));
                if let Some(role) = role {
                    job.append(&format!(" · {role}"), 0.0, self.plain(self.weak));
                }
            }
        }
        (job, arrow)
    }

    /// Old text: the diff view's deleted-word look without the strike, to stay readable.
    fn deleted(&self) -> TextFormat {
        TextFormat {
            background: self.palette.delete_bg,
            ..self.plain(self.palette.delete_text)
        }
    }

    fn inserted(&self) -> TextFormat {
        TextFormat {
            background: self.palette.insert_bg,
            ..self.plain(self.palette.insert_text)
        }
    }
}

/// One clickable item: the status word in its colour, then the wrapped text.
fn item_ui(ui: &mut Ui, style: &ItemStyle, item: &ChangeItem, selected: bool) -> egui::Response {
    let width = ui.available_width();
    let text_x = ITEM_PAD + style.tag_w + 8.0;
    let (job, arrow) = style.content_job(&item.content, (width - text_x - ITEM_PAD).max(40.0));
    let galley: Arc<Galley> = ui.painter().layout_job(job);
    let height = galley.size().y + 2.0 * ITEM_PAD;
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click());
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &item.label));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() {
            painter.rect(
                rect,
                3.0,
                visuals.weak_bg_fill,
                visuals.bg_stroke,
                StrokeKind::Inside,
            );
        }
        let tag = painter.layout_no_wrap(
            item.status.word().to_string(),
            style.tag.clone(),
            item.status.color(&style.palette),
        );
        // The status word sits on the first line's baseline.
        let first_row_h = galley.rows.first().map_or(galley.size().y, |r| r.size.y);
        let tag_pos = pos2(
            rect.left() + ITEM_PAD,
            rect.top() + ITEM_PAD + (first_row_h - tag.size().y) * 0.7,
        );
        painter.galley(tag_pos, tag, style.text);
        let text_pos = pos2(rect.left() + text_x, rect.top() + ITEM_PAD);
        if let Some(gap) = arrow {
            let from = galley.pos_from_cursor(CCursor::new(gap.start));
            let to = galley.pos_from_cursor(CCursor::new(gap.end));
            if (from.center().y - to.center().y).abs() < 1.0 {
                let y = text_pos.y + from.center().y;
                let (x0, x1) = (text_pos.x + from.left() + 2.0, text_pos.x + to.left() - 2.0);
                painter.arrow(
                    pos2(x0, y),
                    vec2(x1 - x0, 0.0),
                    Stroke::new(1.5, style.text),
                );
            }
        }
        painter.galley(text_pos, galley, style.text);
    }
    response.on_hover_cursor(CursorIcon::PointingHand)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::FactChange;
    use crate::core::report::{EntityChanges, FactChanges, Summary};

    fn fact(kind: FactKind, text: &str, sentence: usize, span: [usize; 2]) -> Fact {
        Fact {
            kind,
            text: text.to_string(),
            value: None,
            unit: None,
            currency: None,
            qualifier: None,
            speaker: None,
            speaker_id: None,
            sentence,
            span,
        }
    }

    fn entity(name: &str, kind: EntityKind, sentence: usize) -> Entity {
        Entity {
            id: name.to_lowercase().replace(' ', "-"),
            name: name.to_string(),
            kind,
            aliases: vec![name.to_string()],
            mentions: 1,
            sentences: vec![sentence],
            role: None,
            spans: vec![[10, 10 + name.len()]],
        }
    }

    #[test]
    fn facts_come_first_grouped_by_kind_then_entities() {
        let mut quote = fact(FactKind::Quote, "Nous restons", 4, [0, 12]);
        quote.speaker = Some(Some("Vanessa Pappas".into()));
        let comparison = Comparison {
            from: 0,
            to: 1,
            summary: Summary::default(),
            sentences: Vec::new(),
            entities: EntityChanges {
                added: vec![entity("Kevin Mayer", EntityKind::Person, 3)],
                dropped: vec![entity("Oracle", EntityKind::Organization, 7)],
            },
            facts: FactChanges {
                added: vec![fact(FactKind::Number, "90 jours", 5, [20, 28])],
                dropped: vec![quote],
                changed: vec![FactChange {
                    kind: FactKind::Date,
                    before: fact(FactKind::Date, "15 septembre", 20, [100, 112]),
                    after: fact(FactKind::Date, "12 novembre", 21, [200, 211]),
                }],
            },
        };
        let list = ChangeList::new(&comparison);
        let labels: Vec<&str> = list.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Added number: 90 jours",
                "Changed date: 15 septembre → 12 novembre",
                "Dropped quote: by Vanessa Pappas: “Nous restons”",
                "Added person: Kevin Mayer",
                "Dropped organisation: Oracle",
            ]
        );
        assert_eq!(list.sections[0].count, 3);
        assert_eq!(list.sections[1].count, 2);
        let titles: Vec<&str> = list.sections[0].groups.iter().map(|g| g.title).collect();
        assert_eq!(titles, ["Numbers", "Dates", "Quotes"]);
        // A changed fact jumps to both sentences; an added entity to its new mention only.
        assert_eq!(
            list.items[1].target,
            JumpTarget {
                old_sentence: Some(20),
                new_sentence: Some(21),
                old_span: Some([100, 112]),
                new_span: Some([200, 211]),
            }
        );
        assert_eq!(list.items[3].target.old_sentence, None);
        assert_eq!(list.items[3].target.new_sentence, Some(3));
        assert_eq!(list.items[4].target.old_sentence, Some(7));
        assert_eq!(list.position(&list.items[4].target), Some(4));
    }

    #[test]
    fn long_quotes_are_cut_at_a_word() {
        let long = "mot ".repeat(100);
        let shown = quoted(&long);
        assert!(shown.starts_with("“mot mot"));
        assert!(shown.ends_with("mot…”"), "{shown}");
        assert!(shown.chars().count() <= QUOTE_MAX_CHARS + 3);
        assert_eq!(quoted(" court "), "“court”");
    }
}
