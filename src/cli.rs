//! The command line: `factdiff compare …` for scripts and batch work, and the arguments that
//! start the desktop app. Exit codes follow diff(1): 0 no differences, 1 differences, 2 trouble.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::align::AlignOptions;
use crate::core::document::Lang;
use crate::core::pipeline::{build_report, load_version};
use crate::core::report::{RenderOptions, ShareFormat, utc_minute};
use crate::core::session::{self, FileStatus};
use crate::core::write::{WRITE_BUFFER, write_atomic_with};
use crate::core::{parallel, text_report};

/// Exit code: the versions have no differences (typography-only edits do not count).
pub const EXIT_SAME: u8 = 0;
/// Exit code: at least one compared pair differs.
pub const EXIT_DIFFERENT: u8 = 1;
/// Exit code: a file could not be read, or the arguments were wrong.
pub const EXIT_TROUBLE: u8 = 2;

const AFTER_HELP: &str = "\
Exit codes (as diff(1)):
  0  no differences between the versions (typography-only edits do not count)
  1  differences found
  2  trouble: a file could not be read (missing, a directory, unreadable, binary, empty,
     over 64 MiB) or the arguments were wrong; each problem is one line on stderr

Examples:
  factdiff                                     open the desktop app
  factdiff samples/tiktok-fr/v1.txt samples/tiktok-fr/v2.txt
                                               open the app on two versions
  factdiff compare v1.txt v2.txt v3.txt        compare v1→v2 and v2→v3 in the terminal
  factdiff compare --format json -o report.json v1.md v2.md
                                               write the factdiff/1 JSON report
  factdiff compare --format html -o report.html v1.txt v2.txt v3.txt
                                               write a self-contained HTML report to share
                                               (side-by-side text, facts, timeline; prints well)
  factdiff review.factdiff                     open a session saved by the app
  factdiff compare review.factdiff             compare a session's versions with its options

Files: plain text in UTF-8, UTF-16 or legacy 8-bit encodings such as Windows-1252 or
ISO-8859-15 (detected); Markdown (.md); saved web pages (.html: the article is taken out of
menus, banners and boxes, the date from the page's metadata); Word (.docx), OpenDocument
(.odt) and PDF with a text layer. The content decides, whatever the extension. A first line
like `date 2020-08` gives a text file's date. Limits: 64 MiB per file, 256 MiB decompressed.";

/// Compare versions of a news article: aligned sentences, word diffs, moves.
#[derive(Debug, Parser)]
#[command(name = "factdiff", version, about, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Versions to open in the desktop app, oldest first, or a session file (.factdiff).
    pub files: Vec<PathBuf>,
    /// Language of the texts (for the app); auto detects it per file.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare two or more versions consecutively (v1→v2, v2→v3, …) and print the changes.
    Compare(CompareArgs),
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Output format: readable text, the factdiff/1 JSON report (docs/report-format.md), a
    /// self-contained HTML report (no scripts, no network, prints well) or Markdown.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Language of the texts; auto detects it per file. [default: auto, or the session's]
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Colour in text output: auto colours only when stdout is a terminal (and NO_COLOR is unset).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Minimum similarity (0–1) for two sentences at the same place to count as one changed sentence. [default: 0.45, or the session's]
    #[arg(long, value_parser = parse_unit)]
    pub changed_threshold: Option<f64>,
    /// Minimum similarity (0–1) for a sentence found elsewhere to count as moved. [default: 0.6, or the session's]
    #[arg(long, value_parser = parse_unit)]
    pub moved_threshold: Option<f64>,
    /// Case-only edits ("Tiktok" → "TikTok") do not count as changes.
    #[arg(long)]
    pub ignore_case: bool,
    /// Punctuation-only edits (a comma added, "." → ";") do not count as changes.
    #[arg(long)]
    pub ignore_punctuation: bool,
    /// Put the time of writing (UTC, to the minute) in the header of an HTML or Markdown
    /// report. Without it, the same files always give the same bytes.
    #[arg(long)]
    pub timestamp: bool,
    /// Write the output to this file (atomically) instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The versions, oldest first (at least two), or one session file (.factdiff) saved by the
    /// app: its versions are compared in its order with its options (options given here win).
    #[arg(required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Html,
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Auto,
    Fr,
    En,
    De,
}

impl LangArg {
    pub fn to_lang(self) -> Option<Lang> {
        match self {
            LangArg::Auto => None,
            LangArg::Fr => Some(Lang::Fr),
            LangArg::En => Some(Lang::En),
            LangArg::De => Some(Lang::De),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

fn parse_unit(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("expected a number between 0 and 1, got {s:?}")),
    }
}

/// Runs `factdiff compare`. Every unreadable file is reported (one line each) before exiting 2.
/// A single session argument stands for its versions and options; a file changed since the
/// session was saved gets a warning line, a missing one is an error.
pub fn compare(args: &CompareArgs) -> ExitCode {
    let session = match args.files.as_slice() {
        [only] if session::is_session_path(only) => match session::open(only) {
            Ok(opened) => Some(opened),
            Err(e) => {
                eprintln!("factdiff: {e}");
                return ExitCode::from(EXIT_TROUBLE);
            }
        },
        [_] => {
            eprintln!(
                "factdiff: compare needs at least two versions, or one session file (.factdiff)"
            );
            return ExitCode::from(EXIT_TROUBLE);
        }
        _ => None,
    };
    let defaults = session
        .as_ref()
        .map(|s| s.session.options)
        .unwrap_or_default();
    let lang = match args.lang {
        Some(lang) => lang.to_lang(),
        None => defaults.language,
    };
    let mut paths = args.files.clone();
    let mut failed = false;
    if let Some(opened) = &session {
        paths.clear();
        for (version, status) in opened.session.versions.iter().zip(&opened.statuses) {
            match status {
                FileStatus::Ok => paths.push(version.path.clone()),
                FileStatus::Changed { .. } => {
                    if let Some(message) = session::status_message(status, &version.path) {
                        eprintln!("factdiff: warning: {message}");
                    }
                    paths.push(version.path.clone());
                }
                FileStatus::Missing | FileStatus::Unreadable(_) => {
                    if let Some(message) = session::status_message(status, &version.path) {
                        eprintln!("factdiff: {message}");
                    }
                    failed = true;
                }
            }
        }
        if opened.session.versions.len() < 2 {
            let name = args.files.first().map(|p| p.display().to_string());
            eprintln!(
                "factdiff: the session holds fewer than two versions: {}",
                name.unwrap_or_default()
            );
            failed = true;
        }
    }
    let mut versions = Vec::new();
    // Files load side by side on the cores (a large one weighs more); errors in file order.
    let loaded = parallel::map_weighted(
        &paths,
        |p| std::fs::metadata(p).map_or(0, |m| m.len() as usize),
        |p| load_version(p, lang),
    );
    for result in loaded {
        match result {
            Ok(v) => versions.push(v),
            Err(e) => {
                eprintln!("factdiff: {e}");
                failed = true;
            }
        }
    }
    if failed {
        return ExitCode::from(EXIT_TROUBLE);
    }
    let opts = AlignOptions {
        changed_threshold: args.changed_threshold.unwrap_or(defaults.changed_threshold),
        moved_threshold: args.moved_threshold.unwrap_or(defaults.moved_threshold),
        // A flag can only switch an option on, so it adds to the session's choice.
        ignore_case: args.ignore_case || defaults.ignore_case,
        ignore_punctuation: args.ignore_punctuation || defaults.ignore_punctuation,
    };
    let mut report = build_report(&versions, &opts);
    if let Some(opened) = &session {
        let names: Vec<Option<String>> = opened
            .session
            .versions
            .iter()
            .map(|v| v.name.clone())
            .collect();
        report.set_names(&names);
    }
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    // No timestamp unless asked: the same files give the same bytes, so reports can be diffed
    // and hashed.
    let render_options = RenderOptions {
        generated_at: args
            .timestamp
            .then(|| utc_minute(SystemTime::now()))
            .flatten(),
    };
    // The JSON report of a large pair runs to hundreds of megabytes: it is streamed to the
    // file or stdout, never held as one string.
    let write_output = |out: &mut dyn Write| -> std::io::Result<()> {
        let share = match args.format {
            Format::Text => return out.write_all(text_report::render(&report, color).as_bytes()),
            Format::Json => ShareFormat::Json,
            Format::Html => ShareFormat::Html,
            Format::Markdown => ShareFormat::Markdown,
        };
        share.write(&report, &render_options, out)
    };
    let written = match &args.output {
        Some(path) => write_atomic_with(path, write_output)
            .map_err(|e| format!("cannot write: {e}: {}", path.display())),
        None => {
            let mut stdout =
                std::io::BufWriter::with_capacity(WRITE_BUFFER, std::io::stdout().lock());
            match write_output(&mut stdout).and_then(|_| stdout.flush()) {
                // A closed pipe (`| head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|e| format!("cannot write to stdout: {e}")),
            }
        }
    };
    if let Err(message) = written {
        eprintln!("factdiff: {message}");
        return ExitCode::from(EXIT_TROUBLE);
    }
    let code = ExitCode::from(if report.has_differences() {
        EXIT_DIFFERENT
    } else {
        EXIT_SAME
    });
    // The process ends here: freeing millions of small allocations one by one (a tenth of
    // a second per 2 MB of text) would only make the user wait for the exit.
    std::mem::forget(report);
    std::mem::forget(versions);
    code
}
