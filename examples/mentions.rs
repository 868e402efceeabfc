//! Prints the entity mentions the extractor finds in one text, for tuning the rules:
//! `cargo run --example mentions -- "Der Konkurrent Cacao Valais SA klagt." de`

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let code = std::env::args().nth(2).unwrap_or_else(|| "en".into());
    let lang = factdiff::core::document::Lang::from_code(&code).unwrap_or_default();
    let norm = factdiff::core::normalize::normalize(&text).text;
    let g = factdiff::core::extract::gazetteer::Gazetteer::shipped();
    for m in factdiff::core::extract::entities::find_mentions(&norm, lang, &[0], g) {
        println!("{m:?}");
    }
}
