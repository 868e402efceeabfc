//! The desktop app (being written).
// Temporary until the app lands.
pub fn run(_paths: Vec<std::path::PathBuf>, _lang: Option<crate::core::document::Lang>) -> Result<(), String> { Err("not yet".into()) }
