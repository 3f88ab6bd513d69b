//! Fat tails over time (cycles.rs): the returns of one long path where liquidated traders come
//! back with procyclical leverage, against the noise alone.

use leverage_cascade::model::cycles::{cycles, Cycles, CyclesSpec};
use leverage_cascade::model::{Params, Scratch};

const LEVERAGE: [f64; 4] = [1.0, 5.0, 10.0, 20.0];

fn run(leverage: f64, seed: u64) -> Cycles {
    let params = Params { leverage, seed, traders: 2_000, ..Params::default() };
    cycles(&params, &CyclesSpec::default(), &mut Scratch::default()).unwrap()
}

#[test]
fn leverage_fattens_the_tails_of_returns_over_time_on_every_seed() {
    for seed in 1..=5 {
        let runs: Vec<Cycles> = LEVERAGE.iter().map(|&l| run(l, seed)).collect();
        let figures: Vec<String> = runs
            .iter()
            .map(|c| {
                format!("tail {:.4} Hill {:?} kurtosis {:.2}", c.tail_share, c.hill, c.kurtosis)
            })
            .collect();
        let say = || format!("seed {seed}: {figures:?}");
        // At 1x nobody is liquidated: the returns are the noise's, a bell curve.
        let one = &runs[0];
        assert!(one.kurtosis.abs() < 0.3, "{}", say());
        assert!((one.kurtosis - one.baseline_kurtosis).abs() < 0.05, "{}", say());
        for w in runs.windows(2) {
            // More leverage: at least as many returns beyond 4 σ of the noise, and a smaller
            // tail index beyond 2.5 σ.
            assert!(w[1].tail_share >= w[0].tail_share, "{}", say());
            assert!(w[1].hill.unwrap() < w[0].hill.unwrap(), "{}", say());
        }
        // And at 20x, clearly fatter than the noise: several times its share beyond 4 σ (a bell
        // curve has 6 in 100,000 there) and a tail index under 4.
        let twenty = &runs[3];
        assert!(twenty.tail_share >= 0.005 && twenty.hill.unwrap() < 4.0, "{}", say());
        assert!(twenty.comebacks > 1_000, "{}", say());
    }
}

#[test]
fn leverage_builds_up_in_calm_and_is_cut_by_cascades() {
    // The sawtooth: aggregate leverage climbs while the market is calm and drops when a cascade
    // clears the most leveraged, many times over the path.
    let c = run(20.0, 1);
    let (lo, hi) =
        c.leverage.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    assert!(hi > 2.0 * lo, "leverage between {lo} and {hi}");
    let mut drops = 0;
    for w in c.leverage.windows(2) {
        if w[1] < 0.8 * w[0] {
            drops += 1;
        }
    }
    assert!(drops >= 5, "{drops} sharp drops");
}

#[test]
fn a_bad_spec_is_refused_by_name() {
    let params = Params { traders: 500, ..Params::default() };
    let mut scratch = Scratch::default();
    for (spec, field) in [
        (CyclesSpec { ticks: 10, ..CyclesSpec::default() }, "ticks"),
        (
            CyclesSpec { interval_ticks: 1000, ticks: 20_000, ..CyclesSpec::default() },
            "intervalTicks",
        ),
        (CyclesSpec { noise_pct: 0.0, ..CyclesSpec::default() }, "noisePct"),
        (CyclesSpec { noise_pct: f64::NAN, ..CyclesSpec::default() }, "noisePct"),
        (CyclesSpec { comeback_ticks: 0, ..CyclesSpec::default() }, "comebackTicks"),
    ] {
        let e = cycles(&params, &spec, &mut scratch).unwrap_err();
        assert_eq!(e.field, field, "{e}");
    }
}
