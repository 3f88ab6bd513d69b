//! The parameter table (src/model/spec.rs) against everything that depends on it.
//!
//! - It has a row for every field of `Params`, nested ones included, and none more.
//! - Every range is enforced: each field set just outside it is refused with an error that names
//!   the field, its range and the value.
//! - Its cache marks are true: changing a field marked as changing the draws, their sizes or the
//!   population redoes exactly that, changing a run-only field keeps them, and either way the
//!   cached result equals a fresh one.
//! - Every row has its label and plain-language line in the catalogue.
//! - The page's copy (`www/shared/params.js`, `www/shared/words-en.js`) and the table in
//!   docs/MODEL.md are what the table gives. `UPDATE_FIXTURES=1 cargo test --test spec` writes
//!   them.

use std::collections::BTreeSet;

use leverage_cascade::model::spec::{self, Invalidates, Kind, Param, PARAMS};
use leverage_cascade::model::{
    compare, words, CircuitBreaker, Params, PopulationCache, SecondVenue,
};
use leverage_cascade::render::words::Word;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Params with every optional part present, so that every field shows in their JSON.
fn everything() -> Params {
    let v = json!({
        "positions": [{"side": "long", "notional": 1e6, "leverage": 10, "entry": 100}],
        "marginTiers": [{"upToNotional": 1e6, "maxLeverage": 20, "maintenancePct": 0.5},
                        {"upToNotional": 1e12, "maxLeverage": 5, "maintenancePct": 5}],
        "liquidation": {"maxPerTick": 1e7},
        "circuitBreaker": {},
        "secondVenue": {},
    });
    Params::deserialize_from(v).unwrap()
}

/// The paths of every value in `v`, lists written `[]` with their first item's fields.
fn leaf_paths(v: &Value, at: &str, out: &mut BTreeSet<String>) {
    let join = |key: &str| if at.is_empty() { key.to_owned() } else { format!("{at}.{key}") };
    match v {
        Value::Object(map) => {
            // An object is a parameter of its own (it may be null), unless it is a list's item.
            if !at.is_empty() && !at.ends_with("[]") {
                out.insert(at.to_owned());
            }
            for (k, x) in map {
                leaf_paths(x, &join(k), out);
            }
        }
        Value::Array(items) => {
            out.insert(at.to_owned());
            if let Some(first) = items.first() {
                leaf_paths(first, &format!("{at}[]"), out);
            }
        }
        _ => {
            out.insert(at.to_owned());
        }
    }
}

#[test]
fn the_table_and_the_struct_have_the_same_fields() {
    let mut from_struct = BTreeSet::new();
    leaf_paths(&serde_json::to_value(everything()).unwrap(), "", &mut from_struct);
    // `liquidation` is an object that is never null: its fields are the parameters.
    from_struct.remove("liquidation");
    let from_table: BTreeSet<String> = PARAMS.iter().map(|p| p.path.to_owned()).collect();
    assert_eq!(from_struct, from_table);
    assert_eq!(PARAMS.len(), from_table.len(), "a path is in the table twice");
}

#[test]
fn each_row_is_consistent() {
    for p in PARAMS {
        let numeric = matches!(p.kind, Kind::Number | Kind::Whole | Kind::NumberOrNull);
        let counted = matches!(p.kind, Kind::List | Kind::NamesOrList(_));
        assert_eq!(
            p.range.is_some(),
            numeric || counted,
            "{}: a range iff a number or list",
            p.path
        );
        if let Some(r) = p.range {
            assert!(r.min < r.max, "{}: empty range", p.path);
        }
        // A row nested in a list is copied with the list, so it must invalidate what the list
        // does; a top-level row that changes more than the run must be copied into the keys.
        if let Some((parent, _)) = p.path.rsplit_once("[]") {
            let parent = spec::param(parent).expect("its list has a row");
            assert_eq!(p.invalidates, parent.invalidates, "{}", p.path);
            assert!(!p.copied, "{}", p.path);
        } else if p.invalidates != Invalidates::Run {
            assert!(p.copied, "{}: the cache keys would leave it out", p.path);
        }
        // The default of a number row is within its range.
        if let (Some(x), Some(r), Kind::Number | Kind::Whole) =
            (p.default_number(), p.range, p.kind)
        {
            assert!(r.contains(x), "{}: default {x} outside its range", p.path);
        }
    }
}

#[test]
fn every_row_has_its_words_and_the_catalogue_nothing_else() {
    let keys: BTreeSet<&str> = words::EN.iter().map(|(k, _)| *k).collect();
    assert_eq!(keys.len(), words::EN.len(), "a key is in the catalogue twice");
    let mut wanted = BTreeSet::new();
    for p in PARAMS {
        for part in ["label", "help"] {
            let key = format!("{}.{part}", p.path);
            let text = words::en(&key).unwrap_or_else(|| panic!("no entry {key}"));
            assert!(!text.is_empty() && text.len() < 160, "{key}: {text}");
            wanted.insert(key);
        }
    }
    let keys: BTreeSet<String> = keys.into_iter().map(str::to_owned).collect();
    assert_eq!(keys, wanted);
}

#[test]
fn the_chinese_catalogue_has_every_key_in_order_and_only_chinese() {
    let en: Vec<&str> = words::EN.iter().map(|(k, _)| *k).collect();
    let zh: Vec<&str> = words::ZH.iter().map(|(k, _)| *k).collect();
    assert_eq!(zh, en);
    // Latin letters only in names: the venues and auto-deleveraging's abbreviation.
    let names = ["Binance", "Bybit", "BitMEX", "Hyperliquid", "ADL", "IOC"];
    let texts = words::ZH.iter().map(|(_, t)| *t).chain(Word::ALL.iter().map(|w| w.chinese()));
    for text in texts {
        let mut rest = text.to_string();
        for name in names {
            rest = rest.replace(name, "");
        }
        assert!(!text.is_empty() && !rest.chars().any(|c| c.is_ascii_alphabetic()), "{text}");
    }
}

/// Sets the value at a table path in params' JSON (item 0 of a list for `[]`).
fn set_path(v: &mut Value, path: &str, x: Value) {
    let mut at = v;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let (name, item) = match part.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (*part, false),
        };
        let last = i + 1 == parts.len();
        if last && !item {
            at[name] = x;
            return;
        }
        at = &mut at[name];
        if item {
            if last {
                at[0] = x;
                return;
            }
            at = &mut at[0];
        }
    }
}

/// A value just outside a row's range on each side that has one.
fn outside(p: &Param) -> Vec<f64> {
    let r = p.range.unwrap();
    let step = |x: f64| if p.kind == Kind::Whole { 1.0 } else { (x.abs() * 1e-6).max(1e-9) };
    let below = if r.min_excluded { r.min } else { r.min - step(r.min) };
    vec![below, r.max + step(r.max)]
}

#[test]
fn each_field_just_outside_its_range_is_refused_by_name() {
    for p in
        PARAMS.iter().filter(|p| matches!(p.kind, Kind::Number | Kind::Whole | Kind::NumberOrNull))
    {
        for x in outside(p) {
            let mut v = serde_json::to_value(everything()).unwrap();
            set_path(&mut v, p.path, json!(x));
            let err = Params::deserialize_from(v)
                .and_then(|params| params.validate().map(|_| params))
                .expect_err(&format!("{} = {x} was accepted", p.path));
            let field = p.path.replace("[]", "[0]");
            assert_eq!(err.field, field, "{} = {x}: {err}", p.path);
            assert_eq!(err.message, p.must(x), "{} = {x}", p.path);
        }
    }
    // Lists too short or too long name the list.
    for (path, empty) in [
        ("positions", json!([])),
        ("marginTiers", json!([])),
        ("circuitBreaker.levelsPct", json!([])),
    ] {
        let mut v = serde_json::to_value(everything()).unwrap();
        set_path(&mut v, path, empty);
        let err = Params::deserialize_from(v).unwrap().validate().unwrap_err();
        assert_eq!(err.field, path);
        assert_eq!(err.message, spec::param(path).unwrap().must(0.0));
    }
}

#[test]
fn whole_numbers_are_refused_with_their_range_and_exact_value() {
    let cases = [
        (
            json!({"traders": 2.5}),
            "traders",
            "must be a whole number between 1 and 1000000, got 2.5",
        ),
        (
            json!({"seed": 9_007_199_254_740_992_u64}),
            "seed",
            "must be a whole number between 0 and 9007199254740991, got 9007199254740992",
        ),
        (json!({"ticks": -3}), "ticks", "must be a whole number between 1 and 100000, got -3"),
        (
            json!({"circuitBreaker": {"haltTicks": 1e10}}),
            "circuitBreaker.haltTicks",
            "must be a whole number between 1 and 100000, got 10000000000",
        ),
    ];
    for (v, field, message) in cases {
        let text = v.to_string();
        let err = Params::from_json(&text).unwrap_err();
        assert_eq!((err.field.as_str(), err.message.as_str()), (field, message), "{text}");
    }
}

/// Small markets, so a property case runs in milliseconds.
fn base() -> Params {
    Params { traders: 600, ticks: 80, ..Params::default() }
}

/// A value for row `p` other than `current`, chosen by `u` in [0, 1), or `None` if this row has
/// no other value the other fields allow.
fn other_value(p: &Param, current: &Value, u: f64) -> Option<Value> {
    let pick = |lo: f64, hi: f64| lo + (hi - lo) * u;
    let value = match p.kind {
        Kind::Bool => json!(!current.as_bool().unwrap()),
        Kind::Enum(values) => {
            let others: Vec<_> = values.iter().filter(|v| **v != current).collect();
            json!(others[(u * others.len() as f64) as usize])
        }
        Kind::NamesOrList(names) => {
            let mut choices: Vec<Value> = names.iter().map(|n| json!(n)).collect();
            choices.push(json!([{"upToNotional": 1e12, "maxLeverage": 40, "maintenancePct": 1}]));
            choices.retain(|c| c != current);
            choices[(u * choices.len() as f64) as usize].clone()
        }
        Kind::NullableObject if current.is_null() && p.path == "secondVenue" => {
            serde_json::to_value(SecondVenue::default()).unwrap()
        }
        Kind::NullableObject if current.is_null() => {
            serde_json::to_value(CircuitBreaker::default()).unwrap()
        }
        Kind::NullableObject => Value::Null,
        Kind::List if p.path == "positions" => json!([
            {"side": "long", "notional": pick(1e5, 1e8), "leverage": 20, "entry": 100},
            {"side": "short", "notional": 3e6, "leverage": 5, "entry": 101},
        ]),
        Kind::List => json!([pick(1.0, 9.0), 12, 30]),
        Kind::NumberOrNull if !current.is_null() => Value::Null,
        Kind::Number | Kind::Whole | Kind::NumberOrNull => {
            let r = p.range.unwrap();
            // Keep the markets small and every relation between fields true.
            let (lo, hi) = match p.path {
                "traders" => (1.0, 2_000.0),
                "ticks" | "circuitBreaker.windowTicks" | "circuitBreaker.haltTicks" => (1.0, 200.0),
                "marginTiers[].upToNotional" => (1.0, 1e11),
                "marginTiers[].maxLeverage" => (5.0, 125.0),
                "marginTiers[].maintenancePct" => (0.0, 0.79),
                "circuitBreaker.levelsPct[]" => (0.5, 11.5),
                _ => (r.min, r.max.min(if r.min >= 0.0 { r.min.max(1.0) * 1e4 } else { r.max })),
            };
            let x = pick(lo, hi);
            let x = if p.kind == Kind::Whole { x.floor() } else { x };
            let x = if r.min_excluded && x <= r.min { r.min + (hi - r.min) / 2.0 } else { x };
            json!(x)
        }
    };
    // Numbers compare by value: a whole row's 1.0 is its current 1, not another value (a u that
    // picks the current seed once made the cache look stale).
    let same = match (value.as_f64(), current.as_f64()) {
        (Some(a), Some(b)) => a == b,
        _ => value == *current,
    };
    (!same).then_some(value)
}

/// The base params for row `p`: with the list or object it belongs to present.
fn base_for(p: &Param) -> Value {
    let mut v = serde_json::to_value(base()).unwrap();
    let root = p.path.split(['.', '[']).next().unwrap();
    let nested = matches!(root, "circuitBreaker" | "secondVenue") && p.path != root;
    if p.path.contains("[]") || nested {
        let full = serde_json::to_value(everything()).unwrap();
        v[root] = full[root].clone();
        if root == "positions" {
            v["positions"] = json!([
                {"side": "long", "notional": 2e6, "leverage": 10, "entry": 100},
                {"side": "short", "notional": 1e6, "leverage": 8, "entry": 99},
            ]);
        }
    }
    if p.path == "liquidation.maxPerTick" {
        v["liquidation"]["maxPerTick"] = json!(2e7);
    }
    v
}

fn get_path(v: &Value, path: &str) -> Value {
    let mut at = v;
    for part in path.split('.') {
        match part.strip_suffix("[]") {
            Some(name) => at = &at[name][0],
            None => at = &at[part],
        }
    }
    at.clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// For every row: a cache that ran the base params and then the changed ones gives what a
    /// fresh run gives, and it drew, sized and built again exactly when the row says.
    #[test]
    fn cache_marks_are_true_for_every_field(u in 0.0..1.0f64) {
        for p in PARAMS {
            let base = base_for(p);
            let Some(value) = other_value(p, &get_path(&base, p.path), u) else { continue };
            let mut changed = base.clone();
            set_path(&mut changed, p.path, value.clone());
            let (Ok(a), Ok(b)) = (Params::deserialize_from(base), Params::deserialize_from(changed)) else {
                panic!("{}: {value} did not read", p.path)
            };
            if b.validate().is_err() {
                continue;
            }
            let mut cache = PopulationCache::default();
            cache.compare(&a).unwrap();
            let before = cache.builds();
            let cached = cache.compare(&b).unwrap();
            let after = cache.builds();
            prop_assert!(cached == compare(&b).unwrap(), "{} = {}: a stale result", p.path, value);
            let uses_draws = b.positions.is_none();
            let (draws, sizes, populations) = (
                after.draws - before.draws,
                after.sizes - before.sizes,
                after.populations - before.populations,
            );
            match p.invalidates {
                Invalidates::Run => {
                    prop_assert_eq!((draws, sizes, populations), (0, 0, 0), "{} rebuilt", p.path)
                }
                Invalidates::Population => {
                    prop_assert_eq!((draws, sizes), (0, 0), "{} drew or sized again", p.path);
                    prop_assert_eq!(populations, 2, "{} kept the population", p.path);
                }
                Invalidates::Sizes => {
                    prop_assert_eq!(draws, 0, "{} drew again", p.path);
                    prop_assert_eq!(sizes, u64::from(uses_draws), "{} kept the sizes", p.path);
                    prop_assert_eq!(populations, 2, "{} kept the population", p.path);
                }
                Invalidates::Draws => {
                    prop_assert_eq!(draws, u64::from(uses_draws), "{} kept the draws", p.path);
                    prop_assert_eq!(sizes, 0, "{} sized old draws", p.path);
                    prop_assert_eq!(populations, 2, "{} kept the population", p.path);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The page's copy and the docs' table

const PARAMS_JS: &str = "www/shared/params.js";
const WORDS_JS: &str = "www/shared/words-en.js";
const WORDS_ZH_JS: &str = "www/shared/words-zh.js";
const PRESETS_JS: &str = "www/shared/presets-en.js";
const RECORDS_JS: &str = "www/shared/records-en.js";
const PRESETS_JSON: &str = "src/wasm/presets.json";
const DEFAULTS_JSON: &str = "src/wasm/defaults.json";
const MODEL_MD: &str = "docs/MODEL.md";
const BEGIN: &str = "<!-- parameters: generated by tests/spec.rs from src/model/spec.rs -->";
const END: &str = "<!-- end of parameters -->";

fn kind_name(k: Kind) -> (&'static str, Option<&'static [&'static str]>) {
    match k {
        Kind::Number => ("number", None),
        Kind::Whole => ("whole", None),
        Kind::Bool => ("bool", None),
        Kind::Enum(v) => ("enum", Some(v)),
        Kind::NumberOrNull => ("numberOrNull", None),
        Kind::NullableObject => ("nullableObject", None),
        Kind::List => ("list", None),
        Kind::NamesOrList(v) => ("namesOrList", Some(v)),
    }
}

/// A row's default as JSON, where it has one (not for a list's items).
fn default_of(p: &Param) -> Option<Value> {
    if p.path.contains("[]") {
        return None;
    }
    let defaults = serde_json::to_value(Params::default()).unwrap();
    let mut v = get_path(&defaults, p.path);
    // The breaker's and the second venue's fields have defaults though both are off by
    // default.
    if v.is_null() && p.path.starts_with("circuitBreaker.") {
        let breaker = serde_json::to_value(CircuitBreaker::default()).unwrap();
        v = breaker[p.path.trim_start_matches("circuitBreaker.")].clone();
    }
    if v.is_null() && p.path.starts_with("secondVenue.") {
        let venue = serde_json::to_value(SecondVenue::default()).unwrap();
        v = venue[p.path.trim_start_matches("secondVenue.")].clone();
    }
    Some(v)
}

/// A value as a JavaScript literal: keys unquoted, numbers as JavaScript prints them.
fn js(v: &Value) -> String {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(x) => format!("{x}"),
            None => n.to_string(),
        },
        Value::Array(items) => format!("[{}]", items.iter().map(js).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => {
            let fields: Vec<String> = map.iter().map(|(k, x)| format!("{k}: {}", js(x))).collect();
            format!("{{ {} }}", fields.join(", "))
        }
        other => other.to_string(),
    }
}

fn params_js() -> String {
    let mut out = String::from(
        "// The parameter table, as the page reads it. Generated by tests/spec.rs from\n\
         // src/model/spec.rs (paths, kinds, ranges, what each invalidates) and\n\
         // Params::default() (defaults); do not edit. `UPDATE_FIXTURES=1 cargo test --test spec`\n\
         // writes it again. `min`/`max` bound a number (a list's items, for a list of numbers;\n\
         // the count, for a list); `above` means the minimum itself is refused. Units are in\n\
         // docs/MODEL.md's table; the page words each value itself (lab/controls.js,\n\
         // lab/lab-formats.js).\n\n\
         export const PARAMS = [\n",
    );
    for p in PARAMS {
        let (kind, values) = kind_name(p.kind);
        let mut row = vec![format!("path: {}", json!(p.path)), format!("kind: {}", json!(kind))];
        if let Some(values) = values {
            row.push(format!("values: {}", js(&json!(values))));
        }
        if let Some(r) = p.range {
            row.push(format!("min: {}, max: {}", r.min, r.max));
            if r.min_excluded {
                row.push("above: true".into());
            }
        }
        if let Some(d) = default_of(p) {
            row.push(format!("default: {}", js(&d)));
        }
        out += &format!("  {{ {} }},\n", row.join(", "));
    }
    out += "];\n\n";
    // Apart from the table, so that a page that never asks (the embed) does not download it.
    out += "/** What changing each parameter makes the model redo, by path (spec.rs, `Invalidates`). */\n";
    out += "export const INVALIDATES = {\n";
    for p in PARAMS {
        out += &format!("  {}: {},\n", json!(p.path), json!(p.invalidates.name()));
    }
    out += "};\n\n";
    out += "/** The breaker compare() runs when `circuitBreaker` is null (`CircuitBreaker::default()`). */\n";
    // Straight from the struct, so its fields keep their order (a Value would sort them).
    let breaker = serde_json::to_string(&CircuitBreaker::default()).unwrap();
    out += &format!("export const DEFAULT_BREAKER = {breaker};\n\n");
    out += "/** The second venue the page adds when it is switched on (`SecondVenue::default()`). */\n";
    let venue = serde_json::to_string(&SecondVenue::default()).unwrap();
    out += &format!("export const DEFAULT_SECOND_VENUE = {venue};\n\n");
    let [_, _, tiers, _] = leverage_cascade::model::simulate::scenarios(&Params::default());
    out += "/** The tier table compare()'s tier scenarios use when `marginTiers` is none. */\n";
    let tiers = serde_json::to_value(&tiers.margin_tiers).unwrap();
    out + &format!("export const MITIGATION_TIERS = {};\n", js(&tiers))
}

/// A language's catalogue file: the parameters' words under their keys, and `CHART_WORDS`,
/// the words of the charts drawn in Rust, each with its key, in the order `render`'s
/// `options.words` takes them.
fn words_js(
    name: &str,
    constant: &str,
    params: &[(&str, &str)],
    chart: fn(Word) -> &'static str,
) -> String {
    let mut out = format!(
        "// The {name} words of the parameters and of the charts drawn in Rust: the catalogues\n\
         // src/model/words.rs and src/render/words.rs, written out by tests/spec.rs; do not\n\
         // edit. `<path>.label` is a parameter's short label, `<path>.help` one plain-language\n\
         // line.\n\nexport const {constant} = {{\n",
    );
    for (k, text) in params {
        out += &format!("  {}: {},\n", json!(k), json!(text));
    }
    out += "};\n\n/** The charts' words, `{}` where a value goes: render()'s `options.words` is these\n";
    out += " * joined by newlines. */\n";
    out += "export const CHART_WORDS = [\n";
    for &word in Word::ALL {
        out += &format!("  {}, // {}\n", json!(chart(word)), word.key());
    }
    out + "];\n"
}

/// A number as the docs write it: `1e12`, `0.000001`, `125`.
fn doc_number(x: f64) -> String {
    let short = format!("{x:e}");
    if x.abs() >= 1e5 && short.len() <= 5 {
        short
    } else {
        format!("{x}")
    }
}

fn docs_table() -> String {
    let mut out = format!(
        "{BEGIN}\n\n| parameter | kind | allowed | unit | default | changing it redoes |\n|---|---|---|---|---|---|\n"
    );
    for p in PARAMS {
        let (kind, values) = kind_name(p.kind);
        let allowed = match (p.range, values) {
            (Some(r), None) if matches!(p.kind, Kind::List) => {
                format!("{} to {} items", doc_number(r.min), doc_number(r.max))
            }
            (Some(r), Some(v)) => {
                let names = v.iter().map(|n| format!("`\"{n}\"`")).collect::<Vec<_>>().join(", ");
                format!("{names}, or {} to {} rows", doc_number(r.min), doc_number(r.max))
            }
            (Some(r), None) => {
                let open = if r.min_excluded { "(" } else { "[" };
                let or_null = if p.kind == Kind::NumberOrNull { " or `null`" } else { "" };
                format!("{open}{}, {}]{or_null}", doc_number(r.min), doc_number(r.max))
            }
            (None, Some(v)) => {
                v.iter().map(|n| format!("`\"{n}\"`")).collect::<Vec<_>>().join(", ")
            }
            (None, None) if p.kind == Kind::Bool => "`true`, `false`".to_owned(),
            (None, None) => "an object or `null`".to_owned(),
        };
        let default = match default_of(p) {
            Some(Value::Number(n)) => doc_number(n.as_f64().unwrap()),
            Some(v) => format!("`{v}`"),
            None => String::new(),
        };
        out += &format!(
            "| `{}` | {kind} | {allowed} | {} | {default} | {} |\n",
            p.path,
            p.unit,
            p.invalidates.name()
        );
    }
    out + "\n" + END
}

/// Compares a generated file with the stored one, writing it first under UPDATE_FIXTURES.
fn check_generated(path: &str, now: &str) {
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(path, now).unwrap();
    }
    let stored = std::fs::read_to_string(path).unwrap_or_default();
    assert!(stored == now, "{path} is not what the parameter table gives; see tests/spec.rs");
}

#[test]
fn the_pages_copy_is_what_the_table_gives() {
    check_generated(PARAMS_JS, &params_js());
    check_generated(WORDS_JS, &words_js("English", "WORDS_EN", words::EN, Word::english));
    check_generated(
        WORDS_ZH_JS,
        &words_js("Simplified Chinese", "WORDS_ZH", words::ZH, Word::chinese),
    );
    check_generated(PRESETS_JS, &presets_js());
    check_generated(RECORDS_JS, &records_js());
    check_generated(PRESETS_JSON, &presets_json());
    check_generated(DEFAULTS_JSON, &(serde_json::to_string(&Params::default()).unwrap() + "\n"));
}

/// The presets as the WebAssembly build's `presets()` returns them: `model::presets::presets()`
/// as JSON, one preset a line.
fn presets_json() -> String {
    let rows: Vec<String> = leverage_cascade::model::presets::presets()
        .iter()
        .map(|p| serde_json::to_string(p).unwrap())
        .collect();
    format!("[\n{}\n]\n", rows.join(",\n"))
}

/// The historical presets' records (`src/model/record.rs`, `RECORDS`), by preset id.
fn records_js() -> String {
    use leverage_cascade::model::record::RECORDS;
    let mut out = String::from(
        "// The published record of each historical preset: src/model/record.rs's RECORDS, written\n\
         // out by tests/spec.rs; do not edit. Each figure's `key` names the model's counterpart\n\
         // (www/lab/record.js computes it; \"context\" has none) on the venues of its `scope`\n\
         // (\"market\": both venues' liquidations, ADL and open interest, the first's price and fund;\n\
         // \"firstVenue\", \"secondVenue\": that venue alone); `tolerance` is how far outside the\n\
         // range a replay may lie and still match (null: held out of the calibration);\n\
         // `scenario` is the run of compare() under the venue's own rules of the day.\n\n\
         export const RECORDS_EN = {\n",
    );
    for r in RECORDS {
        out +=
            &format!("  {}: {{\n    market: {},\n    figures: [\n", json!(r.id), json!(r.market));
        for f in r.figures {
            use leverage_cascade::model::record::Tolerance;
            let tolerance = match f.measure.tolerance() {
                Some(Tolerance::Relative(r)) => json!({ "relative": r }),
                Some(Tolerance::Factor(x)) => json!({ "factor": x }),
                Some(Tolerance::Points(p)) => json!({ "points": p }),
                None => json!(null),
            };
            let links: Vec<_> =
                f.links.iter().map(|l| json!({ "name": l.name, "url": l.url })).collect();
            out += &format!(
                "      {{ key: {}, scope: {}, label: {}, low: {}, high: {}, tolerance: {}, asPublished: {}, source: {}, links: {} }},\n",
                json!(f.measure.key()),
                json!(f.scope.key()),
                json!(unbroken(f.label)),
                json!(f.low),
                json!(f.high),
                tolerance,
                json!(unbroken(f.as_published)),
                json!(unbroken(f.source)),
                json!(links)
            );
        }
        let path: Vec<_> = r
            .path
            .iter()
            .map(|p| json!({ "seconds": p.seconds, "price": p.price, "label": unbroken(p.label) }))
            .collect();
        let path_links: Vec<_> =
            r.path_links.iter().map(|l| json!({ "name": l.name, "url": l.url })).collect();
        out += &format!(
            "    ],\n    leftOut: {},\n    scenario: {},\n    path: {},\n    pathSource: {},\n    pathLinks: {},\n  }},\n",
            json!(unbroken(r.left_out)),
            json!(r.rules.scenario()),
            json!(path),
            json!(r.path_source),
            json!(path_links)
        );
    }
    out + "};\n"
}

/// The presets' English summaries (`src/model/presets.rs`, `SUMMARIES_EN`), by id.
fn presets_js() -> String {
    let mut out = String::from(
        "// What each preset shows, in English: src/model/presets.rs's SUMMARIES_EN, written out\n\
         // by tests/spec.rs; do not edit.\n\nexport const PRESETS_EN = {\n",
    );
    for (id, text) in leverage_cascade::model::presets::SUMMARIES_EN {
        out += &format!("  {}: {},\n", json!(id), json!(unbroken(text)));
    }
    out + "};\n"
}

/// `text` with a no-break space before each " %", so that a line never starts with the sign
/// (the page's copies of the summaries and records; the Rust text keeps plain spaces).
fn unbroken(text: &str) -> String {
    text.replace(" %", "\u{a0}%")
}

#[test]
fn the_docs_table_is_what_the_table_gives() {
    let doc = std::fs::read_to_string(MODEL_MD).unwrap();
    let (Some(a), Some(b)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("{MODEL_MD} lacks the markers {BEGIN} … {END}")
    };
    let now = format!("{}{}{}", &doc[..a], docs_table(), &doc[b + END.len()..]);
    check_generated(MODEL_MD, &now);
}

#[test]
fn every_name_of_every_enum_row_reads_and_writes_back() {
    // The reader sets an enum by the index of its name in the row (fill.rs, `choose!`): each
    // name must come back out of serde's writer as itself.
    for p in PARAMS {
        let Kind::Enum(names) = p.kind else { continue };
        for name in names {
            let mut v = base_for(p);
            if p.path.starts_with("positions[]") {
                v["positions"] =
                    json!([{"side": "long", "notional": 1e6, "leverage": 10, "entry": 100}]);
            }
            if p.path.starts_with("secondVenue.") {
                v["secondVenue"] = json!({});
            }
            set_path(&mut v, p.path, json!(name));
            let params = Params::deserialize_from(v).unwrap_or_else(|e| panic!("{}: {e}", p.path));
            let back = serde_json::to_value(&params).unwrap();
            assert_eq!(get_path(&back, p.path), json!(name), "{}", p.path);
        }
    }
}
