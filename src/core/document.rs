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

/// What a file was read as. Chosen from the content where it tells (`%PDF-`, a ZIP holding a
/// Word or OpenDocument text, the start of a web page), else from the file name, so that
/// `# Title` in a Markdown file or the menus of a saved web page do not show up as changed
/// words when one version is `.md` or `.html` and another `.txt`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Taken as it is, apart from line ends, control characters and the metadata line.
    #[default]
    #[serde(rename = "text")]
    PlainText,
    /// CommonMark with optional YAML front matter; stripped to plain paragraphs.
    Markdown,
    /// A web page: the article is taken out of the menus, banners and boxes around it.
    Html,
    /// A Word document (Office Open XML).
    Docx,
    /// An OpenDocument text (LibreOffice).
    Odt,
    /// A PDF with a text layer.
    Pdf,
}

impl SourceFormat {
    /// The format a file name suggests (any case): `.md`/`.markdown`/`.mdown`, `.html`/`.htm`/
    /// `.xhtml`/`.shtml`, `.docx`, `.odt`, `.pdf`; anything else is plain text until its content
    /// says otherwise.
    ///
    /// ```
    /// use factdiff::core::document::SourceFormat;
    /// assert_eq!(SourceFormat::from_path("a/v1.MD".as_ref()), SourceFormat::Markdown);
    /// assert_eq!(SourceFormat::from_path("a/page.htm".as_ref()), SourceFormat::Html);
    /// assert_eq!(SourceFormat::from_path("a/v1.txt".as_ref()), SourceFormat::PlainText);
    /// ```
    pub fn from_path(path: &std::path::Path) -> SourceFormat {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" | "mdown" => SourceFormat::Markdown,
            "html" | "htm" | "xhtml" | "shtml" => SourceFormat::Html,
            "docx" => SourceFormat::Docx,
            "odt" => SourceFormat::Odt,
            "pdf" => SourceFormat::Pdf,
            _ => SourceFormat::PlainText,
        }
    }

    /// A short name for the version list: `PDF`, `Word`, `HTML`...
    pub fn label(self) -> &'static str {
        match self {
            SourceFormat::PlainText => "text",
            SourceFormat::Markdown => "Markdown",
            SourceFormat::Html => "HTML",
            SourceFormat::Docx => "Word",
            SourceFormat::Odt => "OpenDocument",
            SourceFormat::Pdf => "PDF",
        }
    }

    /// What a file of this format is, for messages: "a PDF document".
    pub fn description(self) -> &'static str {
        match self {
            SourceFormat::PlainText => "plain text",
            SourceFormat::Markdown => "Markdown",
            SourceFormat::Html => "a web page",
            SourceFormat::Docx => "a Word document",
            SourceFormat::Odt => "an OpenDocument text",
            SourceFormat::Pdf => "a PDF document",
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
    /// The comparison key, as an index into the version's [`Keys`]: the normalised form (NFC,
    /// straight quotes and apostrophes, one kind of dash). Two tokens that differ only in
    /// typography have the same key.
    pub key: KeyId,
    pub kind: TokenKind,
}

/// Index of a token's key in its version's [`Keys`].
pub type KeyId = u32;

/// The distinct comparison keys of a version's tokens, each stored once: a book has two
/// million tokens but a few tens of thousands of distinct words, and a token that owned its
/// key would cost an allocation and twice the memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keys(Vec<Box<str>>);

impl Keys {
    /// The key `id` stands for ("" for an id out of range).
    pub fn get(&self, id: KeyId) -> &str {
        self.0.get(id as usize).map_or("", |k| k)
    }

    /// How many distinct keys there are; ids run from 0 to `len() - 1`.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys in id order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|k| &**k)
    }
}

/// Builds a [`Keys`] table, giving each distinct key the next id.
#[derive(Debug, Default)]
pub struct KeyInterner(std::collections::HashMap<Box<str>, KeyId>);

impl KeyInterner {
    /// The id of `key`, added if new.
    pub fn id(&mut self, key: &str) -> KeyId {
        if let Some(&id) = self.0.get(key) {
            return id;
        }
        let id = KeyId::try_from(self.0.len()).unwrap_or(KeyId::MAX);
        self.0.insert(key.into(), id);
        id
    }

    /// The table, keys in id order.
    pub fn finish(self) -> Keys {
        let mut keys: Vec<Box<str>> = vec![Box::default(); self.0.len()];
        for (key, id) in self.0 {
            if let Some(slot) = keys.get_mut(id as usize) {
                *slot = key;
            }
        }
        Keys(keys)
    }
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
    /// The title from the document's metadata (Markdown, HTML, Word...), else the first line.
    pub title: String,
    /// From a `date 2020-08` metadata line, Markdown front matter or a web page's metadata.
    pub date: Option<String>,
    pub language: Lang,
    /// The decoded text with line ends normalised and Markdown syntax stripped.
    pub text: String,
    /// Byte ranges of the paragraphs in `text`.
    pub paragraphs: Vec<Range<usize>>,
    pub sentences: Vec<Sentence>,
    /// The comparison keys the sentences' tokens point to.
    pub keys: Keys,
    /// Problems that did not stop loading (a guessed encoding, undecodable bytes…).
    pub warnings: Vec<String>,
    /// What the file was read as.
    pub format: SourceFormat,
    /// SHA-256 of the file's bytes (lowercase hex); None for pasted text.
    pub checksum: Option<String>,
}

impl Version {
    /// The original text of sentence `idx` (empty if out of range).
    pub fn sentence_text(&self, idx: usize) -> &str {
        self.sentences
            .get(idx)
            .and_then(|s| self.text.get(s.byte_range.clone()))
            .unwrap_or("")
    }

    /// The comparison key of `token` (one of this version's).
    pub fn key(&self, token: &Token) -> &str {
        self.keys.get(token.key)
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
