//! The terminal view of a [`Report`]: versions, then each comparison's changed rows with inline
//! word diffs. Plain markers (`[-old-]{+new+}`, as git --word-diff) when colour is off, so the
//! output stays readable in a file or a pipe.

use std::fmt::Write;

use super::document::SourceFormat;
use super::extract::entities::EntityKind;
use super::extract::{Fact, FactKind};
use super::report::{Change, Comparison, Report, SentenceRow, WordChange};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Renders the report for a terminal; `color` adds ANSI colours.
pub fn render(report: &Report, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for v in &report.versions {
        let date = v
            .date
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        // Plain text is the usual case and goes unsaid; other formats are named.
        let format = match v.format {
            SourceFormat::PlainText => String::new(),
            other => format!(", {}", other.label()),
        };
        let _ = writeln!(
            out,
            "{} {} — {} ({}{}{}, {} paragraphs, {} sentences, {} words)",
            paint(BOLD, &format!("v{}", v.index + 1)),
            match &v.name {
                Some(name) => format!("{name} ({})", v.source),
                None => v.source.clone(),
            },
            v.title,
            v.language.code(),
            format,
            date,
            v.stats.paragraphs,
            v.stats.sentences,
            v.stats.words
        );
        for w in &v.warnings {
            let _ = writeln!(out, "   {} {w}", paint(YELLOW, "warning:"));
        }
    }
    for c in &report.comparisons {
        let (Some(a), Some(b)) = (report.versions.get(c.from), report.versions.get(c.to)) else {
            continue;
        };
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}",
            paint(
                BOLD,
                &format!(
                    "=== v{} → v{}: {} → {}",
                    c.from + 1,
                    c.to + 1,
                    a.display_name(),
                    b.display_name()
                )
            )
        );
        let _ = writeln!(out, "{}", summary_line(c));
        render_facts_and_entities(&mut out, c, color);
        if c.summary.has_differences() {
            let _ = writeln!(out, "\n{}", paint(BOLD, "Sentences:"));
        }
        for row in c.sentences.iter().filter(|r| r.change != Change::Unchanged) {
            render_row(&mut out, row, color);
        }
    }
    out
}

/// The "what changed" part: facts first, then entities, one line each.
fn render_facts_and_entities(out: &mut String, c: &Comparison, color: bool) {
    let paint = |code: &str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let f = &c.facts;
    if !f.is_empty() {
        let _ = writeln!(out, "\n{}", paint(BOLD, "Facts:"));
        for ch in &f.changed {
            let _ = writeln!(
                out,
                "  {} {}: {} → {}",
                paint(YELLOW, "~"),
                kind_label(ch.kind),
                fact_text(&ch.before),
                paint(BOLD, &fact_text(&ch.after))
            );
        }
        for (mark, code, facts) in [("+", GREEN, &f.added), ("−", RED, &f.dropped)] {
            for fact in facts {
                let _ = writeln!(
                    out,
                    "  {} {}: {}",
                    paint(code, mark),
                    kind_label(fact.kind),
                    fact_text(fact)
                );
            }
        }
    }
    let e = &c.entities;
    if !e.is_empty() {
        let _ = writeln!(out, "\n{}", paint(BOLD, "Entities:"));
        for (mark, code, entities) in [("+", GREEN, &e.added), ("−", RED, &e.dropped)] {
            for ent in entities {
                let _ = writeln!(
                    out,
                    "  {} {} ({}){}",
                    paint(code, mark),
                    ent.name,
                    kind_name(ent.kind),
                    role_suffix(ent.role.as_deref())
                );
            }
        }
    }
}

pub(crate) fn role_suffix(role: Option<&str>) -> String {
    role.map(|r| format!(", {r}")).unwrap_or_default()
}

pub(crate) fn kind_label(kind: FactKind) -> &'static str {
    match kind {
        FactKind::Number => "number",
        FactKind::Money => "money",
        FactKind::Percent => "percent",
        FactKind::Date => "date",
        FactKind::Time => "time",
        FactKind::Quantity => "quantity",
        FactKind::Quote => "quote",
    }
}

pub(crate) fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
        EntityKind::Other => "other",
    }
}

/// A fact as one readable phrase; quotes with their speaker.
pub(crate) fn fact_text(f: &Fact) -> String {
    match (f.kind, &f.speaker) {
        (FactKind::Quote, Some(Some(who))) => format!("by {who}: “{}”", f.text),
        (FactKind::Quote, _) => format!("“{}”", f.text),
        _ => f.text.clone(),
    }
}

/// "2 changed · 1 added · 1 removed · 1 moved · 20 unchanged" (zero counts left out).
pub fn summary_line(c: &Comparison) -> String {
    let s = &c.summary;
    let parts: Vec<String> = [
        (s.sentences_changed, "changed"),
        (s.sentences_added, "added"),
        (s.sentences_removed, "removed"),
        (s.sentences_moved, "moved"),
        (s.sentences_unchanged, "unchanged"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if !s.has_differences() {
        return format!("no differences ({})", parts.join(" · "));
    }
    parts.join(" · ")
}

fn sentence_ref(idx: Option<usize>, count: usize) -> String {
    match (idx, count) {
        (Some(i), 2) => format!("#{}–{}", i + 1, i + 2),
        (Some(i), _) => format!("#{}", i + 1),
        (None, _) => "–".to_string(),
    }
}

fn render_row(out: &mut String, row: &SentenceRow, color: bool) {
    let paint = |code: &str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let from = sentence_ref(row.from, row.from_count);
    let to = sentence_ref(row.to, row.to_count);
    let (mark, label, code) = match row.change {
        Change::Changed => ("~", format!("changed {from} → {to}"), YELLOW),
        Change::Added => ("+", format!("added {to}"), GREEN),
        Change::Removed => ("-", format!("removed {from}"), RED),
        Change::Moved => ("↕", format!("moved {from} → {to}"), CYAN),
        Change::Unchanged => (" ", format!("unchanged {from} → {to}"), DIM),
    };
    let extra = match (row.from_count, row.to_count) {
        (1, 2) => " (split)",
        (2, 1) => " (merged)",
        _ => "",
    };
    let _ = writeln!(
        out,
        "\n{} {}{}",
        paint(code, mark),
        paint(code, &label),
        extra
    );
    let body = if row.words.is_empty() {
        row.new
            .clone()
            .or_else(|| row.old.clone())
            .unwrap_or_default()
    } else {
        let mut body = String::new();
        for (k, w) in row.words.iter().enumerate() {
            // A deletion directly followed by its replacement reads as "[-150-]{+175+} marchés".
            let replaced = row
                .words
                .get(k + 1)
                .is_some_and(|n| n.change == WordChange::Insert);
            let text = if w.change == WordChange::Delete && replaced {
                w.text.trim_end()
            } else {
                w.text.as_str()
            };
            body.push_str(&match (w.change, color) {
                (WordChange::Equal, _) => text.to_string(),
                (WordChange::Delete, true) => format!("{RED}{}{RESET}", strike(text)),
                (WordChange::Insert, true) => format!("{GREEN}{BOLD}{}{RESET}", text),
                (WordChange::Delete, false) => bracket("[-", text, "-]"),
                (WordChange::Insert, false) => bracket("{+", text, "+}"),
            });
        }
        body
    };
    let _ = writeln!(out, "  {}", body.trim_end().replace('\n', "\n  "));
}

/// Puts markers round the text but outside its trailing space: "[-15 septembre-] ".
fn bracket(open: &str, text: &str, close: &str) -> String {
    let core = text.trim_end();
    format!("{open}{core}{close}{}", &text[core.len()..])
}

fn strike(text: &str) -> String {
    let core = text.trim_end();
    format!("\x1b[9m{core}\x1b[29m{}", &text[core.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::align::AlignOptions;
    use crate::core::pipeline::{build_report, version_from_text};

    #[test]
    fn plain_output_marks_word_changes_and_skips_unchanged_rows() {
        let a = version_from_text(
            "a.txt",
            "Titre\n\nL'accord est prévu le 15 septembre. Rien d'autre.",
            None,
        );
        let b = version_from_text(
            "b.txt",
            "Titre\n\nL’accord est prévu le 12 novembre. Rien d'autre.",
            None,
        );
        let text = render(&build_report(&[a, b], &AlignOptions::default()), false);
        assert!(
            text.contains("le [-15 septembre-]{+12 novembre+}."),
            "{text}"
        );
        assert!(text.contains("1 changed · 2 unchanged"), "{text}");
        assert!(!text.contains("Rien d'autre"), "{text}");
        assert!(!text.contains('\x1b'));
    }
}
