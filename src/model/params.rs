//! Every knob of the model, in one documented struct.
//!
//! Units: prices are in quote currency (USD) with the start price 100 by default, so a price reads
//! as "% of start"; notional amounts are USD; "Pct" fields are percentages (5 means 5 %); time is in
//! ticks. Each field's allowed range is written beside it and enforced by [`Params::validate`].
//!
//! The JSON form (and the JS API) is camelCase; a missing field takes its default and an unknown
//! field is an error, so a typo never passes silently.

use serde::{Deserialize, Deserializer, Serialize};

use super::error::{ErrorKind, ParamsError};
use super::margin::TierTable;
use super::spec;

/// Largest seed: seeds travel through JavaScript numbers, which hold integers exactly up to 2^53 − 1.
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// Most traders a generated population may have.
pub const MAX_TRADERS: u32 = 1_000_000;
/// Longest horizon, in ticks.
pub const MAX_TICKS: u32 = 100_000;
/// Highest leverage any venue in DOMAIN.md §2 offers (Binance BTCUSDT, first tier).
pub const MAX_LEVERAGE: f64 = 125.0;
/// Largest USD amount accepted anywhere (open interest, depth, funds): a trillion dollars.
pub const MAX_USD: f64 = 1e12;

/// The lowest start or entry price, quote units. With notionals up to [`MAX_USD`], a position then
/// holds at most 1e18 coins, so every amount a run adds up stays finite; below it, a $1e12
/// position at an entry of 1e-300 held an infinite number of coins. Real prices are far above it.
pub const MIN_PRICE: f64 = 1e-6;

/// All parameters of one simulated market.
///
/// `Default` is the teaching preset: 100,000 traders at 12x average leverage, $2 B of open
/// interest, on a book that needs $100 M to move 1 %. The market sits below the tipping point
/// (branching ratio about 0.4 at the start, 0.8 in the densest band): a 5 % drop becomes a fall
/// of about 10 %, and more leverage or less depth tips it into a crash.
///
/// Read through the parameter table (fill.rs), which is its one `Deserialize`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Params {
    /// Price before the shock (quote units). Range [1e-6, 1e9]; default 100, so prices read as %.
    pub start_price: f64,
    /// Number of generated positions. Range 1 ..= 1,000,000; default 100,000.
    /// Ignored when `positions` is given.
    pub traders: u32,
    /// Seed of the random generator (population and noise). Range 0 ..= 2^53 − 1; default 1.
    pub seed: u64,
    /// An explicit list of positions to use instead of a generated population
    /// (1 ..= 1,000,000 entries). Default: none.
    pub positions: Option<Vec<PositionSpec>>,
    /// Total open interest, longs plus shorts, in USD at entry. Range [1e3, 1e12]; default 2e9.
    pub open_interest: f64,
    /// Share of open interest that is long. Range [0, 1]; default 0.6.
    pub long_share: f64,
    /// Mean leverage of generated positions. Range [1, 125]; default 12.
    pub leverage: f64,
    /// Spread of leverage: the log-space standard deviation of (leverage − 1). Range [0, 1.5];
    /// default 0.6. Zero gives every trader the mean leverage.
    pub leverage_spread: f64,
    /// How concentrated position sizes are, from 0 (even, Pareto tail index 3) to 1 (whales
    /// dominate, tail index 1.1). Range [0, 1]; default 0.6.
    pub whale_concentration: f64,
    /// Standard deviation of entry prices around the start price, in % (log-normal).
    /// Range [0, 50]; default 3.
    pub entry_spread_pct: f64,
    /// Flat maintenance margin rate in %, used when `marginTiers` is none. Range [0, 50]; default 0.5.
    pub maintenance_pct: f64,
    /// Estimated fee to close, in % of the position's value at its bankruptcy price, added to the
    /// maintenance margin as OKX, Bybit's unified account, BitMEX and Phemex do (DOMAIN.md §3):
    /// the position is liquidated that much earlier. Range [0, 1]; default 0 (left out, as
    /// Binance does). Taker fees are about 0.05 %.
    pub closing_fee_pct: f64,
    /// Margin tier table: none (flat `maintenancePct`), "standard", "strict" or a custom list.
    pub margin_tiers: MarginTiers,
    /// Market depth: USD of one-sided flow that moves the price 1 %. Range [1e3, 1e12]; default 1e8.
    pub depth_per_pct: f64,
    /// How much of the book's depth withdraws under stress (liquidity.rs), from 0 (depth is
    /// `depthPerPct` always) to 1 (up to 95 % withdrawn at full stress). Range [0, 1]; default 0.
    pub liquidity_withdrawal: f64,
    /// Capital of the dip buyers (buyers.rs), USD: value buyers who buy once the price is more
    /// than `dipBuyerDiscountPct` below the start, until it is spent. Range [0, 1e12]; default 0
    /// (none).
    pub dip_buyer_capital: f64,
    /// How far below the start price, in %, the dip buyers begin to buy. Range [0, 90];
    /// default 5.
    pub dip_buyer_discount_pct: f64,
    /// New shorts opened into a fall (buyers.rs): USD of new short positions per USD of longs
    /// liquidated in a tick, sold into the book at the mean leverage. Range [0, 2]; default 0.
    pub momentum_shorts: f64,
    /// Which price liquidations look at (index.rs): "last", the perpetual's last trade (default),
    /// or "index", Binance's mark built on a spot index.
    pub mark_price: MarkPrice,
    /// Depth of the spot market behind the index, USD that moves the spot price 1 % (index.rs).
    /// Range [1e3, 1e12]; default 2e8. Used when the mark is the index or arbitrageurs trade.
    pub spot_depth_per_pct: f64,
    /// Capital of the arbitrageurs who trade the perpetual against spot when the basis exceeds
    /// their costs, USD: the largest position they hold on each side (index.rs). Range [0, 1e12];
    /// default 0 (none: the perpetual and spot move apart freely).
    pub arbitrage_capital: f64,
    /// How price impact grows with order size. Default linear.
    pub impact_law: ImpactLaw,
    /// Share of impact that is permanent; the rest decays as the book refills. Range [0, 1];
    /// default 0.5.
    pub permanent_impact: f64,
    /// Half-life of transient impact, in ticks. Range [0.1, 100000]; default 20.
    pub recovery_half_life: f64,
    /// Standard deviation of exogenous per-tick log-price noise, in %. Range [0, 10]; default 0.
    pub volatility_pct: f64,
    /// The exogenous price move at the first tick, in %: −5 is a 5 % drop, +5 squeezes shorts.
    /// Range [−90, 90]; default −5.
    pub shock_pct: f64,
    /// Over how many traded ticks the shock arrives. 1 (default) is a gap: the price jumps by
    /// `shockPct` at the first tick, as news. More is a sell (or buy) program: the amount that
    /// would move a calm book by `shockPct` at once, sold into the book in equal slices, one a
    /// traded tick, so the book refills between them. A program given in dollars (`shockUsd`)
    /// is traded into the book even over one tick. Range 1 ..= 100,000.
    pub shock_ticks: u32,
    /// The sell (or buy) program's size in USD, when given: it replaces the amount that would
    /// move a calm book by `shockPct`, which then sets only its direction (a drop sells), and the
    /// program is traded into the book even over one tick. Range above 0 up to 1e12; default
    /// none (the shock is `shockPct`).
    pub shock_usd: Option<f64>,
    /// Horizon in ticks. Range 1 ..= 100,000; default 600.
    pub ticks: u32,
    /// Seconds one tick stands for; used only to narrate. Range [0.001, 86400]; default 1.
    pub tick_seconds: f64,
    /// How the venue liquidates.
    pub liquidation: LiquidationParams,
    /// Insurance fund at the start, in USD. Range [0, 1e12]; default 4e7 (2 % of open interest).
    pub insurance_fund: f64,
    /// An optional circuit breaker. Default: none.
    pub circuit_breaker: Option<CircuitBreaker>,
    /// An optional second perpetual venue on the same coin (simulate.rs, "Two venues"): its own
    /// book, liquidation engine, insurance fund, breaker switch and mark, with traders like the
    /// first venue's. Default: none. Left out of the JSON form when none, so one-venue params
    /// read and write as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_venue: Option<SecondVenue>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            start_price: 100.0,
            traders: 100_000,
            seed: 1,
            positions: None,
            open_interest: 2e9,
            long_share: 0.6,
            leverage: 12.0,
            leverage_spread: 0.6,
            whale_concentration: 0.6,
            entry_spread_pct: 3.0,
            maintenance_pct: 0.5,
            closing_fee_pct: 0.0,
            margin_tiers: MarginTiers::None,
            depth_per_pct: 1e8,
            liquidity_withdrawal: 0.0,
            dip_buyer_capital: 0.0,
            dip_buyer_discount_pct: 5.0,
            momentum_shorts: 0.0,
            mark_price: MarkPrice::Last,
            spot_depth_per_pct: 2e8,
            arbitrage_capital: 0.0,
            impact_law: ImpactLaw::Linear,
            permanent_impact: 0.5,
            recovery_half_life: 20.0,
            volatility_pct: 0.0,
            shock_pct: -5.0,
            shock_ticks: 1,
            shock_usd: None,
            ticks: 600,
            tick_seconds: 1.0,
            liquidation: LiquidationParams::default(),
            insurance_fund: 4e7,
            circuit_breaker: None,
            second_venue: None,
        }
    }
}

/// A second perpetual venue (simulate.rs, "Two venues"). By default its traders are the first
/// venue's: the same positions, so the same open interest, leverage and liquidation prices; its
/// liquidation rules, margin tiers and book rules (impact law, resilience, withdrawal) are the
/// first venue's too. What differs is set here: its book, fund, mark and breaker, and optionally
/// its own open interest and leverage (traders drawn from the same random numbers) and its own
/// liquidation rules. The shock's news moves both venues and spot; a sell program
/// and the dip buyers trade on the first venue, or on the second while the first is halted; the
/// magnet's sellers trade on each venue that runs the breaker. Everything else that reaches the
/// second venue from the first goes through the arbitrageurs (`arbitrageCapital`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecondVenue {
    /// Depth of its book: USD of one-sided flow that moves its price 1 %. Range [1e3, 1e12];
    /// default 1e8.
    pub depth_per_pct: f64,
    /// Its insurance fund at the start, USD. Range [0, 1e12]; default 4e7.
    pub insurance_fund: f64,
    /// Which price its liquidations look at: "last" (default) or "index".
    pub mark_price: MarkPrice,
    /// Whether it halts by the rules of `circuitBreaker` too. Default false: crypto venues do not
    /// coordinate halts, so a halt on the first venue leaves the second trading.
    pub circuit_breaker: bool,
    /// Its open interest, USD; `null` (default): the first venue's. Range [1e3, 1e12]. Its traders
    /// are drawn from the same random numbers as the first venue's, at this size. Ignored when
    /// `positions` is given.
    pub open_interest: Option<f64>,
    /// Mean leverage of its traders; `null` (default): the first venue's. Range [1, 125]. Ignored
    /// when `positions` is given.
    pub leverage: Option<f64>,
    /// Whose liquidation rules it follows: "same" (default) as the first venue, or a venue's
    /// profile ([`VenueProfile`]).
    pub rules: VenueProfile,
}

impl Default for SecondVenue {
    fn default() -> Self {
        SecondVenue {
            depth_per_pct: 1e8,
            insurance_fund: 4e7,
            mark_price: MarkPrice::Last,
            circuit_breaker: false,
            open_interest: None,
            leverage: None,
            rules: VenueProfile::Same,
        }
    }
}

/// The second venue's liquidation rules: the first venue's, or one venue's profile, which sets
/// whose rules its orders follow, whether it liquidates whole positions or in steps, and ADL on
/// (both venues run it, whatever the first venue's switch), and keeps everything else of the
/// first venue's `liquidation` (the step's size and threshold, the throughput cap, the
/// backstop's capacity, the fee, the fund's pace).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum VenueProfile {
    /// The first venue's `liquidation`, unchanged.
    Same,
    /// Binance's: whole positions as immediate-or-cancel orders at the bankruptcy price, the
    /// insurance fund's takeover, then ADL.
    Binance,
    /// Hyperliquid's: large positions sold in steps (`partialFraction` of them above
    /// `partialAbove`, by default Hyperliquid's 20 % above $100 k) as market orders, losses past
    /// bankruptcy paid by its fund while it can, then ADL.
    Hyperliquid,
}

impl VenueProfile {
    /// The liquidation rules `base` becomes under this profile.
    pub fn apply(self, base: &LiquidationParams) -> LiquidationParams {
        let (venue_rules, mode) = match self {
            VenueProfile::Same => return base.clone(),
            VenueProfile::Binance => (VenueRules::Binance, LiquidationMode::Full),
            VenueProfile::Hyperliquid => (VenueRules::Hyperliquid, LiquidationMode::Partial),
        };
        LiquidationParams { venue_rules, mode, adl: true, ..base.clone() }
    }
}

/// One explicit position: `{side, notional, leverage, entry}`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PositionSpec {
    /// Long or short.
    pub side: Side,
    /// Size in USD at the entry price. Range (0, 1e12].
    pub notional: f64,
    /// Leverage = notional ÷ initial margin. Range [1, 125].
    pub leverage: f64,
    /// Entry price. Range [1e-6, 1e9].
    pub entry: f64,
}

/// Direction of a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Gains when the price rises; liquidated by falls.
    Long,
    /// Gains when the price falls; liquidated by rises.
    Short,
}

/// The price a venue marks positions at: who is liquidated, and the fund's and ADL's valuations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MarkPrice {
    /// The perpetual's last trade.
    Last,
    /// The median of the index, the index plus a 5-minute average of the basis, and the last
    /// trade (Binance's mark price, funding left out).
    Index,
}

/// How impact scales with the size Q of the tick's net forced flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ImpactLaw {
    /// Kyle (1985): Δ ln P = Q ÷ (100 · depthPerPct).
    Linear,
    /// Square-root law: |Δ ln P| = 0.01 · √(|Q| ÷ depthPerPct); equal to linear at Q = depthPerPct.
    Sqrt,
}

/// Whether a triggered position is sold all at once or a slice per tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LiquidationMode {
    /// The whole position goes to market in one order (Binance's IOC liquidation).
    Full,
    /// Positions above `partialAbove` are sold `partialFraction` of their size per tick while
    /// they stay below maintenance (Hyperliquid's 20 % slices).
    Partial,
}

/// Whose rules the liquidation engine follows: how a liquidation meets the book and who absorbs
/// what it cannot sell (docs/MODEL.md, "The liquidation engine").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum VenueRules {
    /// Binance: an immediate-or-cancel order limited at the bankruptcy price; the insurance fund
    /// takes over what does not fill and offloads it slowly; auto-deleveraging beyond that.
    Binance,
    /// Hyperliquid: market orders to the book; the insurance fund pays losses past bankruptcy;
    /// auto-deleveraging when it cannot.
    Hyperliquid,
}

/// The venue's liquidation engine.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiquidationParams {
    /// "binance" or "hyperliquid". Default "binance".
    pub venue_rules: VenueRules,
    /// "full" or "partial". Default "full".
    pub mode: LiquidationMode,
    /// Slice of the original size sold per tick in partial mode. Range [0.01, 1]; default 0.2.
    pub partial_fraction: f64,
    /// Positions up to this notional (USD) are always liquidated whole. Range [0, 1e12];
    /// default 100,000 (Hyperliquid).
    pub partial_above: f64,
    /// Most notional (USD at entry) the engine sends to market per tick; the rest waits in a FIFO
    /// queue. Range (0, 1e12], or null for no cap. Default null.
    pub max_per_tick: Option<f64>,
    /// Notional (USD) a backstop vault will take over at the bankruptcy price, off-book, from
    /// positions whose equity fell below two thirds of maintenance. Range [0, 1e12]; default 0.
    pub backstop_capacity: f64,
    /// Liquidation fee in % of the liquidated notional, paid from the position's remaining equity
    /// into the insurance fund. Range [0, 5]; default 0.5.
    pub fee_pct: f64,
    /// Whether auto-deleveraging closes opposite positions when the insurance fund cannot cover a
    /// bankrupt position. Default true.
    pub adl: bool,
    /// Under "binance" rules, how fast the insurance fund offloads the positions it took over:
    /// it sells up to this multiple of `depthPerPct` a tick (0.1: a flow that alone moves the
    /// price 0.1 % under linear impact). Range [0.001, 10]; default 0.1 (this model's choice:
    /// Binance says only that the fund offloads "slowly").
    pub fund_unwind_share: f64,
}

impl Default for LiquidationParams {
    fn default() -> Self {
        LiquidationParams {
            venue_rules: VenueRules::Binance,
            mode: LiquidationMode::Full,
            partial_fraction: 0.2,
            partial_above: 100_000.0,
            max_per_tick: None,
            backstop_capacity: 0.0,
            fee_pct: 0.5,
            adl: true,
            fund_unwind_share: 0.1,
        }
    }
}

/// A market-wide circuit breaker: trading halts when the price has fallen a level's distance from
/// its reference price.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CircuitBreaker {
    /// Falls in % that halt trading, strictly increasing, 1 to 10 of them, each in (0, 90].
    /// Each trips at most once. Default [7, 13, 20] (US market-wide).
    pub levels_pct: Vec<f64>,
    /// What a fall is measured from: "start" (the start price, as the US market-wide rule
    /// measures from the previous close) or "rollingHigh" (the highest price of the last
    /// `windowTicks` ticks, this model's option). Default "start".
    pub reference: BreakerReference,
    /// Length of the rolling window of the "rollingHigh" reference, in ticks. Range
    /// 1 ..= 100,000; default 600.
    pub window_ticks: u32,
    /// Length of a halt, in ticks. Range 1 ..= 100,000; default 60.
    pub halt_ticks: u32,
    /// How long the last level closes the market, in ticks, before it reopens (the US rule closes
    /// it for the rest of the day; a run is shorter than a session, so the closure is bounded).
    /// Range 1 ..= 100,000; default 240.
    pub close_ticks: u32,
    /// Magnet effect: near a trigger, pre-emptive selling moves the price by up to this many % per
    /// tick. Range [0, 1]; default 0 (off).
    pub magnet_sell_share: f64,
}

/// The price a circuit breaker measures falls from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BreakerReference {
    /// The start price: the US market-wide rule measures from the previous day's close.
    Start,
    /// The highest end-of-tick price within the last `windowTicks` ticks (this model's option).
    RollingHigh,
}

impl Default for CircuitBreaker {
    fn default() -> Self {
        CircuitBreaker {
            levels_pct: vec![7.0, 13.0, 20.0],
            reference: BreakerReference::Start,
            window_ticks: 600,
            halt_ticks: 60,
            close_ticks: 240,
            magnet_sell_share: 0.0,
        }
    }
}

/// Which maintenance-margin schedule applies.
///
/// JSON: `null` or `"none"` (flat `maintenancePct`), `"standard"`, `"strict"`, or an array of
/// `{upToNotional, maxLeverage, maintenancePct}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum MarginTiers {
    /// One flat rate, `maintenancePct`, for every size; leverage capped at 1 ÷ (2 · MMR).
    #[default]
    None,
    /// Binance's BTCUSDT perpetual table of 2021 (DOMAIN.md §2).
    Standard,
    /// A tighter table of this project's design: margin.rs's `STRICT` rows (docs/MODEL.md).
    Strict,
    /// A custom table.
    Custom(Vec<TierSpec>),
}

/// One row of a custom tier table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierSpec {
    /// Upper bound of the tier's position notional, USD (inclusive). Strictly increasing.
    pub up_to_notional: f64,
    /// Highest leverage allowed in this tier, [1, 125], not increasing from tier to tier.
    pub max_leverage: f64,
    /// Maintenance margin rate, %, not decreasing, and below the initial margin 100 ÷ maxLeverage.
    pub maintenance_pct: f64,
}

impl Serialize for MarginTiers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            MarginTiers::None => s.serialize_str("none"),
            MarginTiers::Standard => s.serialize_str("standard"),
            MarginTiers::Strict => s.serialize_str("strict"),
            MarginTiers::Custom(rows) => rows.serialize(s),
        }
    }
}

/// Reads a whole number in `MIN ..= MAX` from any numeric JSON/JS value, so that `-5` or `2.5`
/// is reported as "must be a whole number between …, got -5" rather than as a type error.
pub(crate) fn whole<'de, const MIN: u32, const MAX: u32, D: Deserializer<'de>>(
    d: D,
) -> Result<u32, D::Error> {
    let x = f64::deserialize(d)?;
    if x.fract() == 0.0 && x >= f64::from(MIN) && x <= f64::from(MAX) {
        Ok(x as u32)
    } else {
        Err(serde::de::Error::custom(format!(
            "must be a whole number between {MIN} and {MAX}, got {}",
            show(x)
        )))
    }
}

/// The reader's error for a number that is not whole, or too large for its field: "must be a
/// whole number, got 2.5", which `spec::complete` finishes with the row's range, so the range is
/// written in the table only.
pub(crate) fn not_whole<E: serde::de::Error>(x: f64) -> E {
    E::custom(format!("{}{}", spec::WHOLE_PREFIX, show(x)))
}

/// Formats a number for an error message or a label the way JavaScript prints it: `500`, `0.3`,
/// `-2.5`, `1e-7`, `1e+21`, `9007199254740992`, `NaN`, `Infinity`. It is `Number.prototype.toString`:
/// the shortest digits that read back to the same number (ryu-js, a port of Ryū that follows
/// ECMAScript's rules for the notation).
///
/// Rust's `format!("{x}")` differs where it matters to a JavaScript reader: it never switches
/// to exponents (1e21 comes out as 22 digits) and says `inf`.
#[doc(hidden)] // for the chart labels and the JS binding
pub fn show(x: f64) -> String {
    ryu_js::Buffer::new().format(x).to_owned()
}

impl Params {
    /// Reads params from JSON text. Missing fields take their defaults; the result is validated.
    pub fn from_json(text: &str) -> Result<Params, ParamsError> {
        // serde would read a JSON array positionally into the struct; params are an object.
        if !text.trim_start().starts_with('{') {
            return Err(ParamsError::new(ErrorKind::Type, "params", "must be a JSON object"));
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let params = Params::deserialize_from(&mut de)?;
        de.end().map_err(|e| {
            ParamsError::new(ErrorKind::Type, "params", format!("is not valid JSON: {e}"))
        })?;
        params.validate()?;
        Ok(params)
    }

    /// Deserializes from any serde deserializer, reporting the path of the field that failed.
    pub fn deserialize_from<'de, D>(de: D) -> Result<Params, ParamsError>
    where
        D: Deserializer<'de>,
        D::Error: std::fmt::Display,
    {
        serde_path_to_error::deserialize(de).map_err(ParamsError::from_serde)
    }

    /// Checks every field against its documented range. The error names the first bad field,
    /// the allowed range and the value given.
    pub fn validate(&self) -> Result<(), ParamsError> {
        // Every range, list length included, from the table; then the rules between values.
        spec::check_ranges(self)?;
        if let MarginTiers::Custom(rows) = &self.margin_tiers {
            TierTable::from_specs(rows)?;
        }
        if let Some(cb) = &self.circuit_breaker {
            cb.validate()?;
        }
        Ok(())
    }

    /// The tier table these params ask for.
    pub fn tier_table(&self) -> TierTable {
        TierTable::for_params(&self.margin_tiers, self.maintenance_pct)
            .with_closing_fee(self.closing_fee_pct)
    }
}

impl CircuitBreaker {
    /// The levels must increase (their count and range are the table's).
    fn validate(&self) -> Result<(), ParamsError> {
        for (i, pair) in self.levels_pct.windows(2).enumerate() {
            if pair[1] <= pair[0] {
                return Err(ParamsError::range(
                    &format!("circuitBreaker.levelsPct[{}]", i + 1),
                    format!(
                        "must be above the level before it ({}), got {}",
                        show(pair[0]),
                        show(pair[1])
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::show;

    #[test]
    fn show_prints_numbers_as_javascript_does() {
        // Each as `String(x)` prints it in JavaScript.
        let cases: &[(f64, &str)] = &[
            (500.0, "500"),
            (0.3, "0.3"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-2.5, "-2.5"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (1e21, "1e+21"),
            (-3.25e300, "-3.25e+300"),
            (1e20, "100000000000000000000"),
            (125.0, "125"),
            (0.0, "0"),
            (-0.0, "0"),
            (1e12, "1000000000000"),
            (99.999, "99.999"),
            (9_007_199_254_740_992.0, "9007199254740992"),
            (1_152_921_504_606_846_976.0, "1152921504606847000"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for &(x, want) in cases {
            assert_eq!(show(x), want, "{x:e}");
        }
    }

    #[test]
    fn show_reads_back_exactly() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..40_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if x.is_finite() {
                assert_eq!(show(x).parse::<f64>().unwrap(), x, "{x:e} printed as {}", show(x));
            }
        }
    }
}
