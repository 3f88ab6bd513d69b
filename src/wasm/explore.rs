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
//!
//! `renderExploration` draws their results on a canvas: the map as a heatmap with its n = 1
//! line ([`crate::render::draw_heatmap`], [`crate::render::contour::level_line`]), the crash
//! sizes as survival curves ([`crate::render::draw_survival`]).

use js_sys::{Array, Float64Array, Function, Object, Reflect};
use plotters::prelude::{DrawingBackend, IntoDrawingArea, RGBColor};
use plotters_canvas::CanvasBackend;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, OffscreenCanvas};

use super::convert::{params_from_js, read, to_js_error, type_error};
use crate::model::cycles::{Cycles, CyclesSpec};
use crate::model::explore::{self, Grid, MonteCarlo, MonteCarloSpec, SweepSpec};
use crate::model::{ParamsError, Scratch};
use crate::render::contour::level_line;
use crate::render::palette::scenario_color;
use crate::render::words::Words;
use crate::render::{
    draw_heatmap, draw_survival, heatmap_plot_rect, Appearance, ColorScale, HeatmapOptions,
    RenderError, Sample, Scenario, SurvivalOptions, Theme, ValueFormat,
};

use super::canvas::ContextBackend;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("explore.d.ts");

thread_local! {
    /// The explorations' workspace: the buffers one sweep or Monte Carlo run leaves for the
    /// next, so a worker that computes map after map reuses them instead of allocating afresh.
    /// Each run trims it to what its params can use (`Scratch::fit`).
    static SCRATCH: std::cell::RefCell<Scratch> = Default::default();
}

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
    let grid = SCRATCH.with(|scratch| {
        let scratch = &mut scratch.borrow_mut();
        explore::sweep(&params, &spec, scratch, |done, total| progress.report(done, total))
    });
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
    let out = SCRATCH.with(|scratch| {
        let scratch = &mut scratch.borrow_mut();
        explore::monte_carlo(&params, &spec, scratch, |done, total| progress.report(done, total))
    });
    progress.finish()?;
    monte_carlo_to_js(&out.map_err(|e| to_js_error(&e))?)
}

/// Runs one long noisy path of `params`' market on which liquidated traders come back with
/// leverage that rises as the market calms (model/cycles.rs), and measures how fat the tails of
/// its returns are against the noise alone.
///
/// `spec` is `{ticks, intervalTicks, noisePct, comebackTicks}`: a path of 1,000 to 100,000 ticks
/// cut into returns of 1 to 1,000 ticks (at least 50 of them), noise of `noisePct` % a tick
/// (above 0, at most 5) and a wait of 1 to 100,000 ticks before a closed position's trader comes
/// back. Returns `returns`, `baselineReturns` (the noise alone) and `leverage` (aggregate, per
/// interval) as `Float64Array`s, and `baselineSigmaPct`, `tailShare` and `baselineTailShare`
/// (beyond 4 σ of the baseline), `hill` and `baselineHill` (Hill's tail index beyond 2.5 σ, `null`
/// with fewer than 5 returns there), `kurtosis`, `baselineKurtosis`, `comebacks` and
/// `liquidatedNotional`.
///
/// Throws like `sweep`.
#[wasm_bindgen(js_name = cycles, unchecked_return_type = "CyclesResult")]
pub fn cycles(
    #[wasm_bindgen(unchecked_param_type = "ParamsInput | null | undefined")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CyclesSpec")] spec: JsValue,
) -> Result<JsValue, JsValue> {
    let params = params_from_js(params)?;
    let spec: CyclesSpec = spec_from_js(spec, "spec")?;
    let out = SCRATCH
        .with(|scratch| crate::model::cycles::cycles(&params, &spec, &mut scratch.borrow_mut()));
    let Cycles {
        returns,
        baseline_returns,
        leverage,
        baseline_sigma_pct,
        tail_share,
        baseline_tail_share,
        hill,
        baseline_hill,
        kurtosis,
        baseline_kurtosis,
        comebacks,
        liquidated_notional,
    } = out.map_err(|e| to_js_error(&e))?;
    let obj = Object::new();
    set(&obj, "returns", f64s(&returns))?;
    set(&obj, "baselineReturns", f64s(&baseline_returns))?;
    set(&obj, "leverage", f64s(&leverage))?;
    set(&obj, "baselineSigmaPct", baseline_sigma_pct.into())?;
    set(&obj, "tailShare", tail_share.into())?;
    set(&obj, "baselineTailShare", baseline_tail_share.into())?;
    set(&obj, "hill", hill.map_or(JsValue::NULL, JsValue::from))?;
    set(&obj, "baselineHill", baseline_hill.map_or(JsValue::NULL, JsValue::from))?;
    set(&obj, "kurtosis", kurtosis.into())?;
    set(&obj, "baselineKurtosis", baseline_kurtosis.into())?;
    set(&obj, "comebacks", comebacks.into())?;
    set(&obj, "liquidatedNotional", liquidated_notional.into())?;
    Ok(obj.into())
}

/// Draws an exploration's result on `canvas`, filling its backing store (set it to the CSS size
/// × `devicePixelRatio` first and pass that ratio as `options.dpr`). `canvas` is a `<canvas>`
/// element, or an `OffscreenCanvas` in a worker (from the element's `transferControlToOffscreen`),
/// so the drawing too can leave the page's thread.
///
/// - `options.chart = "heatmap"`: `data` is a `sweep` result (`{x, y, values, branching?}`,
///   typed arrays or arrays of numbers; cells that are `NaN` stay blank, so a page can draw a
///   grid that is still filling in). The line where `branching` crosses `options.level`
///   (default 1, `null` for none) is drawn over it. Returns `{plot: {left, top, right,
///   bottom}}`, the cells' rectangle in CSS pixels, so the page can map a click to a cell.
/// - `options.chart = "survival"`: `data` is `{samples: [{label, values, color?}]}` and each
///   sample is drawn as the share of its values at least x. `color` is a scenario key
///   (`"none"`, `"circuitBreaker"`, `"marginTiers"`, `"both"`), `"muted"`, `"text"` (the
///   theme's) or `"#rrggbb"`. Returns `{plot: null}`.
///
/// Throws a `TypeError` for a canvas without a 2D context or data of the wrong shape, naming the
/// field.
#[wasm_bindgen(js_name = renderExploration, unchecked_return_type = "RenderExplorationResult")]
pub fn render_exploration(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement | OffscreenCanvas")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SweepResult | SurvivalData")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RenderExplorationOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    if !options.is_object() || js_sys::Array::is_array(&options) || options.is_function() {
        return Err(type_error("options", "must be an object"));
    }
    let (words, options) = super::render::take_words(options)?;
    let options: ChartOptions = spec_from_js(options, "options")?;
    let theme = match &options.theme {
        None => Theme::Light,
        Some(key) => Theme::from_key(key).ok_or_else(|| {
            to_js_error(&ParamsError::range(
                "options.theme",
                format!("must be \"light\" or \"dark\", got {key:?}"),
            ))
        })?,
    };
    let dpr = options.dpr.unwrap_or(1.0);
    if !(dpr.is_finite() && dpr > 0.0) {
        return Err(to_js_error(&ParamsError::range(
            "options.dpr",
            format!("must be a positive number, got {}", crate::model::params::show(dpr)),
        )));
    }
    let appearance = Appearance { theme, dpr };
    let no_context = || type_error("canvas", "has no 2D drawing context");
    // A worker draws on an OffscreenCanvas (the page's <canvas> handed over with
    // transferControlToOffscreen); the page itself on the <canvas>.
    if let Some(offscreen) = canvas.dyn_ref::<OffscreenCanvas>() {
        let backend = ContextBackend::for_offscreen(offscreen.clone()).ok_or_else(no_context)?;
        return draw_chart(backend, &data, &options, (appearance, words));
    }
    let canvas: HtmlCanvasElement = canvas
        .dyn_into()
        .map_err(|_| type_error("canvas", "must be a <canvas> element or an OffscreenCanvas"))?;
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or_else(no_context)?;
    draw_chart(backend, &data, &options, (appearance, words))
}

/// Draws the chart `options.chart` names on any backend; see `renderExploration`.
fn draw_chart<DB: DrawingBackend>(
    backend: DB,
    data: &JsValue,
    options: &ChartOptions,
    (appearance, words): (Appearance, Words),
) -> Result<JsValue, JsValue> {
    let theme = appearance.theme;
    let (width, height) = backend.get_size();
    let area = backend.into_drawing_area();
    let plot = match options.chart {
        Chart::Heatmap => {
            let grid = GridData::from_js(data)?;
            let level = options.level.unwrap_or(Some(1.0));
            let overlay = match level {
                Some(level) if !grid.branching.is_empty() => {
                    level_line(&grid.branching, &grid.x, &grid.y, level)
                }
                _ => Vec::new(),
            };
            let heatmap = HeatmapOptions {
                appearance,
                x_label: options.x_label.clone().unwrap_or_default(),
                y_label: options.y_label.clone().unwrap_or_default(),
                value_label: options.value_label.clone().unwrap_or_default(),
                x_format: options.x_format.unwrap_or_default().into(),
                y_format: options.y_format.unwrap_or_default().into(),
                value_format: options.value_format.unwrap_or_default().into(),
                scale: match options.scale {
                    Some(Scale::Log) => ColorScale::Log,
                    _ => ColorScale::Linear,
                },
                value_range: options.value_range.map(|[a, b]| (a, b)),
                overlay,
                overlay_label: options.level_label.clone(),
                marker: options.marker.map(|[x, y]| (x, y)),
                // Whole, non-negative indices; anything else outlines nothing.
                selected: options.selected.and_then(|[c, r]| {
                    let index =
                        |v: f64| (v >= 0.0 && v.fract() == 0.0 && v < 1e6).then_some(v as usize);
                    Some((index(c)?, index(r)?))
                }),
                words: words.clone(),
            };
            let cells = crate::render::Grid {
                values: &grid.values,
                columns: grid.x.len(),
                x: edges(&grid.x),
                y: edges(&grid.y),
            };
            draw_heatmap(&area, &cells, &heatmap).map_err(|e| render_error(&e))?;
            let rect = heatmap_plot_rect((width, height), &appearance);
            let plot = Object::new();
            let sides = [
                ("left", rect.left),
                ("top", rect.top),
                ("right", rect.right),
                ("bottom", rect.bottom),
            ];
            for (key, px) in sides {
                set(&plot, key, (f64::from(px) / appearance.scale()).into())?;
            }
            JsValue::from(plot)
        }
        Chart::Survival => {
            let samples = SurvivalData::from_js(data)?;
            let drawn: Vec<Sample<'_>> = samples
                .iter()
                .map(|s| Sample {
                    label: &s.label,
                    values: &s.values,
                    color: s.color.map(|c| c.in_theme(theme)),
                })
                .collect();
            let survival = SurvivalOptions {
                appearance,
                x_label: options.x_label.clone().unwrap_or_default(),
                x_format: options.x_format.unwrap_or_default().into(),
                log_x: options.log_x.unwrap_or(true),
                words,
            };
            draw_survival(&area, &drawn, &survival).map_err(|e| render_error(&e))?;
            JsValue::NULL
        }
    };
    area.present().map_err(|e| type_error("canvas", &e.to_string()))?;
    let out = Object::new();
    set(&out, "plot", plot)?;
    Ok(out.into())
}

/// Which chart `renderExploration` draws.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
enum Chart {
    Heatmap,
    Survival,
}

/// How axis and colour-bar values are printed.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
enum Format {
    #[default]
    Number,
    Money,
    Percent,
    Multiple,
}

impl From<Format> for ValueFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Number => ValueFormat::Number,
            Format::Money => ValueFormat::Money,
            Format::Percent => ValueFormat::Percent,
            Format::Multiple => ValueFormat::Multiple,
        }
    }
}

/// Colours by value or by its logarithm.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
enum Scale {
    Linear,
    Log,
}

/// The options of `renderExploration` (see `RenderExplorationOptions` in explore.d.ts).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ChartOptions {
    chart: Chart,
    theme: Option<String>,
    dpr: Option<f64>,
    x_label: Option<String>,
    y_label: Option<String>,
    value_label: Option<String>,
    x_format: Option<Format>,
    y_format: Option<Format>,
    value_format: Option<Format>,
    scale: Option<Scale>,
    value_range: Option<[f64; 2]>,
    marker: Option<[f64; 2]>,
    selected: Option<[f64; 2]>,
    /// Absent: 1; `null`: no line.
    #[serde(default, deserialize_with = "present")]
    level: Option<Option<f64>>,
    level_label: Option<String>,
    log_x: Option<bool>,
}

/// Tells a field given as `null` (`Some(None)`) from one left out (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<f64>>, D::Error> {
    Option::<f64>::deserialize(d).map(Some)
}

/// A sweep result as the page hands it back.
struct GridData {
    x: Vec<f64>,
    y: Vec<f64>,
    values: Vec<f64>,
    branching: Vec<f64>,
}

impl GridData {
    fn from_js(data: &JsValue) -> Result<Self, JsValue> {
        let x = numbers(data, "x", "data.x")?;
        let y = numbers(data, "y", "data.y")?;
        let values = numbers(data, "values", "data.values")?;
        let branching = match Reflect::get(data, &"branching".into()) {
            Ok(v) if !(v.is_undefined() || v.is_null()) => {
                numbers(data, "branching", "data.branching")?
            }
            _ => Vec::new(),
        };
        if x.is_empty() || y.is_empty() {
            return Err(type_error("data.x", "x and y must each hold at least one value"));
        }
        let cells = x.len() * y.len();
        if values.len() > cells {
            return Err(type_error(
                "data.values",
                &format!(
                    "must hold at most x.length × y.length = {cells} values, got {}",
                    values.len()
                ),
            ));
        }
        if !branching.is_empty() && branching.len() != values.len() {
            return Err(type_error("data.branching", "must be as long as data.values"));
        }
        Ok(GridData { x, y, values, branching })
    }
}

/// The colour of a survival curve.
#[derive(Clone, Copy, Debug)]
enum SampleColor {
    Muted,
    Text,
    Scenario(Scenario),
    Rgb(RGBColor),
}

impl SampleColor {
    /// `"muted"`, `"text"`, a scenario key or `"#rrggbb"`.
    fn from_key(key: &str) -> Option<Self> {
        match key {
            "muted" => Some(SampleColor::Muted),
            "text" => Some(SampleColor::Text),
            _ => match key.strip_prefix('#') {
                Some(hex) if hex.len() == 6 && hex.is_ascii() => {
                    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                    Some(SampleColor::Rgb(RGBColor(byte(0)?, byte(2)?, byte(4)?)))
                }
                _ => Scenario::from_key(key).map(SampleColor::Scenario),
            },
        }
    }

    fn in_theme(self, theme: Theme) -> RGBColor {
        match self {
            SampleColor::Muted => theme.colors().muted,
            SampleColor::Text => theme.colors().text,
            SampleColor::Scenario(scenario) => scenario_color(scenario, theme),
            SampleColor::Rgb(color) => color,
        }
    }
}

/// One survival curve as the page hands it over.
struct SampleData {
    label: String,
    values: Vec<f64>,
    color: Option<SampleColor>,
}

struct SurvivalData;

impl SurvivalData {
    fn from_js(data: &JsValue) -> Result<Vec<SampleData>, JsValue> {
        let list = Reflect::get(data, &"samples".into()).unwrap_or(JsValue::UNDEFINED);
        let list: Array = list.dyn_into().map_err(|_| {
            type_error("data.samples", "must be an array of {label, values, color?}")
        })?;
        let mut out = Vec::with_capacity(list.length() as usize);
        for (i, sample) in list.iter().enumerate() {
            let field = |name: &str| format!("data.samples[{i}].{name}");
            if !sample.is_object() {
                return Err(type_error(&format!("data.samples[{i}]"), "must be an object"));
            }
            let label = Reflect::get(&sample, &"label".into())
                .ok()
                .and_then(|v| v.as_string())
                .ok_or_else(|| type_error(&field("label"), "must be a string"))?;
            let values = numbers(&sample, "values", &field("values"))?;
            let color = match Reflect::get(&sample, &"color".into())
                .ok()
                .filter(|v| !(v.is_undefined() || v.is_null()))
            {
                None => None,
                Some(v) => {
                    let key = v.as_string().unwrap_or_default();
                    Some(SampleColor::from_key(&key).ok_or_else(|| {
                        to_js_error(&ParamsError::range(
                            &field("color"),
                            format!(
                                "must be a scenario key (\"none\", \"circuitBreaker\", \"marginTiers\", \"both\"), \"muted\", \"text\" or \"#rrggbb\", got {key:?}"
                            ),
                        ))
                    })?)
                }
            };
            out.push(SampleData { label, values, color });
        }
        Ok(out)
    }
}

/// The numbers at `obj[key]`: a `Float64Array` or an array of numbers (`NaN` allowed).
fn numbers(obj: &JsValue, key: &str, field: &str) -> Result<Vec<f64>, JsValue> {
    let value = Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(typed) = value.dyn_ref::<Float64Array>() {
        return Ok(typed.to_vec());
    }
    let wrong = || type_error(field, "must be a Float64Array or an array of numbers");
    let array = value.dyn_ref::<Array>().ok_or_else(wrong)?;
    array.iter().map(|v| v.as_f64().ok_or_else(wrong)).collect()
}

/// The outer edges of cells centred on evenly spaced `centres`.
fn edges(centres: &[f64]) -> (f64, f64) {
    let (first, last) = (centres[0], centres[centres.len() - 1]);
    let half = if centres.len() > 1 {
        (last - first) / (centres.len() - 1) as f64 / 2.0
    } else {
        (first.abs() * 0.05).max(0.5)
    };
    (first - half, last + half)
}

fn render_error(err: &RenderError) -> JsValue {
    js_sys::Error::new(&err.to_string()).into()
}

/// Reads a spec object with the deserializer params use, so unknown fields and wrong types are
/// caught and named. Anything but a plain object is a `TypeError` naming `what`.
fn spec_from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    if !value.is_object() || js_sys::Array::is_array(&value) || value.is_function() {
        return Err(type_error(what, "must be an object"));
    }
    read(value, what)
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
