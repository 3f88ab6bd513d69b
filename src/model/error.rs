//! The one error type of the model: a bad parameter, named by its path.

use std::fmt;

/// What is wrong with a value: out of its range, or not of the right type or shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The value has the right type but lies outside the allowed range (JS `RangeError`).
    Range,
    /// The value has the wrong type, or the field does not exist (JS `TypeError`).
    Type,
}

/// A rejected parameter: which field (a path such as `liquidation.feePct` or
/// `positions[3].leverage`), what kind of problem, and a message with the allowed range and the
/// value given. Displays as `leverage: must be between 1 and 125, got 500`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamsError {
    /// Range or type.
    pub kind: ErrorKind,
    /// Path of the field, camelCase as in JSON.
    pub field: String,
    /// What is wrong, naming the allowed range and the value given.
    pub message: String,
}

/// The longest value or name an error message repeats whole; longer ones are cut to an excerpt.
const ECHO_MAX: usize = 40;

/// The longest message kept whole, in bytes (the longest real one, the margin tiers', is about
/// 100).
const MESSAGE_MAX: usize = 300;

/// `text` with every quoted run (between backticks or double quotes) longer than [`ECHO_MAX`]
/// characters cut to its first 32 characters, "…" and how long it was: a 1 MB bad value makes a
/// message of a line, not of a megabyte.
fn excerpted(text: &str) -> String {
    // Byte by byte: the quotes are ASCII, so every cut next to one is a character boundary.
    let bytes = text.as_bytes();
    let mut out = String::new();
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        let quote = bytes[i];
        if quote != b'`' && quote != b'"' {
            i += 1;
            continue;
        }
        let after = bytes.get(i + 1..).unwrap_or_default();
        let Some(len) = after.iter().position(|&c| c == quote) else { break };
        // `get`, not indexing: a str index that can panic brings the panic's formatting (and
        // Unicode tables) into the wasm. These cuts are next to ASCII quotes, so never empty.
        let inner = text.get(i + 1..i + 1 + len).unwrap_or_default();
        let chars = inner.bytes().filter(|b| b & 0xC0 != 0x80).count();
        if chars > ECHO_MAX {
            out.push_str(text.get(copied..=i).unwrap_or_default());
            out.push_str(&excerpt(inner));
            copied = i + 1 + len;
        }
        i += len + 2;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    // Whatever the quoting (an escaped quote can end a run early), no message runs on.
    if out.len() > MESSAGE_MAX {
        out.truncate(cut(&out, MESSAGE_MAX).len());
        out.push('…');
    }
    out
}

/// `s` itself up to `ECHO_MAX` characters; past that its first 32 bytes' worth of characters,
/// "…" and its length in characters, so a 1 MB value or key is echoed as a line. The readers
/// cut what serde would repeat whole with it.
pub fn excerpt(s: &str) -> String {
    // Characters are the bytes that do not continue one (a plain loop: `chars().count()`
    // brings a large unrolled routine into the wasm).
    let chars = s.bytes().filter(|b| b & 0xC0 != 0x80).count();
    if chars <= ECHO_MAX {
        return s.to_owned();
    }
    let mut out = cut(s, 32).to_owned();
    out.push_str("… (");
    out.push_str(&chars.to_string());
    out.push_str(" characters)");
    out
}

/// The longest start of `s` of at most `max` bytes that ends on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

impl ParamsError {
    /// A new error of any kind.
    pub fn new(kind: ErrorKind, field: &str, message: impl Into<String>) -> Self {
        ParamsError { kind, field: field.to_owned(), message: message.into() }
    }

    /// A value outside its allowed range.
    pub fn range(field: &str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Range, field, message)
    }

    /// Turns a serde error, with the path where it happened, into a named error (see
    /// [`ParamsError::read`]).
    pub fn from_serde<E: fmt::Display>(err: serde_path_to_error::Error<E>) -> Self {
        let path = err.path().to_string();
        let inner = err.into_inner().to_string();
        // serde_json appends " at line 1 column 9"; the path already says where.
        let inner = match inner.find(" at line ") {
            Some(i) => inner[..i].to_owned(),
            None => inner,
        };
        let field = if path == "." || path.is_empty() { "params".to_owned() } else { path };
        // serde repeats a bad value or key whole: a 1 MB one is cut to an excerpt, so it makes
        // a line. (The JS binding's reader cuts them before serde sees them: src/read.rs.)
        let field = if field.len() > ECHO_MAX { excerpted(&format!("`{field}`")) } else { field };
        let err = Self::read(&field, inner);
        ParamsError { message: excerpted(&err.message), ..err }
    }

    /// An error a params reader (serde_json here, the JS binding's own reader in the browser)
    /// met at `field`, with its message. Our own range checks inside deserializers say
    /// "must …", and serde's "unknown variant" is a value outside the allowed set: both are
    /// range errors; unknown fields and wrong types are type errors. The message gets the
    /// field's range where it lacks one.
    pub fn read(field: &str, message: String) -> Self {
        let kind = if message.starts_with("must ") || message.starts_with("unknown variant") {
            ErrorKind::Range
        } else {
            ErrorKind::Type
        };
        let message = if message.starts_with("unknown field ") {
            message
        } else {
            super::spec::complete(field, message)
        };
        ParamsError::new(kind, field, message)
    }
}

impl fmt::Display for ParamsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ParamsError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_echoed_as_excerpts() {
        let long = "x".repeat(1_000_000);
        assert_eq!(
            excerpted(&format!("unknown variant `{long}`, expected `sqrt`")),
            format!("unknown variant `{}… (1000000 characters)`, expected `sqrt`", "x".repeat(32))
        );
        let short = "must be \"strict\", got \"strikt\"";
        assert_eq!(excerpted(short), short);
        // An unmatched quote leaves the rest as it is, up to the length limit.
        assert_eq!(excerpted("got `abc"), "got `abc");
        let escaped = excerpted(&format!("got \"a\\\"{long}\""));
        assert_eq!(escaped.chars().count(), MESSAGE_MAX + 1);
        // Through serde_json, as a native caller reads params.
        let json = format!(r#"{{"impactLaw": "{long}", "leverage": 5}}"#);
        let e = crate::Params::from_json(&json).unwrap_err();
        assert_eq!(e.field, "impactLaw");
        assert!(
            e.message.len() < 200 && e.message.contains("(1000000 characters)"),
            "{}",
            e.message
        );
        let json = format!(r#"{{"{long}": 1}}"#);
        let e = crate::Params::from_json(&json).unwrap_err();
        assert!(e.to_string().len() < 400, "{} characters", e.to_string().len());
    }
}
