//! The JavaScript API: a thin layer over [`crate::model`] (and, for charts, [`crate::render`]).
//!
//! This is the only module that names wasm-bindgen, js-sys, web-sys, serde-wasm-bindgen or
//! plotters-canvas. Every export takes plain JS values, checks them, and either returns plain
//! objects and typed arrays or throws a `RangeError` / `TypeError` that names the field. Nothing
//! here unwraps, so a bad input can never trap the module: it throws, and the next call works.
//!
//! The TypeScript types live in `api.d.ts` beside this file and are copied to the top of the
//! generated `leverage_cascade.d.ts`; the exports name them with `unchecked_*_type`.

mod canvas;
mod convert;
mod de;
#[cfg(feature = "explore")]
mod explore;
mod render;

use wasm_bindgen::prelude::*;

use crate::model;
use convert::{comparison_to_js, outcome_to_js, params_from_js, to_plain};
#[cfg(feature = "explore")]
pub use explore::render_exploration;
pub use render::render;

thread_local! {
    /// The populations of the last `compare()` and the last `simulate()`: a slider that does not
    /// change who holds what (the shock, the depth, the breaker) reuses them instead of
    /// generating and sorting 100,000 traders again. Holds at most three populations.
    static POPULATIONS: std::cell::RefCell<model::PopulationCache> = Default::default();
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("api.d.ts");

/// The complete default params: the teaching preset, camelCase, the same fields as the Rust
/// `Params`. Absent options are `null`, so the object survives a trip through JSON.
///
/// Like [`presets`], written out as JSON by `tests/spec.rs` (`defaults.json`, checked against
/// `Params::default()` on every test run): the serializer of `Params` then stays out of the
/// package (about 2 KB gzip).
#[wasm_bindgen(js_name = defaultParams, unchecked_return_type = "Params")]
pub fn default_params() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(include_str!("defaults.json"))
}

/// The named scenarios, in menu order: `[{id, title, params}]` with kebab-case ids and complete
/// params. They are [`model::presets::presets`] written out as JSON by `tests/spec.rs`
/// (`presets.json` beside this file, checked against the Rust on every test run): as data they
/// cost the package about a third of what the struct literals' code did.
#[wasm_bindgen(js_name = presets, unchecked_return_type = "Preset[]")]
pub fn presets() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(include_str!("presets.json"))
}

/// Runs one market. `params` may be partial (missing fields take their defaults) or absent.
/// Returns `{summary, series, liquidationMap, events}`, the series as typed arrays.
///
/// Throws a `RangeError` for a value out of range and a `TypeError` for a wrong type or an
/// unknown field; the message names the field and the allowed range, and the error's `field`
/// property holds the field's path.
#[wasm_bindgen(js_name = simulate, unchecked_return_type = "Outcome")]
pub fn simulate(
    #[wasm_bindgen(unchecked_optional_param_type = "ParamsInput | null")] params: JsValue,
) -> Result<JsValue, JsValue> {
    let params = params_from_js(params)?;
    let outcome = POPULATIONS
        .with(|cache| cache.borrow_mut().simulate(&params))
        .map_err(|e| convert::to_js_error(&e))?;
    outcome_to_js(&outcome)
}

/// Runs the same population under four scenarios: `none` (no breaker, flat margin),
/// `circuitBreaker`, `marginTiers` and `both`. The breaker is `params.circuitBreaker` or the
/// default one; the tiers are `params.marginTiers` or "standard". Throws like `simulate`.
#[wasm_bindgen(js_name = compare, unchecked_return_type = "Comparison")]
pub fn compare(
    #[wasm_bindgen(unchecked_optional_param_type = "ParamsInput | null")] params: JsValue,
) -> Result<JsValue, JsValue> {
    let params = params_from_js(params)?;
    let comparison = POPULATIONS
        .with(|cache| cache.borrow_mut().compare(&params))
        .map_err(|e| convert::to_js_error(&e))?;
    comparison_to_js(&comparison)
}

/// `{crate, model}`: the crate version, and the model version, which changes whenever the same
/// params could give a different outcome. A shared link records both.
#[wasm_bindgen(js_name = version, unchecked_return_type = "Version")]
pub fn version() -> Result<JsValue, JsValue> {
    #[derive(serde::Serialize)]
    struct Version {
        #[serde(rename = "crate")]
        krate: &'static str,
        model: &'static str,
    }
    to_plain(&Version { krate: env!("CARGO_PKG_VERSION"), model: model::MODEL_VERSION })
}
