//! The spot index, the mark on it and the arbitrageurs (src/model/index.rs; docs/MODEL.md,
//! "Marks, the index and arbitrage").

use leverage_cascade::model::presets::presets;
use leverage_cascade::model::{simulate, MarkPrice, Params};

fn preset(id: &str) -> Params {
    presets().into_iter().find(|p| p.id == id).expect("preset").params
}

/// Presets whose default run cascades, on a smaller population so the grids stay quick, every
/// venue on the last price (mar-2020's mark on the index is set back: the tests set the mark).
fn cascading() -> Vec<(&'static str, Params)> {
    ["default", "crowded-leverage", "thin-book", "oct-2025", "may-2021", "mar-2020"]
        .into_iter()
        .map(|id| {
            let mut p = Params { traders: 20_000, mark_price: MarkPrice::Last, ..preset(id) };
            if let Some(v) = p.second_venue.as_mut() {
                v.mark_price = MarkPrice::Last;
            }
            (id, p)
        })
        .collect()
}

#[test]
fn on_the_last_price_with_nobody_arbitraging_spot_changes_nothing() {
    // The model of one market (with the arbitrage of a preset that has some taken away): the
    // spot book's depth is never read, and no mark or index series is written. (That the earlier model's numbers are unchanged is the determinism
    // fixture's test.)
    for (id, p) in cascading() {
        let p = Params { arbitrage_capital: 0.0, ..p };
        let base = simulate(&p).unwrap();
        assert!(base.series.mark.is_empty() && base.series.index.is_empty(), "{id}");
        assert_eq!(base.summary.arbitrage_notional, 0.0);
        for spot in [1e4, 1e7, 1e11] {
            let other = simulate(&Params { spot_depth_per_pct: spot, ..p.clone() }).unwrap();
            assert_eq!(base, other, "{id} at spot depth {spot}");
        }
    }
}

#[test]
fn a_mark_on_a_deep_index_liquidates_less_than_the_last_price_of_a_thin_book() {
    // Over every cascading preset, a perpetual book thinned to a half and a fifth, a spot
    // market 2, 5 and 20 times deeper, no arbitrage and some, and three seeds (216 pairs): the
    // same shock never liquidates more on the index than on the last price, beyond a tenth of a
    // percent of open interest (measured: at most 0.014 points more, in two runs of mar-2020 at
    // half depth, where the mark catches up with a runaway perpetual within minutes and both
    // runs liquidate over 70 %); on the fifth-depth book it liquidates less in every case, and
    // at least a point of open interest less in over half.
    let (mut cases, mut fewer, mut a_point) = (0, 0, 0);
    for (id, p) in cascading() {
        for thin in [0.5, 0.2] {
            for deeper in [2.0, 5.0, 20.0] {
                for capital in [0.0, 1e8] {
                    for seed in 1..=3 {
                        let depth = p.depth_per_pct * thin;
                        let last = Params {
                            seed,
                            depth_per_pct: depth,
                            spot_depth_per_pct: depth * deeper,
                            arbitrage_capital: capital,
                            ..p.clone()
                        };
                        let index = Params { mark_price: MarkPrice::Index, ..last.clone() };
                        let (a, b) =
                            (simulate(&last).unwrap().summary, simulate(&index).unwrap().summary);
                        let what =
                            format!("{id} ×{thin} spot ×{deeper} capital {capital} seed {seed}");
                        let (on_last, on_index) = (
                            a.liquidated_notional / a.open_interest,
                            b.liquidated_notional / a.open_interest,
                        );
                        assert!(
                            on_index <= on_last + 1e-3,
                            "{what}: {on_index} of OI vs {on_last}"
                        );
                        if thin == 0.2 {
                            assert!(on_last > 0.0, "{what}");
                            cases += 1;
                            fewer += usize::from(on_index < on_last);
                            a_point += usize::from(on_index <= on_last - 0.01);
                        }
                    }
                }
            }
        }
    }
    assert!(fewer == cases && 2 * a_point > cases, "{fewer} and {a_point} of {cases}");
}

#[test]
fn without_arbitrage_spot_sees_only_the_news() {
    // No noise and no arbitrage: the index is the start price moved by the shock, whatever the
    // cascade does to the perpetual, which falls below it, and the widest basis is at least that far.
    for (id, p) in cascading() {
        let p = Params {
            volatility_pct: 0.0,
            mark_price: MarkPrice::Index,
            arbitrage_capital: 0.0,
            ..p
        };
        let o = simulate(&p).unwrap();
        let news = p.start_price * (1.0 + p.shock_pct / 100.0);
        let after_news = if p.shock_ticks > 1 { p.start_price } else { news };
        for (t, &x) in o.series.index.iter().enumerate() {
            assert!((x / after_news - 1.0).abs() < 1e-12, "{id} tick {t}: {x}");
        }
        assert_eq!(o.summary.arbitrage_notional, 0.0);
        let low = o.series.price.iter().copied().fold(f64::INFINITY, f64::min);
        let below = (low / after_news - 1.0) * 100.0;
        assert!(below < -1.0, "{id}: {below}");
        assert!(o.summary.widest_basis_pct.abs() >= -below - 1e-9, "{id}");
    }
}

#[test]
fn arbitrage_carries_the_selling_to_spot_and_more_capital_carries_more() {
    // The thin-book preset beside a spot market as deep as its book: as the arbitrageurs'
    // capital grows from none, spot ends lower, the perpetual's fall and its widest basis shrink,
    // and with ample capital the basis at every tick's end is their cost or less.
    let p = Params { traders: 20_000, ..preset("thin-book") };
    let p = Params { spot_depth_per_pct: p.depth_per_pct, mark_price: MarkPrice::Index, ..p };
    let mut before: Option<(f64, f64, f64)> = None;
    for capital in [0.0, 1e7, 1e8, 1e9, 1e12] {
        let o = simulate(&Params { arbitrage_capital: capital, ..p.clone() }).unwrap();
        let s = &o.summary;
        let spot_low = o.series.index.iter().copied().fold(f64::INFINITY, f64::min);
        let now = (spot_low, s.max_move_pct, s.widest_basis_pct.abs());
        if let Some((spot, fall, basis)) = before {
            assert!(now.0 <= spot + 1e-9, "capital {capital}: spot low {} vs {spot}", now.0);
            assert!(now.1 <= fall + 1e-9, "capital {capital}: fall {} vs {fall}", now.1);
            assert!(now.2 <= basis + 1e-9, "capital {capital}: basis {} vs {basis}", now.2);
        }
        before = Some(now);
        if capital >= 1e12 {
            assert!(s.arbitrage_notional > 0.0);
            for (t, (&x, &i)) in o.series.price.iter().zip(&o.series.index).enumerate() {
                let basis = (x / i).ln().abs();
                assert!(basis <= leverage_cascade::model::index::COST + 1e-12, "tick {t}: {basis}");
            }
        }
    }
}
