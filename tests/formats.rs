//! Every input format against a plain-text copy of the same article: a saved news page with
//! heavy boilerplate, Word, OpenDocument, two-page PDFs, Latin-1, Windows-1252 and UTF-16
//! files (`tests/fixtures/formats/`, described in its README). Comparing a fixture with its
//! reference must show no change at all: no changed, added, removed or moved sentence and no
//! entity or fact added, dropped or changed; the boilerplate must be gone and the metadata
//! found.

use std::io::Write;
use std::path::{Path, PathBuf};

use factdiff::core::align::AlignOptions;
use factdiff::core::document::SourceFormat;
use factdiff::core::error::LoadErrorReason;
use factdiff::core::load::decode_bytes;
use factdiff::core::pipeline::{build_report, load_version};
use factdiff::core::report::Change;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Expectation {
    fixture: String,
    reference: String,
    format: String,
    title: Option<String>,
    date: Option<String>,
    #[serde(default)]
    must_not_contain: Vec<String>,
    #[serde(default)]
    must_contain: Vec<String>,
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

fn expectations() -> Vec<Expectation> {
    let path = fixtures_dir().join("expectations.json");
    let json = std::fs::read_to_string(&path).expect("expectations.json is committed");
    serde_json::from_str(&json).expect("expectations.json parses")
}

fn format_name(format: SourceFormat) -> String {
    serde_json::to_value(format)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Collapses whitespace so that a phrase check does not depend on line breaks.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_fixture_matches_its_plain_text_reference() {
    let expectations = expectations();
    assert!(
        expectations.len() >= 10,
        "a fixture per format and encoding"
    );
    let mut failures = Vec::new();
    for e in &expectations {
        let fixture = match load_version(&fixtures_dir().join(&e.fixture), None) {
            Ok(v) => v,
            Err(err) => {
                failures.push(format!("{}: {err}", e.fixture));
                continue;
            }
        };
        let reference =
            load_version(&fixtures_dir().join(&e.reference), None).expect("reference loads");
        let name = &e.fixture;
        if format_name(fixture.format) != e.format {
            failures.push(format!(
                "{name}: read as {:?}, expected {}",
                fixture.format, e.format
            ));
        }
        if let Some(title) = &e.title
            && &fixture.title != title
        {
            failures.push(format!(
                "{name}: title {:?}, expected {title:?}",
                fixture.title
            ));
        }
        if fixture.date != e.date && e.date.is_some() {
            failures.push(format!(
                "{name}: date {:?}, expected {:?}",
                fixture.date, e.date
            ));
        }
        let text = squeeze(&fixture.text);
        for banned in &e.must_not_contain {
            if text.contains(&squeeze(banned)) {
                failures.push(format!("{name}: boilerplate kept: {banned:?}"));
            }
        }
        for wanted in &e.must_contain {
            if !text.contains(&squeeze(wanted)) {
                failures.push(format!("{name}: article text missing: {wanted:?}"));
            }
        }

        let report = build_report(&[reference, fixture], &AlignOptions::default());
        let c = &report.comparisons[0];
        for row in c.sentences.iter().filter(|r| r.change != Change::Unchanged) {
            failures.push(format!(
                "{name}: {:?} sentence: {:?} → {:?}",
                row.change, row.old, row.new
            ));
        }
        for entity in c.entities.added.iter().chain(&c.entities.dropped) {
            failures.push(format!("{name}: entity added/dropped: {entity:?}"));
        }
        if !c.facts.added.is_empty() || !c.facts.dropped.is_empty() || !c.facts.changed.is_empty() {
            failures.push(format!(
                "{name}: facts changed: +{:?} -{:?} ~{:?}",
                c.facts.added, c.facts.dropped, c.facts.changed
            ));
        }
        // The version's own entities must not include anything from the boilerplate.
        let entities = &report.versions[1].entities;
        for banned in &e.must_not_contain {
            if let Some(entity) = entities.iter().find(|x| squeeze(banned).contains(&x.name))
                && entity.name.split_whitespace().count() > 1
            {
                failures.push(format!("{name}: boilerplate entity {:?}", entity.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every format the README promises has at least one fixture.
#[test]
fn fixtures_cover_every_format() {
    let formats: Vec<String> = expectations().into_iter().map(|e| e.format).collect();
    for wanted in ["html", "docx", "odt", "pdf", "text"] {
        assert!(formats.iter().any(|f| f == wanted), "no {wanted} fixture");
    }
}

fn reason(bytes: &[u8], name: &str) -> String {
    match decode_bytes(bytes, Path::new(name)) {
        Ok(loaded) => panic!("{name} loaded: {:?}", loaded.text.get(..200)),
        Err(e) => {
            assert_eq!(e.path, Path::new(name));
            e.reason.to_string()
        }
    }
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name)).expect("fixture exists")
}

#[test]
fn damaged_documents_say_what_is_wrong() {
    for name in ["de.docx", "en.odt", "fr.pdf"] {
        let bytes = fixture_bytes(name);
        let half = &bytes[..bytes.len() / 2];
        let message = reason(half, name);
        assert!(
            message.contains("damaged") || message.contains("truncated"),
            "{name} cut in half: {message}"
        );
    }
}

#[test]
fn a_zip_bomb_named_docx_is_refused() {
    // 300 MiB of spaces inside word/document.xml compress to about 300 KiB.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
        .unwrap();
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..300 {
        zip.write_all(&spaces).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 * 1024 * 1024, "the bomb is small");
    let message = reason(&bytes, "bomb.docx");
    assert!(message.contains("256 MiB"), "{message}");
}

#[test]
fn other_zip_files_and_old_office_files_are_named() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("photo.jpg", options).unwrap();
    zip.write_all(b"not really a photo").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let message = reason(&bytes, "photos.zip");
    assert!(message.contains("ZIP archive"), "{message}");
    // Named .docx, the Word reader says what is missing.
    let message = reason(&bytes, "article.docx");
    assert!(message.contains("not a Word document"), "{message}");

    let doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0\0\0\0\0";
    assert!(reason(doc, "article.doc").contains(".docx"));
}

#[test]
fn a_pdf_without_text_says_it_needs_ocr() {
    // An image-only page made by LibreOffice, as a scanner would give (tests/fixtures/pdf).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/image-only.pdf");
    let bytes = std::fs::read(path).expect("fixture exists");
    let message = reason(&bytes, "scan.pdf");
    assert!(message.contains("no text layer"), "{message}");
    assert!(message.contains("OCR"), "{message}");
}

#[test]
fn content_decides_over_the_extension() {
    // A saved page renamed .txt is still a web page; a PDF renamed .txt is still a PDF.
    let page = fixture_bytes("fr-page.html");
    let loaded = decode_bytes(&page, Path::new("article.txt")).expect("loads");
    assert_eq!(loaded.format, SourceFormat::Html);
    assert!(loaded.warnings.iter().any(|w| w.contains("named .txt")));

    let pdf = fixture_bytes("fr.pdf");
    let loaded = decode_bytes(&pdf, Path::new("article.txt")).expect("loads");
    assert_eq!(loaded.format, SourceFormat::Pdf);

    // A web page named .docx (Word's "save as web page", renamed) or with no extension is
    // still a web page.
    let loaded = decode_bytes(&page, Path::new("article.docx")).expect("loads");
    assert_eq!(loaded.format, SourceFormat::Html);
    assert!(loaded.warnings.iter().any(|w| w.contains("named .docx")));
    let loaded = decode_bytes(&page, Path::new("article")).expect("loads");
    assert_eq!(loaded.format, SourceFormat::Html);
    assert!(loaded.warnings.iter().any(|w| w.contains("no extension")));

    // Text named .pdf is read as text, with a warning.
    let loaded = decode_bytes(
        "Le maire a annoncé 3 millions d’euros.".as_bytes(),
        Path::new("article.pdf"),
    )
    .expect("loads");
    assert_eq!(loaded.format, SourceFormat::PlainText);
    assert!(loaded.warnings.iter().any(|w| w.contains("named .pdf")));
}

#[test]
fn script_text_in_a_page_never_becomes_article_text() {
    let page = "<html><head><title>Essai</title><script>var maire = \"Jean Dupont a reçu 3 millions\";</script></head>\
        <body><article><h1>Le budget voté</h1><p>Le conseil municipal a voté le budget de 12 millions d’euros mardi soir, après trois heures de débat.</p></article></body></html>";
    let loaded = decode_bytes(page.as_bytes(), Path::new("page.html")).expect("loads");
    assert!(!loaded.text.contains("Dupont"), "{}", loaded.text);
    assert!(loaded.text.contains("12 millions d’euros"));
    let err = decode_bytes(
        b"<html><body><script>alert(1)</script></body></html>",
        Path::new("empty.html"),
    )
    .expect_err("nothing to read");
    assert!(matches!(
        err.reason,
        LoadErrorReason::Document(_) | LoadErrorReason::Empty
    ));
}
