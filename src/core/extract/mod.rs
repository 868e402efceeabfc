//! Stage 5: a segmented version → the entities and facts it states.
//!
//! Extractors work paragraph by paragraph on the [normalised](super::normalize) text (straight
//! quotes and apostrophes, one kind of dash and space), so one pattern covers every
//! typographic variant; their byte ranges are mapped back to the original text for display.
//!
//! - [`facts`]: numbers with what they count, money, percentages, dates, times, quantities.
//! - [`quotes`]: quoted words and who said them.
//! - [`entities`]: people, organisations, places and other names, with aliases.
//! - [`gazetteer`]: the word lists shipped in `assets/`.

pub mod entities;
pub mod facts;
pub mod gazetteer;
pub mod quotes;

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// What a fact is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Number,
    Money,
    Percent,
    Date,
    Time,
    Quantity,
    Quote,
}

/// The parsed value of a fact: a number (175, 7.9e9, 12.5) or a normalised text (a date
/// `2020-09-15` / `--09-15` / `2020-08`, a weekday `sunday`, a time `06:40`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FactValue {
    Number(f64),
    Text(String),
}

/// A fact found by an extractor, with its range in the normalised paragraph text.
#[derive(Clone, Debug, PartialEq)]
pub struct FactMatch {
    pub kind: FactKind,
    /// The whole expression, qualifier and counted noun included: "près d'un milliard
    /// d'utilisateurs", "at least 19 people", "5 Mio. Euro".
    pub range: Range<usize>,
    pub value: Option<FactValue>,
    /// What the number counts or its unit, as written (normalised): "marchés", "utilisateurs",
    /// "households", "km/h", "Kilometern pro Stunde". None when nothing is counted.
    pub unit: Option<String>,
    /// ISO 4217 code for money: "USD", "EUR", "GBP", "CHF"…
    pub currency: Option<String>,
    /// An approximation or bound before the number: "près de", "at least", "rund", "mehr als".
    pub qualifier: Option<String>,
}

/// A quotation found in a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteMatch {
    /// The quoted words, without the quote marks, in the normalised paragraph text.
    pub range: Range<usize>,
    /// The speaker as the text names them next to the quote: "Mike Pompeo", "Novak",
    /// "ein Sprecher", "Mayor Jane Novak". None when the text does not say.
    pub speaker: Option<Range<usize>>,
    /// The speaker is a pronoun ("a-t-il dit", "he said", "sagte sie"): the caller resolves it
    /// to the person last named.
    pub speaker_is_pronoun: bool,
}

use std::collections::HashMap;

use entities::{EntityKind, KindCue, RawMention};
use gazetteer::{Gazetteer, fold};

use super::document::Version;
use super::normalize::{Normalized, normalize};
use super::parallel;

/// An entity as it appears in one version. `id` is shared by all versions of a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable across versions: "donald-trump".
    pub id: String,
    /// The fullest name the versions use: "Donald Trump".
    pub name: String,
    pub kind: EntityKind,
    /// The names this version uses for it, sorted: ["Donald Trump", "Trump"].
    pub aliases: Vec<String>,
    /// How many times this version mentions it.
    pub mentions: usize,
    /// Sentence indices of the mentions, sorted, without repeats.
    pub sentences: Vec<usize>,
    /// The role or title written before it: "président américain", "Mayor".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<String>,
    /// Byte ranges of the mentions in the version text (for highlighting).
    #[serde(default)]
    pub spans: Vec<[usize; 2]>,
}

/// A fact as it appears in one version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub kind: FactKind,
    /// The expression as written ("près d’un milliard d’utilisateurs"); for a quote, the quoted
    /// words.
    pub text: String,
    pub value: Option<FactValue>,
    /// What a number counts or a quantity's unit.
    pub unit: Option<String>,
    /// ISO 4217 code, money only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub currency: Option<String>,
    /// "près de", "at least", "rund"…
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub qualifier: Option<String>,
    /// Who said a quote: the entity's name when resolved, else the words the text uses
    /// ("un porte-parole"); null when the text does not say. Quotes only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker: Option<Option<String>>,
    /// The speaker's entity id when the speaker is a known entity. Quotes only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker_id: Option<String>,
    /// Index of the sentence holding the fact (its start).
    pub sentence: usize,
    /// Byte range in the version text.
    pub span: [usize; 2],
}

/// Everything extracted from one version.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
}

/// A mention located in a version, before alias resolution.
#[derive(Clone, Debug)]
struct Located {
    version: usize,
    raw: RawMention,
    span: Range<usize>,
    sentence: usize,
}

/// Extracts entities and facts from every version, with entity ids shared across versions so
/// that "Donald Trump" in one version and "Trump" in the next are the same entity.
pub fn extract_all(versions: &[Version]) -> Vec<Extraction> {
    extract_resolved(scan_versions(versions))
}

/// What one version holds before entities are resolved across versions: its mentions, facts
/// and quotes. It depends on that version alone, so the app keeps it while the version is
/// open and adding a version scans only the new one.
#[derive(Clone, Debug, Default)]
pub struct VersionScan {
    located: Vec<Located>,
    facts: Vec<Fact>,
    quotes: Vec<PendingQuote>,
}

/// The scans of `versions`, with every paragraph of every version spread over the cores and
/// put back in order, so the results are those of a sequential run.
pub fn scan_versions(versions: &[Version]) -> Vec<VersionScan> {
    let refs: Vec<&Version> = versions.iter().collect();
    scan_version_refs(&refs)
}

/// [`scan_versions`] of versions held elsewhere (the ones a cache is missing).
///
/// A paragraph found again (in another version, or repeated) is scanned once: what a scan
/// finds depends only on the paragraph's text, its sentence starts and the language, so the
/// finds of one copy are moved to every other place it stands. Successive versions of an
/// article share most of their paragraphs.
pub fn scan_version_refs(versions: &[&Version]) -> Vec<VersionScan> {
    let g = Gazetteer::shipped();
    // Each paragraph's distinct content, in order of first appearance.
    let mut distinct: HashMap<ParagraphKey, usize> = HashMap::new();
    let mut firsts: Vec<(usize, usize)> = Vec::new();
    let mut places: Vec<(usize, usize, usize)> = Vec::new();
    for (vi, v) in versions.iter().enumerate() {
        for pi in 0..v.paragraphs.len() {
            let next = firsts.len();
            let d = *distinct.entry(paragraph_key(v, pi)).or_insert(next);
            if d == next {
                firsts.push((vi, pi));
            }
            places.push((vi, pi, d));
        }
    }
    drop(distinct);
    let mut uses = vec![0usize; firsts.len()];
    for &(_, _, d) in &places {
        uses[d] += 1;
    }
    let mut finds: Vec<LocalFinds> = parallel::map_weighted(
        &firsts,
        |&(vi, pi)| versions[vi].paragraphs[pi].len(),
        |&(vi, pi)| scan_paragraph(versions[vi], pi, g),
    );
    let mut scans: Vec<VersionScan> = vec![VersionScan::default(); versions.len()];
    for (vi, pi, d) in places {
        uses[d] -= 1;
        // The last place a paragraph stands takes its finds; the others copy them.
        let found = if uses[d] == 0 {
            std::mem::take(&mut finds[d])
        } else {
            finds[d].clone()
        };
        found.place_into(versions[vi], pi, &mut scans[vi]);
    }
    scans
}

/// What makes two paragraphs scan alike: language, text and where their sentences start.
type ParagraphKey<'a> = (super::document::Lang, &'a str, Vec<usize>);

fn paragraph_key<'a>(v: &'a Version, pi: usize) -> ParagraphKey<'a> {
    let para = v.paragraphs.get(pi).cloned().unwrap_or(0..0);
    let (first, last) = paragraph_sentences(v, pi);
    let starts = v.sentences[first..last]
        .iter()
        .map(|s| s.byte_range.start.saturating_sub(para.start))
        .collect();
    (v.language, v.text.get(para).unwrap_or(""), starts)
}

/// The sentences of paragraph `pi` (sentences are in paragraph order).
fn paragraph_sentences(v: &Version, pi: usize) -> (usize, usize) {
    let first = v.sentences.partition_point(|s| s.paragraph < pi);
    let last = v.sentences.partition_point(|s| s.paragraph <= pi);
    (first, last)
}

/// The extractions of the versions whose scans are `scans` (in version order): entities are
/// resolved across all of them, so ids agree from one version to the next.
pub fn extract_from_scans(scans: &[&VersionScan]) -> Vec<Extraction> {
    extract_resolved(scans.iter().map(|&scan| scan.clone()).collect())
}

/// [`extract_from_scans`] of scans no longer needed (their finds move into the extractions).
fn extract_resolved(scans: Vec<VersionScan>) -> Vec<Extraction> {
    let g = Gazetteer::shipped();
    let count = scans.len();
    let mut located: Vec<Located> = Vec::new();
    let mut facts: Vec<Vec<Fact>> = Vec::with_capacity(count);
    let mut quotes: Vec<Vec<PendingQuote>> = Vec::with_capacity(count);
    for (vi, scan) in scans.into_iter().enumerate() {
        located.extend(scan.located.into_iter().map(|mut l| {
            l.version = vi;
            l
        }));
        facts.push(scan.facts);
        quotes.push(scan.quotes);
    }
    let clusters = resolve(&located, g);
    let mut out: Vec<Extraction> = (0..count).map(|_| Extraction::default()).collect();
    for cluster in &clusters {
        let mut per_version: HashMap<usize, Vec<&Located>> = HashMap::new();
        for &m in &cluster.members {
            per_version
                .entry(located[m].version)
                .or_default()
                .push(&located[m]);
        }
        for (vi, ms) in per_version {
            // Sorted and deduplicated before copying: a name is mentioned thousands of times
            // in a book, with a handful of spellings.
            let mut surfaces: Vec<&str> = ms.iter().map(|m| m.raw.surface.as_str()).collect();
            surfaces.sort_unstable();
            surfaces.dedup();
            let aliases: Vec<String> = surfaces.into_iter().map(str::to_string).collect();
            let mut sentences: Vec<usize> = ms.iter().map(|m| m.sentence).collect();
            sentences.sort_unstable();
            sentences.dedup();
            let mut spans: Vec<[usize; 2]> =
                ms.iter().map(|m| [m.span.start, m.span.end]).collect();
            spans.sort_unstable();
            // Roles belong to people ("le président avait dit vouloir bannir TikTok" gives
            // TikTok no role).
            let role = (cluster.kind == EntityKind::Person)
                .then(|| {
                    ms.iter()
                        .find_map(|m| m.raw.role.clone())
                        .or_else(|| cluster.role.clone())
                })
                .flatten();
            out[vi].entities.push(Entity {
                id: cluster.id.clone(),
                name: cluster.name.clone(),
                kind: cluster.kind,
                aliases,
                mentions: ms.len(),
                sentences,
                role,
                spans,
            });
        }
    }
    // Quotes: resolve speakers to entities (a pronoun is the person named last before it).
    let mut by_version: Vec<Vec<(&Located, &Cluster)>> = vec![Vec::new(); count];
    for c in &clusters {
        for &m in &c.members {
            if let (Some(l), Some(list)) = (located.get(m), by_version.get_mut(located[m].version))
            {
                list.push((l, c));
            }
        }
    }
    for list in &mut by_version {
        list.sort_by_key(|(m, _)| m.span.start);
    }
    for (vi, qs) in quotes.into_iter().enumerate() {
        let in_version = &by_version[vi];
        for (mut fact, speaker, pronoun) in qs {
            // Mentions are sorted by start: look only at the few just before a position.
            let before = |pos: usize| {
                in_version[..in_version.partition_point(|(m, _)| m.span.start < pos)]
                    .iter()
                    .rev()
            };
            let found = match (&speaker, pronoun) {
                (Some(r), _) => before(r.end)
                    .take_while(|(m, _)| m.span.start + 200 >= r.start)
                    .filter(|(m, _)| m.span.start < r.end && r.start < m.span.end)
                    .max_by_key(|(m, _)| m.span.end - m.span.start)
                    .map(|(_, c)| *c),
                (None, true) => before(fact.span[0])
                    .take(200)
                    .find(|(_, c)| c.kind == EntityKind::Person)
                    .map(|(_, c)| *c),
                (None, false) => None,
            };
            if let Some(c) = found {
                fact.speaker = Some(Some(c.name.clone()));
                fact.speaker_id = Some(c.id.clone());
            }
            facts[vi].push(fact);
        }
    }
    for (x, mut f) in out.iter_mut().zip(facts) {
        f.sort_by_key(|f| (f.span[0], f.span[1]));
        x.facts = f;
        x.entities
            .sort_by(|a, b| a.spans.first().cmp(&b.spans.first()).then(a.id.cmp(&b.id)));
    }
    out
}

/// A quote waiting for entities: the fact, its speaker's span, whether the speaker is a
/// pronoun.
type PendingQuote = (Fact, Option<Range<usize>>, bool);

/// What one paragraph holds, before entities are resolved across versions, where the
/// paragraph is the whole text: spans are offsets in the paragraph and sentences count the
/// paragraph's sentence starts at or before the find ([`LocalFinds::place_into`] puts them
/// where the paragraph stands).
#[derive(Clone, Default)]
struct LocalFinds {
    located: Vec<Located>,
    facts: Vec<Fact>,
    quotes: Vec<PendingQuote>,
}

impl LocalFinds {
    /// Appends the finds to `scan`, as found in paragraph `pi` of `v`.
    fn place_into(self, v: &Version, pi: usize, scan: &mut VersionScan) {
        let start = v.paragraphs.get(pi).map_or(0, |p| p.start);
        let (first, _) = paragraph_sentences(v, pi);
        // Sentences of earlier paragraphs start before this one and later ones after it, so
        // the sentence holding a find is the last of this paragraph's starting at or before
        // it (or the one before the paragraph when none does).
        let sentence = |counted: usize| (first + counted).saturating_sub(1);
        let span = |r: &mut Range<usize>| *r = r.start + start..r.end + start;
        let fact = |f: &mut Fact| {
            f.span = [f.span[0] + start, f.span[1] + start];
            f.sentence = sentence(f.sentence);
        };
        scan.located.extend(self.located.into_iter().map(|mut l| {
            span(&mut l.span);
            l.sentence = sentence(l.sentence);
            l
        }));
        scan.facts.extend(self.facts.into_iter().map(|mut f| {
            fact(&mut f);
            f
        }));
        scan.quotes.extend(
            self.quotes
                .into_iter()
                .map(|(mut f, mut speaker, pronoun)| {
                    fact(&mut f);
                    if let Some(r) = speaker.as_mut() {
                        span(r);
                    }
                    (f, speaker, pronoun)
                }),
        );
    }
}

/// Mentions, facts and quotes of paragraph `pi` of version `v`, in the paragraph's own
/// coordinates (see [`LocalFinds`]); their `version` is set when the scans are put together.
fn scan_paragraph(v: &Version, pi: usize, g: &Gazetteer) -> LocalFinds {
    let mut found = LocalFinds::default();
    let Some(para) = v.paragraphs.get(pi).cloned() else {
        return found;
    };
    let Some(para_text) = v.text.get(para.clone()) else {
        return found;
    };
    let mut norm = normalize(para_text);
    // A line break inside a paragraph is a hard wrap: extractors see a space (the same byte
    // length, so ranges stay valid).
    norm.text = norm.text.replace('\n', " ");
    let (first, last) = paragraph_sentences(v, pi);
    let sentence_starts: Vec<usize> = v.sentences[first..last]
        .iter()
        .map(|s| s.byte_range.start.saturating_sub(para.start))
        .collect();
    let starts: Vec<usize> = sentence_starts
        .iter()
        .map(|&o| to_normalized(&norm, o))
        .collect();
    let to_orig = |r: Range<usize>| norm.original_range(r);
    // How many of the paragraph's sentences start at or before a paragraph offset.
    let counted = |at: usize| sentence_starts.partition_point(|&s| s <= at);
    let text_of = |r: &Range<usize>| para_text.get(r.clone()).unwrap_or("").to_string();
    for raw in entities::find_mentions(&norm.text, v.language, &starts, g) {
        let span = to_orig(raw.range.clone());
        let sentence = counted(span.start);
        found.located.push(Located {
            version: 0,
            raw,
            span,
            sentence,
        });
    }
    for m in facts::find_facts(&norm.text, v.language) {
        let span = to_orig(m.range.clone());
        found.facts.push(Fact {
            kind: m.kind,
            text: text_of(&span),
            value: m.value,
            unit: m.unit,
            currency: m.currency,
            qualifier: m.qualifier,
            speaker: None,
            speaker_id: None,
            sentence: counted(span.start),
            span: [span.start, span.end],
        });
    }
    for q in quotes::find_quotes(&norm.text, v.language) {
        let span = to_orig(q.range.clone());
        let speaker = q.speaker.map(&to_orig);
        let fact = Fact {
            kind: FactKind::Quote,
            text: text_of(&span),
            value: None,
            unit: None,
            currency: None,
            qualifier: None,
            speaker: Some(
                speaker
                    .as_ref()
                    .and_then(|r| para_text.get(r.clone()))
                    .map(str::to_string),
            ),
            speaker_id: None,
            sentence: counted(span.start),
            span: [span.start, span.end],
        };
        found.quotes.push((fact, speaker, q.speaker_is_pronoun));
    }
    found
}

/// The normalised offset of original offset `orig` (the first normalised byte at or after it).
fn to_normalized(norm: &Normalized, orig: usize) -> usize {
    let orig = u32::try_from(orig).unwrap_or(u32::MAX);
    norm.origin
        .partition_point(|&o| o < orig)
        .min(norm.text.len())
}

/// One entity across all versions.
struct Cluster {
    id: String,
    name: String,
    kind: EntityKind,
    role: Option<String>,
    members: Vec<usize>,
}

/// The comparison key of a mention: canonical or surface, folded, possessive stripped.
fn mention_key(m: &RawMention) -> String {
    let base = m.canonical.as_deref().unwrap_or(&m.surface);
    let base = base.strip_suffix("'s").unwrap_or(base);
    fold(base.trim_end_matches('.'))
}

/// Groups mentions into entities (see the module doc of [`entities`] and [`extract_all`]):
/// identical keys, then a surname for a person's full name ("Trump" → "Donald Trump"), a first
/// word for an organisation ("Helios" → "Helios Pharma AG"), a German genitive ("Neuhelmsdorfs"),
/// and tentative sentence-initial words only when they are a name elsewhere.
fn resolve(located: &[Located], g: &Gazetteer) -> Vec<Cluster> {
    let keys: Vec<String> = located.iter().map(|l| mention_key(&l.raw)).collect();
    let mut cluster_of: HashMap<String, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    // Firm mentions with several words (or known names) found clusters first.
    let mut order: Vec<usize> = (0..located.len())
        .filter(|&i| !located[i].raw.tentative)
        .collect();
    // Sort keys computed once per mention, not at every comparison.
    order.sort_by_cached_key(|&i| {
        (
            std::cmp::Reverse(keys[i].split(' ').count()),
            located[i].version,
            located[i].span.start,
        )
    });
    for &i in &order {
        let key = &keys[i];
        let target = cluster_of
            .get(key)
            .copied()
            .or_else(|| alias_target(key, &cluster_of, &members, located, g));
        match target {
            Some(c) => {
                members[c].push(i);
                if !cluster_of.contains_key(key) {
                    cluster_of.insert(key.clone(), c);
                }
            }
            None => {
                cluster_of.insert(key.clone(), members.len());
                members.push(vec![i]);
            }
        }
    }
    // Tentative mentions join only existing entities (or known names).
    for i in (0..located.len()).filter(|&i| located[i].raw.tentative) {
        let key = &keys[i];
        let target = cluster_of
            .get(key)
            .copied()
            .or_else(|| alias_target(key, &cluster_of, &members, located, g));
        if let Some(c) = target {
            members[c].push(i);
        } else if located[i].raw.canonical.is_some() {
            cluster_of.insert(key.clone(), members.len());
            members.push(vec![i]);
        }
    }
    // Name, kind, id.
    let mut clusters: Vec<Cluster> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|mut m| {
            m.sort_by_key(|&i| (located[i].version, located[i].span.start));
            let name = cluster_name(&m, located);
            let kind = cluster_kind(&m, located);
            let role = m.iter().find_map(|&i| located[i].raw.role.clone());
            Cluster {
                id: String::new(),
                name,
                kind,
                role,
                members: m,
            }
        })
        .collect();
    clusters.sort_by_key(|c| {
        c.members
            .first()
            .map(|&i| (located[i].version, located[i].span.start))
    });
    let mut used: HashMap<String, usize> = HashMap::new();
    for c in &mut clusters {
        let base = slug(&c.name);
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        c.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }
    // A person known by a full name makes its surname mentions people too (already merged).
    clusters
}

/// For a key with no cluster of its own: the one cluster it is clearly an alias of.
fn alias_target(
    key: &str,
    cluster_of: &HashMap<String, usize>,
    members: &[Vec<usize>],
    located: &[Located],
    g: &Gazetteer,
) -> Option<usize> {
    // German genitive or English plural-less possessive: "neuhelmsdorfs" → "neuhelmsdorf".
    if let Some(stem) = key.strip_suffix('s')
        && let Some(&c) = cluster_of.get(stem)
    {
        return Some(c);
    }
    let is_kind = |c: usize, kind: EntityKind| {
        members[c]
            .iter()
            .any(|&i| matches!(located[i].raw.cue, KindCue::Strong(k) if k == kind))
    };
    if key.contains(' ') {
        // "northvale power" for "northvale power corp.": the same name without its legal form.
        let candidates: Vec<usize> = cluster_of
            .iter()
            .filter(|(k, _)| {
                k.strip_prefix(key)
                    .and_then(|rest| rest.strip_prefix(' '))
                    .is_some_and(|rest| rest.split(' ').all(|w| g.is_org_word(w)))
            })
            .map(|(_, &c)| c)
            .collect();
        return unique(candidates);
    }
    // A single word: the surname of one person (or of a name that is not an organisation or
    // a place), or the first word of one organisation.
    let mut candidates: Vec<usize> = Vec::new();
    for (k, &c) in cluster_of {
        if !k.contains(' ') {
            continue;
        }
        let words: Vec<&str> = k.split(' ').collect();
        let org = is_kind(c, EntityKind::Organization);
        let place = is_kind(c, EntityKind::Place);
        let first_word = words.first() == Some(&key);
        let last_word = words.last().map(|w| w.trim_end_matches('.')) == Some(key);
        let person = is_kind(c, EntityKind::Person);
        // "Trump" for "Donald Trump", "Helios" for "Helios Pharma AG", "Luca" for "Luca Brenner".
        if (last_word && !org && !place)
            || (org && first_word && words.len() <= 4)
            || (person && first_word && g.is_given_name(key))
        {
            candidates.push(c);
        }
    }
    unique(candidates)
}

fn unique(mut v: Vec<usize>) -> Option<usize> {
    v.sort_unstable();
    v.dedup();
    if v.len() == 1 {
        v.first().copied()
    } else {
        None
    }
}

/// The fullest name: most words, then most frequent, then first seen.
fn cluster_name(members: &[usize], located: &[Located]) -> String {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (order, &i) in members.iter().enumerate() {
        let e = counts
            .entry(located[i].raw.surface.as_str())
            .or_insert((0, order));
        e.0 += 1;
    }
    let mut names: Vec<(&str, (usize, usize))> = counts.into_iter().collect();
    names.sort_by(|a, b| {
        let wa = a.0.split(' ').count();
        let wb = b.0.split(' ').count();
        wb.cmp(&wa).then(b.1.0.cmp(&a.1.0)).then(a.1.1.cmp(&b.1.1))
    });
    let name = names.first().map(|n| n.0).unwrap_or("");
    // An all-caps dateline ("PORT ELLERY") gives way to a normally written form.
    if name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && name.chars().count() > 5
        && let Some(n) = names.iter().find(|n| n.0.chars().any(char::is_lowercase))
    {
        return n.0.to_string();
    }
    name.to_string()
}

/// Strong cues win (gazetteer first, then the most frequent); else weak ones; else `other`.
fn cluster_kind(members: &[usize], located: &[Located]) -> EntityKind {
    let mut strong: HashMap<EntityKind, usize> = HashMap::new();
    let mut weak: HashMap<EntityKind, usize> = HashMap::new();
    for &i in members {
        let m = &located[i].raw;
        if m.canonical.is_some()
            && let KindCue::Strong(k) = m.cue
        {
            return k;
        }
        match m.cue {
            KindCue::Strong(k) => *strong.entry(k).or_default() += 1,
            KindCue::Weak(k) => *weak.entry(k).or_default() += 1,
            KindCue::None => {}
        }
    }
    let best = |m: HashMap<EntityKind, usize>| {
        let mut v: Vec<(EntityKind, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.first().map(|x| x.0)
    };
    best(strong)
        .or_else(|| best(weak))
        .unwrap_or(EntityKind::Other)
}

/// "Donald Trump" → "donald-trump"; "États-Unis" → "etats-unis".
pub fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "entity".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pipeline::load_version;

    /// Scans made apart (as the app caches them, one version added at a time) give the same
    /// extractions, ids included, as extracting all versions at once.
    #[test]
    fn scans_made_apart_give_the_extractions_of_one_pass() {
        for story in ["tiktok-fr", "storm-en", "pharma-de"] {
            let versions: Vec<Version> = (1..=4)
                .map(|k| {
                    let path = format!("{}/samples/{story}/v{k}.txt", env!("CARGO_MANIFEST_DIR"));
                    load_version(std::path::Path::new(&path), None).expect("sample")
                })
                .collect();
            let together = extract_all(&versions);
            let mut apart: Vec<VersionScan> = scan_versions(&versions[..2]);
            apart.extend(scan_version_refs(&[&versions[3], &versions[2]]));
            apart.swap(2, 3);
            let refs: Vec<&VersionScan> = apart.iter().collect();
            assert_eq!(extract_from_scans(&refs), together, "{story}");
            assert!(
                together
                    .iter()
                    .all(|x| !x.entities.is_empty() && !x.facts.is_empty())
            );
        }
    }

    /// A paragraph found again (a later version, or twice in one) is scanned once and its
    /// finds placed where each copy stands: every fact and mention still covers its own
    /// text, in its own sentence, and the copies find the same things.
    #[test]
    fn repeated_paragraphs_are_found_where_each_copy_stands() {
        use crate::core::pipeline::version_from_text;
        let path = format!("{}/samples/tiktok-fr/v2.txt", env!("CARGO_MANIFEST_DIR"));
        let raw = std::fs::read_to_string(path).expect("sample");
        let text = version_from_text("a", &raw, None).text;
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        // The article, then its third paragraph again and an edited copy of the second.
        let again = format!("{text}\n\n{}\n\nAjout. {}", paragraphs[2], paragraphs[1]);
        let versions = [
            version_from_text("a", &text, None),
            version_from_text("b", &again, None),
        ];
        let x = extract_all(&versions);
        for (v, x) in versions.iter().zip(&x) {
            let holding = |at: usize| v.sentences.iter().rposition(|s| s.byte_range.start <= at);
            for f in &x.facts {
                assert_eq!(v.text.get(f.span[0]..f.span[1]), Some(f.text.as_str()));
                assert_eq!(Some(f.sentence), holding(f.span[0]), "{}", f.text);
            }
            for e in &x.entities {
                for span in &e.spans {
                    let surface = v.text.get(span[0]..span[1]).unwrap_or("");
                    assert!(!surface.is_empty(), "{}", e.name);
                }
                for &sentence in &e.sentences {
                    assert!(sentence < v.sentences.len());
                }
            }
        }
        // The repeated paragraph states its facts twice in the second version.
        let copy = &paragraphs[2];
        let in_copy = |x: &Extraction, v: &Version, from: usize| -> Vec<String> {
            assert!(v.text[from..].starts_with(copy));
            x.facts
                .iter()
                .filter(|f| f.span[0] >= from && f.span[1] <= from + copy.len())
                .map(|f| f.text.clone())
                .collect()
        };
        let first = text.find(copy).expect("paragraph");
        let second = text.len() + 2;
        let once = in_copy(&x[0], &versions[0], first);
        assert!(!once.is_empty(), "the paragraph states facts");
        assert_eq!(in_copy(&x[1], &versions[1], first), once);
        assert_eq!(in_copy(&x[1], &versions[1], second), once);
    }
}
