//! factdiff: compare versions of a news article and see which sentences, facts and entities
//! were added, dropped, changed or moved.
//!
//! The pipeline is plain data in, plain data out (`src/core`, no GUI types):
//!
//! ```
//! use factdiff::core::{align::AlignOptions, pipeline::{build_report, version_from_text}};
//! let v1 = version_from_text("v1", "Microsoft veut conclure d’ici le 15 septembre.", None);
//! let v2 = version_from_text("v2", "Microsoft veut conclure d’ici le 12 novembre.", None);
//! let report = build_report(&[v1, v2], &AlignOptions::default());
//! assert_eq!(report.comparisons[0].summary.sentences_changed, 1);
//! assert!(report.to_json().contains("\"schema\": \"factdiff/1\""));
//! ```
//!
//! The desktop app (`src/ui`) and the command line (`src/cli.rs`) are two views of the same
//! [`core::report::Report`].

pub mod cli;
pub mod core;
pub mod ui;
