//! Arbitrary bytes, made into a params-like value by fuzz/shared/values.rs (fields from the
//! parameter table, hostile values among plausible ones), through the reader the JS API uses
//! (`leverage_cascade::read`, here on its native twin of JS values), then through the model.
//!
//! The reader must turn any value into params or an error that names a field the value set, in
//! a message of a line; the model must run any params that validate to finite outputs, without
//! a panic. Sizes are capped after reading, as in the `params` target.
#![no_main]

#[path = "../shared/values.rs"]
mod values;

use leverage_cascade::model::simulate;
use leverage_cascade::read::{self, excerpt, Value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let value = values::params(&mut values::Bytes(data));
    let Value::Object(set) = &value else { unreachable!() };
    match read::params(value.clone()) {
        Ok(mut params) => {
            values::cap(&mut params, 2_000);
            let outcome = simulate(&params).expect("params that validated must simulate");
            assert!(outcome.series.price.iter().all(|p| p.is_finite() && *p > 0.0));
            assert!(outcome.series.long_open_interest.iter().all(|x| x.is_finite()));
        }
        Err(e) => {
            let text = e.to_string();
            assert!(text.len() < 1000, "a {}-byte message", text.len());
            let top = e.field.split(['.', '[']).next().unwrap_or_default();
            assert!(set.iter().any(|(k, _)| excerpt(k) == top), "{text}");
        }
    }
});
