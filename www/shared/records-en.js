// The published record of each historical preset: src/model/record.rs's RECORDS, written
// out by tests/spec.rs; do not edit. Each figure's `key` names the model's counterpart
// (www/lab/record.js computes it; "context" has none); `tolerance` is how far outside
// the range a replay may lie and still match (null: held out of the calibration);
// `scenario` is the run of compare() under the venue's own rules of the day.

export const RECORDS_EN = {
  "oct-2025": {
    market: "BTC perpetuals across venues, 10–11 October 2025",
    figures: [
      { key: "fallPct", label: "Fall of the price", low: 11.0, high: 14.0, tolerance: {"relative":0.25}, asPublished: "about −11 % on minute data, brief lows to about −14 %", source: "BTC minute data from exchanges, as collected in the project's DOMAIN.md §7" },
      { key: "liquidatedShareOfOiPct", label: "Liquidated, as a share of open interest", low: 8.3, high: 8.9, tolerance: {"factor":1.5}, asPublished: "about $19.1–19.4 B liquidated in 24 h against $217–230 B of aggregate open interest", source: "liquidation and open-interest aggregators (CoinGlass and others), as collected in DOMAIN.md §9; a lower bound, since venues report at most one liquidation per symbol per second" },
      { key: "longSharePct", label: "Longs' share of what was liquidated", low: 84.0, high: 90.0, tolerance: {"points":10.0}, asPublished: "85–90 % longs (83.9 % in Amberdata's data set)", source: "liquidation aggregators (DOMAIN.md §7); Amberdata's data set (DOMAIN.md §9)" },
      { key: "fundChangePct", label: "Change of the insurance fund", low: -15.4, high: -15.4, tolerance: null, asPublished: "Binance's insurance fund, $1.23 B → $1.04 B", source: "Binance's published insurance-fund balance (DOMAIN.md §7)" },
      { key: "adlShareOfLiquidatedPct", label: "Auto-deleveraged, as a share of what was liquidated", low: 35.0, high: 35.0, tolerance: null, asPublished: "Hyperliquid: $2.1 B of ADL fills against $5.5 B of liquidations in about 12 minutes", source: "a third-party reconstruction from Hyperliquid's public trade data (DOMAIN.md §9)" },
    ],
    leftOut: "The model has one venue and one coin; that day's cascade ran across dozens of venues and hundreds of coins, many of which fell 60–80 %, and most of the fall in open interest was voluntary closing, which the model does not have. Its open interest is mostly at low leverage (3.7x on average, widely spread), which is what brings the liquidated share near the record's; its short liquidations come only from new shorts caught by the rebound, fewer than the day's. Auto-deleveraging: the record's 35 % is Hyperliquid's, whose vault and ADL took over what its book could not absorb; the model runs Binance's rules, under which the insurance fund took over and no ADL was needed. The fund's change was not fitted: the model's comes out near the record's.",
    scenario: "marginTiers",
  },
  "may-2021": {
    market: "BTC futures and perpetuals across venues, 19 May 2021",
    figures: [
      { key: "fallPct", label: "Fall of the price", low: 28.0, high: 32.0, tolerance: {"relative":0.25}, asPublished: "about −30 % intraday, to about $30 k", source: "exchange price data as reported at the time (DOMAIN.md §7, §9)" },
      { key: "context", label: "Liquidated", low: 0.0, high: 0.0, tolerance: null, asPublished: "over $8 B (about $8.6 B) across all coins in 24 h, over 800 k traders; BTC open interest roughly halved, much of it by voluntary closing", source: "Bybt (now CoinGlass) liquidation totals, as reported at the time (DOMAIN.md §7)" },
      { key: "context", label: "Rebound", low: 0.0, high: 0.0, tolerance: null, asPublished: "about $10 k back within hours of the low", source: "exchange price data as reported at the time (DOMAIN.md §7, §9)" },
    ],
    leftOut: "The model has one venue and no buyers who come back (unless you switch them on under \"After the fall\"), so it has no rebound. No share of open interest liquidated was published that we can source, so only the fall is compared; the model liquidates about two thirds of its open interest, far more than the day's roughly halved open interest, much of it closed by choice, suggests.",
    scenario: "marginTiers",
  },
  "mar-2020": {
    market: "BitMEX's XBTUSD perpetual, 12–13 March 2020",
    figures: [
      { key: "fallPct", label: "Fall of the price", low: 51.1, high: 51.1, tolerance: {"relative":0.25}, asPublished: "$7,353 → $3,596 at the low, in two legs", source: "BitMEX XBTUSD prices (DOMAIN.md §7)" },
      { key: "liquidatedShareOfOiPct", label: "Liquidated, as a share of open interest", low: 58.0, high: 58.0, tolerance: {"factor":1.5}, asPublished: "over $700 M liquidated on BitMEX in the first leg, against about $1.2 B of open interest (which fell to $593 M)", source: "BitMEX liquidation and open-interest data as reported at the time (DOMAIN.md §7; issue 17)" },
      { key: "adlShareOfLiquidatedPct", label: "Auto-deleveraged, as a share of what was liquidated", low: 0.0, high: 0.0, tolerance: null, asPublished: "none reported", source: "BitMEX's own account of the day (DOMAIN.md; the mar-2020 preset)" },
    ],
    leftOut: "The model has one shock, so it draws one leg, not two; BitMEX's perpetual also traded about $400 below spot that day, a decoupling the model (one venue, no spot market) cannot show. It liquidates somewhat more of its open interest (about two thirds against 58 %), and its fund loses over half of what it held selling into the fall; BitMEX's own fund figures for the day are not in the record.",
    scenario: "marginTiers",
  },
  "may-2010": {
    market: "CME's E-mini S&P 500 futures, 6 May 2010",
    figures: [
      { key: "fallPct", label: "Fall of the price", low: 5.0, high: 6.0, tolerance: {"relative":0.25}, asPublished: "more than 5 %, most of it in the four and a half minutes to 2:45:27 pm (US Eastern), after a sell program began at 2:32", source: "the CFTC and SEC staffs' joint report on the day (30 September 2010), as collected in DOMAIN.md §7" },
      { key: "context", label: "The sell program", low: 0.0, high: 0.0, tolerance: null, asPublished: "75,000 E-mini contracts, about $4.1 B, sold by an algorithm at up to 9 % of the volume traded, in about 20 minutes", source: "the CFTC and SEC staffs' joint report (DOMAIN.md §7)" },
      { key: "context", label: "The pause", low: 0.0, high: 0.0, tolerance: null, asPublished: "CME's Stop Logic paused matching in the E-mini for five seconds at 2:45:28 pm; selling eased and buyers came back, and prices steadied and began to recover when trading resumed", source: "the CFTC and SEC staffs' joint report (DOMAIN.md §6, §7); CME describes the pause as time for bids and offers to be posted" },
      { key: "context", label: "What followed", low: 0.0, high: 0.0, tolerance: null, asPublished: "the Dow fell about 9 % intraday and recovered most of it within about 20 minutes", source: "DOMAIN.md §7" },
    ],
    leftOut: "The model's forced sellers are leveraged positions with liquidation prices, their leverage (30x on average) standing for how close to the price their triggers sat (about 3 %), not for the exchange's margin, and its $2 B of open interest for the positions with triggers near the price, not the E-mini's whole open interest; on the day they were stop-loss orders and intermediaries who stopped buying, and high-frequency traders passing the same contracts back and forth, which the model does not have, nor the stocks and ETFs the selling spread to. Its sell program sells at a steady rate, where the day's sold a share of the volume, so the model's plunge starts within a minute of the program, not nine minutes later. Stop Logic is modelled as a pause when the price falls half a percent within a second, once; and the rule that makers post bids again within seconds of a pause (a half-life of one second while halted) is this model's, set to what CME says the pause is for, not measured. The fall without the pause is the model's counterfactual, not history.",
    scenario: "circuitBreaker",
  },
  "jan-2016": {
    market: "China's CSI 300 index, 7 January 2016",
    figures: [
      { key: "fallPct", label: "Fall of the price", low: 7.0, high: 7.2, tolerance: {"relative":0.25}, asPublished: "about 7 %, where the second threshold closed the market for the day", source: "the China Securities Regulatory Commission's rules of the time, as collected in DOMAIN.md §6; index closes as reported at the time" },
      { key: "context", label: "How fast", low: 0.0, high: 0.0, tolerance: null, asPublished: "the 5 % threshold tripped about 12 minutes after the open; the 7 % one about 2 minutes after trading resumed, so the market traded under half an hour in all", source: "exchange announcements as reported at the time (DOMAIN.md §6: one session lasted about 29 minutes)" },
      { key: "context", label: "What followed", low: 0.0, high: 0.0, tolerance: null, asPublished: "the thresholds tripped on 4 and 7 January and were suspended on 8 January, four trading days after they began", source: "DOMAIN.md §6 (the textbook magnet effect)" },
    ],
    leftOut: "The model has no trading day: its closure at 7 % lasts 20 minutes and the market then reopens, where that day's market stayed shut, so its fall is the deepest point of the whole hour it runs. Its sell program stands in for the day's rush to sell, and the magnet's sellers are a rule of the model (selling rises within 2 points of a threshold, fitted to show the effect the literature describes), not measured that day. The thresholds were hit faster than the day's: about 7 minutes after the start in the model, against about 12.",
    scenario: "circuitBreaker",
  },
};
