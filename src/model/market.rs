//! The order book: how forced flow moves the price, and how the book refills.
//!
//! The price is kept as a log return from the start, x = ln(P ÷ start), split in two parts,
//! x = x_perm + x_trans (so an untouched market stays exactly at its start price):
//! - net flow Q (USD at the fill price, buys positive) moves x by Δ = Q ÷ (100 · depthPerPct)
//!   under the linear law (Kyle 1985: depthPerPct USD moves the price 1 %), or by
//!   Δ = sign(Q) · 0.01 · √(|Q| ÷ depthPerPct) under the square-root law (Donier & Bonart 2015),
//!   the two agreeing at Q = depthPerPct;
//! - a share `permanentImpact` of Δ is permanent (information), the rest is transient and decays
//!   with half-life `recoveryHalfLife` ticks as liquidity providers refill the book
//!   (Obizhaeva & Wang 2013 resilience: x_trans ← x_trans · 2^(−1/h) each tick);
//! - exogenous news (the shock, per-tick noise) moves x_perm.
//!
//! Gatheral (2010) shows that exponentially decaying impact is only free of price manipulation
//! when it is linear; the square-root option pairs the two anyway, as a teaching simplification.

use super::params::{ImpactLaw, Params};

/// The log return may not leave ± this, so prices stay finite and above zero however
/// extreme the flow (e^−60 of the start is far below anything a real book reaches).
const MAX_LOG_MOVE: f64 = 30.0;

/// Price state of the market.
#[derive(Clone, Debug)]
pub struct Market {
    start: f64,
    perm: f64,
    trans: f64,
    decay: f64,
    depth: f64,
    permanent: f64,
    law: ImpactLaw,
}

impl Market {
    /// A market at `params.startPrice` with no impact outstanding.
    pub fn new(params: &Params) -> Market {
        Market {
            start: params.start_price,
            perm: 0.0,
            trans: 0.0,
            decay: libm::exp(-std::f64::consts::LN_2 / params.recovery_half_life),
            depth: params.depth_per_pct,
            permanent: params.permanent_impact,
            law: params.impact_law,
        }
    }

    /// Current (mark) price.
    #[inline]
    pub fn price(&self) -> f64 {
        self.start * libm::exp(self.perm + self.trans)
    }

    /// Moves the permanent price by `dx` in log terms (news, the shock, noise).
    pub fn news(&mut self, dx: f64) {
        self.perm = self.clamped_perm(dx);
    }

    /// One tick of book recovery: the transient part of impact decays.
    pub fn recover(&mut self) {
        self.trans *= self.decay;
    }

    /// The log-price move that a net flow of `flow` USD (buys positive) causes.
    pub fn impact(&self, flow: f64) -> f64 {
        match self.law {
            ImpactLaw::Linear => flow / (100.0 * self.depth),
            ImpactLaw::Sqrt => 0.01 * (flow.abs() / self.depth).sqrt().copysign(flow),
        }
    }

    /// The price after a flow of `flow` USD, without applying it.
    pub fn price_after(&self, flow: f64) -> f64 {
        let dx = self.impact(flow);
        let x = self.clamped_perm(self.permanent * dx)
            + self.clamped_trans((1.0 - self.permanent) * dx);
        self.start * libm::exp(x)
    }

    /// Executes a net flow of `flow` USD against the book and returns the new price.
    pub fn trade(&mut self, flow: f64) -> f64 {
        let dx = self.impact(flow);
        self.perm = self.clamped_perm(self.permanent * dx);
        self.trans = self.clamped_trans((1.0 - self.permanent) * dx);
        self.price()
    }

    fn clamped_perm(&self, dx: f64) -> f64 {
        (self.perm + dx).clamp(-MAX_LOG_MOVE, MAX_LOG_MOVE)
    }

    fn clamped_trans(&self, dx: f64) -> f64 {
        (self.trans + dx).clamp(-MAX_LOG_MOVE, MAX_LOG_MOVE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_per_pct_moves_the_price_one_percent() {
        let params = Params { permanent_impact: 1.0, ..Params::default() };
        let mut m = Market::new(&params);
        let p = m.trade(-params.depth_per_pct);
        assert!((libm::log(p / 100.0) + 0.01).abs() < 1e-12);
    }

    #[test]
    fn laws_agree_at_depth_and_sqrt_is_concave() {
        let lin = Market::new(&Params::default());
        let sqrt = Market::new(&Params { impact_law: ImpactLaw::Sqrt, ..Params::default() });
        let d = Params::default().depth_per_pct;
        assert!((lin.impact(d) - sqrt.impact(d)).abs() < 1e-15);
        assert!(sqrt.impact(4.0 * d) < lin.impact(4.0 * d));
        assert!((sqrt.impact(-4.0 * d) + 0.02).abs() < 1e-15);
    }

    #[test]
    fn transient_impact_halves_in_a_half_life() {
        let params =
            Params { permanent_impact: 0.0, recovery_half_life: 10.0, ..Params::default() };
        let mut m = Market::new(&params);
        m.trade(-params.depth_per_pct * 10.0);
        let moved = libm::log(m.price() / 100.0);
        for _ in 0..10 {
            m.recover();
        }
        let after = libm::log(m.price() / 100.0);
        assert!((after / moved - 0.5).abs() < 1e-12);
    }
}
