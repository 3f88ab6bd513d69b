// The published record of each historical preset, in Simplified Chinese: the words of
// shared/records-en.js (the numbers, keys and links' addresses stay there), by preset id, each
// list in the same order as there. `pathLabels` are the words of each point of `path`, which
// lab-zh.js's recordWords() reads when present.

export const RECORDS_ZH = {
  "oct-2025": {
    market: "各交易所的BTC永续合约，2025年10月10–11日",
    figures: [
      {
        label: "价格跌幅",
        asPublished: "分钟数据上约−11%，短暂低点约−14%",
        source: "各交易所的BTC分钟数据，收录于本项目的DOMAIN.md §7",
        links: ["Kaiko Research谈当天的流动性"],
      },
      {
        label: "被强平金额占持仓量的比例",
        asPublished: "24小时内约191–194亿美元被强平，而全市场总持仓量为2170–2300亿美元",
        source: "强平与持仓量数据聚合平台（CoinGlass等），收录于DOMAIN.md §9；这是下限，因为各交易所每个交易对每秒最多只报告一笔强平",
        links: ["CoinGlass的总计数据，由Yellow Research报道"],
      },
      {
        label: "被强平金额中多单的占比",
        asPublished: "85–90%为多单（Amberdata的数据集中为83.9%）",
        source: "强平数据聚合平台（DOMAIN.md §7）；Amberdata的数据集（DOMAIN.md §9）",
        links: ["Amberdata用七张图表讲述的经过"],
      },
      {
        label: "保险基金的变化",
        asPublished: "Binance的保险基金：12.3亿美元 → 10.4亿美元",
        source: "Binance公布的保险基金余额（DOMAIN.md §7）",
        links: ["保险基金的变化（Binance Square）"],
      },
      {
        label: "Hyperliquid（第二家交易所）上自动减仓的金额占其强平金额的比例",
        asPublished: "Hyperliquid的BTC永续合约：约12分钟内，ADL成交6.2亿美元，强平17.9亿美元（所有币种：ADL 21亿美元，强平55亿美元）",
        source: "第三方根据Hyperliquid公开成交数据所做的重建（DOMAIN.md §9）",
        links: ["对Hyperliquid ADL的重建（GitHub）"],
      },
    ],
    leftOut: "模型只有两家交易所和一个币种；当天的连环强平波及几十家交易所和数百个币种，其中许多币种下跌了60–80%，而且持仓量的下降大多是交易者主动平仓，模型里没有这一部分。第一家交易所代表整个市场，采用Binance的规则；第二家代表Hyperliquid，占持仓量的6%，采用Hyperliquid的规则，其交易者平均杠杆为12×，而第一家交易所的平均杠杆为3.7×，且分布很散。正是因为大部分持仓量的杠杆较低，被强平的比例才接近历史记录。空单的强平主要来自第二家交易所上被反弹套住的新空单。两个留作检验的数字都没有经过拟合。第二家交易所的ADL占比与Hyperliquid的接近；它的保险基金规模按Hyperliquid当天各项缓冲所覆盖的金额设定，它的杠杆则是手动设定的：如果是8×，自动减仓会少得多。它最终留下约130万美元的坏账（保险基金耗尽后越过破产价格的成交），而Hyperliquid报告为零。第一家交易所的保险基金亏损比Binance当天少，因为套利把一部分卖压传到了现货市场。",
    pathLabels: [],
    pathSource: "",
    pathLinks: [],
  },
  "may-2021": {
    market: "各交易所的BTC期货和永续合约，2021年5月19日",
    figures: [
      {
        label: "价格跌幅",
        asPublished: "盘中约−30%，跌至约3万美元",
        source: "当时报道的交易所价格数据（DOMAIN.md §7、§9）",
        links: ["Coinspeaker谈低点与反弹"],
      },
      {
        label: "被强平金额占持仓量的比例",
        asPublished: "24小时内约35.7亿美元的BTC期货被强平，而此前持仓量约为174亿美元（随后下降25.9%，至129亿美元）；这是下限，因为Binance当时只公布了部分强平数据",
        source: "Bybt（现为CoinGlass）的BTC强平与持仓量数据，由Crypto News Australia于当天报道",
        links: ["Crypto News Australia谈BTC持仓量与强平"],
      },
      {
        label: "从暴跌开始到低点的分钟数",
        asPublished: "约30分钟内从约3.8万美元跌到3万美元以下",
        source: "C. O. Alexander对Binance当天BTCUSDT永续合约的分析",
        links: ["C. O. Alexander谈Binance的保险基金与5月19日"],
      },
      {
        label: "被强平金额",
        asPublished: "24小时内所有币种合计超过80亿美元（约86亿美元），涉及超过80万名交易者",
        source: "当时报道的Bybt（现为CoinGlass）强平总额（DOMAIN.md §7）",
        links: ["NewsBreak一篇引用Bybt总额的报道"],
      },
      {
        label: "反弹",
        asPublished: "触底后几小时内回升约1万美元",
        source: "当时报道的交易所价格数据（DOMAIN.md §7、§9）",
        links: ["Coinspeaker谈低点与反弹"],
      },
    ],
    leftOut: "模型只有一家交易所，也没有回头买入的买家（除非你在“下跌之后”一栏中打开他们），所以不会出现反弹。模型的连环强平约一分半钟就到达低点，而当天的暴跌用了半小时：模型每秒都在无延迟地成交，而当天各交易所都变慢了，Binance的期货还暂停交易了一段时间。记录中的持仓量占比是下限，因为Binance当时只公布了部分强平数据；模型中大部分持仓量是低杠杆的多单，因此约四分之一的持仓量被强平，接近记录中的占比。",
    pathLabels: [],
    pathSource: "",
    pathLinks: [],
  },
  "mar-2020": {
    market: "BitMEX的XBTUSD永续合约，2020年3月12–13日",
    figures: [
      {
        label: "价格跌幅",
        asPublished: "分两段下跌，从7,353美元跌到低点3,596美元",
        source: "LedgerPrime和CryptoSlate报道的BitMEX XBTUSD价格（DOMAIN.md §7）",
        links: ["LedgerPrime Research谈“黑色星期四”", "CryptoSlate谈XBTUSD跌破现货价格"],
      },
      {
        label: "被强平金额占持仓量的比例",
        asPublished: "第一段下跌中，BitMEX上超过7亿美元被强平，而持仓量约为12亿美元（之后降至5.93亿美元）",
        source: "当时报道的BitMEX强平与持仓量数据（DOMAIN.md §7；本项目第17号议题）",
        links: ["LedgerPrime Research谈“黑色星期四”", "前后的持仓量（CryptoIQ）"],
      },
      {
        label: "BitMEX永续合约价格低于现货的最大幅度",
        asPublished: "其低点3,596美元比同一时刻的现货价格低约400美元",
        source: "LedgerPrime，以及CryptoSlate当时的报道（DOMAIN.md §9）",
        links: ["LedgerPrime Research谈“黑色星期四”", "CryptoSlate谈XBTUSD跌破现货价格"],
      },
      {
        label: "自动减仓金额占被强平金额的比例",
        asPublished: "未报告任何自动减仓",
        source: "BitMEX自己对当天的说明（DOMAIN.md；mar-2020预设）",
        links: [],
      },
    ],
    leftOut: "模型把两段下跌画成一段：第一段是一次跳空，连环强平紧随其后，而当天的第二段下跌是在13小时后才到来的。第二家交易所代表其他所有交易所，采用Binance的规则；现货市场没有自己的卖家，所以它只会跌到套利者把永续合约的卖压传过去的程度，即35–40%，而当天现货的跌幅几乎和BitMEX一样大。这就是为什么模型中BitMEX永续合约低于现货的幅度约为当天的两倍。市场其余部分的数字（其保险基金耗尽并触发自动减仓）不与任何记录对照。",
    pathLabels: [],
    pathSource: "",
    pathLinks: [],
  },
  "may-2010": {
    market: "CME的E-mini S&P 500期货，2010年5月6日",
    figures: [
      {
        label: "价格跌幅",
        asPublished: "超过5%；一个卖出计划于下午2:32开始，之后大部分跌幅发生在截至2:45:27（美国东部时间）的四分半钟内",
        source: "CFTC与SEC工作人员关于当天事件的联合报告（2010年9月30日），收录于DOMAIN.md §7",
        links: ["CFTC与SEC工作人员的报告（PDF）", "报告摘要（Lexology）"],
      },
      {
        label: "从卖出计划开始到低点的分钟数",
        asPublished: "卖出计划于下午2:32开始，E-mini的低点出现在2:45:27，就在暂停之前",
        source: "CFTC与SEC工作人员的联合报告（DOMAIN.md §7）",
        links: ["CFTC与SEC工作人员的报告（PDF）"],
      },
      {
        label: "卖出计划",
        asPublished: "75,000手E-mini合约，约41亿美元，由一个算法按最多占成交量9%的速度，在约20分钟内卖出",
        source: "CFTC与SEC工作人员的联合报告（DOMAIN.md §7）",
        links: ["CFTC与SEC工作人员的报告（PDF）", "报告摘要（Lexology）"],
      },
      {
        label: "暂停",
        asPublished: "下午2:45:28，CME的Stop Logic让E-mini的撮合暂停了五秒；卖压减轻，买家回来，交易恢复后价格企稳并开始回升",
        source: "CFTC与SEC工作人员的联合报告（DOMAIN.md §6、§7）；CME称这次暂停是为了给买卖报价留出挂出的时间",
        links: ["CFTC与SEC工作人员的报告（PDF）", "Stop Logic的定义（USLegal）"],
      },
      {
        label: "后续",
        asPublished: "Dow指数盘中下跌约9%，并在约20分钟内收复了大部分跌幅",
        source: "DOMAIN.md §7",
        links: ["CFTC与SEC工作人员的报告（PDF）"],
      },
    ],
    leftOut: "模型中的被迫卖家是带有强平价格的杠杆仓位：它们的杠杆（平均30×）代表触发价离市价有多近（约3%），而不是交易所的保证金；模型中20亿美元的持仓量代表触发价靠近市价的那些仓位，而不是E-mini的全部持仓量。当天，被迫卖出的是止损单、停止买入的中间商，以及来回倒手同一批合约的高频交易者，这些模型里都没有，卖压蔓延到的股票和ETF模型里也没有。模型的卖出计划以恒定速度卖出，而当天的卖出计划按成交量的一定比例卖出，所以模型中的暴跌在卖出计划开始后一分钟内就开始了，而不是九分钟后；暂停之后，卖出计划的剩余部分又把价格压低了一些，而当天的价格是回升的。模型把Stop Logic设定为：价格在一秒内下跌1%时暂停五秒，只触发一次；CME的规则是在止损单将以超出约0.5%区间的价格成交时暂停，而如果按每秒0.5%来设定，模型的暂停会在下跌2.4–4.2%时到来，早于暴跌的底部，而当天的暂停恰好发生在底部。做市商在暂停后几秒内重新挂出买单这条规则（暂停期间半衰期为一秒）是本模型自己的设定，依据的是CME所说的暂停目的，并非实测。没有暂停时的跌幅是模型的反事实推演，不是历史。",
    pathLabels: [],
    pathSource: "",
    pathLinks: [],
  },
  "jan-2016": {
    market: "中国的CSI 300指数，2016年1月7日",
    figures: [
      {
        label: "价格跌幅",
        asPublished: "约7%，第二档阈值在此触发，当天休市",
        source: "中国证券监督管理委员会当时的规则，收录于DOMAIN.md §6；以及当时报道的指数收盘点位",
        links: ["新华社关于1月7日的报道（China.org.cn）"],
      },
      {
        label: "从开盘到低点的分钟数",
        asPublished: "低点就是7%处的休市，约在9:59，即9:30开盘后29分钟，其中包括15分钟的暂停交易",
        source: "新华社报道的交易所公告（DOMAIN.md §6）",
        links: ["新华社关于1月7日的报道（China.org.cn）"],
      },
      {
        label: "速度有多快",
        asPublished: "开盘约12分钟后触发5%阈值；恢复交易约2分钟后触发7%阈值，因此市场总共只交易了不到半小时",
        source: "当时报道的交易所公告（DOMAIN.md §6：有一个交易时段只持续了约29分钟）",
        links: ["新华社关于1月7日的报道（China.org.cn）", "Reuters关于这套规则的报道，2015年12月4日"],
      },
      {
        label: "后续",
        asPublished: "熔断阈值在1月4日和7日两次触发，并于1月8日暂停实施，距启用仅四个交易日",
        source: "DOMAIN.md §6（教科书式的磁吸效应）",
        links: ["1月8日暂停实施熔断（China.org.cn）"],
      },
    ],
    leftOut: "模型没有“交易日”的概念：它在7%处的休市持续20分钟，然后市场重新开放，而当天的市场一直关闭到收盘，所以模型中的跌幅取的是它运行的整整一小时中的最低点。模型的卖出计划代表当天的抛售潮，而受磁吸效应驱动的卖家是模型的一条规则（在距阈值2个百分点以内时卖出增加，经过拟合以呈现文献描述的效应），并非当天实测。模型触发阈值比当天更快：模型中约在开始后7分钟，当天约为12分钟。",
    pathLabels: [
      "9:42，−5.4%：第一档阈值触发，暂停交易15分钟",
      "约9:59，−7.2%：第二档阈值触发，当天休市",
    ],
    pathSource: "CSI 300相对前一日收盘价（即模型中的100）的走势，时间点采用新华社报道的时间（9:30开盘12分钟后的9:42暂停交易，位于−5.38%；9:57恢复交易两分钟后休市，收于3,284.74点，即−7.21%）；未找到开盘价",
    pathLinks: ["新华社关于1月7日的报道（China.org.cn）", "−5.38%处的暂停交易（Mpelembe）"],
  },
};
