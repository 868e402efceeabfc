//! Any bytes, under any of the file names that steer the loader, through load → segment →
//! extract. Must never panic, hang or run out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 7] = ["a.txt", "a.md", "a.html", "a.docx", "a.odt", "a.pdf", "a"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(first) % NAMES.len()];
    if let Ok(loaded) = factdiff::core::load::decode_bytes(bytes, name.as_ref()) {
        let version = factdiff::core::pipeline::version_from_loaded(name, loaded, None);
        let _ = factdiff::core::extract::extract_all(std::slice::from_ref(&version));
    }
});
