//! The explorations in JavaScript: `sweep` (the tipping-point map) and `monteCarlo` (the
//! crash-size distribution), thin wrappers over [`crate::model::explore`].
//!
//! Both run many markets in one call, so a page calls them from a Web Worker. Each takes an
//! optional `onProgress(done, total)` callback: it is called as the work advances (after each row
//! of a sweep, every 50 Monte Carlo runs) and may return `false` to stop early, in which case the
//! result holds what was finished. A callback that throws stops the work and the call rethrows
//! that exception.
//!
//! The specs are read like params: an unknown field is a `TypeError`, a value out of range a
//! `RangeError`, and the message and the error's `field` property name the field (`x.steps`,
//! `shock.scalePct`).

use js_sys::{Float64Array, Function, Object, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{params_from_js, to_js_error, type_error};
use super::de::JsDeserializer;
use crate::model::explore::{self, Grid, MonteCarlo, MonteCarloSpec, SweepSpec};
use crate::model::ParamsError;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("explore.d.ts");

/// Runs the model over a grid of two numeric params and measures one metric in each cell.
///
/// `spec` is `{x: {field, from, to, steps}, y: {…}, metric}`: `field` is a params path such as
/// `"leverage"`, `"depthPerPct"` or `"circuitBreaker.levelsPct[0]"`, the values run evenly from
/// `from` to `to`, and `metric` is `"amplification"`, `"maxDrawdownPct"`, `"liquidatedShare"` or
/// `"badDebt"`. Returns `{x, y, values, branching}` as `Float64Array`s, cells row by row:
/// `values[j * x.length + i]` is at `x[i]`, `y[j]`; `branching` holds each cell's peak branching
/// ratio, whose contour at 1 is the tipping point. If `onProgress` stopped the sweep, `values`
/// holds only the rows finished.
///
/// Throws like `simulate` for bad params, and for a bad spec a `TypeError` or `RangeError` that
/// names the spec's field.
#[wasm_bindgen(js_name = sweep, unchecked_return_type = "SweepResult")]
pub fn sweep(
    #[wasm_bindgen(unchecked_param_type = "ParamsInput | null | undefined")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SweepSpec")] spec: JsValue,
    #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "ProgressCallback | null")]
    on_progress: JsValue,
) -> Result<JsValue, JsValue> {
    let params = params_from_js(params)?;
    let spec: SweepSpec = spec_from_js(spec, "spec")?;
    let mut progress = Progress::new(on_progress)?;
    let grid = explore::sweep(&params, &spec, |done, total| progress.report(done, total));
    progress.finish()?;
    grid_to_js(&grid.map_err(|e| to_js_error(&e))?)
}

/// Hits `runs` markets like `params`, each with its own seed, with random shocks, and returns
/// what became of them.
///
/// `spec` is `{runs, shock: {distribution, scalePct}}`: 1 to 100,000 runs, shocks drawn from a
/// `"normal"` or a `"studentT"` law (4 degrees of freedom) with a standard deviation of
/// `scalePct` % (above 0, at most 30). Returns `{shocks, moves, drawdowns}` as `Float64Array`s
/// (%, one entry per market; `moves` is each market's largest move in the shock's direction,
/// signed like the shock) and `shockKurtosis`, `moveKurtosis` (excess kurtosis, 0 for a normal
/// law), `tailThresholdPct` (three standard deviations of the shock), `shockTailShare` and
/// `moveTailShare` (shares beyond it). If `onProgress` stopped the runs, the arrays hold the
/// markets finished and the figures describe those.
///
/// Throws like `sweep`.
#[wasm_bindgen(js_name = monteCarlo, unchecked_return_type = "MonteCarloResult")]
pub fn monte_carlo(
    #[wasm_bindgen(unchecked_param_type = "ParamsInput | null | undefined")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MonteCarloSpec")] spec: JsValue,
    #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "ProgressCallback | null")]
    on_progress: JsValue,
) -> Result<JsValue, JsValue> {
    let params = params_from_js(params)?;
    let spec: MonteCarloSpec = spec_from_js(spec, "spec")?;
    let mut progress = Progress::new(on_progress)?;
    let out = explore::monte_carlo(&params, &spec, |done, total| progress.report(done, total));
    progress.finish()?;
    monte_carlo_to_js(&out.map_err(|e| to_js_error(&e))?)
}

/// Reads a spec object with the deserializer params use, so unknown fields and wrong types are
/// caught and named. Anything but a plain object is a `TypeError` naming `what`.
fn spec_from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    if !value.is_object() || js_sys::Array::is_array(&value) || value.is_function() {
        return Err(type_error(what, "must be an object"));
    }
    serde_path_to_error::deserialize(JsDeserializer::new(value))
        .map_err(|e| to_js_error(&ParamsError::from_serde(e)))
}

/// Calls the page's progress callback and remembers whether it asked to stop or threw.
struct Progress {
    callback: Option<Function>,
    thrown: Option<JsValue>,
}

impl Progress {
    /// Takes the callback argument: a function, or `undefined` / `null` for none.
    fn new(callback: JsValue) -> Result<Self, JsValue> {
        let callback = if callback.is_undefined() || callback.is_null() {
            None
        } else {
            let got = callback.js_typeof().as_string().unwrap_or_default();
            Some(callback.dyn_into::<Function>().map_err(|_| {
                type_error("onProgress", &format!("must be a function (or left out), got {got}"))
            })?)
        };
        Ok(Progress { callback, thrown: None })
    }

    /// Whether to go on: false once the callback returned `false` or threw.
    fn report(&mut self, done: usize, total: usize) -> bool {
        let Some(callback) = &self.callback else { return true };
        if self.thrown.is_some() {
            return false;
        }
        match callback.call2(&JsValue::NULL, &(done as f64).into(), &(total as f64).into()) {
            Ok(answer) => answer.as_bool() != Some(false),
            Err(exception) => {
                self.thrown = Some(exception);
                false
            }
        }
    }

    /// The callback's exception, if it threw.
    fn finish(self) -> Result<(), JsValue> {
        match self.thrown {
            Some(exception) => Err(exception),
            None => Ok(()),
        }
    }
}

// Both builders destructure without `..`, so a field added to the model fails to compile here
// until it reaches JavaScript (and explore.d.ts).

fn grid_to_js(grid: &Grid) -> Result<JsValue, JsValue> {
    let Grid { x, y, values, branching } = grid;
    let obj = Object::new();
    set(&obj, "x", f64s(x))?;
    set(&obj, "y", f64s(y))?;
    set(&obj, "values", f64s(values))?;
    set(&obj, "branching", f64s(branching))?;
    Ok(obj.into())
}

fn monte_carlo_to_js(out: &MonteCarlo) -> Result<JsValue, JsValue> {
    let MonteCarlo {
        shocks,
        moves,
        drawdowns,
        shock_kurtosis,
        move_kurtosis,
        tail_threshold_pct,
        shock_tail_share,
        move_tail_share,
    } = out;
    let obj = Object::new();
    set(&obj, "shocks", f64s(shocks))?;
    set(&obj, "moves", f64s(moves))?;
    set(&obj, "drawdowns", f64s(drawdowns))?;
    set(&obj, "shockKurtosis", (*shock_kurtosis).into())?;
    set(&obj, "moveKurtosis", (*move_kurtosis).into())?;
    set(&obj, "tailThresholdPct", (*tail_threshold_pct).into())?;
    set(&obj, "shockTailShare", (*shock_tail_share).into())?;
    set(&obj, "moveTailShare", (*move_tail_share).into())?;
    Ok(obj.into())
}

fn f64s(values: &[f64]) -> JsValue {
    Float64Array::from(values).into()
}

fn set(obj: &Object, key: &str, value: JsValue) -> Result<(), JsValue> {
    Reflect::set(obj, &key.into(), &value).map(drop)
}
