//! The order book: how forced flow moves the price, and how the book refills.
//!
//! The price is kept as a log return from the start, x = ln(P ÷ start), so an untouched market
//! stays exactly at its start price. It has three parts:
//!
//!   x = news + φ · g(F) + (1 − φ) · g(M)
//!
//! - `news` is the exogenous part: the shock and the per-tick noise;
//! - g is the impact law: the log move of a flow of Q USD (at the fill price, buys positive),
//!   g(Q) = Q ÷ (100 · depthPerPct) under the linear law (Kyle 1985: depthPerPct USD moves the
//!   price 1 %), or g(Q) = sign(Q) · 0.01 · √(|Q| ÷ depthPerPct) under the square-root law
//!   (Donier & Bonart 2015), the two agreeing at Q = depthPerPct;
//! - F is all the net flow so far, and a share φ = `permanentImpact` of its impact is permanent
//!   (information);
//! - M is the same flow as a **metaorder with memory**: it decays each tick so that its impact
//!   g(M) halves every `recoveryHalfLife` ticks as liquidity providers refill the book (Obizhaeva &
//!   Wang 2013 resilience): M ← M · 2^(−1/h) under the linear law, M ← M · 2^(−2/h) under the
//!   square-root law, since g(M) ∝ √M there.
//!
//! A new flow q moves the price by φ (g(F + q) − g(F)) + (1 − φ) (g(M + q) − g(M)). Under the
//! linear law that is φ g(q) + (1 − φ) g(q) = g(q), the classic permanent-plus-transient split (and
//! the closed form of docs/MODEL.md). Under the square-root law the impact of a sale depends on
//! the selling that came just before it, as the law's metaorders do (Tóth et al. 2011): selling
//! the same total in slices moves the price no further than selling it at once, and less when the
//! book refills in between, because g is concave and F and M grow by the same amounts. Treating each
//! tick's flow as a fresh order instead made a throttled sale cost more impact than a single one.
//!
//! Gatheral (2010) shows that exponentially decaying impact is only free of price manipulation
//! when it is linear; the square-root option pairs the two anyway, as a teaching simplification.

use super::num::{max, min};
use super::params::{ImpactLaw, Params};

/// The log return may not leave ± this, so prices stay finite and above zero however
/// extreme the flow (e^−60 of the start is far below anything a real book reaches).
const MAX_LOG_MOVE: f64 = 30.0;

/// Price state of the market.
#[derive(Clone, Debug)]
pub struct Market {
    start: f64,
    /// Exogenous log move (shock and noise).
    news: f64,
    /// The permanent and the transient log moves of impact so far, φ g and (1 − φ) g summed
    /// trade by trade at the depth of each trade's time, so a change of depth (liquidity.rs)
    /// moves no price by itself.
    permanent_x: f64,
    transient_x: f64,
    /// Net flow so far, USD (F).
    flow: f64,
    /// The net flow as a decaying metaorder, USD (M).
    memory: f64,
    /// M's decay per tick, and the transient move's.
    decay: f64,
    transient_decay: f64,
    /// This tick's net flow, USD.
    tick_flow: f64,
    depth: f64,
    permanent: f64,
    law: ImpactLaw,
    /// The book's side of every trade, as an account of its own (the market makers who take
    /// the other side): the coins they hold and the cash they paid or received.
    book_coins: f64,
    book_cash: f64,
    /// The mark's two index prices (index.rs): the index, and the index plus the basis's moving
    /// average. `None` marks at the last price.
    anchor: Option<(f64, f64)>,
    /// The last price, `at(permanent_x + transient_x)`, kept since the moves last changed
    /// (`moved`): asked for several times per order, it then costs no exponential.
    last: f64,
}

impl Market {
    /// A market at `params.startPrice` with no impact outstanding.
    pub fn new(params: &Params) -> Market {
        let per_half_life = match params.impact_law {
            ImpactLaw::Linear => 1.0,
            ImpactLaw::Sqrt => 2.0,
        };
        let per_tick = -std::f64::consts::LN_2 / params.recovery_half_life;
        Market {
            start: params.start_price,
            news: 0.0,
            permanent_x: 0.0,
            transient_x: 0.0,
            flow: 0.0,
            memory: 0.0,
            decay: libm::exp(per_half_life * per_tick),
            transient_decay: libm::exp(per_tick),
            tick_flow: 0.0,
            depth: params.depth_per_pct,
            permanent: params.permanent_impact,
            law: params.impact_law,
            book_coins: 0.0,
            book_cash: 0.0,
            anchor: None,
            last: params.start_price,
        }
    }

    /// A spot market beside the perpetual (index.rs): the same book rules at `depth`.
    pub fn spot(params: &Params, depth: f64) -> Market {
        Market { depth, ..Market::new(params) }
    }

    /// The last price: where the next trade starts.
    #[inline]
    pub fn price(&self) -> f64 {
        self.last
    }

    /// Keeps the last price up to date after the news or the impact moved.
    fn moved(&mut self) {
        self.last = self.at(self.permanent_x + self.transient_x);
    }

    /// The mark price positions are judged at: the last price, or, once [`Market::anchor_to`]
    /// has given the index, the median of the index, the index plus the basis's average, and the
    /// last price, which moves with every trade of the tick.
    #[inline]
    pub fn mark(&self) -> f64 {
        self.mark_at(self.price())
    }

    /// The mark when the last price is `last`.
    #[inline]
    pub fn mark_at(&self, last: f64) -> f64 {
        match self.anchor {
            None => last,
            Some((a, b)) => median(a, b, last),
        }
    }

    /// Marks on the index from now on: `index` and `index + averaged basis` (index.rs).
    pub fn anchor_to(&mut self, index: f64, index_plus_basis: f64) {
        self.anchor = Some((index, index_plus_basis));
    }

    /// Moves the price by `dx` in log terms (news, the shock, noise).
    pub fn news(&mut self, dx: f64) {
        self.news = (self.news + dx).clamp(-MAX_LOG_MOVE, MAX_LOG_MOVE);
        self.moved();
    }

    /// One tick of book recovery: the metaorder's memory and the transient move decay, and a
    /// new tick's flow starts.
    pub fn recover(&mut self) {
        self.memory *= self.decay;
        self.transient_x *= self.transient_decay;
        self.tick_flow = 0.0;
        self.moved();
    }

    /// The depth for the ticks ahead (liquidity.rs); impact already done stays where it is.
    pub fn set_depth(&mut self, depth: f64) {
        self.depth = depth;
    }

    /// This tick's net flow so far, USD (buys positive).
    pub fn tick_flow(&self) -> f64 {
        self.tick_flow
    }

    /// The log-price move g(Q) of a net flow of `flow` USD (buys positive) on a fresh book.
    pub fn impact(&self, flow: f64) -> f64 {
        match self.law {
            ImpactLaw::Linear => flow / (100.0 * self.depth),
            ImpactLaw::Sqrt => 0.01 * (flow.abs() / self.depth).sqrt().copysign(flow),
        }
    }

    /// The flow (USD, buys positive) whose impact g on a calm book is the log move `dx`: the
    /// inverse of [`Market::impact`].
    pub fn flow_for(&self, dx: f64) -> f64 {
        match self.law {
            ImpactLaw::Linear => dx * 100.0 * self.depth,
            ImpactLaw::Sqrt => self.depth * (dx / 0.01).powi(2) * dx.signum(),
        }
    }

    /// The price after a flow of `flow` USD, without applying it.
    pub fn price_after(&self, flow: f64) -> f64 {
        let (dp, dt) = self.moves(flow);
        self.at(self.permanent_x + dp + self.transient_x + dt)
    }

    /// The permanent and transient log moves a flow adds: the increments of g from F and M.
    #[inline]
    fn moves(&self, flow: f64) -> (f64, f64) {
        let permanent = self.permanent * (self.impact(self.flow + flow) - self.impact(self.flow));
        let transient =
            (1.0 - self.permanent) * (self.impact(self.memory + flow) - self.impact(self.memory));
        (permanent, transient)
    }

    /// Executes a net flow of `flow` USD (valued at the price before it) against the book and
    /// returns the new price. The trader's coins, flow ÷ price before, fill at the walk's
    /// average price, the geometric mean of the prices before and after; the book takes the
    /// other side at that price.
    pub fn trade(&mut self, flow: f64) -> f64 {
        let before = self.price();
        let (dp, dt) = self.moves(flow);
        self.permanent_x += dp;
        self.transient_x += dt;
        self.flow += flow;
        self.memory += flow;
        self.tick_flow += flow;
        self.moved();
        let after = self.price();
        let coins = flow / before;
        self.book_coins -= coins;
        self.book_cash += coins * (before * after).sqrt();
        after
    }

    /// The book's account valued at `mark`: its cash and its coins (conservation audit).
    pub fn book_value(&self, mark: f64) -> f64 {
        self.book_cash + self.book_coins * mark
    }

    /// The flow (USD, buys positive) that would move the price to `target`, found by bisection
    /// on the price after it, which rises with the flow: exact to a few parts in 10^15 of the
    /// log price after 100 halvings of a bracket that starts at one unit of depth and doubles.
    pub fn flow_to(&self, target: f64) -> f64 {
        let now = self.price();
        if target == now {
            return 0.0;
        }
        let aim = Aim::new(self, target, if target > now { 1.0 } else { -1.0 });
        // The halving below ends on the last flow that does not reach the target, next to the
        // first that does, and there is only one such flow (the answer rises with the flow), so
        // a search that starts next to it finds the same one, in a fraction of the steps.
        if let Some(flow) = self.last_short(&aim) {
            return flow;
        }
        let (mut near, mut far) = (0.0, aim.sign * self.depth);
        for _ in 0..200 {
            if self.reaches(far, &aim) {
                break;
            }
            (near, far) = (far, 2.0 * far);
        }
        for _ in 0..100 {
            let mid = 0.5 * (near + far);
            let at_an_end = mid == near || mid == far;
            if self.reaches(mid, &aim) {
                far = mid;
            } else {
                near = mid;
            }
            // Once the middle is one of the ends, the bracket can no longer move: every later
            // halving would find the same middle and leave it as it is.
            if at_an_end {
                break;
            }
        }
        near
    }

    /// For [`Market::flow_to`]: the first place k (in [`Aim::place`]'s order) at which the
    /// number there is past the aim, for a search along which that is false and then true as k
    /// rises: found by galloping out from `start` in steps that double, then halving. None when
    /// it is not within 2^40 places.
    fn first_past(&self, aim: &Aim, start: i64, searched: Searched) -> Option<i64> {
        let past = |k: i64| {
            let x = aim.at(k);
            match searched {
                Searched::LogMove => {
                    x.abs() < MAX_LOG_MOVE && aim.sign * (self.at_move(x) - aim.target) >= 0.0
                }
                Searched::Flow => self.reaches(x, aim),
            }
        };
        // Gallop away from `start`, downwards if it is already past, until a probe is on the
        // other side; then halve between the last two probes.
        let downwards = past(start);
        let mut last = start;
        for step in 0..40 {
            let probe =
                if downwards { last.checked_sub(1 << step)? } else { last.checked_add(1 << step)? };
            if past(probe) != downwards {
                let (mut before, mut after) = if downwards { (probe, last) } else { (last, probe) };
                while after - before > 1 {
                    let mid = before + (after - before) / 2;
                    if past(mid) {
                        after = mid;
                    } else {
                        before = mid;
                    }
                }
                return Some(after);
            }
            last = probe;
        }
        None
    }

    /// For [`Market::flow_to`]: whether `flow` takes the price to the target, that is whether
    /// start · exp(X) is at or past it, where X is the log move after the flow, news included.
    /// That price rises with X, so the answer only asks on which side of one threshold X lies
    /// ([`Aim::new`]), and comes without an exponential, the same as the price itself would
    /// give. ("Rises" assumes that `libm::exp`, accurate to within one unit in the last place,
    /// never steps back between neighbouring inputs; a review scanned about a billion
    /// neighbours around its branch points and found none that did.) Outside the range the
    /// price is clamped to, or without a threshold, it asks the price.
    #[inline(never)] // one copy for the three searches that ask it; a call costs nothing here
    fn reaches(&self, flow: f64, aim: &Aim) -> bool {
        let (dp, dt) = self.moves(flow);
        let x = self.news + (self.permanent_x + dp + self.transient_x + dt);
        match aim.threshold {
            Some(t) if x.abs() < MAX_LOG_MOVE => aim.place(x) >= t,
            _ => aim.sign * (self.price_after(flow) - aim.target) >= 0.0,
        }
    }

    /// For [`Market::flow_to`], under the linear law: the last flow in the aim's direction that
    /// does not reach the target, searched from the flow that moves the log price to the
    /// threshold in exact arithmetic. It is what the halving of `flow_to` ends on when that
    /// ends on two neighbouring numbers, which is so when the flow is at least 2^−44 units of
    /// depth: from a bracket of one unit, the halving then needs at most about 97 of its 100
    /// halvings to reach neighbouring numbers (52 for the flow's own precision, 44 to come
    /// down to it, with room to spare). None for smaller flows, or when the search strays.
    fn last_short(&self, aim: &Aim) -> Option<f64> {
        let t = aim.threshold.filter(|_| self.law == ImpactLaw::Linear)?;
        let moved = aim.at(t);
        let guess =
            (moved - (self.news + self.permanent_x + self.transient_x)) * 100.0 * self.depth;
        if !guess.is_finite() || aim.sign * guess <= 0.0 {
            return None;
        }
        let first = self.first_past(aim, aim.place(guess), Searched::Flow)?;
        let flow = aim.at(first - 1);
        // In the aim's direction, and not too small (a place at or below zero is none).
        (aim.sign * flow / self.depth >= TWO_TO_MINUS_44).then_some(flow)
    }

    /// The price at log move `x` of impact from the start, with the news.
    fn at(&self, x: f64) -> f64 {
        self.at_move(self.news + x)
    }

    /// The price at log move `x` from the start, news included.
    fn at_move(&self, x: f64) -> f64 {
        self.start * libm::exp(x.clamp(-MAX_LOG_MOVE, MAX_LOG_MOVE))
    }
}

/// 2^−44: the smallest flow, in units of depth, that [`Market::last_short`] answers for.
const TWO_TO_MINUS_44: f64 = 5.684_341_886_080_802e-14;

/// Where [`Market::flow_to`] aims: the target price, the direction (`sign` 1 up, −1 down), and
/// the threshold of the log move X, news included, from which the price start · exp(X) is at or
/// past the target, as a place in the order `place`. None outside the range the price is
/// clamped to, and when the search from the target's own log move does not find it within 2^40
/// places (a log move within about 10^−12 of zero, where places are very fine): every
/// question then asks the price itself.
struct Aim {
    target: f64,
    sign: f64,
    threshold: Option<i64>,
}

impl Aim {
    /// Finds the threshold on the price itself, galloping out from the target's own log move.
    fn new(market: &Market, target: f64, sign: f64) -> Aim {
        let unaimed = Aim { target, sign, threshold: None };
        let goal = libm::log(target / market.start);
        let threshold = if goal.abs() < MAX_LOG_MOVE {
            market.first_past(&unaimed, unaimed.place(goal), Searched::LogMove)
        } else {
            None
        };
        Aim { threshold, ..unaimed }
    }

    /// A number's place in the aim's direction: rising with the number when aiming up, falling
    /// when aiming down.
    fn place(&self, x: f64) -> i64 {
        if self.sign > 0.0 {
            ordered(x)
        } else {
            -ordered(x)
        }
    }

    /// The number at place `k` (the inverse of [`Aim::place`]).
    fn at(&self, k: i64) -> f64 {
        unordered(if self.sign > 0.0 { k } else { -k })
    }
}

/// What [`Market::first_past`] searches along: log moves, news included (at or past the
/// target when the price there is), or flows (past when they reach it, [`Market::reaches`]).
#[derive(Clone, Copy)]
enum Searched {
    LogMove,
    Flow,
}

/// A number's place in the order of all finite numbers, as an integer: `ordered(a) < ordered(b)`
/// exactly when a < b (−0 just below +0), and neighbouring numbers differ by one.
fn ordered(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    if bits < 0 {
        bits ^ i64::MAX
    } else {
        bits
    }
}

/// The number at place `k` of [`ordered`].
fn unordered(k: i64) -> f64 {
    f64::from_bits((if k < 0 { k ^ i64::MAX } else { k }) as u64)
}

/// The middle one of three numbers.
fn median(a: f64, b: f64, c: f64) -> f64 {
    min(max(a, b), max(min(a, b), c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    /// `flow_to` as it was, every halving on the price itself: the shortcut must find the very
    /// same flow, to the last bit.
    fn flow_to_on_prices(m: &Market, target: f64) -> f64 {
        let now = m.price();
        if target == now {
            return 0.0;
        }
        let sign = if target > now { 1.0 } else { -1.0 };
        let (mut near, mut far) = (0.0, sign * m.depth);
        for _ in 0..200 {
            if sign * (m.price_after(far) - target) >= 0.0 {
                break;
            }
            (near, far) = (far, 2.0 * far);
        }
        for _ in 0..100 {
            let mid = 0.5 * (near + far);
            if sign * (m.price_after(mid) - target) >= 0.0 {
                far = mid;
            } else {
                near = mid;
            }
        }
        near
    }

    #[test]
    fn flow_to_finds_the_same_flow_as_halving_on_prices_alone() {
        // Both laws, books from $10 k to $10 B per 1 %, news and past trades moving the price
        // up to ±3 in log, targets from a hair to far away on either side, and targets at
        // bankruptcy prices of 1x longs (0) and very high leverage (a hair below the price).
        let mut rng = Rng::new(11, 0);
        let mut cases = 0;
        let mut searched = 0;
        for case in 0..4000 {
            let law = if case % 2 == 0 { ImpactLaw::Linear } else { ImpactLaw::Sqrt };
            let depth = 1e4 * 1e6f64.powf(rng.uniform());
            let params = Params {
                impact_law: law,
                depth_per_pct: depth,
                permanent_impact: rng.uniform(),
                ..Params::default()
            };
            let mut m = Market::new(&params);
            m.news(6.0 * rng.uniform() - 3.0);
            for _ in 0..3 {
                m.trade((rng.uniform() - 0.5) * depth * 200.0);
                m.recover();
            }
            let now = m.price();
            let target = match case % 5 {
                0 => 0.0,
                1 => now * (1.0 - 1e-12 * rng.uniform()),
                2 => now * (1.0 + 1e-9 * rng.uniform()),
                _ => now * libm::exp(4.0 * rng.uniform() - 2.0),
            };
            let (fast, slow) = (m.flow_to(target), flow_to_on_prices(&m, target));
            assert_eq!(fast.to_bits(), slow.to_bits(), "case {case}: {fast} vs {slow}");
            cases += usize::from(fast != 0.0);
            // How often the search from the closed-form guess answered, not the halving.
            let sign = if target > now { 1.0 } else { -1.0 };
            searched += usize::from(m.last_short(&Aim::new(&m, target, sign)).is_some());
        }
        assert!(cases > 3000, "only {cases} cases moved the price");
        assert!(searched > 1200, "the search answered only {searched} of 2,000 linear cases");
    }

    #[test]
    fn flow_to_matches_the_halving_at_its_edges() {
        // Where the search's guards matter: targets one to 64 neighbouring numbers from the
        // price (answers near 2^-44 units of depth and below; about 700 cases lie below 2^-48),
        // news at the ±30 the price is clamped to with targets a few numbers from
        // start · e^±30, and targets that are no price.
        let mut rng = Rng::new(12, 0);
        let step = |x: f64, n: i64| unordered(ordered(x) + n);
        for case in 0..20_000 {
            let depth = 1e4 * 1e6f64.powf(rng.uniform());
            let params = Params {
                depth_per_pct: depth,
                permanent_impact: rng.uniform(),
                ..Params::default()
            };
            let mut m = Market::new(&params);
            let edge = case % 4 == 3;
            let side = if rng.uniform() < 0.5 { -1.0 } else { 1.0 };
            if edge {
                m.news(side * (MAX_LOG_MOVE - 1e-9 * rng.uniform()));
            } else {
                m.news(side * libm::exp(6.0 * rng.uniform() - 4.6));
                if case % 3 == 0 {
                    m.trade((rng.uniform() - 0.5) * depth * 20.0);
                }
            }
            let now = m.price();
            let ulps = 1 + (rng.uniform().powi(4) * 63.0) as i64;
            let target = match case % 8 {
                3 | 7 => step(
                    m.start * libm::exp(side * MAX_LOG_MOVE),
                    if rng.uniform() < 0.5 { -ulps } else { ulps },
                ),
                5 => [f64::NAN, f64::INFINITY, -1.0, f64::MIN_POSITIVE][case / 8 % 4],
                _ => step(now, if rng.uniform() < 0.5 { -ulps } else { ulps }),
            };
            let (fast, slow) = (m.flow_to(target), flow_to_on_prices(&m, target));
            assert_eq!(fast.to_bits(), slow.to_bits(), "case {case}: {fast} vs {slow}");
        }
    }

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
    fn transient_impact_halves_in_a_half_life_under_both_laws() {
        for law in [ImpactLaw::Linear, ImpactLaw::Sqrt] {
            let params = Params {
                permanent_impact: 0.0,
                recovery_half_life: 10.0,
                impact_law: law,
                ..Params::default()
            };
            let mut m = Market::new(&params);
            m.trade(-params.depth_per_pct * 10.0);
            let moved = libm::log(m.price() / 100.0);
            for _ in 0..10 {
                m.recover();
            }
            let after = libm::log(m.price() / 100.0);
            assert!((after / moved - 0.5).abs() < 1e-12, "{law:?}");
        }
    }

    #[test]
    fn slicing_a_sale_never_adds_square_root_impact() {
        // $400 M sold at once, or in 2, 4, 10 or 40 slices one tick apart: the price after the
        // last slice is never lower than after the single sale, and each slice's price is above it.
        let base = Params { impact_law: ImpactLaw::Sqrt, ..Params::default() };
        let total = 4.0 * base.depth_per_pct;
        let mut once = Market::new(&base);
        let at_once = once.trade(-total);
        assert!((libm::log(at_once / 100.0) + 0.02).abs() < 1e-12, "√4 = 2 %");
        for permanent in [0.0, 0.5, 1.0] {
            for slices in [2, 4, 10, 40] {
                let mut m = Market::new(&Params { permanent_impact: permanent, ..base.clone() });
                for _ in 0..slices {
                    m.recover();
                    let p = m.trade(-total / f64::from(slices));
                    assert!(p >= at_once * (1.0 - 1e-12), "{permanent} {slices}: {p}");
                }
            }
        }
        // With no time between slices, slicing changes nothing at all.
        let mut m = Market::new(&base);
        for _ in 0..10 {
            m.trade(-total / 10.0);
        }
        assert!((m.price() / at_once - 1.0).abs() < 1e-12);
    }
}
