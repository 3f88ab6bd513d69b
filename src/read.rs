//! The reader the JavaScript API uses for params and specs: a serde deserializer over plain
//! values (objects, arrays, strings, numbers, booleans, `null`/`undefined`) that reads them the
//! way JSON is read, generic over where the values come from.
//!
//! In the browser the values are JS values (`src/wasm/de.rs` implements [`Source`] for
//! `JsValue`); natively they are [`Value`], a twin of the same shapes, so the fuzz target and the
//! native tests drive the very code the page runs, not a stand-in.
//!
//! Why not serde-wasm-bindgen's deserializer: it looks up only the fields a struct knows, so it
//! cannot see an unknown field and `#[serde(deny_unknown_fields)]` never fires: `{levrage: 3}`
//! would quietly run the defaults. This one hands every own key of an object to serde, as
//! serde_json does, so a typo is an error; it keeps NaN and ±Infinity as numbers, so they reach
//! the range checks ("got NaN") instead of turning into `null`; and it refuses anything that is
//! not plain data (functions, symbols, BigInts, Maps, class instances, cyclic or very deep
//! nesting) with a type error, never a trap.
//!
//! It also records where an error happened (`liquidation.feePct`, `positions[3].side`) as the
//! error travels up through the objects and arrays it came from. serde_path_to_error does the
//! same by wrapping every visitor, but that wrapper is compiled anew for every type read and
//! made up a third of the wasm.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};

pub use crate::model::error::excerpt;
use crate::model::params::show;
use crate::model::{ErrorKind, Params, ParamsError};

/// Deepest nesting read; params need four levels, so this only stops cycles and pathological
/// input, which would otherwise recurse until the stack overflowed.
const MAX_DEPTH: u32 = 32;

/// What a plain value is, found once per value by code that is not generic over the visitor:
/// every type serde reads compiles its own `deserialize_any`, so that one only dispatches.
pub enum Kind<S> {
    /// `null` or `undefined`.
    Unit,
    /// `true` or `false`.
    Bool(bool),
    /// Any number, NaN and the infinities included.
    Number(f64),
    /// A string.
    Str(String),
    /// The elements of an array.
    Seq(Vec<S>),
    /// The own enumerable properties of a plain object, in order, without those whose value is
    /// `undefined` (so `{leverage: undefined}` means "leverage takes its default"). No field
    /// name is long, so a long key is unknown: a source passes it through [`excerpt`], and the
    /// error names it by that.
    Map(Vec<(String, S)>),
}

/// Where values come from: a JS value in the browser, a [`Value`] natively.
pub trait Source: Sized {
    /// `null` or `undefined`.
    fn is_nullish(&self) -> bool;
    /// The string, if the value is one.
    fn as_string(&self) -> Option<String>;
    /// What the value is, or `None` when it is not plain data.
    fn kind(&self) -> Option<Kind<Self>>;
    /// For a value that is not plain data: "a function", "a BigInt", "an object that is not
    /// plain data".
    fn describe(&self) -> String;
    /// What JavaScript's `typeof` says of it, with `null` and arrays spelled out.
    fn type_name(&self) -> String;
}

/// A value to deserialize from, and how deep it sits.
struct Reader<S> {
    value: S,
    depth: u32,
}

impl<S: Source> Reader<S> {
    #[inline(never)]
    fn kind(&self, expected: &dyn de::Expected) -> Result<Kind<S>, Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom(format!("is nested more than {MAX_DEPTH} levels deep")));
        }
        match self.value.kind() {
            // No string a parameter takes is long, so a long one is wrong, and serde's message
            // about it (and a visitor's own, such as the margin tiers') repeats an excerpt.
            Some(Kind::Str(s)) => Ok(Kind::Str(excerpt(&s))),
            Some(kind) => Ok(kind),
            None => {
                let what = self.value.describe();
                Err(de::Error::invalid_type(Unexpected::Other(&what), expected))
            }
        }
    }
}

impl<'de, S: Source> de::Deserializer<'de> for Reader<S> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let depth = self.depth + 1;
        match self.kind(&visitor)? {
            Kind::Unit => visitor.visit_unit(),
            Kind::Bool(b) => visitor.visit_bool(b),
            Kind::Number(x) => visitor.visit_f64(x),
            Kind::Str(s) => visitor.visit_string(s),
            Kind::Seq(items) => {
                let total = items.len();
                let mut seq = Elements { items: items.into_iter().enumerate(), depth };
                let value = visitor.visit_seq(&mut seq)?;
                if seq.items.len() > 0 {
                    return Err(de::Error::invalid_length(total, &"fewer elements in the array"));
                }
                Ok(value)
            }
            Kind::Map(entries) => {
                visitor.visit_map(&mut Entries { entries: entries.into_iter(), value: None, depth })
            }
        }
    }

    /// `null` and `undefined` are `None`; anything else is `Some` of that value.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.value.is_nullish() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// Unit variants are strings, as in JSON: `"linear"`, `"long"`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value.as_string() {
            // serde's "unknown variant" repeats the value whole: a long one, which is never a
            // variant, goes in as an excerpt.
            Some(s) => visitor.visit_enum(excerpt(&s).into_deserializer()),
            None => self.deserialize_any(visitor),
        }
    }

    /// Skipped values are not read at all (a cyclic object in one costs nothing).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
    }
}

/// Reads a `T` from a value; the error carries the path of the field that failed.
pub fn from_source<T: DeserializeOwned, S: Source>(value: S) -> Result<T, Error> {
    T::deserialize(Reader { value, depth: 0 })
}

/// Reads a `T` (params, a spec) from a value, as a [`ParamsError`] whose field is the path of the
/// field that failed (`leverage`, `liquidation.feePct`, `x.steps`) behind `prefix` (`options`
/// gives `options.chart`; empty gives the bare path), or `what` when the value itself is wrong.
/// Its kind and wording follow the same rule as the native reader's ([`ParamsError::read`]).
pub fn read<T: DeserializeOwned, S: Source>(
    value: S,
    prefix: &str,
    what: &str,
) -> Result<T, ParamsError> {
    from_source(value).map_err(|e| named(e, prefix, what))
}

/// A reader's error as a [`ParamsError`] (see [`read`]). Not generic, so compiled once.
#[inline(never)]
fn named(e: Error, prefix: &str, what: &str) -> ParamsError {
    let field = match (prefix, e.path()) {
        (_, "") => what.to_owned(),
        ("", path) => path.to_owned(),
        (_, path) if path.starts_with('[') => format!("{prefix}{path}"),
        (_, path) => format!("{prefix}.{path}"),
    };
    ParamsError::read(&field, e.message)
}

/// Reads and validates params. `undefined` and `null` mean "all defaults"; an object may be
/// partial (missing fields take their defaults); anything else is a type error. A returned value
/// is safe to simulate.
pub fn params<S: Source>(value: S) -> Result<Params, ParamsError> {
    if value.is_nullish() {
        return Ok(Params::default());
    }
    let got = value.type_name();
    if got != "object" {
        return Err(ParamsError::new(
            ErrorKind::Type,
            "params",
            format!("must be an object of parameters (or undefined for the defaults), got {got}"),
        ));
    }
    let params: Params = read(value, "", "params")?;
    params.validate()?;
    Ok(params)
}

/// The properties of an object, handed to serde one by one; an error from a property's value
/// (or from its key, for an unknown field) gets the key put in front of its path.
struct Entries<S> {
    entries: std::vec::IntoIter<(String, S)>,
    value: Option<(String, S)>,
    depth: u32,
}

impl<'de, S: Source> de::MapAccess<'de> for Entries<S> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let read = seed.deserialize(de::value::StrDeserializer::<Error>::new(&key));
        let read = read.map_err(|e| e.within_key(&key))?;
        self.value = Some((key, value));
        Ok(Some(read))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        seed.deserialize(Reader { value, depth: self.depth }).map_err(|e| e.within_key(&key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The elements of an array; an error from one gets `[index]` put in front of its path.
struct Elements<S> {
    items: std::iter::Enumerate<std::vec::IntoIter<S>>,
    depth: u32,
}

impl<'de, S: Source> de::SeqAccess<'de> for Elements<S> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((i, value)) = self.items.next() else {
            return Ok(None);
        };
        let read = seed.deserialize(Reader { value, depth: self.depth });
        read.map(Some).map_err(|e| e.within_index(i))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A deserialization error: what is wrong, and where (`liquidation.feePct`, `positions[3].side`,
/// or empty for the value itself).
#[derive(Debug)]
pub struct Error {
    path: String,
    message: String,
}

impl Error {
    /// Where the error happened, relative to the value read; empty for the value itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    fn within_key(mut self, key: &str) -> Self {
        self.path = match self.path.as_bytes().first() {
            None => key.to_owned(),
            Some(b'[') => format!("{key}{}", self.path),
            Some(_) => format!("{key}.{}", self.path),
        };
        self
    }

    fn within_index(mut self, i: usize) -> Self {
        self.path = match self.path.as_bytes().first() {
            None => format!("[{i}]"),
            Some(b'[') => format!("[{i}]{}", self.path),
            Some(_) => format!("[{i}].{}", self.path),
        };
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error { path: String::new(), message: msg.to_string() }
    }

    /// Says what was expected and what came in JavaScript's words, not Rust's: "expected a
    /// number, got the string \"x\"" rather than "invalid type: string \"x\", expected f64".
    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        let got = describe(unexpected);
        let expected = expected.to_string();
        let want = match expected.as_str() {
            "f64" => "a number",
            "a boolean" => "true or false",
            "a sequence" => "an array",
            e if e.starts_with("struct ") => "an object",
            e if e.starts_with("enum ") || e.starts_with("variant ") => "a string",
            e => e,
        };
        de::Error::custom(format!("expected {want}, got {got}"))
    }

    /// serde's own wording prints the value with Rust's float formatting (`inf`, no exponents);
    /// ours goes through `show`, so a value reads as JavaScript prints it.
    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        de::Error::custom(format!("must be {expected}, got {}", describe(unexpected)))
    }
}

/// A string in double quotes, as JSON would write it (`"a\"b"`). Written out because Rust's `{:?}`
/// brings Unicode tables into the wasm for the rare character it escapes.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What came in, in JavaScript's words: "the number 2.5", "the string \"x\"", "an array".
fn describe(unexpected: Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Unit => "null".to_owned(),
        Unexpected::Bool(b) => b.to_string(),
        Unexpected::Unsigned(n) => format!("the number {n}"),
        Unexpected::Signed(n) => format!("the number {n}"),
        Unexpected::Float(x) => format!("the number {}", show(x)),
        Unexpected::Char(c) => format!("the string {}", quoted(&c.to_string())),
        Unexpected::Str(s) => format!("the string {}", quoted(s)),
        Unexpected::Bytes(_) => "bytes".to_owned(),
        Unexpected::Option => "an optional value".to_owned(),
        Unexpected::NewtypeStruct => "a wrapped value".to_owned(),
        Unexpected::Seq => "an array".to_owned(),
        Unexpected::Map => "an object".to_owned(),
        Unexpected::Enum
        | Unexpected::UnitVariant
        | Unexpected::NewtypeVariant
        | Unexpected::TupleVariant
        | Unexpected::StructVariant => "a variant".to_owned(),
        Unexpected::Other(what) => what.to_owned(),
    }
}

// ---- The native twin of a JS value ----

/// A JS value as plain Rust: what the native tests and the fuzz target hand to the same reader
/// the page uses. `Opaque` stands for whatever is not plain data (a function, a symbol, a
/// BigInt, a Map, a class instance) and carries how the browser's reader would describe it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, NaN and the infinities included.
    Number(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Value>),
    /// A plain object's own properties, in order.
    Object(Vec<(String, Value)>),
    /// Not plain data, with its description ("a function").
    Opaque(&'static str),
}

impl Source for Value {
    fn is_nullish(&self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }

    fn as_string(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            _ => None,
        }
    }

    fn kind(&self) -> Option<Kind<Self>> {
        Some(match self {
            Value::Undefined | Value::Null => Kind::Unit,
            Value::Bool(b) => Kind::Bool(*b),
            Value::Number(x) => Kind::Number(*x),
            Value::Str(s) => Kind::Str(s.clone()),
            Value::Array(items) => Kind::Seq(items.clone()),
            Value::Object(entries) => {
                let defined = entries.iter().filter(|(_, v)| *v != Value::Undefined);
                Kind::Map(defined.map(|(k, v)| (excerpt(k), v.clone())).collect())
            }
            Value::Opaque(_) => return None,
        })
    }

    fn describe(&self) -> String {
        match self {
            Value::Opaque(what) => (*what).to_owned(),
            _ => "plain data".to_owned(),
        }
    }

    fn type_name(&self) -> String {
        match self {
            Value::Undefined => "undefined",
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::Str(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
            Value::Opaque("a function") => "function",
            Value::Opaque("a symbol") => "symbol",
            Value::Opaque("a BigInt") => "bigint",
            Value::Opaque(_) => "object",
        }
        .to_owned()
    }
}
