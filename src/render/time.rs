//! The price chart's time axis: linear through the cascade, squeezed where nothing happens.
//!
//! A cascade lasts a few ticks of a run of hundreds, so on a linear axis it is a vertical line
//! at the left edge. [`squeezed_axis`] finds the stretches in which something happens (a
//! liquidation of some size, a large price step) and gives each of their ticks the same width,
//! while the long quiet stretches between and after them share a fixed part of the width: time
//! there runs [`TimeAxis::squeeze`] times faster, and the chart marks them as such.
//!
//! Positions on the axis are in *shown ticks*: a tick of an active stretch is one wide, one of
//! a squeezed stretch `1 / squeeze` wide. The map is piecewise linear and increasing, so it can
//! be inverted: the page maps a pointer back to a tick with the same knots.

use super::Run;

/// Squeezed stretches take at most this share of the axis.
const QUIET_SHARE: f64 = 0.35;
/// A tick is active when a run liquidates at least this share of its largest tick...
const LIQUIDATION_SHARE: f64 = 0.02;
/// ...or its price moves at least this share of its largest one-tick move (a shock spread over
/// ticks, a jump at a reopening; not a run's noise).
const STEP_SHARE: f64 = 0.25;
/// Ticks kept linear before and after each active tick, so a wave shows where it starts and
/// how it settles.
const PAD_BEFORE: usize = 1;
const PAD_AFTER: usize = 4;
/// A quiet stretch is squeezed only if it is at least this long, and this share of the window.
const MIN_QUIET: usize = 8;
const MIN_QUIET_SHARE: f64 = 0.03;
/// Below this squeeze the axis stays linear: the gain would not be worth the break.
const MIN_SQUEEZE: f64 = 2.0;

/// How ticks map to positions on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TimeAxis {
    /// `(tick, position)` pairs, both increasing; the first is the window's start, the last
    /// its end.
    knots: Vec<(f64, f64)>,
    /// How many times faster time runs in the squeezed stretches (1 when there are none).
    pub squeeze: f64,
}

impl TimeAxis {
    /// A linear axis over ticks `from..to`.
    pub fn linear(from: f64, to: f64) -> TimeAxis {
        TimeAxis { knots: vec![(from, from), (to, to)], squeeze: 1.0 }
    }

    /// The knots: `(tick, position)` where the axis changes pace, from the window's start to
    /// its end.
    pub fn knots(&self) -> &[(f64, f64)] {
        &self.knots
    }

    /// The positions of the window's start and end.
    pub fn span(&self) -> (f64, f64) {
        let first = self.knots.first().map_or(0.0, |k| k.1);
        let last = self.knots.last().map_or(1.0, |k| k.1);
        (first, last)
    }

    /// The position of a (fractional) tick; ticks outside the window continue the pace of the
    /// nearest stretch.
    pub fn at(&self, tick: f64) -> f64 {
        let k = &self.knots;
        if k.len() < 2 {
            return tick;
        }
        let i = k[1..k.len() - 1].iter().take_while(|knot| knot.0 <= tick).count();
        let ((t0, x0), (t1, x1)) = (k[i], k[i + 1]);
        if t1 > t0 {
            x0 + (tick - t0) * (x1 - x0) / (t1 - t0)
        } else {
            x0
        }
    }

    /// The first and the end tick of the window.
    pub fn ticks(&self) -> (f64, f64) {
        let first = self.knots.first().map_or(0.0, |k| k.0);
        let last = self.knots.last().map_or(1.0, |k| k.0);
        (first, last)
    }

    /// The stretches between knots: `(first tick, end tick, squeezed)`.
    pub fn stretches(&self) -> impl Iterator<Item = (f64, f64, bool)> + '_ {
        self.knots.windows(2).map(|w| {
            let ticks = w[1].0 - w[0].0;
            let shown = w[1].1 - w[0].1;
            (w[0].0, w[1].0, shown < ticks * (1.0 - 1e-9))
        })
    }
}

/// The time axis for `runs` over ticks `window.0..window.1`: linear where any run is active,
/// squeezed (all squeezed stretches by the same factor) where none is for a while. Linear
/// when squeezing would not gain at least [`MIN_SQUEEZE`].
pub(crate) fn squeezed_axis(runs: &[Run<'_>], window: (u32, u32)) -> TimeAxis {
    let (from, to) = (window.0 as usize, window.1.max(window.0) as usize);
    let n = to - from;
    let linear = TimeAxis::linear(from as f64, to as f64);
    if n == 0 {
        return linear;
    }
    let mut active = vec![false; n];
    active[0] = true;
    for run in runs {
        let series = &run.outcome.series;
        let top_liquidation = series.liquidated_notional.iter().copied().fold(0.0, f64::max);
        let start = run.outcome.summary.start_price;
        let step = |t: usize| {
            let before = if t == 0 { start } else { series.price[t - 1] };
            (series.price[t] - before).abs()
        };
        let steps = (0..series.price.len()).map(step).filter(|s| s.is_finite());
        let least_step = STEP_SHARE * steps.fold(0.0, f64::max);
        for (i, flag) in active.iter_mut().enumerate() {
            let t = from + i;
            let liquidated = series.liquidated_notional.get(t).copied().unwrap_or(0.0);
            let moved = if t < series.price.len() { step(t) } else { 0.0 };
            if (top_liquidation > 0.0 && liquidated >= LIQUIDATION_SHARE * top_liquidation)
                || (least_step > 0.0 && moved >= least_step)
            {
                *flag = true;
            }
        }
    }
    // Pad each active tick, then keep only long quiet stretches as squeezable.
    let mut keep = vec![false; n];
    for i in (0..n).filter(|&i| active[i]) {
        let lo = i.saturating_sub(PAD_BEFORE);
        let hi = (i + PAD_AFTER + 1).min(n);
        keep[lo..hi].iter_mut().for_each(|k| *k = true);
    }
    let min_quiet = MIN_QUIET.max((MIN_QUIET_SHARE * n as f64).ceil() as usize);
    let mut quiet: Vec<(usize, usize)> = vec![];
    let mut i = 0;
    while i < n {
        if keep[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && !keep[i] {
            i += 1;
        }
        if i - start >= min_quiet {
            quiet.push((start, i));
        }
    }
    let squeezed: usize = quiet.iter().map(|(a, b)| b - a).sum();
    let kept = n - squeezed;
    if squeezed == 0 {
        return linear;
    }
    // Squeezed ticks share QUIET_SHARE of the axis (or less, if they fit at a round factor).
    let factor = (squeezed as f64 * (1.0 - QUIET_SHARE) / (QUIET_SHARE * kept as f64)).ceil();
    if factor < MIN_SQUEEZE {
        return linear;
    }
    let mut knots = vec![(from as f64, from as f64)];
    let mut position = from as f64;
    let mut last = 0;
    for &(a, b) in &quiet {
        // (A quiet stretch never starts at 0, which is active.)
        position += (a - last) as f64;
        knots.push(((from + a) as f64, position));
        position += (b - a) as f64 / factor;
        knots.push(((from + b) as f64, position));
        last = b;
    }
    if last < n {
        position += (n - last) as f64;
        knots.push((to as f64, position));
    }
    TimeAxis { knots, squeeze: factor }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_maps_ticks_piece_by_piece() {
        let axis = TimeAxis {
            knots: vec![(0.0, 0.0), (10.0, 10.0), (110.0, 15.0), (120.0, 25.0)],
            squeeze: 20.0,
        };
        let at: Vec<f64> = [-2.0, 0.0, 3.5, 10.0, 60.0, 110.0, 115.0, 120.0, 130.0]
            .iter()
            .map(|&t| axis.at(t))
            .collect();
        assert_eq!(at, vec![-2.0, 0.0, 3.5, 10.0, 12.5, 15.0, 20.0, 25.0, 35.0]);
        assert_eq!(axis.span(), (0.0, 25.0));
        assert_eq!(axis.ticks(), (0.0, 120.0));
        let stretches: Vec<_> = axis.stretches().collect();
        assert_eq!(stretches, vec![(0.0, 10.0, false), (10.0, 110.0, true), (110.0, 120.0, false)]);
    }
}
