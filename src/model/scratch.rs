//! Buffers kept from one run for the next: the workspace of whoever runs the model.
//!
//! A run at a million traders fills about 150 MB of short-lived buffers: the random draws, the
//! sort's keys, the positions before and after sorting. Allocated afresh every time, they cost
//! more than the arithmetic, because the operating system hands over new pages that fault in on
//! first touch. A [`Scratch`] keeps a few of the last ones instead. It is a value, owned by
//! whoever runs the model (a [`super::PopulationCache`], an exploration's sweep), and handed to
//! every function that needs buffers, so nothing is kept behind the caller's back and dropping
//! the owner frees it all.
//!
//! Results never depend on what a workspace holds: a buffer is always cleared before it is
//! handed out.
//!
//! # How much it keeps
//!
//! [`Scratch::fit`] drops every kept buffer larger than the largest request the params can make,
//! so after a run with params `p` a workspace holds, for each of its three kinds of buffer, at
//! most max([`KEEP`] × the largest request's bytes, [`KEEP_BYTES`]), and the knots of four
//! quantile tables (`Table`); see [`Scratch::most_bytes`], which docs/MODEL.md states and a
//! test checks. (During a sweep it also remembers a row's worth of tables, dropped when the
//! sweep returns: `Scratch::remember`.) The figure depends on the traders and the long
//! share (for explicit positions, their count), not on the ticks or on earlier calls.

use super::params::Params;
use super::population::{Draw, Position};
use super::rng::Knots;

/// Buffers of each kind always kept: one population's worth (a long and a short book).
pub const KEEP: usize = 2;

/// More buffers of a kind are kept, up to [`KEEP_MOST`], while together they hold at most this
/// many bytes. Small runs (an exploration's grid, a page of 2,000 traders) then never hand their
/// buffers back to the allocator: freed and allocated again in another order, they would leave
/// holes that make a long-lived wasm instance grow. Large runs keep only [`KEEP`]: more would
/// hold memory a million-trader run cannot spare.
pub const KEEP_BYTES: usize = 1 << 20;

/// Buffers of each kind kept at most.
pub const KEEP_MOST: usize = 8;

/// Buffers kept for the next run: positions, random draws and sort keys; and the quantile
/// tables' knots of the last build (and, during a sweep, of earlier ones: `Scratch::remember`).
#[derive(Debug, Default)]
pub struct Scratch {
    positions: Vec<Vec<Position>>,
    draws: Vec<Vec<Draw>>,
    keys: Vec<Vec<u64>>,
    tables: [Option<Box<(Table, Knots)>>; TABLES],
    /// While a sweep runs ([`Scratch::remember`]), the knots its cells made before and others
    /// have replaced since, oldest first, at most `remember_most` of them: a map whose x axis
    /// changes a table comes back to the same numbers on every row.
    remembered: Vec<Box<(Table, Knots)>>,
    remember_most: usize,
}

/// A quantile table a population's build uses, with the numbers its knots depend on.
///
/// Each build tabulates four functions at 1,025 knots: a few thousand `pow`, `exp` and normal
/// quantiles, as much work as building 5,000 traders. From one build to the next they mostly
/// stay the same (every Monte Carlo market, every slider but leverage's), so the workspace keeps
/// the last knots of each and works them out again only when their numbers change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Table {
    /// The standard normal quantiles, which depend on nothing.
    Normal,
    /// The position sizes' Pareto quantiles, by tail index.
    Size(f64),
    /// The entry factors, by entry spread (σ).
    Entry(f64),
    /// The leverage, by its spread and its excess over 1×.
    Leverage(f64, f64),
}

/// How many kinds of [`Table`] there are.
const TABLES: usize = 4;

impl Table {
    fn slot(self) -> usize {
        match self {
            Table::Normal => 0,
            Table::Size(_) => 1,
            Table::Entry(_) => 2,
            Table::Leverage(..) => 3,
        }
    }
}

/// The capacity a request for `capacity` items gets: rounded up to the next sixteenth of a power
/// of two (at most 6.25 % spare), so populations that differ by a few percent (another seed,
/// another long share) mostly fit the buffers already kept instead of growing them.
pub(crate) fn rounded(capacity: usize) -> usize {
    let step = (capacity.next_power_of_two() / 16).max(1);
    capacity.div_ceil(step) * step
}

/// Bytes of one buffer's allocation.
fn bytes<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
}

/// Bytes of a list's buffers.
fn list_bytes<T>(list: &[Vec<T>]) -> usize {
    list.iter().map(bytes).sum()
}

/// An empty buffer with room for `capacity` items: the roomiest one in `list`, or a new one.
/// (Neither this nor [`give`] is inlined: called from a dozen places, one copy of each keeps
/// the wasm small, and a call per buffer costs nothing next to filling it.)
#[inline(never)]
fn take<T>(list: &mut Vec<Vec<T>>, capacity: usize) -> Vec<T> {
    let capacity = rounded(capacity);
    let roomiest = (0..list.len()).max_by_key(|&i| list[i].capacity());
    match roomiest.map(|i| list.swap_remove(i)) {
        Some(mut v) if v.capacity() >= capacity => {
            v.clear();
            v
        }
        // Not grown in place: growing would double it, to a size that depends on which buffer
        // happened to be kept. Only the rounded sizes of requests ever reach the allocator.
        _ => Vec::with_capacity(capacity),
    }
}

/// Keeps `v` in `list` for a later [`take`], unless the list is full.
#[inline(never)]
fn give<T>(list: &mut Vec<Vec<T>>, mut v: Vec<T>) {
    v.clear();
    let roomy = list.len() < KEEP_MOST && list_bytes(list) + bytes(&v) <= KEEP_BYTES;
    if list.len() < KEEP || roomy {
        list.push(v);
    }
}

/// The most bytes a list may hold after [`Scratch::fit`] for requests of at most `largest` items
/// of `size` bytes each.
fn list_most(largest: usize, size: usize) -> usize {
    (KEEP * rounded(largest) * size).max(KEEP_BYTES)
}

impl Scratch {
    /// A buffer for positions.
    pub(crate) fn positions(&mut self, capacity: usize) -> Vec<Position> {
        take(&mut self.positions, capacity)
    }

    /// Returns a positions buffer.
    pub(crate) fn give_positions(&mut self, v: Vec<Position>) {
        give(&mut self.positions, v);
    }

    /// A buffer for random draws.
    pub(crate) fn draws(&mut self, capacity: usize) -> Vec<Draw> {
        take(&mut self.draws, capacity)
    }

    /// Returns a draws buffer.
    pub(crate) fn give_draws(&mut self, v: Vec<Draw>) {
        give(&mut self.draws, v);
    }

    /// A buffer for sort keys.
    pub(crate) fn keys(&mut self, capacity: usize) -> Vec<u64> {
        take(&mut self.keys, capacity)
    }

    /// Returns a sort-keys buffer.
    pub(crate) fn give_keys(&mut self, v: Vec<u64>) {
        give(&mut self.keys, v);
    }

    /// The knots of `table`: the kept ones if they were made for the same numbers, else
    /// `make()`'s, which are kept in their place.
    pub(crate) fn knots(&mut self, table: Table, make: impl FnOnce() -> Knots) -> Knots {
        if self.remember_most > 0 {
            self.recall(table);
        }
        match &mut self.tables[table.slot()] {
            // Numbers compared bit for bit: knots are only ever reused for the very same ones.
            Some(kept) if same(kept.0, table) => kept.1,
            // Written over in place: outside a sweep (whose remembered tables keep their boxes),
            // a long-lived instance allocates each table's box once.
            Some(kept) => {
                **kept = (table, make());
                kept.1
            }
            empty => empty.insert(Box::new((table, make()))).1,
        }
    }

    /// While remembering: puts the slot's knots for other numbers than `table`'s in the memory,
    /// and brings back those for `table`'s, if it has them. (One copy, not one for each caller
    /// of the generic [`Scratch::knots`]: the page's wasm never remembers.)
    #[inline(never)]
    fn recall(&mut self, table: Table) {
        let (slot, memo) = (&mut self.tables[table.slot()], &mut self.remembered);
        if slot.as_ref().is_some_and(|kept| !same(kept.0, table)) {
            let back = memo.iter().position(|m| same(m.0, table)).map(|i| memo.remove(i));
            memo.extend(slot.take());
            if memo.len() > self.remember_most {
                memo.remove(0);
            }
            *slot = back;
        }
    }

    /// Keeps from now on up to `most` tables' knots besides the last of each kind (the oldest
    /// go first), until `remember(0)` drops them: for a sweep, whose cells come back to the
    /// same numbers row after row. It asks for a row's worth: 200 tables (1.6 MB) at most.
    pub(crate) fn remember(&mut self, most: usize) {
        self.remember_most = most;
        if most == 0 {
            self.remembered = Vec::new();
        }
    }

    /// Bytes the kept buffers hold.
    pub fn bytes(&self) -> usize {
        let tables = (self.tables.iter().flatten().count() + self.remembered.len())
            * std::mem::size_of::<(Table, Knots)>();
        list_bytes(&self.positions) + list_bytes(&self.draws) + list_bytes(&self.keys) + tables
    }

    /// Drops the kept buffers a run of `params` (which must be valid) would never ask for: those
    /// larger than its largest request. A workspace that ran a million traders then holds a
    /// few thousand traders' worth once the page is back at a few thousand.
    pub fn fit(&mut self, params: &Params) {
        let largest = rounded(largest_request(params));
        self.positions.retain(|v| v.capacity() <= largest);
        self.draws.retain(|v| v.capacity() <= largest);
        self.keys.retain(|v| v.capacity() <= largest);
    }

    /// The most bytes a workspace holds after [`Scratch::fit`] and any number of runs with
    /// `params`: for each kind of buffer, max(2 × the largest request, 1 MiB), where the largest
    /// request is one book's room (see [`largest_request`]) rounded up as `take` rounds it;
    /// and the four tables' knots.
    pub fn most_bytes(params: &Params) -> usize {
        let largest = largest_request(params);
        list_most(largest, std::mem::size_of::<Position>())
            + list_most(largest, std::mem::size_of::<Draw>())
            + list_most(largest, std::mem::size_of::<u64>())
            + TABLES * std::mem::size_of::<(Table, Knots)>()
    }
}

/// Whether two tables are the same function: the same kind with the same bits.
fn same(a: Table, b: Table) -> bool {
    let bits = |t: Table| match t {
        Table::Normal => [0, 0],
        Table::Size(x) | Table::Entry(x) => [x.to_bits(), 0],
        Table::Leverage(x, y) => [x.to_bits(), y.to_bits()],
    };
    a.slot() == b.slot() && bits(a) == bits(b)
}

/// The most items any one buffer request of a run of `params` asks for: the room of the larger
/// side's book. For a generated population that is the binomial count six standard deviations
/// above its mean (at most the traders); for explicit positions, the count on the larger side.
pub fn largest_request(params: &Params) -> usize {
    match &params.positions {
        Some(specs) => {
            let longs = specs.iter().filter(|p| p.side == super::params::Side::Long).count();
            longs.max(specs.len() - longs)
        }
        None => {
            let n = params.traders as usize;
            let share = params.long_share.max(1.0 - params.long_share);
            super::population::side_room(n, share)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_buffer_too_small_is_replaced_at_the_rounded_size() {
        let mut s = Scratch::default();
        s.give_keys(Vec::with_capacity(1_000));
        // 1,100 rounds up to 1,152 (steps of 2,048 / 16); growing the kept one would double it.
        assert_eq!(s.keys(1_100).capacity(), 1_152);
        s.give_keys(Vec::with_capacity(5_000));
        let kept = s.keys(1_100);
        assert_eq!(kept.capacity(), 5_000, "the roomy kept buffer is reused");
        assert!(kept.is_empty());
    }

    #[test]
    fn small_buffers_are_kept_within_a_budget_large_ones_two_at_a_time() {
        let mut s = Scratch::default();
        // 8 KB each: eight fit the budget.
        (0..10).for_each(|_| s.give_keys(Vec::with_capacity(1_000)));
        assert_eq!(s.keys.len(), KEEP_MOST);
        // 4.8 MB each: only the two of one population.
        (0..4).for_each(|_| s.give_positions(Vec::with_capacity(100_000)));
        assert_eq!(s.positions.len(), KEEP);
    }

    #[test]
    fn a_sweep_remembers_every_table_until_it_ends() {
        let mut s = Scratch::default();
        let mut made = 0;
        let knots = |s: &mut Scratch, a: f64, made: &mut usize| {
            s.knots(Table::Size(a), || {
                *made += 1;
                [a; 1025]
            })
        };
        s.remember(3);
        for _ in 0..3 {
            for a in [1.5, 2.0, 2.5] {
                assert_eq!(knots(&mut s, a, &mut made), [a; 1025], "the knots made for {a}");
            }
        }
        assert_eq!(made, 3, "each tail index is tabulated once");
        let held = s.bytes();
        s.remember(0);
        assert!(s.bytes() < held, "the remembered tables are dropped");
        // Without it, only the last of a kind is kept.
        for a in [1.5, 2.0, 1.5] {
            assert_eq!(knots(&mut s, a, &mut made), [a; 1025]);
        }
        assert_eq!(made, 6);
        // At most as many as asked for: the oldest go first.
        s.remember(1);
        for _ in 0..3 {
            for a in [1.5, 2.0, 2.5] {
                assert_eq!(knots(&mut s, a, &mut made), [a; 1025]);
                assert!(s.remembered.len() <= 1);
            }
        }
        // Room for one in a cycle of three: the table asked for has always gone, so every call
        // but the first (whose table is still in its slot) makes it again.
        assert_eq!(made, 6 + 8);
        s.remember(0);
    }

    #[test]
    fn fit_drops_what_smaller_params_never_ask_for() {
        let mut s = Scratch::default();
        (0..2).for_each(|_| s.give_positions(Vec::with_capacity(600_000)));
        s.give_keys(Vec::with_capacity(500));
        let small = Params { traders: 2_000, ..Params::default() };
        s.fit(&small);
        assert!(s.positions.is_empty(), "the large buffers are gone");
        assert_eq!(s.keys.len(), 1, "the small one stays");
        assert!(s.bytes() <= Scratch::most_bytes(&small));
    }
}
