//! The one result type, [`Report`], that every view reads: the JSON export, the terminal
//! printer and the desktop app. Its serialised form is the versioned `factdiff/1` contract
//! documented in `docs/report-format.md`; change it only together with that document.

use serde::{Deserialize, Serialize};

use super::document::Lang;

/// The schema tag written at the top of every JSON report.
pub const SCHEMA: &str = "factdiff/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub versions: Vec<VersionReport>,
    /// Consecutive pairs: v0→v1, v1→v2, …
    pub comparisons: Vec<Comparison>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionReport {
    pub index: usize,
    pub source: String,
    pub title: String,
    pub date: Option<String>,
    pub language: Lang,
    pub stats: Stats,
    /// Filled by entity extraction (issue 3); always present, possibly empty.
    pub entities: Vec<serde_json::Value>,
    /// Filled by fact extraction (issue 3); always present, possibly empty.
    pub facts: Vec<serde_json::Value>,
    pub warnings: Vec<String>,
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
    pub added: Vec<serde_json::Value>,
    pub dropped: Vec<serde_json::Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactChanges {
    pub added: Vec<serde_json::Value>,
    pub dropped: Vec<serde_json::Value>,
    pub changed: Vec<serde_json::Value>,
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

impl Report {
    /// True when any compared pair differs.
    pub fn has_differences(&self) -> bool {
        self.comparisons.iter().any(|c| c.summary.has_differences())
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
