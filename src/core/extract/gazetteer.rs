//! The word lists shipped in `assets/gazetteer/` (see `assets/README.md` for their sources):
//! known places, organisations and other names with their canonical spelling, given names,
//! organisation suffixes, role words, calendar words, and capitalised words that are never
//! names by themselves. Compiled into the binary, parsed once.
//!
//! Lookups are by [`fold`]ed form (lower case, no diacritics, straight apostrophes), so
//! "Zurich" finds "Zürich" and "TIKTOK" finds "TikTok".

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::super::document::Lang;

/// Kinds of names the gazetteer knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Known {
    Place,
    Organization,
    Other,
}

/// A known name: its kind and its canonical spelling (shared by all its spellings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownName {
    pub kind: Known,
    pub canonical: String,
    /// Listed in capitals ("BEI", "WHO", "ICE"): matches only text in capitals, so the
    /// German "Bei" or the English "who" are not organisations.
    pub acronym: bool,
}

/// Two or more letters, all capitals.
fn all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    names: HashMap<String, KnownName>,
    /// Longest known name in words, to bound lookups.
    pub max_name_words: usize,
    given_names: HashSet<String>,
    org_suffixes: HashSet<String>,
    roles: HashSet<String>,
    /// Longest role in words.
    pub max_role_words: usize,
    calendar: HashSet<String>,
    stop_capitalised: HashSet<String>,
}

/// Lower case, diacritics removed, straight apostrophes: the lookup key of every list.
///
/// ```
/// use factdiff::core::extract::gazetteer::fold;
/// assert_eq!(fold("États-Unis"), "etats-unis");
/// assert_eq!(fold("Zürich"), fold("ZURICH"));
/// ```
pub fn fold(s: &str) -> String {
    // Most words are plain ASCII: skip the decomposition.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] of non-ASCII `s`, appended to `out`. Each character is decomposed on its own (the
/// marks that whole-string NFD would reorder are dropped anyway).
fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        if c.is_ascii() {
            out.push(if c == '`' {
                '\''
            } else {
                c.to_ascii_lowercase()
            });
            continue;
        }
        unicode_normalization::char::decompose_canonical(c, |d| {
            if unicode_normalization::char::is_combining_mark(d) {
                return;
            }
            match d {
                '’' | '‘' | '`' | 'ʼ' => out.push('\''),
                'ß' => out.push('s'),
                d => out.extend(d.to_lowercase()),
            }
        });
    }
}

/// `f` of [`fold`]`(s)` without allocating: a word already folded (plain lower-case ASCII,
/// most words) is passed as it is, others are folded into a buffer kept by the thread. The
/// gazetteer is asked about nearly every word of a text, several times.
fn with_folded<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(s);
    }
    thread_local! {
        static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUFFER.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut buffer) => {
            buffer.clear();
            if s.is_ascii() {
                buffer.extend(s.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                fold_into(s, &mut buffer);
            }
            f(&buffer)
        }
        // Asked again from inside `f`: fold the plain way.
        Err(_) => f(&fold(s)),
    })
}

fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    /// Builds a gazetteer from list texts in the `assets/gazetteer/` formats.
    pub fn from_sources(sources: &Sources) -> Gazetteer {
        let mut g = Gazetteer::default();
        for (src, kind) in [
            (sources.places, Known::Place),
            (sources.organizations, Known::Organization),
            (sources.other, Known::Other),
        ] {
            for line in lines(src) {
                let mut fields = line.split('\t');
                let name = fields.next().unwrap_or("").trim();
                let canonical = fields
                    .next()
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .unwrap_or(name);
                if name.is_empty() {
                    continue;
                }
                g.max_name_words = g.max_name_words.max(name.split(' ').count());
                // The first list to name a spelling wins (places before organisations).
                let acronym = all_caps(name);
                g.names
                    .entry(fold(name))
                    .and_modify(|k| k.acronym &= acronym)
                    .or_insert(KnownName {
                        kind,
                        canonical: canonical.to_string(),
                        acronym,
                    });
            }
        }
        for line in lines(sources.media) {
            g.max_name_words = g.max_name_words.max(line.split(' ').count());
            g.names.entry(fold(line)).or_insert(KnownName {
                kind: Known::Organization,
                canonical: line.to_string(),
                acronym: all_caps(line),
            });
        }
        g.given_names = lines(sources.given_names).map(fold).collect();
        g.org_suffixes = lines(sources.org_suffixes)
            .map(|l| fold(l.trim_end_matches('.')))
            .collect();
        for line in lines(sources.roles) {
            let role = line.split('\t').next().unwrap_or("").trim();
            if !role.is_empty() {
                g.max_role_words = g.max_role_words.max(role.split(' ').count());
                g.roles.insert(fold(role.trim_end_matches('.')));
            }
        }
        // Abbreviations keep their dot ("Sa.", "Mon."), so "SA" or "mon" are not calendar words.
        g.calendar = lines(sources.calendar)
            .filter_map(|l| l.split('\t').next())
            .map(fold)
            .collect();
        g.stop_capitalised = lines(sources.stop_capitalised).map(fold).collect();
        g
    }

    /// The gazetteer built from the lists shipped in `assets/gazetteer/`.
    pub fn shipped() -> &'static Gazetteer {
        static SHIPPED: LazyLock<Gazetteer> =
            LazyLock::new(|| Gazetteer::from_sources(&Sources::SHIPPED));
        &SHIPPED
    }

    /// A known place, organisation or other name spelled `name` (any case, any accents).
    pub fn known(&self, name: &str) -> Option<&KnownName> {
        with_folded(name, |folded| self.names.get(folded)).filter(|k| !k.acronym || all_caps(name))
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        with_folded(word, |folded| self.given_names.contains(folded))
    }

    /// "AG", "GmbH", "Inc.", "Corp", "Group", "Université"…
    pub fn is_org_word(&self, word: &str) -> bool {
        with_folded(word.trim_end_matches('.'), |folded| {
            self.org_suffixes.contains(folded)
        })
    }

    /// "président", "Mayor", "Interior Minister", "Bürgermeisterin", "M."…
    pub fn is_role(&self, words: &str) -> bool {
        with_folded(words.trim_end_matches('.'), |folded| {
            self.roles.contains(folded)
        })
    }

    /// Weekday, month, day-part, relative-day and holiday words in fr/en/de.
    pub fn is_calendar(&self, word: &str) -> bool {
        with_folded(word, |folded| {
            self.calendar.contains(folded) || self.calendar.contains(folded.trim_end_matches('.'))
        })
    }

    /// Capitalised words that are never a name by themselves: "Le", "The", "Die", German
    /// common nouns ("Regierung", "Polizei")…
    pub fn is_stop_capitalised(&self, word: &str, _lang: Lang) -> bool {
        with_folded(word, |folded| self.stop_capitalised.contains(folded))
    }
}

/// The texts of the lists, in the formats of `assets/gazetteer/`.
pub struct Sources {
    pub places: &'static str,
    pub organizations: &'static str,
    pub other: &'static str,
    pub media: &'static str,
    pub given_names: &'static str,
    pub org_suffixes: &'static str,
    pub roles: &'static str,
    pub calendar: &'static str,
    pub stop_capitalised: &'static str,
}

impl Sources {
    pub const SHIPPED: Sources = Sources {
        places: include_str!("../../../assets/gazetteer/places.tsv"),
        organizations: include_str!("../../../assets/gazetteer/organizations.tsv"),
        other: include_str!("../../../assets/gazetteer/other.tsv"),
        media: include_str!("../../../assets/gazetteer/media.txt"),
        given_names: include_str!("../../../assets/gazetteer/given_names.txt"),
        org_suffixes: include_str!("../../../assets/gazetteer/org_suffixes.txt"),
        roles: include_str!("../../../assets/gazetteer/roles.tsv"),
        calendar: include_str!("../../../assets/gazetteer/calendar.tsv"),
        stop_capitalised: include_str!("../../../assets/gazetteer/stop_capitalised.txt"),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `fold` implements faster: NFD, marks dropped, quotes and ß mapped,
    /// lower case.
    fn fold_by_definition(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        if s.is_ascii() {
            return s.to_ascii_lowercase();
        }
        s.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .map(|c| match c {
                '’' | '‘' | '`' | 'ʼ' => '\'',
                'ß' => 's',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn fold_matches_its_definition_on_every_word_of_the_samples() {
        let mut words: Vec<String> = [
            "Ça",
            "ÉTATS-UNIS",
            "Straße",
            "l’Inde",
            "`quoted` é",
            "ǅemal",
            "İstanbul",
            "ΣΟΦΙΑΣ",
            "e\u{301}te\u{301}",
            "한국어",
            "Øresund",
            "ﬁnance",
            "",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        for story in ["tiktok-fr", "storm-en", "pharma-de"] {
            for k in 1..=4 {
                let path = format!("{}/samples/{story}/v{k}.txt", env!("CARGO_MANIFEST_DIR"));
                let text = std::fs::read_to_string(path).expect("sample");
                words.extend(text.split_whitespace().map(str::to_string));
            }
        }
        for w in &words {
            assert_eq!(fold(w), fold_by_definition(w), "{w}");
            assert_eq!(with_folded(w, str::to_string), fold(w), "{w}");
            // Asked again from inside: still the folded word.
            let nested = with_folded(w, |outer| with_folded(w, |inner| inner == outer));
            assert!(nested, "{w}");
        }
    }

    #[test]
    fn shipped_lists_know_the_names_of_the_samples() {
        let g = Gazetteer::shipped();
        for (name, kind, canonical) in [
            ("États-Unis", Known::Place, "United States"),
            ("USA", Known::Place, "United States"),
            ("Nouvelle-Zélande", Known::Place, "New Zealand"),
            ("Inde", Known::Place, "India"),
            ("Pékin", Known::Place, "Beijing"),
            ("Kiel", Known::Place, "Kiel"),
            ("Microsoft", Known::Organization, "Microsoft"),
            ("Maison Blanche", Known::Organization, "White House"),
            ("Fox News", Known::Organization, "Fox News"),
        ] {
            let k = g.known(name).unwrap_or_else(|| panic!("{name} is known"));
            assert_eq!((k.kind, k.canonical.as_str()), (kind, canonical), "{name}");
        }
        assert!(g.is_given_name("Mike") && g.is_given_name("Jane") && g.is_given_name("Uwe"));
        assert!(g.is_org_word("AG") && g.is_org_word("GmbH") && g.is_org_word("Corp."));
        assert!(g.is_role("président") && g.is_role("Mayor") && g.is_role("Bürgermeister"));
        assert!(g.is_calendar("dimanche") && g.is_calendar("März") && g.is_calendar("Sunday"));
        assert!(g.is_calendar("Sunday.") && g.is_calendar("Sa.") && !g.is_calendar("SA"));
        assert!(
            g.is_stop_capitalised("Le", Lang::Fr) && g.is_stop_capitalised("Polizei", Lang::De)
        );
        assert!(!g.is_given_name("Polizei") && g.known("Polizei").is_none());
        assert!(
            g.known("Bei").is_none() && g.known("BEI").is_some(),
            "acronyms match capitals only"
        );
    }
}
