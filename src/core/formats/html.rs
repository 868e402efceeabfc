//! Stage 1b for saved web pages: the bytes of a page saved with the browser's "Save page as" →
//! the article's blocks of text, its title and its publication date.
//!
//! In: [`declared_charset`] and [`sniff`] read raw bytes (for `load`, which decodes them);
//! [`extract`] reads the page already decoded to text.
//! Out: an [`Extracted`] whose blocks read like a plain-text copy of the article: the headline,
//! the standfirst when the page marks one, then the body's paragraphs, subheadings, quotes and
//! list items. Menus, cookie banners, share buttons, "most read" boxes, comments, newsletter
//! boxes and ads are left out, because every name and number in them would become a spurious
//! entity or fact in the comparison.
//!
//! How the article is found, in the spirit of Mozilla's Readability but written here so that
//! the cue lists, the warnings and the limits are ours:
//! 1. html5ever (through `scraper`) parses the page as a browser would; the tree is copied into
//!    a flat pre-order arena where every subtree is a range of indices, so no step recurses.
//! 2. Elements that are never article text are dropped: scripts, styles, forms, navigation,
//!    asides, figures, hidden elements ([`DROPPED_TAGS`], [`DROPPED_ROLES`]).
//! 3. Elements whose class, id, role or `data-*` attributes name boilerplate
//!    ([`BOILERPLATE_CUES`]) are dropped, except an element that holds most of the article's
//!    text (a `<body class="has-newsletter">` wrapper must not take the article with it), and
//!    except a "read more" element that holds prose: the rest of the article behind a button.
//! 4. The body is an explicit marker (`itemprop="articleBody"`, `class="article-body"`,
//!    `<article>`...) holding a good share of the page's text, else the best container by
//!    Readability's score (text length and commas of its paragraphs, less its link density),
//!    with the siblings that score well.
//! 5. The body's blocks are read in order; link-dense boxes, "Lire aussi"/"Read more" lines and
//!    lone "Publicité" labels are dropped and counted in a warning.

use super::{DocError, Extracted};
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------------
// Limits.

/// Largest page [`extract`] reads, in bytes of decoded text. A saved article page is 0.1 to
/// 5 MiB even with inline styles and scripts; a larger file is not an article page, and html5ever
/// keeps roughly ten times the input in memory while parsing.
pub const MAX_HTML_BYTES: usize = 64 * 1024 * 1024;

/// Most elements a page may have (start tags, plus stray `</p>` and `</br>`, which create
/// elements too). A heavy news page has 5 000 to 50 000; this leaves a tenfold margin and keeps
/// the worst case (half a million empty paragraphs) near one second and a few hundred MiB.
pub const MAX_ELEMENTS: usize = 500_000;

/// Most "nesting work" a page may ask of the parser: the sum, over all start tags, of how many
/// elements are open at that point, with open formatting elements (`<b>`, `<a>`, `<font>`…)
/// counted [`FORMATTING_WEIGHT`] more times at a formatting start tag; estimated by a quick scan
/// before parsing.
///
/// Why: html5ever follows the HTML specification, whose tree-building steps walk the stack of
/// open elements ("has a `p` element in button scope") for most start tags, and compare a new
/// formatting element with every open one (the "Noah's Ark" clause), so deep nesting costs time
/// quadratic in the depth. Measured in release on this machine: 20 000 nested `<div>` take
/// 1.2 s to parse, 20 000 nested `<b id=…>` 9.8 s, so 100 000 nested `<div>` would take about
/// 30 s. Real pages stay near 10^5 to 10^6 (depth 10 to 40 times 5 000 to 50 000 tags); the
/// limit leaves them a wide margin and bounds the worst shapes to about 0.2 s of parsing.
pub const MAX_NESTING_WORK: u64 = 30_000_000;

/// Extra weight of open formatting elements in [`MAX_NESTING_WORK`]: html5ever spends about 8
/// times longer per open `<b id=…>` (attribute comparisons) than per open `<div>`.
const FORMATTING_WEIGHT: u64 = 8;

/// The HTML specification's formatting elements, which html5ever compares with each other.
const FORMATTING_TAGS: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Bytes from the start of a file that [`declared_charset`] looks at, as the HTML
/// specification's prescan does: a `<meta charset>` later than that is not honoured by
/// browsers either.
pub const CHARSET_PRESCAN_BYTES: usize = 1024;

/// Bytes from the start of a file that [`sniff`] looks at. A saved page declares itself in its
/// first lines; reading more would only raise the odds of a false match in plain text.
pub const SNIFF_BYTES: usize = 4096;

/// Fewest characters (not counting spaces) that make a run of text a paragraph for scoring,
/// as in Readability: shorter runs are labels, buttons and bylines.
const MIN_PARAGRAPH_CHARS: usize = 25;

/// Share of the article's (or the page's) text that protects an element from a boilerplate
/// cue: an element holding at least this share is a wrapper of the article, not a box in it.
const WRAPPER_SHARE: f64 = 0.5;

/// Share of the page's text an explicit body marker must hold to be trusted over scoring; a
/// related-article teaser in an `<article>` holds far less.
const MARKER_MIN_SHARE: f64 = 1.0 / 3.0;

// ---------------------------------------------------------------------------------------------
// Cue lists.

/// Elements whose content is never article text, whatever their class. `form` is dropped
/// unless it wraps most of the page (old ASP.NET pages put everything in one `<form>`);
/// `header` and `footer` are dropped outside `<article>` unless they hold the headline.
pub const DROPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "button",
    "input",
    "select",
    "option",
    "optgroup",
    "datalist",
    "textarea",
    "output",
    "progress",
    "meter",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "head",
    "title",
    "video",
    "audio",
    "object",
    "embed",
    "picture",
    "dialog",
    "menu",
    "map",
    "frameset",
    "frame",
    "link",
    "meta",
];

/// ARIA roles of regions that are never the article: site navigation, the site banner, the
/// site footer ("contentinfo"), sidebars ("complementary"), dialogs and alerts (cookie banners).
pub const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "alert",
    "menu",
    "menubar",
    "toolbar",
    "search",
];

/// How a cue matches the tokens of one class, id, role or `data-*` value. Values are split
/// into lower-case tokens at `-`, `_`, spaces, other punctuation, camelCase humps and
/// letter/digit changes: `"article__share-Buttons ad300"` → `article share buttons ad 300`.
#[derive(Clone, Copy, Debug)]
enum Cue {
    /// The whole token: `Exact("ad")` matches `ad-slot` and `top_ad`, not `header` or `read`.
    Exact(&'static str),
    /// The token's start: `Prefix("comment")` matches `comments` and `commentaires`.
    Prefix(&'static str),
    /// Consecutive tokens: `Seq(&["most", "read"])` matches `most-read`, `mostRead`.
    Seq(&'static [&'static str]),
}

/// Class, id, role and `data-*` cues of boilerplate boxes (cookie and consent banners,
/// newsletter and subscription boxes, share bars, related/"most read" lists, comments, ads,
/// breadcrumbs, tag lists, bylines and author boxes, "read also" boxes, modals, menus), in
/// English, French and German. Each one names a box that a plain-text copy of the article
/// would not contain. Matching is on whole tokens or token prefixes, so `ad` never matches
/// `header`, `shadow` or `read`, and `article-body` or `content` match nothing.
const BOILERPLATE_CUES: &[Cue] = &[
    // Consent.
    Cue::Prefix("cookie"),
    Cue::Prefix("consent"),
    Cue::Prefix("gdpr"),
    Cue::Exact("cmp"),
    Cue::Prefix("didomi"),
    Cue::Prefix("onetrust"),
    Cue::Prefix("cookiebanner"),
    // Subscriptions.
    Cue::Prefix("newsletter"),
    Cue::Prefix("subscri"),
    Cue::Prefix("abonn"),
    Cue::Prefix("paywall"),
    Cue::Prefix("signup"),
    // Sharing.
    Cue::Prefix("share"),
    Cue::Prefix("sharing"),
    Cue::Prefix("social"),
    Cue::Prefix("partage"),
    // Other articles.
    Cue::Prefix("related"),
    Cue::Prefix("recommend"),
    Cue::Seq(&["most", "read"]),
    Cue::Prefix("mostread"),
    Cue::Seq(&["most", "popular"]),
    Cue::Prefix("popular"),
    Cue::Prefix("trending"),
    Cue::Seq(&["plus", "lus"]),
    Cue::Prefix("pluslus"),
    Cue::Prefix("meistgelesen"),
    Cue::Seq(&["meist", "gelesen"]),
    Cue::Seq(&["read", "also"]),
    Cue::Seq(&["see", "also"]),
    Cue::Seq(&["lire", "aussi"]),
    Cue::Seq(&["a", "lire"]),
    Cue::Prefix("alire"),
    Cue::Seq(&["voir", "aussi"]),
    Cue::Seq(&["mehr", "zum", "thema"]),
    Cue::Seq(&["lesen", "sie", "auch"]),
    // Photo galleries and slideshows: buttons, counters and captions.
    Cue::Prefix("gallery"),
    Cue::Prefix("galerie"),
    Cue::Prefix("slideshow"),
    Cue::Prefix("carousel"),
    Cue::Prefix("diaporama"),
    Cue::Prefix("bildergalerie"),
    Cue::Prefix("outbrain"),
    Cue::Prefix("taboola"),
    // Comments.
    Cue::Prefix("comment"),
    Cue::Prefix("kommentar"),
    Cue::Prefix("disqus"),
    // Ads.
    Cue::Exact("ad"),
    Cue::Exact("ads"),
    Cue::Exact("adv"),
    Cue::Prefix("adslot"),
    Cue::Prefix("adunit"),
    Cue::Prefix("advert"),
    Cue::Exact("pub"),
    Cue::Prefix("publicit"),
    Cue::Prefix("anzeige"),
    Cue::Prefix("werbung"),
    Cue::Prefix("sponsor"),
    Cue::Prefix("promo"),
    // Page furniture.
    Cue::Prefix("breadcrumb"),
    Cue::Exact("tags"),
    Cue::Exact("tag"),
    Cue::Prefix("keyword"),
    Cue::Prefix("schlagw"),
    Cue::Exact("byline"),
    Cue::Exact("author"),
    Cue::Exact("authors"),
    Cue::Seq(&["author", "bio"]),
    Cue::Exact("dateline"),
    Cue::Exact("meta"),
    Cue::Prefix("modal"),
    Cue::Prefix("popup"),
    Cue::Prefix("overlay"),
    Cue::Prefix("toolbar"),
    Cue::Prefix("menu"),
    Cue::Seq(&["sr", "only"]),
    Cue::Seq(&["visually", "hidden"]),
    Cue::Seq(&["screen", "reader"]),
];

/// Cues of a "read more" element. It is either a box of links to other articles, or a
/// wrapper that hides the rest of the article behind a "Read more" button (`<div
/// id="read-more"><a>Read more</a><div id="read-more-content"><p>…`): the box is dropped like
/// other boilerplate, the wrapper is kept when it holds prose ([`EXPANDER_MAX_LINK_DENSITY`],
/// [`EXPANDER_MIN_PROSE_CHARS`]).
const EXPANDER_CUES: &[Cue] = &[Cue::Seq(&["read", "more"]), Cue::Prefix("readmore")];

/// Highest link density of a "read more" element kept as a wrapper of the article's text.
const EXPANDER_MAX_LINK_DENSITY: f64 = 0.25;

/// Fewest characters of plain (unlinked) text a "read more" element needs to be kept as a
/// wrapper of the article's text: a paragraph or two, more than a teaser under a link.
const EXPANDER_MIN_PROSE_CHARS: usize = 4 * MIN_PARAGRAPH_CHARS;

/// Class/id cues of an explicit article body container (The Guardian's
/// `content__article-body`, Le Monde's `article__content`, WordPress's `entry-content`,
/// German sites' `artikel…`). Such a container is preferred to scoring when it holds a good
/// share of the page's text ([`MARKER_MIN_SHARE`]).
const BODY_MARKERS: &[Cue] = &[
    Cue::Seq(&["article", "body"]),
    Cue::Seq(&["article", "content"]),
    Cue::Seq(&["article", "text"]),
    Cue::Exact("articlebody"),
    Cue::Seq(&["story", "body"]),
    Cue::Seq(&["entry", "content"]),
    Cue::Seq(&["post", "content"]),
    Cue::Seq(&["post", "body"]),
    Cue::Prefix("artikel"),
];

/// Class/id/itemprop cues of the standfirst (the lead paragraph under the headline): French
/// `chapo`, English `standfirst`/`dek`, German `vorspann`, and generic ones. Only looked for
/// between the headline and the first long body paragraph, so `description` in a teaser box
/// elsewhere is not taken.
const LEAD_CUES: &[Cue] = &[
    Cue::Prefix("chapo"),
    Cue::Prefix("chapeau"),
    Cue::Prefix("standfirst"),
    Cue::Exact("lead"),
    Cue::Exact("lede"),
    Cue::Prefix("leadtext"),
    Cue::Exact("dek"),
    Cue::Exact("intro"),
    Cue::Exact("introduction"),
    Cue::Exact("desc"),
    Cue::Exact("description"),
    Cue::Exact("summary"),
    Cue::Exact("teaser"),
    Cue::Exact("abstract"),
    Cue::Prefix("vorspann"),
    Cue::Prefix("einleitung"),
    Cue::Prefix("subtitle"),
];

/// Class/id tokens Readability adds to (positive) or takes from (negative) a container's score.
const POSITIVE_CLASS: &[&str] = &[
    "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story",
    "artikel", "inhalt", "contenu", "texte",
];
const NEGATIVE_CLASS: &[&str] = &[
    "footer",
    "footnote",
    "sidebar",
    "widget",
    "masthead",
    "media",
    "skyscraper",
    "teaser",
    "card",
    "list",
    "nav",
    "links",
    "header",
    "hidden",
];

/// Labels that open a "see also" line inside the body ("Lire aussi : <a>…</a>"). The line is
/// dropped when it is mostly a link after the label, or is the label alone; a sentence that
/// merely starts with "Related" is kept.
const SEE_ALSO_LABELS: &[&str] = &[
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "à lire également",
    "a lire également",
    "lire également",
    "lire egalement",
    "voir aussi",
    "sur le même sujet",
    "à lire",
    "a lire",
    "read more",
    "read also",
    "also read",
    "related",
    "see also",
    "more on this",
    "mehr zum thema",
    "lesen sie auch",
    "lesen sie mehr",
    "auch interessant",
    "zum thema",
    "mehr dazu",
];

/// Lines that are only an ad label ("Publicité" above an empty ad slot).
const AD_LABELS: &[&str] = &[
    "publicité",
    "publicite",
    "pub",
    "advertisement",
    "advertising",
    "ad",
    "anzeige",
    "werbung",
    "sponsored",
    "sponsorisé",
    "contenu sponsorisé",
    "partner content",
];

/// Elements that end a line of text: each one starts and ends a block.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "ul",
    "xmp",
    "plaintext",
    "search",
    "noscript",
    "option",
];

/// Block elements whose own text is a paragraph that belongs to the parent container when
/// scoring; for other block elements (`div`, `td`, `section`…) loose text is a paragraph
/// inside them (the `<br>`-separated "div soup" of old pages).
const PARAGRAPH_TAGS: &[&str] = &["p", "pre", "blockquote", "address"];

/// Block elements whose text never counts as a paragraph when scoring (headings, list items:
/// menus and link lists are made of them).
const NON_PARAGRAPH_TAGS: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "th", "caption", "summary", "legend",
    "hr", "html",
];

/// Void elements and elements closed implicitly by their next sibling: the nesting estimate
/// of [`check_shape`] does not count them as open.
const NON_NESTING_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image", "menuitem", "p", "li", "dt",
    "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "colgroup",
    "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// Elements whose content is raw text to the tokenizer: a `<div>` inside a script is not a tag.
const RAW_TEXT_TAGS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

// ---------------------------------------------------------------------------------------------
// Charset prescan.

/// Charset declared in the first 1024 bytes (HTML spec "prescan": <meta charset=...>, <meta
/// http-equiv="Content-Type" content="text/html; charset=...">), as an encoding_rs Encoding
/// (labels resolved with Encoding::for_label; "utf-16*" declared in a meta means UTF-8 per the
/// spec).
///
/// ```
/// use factdiff::core::formats::html::declared_charset;
/// let page = b"<html><head><meta charset=\"iso-8859-1\"><title>\xe9t\xe9</title>";
/// assert_eq!(declared_charset(page), Some(encoding_rs::WINDOWS_1252));
/// ```
/// An unknown label is skipped and the scan goes on, as in browsers; a declaration that starts
/// after byte 1024 is not seen.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..CHARSET_PRESCAN_BYTES).unwrap_or(bytes);
    let mut pos = 0;
    while pos < head.len() {
        let rest = head.get(pos..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            // Comments end at the first "-->" after "<!--" (which may share its dashes).
            pos = match find(head, pos + 2, b"-->") {
                Some(end) => end + 3,
                None => return None,
            };
        } else if starts_with_ignore_case(rest, b"<meta")
            && rest
                .get(5)
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            pos += 5;
            if let Some(encoding) = meta_charset(head, &mut pos) {
                return Some(encoding);
            }
        } else if rest.len() >= 2
            && rest.first() == Some(&b'<')
            && (rest.get(1).is_some_and(u8::is_ascii_alphabetic)
                || (rest.get(1) == Some(&b'/') && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Any other tag: skip its name and attributes.
            pos += 1;
            while head
                .get(pos)
                .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'>')
            {
                pos += 1;
            }
            while let Some((_, _)) = prescan_attribute(head, &mut pos) {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            pos = match find(head, pos, b">") {
                Some(end) => end + 1,
                None => return None,
            };
        } else {
            pos += 1;
        }
    }
    None
}

/// The attributes of one `<meta` tag, from just after its name; the encoding it declares.
fn meta_charset(head: &[u8], pos: &mut usize) -> Option<&'static encoding_rs::Encoding> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<&'static encoding_rs::Encoding> = None;
    while let Some((name, value)) = prescan_attribute(head, pos) {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value.eq_ignore_ascii_case(b"content-type"),
            b"content" if charset.is_none() => {
                if let Some(label) = charset_from_content(&value) {
                    charset = encoding_rs::Encoding::for_label(label);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = encoding_rs::Encoding::for_label(&value);
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let need_pragma = need_pragma?;
    if need_pragma && !got_pragma {
        return None;
    }
    let charset = charset?;
    if charset == encoding_rs::UTF_16BE || charset == encoding_rs::UTF_16LE {
        return Some(encoding_rs::UTF_8);
    }
    if charset == encoding_rs::X_USER_DEFINED {
        return Some(encoding_rs::WINDOWS_1252);
    }
    Some(charset)
}

/// The spec's "get an attribute" step of the prescan: name lower-cased, value with quotes
/// removed and lower-cased. `None` at the end of the tag (or of the bytes).
fn prescan_attribute(head: &[u8], pos: &mut usize) -> Option<(Vec<u8>, Vec<u8>)> {
    let byte = |p: usize| head.get(p).copied();
    while byte(*pos).is_some_and(|b| b.is_ascii_whitespace() || b == b'/') {
        *pos += 1;
    }
    match byte(*pos) {
        None => return None,
        Some(b'>') => {
            *pos += 1;
            return None;
        }
        _ => {}
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    loop {
        match byte(*pos) {
            None => return None,
            Some(b'=') if !name.is_empty() => {
                *pos += 1;
                break;
            }
            Some(b) if b.is_ascii_whitespace() => {
                while byte(*pos).is_some_and(|b| b.is_ascii_whitespace()) {
                    *pos += 1;
                }
                if byte(*pos) != Some(b'=') {
                    return Some((name, value));
                }
                *pos += 1;
                break;
            }
            Some(b'/') | Some(b'>') => return Some((name, value)),
            Some(b) => {
                name.push(b.to_ascii_lowercase());
                *pos += 1;
            }
        }
    }
    while byte(*pos).is_some_and(|b| b.is_ascii_whitespace()) {
        *pos += 1;
    }
    match byte(*pos) {
        None => None,
        Some(quote @ (b'"' | b'\'')) => {
            *pos += 1;
            loop {
                match byte(*pos) {
                    None => return None,
                    Some(b) if b == quote => {
                        *pos += 1;
                        return Some((name, value));
                    }
                    Some(b) => {
                        value.push(b.to_ascii_lowercase());
                        *pos += 1;
                    }
                }
            }
        }
        Some(b'>') => Some((name, value)),
        Some(_) => {
            while let Some(b) = byte(*pos) {
                if b.is_ascii_whitespace() || b == b'>' {
                    return Some((name, value));
                }
                value.push(b.to_ascii_lowercase());
                *pos += 1;
            }
            None
        }
    }
}

/// The spec's "extracting a character encoding from a meta element": the label after
/// `charset=` in `text/html; charset=utf-8`.
fn charset_from_content(content: &[u8]) -> Option<&[u8]> {
    let mut pos = 0;
    loop {
        let at = find(content, pos, b"charset")?;
        let mut p = at + 7;
        while content.get(p).is_some_and(u8::is_ascii_whitespace) {
            p += 1;
        }
        if content.get(p) != Some(&b'=') {
            pos = p;
            continue;
        }
        p += 1;
        while content.get(p).is_some_and(u8::is_ascii_whitespace) {
            p += 1;
        }
        return match content.get(p) {
            Some(&quote @ (b'"' | b'\'')) => {
                let start = p + 1;
                let end = find(content, start, &[quote])?;
                content.get(start..end)
            }
            Some(_) => {
                let start = p;
                let mut end = start;
                while content
                    .get(end)
                    .is_some_and(|&b| !b.is_ascii_whitespace() && b != b';')
                {
                    end += 1;
                }
                content.get(start..end)
            }
            None => None,
        };
    }
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = haystack.get(from..)?;
    if needle.is_empty() || rest.len() < needle.len() {
        return None;
    }
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix))
}

// ---------------------------------------------------------------------------------------------
// Sniffing.

/// Tags counted by [`sniff`] when a file does not open with a doctype or `<html>`: the block
/// and inline tags of an HTML fragment saved as `.txt`.
const SNIFF_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "span",
    "a",
    "article",
    "section",
    "em",
    "strong",
    "b",
    "i",
    "img",
    "blockquote",
    "meta",
    "link",
    "script",
    "style",
];

/// True when the start of a file looks like HTML whatever its extension (doctype, <html, <head,
/// <body, or several common block tags like <p> <div> near the start). Must not fire on plain
/// text that merely mentions "<p>" once, nor on Markdown, nor on XML that is not XHTML.
///
/// ```
/// use factdiff::core::formats::html::sniff;
/// assert!(sniff(b"<!DOCTYPE html><html><body><p>Hi</p>"));
/// assert!(!sniff(b"Use the <p> tag for paragraphs.")); // one mention is not a page
/// assert!(!sniff(b"<?xml version=\"1.0\"?><rss><channel>")); // XML, not XHTML
/// ```
pub fn sniff(bytes: &[u8]) -> bool {
    let head = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower = head.to_ascii_lowercase();
    // Skip leading whitespace, comments ("<!-- saved from url=… -->"), an XML declaration and
    // processing instructions, and look at what the document opens with.
    let mut pos = 0;
    let mut xml_prolog = false;
    loop {
        while lower.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let rest = lower.get(pos..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            match find(&lower, pos + 4, b"-->") {
                Some(end) => pos = end + 3,
                None => return false,
            }
        } else if rest.starts_with(b"<?") {
            xml_prolog |= rest.starts_with(b"<?xml");
            match find(&lower, pos, b"?>") {
                Some(end) => pos = end + 2,
                None => return false,
            }
        } else {
            break;
        }
    }
    let rest = lower.get(pos..).unwrap_or_default();
    if rest.starts_with(b"<!doctype") {
        // `<!DOCTYPE html …>` (HTML or XHTML), not `<!DOCTYPE rss>` or `<!DOCTYPE svg…>`.
        let name = rest
            .get(9..)
            .unwrap_or_default()
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take(4)
            .copied()
            .collect::<Vec<u8>>();
        return name == b"html";
    }
    for tag in ["html", "head", "body"] {
        if opens_tag(rest, tag) {
            return true;
        }
    }
    if xml_prolog || rest.first() == Some(&b'<') && !starts_with_html_tag(rest) {
        // An XML document whose root is not `<html>` (RSS, SVG, a Word XML file…).
        return false;
    }
    // A fragment: count tags. Three or more, and more tags than Markdown markers.
    let mut tags = 0;
    let mut at = 0;
    while let Some(lt) = find(&lower, at, b"<") {
        at = lt + 1;
        let after = lower.get(at..).unwrap_or_default();
        let after = after.strip_prefix(b"/").unwrap_or(after);
        if SNIFF_TAGS.iter().any(|tag| opens_tag_name(after, tag)) {
            tags += 1;
        }
    }
    let text = String::from_utf8_lossy(head);
    let markdown = text
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with('#')
                || line.starts_with("```")
                || line.starts_with("- ")
                || line.starts_with("* ")
                || line.starts_with("> ")
                || line.contains("](")
        })
        .count();
    tags >= 3 && tags > markdown
}

/// `bytes` (lower-case) open with `<tag` followed by whitespace, `>` or `/`.
fn opens_tag(bytes: &[u8], tag: &str) -> bool {
    bytes
        .strip_prefix(b"<")
        .is_some_and(|rest| opens_tag_name(rest, tag))
}

fn opens_tag_name(bytes: &[u8], tag: &str) -> bool {
    bytes.strip_prefix(tag.as_bytes()).is_some_and(|after| {
        after
            .first()
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
    })
}

fn starts_with_html_tag(bytes: &[u8]) -> bool {
    SNIFF_TAGS.iter().any(|tag| opens_tag(bytes, tag))
}

// ---------------------------------------------------------------------------------------------
// Limits before parsing.

/// Checks the size limits on a quick scan of the tags, before html5ever spends time on them.
/// The scan estimates the stack of open elements (ignoring void elements and those closed by
/// their next sibling, skipping comments and raw text such as scripts) and adds its height at
/// every start tag: the work html5ever's scope checks will do.
fn check_shape(html: &str) -> Result<(), DocError> {
    if html.len() > MAX_HTML_BYTES {
        return Err(format!(
            "the page is larger than {} MiB; it is not a single article",
            MAX_HTML_BYTES / (1024 * 1024)
        ));
    }
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut open_count: HashMap<String, usize> = HashMap::new();
    let mut foreign = 0usize; // open <svg> or <math>, where "/>" closes a tag
    let mut formatting = 0u64; // open formatting elements
    let mut elements = 0usize;
    let mut work = 0u64;
    let mut pos = 0;
    while let Some(lt) = memchr_lt(bytes, pos) {
        pos = lt + 1;
        let rest = bytes.get(pos..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            pos = find(bytes, pos + 3, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = pos + usize::from(closing);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if rest.first().is_some_and(|&b| b == b'!' || b == b'?') {
                pos = find(bytes, pos, b">").map_or(bytes.len(), |end| end + 1);
            }
            continue;
        }
        let mut name_end = name_start;
        while bytes
            .get(name_end)
            .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'>' && b != b'/')
        {
            name_end += 1;
        }
        let name = String::from_utf8_lossy(bytes.get(name_start..name_end).unwrap_or_default())
            .to_ascii_lowercase();
        // The end of the tag, past quoted attribute values.
        let mut p = name_end;
        let mut quote: Option<u8> = None;
        let mut self_closing = false;
        while let Some(&b) = bytes.get(p) {
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => {
                    self_closing = p > name_end && bytes.get(p - 1) == Some(&b'/');
                    break;
                }
                None => {}
            }
            p += 1;
        }
        pos = p + 1;
        if closing {
            if name == "p" || name == "br" {
                // A stray </p> inserts an empty paragraph, </br> a line break.
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return Err(too_many_elements());
                }
            }
            if let Some(count) = open_count.get_mut(&name)
                && *count > 0
            {
                while let Some(top) = open.pop() {
                    if let Some(c) = open_count.get_mut(&top) {
                        *c = c.saturating_sub(1);
                    }
                    if top == "svg" || top == "math" {
                        foreign = foreign.saturating_sub(1);
                    }
                    if FORMATTING_TAGS.contains(&top.as_str()) {
                        formatting = formatting.saturating_sub(1);
                    }
                    if top == name {
                        break;
                    }
                }
            }
            continue;
        }
        elements += 1;
        if elements > MAX_ELEMENTS {
            return Err(too_many_elements());
        }
        work += open.len() as u64;
        let is_formatting = FORMATTING_TAGS.contains(&name.as_str());
        if is_formatting {
            work += formatting * FORMATTING_WEIGHT;
        }
        if work > MAX_NESTING_WORK {
            return Err(
                "the page's elements are nested too deeply to be an article page (a damaged or \
                 generated file?)"
                    .to_string(),
            );
        }
        if RAW_TEXT_TAGS.contains(&name.as_str()) && foreign == 0 {
            let mut end_tag = b"</".to_vec();
            end_tag.extend_from_slice(name.as_bytes());
            pos = find_ignore_case(bytes, pos, &end_tag).unwrap_or(bytes.len());
            continue;
        }
        if name == "plaintext" {
            break;
        }
        if NON_NESTING_TAGS.contains(&name.as_str()) || (self_closing && foreign > 0) {
            continue;
        }
        if name == "svg" || name == "math" {
            foreign += 1;
        }
        formatting += u64::from(is_formatting);
        *open_count.entry(name.clone()).or_insert(0) += 1;
        open.push(name);
    }
    Ok(())
}

fn too_many_elements() -> DocError {
    format!("the page has more than {MAX_ELEMENTS} elements; it is not a single article")
}

fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == b'<')
        .map(|p| p + from)
}

fn find_ignore_case(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(lt) = memchr_lt(haystack, at) {
        if haystack
            .get(lt..lt + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(lt);
        }
        at = lt + 1;
    }
    None
}

// ---------------------------------------------------------------------------------------------
// The flat tree.

/// No node: the parent of the root.
const NONE: usize = usize::MAX;

/// One node of the page in pre-order: its subtree is the index range `self_index..end`.
struct Item<'a> {
    parent: usize,
    end: usize,
    element: Option<&'a Element>,
    text: Option<&'a str>,
}

/// The parsed page as a flat pre-order arena, so that every pass is a loop over indices and
/// none recurses (100 000 nested elements cannot overflow the stack).
struct Page<'a> {
    items: Vec<Item<'a>>,
    /// Lower-case tag name of each element ("" for text and the document).
    tags: Vec<&'a str>,
    /// The element is one of [`BLOCK_TAGS`].
    block: Vec<bool>,
}

impl<'a> Page<'a> {
    fn new(html: &'a Html) -> Self {
        let mut items: Vec<Item<'a>> = Vec::new();
        let mut tags: Vec<&'a str> = Vec::new();
        // Indices of the open nodes that have children, root first.
        let mut stack: Vec<usize> = Vec::new();
        let mut current = html.tree.root();
        // Iterative depth-first walk over ego_tree's sibling links.
        loop {
            let index = items.len();
            let (element, text, tag, kept) = match current.value() {
                Node::Element(e) => (Some(e), None, e.name(), true),
                Node::Text(t) => (None, Some(&**t), "", true),
                Node::Document | Node::Fragment => (None, None, "", true),
                // Comments, doctypes and processing instructions are not text.
                _ => (None, None, "", false),
            };
            if kept {
                items.push(Item {
                    parent: stack.last().copied().unwrap_or(NONE),
                    end: index + 1,
                    element,
                    text,
                });
                tags.push(tag);
                if let Some(child) = current.first_child() {
                    stack.push(index);
                    current = child;
                    continue;
                }
            }
            // Go to the next sibling, closing every ancestor whose last child this was.
            let mut at = current;
            loop {
                if let Some(next) = at.next_sibling() {
                    current = next;
                    break;
                }
                let Some(up) = at.parent() else {
                    let block = tags.iter().map(|t| is_block(t)).collect();
                    return Page { items, tags, block };
                };
                let len = items.len();
                if let Some(open) = stack.pop()
                    && let Some(item) = items.get_mut(open)
                {
                    item.end = len;
                }
                at = up;
            }
        }
    }

    fn len(&self) -> usize {
        self.items.len()
    }

    fn tag(&self, i: usize) -> &'a str {
        self.tags.get(i).copied().unwrap_or("")
    }

    fn end(&self, i: usize) -> usize {
        self.items.get(i).map_or(i + 1, |it| it.end)
    }

    fn parent(&self, i: usize) -> usize {
        self.items.get(i).map_or(NONE, |it| it.parent)
    }

    fn element(&self, i: usize) -> Option<&'a Element> {
        self.items.get(i).and_then(|it| it.element)
    }

    fn text(&self, i: usize) -> Option<&'a str> {
        self.items.get(i).and_then(|it| it.text)
    }

    fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        self.element(i).and_then(|e| attr(e, name))
    }

    fn is_block(&self, i: usize) -> bool {
        self.block.get(i).copied().unwrap_or(false)
    }

    fn contains(&self, ancestor: usize, i: usize) -> bool {
        ancestor <= i && i < self.end(ancestor)
    }

    /// Children of `i` in order.
    fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.end(i);
        let mut next = i + 1;
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let child = next;
            next = self.end(child);
            Some(child)
        })
    }

    /// Marks every node inside a node for which `own` is true.
    fn propagate(&self, own: impl Fn(usize) -> bool) -> Vec<bool> {
        let mut marked = vec![false; self.len()];
        for i in 0..self.len() {
            let inherited = marked.get(self.parent(i)).copied().unwrap_or(false);
            if let Some(m) = marked.get_mut(i) {
                *m = inherited || own(i);
            }
        }
        marked
    }

    /// Visible characters (not counting white space) in each subtree, and those inside links,
    /// leaving out nodes marked in `excluded`.
    fn weights(&self, excluded: &[bool], chars: &[usize], in_link: &[bool]) -> Weights {
        let mut total = vec![0usize; self.len()];
        let mut link = vec![0usize; self.len()];
        for i in (0..self.len()).rev() {
            if excluded.get(i).copied().unwrap_or(true) {
                continue;
            }
            let own = chars.get(i).copied().unwrap_or(0);
            let t = total.get(i).copied().unwrap_or(0) + own;
            let mut l = link.get(i).copied().unwrap_or(0);
            if own > 0 && in_link.get(i).copied().unwrap_or(false) {
                l += own;
            }
            if let Some(slot) = total.get_mut(i) {
                *slot = t;
            }
            if let Some(slot) = link.get_mut(i) {
                *slot = l;
            }
            let parent = self.parent(i);
            if let Some(slot) = total.get_mut(parent) {
                *slot += t;
            }
            if let Some(slot) = link.get_mut(parent) {
                *slot += l;
            }
        }
        Weights { total, link }
    }
}

struct Weights {
    total: Vec<usize>,
    link: Vec<usize>,
}

impl Weights {
    fn total(&self, i: usize) -> usize {
        self.total.get(i).copied().unwrap_or(0)
    }
    fn link(&self, i: usize) -> usize {
        self.link.get(i).copied().unwrap_or(0)
    }
    fn plain(&self, i: usize) -> usize {
        self.total(i).saturating_sub(self.link(i))
    }
    fn link_density(&self, i: usize) -> f64 {
        let total = self.total(i);
        if total == 0 {
            0.0
        } else {
            self.link(i) as f64 / total as f64
        }
    }
}

fn is_block(tag: &str) -> bool {
    BLOCK_TAGS.contains(&tag)
}

/// An attribute's value. `Element::attr` interns the name on every call, which costs more than
/// this scan of the few attributes an element has.
fn attr<'e>(element: &'e Element, name: &str) -> Option<&'e str> {
    element
        .attrs()
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

fn commas(text: &str) -> usize {
    text.chars()
        .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
        .count()
}

// ---------------------------------------------------------------------------------------------
// Cues.

/// Splits an attribute value into lower-case tokens at punctuation, spaces, camelCase humps and
/// letter/digit changes: `"content__article-body shareBar ad300"` →
/// `[content, article, body, share, bar, ad, 300]`.
fn tokens(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            previous = None;
            continue;
        }
        let split = match previous {
            Some(p) => {
                (p.is_lowercase() && c.is_uppercase())
                    || (p.is_alphabetic() && c.is_numeric())
                    || (p.is_numeric() && c.is_alphabetic())
            }
            None => false,
        };
        if split && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
        previous = Some(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn cue_matches(cue: &Cue, tokens: &[String]) -> bool {
    match cue {
        Cue::Exact(word) => tokens.iter().any(|t| t == word),
        Cue::Prefix(start) => tokens.iter().any(|t| t.starts_with(start)),
        Cue::Seq(seq) => {
            !seq.is_empty()
                && tokens
                    .windows(seq.len())
                    .any(|w| w.iter().zip(seq.iter()).all(|(t, s)| t == s))
        }
    }
}

fn any_cue(cues: &[Cue], tokens: &[String]) -> bool {
    cues.iter().any(|cue| cue_matches(cue, tokens))
}

/// `data-*` attributes whose value names the component ("data-component=share-bar"); other
/// `data-*` values (URLs, JSON, ids) are not read, only their names ("data-ad-slot").
const DATA_NAME_ATTRS: &[&str] = &[
    "data-component",
    "data-module",
    "data-testid",
    "data-test-id",
    "data-type",
    "data-block",
    "data-role",
    "data-qa",
    "data-widget",
    "data-area",
    "data-container",
    "data-section",
    "data-name",
    "data-ui",
    "data-gu-name",
];

/// The element's class, id, role and `data-*` names, each split into tokens.
fn cue_values(element: &Element) -> Vec<Vec<String>> {
    let mut values = Vec::new();
    for (name, value) in element.attrs() {
        let name = name.to_ascii_lowercase();
        if name == "class" {
            values.extend(value.split_ascii_whitespace().map(tokens));
        } else if name == "id" || name == "role" {
            values.push(tokens(value));
        } else if let Some(rest) = name.strip_prefix("data-") {
            // The first word of the attribute's name: data-ad-slot, data-cookie-banner.
            if let Some(first) = tokens(rest).into_iter().next() {
                values.push(vec![first]);
            }
            if DATA_NAME_ATTRS.contains(&name.as_str())
                && value.len() <= 64
                && !value.contains(['/', '.', '{'])
            {
                values.push(tokens(value));
            }
        }
    }
    values
}

fn element_has_cue(element: &Element, cues: &[Cue]) -> bool {
    cue_values(element).iter().any(|t| any_cue(cues, t))
}

/// Attributes that make an element invisible: `hidden`, `aria-hidden="true"`, an inline style
/// with `display:none` or `visibility:hidden`.
fn hidden_by_attributes(element: &Element) -> bool {
    if attr(element, "hidden").is_some() {
        return true;
    }
    if attr(element, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(style) = attr(element, "style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    attr(element, "role").is_some_and(|role| {
        role.split_ascii_whitespace()
            .any(|r| DROPPED_ROLES.iter().any(|d| r.eq_ignore_ascii_case(d)))
    })
}

// ---------------------------------------------------------------------------------------------
// Extraction.

/// The article in an HTML document already decoded to text.
///
/// ```
/// use factdiff::core::formats::html::extract;
/// let page = "<html><body><nav>Home</nav><article><h1>Budget</h1>\
///             <p>The minister presented the budget on Monday, with cuts.</p></article></body></html>";
/// let doc = extract(page)?;
/// assert_eq!(doc.blocks, ["Budget", "The minister presented the budget on Monday, with cuts."]);
/// # Ok::<(), String>(())
/// ```
/// Errors when the page is over the limits ([`MAX_HTML_BYTES`], [`MAX_ELEMENTS`],
/// [`MAX_NESTING_WORK`]) or has no visible text at all ("the page contains no text").
pub fn extract(html: &str) -> Result<Extracted, DocError> {
    if html.trim().is_empty() {
        return Err(NO_TEXT.to_string());
    }
    check_shape(html)?;
    let parsed = Html::parse_document(html);
    let page = Page::new(&parsed);
    extract_page(&page)
}

const NO_TEXT: &str = "the page contains no text";

const FALLBACK_WARNING: &str = "no article body found: showing all text of the page";

/// What the analysis knows about every node, in arrays indexed like [`Page::items`].
struct Analysis {
    /// Visible characters of each text node (0 for elements).
    chars: Vec<usize>,
    commas: Vec<usize>,
    /// Inside an `<a>`.
    in_link: Vec<bool>,
    /// The element itself is never article text: a dropped tag, hidden, a form, or page chrome.
    dropped_own: Vec<bool>,
    /// The element itself is a `<header>` or `<footer>` outside `<article>` (page chrome): not
    /// body text, but it may hold the headline and the standfirst.
    chrome_own: Vec<bool>,
    /// `dropped_own` on the element or an ancestor.
    hard: Vec<bool>,
    /// Inside a page header or footer that holds navigation: the site's banner, whose `<h1>`
    /// is the site's logo, never the headline.
    site_chrome: Vec<bool>,
    /// The element itself carries a boilerplate cue (or a "read more" one).
    cue: Vec<bool>,
    /// The element's only cues are "read more" ones ([`EXPANDER_CUES`]).
    expander_only: Vec<bool>,
    /// The nearest block element around each node (itself for a block element).
    owner: Vec<usize>,
}

/// The article found by scoring or by a marker, read out.
struct Article {
    blocks: Vec<String>,
    /// Removed nodes (dropped, hidden, boilerplate), with ancestors'.
    gone: Vec<bool>,
    /// Boxes the block filters removed.
    removed: usize,
    headline: Option<String>,
}

fn extract_page(page: &Page<'_>) -> Result<Extracted, DocError> {
    let analysis = analyse(page)?;
    let hard_weights = page.weights(&analysis.hard, &analysis.chars, &analysis.in_link);
    if hard_weights.total(0) == 0 {
        return Err(NO_TEXT.to_string());
    }
    // First pass: cues applied except on elements wrapping most of the page.
    let visible_text = hard_weights.plain(0) as f64;
    let gone0 = page.propagate(|i| {
        flag(&analysis.dropped_own, i)
            || (cue_removes(&analysis, &hard_weights, i)
                && (hard_weights.plain(i) as f64) < WRAPPER_SHARE * visible_text)
    });
    let weights0 = page.weights(&gone0, &analysis.chars, &analysis.in_link);
    let region = find_marker(page, &gone0, &weights0)
        .map(|marker| vec![marker])
        .or_else(|| score_candidates(page, &analysis, &gone0, &weights0));

    let mut warnings = Vec::new();
    let article = region
        .and_then(|roots| read_article(page, &analysis, &hard_weights, &roots))
        .filter(|a| !a.blocks.is_empty());
    let article = match article {
        Some(article) => article,
        None => {
            warnings.push(FALLBACK_WARNING.to_string());
            read_fallback(page, &analysis, gone0)
        }
    };
    if article.blocks.is_empty() {
        return Err(NO_TEXT.to_string());
    }
    // Boxes removed by their cues, counted once each (the outermost) when they held text.
    let cue_boxes = (0..page.len())
        .filter(|&i| {
            flag(&analysis.cue, i)
                && flag(&article.gone, i)
                && !flag(&article.gone, page.parent(i))
                && !flag(&analysis.hard, i)
                && hard_weights.total(i) > 0
        })
        .count();
    let boxes = article.removed + cue_boxes;
    if boxes == 1 {
        warnings.push("1 box removed as boilerplate".to_string());
    } else if boxes > 1 {
        warnings.push(format!("{boxes} boxes removed as boilerplate"));
    }
    let meta = Metadata::read(page);
    let h1 = article.headline.clone().or_else(|| {
        (0..page.len())
            .find(|&i| page.tag(i) == "h1" && !flag(&analysis.hard, i))
            .map(|i| collapse(&Reader::collect_text(page, i)))
            .filter(|t| !t.is_empty())
    });
    Ok(Extracted {
        title: meta.title(h1.as_deref()),
        date: meta.date(page, &article.gone),
        blocks: article.blocks,
        warnings,
    })
}

/// Whether element `i`'s cue removes it: always for boilerplate cues; for a "read more" cue
/// only when the element is not prose (a box of links, not a wrapper of the article's rest).
fn cue_removes(analysis: &Analysis, weights: &Weights, i: usize) -> bool {
    flag(&analysis.cue, i)
        && !(flag(&analysis.expander_only, i)
            && weights.plain(i) >= EXPANDER_MIN_PROSE_CHARS
            && weights.link_density(i) <= EXPANDER_MAX_LINK_DENSITY)
}

/// `mask[i]`, false outside the mask.
fn flag(mask: &[bool], i: usize) -> bool {
    mask.get(i).copied().unwrap_or(false)
}

/// Per-node facts: text sizes, links, dropped elements and boilerplate cues.
fn analyse(page: &Page<'_>) -> Result<Analysis, DocError> {
    let n = page.len();
    let mut chars = vec![0usize; n];
    let mut comma_counts = vec![0usize; n];
    for i in 0..n {
        if let Some(text) = page.text(i) {
            if let Some(slot) = chars.get_mut(i) {
                *slot = visible_chars(text);
            }
            if let Some(slot) = comma_counts.get_mut(i) {
                *slot = commas(text);
            }
        }
    }
    let in_link = page.propagate(|i| page.tag(i) == "a");
    let in_article = page.propagate(|i| {
        page.tag(i) == "article"
            || page
                .attr(i, "itemprop")
                .is_some_and(|v| v.to_ascii_lowercase().contains("articlebody"))
            || page
                .attr(i, "itemtype")
                .is_some_and(|v| v.contains("Article") || v.contains("BlogPosting"))
    });

    // Dropped tags first; then hidden elements, forms and page chrome unless they wrap most of
    // the page's text (a page saved with a modal open has aria-hidden on everything behind it).
    let by_tag = page.propagate(|i| DROPPED_TAGS.contains(&page.tag(i)));
    let tag_weights = page.weights(&by_tag, &chars, &in_link);
    if tag_weights.total(0) == 0 {
        return Err(NO_TEXT.to_string());
    }
    let page_text = tag_weights.plain(0) as f64;
    let wraps_page = |i: usize| tag_weights.plain(i) as f64 >= WRAPPER_SHARE * page_text;
    let chrome_own: Vec<bool> = (0..n)
        .map(|i| {
            matches!(page.tag(i), "header" | "footer") && !flag(&in_article, i) && !wraps_page(i)
        })
        .collect();
    let dropped_own: Vec<bool> = (0..n)
        .map(|i| {
            let Some(element) = page.element(i) else {
                return false;
            };
            DROPPED_TAGS.contains(&page.tag(i))
                || flag(&chrome_own, i)
                || ((hidden_by_attributes(element) || page.tag(i) == "form") && !wraps_page(i))
        })
        .collect();
    let hard = page.propagate(|i| flag(&dropped_own, i));
    let mut has_nav = vec![false; n];
    for i in (0..n).rev() {
        let own = page.tag(i) == "nav"
            || page
                .attr(i, "role")
                .is_some_and(|r| r.eq_ignore_ascii_case("navigation"));
        let value = flag(&has_nav, i) || own;
        if let Some(slot) = has_nav.get_mut(page.parent(i)) {
            *slot |= value;
        }
        if let Some(slot) = has_nav.get_mut(i) {
            *slot = value;
        }
    }
    let site_chrome = page.propagate(|i| flag(&chrome_own, i) && flag(&has_nav, i));

    // Boilerplate cues, except on inline elements inside a text block (an `<a class=author>`
    // inside a sentence stays).
    let mut owner = vec![0usize; n];
    for i in 0..n {
        let value = if page.is_block(i) {
            i
        } else {
            owner.get(page.parent(i)).copied().unwrap_or(0)
        };
        if let Some(slot) = owner.get_mut(i) {
            *slot = value;
        }
    }
    // (boilerplate cue, "read more" cue) of each element.
    let cues: Vec<(bool, bool)> = (0..n)
        .map(|i| {
            let Some(element) = page.element(i) else {
                return (false, false);
            };
            if !page.is_block(i) {
                let block = owner.get(i).copied().unwrap_or(0);
                if matches!(
                    page.tag(block),
                    "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre"
                ) {
                    return (false, false);
                }
            }
            (
                element_has_cue(element, BOILERPLATE_CUES),
                element_has_cue(element, EXPANDER_CUES),
            )
        })
        .collect();
    let cue: Vec<bool> = cues.iter().map(|&(b, e)| b || e).collect();
    let expander_only: Vec<bool> = cues.iter().map(|&(b, e)| e && !b).collect();
    Ok(Analysis {
        chars,
        commas: comma_counts,
        in_link,
        dropped_own,
        chrome_own,
        hard,
        site_chrome,
        cue,
        expander_only,
        owner,
    })
}

/// Applies the cues around the body `roots`, finds the headline and the standfirst, and reads
/// the blocks.
fn read_article(
    page: &Page<'_>,
    analysis: &Analysis,
    hard_weights: &Weights,
    roots: &[usize],
) -> Option<Article> {
    let cue_applied = apply_cues(page, analysis, hard_weights, roots);
    let gone = page.propagate(|i| flag(&analysis.dropped_own, i) || flag(&cue_applied, i));
    let weights = page.weights(&gone, &analysis.chars, &analysis.in_link);
    // The headline and standfirst may sit in a page <header>, which is not body text.
    let lenient = page.propagate(|i| {
        (flag(&analysis.dropped_own, i) && !flag(&analysis.chrome_own, i)) || flag(&cue_applied, i)
    });
    let lenient_weights = page.weights(&lenient, &analysis.chars, &analysis.in_link);
    let headline = find_headline(page, analysis, &lenient, &lenient_weights, roots);
    let lead = find_lead(
        page,
        analysis,
        &weights,
        &lenient,
        &lenient_weights,
        roots,
        headline,
    );

    let mut blocks = Vec::new();
    let mut reader = Reader::new(page, &lenient, &analysis.in_link);
    let headline_text = headline
        .map(|h| reader.plain_text(h))
        .filter(|t| !t.is_empty());
    blocks.extend(headline_text.clone());
    if let Some(lead) = lead {
        blocks.extend(reader.read(&[lead], &[], None, None));
    }
    let skip: Vec<usize> = headline.into_iter().chain(lead).collect();
    let start = headline.filter(|&h| roots.iter().any(|&r| page.contains(r, h)));
    let mut reader = Reader::new(page, &gone, &analysis.in_link);
    let body = reader.read(roots, &skip, start, Some(&weights));
    let removed = reader.removed;
    if body.is_empty() {
        return None;
    }
    blocks.extend(body);
    Some(Article {
        blocks,
        gone,
        removed,
        headline: headline_text,
    })
}

/// No body found: every visible block of `<body>`, in order, still without boilerplate boxes
/// and link lists when that leaves some text.
fn read_fallback(page: &Page<'_>, analysis: &Analysis, gone0: Vec<bool>) -> Article {
    let body = (0..page.len())
        .find(|&i| page.tag(i) == "body")
        .unwrap_or(0);
    let weights = page.weights(&gone0, &analysis.chars, &analysis.in_link);
    let mut reader = Reader::new(page, &gone0, &analysis.in_link);
    let blocks = reader.read(&[body], &[], None, Some(&weights));
    let removed = reader.removed;
    if !blocks.is_empty() {
        return Article {
            blocks,
            gone: gone0,
            removed,
            headline: None,
        };
    }
    let mut reader = Reader::new(page, &analysis.hard, &analysis.in_link);
    Article {
        blocks: reader.read(&[body], &[], None, None),
        gone: analysis.hard.clone(),
        removed: 0,
        headline: None,
    }
}

/// The explicit article-body marker holding the most text, narrowed to the deepest marker
/// inside it that still holds 80% of that text (`<article>` around `<div class=article-body>`
/// gives the inner one, which leaves out the byline).
fn find_marker(page: &Page<'_>, gone: &[bool], weights: &Weights) -> Option<usize> {
    let is_marker = |i: usize| {
        let Some(element) = page.element(i) else {
            return false;
        };
        if flag(gone, i) {
            return false;
        }
        if page.tag(i) == "article" {
            return true;
        }
        if attr(element, "itemprop").is_some_and(|v| v.to_ascii_lowercase().contains("articlebody"))
        {
            return true;
        }
        // A class or id value naming the body and nothing else (not "article-body__related").
        cue_values(element)
            .iter()
            .any(|t| any_cue(BODY_MARKERS, t) && !any_cue(BOILERPLATE_CUES, t))
    };
    let markers: Vec<usize> = (0..page.len()).filter(|&i| is_marker(i)).collect();
    let best = markers
        .iter()
        .copied()
        .fold(None::<usize>, |best, i| match best {
            Some(b) if weights.plain(b) >= weights.plain(i) => Some(b),
            _ => Some(i),
        })?;
    let best_text = weights.plain(best);
    if best_text == 0 || (best_text as f64) < MARKER_MIN_SHARE * weights.plain(0) as f64 {
        return None;
    }
    let narrowed = markers
        .iter()
        .copied()
        .rfind(|&m| page.contains(best, m) && weights.plain(m) as f64 >= 0.8 * best_text as f64)
        .unwrap_or(best);
    Some(narrowed)
}

/// Readability's scoring: every paragraph of 25+ characters gives its container
/// 1 + commas + one point per 100 characters (up to 3), and half that to the container's
/// parent; a container's score is then multiplied by 1 − its link density. Returns the best
/// container and the siblings that belong with it, in document order.
fn score_candidates(
    page: &Page<'_>,
    analysis: &Analysis,
    gone: &[bool],
    weights: &Weights,
) -> Option<Vec<usize>> {
    let n = page.len();
    // Text of each block's own paragraph (its inline content, not its child blocks).
    let mut para_chars = vec![0usize; n];
    let mut para_commas = vec![0usize; n];
    for i in 0..n {
        let own = analysis.chars.get(i).copied().unwrap_or(0);
        if own == 0 || flag(gone, i) {
            continue;
        }
        let block = analysis.owner.get(i).copied().unwrap_or(0);
        if let Some(slot) = para_chars.get_mut(block) {
            *slot += own;
        }
        if let Some(slot) = para_commas.get_mut(block) {
            *slot += analysis.commas.get(i).copied().unwrap_or(0);
        }
    }
    let initial = |i: usize| -> f64 {
        let mut score: f64 = match page.tag(i) {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        if let Some(element) = page.element(i) {
            for value in cue_values(element) {
                if value.iter().any(|t| POSITIVE_CLASS.contains(&t.as_str())) {
                    score += 25.0;
                }
                if value.iter().any(|t| NEGATIVE_CLASS.contains(&t.as_str())) {
                    score -= 25.0;
                }
            }
        }
        score
    };
    let mut scores: HashMap<usize, f64> = HashMap::new();
    for (i, &len) in para_chars.iter().enumerate() {
        let tag = page.tag(i);
        if len < MIN_PARAGRAPH_CHARS
            || NON_PARAGRAPH_TAGS.contains(&tag)
            || page.element(i).is_none()
        {
            continue;
        }
        let contribution =
            1.0 + para_commas.get(i).copied().unwrap_or(0) as f64 + ((len / 100) as f64).min(3.0);
        let container = if PARAGRAPH_TAGS.contains(&tag) {
            page.parent(i)
        } else {
            i
        };
        let grand = page.parent(container);
        for (target, share) in [(container, 1.0), (grand, 0.5)] {
            if page.element(target).is_none() {
                continue;
            }
            let entry = scores.entry(target).or_insert_with(|| initial(target));
            *entry += contribution * share;
        }
    }
    let final_score = |i: usize| scores.get(&i).map(|s| s * (1.0 - weights.link_density(i)));
    let mut ranked: Vec<(usize, f64)> = scores
        .keys()
        .filter_map(|&i| final_score(i).map(|s| (i, s)))
        .collect();
    // Deterministic: highest score, then earliest in the page.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let &(best, best_score) = ranked.first()?;
    if weights.total(best) == 0 {
        return None;
    }
    let parent = page.parent(best);
    if page.element(parent).is_none() {
        return Some(vec![best]);
    }
    let threshold = (best_score * 0.2).max(10.0);
    let best_class = page.attr(best, "class").unwrap_or("");
    let mut roots = Vec::new();
    for sibling in page.children(parent) {
        if sibling == best {
            roots.push(sibling);
            continue;
        }
        if page.element(sibling).is_none() || flag(gone, sibling) {
            continue;
        }
        let mut score = final_score(sibling).unwrap_or(f64::MIN);
        if !best_class.is_empty() && page.attr(sibling, "class") == Some(best_class) {
            score += best_score * 0.2;
        }
        let append = score >= threshold || {
            let len = para_chars.get(sibling).copied().unwrap_or(0);
            let density = weights.link_density(sibling);
            page.tag(sibling) == "p"
                && ((len >= 80 && density < 0.25)
                    || (len > 0 && density == 0.0 && {
                        let text = collapse(&Reader::collect_text(page, sibling));
                        text.ends_with('.') || text.contains(". ")
                    }))
        };
        if append {
            roots.push(sibling);
        }
    }
    Some(roots)
}

/// Which cue elements are removed: all of them, except one holding at least half of the
/// article's text (a wrapper of the body, or the body itself, like
/// `<div class="article-body paywall">`).
fn apply_cues(
    page: &Page<'_>,
    analysis: &Analysis,
    weights: &Weights,
    roots: &[usize],
) -> Vec<bool> {
    let region_text: usize = roots.iter().map(|&r| weights.plain(r)).sum();
    let mut ancestors = vec![false; page.len()];
    if let Some(&first) = roots.first() {
        let mut at = page.parent(first);
        while let Some(slot) = ancestors.get_mut(at) {
            *slot = true;
            at = page.parent(at);
        }
    }
    let share_in_region = |i: usize| -> usize {
        if flag(&ancestors, i) {
            return region_text;
        }
        if roots.iter().any(|&r| page.contains(r, i)) {
            return weights.plain(i);
        }
        0
    };
    (0..page.len())
        .map(|i| {
            cue_removes(analysis, weights, i)
                && (region_text == 0
                    || (share_in_region(i) as f64) < WRAPPER_SHARE * region_text as f64)
        })
        .collect()
}

/// The visible headline: the first `<h1>` in the body, else in the `<article>` around it, else
/// the last `<h1>` before the body that is not a link (a logo), else any such `<h1>`, else an
/// element with `itemprop="headline"`. `gone` and `weights` here leave page headers visible.
fn find_headline(
    page: &Page<'_>,
    analysis: &Analysis,
    gone: &[bool],
    weights: &Weights,
    roots: &[usize],
) -> Option<usize> {
    let first = *roots.first()?;
    let usable = |i: usize| {
        page.tag(i) == "h1"
            && !flag(gone, i)
            && !flag(&analysis.site_chrome, i)
            && weights.total(i) > 0
            && weights.link(i) * 2 < weights.total(i)
    };
    if let Some(h) = roots
        .iter()
        .flat_map(|&r| r..page.end(r))
        .find(|&i| usable(i))
    {
        return Some(h);
    }
    let mut at = first;
    while at != NONE {
        if page.tag(at) == "article" {
            if let Some(h) = (at..page.end(at)).find(|&i| usable(i)) {
                return Some(h);
            }
            break;
        }
        at = page.parent(at);
    }
    if let Some(h) = (0..first).rev().find(|&i| usable(i)) {
        return Some(h);
    }
    if let Some(h) = (0..page.len()).find(|&i| usable(i)) {
        return Some(h);
    }
    (0..page.len()).find(|&i| {
        page.attr(i, "itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("headline"))
            && page.tag(i) != "meta"
            && !flag(gone, i)
            && weights.total(i) > 0
    })
}

/// The standfirst: the first element with a lead cue after the headline and before the first
/// long body paragraph, within the smallest element holding both the headline and the body.
fn find_lead(
    page: &Page<'_>,
    analysis: &Analysis,
    weights: &Weights,
    lenient: &[bool],
    lenient_weights: &Weights,
    roots: &[usize],
    headline: Option<usize>,
) -> Option<usize> {
    let first = *roots.first()?;
    let last_end = roots.iter().map(|&r| page.end(r)).max()?;
    let scope = match headline {
        // The smallest common ancestor of the headline and the body.
        Some(h) => {
            let mut at = page.parent(h);
            while at != NONE && !page.contains(at, first) {
                at = page.parent(at);
            }
            if at == NONE { 0 } else { at }
        }
        // Without a headline: the <article> around the body, else the body.
        None => {
            let mut at = first;
            while at != NONE && page.tag(at) != "article" {
                at = page.parent(at);
            }
            if at == NONE { first } else { at }
        }
    };
    let start = headline.map_or(scope, |h| page.end(h));
    let end = page.end(scope).min(last_end);
    let in_region = |i: usize| roots.iter().any(|&r| page.contains(r, i));
    for i in start..end {
        let Some(element) = page.element(i) else {
            continue;
        };
        if flag(lenient, i) {
            continue;
        }
        let len = lenient_weights.total(i);
        let is_lead = (20..=2000).contains(&len)
            && lenient_weights.link(i) * 2 < len
            && page.tag(i) != "meta"
            && !roots.iter().any(|&r| page.contains(i, r))
            && (element_has_cue(element, LEAD_CUES)
                || attr(element, "itemprop").is_some_and(|v| {
                    v.eq_ignore_ascii_case("description") || v.eq_ignore_ascii_case("abstract")
                }));
        if is_lead {
            return Some(i);
        }
        // The first long paragraph of the body: a lead after it is something else.
        if analysis.owner.get(i).copied() == Some(i)
            && in_region(i)
            && weights.total(i) >= 80
            && !NON_PARAGRAPH_TAGS.contains(&page.tag(i))
            && page.children(i).all(|c| !page.is_block(c))
        {
            return None;
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Reading blocks.

/// Reads text blocks out of subtrees, collapsing white space and applying the body filters.
struct Reader<'p, 'a> {
    page: &'p Page<'a>,
    gone: &'p [bool],
    in_link: &'p [bool],
    /// Boxes dropped by the filters (link-dense boxes, "see also" lines, ad labels).
    removed: usize,
}

/// A block being assembled.
#[derive(Default)]
struct Line {
    text: String,
    chars: usize,
    link_chars: usize,
    space: bool,
}

impl Line {
    /// Appends text, collapsing runs of HTML white space (space, tab, line feed, form feed,
    /// carriage return) to one space as a browser does; U+00A0 and other Unicode spaces stay
    /// for the later pipeline to normalise. In `<pre>` line breaks stay.
    fn push_text(&mut self, text: &str, preformatted: bool, link: bool) {
        for c in text.chars() {
            if preformatted && c == '\n' {
                self.newline();
            } else if c.is_ascii_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push(c);
                if !c.is_whitespace() {
                    self.chars += 1;
                    if link {
                        self.link_chars += 1;
                    }
                }
            }
        }
    }

    fn newline(&mut self) {
        let trimmed = self.text.trim_end_matches(' ').len();
        self.text.truncate(trimmed);
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.space = false;
    }
}

impl<'p, 'a> Reader<'p, 'a> {
    fn new(page: &'p Page<'a>, gone: &'p [bool], in_link: &'p [bool]) -> Self {
        Reader {
            page,
            gone,
            in_link,
            removed: 0,
        }
    }

    /// All text under `i`, even dropped parts, for `<title>`, scripts and short elements.
    fn collect_text(page: &Page<'_>, i: usize) -> String {
        (i..page.end(i)).filter_map(|j| page.text(j)).collect()
    }

    /// The visible text of one element as a single line (the headline).
    fn plain_text(&mut self, i: usize) -> String {
        self.read(&[i], &[], None, None).join(" ")
    }

    /// The blocks of the subtrees `roots`, leaving out the subtrees in `skip` and, when
    /// `start` is set, everything before that node. With `filter` (the weights of the visible
    /// text), drops link-dense boxes, "see also" lines and ad labels, counting them.
    fn read(
        &mut self,
        roots: &[usize],
        skip: &[usize],
        start: Option<usize>,
        filter: Option<&Weights>,
    ) -> Vec<String> {
        let page = self.page;
        let mut blocks = Vec::new();
        let mut line = Line::default();
        // Ends of the open block elements, and whether each is preformatted.
        let mut open: Vec<(usize, bool)> = Vec::new();
        let mut pre_depth = 0usize;
        for &root in roots {
            let root_end = page.end(root);
            let mut i = root;
            while i < root_end {
                while let Some(&(end, pre)) = open.last() {
                    if end > i {
                        break;
                    }
                    open.pop();
                    pre_depth -= usize::from(pre && pre_depth > 0);
                    self.flush(&mut line, &mut blocks, filter.is_some());
                }
                if flag(self.gone, i)
                    || skip.contains(&i)
                    || start.is_some_and(|s| page.end(i) <= s)
                {
                    i = page.end(i);
                    continue;
                }
                if let Some(text) = page.text(i) {
                    if start.is_none_or(|s| i > s) {
                        line.push_text(text, pre_depth > 0, flag(self.in_link, i));
                    }
                    i += 1;
                    continue;
                }
                let tag = page.tag(i);
                if tag == "br" {
                    if line.text.ends_with('\n') {
                        // Two line breaks in a row end the block.
                        self.flush(&mut line, &mut blocks, filter.is_some());
                    } else {
                        line.newline();
                    }
                } else if page.is_block(i) {
                    self.flush(&mut line, &mut blocks, filter.is_some());
                    if let Some(weights) = filter
                        && i != root
                        && weights.total(i) > 0
                        && weights.link(i) * 2 > weights.total(i)
                    {
                        // Most of its text is links: a link list, a teaser box.
                        self.removed += 1;
                        i = page.end(i);
                        continue;
                    }
                    let pre = matches!(tag, "pre" | "listing" | "xmp" | "plaintext");
                    pre_depth += usize::from(pre);
                    open.push((page.end(i), pre));
                } else if matches!(tag, "td" | "th") {
                    line.space = true;
                }
                i += 1;
            }
            while let Some((_, pre)) = open.pop() {
                pre_depth -= usize::from(pre && pre_depth > 0);
                self.flush(&mut line, &mut blocks, filter.is_some());
            }
            self.flush(&mut line, &mut blocks, filter.is_some());
        }
        blocks
    }

    fn flush(&mut self, line: &mut Line, blocks: &mut Vec<String>, filter: bool) {
        let taken = std::mem::take(line);
        let text = tidy(&taken.text);
        if visible_chars(&text) == 0 {
            return;
        }
        if filter {
            let dense = taken.link_chars * 2 > taken.chars;
            if dense || is_see_also(&text, taken.link_chars) || is_ad_label(&text) {
                self.removed += 1;
                return;
            }
        }
        blocks.push(text);
    }
}

/// Trims each line of a block and drops empty lines, so no block holds a blank line.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let line = line.trim_matches([' ', '\u{a0}']);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// Lower-cases a short line and strips punctuation and arrows around it, for label tests.
fn label_key(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// "Lire aussi : <a>Le budget…</a>" and "Read more" alone: a see-also label followed by text
/// that is mostly a link, or the label on its own. "Related to the budget, the minister said…"
/// (no link) is kept.
fn is_see_also(text: &str, link_chars: usize) -> bool {
    let key = label_key(text);
    for label in SEE_ALSO_LABELS {
        let Some(rest) = key.strip_prefix(label) else {
            continue;
        };
        if rest.chars().next().is_some_and(char::is_alphanumeric) {
            continue; // "relatedness", "à lire absolument" are other words
        }
        let rest_chars = visible_chars(rest.trim_start_matches(|c: char| !c.is_alphanumeric()));
        if rest_chars == 0 || link_chars * 2 >= rest_chars {
            return true;
        }
    }
    false
}

/// A line that is only an ad label: "Publicité", "- Anzeige -".
fn is_ad_label(text: &str) -> bool {
    let key = label_key(text);
    AD_LABELS.contains(&key.as_str())
}

// ---------------------------------------------------------------------------------------------
// Metadata.

/// Title and date sources of a page, gathered in one pass over its `<meta>`, `itemprop` and
/// JSON-LD elements.
#[derive(Default)]
struct Metadata {
    /// First `content` of each `<meta>` by lower-cased `property`, `name` or `itemprop`.
    meta: HashMap<String, String>,
    /// Text of `<title>`.
    title_element: Option<String>,
    /// First `itemprop="datePublished"` outside `<meta>` (content, datetime or text).
    itemprop_date: Option<String>,
    json_ld_date: Option<String>,
}

impl Metadata {
    fn read(page: &Page<'_>) -> Self {
        let mut meta = Metadata::default();
        let mut json_any: Option<String> = None;
        let mut json_article: Option<String> = None;
        let in_svg = page.propagate(|i| matches!(page.tag(i), "svg" | "math"));
        for i in 0..page.len() {
            let Some(element) = page.element(i) else {
                continue;
            };
            match page.tag(i) {
                "meta" => {
                    let Some(content) = attr(element, "content") else {
                        continue;
                    };
                    for key in ["property", "name", "itemprop"] {
                        if let Some(name) = attr(element, key) {
                            let name = name.trim().to_ascii_lowercase();
                            meta.meta
                                .entry(name)
                                .or_insert_with(|| content.trim().to_string());
                        }
                    }
                }
                "title" if meta.title_element.is_none() && !flag(&in_svg, i) => {
                    meta.title_element = Some(collapse(&Reader::collect_text(page, i)));
                }
                "script"
                    if attr(element, "type")
                        .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
                {
                    let text = Reader::collect_text(page, i);
                    let (any, article) = json_ld_dates(&text);
                    json_any = json_any.or(any);
                    json_article = json_article.or(article);
                }
                _ => {}
            }
            if meta.itemprop_date.is_none()
                && page.tag(i) != "meta"
                && attr(element, "itemprop")
                    .is_some_and(|v| v.split_ascii_whitespace().any(|p| p == "datePublished"))
            {
                let value = attr(element, "content")
                    .or_else(|| attr(element, "datetime"))
                    .map(str::to_string)
                    .unwrap_or_else(|| collapse(&Reader::collect_text(page, i)));
                let value = value.trim().to_string();
                if !value.is_empty() {
                    meta.itemprop_date = Some(value);
                }
            }
        }
        meta.json_ld_date = json_article.or(json_any);
        meta
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.meta
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// `og:title`, else `twitter:title`, else `<title>` without the site's name, else the h1.
    /// Many sites put their name in `og:title` too ("Budget adopted - BBC News"): it is cut
    /// when it is the page's declared site name, or when what is left matches the h1.
    fn title(&self, h1: Option<&str>) -> Option<String> {
        if let Some(t) = self.get("og:title").or_else(|| self.get("twitter:title")) {
            return Some(self.without_site_name(&collapse(t), h1));
        }
        if let Some(t) = self.title_element.as_deref().filter(|t| !t.is_empty()) {
            return Some(strip_site_name(t, h1));
        }
        h1.map(collapse).filter(|t| !t.is_empty())
    }

    /// A metadata title without the site's name: a leading or trailing part, after one of
    /// [`TITLE_SEPARATORS`], equal to `og:site_name` or `application-name`, else the parts
    /// matching the h1. Without such evidence the title stays whole, since a separator may be
    /// part of the headline ("Brexit - what happens next").
    fn without_site_name(&self, title: &str, h1: Option<&str>) -> String {
        let sites = [
            "og:site_name",
            "application-name",
            "apple-mobile-web-app-title",
        ]
        .iter()
        .filter_map(|key| self.get(key))
        .map(|site| collapse(site).to_lowercase())
        .filter(|site| !site.is_empty());
        let lower = title.to_lowercase();
        for site in sites {
            for sep in TITLE_SEPARATORS {
                // Lower-casing keeps byte lengths for the scripts of our languages; `get`
                // gives nothing (and no cut) where it would not.
                if let Some(rest) = lower.strip_suffix(&site).and_then(|r| r.strip_suffix(sep))
                    && let Some(kept) = title.get(..rest.len()).map(str::trim)
                    && !kept.is_empty()
                {
                    return kept.to_string();
                }
                if let Some(rest) = lower.strip_prefix(&site).and_then(|r| r.strip_prefix(sep))
                    && let Some(kept) = title.get(title.len() - rest.len()..).map(str::trim)
                    && !kept.is_empty()
                {
                    return kept.to_string();
                }
            }
        }
        if let Some(h1) = h1 {
            let stripped = strip_site_name(title, Some(h1));
            if stripped != title && title_similarity(&stripped, h1) >= 0.8 {
                return stripped;
            }
        }
        title.to_string()
    }

    /// The publication date, from the first source that has one, in this order:
    /// `article:published_time`, `itemprop="datePublished"`, JSON-LD `datePublished`,
    /// `<meta name="date">` and its variants, the article's `<time datetime>`.
    fn date(&self, page: &Page<'_>, gone: &[bool]) -> Option<String> {
        if let Some(d) = self.get("article:published_time") {
            return Some(d.to_string());
        }
        if let Some(d) = self.get("datepublished").map(str::to_string) {
            return Some(d);
        }
        if let Some(d) = self.itemprop_date.clone() {
            return Some(d);
        }
        if let Some(d) = self.json_ld_date.clone() {
            return Some(d);
        }
        for key in [
            "date",
            "pubdate",
            "dc.date.issued",
            "publish-date",
            "dcterms.issued",
            "dc.date",
        ] {
            if let Some(d) = self.get(key) {
                return Some(d.to_string());
            }
        }
        if let Some(d) = self.publication_meta() {
            return Some(d.to_string());
        }
        time_in_article(page, gone)
    }

    /// A `<meta>` whose name says "publication date" in one of the many spellings sites use
    /// (`article:publicationdate`, `publish_date`, `parsely-pub-date`): the name has "pub"
    /// and "date" or "time" in it and no word of modification, and the value has a digit.
    /// Among several, the shortest name (then the first in alphabetical order), so the result
    /// does not depend on the order of the page's tags.
    fn publication_meta(&self) -> Option<&str> {
        self.meta
            .iter()
            .filter(|(name, value)| {
                name.contains("pub")
                    && (name.contains("date") || name.contains("time"))
                    && !["modif", "updat", "revis", "edit", "expir"]
                        .iter()
                        .any(|w| name.contains(w))
                    && value.chars().any(|c| c.is_ascii_digit())
            })
            .min_by(|a, b| a.0.len().cmp(&b.0.len()).then(a.0.cmp(b.0)))
            .map(|(_, value)| value.as_str())
    }
}

/// `<time datetime>` in the article: one with the `pubdate` attribute, else the first.
/// "In the article" means inside an `<article>` element, or anywhere visible when the page has
/// none.
fn time_in_article(page: &Page<'_>, gone: &[bool]) -> Option<String> {
    let in_article = page.propagate(|i| page.tag(i) == "article");
    let any_article = in_article.iter().any(|&a| a);
    let times: Vec<usize> = (0..page.len())
        .filter(|&i| {
            page.tag(i) == "time"
                && page
                    .attr(i, "datetime")
                    .is_some_and(|d| !d.trim().is_empty())
                && (!any_article || in_article.get(i).copied().unwrap_or(false))
                && !gone.get(i).copied().unwrap_or(true)
        })
        .collect();
    let chosen = times
        .iter()
        .copied()
        .find(|&i| page.attr(i, "pubdate").is_some())
        .or_else(|| times.first().copied())?;
    page.attr(chosen, "datetime").map(|d| d.trim().to_string())
}

/// `datePublished` in a JSON-LD script: (first found anywhere, first found on an article).
/// Walks objects, arrays and `@graph` with an explicit stack; invalid JSON gives nothing.
fn json_ld_dates(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    let text = text.strip_prefix("<![CDATA[").unwrap_or(text);
    let text = text.strip_suffix("]]>").unwrap_or(text);
    // serde_json stops at 128 levels of nesting, so a hostile script cannot overflow the stack.
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text.trim()) else {
        return (None, None);
    };
    let mut any = None;
    let mut article = None;
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            serde_json::Value::Object(map) => {
                let date = match map.get("datePublished") {
                    Some(serde_json::Value::String(s)) => Some(s.trim().to_string()),
                    Some(serde_json::Value::Array(a)) => a
                        .iter()
                        .find_map(|x| x.as_str())
                        .map(|s| s.trim().to_string()),
                    _ => None,
                }
                .filter(|s| !s.is_empty());
                if let Some(date) = date {
                    if any.is_none() {
                        any = Some(date.clone());
                    }
                    if article.is_none() && is_article_type(map.get("@type")) {
                        article = Some(date);
                    }
                }
                let mut children: Vec<&serde_json::Value> = map
                    .values()
                    .filter(|c| c.is_object() || c.is_array())
                    .collect();
                children.reverse();
                stack.extend(children);
            }
            _ => {}
        }
    }
    (any, article)
}

/// schema.org types of news articles: `NewsArticle`, `ReportageNewsArticle`, `BlogPosting`…
fn is_article_type(value: Option<&serde_json::Value>) -> bool {
    let is = |s: &str| {
        let s = s.rsplit('/').next().unwrap_or(s);
        s.ends_with("Article") || s.ends_with("BlogPosting") || s == "Report"
    };
    match value {
        Some(serde_json::Value::String(s)) => is(s),
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).any(is),
        _ => false,
    }
}

/// Collapses runs of white space (not U+00A0) to one space and trims.
fn collapse(text: &str) -> String {
    let mut line = Line::default();
    line.push_text(text, false, false);
    line.text
}

/// Separators between an article's title and the site's name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · "];

/// Most parts a `<title>` is split into; longer titles are taken whole.
const MAX_TITLE_PARTS: usize = 8;

/// "Le budget 2025 est adopté - Le Monde" → "Le budget 2025 est adopté". The page's h1
/// decides which part (or run of parts) is the title when it matches one approximately
/// ("Brexit – what it means | The Guardian" with h1 "Brexit – what it means"); without a match
/// the first part is taken.
fn strip_site_name(title: &str, h1: Option<&str>) -> String {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (start, end) of each separator
    for sep in TITLE_SEPARATORS {
        let mut from = 0;
        while let Some(p) = title.get(from..).and_then(|rest| rest.find(sep)) {
            cuts.push((from + p, from + p + sep.len()));
            from += p + sep.len();
        }
    }
    if cuts.is_empty() {
        return title.to_string();
    }
    cuts.sort_unstable();
    if cuts.len() + 1 > MAX_TITLE_PARTS {
        return title.to_string();
    }
    // Part boundaries: part k spans starts[k]..ends[k].
    let mut starts = vec![0];
    let mut ends = Vec::new();
    for &(s, e) in &cuts {
        ends.push(s);
        starts.push(e);
    }
    ends.push(title.len());
    if let Some(h1) = h1.filter(|h| !h.trim().is_empty()) {
        // The most similar run of parts, the longest among equals.
        let mut best: Option<(f64, usize, &str)> = None;
        for (a, &start) in starts.iter().enumerate() {
            for &end in ends.iter().skip(a) {
                let Some(candidate) = title.get(start..end).map(str::trim) else {
                    continue;
                };
                let similarity = title_similarity(candidate, h1);
                let key = (similarity, candidate.chars().count());
                if similarity >= 0.8 && best.is_none_or(|(s, l, _)| key > (s, l)) {
                    best = Some((similarity, key.1, candidate));
                }
            }
        }
        if let Some((_, _, best)) = best {
            return best.to_string();
        }
    }
    starts
        .first()
        .zip(ends.first())
        .and_then(|(&s, &e)| title.get(s..e))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(title)
        .to_string()
}

/// How alike two titles are: the share of their distinct lower-cased words they have in
/// common (Jaccard index), 1.0 for the same words.
fn title_similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        let mut words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    };
    let (a, b) = (words(a), words(b));
    let common = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Le Monde-like page: the headline and standfirst in a header outside <article>, a
    /// cookie popup, share bar, "Lire aussi", ad slot, photo caption, comments, "Les plus lus",
    /// newsletter box and footer around it.
    const FRENCH_PAGE: &str = r##"<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Le Sénat adopte la réforme des retraites - Le Quotidien</title>
<meta property="og:title" content="Le Sénat adopte la réforme des retraites">
<meta property="article:published_time" content="2024-03-12T18:45:00+01:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2024-03-13T08:00:00+01:00"}</script>
<style>.article__title{font-size:2em}</style>
</head>
<body class="has-newsletter">
<div id="didomi-host" class="didomi-popup"><p>Nous utilisons des cookies pour mesurer l'audience, comme 1 200 partenaires.</p><button>Accepter</button></div>
<header class="site-header"><nav><ul><li><a href="/">Accueil</a></li><li><a href="/politique">Politique</a></li></ul></nav><div class="logo">Le Quotidien</div></header>
<main>
<section class="article article--content">
<header class="article__header">
<p class="article__kicker">Politique</p>
<h1 class="article__title">Le Sénat adopte la réforme des retraites</h1>
<p class="article__desc">Après douze jours de débats, les sénateurs ont voté le texte par 195 voix contre 112, mardi 12 mars.</p>
<p class="meta__publisher">Par <a href="/auteur/jean">Jean Dupuis</a>, publié le 12 mars 2024</p>
</header>
<div class="share-bar"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur X</a> <span>Envoyer par e-mail</span></div>
<article class="article__content">
<p class="article__paragraph">Le texte, porté par la ministre du travail, Claire Martin, a été adopté dans la nuit de mardi à mercredi, au terme d'une séance tendue.</p>
<p>Les sénateurs ont notamment modifié l'article 7, qui repousse l'âge légal de départ de 62 à 64 ans, en y ajoutant une <em>clause de revoyure</em> en 2027.</p>
<p class="article__paragraph">Lire aussi : <a href="/x">Retraites : ce qui change pour les carrières longues</a></p>
<h2 class="article__sub-title">Une commission mixte paritaire dès jeudi</h2>
<p>Députés et sénateurs se retrouveront jeudi 14 mars en commission mixte paritaire, a indiqué le président du Sénat, <a href="/gl">Gérard Lemoine</a>.</p>
<div class="dfp-ad ad-slot"><span>Publicité</span></div>
<p>Publicité</p>
<blockquote><p>« Nous avons tenu nos engagements », a déclaré la ministre.</p></blockquote>
<ul><li>Âge légal : 64 ans en 2030.</li><li>Durée de cotisation : 43 ans dès 2027.</li></ul>
<figure><img src="a.jpg" alt="x"><figcaption>La ministre au Sénat, le 12 mars. PHOTO : AFP</figcaption></figure>
<p>Le gouvernement espère une promulgation avant la fin du mois d'avril&nbsp;2024.</p>
</article>
<section class="comments"><h3>Commentaires (42)</h3><div class="comment"><p>Scandaleux, Emmanuel Macron va encore augmenter les impôts de 3 milliards, je vous le dis, et personne ne réagit.</p></div></section>
</section>
<aside class="les-plus-lus"><h3>Les plus lus</h3><ol><li><a href="/1">Emmanuel Macron annonce 3 milliards pour l'hôpital</a></li><li><a href="/2">Le PSG bat Lyon 4-1</a></li></ol></aside>
<div class="newsletter-box"><p>Inscrivez-vous à la newsletter du matin : chaque jour à 7 heures, l'essentiel de l'actualité par Marie Curie.</p><form><input type="email"></form></div>
</main>
<footer class="site-footer"><p>© 2024 Le Quotidien. Tous droits réservés. Siège : 80 boulevard Auguste-Blanqui, Paris.</p></footer>
<script>var x = "<p>Emmanuel</p>";</script>
</body></html>
"##;

    /// A Guardian-like page: itemprop=articleBody, standfirst, JSON-LD @graph, cookie dialog,
    /// "Related:" and "Read more:" lines, tags, newsletter, comments, "Most viewed".
    const ENGLISH_PAGE: &str = r##"<!DOCTYPE html>
<html lang="en-GB"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Floods displace 40,000 in northern Bangladesh | World news | The Daily Ledger</title>
<meta name="description" content="Aid agencies say 40,000 people have left their homes.">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"The Daily Ledger","datePublished":"2001-01-01"},
 {"@type":"NewsArticle","headline":"Floods displace 40,000","datePublished":"2024-07-04T06:30:00Z","dateModified":"2024-07-05T10:00:00Z"}]}
</script>
</head>
<body>
<div id="cmp-container" role="dialog"><p>We and our 812 partners use cookies. By clicking Accept you agree, as described on 3 May 2023.</p></div>
<div class="site-banner"><a href="/" class="logo">The Daily Ledger</a>
<ul class="menu"><li><a href="/uk">UK</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></div>
<div class="breadcrumbs"><a href="/world">World</a> › <a href="/world/asia">Asia</a></div>
<div class="content">
 <div class="content__head">
  <h1 class="content__headline" itemprop="headline">Floods displace 40,000 in northern Bangladesh</h1>
  <div class="content__standfirst"><p>Aid agencies warn that <a href="/cholera">cholera</a> could spread as water levels keep rising in Sylhet.</p></div>
  <p class="byline">Priya Raman in Dhaka</p>
  <time datetime="2024-07-04T07:30:00+01:00">Thu 4 Jul 2024 07.30 BST</time>
 </div>
 <ul class="social-icons"><li><a href="#">Share on Facebook</a></li><li><a href="#">Share on X</a></li><li><a href="#">Email</a></li></ul>
 <div class="content__article-body" itemprop="articleBody">
  <p>More than 40,000 people have been forced from their homes in northern Bangladesh after a week of monsoon rain, officials said on Wednesday.</p>
  <p>The district of Sylhet, home to 3.5 million people, recorded 310mm of rain in 24 hours, the highest since 2022, according to the meteorological department.</p>
  <p>Related: <a href="/old">Bangladesh floods: the 2022 disaster in pictures</a></p>
  <div class="ad-slot ad-slot--inline"><p>Advertisement</p></div>
  <h2>Shelters overwhelmed</h2>
  <p>“We have no dry place left,” said Rahim Uddin, a farmer from Sunamganj. “The water came in the night.”</p>
  <p>The UN children's agency, Unicef, said 1.2 million children were at risk of disease.<br>Its regional director called for $24m in emergency funding.</p>
  <aside class="element-rich-link"><p>Read more: <a href="/x">Climate crisis driving record monsoons</a></p></aside>
  <p>Read more about the rescue effort from <a href="https://example.org/report">the Red Crescent's latest report</a>, which was published on Thursday with figures for every district.</p>
 </div>
 <div class="submeta"><ul class="tags"><li><a href="/t/bangladesh">Bangladesh</a></li><li><a href="/t/floods">Floods</a></li></ul></div>
 <div class="newsletter-signup"><h3>First Edition</h3><p>Our morning email breaks down the key stories of the day, sent to 1.5 million readers.</p></div>
 <div id="comments"><h2>Comments (318)</h2><div class="d-comment"><p>Boris Johnson said in 2019 that £350m would go to the NHS, so why believe anyone?</p></div></div>
</div>
<div class="most-popular"><h2>Most viewed</h2><ol><li><a href="/a">Taylor Swift adds 3 Wembley dates</a></li><li><a href="/b">Interest rates held at 5.25%</a></li></ol></div>
<footer><p>© 2024 Ledger Media Ltd. All rights reserved. Registered in England No. 908396.</p></footer>
</body></html>
"##;

    /// A Spiegel-like page without <article> or <p> markers around the body: text blocks in
    /// divs with data-area names, ads between them, "Mehr zum Thema", comments, "Meistgelesen".
    const GERMAN_PAGE: &str = r##"<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Bundestag beschließt Heizungsgesetz – DER STANDPUNKT</title>
<meta name="twitter:title" content="Bundestag beschließt Heizungsgesetz">
<meta name="date" content="2024-05-02T09:12:00+02:00">
</head>
<body>
<div class="consent-layer"><p>Wir und unsere 240 Partner speichern Cookies. Zustimmen und weiter mit Werbung.</p></div>
<div data-area="navigation"><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/wirtschaft">Wirtschaft</a></div>
<main id="Inhalt">
 <div data-area="intro">
  <span class="kicker">Klimapolitik</span>
  <h1><span>Bundestag beschließt Heizungsgesetz</span></h1>
  <div class="leadtext">Nach monatelangem Streit hat das Parlament das Gebäudeenergiegesetz verabschiedet. 399 Abgeordnete stimmten dafür.</div>
  <div class="author">Von Anna Schmidt und Jonas Weber</div>
 </div>
 <div data-area="social_bar"><a href="#">Facebook</a> <a href="#">E-Mail</a> <a href="#">Link kopieren</a></div>
 <div data-area="body">
  <div data-area="text_block"><p>Der Bundestag hat am Donnerstag das umstrittene Heizungsgesetz beschlossen, nach einer Debatte von mehr als drei Stunden.</p></div>
  <div data-area="text_block"><p>Ab 2026 sollen neue Heizungen zu 65 Prozent mit erneuerbaren Energien betrieben werden, in Neubaugebieten schon ab 2024.</p>
  <p>Wirtschaftsminister Robert Lang sprach von einem »wichtigen Tag für den Klimaschutz«, die Opposition kündigte Widerstand an.</p></div>
  <div data-area="ad"><span>Anzeige</span></div>
  <div data-area="text_block"><h3>Förderung bis zu 70 Prozent</h3>
  <p>Hausbesitzer können eine Förderung von bis zu 70 Prozent der Kosten beantragen, höchstens jedoch 21.000 Euro.</p>
  <p><b>Mehr zum Thema:</b> <a href="/x">Was das Gesetz für Mieter bedeutet</a></p></div>
  <div data-area="text_block"><p>Der Bundesrat muss dem Gesetz noch zustimmen, er befasst sich am 7.&nbsp;Juli damit.</p></div>
 </div>
 <section data-area="related_articles"><h2>Mehr zum Thema</h2><ul><li><a href="/1">Olaf Berger kündigt 5 Milliarden für Wärmepumpen an</a></li><li><a href="/2">FDP droht mit Koalitionsbruch</a></li></ul></section>
 <div class="article-comments"><h2>Diskussion</h2><p>Jetzt kommentieren: Leser Klaus M. meint, die 21.000 Euro reichen für nichts, ehrlich gesagt.</p></div>
</main>
<div class="meistgelesen"><h2>Meistgelesen</h2><a href="/m">Lottozahlen vom 4. Mai: 12 Millionen im Jackpot</a></div>
<footer><p>© DER STANDPUNKT GmbH 2024. Impressum, Datenschutz.</p></footer>
</body></html>
"##;

    /// An old page: text in a <div> separated by <br>, no <p>, a navigation table.
    const BR_SOUP_PAGE: &str = r##"<html><head><title>Gemeinderat tagt</title></head><body bgcolor=white>
<table width=100%><tr><td><a href="/">Home</a> | <a href="/news">News</a> | <a href="/archiv">Archiv</a></td></tr></table>
<div id=text><font size=4><b>Gemeinderat beschließt neuen Haushalt</b></font><br><br>
Der Gemeinderat hat am Montagabend den Haushalt für 2025 beschlossen, mit 14 zu 3 Stimmen.<br>
Die Sitzung dauerte bis kurz vor Mitternacht.<br><br>
Bürgermeisterin Eva Roth sprach von einem soliden Plan, die Opposition kritisierte die Schulden.<br><br>
<a href="/mehr">Weitere Meldungen</a>
</div></body></html>
"##;

    fn blocks(html: &str) -> Vec<String> {
        match extract(html) {
            Ok(doc) => doc.blocks,
            Err(e) => panic!("extract failed: {e}"),
        }
    }

    fn doc(html: &str) -> Extracted {
        match extract(html) {
            Ok(doc) => doc,
            Err(e) => panic!("extract failed: {e}"),
        }
    }

    /// No boilerplate text may appear anywhere in what is extracted.
    fn assert_absent(doc: &Extracted, forbidden: &[&str]) {
        let all = format!("{}\n{:?}\n{:?}", doc.blocks.join("\n"), doc.title, doc.date);
        for needle in forbidden {
            assert!(
                !all.contains(needle),
                "boilerplate {needle:?} leaked into:\n{all}"
            );
        }
    }

    #[test]
    fn french_page() {
        let doc = doc(FRENCH_PAGE);
        assert_eq!(
            doc.blocks,
            [
                "Le Sénat adopte la réforme des retraites",
                "Après douze jours de débats, les sénateurs ont voté le texte par 195 voix contre 112, mardi 12 mars.",
                "Le texte, porté par la ministre du travail, Claire Martin, a été adopté dans la nuit de mardi à mercredi, au terme d'une séance tendue.",
                "Les sénateurs ont notamment modifié l'article 7, qui repousse l'âge légal de départ de 62 à 64 ans, en y ajoutant une clause de revoyure en 2027.",
                "Une commission mixte paritaire dès jeudi",
                "Députés et sénateurs se retrouveront jeudi 14 mars en commission mixte paritaire, a indiqué le président du Sénat, Gérard Lemoine.",
                "« Nous avons tenu nos engagements », a déclaré la ministre.",
                "Âge légal : 64 ans en 2030.",
                "Durée de cotisation : 43 ans dès 2027.",
                "Le gouvernement espère une promulgation avant la fin du mois d'avril\u{a0}2024.",
            ]
        );
        assert_eq!(
            doc.title.as_deref(),
            Some("Le Sénat adopte la réforme des retraites")
        );
        assert_eq!(doc.date.as_deref(), Some("2024-03-12T18:45:00+01:00"));
        // Cookie popup, share bar, ad slot, comments, newsletter; "Lire aussi", "Publicité".
        assert_eq!(doc.warnings, ["7 boxes removed as boilerplate"]);
        assert_absent(
            &doc,
            &[
                "cookies",
                "Accepter",
                "Accueil",
                "Politique",
                "Jean Dupuis",
                "Partager",
                "Lire aussi",
                "carrières longues",
                "Publicité",
                "PHOTO",
                "Commentaires",
                "Emmanuel Macron",
                "milliards",
                "PSG",
                "newsletter",
                "Marie Curie",
                "©",
                "Blanqui",
                "Le Quotidien",
            ],
        );
    }

    #[test]
    fn english_page() {
        let doc = doc(ENGLISH_PAGE);
        assert_eq!(
            doc.blocks,
            [
                "Floods displace 40,000 in northern Bangladesh",
                "Aid agencies warn that cholera could spread as water levels keep rising in Sylhet.",
                "More than 40,000 people have been forced from their homes in northern Bangladesh after a week of monsoon rain, officials said on Wednesday.",
                "The district of Sylhet, home to 3.5 million people, recorded 310mm of rain in 24 hours, the highest since 2022, according to the meteorological department.",
                "Shelters overwhelmed",
                "“We have no dry place left,” said Rahim Uddin, a farmer from Sunamganj. “The water came in the night.”",
                "The UN children's agency, Unicef, said 1.2 million children were at risk of disease.\nIts regional director called for $24m in emergency funding.",
                // A sentence that starts with "Read more" but is not a link box stays.
                "Read more about the rescue effort from the Red Crescent's latest report, which was published on Thursday with figures for every district.",
            ]
        );
        // <title> without the section and the site's name; JSON-LD date of the NewsArticle.
        assert_eq!(
            doc.title.as_deref(),
            Some("Floods displace 40,000 in northern Bangladesh")
        );
        assert_eq!(doc.date.as_deref(), Some("2024-07-04T06:30:00Z"));
        assert_eq!(doc.warnings, ["10 boxes removed as boilerplate"]);
        assert_absent(
            &doc,
            &[
                "cookies",
                "812",
                "UK",
                "Sport",
                "Asia",
                "Priya Raman",
                "Share",
                "Related",
                "2022 disaster",
                "Advertisement",
                "Climate crisis",
                "First Edition",
                "1.5 million",
                "Boris Johnson",
                "£350m",
                "Taylor Swift",
                "5.25%",
                "©",
                "908396",
                "Ledger",
                "World news",
                "Floods\n",
            ],
        );
    }

    #[test]
    fn german_page() {
        let doc = doc(GERMAN_PAGE);
        assert_eq!(
            doc.blocks,
            [
                "Bundestag beschließt Heizungsgesetz",
                "Nach monatelangem Streit hat das Parlament das Gebäudeenergiegesetz verabschiedet. 399 Abgeordnete stimmten dafür.",
                "Der Bundestag hat am Donnerstag das umstrittene Heizungsgesetz beschlossen, nach einer Debatte von mehr als drei Stunden.",
                "Ab 2026 sollen neue Heizungen zu 65 Prozent mit erneuerbaren Energien betrieben werden, in Neubaugebieten schon ab 2024.",
                "Wirtschaftsminister Robert Lang sprach von einem »wichtigen Tag für den Klimaschutz«, die Opposition kündigte Widerstand an.",
                "Förderung bis zu 70 Prozent",
                "Hausbesitzer können eine Förderung von bis zu 70 Prozent der Kosten beantragen, höchstens jedoch 21.000 Euro.",
                "Der Bundesrat muss dem Gesetz noch zustimmen, er befasst sich am 7.\u{a0}Juli damit.",
            ]
        );
        assert_eq!(
            doc.title.as_deref(),
            Some("Bundestag beschließt Heizungsgesetz")
        );
        assert_eq!(doc.date.as_deref(), Some("2024-05-02T09:12:00+02:00"));
        assert_eq!(doc.warnings, ["8 boxes removed as boilerplate"]);
        assert_absent(
            &doc,
            &[
                "Cookies",
                "240",
                "Startseite",
                "Klimapolitik",
                "Anna Schmidt",
                "Facebook",
                "Anzeige",
                "Mehr zum Thema",
                "Mieter",
                "Olaf Berger",
                "5 Milliarden",
                "FDP",
                "Klaus M.",
                "Meistgelesen",
                "Lottozahlen",
                "12 Millionen",
                "©",
                "Impressum",
                "STANDPUNKT",
            ],
        );
    }

    #[test]
    fn br_soup_without_paragraphs_is_readable() {
        let doc = doc(BR_SOUP_PAGE);
        assert_eq!(
            doc.blocks,
            [
                "Gemeinderat beschließt neuen Haushalt",
                "Der Gemeinderat hat am Montagabend den Haushalt für 2025 beschlossen, mit 14 zu 3 Stimmen.\nDie Sitzung dauerte bis kurz vor Mitternacht.",
                "Bürgermeisterin Eva Roth sprach von einem soliden Plan, die Opposition kritisierte die Schulden.",
            ]
        );
        assert_eq!(doc.title.as_deref(), Some("Gemeinderat tagt"));
        assert_absent(&doc, &["Home", "Archiv", "Weitere Meldungen"]);
    }

    /// A minimal article page with `head` and `body` filled in.
    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
    }

    const PARAGRAPHS: &str = "<p>The council approved the budget on Monday, after a debate of four hours, with 31 votes to 12.</p>\
        <p>The mayor said taxes would not rise in 2025, but fees for parking would, by ten percent.</p>";

    fn article(extra: &str) -> String {
        format!("<article><h1>Council approves budget</h1>{extra}{PARAGRAPHS}</article>")
    }

    #[test]
    fn title_sources_in_order() {
        let cases: &[(&str, &str, &str)] = &[
            // (head, h1, expected title)
            (
                r#"<meta property="og:title" content="OG title"><meta name="twitter:title" content="TW title"><title>Doc title - Site</title>"#,
                "Headline",
                "OG title",
            ),
            (
                r#"<meta name="twitter:title" content="TW title"><title>Doc title - Site</title>"#,
                "Headline",
                "TW title",
            ),
            (
                "<title>Le budget est adopté - Le Monde</title>",
                "Le budget est adopté",
                "Le budget est adopté",
            ),
            (
                "<title>Floods in Sylhet | World news | The Guardian</title>",
                "Floods in Sylhet",
                "Floods in Sylhet",
            ),
            (
                "<title>Heizungsgesetz beschlossen – DER SPIEGEL</title>",
                "Heizungsgesetz beschlossen",
                "Heizungsgesetz beschlossen",
            ),
            (
                "<title>Tagesschau — Bundestag tagt</title>",
                "Bundestag tagt",
                "Bundestag tagt",
            ),
            // A title that itself contains a separator: the run of parts matching the h1.
            (
                "<title>Brexit – what it means for you | The Guardian</title>",
                "Brexit – what it means for you",
                "Brexit – what it means for you",
            ),
            // No matching h1: the first part.
            (
                "<title>Budget adopted - City News</title>",
                "Something else entirely",
                "Budget adopted",
            ),
            (
                "<title>  Spaces\n  everywhere  </title>",
                "x",
                "Spaces everywhere",
            ),
            // No metadata at all: the h1.
            ("", "Council approves budget", "Council approves budget"),
        ];
        for (head, h1, expected) in cases {
            let html = page(
                head,
                &format!("<article><h1>{h1}</h1>{PARAGRAPHS}</article>"),
            );
            assert_eq!(doc(&html).title.as_deref(), Some(*expected), "head: {head}");
        }
    }

    #[test]
    fn og_title_without_site_name() {
        let cases: &[(&str, &str, &str)] = &[
            // (head, h1, expected title)
            // The site's declared name after a separator is cut, at the end or the start.
            (
                r#"<meta property="og:title" content="Mayor admits budget is his 'biggest worry' - City News"><meta property="og:site_name" content="City News">"#,
                "Something else entirely",
                "Mayor admits budget is his 'biggest worry'",
            ),
            (
                r#"<meta property="og:title" content="LE QUOTIDIEN | Le budget est adopté"><meta name="application-name" content="Le Quotidien">"#,
                "x",
                "Le budget est adopté",
            ),
            // No declared name: the parts matching the h1.
            (
                r#"<meta name="twitter:title" content="Heizungsgesetz beschlossen – Die Zeitung">"#,
                "Heizungsgesetz beschlossen",
                "Heizungsgesetz beschlossen",
            ),
            // A separator in the headline itself stays without evidence of a site name.
            (
                r#"<meta property="og:title" content="Brexit - what happens next"><meta property="og:site_name" content="City News">"#,
                "Council approves budget",
                "Brexit - what happens next",
            ),
            // The site's name alone is not cut down to nothing.
            (
                r#"<meta property="og:title" content="City News"><meta property="og:site_name" content="City News">"#,
                "x",
                "City News",
            ),
        ];
        for (head, h1, expected) in cases {
            let html = page(
                head,
                &format!("<article><h1>{h1}</h1>{PARAGRAPHS}</article>"),
            );
            assert_eq!(doc(&html).title.as_deref(), Some(*expected), "head: {head}");
        }
    }

    #[test]
    fn publication_date_meta_spellings() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                r#"<meta name="article:publicationdate" content="Fri Mar 13 21:30:09 EST 2015">"#,
                Some("Fri Mar 13 21:30:09 EST 2015"),
            ),
            (
                r#"<meta name="publish_date" content="2015-03-13">"#,
                Some("2015-03-13"),
            ),
            (
                r#"<meta name="parsely-pub-date" content="2015-03-14T08:00:00Z">"#,
                Some("2015-03-14T08:00:00Z"),
            ),
            // Modification dates, publishers and values without a digit are not dates.
            (
                r#"<meta name="article:publicationdate_modified" content="2015-03-15">
                   <meta name="article:publisher" content="News Ltd">
                   <meta name="publication_date" content="soon">"#,
                None,
            ),
        ];
        for (head, expected) in cases {
            let html = page(head, &format!("<div>{PARAGRAPHS}</div>"));
            assert_eq!(doc(&html).date.as_deref(), *expected, "head: {head}");
        }
    }

    #[test]
    fn read_more_wrapper_keeps_the_rest_of_the_article() {
        // The rest of the article behind a "Read more" button, in a wrapper named read-more
        // that holds less than half of the text: kept. A "Read more" box of links: dropped.
        let html = page(
            "",
            r#"<div id="story"><h1>Council approves budget</h1>
            <div class="story-body">
            <p>The council approved the budget on Monday, after a debate of four hours, with 31 votes to 12 and two abstentions.</p>
            <p>The mayor said taxes would not rise in 2025, but fees for parking would, by ten percent, from the first of March.</p>
            <p>The opposition, which voted against, called the parking fees a tax in disguise, and promised a referendum in June.</p>
            <p>Shop owners in the centre, who fear fewer visitors, said they would meet the mayor on Thursday to ask for exemptions.</p>
            <div id="read-more"><div id="read-more-link"><a href="">Read more</a></div>
            <div id="middleAd"><div class="ad-block" id="ad-mrec"></div></div>
            <div id="read-more-content"><p>The budget also funds two new schools, in the northern district, and a tram line to the airport by 2028.</p>
            <p>Unions welcomed the hiring of 40 teachers, but said the city still lacked nurses and social workers, by about a hundred.</p></div></div>
            <div class="read-more-box"><h3>Read more</h3><ul><li><a href="/a">Mayor under fire over the new parking fees in the centre</a></li>
            <li><a href="/b">Tram line to the airport: the route is decided</a></li></ul></div>
            </div></div>"#,
        );
        let doc = doc(&html);
        assert_eq!(
            doc.blocks.last().map(String::as_str),
            Some(
                "Unions welcomed the hiring of 40 teachers, but said the city still lacked nurses and social workers, by about a hundred."
            ),
            "{:?}",
            doc.blocks
        );
        assert_absent(
            &doc,
            &["Read more", "Mayor under fire", "Tram line to the airport"],
        );
    }

    #[test]
    fn photo_gallery_widget_in_the_article_is_dropped() {
        // A slideshow widget inside <article>: its buttons, counters and captions are not text.
        let html = page(
            "",
            r##"<article><h1>Council approves budget</h1>
            <div class="inline-content"><div class="photo-gallery">
            <div class="bar"><div class="nav-number"><span>1</span> of 24</div>
            <div class="button">Full Screen</div><div class="button">Autoplay</div></div>
            <div class="slides"><div class="slide" data-caption="Police secure the area"></div></div>
            <div class="details"><div class="caption-text">Police secure the area in front of the city hall, on March 18.</div><a class="buy-link" href="#">Buy Photo</a></div>
            </div></div>
            <div class="slideshow-embed"><div>Photos: the vote night, in 12 pictures by our photographers</div></div>
            <div class="image-carousel"><div>Swipe to see the new tram stations, from north to south</div></div>
            <p>The council approved the budget on Monday, after a debate of four hours, with 31 votes to 12.</p>
            <p>The mayor said taxes would not rise in 2025, but fees for parking would, by ten percent.</p>
            </article>"##,
        );
        let doc = doc(&html);
        assert_eq!(doc.blocks.len(), 3, "{:?}", doc.blocks);
        assert_absent(
            &doc,
            &[
                "Full Screen",
                "of 24",
                "Buy Photo",
                "Police secure",
                "12 pictures",
                "Swipe",
            ],
        );
    }

    #[test]
    fn headline_block_is_the_h1_not_the_meta_title() {
        let html = page(
            r#"<meta property="og:title" content="SEO title for sharing">"#,
            &article(""),
        );
        let doc = doc(&html);
        assert_eq!(
            doc.blocks.first().map(String::as_str),
            Some("Council approves budget")
        );
        assert_eq!(doc.title.as_deref(), Some("SEO title for sharing"));
    }

    #[test]
    fn date_sources_each_alone() {
        let cases: &[(&str, &str, &str)] = &[
            // (head, extra body inside <article>, expected)
            (
                r#"<meta property="article:published_time" content=" 2024-01-02T10:00:00+01:00 ">"#,
                "",
                "2024-01-02T10:00:00+01:00",
            ),
            (
                r#"<meta itemprop="datePublished" content="2024-01-03">"#,
                "",
                "2024-01-03",
            ),
            (
                "",
                r#"<time itemprop="datePublished" datetime="2024-01-04T08:00">4 janvier</time>"#,
                "2024-01-04T08:00",
            ),
            (
                "",
                r#"<span itemprop="datePublished">4. Januar 2024</span>"#,
                "4. Januar 2024",
            ),
            (
                r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-05"}</script>"#,
                "",
                "2024-01-05",
            ),
            (
                r#"<script type="application/ld+json">[{"@type":"Organization"},{"@type":"ReportageNewsArticle","datePublished":"2024-01-06"}]</script>"#,
                "",
                "2024-01-06",
            ),
            (
                r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2020-01-01"},{"@type":["Article"],"datePublished":"2024-01-07"}]}</script>"#,
                "",
                "2024-01-07",
            ),
            (
                r#"<script type="application/ld+json">{"@type":"WebPage","datePublished":"2024-01-08"}</script>"#,
                "",
                "2024-01-08",
            ),
            (
                r#"<meta name="date" content="2024-01-09">"#,
                "",
                "2024-01-09",
            ),
            (
                r#"<meta name="pubdate" content="2024-01-10">"#,
                "",
                "2024-01-10",
            ),
            (
                r#"<meta name="DC.date.issued" content="2024-01-11">"#,
                "",
                "2024-01-11",
            ),
            (
                r#"<meta name="publish-date" content="2024-01-12">"#,
                "",
                "2024-01-12",
            ),
            (
                "",
                r#"<time datetime="2024-01-13">13 Jan</time><time datetime="2024-01-14" pubdate>14 Jan</time>"#,
                "2024-01-14",
            ),
            (
                "",
                r#"<time datetime="2024-01-15">15 Jan</time><time datetime="2024-01-16">16 Jan</time>"#,
                "2024-01-15",
            ),
        ];
        for (head, extra, expected) in cases {
            let html = page(head, &article(extra));
            assert_eq!(
                doc(&html).date.as_deref(),
                Some(*expected),
                "head: {head} body: {extra}"
            );
        }
    }

    #[test]
    fn date_precedence_and_bad_json_ld() {
        // article:published_time before JSON-LD and <meta name=date>; modification dates ignored.
        let head = r#"<meta property="article:modified_time" content="2024-02-02">
            <meta name="date" content="2024-02-03">
            <script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2024-02-04","datePublished":"2024-02-05"}</script>
            <meta property="article:published_time" content="2024-02-01">"#;
        assert_eq!(
            doc(&page(head, &article(""))).date.as_deref(),
            Some("2024-02-01")
        );
        // Invalid JSON-LD is ignored silently; the next source answers.
        let head = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":</script>
            <meta name="date" content="2024-02-06">"#;
        let doc = doc(&page(head, &article("")));
        assert_eq!(doc.date.as_deref(), Some("2024-02-06"));
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        // Deeply nested JSON-LD is refused by serde_json's depth limit, not a stack overflow.
        let deep = format!(
            r#"<script type="application/ld+json">{}</script>"#,
            "[".repeat(100_000)
        );
        assert_eq!(
            extract(&page(&deep, &article(""))).map(|d| d.date),
            Ok(None)
        );
        // A <time> in the comments is not the article's date.
        let body = format!(
            r#"{}<div class="comments"><p>Reader wrote this long comment, with commas, on <time datetime="2024-03-01">1 March</time>.</p></div>"#,
            article("")
        );
        assert_eq!(extract(&page("", &body)).map(|d| d.date), Ok(None));
    }

    #[test]
    fn charset_prescan() {
        use encoding_rs::{EUC_JP, ISO_8859_2, SHIFT_JIS, UTF_8, WINDOWS_1252};
        let cases: &[(&[u8], Option<&'static encoding_rs::Encoding>)] = &[
            (b"<meta charset=\"utf-8\">", Some(UTF_8)),
            (b"<META CHARSET='ISO-8859-1'>", Some(WINDOWS_1252)),
            (b"<meta charset=latin2>", Some(ISO_8859_2)),
            (b"<meta charset = \" shift_jis \" >", Some(SHIFT_JIS)),
            (b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-jp\">", Some(EUC_JP)),
            (b"<meta content='text/html;charset=windows-1252' http-equiv='content-type'>", Some(WINDOWS_1252)),
            (b"<meta http-equiv=Content-Type content=\"text/html; charset='utf-8'\">", Some(UTF_8)),
            // content without http-equiv is not a declaration.
            (b"<meta content=\"text/html; charset=euc-jp\">", None),
            // UTF-16 declared in a meta means UTF-8; x-user-defined means windows-1252.
            (b"<meta charset=utf-16le>", Some(UTF_8)),
            (b"<meta charset=\"UTF-16\">", Some(UTF_8)),
            (b"<meta charset=x-user-defined>", Some(WINDOWS_1252)),
            // An unknown label is skipped and the scan goes on.
            (b"<meta charset=klingon><meta charset=utf-8>", Some(UTF_8)),
            (b"<meta charset=klingon>", None),
            // Inside a comment, or an attribute value of another tag: not a declaration.
            (b"<!-- <meta charset=euc-jp> --><meta charset=utf-8>", Some(UTF_8)),
            (b"<div title='<meta charset=euc-jp>'></div>", None),
            (b"<metaX charset=euc-jp>", None),
            (b"<!DOCTYPE html><html><head><title>x</title><meta name=viewport content=x><meta charset=\"windows-1252\">", Some(WINDOWS_1252)),
            (b"", None),
            (b"plain text, no markup at all", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                declared_charset(bytes),
                *expected,
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        // Only the first 1024 bytes count.
        let mut late = vec![b' '; 1020];
        late.extend_from_slice(b"<meta charset=euc-jp>");
        assert_eq!(declared_charset(&late), None);
        let mut early = vec![b' '; 990];
        early.extend_from_slice(b"<meta charset=euc-jp>");
        assert_eq!(declared_charset(&early), Some(EUC_JP));
    }

    #[test]
    fn sniff_tables() {
        let html: &[&str] = &[
            "<!DOCTYPE html><html><head><title>x</title></head>",
            "<!doctype HTML>\n<p>x",
            "\u{feff}<html lang=fr>",
            "  \n<HTML>\n<BODY>",
            "<head><meta charset=utf-8>",
            "<body>\nHello",
            "<!-- saved from url=(0042)https://example.org/ -->\n<html>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
            "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>",
            "<p>First paragraph.</p>\n<p>Second paragraph.</p>\n<div>Third</div>",
            "Title line\n<p>One</p><p>Two</p><p>Three</p>",
            "<div class=\"a\"><span>x</span><br></div>",
        ];
        for text in html {
            assert!(sniff(text.as_bytes()), "should be HTML: {text:?}");
        }
        let not_html: &[&str] = &[
            "",
            "Just a plain article.\n\nWith two paragraphs.",
            "Use the <p> tag for paragraphs in HTML.",
            "In HTML, <p> starts a paragraph and </p> ends it.",
            "# Title\n\nSome *markdown* with a [link](https://example.org).\n\n- item\n- item",
            "# Notes\n\n- Use <br> for line breaks\n- and <p> for paragraphs\n- or <div>\n\n```html\n<p>x</p>\n```",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><description><![CDATA[<p>a</p><p>b</p><p>c</p>]]></description></item></channel></rss>",
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>x</text></svg>",
            "<note><to>Tove</to><body>Don't forget me</body></note>",
            "<!DOCTYPE rss><rss><p>x</p><p>y</p><p>z</p></rss>",
            "1 < 2 and 3 > 2, a <b>bold</b> claim",
        ];
        for text in not_html {
            assert!(!sniff(text.as_bytes()), "should not be HTML: {text:?}");
        }
    }

    #[test]
    fn cue_tokens_match_whole_words() {
        let matches = |value: &str| {
            any_cue(BOILERPLATE_CUES, &tokens(value)) || any_cue(EXPANDER_CUES, &tokens(value))
        };
        for value in [
            "ad",
            "top-ad",
            "ad_slot",
            "adSlot",
            "ad300x250",
            "ads-container",
            "cookie-banner",
            "CookieConsent",
            "share-bar",
            "shareButtons",
            "social-links",
            "related-articles",
            "relatedStories",
            "most-read",
            "mostRead",
            "les-plus-lus",
            "meistgelesen",
            "comments",
            "commentaires",
            "kommentare",
            "newsletter-box",
            "subscribe",
            "abonnement",
            "paywall",
            "breadcrumb",
            "tags",
            "author-bio",
            "read-more",
            "lire-aussi",
            "a-lire",
            "mehr-zum-thema",
            "modal",
            "popup",
            "toolbar",
            "main-menu",
            "outbrain",
            "taboola",
            "didomi-host",
            "onetrust-banner",
            "gdpr",
            "cmp-container",
            "publicite",
            "pub",
            "anzeige",
            "sponsored-content",
            "promo-box",
            "partage",
            "photo-gallery",
            "slideshow-embed",
        ] {
            assert!(matches(value), "should be boilerplate: {value}");
        }
        for value in [
            "header",
            "shadow",
            "read",
            "article-body",
            "content",
            "article__content",
            "main",
            "story",
            "headline",
            "loaded",
            "padding",
            "download",
            "leader",
            "thread",
            "badge",
            "publication",
            "advance",
            "tagline",
            "summary",
            "chapo",
            "text-block",
            "adjacent",
        ] {
            assert!(!matches(value), "should not be boilerplate: {value}");
        }
        assert_eq!(
            tokens("content__article-body shareBar ad300"),
            ["content", "article", "body", "share", "bar", "ad", "300"]
        );
    }

    #[test]
    fn see_also_and_ad_lines() {
        let see_also: &[(&str, usize)] = &[
            // (text, characters inside links)
            ("Lire aussi : Le budget 2025 expliqué", 24),
            ("À lire aussi Le budget 2025 expliqué", 24),
            ("Lire également | Les chiffres clés", 18),
            ("Read more: Why the budget failed", 20),
            ("Related: Floods in 2022", 13),
            ("See also → The floods", 9),
            ("Mehr zum Thema: Das Heizungsgesetz erklärt", 26),
            ("Lesen Sie auch: Was Mieter wissen müssen", 24),
            ("Auch interessant", 0),
            ("Zum Thema", 0),
            ("► Read more", 0),
        ];
        for (text, link) in see_also {
            assert!(
                is_see_also(text, *link),
                "should be a see-also line: {text}"
            );
        }
        let kept: &[(&str, usize)] = &[
            (
                "Related to the budget, the minister said more cuts would follow.",
                0,
            ),
            ("Read more carefully, the report says something else.", 0),
            (
                "Lire aussi les conclusions du rapport, qui sont sévères pour le gouvernement.",
                0,
            ),
            (
                "Zum Thema Klimaschutz sagte die Ministerin, es gebe keinen Streit.",
                0,
            ),
            ("Relatedness is a concept in genetics.", 0),
        ];
        for (text, link) in kept {
            assert!(!is_see_also(text, *link), "should be kept: {text}");
        }
        for text in [
            "Publicité",
            "ADVERTISEMENT",
            "- Anzeige -",
            "Werbung",
            "Advertisement:",
        ] {
            assert!(is_ad_label(text), "ad label: {text}");
        }
        for text in [
            "Publicité mensongère : l'enquête",
            "Anzeige erstattet",
            "Ads",
        ] {
            assert!(!is_ad_label(text), "not an ad label: {text}");
        }
    }

    #[test]
    fn wrapper_cues_never_take_the_article() {
        // A cue on <body>, on the body container itself, on a wrapper of everything.
        for (open, close) in [
            (r#"<div class="has-newsletter page-wrapper">"#, "</div>"),
            (
                r#"<div id="social-layout"><div class="article-body paywall">"#,
                "</div></div>",
            ),
            (
                r#"<div class="modal-open"><main class="comments-enabled">"#,
                "</main></div>",
            ),
            (r#"<div aria-hidden="true" id="page">"#, "</div>"),
            (r#"<form id="aspnetForm" action="x">"#, "</form>"),
        ] {
            let html = page("", &format!("{open}{}{close}", article("")));
            let blocks = blocks(&html);
            assert_eq!(blocks.len(), 3, "{open}: {blocks:?}");
            assert_eq!(
                blocks.first().map(String::as_str),
                Some("Council approves budget")
            );
        }
    }

    #[test]
    fn always_dropped_elements() {
        let body = format!(
            r#"<article><h1>Council approves budget</h1>
            <script>document.write("Script text 111")</script><style>p{{}}</style>
            <noscript>Enable JavaScript 222</noscript><template><p>Template 333</p></template>
            <iframe src="x">Frame 444</iframe><svg><text>Svg 555</text></svg><canvas>Canvas 666</canvas>
            <form><label>Form 777</label></form><button>Button 888</button><select><option>Option 999</option></select>
            <textarea>Textarea 1010</textarea><nav>Nav 1111</nav><aside>Aside 1212</aside>
            <figure><img src=x><figcaption>Caption 1313 (Photo: AFP)</figcaption></figure>
            <p hidden>Hidden 1414</p><p aria-hidden="true">Aria 1515</p>
            <p style="display: none">Display 1616</p><p style="VISIBILITY:hidden">Visibility 1717</p>
            <!-- Comment 1818 --><div role="dialog">Dialog 1919</div><div role="alert">Alert 2020</div>
            <div role="complementary">Complementary 2121</div>
            {PARAGRAPHS}</article>
            <header>Site header 2222</header><footer>© 2024 Footer 2323</footer>
            <div role="contentinfo">Contentinfo 2424</div><div role="banner">Banner 2525</div>"#
        );
        let doc = doc(&page("", &body));
        assert_eq!(doc.blocks.len(), 3, "{:?}", doc.blocks);
        let all = doc.blocks.join("\n");
        for n in (111..=999).step_by(111).chain((1010..=2525).step_by(101)) {
            assert!(!all.contains(&n.to_string()), "{n} leaked: {all}");
        }
        // Scripts and styles are not counted as boxes.
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }

    #[test]
    fn header_inside_article_is_kept() {
        let body = r#"<header class="site"><a href="/">Site 123</a></header>
            <article><header><h1>Council approves budget</h1>
            <p class="standfirst">A short standfirst, with a comma, for the readers.</p></header>"#
            .to_string()
            + PARAGRAPHS
            + "<footer><p>Source note</p></footer></article>";
        let blocks = blocks(&page("", &body));
        assert_eq!(
            blocks.get(..2),
            Some(
                &[
                    "Council approves budget".to_string(),
                    "A short standfirst, with a comma, for the readers.".to_string(),
                ][..]
            )
        );
        assert!(!blocks.join(" ").contains("Site 123"));
    }

    #[test]
    fn site_logo_h1_is_not_the_headline() {
        // The article has no <h1>; the site header's <h1> is the logo, not the headline.
        let body = format!(
            r#"<header><h1 class="logo">Daily Ledger</h1><nav><a href="/">Home</a><a href="/w">World</a></nav></header>
            <article><h2>Council approves budget</h2>{PARAGRAPHS}</article>"#
        );
        let html = page(
            r#"<title>Council approves budget | Daily Ledger</title><svg><title>Logo icon</title></svg>"#,
            &body,
        );
        let doc = doc(&html);
        assert_eq!(
            doc.blocks.first().map(String::as_str),
            Some("Council approves budget")
        );
        assert_absent(&doc, &["Daily Ledger", "Home", "Logo icon"]);
        assert_eq!(doc.title.as_deref(), Some("Council approves budget"));
    }

    #[test]
    fn inline_elements_breaks_and_entities() {
        let body = "<article><h1>Title &amp; <em>more</em></h1>\
            <p>One <a href=x>linked</a> <em>em</em><strong>strong</strong> <abbr>UN</abbr> \
             <q>q</q> x<sup>2</sup> <span>span</span>   and\n\t spaces&nbsp;kept &lt;tag&gt; &eacute;t&eacute;.</p>\
            <p>Line one<br>line two<br> <br>new block after two breaks, which is long enough.</p>\
            <p>&nbsp;</p>\
            <pre>code  line 1\n\n   line 2</pre>\
            <ul><li>First <b>item</b></li><li>Second item<ul><li>Nested item</li></ul></li></ul>\
            <h3>Subheading</h3><blockquote>Quoted text, said someone important.</blockquote></article>";
        assert_eq!(
            blocks(&page("", body)),
            [
                "Title & more",
                "One linked emstrong UN q x2 span and spaces\u{a0}kept <tag> été.",
                "Line one\nline two",
                "new block after two breaks, which is long enough.",
                "code line 1\nline 2",
                "First item",
                "Second item",
                "Nested item",
                "Subheading",
                "Quoted text, said someone important.",
            ]
        );
    }

    #[test]
    fn link_dense_boxes_dropped_but_paragraph_links_kept() {
        let body = format!(
            r#"<article><h1>Council approves budget</h1>{PARAGRAPHS}
            <p>The report, <a href="/r">published on Monday</a>, counts 4,000 new homes in the city.</p>
            <ul><li><a href="/1">Other story about 9 ministers</a></li><li><a href="/2">Another story 77</a></li></ul>
            <p><a href="/promo">Our full coverage of the 2024 elections</a></p>
            </article>"#
        );
        let doc = doc(&page("", &body));
        assert_eq!(
            doc.blocks.last().map(String::as_str),
            Some("The report, published on Monday, counts 4,000 new homes in the city.")
        );
        assert_absent(&doc, &["9 ministers", "77", "full coverage"]);
        assert_eq!(doc.warnings, ["2 boxes removed as boilerplate"]);
    }

    #[test]
    fn scripts_rtl_emoji_cjk_pass_through() {
        let text = "مرحبا بالعالم، هذا نص عربي طويل بما يكفي 😀 e\u{301}te\u{301} 東京都は月曜日に新しい予算を発表した。 עברית";
        let html = page(
            "",
            &format!("<article><h1>多语言</h1><p dir=rtl>{text}</p></article>"),
        );
        assert_eq!(blocks(&html), ["多语言", text]);
    }

    #[test]
    fn xhtml_is_read() {
        let html = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title><meta name="date" content="2024-06-01"/></head>
<body><div class="nav-links"><a href="/">Home</a></div>{}<br/></body></html>"#,
            article("")
        );
        let doc = doc(&html);
        assert_eq!(doc.blocks.len(), 3);
        assert_eq!(doc.date.as_deref(), Some("2024-06-01"));
    }

    #[test]
    fn empty_and_script_only_pages_are_errors() {
        for html in [
            "",
            "   \n\t ",
            "<html><head><title>Only a title</title></head><body></body></html>",
            "<script>var a = '<p>not text</p>';</script><style>body{}</style>",
            "<html><body><!-- nothing --><nav><a href=/>Home</a></nav></body></html>",
            "<p>&nbsp;</p>",
        ] {
            assert_eq!(extract(html), Err(NO_TEXT.to_string()), "{html:?}");
        }
    }

    #[test]
    fn no_body_falls_back_to_all_text() {
        let html = "<html><body><div class=\"cookie\">Cookies 42</div><div>Short line.</div><span>Another short one.</span></body></html>";
        let doc = doc(html);
        assert_eq!(doc.blocks, ["Short line.", "Another short one."]);
        assert_eq!(
            doc.warnings.first().map(String::as_str),
            Some(FALLBACK_WARNING)
        );
        // Bare text without any tag is a page too.
        assert_eq!(blocks("Just some words"), ["Just some words"]);
    }

    #[test]
    fn broken_markup() {
        // Unclosed tags and stray end tags.
        let html = "<html><body><div class=story><h1>Budget vote<p>The council approved the budget on Monday, with 31 votes to 12, after a debate.\
            <p>The mayor said taxes would not rise in 2025, but parking fees would.</div></b></i></p></p></span>";
        assert_eq!(
            blocks(html),
            [
                "Budget vote",
                "The council approved the budget on Monday, with 31 votes to 12, after a debate.",
                "The mayor said taxes would not rise in 2025, but parking fees would.",
            ]
        );
        // </p> soup: each stray </p> becomes an empty paragraph, which is dropped.
        let soup = format!(
            "<body>{}<p>The real paragraph, with commas, is here and long enough.</p></p></p>",
            "</p>".repeat(1000)
        );
        assert_eq!(
            blocks(&soup),
            ["The real paragraph, with commas, is here and long enough."]
        );
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let start = std::time::Instant::now();
        let html = format!(
            "{}text{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let result = extract(&html);
        assert!(
            result
                .as_ref()
                .is_err_and(|e| e.contains("nested too deeply")),
            "{result:?}"
        );
        let html = "<b id=x>".repeat(100_000) + "text";
        assert!(extract(&html).is_err());
        assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
    }

    #[test]
    fn moderately_deep_page_is_read() {
        let depth = 1_500;
        let html = format!(
            "{}{}{}",
            "<div>".repeat(depth),
            article(""),
            "</div>".repeat(depth)
        );
        assert_eq!(blocks(&html).len(), 3);
    }

    #[test]
    fn tree_code_does_not_recurse() {
        // html5ever nests <span> without quadratic work, so the parsed tree really is 100 000
        // deep; every pass over it must be iterative. (extract refuses such a page up front.)
        let depth = 100_000;
        let html = format!(
            "<p>{}The paragraph at the bottom, with a comma, long enough to count.{}</p>",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        );
        let parsed = Html::parse_document(&html);
        let page = Page::new(&parsed);
        assert!(page.len() > depth);
        let result = extract_page(&page).map(|d| d.blocks);
        assert_eq!(
            result,
            Ok(vec![
                "The paragraph at the bottom, with a comma, long enough to count.".to_string()
            ])
        );
    }

    #[test]
    fn huge_text_node() {
        let text = "word ".repeat(4_000_000); // 20 MB
        let html = format!("<html><body><p>{text}</p></body></html>");
        let blocks = blocks(&html);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks.first().map(String::len), Some(text.len() - 1));
    }

    #[test]
    fn limits_give_reasons() {
        let big = "x".repeat(MAX_HTML_BYTES + 1);
        assert!(extract(&big).is_err_and(|e| e.contains("larger than")));
        let many = "<br>".repeat(MAX_ELEMENTS + 1);
        assert!(extract(&many).is_err_and(|e| e.contains("elements")));
        // Inline SVG icons close their own tags and do not count as nesting.
        let icons = format!(
            "<article><h1>Icons</h1>{}{PARAGRAPHS}</article>",
            "<svg><path d='M0 0'/><circle r='1'/></svg>".repeat(20_000)
        );
        assert!(extract(&icons).is_ok());
        // A <div> written inside a script is not a tag.
        let script = format!(
            "<script>{}</script>{}",
            "var s = '<div>';".repeat(50_000),
            article("")
        );
        assert!(extract(&script).is_ok());
    }
}
