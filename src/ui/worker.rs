//! The work that can take time, off the UI thread: loading files, extracting entities and
//! facts, comparing a pair, and watching the open files for changes on disk.
//!
//! In: [`Job`]s (plain data: paths, shared versions, options). Out: one [`JobResult`] per job,
//! plus [`JobResult::FileChanged`] / [`JobResult::FileMissing`] from the file watcher. The app
//! sends a job and goes on drawing; it picks the results up at the start of each frame.
//!
//! [`Worker::Inline`] runs each job at once on the caller's thread: tests and doctests use it
//! for deterministic results. [`Worker::Thread`] runs them on one background thread, which also
//! checks the watched files' modification times every second. A comparison carries a request
//! number; the worker skips one that a newer request has already superseded, and the app drops
//! any stale result that still arrives.

use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use crate::core::align::AlignOptions;
use crate::core::document::{Lang, Version};
use crate::core::extract::{Extraction, VersionScan, extract_from_scans, scan_version_refs};
use crate::core::pipeline::{
    build_report_from, compare_consecutive, compare_pair, load_version, timeline,
};
use crate::core::report::{Comparison, RenderOptions, ShareFormat, Timeline};
use crate::core::write::write_atomic_with;

/// How often the background thread looks at the watched files.
const WATCH_INTERVAL: Duration = Duration::from_secs(1);

/// One piece of work.
pub(crate) enum Job {
    /// Read and segment these files.
    Load {
        paths: Vec<PathBuf>,
        lang: Option<Lang>,
    },
    /// Extract (when `extractions` is `None`) and compare `pair`; with `shares`, also the share
    /// of changed sentences of each version against the one before it.
    Compare(CompareJob),
    /// Replace the list of files the background thread watches (no result).
    Watch(Vec<WatchedFile>),
    /// Build the report of all versions (consecutive pairs, timeline) and write it to a file.
    Export(ExportJob),
}

/// A report to write: what File → Export report asks for.
pub(crate) struct ExportJob {
    pub versions: Arc<Vec<Version>>,
    /// The app's extractions when up to date; else they are made from `scans`.
    pub extractions: Option<Arc<Vec<Extraction>>>,
    pub scans: Arc<ScanCache>,
    /// The names given to the versions in the app, in version order.
    pub names: Vec<Option<String>>,
    pub options: AlignOptions,
    pub format: ShareFormat,
    pub render: RenderOptions,
    pub path: PathBuf,
}

/// Each version's scan (mentions, facts, quotes before entities are resolved across
/// versions), by [`scan_key`]: adding a version to a large set scans only that one.
pub(crate) type ScanCache = HashMap<u64, Arc<VersionScan>>;

pub(crate) struct CompareJob {
    /// Increases with every request; a job older than the latest is skipped.
    pub request: u64,
    pub versions: Arc<Vec<Version>>,
    pub extractions: Option<Arc<Vec<Extraction>>>,
    /// The scans of versions seen before, used when `extractions` must be computed.
    pub scans: Arc<ScanCache>,
    pub pair: Option<(usize, usize)>,
    pub options: AlignOptions,
    pub shares: bool,
}

/// A loaded file with the signature the watcher compares against.
pub(crate) struct LoadedFile {
    pub version: Version,
    pub stamp: Option<FileStamp>,
}

/// What tells a file changed: its modification time and its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileStamp {
    pub modified: Option<SystemTime>,
    pub len: u64,
}

impl FileStamp {
    pub fn of(path: &std::path::Path) -> std::io::Result<FileStamp> {
        let meta = std::fs::metadata(path)?;
        Ok(FileStamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// A file the watcher looks at, with what it was when last loaded.
#[derive(Clone, Debug)]
pub(crate) struct WatchedFile {
    pub path: PathBuf,
    pub stamp: Option<FileStamp>,
    pub missing: bool,
    pub lang: Option<Lang>,
}

pub(crate) enum JobResult {
    Loaded(Vec<(PathBuf, Result<LoadedFile, String>)>),
    Compared {
        request: u64,
        /// Newly computed extractions (`None` when the job reused the app's).
        extractions: Option<Arc<Vec<Extraction>>>,
        /// With new extractions: the scans of the current versions (the app's cache from now
        /// on) and how many versions had to be scanned.
        scans: Option<(ScanCache, usize)>,
        comparison: Option<Comparison>,
        /// Per version, the share of its sentences that differ from the version before it.
        shares: Option<Vec<Option<f32>>>,
        /// Every entity and fact across the versions, computed with the shares (it needs the
        /// same consecutive comparisons) so the timeline panel never computes on the UI thread.
        timeline: Option<Timeline>,
    },
    /// A comparison skipped because a newer one was requested.
    Superseded,
    /// A watched file changed on disk and was read again (or failed to).
    FileChanged(PathBuf, Result<LoadedFile, String>),
    /// A watched file disappeared.
    FileMissing(PathBuf),
    /// A report written to this file, or why it could not be.
    Exported(PathBuf, Result<(), String>),
}

impl JobResult {
    /// Whether this answers a job (watcher events come unasked).
    pub fn answers_a_job(&self) -> bool {
        !matches!(self, JobResult::FileChanged(..) | JobResult::FileMissing(_))
    }
}

/// Runs jobs inline (tests) or on a background thread (the app).
pub(crate) enum Worker {
    Inline {
        results: VecDeque<JobResult>,
    },
    Thread {
        jobs: Sender<Job>,
        results: Receiver<JobResult>,
        /// The newest comparison request, shared so the thread can skip stale ones.
        latest: Arc<AtomicU64>,
        /// Set on the first frame, so the thread can wake the UI when a result is ready.
        repaint: Arc<OnceLock<egui::Context>>,
    },
}

impl Worker {
    pub fn inline() -> Self {
        Worker::Inline {
            results: VecDeque::new(),
        }
    }

    /// Starts the background thread. It ends when the worker is dropped.
    pub fn spawn() -> Self {
        let (job_tx, job_rx) = mpsc::channel();
        let (result_tx, result_rx) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let repaint: Arc<OnceLock<egui::Context>> = Arc::new(OnceLock::new());
        let thread_latest = Arc::clone(&latest);
        let thread_repaint = Arc::clone(&repaint);
        let spawned = std::thread::Builder::new()
            .name("factdiff-worker".into())
            .spawn(move || worker_loop(&job_rx, &result_tx, &thread_latest, &thread_repaint));
        match spawned {
            Ok(_) => Worker::Thread {
                jobs: job_tx,
                results: result_rx,
                latest,
                repaint,
            },
            // No thread to be had: work inline rather than not at all.
            Err(_) => Worker::inline(),
        }
    }

    pub fn is_threaded(&self) -> bool {
        matches!(self, Worker::Thread { .. })
    }

    /// Lets the background thread request a repaint when it has a result.
    pub fn set_context(&self, ctx: &egui::Context) {
        if let Worker::Thread { repaint, .. } = self {
            let _ = repaint.set(ctx.clone());
        }
    }

    /// Sends a job. Inline, it runs now and its result waits in [`Worker::try_recv`].
    pub fn submit(&mut self, job: Job) {
        match self {
            Worker::Inline { results } => {
                // Inline jobs run in order, so none is ever stale.
                let never_stale = AtomicU64::new(0);
                run_job(job, &never_stale, &mut |r| results.push_back(r));
            }
            Worker::Thread {
                jobs,
                results: _,
                latest,
                ..
            } => {
                if let Job::Compare(c) = &job {
                    latest.fetch_max(c.request, Ordering::SeqCst);
                }
                // A send fails only if the thread died; its results then never come, and the
                // app shows what it had.
                let _ = jobs.send(job);
            }
        }
    }

    /// The next result, if one is ready.
    pub fn try_recv(&mut self) -> Option<JobResult> {
        match self {
            Worker::Inline { results } => results.pop_front(),
            Worker::Thread { results, .. } => results.try_recv().ok(),
        }
    }

    /// Waits up to `timeout` for the next result (the thread); inline, same as `try_recv`.
    pub fn recv_timeout(&mut self, timeout: Duration) -> Option<JobResult> {
        match self {
            Worker::Inline { results } => results.pop_front(),
            Worker::Thread { results, .. } => results.recv_timeout(timeout).ok(),
        }
    }
}

fn worker_loop(
    jobs: &Receiver<Job>,
    results: &Sender<JobResult>,
    latest: &AtomicU64,
    repaint: &OnceLock<egui::Context>,
) {
    let mut watched: Vec<WatchedFile> = Vec::new();
    let mut last_check = Instant::now();
    let mut send = |r: JobResult| {
        let _ = results.send(r);
        if let Some(ctx) = repaint.get() {
            ctx.request_repaint();
        }
    };
    loop {
        match jobs.recv_timeout(WATCH_INTERVAL) {
            Ok(Job::Watch(list)) => watched = list,
            Ok(job) => run_job(job, latest, &mut send),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if last_check.elapsed() >= WATCH_INTERVAL {
            last_check = Instant::now();
            for event in check_files(&mut watched) {
                send(event);
            }
        }
    }
}

/// Runs one job and hands its result to `send`.
fn run_job(job: Job, latest: &AtomicU64, send: &mut dyn FnMut(JobResult)) {
    match job {
        Job::Load { paths, lang } => {
            let loaded = paths
                .into_iter()
                .map(|path| {
                    let result = load_file(&path, lang);
                    (path, result)
                })
                .collect();
            send(JobResult::Loaded(loaded));
        }
        Job::Compare(job) => {
            let stale = || job.request < latest.load(Ordering::SeqCst);
            if stale() {
                return send(JobResult::Superseded);
            }
            let (fresh, scans) = match &job.extractions {
                Some(_) => (None, None),
                None => {
                    let (extractions, cache, scanned) = extract_cached(&job.versions, &job.scans);
                    (Some(Arc::new(extractions)), Some((cache, scanned)))
                }
            };
            if stale() {
                return send(JobResult::Superseded);
            }
            let extractions = fresh
                .as_ref()
                .or(job.extractions.as_ref())
                .map(Arc::clone)
                .unwrap_or_default();
            let comparison = job.pair.and_then(|(old, new)| {
                (old.max(new) < job.versions.len())
                    .then(|| compare_pair(&job.versions, &extractions, old, new, &job.options).0)
            });
            // Shares and timeline come from the same consecutive comparisons, computed once.
            let (shares, timeline) = if job.shares {
                let (comparisons, pairings) =
                    compare_consecutive(&job.versions, &extractions, &job.options);
                (
                    Some(changed_shares(&comparisons)),
                    (job.versions.len() >= 2).then(|| timeline(&extractions, &pairings)),
                )
            } else {
                (None, None)
            };
            send(JobResult::Compared {
                request: job.request,
                extractions: fresh,
                scans,
                comparison,
                shares,
                timeline,
            });
        }
        Job::Watch(_) => {}
        Job::Export(job) => {
            let extractions = job
                .extractions
                .unwrap_or_else(|| Arc::new(extract_cached(&job.versions, &job.scans).0));
            let mut report = build_report_from(&job.versions, &extractions, &job.options);
            report.set_names(&job.names);
            let written =
                write_atomic_with(&job.path, |out| job.format.write(&report, &job.render, out))
                    .map_err(|e| format!("cannot write the report: {e}: {}", job.path.display()));
            send(JobResult::Exported(job.path, written));
        }
    }
}

/// What identifies a version's scan: its text and language (the scan depends on nothing
/// else).
pub(crate) fn scan_key(version: &Version) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    version.text.hash(&mut h);
    version.language.code().hash(&mut h);
    version.paragraphs.len().hash(&mut h);
    h.finish()
}

/// The extractions of `versions`, scanning only those `cache` does not hold; also the cache
/// for exactly these versions and the number scanned.
pub(crate) fn extract_cached(
    versions: &[Version],
    cache: &ScanCache,
) -> (Vec<Extraction>, ScanCache, usize) {
    let keys: Vec<u64> = versions.iter().map(scan_key).collect();
    let missing: Vec<usize> = (0..versions.len())
        .filter(|&i| !cache.contains_key(&keys[i]))
        .collect();
    let refs: Vec<&Version> = missing.iter().map(|&i| &versions[i]).collect();
    let mut next: ScanCache = HashMap::new();
    for (&i, scan) in missing.iter().zip(scan_version_refs(&refs)) {
        next.insert(keys[i], Arc::new(scan));
    }
    for key in &keys {
        if let Some(scan) = cache.get(key) {
            next.entry(*key).or_insert_with(|| Arc::clone(scan));
        }
    }
    let scans: Vec<&VersionScan> = keys
        .iter()
        .filter_map(|k| next.get(k).map(|s| &**s))
        .collect();
    (extract_from_scans(&scans), next, missing.len())
}

pub(crate) fn load_file(path: &std::path::Path, lang: Option<Lang>) -> Result<LoadedFile, String> {
    let stamp = FileStamp::of(path).ok();
    load_version(path, lang)
        .map(|version| LoadedFile { version, stamp })
        .map_err(|e| e.to_string())
}

/// For each version, the share of sentence rows that differ from the version before it, from
/// the consecutive comparisons. `None` for the first.
pub(crate) fn changed_shares(comparisons: &[Comparison]) -> Vec<Option<f32>> {
    let mut shares = vec![None];
    for c in comparisons {
        let s = c.summary;
        let differ =
            s.sentences_changed + s.sentences_added + s.sentences_removed + s.sentences_moved;
        let total = differ + s.sentences_unchanged;
        shares.push((total > 0).then(|| differ as f32 / total as f32));
    }
    shares
}

/// Looks at each watched file once: a file whose stamp changed is read again, a file that is
/// gone is reported once (and again if it comes back and changes).
pub(crate) fn check_files(watched: &mut [WatchedFile]) -> Vec<JobResult> {
    let mut events = Vec::new();
    for file in watched {
        match FileStamp::of(&file.path) {
            Ok(stamp) => {
                if Some(stamp) != file.stamp || file.missing {
                    file.stamp = Some(stamp);
                    file.missing = false;
                    events.push(JobResult::FileChanged(
                        file.path.clone(),
                        load_file(&file.path, file.lang),
                    ));
                }
            }
            Err(_) => {
                if !file.missing {
                    file.missing = true;
                    events.push(JobResult::FileMissing(file.path.clone()));
                }
            }
        }
    }
    events
}
