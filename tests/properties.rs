//! Property tests: invariants that must hold for every valid market.

use leverage_cascade::model::{
    simulate, BreakerReference, CircuitBreaker, ImpactLaw, LiquidationMode, LiquidationParams,
    MarginTiers, MarkPrice, Outcome, Params, PositionSpec, SecondVenue, Side, VenueProfile,
    VenueRules,
};
use proptest::prelude::*;

/// Random valid params, small enough to run hundreds of cases quickly.
fn params() -> impl Strategy<Value = Params> {
    let market = (
        200u32..3_000,
        0u64..1_000_000,
        1.0f64..125.0,
        0.0f64..1.5,
        0.0f64..1.0,
        0.0f64..1.0,
        0.0f64..20.0,
        1e5f64..1e9,
    );
    let book = (
        prop_oneof![Just(ImpactLaw::Linear), Just(ImpactLaw::Sqrt)],
        0.0f64..1.0,
        0.1f64..200.0,
        0.0f64..2.0,
        -60.0f64..60.0,
        1u32..400,
        0.0f64..2.0,
        (
            0.0f64..1.0,
            1u32..50,
            prop_oneof![Just(0.0), 1e6f64..1e9],
            0.0f64..30.0,
            prop_oneof![Just(0.0), 0.0f64..2.0],
        ),
    );
    let engine = (
        prop_oneof![Just(LiquidationMode::Full), Just(LiquidationMode::Partial)],
        0.01f64..1.0,
        prop::option::of(1e4f64..1e8),
        0.0f64..1e8,
        0.0f64..5.0,
        any::<bool>(),
        0.0f64..1e7,
        (any::<bool>(), 0.001f64..2.0),
    );
    let mitigations = (
        prop_oneof![
            Just(MarginTiers::None),
            Just(MarginTiers::Standard),
            Just(MarginTiers::Strict)
        ],
        prop::option::of((
            1.0f64..15.0,
            1u32..100,
            1u32..50,
            0.0f64..1.0,
            any::<bool>(),
            1u32..200,
        )),
        (
            prop_oneof![Just(MarkPrice::Last), Just(MarkPrice::Index)],
            1e5f64..1e10,
            prop_oneof![Just(0.0), 1e5f64..1e10],
            prop::option::of(1e5f64..1e10),
        ),
        // A second venue: its depth as a multiple of the first's, its fund, its mark, whether
        // it halts too; its own open interest (a multiple of the first's) and leverage, or the
        // first's traders; its rules.
        prop::option::of((
            0.1f64..5.0,
            0.0f64..1e7,
            prop_oneof![Just(MarkPrice::Last), Just(MarkPrice::Index)],
            any::<bool>(),
            prop::option::of(0.02f64..2.0),
            prop::option::of(1.0f64..60.0),
            prop_oneof![
                Just(VenueProfile::Same),
                Just(VenueProfile::Binance),
                Just(VenueProfile::Hyperliquid)
            ],
        )),
    );
    (market, book, engine, mitigations).prop_map(
        |(
            (traders, seed, leverage, spread, whales, long_share, entry, oi),
            (
                law,
                permanent,
                half_life,
                vol,
                shock,
                ticks,
                mmr,
                (withdrawal, shock_ticks, dip_capital, dip_discount, momentum),
            ),
            (mode, fraction, cap, backstop, fee, adl, fund, (binance, unwind)),
            (tiers, breaker, (mark, spot_depth, arbitrage, shock_usd), second),
        )| Params {
            traders,
            seed,
            leverage,
            leverage_spread: spread,
            whale_concentration: whales,
            long_share,
            entry_spread_pct: entry,
            open_interest: oi,
            impact_law: law,
            permanent_impact: permanent,
            recovery_half_life: half_life,
            volatility_pct: vol,
            shock_pct: shock,
            shock_ticks,
            shock_usd,
            liquidity_withdrawal: withdrawal,
            dip_buyer_capital: dip_capital,
            dip_buyer_discount_pct: dip_discount,
            momentum_shorts: momentum,
            mark_price: mark,
            spot_depth_per_pct: spot_depth,
            arbitrage_capital: arbitrage,
            ticks,
            maintenance_pct: mmr,
            depth_per_pct: oi / 50.0,
            liquidation: LiquidationParams {
                venue_rules: if binance { VenueRules::Binance } else { VenueRules::Hyperliquid },
                fund_unwind_share: unwind,
                mode,
                partial_fraction: fraction,
                partial_above: 0.0,
                max_per_tick: cap,
                backstop_capacity: backstop,
                fee_pct: fee,
                adl,
            },
            insurance_fund: fund,
            margin_tiers: tiers,
            circuit_breaker: breaker.map(|(first, window, halt, magnet, rolling, close)| {
                CircuitBreaker {
                    levels_pct: vec![first, first * 2.0, first * 3.0],
                    reference: if rolling {
                        BreakerReference::RollingHigh
                    } else {
                        BreakerReference::Start
                    },
                    window_ticks: window,
                    halt_ticks: halt,
                    close_ticks: close,
                    magnet_sell_share: magnet,
                }
            }),
            second_venue: second.map(|(depth, fund, mark, halts, size, lev, rules)| SecondVenue {
                depth_per_pct: depth * oi / 50.0,
                insurance_fund: fund,
                mark_price: mark,
                circuit_breaker: halts,
                open_interest: size.map(|k| (k * oi).max(1e3)),
                leverage: lev,
                rules,
            }),
            ..Params::default()
        },
    )
}

fn all_finite(o: &Outcome) -> bool {
    let s = &o.series;
    let json = serde_json::to_value(&o.summary).unwrap();
    let summary_ok = json.as_object().unwrap().values().all(|v| !v.is_null());
    summary_ok
        && [
            &s.price,
            &s.liquidated_notional,
            &s.queued_notional,
            &s.long_open_interest,
            &s.short_open_interest,
            &s.insurance_fund,
            &s.adl_notional,
            &s.mark,
            &s.index,
        ]
        .iter()
        .all(|v| v.iter().all(|x| x.is_finite()))
        && s.liquidation_count.len() == s.price.len()
        && [&s.mark, &s.index].iter().all(|v| v.is_empty() || v.len() == s.price.len())
        && map_finite(&o.liquidation_map)
        && o.events
            .iter()
            .all(|e| e.price.is_finite() && e.notional.is_finite() && e.level_pct.is_finite())
        && s.arbitrage.iter().all(|x| x.is_finite())
        && o.second_venue.as_deref().map_or(true, all_finite)
}

fn map_finite(m: &leverage_cascade::model::LiquidationMap) -> bool {
    [&m.long_liquidated, &m.long_survived, &m.short_liquidated, &m.short_survived]
        .iter()
        .all(|v| v.iter().all(|x| x.is_finite()))
        && [m.low_price, m.high_price, m.outside].iter().all(|x| x.is_finite())
}

/// A number spread evenly in log scale over [lo, hi].
fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo.log10()..=hi.log10()).prop_map(|e| 10f64.powf(e))
}

/// A price: mostly within the allowed [1e-6, 1e9], now and then far below it.
fn price() -> impl Strategy<Value = f64> {
    prop_oneof![9 => log_uniform(1e-6, 1e9), 1 => log_uniform(1e-307, 1e-290)]
}

/// Explicit positions at the ends of their ranges (sizes from a millionth of a dollar to
/// $1e12, any leverage, entries across the price range and now and then below it) in markets
/// of extreme params.
fn extreme_params() -> impl Strategy<Value = Params> {
    let size = prop_oneof![log_uniform(1e-6, 1e12), Just(1e12)];
    let position = (any::<bool>(), size, 1.0f64..=125.0, price()).prop_map(
        |(long, notional, leverage, entry)| PositionSpec {
            side: if long { Side::Long } else { Side::Short },
            notional,
            leverage,
            entry,
        },
    );
    (
        prop::collection::vec(position, 1..12),
        price(),
        log_uniform(1e3, 1e12),
        -90.0f64..=90.0,
        prop_oneof![Just(ImpactLaw::Linear), Just(ImpactLaw::Sqrt)],
        prop_oneof![Just(LiquidationMode::Full), Just(LiquidationMode::Partial)],
        0.0f64..=1e12,
        1u32..120,
    )
        .prop_map(|(positions, start, depth, shock, law, mode, fund, ticks)| Params {
            positions: Some(positions),
            start_price: start,
            depth_per_pct: depth,
            shock_pct: shock,
            impact_law: law,
            liquidation: LiquidationParams { mode, ..LiquidationParams::default() },
            insurance_fund: fund,
            ticks,
            ..Params::default()
        })
}

#[test]
fn a_position_too_large_for_its_entry_is_refused_by_name() {
    // $1e12 at an entry of 1e-300 would be 1e312 coins: an infinite open interest.
    let p = Params {
        positions: Some(vec![PositionSpec {
            side: Side::Long,
            notional: 1e12,
            leverage: 125.0,
            entry: 1e-300,
        }]),
        ..Params::default()
    };
    let e = simulate(&p).unwrap_err();
    assert_eq!(e.field, "positions[0].entry");
    assert_eq!(e.message, "must be between 0.000001 and 1000000000, got 1e-300");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn outcomes_are_finite_positive_and_account_for_every_dollar(p in params()) {
        let o = simulate(&p).unwrap();
        let s = &o.series;
        prop_assert_eq!(s.price.len(), p.ticks as usize);
        prop_assert!(all_finite(&o), "non-finite value");
        prop_assert!(s.price.iter().all(|&x| x > 0.0));

        // Open interest falls only by what was liquidated or deleveraged.
        let start = o.summary.open_interest;
        let mut gone = 0.0;
        for t in 0..s.price.len() {
            gone += s.liquidated_notional[t] + s.adl_notional[t] - s.opened_notional[t];
            let held = s.long_open_interest[t] + s.short_open_interest[t];
            prop_assert!((start - gone - held).abs() <= 1e-6 * start.max(1.0),
                "tick {}: {} held, {} expected", t, held, start - gone);
        }

        // The fund moves only by fees in, losses paid out and its result on what it took over;
        // a shortfall at the end is bad debt.
        let sm = &o.summary;
        let expected =
            sm.insurance_fund_start + sm.fees_paid - sm.losses_covered + sm.fund_pnl;
        let scale = sm.insurance_fund_start.max(sm.fees_paid).max(sm.fund_pnl.abs()).max(1.0);
        prop_assert!((sm.insurance_fund_end - expected.max(0.0)).abs() <= 1e-6 * scale,
            "fund end {} vs {}", sm.insurance_fund_end, expected);
        prop_assert!(sm.bad_debt >= -expected.min(0.0) - 1e-6 * scale);
        prop_assert!(sm.insurance_fund_end >= -1e-6);
        prop_assert!(sm.bad_debt >= 0.0 && sm.fees_paid >= 0.0 && sm.losses_covered >= 0.0);

        // Cumulative liquidations never decrease.
        prop_assert!(s.liquidated_notional.iter().all(|&x| x >= 0.0));
        prop_assert!(s.adl_notional.iter().all(|&x| x >= 0.0));
        prop_assert!(sm.liquidated_share <= 1.0);
        prop_assert!((0.0..=1.0).contains(&sm.liquidated_share));

        // A run ends halted exactly when its last tick is halted; what waits is not liquidated.
        prop_assert_eq!(sm.ended_halted, s.halted.last() == Some(&1));
        prop_assert!(sm.waiting_at_end >= 0.0 && sm.waiting_at_end <= start - gone + 1e-6 * start);
    }

    #[test]
    fn every_accepted_extreme_input_gives_finite_outputs(p in extreme_params()) {
        // Inputs the checks refuse are refused by name; every one they accept runs finitely.
        match simulate(&p) {
            Ok(o) => prop_assert!(all_finite(&o), "non-finite value for {:?}", p),
            Err(e) => prop_assert!(!e.field.is_empty() && e.message.contains("must")),
        }
        if let Ok(c) = leverage_cascade::model::compare(&p) {
            prop_assert!([&c.none, &c.circuit_breaker, &c.margin_tiers, &c.both]
                .iter()
                .all(|o| all_finite(o)));
        }
    }

    #[test]
    fn every_dollar_is_accounted_for_every_tick(p in params()) {
        // Each account from its own ledger (liquidation.rs, `Audit`): the traders' held
        // positions and what closed ones paid back, the fund, the vault, the book's
        // counterparties, the magnet's sellers, the positions' original counterparties and bad
        // debt. Their sum never changes: every trade has two sides at one price, every fee and
        // loss moves between two accounts. With a second venue, each venue's accounts add up
        // on their own, the arbitrageurs' legs counted on the book they traded with.
        let audits = leverage_cascade::model::simulate::audit_venues(&p).unwrap();
        prop_assert_eq!(audits.len(), p.ticks as usize + 1);
        for v in 0..2 {
            let start = audits[0][v].total();
            // Rounding scales with the dollars that moved: open interest and the funds, or the
            // accounts themselves where a runaway price made them larger.
            let funds = p.insurance_fund + p.second_venue.as_ref().map_or(0.0, |s| s.insurance_fund);
            for (t, a) in audits.iter().map(|a| &a[v]).enumerate() {
                let terms = [a.traders_held, a.traders_paid, a.fund, a.vault, a.book, a.others,
                    a.origin, a.bad_debt, a.arbitrage, a.spot_book];
                let size = terms.iter().map(|x| x.abs()).sum::<f64>();
                let scale = (p.open_interest + funds + 1.0).max(size);
                prop_assert!((a.total() - start).abs() <= 1e-9 * scale,
                    "venue {}, tick {}: total {} vs {} at the start: {:?}", v, t, a.total(), start, a);
            }
        }
    }

    #[test]
    fn the_same_params_give_the_same_outcome(p in params()) {
        prop_assert_eq!(simulate(&p).unwrap(), simulate(&p).unwrap());
    }
}
