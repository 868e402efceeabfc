//! The HTML report in a real browser: the French sample (four versions) rendered by Debian's
//! headless Chromium, and the screenshot checked: the right size, not blank, and showing the
//! inserted-word green and deleted-word red of the report's CSS. Without Chromium the test is
//! skipped with a note, unless `FACTDIFF_REQUIRE_BROWSER=1` (as in `.ci/run`) makes it fail.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use factdiff::core::align::AlignOptions;
use factdiff::core::pipeline::{build_report, load_version, version_from_text};
use factdiff::core::report::RenderOptions;
use factdiff::core::report_html;

const CHROMIUM: &str = "/usr/bin/chromium";
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 2000;
/// `--ins-bg` and `--del-bg` in the report's CSS (the app's light palette).
const INSERT_BG: [u8; 3] = [184, 238, 190];
const DELETE_BG: [u8; 3] = [255, 198, 198];

/// A scratch folder removed at the end of the test.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("factdiff-browser-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// RGB pixels of a PNG, with its size.
fn decode_png(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let file = std::fs::File::open(path).expect("screenshot written");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("PNG size")];
    let info = reader.next_frame(&mut buf).expect("PNG frame");
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| match channels {
            1 | 2 => [p[0], p[0], p[0]],
            _ => [p[0], p[1], p[2]],
        })
        .collect();
    (info.width, info.height, pixels)
}

fn near(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 4)
}

/// Whether Chromium is there to run; without it the test is skipped, unless required.
fn browser_available() -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    let required = std::env::var("FACTDIFF_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "FACTDIFF_REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)"
    );
    eprintln!("note: {CHROMIUM} not found; skipping the browser check of the HTML report");
    false
}

/// Headless Chromium on `page` with `args` (a screenshot or a DOM dump), in a fresh profile
/// and without the background connections this machine's closed network refuses.
fn chromium(scratch: &Scratch, page: &Path, args: &[String]) -> std::process::Output {
    Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.0.join("profile").display()
        ))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

/// An article whose text holds markup, as a fact-checker quoting a hacked page would paste
/// it: in the browser's parsed page it is text, and no element of it exists.
#[test]
fn an_article_s_markup_stays_text_in_the_browser() {
    if !browser_available() {
        return;
    }
    let scratch = Scratch::new("markup");
    let old = version_from_text(
        "old.txt",
        "Le site piraté\n\nLe site affichait un message le 3 mars.\n",
        None,
    );
    let new = version_from_text(
        "new.txt",
        "Le site piraté\n\nLe site affichait <script>document.title='pwned'</script> \
         et <img src=x onerror=alert(1)> le 4 mars.\n",
        None,
    );
    let report = build_report(&[old, new], &AlignOptions::default());
    let page = scratch.0.join("report.html");
    std::fs::write(
        &page,
        report_html::render(&report, &RenderOptions::default()),
    )
    .expect("write report");
    let output = chromium(&scratch, &page, &["--dump-dom".to_string()]);
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(
        dom.contains("<h1>Le site piraté</h1>"),
        "the page was parsed: {dom}"
    );
    for element in ["<script", "<img"] {
        assert!(!dom.contains(element), "{element} became markup: {dom}");
    }
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!dom.contains("pwned</title>"), "the article's script ran");
}

#[test]
fn html_report_renders_in_headless_chromium() {
    if !browser_available() {
        return;
    }
    let scratch = Scratch::new("fr");
    let versions: Vec<_> = (1..=4)
        .map(|k| {
            let path = format!("{}/samples/tiktok-fr/v{k}.txt", env!("CARGO_MANIFEST_DIR"));
            load_version(Path::new(&path), None).expect("sample loads")
        })
        .collect();
    let report = build_report(&versions, &AlignOptions::default());
    let html = report_html::render(&report, &RenderOptions::default());
    let html_path = scratch.0.join("report.html");
    std::fs::write(&html_path, html).expect("write report");
    let png_path = scratch.0.join("report.png");
    let output = chromium(
        &scratch,
        &html_path,
        &[
            format!("--window-size={WIDTH},{HEIGHT}"),
            format!("--screenshot={}", png_path.display()),
        ],
    );
    assert!(
        png_path.exists(),
        "no screenshot; chromium said: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    let (width, height, pixels) = decode_png(&png_path);
    assert_eq!((width, height), (WIDTH, HEIGHT));
    let distinct: HashSet<[u8; 3]> = pixels.iter().copied().collect();
    assert!(
        distinct.len() > 200,
        "the page looks blank: {} colours",
        distinct.len()
    );
    let count = |colour: [u8; 3]| pixels.iter().filter(|p| near(**p, colour)).count();
    // Whole words' worth of highlight, not a stray anti-aliased pixel.
    assert!(count(INSERT_BG) > 300, "no inserted-word green");
    assert!(count(DELETE_BG) > 300, "no deleted-word red");

    if let Ok(keep) = std::env::var("FACTDIFF_KEEP_SCREENSHOT") {
        std::fs::copy(&png_path, keep).expect("copy screenshot");
    }
}
