//! Buyers who come back, and sellers who pile in: the two crowds outside the population that
//! turn a one-way cascade into a fall and a rebound.
//!
//! **Dip buyers** (`dipBuyerCapital`, `dipBuyerDiscountPct`) are value traders and market
//! makers with inventory room: once the price stands more than `dipBuyerDiscountPct` below the
//! start price, their estimate of value, they buy, the more the deeper the discount, until their
//! capital is spent. Each traded tick they buy
//!
//! > B = min(capital left, [`BUY_SPEED`] · (d − d₀) · D)
//!
//! where d is the discount in %, d₀ their threshold and D the book's depth per 1 % at that
//! tick: a buyer that would close the gap at once pays for its own impact, so they close a
//! share of it each tick. This is the "fundamentalist" of Thurner, Farmer & Geanakoplos (2012)
//! and the value trader of Kyle's and Grossman–Miller's models, with finite capital as in
//! Brunnermeier & Pedersen (2009): how far a fall goes depends on how much capital is standing
//! by. After 19 May 2021, BTC rebounded by about $10 k within hours of its low (DOMAIN.md).
//!
//! **Momentum shorts** (`momentumShorts`): traders who see a wave of long liquidations sell
//! into it and open new short positions, m dollars for every dollar of longs liquidated in the
//! tick, at the population's mean leverage (capped by the tier table) and at the price their
//! own sale fills at. Their sale deepens the fall; when the dip buyers lift the price, they are
//! the shorts that get liquidated on the way up, as on 10 Oct 2025 and 19 May 2021, when about a
//! tenth to a sixth of the liquidated notional was short (DOMAIN.md §9). Each tick's new shorts
//! are split into three positions at half, once and twice that leverage, so they do not all
//! fall at one price.
//!
//! Both are off by default (capital 0, m = 0), which leaves every earlier result unchanged.

use super::num::min;
use super::params::Params;

/// Share of the gap between the discount and the buyers' threshold (in % of the price, times
/// the depth per 1 %) bought in one tick: with a book that kept its impact, about a twentieth of
/// the gap closes each tick, half of it in about 14 ticks. The model's calibration, not measured.
pub const BUY_SPEED: f64 = 0.05;

/// The leverages of each tick's new shorts, as multiples of the population's mean leverage.
pub const SHORT_LEVERAGE_MULTIPLES: [f64; 3] = [0.5, 1.0, 2.0];

/// Value buyers with finite capital.
#[derive(Clone, Debug)]
pub struct DipBuyers {
    left: f64,
    threshold: f64,
    reference: f64,
}

impl DipBuyers {
    /// Their capital and threshold from `params`, their value the start price.
    pub fn new(params: &Params) -> DipBuyers {
        DipBuyers {
            left: params.dip_buyer_capital,
            threshold: params.dip_buyer_discount_pct,
            reference: params.start_price,
        }
    }

    /// Their capital not yet spent, USD.
    pub fn left(&self) -> f64 {
        self.left
    }

    /// What they buy at `price` with `depth` USD per 1 % in the book, USD; 0 above their
    /// threshold or once their capital is spent.
    pub fn buy(&mut self, price: f64, depth: f64) -> f64 {
        let gap = (1.0 - price / self.reference) * 100.0 - self.threshold;
        if gap <= 0.0 || self.left <= 0.0 {
            return 0.0;
        }
        let amount = min(self.left, BUY_SPEED * gap * depth);
        self.left -= amount;
        amount
    }
}
