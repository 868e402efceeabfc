//! The Markdown view of a [`Report`]: the content of the HTML report, readable as plain text and
//! rendered on code-hosting sites (GitHub-flavoured tables and strikethrough).
//!
//! In: a `Report` and [`RenderOptions`]. Out: Markdown with the versions compared; for each
//! consecutive pair the summary, the facts (changed, added, dropped) and then the entities; the
//! timeline for three versions or more; the aligned text as a list of rows with `~~deleted~~`
//! and `**inserted**` words. Article text goes through [`escape`], so `*`, `_`, `#`, `[`,
//! backticks or `<script>` in an article stay text. The same inputs give the same bytes; only
//! `RenderOptions::generated_at` varies.

use std::fmt::Write;

use super::extract::{Entity, Fact};
use super::report::{
    Change, Comparison, DisplayRow, RenderOptions, Report, SentenceRow, VersionReport, WordChange,
    display_rows, version_label,
};
use super::report_html::number_label;
use super::text_report::{fact_text, kind_label, kind_name, summary_line};

/// Hex digits of a checksum shown in the versions table; the full values follow it.
const CHECKSUM_SHOWN: usize = 12;

/// Renders the report as GitHub-flavoured Markdown.
///
/// ```
/// use factdiff::core::{align::AlignOptions, pipeline::{build_report, version_from_text}};
/// use factdiff::core::{report::RenderOptions, report_markdown};
/// let a = version_from_text("a.txt", "Titre\n\nIl y a 150 marchés.", None);
/// let b = version_from_text("b.txt", "Titre\n\nIl y a 175 marchés.", None);
/// let md = report_markdown::render(&build_report(&[a, b], &AlignOptions::default()), &RenderOptions::default());
/// assert!(md.contains("~~150~~ **175**"));
/// ```
pub fn render(report: &Report, options: &RenderOptions) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = writeln!(out, "# {}\n", escape(report.headline()));
    let _ = writeln!(out, "{}\n", escape(&report.lead_line(options)));
    versions(&mut out, report);

    let _ = writeln!(out, "## What changed\n");
    for c in &report.comparisons {
        changes(&mut out, report, c);
    }
    if report.versions.len() >= 3 {
        timeline(&mut out, report);
    }
    let _ = writeln!(out, "## Aligned text\n");
    let _ = writeln!(
        out,
        "One line per sentence of the new version (removed sentences where they stood): \
         `~` changed, `+` added, `−` removed, `»` moved; ~~struck~~ words were deleted, \
         **bold** words inserted.\n"
    );
    for c in &report.comparisons {
        aligned_text(&mut out, report, c);
    }
    out
}

/// Escapes text so that no character of it becomes Markdown or HTML: a backslash before every
/// punctuation mark that can open markup (CommonMark allows it before any ASCII punctuation),
/// and line breaks folded to spaces so a table cell or list item stays on one line.
///
/// ```
/// assert_eq!(factdiff::core::report_markdown::escape("<b>*x*</b>"), r"\<b\>\*x\*\</b\>");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' | '`' | '*' | '_' | '#' | '[' | ']' | '<' | '>' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            // Only an `&` that could start an entity (`&lt;`, `&#60;`) needs escaping; AT&T
            // stays readable.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            '\n' | '\r' => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

fn versions(out: &mut String, report: &Report) {
    let _ = writeln!(out, "## Versions compared\n");
    let _ = writeln!(
        out,
        "| # | File | Title | Date | Format | Language | Words | SHA-256 |\n\
         |---|---|---|---|---|---|--:|---|"
    );
    for v in &report.versions {
        version_row(out, v);
    }
    out.push('\n');
    let warnings: Vec<String> = report
        .versions
        .iter()
        .flat_map(|v| {
            v.warnings
                .iter()
                .map(move |w| format!("- {}: {}", version_label(v.index), escape(w)))
        })
        .collect();
    if !warnings.is_empty() {
        let _ = writeln!(out, "Warnings:\n\n{}\n", warnings.join("\n"));
    }
    let sums: Vec<String> = report
        .versions
        .iter()
        .filter_map(|v| {
            v.checksum
                .as_deref()
                .map(|sum| format!("- {}: {}", version_label(v.index), code(sum)))
        })
        .collect();
    if !sums.is_empty() {
        let _ = writeln!(out, "Full SHA-256 checksums:\n\n{}\n", sums.join("\n"));
    }
}

/// A code span, for checksums: they are hex digits, and anything else is escaped as text.
fn code(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii_hexdigit() || c == '…') {
        format!("`{text}`")
    } else {
        escape(text)
    }
}

fn version_row(out: &mut String, v: &VersionReport) {
    let checksum = match &v.checksum {
        Some(sum) => {
            let short: String = sum.chars().take(CHECKSUM_SHOWN).collect();
            code(&format!("{short}…"))
        }
        None => "pasted text".to_string(),
    };
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} | {checksum} |",
        version_label(v.index),
        match &v.name {
            Some(name) => format!("**{}** ({})", escape(name), escape(&v.source)),
            None => escape(&v.source),
        },
        escape(&v.title),
        v.date.as_deref().map(escape).unwrap_or_else(|| "–".into()),
        v.format.label(),
        v.language.code(),
        v.stats.words,
    );
}

/// "v1 → v2 (a.txt → b.txt)".
fn pair_heading(report: &Report, c: &Comparison) -> String {
    let name = |idx: usize| {
        report
            .versions
            .get(idx)
            .map(|v| escape(v.display_name()))
            .unwrap_or_default()
    };
    format!(
        "{} → {} ({} → {})",
        version_label(c.from),
        version_label(c.to),
        name(c.from),
        name(c.to)
    )
}

/// The summary, then facts (changed, added, dropped), then entities of one pair.
fn changes(out: &mut String, report: &Report, c: &Comparison) {
    let _ = writeln!(out, "### {}\n", pair_heading(report, c));
    let _ = writeln!(out, "Sentences: {}\n", summary_line(c));
    let f = &c.facts;
    let _ = writeln!(out, "#### Facts\n");
    if f.is_empty() {
        let _ = writeln!(out, "No fact changed.\n");
    } else {
        let _ = writeln!(out, "| Change | Kind | Fact |\n|---|---|---|");
        for ch in &f.changed {
            let _ = writeln!(
                out,
                "| ~ changed | {} | {} → {} |",
                kind_label(ch.kind),
                strike(&fact_text(&ch.before)),
                strong(&fact_text(&ch.after))
            );
        }
        for (what, facts) in [("+ added", &f.added), ("− dropped", &f.dropped)] {
            for fact in facts {
                fact_row(out, what, fact);
            }
        }
        out.push('\n');
    }
    let e = &c.entities;
    let _ = writeln!(out, "#### Entities\n");
    if e.is_empty() {
        let _ = writeln!(out, "No entity added or dropped.\n");
    } else {
        let _ = writeln!(out, "| Change | Kind | Name |\n|---|---|---|");
        for (what, entities) in [("+ added", &e.added), ("− dropped", &e.dropped)] {
            for entity in entities {
                entity_row(out, what, entity);
            }
        }
        out.push('\n');
    }
}

fn fact_row(out: &mut String, what: &str, fact: &Fact) {
    let _ = writeln!(
        out,
        "| {what} | {} | {} |",
        kind_label(fact.kind),
        escape(&fact_text(fact))
    );
}

fn entity_row(out: &mut String, what: &str, entity: &Entity) {
    let role = entity
        .role
        .as_deref()
        .map(|r| format!(" ({})", escape(r)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "| {what} | {} | {}{role} |",
        kind_name(entity.kind),
        escape(&entity.name)
    );
}

/// Which fact and entity each version states, one column per version.
fn timeline(out: &mut String, report: &Report) {
    let t = &report.timeline;
    let heads: String = report
        .versions
        .iter()
        .map(|v| format!(" {} |", version_label(v.index)))
        .collect();
    let rule: String = report.versions.iter().map(|_| "---|").collect();
    let _ = writeln!(out, "## Timeline\n\n### Facts\n");
    if t.facts.is_empty() {
        let _ = writeln!(out, "No facts found.\n");
    } else {
        let _ = writeln!(out, "| Kind |{heads}\n|---|{rule}");
        for fact in &t.facts {
            let cells: String = fact
                .values
                .iter()
                .map(|v| {
                    format!(
                        " {} |",
                        v.as_deref().map(escape).unwrap_or_else(|| "–".into())
                    )
                })
                .collect();
            let _ = writeln!(out, "| {} |{cells}", kind_label(fact.kind));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "### Entities\n");
    if t.entities.is_empty() {
        let _ = writeln!(out, "No entities found.\n");
    } else {
        let _ = writeln!(out, "| Name | Kind |{heads}\n|---|---|{rule}");
        for entity in &t.entities {
            let cells: String = report
                .versions
                .iter()
                .map(|v| {
                    if entity.versions.contains(&v.index) {
                        " ● |"
                    } else {
                        " – |"
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} |{cells}",
                escape(&entity.name),
                kind_name(entity.kind)
            );
        }
        out.push('\n');
    }
}

fn aligned_text(out: &mut String, report: &Report, c: &Comparison) {
    let _ = writeln!(out, "### {}\n", pair_heading(report, c));
    for display in display_rows(c) {
        let line = match display {
            DisplayRow::Row(idx) => c.sentences.get(idx).map(sentence_line),
            DisplayRow::Ghost(idx) => c.sentences.get(idx).map(|row| {
                format!(
                    "- » {} *(moved to #{})* {}",
                    number_label(row.from, row.from_count),
                    number_label(row.to, row.to_count),
                    escape(row.old.as_deref().unwrap_or("").trim())
                )
            }),
        };
        if let Some(line) = line {
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    out.push('\n');
}

/// One row: gutter symbol, sentence numbers, then the text with word marks.
fn sentence_line(row: &SentenceRow) -> String {
    let from = number_label(row.from, row.from_count);
    let to = number_label(row.to, row.to_count);
    let old_text = row.old.as_deref().unwrap_or("").trim();
    let new_text = row.new.as_deref().unwrap_or("").trim();
    let shape = match (row.from_count, row.to_count) {
        (1, 2) => " *(split)*",
        (2, 1) => " *(merged)*",
        _ => "",
    };
    let words = || {
        if row.words.is_empty() {
            return escape(new_text);
        }
        let mut body = String::new();
        for op in &row.words {
            match op.change {
                WordChange::Equal => body.push_str(&escape(&op.text)),
                WordChange::Delete => body.push_str(&strike(&op.text)),
                WordChange::Insert => body.push_str(&strong(&op.text)),
            }
        }
        body
    };
    match row.change {
        Change::Unchanged => format!("- {to} {}", escape(new_text)),
        Change::Changed => format!("- ~ {from} → {to}{shape} {}", words()),
        Change::Added => format!("- \\+ {to} {}", strong(new_text)),
        Change::Removed => format!("- − {from} {}", strike(old_text)),
        Change::Moved => format!("- » {to} *(moved from #{from})*{shape} {}", words()),
    }
}

/// `~~text~~` round the words, trailing space outside: a delimiter before a space would not
/// close the strikethrough.
fn strike(text: &str) -> String {
    wrap("~~", text)
}

/// `**text**`, trailing space outside.
fn strong(text: &str) -> String {
    wrap("**", text)
}

fn wrap(mark: &str, text: &str) -> String {
    let core = text.trim();
    if core.is_empty() {
        return text.to_string();
    }
    let lead = text
        .get(..text.len() - text.trim_start().len())
        .unwrap_or("");
    let trail = text.get(text.trim_end().len()..).unwrap_or("");
    format!(
        "{}{mark}{}{mark}{}",
        escape(lead),
        escape(core),
        escape(trail)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::align::AlignOptions;
    use crate::core::pipeline::{build_report, version_from_text};
    use crate::core::report::sample_report as sample;

    #[test]
    fn escape_table() {
        for (text, want) in [
            (
                "<script>alert(1)</script>",
                r"\<script\>alert(1)\</script\>",
            ),
            ("# not a heading", r"\# not a heading"),
            ("*a* _b_ [c](d) `e`", r"\*a\* \_b\_ \[c\](d) \`e\`"),
            ("a | b", r"a \| b"),
            ("AT & T &amp;", r"AT & T \&amp;"),
            ("l’accord \"oui\"", "l’accord \"oui\""),
            ("two\nlines", "two lines"),
        ] {
            assert_eq!(escape(text), want, "{text}");
        }
    }

    #[test]
    fn article_markup_stays_text() {
        let a = version_from_text(
            "a.txt",
            "Titre *x*\n\nLe maire a dit [oui] le 15 septembre.",
            None,
        );
        let b = version_from_text(
            "b|b.txt",
            "Titre *x*\n\nLe maire a dit <script>alert(1)</script> le 12 novembre.",
            None,
        );
        let md = render(
            &build_report(&[a, b], &AlignOptions::default()),
            &RenderOptions::default(),
        );
        // No raw HTML: every `<` is backslash-escaped.
        assert!(
            md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
            "{md}"
        );
        assert!(md.contains(r"\<script\>alert(1)\</script\>"), "{md}");
        assert!(md.contains(r"# Titre \*x\*"));
        assert!(md.contains(r"b\|b.txt"));
    }

    #[test]
    fn deterministic_with_optional_timestamp() {
        let report = sample("pharma-de", 3);
        let first = render(&report, &RenderOptions::default());
        assert_eq!(first, render(&report, &RenderOptions::default()));
        assert!(!first.contains("generated"));
        let stamped = render(
            &report,
            &RenderOptions {
                generated_at: Some("2024-05-01".into()),
            },
        );
        assert!(stamped.contains("generated 2024-05-01"));
    }

    #[test]
    fn sections_in_order_and_checksums() {
        let report = sample("tiktok-fr", 4);
        let md = render(&report, &RenderOptions::default());
        let facts = md.find("#### Facts").expect("facts");
        let entities = md.find("#### Entities").expect("entities");
        let timeline = md.find("## Timeline").expect("timeline");
        let text = md.find("## Aligned text").expect("text");
        assert!(facts < entities && entities < timeline && timeline < text);
        let sum = report.versions[0].checksum.clone().expect("checksum");
        assert!(md.contains(&format!("`{}…`", &sum[..12])));
        assert!(md.contains(&format!("`{sum}`")));
        assert!(md.contains("| Kind | v1 | v2 | v3 | v4 |"));
        let two = render(&sample("tiktok-fr", 2), &RenderOptions::default());
        assert!(!two.contains("## Timeline"));
    }

    #[test]
    fn moved_sentences_marked() {
        let md = render(&sample("storm-en", 4), &RenderOptions::default());
        assert!(md.contains("*(moved from #"), "{md}");
        assert!(md.contains("*(moved to #"), "{md}");
    }
}
