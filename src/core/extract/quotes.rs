//! Stage 5 (extract): quotations and who said them.
//!
//! In: one normalised paragraph (see [`crate::core::normalize`]): every typographic quote mark
//! (« » “ ” „ ‟ ‹ ›) is already a straight `"`, apostrophes are `'`, dashes `-`, spaces single.
//! Out: one [`QuoteMatch`] per quotation, with the byte range of the quoted words and, when the
//! paragraph says so, the byte range of the speaker ("Mike Pompeo", "ein Sprecher des
//! Unternehmens") or a flag saying the speaker is a pronoun ("a-t-il dit", "he said").
//!
//! Since normalisation erased the difference between « and », or „ and “, the direction of each
//! `"` is read from its neighbours, the marks are paired left to right like brackets, and only
//! the outermost pairs are reported: the nested “assez” inside « … » stays part of the outer
//! quote. A pair holding fewer than three words is a scare quote or a title (`"assez"`,
//! `"Valsocor"`), not a quotation. Unbalanced marks are skipped rather than paired with a mark
//! far away.
//!
//! Speakers are found next to the quote in the same paragraph, after it
//! (`", a déclaré Mike Pompeo.`, `," Mayor Jane Novak said`, `", sagte ein Sprecher`) or before
//! it (`Novak said: "`, `Selon M. Pompeo, "`, `Laut Brandt "`), from lists of speech verbs in
//! the tenses news agencies use.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::QuoteMatch;
use crate::core::document::Lang;

/// Finds the quotations in one normalised paragraph, with their speakers.
///
/// Quotes are returned in text order and never overlap. A quote's range leaves out the quote
/// marks, the padding spaces French puts inside « », and the punctuation that belongs to the
/// sentence around it (`"X," he said` and `He said: "X."` both give `X`).
///
/// ```
/// use factdiff::core::document::Lang;
/// use factdiff::core::extract::quotes::find_quotes;
///
/// let text = r#"" Nous n'avons pas l'intention de partir ", a assuré samedi Vanessa Pappas."#;
/// let quotes = find_quotes(text, Lang::Fr);
/// assert_eq!(quotes.len(), 1);
/// assert_eq!(&text[quotes[0].range.clone()], "Nous n'avons pas l'intention de partir");
/// let speaker = quotes[0].speaker.clone().map(|r| &text[r]);
/// assert_eq!(speaker, Some("Vanessa Pappas"));
/// ```
pub fn find_quotes(text: &str, lang: Lang) -> Vec<QuoteMatch> {
    let pairs = outermost(pair_marks(&classify_marks(text)));
    if pairs.is_empty() {
        return Vec::new();
    }
    let toks = tokenize(text);
    let mut quotes = Vec::new();
    for (open, close) in pairs {
        let Some(range) = quote_range(text, open, close) else {
            continue;
        };
        let Some(inner) = text.get(range.clone()) else {
            continue;
        };
        if word_count(inner) < MIN_QUOTE_WORDS {
            continue;
        }
        let after_start = toks.partition_point(|t| t.range.start <= close);
        let before_end = toks.partition_point(|t| t.range.end <= open);
        let after = toks.get(after_start..).unwrap_or_default();
        let before = toks.get(..before_end).unwrap_or_default();
        let ends_sentence = text
            .get(open + 1..close)
            .map(str::trim_end)
            .is_some_and(|s| s.ends_with('.') && !s.ends_with(".."));
        let who = attribute(after, before, lang, ends_sentence);
        if who.is_none() && looks_like_title(inner) {
            continue;
        }
        quotes.push(QuoteMatch {
            range,
            speaker: match &who {
                Some(Who::Span(r)) => Some(r.clone()),
                _ => None,
            },
            speaker_is_pronoun: who == Some(Who::Pronoun),
        });
    }
    quotes
}

/// A quotation needs at least this many words; fewer is a scare quote or a title.
const MIN_QUOTE_WORDS: usize = 3;

// ---------------------------------------------------------------------------------------------
// Quote marks.

/// What a straight `"` can be, judged from the characters around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mark {
    at: usize,
    can_open: bool,
    can_close: bool,
    /// A space follows the mark: French « with its inner space.
    padded: bool,
}

fn classify_marks(text: &str) -> Vec<Mark> {
    text.match_indices('"')
        .map(|(at, _)| {
            let before = text.get(..at).unwrap_or_default();
            let after = text.get(at + 1..).unwrap_or_default();
            Mark {
                at,
                can_open: can_open(before, after),
                can_close: can_close(before, after),
                padded: after.starts_with(char::is_whitespace),
            }
        })
        .collect()
}

/// An opening mark follows the start, a space, `(` or `:`, and precedes a word, or a space and a
/// word (French « with its inner space).
///
/// Opens: `dit : "Nous`, `" Nous verrons`, `("we`. Does not open: `chests,"`, `problème ",`,
/// `dit"assez`.
fn can_open(before: &str, after: &str) -> bool {
    let prev_ok = match before.chars().next_back() {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | ':'),
    };
    prev_ok
        && (starts_content(after)
            || after
                .strip_prefix(char::is_whitespace)
                .is_some_and(starts_content))
}

/// A closing mark follows a non-space (or a space after a word or sentence punctuation, for
/// French » with its inner space) and precedes a space, punctuation or the end.
///
/// Closes: `chests," Reyes`, `problème ", a`, `assez",`, `partir"`. Does not close: `"We`,
/// `dit : " Nous` (a space after a colon), `a"b`.
fn can_close(before: &str, after: &str) -> bool {
    let next_ok = match after.chars().next() {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '-' | '"' | '\''
                )
        }
    };
    let mut rev = before.chars().rev();
    let prev_ok = match rev.next() {
        None => false,
        Some(c) if c.is_whitespace() => rev.next().is_some_and(|c| {
            c.is_alphanumeric() || matches!(c, '.' | '!' | '?' | ')' | ']' | '\'' | '"' | '%')
        }),
        Some(c) => !matches!(c, '(' | '[' | '{'),
    };
    next_ok && prev_ok
}

/// Text a quotation can start with: a word, a number, `(`, `'`, `-5`, `...`.
fn starts_content(s: &str) -> bool {
    s.starts_with("...")
        || s.chars().next().is_some_and(|c| {
            c.is_alphanumeric() || matches!(c, '\'' | '(' | '[' | '-' | '¿' | '¡' | '$' | '€' | '£')
        })
}

/// Pairs marks left to right like brackets. A closing mark with nothing open, and an opening
/// mark never closed, are dropped.
///
/// A mark with spaces on both sides (` " `) could open or close a French « … ». It closes only
/// a quote opened the same way (` " Nous`), so a stray `"Nous` earlier in the paragraph does
/// not pair with it and swallow the text between.
fn pair_marks(marks: &[Mark]) -> Vec<(usize, usize)> {
    let mut open: Vec<&Mark> = Vec::new();
    let mut pairs = Vec::new();
    for mark in marks {
        let closes = mark.can_close
            && (!mark.can_open || open.last().is_some_and(|o| o.padded || !mark.padded));
        if closes {
            if let Some(start) = open.pop() {
                pairs.push((start.at, mark.at));
            }
        } else if mark.can_open {
            open.push(mark);
        }
    }
    pairs
}

/// Keeps the pairs that no other pair contains. Pairs made by [`pair_marks`] nest or are
/// disjoint, so after sorting by start a pair is nested exactly when it starts before the last
/// kept pair ends.
fn outermost(mut pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    pairs.sort_unstable();
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (open, close) in pairs {
        if kept.last().is_none_or(|&(_, end)| open > end) {
            kept.push((open, close));
        }
    }
    kept
}

/// The quoted words between two marks: inner spaces, and the `,` `;` `:` or final `.` that
/// punctuate the surrounding sentence, are left out. A final `...`, `?`, `!` or the dot of an
/// abbreviation (`U.S.`) stays.
fn quote_range(text: &str, open: usize, close: usize) -> Option<Range<usize>> {
    let inner = text.get(open + 1..close)?;
    let lead = inner.len() - inner.trim_start().len();
    let mut s = inner.trim();
    loop {
        let trimmed = s.trim_end_matches([',', ';', ':']).trim_end();
        if trimmed.len() == s.len() {
            break;
        }
        s = trimmed;
    }
    if let Some(head) = s.strip_suffix('.') {
        let last_word = head.rsplit(char::is_whitespace).next().unwrap_or_default();
        let abbreviation = head.ends_with('.') || last_word.contains('.') || is_initial(last_word);
        if !abbreviation {
            s = head.trim_end();
        }
    }
    let start = open + 1 + lead;
    Some(start..start + s.len())
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Words: whitespace-separated pieces holding a letter or digit.
fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A title in title case ("The Old Man and the Sea", "Die Zeit der Helden"): every word
/// capitalised or a short function word, no sentence punctuation. Only used when no speaker
/// was found.
///
/// Title: `The Lord of the Rings`. Not a title: `We will rebuild this town`.
fn looks_like_title(s: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "de", "du",
        "des", "la", "le", "les", "et", "à", "au", "der", "die", "das", "und", "von", "im", "am",
    ];
    if s.contains(['.', ',', ';', ':', '!', '?']) {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let first_upper = words
        .first()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    first_upper
        && words.len() <= 10
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || SMALL.contains(&w.to_lowercase().as_str())
        })
}

// ---------------------------------------------------------------------------------------------
// Tokens for attribution.

/// A word or a punctuation mark of the paragraph, with its byte range.
#[derive(Clone, Debug)]
struct Tok<'a> {
    range: Range<usize>,
    text: &'a str,
    /// The text in lower case.
    lower: Cow<'a, str>,
    /// Holds a letter or digit; otherwise the token is punctuation.
    word: bool,
}

/// Splits a paragraph at spaces, then peels punctuation off each piece: leading `"` `(` `:` and
/// trailing `"` `,` `;` `:` `!` `?` `)` and `.`, except the dot of an abbreviation (`M.`,
/// `Dr.`, `U.S.`), which stays with its word.
fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut start = None;
    let ends = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    for (i, c) in ends {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                push_piece(text, s, i, &mut toks);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    toks
}

fn push_piece<'a>(text: &'a str, mut start: usize, mut end: usize, toks: &mut Vec<Tok<'a>>) {
    while let Some(c) = text.get(start..end).and_then(|p| p.chars().next()) {
        if !matches!(c, '"' | '(' | '[' | '{' | ':') {
            break;
        }
        push_tok(text, start..start + c.len_utf8(), toks);
        start += c.len_utf8();
    }
    let mut tail = Vec::new();
    while let Some(core) = text.get(start..end) {
        let Some(c) = core.chars().next_back() else {
            break;
        };
        let peel = match c {
            '"' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' => true,
            '.' => !is_abbreviation(core.get(..core.len() - 1).unwrap_or_default()),
            _ => false,
        };
        if !peel {
            break;
        }
        end -= c.len_utf8();
        tail.push(end..end + c.len_utf8());
    }
    if start < end {
        push_tok(text, start..end, toks);
    }
    for range in tail.into_iter().rev() {
        push_tok(text, range, toks);
    }
}

fn push_tok<'a>(text: &'a str, range: Range<usize>, toks: &mut Vec<Tok<'a>>) {
    if let Some(s) = text.get(range.clone()) {
        // Most words are in lower case already: borrowed, not copied.
        let lower = if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(s.to_lowercase())
        };
        toks.push(Tok {
            range,
            text: s,
            lower,
            word: s.chars().any(char::is_alphanumeric),
        });
    }
}

/// The part of a word before a final dot is an abbreviation: an initial (`R`), dotted letters
/// (`U.S`, `a.m`, `z.B`) or a listed title or company suffix (`Dr`, `Corp`).
///
/// Abbreviation: `M` (of `M.`), `U.S`. Not: `Pompeo`, `bien..`.
fn is_abbreviation(core: &str) -> bool {
    const LIST: &[&str] = &[
        "m", "mm", "mme", "mlle", "dr", "mr", "mrs", "ms", "prof", "pr", "st", "gen", "gov", "sen",
        "rep", "sgt", "lt", "col", "capt", "rev", "jr", "sr", "corp", "inc", "ltd", "co", "nr",
        "no", "vs", "bzw", "ca", "hr", "fr",
    ];
    if is_initial(core) || LIST.contains(&core.to_lowercase().as_str()) {
        return true;
    }
    core.contains('.')
        && core
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 3 && p.chars().all(char::is_alphabetic))
}

fn span(toks: &[Tok]) -> Option<Range<usize>> {
    Some(toks.first()?.range.start..toks.last()?.range.end)
}

// ---------------------------------------------------------------------------------------------
// Word lists.

/// Regular French -er verbs of speech, as stems: `déclar` gives déclaré, déclare, déclarent,
/// déclarait, déclaraient, déclara.
const FR_ER_STEMS: &[&str] = &[
    "déclar", "affirm", "ajout", "estim", "soulign", "précis", "expliqu", "racont", "lanc",
    "déplor", "assur", "indiqu", "annonc", "confi", "insist", "comment", "confirm", "not",
    "observ", "dénonc", "résum", "lâch", "gliss", "tranch", "ironis", "témoign", "avanc", "plaid",
    "protest", "souhait", "analys", "détaill", "tweet", "avou", "fustig", "salu", "nuanc",
    "rétorqu", "regrett", "martel", "rapport", "interrog", "lanc", "tempêt", "exhort",
];

/// French finite speech verbs that the stems do not generate.
#[rustfmt::skip]
const FR_FINITE_EXTRA: &[&str] = &[
    "dit", "disent", "disait", "disaient", "prévient", "préviennent", "prévenait", "avertit",
    "avertissait", "répond", "répondent", "répondait", "reconnaît", "reconnait", "reconnaissait",
    "poursuit", "poursuivait", "conclut", "concluait", "écrit", "écrivait", "admet", "admettait",
    "promet", "promettait", "réagit", "réagissait", "rappelle", "rappelait", "rappela", "répète",
    "répétait", "martèle", "relève", "relevait", "renchérit", "concède", "lançait", "lança",
    "s'exclame", "s'insurge", "s'inquiète", "s'indigne", "s'agace", "s'emporte", "s'étonne",
    "s'interroge", "tonne", "tonnait",
];

/// French past participles of speech verbs that the stems do not generate (used after `a`,
/// `avait`, `s'est`).
#[rustfmt::skip]
const FR_PP_EXTRA: &[&str] = &[
    "dit", "prévenu", "averti", "répondu", "reconnu", "poursuivi", "conclu", "écrit", "admis",
    "promis", "réagi", "rappelé", "répété", "relevé", "renchéri", "concédé", "tonné", "exclamé",
    "félicité", "insurgé", "inquiété", "indigné", "agacé", "emporté", "étonné", "défendu",
    "justifié", "réjoui", "alarmé",
];

static FR_FINITE: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set: HashSet<String> = FR_ER_STEMS
        .iter()
        .flat_map(|s| ["e", "ent", "ait", "aient", "a"].map(|e| format!("{s}{e}")))
        .collect();
    set.extend(FR_FINITE_EXTRA.iter().map(|s| (*s).to_owned()));
    with_unaccented(set)
});

static FR_PP: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set: HashSet<String> = FR_ER_STEMS.iter().map(|s| format!("{s}é")).collect();
    set.extend(FR_PP_EXTRA.iter().map(|s| (*s).to_owned()));
    with_unaccented(set)
});

/// Adds the forms written without accents (`declare`, `precise`), as in text typed on a
/// keyboard without them.
fn with_unaccented(mut set: HashSet<String>) -> HashSet<String> {
    let plain: Vec<String> = set
        .iter()
        .map(|w| {
            w.chars()
                .map(|c| match c {
                    'é' | 'è' | 'ê' => 'e',
                    'â' => 'a',
                    'î' => 'i',
                    'ô' => 'o',
                    'û' => 'u',
                    'ç' => 'c',
                    c => c,
                })
                .collect()
        })
        .collect();
    set.extend(plain);
    set
}

/// French auxiliaries before a past participle: `a déclaré`, `avait dit`, `s'est félicité`.
#[rustfmt::skip]
const FR_AUX: &[&str] = &[
    "a", "avait", "aurait", "ont", "avaient", "auraient", "s'est", "s'était", "s'étaient",
];

/// A French verb inverted with its subject pronoun: `a-t-il` (then a participle), `dit-il`,
/// `ajoute-t-elle`, `déclarent-ils`. Group 1 is the verb.
///
/// Matches: `ajoute-t-elle`, `a-t-il`. Does not match: `peut-être`, `Jean-Pierre`, `dit`.
static FR_INVERTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Ll}[\p{Ll}']*?)(?:-t)?-(?:il|elle|ils|elles|on)$").expect("static regex")
});

/// English verbs of speech, in the forms reporters use after or before a quote.
#[rustfmt::skip]
const EN_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "stated", "states", "explained", "explains",
    "wrote", "writes", "tweeted", "tweets", "posted", "warned", "warns", "insisted", "insists",
    "acknowledged", "acknowledges", "noted", "notes", "recalled", "recalls", "continued",
    "continues", "argued", "argues", "claimed", "claims", "announced", "announces", "declared",
    "declares", "confirmed", "confirms", "admitted", "admits", "asked", "asks", "replied",
    "replies", "responded", "stressed", "stresses", "cautioned", "remarked", "conceded", "concedes",
    "predicted", "promised", "vowed", "vows", "urged", "urges", "pleaded", "joked", "recounted",
    "emphasized", "emphasised", "observed", "agreed", "countered", "complained", "boasted",
    "shouted", "testified", "reiterated", "suggested", "wondered", "concluded", "cried", "yelled",
];

/// English words between a speaker and the verb: `Novak later said`, `the mayor has said`.
#[rustfmt::skip]
const EN_AUX: &[&str] = &[
    "has", "had", "have", "would", "will", "also", "later", "then", "again", "earlier",
    "previously", "once", "repeatedly", "recently", "simply", "only",
];

/// German verbs of speech (finite, verb-second forms), including the first half of separable
/// verbs (`fügte … hinzu`, `teilte … mit`, `kündigte … an`).
#[rustfmt::skip]
const DE_VERBS: &[&str] = &[
    "sagte", "sagt", "sagten", "erklärte", "erklärt", "erklärten", "betonte", "betont", "betonten",
    "meinte", "meint", "warnte", "warnt", "berichtete", "berichtet", "ergänzte", "ergänzt", "fügte",
    "fügt", "teilte", "teilt", "kündigte", "kündigt", "erläuterte", "erläutert", "bekräftigte",
    "versicherte", "versichert", "kritisierte", "räumte", "sprach", "schrieb", "schreibt",
    "twitterte", "unterstrich", "mahnte", "forderte", "fordert", "bestätigte", "bestätigt",
    "verkündete", "stellte", "hob", "fuhr", "antwortete", "resümierte", "beteuerte", "rief",
    "meldete", "hieß",
];

/// German words standing alone after a quote as "according to": `", so der Sprecher`.
const DE_AFTER_ONLY: &[&str] = &["so", "laut"];

/// German separable-verb particles and auxiliaries around a speaker before a quote:
/// `Brandt fügte hinzu:`, `Hollmann hat gesagt:`.
const DE_PARTICLES: &[&str] = &[
    "hinzu", "mit", "an", "ein", "fort", "hervor", "klar", "hat", "hatte", "habe",
];

/// Time words and adverbs that may sit between a verb and its speaker:
/// `a assuré samedi Vanessa Pappas`, `sagte am Montag ein Sprecher`.
#[rustfmt::skip]
const FR_ADVERBS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "soir", "matin",
    "après-midi", "dernier", "hier", "aujourd'hui", "encore", "aussi", "également", "ensuite",
    "alors", "d'ailleurs", "toutefois", "cependant", "pourtant", "récemment", "enfin", "notamment",
    "simplement", "sobrement", "déjà", "lui-même", "elle-même", "plus", "tard",
];
#[rustfmt::skip]
const EN_ADVERBS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "also", "later",
    "then", "again", "earlier", "previously", "once", "recently", "simply", "yesterday", "today",
];
#[rustfmt::skip]
const DE_ADVERBS: &[&str] = &[
    "gestern", "heute", "zudem", "auch", "später", "weiter", "außerdem", "dazu", "noch", "bereits",
    "nun", "jetzt", "damals", "ebenfalls", "erneut", "abschließend", "wörtlich", "dann",
    "daraufhin", "morgens", "abends", "selbst",
];

const FR_PRONOUNS: &[&str] = &["il", "elle", "ils", "elles", "on"];
const EN_PRONOUNS: &[&str] = &["he", "she", "they", "it", "we"];
const DE_PRONOUNS: &[&str] = &["er", "sie"];

const FR_DETS: &[&str] = &[
    "le", "la", "les", "un", "une", "des", "son", "sa", "ses", "leur", "leurs", "cette",
];
const EN_DETS: &[&str] = &["the", "a", "an", "his", "her", "its", "their", "our", "one"];
const DE_DETS: &[&str] = &[
    "der", "die", "das", "ein", "eine", "einer", "eines", "dem", "den", "des", "sein", "seine",
    "ihr", "ihre",
];

/// Words that end a role phrase: prepositions, conjunctions, relative pronouns.
const FR_STOPS: &[&str] = &[
    "dans", "à", "au", "aux", "lors", "sur", "pour", "par", "en", "avec", "selon", "après",
    "avant", "devant", "depuis", "et", "mais", "qui", "que", "qu'", "ou", "ce", "est", "était",
    "lui", "sous", "contre", "vers", "chez", "puis",
];
const EN_STOPS: &[&str] = &[
    "at", "in", "on", "to", "during", "after", "before", "with", "from", "and", "but", "who",
    "that", "which", "as", "while", "by", "was", "is", "were", "are", "in", "into", "about",
    "when", "because", "if",
];
#[rustfmt::skip]
const DE_STOPS: &[&str] = &[
    "bei", "in", "im", "am", "an", "auf", "mit", "nach", "vor", "und", "aber", "oder", "dass",
    "der", "die", "das", "zu", "zum", "zur", "für", "gegenüber", "wie", "als", "es",
];

/// English group nouns that name a speaker without an article: `," police said`.
#[rustfmt::skip]
const EN_GROUPS: &[&str] = &[
    "police", "officials", "authorities", "investigators", "witnesses", "residents", "prosecutors",
    "doctors", "experts", "analysts", "organizers", "organisers", "rescuers", "firefighters",
    "scientists", "economists", "researchers", "sources", "officers", "paramedics", "forecasters",
    "lawyers", "critics", "protesters", "neighbours", "neighbors",
];

/// Titles and role words kept out of a speaker's span when a name follows:
/// `Mayor Jane Novak` → `Jane Novak`, `M. Pompeo` → `Pompeo`.
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "m.", "mm.", "mme", "mme.", "mlle", "me", "dr", "dr.", "pr", "pr.", "mr", "mr.", "mrs", "mrs.",
    "ms", "ms.", "prof", "prof.", "gen.", "gov.", "sen.", "rep.", "sgt.", "lt.", "col.", "capt.",
    "rev.", "herr", "frau", "sir", "mayor", "president", "premier", "governor", "senator",
    "minister", "secretary", "chief", "spokesperson", "spokesman", "spokeswoman", "director",
    "chairman", "chairwoman", "chair", "ceo", "cfo", "officer", "commissioner", "sheriff",
    "sergeant", "captain", "judge", "prime", "detective", "professor", "doctor", "coach",
    "inspector", "superintendent", "chancellor", "ambassador", "representative", "congressman",
    "congresswoman", "councillor", "councilor", "lieutenant", "general", "colonel", "founder",
    "manager", "executive", "head", "leader", "pope", "king", "queen", "prince", "princess",
    "président", "présidente", "ministre", "maire", "porte-parole", "directeur", "directrice",
    "secrétaire", "générale", "chef", "cheffe", "patron", "patronne", "pdg", "sénateur",
    "sénatrice", "député", "députée", "juge", "procureur", "procureure", "commissaire",
    "professeur", "docteur", "ambassadeur", "ambassadrice", "gouverneur", "fondateur", "fondatrice",
    "vorsitzende", "vorsitzender", "abgeordnete", "abgeordneter", "staatsanwalt", "staatsanwältin",
    "landrat", "landrätin",
];

/// German role nouns are compounds: `Landesumweltministerin`, `Betriebsratschef`,
/// `Firmengründer`, so they are recognised by their ending.
#[rustfmt::skip]
const DE_ROLE_SUFFIXES: &[&str] = &[
    "minister", "ministerin", "sprecher", "sprecherin", "meister", "meisterin", "präsident",
    "präsidentin", "chef", "chefin", "kanzler", "kanzlerin", "direktor", "direktorin", "leiter",
    "leiterin", "gründer", "gründerin", "sekretär", "sekretärin", "senator", "senatorin",
];

/// Capitalised words that cannot be part of a name: weekdays, and prepositions, conjunctions
/// and adverbs written with a capital at the start of a sentence.
#[rustfmt::skip]
const CAP_STOPS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag", "selon", "according", "laut", "dans", "sur",
    "pour", "après", "avant", "mais", "et", "en", "à", "au", "aux", "puis", "alors", "ainsi", "in",
    "on", "at", "but", "and", "after", "before", "for", "with", "when", "then", "also", "am", "im",
    "mit", "bei", "nach", "vor", "seit", "aber", "und", "dazu", "dann", "zudem", "auch", "wie",
    "so", "i",
];

/// Lowercase name particles: `von`, `de`, `bin`. `der`, `den`, `la` only follow another one
/// (`van der`, `von der`, `de la`), so `Klaus Weber der Zeitung` is not one name.
const PARTICLES: &[&str] = &[
    "de", "du", "von", "van", "zu", "da", "di", "del", "della", "dos", "bin", "ben", "ibn", "al",
    "el", "ter", "ten",
];
const SECOND_PARTICLES: &[&str] = &["der", "den", "dem", "la", "le"];

fn langs(lang: Lang) -> &'static [Lang] {
    match lang {
        Lang::Fr => &[Lang::Fr],
        Lang::En => &[Lang::En],
        Lang::De => &[Lang::De],
        Lang::Unknown => &[Lang::Fr, Lang::En, Lang::De],
    }
}

fn is_pronoun(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => FR_PRONOUNS.contains(&word),
        Lang::En => EN_PRONOUNS.contains(&word),
        Lang::De | Lang::Unknown => DE_PRONOUNS.contains(&word),
    }
}

fn is_det(tok: &Tok, lang: Lang) -> bool {
    let w = tok.lower.as_ref();
    match lang {
        Lang::Fr => FR_DETS.contains(&w) || elided_article(w, "l'"),
        Lang::En => EN_DETS.contains(&w),
        Lang::De | Lang::Unknown => DE_DETS.contains(&w),
    }
}

/// `l'entreprise`, `d'État`: an elided article or preposition glued to its noun.
fn elided_article(word: &str, prefix: &str) -> bool {
    word.strip_prefix(prefix)
        .is_some_and(|rest| rest.chars().next().is_some_and(char::is_alphabetic))
}

fn is_adverb(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => FR_ADVERBS.contains(&word),
        Lang::En => EN_ADVERBS.contains(&word),
        Lang::De | Lang::Unknown => DE_ADVERBS.contains(&word),
    }
}

fn is_stop(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => FR_STOPS.contains(&word) || FR_AUX.contains(&word),
        Lang::En => EN_STOPS.contains(&word) || EN_AUX.contains(&word),
        Lang::De | Lang::Unknown => DE_STOPS.contains(&word),
    }
}

/// A verb of speech that can introduce or follow a quote (for French, a finite form or a
/// past participle).
fn is_speech_verb(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => FR_FINITE.contains(word) || FR_PP.contains(word),
        Lang::En => EN_VERBS.contains(&word),
        Lang::De | Lang::Unknown => DE_VERBS.contains(&word),
    }
}

/// The verb inside an inverted French form (`ajoute` in `ajoute-t-elle`), if it is one.
fn fr_inverted(word: &str) -> Option<&str> {
    FR_INVERTED
        .captures(word)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

/// Skips time words and adverbs from `i` on; `ce matin` and `am Montag` count as one.
fn skip_adverbs(toks: &[Tok], mut i: usize, lang: Lang) -> usize {
    for _ in 0..4 {
        let Some(t) = toks.get(i) else { break };
        let w = t.lower.as_ref();
        let pair = match lang {
            Lang::Fr => w == "ce" || w == "cette",
            Lang::De | Lang::Unknown => w == "am" || w == "im",
            Lang::En => w == "on" && toks.get(i + 1).is_some_and(|n| is_adverb(&n.lower, lang)),
        };
        if t.word && pair && toks.get(i + 1).is_some_and(|n| n.word) {
            i += 2;
        } else if t.word && is_adverb(w, lang) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

// ---------------------------------------------------------------------------------------------
// Speakers.

/// Who said a quote, as the text gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Who {
    /// A name or a role phrase, as a byte range of the paragraph.
    Span(Range<usize>),
    /// `il`, `he`, `sie`: the caller resolves it.
    Pronoun,
}

/// Tries the text after the quote first, then the text before it, in each possible language.
fn attribute(after: &[Tok], before: &[Tok], lang: Lang, ends_sentence: bool) -> Option<Who> {
    // `"We are done." The mayor left.`: a quote ending its own sentence takes no speaker after
    // it, unless a comma follows (`« … . », a-t-il dit`).
    let after_allowed = !ends_sentence || after.first().is_some_and(|t| t.text == ",");
    let from_after = langs(lang)
        .iter()
        .filter(|_| after_allowed)
        .find_map(|&l| speaker_after(after, l));
    from_after.or_else(|| langs(lang).iter().find_map(|&l| speaker_before(before, l)))
}

/// A speaker named right after the quote.
///
/// Fr: `", a déclaré M. Pompeo`, `" a-t-il dit`, `", a assuré samedi Vanessa Pappas`,
/// `", selon le ministre`. En: `," Mayor Jane Novak said`, `," said Jane Novak`, `," he said`,
/// `", according to Novak`. De: `", sagte ein Sprecher des Unternehmens`, `", so der Sprecher`,
/// `", sagte sie`. Not: `". Il est parti`, `" et il a dit`.
fn speaker_after(toks: &[Tok], lang: Lang) -> Option<Who> {
    let mut rest = toks;
    if let Some(first) = rest.first()
        && !first.word
        && (first.text == "," || first.text == "-")
    {
        rest = rest.get(1..).unwrap_or_default();
    }
    let first = rest.first()?;
    if !first.word {
        return None;
    }
    let w = first.lower.as_ref();
    match lang {
        Lang::Fr => {
            if let Some(verb) = fr_inverted(w) {
                if FR_AUX.contains(&verb) {
                    let i = skip_adverbs(rest, 1, lang);
                    let pp = rest
                        .get(i)
                        .is_some_and(|t| FR_PP.contains(t.lower.as_ref()));
                    return pp.then_some(Who::Pronoun);
                }
                return FR_FINITE.contains(verb).then_some(Who::Pronoun);
            }
            let i = if FR_AUX.contains(&w) {
                let i = skip_adverbs(rest, 1, lang);
                if !rest
                    .get(i)
                    .is_some_and(|t| FR_PP.contains(t.lower.as_ref()))
                {
                    return None;
                }
                skip_adverbs(rest, i + 1, lang)
            } else if FR_FINITE.contains(w) {
                skip_adverbs(rest, 1, lang)
            } else if w == "selon" || w == "d'après" {
                1
            } else {
                return None;
            };
            named_speaker(rest.get(i..)?, lang).or_else(|| {
                // `a déclaré à la presse le ministre`, `a dit à l'AFP M. Pompeo`.
                let to = rest
                    .get(i)
                    .filter(|t| matches!(t.lower.as_ref(), "à" | "au" | "aux"))?;
                let mut j = i + 1;
                if to.lower == "à"
                    && rest
                        .get(j)
                        .is_some_and(|t| matches!(t.lower.as_ref(), "la" | "le" | "les"))
                {
                    j += 1;
                }
                let j = skip_adverbs(rest, j + 1, lang);
                named_speaker(rest.get(j..)?, lang)
            })
        }
        Lang::En => {
            if w == "according" && rest.get(1).is_some_and(|t| t.lower == "to") {
                return named_speaker(rest.get(2..)?, lang);
            }
            if EN_VERBS.contains(&w) {
                let i = skip_adverbs(rest, 1, lang);
                return parse_np(rest.get(i..)?, lang).map(|(who, _)| who);
            }
            // `Mayor Jane Novak said`: a speaker, maybe `later`/`has`, then the verb.
            np_then_verb(rest, lang)
        }
        Lang::De | Lang::Unknown => {
            if w == "hieß" {
                return None;
            }
            if DE_VERBS.contains(&w) || DE_AFTER_ONLY.contains(&w) {
                let i = skip_adverbs(rest, 1, lang);
                return parse_np(rest.get(i..)?, lang).map(|(who, _)| who);
            }
            if w == "wie" {
                return np_then_verb(rest.get(1..)?, lang);
            }
            None
        }
    }
}

/// A speaker followed by a verb of speech: `Mayor Jane Novak said`, `the company said`,
/// `police said`, `he told`, `Novak, 54, said`, `Brandt sagte` (after `wie`). The speaker must
/// fill all the words before the verb (or before an appositive between commas), so
/// `the storm knocked out power, officials said` finds nothing.
fn np_then_verb(toks: &[Tok], lang: Lang) -> Option<Who> {
    let aux: &[&str] = match lang {
        Lang::En => EN_AUX,
        _ => DE_PARTICLES,
    };
    let whole_np = |np: &[Tok]| match parse_np(np, lang) {
        Some((who, n)) if n == np.len() => Some(who),
        _ => None,
    };
    for (j, t) in toks.iter().enumerate().take(8).skip(1) {
        if !t.word {
            if t.text != "," {
                return None;
            }
            // `Dr. Amara Singh, chief of emergency medicine, said`.
            let who = whole_np(toks.get(..j)?)?;
            let close = (j + 2..j + 12)
                .find(|&k| toks.get(k).is_none_or(|t| !t.word))
                .filter(|&k| toks.get(k).is_some_and(|t| t.text == ","))?;
            let mut v = close + 1;
            while toks.get(v).is_some_and(|t| aux.contains(&t.lower.as_ref())) {
                v += 1;
            }
            return toks
                .get(v)
                .is_some_and(|t| is_speech_verb(&t.lower, lang))
                .then_some(who);
        }
        if is_speech_verb(&t.lower, lang) {
            let mut k = j;
            while k > 1
                && toks
                    .get(k - 1)
                    .is_some_and(|t| aux.contains(&t.lower.as_ref()))
            {
                k -= 1;
            }
            return whole_np(toks.get(..k)?);
        }
    }
    None
}

/// A name or role phrase that is not a pronoun.
fn named_speaker(toks: &[Tok], lang: Lang) -> Option<Who> {
    match parse_np(toks, lang)? {
        (Who::Pronoun, _) => None,
        (who, _) => Some(who),
    }
}

/// A speaker named right before the quote, in the same clause.
///
/// Fr: `Mike Pompeo a déclaré : "`, `Selon M. Pompeo, "`, `Il a ajouté : "`. En:
/// `Novak said: "`, `According to Novak, "`, `She told reporters: "`. De:
/// `Der Sprecher sagte: "`, `Laut Brandt "`, `Dazu sagte Hollmann: "`. Not: `Il est parti. "`,
/// `Pompeo a affirmé que le président agirait vite "` (the verb is too far from the quote).
fn speaker_before(toks: &[Tok], lang: Lang) -> Option<Who> {
    let mut end = toks.len();
    let mut punctuated = false;
    if let Some(t) = end.checked_sub(1).and_then(|i| toks.get(i))
        && !t.word
        && (t.text == ":" || t.text == ",")
    {
        end -= 1;
        punctuated = true;
    }
    if let Some(t) = end.checked_sub(1).and_then(|i| toks.get(i))
        && ["que", "that", "dass"].contains(&t.lower.as_ref())
    {
        end -= 1;
        punctuated = true;
    }
    let head = toks.get(..end)?;
    let clause_start = head.iter().rposition(|t| !t.word).map_or(0, |i| i + 1);
    let clause = head.get(clause_start..)?;
    if clause.is_empty() {
        return None;
    }

    // `Selon M. Pompeo`, `According to Novak`, `Laut Brandt`, `Nach Angaben des Unternehmens`.
    for m in 0..clause.len() {
        let rest = clause.get(m..).unwrap_or_default();
        if let Some(skip) = marker_len(rest, lang) {
            let np = rest.get(skip..).unwrap_or_default();
            if let Some((who, n)) = parse_np(np, lang)
                && n == np.len()
                && who != Who::Pronoun
            {
                return Some(who);
            }
        }
    }

    let low = clause.len().saturating_sub(8);
    let v = (low..clause.len()).rev().find(|&i| {
        clause.get(i).is_some_and(|t| {
            is_speech_verb(&t.lower, lang) || (lang == Lang::Fr && fr_inverted(&t.lower).is_some())
        })
    })?;
    let verb = clause.get(v)?;
    let mut tail_end = clause.len();
    if lang == Lang::De {
        while tail_end > v + 1
            && clause
                .get(tail_end - 1)
                .is_some_and(|t| DE_PARTICLES.contains(&t.lower.as_ref()))
        {
            tail_end -= 1;
        }
    }
    let after_verb = skip_adverbs(clause, v + 1, lang);
    if !punctuated && after_verb < tail_end {
        return None;
    }

    if lang == Lang::Fr {
        // `ajoute-t-il : "`, `a-t-il ajouté : "`.
        if let Some(base) = fr_inverted(&verb.lower) {
            return FR_FINITE.contains(base).then_some(Who::Pronoun);
        }
        let mut k = v;
        while k > 0 && clause.get(k - 1).is_some_and(|t| is_adverb(&t.lower, lang)) {
            k -= 1;
        }
        if let Some(prev) = k.checked_sub(1).and_then(|i| clause.get(i))
            && fr_inverted(&prev.lower).is_some_and(|b| FR_AUX.contains(&b))
        {
            return Some(Who::Pronoun);
        }
    }

    // German puts the subject after the verb when something else comes first:
    // `Dazu sagte Hollmann: "`.
    if lang == Lang::De
        && after_verb < tail_end
        && let Some(np) = clause.get(after_verb..tail_end)
        && let Some((who, n)) = parse_np(np, lang)
        && n == np.len()
    {
        return Some(who);
    }

    let mut e = v;
    while e > 0
        && clause.get(e - 1).is_some_and(|t| {
            let w = t.lower.as_ref();
            is_adverb(w, lang)
                || match lang {
                    Lang::Fr => FR_AUX.contains(&w),
                    Lang::En => EN_AUX.contains(&w),
                    _ => DE_PARTICLES.contains(&w),
                }
        })
    {
        e -= 1;
    }
    if e > 0 {
        return np_ending_at(clause, e, lang);
    }
    // `Jane Novak, the mayor, said: "`: the subject comes before an appositive.
    let comma = clause_start.checked_sub(1)?;
    if head.get(comma).is_none_or(|t| t.text != ",") {
        return None;
    }
    let open = (comma.saturating_sub(12)..comma.saturating_sub(1))
        .rev()
        .find(|&k| head.get(k).is_some_and(|t| !t.word))
        .filter(|&k| head.get(k).is_some_and(|t| t.text == ","))?;
    np_ending_at(head, open, lang)
}

/// The speaker that ends exactly at token `end`, starting as early as possible in its clause:
/// `le secrétaire d'État Mike Pompeo` rather than `Pompeo`.
fn np_ending_at(toks: &[Tok], end: usize, lang: Lang) -> Option<Who> {
    let head = toks.get(..end)?;
    let clause_start = head.iter().rposition(|t| !t.word).map_or(0, |i| i + 1);
    (clause_start.max(end.saturating_sub(8))..end).find_map(|i| {
        let np = head.get(i..)?;
        match parse_np(np, lang) {
            Some((who, n)) if n == np.len() => Some(who),
            _ => None,
        }
    })
}

/// How many words an "according to" marker takes: `selon`, `d'après`, `according to`, `laut`,
/// `nach Angaben`. Not: `sagte`.
fn marker_len(toks: &[Tok], lang: Lang) -> Option<usize> {
    let w = |i: usize| toks.get(i).map(|t| t.lower.as_ref());
    match lang {
        Lang::Fr => matches!(w(0), Some("selon" | "d'après")).then_some(1),
        Lang::En => (w(0) == Some("according") && w(1) == Some("to")).then_some(2),
        Lang::De | Lang::Unknown => match (w(0), w(1), w(2)) {
            (Some("laut"), _, _) => Some(1),
            (Some("nach"), Some("angaben"), Some("von")) => Some(3),
            (Some("nach"), Some("angaben"), _) => Some(2),
            _ => None,
        },
    }
}

/// Reads a speaker at the start of `toks`; returns it and how many tokens it used.
///
/// - a pronoun: `il`, `he`, `sie`;
/// - a role phrase with an article: `l'entreprise`, `the company`, `ein Sprecher des
///   Unternehmens`, `le porte-parole de la Maison Blanche`; when a name follows the role
///   (`le secrétaire d'État Mike Pompeo`), the name;
/// - English group nouns: `police`, `fire officials`;
/// - a capitalised name with particles and initials, its leading titles and role words left
///   out: `Mayor Jane Novak` → `Jane Novak`, `M. Pompeo` → `Pompeo`.
///
/// Not a speaker: `dans un communiqué`, `samedi`, `Selon`.
fn parse_np(toks: &[Tok], lang: Lang) -> Option<(Who, usize)> {
    let first = toks.first()?;
    if !first.word {
        return None;
    }
    if is_pronoun(&first.lower, lang) {
        return Some((Who::Pronoun, 1));
    }
    if is_det(first, lang) {
        return match lang {
            Lang::De | Lang::Unknown => de_role_phrase(toks, lang),
            _ => role_phrase(toks, lang),
        };
    }
    if lang == Lang::En {
        let words = toks
            .iter()
            .take(3)
            .take_while(|t| t.word && t.text.chars().next().is_some_and(char::is_lowercase))
            .count();
        if let Some(n) = (1..=words).rev().find(|&n| {
            toks.get(n - 1)
                .is_some_and(|t| EN_GROUPS.contains(&t.lower.as_ref()))
        }) {
            return Some((Who::Span(span(toks.get(..n)?)?), n));
        }
    }
    let n = name_run(toks);
    if n == 0 {
        return None;
    }
    let name = strip_roles(toks.get(..n)?, lang);
    Some((Who::Span(span(name)?), n))
}

/// A French or English role phrase: article, head words, `de`/`of` complements, then maybe
/// the name it introduces.
///
/// Matches: `l'entreprise`, `le président américain`, `the mayor of Port Ellery`,
/// `le secrétaire d'État Mike Pompeo` (→ `Mike Pompeo`). Stops before: `dans`, `said`, `,`.
fn role_phrase(toks: &[Tok], lang: Lang) -> Option<(Who, usize)> {
    let first = toks.first()?;
    let glued = lang == Lang::Fr && elided_article(&first.lower, "l'");
    let usable = |t: &Tok| {
        t.word
            && !is_stop(&t.lower, lang)
            && !is_adverb(&t.lower, lang)
            && !is_speech_verb(&t.lower, lang)
            && !CAP_STOPS.contains(&t.lower.as_ref())
    };
    let mut i = 1;
    let max_head = if lang == Lang::En { 6 } else { 3 };
    let mut head = 0;
    while head < max_head
        && toks.get(i).is_some_and(|t| {
            usable(t)
                && (lang == Lang::En || t.text.chars().next().is_some_and(char::is_lowercase))
                && !matches!(t.lower.as_ref(), "de" | "du" | "des" | "of" | "for")
                && !elided_article(&t.lower, "d'")
        })
    {
        i += 1;
        head += 1;
    }
    if head == 0 && !glued {
        return None;
    }
    // `the company's chief executive John Smith` → `John Smith`.
    if lang == Lang::En
        && let Some(role) = (1..i).rev().find(|&k| {
            toks.get(k)
                .is_some_and(|t| ROLES.contains(&t.lower.as_ref()))
        })
        && role + 1 < i
        && toks
            .get(role + 1..i)
            .is_some_and(|rest| rest.iter().all(|t| is_name_word(t, false)))
    {
        return Some((Who::Span(span(toks.get(role + 1..i)?)?), i));
    }
    let mut complements = 0;
    while complements < 3 {
        let Some(t) = toks.get(i) else { break };
        let w = t.lower.as_ref();
        if matches!(w, "de" | "du" | "des" | "of" | "for") {
            let mut j = i + 1;
            if toks
                .get(j)
                .is_some_and(|t| matches!(t.lower.as_ref(), "la" | "le" | "les" | "the" | "a"))
            {
                j += 1;
            }
            let words = toks
                .get(j..)
                .unwrap_or_default()
                .iter()
                .take(3)
                .take_while(|t| usable(t))
                .count();
            if words == 0 {
                break;
            }
            i = j + words;
        } else if lang == Lang::Fr && elided_article(w, "d'") {
            i += 1;
        } else {
            break;
        }
        complements += 1;
    }
    let n = toks.get(i..).map_or(0, name_run);
    if n > 0 {
        let name = strip_roles(toks.get(i..i + n)?, lang);
        return Some((Who::Span(span(name)?), i + n));
    }
    Some((Who::Span(span(toks.get(..i)?)?), i))
}

/// A German role phrase: article, adjectives, a noun, genitive complements.
///
/// Matches: `ein Sprecher des Unternehmens`, `die Polizei`, `der neue Sprecher`. Does not
/// match: `die schnelle` (no noun), `der` alone.
fn de_role_phrase(toks: &[Tok], lang: Lang) -> Option<(Who, usize)> {
    let lower_word = |t: &Tok| {
        t.word && t.text.chars().next().is_some_and(char::is_lowercase) && !is_stop(&t.lower, lang)
    };
    let noun = |t: &Tok| {
        t.word
            && t.text.chars().next().is_some_and(char::is_uppercase)
            && !CAP_STOPS.contains(&t.lower.as_ref())
    };
    let mut i = 1;
    while i < 4 && toks.get(i).is_some_and(lower_word) {
        i += 1;
    }
    if !toks.get(i).is_some_and(noun) {
        return None;
    }
    i += 1;
    let mut complements = 0;
    while complements < 3
        && toks.get(i).is_some_and(|t| {
            matches!(
                t.lower.as_ref(),
                "des" | "der" | "eines" | "einer" | "von" | "vom"
            )
        })
    {
        let mut j = i + 1;
        while j < i + 4
            && toks
                .get(j)
                .is_some_and(|t| DE_DETS.contains(&t.lower.as_ref()))
        {
            j += 1;
        }
        while j < i + 4 && toks.get(j).is_some_and(lower_word) {
            j += 1;
        }
        let nouns = toks
            .get(j..)
            .unwrap_or_default()
            .iter()
            .take(3)
            .take_while(|t| noun(t))
            .count();
        if nouns == 0 {
            break;
        }
        i = j + nouns;
        complements += 1;
    }
    if complements == 0 {
        // `der Konzernsprecher Max Müller` → `Max Müller`.
        let n = toks.get(i..).map_or(0, name_run);
        if n > 0 {
            let name = strip_roles(toks.get(i..i + n)?, lang);
            return Some((Who::Span(span(name)?), i + n));
        }
    }
    Some((Who::Span(span(toks.get(..i)?)?), i))
}

/// A word that can be part of a name: capitalised (`Pompeo`, `M.`, `R.`, `Jean-Pierre`), or,
/// inside a name, `d'Estaing`, `al-Assad`.
fn is_name_word(t: &Tok, first: bool) -> bool {
    if !t.word || CAP_STOPS.contains(&t.lower.as_ref()) {
        return false;
    }
    let upper_after = |prefix: &str| {
        t.text
            .strip_prefix(prefix)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase)
    };
    t.text.chars().next().is_some_and(char::is_uppercase)
        || upper_after("al-")
        || upper_after("el-")
        || (!first && upper_after("d'"))
}

/// The length of the capitalised name at the start of `toks`, with lowercase particles between
/// its words (`Ursula von der Leyen`), at most six words.
///
/// Matches: `Mike Pompeo` in `Mike Pompeo à bord`, `R. J. Okafor`. Not: `samedi Vanessa`.
fn name_run(toks: &[Tok]) -> usize {
    let mut n = 0;
    while n < 6 {
        let Some(t) = toks.get(n) else { break };
        if is_name_word(t, n == 0) {
            n += 1;
            continue;
        }
        if n > 0 && PARTICLES.contains(&t.lower.as_ref()) {
            let mut j = n + 1;
            if toks
                .get(j)
                .is_some_and(|t| SECOND_PARTICLES.contains(&t.lower.as_ref()))
            {
                j += 1;
            }
            if toks.get(j).is_some_and(|t| is_name_word(t, false)) {
                n = j + 1;
                continue;
            }
        }
        break;
    }
    n
}

fn is_role(t: &Tok, lang: Lang) -> bool {
    let w = t.lower.as_ref();
    ROLES.contains(&w)
        || (matches!(lang, Lang::De | Lang::Unknown)
            && DE_ROLE_SUFFIXES.iter().any(|s| w.ends_with(s)))
}

/// Drops leading titles and role words when a name follows them: `Fire Chief Tom Reyes` →
/// `Tom Reyes`, `Landesumweltministerin Dr. Katrin Hollmann` → `Katrin Hollmann`. A role with
/// no name after it is kept: `Mayor`.
fn strip_roles<'t, 'a>(run: &'t [Tok<'a>], lang: Lang) -> &'t [Tok<'a>] {
    match run.iter().rposition(|t| is_role(t, lang)) {
        Some(k) if k + 1 < run.len() => run.get(k + 1..).unwrap_or(run),
        _ => run,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::normalize::normalize;

    /// One quote: its text, its speaker's text, whether the speaker is a pronoun.
    type Expected<'a> = (&'a str, Option<&'a str>, bool);

    fn run(text: &str, lang: Lang) -> Vec<(String, Option<String>, bool)> {
        find_quotes(text, lang)
            .into_iter()
            .map(|q| {
                (
                    text[q.range.clone()].to_owned(),
                    q.speaker.map(|r| text[r].to_owned()),
                    q.speaker_is_pronoun,
                )
            })
            .collect()
    }

    fn check(cases: &[(&str, &[Expected])], lang: Lang) {
        for (text, expected) in cases {
            let norm = normalize(text).text;
            let got = run(&norm, lang);
            let want: Vec<_> = expected
                .iter()
                .map(|(q, s, p)| ((*q).to_owned(), s.map(str::to_owned), *p))
                .collect();
            assert_eq!(got, want, "in {norm:?}");
        }
    }

    #[test]
    fn french() {
        let cases: &[(&str, &[Expected])] = &[
            (
                "« Le président Trump a dit “assez”, et nous allons régler ce problème », a déclaré M. Pompeo.",
                &[(
                    "Le président Trump a dit \"assez\", et nous allons régler ce problème",
                    Some("Pompeo"),
                    false,
                )],
            ),
            (
                r#""Le president Trump a dit "assez", et nous allons regler ce probleme", a declare M. Pompeo."#,
                &[(
                    r#"Le president Trump a dit "assez", et nous allons regler ce probleme"#,
                    Some("Pompeo"),
                    false,
                )],
            ),
            (
                "Il espère conclure. « Microsoft mesure pleinement l’importance de répondre aux préoccupations du président », a indiqué l’entreprise dans un communiqué.",
                &[(
                    "Microsoft mesure pleinement l'importance de répondre aux préoccupations du président",
                    Some("l'entreprise"),
                    false,
                )],
            ),
            (
                "« En ce qui concerne TikTok, nous les interdisons aux États-Unis », avait déclaré Donald Trump à bord d’Air Force One.",
                &[(
                    "En ce qui concerne TikTok, nous les interdisons aux États-Unis",
                    Some("Donald Trump"),
                    false,
                )],
            ),
            (
                "« Nous n’avons pas l’intention de partir », a assuré samedi Vanessa Pappas, directrice générale de TikTok aux États-Unis.",
                &[(
                    "Nous n'avons pas l'intention de partir",
                    Some("Vanessa Pappas"),
                    false,
                )],
            ),
            (
                "« Nous verrons bien ce qui se passe » a-t-il dit.",
                &[("Nous verrons bien ce qui se passe", None, true)],
            ),
            (
                "« C'est une très mauvaise nouvelle », ajoute-t-elle.",
                &[("C'est une très mauvaise nouvelle", None, true)],
            ),
            (
                "« La situation reste très tendue », estime le ministre de l’Intérieur.",
                &[(
                    "La situation reste très tendue",
                    Some("le ministre de l'Intérieur"),
                    false,
                )],
            ),
            (
                "« Nous ne céderons pas », a affirmé dimanche soir le secrétaire d’État Mike Pompeo.",
                &[("Nous ne céderons pas", Some("Mike Pompeo"), false)],
            ),
            (
                "Mike Pompeo a déclaré : « Le président agira dans les prochains jours. »",
                &[(
                    "Le président agira dans les prochains jours",
                    Some("Mike Pompeo"),
                    false,
                )],
            ),
            (
                "Selon M. Pompeo, « le président agira sous quelques jours ».",
                &[(
                    "le président agira sous quelques jours",
                    Some("Pompeo"),
                    false,
                )],
            ),
            (
                "Il a ajouté : « Rien n’est encore décidé. Nous verrons lundi. »",
                &[("Rien n'est encore décidé. Nous verrons lundi", None, true)],
            ),
            (
                "« Nous verrons », a-t-il dit.",
                &[], // two words: not a quotation
            ),
            (
                "Il a trouvé la réponse « assez » claire et a qualifié le projet de « Valsocor ».",
                &[],
            ),
            ("Le film « Le Parrain » ressort en salle.", &[]),
            (
                "« Nous travaillons jour et nuit », a précisé la porte-parole de la Maison Blanche, Karine Dupont.",
                &[(
                    "Nous travaillons jour et nuit",
                    Some("la porte-parole de la Maison Blanche"),
                    false,
                )],
            ),
            (
                "« … et nous verrons bien ce qui arrive », a-t-il conclu.",
                &[("... et nous verrons bien ce qui arrive", None, true)],
            ),
            (
                "« Pourquoi maintenant et pas avant ? », s’interroge le maire. « Nous avons tout essayé », a répondu Mme Martin.",
                &[
                    (
                        "Pourquoi maintenant et pas avant ?",
                        Some("le maire"),
                        false,
                    ),
                    ("Nous avons tout essayé", Some("Martin"), false),
                ],
            ),
            (
                "Mike Pompeo, secrétaire d’État, a déclaré : « Le président agira sous peu. »",
                &[("Le président agira sous peu", Some("Mike Pompeo"), false)],
            ),
            (
                "« Le président agira sous peu », a dit à l’AFP M. Pompeo.",
                &[("Le président agira sous peu", Some("Pompeo"), false)],
            ),
            (
                "« Nous n’en sommes qu’au stade préliminaire », explique Jean-Pierre de La Fontaine, patron du groupe.",
                &[(
                    "Nous n'en sommes qu'au stade préliminaire",
                    Some("Jean-Pierre de La Fontaine"),
                    false,
                )],
            ),
            (
                "Le président a estimé que « la Chine devait payer pour cela ».",
                &[(
                    "la Chine devait payer pour cela",
                    Some("Le président"),
                    false,
                )],
            ),
            (
                "Le groupe parle d’une « menace pour la sécurité nationale » sans autre détail.",
                &[("menace pour la sécurité nationale", None, false)],
            ),
        ];
        check(cases, Lang::Fr);
    }

    #[test]
    fn english() {
        let cases: &[(&str, &[Expected])] = &[
            (
                "“We have never seen the water rise this fast, and we are still searching homes along the river,” Mayor Jane Novak said at a news conference at City Hall.",
                &[(
                    "We have never seen the water rise this fast, and we are still searching homes along the river",
                    Some("Jane Novak"),
                    false,
                )],
            ),
            (
                "\"Some of these people had water up to their chests,\" Reyes said.",
                &[(
                    "Some of these people had water up to their chests",
                    Some("Reyes"),
                    false,
                )],
            ),
            (
                "“The river is still rising,” said Jane Novak, the mayor.",
                &[("The river is still rising", Some("Jane Novak"), false)],
            ),
            (
                "“We will rebuild this town,” he said.",
                &[("We will rebuild this town", None, true)],
            ),
            (
                "“Nobody was prepared for this,” Reyes told reporters.",
                &[("Nobody was prepared for this", Some("Reyes"), false)],
            ),
            (
                "“Crews are working around the clock,” the company said in a statement.",
                &[(
                    "Crews are working around the clock",
                    Some("the company"),
                    false,
                )],
            ),
            (
                "“Six of them are in serious condition,” police said.",
                &[(
                    "Six of them are in serious condition",
                    Some("police"),
                    false,
                )],
            ),
            (
                "“We expect most power back by Friday,” Spokesperson R. J. Okafor said.",
                &[(
                    "We expect most power back by Friday",
                    Some("R. J. Okafor"),
                    false,
                )],
            ),
            (
                "Novak said: “We are asking everyone to stay home. The roads are not safe.”",
                &[(
                    "We are asking everyone to stay home. The roads are not safe",
                    Some("Novak"),
                    false,
                )],
            ),
            (
                "According to Novak, “the worst is behind us now.”",
                &[("the worst is behind us now", Some("Novak"), false)],
            ),
            (
                "“It was a long night,” Novak said, “and it is not over yet.”",
                &[
                    ("It was a long night", Some("Novak"), false),
                    ("and it is not over yet", Some("Novak"), false),
                ],
            ),
            (
                "“We are done here.” The mayor left the room.",
                &[("We are done here", None, false)],
            ),
            (
                "“It is a disaster,” Dr. Amara Singh, chief of emergency medicine, said.",
                &[("It is a disaster", Some("Amara Singh"), false)],
            ),
            (
                "Jane Novak, the mayor, said: “It is a disaster for everyone.”",
                &[("It is a disaster for everyone", Some("Jane Novak"), false)],
            ),
            (
                "Novak told reporters: “We are not giving up on anyone.”",
                &[("We are not giving up on anyone", Some("Novak"), false)],
            ),
            (
                "Northvale Power Corp. said: “Most customers will have power by Friday.”",
                &[(
                    "Most customers will have power by Friday",
                    Some("Northvale Power Corp."),
                    false,
                )],
            ),
            (
                "“It is a disaster,” it said in a statement.",
                &[("It is a disaster", None, true)],
            ),
            (
                "The film “Jaws” and the novel “The Old Man and the Sea” were mentioned.",
                &[],
            ),
            ("Officials called the response “adequate” and “fast”.", &[]),
            (
                "The storm was “the worst in a generation,” fire officials said.",
                &[("the worst in a generation", Some("fire officials"), false)],
            ),
        ];
        check(cases, Lang::En);
    }

    #[test]
    fn german() {
        let cases: &[(&str, &[Expected])] = &[
            (
                "„Wir arbeiten eng mit den Behörden zusammen und tun alles, um die Ursache schnell aufzuklären“, sagte ein Sprecher des Unternehmens. Hinweise auf eine Gefahr gebe es nicht.",
                &[(
                    "Wir arbeiten eng mit den Behörden zusammen und tun alles, um die Ursache schnell aufzuklären",
                    Some("ein Sprecher des Unternehmens"),
                    false,
                )],
            ),
            (
                "„Wir werden genau hinschauen“, sagte Ministerin Karin Vogt.",
                &[("Wir werden genau hinschauen", Some("Karin Vogt"), false)],
            ),
            (
                "\"Ohne die schnelle Reaktion der Feuerwehr wäre das viel schlimmer ausgegangen\", sagte Brandt.",
                &[(
                    "Ohne die schnelle Reaktion der Feuerwehr wäre das viel schlimmer ausgegangen",
                    Some("Brandt"),
                    false,
                )],
            ),
            (
                "„Das ist für uns alle ein schwerer Tag“, sagte sie.",
                &[("Das ist für uns alle ein schwerer Tag", None, true)],
            ),
            (
                "„Die Lage ist unter Kontrolle“, so der Sprecher.",
                &[("Die Lage ist unter Kontrolle", Some("der Sprecher"), false)],
            ),
            (
                "„Es besteht keine Gefahr für Anwohner“, erklärte die Polizei am Vormittag.",
                &[(
                    "Es besteht keine Gefahr für Anwohner",
                    Some("die Polizei"),
                    false,
                )],
            ),
            (
                "„Die Produktion steht vorerst still“, sagte am Montag ein Sprecher.",
                &[(
                    "Die Produktion steht vorerst still",
                    Some("ein Sprecher"),
                    false,
                )],
            ),
            (
                "Der Sprecher sagte: „Wir kennen die Ursache noch nicht.“",
                &[(
                    "Wir kennen die Ursache noch nicht",
                    Some("Der Sprecher"),
                    false,
                )],
            ),
            (
                "Laut Brandt „war das ein großes Glück für alle“.",
                &[("war das ein großes Glück für alle", Some("Brandt"), false)],
            ),
            (
                "Dazu sagte Betriebsratschef Jens Möller: „Die Beschäftigten brauchen jetzt Klarheit.“",
                &[(
                    "Die Beschäftigten brauchen jetzt Klarheit",
                    Some("Jens Möller"),
                    false,
                )],
            ),
            (
                "„Wir prüfen alle Optionen“, teilte das Unternehmen am Dienstag mit.",
                &[("Wir prüfen alle Optionen", Some("das Unternehmen"), false)],
            ),
            (
                "„Wir prüfen alle Optionen“, fügte er hinzu.",
                &[("Wir prüfen alle Optionen", None, true)],
            ),
            (
                "„Wir prüfen alle Optionen“, sagte Helios-Chef Klaus Weber der Zeitung.",
                &[("Wir prüfen alle Optionen", Some("Klaus Weber"), false)],
            ),
            (
                "„Wir prüfen alle Optionen“, sagte Ursula von der Leyen in Brüssel.",
                &[(
                    "Wir prüfen alle Optionen",
                    Some("Ursula von der Leyen"),
                    false,
                )],
            ),
            (
                "„Wir prüfen alle Optionen“, wie Brandt sagte.",
                &[("Wir prüfen alle Optionen", Some("Brandt"), false)],
            ),
            (
                "Hollmann sagte am Montag: „Wir prüfen alle Optionen.“",
                &[("Wir prüfen alle Optionen", Some("Hollmann"), false)],
            ),
            ("Das Medikament „Valsocor“ ist betroffen.", &[]),
            (
                "„Wir prüfen alle Optionen“, hieß es aus dem Unternehmen.",
                &[("Wir prüfen alle Optionen", None, false)],
            ),
        ];
        check(cases, Lang::De);
    }

    #[test]
    fn unknown_language_tries_all_rules() {
        let cases: &[(&str, &[Expected])] = &[
            (
                "« Nous n’avons pas l’intention de partir », a assuré Vanessa Pappas.",
                &[(
                    "Nous n'avons pas l'intention de partir",
                    Some("Vanessa Pappas"),
                    false,
                )],
            ),
            (
                "“We will rebuild this town,” Novak said.",
                &[("We will rebuild this town", Some("Novak"), false)],
            ),
            (
                "„Wir werden genau hinschauen“, sagte Hollmann.",
                &[("Wir werden genau hinschauen", Some("Hollmann"), false)],
            ),
        ];
        check(cases, Lang::Unknown);
    }

    #[test]
    fn unbalanced_marks_are_skipped_not_swallowed() {
        let cases: &[(&str, &[Expected])] = &[
            // A stray opening mark: the real quote later is still found on its own.
            (
                r#"He said "we will go home. Later she added: "The roads are closed for now," and left."#,
                &[("The roads are closed for now", None, true)],
            ),
            // A stray closing mark (an inch sign) before a quote.
            (
                r#"The 12" pipe burst. "Water came in from everywhere," Reyes said."#,
                &[("Water came in from everywhere", Some("Reyes"), false)],
            ),
            // A stray unpadded opening mark does not pair with a French padded one.
            (
                r#"He said "we will go. Then " the roads are closed for now ", Reyes said."#,
                &[("the roads are closed for now", Some("Reyes"), false)],
            ),
            // A quote that never closes.
            (r#"She said "we will never leave this town and then"#, &[]),
            (r#"""""#, &[]),
            (r#"" " " ""#, &[]),
        ];
        check(cases, Lang::En);
    }

    #[test]
    fn marks_are_classified_from_context() {
        // (before, after, can_open, can_close)
        let cases = [
            ("dit : ", " Nous", true, false),
            ("", "We", true, false),
            ("(", "we", true, false),
            ("chests,", " Reyes", false, true),
            ("problème ", ", a", false, true),
            ("assez", ",", false, true),
            ("partir", "", false, true),
            ("dit", "assez", false, false),
            ("septembre. ", " Microsoft", true, true),
            ("a ", "", false, true),
        ];
        for (before, after, open, close) in cases {
            assert_eq!(can_open(before, after), open, "open {before:?} {after:?}");
            assert_eq!(
                can_close(before, after),
                close,
                "close {before:?} {after:?}"
            );
        }
    }

    #[test]
    fn inverted_french_verbs() {
        for (word, verb) in [
            ("a-t-il", Some("a")),
            ("ajoute-t-elle", Some("ajoute")),
            ("dit-il", Some("dit")),
            ("déclarent-ils", Some("déclarent")),
            ("peut-être", None),
            ("jean-pierre", None),
            ("dit", None),
        ] {
            assert_eq!(fr_inverted(word), verb, "{word}");
        }
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        for (core, abbr) in [
            ("M", true),
            ("Dr", true),
            ("U.S", true),
            ("a.m", true),
            ("z.B", true),
            ("Corp", true),
            ("Pompeo", false),
            ("bien..", false),
            ("", false),
        ] {
            assert_eq!(is_abbreviation(core), abbr, "{core}");
        }
    }

    fn sample(path: &str) -> String {
        let full = format!("{}/samples/{path}", env!("CARGO_MANIFEST_DIR"));
        let raw = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
        normalize(&raw).text
    }

    fn sample_quotes(path: &str, lang: Lang) -> Vec<(String, Option<String>, bool)> {
        sample(path)
            .lines()
            .flat_map(|line| run(line, lang))
            .collect()
    }

    #[test]
    fn samples_match_the_readme() {
        let microsoft = (
            "Microsoft mesure pleinement l'importance de répondre aux préoccupations du président",
            Some("l'entreprise"),
            false,
        );
        let pompeo = (
            "Le président Trump a dit \"assez\", et nous allons régler ce problème",
            Some("Pompeo"),
            false,
        );
        let trump_old = (
            "En ce qui concerne TikTok, nous les interdisons aux États-Unis",
            Some("Donald Trump"),
            false,
        );
        let trump_new = (
            "Pour ce qui est de TikTok, nous l'interdisons aux États-Unis",
            Some("Donald Trump"),
            false,
        );
        let pappas = (
            "Nous n'avons pas l'intention de partir",
            Some("Vanessa Pappas"),
            false,
        );
        let novak_old = (
            "We have never seen the water rise this fast, and we are still searching homes along the river",
            Some("Jane Novak"),
            false,
        );
        let novak_new = (
            "We have never seen the water rise this fast, and crews are still going door to door along the river",
            Some("Jane Novak"),
            false,
        );
        let reyes = (
            "Some of these people had water up to their chests",
            Some("Reyes"),
            false,
        );
        let helios_old = (
            "Wir arbeiten eng mit den Behörden zusammen und tun alles, um die Ursache schnell aufzuklären",
            Some("ein Sprecher des Unternehmens"),
            false,
        );
        let helios_new = (
            "Wir arbeiten eng mit den Behörden zusammen und werden die Ursache so schnell wie möglich aufklären",
            Some("ein Sprecher des Unternehmens"),
            false,
        );
        let hollmann = (
            "Wir werden genau hinschauen, ob in Neuhelmsdorf alle Vorschriften eingehalten wurden",
            Some("Hollmann"),
            false,
        );
        let brandt = (
            "Ohne die schnelle Reaktion der Feuerwehr wäre das viel schlimmer ausgegangen",
            Some("Brandt"),
            false,
        );
        let cases: &[(&str, Lang, &[Expected])] = &[
            (
                "tiktok-fr/v1.txt",
                Lang::Fr,
                &[microsoft, pompeo, trump_old, pappas],
            ),
            (
                "tiktok-fr/v2.txt",
                Lang::Fr,
                &[microsoft, pompeo, trump_old, pappas],
            ),
            (
                "tiktok-fr/v3.txt",
                Lang::Fr,
                &[microsoft, pompeo, trump_new, pappas],
            ),
            (
                "tiktok-fr/v4.txt",
                Lang::Fr,
                &[microsoft, pompeo, trump_new],
            ),
            ("storm-en/v1.txt", Lang::En, &[novak_old, reyes]),
            ("storm-en/v2.txt", Lang::En, &[novak_new, reyes]),
            ("storm-en/v3.txt", Lang::En, &[novak_new, reyes]),
            ("storm-en/v4.txt", Lang::En, &[novak_new]),
            (
                "pharma-de/v1.txt",
                Lang::De,
                &[helios_old, hollmann, brandt],
            ),
            (
                "pharma-de/v2.txt",
                Lang::De,
                &[helios_new, hollmann, brandt],
            ),
            (
                "pharma-de/v3.txt",
                Lang::De,
                &[helios_new, hollmann, brandt],
            ),
            ("pharma-de/v4.txt", Lang::De, &[helios_new, hollmann]),
        ];
        for (path, lang, expected) in cases {
            let want: Vec<_> = expected
                .iter()
                .map(|(q, s, p)| ((*q).to_owned(), s.map(str::to_owned), *p))
                .collect();
            assert_eq!(sample_quotes(path, *lang), want, "{path}");
        }
    }

    #[test]
    fn ranges_are_sound_on_garbage() {
        const ALPHABET: &[&str] = &[
            "\"", "\"", "\"", " ", " ", "a", "Zé", "日本", "'", ",", ".", ":", "(", ")", "-",
            "a-t-il", "dit", "said", "sagte", "Novak", "M.", "🙂", "«", "»", "\u{202F}", "é",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            for lang in [Lang::Fr, Lang::En, Lang::De, Lang::Unknown] {
                let quotes = find_quotes(&text, lang);
                let mut last_end = 0;
                for q in &quotes {
                    assert!(q.range.start <= q.range.end && q.range.start >= last_end);
                    assert!(text.get(q.range.clone()).is_some(), "{text:?}");
                    if let Some(s) = &q.speaker {
                        assert!(text.get(s.clone()).is_some(), "{text:?}");
                        assert!(!q.speaker_is_pronoun);
                    }
                    last_end = q.range.end;
                }
            }
        }
    }
}
