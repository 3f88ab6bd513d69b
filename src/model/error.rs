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

impl ParamsError {
    /// A new error of any kind.
    pub fn new(kind: ErrorKind, field: &str, message: impl Into<String>) -> Self {
        ParamsError { kind, field: field.to_owned(), message: message.into() }
    }

    /// A value outside its allowed range.
    pub fn range(field: &str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Range, field, message)
    }

    /// Turns a serde error, with the path where it happened, into a named error.
    ///
    /// Our own range checks inside deserializers say "must …", and serde's "unknown variant"
    /// is a value outside the allowed set: both are range errors. Unknown fields and wrong types
    /// are type errors.
    pub fn from_serde<E: fmt::Display>(err: serde_path_to_error::Error<E>) -> Self {
        let path = err.path().to_string();
        let inner = err.into_inner().to_string();
        // serde_json appends " at line 1 column 9"; the path already says where.
        let inner = match inner.find(" at line ") {
            Some(i) => inner[..i].to_owned(),
            None => inner,
        };
        let field = if path == "." || path.is_empty() { "params".to_owned() } else { path };
        let kind = if inner.starts_with("must ") || inner.starts_with("unknown variant") {
            ErrorKind::Range
        } else {
            ErrorKind::Type
        };
        let message = match inner.strip_prefix("unknown field ") {
            Some(rest) => format!("unknown field {rest}"),
            None => inner,
        };
        ParamsError { kind, field, message }
    }
}

impl fmt::Display for ParamsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ParamsError {}
