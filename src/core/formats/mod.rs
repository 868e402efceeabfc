//! Stage 1b, documents → blocks of text: saved web pages, Word and OpenDocument files, PDF.
//!
//! In: the raw bytes of a file whose format [`super::load`] recognised.
//! Out: an [`Extracted`]: the article's blocks of text in reading order (headline, paragraphs,
//! block quotes, list items), the title and date found in the document's metadata, and
//! warnings about what was removed or guessed. `load` joins the blocks with blank lines, so
//! each block becomes one paragraph and the rest of the pipeline is the same as for plain text.
//!
//! Every reader has limits (sizes, nesting, decompressed bytes, pages) so that a hostile or
//! broken file gives an error that names the reason instead of exhausting memory, and none of
//! them panics on any input.

pub mod html;
pub mod office;
pub mod pdf;

/// What a document reader takes out of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Blocks of text in reading order; each becomes one paragraph. No block is empty and
    /// none contains a blank line; whitespace inside a block is collapsed to single spaces
    /// (line breaks inside a block, such as `<br>` in a poem, may stay as single `\n`).
    pub blocks: Vec<String>,
    /// The document's title from metadata, if any (`<title>`, `og:title`, `dc:title`...).
    pub title: Option<String>,
    /// The publication date from metadata, as written there, ideally ISO `2020-08-02` or
    /// `2020-08-02T14:30:00+02:00`.
    pub date: Option<String>,
    /// Problems that did not stop reading, in words a user understands:
    /// "3 boxes removed as boilerplate", "no article body found: showing all text".
    pub warnings: Vec<String>,
}

/// Why a document could not be read, in words a user can act on; shown as
/// `cannot read: {reason}: {path}`. E.g. "the PDF has no text layer (a scanned document?);
/// run OCR on it first".
pub type DocError = String;

/// Decompressed bytes a ZIP-based document (.docx, .odt) or a PDF may expand to. A real
/// article is a few MiB at most; a "zip bomb" expands a small file to gigabytes.
pub const MAX_DECOMPRESSED_BYTES: u64 = 256 * 1024 * 1024;
