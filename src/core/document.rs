//! The in-memory model of one article version after loading and segmentation.
//!
//! A [`Version`] keeps the decoded text exactly as the user will see it (`text`) and the
//! segmentation on top of it: paragraphs, sentences and word tokens, each with a byte range into
//! `text`. Tokens also carry a normalised comparison key, so typography-only edits (’ vs ',
//! « » vs " ", non-breaking spaces) compare equal while the original spelling is still shown.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A document language. Segmentation rules (abbreviations, ordinals) and, later, extraction
/// depend on it. `Unknown` still segments with language-neutral rules.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Lang {
    #[serde(rename = "fr")]
    Fr,
    #[serde(rename = "en")]
    En,
    #[serde(rename = "de")]
    De,
    /// Not French, English or German (or too little text to tell). Serialised as BCP 47 `und`.
    #[default]
    #[serde(rename = "und")]
    Unknown,
}

impl Lang {
    /// The code used in reports and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::De => "de",
            Lang::Unknown => "und",
        }
    }

    /// Parses `fr`, `en`, `de` (any case); `None` for anything else.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            _ => None,
        }
    }
}

/// What a token is made of; punctuation is kept for the word diff but ignored by similarity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// One word, number or punctuation mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the token is in [`Version::text`].
    pub byte_range: Range<usize>,
    /// The comparison key: the normalised form (NFC, straight quotes and apostrophes, one kind of
    /// dash). Two tokens that differ only in typography have the same key.
    pub key: String,
    pub kind: TokenKind,
}

/// One sentence (or title line) of a version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the paragraph that holds it.
    pub paragraph: usize,
    /// Where the sentence is in [`Version::text`], trimmed of surrounding whitespace.
    pub byte_range: Range<usize>,
    pub tokens: Vec<Token>,
}

/// One loaded, segmented article version.
#[derive(Clone, Debug, Default)]
pub struct Version {
    /// The path or name as the user gave it.
    pub source: String,
    /// The first line of the text, or the Markdown title.
    pub title: String,
    /// From a `date 2020-08` metadata line or Markdown front matter.
    pub date: Option<String>,
    pub language: Lang,
    /// The decoded text with line ends normalised and Markdown syntax stripped.
    pub text: String,
    /// Byte ranges of the paragraphs in `text`.
    pub paragraphs: Vec<Range<usize>>,
    pub sentences: Vec<Sentence>,
    /// Problems that did not stop loading (a guessed encoding, undecodable bytes…).
    pub warnings: Vec<String>,
}

impl Version {
    /// The original text of sentence `idx` (empty if out of range).
    pub fn sentence_text(&self, idx: usize) -> &str {
        self.sentences
            .get(idx)
            .and_then(|s| self.text.get(s.byte_range.clone()))
            .unwrap_or("")
    }

    /// Number of word and number tokens (punctuation excluded).
    pub fn word_count(&self) -> usize {
        self.sentences
            .iter()
            .flat_map(|s| &s.tokens)
            .filter(|t| t.kind != TokenKind::Punct)
            .count()
    }
}
