//! Stage 3: text → paragraphs, sentences and word tokens (French, English, German rules).
//!
//! Works on the [normalised](super::normalize) text, so one set of rules covers every
//! typographic variant, and maps each range back to the original text for display.
//!
//! - **Paragraphs** are separated by blank lines. Inside a block of lines, a line break is kept
//!   as a paragraph break (a headline, a subheading, a list item, one-paragraph-per-line copy)
//!   unless the text was hard-wrapped: a line is joined to the next when the next line's first
//!   word would not have fit on it.
//! - **Sentences** end at `.`, `!`, `?`, `…` (and `。！？`) followed by optional closing quotes
//!   or brackets, a space, and something that can start a sentence (a capital, a digit, an
//!   opening quote). So « … », a-t-il dit. stays one sentence, and so do decimals (1.5, 12,5 %),
//!   thousands (3.700), initials (J. R. R. Tolkien), abbreviations (M., Mme, Dr., U.S., z. B.,
//!   Nr., Mio.) and German ordinals (am 3. März). A line without final punctuation (a title)
//!   is a sentence of its own because it is a paragraph of its own.
//! - **Tokens** are words (with inner hyphens: Nouvelle-Zélande, a-t-il), numbers (1,5 3.700
//!   2020-08 6:40), and punctuation marks. French elisions split after the apostrophe
//!   (l'|Inde, d'|utilisateurs) so "l'Inde" and "Inde" share a token. Han and kana characters
//!   are one token each.

use std::borrow::Cow;
use std::ops::Range;

use super::document::{KeyInterner, Keys, Lang, Sentence, Token, TokenKind};
use super::normalize::{Normalized, normalize};

/// Segments `text` (the original, as shown to the user). Returns paragraph ranges and sentences,
/// all as byte ranges into `text`.
///
/// ```
/// use factdiff::core::{segment::segment, document::Lang};
/// let text = "Titre\n\nM. Pompeo a parlé. « Nous verrons ! » a-t-il dit. Fin.";
/// let (paragraphs, sentences, _) = segment(text, Lang::Fr);
/// assert_eq!(paragraphs.len(), 2);
/// let texts: Vec<&str> = sentences.iter().map(|s| &text[s.byte_range.clone()]).collect();
/// assert_eq!(texts, ["Titre", "M. Pompeo a parlé.", "« Nous verrons ! » a-t-il dit.", "Fin."]);
/// ```
pub fn segment(text: &str, lang: Lang) -> (Vec<Range<usize>>, Vec<Sentence>, Keys) {
    let norm = normalize(text);
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut keys = KeyInterner::default();
    for para in paragraph_ranges(&norm.text) {
        let index = paragraphs.len();
        let closing = closing_quotes(text, &norm, para.clone(), lang);
        for sent in sentence_ranges(&norm.text, para.clone(), lang, &closing) {
            let tokens = tokenize(&norm, sent.clone(), &mut keys);
            if tokens.is_empty() {
                continue;
            }
            // Ranges never overlap, even when a composed character straddles a boundary.
            let mut byte_range = norm.original_range(sent);
            let floor = sentences.last().map_or(0, |s: &Sentence| s.byte_range.end);
            byte_range.start = byte_range.start.max(floor);
            if byte_range.start >= byte_range.end {
                continue;
            }
            sentences.push(Sentence {
                paragraph: index,
                byte_range,
                tokens,
            });
        }
        if sentences.last().is_some_and(|s| s.paragraph == index) {
            paragraphs.push(norm.original_range(para));
        }
    }
    (paragraphs, sentences, keys.finish())
}

/// Paragraph ranges in the normalised text (see the module doc for the rules).
fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            lines.push(start..i);
            start = i + 1;
        }
    }
    lines.push(start..text.len());

    let mut out = Vec::new();
    let mut block: Vec<Range<usize>> = Vec::new();
    let flush = |block: &mut Vec<Range<usize>>, out: &mut Vec<Range<usize>>| {
        if block.is_empty() {
            return;
        }
        // A hard-wrapped block has lines of nearly the same length, the wrap width, at most
        // a terminal's width wide.
        let width = block
            .iter()
            .map(|r| char_len(&text[r.clone()]))
            .max()
            .unwrap_or(0);
        let near_full = block[..block.len() - 1]
            .iter()
            .filter(|r| char_len(&text[(*r).clone()]) * 4 >= width * 3)
            .count();
        let hard_wrapped =
            (40..=120).contains(&width) && near_full * 2 >= block.len() - 1 && block.len() > 1;
        let mut para_start = block[0].start;
        for pair in block.windows(2) {
            let (line, next) = (&text[pair[0].clone()], &text[pair[1].clone()]);
            let next_word = next.split(' ').next().map(char_len).unwrap_or(0);
            let ends_sentence = line.trim_end().ends_with(['.', '!', '?', ':', '"']);
            let continues = !ends_sentence && next.chars().next().is_some_and(char::is_lowercase);
            let would_not_fit =
                hard_wrapped && char_len(line) + 1 + next_word > width.saturating_sub(2);
            if !(continues || would_not_fit) {
                out.push(para_start..pair[0].end);
                para_start = pair[1].start;
            }
        }
        if let Some(last) = block.last() {
            out.push(para_start..last.end);
        }
        block.clear();
    };
    for line in lines {
        if text[line.clone()].trim().is_empty() {
            flush(&mut block, &mut out);
        } else {
            block.push(line);
        }
    }
    flush(&mut block, &mut out);
    out
}

/// Byte positions (in the normalised text) of the `"` marks inside `para` that close a quote.
/// Typographic marks tell their direction by language (« » “ ” in French and English; „ “ and
/// » « in German); straight quotes alternate.
fn closing_quotes(original: &str, norm: &Normalized, para: Range<usize>, lang: Lang) -> Vec<usize> {
    let mut out = Vec::new();
    let mut straight_open = false;
    for (i, c) in norm.text[para.clone()].char_indices() {
        if c != '"' {
            continue;
        }
        let at = para.start + i;
        let orig = norm
            .origin
            .get(at)
            .and_then(|&o| original.get(o as usize..))
            .and_then(|s| s.chars().next());
        let closes = match (orig, lang) {
            (Some('»'), Lang::De) | (Some('«'), Lang::Fr | Lang::En | Lang::Unknown) => false,
            (Some('«'), Lang::De) | (Some('»'), _) => true,
            (Some('”'), _) => true,
            (Some('“'), Lang::De) => true,
            (Some('“' | '„'), _) => false,
            _ => {
                straight_open = !straight_open;
                !straight_open
            }
        };
        if closes {
            out.push(at);
        }
    }
    out
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Words after which a period never ends a sentence (titles, units, "Nr.", "Mio.", months).
const NEVER_FINAL_COMMON: &[&str] = &[
    "Dr", "Prof", "St", "Mr", "Mrs", "Ms", "Mt", "Ft", "Gen", "Gov", "Sen", "Rep", "Lt", "Col",
    "Capt", "Sgt", "No", "Nos", "Nr", "vs", "ca", "cf", "approx", "Fig", "pp", "Jan", "Feb", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "e.g", "i.e",
];
const NEVER_FINAL_FR: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Pr", "Ste", "av", "bd", "env", "janv",
    "févr", "avr", "juil", "déc", "hab", "c.-à-d",
];
const NEVER_FINAL_EN: &[&str] = &["Ave", "Blvd", "Rd", "Hon", "Rev", "Pres", "Supt", "Det"];
const NEVER_FINAL_DE: &[&str] = &[
    "Hr", "Hrn", "Fr", "Frl", "bzw", "vgl", "evtl", "ggf", "inkl", "Mio", "Mrd", "Tsd", "Jh",
    "Str", "Tel", "Okt", "Dez", "z.B", "d.h", "u.a", "o.ä", "s.o", "v.a", "Bd", "geb", "gest",
    "Kap", "Ziff", "lt",
];
/// Abbreviations that often end a sentence: a period after them ends one when a capital follows.
/// (Listed so that intent is explicit; they behave like ordinary words.)
#[cfg(test)]
const MAY_END: &[&str] = &["etc", "Inc", "Corp", "Ltd", "Co", "usw", "a.m", "p.m", "Jr"];

fn never_final(word: &str, lang: Lang) -> bool {
    let lists: &[&[&str]] = match lang {
        Lang::Fr => &[NEVER_FINAL_COMMON, NEVER_FINAL_FR],
        Lang::En => &[NEVER_FINAL_COMMON, NEVER_FINAL_EN],
        Lang::De => &[NEVER_FINAL_COMMON, NEVER_FINAL_DE],
        Lang::Unknown => &[
            NEVER_FINAL_COMMON,
            NEVER_FINAL_FR,
            NEVER_FINAL_EN,
            NEVER_FINAL_DE,
        ],
    };
    lists.iter().any(|l| l.contains(&word))
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

fn is_closing(c: char) -> bool {
    matches!(c, '\'' | ')' | ']' | '」' | '』' | '）')
}

/// Can `c` start a sentence? Lower-case letters cannot (« … » a-t-il dit; "? demande-t-il").
fn can_start_sentence(c: char) -> bool {
    (c.is_alphabetic() && !c.is_lowercase())
        || c.is_ascii_digit()
        || matches!(c, '"' | '(' | '[' | '-' | '\'' | '¿' | '¡')
}

/// The word just before byte `dot` (letters, digits, inner dots and hyphens): "U.S", "M", "3".
fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.' || c == '-')
        .last()
        .map_or(dot, |(i, _)| i);
    head[start..].trim_start_matches(['.', '-'])
}

/// Does the period at byte `dot` belong to the word before it rather than end the sentence?
fn period_is_abbreviation(text: &str, para_start: usize, dot: usize, lang: Lang) -> bool {
    let word = word_before(text, dot);
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    let single = chars.next().is_none();
    // Initials and single-letter abbreviations: J. R. R. Tolkien, z. B., d. h. — but not the
    // end of a unit or compound such as km/h.
    let stands_alone = text[..dot - word.len()]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '(' | '[' | '\''));
    if single && first.is_alphabetic() && stands_alone {
        return true;
    }
    // Dotted acronyms: U.S., z.B., e.g.
    if word.contains('.')
        && word
            .split('.')
            .all(|p| char_len(p) <= 2 && p.chars().all(char::is_alphabetic))
        && !word.ends_with("a.m")
        && !word.ends_with("p.m")
    {
        return true;
    }
    // A number at the start of a paragraph is a list marker: "1. Einleitung".
    let word_start = dot - word.len();
    if word.chars().all(|c| c.is_ascii_digit()) {
        if text[para_start..word_start].trim().is_empty() {
            return true;
        }
        // German ordinals: am 3. März, der 20. Jahrhundert.
        if matches!(lang, Lang::De | Lang::Unknown) && word.len() <= 2 {
            return true;
        }
    }
    // "Art. 5", "Abs. 2", "p. 12": abbreviations that are also words count only before a number.
    let next_is_digit = text[dot + 1..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit());
    (next_is_digit && BEFORE_NUMBERS.contains(&word)) || never_final(word, lang)
}

/// Abbreviations that are also ordinary words ("l'art.", "auf diese Art."), so they hold a
/// sentence together only when a number follows.
const BEFORE_NUMBERS: &[&str] = &[
    "Art", "art", "Abs", "S", "p", "ch", "chap", "env", "vol", "Vol", "fig", "no",
];

/// Sentence ranges (trimmed, in the normalised text) inside paragraph `para`.
fn sentence_ranges(
    text: &str,
    para: Range<usize>,
    lang: Lang,
    closing: &[usize],
) -> Vec<Range<usize>> {
    let p = &text[para.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if is_cjk_terminal(c) {
            // CJK full stops end a sentence with no space after them.
            let mut j = i + 1;
            while j < chars.len()
                && (is_cjk_terminal(chars[j].1) || is_closing(chars[j].1) || chars[j].1 == '"')
            {
                j += 1;
            }
            let end = chars.get(j).map_or(p.len(), |&(b, _)| b);
            out.push(start..end);
            start = end;
            i = j;
            continue;
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // The run of terminal marks: "?!", "...".
        let mut j = i;
        while j < chars.len() && is_terminal(chars[j].1) {
            j += 1;
        }
        let run = &p[at..chars.get(j).map_or(p.len(), |&(b, _)| b)];
        // Closing quotes and brackets belong to the sentence they end, even after a space
        // (French: « Nous verrons ! »).
        loop {
            let mut k = j;
            while k < chars.len() && chars[k].1 == ' ' {
                k += 1;
            }
            match chars.get(k) {
                Some(&(b, '"')) if closing.binary_search(&(para.start + b)).is_ok() => j = k + 1,
                Some(&(_, c)) if is_closing(c) && (k == j || c != '\'') => j = k + 1,
                _ => break,
            }
        }
        let end = chars.get(j).map_or(p.len(), |&(b, _)| b);
        // Then at least one space, and a character that can start a sentence.
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let boundary = k > j
            && k < chars.len()
            && can_start_sentence(chars[k].1)
            && !(run == "." && period_is_abbreviation(text, para.start, para.start + at, lang))
            && !(run.starts_with("..") && at > 0 && p[..at].ends_with(['[', '(']));
        if boundary {
            out.push(start..end);
            start = chars[k].0;
        }
        i = j.max(i + 1);
    }
    out.push(start..p.len());
    out.into_iter()
        .filter_map(|r| {
            let s = &p[r.clone()];
            let lead = s.len() - s.trim_start().len();
            let trimmed = s.trim();
            (!trimmed.is_empty()).then(|| {
                let begin = para.start + r.start + lead;
                begin..begin + trimmed.len()
            })
        })
        .collect()
}

/// French elided articles and pronouns: a token ending in one of these plus an apostrophe is
/// split from the word after it.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu",
];

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)) && !is_cjk(c)
}

/// A token before its key is interned.
#[derive(Clone)]
struct RawToken<'a> {
    byte_range: Range<usize>,
    key: Cow<'a, str>,
    kind: TokenKind,
}

/// Tokens of the normalised range `range`, with original byte ranges; their keys go to `keys`.
fn tokenize(norm: &Normalized, range: Range<usize>, keys: &mut KeyInterner) -> Vec<Token> {
    let text = &norm.text;
    let s = &text[range.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let begin = i;
        let kind;
        if c.is_whitespace() {
            i += 1;
            continue;
        } else if is_cjk(c) {
            i += 1;
            kind = TokenKind::Word;
        } else if is_word_char(c) {
            kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let mut segment_len = 0usize;
            i += 1;
            segment_len += 1;
            while let Some(c) = ch(i) {
                let prev = ch(i - 1).unwrap_or(' ');
                let next = ch(i + 1).unwrap_or(' ');
                if is_word_char(c) {
                    i += 1;
                    segment_len += 1;
                } else if c == '-' && is_word_char(prev) && is_word_char(next) {
                    i += 1;
                    segment_len = 0;
                } else if kind == TokenKind::Number
                    && matches!(c, '.' | ',' | ':' | '/')
                    && prev.is_ascii_digit()
                    && next.is_ascii_digit()
                {
                    i += 1;
                } else if kind == TokenKind::Word
                    && c == '.'
                    && segment_len == 1
                    && next.is_alphabetic()
                {
                    // U.S., z.B., a.m.: keep the dotted abbreviation whole, final dot included.
                    i += 1;
                    segment_len = 0;
                    if ch(i + 1) == Some('.') && !ch(i + 2).is_some_and(is_word_char) {
                        i += 2;
                        break;
                    }
                } else if c == '\'' && next.is_alphabetic() {
                    let so_far = s[at(begin)..at(i)].to_lowercase();
                    i += 1;
                    if ELISIONS.contains(&so_far.as_str()) {
                        break;
                    }
                } else {
                    break;
                }
            }
        } else {
            // Punctuation: a run of the same mark ("...", "--") is one token.
            i += 1;
            while ch(i) == Some(c) {
                i += 1;
            }
            kind = TokenKind::Punct;
        }
        let local = at(begin)..at(i);
        let norm_range = range.start + local.start..range.start + local.end;
        tokens.push(RawToken {
            byte_range: norm.original_range(norm_range),
            key: Cow::Borrowed(&s[local]),
            kind,
        });
    }
    let raw = join_spaced_initials(tokens);
    // A new Vec of the exact length: `collect` would reuse the raw tokens' twice-as-large
    // buffer, and these tokens live as long as the version.
    let mut out = Vec::with_capacity(raw.len());
    out.extend(raw.into_iter().map(|t| Token {
        byte_range: t.byte_range,
        key: keys.id(&t.key),
        kind: t.kind,
    }));
    out
}

/// Joins spaced dotted abbreviations and initials into one token whose key has no spaces, so
/// "z. B." = "z.B." and "J. R. R. Tolkien" = "J.R.R. Tolkien" (a typography-only difference).
/// A single initial ("M. Pompeo") stays as it is.
fn join_spaced_initials(tokens: Vec<RawToken<'_>>) -> Vec<RawToken<'_>> {
    let is_letter = |t: &RawToken| t.kind == TokenKind::Word && t.key.chars().count() == 1;
    let is_dot = |t: &RawToken| t.kind == TokenKind::Punct && t.key == ".";
    // Most sentences have no such run: keep their tokens as they are, uncopied.
    let has_run = tokens
        .windows(4)
        .any(|w| is_letter(&w[0]) && is_dot(&w[1]) && is_letter(&w[2]) && is_dot(&w[3]));
    if !has_run {
        return tokens;
    }
    let mut out: Vec<RawToken> = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let mut end = k;
        while end + 1 < tokens.len() && is_letter(&tokens[end]) && is_dot(&tokens[end + 1]) {
            end += 2;
        }
        if end - k >= 4 {
            let key: String = tokens[k..end].iter().map(|t| &*t.key).collect();
            let byte_range = tokens[k].byte_range.start..tokens[end - 1].byte_range.end;
            out.push(RawToken {
                byte_range,
                key: Cow::Owned(key),
                kind: TokenKind::Word,
            });
            k = end;
        } else {
            out.push(tokens[k].clone());
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str, lang: Lang) -> Vec<String> {
        let (_, s, _) = segment(text, lang);
        s.iter()
            .map(|s| text[s.byte_range.clone()].to_string())
            .collect()
    }

    fn keys(text: &str) -> Vec<String> {
        let (_, s, keys) = segment(text, Lang::Fr);
        s.iter()
            .flat_map(|s| s.tokens.iter().map(|t| keys.get(t.key).to_string()))
            .collect()
    }

    #[test]
    fn french_sentences() {
        let cases: &[(&str, &[&str])] = &[
            (
                "M. Pompeo a parlé à Fox News. Mme Dupont et MM. Martin ont répondu.",
                &[
                    "M. Pompeo a parlé à Fox News.",
                    "Mme Dupont et MM. Martin ont répondu.",
                ],
            ),
            (
                "« Nous verrons ! » a-t-il dit. Le président a refusé.",
                &["« Nous verrons ! » a-t-il dit.", "Le président a refusé."],
            ),
            (
                "« C’est une bonne nouvelle. » Microsoft n’a pas commenté.",
                &[
                    "« C’est une bonne nouvelle. »",
                    "Microsoft n’a pas commenté.",
                ],
            ),
            (
                "La hausse atteint 12,5 % en 2020. Elle était de 1,5 point.",
                &[
                    "La hausse atteint 12,5 % en 2020.",
                    "Elle était de 1,5 point.",
                ],
            ),
            (
                "Pourquoi ? demande-t-il. Parce que… Le reste suit.",
                &["Pourquoi ? demande-t-il.", "Parce que…", "Le reste suit."],
            ),
            (
                "Il cite des exemples, etc. Puis il part.",
                &["Il cite des exemples, etc.", "Puis il part."],
            ),
            (
                "Selon lui […] Rien ne change.",
                &["Selon lui […] Rien ne change."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(sentences(text, Lang::Fr), *want, "{text}");
        }
    }

    #[test]
    fn english_sentences() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Dr. Smith met U.S. officials in St. Louis. They left.",
                &["Dr. Smith met U.S. officials in St. Louis.", "They left."],
            ),
            (
                "J. R. R. Tolkien wrote it. It sold 3,700 copies at $1.5 each.",
                &[
                    "J. R. R. Tolkien wrote it.",
                    "It sold 3,700 copies at $1.5 each.",
                ],
            ),
            (
                "“We will rebuild,” Mayor Novak said. “It is hard.” Crews worked.",
                &[
                    "“We will rebuild,” Mayor Novak said.",
                    "“It is hard.”",
                    "Crews worked.",
                ],
            ),
            (
                "Shares of Acme Inc. fell. Acme Corp. said no. Why? Nobody knows!",
                &[
                    "Shares of Acme Inc. fell.",
                    "Acme Corp. said no.",
                    "Why?",
                    "Nobody knows!",
                ],
            ),
            (
                "The storm hit at 6:40 a.m. Residents fled.",
                &["The storm hit at 6:40 a.m.", "Residents fled."],
            ),
            (
                "It was No. 5 on the list. Then.",
                &["It was No. 5 on the list.", "Then."],
            ),
            (
                "Winds reached 120 km/h. Trees fell.",
                &["Winds reached 120 km/h.", "Trees fell."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(sentences(text, Lang::En), *want, "{text}");
        }
    }

    #[test]
    fn german_sentences() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Am 3. März wurden z. B. 3.700 Dosen zurückgerufen. Der Schaden: 5 Mio. Euro.",
                &[
                    "Am 3. März wurden z. B. 3.700 Dosen zurückgerufen.",
                    "Der Schaden: 5 Mio. Euro.",
                ],
            ),
            (
                "„Wir prüfen das“, sagte Dr. Weber. Die Firma Nr. 1 schweigt.",
                &[
                    "„Wir prüfen das“, sagte Dr. Weber.",
                    "Die Firma Nr. 1 schweigt.",
                ],
            ),
            (
                "Der Kurs fiel um 12,5 Prozent. Im 20. Jahrhundert war das anders.",
                &[
                    "Der Kurs fiel um 12,5 Prozent.",
                    "Im 20. Jahrhundert war das anders.",
                ],
            ),
            ("Es kam 2019. Dann 2020.", &["Es kam 2019.", "Dann 2020."]),
            (
                "Nach Art. 5 Abs. 2 gilt das. Auf diese Art. Die Frist endet.",
                &[
                    "Nach Art. 5 Abs. 2 gilt das.",
                    "Auf diese Art.",
                    "Die Frist endet.",
                ],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(sentences(text, Lang::De), *want, "{text}");
        }
    }

    #[test]
    fn may_end_abbreviations_end_sentences_before_a_capital() {
        for abbr in MAY_END {
            let text = format!("They named {abbr}. Then they left.");
            assert_eq!(sentences(&text, Lang::En).len(), 2, "{text}");
        }
    }

    #[test]
    fn a_combining_mark_after_a_full_stop_keeps_sentences_apart() {
        let text = "e\u{301}微软。\u{1cf00}";
        let (_, s, _) = segment(text, Lang::Unknown);
        for pair in s.windows(2) {
            assert!(pair[0].byte_range.end <= pair[1].byte_range.start, "{s:?}");
        }
    }

    #[test]
    fn cjk_sentences_split_without_spaces() {
        assert_eq!(
            sentences("微软正在洽谈。字节跳动拒绝评论！", Lang::Unknown),
            ["微软正在洽谈。", "字节跳动拒绝评论！"]
        );
    }

    #[test]
    fn titles_and_paragraphs() {
        let text = "Microsoft veut Tiktok\n\nPremier paragraphe. Deuxième phrase.\nUn intertitre\nSuite du texte.";
        let (paras, s, _) = segment(text, Lang::Fr);
        assert_eq!(paras.len(), 4);
        assert_eq!(s.len(), 5);
        assert_eq!(&text[s[0].byte_range.clone()], "Microsoft veut Tiktok");
        assert_eq!(s[3].paragraph, 2);
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let text = "The storm hit the town of Harwick early on Sunday, tearing roofs\n\
                    off houses and leaving 2,400 households without power, officials\n\
                    said.\nA short line\nAnother paragraph.";
        let (paras, s, _) = segment(text, Lang::En);
        assert_eq!(paras.len(), 3, "{paras:?}");
        assert!(text[s[0].byte_range.clone()].ends_with("officials\nsaid."));
    }

    #[test]
    fn tokens_split_elisions_and_keep_numbers_and_compounds() {
        assert_eq!(
            keys("l’Inde d’utilisateurs"),
            ["l'", "Inde", "d'", "utilisateurs"]
        );
        assert_eq!(
            keys("Nouvelle-Zélande, a-t-il"),
            ["Nouvelle-Zélande", ",", "a-t-il"]
        );
        assert_eq!(
            keys("12,5 % 3.700 2020-08 6:40"),
            ["12,5", "%", "3.700", "2020-08", "6:40"]
        );
        assert_eq!(keys("U.S. Trump's"), ["U.S.", "Trump's"]);
        assert_eq!(
            keys("z. B. z.B. J. R. R. Tolkien M. Pompeo"),
            ["z.B.", "z.B.", "J.R.R.", "Tolkien", "M", ".", "Pompeo"]
        );
        assert_eq!(keys("« Oui… »"), ["\"", "Oui", "...", "\""]);
    }

    #[test]
    fn typography_only_variants_give_identical_keys() {
        let a = "Microsoft n’a pas le choix : « Nous vendrons », dit-il.";
        let b = "Microsoft n'a pas le choix: \"Nous vendrons\", dit-il.";
        assert_eq!(keys(a), keys(b));
    }

    #[test]
    fn token_ranges_point_into_the_original() {
        let text = "L’Inde a dit «\u{202F}non\u{202F}» à 12,5\u{00A0}%.";
        let (_, s, _) = segment(text, Lang::Fr);
        let shown: Vec<&str> = s[0]
            .tokens
            .iter()
            .map(|t| &text[t.byte_range.clone()])
            .collect();
        assert_eq!(
            shown,
            [
                "L’", "Inde", "a", "dit", "«", "non", "»", "à", "12,5", "%", "."
            ]
        );
    }
}
