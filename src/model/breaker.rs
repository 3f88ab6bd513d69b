//! Market-wide circuit breaker with levels, halts and the magnet effect.
//!
//! Rules (modelled on the US market-wide breaker, DOMAIN.md §6):
//! 1. The fall is measured from the highest end-of-tick price in the last `windowTicks` ticks
//!    (the start price counts as a price before tick 0).
//! 2. When the fall reaches a level, trading halts for `haltTicks` ticks; the last level halts to
//!    the end of the run. Each level trips at most once; a jump past several trips them together.
//! 3. During a halt nothing trades: no liquidation executes and breaches wait in the queue, while
//!    the book keeps refilling. On reopening, queued positions back above maintenance are spared.
//! 4. Magnet effect (Subrahmanyam 1994; Chen, Petukhov, Wang & Xing 2024): within
//!    [`MAGNET_ZONE_PCT`] points of the next level, holders who fear being locked in sell first.
//!    Their flow is `magnetSellShare` × proximity × depthPerPct per tick, so at the trigger's
//!    doorstep it alone moves the price by `magnetSellShare` %.

use std::collections::VecDeque;

use super::params::CircuitBreaker;

/// Distance below a level, in percentage points, within which the magnet pulls (invented: the
/// literature finds the effect "near" the trigger without a single width).
pub const MAGNET_ZONE_PCT: f64 = 2.0;

/// A breaker in motion.
#[derive(Clone, Debug)]
pub struct Breaker {
    levels: Vec<f64>,
    /// Levels below this index have tripped.
    next: usize,
    window: u32,
    halt_ticks: u32,
    magnet: f64,
    /// Ticks t with `t < halted_until` are halted.
    halted_until: u64,
    /// Monotone queue of (tick, price) holding the window's running maximum.
    highs: VecDeque<(i64, f64)>,
}

/// What the breaker did at the end of a tick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Trip {
    /// Nothing.
    None,
    /// Halted at this level (%); `to_end` when it was the last level.
    Halt {
        /// The highest level reached.
        level: f64,
        /// Whether the halt lasts to the end of the run.
        to_end: bool,
    },
}

impl Breaker {
    /// A breaker with nothing tripped, seeded with the start price.
    pub fn new(cfg: &CircuitBreaker, start_price: f64) -> Breaker {
        let mut highs = VecDeque::new();
        highs.push_back((-1, start_price));
        Breaker {
            levels: cfg.levels_pct.clone(),
            next: 0,
            window: cfg.window_ticks,
            halt_ticks: cfg.halt_ticks,
            magnet: cfg.magnet_sell_share,
            halted_until: 0,
            highs,
        }
    }

    /// Whether tick `t` is halted.
    pub fn halted(&self, t: u32) -> bool {
        u64::from(t) < self.halted_until
    }

    /// Fall from the window's high to `price`, in %.
    fn fall_pct(&self, price: f64) -> f64 {
        let high = self.highs.front().map_or(price, |h| h.1);
        (1.0 - price / high) * 100.0
    }

    /// Pre-emptive selling this tick, as a multiple of depthPerPct (0 when no level is near).
    pub fn magnet_flow_share(&self, price: f64) -> f64 {
        if self.magnet == 0.0 {
            return 0.0;
        }
        let Some(&level) = self.levels.get(self.next) else {
            return 0.0;
        };
        let gap = level - self.fall_pct(price);
        if gap <= 0.0 || gap >= MAGNET_ZONE_PCT {
            return 0.0;
        }
        self.magnet * (1.0 - gap / MAGNET_ZONE_PCT)
    }

    /// Records the end-of-tick price of tick `t` and trips a level if the fall reached one.
    pub fn observe(&mut self, t: u32, price: f64) -> Trip {
        let t = i64::from(t);
        while self.highs.back().is_some_and(|&(_, p)| p <= price) {
            self.highs.pop_back();
        }
        self.highs.push_back((t, price));
        while self.highs.front().is_some_and(|&(at, _)| at <= t - i64::from(self.window)) {
            self.highs.pop_front();
        }
        let fall = self.fall_pct(price);
        let mut reached = None;
        while self.next < self.levels.len() && fall >= self.levels[self.next] {
            reached = Some(self.levels[self.next]);
            self.next += 1;
        }
        match reached {
            None => Trip::None,
            Some(level) => {
                let to_end = self.next == self.levels.len();
                self.halted_until =
                    if to_end { u64::MAX } else { t as u64 + 1 + u64::from(self.halt_ticks) };
                Trip::Halt { level, to_end }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaker() -> Breaker {
        Breaker::new(
            &CircuitBreaker {
                levels_pct: vec![7.0, 13.0, 20.0],
                window_ticks: 5,
                halt_ticks: 3,
                magnet_sell_share: 0.5,
            },
            100.0,
        )
    }

    #[test]
    fn trips_each_level_once_and_halts_for_its_length() {
        let mut b = breaker();
        assert_eq!(b.observe(0, 95.0), Trip::None);
        assert_eq!(b.observe(1, 92.0), Trip::Halt { level: 7.0, to_end: false });
        assert!(b.halted(2) && b.halted(4) && !b.halted(5));
        assert_eq!(b.observe(5, 92.5), Trip::None);
        // A jump past two levels (21 % below the window's high of 92.5) trips both; the last
        // one halts to the end.
        assert_eq!(b.observe(6, 73.0), Trip::Halt { level: 20.0, to_end: true });
        assert!(b.halted(1_000_000));
    }

    #[test]
    fn the_fall_is_measured_within_the_window() {
        let mut b = breaker();
        for t in 0..10 {
            assert_eq!(b.observe(t, 100.0 - t as f64), Trip::None, "tick {t}");
        }
        // The window now holds ticks 6 to 10, whose high is 94: 87 is 7.4 % below it, although
        // it is 13 % below the start.
        assert_eq!(b.observe(10, 87.0), Trip::Halt { level: 7.0, to_end: false });
    }

    #[test]
    fn magnet_pulls_only_near_the_next_level() {
        let mut b = breaker();
        b.observe(0, 100.0);
        assert_eq!(b.magnet_flow_share(96.0), 0.0);
        assert!((b.magnet_flow_share(94.0) - 0.25).abs() < 1e-12);
        assert!(b.magnet_flow_share(93.1) > 0.4);
    }
}
