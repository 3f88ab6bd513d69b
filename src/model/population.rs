//! The traders: who holds what, at which leverage, and where each one gets liquidated.
//!
//! A generated population has `traders` positions. Each one is long with probability `longShare`;
//! sizes follow a Pareto law (heavy tail: a few whales hold much of the open interest) scaled so
//! that each side's notional adds up to its share of `openInterest`; leverage is
//! 1 + (mean − 1) · X with X log-normal of mean 1, capped by the position's margin tier; entry
//! prices are log-normal around the start price. A trader whose entry and leverage would put the
//! liquidation price beyond the start price would already have been liquidated before the story
//! begins, so entries are drawn from the part of the distribution that is still solvent.
//!
//! Drawing happens in two steps so that mitigation scenarios share one population: [`Draws`]
//! holds the random numbers, and [`Population::build`] turns them into positions under a given
//! tier table (which caps leverage and sets maintenance). The draws are uniforms and sizes, so
//! they do not depend on the leverage or entry knobs either: moving those sliders rebuilds the
//! positions from the same draws.

use super::margin::{liquidation_price, TierTable};
use super::num::{max, min};
use super::params::{Params, Side};
use super::rng::{
    is_exact, normal_knots, normal_quantile, of_normal, of_word, tabulate, QuantileTable, Rng,
};
use super::scratch::{Scratch, Table};
use super::spec::{self, Invalidates};

/// Lifecycle of a position inside a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum State {
    /// Held by its trader.
    Open,
    /// Held by its trader again after a partial liquidation or a spared breach, with a
    /// liquidation price the engine's relist heap watches (it may no longer be in book order).
    Relisted,
    /// In partial liquidation: below maintenance, waiting for its next slice.
    Pool,
    /// An order for it (or for its next slice) waits in the liquidation queue.
    Queued,
    /// Fully liquidated or deleveraged.
    Closed,
}

/// One position, in the form the simulation sweeps over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position {
    /// Liquidation price.
    pub liq: f64,
    /// Coins still held.
    pub qty: f64,
    /// Coins at the start.
    pub qty0: f64,
    /// Entry price.
    pub entry: f64,
    /// Leverage (after the tier cap).
    pub leverage: f64,
    /// Where it is in its lifecycle.
    pub state: State,
    /// The tick in which it was first liquidated (in part), or [`NEVER_HIT`].
    pub hit_at: u32,
    /// Whether auto-deleveraging has closed any of it.
    pub deleveraged: bool,
    /// Whether it was opened during the run by a sale into the book (buyers.rs), so its
    /// counterparty is the book's ledger rather than an original one.
    pub on_book: bool,
    /// Index of its margin tier.
    pub tier: u8,
}

/// [`Position::hit_at`] of a position never liquidated.
pub const NEVER_HIT: u32 = u32::MAX;

impl Position {
    /// Whether any of it has been liquidated.
    #[inline]
    pub fn hit(&self) -> bool {
        self.hit_at != NEVER_HIT
    }

    /// Notional at entry of what is still held, USD.
    #[inline]
    pub fn notional(&self) -> f64 {
        self.qty * self.entry
    }

    /// Initial margin of `qty` coins of this position, USD.
    #[inline]
    pub fn margin_of(&self, qty: f64) -> f64 {
        qty * self.entry / self.leverage
    }
}

/// One side of the market: positions ordered from the most fragile (liquidated first) to the
/// least, so a falling mark (for longs) or rising mark (for shorts) sweeps them in order.
#[derive(Debug)]
pub struct Book {
    /// Long or short.
    pub side: Side,
    /// Positions, most fragile first: longs by descending, shorts by ascending liquidation price.
    pub positions: Vec<Position>,
    /// The buffer size this book and its copies ask for: set by the params, not by how many
    /// positions a seed happened to put on this side, so every seed asks for the same sizes.
    room: usize,
}

impl Clone for Book {
    fn clone(&self) -> Book {
        Book { side: self.side, positions: self.positions.clone(), room: self.room }
    }
}

impl Book {
    /// The buffer size for this book's positions (or its sort's keys).
    pub(crate) fn room(&self) -> usize {
        self.room.max(self.positions.len())
    }

    /// A copy in a buffer from `scratch`.
    pub fn copy(&self, scratch: &mut Scratch) -> Book {
        let mut positions = scratch.positions(self.room());
        positions.extend_from_slice(&self.positions);
        Book { side: self.side, positions, room: self.room }
    }

    /// Hands the positions' memory back to `scratch` for the next run to reuse.
    pub fn recycle(self, scratch: &mut Scratch) {
        scratch.give_positions(self.positions);
    }
}

/// The random numbers behind a generated population, independent of any tier table.
#[derive(Debug)]
pub struct Draws {
    long: Vec<Draw>,
    short: Vec<Draw>,
    /// What each side's drawn sizes are multiplied by to add up to its open interest
    /// ([`Draws::size`]), applied as the positions are built.
    long_scale: f64,
    short_scale: f64,
    /// The few draws (about 3 %) with a uniform in the tables' exactly computed outer cells, in
    /// draw order: their standard normal quantiles, the costly part of those cells, worked out
    /// once here because they do not depend on the leverage or entry knobs.
    long_exact: Vec<Exact>,
    short_exact: Vec<Exact>,
}

/// The normal quantiles of one draw's leverage and entry uniforms (each 0 where unused).
#[derive(Clone, Copy, Debug)]
struct Exact {
    /// Index of the draw in its side's list.
    at: u32,
    lev_z: f64,
    entry_z: f64,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Draw {
    /// The size drawn ([`Draws::size`]): times its side's scale, the notional at entry in USD.
    size_drawn: f64,
    /// The uniform draw that sets the size, as a word ([`of_word`]).
    size: u32,
    /// The uniform draw that sets the leverage, as a word ([`of_word`]).
    lev: u32,
    /// The uniform draw that places the entry price, as a word.
    entry: u32,
}

impl Draws {
    /// The params the draws' random numbers depend on, with every other field at its default:
    /// two params with the same key draw the same numbers.
    pub fn key(params: &Params) -> Params {
        spec::key(params, Invalidates::Draws)
    }

    /// The params the draws depend on with their sizes: two params with the same key give the
    /// same draws.
    pub fn sizes_key(params: &Params) -> Params {
        spec::key(params, Invalidates::Sizes)
    }

    /// Hands the draws' memory back to `scratch` for the next draws to reuse.
    pub fn recycle(self, scratch: &mut Scratch) {
        scratch.give_draws(self.long);
        scratch.give_draws(self.short);
    }

    /// Bytes the draws' buffers hold.
    pub fn bytes(&self) -> usize {
        let draws = (self.long.capacity() + self.short.capacity()) * std::mem::size_of::<Draw>();
        let exact = self.long_exact.capacity() + self.short_exact.capacity();
        draws + exact * std::mem::size_of::<Exact>()
    }

    /// The most bytes the draws for `traders` can hold when no buffer a side asks for exceeds
    /// `book` draws: two sides of `book`, and the two outer-cell lists, counted at twice their
    /// room (they double in the rare case, about one in a million calls, that outgrows it).
    pub fn most_bytes(traders: usize, book: usize) -> usize {
        2 * book * std::mem::size_of::<Draw>()
            + 2 * 2 * exact_room(traders) * std::mem::size_of::<Exact>()
    }

    /// Draws a population for `params` (which must be valid), in buffers from `scratch`.
    pub fn generate(params: &Params, scratch: &mut Scratch) -> Draws {
        let mut rng = Rng::new(params.seed, 1);
        let n = params.traders as usize;
        let mut long = scratch.draws(side_room(n, params.long_share));
        let mut short = scratch.draws(side_room(n, 1.0 - params.long_share));
        // About 3 % of draws have a uniform in an outer cell (16 of 1,024 cells, two uniforms);
        // room for 4 % keeps these lists at one size for a given population, call after call.
        let exact_room = exact_room(n);
        let (mut long_exact, mut short_exact) =
            (Vec::with_capacity(exact_room), Vec::with_capacity(exact_room));
        for _ in 0..n {
            // Two 64-bit draws give four 32-bit uniforms: plenty for 1,024-cell tables, whose
            // outer cells are computed exactly down to u = 2^−33.
            let (side_w, size_w) = rng.two_words();
            let (lev, entry) = rng.two_words();
            let is_long = of_word(side_w) < params.long_share;
            let d = Draw { size_drawn: 0.0, size: size_w, lev, entry };
            let (side, exact) =
                if is_long { (&mut long, &mut long_exact) } else { (&mut short, &mut short_exact) };
            if is_exact(lev) || is_exact(entry) {
                let z = |w: u32| if is_exact(w) { normal_quantile(of_word(w)) } else { 0.0 };
                exact.push(Exact { at: side.len() as u32, lev_z: z(lev), entry_z: z(entry) });
            }
            side.push(d);
        }
        let mut draws =
            Draws { long, short, long_scale: 1.0, short_scale: 1.0, long_exact, short_exact };
        draws.size(params, scratch);
        draws
    }

    /// Works out the draws' sizes for the whale concentration and the open interest of
    /// `params`, from the same random numbers: all that moving either of them redoes.
    pub fn size(&mut self, params: &Params, scratch: &mut Scratch) {
        // Pareto tail index from the concentration knob: 0 → 3 (mild), 1 → 1.1 (whales).
        let alpha = 3.0 - 1.9 * params.whale_concentration;
        let pareto = move |u: f64| libm::pow(u, -1.0 / alpha);
        let size =
            QuantileTable::of(scratch.knots(Table::Size(alpha), || tabulate(pareto)), pareto);
        let total = params.open_interest;
        let sides = [
            (&mut self.long, &mut self.long_scale, params.long_share),
            (&mut self.short, &mut self.short_scale, 1.0 - params.long_share),
        ];
        for (draws, scale, share) in sides {
            // The sizes drawn and their sum, from −0.0 in draw order (as a float iterator's `sum`
            // adds), in one pass: the build multiplies each by the side's scale.
            let mut sum = -0.0;
            for d in draws.iter_mut() {
                d.size_drawn = size.sample_word(d.size);
                sum += d.size_drawn;
            }
            *scale = if sum > 0.0 { total * share / sum } else { 1.0 };
        }
    }
}

/// Room for the list of one side's draws in the outer cells, for `n` traders.
fn exact_room(n: usize) -> usize {
    n / 25 + 16
}

/// Room for the draws of a side that `share` of `n` traders take. The count is binomial; six
/// standard deviations above its mean, it practically never outgrows the buffer (which would
/// double it), so a side's buffer size follows from the params alone, whatever the seed, and
/// the allocator sees the same sizes call after call.
pub(crate) fn side_room(n: usize, share: f64) -> usize {
    let mean = n as f64 * share;
    let sd = (mean * (1.0 - share)).sqrt();
    ((mean + 6.0 * sd) as usize + 16).min(n)
}

/// The whole population under one margin schedule.
#[derive(Clone, Debug)]
pub struct Population {
    /// Long positions, most fragile first.
    pub long: Book,
    /// Short positions, most fragile first.
    pub short: Book,
}

/// Which draw each position of a generated population comes from, book by book, in the books'
/// order: what [`Population::resize`] reads.
pub(crate) struct DrawOrder {
    long: Vec<u32>,
    short: Vec<u32>,
}

impl Population {
    /// Builds positions from draws under `tiers`, with the leverage and entry spread of
    /// `params` around its start price, in buffers from `scratch`.
    pub fn build(
        draws: &Draws,
        tiers: &TierTable,
        params: &Params,
        scratch: &mut Scratch,
    ) -> Population {
        Population::build_scaled(draws, tiers, params, 1.0, scratch)
    }

    /// [`Population::build`] with every position's size multiplied by `scale`: the traders the
    /// same draws give at `scale` times the open interest they were drawn for (a second venue's
    /// own traders, simulate.rs). At 1 it is `build` exactly.
    pub fn build_scaled(
        draws: &Draws,
        tiers: &TierTable,
        params: &Params,
        scale: f64,
        scratch: &mut Scratch,
    ) -> Population {
        let start = params.start_price;
        let sigma = params.entry_spread_pct / 100.0;
        let factor_at = |z: f64| libm::exp(sigma * z);
        let z = scratch.knots(Table::Normal, normal_knots);
        let factors = of_normal(scratch.knots(Table::Entry(sigma), || z.map(factor_at)), factor_at);
        let s = params.leverage_spread;
        let excess = params.leverage - 1.0;
        let lev_at = |z: f64| 1.0 + excess * libm::exp(s * z - s * s / 2.0);
        let lev = of_normal(scratch.knots(Table::Leverage(s, excess), || z.map(lev_at)), lev_at);
        let n = params.traders as usize;
        let mut make = |side: Side, draws: &[Draw], exact: &[Exact], share: f64, k: f64| {
            let room = side_room(n, share);
            let mut positions = scratch.positions(room);
            // The next draw with outer-cell uniforms, and where it is.
            let mut exact = exact.iter();
            let mut next = exact.next();
            let mut next_at = next.map_or(u32::MAX, |e| e.at);
            positions.extend((0..).zip(draws).map(|(i, d)| {
                // The size scaled to the side's open interest, then to this build's.
                let notional = d.size_drawn * k * scale;
                // The quantiles of this draw's outer-cell uniforms, if it has any.
                let z = if i == next_at {
                    let here = next;
                    next = exact.next();
                    next_at = next.map_or(u32::MAX, |e| e.at);
                    here
                } else {
                    None
                };
                let lev_z = || z.map_or_else(|| normal_quantile(of_word(d.lev)), |e| e.lev_z);
                let entry_z = || z.map_or_else(|| normal_quantile(of_word(d.entry)), |e| e.entry_z);
                // The leverage cap is the tier's at opening; maintenance is the tier's at the
                // liquidation price.
                let (at_entry, tier) = tiers.tier_index(notional);
                let leverage = lev.sample_word_or(d.lev, || lev_at(lev_z()));
                let leverage = max(min(leverage, tier.max_leverage), 1.0);
                let (index, ratio) =
                    tiers.liquidation_tier_ratio_from(side, notional, leverage, at_entry);
                let factor = || factors.sample_word_or(d.entry, || factor_at(entry_z()));
                let entry = solvent_entry(side, start, sigma, d, ratio, &factors, factor);
                Position {
                    liq: max(entry * ratio, 0.0),
                    qty: notional / entry,
                    qty0: notional / entry,
                    entry,
                    leverage,
                    state: State::Open,
                    hit_at: NEVER_HIT,
                    deleveraged: false,
                    on_book: false,
                    tier: index,
                }
            }));
            sorted(Book { side, positions, room }, scratch)
        };
        let long =
            make(Side::Long, &draws.long, &draws.long_exact, params.long_share, draws.long_scale);
        let short = make(
            Side::Short,
            &draws.short,
            &draws.short_exact,
            1.0 - params.long_share,
            draws.short_scale,
        );
        Population { long, short }
    }

    /// Whether positions built under `tiers` are the same positions, at the same prices, when
    /// only their sizes change (another whale concentration or open interest), so that
    /// [`Population::resize`] can size them again: with one tier, a position's tier, leverage
    /// cap and liquidation price do not depend on its notional (the tier's maintenance amount
    /// is 0), so its entry does not either; only its quantity does.
    pub(crate) fn resizes(tiers: &TierTable) -> bool {
        matches!(tiers.tiers(), [only] if only.cum == 0.0)
    }

    /// [`Population::build`] under a table that [`Population::resizes`], with which draw each
    /// position comes from.
    ///
    /// The positions are built from the same random numbers with each draw's size set to its
    /// index plus one: under such a table the sizes change the quantities alone, so these are
    /// the positions `draws` give, in the same order, and each one's quantity times its entry
    /// is its draw's index plus one (to within two roundings of the 16th digit, far from the
    /// next whole number). Then [`Population::resize`] gives them their sizes from `draws`.
    pub(crate) fn build_in_order(
        draws: &Draws,
        tiers: &TierTable,
        params: &Params,
        scratch: &mut Scratch,
    ) -> (Population, DrawOrder) {
        debug_assert!(Population::resizes(tiers), "positions whose prices ignore their sizes");
        let n = params.traders as usize;
        let mut numbered = |side: &[Draw], share: f64| {
            let mut numbered = scratch.draws(side_room(n, share));
            let number = |(i, d): (usize, &Draw)| Draw { size_drawn: (i + 1) as f64, ..*d };
            numbered.extend(side.iter().enumerate().map(number));
            numbered
        };
        let indexed = Draws {
            long: numbered(&draws.long, params.long_share),
            short: numbered(&draws.short, 1.0 - params.long_share),
            long_scale: 1.0,
            short_scale: 1.0,
            long_exact: draws.long_exact.clone(),
            short_exact: draws.short_exact.clone(),
        };
        let mut population = Population::build(&indexed, tiers, params, scratch);
        indexed.recycle(scratch);
        // Rounded to the nearest whole number (a positive one: adding ½ and cutting the
        // fraction rounds it, without a call to `round`).
        let order_of = |book: &Book| {
            book.positions.iter().map(|p| (p.qty0 * p.entry + 0.5) as u32 - 1).collect()
        };
        let order =
            DrawOrder { long: order_of(&population.long), short: order_of(&population.short) };
        population.resize(&order, draws);
        (population, order)
    }

    /// The positions as built ([`Population::build_in_order`], and put back by any run since)
    /// sized again from `draws`, the same random numbers sized for other sizes: each quantity
    /// worked out as the build works it out, so the population is the one the build would give.
    pub(crate) fn resize(&mut self, order: &DrawOrder, draws: &Draws) {
        let sides = [
            (&mut self.long, &order.long, &draws.long, draws.long_scale),
            (&mut self.short, &order.short, &draws.short, draws.short_scale),
        ];
        for (book, order, draws, k) in sides {
            debug_assert_eq!(book.positions.len(), order.len(), "the positions as built");
            for (p, &i) in book.positions.iter_mut().zip(order) {
                // As the build: the size times the side's scale (times the build's scale, 1,
                // which leaves any number as it is).
                let notional = draws[i as usize].size_drawn * k;
                p.qty = notional / p.entry;
                p.qty0 = notional / p.entry;
            }
        }
    }

    /// Builds an explicit population from a list of positions. Leverage above the tier cap is
    /// cut to the cap, as a venue would refuse the larger position.
    pub fn from_specs(
        specs: &[super::params::PositionSpec],
        tiers: &TierTable,
        scratch: &mut Scratch,
    ) -> Population {
        let longs = specs.iter().filter(|p| p.side == Side::Long).count();
        let mut long = scratch.positions(longs);
        let mut short = scratch.positions(specs.len() - longs);
        for p in specs {
            let cap = tiers.tier_for(p.notional).max_leverage;
            let leverage = p.leverage.min(cap).max(1.0);
            let pos = open(p.side, p.entry, leverage, p.notional / p.entry, tiers);
            match p.side {
                Side::Long => long.push(pos),
                Side::Short => short.push(pos),
            }
        }
        Population {
            long: sorted(Book { side: Side::Long, room: long.len(), positions: long }, scratch),
            short: sorted(Book { side: Side::Short, room: short.len(), positions: short }, scratch),
        }
    }

    /// Generates the population `params` describe (explicit positions, or draws), in buffers
    /// from `scratch`.
    pub fn for_params(params: &Params, scratch: &mut Scratch) -> Population {
        let tiers = params.tier_table();
        match &params.positions {
            Some(specs) => Population::from_specs(specs, &tiers, scratch),
            None => {
                let draws = Draws::generate(params, scratch);
                let population = Population::build(&draws, &tiers, params, scratch);
                draws.recycle(scratch);
                population
            }
        }
    }

    /// A copy in buffers from `scratch`.
    pub fn copy(&self, scratch: &mut Scratch) -> Population {
        Population { long: self.long.copy(scratch), short: self.short.copy(scratch) }
    }

    /// Takes the positions out, leaving two empty books in their place.
    pub(crate) fn take(&mut self) -> Population {
        let empty = |b: &Book| Book { side: b.side, positions: Vec::new(), room: b.room };
        let hollow = Population { long: empty(&self.long), short: empty(&self.short) };
        std::mem::replace(self, hollow)
    }

    /// Hands both books' memory back to `scratch`.
    pub fn recycle(self, scratch: &mut Scratch) {
        self.long.recycle(scratch);
        self.short.recycle(scratch);
    }

    /// Bytes the two books' buffers hold.
    pub fn bytes(&self) -> usize {
        let size = std::mem::size_of::<Position>();
        (self.long.positions.capacity() + self.short.positions.capacity()) * size
    }

    /// Number of positions.
    pub fn len(&self) -> usize {
        self.long.positions.len() + self.short.positions.len()
    }

    /// Whether there are no positions.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A new position of `qty` coins at `entry`, its liquidation price and tier from `tiers`.
pub fn open(side: Side, entry: f64, leverage: f64, qty: f64, tiers: &TierTable) -> Position {
    let (index, _) = tiers.liquidation_tier(side, qty * entry, leverage);
    Position {
        liq: liquidation_price(side, entry, leverage, qty, tiers),
        qty,
        qty0: qty,
        entry,
        leverage,
        state: State::Open,
        hit_at: NEVER_HIT,
        deleveraged: false,
        on_book: false,
        tier: index,
    }
}

/// Entry price for a draw, from the solvent part of the log-normal entry distribution, given the
/// ratio r of liquidation price to entry ([`TierTable::liquidation_tier_ratio`]).
///
/// The liquidation price is a fixed multiple r of the entry (see `margin`: the maintenance amount
/// enters as cum ÷ notional, which does not depend on the entry), so a long is still solvent at
/// the start price S when E · r < S and a short when E · r > S. The common case takes the
/// tabulated entry factor e^(σz); a draw past the bound is redrawn from the truncated
/// distribution by rescaling the same uniform, so every trader costs exactly one draw.
///
/// `factor()` is `factors.sample_word(d.entry)`, from the draw's cached quantile where it has one.
fn solvent_entry(
    side: Side,
    start: f64,
    sigma: f64,
    d: &Draw,
    ratio: f64,
    factors: &QuantileTable<impl Fn(f64) -> f64>,
    factor: impl Fn() -> f64,
) -> f64 {
    // A thousandth of a percent of headroom, so no one starts exactly at the line.
    const HEADROOM: f64 = 1e-5;
    let limit = match side {
        Side::Long => 1.0 - HEADROOM,
        Side::Short => 1.0 + HEADROOM,
    };
    let solvent = |factor: f64| match side {
        Side::Long => factor * ratio < limit,
        Side::Short => factor * ratio > limit,
    };
    if ratio <= 0.0 {
        // A long that cannot be liquidated (leverage 1): any entry will do.
        return start * if sigma == 0.0 { 1.0 } else { factor() };
    }
    if sigma == 0.0 {
        return if solvent(1.0) { start } else { start * limit / ratio };
    }
    let factor = factor();
    if solvent(factor) {
        return start * factor;
    }
    // Truncate the normal at z = ln(limit ÷ r) ÷ σ and place the same uniform inside.
    let bound = libm::log(limit / ratio) / sigma;
    let cdf = 0.5 * libm::erfc(-bound / std::f64::consts::SQRT_2);
    let u = match side {
        Side::Long => of_word(d.entry) * cdf,
        Side::Short => cdf + of_word(d.entry) * (1.0 - cdf),
    };
    let factor = factors.sample(u.clamp(1e-300, 1.0 - 1e-16));
    // Rounding at the bound itself must not put anyone over the line.
    start * if solvent(factor) { factor } else { limit / ratio }
}

/// Orders a book most fragile first with a radix sort on the liquidation price.
///
/// Positive doubles order like their bit patterns, so three 11-bit passes over the top 33 bits
/// (relative resolution about 1e-7) put the book in order up to near-ties, and one insertion-sort
/// pass over the exact prices removes those few inversions: O(N) instead of O(N log N). Each sort
/// key is one u64: the price's top 44 bits with the position's index in the low 20 (up to
/// 1,048,576 positions), which halves the memory the passes move compared with a (key, index)
/// pair; ties in those 44 bits are rare enough that looking up the exact price for them is cheap.
fn sorted(book: Book, scratch: &mut Scratch) -> Book {
    sorted_with(book, GATHER_UP_TO, scratch)
}

/// Up to this many positions (about 10 MB, within a last-level cache) the sort gathers the
/// positions into their order; past it, it scatters them.
const GATHER_UP_TO: usize = 200_000;

/// [`sorted`], gathering up to `gather_up_to` positions (a parameter so tests can take both ways).
fn sorted_with(mut book: Book, gather_up_to: usize, scratch: &mut Scratch) -> Book {
    const INDEX_BITS: u32 = 20;
    const INDEX_MASK: u64 = (1 << INDEX_BITS) - 1;
    let descending = book.side == Side::Long;
    let key = |p: &Position| {
        let bits = max(p.liq, 0.0).to_bits();
        if descending {
            !bits
        } else {
            bits
        }
    };
    const SHIFTS: [u32; 3] = [31, 42, 53];
    let digit = |k: u64, shift: u32| ((k >> shift) & 2047) as usize;
    let n = book.positions.len();
    debug_assert!(n as u64 <= INDEX_MASK + 1, "MAX_TRADERS fits the index bits");
    // The three passes' counts, taken in the one pass that makes the keys.
    let mut counts = [[0u32; 2048]; 3];
    let mut order = scratch.keys(book.room());
    order.extend(book.positions.iter().enumerate().map(|(i, p)| {
        let k = key(p) & !INDEX_MASK | i as u64;
        // Written out: opt-level "s" (the page's wasm) keeps a loop over the three here.
        let [low, middle, top] = SHIFTS;
        counts[0][digit(k, low)] += 1;
        counts[1][digit(k, middle)] += 1;
        counts[2][digit(k, top)] += 1;
        k
    }));
    let mut spare = scratch.keys(book.room());
    spare.resize(n, 0);
    for (count, shift) in counts.iter_mut().zip(SHIFTS) {
        // A digit that every key shares (the exponent's, when all prices lie within a factor
        // of two) leaves the order as it is.
        if count.iter().any(|&c| c as usize == n) {
            continue;
        }
        let mut sum = 0;
        for c in count.iter_mut() {
            let here = *c;
            *c = sum;
            sum += here;
        }
        for &item in &order {
            let bucket = &mut count[digit(item, shift)];
            spare[*bucket as usize] = item;
            *bucket += 1;
        }
        std::mem::swap(&mut order, &mut spare);
    }
    // Near-ties: equal top bits, so the exact keys decide.
    let exact = |k: u64| key(&book.positions[(k & INDEX_MASK) as usize]);
    let out_of_order = |a: u64, b: u64| {
        let (top_a, top_b) = (a >> INDEX_BITS, b >> INDEX_BITS);
        top_a > top_b || (top_a == top_b && exact(a) > exact(b))
    };
    for i in 1..n {
        let mut j = i;
        while j > 0 && out_of_order(order[j - 1], order[j]) {
            order.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut in_order = scratch.positions(book.room());
    if n <= gather_up_to {
        // In cache: read each position from where it is, in order. Built from its fields: `*p`
        // becomes a 48-byte `memory.copy` in the page's wasm (opt-level "s"), which V8 runs as
        // a call that costs more than the copy (this gather took twice as long).
        in_order.extend(order.iter().map(|&k| {
            let p = &book.positions[(k & INDEX_MASK) as usize];
            Position { ..*p }
        }));
    } else {
        // Past the cache those scattered reads each wait for memory. Work out where each
        // position goes, then write every position there: sequential reads and scattered
        // writes, which the CPU overlaps (the 1M-trader sort in wasm took 20 ms, not 35).
        for (j, &k) in order.iter().enumerate() {
            spare[(k & INDEX_MASK) as usize] = j as u64;
        }
        // Every place is written once (the ranks are a permutation), so the buffer is filled
        // first only because a vector's items must have values: with a placeholder never read,
        // all zero bits (native code fills it with memset). A fill writes memory without
        // reading it; copying the positions in instead read and wrote 48 MB over the two books
        // at 1M traders (`simulate` took 3–4 % longer).
        const UNSET: Position = Position {
            liq: 0.0,
            qty: 0.0,
            qty0: 0.0,
            entry: 0.0,
            leverage: 0.0,
            state: State::Open,
            hit_at: 0,
            deleveraged: false,
            on_book: false,
            tier: 0,
        };
        in_order.resize(n, UNSET);
        for (p, &to) in book.positions.iter().zip(spare.iter()) {
            in_order[to as usize] = *p;
        }
    }
    scratch.give_positions(std::mem::replace(&mut book.positions, in_order));
    scratch.give_keys(order);
    scratch.give_keys(spare);
    book
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gathering_and_scattering_give_the_same_order() {
        let params = Params { traders: 20_000, seed: 9, ..Params::default() };
        let pop = Population::for_params(&params, &mut Scratch::default());
        for book in [pop.long, pop.short] {
            // Shuffled, with exact ties and near-ties, which the insertion pass settles.
            let mut positions = book.positions.clone();
            positions.reverse();
            positions.truncate(5_000);
            positions[10].liq = positions[20].liq;
            positions[30].liq = f64::from_bits(positions[40].liq.to_bits() + 1);
            let shuffled = || Book { side: book.side, positions: positions.clone(), room: 5_000 };
            let gathered = sorted_with(shuffled(), usize::MAX, &mut Scratch::default());
            let scattered = sorted_with(shuffled(), 0, &mut Scratch::default());
            assert_eq!(gathered.positions, scattered.positions);
            let key = |p: &Position| if book.side == Side::Long { -p.liq } else { p.liq };
            assert!(gathered.positions.windows(2).all(|w| key(&w[0]) <= key(&w[1])));
        }
    }

    #[test]
    fn kept_tables_are_used_only_for_the_numbers_they_were_made_for() {
        // One workspace through markets that change each table's numbers in turn, and back:
        // every population is the one a fresh workspace builds.
        let base = Params { traders: 3_000, ..Params::default() };
        let markets = [
            base.clone(),
            Params { whale_concentration: 0.9, ..base.clone() },
            Params { entry_spread_pct: 9.0, ..base.clone() },
            Params { leverage: 30.0, ..base.clone() },
            Params { leverage_spread: 0.2, ..base.clone() },
            Params { seed: 5, ..base.clone() },
            base.clone(),
        ];
        let mut shared = Scratch::default();
        for p in &markets {
            let kept = Population::for_params(p, &mut shared);
            let fresh = Population::for_params(p, &mut Scratch::default());
            assert_eq!(format!("{kept:?}"), format!("{fresh:?}"));
        }
    }

    #[test]
    fn positions_sized_again_are_the_positions_built_for_those_sizes() {
        let before = Params { traders: 20_000, seed: 5, long_share: 0.7, ..Params::default() };
        let after = Params { whale_concentration: 0.9, open_interest: 3e9, ..before.clone() };
        let tiers = before.tier_table();
        assert!(Population::resizes(&tiers), "the default table has one tier");
        let scratch = &mut Scratch::default();
        let mut draws = Draws::generate(&before, scratch);
        let (mut population, order) = Population::build_in_order(&draws, &tiers, &before, scratch);
        let built = Population::build(&draws, &tiers, &before, scratch);
        assert_eq!(format!("{population:?}"), format!("{built:?}"));
        draws.size(&after, scratch);
        population.resize(&order, &draws);
        let fresh = Population::for_params(&after, scratch);
        assert_eq!(format!("{population:?}"), format!("{fresh:?}"));
        assert_ne!(format!("{population:?}"), format!("{built:?}"));
        // With tiers a position's size sets its tier, its leverage cap and its price.
        let tiered = Params { margin_tiers: super::super::params::MarginTiers::Standard, ..before };
        assert!(!Population::resizes(&tiered.tier_table()));
    }

    #[test]
    fn draws_sized_again_are_the_draws_drawn_afresh() {
        let before = Params { traders: 3_000, ..Params::default() };
        let after = Params { whale_concentration: 0.95, open_interest: 7e8, ..before.clone() };
        let mut resized = Draws::generate(&before, &mut Scratch::default());
        resized.size(&after, &mut Scratch::default());
        let fresh = Draws::generate(&after, &mut Scratch::default());
        assert_eq!(format!("{resized:?}"), format!("{fresh:?}"));
        assert_ne!(
            format!("{resized:?}"),
            format!("{:?}", Draws::generate(&before, &mut Scratch::default()))
        );
    }

    #[test]
    fn draw_buffers_are_sized_by_the_params_not_the_seed() {
        // 2,000 traders, 60 % long: about 1,200 ± 22 longs. Room for six standard deviations
        // holds every seed here, so no buffer is ever doubled and all seeds ask the allocator
        // for the same sizes.
        let sizes = |seed| {
            // A fresh workspace each time: the next seed must size its own buffers.
            let params = Params { traders: 2_000, seed, ..Params::default() };
            let draws = Draws::generate(&params, &mut Scratch::default());
            (draws.long.capacity(), draws.short.capacity())
        };
        let first = sizes(1);
        assert_eq!(first, (1408, 960));
        assert!((2..200).all(|seed| sizes(seed) == first));
        assert_eq!(side_room(100, 1.0), 100);
        assert_eq!(side_room(100, 0.0), 16);
    }

    #[test]
    fn sort_orders_by_liquidation_price() {
        let params = Params { traders: 20_000, ..Params::default() };
        let pop = Population::for_params(&params, &mut Scratch::default());
        assert!(pop.long.positions.windows(2).all(|w| w[0].liq >= w[1].liq));
        assert!(pop.short.positions.windows(2).all(|w| w[0].liq <= w[1].liq));
        assert_eq!(pop.len(), 20_000);
    }

    #[test]
    fn open_interest_adds_up_and_everyone_starts_solvent() {
        let params = Params { traders: 50_000, entry_spread_pct: 10.0, ..Params::default() };
        let pop = Population::for_params(&params, &mut Scratch::default());
        let long: f64 = pop.long.positions.iter().map(Position::notional).sum();
        let short: f64 = pop.short.positions.iter().map(Position::notional).sum();
        assert!((long / (params.open_interest * params.long_share) - 1.0).abs() < 1e-9);
        assert!((short / (params.open_interest * (1.0 - params.long_share)) - 1.0).abs() < 1e-9);
        assert!(pop.long.positions.iter().all(|p| p.liq < params.start_price));
        assert!(pop.short.positions.iter().all(|p| p.liq > params.start_price));
    }

    #[test]
    fn mean_leverage_is_the_knob_before_caps() {
        let params = Params { traders: 200_000, leverage: 20.0, ..Params::default() };
        let pop = Population::for_params(&params, &mut Scratch::default());
        let all = pop.long.positions.iter().chain(&pop.short.positions);
        let mean = all.map(|p| p.leverage).sum::<f64>() / pop.len() as f64;
        assert!((mean - 20.0).abs() < 0.5, "mean leverage {mean}");
    }

    #[test]
    fn tiers_cap_whale_leverage() {
        let params = Params {
            leverage: 50.0,
            whale_concentration: 1.0,
            margin_tiers: super::super::params::MarginTiers::Standard,
            ..Params::default()
        };
        let tiers = params.tier_table();
        let pop = Population::for_params(&params, &mut Scratch::default());
        for p in pop.long.positions.iter().chain(&pop.short.positions) {
            assert!(p.leverage <= tiers.tier_for(p.notional()).max_leverage + 1e-9);
        }
        assert!(pop.long.positions.iter().any(|p| p.notional() > 10e6), "expected whales");
    }
}
