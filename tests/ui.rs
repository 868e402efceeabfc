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
use egui_kittest::kittest::Queryable;
use factdiff::core::text_report::summary_line;
use factdiff::ui::App;

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
    assert_eq!(harness.state().pair(), Some((0, 1)));
    assert!(
        harness
            .query_by_label("Insurers expect claims to pass forty million dollars.")
            .is_none()
    );

    // Compare v2 → v3: click "Old" on v2 (it was New, so the pair swaps), then "New" on v3.
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
    let pappas = harness.get_by_label_contains("Vanessa Pappas").rect();
    assert!(pappas.right() <= new.left());
    assert_eq!(harness.state().window_title(), "factdiff — v3.txt ↔ v4.txt");
}
