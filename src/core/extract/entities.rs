//! Entity mentions: a normalised paragraph → capitalised name sequences that are people,
//! organisations, places or other names, each with an optional role ("président américain").
//!
//! Candidates are runs of capitalised words joined by name particles (de, du, von, van, al-,
//! bin, da…), hyphenated and multi-word names, acronyms and camel-case brands. Elisions and
//! possessives are stripped (l'Inde → Inde, d'Australie → Australie, Trump's → Trump). Titles
//! and roles before a name become its role, never a name (Mayor Jane Novak → Jane Novak, role
//! Mayor). Weekday and month names, function words and German common nouns are dropped. A lone
//! capitalised word at the start of a sentence (or in a Title Case headline) is only a
//! *tentative* mention: [`super::resolve`] keeps it when the word is also a name elsewhere.

use std::ops::Range;

use super::gazetteer::{Gazetteer, Known};
use crate::core::document::Lang;

/// Entity kinds of the report.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

/// Evidence for the kind of an entity, strongest first when several mentions disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum KindCue {
    /// Gazetteer, organisation suffix, given name, person role: reliable.
    Strong(EntityKind),
    /// Context: a speech verb after it, a place preposition before it, an acronym.
    Weak(EntityKind),
    None,
}

/// One mention found in a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct RawMention {
    /// The name as written, elision and possessive stripped ("Inde", "Donald Trump").
    pub surface: String,
    /// Byte range of `surface` in the normalised paragraph.
    pub range: Range<usize>,
    /// Canonical spelling from the gazetteer ("United States" for "USA"), if known.
    pub canonical: Option<String>,
    pub cue: KindCue,
    /// A role or title written before the name: "président américain", "Mayor".
    pub role: Option<String>,
    /// A lone capitalised word at a sentence start or in a Title Case line: a name only if the
    /// same word is a name elsewhere.
    pub tentative: bool,
}

/// A word of the paragraph as the scanner sees it.
#[derive(Clone, Debug)]
struct Word<'a> {
    text: &'a str,
    range: Range<usize>,
    /// Only a single space separates it from the previous word (no punctuation between).
    joined: bool,
    /// First word of a sentence.
    initial: bool,
}

const PARTICLES: &[&str] = &[
    "de", "du", "des", "d'", "von", "van", "der", "den", "ter", "al", "al-", "bin", "ben", "da",
    "di", "del", "della", "dos", "do", "la", "le", "y", "of", "&", "zu",
];

/// Can `word` (after `prev`) join two parts of a name? German articles only after von/van
/// ("Ursula von der Leyen"), never alone ("Sprecher des Unternehmens").
fn is_particle(word: &str, prev: &str, lang: Lang) -> bool {
    // German "von" is mostly "from/of" ("Busse von CHF", "Sprecher von Helios"); as a name
    // particle it follows a given name or an initial ("Ursula von der Leyen").
    if lang == Lang::De && matches!(word, "von" | "zu") {
        let g = super::gazetteer::Gazetteer::shipped();
        return g.is_given_name(prev) || (prev.len() == 2 && prev.ends_with('.'));
    }
    match word {
        "der" | "den" | "des" | "dem" if lang == Lang::De || matches!(word, "der" | "den") => {
            matches!(prev, "von" | "van" | "Von" | "Van")
        }
        _ => PARTICLES.contains(&word),
    }
}

/// French elided articles and prepositions written before a name.
const ELISIONS: &[&str] = &[
    "l'", "d'", "L'", "D'", "qu'", "Qu'", "jusqu'", "lorsqu'", "puisqu'", "s'", "n'", "c'",
];

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "explained",
    "wrote",
    "warned",
    "insisted",
    "sagte",
    "sagt",
    "erklärte",
    "betonte",
    "meinte",
    "warnte",
    "berichtete",
    "kündigte",
];

const PLACE_PREPOSITIONS: &[&str] = &[
    "à", "en", "au", "aux", "in", "aus", "nach", "near", "from", "vers",
];

const GERMAN_DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "kein", "keine", "keinen", "im", "am", "beim", "zum", "zur", "vom", "ins", "diese", "dieser",
    "diesen", "dieses", "jede", "jeder", "jedes", "alle", "seine", "seinen", "seiner", "ihre",
    "ihren", "ihrer", "unsere", "mehrere", "viele", "einige", "andere", "anderen",
];

/// German noun endings that names rarely have.
const GERMAN_NOUN_SUFFIXES: &[&str] = &[
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
    "tät", "täten", "nis", "nisse", "nissen", "ismus", "ment", "mente", "chen", "lein", "ei",
    "eien", "ik", "enz", "anz", "tum", "ling", "linge", "leute", "werk", "zeug", "stelle", "zone",
    "kräfte",
];

/// Articles, pronouns, prepositions and conjunctions that start a sentence with a capital: cut
/// from the front or back of a run ("The Canadian Red Cross", "Die Polizei"). Nouns in the big
/// stop list are cut only where the capital proves nothing (sentence start, German).
const FUNCTION_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "du",
    "de",
    "ce",
    "cet",
    "cette",
    "ces",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "mais",
    "et",
    "ou",
    "donc",
    "pour",
    "selon",
    "dans",
    "en",
    "au",
    "aux",
    "avec",
    "sans",
    "sur",
    "sous",
    "par",
    "après",
    "avant",
    "depuis",
    "pendant",
    "chez",
    "vers",
    "entre",
    "contre",
    "à",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "but",
    "and",
    "or",
    "so",
    "in",
    "on",
    "at",
    "for",
    "with",
    "without",
    "after",
    "before",
    "since",
    "during",
    "from",
    "to",
    "by",
    "of",
    "as",
    "if",
    "when",
    "while",
    "according",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einen",
    "einem",
    "einer",
    "eines",
    "er",
    "sie",
    "es",
    "wir",
    "ihr",
    "aber",
    "und",
    "oder",
    "nach",
    "vor",
    "seit",
    "mit",
    "bei",
    "im",
    "am",
    "zum",
    "zur",
    "vom",
    "laut",
    "auch",
    "auf",
    "aus",
    "für",
    "gegen",
    "über",
    "unter",
    "von",
    "wie",
    "wenn",
    "als",
    "dass",
    "diese",
    "dieser",
    "dieses",
    "jede",
    "jeder",
    "alle",
];

fn is_function_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    FUNCTION_WORDS.contains(&lower.as_str())
}

/// Words that make a name a place when they head it: "Harrow River", "Water Street",
/// "rue de Rivoli", "Lake Tahoe", "Hauptstraße".
const PLACE_HEADS: &[&str] = &[
    "port",
    "fort",
    "cape",
    "sankt",
    "river",
    "lake",
    "mount",
    "mountains",
    "bay",
    "island",
    "islands",
    "street",
    "st.",
    "avenue",
    "ave.",
    "road",
    "rd.",
    "square",
    "park",
    "valley",
    "county",
    "district",
    "bridge",
    "beach",
    "coast",
    "harbour",
    "harbor",
    "canyon",
    "creek",
    "hill",
    "hills",
    "forest",
    "rue",
    "place",
    "boulevard",
    "quai",
    "pont",
    "lac",
    "mont",
    "île",
    "vallée",
    "col",
    "fleuve",
    "cours",
    "fluss",
    "see",
    "berg",
    "platz",
    "straße",
    "strasse",
    "allee",
    "tal",
    "insel",
    "brücke",
];

/// German place-name endings: Neuhelmsdorf, Wallerstedt, Hollenbrück, Papenburg.
const GERMAN_PLACE_ENDINGS: &[&str] = &[
    "dorf", "burg", "berg", "stadt", "stedt", "feld", "felde", "hausen", "heim", "ingen", "bach",
    "hof", "tal", "brück", "brücken", "kirchen", "stein", "hagen", "rode", "wald", "hafen", "born",
    "furt", "leben", "büttel", "walde", "münde", "ow", "itz",
];

/// French hyphenated place names: Ligny-sur-Aisne, Tarn-et-Garonne, Saint-Gérand, Montbrison-le-Haut.
fn french_place_pattern(name: &str) -> bool {
    let lower = name.to_lowercase();
    [
        "-sur-", "-sous-", "-lès-", "-les-", "-en-", "-le-", "-la-", "-et-", "-de-", "-du-",
        "-aux-",
    ]
    .iter()
    .any(|p| lower.contains(p))
        || lower.starts_with("saint-")
        || lower.starts_with("sainte-")
}

fn place_by_form(name: &str, lang: Lang) -> bool {
    let words: Vec<String> = name.split(' ').map(str::to_lowercase).collect();
    let head_first = words.len() > 1
        && words
            .first()
            .is_some_and(|w| PLACE_HEADS.contains(&w.as_str()));
    let head_last = words.len() > 1
        && words
            .last()
            .is_some_and(|w| PLACE_HEADS.contains(&w.as_str()));
    let single = words.first().map(String::as_str).unwrap_or("");
    let german = matches!(lang, Lang::De | Lang::Unknown)
        && words.len() == 1
        && !GERMAN_NOUN_SUFFIXES.iter().any(|x| single.ends_with(x))
        && (single.ends_with("straße")
            || GERMAN_PLACE_ENDINGS
                .iter()
                .any(|e| single.ends_with(e) && single.chars().count() > e.chars().count() + 3));
    // "Wedemark-Süd", "Paris-Nord", "Berlin-Mitte": a district.
    let compass = name.rsplit('-').next().is_some_and(|last| {
        matches!(
            last,
            "Süd"
                | "Nord"
                | "Ost"
                | "West"
                | "Mitte"
                | "Sud"
                | "Est"
                | "Ouest"
                | "Centre"
                | "North"
                | "South"
                | "East"
        )
    }) && name.contains('-');
    head_first || head_last || german || compass || french_place_pattern(name)
}

/// ISO 4217 codes written before amounts ("CHF 65 Mio."): never entities.
const CURRENCY_CODES: &[&str] = &[
    "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK",
    "HUF", "RUB", "INR", "BRL", "MXN", "ZAR", "TRY", "KRW", "HKD", "SGD", "NZD",
];

/// A German compound common noun: its last part (or its last hyphenated part) is a common
/// noun of the stop list ("Medienberichten" → "Berichten", "Sirenen-Programm" → "Programm",
/// "Ligakonkurrenten"), and it does not end like a place name.
fn german_compound_noun(word: &str, g: &Gazetteer) -> bool {
    let lower = word.to_lowercase();
    if GERMAN_PLACE_ENDINGS.iter().any(|e| lower.ends_with(e)) {
        return false;
    }
    if let Some((_, last)) = word.rsplit_once('-')
        && (g.is_stop_capitalised(last, Lang::De)
            || GERMAN_NOUN_SUFFIXES
                .iter()
                .any(|s| last.to_lowercase().ends_with(s)))
    {
        return true;
    }
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    // Try every split leaving a head of 3+ letters and a tail of 4+ letters.
    for (k, &(b, _)) in chars.iter().enumerate().skip(3) {
        if chars.len() - k < 4 {
            break;
        }
        let tail = &lower[b..];
        let mut cap = String::new();
        let mut it = tail.chars();
        if let Some(c) = it.next() {
            cap.extend(c.to_uppercase());
            cap.push_str(it.as_str());
        }
        let stems = [
            cap.clone(),
            cap.trim_end_matches('n').to_string(),
            cap.trim_end_matches("en").to_string(),
            cap.trim_end_matches('s').to_string(),
            cap.trim_end_matches('e').to_string(),
        ];
        if stems
            .iter()
            .any(|s| s.chars().count() >= 4 && g.is_stop_capitalised(s, Lang::De))
        {
            return true;
        }
    }
    false
}

/// German nouns that introduce a company name: "der Konkurrent Nordstern GmbH".
const GERMAN_ORG_NOUNS: &[&str] = &[
    "Konkurrent",
    "Konzern",
    "Hersteller",
    "Unternehmen",
    "Firma",
    "Rivale",
    "Partner",
    "Betreiber",
    "Anbieter",
    "Tochter",
    "Mutterkonzern",
    "Pharmakonzern",
    "Autobauer",
    "Verband",
];

const NUMBER_WORDS: &[&str] = &[
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "zwölf",
    "hundert",
    "tausend",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "dix",
    "cent",
    "mille",
    "plusieurs",
    "several",
    "many",
    "mehrere",
];

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// TikTok, ByteDance, iPhone, eBay, BfArM: an upper-case letter after the first character
/// (of one hyphen-free part: "Helios-Aktie" is a compound, not a brand).
fn is_camel(w: &str) -> bool {
    if w.contains('-') {
        return false;
    }
    let mut chars = w.chars();
    if !chars.next().is_some_and(char::is_alphabetic) {
        return false;
    }
    let (mut upper, mut lower) = (false, false);
    for c in chars {
        upper |= c.is_uppercase();
        lower |= c.is_lowercase();
    }
    upper && lower
}

/// FBI, OECD, USA, U.S. (two or more letters, all upper case).
fn is_acronym(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// Scans a normalised paragraph into words with their joins and sentence starts.
fn scan<'a>(text: &'a str, sentence_starts: &[usize]) -> Vec<Word<'a>> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap = String::new();
    // Sentence starts are sorted: a cursor finds the next one in constant time per word (a
    // scan of all starts per word was quadratic on a one-paragraph book).
    let mut next_start = 0usize;
    let mut push = |words: &mut Vec<Word<'a>>, s: usize, e: usize, gap: &str| {
        let raw = &text[s..e];
        // A trailing dot stays on abbreviations (Corp., U.S., St., M.); a sentence-final dot
        // is removed again when the mention is built.
        let trimmed = raw.trim_end_matches('.');
        let keep_dot =
            raw.ends_with('.') && (trimmed.contains('.') || trimmed.chars().count() <= 4);
        let end = if keep_dot { e } else { s + trimmed.len() };
        if end > s {
            let last_end = words.last().map_or(0, |w: &Word| w.range.end);
            while sentence_starts
                .get(next_start)
                .is_some_and(|&b| b < last_end)
            {
                next_start += 1;
            }
            let initial =
                words.is_empty() || sentence_starts.get(next_start).is_some_and(|&b| b <= s);
            // A single line break inside a paragraph is a hard wrap, not a separation.
            let joined = gap == " " || gap == "\n";
            words.push(Word {
                text: &text[s..end],
                range: s..end,
                joined,
                initial,
            });
        }
    };
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric()
            || unicode_normalization::char::is_combining_mark(c)
            || (matches!(c, '-' | '\'' | '.' | '&') && start.is_some());
        if part {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                push(&mut words, s, i, &gap);
                gap.clear();
            }
            gap.push(c);
        }
    }
    if let Some(s) = start {
        push(&mut words, s, text.len(), &gap);
    }
    // Words ending in a non-abbreviation dot or apostrophe glue: strip trailing "-" and "'".
    for w in &mut words {
        let t = w.text.trim_end_matches(['-', '\'']);
        w.range.end = w.range.start + t.len();
        w.text = t;
    }
    words.retain(|w| !w.text.is_empty());
    // Joins are decided on what really lies between the trimmed words: "Vögeli. Der" is not
    // joined even though the dot was first read as part of "Vögeli.".
    for k in 1..words.len() {
        let gap = text
            .get(words[k - 1].range.end..words[k].range.start)
            .unwrap_or(".");
        words[k].joined = gap == " " || gap == "\n";
    }
    words
}

/// A role or title, also as the tail of a German compound: "Verwaltungsratspräsident",
/// "Notärztin", "Landesumweltministerin".
fn is_role_word(phrase: &str, lang: Lang, g: &Gazetteer) -> bool {
    if g.is_role(phrase) {
        return true;
    }
    if lang != Lang::De || phrase.contains(' ') {
        return false;
    }
    let lower = phrase.to_lowercase();
    lower.char_indices().skip(2).any(|(b, _)| {
        let tail = &lower[b..];
        if tail.chars().count() < 4 {
            return false;
        }
        let mut chars = tail.chars();
        let cap: String = chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default();
        g.is_role(&cap)
    })
}

/// Strips a French elision ("l'Inde" → "Inde") and returns the offset of what remains.
fn strip_elision(w: &str) -> (usize, &str) {
    // Every elision ends in an apostrophe: most words have none.
    if !w.contains('\'') {
        return (0, w);
    }
    for e in ELISIONS {
        if let Some(rest) = w.strip_prefix(e)
            && rest.chars().next().is_some_and(char::is_alphabetic)
        {
            return (e.len(), rest);
        }
    }
    (0, w)
}

/// Strips an English possessive ("Trump's" → "Trump").
fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").unwrap_or(w)
}

/// Is this word, as written, able to be part of a name?
fn name_word(w: &str) -> bool {
    let (_, core) = strip_elision(w);
    is_capitalised(core) || is_camel(core)
}

/// Finds entity mentions in one normalised paragraph. `sentence_starts` are the byte offsets
/// (in `text`) where sentences begin.
///
/// ```
/// use factdiff::core::extract::{entities::find_mentions, gazetteer::Gazetteer};
/// use factdiff::core::document::Lang;
/// let text = "Dimanche soir, le secrétaire d'État américain Mike Pompeo a parlé de l'Inde.";
/// let m = find_mentions(text, Lang::Fr, &[0], Gazetteer::shipped());
/// let names: Vec<&str> = m.iter().map(|m| m.surface.as_str()).collect();
/// assert_eq!(names, ["Mike Pompeo", "Inde"]);
/// assert_eq!(m[0].role.as_deref(), Some("secrétaire d'État américain"));
/// ```
pub fn find_mentions(
    text: &str,
    lang: Lang,
    sentence_starts: &[usize],
    g: &Gazetteer,
) -> Vec<RawMention> {
    let words = scan(text, sentence_starts);
    // Only English writes headlines in Title Case; German capitalises every noun and French
    // titles are in sentence case, so there a run of capitals means something.
    let title_case = if matches!(lang, Lang::En | Lang::Unknown) {
        title_case_sentences(&words)
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // "z. B.", "u. A.": the capital of a spaced abbreviation is not a name.
        let spaced_abbreviation = i > 0 && {
            let (prev, cur) = (words[i - 1].text, words[i].text);
            prev.len() == 2
                && prev.ends_with('.')
                && prev.starts_with(char::is_lowercase)
                && cur.len() == 2
                && cur.ends_with('.')
        };
        // Quarters and half-years ("Q1", "H2", "T3") are dates, not names.
        let period = {
            let b = words[i].text.as_bytes();
            b.len() == 2 && matches!(b[0], b'Q' | b'H' | b'T') && b[1].is_ascii_digit()
        };
        if !name_word(words[i].text)
            || spaced_abbreviation
            || period
            || CURRENCY_CODES.contains(&words[i].text)
        {
            i += 1;
            continue;
        }
        // Grow the run: capitalised words joined by single spaces, with particles between.
        let mut end = i + 1;
        while let Some(next) = words.get(end) {
            if !next.joined || next.initial {
                break;
            }
            let prev_text = words[end - 1].text;
            if prev_text.ends_with('.')
                && !prev_text.trim_end_matches('.').contains('.')
                && prev_text.chars().count() > 3
            {
                break;
            }
            // "CAC 40", "G 7": a short number joins an acronym, not a word ("Bytedance 90 jours").
            let number_after_acronym = next.text.chars().next().is_some_and(|c| c.is_ascii_digit())
                && next.text.len() <= 4
                && is_acronym(prev_text);
            if name_word(next.text) || number_after_acronym {
                end += 1;
                continue;
            }
            // "Elizabeth Warren of Massachusetts": a person's name does not run on into a place.
            let person_then_place = next.text == "of"
                && words[i..end].iter().any(|w| g.is_given_name(w.text))
                && words
                    .get(end + 1)
                    .is_some_and(|w| g.known(w.text).is_some_and(|k| k.kind == Known::Place));
            if is_particle(next.text, prev_text, lang)
                && !person_then_place
                && words
                    .get(end + 1)
                    .is_some_and(|w| w.joined && name_word(w.text))
            {
                end += 2;
                continue;
            }
            break;
        }
        // A role inside the run starts a new name: "Neuhelmsdorfs | Bürgermeister Uwe Brandt",
        // "Microsoft | CEO Satya Nadella".
        let whole_known = g.known(&run_text(text, &words, i, end)).is_some();
        let split = (i + 1..end)
            .find(|&k| {
                !whole_known
                    && (role_prefix(&words, k, end, g, lang) > 0
                        || lang == Lang::De
                            && k + 1 < end
                            && GERMAN_ORG_NOUNS.contains(&words[k].text))
            })
            .unwrap_or(end);
        // Before a role, one word is a name ("Microsoft CEO", "Neuhelmsdorfs Bürgermeister");
        // several unknown words are part of the title ("State Fire Marshal").
        let title_words =
            split < end && split - i >= 2 && g.known(&run_text(text, &words, i, split)).is_none();
        if !title_words
            && let Some(m) = mention_from_run(text, &words, i, split, lang, g, &title_case)
        {
            out.push(m);
        }
        i = split;
    }
    out
}

/// For each word, whether its sentence is written in Title Case (most words capitalised).
/// A flag per word (rather than a list of sentence starts searched from each mention) keeps
/// the lookup constant-time on a one-paragraph book.
fn title_case_sentences(words: &[Word]) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    let mut start = 0;
    for k in 1..=words.len() {
        if k == words.len() || words[k].initial {
            let span = &words[start..k];
            let caps = span.iter().filter(|w| name_word(w.text)).count();
            if span.len() >= 4 && caps * 10 >= span.len() * 7 {
                out[start..k].fill(true);
            }
            start = k;
        }
    }
    out
}

fn in_title_case(k: usize, title_case: &[bool]) -> bool {
    title_case.get(k).copied().unwrap_or(false)
}

/// Turns a run of name words `words[i..end]` into a mention, or None when nothing of it is a name.
fn mention_from_run(
    text: &str,
    words: &[Word],
    i: usize,
    end: usize,
    lang: Lang,
    g: &Gazetteer,
    title_case: &[bool],
) -> Option<RawMention> {
    let mut start = i;
    let mut end = end;
    // The whole run may be a known name ("Le Monde", "Los Angeles", "Maison Blanche").
    let whole = run_text(text, words, start, end);
    let known_whole = g.known(&whole).is_some();
    let mut role_words: Vec<String> = Vec::new();
    if !known_whole {
        // Leading function words, roles and calendar words are not part of a name.
        while start < end {
            let w = strip_elision(words[start].text).1;
            let role_len = role_prefix(words, start, end, g, lang);
            if role_len > 0 {
                role_words.push(run_text(text, words, start, start + role_len));
                start += role_len;
                // A role is followed by a name, not by "de"/"des" and a noun ("Sprecher des
                // Unternehmens", "Ministre de l'Intérieur").
                if words
                    .get(start)
                    .is_some_and(|w| PARTICLES.contains(&w.text))
                {
                    return None;
                }
            } else if start + 1 < end && ends_role_before(words, start, g) {
                // "secrétaire d'[État] Mike Pompeo": the word closes a role begun before the run.
                role_words.push(run_text(text, words, start.saturating_sub(1), start + 1));
                start += 1;
            } else if g.is_calendar(w) && !(g.is_given_name(w) && start + 1 < end)
                || is_function_word(w)
                || PARTICLES.contains(&w)
                || g.known(w).is_none()
                    && g.is_stop_capitalised(w, lang)
                    && (words[start].initial || lang == Lang::De)
                || lang == Lang::De
                    && start + 1 < end
                    && (GERMAN_ORG_NOUNS.contains(&w)
                        || german_compound_noun(w, g)
                        || w.contains('-') && g.known(w).is_none())
            {
                start += 1;
            } else {
                break;
            }
        }
        // Trailing calendar words ("Sunday") and particles.
        while end > start {
            let w = words[end - 1].text;
            if g.is_calendar(w) || PARTICLES.contains(&w) || is_function_word(w) {
                end -= 1;
            } else {
                break;
            }
        }
    }
    if start >= end {
        return None;
    }
    let (skip, _) = strip_elision(words[start].text);
    let begin = words[start].range.start + skip;
    let mut surface = text[begin..words[end - 1].range.end].to_string();
    // Possessive and sentence-final dots.
    let trimmed = strip_possessive(&surface).to_string();
    surface = trimmed;
    if surface.ends_with('.') {
        let last = surface
            .trim_end_matches('.')
            .rsplit(' ')
            .next()
            .unwrap_or("");
        let abbreviation = g.is_org_word(last) || last.contains('.') || last.chars().count() == 1;
        if !abbreviation {
            surface = surface.trim_end_matches('.').to_string();
        }
    }
    let range = begin..begin + surface.len();
    let n_words = end - start;
    let first = strip_elision(words[start].text).1;
    let last = words[end - 1].text;
    let known = g
        .known(&surface)
        .or_else(|| g.known(surface.trim_end_matches('.')));
    let canonical = known.map(|k| k.canonical.clone());

    // The role: capitalised role words inside the run, or lower-case ones just before it.
    let role = if role_words.is_empty() {
        role_before(text, words, i, g).or_else(|| role_apposition(text, words, start, end, lang, g))
    } else {
        Some(role_words.join(" "))
    };

    let org_suffix = n_words > 1 && g.is_org_word(last);
    // A given name followed by another name ("Jane Novak"); a given name alone is only a hint
    // ("Madison, Wisconsin").
    let person_cue = (g.is_given_name(first) && n_words > 1)
        || role.as_deref().is_some_and(|r| !r.is_empty())
        || initials(words, start, end);
    let place_form = place_by_form(&surface, lang);
    let cue = if let Some(k) = known {
        KindCue::Strong(match k.kind {
            Known::Place => EntityKind::Place,
            Known::Organization => EntityKind::Organization,
            Known::Other => EntityKind::Other,
        })
    } else if place_form && !org_suffix {
        KindCue::Strong(EntityKind::Place)
    } else if org_suffix || (n_words > 1 && g.is_org_word(first)) {
        KindCue::Strong(EntityKind::Organization)
    } else if person_cue {
        KindCue::Strong(EntityKind::Person)
    } else if words
        .get(end)
        .is_some_and(|w| SPEECH_VERBS.contains(&w.text))
    {
        KindCue::Weak(EntityKind::Person)
    } else if is_acronym(&surface) {
        KindCue::Weak(EntityKind::Organization)
    } else if i > 0 && PLACE_PREPOSITIONS.contains(&words[i - 1].text) && words[i].joined {
        KindCue::Weak(EntityKind::Place)
    } else if g.is_given_name(first) {
        KindCue::Weak(EntityKind::Person)
    } else {
        KindCue::None
    };

    let strong = known.is_some()
        || is_camel(first)
        || is_acronym(first)
        || org_suffix
        || person_cue
        || place_form;
    // Never a name by itself: a single letter, a legal form ("Co."), a role ("Mayor").
    if n_words == 1 && known.is_none() {
        let bare = surface.trim_end_matches('.');
        if bare.chars().count() < 2 || g.is_org_word(bare) || g.is_role(bare) {
            return None;
        }
    }
    // "ministre de l'Intérieur", "Minister of the Interior": the portfolio after a role.
    if n_words == 1 && known.is_none() && portfolio_after_role(words, i, g) {
        return None;
    }
    // German: a given name inside a run of nouns starts the name ("Notfallteam Lea Hofstetter").
    if lang == Lang::De
        && !strong
        && n_words > 2
        && let Some(k) = (start + 1..end - 1).find(|&k| g.is_given_name(words[k].text))
    {
        return mention_from_run(text, words, k, end, lang, g, title_case);
    }
    // German capitalises every noun: a run of unknown capitalised words with no cue is a run
    // of nouns ("im Ernstfall Leben retten"), not a name.
    if lang == Lang::De
        && n_words > 1
        && !strong
        && !words[start..end]
            .iter()
            .any(|w| PARTICLES.contains(&w.text))
    {
        return None;
    }
    let single_plain = n_words == 1 && !strong;
    if single_plain {
        if g.is_stop_capitalised(&surface, lang) || g.is_role(&surface) || g.is_calendar(&surface) {
            return None;
        }
        if lang == Lang::De
            && (german_common_noun(words, start, g) || german_compound_noun(&surface, g))
        {
            return None;
        }
    }
    // A lone unknown German word is a name only with a cue (in/aus/nach before it, a speech
    // verb after it) or when it is a name elsewhere.
    let german_without_cue = lang == Lang::De && single_plain && cue == KindCue::None;
    // In a Title Case headline every capital is suspect: only known names are firm there.
    let tentative = if in_title_case(start, title_case) {
        known.is_none()
    } else {
        single_plain && (words[start].initial || german_without_cue)
    };
    Some(RawMention {
        surface,
        range,
        canonical,
        cue,
        role,
        tentative,
    })
}

fn run_text(text: &str, words: &[Word], start: usize, end: usize) -> String {
    match (words.get(start), words.get(end.saturating_sub(1))) {
        (Some(a), Some(b)) if end > start => text[a.range.start..b.range.end].to_string(),
        _ => String::new(),
    }
}

/// Length in words of a role at `words[start..]` (longest first), 0 if none. A role must
/// leave a name after it.
fn role_prefix(words: &[Word], start: usize, end: usize, g: &Gazetteer, lang: Lang) -> usize {
    let max = g.max_role_words.min(end - start - 1);
    (1..=max)
        .rev()
        .find(|&n| {
            let phrase: Vec<&str> = words[start..start + n].iter().map(|w| w.text).collect();
            is_role_word(&phrase.join(" "), lang, g)
        })
        .unwrap_or(0)
}

/// Lower-case role words right before the name: "le secrétaire d'État américain [Mike Pompeo]",
/// "said spokesperson [R. J. Okafor]". Looks back at most five joined words.
fn role_before(text: &str, words: &[Word], name: usize, g: &Gazetteer) -> Option<String> {
    // The word right before the name must be the role or an adjective of it, not a
    // preposition ("l'interview du président à [Fox News]").
    const LINKS: &[&str] = &[
        "à", "a", "au", "aux", "de", "du", "des", "in", "at", "to", "with", "for", "and", "et",
        "und", "mit", "bei", "von", "für", "the", "le", "la", "les", "der", "die", "das", "par",
        "by", "on", "sur", "avec", "pour", "an", "nach", "aus",
    ];
    if name == 0 || LINKS.contains(&words[name - 1].text.to_lowercase().as_str()) {
        return None;
    }
    let mut k = name;
    let mut found: Option<usize> = None;
    while k > 0 && name - k < 5 && words[k].joined && !words[k].initial {
        k -= 1;
        let w = words[k].text;
        let two = words.get(k + 1).map(|n| format!("{w} {}", n.text));
        if g.is_role(w) || two.as_deref().is_some_and(|t| g.is_role(t)) {
            found = Some(k);
        }
        if SPEECH_VERBS.contains(&w) || w.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
    }
    // At most two words (adjectives: "américain", "d'État américain") between role and name.
    found
        .filter(|&k| {
            let role_len = if words
                .get(k + 1)
                .is_some_and(|n| g.is_role(&format!("{} {}", words[k].text, n.text)))
            {
                2
            } else {
                1
            };
            name.saturating_sub(k + role_len) <= 2
        })
        .map(|k| run_text(text, words, k, name))
}

/// Is the run at `i` the portfolio of a role written just before it: "ministre de l'[Intérieur]",
/// "secrétaire d'[État]", "Minister of the [Interior]", "Ministerin für [Umwelt]"?
fn portfolio_after_role(words: &[Word], i: usize, g: &Gazetteer) -> bool {
    // The word ends a multi-word role: "secrétaire d'[État]", "Secretary of [State]".
    for n in 1..=2 {
        if i >= n {
            let phrase: Vec<&str> = words[i - n..=i].iter().map(|w| w.text).collect();
            if g.is_role(&phrase.join(" ")) {
                return true;
            }
        }
    }
    let (skip, _) = strip_elision(words[i].text);
    let mut k = i;
    // Elision on the word itself ("l'Intérieur") or separate linking words before it.
    let mut links = usize::from(skip > 0);
    while k > 0 && links < 3 {
        let prev = words[k - 1].text.to_lowercase();
        if matches!(
            prev.as_str(),
            "de" | "du" | "des" | "of" | "the" | "für" | "l'" | "la"
        ) {
            k -= 1;
            links += 1;
        } else {
            break;
        }
    }
    links > 0 && k > 0 && g.is_role(strip_elision(words[k - 1].text).1)
}

/// Articles allowed before a role in an apposition ("Jane Novak, the mayor").
const APPOSITION_ARTICLES: &[&str] = &[
    "the", "a", "an", "its", "le", "la", "l'", "un", "une", "son", "sa", "der", "die", "das",
    "ein", "eine", "dessen", "deren",
];

/// A role in an apposition, after the name ("Vanessa Pappas, directrice générale de TikTok,")
/// or before it ("le fondateur de Bytedance, Zhang Yiming,"). The role runs to the next comma
/// or sentence end, at most six words.
fn role_apposition(
    text: &str,
    words: &[Word],
    start: usize,
    end: usize,
    lang: Lang,
    g: &Gazetteer,
) -> Option<String> {
    let gap = |k: usize| -> &str {
        match (k.checked_sub(1).and_then(|p| words.get(p)), words.get(k)) {
            (Some(a), Some(b)) => text.get(a.range.end..b.range.start).unwrap_or(""),
            _ => "",
        }
    };
    // After: ", [article] role … ,"
    if gap(end).trim() == "," {
        let mut k = end;
        if words
            .get(k)
            .is_some_and(|w| APPOSITION_ARTICLES.contains(&w.text.to_lowercase().as_str()))
        {
            k += 1;
        }
        let role_at = |k: usize| {
            words.get(k).is_some_and(|w| is_role_word(w.text, lang, g))
                || words
                    .get(k + 1)
                    .is_some_and(|n| g.is_role(&format!("{} {}", words[k].text, n.text)))
        };
        if k < words.len() && (k == end || words[k].joined) && role_at(k) {
            let mut last = k;
            while last + 1 < words.len()
                && last + 1 - k < 6
                && gap(last + 1) == " "
                && !words[last + 1].initial
            {
                last += 1;
            }
            return Some(run_text(text, words, k, last + 1));
        }
    }
    // Before: "[article] role … , Name"
    if start > 0 && gap(start).trim() == "," {
        let close = start - 1;
        let mut k = close;
        while k > 0 && close - k < 6 && gap(k) == " " && !words[k].initial {
            k -= 1;
            if is_role_word(words[k].text, lang, g)
                && k > 0
                && APPOSITION_ARTICLES.contains(&words[k - 1].text.to_lowercase().as_str())
            {
                return Some(run_text(text, words, k, close + 1));
            }
        }
    }
    None
}

/// Does `words[k]` end a multi-word role that starts before it ("secrétaire d'État",
/// "Secretary of State")?
fn ends_role_before(words: &[Word], k: usize, g: &Gazetteer) -> bool {
    (1..=2).any(|n| {
        k >= n && words[k - n + 1..=k].iter().all(|w| w.joined) && {
            let phrase: Vec<&str> = words[k - n..=k].iter().map(|w| w.text).collect();
            g.is_role(&phrase.join(" "))
        }
    })
}

/// R. J. Okafor, J. R. R. Tolkien: initials before a surname mark a person.
fn initials(words: &[Word], start: usize, end: usize) -> bool {
    end - start >= 2
        && words[start..end - 1].iter().all(|w| {
            let t = w.text.trim_end_matches('.');
            t.chars().count() == 1 && w.text.ends_with('.')
        })
}

/// A German capitalised word used as a common noun: after a determiner or a numeral, or
/// with a typical noun ending.
fn german_common_noun(words: &[Word], k: usize, g: &Gazetteer) -> bool {
    let w = words[k].text;
    if g.known(w).is_some() {
        return false;
    }
    let lower = w.to_lowercase();
    if GERMAN_NOUN_SUFFIXES
        .iter()
        .any(|s| lower.ends_with(s) && lower.len() > s.len() + 2)
    {
        return true;
    }
    let before = |n: usize| {
        k.checked_sub(n)
            .and_then(|j| words.get(j))
            .map(|w| w.text.to_lowercase())
    };
    let det = |t: Option<String>| {
        t.is_some_and(|t| {
            GERMAN_DETERMINERS.contains(&t.as_str())
                || NUMBER_WORDS.contains(&t.as_str())
                || t.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        })
    };
    // "der Konzern", "drei Verletzte", "3.700 Mitarbeiter", "der größten Arbeitgeber".
    det(before(1))
        || (before(1).is_some_and(|t| t.chars().next().is_some_and(char::is_lowercase))
            && det(before(2)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::normalize::normalize;

    fn names(text: &str, lang: Lang) -> Vec<(String, bool)> {
        let norm = normalize(text).text;
        find_mentions(&norm, lang, &[0], Gazetteer::shipped())
            .into_iter()
            .map(|m| (m.surface, m.tentative))
            .collect()
    }

    fn firm(text: &str, lang: Lang) -> Vec<String> {
        names(text, lang)
            .into_iter()
            .filter(|(_, t)| !t)
            .map(|(n, _)| n)
            .collect()
    }

    #[test]
    fn french_names_roles_and_elisions() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Bytedance doit vendre Tiktok sous la pression du gouvernement américain.",
                &["Bytedance", "Tiktok"],
            ),
            (
                "Microsoft prévoit de reprendre les activités du Canada, de l’Australie et de la Nouvelle-Zélande.",
                &["Microsoft", "Canada", "Australie", "Nouvelle-Zélande"],
            ),
            (
                "Le président américain Donald Trump a parlé à Fox News dimanche soir.",
                &["Donald Trump", "Fox News"],
            ),
            (
                "Début juillet, l’Inde avait déjà interdit les applications chinoises.",
                &["Inde"],
            ),
            (
                "« Nous verrons », a déclaré M. Pompeo à bord d’Air Force One.",
                &["Pompeo", "Air Force One"],
            ),
            (
                "La Maison Blanche menace d’interdire l’application.",
                &["Maison Blanche"],
            ),
            (
                "Dimanche soir, le secrétaire d’État Mike Pompeo a parlé.",
                &["Mike Pompeo"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(firm(text, Lang::Fr), *want, "{text}");
        }
    }

    #[test]
    fn english_names() {
        let cases: &[(&str, &[&str])] = &[
            (
                "PORT ELLERY — A storm hit the town on Sunday, Mayor Jane Novak said.",
                &["PORT ELLERY", "Jane Novak"],
            ),
            (
                "Spokesperson R. J. Okafor said crews from the U.S. were on their way.",
                &["R. J. Okafor", "U.S."],
            ),
            (
                "Dr. Amara Singh, chief of St. Brendan's Hospital, said Trump's plan failed in March.",
                &["Amara Singh", "St. Brendan's Hospital", "Trump"],
            ),
            (
                "Northvale Power Corp. said three substations failed.",
                &["Northvale Power Corp."],
            ),
            ("Schools will stay closed on Monday and Tuesday.", &[]),
            (
                "Senator Elizabeth Warren of Massachusetts spoke at the Bank of America.",
                &["Elizabeth Warren", "Massachusetts", "Bank of America"],
            ),
            (
                "Goldman Sachs economist Jan Hatzius said so on Sunday.",
                &["Goldman Sachs", "Jan Hatzius"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(firm(text, Lang::En), *want, "{text}");
        }
    }

    #[test]
    fn german_names_without_common_nouns() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Die Polizei meldete drei Verletzte, darunter zwei Feuerwehrleute.",
                &[],
            ),
            (
                "Bei der Helios Pharma AG in Neuhelmsdorf brach am 3. März ein Feuer aus.",
                &["Helios Pharma AG", "Neuhelmsdorf"],
            ),
            (
                "„Wir prüfen das“, sagte Ministerin Karin Vogt am Montag.",
                &["Karin Vogt"],
            ),
            (
                "Firmengründer Bernd Kaltwasser sagte, der Konkurrent Nordstern Arzneimittel GmbH aus Kiel helfe.",
                &["Bernd Kaltwasser", "Nordstern Arzneimittel GmbH", "Kiel"],
            ),
            ("Helios beschäftigt rund 3.700 Mitarbeiter.", &[]),
            (
                "Neuhelmsdorfs Bürgermeister Uwe Brandt lobte die Feuerwehr.",
                &["Uwe Brandt"],
            ),
            (
                "Das kritisierte CDU-Chef Friedrich Merz scharf.",
                &["Friedrich Merz"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(firm(text, Lang::De), *want, "{text}");
        }
    }

    #[test]
    fn roles_in_appositions() {
        let g = Gazetteer::shipped();
        for (text, lang, name, role) in [
            (
                "« Nous restons », a assuré Vanessa Pappas, directrice générale de TikTok, samedi.",
                Lang::Fr,
                "Vanessa Pappas",
                "directrice générale de TikTok",
            ),
            (
                "Dans une lettre, le fondateur de Bytedance, Zhang Yiming, a reconnu la vente.",
                Lang::Fr,
                "Zhang Yiming",
                "fondateur de Bytedance",
            ),
            (
                "“We rebuild,” said Jane Novak, the mayor of the town, on Monday.",
                Lang::En,
                "Jane Novak",
                "mayor of the town",
            ),
        ] {
            let norm = normalize(text).text;
            let m = find_mentions(&norm, lang, &[0], g);
            let found = m
                .iter()
                .find(|m| m.surface == name)
                .unwrap_or_else(|| panic!("{name} in {m:?}"));
            assert_eq!(found.role.as_deref(), Some(role), "{text}");
            assert_eq!(found.cue, KindCue::Strong(EntityKind::Person));
        }
    }

    #[test]
    fn sentence_initial_words_are_only_tentative() {
        assert_eq!(firm("Maintenant, Pompeo parle.", Lang::Fr), ["Pompeo"]);
        assert_eq!(
            names("Douyin est sous pression.", Lang::Fr),
            [("Douyin".to_string(), false)],
            "known"
        );
        assert_eq!(
            names("Youpix est sous pression.", Lang::Fr),
            [("Youpix".to_string(), true)]
        );
        assert!(firm("Officials did not release names.", Lang::En).is_empty());
    }

    #[test]
    fn title_case_headlines_give_only_tentative_names() {
        let got = names("Storm Floods Port Ellery And Cuts Power", Lang::En);
        assert!(got.iter().all(|(_, t)| *t), "{got:?}");
    }
}
