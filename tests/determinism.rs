//! The same params give the same numbers on every platform.
//!
//! `tests/fixtures/determinism.json` (pretty-printed: one value per line) holds, for a few markets that exercise every mechanism, the
//! params and the full outcome computed natively. This test checks that the native build still
//! reproduces it; `tests/web.rs` checks the WebAssembly build against the same file in a browser.
//! After a deliberate change to the model (and a MODEL_VERSION bump), regenerate it with
//! `UPDATE_FIXTURES=1 cargo test --test determinism`.

use leverage_cascade::model::{simulate, Params};
use serde_json::{json, Value};

const FIXTURE: &str = "tests/fixtures/determinism.json";

/// Markets chosen to run every code path: noise, the square-root law, partial liquidation with a
/// throttle and a backstop, tiers, a breaker with the magnet effect, an empty fund with ADL, a
/// squeeze, a sell program into a book that withdraws, met by dip buyers and new shorts, a
/// program in dollars on a venue that marks on a spot index, with arbitrageurs and a breaker,
/// and a second venue of its own, smaller and more leveraged traders on Hyperliquid's rules.
fn markets() -> Vec<Params> {
    let base = Params { traders: 20_000, ticks: 300, ..Params::default() };
    let json = [
        json!({"volatilityPct": 0.3, "seed": 7}),
        json!({"impactLaw": "sqrt", "marginTiers": "strict", "leverage": 30,
               "liquidation": {"mode": "partial", "maxPerTick": 5e6, "backstopCapacity": 5e7}}),
        json!({"depthPerPct": 3e7, "permanentImpact": 0.3,
               "circuitBreaker": {"levelsPct": [5, 10, 15], "haltTicks": 30, "magnetSellShare": 0.4}}),
        json!({"depthPerPct": 2e7, "leverage": 25, "insuranceFund": 1e5, "marginTiers": "standard"}),
        json!({"shockPct": 8, "longShare": 0.3, "volatilityPct": 0.1}),
        json!({"leverage": 20, "shockTicks": 20, "liquidityWithdrawal": 0.6, "dipBuyerCapital": 2e8,
               "dipBuyerDiscountPct": 6, "momentumShorts": 0.6, "volatilityPct": 0.05}),
        json!({"depthPerPct": 3e7, "markPrice": "index", "spotDepthPerPct": 2e8,
               "arbitrageCapital": 5e7, "shockUsd": 2e8, "shockTicks": 5, "volatilityPct": 0.05,
               "circuitBreaker": {"levelsPct": [6, 12], "haltTicks": 20}}),
        json!({"leverage": 10, "momentumShorts": 0.5, "arbitrageCapital": 5e7,
               "secondVenue": {"depthPerPct": 5e6, "insuranceFund": 2e5, "openInterest": 2e8,
                               "leverage": 20, "rules": "hyperliquid"}}),
    ];
    json.iter()
        .map(|changes| {
            let mut v = serde_json::to_value(&base).unwrap();
            for (k, val) in changes.as_object().unwrap() {
                v[k] = val.clone();
            }
            Params::deserialize_from(v).unwrap()
        })
        .collect()
}

fn fixture() -> Value {
    let cases: Vec<Value> =
        markets().iter().map(|p| json!({ "params": p, "outcome": simulate(p).unwrap() })).collect();
    json!({ "modelVersion": leverage_cascade::model::MODEL_VERSION, "cases": cases })
}

#[test]
fn native_results_match_the_stored_fixture() {
    let now = fixture();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        // One value per line, so a change to the model shows as a readable diff.
        std::fs::write(FIXTURE, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
    }
    let stored: Value =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE).expect("fixture file")).unwrap();
    assert_eq!(stored, now, "the model's output changed; see the module docs");
}
