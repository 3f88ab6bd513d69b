//! Named scenarios for the page's presets menu, the guided tour and shared links.
//!
//! Each preset is the default params with a few knobs changed, so it reads as "the default
//! market, but …". The three historical ones are replays, calibrated to their published record
//! (record.rs) under the venue's own rules of the day: at most three knobs fitted each, the rest
//! set from data or by hand, as docs/MODEL.md ("Replays") lists; tests/record.rs holds each to
//! the record's tolerances on eleven seeds.

use serde::Serialize;

use super::params::{
    BreakerReference, CircuitBreaker, LiquidationMode, LiquidationParams, MarginTiers, MarkPrice,
    Params, SecondVenue, VenueProfile, VenueRules,
};

/// A named scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Preset {
    /// Stable kebab-case identifier, used in URLs.
    pub id: &'static str,
    /// Short title for a menu.
    pub title: &'static str,
    /// Complete params.
    pub params: Params,
}

/// What each preset shows, in one or two sentences, by id: the English entries of the string
/// catalogue, which the page reads from its generated copy (`www/shared/presets-en.js`, written
/// by `tests/spec.rs`). Kept out of [`Preset`] so the WebAssembly build carries no prose.
pub static SUMMARIES_EN: &[(&str, &str)] = &[
    (
        "default",
        "The default market: 12x average leverage on a book that needs $100 M to move \
         1 %. A 5 % drop sets off liquidations that nearly double it, then the chain \
         dies out.",
    ),
    (
        "calm-market",
        "Modest leverage and a deep book: each liquidation sets off less than the next \
         one, so a 5 % drop stays close to 5 %.",
    ),
    (
        "crowded-leverage",
        "Same book, but traders run 20x on average. Liquidation prices crowd just \
         below the market, the branching ratio passes 1 and the same shock runs on \
         until most longs are gone.",
    ),
    (
        "thin-book",
        "Default leverage, but only $40 M moves the price 1 %: every forced sale \
         pushes harder, and a 5 % drop becomes a fall of about 17 %.",
    ),
    (
        "circuit-breaker",
        "A thin book, where $20 M moves the price 1 %, with US-style halts at 7, 13 and 20 % \
         below the start. Nine tenths of each move is liquidity that comes back, half \
         of it within 30 seconds, so each pause lets the book refill before the queued \
         liquidations go to market: the fall is about 13 % instead of 17 %, and a \
         fifth less is liquidated.",
    ),
    (
        "margin-tiers",
        "Traders at 50x in a market dominated by whales. The strict tier table caps \
         large positions at 1x to 5x, and about half as much is liquidated.",
    ),
    (
        "managed-liquidation",
        "The thin book under Hyperliquid's rules: large positions are sold 20 % a \
         tick, at most $10 M a tick goes to the book, and a $200 M backstop vault \
         takes over the deepest losses: the fall is about 15 % instead of 17 %.",
    ),
    (
        "mark-price",
        "A thin futures book beside a spot market six times deeper, on an exchange that \
         liquidates on a mark built on the spot index, as Binance does; arbitrageurs with \
         $100 M tie the two prices together. A 5 % drop becomes a fall of about 8 %, and \
         about a quarter of open interest is liquidated. Switch \"Liquidate on\" to the \
         futures' last trade: the fall is about 14 %, and nearly half of open interest is \
         liquidated, by a plunge that the spot index never saw.",
    ),
    (
        "one-venue-halt",
        "Two exchanges with the same traders, tied by $100 M of arbitrage; a $2 B sell \
         program hits the first in ten seconds. Without a breaker the first falls about \
         16 % and the second barely moves. A halt on the first alone stops its fall at \
         about 7.5 %, but its sellers finish on the second, which falls about 11 %, and \
         the two together liquidate more than with no breaker at all. Tick \"Halts with the \
         first venue's breaker\" to halt both.",
    ),
    (
        "wick-on-one-venue",
        "Two exchanges with the same traders and the same thin book, tied by $100 M of \
         arbitrage. The first liquidates on its own last trade, the second on a mark built \
         on a spot index six times deeper. The same 5 % drop: the first falls about 13 % \
         and liquidates about 42 % of its open interest, the second falls about 10 % and \
         liquidates about a third. The difference is traders liquidated by a plunge that \
         only the first exchange's book traded.",
    ),
    (
        "oct-2025",
        "A news shock of 7.5 % on a market crowded with longs, most of them at low \
         leverage, beside a small exchange on Hyperliquid's rules whose traders use more. \
         Liquidations, and new shorts piling into them, take the fall to about 12 %, and \
         about a tenth of open interest is liquidated (the record: 8–9 %). Buyers standing \
         4 % below the start, where Kaiko saw that day's bids, lift the price back and \
         liquidate some of the new shorts on the way up. On the small exchange about 30 % \
         of what is liquidated is closed by auto-deleveraging (the record: 35 %); on the \
         large one the insurance fund takes it over instead. Calibrated to BTC on 10 \
         Oct 2025: the record is shown below the charts.",
    ),
    (
        "may-2021",
        "A large drop into a long-heavy market, most of it at low leverage, on a thin \
         book whose impact mostly sticks: the price falls by about 30 %, as BTC did \
         intraday, and about a quarter of open interest is liquidated (the record: 20.5 %, \
         a lower bound). The day's rebound is missing: switch on the dip buyers under \"After \
         the fall\" to see one.",
    ),
    (
        "mar-2020",
        "A 23 % gap, the day's first leg, hits BitMEX, the rest of the market and spot \
         together. BitMEX's book is thin and its traders are leveraged: its price falls by \
         about half (the record: 51 %), and about three fifths of its open interest is \
         liquidated (BitMEX: 58 %). Arbitrage cannot carry the selling to spot fast \
         enough, so the perpetual trades about 19 % below spot at the widest (on the day: \
         10 %). BitMEX's insurance fund, a fifth of its open interest, takes over what the \
         book cannot absorb, so nothing is auto-deleveraged on BitMEX (it reported none), \
         though the fund loses heavily selling into the fall; the rest of the market's \
         smaller fund runs out, and it auto-deleverages.",
    ),
    (
        "may-2010",
        "A $4.1 B sell program over 20 minutes into a book whose makers pull back when \
         prices run one way, as in the E-mini on 6 May 2010. Without a pause, the selling \
         and the forced sales feed each other down about 13 %. With a pause standing for CME's \
         Stop Logic, trading stops for five seconds at the bottom of the plunge, about 5 % \
         down; makers post bids again, the price comes back, and the rest of the program \
         takes it no lower than about 6 % (the record: more than 5 %), with about 30 % less \
         liquidated.",
    ),
    (
        "jan-2016",
        "China's thresholds of 5 and 7 %, so close together that holders sell early \
         so as not to be locked in (the magnet effect). The selling that takes the \
         market down about 4.5 % without them pulls it through both with them: a \
         15-minute halt at 5 %, then a closure at 7 %, as on 7 January 2016, when the \
         market traded for under half an hour.",
    ),
];

/// The English summary of the preset `id`.
pub fn summary(id: &str) -> Option<&'static str> {
    SUMMARIES_EN.iter().find(|(k, _)| *k == id).map(|(_, text)| *text)
}

/// All presets, in menu order. The first is the default market.
pub fn presets() -> Vec<Preset> {
    let base = Params::default;
    vec![
        Preset { id: "default", title: "Below the tipping point", params: base() },
        Preset {
            id: "calm-market",
            title: "A calm market",
            params: Params { leverage: 5.0, depth_per_pct: 2e8, ..base() },
        },
        Preset {
            id: "crowded-leverage",
            title: "Crowded high leverage",
            params: Params { leverage: 20.0, ..base() },
        },
        Preset {
            id: "thin-book",
            title: "A thin book",
            params: Params { depth_per_pct: 4e7, ..base() },
        },
        Preset {
            id: "circuit-breaker",
            title: "A circuit breaker",
            params: Params {
                depth_per_pct: 2e7,
                permanent_impact: 0.1,
                recovery_half_life: 30.0,
                circuit_breaker: Some(CircuitBreaker::default()),
                ..base()
            },
        },
        Preset {
            id: "margin-tiers",
            title: "Margin tiers",
            params: Params {
                leverage: 50.0,
                whale_concentration: 1.0,
                depth_per_pct: 3e8,
                margin_tiers: MarginTiers::Strict,
                ..base()
            },
        },
        Preset {
            id: "managed-liquidation",
            title: "Managed liquidation",
            params: Params {
                depth_per_pct: 4e7,
                liquidation: LiquidationParams {
                    venue_rules: VenueRules::Hyperliquid,
                    mode: LiquidationMode::Partial,
                    max_per_tick: Some(1e7),
                    backstop_capacity: 2e8,
                    ..LiquidationParams::default()
                },
                ..base()
            },
        },
        Preset {
            id: "mark-price",
            title: "Liquidating on a mark price",
            params: Params {
                depth_per_pct: 5e7,
                mark_price: MarkPrice::Index,
                spot_depth_per_pct: 3e8,
                arbitrage_capital: 1e8,
                // Half an hour: on the index, liquidations go on while the basis's average
                // catches up with the futures, for about 20 minutes.
                ticks: 1800,
                ..base()
            },
        },
        Preset {
            id: "one-venue-halt",
            title: "A halt on one exchange",
            params: Params {
                arbitrage_capital: 1e8,
                shock_usd: Some(2e9),
                shock_ticks: 10,
                circuit_breaker: Some(CircuitBreaker::default()),
                second_venue: Some(SecondVenue::default()),
                ..base()
            },
        },
        Preset {
            id: "wick-on-one-venue",
            title: "A wick on one exchange",
            params: Params {
                depth_per_pct: 5e7,
                spot_depth_per_pct: 3e8,
                arbitrage_capital: 1e8,
                // Half an hour, as for mark-price: the index mark catches up for minutes.
                ticks: 1800,
                second_venue: Some(SecondVenue {
                    depth_per_pct: 5e7,
                    mark_price: MarkPrice::Index,
                    ..SecondVenue::default()
                }),
                ..base()
            },
        },
        Preset {
            id: "oct-2025",
            title: "10 Oct 2025 (replay)",
            params: Params {
                long_share: 0.85,
                leverage: 3.7,
                leverage_spread: 1.5,
                margin_tiers: MarginTiers::Standard,
                depth_per_pct: 2.8e7,
                liquidity_withdrawal: 0.35,
                dip_buyer_capital: 2.5e9,
                dip_buyer_discount_pct: 4.0,
                momentum_shorts: 0.85,
                shock_pct: -7.5,
                volatility_pct: 0.05,
                ticks: 900,
                arbitrage_capital: 1e8,
                // Hyperliquid: 6 % of the market's open interest, more leveraged, on its own
                // rules, with a vault in proportion to HLP (docs/MODEL.md, "Replays").
                second_venue: Some(SecondVenue {
                    depth_per_pct: 1.8e6,
                    insurance_fund: 1.2e6,
                    open_interest: Some(1.3e8),
                    leverage: Some(12.0),
                    rules: VenueProfile::Hyperliquid,
                    ..SecondVenue::default()
                }),
                ..base()
            },
        },
        Preset {
            id: "may-2021",
            title: "19 May 2021 (replay)",
            params: Params {
                long_share: 0.7,
                leverage: 4.3,
                leverage_spread: 1.4,
                margin_tiers: MarginTiers::Standard,
                entry_spread_pct: 6.0,
                depth_per_pct: 1.1e7,
                permanent_impact: 0.8,
                shock_pct: -8.0,
                volatility_pct: 0.05,
                ticks: 900,
                ..base()
            },
        },
        Preset {
            id: "mar-2020",
            title: "12 Mar 2020 (replay)",
            params: Params {
                long_share: 0.75,
                leverage: 7.3,
                leverage_spread: 1.2,
                margin_tiers: MarginTiers::Standard,
                entry_spread_pct: 10.0,
                depth_per_pct: 5.9e6,
                permanent_impact: 0.9,
                shock_pct: -23.0,
                volatility_pct: 0.05,
                // About a fifth of open interest, as BitMEX's fund (about 33,500 BTC at the end of
                // 2019, against $1.2 B of open interest) was; BitMEX reports no ADL that day.
                insurance_fund: 4e8,
                // Set by hand, three times the default: at the default pace this thin book's fund
                // still held $200 M unsold when a 100x run ended (docs/MODEL.md, "Replays").
                liquidation: LiquidationParams {
                    fund_unwind_share: 0.3,
                    ..LiquidationParams::default()
                },
                ticks: 1200,
                // BitMEX liquidated on its fair price, built on a spot index. The second venue
                // stands for the rest of the market (1.8 times BitMEX's open interest, on
                // Binance's rules); spot is shared, and arbitrageurs trade between the three
                // (docs/MODEL.md, "Replays").
                mark_price: MarkPrice::Index,
                spot_depth_per_pct: 2e7,
                arbitrage_capital: 2e8,
                second_venue: Some(SecondVenue {
                    depth_per_pct: 3.6e7,
                    insurance_fund: 7.2e7,
                    mark_price: MarkPrice::Index,
                    open_interest: Some(3.6e9),
                    leverage: Some(5.0),
                    rules: VenueProfile::Binance,
                    ..SecondVenue::default()
                }),
                ..base()
            },
        },
        Preset {
            id: "may-2010",
            title: "6 May 2010 (replay)",
            params: Params {
                leverage: 30.0,
                depth_per_pct: 4e8,
                liquidity_withdrawal: 0.92,
                // The day's recovery within minutes says most of the impact was transient.
                permanent_impact: 0.2,
                recovery_half_life: 60.0,
                // The sell program: 75,000 E-mini contracts, about $4.1 B, over 20 minutes.
                shock_usd: Some(4.1e9),
                shock_ticks: 1200,
                volatility_pct: 0.02,
                ticks: 1800,
                // CME's Stop Logic: a fall of 1 % within a second (a tick) pauses matching for
                // five seconds (docs/MODEL.md, "Replays", says why 1 % and not CME's band).
                circuit_breaker: Some(CircuitBreaker {
                    levels_pct: vec![1.0],
                    reference: BreakerReference::RollingHigh,
                    window_ticks: 2,
                    halt_ticks: 5,
                    close_ticks: 5,
                    magnet_sell_share: 0.0,
                }),
                ..base()
            },
        },
        Preset {
            id: "jan-2016",
            title: "7 Jan 2016 (replay)",
            params: Params {
                long_share: 0.8,
                leverage: 10.0,
                depth_per_pct: 1e8,
                shock_pct: -6.5,
                shock_ticks: 600,
                volatility_pct: 0.01,
                ticks: 3600,
                circuit_breaker: Some(CircuitBreaker {
                    levels_pct: vec![5.0, 7.0],
                    reference: BreakerReference::Start,
                    window_ticks: 600,
                    halt_ticks: 900,
                    close_ticks: 1200,
                    magnet_sell_share: 0.3,
                }),
                ..base()
            },
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid_and_ids_are_unique_kebab_case() {
        let all = presets();
        let ids: Vec<_> = all.iter().map(|p| p.id).collect();
        let described: Vec<_> = SUMMARIES_EN.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, described, "one summary per preset, in menu order");
        for p in &all {
            p.params.validate().unwrap_or_else(|e| panic!("{}: {e}", p.id));
            assert!(p.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
        let mut ids: Vec<_> = all.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
    }
}
