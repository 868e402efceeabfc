//! The factdiff core: load → normalise → segment → align & diff → report.
//!
//! Nothing in here knows about egui, eframe or rfd: every stage takes plain data and returns
//! plain data, so the whole pipeline is tested without a display.

pub mod align;
pub mod compare;
pub mod document;
pub mod error;
pub mod extract;
pub mod formats;
pub mod lang;
pub mod load;
pub mod normalize;
pub mod parallel;
pub mod pipeline;
pub mod report;
pub mod report_html;
pub mod report_markdown;
pub mod segment;
pub mod session;
pub mod text_report;
pub mod write;
