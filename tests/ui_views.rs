//! UI tests of the views: row markers, the inline view, "only changes", next / previous change,
//! find, the changes-panel filters and the timeline. The app is driven headless by
//! egui_kittest; versions are opened through `App::open_paths`, the app's own open path, with
//! the inline worker (`App::new`), so every comparison is ready when the call returns.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use egui::accesskit::Role;
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use factdiff::core::report::Change;
use factdiff::ui::{App, ViewRow};

/// Ten sentences; V2 changes the second, drops the fifth and adds one at the end.
const V1: &str = "\
Storm hits the coast

A powerful storm hit the coast on Sunday, killing 8 people. \
The mayor urged residents to stay at home until Monday. \
Police closed the coastal road overnight. \
Volunteers filled sandbags near the river. \
Power was cut to 2,400 households across the county. \
Trains between the two cities were cancelled. \
Schools in the lower town will stay closed all week. \
The harbour was closed to all boats. \
Farmers counted their losses in the valley. \
The weather service expects calmer winds by Tuesday.
";

const V2: &str = "\
Storm hits the coast

A powerful storm hit the coast on Sunday, killing 11 people. \
The mayor urged residents to stay at home until Monday. \
Police closed the coastal road overnight. \
Volunteers filled sandbags near the river. \
Power was cut to 2,400 households across the county. \
Trains between the two cities were cancelled. \
The harbour was closed to all boats. \
Farmers counted their losses in the valley. \
The weather service expects calmer winds by Tuesday. \
Rescue teams from three provinces arrived during the night.
";

/// V2 with the power sentence moved to the top.
const V3: &str = "\
Storm hits the coast

Power was cut to 2,400 households across the county. \
A powerful storm hit the coast on Sunday, killing 11 people. \
The mayor urged residents to stay at home until Monday. \
Trains between the two cities were cancelled. \
The harbour was closed to all boats. \
Farmers counted their losses in the valley. \
The weather service expects calmer winds by Tuesday. \
Rescue teams from three provinces arrived during the night.
";

const CHANGED_OLD: &str = "A powerful storm hit the coast on Sunday, killing 8 people.";
const CHANGED_NEW: &str = "A powerful storm hit the coast on Sunday, killing 11 people.";
const REMOVED: &str = "Schools in the lower town will stay closed all week.";
const ADDED: &str = "Rescue teams from three provinces arrived during the night.";
const UNCHANGED: &str = "The mayor urged residents to stay at home until Monday.";

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("factdiff-views-{}-{name}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn write(&self, file_name: &str, text: &str) -> PathBuf {
        let path = self.0.join(file_name);
        std::fs::write(&path, text).expect("write temp file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn harness_sized(app: App, height: f32) -> Harness<'static, App> {
    Harness::builder()
        .with_size(Vec2::new(1280.0, height))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

fn new_harness(app: App) -> Harness<'static, App> {
    harness_sized(app, 800.0)
}

/// The storm story v1 → v2 (or v2 → v3 with `moved`).
fn storm(dir: &TempDir, moved: bool) -> App {
    let (a, b) = if moved { (V2, V3) } else { (V1, V2) };
    let mut app = App::new(None);
    let paths = [dir.write("a.txt", a), dir.write("b.txt", b)];
    assert_eq!(app.open_paths(paths), 2);
    assert_eq!(app.pair(), Some((0, 1)));
    app
}

fn tiktok() -> App {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/tiktok-fr");
    let mut app = App::new(None);
    let paths: Vec<String> = (1..=4).map(|i| format!("{dir}/v{i}.txt")).collect();
    assert_eq!(app.open_paths(paths), 4);
    app
}

#[test]
fn every_row_kind_has_a_symbol_in_the_gutter() {
    let dir = TempDir::new("markers");
    let mut harness = new_harness(storm(&dir, false));
    harness.run();
    // Changed rows carry "~" in both columns, the added row "+", the removed row "−"; egui's
    // default fonts have these glyphs (a missing glyph would panic here).
    assert_eq!(harness.get_all_by_label("~").count(), 2);
    assert_eq!(harness.get_all_by_label("+").count(), 1);
    assert_eq!(harness.get_all_by_label("−").count(), 1);
    // The symbol sits on the same line as its sentence, left of it.
    let plus = harness.get_by_label("+").rect();
    let added = harness.get_by_label(ADDED).rect();
    assert!(plus.right() <= added.left() && (plus.top() - added.top()).abs() < 4.0);
    let minus = harness.get_by_label("−").rect();
    let removed = harness.get_by_label(REMOVED).rect();
    assert!(minus.right() <= removed.left() && (minus.top() - removed.top()).abs() < 4.0);

    // A moved sentence: "»" at its new place and where it stood.
    let dir = TempDir::new("markers-moved");
    let mut harness = new_harness(storm(&dir, true));
    harness.run();
    assert!(harness.get_all_by_label("»").count() >= 2);
    harness.get_by_label_contains("moved from #");
    harness.get_by_label_contains("moved to #");
}

#[test]
fn the_inline_view_strikes_the_old_words_before_the_new_ones() {
    let dir = TempDir::new("inline");
    let mut harness = new_harness(storm(&dir, false));
    harness.run();
    assert!(!harness.state().view().inline());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::U);
    harness.run();
    assert!(harness.state().view().inline());
    // One column: the changed sentence is one text with "8" (struck) then "11" (inserted).
    harness.get_by_label("A powerful storm hit the coast on Sunday, killing 8 11 people.");
    assert!(harness.query_by_label(CHANGED_OLD).is_none());
    assert!(harness.query_by_label(CHANGED_NEW).is_none());
    // Unchanged sentences appear once; removed and added ones keep their markers.
    assert_eq!(harness.get_all_by_label(UNCHANGED).count(), 1);
    let removed = harness.get_by_label(REMOVED).rect();
    let added = harness.get_by_label(ADDED).rect();
    assert!((removed.left() - added.left()).abs() < 1.0, "one column");
    harness.get_by_label("−");
    harness.get_by_label("+");
    // The toolbar switches back.
    harness.get_by_label("Side by side").click();
    harness.run();
    assert!(!harness.state().view().inline());
    harness.get_by_label(CHANGED_OLD);
}

#[test]
fn only_changes_folds_unchanged_runs_and_a_click_opens_one() {
    let dir = TempDir::new("fold");
    let mut harness = new_harness(storm(&dir, false));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    assert!(harness.state().view().only_changes());
    // Title, changed, [mayor, power, trains], removed, [harbour, farmers, weather], added: the
    // middle of each unchanged run folds, one sentence of context stays on each side.
    let folded: Vec<ViewRow> = harness
        .state()
        .view()
        .rows()
        .iter()
        .copied()
        .filter(|r| matches!(r, ViewRow::Collapsed { .. }))
        .collect();
    assert!(!folded.is_empty(), "{:?}", harness.state().view().rows());
    assert!(
        harness
            .query_by_label("Power was cut to 2,400 households across the county.")
            .is_none()
    );
    assert_eq!(
        harness.get_all_by_label(UNCHANGED).count(),
        2,
        "context stays"
    );
    let fold = harness.get_by_label_contains("unchanged sentence");
    fold.click();
    harness.run();
    assert_eq!(
        harness
            .get_all_by_label("Power was cut to 2,400 households across the county.")
            .count(),
        2
    );
    assert_eq!(
        harness
            .state()
            .view()
            .rows()
            .iter()
            .filter(|r| matches!(r, ViewRow::Collapsed { .. }))
            .count(),
        folded.len() - 1
    );
    // Off again: every row is back.
    harness.get_by_label("Only changes").click();
    harness.run();
    assert!(!harness.state().view().only_changes());
    assert!(
        harness
            .state()
            .view()
            .rows()
            .iter()
            .all(|r| matches!(r, ViewRow::Display(_)))
    );
}

#[test]
fn next_and_previous_change_walk_the_changed_rows() {
    let dir = TempDir::new("walk");
    let mut harness = new_harness(storm(&dir, false));
    harness.run();
    let changed_rows = |app: &App| -> Vec<usize> {
        let c = app.comparison().expect("comparison");
        c.sentences
            .iter()
            .enumerate()
            .filter(|(_, r)| r.change != Change::Unchanged)
            .map(|(i, _)| i)
            .collect()
    };
    let rows = changed_rows(harness.state());
    assert_eq!(rows.len(), 3, "changed, removed, added");
    let mut seen = Vec::new();
    for _ in 0..3 {
        harness.key_press(Key::N);
        harness.run();
        seen.push(harness.state().jump_row().expect("a row"));
    }
    // No ghost rows here: display rows are comparison rows.
    assert_eq!(seen, rows);
    harness.key_press(Key::F7);
    harness.run();
    assert_eq!(harness.state().jump_row(), Some(rows[0]), "wraps");
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F7);
    harness.run();
    assert_eq!(harness.state().jump_row(), Some(rows[2]));
    harness.key_press(Key::P);
    harness.run();
    assert_eq!(harness.state().jump_row(), Some(rows[1]));
    let target = harness.state().jump_target().expect("target");
    let removed = &harness.state().comparison().expect("c").sentences[rows[1]];
    assert_eq!(target.old_sentence, removed.from);
    // The toolbar buttons do the same.
    harness.get_by_label("Next change").click();
    harness.run();
    assert_eq!(harness.state().jump_row(), Some(rows[2]));
}

#[test]
fn next_change_scrolls_a_long_article() {
    let mut harness = new_harness(tiktok());
    harness.run();
    for _ in 0..40 {
        harness.key_press(Key::N);
        harness.run();
    }
    let row = harness.state().jump_row().expect("a row");
    let comparison = harness.state().comparison().expect("comparison").clone();
    // The row walked to is on screen.
    let sentence = &comparison.sentences[row];
    let text = sentence.new.clone().or(sentence.old.clone()).expect("text");
    let prefix: String = text.chars().take(30).collect();
    let rect = harness
        .get_all_by_label_contains(&prefix)
        .next()
        .expect("on screen")
        .rect();
    assert!(rect.top() >= 0.0 && rect.bottom() <= 800.0, "{rect:?}");
}

#[test]
fn find_counts_matches_across_typography_and_moves_between_them() {
    let mut harness = new_harness(tiktok());
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(harness.state().view().find().is_open());
    let input = harness.get_by_role(Role::TextInput);
    assert!(input.is_focused());
    // A straight apostrophe finds the typographic one; the case does not matter.
    input.type_text("l'inde");
    harness.run();
    let count = harness.state().view().find().matches().len();
    assert!(count >= 1, "{count}");
    assert_eq!(harness.state().view().find().current(), Some(0));
    harness.get_by_label(&format!("1 of {count}"));
    // Typing "n" in the box is text, not "next change".
    assert!(harness.state().jump_target().is_none());

    let dir = TempDir::new("find");
    let mut harness = new_harness(storm(&dir, false));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_role(Role::TextInput).type_text("STORM");
    harness.run();
    // "Storm hits the coast" (unchanged title: one match in both columns), and the changed
    // sentence once in each column.
    let find = harness.state().view().find();
    assert_eq!(find.matches().len(), 3, "{:?}", find.matches());
    assert!(find.matches()[0].old.is_some() && find.matches()[0].new.is_some());
    harness.get_by_label("1 of 3");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().view().find().current(), Some(1));
    harness.get_by_label("2 of 3");
    assert!(
        harness.get_by_role(Role::TextInput).is_focused(),
        "the box keeps the focus"
    );
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run();
    assert_eq!(harness.state().view().find().current(), Some(0));
    harness.key_press(Key::F3);
    harness.run();
    assert_eq!(harness.state().view().find().current(), Some(1));
    harness.get_by_label("Close").click();
    harness.run();
    assert!(!harness.state().view().find().is_open());
}

#[test]
fn a_filter_chip_hides_items_of_the_changes_panel() {
    let mut harness = new_harness(tiktok());
    harness.run();
    let items = |h: &Harness<'_, App>, word: &str| {
        h.get_all_by_role(Role::Button)
            .filter(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.starts_with(word))
            })
            .count()
    };
    let comparison = harness.state().comparison().expect("comparison").clone();
    let dropped = comparison.facts.dropped.len() + comparison.entities.dropped.len();
    assert!(dropped > 0, "v3 → v4 drops the Pappas quote");
    assert_eq!(items(&harness, "Dropped "), dropped);
    harness.get_by_label(&format!("dropped {dropped}")).click();
    harness.run();
    assert_eq!(items(&harness, "Dropped "), 0);
    harness.get_by_label("Show all").click();
    harness.run();
    assert_eq!(items(&harness, "Dropped "), dropped);
    // By kind: hiding People hides the dropped person.
    assert_eq!(items(&harness, "Dropped person: Vanessa Pappas"), 1);
    harness.get_by_label("People").click();
    harness.run();
    assert_eq!(items(&harness, "Dropped person"), 0);
}

/// Replaces the text of the timeline's filter box.
fn set_timeline_filter(harness: &mut Harness<'_, App>, text: &str) {
    let filter = |h: &Harness<'_, App>| {
        h.get_all_by_role(Role::TextInput)
            .filter(|n| n.accesskit_node().label().as_deref() == Some("Filter:"))
            .count()
    };
    assert_eq!(filter(harness), 1, "one timeline filter");
    let focus = |h: &Harness<'_, App>| {
        if let Some(n) = h
            .get_all_by_role(Role::TextInput)
            .find(|n| n.accesskit_node().label().as_deref() == Some("Filter:"))
        {
            n.focus();
        }
    };
    focus(harness);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.event(egui::Event::Text(text.to_string()));
    harness.run();
}

#[test]
fn the_timeline_follows_entities_and_facts_across_the_versions() {
    let mut harness = harness_sized(tiktok(), 1000.0);
    harness.run();
    assert_eq!(harness.state().pair(), Some((2, 3)));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    assert!(harness.state().view().timeline_visible());
    let timeline = harness.state().view().timeline().expect("computed").clone();
    let pappas = timeline
        .entities
        .iter()
        .find(|e| e.name == "Vanessa Pappas")
        .expect("Pappas in the timeline");
    assert_eq!(pappas.versions, [0, 1, 2]);
    // The deadline moves from 15 September to 12 November in v4.
    assert!(
        timeline.facts.iter().any(|f| {
            f.values.get(2).and_then(|v| v.as_deref()) == Some("15 septembre")
                && f.values.get(3).and_then(|v| v.as_deref()) == Some("12 novembre")
        }),
        "{:?}",
        timeline.facts
    );
    // The grid says the same, one cell per version (filtered to the lines looked at).
    set_timeline_filter(&mut harness, "pappas");
    harness.get_by_label("Vanessa Pappas, v1.txt: appears");
    harness.get_by_label("Vanessa Pappas, v2.txt: present");
    harness.get_by_label("Vanessa Pappas, v3.txt: present");
    harness.get_by_label("Vanessa Pappas, v4.txt: gone");
    set_timeline_filter(&mut harness, "novembre");
    harness.get_by_label_contains(": changes: 12 novembre");
    set_timeline_filter(&mut harness, "pappas");

    // A click on a cell compares v1 → v2 and jumps to Pappas there.
    harness
        .get_by_label("Vanessa Pappas, v2.txt: present")
        .click();
    harness.run();
    assert_eq!(harness.state().pair(), Some((0, 1)));
    let target = harness.state().jump_target().expect("jumped");
    assert!(target.new_sentence.is_some() && target.new_span.is_some());
    // The gone cell opens v3 → v4 at the old mention.
    harness.get_by_label("Vanessa Pappas, v4.txt: gone").click();
    harness.run();
    assert_eq!(harness.state().pair(), Some((2, 3)));
    let target = harness.state().jump_target().expect("jumped");
    assert!(target.old_sentence.is_some() && target.new_sentence.is_none());
}

#[test]
fn the_overview_bar_scrolls_the_view() {
    let mut harness = new_harness(tiktok());
    harness.run();
    let bar = harness.get_by_label("Overview of changes").rect();
    assert!(bar.width() <= 16.0 && bar.height() > 300.0, "{bar:?}");
    let last_row = harness
        .state()
        .comparison()
        .expect("c")
        .sentences
        .last()
        .and_then(|r| r.new.clone().or(r.old.clone()))
        .expect("text");
    let prefix: String = last_row.chars().take(25).collect();
    assert!(harness.query_by_label_contains(&prefix).is_none());
    // A click near the bottom of the bar: the end of the article comes into view.
    let at = egui::pos2(bar.center().x, bar.bottom() - 2.0);
    harness.hover_at(at);
    harness.drag_at(at);
    harness.run();
    harness.drop_at(at);
    // Frames for the click to be seen and the scroll to apply.
    harness.run();
    harness.get_by_label_contains(&prefix);
}

#[test]
fn the_timeline_is_computed_off_the_ui_thread() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/tiktok-fr");
    let mut app = factdiff::ui::App::new_threaded(None);
    app.open_paths((1..=4).map(|v| format!("{dir}/v{v}.txt")));
    app.wait_idle();
    // No frame has been drawn: the worker brought the timeline with the comparison.
    let timeline = app.view().timeline().expect("timeline from the worker");
    let pappas = timeline
        .entities
        .iter()
        .find(|e| e.name == "Vanessa Pappas")
        .expect("Pappas");
    assert_eq!(pappas.versions, [0, 1, 2]);
}
