//! Two texts (the input split at its first NUL byte) through the whole pipeline: segment,
//! align, word diff, extract, compare, report. Checks what the property tests check: the word
//! diff rebuilds the new sentence, and a version compared with itself shows no change.
#![no_main]

use factdiff::core::align::AlignOptions;
use factdiff::core::pipeline::{build_report, version_from_text};
use factdiff::core::report::{Change, WordChange};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\0').unwrap_or((&text, ""));
    let old = version_from_text("a", a, None);
    let new = version_from_text("b", b, None);
    let report = build_report(&[old.clone(), new, old], &AlignOptions::default());
    for row in &report.comparisons[0].sentences {
        if !row.words.is_empty() {
            let rebuilt: String = row
                .words
                .iter()
                .filter(|w| w.change != WordChange::Delete)
                .map(|w| w.text.as_str())
                .collect();
            assert_eq!(Some(rebuilt.as_str()), row.new.as_deref());
        }
    }
    let same = build_report(
        &[version_from_text("a", a, None), version_from_text("a", a, None)],
        &AlignOptions::default(),
    );
    assert!(
        same.comparisons[0]
            .sentences
            .iter()
            .all(|r| r.change == Change::Unchanged)
    );
});
