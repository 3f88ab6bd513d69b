// The published record of each historical preset: src/model/record.rs's RECORDS, written
// out by tests/spec.rs; do not edit. Each figure's `key` names the model's counterpart
// (www/lab/record.js computes it; "context" has none) on the venues of its `scope`
// ("market": both venues' liquidations, ADL and open interest, the first's price and fund;
// "secondVenue": the second venue alone); `tolerance` is how far outside the range a
// replay may lie and still match (null: held out of the calibration);
// `scenario` is the run of compare() under the venue's own rules of the day.

export const RECORDS_EN = {
  "oct-2025": {
    market: "BTC perpetuals across venues, 10–11 October 2025",
    figures: [
      { key: "fallPct", scope: "market", label: "Fall of the price", low: 11.0, high: 14.0, tolerance: {"relative":0.25}, asPublished: "about −11 % on minute data, brief lows to about −14 %", source: "BTC minute data from exchanges, as collected in the project's DOMAIN.md §7", links: [{"name":"Kaiko Research on the day's liquidity","url":"https://research.kaiko.com/insights/when-october-surprise-meets-crypto-liquidity-drought"}] },
      { key: "liquidatedShareOfOiPct", scope: "market", label: "Liquidated, as a share of open interest", low: 8.3, high: 8.9, tolerance: {"factor":1.5}, asPublished: "about $19.1–19.4 B liquidated in 24 h against $217–230 B of aggregate open interest", source: "liquidation and open-interest aggregators (CoinGlass and others), as collected in DOMAIN.md §9; a lower bound, since venues report at most one liquidation per symbol per second", links: [{"name":"CoinGlass's totals, reported by Yellow Research","url":"https://yellow.com/research/trump-100-china-tariff-how-one-announcement-liquidated-dollar19-billion-in-crypto"}] },
      { key: "longSharePct", scope: "market", label: "Longs' share of what was liquidated", low: 84.0, high: 90.0, tolerance: {"points":10.0}, asPublished: "85–90 % longs (83.9 % in Amberdata's data set)", source: "liquidation aggregators (DOMAIN.md §7); Amberdata's data set (DOMAIN.md §9)", links: [{"name":"Amberdata's account in seven charts","url":"https://blog.amberdata.io/how-3.21b-vanished-in-60-seconds-october-2025-crypto-crash-explained-through-7-charts"}] },
      { key: "fundChangePct", scope: "market", label: "Change of the insurance fund", low: -15.4, high: -15.4, tolerance: null, asPublished: "Binance's insurance fund, $1.23 B → $1.04 B", source: "Binance's published insurance-fund balance (DOMAIN.md §7)", links: [{"name":"the insurance fund's change, on Binance Square","url":"https://www.binance.bh/en/square/post/30856400292745"}] },
      { key: "adlShareOfLiquidatedPct", scope: "secondVenue", label: "Auto-deleveraged on Hyperliquid (the second venue), as a share of what it liquidated", low: 34.7, high: 34.7, tolerance: null, asPublished: "Hyperliquid's BTC perpetual: $0.62 B of ADL fills against $1.79 B of liquidations in about 12 minutes (all coins: $2.1 B against $5.5 B)", source: "a third-party reconstruction from Hyperliquid's public trade data (DOMAIN.md §9)", links: [{"name":"the reconstruction of Hyperliquid's ADL (GitHub)","url":"https://github.com/ConejoCapital/HyperMultiAssetedADL"}] },
    ],
    leftOut: "The model has two venues and one coin; that day's cascade ran across dozens of venues and hundreds of coins, many of which fell 60–80 %, and most of the fall in open interest was voluntary closing, which the model does not have. The first venue stands for the market on Binance's rules; the second for Hyperliquid, with 6 % of the open interest, on Hyperliquid's rules, its traders at 12x on average where the first venue's average 3.7x, widely spread. That most open interest is at low leverage is what brings the liquidated share near the record's. Short liquidations come mostly from new shorts on the second venue caught by the rebound. Neither held-out figure was fitted. The second venue's ADL share comes out near Hyperliquid's; its fund is sized from what Hyperliquid's buffers covered that day, and its leverage was set by hand: at 8x it would deleverage far less. It ends with about $1.3 M of bad debt (fills past bankruptcy after its fund ran out), where Hyperliquid reported none. The first venue's fund loses less than Binance's did, because arbitrage carries part of the selling to spot.",
    scenario: "marginTiers",
    path: [],
    pathSource: "",
    pathLinks: [],
  },
  "may-2021": {
    market: "BTC futures and perpetuals across venues, 19 May 2021",
    figures: [
      { key: "fallPct", scope: "market", label: "Fall of the price", low: 28.0, high: 32.0, tolerance: {"relative":0.25}, asPublished: "about −30 % intraday, to about $30 k", source: "exchange price data as reported at the time (DOMAIN.md §7, §9)", links: [{"name":"Coinspeaker on the low and the rebound","url":"https://www.coinspeaker.com/bitcoin-btc-price-recovers-over-30-from-wednesday-bottom/amp"}] },
      { key: "context", scope: "market", label: "Liquidated", low: 0.0, high: 0.0, tolerance: null, asPublished: "over $8 B (about $8.6 B) across all coins in 24 h, over 800 k traders; BTC open interest roughly halved, much of it by voluntary closing", source: "Bybt (now CoinGlass) liquidation totals, as reported at the time (DOMAIN.md §7)", links: [{"name":"a NewsBreak report citing Bybt's total","url":"https://www.newsbreak.com/news/2263120909471/mastercard-exec-shares-thoughts-on-crypto-rewards-stablecoin-and-cbdc-plans"}] },
      { key: "context", scope: "market", label: "Rebound", low: 0.0, high: 0.0, tolerance: null, asPublished: "about $10 k back within hours of the low", source: "exchange price data as reported at the time (DOMAIN.md §7, §9)", links: [{"name":"Coinspeaker on the low and the rebound","url":"https://www.coinspeaker.com/bitcoin-btc-price-recovers-over-30-from-wednesday-bottom/amp"}] },
    ],
    leftOut: "The model has one venue and no buyers who come back (unless you switch them on under \"After the fall\"), so it has no rebound. No share of open interest liquidated was published that we can source, so only the fall is compared; the model liquidates about two thirds of its open interest, far more than the day's roughly halved open interest, much of it closed by choice, suggests.",
    scenario: "marginTiers",
    path: [],
    pathSource: "",
    pathLinks: [],
  },
  "mar-2020": {
    market: "BitMEX's XBTUSD perpetual, 12–13 March 2020",
    figures: [
      { key: "fallPct", scope: "market", label: "Fall of the price", low: 51.1, high: 51.1, tolerance: {"relative":0.25}, asPublished: "$7,353 → $3,596 at the low, in two legs", source: "BitMEX XBTUSD prices, as LedgerPrime and CryptoSlate reported them (DOMAIN.md §7)", links: [{"name":"LedgerPrime Research on Black Thursday","url":"https://www.research.ledgerprime.com/p/cryptos-black-thursday-the-market"},{"name":"CryptoSlate on XBTUSD below spot","url":"https://cryptoslate.com/bitmex-freezes-as-xbtusd-crashes-10-below-bitcoin-spot-price/"}] },
      { key: "liquidatedShareOfOiPct", scope: "market", label: "Liquidated, as a share of open interest", low: 58.0, high: 58.0, tolerance: {"factor":1.5}, asPublished: "over $700 M liquidated on BitMEX in the first leg, against about $1.2 B of open interest (which fell to $593 M)", source: "BitMEX liquidation and open-interest data as reported at the time (DOMAIN.md §7; issue 17)", links: [{"name":"LedgerPrime Research on Black Thursday","url":"https://www.research.ledgerprime.com/p/cryptos-black-thursday-the-market"},{"name":"open interest before and after (CryptoIQ)","url":"https://www.cryptoiqtrading.com/crypto-derivatives-markets-speculation-smashed-by-this-months-crypto-crash/"}] },
      { key: "adlShareOfLiquidatedPct", scope: "market", label: "Auto-deleveraged, as a share of what was liquidated", low: 0.0, high: 0.0, tolerance: null, asPublished: "none reported", source: "BitMEX's own account of the day (DOMAIN.md; the mar-2020 preset)", links: [] },
    ],
    leftOut: "The model has one shock, so it draws one leg, not two; BitMEX's perpetual also traded about $400 below spot that day (about 10 %), a decoupling this replay does not show: its one book stands for the whole market. Split into BitMEX's book beside a spot market, with the arbitrage between them, the model's perpetual runs 17–41 % below spot at its widest (over the spot depths, arbitrage capital and gaps tried), because the model's spot market has no sellers of its own and the day's spot fell nearly as far. It liquidates somewhat more of its open interest (about two thirds against 58 %), and its fund loses over half of what it held selling into the fall; BitMEX's own fund figures for the day are not in the record.",
    scenario: "marginTiers",
    path: [],
    pathSource: "",
    pathLinks: [],
  },
  "may-2010": {
    market: "CME's E-mini S&P 500 futures, 6 May 2010",
    figures: [
      { key: "fallPct", scope: "market", label: "Fall of the price", low: 5.0, high: 6.0, tolerance: {"relative":0.25}, asPublished: "more than 5 %, most of it in the four and a half minutes to 2:45:27 pm (US Eastern), after a sell program began at 2:32", source: "the CFTC and SEC staffs' joint report on the day (30 September 2010), as collected in DOMAIN.md §7", links: [{"name":"the CFTC and SEC staffs' report (PDF)","url":"https://www.sec.gov/news/studies/2010/marketevents-report.pdf"},{"name":"a summary of the report (Lexology)","url":"https://www.lexology.com/library/detail.aspx?g=80878e65-2bbd-4668-b7c5-38a956a47ea0"}] },
      { key: "context", scope: "market", label: "The sell program", low: 0.0, high: 0.0, tolerance: null, asPublished: "75,000 E-mini contracts, about $4.1 B, sold by an algorithm at up to 9 % of the volume traded, in about 20 minutes", source: "the CFTC and SEC staffs' joint report (DOMAIN.md §7)", links: [{"name":"the CFTC and SEC staffs' report (PDF)","url":"https://www.sec.gov/news/studies/2010/marketevents-report.pdf"},{"name":"a summary of the report (Lexology)","url":"https://www.lexology.com/library/detail.aspx?g=80878e65-2bbd-4668-b7c5-38a956a47ea0"}] },
      { key: "context", scope: "market", label: "The pause", low: 0.0, high: 0.0, tolerance: null, asPublished: "CME's Stop Logic paused matching in the E-mini for five seconds at 2:45:28 pm; selling eased and buyers came back, and prices steadied and began to recover when trading resumed", source: "the CFTC and SEC staffs' joint report (DOMAIN.md §6, §7); CME describes the pause as time for bids and offers to be posted", links: [{"name":"the CFTC and SEC staffs' report (PDF)","url":"https://www.sec.gov/news/studies/2010/marketevents-report.pdf"},{"name":"Stop Logic, defined (USLegal)","url":"https://definitions.uslegal.com/s/stop-logic-functionality/"}] },
      { key: "context", scope: "market", label: "What followed", low: 0.0, high: 0.0, tolerance: null, asPublished: "the Dow fell about 9 % intraday and recovered most of it within about 20 minutes", source: "DOMAIN.md §7", links: [{"name":"the CFTC and SEC staffs' report (PDF)","url":"https://www.sec.gov/news/studies/2010/marketevents-report.pdf"}] },
    ],
    leftOut: "The model's forced sellers are leveraged positions with liquidation prices, their leverage (30x on average) standing for how close to the price their triggers sat (about 3 %), not for the exchange's margin, and its $2 B of open interest for the positions with triggers near the price, not the E-mini's whole open interest; on the day they were stop-loss orders and intermediaries who stopped buying, and high-frequency traders passing the same contracts back and forth, which the model does not have, nor the stocks and ETFs the selling spread to. Its sell program sells at a steady rate, where the day's sold a share of the volume, so the model's plunge starts within a minute of the program, not nine minutes later, and after the pause the rest of the program takes the price a little lower again, where the day's prices recovered. Stop Logic is modelled as a five-second pause when the price falls 1 % within a second, once: CME's rule pauses when stop orders would trade beyond a band of about half a percent, and at 0.5 % a second the model's pause comes 2.4–4.2 % down, before the bottom of the plunge, where the day's came at its bottom. The rule that makers post bids again within seconds of a pause (a half-life of one second while halted) is this model's, set to what CME says the pause is for, not measured. The fall without the pause is the model's counterfactual, not history.",
    scenario: "circuitBreaker",
    path: [],
    pathSource: "",
    pathLinks: [],
  },
  "jan-2016": {
    market: "China's CSI 300 index, 7 January 2016",
    figures: [
      { key: "fallPct", scope: "market", label: "Fall of the price", low: 7.0, high: 7.2, tolerance: {"relative":0.25}, asPublished: "about 7 %, where the second threshold closed the market for the day", source: "the China Securities Regulatory Commission's rules of the time, as collected in DOMAIN.md §6; index closes as reported at the time", links: [{"name":"Xinhua on 7 January (China.org.cn)","url":"http://en.chinagate.cn/2016-01/07/content_37482468.htm"}] },
      { key: "context", scope: "market", label: "How fast", low: 0.0, high: 0.0, tolerance: null, asPublished: "the 5 % threshold tripped about 12 minutes after the open; the 7 % one about 2 minutes after trading resumed, so the market traded under half an hour in all", source: "exchange announcements as reported at the time (DOMAIN.md §6: one session lasted about 29 minutes)", links: [{"name":"Xinhua on 7 January (China.org.cn)","url":"http://en.chinagate.cn/2016-01/07/content_37482468.htm"},{"name":"Reuters on the rules, 4 December 2015","url":"https://www.reuters.com/article/china-stocks-circuitbreaker-idUSB9N13M03K20151204"}] },
      { key: "context", scope: "market", label: "What followed", low: 0.0, high: 0.0, tolerance: null, asPublished: "the thresholds tripped on 4 and 7 January and were suspended on 8 January, four trading days after they began", source: "DOMAIN.md §6 (the textbook magnet effect)", links: [{"name":"the suspension, 8 January (China.org.cn)","url":"http://en.chinagate.cn/2016-01/08/content_37487376.htm"}] },
    ],
    leftOut: "The model has no trading day: its closure at 7 % lasts 20 minutes and the market then reopens, where that day's market stayed shut, so its fall is the deepest point of the whole hour it runs. Its sell program stands in for the day's rush to sell, and the magnet's sellers are a rule of the model (selling rises within 2 points of a threshold, fitted to show the effect the literature describes), not measured that day. The thresholds were hit faster than the day's: about 7 minutes after the start in the model, against about 12.",
    scenario: "circuitBreaker",
    path: [{"label":"9:42, −5.4 %: the first threshold trips, a 15-minute halt","price":94.62,"seconds":720.0},{"label":"about 9:59, −7.2 %: the second closes the market for the day","price":92.79,"seconds":1740.0}],
    pathSource: "the CSI 300 against the previous close, the model's 100, at the times Xinhua reported (the halt at 9:42, 12 minutes after the 9:30 open, at −5.38 %; the close two minutes after the 9:57 reopening, at 3,284.74, −7.21 %); the opening price was not found",
    pathLinks: [{"name":"Xinhua on 7 January (China.org.cn)","url":"http://en.chinagate.cn/2016-01/07/content_37482468.htm"},{"name":"the halt at −5.38 % (Mpelembe)","url":"https://mpelembe.net/business/finance/china-halts-stock-market-circuit-breaker/"}],
  },
};
