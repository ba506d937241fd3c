//! The claims file's JSON layout (format v2): pretty where a person reads (the header, the allocation inputs), one
//! line per item where there are a million of them (claims, tree nodes, dump values). Plain pretty-printing spends
//! about half of a big file on indentation and line breaks; plain compact JSON is unreadable and undiffable.
//!
//! A `serde_json` [`Formatter`] rather than hand-written JSON, so escaping and number formatting stay serde's: this
//! decides only where whitespace goes, and it always decides the same way, so the bytes (and the `metadataHash`)
//! are a pure function of the content.

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::{self, Write};

/// Serialises `value` in the layout: containers nested up to two deep are expanded one member per line, arrays at
/// depth three too (so each claim, node and dump value gets its own line), anything deeper is compact.
pub(crate) fn to_writer<W: Write, T: Serialize>(writer: W, value: &T) -> serde_json::Result<()> {
    let mut ser = Serializer::with_formatter(writer, Layered::default());
    value.serialize(&mut ser)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Array,
    Object,
}

/// `serde_json`'s `PrettyFormatter`, except that it stops expanding below [`Layered::expands`].
#[derive(Default)]
struct Layered {
    /// Nesting depth of the innermost open container (the top-level object is 1).
    depth: usize,
    /// Whether the innermost open container has a member yet.
    has_value: bool,
}

impl Layered {
    fn expands(kind: Kind, depth: usize) -> bool {
        depth <= 2 || (depth == 3 && kind == Kind::Array)
    }

    fn newline<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn begin<W: ?Sized + Write>(&mut self, w: &mut W, open: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(open)
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, kind: Kind, close: &[u8]) -> io::Result<()> {
        let depth = self.depth;
        self.depth -= 1;
        if self.has_value && Self::expands(kind, depth) {
            Self::newline(w, self.depth)?;
        }
        w.write_all(close)
    }

    fn member<W: ?Sized + Write>(&mut self, w: &mut W, kind: Kind, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if Self::expands(kind, self.depth) {
            Self::newline(w, self.depth)?;
        }
        Ok(())
    }
}

impl Formatter for Layered {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, Kind::Array, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.member(w, Kind::Array, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, Kind::Object, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.member(w, Kind::Object, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(if Self::expands(Kind::Object, self.depth) { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn layout(v: &serde_json::Value) -> String {
        let mut out = Vec::new();
        to_writer(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn expands_the_top_two_levels_and_lists_one_item_per_line() {
        let v = json!({
            "format": "x",
            "empty": [],
            "claims": [{"index": 0, "proof": ["a", "b"]}, {"index": 1, "proof": []}],
            "tree": {"tree": ["n0", "n1"], "values": [{"value": ["0", "1"], "treeIndex": 2}]}
        });
        let expected = r#"{
  "claims": [
    {"index":0,"proof":["a","b"]},
    {"index":1,"proof":[]}
  ],
  "empty": [],
  "format": "x",
  "tree": {
    "tree": [
      "n0",
      "n1"
    ],
    "values": [
      {"treeIndex":2,"value":["0","1"]}
    ]
  }
}"#;
        assert_eq!(layout(&v), expected);
        // Still JSON, and the same value.
        assert_eq!(serde_json::from_str::<serde_json::Value>(expected).unwrap(), v);
    }
}
