//! The same params give the same numbers natively and in WebAssembly (issue 7).
//!
//! `tests/fixtures/determinism.json` holds markets that exercise every mechanism, each with the
//! outcome computed natively (`tests/determinism.rs` checks the native side). Here each case's
//! params go through the JS-facing `simulate`, in a real browser, and every number of the result
//! (summary, each series value, the liquidation map, the events) must agree with the fixture to
//! within 1e-9 relative. The worst difference found is printed.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_determinism`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, ArrayBuffer, Object, Reflect, JSON};
use leverage_cascade::wasm::simulate;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/determinism.json");

/// Largest accepted |native − wasm| ÷ max(|native|, |wasm|).
const RELATIVE: f64 = 1e-9;
/// Below this magnitude two numbers count as equal (relative error means nothing at zero).
const NEGLIGIBLE: f64 = 1e-12;

/// The worst relative difference seen, where, and how many numbers were compared.
struct Tally {
    compared: usize,
    worst: f64,
    worst_at: String,
    failures: Vec<String>,
}

impl Tally {
    fn number(&mut self, path: &str, native: f64, wasm: f64) {
        self.compared += 1;
        // serde_json writes a non-finite float as null; the JS side has NaN or ±Infinity.
        if native.is_nan() && !wasm.is_finite() {
            return;
        }
        let diff = (native - wasm).abs();
        let scale = native.abs().max(wasm.abs());
        let relative = if scale > 0.0 { diff / scale } else { 0.0 };
        if relative > self.worst {
            self.worst = relative;
            self.worst_at = format!("{path}: native {native:e}, wasm {wasm:e}");
        }
        if diff > NEGLIGIBLE && relative > RELATIVE {
            self.failures
                .push(format!("{path}: native {native:e}, wasm {wasm:e} (relative {relative:e})"));
        }
    }
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).expect("Reflect.get on an object")
}

/// A fixture number (null stands for a non-finite float).
fn as_number(v: &JsValue) -> Option<f64> {
    if v.is_null() {
        Some(f64::NAN)
    } else {
        v.as_f64()
    }
}

/// A JS array or typed array (the JS API's series) as f64s; None if it is neither or holds a
/// non-number.
fn as_numbers(v: &JsValue) -> Option<Vec<f64>> {
    if Array::is_array(v) || (v.is_object() && ArrayBuffer::is_view(v)) {
        let array = Array::from(v);
        array.iter().map(|x| as_number(&x)).collect()
    } else {
        None
    }
}

/// Walks the fixture value and the wasm result side by side.
fn compare(path: &str, native: &JsValue, wasm: &JsValue, tally: &mut Tally) {
    if let Some(n) = as_number(native) {
        match wasm.as_f64() {
            Some(w) => tally.number(path, n, w),
            None if native.is_null() && wasm.is_null() => {}
            None => tally.failures.push(format!("{path}: native {n}, wasm {wasm:?}")),
        }
        return;
    }
    if native.as_string().is_some() || native.as_bool().is_some() {
        if native != wasm {
            tally.failures.push(format!("{path}: native {native:?}, wasm {wasm:?}"));
        }
        return;
    }
    if Array::is_array(native) {
        let native_items = Array::from(native);
        // A series: numbers against a typed array.
        if let (Some(n), Some(w)) = (as_numbers(native), as_numbers(wasm)) {
            if n.len() != w.len() {
                tally.failures.push(format!(
                    "{path}: {} values natively, {} in wasm",
                    n.len(),
                    w.len()
                ));
                return;
            }
            for (i, (a, b)) in n.iter().zip(&w).enumerate() {
                tally.number(&format!("{path}[{i}]"), *a, *b);
            }
            return;
        }
        // A list of objects (events).
        let Some(wasm_items) = wasm.dyn_ref::<Array>() else {
            tally.failures.push(format!("{path}: an array natively, {wasm:?} in wasm"));
            return;
        };
        if native_items.length() != wasm_items.length() {
            let (n, w) = (native_items.length(), wasm_items.length());
            tally.failures.push(format!("{path}: {n} items natively, {w} in wasm"));
            return;
        }
        for i in 0..native_items.length() {
            compare(&format!("{path}[{i}]"), &native_items.get(i), &wasm_items.get(i), tally);
        }
        return;
    }
    let native_obj: &Object = native.dyn_ref().expect("the fixture holds JSON values");
    if !wasm.is_object() {
        tally.failures.push(format!("{path}: an object natively, {wasm:?} in wasm"));
        return;
    }
    let mut native_keys: Vec<String> =
        Object::keys(native_obj).iter().filter_map(|k| k.as_string()).collect();
    let mut wasm_keys: Vec<String> =
        Object::keys(wasm.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
    native_keys.sort();
    wasm_keys.sort();
    if native_keys != wasm_keys {
        tally
            .failures
            .push(format!("{path}: keys {native_keys:?} natively, {wasm_keys:?} in wasm"));
    }
    for key in &native_keys {
        let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        compare(&child, &get(native, key), &get(wasm, key), tally);
    }
}

#[wasm_bindgen_test]
fn wasm_matches_the_native_fixture() {
    let fixture = JSON::parse(FIXTURE).expect("the fixture is JSON");
    let version = get(&fixture, "modelVersion").as_string().expect("modelVersion");
    assert_eq!(
        version,
        leverage_cascade::model::MODEL_VERSION,
        "the fixture is of another model version"
    );
    let cases = Array::from(&get(&fixture, "cases"));
    assert!(cases.length() >= 5, "the fixture has {} cases", cases.length());

    let mut tally =
        Tally { compared: 0, worst: 0.0, worst_at: String::new(), failures: Vec::new() };
    for (i, case) in cases.iter().enumerate() {
        let outcome = simulate(get(&case, "params")).unwrap_or_else(|e| {
            panic!(
                "case {i}: simulate threw {:?}",
                e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()))
            )
        });
        compare(&format!("case {i}"), &get(&case, "outcome"), &outcome, &mut tally);
    }
    console_log!(
        "native vs wasm: {} numbers in {} cases, worst relative difference {:e}{}",
        tally.compared,
        cases.length(),
        tally.worst,
        if tally.worst > 0.0 { format!(" at {}", tally.worst_at) } else { String::new() }
    );
    assert!(tally.compared > 10_000, "only {} numbers compared", tally.compared);
    assert!(
        tally.failures.is_empty(),
        "{} differences beyond {RELATIVE:e} relative, first: {:#?}",
        tally.failures.len(),
        &tally.failures[..tally.failures.len().min(10)]
    );
}
