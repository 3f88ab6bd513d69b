//! Every parameter, declared once.
//!
//! [`PARAMS`] has one row per field of [`Params`], nested ones included: its camelCase path, its
//! kind and allowed range, its unit, what changing it invalidates, how to read it as a number,
//! how to copy it into a cache key and where a reader puts its value. The one macro invocation
//! below declares them all, and from the same rows come:
//! - the params reader, the one `Deserialize` of [`Params`] (fill.rs), which looks up
//!   every key in the table and puts its value in the row's place, so a new row is read at once;
//! - the range checks of [`Params::validate`], whose errors name the row's path, its range and
//!   the value;
//! - the population cache's keys ([`key`]), from the rows that invalidate the draws or the
//!   population, so a new field cannot be left out of them.
//!
//! And from [`PARAMS`], natively:
//! - `tests/spec.rs` writes the page's copy, `www/shared/params.js` (with the English words of
//!   [`super::words`] and the defaults of `Params::default()`), and the parameter table of
//!   docs/MODEL.md, and fails when either differs from what the table gives;
//! - the same tests hold the table to the struct: the same fields, every range enforced, every
//!   cache mark true.
//!
//! The defaults are those of `impl Default for Params` (read through the rows, see
//! [`Param::default_number`]); the label and plain-language line of each row are the English
//! entries of the string catalogue, under `<path>.label` and `<path>.help`.

use super::fill::Slot;
use super::params::{
    show, CircuitBreaker, MarginTiers, Params, MAX_LEVERAGE, MAX_SEED, MAX_TICKS, MAX_TRADERS,
    MAX_USD, MIN_PRICE,
};

/// What a parameter's value is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A finite number in the row's range.
    Number,
    /// A whole number in the row's range.
    Whole,
    /// `true` or `false`.
    Bool,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// A number in the row's range, or `null` for none (no limit).
    NumberOrNull,
    /// An object that may be `null`; its fields are rows of their own under its path.
    NullableObject,
    /// A list whose length lies in the row's range. Items that are objects have a row per field
    /// (`positions[].leverage`); items that are numbers have one row (`circuitBreaker.levelsPct[]`).
    /// `null` is allowed where the default is `null`.
    List,
    /// One of these names, `null` (the first name), or a list of rows whose length lies in the
    /// row's range.
    NamesOrList(&'static [&'static str]),
}

/// An allowed range: `min ..= max`, or `min < x <= max` when `min_excluded`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// The lowest value (excluded when `min_excluded`).
    pub min: f64,
    /// The highest value, included.
    pub max: f64,
    /// Whether `min` itself is refused (a size or a level must be above zero).
    pub min_excluded: bool,
}

/// What changing a parameter makes stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Invalidates {
    /// The random draws, and so everything built from them.
    Draws,
    /// The draws' sizes: the random numbers stay, and the sizes they stand for are worked out
    /// again (a pass over the draws, far cheaper than drawing them), then the population.
    Sizes,
    /// The population built from the draws (who holds what, at which margin).
    Population,
    /// Only the run: the same population is reused.
    Run,
}

impl Invalidates {
    /// The word the page's copy and the docs use: `draws`, `sizes`, `population` or `run`.
    pub fn name(self) -> &'static str {
        match self {
            Invalidates::Draws => "draws",
            Invalidates::Sizes => "sizes",
            Invalidates::Population => "population",
            Invalidates::Run => "run",
        }
    }
}

/// One parameter: a row of [`PARAMS`].
#[derive(Debug)]
pub struct Param {
    /// camelCase path as in JSON; `[]` stands for every item of a list (`positions[].entry`).
    pub path: &'static str,
    /// What its value is.
    pub kind: Kind,
    /// The allowed range of a number (of each item, for lists of numbers; of the length, for
    /// lists); `None` for the other kinds.
    pub range: Option<Range>,
    /// Its unit, in words a student reads ("USD", "%", "ticks"); empty when it has none.
    pub unit: &'static str,
    /// What changing it makes stale.
    pub invalidates: Invalidates,
    /// Whether the cache keys copy it themselves (a list's items are copied with the list, and
    /// a field that changes only the run is not copied).
    pub copied: bool,
}

impl Param {
    /// Its value in `params` as a number: for a list's items, item `i`; for a list, its length
    /// (at `i = 0`); otherwise the value at `i = 0`. `None` past the end, where its object or list
    /// is `null`, and for kinds that are not numbers.
    pub fn number(&self, params: &Params, i: usize) -> Option<f64> {
        read(self.path, params, i)
    }

    /// Its default as a number, for number rows whose default is not `null`.
    pub fn default_number(&self) -> Option<f64> {
        self.number(&Params::default(), 0)
    }

    /// The error message for a value `x` this row refuses: "must be between 1 and 125, got 500".
    pub fn must(&self, x: f64) -> String {
        match self.range {
            Some(r) => must(self.kind, r, x),
            None => format!("is not allowed, got {}", show(x)),
        }
    }
}

/// "must be between 1 and 125, got 500", for a value `x` of a `kind` outside `r`.
fn must(kind: Kind, r: Range, x: f64) -> String {
    let (lo, hi) = (show(r.min), show(r.max));
    match kind {
        Kind::List | Kind::NamesOrList(_) => {
            format!("must list between {lo} and {hi} items, got {}", show(x))
        }
        Kind::Whole => {
            format!("must be a whole number between {lo} and {hi}, got {}", show(x))
        }
        _ if r.min_excluded => format!("must be above {lo} and at most {hi}, got {}", show(x)),
        _ => format!("must be between {lo} and {hi}, got {}", show(x)),
    }
}

/// Checks item `i` (or the value, when `path` has no `[]`) of a row: one call per row, so the
/// range checks stay small in the wasm.
#[inline(never)]
fn check(
    path: &'static str,
    kind: &'static Kind,
    r: &'static Range,
    i: usize,
    x: f64,
) -> Result<(), super::ParamsError> {
    if r.contains(x) {
        Ok(())
    } else {
        Err(refuse(path, kind, *r, i, x))
    }
}

/// The error for item `i` (or the value, when `path` has no `[]`) of a row that refused `x`.
#[inline(never)]
fn refuse(path: &str, kind: &Kind, r: Range, i: usize, x: f64) -> super::ParamsError {
    // Found byte by byte: a str pattern search is a large routine in the wasm.
    let at = match path.as_bytes().windows(2).position(|w| w == b"[]") {
        Some(k) => {
            let (list, rest) = (path.get(..k), path.get(k + 2..));
            format!("{}[{i}]{}", list.unwrap_or_default(), rest.unwrap_or_default())
        }
        None => path.to_owned(),
    };
    super::ParamsError::range(&at, must(*kind, r, x))
}

impl Range {
    /// Every value from `min` to `max`, both included.
    pub const fn closed(min: f64, max: f64) -> Option<Range> {
        Some(Range { min, max, min_excluded: false })
    }

    /// Every value above `min`, up to `max` included.
    pub const fn above(min: f64, max: f64) -> Option<Range> {
        Some(Range { min, max, min_excluded: true })
    }

    /// Whether `x` is finite and allowed.
    pub fn contains(&self, x: f64) -> bool {
        x.is_finite()
            && (if self.min_excluded { x > self.min } else { x >= self.min })
            && x <= self.max
    }
}

/// The table. Each row: path, kind, range, unit, what it invalidates; how to read it as a number,
/// `read |p| …` for one value or `each |p, i| …` for item `i` of a list (see [`Param::number`]);
/// for a field the cache keys copy, `copy` and its place in `Params`; and `set |p, i| …`, where
/// the reader puts its value (item `i` of a list). From the rows it writes [`PARAMS`], the
/// numbers the range checks read, the key builder and the reader's places.
macro_rules! params {
    ($(
        $path:literal, $kind:expr, $range:expr, $unit:literal, $inv:ident,
        $how:ident |$($arg:ident),+| $read:expr $(, copy $($field:ident).+)?,
        set |$sp:ident, $si:ident| $set:expr ;
    )*) => {
        /// Every parameter, in the order the page writes them in a link and the docs list them.
        pub static PARAMS: &[Param] = &[$(
            Param {
                path: $path,
                kind: $kind,
                range: $range,
                unit: $unit,
                invalidates: Invalidates::$inv,
                copied: any!($($($field).+)?),
            },
        )*];

        /// Each row's value as a number ([`Param::number`]), a function per row in table order.
        static READS: &[fn(&Params, usize) -> Option<f64>] = &[$({
            fn read(params: &Params, item: usize) -> Option<f64> {
                read_row!($how |$($arg),+| $read; params, item)
            }
            read
        },)*];

        /// The params with every field that invalidates `up_to` or more (draws: only the
        /// draws' fields; sizes: those and the sizes'; population: those and the
        /// population's) copied from `params`, and every other at its default. Two params with
        /// the same key share their draws (their sized draws, their population).
        pub fn key(params: &Params, up_to: Invalidates) -> Params {
            let mut key = Params::default();
            $($(
                if Invalidates::$inv <= up_to {
                    key.$($field).+ = params.$($field).+.clone();
                }
            )?)*
            key
        }

        /// `params` with the fields of the rows that invalidate `level` itself (no more, no
        /// less) copied from `from`: two keys that are equal once one has the other's fields of
        /// a level differ in that level's fields alone.
        pub fn with_level(params: &Params, from: &Params, level: Invalidates) -> Params {
            let mut out = params.clone();
            $($(
                if Invalidates::$inv == level {
                    out.$($field).+ = from.$($field).+.clone();
                }
            )?)*
            out
        }

        /// Where the reader (fill.rs) puts the value of row `row` (an index into
        /// [`PARAMS`]) in `params`: for a list's items, in item `item`, which must exist. `None`
        /// where there is no such place (a breaker field while the breaker is null) and for the
        /// items of a list of numbers, which the list's own place takes whole.
        pub(crate) fn slot(row: usize, params: &mut Params, item: usize) -> Option<Slot<'_>> {
            // A function per row in an array: a lookup by index, not a chain of comparisons.
            type Place = for<'a> fn(&'a mut Params, usize) -> Option<Slot<'a>>;
            static PLACES: &[Place] = &[$({
                #[allow(unused_variables)]
                fn place($sp: &mut Params, $si: usize) -> Option<Slot<'_>> {
                    $set
                }
                place
            },)*];
            PLACES.get(row)?(params, item)
        }

    };
}

/// Checks every numeric parameter of `params` against its row's range, in table order: a value,
/// or each item of a list.
pub(crate) fn check_ranges(params: &Params) -> Result<(), super::ParamsError> {
    for (p, read) in PARAMS.iter().zip(READS) {
        let Some(r) = &p.range else { continue };
        let list = p.path.as_bytes().windows(2).any(|w| w == b"[]");
        let mut i = 0;
        while let Some(x) = read(params, i) {
            check(p.path, &p.kind, r, i, x)?;
            if !list {
                break;
            }
            i += 1;
        }
    }
    Ok(())
}

/// Row `path`'s value in `params` as a number (see [`Param::number`]).
fn read(path: &str, params: &Params, item: usize) -> Option<f64> {
    let row = PARAMS.iter().position(|p| p.path == path)?;
    READS.get(row)?(params, item)
}

/// The range of a whole-number field, for the reader's errors ([`complete`]).
fn whole_range(path: &str) -> Option<Range> {
    PARAMS.iter().find(|p| p.kind == Kind::Whole && p.path == path)?.range
}

/// One row's value as a number, as [`Param::number`] reads it.
macro_rules! read_row {
    (read |$p:ident| $read:expr; $params:ident, $item:ident) => {{
        let read = |$p: &Params| -> Option<f64> { $read };
        read($params).filter(|_| $item == 0)
    }};
    (each |$p:ident, $i:ident| $read:expr; $params:ident, $item:ident) => {{
        let read = |$p: &Params, $i: usize| -> Option<f64> { $read };
        read($params, $item)
    }};
}

/// `true` when given any tokens: whether a row has a `copy` clause.
macro_rules! any {
    () => {
        false
    };
    ($($t:tt)+) => {
        true
    };
}

/// The circuit breaker's fields read `None` while `circuitBreaker` is null.
fn breaker(p: &Params) -> Option<&CircuitBreaker> {
    p.circuit_breaker.as_ref()
}

/// The custom rows of the margin tier table, empty for the named tables.
fn tier_rows(p: &Params) -> &[super::TierSpec] {
    match &p.margin_tiers {
        MarginTiers::Custom(rows) => rows,
        _ => &[],
    }
}

/// Item `i` of the explicit positions, for the reader to fill.
fn position(p: &mut Params, i: usize) -> Option<&mut super::PositionSpec> {
    p.positions.as_mut()?.get_mut(i)
}

/// Row `i` of a custom tier table, for the reader to fill.
fn tier(p: &mut Params, i: usize) -> Option<&mut super::TierSpec> {
    match &mut p.margin_tiers {
        MarginTiers::Custom(rows) => rows.get_mut(i),
        _ => None,
    }
}

/// The most tiers a custom table may have.
const MAX_TIERS: f64 = 50.0;
/// The most halt levels a breaker may have.
const MAX_LEVELS: f64 = 10.0;
const USD: f64 = MAX_USD;
const TRADERS: f64 = MAX_TRADERS as f64;
const TICKS: f64 = MAX_TICKS as f64;

use Kind::*;

params! {
    "startPrice", Number, Range::closed(MIN_PRICE, 1e9), "quote units", Population,
        read |p| Some(p.start_price), copy start_price,
        set |p, _i| Some(Slot::Number(&mut p.start_price));
    "traders", Whole, Range::closed(1.0, TRADERS), "positions", Draws,
        read |p| Some(f64::from(p.traders)), copy traders,
        set |p, _i| Some(Slot::Whole(&mut p.traders));
    "seed", Whole, Range::closed(0.0, MAX_SEED as f64), "", Draws,
        read |p| Some(p.seed as f64), copy seed,
        set |p, _i| Some(Slot::Seed(&mut p.seed));
    "positions", List, Range::closed(1.0, TRADERS), "positions", Population,
        read |p| Some(p.positions.as_ref()?.len() as f64), copy positions,
        set |p, _i| Some(Slot::Positions(&mut p.positions));
    "positions[].side", Enum(&["long", "short"]), None, "", Population,
        read |_p| None,
        set |p, i| Some(Slot::Choice(&mut position(p, i)?.side));
    "positions[].notional", Number, Range::above(0.0, USD), "USD", Population,
        each |p, i| Some(p.positions.as_ref()?.get(i)?.notional),
        set |p, i| Some(Slot::Number(&mut position(p, i)?.notional));
    "positions[].leverage", Number, Range::closed(1.0, MAX_LEVERAGE), "×", Population,
        each |p, i| Some(p.positions.as_ref()?.get(i)?.leverage),
        set |p, i| Some(Slot::Number(&mut position(p, i)?.leverage));
    "positions[].entry", Number, Range::closed(MIN_PRICE, 1e9), "quote units", Population,
        each |p, i| Some(p.positions.as_ref()?.get(i)?.entry),
        set |p, i| Some(Slot::Number(&mut position(p, i)?.entry));
    "openInterest", Number, Range::closed(1e3, USD), "USD", Sizes,
        read |p| Some(p.open_interest), copy open_interest,
        set |p, _i| Some(Slot::Number(&mut p.open_interest));
    "longShare", Number, Range::closed(0.0, 1.0), "share", Draws,
        read |p| Some(p.long_share), copy long_share,
        set |p, _i| Some(Slot::Number(&mut p.long_share));
    "leverage", Number, Range::closed(1.0, MAX_LEVERAGE), "×", Population,
        read |p| Some(p.leverage), copy leverage,
        set |p, _i| Some(Slot::Number(&mut p.leverage));
    "leverageSpread", Number, Range::closed(0.0, 1.5), "", Population,
        read |p| Some(p.leverage_spread), copy leverage_spread,
        set |p, _i| Some(Slot::Number(&mut p.leverage_spread));
    "whaleConcentration", Number, Range::closed(0.0, 1.0), "", Sizes,
        read |p| Some(p.whale_concentration), copy whale_concentration,
        set |p, _i| Some(Slot::Number(&mut p.whale_concentration));
    "entrySpreadPct", Number, Range::closed(0.0, 50.0), "%", Population,
        read |p| Some(p.entry_spread_pct), copy entry_spread_pct,
        set |p, _i| Some(Slot::Number(&mut p.entry_spread_pct));
    "maintenancePct", Number, Range::closed(0.0, 50.0), "%", Population,
        read |p| Some(p.maintenance_pct), copy maintenance_pct,
        set |p, _i| Some(Slot::Number(&mut p.maintenance_pct));
    "closingFeePct", Number, Range::closed(0.0, 1.0), "%", Population,
        read |p| Some(p.closing_fee_pct), copy closing_fee_pct,
        set |p, _i| Some(Slot::Number(&mut p.closing_fee_pct));
    "marginTiers", NamesOrList(&["none", "standard", "strict"]), Range::closed(1.0, MAX_TIERS),
        "tiers", Population,
        read |p| match &p.margin_tiers {
            MarginTiers::Custom(rows) => Some(rows.len() as f64),
            _ => None,
        }, copy margin_tiers,
        set |p, _i| Some(Slot::Tiers(&mut p.margin_tiers));
    "marginTiers[].upToNotional", Number, Range::above(0.0, USD), "USD", Population,
        each |p, i| Some(tier_rows(p).get(i)?.up_to_notional),
        set |p, i| Some(Slot::Number(&mut tier(p, i)?.up_to_notional));
    "marginTiers[].maxLeverage", Number, Range::closed(1.0, MAX_LEVERAGE), "×", Population,
        each |p, i| Some(tier_rows(p).get(i)?.max_leverage),
        set |p, i| Some(Slot::Number(&mut tier(p, i)?.max_leverage));
    // Also below the tier's initial margin, 100 ÷ maxLeverage (margin.rs checks it).
    "marginTiers[].maintenancePct", Number, Range::closed(0.0, 100.0), "%", Population,
        each |p, i| Some(tier_rows(p).get(i)?.maintenance_pct),
        set |p, i| Some(Slot::Number(&mut tier(p, i)?.maintenance_pct));
    "depthPerPct", Number, Range::closed(1e3, USD), "USD per 1 %", Run,
        read |p| Some(p.depth_per_pct),
        set |p, _i| Some(Slot::Number(&mut p.depth_per_pct));
    "liquidityWithdrawal", Number, Range::closed(0.0, 1.0), "share", Run,
        read |p| Some(p.liquidity_withdrawal),
        set |p, _i| Some(Slot::Number(&mut p.liquidity_withdrawal));
    "dipBuyerCapital", Number, Range::closed(0.0, USD), "USD", Run,
        read |p| Some(p.dip_buyer_capital),
        set |p, _i| Some(Slot::Number(&mut p.dip_buyer_capital));
    "dipBuyerDiscountPct", Number, Range::closed(0.0, 90.0), "% below start", Run,
        read |p| Some(p.dip_buyer_discount_pct),
        set |p, _i| Some(Slot::Number(&mut p.dip_buyer_discount_pct));
    "momentumShorts", Number, Range::closed(0.0, 2.0), "× long liquidations", Run,
        read |p| Some(p.momentum_shorts),
        set |p, _i| Some(Slot::Number(&mut p.momentum_shorts));
    "markPrice", Enum(&["last", "index"]), None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Choice(&mut p.mark_price));
    "spotDepthPerPct", Number, Range::closed(1e3, USD), "USD per 1 %", Run,
        read |p| Some(p.spot_depth_per_pct),
        set |p, _i| Some(Slot::Number(&mut p.spot_depth_per_pct));
    "arbitrageCapital", Number, Range::closed(0.0, USD), "USD", Run,
        read |p| Some(p.arbitrage_capital),
        set |p, _i| Some(Slot::Number(&mut p.arbitrage_capital));
    "impactLaw", Enum(&["linear", "sqrt"]), None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Choice(&mut p.impact_law));
    "permanentImpact", Number, Range::closed(0.0, 1.0), "share", Run,
        read |p| Some(p.permanent_impact),
        set |p, _i| Some(Slot::Number(&mut p.permanent_impact));
    "recoveryHalfLife", Number, Range::closed(0.1, 1e5), "ticks", Run,
        read |p| Some(p.recovery_half_life),
        set |p, _i| Some(Slot::Number(&mut p.recovery_half_life));
    "volatilityPct", Number, Range::closed(0.0, 10.0), "% per tick", Run,
        read |p| Some(p.volatility_pct),
        set |p, _i| Some(Slot::Number(&mut p.volatility_pct));
    "shockPct", Number, Range::closed(-90.0, 90.0), "%", Run,
        read |p| Some(p.shock_pct),
        set |p, _i| Some(Slot::Number(&mut p.shock_pct));
    "shockTicks", Whole, Range::closed(1.0, TICKS), "ticks", Run,
        read |p| Some(f64::from(p.shock_ticks)),
        set |p, _i| Some(Slot::Whole(&mut p.shock_ticks));
    "shockUsd", NumberOrNull, Range::above(0.0, USD), "USD", Run,
        read |p| p.shock_usd,
        set |p, _i| Some(Slot::NumberOrNull(&mut p.shock_usd));
    "ticks", Whole, Range::closed(1.0, TICKS), "ticks", Run,
        read |p| Some(f64::from(p.ticks)),
        set |p, _i| Some(Slot::Whole(&mut p.ticks));
    "tickSeconds", Number, Range::closed(0.001, 86_400.0), "seconds", Run,
        read |p| Some(p.tick_seconds),
        set |p, _i| Some(Slot::Number(&mut p.tick_seconds));
    "liquidation.venueRules", Enum(&["binance", "hyperliquid"]), None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Choice(&mut p.liquidation.venue_rules));
    "liquidation.mode", Enum(&["full", "partial"]), None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Choice(&mut p.liquidation.mode));
    "liquidation.partialFraction", Number, Range::closed(0.01, 1.0), "share", Run,
        read |p| Some(p.liquidation.partial_fraction),
        set |p, _i| Some(Slot::Number(&mut p.liquidation.partial_fraction));
    "liquidation.partialAbove", Number, Range::closed(0.0, USD), "USD", Run,
        read |p| Some(p.liquidation.partial_above),
        set |p, _i| Some(Slot::Number(&mut p.liquidation.partial_above));
    "liquidation.maxPerTick", NumberOrNull, Range::above(0.0, USD), "USD per tick", Run,
        read |p| p.liquidation.max_per_tick,
        set |p, _i| Some(Slot::NumberOrNull(&mut p.liquidation.max_per_tick));
    "liquidation.backstopCapacity", Number, Range::closed(0.0, USD), "USD", Run,
        read |p| Some(p.liquidation.backstop_capacity),
        set |p, _i| Some(Slot::Number(&mut p.liquidation.backstop_capacity));
    "liquidation.feePct", Number, Range::closed(0.0, 5.0), "%", Run,
        read |p| Some(p.liquidation.fee_pct),
        set |p, _i| Some(Slot::Number(&mut p.liquidation.fee_pct));
    "liquidation.adl", Bool, None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Bool(&mut p.liquidation.adl));
    "liquidation.fundUnwindShare", Number, Range::closed(0.001, 10.0), "× depth per tick", Run,
        read |p| Some(p.liquidation.fund_unwind_share),
        set |p, _i| Some(Slot::Number(&mut p.liquidation.fund_unwind_share));
    "insuranceFund", Number, Range::closed(0.0, USD), "USD", Run,
        read |p| Some(p.insurance_fund),
        set |p, _i| Some(Slot::Number(&mut p.insurance_fund));
    "circuitBreaker", NullableObject, None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Breaker(&mut p.circuit_breaker));
    "circuitBreaker.levelsPct", List, Range::closed(1.0, MAX_LEVELS), "levels", Run,
        read |p| Some(breaker(p)?.levels_pct.len() as f64),
        set |p, _i| Some(Slot::Levels(&mut p.circuit_breaker.as_mut()?.levels_pct));
    // Also strictly increasing (params.rs checks it).
    "circuitBreaker.levelsPct[]", Number, Range::above(0.0, 90.0), "% fall", Run,
        each |p, i| breaker(p)?.levels_pct.get(i).copied(),
        set |_p, _i| None;
    "circuitBreaker.reference", Enum(&["start", "rollingHigh"]), None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Choice(&mut p.circuit_breaker.as_mut()?.reference));
    "circuitBreaker.windowTicks", Whole, Range::closed(1.0, TICKS), "ticks", Run,
        read |p| Some(f64::from(breaker(p)?.window_ticks)),
        set |p, _i| Some(Slot::Whole(&mut p.circuit_breaker.as_mut()?.window_ticks));
    "circuitBreaker.haltTicks", Whole, Range::closed(1.0, TICKS), "ticks", Run,
        read |p| Some(f64::from(breaker(p)?.halt_ticks)),
        set |p, _i| Some(Slot::Whole(&mut p.circuit_breaker.as_mut()?.halt_ticks));
    "circuitBreaker.closeTicks", Whole, Range::closed(1.0, TICKS), "ticks", Run,
        read |p| Some(f64::from(breaker(p)?.close_ticks)),
        set |p, _i| Some(Slot::Whole(&mut p.circuit_breaker.as_mut()?.close_ticks));
    "circuitBreaker.magnetSellShare", Number, Range::closed(0.0, 1.0), "% per tick", Run,
        read |p| Some(breaker(p)?.magnet_sell_share),
        set |p, _i| Some(Slot::Number(&mut p.circuit_breaker.as_mut()?.magnet_sell_share));
    "secondVenue", NullableObject, None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Venue(&mut p.second_venue));
    "secondVenue.depthPerPct", Number, Range::closed(1e3, USD), "USD per 1 %", Run,
        read |p| Some(p.second_venue.as_ref()?.depth_per_pct),
        set |p, _i| Some(Slot::Number(&mut p.second_venue.as_mut()?.depth_per_pct));
    "secondVenue.insuranceFund", Number, Range::closed(0.0, USD), "USD", Run,
        read |p| Some(p.second_venue.as_ref()?.insurance_fund),
        set |p, _i| Some(Slot::Number(&mut p.second_venue.as_mut()?.insurance_fund));
    "secondVenue.markPrice", Enum(&["last", "index"]), None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Choice(&mut p.second_venue.as_mut()?.mark_price));
    "secondVenue.circuitBreaker", Bool, None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Bool(&mut p.second_venue.as_mut()?.circuit_breaker));
    "secondVenue.openInterest", NumberOrNull, Range::closed(1e3, USD), "USD", Run,
        read |p| p.second_venue.as_ref()?.open_interest,
        set |p, _i| Some(Slot::NumberOrNull(&mut p.second_venue.as_mut()?.open_interest));
    "secondVenue.leverage", NumberOrNull, Range::closed(1.0, MAX_LEVERAGE), "×", Run,
        read |p| p.second_venue.as_ref()?.leverage,
        set |p, _i| Some(Slot::NumberOrNull(&mut p.second_venue.as_mut()?.leverage));
    "secondVenue.rules", Enum(&["same", "binance", "hyperliquid"]), None, "", Run,
        read |_p| None,
        set |p, _i| Some(Slot::Choice(&mut p.second_venue.as_mut()?.rules));
}

/// The row of a path (`leverage`, `positions[].entry`; an item's index may be written in:
/// `positions[3].entry`).
pub fn param(path: &str) -> Option<&'static Param> {
    let general = general_path(path);
    PARAMS.iter().find(|p| p.path.as_bytes() == general)
}

/// `path` with every `[digits]` written `[]`, byte by byte: paths are ASCII, and a str index
/// would bring a panic path into the wasm.
fn general_path(path: &str) -> Vec<u8> {
    let mut general = Vec::with_capacity(path.len());
    let mut in_index = false;
    for &b in path.as_bytes() {
        match b {
            b'[' => {
                in_index = true;
                general.extend_from_slice(b"[]");
            }
            b']' => in_index = false,
            _ if in_index => {}
            b => general.push(b),
        }
    }
    general
}

/// The message of a whole-number field's error from the reader ("must be a whole number, got
/// 2.5"), completed with its range when `field` is a row: every reader of params (serde_json's
/// and the JS binding's) reports through it, so the range is written only in the table.
pub fn complete(field: &str, message: String) -> String {
    match (message.strip_prefix(WHOLE_PREFIX), whole_range(field)) {
        (Some(got), Some(r)) => {
            let (lo, hi) = (show(r.min), show(r.max));
            format!("must be a whole number between {lo} and {hi}, got {got}")
        }
        _ => message,
    }
}

/// How the reader's whole-number errors start; [`complete`] adds the range.
pub(crate) const WHOLE_PREFIX: &str = "must be a whole number, got ";
