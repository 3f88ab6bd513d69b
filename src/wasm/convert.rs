//! Conversions across the boundary: JS values to [`Params`], model results to JS objects, and
//! [`ParamsError`] to real `RangeError` / `TypeError` instances.

use js_sys::{
    Float64Array, Object, RangeError, Reflect, TypeError, Uint16Array, Uint32Array, Uint8Array,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::model::{
    Comparison, ErrorKind, Event, EventKind, LiquidationMap, Outcome, Params, ParamsError, Series,
    Summary,
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

/// Serializes plain data (the version) to plain JS objects and arrays with serde-wasm-bindgen:
/// `None` becomes `null` rather than `undefined`, so data round-trips through JSON. (The
/// summaries and events, which every run returns, are written out below: smaller.)
pub fn to_plain<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(JsValue::from)
}

/// One run as `{summary, series, liquidationMap, events}`, with every series a typed array,
/// and `secondVenue`, the same for the second venue, when the run has one.
pub fn outcome_to_js(outcome: &Outcome) -> Result<JsValue, JsValue> {
    let Outcome { summary, series, liquidation_map, events, second_venue } = outcome;
    let obj = Object::new();
    set(&obj, "summary", summary_to_js(summary)?)?;
    set(&obj, "series", series_to_js(series)?)?;
    set(&obj, "liquidationMap", map_to_js(liquidation_map)?)?;
    set(&obj, "events", events_to_js(events)?)?;
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

/// The summary as the plain object serde would give, field for field in the same order, written
/// out: serde's generated code for its 38 fields cost the package more than two static lists of
/// names and a loop (tests/web.rs holds the two forms to each other).
fn summary_to_js(summary: &Summary) -> Result<JsValue, JsValue> {
    let Summary {
        start_price,
        min_price,
        max_price,
        final_price,
        shock_pct,
        max_drawdown_pct,
        max_move_pct,
        amplification,
        open_interest,
        traders,
        liquidated_notional,
        liquidated_count,
        liquidated_share,
        waves,
        bad_debt,
        adl_notional,
        backstop_notional,
        halts,
        halted_ticks,
        ended_halted,
        waiting_at_end,
        insurance_fund_start,
        insurance_fund_end,
        fees_paid,
        losses_covered,
        fund_takeover_notional,
        fund_pnl,
        fund_held_at_end,
        adl_positions,
        adl_qty,
        liquidated_short_notional,
        dip_buyers_spent,
        shorts_opened_notional,
        arbitrage_notional,
        widest_basis_pct,
        branching_ratio,
        peak_branching_ratio,
        peak_branching_at_pct,
    } = summary;
    let count = |n: &u32| f64::from(*n);
    // Each name beside its value, made into a static list of names and a list of values.
    macro_rules! numbers {
        ($($key:literal => $value:expr,)*) => {{
            const KEYS: &[&str] = &[$($key),*];
            (KEYS, [$($value),*])
        }};
    }
    let (keys, values) = numbers! {
        "startPrice" => *start_price,
        "minPrice" => *min_price,
        "maxPrice" => *max_price,
        "finalPrice" => *final_price,
        "shockPct" => *shock_pct,
        "maxDrawdownPct" => *max_drawdown_pct,
        "maxMovePct" => *max_move_pct,
        "amplification" => *amplification,
        "openInterest" => *open_interest,
        "traders" => count(traders),
        "liquidatedNotional" => *liquidated_notional,
        "liquidatedCount" => count(liquidated_count),
        "liquidatedShare" => *liquidated_share,
        "waves" => count(waves),
        "badDebt" => *bad_debt,
        "adlNotional" => *adl_notional,
        "backstopNotional" => *backstop_notional,
        "halts" => count(halts),
        "haltedTicks" => count(halted_ticks),
    };
    let obj = Object::new();
    for (key, value) in keys.iter().zip(values) {
        set(&obj, key, value.into())?;
    }
    set(&obj, "endedHalted", (*ended_halted).into())?;
    let (keys, values) = numbers! {
        "waitingAtEnd" => *waiting_at_end,
        "insuranceFundStart" => *insurance_fund_start,
        "insuranceFundEnd" => *insurance_fund_end,
        "feesPaid" => *fees_paid,
        "lossesCovered" => *losses_covered,
        "fundTakeoverNotional" => *fund_takeover_notional,
        "fundPnl" => *fund_pnl,
        "fundHeldAtEnd" => *fund_held_at_end,
        "adlPositions" => count(adl_positions),
        "adlQty" => *adl_qty,
        "liquidatedShortNotional" => *liquidated_short_notional,
        "dipBuyersSpent" => *dip_buyers_spent,
        "shortsOpenedNotional" => *shorts_opened_notional,
        "arbitrageNotional" => *arbitrage_notional,
        "widestBasisPct" => *widest_basis_pct,
        "branchingRatio" => *branching_ratio,
        "peakBranchingRatio" => *peak_branching_ratio,
        "peakBranchingAtPct" => *peak_branching_at_pct,
    };
    for (key, value) in keys.iter().zip(values) {
        set(&obj, key, value.into())?;
    }
    Ok(obj.into())
}

/// An event's fields, in declaration order.
const EVENT_KEYS: [&str; 7] =
    ["tick", "kind", "price", "count", "notional", "nextCount", "levelPct"];

/// The events as serde would give them, an array of plain objects, written out like the summary
/// (serde's code for them cost the package 0.7 KB gzip).
fn events_to_js(events: &[Event]) -> Result<JsValue, JsValue> {
    let list = js_sys::Array::new();
    for &Event { tick, kind, price, count, notional, next_count, level_pct } in events {
        let kind = match kind {
            EventKind::Shock => "shock",
            EventKind::Wave => "wave",
            EventKind::Queued => "queued",
            EventKind::Halt => "halt",
            EventKind::Resume => "resume",
            EventKind::FundExhausted => "fundExhausted",
            EventKind::Adl => "adl",
            EventKind::Calm => "calm",
        };
        let values: [JsValue; 7] = [
            f64::from(tick).into(),
            kind.into(),
            price.into(),
            f64::from(count).into(),
            notional.into(),
            f64::from(next_count).into(),
            level_pct.into(),
        ];
        let obj = Object::new();
        for (key, value) in EVENT_KEYS.iter().zip(values) {
            set(&obj, key, value)?;
        }
        list.push(&obj);
    }
    Ok(list.into())
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
