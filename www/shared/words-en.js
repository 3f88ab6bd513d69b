// The English words of the parameters and of the charts drawn in Rust: the catalogues
// src/model/words.rs and src/render/words.rs, written out by tests/spec.rs; do not
// edit. `<path>.label` is a parameter's short label, `<path>.help` one plain-language
// line.

export const WORDS_EN = {
  "startPrice.label": "Start price",
  "startPrice.help": "The price before the shock. At 100, every price reads as a percentage of it.",
  "traders.label": "Traders",
  "traders.help": "How many positions share the market's open interest. Fewer traders means bigger, lumpier positions.",
  "seed.label": "Random seed",
  "seed.help": "Picks one of many possible crowds of traders. The same seed always gives the same market.",
  "positions.label": "Positions",
  "positions.help": "A hand-made list of positions to use instead of a generated crowd.",
  "positions[].side.label": "Side",
  "positions[].side.help": "Long gains when the price rises; short gains when it falls.",
  "positions[].notional.label": "Size",
  "positions[].notional.help": "How big the position is, in dollars at its entry price.",
  "positions[].leverage.label": "Leverage",
  "positions[].leverage.help": "The position's size divided by the trader's own money in it.",
  "positions[].entry.label": "Entry price",
  "positions[].entry.help": "The price the position was opened at.",
  "openInterest.label": "Open interest",
  "openInterest.help": "All open positions together, longs plus shorts, in dollars.",
  "longShare.label": "Long share",
  "longShare.help": "How much of the money bets on a rise. Falls liquidate longs; rises liquidate shorts.",
  "leverage.label": "Leverage",
  "leverage.help": "Dollars bet per dollar of a trader's own money, on average. At 10× a move of about 10 % against them wipes them out.",
  "leverageSpread.label": "Leverage spread",
  "leverageSpread.help": "How much traders differ in leverage. At 0 everyone uses the average.",
  "whaleConcentration.label": "Whale concentration",
  "whaleConcentration.help": "0: positions of similar size. 1: a few whales hold most of the money.",
  "entrySpreadPct.label": "Entry spread",
  "entrySpreadPct.help": "How far from today's price traders opened their positions, typically.",
  "maintenancePct.label": "Maintenance margin",
  "maintenancePct.help": "The share of a position's size a trader must keep as margin. Below it, the position is liquidated.",
  "closingFeePct.label": "Fee to close in maintenance",
  "closingFeePct.help": "Some exchanges also make traders keep the fee for closing the position, so they are liquidated a little earlier.",
  "marginTiers.label": "Tier table",
  "marginTiers.help": "Bigger positions must keep more margin and may use less leverage, so whales are not all knocked over at once.",
  "marginTiers[].upToNotional.label": "Up to size",
  "marginTiers[].upToNotional.help": "The largest position, in dollars, this tier covers.",
  "marginTiers[].maxLeverage.label": "Most leverage",
  "marginTiers[].maxLeverage.help": "The highest leverage a position of this size may use.",
  "marginTiers[].maintenancePct.label": "Maintenance margin",
  "marginTiers[].maintenancePct.help": "The margin a position of this size must keep, as a share of its size.",
  "depthPerPct.label": "Market depth",
  "depthPerPct.help": "How much selling it takes to move the price 1 %. In a thin market every forced sale moves the price further.",
  "liquidityWithdrawal.label": "Liquidity withdrawal",
  "liquidityWithdrawal.help": "How much of the book steps back when prices fall fast and selling runs one way. 0: the book never thins.",
  "dipBuyerCapital.label": "Dip buyers' capital",
  "dipBuyerCapital.help": "Money that buyers hold ready for a bargain. Once the price is far enough below where it started, they buy, until it is spent.",
  "dipBuyerDiscountPct.label": "Dip buyers step in at",
  "dipBuyerDiscountPct.help": "How far below the start price, in %, the dip buyers begin to buy.",
  "momentumShorts.label": "Shorts into the fall",
  "momentumShorts.help": "Traders who sell into a wave of liquidations and open new short positions: dollars of new shorts per dollar of longs liquidated. A rebound can liquidate them.",
  "markPrice.label": "Liquidate on",
  "markPrice.help": "The price that decides who is liquidated: the exchange's own last trade, or a mark built on the spot price, so a wick on the exchange alone liquidates less.",
  "spotDepthPerPct.label": "Spot market depth",
  "spotDepthPerPct.help": "Dollars of selling that move the spot price behind the index by 1 %. Forced selling reaches spot only through arbitrage.",
  "arbitrageCapital.label": "Arbitrage capital",
  "arbitrageCapital.help": "Money for buying futures and selling spot when futures trade below spot, and the reverse. It carries selling from one market to the other.",
  "impactLaw.label": "Impact law",
  "impactLaw.help": "How the price move grows with the size of a sale: in proportion, or with its square root.",
  "permanentImpact.label": "Permanent impact",
  "permanentImpact.help": "The part of a sale's price move that stays. The rest fades as buyers come back.",
  "recoveryHalfLife.label": "Book recovery",
  "recoveryHalfLife.help": "How fast new buyers come back after a sale: half of the temporary price dent fades in this time.",
  "volatilityPct.label": "Background noise",
  "volatilityPct.help": "Random price moves unrelated to liquidations, per tick.",
  "shockPct.label": "Shock",
  "shockPct.help": "The outside push at the start, such as bad news. Negative is a drop; positive squeezes short sellers.",
  "shockTicks.label": "Shock length",
  "shockTicks.help": "Over how many steps the shock arrives. 1: all at once, as a gap (or one sale, for a program in dollars). More: a program sold a slice at a time.",
  "shockUsd.label": "Program size",
  "shockUsd.help": "Dollars sold into the book over the shock's length, instead of the amount that would move a calm book by the shock. The shock's sign sets the direction.",
  "ticks.label": "Length of the run",
  "ticks.help": "How many steps the simulation runs for.",
  "tickSeconds.label": "Seconds per step",
  "tickSeconds.help": "How much real time one step stands for. It changes only how times are told.",
  "liquidation.venueRules.label": "Exchange rules",
  "liquidation.venueRules.help": "Binance sells a liquidated position only where its owner still has money left; the insurance fund takes the rest. Hyperliquid sells at any price.",
  "liquidation.mode.label": "Liquidation style",
  "liquidation.mode.help": "Whole positions at once, or large ones a slice at a time so the price can recover in between.",
  "liquidation.partialFraction.label": "Slice size",
  "liquidation.partialFraction.help": "The share of a large position sold in each slice.",
  "liquidation.partialAbove.label": "Sliced above",
  "liquidation.partialAbove.help": "Positions up to this size are always sold whole.",
  "liquidation.maxPerTick.label": "Throttle",
  "liquidation.maxPerTick.help": "The most the exchange sells for liquidations at once; the rest waits in a queue. None: no limit.",
  "liquidation.backstopCapacity.label": "Backstop vault",
  "liquidation.backstopCapacity.help": "How much a backstop fund will take over from failing positions without selling on the market.",
  "liquidation.feePct.label": "Liquidation fee",
  "liquidation.feePct.help": "What the exchange charges a liquidated position, paid into the insurance fund.",
  "liquidation.adl.label": "Auto-deleveraging",
  "liquidation.adl.help": "When the insurance fund is empty, winning traders on the other side are closed out to cover the losses.",
  "liquidation.fundUnwindShare.label": "Fund's selling pace",
  "liquidation.fundUnwindShare.help": "How fast the insurance fund sells the positions it took over, as a share of what moves the price 1 %, each step.",
  "insuranceFund.label": "Insurance fund",
  "insuranceFund.help": "The exchange's reserve for losses beyond a trader's margin. When it runs dry, winning traders are closed out too.",
  "circuitBreaker.label": "Circuit breaker",
  "circuitBreaker.help": "Halts trading when the price falls too far too fast.",
  "circuitBreaker.levelsPct.label": "Halt levels",
  "circuitBreaker.levelsPct.help": "The falls that halt trading, each once. The last one closes the market for longer.",
  "circuitBreaker.levelsPct[].label": "Halt level",
  "circuitBreaker.levelsPct[].help": "A fall that halts trading.",
  "circuitBreaker.reference.label": "Measured from",
  "circuitBreaker.reference.help": "What a fall is measured from: the price before the shock, as US stock markets measure from the previous close, or the highest recent price.",
  "circuitBreaker.windowTicks.label": "Breaker window",
  "circuitBreaker.windowTicks.help": "When falls are measured from the highest recent price: how far back the breaker looks for it.",
  "circuitBreaker.haltTicks.label": "Halt length",
  "circuitBreaker.haltTicks.help": "How long each halt lasts. Nobody trades or is liquidated meanwhile, and the order book refills.",
  "circuitBreaker.closeTicks.label": "Closure length",
  "circuitBreaker.closeTicks.help": "The last level closes the market for longer than a halt. Then it reopens, and the liquidations that waited go to market.",
  "circuitBreaker.magnetSellShare.label": "Magnet effect",
  "circuitBreaker.magnetSellShare.help": "Near a halt level, traders rush to sell before trading stops, which pulls the price towards it.",
  "secondVenue.label": "Second venue",
  "secondVenue.help": "A second exchange trading the same coin, with its own book, fund and rules. Arbitrageurs carry moves between the two.",
  "secondVenue.depthPerPct.label": "Second venue's depth",
  "secondVenue.depthPerPct.help": "Dollars of selling that move the second venue's price 1 %.",
  "secondVenue.insuranceFund.label": "Second venue's insurance fund",
  "secondVenue.insuranceFund.help": "The second venue's buffer that absorbs losses past bankruptcy before auto-deleveraging.",
  "secondVenue.markPrice.label": "Second venue liquidates on",
  "secondVenue.markPrice.help": "Whether the second venue judges positions at its own last trade or at a mark built on the spot index.",
  "secondVenue.circuitBreaker.label": "Breaker on the second venue too",
  "secondVenue.circuitBreaker.help": "Whether the second venue halts by the same breaker rules. Off: it keeps trading through the first venue's halts.",
  "secondVenue.openInterest.label": "Second venue's open interest",
  "secondVenue.openInterest.help": "The dollars of positions open on the second venue. Off: the same as the first venue's.",
  "secondVenue.leverage.label": "Second venue's leverage",
  "secondVenue.leverage.help": "The average leverage of the second venue's traders. Off: the same as the first venue's.",
  "secondVenue.rules.label": "Second venue liquidates by",
  "secondVenue.rules.help": "The first venue's rules, Binance's (the fund takes what will not sell at the bankruptcy price) or Hyperliquid's (market orders, then auto-deleveraging).",
};

/** The charts' words, `{}` where a value goes: render()'s `options.words` is these
 * joined by newlines. */
export const CHART_WORDS = [
  "no mitigation", // chart.noMitigation
  "circuit breaker", // chart.circuitBreaker
  "margin tiers", // chart.marginTiers
  "breaker + tiers", // chart.both
  "spot index", // chart.spotIndex
  "mark price", // chart.markPrice
  "second venue", // chart.secondVenue
  "trading halted", // chart.tradingHalted
  "nothing to show", // chart.nothingToShow
  "start", // chart.start
  "price (start = 100)", // chart.priceIndexed
  "price", // chart.price
  "{} after the shock", // chart.afterTheShock
  "no liquidations", // chart.noLiquidations
  "liquidated per {}, $", // chart.liquidatedPer
  "time ×{}", // chart.timeFaster
  "longs liquidated", // chart.longsLiquidated
  "longs still open", // chart.longsOpen
  "shorts liquidated", // chart.shortsLiquidated
  "shorts still open", // chart.shortsOpen
  "no liquidation prices in this range", // chart.noLiquidationPrices
  "{} more outside this price range", // chart.moreOutside
  "liquidation price (start = 100)", // chart.liquidationPriceIndexed
  "liquidation price", // chart.liquidationPrice
  "notional at each liquidation price, $", // chart.notionalAxis
  "price at the cursor ({})", // chart.priceAtCursor
  "lowest price reached ({})", // chart.lowestReached
  "highest price reached ({})", // chart.highestReached
  "mark price: liquidations look here", // chart.markLooksHere
  "second", // chart.second
  "minute", // chart.minute
  "hour", // chart.hour
  "day", // chart.day
  "seconds", // chart.seconds
  "minutes", // chart.minutes
  "hours", // chart.hours
  "days", // chart.days
  "{} s", // chart.secondSymbol
  "{} min", // chart.minuteSymbol
  "{} h", // chart.hourSymbol
  "{} d", // chart.daySymbol
  "tick", // chart.tick
  "share of values ≥ x", // chart.shareAtLeast
  "3 K M B T", // chart.moneyUnits
];
