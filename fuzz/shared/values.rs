//! Builds a params-like value for the JS reader's native twin (`read::Value`) from a stream of
//! bytes: the fuzz target `js_values` feeds it libFuzzer's input, and tests/reader.rs feeds it
//! seeded pseudo-random bytes, so CI runs the same generator on every `make test`.
//!
//! Fields come from the parameter table, so a new parameter is reached without a line here
//! changing. Values are mostly plausible (within or at the edge of the field's range), so the
//! run gets past the reader into validation and the model; the rest are what a hostile caller
//! passes: NaN, ±Infinity, huge numbers, wrong types, things that are not data, unknown keys,
//! long strings and deep nesting.

use leverage_cascade::model::spec::{Kind, Param, PARAMS};
use leverage_cascade::model::Params;
use leverage_cascade::read::Value;

/// The input, read a byte at a time; zeros once it runs out.
pub struct Bytes<'a>(pub &'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n.max(1)
    }

    /// A number in `[0, 1]`, in 1/255 steps.
    fn unit(&mut self) -> f64 {
        f64::from(self.byte()) / 255.0
    }
}

/// A params object with up to eight fields set.
pub fn params(b: &mut Bytes) -> Value {
    let mut top = Vec::new();
    for _ in 0..b.below(9) {
        let row = &PARAMS[b.below(PARAMS.len())];
        set(&mut top, row, b);
    }
    if b.below(16) == 0 {
        top.push((format!("zz{}", b.byte()), odd(b, 0)));
    }
    Value::Object(top)
}

/// Sets `row` in `object`, building the objects on its path; a list row gets a list of items.
fn set(object: &mut Vec<(String, Value)>, row: &Param, b: &mut Bytes) {
    let path = row.path.split("[]").next().unwrap_or(row.path);
    let mut names: Vec<&str> = path.split('.').collect();
    let last = names.pop().unwrap_or("");
    let mut here = object;
    for name in names {
        let at = match here.iter().position(|(k, _)| k == name) {
            Some(i) => i,
            None => {
                here.push((name.to_owned(), Value::Object(Vec::new())));
                here.len() - 1
            }
        };
        if !matches!(here[at].1, Value::Object(_)) {
            here[at].1 = Value::Object(Vec::new());
        }
        let Value::Object(inner) = &mut here[at].1 else { unreachable!() };
        here = inner;
    }
    let value = if row.path.contains("[]") || matches!(row.kind, Kind::List) {
        list(path, b)
    } else {
        value(row, b)
    };
    here.retain(|(k, _)| k != last);
    here.push((last.to_owned(), value));
}

/// A list for the list row at `path`: items with fields from the rows under `path[]`.
fn list(path: &str, b: &mut Bytes) -> Value {
    if b.below(8) == 0 {
        return odd(b, 0);
    }
    let item_prefix = format!("{path}[]");
    let items: Vec<&Param> = PARAMS.iter().filter(|p| p.path.starts_with(&item_prefix)).collect();
    let count = 1 + b.below(4);
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if let [only] = items.as_slice() {
            if only.path == item_prefix {
                out.push(value(only, b));
                continue;
            }
        }
        let mut item = Vec::new();
        for row in &items {
            if b.below(12) != 0 {
                let name = row.path[item_prefix.len()..].trim_start_matches('.');
                item.push((name.to_owned(), value(row, b)));
            }
        }
        out.push(Value::Object(item));
    }
    Value::Array(out)
}

/// A value for `row`: plausible seven times in eight.
fn value(row: &Param, b: &mut Bytes) -> Value {
    if b.below(8) == 0 {
        return odd(b, 0);
    }
    match row.kind {
        Kind::Number | Kind::Whole | Kind::NumberOrNull => {
            if matches!(row.kind, Kind::NumberOrNull) && b.below(4) == 0 {
                return Value::Null;
            }
            let Some(r) = row.range else { return Value::Number(b.unit()) };
            let x = match b.below(6) {
                0 => r.min,
                1 => r.max,
                // Spread over orders of magnitude when the range spans them.
                2 | 3 if r.min > 0.0 => r.min * (r.max / r.min).powf(b.unit()),
                _ => r.min + (r.max - r.min) * b.unit(),
            };
            Value::Number(if matches!(row.kind, Kind::Whole) { x.round() } else { x })
        }
        Kind::Bool => Value::Bool(b.below(2) == 0),
        Kind::Enum(names) | Kind::NamesOrList(names) => {
            Value::Str(names[b.below(names.len())].to_owned())
        }
        Kind::NullableObject => {
            if b.below(3) == 0 {
                Value::Null
            } else {
                Value::Object(Vec::new())
            }
        }
        Kind::List => Value::Null,
    }
}

/// What a hostile caller passes.
fn odd(b: &mut Bytes, depth: u32) -> Value {
    match b.below(if depth > 2 { 12 } else { 15 }) {
        0 => Value::Number(f64::NAN),
        1 => Value::Number(f64::INFINITY),
        2 => Value::Number(f64::NEG_INFINITY),
        3 => Value::Number(1e300),
        4 => Value::Number(-1e-300),
        5 => Value::Number(9_007_199_254_740_992.0),
        6 => Value::Str("x".repeat(1 + 10 * b.below(200))),
        7 => Value::Bool(true),
        8 => Value::Undefined,
        9 => Value::Null,
        10 => Value::Opaque(
            ["a function", "a symbol", "a BigInt", "an object that is not plain data"][b.below(4)],
        ),
        11 => Value::Str(String::new()),
        12 => Value::Array(vec![odd(b, depth + 1), odd(b, depth + 1)]),
        13 => Value::Object(vec![(format!("zz{}", b.byte()), odd(b, depth + 1))]),
        _ => {
            // Nesting far deeper than any params need.
            let mut v = Value::Number(1.0);
            for _ in 0..(20 + b.below(40)) {
                v = Value::Object(vec![("x".to_owned(), v)]);
            }
            v
        }
    }
}

/// Caps a run's size after reading (at most `most` traders and explicit positions, and 300
/// ticks), so each input stays quick: the caps change how long a run is, not which code it
/// reaches.
pub fn cap(params: &mut Params, most: u32) {
    params.traders = params.traders.min(most);
    params.ticks = params.ticks.min(300);
    if let Some(list) = params.positions.as_mut() {
        list.truncate(most as usize);
    }
}
