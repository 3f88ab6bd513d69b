//! What a run produces: per-tick series, a summary, the liquidation map and narrated events.
//!
//! Notional figures are USD at entry (quantity × entry price), so open interest falls by exactly
//! what was liquidated or deleveraged; the flow that moves the price is valued at the fill price.

use serde::Serialize;

/// Everything one run of the model returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// Headline figures.
    pub summary: Summary,
    /// One value per tick for each series.
    pub series: Series,
    /// Where liquidation prices stand, and which were hit.
    pub liquidation_map: LiquidationMap,
    /// What happened, in order, for narration.
    pub events: Vec<Event>,
    /// The second venue's run, when the params have one (`secondVenue`): the same figures for
    /// its book, its fund and its traders, with the shock's size as the first venue's. Left
    /// out of the JSON form for one venue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_venue: Option<Box<Outcome>>,
}

/// Per-tick series, all of length `ticks`. Entry t describes the market at the end of tick t.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Series {
    /// Price at the end of the tick.
    pub price: Vec<f64>,
    /// Notional liquidated this tick (USD at entry), through the book or the backstop.
    pub liquidated_notional: Vec<f64>,
    /// The part of `liquidatedNotional` that was short positions (USD at entry).
    pub short_liquidated_notional: Vec<f64>,
    /// Notional of new positions opened this tick (USD at entry): the momentum shorts of
    /// buyers.rs.
    pub opened_notional: Vec<f64>,
    /// Liquidation fills this tick (a partial liquidation counts once per slice).
    pub liquidation_count: Vec<u32>,
    /// Notional waiting in the liquidation queue after the tick.
    pub queued_notional: Vec<f64>,
    /// Long open interest held by traders (USD at entry).
    pub long_open_interest: Vec<f64>,
    /// Short open interest held by traders (USD at entry).
    pub short_open_interest: Vec<f64>,
    /// Insurance fund equity, USD: its cash and what it holds, valued at the tick's price.
    pub insurance_fund: Vec<f64>,
    /// Notional closed by auto-deleveraging this tick (USD at entry of the deleveraged positions).
    pub adl_notional: Vec<f64>,
    /// 1 while trading is halted by the circuit breaker, else 0.
    pub halted: Vec<u8>,
    /// The book's depth during the tick: USD that moves the price 1 % (liquidity.rs).
    pub depth: Vec<f64>,
    /// The mark price at the end of the tick (index.rs). Empty when spot plays no part (the
    /// mark is the last price and nobody arbitrages): then it is `price`.
    pub mark: Vec<f64>,
    /// The spot index at the end of the tick (index.rs); empty as `mark` is.
    pub index: Vec<f64>,
    /// With two venues: the USD the arbitrageurs between the two venues traded on this venue's
    /// book in the tick (buys positive; negative: selling they carried in from the other venue).
    /// Their trades against spot are not in it. Empty with one venue, and then left out of the
    /// JSON form.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub arbitrage: Vec<f64>,
}

/// Headline figures of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Price before the shock.
    pub start_price: f64,
    /// Lowest end-of-tick price.
    pub min_price: f64,
    /// Highest end-of-tick price.
    pub max_price: f64,
    /// Price at the end of the run.
    pub final_price: f64,
    /// The exogenous shock, in %.
    pub shock_pct: f64,
    /// Largest peak-to-trough fall, in %, with the start price as the first peak.
    pub max_drawdown_pct: f64,
    /// Largest move from the start price in the shock's direction, in % (positive).
    pub max_move_pct: f64,
    /// `maxMovePct` ÷ |shock|: how many times the cascade multiplied the shock (1 = not at all;
    /// 1 when there is no shock).
    pub amplification: f64,
    /// Open interest at the start, USD.
    pub open_interest: f64,
    /// Positions at the start.
    pub traders: u32,
    /// Notional liquidated (USD at entry), through the book or the backstop.
    pub liquidated_notional: f64,
    /// Positions liquidated at least in part.
    pub liquidated_count: u32,
    /// `liquidatedCount` ÷ the positions there were: `traders`, plus any new shorts opened
    /// into the fall (`momentumShorts`, three a tick they trade).
    pub liquidated_share: f64,
    /// Liquidation rounds: ticks in which newly breached positions were found.
    pub waves: u32,
    /// Losses past bankruptcy that neither the insurance fund nor auto-deleveraging covered, USD.
    pub bad_debt: f64,
    /// Notional closed by auto-deleveraging (USD at entry of the deleveraged positions).
    pub adl_notional: f64,
    /// Notional taken over by the backstop vault (USD at entry).
    pub backstop_notional: f64,
    /// Times the circuit breaker halted trading.
    pub halts: u32,
    /// Ticks spent halted.
    pub halted_ticks: u32,
    /// Whether the run's horizon ended during a halt.
    pub ended_halted: bool,
    /// Notional of breached positions still waiting to be liquidated when the run ended (queued
    /// orders, and positions between two slices of a partial liquidation), USD at entry. Not
    /// liquidated: a run that ends with some has not finished its cascade.
    pub waiting_at_end: f64,
    /// Insurance fund at the start, USD.
    pub insurance_fund_start: f64,
    /// Insurance fund at the end, USD.
    pub insurance_fund_end: f64,
    /// Liquidation fees paid into the fund, USD.
    pub fees_paid: f64,
    /// Losses past bankruptcy the fund paid from its cash, USD.
    pub losses_covered: f64,
    /// Notional the insurance fund took over when a liquidation did not fill at the bankruptcy
    /// price ("binance" rules), USD at entry. Counted as liquidated: the traders are closed out.
    pub fund_takeover_notional: f64,
    /// The fund's result on what it took over, realised and at the final price, USD. Fund end =
    /// max(start + fees − losses covered + fund PnL, 0); a shortfall below zero is bad debt.
    pub fund_pnl: f64,
    /// What the fund still holds at the end, USD at the final price.
    pub fund_held_at_end: f64,
    /// Opposite positions closed at least in part by auto-deleveraging.
    pub adl_positions: u32,
    /// Bankrupt quantity auto-deleveraged, in coins: what neither the book nor the fund took.
    pub adl_qty: f64,
    /// Notional of short positions liquidated, USD at entry; the rest of `liquidatedNotional`
    /// is longs.
    pub liquidated_short_notional: f64,
    /// What the dip buyers spent, USD (buyers.rs; 0 without them).
    pub dip_buyers_spent: f64,
    /// Notional of the new shorts momentum traders opened into the fall, USD at entry
    /// (buyers.rs; 0 without them).
    pub shorts_opened_notional: f64,
    /// What the arbitrageurs traded between the perpetual and spot, USD, each trade's two legs
    /// counted once (index.rs; 0 without them).
    pub arbitrage_notional: f64,
    /// The perpetual's widest basis to the spot index at a tick's end, in % of the index
    /// (negative: below spot); 0 when spot plays no part.
    pub widest_basis_pct: f64,
    /// Branching ratio n at the start: liquidatable USD (valued at the liquidation price) whose
    /// liquidation price lies within 1 % of the start price on the shock's side, ÷ `depthPerPct`.
    /// Each liquidated dollar sets off n more; n ≥ 1 means a runaway cascade.
    pub branching_ratio: f64,
    /// Highest n over any 1 % band of price within 50 % of the start on the shock's side.
    pub peak_branching_ratio: f64,
    /// Where that densest band starts, in % from the start price (negative below).
    pub peak_branching_at_pct: f64,
}

/// A histogram of liquidation prices: where the dominoes stand, long below and short above the
/// start price, each split into what was liquidated and what survived (USD at entry).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiquidationMap {
    /// Lower edge of the first bucket (price).
    pub low_price: f64,
    /// Upper edge of the last bucket (price).
    pub high_price: f64,
    /// Long notional liquidated, per bucket.
    pub long_liquidated: Vec<f64>,
    /// Long notional still open, per bucket.
    pub long_survived: Vec<f64>,
    /// Short notional liquidated, per bucket.
    pub short_liquidated: Vec<f64>,
    /// Short notional still open, per bucket.
    pub short_survived: Vec<f64>,
    /// Notional whose liquidation price lies outside [lowPrice, highPrice].
    pub outside: f64,
    /// When the liquidated notional fell, to draw the map at a moment of the run: entry `i`
    /// says that in tick `fallen_tick[i]`, positions of bucket `fallen_bucket[i]` (0 to 79 for
    /// longs, 80 to 159 for the shorts' buckets 0 to 79) began to be liquidated, and that
    /// `fallen_notional[i]` (USD at entry) of them was liquidated in all. Entries come grouped
    /// by bucket; a bucket's entries add up to its liquidated amount. A position liquidated in
    /// steps over several ticks (partial mode) counts whole in the first.
    pub fallen_tick: Vec<u32>,
    /// See `fallen_tick`.
    pub fallen_bucket: Vec<u16>,
    /// See `fallen_tick`.
    pub fallen_notional: Vec<f64>,
}

/// What kind of thing happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EventKind {
    /// The exogenous shock hit.
    Shock,
    /// A round of liquidations was set off.
    Wave,
    /// Positions fell below maintenance during a halt: their orders wait for the reopening.
    Queued,
    /// The circuit breaker halted trading.
    Halt,
    /// Trading resumed after a halt; `count` queued orders were spared (back above
    /// maintenance at the reopening price), `notional` is what still waits to be liquidated.
    Resume,
    /// The insurance fund ran dry.
    FundExhausted,
    /// Auto-deleveraging closed opposite positions.
    Adl,
    /// The cascade stopped: nothing queued and nothing newly breached.
    Calm,
}

/// One narrated event. Fields that do not apply to a kind are zero.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// Tick it happened in.
    pub tick: u32,
    /// What happened.
    pub kind: EventKind,
    /// Price at the end of the tick.
    pub price: f64,
    /// Positions involved (breached in a wave or during a halt, deleveraged in ADL); for a shock,
    /// the slices of its sell program (0 for a gap).
    pub count: u32,
    /// Notional involved, USD at entry.
    pub notional: f64,
    /// For a wave: positions newly breached in the next tick, the dominoes this wave knocks over.
    pub next_count: u32,
    /// For a halt: the level tripped, %. For a shock: the shock, %.
    pub level_pct: f64,
}

/// Events beyond this many are dropped (a noisy run can have a wave in most ticks);
/// the halts, resumes and fund events that matter for narration come early.
pub const MAX_EVENTS: usize = 400;
