//! The published record of each historical preset: what happened, with a source for every figure,
//! so the page can set the model's run beside it and be honest where they differ.
//!
//! Figures are ranges: reports disagree, and public liquidation totals are lower bounds (Binance's
//! public stream shows at most one liquidation per symbol per second). Each figure has a key the
//! model's counterpart is computed for ([`model_figure`]); a figure the model has no counterpart
//! for (a rebound in dollars, say) is still listed, as context.
//!
//! The records are data for the page and the tests: the WebAssembly never reads them. The page
//! reads its copy, `www/shared/records-en.js`, which tests/spec.rs writes from [`RECORDS`].

use super::outcome::{Outcome, Summary};
use super::params::Params;
use super::simulate::scenarios;

/// What a figure measures, and so how the model's counterpart is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// The fall from the start to the lowest price, %.
    FallPct,
    /// Liquidated notional ÷ open interest just before the event, %.
    LiquidatedShareOfOiPct,
    /// Longs' share of the liquidated notional, %.
    LongSharePct,
    /// The insurance fund's change over the event, %.
    FundChangePct,
    /// Notional auto-deleveraged ÷ notional liquidated, %.
    AdlShareOfLiquidatedPct,
    /// How far the perpetual traded below the spot index at the widest, in % of the index
    /// (positive: below).
    BelowSpotPct,
    /// Minutes from the start to the lowest price (on the first venue).
    MinutesToLow,
    /// Context the model has no counterpart for.
    Context,
}

impl Measure {
    /// Its key in the page's copy.
    pub fn key(self) -> &'static str {
        match self {
            Measure::FallPct => "fallPct",
            Measure::LiquidatedShareOfOiPct => "liquidatedShareOfOiPct",
            Measure::LongSharePct => "longSharePct",
            Measure::FundChangePct => "fundChangePct",
            Measure::AdlShareOfLiquidatedPct => "adlShareOfLiquidatedPct",
            Measure::BelowSpotPct => "belowSpotPct",
            Measure::MinutesToLow => "minutesToLow",
            Measure::Context => "context",
        }
    }
}

/// How far outside the record's range a replay's figure may lie and still match it (issue 17's
/// tolerances). The replays are calibrated to these (docs/MODEL.md, "Replays"); tests/record.rs
/// holds them to it and the page says, figure by figure, whether the model is within it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tolerance {
    /// Within this share of the published figure either way (0.25: ±25 %).
    Relative(f64),
    /// Within this factor of the published figure either way.
    Factor(f64),
    /// Within this many percentage points.
    Points(f64),
}

impl Tolerance {
    /// Whether `model` lies within the tolerance of the range `low..=high`.
    pub fn holds(self, low: f64, high: f64, model: f64) -> bool {
        match self {
            Tolerance::Relative(r) => model >= low * (1.0 - r) && model <= high * (1.0 + r),
            Tolerance::Factor(f) => model >= low / f && model <= high * f,
            Tolerance::Points(p) => model >= low - p && model <= high + p,
        }
    }
}

impl Measure {
    /// The tolerance a replay is calibrated to for this figure, or `None` for a figure held out
    /// of the calibration (reported as it comes out) or context.
    pub fn tolerance(self) -> Option<Tolerance> {
        match self {
            Measure::FallPct => Some(Tolerance::Relative(0.25)),
            Measure::LiquidatedShareOfOiPct => Some(Tolerance::Factor(1.5)),
            Measure::LongSharePct => Some(Tolerance::Points(10.0)),
            _ => None,
        }
    }
}

/// Which venues a figure is measured on, where the preset has a second venue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The whole market: the liquidated share, longs' share and ADL share over both venues'
    /// liquidations, ADL and open interest; the fall and the fund on the first venue, which
    /// stands for the rest of the market. With one venue, that venue.
    Market,
    /// The first venue alone: a figure published for the one venue it stands for, where the
    /// second venue stands for the rest of the market.
    FirstVenue,
    /// The second venue alone: a figure published for the one venue it stands for.
    SecondVenue,
}

impl Scope {
    /// Its key in the page's copy.
    pub fn key(self) -> &'static str {
        match self {
            Scope::Market => "market",
            Scope::FirstVenue => "firstVenue",
            Scope::SecondVenue => "secondVenue",
        }
    }

    /// The summary a figure of this scope is computed from, for a run's outcome: the first
    /// venue's with both venues' liquidations, ADL and open interest summed (market), or the
    /// first or the second venue's alone; `None` for the second venue of a run that has none.
    pub fn summary(self, outcome: &Outcome) -> Option<Summary> {
        let second = outcome.second_venue.as_ref().map(|o| &o.summary);
        match self {
            Scope::FirstVenue => Some(outcome.summary.clone()),
            Scope::SecondVenue => second.cloned(),
            Scope::Market => {
                let mut s = outcome.summary.clone();
                if let Some(b) = second {
                    s.liquidated_notional += b.liquidated_notional;
                    s.liquidated_short_notional += b.liquidated_short_notional;
                    s.adl_notional += b.adl_notional;
                    s.open_interest += b.open_interest;
                }
                Some(s)
            }
        }
    }
}

/// One published figure: a range, what it is in words, and where it comes from.
#[derive(Clone, Copy, Debug)]
pub struct Figure {
    /// What it measures.
    pub measure: Measure,
    /// Which venues it is measured on.
    pub scope: Scope,
    /// In words, for a student.
    pub label: &'static str,
    /// The published range, low to high (equal for a single figure); for context, unused.
    pub low: f64,
    /// The top of the range.
    pub high: f64,
    /// The figure as published, in words ("about $19.1–19.4 B against $217–230 B").
    pub as_published: &'static str,
    /// Who published it (and where, when there is more than one report).
    pub source: &'static str,
    /// The reports behind it that can be read online, to link on the page.
    pub links: &'static [Link],
}

/// A published report, to link: its name in a few words and its address.
#[derive(Clone, Copy, Debug)]
pub struct Link {
    /// The report, in a few words ("the CFTC and SEC staffs' report").
    pub name: &'static str,
    /// Its address (https, or http where the publisher serves no https).
    pub url: &'static str,
}

/// A historical preset's record.
#[derive(Clone, Copy, Debug)]
pub struct Record {
    /// The preset's id.
    pub id: &'static str,
    /// The market the preset stands for.
    pub market: &'static str,
    /// The figures.
    pub figures: &'static [Figure],
    /// What the model leaves out, in plain words.
    pub left_out: &'static str,
    /// The venue's own rules of the day, and so which run of `compare` is set beside the record.
    pub rules: Rules,
    /// Published prices at known times, on the model's clock, to draw over the model's price
    /// where the day's clock and the model's agree (empty where they do not).
    pub path: &'static [PathPoint],
    /// Where the path's prices come from.
    pub path_source: &'static str,
    /// The reports behind the path that can be read online.
    pub path_links: &'static [Link],
}

/// A published price at a known time.
#[derive(Clone, Copy, Debug)]
pub struct PathPoint {
    /// Seconds from the model's start (its tick 0, at one second a tick).
    pub seconds: f64,
    /// The price, with the price the model starts from as 100.
    pub price: f64,
    /// What happened then, in a few words ("9:42, −5.4 %: the first threshold trips").
    pub label: &'static str,
}

/// The venue's own rules of the day, as a run of `compare`: the one a replay is calibrated on
/// and the page sets beside the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rules {
    /// A crypto venue: the preset's tier table and liquidation profile, no market-wide breaker
    /// (the "Margin tiers" card).
    Tiers,
    /// An exchange whose halts were part of the day: the preset's breaker, flat margin (the
    /// "Circuit breaker" card).
    Breaker,
}

impl Rules {
    /// The key of that run in `compare`'s result.
    pub fn scenario(self) -> &'static str {
        match self {
            Rules::Tiers => "marginTiers",
            Rules::Breaker => "circuitBreaker",
        }
    }

    /// The params of that run, for `simulate`, from the preset's.
    pub fn run(self, preset: &Params) -> Params {
        let [_, breaker, tiers, _] = scenarios(preset);
        match self {
            Rules::Tiers => tiers,
            Rules::Breaker => breaker,
        }
    }
}

/// The model's counterpart of `measure` for a run's summary, %; `None` for context, or where
/// the run liquidated nothing (shares of nothing).
pub fn model_figure(measure: Measure, s: &Summary) -> Option<f64> {
    let liquidated = s.liquidated_notional;
    match measure {
        Measure::FallPct => Some((1.0 - s.min_price / s.start_price) * 100.0),
        Measure::LiquidatedShareOfOiPct => Some(liquidated / s.open_interest * 100.0),
        Measure::LongSharePct if liquidated > 0.0 => {
            Some((liquidated - s.liquidated_short_notional) / liquidated * 100.0)
        }
        Measure::FundChangePct if s.insurance_fund_start > 0.0 => {
            Some((s.insurance_fund_end / s.insurance_fund_start - 1.0) * 100.0)
        }
        Measure::AdlShareOfLiquidatedPct if liquidated > 0.0 => {
            Some(s.adl_notional / liquidated * 100.0)
        }
        Measure::BelowSpotPct => Some(-s.widest_basis_pct),
        _ => None,
    }
}

/// The model's counterpart of figure `f` for a run's outcome, on the venues of its scope, with
/// `tick_seconds` seconds a tick (for a duration).
pub fn outcome_figure(f: &Figure, outcome: &Outcome, tick_seconds: f64) -> Option<f64> {
    if f.measure == Measure::MinutesToLow {
        return Some(minutes_to_low(&outcome.series.price, tick_seconds));
    }
    model_figure(f.measure, &f.scope.summary(outcome)?)
}

/// Minutes from the start to the end of the first tick at the lowest price of `prices` (one a
/// tick).
pub fn minutes_to_low(prices: &[f64], tick_seconds: f64) -> f64 {
    let low = prices.iter().copied().fold(f64::INFINITY, f64::min);
    let at = prices.iter().position(|&p| p <= low).unwrap_or(0);
    (at + 1) as f64 * tick_seconds / 60.0
}

/// The record of the preset `id`.
pub fn record(id: &str) -> Option<&'static Record> {
    RECORDS.iter().find(|r| r.id == id)
}

/// Every historical preset's record.
pub static RECORDS: &[Record] = &[
    Record {
        id: "oct-2025",
        market: "BTC perpetuals across venues, 10–11 October 2025",
        figures: &[
            Figure {
                measure: Measure::FallPct,
                scope: Scope::Market,
                label: "Fall of the price",
                low: 11.0,
                high: 14.0,
                as_published: "about −11 % on minute data, brief lows to about −14 %",
                source: "BTC minute data from exchanges, as collected in the project's DOMAIN.md §7",
                links: &[
                    Link { name: "Kaiko Research on the day's liquidity", url: "https://research.kaiko.com/insights/when-october-surprise-meets-crypto-liquidity-drought" },
                ],
            },
            Figure {
                measure: Measure::LiquidatedShareOfOiPct,
                scope: Scope::Market,
                label: "Liquidated, as a share of open interest",
                low: 8.3,
                high: 8.9,
                as_published: "about $19.1–19.4 B liquidated in 24 h against $217–230 B of aggregate open interest",
                source: "liquidation and open-interest aggregators (CoinGlass and others), as collected in DOMAIN.md §9; a lower bound, since venues report at most one liquidation per symbol per second",
                links: &[
                    Link { name: "CoinGlass's totals, reported by Yellow Research", url: "https://yellow.com/research/trump-100-china-tariff-how-one-announcement-liquidated-dollar19-billion-in-crypto" },
                ],
            },
            Figure {
                measure: Measure::LongSharePct,
                scope: Scope::Market,
                label: "Longs' share of what was liquidated",
                low: 84.0,
                high: 90.0,
                as_published: "85–90 % longs (83.9 % in Amberdata's data set)",
                source: "liquidation aggregators (DOMAIN.md §7); Amberdata's data set (DOMAIN.md §9)",
                links: &[
                    Link { name: "Amberdata's account in seven charts", url: "https://blog.amberdata.io/how-3.21b-vanished-in-60-seconds-october-2025-crypto-crash-explained-through-7-charts" },
                ],
            },
            Figure {
                measure: Measure::FundChangePct,
                scope: Scope::Market,
                label: "Change of the insurance fund",
                low: -15.4,
                high: -15.4,
                as_published: "Binance's insurance fund, $1.23 B → $1.04 B",
                source: "Binance's published insurance-fund balance (DOMAIN.md §7)",
                links: &[
                    Link { name: "the insurance fund's change, on Binance Square", url: "https://www.binance.bh/en/square/post/30856400292745" },
                ],
            },
            Figure {
                measure: Measure::AdlShareOfLiquidatedPct,
                scope: Scope::SecondVenue,
                label: "Auto-deleveraged on Hyperliquid (the second venue), as a share of what it liquidated",
                low: 34.7,
                high: 34.7,
                as_published: "Hyperliquid's BTC perpetual: $0.62 B of ADL fills against $1.79 B of liquidations in about 12 minutes (all coins: $2.1 B against $5.5 B)",
                source: "a third-party reconstruction from Hyperliquid's public trade data (DOMAIN.md §9)",
                links: &[
                    Link { name: "the reconstruction of Hyperliquid's ADL (GitHub)", url: "https://github.com/ConejoCapital/HyperMultiAssetedADL" },
                ],
            },
        ],
        rules: Rules::Tiers,
        path: &[],
        path_source: "",
        path_links: &[],
        left_out: "The model has two venues and one coin; that day's cascade ran across dozens of venues and hundreds of coins, many of which fell 60–80 %, and most of the fall in open interest was voluntary closing, which the model does not have. The first venue stands for the market on Binance's rules; the second for Hyperliquid, with 6 % of the open interest, on Hyperliquid's rules, its traders at 12x on average where the first venue's average 3.7x, widely spread. That most open interest is at low leverage is what brings the liquidated share near the record's. Short liquidations come mostly from new shorts on the second venue caught by the rebound. Neither held-out figure was fitted. The second venue's ADL share comes out near Hyperliquid's; its fund is sized from what Hyperliquid's buffers covered that day, and its leverage was set by hand: at 8x it would deleverage far less. It ends with about $1.3 M of bad debt (fills past bankruptcy after its fund ran out), where Hyperliquid reported none. The first venue's fund loses less than Binance's did, because arbitrage carries part of the selling to spot.",
    },
    Record {
        id: "may-2021",
        market: "BTC futures and perpetuals across venues, 19 May 2021",
        figures: &[
            Figure {
                measure: Measure::FallPct,
                scope: Scope::Market,
                label: "Fall of the price",
                low: 28.0,
                high: 32.0,
                as_published: "about −30 % intraday, to about $30 k",
                source: "exchange price data as reported at the time (DOMAIN.md §7, §9)",
                links: &[
                    Link { name: "Coinspeaker on the low and the rebound", url: "https://www.coinspeaker.com/bitcoin-btc-price-recovers-over-30-from-wednesday-bottom/amp" },
                ],
            },
            Figure {
                measure: Measure::LiquidatedShareOfOiPct,
                scope: Scope::Market,
                label: "Liquidated, as a share of open interest",
                low: 20.5,
                high: 20.5,
                as_published: "about $3.57 B of BTC futures liquidated in 24 hours, against about $17.4 B of open interest before (it fell 25.9 % to $12.9 B); a lower bound, since Binance then published only part of its liquidations",
                source: "Bybt (now CoinGlass) BTC liquidation and open-interest figures, as Crypto News Australia reported them that day",
                links: &[
                    Link { name: "Crypto News Australia on BTC open interest and liquidations", url: "https://cryptonews.com.au/news/open-interest-in-bitcoin-drops-to-12-9-billion-as-btc-plunged-to-almost-30000-usd-90740" },
                ],
            },
            Figure {
                measure: Measure::MinutesToLow,
                scope: Scope::Market,
                label: "Minutes from the start of the plunge to the low",
                low: 30.0,
                high: 30.0,
                as_published: "from about $38,000 to under $30,000 in about 30 minutes",
                source: "an analysis of Binance's BTCUSDT perpetual that day by C. O. Alexander",
                links: &[
                    Link { name: "C. O. Alexander on Binance's insurance fund and 19 May", url: "https://coalexander.com/post/binance-s-insurance-fund" },
                ],
            },
            Figure {
                measure: Measure::Context,
                scope: Scope::Market,
                label: "Liquidated",
                low: 0.0,
                high: 0.0,
                as_published: "over $8 B (about $8.6 B) across all coins in 24 h, over 800 k traders",
                source: "Bybt (now CoinGlass) liquidation totals, as reported at the time (DOMAIN.md §7)",
                links: &[
                    Link { name: "a NewsBreak report citing Bybt's total", url: "https://www.newsbreak.com/news/2263120909471/mastercard-exec-shares-thoughts-on-crypto-rewards-stablecoin-and-cbdc-plans" },
                ],
            },
            Figure {
                measure: Measure::Context,
                scope: Scope::Market,
                label: "Rebound",
                low: 0.0,
                high: 0.0,
                as_published: "about $10 k back within hours of the low",
                source: "exchange price data as reported at the time (DOMAIN.md §7, §9)",
                links: &[
                    Link { name: "Coinspeaker on the low and the rebound", url: "https://www.coinspeaker.com/bitcoin-btc-price-recovers-over-30-from-wednesday-bottom/amp" },
                ],
            },
        ],
        rules: Rules::Tiers,
        path: &[],
        path_source: "",
        path_links: &[],
        left_out: "The model has one venue and no buyers who come back (unless you switch them on under \"After the fall\"), so it has no rebound. Its cascade reaches the low in about a minute and a half, where the day's plunge took half an hour: the model trades every second without delay, while that day's venues slowed down and Binance's futures stopped trading for a while. The share of open interest on record is a lower bound, since Binance then published only part of its liquidations; the model's longs are most of open interest at low leverage, so about a quarter of it is liquidated, near the record's share.",
    },
    Record {
        id: "mar-2020",
        market: "BitMEX's XBTUSD perpetual, 12–13 March 2020",
        figures: &[
            Figure {
                measure: Measure::FallPct,
                scope: Scope::FirstVenue,
                label: "Fall of the price",
                low: 51.1,
                high: 51.1,
                as_published: "$7,353 → $3,596 at the low, in two legs",
                source: "BitMEX XBTUSD prices, as LedgerPrime and CryptoSlate reported them (DOMAIN.md §7)",
                links: &[
                    Link { name: "LedgerPrime Research on Black Thursday", url: "https://www.research.ledgerprime.com/p/cryptos-black-thursday-the-market" },
                    Link { name: "CryptoSlate on XBTUSD below spot", url: "https://cryptoslate.com/bitmex-freezes-as-xbtusd-crashes-10-below-bitcoin-spot-price/" },
                ],
            },
            Figure {
                measure: Measure::LiquidatedShareOfOiPct,
                scope: Scope::FirstVenue,
                label: "Liquidated, as a share of open interest",
                low: 58.0,
                high: 58.0,
                as_published: "over $700 M liquidated on BitMEX in the first leg, against about $1.2 B of open interest (which fell to $593 M)",
                source: "BitMEX liquidation and open-interest data as reported at the time (DOMAIN.md §7; issue 17)",
                links: &[
                    Link { name: "LedgerPrime Research on Black Thursday", url: "https://www.research.ledgerprime.com/p/cryptos-black-thursday-the-market" },
                    Link { name: "open interest before and after (CryptoIQ)", url: "https://www.cryptoiqtrading.com/crypto-derivatives-markets-speculation-smashed-by-this-months-crypto-crash/" },
                ],
            },
            Figure {
                measure: Measure::BelowSpotPct,
                scope: Scope::FirstVenue,
                label: "How far BitMEX's perpetual traded below spot, at the widest",
                low: 10.0,
                high: 10.0,
                as_published: "its low of $3,596 was about $400 under spot at the same time",
                source: "LedgerPrime, and CryptoSlate at the time (DOMAIN.md §9)",
                links: &[
                    Link { name: "LedgerPrime Research on Black Thursday", url: "https://www.research.ledgerprime.com/p/cryptos-black-thursday-the-market" },
                    Link { name: "CryptoSlate on XBTUSD below spot", url: "https://cryptoslate.com/bitmex-freezes-as-xbtusd-crashes-10-below-bitcoin-spot-price/" },
                ],
            },
            Figure {
                measure: Measure::AdlShareOfLiquidatedPct,
                scope: Scope::FirstVenue,
                label: "Auto-deleveraged, as a share of what was liquidated",
                low: 0.0,
                high: 0.0,
                as_published: "none reported",
                source: "BitMEX's own account of the day (DOMAIN.md; the mar-2020 preset)",
                links: &[],
            },
        ],
        rules: Rules::Tiers,
        path: &[],
        path_source: "",
        path_links: &[],
        left_out: "The model draws the two legs as one: a gap for the first, and the cascade straight after it, where the day's second leg came 13 hours later. The second venue stands for every other exchange, on Binance's rules; spot has no sellers of its own, so it falls only as far as arbitrageurs carry the perpetuals' selling to it, 35–40 %, where the day's spot fell nearly as far as BitMEX. That is why BitMEX's perpetual runs about twice as far below spot as it did. The rest of the market's figures (its fund runs out and it auto-deleverages) are not held against any record.",
    },
    Record {
        id: "may-2010",
        market: "CME's E-mini S&P 500 futures, 6 May 2010",
        figures: &[
            Figure {
                measure: Measure::FallPct,
                scope: Scope::Market,
                label: "Fall of the price",
                low: 5.0,
                high: 6.0,
                as_published: "more than 5 %, most of it in the four and a half minutes to 2:45:27 pm (US Eastern), after a sell program began at 2:32",
                source: "the CFTC and SEC staffs' joint report on the day (30 September 2010), as collected in DOMAIN.md §7",
                links: &[
                    Link { name: "the CFTC and SEC staffs' report (PDF)", url: "https://www.sec.gov/news/studies/2010/marketevents-report.pdf" },
                    Link { name: "a summary of the report (Lexology)", url: "https://www.lexology.com/library/detail.aspx?g=80878e65-2bbd-4668-b7c5-38a956a47ea0" },
                ],
            },
            Figure {
                measure: Measure::MinutesToLow,
                scope: Scope::Market,
                label: "Minutes from the start of the sell program to the low",
                low: 13.5,
                high: 13.5,
                as_published: "the program began at 2:32 pm and the E-mini's low came at 2:45:27, just before the pause",
                source: "the CFTC and SEC staffs' joint report (DOMAIN.md §7)",
                links: &[
                    Link { name: "the CFTC and SEC staffs' report (PDF)", url: "https://www.sec.gov/news/studies/2010/marketevents-report.pdf" },
                ],
            },
            Figure {
                measure: Measure::Context,
                scope: Scope::Market,
                label: "The sell program",
                low: 0.0,
                high: 0.0,
                as_published: "75,000 E-mini contracts, about $4.1 B, sold by an algorithm at up to 9 % of the volume traded, in about 20 minutes",
                source: "the CFTC and SEC staffs' joint report (DOMAIN.md §7)",
                links: &[
                    Link { name: "the CFTC and SEC staffs' report (PDF)", url: "https://www.sec.gov/news/studies/2010/marketevents-report.pdf" },
                    Link { name: "a summary of the report (Lexology)", url: "https://www.lexology.com/library/detail.aspx?g=80878e65-2bbd-4668-b7c5-38a956a47ea0" },
                ],
            },
            Figure {
                measure: Measure::Context,
                scope: Scope::Market,
                label: "The pause",
                low: 0.0,
                high: 0.0,
                as_published: "CME's Stop Logic paused matching in the E-mini for five seconds at 2:45:28 pm; selling eased and buyers came back, and prices steadied and began to recover when trading resumed",
                source: "the CFTC and SEC staffs' joint report (DOMAIN.md §6, §7); CME describes the pause as time for bids and offers to be posted",
                links: &[
                    Link { name: "the CFTC and SEC staffs' report (PDF)", url: "https://www.sec.gov/news/studies/2010/marketevents-report.pdf" },
                    Link { name: "Stop Logic, defined (USLegal)", url: "https://definitions.uslegal.com/s/stop-logic-functionality/" },
                ],
            },
            Figure {
                measure: Measure::Context,
                scope: Scope::Market,
                label: "What followed",
                low: 0.0,
                high: 0.0,
                as_published: "the Dow fell about 9 % intraday and recovered most of it within about 20 minutes",
                source: "DOMAIN.md §7",
                links: &[
                    Link { name: "the CFTC and SEC staffs' report (PDF)", url: "https://www.sec.gov/news/studies/2010/marketevents-report.pdf" },
                ],
            },
        ],
        rules: Rules::Breaker,
        path: &[],
        path_source: "",
        path_links: &[],
        left_out: "The model's forced sellers are leveraged positions with liquidation prices, their leverage (30x on average) standing for how close to the price their triggers sat (about 3 %), not for the exchange's margin, and its $2 B of open interest for the positions with triggers near the price, not the E-mini's whole open interest; on the day they were stop-loss orders and intermediaries who stopped buying, and high-frequency traders passing the same contracts back and forth, which the model does not have, nor the stocks and ETFs the selling spread to. Its sell program sells at a steady rate, where the day's sold a share of the volume, so the model's plunge starts within a minute of the program, not nine minutes later, and after the pause the rest of the program takes the price a little lower again, where the day's prices recovered. Stop Logic is modelled as a five-second pause when the price falls 1 % within a second, once: CME's rule pauses when stop orders would trade beyond a band of about half a percent, and at 0.5 % a second the model's pause comes 2.4–4.2 % down, before the bottom of the plunge, where the day's came at its bottom. The rule that makers post bids again within seconds of a pause (a half-life of one second while halted) is this model's, set to what CME says the pause is for, not measured. The fall without the pause is the model's counterfactual, not history.",
    },
    Record {
        id: "jan-2016",
        market: "China's CSI 300 index, 7 January 2016",
        figures: &[
            Figure {
                measure: Measure::FallPct,
                scope: Scope::Market,
                label: "Fall of the price",
                low: 7.0,
                high: 7.2,
                as_published: "about 7 %, where the second threshold closed the market for the day",
                source: "the China Securities Regulatory Commission's rules of the time, as collected in DOMAIN.md §6; index closes as reported at the time",
                links: &[
                    Link { name: "Xinhua on 7 January (China.org.cn)", url: "http://en.chinagate.cn/2016-01/07/content_37482468.htm" },
                ],
            },
            Figure {
                measure: Measure::MinutesToLow,
                scope: Scope::Market,
                label: "Minutes from the open to the low",
                low: 29.0,
                high: 29.0,
                as_published: "the low was the close at 7 %, about 9:59, 29 minutes after the 9:30 open, a 15-minute halt included",
                source: "exchange announcements as Xinhua reported them (DOMAIN.md §6)",
                links: &[
                    Link { name: "Xinhua on 7 January (China.org.cn)", url: "http://en.chinagate.cn/2016-01/07/content_37482468.htm" },
                ],
            },
            Figure {
                measure: Measure::Context,
                scope: Scope::Market,
                label: "How fast",
                low: 0.0,
                high: 0.0,
                as_published: "the 5 % threshold tripped about 12 minutes after the open; the 7 % one about 2 minutes after trading resumed, so the market traded under half an hour in all",
                source: "exchange announcements as reported at the time (DOMAIN.md §6: one session lasted about 29 minutes)",
                links: &[
                    Link { name: "Xinhua on 7 January (China.org.cn)", url: "http://en.chinagate.cn/2016-01/07/content_37482468.htm" },
                    Link { name: "Reuters on the rules, 4 December 2015", url: "https://www.reuters.com/article/china-stocks-circuitbreaker-idUSB9N13M03K20151204" },
                ],
            },
            Figure {
                measure: Measure::Context,
                scope: Scope::Market,
                label: "What followed",
                low: 0.0,
                high: 0.0,
                as_published: "the thresholds tripped on 4 and 7 January and were suspended on 8 January, four trading days after they began",
                source: "DOMAIN.md §6 (the textbook magnet effect)",
                links: &[
                    Link { name: "the suspension, 8 January (China.org.cn)", url: "http://en.chinagate.cn/2016-01/08/content_37487376.htm" },
                ],
            },
        ],
        rules: Rules::Breaker,
        path: &[
            PathPoint {
                seconds: 720.0,
                price: 94.62,
                label: "9:42, −5.4\u{a0}%: the first threshold trips, a 15-minute halt",
            },
            PathPoint {
                seconds: 1740.0,
                price: 92.79,
                label: "about 9:59, −7.2\u{a0}%: the second closes the market for the day",
            },
        ],
        path_source: "the CSI 300 against the previous close, the model's 100, at the times Xinhua reported (the halt at 9:42, 12 minutes after the 9:30 open, at −5.38 %; the close two minutes after the 9:57 reopening, at 3,284.74, −7.21 %); the opening price was not found",
        path_links: &[
            Link { name: "Xinhua on 7 January (China.org.cn)", url: "http://en.chinagate.cn/2016-01/07/content_37482468.htm" },
            Link { name: "the halt at −5.38 % (Mpelembe)", url: "https://mpelembe.net/business/finance/china-halts-stock-market-circuit-breaker/" },
        ],
        left_out: "The model has no trading day: its closure at 7 % lasts 20 minutes and the market then reopens, where that day's market stayed shut, so its fall is the deepest point of the whole hour it runs. Its sell program stands in for the day's rush to sell, and the magnet's sellers are a rule of the model (selling rises within 2 points of a threshold, fitted to show the effect the literature describes), not measured that day. The thresholds were hit faster than the day's: about 7 minutes after the start in the model, against about 12.",
    },
];
