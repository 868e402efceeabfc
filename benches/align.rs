//! Alignment speed on a ~1 MB article, light and heavy edits, as ratios to a plain word-level
//! Myers diff of the same two texts (what a generic diff tool pays) measured in the same run.
//!
//! `cargo bench` prints one line per case. No timing is asserted anywhere: numbers vary by
//! machine, ratios much less.

use std::time::{Duration, Instant};

use factdiff::core::align::{AlignOptions, compare};
use factdiff::core::document::{Lang, TokenKind, Version};
use factdiff::core::extract::extract_all;
use factdiff::core::pipeline::version_from_text;
use similar::{Algorithm, capture_diff_slices};

/// A deterministic pseudo-random sequence (xorshift), so runs compare like with like.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Paragraphs of the sample stories, repeated with a counter in every sentence (real articles
/// do not repeat sentences) until the text reaches `bytes`.
fn base_paragraphs(bytes: usize) -> Vec<Vec<String>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut source = Vec::new();
    for story in ["tiktok-fr", "storm-en", "pharma-de"] {
        for v in 1..=4 {
            let text = std::fs::read_to_string(format!("{dir}/{story}/v{v}.txt")).expect("sample");
            source.extend(text.split("\n\n").skip(1).map(|p| p.trim().to_string()));
        }
    }
    let mut out = Vec::new();
    let mut size = 0;
    let mut k = 0usize;
    while size < bytes {
        let para = &source[k % source.len()];
        let sentences: Vec<String> = para
            .split_inclusive(". ")
            .enumerate()
            .map(|(j, s)| {
                let s = s.trim();
                let body = s.trim_end_matches(['.', '!', '?']);
                format!("{body} n{k}x{j}{}", &s[body.len()..])
            })
            .collect();
        size += sentences.iter().map(|s| s.len() + 1).sum::<usize>();
        out.push(sentences);
        k += 1;
    }
    out
}

fn render(paras: &[Vec<String>]) -> String {
    paras
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The edit patterns measured.
#[derive(Clone, Copy, Debug)]
enum Edits {
    /// 3% of sentences get a figure inserted.
    Light,
    /// 30% of sentences rewritten (half their words replaced), 3% dropped, 3% split, 5% of
    /// paragraphs moved.
    Heavy,
    /// Every paragraph at a new place: the worst case for move detection.
    Shuffled,
    /// Every sentence rewritten: one gap spanning the whole article.
    Rewritten,
}

fn edit(paras: &[Vec<String>], edits: Edits, rng: &mut Rng) -> Vec<Vec<String>> {
    match edits {
        Edits::Light => edit_sentences(paras, false, rng),
        Edits::Heavy => edit_sentences(paras, true, rng),
        Edits::Shuffled => {
            let mut out = paras.to_vec();
            for i in (1..out.len()).rev() {
                out.swap(i, rng.below(i + 1));
            }
            out
        }
        Edits::Rewritten => paras
            .iter()
            .map(|p| {
                p.iter()
                    .map(|s| {
                        s.split(' ')
                            .map(|w| {
                                if rng.below(3) == 0 {
                                    w.to_string()
                                } else {
                                    format!("mot{}", rng.below(5000))
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .collect(),
    }
}

/// Light: one figure in 40 sentences changed. Heavy: 30% of sentences rewritten (half their
/// words replaced), 5% of paragraphs moved, some sentences split or dropped.
fn edit_sentences(paras: &[Vec<String>], heavy: bool, rng: &mut Rng) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = paras
        .iter()
        .map(|p| {
            p.iter()
                .filter_map(|s| {
                    let roll = rng.below(100);
                    if !heavy {
                        return Some(if roll < 3 {
                            s.replacen(" n", " 42 n", 1)
                        } else {
                            s.clone()
                        });
                    }
                    match roll {
                        0..30 => Some(
                            s.split(' ')
                                .map(|w| {
                                    if rng.below(2) == 0 {
                                        format!("mot{}", rng.below(500))
                                    } else {
                                        w.to_string()
                                    }
                                })
                                .collect::<Vec<_>>()
                                .join(" "),
                        ),
                        30..33 => None,
                        33..36 => Some(s.replacen(", ", ". Puis ", 1)),
                        _ => Some(s.clone()),
                    }
                })
                .collect()
        })
        .collect();
    if heavy {
        for _ in 0..out.len() / 20 {
            let from = rng.below(out.len());
            let p = out.remove(from);
            let to = rng.below(out.len());
            out.insert(to, p);
        }
    }
    out
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

/// The baseline: Myers over the word tokens of the whole texts, as a plain word diff does it.
fn word_diff_baseline(a: &Version, b: &Version) -> usize {
    let mut ids = std::collections::HashMap::new();
    let mut tokens = |v: &Version| -> Vec<u32> {
        v.sentences
            .iter()
            .flat_map(|s| &s.tokens)
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| {
                let n = ids.len() as u32;
                *ids.entry(t.key.clone()).or_insert(n)
            })
            .collect()
    };
    let (ta, tb) = (tokens(a), tokens(b));
    capture_diff_slices(Algorithm::Myers, &ta, &tb).len()
}

fn main() {
    let runs = 5;
    let base = base_paragraphs(1 << 20);
    let old_text = render(&base);
    println!(
        "factdiff alignment benchmark: {:.2} MB per version, median of {runs} runs",
        old_text.len() as f64 / 1e6
    );
    for edits in [
        Edits::Light,
        Edits::Heavy,
        Edits::Shuffled,
        Edits::Rewritten,
    ] {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let new_text = render(&edit(&base, edits, &mut rng));
        let segment = time(runs, || {
            (
                version_from_text("old", &old_text, Some(Lang::Fr)),
                version_from_text("new", &new_text, Some(Lang::Fr)),
            )
        });
        let old = version_from_text("old", &old_text, Some(Lang::Fr));
        let new = version_from_text("new", &new_text, Some(Lang::Fr));
        let baseline = time(runs, || word_diff_baseline(&old, &new));
        let align = time(runs, || compare(&old, &new, 0, 1, &AlignOptions::default()));
        let pair = [old.clone(), new.clone()];
        let extract = time(3, || extract_all(&pair));
        let c = compare(&old, &new, 0, 1, &AlignOptions::default());
        let ratio = |d: Duration| d.as_secs_f64() / baseline.as_secs_f64();
        println!(
            "{:9} word-diff baseline {:7.1} ms | normalise+segment both {:7.1} ms ({:.2}×) | align+word diffs {:7.1} ms ({:.2}×) | entities+facts both {:7.1} ms ({:.2}×) | {} sentences, {} changed, {} moved, {} added",
            format!("{edits:?}:"),
            baseline.as_secs_f64() * 1e3,
            segment.as_secs_f64() * 1e3,
            ratio(segment),
            align.as_secs_f64() * 1e3,
            ratio(align),
            extract.as_secs_f64() * 1e3,
            ratio(extract),
            new.sentences.len(),
            c.summary.sentences_changed,
            c.summary.sentences_moved,
            c.summary.sentences_added,
        );
    }
}
