//! Measures the app's frame time on two large versions, headless: opening, then scrolling.
//! `cargo run --release --example frame_time -- big-v1.txt big-v2.txt`
use std::time::Instant;

use egui_kittest::Harness;
use factdiff::ui::App;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let mut app = App::new(None);
    let t = Instant::now();
    app.open_paths(paths);
    println!("load + extract + compare: {:?}", t.elapsed());
    let mut harness = Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    let t = Instant::now();
    harness.run_steps(1);
    println!("first frame: {:?}", t.elapsed());
    harness.event(egui::Event::PointerMoved(egui::pos2(600.0, 400.0)));
    harness.run_steps(1);
    let t = Instant::now();
    harness.run_steps(1);
    println!("second frame: {:?}", t.elapsed());
    let mut times = Vec::new();
    for _ in 0..60 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -2000.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        let t = Instant::now();
        harness.run_steps(1);
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "scrolling frame: median {:?}, worst {:?}",
        times[times.len() / 2],
        times[times.len() - 1]
    );
    // Jump to the last change and back: the longest scroll.
    let t = Instant::now();
    harness.key_press(egui::Key::F7);
    println!("F7 jump frame: {:?}", t.elapsed());
}
