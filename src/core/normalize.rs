//! Stage 2: decoded text → normalised text, with a map back to the original.
//!
//! Everything downstream (segmentation, comparison, extraction) reads the normalised text, where
//! typography no longer matters; everything shown to a user is cut from the original text
//! through [`Normalized::origin`]. So “l’Inde” and "l'Inde", « oui » and "oui", `12,5 %` with a
//! narrow no-break space and `12,5 %` with a plain one all compare equal, while the reader still
//! sees the article as it was published.
//!
//! What is normalised:
//! - Unicode NFC (a decomposed `e` + U+0301 becomes `é`);
//! - apostrophes and single quotes (’ ‘ ‚ ‛ ′ ʼ) → `'`;
//! - double quotes and guillemets (« » ‹ › “ ” „ ‟ ″) → `"`;
//! - hyphens and dashes (‐ ‑ ‒ – — ― −) → `-`;
//! - the ellipsis character … → `...`;
//! - every horizontal space (tab, no-break, narrow no-break, thin, figure, em/en spaces…) → one
//!   space, and runs of them → a single space; spaces at line ends are dropped;
//! - invisible characters (soft hyphen, zero-width space, word joiner, BOM) are removed.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalised text plus, for each of its bytes, the byte offset in the original it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// `origin[i]` is the original byte offset of normalised byte `i`; one extra entry at the end
    /// holds the original length, so `origin[range.end]` is always valid for a range in `text`.
    pub origin: Vec<u32>,
}

impl Normalized {
    /// Maps a byte range of the normalised text back to a byte range of the original text. The
    /// end maps to the end of the last original character used, so the range covers exactly
    /// the characters that produced the normalised bytes.
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let last = self.origin.len().saturating_sub(1);
        let start = self.origin.get(range.start).copied().unwrap_or(0) as usize;
        if range.end <= range.start {
            return start..start;
        }
        // The end is the origin of the first byte after the range that comes from a later
        // original character (an ellipsis expands to three bytes with one origin).
        let last_origin = self.origin.get(range.end - 1).copied().unwrap_or(0);
        let mut i = range.end.min(last);
        while i < last && self.origin.get(i).copied() == Some(last_origin) {
            i += 1;
        }
        let end = self.origin.get(i).copied().unwrap_or(0) as usize;
        start..end.max(start)
    }
}

/// What a character becomes in the normalised text.
enum Mapped {
    Keep(char),
    Str(&'static str),
    Space,
    Drop,
}

fn map_char(c: char) -> Mapped {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => {
            Mapped::Keep('\'')
        }
        '\u{00AB}' | '\u{00BB}' | '\u{2039}' | '\u{203A}' | '\u{201C}' | '\u{201D}'
        | '\u{201E}' | '\u{201F}' | '\u{2033}' => Mapped::Keep('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Mapped::Keep('-'),
        '\u{2026}' => Mapped::Str("..."),
        '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => Mapped::Drop,
        '\n' => Mapped::Keep('\n'),
        c if is_horizontal_space(c) => Mapped::Space,
        c => Mapped::Keep(c),
    }
}

/// Spaces that typography varies freely: plain, tab, no-break, narrow no-break, thin, etc.
pub fn is_horizontal_space(c: char) -> bool {
    c != '\n' && (c.is_whitespace() || c == '\u{00A0}' || c == '\u{202F}' || c == '\u{2007}')
}

/// Normalises `original` (see the module doc). Never fails; texts over 4 GiB are not expected
/// (files over 64 MiB are refused when loading) and map to saturated offsets.
pub fn normalize(original: &str) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(original.len()),
        origin: Vec::with_capacity(original.len() + 1),
    };
    let mut pending_space: Option<u32> = None;
    let push = |out: &mut Normalized, s: &str, at: u32| {
        out.text.push_str(s);
        out.origin.extend(std::iter::repeat_n(at, s.len()));
    };
    let mut buf = [0u8; 4];
    for_each_nfc_char(original, |at, c| {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        match map_char(c) {
            Mapped::Drop => {}
            Mapped::Space => {
                if pending_space.is_none() {
                    pending_space = Some(at);
                }
            }
            Mapped::Keep('\n') => {
                // Trailing spaces before a line end are dropped.
                pending_space = None;
                push(&mut out, "\n", at);
            }
            m => {
                let had_space = pending_space.is_some();
                if let Some(space_at) = pending_space.take() {
                    // Leading spaces of a line are dropped too.
                    if !out.text.is_empty() && !out.text.ends_with('\n') {
                        push(&mut out, " ", space_at);
                    }
                }
                match m {
                    // "--" and "---" typed for a dash are the dash: one "-".
                    Mapped::Keep('-')
                        if out.text.ends_with('-') && !had_space && !out.text.ends_with("--") => {}
                    Mapped::Keep(k) => push(&mut out, k.encode_utf8(&mut buf), at),
                    Mapped::Str(s) => push(&mut out, s, at),
                    _ => {}
                }
            }
        }
    });
    out.origin
        .push(u32::try_from(original.len()).unwrap_or(u32::MAX));
    out
}

/// Calls `f(original_offset, char)` for each character of the NFC form of `text`. A composed
/// character reports the offset of its base character. Text already in NFC (the usual case)
/// is walked directly; otherwise each base character and the combining marks after it are
/// composed together.
fn for_each_nfc_char(text: &str, mut f: impl FnMut(usize, char)) {
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        text.char_indices().for_each(|(i, c)| f(i, c));
        return;
    }
    let mut start = 0;
    let flush = |start: usize, end: usize, f: &mut dyn FnMut(usize, char)| {
        if let Some(piece) = text.get(start..end) {
            let composed: String = piece.nfc().collect();
            if composed == piece {
                // Nothing composed: every character keeps its own offset.
                piece.char_indices().for_each(|(i, c)| f(start + i, c));
            } else {
                composed.chars().for_each(|c| f(start, c));
            }
        }
    };
    for (i, c) in text.char_indices() {
        if i > start && !is_combining_mark(c) {
            flush(start, i, &mut f);
            start = i;
        }
    }
    flush(start, text.len(), &mut f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_variants_normalise_to_the_same_text() {
        let cases = [
            ("l’Inde", "l'Inde"),
            ("« oui »", "\" oui \""),
            ("«\u{202F}oui\u{202F}»", "\" oui \""),
            ("12,5\u{00A0}%", "12,5 %"),
            ("12,5\u{202F}%", "12,5 %"),
            ("„Ja“, sagte er", "\"Ja\", sagte er"),
            ("“Yes,” he said", "\"Yes,\" he said"),
            ("2019–2020 — enfin", "2019-2020 - enfin"),
            ("done -- or not --- maybe", "done - or not - maybe"),
            ("attendez…", "attendez..."),
            ("a  \t b", "a b"),
            ("Bundes\u{00AD}regierung", "Bundesregierung"),
            ("  début\nfin  ", "début\nfin"),
            ("e\u{0301}te\u{0301}", "été"),
        ];
        for (input, want) in cases {
            let n = normalize(input);
            assert_eq!(n.text.trim_matches(' '), want, "input {input:?}");
            assert_eq!(n.origin.len(), n.text.len() + 1);
        }
    }

    #[test]
    fn offsets_map_back_to_the_original_characters() {
        let original = "Selon « M. Pompeo », l’Inde…";
        let n = normalize(original);
        for word in ["M. Pompeo", "Inde", "Selon"] {
            let at = n.text.find(word).expect("word present");
            let r = n.original_range(at..at + word.len());
            assert_eq!(&original[r], word);
        }
        // A quote mark maps back to the guillemet it replaced.
        let q = n.text.find('"').expect("quote");
        assert_eq!(&original[n.original_range(q..q + 1)], "«");
        // The expanded ellipsis maps back to the single character.
        let e = n.text.find("...").expect("ellipsis");
        assert_eq!(&original[n.original_range(e..e + 3)], "…");
        let apos = n.text.find("l'").expect("elision");
        assert_eq!(&original[n.original_range(apos..apos + 2)], "l’");
    }

    #[test]
    fn decomposed_text_maps_back_whole_characters() {
        let original = "Cafe\u{0301} de Zu\u{0308}rich";
        let n = normalize(original);
        assert_eq!(n.text, "Café de Zürich");
        let at = n.text.find("Zürich").expect("found");
        assert_eq!(
            &original[n.original_range(at..at + "Zürich".len())],
            "Zu\u{0308}rich"
        );
    }
}
