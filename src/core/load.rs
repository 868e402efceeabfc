//! Stage 1: file → text. (Being written.)
use std::path::Path;
use super::error::LoadError;

/// The decoded text of one file, before segmentation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Text with line ends normalised to `\n`, metadata line removed, Markdown stripped.
    pub text: String,
    /// From a first line `date 2020-08` or Markdown front matter `date:`.
    pub date: Option<String>,
    /// From Markdown front matter `title:` or a first `# heading`; None for plain text.
    pub title: Option<String>,
    /// Name of the encoding the bytes were decoded from, e.g. `UTF-8`, `windows-1252`.
    pub encoding: String,
    /// Problems that did not stop loading.
    pub warnings: Vec<String>,
}

pub fn read_path(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError { path: path.to_path_buf(), reason: super::error::LoadErrorReason::Io(e.to_string()) })?;
    Ok(Loaded { text: String::from_utf8_lossy(&bytes).into_owned(), encoding: "UTF-8".into(), ..Default::default() })
}
