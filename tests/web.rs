//! The JS binding, in a real browser: conversions both ways, typed arrays, the errors a page sees,
//! and a thousand malformed inputs that must each throw and never trap.
//!
//! Run with `make test`, or
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`.
//! The params are kept small (a few thousand traders, a few hundred ticks) so the suite is quick.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error, Float64Array, Object, RangeError, Reflect, TypeError, Uint32Array};
use js_sys::{Function, Uint8Array, JSON};
use leverage_cascade::wasm::{compare, default_params, presets, render, simulate, version};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Small params that still cascade: the default market with fewer traders and ticks.
const SMALL: &[(&str, f64)] = &[("traders", 2000.0), ("ticks", 200.0)];

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).expect("set on a fresh object");
    }
    o.into()
}

fn small_with(extra: &[(&str, JsValue)]) -> JsValue {
    let mut pairs: Vec<(&str, JsValue)> = SMALL.iter().map(|&(k, v)| (k, v.into())).collect();
    pairs.extend(extra.iter().cloned());
    obj(&pairs)
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).expect("Reflect.get on an object")
}

fn keys(v: &JsValue) -> Vec<String> {
    let o: &Object = v.dyn_ref().expect("an object");
    Object::keys(o).iter().filter_map(|k| k.as_string()).collect()
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !Array::is_array(v) && {
        let proto = Object::get_prototype_of(v);
        proto == Object::get_prototype_of(&Object::new())
    }
}

fn message(err: &JsValue) -> String {
    err.dyn_ref::<Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

#[wasm_bindgen_test]
fn default_params_are_complete_plain_data() {
    let p = default_params().expect("defaults");
    assert!(is_plain_object(&p));
    // Every field but the second venue, which is left out when there is none, so one-venue
    // params read and write as before it existed.
    let all = fields("").len() - 1;
    assert_eq!(keys(&p).len(), all, "every Params field: {:?}", keys(&p));
    assert!(!keys(&p).contains(&"secondVenue".to_owned()));
    assert_eq!(get(&p, "leverage").as_f64(), Some(12.0));
    assert!(get(&p, "positions").is_null(), "absent options are null, not undefined");
    assert!(get(&p, "circuitBreaker").is_null());
    assert_eq!(get(&p, "marginTiers").as_string().as_deref(), Some("none"));
    let liq = get(&p, "liquidation");
    assert!(is_plain_object(&liq));
    assert!(get(&liq, "maxPerTick").is_null());
    assert_eq!(get(&liq, "adl").as_bool(), Some(true));
    // The defaults survive JSON and go back in unchanged.
    let text = JSON::stringify(&p).expect("stringify");
    let back = JSON::parse(&String::from(text)).expect("parse");
    Reflect::set(&back, &"traders".into(), &2000.0.into()).unwrap();
    Reflect::set(&back, &"ticks".into(), &200.0.into()).unwrap();
    simulate(back).expect("defaultParams round-trips into simulate");
}

#[wasm_bindgen_test]
fn partial_params_take_defaults() {
    let out = simulate(small_with(&[])).expect("partial params");
    let summary = get(&out, "summary");
    assert_eq!(get(&summary, "traders").as_f64(), Some(2000.0));
    assert_eq!(get(&summary, "startPrice").as_f64(), Some(100.0), "default start price");
    assert_eq!(get(&summary, "shockPct").as_f64(), Some(-5.0), "default shock");
    // A partial nested object keeps the other nested defaults.
    let liq = obj(&[("feePct", 1.0.into())]);
    simulate(small_with(&[("liquidation", liq)])).expect("partial liquidation");
    // `undefined` fields are missing fields.
    simulate(small_with(&[("leverage", JsValue::UNDEFINED)])).expect("undefined field");
}

#[wasm_bindgen_test]
fn undefined_and_null_params_mean_defaults() {
    for params in [JsValue::UNDEFINED, JsValue::NULL] {
        let out = simulate(params).expect("defaults");
        let summary = get(&out, "summary");
        assert_eq!(get(&summary, "traders").as_f64(), Some(100_000.0));
        assert_eq!(Float64Array::from(get(&get(&out, "series"), "price")).length(), 600);
    }
}

/// Whether `got` and `want` are the same plain data: arrays of the same length with the same
/// items, objects with the same keys in the same order and the same values, and equal
/// primitives (`Object.is`: NaN is NaN, 0 is not -0).
fn same_data(got: &JsValue, want: &JsValue) -> bool {
    if Array::is_array(want) {
        let (g, w) = (Array::from(got), Array::from(want));
        Array::is_array(got)
            && g.length() == w.length()
            && (0..w.length()).all(|i| same_data(&g.get(i), &w.get(i)))
    } else if want.is_object() {
        is_plain_object(got)
            && keys(got) == keys(want)
            && keys(want).iter().all(|k| same_data(&get(got, k), &get(want, k)))
    } else {
        Object::is(got, want)
    }
}

#[wasm_bindgen_test]
fn summaries_and_events_are_what_serde_gives() {
    // The binding writes these out by hand to keep the package small (src/wasm/convert.rs);
    // serde's JSON-compatible form of the model's own structs is what they must equal. A halting
    // market has events of most kinds.
    use leverage_cascade::model::{self, CircuitBreaker, EventKind, Params};
    use serde::Serialize;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let markets = [
        Params { traders: 2_000, ticks: 200, ..Params::default() },
        Params {
            traders: 3_000,
            ticks: 300,
            leverage: 25.0,
            circuit_breaker: Some(CircuitBreaker::default()),
            ..Params::default()
        },
    ];
    for params in markets {
        let js = simulate(params.serialize(&serializer).expect("params to JS")).expect("run");
        let native = model::simulate(&params).expect("run");
        let summary = native.summary.serialize(&serializer).expect("summary");
        assert!(same_data(&get(&js, "summary"), &summary), "summary: {:?}", keys(&summary));
        let events = native.events.serialize(&serializer).expect("events");
        assert!(Array::from(&events).length() > 2, "the market has events");
        assert!(same_data(&get(&js, "events"), &events), "events");
        if params.circuit_breaker.is_some() {
            let kinds: Vec<_> = native.events.iter().map(|e| e.kind).collect();
            for kind in [EventKind::Shock, EventKind::Wave, EventKind::Halt, EventKind::Resume] {
                assert!(kinds.contains(&kind), "the halting market has a {kind:?} event");
            }
        }
    }
}

#[wasm_bindgen_test]
fn results_are_typed_arrays_and_plain_objects() {
    let out = simulate(small_with(&[])).expect("run");
    assert_eq!(keys(&out), ["summary", "series", "liquidationMap", "events"]);
    assert!(is_plain_object(&get(&out, "summary")), "summary is an object, not a Map");

    let series = get(&out, "series");
    for key in keys(&series) {
        let v = get(&series, &key);
        let len = match key.as_str() {
            "liquidationCount" => v.dyn_ref::<Uint32Array>().map(|a| a.length()),
            "halted" => v.dyn_ref::<Uint8Array>().map(|a| a.length()),
            _ => v.dyn_ref::<Float64Array>().map(|a| a.length()),
        };
        // The mark and the spot index are empty when spot plays no part (index.rs).
        let ticks = if matches!(key.as_str(), "mark" | "index") { 0 } else { 200 };
        assert_eq!(len, Some(ticks), "series.{key} is a typed array of one value per tick");
    }
    let on_index = simulate(small_with(&[("markPrice", "index".into())])).expect("run");
    for key in ["mark", "index"] {
        let v = get(&get(&on_index, "series"), key);
        let len = v.dyn_ref::<Float64Array>().map(|a| a.length());
        assert_eq!(len, Some(200), "series.{key} on the index is one value per tick");
    }
    assert_eq!(keys(&series).len(), 14);

    // A second venue: its run under `secondVenue`, of the same shape, with the arbitrageurs'
    // flow one value per tick on both (absent with one venue).
    let venue = js_sys::JSON::parse(r#"{"depthPerPct": 5e7}"#).expect("json");
    let two = simulate(small_with(&[("secondVenue", venue), ("arbitrageCapital", 1e8.into())]))
        .expect("run");
    assert_eq!(keys(&two), ["summary", "series", "liquidationMap", "events", "secondVenue"]);
    let second = get(&two, "secondVenue");
    assert_eq!(keys(&second), ["summary", "series", "liquidationMap", "events"]);
    for run in [&two, &second] {
        let flow = get(&get(run, "series"), "arbitrage").dyn_into::<Float64Array>().expect("array");
        assert_eq!(flow.length(), 200);
    }

    let map = get(&out, "liquidationMap");
    let buckets = Float64Array::from(get(&map, "longLiquidated")).length();
    assert!(buckets > 0);
    for key in ["longLiquidated", "longSurvived", "shortLiquidated", "shortSurvived"] {
        let a = get(&map, key).dyn_into::<Float64Array>().expect("Float64Array");
        assert_eq!(a.length(), buckets, "liquidationMap.{key}");
    }
    assert!(get(&map, "lowPrice").as_f64().unwrap() < get(&map, "highPrice").as_f64().unwrap());

    let events: Array = get(&out, "events").dyn_into().expect("events is an array");
    assert!(events.length() > 0);
    let first = events.get(0);
    assert!(is_plain_object(&first));
    assert_eq!(get(&first, "kind").as_string().as_deref(), Some("shock"));
}

#[wasm_bindgen_test]
fn compare_returns_four_scenarios_on_one_population() {
    let out = compare(small_with(&[])).expect("compare");
    assert_eq!(keys(&out), ["none", "circuitBreaker", "marginTiers", "both"]);
    for key in keys(&out) {
        let run = get(&out, &key);
        let traders = get(&get(&run, "summary"), "traders").as_f64();
        assert_eq!(traders, Some(2000.0), "{key}");
        assert!(get(&get(&run, "series"), "price").is_instance_of::<Float64Array>());
    }
}

#[wasm_bindgen_test]
fn presets_are_named_complete_and_runnable() {
    let list: Array = presets().expect("presets").dyn_into().expect("an array");
    assert!(list.length() >= 9);
    for preset in list.iter() {
        assert_eq!(keys(&preset), ["id", "title", "params"]);
        let id = get(&preset, "id").as_string().expect("id");
        assert!(
            !id.is_empty()
                && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "kebab-case id: {id}"
        );
        let params = get(&preset, "params");
        let second = usize::from(keys(&params).contains(&"secondVenue".to_owned()));
        assert_eq!(keys(&params).len() + 1 - second, fields("").len(), "{id} has complete params");
        Reflect::set(&params, &"ticks".into(), &100.0.into()).unwrap();
        if get(&params, "positions").is_null() {
            Reflect::set(&params, &"traders".into(), &2000.0.into()).unwrap();
        }
        simulate(params).unwrap_or_else(|e| panic!("preset {id}: {}", message(&e)));
    }
}

#[wasm_bindgen_test]
fn version_names_crate_and_model() {
    let v = version().expect("version");
    assert_eq!(get(&v, "crate").as_string().as_deref(), Some(env!("CARGO_PKG_VERSION")));
    assert!(get(&v, "model").as_string().is_some_and(|s| !s.is_empty()));
}

#[wasm_bindgen_test]
fn out_of_range_is_a_range_error_naming_field_and_range() {
    let err = simulate(small_with(&[("leverage", 500.0.into())])).expect_err("leverage 500");
    assert!(err.is_instance_of::<RangeError>());
    assert_eq!(message(&err), "leverage: must be between 1 and 125, got 500");
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("leverage"));

    let liq = obj(&[("feePct", f64::INFINITY.into())]);
    let err = compare(small_with(&[("liquidation", liq)])).expect_err("fee Infinity");
    assert!(err.is_instance_of::<RangeError>());
    assert_eq!(message(&err), "liquidation.feePct: must be between 0 and 5, got Infinity");

    let err = simulate(small_with(&[("traders", (-5.0).into())])).expect_err("traders -5");
    assert!(err.is_instance_of::<RangeError>());
    assert!(message(&err).starts_with("traders: must be a whole number between 1 and"));

    let err = simulate(small_with(&[("shockPct", f64::NAN.into())])).expect_err("NaN");
    assert!(err.is_instance_of::<RangeError>());
    assert!(message(&err).ends_with("got NaN"), "{}", message(&err));
}

#[wasm_bindgen_test]
fn wrong_types_and_unknown_fields_are_type_errors() {
    let err = simulate(small_with(&[("leverage", "high".into())])).expect_err("a string");
    assert!(err.is_instance_of::<TypeError>());
    assert_eq!(message(&err), "leverage: expected a number, got the string \"high\"");

    let err = simulate(small_with(&[("levrage", 3.0.into())])).expect_err("a typo");
    assert!(err.is_instance_of::<TypeError>());
    assert!(message(&err).starts_with("levrage: unknown field `levrage`"), "{}", message(&err));

    let liq = obj(&[("feePc", 1.0.into())]);
    let err = simulate(small_with(&[("liquidation", liq)])).expect_err("a nested typo");
    assert!(err.is_instance_of::<TypeError>());
    assert!(message(&err).starts_with("liquidation.feePc: unknown field"), "{}", message(&err));

    for params in [JsValue::from(5.0), "x".into(), Array::new().into(), true.into()] {
        let err = simulate(params).expect_err("not an object");
        assert!(err.is_instance_of::<TypeError>());
        assert!(message(&err).starts_with("params: must be an object"), "{}", message(&err));
    }
}

#[wasm_bindgen_test]
fn the_module_keeps_working_after_errors() {
    for _ in 0..3 {
        simulate(small_with(&[("leverage", 500.0.into())])).expect_err("bad");
        simulate(small_with(&[("nope", 1.0.into())])).expect_err("bad");
        let out = simulate(small_with(&[])).expect("good after bad");
        assert_eq!(get(&get(&out, "summary"), "traders").as_f64(), Some(2000.0));
    }
}

// ---- Charts on a real canvas ----

#[wasm_bindgen(inline_js = r#"
export function makeCanvas(width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  document.body.appendChild(canvas);
  return canvas;
}
export function canvasWithoutContext2d() {
  const canvas = document.createElement('canvas');
  canvas.getContext('bitmaprenderer');
  return canvas;
}
export function pixelAt(canvas, x, y) {
  const d = canvas.getContext('2d').getImageData(x, y, 1, 1).data;
  return ((d[0] << 24) | (d[1] << 16) | (d[2] << 8) | d[3]) >>> 0;
}
export function distinctColors(canvas) {
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const seen = new Set();
  for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  return seen.size;
}
export function pixelsUnlike(canvas, x, y) {
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const i0 = 4 * (y * canvas.width + x);
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i] !== d[i0] || d[i + 1] !== d[i0 + 1] || d[i + 2] !== d[i0 + 2]) n++;
  }
  return n;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = makeCanvas)]
    fn make_canvas(width: u32, height: u32) -> JsValue;
    #[wasm_bindgen(js_name = canvasWithoutContext2d)]
    fn canvas_without_context_2d() -> JsValue;
    #[wasm_bindgen(js_name = pixelAt)]
    fn pixel_at(canvas: &JsValue, x: u32, y: u32) -> u32;
    #[wasm_bindgen(js_name = distinctColors)]
    fn distinct_colors(canvas: &JsValue) -> u32;
    #[wasm_bindgen(js_name = pixelsUnlike)]
    fn pixels_unlike(canvas: &JsValue, x: u32, y: u32) -> u32;
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    obj(pairs)
}

#[wasm_bindgen_test]
fn render_draws_the_price_chart_and_reports_its_plot() {
    let data = compare(small_with(&[])).expect("compare");
    let canvas = make_canvas(640, 360);
    let blank = distinct_colors(&canvas);
    let out = render(
        canvas.clone(),
        data.clone(),
        options(&[("chart", "price".into()), ("cursor", 50.0.into()), ("dpr", 1.0.into())]),
    )
    .expect("render");
    // Background, four scenario colours, axes, text, bars, shading: many colours, many pixels.
    assert!(blank <= 1);
    assert!(distinct_colors(&canvas) > 20, "{} colours", distinct_colors(&canvas));
    assert!(
        pixels_unlike(&canvas, 1, 1) > 640 * 360 / 50,
        "{} pixels drawn",
        pixels_unlike(&canvas, 1, 1)
    );

    assert_eq!(keys(&out), ["plot", "band", "prices", "ticks", "from", "to", "axis"]);
    // The price axis, bottom to top, holding the start (100) and the run's lowest price.
    let prices = Float64Array::from(get(&out, "prices")).to_vec();
    let low = Float64Array::from(get(&get(&get(&data, "none"), "series"), "price")).to_vec();
    let low = low.iter().fold(f64::INFINITY, |m, &p| m.min(p));
    assert!(prices.len() == 2 && prices[0] <= low && prices[1] >= 100.0, "{prices:?}, low {low}");
    assert_eq!(get(&out, "ticks").as_f64(), Some(200.0));
    // The whole run by default.
    assert_eq!((get(&out, "from").as_f64(), get(&out, "to").as_f64()), (Some(0.0), Some(200.0)));
    let plot = get(&out, "plot");
    assert_eq!(keys(&plot), ["left", "top", "right", "bottom"]);
    let [left, top, right, bottom] =
        ["left", "top", "right", "bottom"].map(|k| get(&plot, k).as_f64().expect("a number"));
    assert!(0.0 < left && left < right && right <= 640.0, "{left}..{right}");
    assert!(0.0 < top && top < bottom && bottom <= 360.0, "{top}..{bottom}");
    // The band is the price panel: the plot's top, above the bars.
    let band = get(&out, "band");
    assert_eq!(get(&band, "top").as_f64(), Some(top));
    assert!(get(&band, "bottom").as_f64().is_some_and(|b| top < b && b < bottom));
    // A linear axis: one stretch from tick 0 at the left to the end at the right.
    let axis = Float64Array::from(get(&out, "axis")).to_vec();
    assert_eq!(axis, vec![0.0, left, 200.0, right]);
}

#[wasm_bindgen_test]
fn render_squeezes_the_quiet_time_and_takes_a_band_for_the_map() {
    let data = compare(small_with(&[])).expect("compare");
    let canvas = make_canvas(640, 360);
    let out = render(
        canvas.clone(),
        data.clone(),
        options(&[("chart", "price".into()), ("window", "cascade".into())]),
    )
    .expect("render");
    // The whole run, with more than one stretch: (tick, x) pairs, both increasing, from tick 0
    // to 200, and a quiet stretch at least twice as fast as the first (the cascade's).
    assert_eq!((get(&out, "from").as_f64(), get(&out, "to").as_f64()), (Some(0.0), Some(200.0)));
    let axis = Float64Array::from(get(&out, "axis")).to_vec();
    let pairs: Vec<(f64, f64)> = axis.chunks(2).map(|p| (p[0], p[1])).collect();
    assert!(pairs.len() > 2, "{pairs:?}");
    assert_eq!((pairs[0].0, pairs[pairs.len() - 1].0), (0.0, 200.0));
    assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1), "{pairs:?}");
    let pace = |w: &[(f64, f64)]| (w[1].1 - w[0].1) / (w[1].0 - w[0].0);
    let first = pace(&pairs[..2]);
    assert!(pairs.windows(2).any(|w| pace(w) * 2.0 <= first), "{pairs:?}");

    let band = get(&out, "band");
    render(canvas.clone(), data.clone(), options(&[("chart", "map".into()), ("band", band)]))
        .expect("a map with the price chart's band");
    let upside_down = obj(&[("top", 250.0.into()), ("bottom", 40.0.into())]);
    let err = render(canvas, data, options(&[("chart", "map".into()), ("band", upside_down)]))
        .expect_err("an upside-down band");
    assert!(err.is_instance_of::<js_sys::RangeError>());
    assert!(message(&err).starts_with("options.band: "), "{}", message(&err));
}

#[wasm_bindgen_test]
fn render_draws_the_map_for_the_chosen_scenario() {
    let data = compare(small_with(&[])).expect("compare");
    let light = make_canvas(320, 360);
    let out = render(
        light.clone(),
        data.clone(),
        options(&[("chart", "map".into()), ("scenario", "both".into()), ("dpr", 1.0.into())]),
    )
    .expect("map");
    assert!(get(&out, "plot").is_null());
    assert!(distinct_colors(&light) > 8, "{} colours", distinct_colors(&light));

    let dark = make_canvas(320, 360);
    let dark_options = options(&[("chart", "map".into()), ("theme", "dark".into())]);
    render(dark.clone(), data, dark_options).expect("dark map");
    assert_ne!(pixel_at(&light, 1, 1), pixel_at(&dark, 1, 1), "the themes differ");
}

#[wasm_bindgen_test]
fn render_draws_in_the_words_it_is_given_and_names_bad_ones() {
    use leverage_cascade::render::words::Word;
    let data = compare(small_with(&[])).expect("compare");
    let zh: Vec<&str> = Word::ALL.iter().map(|w| w.chinese()).collect();
    let with_words = |words: JsValue| {
        options(&[("chart", "price".into()), ("dpr", 1.0.into()), ("words", words)])
    };
    let english = make_canvas(640, 360);
    render(english.clone(), data.clone(), with_words(JsValue::NULL)).expect("English");
    let chinese = make_canvas(640, 360);
    let given = with_words(zh.join("\n").into());
    render(chinese.clone(), data.clone(), given.clone()).expect("Chinese");
    // The same chart with other words: the pixels of its text differ.
    let differ = (0..360)
        .step_by(2)
        .any(|y| (0..640).step_by(2).any(|x| pixel_at(&english, x, y) != pixel_at(&chinese, x, y)));
    assert!(differ, "the words changed nothing on the canvas");
    // The caller's options keep their words.
    assert!(get(&given, "words").as_string().is_some_and(|w| w.starts_with("无缓解措施")));

    let err = render(chinese.clone(), data.clone(), with_words(zh[..3].join("\n").into()))
        .expect_err("three words");
    assert!(err.is_instance_of::<RangeError>());
    assert!(message(&err).starts_with("options.words: must hold the charts'"), "{}", message(&err));
    let err = render(chinese.clone(), data.clone(), with_words(5.0.into())).expect_err("a number");
    assert!(err.is_instance_of::<TypeError>());
    assert!(message(&err).starts_with("options.words: "), "{}", message(&err));
    let typo = options(&[
        ("chart", "price".into()),
        ("words", zh.join("\n").into()),
        ("wordz", 1.0.into()),
    ]);
    let err = render(chinese, data, typo).expect_err("an unknown option beside the words");
    assert!(message(&err).starts_with("options.wordz"), "{}", message(&err));
}

#[cfg(feature = "explore")]
#[wasm_bindgen_test]
fn render_exploration_draws_in_the_words_it_is_given() {
    use leverage_cascade::render::words::Word;
    use leverage_cascade::wasm::render_exploration;
    let zh: Vec<&str> = Word::ALL.iter().map(|w| w.chinese()).collect();
    let sample = obj(&[
        ("label", "无".into()),
        ("values", Float64Array::from(&[1.0, 2.0, 3.0, 5.0, 8.0][..]).into()),
    ]);
    let data = obj(&[("samples", Array::of1(&sample).into())]);
    let with_words = |words: JsValue| {
        options(&[("chart", "survival".into()), ("dpr", 1.0.into()), ("words", words)])
    };
    let english = make_canvas(400, 300);
    render_exploration(english.clone(), data.clone(), with_words(JsValue::UNDEFINED))
        .expect("English");
    let chinese = make_canvas(400, 300);
    render_exploration(chinese.clone(), data.clone(), with_words(zh.join("\n").into()))
        .expect("Chinese");
    let differ = (0..300)
        .step_by(2)
        .any(|y| (0..400).step_by(2).any(|x| pixel_at(&english, x, y) != pixel_at(&chinese, x, y)));
    assert!(differ, "the words changed nothing on the canvas");
    let err = render_exploration(chinese, data, with_words("x".into())).expect_err("one word");
    assert!(message(&err).starts_with("options.words: must hold the charts'"), "{}", message(&err));
}

#[wasm_bindgen_test]
fn render_takes_a_single_simulate_result_and_any_canvas_size() {
    let one = simulate(small_with(&[])).expect("simulate");
    for (w, h) in [(400, 240), (1, 1), (0, 0), (3000, 40)] {
        for chart in ["price", "map"] {
            let canvas = make_canvas(w, h);
            let result = render(canvas, one.clone(), options(&[("chart", chart.into())]));
            result.unwrap_or_else(|e| panic!("{chart} on {w}×{h}: {}", message(&e)));
        }
    }
}

#[wasm_bindgen_test]
fn render_rejects_bad_canvases_options_and_data_with_named_errors() {
    let data = compare(small_with(&[])).expect("compare");
    let price = || options(&[("chart", "price".into())]);
    let canvas = make_canvas(200, 100);

    let err = render(JsValue::from(5.0), data.clone(), price()).expect_err("not a canvas");
    assert!(err.is_instance_of::<TypeError>());
    assert!(message(&err).starts_with("canvas: must be a <canvas> element"));

    let err = render(canvas_without_context_2d(), data.clone(), price()).expect_err("no 2D");
    assert!(err.is_instance_of::<TypeError>());
    assert!(message(&err).starts_with("canvas: has no 2D context"), "{}", message(&err));

    let cases: [(JsValue, &str, bool); 7] = [
        (options(&[("chart", "pie".into())]), "options.chart: unknown variant", true),
        (options(&[("chart", "map".into()), ("scenario", "all".into())]), "options.scenario", true),
        (options(&[("chart", "price".into()), ("cursor", (-1.0).into())]), "options.cursor", true),
        (options(&[("chart", "price".into()), ("dpr", f64::NAN.into())]), "options.dpr", true),
        (options(&[("chart", "price".into()), ("colour", 1.0.into())]), "options.colour", false),
        (Object::new().into(), "options: missing field `chart`", false),
        (JsValue::UNDEFINED, "options: must be an object", false),
    ];
    for (opts, start, range) in cases {
        let err = render(canvas.clone(), data.clone(), opts).expect_err(start);
        let kind_ok = if range {
            err.is_instance_of::<RangeError>()
        } else {
            err.is_instance_of::<TypeError>()
        };
        assert!(kind_ok && message(&err).starts_with(start), "{start}: {}", message(&err));
    }

    let err = render(canvas.clone(), JsValue::NULL, price()).expect_err("null data");
    assert!(message(&err).starts_with("data: must be what simulate() or compare() returned"));
    let broken = compare(small_with(&[])).expect("compare");
    let series = get(&get(&broken, "none"), "series");
    Reflect::set(&series, &"halted".into(), &Uint8Array::new_with_length(3)).unwrap();
    let err = render(canvas.clone(), broken, price()).expect_err("short series");
    assert!(err.is_instance_of::<TypeError>());
    assert!(
        message(&err).starts_with("data.none.series.halted: must be as long as"),
        "{}",
        message(&err)
    );
    // A run that names itself as its second venue: read one level deep, drawn, no trap.
    let cyclic = simulate(small_with(&[])).expect("simulate");
    Reflect::set(&cyclic, &"secondVenue".into(), &cyclic).unwrap();
    render(canvas.clone(), cyclic, price()).expect("a run that is its own second venue");
    let broken = simulate(small_with(&[])).expect("simulate");
    Reflect::set(&get(&broken, "summary"), &"startPrice".into(), &"100".into()).unwrap();
    let err = render(canvas.clone(), broken, price()).expect_err("a string price");
    assert!(message(&err).starts_with("data.summary.startPrice: must be a number"));

    render(canvas, data, price()).expect("render still works after errors");
}

#[wasm_bindgen_test]
fn render_survives_odd_numbers_in_the_data() {
    // Values the model never produces but a page could hand back: NaN, infinities, negatives.
    let canvas = make_canvas(300, 200);
    let odd = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, 0.0, 1e300];
    for (i, &x) in odd.iter().enumerate() {
        let data = simulate(small_with(&[])).expect("simulate");
        let series = get(&data, "series");
        let price = Float64Array::from(get(&series, "price"));
        price.set_index(i as u32 * 7, x);
        price.set_index(0, x);
        Reflect::set(&get(&data, "summary"), &"startPrice".into(), &x.into()).unwrap();
        let map = get(&data, "liquidationMap");
        Reflect::set(&map, &"lowPrice".into(), &x.into()).unwrap();
        Float64Array::from(get(&map, "longSurvived")).set_index(0, x);
        for chart in ["price", "map"] {
            let opts = options(&[("chart", chart.into()), ("cursor", 1e12.into())]);
            render(canvas.clone(), data.clone(), opts)
                .unwrap_or_else(|e| panic!("{chart} with {x}: {}", message(&e)));
        }
    }
}

// ---- A thousand malformed inputs ----

/// splitmix64: a small seeded generator, so a failure names a case that can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What kind of value a field takes, which decides what is certainly wrong for it.
#[derive(Clone, Copy)]
enum Kind {
    /// A bounded number (every numeric range lies within ±1e12).
    Number,
    /// A bounded whole number.
    Whole,
    /// A number or null.
    OptionalNumber,
    Bool,
    /// One of a few strings.
    Name,
    /// An object of more fields, or for `circuitBreaker` also null.
    Object,
    /// `positions`: null or a non-empty array of complete positions.
    Positions,
    /// `marginTiers`: null, a known name or an array of tiers.
    Tiers,
}

/// The fields directly under `prefix` ("" for the top level) and their kinds, read from the
/// parameter table, so a new parameter is fuzzed here without a line of this file changing.
/// The breaker's levels have their own bad values (`bad_levels`).
fn fields(prefix: &str) -> Vec<(&'static str, Kind)> {
    use leverage_cascade::model::spec::{Kind as K, PARAMS};
    let mut out: Vec<(&'static str, Kind)> = PARAMS
        .iter()
        .filter_map(|p| {
            let name = match prefix {
                "" => p.path,
                _ => p.path.strip_prefix(prefix)?.strip_prefix('.')?,
            };
            if name.contains(['.', '[']) {
                return None;
            }
            let kind = match p.kind {
                K::Number => Kind::Number,
                K::Whole => Kind::Whole,
                K::NumberOrNull => Kind::OptionalNumber,
                K::Bool => Kind::Bool,
                K::Enum(_) => Kind::Name,
                K::NullableObject => Kind::Object,
                K::List if p.path == "positions" => Kind::Positions,
                K::List => return None,
                K::NamesOrList(_) => Kind::Tiers,
            };
            Some((name, kind))
        })
        .collect();
    if prefix.is_empty() {
        // An object that is never null, so not a row of its own: its fields are.
        out.push(("liquidation", Kind::Object));
    }
    out
}

/// A value that is not data at all, or is data of the wrong shape everywhere.
fn garbage(rng: &mut Rng, depth: u32) -> JsValue {
    match rng.below(if depth > 3 { 7 } else { 10 }) {
        0 => Function::new_no_args("return 1").into(),
        1 => js_sys::Symbol::for_("garbage").into(),
        2 => js_sys::BigInt::from(7u32).into(),
        3 => js_sys::Map::new().into(),
        4 => js_sys::Date::new_0().into(),
        5 => Uint8Array::new_with_length(3).into(),
        6 => {
            // A cycle: an object that contains itself.
            let o = Object::new();
            Reflect::set(&o, &"self".into(), &o).unwrap();
            o.into()
        }
        7 => Array::of2(&garbage(rng, depth + 1), &garbage(rng, depth + 1)).into(),
        8 => obj(&[("zzUnknown", garbage(rng, depth + 1))]),
        _ => {
            // Nesting far deeper than any params need.
            let mut v: JsValue = 1.0.into();
            for _ in 0..(40 + rng.below(40)) {
                v = obj(&[("x", v)]);
            }
            v
        }
    }
}

/// A value certainly invalid for a field of this kind.
fn bad_value(rng: &mut Rng, kind: Kind) -> JsValue {
    let non_finite = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
    let out_of_range = [1e300, -1e300, 1e13, -1e13];
    let wrong_type = |rng: &mut Rng| -> JsValue {
        match rng.below(5) {
            0 => "12".into(),
            1 => true.into(),
            2 => Array::new().into(),
            3 => Object::new().into(),
            _ => garbage(rng, 0),
        }
    };
    match kind {
        Kind::Number | Kind::OptionalNumber => match rng.below(4) {
            0 => (*rng.pick(&non_finite)).into(),
            1 => (*rng.pick(&out_of_range)).into(),
            2 if matches!(kind, Kind::Number) => JsValue::NULL,
            _ => wrong_type(rng),
        },
        Kind::Whole => match rng.below(4) {
            0 => (*rng.pick(&[-1.0, -1000.0, 2.5, 0.5, 1e300, f64::NAN, f64::INFINITY])).into(),
            1 => (-(rng.below(1_000_000) as f64) - 1.0).into(),
            2 => JsValue::NULL,
            _ => wrong_type(rng),
        },
        Kind::Bool => match rng.below(3) {
            0 => 1.0.into(),
            1 => "true".into(),
            _ => garbage(rng, 0),
        },
        Kind::Name => match rng.below(3) {
            0 => (*rng.pick(&["cubic", "", "LINEAR", "Full"])).into(),
            1 => 0.0.into(),
            _ => wrong_type(rng),
        },
        Kind::Object => match rng.below(3) {
            0 => 5.0.into(),
            1 => "on".into(),
            _ => obj(&[("zzNotAField", 1.0.into())]),
        },
        Kind::Positions => match rng.below(5) {
            0 => Array::new().into(),
            1 => Object::new().into(),
            2 => Array::of1(&obj(&[("side", "long".into())])).into(),
            3 => Array::of1(&obj(&[
                ("side", "up".into()),
                ("notional", 1e6.into()),
                ("leverage", 10.0.into()),
                ("entry", 100.0.into()),
            ]))
            .into(),
            _ => Array::of1(&garbage(rng, 0)).into(),
        },
        Kind::Tiers => match rng.below(4) {
            0 => "lenient".into(),
            1 => 3.0.into(),
            2 => Array::of1(&obj(&[("upToNotional", 1.0.into())])).into(),
            _ => garbage(rng, 0),
        },
    }
}

/// Valid small params with one to three fields made invalid. Returns the object and the names of
/// the fields that were broken (an error must name one of them).
fn malformed(rng: &mut Rng) -> (JsValue, Vec<String>) {
    let params = small_with(&[("ticks", 20.0.into()), ("traders", 300.0.into())]);
    let mut broken = Vec::new();
    for _ in 0..1 + rng.below(3) {
        match rng.below(10) {
            // An unknown key at the top.
            0 => {
                let key = format!("zz{}", rng.below(1000));
                Reflect::set(&params, &key.as_str().into(), &garbage(rng, 0)).unwrap();
                broken.push(key);
            }
            // A bad member of liquidation.
            1 | 2 => {
                let &(key, kind) = rng.pick(&fields("liquidation"));
                let liq = obj(&[(key, bad_value(rng, kind))]);
                Reflect::set(&params, &"liquidation".into(), &liq).unwrap();
                broken.push("liquidation".to_owned());
            }
            // A bad member of circuitBreaker.
            3 => {
                let cb = match rng.below(3) {
                    0 => obj(&[("levelsPct", bad_levels(rng))]),
                    _ => {
                        let &(key, kind) = rng.pick(&fields("circuitBreaker"));
                        obj(&[(key, bad_value(rng, kind))])
                    }
                };
                Reflect::set(&params, &"circuitBreaker".into(), &cb).unwrap();
                broken.push("circuitBreaker".to_owned());
            }
            // A bad top-level field.
            _ => {
                let &(key, kind) = rng.pick(&fields(""));
                Reflect::set(&params, &key.into(), &bad_value(rng, kind)).unwrap();
                broken.push(key.to_owned());
            }
        }
    }
    (params, broken)
}

fn bad_levels(rng: &mut Rng) -> JsValue {
    let levels: &[f64] = match rng.below(5) {
        0 => &[],
        1 => &[13.0, 7.0],
        2 => &[7.0, 7.0],
        3 => &[0.0],
        _ => &[95.0],
    };
    let a = Array::new();
    for &x in levels {
        a.push(&x.into());
    }
    a.into()
}

#[wasm_bindgen_test]
fn a_thousand_malformed_inputs_each_throw_and_nothing_traps() {
    let mut rng = Rng(0x1E7E_2A6E);
    let top_level: [fn() -> JsValue; 6] = [
        || 5.0.into(),
        || "{}".into(),
        || true.into(),
        || Array::new().into(),
        || Function::new_no_args("").into(),
        || js_sys::Symbol::for_("params").into(),
    ];
    let cases = 1200;
    let (mut range_errors, mut type_errors) = (0, 0);
    for case in 0..cases {
        let (params, broken) = if case % 50 == 0 {
            ((top_level[case / 50 % top_level.len()])(), vec!["params".to_owned()])
        } else {
            malformed(&mut rng)
        };
        let shown = JSON::stringify(&params)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| "(not JSON)".to_owned());
        let result = if case % 2 == 0 { simulate(params) } else { compare(params) };
        let err = match result {
            Ok(_) => panic!("case {case}: malformed params were accepted: {shown}"),
            Err(err) => err,
        };
        assert!(err.is_instance_of::<Error>(), "case {case}: threw a non-Error for {shown}");
        assert!(
            err.is_instance_of::<RangeError>() || err.is_instance_of::<TypeError>(),
            "case {case}: {}",
            message(&err)
        );
        if err.is_instance_of::<RangeError>() {
            range_errors += 1;
        } else {
            type_errors += 1;
        }
        let field = get(&err, "field").as_string().unwrap_or_default();
        let text = message(&err);
        assert!(text.starts_with(&format!("{field}: ")), "case {case}: {text}");
        assert!(
            broken.iter().any(|b| field == *b
                || field.starts_with(&format!("{b}."))
                || field.starts_with(&format!("{b}["))),
            "case {case}: error names {field}, but {broken:?} were broken: {text} ({shown})"
        );
        if case % 100 == 99 {
            simulate(small_with(&[])).expect("a valid call between malformed ones");
        }
    }
    // The corpus reaches both kinds of error often, not just the cheap type checks.
    assert!(range_errors > 200 && type_errors > 200, "{range_errors} range, {type_errors} type");
    let out = simulate(small_with(&[])).expect("a valid call after all of them");
    assert_eq!(get(&get(&out, "summary"), "traders").as_f64(), Some(2000.0));
}

#[wasm_bindgen_test]
fn render_with_malformed_data_or_options_throws_and_never_traps() {
    let mut rng = Rng(0x5EED_CA17);
    let canvas = make_canvas(160, 120);
    let good = compare(small_with(&[("ticks", 30.0.into())])).expect("compare");
    let paths: [&[&str]; 8] = [
        &["none"],
        &["both", "series"],
        &["none", "series", "price"],
        &["marginTiers", "series", "liquidationCount"],
        &["circuitBreaker", "summary"],
        &["none", "summary", "startPrice"],
        &["both", "liquidationMap"],
        &["none", "liquidationMap", "shortSurvived"],
    ];
    for case in 0..300 {
        let data = compare(small_with(&[("ticks", 30.0.into())])).expect("compare");
        let path = rng.pick(&paths);
        let mut parent = data.clone();
        for key in &path[..path.len() - 1] {
            parent = get(&parent, key);
        }
        let kind = *rng.pick(&[Kind::Number, Kind::Object, Kind::Positions, Kind::Name]);
        Reflect::set(&parent, &path[path.len() - 1].into(), &bad_value(&mut rng, kind)).unwrap();
        let chart = if case % 2 == 0 { "price" } else { "map" };
        let opts = if case % 5 == 0 {
            obj(&[("chart", chart.into()), ("cursor", garbage(&mut rng, 0))])
        } else {
            obj(&[("chart", chart.into())])
        };
        match render(canvas.clone(), data, opts) {
            Ok(_) => {}
            Err(err) => assert!(err.is_instance_of::<Error>(), "case {case}: a non-Error"),
        }
    }
    render(canvas, good, obj(&[("chart", "price".into())])).expect("render after the garbage");
}

#[wasm_bindgen_test]
fn hostile_values_are_echoed_briefly_and_refused_by_name() {
    // A 1 MB string as an enum value is named by an excerpt, not echoed whole.
    let huge: JsValue = "q".repeat(1_000_000).into();
    let err = simulate(small_with(&[("impactLaw", huge)])).expect_err("a 1 MB impactLaw");
    let text = message(&err);
    assert!(text.starts_with("impactLaw: "), "{}", &text[..80.min(text.len())]);
    assert!(text.len() < 400, "{} characters", text.len());
    assert!(text.contains("(1000000 characters)"), "{text}");
    // A price too low for its size is refused by name.
    let position = obj(&[
        ("side", "long".into()),
        ("notional", 1e12.into()),
        ("leverage", 125.0.into()),
        ("entry", 1e-300.into()),
    ]);
    let list: Array = std::iter::once(position).collect();
    let err = simulate(small_with(&[("positions", list.into())])).expect_err("entry 1e-300");
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("positions[0].entry"));
}
