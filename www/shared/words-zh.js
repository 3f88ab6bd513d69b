// The Simplified Chinese words of the parameters and of the charts drawn in Rust: the catalogues
// src/model/words.rs and src/render/words.rs, written out by tests/spec.rs; do not
// edit. `<path>.label` is a parameter's short label, `<path>.help` one plain-language
// line.

export const WORDS_ZH = {
  "startPrice.label": "起始价格",
  "startPrice.help": "冲击发生前的价格。设为100时，每个价格都可以直接读作起始价格的百分比。",
  "traders.label": "交易者人数",
  "traders.help": "有多少个仓位分摊市场的持仓量。交易者越少，单个仓位越大，分布也越不均匀。",
  "seed.label": "随机种子",
  "seed.help": "从众多可能的交易者群体中挑出一个。同一个随机种子总会生成同一个市场。",
  "positions.label": "仓位列表",
  "positions.help": "手动填写的一组仓位，用来代替自动生成的交易者群体。",
  "positions[].side.label": "方向",
  "positions[].side.help": "价格上涨时多头获利；价格下跌时空头获利。",
  "positions[].notional.label": "仓位规模",
  "positions[].notional.help": "仓位有多大，按开仓价格折算成美元。",
  "positions[].leverage.label": "杠杆",
  "positions[].leverage.help": "仓位规模除以交易者自己投入其中的资金。",
  "positions[].entry.label": "开仓价格",
  "positions[].entry.help": "开仓时的价格。",
  "openInterest.label": "持仓量",
  "openInterest.help": "所有未平仓位的总和（多头加空头），以美元计。",
  "longShare.label": "多头占比",
  "longShare.help": "押注上涨的资金占多大比例。下跌会强平多头；上涨会强平空头。",
  "leverage.label": "杠杆",
  "leverage.help": "交易者平均每投入1美元自有资金所押注的美元数。在10×杠杆下，价格朝不利方向变动约10%就会让他们亏光本金。",
  "leverageSpread.label": "杠杆离散度",
  "leverageSpread.help": "交易者之间的杠杆差异有多大。设为0时，所有人都使用平均杠杆。",
  "whaleConcentration.label": "巨鲸集中度",
  "whaleConcentration.help": "0：各仓位规模相近。1：少数巨鲸持有大部分资金。",
  "entrySpreadPct.label": "开仓价格分散度",
  "entrySpreadPct.help": "交易者开仓时的价格通常离当前价格有多远。",
  "maintenancePct.label": "维持保证金",
  "maintenancePct.help": "交易者必须作为保证金保留的资金，占仓位规模的比例。低于这一比例，仓位就会被强平。",
  "closingFeePct.label": "计入平仓手续费",
  "closingFeePct.help": "有些交易所还要求交易者在维持保证金之外留足平仓手续费，因此他们会稍早一点被强平。",
  "marginTiers.label": "保证金档位表",
  "marginTiers.help": "仓位越大，必须保留的保证金越多，可用的杠杆也越低，这样巨鲸们就不会一下子同时倒下。",
  "marginTiers[].upToNotional.label": "规模上限",
  "marginTiers[].upToNotional.help": "本档位适用的最大仓位，以美元计。",
  "marginTiers[].maxLeverage.label": "最高杠杆",
  "marginTiers[].maxLeverage.help": "这一规模的仓位最多可以使用的杠杆。",
  "marginTiers[].maintenancePct.label": "维持保证金",
  "marginTiers[].maintenancePct.help": "这一规模的仓位必须保留的保证金，按占仓位规模的比例计。",
  "depthPerPct.label": "市场深度",
  "depthPerPct.help": "需要卖出多少才能让价格变动1%。在深度很浅的市场里，每一笔被迫卖出都会把价格推得更远。",
  "liquidityWithdrawal.label": "流动性撤离",
  "liquidityWithdrawal.help": "价格快速下跌、卖盘一边倒时，订单簿上有多少挂单会撤走。0：订单簿从不变薄。",
  "dipBuyerCapital.label": "抄底资金",
  "dipBuyerCapital.help": "抄底买家准备用来捡便宜的资金。一旦价格比起始价格低得足够多，他们就会买入，直到资金用完。",
  "dipBuyerDiscountPct.label": "抄底买家入场跌幅",
  "dipBuyerDiscountPct.help": "价格比起始价格低多少（%）时，抄底买家开始买入。",
  "momentumShorts.label": "顺势做空",
  "momentumShorts.help": "在强平浪潮中顺势卖出、开新空单的交易者：每强平1美元多单，就新开多少美元空单。价格反弹时，他们也可能被强平。",
  "markPrice.label": "强平依据",
  "markPrice.help": "决定谁被强平的价格：交易所自己的最新成交价，或基于现货价格构建的标记价格；后者让只出现在本交易所的插针引发更少的强平。",
  "spotDepthPerPct.label": "现货市场深度",
  "spotDepthPerPct.help": "让指数背后的现货价格变动1%所需的卖出金额（美元）。强制卖出只能通过套利传导到现货。",
  "arbitrageCapital.label": "套利资金",
  "arbitrageCapital.help": "期货价格低于现货时用来买入期货、卖出现货（反之亦然）的资金。它把卖压从一个市场带到另一个市场。",
  "impactLaw.label": "价格影响规律",
  "impactLaw.help": "价格变动如何随卖出规模增长：与规模成正比，或与规模的平方根成正比。",
  "permanentImpact.label": "永久价格影响",
  "permanentImpact.help": "一笔卖出造成的价格变动中会留下来的部分。其余部分会随着买家回归而消退。",
  "recoveryHalfLife.label": "订单簿恢复",
  "recoveryHalfLife.help": "卖出之后新买家回来得有多快：临时压低的价格在这段时间内恢复一半。",
  "volatilityPct.label": "背景噪声",
  "volatilityPct.help": "每个时间步里与强平无关的随机价格波动。",
  "shockPct.label": "冲击",
  "shockPct.help": "开始时来自外部的推动，比如利空消息。负值表示下跌；正值则会挤压空头，形成逼空。",
  "shockTicks.label": "冲击时长",
  "shockTicks.help": "冲击分多少个时间步到来。1：一次性到来，表现为跳空（若是以美元计的卖出计划，则是一笔卖出）。大于1：卖出计划分批、每次卖出一部分。",
  "shockUsd.label": "卖出计划规模",
  "shockUsd.help": "在冲击时长内向订单簿卖出的美元金额，用来代替“让平静的订单簿变动冲击幅度所需的金额”。冲击的正负号决定方向。",
  "ticks.label": "运行时长",
  "ticks.help": "模拟要运行多少个时间步。",
  "tickSeconds.label": "每步秒数",
  "tickSeconds.help": "一个时间步代表多少真实时间。它只改变时间的显示方式。",
  "liquidation.venueRules.label": "交易所规则",
  "liquidation.venueRules.help": "Binance只在仓位持有人还有余钱的价位上卖出被强平的仓位，其余部分由保险基金接手。Hyperliquid则不计价格地卖出。",
  "liquidation.mode.label": "强平方式",
  "liquidation.mode.help": "一次性卖出整个仓位，或把大仓位分批卖出，让价格在两批之间有机会回升。",
  "liquidation.partialFraction.label": "每批比例",
  "liquidation.partialFraction.help": "大仓位每一批卖出的比例。",
  "liquidation.partialAbove.label": "分批门槛",
  "liquidation.partialAbove.help": "不超过这一规模的仓位始终整体一次卖出。",
  "liquidation.maxPerTick.label": "限速",
  "liquidation.maxPerTick.help": "交易所一次最多为强平卖出的金额；其余的排队等待。无：不设上限。",
  "liquidation.backstopCapacity.label": "兜底金库",
  "liquidation.backstopCapacity.help": "兜底基金愿意不经市场卖出、直接接手多少濒临破产的仓位。",
  "liquidation.feePct.label": "强平手续费",
  "liquidation.feePct.help": "交易所向被强平仓位收取的费用，存入保险基金。",
  "liquidation.adl.label": "自动减仓（ADL）",
  "liquidation.adl.help": "保险基金耗尽时，对手方盈利的交易者会被平掉仓位，用来弥补亏损。",
  "liquidation.fundUnwindShare.label": "基金卖出速度",
  "liquidation.fundUnwindShare.help": "保险基金每个时间步卖出所接手仓位的速度，以“让价格变动1%的卖出量”的比例表示。",
  "insuranceFund.label": "保险基金",
  "insuranceFund.help": "交易所用来承担超出交易者保证金那部分亏损的储备金。一旦耗尽，盈利的交易者也会被平仓。",
  "circuitBreaker.label": "熔断",
  "circuitBreaker.help": "价格跌得太多、太快时暂停交易。",
  "circuitBreaker.levelsPct.label": "熔断档位",
  "circuitBreaker.levelsPct.help": "触发暂停交易的跌幅，每档只触发一次。最后一档会让市场关闭更长时间。",
  "circuitBreaker.levelsPct[].label": "熔断跌幅",
  "circuitBreaker.levelsPct[].help": "会触发暂停交易的一个跌幅。",
  "circuitBreaker.reference.label": "跌幅基准",
  "circuitBreaker.reference.help": "跌幅从哪里算起：冲击前的价格（就像美国股市以前一日收盘价为基准），或近期最高价。",
  "circuitBreaker.windowTicks.label": "熔断回看窗口",
  "circuitBreaker.windowTicks.help": "当跌幅从近期最高价算起时：熔断机制往回看多长时间来寻找这个最高价。",
  "circuitBreaker.haltTicks.label": "暂停时长",
  "circuitBreaker.haltTicks.help": "每次暂停交易持续多久。期间无人交易，也无人被强平，订单簿会重新补满。",
  "circuitBreaker.closeTicks.label": "休市时长",
  "circuitBreaker.closeTicks.help": "最后一档让市场关闭的时间比普通暂停更长。之后市场重新开放，排队等待的强平单进入市场。",
  "circuitBreaker.magnetSellShare.label": "磁吸效应",
  "circuitBreaker.magnetSellShare.help": "价格接近熔断档位时，交易者抢在暂停交易前卖出，从而把价格拉向该档位。",
  "secondVenue.label": "第二家交易所",
  "secondVenue.help": "另一家交易同一币种的交易所，有自己的订单簿、保险基金和规则。套利者在两家之间传导价格变动。",
  "secondVenue.depthPerPct.label": "第二家交易所深度",
  "secondVenue.depthPerPct.help": "让第二家交易所的价格变动1%所需的卖出金额（美元）。",
  "secondVenue.insuranceFund.label": "第二家交易所保险基金",
  "secondVenue.insuranceFund.help": "第二家交易所的缓冲资金，在自动减仓之前吸收超出破产价格的亏损。",
  "secondVenue.markPrice.label": "第二家交易所强平依据",
  "secondVenue.markPrice.help": "第二家交易所按自己的最新成交价，还是按基于现货指数构建的标记价格来评估仓位。",
  "secondVenue.circuitBreaker.label": "第二家交易所也熔断",
  "secondVenue.circuitBreaker.help": "第二家交易所是否按相同的熔断规则暂停交易。关闭：第一家交易所暂停时，它照常交易。",
  "secondVenue.openInterest.label": "第二家交易所持仓量",
  "secondVenue.openInterest.help": "第二家交易所上未平仓位的美元总额。关闭：与第一家交易所相同。",
  "secondVenue.leverage.label": "第二家交易所杠杆",
  "secondVenue.leverage.help": "第二家交易所交易者的平均杠杆。关闭：与第一家交易所相同。",
  "secondVenue.rules.label": "第二家交易所强平规则",
  "secondVenue.rules.help": "沿用第一家交易所的规则，或Binance的规则（无法在破产价格卖出的部分由保险基金接手），或Hyperliquid的规则（先用市价单卖出，再自动减仓）。",
};

/** The charts' words, `{}` where a value goes: render()'s `options.words` is these
 * joined by newlines. */
export const CHART_WORDS = [
  "无缓解措施", // chart.noMitigation
  "熔断", // chart.circuitBreaker
  "分档保证金", // chart.marginTiers
  "熔断 + 分档", // chart.both
  "现货指数", // chart.spotIndex
  "标记价格", // chart.markPrice
  "第二家交易所", // chart.secondVenue
  "暂停交易", // chart.tradingHalted
  "没有可显示的内容", // chart.nothingToShow
  "起点", // chart.start
  "价格（起点 = 100）", // chart.priceIndexed
  "价格", // chart.price
  "冲击后的时间（{}）", // chart.afterTheShock
  "没有强平", // chart.noLiquidations
  "每{}被强平的金额（$）", // chart.liquidatedPer
  "时间 ×{}", // chart.timeFaster
  "多单被强平", // chart.longsLiquidated
  "多单仍持有", // chart.longsOpen
  "空单被强平", // chart.shortsLiquidated
  "空单仍持有", // chart.shortsOpen
  "此价格区间内没有强平价格", // chart.noLiquidationPrices
  "另有{}在此价格区间之外", // chart.moreOutside
  "强平价格（起点 = 100）", // chart.liquidationPriceIndexed
  "强平价格", // chart.liquidationPrice
  "各强平价格上的仓位规模（$）", // chart.notionalAxis
  "光标处的价格（{}）", // chart.priceAtCursor
  "最低价格（{}）", // chart.lowestReached
  "最高价格（{}）", // chart.highestReached
  "标记价格：强平看的是它", // chart.markLooksHere
  "秒", // chart.second
  "分钟", // chart.minute
  "小时", // chart.hour
  "天", // chart.day
  "秒", // chart.seconds
  "分钟", // chart.minutes
  "小时", // chart.hours
  "天", // chart.days
  "{}秒", // chart.secondSymbol
  "{}分钟", // chart.minuteSymbol
  "{}小时", // chart.hourSymbol
  "{}天", // chart.daySymbol
  "时间步", // chart.tick
  "不小于横轴数值的比例", // chart.shareAtLeast
  "4 万 亿 万亿", // chart.moneyUnits
];
