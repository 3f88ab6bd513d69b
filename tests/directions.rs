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

/// The fall (or squeeze) of a run, in %: with two venues, the deeper venue's. A halt on one
/// venue moves its sellers to the other (simulate.rs), so the halted venue's own fall can shrink
/// as the cascade speeds up and trips the halt earlier; the market's deepest fall does not
/// (docs/MODEL.md, "Two venues"; tests/venues.rs checks each venue where no breaker is on).
fn fall(params: &Params) -> f64 {
    deepest(&simulate(params).unwrap())
}

/// The deeper of a run's venues' moves.
fn deepest(o: &leverage_cascade::model::Outcome) -> f64 {
    let second = o.second_venue.as_ref().map_or(0.0, |v| v.summary.max_move_pct);
    o.summary.max_move_pct.max(second)
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
    // book more slowly cannot move the price further. Without a breaker: its halts depend on
    // when the price crosses a level, which the throttle moves, so they change what is
    // liquidated, not how the same liquidations are sold.
    let caps = [None, Some(5e7), Some(2e7), Some(1e7), Some(5e6), Some(2e6)];
    let mut reversals = Vec::new();
    for (id, base) in markets() {
        for leverage in LEVERAGE {
            let mut falls = Vec::new();
            for cap in caps {
                let mut p = Params {
                    leverage,
                    impact_law: ImpactLaw::Sqrt,
                    circuit_breaker: None,
                    ..base.clone()
                };
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

/// Checks that `falls` never drops more than the tolerance below an earlier value; returns the
/// first reversal as text.
fn first_reversal(grid: &[f64], falls: &[f64]) -> Option<String> {
    let mut best = (grid[0], falls[0]);
    for (&x, &f) in grid.iter().zip(falls) {
        if f < best.1 - TOLERANCE_PP {
            return Some(format!("{:.2} % at {x} after {:.2} % at {}", f, best.1, best.0));
        }
        if f > best.1 {
            best = (x, f);
        }
    }
    None
}

#[test]
fn a_thinner_book_never_gives_a_smaller_fall() {
    // The book thinned is the first venue's, so the fall is that venue's own (a second venue's
    // book is thinned in tests/venues.rs).
    let depths = [4e8, 2e8, 1e8, 6e7, 4e7, 2e7, 1e7];
    let mut reversals = Vec::new();
    for (id, base) in markets() {
        for leverage in [5.0, 12.0, 30.0] {
            let falls: Vec<f64> = depths
                .iter()
                .map(|&d| {
                    let p = Params { depth_per_pct: d, leverage, ..base.clone() };
                    simulate(&p).unwrap().summary.max_move_pct
                })
                .collect();
            let thinness: Vec<f64> = depths.iter().map(|d| 1e9 / d).collect();
            if let Some(r) = first_reversal(&thinness, &falls) {
                reversals.push(format!("{id} at {leverage}x: {r}"));
            }
        }
    }
    assert!(reversals.is_empty(), "{}", reversals.join("\n"));
}

/// A run's fall, and what explains a reversal: the notional auto-deleveraged, and whether the
/// cascade took the whole side the shock pushes against (after which more leverage can change
/// only when things are sold, not what).
struct Run {
    fall: f64,
    adl: f64,
    /// What the dip buyers spent, USD.
    bought: f64,
    saturated: bool,
    /// The halt level the fall stopped just past (within 1 pp), if a breaker caught it.
    caught_at: Option<f64>,
}

fn run(params: &Params) -> Run {
    let o = simulate(params).unwrap();
    let fall = deepest(&o);
    let s = o.summary;
    let side = if params.shock_pct < 0.0 { params.long_share } else { 1.0 - params.long_share };
    let levels = params.circuit_breaker.as_ref().map_or(&[][..], |b| &b.levels_pct[..]);
    let caught_at = if s.halts > 0 {
        levels.iter().copied().find(|&l| fall >= l && fall < l + 1.0)
    } else {
        None
    };
    Run {
        fall,
        adl: s.adl_notional,
        bought: s.dip_buyers_spent,
        saturated: s.liquidated_notional >= 0.999 * side * s.open_interest,
        caught_at,
    }
}

#[test]
fn more_leverage_never_gives_a_smaller_fall() {
    // Four named exceptions, each checked rather than waved through:
    // - with ADL on, a smaller fall at higher leverage must come with more auto-deleveraging:
    //   ADL closes bankrupt positions against profitable opposite ones off the book, so a
    //   faithful ADL brakes the fall (docs/MODEL.md, "Directions");
    // - once the whole side is liquidated at both leverages, what is sold no longer grows with
    //   leverage, only its timing moves: there the fall may differ by up to 0.5 pp;
    // - a breaker stops falls just past its levels: where both falls end within 1 pp past the
    //   same level, leverage moves only when the level trips, and the fall may differ by up to
    //   0.5 pp.
    // - dip buyers (buyers.rs) are a brake the fall itself engages: a faster fall at higher
    //   leverage keeps the price below their threshold longer, so they buy more, and the deepest
    //   point can come out up to 1 pp higher. Where both runs liquidated the whole side and the
    //   smaller fall comes with more of their capital spent, the fall may differ by up to 1 pp
    //   (oct-2025 at 30x and more).
    let mut reversals = Vec::new();
    for (id, base) in markets() {
        for adl in [true, false] {
            let runs: Vec<Run> = LEVERAGE
                .iter()
                .map(|&leverage| {
                    let mut p = Params { leverage, ..base.clone() };
                    p.liquidation.adl = adl;
                    run(&p)
                })
                .collect();
            let mut best = 0;
            for (j, r) in runs.iter().enumerate() {
                let b = &runs[best];
                let caught = b.caught_at.is_some() && b.caught_at == r.caught_at;
                let both_saturated = b.saturated && r.saturated;
                let tolerance = if r.bought > b.bought && both_saturated {
                    1.0
                } else if both_saturated || caught {
                    0.5
                } else {
                    TOLERANCE_PP
                };
                let braked_by_adl = adl && r.adl > b.adl;
                if r.fall < b.fall - tolerance && !braked_by_adl {
                    reversals.push(format!(
                        "{id}, ADL {}: {:.2} % at {}x after {:.2} % at {}x (ADL {:.3e} vs {:.3e})",
                        if adl { "on" } else { "off" },
                        r.fall,
                        LEVERAGE[j],
                        b.fall,
                        LEVERAGE[best],
                        r.adl,
                        b.adl
                    ));
                }
                if r.fall > b.fall {
                    best = j;
                }
            }
        }
    }
    assert!(reversals.is_empty(), "{}", reversals.join("\n"));
}

#[test]
fn more_dip_buyers_capital_never_deepens_a_fall() {
    // Dip buyers only buy (buyers.rs): more of their capital can only hold the price up. One
    // named exception, checked as in the leverage test: with ADL on, a deeper fall with more
    // capital must come with less auto-deleveraging. Under "binance" rules buying lets more
    // liquidation orders fill on the book at their bankruptcy price, so fewer reach the fund
    // and ADL, whose closing off the book brakes the fall.
    let capital = [0.0, 1e7, 1e8, 1e9, 1e10];
    let mut reversals = Vec::new();
    for (id, base) in markets() {
        for leverage in [3.0, 12.0, 30.0, 75.0] {
            for (discount, adl) in [(2.0, true), (10.0, true), (2.0, false), (10.0, false)] {
                let runs: Vec<Run> = capital
                    .iter()
                    .map(|&c| {
                        let mut p = Params {
                            leverage,
                            dip_buyer_capital: c,
                            dip_buyer_discount_pct: discount,
                            ..base.clone()
                        };
                        p.liquidation.adl = adl;
                        run(&p)
                    })
                    .collect();
                for i in 1..runs.len() {
                    let (was, now) = (&runs[i - 1], &runs[i]);
                    let unbraked = adl && now.adl < was.adl;
                    if now.fall > was.fall + TOLERANCE_PP && !unbraked {
                        let falls: Vec<f64> = runs.iter().map(|r| r.fall).collect();
                        reversals.push(format!(
                            "{id} at {leverage}x, ADL {adl}, buying from {discount} % down: \
                             {falls:.2?}"
                        ));
                        break;
                    }
                }
            }
        }
    }
    assert!(reversals.is_empty(), "{}", reversals.join("\n"));
}
