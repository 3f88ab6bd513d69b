//! Liquidity that withdraws under stress: the depth of the book falls as recent realised
//! volatility and one-sided flow rise, and comes back with a half-life as the market calms.
//!
//! Market makers quote less size when prices move fast and flow runs one way, because they
//! are the ones left holding it (the inventory risk of Ho & Stoll 1981; Kyle's λ rises with the
//! uncertainty makers face). On 10 Oct 2025 Kaiko described books that "appeared empty", with
//! bids only 4–10 % from the mid, and other post-mortems reported depth down by over 90 %
//! (DOMAIN.md §9).
//!
//! The rule, each tick, from that tick's log return r and net flow Q (USD, buys positive):
//! - v² ← k v² + (1 − k) r² and q ← k q + (1 − k) Q, moving averages with a half-life of
//!   [`HALF_LIFE`] ticks, so stress builds over seconds and fades as the market calms;
//! - stress s = 1 − exp(−(max(v − σ, 0) ÷ [`VOL_SCALE`] + |q| ÷ ([`FLOW_SCALE`] · D₀))), where σ
//!   is the background noise per tick (`volatilityPct`): noise alone thins the book little (only
//!   its random excursions above its own level count), so a calm market keeps most of its book;
//! - depth D = D₀ · (1 − w · [`MOST_WITHDRAWN`] · s), with w = `liquidityWithdrawal` in [0, 1].
//!
//! At w = 0 the depth is `depthPerPct` every tick, as before. The scales are this model's
//! calibration, not measured: with w = 1 a fall of the size of 10 Oct 2025 (about 12 % within
//! minutes) thins the book by at least 80 % at its worst tick (a test holds it), and a book never
//! keeps less than 5 % of its depth, the bids still standing 4–10 % from the mid that day.

use super::params::Params;

/// Half-life of the stress measures, in ticks (invented: seconds to a minute).
pub const HALF_LIFE: f64 = 20.0;
/// Volatility in excess of the background noise, in log return per tick, that builds one unit
/// of stress (1 % a tick). A 5 % gap alone builds about one unit.
pub const VOL_SCALE: f64 = 0.01;
/// Average net flow per tick, as a share of the depth that moves the price 1 %, that builds one
/// unit of stress (1.6 %: a steady sale that alone would move a calm book about 1 % a minute).
/// Calibrated so that a sale taking the price down about 12 % within three minutes, with the book
/// withdrawing, thins it by at least 80 % at its worst tick (tests/model.rs).
pub const FLOW_SCALE: f64 = 0.016;
/// The most of its depth a book gives up, at w = 1 and full stress.
pub const MOST_WITHDRAWN: f64 = 0.95;
/// Half-life of the stress measures while trading is halted, in ticks: nothing trades, so no
/// one-sided flow reaches the makers, and a pause is the time to post bids again (CME's Stop Logic
/// pause "provides an opportunity for additional bids or offers to be posted"). Invented:
/// after five ticks of pause the stress measures keep 1/32 of what they held, and the book
/// reopens at about nine tenths of its calm depth (`may-2010`: 87–90 %).
pub const HALTED_HALF_LIFE: f64 = 1.0;

/// The book's depth as the market's stress rises and falls.
#[derive(Clone, Debug)]
pub struct Liquidity {
    base: f64,
    share: f64,
    noise: f64,
    keep: f64,
    keep_halted: f64,
    variance: f64,
    flow: f64,
}

impl Liquidity {
    /// Calm, at `depthPerPct`.
    pub fn new(params: &Params) -> Liquidity {
        Liquidity {
            base: params.depth_per_pct,
            share: params.liquidity_withdrawal,
            noise: params.volatility_pct / 100.0,
            keep: libm::exp(-std::f64::consts::LN_2 / HALF_LIFE),
            keep_halted: libm::exp(-std::f64::consts::LN_2 / HALTED_HALF_LIFE),
            variance: 0.0,
            flow: 0.0,
        }
    }

    /// Whether the depth ever changes.
    pub fn active(&self) -> bool {
        self.share > 0.0
    }

    /// Takes in one tick's log return and net flow (USD), or a halted tick's, and returns the
    /// depth for the next.
    pub fn observe(&mut self, ret: f64, flow: f64, halted: bool) -> f64 {
        let k = if halted { self.keep_halted } else { self.keep };
        self.variance = k * self.variance + (1.0 - k) * ret * ret;
        self.flow = k * self.flow + (1.0 - k) * flow;
        let excess = self.variance.sqrt() - self.noise;
        let excess = if excess > 0.0 { excess } else { 0.0 };
        let load = excess / VOL_SCALE + self.flow.abs() / (FLOW_SCALE * self.base);
        let stress = 1.0 - libm::exp(-load);
        self.base * (1.0 - self.share * MOST_WITHDRAWN * stress)
    }
}
