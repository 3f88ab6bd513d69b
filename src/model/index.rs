//! The spot index, the mark price built on it, and the arbitrageurs who tie the perpetual to
//! spot (docs/MODEL.md, "Marks, the index and arbitrage").
//!
//! **Spot.** A market of its own (market.rs): the perpetual's book rules at `spotDepthPerPct`.
//! News, the shock's gap and the noise, moves both markets alike: it is news about the coin. The
//! forced selling of the cascade, the sell program, the fund's offloading and the dip buyers all
//! trade on the perpetual; they reach spot only through the arbitrageurs. The index is the spot
//! price: one spot market stands for the basket of exchanges a venue's index averages.
//!
//! **The mark.** With `markPrice: "last"` positions are marked at the perpetual's last trade.
//! With "index" the mark is Binance's: the median of
//! - P1 = index × (1 + funding rate × time to the next funding), here the index (the model has
//!   no funding),
//! - P2 = index + the moving average of the basis (the perpetual's price less the index) over the
//!   last 5 minutes,
//! - the last price.
//!
//! A wick on the perpetual alone then moves the mark only as far as the index or the basis's
//! average has gone: a sale that walks a thin book far below spot liquidates what the index
//! reaches, not what the wick touched, until the basis persists for minutes. The mark decides
//! who is liquidated, and the fund's and ADL's valuations; trades fill at the last price.
//!
//! **Arbitrage.** Arbitrageurs with `arbitrageCapital` buy the perpetual and sell the same coins
//! spot when the perpetual trades more than their round-trip cost ([`COST`]) below spot, and the
//! reverse above, as much as brings the basis back to that cost, within two limits: the position
//! they hold on each side is at most their capital (in coins at the price they trade at), and
//! they trade at most a tenth of it a second ([`RATE`]). They hold the two legs to the end of
//! the run, so they are never liquidated, and the basis they leave is their lag and their leak.
//! With no capital the two markets move apart freely, and the perpetual decouples from spot, as
//! BitMEX's did on 12 March 2020.
//!
//! **Two venues.** With a second perpetual (`secondVenue`), each venue keeps its own mark on the
//! one index, and three desks of arbitrageurs, each with `arbitrageCapital`, trade each pair of
//! markets: the two perpetuals, and each perpetual against spot ([`Desk`]). Selling on one venue
//! then reaches the other directly and through spot, with the same lag and leak.

use super::market::Market;
use super::num::{max, min};
use super::params::{MarkPrice, Params};

/// The arbitrageurs' round-trip cost, as a log basis: taker fees on two legs (about 0.05 % on
/// Binance's futures, DOMAIN.md) and the spread. Set by hand, not from data.
pub const COST: f64 = 0.001;

/// The share of their capital the arbitrageurs can put to work in a second. Set by hand: it
/// stands for the time to move collateral and work orders on two venues; no data says more.
pub const RATE: f64 = 0.1;

/// The window of the basis's moving average in P2, seconds (Binance: 5 minutes).
pub const BASIS_WINDOW_SECONDS: f64 = 300.0;

/// The spot market behind the index.
#[derive(Clone, Debug)]
pub struct Spot {
    /// The spot book; its price is the index.
    pub market: Market,
    active: bool,
}

impl Spot {
    /// The spot market of `params`.
    pub fn new(params: &Params) -> Spot {
        let on_index = |m: MarkPrice| m == MarkPrice::Index;
        let active = on_index(params.mark_price)
            || params.second_venue.as_ref().is_some_and(|v| on_index(v.mark_price))
            || params.arbitrage_capital > 0.0;
        Spot { market: Market::spot(params, params.spot_depth_per_pct), active }
    }

    /// Whether spot plays any part: a venue marks on the index, or arbitrageurs trade. When
    /// not, nothing here runs and each perpetual is a market of its own.
    pub fn active(&self) -> bool {
        self.active
    }

    /// The index: the spot price.
    pub fn index(&self) -> f64 {
        self.market.price()
    }

    /// A new tick on spot: its book refills, and the news arrives.
    pub fn tick(&mut self, news: f64) {
        self.market.recover();
        self.market.news(news);
    }
}

/// One venue's moving average of its basis to the index, for its mark (P2).
#[derive(Clone, Debug)]
pub struct Basis {
    on_index: bool,
    /// The basis of the last `window` ticks, oldest first once full, and their sum.
    basis: Vec<f64>,
    next: usize,
    window: usize,
    sum: f64,
}

impl Basis {
    /// The average a venue with `mark` keeps (none on the last price).
    pub fn new(params: &Params, mark: MarkPrice) -> Basis {
        let window = (BASIS_WINDOW_SECONDS / params.tick_seconds).round().max(1.0) as usize;
        Basis { on_index: mark == MarkPrice::Index, basis: Vec::new(), next: 0, window, sum: 0.0 }
    }

    /// Gives `perp` the index and the basis's average for its mark, on the index.
    pub fn anchor(&self, perp: &mut Market, index: f64) {
        if self.on_index {
            // Ticks before the run had no basis: the window starts full of zeros.
            let average = self.sum / self.window as f64;
            perp.anchor_to(index, index + average);
        }
    }

    /// The end of a tick: the basis of the perpetual's last price to the index joins the
    /// moving average.
    pub fn observe(&mut self, perp_last: f64, index: f64) {
        if !self.on_index {
            return;
        }
        let basis = perp_last - index;
        if self.basis.len() < self.window {
            self.basis.push(basis);
        } else {
            self.sum -= self.basis[self.next];
            self.basis[self.next] = basis;
            self.next = (self.next + 1) % self.window;
        }
        self.sum += basis;
    }
}

/// Arbitrageurs between two markets of the same coin, a and b: a perpetual and spot, or the two
/// perpetuals. Each pair of markets has a desk of its own with `arbitrageCapital`.
#[derive(Clone, Debug)]
pub struct Desk {
    capital: f64,
    per_tick: f64,
    /// Coins held on a and on b (signed: long positive), and the cash each leg cost.
    coins: [f64; 2],
    cash: [f64; 2],
    /// Gross USD they traded, both legs counted once, at a's price.
    traded: f64,
}

impl Desk {
    /// The desk of `params`'s arbitrageurs.
    pub fn new(params: &Params) -> Desk {
        let capital = params.arbitrage_capital;
        Desk {
            capital,
            per_tick: capital * RATE * params.tick_seconds,
            coins: [0.0; 2],
            cash: [0.0; 2],
            traded: 0.0,
        }
    }

    /// The end of a traded tick: the arbitrageurs close what they can of the basis between a
    /// and b. Returns the flows they traded on a and on b, USD at the prices before they traded
    /// (buys positive): opposite coins on the two.
    pub fn arbitrage(&mut self, a: &mut Market, b: &mut Market) -> (f64, f64) {
        if self.capital <= 0.0 {
            return (0.0, 0.0);
        }
        let (p, s) = (a.price(), b.price());
        let gap = libm::log(p / s);
        if gap.abs() <= COST {
            return (0.0, 0.0);
        }
        // Coins bought on a and sold on b (negative: the reverse), within the position limit
        // on each side and the pace.
        let dir = if gap < 0.0 { 1.0 } else { -1.0 };
        let room = max(self.capital / p - dir * self.coins[0], 0.0);
        let most = min(room, self.per_tick / p);
        if most <= 0.0 {
            return (0.0, 0.0);
        }
        // The basis after trading c coins rises with c; stop where it reaches the cost.
        let target = -dir * COST;
        let after = |c: f64| libm::log(a.price_after(c * p) / b.price_after(-c * s)) - target;
        let coins = if dir * after(dir * most) <= 0.0 {
            most
        } else {
            let (mut lo, mut hi) = (0.0, most);
            for _ in 0..60 {
                let mid = 0.5 * (lo + hi);
                if dir * after(dir * mid) < 0.0 {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let c = dir * coins;
        let a_after = a.trade(c * p);
        let b_after = b.trade(-c * s);
        self.coins[0] += c;
        self.cash[0] -= c * (p * a_after).sqrt();
        self.coins[1] -= c;
        self.cash[1] += c * (s * b_after).sqrt();
        self.traded += coins * p;
        (c * p, -c * s)
    }

    /// Gross USD they traded.
    pub fn traded(&self) -> f64 {
        self.traded
    }

    /// Their leg on a (`leg` 0) or on b (1), valued at `price` (conservation audit): each leg
    /// and the book it traded with add up to what they held before.
    pub fn leg_value(&self, leg: usize, price: f64) -> f64 {
        self.cash[leg] + self.coins[leg] * price
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_is_the_middle_of_the_index_the_averaged_basis_and_the_last_price() {
        let params = Params { mark_price: MarkPrice::Index, ..Params::default() };
        let mut perp = Market::new(&params);
        assert_eq!(perp.mark(), perp.price());
        perp.trade(-10.0 * params.depth_per_pct);
        let last = perp.price();
        perp.anchor_to(100.0, 99.0);
        assert_eq!(perp.mark(), 99.0, "last {last} is below both");
        perp.anchor_to(80.0, 70.0);
        assert_eq!(perp.mark(), 80.0, "last {last} is above both");
        perp.anchor_to(95.0, 85.0);
        assert_eq!(perp.mark(), last, "last {last} is between");
    }

    #[test]
    fn arbitrageurs_hold_at_most_their_capital_and_trade_at_most_their_pace() {
        let capital = 5e7;
        let params = Params { arbitrage_capital: capital, ..Params::default() };
        let mut perp = Market::new(&params);
        let mut spot = Spot::new(&params).market;
        let mut desk = Desk::new(&params);
        // A 20 % dent in the perpetual alone: far more than the capital can close.
        perp.trade(-20.0 * params.depth_per_pct);
        let mut total = 0.0;
        for _ in 0..40 {
            let p = perp.price();
            let held = desk.coins[0] * p;
            let (flow, _) = desk.arbitrage(&mut perp, &mut spot);
            assert!(flow <= capital * RATE * (1.0 + 1e-12), "{flow} in a tick");
            assert!(flow >= 0.0);
            total += flow / p;
            // The limit is in coins at the price they trade at: they add to what they hold
            // only up to the capital.
            assert!(flow == 0.0 || held + flow <= capital * (1.0 + 1e-9), "{held} + {flow}");
        }
        assert!((desk.coins[0] - total).abs() < 1e-9 * total);
        assert!(desk.coins[0] * perp.price() > 0.9 * capital, "near the limit");
        assert!(libm::log(perp.price() / spot.price()) < -COST, "the capital ran out first");
    }

    #[test]
    fn the_basis_average_covers_five_minutes_of_ticks() {
        let params =
            Params { mark_price: MarkPrice::Index, tick_seconds: 60.0, ..Params::default() };
        let mut average = Basis::new(&params, MarkPrice::Index);
        assert_eq!(average.window, 5);
        let mut perp = Market::new(&params);
        for basis in [-5.0, -5.0, -5.0, -5.0, -5.0, -5.0, 0.0] {
            average.observe(100.0 + basis, 100.0);
        }
        // The last five: four at −5 and one at 0.
        average.anchor(&mut perp, 100.0);
        perp.trade(-50.0 * params.depth_per_pct);
        assert!((perp.mark() - (100.0 - 4.0)).abs() < 1e-12, "{}", perp.mark());
    }
}
