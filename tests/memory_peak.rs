//! The most memory a `compare` call uses, counted by an allocator that tracks live bytes: the
//! cache's documented bound plus the four outcomes it returns (docs/MODEL.md, "Memory"). The
//! counts are the model's own allocations, the same on every machine. One test in this binary,
//! so no other thread allocates while it counts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use leverage_cascade::model::{Params, PopulationCache, SecondVenue};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes of one outcome's series, map and event list at most, for `ticks` ticks: seven f64
/// series, a u32 and a u8 one (61 B a tick, 64 counted), and 64 KiB for the map and events.
fn outcome_most(ticks: u32) -> usize {
    ticks as usize * 64 + (64 << 10)
}

#[test]
fn a_compare_call_peaks_within_the_cache_bound_and_its_outcomes() {
    let mut cache = PopulationCache::default();
    let sequence = [
        Params { traders: 300_000, ticks: 200, ..Params::default() },
        Params { traders: 5_000, ticks: 20_000, ..Params::default() },
        Params { traders: 100_000, long_share: 0.85, ticks: 2_000, ..Params::default() },
        Params { traders: 2_000, ticks: 600, ..Params::default() },
        // Two venues: the second a copy of the first's traders, then with its own.
        Params {
            traders: 100_000,
            ticks: 600,
            arbitrage_capital: 1e8,
            second_venue: Some(SecondVenue::default()),
            ..Params::default()
        },
        Params {
            traders: 100_000,
            ticks: 600,
            arbitrage_capital: 1e8,
            second_venue: Some(SecondVenue {
                open_interest: Some(1e8),
                leverage: Some(20.0),
                ..Default::default()
            }),
            ..Params::default()
        },
    ];
    for p in &sequence {
        // Outcomes of earlier calls are dropped; what stays live before the call is the cache
        // and the test harness's few bytes.
        let before = LIVE.load(Relaxed);
        let held = cache.bytes();
        PEAK.store(before, Relaxed);
        let comparison = cache.compare(p).unwrap();
        let peak = PEAK.load(Relaxed) - (before - held);
        let most = PopulationCache::most_bytes(p).max(held) + 4 * outcome_most(p.ticks);
        assert!(
            peak <= most,
            "{} traders × {} ticks: peak {peak} B, at most {most} B",
            p.traders,
            p.ticks
        );
        drop(comparison);
    }
}
