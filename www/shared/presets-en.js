// What each preset shows, in English: src/model/presets.rs's SUMMARIES_EN, written out
// by tests/spec.rs; do not edit.

export const PRESETS_EN = {
  "default": "The default market: 12x average leverage on a book that needs $100 M to move 1 %. A 5 % drop sets off liquidations that nearly double it, then the chain dies out.",
  "calm-market": "Modest leverage and a deep book: each liquidation sets off less than the next one, so a 5 % drop stays close to 5 %.",
  "crowded-leverage": "Same book, but traders run 20x on average. Liquidation prices crowd just below the market, the branching ratio passes 1 and the same shock runs on until most longs are gone.",
  "thin-book": "Default leverage, but only $40 M moves the price 1 %: every forced sale pushes harder, and a 5 % drop becomes a fall of about 17 %.",
  "circuit-breaker": "A thin book, where $20 M moves the price 1 %, with US-style halts at 7, 13 and 20 % below the start. Nine tenths of each move is liquidity that comes back, half of it within 30 seconds, so each pause lets the book refill before the queued liquidations go to market: the fall is about 13 % instead of 17 %, and a fifth less is liquidated.",
  "margin-tiers": "Traders at 50x in a market dominated by whales. The strict tier table caps large positions at 1x to 5x, and about half as much is liquidated.",
  "managed-liquidation": "The thin book under Hyperliquid's rules: large positions are sold 20 % a tick, at most $10 M a tick goes to the book, and a $200 M backstop vault takes over the deepest losses: the fall is about 15 % instead of 17 %.",
  "oct-2025": "A news shock of 7.5 % on a market crowded with longs, most of them at low leverage: liquidations, and new shorts piling into them, take the fall to about 15 %, and about a tenth of open interest is liquidated (the record: 8–9 %). Buyers standing 4 % below the start, where Kaiko saw that day's bids, lift the price back and liquidate some of the new shorts on the way up. Calibrated to BTC on 10 Oct 2025: the record is shown below the charts.",
  "may-2021": "A large drop into a long-heavy market on a thin book whose impact mostly sticks: the price falls by about 30 %, as BTC did intraday. The day's rebound is missing: switch on the dip buyers under \"After the fall\" to see one.",
  "mar-2020": "A 15 % gap into a very thin book: the price falls by more than half (about 54 %; BitMEX's perpetual fell 51 %), and about two thirds of open interest is liquidated (BitMEX: about 58 %). The insurance fund, a fifth of open interest like BitMEX's, takes over what the book cannot absorb, so nothing is auto-deleveraged (BitMEX reported none), but it loses heavily selling into the fall.",
  "jan-2016": "China's thresholds of 5 and 7 %, so close together that holders sell early so as not to be locked in (the magnet effect). The selling that takes the market down about 4.5 % without them pulls it through both with them: a 15-minute halt at 5 %, then a closure at 7 %, as on 7 January 2016, when the market traded for under half an hour.",
};
