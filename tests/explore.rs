//! The explorations: the tipping-point map and the crash-size distribution.

use leverage_cascade::model::explore::{
    monte_carlo, sweep, Axis, Metric, MonteCarloSpec, ShockLaw, ShockSpec, SweepSpec,
};
use leverage_cascade::model::{simulate, Params, Scratch};

fn small() -> Params {
    Params { traders: 20_000, ticks: 300, ..Params::default() }
}

#[test]
fn amplification_rises_across_the_critical_line() {
    // Depth from 2.5e8 down to 4e7 takes the peak branching ratio of the default market from
    // about 0.3 to about 2.
    let spec = SweepSpec {
        x: Axis { field: "depthPerPct".into(), from: 2.5e8, to: 4e7, steps: 12 },
        y: Axis { field: "shockPct".into(), from: -5.0, to: -5.0, steps: 1 },
        metric: Metric::Amplification,
    };
    let grid = sweep(&small(), &spec, &mut Scratch::default(), |_, _| true).unwrap();
    let at = |n: f64| {
        let i = grid.branching.iter().position(|&b| b >= n).expect("n range covered");
        grid.values[i]
    };
    assert!(
        grid.branching[0] < 0.5 && *grid.branching.last().unwrap() > 1.5,
        "{:?}",
        grid.branching
    );
    let (below, above) = (at(0.5), at(1.5));
    assert!(above > 1.5 * below, "amplification {below} at n = 0.5, {above} at n = 1.5");
    // Monotone enough to read as a map: no cell beyond the line amplifies less than one before it.
    let first_runaway = grid.branching.iter().position(|&b| b >= 1.0).unwrap();
    let worst_before = grid.values[..first_runaway].iter().cloned().fold(0.0, f64::max);
    assert!(grid.values[first_runaway..].iter().all(|&v| v >= worst_before * 0.95));
}

#[test]
fn every_cell_of_a_sweep_is_its_market_simulated_alone() {
    // The sweep reuses what cells share (the draws, sized again; the population, lent to each
    // run, and lent once, with nothing put back, when the next cell needs another; under one
    // margin tier, the same positions sized again when only their sizes change): each cell
    // must still be the market its params describe, bit for bit.
    use leverage_cascade::model::explore::with_field;
    use leverage_cascade::model::MarginTiers;
    let flat = Params { traders: 3_000, ticks: 200, leverage: 15.0, ..Params::default() };
    // Tiers: a position's size sets its tier, so other sizes make other positions.
    let tiered = Params { margin_tiers: MarginTiers::Standard, ..flat.clone() };
    let axis = |field: &str, from, to| Axis { field: field.into(), from, to, steps: 3 };
    let specs = [
        (&flat, axis("whaleConcentration", 0.0, 1.0), axis("leverage", 5.0, 40.0)),
        (&tiered, axis("whaleConcentration", 0.0, 1.0), axis("leverage", 5.0, 40.0)),
        (&flat, axis("depthPerPct", 2e7, 2e8), axis("shockPct", -3.0, -9.0)),
        (&flat, axis("openInterest", 5e8, 4e9), axis("seed", 1.0, 3.0)),
    ];
    for (base, x, y) in specs {
        let spec = SweepSpec { x: x.clone(), y: y.clone(), metric: Metric::MaxDrawdownPct };
        let grid = sweep(base, &spec, &mut Scratch::default(), |_, _| true).unwrap();
        for (j, &yv) in grid.y.iter().enumerate() {
            for (i, &xv) in grid.x.iter().enumerate() {
                let cell =
                    with_field(&with_field(base, &y.field, yv, "y").unwrap(), &x.field, xv, "x")
                        .unwrap();
                let alone = simulate(&cell).unwrap().summary;
                let k = j * grid.x.len() + i;
                assert_eq!(
                    grid.values[k].to_bits(),
                    alone.max_drawdown_pct.to_bits(),
                    "{:?}: {} {xv}, {} {yv}",
                    base.margin_tiers,
                    x.field,
                    y.field
                );
                assert_eq!(grid.branching[k].to_bits(), alone.peak_branching_ratio.to_bits());
            }
        }
    }
}

#[test]
fn sweep_rejects_bad_axes_by_name() {
    let spec = |field: &str, to: f64| SweepSpec {
        x: Axis { field: field.into(), from: 1.0, to, steps: 3 },
        y: Axis { field: "shockPct".into(), from: -5.0, to: -1.0, steps: 2 },
        metric: Metric::MaxDrawdownPct,
    };
    assert_eq!(
        sweep(&small(), &spec("levrage", 10.0), &mut Scratch::default(), |_, _| true)
            .unwrap_err()
            .field,
        "x.field"
    );
    assert_eq!(
        sweep(&small(), &spec("leverage", 500.0), &mut Scratch::default(), |_, _| true)
            .unwrap_err()
            .field,
        "leverage"
    );
    assert_eq!(
        sweep(&small(), &spec("leverage", f64::NAN), &mut Scratch::default(), |_, _| true)
            .unwrap_err()
            .field,
        "x.to"
    );
}

fn mc(params: &Params, runs: u32) -> leverage_cascade::model::explore::MonteCarlo {
    let spec = MonteCarloSpec {
        runs,
        shock: ShockSpec { distribution: ShockLaw::Normal, scale_pct: 2.0 },
    };
    monte_carlo(params, &spec, &mut Scratch::default(), |_, _| true).unwrap()
}

#[test]
fn explorations_over_the_shock_size_it_as_a_move_even_when_the_lab_sells_dollars() {
    // A program in dollars gives the shock only its direction; the crash-size runs and a
    // shock axis set its size, so they run it as a move: the same outcomes as without dollars.
    let dollars = Params { shock_usd: Some(3e8), shock_ticks: 20, ..small() };
    let plain = Params { shock_usd: None, ..dollars.clone() };
    assert_eq!(mc(&dollars, 50).moves, mc(&plain, 50).moves);
    let spec = SweepSpec {
        x: Axis { field: "shockPct".into(), from: -10.0, to: -2.0, steps: 3 },
        y: Axis { field: "leverage".into(), from: 5.0, to: 15.0, steps: 2 },
        metric: Metric::Amplification,
    };
    let run = |p: &Params| sweep(p, &spec, &mut Scratch::default(), |_, _| true).unwrap().values;
    let values = run(&dollars);
    assert_eq!(values, run(&plain));
    assert!(values[0] != values[2], "the shock axis moves the result");
}

#[test]
fn without_leverage_the_moves_are_the_shocks() {
    let out = mc(&Params { leverage: 1.0, traders: 2_000, ticks: 50, ..Params::default() }, 300);
    for (s, m) in out.shocks.iter().zip(&out.moves) {
        // A long at 1x cannot be liquidated; shorts at 1x only by a 100 % squeeze.
        assert!((s - m).abs() < 1e-9 * s.abs().max(1.0), "shock {s}, move {m}");
    }
    assert!((out.move_kurtosis - out.shock_kurtosis).abs() < 1e-9);
}

#[test]
fn leverage_fattens_the_tails() {
    // 12x traders who entered close to today's price: their liquidation prices sit in a band
    // about 8 % away, so most shocks pass untouched and the rare large ones set off a cascade.
    let market = Params {
        leverage: 12.0,
        entry_spread_pct: 1.0,
        traders: 5_000,
        ticks: 200,
        ..Params::default()
    };
    let out = mc(&market, 600);
    assert!(out.shock_kurtosis.abs() < 1.0, "normal shocks: {}", out.shock_kurtosis);
    assert!(out.move_kurtosis > 2.0, "excess kurtosis of moves {}", out.move_kurtosis);
    assert!(out.move_tail_share > out.shock_tail_share);
}
