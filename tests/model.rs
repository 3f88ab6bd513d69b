//! Known-answer, closed-form, literature and bad-input tests of the model.

use leverage_cascade::model::margin::{bankruptcy_price, liquidation_price, TierTable};
use leverage_cascade::model::presets::presets;
use leverage_cascade::model::{
    compare, simulate, CircuitBreaker, ErrorKind, LiquidationParams, MarginTiers, Outcome, Params,
    PositionSpec, Side, Summary, TierSpec,
};

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1e-300)
}

// ---- Margin: DOMAIN.md §1 and §2 worked examples ----

#[test]
fn binance_maintenance_amounts() {
    let t = TierTable::for_params(&MarginTiers::Standard, 0.0);
    // 250,000 × (1 % − 0.5 %) + 50 = 1,300 USDT.
    assert!(close(t.tier_for(500_000.0).cum, 1_300.0, 1e-12));
    assert!(close(t.tier_for(100_000.0).cum, 50.0, 1e-12));
    // A 264,000 USDT position sits in the 1 % tier.
    assert!(close(t.tier_for(264_000.0).mmr, 0.01, 1e-12));
    // Bounds are inclusive: exactly 50,000 is still the first tier.
    assert!(close(t.tier_for(50_000.0).mmr, 0.004, 1e-12));
    // Continuity: maintenance margin is the same just below and above each boundary.
    for tier in t.tiers().iter().take(9) {
        let below = t.maintenance_margin(tier.up_to);
        let above = t.maintenance_margin(tier.up_to * (1.0 + 1e-12));
        assert!(close(below, above, 1e-9), "jump at {}", tier.up_to);
    }
}

#[test]
fn the_fee_to_close_in_maintenance_liquidates_earlier_by_its_amount() {
    // Maintenance plus the estimated fee to close, f = 0.06 % of the value at bankruptcy
    // (OKX, Bybit's unified account, BitMEX: DOMAIN.md §3). Long 10x at MMR 0.5 %, entry 100:
    // bankruptcy 90, fee 0.054 a coin, so P_liq = (90 + 0.054) ÷ 0.995 = 90.5065…, against
    // 90 ÷ 0.995 = 90.4523 without it. Short: (110 − 0.066) ÷ 1.005 = 109.3871….
    let table = TierTable::for_params(&MarginTiers::None, 0.5).with_closing_fee(0.06);
    let long = liquidation_price(Side::Long, 100.0, 10.0, 3.0, &table);
    assert!(close(long, (90.0 + 90.0 * 0.0006) / 0.995, 1e-12), "{long}");
    let short = liquidation_price(Side::Short, 100.0, 10.0, 3.0, &table);
    assert!(close(short, (110.0 - 110.0 * 0.0006) / 1.005, 1e-12), "{short}");
    // At the liquidation price, equity equals maintenance plus the fee, per coin.
    let equity = 10.0 + (long - 100.0);
    assert!(close(equity, long * 0.005 + 90.0 * 0.0006, 1e-9));
    // Through the params: the same market liquidates at least as much with the fee in maintenance,
    // over a grid of leverage.
    // (Model version 1 left the fee out of generated populations, so this held trivially; now
    // the fee moves every generated liquidation price, and the grid must show more liquidated.)
    let mut more = 0;
    for leverage in [3.0, 8.0, 15.0, 30.0, 60.0] {
        let base = Params { traders: 5_000, ticks: 200, leverage, ..Params::default() };
        let with_fee = Params { closing_fee_pct: 0.06, ..base.clone() };
        let (a, b) = (simulate(&base).unwrap().summary, simulate(&with_fee).unwrap().summary);
        assert!(b.liquidated_notional >= a.liquidated_notional - 1e-6, "{leverage}x");
        more += usize::from(b.liquidated_notional > a.liquidated_notional);
    }
    assert!(more >= 3, "the fee liquidated more at only {more} of 5 leverages");
}

#[test]
fn liquidation_prices_match_the_worked_examples() {
    let tier = TierTable::for_params(&MarginTiers::None, 0.4);
    // Long 10x at MMR 0.4 %: liquidated 9.64 % below entry.
    let p = liquidation_price(Side::Long, 100.0, 10.0, 1.0, &tier);
    assert!(close(p, 100.0 * 0.9 / 0.996, 1e-12));
    assert!(((1.0 - p / 100.0) * 100.0 - 9.64).abs() < 0.005);
    // 125x at 0.4 %: 0.40 % below entry.
    let p = liquidation_price(Side::Long, 100.0, 125.0, 1.0, &tier);
    assert!(((1.0 - p / 100.0) * 100.0 - 0.40).abs() < 0.005);
    // Short: entry × (1 + 1/L) ÷ (1 + MMR).
    let p = liquidation_price(Side::Short, 100.0, 10.0, 1.0, &tier);
    assert!(close(p, 110.0 / 1.004, 1e-12));
    // Bankruptcy prices.
    assert!(close(bankruptcy_price(Side::Long, 100.0, 10.0), 90.0, 1e-12));
    assert!(close(bankruptcy_price(Side::Short, 100.0, 4.0), 125.0, 1e-12));
}

#[test]
fn liquidation_price_with_a_maintenance_amount_solves_equity_equals_maintenance() {
    let t = TierTable::for_params(&MarginTiers::Standard, 0.0);
    // A 500,000 USDT long at 20x entered at 50,000: tier 1 %, cum 1,300.
    let (entry, lev, notional) = (50_000.0, 20.0, 500_000.0);
    let qty = notional / entry;
    let p = liquidation_price(Side::Long, entry, lev, qty, &t);
    // At the liquidation price the position is in the tier of its notional there.
    let tier = *t.tier_for(qty * p);
    let equity = notional / lev + qty * (p - entry);
    let maintenance = qty * p * tier.mmr - tier.cum;
    assert!((equity - maintenance).abs() < 1e-6, "equity {equity} vs mm {maintenance}");
    // The shortcut entry × (1 − 1/L + MMR) is close but not the answer.
    assert!((p - entry * (1.0 - 1.0 / lev + tier.mmr)).abs() > 1.0);
}

#[test]
fn the_tier_is_the_one_at_the_liquidation_price_as_binance_computes_it() {
    // Binance's FAQ computes the liquidation price with the tier of the position's notional at
    // that price. A $20.4 M 5x long at 100,000 (204 BTC) is in the 10 % tier at entry (cum
    // 1,266,300), which gives (80,000 − 1,266,300 ÷ 204) ÷ 0.9 = 81,992; but there its notional is
    // $16.7 M, in the 5 % tier (cum 266,300): (80,000 − 266,300 ÷ 204) ÷ 0.95 = 82,836, whose
    // notional, $16.9 M, is in that tier.
    let t = TierTable::for_params(&MarginTiers::Standard, 0.0);
    let p = liquidation_price(Side::Long, 100_000.0, 5.0, 204.0, &t);
    assert!(close(p, (80_000.0 - 266_300.0 / 204.0) / 0.95, 1e-12), "{p}");
    assert_eq!(p.round(), 82_836.0);
    let (index, tier) = t.liquidation_tier(Side::Long, 20.4e6, 5.0);
    assert_eq!((index, tier.mmr), (4, 0.05));
    // A short's notional grows toward its liquidation price: a $9.9 M 10x short at 100 is in the
    // 2.5 % tier at entry, and at its liquidation price (about 107) in the 5 % tier.
    let q = 9.9e6 / 100.0;
    let p = liquidation_price(Side::Short, 100.0, 10.0, q, &t);
    let at = *t.tier_for(q * p);
    assert_eq!(at.mmr, 0.05);
    let equity = 9.9e6 / 10.0 + q * (100.0 - p);
    assert!((equity - (q * p * at.mmr - at.cum)).abs() < 1e-6 * 9.9e6);
    // Maintenance is continuous across tiers, so every size gets one consistent tier.
    for notional in [4e4, 6e4, 3e5, 2e6, 1.2e7, 2.5e7, 6e7, 1.5e8, 2.5e8, 4e8] {
        for lev in [1.5, 2.0, 3.0, 5.0, 10.0] {
            let q = notional / 100.0;
            for side in [Side::Long, Side::Short] {
                let p = liquidation_price(side, 100.0, lev, q, &t);
                let (_, tier) = t.liquidation_tier(side, notional, lev);
                if p > 0.0 {
                    assert_eq!(t.tier_for(q * p), tier, "{side:?} {notional} {lev}x");
                }
            }
        }
    }
}

// ---- The closed form: total drop = shock ÷ (1 − n) ----

/// The closed-form markets' maintenance margin, %. Version 1 used zero, where the liquidation
/// price is the bankruptcy price; an order limited at the bankruptcy price (Binance's rule) then
/// fills nothing. At 0.5 % each position is liquidated 0.5 % above its bankruptcy price, far more
/// than one position's own impact (at most 0.03 % here), so the engine's orders meet the book.
const CLOSED_FORM_MMR_PCT: f64 = 0.5;

/// Longs whose liquidation prices are spread evenly in log price below the start, carrying
/// `n · 100 · depth` USD (at the liquidation price) per unit of log price.
fn band(n: f64, depth: f64, band_log: f64) -> Vec<PositionSpec> {
    let spacing = 2e-4;
    let per_unit = n * 100.0 * depth;
    let count = (band_log / spacing) as usize;
    (0..count)
        .map(|i| {
            let liq = 100.0 * (-(0.0005 + i as f64 * spacing)).exp();
            let usd_at_liq = per_unit * spacing;
            // 10x: liquidation = entry × 0.9 ÷ (1 − MMR).
            let entry = liq * (1.0 - CLOSED_FORM_MMR_PCT / 100.0) / 0.9;
            PositionSpec {
                side: Side::Long,
                notional: usd_at_liq / liq * entry,
                leverage: 10.0,
                entry,
            }
        })
        .collect()
}

fn closed_form_params(n: f64, shock_pct: f64) -> Params {
    Params {
        positions: Some(band(n, 1e7, 0.3)),
        depth_per_pct: 1e7,
        maintenance_pct: CLOSED_FORM_MMR_PCT,
        permanent_impact: 1.0,
        shock_pct,
        ticks: 400,
        insurance_fund: 1e12,
        liquidation: LiquidationParams { fee_pct: 0.0, adl: false, ..Default::default() },
        ..Params::default()
    }
}

#[test]
fn subcritical_cascade_multiplies_the_shock_by_one_over_one_minus_n() {
    for n in [0.3, 0.5, 0.7] {
        let shock_pct = -2.0;
        let out = simulate(&closed_form_params(n, shock_pct)).unwrap();
        let shock_log = -(1.0f64 + shock_pct / 100.0).ln();
        let drop_log = -(out.summary.final_price / 100.0).ln();
        let expected = shock_log / (1.0 - n);
        assert!(close(drop_log, expected, 0.04), "n = {n}: drop {drop_log}, expected {expected}");
        assert!(out.summary.waves > 3, "a chain of waves, not one jump");
    }
}

#[test]
fn supercritical_cascade_runs_through_the_whole_band() {
    let params = closed_form_params(1.5, -2.0);
    let out = simulate(&params).unwrap();
    let positions = params.positions.as_ref().unwrap().len() as u32;
    assert_eq!(out.summary.liquidated_count, positions);
    // The band ends 30 % below the start in log terms; the price ends past it.
    assert!(out.summary.final_price < 100.0 * (-0.3f64).exp());
}

// ---- The shock as a sell program ----

#[test]
fn a_sell_program_spread_over_time_falls_less_where_the_book_refills() {
    // No liquidations (leverage 1): the program alone. With half of the impact transient
    // (half-life 20 ticks), the same sale spread over more ticks reaches a smaller drawdown, as
    // in Obizhaeva & Wang (2013); with all of it permanent, it ends at the gap's price, 95,
    // whatever the spread.
    let base = Params { leverage: 1.0, ..Params::default() };
    let run = |shock_ticks, permanent_impact| {
        let p = Params { shock_ticks, permanent_impact, ..base.clone() };
        simulate(&p).unwrap().summary
    };
    let mut last = f64::INFINITY;
    for ticks in [2, 10, 50, 200] {
        let d = run(ticks, 0.5).max_drawdown_pct;
        assert!(d < last - 0.1, "{ticks} ticks: drawdown {d} after {last}");
        last = d;
    }
    for ticks in [1, 2, 10, 50, 200] {
        let s = run(ticks, 1.0);
        assert!(close(s.final_price, 95.0, 1e-9), "{ticks}: {}", s.final_price);
        assert!((s.max_drawdown_pct - 5.0).abs() < 1e-6, "{ticks}: {}", s.max_drawdown_pct);
    }
    // Under the square-root law the program is the flow whose impact on a calm book is the
    // shock: with all of it permanent, the same end as the gap too.
    let sqrt = simulate(&Params {
        impact_law: leverage_cascade::model::ImpactLaw::Sqrt,
        shock_ticks: 30,
        permanent_impact: 1.0,
        ..base.clone()
    })
    .unwrap();
    assert!(close(sqrt.summary.final_price, 95.0, 1e-9));
}

#[test]
fn a_sell_program_sets_off_the_cascade_more_gently() {
    // The same 5 % program on the default market: spread over two minutes, the book refills
    // between slices, so fewer positions are pushed under at once and the fall is smaller.
    let gap = simulate(&Params::default()).unwrap().summary;
    let program = simulate(&Params { shock_ticks: 120, ..Params::default() }).unwrap().summary;
    assert!(
        program.max_move_pct < gap.max_move_pct,
        "{} vs {}",
        program.max_move_pct,
        gap.max_move_pct
    );
    assert!(program.liquidated_notional < gap.liquidated_notional);
}

#[test]
fn a_program_given_in_dollars_is_the_program_given_as_its_calm_book_move() {
    // The dollars that would move a calm book 5 %, sold over 60 ticks, give what the 5 % program
    // gives, under both laws; the summary reports the shock as that calm-book move.
    for law in
        [leverage_cascade::model::ImpactLaw::Linear, leverage_cascade::model::ImpactLaw::Sqrt]
    {
        let p = Params { shock_ticks: 60, impact_law: law, ..Params::default() };
        let x = (-0.05f64).ln_1p();
        let usd = match law {
            leverage_cascade::model::ImpactLaw::Linear => -x * 100.0 * p.depth_per_pct,
            leverage_cascade::model::ImpactLaw::Sqrt => p.depth_per_pct * (x / 0.01).powi(2),
        };
        let by_move = simulate(&p).unwrap().summary;
        let by_usd = simulate(&Params { shock_usd: Some(usd), ..p.clone() }).unwrap().summary;
        assert!(close(by_usd.shock_pct, -5.0, 1e-9), "{law:?}: {}", by_usd.shock_pct);
        assert!(close(by_usd.max_move_pct, by_move.max_move_pct, 1e-9), "{law:?}");
        assert!(close(by_usd.liquidated_notional, by_move.liquidated_notional, 1e-9), "{law:?}");
    }
}

#[test]
fn the_same_dollars_sold_into_a_thinner_book_move_the_price_further() {
    // $500 M sold over a minute on books from $200 M to $20 M per 1 %: the shock's calm-book
    // move, the fall and what is liquidated all grow as the book thins. With all impact
    // permanent, the dollars sold at once end where the gap of their calm-book move ends.
    let mut last: Option<leverage_cascade::model::Summary> = None;
    for depth in [2e8, 1e8, 5e7, 2e7] {
        let p = Params {
            shock_usd: Some(5e8),
            shock_ticks: 60,
            depth_per_pct: depth,
            ..Params::default()
        };
        let s = simulate(&p).unwrap().summary;
        if let Some(l) = &last {
            assert!(s.shock_pct < l.shock_pct, "{depth}");
            assert!(s.max_move_pct > l.max_move_pct, "{depth}");
            assert!(s.liquidated_notional >= l.liquidated_notional, "{depth}");
        }
        last = Some(s);
    }
    let sold = Params { shock_usd: Some(5e8), permanent_impact: 1.0, ..Params::default() };
    let sold = simulate(&sold).unwrap().summary;
    let gap = Params { shock_pct: sold.shock_pct, permanent_impact: 1.0, ..Params::default() };
    let gap = simulate(&gap).unwrap().summary;
    assert!(
        (sold.max_move_pct - gap.max_move_pct).abs() < 0.05,
        "{} vs {}",
        sold.max_move_pct,
        gap.max_move_pct
    );
}

// ---- Liquidity that withdraws under stress (liquidity.rs) ----

fn thinnest(o: &Outcome, params: &Params) -> f64 {
    o.series.depth.iter().copied().fold(f64::INFINITY, f64::min) / params.depth_per_pct
}

#[test]
fn withdrawal_makes_a_cascade_fall_further_and_leaves_a_calm_market_alone() {
    use leverage_cascade::model::presets::presets;
    // Same shock, same seed: in every preset with a cascade, half the book withdrawing under
    // stress deepens the fall.
    for preset in presets() {
        let off = &Params { liquidity_withdrawal: 0.0, ..preset.params.clone() };
        let on = Params { liquidity_withdrawal: 0.5, ..off.clone() };
        let (a, b) = (simulate(off).unwrap(), simulate(&on).unwrap());
        assert!(
            a.series.depth.iter().all(|&d| d == off.depth_per_pct),
            "{}: depth moved",
            preset.id
        );
        if a.summary.liquidated_notional > 0.05 * a.summary.open_interest {
            assert!(
                b.summary.max_move_pct > a.summary.max_move_pct + 0.5,
                "{}: {} with withdrawal vs {} without",
                preset.id,
                b.summary.max_move_pct,
                a.summary.max_move_pct
            );
            assert!(thinnest(&b, &on) < 0.9);
        }
    }
    // A calm market, where nobody is liquidated, moves exactly as without: its book may thin
    // after the shock, but nothing trades into it.
    let calm = Params { leverage: 1.0, ..Params::default() };
    let (a, b) = (
        simulate(&calm).unwrap().summary,
        simulate(&Params { liquidity_withdrawal: 1.0, ..calm.clone() }).unwrap().summary,
    );
    assert_eq!(a.liquidated_count, 0);
    assert!((a.max_move_pct - b.max_move_pct).abs() < 0.1);
    // Background noise alone thins the book little: its level is subtracted, and only its
    // random excursions above it count (at most 10 % thinner over 600 ticks of 0.3 % noise).
    let noisy = Params { leverage: 1.0, shock_pct: 0.0, volatility_pct: 0.3, ..Params::default() };
    let o = simulate(&Params { liquidity_withdrawal: 1.0, ..noisy.clone() }).unwrap();
    assert!(thinnest(&o, &noisy) > 0.9, "{}", thinnest(&o, &noisy));
}

#[test]
fn a_crash_the_size_of_10_october_2025_thins_the_book_by_four_fifths() {
    // Kaiko and other post-mortems report books thinned by over 90 % on 10 Oct 2025, when BTC
    // fell about 12 % within minutes (DOMAIN.md §9). A sell program that, with the book fully
    // free to withdraw, takes the price down 10–15 % within three minutes leaves it at most a
    // fifth of its depth at the worst tick; without withdrawal the same sale falls 5 %.
    let params = Params {
        leverage: 1.0,
        shock_pct: -5.0,
        shock_ticks: 180,
        liquidity_withdrawal: 1.0,
        ..Params::default()
    };
    let o = simulate(&params).unwrap();
    let fall = o.summary.max_drawdown_pct;
    assert!((10.0..15.0).contains(&fall), "fall {fall}");
    assert!(thinnest(&o, &params) <= 0.2, "thinnest {}", thinnest(&o, &params));
    // The book comes back once the selling stops: half its lost depth returns within a minute or
    // so of calm.
    let last = *o.series.depth.last().unwrap() / params.depth_per_pct;
    assert!(last > 0.95, "depth at the end {last}");
    let calm = simulate(&Params { liquidity_withdrawal: 0.0, ..params.clone() }).unwrap();
    assert!(calm.summary.max_drawdown_pct < 5.5);
}

// ---- Null cases ----

#[test]
fn leverage_one_liquidates_nothing_and_does_not_amplify() {
    let out = simulate(&Params { leverage: 1.0, ..Params::default() }).unwrap();
    assert_eq!(out.summary.liquidated_count, 0);
    assert!(close(out.summary.amplification, 1.0, 1e-9));
    assert!(close(out.summary.final_price, 95.0, 1e-9));
}

#[test]
fn zero_shock_without_noise_does_nothing() {
    let out = simulate(&Params { shock_pct: 0.0, leverage: 50.0, ..Params::default() }).unwrap();
    assert_eq!(out.summary.liquidated_count, 0);
    assert!(out.series.price.iter().all(|&p| p == 100.0));
    assert!(out.events.is_empty());
}

#[test]
fn a_squeeze_liquidates_shorts() {
    let out = simulate(&Params { shock_pct: 8.0, long_share: 0.3, ..Params::default() }).unwrap();
    assert!(out.summary.liquidated_count > 0);
    assert!(out.summary.max_price > 108.0);
    assert!(out.liquidation_map.short_liquidated.iter().sum::<f64>() > 0.0);
    assert_eq!(out.liquidation_map.long_liquidated.iter().sum::<f64>(), 0.0);
}

// ---- Mitigations, on documented scenarios (docs/MODEL.md, "What the tests show") ----

/// The default market on a book of $10 M per 1 % with the default breaker.
fn thin_with_breaker() -> Params {
    Params {
        depth_per_pct: 1e7,
        circuit_breaker: Some(CircuitBreaker::default()),
        ..Params::default()
    }
}

#[test]
fn a_halt_with_a_refilling_book_lowers_the_drawdown() {
    // The "circuit-breaker" preset: nine tenths of each move is liquidity that comes back with a
    // half-life of 30 ticks, so each 60-tick halt lets the book refill before the queue goes to
    // market, and spares the queued positions the refilled book puts back above maintenance.
    let preset = leverage_cascade::model::presets::presets()
        .into_iter()
        .find(|p| p.id == "circuit-breaker")
        .unwrap();
    let c = compare(&preset.params).unwrap();
    let (none, halted) = (&c.none.summary, &c.circuit_breaker.summary);
    assert!(halted.halts >= 1);
    // Not an accounting artifact: both runs end with nothing queued and nothing left in the
    // fund's hands, so everything either run would sell has reached the book.
    for s in [none, halted] {
        assert!(!s.ended_halted && s.waiting_at_end == 0.0 && s.fund_held_at_end == 0.0);
    }
    assert!(
        halted.max_drawdown_pct < none.max_drawdown_pct - 2.0,
        "breaker {} vs none {}",
        halted.max_drawdown_pct,
        none.max_drawdown_pct
    );
    assert!(halted.liquidated_notional < 0.9 * none.liquidated_notional);
}

#[test]
fn a_halt_that_ends_the_run_is_no_benefit() {
    // On a $10 M book the breaker's scenario seems to fall less after 600 ticks, but only because
    // the halts delay what the fund still holds past the horizon; a longer run shows the fall.
    let short = compare(&thin_with_breaker()).unwrap();
    let long = compare(&Params { ticks: 1500, ..thin_with_breaker() }).unwrap();
    assert!(short.circuit_breaker.summary.fund_held_at_end > 0.0);
    assert_eq!(long.circuit_breaker.summary.fund_held_at_end, 0.0);
    let (none, halted) = (&long.none.summary, &long.circuit_breaker.summary);
    assert!(
        halted.max_move_pct > none.max_move_pct - 1.0,
        "breaker {} vs none {}",
        halted.max_move_pct,
        none.max_move_pct
    );
}

#[test]
fn tiers_lower_liquidations_in_a_whale_heavy_high_leverage_market() {
    // Strict tiers cap whales at 1x–5x; Binance's standard table mostly protects the venue
    // (20x whales keep a 2.5 % buffer), so its effect on traders is much smaller.
    let params = Params {
        leverage: 50.0,
        whale_concentration: 1.0,
        depth_per_pct: 3e8,
        margin_tiers: MarginTiers::Strict,
        ..Params::default()
    };
    let c = compare(&params).unwrap();
    assert!(
        c.margin_tiers.summary.liquidated_notional < 0.7 * c.none.summary.liquidated_notional,
        "tiers {} vs none {}",
        c.margin_tiers.summary.liquidated_notional,
        c.none.summary.liquidated_notional
    );
}

#[test]
fn no_preset_scenario_ends_halted_with_liquidations_waiting() {
    // The last level closes the market for `closeTicks`, then reopens: every scenario of every
    // preset runs its queue to the end, so what it calls liquidated is all there is.
    for preset in leverage_cascade::model::presets::presets() {
        let c = compare(&preset.params).unwrap();
        for (name, o) in [
            ("none", &c.none),
            ("breaker", &c.circuit_breaker),
            ("tiers", &c.margin_tiers),
            ("both", &c.both),
        ] {
            let s = &o.summary;
            assert!(!s.ended_halted, "{} / {name} ends halted", preset.id);
            assert_eq!(s.waiting_at_end, 0.0, "{} / {name} ends with some waiting", preset.id);
        }
    }
}

#[test]
fn no_preset_deleverages_half_the_opposite_side_or_ends_with_a_fund_under_water() {
    // ADL is the last resort: in every scenario of every preset it closes well under half of the
    // side opposite to the liquidations, and the fund never ends holding positions it cannot
    // cover.
    for preset in leverage_cascade::model::presets::presets() {
        let p = &preset.params;
        let opposite = if p.shock_pct < 0.0 { 1.0 - p.long_share } else { p.long_share };
        let c = compare(p).unwrap();
        for (name, o) in [
            ("none", &c.none),
            ("breaker", &c.circuit_breaker),
            ("tiers", &c.margin_tiers),
            ("both", &c.both),
        ] {
            let s = &o.summary;
            let side = opposite * s.open_interest;
            assert!(
                s.adl_notional < 0.5 * side,
                "{} / {name}: ADL {:.3e} of {:.3e}",
                preset.id,
                s.adl_notional,
                side
            );
            assert!(
                s.fund_held_at_end == 0.0 || s.insurance_fund_end > 0.0,
                "{} / {name}: the fund ends holding {:.3e} at equity {:.3e}",
                preset.id,
                s.fund_held_at_end,
                s.insurance_fund_end
            );
        }
    }
}

#[test]
fn a_liquidation_fills_only_at_or_above_its_bankruptcy_price() {
    // Binance's rule on one $50 M 10x long (entry 100, bankruptcy 90, liquidated at 90.45) on a
    // book of $10 M per 1 %: a 9.6 % drop breaches it; its order, limited at 90, sells only what
    // walks the book from 90.4 down to 90 (about $4.5 M), and the insurance fund takes over the
    // rest at 90. Under Hyperliquid's rules the whole position is sold at market instead.
    let position = PositionSpec { side: Side::Long, notional: 5e7, leverage: 10.0, entry: 100.0 };
    let base = Params {
        positions: Some(vec![position]),
        depth_per_pct: 1e7,
        permanent_impact: 1.0,
        shock_pct: -9.6,
        ticks: 3,
        insurance_fund: 1e8,
        ..Params::default()
    };
    let binance = simulate(&base).unwrap();
    let s = &binance.summary;
    assert_eq!(s.liquidated_count, 1);
    assert!(close(s.liquidated_notional, 5e7, 1e-9), "all of it is taken off the trader");
    assert!(s.fund_takeover_notional > 4e7 && s.fund_takeover_notional < 4.7e7, "{s:?}");
    // The fill moved the price to the bankruptcy price and no further; then the fund offloads
    // $1 M a tick (0.1 × depth), 0.1 % a tick.
    for (t, &p) in binance.series.price.iter().enumerate() {
        let expected = 90.0 * (-0.001 * (t + 1) as f64).exp();
        assert!(close(p, expected, 1e-6), "tick {t}: {p} vs {expected}");
    }
    assert_eq!(s.bad_debt, 0.0);
    assert_eq!(s.losses_covered, 0.0, "a limit fill never costs the fund");
    let mut hyper = base.clone();
    hyper.liquidation.venue_rules = leverage_cascade::model::VenueRules::Hyperliquid;
    let h = simulate(&hyper).unwrap();
    assert_eq!(h.summary.fund_takeover_notional, 0.0);
    assert!(h.series.price[0] < 87.0, "a $50 M market order walks the book 5 %");
    assert!(h.summary.losses_covered > 0.0);
}

/// One explicit long on a deep book ($1 B per 1 %, so its own sales barely move the price),
/// shocked just past its liquidation price, in partial mode under `rules`.
fn one_whale(
    notional: f64,
    leverage: f64,
    shock_pct: f64,
    rules: leverage_cascade::model::VenueRules,
    tiers: MarginTiers,
) -> Outcome {
    let position = PositionSpec { side: Side::Long, notional, leverage, entry: 100.0 };
    let params = Params {
        positions: Some(vec![position]),
        depth_per_pct: 1e9,
        shock_pct,
        ticks: 30,
        margin_tiers: tiers,
        liquidation: LiquidationParams {
            venue_rules: rules,
            mode: leverage_cascade::model::LiquidationMode::Partial,
            ..LiquidationParams::default()
        },
        ..Params::default()
    };
    simulate(&params).unwrap()
}

#[test]
fn a_partial_liquidation_keeps_most_of_a_whale_and_leaves_it_compliant() {
    use leverage_cascade::model::VenueRules;
    // Hyperliquid: a $50 M 10x long (liquidated at 90.452 with 0.5 % maintenance), marked at
    // 90.44. One step sells 20 %; the equity stays behind the rest, which is then above its
    // (smaller) maintenance: it goes back to its trader with a new liquidation price. Model
    // version 1 sold all of it, $10 M a tick.
    let o = one_whale(5e7, 10.0, -9.56, VenueRules::Hyperliquid, MarginTiers::None);
    let map = &o.liquidation_map;
    let (sold, kept): (f64, f64) =
        (map.long_liquidated.iter().sum(), map.long_survived.iter().sum());
    assert!(close(sold, 1e7, 1e-9), "sold {sold}");
    assert!(close(kept, 4e7, 1e-9), "kept {kept}");
    assert_eq!(o.summary.waiting_at_end, 0.0);
    assert_eq!(o.summary.waves, 1, "breached once, compliant after one step");
    // Its new liquidation price lies below the mark, where it then stays for the rest of the run.
    assert!(o.series.price.iter().all(|&p| p > 90.3 && p < 90.44), "{:?}", &o.series.price[..3]);

    // Binance: a $30 M 4x long on the standard table is in the 10 % tier at its liquidation
    // price (78.64, notional $23.6 M). Marked at 78.6, it is reduced to the top of the 5 % tier
    // ($20 M at the mark), whose maintenance its equity meets: about 15 % is sold, 85 % kept.
    let o = one_whale(3e7, 4.0, -21.4, VenueRules::Binance, MarginTiers::Standard);
    let map = &o.liquidation_map;
    let (sold, kept): (f64, f64) =
        (map.long_liquidated.iter().sum(), map.long_survived.iter().sum());
    let rest_coins = 20e6 / 78.6;
    assert!(close(kept, rest_coins * 100.0, 1e-3), "kept {kept}");
    assert!(close(sold + kept, 3e7, 1e-9));
    assert_eq!(o.summary.waves, 1);
    // Without tiers there is no lower tier to reduce to: Binance's rules then close it all.
    let o = one_whale(5e7, 10.0, -9.56, VenueRules::Binance, MarginTiers::None);
    assert!(close(o.summary.liquidated_notional, 5e7, 1e-9));
}

#[test]
fn adl_closes_exactly_what_the_book_and_the_fund_could_not_take() {
    // One $50 M 10x long gapped past its bankruptcy price (a 12 % shock: the mark is below 90)
    // with an empty fund, against $400 M of profitable shorts: its order fills nothing, the fund
    // cannot accept it, and ADL closes exactly its 500,000 coins, at its bankruptcy price,
    // against the top-ranked shorts, taking part of one where that is enough.
    let mut positions =
        vec![PositionSpec { side: Side::Long, notional: 5e7, leverage: 10.0, entry: 100.0 }];
    for i in 0..40 {
        // $10 M each at 2x to 5x: ranked by PnL % × effective leverage.
        let leverage = 2.0 + f64::from(i % 4);
        positions.push(PositionSpec { side: Side::Short, notional: 1e7, leverage, entry: 100.0 });
    }
    let params = Params {
        positions: Some(positions),
        depth_per_pct: 1e9,
        shock_pct: -12.0,
        ticks: 5,
        insurance_fund: 0.0,
        ..Params::default()
    };
    let s = simulate(&params).unwrap().summary;
    assert!(close(s.adl_qty, 5e5, 1e-12), "{}", s.adl_qty);
    assert!(close(s.adl_notional, 5e7, 1e-12));
    // Five of the 5x shorts ($10 M, 100,000 coins each) cover it: the highest ranked first.
    assert_eq!(s.adl_positions, 5);
    assert_eq!(s.fund_takeover_notional, 0.0);
    assert!(close(s.liquidated_notional, 5e7, 1e-12));
}

#[test]
fn a_horizon_that_ends_in_a_closure_reports_what_waits() {
    // A thin book ($10 M per 1 %) whose cascade reaches the last level, closed for longer than
    // the run: what is queued is reported as waiting, not as liquidated.
    let breaker = CircuitBreaker { close_ticks: 10_000, ..CircuitBreaker::default() };
    let params = Params { circuit_breaker: Some(breaker), ..thin_with_breaker() };
    let s = simulate(&params).unwrap().summary;
    assert!(s.ended_halted);
    assert!(s.waiting_at_end > 1e6, "{}", s.waiting_at_end);
    // Reopening after 240 ticks, the same run liquidates about what it had waiting.
    let reopened =
        simulate(&Params { circuit_breaker: Some(CircuitBreaker::default()), ..params.clone() })
            .unwrap()
            .summary;
    assert!(!reopened.ended_halted && reopened.waiting_at_end == 0.0);
    assert!(
        reopened.liquidated_notional > s.liquidated_notional + 0.5 * s.waiting_at_end,
        "reopened {} vs closed {} + waiting {}",
        reopened.liquidated_notional,
        s.liquidated_notional,
        s.waiting_at_end
    );
}

#[test]
fn a_halt_can_deepen_the_fall_when_the_queue_lands_at_once() {
    // The trade-off's other side (Hautsch & Horvath 2019: volatility rises after a pause). On a
    // book that refills within seconds anyway ($40 M per 1 %, 70 % of impact transient with a
    // half-life of 5 ticks), the halt buys no refilling the market would not have had, and the
    // orders queued while it lasts reach the book together at the reopening: the fall goes
    // deeper than with no breaker.
    let params = Params {
        depth_per_pct: 4e7,
        permanent_impact: 0.3,
        recovery_half_life: 5.0,
        circuit_breaker: Some(CircuitBreaker::default()),
        ..Params::default()
    };
    let c = compare(&params).unwrap();
    let (none, halted) = (&c.none.summary, &c.circuit_breaker.summary);
    assert!(halted.halts >= 1 && !halted.ended_halted);
    assert!(
        halted.max_move_pct > none.max_move_pct + 0.5,
        "breaker {} vs none {}",
        halted.max_move_pct,
        none.max_move_pct
    );
}

#[test]
fn noise_keeps_arriving_during_a_halt() {
    // The reopening price carries the news that arrived while nothing traded: with noise, the
    // indicative price moves during the halt; without, it only recovers.
    let params = Params {
        depth_per_pct: 4e7,
        volatility_pct: 0.3,
        circuit_breaker: Some(CircuitBreaker::default()),
        ..Params::default()
    };
    let o = simulate(&params).unwrap();
    let halted: Vec<usize> =
        (0..o.series.price.len()).filter(|&t| o.series.halted[t] == 1).collect();
    assert!(halted.len() > 10);
    let quiet = simulate(&Params { volatility_pct: 0.0, ..params.clone() }).unwrap();
    let moved = halted.iter().any(|&t| o.series.price[t] != o.series.price[t - 1]);
    assert!(moved);
    // Without noise the halted price only rises (the book refills under a fall).
    let quiet_halted: Vec<usize> =
        (1..quiet.series.price.len()).filter(|&t| quiet.series.halted[t] == 1).collect();
    assert!(quiet_halted.iter().all(|&t| quiet.series.price[t] >= quiet.series.price[t - 1]));
    // With noise it falls in some halted ticks: news, not liquidations (nothing trades).
    assert!(halted.iter().any(|&t| o.series.price[t] < o.series.price[t - 1]));
    assert!(halted.iter().all(|&t| o.series.liquidated_notional[t] == 0.0));
}

fn first_halt(out: &Outcome) -> Option<u32> {
    out.series.halted.iter().position(|&h| h == 1).map(|t| t as u32)
}

#[test]
fn the_magnet_effect_pulls_the_price_into_the_breaker_sooner() {
    let base = Params {
        shock_pct: -5.5,
        depth_per_pct: 4e8,
        volatility_pct: 0.0,
        circuit_breaker: Some(CircuitBreaker::default()),
        ..Params::default()
    };
    let calm = simulate(&base).unwrap();
    let mut pulled = base.clone();
    pulled.circuit_breaker.as_mut().unwrap().magnet_sell_share = 0.5;
    let magnet = simulate(&pulled).unwrap();
    let (a, b) = (first_halt(&calm), first_halt(&magnet));
    assert!(b.is_some(), "the magnet should trip the breaker");
    assert!(a.is_none() || b < a, "magnet {b:?} vs calm {a:?}");
}

// ---- Bad input: every case names the field, none panics ----

fn rejects(json: &str, field: &str, kind: ErrorKind) {
    let err = Params::from_json(json).expect_err(json);
    assert_eq!(err.field, field, "{json}: {err}");
    assert_eq!(err.kind, kind, "{json}: {err}");
    assert!(err.to_string().starts_with(&format!("{field}: ")), "{err}");
}

#[test]
fn bad_json_values_name_their_field() {
    rejects(r#"{"leverage": 500}"#, "leverage", ErrorKind::Range);
    rejects(r#"{"leverage": "ten"}"#, "leverage", ErrorKind::Type);
    rejects(r#"{"levrage": 10}"#, "levrage", ErrorKind::Type);
    rejects(r#"{"traders": -5}"#, "traders", ErrorKind::Range);
    rejects(r#"{"traders": 2.5}"#, "traders", ErrorKind::Range);
    rejects(r#"{"ticks": 1e9}"#, "ticks", ErrorKind::Range);
    rejects(r#"{"seed": -1}"#, "seed", ErrorKind::Range);
    rejects(r#"{"depthPerPct": 1e999}"#, "depthPerPct", ErrorKind::Type);
    rejects(r#"{"marginTiers": []}"#, "marginTiers", ErrorKind::Range);
    rejects(r#"{"marginTiers": "loose"}"#, "marginTiers", ErrorKind::Range);
    rejects(
        r#"{"marginTiers": [{"upToNotional": 1e6, "maxLeverage": 20, "maintenancePct": 1},
                             {"upToNotional": 1e5, "maxLeverage": 10, "maintenancePct": 2}]}"#,
        "marginTiers[1].upToNotional",
        ErrorKind::Range,
    );
    rejects(r#"{"liquidation": {"mode": "gentle"}}"#, "liquidation.mode", ErrorKind::Range);
    rejects(r#"{"liquidation": {"feePct": 9}}"#, "liquidation.feePct", ErrorKind::Range);
    rejects(
        r#"{"circuitBreaker": {"levelsPct": [13, 7]}}"#,
        "circuitBreaker.levelsPct[1]",
        ErrorKind::Range,
    );
    rejects(
        r#"{"positions": [{"side": "long", "notional": 1e6, "leverage": 0.5, "entry": 100}]}"#,
        "positions[0].leverage",
        ErrorKind::Range,
    );
    rejects(r#"[1, 2]"#, "params", ErrorKind::Type);
}

#[test]
fn non_finite_values_are_rejected() {
    type Setter = fn(&mut Params, f64);
    let cases: [(&str, Setter); 4] = [
        ("leverage", |p, x| p.leverage = x),
        ("shockPct", |p, x| p.shock_pct = x),
        ("depthPerPct", |p, x| p.depth_per_pct = x),
        ("recoveryHalfLife", |p, x| p.recovery_half_life = x),
    ];
    for (field, set) in cases {
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1e300] {
            let mut p = Params::default();
            set(&mut p, x);
            let err = simulate(&p).expect_err(field);
            assert_eq!(err.field, field);
            assert_eq!(err.kind, ErrorKind::Range);
        }
    }
    let p = Params {
        margin_tiers: MarginTiers::Custom(vec![TierSpec {
            up_to_notional: f64::NAN,
            max_leverage: 10.0,
            maintenance_pct: 1.0,
        }]),
        ..Params::default()
    };
    assert_eq!(p.validate().unwrap_err().field, "marginTiers[0].upToNotional");
}

#[test]
fn messages_name_the_range_and_the_value() {
    let err = Params::from_json(r#"{"leverage": 500}"#).unwrap_err();
    assert_eq!(err.to_string(), "leverage: must be between 1 and 125, got 500");
}

#[test]
fn partial_json_takes_defaults_and_round_trips() {
    let p = Params::from_json(r#"{"leverage": 25, "liquidation": {"mode": "partial"}}"#).unwrap();
    assert_eq!(p.leverage, 25.0);
    assert_eq!(p.traders, Params::default().traders);
    assert_eq!(p.liquidation.partial_fraction, 0.2);
    let text = serde_json::to_string(&p).unwrap();
    assert_eq!(Params::from_json(&text).unwrap(), p);
}

#[test]
fn the_population_cache_gives_the_same_answers() {
    let mut cache = leverage_cascade::model::PopulationCache::default();
    let base = Params { traders: 5_000, ..Params::default() };
    for p in [
        base.clone(),
        Params { shock_pct: -8.0, ..base.clone() },
        Params { leverage: 20.0, ..base.clone() },
        Params { margin_tiers: MarginTiers::Strict, ..base.clone() },
        base.clone(),
    ] {
        assert_eq!(cache.compare(&p).unwrap(), compare(&p).unwrap());
        assert_eq!(cache.simulate(&p).unwrap(), simulate(&p).unwrap());
    }
}

#[test]
fn dip_buyers_turn_a_deep_fall_into_a_rebound_that_liquidates_the_shorts_opened_into_it() {
    // The may-2021 market as it was before its calibration (10x with the default spread, $25 M
    // per 1 %, flat margin, noise 0.2 % a tick), with $1 B of dip buyers from 20 % down and half
    // a dollar of new shorts for every dollar of longs liquidated.
    let may = Params {
        leverage: 10.0,
        leverage_spread: 0.6,
        volatility_pct: 0.2,
        depth_per_pct: 2.5e7,
        margin_tiers: MarginTiers::None,
        dip_buyer_capital: 1e9,
        dip_buyer_discount_pct: 20.0,
        momentum_shorts: 0.5,
        ..presets().into_iter().find(|p| p.id == "may-2021").unwrap().params
    };
    let on = simulate(&may).unwrap().summary;
    let off = simulate(&Params { dip_buyer_capital: 0.0, momentum_shorts: 0.0, ..may.clone() })
        .unwrap()
        .summary;
    let rebound = |s: &Summary| (s.final_price - s.min_price) / s.start_price * 100.0;
    // Without them the price stays near its low (only the transient part of impact fades);
    // with them it comes back by points, and the new shorts are liquidated on the way up.
    assert!(rebound(&on) > rebound(&off) + 5.0, "{} vs {}", rebound(&on), rebound(&off));
    assert_eq!(off.liquidated_short_notional, 0.0);
    assert!(off.shorts_opened_notional == 0.0 && off.dip_buyers_spent == 0.0);
    assert!(on.shorts_opened_notional > 0.0 && on.dip_buyers_spent > 0.0);
    let short_share = on.liquidated_short_notional / on.liquidated_notional;
    assert!((0.02..0.3).contains(&short_share), "shorts are {short_share} of liquidations");
    assert!(on.dip_buyers_spent <= may.dip_buyer_capital * (1.0 + 1e-12));
}

#[test]
fn the_oct_2025_replay_which_turns_the_buyers_on_ends_in_a_rebound_with_shorts_liquidated() {
    // The preset as shipped: its fall comes back by points and some of the market's
    // liquidations are shorts (on the second venue, whose new shorts are as leveraged as its
    // traders); the same market without the buyers stays near its low with longs only.
    let oct = presets().into_iter().find(|p| p.id == "oct-2025").unwrap().params;
    assert!(oct.dip_buyer_capital > 0.0 && oct.momentum_shorts > 0.0);
    let off = Params { dip_buyer_capital: 0.0, momentum_shorts: 0.0, ..oct.clone() };
    let rebound = |s: &Summary| (s.final_price - s.min_price) / s.start_price * 100.0;
    let shorts = |o: &Outcome| {
        let second = o.second_venue.as_ref().expect("a second venue");
        o.summary.liquidated_short_notional + second.summary.liquidated_short_notional
    };
    for seed in 1..=5 {
        let on = simulate(&Params { seed, ..oct.clone() }).unwrap();
        let off = simulate(&Params { seed, ..off.clone() }).unwrap();
        assert!(
            rebound(&on.summary) > rebound(&off.summary) + 5.0,
            "seed {seed}: {} vs {}",
            rebound(&on.summary),
            rebound(&off.summary)
        );
        assert!(shorts(&on) > 0.0, "seed {seed}");
        assert_eq!(shorts(&off), 0.0, "seed {seed}");
    }
}

#[test]
fn with_no_capital_and_no_momentum_shorts_their_other_settings_change_nothing() {
    for id in ["default", "thin-book", "oct-2025"] {
        let base = presets().into_iter().find(|p| p.id == id).unwrap().params;
        let off = Params { dip_buyer_capital: 0.0, momentum_shorts: 0.0, ..base };
        let other = Params { dip_buyer_discount_pct: 0.0, ..off.clone() };
        assert_eq!(simulate(&off).unwrap(), simulate(&other).unwrap(), "{id}");
    }
}

#[test]
fn dip_buyers_buy_only_below_their_threshold_and_never_more_than_their_capital() {
    // A 5 % shock on a deep book never reaches a 30 % discount: they buy nothing.
    let calm = Params { dip_buyer_capital: 1e9, dip_buyer_discount_pct: 30.0, ..Params::default() };
    let s = simulate(&calm).unwrap().summary;
    assert_eq!(s.dip_buyers_spent, 0.0);
    let without = simulate(&Params { dip_buyer_capital: 0.0, ..calm }).unwrap().summary;
    assert_eq!(s, without);
}

#[test]
fn the_map_knows_when_each_bucket_fell() {
    // Over presets that cascade with and without halts, waves and noise: each bucket's falls
    // add up to what it liquidated, and each fall lies in a tick that liquidated something.
    for id in ["crowded-leverage", "thin-book", "oct-2025"] {
        let params = presets().into_iter().find(|p| p.id == id).expect("preset").params;
        let c = compare(&params).expect("compare");
        for o in [&c.none, &c.circuit_breaker, &c.margin_tiers, &c.both] {
            let map = &o.liquidation_map;
            let n = map.long_liquidated.len();
            assert_eq!(map.fallen_tick.len(), map.fallen_bucket.len());
            assert_eq!(map.fallen_tick.len(), map.fallen_notional.len());
            let mut sums = vec![0.0; 2 * n];
            for ((&t, &b), &v) in
                map.fallen_tick.iter().zip(&map.fallen_bucket).zip(&map.fallen_notional)
            {
                assert!(v > 0.0 && (t as usize) < o.series.price.len(), "{id}: {t} {v}");
                assert!(o.series.liquidated_notional[t as usize] > 0.0, "{id}: tick {t}");
                sums[usize::from(b)] += v;
            }
            let liquidated = map.long_liquidated.iter().chain(&map.short_liquidated);
            for (i, (&sum, &hit)) in sums.iter().zip(liquidated).enumerate() {
                assert!((sum - hit).abs() <= 1e-9 * hit.max(1.0), "{id} bucket {i}: {sum} {hit}");
            }
            // A cascade falls over several ticks, not all at once.
            let first = map.fallen_tick.iter().min().copied().unwrap_or(0);
            assert!(map.fallen_tick.iter().any(|&t| t > first + 2), "{id}");
        }
    }
}

/// Every preset, and markets that reach the mechanisms that change positions in other ways than
/// the sweep: ADL deep in the opposite book, partial steps that relist, new shorts appended to
/// the book, a breaker that spares queued positions, a second venue that copies the traders.
fn markets_that_change_positions() -> Vec<Params> {
    let mut markets: Vec<Params> = presets().into_iter().map(|p| p.params).collect();
    let base = Params { traders: 20_000, ticks: 300, ..Params::default() };
    let json = [
        r#"{"depthPerPct": 2e7, "leverage": 25, "insuranceFund": 1e5, "marginTiers": "standard"}"#,
        r#"{"leverage": 30, "marginTiers": "strict",
            "liquidation": {"mode": "partial", "maxPerTick": 5e6, "backstopCapacity": 5e7}}"#,
        r#"{"leverage": 20, "momentumShorts": 0.6, "dipBuyerCapital": 2e8, "volatilityPct": 0.05}"#,
        r#"{"circuitBreaker": {"levelsPct": [5, 10], "haltTicks": 30, "magnetSellShare": 0.4}}"#,
        r#"{"arbitrageCapital": 5e7, "secondVenue": {"depthPerPct": 5e6}}"#,
    ];
    for changes in json {
        let mut v = serde_json::to_value(&base).unwrap();
        let changes: serde_json::Value = serde_json::from_str(changes).unwrap();
        for (k, val) in changes.as_object().unwrap() {
            v[k] = val.clone();
        }
        markets.push(Params::deserialize_from(v).unwrap());
    }
    // Explicit positions, whose short book is built with room for its own positions only:
    // the new shorts outgrow its buffer.
    let positions = (0..300)
        .map(|i| PositionSpec {
            side: if i % 3 == 0 { Side::Long } else { Side::Short },
            notional: 1e6 * f64::from(1 + i % 7),
            leverage: f64::from(2 + i % 40),
            entry: 100.0,
        })
        .collect();
    let explicit = Params { positions: Some(positions), ticks: 600, shock_pct: -8.0, ..base };
    markets.push(Params { momentum_shorts: 0.85, ..explicit });
    markets
}

/// Each market of [`markets_that_change_positions`] past the presets reaches what it is there
/// for, so the test below covers each way a run changes positions.
#[test]
fn the_markets_that_change_positions_reach_their_mechanisms() {
    let extra = markets_that_change_positions().split_off(presets().len());
    let s: Vec<Summary> = extra.iter().map(|p| simulate(p).unwrap().summary).collect();
    assert!(s[0].adl_positions > 0, "ADL");
    assert!(s[1].backstop_notional > 0.0, "partial steps with a backstop");
    assert!(s[2].shorts_opened_notional > 0.0 && s[2].dip_buyers_spent > 0.0, "new shorts");
    assert!(s[3].halts > 0, "a breaker");
    assert!(simulate(&extra[4]).unwrap().second_venue.is_some(), "a second venue");
    assert!(s[5].shorts_opened_notional > 0.0, "new shorts past the buffer");
}

#[test]
fn a_lent_population_runs_as_its_copy_would_and_comes_back_as_it_was() {
    use leverage_cascade::model::population::Population;
    use leverage_cascade::model::simulate::{run, run_lent};
    use leverage_cascade::model::Scratch;
    let as_json = |o: &Outcome| serde_json::to_string(o).unwrap();
    // Debug text tells −0.0 from 0.0, and a NaN from a number, where == would not.
    let text = |book: &[leverage_cascade::model::population::Position]| format!("{book:?}");
    for params in markets_that_change_positions() {
        let mut scratch = Scratch::default();
        let mut lent = Population::for_params(&params, &mut scratch);
        let as_generated = lent.clone();
        let capacity = [lent.long.positions.capacity(), lent.short.positions.capacity()];
        let on_a_copy = as_json(&run(&params, as_generated.clone(), &mut scratch));
        // Twice: the second run gets the population the first one handed back.
        for _ in 0..2 {
            assert_eq!(as_json(&run_lent(&params, &mut lent, &mut scratch)), on_a_copy);
            assert_eq!(text(&lent.long.positions), text(&as_generated.long.positions));
            assert_eq!(text(&lent.short.positions), text(&as_generated.short.positions));
            let now = [lent.long.positions.capacity(), lent.short.positions.capacity()];
            assert_eq!(now, capacity, "the buffers come back at their size");
        }
    }
}

#[test]
fn the_cache_gives_what_each_scenario_gives_alone_call_after_call() {
    use leverage_cascade::model::simulate::scenarios;
    use leverage_cascade::model::PopulationCache;
    let as_json = |o: &Outcome| serde_json::to_string(o).unwrap();
    let mut cache = PopulationCache::default();
    for params in markets_that_change_positions() {
        // A smaller shock as well: the same populations, kept from the call before, and a map
        // at the smallest reach (where the kept sums apply) for most of these markets.
        let milder = Params { shock_pct: params.shock_pct / 2.0, ..params.clone() };
        for p in [&params, &params, &milder] {
            let kept = cache.compare(p).unwrap();
            let ran = [&kept.none, &kept.circuit_breaker, &kept.margin_tiers, &kept.both];
            for (scenario, outcome) in scenarios(p).iter().zip(ran) {
                assert_eq!(as_json(outcome), as_json(&simulate(scenario).unwrap()), "{p:?}");
                assert_eq!(as_json(&cache.simulate(scenario).unwrap()), as_json(outcome));
            }
        }
    }
}
