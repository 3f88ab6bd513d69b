//! Buffers kept from one run for the next.
//!
//! A run at a million traders fills about 150 MB of short-lived buffers: the random draws, the
//! sort's keys, the positions before and after sorting. Allocated afresh every time, they cost
//! more than the arithmetic, because the operating system hands over new pages that fault in on
//! first touch. Each thread keeps a few of the last ones here instead. Results never depend on
//! what the pool holds: a buffer is always cleared before it is handed out.

use std::cell::RefCell;

use super::population::{Draw, Position};

/// Buffers of each kind always kept: one population's worth (a long and a short book).
const KEEP: usize = 2;

/// More buffers of a kind are kept, up to [`KEEP_MOST`], while together they hold at most this
/// many bytes. Small runs (an exploration's grid, a page of 2,000 traders) then never hand their
/// buffers back to the allocator: freed and allocated again in another order, they would leave
/// holes that make a long-lived wasm instance grow. Large runs keep only [`KEEP`]: more would
/// hold memory a million-trader run cannot spare.
const KEEP_BYTES: usize = 1 << 20;

/// Buffers of each kind kept at most.
const KEEP_MOST: usize = 8;

#[derive(Default)]
struct Pool {
    positions: Vec<Vec<Position>>,
    draws: Vec<Vec<Draw>>,
    keys: Vec<Vec<u64>>,
}

thread_local! {
    static POOL: RefCell<Pool> = RefCell::default();
}

/// An empty buffer with room for `capacity` items: the roomiest one kept, or a new one.
///
/// Capacities are rounded up to the next sixteenth of a power of two (at most 6.25 % spare),
/// so populations that differ by a few percent (another seed, another long share) mostly fit
/// the buffers already kept instead of growing them.
fn take<T>(select: fn(&mut Pool) -> &mut Vec<Vec<T>>, capacity: usize) -> Vec<T> {
    let step = (capacity.next_power_of_two() / 16).max(1);
    let capacity = capacity.div_ceil(step) * step;
    let kept = POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        let list = select(&mut pool);
        let roomiest = (0..list.len()).max_by_key(|&i| list[i].capacity())?;
        Some(list.swap_remove(roomiest))
    });
    match kept {
        Some(mut v) if v.capacity() >= capacity => {
            v.clear();
            v
        }
        // Not grown in place: growing would double it, to a size that depends on which buffer
        // happened to be kept. Only the rounded sizes of requests ever reach the allocator.
        _ => Vec::with_capacity(capacity),
    }
}

/// Keeps `v` for a later [`take`], unless the pool is full.
fn give<T>(select: fn(&mut Pool) -> &mut Vec<Vec<T>>, mut v: Vec<T>) {
    v.clear();
    let bytes = |v: &Vec<T>| v.capacity() * std::mem::size_of::<T>();
    POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        let list = select(&mut pool);
        let kept: usize = list.iter().map(bytes).sum();
        let roomy = list.len() < KEEP_MOST && kept + bytes(&v) <= KEEP_BYTES;
        if list.len() < KEEP || roomy {
            list.push(v);
        }
    });
}

/// A buffer for positions.
pub(crate) fn positions(capacity: usize) -> Vec<Position> {
    take(|p| &mut p.positions, capacity)
}

/// Returns a positions buffer.
pub(crate) fn give_positions(v: Vec<Position>) {
    give(|p| &mut p.positions, v);
}

/// A buffer for random draws.
pub(crate) fn draws(capacity: usize) -> Vec<Draw> {
    take(|p| &mut p.draws, capacity)
}

/// Returns a draws buffer.
pub(crate) fn give_draws(v: Vec<Draw>) {
    give(|p| &mut p.draws, v);
}

/// A buffer for sort keys.
pub(crate) fn keys(capacity: usize) -> Vec<u64> {
    take(|p| &mut p.keys, capacity)
}

/// Returns a sort-keys buffer.
pub(crate) fn give_keys(v: Vec<u64>) {
    give(|p| &mut p.keys, v);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_buffer_too_small_is_replaced_at_the_rounded_size() {
        give_keys(Vec::with_capacity(1_000));
        // 1,100 rounds up to 1,152 (steps of 2,048 / 16); growing the kept one would double it.
        assert_eq!(keys(1_100).capacity(), 1_152);
        give_keys(Vec::with_capacity(5_000));
        let kept = keys(1_100);
        assert_eq!(kept.capacity(), 5_000, "the roomy kept buffer is reused");
        assert!(kept.is_empty());
    }

    #[test]
    fn small_buffers_are_kept_within_a_budget_large_ones_two_at_a_time() {
        let kept = |select: fn(&Pool) -> usize| POOL.with(|pool| select(&pool.borrow()));
        // 8 KB each: eight fit the budget.
        (0..10).for_each(|_| give_keys(Vec::with_capacity(1_000)));
        assert_eq!(kept(|p| p.keys.len()), KEEP_MOST);
        // 4.8 MB each: only the two of one population.
        (0..4).for_each(|_| give_positions(Vec::with_capacity(100_000)));
        assert_eq!(kept(|p| p.positions.len()), KEEP);
    }
}
