//! The reader the JavaScript API uses for params (`leverage_cascade::read`), run natively on its
//! twin of JS values: the rules the browser tests check, and a few thousand generated inputs from
//! the same generator the fuzz target `js_values` uses.

#[path = "../fuzz/shared/values.rs"]
mod values;

use leverage_cascade::model::{simulate, ErrorKind, Params, ParamsError};
use leverage_cascade::read::{self, Value};

fn obj(entries: &[(&str, Value)]) -> Value {
    Value::Object(entries.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect())
}

fn num(x: f64) -> Value {
    Value::Number(x)
}

fn refused(value: Value) -> ParamsError {
    match read::params(value) {
        Ok(p) => panic!("accepted: {p:?}"),
        Err(e) => e,
    }
}

#[test]
fn nothing_and_partial_objects_take_the_defaults() {
    assert_eq!(read::params(Value::Undefined).unwrap(), Params::default());
    assert_eq!(read::params(Value::Null).unwrap(), Params::default());
    assert_eq!(read::params(obj(&[("leverage", Value::Undefined)])).unwrap(), Params::default());
    let p = read::params(obj(&[("leverage", num(7.0))])).unwrap();
    assert_eq!(p, Params { leverage: 7.0, ..Params::default() });
}

#[test]
fn what_is_not_an_object_of_params_is_a_type_error_on_params() {
    for (value, got) in [
        (num(5.0), "number"),
        (Value::Str("{}".into()), "string"),
        (Value::Array(vec![]), "array"),
        (Value::Opaque("a function"), "function"),
    ] {
        let e = refused(value);
        assert_eq!((e.kind, e.field.as_str()), (ErrorKind::Type, "params"));
        assert!(e.message.ends_with(&format!("got {got}")), "{e}");
    }
}

#[test]
fn a_typo_is_an_error_that_names_it() {
    let e = refused(obj(&[("levrage", num(3.0))]));
    assert_eq!(e.field, "levrage");
    assert!(e.message.contains("unknown field"), "{e}");
    // A key is one name: a dotted path is not a way round the nesting.
    for key in ["liquidation.feePct", "positions[].side", "circuitBreaker.haltTicks"] {
        let e = refused(obj(&[(key, num(1.0))]));
        assert_eq!((e.kind, e.field.as_str()), (ErrorKind::Type, key));
        assert!(e.message.starts_with("unknown field"), "{e}");
    }
    let nested = obj(&[("secondVenue", obj(&[("depthPerPct.x", num(1.0))]))]);
    assert_eq!(refused(nested).field, "secondVenue.depthPerPct.x");
}

#[test]
fn nan_and_infinity_reach_the_range_check_and_are_printed_as_javascript_would() {
    let e = refused(obj(&[("leverage", num(f64::NAN))]));
    assert_eq!((e.kind, e.field.as_str()), (ErrorKind::Range, "leverage"));
    assert!(e.message.ends_with("got NaN"), "{e}");
    let e = refused(obj(&[("seed", num(9_007_199_254_740_992.0))]));
    assert!(e.message.ends_with("got 9007199254740992"), "{e}");
    let e = refused(obj(&[("shockPct", num(f64::NEG_INFINITY))]));
    assert!(e.message.ends_with("got -Infinity"), "{e}");
}

#[test]
fn errors_inside_objects_and_lists_name_the_whole_path() {
    let e = refused(obj(&[("liquidation", obj(&[("feePct", Value::Str("1".into()))]))]));
    assert_eq!((e.kind, e.field.as_str()), (ErrorKind::Type, "liquidation.feePct"));
    let position = |side: &str| {
        obj(&[
            ("side", Value::Str(side.into())),
            ("notional", num(1e6)),
            ("leverage", num(10.0)),
            ("entry", num(100.0)),
        ])
    };
    let list = Value::Array(vec![position("long"), position("long"), position("up")]);
    let e = refused(obj(&[("positions", list)]));
    assert_eq!((e.kind, e.field.as_str()), (ErrorKind::Range, "positions[2].side"));
}

#[test]
fn what_is_not_data_is_refused_by_name_and_deep_nesting_stops() {
    let e = refused(obj(&[("liquidation", Value::Opaque("a Map"))]));
    assert_eq!((e.kind, e.field.as_str()), (ErrorKind::Type, "liquidation"));
    assert!(e.message.contains("got a Map"), "{e}");
    let mut deep = num(1.0);
    for _ in 0..200 {
        deep = obj(&[("x", deep)]);
    }
    let e = refused(obj(&[("zzDeep", deep)]));
    assert_eq!(e.field, "zzDeep");
}

#[test]
fn a_long_key_or_value_is_echoed_as_a_short_excerpt() {
    let long = "é".repeat(500_000);
    let e = refused(obj(&[(long.as_str(), num(1.0))]));
    // The message lists the known fields (about 500 bytes), and names the key by an excerpt.
    assert!(e.to_string().len() < 1000, "{} bytes", e.to_string().len());
    assert!(e.field.ends_with("(500000 characters)"), "{}", e.field);
    let e = refused(obj(&[("impactLaw", Value::Str(long))]));
    assert_eq!(e.field, "impactLaw");
    assert!(e.to_string().len() < 400, "{} bytes", e.to_string().len());
}

/// splitmix64, for reproducible pseudo-random bytes.
fn bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as u8
        })
        .collect()
}

/// Every number in `value` is finite: serde_json writes a non-finite one as `null`.
fn no_nulls(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => false,
        serde_json::Value::Array(items) => items.iter().all(no_nulls),
        serde_json::Value::Object(entries) => entries.values().all(no_nulls),
        _ => true,
    }
}

/// The generated inputs: every one is read to params or to an error that names a field the input
/// set, and every accepted one runs to finite outputs.
#[test]
fn generated_inputs_give_params_or_a_named_error_and_accepted_ones_run_finite() {
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..3_000u64 {
        let input = bytes(case, 160);
        let value = values::params(&mut values::Bytes(&input));
        let Value::Object(set) = &value else { unreachable!() };
        match read::params(value.clone()) {
            Ok(mut params) => {
                accepted += 1;
                values::cap(&mut params, 1_000);
                let outcome = simulate(&params)
                    .unwrap_or_else(|e| panic!("case {case}: validated params failed: {e}"));
                let out = serde_json::to_value(&outcome).unwrap();
                for part in ["summary", "series", "liquidationMap"] {
                    assert!(no_nulls(&out[part]), "case {case}: non-finite {part} for {value:?}");
                }
            }
            Err(e) => {
                refused += 1;
                let text = e.to_string();
                assert!(text.starts_with(&format!("{}: ", e.field)), "case {case}: {text}");
                // An unknown field's message lists the known ones (about 500 bytes); no value
                // is repeated whole.
                assert!(text.len() < 1000, "case {case}: a {}-byte message", text.len());
                let top = e.field.split(['.', '[']).next().unwrap_or_default();
                assert!(
                    set.iter().any(|(k, _)| read::excerpt(k) == top),
                    "case {case}: {text} names a field the input did not set: {value:?}"
                );
            }
        }
    }
    // Both paths are reached often, not only the cheap refusals.
    assert!(accepted > 300 && refused > 300, "{accepted} accepted, {refused} refused");
}

/// `value` as JSON, when JSON can hold it (no undefined, NaN, infinity or opaque value).
fn as_json(value: &Value) -> Option<serde_json::Value> {
    Some(match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => (*b).into(),
        Value::Number(x) => serde_json::Number::from_f64(*x)?.into(),
        Value::Str(s) => s.clone().into(),
        Value::Array(items) => items.iter().map(as_json).collect::<Option<Vec<_>>>()?.into(),
        Value::Object(entries) => {
            let mut map = serde_json::Map::new();
            for (k, v) in entries {
                if map.insert(k.clone(), as_json(v)?).is_some() {
                    return None;
                }
            }
            map.into()
        }
        Value::Undefined | Value::Opaque(_) => return None,
    })
}

/// `value` with every object's keys in sorted order, as serde_json's map holds them.
fn sorted(value: Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        Value::Object(mut entries) => {
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        other => other,
    }
}

#[test]
fn the_browsers_reader_and_serde_json_read_params_alike() {
    // One `Deserialize` (src/model/fill.rs) behind both: the same inputs give the same params,
    // or an error at the same field of the same kind (the first one met, with the keys in the
    // same order).
    let mut compared = 0;
    for case in 0..3_000u64 {
        let input = bytes(case, 160);
        let value = sorted(values::params(&mut values::Bytes(&input)));
        let Some(json) = as_json(&value) else { continue };
        compared += 1;
        let native = Params::deserialize_from(json).and_then(|p| p.validate().map(|()| p));
        match (read::params(value.clone()), native) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "case {case}"),
            (Err(a), Err(b)) => {
                assert_eq!((a.field.as_str(), a.kind), (b.field.as_str(), b.kind), "case {case}")
            }
            (a, b) => panic!("case {case}: {a:?} in the browser's reader, {b:?} natively"),
        }
    }
    assert!(compared > 1_000, "only {compared} inputs JSON can hold");
}
