//! The one way this workspace writes a file: a temporary file in the same directory, fsync'd, then renamed into
//! place, so a reader (or a crash) sees the old file or the new one, never half of either.

use crate::error::{Error, Result};
use std::{io::Write, path::Path};

/// What to do when the destination already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Published artifacts (claims files): identical bytes are fine (a re-run), different bytes are an error, and
    /// a writer racing us to the same name never gets replaced.
    Keep,
    /// Working files (signatures, proposals, price records): the new bytes replace the old ones.
    Replace,
}

/// Writes `bytes` to `path` atomically. Returns whether the file was written (`false` when [`Existing::Keep`] found
/// the same bytes already there).
pub fn write_atomic(path: &Path, bytes: &[u8], existing: Existing) -> Result<bool> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    if existing == Existing::Keep {
        match std::fs::read(path) {
            Ok(current) if current == bytes => return Ok(false),
            Ok(_) => return Err(Error::AlreadyPublished { path: path.to_path_buf() }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    match existing {
        // No-clobber: if another writer got there first, we fail rather than replace a published file.
        Existing::Keep => tmp.persist_noclobber(path).map_err(|e| io(e.error))?,
        Existing::Replace => tmp.persist(path).map_err(|e| io(e.error))?,
    };
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_refuses_different_bytes_and_replace_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        assert!(write_atomic(&path, b"one", Existing::Keep).unwrap());
        assert!(!write_atomic(&path, b"one", Existing::Keep).unwrap());
        assert!(matches!(write_atomic(&path, b"two", Existing::Keep), Err(Error::AlreadyPublished { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert!(write_atomic(&path, b"two", Existing::Replace).unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
    }
}
