//! Writes generated news-like versions to files, for `benches/compare.sh` and for trying the
//! app on large inputs: the same generator as `cargo bench` (benches/support/news.rs).
//!
//! `cargo run --release --example news_pair -- LANG SIZE EDITS OUT_DIR [VERSIONS]`
//!
//! LANG is fr, en or de; SIZE like 5KB, 100KB, 1MB, 10MB; EDITS light, heavy, shuffled or
//! rewritten. Writes OUT_DIR/v1.txt … vN.txt (N = VERSIONS, default 2), each an edit of the
//! one before.

#[path = "../benches/support/news.rs"]
mod news;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: news_pair LANG SIZE EDITS OUT_DIR [VERSIONS]";
    let (Some(lang), Some(size), Some(edits), Some(dir)) = (
        args.first().and_then(|s| news::Lang::parse(s)),
        args.get(1).and_then(|s| news::parse_size(s)),
        args.get(2).and_then(|s| news::Edits::parse(s)),
        args.get(3),
    ) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let count: usize = match args.get(4).map(|s| s.parse()) {
        None => 2,
        Some(Ok(n)) if n >= 1 => n,
        Some(_) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("news_pair: cannot create {dir}: {e}");
        return ExitCode::from(2);
    }
    let mut article = news::Article::generate(lang, size, 0x5EED_0000 + size as u64);
    for k in 1..=count {
        if k > 1 {
            article = article.edited(edits, 0xED17 + k as u64);
        }
        let path = std::path::Path::new(dir).join(format!("v{k}.txt"));
        if let Err(e) = std::fs::write(&path, article.render()) {
            eprintln!("news_pair: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
