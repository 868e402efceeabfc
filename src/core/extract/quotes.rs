//! Quotes and their speakers (being written).
use super::QuoteMatch;
use crate::core::document::Lang;

/// Finds the quotations in one normalised paragraph.
pub fn find_quotes(_text: &str, _lang: Lang) -> Vec<QuoteMatch> {
    Vec::new()
}
