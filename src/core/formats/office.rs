//! Stage 1b for office files: Word (.docx) and OpenDocument text (.odt) → blocks of text.
//!
//! In: the bytes of a ZIP-based document. Out: an [`Extracted`] whose blocks are the
//! document's paragraphs in reading order (headings, body paragraphs, list items, the
//! paragraphs of table cells), without markup, with the title from the document properties.
//!
//! What is left out on purpose: deleted text of tracked changes (insertions are kept, as if
//! all changes were accepted), field instructions, comments, footnotes, headers and footers,
//! hidden text, generated tables of contents, and images. Text boxes are kept: their
//! paragraphs become blocks of their own, placed right *after* the paragraph they are anchored
//! in, so the surrounding paragraph is never cut in two.
//!
//! Limits, so that a hostile file gives an error instead of exhausting memory:
//! - no size declared in the ZIP is trusted: every entry is decompressed through
//!   `Read::take`, and one that expands past [`MAX_DECOMPRESSED_BYTES`] is refused (ZIP bomb);
//! - the XML is read as a stream (quick-xml) with an explicit stack, never by recursion, and a
//!   file nesting elements deeper than [`MAX_XML_DEPTH`] is refused: real documents nest a few
//!   dozen levels;
//! - encrypted entries and password-protected documents are refused with a reason.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;
use zip::ZipArchive;
use zip::result::ZipError;

use super::{DocError, Extracted, MAX_DECOMPRESSED_BYTES};

/// Elements a document part may nest before it is refused. Word and LibreOffice files nest a
/// few dozen levels (a table in a table in a text box); ten thousand is only reached by a
/// file built to exhaust a reader.
pub const MAX_XML_DEPTH: usize = 10_000;

/// Bytes a small metadata part (`_rels/.rels`, `mimetype`, `META-INF/manifest.xml`,
/// `docProps/core.xml`, `meta.xml`, styles) may expand to: real ones are a few KiB.
const MAX_METADATA_BYTES: u64 = 16 * 1024 * 1024;

/// The first bytes of an OLE compound file: a Word 97–2003 `.doc`, or any Office document
/// saved with a password (Office encrypts the whole ZIP and wraps it in such a file).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What a ZIP-based file is, from its contents (not its name), so that `load` can pick a
/// reader and name the right kind in an error ("the file is a spreadsheet (.xlsx)...").
///
/// ```
/// use factdiff::core::formats::office::{identify, ZipKind};
/// assert_eq!(identify(b"not a zip"), ZipKind::Other("a damaged ZIP archive".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipKind {
    /// A Word document (.docx, also .docm and .dotx): has a `word/` main document part.
    Docx,
    /// An OpenDocument text (.odt, also .ott): `mimetype` says `...opendocument.text`.
    Odt,
    /// Readable ZIP but another kind: a description for the error message, e.g.
    /// "an EPUB e-book", "a spreadsheet (.xlsx)", "a presentation (.odp)", "a ZIP archive".
    Other(String),
}

/// Says what kind of ZIP-based document `bytes` hold, reading only the ZIP directory and
/// small entries (`mimetype`, `_rels/.rels`, `META-INF/manifest.xml`).
///
/// A `.docx` whose `_rels/.rels` names `word/document.xml` is `Docx`; an `.odt` whose
/// `mimetype` is `application/vnd.oasis.opendocument.text` is `Odt`; an `.ods` is
/// `Other("a spreadsheet (.ods)")`; a file whose ZIP directory cannot be read is
/// `Other("a damaged ZIP archive")`.
pub fn identify(bytes: &[u8]) -> ZipKind {
    if bytes.starts_with(OLE_MAGIC) {
        return ZipKind::Other(
            "a Word 97–2003 (.doc) file or a password-protected Office document".into(),
        );
    }
    match Package::open(bytes, MAX_METADATA_BYTES, "the file") {
        Ok(mut package) => identify_package(&mut package),
        Err(_) => ZipKind::Other("a damaged ZIP archive".into()),
    }
}

/// Reads the text of a Word document (.docx): the paragraphs of `word/document.xml` in
/// reading order, the title from `docProps/core.xml` or else from the first paragraph styled
/// Title (or else Heading 1). The date is always `None`: a Word draft carries no publication
/// date, and the times it stores say when it was saved.
///
/// ```no_run
/// let bytes = std::fs::read("draft-v2.docx").unwrap();
/// let extracted = factdiff::core::formats::office::docx(&bytes).unwrap();
/// println!("{}", extracted.blocks.join("\n\n"));
/// ```
pub fn docx(bytes: &[u8]) -> Result<Extracted, DocError> {
    docx_with_limit(bytes, MAX_DECOMPRESSED_BYTES)
}

/// Reads the text of an OpenDocument text (.odt): the paragraphs and headings of
/// `content.xml` in reading order, the title from `meta.xml` or else from the first heading
/// of level 1 or paragraph styled Title. The date is always `None`, as for [`docx`].
pub fn odt(bytes: &[u8]) -> Result<Extracted, DocError> {
    odt_with_limit(bytes, MAX_DECOMPRESSED_BYTES)
}

// ---------------------------------------------------------------------------------------------
// The ZIP package.

/// A ZIP archive read from memory, with the decompression limit for its entries.
struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    limit: u64,
    /// How errors name the file: "the .docx file".
    file: &'static str,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8], limit: u64, file: &'static str) -> Result<Self, DocError> {
        if bytes.is_empty() {
            return Err(format!("{file} is empty (0 bytes)"));
        }
        if bytes.starts_with(OLE_MAGIC) {
            return Err(format!(
                "{file} is a Word 97–2003 (.doc) file or a password-protected document: \
                 open it in Word or LibreOffice and save it as .docx or .odt without a password"
            ));
        }
        match ZipArchive::new(Cursor::new(bytes)) {
            Ok(archive) => Ok(Self {
                archive,
                limit,
                file,
            }),
            Err(_) if !bytes.starts_with(b"PK") => Err(format!(
                "{file} is not a ZIP package (it does not start with “PK”), so not a Word or \
                 OpenDocument file"
            )),
            Err(err) => Err(format!(
                "{file} is damaged: its ZIP directory cannot be read (truncated download?): {err}"
            )),
        }
    }

    /// The index of an entry, matched as OPC does: ASCII case-insensitively, and also when
    /// the ZIP was written with `\` separators or a leading `/`.
    fn index_of(&self, name: &str) -> Option<usize> {
        if let Some(index) = self.archive.index_for_name(name) {
            return Some(index);
        }
        self.archive.file_names_raw().position(|raw| {
            let raw = raw.strip_prefix(b"/").unwrap_or(raw);
            raw.len() == name.len()
                && raw.iter().zip(name.bytes()).all(|(&a, b)| {
                    let a = if a == b'\\' { b'/' } else { a };
                    a.eq_ignore_ascii_case(&b)
                })
        })
    }

    fn contains(&self, name: &str) -> bool {
        self.index_of(name).is_some()
    }

    /// Any entry whose name starts with `prefix` (such as `xl/`).
    fn contains_folder(&self, prefix: &str) -> bool {
        let prefix = prefix.as_bytes();
        self.archive.file_names_raw().any(|raw| {
            raw.len() >= prefix.len()
                && raw
                    .iter()
                    .zip(prefix)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        })
    }

    /// The decompressed bytes of entry `name`, `None` if there is none; refuses an entry that
    /// is encrypted or expands past the package's limit (or `limit` if smaller).
    fn read(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, DocError> {
        let Some(index) = self.index_of(name) else {
            return Ok(None);
        };
        let file = self.file;
        let limit = limit.min(self.limit);
        let encrypted_error = || {
            format!(
                "{name} in {file} is encrypted (a password-protected ZIP): save the document \
                 again without a password"
            )
        };
        match self.archive.by_index_raw(index) {
            Ok(entry) if entry.encrypted() => return Err(encrypted_error()),
            Ok(_) => {}
            Err(err) => return Err(format!("{file} is damaged: {name} cannot be found ({err})")),
        }
        let entry = match self.archive.by_index(index) {
            Ok(entry) => entry,
            Err(ZipError::UnsupportedArchive(reason)) if reason == ZipError::PASSWORD_REQUIRED => {
                return Err(encrypted_error());
            }
            Err(ZipError::CompressionMethodNotSupported(method)) => {
                return Err(format!(
                    "{name} in {file} uses a compression method factdiff cannot read \
                     (method {method}): save the document again from Word or LibreOffice"
                ));
            }
            Err(err) => return Err(format!("{file} is damaged: {name} cannot be read ({err})")),
        };
        let mut bytes = Vec::new();
        entry
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|err| format!("{file} is damaged: {name} cannot be decompressed ({err})"))?;
        if bytes.len() as u64 > limit {
            return Err(format!(
                "{name} expands to more than {} (a ZIP bomb?)",
                size_in_words(limit)
            ));
        }
        Ok(Some(bytes))
    }

    /// Reads and decodes an XML entry; `None` if there is none.
    fn read_xml(&mut self, name: &str, limit: u64) -> Result<Option<String>, DocError> {
        match self.read(name, limit)? {
            Some(bytes) => xml_text(name, bytes).map(Some),
            None => Ok(None),
        }
    }
}

/// "256 MiB", "1000 bytes".
fn size_in_words(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The text of an XML part: UTF-8 (with or without a byte order mark) or UTF-16 with a BOM,
/// the encodings the OPC and ODF packages allow.
fn xml_text(name: &str, bytes: Vec<u8>) -> Result<String, DocError> {
    let utf16 = |rest: &[u8], little_endian: bool| {
        let chunks = rest.chunks_exact(2);
        if !chunks.remainder().is_empty() {
            return Err(format!("{name} is not valid UTF-16 text (odd length)"));
        }
        let units = chunks.map(|pair| match pair {
            [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| format!("{name} is not valid UTF-16 text"))
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    let mut text = String::from_utf8(bytes).map_err(|err| {
        format!(
            "{name} is not UTF-8 text (invalid byte at {}): the file is damaged",
            err.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    Ok(text)
}

fn identify_package(package: &mut Package) -> ZipKind {
    let limit = MAX_METADATA_BYTES;
    let mimetype = package
        .read("mimetype", 1024)
        .ok()
        .flatten()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(|text| text.trim().to_ascii_lowercase());
    if let Some(kind) = mimetype.as_deref().and_then(kind_of_mimetype) {
        return kind;
    }
    if let Some(target) = package
        .read_xml("_rels/.rels", limit)
        .ok()
        .flatten()
        .and_then(|xml| office_document_target(&xml))
    {
        let target = target.to_ascii_lowercase();
        for (folder, kind) in OOXML_FOLDERS {
            if target.starts_with(folder) {
                return kind_of_folder(kind);
            }
        }
    }
    if package.contains("word/document.xml") {
        return ZipKind::Docx;
    }
    for (folder, kind) in OOXML_FOLDERS {
        if package.contains_folder(folder) {
            return kind_of_folder(kind);
        }
    }
    if package.contains("META-INF/container.xml") {
        return ZipKind::Other("an EPUB e-book".into());
    }
    // An OpenDocument file without a `mimetype` entry: its manifest says what it is.
    if let Some(manifest) = package
        .read_xml("META-INF/manifest.xml", limit)
        .ok()
        .flatten()
        .and_then(|xml| read_manifest(&xml).ok())
        && let Some(kind) = manifest.media_type.as_deref().and_then(kind_of_mimetype)
    {
        return kind;
    }
    ZipKind::Other("a ZIP archive".into())
}

/// Where the main part of an Office Open XML package lives, and what that makes it.
const OOXML_FOLDERS: [(&str, &str); 4] = [
    ("word/", "docx"),
    ("xl/", "a spreadsheet (.xlsx)"),
    ("ppt/", "a presentation (.pptx)"),
    ("visio/", "a Visio drawing (.vsdx)"),
];

fn kind_of_folder(kind: &str) -> ZipKind {
    if kind == "docx" {
        ZipKind::Docx
    } else {
        ZipKind::Other(kind.into())
    }
}

/// The kind named by an ODF or EPUB `mimetype`; `None` for one that names nothing known.
fn kind_of_mimetype(mimetype: &str) -> Option<ZipKind> {
    const ODF: &str = "application/vnd.oasis.opendocument.";
    if let Some(rest) = mimetype.strip_prefix(ODF) {
        let other = |what: &str| Some(ZipKind::Other(what.into()));
        return match rest {
            // Text, text template and master document all keep their text in content.xml.
            "text" | "text-template" | "text-master" => Some(ZipKind::Odt),
            "spreadsheet" | "spreadsheet-template" => other("a spreadsheet (.ods)"),
            "presentation" | "presentation-template" => other("a presentation (.odp)"),
            "graphics" | "graphics-template" => other("a drawing (.odg)"),
            "formula" => other("a formula (.odf)"),
            "chart" => other("a chart (.odc)"),
            "database" | "base" => other("a database (.odb)"),
            _ => Some(ZipKind::Other(format!(
                "an OpenDocument file of another kind ({mimetype})"
            ))),
        };
    }
    match mimetype {
        "application/epub+zip" => Some(ZipKind::Other("an EPUB e-book".into())),
        "application/vnd.sun.xml.writer" => Some(ZipKind::Other(
            "an OpenOffice.org 1 text (.sxw); open it in LibreOffice and save it as .odt".into(),
        )),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Streaming XML.

/// The XML namespaces this module tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ns {
    /// WordprocessingML, `w:` (transitional and strict).
    Word,
    /// Markup compatibility, `mc:`.
    Compat,
    /// Office math, `m:`.
    Math,
    /// Dublin Core, `dc:`.
    Dc,
    /// ODF `text:`.
    Text,
    /// ODF `office:`.
    Office,
    /// ODF `draw:`.
    Draw,
    /// ODF `svg:`.
    Svg,
    /// ODF `style:`.
    Style,
    Other,
}

impl Ns {
    fn of_uri(uri: &str) -> Self {
        match uri {
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Self::Word,
            "http://schemas.openxmlformats.org/markup-compatibility/2006" => Self::Compat,
            "http://schemas.openxmlformats.org/officeDocument/2006/math"
            | "http://purl.oclc.org/ooxml/officeDocument/math" => Self::Math,
            "http://purl.org/dc/elements/1.1/" => Self::Dc,
            "urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Self::Text,
            "urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Self::Office,
            "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" => Self::Draw,
            "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" => Self::Svg,
            "urn:oasis:names:tc:opendocument:xmlns:style:1.0" => Self::Style,
            _ => Self::Other,
        }
    }

    /// For a prefix that was never declared (a sloppy generator): the usual meaning.
    fn of_undeclared_prefix(prefix: &str) -> Self {
        match prefix {
            "w" => Self::Word,
            "mc" => Self::Compat,
            "m" => Self::Math,
            "dc" => Self::Dc,
            "text" => Self::Text,
            "office" => Self::Office,
            "draw" => Self::Draw,
            "svg" => Self::Svg,
            "style" => Self::Style,
            _ => Self::Other,
        }
    }
}

/// Receives the events of one XML part from [`walk`].
trait XmlHandler {
    /// What the handler remembers about each open element.
    type Tag: Copy;
    /// A start tag (or an empty element, which then gets [`Self::end`] at once). `open` holds
    /// the open elements, outermost first. `None` skips the element and all it contains.
    fn start(
        &mut self,
        open: &mut [Self::Tag],
        ns: Ns,
        local: &str,
        element: &BytesStart,
    ) -> Option<Self::Tag>;
    /// The end of an element `start` returned `tag` for.
    fn end(&mut self, open: &[Self::Tag], tag: Self::Tag);
    /// Character data (already unescaped) outside skipped elements.
    fn text(&mut self, open: &[Self::Tag], text: &str);
}

/// Streams `xml` (the part called `part`) through `handler`, without recursion.
fn walk<H: XmlHandler>(part: &str, xml: &str, handler: &mut H) -> Result<(), DocError> {
    let mut reader = NsReader::from_str(xml);
    let mut open: Vec<H::Tag> = Vec::new();
    // Depth inside an element the handler skipped; 0 when not skipping.
    let mut skipped: usize = 0;
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((resolved, event)) => {
                let ns = match resolved {
                    ResolveResult::Bound(uri) => Ns::of_uri(uri.0),
                    ResolveResult::Unknown(prefix) => Ns::of_undeclared_prefix(&prefix),
                    ResolveResult::Unbound => Ns::Other,
                };
                (ns, event)
            }
            Err(err) => {
                return Err(format!(
                    "{part} is not valid XML at byte {}: {err}",
                    reader.error_position()
                ));
            }
        };
        match event {
            Event::Start(element) => {
                if skipped > 0 {
                    skipped += 1;
                    continue;
                }
                if open.len() >= MAX_XML_DEPTH {
                    return Err(format!(
                        "{part} nests elements more than {MAX_XML_DEPTH} levels deep: \
                         not a document factdiff can read"
                    ));
                }
                let local = element.local_name();
                match handler.start(&mut open, ns, local.as_ref(), &element) {
                    Some(tag) => open.push(tag),
                    None => skipped = 1,
                }
            }
            Event::Empty(element) => {
                if skipped > 0 {
                    continue;
                }
                let local = element.local_name();
                if let Some(tag) = handler.start(&mut open, ns, local.as_ref(), &element) {
                    handler.end(&open, tag);
                }
            }
            Event::End(_) => {
                if skipped > 0 {
                    skipped -= 1;
                } else if let Some(tag) = open.pop() {
                    handler.end(&open, tag);
                }
            }
            Event::Text(text) if skipped == 0 => handler.text(&open, &text.xml10_content()),
            Event::CData(text) if skipped == 0 => handler.text(&open, &text.xml10_content()),
            Event::GeneralRef(reference) if skipped == 0 => {
                handler.text(&open, &resolve_reference(&reference))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let unclosed = open.len() + skipped;
    if unclosed > 0 {
        return Err(format!(
            "{part} is not valid XML: it ends with {unclosed} elements still open (the file is \
             damaged)"
        ));
    }
    Ok(())
}

/// `&amp;` → `&`, `&#x2019;` → `’`; an entity XML does not predefine stays as written.
fn resolve_reference(reference: &BytesRef) -> Cow<'static, str> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Cow::Owned(c.to_string());
    }
    let name: &str = reference;
    Cow::Borrowed(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return Cow::Owned(format!("&{name};")),
    })
}

/// The value of the attribute whose local name is `local` (`w:val` → "val"), unescaped.
fn attribute(element: &BytesStart, local: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|attr| attr.key.local_name().as_ref() == local)
        .map(
            |attr| match attr.normalized_value(XmlVersion::Implicit1_0) {
                Ok(value) => value.into_owned(),
                Err(_) => attr.value.into_owned(),
            },
        )
}

/// An OOXML on/off value: absent, "1", "true" and "on" are on.
fn is_on(value: Option<&str>) -> bool {
    !matches!(value, Some("0" | "false" | "off" | "none"))
}

// ---------------------------------------------------------------------------------------------
// Paragraphs to blocks, shared by both formats.

/// How a paragraph may give the document its title.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rank {
    Body,
    /// Styled Title (Titel, Titre).
    Title,
    /// A heading of level 1.
    Heading,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    /// Blocks already ended inside this paragraph by page breaks.
    pieces: Vec<String>,
    /// Blocks of text boxes anchored in this paragraph: they follow it.
    boxed: Vec<String>,
    style: Option<String>,
    outline_level: Option<u32>,
}

/// Gathers paragraphs into blocks, in reading order.
#[derive(Default)]
struct Blocks {
    /// Paragraphs being read, outermost first; more than one when a text box sits in one.
    open: Vec<Para>,
    /// Text boxes open (their paragraphs never give the title).
    text_boxes: usize,
    blocks: Vec<String>,
    title: Option<String>,
    heading: Option<String>,
}

impl Blocks {
    fn open_para(&mut self, para: Para) {
        self.open.push(para);
    }

    fn para(&mut self) -> Option<&mut Para> {
        self.open.last_mut()
    }

    fn push_str(&mut self, text: &str) {
        if let Some(para) = self.open.last_mut() {
            para.text.push_str(text);
        }
    }

    fn push(&mut self, c: char) {
        if let Some(para) = self.open.last_mut() {
            para.text.push(c);
        }
    }

    /// A page break: what came before it in the paragraph is a block of its own.
    fn page_break(&mut self) {
        if let Some(para) = self.open.last_mut()
            && let Some(block) = tidy(&para.text)
        {
            para.pieces.push(block);
            para.text.clear();
        }
    }

    /// Ends the innermost paragraph; `rank` says whether it may give the title.
    fn close_para(&mut self, rank: Rank) {
        let Some(mut para) = self.open.pop() else {
            return;
        };
        let mut done = std::mem::take(&mut para.pieces);
        done.extend(tidy(&para.text));
        if self.open.is_empty() && self.text_boxes == 0 && !done.is_empty() {
            let slot = match rank {
                Rank::Title => &mut self.title,
                Rank::Heading => &mut self.heading,
                Rank::Body => &mut None,
            };
            if slot.is_none() {
                *slot = one_line(&done.join(" "));
            }
        }
        done.append(&mut para.boxed);
        match self.open.last_mut() {
            Some(outer) => outer.boxed.append(&mut done),
            None => self.blocks.append(&mut done),
        }
    }

    /// The blocks, the title the paragraph styles suggest, or the "no text" error.
    fn finish(self) -> Result<(Vec<String>, Option<String>), DocError> {
        if self.blocks.is_empty() {
            return Err("the document contains no text".into());
        }
        Ok((self.blocks, self.title.or(self.heading)))
    }
}

/// A space the layout may not break or stretch: kept as it is, not collapsed.
fn is_fixed_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

/// Whitespace collapsed to single spaces on each line, lines trimmed (fixed spaces at the
/// ends of a line too), empty lines dropped; `None` when nothing is left.
fn tidy(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    for line in raw.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let mut in_space = false;
        for c in line.chars() {
            if c.is_whitespace() && !is_fixed_space(c) {
                if !in_space {
                    out.push(' ');
                    in_space = true;
                }
            } else {
                out.push(c);
                in_space = false;
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// [`tidy`] on one line: for titles.
fn one_line(text: &str) -> Option<String> {
    tidy(text).map(|text| text.replace('\n', " "))
}

// ---------------------------------------------------------------------------------------------
// Word (.docx).

fn docx_with_limit(bytes: &[u8], limit: u64) -> Result<Extracted, DocError> {
    let mut package = Package::open(bytes, limit, "the .docx file")?;
    let meta_limit = MAX_METADATA_BYTES;
    let relations = package
        .read_xml("_rels/.rels", meta_limit)
        .ok()
        .flatten()
        .and_then(|xml| read_relationships(&xml).ok())
        .unwrap_or_default();
    let main = relations
        .iter()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, target)| part_name("", target))
        .unwrap_or_else(|| "word/document.xml".into());
    match identify_package(&mut package) {
        ZipKind::Docx => {}
        ZipKind::Odt => {
            return Err("the file is an OpenDocument text (.odt), not a Word document".into());
        }
        ZipKind::Other(kind) if kind != "a ZIP archive" => {
            return Err(format!("the file is {kind}, not a Word document"));
        }
        ZipKind::Other(_) => {
            return Err(format!("the .docx file has no {main}: not a Word document"));
        }
    }
    let Some(document) = package.read_xml(&main, limit)? else {
        return Err(format!("the .docx file has no {main}: not a Word document"));
    };

    let mut warnings = Vec::new();
    let styles = read_word_styles(&mut package, &main, &mut warnings);
    let mut body = WordBody {
        styles,
        ..WordBody::default()
    };
    walk(&main, &document, &mut body)?;
    if body.tracked_changes {
        warnings.push(
            "the document has tracked changes: read with insertions kept and deletions removed"
                .into(),
        );
    }
    if body.hidden_text {
        warnings.push("hidden text was left out".into());
    }
    let (blocks, styled_title) = body.blocks.finish()?;

    let core = relations
        .iter()
        .find(|(kind, _)| kind.ends_with("/core-properties"))
        .map(|(_, target)| part_name("", target))
        .unwrap_or_else(|| "docProps/core.xml".into());
    let title = match package.read_xml(&core, meta_limit) {
        Ok(Some(xml)) => match dublin_core_title(&core, &xml) {
            Ok(title) => title,
            Err(err) => {
                warnings.push(format!("title not read from document properties: {err}"));
                None
            }
        },
        Ok(None) => None,
        Err(err) => {
            warnings.push(format!("title not read from document properties: {err}"));
            None
        }
    };
    Ok(Extracted {
        blocks,
        title: title.or(styled_title),
        date: None,
        warnings,
    })
}

/// A relationship target as a part name: `/word/document.xml` or `document.xml` next to
/// the source part's folder `base` (`word/`), with `../` resolved.
fn part_name(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|part| !part.is_empty()).collect()
    };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// `(Type, Target)` of each relationship in a `.rels` part.
fn read_relationships(xml: &str) -> Result<Vec<(String, String)>, DocError> {
    struct Rels(Vec<(String, String)>);
    impl XmlHandler for Rels {
        type Tag = ();
        fn start(&mut self, _: &mut [()], _: Ns, local: &str, e: &BytesStart) -> Option<()> {
            if local == "Relationship"
                && attribute(e, "TargetMode").as_deref() != Some("External")
                && let (Some(kind), Some(target)) = (attribute(e, "Type"), attribute(e, "Target"))
            {
                self.0.push((kind, target));
            }
            Some(())
        }
        fn end(&mut self, _: &[()], _: ()) {}
        fn text(&mut self, _: &[()], _: &str) {}
    }
    let mut rels = Rels(Vec::new());
    walk(".rels", xml, &mut rels)?;
    Ok(rels.0)
}

/// The main part a package's `_rels/.rels` points to (`word/document.xml`).
fn office_document_target(rels_xml: &str) -> Option<String> {
    read_relationships(rels_xml)
        .ok()?
        .into_iter()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, target)| part_name("", &target))
}

/// The first `dc:title` of a `docProps/core.xml` or `meta.xml`, if not blank.
fn dublin_core_title(part: &str, xml: &str) -> Result<Option<String>, DocError> {
    #[derive(Default)]
    struct Title {
        text: String,
        done: bool,
    }
    impl XmlHandler for Title {
        type Tag = bool;
        fn start(&mut self, _: &mut [bool], ns: Ns, local: &str, _: &BytesStart) -> Option<bool> {
            Some(!self.done && ns == Ns::Dc && local == "title")
        }
        fn end(&mut self, _: &[bool], tag: bool) {
            if tag {
                self.done = true;
            }
        }
        fn text(&mut self, open: &[bool], text: &str) {
            if !self.done && open.iter().any(|&tag| tag) {
                self.text.push_str(text);
            }
        }
    }
    let mut title = Title::default();
    walk(part, xml, &mut title)?;
    Ok(one_line(&title.text))
}

/// A paragraph style of `word/styles.xml`.
#[derive(Clone, Debug, Default)]
struct WordStyle {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u32>,
}

/// The paragraph styles by id; empty (with a warning if damaged) when there are none.
fn read_word_styles(
    package: &mut Package,
    main: &str,
    warnings: &mut Vec<String>,
) -> HashMap<String, WordStyle> {
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = if folder.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{folder}/_rels/{file}.rels")
    };
    let styles_part = package
        .read_xml(&rels_name, MAX_METADATA_BYTES)
        .ok()
        .flatten()
        .and_then(|xml| read_relationships(&xml).ok())
        .and_then(|rels| {
            rels.into_iter()
                .find(|(kind, _)| kind.ends_with("/styles"))
                .map(|(_, target)| part_name(folder, &target))
        })
        .unwrap_or_else(|| "word/styles.xml".into());
    let xml = match package.read_xml(&styles_part, MAX_METADATA_BYTES) {
        Ok(Some(xml)) => xml,
        Ok(None) => return HashMap::new(),
        Err(err) => {
            warnings.push(format!("paragraph styles not read: {err}"));
            return HashMap::new();
        }
    };
    let mut styles = WordStyles::default();
    match walk(&styles_part, &xml, &mut styles) {
        Ok(()) => styles.styles,
        Err(err) => {
            warnings.push(format!("paragraph styles not read: {err}"));
            HashMap::new()
        }
    }
}

#[derive(Default)]
struct WordStyles {
    styles: HashMap<String, WordStyle>,
    current: Option<(String, WordStyle)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum StyleTag {
    Style,
    ParaProps,
    Other,
}

impl XmlHandler for WordStyles {
    type Tag = StyleTag;
    fn start(
        &mut self,
        open: &mut [StyleTag],
        ns: Ns,
        local: &str,
        e: &BytesStart,
    ) -> Option<StyleTag> {
        if ns != Ns::Word {
            return Some(StyleTag::Other);
        }
        let parent = open.last().copied();
        match (local, parent) {
            ("style", _) => {
                let paragraph = attribute(e, "type").is_none_or(|kind| kind == "paragraph");
                self.current = attribute(e, "styleId")
                    .filter(|_| paragraph)
                    .map(|id| (id, WordStyle::default()));
                return Some(StyleTag::Style);
            }
            ("pPr", Some(StyleTag::Style)) => return Some(StyleTag::ParaProps),
            _ => {}
        }
        if let Some((_, style)) = self.current.as_mut() {
            match (local, parent) {
                ("name", Some(StyleTag::Style)) => {
                    style.name = attribute(e, "val").unwrap_or_default()
                }
                ("basedOn", Some(StyleTag::Style)) => style.based_on = attribute(e, "val"),
                ("outlineLvl", Some(StyleTag::ParaProps)) => {
                    style.outline_level = attribute(e, "val").and_then(|v| v.parse().ok());
                }
                _ => {}
            }
        }
        Some(StyleTag::Other)
    }
    fn end(&mut self, _: &[StyleTag], tag: StyleTag) {
        if tag == StyleTag::Style
            && let Some((id, style)) = self.current.take()
        {
            self.styles.insert(id, style);
        }
    }
    fn text(&mut self, _: &[StyleTag], _: &str) {}
}

/// Whether the paragraph style `id` makes a title or a level-1 heading: by its name in
/// `styles.xml` ("Title", "heading 1", or outline level 0), following `basedOn` a few steps,
/// else by the ids Word gives those styles in English, German and French.
fn word_style_rank(styles: &HashMap<String, WordStyle>, id: &str) -> Rank {
    let mut next = Some(id);
    for _ in 0..8 {
        let Some(style) = next.and_then(|id| styles.get(id)) else {
            break;
        };
        let name = style.name.to_lowercase();
        if name == "title" {
            return Rank::Title;
        }
        if name == "heading 1" || style.outline_level == Some(0) {
            return Rank::Heading;
        }
        next = style.based_on.as_deref();
    }
    let id = id.to_lowercase();
    match id.as_str() {
        "title" | "titel" | "titre" => Rank::Title,
        "heading1" | "berschrift1" | "überschrift1" | "titre1" => Rank::Heading,
        _ => Rank::Body,
    }
}

/// What [`WordBody`] remembers about an open element of `word/document.xml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordTag {
    Para,
    ParaProps,
    Run,
    RunProps,
    /// `w:t` or `m:t`; `preserve` is `xml:space="preserve"`.
    Text {
        preserve: bool,
    },
    TextBox,
    /// A content control; `toc` when it holds a table of contents.
    ContentControl {
        toc: bool,
    },
    /// `mc:AlternateContent`; `chosen` once its first `mc:Choice` was taken.
    Alternatives {
        chosen: bool,
    },
    Other,
}

/// Reads `word/document.xml` into blocks.
#[derive(Default)]
struct WordBody {
    blocks: Blocks,
    /// Paragraph styles by id, from `word/styles.xml`.
    styles: HashMap<String, WordStyle>,
    /// The text of the open `w:t`.
    text: String,
    run_hidden: bool,
    tracked_changes: bool,
    hidden_text: bool,
}

impl WordBody {
    /// False inside a run formatted as hidden text (and notes that text was hidden).
    fn visible(&mut self, open: &[WordTag]) -> bool {
        if self.run_hidden && open.last() == Some(&WordTag::Run) {
            self.hidden_text = true;
            return false;
        }
        true
    }

    /// How the innermost open paragraph may give the title.
    fn rank(&self) -> Rank {
        let Some(para) = self.blocks.open.last() else {
            return Rank::Body;
        };
        match para
            .style
            .as_deref()
            .map(|id| word_style_rank(&self.styles, id))
        {
            Some(Rank::Title) => Rank::Title,
            Some(Rank::Heading) => Rank::Heading,
            _ if para.outline_level == Some(0) => Rank::Heading,
            _ => Rank::Body,
        }
    }
}

impl XmlHandler for WordBody {
    type Tag = WordTag;

    fn start(
        &mut self,
        open: &mut [WordTag],
        ns: Ns,
        local: &str,
        e: &BytesStart,
    ) -> Option<WordTag> {
        let parent = open.last().copied();
        let in_run = parent == Some(WordTag::Run);
        match ns {
            Ns::Word => {}
            Ns::Compat => {
                return match local {
                    "AlternateContent" => Some(WordTag::Alternatives { chosen: false }),
                    // The same content again for older readers: take the first choice only.
                    "Choice" => match open.last_mut() {
                        Some(WordTag::Alternatives { chosen }) if !*chosen => {
                            *chosen = true;
                            Some(WordTag::Other)
                        }
                        _ => None,
                    },
                    "Fallback" => None,
                    _ => Some(WordTag::Other),
                };
            }
            Ns::Math if local == "t" => {
                let preserve = attribute(e, "space").as_deref() == Some("preserve");
                self.text.clear();
                return Some(WordTag::Text { preserve });
            }
            _ => return Some(WordTag::Other),
        }
        match local {
            "p" => {
                self.blocks.open_para(Para::default());
                Some(WordTag::Para)
            }
            "pPr" if parent == Some(WordTag::Para) => Some(WordTag::ParaProps),
            "pStyle" if parent == Some(WordTag::ParaProps) => {
                if let Some(para) = self.blocks.para() {
                    para.style = attribute(e, "val");
                }
                Some(WordTag::Other)
            }
            "outlineLvl" if parent == Some(WordTag::ParaProps) => {
                if let Some(para) = self.blocks.para() {
                    para.outline_level = attribute(e, "val").and_then(|v| v.parse().ok());
                }
                Some(WordTag::Other)
            }
            "r" => {
                self.run_hidden = false;
                Some(WordTag::Run)
            }
            "rPr" if in_run => Some(WordTag::RunProps),
            "vanish" if parent == Some(WordTag::RunProps) => {
                self.run_hidden = is_on(attribute(e, "val").as_deref());
                Some(WordTag::Other)
            }
            "t" if in_run => {
                let preserve = attribute(e, "space").as_deref() == Some("preserve");
                self.text.clear();
                Some(WordTag::Text { preserve })
            }
            "tab" | "ptab" if in_run => {
                if self.visible(open) {
                    self.blocks.push(' ');
                }
                Some(WordTag::Other)
            }
            "br" if in_run => {
                if self.visible(open) {
                    if attribute(e, "type").as_deref() == Some("page") {
                        self.blocks.page_break();
                    } else {
                        self.blocks.push('\n');
                    }
                }
                Some(WordTag::Other)
            }
            "cr" if in_run => {
                if self.visible(open) {
                    self.blocks.push('\n');
                }
                Some(WordTag::Other)
            }
            "noBreakHyphen" if in_run => {
                if self.visible(open) {
                    self.blocks.push('-');
                }
                Some(WordTag::Other)
            }
            "sym" if in_run => {
                // Symbol fonts put their glyphs in the private use area: those are skipped.
                let symbol = attribute(e, "char")
                    .and_then(|hex| u32::from_str_radix(&hex, 16).ok())
                    .filter(|code| !(0xE000..=0xF8FF).contains(code))
                    .and_then(char::from_u32);
                if let Some(c) = symbol
                    && self.visible(open)
                {
                    self.blocks.push(c);
                }
                Some(WordTag::Other)
            }
            "txbxContent" => {
                self.blocks.text_boxes += 1;
                Some(WordTag::TextBox)
            }
            "sdt" => Some(WordTag::ContentControl { toc: false }),
            "docPartGallery" => {
                if attribute(e, "val").as_deref() == Some("Table of Contents")
                    && let Some(WordTag::ContentControl { toc }) = open
                        .iter_mut()
                        .rev()
                        .find(|tag| matches!(tag, WordTag::ContentControl { .. }))
                {
                    *toc = true;
                }
                Some(WordTag::Other)
            }
            "sdtContent" if parent == Some(WordTag::ContentControl { toc: true }) => None,
            "del" | "moveFrom" => {
                self.tracked_changes = true;
                None
            }
            "ins" | "moveTo" => {
                self.tracked_changes = true;
                Some(WordTag::Other)
            }
            // Deleted text, field instructions, ruby (phonetic) text, section properties,
            // and the previous formatting that tracked changes keep.
            "delText" | "instrText" | "delInstrText" | "rt" | "sectPr" => None,
            _ if local.ends_with("Change") => None,
            _ => Some(WordTag::Other),
        }
    }

    fn end(&mut self, open: &[WordTag], tag: WordTag) {
        match tag {
            WordTag::Para => {
                let rank = self.rank();
                self.blocks.close_para(rank);
            }
            WordTag::Text { preserve } => {
                // Word drops the spaces at the ends of a `w:t` unless told to keep them.
                if self.visible(open) {
                    let text = if preserve {
                        self.text.as_str()
                    } else {
                        self.text.trim_matches([' ', '\t', '\r', '\n'])
                    };
                    self.blocks.push_str(text);
                }
                self.text.clear();
            }
            WordTag::TextBox => self.blocks.text_boxes = self.blocks.text_boxes.saturating_sub(1),
            WordTag::Run => self.run_hidden = false,
            _ => {}
        }
    }

    fn text(&mut self, open: &[WordTag], text: &str) {
        if matches!(open.last(), Some(WordTag::Text { .. })) {
            self.text.push_str(text);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// OpenDocument text (.odt).

fn odt_with_limit(bytes: &[u8], limit: u64) -> Result<Extracted, DocError> {
    let mut package = Package::open(bytes, limit, "the .odt file")?;
    let mimetype = package
        .read("mimetype", 1024)
        .ok()
        .flatten()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(|text| text.trim().to_ascii_lowercase());
    if let Some(ZipKind::Other(kind)) = mimetype.as_deref().and_then(kind_of_mimetype) {
        return Err(format!(
            "the file is {kind}, not an OpenDocument text (.odt)"
        ));
    }
    if let Some(xml) = package
        .read_xml("META-INF/manifest.xml", MAX_METADATA_BYTES)
        .ok()
        .flatten()
        && let Ok(manifest) = read_manifest(&xml)
        && manifest.encrypted
    {
        return Err(
            "the .odt file is password-protected: open it in LibreOffice and save it \
                    again without a password"
                .into(),
        );
    }
    let Some(content) = package.read_xml("content.xml", limit)? else {
        return Err(match identify_package(&mut package) {
            ZipKind::Other(kind) if kind != "a ZIP archive" => {
                format!("the file is {kind}, not an OpenDocument text (.odt)")
            }
            ZipKind::Docx => "the file is a Word document (.docx), not an OpenDocument text".into(),
            _ => "the .odt file has no content.xml: not an OpenDocument text".into(),
        });
    };

    let mut warnings = Vec::new();
    let mut body = OdfBody::default();
    walk("content.xml", &content, &mut body)?;
    if body.tracked_changes {
        warnings.push(
            "the document has tracked changes: read with insertions kept and deletions removed"
                .into(),
        );
    }
    let (blocks, styled_title) = body.blocks.finish()?;
    let title = match package.read_xml("meta.xml", MAX_METADATA_BYTES) {
        Ok(Some(xml)) => match dublin_core_title("meta.xml", &xml) {
            Ok(title) => title,
            Err(err) => {
                warnings.push(format!("title not read from document properties: {err}"));
                None
            }
        },
        Ok(None) => None,
        Err(err) => {
            warnings.push(format!("title not read from document properties: {err}"));
            None
        }
    };
    Ok(Extracted {
        blocks,
        title: title.or(styled_title),
        date: None,
        warnings,
    })
}

/// What [`OdfBody`] remembers about an open element of `content.xml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OdfTag {
    /// `text:p` or `text:h`.
    Para,
    /// An element of the `text:` namespace inside a paragraph (span, link, field).
    Inline,
    TextBox,
    /// `style:style`: an automatic style, recorded for finding the title.
    Style,
    Other,
}

/// Reads `content.xml` into blocks.
#[derive(Default)]
struct OdfBody {
    blocks: Blocks,
    /// Automatic styles (`P1`) and the named style each is based on (`Title`).
    parent_styles: HashMap<String, String>,
    tracked_changes: bool,
}

impl OdfBody {
    /// Whether a paragraph in style `name` with `outline_level` may give the title: styled
    /// Title (directly or through an automatic style), or a heading of level 1.
    fn rank(&self, para: &Para) -> Rank {
        let mut name = para.style.as_deref();
        for _ in 0..8 {
            let Some(current) = name else {
                break;
            };
            if current.eq_ignore_ascii_case("Title") {
                return Rank::Title;
            }
            name = self.parent_styles.get(current).map(String::as_str);
        }
        if para.outline_level == Some(1) {
            Rank::Heading
        } else {
            Rank::Body
        }
    }
}

impl XmlHandler for OdfBody {
    type Tag = OdfTag;

    fn start(&mut self, _: &mut [OdfTag], ns: Ns, local: &str, e: &BytesStart) -> Option<OdfTag> {
        match (ns, local) {
            (Ns::Text, "p" | "h") => {
                let outline_level = match local {
                    // A heading without a level is of level 1.
                    "h" => Some(
                        attribute(e, "outline-level")
                            .and_then(|level| level.parse().ok())
                            .unwrap_or(1),
                    ),
                    _ => None,
                };
                self.blocks.open_para(Para {
                    style: attribute(e, "style-name"),
                    outline_level,
                    ..Para::default()
                });
                Some(OdfTag::Para)
            }
            // `c` spaces; one is enough, as runs of spaces are collapsed.
            (Ns::Text, "s" | "tab") => {
                self.blocks.push(' ');
                Some(OdfTag::Other)
            }
            (Ns::Text, "line-break") => {
                self.blocks.push('\n');
                Some(OdfTag::Other)
            }
            (Ns::Text, "tracked-changes") => {
                self.tracked_changes = true;
                None
            }
            // Footnotes and endnotes (citation and body), declarations, list labels, ruby
            // text, and generated indexes (a table of contents repeats the headings).
            (
                Ns::Text,
                "note"
                | "sequence-decls"
                | "variable-decls"
                | "user-field-decls"
                | "dde-connection-decls"
                | "number"
                | "ruby-text"
                | "table-of-content"
                | "alphabetical-index"
                | "illustration-index"
                | "table-index"
                | "object-index"
                | "user-index"
                | "bibliography",
            ) => None,
            (Ns::Text, "change-start" | "change" | "change-end") => {
                self.tracked_changes = true;
                Some(OdfTag::Other)
            }
            (Ns::Text, "list" | "list-item" | "list-header" | "section" | "soft-page-break") => {
                Some(OdfTag::Other)
            }
            (Ns::Text, _) => Some(OdfTag::Inline),
            (Ns::Office, "annotation" | "forms" | "binary-data" | "scripts") => None,
            (Ns::Draw, "text-box") => {
                self.blocks.text_boxes += 1;
                Some(OdfTag::TextBox)
            }
            (Ns::Draw, "image" | "object" | "object-ole" | "applet" | "plugin") => None,
            (Ns::Svg, "title" | "desc") => None,
            (Ns::Style, "style") => {
                if let (Some(name), Some(parent)) =
                    (attribute(e, "name"), attribute(e, "parent-style-name"))
                {
                    self.parent_styles.insert(name, parent);
                }
                Some(OdfTag::Style)
            }
            _ => Some(OdfTag::Other),
        }
    }

    fn end(&mut self, _: &[OdfTag], tag: OdfTag) {
        match tag {
            OdfTag::Para => {
                let rank = self.blocks.open.last().map_or(Rank::Body, |p| self.rank(p));
                self.blocks.close_para(rank);
            }
            OdfTag::TextBox => self.blocks.text_boxes = self.blocks.text_boxes.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, open: &[OdfTag], text: &str) {
        if matches!(open.last(), Some(OdfTag::Para | OdfTag::Inline)) {
            self.blocks.push_str(text);
        }
    }
}

/// What `META-INF/manifest.xml` says about a package.
#[derive(Default)]
struct Manifest {
    /// The media type of the package as a whole (entry `/`).
    media_type: Option<String>,
    /// Whether `content.xml` is stored encrypted (a password-protected document).
    encrypted: bool,
}

fn read_manifest(xml: &str) -> Result<Manifest, DocError> {
    #[derive(Default)]
    struct Reader {
        manifest: Manifest,
        /// `full-path` of the open `manifest:file-entry`.
        entry: Option<String>,
    }
    impl XmlHandler for Reader {
        type Tag = bool;
        fn start(&mut self, _: &mut [bool], _: Ns, local: &str, e: &BytesStart) -> Option<bool> {
            match local {
                "file-entry" => {
                    let path = attribute(e, "full-path");
                    if path.as_deref() == Some("/") {
                        self.manifest.media_type =
                            attribute(e, "media-type").map(|t| t.trim().to_ascii_lowercase());
                    }
                    self.entry = path;
                    Some(true)
                }
                "encryption-data" => {
                    if self.entry.as_deref() == Some("content.xml") {
                        self.manifest.encrypted = true;
                    }
                    Some(false)
                }
                _ => Some(false),
            }
        }
        fn end(&mut self, _: &[bool], entry: bool) {
            if entry {
                self.entry = None;
            }
        }
        fn text(&mut self, _: &[bool], _: &str) {}
    }
    let mut reader = Reader::default();
    walk("META-INF/manifest.xml", xml, &mut reader)?;
    Ok(reader.manifest)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::unstable::write::FileOptionsExt;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    use super::*;

    /// A ZIP of `(name, content)` entries, deflated except `mimetype` (as ODF requires).
    fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in entries {
            let method = if *name == "mimetype" {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            };
            let options = SimpleFileOptions::default().compression_method(method);
            writer.start_file(*name, options).unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

    const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

    const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.lyon.fr/" TargetMode="External"/></Relationships>"#;

    /// Styles of a French Word: the ids are French, the names English.
    const STYLES_FR: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Titre"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Chapeau"><w:name w:val="Chapeau"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="character" w:styleId="Lienhypertexte"><w:name w:val="Hyperlink"/></w:style></w:styles>"#;

    const W_ROOT: &str = r#"<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" mc:Ignorable="w14 wp14">"#;

    fn core_with_title(title: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>Service politique</dc:creator><dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-12T09:41:00Z</dcterms:modified></cp:coreProperties>"#
        )
    }

    /// A .docx whose body is `body`, with French styles and `core` as `docProps/core.xml`.
    fn docx_of(body: &str, core: Option<&str>) -> Vec<u8> {
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n{W_ROOT}<w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
        );
        let mut entries = vec![
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", PACKAGE_RELS),
            ("word/document.xml", document.as_str()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
            ("word/styles.xml", STYLES_FR),
        ];
        if let Some(core) = core {
            entries.push(("docProps/core.xml", core));
        }
        zip_of(&entries)
    }

    fn para(text: &str) -> String {
        format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    /// A French article with everything Word puts around the text.
    const FRENCH_BODY: &str = concat!(
        // A table of contents in a content control: generated, left out.
        r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Table des matières</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Titre"/></w:pPr><w:r><w:t>Lyon : le budget des transports</w:t></w:r><w:r><w:t xml:space="preserve"> augmente</w:t></w:r></w:p>"#,
        // Runs split mid-word, a deletion and an insertion, a footnote reference.
        r#"<w:p w14:paraId="1A2B3C4D"><w:pPr><w:pStyle w:val="Chapeau"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Le maire de </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Ly</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>on</w:t></w:r><w:r><w:t xml:space="preserve">, Grégory Doucet, a annoncé </w:t></w:r><w:del w:id="1" w:author="Rédaction" w:date="2024-03-12T09:00:00Z"><w:r><w:delText xml:space="preserve">12 </w:delText></w:r></w:del><w:ins w:id="2" w:author="Rédaction"><w:r><w:t xml:space="preserve">15 </w:t></w:r></w:ins><w:r><w:t>millions d’euros.</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Appelnotedebasdep"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>"#,
        // Non-breaking spaces inside French quotes, a hyperlink, a simple field.
        "<w:p><w:r><w:t xml:space=\"preserve\">«\u{a0}Nous avons tenu nos promesses\u{a0}», a-t-il déclaré sur </w:t></w:r><w:hyperlink r:id=\"rId9\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Lienhypertexte\"/></w:rPr><w:t>le site de la ville</w:t></w:r></w:hyperlink><w:r><w:t xml:space=\"preserve\"> le </w:t></w:r><w:fldSimple w:instr=\" DATE \\@ &quot;d MMMM yyyy&quot; \"><w:r><w:t>12 mars 2024</w:t></w:r></w:fldSimple><w:r><w:t>.</w:t></w:r></w:p>",
        // A complex field: the instruction is left out, the result kept; a comment anchor.
        r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#,
        // A text box, written twice (choice and fallback), anchored mid-paragraph.
        r##"<w:p><w:r><w:t xml:space="preserve">Le réseau TCL </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:docPr id="1" name="Zone de texte 1" descr="encadré"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Encadré : 1,4 million de voyages par jour</w:t></w:r></w:p><w:p><w:r><w:t>Source : Sytral</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="Zone de texte 1" o:spid="_x0000_s1026" type="#_x0000_t202"><v:textbox><w:txbxContent><w:p><w:r><w:t>Encadré : 1,4 million de voyages par jour</w:t></w:r></w:p><w:p><w:r><w:t>Source : Sytral</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve">transporte chaque jour des milliers d’usagers.</w:t></w:r></w:p>"##,
        r#"<w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr><w:r><w:t>Un budget en hausse</w:t></w:r></w:p>"#,
        // A table: each cell paragraph is a block.
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="Grilledutableau"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4531"/><w:gridCol w:w="4531"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4531" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>Année</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="4531" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>Budget</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>2024</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>15 M€</w:t></w:r></w:p><w:p/></w:tc></w:tr></w:tbl>"#,
        // A content control that is not a table of contents: kept.
        r#"<w:sdt><w:sdtPr><w:alias w:val="Signature"/><w:tag w:val="byline"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Par Claire Martin</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        // Tabs, line breaks, hyphens, symbols, hidden text, spaces Word drops.
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2268"/></w:tabs></w:pPr><w:r><w:t>Ligne</w:t></w:r><w:r><w:tab/><w:t>T2</w:t></w:r><w:r><w:br/><w:t>vers Saint</w:t></w:r><w:r><w:noBreakHyphen/><w:t>Étienne</w:t></w:r><w:r><w:t xml:space="preserve"> et Villeur</w:t></w:r><w:r><w:softHyphen/><w:t>banne</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r><w:r><w:sym w:font="Calibri" w:char="2013"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>note interne : vérifier</w:t></w:r><w:r><w:t>   fin   du   trajet   </w:t></w:r></w:p>"#,
        "<w:p/>",
        r#"<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>"#,
        // A page break ends the block, mid-paragraph.
        r#"<w:p><w:r><w:t>Avant la coupure.</w:t></w:r><w:r><w:br w:type="page"/></w:r><w:r><w:lastRenderedPageBreak/><w:t>Après la coupure.</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:rPr><w:ins w:id="7" w:author="R"/></w:rPr><w:pPrChange w:id="8" w:author="R"><w:pPr><w:pStyle w:val="Titre"/></w:pPr></w:pPrChange></w:pPr><w:moveFrom w:id="9" w:author="R"><w:r><w:t>Phrase déplacée.</w:t></w:r></w:moveFrom><w:r><w:t xml:space="preserve">Fin de l’article. </w:t></w:r><w:moveTo w:id="10" w:author="R"><w:r><w:t>Phrase déplacée.</w:t></w:r></w:moveTo></w:p>"#,
    );

    #[test]
    fn docx_reads_a_french_article_in_order() {
        let bytes = docx_of(FRENCH_BODY, None);
        let extracted = docx(&bytes).unwrap();
        let expected = [
            "Lyon : le budget des transports augmente",
            "Le maire de Lyon, Grégory Doucet, a annoncé 15 millions d’euros.",
            "«\u{a0}Nous avons tenu nos promesses\u{a0}», a-t-il déclaré sur le site de la ville le 12 mars 2024.",
            "Page 3",
            "Le réseau TCL transporte chaque jour des milliers d’usagers.",
            "Encadré : 1,4 million de voyages par jour",
            "Source : Sytral",
            "Un budget en hausse",
            "Année",
            "Budget",
            "2024",
            "15 M€",
            "Par Claire Martin",
            "Ligne T2\nvers Saint-Étienne et Villeurbanne–fin du trajet",
            "Avant la coupure.",
            "Après la coupure.",
            "Fin de l’article. Phrase déplacée.",
        ];
        assert_eq!(extracted.blocks, expected);
        assert_eq!(
            extracted.title.as_deref(),
            Some("Lyon : le budget des transports augmente")
        );
        assert_eq!(extracted.date, None);
        assert_eq!(
            extracted.warnings,
            [
                "the document has tracked changes: read with insertions kept and deletions removed",
                "hidden text was left out"
            ]
        );
    }

    #[test]
    fn docx_title_prefers_document_properties() {
        let core = core_with_title("Transports à Lyon &amp; alentours");
        let extracted = docx(&docx_of(FRENCH_BODY, Some(&core))).unwrap();
        assert_eq!(
            extracted.title.as_deref(),
            Some("Transports à Lyon & alentours")
        );
        // A blank title in the properties is no title.
        let core = core_with_title("  ");
        let extracted = docx(&docx_of(FRENCH_BODY, Some(&core))).unwrap();
        assert_eq!(
            extracted.title.as_deref(),
            Some("Lyon : le budget des transports augmente")
        );
    }

    #[test]
    fn docx_title_falls_back_to_heading_one_and_style_ids() {
        // German Word without styles.xml: the id "berschrift1" is Heading 1.
        let body = concat!(
            r#"<w:p><w:r><w:t>Berlin, 12. März 2024</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="berschrift1"/></w:pPr><w:r><w:t>Straßenbahn fährt wieder</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Der Bürgermeister ließ verlauten: „Die Linie M10 fährt ab Montag.“</w:t></w:r></w:p>"#,
        );
        let document = format!("{W_ROOT}<w:body>{body}</w:body></w:document>");
        let bytes = zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", PACKAGE_RELS),
            ("word/document.xml", &document),
        ]);
        let extracted = docx(&bytes).unwrap();
        assert_eq!(
            extracted.blocks,
            [
                "Berlin, 12. März 2024",
                "Straßenbahn fährt wieder",
                "Der Bürgermeister ließ verlauten: „Die Linie M10 fährt ab Montag.“"
            ]
        );
        assert_eq!(extracted.title.as_deref(), Some("Straßenbahn fährt wieder"));
        assert!(extracted.warnings.is_empty());
        // A direct outline level 0 is a level-1 heading too.
        let body = concat!(
            r#"<w:p><w:r><w:t>Dateline</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>Council votes on rents</w:t></w:r></w:p>"#,
        );
        let extracted = docx(&docx_of(body, None)).unwrap();
        assert_eq!(extracted.title.as_deref(), Some("Council votes on rents"));
        // No styled paragraph: no title.
        let extracted = docx(&docx_of(&para("Just a paragraph."), None)).unwrap();
        assert_eq!(extracted.title, None);
    }

    #[test]
    fn docx_with_other_prefixes_math_and_utf16() {
        // A generator using the default namespace instead of `w:`.
        let document = r#"<?xml version="1.0"?><document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><body><p><r><t xml:space="preserve">Inflation at </t></r><m:oMath><m:r><m:t>2.4%</m:t></m:r></m:oMath></p><p><r><t xml:space="preserve">a  &lt;b&gt; &#x2019; &#8364;</t></r></p></body></document>"#;
        let bytes = zip_of(&[("word/document.xml", document)]);
        let extracted = docx(&bytes).unwrap();
        assert_eq!(extracted.blocks, ["Inflation at 2.4%", "a <b> ’ €"]);
        // UTF-16 with a byte order mark, as OPC allows.
        let mut utf16 = vec![0xFF, 0xFE];
        let xml = format!("{W_ROOT}<w:body>{}</w:body></w:document>", para("Zürich"));
        utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .start_file("word/document.xml", SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&utf16).unwrap();
        let bytes = writer.finish().unwrap().into_inner();
        assert_eq!(docx(&bytes).unwrap().blocks, ["Zürich"]);
    }

    #[test]
    fn docx_main_part_is_found_through_the_relationships() {
        let rels = PACKAGE_RELS.replace("word/document.xml", "/word/document2.xml");
        let document = format!("{W_ROOT}<w:body>{}</w:body></w:document>", para("Hello"));
        let bytes = zip_of(&[("_rels/.rels", &rels), ("word/document2.xml", &document)]);
        assert_eq!(docx(&bytes).unwrap().blocks, ["Hello"]);
        // Names are case-insensitive, and some Windows tools write `\`.
        let bytes = zip_of(&[("Word\\Document.xml", &document)]);
        assert_eq!(docx(&bytes).unwrap().blocks, ["Hello"]);
    }

    #[test]
    fn docx_errors_name_the_problem() {
        let error = |bytes: &[u8]| docx(bytes).unwrap_err();
        assert_eq!(
            error(&docx_of("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>", None)),
            "the document contains no text"
        );
        let good = docx_of(FRENCH_BODY, None);
        assert!(
            error(&good[..good.len() / 2])
                .starts_with("the .docx file is damaged: its ZIP directory cannot be read")
        );
        assert_eq!(error(b""), "the .docx file is empty (0 bytes)");
        assert!(error(b"Hello, world").contains("not a ZIP package"));
        assert!(error(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).contains(".doc"));
        let invalid =
            format!("{W_ROOT}<w:body><w:p><w:r><w:t>Text</w:r></w:p></w:body></w:document>");
        let message = error(&zip_of(&[("word/document.xml", &invalid)]));
        assert!(
            message.starts_with("word/document.xml is not valid XML at byte "),
            "{message}"
        );
        let cut = format!("{W_ROOT}<w:body><w:p><w:r><w:t>Text</w:t></w:r>");
        let message = error(&zip_of(&[("word/document.xml", &cut)]));
        assert!(message.contains("elements still open"), "{message}");
        assert_eq!(
            error(&zip_of(&[("word/document.xml", "")])),
            "the document contains no text"
        );
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .start_file("word/document.xml", SimpleFileOptions::default())
            .unwrap();
        writer
            .write_all(b"<w:document>Caf\xe9</w:document>")
            .unwrap();
        let latin1 = writer.finish().unwrap().into_inner();
        assert_eq!(
            error(&latin1),
            "word/document.xml is not UTF-8 text (invalid byte at 15): the file is damaged"
        );
        let message = error(&zip_of(&[("readme.txt", "hello")]));
        assert_eq!(
            message,
            "the .docx file has no word/document.xml: not a Word document"
        );
        let message = error(&xlsx());
        assert_eq!(
            message,
            "the file is a spreadsheet (.xlsx), not a Word document"
        );
        let message = error(&odt_of(ODT_CONTENT, None));
        assert_eq!(
            message,
            "the file is an OpenDocument text (.odt), not a Word document"
        );
    }

    #[test]
    fn docx_refuses_zip_bombs_and_deep_nesting() {
        let bytes = docx_of(FRENCH_BODY, None);
        let message = docx_with_limit(&bytes, 1000).unwrap_err();
        assert_eq!(
            message,
            "word/document.xml expands to more than 1000 bytes (a ZIP bomb?)"
        );
        assert!(docx_with_limit(&bytes, 1 << 20).is_ok());
        // A real bomb in miniature: 64 MiB of spaces deflate to about 64 KiB.
        let spaces = " ".repeat(64 << 20);
        let bomb = format!("{W_ROOT}<w:body>{spaces}</w:body></w:document>");
        let bytes = zip_of(&[("word/document.xml", &bomb)]);
        assert!(bytes.len() < 1 << 20);
        let message = docx_with_limit(&bytes, 16 << 20).unwrap_err();
        assert_eq!(
            message,
            "word/document.xml expands to more than 16 MiB (a ZIP bomb?)"
        );
        let deep = format!(
            "{W_ROOT}<w:body>{}{}</w:body></w:document>",
            "<w:sdt>".repeat(MAX_XML_DEPTH),
            "</w:sdt>".repeat(MAX_XML_DEPTH)
        );
        let message = docx(&zip_of(&[("word/document.xml", &deep)])).unwrap_err();
        assert_eq!(
            message,
            "word/document.xml nests elements more than 10000 levels deep: not a document \
             factdiff can read"
        );
    }

    #[test]
    fn encrypted_entries_are_refused() {
        let document = format!("{W_ROOT}<w:body>{}</w:body></w:document>", para("Secret"));
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .with_deprecated_encryption(b"motdepasse")
            .unwrap();
        writer.start_file("word/document.xml", options).unwrap();
        writer.write_all(document.as_bytes()).unwrap();
        let bytes = writer.finish().unwrap().into_inner();
        assert_eq!(
            docx(&bytes).unwrap_err(),
            "word/document.xml in the .docx file is encrypted (a password-protected ZIP): save \
             the document again without a password"
        );
    }

    // -----------------------------------------------------------------------------------------
    // OpenDocument.

    const ODT_ROOT: &str = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3">"#;

    const ODT_CONTENT: &str = concat!(
        r#"<office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style></office:automatic-styles>"#,
        r#"<office:body><office:text><text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Illustration"/></text:sequence-decls>"#,
        r#"<text:tracked-changes><text:changed-region xml:id="ct1" text:id="ct1"><text:deletion><office:change-info><dc:creator>Rédaction</dc:creator><dc:date>2024-03-12T09:00:00</dc:date></office:change-info><text:p>12 </text:p></text:deletion></text:changed-region></text:tracked-changes>"#,
        r#"<text:p text:style-name="P1">Der Haushalt der Stadt wächst</text:p>"#,
        r#"<text:h text:style-name="Heading_20_1" text:outline-level="1">Straßenbahn: „Wir halten Wort“</text:h>"#,
        r#"<text:p text:style-name="Text_20_body">Der Oberbürgermeister kündigte <text:change text:change-id="ct1"/><text:span text:style-name="T1">15</text:span> Millionen Euro an.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Footnote">Laut Haushaltsentwurf.</text:p></text:note-body></text:note><office:annotation><dc:creator>Claire</dc:creator><text:p>Zahl prüfen!</text:p></office:annotation></text:p>"#,
        r#"<text:p text:style-name="Standard">Drei<text:s text:c="3"/>Leerzeichen,<text:tab/>ein Tab, <text:a xlink:type="simple" xlink:href="https://www.berlin.de/">ein Link</text:a>,<text:line-break/>eine neue Zeile<text:soft-page-break/> und weiter.</text:p>"#,
        r#"<text:list text:style-name="L1"><text:list-item><text:p text:style-name="P2"><text:number>1.</text:number>Erster Punkt</text:p></text:list-item><text:list-item><text:p text:style-name="P2">Zweiter Punkt</text:p><text:list><text:list-item><text:p>Unterpunkt</text:p></text:list-item></text:list></text:list-item></text:list>"#,
        r#"<table:table table:name="Tabelle1"><table:table-column table:number-columns-repeated="2"/><table:table-row><table:table-cell office:value-type="string"><text:p>Jahr</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Budget</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>2024</text:p></table:table-cell><table:table-cell><text:p>15 Mio. €</text:p></table:table-cell></table:table-row></table:table>"#,
        r#"<text:p>Das Bild <draw:frame draw:name="Bild1" text:anchor-type="as-char" svg:width="2cm" svg:height="2cm"><draw:image xlink:href="Pictures/1.png"><text:p>alt</text:p></draw:image><svg:title>Foto</svg:title><svg:desc>Ein Foto der Tram</svg:desc></draw:frame>zeigt die Tram<draw:frame draw:name="Rahmen1" text:anchor-type="paragraph"><draw:text-box><text:p>Kasten: 1,4 Millionen Fahrgäste</text:p></draw:text-box></draw:frame> am Alexanderplatz.</text:p>"#,
        r#"<text:section text:name="Bereich1"><text:p>Im Bereich.</text:p><text:p/></text:section>"#,
        r#"<text:table-of-content text:name="Inhalt"><text:index-body><text:p>Straßenbahn 1</text:p></text:index-body></text:table-of-content>"#,
        r#"</office:text></office:body></office:document-content>"#,
    );

    const ODT_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

    fn odt_of(body: &str, title: Option<&str>) -> Vec<u8> {
        let content = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{ODT_ROOT}{body}");
        let meta = title.map(|title| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:generator>LibreOffice/24.2</meta:generator><dc:title>{title}</dc:title><dc:date>2024-03-12T10:00:00</dc:date></office:meta></office:document-meta>"#
            )
        });
        let mut entries = vec![
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_str()),
            ("META-INF/manifest.xml", ODT_MANIFEST),
        ];
        if let Some(meta) = &meta {
            entries.push(("meta.xml", meta));
        }
        zip_of(&entries)
    }

    #[test]
    fn odt_reads_a_german_article_in_order() {
        let extracted = odt(&odt_of(ODT_CONTENT, None)).unwrap();
        let expected = [
            "Der Haushalt der Stadt wächst",
            "Straßenbahn: „Wir halten Wort“",
            "Der Oberbürgermeister kündigte 15 Millionen Euro an.",
            "Drei Leerzeichen, ein Tab, ein Link,\neine neue Zeile und weiter.",
            "Erster Punkt",
            "Zweiter Punkt",
            "Unterpunkt",
            "Jahr",
            "Budget",
            "2024",
            "15 Mio. €",
            "Das Bild zeigt die Tram am Alexanderplatz.",
            "Kasten: 1,4 Millionen Fahrgäste",
            "Im Bereich.",
        ];
        assert_eq!(extracted.blocks, expected);
        // The automatic style P1 is based on Title.
        assert_eq!(
            extracted.title.as_deref(),
            Some("Der Haushalt der Stadt wächst")
        );
        assert_eq!(extracted.date, None);
        assert_eq!(
            extracted.warnings,
            ["the document has tracked changes: read with insertions kept and deletions removed"]
        );
    }

    #[test]
    fn odt_title_from_meta_then_heading() {
        let extracted = odt(&odt_of(ODT_CONTENT, Some("Haushalt 2024"))).unwrap();
        assert_eq!(extracted.title.as_deref(), Some("Haushalt 2024"));
        let body = r#"<office:body><office:text><text:p>Berlin, 12. März</text:p><text:h text:outline-level="2">Unterzeile</text:h><text:h text:outline-level="1">Die Schlagzeile</text:h></office:text></office:body></office:document-content>"#;
        let extracted = odt(&odt_of(body, Some(" "))).unwrap();
        assert_eq!(extracted.title.as_deref(), Some("Die Schlagzeile"));
    }

    #[test]
    fn odt_errors_name_the_problem() {
        let empty = r#"<office:body><office:text><text:sequence-decls/><text:p/><text:p> <text:s/> </text:p></office:text></office:body></office:document-content>"#;
        assert_eq!(
            odt(&odt_of(empty, None)).unwrap_err(),
            "the document contains no text"
        );
        let ods = zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", "<x/>"),
        ]);
        assert_eq!(
            odt(&ods).unwrap_err(),
            "the file is a spreadsheet (.ods), not an OpenDocument text (.odt)"
        );
        let encrypted_manifest = ODT_MANIFEST.replace(
            r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
            r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="4321"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="y"/></manifest:encryption-data></manifest:file-entry>"#,
        );
        let bytes = zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", "\u{1}\u{2}binary"),
            ("META-INF/manifest.xml", &encrypted_manifest),
        ]);
        assert!(odt(&bytes).unwrap_err().contains("password-protected"));
        let bytes = zip_of(&[("mimetype", "application/vnd.oasis.opendocument.text")]);
        assert_eq!(
            odt(&bytes).unwrap_err(),
            "the .odt file has no content.xml: not an OpenDocument text"
        );
        let good = odt_of(ODT_CONTENT, None);
        assert!(
            odt_with_limit(&good, 500)
                .unwrap_err()
                .contains("content.xml expands to more than 500 bytes")
        );
        assert!(
            odt(&good[..good.len() / 2])
                .unwrap_err()
                .contains("ZIP directory cannot be read")
        );
        let invalid = r#"<office:body><office:text><text:p>Text</text:h></office:text></office:body></office:document-content>"#;
        assert!(
            odt(&odt_of(invalid, None))
                .unwrap_err()
                .starts_with("content.xml is not valid XML at byte ")
        );
    }

    // -----------------------------------------------------------------------------------------
    // identify().

    fn xlsx() -> Vec<u8> {
        let rels = PACKAGE_RELS.replace("word/document.xml", "xl/workbook.xml");
        zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", &rels),
            ("xl/workbook.xml", "<workbook/>"),
            ("xl/worksheets/sheet1.xml", "<worksheet/>"),
        ])
    }

    #[test]
    fn identify_tells_kinds_apart() {
        let other = |what: &str| ZipKind::Other(what.into());
        let epub = zip_of(&[
            ("mimetype", "application/epub+zip"),
            ("META-INF/container.xml", "<container/>"),
            ("OEBPS/chapter1.xhtml", "<html/>"),
        ]);
        let odp = zip_of(&[
            (
                "mimetype",
                "application/vnd.oasis.opendocument.presentation",
            ),
            ("content.xml", "<x/>"),
        ]);
        let ods = zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", "<x/>"),
        ]);
        let odt_without_mimetype = zip_of(&[
            ("content.xml", "<x/>"),
            ("META-INF/manifest.xml", ODT_MANIFEST),
        ]);
        let pptx = zip_of(&[("ppt/presentation.xml", "<p/>")]);
        let docx_without_rels = zip_of(&[("word/document.xml", "<w:document/>")]);
        let plain = zip_of(&[("notes.txt", "hello"), ("photo.jpg", "\u{ff}")]);
        let good = docx_of(FRENCH_BODY, None);
        let table: [(&[u8], ZipKind); 13] = [
            (&good, ZipKind::Docx),
            (&docx_without_rels, ZipKind::Docx),
            (&odt_of(ODT_CONTENT, None), ZipKind::Odt),
            (&odt_without_mimetype, ZipKind::Odt),
            (&ods, other("a spreadsheet (.ods)")),
            (&odp, other("a presentation (.odp)")),
            (&xlsx(), other("a spreadsheet (.xlsx)")),
            (&pptx, other("a presentation (.pptx)")),
            (&epub, other("an EPUB e-book")),
            (&plain, other("a ZIP archive")),
            (&good[..good.len() / 2], other("a damaged ZIP archive")),
            (b"", other("a damaged ZIP archive")),
            (
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
                other("a Word 97–2003 (.doc) file or a password-protected Office document"),
            ),
        ];
        for (index, (bytes, kind)) in table.iter().enumerate() {
            assert_eq!(&identify(bytes), kind, "case {index}");
        }
    }

    #[test]
    fn no_input_panics() {
        // Damage a stored and a deflated file at many places: errors are fine, panics are not.
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let document = format!("{W_ROOT}<w:body>{FRENCH_BODY}</w:body></w:document>");
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        writer.start_file("word/document.xml", stored).unwrap();
        writer.write_all(document.as_bytes()).unwrap();
        let stored = writer.finish().unwrap().into_inner();
        let samples = [
            stored,
            docx_of(FRENCH_BODY, None),
            odt_of(ODT_CONTENT, Some("T")),
        ];
        for original in &samples {
            let step = (original.len() / 700).max(1);
            for position in (0..original.len()).step_by(step) {
                for byte in [0x00, 0xFF, b'<', 0x80] {
                    let mut bytes = original.clone();
                    if let Some(b) = bytes.get_mut(position) {
                        *b = byte;
                    }
                    let _ = identify(&bytes);
                    let _ = docx(&bytes);
                    let _ = odt(&bytes);
                }
                let _ = docx(original.get(..position).unwrap_or_default());
            }
        }
    }

    #[test]
    fn reads_files_written_by_libreoffice() {
        let docx_bytes = include_bytes!("../../../tests/fixtures/office/article.docx");
        let odt_bytes = include_bytes!("../../../tests/fixtures/office/article.odt");
        assert_eq!(identify(docx_bytes), ZipKind::Docx);
        assert_eq!(identify(odt_bytes), ZipKind::Odt);
        let expected = [
            "Lyon : le budget des transports augmente",
            "Le maire de Lyon, Grégory Doucet, a annoncé 15 millions d’euros.",
            "« Nous avons tenu nos promesses », a-t-il déclaré. Trois espaces. Tab.\nNouvelle ligne.",
            "Un budget en hausse",
            "Der Bürgermeister ließ verlauten: „Straßenbahn fährt“",
            "Second point in English, isn’t it?",
            "Année",
            "Budget",
            "2024",
            "15 M€",
            "Le réseau TCL transporte des milliers d’usagers.",
            "Encadré : 1,4 million de voyages par jour",
            "Fin de l’article.",
        ];
        for extracted in [docx(docx_bytes).unwrap(), odt(odt_bytes).unwrap()] {
            assert_eq!(extracted.blocks, expected);
            assert_eq!(
                extracted.title.as_deref(),
                Some("Lyon : le budget des transports augmente")
            );
            assert_eq!(
                extracted.warnings,
                [
                    "the document has tracked changes: read with insertions kept and deletions removed"
                ]
            );
        }
    }

    #[test]
    fn tidy_collapses_but_keeps_fixed_spaces() {
        assert_eq!(
            tidy("  a \t b  \n\n  c\u{a0}:  "),
            Some("a b\nc\u{a0}:".into())
        );
        assert_eq!(tidy("\u{a0}x\u{a0}"), Some("x".into()));
        assert_eq!(
            tidy("«\u{202f}oui\u{202f}»"),
            Some("«\u{202f}oui\u{202f}»".into())
        );
        assert_eq!(tidy(" \n \u{a0} \n"), None);
        assert_eq!(
            part_name("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(part_name("", "/word/document.xml"), "word/document.xml");
        assert_eq!(size_in_words(MAX_DECOMPRESSED_BYTES), "256 MiB");
    }

    /// `cargo test --release -- --ignored --nocapture speed`: about 1 MB of text.
    #[test]
    #[ignore]
    fn speed_of_a_large_docx() {
        let sentence = "Le conseil municipal a voté, à 37 voix contre 12, un budget de 15,4 millions d’euros pour la «\u{a0}rénovation\u{a0}» des écoles. ";
        let paragraph = format!(
            r#"<w:p><w:pPr><w:spacing w:after="120"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Calibri"/><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">{sentence}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{sentence}</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>{sentence}</w:t></w:r></w:p>"#
        );
        let count = 1_000_000 / (3 * sentence.len());
        let body = paragraph.repeat(count);
        let bytes = docx_of(&body, None);
        let started = std::time::Instant::now();
        let extracted = docx(&bytes).unwrap();
        let elapsed = started.elapsed();
        let text_bytes: usize = extracted.blocks.iter().map(String::len).sum();
        println!(
            "{} paragraphs, {text_bytes} bytes of text, XML {} bytes, ZIP {} bytes: {elapsed:?}",
            extracted.blocks.len(),
            body.len(),
            bytes.len()
        );
    }
}
