//! The whole pipeline in a few calls: files → versions → report.
//!
//! ```no_run
//! use factdiff::core::pipeline::{load_version, build_report};
//! use factdiff::core::align::AlignOptions;
//! let old = load_version("samples/tiktok-fr/v1.txt".as_ref(), None).unwrap();
//! let new = load_version("samples/tiktok-fr/v2.txt".as_ref(), None).unwrap();
//! let report = build_report(&[old, new], &AlignOptions::default());
//! println!("{}", report.to_json());
//! ```

use std::path::Path;

use super::align::{self, AlignOptions};
use super::document::{Lang, Version};
use super::error::LoadError;
use super::lang;
use super::load::{self, Loaded};
use super::report::{Report, SCHEMA, Stats, VersionReport};
use super::segment;

/// Reads, decodes and segments one file. `lang` overrides language detection.
pub fn load_version(path: &Path, lang: Option<Lang>) -> Result<Version, LoadError> {
    let loaded = load::read_path(path)?;
    Ok(version_from_loaded(
        &path.display().to_string(),
        loaded,
        lang,
    ))
}

/// Builds a version from text already in memory (pasted text, tests). `source` names it.
pub fn version_from_text(source: &str, text: &str, lang: Option<Lang>) -> Version {
    version_from_loaded(
        source,
        load::parse_text(text, load::SourceFormat::PlainText),
        lang,
    )
}

/// Segments already-decoded text (used for files and for pasted text).
pub fn version_from_loaded(source: &str, loaded: Loaded, lang: Option<Lang>) -> Version {
    let language = lang.unwrap_or_else(|| lang::detect(&loaded.text));
    let (paragraphs, sentences) = segment::segment(&loaded.text, language);
    let title = loaded
        .title
        .clone()
        .unwrap_or_else(|| first_line_title(&loaded.text));
    Version {
        source: source.to_string(),
        title,
        date: loaded.date,
        language,
        text: loaded.text,
        paragraphs,
        sentences,
        warnings: loaded.warnings,
    }
}

/// The first non-empty line, cut at 200 characters on a char boundary.
fn first_line_title(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

/// Summary of one version for the report.
pub fn version_report(index: usize, version: &Version) -> VersionReport {
    VersionReport {
        index,
        source: version.source.clone(),
        title: version.title.clone(),
        date: version.date.clone(),
        language: version.language,
        stats: Stats {
            paragraphs: version.paragraphs.len(),
            sentences: version.sentences.len(),
            words: version.word_count(),
        },
        entities: Vec::new(),
        facts: Vec::new(),
        warnings: version.warnings.clone(),
    }
}

/// Compares versions consecutively (v0→v1, v1→v2, …).
pub fn build_report(versions: &[Version], opts: &AlignOptions) -> Report {
    Report {
        schema: SCHEMA.to_string(),
        versions: versions
            .iter()
            .enumerate()
            .map(|(i, v)| version_report(i, v))
            .collect(),
        comparisons: versions
            .windows(2)
            .enumerate()
            .map(|(i, pair)| align::compare(&pair[0], &pair[1], i, i + 1, opts))
            .collect(),
    }
}
