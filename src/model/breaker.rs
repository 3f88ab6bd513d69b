//! Market-wide circuit breaker with levels, halts, a bounded closure and the magnet effect.
//!
//! Rules (modelled on the US market-wide breaker, SEC-approved rules such as NYSE Rule 7.12;
//! DOMAIN.md §6):
//! 1. The fall is measured from the reference price: the start price by default, as the US rule
//!    measures from the previous day's close; or, as this model's option `"rollingHigh"`, from
//!    the highest end-of-tick price in the last `windowTicks` ticks (the start price counts as a
//!    price before tick 0).
//! 2. When the fall at the end of a traded tick reaches a level, trading halts for `haltTicks`
//!    ticks. The last level closes the market: the US rule closes it for the rest of the day;
//!    here the closure lasts `closeTicks`, then the market reopens, so a run does not end with
//!    liquidations waiting for a reopening that never comes. Each level trips at most once; a
//!    jump past several trips them together (the highest one sets the halt's length).
//! 3. During a halt nothing trades: no liquidation executes and breaches wait in the queue, while
//!    the book keeps refilling and news (the noise) keeps arriving. The price shown meanwhile is
//!    the indicative one, where the refilled book and the news would open it; no level trips on
//!    it. On reopening the queued orders are checked again at that price: positions back above
//!    maintenance are spared, the rest go to market (simulate.rs).
//! 4. Magnet effect (Subrahmanyam 1994; Chen, Petukhov, Wang & Xing 2024): within
//!    [`MAGNET_ZONE_PCT`] points of the next level, holders who fear being locked in sell first.
//!    Their flow is `magnetSellShare` × proximity × depthPerPct per tick, so at the trigger's
//!    doorstep it alone moves the price by `magnetSellShare` %.

use std::collections::VecDeque;

use super::params::{BreakerReference, CircuitBreaker};

/// Distance below a level, in percentage points, within which the magnet pulls (invented: the
/// literature finds the effect "near" the trigger without a single width).
pub const MAGNET_ZONE_PCT: f64 = 2.0;

/// A breaker in motion.
#[derive(Clone, Debug)]
pub struct Breaker {
    levels: Vec<f64>,
    /// Levels below this index have tripped.
    next: usize,
    rolling: bool,
    window: u32,
    halt_ticks: u32,
    close_ticks: u32,
    magnet: f64,
    /// Ticks t with `t < halted_until` are halted.
    halted_until: u64,
    /// Monotone queue of (tick, price) holding the reference: the window's running maximum, or
    /// only the start price.
    highs: VecDeque<(i64, f64)>,
}

/// What the breaker did at the end of a tick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Trip {
    /// Nothing.
    None,
    /// Halted at this level (%); `closes` when it was the last level.
    Halt {
        /// The highest level reached.
        level: f64,
        /// Whether it was the last level, which closes the market for `closeTicks`.
        closes: bool,
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
            rolling: cfg.reference == BreakerReference::RollingHigh,
            window: cfg.window_ticks,
            halt_ticks: cfg.halt_ticks,
            close_ticks: cfg.close_ticks,
            magnet: cfg.magnet_sell_share,
            halted_until: 0,
            highs,
        }
    }

    /// Whether tick `t` is halted.
    pub fn halted(&self, t: u32) -> bool {
        u64::from(t) < self.halted_until
    }

    /// Fall from the reference price to `price`, in %.
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

    /// Records the end-of-tick price of traded tick `t` and trips a level if the fall reached
    /// one. Halted ticks are not observed: nothing traded.
    pub fn observe(&mut self, t: u32, price: f64) -> Trip {
        let t = i64::from(t);
        if self.rolling {
            while self.highs.back().is_some_and(|&(_, p)| p <= price) {
                self.highs.pop_back();
            }
            self.highs.push_back((t, price));
            while self.highs.front().is_some_and(|&(at, _)| at <= t - i64::from(self.window)) {
                self.highs.pop_front();
            }
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
                let closes = self.next == self.levels.len();
                let length = if closes { self.close_ticks } else { self.halt_ticks };
                self.halted_until = t as u64 + 1 + u64::from(length);
                Trip::Halt { level, closes }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaker(reference: BreakerReference) -> Breaker {
        Breaker::new(
            &CircuitBreaker {
                levels_pct: vec![7.0, 13.0, 20.0],
                reference,
                window_ticks: 5,
                halt_ticks: 3,
                close_ticks: 8,
                magnet_sell_share: 0.5,
            },
            100.0,
        )
    }

    #[test]
    fn trips_each_level_once_and_halts_for_its_length() {
        let mut b = breaker(BreakerReference::RollingHigh);
        assert_eq!(b.observe(0, 95.0), Trip::None);
        assert_eq!(b.observe(1, 92.0), Trip::Halt { level: 7.0, closes: false });
        assert!(b.halted(2) && b.halted(4) && !b.halted(5));
        assert_eq!(b.observe(5, 92.5), Trip::None);
        // A jump past two levels (21 % below the window's high of 92.5) trips both; the last
        // one closes the market for its closure length, then it reopens.
        assert_eq!(b.observe(6, 73.0), Trip::Halt { level: 20.0, closes: true });
        assert!(b.halted(7) && b.halted(14) && !b.halted(15));
        // Every level has tripped: nothing halts again.
        assert_eq!(b.observe(15, 50.0), Trip::None);
        assert!(!b.halted(16));
    }

    #[test]
    fn the_us_rule_measures_from_the_start_price() {
        let mut b = breaker(BreakerReference::Start);
        // A rise and a fall back: 94 is 6 % below the start (no halt) though 14.5 % below 110.
        assert_eq!(b.observe(0, 110.0), Trip::None);
        assert_eq!(b.observe(1, 94.0), Trip::None);
        assert_eq!(b.observe(2, 92.5), Trip::Halt { level: 7.0, closes: false });
    }

    #[test]
    fn the_fall_is_measured_within_the_window() {
        let mut b = breaker(BreakerReference::RollingHigh);
        for t in 0..10 {
            assert_eq!(b.observe(t, 100.0 - t as f64), Trip::None, "tick {t}");
        }
        // The window now holds ticks 6 to 10, whose high is 94: 87 is 7.4 % below it, although
        // it is 13 % below the start.
        assert_eq!(b.observe(10, 87.0), Trip::Halt { level: 7.0, closes: false });
    }

    #[test]
    fn magnet_pulls_only_near_the_next_level() {
        let mut b = breaker(BreakerReference::Start);
        b.observe(0, 100.0);
        assert_eq!(b.magnet_flow_share(96.0), 0.0);
        assert!((b.magnet_flow_share(94.0) - 0.25).abs() < 1e-12);
        assert!(b.magnet_flow_share(93.1) > 0.4);
    }
}
