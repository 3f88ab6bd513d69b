// Types of the JS API, written by hand and placed at the top of the generated
// leverage_cascade.d.ts. `make test` checks them against the values the functions really return
// (tests/dts-check.mjs). Units and ranges are those of the parameter table, src/model/spec.rs;
// tests/dts-check.mjs holds each range written here to it.

/** Direction of a position. */
export type Side = "long" | "short";

/** One explicit position. Every field is required. */
export interface PositionSpec {
  side: Side;
  /** Size in USD at the entry price, (0, 1e12]. */
  notional: number;
  /** Notional ÷ initial margin, [1, 125]. */
  leverage: number;
  /** Entry price, [1e-6, 1e9]. */
  entry: number;
}

/** One row of a custom margin tier table. Every field is required. */
export interface TierSpec {
  /** Upper bound of the tier's notional, USD, (0, 1e12]; strictly increasing. */
  upToNotional: number;
  /** Highest leverage in the tier, [1, 125]; not increasing. */
  maxLeverage: number;
  /** Maintenance margin rate, %, [0, 100]; not decreasing, below 100 ÷ maxLeverage. */
  maintenancePct: number;
}

/** Flat margin (`null` or "none"), a named table, or a custom list of tiers. */
export type MarginTiers = null | "none" | "standard" | "strict" | TierSpec[];

/** How price impact grows with the size of the forced flow. */
export type ImpactLaw = "linear" | "sqrt";
export type MarkPrice = "last" | "index";

/** Whether a triggered position is sold whole or a slice per tick. */
export type LiquidationMode = "full" | "partial";

/** Whose liquidation rules: limit orders at bankruptcy and a fund takeover, or market orders. */
export type VenueRules = "binance" | "hyperliquid";

/** The venue's liquidation engine. */
export interface LiquidationParams {
  venueRules: VenueRules;
  mode: LiquidationMode;
  /** Slice of the original size sold per tick in partial mode, [0.01, 1]. */
  partialFraction: number;
  /** Positions up to this notional (USD) are liquidated whole, [0, 1e12]. */
  partialAbove: number;
  /** Most notional (USD) sent to market per tick, (0, 1e12], or null for no cap. */
  maxPerTick: number | null;
  /** Notional (USD) a backstop vault takes over off-book, [0, 1e12]. */
  backstopCapacity: number;
  /** Liquidation fee, % of notional, [0, 5]. */
  feePct: number;
  /** Whether auto-deleveraging covers what the insurance fund cannot. */
  adl: boolean;
  /** The fund's offloading pace ("binance"), × depthPerPct per tick, [0.001, 10]. */
  fundUnwindShare: number;
}

/**
 * A second perpetual venue on the same coin: its own book, fund, mark and breaker switch, and
 * by default the first venue's traders and liquidation rules. Arbitrageurs (arbitrageCapital)
 * carry moves between venues.
 */
export interface SecondVenue {
  /** USD of one-sided flow that moves its price 1 %, [1e3, 1e12]. */
  depthPerPct: number;
  /** Its insurance fund at the start, USD, [0, 1e12]. */
  insuranceFund: number;
  markPrice: MarkPrice;
  /** Whether it halts by circuitBreaker's rules too (false: it trades through the halts). */
  circuitBreaker: boolean;
  /** Its open interest, USD, [1e3, 1e12]; null: the first venue's (its traders drawn at this size otherwise; ignored with positions). */
  openInterest: number | null;
  /** Mean leverage of its traders, [1, 125]; null: the first venue's. Ignored with positions. */
  leverage: number | null;
  /** Whose liquidation rules it follows: the first venue's, Binance's or Hyperliquid's. */
  rules: VenueProfile;
}

/** A venue's liquidation profile for the second venue ("same": the first venue's rules). */
export type VenueProfile = "same" | "binance" | "hyperliquid";

/** A market-wide circuit breaker on the fall from a reference price. */
export interface CircuitBreaker {
  /** Falls in % that halt trading: 1 to 10, strictly increasing, each in (0, 90]. */
  levelsPct: number[];
  /** What a fall is measured from: the start price (the US rule's previous close) or the recent high. */
  reference: "start" | "rollingHigh";
  /** Rolling window of the high (reference "rollingHigh"), ticks, 1 ..= 100000. */
  windowTicks: number;
  /** Length of a halt, ticks, 1 ..= 100000. */
  haltTicks: number;
  /** How long the last level closes the market before it reopens, ticks, 1 ..= 100000. */
  closeTicks: number;
  /** Pre-emptive selling near a trigger, % per tick, [0, 1]. */
  magnetSellShare: number;
}

/** Every parameter of one simulated market, as `defaultParams()` returns them. */
export interface Params {
  /** Price before the shock, [1e-6, 1e9]. */
  startPrice: number;
  /** Generated positions, whole, 1 ..= 1000000. Ignored when `positions` is given. */
  traders: number;
  /** Random seed, whole, 0 ..= 2^53 − 1. */
  seed: number;
  /** Explicit positions instead of a generated population, or null. */
  positions: PositionSpec[] | null;
  /** Open interest, longs plus shorts, USD, [1e3, 1e12]. */
  openInterest: number;
  /** Share of open interest that is long, [0, 1]. */
  longShare: number;
  /** Mean leverage, [1, 125]. */
  leverage: number;
  /** Log-space spread of leverage, [0, 1.5]. */
  leverageSpread: number;
  /** Concentration of position sizes, 0 (even) to 1 (whales), [0, 1]. */
  whaleConcentration: number;
  /** Spread of entry prices around the start, %, [0, 50]. */
  entrySpreadPct: number;
  /** Flat maintenance margin rate, %, [0, 50]. */
  maintenancePct: number;
  /** Estimated fee to close added to maintenance, % of the value at bankruptcy, [0, 1]. */
  closingFeePct: number;
  marginTiers: MarginTiers;
  /** USD of one-sided flow that moves the price 1 %, [1e3, 1e12]. */
  depthPerPct: number;
  /** Share of the book's depth that withdraws under stress, [0, 1]. */
  liquidityWithdrawal: number;
  /** Capital of the buyers who buy the dip, USD, [0, 1e12]; 0 is none. */
  dipBuyerCapital: number;
  /** How far below the start price the dip buyers begin, %, [0, 90]. */
  dipBuyerDiscountPct: number;
  /** New shorts opened per dollar of longs liquidated, [0, 2]. */
  momentumShorts: number;
  /** The price liquidations look at: the last trade, or Binance's mark on a spot index. */
  markPrice: MarkPrice;
  /** USD that moves the spot price behind the index 1 %, [1e3, 1e12]. */
  spotDepthPerPct: number;
  /** Capital of the arbitrageurs between the perpetual and spot, USD, [0, 1e12]; 0 is none. */
  arbitrageCapital: number;
  impactLaw: ImpactLaw;
  /** Share of impact that is permanent, [0, 1]. */
  permanentImpact: number;
  /** Half-life of transient impact, ticks, [0.1, 100000]. */
  recoveryHalfLife: number;
  /** Per-tick price noise, %, [0, 10]. */
  volatilityPct: number;
  /** Exogenous move at the first tick, %, [−90, 90]. */
  shockPct: number;
  /** Over how many traded ticks the shock arrives: 1 a gap, more a sell program, 1 ..= 100000. */
  shockTicks: number;
  /** The program's size in USD, (0, 1e12], replacing shockPct's calm-book amount; null: none. */
  shockUsd: number | null;
  /** Horizon, whole ticks, 1 ..= 100000. */
  ticks: number;
  /** Seconds one tick stands for, [0.001, 86400]. */
  tickSeconds: number;
  liquidation: LiquidationParams;
  /** Insurance fund at the start, USD, [0, 1e12]. */
  insuranceFund: number;
  circuitBreaker: CircuitBreaker | null;
  /** A second venue; absent or null: one venue. */
  secondVenue?: SecondVenue | null;
}

/**
 * What `simulate` and `compare` accept: any subset of `Params`. Missing fields take their
 * defaults, `liquidation` and `circuitBreaker` may be partial too, and an unknown field throws.
 */
export interface ParamsInput
  extends Partial<Omit<Params, "liquidation" | "circuitBreaker" | "secondVenue">> {
  liquidation?: Partial<LiquidationParams>;
  circuitBreaker?: Partial<CircuitBreaker> | null;
  secondVenue?: Partial<SecondVenue> | null;
}

/** Headline figures of a run. Notional is USD at entry; moves are in %. */
export interface Summary {
  startPrice: number;
  minPrice: number;
  maxPrice: number;
  finalPrice: number;
  shockPct: number;
  maxDrawdownPct: number;
  maxMovePct: number;
  /** maxMovePct ÷ |shockPct|: how many times the cascade multiplied the shock. */
  amplification: number;
  openInterest: number;
  traders: number;
  liquidatedNotional: number;
  liquidatedCount: number;
  liquidatedShare: number;
  /** Ticks in which newly breached positions were found. */
  waves: number;
  badDebt: number;
  adlNotional: number;
  backstopNotional: number;
  halts: number;
  haltedTicks: number;
  /** Whether the horizon ended during a halt. */
  endedHalted: boolean;
  /** USD at entry of breached positions still waiting to be liquidated at the end (not liquidated). */
  waitingAtEnd: number;
  insuranceFundStart: number;
  insuranceFundEnd: number;
  feesPaid: number;
  lossesCovered: number;
  /** USD at entry the insurance fund took over when a liquidation did not fill ("binance"). */
  fundTakeoverNotional: number;
  /** The fund's result on what it took over, realised and at the final price, USD. */
  fundPnl: number;
  /** What the fund still holds at the end, USD at the final price. */
  fundHeldAtEnd: number;
  /** Opposite positions closed at least in part by auto-deleveraging. */
  adlPositions: number;
  /** Bankrupt quantity auto-deleveraged, coins: what neither the book nor the fund took. */
  adlQty: number;
  /** Notional of short positions liquidated, USD at entry; the rest of liquidatedNotional is longs. */
  liquidatedShortNotional: number;
  /** What the dip buyers spent, USD. */
  dipBuyersSpent: number;
  /** Notional of the new shorts opened into the fall, USD at entry. */
  shortsOpenedNotional: number;
  /** What the arbitrageurs traded between the perpetual and spot, USD. */
  arbitrageNotional: number;
  /** The perpetual's widest basis to the spot index, % (negative: below); 0 without spot. */
  widestBasisPct: number;
  /** Liquidatable USD within 1 % of the start ÷ depthPerPct; ≥ 1 means a runaway cascade. */
  branchingRatio: number;
  peakBranchingRatio: number;
  peakBranchingAtPct: number;
}

/** One value per tick; entry t is the market at the end of tick t. */
export interface Series {
  price: Float64Array;
  liquidatedNotional: Float64Array;
  /** The part of liquidatedNotional that was short positions, USD at entry. */
  shortLiquidatedNotional: Float64Array;
  /** New short positions opened this tick by traders selling into the fall, USD at entry. */
  openedNotional: Float64Array;
  liquidationCount: Uint32Array;
  queuedNotional: Float64Array;
  longOpenInterest: Float64Array;
  shortOpenInterest: Float64Array;
  insuranceFund: Float64Array;
  adlNotional: Float64Array;
  /** 1 while the circuit breaker halts trading, else 0. */
  halted: Uint8Array;
  /** The book's depth during the tick: USD that moves the price 1 %. */
  depth: Float64Array;
  /** The mark price; empty when it is the last price and nobody arbitrages. */
  mark: Float64Array;
  /** The spot index; empty as mark is. */
  index: Float64Array;
  /**
   * With two venues, the USD the arbitrageurs between the venues traded on this venue's book in
   * the tick (buys positive; negative: selling carried in from the other venue); absent with one
   * venue.
   */
  arbitrage?: Float64Array;
}

/** Histogram of liquidation prices between lowPrice and highPrice, USD at entry per bucket. */
export interface LiquidationMap {
  lowPrice: number;
  highPrice: number;
  longLiquidated: Float64Array;
  longSurvived: Float64Array;
  shortLiquidated: Float64Array;
  shortSurvived: Float64Array;
  /** Notional whose liquidation price lies outside the histogram. */
  outside: number;
  /**
   * When the liquidated notional fell, to draw the map at a moment of the run: in tick
   * `fallenTick[i]`, positions of bucket `fallenBucket[i]` (0–79 longs, 80–159 the shorts'
   * buckets 0–79) began to be liquidated, `fallenNotional[i]` USD of them in all. A bucket's
   * entries add up to its liquidated amount.
   */
  fallenTick: Uint32Array;
  fallenBucket: Uint16Array;
  fallenNotional: Float64Array;
}

/** What happened in a narrated event. */
export type EventKind =
  | "shock"
  | "wave"
  | "queued"
  | "halt"
  | "resume"
  | "fundExhausted"
  | "adl"
  | "calm";

/** One narrated event; fields that do not apply to its kind are 0. */
export interface CascadeEvent {
  tick: number;
  kind: EventKind;
  price: number;
  count: number;
  notional: number;
  /** For a wave: positions newly breached in the next tick. */
  nextCount: number;
  /** For a halt: the level tripped, %. For the shock: the shock, %. */
  levelPct: number;
}

/** Everything one run returns. */
export interface Outcome {
  summary: Summary;
  series: Series;
  liquidationMap: LiquidationMap;
  events: CascadeEvent[];
  /** The second venue's run, when the params have one. */
  secondVenue?: Outcome;
}

/** The same population under the four mitigation scenarios. */
export interface Comparison {
  /** No circuit breaker, flat margin. */
  none: Outcome;
  circuitBreaker: Outcome;
  marginTiers: Outcome;
  both: Outcome;
}

/** A named scenario; `id` is kebab-case and stable, for URLs. */
export interface Preset {
  id: string;
  title: string;
  params: Params;
}

/** Versions a shared link can record. */
export interface Version {
  /** The crate version. */
  crate: string;
  /** Changes whenever the same params could give a different outcome. */
  model: string;
}

/** A scenario of `compare`, by its key in the result. */
export type ScenarioKey = "none" | "circuitBreaker" | "marginTiers" | "both";

/** Options of `render`. */
export interface RenderOptions {
  /** The price paths over liquidations per tick, or the liquidation map. */
  chart: "price" | "map";
  theme?: "light" | "dark" | null;
  /** A tick to mark on the price chart; null or absent for none. */
  cursor?: number | null;
  /** Price chart: the scenario drawn on top. Map: the scenario shown (default "none"). */
  scenario?: ScenarioKey | null;
  /** Backing-store pixels per CSS pixel; default `devicePixelRatio`. */
  dpr?: number | null;
  /** Seconds one tick stands for (`params.tickSeconds`), for the time axis; default 1. */
  tickSeconds?: number | null;
  /**
   * Price chart: time linear over the whole run ("all", default), or ("cascade") linear
   * through every stretch in which something happens and squeezed, by one factor, in the long
   * quiet ones, which are hatched and labelled ("time ×24"), so the cascade gets most of the width.
   */
  window?: "all" | "cascade" | null;
  /** Map: the price chart's `band` (its top and bottom, CSS px), to line the price axes up. */
  band?: PriceBand | null;
  /** Price chart: draw only `scenario` and this one (and their bars); default all four. */
  against?: ScenarioKey | null;
  /** Price chart: shade only this scenario's halts; default every drawn run's. */
  haltsOf?: ScenarioKey | null;
  /**
   * The words the charts draw, for a language other than English: a catalogue's
   * `CHART_WORDS` (www/shared/words-zh.js), joined by newlines. Default English.
   */
  words?: string | null;
}

/** The rectangle a plot fills, in CSS pixels from the canvas's top left. */
export interface PlotRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The vertical extent of a price plot, in CSS pixels from the canvas's top. */
export interface PriceBand {
  top: number;
  bottom: number;
}

/**
 * What `render` reports back. For the price chart, `plot` is the rectangle both panels span, in
 * CSS pixels from the canvas's top left, across which time runs from the start of tick `from`
 * to the end of tick `to` − 1; for the map, `plot` is null. `ticks` is the run's length.
 * `axis` holds pairs (tick, x in CSS px), flat, between which time runs linearly: a squeezed
 * axis has a pair at each end of each squeezed stretch. Empty for the map.
 */
export interface RenderResult {
  plot: PlotRect | null;
  /** The price panel of the price chart: pass it to the map as `options.band`. */
  band: PlotRect | null;
  /**
   * The price chart's price axis, [bottom, top] of `band`, in the chart's units (start = 100):
   * for marks a page draws over the paths, such as a replay's record. Null for the map.
   */
  prices: Float64Array | null;
  ticks: number;
  from: number;
  to: number;
  axis: Float64Array;
}
