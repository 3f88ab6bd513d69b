//! The memory a `PopulationCache` holds is the function of the params that docs/MODEL.md states
//! ("Memory"), whatever it ran before: checked after every call of a sequence that goes from
//! small markets to large ones and back, through explicit positions and lopsided long shares.
//! Byte counts here are capacities the model asked for, so they are the same on every machine.

use leverage_cascade::model::{Params, PopulationCache, PositionSpec, Scratch, SecondVenue, Side};

fn market(traders: u32, long_share: f64, seed: u64) -> Params {
    Params { traders, long_share, seed, ticks: 60, ..Params::default() }
}

fn explicit(count: usize) -> Params {
    let positions = (0..count)
        .map(|i| PositionSpec {
            side: if i % 3 == 0 { Side::Short } else { Side::Long },
            notional: 1e6 * (1 + i % 7) as f64,
            leverage: 2.0 + (i % 40) as f64,
            entry: 100.0,
        })
        .collect();
    Params { positions: Some(positions), ticks: 60, ..Params::default() }
}

/// Explicit positions where momentum traders open new shorts into the fall, appended to the
/// short book during each run (tests/model.rs checks that a lent book's buffer comes back at its
/// size when they outgrow it).
fn momentum(count: usize) -> Params {
    Params { momentum_shorts: 0.85, shock_pct: -8.0, ticks: 600, ..explicit(count) }
}

/// A market with a second venue of its own traders (smaller and more leveraged).
fn own_second_venue(traders: u32) -> Params {
    let venue =
        SecondVenue { open_interest: Some(2e8), leverage: Some(20.0), ..SecondVenue::default() };
    Params { second_venue: Some(venue), ..market(traders, 0.6, 8) }
}

#[test]
fn the_cache_holds_at_most_its_documented_bytes_after_every_call() {
    let mut cache = PopulationCache::default();
    let sequence = [
        market(2_000, 0.6, 1),
        market(200_000, 0.6, 1),
        market(2_000, 0.6, 2),
        market(200_000, 0.9, 3),
        market(100, 0.5, 4),
        explicit(300),
        market(50_000, 0.1, 5),
        explicit(5),
        market(2_000, 0.6, 6),
        own_second_venue(50_000),
        momentum(300),
        market(2_000, 0.6, 7),
    ];
    let mut largest_seen = 0;
    for p in &sequence {
        cache.compare(p).unwrap();
        // The same market with its second venue a copy (or none): the own traders kept for the
        // call before must go back.
        let mut copy = p.clone();
        if let Some(v) = copy.second_venue.as_mut() {
            (v.open_interest, v.leverage) = (None, None);
            cache.simulate(&copy).unwrap();
            let (bytes, most) = (cache.bytes(), PopulationCache::most_bytes(&copy));
            assert!(
                bytes <= most,
                "{} traders, copied: {bytes} B held, at most {most} B",
                p.traders
            );
        }
        let after_compare = cache.bytes();
        cache.simulate(&Params { shock_pct: -9.0, ..p.clone() }).unwrap();
        cache.compare(&Params { depth_per_pct: 2e7, ..p.clone() }).unwrap();
        let bytes = cache.bytes();
        let most = PopulationCache::most_bytes(p);
        assert!(bytes <= most, "{} traders: {bytes} B held, at most {most} B", p.traders);
        // The bound is not loose: the populations alone, two in compare, are most of it.
        assert!(after_compare * 3 >= most.saturating_sub(3 << 20), "{after_compare} of {most} B");
        largest_seen = largest_seen.max(bytes);
    }
    // Back at 2,000 traders, the 200,000-trader buffers are gone.
    assert!(cache.bytes() * 20 < largest_seen, "{} B kept of {largest_seen} B", cache.bytes());
}

#[test]
fn the_bound_follows_the_traders_and_not_the_ticks() {
    let at = |traders, ticks| {
        PopulationCache::most_bytes(&Params { traders, ticks, ..Params::default() })
    };
    assert_eq!(at(100_000, 60), at(100_000, 20_000));
    // At 60 % long, one book's room is 60 % of the traders plus a little, rounded up to a
    // sixteenth of a power of two (655,360 at 1M): six position books of 48 B, two draw sides of
    // 24 B and the workspace's two buffers of each kind (48 + 24 + 8 B) come to about 330 B a
    // trader; the small end is the workspace's 1 MiB a kind.
    let per_trader = at(1_000_000, 600) as f64 / 1e6;
    assert!((300.0..=360.0).contains(&per_trader), "{per_trader} B a trader at 1M");
    assert!(at(100, 600) <= (3 << 20) + 100_000);
}

#[test]
fn a_workspace_reused_across_runs_gives_the_same_results() {
    use leverage_cascade::model::explore::{monte_carlo, MonteCarloSpec, ShockLaw, ShockSpec};
    let spec = MonteCarloSpec {
        runs: 20,
        shock: ShockSpec { distribution: ShockLaw::Normal, scale_pct: 3.0 },
    };
    let p = market(3_000, 0.6, 7);
    let mut shared = Scratch::default();
    let first = monte_carlo(&p, &spec, &mut shared, |_, _| true).unwrap();
    let held = shared.bytes();
    assert!(held > 0, "the workspace kept buffers for the next run");
    assert!(held <= Scratch::most_bytes(&p), "{held} B");
    let again = monte_carlo(&p, &spec, &mut shared, |_, _| true).unwrap();
    let fresh = monte_carlo(&p, &spec, &mut Scratch::default(), |_, _| true).unwrap();
    assert_eq!(first.moves, again.moves);
    assert_eq!(first.moves, fresh.moves);
    assert_eq!(shared.bytes(), held, "a second identical call keeps the same buffers");
}
