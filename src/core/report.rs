//! The one result type, [`Report`], that every view reads: the JSON export, the terminal
//! printer and the desktop app. Its serialised form is the versioned `factdiff/1` contract
//! documented in `docs/report-format.md`; change it only together with that document.

use serde::{Deserialize, Serialize};

use super::compare::FactChange;
use super::document::{Lang, SourceFormat};
use super::extract::entities::EntityKind;
use super::extract::{Entity, Fact, FactKind};

/// The schema tag written at the top of every JSON report.
pub const SCHEMA: &str = "factdiff/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub versions: Vec<VersionReport>,
    /// Consecutive pairs: v0→v1, v1→v2, …
    pub comparisons: Vec<Comparison>,
    /// Each entity and fact across all versions.
    pub timeline: Timeline,
}

/// When each entity appears and how each fact's value evolves across all versions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub entities: Vec<TimelineEntity>,
    pub facts: Vec<TimelineFact>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Indices of the versions that mention it.
    pub versions: Vec<usize>,
}

/// One fact followed through the versions: unchanged and changed values are the same fact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineFact {
    /// Stable within the report: kind, what it counts (or the speaker), and a number when
    /// several facts share those: "number:marchés", "date", "quote:mike-pompeo#2".
    pub key: String,
    pub kind: FactKind,
    /// The fact's text in each version; null where the version does not state it.
    pub values: Vec<Option<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionReport {
    pub index: usize,
    pub source: String,
    /// The name the user gave the version in the app or a session ("Evening edition"); absent
    /// when none. Added within factdiff/1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub title: String,
    pub date: Option<String>,
    /// What the file was read as: `text`, `markdown`, `html`, `docx`, `odt` or `pdf`. Added
    /// within factdiff/1 (a new field; readers of older reports see `text`).
    #[serde(default)]
    pub format: SourceFormat,
    /// SHA-256 of the file's bytes in lowercase hex, null for pasted text: proves which bytes
    /// were compared. Added within factdiff/1.
    #[serde(default)]
    pub checksum: Option<String>,
    pub language: Lang,
    pub stats: Stats,
    /// People, organisations, places and other names, in order of first mention.
    pub entities: Vec<Entity>,
    /// Numbers, money, percentages, dates, times, quantities and quotes, in text order.
    pub facts: Vec<Fact>,
    pub warnings: Vec<String>,
}

impl VersionReport {
    /// How reports name the version: the name given to it, else its file.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.source)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub paragraphs: usize,
    pub sentences: usize,
    pub words: usize,
}

/// What happened to one sentence between two versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Unchanged,
    Changed,
    Added,
    Removed,
    Moved,
}

/// One step of a word-level diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WordChange {
    Equal,
    Delete,
    Insert,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordOp {
    pub change: WordChange,
    /// Original text (with its trailing space), from the old version for `delete`, from the new
    /// one otherwise. Concatenating equal+delete gives `old`, equal+insert gives `new`.
    pub text: String,
}

/// One row of the sentence alignment, in reading order of the new version (removed sentences
/// appear where they stood in the old one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentenceRow {
    pub change: Change,
    /// First sentence index in the old version (null for `added`).
    pub from: Option<usize>,
    /// First sentence index in the new version (null for `removed`).
    pub to: Option<usize>,
    /// How many old sentences the row covers: 0, 1, or 2 when two sentences were merged.
    pub from_count: usize,
    /// How many new sentences the row covers: 0, 1, or 2 when one sentence was split.
    pub to_count: usize,
    /// Similarity of old and new text in [0, 1] (1 for identical after normalisation).
    pub similarity: f64,
    pub old: Option<String>,
    pub new: Option<String>,
    /// Word-level diff for `changed` and `moved` rows; empty otherwise.
    pub words: Vec<WordOp>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub sentences_unchanged: usize,
    pub sentences_changed: usize,
    pub sentences_added: usize,
    pub sentences_removed: usize,
    pub sentences_moved: usize,
}

impl Summary {
    /// True when the two versions differ in anything but typography.
    pub fn has_differences(&self) -> bool {
        self.sentences_changed
            + self.sentences_added
            + self.sentences_removed
            + self.sentences_moved
            > 0
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityChanges {
    /// Entities of the new version that the old one does not mention (under any alias).
    pub added: Vec<Entity>,
    /// Entities of the old version that the new one no longer mentions.
    pub dropped: Vec<Entity>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactChanges {
    pub added: Vec<Fact>,
    pub dropped: Vec<Fact>,
    /// Old and new value of the same fact.
    pub changed: Vec<FactChange>,
}

impl FactChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.dropped.is_empty() && self.changed.is_empty()
    }
}

impl EntityChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.dropped.is_empty()
    }
}

/// The comparison of version `from` with version `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub from: usize,
    pub to: usize,
    pub summary: Summary,
    pub sentences: Vec<SentenceRow>,
    pub entities: EntityChanges,
    pub facts: FactChanges,
}

/// One row of a side-by-side view of a [`Comparison`]: the app and the HTML and Markdown
/// reports show a moved sentence twice, where it is now and (dimmed, "moved to #N") where it
/// stood, so a reader of either side sees every sentence in its own order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisplayRow {
    /// `Comparison::sentences[idx]`.
    Row(usize),
    /// Where the moved sentence `Comparison::sentences[idx]` stood in the old version.
    Ghost(usize),
}

/// The screen order: the comparison's rows, with a ghost for every moved row inserted before the
/// first row that comes after the moved sentence's old position.
pub fn display_rows(comparison: &Comparison) -> Vec<DisplayRow> {
    let rows = &comparison.sentences;
    // (insert before this row index, old sentence index, moved row index)
    let mut ghosts: Vec<(usize, usize, usize)> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.change == Change::Moved)
        .filter_map(|(moved_idx, row)| {
            let from = row.from?;
            let before = rows
                .iter()
                .position(|r| r.change != Change::Moved && r.from.is_some_and(|f| f > from))
                .unwrap_or(rows.len());
            Some((before, from, moved_idx))
        })
        .collect();
    ghosts.sort_unstable();
    let mut out = Vec::with_capacity(rows.len() + ghosts.len());
    let mut ghosts = ghosts.into_iter().peekable();
    for idx in 0..=rows.len() {
        while let Some(&(before, _, moved_idx)) = ghosts.peek() {
            if before != idx {
                break;
            }
            out.push(DisplayRow::Ghost(moved_idx));
            ghosts.next();
        }
        if idx < rows.len() {
            out.push(DisplayRow::Row(idx));
        }
    }
    out
}

/// "v2" for version index 1: how every report names a version.
pub fn version_label(idx: usize) -> String {
    format!("v{}", idx + 1)
}

/// The report of the first `count` versions of a bundled sample story (renderer tests).
#[cfg(test)]
pub(crate) fn sample_report(story: &str, count: usize) -> Report {
    use crate::core::align::AlignOptions;
    use crate::core::pipeline::{build_report, load_version};
    let versions: Vec<_> = (1..=count)
        .map(|k| {
            let path = format!("{}/samples/{story}/v{k}.txt", env!("CARGO_MANIFEST_DIR"));
            load_version(std::path::Path::new(&path), None).expect("sample loads")
        })
        .collect();
    build_report(&versions, &AlignOptions::default())
}

/// Options shared by the document renderers (`report_html`, `report_markdown`).
///
/// Reports are byte-identical for the same inputs; the only varying part is an optional
/// generation timestamp, given by the caller so the renderers never read the clock:
/// `RenderOptions { generated_at: Some("2024-05-01 10:00 UTC".into()) }`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Shown in the report's header when set, as given.
    pub generated_at: Option<String>,
}

/// The formats a report is shared in: what `factdiff compare --format` and the app's
/// File → Export report write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareFormat {
    /// One self-contained page (`report_html`).
    Html,
    /// Readable as plain text and on code-hosting sites (`report_markdown`).
    Markdown,
    /// The `factdiff/1` contract (docs/report-format.md).
    Json,
}

impl ShareFormat {
    pub const ALL: [ShareFormat; 3] = [ShareFormat::Html, ShareFormat::Markdown, ShareFormat::Json];

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ShareFormat::Html => "html",
            ShareFormat::Markdown => "md",
            ShareFormat::Json => "json",
        }
    }

    /// The name a file dialog shows for it.
    pub fn label(self) -> &'static str {
        match self {
            ShareFormat::Html => "HTML page",
            ShareFormat::Markdown => "Markdown",
            ShareFormat::Json => "JSON (factdiff/1)",
        }
    }

    /// The format a file name asks for by its extension (any case), if any.
    pub fn from_path(path: &std::path::Path) -> Option<ShareFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(ShareFormat::Html),
            "md" | "markdown" => Some(ShareFormat::Markdown),
            "json" => Some(ShareFormat::Json),
            _ => None,
        }
    }

    /// The report in this format, written to `out`; JSON is streamed as it is produced (a
    /// large pair's JSON runs to hundreds of megabytes).
    pub fn write(
        self,
        report: &Report,
        opts: &RenderOptions,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match self {
            ShareFormat::Json => report.write_json(out),
            _ => out.write_all(self.render(report, opts).as_bytes()),
        }
    }

    /// The report in this format.
    pub fn render(self, report: &Report, opts: &RenderOptions) -> String {
        match self {
            ShareFormat::Html => super::report_html::render(report, opts),
            ShareFormat::Markdown => super::report_markdown::render(report, opts),
            ShareFormat::Json => report.to_json(),
        }
    }
}

/// `2024-05-01 10:00 UTC` for a time (no time zone database needed): the generation stamp of
/// a report. `None` before 1970.
pub fn utc_minute(time: std::time::SystemTime) -> Option<String> {
    let secs = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let (year, month, day) = civil_date(secs / 86_400)?;
    let minutes = (secs % 86_400) / 60;
    Some(format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        minutes / 60,
        minutes % 60
    ))
}

/// `2024-05-01` for a time, in UTC. `None` before 1970.
pub fn utc_date(time: std::time::SystemTime) -> Option<String> {
    let secs = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let (year, month, day) = civil_date(secs / 86_400)?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Year, month, day of a count of days since 1970-01-01 (Howard Hinnant's days-to-civil).
fn civil_date(days: u64) -> Option<(i64, i64, i64)> {
    let z = i64::try_from(days).ok()? + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some((year, month, day))
}

impl Report {
    /// Gives the versions the names chosen in the app or a session (in version order; `None`
    /// or a blank name keeps the file name).
    pub fn set_names(&mut self, names: &[Option<String>]) {
        for (version, name) in self.versions.iter_mut().zip(names) {
            version.name = name.as_ref().filter(|n| !n.trim().is_empty()).cloned();
        }
    }

    /// The headline a shared report shows: the newest version's title.
    pub fn headline(&self) -> &str {
        self.versions.last().map_or("", |v| v.title.as_str())
    }

    /// The line under a shared report's headline, as plain text:
    /// "factdiff report · 3 versions compared · differences found · generated …".
    pub fn lead_line(&self, options: &RenderOptions) -> String {
        let differs = if self.has_differences() {
            "differences found"
        } else {
            "no differences"
        };
        let generated = options
            .generated_at
            .as_deref()
            .map(|t| format!(" · generated {t}"))
            .unwrap_or_default();
        format!(
            "factdiff report · {} versions compared · {differs}{generated}",
            self.versions.len()
        )
    }

    /// True when any compared pair differs.
    pub fn has_differences(&self) -> bool {
        self.comparisons.iter().any(|c| c.summary.has_differences())
    }

    /// [`Report::to_json`] written to `out` as it is produced (the same bytes).
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self).map_err(|e| match e.io_error_kind() {
            // Keep the kind, so a closed pipe (`| head`) still reads as one.
            Some(kind) => std::io::Error::new(kind, e),
            None => std::io::Error::other(e),
        })?;
        out.write_all(b"\n")
    }

    /// Pretty, deterministic JSON (same input, byte-identical output), ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|e| {
            // Serialising plain data cannot fail; keep the contract shape if it ever does.
            format!("{{\"schema\": \"{SCHEMA}\", \"error\": \"{e}\"}}")
        });
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn generation_stamps_are_utc_calendar_minutes() {
        let at = |secs: u64| utc_minute(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0).as_deref(), Some("1970-01-01 00:00 UTC"));
        // 2020-08-02 14:05:59 UTC, the day of the TikTok story; a leap day.
        assert_eq!(at(1_596_377_159).as_deref(), Some("2020-08-02 14:05 UTC"));
        assert_eq!(at(1_709_164_800).as_deref(), Some("2024-02-29 00:00 UTC"));
        assert_eq!(
            utc_date(UNIX_EPOCH + Duration::from_secs(1_709_164_799)).as_deref(),
            Some("2024-02-28")
        );
        assert_eq!(utc_minute(UNIX_EPOCH - Duration::from_secs(1)), None);
    }

    #[test]
    fn names_given_to_versions_show_and_stay_out_of_json_when_unset() {
        use crate::core::align::AlignOptions;
        use crate::core::pipeline::{build_report, version_from_text};
        let versions = [
            version_from_text("a.txt", "Titre\n\nIl y a 150 marchés.", None),
            version_from_text("b.txt", "Titre\n\nIl y a 175 marchés.", None),
        ];
        let mut report = build_report(&versions, &AlignOptions::default());
        assert!(!report.to_json().contains("\"name\""));
        report.set_names(&[None, Some("Édition du soir".into())]);
        assert_eq!(report.versions[0].display_name(), "a.txt");
        assert_eq!(report.versions[1].display_name(), "Édition du soir");
        assert!(report.to_json().contains("\"name\": \"Édition du soir\""));
        report.set_names(&[Some("  ".into())]);
        assert_eq!(
            report.versions[0].name, None,
            "a blank name keeps the file name"
        );
    }

    #[test]
    fn a_file_name_picks_the_share_format() {
        let of = |name: &str| ShareFormat::from_path(Path::new(name));
        assert_eq!(of("report.HTML"), Some(ShareFormat::Html));
        assert_eq!(of("dir.v2/report.htm"), Some(ShareFormat::Html));
        assert_eq!(of("report.md"), Some(ShareFormat::Markdown));
        assert_eq!(of("report.json"), Some(ShareFormat::Json));
        assert_eq!(of("report.txt"), None);
        assert_eq!(of("report"), None);
        for format in ShareFormat::ALL {
            let name = format!("r.{}", format.extension());
            assert_eq!(of(&name), Some(format));
        }
    }
}
