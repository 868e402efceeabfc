//! Sessions: a review saved to pick up later (`.factdiff` files).
//!
//! In: the versions of a review (their files, order and names), the chosen pair and the options.
//! Out: a small JSON file, and back. A session stores inputs, never results: opening it reads the
//! files again, so the comparison is always of the bytes on disk. Each file's SHA-256 is kept so
//! that a file edited since the session was saved is flagged ([`FileStatus::Changed`]) rather
//! than silently compared as if it were the one reviewed.
//!
//! Paths are stored relative to the session file's folder when the file lies in that folder or
//! below it, so a folder holding the session and its articles can be moved or shared as a whole;
//! other files keep their absolute path (a `../` path would silently point elsewhere once the
//! session is copied on its own).
//!
//! ```
//! use factdiff::core::session::{self, Session, SessionVersion};
//! let dir = std::env::temp_dir().join(format!("factdiff-doc-session-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("v1.txt"), "One.").unwrap();
//! let session = Session {
//!     versions: vec![SessionVersion::of_file(&dir.join("v1.txt"), None).unwrap()],
//!     ..Default::default()
//! };
//! session::save(&dir.join("review.factdiff"), &session).unwrap();
//! let opened = session::open(&dir.join("review.factdiff")).unwrap();
//! assert!(opened.problems().is_empty());
//! # std::fs::remove_dir_all(&dir).ok();
//! ```

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::align::AlignOptions;
use super::document::Lang;
use super::load::sha256_hex;
use super::write::write_atomic;

/// The value of the `format` key: tells a session from any other JSON file.
pub const FORMAT: &str = "factdiff-session";
/// The session format this build writes and the newest it reads.
pub const VERSION: u64 = 1;
/// The file extension of sessions, without the dot.
pub const EXTENSION: &str = "factdiff";

/// A saved review: the versions in timeline order, the chosen pair and the options.
///
/// In memory, paths are as the program uses them (absolute after [`open`]); [`save`] makes them
/// relative to the session's folder where it can.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Session {
    pub versions: Vec<SessionVersion>,
    /// `(old, new)` indices into `versions`.
    pub pair: Option<(usize, usize)>,
    pub options: SessionOptions,
}

/// One version of a session: the file it is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionVersion {
    pub path: PathBuf,
    /// The name the user gave it in the app; `None` shows the file name.
    pub name: Option<String>,
    /// SHA-256 (lowercase hex) of the file's bytes when the session was saved.
    pub sha256: String,
}

impl SessionVersion {
    /// Reads `path` to record its checksum now.
    pub fn of_file(path: &Path, name: Option<String>) -> std::io::Result<SessionVersion> {
        let bytes = std::fs::read(path)?;
        Ok(SessionVersion {
            path: path.to_path_buf(),
            name,
            sha256: sha256_hex(&bytes),
        })
    }
}

/// What counts as a change: the core's [`AlignOptions`] plus the language override.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionOptions {
    pub changed_threshold: f64,
    pub moved_threshold: f64,
    pub ignore_case: bool,
    pub ignore_punctuation: bool,
    /// `None` detects the language of each file.
    pub language: Option<Lang>,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions::from_align(&AlignOptions::default(), None)
    }
}

impl SessionOptions {
    pub fn from_align(options: &AlignOptions, language: Option<Lang>) -> SessionOptions {
        SessionOptions {
            changed_threshold: options.changed_threshold,
            moved_threshold: options.moved_threshold,
            ignore_case: options.ignore_case,
            ignore_punctuation: options.ignore_punctuation,
            language,
        }
    }

    pub fn align_options(&self) -> AlignOptions {
        AlignOptions {
            changed_threshold: self.changed_threshold,
            moved_threshold: self.moved_threshold,
            ignore_case: self.ignore_case,
            ignore_punctuation: self.ignore_punctuation,
        }
    }
}

/// A session file as it is on disk.
#[derive(Serialize, Deserialize)]
struct SessionFile {
    format: String,
    version: u64,
    versions: Vec<VersionEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pair: Option<PairEntry>,
    #[serde(default)]
    options: SessionOptions,
}

#[derive(Serialize, Deserialize)]
struct VersionEntry {
    /// Relative paths use `/` on every platform, so a session moves between systems.
    path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    sha256: String,
}

#[derive(Serialize, Deserialize)]
struct PairEntry {
    old: usize,
    new: usize,
}

/// Only the keys that say what the file is, read before the rest so that a newer or foreign
/// file gets that message instead of a confusing "missing field".
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Why a session could not be opened or saved. Displayed as one line, path last:
/// `cannot open session: the session file is damaged: expected `,` or `}` at line 3 column 5: a.factdiff`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("cannot open session: {reason}: {}", path.display())]
    Open {
        path: PathBuf,
        reason: OpenErrorReason,
    },
    #[error("cannot save session: {reason}: {}", path.display())]
    Save { path: PathBuf, reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenErrorReason {
    #[error("{0}")]
    Io(String),
    #[error("the session file is damaged: {0}")]
    Damaged(String),
    #[error("not a factdiff session (no \"format\": \"{FORMAT}\")")]
    NotASession,
    #[error(
        "made by a newer factdiff (session version {found}; this one reads {VERSION}); update factdiff"
    )]
    Newer { found: u64 },
    #[error("the session file is incomplete: {0}")]
    Invalid(String),
}

/// What opening found for one file of the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileStatus {
    /// The file has the bytes it had when the session was saved.
    Ok,
    /// No file at that path.
    Missing,
    /// The file is there but its bytes differ.
    Changed { expected: String, actual: String },
    /// The file is there but cannot be read (permissions…).
    Unreadable(String),
}

/// A session read from disk, its paths resolved, with what was found for each file.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedSession {
    pub session: Session,
    /// One per entry of `session.versions`.
    pub statuses: Vec<FileStatus>,
}

impl OpenedSession {
    /// One line per file that is not as it was, naming the file and the reason, path last.
    pub fn problems(&self) -> Vec<String> {
        self.session
            .versions
            .iter()
            .zip(&self.statuses)
            .filter_map(|(v, status)| status_message(status, &v.path))
            .collect()
    }
}

/// The message for a file that is not as the session saw it; `None` when it is.
pub fn status_message(status: &FileStatus, path: &Path) -> Option<String> {
    let path = path.display();
    match status {
        FileStatus::Ok => None,
        FileStatus::Missing => Some(format!(
            "file of the session not found (moved or deleted?): {path}"
        )),
        FileStatus::Changed { .. } => Some(format!(
            "changed since the session was saved (its SHA-256 differs); comparing it as it is now: {path}"
        )),
        FileStatus::Unreadable(reason) => Some(format!(
            "file of the session cannot be read: {reason}: {path}"
        )),
    }
}

/// Whether `path` names a session: its extension is `.factdiff`, or it starts like one
/// (a JSON object with `"format": "factdiff-session"` near the top).
pub fn is_session_path(path: &Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION))
    {
        return true;
    }
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    text.trim_start().starts_with('{')
        && text.contains(&format!("\"{FORMAT}\""))
        && text.contains("\"format\"")
}

/// Writes `session` to `path` as pretty JSON, atomically (a crash never leaves half a file).
pub fn save(path: &Path, session: &Session) -> Result<(), SessionError> {
    let fail = |reason: String| SessionError::Save {
        path: path.to_path_buf(),
        reason,
    };
    let folder = session_folder(path);
    let file = SessionFile {
        format: FORMAT.to_string(),
        version: VERSION,
        versions: session
            .versions
            .iter()
            .map(|v| VersionEntry {
                path: stored_path(&v.path, &folder),
                name: v.name.clone(),
                sha256: v.sha256.clone(),
            })
            .collect(),
        pair: session.pair.map(|(old, new)| PairEntry { old, new }),
        options: session.options,
    };
    let mut json = serde_json::to_string_pretty(&file).map_err(|e| fail(e.to_string()))?;
    json.push('\n');
    write_atomic(path, json.as_bytes()).map_err(|e| fail(e.to_string()))
}

/// Reads the session at `path`, resolves its paths against its folder and checks every file.
/// A missing or changed file is reported in [`OpenedSession::statuses`], not as an error: the
/// other files of the review still open.
pub fn open(path: &Path) -> Result<OpenedSession, SessionError> {
    let fail = |reason| SessionError::Open {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| {
        fail(OpenErrorReason::Io(match e.kind() {
            std::io::ErrorKind::NotFound => "file not found".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        }))
    })?;
    let header: Header = serde_json::from_slice(&bytes).map_err(|e| {
        if e.is_data() {
            // Valid JSON, but not an object (an array, a number…).
            fail(OpenErrorReason::NotASession)
        } else {
            fail(OpenErrorReason::Damaged(e.to_string()))
        }
    })?;
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(fail(OpenErrorReason::NotASession));
    }
    match header.version.as_ref().map(|v| v.as_u64()) {
        None => {
            return Err(fail(OpenErrorReason::Invalid(
                "missing field `version`".to_string(),
            )));
        }
        Some(None) => {
            return Err(fail(OpenErrorReason::Invalid(
                "`version` is not a whole number".to_string(),
            )));
        }
        Some(Some(found)) if found > VERSION => {
            return Err(fail(OpenErrorReason::Newer { found }));
        }
        Some(Some(_)) => {}
    }
    let file: SessionFile = serde_json::from_slice(&bytes)
        .map_err(|e| fail(OpenErrorReason::Invalid(e.to_string())))?;
    let count = file.versions.len();
    let pair = match file.pair {
        Some(PairEntry { old, new }) if old >= count || new >= count || old == new => {
            return Err(fail(OpenErrorReason::Invalid(format!(
                "the chosen pair ({old}, {new}) does not name two of its {count} versions"
            ))));
        }
        other => other.map(|p| (p.old, p.new)),
    };
    let folder = session_folder(path);
    let versions: Vec<SessionVersion> = file
        .versions
        .into_iter()
        .map(|entry| SessionVersion {
            path: resolved_path(&entry.path, &folder),
            name: entry.name.filter(|n| !n.trim().is_empty()),
            sha256: entry.sha256.to_ascii_lowercase(),
        })
        .collect();
    let statuses = versions.iter().map(check_file).collect();
    Ok(OpenedSession {
        session: Session {
            versions,
            pair,
            options: file.options,
        },
        statuses,
    })
}

/// Compares the file's bytes now with the checksum the session recorded.
fn check_file(version: &SessionVersion) -> FileStatus {
    match std::fs::read(&version.path) {
        Ok(bytes) => {
            let actual = sha256_hex(&bytes);
            if actual == version.sha256 {
                FileStatus::Ok
            } else {
                FileStatus::Changed {
                    expected: version.sha256.clone(),
                    actual,
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => FileStatus::Missing,
        Err(e) => FileStatus::Unreadable(e.to_string()),
    }
}

/// The absolute folder that holds the session file (symlinks resolved where possible, so that
/// `/tmp` and `/private/tmp` agree).
fn session_folder(session_path: &Path) -> PathBuf {
    let parent = match session_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    full_path(&parent)
}

fn full_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// `path` as written to the session: relative with `/` when it lies in `folder` or below,
/// else absolute.
fn stored_path(path: &Path, folder: &Path) -> String {
    let full = full_path(path);
    if let Ok(relative) = full.strip_prefix(folder) {
        let parts: Option<Vec<&str>> = relative
            .components()
            .map(|c| match c {
                Component::Normal(part) => part.to_str(),
                _ => None,
            })
            .collect();
        if let Some(parts) = parts.filter(|p| !p.is_empty()) {
            return parts.join("/");
        }
    }
    full.to_string_lossy().into_owned()
}

/// A stored path made usable: relative paths are taken from the session's folder.
fn resolved_path(stored: &str, folder: &Path) -> PathBuf {
    let path = Path::new(stored);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        stored
            .split('/')
            .filter(|part| !part.is_empty())
            .fold(folder.to_path_buf(), |acc, part| acc.join(part))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir = std::env::temp_dir()
                .join(format!("factdiff-session-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("temp dir");
            TempDir(dir)
        }

        fn write(&self, name: &str, text: &str) -> PathBuf {
            let path = self.0.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("sub folder");
            }
            std::fs::write(&path, text).expect("write");
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn sample_session(dir: &TempDir) -> Session {
        let v1 = dir.write("v1.txt", "The storm killed 8 people.");
        let v2 = dir.write("sub/v2.txt", "The storm killed 11 people.");
        let v3 = dir.write("v3.txt", "The storm killed 19 people.");
        Session {
            versions: vec![
                SessionVersion::of_file(&v1, None).expect("v1"),
                SessionVersion::of_file(&v2, Some("Evening edition".into())).expect("v2"),
                SessionVersion::of_file(&v3, None).expect("v3"),
            ],
            pair: Some((2, 0)),
            options: SessionOptions {
                changed_threshold: 0.5,
                moved_threshold: 0.7,
                ignore_case: true,
                ignore_punctuation: false,
                language: Some(Lang::En),
            },
        }
    }

    fn open_reason(path: &Path) -> OpenErrorReason {
        match open(path) {
            Err(SessionError::Open { reason, .. }) => reason,
            other => panic!("expected an open error, got {other:?}"),
        }
    }

    #[test]
    fn round_trip_keeps_everything_with_relative_paths() {
        let dir = TempDir::new("round-trip");
        let session = sample_session(&dir);
        let target = dir.0.join("review.factdiff");
        save(&target, &session).expect("save");
        let text = std::fs::read_to_string(&target).expect("read");
        assert!(text.contains("\"format\": \"factdiff-session\""), "{text}");
        assert!(text.contains("\"version\": 1"), "{text}");
        assert!(text.contains("\"path\": \"sub/v2.txt\""), "{text}");
        assert!(text.contains("\"path\": \"v1.txt\""), "{text}");
        let opened = open(&target).expect("open");
        assert_eq!(opened.statuses, vec![FileStatus::Ok; 3]);
        assert!(opened.problems().is_empty());
        assert_eq!(opened.session.pair, session.pair);
        assert_eq!(opened.session.options, session.options);
        let names: Vec<_> = opened.session.versions.iter().map(|v| &v.name).collect();
        assert_eq!(names, [&None, &Some("Evening edition".to_string()), &None]);
        for (a, b) in opened.session.versions.iter().zip(&session.versions) {
            assert_eq!(full_path(&a.path), full_path(&b.path));
            assert_eq!(a.sha256, b.sha256);
        }
    }

    #[test]
    fn a_folder_moved_with_its_files_still_opens() {
        let dir = TempDir::new("moved-from");
        let session = sample_session(&dir);
        save(&dir.0.join("review.factdiff"), &session).expect("save");
        let moved = TempDir::new("moved-to");
        std::fs::remove_dir_all(&moved.0).expect("make room");
        std::fs::rename(&dir.0, &moved.0).expect("move folder");
        let opened = open(&moved.0.join("review.factdiff")).expect("open");
        assert_eq!(opened.statuses, vec![FileStatus::Ok; 3]);
        assert!(
            opened.session.versions[1]
                .path
                .starts_with(full_path(&moved.0))
        );
    }

    #[test]
    fn files_outside_the_folder_are_stored_absolute() {
        let dir = TempDir::new("outside");
        let session = sample_session(&dir);
        let target = dir.0.join("sessions/review.factdiff");
        std::fs::create_dir_all(dir.0.join("sessions")).expect("folder");
        save(&target, &session).expect("save");
        let text = std::fs::read_to_string(&target).expect("read");
        let absolute = full_path(&dir.0.join("v1.txt"));
        assert!(
            text.contains(&serde_json::to_string(&absolute.to_string_lossy()).expect("json")),
            "{text}"
        );
        assert_eq!(
            open(&target).expect("open").statuses,
            vec![FileStatus::Ok; 3]
        );
    }

    #[test]
    fn changed_and_missing_files_are_flagged() {
        let dir = TempDir::new("flagged");
        let session = sample_session(&dir);
        let target = dir.0.join("review.factdiff");
        save(&target, &session).expect("save");
        dir.write("v1.txt", "The storm killed 9 people.");
        std::fs::remove_file(dir.0.join("v3.txt")).expect("remove");
        let opened = open(&target).expect("open");
        assert!(matches!(
            &opened.statuses[0],
            FileStatus::Changed { expected, actual } if *expected == session.versions[0].sha256 && expected != actual
        ));
        assert_eq!(opened.statuses[1], FileStatus::Ok);
        assert_eq!(opened.statuses[2], FileStatus::Missing);
        let problems = opened.problems();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].contains("changed") && problems[0].ends_with("v1.txt"));
        assert!(problems[1].contains("not found") && problems[1].ends_with("v3.txt"));
    }

    #[test]
    fn bad_files_give_clear_errors() {
        let dir = TempDir::new("bad");
        let damaged = dir.write(
            "damaged.factdiff",
            "{\n  \"format\": \"factdiff-session\",\n    \"version\" 1\n}",
        );
        let message = open(&damaged).expect_err("damaged").to_string();
        assert!(
            message.starts_with(
                "cannot open session: the session file is damaged: expected `:` at line 3 column"
            ),
            "{message}"
        );
        assert!(message.ends_with("damaged.factdiff"), "{message}");

        let newer = dir.write(
            "newer.factdiff",
            r#"{"format": "factdiff-session", "version": 2, "versions": "whatever"}"#,
        );
        assert_eq!(open_reason(&newer), OpenErrorReason::Newer { found: 2 });
        let message = open(&newer).expect_err("newer").to_string();
        assert!(
            message.contains(
                "made by a newer factdiff (session version 2; this one reads 1); update factdiff"
            ),
            "{message}"
        );

        let foreign = dir.write("report.json", r#"{"schema": "factdiff/1"}"#);
        assert_eq!(open_reason(&foreign), OpenErrorReason::NotASession);
        let array = dir.write("array.factdiff", "[1, 2]");
        assert_eq!(open_reason(&array), OpenErrorReason::NotASession);

        let incomplete = dir.write(
            "incomplete.factdiff",
            r#"{"format": "factdiff-session", "version": 1}"#,
        );
        let reason = open_reason(&incomplete).to_string();
        assert!(reason.contains("missing field `versions`"), "{reason}");
        let no_hash = dir.write(
            "nohash.factdiff",
            r#"{"format": "factdiff-session", "version": 1, "versions": [{"path": "v1.txt"}]}"#,
        );
        assert!(
            open_reason(&no_hash)
                .to_string()
                .contains("missing field `sha256`")
        );
        let bad_pair = dir.write(
            "pair.factdiff",
            r#"{"format": "factdiff-session", "version": 1, "versions": [], "pair": {"old": 0, "new": 1}}"#,
        );
        assert!(matches!(
            open_reason(&bad_pair),
            OpenErrorReason::Invalid(_)
        ));
        let missing = open(&dir.0.join("nowhere.factdiff")).expect_err("missing");
        assert_eq!(
            missing.to_string(),
            format!(
                "cannot open session: file not found: {}",
                dir.0.join("nowhere.factdiff").display()
            )
        );
    }

    #[test]
    fn unknown_keys_are_ignored() {
        let dir = TempDir::new("unknown");
        let v1 = dir.write("v1.txt", "One.");
        let sha = sha256_hex(b"One.");
        let path = dir.write(
            "extra.factdiff",
            &format!(
                r#"{{"format": "factdiff-session", "version": 1, "comment": "hi",
                   "versions": [{{"path": "v1.txt", "sha256": "{sha}", "colour": "red"}}],
                   "options": {{"ignore_case": true, "future_option": 3}}}}"#
            ),
        );
        let opened = open(&path).expect("open");
        assert_eq!(opened.statuses, [FileStatus::Ok]);
        assert_eq!(full_path(&opened.session.versions[0].path), full_path(&v1));
        assert!(opened.session.options.ignore_case);
        assert_eq!(opened.session.options.changed_threshold, 0.45);
        assert_eq!(opened.session.pair, None);
    }

    #[test]
    fn saving_leaves_no_temporary_file_and_detection_works() {
        let dir = TempDir::new("atomic");
        let session = sample_session(&dir);
        let target = dir.0.join("review.factdiff");
        save(&target, &session).expect("save");
        save(&target, &session).expect("save again");
        let leftovers: Vec<_> = std::fs::read_dir(&dir.0)
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        let renamed = dir.0.join("review.json");
        std::fs::copy(&target, &renamed).expect("copy");
        assert!(is_session_path(&renamed));
        assert!(is_session_path(&target));
        assert!(!is_session_path(&dir.0.join("v1.txt")));
        let failed = save(&dir.0.join("no/such/folder/x.factdiff"), &session);
        assert!(matches!(failed, Err(SessionError::Save { .. })));
    }
}
