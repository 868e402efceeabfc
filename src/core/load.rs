//! Stage 1, load: bytes → text.
//!
//! In: a path, the raw bytes of a file, or text a user pasted.
//! Out: a [`Loaded`]: Unicode text with `\n` line ends, the date and title found in a metadata
//! line or Markdown front matter, the name of the encoding, and warnings about anything that
//! was repaired or guessed.
//!
//! Articles arrive as UTF-8, as UTF-16 saved by Windows tools, or as legacy 8-bit files
//! (Windows-1252, ISO-8859-1/15 for French and German). Decoding goes, in order: byte order
//! mark, known binary formats, UTF-16 without a byte order mark, NUL bytes and control
//! characters, UTF-8, and finally a guess by chardetng (the detector Firefox uses). Whatever is
//! refused becomes a [`LoadError`] that names the file and says why.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub use super::document::SourceFormat;
use super::error::{LoadError, LoadErrorReason};
use super::formats::{Extracted, html, office, pdf};

/// Files above this size are refused before reading: a news article is a few hundred KiB at
/// most, and reading a huge file by mistake would freeze the app.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How many leading bytes the binary and UTF-16 sniffers look at. Git looks at 8000 bytes to
/// decide whether a file is binary; the same window is enough here.
const SNIFF_BYTES: usize = 8000;

/// The decoded text of one file, before segmentation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Text with line ends normalised to `\n`, metadata line removed, Markdown stripped.
    pub text: String,
    /// From a first line `date 2020-08` or Markdown front matter `date:`.
    pub date: Option<String>,
    /// From Markdown front matter `title:` or a first `# heading`; None for plain text.
    pub title: Option<String>,
    /// Name of the encoding the bytes were decoded from, e.g. `UTF-8`, `windows-1252`.
    pub encoding: String,
    /// Problems that did not stop loading.
    pub warnings: Vec<String>,
    /// What the file was read as: plain text, Markdown, HTML, Word, OpenDocument or PDF.
    pub format: SourceFormat,
    /// SHA-256 of the file's bytes in lowercase hex; None for text pasted by a user.
    pub checksum: Option<String>,
}

/// Reads and decodes one file.
///
/// The metadata is checked before anything is read, so a missing file, a directory or a
/// 2 GiB video dropped by mistake fails at once with a reason, instead of a read that hangs or
/// runs out of memory. Reading is capped at [`MAX_FILE_BYTES`] as well, for pipes and devices
/// whose size the metadata does not tell.
///
/// # Errors
/// Missing file, directory, permission denied, larger than [`MAX_FILE_BYTES`], other I/O
/// failures, and everything [`decode_bytes`] refuses; each [`LoadError`] carries the path.
///
/// ```no_run
/// use factdiff::core::load::read_path;
/// let loaded = read_path("samples/tiktok-fr/v1.txt".as_ref())?;
/// println!("{} ({})", loaded.date.unwrap_or_default(), loaded.encoding);
/// # Ok::<(), factdiff::core::error::LoadError>(())
/// ```
pub fn read_path(path: &Path) -> Result<Loaded, LoadError> {
    let fail = |reason| LoadError {
        path: path.to_path_buf(),
        reason,
    };
    let metadata = std::fs::metadata(path).map_err(|e| fail(io_reason(&e)))?;
    if metadata.is_dir() {
        return Err(fail(LoadErrorReason::IsDirectory));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(fail(too_large(metadata.len())));
    }
    let file = File::open(path).map_err(|e| fail(io_reason(&e)))?;
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_reason(&e)))?;
    let read_len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read_len > MAX_FILE_BYTES {
        return Err(fail(too_large(read_len)));
    }
    decode_bytes(&bytes, path)
}

/// Decodes the bytes of a file and cleans the text (see [`parse_text`]).
///
/// `path` is only used in error messages and to choose the [`SourceFormat`] from its extension.
///
/// # Errors
/// [`LoadErrorReason::Empty`] for no bytes or only whitespace, [`LoadErrorReason::Binary`]
/// for a known binary format, NUL bytes in the first 8000 bytes, or mostly control characters.
///
/// ```
/// use factdiff::core::load::decode_bytes;
/// // "Déjà l'été" saved as Windows-1252.
/// let loaded = decode_bytes(b"D\xe9j\xe0 l'\xe9t\xe9, o\xf9 \xe7a?", "v1.txt".as_ref()).unwrap();
/// assert_eq!(loaded.text, "Déjà l'été, où ça?");
/// assert_eq!(loaded.encoding, "windows-1252");
/// ```
pub fn decode_bytes(bytes: &[u8], path: &Path) -> Result<Loaded, LoadError> {
    let fail = |reason| LoadError {
        path: path.to_path_buf(),
        reason,
    };
    if bytes.is_empty() {
        return Err(fail(LoadErrorReason::Empty));
    }
    let mut loaded = decode_document(bytes, path)?;
    loaded.checksum = Some(sha256_hex(bytes));
    Ok(loaded)
}

/// SHA-256 of `bytes` as 64 lowercase hex digits.
///
/// ```
/// use factdiff::core::load::sha256_hex;
/// assert_eq!(&sha256_hex(b"abc")[..16], "ba7816bf8f01cfea");
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// [`decode_bytes`] without the checksum.
fn decode_document(bytes: &[u8], path: &Path) -> Result<Loaded, LoadError> {
    let fail = |reason| LoadError {
        path: path.to_path_buf(),
        reason,
    };
    let named = SourceFormat::from_path(path);
    if let Some(format) = document_format(bytes, named).map_err(fail)? {
        let extracted = match format {
            SourceFormat::Pdf => pdf::extract(bytes),
            SourceFormat::Docx => office::docx(bytes),
            _ => office::odt(bytes),
        };
        let extracted = extracted.map_err(|reason| fail(LoadErrorReason::Document(reason)))?;
        let mut loaded = from_extracted(extracted, format, "UTF-8");
        if named != format && named != SourceFormat::PlainText {
            loaded.warnings.insert(0, misnamed(path, format));
        }
        return non_empty(loaded).map_err(fail);
    }

    // Markdown may hold HTML blocks and stays Markdown; any other name (.txt, none, or a
    // .docx/.pdf that turned out to be text, such as a Word "web page" renamed) is sniffed.
    let sniffed = named != SourceFormat::Markdown && html::sniff(bytes);
    let charset = if named == SourceFormat::Html || sniffed {
        html::declared_charset(bytes)
    } else {
        None
    };
    let decoded = decode(bytes, charset).map_err(fail)?;
    let is_html = match named {
        SourceFormat::Html => true,
        SourceFormat::Markdown => false,
        _ => sniffed || html::sniff(decoded.text.as_bytes()),
    };
    let mut loaded = if is_html {
        let mut warnings = Vec::new();
        let cleaned = clean_text(&decoded.text, &mut warnings);
        let extracted =
            html::extract(&cleaned).map_err(|reason| fail(LoadErrorReason::Document(reason)))?;
        let mut loaded = from_extracted(extracted, SourceFormat::Html, &decoded.encoding);
        warnings.append(&mut loaded.warnings);
        loaded.warnings = warnings;
        if named != SourceFormat::Html {
            loaded
                .warnings
                .insert(0, misnamed(path, SourceFormat::Html));
        }
        loaded
    } else {
        // A file named .pdf/.docx/.odt that turned out to be text is read as plain text.
        let as_text = match named {
            SourceFormat::Markdown => SourceFormat::Markdown,
            _ => SourceFormat::PlainText,
        };
        let mut loaded = parse_text(&decoded.text, as_text);
        if named != as_text {
            loaded.warnings.insert(0, misnamed(path, as_text));
        }
        loaded
    };
    loaded.encoding = decoded.encoding;
    let mut warnings = decoded.warnings;
    warnings.append(&mut loaded.warnings);
    loaded.warnings = warnings;
    non_empty(loaded).map_err(fail)
}

/// A document format recognised by its first bytes, whatever the file is called: `%PDF-`
/// (within the first KiB, where the PDF specification lets readers find it) or a ZIP archive
/// holding a Word or OpenDocument text. Another ZIP (a spreadsheet, an e-book) is refused
/// with what it is, unless it is named .docx or .odt: then that reader says what is wrong
/// with it (damaged, no document part), which helps more than "a ZIP archive".
fn document_format(
    bytes: &[u8],
    named: SourceFormat,
) -> Result<Option<SourceFormat>, LoadErrorReason> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Some(SourceFormat::Pdf));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return match office::identify(bytes) {
            office::ZipKind::Docx => Ok(Some(SourceFormat::Docx)),
            office::ZipKind::Odt => Ok(Some(SourceFormat::Odt)),
            office::ZipKind::Other(_)
                if matches!(named, SourceFormat::Docx | SourceFormat::Odt) =>
            {
                Ok(Some(named))
            }
            office::ZipKind::Other(kind) => Err(LoadErrorReason::Binary(format!(
                "looks like {kind}; factdiff reads text, Markdown, HTML, .docx, .odt and PDF"
            ))),
        };
    }
    Ok(None)
}

/// The warning for a file whose name says one format and whose content another.
fn misnamed(path: &Path, read_as: SourceFormat) -> String {
    let (what, label) = (read_as.description(), read_as.label());
    match path.extension().and_then(|e| e.to_str()) {
        Some(extension) if !extension.is_empty() => {
            format!("the file is named .{extension} but contains {what}; read as {label}")
        }
        _ => format!("the file name has no extension; it contains {what}, read as {label}"),
    }
}

/// Blocks from a document reader become paragraphs separated by blank lines; the text then
/// gets the same cleaning as a text file (control characters, line ends), without the
/// metadata first line, which belongs to text files only.
fn from_extracted(extracted: Extracted, format: SourceFormat, encoding: &str) -> Loaded {
    let Extracted {
        blocks,
        title,
        date,
        mut warnings,
    } = extracted;
    let text = clean_text(&blocks.join("\n\n"), &mut warnings);
    Loaded {
        text,
        date,
        title,
        encoding: encoding.to_string(),
        warnings,
        format,
        checksum: None,
    }
}

/// Refuses text that is only whitespace and control characters.
fn non_empty(loaded: Loaded) -> Result<Loaded, LoadErrorReason> {
    if loaded
        .text
        .chars()
        .all(|c| c.is_whitespace() || c.is_control() || c == '\u{feff}')
    {
        Err(LoadErrorReason::Empty)
    } else {
        Ok(loaded)
    }
}

/// Cleans text that is already Unicode: a version pasted by a user, or a decoded file.
/// `format` is plain text or Markdown; document formats are read by [`decode_bytes`] and are
/// taken as plain text here.
///
/// Removes a leading byte order mark, turns CRLF and lone CR into `\n`, removes control
/// characters other than `\n` and `\t` (with a warning), reads an optional metadata first line
/// such as `date 2020-08`, and for Markdown reads the front matter and strips the syntax.
/// `encoding` is `UTF-8`, the encoding of a Rust string.
///
/// ```
/// use factdiff::core::load::{parse_text, SourceFormat};
/// let loaded = parse_text(" date 2020-08 La société…\r\nSuite.", SourceFormat::PlainText);
/// assert_eq!(loaded.date.as_deref(), Some("2020-08"));
/// assert_eq!(loaded.text, "La société…\nSuite.");
/// ```
pub fn parse_text(text: &str, format: SourceFormat) -> Loaded {
    let mut warnings = Vec::new();
    let cleaned = clean_text(text, &mut warnings);

    let (front_matter, body) = match format {
        SourceFormat::Markdown => match split_front_matter(&cleaned) {
            Some((yaml, body)) => (Some(read_front_matter(yaml)), body),
            None => (None, cleaned.as_str()),
        },
        _ => (None, cleaned.as_str()),
    };
    let (line_date, body) = match split_date_line(body) {
        Some((date, rest)) => (Some(date), Cow::Owned(rest)),
        None => (None, Cow::Borrowed(body)),
    };
    let front_matter = front_matter.unwrap_or_default();
    if let (Some(line), Some(front)) = (&line_date, &front_matter.date)
        && line != front
    {
        warnings.push(format!(
            "two dates: {front} in the front matter and {line} in the first line; using {front}"
        ));
    }
    let date = front_matter.date.or(line_date);

    let (text, title) = match format {
        SourceFormat::Markdown => {
            let (text, heading) = markdown_to_text(&body);
            (text, front_matter.title.or(heading))
        }
        _ => (body.into_owned(), None),
    };
    Loaded {
        text,
        date,
        title,
        encoding: "UTF-8".to_string(),
        warnings,
        format: match format {
            SourceFormat::Markdown => SourceFormat::Markdown,
            _ => SourceFormat::PlainText,
        },
        checksum: None,
    }
}

/// Text decoded from bytes, before cleaning.
struct Decoded {
    text: String,
    encoding: String,
    warnings: Vec<String>,
}

impl Decoded {
    fn new(text: String, encoding: &'static Encoding) -> Decoded {
        Decoded {
            text,
            encoding: encoding.name().to_string(),
            warnings: Vec::new(),
        }
    }
}

/// Decodes `bytes` (not empty) or says why they are not text.
///
/// `declared` is the charset a web page declares in a `<meta>` tag: it comes after a byte
/// order mark (as in browsers) and before any guessing.
fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, LoadErrorReason> {
    if let Some(decoded) = decode_utf32_bom(bytes) {
        return reject_control_heavy(decoded);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let decoded = decode_with(encoding, rest);
        return reject_control_heavy(decoded);
    }
    if let Some(encoding) = declared {
        return reject_control_heavy(decode_with(encoding, bytes));
    }
    if let Some(kind) = binary_magic(bytes) {
        return Err(LoadErrorReason::Binary(format!("looks like {kind}")));
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        let mut decoded = decode_with(encoding, bytes);
        decoded.warnings.insert(
            0,
            format!(
                "decoded as {} (guessed from the pattern of zero bytes; the file has no byte order mark)",
                encoding.name()
            ),
        );
        return reject_control_heavy(decoded);
    }
    if sniff(bytes).contains(&0) {
        return Err(LoadErrorReason::Binary("contains NUL bytes".to_string()));
    }
    reject_control_heavy(decode_8bit(bytes))
}

/// UTF-8, UTF-8 with a few bad bytes, or a legacy encoding guessed by chardetng.
fn decode_8bit(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => return Decoded::new(text.to_string(), encoding_rs::UTF_8),
        // Cut in the middle of the last character (a truncated download): UTF-8 all the same,
        // if the rest shows UTF-8 letters. `caf\xe9` ends like a cut UTF-8 sequence too, but
        // with nothing else non-ASCII it is Windows-1252 `café`.
        Err(e)
            if e.error_len().is_none()
                && bytes
                    .get(..e.valid_up_to())
                    .is_some_and(|valid| !valid.is_ascii()) =>
        {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let mut decoded = Decoded::new(
                String::from_utf8_lossy(valid).into_owned(),
                encoding_rs::UTF_8,
            );
            decoded.warnings.push(
                "the file ends in the middle of a character; the last bytes were dropped"
                    .to_string(),
            );
            return decoded;
        }
        Err(_) => {}
    }

    // A UTF-8 file with a stray Windows-1252 byte (text pasted from elsewhere) must stay UTF-8:
    // decoding all of it as Windows-1252 would turn every `é` into `Ã©`. Legacy 8-bit text
    // almost never forms valid multi-byte UTF-8 sequences by chance, so many valid ones and few
    // bad ones mean UTF-8.
    let (mut valid_non_ascii, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if valid_non_ascii >= 2 * invalid {
        let mut decoded = Decoded::new(
            String::from_utf8_lossy(bytes).into_owned(),
            encoding_rs::UTF_8,
        );
        decoded.warnings.push(format!(
            "decoded as UTF-8 with {} shown as �",
            count_noun(invalid, "invalid byte sequence")
        ));
        return decoded;
    }

    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, false);
    let mut decoded = decode_with(encoding, bytes);
    decoded.warnings.insert(
        0,
        format!(
            "decoded as {} (guessed; the file is not UTF-8)",
            encoding.name()
        ),
    );
    decoded
}

/// Decodes without BOM sniffing and warns about replaced bytes.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let mut decoded = Decoded::new(text.into_owned(), encoding);
    if had_errors {
        let replaced = decoded.text.chars().filter(|&c| c == '\u{fffd}').count();
        decoded.warnings.push(format!(
            "{} could not be decoded as {} (shown as �)",
            count_noun(replaced, "character"),
            encoding.name()
        ));
    }
    decoded
}

/// encoding_rs does not decode UTF-32 (the web forbids it), but some tools still write it.
fn decode_utf32_bom(bytes: &[u8]) -> Option<Decoded> {
    let (little_endian, name) = match bytes.get(..4)? {
        [0xFF, 0xFE, 0, 0] => (true, "UTF-32LE"),
        [0, 0, 0xFE, 0xFF] => (false, "UTF-32BE"),
        _ => return None,
    };
    let body = bytes.get(4..).unwrap_or_default();
    let mut replaced = 0usize;
    let mut text: String = body
        .chunks_exact(4)
        .map(|unit| {
            let quad = <[u8; 4]>::try_from(unit).unwrap_or_default();
            let value = if little_endian {
                u32::from_le_bytes(quad)
            } else {
                u32::from_be_bytes(quad)
            };
            char::from_u32(value).unwrap_or_else(|| {
                replaced += 1;
                '\u{fffd}'
            })
        })
        .collect();
    if !body.len().is_multiple_of(4) {
        replaced += 1;
        text.push('\u{fffd}');
    }
    let mut warnings = Vec::new();
    if replaced > 0 {
        warnings.push(format!(
            "{} could not be decoded as {name} (shown as �)",
            count_noun(replaced, "character")
        ));
    }
    Some(Decoded {
        text,
        encoding: name.to_string(),
        warnings,
    })
}

/// The first [`SNIFF_BYTES`] bytes.
fn sniff(bytes: &[u8]) -> &[u8] {
    bytes.get(..SNIFF_BYTES).unwrap_or(bytes)
}

/// UTF-16 without a byte order mark: Latin text then has a zero high byte in almost every
/// code unit, so most odd bytes (little-endian) or most even bytes (big-endian) are zero while
/// the others carry the letters. Cyrillic or Greek text has zero high bytes only in spaces and
/// punctuation, but its high bytes take only a few values (`0x00` and `0x04` for Russian);
/// that, no zeros on the other side and a clean UTF-16 decoding are required. Matches
/// `h\0i\0 \0t\0h\0e\0r\0e\0`; must not match a binary file with zeros on both sides, nor
/// `text\0` (ASCII with a NUL: its "high" bytes are letters of every value).
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let units = sniff(bytes).chunks_exact(2);
    let total = units.len();
    if total < 2 {
        return None;
    }
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    let (mut even_seen, mut odd_seen) = ([false; 256], [false; 256]);
    for unit in units {
        let (even, odd) = (
            unit.first().copied().unwrap_or(0),
            unit.get(1).copied().unwrap_or(0),
        );
        even_zero += usize::from(even == 0);
        odd_zero += usize::from(odd == 0);
        even_seen[usize::from(even)] = true;
        odd_seen[usize::from(odd)] = true;
    }
    let few_values = |seen: &[bool; 256]| seen.iter().filter(|&&s| s).count() <= 4;
    let most = |n: usize| n * 10 >= total * 7;
    let few = |n: usize| n * 10 <= total;
    let some = |n: usize| n * 10 >= total;
    let clean = |encoding: &'static Encoding| {
        total >= 8
            && bytes.len().is_multiple_of(2)
            && !encoding.decode_without_bom_handling(bytes).1
    };
    if most(odd_zero) && few(even_zero) {
        Some(UTF_16LE)
    } else if most(even_zero) && few(odd_zero) {
        Some(UTF_16BE)
    } else if some(odd_zero) && even_zero == 0 && few_values(&odd_seen) && clean(UTF_16LE) {
        Some(UTF_16LE)
    } else if some(even_zero) && odd_zero == 0 && few_values(&even_seen) && clean(UTF_16BE) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Known binary formats, recognised by their first bytes, so the message can say what the
/// file is (`looks like a PNG image`) instead of just "not text". Signatures shorter than
/// four bytes are avoided where text could start with them (`MZ`, `BM`); NUL bytes catch those.
fn binary_magic(bytes: &[u8]) -> Option<String> {
    const SIGNATURES: &[(usize, &[u8], &str)] = &[
        (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (0, b"\xff\xd8\xff", "a JPEG image"),
        (0, b"GIF87a", "a GIF image"),
        (0, b"GIF89a", "a GIF image"),
        (0, b"II*\0", "a TIFF image"),
        (0, b"MM\0*", "a TIFF image"),
        (0, b"\0\0\x01\0", "an icon file"),
        (0, b"%PDF-", "a PDF document"),
        (
            0,
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "an old Microsoft Office document (.doc, .xls) or a password-protected Office file; save it as .docx or plain text",
        ),
        (0, b"PK\x03\x04", "a ZIP archive"),
        (0, b"PK\x05\x06", "a ZIP archive"),
        (0, b"PK\x07\x08", "a ZIP archive"),
        (0, b"\x1f\x8b", "gzip-compressed data"),
        (0, b"\xfd7zXZ\0", "xz-compressed data"),
        (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (0, b"Rar!\x1a\x07", "a RAR archive"),
        (0, b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
        (0, b"\x7fELF", "an ELF executable"),
        (0, b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
        (0, b"\xca\xfe\xba\xbe", "a Java class or Mach-O executable"),
        (0, b"\0asm", "a WebAssembly module"),
        (0, b"SQLite format 3\0", "an SQLite database"),
        (0, b"OggS", "an Ogg audio or video file"),
        (0, b"fLaC", "a FLAC audio file"),
        (0, b"ID3\x02", "an MP3 audio file"),
        (0, b"ID3\x03", "an MP3 audio file"),
        (0, b"ID3\x04", "an MP3 audio file"),
        (0, b"wOFF", "a WOFF font"),
        (0, b"wOF2", "a WOFF2 font"),
        (4, b"ftyp", "an MP4 or QuickTime video"),
        (8, b"WEBP", "a WebP image"),
        (8, b"WAVE", "a WAV audio file"),
        (8, b"AVI ", "an AVI video"),
    ];
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    let riff_ok = |offset: usize| offset != 8 || at(0, b"RIFF");
    let (_, _, kind) = SIGNATURES
        .iter()
        .find(|(offset, magic, _)| at(*offset, magic) && riff_ok(*offset))?;
    Some((*kind).to_string())
}

/// Refuses text whose start is mostly control characters: a binary format without NUL bytes
/// in its first kilobytes. Tab, line ends and form feed are ordinary in text.
fn reject_control_heavy(decoded: Decoded) -> Result<Decoded, LoadErrorReason> {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in decoded.text.chars().take(SNIFF_BYTES) {
        total += 1;
        controls += usize::from(c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'));
    }
    if controls > 2 && controls * 10 > total {
        return Err(LoadErrorReason::Binary(
            "contains many control characters".to_string(),
        ));
    }
    Ok(decoded)
}

/// Strips a leading BOM, normalises line ends, removes C0 control characters other than `\n`
/// and `\t` (they break segmentation and display, and are never meaningful in an article).
fn clean_text(text: &str, warnings: &mut Vec<String>) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut removed = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            c if c < ' ' => removed += 1,
            c => out.push(c),
        }
    }
    if removed > 0 {
        warnings.push(format!(
            "removed {}",
            count_noun(removed, "control character")
        ));
    }
    out
}

/// Splits off a metadata first line: the first non-empty line starts with `date` or `Date:`
/// followed by an ISO-like date. Text after the date on the same line is kept as the first
/// line of the article. Returns the date and the remaining text.
///
/// Matches ` date 2020-08 La société…`, `Date: 2020-08-01`; must not match `Date of birth: …`
/// or `Dates 2020-08`.
fn split_date_line(text: &str) -> Option<(String, String)> {
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            line_start += line.len();
            continue;
        }
        let (date, rest_of_line) = parse_date_prefix(line.trim_end_matches('\n'))?;
        let after_line = text.get(line_start + line.len()..).unwrap_or_default();
        let remaining = if rest_of_line.is_empty() {
            after_line.trim_start_matches('\n').to_string()
        } else if line.ends_with('\n') {
            format!("{rest_of_line}\n{after_line}")
        } else {
            rest_of_line.to_string()
        };
        return Some((date.to_string(), remaining));
    }
    None
}

/// `date 2020-08 rest` → `("2020-08", "rest")`. The word `date` in any case, then spaces or a
/// colon, then the date, then spaces or the end of the line.
fn parse_date_prefix(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    let word = line.get(..4)?;
    if !word.eq_ignore_ascii_case("date") {
        return None;
    }
    let after_word = line.get(4..)?;
    let spaced = after_word.trim_start_matches([' ', '\t']);
    let value = match spaced.strip_prefix(':') {
        Some(after_colon) => after_colon.trim_start_matches([' ', '\t']),
        None if spaced.len() < after_word.len() => spaced,
        None => return None,
    };
    let date_len = iso_date_len(value)?;
    let date = value.get(..date_len)?;
    let rest = value.get(date_len..)?;
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((date, rest.trim()))
}

/// Length of an ISO-like date at the start of `s`: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally
/// followed by a time `THH:MM[:SS]` (or with a space) and a zone `Z` / `+02:00`.
fn iso_date_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    };
    let is = |at: usize, c: u8| b.get(at) == Some(&c);
    digits(0, 4)?;
    let mut len = 4;
    if is(4, b'-') && digits(5, 2).is_some_and(|m| (1..=12).contains(&m)) {
        len = 7;
        if is(7, b'-') && digits(8, 2).is_some_and(|d| (1..=31).contains(&d)) {
            len = 10;
            let time_sep = is(10, b'T') || is(10, b' ');
            if time_sep
                && digits(11, 2).is_some_and(|h| h < 24)
                && is(13, b':')
                && digits(14, 2).is_some_and(|m| m < 60)
            {
                len = 16;
                if is(16, b':') && digits(17, 2).is_some_and(|s| s < 61) {
                    len = 19;
                }
                if is(len, b'Z') {
                    len += 1;
                } else if (is(len, b'+') || is(len, b'-')) && digits(len + 1, 2).is_some() {
                    if is(len + 3, b':') && digits(len + 4, 2).is_some() {
                        len += 6;
                    } else if digits(len + 3, 2).is_some() {
                        len += 5;
                    }
                }
            }
        }
    }
    // A longer number (`20201`) is not a year.
    if b.get(len).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some(len)
}

/// `date:` and `title:` read from YAML front matter.
#[derive(Default)]
struct FrontMatter {
    date: Option<String>,
    title: Option<String>,
}

/// Splits `---\n…\n---\n` at the very top from the body. The block must end with `---` or `...`
/// and contain at least one `key: value` line, so a document that merely starts with a
/// thematic break (`---`) is not swallowed.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut offset = first.len();
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = text.get(first.len()..offset)?;
            let body = text.get(offset + line.len()..)?;
            return yaml
                .lines()
                .any(|l| yaml_key_value(l).is_some())
                .then_some((yaml, body));
        }
        offset += line.len();
    }
    None
}

/// A top-level `key: value` line; the value is unquoted. Block scalars (`title: >`) give an
/// empty value.
fn yaml_key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key_ok = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
    if !key_ok || !(value.is_empty() || value.starts_with([' ', '\t'])) {
        return None;
    }
    let value = value.trim();
    let value = ['"', '\'']
        .iter()
        .find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
        .unwrap_or(value);
    let value = if matches!(value, ">" | "|" | ">-" | "|-") {
        ""
    } else {
        value
    };
    Some((key, value.trim()))
}

fn read_front_matter(yaml: &str) -> FrontMatter {
    let mut front = FrontMatter::default();
    for (key, value) in yaml.lines().filter_map(yaml_key_value) {
        if value.is_empty() {
            continue;
        }
        if key.eq_ignore_ascii_case("date") && front.date.is_none() {
            front.date = Some(value.to_string());
        } else if key.eq_ignore_ascii_case("title") && front.title.is_none() {
            front.title = Some(value.to_string());
        }
    }
    front
}

/// Markdown → plain paragraphs separated by a blank line, plus the text of the first heading
/// when the document starts with one.
///
/// Each block (heading, paragraph, list item, quote, code block, table row) becomes its own
/// paragraph; emphasis markers, link targets and HTML go, link text, image alt text and inline
/// code stay.
fn markdown_to_text(markdown: &str) -> (String, Option<String>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let trimmed = current.trim();
        if !trimmed.is_empty() {
            paragraphs.push(trimmed.to_string());
        }
        current.clear();
    };
    let mut html_depth = 0usize;
    let mut seen_block = false;
    let mut title: Option<String> = None;
    let mut in_title = false;
    let mut title_text = String::new();

    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::HtmlBlock) => html_depth += 1,
            Event::End(TagEnd::HtmlBlock) => html_depth = html_depth.saturating_sub(1),
            _ if html_depth > 0 => {}
            Event::Start(tag) => {
                if starts_paragraph(&tag) {
                    flush(&mut current, &mut paragraphs);
                    if !seen_block {
                        seen_block = true;
                        in_title = matches!(tag, Tag::Heading { .. });
                    }
                }
                if matches!(tag, Tag::TableCell) && !current.trim().is_empty() {
                    current.push_str(" | ");
                }
            }
            Event::End(tag) => {
                if ends_paragraph(tag) {
                    flush(&mut current, &mut paragraphs);
                }
                if in_title && matches!(tag, TagEnd::Heading(_)) {
                    in_title = false;
                    let heading = title_text.split_whitespace().collect::<Vec<_>>().join(" ");
                    title = (!heading.is_empty()).then_some(heading);
                }
            }
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => {
                current.push_str(&text);
                if in_title {
                    title_text.push_str(&text);
                }
            }
            Event::SoftBreak => {
                current.push(' ');
                if in_title {
                    title_text.push(' ');
                }
            }
            Event::HardBreak => {
                current.push('\n');
                if in_title {
                    title_text.push(' ');
                }
            }
            Event::Rule => flush(&mut current, &mut paragraphs),
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    (paragraphs.join("\n\n"), title)
}

/// Block tags whose text is a paragraph of its own.
fn starts_paragraph(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
    )
}

fn ends_paragraph(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
    )
}

/// The reason for an I/O error, in words a user can act on.
fn io_reason(error: &io::Error) -> LoadErrorReason {
    match error.kind() {
        io::ErrorKind::NotFound => LoadErrorReason::NotFound,
        io::ErrorKind::PermissionDenied => LoadErrorReason::PermissionDenied,
        io::ErrorKind::IsADirectory => LoadErrorReason::IsDirectory,
        io::ErrorKind::NotADirectory => {
            LoadErrorReason::Io("a part of the path is a file, not a folder".to_string())
        }
        _ => LoadErrorReason::Io(plain_io_message(error)),
    }
}

/// `Input/output error (os error 5)` → `input/output error`: the OS text without the code.
fn plain_io_message(error: &io::Error) -> String {
    let message = error.to_string();
    let message = match message.rfind(" (os error ") {
        Some(cut) if message.ends_with(')') => message.get(..cut).unwrap_or(&message).to_string(),
        _ => message,
    };
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => error.kind().to_string(),
    }
}

fn too_large(size_bytes: u64) -> LoadErrorReason {
    LoadErrorReason::TooLarge {
        size_bytes,
        limit_bytes: MAX_FILE_BYTES,
    }
}

/// `1 byte sequence`, `3 byte sequences`.
fn count_noun(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    fn with_prefix(prefix: &[u8], body: Vec<u8>) -> Vec<u8> {
        let mut bytes = prefix.to_vec();
        bytes.extend(body);
        bytes
    }

    /// (name, bytes, expected text, expected encoding, expected warning fragment or "").
    #[test]
    fn decodes_encodings() {
        let french = "Déjà l’été, où ça?";
        let utf32le: Vec<u8> = "Größe"
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        let utf32be: Vec<u8> = "Größe"
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        let cases: Vec<(&str, Vec<u8>, &str, &str, &str)> = vec![
            ("utf-8", french.as_bytes().to_vec(), french, "UTF-8", ""),
            (
                "utf-8 bom",
                with_prefix(b"\xef\xbb\xbf", french.as_bytes().to_vec()),
                french,
                "UTF-8",
                "",
            ),
            (
                "utf-16le bom",
                with_prefix(b"\xff\xfe", utf16le(french)),
                french,
                "UTF-16LE",
                "",
            ),
            (
                "utf-16be bom",
                with_prefix(b"\xfe\xff", utf16be(french)),
                french,
                "UTF-16BE",
                "",
            ),
            (
                "utf-32le bom",
                with_prefix(b"\xff\xfe\0\0", utf32le),
                "Größe",
                "UTF-32LE",
                "",
            ),
            (
                "utf-32be bom",
                with_prefix(b"\0\0\xfe\xff", utf32be),
                "Größe",
                "UTF-32BE",
                "",
            ),
            (
                "utf-16le no bom",
                utf16le(french),
                french,
                "UTF-16LE",
                "pattern of zero bytes",
            ),
            (
                "utf-16be no bom",
                utf16be(french),
                french,
                "UTF-16BE",
                "pattern of zero bytes",
            ),
            (
                "utf-16le no bom, cyrillic",
                utf16le("Привет, мир! Как дела?"),
                "Привет, мир! Как дела?",
                "UTF-16LE",
                "pattern of zero bytes",
            ),
            (
                "utf-16be no bom, greek",
                utf16be("Καλημέρα κόσμε, τι κάνεις;"),
                "Καλημέρα κόσμε, τι κάνεις;",
                "UTF-16BE",
                "pattern of zero bytes",
            ),
            (
                "windows-1252 french with curly apostrophe",
                b"D\xe9j\xe0 l\x92\xe9t\xe9, o\xf9 \xe7a?".to_vec(),
                french,
                "windows-1252",
                "decoded as windows-1252 (guessed; the file is not UTF-8)",
            ),
            (
                "iso-8859-1 german",
                b"Gr\xf6\xdfe \xdcberg\xe4nge Stra\xdfe".to_vec(),
                "Größe Übergänge Straße",
                "windows-1252",
                "guessed; the file is not UTF-8",
            ),
            (
                "utf-8 with one stray latin-1 byte stays utf-8",
                b"L\xc3\xa9t\xc3\xa9 \xc3\xa0 Paris, caf\xe9.".to_vec(),
                "Lété à Paris, caf\u{fffd}.",
                "UTF-8",
                "decoded as UTF-8 with 1 invalid byte sequence shown as �",
            ),
            (
                "utf-8 cut inside the last character",
                b"\xc3\xa9t\xc3".to_vec(),
                "ét",
                "UTF-8",
                "ends in the middle of a character",
            ),
            (
                "utf-16le bom with an odd trailing byte",
                with_prefix(b"\xff\xfe", [utf16le("ab"), vec![b'c']].concat()),
                "ab\u{fffd}",
                "UTF-16LE",
                "1 character could not be decoded as UTF-16LE (shown as �)",
            ),
            (
                "crlf and lone cr",
                b"a\r\nb\rc\r\n\r\nd".to_vec(),
                "a\nb\nc\n\nd",
                "UTF-8",
                "",
            ),
            (
                "a few control characters",
                b"a\x01b\x1bc\td".to_vec(),
                "abc\td",
                "UTF-8",
                "removed 2 control characters",
            ),
        ];
        for (name, bytes, text, encoding, warning) in cases {
            let loaded =
                decode_bytes(&bytes, Path::new("v1.txt")).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(loaded.text, text, "{name}");
            assert_eq!(loaded.encoding, encoding, "{name}");
            if warning.is_empty() {
                assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
            } else {
                assert!(
                    loaded.warnings.iter().any(|w| w.contains(warning)),
                    "{name}: {:?} lacks {warning:?}",
                    loaded.warnings
                );
            }
        }
    }

    #[test]
    fn refuses_binary_and_empty_bytes() {
        let binary = |s: &str| LoadErrorReason::Binary(s.to_string());
        let cases: Vec<(&str, &[u8], &str, LoadErrorReason)> = vec![
            (
                "png",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
                "a.txt",
                binary("looks like a PNG image"),
            ),
            (
                "jpeg",
                b"\xff\xd8\xff\xe0\0\x10JFIF",
                "a.txt",
                binary("looks like a JPEG image"),
            ),
            (
                "gif",
                b"GIF89a\x01\0\x01\0",
                "a.txt",
                binary("looks like a GIF image"),
            ),
            (
                "gzip",
                b"\x1f\x8b\x08\0",
                "a.txt.gz",
                binary("looks like gzip-compressed data"),
            ),
            (
                "elf",
                b"\x7fELF\x02\x01\x01",
                "a.txt",
                binary("looks like an ELF executable"),
            ),
            (
                "webp",
                b"RIFF\x10\0\0\0WEBPVP8 ",
                "a.txt",
                binary("looks like a WebP image"),
            ),
            (
                "nul bytes",
                b"abc\0\0\0def\0ghi\0jkl",
                "a.txt",
                binary("contains NUL bytes"),
            ),
            (
                "control characters",
                b"\x01\x02\x03\x04\x05abc",
                "a.txt",
                binary("contains many control characters"),
            ),
            ("empty", b"", "a.txt", LoadErrorReason::Empty),
            (
                "whitespace",
                b" \n\t\r\n  ",
                "a.txt",
                LoadErrorReason::Empty,
            ),
            (
                "only control characters and spaces",
                b"\x01 \x02",
                "a.txt",
                LoadErrorReason::Empty,
            ),
            (
                "utf-8 bom only",
                b"\xef\xbb\xbf\n",
                "a.txt",
                LoadErrorReason::Empty,
            ),
            (
                "utf-16 bom and spaces",
                b"\xff\xfe \0\n\0",
                "a.txt",
                LoadErrorReason::Empty,
            ),
        ];
        for (name, bytes, path, reason) in cases {
            let err = decode_bytes(bytes, Path::new(path)).expect_err(name);
            assert_eq!(err.reason, reason, "{name}");
            assert_eq!(err.path, Path::new(path), "{name}");
        }
    }

    #[test]
    fn does_not_call_text_binary() {
        // Text that starts like a signature, or has a couple of stray controls, is still text.
        let cases: &[&[u8]] = &[
            b"ID3 tags are metadata.",
            b"MZ is a postcode.",
            b"Page 1\x0cPage 2",
            b"x\x07y",
        ];
        for bytes in cases {
            assert!(
                decode_bytes(bytes, Path::new("a.txt")).is_ok(),
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    /// (input, expected date, expected text).
    #[test]
    fn reads_metadata_line() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            (
                " date 2020-08 La société Internet chinoise Bytedance\n\nSuite.",
                Some("2020-08"),
                "La société Internet chinoise Bytedance\n\nSuite.",
            ),
            (
                "date 2020-08\n\nPremier paragraphe.",
                Some("2020-08"),
                "Premier paragraphe.",
            ),
            ("Date: 2020-08-01\nText.", Some("2020-08-01"), "Text."),
            ("\n\n  DATE 2019 Text\nMore", Some("2019"), "Text\nMore"),
            ("Date : 2020-08-01 Texte.", Some("2020-08-01"), "Texte."),
            ("date:2020-08-01", Some("2020-08-01"), ""),
            (
                "date 2020-08-01T14:30:00+02:00 Text",
                Some("2020-08-01T14:30:00+02:00"),
                "Text",
            ),
            (
                "date 2020-08-01 14:30 Paris",
                Some("2020-08-01 14:30"),
                "Paris",
            ),
            (
                "date 2020-08-01T14:30Z\nText",
                Some("2020-08-01T14:30Z"),
                "Text",
            ),
            (
                "date 2020-08-01 12 people died.",
                Some("2020-08-01"),
                "12 people died.",
            ),
            (
                "Date of birth: 1970-01-01",
                None,
                "Date of birth: 1970-01-01",
            ),
            ("Dates 2020-08 were set.", None, "Dates 2020-08 were set."),
            (
                "Date 2020-13 is not a month.",
                None,
                "Date 2020-13 is not a month.",
            ),
            ("date 20201 items", None, "date 20201 items"),
            ("date 2020-08-01, Paris", None, "date 2020-08-01, Paris"),
            ("date", None, "date"),
            ("Déjà vu.", None, "Déjà vu."),
            (
                "No metadata.\ndate 2020-08",
                None,
                "No metadata.\ndate 2020-08",
            ),
        ];
        for (input, date, text) in cases {
            let loaded = parse_text(input, SourceFormat::PlainText);
            assert_eq!(loaded.date.as_deref(), *date, "{input:?}");
            assert_eq!(loaded.text, *text, "{input:?}");
            assert_eq!(loaded.title, None, "{input:?}");
        }
    }

    #[test]
    fn reads_the_seed_article_first_line() {
        let bytes = " date 2020-08 La société Internet chinoise Bytedance n’a pas le choix.\n\nMicrosoft vise.";
        let loaded = decode_bytes(bytes.as_bytes(), Path::new("000.txt")).unwrap();
        assert_eq!(loaded.date.as_deref(), Some("2020-08"));
        assert!(
            loaded.text.starts_with("La société Internet chinoise"),
            "{:?}",
            loaded.text
        );
        assert_eq!(loaded.encoding, "UTF-8");
    }

    /// (name, markdown, expected text, expected title, expected date).
    type MarkdownCase<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);

    #[test]
    fn strips_markdown() {
        let cases: &[MarkdownCase] = &[
            (
                "heading and emphasis",
                "# Le *titre*\n\nUn *texte* **gras**, ~~barré~~ et _souligné_.",
                "Le titre\n\nUn texte gras, barré et souligné.",
                Some("Le titre"),
                None,
            ),
            (
                "links and images keep text",
                "Voir [le site](https://example.fr \"t\") et ![une photo](a.png), <https://x.fr>.",
                "Voir le site et une photo, https://x.fr.",
                None,
                None,
            ),
            (
                "lists",
                "- un\n- deux\n  - trois\n\n1. quatre\n2. cinq",
                "un\n\ndeux\n\ntrois\n\nquatre\n\ncinq",
                None,
                None,
            ),
            (
                "task list",
                "- [x] fait\n- [ ] à faire",
                "fait\n\nà faire",
                None,
                None,
            ),
            (
                "quote, code block and inline code",
                "> Une citation\n> sur deux lignes.\n\n```rust\nlet x = 1;\nlet y = 2;\n```\n\nUtilise `x`.",
                "Une citation sur deux lignes.\n\nlet x = 1;\nlet y = 2;\n\nUtilise x.",
                None,
                None,
            ),
            (
                "soft and hard breaks",
                "ligne un\nligne deux  \nligne trois",
                "ligne un ligne deux\nligne trois",
                None,
                None,
            ),
            (
                "html dropped",
                "<div>\ncaché\n</div>\n\nVisible <b>gras</b>.",
                "Visible gras.",
                None,
                None,
            ),
            (
                "front matter",
                "---\ntitle: \"Le titre: suite\"\ndate: 2020-08-01\ntags: [a, b]\n---\n# Autre titre\n\nTexte.",
                "Autre titre\n\nTexte.",
                Some("Le titre: suite"),
                Some("2020-08-01"),
            ),
            (
                "front matter ended by dots",
                "---\ndate: '2021'\n...\nTexte.",
                "Texte.",
                None,
                Some("2021"),
            ),
            (
                "thematic break is not front matter",
                "---\n\nTexte.\n\n---\n\nFin.",
                "Texte.\n\nFin.",
                None,
                None,
            ),
            (
                "heading later is not the title",
                "Intro.\n\n## Plus loin",
                "Intro.\n\nPlus loin",
                None,
                None,
            ),
            (
                "setext heading",
                "Titre\n=====\n\nTexte.",
                "Titre\n\nTexte.",
                Some("Titre"),
                None,
            ),
            (
                "date line before heading",
                "date 2020-08\n# Titre\n\nTexte",
                "Titre\n\nTexte",
                Some("Titre"),
                Some("2020-08"),
            ),
            (
                "table",
                "| a | b |\n|---|---|\n| 1 | 2 |",
                "a | b\n\n1 | 2",
                None,
                None,
            ),
            (
                "entities and escapes",
                "Tom &amp; Jerry \\*pas en italique\\*",
                "Tom & Jerry *pas en italique*",
                None,
                None,
            ),
        ];
        for (name, markdown, text, title, date) in cases {
            let loaded = parse_text(markdown, SourceFormat::Markdown);
            assert_eq!(loaded.text, *text, "{name}");
            assert_eq!(loaded.title.as_deref(), *title, "{name}");
            assert_eq!(loaded.date.as_deref(), *date, "{name}");
        }
    }

    #[test]
    fn plain_text_keeps_markdown_syntax_and_no_title() {
        let loaded = parse_text("# Pas un titre\n*mot*", SourceFormat::PlainText);
        assert_eq!(loaded.text, "# Pas un titre\n*mot*");
        assert_eq!(loaded.title, None);
    }

    #[test]
    fn front_matter_date_wins_over_date_line() {
        let loaded = parse_text(
            "---\ndate: 2020-08-02\n---\ndate 2020-08-01\nTexte.",
            SourceFormat::Markdown,
        );
        assert_eq!(loaded.date.as_deref(), Some("2020-08-02"));
        assert_eq!(loaded.text, "Texte.");
        assert!(
            loaded.warnings.iter().any(|w| w.contains("two dates")),
            "{:?}",
            loaded.warnings
        );
    }

    #[test]
    fn format_from_path() {
        let cases = [
            ("a.md", SourceFormat::Markdown),
            ("a.MARKDOWN", SourceFormat::Markdown),
            ("dir.md/a.mdown", SourceFormat::Markdown),
            ("a.txt", SourceFormat::PlainText),
            ("a.md.txt", SourceFormat::PlainText),
            ("md", SourceFormat::PlainText),
            ("", SourceFormat::PlainText),
        ];
        for (path, format) in cases {
            assert_eq!(SourceFormat::from_path(Path::new(path)), format, "{path}");
        }
    }

    #[test]
    fn never_panics_on_arbitrary_bytes() {
        // xorshift: deterministic, no extra dependency.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: &[u8] =
            b"\0\x01\r\n\t -:#*_[]()`>!date2019\xc3\xa9\xe9\x92\xff\xfe\xef\xbb\xbf";
        for round in 0..3000 {
            let len = usize::try_from(next() % 64).unwrap_or(0);
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if round % 2 == 0 {
                        r.to_le_bytes()[0]
                    } else {
                        alphabet[(r as usize) % alphabet.len()]
                    }
                })
                .collect();
            for path in ["a.txt", "a.md"] {
                let _ = decode_bytes(&bytes, Path::new(path));
            }
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse_text(&text, SourceFormat::Markdown);
            let _ = parse_text(&text, SourceFormat::PlainText);
        }
    }

    /// A path in the temp directory, removed (file or directory) when dropped.
    struct TempPath(PathBuf);

    impl TempPath {
        fn new(name: &str) -> TempPath {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            TempPath(
                std::env::temp_dir()
                    .join(format!("factdiff-load-{}-{n}-{name}", std::process::id())),
            )
        }

        fn file(name: &str, bytes: &[u8]) -> TempPath {
            let temp = TempPath::new(name);
            std::fs::write(&temp.0, bytes).unwrap();
            temp
        }
    }

    impl Drop for TempPath {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn assert_error(path: &Path, reason: LoadErrorReason) {
        let err = read_path(path).expect_err(&reason.to_string());
        assert_eq!(err.reason, reason, "{}", path.display());
        assert_eq!(err.path, path);
        // The message names the reason and ends with the path.
        assert_eq!(
            err.to_string(),
            format!("cannot read: {reason}: {}", path.display())
        );
    }

    #[test]
    fn read_path_errors() {
        let missing = TempPath::new("missing.txt");
        assert_error(&missing.0, LoadErrorReason::NotFound);

        let dir = TempPath::new("dir");
        std::fs::create_dir(&dir.0).unwrap();
        assert_error(&dir.0, LoadErrorReason::IsDirectory);

        let inside_file = TempPath::file("plain.txt", b"text");
        assert_error(
            &inside_file.0.join("child.txt"),
            LoadErrorReason::Io("a part of the path is a file, not a folder".to_string()),
        );

        let png = TempPath::file("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        assert_error(
            &png.0,
            LoadErrorReason::Binary("looks like a PNG image".to_string()),
        );

        let nul = TempPath::file("nul.txt", b"some\0text\0");
        assert_error(
            &nul.0,
            LoadErrorReason::Binary("contains NUL bytes".to_string()),
        );

        let empty = TempPath::file("empty.txt", b"");
        assert_error(&empty.0, LoadErrorReason::Empty);

        let blank = TempPath::file("blank.txt", b"  \r\n\t\n");
        assert_error(&blank.0, LoadErrorReason::Empty);
    }

    #[test]
    fn read_path_refuses_large_file_without_reading_it() {
        let big = TempPath::new("big.txt");
        let file = File::create(&big.0).unwrap();
        // Sparse: takes no disk space, and read_path must stop at the metadata.
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        drop(file);
        let reason = LoadErrorReason::TooLarge {
            size_bytes: MAX_FILE_BYTES + 1,
            limit_bytes: MAX_FILE_BYTES,
        };
        assert_error(&big.0, reason);
        let message = read_path(&big.0).unwrap_err().to_string();
        assert!(
            message.contains("more than 64 MiB; the limit is 64 MiB"),
            "{message}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn read_path_permission_denied() {
        use std::os::unix::fs::PermissionsExt;
        let locked = TempPath::file("locked.txt", b"secret");
        std::fs::set_permissions(&locked.0, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads anything; then there is nothing to assert.
        if File::open(&locked.0).is_err() {
            assert_error(&locked.0, LoadErrorReason::PermissionDenied);
        }
    }

    #[test]
    fn read_path_decodes_markdown_file() {
        let md = TempPath::file(
            "article.md",
            "---\ntitle: Titre\n---\r\nUn *mot*.\r\n".as_bytes(),
        );
        let loaded = read_path(&md.0).unwrap();
        assert_eq!(loaded.text, "Un mot.");
        assert_eq!(loaded.title.as_deref(), Some("Titre"));
        assert_eq!(loaded.encoding, "UTF-8");
    }

    #[test]
    fn plain_io_message_drops_os_code() {
        let error = io::Error::from_raw_os_error(5);
        assert_eq!(plain_io_message(&error), "input/output error");
    }
}
