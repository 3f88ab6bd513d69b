//! The words the charts draw: English unless the caller gives its own catalogue.
//!
//! Every label, title and note a chart draws is a [`Word`]. Its key (`chart.…`) is how the
//! string catalogues name it: tests/spec.rs writes each language's entries out to
//! `www/shared/words-<lang>.js`, and the page passes the list for the reader's language to
//! `render` as `options.words`, one a line in the order of [`Word::ALL`]. A word with `{}` is a template:
//! [`Words::fill`] puts a value there.
//!
//! Only the English texts are linked into the page's WebAssembly; the other languages' lists
//! are read natively, by the test that writes the catalogues.

/// Declares the words once: each variant with its catalogue key, its English text and its
/// Simplified Chinese text.
macro_rules! chart_words {
    ($($(#[$doc:meta])* $name:ident $key:literal $en:literal $zh:literal,)*) => {
        /// One word (or template) a chart draws.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Word {
            $($(#[$doc])* $name,)*
        }

        impl Word {
            /// Every word, in the order of the lines of `options.words`.
            pub const ALL: &'static [Word] = &[$(Word::$name,)*];

            /// The catalogue key, e.g. `chart.spotIndex`.
            pub fn key(self) -> &'static str {
                match self {
                    $(Word::$name => $key,)*
                }
            }

            /// The English text.
            pub fn english(self) -> &'static str {
                match self {
                    $(Word::$name => $en,)*
                }
            }

            /// The Simplified Chinese text.
            pub fn chinese(self) -> &'static str {
                match self {
                    $(Word::$name => $zh,)*
                }
            }
        }
    };
}

chart_words! {
    /// The scenario without mitigation, in legends and on the map.
    NoMitigation "chart.noMitigation" "no mitigation" "无缓解措施",
    /// The scenario with the circuit breaker.
    CircuitBreaker "chart.circuitBreaker" "circuit breaker" "熔断",
    /// The scenario with margin tiers.
    MarginTiers "chart.marginTiers" "margin tiers" "分档保证金",
    /// The scenario with both.
    Both "chart.both" "breaker + tiers" "熔断 + 分档",
    /// The legend entry of the spot index line.
    SpotIndex "chart.spotIndex" "spot index" "现货指数",
    /// The legend entry of the mark price line.
    MarkPrice "chart.markPrice" "mark price" "标记价格",
    /// The legend entry of the second venue's price.
    SecondVenue "chart.secondVenue" "second venue" "第二家交易所",
    /// The legend entry of the shaded halts.
    TradingHalted "chart.tradingHalted" "trading halted" "暂停交易",
    /// An empty chart.
    NothingToShow "chart.nothingToShow" "nothing to show" "没有可显示的内容",
    /// The start price's line.
    Start "chart.start" "start" "起点",
    /// The price axis when prices are an index (start = 100).
    PriceIndexed "chart.priceIndexed" "price (start = 100)" "价格（起点 = 100）",
    /// The price axis in the run's own units.
    Price "chart.price" "price" "价格",
    /// The time axis; `{}` is a unit's plural ([`Word::Seconds`] …).
    AfterTheShock "chart.afterTheShock" "{} after the shock" "冲击后的时间（{}）",
    /// The liquidation bars when there are none.
    NoLiquidations "chart.noLiquidations" "no liquidations" "没有强平",
    /// The liquidation bars' caption; `{}` is a span ("second", "5 s").
    LiquidatedPer "chart.liquidatedPer" "liquidated per {}, $" "每{}被强平的金额（$）",
    /// A squeezed stretch of the time axis; `{}` is how many times faster time runs there.
    TimeFaster "chart.timeFaster" "time ×{}" "时间 ×{}",
    /// The map's legend: long positions liquidated.
    LongsLiquidated "chart.longsLiquidated" "longs liquidated" "多单被强平",
    /// Long positions still open.
    LongsOpen "chart.longsOpen" "longs still open" "多单仍持有",
    /// Short positions liquidated.
    ShortsLiquidated "chart.shortsLiquidated" "shorts liquidated" "空单被强平",
    /// Short positions still open.
    ShortsOpen "chart.shortsOpen" "shorts still open" "空单仍持有",
    /// A map with no liquidation price on its axis.
    NoLiquidationPrices "chart.noLiquidationPrices" "no liquidation prices in this range" "此价格区间内没有强平价格",
    /// Notional the map cannot show; `{}` is the amount.
    MoreOutside "chart.moreOutside" "{} more outside this price range" "另有{}在此价格区间之外",
    /// The map's price axis when prices are an index.
    LiquidationPriceIndexed "chart.liquidationPriceIndexed" "liquidation price (start = 100)" "强平价格（起点 = 100）",
    /// The map's price axis in the run's own units.
    LiquidationPrice "chart.liquidationPrice" "liquidation price" "强平价格",
    /// The map's notional axis.
    NotionalAxis "chart.notionalAxis" "notional at each liquidation price, $" "各强平价格上的仓位规模（$）",
    /// The map's line at the cursor's price; `{}` is the scenario.
    PriceAtCursor "chart.priceAtCursor" "price at the cursor ({})" "光标处的价格（{}）",
    /// The map's line at the lowest price; `{}` is the scenario.
    LowestReached "chart.lowestReached" "lowest price reached ({})" "最低价格（{}）",
    /// The map's line at the highest price; `{}` is the scenario.
    HighestReached "chart.highestReached" "highest price reached ({})" "最高价格（{}）",
    /// The map's mark price line.
    MarkLooksHere "chart.markLooksHere" "mark price: liquidations look here" "标记价格：强平看的是它",
    /// One second, after "per".
    Second "chart.second" "second" "秒",
    /// One minute, after "per".
    Minute "chart.minute" "minute" "分钟",
    /// One hour, after "per".
    Hour "chart.hour" "hour" "小时",
    /// One day, after "per".
    Day "chart.day" "day" "天",
    /// Seconds, in the time axis's title.
    Seconds "chart.seconds" "seconds" "秒",
    /// Minutes, in the time axis's title.
    Minutes "chart.minutes" "minutes" "分钟",
    /// Hours, in the time axis's title.
    Hours "chart.hours" "hours" "小时",
    /// Days, in the time axis's title.
    Days "chart.days" "days" "天",
    /// A number of seconds, in `{}`.
    SecondSymbol "chart.secondSymbol" "{} s" "{}秒",
    /// A number of minutes.
    MinuteSymbol "chart.minuteSymbol" "{} min" "{}分钟",
    /// A number of hours.
    HourSymbol "chart.hourSymbol" "{} h" "{}小时",
    /// A number of days.
    DaySymbol "chart.daySymbol" "{} d" "{}天",
    /// A span of time that is not a number of seconds, after "per".
    Tick "chart.tick" "tick" "时间步",
    /// The survival chart's vertical axis.
    ShareAtLeast "chart.shareAtLeast" "share of values ≥ x" "不小于横轴数值的比例",
    /// Money's abbreviations: each a power of ten and the suffix for it, largest last.
    MoneyUnits "chart.moneyUnits" "3 K M B T" "4 万 亿 万亿",
}

/// The words one chart draws with: English by default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Words {
    /// The caller's texts, one a line in the order of [`Word::ALL`], or `None` for English.
    /// (One string rather than a list: it crosses from JavaScript, and is read, with less code.)
    lines: Option<String>,
}

impl Words {
    /// A catalogue from texts in the order of [`Word::ALL`], one a line; `Err` gives the number
    /// of lines it needs.
    pub fn new(lines: String) -> Result<Words, usize> {
        if lines.bytes().filter(|&b| b == b'\n').count() + 1 == Word::ALL.len() {
            Ok(Words { lines: Some(lines) })
        } else {
            Err(Word::ALL.len())
        }
    }

    /// The text of `word`.
    pub fn get(&self, word: Word) -> &str {
        match &self.lines {
            Some(lines) => piece(lines, b'\n', word as usize),
            None => word.english(),
        }
    }

    /// The template `word` with `value` in place of its `{}`.
    pub fn fill(&self, word: Word, value: &str) -> String {
        let text = self.get(word);
        // A byte search, not `str::replacen`, whose general searcher costs the wasm kilobytes.
        match text.as_bytes().windows(2).position(|pair| pair == b"{}") {
            Some(at) => {
                let mut out = String::with_capacity(text.len() + value.len());
                out.push_str(text.get(..at).unwrap_or_default());
                out.push_str(value);
                out.push_str(text.get(at + 2..).unwrap_or_default());
                out
            }
            None => text.to_string(),
        }
    }

    /// Money's units for [`super::format::money`]: (size, suffix), from 1 (no suffix) up.
    /// [`Word::MoneyUnits`] is a digit, the step between units as a power of ten, then each
    /// unit's suffix after a single space: "3 K M B T" is K = 10³, M = 10⁶, B = 10⁹, T = 10¹².
    /// Text that does not start with a digit from 1 to 9 gives no units; the units end at the
    /// first empty suffix.
    pub fn money_units(&self) -> Vec<(f64, &str)> {
        let text = self.get(Word::MoneyUnits);
        let mut units = vec![(1.0, "")];
        let step = match text.as_bytes().first() {
            Some(&d @ b'1'..=b'9') => i32::from(d - b'0'),
            _ => return units,
        };
        for n in 1.. {
            let suffix = piece(text, b' ', n);
            if suffix.is_empty() {
                return units;
            }
            units.push((10f64.powi(step * n as i32), suffix));
        }
        units
    }
}

/// The `n`th piece of `text` between `separator` bytes (an ASCII byte), or "" past the last.
/// (A byte loop: `str::split` would cost the wasm its general searcher. And `get`, not
/// indexing: a slice that cannot panic keeps core's panic message for strings, with its
/// Unicode tables, out of the wasm.)
fn piece(text: &str, separator: u8, n: usize) -> &str {
    let mut start = 0;
    let mut index = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == separator {
            if index == n {
                return text.get(start..i).unwrap_or_default();
            }
            index += 1;
            start = i + 1;
        }
    }
    if index == n {
        text.get(start..).unwrap_or_default()
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chinese() -> Words {
        Words::new(Word::ALL.iter().map(|w| w.chinese()).collect::<Vec<_>>().join("\n")).unwrap()
    }

    /// English with `units` in place of [`Word::MoneyUnits`].
    fn with_money_units(units: &str) -> Words {
        let mut texts: Vec<&str> = Word::ALL.iter().map(|w| w.english()).collect();
        texts[Word::MoneyUnits as usize] = units;
        Words::new(texts.join("\n")).unwrap()
    }

    #[test]
    fn templates_keep_their_slot_in_every_language() {
        for &word in Word::ALL {
            let slots = word.english().matches("{}").count();
            assert!(slots <= 1, "{word:?}");
            assert_eq!(word.chinese().matches("{}").count(), slots, "{word:?}");
            assert!(!word.english().contains('\n') && !word.chinese().contains('\n'), "{word:?}");
        }
    }

    #[test]
    fn keys_are_unique_and_name_the_chart() {
        let mut keys: Vec<_> = Word::ALL.iter().map(|w| w.key()).collect();
        assert!(keys.iter().all(|k| k.starts_with("chart.")));
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Word::ALL.len());
    }

    #[test]
    fn a_catalogue_replaces_every_word() {
        let words = chinese();
        for &word in Word::ALL {
            assert_eq!(words.get(word), word.chinese());
            assert_eq!(Words::default().get(word), word.english());
        }
        assert_eq!(words.fill(Word::TimeFaster, "24"), "时间 ×24");
        assert_eq!(
            Words::default().fill(Word::MoreOutside, "$5M"),
            "$5M more outside this price range"
        );
        assert_eq!(Words::default().fill(Word::Start, "x"), "start");
        assert_eq!(Words::new("x".into()), Err(Word::ALL.len()));
        assert_eq!(Words::new("\n".repeat(Word::ALL.len())), Err(Word::ALL.len()));
    }

    #[test]
    fn pieces_are_split_at_their_separator() {
        assert_eq!(piece("a\nbc\n", b'\n', 0), "a");
        assert_eq!(piece("a\nbc\n", b'\n', 1), "bc");
        assert_eq!(piece("a\nbc\n", b'\n', 2), "");
        assert_eq!(piece("a\nbc\n", b'\n', 3), "");
        assert_eq!(piece("万 亿", b' ', 1), "亿");
    }

    #[test]
    fn money_units_read_their_word() {
        let english = [(1.0, ""), (1e3, "K"), (1e6, "M"), (1e9, "B"), (1e12, "T")];
        assert_eq!(Words::default().money_units(), english);
        assert_eq!(chinese().money_units(), [(1.0, ""), (1e4, "万"), (1e8, "亿"), (1e12, "万亿")]);
        assert_eq!(with_money_units("6 M T").money_units(), [(1.0, ""), (1e6, "M"), (1e12, "T")]);
        assert_eq!(with_money_units("3 K  B").money_units(), [(1.0, ""), (1e3, "K")]);
        assert_eq!(with_money_units("x K").money_units(), [(1.0, "")]);
        assert_eq!(with_money_units("").money_units(), [(1.0, "")]);
    }
}
