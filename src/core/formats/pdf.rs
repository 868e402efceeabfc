//! Stage 1b for PDF: the text layer of a PDF → blocks of text in reading order.
//!
//! In: the bytes of a PDF file, typically a print of an article version ("Save as PDF" from a
//! browser, LibreOffice or Word). Out: an [`Extracted`] whose blocks are the article's headline,
//! standfirst and paragraphs, so that the PDF compared against a plain-text copy of the same
//! article shows no spurious changes.
//!
//! How: `pdf-extract` (on `lopdf`) decodes the fonts (ToUnicode maps, subset TrueType, Type 1,
//! CFF) and reports every glyph with its position and size. From those this module builds
//! lines, drops running headers and footers and page numbers, rebuilds paragraphs from the
//! geometry (vertical gaps, first-line indents, font-size changes, short last lines), rejoins
//! paragraphs that run across a page break, and repairs hyphenation at line ends.
//!
//! Limits: reading order is the order of the page's content stream, which is the reading order
//! for single-column prints from word processors and browsers; multi-column layouts and
//! floating boxes come out in the order the producer wrote them. A PDF without a text layer
//! (a scan) is refused with advice to run OCR. Hostile files are refused before the reader
//! sees them: more than [`MAX_DECOMPRESSED_BYTES`] of decompressed streams, nesting deeper than
//! [`MAX_NESTING`], more than [`MAX_PAGES`] pages. The reader runs inside `catch_unwind` on a
//! thread of its own with a large stack, so a panic in it becomes "the PDF is damaged".

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, OutputError};

use super::{DocError, Extracted, MAX_DECOMPRESSED_BYTES};

/// Pages read at most. An article is a few pages; a 2 000-page PDF is not an article.
pub const MAX_PAGES: usize = 2_000;

/// Arrays and dictionaries nested deeper than this are refused. `lopdf` itself stops parsing
/// an object at 100 levels (it would otherwise recurse until the stack overflows); refusing
/// early gives a clear message instead of silently missing pages.
pub const MAX_NESTING: usize = 100;

/// Stack of the thread the reader runs on: `pdf-extract` recurses into form XObjects and
/// `lopdf` parses with recursive combinators.
const READER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Form XObjects nested deeper than this (or in a cycle) are emptied before reading.
const MAX_FORM_DEPTH: usize = 32;

/// The error for a PDF without any text.
const NO_TEXT_LAYER: &str = "the PDF has no text layer (a scanned document?); run OCR on it \
                             (e.g. ocrmypdf) and open the result";

/// The error for a PDF that needs a password to open.
const PASSWORD_PROTECTED: &str = "the PDF is password-protected";

/// The limits one read works within; tests shrink them.
#[derive(Clone, Copy, Debug)]
struct Limits {
    decompressed_bytes: u64,
    pages: usize,
    nesting: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            decompressed_bytes: MAX_DECOMPRESSED_BYTES,
            pages: MAX_PAGES,
            nesting: MAX_NESTING,
        }
    }
}

/// Reads the text layer of a PDF as blocks: headline, standfirst, paragraphs.
///
/// Running headers and footers (lines repeated at the top or bottom of most pages, page
/// numbers) are dropped, words hyphenated at line ends are rejoined ("gou-" + "vernement" →
/// "gouvernement", but "CDU-" + "Chef" → "CDU-Chef"), and a paragraph split by a page break
/// is one block again.
///
/// ```no_run
/// let bytes = std::fs::read("article-v2.pdf").unwrap();
/// let extracted = factdiff::core::formats::pdf::extract(&bytes).unwrap();
/// println!("{}", extracted.blocks.join("\n\n"));
/// ```
pub fn extract(bytes: &[u8]) -> Result<Extracted, DocError> {
    extract_with(bytes, Limits::default())
}

fn extract_with(bytes: &[u8], limits: Limits) -> Result<Extracted, DocError> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if find(head, b"%PDF-").is_none() {
        return Err(damaged("it does not start with a PDF header"));
    }
    prescan(bytes, limits)?;
    let document = read_on_big_stack(bytes, limits)?;
    assemble(document)
}

fn damaged(reason: &str) -> DocError {
    format!("the PDF is damaged: {reason}")
}

fn bomb(limit: u64) -> DocError {
    format!(
        "the PDF expands to more than {} MiB (a decompression bomb?)",
        limit / (1024 * 1024)
    )
}

// ---------------------------------------------------------------------------------------------
// Pre-scan of the raw bytes: decompression bombs and deep nesting, before lopdf sees them.

/// Inflates every stream body (FlateDecode, LZWDecode, ASCII85Decode, as lopdf would) with a
/// cap on the total, and checks the nesting depth of the object syntax between streams and
/// inside every stream that holds PDF syntax (content streams, CMaps, object streams).
fn prescan(bytes: &[u8], limits: Limits) -> Result<(), DocError> {
    let mut total: u64 = 0;
    let mut pos = 0;
    while let Some(rel) = bytes.get(pos..).and_then(|rest| find(rest, b"stream")) {
        let keyword = pos + rel;
        let after = keyword + b"stream".len();
        let is_end = keyword >= 3 && bytes.get(keyword - 3..keyword) == Some(b"end".as_slice());
        let eol = bytes.get(after).copied();
        if is_end || !matches!(eol, Some(b'\r' | b'\n')) {
            pos = after;
            continue;
        }
        check_nesting(bytes.get(pos..keyword).unwrap_or_default(), limits.nesting)?;
        let mut start = after;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = bytes
            .get(start..)
            .and_then(|rest| find(rest, b"endstream"))
            .map_or(bytes.len(), |r| start + r);
        let dict_start = keyword.saturating_sub(4096);
        let before = bytes.get(dict_start..keyword).unwrap_or_default();
        let dict = rfind(before, b"obj")
            .and_then(|i| before.get(i..))
            .unwrap_or(before);
        let kind = StreamKind {
            filters: filter_names(dict),
            syntax: holds_syntax(
                |key| find(dict, key).is_some(),
                name_after(dict, b"/Subtype"),
                name_after(dict, b"/Type"),
            ),
        };
        let body = bytes.get(start..end).unwrap_or_default();
        total += decode_checked(
            &kind,
            body,
            limits.decompressed_bytes.saturating_sub(total),
            limits,
        )?;
        pos = end;
    }
    check_nesting(bytes.get(pos..).unwrap_or_default(), limits.nesting)
}

/// The same checks on the streams of a document decrypted in memory (the raw pre-scan saw
/// only encrypted bytes there).
fn check_streams(document: &Document, limits: Limits) -> Result<(), DocError> {
    let mut total: u64 = 0;
    for object in document.objects.values() {
        if let Object::Stream(stream) = object {
            let name = |key: &[u8]| stream.dict.get(key).and_then(Object::as_name).ok();
            let kind = StreamKind {
                filters: stream
                    .filters()
                    .map(|names| names.into_iter().map(<[u8]>::to_vec).collect())
                    .unwrap_or_default(),
                syntax: holds_syntax(
                    |key| stream.dict.has(key.get(1..).unwrap_or_default()),
                    name(b"Subtype"),
                    name(b"Type"),
                ),
            };
            total += decode_checked(
                &kind,
                &stream.content,
                limits.decompressed_bytes.saturating_sub(total),
                limits,
            )?;
        }
    }
    Ok(())
}

/// What the pre-scan needs to know about a stream.
struct StreamKind {
    filters: Vec<Vec<u8>>,
    /// Whether the decoded data is PDF or PostScript syntax (content, CMap, object stream),
    /// whose nesting the parsers follow recursively; fonts and images are binary.
    syntax: bool,
}

/// Binary streams: embedded fonts (`/Length1`...), images, ICC profiles (`/N`), sampled
/// functions, cross-reference streams, embedded files.
fn holds_syntax(
    has_key: impl Fn(&[u8]) -> bool,
    subtype: Option<&[u8]>,
    kind: Option<&[u8]>,
) -> bool {
    let binary_key = [
        b"/Length1".as_slice(),
        b"/Length2",
        b"/Length3",
        b"/N ",
        b"/FunctionType",
        b"/BitsPerComponent",
    ]
    .iter()
    .any(|key| has_key(key));
    let binary_subtype = subtype.is_some_and(|s| s != b"Form");
    let binary_type = kind.is_some_and(|t| matches!(t, b"XRef" | b"EmbeddedFile" | b"Metadata"));
    !(binary_key || binary_subtype || binary_type)
}

/// The name after `key` in a dictionary's text: `/Subtype /Image` → `Image`.
fn name_after<'a>(dict: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let at = rfind(dict, key)?;
    let rest = trim_start(dict.get(at + key.len()..)?);
    let rest = rest.strip_prefix(b"/")?;
    let len = rest
        .iter()
        .take_while(|&&b| !is_delimiter_or_space(b))
        .count();
    rest.get(..len)
}

fn decode_checked(
    kind: &StreamKind,
    body: &[u8],
    budget: u64,
    limits: Limits,
) -> Result<u64, DocError> {
    match decoded_size(kind, body, budget, limits.nesting) {
        Ok(size) => Ok(size),
        Err(Refused::Exceeded) => Err(bomb(limits.decompressed_bytes)),
        Err(Refused::TooDeep) => Err(too_deep(limits.nesting)),
    }
}

fn too_deep(limit: usize) -> DocError {
    damaged(&format!(
        "it nests objects more than {limit} levels deep (a hostile file?)"
    ))
}

/// The names after `/Filter` in a stream dictionary: `/FlateDecode` or `[/A85 /Fl]`.
fn filter_names(dict: &[u8]) -> Vec<Vec<u8>> {
    let Some(at) = rfind(dict, b"/Filter") else {
        return Vec::new();
    };
    let rest = trim_start(dict.get(at + b"/Filter".len()..).unwrap_or_default());
    let list = match rest.first() {
        Some(b'[') => {
            let close = rest.iter().position(|&b| b == b']').unwrap_or(rest.len());
            rest.get(1..close).unwrap_or_default()
        }
        Some(b'/') => {
            let len = 1 + rest
                .iter()
                .skip(1)
                .take_while(|&&b| !is_delimiter_or_space(b))
                .count();
            rest.get(..len).unwrap_or_default()
        }
        _ => return Vec::new(),
    };
    list.split(|&b| b == b'/' || b.is_ascii_whitespace())
        .filter(|name| !name.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}

fn is_delimiter_or_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    bytes.get(skip..).unwrap_or_default()
}

/// Why the pre-scan refuses a stream.
#[derive(Debug, PartialEq)]
enum Refused {
    /// The cap on decompressed bytes was reached.
    Exceeded,
    /// Nesting deeper than the limit.
    TooDeep,
}

/// Bytes the filters decode `body` to (every stage counted), refusing past `budget` or, for
/// syntax streams, nesting deeper than `nesting`. Stops at the first filter lopdf does not
/// decode (images: DCT, JBIG2...) or at corrupt data, as lopdf then keeps the bytes it has.
fn decoded_size(
    kind: &StreamKind,
    body: &[u8],
    budget: u64,
    nesting: usize,
) -> Result<u64, Refused> {
    let mut data: Cow<[u8]> = Cow::Borrowed(body);
    let mut used: u64 = 0;
    let decodable: Vec<&Vec<u8>> = kind
        .filters
        .iter()
        .take_while(|f| decodable_filter(f))
        .collect();
    let mut checked = false;
    for (i, filter) in decodable.iter().enumerate() {
        let last = i + 1 == decodable.len();
        let nesting_check = (last && kind.syntax).then(|| Nesting::new(nesting));
        let mut sink = Capped {
            kept: Vec::new(),
            keep: !last,
            left: budget.saturating_sub(used),
            written: 0,
            refused: None,
            nesting: nesting_check,
        };
        let healthy = match filter.as_slice() {
            b"FlateDecode" | b"Fl" => inflate(&data, &mut sink),
            b"LZWDecode" | b"LZW" => {
                let mut decoder =
                    weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
                decoder
                    .into_stream(&mut sink)
                    .decode_all(data.as_ref())
                    .status
                    .is_ok()
            }
            _ => sink.write_all(&ascii85(&data)).is_ok(),
        };
        if let Some(refused) = sink.refused {
            return Err(refused);
        }
        used += sink.written;
        checked = last;
        if !healthy || last {
            break;
        }
        data = Cow::Owned(sink.kept);
    }
    if kind.syntax && !checked {
        // Not decoded (no filter, or one lopdf cannot decode): the bytes as they are.
        let mut nesting_check = Nesting::new(nesting);
        if nesting_check.feed(&data).is_err() {
            return Err(Refused::TooDeep);
        }
    }
    Ok(used)
}

fn decodable_filter(name: &[u8]) -> bool {
    matches!(
        name,
        b"FlateDecode" | b"Fl" | b"LZWDecode" | b"LZW" | b"ASCII85Decode" | b"A85"
    )
}

/// Zlib, then raw deflate when zlib gives nothing (lopdf does the same). True if all was read.
fn inflate(data: &[u8], sink: &mut Capped) -> bool {
    let zlib = io::copy(&mut flate2::read::ZlibDecoder::new(data), sink).is_ok();
    if zlib || sink.refused.is_some() || sink.written > 0 {
        return zlib;
    }
    let raw = data.get(2..).unwrap_or_default();
    io::copy(&mut flate2::read::DeflateDecoder::new(raw), sink).is_ok()
}

/// A writer that counts, optionally keeps and checks nesting, and fails once more than `left`
/// bytes arrive.
struct Capped {
    kept: Vec<u8>,
    keep: bool,
    left: u64,
    written: u64,
    refused: Option<Refused>,
    nesting: Option<Nesting>,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let len = buf.len() as u64;
        if len > self.left {
            self.refused = Some(Refused::Exceeded);
            return Err(io::Error::other("decompression limit"));
        }
        if let Some(nesting) = self.nesting.as_mut()
            && nesting.feed(buf).is_err()
        {
            self.refused = Some(Refused::TooDeep);
            return Err(io::Error::other("nesting limit"));
        }
        self.left -= len;
        self.written += len;
        if self.keep {
            self.kept.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// ASCII85 as lopdf reads it (at most 4 bytes per input byte, so no bomb of its own).
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut group: Vec<u32> = Vec::with_capacity(5);
    for &b in data {
        match b {
            b'~' => break,
            b'z' if group.is_empty() => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group.push(u32::from(b - b'!'));
                if group.len() == 5 {
                    let value = group
                        .iter()
                        .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
                    out.extend_from_slice(&value.to_be_bytes());
                    group.clear();
                }
            }
            _ => {}
        }
    }
    if group.len() > 1 {
        let n = group.len() - 1;
        group.resize(5, 84);
        let value = group
            .iter()
            .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
        out.extend(value.to_be_bytes().iter().take(n));
    }
    out
}

/// Refuses object syntax nesting arrays, dictionaries, procedures or literal strings deeper
/// than `limit`.
fn check_nesting(bytes: &[u8], limit: usize) -> Result<(), DocError> {
    Nesting::new(limit)
        .feed(bytes)
        .map_err(|_refused| too_deep(limit))
}

/// A streaming nesting counter for PDF/PostScript syntax: `[`, `<<`, `{` and the parentheses
/// of literal strings (which nest too); comments and hex strings are skipped. Fed in chunks,
/// so it checks decompressed data without keeping it.
#[derive(Debug)]
struct Nesting {
    limit: usize,
    depth: usize,
    /// Parenthesis level inside a literal string; 0 outside.
    string: usize,
    escaped: bool,
    comment: bool,
    hex: bool,
    previous: u8,
}

impl Nesting {
    fn new(limit: usize) -> Self {
        Self {
            limit,
            depth: 0,
            string: 0,
            escaped: false,
            comment: false,
            hex: false,
            previous: b' ',
        }
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<(), Refused> {
        for &b in bytes {
            let previous = std::mem::replace(&mut self.previous, b);
            if self.string > 0 {
                match b {
                    _ if self.escaped => self.escaped = false,
                    b'\\' => self.escaped = true,
                    b'(' => self.string += 1,
                    b')' => self.string -= 1,
                    _ => {}
                }
                if self.depth + self.string > self.limit {
                    return Err(Refused::TooDeep);
                }
                continue;
            }
            if self.comment {
                self.comment = b != b'\n' && b != b'\r';
                continue;
            }
            match b {
                b'%' => self.comment = true,
                b'(' => self.string = 1,
                b'<' if previous == b'<' && self.hex => {
                    self.hex = false;
                    self.depth += 1;
                    self.previous = b' ';
                }
                b'<' => self.hex = true,
                b'>' if self.hex => self.hex = false,
                b'>' if previous == b'>' => {
                    self.depth = self.depth.saturating_sub(1);
                    self.previous = b' ';
                }
                b'[' | b'{' => self.depth += 1,
                b']' | b'}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            if self.depth > self.limit {
                return Err(Refused::TooDeep);
            }
        }
        Ok(())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

// ---------------------------------------------------------------------------------------------
// Reading: lopdf + pdf-extract, guarded.

/// What the reader gave: lines per page (None for a page the reader failed on) and metadata.
#[derive(Debug, Default)]
struct RawDocument {
    pages: Vec<Option<Vec<Line>>>,
    title: Option<String>,
}

fn read_on_big_stack(bytes: &[u8], limits: Limits) -> Result<RawDocument, DocError> {
    let failed = || damaged("the reader failed on it");
    let guarded =
        || catch_unwind(AssertUnwindSafe(|| read(bytes, limits))).unwrap_or_else(|_| Err(failed()));
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .stack_size(READER_STACK_BYTES)
            .spawn_scoped(scope, guarded);
        match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|_| Err(failed())),
            Err(_) => guarded(),
        }
    })
}

fn read(bytes: &[u8], limits: Limits) -> Result<RawDocument, DocError> {
    let mut document = Document::load_mem(bytes).map_err(|e| load_error(&e))?;
    if document.is_encrypted() {
        match document.decrypt("") {
            Ok(()) => check_streams(&document, limits)?,
            Err(pdf_extract::Error::Decryption(
                pdf_extract::encryption::DecryptionError::IncorrectPassword,
            )) => {
                return Err(PASSWORD_PROTECTED.to_owned());
            }
            Err(e) => {
                return Err(damaged(&format!(
                    "cannot decrypt it ({})",
                    short(&e.to_string())
                )));
            }
        }
    }
    let page_ids = document.get_pages();
    if page_ids.len() > limits.pages {
        return Err(format!(
            "the PDF has {} pages, more than the {} factdiff reads (is it an article?)",
            page_ids.len(),
            limits.pages
        ));
    }
    if page_ids.is_empty() {
        return Err(damaged("no pages found"));
    }
    sanitize(&mut document, &page_ids);
    let title = info_title(&document)
        .or_else(|| xmp_title(&document))
        .filter(|t| looks_like_title(t));
    let mut pages = Vec::with_capacity(page_ids.len());
    for &number in page_ids.keys() {
        let mut collector = Collector::default();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&document, &mut collector, number)
        }));
        pages.push(match outcome {
            Ok(Ok(())) => Some(collector.finish()),
            _ => None,
        });
    }
    Ok(RawDocument { pages, title })
}

fn load_error(error: &pdf_extract::Error) -> DocError {
    use pdf_extract::Error;
    match error {
        Error::Xref(_) | Error::MissingXrefEntry => {
            damaged("its cross-reference table is broken or missing (a truncated file?)")
        }
        Error::Decryption(_) | Error::InvalidPassword => PASSWORD_PROTECTED.to_owned(),
        other => damaged(&short(&other.to_string())),
    }
}

/// The first 80 characters of a library message.
fn short(message: &str) -> String {
    let message = message.trim();
    match message.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", message.get(..cut).unwrap_or(message)),
        None => message.to_owned(),
    }
}

/// Removes what would make pdf-extract recurse forever or parse garbage: image data (it
/// parses a `Do`'s stream as content, images included), forms drawing themselves, and
/// `/Parent` loops in the page tree (it follows `/Parent` recursively for inherited keys).
fn sanitize(document: &mut Document, page_ids: &BTreeMap<u32, ObjectId>) {
    let mut forms = Vec::new();
    for (&id, object) in &mut document.objects {
        if let Object::Stream(stream) = object {
            match stream.dict.get(b"Subtype").and_then(Object::as_name) {
                Ok(b"Image") => {
                    stream.content.clear();
                    stream.dict.remove(b"Filter");
                    stream.dict.remove(b"DecodeParms");
                }
                Ok(b"Form") => forms.push(id),
                _ => {}
            }
        }
    }
    let mut cut_parents = Vec::new();
    for &page in page_ids.values() {
        let mut seen = HashSet::new();
        let mut node = page;
        while seen.insert(node) {
            let parent = document
                .get_dictionary(node)
                .ok()
                .and_then(|d| d.get(b"Parent").ok())
                .and_then(|p| p.as_reference().ok());
            match parent {
                Some(parent) if seen.contains(&parent) || seen.len() > 64 => cut_parents.push(node),
                Some(parent) => node = parent,
                None => break,
            }
        }
    }
    for node in cut_parents {
        if let Ok(dict) = document.get_dictionary_mut(node) {
            dict.remove(b"Parent");
        }
    }
    for id in looping_forms(document, page_ids, &forms) {
        if let Ok(Object::Stream(stream)) = document.get_object_mut(id) {
            stream.content.clear();
            stream.dict.remove(b"Filter");
        }
    }
}

/// Forms that are part of a cycle of `Do`s or nested deeper than [`MAX_FORM_DEPTH`]. A form
/// without resources draws with its caller's, counted as the page's resources.
fn looping_forms(
    document: &Document,
    page_ids: &BTreeMap<u32, ObjectId>,
    forms: &[ObjectId],
) -> Vec<ObjectId> {
    let form_set: HashSet<ObjectId> = forms.iter().copied().collect();
    let xobjects_of = |dict: &Dictionary| -> Vec<ObjectId> {
        let resources = dict
            .get(b"Resources")
            .ok()
            .and_then(|r| deref_dict(document, r));
        let xobjects = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| deref_dict(document, x));
        xobjects
            .map(|x| {
                x.iter()
                    .filter_map(|(_, v)| v.as_reference().ok())
                    .filter(|id| form_set.contains(id))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut page_level: Vec<ObjectId> = Vec::new();
    for &page in page_ids.values() {
        if let Ok(dict) = document.get_dictionary(page) {
            page_level.extend(xobjects_of(dict));
        }
    }
    page_level.sort_unstable();
    page_level.dedup();
    let mut edges: HashMap<ObjectId, Vec<ObjectId>> = HashMap::new();
    for &form in forms {
        if let Ok(Object::Stream(stream)) = document.get_object(form) {
            let has_resources = stream.dict.has(b"Resources");
            edges.insert(
                form,
                if has_resources {
                    xobjects_of(&stream.dict)
                } else {
                    page_level.clone()
                },
            );
        }
    }
    let mut bad = Vec::new();
    let mut sorted_forms = forms.to_vec();
    sorted_forms.sort_unstable();
    for &start in &sorted_forms {
        // Depth-first from each form, with the path on a stack: a form met again on its own
        // path closes a cycle.
        let mut stack: Vec<(ObjectId, usize)> = vec![(start, 0)];
        let mut path: Vec<ObjectId> = Vec::new();
        let mut visits = 0usize;
        while let Some((node, depth)) = stack.pop() {
            path.truncate(depth);
            visits += 1;
            if path.contains(&node) || depth > MAX_FORM_DEPTH || visits > 10_000 {
                bad.push(start);
                break;
            }
            path.push(node);
            for &next in edges.get(&node).map(Vec::as_slice).unwrap_or_default() {
                stack.push((next, depth + 1));
            }
        }
    }
    bad
}

fn deref_dict<'a>(document: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Dictionary(dict) => Some(dict),
        Object::Reference(id) => document.get_dictionary(*id).ok(),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Glyphs → lines.

/// One line of text on a page, with its geometry in points from the page's top left.
#[derive(Clone, Debug, Default, PartialEq)]
struct Line {
    text: String,
    x_min: f64,
    x_max: f64,
    /// Baseline, growing downwards.
    y: f64,
    /// The font size most of the line's characters have.
    size: f64,
}

/// Collects the glyphs pdf-extract reports into lines, in content-stream order.
#[derive(Default)]
struct Collector {
    page_height: f64,
    lines: Vec<Line>,
    current: Option<Line>,
    sizes: Vec<(f64, usize)>,
    last_end: f64,
    pending_space: bool,
}

impl Collector {
    fn close_line(&mut self) {
        if let Some(mut line) = self.current.take() {
            line.text = line.text.trim_end().to_owned();
            line.size = self
                .sizes
                .iter()
                .max_by_key(|(_, count)| *count)
                .map_or(line.size, |(size, _)| *size);
            if !line.text.is_empty() {
                self.lines.push(line);
            }
        }
        self.sizes.clear();
        self.pending_space = false;
    }

    fn finish(mut self) -> Vec<Line> {
        self.close_line();
        self.lines
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.close_line();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale).abs();
        let (x, y) = (trm.m31, self.page_height - trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        let text = clean_glyph_text(char);
        if text.trim().is_empty() {
            self.pending_space = true;
            return Ok(());
        }
        let tolerance = 0.5 * size.max(self.current.as_ref().map_or(0.0, |l| l.size));
        let same_line = self
            .current
            .as_ref()
            .is_some_and(|l| (y - l.y).abs() <= tolerance && x > l.x_min - size);
        if !same_line {
            self.close_line();
            self.current = Some(Line {
                x_min: x,
                x_max: x,
                y,
                size,
                ..Line::default()
            });
            self.last_end = x;
        }
        if let Some(line) = self.current.as_mut() {
            let gap = x - self.last_end;
            if !line.text.is_empty()
                && (self.pending_space || gap > 0.15 * size)
                && !line.text.ends_with(' ')
            {
                line.text.push(' ');
            }
            line.text.push_str(&text);
            let end = x + width * size;
            line.x_min = line.x_min.min(x);
            line.x_max = line.x_max.max(end);
            self.last_end = end;
        }
        let rounded = (size * 2.0).round() / 2.0;
        match self.sizes.iter_mut().find(|(s, _)| *s == rounded) {
            Some((_, count)) => *count += text.chars().count(),
            None => self.sizes.push((rounded, text.chars().count())),
        }
        self.pending_space = false;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Ligatures as letters (ﬁ → fi), control characters dropped, other whitespace as a space.
fn clean_glyph_text(glyph: &str) -> Cow<'_, str> {
    let plain = |c: char| {
        !c.is_control()
            && !('\u{FB00}'..='\u{FB06}').contains(&c)
            && (c == ' ' || !c.is_whitespace())
    };
    if glyph.chars().all(plain) {
        return Cow::Borrowed(glyph);
    }
    let mut out = String::with_capacity(glyph.len() + 2);
    for c in glyph.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

// ---------------------------------------------------------------------------------------------
// Metadata.

fn info_title(document: &Document) -> Option<String> {
    let info = document
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|i| deref_dict(document, i))?;
    let title = info.get(b"Title").ok()?;
    let title = match title {
        Object::Reference(id) => document.get_object(*id).ok()?,
        other => other,
    };
    pdf_extract::decode_text_string(title)
        .ok()
        .map(|t| collapse_whitespace(&t))
}

fn xmp_title(document: &Document) -> Option<String> {
    let catalog = document.catalog().ok()?;
    let id = catalog.get(b"Metadata").ok()?.as_reference().ok()?;
    let Object::Stream(stream) = document.get_object(id).ok()? else {
        return None;
    };
    if stream.content.len() > 1024 * 1024 {
        return None;
    }
    let xml = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let xml = String::from_utf8_lossy(&xml);
    let title = xml.get(xml.find("<dc:title")?..)?;
    let title = title.get(..title.find("</dc:title>")?)?;
    let li = title.get(title.find("<rdf:li")?..)?;
    let text = li.get(li.find('>')? + 1..li.find("</rdf:li>")?)?;
    Some(collapse_whitespace(&unescape_xml(text)))
}

fn unescape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let tail = rest.get(amp..).unwrap_or_default();
        let Some(semi) = tail.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = tail.get(1..).unwrap_or_default();
            continue;
        };
        let entity = tail.get(1..semi).unwrap_or_default();
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = tail.get(semi + 1..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// A metadata title worth showing: not empty, not a file name or a placeholder.
///
/// Matches "Le gouvernement présente sa réforme"; must not match "Microsoft Word - draft.docx",
/// "untitled", "article-v2.pdf".
fn looks_like_title(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    const PLACEHOLDERS: &[&str] = &[
        "untitled",
        "untitled document",
        "sans titre",
        "sans nom",
        "ohne titel",
        "unbenannt",
        "document",
        "document1",
        "dokument1",
        "title",
        "titre",
        "titel",
        "print",
        "pdf",
    ];
    const PRODUCERS: &[&str] = &[
        "microsoft word -",
        "microsoft powerpoint -",
        "microsoft excel -",
    ];
    const EXTENSIONS: &[&str] = &[
        ".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".htm", ".html", ".pages", ".tex", ".ps",
        ".indd", ".xps",
    ];
    letters >= 2
        && !PLACEHOLDERS.contains(&lower.as_str())
        && !PRODUCERS.iter().any(|p| lower.starts_with(p))
        && !EXTENSIONS.iter().any(|e| lower.ends_with(e))
        && !lower.contains('\\')
        && (!lower.contains('/') || lower.contains(' '))
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// Lines → blocks.

fn assemble(document: RawDocument) -> Result<Extracted, DocError> {
    let mut warnings = Vec::new();
    let mut pages: Vec<Vec<Line>> = Vec::with_capacity(document.pages.len());
    for (i, page) in document.pages.into_iter().enumerate() {
        match page {
            Some(lines) => pages.push(lines),
            None => {
                warnings.push(format!(
                    "page {} could not be read: its text is missing",
                    i + 1
                ));
                pages.push(Vec::new());
            }
        }
    }
    if pages.iter().all(Vec::is_empty) {
        return Err(if warnings.len() == pages.len() {
            damaged("the reader failed on it")
        } else {
            NO_TEXT_LAYER.to_owned()
        });
    }
    for (i, lines) in pages.iter().enumerate() {
        if lines.is_empty()
            && !warnings
                .iter()
                .any(|w| w.starts_with(&format!("page {} ", i + 1)))
        {
            warnings.push(format!("page {} has no text (an image?)", i + 1));
        }
    }
    let removed = remove_running_lines(&mut pages);
    if removed > 0 {
        let plural = if removed == 1 { "line" } else { "lines" };
        warnings.push(format!("{removed} header/footer {plural} removed"));
    }
    let blocks = paragraphs(&pages);
    if blocks.is_empty() {
        return Err(NO_TEXT_LAYER.to_owned());
    }
    Ok(Extracted {
        blocks,
        title: document.title,
        date: None,
        warnings,
    })
}

/// Lines of a page's top or bottom that may be running headers or footers.
const EDGE_LINES: usize = 3;

/// Drops lines among the first or last [`EDGE_LINES`] of each page that repeat (digits
/// ignored) on at least half of the pages with text (and at least two), and lone page
/// numbers there. Returns how many lines went.
fn remove_running_lines(pages: &mut [Vec<Line>]) -> usize {
    let edge = |len: usize, i: usize| i < EDGE_LINES || i + EDGE_LINES >= len;
    let mut pages_with: HashMap<String, usize> = HashMap::new();
    for lines in pages.iter() {
        let keys: HashSet<String> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| edge(lines.len(), *i))
            .map(|(_, l)| running_key(&l.text))
            .collect();
        for key in keys {
            *pages_with.entry(key).or_default() += 1;
        }
    }
    let with_text = pages.iter().filter(|lines| !lines.is_empty()).count();
    let needed = with_text.div_ceil(2).max(2);
    let mut removed = 0;
    for lines in pages.iter_mut() {
        let len = lines.len();
        let before = lines.len();
        let mut i = 0;
        lines.retain(|line| {
            let running = edge(len, i)
                && (is_page_number(&line.text)
                    || pages_with
                        .get(&running_key(&line.text))
                        .is_some_and(|&n| n >= needed));
            i += 1;
            !running
        });
        removed += before - lines.len();
    }
    removed
}

/// A line's identity as a running header: lowercase, digits as `#`, single spaces.
/// "Page 1 sur 2" and "Page 2 sur 2" give the same key.
fn running_key(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase();
    let mut key = collapse_whitespace(&mapped);
    while key.contains("##") {
        key = key.replace("##", "#");
    }
    key
}

/// A lone page number: "3", "- 3 -", "Page 3", "Seite 3 von 12", "3/12", "p. 3".
/// Must not match "2030." nor "3 milliards".
fn is_page_number(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let core = lower.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '[' | ']' | '(' | ')' | '|')
    });
    let core = ["page", "seite", "pg.", "p.", "s."]
        .iter()
        .find_map(|prefix| core.strip_prefix(prefix))
        .unwrap_or(core)
        .trim();
    let (first, rest) = split_number(core);
    if first.is_empty() || first.len() > 5 {
        return false;
    }
    let rest = rest.trim_start();
    if rest.is_empty() {
        return true;
    }
    let rest = ["/", "sur", "von", "of", "de", "aus"]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep));
    rest.is_some_and(|rest| {
        let (total, tail) = split_number(rest.trim_start());
        !total.is_empty() && total.len() <= 5 && tail.trim().is_empty()
    })
}

fn split_number(text: &str) -> (&str, &str) {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    (
        text.get(..digits).unwrap_or_default(),
        text.get(digits..).unwrap_or_default(),
    )
}

/// The body's typical geometry, learnt from the lines themselves.
#[derive(Debug)]
struct Layout {
    left: f64,
    right: f64,
    /// Baseline distance over font size for consecutive lines of a paragraph.
    leading: f64,
    justified: bool,
}

fn layout(pages: &[Vec<Line>]) -> Layout {
    let lines: Vec<&Line> = pages.iter().flatten().collect();
    let body_size = mode(lines.iter().map(|l| l.size), 0.5).unwrap_or(10.0);
    let body: Vec<&&Line> = lines
        .iter()
        .filter(|l| (l.size - body_size).abs() <= 0.5)
        .collect();
    let left = mode(body.iter().map(|l| l.x_min), 1.0).unwrap_or(0.0);
    let mut ends: Vec<f64> = body.iter().map(|l| l.x_max).collect();
    ends.sort_by(f64::total_cmp);
    let right = ends.get(ends.len() * 9 / 10).copied().unwrap_or(left);
    let full = body
        .iter()
        .filter(|l| l.x_max >= right - 0.5 * l.size)
        .count();
    let justified = full * 2 > body.len();
    let mut ratios = Vec::new();
    for page in pages {
        for pair in page.windows(2) {
            if let [a, b] = pair
                && (a.size - b.size).abs() <= 0.5
                && b.y > a.y
            {
                ratios.push((b.y - a.y) / a.size.max(1.0));
            }
        }
    }
    let leading = mode(ratios.into_iter(), 0.05).unwrap_or(1.2);
    Layout {
        left,
        right,
        leading,
        justified,
    }
}

/// The most frequent value after rounding to `step`.
fn mode(values: impl Iterator<Item = f64>, step: f64) -> Option<f64> {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for v in values {
        if v.is_finite() {
            *counts.entry((v / step).round() as i64).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(k, n)| (n, std::cmp::Reverse(k)))
        .map(|(k, _)| k as f64 * step)
}

/// Lines → paragraphs: a new block on a font-size change, a vertical gap larger than the
/// usual leading, a first-line indent, or after a short line ending a sentence. A page break
/// keeps the paragraph when the last line does not end a sentence and the next one continues.
fn paragraphs(pages: &[Vec<Line>]) -> Vec<String> {
    let layout = layout(pages);
    let compounds = hyphenated_words(pages);
    let mut blocks: Vec<String> = Vec::new();
    let mut block = String::new();
    let mut previous: Option<&Line> = None;
    let mut previous_page = 0;
    for (page_index, lines) in pages.iter().enumerate() {
        for line in lines {
            let text = strip_inner_soft_hyphens(&line.text);
            let split = match previous {
                None => false,
                Some(prev) if previous_page == page_index => new_paragraph(prev, line, &layout),
                Some(prev) => !continues_on_next_page(prev, line, &layout),
            };
            if split && !block.is_empty() {
                blocks.push(finish_block(&block));
                block.clear();
            }
            join_line(&mut block, &text, &compounds);
            previous = Some(line);
            previous_page = page_index;
        }
    }
    if !block.is_empty() {
        blocks.push(finish_block(&block));
    }
    blocks.retain(|b| !b.is_empty());
    blocks
}

fn new_paragraph(prev: &Line, line: &Line, layout: &Layout) -> bool {
    let size = prev.size.max(line.size);
    if (prev.size - line.size).abs() > 0.5 {
        return true;
    }
    let gap = line.y - prev.y;
    if gap <= 0.0 || gap > prev.size * layout.leading * 1.3 {
        return true;
    }
    if is_indented(line, layout) && line.x_min > prev.x_min + 0.5 * size {
        return true;
    }
    ends_sentence(&prev.text) && is_short(prev, layout)
}

fn continues_on_next_page(prev: &Line, line: &Line, layout: &Layout) -> bool {
    let same_size = (prev.size - line.size).abs() <= 0.5;
    let hyphenated = ends_with_hyphen(&prev.text);
    let lowercase = line.text.chars().next().is_some_and(char::is_lowercase);
    same_size
        && (hyphenated || (!ends_sentence(&prev.text) && (lowercase || !is_indented(line, layout))))
}

fn is_indented(line: &Line, layout: &Layout) -> bool {
    line.x_min > layout.left + 0.5 * line.size
}

/// Clearly shorter than the column: in justified text, any line stopping before the right
/// margin; in ragged text, one shorter than four fifths of the column.
fn is_short(line: &Line, layout: &Layout) -> bool {
    if layout.justified {
        line.x_max < layout.right - line.size
    } else {
        line.x_max < layout.left + 0.8 * (layout.right - layout.left)
    }
}

/// Ends with `.`, `!`, `?` or `…`, closing quotes and brackets allowed after it.
fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '»' | '«' | '"' | '”' | '“' | '’' | '\'' | ')' | ']')
    });
    trimmed.ends_with(['.', '!', '?', '…'])
}

fn ends_with_hyphen(text: &str) -> bool {
    let mut chars = text.chars().rev();
    matches!(chars.next(), Some('-' | '\u{2010}' | '\u{AD}'))
        && chars.next().is_some_and(char::is_alphanumeric)
}

/// The document's own vocabulary, lowercased, for deciding what a hyphen at a line end is:
/// words written with a hyphen inside a line ("porte-parole"), so a word broken at a line end
/// after the same letters keeps its hyphen, and plain words ("président"), so "vice-" +
/// "président" is known as prefix + word. The fragment that starts a line after a line-end
/// hyphen ("vernement") is not a word of the document and is left out.
fn hyphenated_words(pages: &[Vec<Line>]) -> HashSet<String> {
    let mut words = HashSet::new();
    let mut after_hyphen = false;
    for line in pages.iter().flatten() {
        let skip = usize::from(after_hyphen);
        for token in line.text.split_whitespace().skip(skip) {
            let word = token.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.is_empty() {
                words.insert(word.replace('\u{2010}', "-").to_lowercase());
            }
        }
        after_hyphen = ends_with_hyphen(line.text.trim_end());
    }
    words
}

/// Soft hyphens inside a line are invisible break points: removed. One at the end stays for
/// [`join_line`].
fn strip_inner_soft_hyphens(text: &str) -> String {
    let trimmed = text.trim_end();
    match trimmed.strip_suffix('\u{AD}') {
        Some(head) => format!("{}\u{AD}", head.replace('\u{AD}', "")),
        None => trimmed.replace('\u{AD}', ""),
    }
}

/// Appends a line to a paragraph: with a space, or repairing a hyphenation at the line end.
///
/// "gou-" + "vernement" → "gouvernement"; "porte-" + "parole" → "porte-parole" when
/// "porte-parole" is written elsewhere; "CDU-" + "Chef" → "CDU-Chef"; "crise -" + "ou" →
/// "crise - ou".
fn join_line(block: &mut String, next: &str, compounds: &HashSet<String>) {
    let next = next.trim();
    if block.is_empty() {
        block.push_str(next);
        return;
    }
    if !ends_with_hyphen(block) {
        block.push(' ');
        block.push_str(next);
        return;
    }
    let first = next.chars().next();
    let hyphen = block.chars().last();
    if hyphen == Some('\u{AD}') {
        block.pop();
        block.push_str(next);
        return;
    }
    match first {
        Some(c) if c.is_lowercase() => {
            let stem_start = block.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let stem = block.get(stem_start..).unwrap_or_default();
            let stem = stem.trim_start_matches(|c: char| !c.is_alphanumeric());
            let stem = stem
                .get(..stem.len().saturating_sub(hyphen.map_or(1, char::len_utf8)))
                .unwrap_or(stem);
            let head: String = next
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .collect();
            let compound = format!("{stem}-{}", head.trim_end_matches('-')).to_lowercase();
            if !compounds.contains(&compound) && !always_hyphenated(stem, &head, compounds) {
                block.pop();
            }
            block.push_str(next);
        }
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => block.push_str(next),
        _ => {
            block.push(' ');
            block.push_str(next);
        }
    }
}

/// Prefixes always written with a hyphen before a word ("vice-président", "après-midi",
/// "arrière-pays", "demi-finale", "sans-abri"): no plain word continues them after a syllable
/// break, so a line break after one of them is the compound's own hyphen.
const HYPHEN_PREFIXES: &[&str] = &["vice", "après", "arrière", "demi", "semi", "sans"];

/// Prefixes written with a hyphen before a word ("ex-ministre", "non-lieu", "self-made",
/// "sous-préfet") that also begin plain words at a syllable break ("ex-périence",
/// "quasi-ment"). A line break after one of them is kept as a hyphen only when the rest is a
/// word the document uses on its own ("ministre"). Prefixes that begin too many plain words
/// ("mi-lieu", "pro-jet", "co-mité", "auto-mobile", "contre-dit") are left out. German writes
/// these as one word ("Vizepräsident") or before a capital ("Ex-Kanzler"), which the capital
/// rule already keeps.
const WORD_PREFIXES: &[&str] = &["ex", "non", "quasi", "sous", "self", "grand"];

/// French number words joined by a hyphen: "soixante-deux", "dix-huit", "vingt-et-un".
const FRENCH_NUMBER_WORDS: &[&str] = &[
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "vingts",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "et",
    "cent",
    "cents",
    "mille",
];

/// True when `stem-` + `head` is a compound that keeps its hyphen even though the document
/// never writes it unbroken: a prefix from [`HYPHEN_PREFIXES`], one from [`WORD_PREFIXES`]
/// before a word of the document, or two French number words. Matches "vice" + "président",
/// "ex" + "ministre" (when "ministre" occurs in the document), "soixante" + "deux"; must not
/// match "gou" + "vernement" nor "ex" + "périence".
fn always_hyphenated(stem: &str, head: &str, vocabulary: &HashSet<String>) -> bool {
    // "l’ex-" is the prefix "ex" after an elided article.
    let stem = stem
        .rsplit(['’', '\''])
        .next()
        .unwrap_or(stem)
        .to_lowercase();
    let head = head.to_lowercase();
    let head_first = head.split('-').next().unwrap_or_default();
    HYPHEN_PREFIXES.contains(&stem.as_str())
        || (WORD_PREFIXES.contains(&stem.as_str()) && vocabulary.contains(head_first))
        || (FRENCH_NUMBER_WORDS.contains(&stem.as_str())
            && FRENCH_NUMBER_WORDS.contains(&head_first))
}

fn finish_block(block: &str) -> String {
    collapse_whitespace(&block.replace('\u{AD}', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR_PDF: &[u8] = include_bytes!("../../../tests/fixtures/pdf/article-fr.pdf");
    const FR_TXT: &str = include_str!("../../../tests/fixtures/pdf/article-fr.txt");
    const DE_PDF: &[u8] = include_bytes!("../../../tests/fixtures/pdf/article-de.pdf");
    const DE_TXT: &str = include_str!("../../../tests/fixtures/pdf/article-de.txt");
    const ENCRYPTED: &[u8] = include_bytes!("../../../tests/fixtures/pdf/encrypted-fr.pdf");
    const ENCRYPTED_OPEN: &[u8] =
        include_bytes!("../../../tests/fixtures/pdf/encrypted-no-user-password.pdf");
    const IMAGE_ONLY: &[u8] = include_bytes!("../../../tests/fixtures/pdf/image-only.pdf");
    const TEXT_AND_IMAGE: &[u8] = include_bytes!("../../../tests/fixtures/pdf/text-and-image.pdf");

    fn paragraphs_of(text: &str) -> Vec<String> {
        text.trim().split("\n\n").map(str::to_owned).collect()
    }

    #[test]
    fn french_print_reads_like_its_plain_text() {
        let extracted = extract(FR_PDF).unwrap();
        assert_eq!(extracted.blocks, paragraphs_of(FR_TXT));
        assert_eq!(
            extracted.title.as_deref(),
            Some("Le gouvernement présente sa réforme des retraites")
        );
        assert_eq!(extracted.date, None);
        assert_eq!(extracted.warnings, ["4 header/footer lines removed"]);
        let all = extracted.blocks.join("\n");
        // Hyphenated at line ends in the PDF: "con-cer-tation"... rejoined; compounds kept.
        for word in [
            "financier",
            "gouvernement",
            "amendement",
            "porte-parole",
            "Jean-Pierre",
            "référendum d’initiative partagée.",
        ] {
            assert!(all.contains(word), "{word}");
        }
        for gone in ["Courrier du Matin", "Page 1 sur 2", "Page 2"] {
            assert!(!all.contains(gone), "{gone}");
        }
    }

    #[test]
    fn german_print_reads_like_its_plain_text() {
        let extracted = extract(DE_PDF).unwrap();
        assert_eq!(extracted.blocks, paragraphs_of(DE_TXT));
        assert_eq!(
            extracted.title.as_deref(),
            Some("Bundesregierung beschließt Haushaltsentwurf")
        );
        assert_eq!(extracted.warnings, ["4 header/footer lines removed"]);
        let all = extracted.blocks.join("\n");
        for word in [
            "CDU-Chef",
            "SPD-Fraktion",
            "Zwei-Prozent-Ziel",
            "„soliden Fundament für die kommenden Jahre“",
            "hielten andere",
        ] {
            assert!(all.contains(word), "{word}");
        }
        assert!(!all.contains("Tageszeitung"));
        assert!(extracted.blocks.iter().all(|b| b != "1" && b != "2"));
    }

    #[test]
    fn errors_speak_to_the_user() {
        let cases: &[(&[u8], &str)] = &[
            (IMAGE_ONLY, NO_TEXT_LAYER),
            (ENCRYPTED, "the PDF is password-protected"),
            (
                b"",
                "the PDF is damaged: it does not start with a PDF header",
            ),
            (
                b"<html>not a pdf</html>",
                "the PDF is damaged: it does not start with a PDF header",
            ),
            (
                FR_PDF.get(..FR_PDF.len() * 6 / 10).unwrap(),
                "the PDF is damaged: its cross-reference table is broken",
            ),
            (
                FR_PDF.get(..3000).unwrap(),
                "the PDF is damaged: its cross-reference table is broken",
            ),
        ];
        for (bytes, message) in cases {
            let error = extract(bytes).unwrap_err();
            assert!(error.starts_with(message), "{error}");
        }
        assert!(NO_TEXT_LAYER.contains("ocrmypdf"));
    }

    #[test]
    fn a_pdf_without_user_password_opens() {
        let extracted = extract(ENCRYPTED_OPEN).unwrap();
        assert_eq!(extracted.blocks, paragraphs_of(FR_TXT));
    }

    #[test]
    fn a_page_without_text_is_a_warning() {
        let extracted = extract(TEXT_AND_IMAGE).unwrap();
        assert_eq!(
            extracted.blocks,
            ["First page with text.", "Third page with text."]
        );
        assert_eq!(extracted.warnings, ["page 2 has no text (an image?)"]);
        assert_eq!(extracted.title, None);
    }

    #[test]
    fn broken_xref_offsets_are_recovered() {
        let mut bytes = FR_PDF.to_vec();
        let xref = rfind(&bytes, b"xref\n").unwrap();
        // Every in-use entry points at a wrong offset.
        let mut i = xref;
        while let Some(at) = bytes.get(i..).and_then(|rest| find(rest, b" 00000 n")) {
            let entry = i + at - 10;
            bytes.splice(entry..entry + 10, *b"0000012345");
            i = i + at + 8;
        }
        let extracted = extract(&bytes).unwrap();
        assert_eq!(extracted.blocks, paragraphs_of(FR_TXT));
    }

    #[test]
    fn too_many_pages_are_refused() {
        let limits = Limits {
            pages: 1,
            ..Limits::default()
        };
        let error = extract_with(FR_PDF, limits).unwrap_err();
        assert_eq!(
            error,
            "the PDF has 2 pages, more than the 1 factdiff reads (is it an article?)"
        );
    }

    /// A PDF with the given objects (1 is the catalog) and a correct xref table.
    fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(object);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut out = format!("<< /Length {} {dict} >>\nstream\n", data.len()).into_bytes();
        out.extend_from_slice(data);
        out.extend_from_slice(b"\nendstream");
        out
    }

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    /// One page showing `content`, with a Helvetica font whose ToUnicode is `to_unicode`.
    fn one_page(content: Vec<u8>, to_unicode: Option<Vec<u8>>) -> Vec<u8> {
        let font = match to_unicode {
            Some(_) => "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >>",
            None => "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>".to_vec(),
            font.as_bytes().to_vec(),
            to_unicode.unwrap_or_else(|| b"null".to_vec()),
            content,
        ];
        objects.truncate(6);
        pdf(&objects)
    }

    #[test]
    fn a_handmade_pdf_reads() {
        let content = stream("", b"BT /F1 12 Tf 72 770 Td (Hello world.) Tj ET");
        let extracted = extract(&one_page(content, None)).unwrap();
        assert_eq!(extracted.blocks, ["Hello world."]);
    }

    #[test]
    fn decompression_bombs_are_refused() {
        // 3 MiB of zeros after the text, compressed to a few KiB; the limit is 1 MiB here
        // (the real one, 256 MiB, works the same on a 300 MiB stream).
        let mut data = b"BT /F1 12 Tf 72 770 Td (Bomb.) Tj ET\n".to_vec();
        data.resize(3 << 20, b' ');
        let content = stream("/Filter /FlateDecode", &deflate(&data));
        let bytes = one_page(content, None);
        assert!(bytes.len() < 20_000);
        let limits = Limits {
            decompressed_bytes: 1 << 20,
            ..Limits::default()
        };
        assert_eq!(
            extract_with(&bytes, limits).unwrap_err(),
            "the PDF expands to more than 1 MiB (a decompression bomb?)"
        );
        // Under the limit it reads.
        let limits = Limits {
            decompressed_bytes: 4 << 20,
            ..Limits::default()
        };
        assert_eq!(extract_with(&bytes, limits).unwrap().blocks, ["Bomb."]);
        // Chained filters and LZW count too.
        let a85_flate = stream(
            "/Filter [/ASCII85Decode /FlateDecode]",
            &ascii85_encode(&deflate(&data)),
        );
        let limits = Limits {
            decompressed_bytes: 1 << 20,
            ..Limits::default()
        };
        assert!(
            extract_with(&one_page(a85_flate, None), limits)
                .unwrap_err()
                .contains("decompression bomb")
        );
        let lzw = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
            .encode(&data)
            .unwrap();
        let lzw = stream("/Filter /LZWDecode", &lzw);
        assert!(
            extract_with(&one_page(lzw, None), limits)
                .unwrap_err()
                .contains("decompression bomb")
        );
    }

    fn ascii85_encode(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for chunk in data.chunks(4) {
            let mut word = [0u8; 4];
            word.get_mut(..chunk.len()).unwrap().copy_from_slice(chunk);
            let mut value = u32::from_be_bytes(word);
            let mut digits = [0u8; 5];
            for d in digits.iter_mut().rev() {
                *d = (value % 85) as u8 + b'!';
                value /= 85;
            }
            out.extend_from_slice(digits.get(..chunk.len() + 1).unwrap());
        }
        out.extend_from_slice(b"~>");
        out
    }

    #[test]
    fn ascii85_round_trips() {
        let data = b"Hello, \x00\x00\x00\x00 world!";
        assert_eq!(ascii85(&ascii85_encode(data)), data);
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        let deep = |open: &str, close: &str| {
            [open.repeat(100_000), close.repeat(100_000)]
                .concat()
                .into_bytes()
        };
        let text = stream("", b"BT /F1 12 Tf 72 770 Td (Hi.) Tj ET");
        // In an object, in a content stream (compressed), in a ToUnicode CMap (pdf-extract's
        // CMap parser recurses without a limit: this one overflowed the stack before the check).
        let in_object = {
            let mut objects = vec![
                b"<< /Type /Catalog /Pages 2 0 R /Junk 7 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>".to_vec(),
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
                b"null".to_vec(),
                text.clone(),
            ];
            objects.push(deep("[", "]"));
            pdf(&objects)
        };
        let mut content = b"BT /F1 12 Tf 72 770 Td ".to_vec();
        content.extend(deep("[", "]"));
        let in_content = one_page(stream("/Filter /FlateDecode", &deflate(&content)), None);
        let mut cmap = b"begincmap 1 beginbfrange <00> <01> ".to_vec();
        cmap.extend(deep("[", "]"));
        let in_cmap = one_page(
            text.clone(),
            Some(stream("/Filter /FlateDecode", &deflate(&cmap))),
        );
        let mut cmap = b"begincmap 1 beginbfchar <01> ".to_vec();
        cmap.extend(deep("(", ")"));
        let strings_in_cmap = one_page(text.clone(), Some(stream("", &cmap)));
        let dicts = one_page(text, Some(deep("<< /A ", ">>")));
        for bytes in [in_object, in_content, in_cmap, strings_in_cmap, dicts] {
            assert_eq!(
                extract(&bytes).unwrap_err(),
                "the PDF is damaged: it nests objects more than 100 levels deep (a hostile file?)"
            );
        }
        // Normal nesting passes.
        // Parentheses nested in a literal string count too: 3 levels + 2.
        let normal = b"<< /A [[1 2] << /B (a (b) c) >>] /C <414243> >>";
        assert!(check_nesting(normal, 5).is_ok());
        assert!(check_nesting(normal, 4).is_err());
        assert!(check_nesting(b"[[[[", 3).is_err());
        // Comments, brackets in strings, escaped parentheses and hex strings are not nesting.
        assert!(check_nesting(b"% [[[[\n[(a\\( [[[[) <5b5b5b5b>]", 2).is_ok());
    }

    #[test]
    fn nothing_panics_on_cut_or_garbled_files() {
        let step = FR_PDF.len() / 97;
        for cut in (0..FR_PDF.len()).step_by(step.max(1)) {
            let _ = extract(FR_PDF.get(..cut).unwrap());
        }
        // Garble bytes through the file, a window at a time.
        let mut state = 0x2545_F491_u32;
        for round in 0..40 {
            let mut bytes = FR_PDF.to_vec();
            for _ in 0..20 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let at = state as usize % bytes.len();
                if let Some(b) = bytes.get_mut(at) {
                    *b = (state >> 8) as u8;
                }
            }
            let _ = extract(&bytes);
            let _ = round;
        }
    }

    #[test]
    fn hyphenation_at_line_ends() {
        let compounds: HashSet<String> = ["porte-parole", "mots-clés", "ministre"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let cases = [
            ("le gou-", "vernement a dit", "le gouvernement a dit"),
            ("die Bundes-", "regierung", "die Bundesregierung"),
            ("le porte-", "parole a dit", "le porte-parole a dit"),
            ("le vice-", "président a dit", "le vice-président a dit"),
            ("soixante-", "deux élus", "soixante-deux élus"),
            ("dix-", "huit mois", "dix-huit mois"),
            ("le gou-", "vernement", "le gouvernement"),
            ("la pro-", "cédure", "la procédure"),
            ("l’ex-", "périence", "l’expérience"),
            ("l’ex-", "ministre", "l’ex-ministre"),
            ("la quasi-", "ment", "la quasiment"),
            ("« porte-", "parole »", "« porte-parole »"),
            ("der CDU-", "Chef", "der CDU-Chef"),
            ("Jean-", "Pierre Lefèvre", "Jean-Pierre Lefèvre"),
            ("de 2020-", "2021", "de 2020-2021"),
            ("la crise -", "ou pas", "la crise - ou pas"),
            ("la crise –", "ou pas", "la crise – ou pas"),
            ("Über\u{AD}", "nahme", "Übernahme"),
            ("gou\u{2010}", "vernement", "gouvernement"),
            ("a", "b", "a b"),
        ];
        for (line, next, want) in cases {
            let mut block = line.to_owned();
            join_line(&mut block, next, &compounds);
            assert_eq!(block, want, "{line:?} + {next:?}");
        }
        assert_eq!(
            strip_inner_soft_hyphens("Bun\u{AD}des\u{AD}"),
            "Bundes\u{AD}"
        );
        assert_eq!(finish_block("Bun\u{AD}des  tag"), "Bundes tag");
    }

    #[test]
    fn page_numbers() {
        for yes in [
            "3",
            "- 3 -",
            "– 12 –",
            "Page 3",
            "page 3 sur 12",
            "Seite 3",
            "Seite 3 von 12",
            "3/12",
            "3 / 12",
            "p. 3",
            "[3]",
            "Page 3 of 12",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "2030.",
            "3 milliards",
            "Page",
            "",
            "Le 3 mai",
            "123456",
            "3/12/2024",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn running_keys_ignore_digits() {
        assert_eq!(running_key("Page 1 sur 2"), running_key("Page 2 sur 2"));
        assert_eq!(running_key("3 / 12"), running_key("10 / 12"));
        assert_ne!(running_key("Le Courrier"), running_key("Le Monde"));
    }

    fn line(text: &str, y: f64) -> Line {
        Line {
            text: text.to_owned(),
            x_min: 56.0,
            x_max: 380.0,
            y,
            size: 10.0,
        }
    }

    #[test]
    fn running_headers_and_footers_go() {
        let page = |n: usize, body: &[&str]| {
            let mut lines = vec![
                line("Le Courrier — Politique", 40.0),
                line(&format!("{n} / 3"), 52.0),
            ];
            lines.extend(
                body.iter()
                    .enumerate()
                    .map(|(i, t)| line(t, 80.0 + 11.5 * i as f64)),
            );
            lines.push(line(&format!("Imprimé le 2{n}/01/2024"), 570.0));
            lines
        };
        let mut pages = vec![
            page(1, &["Un.", "Deux."]),
            page(2, &["Trois."]),
            page(3, &["Quatre.", "Cinq."]),
        ];
        assert_eq!(remove_running_lines(&mut pages), 9);
        let left: Vec<Vec<&str>> = pages
            .iter()
            .map(|p| p.iter().map(|l| l.text.as_str()).collect())
            .collect();
        assert_eq!(
            left,
            [
                vec!["Un.", "Deux."],
                vec!["Trois."],
                vec!["Quatre.", "Cinq."]
            ]
        );
        // A line on one page only stays, as does a repeated line in the middle of long pages.
        let mut single = vec![vec![line("Le Courrier", 40.0), line("Texte.", 60.0)]];
        assert_eq!(remove_running_lines(&mut single), 0);
    }

    #[test]
    fn paragraphs_from_geometry() {
        let at = |text: &str, x_min: f64, x_max: f64, y: f64, size: f64| Line {
            text: text.to_owned(),
            x_min,
            x_max,
            y,
            size,
        };
        let page1 = vec![
            at("Titre de l’article", 56.0, 200.0, 60.0, 17.0),
            at(
                "Le premier paragraphe commence ici et",
                56.0,
                380.0,
                90.0,
                10.0,
            ),
            at("se termine là.", 56.0, 150.0, 101.5, 10.0),
            at(
                "Un deuxième paragraphe qui continue sur la",
                56.0,
                380.0,
                113.0,
                10.0,
            ),
            at(
                "page suivante et dont la fin est coupée par",
                56.0,
                380.0,
                124.5,
                10.0,
            ),
        ];
        let page2 = vec![
            at("la page. Fin du deuxième.", 56.0, 200.0, 60.0, 10.0),
            at(
                "Après un blanc, le troisième paragraphe",
                56.0,
                380.0,
                80.0,
                10.0,
            ),
            at("Fin du troisième.", 56.0, 380.0, 91.5, 10.0),
            at(
                "Le quatrième, en retrait, commence ici et",
                70.0,
                380.0,
                103.0,
                10.0,
            ),
            at("finit ici.", 56.0, 120.0, 114.5, 10.0),
        ];
        let blocks = paragraphs(&[page1, page2]);
        assert_eq!(
            blocks,
            [
                "Titre de l’article",
                "Le premier paragraphe commence ici et se termine là.",
                "Un deuxième paragraphe qui continue sur la page suivante et dont la fin est coupée par la page. Fin du deuxième.",
                "Après un blanc, le troisième paragraphe Fin du troisième.",
                "Le quatrième, en retrait, commence ici et finit ici.",
            ]
        );
    }

    #[test]
    fn titles_from_metadata() {
        for yes in [
            "Le gouvernement présente sa réforme",
            "Haushalt 2025: Einigung",
            "Brexit",
        ] {
            assert!(looks_like_title(yes), "{yes}");
        }
        for no in [
            "",
            "  ",
            "Microsoft Word - draft.docx",
            "untitled",
            "Sans titre",
            "article-v2.pdf",
            "C:\\Users\\x\\a",
            "/tmp/a",
            "1234",
        ] {
            assert!(!looks_like_title(no), "{no}");
        }
        assert_eq!(
            unescape_xml("R&amp;D &#233;t&#xE9; &lt;x&gt; & co"),
            "R&D été <x> & co"
        );
    }

    #[test]
    fn ligatures_and_controls_in_glyphs() {
        assert_eq!(clean_glyph_text("\u{FB01}"), "fi");
        assert_eq!(clean_glyph_text("\u{FB02}ux"), "flux");
        assert_eq!(clean_glyph_text("a\u{0}b\u{A0}"), "ab ");
        assert_eq!(clean_glyph_text("é"), "é");
    }

    #[test]
    fn filters_in_stream_dictionaries() {
        assert_eq!(
            filter_names(b"<< /Length 5 /Filter /FlateDecode >>"),
            [b"FlateDecode".to_vec()]
        );
        assert_eq!(
            filter_names(b"<< /Filter [/A85 /Fl] /Length 5 >>"),
            [b"A85".to_vec(), b"Fl".to_vec()]
        );
        assert!(filter_names(b"<< /Length 5 >>").is_empty());
        assert_eq!(
            name_after(b"<< /Subtype /Image /Width 2 >>", b"/Subtype"),
            Some(b"Image".as_slice())
        );
    }

    /// Cost of the pre-scan and of the whole read; `cargo test --release -- --ignored --nocapture`.
    #[test]
    #[ignore = "timing, run by hand"]
    fn timings() {
        for path in ["/tmp/pdfgen/article-fr.pdf", "/tmp/pdfgen/long-fr.pdf"] {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let started = std::time::Instant::now();
            for _ in 0..10 {
                prescan(&bytes, Limits::default()).unwrap();
            }
            let prescan_ms = started.elapsed().as_secs_f64() * 100.0;
            let started = std::time::Instant::now();
            for _ in 0..10 {
                extract(&bytes).unwrap();
            }
            let total_ms = started.elapsed().as_secs_f64() * 100.0;
            println!(
                "{path}: {} KiB, pre-scan {prescan_ms:.2} ms, whole extract {total_ms:.2} ms",
                bytes.len() / 1024
            );
        }
    }
}
