//! Fallback fonts for scripts that egui's built-in fonts lack.
//!
//! In: the font files installed on the machine. Out: fallback fonts added to an
//! [`egui::Context`], after egui's own, so that Russian, Arabic, Chinese and Japanese text shows
//! letters rather than empty boxes. egui's built-in fonts already cover French and German
//! typography (é ç ß « » ’) and most Cyrillic; nothing is embedded in the binary.
//!
//! eframe's `system_fonts` feature also asks fontconfig for a font on demand when a glyph is
//! missing; the fonts added here come first, are found the same way on every run, and also
//! serve headless tests. On Debian and Ubuntu, `fonts-noto-cjk` or the smaller
//! `fonts-wqy-microhei` (1.6 MB) gives Chinese and Japanese; `fonts-dejavu-core` gives Cyrillic
//! and Arabic letters. egui lays text out left to right without shaping, so Arabic shows as
//! separate letters in logical order.

use std::path::{Path, PathBuf};

use egui::{FontData, FontFamily, FontPriority, InsertFontFamily};

/// Font files to try, by what they cover; the first that exists in each group is used.
const CANDIDATES: &[(&str, &[&str])] = &[
    (
        "cjk",
        &[
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
            "/System/Library/Fonts/Hiragino Sans GB.ttc",
            "/System/Library/Fonts/PingFang.ttc",
            "C:\\Windows\\Fonts\\msyh.ttc",
            "C:\\Windows\\Fonts\\YuGothM.ttc",
        ],
    ),
    (
        "cyrillic-arabic",
        &[
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
            "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
            "C:\\Windows\\Fonts\\arial.ttf",
        ],
    ),
    (
        "arabic",
        &[
            "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
            "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
            "/usr/share/fonts/opentype/noto/NotoSansArabic-Regular.ttf",
        ],
    ),
];

/// Font files larger than this are skipped (a full Noto CJK collection is ~20 MB; reading it
/// at start-up is still fine, a 100 MB file is not).
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// The font files [`install_fallback_fonts`] would add on this machine.
pub fn fallback_font_files() -> Vec<PathBuf> {
    CANDIDATES
        .iter()
        .filter_map(|(_, paths)| {
            paths.iter().map(Path::new).find(|p| {
                std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() <= MAX_FONT_BYTES)
            })
        })
        .map(Path::to_path_buf)
        .collect()
}

/// Adds the fallback fonts found on this machine to `ctx`, after egui's own fonts, for both
/// the proportional and the monospace family. Returns the files added.
///
/// ```
/// let ctx = egui::Context::default();
/// let added = factdiff::ui::install_fallback_fonts(&ctx);
/// assert!(added.iter().all(|p| p.exists()));
/// ```
pub fn install_fallback_fonts(ctx: &egui::Context) -> Vec<PathBuf> {
    let mut added = Vec::new();
    for path in fallback_font_files() {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let name = format!("fallback:{}", path.display());
        ctx.add_font(egui::FontInsert::new(
            &name,
            FontData::from_owned(bytes),
            vec![
                InsertFontFamily {
                    family: FontFamily::Proportional,
                    priority: FontPriority::Lowest,
                },
                InsertFontFamily {
                    family: FontFamily::Monospace,
                    priority: FontPriority::Lowest,
                },
            ],
        ));
        added.push(path);
    }
    added
}
