//! A serde deserializer that reads plain JS values (objects, arrays, strings, numbers, booleans,
//! `null`) the way JSON is read.
//!
//! serde-wasm-bindgen's deserializer looks up only the fields a struct knows, so it cannot see an
//! unknown field and `#[serde(deny_unknown_fields)]` never fires: `{levrage: 3}` would quietly run
//! the defaults. This one hands every own enumerable key of an object to serde, as serde_json
//! does, so a typo is an error; it keeps NaN and ±Infinity as numbers, so they reach the range
//! checks ("got NaN") instead of turning into `null`; and it refuses anything that is not plain
//! data (functions, symbols, BigInts, Maps, class instances, cyclic or very deep nesting) with a
//! type error, never a trap.
//!
//! It also records where an error happened (`liquidation.feePct`, `positions[3].side`) as the
//! error travels up through the objects and arrays it came from. serde_path_to_error does the
//! same by wrapping every visitor, but that wrapper is compiled anew for every type read and
//! made up a third of the wasm.

use std::fmt;

use js_sys::{Array, Object};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use wasm_bindgen::{JsCast, JsValue};

use crate::model::params::show;

/// Deepest nesting read; params need four levels, so this only stops cycles and pathological
/// input, which would otherwise recurse until the stack overflowed.
const MAX_DEPTH: u32 = 32;

/// A JS value to deserialize from.
pub struct JsDeserializer {
    value: JsValue,
    depth: u32,
}

impl JsDeserializer {
    /// Starts at the top of a value.
    pub fn new(value: JsValue) -> Self {
        JsDeserializer { value, depth: 0 }
    }

    fn is_nullish(&self) -> bool {
        self.value.is_undefined() || self.value.is_null()
    }

    /// The own enumerable `[key, value]` pairs of a plain object (one whose prototype is
    /// `Object.prototype` of some realm, or `null`); `None` for anything else. Keys whose value
    /// is `undefined` are left out, so `{leverage: undefined}` means "leverage takes its default".
    fn plain_object_entries(&self) -> Option<Vec<(String, JsValue)>> {
        let obj = self.value.dyn_ref::<Object>()?;
        if self.value.is_function() || Array::is_array(&self.value) {
            return None;
        }
        let proto = Object::get_prototype_of(obj);
        if !proto.is_null() && !Object::get_prototype_of(&proto).is_null() {
            return None;
        }
        let entries = Object::entries(obj);
        let mut out = Vec::with_capacity(entries.length() as usize);
        for pair in entries.iter() {
            let pair: Array = pair.unchecked_into();
            let value = pair.get(1);
            if value.is_undefined() {
                continue;
            }
            // Object.entries gives string keys only.
            // No field name is long: a long key is unknown, and named by an excerpt.
            let key = excerpt(pair.get(0).as_string().unwrap_or_default());
            out.push((key, value));
        }
        Some(out)
    }

    /// Describes a value serde was not given a visit for, for "invalid type: …, expected …".
    fn describe(&self) -> String {
        if self.value.is_bigint() {
            "a BigInt".to_owned()
        } else if self.value.is_function() {
            "a function".to_owned()
        } else if self.value.is_symbol() {
            "a symbol".to_owned()
        } else {
            "an object that is not plain data".to_owned()
        }
    }

    fn too_deep() -> Error {
        de::Error::custom(format!("is nested more than {MAX_DEPTH} levels deep"))
    }
}

/// What a JS value is, found once per value by code that is not generic over the visitor: every
/// type serde reads compiles its own `deserialize_any`, so that one only dispatches.
enum Kind {
    Unit,
    Bool(bool),
    Number(f64),
    Str(String),
    Seq(Vec<JsValue>),
    Map(Vec<(String, JsValue)>),
}

impl JsDeserializer {
    #[inline(never)]
    fn kind(&self, expected: &dyn de::Expected) -> Result<Kind, Error> {
        if self.depth > MAX_DEPTH {
            return Err(Self::too_deep());
        }
        Ok(if self.is_nullish() {
            Kind::Unit
        } else if let Some(b) = self.value.as_bool() {
            Kind::Bool(b)
        } else if let Some(x) = self.value.as_f64() {
            Kind::Number(x)
        } else if let Some(s) = self.value.as_string() {
            Kind::Str(s)
        } else if let Some(array) = self.value.dyn_ref::<Array>() {
            Kind::Seq(array.iter().collect())
        } else if let Some(entries) = self.plain_object_entries() {
            Kind::Map(entries)
        } else {
            let what = self.describe();
            return Err(de::Error::invalid_type(Unexpected::Other(&what), expected));
        })
    }
}

impl<'de> de::Deserializer<'de> for JsDeserializer {
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
        if self.is_nullish() {
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
            Some(s) => visitor.visit_enum(excerpt(s).into_deserializer()),
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

/// Reads a `T` from a JS value; the error carries the path of the field that failed.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    T::deserialize(JsDeserializer::new(value))
}

/// The own properties of an object, handed to serde one by one; an error from a property's value
/// (or from its key, for an unknown field) gets the key put in front of its path.
struct Entries {
    entries: std::vec::IntoIter<(String, JsValue)>,
    value: Option<(String, JsValue)>,
    depth: u32,
}

impl<'de> de::MapAccess<'de> for Entries {
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
        seed.deserialize(JsDeserializer { value, depth: self.depth })
            .map_err(|e| e.within_key(&key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The elements of an array; an error from one gets `[index]` put in front of its path.
struct Elements {
    items: std::iter::Enumerate<std::vec::IntoIter<JsValue>>,
    depth: u32,
}

impl<'de> de::SeqAccess<'de> for Elements {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((i, value)) = self.items.next() else {
            return Ok(None);
        };
        let read = seed.deserialize(JsDeserializer { value, depth: self.depth });
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

/// The longest value or key an error message repeats whole.
const ECHO_MAX: usize = 40;

/// `s` itself up to [`ECHO_MAX`] bytes; past that its first 32 characters, "…" and its length,
/// so an error about a 1 MB string is a line long.
fn excerpt(s: String) -> String {
    if s.len() <= ECHO_MAX {
        return s;
    }
    // Plain byte loops: `chars()` adapters and UTF-16 counting cost the wasm more than this.
    let mut end = 32;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let chars = s.bytes().filter(|b| b & 0xC0 != 0x80).count();
    let mut out = s.get(..end).unwrap_or_default().to_owned();
    out.push_str("… (");
    out.push_str(&chars.to_string());
    out.push_str(" characters)");
    out
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
        Unexpected::Str(s) => format!("the string {}", quoted(&excerpt(s.to_owned()))),
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
