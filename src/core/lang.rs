//! Language detection for French, English and German: text → [`Lang`].
//!
//! factdiff only needs to tell its three first-class languages apart (their abbreviation,
//! number and quote rules differ) and to notice when a text is none of them. Counting frequent
//! function words does that reliably from one sentence on, needs no model, and is explainable;
//! a general detector would add a dependency to answer a bigger question than ours.

use super::document::Lang;

/// Frequent words that are (nearly) exclusive to one language. Words shared between the
/// languages ("a", "die" in English, "de"…) are left out or kept only where their weight in one
/// language is overwhelming.
const FR: &[&str] = &[
    "le", "la", "les", "des", "du", "une", "et", "est", "dans", "pour", "que", "qui", "pas", "sur",
    "au", "aux", "avec", "par", "plus", "ont", "été", "sont", "cette", "ces", "mais", "ou", "il",
    "elle", "ils", "nous", "vous", "leur", "selon", "après", "avait", "être", "aussi", "entre",
    "depuis", "très", "comme", "lors", "d'", "l'", "qu'", "n'", "s'", "c'",
];
const EN: &[&str] = &[
    "the", "and", "of", "to", "is", "in", "that", "for", "was", "on", "with", "as", "by", "at",
    "from", "this", "have", "has", "had", "are", "were", "be", "been", "which", "said", "it",
    "its", "not", "but", "they", "their", "after", "would", "will", "more", "than", "who", "about",
    "into", "also", "we", "he", "she", "or", "an",
];
const DE: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "einen", "dem", "den", "des", "zu",
    "mit", "von", "auf", "für", "sich", "auch", "als", "wird", "wurde", "werden", "nach", "bei",
    "aus", "sind", "hat", "haben", "noch", "über", "wie", "oder", "sagte", "im", "zum", "zur",
    "vor", "seit", "sie", "er", "wir", "aber", "durch", "bis", "dass",
];

/// Detects the language of `text`. Returns `Unknown` when fewer than two function words are
/// found or when no language clearly leads (a mixed or non-Latin text).
///
/// ```
/// use factdiff::core::{lang::detect, document::Lang};
/// assert_eq!(detect("Microsoft a annoncé qu'il souhaitait poursuivre les discussions."), Lang::Fr);
/// assert_eq!(detect("Die Firma sagte, dass der Rückruf bis Freitag dauert."), Lang::De);
/// assert_eq!(detect("Компания объявила о покупке."), Lang::Unknown);
/// ```
pub fn detect(text: &str) -> Lang {
    let mut scores = [0usize; 3];
    // A sample of the text is enough and keeps detection O(1) on huge files.
    let sample = match text.char_indices().nth(20_000) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    for raw in sample.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’')) {
        if raw.is_empty() {
            continue;
        }
        let word = raw.to_lowercase().replace('’', "'");
        // French elisions ("l'Inde") count as the article they are.
        let word = match word.find('\'') {
            Some(i) if i <= 3 && i + 1 < word.len() => word[..=i].to_string(),
            _ => word,
        };
        for (score, list) in scores.iter_mut().zip([FR, EN, DE]) {
            if list.contains(&word.as_str()) {
                *score += 1;
            }
        }
    }
    let langs = [Lang::Fr, Lang::En, Lang::De];
    let mut order = [0usize, 1, 2];
    order.sort_by(|&a, &b| scores[b].cmp(&scores[a]));
    let (best, second) = (scores[order[0]], scores[order[1]]);
    if best < 2 || best * 2 < second * 3 {
        return Lang::Unknown;
    }
    langs[order[0]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_three_languages_on_news_sentences() {
        let cases = [
            (
                "Bytedance est sous pression pour vendre l’activité américaine de Tiktok.",
                Lang::Fr,
            ),
            (
                "Les autorités craignent que la plateforme ne transmette les données des utilisateurs.",
                Lang::Fr,
            ),
            (
                "At least 19 people were killed after the storm hit the town on Sunday, the mayor said.",
                Lang::En,
            ),
            (
                "The company said it was aware of the objections and would address them.",
                Lang::En,
            ),
            (
                "Bei dem Unfall wurden drei Menschen verletzt, sagte ein Sprecher der Polizei.",
                Lang::De,
            ),
            (
                "Die Helios Pharma AG hat den Rückruf für das Mittel auf ganz Europa ausgeweitet.",
                Lang::De,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text}");
        }
    }

    #[test]
    fn unknown_for_other_scripts_and_too_little_text() {
        for text in [
            "",
            "TikTok",
            "Microsoft Corp.",
            "Компания объявила о покупке приложения.",
            "微软正在洽谈收购抖音海外版。",
        ] {
            assert_eq!(detect(text), Lang::Unknown, "{text}");
        }
    }
}
