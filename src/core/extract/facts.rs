//! Stage 5, facts: one normalised paragraph → the figures it states: numbers with what they
//! count, money, percentages, dates, times of day and quantities with their units.
//!
//! In: one paragraph of [normalised](crate::core::normalize) text (straight quotes and
//! apostrophes, `-` for every dash, single plain spaces, `...` for `…`) and its [`Lang`].
//! Out: [`FactMatch`]es that do not overlap, sorted by start, with byte ranges into that text.
//!
//! Every pattern below proposes candidates; where two overlap the longer wins, and on a tie the
//! more specific kind (money, percent, time, date, quantity, number). A figure is a fact only
//! when the text says what it is: `175 marchés` is one, `175` alone or `TikTok's 2020 plans` is
//! not. Numbers are read the way each language writes them: `3.700` is 3700 in German and 3.7
//! in English, `1 500` and `12,5` are French. With [`Lang::Unknown`] every language's rules are
//! tried, except words that mean something else in another language (`hier` is "here" in
//! German, `morgen` may be "morning", `elf` and `cent` are English words), and `3.700` or
//! `2,400` read as thousands.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{FactKind, FactMatch, FactValue};
use crate::core::document::Lang;

/// Finds the facts in one normalised paragraph: what changed between two versions of an
/// article is mostly in these ("150 marchés" → "175 marchés", "March 8" → "March 12").
///
/// ```
/// use factdiff::core::{document::Lang, extract::{FactKind, FactValue, facts::find_facts}};
/// let text = "Elle compte près d'un milliard d'utilisateurs depuis le 15 septembre.";
/// let facts = find_facts(text, Lang::Fr);
/// assert_eq!(facts.len(), 2);
/// assert_eq!(&text[facts[0].range.clone()], "près d'un milliard d'utilisateurs");
/// assert_eq!(facts[0].kind, FactKind::Number);
/// assert_eq!(facts[0].value, Some(FactValue::Number(1e9)));
/// assert_eq!(facts[0].unit.as_deref(), Some("utilisateurs"));
/// assert_eq!(facts[0].qualifier.as_deref(), Some("près de"));
/// assert_eq!(facts[1].value, Some(FactValue::Text("--09-15".into())));
/// ```
pub fn find_facts(text: &str, lang: Lang) -> Vec<FactMatch> {
    let rules = Rules::new(lang);
    let mut found = Vec::new();
    iso_dates(text, &mut found);
    quarter_dates(text, &mut found);
    fractions(text, &mut found);
    numeric_dates(text, rules, &mut found);
    word_dates(text, rules, &mut found);
    year_dates(text, rules, &mut found);
    clock_times(text, rules, &mut found);
    amounts(text, rules, &mut found);
    settle(found)
}

// ---------------------------------------------------------------------------------------------
// Languages and word tables.

const FR: u8 = 1;
const EN: u8 = 2;
const DE: u8 = 4;
const ALL: u8 = FR | EN | DE;

/// Which languages' words and number formats apply.
#[derive(Clone, Copy, Debug)]
struct Rules {
    langs: u8,
    /// The language is known, so words that are ambiguous across languages may be used.
    known: bool,
}

impl Rules {
    fn new(lang: Lang) -> Self {
        match lang {
            Lang::Fr => Rules {
                langs: FR,
                known: true,
            },
            Lang::En => Rules {
                langs: EN,
                known: true,
            },
            Lang::De => Rules {
                langs: DE,
                known: true,
            },
            Lang::Unknown => Rules {
                langs: ALL,
                known: false,
            },
        }
    }

    fn has(self, mask: u8) -> bool {
        self.langs & mask != 0
    }

    /// The text is known to be in one of `mask`'s languages.
    fn surely(self, mask: u8) -> bool {
        self.known && self.has(mask)
    }

    fn format(self) -> NumFormat {
        match (self.known, self.langs) {
            (true, EN) => NumFormat::DotDecimal,
            (true, _) => NumFormat::CommaDecimal,
            (false, _) => NumFormat::Guess,
        }
    }
}

/// A word or phrase of a table, the languages it belongs to, and what it means.
#[derive(Clone, Copy, Debug)]
struct Phrase<T: Copy + 'static> {
    text: &'static str,
    value: T,
    langs: u8,
    exact_case: bool,
}

/// A phrase matched in any case ("Euro", "euro", "EURO").
const fn ci<T: Copy>(text: &'static str, value: T, langs: u8) -> Phrase<T> {
    Phrase {
        text,
        value,
        langs,
        exact_case: false,
    }
}

/// A phrase matched in its exact case: abbreviations and symbols ("MW" is not "mW").
const fn cs<T: Copy>(text: &'static str, value: T, langs: u8) -> Phrase<T> {
    Phrase {
        text,
        value,
        langs,
        exact_case: true,
    }
}

/// Approximations and bounds before a number. Each surface ends where the number starts.
/// Matches "at least 19 people", "près d'un milliard"; not "beaucoup moins 5" ("moins" alone).
const NUMBER_QUALIFIERS: &[Phrase<&str>] = &[
    ci("près de ", "près de", FR),
    ci("près d'", "près de", FR),
    ci("environ ", "environ", FR),
    ci("plus de ", "plus de", FR),
    ci("plus d'", "plus de", FR),
    ci("moins de ", "moins de", FR),
    ci("moins d'", "moins de", FR),
    ci("au moins ", "au moins", FR),
    ci("au plus ", "au plus", FR),
    ci("quelque ", "quelque", FR),
    ci("jusqu'à ", "jusqu'à", FR),
    ci("presque ", "presque", FR),
    ci("about ", "about", EN),
    ci("around ", "around", EN),
    ci("nearly ", "nearly", EN),
    ci("almost ", "almost", EN),
    ci("more than ", "more than", EN),
    ci("over ", "over", EN),
    ci("less than ", "less than", EN),
    ci("fewer than ", "fewer than", EN),
    ci("at least ", "at least", EN),
    ci("at most ", "at most", EN),
    ci("up to ", "up to", EN),
    ci("some ", "some", EN),
    ci("approximately ", "approximately", EN),
    ci("roughly ", "roughly", EN),
    ci("under ", "under", EN),
    ci("rund ", "rund", DE),
    ci("etwa ", "etwa", DE),
    ci("ungefähr ", "ungefähr", DE),
    ci("fast ", "fast", DE),
    ci("knapp ", "knapp", DE),
    ci("mehr als ", "mehr als", DE),
    ci("über ", "über", DE),
    ci("weniger als ", "weniger als", DE),
    ci("mindestens ", "mindestens", DE),
    ci("höchstens ", "höchstens", DE),
    ci("bis zu ", "bis zu", DE),
    ci("circa ", "circa", DE),
    ci("ca. ", "circa", DE),
    ci("zirka ", "circa", DE),
];

/// Words before a clock time, on top of [`NUMBER_QUALIFIERS`]. Matches "gegen 6.40 Uhr",
/// "vers 18 heures"; not "um 6 Uhr" (`um` is just "at").
const TIME_QUALIFIERS: &[Phrase<&str>] = &[
    ci("vers ", "vers", FR),
    ci("aux alentours de ", "aux alentours de", FR),
    ci("peu avant ", "peu avant", FR),
    ci("peu après ", "peu après", FR),
    ci("à partir de ", "à partir de", FR),
    ci("avant ", "avant", FR),
    ci("après ", "après", FR),
    ci("dès ", "dès", FR),
    ci("depuis ", "depuis", FR),
    ci("shortly before ", "shortly before", EN),
    ci("shortly after ", "shortly after", EN),
    ci("just before ", "just before", EN),
    ci("just after ", "just after", EN),
    ci("until ", "until", EN),
    ci("by ", "by", EN),
    ci("before ", "before", EN),
    ci("after ", "after", EN),
    ci("from ", "from", EN),
    ci("since ", "since", EN),
    ci("gegen ", "gegen", DE),
    ci("kurz vor ", "kurz vor", DE),
    ci("kurz nach ", "kurz nach", DE),
    ci("bis ", "bis", DE),
    ci("ab ", "ab", DE),
    ci("vor ", "vor", DE),
    ci("nach ", "nach", DE),
    ci("seit ", "seit", DE),
];

/// French words that make "N heures" a time of day rather than a duration: "à 18 heures",
/// "vers 18 heures"; "en 12 heures" stays a duration.
const CLOCK_CONTEXT: &[&str] = &[
    "vers",
    "aux alentours de",
    "peu avant",
    "peu après",
    "à partir de",
    "avant",
    "après",
    "dès",
    "jusqu'à",
];

/// Bounds before a date, an article included. Matches "au plus tard le 15 septembre",
/// "bis 15. September", "by March 8"; not "le 15 septembre" (a plain article is no bound).
const DATE_BOUNDS: &[Phrase<&str>] = &[
    ci("au plus tard le ", "au plus tard", FR),
    ci("au plus tard ", "au plus tard", FR),
    ci("jusqu'au ", "jusqu'au", FR),
    ci("jusqu'à ", "jusqu'à", FR),
    ci("jusqu'en ", "jusqu'en", FR),
    ci("avant le ", "avant", FR),
    ci("avant ", "avant", FR),
    ci("après le ", "après", FR),
    ci("après ", "après", FR),
    ci("depuis le ", "depuis", FR),
    ci("depuis ", "depuis", FR),
    ci("dès le ", "dès", FR),
    ci("dès ", "dès", FR),
    ci("d'ici au ", "d'ici", FR),
    ci("d'ici le ", "d'ici", FR),
    ci("d'ici ", "d'ici", FR),
    ci("à partir du ", "à partir de", FR),
    ci("à partir de ", "à partir de", FR),
    ci("no later than ", "no later than", EN),
    ci("until ", "until", EN),
    ci("till ", "until", EN),
    ci("by ", "by", EN),
    ci("before ", "before", EN),
    ci("after ", "after", EN),
    ci("since ", "since", EN),
    ci("from ", "from", EN),
    ci("bis zum ", "bis", DE),
    ci("bis ", "bis", DE),
    ci("spätestens am ", "spätestens", DE),
    ci("spätestens ", "spätestens", DE),
    ci("seit dem ", "seit", DE),
    ci("seit ", "seit", DE),
    ci("ab dem ", "ab", DE),
    ci("ab ", "ab", DE),
    ci("vor dem ", "vor", DE),
    ci("nach dem ", "nach", DE),
];

/// Parts of a month or year. Matches "début juillet", "mid-July", "Anfang Juli"; not
/// "début de la crise" (no month follows).
const PERIOD_QUALIFIERS: &[Phrase<&str>] = &[
    ci("début ", "début", FR),
    ci("fin ", "fin", FR),
    ci("mi-", "mi", FR),
    ci("courant ", "courant", FR),
    ci("early ", "early", EN),
    ci("late ", "late", EN),
    ci("mid-", "mid", EN),
    ci("Anfang ", "Anfang", DE),
    ci("Ende ", "Ende", DE),
    ci("Mitte ", "Mitte", DE),
];

/// Words that make a weekday relative: "early Sunday", "last Monday", "am vergangenen Montag".
const WEEKDAY_QUALIFIERS: &[Phrase<&str>] = &[
    ci("early ", "early", EN),
    ci("late ", "late", EN),
    ci("last ", "last", EN),
    ci("next ", "next", EN),
    ci("vergangenen ", "vergangenen", DE),
    ci("letzten ", "letzten", DE),
    ci("kommenden ", "kommenden", DE),
    ci("nächsten ", "nächsten", DE),
];

/// Prepositions that make a month name alone a date: "en septembre", "in September",
/// "im Juli". They are not part of the fact's range.
const MONTH_PREPOSITIONS: &[Phrase<()>] = &[
    ci("en ", (), FR),
    ci("de ", (), FR),
    ci("d'", (), FR),
    ci("in ", (), EN | DE),
    ci("during ", (), EN),
    ci("of ", (), EN),
    ci("im ", (), DE),
];

/// Prepositions that make a four-digit number a year: "en 2019", "in 2019", "im Jahr 2019".
const YEAR_PREPOSITIONS: &[Phrase<()>] = &[
    ci("en ", (), FR),
    ci("l'année ", (), FR),
    ci("année ", (), FR),
    ci("l'an ", (), FR),
    ci("in ", (), EN | DE),
    ci("during ", (), EN),
    ci("year ", (), EN),
    ci("im Jahr ", (), DE),
    ci("im Jahre ", (), DE),
    ci("Jahr ", (), DE),
];

/// Bounds that only years take: "vor 2020", "nach 2020".
const YEAR_BOUNDS: &[Phrase<&str>] = &[ci("vor ", "vor", DE), ci("nach ", "nach", DE)];

/// Marks before an identifier rather than a figure: "Nr. 4471", "n° 5", "page 12".
const ID_MARKERS: &[Phrase<()>] = &[
    cs("#", (), ALL),
    cs("§", (), ALL),
    ci("n°", (), ALL),
    ci("nº", (), ALL),
    ci("Nr.", (), DE),
    ci("No.", (), EN),
    ci("Art.", (), ALL),
    ci("Abs.", (), DE),
    ci("Nummer", (), DE),
    ci("number", (), EN),
    ci("numéro", (), FR),
    ci("page", (), FR | EN),
    ci("Seite", (), DE),
    ci("S.", (), DE),
    ci("p.", (), FR | EN),
    ci("chapter", (), EN),
    ci("chapitre", (), FR),
    ci("Kapitel", (), DE),
    ci("version", (), ALL),
    ci("flight", (), EN),
    ci("Flug", (), DE),
    ci("route", (), FR | EN),
    ci("ligne", (), FR),
    ci("Linie", (), DE),
    ci("Gleis", (), DE),
    ci("room", (), EN),
    ci("Zimmer", (), DE),
    cs("iOS", (), ALL),
    cs("Android", (), ALL),
    cs("Windows", (), ALL),
];

/// A scale word after a number: its power of ten, and whether only money justifies it ("€5m"
/// is five million euros, "5m" alone is five metres).
#[derive(Clone, Copy, Debug)]
struct ScaleWord {
    exp: i32,
    money_only: bool,
}

const fn scale(exp: i32) -> ScaleWord {
    ScaleWord {
        exp,
        money_only: false,
    }
}

const fn money_scale(exp: i32) -> ScaleWord {
    ScaleWord {
        exp,
        money_only: true,
    }
}

/// Matches "1,5 Milliarden", "2 milliards", "5 Mio.", "$7.9 billion", "€5m"; not "5 m" (metres
/// unless money). The English "billion" comes first, so it wins for an unknown language.
const SCALES: &[Phrase<ScaleWord>] = &[
    ci("milliards", scale(9), FR),
    ci("milliard", scale(9), FR),
    ci("millions", scale(6), FR | EN),
    ci("million", scale(6), ALL),
    ci("Millionen", scale(6), DE),
    ci("Milliarden", scale(9), DE),
    ci("Milliarde", scale(9), DE),
    ci("billions", scale(9), EN),
    ci("billion", scale(9), EN),
    ci("billions", scale(12), FR),
    ci("billion", scale(12), FR | DE),
    ci("Billionen", scale(12), DE),
    ci("trillions", scale(12), EN),
    ci("trillion", scale(12), EN),
    ci("thousand", scale(3), EN),
    ci("Tausend", scale(3), DE),
    cs("Mio.", scale(6), DE),
    cs("Mio", scale(6), DE),
    cs("Mill.", scale(6), DE),
    cs("Mrd.", scale(9), DE),
    cs("Mrd", scale(9), DE),
    cs("Tsd.", scale(3), DE),
    cs("bn", scale(9), EN),
    cs("mn", scale(6), EN),
    cs("Md", scale(9), FR),
    cs("Mds", scale(9), FR),
    cs("Mrds", scale(9), FR),
    cs("m", money_scale(6), ALL),
    cs("M", money_scale(6), ALL),
    cs("k", money_scale(3), ALL),
];

/// Currency before the amount. Matches "$7.9 billion", "US$ 5", "CHF 3 Mio.", "€5m"; the
/// longest wins, so "HK$" is not read as "$".
const CURRENCY_PREFIXES: &[Phrase<&str>] = &[
    cs("US$", "USD", ALL),
    cs("C$", "CAD", ALL),
    cs("CA$", "CAD", ALL),
    cs("A$", "AUD", ALL),
    cs("AU$", "AUD", ALL),
    cs("NZ$", "NZD", ALL),
    cs("HK$", "HKD", ALL),
    cs("S$", "SGD", ALL),
    cs("R$", "BRL", ALL),
    cs("$", "USD", ALL),
    cs("€", "EUR", ALL),
    cs("£", "GBP", ALL),
    cs("¥", "JPY", ALL),
    cs("₹", "INR", ALL),
    cs("USD", "USD", ALL),
    cs("EUR", "EUR", ALL),
    cs("GBP", "GBP", ALL),
    cs("CHF", "CHF", ALL),
    cs("JPY", "JPY", ALL),
    cs("CNY", "CNY", ALL),
    cs("CAD", "CAD", ALL),
    cs("AUD", "AUD", ALL),
];

/// Currency after the amount. Matches "2 milliards d'euros", "5 Mio. Euro", "10 000 euros",
/// "3 Millionen Dollar", "5 €"; not "20 pounds" (weight as often as money).
const CURRENCY_SUFFIXES: &[Phrase<&str>] = &[
    cs("€", "EUR", ALL),
    cs("$", "USD", ALL),
    cs("£", "GBP", ALL),
    cs("¥", "JPY", ALL),
    cs("EUR", "EUR", ALL),
    cs("USD", "USD", ALL),
    cs("GBP", "GBP", ALL),
    cs("CHF", "CHF", ALL),
    cs("JPY", "JPY", ALL),
    cs("CNY", "CNY", ALL),
    cs("CAD", "CAD", ALL),
    cs("AUD", "AUD", ALL),
    ci("euros", "EUR", ALL),
    ci("euro", "EUR", ALL),
    ci("dollars américains", "USD", FR),
    ci("dollars canadiens", "CAD", FR),
    ci("dollars australiens", "AUD", FR),
    ci("dollars", "USD", FR | EN),
    ci("dollar", "USD", ALL),
    ci("US dollars", "USD", EN),
    ci("Canadian dollars", "CAD", EN),
    ci("Australian dollars", "AUD", EN),
    ci("US-Dollar", "USD", DE),
    ci("kanadische Dollar", "CAD", DE),
    ci("livres sterling", "GBP", FR),
    ci("pounds sterling", "GBP", EN),
    ci("pound sterling", "GBP", EN),
    ci("Pfund Sterling", "GBP", DE),
    ci("Pfund", "GBP", DE),
    ci("francs suisses", "CHF", FR),
    ci("Swiss francs", "CHF", EN),
    ci("Schweizer Franken", "CHF", DE),
    ci("Franken", "CHF", DE),
    ci("yuans", "CNY", FR),
    ci("yuan", "CNY", ALL),
    ci("renminbi", "CNY", ALL),
    ci("yens", "JPY", FR),
    ci("yen", "JPY", ALL),
    ci("roubles", "RUB", FR | EN),
    ci("rubles", "RUB", EN),
    ci("Rubel", "RUB", DE),
    ci("roupies", "INR", FR),
    ci("rupees", "INR", EN),
    ci("Rupien", "INR", DE),
];

/// Percent signs and words; `true` for percentage points, which keep their unit. Matches
/// "12,5 %", "7%", "5 pour cent", "5 per cent", "12,5 Prozent", "4 Prozentpunkte".
const PERCENT_WORDS: &[Phrase<bool>] = &[
    cs("%", false, ALL),
    ci("pour cent", false, FR),
    ci("pourcent", false, FR),
    ci("points de pourcentage", true, FR),
    ci("point de pourcentage", true, FR),
    ci("per cent", false, EN),
    ci("percent", false, EN),
    ci("percentage points", true, EN),
    ci("percentage point", true, EN),
    ci("Prozent", false, DE),
    ci("Prozentpunkte", true, DE),
    ci("Prozentpunkten", true, DE),
    ci("Prozentpunkt", true, DE),
];

/// Units of measure (length, mass, volume, area, speed, temperature, duration, data, energy);
/// `true` for temperatures, which may be negative. Matches "120 km/h", "2,5 Kilometern",
/// "140 millimetres", "90 jours", "30 °C"; not "5 l'an" (an elided article, not litres).
const UNITS: &[Phrase<bool>] = &[
    // Speed.
    cs("km/h", false, ALL),
    cs("km/s", false, ALL),
    cs("m/s", false, ALL),
    cs("mph", false, ALL),
    ci("Kilometern pro Stunde", false, DE),
    ci("Kilometer pro Stunde", false, DE),
    ci("Stundenkilometern", false, DE),
    ci("Stundenkilometer", false, DE),
    ci("kilomètres par heure", false, FR),
    ci("kilomètres à l'heure", false, FR),
    ci("kilomètres-heure", false, FR),
    ci("kilometres per hour", false, EN),
    ci("kilometers per hour", false, EN),
    ci("miles per hour", false, EN),
    ci("nœuds", false, FR),
    ci("noeuds", false, FR),
    ci("knots", false, EN),
    ci("Knoten", false, DE),
    // Length.
    cs("mm", false, ALL),
    cs("cm", false, ALL),
    cs("m", false, ALL),
    cs("km", false, ALL),
    cs("ft", false, EN),
    ci("kilomètres", false, FR),
    ci("kilomètre", false, FR),
    ci("kilometres", false, EN),
    ci("kilometre", false, EN),
    ci("kilometers", false, EN),
    ci("kilometer", false, EN | DE),
    ci("Kilometern", false, DE),
    ci("mètres", false, FR),
    ci("mètre", false, FR),
    ci("metres", false, EN),
    ci("metre", false, EN),
    ci("meters", false, EN),
    ci("meter", false, EN | DE),
    ci("Metern", false, DE),
    ci("centimètres", false, FR),
    ci("centimètre", false, FR),
    ci("centimetres", false, EN),
    ci("centimeters", false, EN),
    ci("Zentimeter", false, DE),
    ci("Zentimetern", false, DE),
    ci("millimètres", false, FR),
    ci("millimètre", false, FR),
    ci("millimetres", false, EN),
    ci("millimeters", false, EN),
    ci("Millimeter", false, DE),
    ci("Millimetern", false, DE),
    ci("milles nautiques", false, FR),
    ci("nautical miles", false, EN),
    ci("Seemeilen", false, DE),
    ci("miles", false, EN),
    ci("mile", false, EN),
    ci("Meilen", false, DE),
    ci("feet", false, EN),
    ci("foot", false, EN),
    ci("inches", false, EN),
    ci("yards", false, EN),
    // Area.
    cs("km²", false, ALL),
    cs("km2", false, ALL),
    cs("m²", false, ALL),
    cs("m2", false, ALL),
    cs("ha", false, ALL),
    ci("hectares", false, FR | EN),
    ci("hectare", false, FR | EN),
    ci("Hektar", false, DE),
    ci("acres", false, EN),
    ci("kilomètres carrés", false, FR),
    ci("mètres carrés", false, FR),
    ci("square kilometres", false, EN),
    ci("square kilometers", false, EN),
    ci("square miles", false, EN),
    ci("square metres", false, EN),
    ci("square meters", false, EN),
    ci("Quadratkilometer", false, DE),
    ci("Quadratkilometern", false, DE),
    ci("Quadratmeter", false, DE),
    ci("Quadratmetern", false, DE),
    // Volume.
    cs("l", false, ALL),
    cs("L", false, ALL),
    cs("ml", false, ALL),
    cs("cl", false, ALL),
    cs("hl", false, ALL),
    cs("m³", false, ALL),
    cs("m3", false, ALL),
    ci("litres", false, FR | EN),
    ci("litre", false, FR | EN),
    ci("liters", false, EN),
    ci("liter", false, EN | DE),
    ci("Litern", false, DE),
    ci("mètres cubes", false, FR),
    ci("cubic metres", false, EN),
    ci("cubic meters", false, EN),
    ci("Kubikmeter", false, DE),
    ci("Kubikmetern", false, DE),
    ci("gallons", false, EN),
    ci("barrels", false, EN),
    ci("barils", false, FR),
    ci("Barrel", false, DE),
    // Mass.
    cs("mg", false, ALL),
    cs("g", false, ALL),
    cs("kg", false, ALL),
    cs("t", false, ALL),
    cs("lb", false, EN),
    cs("lbs", false, EN),
    cs("oz", false, EN),
    ci("tonnes", false, FR | EN),
    ci("tonne", false, FR | EN),
    ci("tons", false, EN),
    ci("ton", false, EN),
    ci("Tonnen", false, DE),
    ci("kilos", false, FR | EN),
    ci("kilo", false, ALL),
    ci("kilogrammes", false, FR),
    ci("kilogramme", false, FR),
    ci("kilograms", false, EN),
    ci("kilogram", false, EN),
    ci("Kilogramm", false, DE),
    ci("grammes", false, FR),
    ci("gramme", false, FR),
    ci("grams", false, EN),
    ci("Gramm", false, DE),
    ci("pounds", false, EN),
    ci("ounces", false, EN),
    ci("quintaux", false, FR),
    // Temperature.
    cs("°C", true, ALL),
    cs("°F", true, ALL),
    cs("° C", true, ALL),
    cs("°", true, ALL),
    ci("degrés Celsius", true, FR),
    ci("degrés", true, FR),
    ci("degrees Celsius", true, EN),
    ci("degrees Fahrenheit", true, EN),
    ci("degrees", true, EN),
    ci("Grad Celsius", true, DE),
    ci("Grad", true, DE),
    // Duration.
    ci("secondes", false, FR),
    ci("seconde", false, FR),
    ci("seconds", false, EN),
    ci("Sekunden", false, DE),
    ci("Sekunde", false, DE),
    cs("min", false, ALL),
    ci("minutes", false, FR | EN),
    ci("minute", false, FR | EN),
    ci("Minuten", false, DE),
    ci("heures", false, FR),
    ci("heure", false, FR),
    ci("hours", false, EN),
    ci("hour", false, EN),
    ci("Stunden", false, DE),
    ci("Stunde", false, DE),
    ci("jours", false, FR),
    ci("jour", false, FR),
    ci("days", false, EN),
    ci("day", false, EN),
    ci("Tage", false, DE),
    ci("Tagen", false, DE),
    ci("Tag", false, DE),
    ci("semaines", false, FR),
    ci("semaine", false, FR),
    ci("weeks", false, EN),
    ci("week", false, EN),
    ci("Wochen", false, DE),
    ci("Woche", false, DE),
    ci("mois", false, FR),
    ci("months", false, EN),
    ci("month", false, EN),
    ci("Monate", false, DE),
    ci("Monaten", false, DE),
    ci("Monat", false, DE),
    ci("ans", false, FR),
    ci("an", false, FR),
    ci("années", false, FR),
    ci("année", false, FR),
    ci("years", false, EN),
    ci("year", false, EN),
    ci("Jahre", false, DE),
    ci("Jahren", false, DE),
    ci("Jahr", false, DE),
    ci("décennies", false, FR),
    ci("decades", false, EN),
    ci("Jahrzehnte", false, DE),
    ci("Jahrzehnten", false, DE),
    // Data.
    cs("Go", false, FR),
    cs("Mo", false, FR),
    cs("To", false, FR),
    cs("Ko", false, FR),
    cs("GB", false, ALL),
    cs("MB", false, ALL),
    cs("TB", false, ALL),
    cs("KB", false, ALL),
    cs("kB", false, ALL),
    cs("Gbit/s", false, ALL),
    cs("Mbit/s", false, ALL),
    ci("gigaoctets", false, FR),
    ci("mégaoctets", false, FR),
    ci("téraoctets", false, FR),
    ci("gigabytes", false, EN),
    ci("megabytes", false, EN),
    ci("terabytes", false, EN),
    ci("Gigabyte", false, DE),
    ci("Megabyte", false, DE),
    ci("Terabyte", false, DE),
    // Energy and power.
    cs("W", false, ALL),
    cs("kW", false, ALL),
    cs("MW", false, ALL),
    cs("GW", false, ALL),
    cs("TW", false, ALL),
    cs("Wh", false, ALL),
    cs("kWh", false, ALL),
    cs("MWh", false, ALL),
    cs("GWh", false, ALL),
    cs("TWh", false, ALL),
    cs("kV", false, ALL),
    ci("kilowatts", false, FR | EN),
    ci("Kilowatt", false, DE),
    ci("mégawatts", false, FR),
    ci("megawatts", false, EN),
    ci("Megawatt", false, DE),
    ci("gigawatts", false, FR | EN),
    ci("Gigawatt", false, DE),
    ci("kilowattheures", false, FR),
    ci("kilowatt-hours", false, EN),
    ci("Kilowattstunden", false, DE),
    ci("mégawattheures", false, FR),
    ci("megawatt-hours", false, EN),
    ci("Megawattstunden", false, DE),
    ci("térawattheures", false, FR),
    ci("terawatt-hours", false, EN),
    ci("Terawattstunden", false, DE),
];

/// Number words up to twenty, the tens, and `cent`/`mille`/`hundert`/`tausend`. "un", "one",
/// "a" and "ein" are in [`ARTICLES`]: they count only with a scale word.
const NUMBER_WORDS: &[(&str, u64, u8)] = &[
    ("deux", 2, FR),
    ("trois", 3, FR),
    ("quatre", 4, FR),
    ("cinq", 5, FR),
    ("six", 6, FR | EN),
    ("sept", 7, FR),
    ("huit", 8, FR),
    ("neuf", 9, FR),
    ("dix", 10, FR),
    ("onze", 11, FR),
    ("douze", 12, FR),
    ("treize", 13, FR),
    ("quatorze", 14, FR),
    ("quinze", 15, FR),
    ("seize", 16, FR),
    ("vingt", 20, FR),
    ("trente", 30, FR),
    ("quarante", 40, FR),
    ("cinquante", 50, FR),
    ("soixante", 60, FR),
    ("cent", 100, FR),
    ("mille", 1000, FR),
    ("two", 2, EN),
    ("three", 3, EN),
    ("four", 4, EN),
    ("five", 5, EN),
    ("seven", 7, EN),
    ("eight", 8, EN),
    ("nine", 9, EN),
    ("ten", 10, EN),
    ("eleven", 11, EN),
    ("twelve", 12, EN),
    ("thirteen", 13, EN),
    ("fourteen", 14, EN),
    ("fifteen", 15, EN),
    ("sixteen", 16, EN),
    ("seventeen", 17, EN),
    ("eighteen", 18, EN),
    ("nineteen", 19, EN),
    ("twenty", 20, EN),
    ("thirty", 30, EN),
    ("forty", 40, EN),
    ("fifty", 50, EN),
    ("sixty", 60, EN),
    ("seventy", 70, EN),
    ("eighty", 80, EN),
    ("ninety", 90, EN),
    ("zwei", 2, DE),
    ("drei", 3, DE),
    ("vier", 4, DE),
    ("fünf", 5, DE),
    ("sechs", 6, DE),
    ("sieben", 7, DE),
    ("acht", 8, DE),
    ("neun", 9, DE),
    ("zehn", 10, DE),
    ("elf", 11, DE),
    ("zwölf", 12, DE),
    ("dreizehn", 13, DE),
    ("vierzehn", 14, DE),
    ("fünfzehn", 15, DE),
    ("sechzehn", 16, DE),
    ("siebzehn", 17, DE),
    ("achtzehn", 18, DE),
    ("neunzehn", 19, DE),
    ("zwanzig", 20, DE),
    ("dreißig", 30, DE),
    ("vierzig", 40, DE),
    ("fünfzig", 50, DE),
    ("sechzig", 60, DE),
    ("siebzig", 70, DE),
    ("achtzig", 80, DE),
    ("neunzig", 90, DE),
    ("hundert", 100, DE),
    ("tausend", 1000, DE),
];

/// Words for "one" that are also articles or pronouns: "un milliard" and "eine Million" are
/// figures, "Un homme", "one of them" and "ein Sprecher" are not.
const ARTICLES: &[(&str, u8)] = &[
    ("un", FR),
    ("une", FR),
    ("one", EN),
    ("a", EN),
    ("ein", DE),
    ("eine", DE),
    ("einer", DE),
    ("einem", DE),
    ("einen", DE),
    ("eines", DE),
];

/// Number words that are ordinary words in another language: used only when the language is
/// known ("elf" and "cent" are English words).
const AMBIGUOUS_NUMBER_WORDS: &[&str] = &["elf", "cent", "cents"];

/// Words after a number word that multiply it: "deux cents", "a hundred", "trois mille".
const MULTIPLIERS: &[Phrase<u64>] = &[
    ci("hundred", 100, EN),
    ci("cents", 100, FR),
    ci("cent", 100, FR),
    ci("hundert", 100, DE),
    ci("mille", 1000, FR),
];

/// Months by name, lower case. French ones may be written in any case; English and German ones
/// must be capitalised ("may" is a verb).
const MONTHS: &[(&str, u32, u8)] = &[
    ("janvier", 1, FR),
    ("février", 2, FR),
    ("fevrier", 2, FR),
    ("mars", 3, FR),
    ("avril", 4, FR),
    ("mai", 5, FR | DE),
    ("juin", 6, FR),
    ("juillet", 7, FR),
    ("août", 8, FR),
    ("aout", 8, FR),
    ("septembre", 9, FR),
    ("octobre", 10, FR),
    ("novembre", 11, FR),
    ("décembre", 12, FR),
    ("decembre", 12, FR),
    ("january", 1, EN),
    ("february", 2, EN),
    ("march", 3, EN),
    ("april", 4, EN | DE),
    ("may", 5, EN),
    ("june", 6, EN),
    ("july", 7, EN),
    ("august", 8, EN | DE),
    ("september", 9, EN | DE),
    ("october", 10, EN),
    ("november", 11, EN | DE),
    ("december", 12, EN),
    ("januar", 1, DE),
    ("jänner", 1, DE),
    ("februar", 2, DE),
    ("märz", 3, DE),
    ("maerz", 3, DE),
    ("juni", 6, DE),
    ("juli", 7, DE),
    ("oktober", 10, DE),
    ("dezember", 12, DE),
];

/// Abbreviated months; they need their period and a day ("Sept. 15", "15 sept.").
const MONTH_ABBREVIATIONS: &[(&str, u32, u8)] = &[
    ("jan", 1, EN | DE),
    ("janv", 1, FR),
    ("feb", 2, EN | DE),
    ("févr", 2, FR),
    ("fév", 2, FR),
    ("mar", 3, EN),
    ("apr", 4, EN | DE),
    ("avr", 4, FR),
    ("jun", 6, EN),
    ("jul", 7, EN),
    ("juil", 7, FR),
    ("aug", 8, EN | DE),
    ("sep", 9, EN),
    ("sept", 9, ALL),
    ("oct", 10, FR | EN),
    ("okt", 10, DE),
    ("nov", 11, ALL),
    ("dec", 12, EN),
    ("déc", 12, FR),
    ("dez", 12, DE),
];

/// Weekdays, lower case, with their English value.
const WEEKDAYS: &[(&str, &str, u8)] = &[
    ("lundi", "monday", FR),
    ("mardi", "tuesday", FR),
    ("mercredi", "wednesday", FR),
    ("jeudi", "thursday", FR),
    ("vendredi", "friday", FR),
    ("samedi", "saturday", FR),
    ("dimanche", "sunday", FR),
    ("monday", "monday", EN),
    ("tuesday", "tuesday", EN),
    ("wednesday", "wednesday", EN),
    ("thursday", "thursday", EN),
    ("friday", "friday", EN),
    ("saturday", "saturday", EN),
    ("sunday", "sunday", EN),
    ("montag", "monday", DE),
    ("dienstag", "tuesday", DE),
    ("mittwoch", "wednesday", DE),
    ("donnerstag", "thursday", DE),
    ("freitag", "friday", DE),
    ("samstag", "saturday", DE),
    ("sonnabend", "saturday", DE),
    ("sonntag", "sunday", DE),
];

/// Parts of the day after a weekday or a relative day: "dimanche soir", "Sunday night",
/// "gestern Abend".
const DAYPARTS: &[Phrase<&str>] = &[
    ci("soir", "evening", FR),
    ci("soirée", "evening", FR),
    ci("matin", "morning", FR),
    ci("après-midi", "afternoon", FR),
    ci("nuit", "night", FR),
    ci("morning", "morning", EN),
    ci("afternoon", "afternoon", EN),
    ci("evening", "evening", EN),
    ci("night", "night", EN),
    ci("Abend", "evening", DE),
    ci("Morgen", "morning", DE),
    ci("Vormittag", "morning", DE),
    ci("Nachmittag", "afternoon", DE),
    ci("Nacht", "night", DE),
    cs("früh", "morning", DE),
];

/// German weekday compounds: "Sonntagmorgen", "Montagabend".
const DE_DAYPART_SUFFIXES: &[(&str, &str)] = &[
    ("morgen", "morning"),
    ("vormittag", "morning"),
    ("nachmittag", "afternoon"),
    ("abend", "evening"),
    ("nacht", "night"),
];

/// Days named relative to today, with their English value and whether the word is ambiguous
/// across languages (German "hier" is "here"; "Morgen" is also "morning").
struct RelativeDay {
    phrase: Phrase<&'static str>,
    has_daypart: bool,
    ambiguous: bool,
}

const fn rel(phrase: Phrase<&'static str>, has_daypart: bool, ambiguous: bool) -> RelativeDay {
    RelativeDay {
        phrase,
        has_daypart,
        ambiguous,
    }
}

const RELATIVE_DAYS: &[RelativeDay] = &[
    rel(ci("avant-hier", "day before yesterday", FR), false, false),
    rel(ci("après-demain", "day after tomorrow", FR), false, false),
    rel(ci("aujourd'hui", "today", FR), false, false),
    rel(ci("hier", "yesterday", FR), false, true),
    rel(ci("demain", "tomorrow", FR), false, false),
    rel(ci("yesterday", "yesterday", EN), false, false),
    rel(ci("today", "today", EN), false, false),
    rel(ci("tomorrow", "tomorrow", EN), false, false),
    rel(ci("tonight", "today night", EN), true, false),
    rel(ci("last night", "yesterday night", EN), true, false),
    rel(ci("this morning", "today morning", EN), true, false),
    rel(ci("this afternoon", "today afternoon", EN), true, false),
    rel(ci("this evening", "today evening", EN), true, false),
    rel(ci("vorgestern", "day before yesterday", DE), false, false),
    rel(ci("übermorgen", "day after tomorrow", DE), false, false),
    rel(ci("gestern", "yesterday", DE), false, false),
    rel(ci("heute", "today", DE), false, false),
    rel(cs("morgen", "tomorrow", DE), false, true),
];

/// Words that cannot be what a number counts: function words, auxiliaries, reporting verbs,
/// comparatives. Lower case; a German noun is compared lower-cased too ("Uhr" → "uhr").
const STOP_EN: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "but", "nor", "to", "in", "on", "at", "by", "for", "from",
    "with", "without", "into", "onto", "over", "under", "about", "as", "than", "then", "per",
    "via", "up", "down", "out", "off", "after", "before", "since", "until", "till", "during",
    "between", "among", "against", "across", "through", "toward", "towards", "around", "near",
    "is", "are", "was", "were", "be", "been", "being", "am", "pm", "has", "have", "had", "do",
    "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    "said", "says", "say", "told", "more", "less", "fewer", "most", "least", "times", "thirds",
    "quarters", "fifths", "halves", "it", "its", "they", "them", "their", "he", "she", "his",
    "her", "we", "our", "you", "your", "me", "my", "this", "that", "these", "those", "which",
    "who", "whom", "whose", "what", "when", "where", "while", "why", "how", "if", "so", "not",
    "no", "yes", "also", "only", "just", "still", "even", "all", "each", "every", "both", "either",
    "neither", "other", "others", "another", "such", "same", "own", "too", "very", "ago", "later",
    "earlier", "o", "st", "nd", "rd", "th", "here", "there", "now", "again", "percent", "points",
];

const STOP_FR: &[&str] = &[
    "de",
    "d",
    "du",
    "des",
    "la",
    "le",
    "les",
    "l",
    "un",
    "une",
    "et",
    "ou",
    "mais",
    "ni",
    "car",
    "donc",
    "à",
    "au",
    "aux",
    "en",
    "sur",
    "sous",
    "dans",
    "par",
    "pour",
    "avec",
    "sans",
    "entre",
    "vers",
    "chez",
    "contre",
    "selon",
    "depuis",
    "pendant",
    "avant",
    "après",
    "dès",
    "jusqu",
    "lors",
    "ont",
    "sont",
    "est",
    "a",
    "ai",
    "as",
    "avait",
    "avaient",
    "était",
    "étaient",
    "sera",
    "seront",
    "serait",
    "seraient",
    "fut",
    "furent",
    "été",
    "soit",
    "font",
    "fait",
    "qui",
    "que",
    "qu",
    "quoi",
    "dont",
    "où",
    "ce",
    "cet",
    "cette",
    "ces",
    "se",
    "s",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "j",
    "tu",
    "me",
    "m",
    "te",
    "t",
    "y",
    "ne",
    "n",
    "pas",
    "plus",
    "moins",
    "fois",
    "environ",
    "seulement",
    "aussi",
    "déjà",
    "encore",
    "tous",
    "toutes",
    "chacun",
    "chacune",
    "mêmes",
    "près",
    "points",
    "h",
    "tiers",
    "quarts",
    "cinquièmes",
    "demis",
];

const STOP_DE: &[&str] = &[
    "und", "oder", "aber", "sondern", "denn", "der", "die", "das", "den", "dem", "des", "ein",
    "eine", "einer", "einen", "einem", "in", "im", "an", "am", "auf", "aus", "bei", "beim", "mit",
    "nach", "von", "vom", "vor", "zu", "zum", "zur", "für", "über", "unter", "um", "bis", "seit",
    "ab", "gegen", "ohne", "durch", "wegen", "trotz", "während", "sind", "ist", "war", "waren",
    "wird", "werden", "wurde", "wurden", "hat", "haben", "hatte", "hatten", "sein", "seien", "sei",
    "wäre", "wären", "kann", "können", "konnte", "konnten", "soll", "sollen", "sollte", "muss",
    "müssen", "mehr", "weniger", "als", "wie", "nicht", "noch", "schon", "auch", "nur", "bereits",
    "etwa", "rund", "fast", "knapp", "mal", "uhr", "er", "sie", "es", "wir", "ihr", "ihnen", "uns",
    "man", "sich", "dass", "ob", "wenn", "weil", "davon", "prozent", "drittel", "viertel",
    "fünftel", "hälfte",
];

/// French adjectives that come before the noun: in "trois nouveaux marchés" the noun is
/// "marchés".
const FR_PRENOMINAL: &[&str] = &[
    "nouveaux",
    "nouvelles",
    "autres",
    "grands",
    "grandes",
    "petits",
    "petites",
    "jeunes",
    "premiers",
    "premières",
    "derniers",
    "dernières",
    "principaux",
    "principales",
    "vieux",
    "anciens",
    "anciennes",
    "gros",
    "grosses",
    "bons",
    "bonnes",
    "hauts",
    "hautes",
];

// ---------------------------------------------------------------------------------------------
// Settling overlaps.

/// Rank of a kind when two candidates of the same length overlap: the more specific wins.
fn rank(kind: FactKind) -> u8 {
    match kind {
        FactKind::Money => 0,
        FactKind::Percent => 1,
        FactKind::Time => 2,
        FactKind::Date => 3,
        FactKind::Quantity => 4,
        FactKind::Number => 5,
        FactKind::Quote => 6,
    }
}

/// Keeps the longest candidates that do not overlap, then sorts them by start.
fn settle(mut found: Vec<FactMatch>) -> Vec<FactMatch> {
    found.sort_by(|a, b| {
        b.range
            .len()
            .cmp(&a.range.len())
            .then(rank(a.kind).cmp(&rank(b.kind)))
            .then(a.range.start.cmp(&b.range.start))
    });
    // Kept ranges by start; they never overlap, so checking the neighbours is enough.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    for fact in found {
        let Range { start, end } = fact.range;
        if start >= end {
            continue;
        }
        let before_clear = taken
            .range(..end)
            .next_back()
            .is_none_or(|(_, &e)| e <= start);
        if before_clear {
            taken.insert(start, end);
            kept.push(fact);
        }
    }
    kept.sort_by_key(|f| f.range.start);
    kept
}

fn fact(kind: FactKind, range: Range<usize>, value: Option<FactValue>) -> FactMatch {
    FactMatch {
        kind,
        range,
        value,
        unit: None,
        currency: None,
        qualifier: None,
    }
}

fn text_value(value: String) -> Option<FactValue> {
    Some(FactValue::Text(value))
}

// ---------------------------------------------------------------------------------------------
// Text helpers. All positions are byte offsets on char boundaries; every access goes through
// `get`, so no input can make them panic.

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

fn alnum_at(text: &str, pos: usize) -> bool {
    char_at(text, pos).is_some_and(char::is_alphanumeric)
}

fn alnum_before(text: &str, pos: usize) -> bool {
    char_before(text, pos).is_some_and(char::is_alphanumeric)
}

fn digit_at(text: &str, pos: usize) -> bool {
    char_at(text, pos).is_some_and(|c| c.is_ascii_digit())
}

fn slice(text: &str, range: Range<usize>) -> &str {
    text.get(range).unwrap_or("")
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn same_char(a: char, b: char, exact_case: bool) -> bool {
    if a == b {
        return true;
    }
    if exact_case {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(&b);
    }
    a.to_lowercase().eq(b.to_lowercase())
}

/// Whether a phrase starting (or ending) with byte `pat` cannot match where the text has byte
/// `text`: both ASCII and different even ignoring case. A cheap test before
/// [`phrase_end`]/[`phrase_start`], which phrase tables call at every candidate position.
fn surely_differs(text: Option<u8>, pat: Option<u8>, exact_case: bool) -> bool {
    match (text, pat) {
        (Some(t), Some(p)) if t.is_ascii() && p.is_ascii() => {
            if exact_case {
                t != p
            } else {
                !t.eq_ignore_ascii_case(&p)
            }
        }
        _ => false,
    }
}

/// The end of `pat` if `text[pos..]` starts with it; a phrase ending in a letter or digit must
/// end a word there ("min" does not match "minister").
fn phrase_end(text: &str, pos: usize, pat: &str, exact_case: bool) -> Option<usize> {
    let mut chars = text.get(pos..)?.chars();
    let mut len = 0;
    for p in pat.chars() {
        let c = chars.next()?;
        if !same_char(c, p, exact_case) {
            return None;
        }
        len += c.len_utf8();
    }
    let end = pos + len;
    let word_final = pat.chars().next_back().is_some_and(char::is_alphanumeric);
    (!(word_final && alnum_at(text, end))).then_some(end)
}

/// The start of `pat` if `text[..end]` ends with it; a phrase starting with a letter or digit
/// must start a word there ("about" does not match in "roundabout").
fn phrase_start(text: &str, end: usize, pat: &str, exact_case: bool) -> Option<usize> {
    let mut chars = text.get(..end)?.chars().rev();
    let mut len = 0;
    for p in pat.chars().rev() {
        let c = chars.next()?;
        if !same_char(c, p, exact_case) {
            return None;
        }
        len += c.len_utf8();
    }
    let start = end.checked_sub(len)?;
    let word_initial = pat.chars().next().is_some_and(char::is_alphanumeric);
    (!(word_initial && alnum_before(text, start))).then_some(start)
}

/// The longest phrase of `table` (in the active languages) at `pos`: its end and value. On a
/// tie the first in the table wins.
fn longest_after<T: Copy>(
    text: &str,
    pos: usize,
    table: &[Phrase<T>],
    rules: Rules,
) -> Option<(usize, T)> {
    let mut best: Option<(usize, T)> = None;
    let first = text.as_bytes().get(pos).copied();
    for p in table.iter().filter(|p| rules.has(p.langs)) {
        if surely_differs(first, p.text.as_bytes().first().copied(), p.exact_case) {
            continue;
        }
        if let Some(end) = phrase_end(text, pos, p.text, p.exact_case)
            && best.is_none_or(|(e, _)| end > e)
        {
            best = Some((end, p.value));
        }
    }
    best
}

/// The longest phrase of `table` ending at `end`: its start and value.
fn longest_before<T: Copy>(
    text: &str,
    end: usize,
    table: &[Phrase<T>],
    rules: Rules,
) -> Option<(usize, T)> {
    let mut best: Option<(usize, T)> = None;
    let last = end
        .checked_sub(1)
        .and_then(|i| text.as_bytes().get(i).copied());
    for p in table.iter().filter(|p| rules.has(p.langs)) {
        if surely_differs(last, p.text.as_bytes().last().copied(), p.exact_case) {
            continue;
        }
        if let Some(start) = phrase_start(text, end, p.text, p.exact_case)
            && best.is_none_or(|(s, _)| start < s)
        {
            best = Some((start, p.value));
        }
    }
    best
}

/// The longest qualifier from any of `tables` ending at `end`.
fn qualifier_before(
    text: &str,
    end: usize,
    tables: &[&[Phrase<&'static str>]],
    rules: Rules,
) -> Option<(usize, &'static str)> {
    tables
        .iter()
        .filter_map(|t| longest_before(text, end, t, rules))
        .min_by_key(|&(start, _)| start)
}

/// After one or more spaces at `pos`, the next position; None when no space is there.
fn after_space(text: &str, pos: usize) -> Option<usize> {
    let rest = text.get(pos..)?;
    let n = rest.bytes().take_while(|&b| b == b' ').count();
    (n > 0).then_some(pos + n)
}

/// Before one or more spaces ending at `pos`, the position; None when no space is there.
fn before_space(text: &str, pos: usize) -> Option<usize> {
    let head = text.get(..pos)?;
    let n = head.bytes().rev().take_while(|&b| b == b' ').count();
    (n > 0).then_some(pos - n)
}

fn digits_end(text: &str, pos: usize) -> usize {
    pos + text
        .get(pos..)
        .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count())
}

fn digits_start(text: &str, end: usize) -> usize {
    end - text.get(..end).map_or(0, |h| {
        h.bytes().rev().take_while(u8::is_ascii_digit).count()
    })
}

/// The end of the word starting at `start`: letters, and with `hyphens` inner hyphens too
/// ("vingt-cinq", "low-lying").
fn word_end(text: &str, start: usize, hyphens: bool) -> usize {
    let rest = text.get(start..).unwrap_or("");
    let mut end = start;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            end = start + i + c.len_utf8();
        } else if hyphens
            && c == '-'
            && end == start + i
            && end > start
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        {
            continue;
        } else {
            break;
        }
    }
    end
}

/// The word (with inner hyphens) starting exactly at `pos`.
fn word_at(text: &str, pos: usize) -> Option<Range<usize>> {
    if !char_at(text, pos)?.is_alphabetic() || alnum_before(text, pos) {
        return None;
    }
    Some(pos..word_end(text, pos, true))
}

/// Starts of words: a letter not preceded by a letter or digit.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.char_indices()
        .filter(|&(i, c)| c.is_alphabetic() && !alnum_before(text, i))
        .map(|(i, _)| i)
}

/// Starts of digit runs that may begin a figure: not inside a word ("G7", "Covid-19") nor
/// after a digit and a separator (the "2" of "1.2").
fn numeral_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.char_indices()
        .filter(|&(i, c)| c.is_ascii_digit() && numeral_start_ok(text, i))
        .map(|(i, _)| i)
}

fn numeral_start_ok(text: &str, pos: usize) -> bool {
    match char_before(text, pos) {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c @ ('-' | '.' | ',' | ':' | '/')) => !alnum_before(text, pos - c.len_utf8()),
        Some(_) => true,
    }
}

/// Does a separator and another digit follow at `pos` ("1.2.3", "5-10", "3/4", "6:40")?
fn digits_continue(text: &str, pos: usize) -> bool {
    matches!(char_at(text, pos), Some('.' | ',' | ':' | '/' | '-')) && digit_at(text, pos + 1)
}

/// Can a four-digit figure or a day end at `pos`: no letter, digit or further figure follows?
fn figure_ends(text: &str, pos: usize) -> bool {
    !alnum_at(text, pos) && !digits_continue(text, pos)
}

/// Is `pos` at the start of a sentence (nothing but quotes or brackets since `.`, `!`, `?`, `:`)?
fn sentence_start(text: &str, pos: usize) -> bool {
    let head = text.get(..pos).unwrap_or("");
    match head
        .chars()
        .rev()
        .find(|c| !matches!(c, ' ' | '"' | '\'' | '(' | '[' | '-'))
    {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | '\n'),
    }
}

/// The value `digits × 10^exp`, read exactly as a decimal literal (so 7.9 billion is 7.9e9).
fn decimal_value(digits: &str, exp: i32) -> Option<f64> {
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Some(0.0);
    }
    let value: f64 = format!("{digits}e{exp}").parse().ok()?;
    value.is_finite().then_some(value)
}

fn days_in_month(month: u32, year: Option<u32>) -> u32 {
    match month {
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether `range` starts and ends at word boundaries in the Unicode sense.
///
/// The patterns use ASCII word boundaries (`(?-u:\b)`), which the regex crate's fast
/// automata support: a Unicode `\b` sends every search over French or German text to a slow
/// backtracking engine (a fifth of the extraction time). They start and end with ASCII letters
/// or digits, so the ASCII boundary holds wherever the Unicode one does; this check rejects
/// the few extra matches, next to a letter like "é".
fn unicode_word_bounded(text: &str, range: Range<usize>) -> bool {
    !alnum_before(text, range.start) && !alnum_at(text, range.end)
}

fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

// ---------------------------------------------------------------------------------------------
// Dates.

/// ISO dates. Matches "2020-08-03" and "2020-08"; not "2020-2021" (no month 20) nor "12020-08".
static ISO_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?"));

/// Numeric dates, day first in French and German, month first in English. Matches
/// "03/08/2020" and "3.8.2020"; not "1/2" (no year) nor "3/08.2020" (mixed separators).
static NUMERIC_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(r"(\d{1,2})([./])(\d{1,2})([./])(\d{4})"));

/// Quarters and half-years, as companies report them: "Q1 2026", "Q3", "H2 2025", "T3 2025"
/// (French trimestre), "1. Quartal 2026", "3e trimestre". Not "Q10", "T34" or "H5N1".
static QUARTER_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(
        r"(?-u:\b)(?:([QT])([1-4])|(H)([12])|([1-4])\.\s?(Quartal|Halbjahr)|([1-4])(?:e|er|ème)\s(trimestre|semestre))(?:\s(\d{4}))?(?-u:\b)",
    )
});

fn quarter_dates(text: &str, out: &mut Vec<FactMatch>) {
    let Some(re) = QUARTER_DATE.as_ref() else {
        return;
    };
    for caps in re.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if !unicode_word_bounded(text, whole.range()) {
            continue;
        }
        let get = |i: usize| caps.get(i).map(|m| m.as_str());
        let (period, n) = match (
            get(1),
            get(2),
            get(3),
            get(4),
            get(5),
            get(6),
            get(7),
            get(8),
        ) {
            (Some(_), Some(n), ..) => ("Q", n),
            (_, _, Some(_), Some(n), ..) => ("H", n),
            (.., Some(n), Some("Quartal"), _, _) => ("Q", n),
            (.., Some(n), Some(_), _, _) => ("H", n),
            (.., Some(n), Some("trimestre")) => ("Q", n),
            (.., Some(n), Some(_)) => ("H", n),
            _ => continue,
        };
        let value = match get(9) {
            Some(year) => format!("{year}-{period}{n}"),
            None => format!("{period}{n}"),
        };
        out.push(fact(FactKind::Date, whole.range(), text_value(value)));
    }
}

/// Fractions of a counted group: "a third of residents", "half of the staff", "deux tiers des
/// salariés", "la moitié des électeurs", "ein Drittel der Befragten", "die Hälfte aller
/// Haushalte". Not "a quarter past six" (no "of"), not "Viertel" as a district.
static FRACTION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(concat!(
        r"(?i)(?-u:\b)(?:(a|one|two|three)\s(third|thirds|quarter|quarters|fifth|fifths|tenth|tenths)|(half))\s(?:of\s)(?:the\s|all\s|its\s|their\s)?(\p{L}[\p{L}-]*)",
        r"|(?-u:\b)(?:(un|une|deux|trois)\s(tiers|quart|quarts|cinquième|cinquièmes|dixième|dixièmes)|la\s(moitié))\s(?:des\s|de\s|du\s|d')(\p{L}[\p{L}-]*)",
        r"|(?-u:\b)(?:(ein|eine|einem|einen|einer|zwei|drei)\s(Drittel|Viertel|Fünftel|Achtel|Zehntel)|die\s(Hälfte))\s(?:der\s|des\s|aller\s|von\s)?(\p{Lu}[\p{L}-]*)",
    ))
});

fn fraction_value(count: Option<&str>, part: &str) -> Option<f64> {
    let n = match count.map(str::to_lowercase).as_deref() {
        None | Some("a" | "one" | "un" | "une" | "ein" | "eine" | "einem" | "einen" | "einer") => {
            1.0
        }
        Some("two" | "deux" | "zwei") => 2.0,
        Some("three" | "trois" | "drei") => 3.0,
        _ => return None,
    };
    let d = match part.to_lowercase().as_str() {
        "half" | "moitié" | "hälfte" => 2.0,
        "third" | "thirds" | "tiers" | "drittel" => 3.0,
        "quarter" | "quarters" | "quart" | "quarts" | "viertel" => 4.0,
        "fifth" | "fifths" | "cinquième" | "cinquièmes" | "fünftel" => 5.0,
        "achtel" => 8.0,
        "tenth" | "tenths" | "dixième" | "dixièmes" | "zehntel" => 10.0,
        _ => return None,
    };
    Some(n / d)
}

fn fractions(text: &str, out: &mut Vec<FactMatch>) {
    let Some(re) = FRACTION.as_ref() else { return };
    for caps in re.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if alnum_before(text, whole.start()) {
            continue;
        }
        let get = |i: usize| caps.get(i).map(|m| m.as_str());
        let (count, part, noun) = if let Some(p) = get(2).or(get(3)) {
            (get(1), p, get(4))
        } else if let Some(p) = get(6).or(get(7)) {
            (get(5), p, get(8))
        } else if let Some(p) = get(10).or(get(11)) {
            (get(9), p, get(12))
        } else {
            continue;
        };
        let Some(value) = fraction_value(count, part) else {
            continue;
        };
        let mut m = fact(
            FactKind::Number,
            whole.range(),
            Some(FactValue::Number(value)),
        );
        m.unit = noun.map(str::to_string);
        out.push(m);
    }
}

fn iso_dates(text: &str, out: &mut Vec<FactMatch>) {
    let Some(re) = ISO_DATE.as_ref() else { return };
    for caps in re.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if !numeral_start_ok(text, whole.start()) || !figure_ends(text, whole.end()) {
            continue;
        }
        let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (Some(year), Some(month)) = (number(1), number(2)) else {
            continue;
        };
        if !(1000..=2999).contains(&year) || !(1..=12).contains(&month) {
            continue;
        }
        let value = match caps.get(3) {
            None => format!("{year:04}-{month:02}"),
            Some(_) => match number(3) {
                Some(day) if (1..=days_in_month(month, Some(year))).contains(&day) => {
                    format!("{year:04}-{month:02}-{day:02}")
                }
                _ => continue,
            },
        };
        out.push(fact(FactKind::Date, whole.range(), text_value(value)));
    }
}

fn numeric_dates(text: &str, rules: Rules, out: &mut Vec<FactMatch>) {
    let Some(re) = NUMERIC_DATE.as_ref() else {
        return;
    };
    for caps in re.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let part = |i: usize| caps.get(i).map_or("", |m| m.as_str());
        if part(2) != part(4)
            || !numeral_start_ok(text, whole.start())
            || !figure_ends(text, whole.end())
        {
            continue;
        }
        let (Ok(a), Ok(b), Ok(year)) = (
            part(1).parse::<u32>(),
            part(3).parse::<u32>(),
            part(5).parse::<u32>(),
        ) else {
            continue;
        };
        // Day first, except in English with slashes; an unknown language goes by whichever
        // reading is possible, day first when both are.
        let month_first = part(2) == "/"
            && if rules.known {
                rules.has(EN)
            } else {
                a <= 12 && b > 12
            };
        let (day, month) = if month_first { (b, a) } else { (a, b) };
        if !(1000..=2999).contains(&year)
            || !(1..=12).contains(&month)
            || !(1..=days_in_month(month, Some(year))).contains(&day)
        {
            continue;
        }
        let value = format!("{year:04}-{month:02}-{day:02}");
        out.push(fact(FactKind::Date, whole.range(), text_value(value)));
    }
}

fn word_dates(text: &str, rules: Rules, out: &mut Vec<FactMatch>) {
    for start in word_starts(text) {
        if let Some(f) = month_date(text, start, rules)
            .or_else(|| weekday_date(text, start, rules))
            .or_else(|| relative_day(text, start, rules))
        {
            out.push(f);
        }
    }
}

/// A month name at `start`: month number, end (with the period of an abbreviation), and
/// whether it was abbreviated.
fn month_word(text: &str, start: usize, rules: Rules) -> Option<(u32, usize, bool)> {
    let end = word_end(text, start, false);
    let word = slice(text, start..end);
    let mut buf = [0u8; TABLE_WORD];
    let lower = lower_small(word, &mut buf)?;
    // French months are lower case; English and German ones capitalised.
    let capital = is_capitalized(word);
    let fits = |langs: u8| rules.has(langs & FR) || (capital && rules.has(langs & (EN | DE)));
    if let Some(&(_, month, _)) = MONTHS_BY_WORD.find(MONTHS, lower, |(_, _, l)| fits(*l)) {
        return Some((month, end, false));
    }
    if char_at(text, end) == Some('.') {
        let abbr =
            MONTH_ABBREVIATIONS_BY_WORD.find(MONTH_ABBREVIATIONS, lower, |(_, _, l)| fits(*l));
        if let Some(&(_, month, _)) = abbr {
            return Some((month, end + 1, true));
        }
    }
    None
}

/// A day number before a month name: "15 septembre", "1er août", "3. März", "3rd March".
/// Returns the day's start and value.
fn day_before_month(text: &str, month_start: usize, month: u32) -> Option<(usize, u32)> {
    let mut end = before_space(text, month_start)?;
    if char_before(text, end) == Some('.') {
        end -= 1;
    } else if let Some(suffix) = ["er", "re", "st", "nd", "rd", "th"]
        .iter()
        .find(|s| text.get(..end).is_some_and(|h| h.ends_with(*s)))
    {
        end -= suffix.len();
    }
    let start = digits_start(text, end);
    if !(1..=2).contains(&(end - start)) || !numeral_start_ok(text, start) {
        return None;
    }
    let day: u32 = slice(text, start..end).parse().ok()?;
    (1..=days_in_month(month, None))
        .contains(&day)
        .then_some((start, day))
}

/// An English day number after a month name: "March 3", "March 3rd". Returns end and day.
fn day_after_month(text: &str, month_end: usize, month: u32) -> Option<(usize, u32)> {
    let start = after_space(text, month_end)?;
    let digits = digits_end(text, start);
    if !(1..=2).contains(&(digits - start)) {
        return None;
    }
    let day: u32 = slice(text, start..digits).parse().ok()?;
    let end = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| phrase_end(text, digits, s, true))
        .unwrap_or(digits);
    (figure_ends(text, end) && (1..=days_in_month(month, None)).contains(&day))
        .then_some((end, day))
}

/// A year after a month or a day: "septembre 2020", "March 3, 2024", "3. März 2024".
fn year_after(text: &str, pos: usize, comma: bool) -> Option<(usize, u32)> {
    let pos = if comma && char_at(text, pos) == Some(',') {
        pos + 1
    } else {
        pos
    };
    let start = after_space(text, pos)?;
    let end = digits_end(text, start);
    if end - start != 4 || !figure_ends(text, end) {
        return None;
    }
    let year: u32 = slice(text, start..end).parse().ok()?;
    (1000..=2999).contains(&year).then_some((end, year))
}

/// Dates written with a month name. Matches "15 septembre", "le 12 novembre 2020" (without
/// "le"), "March 3, 2024", "am 3. März", "début juillet", "in September"; not "Theresa May"
/// nor "the March" (a month alone needs a day, a year, or a preposition before it).
fn month_date(text: &str, start: usize, rules: Rules) -> Option<FactMatch> {
    let (month, mut end, abbreviated) = month_word(text, start, rules)?;
    let before = day_before_month(text, start, month);
    let after = match before {
        None if rules.has(EN) => day_after_month(text, end, month),
        _ => None,
    };
    if let Some((day_end, _)) = after {
        end = day_end;
    }
    let day = before.map(|d| d.1).or(after.map(|d| d.1));
    let year = year_after(text, end, after.is_some());
    if let Some((year_end, _)) = year {
        end = year_end;
    }
    let year = year.map(|y| y.1);
    if abbreviated && day.is_none() {
        return None;
    }
    let first = before.map_or(start, |d| d.0);
    let qualifier = match day {
        Some(_) => qualifier_before(text, first, &[DATE_BOUNDS], rules),
        None => qualifier_before(text, first, &[PERIOD_QUALIFIERS, DATE_BOUNDS], rules),
    };
    let licensed = day.is_some()
        || year.is_some()
        || qualifier.is_some()
        || longest_before(text, first, MONTH_PREPOSITIONS, rules).is_some();
    if !licensed {
        return None;
    }
    let value = match (year, day) {
        (Some(y), Some(d)) if d <= days_in_month(month, Some(y)) => {
            format!("{y:04}-{month:02}-{d:02}")
        }
        (Some(_), Some(_)) => return None,
        (None, Some(d)) => format!("--{month:02}-{d:02}"),
        (Some(y), None) => format!("{y:04}-{month:02}"),
        (None, None) => format!("--{month:02}"),
    };
    let range_start = qualifier.map_or(first, |q| q.0);
    let mut f = fact(FactKind::Date, range_start..end, text_value(value));
    f.qualifier = qualifier.map(|q| q.1.to_string());
    Some(f)
}

/// Weekdays, with a part of the day. Matches "dimanche soir" ("sunday evening"), "Sunday
/// night", "on Monday" (without "on"), "am Sonntagmorgen", "early Sunday"; not "sunday" in
/// English (a weekday is capitalised there) nor "Sonntags" (habitual).
fn weekday_date(text: &str, start: usize, rules: Rules) -> Option<FactMatch> {
    let mut end = word_end(text, start, false);
    let word = slice(text, start..end);
    let mut buf = [0u8; TABLE_WORD];
    let lower = lower_small(word, &mut buf)?;
    let capital = is_capitalized(word);
    let fits = |langs: u8| rules.has(langs & FR) || (capital && rules.has(langs & (EN | DE)));
    let mut daypart: Option<&str> = None;
    let day = match WEEKDAYS_BY_WORD.find(WEEKDAYS, lower, |(_, _, l)| fits(*l)) {
        Some(&(_, day, _)) => day,
        None if capital && rules.has(DE) => {
            // A German compound: "Sonntagmorgen", "Montagabend".
            let (day, part) =
                WEEKDAYS
                    .iter()
                    .filter(|(_, _, l)| *l == DE)
                    .find_map(|&(name, day, _)| {
                        let rest = lower.strip_prefix(name)?;
                        let part = DE_DAYPART_SUFFIXES.iter().find(|(s, _)| *s == rest)?;
                        Some((day, part.1))
                    })?;
            daypart = Some(part);
            day
        }
        None => return None,
    };
    if daypart.is_none()
        && let Some(pos) = after_space(text, end)
        && let Some((part_end, part)) = longest_after(text, pos, DAYPARTS, rules)
    {
        daypart = Some(part);
        end = part_end;
    }
    let value = match daypart {
        Some(part) => format!("{day} {part}"),
        None => day.to_string(),
    };
    let qualifier = qualifier_before(text, start, &[WEEKDAY_QUALIFIERS, DATE_BOUNDS], rules);
    let mut f = fact(
        FactKind::Date,
        qualifier.map_or(start, |q| q.0)..end,
        text_value(value),
    );
    f.qualifier = qualifier.map(|q| q.1.to_string());
    Some(f)
}

/// Days named relative to the article's date. Matches "hier" (French), "yesterday",
/// "gestern Abend", "tonight"; not German "hier" ("here") nor "Morgen" (the morning).
fn relative_day(text: &str, start: usize, rules: Rules) -> Option<FactMatch> {
    let mut best: Option<(usize, &RelativeDay)> = None;
    for r in RELATIVE_DAYS {
        if !rules.has(r.phrase.langs) || (r.ambiguous && !rules.surely(r.phrase.langs)) {
            continue;
        }
        if let Some(end) = phrase_end(text, start, r.phrase.text, r.phrase.exact_case)
            && best.is_none_or(|(e, _)| end > e)
        {
            best = Some((end, r));
        }
    }
    let (mut end, day) = best?;
    let mut value = day.phrase.value.to_string();
    if !day.has_daypart
        && let Some(pos) = after_space(text, end)
        && let Some((part_end, part)) = longest_after(text, pos, DAYPARTS, rules)
    {
        value = format!("{value} {part}");
        end = part_end;
    }
    let qualifier = qualifier_before(text, start, &[DATE_BOUNDS], rules);
    let mut f = fact(
        FactKind::Date,
        qualifier.map_or(start, |q| q.0)..end,
        text_value(value),
    );
    f.qualifier = qualifier.map(|q| q.1.to_string());
    Some(f)
}

/// Years, only after a preposition that makes them one. Matches "en 2019", "in 2020 Trump",
/// "im Jahr 2019", "since 2019", "début 2020"; not "TikTok's 2020 plans" nor "in 2000 homes"
/// (a count).
fn year_dates(text: &str, rules: Rules, out: &mut Vec<FactMatch>) {
    for start in numeral_starts(text) {
        let end = digits_end(text, start);
        if end - start != 4 || !figure_ends(text, end) || next_is_digit_group(text, end) {
            continue;
        }
        let Ok(year) = slice(text, start..end).parse::<u32>() else {
            continue;
        };
        if !(1000..=2999).contains(&year) {
            continue;
        }
        let qualifier = qualifier_before(
            text,
            start,
            &[PERIOD_QUALIFIERS, DATE_BOUNDS, YEAR_BOUNDS],
            rules,
        );
        let range_start = match qualifier {
            Some((q, _)) => q,
            None => {
                if longest_before(text, start, YEAR_PREPOSITIONS, rules).is_none() {
                    continue;
                }
                // "in 2000 homes" counts homes; "in 2020 Trump" is a year.
                if counted_noun(text, end, rules, false, NounStyle::LowerCase).is_some() {
                    continue;
                }
                start
            }
        };
        let mut f = fact(
            FactKind::Date,
            range_start..end,
            text_value(year.to_string()),
        );
        f.qualifier = qualifier.map(|q| q.1.to_string());
        out.push(f);
    }
}

/// Is another figure right after a space at `pos` ("0800 123", "2019 150 personnes")?
fn next_is_digit_group(text: &str, pos: usize) -> bool {
    char_at(text, pos) == Some(' ') && digit_at(text, pos + 1)
}

// ---------------------------------------------------------------------------------------------
// Times of day.

/// Times of day. Matches "6:40 a.m." ("06:40"), "6.40 Uhr", "18 h 30", "18h30", "à 18 heures",
/// "10 p.m." ("22:00"), "18:30"; not "6.40" alone (a decimal), "en 12 heures" (a duration) nor
/// "2:1" (a score: minutes have two digits).
fn clock_times(text: &str, rules: Rules, out: &mut Vec<FactMatch>) {
    for start in numeral_starts(text) {
        let Some((end, hour, minute)) = clock_at(text, start, rules) else {
            continue;
        };
        let qualifier = qualifier_before(text, start, &[TIME_QUALIFIERS, NUMBER_QUALIFIERS], rules);
        let mut f = fact(
            FactKind::Time,
            qualifier.map_or(start, |q| q.0)..end,
            text_value(format!("{hour:02}:{minute:02}")),
        );
        f.qualifier = qualifier.map(|q| q.1.to_string());
        out.push(f);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

/// What may follow a clock time: "a.m.", "pm", "Uhr". Returns the end and the meridiem.
fn clock_suffix(text: &str, pos: usize, rules: Rules) -> Option<(usize, Option<Meridiem>)> {
    let suffixes = [
        ("a.m.", Some(Meridiem::Am), ALL),
        ("p.m.", Some(Meridiem::Pm), ALL),
        ("pm", Some(Meridiem::Pm), ALL),
        ("am", Some(Meridiem::Am), EN),
        ("Uhr", None, DE),
    ];
    [Some(pos), after_space(text, pos)]
        .into_iter()
        .flatten()
        .find_map(|p| {
            suffixes
                .iter()
                // "am" is German for "on the": only English text may say "10 am".
                .filter(|&&(_, _, langs)| {
                    if langs == EN {
                        rules.surely(EN)
                    } else {
                        rules.has(langs)
                    }
                })
                .find_map(|&(s, m, _)| phrase_end(text, p, s, false).map(|e| (e, m)))
        })
}

fn clock_hour(hour: u32, minute: u32, meridiem: Option<Meridiem>) -> Option<u32> {
    if minute > 59 {
        return None;
    }
    match meridiem {
        None => (hour <= 23).then_some(hour),
        Some(Meridiem::Am) if (1..=12).contains(&hour) => Some(hour % 12),
        Some(Meridiem::Pm) if (1..=12).contains(&hour) => Some(hour % 12 + 12),
        Some(_) => None,
    }
}

/// Two-digit minutes at `pos` or after a space: the "30" of "18h30", "18 h 30", "18 Uhr 30".
fn minutes_after(text: &str, pos: usize) -> Option<(usize, u32)> {
    [Some(pos), after_space(text, pos)]
        .into_iter()
        .flatten()
        .find_map(|p| {
            let end = digits_end(text, p);
            if end - p != 2 || !figure_ends(text, end) {
                return None;
            }
            Some((end, slice(text, p..end).parse().ok()?))
        })
}

/// A clock time starting at `start`: end, hour (24-hour) and minute.
fn clock_at(text: &str, start: usize, rules: Rules) -> Option<(usize, u32, u32)> {
    let hour_end = digits_end(text, start);
    if !(1..=2).contains(&(hour_end - start)) {
        return None;
    }
    let hour: u32 = slice(text, start..hour_end).parse().ok()?;
    // "6:40", "6:40 a.m.", "6.40 Uhr": a period needs a suffix, else it is a decimal.
    if let Some(sep @ (':' | '.')) = char_at(text, hour_end) {
        let minute_start = hour_end + 1;
        let minute_end = digits_end(text, minute_start);
        if minute_end - minute_start != 2 || digits_continue(text, minute_end) {
            return None;
        }
        let minute: u32 = slice(text, minute_start..minute_end).parse().ok()?;
        let suffix = clock_suffix(text, minute_end, rules);
        if suffix.is_none() && (sep == '.' || alnum_at(text, minute_end)) {
            return None;
        }
        let (end, meridiem) = suffix.unwrap_or((minute_end, None));
        return Some((end, clock_hour(hour, minute, meridiem)?, minute));
    }
    // "18h30", "18 h 30", "18h", "18 h" (French).
    if rules.has(FR) {
        for p in [Some(hour_end), after_space(text, hour_end)]
            .into_iter()
            .flatten()
        {
            if char_at(text, p) != Some('h') {
                continue;
            }
            if let Some((end, minute)) = minutes_after(text, p + 1) {
                return Some((end, clock_hour(hour, minute, None)?, minute));
            }
            if !alnum_at(text, p + 1) {
                return Some((p + 1, clock_hour(hour, 0, None)?, 0));
            }
        }
    }
    // "10 p.m.", "18 Uhr", "18 Uhr 30".
    if let Some((end, meridiem)) = clock_suffix(text, hour_end, rules) {
        if meridiem.is_none()
            && let Some((minute_end, minute)) = minutes_after(text, end)
        {
            return Some((minute_end, clock_hour(hour, minute, None)?, minute));
        }
        return Some((end, clock_hour(hour, 0, meridiem)?, 0));
    }
    // "à 18 heures", "18 heures 30"; "en 12 heures" is a duration.
    if rules.has(FR) {
        let words_start = after_space(text, hour_end)?;
        let words_end = phrase_end(text, words_start, "heures", false)
            .or_else(|| phrase_end(text, words_start, "heure", false))?;
        if let Some((minute_end, minute)) =
            after_space(text, words_end).and_then(|p| minutes_after(text, p))
        {
            return Some((minute_end, clock_hour(hour, minute, None)?, minute));
        }
        let context = qualifier_before(text, start, &[TIME_QUALIFIERS, NUMBER_QUALIFIERS], rules)
            .is_some_and(|(_, q)| CLOCK_CONTEXT.contains(&q))
            || phrase_start(text, start, "à ", false).is_some();
        if context {
            return Some((words_end, clock_hour(hour, 0, None)?, 0));
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Numbers, money, percentages, quantities.

/// How a language writes decimals and thousands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumFormat {
    /// French and German: "12,5", "3.700", "1 500".
    CommaDecimal,
    /// English: "2.5", "2,400".
    DotDecimal,
    /// Unknown: a separator before exactly three digits groups thousands, else it is decimal.
    Guess,
}

/// A figure before its unit: digits or number words, with a scale word once one is read.
#[derive(Clone, Debug)]
struct Amount {
    range: Range<usize>,
    /// The significant digits without separators: "79" for 7.9.
    digits: String,
    /// Value is `digits × 10^exp`.
    exp: i32,
    decimal: bool,
    /// Four plain digits from 1900 to 2100: a year more often than a count.
    year_like: bool,
    /// "un", "a", "eine": a figure only with a scale word.
    article: bool,
    /// Written in digits (so "0800 123" can be told from a figure).
    numeral: bool,
}

/// Reads digits at `start` with the language's separators. None for what is not one figure:
/// "1.2.3", "5-10", "0800".
fn numeral(text: &str, start: usize, format: NumFormat) -> Option<Amount> {
    let int_end = digits_end(text, start);
    let first = slice(text, start..int_end);
    if first.is_empty() || (first.len() > 1 && first.starts_with('0')) {
        return None;
    }
    let mut digits = first.to_string();
    let mut end = int_end;
    let group_chars: &[char] = match format {
        NumFormat::CommaDecimal => &['.', ' '],
        NumFormat::DotDecimal => &[','],
        NumFormat::Guess => &['.', ',', ' '],
    };
    let mut group_sep: Option<char> = None;
    if first.len() <= 3 && first != "0" {
        while let Some(sep) = char_at(text, end) {
            if !group_chars.contains(&sep) || group_sep.is_some_and(|g| g != sep) {
                break;
            }
            let group_end = digits_end(text, end + 1);
            if group_end - (end + 1) != 3 {
                break;
            }
            digits.push_str(slice(text, end + 1..group_end));
            group_sep = Some(sep);
            end = group_end;
        }
    }
    let mut frac_len = 0;
    if let Some(sep) = char_at(text, end) {
        let decimal = match format {
            NumFormat::CommaDecimal => sep == ',',
            NumFormat::DotDecimal => sep == '.',
            NumFormat::Guess => matches!(sep, '.' | ',') && group_sep != Some(sep),
        };
        let frac_end = digits_end(text, end + 1);
        if decimal && frac_end > end + 1 {
            digits.push_str(slice(text, end + 1..frac_end));
            frac_len = frac_end - (end + 1);
            end = frac_end;
        }
    }
    if digits_continue(text, end) {
        return None;
    }
    let year_like = group_sep.is_none()
        && frac_len == 0
        && first.len() == 4
        && first
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y));
    Some(Amount {
        range: start..end,
        digits,
        exp: -i32::try_from(frac_len).ok()?,
        decimal: frac_len > 0,
        year_like,
        article: false,
        numeral: true,
    })
}

/// The rows of a word table by their word: a lookup is one hash probe, not a scan of the
/// whole table for every word of the text.
struct ByWord(HashMap<&'static str, Vec<usize>>);

impl ByWord {
    fn new(words: impl Iterator<Item = &'static str>) -> ByWord {
        let mut map: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (row, word) in words.enumerate() {
            map.entry(word).or_default().push(row);
        }
        ByWord(map)
    }

    /// The rows whose word is `word`, in table order.
    fn rows(&self, word: &str) -> &[usize] {
        self.0.get(word).map_or(&[], Vec::as_slice)
    }

    /// The first row of `table` (the table this was built from) whose word is `word` and
    /// that `keep` accepts.
    fn find<'t, T>(&self, table: &'t [T], word: &str, keep: impl Fn(&T) -> bool) -> Option<&'t T> {
        self.rows(word)
            .iter()
            .filter_map(|&row| table.get(row))
            .find(|r| keep(r))
    }
}

static NUMBER_WORDS_BY_WORD: LazyLock<ByWord> =
    LazyLock::new(|| ByWord::new(NUMBER_WORDS.iter().map(|r| r.0)));
static MONTHS_BY_WORD: LazyLock<ByWord> = LazyLock::new(|| ByWord::new(MONTHS.iter().map(|r| r.0)));
static MONTH_ABBREVIATIONS_BY_WORD: LazyLock<ByWord> =
    LazyLock::new(|| ByWord::new(MONTH_ABBREVIATIONS.iter().map(|r| r.0)));
static WEEKDAYS_BY_WORD: LazyLock<ByWord> =
    LazyLock::new(|| ByWord::new(WEEKDAYS.iter().map(|r| r.0)));

/// Longest word, in bytes, that the word tables are looked up with (no month, weekday or
/// number word comes near it).
const TABLE_WORD: usize = 64;

/// `word` in lower case, written into `buf` without allocating (this runs for every word of
/// the text); None when it is too long to be in any word table.
fn lower_small<'b>(word: &str, buf: &'b mut [u8; TABLE_WORD]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let len = c.len_utf8();
        c.encode_utf8(buf.get_mut(n..n + len)?);
        n += len;
    }
    std::str::from_utf8(buf.get(..n)?).ok()
}

fn table_number(word: &str, langs: u8, rules: Rules) -> Option<u64> {
    NUMBER_WORDS_BY_WORD
        .find(NUMBER_WORDS, word, |(_, _, l)| rules.has(*l & langs))
        .map(|&(_, v, _)| v)
}

/// French compounds: "vingt-cinq", "dix-sept", "soixante-dix", "quatre-vingt-dix".
fn french_compound(word: &str, rules: Rules) -> Option<u64> {
    let mut total: u64 = 0;
    let mut prev = "";
    for part in word.split('-') {
        total = match part {
            "et" => total,
            "un" | "une" => total.checked_add(1)?,
            "vingt" | "vingts" if prev == "quatre" => total.checked_sub(4)?.checked_add(80)?,
            "cent" | "cents" => total.max(1).checked_mul(100)?,
            "mille" => total.max(1).checked_mul(1000)?,
            _ => total.checked_add(table_number(part, FR, rules)?)?,
        };
        prev = part;
    }
    (total >= 2).then_some(total)
}

/// English compounds: "twenty-five".
fn english_compound(word: &str, rules: Rules) -> Option<u64> {
    let (tens, unit) = word.split_once('-')?;
    let tens = table_number(tens, EN, rules).filter(|t| t % 10 == 0 && *t >= 20)?;
    let unit = match unit {
        "one" => 1,
        u => table_number(u, EN, rules).filter(|u| *u < 10)?,
    };
    Some(tens + unit)
}

/// German compounds: "einundzwanzig", "zweihundert", "dreitausendfünfhundert".
fn german_compound(word: &str, rules: Rules, depth: u8) -> Option<u64> {
    if word.is_empty() || depth > 4 {
        return None;
    }
    let part = |w: &str, empty: u64| -> Option<u64> {
        if w.is_empty() {
            Some(empty)
        } else if w == "ein" {
            Some(1)
        } else {
            table_number(w, DE, rules).or_else(|| german_compound(w, rules, depth + 1))
        }
    };
    for (key, factor) in [("tausend", 1000), ("hundert", 100)] {
        if let Some((left, right)) = word.split_once(key) {
            let left = part(left, 1)?;
            let right = part(right, 0)?;
            return left.checked_mul(factor)?.checked_add(right);
        }
    }
    let (unit, tens) = word.split_once("und")?;
    let unit = part(unit, 0).filter(|u| (1..10).contains(u))?;
    let tens = table_number(tens, DE, rules).filter(|t| t % 10 == 0 && *t >= 20)?;
    Some(unit + tens)
}

/// A number in words at `start`: "trois", "vingt-cinq", "three", "drei", "deux cents", or an
/// article ("un", "a", "eine") that only a scale word can make a figure.
fn number_word(text: &str, start: usize, rules: Rules) -> Option<Amount> {
    let mut end = word_end(text, start, true);
    let word = slice(text, start..end);
    // German number words are lower case except at the start of a sentence ("Acht" is a noun).
    if rules.surely(DE) && is_capitalized(word) && !sentence_start(text, start) {
        return None;
    }
    let mut buf = [0u8; TABLE_WORD];
    let lower = lower_small(word, &mut buf)?;
    if !rules.known && AMBIGUOUS_NUMBER_WORDS.contains(&lower) {
        return None;
    }
    let mut article = false;
    let mut value = if ARTICLES.iter().any(|(w, l)| *w == lower && rules.has(*l)) {
        article = true;
        1
    } else {
        table_number(lower, ALL, rules)
            .or_else(|| {
                if rules.has(FR) && lower.contains('-') {
                    french_compound(lower, rules)
                } else {
                    None
                }
            })
            .or_else(|| {
                if rules.has(EN) && lower.contains('-') {
                    english_compound(lower, rules)
                } else {
                    None
                }
            })
            .or_else(|| {
                if rules.has(DE) {
                    german_compound(lower, rules, 0)
                } else {
                    None
                }
            })?
    };
    // "deux cents", "a hundred", "trois mille".
    for _ in 0..2 {
        let Some(p) = after_space(text, end) else {
            break;
        };
        let Some((e, factor)) = longest_after(text, p, MULTIPLIERS, rules) else {
            break;
        };
        if !rules.known && slice(text, p..e).to_lowercase().starts_with("cent") {
            break;
        }
        value = value.checked_mul(factor)?;
        end = e;
        article = false;
    }
    Some(Amount {
        range: start..end,
        digits: value.to_string(),
        exp: 0,
        decimal: false,
        year_like: false,
        article,
        numeral: false,
    })
}

fn amounts(text: &str, rules: Rules, out: &mut Vec<FactMatch>) {
    let mut pos = 0;
    while let Some(c) = char_at(text, pos) {
        let next = if c.is_ascii_digit() {
            let parsed = if numeral_start_ok(text, pos) {
                numeral(text, pos, rules.format())
            } else {
                None
            };
            match parsed {
                Some(n) => {
                    let end = n.range.end;
                    out.extend(amount_fact(text, rules, n));
                    end
                }
                None => digits_end(text, pos),
            }
        } else if c.is_alphabetic() && !alnum_before(text, pos) {
            out.extend(number_word(text, pos, rules).and_then(|n| amount_fact(text, rules, n)));
            word_end(text, pos, true)
        } else {
            pos + c.len_utf8()
        };
        pos = next.max(pos + c.len_utf8());
    }
}

/// The currency written before `start` ("$", "US$ ", "CHF "): its start and ISO code.
fn currency_prefix(text: &str, start: usize, rules: Rules) -> Option<(usize, &'static str)> {
    [Some(start), before_space(text, start)]
        .into_iter()
        .flatten()
        .filter_map(|end| longest_before(text, end, CURRENCY_PREFIXES, rules))
        .min_by_key(|&(s, _)| s)
}

/// Positions where what follows a figure may start: attached ("5€", "7%"), after a space, and
/// after a scale word's "de"/"d'"/"of" ("2 milliards d'euros").
fn follow_positions(text: &str, pos: usize, scaled: bool, rules: Rules) -> Vec<usize> {
    let mut positions = vec![pos];
    if let Some(p) = after_space(text, pos) {
        positions.push(p);
        if scaled && let Some(p) = connector(text, p, rules) {
            positions.push(p);
        }
    }
    positions
}

/// After "de ", "d'" (French) or "of " (English) at `pos`.
fn connector(text: &str, pos: usize, rules: Rules) -> Option<usize> {
    longest_after(
        text,
        pos,
        &[ci("de ", (), FR), ci("d'", (), FR), ci("of ", (), EN)],
        rules,
    )
    .map(|(e, ())| e)
}

fn first_after<T: Copy>(
    text: &str,
    positions: &[usize],
    table: &[Phrase<T>],
    rules: Rules,
) -> Option<(usize, usize, T)> {
    positions
        .iter()
        .find_map(|&p| longest_after(text, p, table, rules).map(|(e, v)| (p, e, v)))
}

/// Turns a figure into a fact by what follows it: money, a percentage, a quantity with its
/// unit, or a number with what it counts. Matches "$7.9 billion", "2 milliards d'euros",
/// "12,5 %", "120 km/h", "at least 19 people", "drei Verletzte"; not "Nr. 4471", "1er",
/// "iOS 14.2", "2020 plans", "Un homme".
fn amount_fact(text: &str, rules: Rules, num: Amount) -> Option<FactMatch> {
    let prefix = currency_prefix(text, num.range.start, rules);
    let lead = prefix.map_or(num.range.start, |p| p.0);
    if id_marker_before(text, lead, rules) {
        return None;
    }
    if num.numeral
        && (next_is_digit_group(text, num.range.end)
            || (char_before(text, num.range.start) == Some(' ')
                && char_before(text, num.range.start - 1).is_some_and(|c| c.is_ascii_digit())))
    {
        // Part of a phone number or two figures in a row: "0800 123", "2019 150".
        return None;
    }
    let qualifier = qualifier_before(text, lead, &[NUMBER_QUALIFIERS], rules);
    let start = qualifier.map_or(lead, |q| q.0);
    let with = |kind: FactKind, end: usize, exp: i32| {
        let mut f = fact(
            kind,
            start..end,
            decimal_value(&num.digits, num.exp + exp).map(FactValue::Number),
        );
        f.qualifier = qualifier.map(|q| q.1.to_string());
        f
    };

    let scale_word = [Some(num.range.end), after_space(text, num.range.end)]
        .into_iter()
        .flatten()
        .find_map(|p| longest_after(text, p, SCALES, rules));
    let money_context = prefix.is_some();
    // "5 M€", "5 k€": a money-only scale needs a currency before or right after.
    let scale_word = scale_word.filter(|&(e, s)| {
        !s.money_only
            || money_context
            || [Some(e), after_space(text, e)]
                .into_iter()
                .flatten()
                .any(|p| longest_after(text, p, CURRENCY_SUFFIXES, rules).is_some())
    });
    if num.article && scale_word.is_none() {
        return None;
    }
    let (after, exp) = scale_word.map_or((num.range.end, 0), |(e, s)| (e, s.exp));
    let scaled = scale_word.is_some();

    if let Some((_, code)) = prefix {
        if alnum_at(text, after) {
            return None;
        }
        let mut f = with(FactKind::Money, after, exp);
        f.currency = Some(code.to_string());
        return Some(f);
    }
    let positions = follow_positions(text, after, scaled, rules);
    if let Some((_, end, code)) = first_after(text, &positions, CURRENCY_SUFFIXES, rules) {
        let mut f = with(FactKind::Money, end, exp);
        f.currency = Some(code.to_string());
        return Some(f);
    }
    if !scaled && let Some((p, end, points)) = first_after(text, &positions, PERCENT_WORDS, rules) {
        let mut f = with(FactKind::Percent, end, exp);
        f.unit = points.then(|| slice(text, p..end).to_string());
        return Some(f);
    }
    if let Some((p, end, temperature)) = first_after(text, &positions, UNITS, rules)
        && char_at(text, end) != Some('\'')
    {
        let mut f = with(FactKind::Quantity, end, exp);
        f.unit = Some(slice(text, p..end).to_string());
        if temperature && f.qualifier.is_none() && negative_sign(text, num.range.start) {
            f.range.start = num.range.start - 1;
            if let Some(FactValue::Number(v)) = f.value.as_mut() {
                *v = -*v;
            }
        }
        return Some(f);
    }
    // What is left counts something, or nothing: "1er", "3D", "iOS 14.2", "2020 plans",
    // "Boeing 737 jets".
    if alnum_at(text, after)
        || (!scaled && (num.decimal || (num.year_like && qualifier.is_none())))
        || (qualifier.is_none() && rules.known && !rules.has(DE) && after_name(text, lead, rules))
    {
        return None;
    }
    match counted_noun(text, after, rules, scaled, NounStyle::Any) {
        Some(noun) => {
            let mut f = with(FactKind::Number, noun.end, exp);
            f.unit = Some(slice(text, noun).to_string());
            Some(f)
        }
        None if scaled => Some(with(FactKind::Number, after, exp)),
        None => None,
    }
}

/// Does the figure follow a capitalised word inside a sentence, so that it is part of a name:
/// "Boeing 737 jets", "Highway 401", "le CAC 40"? Not after a month or weekday ("Monday 300
/// people"), nor at the start of a sentence ("Les 27 pays"). German capitalises every noun, so
/// the rule is only for English and French.
fn after_name(text: &str, start: usize, rules: Rules) -> bool {
    let Some(end) = before_space(text, start) else {
        return false;
    };
    let word_start = text
        .get(..end)
        .unwrap_or("")
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i);
    let Some(word_start) = word_start else {
        return false;
    };
    is_capitalized(slice(text, word_start..end))
        && !sentence_start(text, word_start)
        && month_word(text, word_start, rules).is_none()
        && weekday_date(text, word_start, rules).is_none()
}

/// A minus sign right before a figure, not a hyphen inside a word or range: " -5 °C".
fn negative_sign(text: &str, start: usize) -> bool {
    char_before(text, start) == Some('-') && !alnum_before(text, start - 1)
}

/// Is the figure at `start` an identifier: "Nr. 4471", "n° 5", "page 12", "#3"?
fn id_marker_before(text: &str, start: usize, rules: Rules) -> bool {
    [Some(start), before_space(text, start)]
        .into_iter()
        .flatten()
        .any(|end| longest_before(text, end, ID_MARKERS, rules).is_some())
}

/// Which words may be the counted noun.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NounStyle {
    /// The language's rules: a capitalised noun in German, the next content word otherwise.
    Any,
    /// Only lower-case words: after a year, "Trump" in "in 2020 Trump" is not counted.
    LowerCase,
}

fn is_stop_word(word: &str, rules: Rules) -> bool {
    let lower = word.to_lowercase();
    let w = lower.as_str();
    (rules.has(EN) && STOP_EN.contains(&w))
        || (rules.has(FR) && STOP_FR.contains(&w))
        || (rules.has(DE) && STOP_DE.contains(&w))
}

/// Can the word at `range` be what a figure counts: a content word of two letters or more,
/// not a unit, currency, scale, month or weekday?
fn noun_candidate(text: &str, range: Range<usize>, rules: Rules) -> bool {
    let word = slice(text, range.clone());
    if word.chars().count() < 2 || is_stop_word(word, rules) {
        return false;
    }
    let start = range.start;
    let reserved = longest_after(text, start, UNITS, rules).is_some()
        || longest_after(text, start, CURRENCY_SUFFIXES, rules).is_some()
        || longest_after(text, start, PERCENT_WORDS, rules).is_some()
        || longest_after(text, start, SCALES, rules).is_some()
        || month_word(text, start, rules).is_some()
        || weekday_date(text, start, rules).is_some();
    !reserved
}

/// The word after a space at `pos`.
fn next_word(text: &str, pos: usize) -> Option<Range<usize>> {
    word_at(text, after_space(text, pos)?)
}

/// What a figure counts, as the range of the noun: "65 langues", "two emergency shelters",
/// "rund 3.700 Mitarbeiter", "Six of them", "millions d'utilisateurs". None when a function
/// word, a verb or punctuation follows: "8 were", "19, and", "3 ont".
fn counted_noun(
    text: &str,
    pos: usize,
    rules: Rules,
    after_scale: bool,
    style: NounStyle,
) -> Option<Range<usize>> {
    let mut p = after_space(text, pos)?;
    if after_scale && let Some(after) = connector(text, p, rules) {
        p = after;
    }
    if !after_scale
        && style == NounStyle::Any
        && let Some(noun) = partitive(text, p, rules)
    {
        return Some(noun);
    }
    let first = word_at(text, p)?;
    let first_word = slice(text, first.clone());
    let capital = is_capitalized(first_word);
    if style == NounStyle::LowerCase && capital {
        return None;
    }
    // German: lower-case adjectives, then the capitalised noun: "drei schwer Verletzte".
    if rules.surely(DE) {
        if style == NounStyle::LowerCase {
            return None;
        }
        let mut word = first;
        for _ in 0..3 {
            let w = slice(text, word.clone());
            if is_capitalized(w) {
                return noun_candidate(text, word.clone(), rules).then_some(word);
            }
            if is_stop_word(w, rules) {
                return None;
            }
            word = next_word(text, word.end)?;
        }
        return None;
    }
    if !noun_candidate(text, first.clone(), rules) {
        return None;
    }
    let lower = first_word.to_lowercase();
    let second = next_word(text, first.end).filter(|w| {
        !is_capitalized(slice(text, w.clone())) && noun_candidate(text, w.clone(), rules)
    });
    // French adjectives before the noun: "trois nouveaux marchés".
    if rules.has(FR) && FR_PRENOMINAL.contains(&lower.as_str()) {
        return second;
    }
    // English noun compounds: "two emergency shelters" counts shelters.
    if rules.has(EN)
        && let Some(second) = second
        && !lower.ends_with('s')
        && slice(text, second.clone()).ends_with('s')
    {
        return Some(second);
    }
    Some(first)
}

/// "Six of them", "19 of the victims", "trois d'entre eux", "drei von ihnen".
fn partitive(text: &str, pos: usize, rules: Rules) -> Option<Range<usize>> {
    const PRONOUNS: &[Phrase<()>] = &[
        ci("of them", (), EN),
        ci("of those", (), EN),
        ci("of these", (), EN),
        ci("of us", (), EN),
        ci("of you", (), EN),
        ci("d'entre eux", (), FR),
        ci("d'entre elles", (), FR),
        ci("d'entre nous", (), FR),
        ci("d'entre vous", (), FR),
        ci("von ihnen", (), DE),
        ci("von uns", (), DE),
    ];
    const DETERMINERS: &[Phrase<()>] = &[
        ci("of the ", (), EN),
        ci("of its ", (), EN),
        ci("of their ", (), EN),
        ci("of our ", (), EN),
    ];
    if let Some((end, ())) = longest_after(text, pos, PRONOUNS, rules) {
        let start = text.get(..end)?.rfind(' ').map_or(pos, |i| i + 1);
        return Some(start..end);
    }
    let (after, ()) = longest_after(text, pos, DETERMINERS, rules)?;
    let noun = word_at(text, after)?;
    noun_candidate(text, noun.clone(), rules).then_some(noun)
}

#[cfg(test)]
mod tests {

    #[test]
    fn fractions_count_a_share_of_a_group() {
        for (text, value, unit) in [
            ("About a third of residents left.", 1.0 / 3.0, "residents"),
            ("Half of the staff stayed.", 0.5, "staff"),
            ("Deux tiers des salariés ont voté.", 2.0 / 3.0, "salariés"),
            ("La moitié des électeurs s'est abstenue.", 0.5, "électeurs"),
            (
                "Ein Drittel der Befragten lehnt das ab.",
                1.0 / 3.0,
                "Befragten",
            ),
            ("mit einem Achtel des Marktes", 0.125, "Marktes"),
        ] {
            let norm = crate::core::normalize::normalize(text).text;
            let f = find_facts(&norm, Lang::Unknown);
            let hit = f
                .iter()
                .find(|f| f.unit.as_deref() == Some(unit))
                .unwrap_or_else(|| panic!("{text}: {f:?}"));
            assert_eq!(hit.value, Some(FactValue::Number(value)), "{text}");
        }
        for text in ["at a quarter past six", "im Viertel rund um den Bahnhof"] {
            let norm = crate::core::normalize::normalize(text).text;
            assert!(find_facts(&norm, Lang::Unknown).is_empty(), "{text}");
        }
    }

    #[test]
    fn quarters_are_dates() {
        for (text, want) in [
            ("Revenue fell in Q1 2026 again.", Some("2026-Q1")),
            ("Le chiffre du T3 2025 recule.", Some("2025-Q3")),
            ("Im 2. Quartal 2026 stieg der Umsatz.", Some("2026-Q2")),
            ("au 3e trimestre", Some("Q3")),
            ("H2 guidance", Some("H2")),
            ("the H5N1 virus and a Q10 form", None),
        ] {
            let norm = crate::core::normalize::normalize(text).text;
            let got = find_facts(&norm, Lang::Unknown)
                .into_iter()
                .find(|f| f.kind == FactKind::Date)
                .and_then(|f| match f.value {
                    Some(FactValue::Text(t)) => Some(t),
                    _ => None,
                });
            assert_eq!(got.as_deref(), want, "{text}");
        }
    }

    use super::*;
    use crate::core::normalize::normalize;

    /// One expected fact: kind, matched text, value, unit, currency, qualifier.
    #[derive(Clone, Debug, PartialEq)]
    struct Want {
        kind: FactKind,
        text: String,
        value: Option<FactValue>,
        unit: Option<String>,
        currency: Option<String>,
        qualifier: Option<String>,
    }

    impl Want {
        fn new(kind: FactKind, text: &str, value: Option<FactValue>) -> Self {
            Want {
                kind,
                text: text.to_string(),
                value,
                unit: None,
                currency: None,
                qualifier: None,
            }
        }

        fn unit(mut self, unit: &str) -> Self {
            self.unit = Some(unit.to_string());
            self
        }

        fn qual(mut self, qualifier: &str) -> Self {
            self.qualifier = Some(qualifier.to_string());
            self
        }
    }

    fn num(text: &str, value: f64) -> Want {
        Want::new(FactKind::Number, text, Some(FactValue::Number(value)))
    }

    fn money(text: &str, value: f64, currency: &str) -> Want {
        let mut w = Want::new(FactKind::Money, text, Some(FactValue::Number(value)));
        w.currency = Some(currency.to_string());
        w
    }

    fn pct(text: &str, value: f64) -> Want {
        Want::new(FactKind::Percent, text, Some(FactValue::Number(value)))
    }

    fn qty(text: &str, value: f64, unit: &str) -> Want {
        Want::new(FactKind::Quantity, text, Some(FactValue::Number(value))).unit(unit)
    }

    fn date(text: &str, value: &str) -> Want {
        Want::new(
            FactKind::Date,
            text,
            Some(FactValue::Text(value.to_string())),
        )
    }

    fn time(text: &str, value: &str) -> Want {
        Want::new(
            FactKind::Time,
            text,
            Some(FactValue::Text(value.to_string())),
        )
    }

    fn found(text: &str, lang: Lang) -> Vec<Want> {
        find_facts(text, lang)
            .into_iter()
            .map(|f| Want {
                kind: f.kind,
                text: text
                    .get(f.range.clone())
                    .unwrap_or("<bad range>")
                    .to_string(),
                value: f.value,
                unit: f.unit,
                currency: f.currency,
                qualifier: f.qualifier,
            })
            .collect()
    }

    fn check(cases: Vec<(Lang, &str, Vec<Want>)>) {
        for (lang, text, want) in cases {
            assert_eq!(found(text, lang), want, "in {text:?} ({lang:?})");
        }
    }

    fn check_none(lang: Lang, texts: &[&str]) {
        for text in texts {
            assert_eq!(found(text, lang), vec![], "in {text:?} ({lang:?})");
        }
    }

    /// Whole sentences, with several facts, in the three languages.
    #[test]
    fn sentences() {
        use Lang::*;
        check(vec![
            (
                Fr,
                "Le 10 mai 2021 à 14 h, 12 000 km et 2 000 emplois supprimés.",
                vec![
                    date("10 mai 2021", "2021-05-10"),
                    time("14 h", "14:00"),
                    qty("12 000 km", 12000.0, "km"),
                    num("2 000 emplois", 2000.0).unit("emplois"),
                ],
            ),
            (
                Fr,
                "En 2020, 300 personnes. Il a 3 enfants.",
                vec![
                    date("2020", "2020"),
                    num("300 personnes", 300.0).unit("personnes"),
                    num("3 enfants", 3.0).unit("enfants"),
                ],
            ),
            (
                Fr,
                "Le PIB a reculé de 0,3 % au troisième trimestre.",
                vec![pct("0,3 %", 0.3)],
            ),
            (
                En,
                "Friday, March 8, 2024. In 2019 the company hired 300 workers.",
                vec![
                    date("Friday", "friday"),
                    date("March 8, 2024", "2024-03-08"),
                    date("2019", "2019"),
                    num("300 workers", 300.0).unit("workers"),
                ],
            ),
            (
                En,
                "On Jan. 6, the final 3 minutes cost $1.2bn, or 5.5%.",
                vec![
                    date("Jan. 6", "--01-06"),
                    qty("3 minutes", 3.0, "minutes"),
                    money("$1.2bn", 1.2e9, "USD"),
                    pct("5.5%", 5.5),
                ],
            ),
            (
                En,
                "a million reasons, but one million in all",
                vec![
                    num("a million reasons", 1e6).unit("reasons"),
                    num("one million", 1e6),
                ],
            ),
            (
                De,
                "Am 1. Mai um 18.30 Uhr, nicht 14:30 Uhr, kamen 1,5 Mio. Menschen.",
                vec![
                    date("1. Mai", "--05-01"),
                    time("18.30 Uhr", "18:30"),
                    time("14:30 Uhr", "14:30"),
                    num("1,5 Mio. Menschen", 1.5e6).unit("Menschen"),
                ],
            ),
            (
                De,
                "Von 2019 bis 2021 starben Zehn Menschen. Er ist 65 Jahre alt.",
                vec![
                    date("bis 2021", "2021").qual("bis"),
                    qty("65 Jahre", 65.0, "Jahre"),
                ],
            ),
            (
                De,
                "Zehn Menschen starben. Im Jahr 2019 gab es 3 Tote.",
                vec![
                    num("Zehn Menschen", 10.0).unit("Menschen"),
                    date("2019", "2019"),
                    num("3 Tote", 3.0).unit("Tote"),
                ],
            ),
        ]);
    }

    #[test]
    fn patterns_compile() {
        assert!(ISO_DATE.is_some());
        assert!(NUMERIC_DATE.is_some());
    }

    #[test]
    fn numbers_with_what_they_count() {
        use Lang::*;
        check(vec![
            (
                Fr,
                "en 65 langues sur 175 marchés.",
                vec![
                    num("65 langues", 65.0).unit("langues"),
                    num("175 marchés", 175.0).unit("marchés"),
                ],
            ),
            (
                Fr,
                "qui compte près d'un milliard d'utilisateurs",
                vec![
                    num("près d'un milliard d'utilisateurs", 1e9)
                        .unit("utilisateurs")
                        .qual("près de"),
                ],
            ),
            (
                Fr,
                "100 millions d'utilisateurs",
                vec![num("100 millions d'utilisateurs", 1e8).unit("utilisateurs")],
            ),
            (
                Fr,
                "trois nouveaux marchés",
                vec![num("trois nouveaux marchés", 3.0).unit("marchés")],
            ),
            (
                Fr,
                "vingt-cinq personnes",
                vec![num("vingt-cinq personnes", 25.0).unit("personnes")],
            ),
            (
                Fr,
                "quatre-vingt-dix salariés",
                vec![num("quatre-vingt-dix salariés", 90.0).unit("salariés")],
            ),
            (
                Fr,
                "deux cents employés",
                vec![num("deux cents employés", 200.0).unit("employés")],
            ),
            (
                Fr,
                "plus de 1 500 personnes",
                vec![
                    num("plus de 1 500 personnes", 1500.0)
                        .unit("personnes")
                        .qual("plus de"),
                ],
            ),
            (
                Fr,
                "quelque 2000 manifestants",
                vec![
                    num("quelque 2000 manifestants", 2000.0)
                        .unit("manifestants")
                        .qual("quelque"),
                ],
            ),
            (
                Fr,
                "trois d'entre eux",
                vec![num("trois d'entre eux", 3.0).unit("eux")],
            ),
            (Fr, "un milliard", vec![num("un milliard", 1e9)]),
            (
                En,
                "killing at least 19 people and leaving 2,400 households without power.",
                vec![
                    num("at least 19 people", 19.0)
                        .unit("people")
                        .qual("at least"),
                    num("2,400 households", 2400.0).unit("households"),
                ],
            ),
            (
                En,
                "had knocked out three substations.",
                vec![num("three substations", 3.0).unit("substations")],
            ),
            (
                En,
                "opened two emergency shelters, at",
                vec![num("two emergency shelters", 2.0).unit("shelters")],
            ),
            (
                En,
                "Six of them were in serious condition.",
                vec![num("Six of them", 6.0).unit("them")],
            ),
            (
                En,
                "19 of the victims were",
                vec![num("19 of the victims", 19.0).unit("victims")],
            ),
            (
                En,
                "some 300 residents spent",
                vec![
                    num("some 300 residents", 300.0)
                        .unit("residents")
                        .qual("some"),
                ],
            ),
            (
                En,
                "twenty-five people",
                vec![num("twenty-five people", 25.0).unit("people")],
            ),
            (
                En,
                "a hundred people",
                vec![num("a hundred people", 100.0).unit("people")],
            ),
            (En, "1.5 million", vec![num("1.5 million", 1.5e6)]),
            (
                En,
                "On Monday 300 people",
                vec![
                    date("Monday", "monday"),
                    num("300 people", 300.0).unit("people"),
                ],
            ),
            (
                En,
                "The 27 EU countries",
                vec![num("27 EU countries", 27.0).unit("countries")],
            ),
            (
                Fr,
                "Les 27 pays de l'UE",
                vec![num("27 pays", 27.0).unit("pays")],
            ),
            (
                En,
                "1.5 million people",
                vec![num("1.5 million people", 1.5e6).unit("people")],
            ),
            (En, "3.700 units", vec![]),
            (
                De,
                "Die Polizei meldete drei Verletzte, darunter zwei Feuerwehrleute.",
                vec![
                    num("drei Verletzte", 3.0).unit("Verletzte"),
                    num("zwei Feuerwehrleute", 2.0).unit("Feuerwehrleute"),
                ],
            ),
            (
                De,
                "Drei Verletzte",
                vec![num("Drei Verletzte", 3.0).unit("Verletzte")],
            ),
            (
                De,
                "rund 3.700 Mitarbeiter",
                vec![
                    num("rund 3.700 Mitarbeiter", 3700.0)
                        .unit("Mitarbeiter")
                        .qual("rund"),
                ],
            ),
            (
                De,
                "rund 600 Beschäftigten",
                vec![
                    num("rund 600 Beschäftigten", 600.0)
                        .unit("Beschäftigten")
                        .qual("rund"),
                ],
            ),
            (De, "1,5 Milliarden", vec![num("1,5 Milliarden", 1.5e9)]),
            (
                De,
                "eine Million Menschen",
                vec![num("eine Million Menschen", 1e6).unit("Menschen")],
            ),
            (
                De,
                "einundzwanzig Menschen",
                vec![num("einundzwanzig Menschen", 21.0).unit("Menschen")],
            ),
            (
                De,
                "drei schwer Verletzte",
                vec![num("drei schwer Verletzte", 3.0).unit("Verletzte")],
            ),
            (
                De,
                "bis zu 40 neue Stellen",
                vec![
                    num("bis zu 40 neue Stellen", 40.0)
                        .unit("Stellen")
                        .qual("bis zu"),
                ],
            ),
            (
                Unknown,
                "mehr als 60 rescues",
                vec![
                    num("mehr als 60 rescues", 60.0)
                        .unit("rescues")
                        .qual("mehr als"),
                ],
            ),
        ]);
    }

    #[test]
    fn money_amounts() {
        use Lang::*;
        check(vec![
            (
                En,
                "at $7.9 billion.",
                vec![money("$7.9 billion", 7.9e9, "USD")],
            ),
            (
                En,
                "estimated at about $3.4 billion",
                vec![money("about $3.4 billion", 3.4e9, "USD").qual("about")],
            ),
            (En, "a €5m grant", vec![money("€5m", 5e6, "EUR")]),
            (En, "£20 million", vec![money("£20 million", 2e7, "GBP")]),
            (En, "US$ 5 each", vec![money("US$ 5", 5.0, "USD")]),
            (En, "HK$12bn", vec![money("HK$12bn", 1.2e10, "HKD")]),
            (
                En,
                "2 billion dollars",
                vec![money("2 billion dollars", 2e9, "USD")],
            ),
            (
                Fr,
                "2 milliards d'euros",
                vec![money("2 milliards d'euros", 2e9, "EUR")],
            ),
            (
                Fr,
                "44,3 milliards de dollars",
                vec![money("44,3 milliards de dollars", 44.3e9, "USD")],
            ),
            (Fr, "10 000 euros", vec![money("10 000 euros", 1e4, "EUR")]),
            (Fr, "5 M€", vec![money("5 M€", 5e6, "EUR")]),
            (Fr, "12,50 €", vec![money("12,50 €", 12.5, "EUR")]),
            (
                Fr,
                "plus de 2 milliards de francs suisses",
                vec![money("plus de 2 milliards de francs suisses", 2e9, "CHF").qual("plus de")],
            ),
            (
                De,
                "auf rund 5 Mio. Euro.",
                vec![money("rund 5 Mio. Euro", 5e6, "EUR").qual("rund")],
            ),
            (
                De,
                "1,5 Milliarden Euro um",
                vec![money("1,5 Milliarden Euro", 1.5e9, "EUR")],
            ),
            (De, "CHF 3 Mio.", vec![money("CHF 3 Mio.", 3e6, "CHF")]),
            (
                De,
                "3 Millionen Dollar",
                vec![money("3 Millionen Dollar", 3e6, "USD")],
            ),
            (
                De,
                "2 Billionen Euro",
                vec![money("2 Billionen Euro", 2e12, "EUR")],
            ),
            (
                Fr,
                "2 billions d'euros",
                vec![money("2 billions d'euros", 2e12, "EUR")],
            ),
        ]);
    }

    #[test]
    fn percentages() {
        use Lang::*;
        check(vec![
            (
                Fr,
                "a gagné plus de 5 % lundi.",
                vec![
                    pct("plus de 5 %", 5.0).qual("plus de"),
                    date("lundi", "monday"),
                ],
            ),
            (Fr, "12,5 %", vec![pct("12,5 %", 12.5)]),
            (Fr, "5 pour cent", vec![pct("5 pour cent", 5.0)]),
            (En, "7% lower", vec![pct("7%", 7.0)]),
            (En, "5 per cent", vec![pct("5 per cent", 5.0)]),
            (En, "5 percent", vec![pct("5 percent", 5.0)]),
            (
                En,
                "2 percentage points",
                vec![pct("2 percentage points", 2.0).unit("percentage points")],
            ),
            (De, "12,5 Prozent an Wert", vec![pct("12,5 Prozent", 12.5)]),
            (De, "um weitere 4 % nach", vec![pct("4 %", 4.0)]),
            (
                De,
                "4 Prozentpunkte",
                vec![pct("4 Prozentpunkte", 4.0).unit("Prozentpunkte")],
            ),
        ]);
    }

    #[test]
    fn dates() {
        use Lang::*;
        check(vec![
            (
                Fr,
                "est le 15 septembre.",
                vec![date("15 septembre", "--09-15")],
            ),
            (
                Fr,
                "le 12 novembre 2020",
                vec![date("12 novembre 2020", "2020-11-12")],
            ),
            (
                Fr,
                "au plus tard le 15 septembre",
                vec![date("au plus tard le 15 septembre", "--09-15").qual("au plus tard")],
            ),
            (Fr, "le 1er août", vec![date("1er août", "--08-01")]),
            (
                Fr,
                "début juillet",
                vec![date("début juillet", "--07").qual("début")],
            ),
            (
                Fr,
                "à la mi-juillet",
                vec![date("mi-juillet", "--07").qual("mi")],
            ),
            (Fr, "en septembre", vec![date("septembre", "--09")]),
            (
                Fr,
                "septembre 2020",
                vec![date("septembre 2020", "2020-09")],
            ),
            (Fr, "en 2019, la société", vec![date("2019", "2019")]),
            (Fr, "l'année 2019", vec![date("2019", "2019")]),
            (
                Fr,
                "depuis 2019",
                vec![date("depuis 2019", "2019").qual("depuis")],
            ),
            (
                Fr,
                "Dimanche soir, sur Fox News",
                vec![date("Dimanche soir", "sunday evening")],
            ),
            (
                Fr,
                "dès samedi",
                vec![date("dès samedi", "saturday").qual("dès")],
            ),
            (
                Fr,
                "Vendredi, le président",
                vec![date("Vendredi", "friday")],
            ),
            (
                Fr,
                "hier soir",
                vec![date("hier soir", "yesterday evening")],
            ),
            (Fr, "aujourd'hui", vec![date("aujourd'hui", "today")]),
            (Fr, "le 03/08/2020", vec![date("03/08/2020", "2020-08-03")]),
            (
                En,
                "on March 3, with winds",
                vec![date("March 3", "--03-03")],
            ),
            (
                En,
                "on March 3, 2024, with",
                vec![date("March 3, 2024", "2024-03-03")],
            ),
            (En, "on 3 March", vec![date("3 March", "--03-03")]),
            (
                En,
                "on 3rd March 2024",
                vec![date("3rd March 2024", "2024-03-03")],
            ),
            (
                En,
                "by March 12, he said",
                vec![date("by March 12", "--03-12").qual("by")],
            ),
            (En, "Sept. 15", vec![date("Sept. 15", "--09-15")]),
            (
                En,
                "early July",
                vec![date("early July", "--07").qual("early")],
            ),
            (
                En,
                "in mid-July",
                vec![date("mid-July", "--07").qual("mid")],
            ),
            (En, "in September", vec![date("September", "--09")]),
            (En, "in May", vec![date("May", "--05")]),
            (En, "May 2020", vec![date("May 2020", "2020-05")]),
            (En, "in 2019", vec![date("2019", "2019")]),
            (En, "in 2020 Trump", vec![date("2020", "2020")]),
            (En, "on Monday", vec![date("Monday", "monday")]),
            (
                En,
                "spent Sunday night.",
                vec![date("Sunday night", "sunday night")],
            ),
            (
                En,
                "early Sunday, killing",
                vec![date("early Sunday", "sunday").qual("early")],
            ),
            (En, "yesterday", vec![date("yesterday", "yesterday")]),
            (
                En,
                "last night",
                vec![date("last night", "yesterday night")],
            ),
            (En, "on 03/08/2020", vec![date("03/08/2020", "2020-03-08")]),
            (De, "am 3. März", vec![date("3. März", "--03-03")]),
            (
                De,
                "bis 15. September",
                vec![date("bis 15. September", "--09-15").qual("bis")],
            ),
            (
                De,
                "bis zum 15. September 2024",
                vec![date("bis zum 15. September 2024", "2024-09-15").qual("bis")],
            ),
            (
                De,
                "Anfang Juli",
                vec![date("Anfang Juli", "--07").qual("Anfang")],
            ),
            (De, "im Juli", vec![date("Juli", "--07")]),
            (De, "im Jahr 2019", vec![date("2019", "2019")]),
            (De, "am Montag", vec![date("Montag", "monday")]),
            (
                De,
                "am Montagabend",
                vec![date("Montagabend", "monday evening")],
            ),
            (
                De,
                "am Sonntagmorgen",
                vec![date("Sonntagmorgen", "sunday morning")],
            ),
            (De, "gestern", vec![date("gestern", "yesterday")]),
            (
                De,
                "gestern Abend",
                vec![date("gestern Abend", "yesterday evening")],
            ),
            (De, "am 03.08.2020", vec![date("03.08.2020", "2020-08-03")]),
            (De, "Stand 2020-08", vec![date("2020-08", "2020-08")]),
            (
                En,
                "published 2020-08-03.",
                vec![date("2020-08-03", "2020-08-03")],
            ),
        ]);
    }

    #[test]
    fn times() {
        use Lang::*;
        check(vec![
            (
                En,
                "at about 6:40 a.m. on",
                vec![time("about 6:40 a.m.", "06:40").qual("about")],
            ),
            (En, "at 10 p.m.", vec![time("10 p.m.", "22:00")]),
            (En, "at 12 a.m.", vec![time("12 a.m.", "00:00")]),
            (En, "at 10pm", vec![time("10pm", "22:00")]),
            (En, "at 18:30.", vec![time("18:30", "18:30")]),
            (
                De,
                "gegen 6.40 Uhr in",
                vec![time("gegen 6.40 Uhr", "06:40").qual("gegen")],
            ),
            (De, "um 18 Uhr", vec![time("18 Uhr", "18:00")]),
            (Fr, "à 18 h 30", vec![time("18 h 30", "18:30")]),
            (Fr, "à 18h30", vec![time("18h30", "18:30")]),
            (Fr, "à 18h.", vec![time("18h", "18:00")]),
            (Fr, "à 18 heures", vec![time("18 heures", "18:00")]),
            (
                Fr,
                "vers 18 heures",
                vec![time("vers 18 heures", "18:00").qual("vers")],
            ),
            (Fr, "18 heures 30", vec![time("18 heures 30", "18:30")]),
            // A duration, not a time of day.
            (Fr, "en 12 heures", vec![qty("12 heures", 12.0, "heures")]),
        ]);
    }

    #[test]
    fn quantities() {
        use Lang::*;
        check(vec![
            (
                En,
                "gusting up to 120 km/h.",
                vec![qty("up to 120 km/h", 120.0, "km/h").qual("up to")],
            ),
            (
                En,
                "a stretch of 2.5 kilometres, emergency",
                vec![qty("2.5 kilometres", 2.5, "kilometres")],
            ),
            (
                En,
                "140 millimetres of rain",
                vec![qty("140 millimetres", 140.0, "millimetres")],
            ),
            (
                En,
                "in less than 12 hours.",
                vec![qty("less than 12 hours", 12.0, "hours").qual("less than")],
            ),
            (En, "two hours", vec![qty("two hours", 2.0, "hours")]),
            (En, "10 GB", vec![qty("10 GB", 10.0, "GB")]),
            (En, "a 5km run", vec![qty("5km", 5.0, "km")]),
            (En, "5 MW", vec![qty("5 MW", 5.0, "MW")]),
            (En, "5m", vec![qty("5m", 5.0, "m")]),
            (
                De,
                "120 Kilometern pro Stunde",
                vec![qty(
                    "120 Kilometern pro Stunde",
                    120.0,
                    "Kilometern pro Stunde",
                )],
            ),
            (
                De,
                "im Umkreis von 2,5 Kilometern ein",
                vec![qty("2,5 Kilometern", 2.5, "Kilometern")],
            ),
            (
                De,
                "2,5 Kilometer",
                vec![qty("2,5 Kilometer", 2.5, "Kilometer")],
            ),
            (De, "12 Stunden", vec![qty("12 Stunden", 12.0, "Stunden")]),
            (De, "300 Tonnen", vec![qty("300 Tonnen", 300.0, "Tonnen")]),
            (De, "20 kWh", vec![qty("20 kWh", 20.0, "kWh")]),
            (
                Fr,
                "accorde 90 jours pour",
                vec![qty("90 jours", 90.0, "jours")],
            ),
            (Fr, "5 kg", vec![qty("5 kg", 5.0, "kg")]),
            (Fr, "30 °C", vec![qty("30 °C", 30.0, "°C")]),
            (Fr, "il fait -5 °C", vec![qty("-5 °C", -5.0, "°C")]),
            (
                Fr,
                "1,5 million de tonnes",
                vec![qty("1,5 million de tonnes", 1.5e6, "tonnes")],
            ),
            (Fr, "65 ans", vec![qty("65 ans", 65.0, "ans")]),
            (Fr, "10 Go", vec![qty("10 Go", 10.0, "Go")]),
        ]);
    }

    #[test]
    fn unknown_language_tries_every_language() {
        use Lang::Unknown;
        check(vec![
            (
                Unknown,
                "3.700 Mitarbeiter",
                vec![num("3.700 Mitarbeiter", 3700.0).unit("Mitarbeiter")],
            ),
            (
                Unknown,
                "2,400 households",
                vec![num("2,400 households", 2400.0).unit("households")],
            ),
            (
                Unknown,
                "2.5 kilometres",
                vec![qty("2.5 kilometres", 2.5, "kilometres")],
            ),
            (Unknown, "12,5 %", vec![pct("12,5 %", 12.5)]),
            (Unknown, "$3 billion", vec![money("$3 billion", 3e9, "USD")]),
            (
                Unknown,
                "le 15 septembre",
                vec![date("15 septembre", "--09-15")],
            ),
            (Unknown, "am 3. März", vec![date("3. März", "--03-03")]),
            (
                Unknown,
                "March 3, 2024",
                vec![date("March 3, 2024", "2024-03-03")],
            ),
            (Unknown, "in 2020 Trump", vec![date("2020", "2020")]),
            (
                Unknown,
                "03/08/2020",
                vec![date("03/08/2020", "2020-08-03")],
            ),
            (
                Unknown,
                "12/25/2020",
                vec![date("12/25/2020", "2020-12-25")],
            ),
            (Unknown, "6:40 a.m.", vec![time("6:40 a.m.", "06:40")]),
        ]);
        // Words that mean something else in another language.
        check_none(
            Unknown,
            &[
                "Das ist hier nicht so.",
                "Er kommt morgen.",
                "the elf laughed",
                "a cent coin",
                "Wir sehen uns am 10 am Bahnhof.",
            ],
        );
    }

    #[test]
    fn must_not_match() {
        check_none(
            Lang::En,
            &[
                "Covid-19 patients filled the wards.",
                "The G7 leaders met.",
                "TikTok's 2020 plans were shelved.",
                "Update to iOS 14.2 now.",
                "iOS 14 users",
                "Windows 10 users",
                "One of them was hurt.",
                "Call 0800 123 456 now",
                "You may leave.",
                "Theresa May said so.",
                "the march on Washington",
                "a sunday paper",
                "Within an hour, the river rose.",
                "The 1990s were different.",
                "5G networks and 3D printers",
                "He scored 12.",
                "a 3-2 win and a 2:1 score",
                "1. The first point",
                "version 2.3.1 is out",
                "in 2000 homes",
                "He ran 8 with them",
                "They ordered Boeing 737 MAX jets",
                "on Highway 401 drivers",
                "two thirds",
            ],
        );
        check_none(
            Lang::Fr,
            &[
                "le 1er ministre a parlé.",
                "Appelez le 0800 123 456.",
                "1. Introduction",
                "Un homme a été arrêté.",
                "Le numéro un mondial du logiciel",
                "sous quelques jours",
                "plusieurs dizaines d'autres applications",
                "Il y a 3 ont dit",
                "la mission vers Mars",
                "article 12 du code",
                "Le CAC 40 entreprises",
                "deux tiers",
                "5 l'an dernier",
            ],
        );
        check_none(
            Lang::De,
            &[
                "sagte ein Sprecher des Unternehmens.",
                "Vorsorglich ruft Helios die Charge Nr. 4471 zurück.",
                "Das ist hier so.",
                "Am Morgen kamen sie.",
                "Er ließ es außer Acht.",
                "am 3. Tag",
                "um 20 steigern",
                "Seite 12",
                "sonntags geschlossen",
                "Zwei Drittel",
            ],
        );
        // "hier" is only a date in French; "Mai Nguyen" takes no day, year or preposition.
        assert_eq!(found("Mai Nguyen a parlé.", Lang::Fr), vec![]);
        assert_eq!(
            found("Sunday's storm", Lang::En),
            vec![date("Sunday", "sunday")]
        );
    }

    #[test]
    fn overlaps_keep_the_longest_and_most_specific() {
        let text =
            "Le 15 septembre 2020, 150 personnes ont manifesté pendant 3 heures à 18 heures.";
        let got = found(text, Lang::Fr);
        assert_eq!(
            got,
            vec![
                date("15 septembre 2020", "2020-09-15"),
                num("150 personnes", 150.0).unit("personnes"),
                qty("3 heures", 3.0, "heures"),
                time("18 heures", "18:00"),
            ]
        );
        let facts = find_facts(text, Lang::Fr);
        assert!(facts.windows(2).all(|w| w[0].range.end <= w[1].range.start));
    }

    /// Every paragraph of the samples, normalised as the pipeline does.
    fn sample(story: &str, version: u8) -> Vec<String> {
        let raw = match (story, version) {
            ("tiktok-fr", 1) => include_str!("../../../samples/tiktok-fr/v1.txt"),
            ("tiktok-fr", 2) => include_str!("../../../samples/tiktok-fr/v2.txt"),
            ("tiktok-fr", 3) => include_str!("../../../samples/tiktok-fr/v3.txt"),
            ("tiktok-fr", _) => include_str!("../../../samples/tiktok-fr/v4.txt"),
            ("storm-en", 1) => include_str!("../../../samples/storm-en/v1.txt"),
            ("storm-en", 2) => include_str!("../../../samples/storm-en/v2.txt"),
            ("storm-en", 3) => include_str!("../../../samples/storm-en/v3.txt"),
            ("storm-en", _) => include_str!("../../../samples/storm-en/v4.txt"),
            ("pharma-de", 1) => include_str!("../../../samples/pharma-de/v1.txt"),
            ("pharma-de", 2) => include_str!("../../../samples/pharma-de/v2.txt"),
            ("pharma-de", 3) => include_str!("../../../samples/pharma-de/v3.txt"),
            (_, _) => include_str!("../../../samples/pharma-de/v4.txt"),
        };
        normalize(raw)
            .text
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn sample_facts(story: &str, version: u8, lang: Lang) -> Vec<Want> {
        sample(story, version)
            .iter()
            .flat_map(|p| found(p, lang))
            .collect()
    }

    #[test]
    fn tiktok_fr_v4_facts() {
        assert_eq!(
            sample_facts("tiktok-fr", 4, Lang::Fr),
            vec![
                date("lundi", "monday"),
                date("dimanche", "sunday"),
                date("au plus tard le 15 septembre", "--09-15").qual("au plus tard"),
                date("Dimanche soir", "sunday evening"),
                num("près d'un milliard d'utilisateurs", 1e9)
                    .unit("utilisateurs")
                    .qual("près de"),
                num("65 langues", 65.0).unit("langues"),
                num("175 marchés", 175.0).unit("marchés"),
                date("début juillet", "--07").qual("début"),
                date("Lundi", "monday"),
                date("12 novembre", "--11-12"),
                date("14 août", "--08-14"),
                qty("90 jours", 90.0, "jours"),
                pct("plus de 5 %", 5.0).qual("plus de"),
                date("lundi", "monday"),
                money("44,3 milliards de dollars", 44.3e9, "USD"),
                money("1 500 milliards de dollars", 1.5e12, "USD"),
                date("Vendredi", "friday"),
                date("dès samedi", "saturday").qual("dès"),
                date("dimanche", "sunday"),
            ]
        );
    }

    #[test]
    fn storm_en_v4_facts() {
        assert_eq!(
            sample_facts("storm-en", 4, Lang::En),
            vec![
                date("early Sunday", "sunday").qual("early"),
                num("at least 19 people", 19.0)
                    .unit("people")
                    .qual("at least"),
                num("2,400 households", 2400.0).unit("households"),
                time("about 6:40 a.m.", "06:40").qual("about"),
                date("March 3", "--03-03"),
                qty("up to 120 km/h", 120.0, "km/h").qual("up to"),
                qty("2.5 kilometres", 2.5, "kilometres"),
                date("Saturday afternoon", "saturday afternoon"),
                qty("140 millimetres", 140.0, "millimetres"),
                qty("less than 12 hours", 12.0, "hours").qual("less than"),
                date("Monday morning", "monday morning"),
                num("34 people", 34.0).unit("people"),
                num("Six of them", 6.0).unit("them"),
                date("Monday", "monday"),
                money("$3.4 billion", 3.4e9, "USD"),
                num("three substations", 3.0).unit("substations"),
                date("by March 12", "--03-12").qual("by"),
                date("Monday", "monday"),
                date("Tuesday", "tuesday"),
                num("two emergency shelters", 2.0).unit("shelters"),
                num("about 300 residents", 300.0)
                    .unit("residents")
                    .qual("about"),
                date("Sunday night", "sunday night"),
            ]
        );
    }

    #[test]
    fn pharma_de_v4_facts() {
        assert_eq!(
            sample_facts("pharma-de", 4, Lang::De),
            vec![
                date("Sonntagmorgen", "sunday morning"),
                num("drei Verletzte", 3.0).unit("Verletzte"),
                num("zwei Feuerwehrleute", 2.0).unit("Feuerwehrleute"),
                num("rund 3.700 Mitarbeiter", 3700.0)
                    .unit("Mitarbeiter")
                    .qual("rund"),
                money("1,5 Milliarden Euro", 1.5e9, "EUR"),
                num("etwa 600 Beschäftigten", 600.0)
                    .unit("Beschäftigten")
                    .qual("etwa"),
                time("gegen 6.40 Uhr", "06:40").qual("gegen"),
                qty("2,5 Kilometern", 2.5, "Kilometern"),
                num("Mehr als 150 Einsatzkräfte", 150.0)
                    .unit("Einsatzkräfte")
                    .qual("mehr als"),
                num("rund 250.000 Patientinnen", 250000.0)
                    .unit("Patientinnen")
                    .qual("rund"),
                pct("20 Prozent", 20.0),
                money("rund 8 Mio. Euro", 8e6, "EUR").qual("rund"),
                date("3. März", "--03-03"),
                date("bis 12. November", "--11-12").qual("bis"),
                pct("12,5 Prozent", 12.5),
                date("Montag", "monday"),
                pct("4 %", 4.0),
            ]
        );
    }

    /// The figures the samples' README says were edited, found in the version that has them
    /// and not in the other.
    #[test]
    fn sample_edits_change_the_facts() {
        let cases: &[(&str, Lang, u8, &str, u8, &str)] = &[
            ("tiktok-fr", Lang::Fr, 1, "150 marchés", 2, "175 marchés"),
            ("tiktok-fr", Lang::Fr, 3, "15 septembre", 4, "12 novembre"),
            (
                "storm-en",
                Lang::En,
                1,
                "at least 8 people",
                2,
                "at least 19 people",
            ),
            ("storm-en", Lang::En, 3, "$3 billion", 4, "$3.4 billion"),
            ("storm-en", Lang::En, 3, "by March 8", 4, "by March 12"),
            (
                "storm-en",
                Lang::En,
                3,
                "more than 60 rescues",
                4,
                "two emergency shelters",
            ),
            (
                "pharma-de",
                Lang::De,
                1,
                "vier Verletzte",
                2,
                "drei Verletzte",
            ),
            (
                "pharma-de",
                Lang::De,
                2,
                "bis 15. September",
                3,
                "bis 12. November",
            ),
            (
                "pharma-de",
                Lang::De,
                3,
                "rund 5 Mio. Euro",
                4,
                "rund 8 Mio. Euro",
            ),
        ];
        for &(story, lang, old, old_text, new, new_text) in cases {
            let texts = |v| -> Vec<String> {
                sample_facts(story, v, lang)
                    .into_iter()
                    .map(|w| w.text)
                    .collect()
            };
            assert!(
                texts(old).iter().any(|t| t == old_text),
                "{story} v{old}: {old_text}"
            );
            assert!(
                texts(new).iter().any(|t| t == new_text),
                "{story} v{new}: {new_text}"
            );
        }
    }

    /// v1 → v2 of every story only fixes typography in some sentences: the facts are the same.
    #[test]
    fn typography_only_edits_keep_the_facts() {
        let same = |story: &str, lang: Lang, paragraph_v1: usize, paragraph_v2: usize| {
            let v1 = sample(story, 1);
            let v2 = sample(story, 2);
            let facts = |p: Option<&String>| p.map(|p| found(p, lang)).unwrap_or_default();
            assert_eq!(
                facts(v1.get(paragraph_v1)),
                facts(v2.get(paragraph_v2)),
                "{story}"
            );
        };
        same("tiktok-fr", Lang::Fr, 4, 4); // "près d'un  milliard" with a double space in v1
        same("storm-en", Lang::En, 8, 8); // "three  substations"
    }

    #[test]
    fn never_panics_and_ranges_are_sound() {
        let tricky = [
            "",
            " ",
            "1",
            "12,",
            "1.",
            ".5",
            ",5",
            "$",
            "€",
            "5€",
            "5 %",
            "-",
            "--5",
            "-5",
            "- 5 °C",
            "1 2 3 4",
            "٣ ميل",
            "５ km",
            "3é",
            "é3",
            "3\u{301} km",
            "日本の2020年に",
            "1,2,3,4",
            "99999999999999999999999999999999999999999999999999999 euros",
            "1e400 km",
            "a.m.",
            "12:",
            "12:3",
            "12:345",
            "24:00",
            "99:99 Uhr",
            "1/1/1",
            "31/02/2020",
            "29 février",
            "30 février 2021",
            "2021-02-29",
            "mi-",
            "Mitte",
            "d'",
            "près d'",
            "l'",
            "'",
            "\"",
            "\n5\n",
            "5\n%",
            "𝟓 km",
            "5𝟓",
            "ß5ß",
            "İ5 km",
            "5 İİ",
            "ǅ5 ǅ",
            "5😀km",
            "😀5 😀",
            "5 ’ans",
            "0,5 %",
            "00",
            "0",
            "0 personnes",
            "0.5 million",
            "1.000.000 Menschen",
            "1,000,000 people",
            "1 000 000",
            "12 h 99",
            "25 h",
            "12h3",
            "March 32",
            "March 0",
            "32 mars",
            "0 mars",
            "1er",
            "1er mars",
            "3rd",
            "3. ",
            "3.",
            "am 3.",
            "Sonntag",
            "Sonntagmorgenabend",
            "vingt-",
            "-vingt",
            "quatre-vingts-vingts",
            "zweihunderttausendhundert",
            "undundund",
            "tausendtausendtausend Menschen",
            "hundert und",
            "$$5",
            "US$",
            "5 $ $",
            "€€5m",
            "5 M",
            "5 k",
            "5 Md",
            "5 milliards de",
            "5 milliards d'",
            "plus de",
            "au plus tard le",
            "le 15",
            "by March",
            "Sept.",
            "Sept. 31",
            "a.m. 6",
            "6 p.",
            "6 p.m",
            "18h",
            "h",
            "18 heures",
            "à",
            "à 18",
            "°",
            "5 °",
            "-°C",
            "2020-",
            "2020-1",
            "2020-13",
            "2020-12-32",
            "2020-02-30",
            "10/10/10000",
            "1.1.1999.5",
        ];
        let samples: Vec<String> = ["tiktok-fr", "storm-en", "pharma-de"]
            .iter()
            .flat_map(|s| sample(s, 4))
            .collect();
        let mut inputs: Vec<String> = tricky.iter().map(|s| s.to_string()).collect();
        // Every prefix and suffix of a few tricky strings and of a sample paragraph of each story.
        let cut: Vec<&str> = tricky
            .iter()
            .copied()
            .chain(samples.iter().step_by(4).map(String::as_str))
            .collect();
        for s in cut {
            for (i, _) in s.char_indices() {
                inputs.push(s[..i].to_string());
                inputs.push(s[i..].to_string());
            }
        }
        for text in &inputs {
            for lang in [Lang::Fr, Lang::En, Lang::De, Lang::Unknown] {
                let facts = find_facts(text, lang);
                for f in &facts {
                    assert!(f.range.start < f.range.end, "{text:?}: empty {f:?}");
                    assert!(
                        text.get(f.range.clone()).is_some(),
                        "{text:?}: bad range {f:?}"
                    );
                    if let Some(FactValue::Number(v)) = f.value {
                        assert!(v.is_finite(), "{text:?}: {v}");
                    }
                }
                assert!(
                    facts.windows(2).all(|w| w[0].range.end <= w[1].range.start),
                    "{text:?}: overlapping or unsorted"
                );
            }
        }
    }

    #[test]
    fn long_paragraphs_stay_fast() {
        let text = "Le 15 septembre, 150 personnes ont payé 2 milliards d'euros, soit 12,5 %. "
            .repeat(2000);
        let start = std::time::Instant::now();
        let facts = find_facts(&text, Lang::Fr);
        assert_eq!(facts.len(), 8000);
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }
}
