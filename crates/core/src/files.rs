//! The one way this workspace writes a file: a temporary file in the same directory, fsync'd, then renamed into
//! place, so a reader (or a crash) sees the old file or the new one, never half of either. And the one way it reads
//! a JSON input: naming the file and the JSON path of whatever does not fit.

use crate::error::{Error, Result};
use std::{
    io::{BufRead, BufReader, BufWriter, Read, Write},
    path::Path,
};

/// Reads `path` as JSON into `T`; an error names the file and the JSON path of the field that does not fit
/// (`messages[3].timestamp`), via `serde_path_to_error`.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    parse_json(path, &bytes)
}

/// [`read_json`] for bytes already read from `path` (when the caller also needs them, e.g. to hash them).
pub fn parse_json<T: serde::de::DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| Error::Json {
        path: path.to_path_buf(),
        field: e.path().to_string(),
        source: e.into_inner(),
    })
}

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
    write_atomic_with(path, existing, |w| w.write_all(bytes))
}

/// [`write_atomic`] for content produced by `write` as it goes, so a large file (a claims file of 10^6 helpers is
/// ~400 MB) is never held in memory whole. With [`Existing::Keep`] an existing file is compared after the write,
/// chunk by chunk, and the temporary file discarded when they are equal.
pub fn write_atomic_with(
    path: &Path,
    existing: Existing,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<bool> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    // tempfile creates 0600 files; a published file must be readable by whoever serves it (a web server, IPFS).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(io)?;
    }
    {
        let mut buffered = BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        write(&mut buffered).map_err(io)?;
        buffered.flush().map_err(io)?;
    }
    if existing == Existing::Keep {
        match std::fs::File::open(path) {
            Ok(current) => {
                return if same_content(current, tmp.reopen().map_err(io)?).map_err(io)? {
                    Ok(false)
                } else {
                    Err(Error::AlreadyPublished { path: path.to_path_buf() })
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
    }
    tmp.as_file().sync_all().map_err(io)?;
    match existing {
        // No-clobber: if another writer got there first, we fail rather than replace a published file.
        Existing::Keep => tmp.persist_noclobber(path).map_err(|e| io(e.error))?,
        Existing::Replace => tmp.persist(path).map_err(|e| io(e.error))?,
    };
    Ok(true)
}

/// Whether two readers yield the same bytes, compared a buffer at a time.
fn same_content(a: impl Read, b: impl Read) -> std::io::Result<bool> {
    let (mut a, mut b) = (BufReader::new(a), BufReader::new(b));
    loop {
        let (x, y) = (a.fill_buf()?, b.fill_buf()?);
        let n = x.len().min(y.len());
        if n == 0 {
            return Ok(x.is_empty() && y.is_empty());
        }
        if x[..n] != y[..n] {
            return Ok(false);
        }
        a.consume(n);
        b.consume(n);
    }
}

/// A writer that checks what is written against `expected` instead of storing it: "would these be the same
/// bytes?" for a 400 MB file without a second 400 MB buffer.
pub(crate) struct CompareWriter<'a> {
    rest: &'a [u8],
    equal: bool,
}

impl<'a> CompareWriter<'a> {
    pub(crate) fn new(expected: &'a [u8]) -> Self {
        Self { rest: expected, equal: true }
    }

    /// True when everything written equals all of `expected`.
    pub(crate) fn matched(&self) -> bool {
        self.equal && self.rest.is_empty()
    }
}

impl Write for CompareWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.equal && self.rest.starts_with(buf) {
            self.rest = &self.rest[buf.len()..];
        } else {
            self.equal = false;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A writer that hashes (keccak256) what passes through it: the metadataHash of a file as it is written.
pub(crate) struct HashingWriter<W> {
    inner: W,
    hasher: alloy_primitives::Keccak256,
}

impl<W: Write> HashingWriter<W> {
    pub(crate) fn new(inner: W) -> Self {
        Self { inner, hasher: alloy_primitives::Keccak256::new() }
    }

    pub(crate) fn finalize(self) -> alloy_primitives::B256 {
        self.hasher.finalize()
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
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
        assert!(matches!(write_atomic(&path, b"on", Existing::Keep), Err(Error::AlreadyPublished { .. })));
        assert!(matches!(write_atomic(&path, b"one!", Existing::Keep), Err(Error::AlreadyPublished { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert!(write_atomic(&path, b"two", Existing::Replace).unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
        let mut c = CompareWriter::new(b"abc");
        c.write_all(b"ab").unwrap();
        assert!(!c.matched());
        c.write_all(b"c").unwrap();
        assert!(c.matched());
        c.write_all(b"d").unwrap();
        assert!(!c.matched());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644, "readable by whoever serves the file");
        }
    }
}
