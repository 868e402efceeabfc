//! Stage 5: a segmented version → the entities and facts it states.
//!
//! Extractors work paragraph by paragraph on the [normalised](super::normalize) text (straight
//! quotes and apostrophes, one kind of dash and space), so one pattern covers every
//! typographic variant; their byte ranges are mapped back to the original text for display.
//!
//! - [`facts`]: numbers with what they count, money, percentages, dates, times, quantities.
//! - [`quotes`]: quoted words and who said them.
//! - [`entities`]: people, organisations, places and other names, with aliases.
//! - [`gazetteer`]: the word lists shipped in `assets/`.

pub mod entities;
pub mod facts;
pub mod gazetteer;
pub mod quotes;

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// What a fact is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Number,
    Money,
    Percent,
    Date,
    Time,
    Quantity,
    Quote,
}

/// The parsed value of a fact: a number (175, 7.9e9, 12.5) or a normalised text (a date
/// `2020-09-15` / `--09-15` / `2020-08`, a weekday `sunday`, a time `06:40`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FactValue {
    Number(f64),
    Text(String),
}

/// A fact found by an extractor, with its range in the normalised paragraph text.
#[derive(Clone, Debug, PartialEq)]
pub struct FactMatch {
    pub kind: FactKind,
    /// The whole expression, qualifier and counted noun included: "près d'un milliard
    /// d'utilisateurs", "at least 19 people", "5 Mio. Euro".
    pub range: Range<usize>,
    pub value: Option<FactValue>,
    /// What the number counts or its unit, as written (normalised): "marchés", "utilisateurs",
    /// "households", "km/h", "Kilometern pro Stunde". None when nothing is counted.
    pub unit: Option<String>,
    /// ISO 4217 code for money: "USD", "EUR", "GBP", "CHF"…
    pub currency: Option<String>,
    /// An approximation or bound before the number: "près de", "at least", "rund", "mehr als".
    pub qualifier: Option<String>,
}

/// A quotation found in a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteMatch {
    /// The quoted words, without the quote marks, in the normalised paragraph text.
    pub range: Range<usize>,
    /// The speaker as the text names them next to the quote: "Mike Pompeo", "Novak",
    /// "ein Sprecher", "Mayor Jane Novak". None when the text does not say.
    pub speaker: Option<Range<usize>>,
    /// The speaker is a pronoun ("a-t-il dit", "he said", "sagte sie"): the caller resolves it
    /// to the person last named.
    pub speaker_is_pronoun: bool,
}
