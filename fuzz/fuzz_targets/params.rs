//! Arbitrary JSON text through the native params reader (serde_json, `Params::from_json`), then
//! through the model. The JS API's reader (`leverage_cascade::read`) has its own target,
//! `js_values`, and both readers share the derived code and the checks (`Params::validate`,
//! the table's ranges, `ParamsError::read`).
//!
//! The parser must turn any input into params or a named error, and the model must run any
//! params that validate, without a panic. Sizes are capped after parsing so each run stays
//! quick; the caps change how long a run is, not which code it reaches.
#![no_main]

#[path = "../shared/values.rs"]
#[allow(dead_code)] // only `cap` is used here
mod values;

use leverage_cascade::model::{compare, simulate, Params};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mut params) = Params::from_json(text) else { return };
    values::cap(&mut params, 2_000);
    let outcome = simulate(&params).expect("params that validated must simulate");
    assert!(outcome.series.price.iter().all(|p| p.is_finite() && *p > 0.0));
    if data.len() % 4 == 0 {
        compare(&params).expect("params that validated must compare");
    }
});
