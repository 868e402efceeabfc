//! Typed errors for loading a version. Each names the file and a reason a user can act on.

use std::path::PathBuf;

/// Why a file could not become a version. Displayed as one line, path last:
/// `cannot read: file is empty: samples/v2.txt`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read: {reason}: {}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    pub reason: LoadErrorReason,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadErrorReason {
    #[error("file not found")]
    NotFound,
    #[error("is a directory, not a file")]
    IsDirectory,
    #[error("permission denied")]
    PermissionDenied,
    /// Sizes are in bytes (not a float of MiB) so the reason stays `Eq` and exact; the message
    /// shows MiB.
    #[error("file is too large ({}; the limit is {})", size_text(*size_bytes, *limit_bytes), mib_text(*limit_bytes))]
    TooLarge { size_bytes: u64, limit_bytes: u64 },
    #[error("not a text file ({0})")]
    Binary(String),
    #[error("file is empty")]
    Empty,
    /// A web page, Word, OpenDocument or PDF file that could not be read; the reason says
    /// what is wrong with it ("the PDF has no text layer…").
    #[error("{0}")]
    Document(String),
    #[error("{0}")]
    Io(String),
}

const MIB: u64 = 1024 * 1024;

/// `64 MiB` for whole mebibytes, else one decimal: `1.5 MiB`.
fn mib_text(bytes: u64) -> String {
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        // Precision loss above 2^53 bytes does not matter for a message.
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    }
}

/// The size of a too-large file. A file one byte over a 64 MiB limit would print as `64.0 MiB`,
/// which reads as if it were within the limit, so such sizes say `more than 64 MiB`.
fn size_text(size_bytes: u64, limit_bytes: u64) -> String {
    // Precision loss above 2^53 bytes does not matter for a message.
    let shown_mib = (size_bytes as f64 / MIB as f64 * 10.0).round() / 10.0;
    if size_bytes > limit_bytes && shown_mib <= limit_bytes as f64 / MIB as f64 {
        format!("more than {}", mib_text(limit_bytes))
    } else {
        mib_text(size_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_large_message_never_looks_within_the_limit() {
        let limit = 64 * MIB;
        let cases = [
            (
                limit + 1,
                "file is too large (more than 64 MiB; the limit is 64 MiB)",
            ),
            (
                limit + MIB / 2,
                "file is too large (64.5 MiB; the limit is 64 MiB)",
            ),
            (
                100 * MIB,
                "file is too large (100 MiB; the limit is 64 MiB)",
            ),
        ];
        for (size_bytes, want) in cases {
            let reason = LoadErrorReason::TooLarge {
                size_bytes,
                limit_bytes: limit,
            };
            assert_eq!(reason.to_string(), want, "size {size_bytes}");
        }
    }

    #[test]
    fn message_puts_the_path_last() {
        let err = LoadError {
            path: PathBuf::from("samples/v2.txt"),
            reason: LoadErrorReason::Empty,
        };
        assert_eq!(
            err.to_string(),
            "cannot read: file is empty: samples/v2.txt"
        );
    }
}
