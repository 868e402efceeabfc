//! UI tests: the desktop app driven headless by egui_kittest (no window, no GPU).
//!
//! Files are written to a fresh temporary folder and opened through `App::open_paths`, the same
//! path the command line, the file dialog and drag and drop take. Widgets are found through the
//! AccessKit tree by their labels, as a screen reader would. The file dialog is never shown:
//! tests that press "Open…" install a picker that returns fixed paths.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use factdiff::core::compare::FactChange;
use factdiff::core::document::Version;
use factdiff::core::extract::{Fact, FactKind};
use factdiff::core::text_report::summary_line;
use factdiff::ui::{App, Command, JumpTarget};

const V1: &str = "\
Storm hits the coast

A powerful storm hit the coast on Sunday, killing 8 people. \
The mayor urged residents to stay at home until Monday. \
Power was cut to 2,400 households across the county. \
Schools in the lower town will stay closed all week.
";

const V2: &str = "\
Storm hits the coast

A powerful storm hit the coast on Sunday, killing 11 people. \
The mayor urged residents to stay at home until Monday. \
Power was cut to 2,400 households across the county. \
Rescue teams from three provinces arrived during the night.
";

/// V2 with the power sentence moved to the top and a new closing sentence.
const V3: &str = "\
Storm hits the coast

Power was cut to 2,400 households across the county. \
A powerful storm hit the coast on Sunday, killing 11 people. \
The mayor urged residents to stay at home until Monday. \
Rescue teams from three provinces arrived during the night. \
Insurers expect claims to pass forty million dollars.
";

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("factdiff-ui-{}-{name}-{n}", std::process::id()));
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

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// The on-screen rectangle of the one label with exactly this text.
fn label_rect(harness: &Harness<'_, App>, text: &str) -> egui::Rect {
    harness.get_by_label(text).rect()
}

#[test]
fn two_files_show_aligned_rows_and_the_summary() {
    let dir = TempDir::new("two");
    let v1 = dir.write("v1.txt", V1);
    let v2 = dir.write("v2.txt", V2);
    let mut app = App::new(None);
    assert_eq!(app.open_paths([&v1, &v2]), 2);
    assert_eq!(app.pair(), Some((0, 1)));
    let mut harness = harness(app);
    harness.run();

    // The changed sentence: old on the left, new on the right, on the same row.
    let old = label_rect(
        &harness,
        "A powerful storm hit the coast on Sunday, killing 8 people.",
    );
    let new = label_rect(
        &harness,
        "A powerful storm hit the coast on Sunday, killing 11 people.",
    );
    assert!(
        old.right() <= new.left(),
        "old {old:?} is left of new {new:?}"
    );
    assert!(
        (old.top() - new.top()).abs() < 1.0,
        "same row: {old:?} {new:?}"
    );

    // The added sentence is only on the right, the removed one only on the left.
    let added = label_rect(
        &harness,
        "Rescue teams from three provinces arrived during the night.",
    );
    let removed = label_rect(
        &harness,
        "Schools in the lower town will stay closed all week.",
    );
    assert!(added.left() > old.right());
    assert!(removed.right() <= new.left());

    // An unchanged sentence appears once in each column.
    let unchanged: Vec<_> = harness
        .get_all_by_label("The mayor urged residents to stay at home until Monday.")
        .map(|n| n.rect())
        .collect();
    assert_eq!(unchanged.len(), 2);
    assert!((unchanged[0].top() - unchanged[1].top()).abs() < 1.0);

    // The summary line in the top bar is the comparison's summary.
    let summary = harness.state().comparison().expect("comparison").summary;
    assert_eq!(summary.sentences_changed, 1);
    assert_eq!(summary.sentences_added, 1);
    assert_eq!(summary.sentences_removed, 1);
    let line = summary_line(harness.state().comparison().expect("comparison"));
    assert_eq!(line, "1 changed · 1 added · 1 removed · 3 unchanged");
    harness.get_by_label(&line);

    // The lists and the window title name both versions.
    harness.get_by_label("Old v1.txt");
    harness.get_by_label("New v2.txt");
    assert_eq!(harness.state().window_title(), "factdiff — v1.txt ↔ v2.txt");
}

#[test]
fn the_version_list_says_each_format_and_what_was_removed() {
    // A saved news page, a PDF print and the plain text of the same article: the list names
    // each format and the page's boilerplate warning; the comparison finds nothing changed.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let mut app = App::new(None);
    let paths = ["fr-page.html", "fr.pdf", "fr.txt"].map(|f| fixtures.join(f));
    assert_eq!(app.open_paths(paths), 3);
    app.wait_idle();
    let mut harness = harness(app);
    harness.run();
    assert!(harness.state().errors().is_empty());
    harness.get_by_label_contains("HTML · 2024-03-14");
    harness.get_by_label_contains("PDF · ");
    harness.get_by_label_contains("removed as boilerplate");
    harness.get_by_label_contains("header/footer lines removed");
}

#[test]
fn a_missing_file_shows_an_error_and_the_good_version_stays() {
    let dir = TempDir::new("missing");
    let good = dir.write("v1.txt", V1);
    let missing = dir.0.join("missing.txt");
    let mut app = App::new(None);
    assert_eq!(app.open_paths([missing, good]), 1);
    let mut harness = harness(app);
    harness.run();

    let error = harness.get_by_label_contains("missing.txt");
    let message = error.value().unwrap_or_default();
    assert!(message.contains("file not found"), "{message}");
    // The good version is listed, and its sentences are shown while a second one is needed.
    harness.get_by_label("v1.txt");
    harness.get_by_label_contains("A second version is needed");
    harness.get_by_label("A powerful storm hit the coast on Sunday, killing 8 people.");
    assert_eq!(harness.state().versions().len(), 1);

    // Dismiss hides the banner and keeps the version.
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.query_by_label_contains("missing.txt").is_none());
    assert!(harness.state().errors().is_empty());
    assert_eq!(harness.state().versions().len(), 1);
}

#[test]
fn choosing_another_pair_updates_the_comparison() {
    let dir = TempDir::new("pair");
    let paths = [
        dir.write("v1.txt", V1),
        dir.write("v2.txt", V2),
        dir.write("v3.txt", V3),
    ];
    let mut app = App::new(None);
    app.open_paths(&paths);
    let mut harness = harness(app);
    harness.run();
    // Versions first opened: the last two are compared.
    assert_eq!(harness.state().pair(), Some((1, 2)));
    harness.get_by_label("Insurers expect claims to pass forty million dollars.");

    // Compare v1 → v2: "Old" on v1, then "New" on v2.
    harness.get_by_label("Old v1.txt").click();
    harness.run();
    assert_eq!(harness.state().pair(), Some((0, 2)));
    harness.get_by_label("New v2.txt").click();
    harness.run();
    assert_eq!(harness.state().pair(), Some((0, 1)));
    assert!(
        harness
            .query_by_label("Insurers expect claims to pass forty million dollars.")
            .is_none()
    );

    // Back to v2 → v3: click "Old" on v2 (it was New, so the pair swaps), then "New" on v3.
    harness.get_by_label("Old v2.txt").click();
    harness.run();
    assert_eq!(harness.state().pair(), Some((1, 0)));
    harness.get_by_label("New v3.txt").click();
    harness.run();
    assert_eq!(harness.state().pair(), Some((1, 2)));
    assert_eq!(harness.state().window_title(), "factdiff — v2.txt ↔ v3.txt");

    let comparison = harness.state().comparison().expect("comparison");
    assert_eq!((comparison.from, comparison.to), (1, 2));
    let summary = comparison.summary;
    assert_eq!(summary.sentences_added, 1, "{summary:?}");
    assert_eq!(summary.sentences_removed, 0, "{summary:?}");
    assert_eq!(summary.sentences_changed, 0, "{summary:?}");
    harness.get_by_label(&summary_line(comparison));
    harness.get_by_label("Insurers expect claims to pass forty million dollars.");
    // The killed-people figure is the same in v2 and v3: no old "8" any more.
    assert!(
        harness
            .query_by_label("A powerful storm hit the coast on Sunday, killing 8 people.")
            .is_none()
    );

    // The moved power sentence has a badge at its new place and a ghost at its old one.
    // (Sentence numbers count the title line: old #4 is the power sentence, new #2 too.)
    assert_eq!(summary.sentences_moved, 1, "{summary:?}");
    let moved = harness.get_by_label_contains("moved from #4").rect();
    let ghost = harness.get_by_label_contains("moved to #2").rect();
    assert!(
        ghost.top() > moved.top(),
        "the ghost stands lower, where the sentence was"
    );
}

#[test]
fn the_comparison_is_computed_once_not_every_frame() {
    let dir = TempDir::new("frames");
    let paths = [dir.write("v1.txt", V1), dir.write("v2.txt", V2)];
    let mut app = App::new(None);
    app.open_paths(&paths);
    let runs = app.comparison_runs();
    assert_eq!(runs, 1);
    let mut harness = harness(app);
    harness.run();
    harness.run_steps(10);
    assert_eq!(harness.state().comparison_runs(), runs);
}

#[test]
fn empty_state_invites_to_open_files() {
    let mut harness = harness(App::new(None));
    harness.run();
    harness.get_by_label("Open two or more versions of an article (Ctrl+O) or drop files here");
    assert_eq!(harness.state().window_title(), "factdiff");
}

#[test]
fn open_button_and_ctrl_o_use_the_file_picker() {
    let dir = TempDir::new("picker");
    // Given out of order: the app sorts what the dialog returns (v2 before v10).
    let picked = vec![dir.write("v10.txt", V2), dir.write("v2.txt", V1)];
    let calls = Rc::new(Cell::new(0));
    let app = App::new(None).with_file_picker({
        let calls = Rc::clone(&calls);
        move || {
            calls.set(calls.get() + 1);
            Some(picked.clone())
        }
    });
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("Open…").click();
    harness.run();
    assert_eq!(calls.get(), 1);
    let names: Vec<String> = (0..2).map(|i| harness.state().display_name(i)).collect();
    assert_eq!(names, ["v2.txt", "v10.txt"]);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    assert_eq!(calls.get(), 2);
    // Opening the same files again reloads them in place.
    assert_eq!(harness.state().versions().len(), 2);
}

#[derive(Debug)]
struct TestDroppedFile(PathBuf);

impl egui::DroppedFile for TestDroppedFile {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropped_files_open_and_hovering_shows_a_hint() {
    let dir = TempDir::new("drop");
    let paths = [dir.write("v1.txt", V1), dir.write("v2.txt", V2)];
    let mut harness = harness(App::new(None));
    harness.run();

    harness.input_mut().hovered_files = paths
        .iter()
        .map(|p| egui::HoveredFile {
            path: Some(p.clone()),
            mime: String::new(),
        })
        .collect();
    harness.run_steps(2);
    harness.get_by_label("Drop to open 2 files");

    harness.input_mut().hovered_files.clear();
    harness.input_mut().dropped_files = paths
        .iter()
        .map(|p| Arc::new(TestDroppedFile(p.clone())) as egui::DroppedFileHandle)
        .collect();
    harness.run();
    assert!(harness.query_by_label("Drop to open 2 files").is_none());
    assert_eq!(harness.state().versions().len(), 2);
    assert_eq!(harness.state().pair(), Some((0, 1)));
    harness.get_by_label("A powerful storm hit the coast on Sunday, killing 11 people.");
}

#[test]
fn removing_a_version_keeps_a_valid_pair() {
    let dir = TempDir::new("remove");
    let paths = [
        dir.write("v1.txt", V1),
        dir.write("v2.txt", V2),
        dir.write("v3.txt", V3),
    ];
    let mut app = App::new(None);
    app.open_paths(&paths);
    let mut harness = harness(app);
    harness.run();

    harness.get_by_label("Remove v2.txt").click();
    harness.run();
    assert_eq!(harness.state().versions().len(), 2);
    assert_eq!(harness.state().pair(), Some((0, 1)));
    assert_eq!(harness.state().window_title(), "factdiff — v1.txt ↔ v3.txt");

    harness.get_by_label("Remove v1.txt").click();
    harness.run();
    assert_eq!(harness.state().pair(), None);
    harness.get_by_label_contains("A second version is needed");
}

#[test]
fn the_french_sample_opens_and_its_rows_align_by_text() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/tiktok-fr");
    let mut app = App::new(None);
    assert_eq!(
        app.open_paths([format!("{dir}/v3.txt"), format!("{dir}/v4.txt")]),
        2
    );
    // Tall enough that every row of the article is laid out.
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 5000.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    harness.run();
    let old = label_rect(
        &harness,
        "La date limite fixée par Washington pour une vente est le 15 septembre.",
    );
    let new = label_rect(
        &harness,
        "La date limite fixée par Washington pour une vente est le 12 novembre.",
    );
    assert!(
        old.right() <= new.left() && (old.top() - new.top()).abs() < 1.0,
        "{old:?} {new:?}"
    );
    // The added decree sentence sits right below, on the right only.
    let decree = label_rect(
        &harness,
        "Un décret signé le 14 août accorde à Bytedance 90 jours pour céder ces activités.",
    );
    assert!(decree.left() >= new.left() - 1.0 && decree.top() > new.top());
    // The removed Pappas quote is on the left only.
    let pappas = harness.get_by_label_contains(PAPPAS_SENTENCE).rect();
    assert!(pappas.right() <= new.left());
    assert_eq!(harness.state().window_title(), "factdiff — v3.txt ↔ v4.txt");
}

/// The French sample's v3 and v4: the sale deadline moves from 15 September to 12 November,
/// and the closing quote of Vanessa Pappas is dropped.
fn tiktok_v3_v4() -> App {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/tiktok-fr");
    let mut app = App::new(None);
    assert_eq!(
        app.open_paths([format!("{dir}/v3.txt"), format!("{dir}/v4.txt")]),
        2
    );
    app
}

/// A date fact at the first occurrence of `text` in `version`.
fn date_fact(version: &Version, text: &str) -> Fact {
    let start = version.text.find(text).expect("text in the sample");
    let sentence = version
        .sentences
        .iter()
        .position(|s| s.byte_range.contains(&start))
        .expect("a sentence holds it");
    Fact {
        kind: FactKind::Date,
        text: text.to_string(),
        value: None,
        unit: None,
        currency: None,
        qualifier: None,
        speaker: None,
        speaker_id: None,
        sentence,
        span: [start, start + text.len()],
    }
}

/// v3 → v4 with the deadline change added by hand, whatever the extractors find today.
fn tiktok_with_date_change() -> (App, FactChange) {
    let mut app = tiktok_v3_v4();
    let mut comparison = app.comparison().expect("comparison").clone();
    let change = FactChange {
        kind: FactKind::Date,
        before: date_fact(&app.versions()[0], "15 septembre"),
        after: date_fact(&app.versions()[1], "12 novembre"),
    };
    comparison
        .facts
        .changed
        .retain(|c| !c.before.text.contains("15 septembre"));
    comparison.facts.changed.push(change.clone());
    app.replace_comparison(comparison);
    (app, change)
}

const DEADLINE_OLD: &str =
    "La date limite fixée par Washington pour une vente est le 15 septembre.";
const DEADLINE_NEW: &str = "La date limite fixée par Washington pour une vente est le 12 novembre.";
/// Words of the last sentence of v3 only (the panel's entity item has the name too).
const PAPPAS_SENTENCE: &str = "a assuré samedi Vanessa Pappas";

#[test]
fn the_glyphs_of_the_changes_panel_are_in_the_default_fonts() {
    // egui 0.37's default fonts have no "→" (a label with it panics in kittest), so the panel
    // draws its arrow in a gap of non-breaking spaces; everything else it writes must exist.
    let mut harness = Harness::builder().build_ui(|ui| {
        ui.label("probe");
    });
    harness.run();
    let font = egui::FontId::proportional(14.0);
    let has = |s: &str| harness.ctx.fonts_mut(|f| f.has_glyphs(&font, s));
    assert!(has("“”…·\u{a0}’«»"));
    assert!(
        !has("→"),
        "the default fonts now have an arrow: the panel could write it instead of drawing it"
    );
}

#[test]
fn the_changes_panel_counts_what_the_comparison_lists() {
    let app = tiktok_v3_v4();
    let extraction_runs = app.extraction_runs();
    assert_eq!(extraction_runs, 1);
    let mut harness = harness(app);
    harness.run();
    let comparison = harness.state().comparison().expect("comparison").clone();
    let facts = comparison.facts.changed.len()
        + comparison.facts.added.len()
        + comparison.facts.dropped.len();
    let entities = comparison.entities.added.len() + comparison.entities.dropped.len();
    if facts + entities == 0 {
        harness.get_by_label("No fact or entity changes");
    } else {
        harness.get_by_label(&format!("Facts ({facts})"));
        harness.get_by_label(&format!("Entities ({entities})"));
    }
    // One item per change, each a button named by what happened to it.
    for (word, count) in [
        ("Changed ", comparison.facts.changed.len()),
        (
            "Added ",
            comparison.facts.added.len() + comparison.entities.added.len(),
        ),
        (
            "Dropped ",
            comparison.facts.dropped.len() + comparison.entities.dropped.len(),
        ),
    ] {
        let items = harness
            .get_all_by_role(egui::accesskit::Role::Button)
            .filter(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.starts_with(word))
            })
            .count();
        assert_eq!(items, count, "{word}items");
    }
    // What the core finds on this sample: the Pappas quote's speaker disappears…
    assert!(
        comparison
            .entities
            .dropped
            .iter()
            .any(|e| e.name == "Vanessa Pappas"),
        "{:?}",
        comparison.entities
    );
    harness.get_by_label_contains(": Vanessa Pappas");
    // …and the deadline moves, once the date extractor finds it.
    if comparison
        .facts
        .changed
        .iter()
        .any(|c| c.before.text.contains("15 septembre"))
    {
        harness.get_by_label_contains("15 septembre → 12 novembre");
    }
    // Choosing another pair recomputes the comparison but not the extractions.
    harness.get_by_label("Swap").click();
    harness.run();
    assert_eq!(harness.state().extraction_runs(), extraction_runs);
    assert_eq!(harness.state().comparison_runs(), 2);
}

#[test]
fn a_hand_made_comparison_lists_the_changed_date_and_the_dropped_entity() {
    let (app, _) = tiktok_with_date_change();
    let mut harness = harness(app);
    harness.run();
    let comparison = harness.state().comparison().expect("comparison").clone();
    let facts = comparison.facts.changed.len()
        + comparison.facts.added.len()
        + comparison.facts.dropped.len();
    harness.get_by_label(&format!("Facts ({facts})"));
    let date = harness.get_by_label_contains("15 septembre → 12 novembre");
    assert_eq!(
        date.accesskit_node().label().as_deref(),
        Some("Changed date: 15 septembre → 12 novembre")
    );
    let dates = comparison
        .facts
        .changed
        .iter()
        .filter(|c| c.kind == FactKind::Date)
        .count()
        + comparison
            .facts
            .added
            .iter()
            .filter(|f| f.kind == FactKind::Date)
            .count()
        + comparison
            .facts
            .dropped
            .iter()
            .filter(|f| f.kind == FactKind::Date)
            .count();
    harness.get_by_label(&format!("Dates ({dates})"));
    harness.get_by_label_contains(": Vanessa Pappas");
}

#[test]
fn clicking_an_item_scrolls_the_text_to_it_and_highlights_it() {
    let (app, change) = tiktok_with_date_change();
    let mut harness = harness(app);
    harness.run();
    assert!(harness.state().jump_target().is_none());
    // The last sentence of v3 is far below the fold of an 800-pixel window.
    assert!(harness.query_by_label_contains(PAPPAS_SENTENCE).is_none());

    harness.get_by_label_contains(": Vanessa Pappas").click();
    harness.run();
    let target = *harness.state().jump_target().expect("a jump");
    let pappas = &harness
        .state()
        .comparison()
        .expect("comparison")
        .entities
        .dropped;
    let pappas = pappas
        .iter()
        .find(|e| e.name == "Vanessa Pappas")
        .expect("dropped");
    assert_eq!(target.old_sentence, pappas.sentences.first().copied());
    assert_eq!(target.new_sentence, None);
    assert_eq!(target.old_span, pappas.spans.first().copied());
    assert!(harness.state().jump_row().is_some());
    assert!(harness.state().highlight_visible());
    // The row is now on screen, in the old column.
    let row = harness.get_by_label_contains(PAPPAS_SENTENCE).rect();
    assert!(row.top() >= 0.0 && row.bottom() <= 800.0, "{row:?}");
    harness.get_by_label_contains(": Vanessa Pappas");

    // The date: both columns of one row, centred.
    harness
        .get_by_label_contains("15 septembre → 12 novembre")
        .click();
    harness.run();
    assert_eq!(
        harness.state().jump_target(),
        Some(&JumpTarget {
            old_sentence: Some(change.before.sentence),
            new_sentence: Some(change.after.sentence),
            old_span: Some(change.before.span),
            new_span: Some(change.after.span),
        })
    );
    let old = harness.get_by_label(DEADLINE_OLD).rect();
    let new = harness.get_by_label(DEADLINE_NEW).rect();
    assert!((old.top() - new.top()).abs() < 1.0, "{old:?} {new:?}");
    assert!(
        (old.center().y - 400.0).abs() < 200.0,
        "roughly centred: {old:?}"
    );
    assert!(harness.state().highlight_visible());

    // The highlight fades after a few seconds; the jump (and the panel selection) stays.
    harness.run_steps(16);
    assert!(!harness.state().highlight_visible());
    assert!(harness.state().jump_target().is_some());
}

#[test]
fn n_and_p_walk_the_changes_and_jump_to_is_a_command() {
    let (app, change) = tiktok_with_date_change();
    let mut harness = harness(app);
    harness.run();
    harness.key_press(Key::N);
    harness.run();
    let first = *harness.state().jump_target().expect("first item");
    harness.key_press(Key::N);
    harness.run();
    let second = *harness.state().jump_target().expect("second item");
    assert_ne!(first, second);
    harness.key_press(Key::P);
    harness.run();
    assert_eq!(harness.state().jump_target(), Some(&first));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F7);
    harness.run();
    let last = *harness
        .state()
        .jump_target()
        .expect("wraps to the last item");
    harness.key_press(Key::F7);
    harness.run();
    assert_eq!(harness.state().jump_target(), Some(&first), "{last:?}");

    // The command a click pushes, applied directly.
    harness.state_mut().apply(Command::JumpTo {
        old_sentence: Some(change.before.sentence),
        new_sentence: Some(change.after.sentence),
        old_span: Some(change.before.span),
        new_span: Some(change.after.span),
    });
    harness.run();
    harness.get_by_label(DEADLINE_NEW);
    assert_eq!(
        Command::JumpTo {
            old_sentence: None,
            new_sentence: None,
            old_span: None,
            new_span: None
        }
        .label(),
        "Show in text"
    );
}

#[test]
fn the_changes_panel_can_be_hidden_and_shown_again() {
    // Tall enough that every row of the article is laid out.
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 5000.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), tiktok_v3_v4());
    harness.run();
    assert!(harness.state().changes_visible());
    assert!(harness.query_by_label_contains("Entities (").is_some());
    let full = label_rect(&harness, DEADLINE_NEW);

    harness.get_by_label("Changes").click();
    harness.run();
    assert!(!harness.state().changes_visible());
    assert!(harness.query_by_label_contains("Entities (").is_none());
    // The side-by-side view takes the room back: the new column starts further right.
    let wide = label_rect(&harness, DEADLINE_NEW);
    assert!(wide.left() > full.left(), "{full:?} {wide:?}");

    harness.get_by_label("Changes").click();
    harness.run();
    assert!(harness.state().changes_visible());
    assert!(harness.query_by_label_contains("Entities (").is_some());
}

#[test]
fn a_pair_without_fact_or_entity_changes_says_so() {
    let dir = TempDir::new("same");
    let paths = [dir.write("v1.txt", V1), dir.write("v1-copy.txt", V1)];
    let mut app = App::new(None);
    app.open_paths(&paths);
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("No fact or entity changes");
}

// ---------------------------------------------------------------------------------------------
// Versions, options, persistence and the worker.

/// V1 with one word's case changed: only "ignore case" makes it identical.
const V1_CASE: &str = "\
Storm hits the coast

A powerful storm hit the coast on Sunday, killing 8 people. \
The Mayor urged residents to stay at home until Monday. \
Power was cut to 2,400 households across the county. \
Schools in the lower town will stay closed all week.
";

fn names(app: &App) -> Vec<String> {
    (0..app.versions().len())
        .map(|i| app.display_name(i))
        .collect()
}

#[test]
fn versions_reorder_rename_and_close_and_the_pair_follows() {
    let dir = TempDir::new("versions");
    let paths = [
        dir.write("v1.txt", V1),
        dir.write("v2.txt", V2),
        dir.write("v3.txt", V3),
    ];
    let mut app = App::new(None);
    assert_eq!(app.open_paths(&paths), 3);
    assert_eq!(app.pair(), Some((1, 2)), "the last two");
    let mut harness = harness(app);
    harness.run();
    // Word counts and the share of changed sentences against the version above.
    let words = harness.state().versions()[0].word_count();
    harness.get_by_label_contains(&format!("{words} words"));
    assert_eq!(harness.state().changed_share(0), None);
    let share = harness.state().changed_share(1).expect("v2 against v1");
    assert!(share > 0.0 && share < 1.0, "{share}");
    harness.get_by_label_contains(&format!("{:.0}% changed", share * 100.0));
    // The date: no metadata line, so the file's modification date.
    let date = harness.state().version_date(0).expect("a date");
    assert!(date.starts_with("file 20"), "{date}");
    assert_eq!(harness.get_all_by_label_contains(&date).count(), 3);

    // Move v3 up: v1, v3, v2. The pair still compares v2 → v3, now at (2, 1).
    harness.get_by_label("Move v3.txt up").click();
    harness.run();
    assert_eq!(names(harness.state()), ["v1.txt", "v3.txt", "v2.txt"]);
    assert_eq!(harness.state().pair(), Some((2, 1)));
    assert_eq!(harness.state().window_title(), "factdiff — v2.txt ↔ v3.txt");
    harness.get_by_label("Move v1.txt down").click();
    harness.run();
    assert_eq!(names(harness.state()), ["v3.txt", "v1.txt", "v2.txt"]);

    // Rename v1: a text box, typed, Enter. The path stays.
    harness.get_by_label("Rename v1.txt").click();
    harness.run();
    let edit = harness.get_by_role(egui::accesskit::Role::TextInput);
    edit.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("First draft");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().display_name(1), "First draft");
    assert_eq!(harness.state().version_path(1), Some(paths[0].as_path()));
    harness.get_by_label("Old First draft");

    assert!(
        harness
            .query_by_role(egui::accesskit::Role::TextInput)
            .is_none()
    );
    // An empty name gives the file name back.
    harness
        .state_mut()
        .apply(Command::RenameVersion(1, "  ".into()));
    assert_eq!(harness.state().display_name(1), "v1.txt");

    // Ctrl+W closes the New version of the pair; the others stay.
    let (_, new) = harness.state().pair().expect("pair");
    let closing = harness.state().display_name(new);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run();
    assert_eq!(harness.state().versions().len(), 2);
    assert!(!names(harness.state()).contains(&closing));
    assert!(harness.state().comparison().is_some());
}

#[test]
fn paste_as_new_version_reads_the_clipboard_text() {
    let dir = TempDir::new("paste");
    let mut app = App::new(None);
    app.open_paths([dir.write("v1.txt", V1)]);
    let mut harness = harness(app);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::V);
    harness.run();
    // What eframe sends once it has read the clipboard.
    harness.event(egui::Event::Paste(V2.to_string()));
    harness.run();
    assert_eq!(names(harness.state()), ["v1.txt", "Pasted 1"]);
    assert_eq!(harness.state().version_path(1), None);
    assert_eq!(harness.state().pair(), Some((0, 1)));
    let summary = harness.state().comparison().expect("comparison").summary;
    assert_eq!(summary.sentences_changed, 1);
    harness.get_by_label("New Pasted 1");

    // The File menu offers it too, with its shortcut.
    harness.get_by_label("File").click();
    harness.run();
    harness
        .get_by_label_contains("Paste as new version")
        .click();
    harness.run();
    harness.event(egui::Event::Paste(V3.to_string()));
    harness.run();
    assert_eq!(harness.state().display_name(2), "Pasted 2");
    assert_eq!(harness.state().pair(), Some((1, 2)));
}

#[test]
fn ignore_case_in_the_options_window_turns_a_case_only_change_into_unchanged() {
    let dir = TempDir::new("options");
    let mut app = App::new(None);
    app.open_paths([dir.write("v1.txt", V1), dir.write("v1-case.txt", V1_CASE)]);
    let mut harness = harness(app);
    harness.run();
    let summary = harness.state().comparison().expect("comparison").summary;
    assert_eq!(summary.sentences_changed, 1, "{summary:?}");

    harness.get_by_label("Options…").click();
    harness.run();
    harness.get_by_label("Ignore case").click();
    harness.run();
    assert!(harness.state().settings().options.ignore_case);
    let summary = harness.state().comparison().expect("comparison").summary;
    assert_eq!(summary.sentences_changed, 0, "{summary:?}");
    assert!(!summary.has_differences());

    // The threshold applies at once too: at 0.9, a half-rewritten sentence is no longer
    // "changed" but removed and added.
    let mut app = App::new(None);
    app.open_paths([
        dir.write(
            "a.txt",
            "The council will vote on the new budget next week.\n",
        ),
        dir.write(
            "b.txt",
            "The council will debate the revised budget next month.\n",
        ),
    ]);
    let threshold = |t: f64| factdiff::ui::CompareOptions {
        changed_threshold: t,
        ..Default::default()
    };
    app.apply(Command::SetOptions(threshold(0.2)));
    assert_eq!(app.comparison().expect("c").summary.sentences_changed, 1);
    app.apply(Command::SetOptions(threshold(0.9)));
    let summary = app.comparison().expect("c").summary;
    assert_eq!(summary.sentences_changed, 0, "{summary:?}");
    assert!(summary.has_differences(), "{summary:?}");
}

#[test]
fn a_bad_file_shows_its_name_and_reason_and_the_others_stay() {
    let dir = TempDir::new("bad");
    let v1 = dir.write("v1.txt", V1);
    let bad = dir.0.join("photo.txt");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 255, 0]).expect("write");
    let v2 = dir.write("v2.txt", V2);
    let mut app = App::new(None);
    assert_eq!(app.open_paths([&v1, &bad, &v2]), 2);
    let mut harness = harness(app);
    harness.run();
    assert_eq!(harness.state().errors().len(), 1);
    let error = harness.get_by_label_contains("photo.txt");
    let message = error.value().unwrap_or_default();
    assert!(message.contains("photo.txt"), "{message}");
    assert_eq!(names(harness.state()), ["v1.txt", "v2.txt"]);
    assert_eq!(harness.state().pair(), Some((0, 1)));
    assert!(harness.state().comparison().is_some());
}

#[test]
fn a_file_changed_on_disk_is_reloaded_and_a_removed_one_kept() {
    let dir = TempDir::new("watch");
    let v1 = dir.write("v1.txt", V1);
    let v2 = dir.write("v2.txt", V2);
    let mut app = App::new(None);
    app.open_paths([&v1, &v2]);
    let runs = app.comparison_runs();
    let before = app.comparison().expect("c").summary;
    app.check_files();
    assert!(app.notes().is_empty(), "nothing changed yet");
    assert_eq!(app.comparison_runs(), runs);

    // v2 becomes v3 on disk.
    std::fs::write(&v2, V3).expect("rewrite");
    app.check_files();
    assert_eq!(app.notes(), ["v2.txt changed on disk \u{2014} reloaded"]);
    assert!(app.versions()[1].text.contains("Insurers"));
    assert!(app.comparison_runs() > runs);
    let after = app.comparison().expect("c").summary;
    assert_ne!(after, before);
    assert!(after.sentences_moved > 0, "{after:?}");

    // v2 disappears: its last text stays, and a note says so.
    std::fs::remove_file(&v2).expect("remove");
    app.check_files();
    assert_eq!(app.versions().len(), 2);
    assert!(app.versions()[1].text.contains("Insurers"));
    assert!(
        app.notes()[1].contains("no longer on disk"),
        "{:?}",
        app.notes()
    );
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("v2.txt changed on disk \u{2014} reloaded");
    harness.get_by_label_contains("No longer on disk");
    harness
        .get_all_by_label("Dismiss")
        .next()
        .expect("a note")
        .click();
    harness.run();
    assert_eq!(harness.state().notes().len(), 1);
}

#[test]
fn recent_files_are_kept_newest_first_and_reopen() {
    let dir = TempDir::new("recent");
    let v1 = dir.write("v1.txt", V1);
    let v2 = dir.write("v2.txt", V2);
    let mut app = App::new(None);
    app.open_paths([&v1, &v2]);
    let recent = &app.settings().recent_files;
    assert_eq!(recent.len(), 2);
    assert!(
        recent[0].ends_with("v2.txt") && recent[0].is_absolute(),
        "{recent:?}"
    );
    app.apply(Command::RemoveVersion(0));
    assert_eq!(app.versions().len(), 1);
    let first = app.settings().recent_files[1].clone();
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open recent").hover();
    harness.run();
    harness.get_by_label_contains("v1.txt").click();
    harness.run();
    assert_eq!(harness.state().versions().len(), 2);
    assert_eq!(harness.state().settings().recent_files[0], first);
    assert!(harness.state().pair().is_some());
}

/// eframe's storage, in memory.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

#[test]
fn settings_persist_between_runs() {
    use eframe::App as _;
    use factdiff::ui::{CompareOptions, Settings, ThemeChoice};

    let dir = TempDir::new("persist");
    let mut app = App::new(None);
    app.open_paths([dir.write("v1.txt", V1)]);
    app.apply(Command::SetOptions(CompareOptions {
        ignore_case: true,
        ignore_punctuation: true,
        changed_threshold: 0.6,
        ..Default::default()
    }));
    app.apply(Command::SetTheme(ThemeChoice::Dark));
    app.apply(Command::ZoomIn);
    app.apply(Command::ToggleChanges);
    let mut storage = MemoryStorage::default();
    app.save(&mut storage);

    let restored = Settings::load(&storage).expect("saved settings");
    assert_eq!(&restored, app.settings());
    assert!(restored.options.ignore_case && restored.options.ignore_punctuation);
    assert_eq!(restored.theme, ThemeChoice::Dark);
    assert!((restored.ui_scale - 1.1).abs() < 1e-6);
    assert!(!restored.changes_visible);
    assert_eq!(restored.recent_files.len(), 1);

    // Serde both ways, and a record from an older build (missing fields) still loads.
    let json = serde_json::to_string(&restored).expect("serialize");
    let back: Settings = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back, restored);
    let old: Settings = serde_json::from_str(r#"{"ui_scale":1.5,"unknown":3}"#).expect("old");
    assert_eq!(old.ui_scale, 1.5);
    assert_eq!(old.options, CompareOptions::default());

    // A new app starts with them: the theme and the scale reach egui.
    let mut harness = harness(App::new(None).with_settings(restored));
    harness.run();
    assert_eq!(
        harness.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
    assert!((harness.ctx.zoom_factor() - 1.1).abs() < 1e-6);
    assert!(!harness.state().changes_visible());
}

#[test]
fn zoom_and_theme_shortcuts_and_the_help_list() {
    let mut harness = harness(App::new(None));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert!((harness.state().settings().ui_scale - 1.2).abs() < 1e-6);
    assert!((harness.ctx.zoom_factor() - 1.2).abs() < 1e-6);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    assert!((harness.state().settings().ui_scale - 1.1).abs() < 1e-6);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert_eq!(harness.state().settings().ui_scale, 1.0);

    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Theme").hover();
    harness.run();
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(
        harness.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );

    // F1: every shortcut, from the list the keyboard handler reads.
    harness.key_press(Key::F1);
    harness.run();
    for cmd in Command::with_shortcuts() {
        assert!(
            harness.get_all_by_label(cmd.label()).next().is_some(),
            "{cmd:?}"
        );
    }
    let paste = Command::PasteAsNewVersion.shortcut().expect("shortcut");
    harness.get_by_label(&harness.ctx.format_shortcut(&paste));
}

#[test]
fn the_threaded_worker_gives_the_same_results_as_the_inline_one() {
    let dir = TempDir::new("thread");
    let paths = [
        dir.write("v1.txt", V1),
        dir.write("v2.txt", V2),
        dir.write("v3.txt", V3),
    ];
    let mut inline = App::new(None);
    inline.open_paths(&paths);
    inline.apply(Command::SelectOld(0));

    let mut threaded = App::new_threaded(None);
    assert!(threaded.is_threaded() && !inline.is_threaded());
    // Nothing loads on the calling thread: the files arrive later.
    assert_eq!(threaded.open_paths(&paths), 0);
    threaded.wait_idle();
    assert!(!threaded.is_busy());
    assert_eq!(threaded.versions().len(), 3);
    assert_eq!(threaded.pair(), Some((1, 2)));
    // Several requests in a row: only the newest one's result is shown.
    threaded.apply(Command::SelectOld(0));
    threaded.apply(Command::SetOptions(factdiff::ui::CompareOptions {
        ignore_case: true,
        ..Default::default()
    }));
    threaded.apply(Command::SetOptions(Default::default()));
    threaded.wait_idle();
    assert_eq!(threaded.pair(), inline.pair());
    assert_eq!(threaded.comparison(), inline.comparison());
    assert_eq!(threaded.extractions(), inline.extractions());
    assert_eq!(threaded.changed_share(2), inline.changed_share(2));

    // Drawn in a harness, once idle: rows and no progress indicator.
    let mut harness = harness(threaded);
    harness.run();
    harness.state_mut().wait_idle();
    harness.run();
    assert!(harness.query_by_label("Comparing…").is_none());
    harness.get_by_label("A powerful storm hit the coast on Sunday, killing 8 people.");
}

#[test]
fn fallback_fonts_cover_the_scripts_the_machine_has_fonts_for() {
    let mut harness = Harness::builder().build_ui(|ui| {
        ui.label("probe");
    });
    harness.run();
    let files = factdiff::ui::fonts::fallback_font_files();
    let added = factdiff::ui::install_fallback_fonts(&harness.ctx);
    assert_eq!(added, files);
    harness.run();
    let font = egui::FontId::proportional(14.0);
    let has = |s: &str| harness.ctx.fonts_mut(|f| f.has_glyphs(&font, s));
    // French and German typography, and Russian, with egui's own fonts.
    assert!(has("é è ç « » ’ ß Ä ö"));
    let name = |p: &PathBuf| p.to_string_lossy().to_lowercase();
    if files.iter().any(|p| name(p).contains("dejavu")) {
        assert!(has("Привет мир"));
        assert!(has("مرحبا"));
    }
    if files
        .iter()
        .any(|p| name(p).contains("cjk") || name(p).contains("wqy"))
    {
        assert!(has("中文日本語ひらがな"));
    }
}

#[test]
fn a_renamed_version_keeps_its_name_in_the_column_headers() {
    let dir = TempDir::new("rename-header");
    let v1 = dir.write("v1.txt", V1);
    let v2 = dir.write("v2.txt", V2);
    let mut app = App::new(None);
    app.open_paths([&v1, &v2]);
    app.apply(Command::RenameVersion(0, "Morning edition".into()));
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("#1 Morning edition");
    harness.get_by_label("#2 v2.txt");
}

#[test]
fn view_choices_come_back_from_the_saved_settings() {
    let settings = factdiff::ui::Settings {
        inline_view: true,
        only_changes: true,
        timeline_visible: true,
        ..factdiff::ui::Settings::default()
    };
    let app = App::new(None).with_settings(settings);
    assert!(app.view().inline() && app.view().only_changes() && app.view().timeline_visible());
    let json = serde_json::to_string(app.settings()).expect("serialise");
    let back: factdiff::ui::Settings = serde_json::from_str(&json).expect("parse");
    assert!(back.inline_view && back.only_changes && back.timeline_visible);
    // Settings written before these fields existed still load, with the defaults.
    let old: factdiff::ui::Settings =
        serde_json::from_str(r#"{"format_version": 1}"#).expect("old");
    assert!(!old.inline_view && !old.timeline_visible);
}

/// Three versions, the second renamed, the pair v1 › v3 and options changed: saved to a
/// session and opened in a fresh app, everything comes back.
#[test]
fn a_saved_session_reopens_the_review_exactly() {
    let dir = TempDir::new("session");
    let files = [
        dir.write("v1.txt", V1),
        dir.write("v2.txt", V2),
        dir.write("v3.txt", V3),
    ];
    let mut app = App::new(None);
    assert_eq!(app.open_paths(&files), 3);
    app.apply(Command::RenameVersion(1, "Evening edition".into()));
    app.apply(Command::SelectOld(0));
    assert_eq!(app.pair(), Some((0, 2)));
    let options = factdiff::ui::CompareOptions {
        ignore_case: true,
        changed_threshold: 0.6,
        ..Default::default()
    };
    app.apply(Command::SetOptions(options));
    let session = dir.0.join("review.factdiff");
    app.apply(Command::SaveSessionTo(session.clone()));
    assert!(app.errors().is_empty(), "{:?}", app.errors());
    assert!(
        std::fs::read_to_string(&session)
            .expect("session written")
            .contains("\"path\": \"v2.txt\"")
    );

    let mut fresh = App::new(None);
    fresh.apply(Command::OpenSession(session));
    assert!(fresh.errors().is_empty(), "{:?}", fresh.errors());
    let names: Vec<String> = (0..fresh.versions().len())
        .map(|i| fresh.display_name(i))
        .collect();
    assert_eq!(names, ["v1.txt", "Evening edition", "v3.txt"]);
    for (i, file) in files.iter().enumerate() {
        let opened = fresh.version_path(i).expect("read from a file");
        assert_eq!(
            std::fs::canonicalize(opened).expect("exists"),
            std::fs::canonicalize(file).expect("exists")
        );
    }
    assert_eq!(fresh.pair(), Some((0, 2)));
    assert_eq!(fresh.settings().options, options);
    assert!(fresh.comparison().is_some());
    let mut harness = harness(fresh);
    harness.run();
    harness.get_by_label("Evening edition");
    assert_eq!(harness.state().window_title(), "factdiff — v1.txt ↔ v3.txt");
}

#[test]
fn damaged_sessions_and_missing_files_show_banners() {
    let dir = TempDir::new("session-bad");
    let damaged = dir.write(
        "damaged.factdiff",
        "{\n  \"format\": \"factdiff-session\",\n  oops\n}",
    );
    let mut app = App::new(None);
    app.apply(Command::OpenSession(damaged));
    let mut damaged_view = harness(app);
    damaged_view.run();
    let banner = damaged_view.get_by_label_contains("damaged.factdiff");
    let message = banner.value().unwrap_or_default();
    assert!(message.contains("the session file is damaged"), "{message}");
    assert!(message.contains("line 3"), "{message}");

    // A session whose third file is gone opens the other two and names the missing one.
    let files = [
        dir.write("v1.txt", V1),
        dir.write("v2.txt", V2),
        dir.write("v3.txt", V3),
    ];
    let mut app = App::new(None);
    app.open_paths(&files);
    let session = dir.0.join("review.factdiff");
    app.apply(Command::SaveSessionTo(session.clone()));
    std::fs::remove_file(&files[2]).expect("remove v3");
    std::fs::write(&files[0], V2).expect("edit v1");
    let mut app = App::new(None);
    app.apply(Command::OpenSession(session));
    assert_eq!(app.versions().len(), 2);
    assert_eq!(app.errors().len(), 2, "{:?}", app.errors());
    let mut harness = harness(app);
    harness.run();
    let missing = harness
        .get_by_label_contains("v3.txt")
        .value()
        .unwrap_or_default();
    assert!(missing.contains("not found"), "{missing}");
    let changed = harness.get_by_label_contains("changed since the session was saved");
    assert!(changed.value().unwrap_or_default().ends_with("v1.txt"));
}

#[test]
fn saving_over_a_file_asks_first() {
    let dir = TempDir::new("session-replace");
    let files = [dir.write("v1.txt", V1), dir.write("v2.txt", V2)];
    let target = dir.write("review.factdiff", "old contents");
    let mut app = App::new(None);
    app.open_paths(&files);
    let mut harness = harness(app);
    harness.run();

    harness
        .state_mut()
        .apply(Command::SaveSessionTo(target.clone()));
    harness.run();
    harness.get_by_label("Replace review.factdiff?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().confirm_pending().is_none());
    assert!(harness.query_by_label("Replace review.factdiff?").is_none());
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "old contents"
    );

    harness
        .state_mut()
        .apply(Command::SaveSessionTo(target.clone()));
    harness.run();
    harness.get_by_label("Replace").click();
    harness.run();
    assert!(harness.state().confirm_pending().is_none());
    let written = std::fs::read_to_string(&target).expect("read");
    assert!(
        written.contains("\"format\": \"factdiff-session\""),
        "{written}"
    );
}

/// File → Export report: the format follows the name, the report holds every version and
/// the article's text as text, replacing a file asks first, and a name the app cannot write
/// says so.
#[test]
fn exporting_a_report_writes_the_chosen_format_and_asks_before_replacing() {
    let dir = TempDir::new("export");
    let scripted = V3.replace("households", "households <script>alert(1)</script>");
    let files = [
        dir.write("v1.txt", V1),
        dir.write("v2.txt", V2),
        dir.write("v3.txt", &scripted),
    ];
    let mut app = App::new(None);
    assert!(!app.can_export());
    app.open_paths(&files);
    assert!(app.can_export());
    app.apply(Command::RenameVersion(1, "Evening edition".into()));

    let html = dir.0.join("review.html");
    app.apply(Command::ExportReportTo(html.clone()));
    assert!(app.errors().is_empty(), "{:?}", app.errors());
    let page = std::fs::read_to_string(&html).expect("report written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    for name in ["v1.txt", "v2.txt", "v3.txt"] {
        assert!(page.contains(name), "{name} in the header");
    }
    assert!(page.contains(" UTC"), "generation time in the header");
    assert!(
        page.contains("<strong>Evening edition</strong>"),
        "the name given"
    );
    assert!(!page.contains("<script"), "the article's markup stays text");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        app.notes()
            .iter()
            .any(|n| n.starts_with("Report written: ") && n.ends_with("review.html")),
        "{:?}",
        app.notes()
    );

    let markdown = dir.0.join("review.MD");
    app.apply(Command::ExportReportTo(markdown.clone()));
    let md = std::fs::read_to_string(&markdown).expect("Markdown written");
    assert!(md.starts_with("# Storm hits the coast"), "{md}");
    let json = dir.0.join("review.json");
    app.apply(Command::ExportReportTo(json.clone()));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("JSON written"))
            .expect("valid JSON");
    assert_eq!(report["schema"], "factdiff/1");
    assert_eq!(report["comparisons"].as_array().map(Vec::len), Some(2));

    let text = dir.0.join("review.txt");
    app.apply(Command::ExportReportTo(text.clone()));
    assert!(!text.exists());
    let error = app.errors().last().cloned().unwrap_or_default();
    assert!(
        error.contains(".html, .md or .json") && error.ends_with("review.txt"),
        "{error}"
    );

    // Exporting over the HTML report asks; Cancel keeps the old file.
    std::fs::write(&html, "old report").expect("write");
    let mut harness = harness(app);
    harness.run();
    harness
        .state_mut()
        .apply(Command::ExportReportTo(html.clone()));
    harness.run();
    harness.get_by_label("Replace review.html?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(std::fs::read_to_string(&html).expect("read"), "old report");
    harness
        .state_mut()
        .apply(Command::ExportReportTo(html.clone()));
    harness.run();
    harness.get_by_label("Replace").click();
    harness.run();
    assert!(
        std::fs::read_to_string(&html)
            .expect("read")
            .starts_with("<!DOCTYPE html>")
    );

    // The File menu offers it.
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Export report");
}

/// Adding a version scans that version only; an option change or a rename scans nothing;
/// a version whose file changed on disk is scanned again.
#[test]
fn adding_a_version_scans_only_the_new_one() {
    let dir = TempDir::new("scan-cache");
    let mut app = App::new(None);
    app.open_paths([dir.write("v1.txt", V1), dir.write("v2.txt", V2)]);
    assert_eq!(app.versions_scanned(), 2);
    let first = app.extractions().to_vec();
    app.open_paths([dir.write("v3.txt", V3)]);
    assert_eq!(app.versions_scanned(), 3, "only v3 was scanned");
    assert_eq!(app.extractions().len(), 3);
    // Entity ids are shared across versions all the same.
    assert_eq!(app.extractions()[0].entities, first[0].entities);
    app.apply(Command::SetOptions(factdiff::ui::CompareOptions {
        ignore_case: true,
        ..Default::default()
    }));
    app.apply(Command::RenameVersion(0, "Morning".into()));
    app.apply(Command::RemoveVersion(1));
    assert_eq!(app.versions().len(), 2);
    assert_eq!(app.versions_scanned(), 3, "nothing new to scan");
    // v3 edited on disk: reloaded, and scanned again.
    std::fs::write(
        dir.0.join("v3.txt"),
        format!("{V3}\nA late paragraph about 40 people.\n"),
    )
    .expect("edit v3");
    app.check_files();
    app.wait_idle();
    assert_eq!(app.versions_scanned(), 4, "the edited version again");
}
