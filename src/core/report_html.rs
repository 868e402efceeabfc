//! The shareable HTML view of a [`Report`]: one self-contained file an editor, a reader or a
//! court opens in any browser without factdiff.
//!
//! In: a `Report` and [`RenderOptions`]. Out: an HTML5 document with inline CSS, no scripts
//! and no network requests (no external fonts or images), that prints well. Sections, in order:
//! the versions compared; for each consecutive pair the summary, the facts (changed, added,
//! dropped) and then the entities; the timeline when there are three versions or more; the
//! side-by-side aligned text with word highlights. Every piece of article text goes through
//! [`escape`], so an article quoting `<script>` shows it as text. The same inputs give the same
//! bytes; only `RenderOptions::generated_at` varies.

use std::fmt::Write;

use super::document::Lang;
use super::extract::{Entity, Fact};
use super::report::{
    Change, Comparison, DisplayRow, RenderOptions, Report, SentenceRow, VersionReport, WordChange,
    display_rows, version_label,
};
use super::text_report::{fact_text, kind_label, kind_name, summary_line};

/// Hex digits of a checksum shown in full view; the whole value is in the `title` attribute.
const CHECKSUM_SHOWN: usize = 12;

/// The colours follow the app's light palette (`src/ui/palette.rs`): pale tints under dark
/// text, Okabe–Ito markers; each kind of change also has a symbol, so nobody depends on colour.
const CSS: &str = r#"
:root {
  --text: #1f2328; --muted: #6a737d; --line: #d8dee4; --head: #f6f8fa;
  --ins-bg: #b8eebe; --ins-text: #00480e; --del-bg: #ffc6c6; --del-text: #640000;
  --added-row: #e8f8eb; --removed-row: #fdeaea; --moved-row: #eaf0fd;
  --badge-bg: #d0dcff; --badge-text: #142878;
  --changed: #c88700; --added: #008c64; --removed: #d55400; --moved: #0064be;
  --changed-word: #966000; --added-word: #14782c; --dropped-word: #b01e1e;
}
* { box-sizing: border-box; }
html { background: #fff; color: var(--text); }
body {
  margin: 0; padding: 2rem 1.5rem 4rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
main { max-width: 78rem; margin: 0 auto; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; line-height: 1.25; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .4rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
p.lead { margin: 0 0 1rem; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--head); font-weight: 600; font-size: .85rem; border-bottom: 2px solid var(--line); }
tbody th { font-weight: 600; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85em; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.sums { list-style: none; margin: -.5rem 0 1rem; padding: 0; color: var(--muted); font-size: .8rem; }
ul.sums code { word-break: break-all; }
.warnings { margin: .25rem 0 0; padding-left: 1.2rem; color: #7a4f00; font-size: .9rem; }
.summary { display: flex; flex-wrap: wrap; gap: .4rem; margin: .5rem 0 1rem; padding: 0; list-style: none; }
.summary li { padding: .15rem .6rem; border-radius: 1rem; background: var(--head); border: 1px solid var(--line); font-size: .9rem; }
.summary .changed { border-color: var(--changed); color: var(--changed-word); }
.summary .added { border-color: var(--added); color: var(--added-word); }
.summary .removed { border-color: var(--removed); color: var(--dropped-word); }
.summary .moved { border-color: var(--moved); color: var(--badge-text); }
table.facts td.what, table.entities td.what { width: 8.5rem; }
table.facts td.kind, table.entities td.kind { width: 6.5rem; }
.kind { color: var(--muted); font-size: .85rem; white-space: nowrap; }
.what { font-weight: 600; white-space: nowrap; }
.what.changed { color: var(--changed-word); }
.what.added { color: var(--added-word); }
.what.dropped { color: var(--dropped-word); }
.arrow { color: var(--muted); padding: 0 .3rem; }
.none { color: var(--muted); font-style: italic; }
table.timeline td.cell { text-align: center; }
table.timeline td.present { color: var(--added-word); }
table.timeline td.absent { color: var(--line); }
table.timeline td.value { text-align: left; }
table.timeline td.value.differs { background: #fff4d6; }
table.aligned { table-layout: fixed; }
table.aligned col.gutter { width: 5.5rem; }
table.aligned td { width: 50%; }
table.aligned td.gutter { font-size: .8rem; color: var(--muted); white-space: nowrap; border-left: 4px solid transparent; }
table.aligned td.gutter .sym { display: inline-block; width: 1rem; font-weight: 700; }
table.aligned tr.unchanged td { color: var(--muted); }
table.aligned tr.changed td.gutter { border-left-color: var(--changed); }
table.aligned tr.added td.gutter { border-left-color: var(--added); }
table.aligned tr.added td.new { background: var(--added-row); }
table.aligned tr.removed td.gutter { border-left-color: var(--removed); }
table.aligned tr.removed td.old { background: var(--removed-row); color: #961414; text-decoration: line-through; text-decoration-color: rgba(150,20,20,.45); }
table.aligned tr.moved td { background: var(--moved-row); }
table.aligned tr.moved td.gutter { border-left-color: var(--moved); }
table.aligned tr.ghost td { color: var(--muted); }
table.aligned tr.ghost td.gutter { border-left-color: rgba(0,100,190,.45); }
del { background: var(--del-bg); color: var(--del-text); text-decoration: line-through; border-radius: 2px; padding: 0 1px; }
ins { background: var(--ins-bg); color: var(--ins-text); text-decoration: none; border-radius: 2px; padding: 0 1px; }
.badge { display: inline-block; margin-right: .4rem; padding: 0 .45rem; border-radius: .7rem; background: var(--badge-bg); color: var(--badge-text); font-size: .78rem; font-weight: 600; white-space: nowrap; }
.badge.split { background: #fff0c2; color: #6b4700; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
@media print {
  html, body { background: #fff; }
  body { padding: 0; font-size: 10.5pt; }
  main { max-width: none; }
  section.part { break-before: page; }
  section.part:first-of-type { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
"#;

/// Renders the report as one self-contained HTML document.
///
/// ```
/// use factdiff::core::{align::AlignOptions, pipeline::{build_report, version_from_text}};
/// use factdiff::core::{report::RenderOptions, report_html};
/// let a = version_from_text("a.txt", "Titre\n\nIl y a 150 marchés.", None);
/// let b = version_from_text("b.txt", "Titre\n\nIl y a 175 marchés.", None);
/// let html = report_html::render(&build_report(&[a, b], &AlignOptions::default()), &RenderOptions::default());
/// assert!(html.contains("<ins>175</ins>"));
/// ```
pub fn render(report: &Report, options: &RenderOptions) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let title = report.headline();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"factdiff\">\n\
         <title>factdiff report: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        report_lang(report).code(),
        escape(title)
    );
    header(&mut out, report, options);

    let _ = writeln!(out, "<section class=\"part\" id=\"changes\">");
    let _ = writeln!(out, "<h2>What changed</h2>");
    for c in &report.comparisons {
        changes(&mut out, report, c);
    }
    let _ = writeln!(out, "</section>");

    if report.versions.len() >= 3 {
        timeline(&mut out, report);
    }

    let _ = writeln!(out, "<section class=\"part\" id=\"text\">");
    let _ = writeln!(out, "<h2>Aligned text</h2>");
    for c in &report.comparisons {
        aligned_text(&mut out, report, c);
    }
    let _ = writeln!(out, "</section>");

    let _ = writeln!(
        out,
        "<footer>Made with factdiff. Sentence numbers count from 1 in each version; \
         <del>struck</del> words were deleted, <ins>highlighted</ins> words inserted.</footer>"
    );
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The language shared by the versions (the first one detected when they differ), so browsers
/// and screen readers pronounce the article text right.
pub(crate) fn report_lang(report: &Report) -> Lang {
    report
        .versions
        .iter()
        .map(|v| v.language)
        .find(|l| *l != Lang::Unknown)
        .unwrap_or(Lang::Unknown)
}

/// Escapes text for element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

fn header(out: &mut String, report: &Report, options: &RenderOptions) {
    let _ = writeln!(out, "<header>");
    let _ = writeln!(out, "<h1>{}</h1>", escape(report.headline()));
    let _ = writeln!(
        out,
        "<p class=\"lead\">{}</p>",
        escape(&report.lead_line(options))
    );
    let _ = writeln!(out, "<h2 id=\"versions\">Versions compared</h2>");
    let _ = writeln!(
        out,
        "<table class=\"versions\">\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">File</th>\
         <th scope=\"col\">Title</th><th scope=\"col\">Date</th><th scope=\"col\">Format</th>\
         <th scope=\"col\">Language</th><th scope=\"col\" class=\"num\">Words</th>\
         <th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>"
    );
    for v in &report.versions {
        version_row(out, v);
    }
    let _ = writeln!(out, "</tbody>\n</table>");
    // In full, so a printed report still proves which bytes were compared.
    let sums: Vec<String> = report
        .versions
        .iter()
        .filter_map(|v| {
            let sum = v.checksum.as_deref()?;
            Some(format!(
                "<li>{} <code>{}</code></li>",
                version_label(v.index),
                escape(sum)
            ))
        })
        .collect();
    if !sums.is_empty() {
        let _ = writeln!(
            out,
            "<ul class=\"sums\" aria-label=\"SHA-256 of each file\">{}</ul>",
            sums.concat()
        );
    }
    let _ = writeln!(out, "</header>");
}

fn version_row(out: &mut String, v: &VersionReport) {
    let date = v
        .date
        .as_deref()
        .map(escape)
        .unwrap_or_else(|| "<span class=\"none\">unknown</span>".to_string());
    let checksum = match &v.checksum {
        Some(sum) => {
            let short: String = sum.chars().take(CHECKSUM_SHOWN).collect();
            format!("<code title=\"{}\">{}…</code>", escape(sum), escape(&short))
        }
        None => "<span class=\"none\">pasted text</span>".to_string(),
    };
    let file = match &v.name {
        Some(name) => format!(
            "<strong>{}</strong><br><code>{}</code>",
            escape(name),
            escape(&v.source)
        ),
        None => format!("<code>{}</code>", escape(&v.source)),
    };
    let warnings = if v.warnings.is_empty() {
        String::new()
    } else {
        let items: String = v
            .warnings
            .iter()
            .map(|w| format!("<li>{}</li>", escape(w)))
            .collect();
        format!("<ul class=\"warnings\" aria-label=\"warnings\">{items}</ul>")
    };
    let _ = writeln!(
        out,
        "<tr><th scope=\"row\">{}</th><td>{file}</td><td>{}{warnings}</td><td>{date}</td>\
         <td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{checksum}</td></tr>",
        version_label(v.index),
        escape(&v.title),
        v.format.label(),
        v.language.code(),
        v.stats.words,
    );
}

/// "v1 → v2", with the file names.
fn pair_heading(report: &Report, c: &Comparison) -> String {
    let name = |idx: usize| {
        report
            .versions
            .get(idx)
            .map(|v| escape(v.display_name()))
            .unwrap_or_default()
    };
    format!(
        "{} → {} <span class=\"kind\">{} → {}</span>",
        version_label(c.from),
        version_label(c.to),
        name(c.from),
        name(c.to)
    )
}

/// The summary, then facts (changed, added, dropped), then entities of one pair.
fn changes(out: &mut String, report: &Report, c: &Comparison) {
    let _ = writeln!(
        out,
        "<h3 id=\"changes-{}-{}\">{}</h3>",
        c.from + 1,
        c.to + 1,
        pair_heading(report, c)
    );
    let s = &c.summary;
    let _ = write!(out, "<ul class=\"summary\" aria-label=\"sentences\">");
    if !s.has_differences() {
        let _ = write!(out, "<li>no differences</li>");
    }
    for (n, what, class) in [
        (s.sentences_changed, "changed", "changed"),
        (s.sentences_added, "added", "added"),
        (s.sentences_removed, "removed", "removed"),
        (s.sentences_moved, "moved", "moved"),
        (s.sentences_unchanged, "unchanged", "unchanged"),
    ] {
        if n > 0 {
            let plural = if n == 1 { "sentence" } else { "sentences" };
            let _ = write!(out, "<li class=\"{class}\">{n} {plural} {what}</li>");
        }
    }
    let _ = writeln!(out, "</ul>");

    let f = &c.facts;
    let _ = writeln!(out, "<h4>Facts</h4>");
    if f.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">No fact changed.</p>");
    } else {
        let _ = writeln!(
            out,
            "<table class=\"facts\">\n<thead><tr><th scope=\"col\">Change</th>\
             <th scope=\"col\">Kind</th><th scope=\"col\">Fact</th></tr></thead>\n<tbody>"
        );
        for ch in &f.changed {
            let _ = writeln!(
                out,
                "<tr><td class=\"what changed\">~ changed</td><td class=\"kind\">{}</td>\
                 <td><del>{}</del><span class=\"arrow\">→</span><ins>{}</ins></td></tr>",
                kind_label(ch.kind),
                escape(&fact_text(&ch.before)),
                escape(&fact_text(&ch.after))
            );
        }
        for (what, facts) in [("+ added", &f.added), ("− dropped", &f.dropped)] {
            for fact in facts {
                fact_row(out, what, fact);
            }
        }
        let _ = writeln!(out, "</tbody>\n</table>");
    }

    let e = &c.entities;
    let _ = writeln!(out, "<h4>Entities</h4>");
    if e.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">No entity added or dropped.</p>");
    } else {
        let _ = writeln!(
            out,
            "<table class=\"entities\">\n<thead><tr><th scope=\"col\">Change</th>\
             <th scope=\"col\">Kind</th><th scope=\"col\">Name</th></tr></thead>\n<tbody>"
        );
        for (what, entities) in [("+ added", &e.added), ("− dropped", &e.dropped)] {
            for entity in entities {
                entity_row(out, what, entity);
            }
        }
        let _ = writeln!(out, "</tbody>\n</table>");
    }
}

/// The CSS class of "+ added" / "− dropped".
fn what_class(what: &str) -> &'static str {
    if what.ends_with("added") {
        "added"
    } else {
        "dropped"
    }
}

/// An added fact reads as inserted words, a dropped one as deleted words.
fn fact_row(out: &mut String, what: &str, fact: &Fact) {
    let class = what_class(what);
    let tag = if class == "added" { "ins" } else { "del" };
    let _ = writeln!(
        out,
        "<tr><td class=\"what {class}\">{what}</td><td class=\"kind\">{}</td><td><{tag}>{}</{tag}></td></tr>",
        kind_label(fact.kind),
        escape(&fact_text(fact))
    );
}

fn entity_row(out: &mut String, what: &str, entity: &Entity) {
    let role = entity
        .role
        .as_deref()
        .map(|r| format!(" <span class=\"kind\">{}</span>", escape(r)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<tr><td class=\"what {}\">{what}</td><td class=\"kind\">{}</td><td>{}{role}</td></tr>",
        what_class(what),
        kind_name(entity.kind),
        escape(&entity.name)
    );
}

/// Which fact and entity each version states: one column per version, so it prints as is.
fn timeline(out: &mut String, report: &Report) {
    let t = &report.timeline;
    let _ = writeln!(out, "<section class=\"part\" id=\"timeline\">");
    let _ = writeln!(out, "<h2>Timeline</h2>");
    let heads: String = report
        .versions
        .iter()
        .map(|v| format!("<th scope=\"col\">{}</th>", version_label(v.index)))
        .collect();
    let _ = writeln!(out, "<h3>Facts</h3>");
    if t.facts.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">No facts found.</p>");
    } else {
        let _ = writeln!(
            out,
            "<table class=\"timeline\">\n<thead><tr><th scope=\"col\">Kind</th>{heads}</tr></thead>\n<tbody>"
        );
        for fact in &t.facts {
            let _ = write!(
                out,
                "<tr><th scope=\"row\" class=\"kind\">{}</th>",
                kind_label(fact.kind)
            );
            let mut previous: Option<&str> = None;
            for (k, value) in fact.values.iter().enumerate() {
                let current = value.as_deref();
                // A value that differs from the version before it is the news.
                let differs = k > 0 && current != previous;
                let class = if differs { "value differs" } else { "value" };
                match current {
                    Some(text) => {
                        let _ = write!(out, "<td class=\"{class}\">{}</td>", escape(text));
                    }
                    None => {
                        let _ =
                            write!(out, "<td class=\"cell absent\" title=\"not stated\">–</td>");
                    }
                }
                previous = current;
            }
            let _ = writeln!(out, "</tr>");
        }
        let _ = writeln!(out, "</tbody>\n</table>");
    }
    let _ = writeln!(out, "<h3>Entities</h3>");
    if t.entities.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">No entities found.</p>");
    } else {
        let _ = writeln!(
            out,
            "<table class=\"timeline\">\n<thead><tr><th scope=\"col\">Name</th>\
             <th scope=\"col\">Kind</th>{heads}</tr></thead>\n<tbody>"
        );
        for entity in &t.entities {
            let _ = write!(
                out,
                "<tr><th scope=\"row\">{}</th><td class=\"kind\">{}</td>",
                escape(&entity.name),
                kind_name(entity.kind)
            );
            for v in &report.versions {
                if entity.versions.contains(&v.index) {
                    let _ = write!(
                        out,
                        "<td class=\"cell present\">● <span class=\"kind\">yes</span></td>"
                    );
                } else {
                    let _ = write!(out, "<td class=\"cell absent\">–</td>");
                }
            }
            let _ = writeln!(out, "</tr>");
        }
        let _ = writeln!(out, "</tbody>\n</table>");
    }
    let _ = writeln!(out, "</section>");
}

/// "4", or "4–5" for the two sentences of a split or merge; empty when absent.
pub(crate) fn number_label(start: Option<usize>, count: usize) -> String {
    match start {
        None => String::new(),
        Some(s) if count > 1 => format!("{}–{}", s + 1, s + count),
        Some(s) => format!("{}", s + 1),
    }
}

/// The two-column table of one pair: old | new, one row per aligned sentence, with a ghost row
/// where each moved sentence stood.
fn aligned_text(out: &mut String, report: &Report, c: &Comparison) {
    let _ = writeln!(
        out,
        "<h3 id=\"text-{}-{}\">{}</h3>",
        c.from + 1,
        c.to + 1,
        pair_heading(report, c)
    );
    let _ = writeln!(out, "<p class=\"lead\">{}</p>", escape(&summary_line(c)));
    let lang = report_lang(report).code();
    let _ = writeln!(
        out,
        "<table class=\"aligned\" lang=\"{lang}\">\n<colgroup><col class=\"gutter\"><col><col></colgroup>\n\
         <thead><tr><th scope=\"col\">#</th><th scope=\"col\">{} (old)</th><th scope=\"col\">{} (new)</th></tr></thead>\n<tbody>",
        version_label(c.from),
        version_label(c.to)
    );
    for display in display_rows(c) {
        match display {
            DisplayRow::Row(idx) => {
                if let Some(row) = c.sentences.get(idx) {
                    sentence_row(out, row);
                }
            }
            DisplayRow::Ghost(idx) => {
                if let Some(row) = c.sentences.get(idx) {
                    ghost_row(out, row);
                }
            }
        }
    }
    let _ = writeln!(out, "</tbody>\n</table>");
}

/// The gutter symbol and class of a row kind; the symbols match the app's gutter.
fn row_kind(change: Change) -> (&'static str, &'static str, &'static str) {
    match change {
        Change::Unchanged => ("", "unchanged", "unchanged"),
        Change::Changed => ("~", "changed", "changed"),
        Change::Added => ("+", "added", "added"),
        Change::Removed => ("−", "removed", "removed"),
        Change::Moved => ("»", "moved", "moved"),
    }
}

fn gutter(symbol: &str, label: &str, row: &SentenceRow) -> String {
    let from = number_label(row.from, row.from_count);
    let to = number_label(row.to, row.to_count);
    let numbers = match (from.is_empty(), to.is_empty()) {
        (false, false) if from == to => from,
        (false, false) => format!("{from}→{to}"),
        (false, true) => from,
        (true, _) => to,
    };
    format!(
        "<td class=\"gutter\" title=\"{label}\"><span class=\"sym\" aria-label=\"{label}\">{symbol}</span>{numbers}</td>"
    )
}

fn sentence_row(out: &mut String, row: &SentenceRow) {
    let (symbol, class, label) = row_kind(row.change);
    let old_text = row.old.as_deref().unwrap_or("");
    let new_text = row.new.as_deref().unwrap_or("");
    let word_diff = matches!(row.change, Change::Changed | Change::Moved) && !row.words.is_empty();
    let (mut old, mut new) = if word_diff {
        let mut old = String::new();
        let mut new = String::new();
        for op in &row.words {
            match op.change {
                WordChange::Equal => {
                    old.push_str(&escape(&op.text));
                    new.push_str(&escape(&op.text));
                }
                WordChange::Delete => old.push_str(&marked("del", &op.text)),
                WordChange::Insert => new.push_str(&marked("ins", &op.text)),
            }
        }
        (old, new)
    } else {
        (escape(old_text), escape(new_text))
    };
    let shape = match (row.from_count, row.to_count) {
        (1, 2) => "<span class=\"badge split\">split</span>",
        (2, 1) => "<span class=\"badge split\">merged</span>",
        _ => "",
    };
    new.insert_str(0, shape);
    if row.change == Change::Moved {
        let from = number_label(row.from, row.from_count);
        new.insert_str(
            0,
            &format!("<span class=\"badge\">moved from #{from}</span>"),
        );
    }
    if row.change == Change::Added {
        old.clear();
    }
    if row.change == Change::Removed {
        new.clear();
    }
    let _ = writeln!(
        out,
        "<tr class=\"{class}\">{}<td class=\"old\">{old}</td><td class=\"new\">{new}</td></tr>",
        gutter(symbol, label, row)
    );
}

/// Where a moved sentence stood: its old text, dimmed, with "moved to #N".
fn ghost_row(out: &mut String, row: &SentenceRow) {
    let to = number_label(row.to, row.to_count);
    let from = number_label(row.from, row.from_count);
    let _ = writeln!(
        out,
        "<tr class=\"ghost\"><td class=\"gutter\" title=\"where a moved sentence stood\">\
         <span class=\"sym\" aria-label=\"where a moved sentence stood\">»</span>{from}</td>\
         <td class=\"old\"><span class=\"badge\">moved to #{to}</span>{}</td><td class=\"new\"></td></tr>",
        escape(row.old.as_deref().unwrap_or(""))
    );
}

/// `<del>150</del> `: the mark round the word, its trailing space outside, so highlights do not
/// run into the next word.
fn marked(tag: &str, text: &str) -> String {
    let core = text.trim_end();
    let rest = text.get(core.len()..).unwrap_or("");
    if core.is_empty() {
        return escape(text);
    }
    format!("<{tag}>{}</{tag}>{}", escape(core), escape(rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::align::AlignOptions;
    use crate::core::pipeline::{build_report, version_from_text};
    use crate::core::report::sample_report as sample;

    #[test]
    fn article_markup_is_escaped() {
        let a = version_from_text(
            "a<b>.txt",
            "Titre & \"co\"\n\nLe maire a dit 'oui' le 15 septembre.",
            None,
        );
        let b = version_from_text(
            "b.txt",
            "Titre & \"co\"\n\nLe maire a dit <script>alert(1)</script> le 12 novembre.",
            None,
        );
        let html = render(
            &build_report(&[a, b], &AlignOptions::default()),
            &RenderOptions::default(),
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("Titre &amp; &quot;co&quot;"));
        assert!(html.contains("&#39;oui&#39;"));
        assert!(html.contains("a&lt;b&gt;.txt"));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn same_input_same_bytes_and_timestamp_only_when_given() {
        let report = sample("storm-en", 2);
        let first = render(&report, &RenderOptions::default());
        assert_eq!(first, render(&report, &RenderOptions::default()));
        assert!(!first.contains("generated"));
        let stamped = render(
            &report,
            &RenderOptions {
                generated_at: Some("2024-05-01 10:00 UTC".into()),
            },
        );
        assert!(stamped.contains("generated 2024-05-01 10:00 UTC"));
    }

    #[test]
    fn self_contained_document() {
        let html = render(&sample("pharma-de", 2), &RenderOptions::default());
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("print-color-adjust: exact"));
        assert!(html.contains("@media print"));
        for remote in [
            "http://", "https://", "url(", "@import", "<script", "<link", "<img",
        ] {
            assert!(!html.contains(remote), "{remote}");
        }
    }

    #[test]
    fn facts_before_entities_and_checksums_shortened() {
        let report = sample("tiktok-fr", 2);
        let html = render(&report, &RenderOptions::default());
        let facts = html.find("<h4>Facts</h4>").expect("facts");
        let entities = html.find("<h4>Entities</h4>").expect("entities");
        assert!(facts < entities);
        let sum = report.versions[0].checksum.clone().expect("file checksum");
        assert!(html.contains(&format!("<code title=\"{sum}\">{}…</code>", &sum[..12])));
        // And in full below the table, for print.
        assert!(html.contains(&format!("<li>v1 <code>{sum}</code></li>")));
        assert!(
            html.contains("<del>150</del>") || html.contains("<ins>"),
            "word highlights"
        );
    }

    #[test]
    fn timeline_only_for_three_versions_or_more() {
        let two = render(&sample("tiktok-fr", 2), &RenderOptions::default());
        assert!(!two.contains("id=\"timeline\""));
        let four = render(&sample("tiktok-fr", 4), &RenderOptions::default());
        assert!(four.contains("id=\"timeline\""));
        assert!(four.contains("<th scope=\"col\">v4</th>"));
        let timeline = four.find("id=\"timeline\"").expect("timeline");
        assert!(four.find("id=\"changes\"").expect("changes") < timeline);
        assert!(timeline < four.find("id=\"text\"").expect("text"));
    }

    #[test]
    fn moved_sentences_are_marked_on_both_sides() {
        let report = sample("storm-en", 4);
        assert!(
            report
                .comparisons
                .iter()
                .flat_map(|c| &c.sentences)
                .any(|r| r.change == Change::Moved),
            "the storm sample has a moved sentence"
        );
        let html = render(&report, &RenderOptions::default());
        assert!(html.contains("moved from #"));
        assert!(html.contains("moved to #"));
        assert!(html.contains("<tr class=\"ghost\">"));
    }
}
