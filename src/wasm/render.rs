//! `render`: the page's two charts, drawn with plotters on a `<canvas>` from a `simulate` or
//! `compare` result.
//!
//! The result comes back from JavaScript as it went out (typed arrays and plain objects) and is
//! read into the model's [`Outcome`] again, checked for shape on the way, so the drawing code
//! only ever sees well-formed data. Reading it costs a copy of a few thousand numbers per chart,
//! far below the cost of drawing.

use super::canvas::ContextBackend;
use js_sys::{Array, Float64Array, Object, Reflect, Uint16Array, Uint32Array, Uint8Array};
use plotters::prelude::IntoDrawingArea;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use super::convert::{read_prefixed, to_js_error, type_error};
use crate::model::{Comparison, LiquidationMap, Outcome, ParamsError, Series, Summary};
use crate::render::words::Words;
use crate::render::{
    draw_liquidation_map, draw_price_chart, price_chart_layout, price_time_knots,
    shared_price_range, Appearance, MapOptions, PlotRect, PriceChartOptions, Run, Scenario, Theme,
};

/// Draws one of the page's charts on `canvas`, filling its backing store. Size the backing store
/// to the canvas's CSS size × `devicePixelRatio` first; lines and text are scaled by
/// `options.dpr`, which defaults to `devicePixelRatio`.
///
/// `data` is what `compare` returned (all four scenarios) or what `simulate` returned (one run).
/// Of each run, the charts read `summary.startPrice`, the `price`, `liquidatedNotional` and
/// `halted` series and the `liquidationMap` (and the same of `secondVenue`, whose price the
/// price chart draws dashed); nothing else is read or needs to be there.
///
/// - `options.chart = "price"`: the price paths over the liquidations per tick, with halts
///   shaded and, when `options.cursor` is a tick, a cursor there. `options.scenario` is drawn
///   on top, thicker. `options.window = "cascade"` gives the cascade most of the width: time
///   runs linearly through every stretch in which something happens and faster through the
///   long quiet ones, which are hatched and labelled with how much faster ("time ×24").
///   `options.against` (a scenario key) draws only `options.scenario` and that one, and
///   `options.haltsOf` shades only that scenario's halts (default: every drawn run's): a chart
///   that compares "without" and "with the breaker" shades the halts only while the breaker is
///   the one chosen.
/// - `options.chart = "map"`: the liquidation map of `options.scenario` (default `"none"`), on
///   the same price range as the price chart of the same data. Pass the price chart's `band` as
///   `options.band` (when the two canvases sit side by side) to line the two price axes up to
///   the pixel; without it the map uses the full height of its canvas.
///
/// Returns `{plot, band, prices, ticks, from, to, axis}`: for the price chart, `plot` is the rectangle
/// both panels span in CSS pixels from the canvas's top left, across which the time axis runs
/// from the start of tick `from` (left) to the end of tick `to` − 1 (right); `band` is the
/// price panel alone (pass it to the map as `options.band`), and `prices` its price axis,
/// [bottom, top] (start = 100), for marks drawn over it; `axis` holds the pairs (tick, x
/// in CSS px), flat, between which time is linear, for mapping a pointer to a tick; `ticks` is
/// the run's length. For the map, `plot`, `band` and `prices` are null and `axis` empty.
///
/// Throws a `TypeError` for a canvas without a 2D context, or data or options of the wrong
/// shape, and a `RangeError` for an option out of range; the message names the field.
#[wasm_bindgen(js_name = render, unchecked_return_type = "RenderResult")]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Comparison | Outcome")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RenderOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let canvas: HtmlCanvasElement =
        canvas.dyn_into().map_err(|_| type_error("canvas", "must be a <canvas> element"))?;
    let options = RenderOptions::from_js(options)?;
    let data = Data::from_js(&data)?;
    let mut runs = data.runs(options.scenario);
    // Two scenarios side by side: the chosen one and the one it is compared against.
    let pair = options.against.map(|a| [options.scenario.unwrap_or(Scenario::NoMitigation), a]);
    if let Some(pair) = pair {
        runs.retain(|r| pair.contains(&r.scenario));
    }
    let appearance = Appearance { theme: options.theme, dpr: options.dpr };
    let size = (canvas.width(), canvas.height());
    let ticks = runs.iter().map(|r| r.outcome.series.price.len()).max().unwrap_or(0) as u32;
    let window = (0, ticks);
    let price_options = PriceChartOptions {
        appearance,
        cursor: options.cursor,
        highlight: options.scenario.filter(|_| runs.len() > 1),
        tick_seconds: options.tick_seconds,
        time_window: Some(window),
        halts_of: options.halts_of,
        squeeze: matches!(options.window, TimeWindow::Cascade),
        // A pair's bars are its own, without first.
        bars: match pair {
            Some([chosen, against]) => {
                let mut bars = vec![Scenario::NoMitigation, chosen, against];
                bars.retain(|b| pair.is_some_and(|p| p.contains(b)));
                bars.dedup();
                bars
            }
            None => PriceChartOptions::default().bars,
        },
        words: options.words.clone(),
        ..PriceChartOptions::default()
    };
    let layout = price_chart_layout(size, &runs, &price_options);
    let knots = match options.chart {
        Chart::Price => price_time_knots(size, &runs, &price_options),
        Chart::Map => vec![],
    };

    let backend = ContextBackend::for_element(canvas)
        .ok_or_else(|| type_error("canvas", "has no 2D context (is it used for WebGL?)"))?;
    let area = backend.into_drawing_area();
    let (plot, band) = match options.chart {
        Chart::Price => {
            draw_price_chart(&area, &runs, &price_options).map_err(|e| render_error(&e))?;
            let whole = PlotRect { bottom: layout.bars.bottom, ..layout.price };
            (
                rect_to_js(&whole, appearance.scale())?,
                rect_to_js(&layout.price, appearance.scale())?,
            )
        }
        Chart::Map => {
            let scenario = options.scenario.unwrap_or(Scenario::NoMitigation);
            let run = runs
                .iter()
                .find(|r| r.scenario == scenario)
                .or(runs.first())
                .ok_or_else(|| type_error("data", "holds no run to draw"))?;
            let map_options = MapOptions {
                appearance,
                scenario: run.scenario,
                price_range: Some(shared_price_range(&runs)),
                cursor: options.cursor,
                band: options.band.map(|(top, bottom)| {
                    let px = |css: f64| (css * appearance.scale()).round() as i32;
                    (px(top), px(bottom))
                }),
                words: options.words,
            };
            draw_liquidation_map(&area, run.outcome, &map_options).map_err(|e| render_error(&e))?;
            (JsValue::NULL, JsValue::NULL)
        }
    };
    area.present().map_err(|e| type_error("canvas", &e.to_string()))?;
    let out = Object::new();
    Reflect::set(&out, &"plot".into(), &plot)?;
    Reflect::set(&out, &"band".into(), &band)?;
    // The price axis, for marks the page draws over the chart (the replays' record).
    let prices = match options.chart {
        Chart::Price => Float64Array::from(&[layout.prices.0, layout.prices.1][..]).into(),
        Chart::Map => JsValue::NULL,
    };
    Reflect::set(&out, &"prices".into(), &prices)?;
    Reflect::set(&out, &"ticks".into(), &f64::from(ticks).into())?;
    Reflect::set(&out, &"from".into(), &f64::from(window.0).into())?;
    Reflect::set(&out, &"to".into(), &f64::from(window.1).into())?;
    // The time axis's knots, flat: tick, x (CSS px), tick, x, ...
    let scale = appearance.scale();
    let flat: Vec<f64> = knots.iter().flat_map(|&(t, x)| [t, f64::from(x) / scale]).collect();
    Reflect::set(&out, &"axis".into(), &Float64Array::from(&flat[..]).into())?;
    Ok(out.into())
}

fn render_error(err: &crate::render::RenderError) -> JsValue {
    js_sys::Error::new(&err.to_string()).into()
}

fn rect_to_js(rect: &PlotRect, scale: f64) -> Result<JsValue, JsValue> {
    let obj = Object::new();
    for (key, px) in
        [("left", rect.left), ("top", rect.top), ("right", rect.right), ("bottom", rect.bottom)]
    {
        Reflect::set(&obj, &key.into(), &(f64::from(px) / scale).into())?;
    }
    Ok(obj.into())
}

// ---- Options ----

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
enum Chart {
    Price,
    Map,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
enum ThemeKey {
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, Deserialize)]
enum ScenarioKey {
    #[serde(rename = "none")]
    NoMitigation,
    #[serde(rename = "circuitBreaker")]
    CircuitBreaker,
    #[serde(rename = "marginTiers")]
    MarginTiers,
    #[serde(rename = "both")]
    Both,
}

/// `RenderOptions` as JavaScript writes it (see api.d.ts).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawOptions {
    chart: Chart,
    theme: Option<ThemeKey>,
    cursor: Option<f64>,
    scenario: Option<ScenarioKey>,
    dpr: Option<f64>,
    tick_seconds: Option<f64>,
    window: Option<TimeWindow>,
    band: Option<RawBand>,
    // Scenario keys like `scenario`, so no new type is read (each costs the wasm a copy of
    // the reader's generic code).
    against: Option<ScenarioKey>,
    halts_of: Option<ScenarioKey>,
}

/// The price chart's plot rectangle, as `render` returned it (extra fields are ignored).
#[derive(Debug, Deserialize)]
struct RawBand {
    top: f64,
    bottom: f64,
}

/// How much of the run the price chart shows.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
enum TimeWindow {
    /// The whole run.
    #[default]
    All,
    /// The whole run, with long quiet stretches squeezed so the cascade gets most of the width.
    Cascade,
}

/// The options, checked.
struct RenderOptions {
    chart: Chart,
    theme: Theme,
    cursor: Option<u32>,
    scenario: Option<Scenario>,
    dpr: f64,
    tick_seconds: f64,
    window: TimeWindow,
    /// Top and bottom of the price plot, CSS pixels.
    band: Option<(f64, f64)>,
    /// The one other scenario drawn beside `scenario` (all are drawn when `None`).
    against: Option<Scenario>,
    /// Whose halts are shaded (every drawn run's when `None`).
    halts_of: Option<Scenario>,
    /// The words the charts draw.
    words: Words,
}

impl RenderOptions {
    fn from_js(value: JsValue) -> Result<Self, JsValue> {
        if !value.is_object() || Array::is_array(&value) || value.is_function() {
            return Err(type_error("options", "must be an object such as {chart: \"price\"}"));
        }
        let (words, rest) = take_words(value)?;
        let raw: RawOptions = read_prefixed(rest, "options")?;
        let range = |field: &str, what: &str, x: f64| {
            let shown = crate::model::params::show(x);
            to_js_error(&ParamsError::range(field, format!("must be {what}, got {shown}")))
        };
        let cursor = match raw.cursor {
            None => None,
            Some(t) if t.is_finite() && t >= 0.0 => Some(t.min(f64::from(u32::MAX)) as u32),
            Some(t) => return Err(range("options.cursor", "a tick number, 0 or more", t)),
        };
        let dpr = match raw.dpr {
            None => device_pixel_ratio(),
            Some(x) if x.is_finite() && x > 0.0 => x,
            Some(x) => return Err(range("options.dpr", "a positive number", x)),
        };
        let tick_seconds = match raw.tick_seconds {
            None => 1.0,
            Some(x) if x.is_finite() && x > 0.0 => x,
            Some(x) => return Err(range("options.tickSeconds", "a positive number", x)),
        };
        let band = match raw.band {
            None => None,
            Some(RawBand { top, bottom })
                if top.is_finite() && bottom.is_finite() && bottom > top =>
            {
                Some((top, bottom))
            }
            Some(RawBand { top, bottom }) => {
                let shown = format!(
                    "{}..{}",
                    crate::model::params::show(top),
                    crate::model::params::show(bottom)
                );
                return Err(to_js_error(&ParamsError::range(
                    "options.band",
                    format!("must have a finite top above its bottom, got {shown}"),
                )));
            }
        };
        let scenario_of = |s: ScenarioKey| match s {
            ScenarioKey::NoMitigation => Scenario::NoMitigation,
            ScenarioKey::CircuitBreaker => Scenario::CircuitBreaker,
            ScenarioKey::MarginTiers => Scenario::MarginTiers,
            ScenarioKey::Both => Scenario::Both,
        };
        Ok(RenderOptions {
            against: raw.against.map(scenario_of),
            halts_of: raw.halts_of.map(scenario_of),
            window: raw.window.unwrap_or_default(),
            band,
            chart: raw.chart,
            theme: match raw.theme {
                None | Some(ThemeKey::Light) => Theme::Light,
                Some(ThemeKey::Dark) => Theme::Dark,
            },
            cursor,
            scenario: raw.scenario.map(scenario_of),
            dpr,
            tick_seconds,
            words,
        })
    }
}

/// `options.words` (English when absent), and the options without it. The words are read by
/// hand: the params reader keeps only an excerpt of a long string, and through serde they would
/// cost the wasm another copy of its generic code. The rest is a copy, so the caller's object
/// keeps its words.
pub(super) fn take_words(options: JsValue) -> Result<(Words, JsValue), JsValue> {
    let words = Reflect::get(&options, &"words".into())?;
    if words.is_undefined() {
        return Ok((Words::default(), options));
    }
    let rest = Object::assign(&Object::new(), options.unchecked_ref());
    Reflect::delete_property(&rest, &"words".into())?;
    let words = match words.as_string() {
        None if words.is_null() => Words::default(),
        None => {
            let what = "must be a string of the charts' words, one a line";
            return Err(type_error("options.words", what));
        }
        Some(lines) => Words::new(lines).map_err(|need| {
            let what = format!(
                "must hold the charts' {need} words, one a line, as CHART_WORDS in words-en.js"
            );
            to_js_error(&ParamsError::range("options.words", what))
        })?,
    };
    Ok((words, rest.into()))
}

/// `devicePixelRatio` of the window (1 in a worker or when it is not a positive number).
fn device_pixel_ratio() -> f64 {
    Reflect::get(&js_sys::global(), &"devicePixelRatio".into())
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|x| x.is_finite() && *x > 0.0)
        .unwrap_or(1.0)
}

// ---- Data ----

/// A `compare` result (four runs) or a `simulate` result (one).
enum Data {
    All(Box<Comparison>),
    One(Box<Outcome>),
}

impl Data {
    fn from_js(value: &JsValue) -> Result<Self, JsValue> {
        let what = "must be what simulate() or compare() returned";
        if !value.is_object() || Array::is_array(value) {
            return Err(type_error("data", what));
        }
        if has(value, "series") {
            return Ok(Data::One(Box::new(outcome_from_js(value, "data")?)));
        }
        if !has(value, "none") {
            return Err(type_error("data", what));
        }
        let scenario = |key: &str| outcome_from_js(&get(value, key)?, &format!("data.{key}"));
        Ok(Data::All(Box::new(Comparison {
            none: scenario("none")?,
            circuit_breaker: scenario("circuitBreaker")?,
            margin_tiers: scenario("marginTiers")?,
            both: scenario("both")?,
        })))
    }

    /// The runs to draw; a single outcome counts as the scenario the options name.
    fn runs(&self, scenario: Option<Scenario>) -> Vec<Run<'_>> {
        match self {
            Data::All(comparison) => Run::all(comparison).to_vec(),
            Data::One(outcome) => vec![Run {
                scenario: scenario.unwrap_or(Scenario::NoMitigation),
                outcome: outcome.as_ref(),
            }],
        }
    }
}

fn has(obj: &JsValue, key: &str) -> bool {
    Reflect::has(obj, &key.into()).unwrap_or(false)
}

fn get(obj: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(obj, &key.into())
}

/// Reads an outcome back, with its second venue's where it has one. Events are not drawn, so
/// they are not read.
fn outcome_from_js(value: &JsValue, path: &str) -> Result<Outcome, JsValue> {
    if !value.is_object() {
        return Err(type_error(path, "must be an object {summary, series, liquidationMap}"));
    }
    let summary = summary_from_js(&get(value, "summary")?, &format!("{path}.summary"))?;
    let series = series_from_js(&get(value, "series")?, &format!("{path}.series"))?;
    let map = map_from_js(&get(value, "liquidationMap")?, &format!("{path}.liquidationMap"))?;
    // One level only: a second venue has none of its own (and an object that names itself as
    // its second venue must not send the reader round for ever).
    let second = if path.ends_with(".secondVenue") {
        JsValue::UNDEFINED
    } else {
        get(value, "secondVenue")?
    };
    let second_venue = match second.is_undefined() || second.is_null() {
        true => None,
        false => Some(Box::new(outcome_from_js(&second, &format!("{path}.secondVenue"))?)),
    };
    Ok(Outcome { summary, series, liquidation_map: map, events: Vec::new(), second_venue })
}

/// A reader of one object's fields, naming `path.field` in its errors.
struct Fields<'a> {
    obj: JsValue,
    path: &'a str,
}

impl<'a> Fields<'a> {
    fn new(obj: &JsValue, path: &'a str) -> Result<Self, JsValue> {
        if !obj.is_object() || Array::is_array(obj) {
            return Err(type_error(path, "must be an object"));
        }
        Ok(Fields { obj: obj.clone(), path })
    }

    fn field(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    fn num(&self, key: &str) -> Result<f64, JsValue> {
        get(&self.obj, key)?
            .as_f64()
            .ok_or_else(|| type_error(&self.field(key), "must be a number"))
    }

    /// A `Float64Array` or an array of numbers.
    fn f64s(&self, key: &str) -> Result<Vec<f64>, JsValue> {
        let v = get(&self.obj, key)?;
        if let Some(a) = v.dyn_ref::<Float64Array>() {
            return Ok(a.to_vec());
        }
        let wrong =
            || type_error(&self.field(key), "must be a Float64Array or an array of numbers");
        let a = v.dyn_ref::<Array>().ok_or_else(wrong)?;
        a.iter().map(|x| x.as_f64().ok_or_else(wrong)).collect()
    }

    /// [`Fields::f64s`], or none where the field is absent (`undefined`): for series that only
    /// some runs have.
    fn maybe_f64s(&self, key: &str) -> Result<Vec<f64>, JsValue> {
        if get(&self.obj, key)?.is_undefined() {
            return Ok(Vec::new());
        }
        self.f64s(key)
    }

    /// A typed array or an array of whole numbers from 0 to `most`.
    fn whole(&self, key: &str, most: u32) -> Result<Vec<f64>, JsValue> {
        let v = get(&self.obj, key)?;
        let values = if v.is_instance_of::<Uint32Array>() || v.is_instance_of::<Uint16Array>() {
            Float64Array::new(&v).to_vec()
        } else {
            self.f64s(key)?
        };
        // (An integer in the message: formatting an f64 would pull Rust's float printing into
        // the wasm.)
        if values.iter().all(|&x| x >= 0.0 && x <= f64::from(most) && x.fract() == 0.0) {
            Ok(values)
        } else {
            let what = format!("must hold whole numbers from 0 to {most}");
            Err(type_error(&self.field(key), &what))
        }
    }

    /// A `Uint8Array` or an array of 0s and 1s.
    fn flags(&self, key: &str) -> Result<Vec<u8>, JsValue> {
        let v = get(&self.obj, key)?;
        if let Some(a) = v.dyn_ref::<Uint8Array>() {
            return Ok(a.to_vec());
        }
        let values = self.f64s(key)?;
        values
            .into_iter()
            .map(|x| {
                if x == 0.0 || x == 1.0 {
                    Ok(x as u8)
                } else {
                    Err(type_error(&self.field(key), "must hold 0s and 1s"))
                }
            })
            .collect()
    }
}

// The readers below take only the fields the charts draw; every other field of their struct is
// its default (`..Default::default()`), so a field added to the model is read here only once a
// chart needs it, and must be added by hand then.

/// The summary figures the charts use (the start price); the others are not read.
fn summary_from_js(value: &JsValue, path: &str) -> Result<Summary, JsValue> {
    let f = Fields::new(value, path)?;
    Ok(Summary { start_price: f.num("startPrice")?, ..Summary::default() })
}

/// The series the charts draw (price, liquidations, halts, and the mark and the spot index
/// where a run has them), all as long as the price (the mark and the index may be empty or
/// absent); the others are not read.
fn series_from_js(value: &JsValue, path: &str) -> Result<Series, JsValue> {
    let f = Fields::new(value, path)?;
    let series = Series {
        price: f.f64s("price")?,
        liquidated_notional: f.f64s("liquidatedNotional")?,
        halted: f.flags("halted")?,
        mark: f.maybe_f64s("mark")?,
        index: f.maybe_f64s("index")?,
        ..Series::default()
    };
    let ticks = series.price.len();
    let lengths = [
        ("liquidatedNotional", series.liquidated_notional.len()),
        ("halted", series.halted.len()),
        ("mark", if series.mark.is_empty() { ticks } else { series.mark.len() }),
        ("index", if series.index.is_empty() { ticks } else { series.index.len() }),
    ];
    for (key, len) in lengths {
        if len != ticks {
            return Err(type_error(
                &f.field(key),
                &format!("must be as long as {path}.price ({ticks}), got {len} values"),
            ));
        }
    }
    Ok(series)
}

fn map_from_js(value: &JsValue, path: &str) -> Result<LiquidationMap, JsValue> {
    let f = Fields::new(value, path)?;
    let map = LiquidationMap {
        low_price: f.num("lowPrice")?,
        high_price: f.num("highPrice")?,
        long_liquidated: f.f64s("longLiquidated")?,
        long_survived: f.f64s("longSurvived")?,
        short_liquidated: f.f64s("shortLiquidated")?,
        short_survived: f.f64s("shortSurvived")?,
        outside: f.num("outside")?,
        fallen_tick: f.whole("fallenTick", u32::MAX)?.into_iter().map(|t| t as u32).collect(),
        fallen_bucket: f
            .whole("fallenBucket", u16::MAX.into())?
            .into_iter()
            .map(|b| b as u16)
            .collect(),
        fallen_notional: f.f64s("fallenNotional")?,
    };
    let buckets = map.long_liquidated.len();
    let lengths = [
        ("longSurvived", map.long_survived.len()),
        ("shortLiquidated", map.short_liquidated.len()),
        ("shortSurvived", map.short_survived.len()),
    ];
    let falls = map.fallen_tick.len();
    for (key, len) in
        [("fallenBucket", map.fallen_bucket.len()), ("fallenNotional", map.fallen_notional.len())]
    {
        if len != falls {
            return Err(type_error(
                &f.field(key),
                &format!("must be as long as {path}.fallenTick ({falls}), got {len} values"),
            ));
        }
    }
    for (key, len) in lengths {
        if len != buckets {
            return Err(type_error(
                &f.field(key),
                &format!("must be as long as {path}.longLiquidated ({buckets}), got {len} values"),
            ));
        }
    }
    Ok(map)
}
