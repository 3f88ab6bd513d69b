//! Directions over grids of params (issue 14): what the lab shows must point the right way
//! everywhere, not only at the defaults. Each check runs over leverage 2–100 at the defaults and
//! in every preset, with a tolerance of 0.25 percentage points of fall.
//!
//! Square-root impact with memory (market.rs) makes throttling safe; the directions of leverage
//! and depth come with the liquidation engine's venue rules.

use leverage_cascade::model::presets::presets;
use leverage_cascade::model::{simulate, ImpactLaw, Params};

/// Percentage points a fall may go against the direction before it counts as a reversal.
const TOLERANCE_PP: f64 = 0.25;

const LEVERAGE: [f64; 14] =
    [2.0, 3.0, 5.0, 8.0, 12.0, 16.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 75.0, 100.0];

/// The fall (or squeeze) of a run, in %.
fn fall(params: &Params) -> f64 {
    simulate(params).unwrap().summary.max_move_pct
}

/// Every market the grids start from: the defaults and each preset, at 20,000 traders (the same
/// shape as their 100,000, in a fifth of the time).
fn markets() -> Vec<(String, Params)> {
    presets()
        .into_iter()
        .map(|p| (p.id.to_string(), Params { traders: 20_000, ..p.params }))
        .collect()
}

#[test]
fn throttling_the_same_liquidations_never_deepens_a_square_root_fall() {
    // Under the square-root law with memory (market.rs), sending the same liquidations to the
    // book more slowly cannot move the price further.
    let caps = [None, Some(5e7), Some(2e7), Some(1e7), Some(5e6), Some(2e6)];
    let mut reversals = Vec::new();
    for (id, base) in markets() {
        for leverage in LEVERAGE {
            let mut falls = Vec::new();
            for cap in caps {
                let mut p = Params { leverage, impact_law: ImpactLaw::Sqrt, ..base.clone() };
                p.liquidation.max_per_tick = cap;
                falls.push(fall(&p));
            }
            // Falls must not rise as the cap tightens.
            let worst = falls.iter().skip(1).fold(f64::NEG_INFINITY, |m, &f| m.max(f));
            if worst > falls[0] + TOLERANCE_PP {
                reversals
                    .push(format!("{id} at {leverage}x: uncapped {:.2} %, {falls:.2?}", falls[0]));
            }
        }
    }
    assert!(reversals.is_empty(), "{}", reversals.join("\n"));
}
