//! Writing files atomically: a report or session is either fully written or not at all.

use std::io::Write;
use std::path::Path;

/// Bytes gathered before each write to the file (and for the CLI's standard output).
pub const WRITE_BUFFER: usize = 1 << 20;

/// Writes `contents` to `path` through a temporary file in the same folder, then renames it
/// over the target, so a crash or a full disk never leaves a half-written file behind.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(contents))
}

/// [`write_atomic`] for contents produced piece by piece: `write` writes them to a buffered
/// temporary file, which replaces `path` only once everything is written and on disk.
pub fn write_atomic_with<F>(path: &Path, write: F) -> std::io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        // A report runs to hundreds of megabytes: large writes, not one system call per 8 KB.
        let mut f = std::io::BufWriter::with_capacity(WRITE_BUFFER, std::fs::File::create(&tmp)?);
        write(&mut f)?;
        let f = f
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("factdiff-write-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let target = dir.join("report.json");
        write_atomic(&target, b"first").expect("write");
        write_atomic(&target, b"second").expect("rewrite");
        assert_eq!(std::fs::read(&target).expect("read"), b"second");
        assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 1);
        assert!(write_atomic(&dir.join("missing/sub/report.json"), b"x").is_err());
        std::fs::remove_dir_all(&dir).ok();
    }
}
