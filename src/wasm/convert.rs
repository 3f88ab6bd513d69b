//! Conversions across the boundary: JS values to [`Params`], model results to JS objects, and
//! [`ParamsError`] to real `RangeError` / `TypeError` instances.

use js_sys::{
    Float64Array, Object, RangeError, Reflect, TypeError, Uint16Array, Uint32Array, Uint8Array,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::model::{
    Comparison, ErrorKind, LiquidationMap, Outcome, Params, ParamsError, Series, Summary,
};

/// Reads params from a JS value (see `crate::read::params`): `undefined` and `null` mean "all
/// defaults", an object may be partial, anything else is a `TypeError`. The params are
/// validated, so a returned value is safe to simulate.
pub fn params_from_js(value: JsValue) -> Result<Params, JsValue> {
    crate::read::params(value).map_err(|e| to_js_error(&e))
}

/// Reads a `T` (params, a spec) from a JS value, as `crate::read::read` does; the error's field
/// is the path of the field that failed, or `what` when the value itself is wrong. Only the
/// explorations (the `explore` feature) read specs this way.
#[cfg_attr(not(feature = "explore"), allow(dead_code))]
pub fn read<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    crate::read::read(value, "", what).map_err(|e| to_js_error(&e))
}

/// Like [`read`], with `what` in front of the path (`options.chart`).
pub fn read_prefixed<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    crate::read::read(value, what, what).map_err(|e| to_js_error(&e))
}

/// The JS error for a rejected parameter: a `RangeError` or `TypeError` whose message is the
/// error's Display text (`leverage: must be between 1 and 125, got 500`) and whose `field`
/// property holds the field's path, so a page can point at the control.
pub fn to_js_error(err: &ParamsError) -> JsValue {
    let message = err.to_string();
    let error: JsValue = match err.kind {
        ErrorKind::Range => RangeError::new(&message).into(),
        ErrorKind::Type => TypeError::new(&message).into(),
    };
    // Setting a property on a fresh Error object cannot fail; if it somehow did, the error
    // would still carry the field in its message.
    let _ = Reflect::set(&error, &"field".into(), &err.field.as_str().into());
    error
}

/// A `TypeError` for a bad argument other than params, named like the model's errors.
pub fn type_error(field: &str, message: &str) -> JsValue {
    to_js_error(&ParamsError::new(ErrorKind::Type, field, message))
}

/// Serializes plain data (params, presets, summaries, events) to plain JS objects and arrays:
/// `None` becomes `null` rather than `undefined`, so `defaultParams()` round-trips through JSON.
pub fn to_plain<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(JsValue::from)
}

/// One run as `{summary, series, liquidationMap, events}`, with every series a typed array,
/// and `secondVenue`, the same for the second venue, when the run has one.
pub fn outcome_to_js(outcome: &Outcome) -> Result<JsValue, JsValue> {
    let Outcome { summary, series, liquidation_map, events, second_venue } = outcome;
    let obj = Object::new();
    set(&obj, "summary", to_plain::<Summary>(summary)?)?;
    set(&obj, "series", series_to_js(series)?)?;
    set(&obj, "liquidationMap", map_to_js(liquidation_map)?)?;
    set(&obj, "events", to_plain(events)?)?;
    if let Some(second) = second_venue {
        set(&obj, "secondVenue", outcome_to_js(second)?)?;
    }
    Ok(obj.into())
}

/// The four scenarios as `{none, circuitBreaker, marginTiers, both}`.
pub fn comparison_to_js(comparison: &Comparison) -> Result<JsValue, JsValue> {
    let Comparison { none, circuit_breaker, margin_tiers, both } = comparison;
    let obj = Object::new();
    set(&obj, "none", outcome_to_js(none)?)?;
    set(&obj, "circuitBreaker", outcome_to_js(circuit_breaker)?)?;
    set(&obj, "marginTiers", outcome_to_js(margin_tiers)?)?;
    set(&obj, "both", outcome_to_js(both)?)?;
    Ok(obj.into())
}

// The two builders below destructure their struct without `..`, so a field added to the model
// fails to compile here until it is passed on to JavaScript (and to the .d.ts).

fn series_to_js(series: &Series) -> Result<JsValue, JsValue> {
    let Series {
        price,
        liquidated_notional,
        short_liquidated_notional,
        opened_notional,
        liquidation_count,
        queued_notional,
        long_open_interest,
        short_open_interest,
        insurance_fund,
        adl_notional,
        halted,
        depth,
        mark,
        index,
        arbitrage,
    } = series;
    let obj = Object::new();
    set(&obj, "price", f64s(price))?;
    set(&obj, "liquidatedNotional", f64s(liquidated_notional))?;
    set(&obj, "shortLiquidatedNotional", f64s(short_liquidated_notional))?;
    set(&obj, "openedNotional", f64s(opened_notional))?;
    set(&obj, "liquidationCount", Uint32Array::from(&liquidation_count[..]).into())?;
    set(&obj, "queuedNotional", f64s(queued_notional))?;
    set(&obj, "longOpenInterest", f64s(long_open_interest))?;
    set(&obj, "shortOpenInterest", f64s(short_open_interest))?;
    set(&obj, "insuranceFund", f64s(insurance_fund))?;
    set(&obj, "adlNotional", f64s(adl_notional))?;
    set(&obj, "halted", Uint8Array::from(&halted[..]).into())?;
    set(&obj, "depth", f64s(depth))?;
    set(&obj, "mark", f64s(mark))?;
    set(&obj, "index", f64s(index))?;
    // Two venues only, as in the native JSON form.
    if !arbitrage.is_empty() {
        set(&obj, "arbitrage", f64s(arbitrage))?;
    }
    Ok(obj.into())
}

fn map_to_js(map: &LiquidationMap) -> Result<JsValue, JsValue> {
    let LiquidationMap {
        low_price,
        high_price,
        long_liquidated,
        long_survived,
        short_liquidated,
        short_survived,
        outside,
        fallen_tick,
        fallen_bucket,
        fallen_notional,
    } = map;
    let obj = Object::new();
    set(&obj, "lowPrice", (*low_price).into())?;
    set(&obj, "highPrice", (*high_price).into())?;
    set(&obj, "longLiquidated", f64s(long_liquidated))?;
    set(&obj, "longSurvived", f64s(long_survived))?;
    set(&obj, "shortLiquidated", f64s(short_liquidated))?;
    set(&obj, "shortSurvived", f64s(short_survived))?;
    set(&obj, "outside", (*outside).into())?;
    set(&obj, "fallenTick", Uint32Array::from(&fallen_tick[..]).into())?;
    set(&obj, "fallenBucket", Uint16Array::from(&fallen_bucket[..]).into())?;
    set(&obj, "fallenNotional", f64s(fallen_notional))?;
    Ok(obj.into())
}

/// A copy of a slice as a `Float64Array` owned by JavaScript.
fn f64s(values: &[f64]) -> JsValue {
    Float64Array::from(values).into()
}

fn set(obj: &Object, key: &str, value: JsValue) -> Result<(), JsValue> {
    Reflect::set(obj, &key.into(), &value).map(drop)
}
