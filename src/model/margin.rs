//! Isolated margin on a linear perpetual, and tiered maintenance margin.
//!
//! Terms, for a position of quantity q (coins), entry price E and leverage L:
//! - **notional** N = q · E, in USD at entry;
//! - **initial margin** IM = N ÷ L: the collateral the trader posts (isolated margin, so the
//!   position can lose this and no more);
//! - **equity** at price P = IM + unrealised PnL = IM + q (P − E) for a long, IM + q (E − P) short;
//! - **maintenance margin** MM(P) = q · P · MMR − cum, where MMR is the tier's rate and cum its
//!   maintenance amount ("cum" at Binance, "maintenance deduction" at Hyperliquid), which keeps MM
//!   continuous across tiers;
//! - the position is **liquidated** when equity ≤ MM on the mark price;
//! - the **bankruptcy price** is where equity = 0.
//!
//! Solving equity = MM (DOMAIN.md §1, Binance FAQ "How to calculate liquidation price"):
//! - long:  P_liq = (E (1 − 1/L) − cum/q) ÷ (1 − MMR)
//! - short: P_liq = (E (1 + 1/L) + cum/q) ÷ (1 + MMR)
//!
//! and equity = 0 gives bankruptcy at E (1 − 1/L) for a long and E (1 + 1/L) for a short.
//!
//! Where maintenance includes the estimated fee to close (`closingFeePct`, OKX, Bybit's unified
//! account, BitMEX and Phemex: DOMAIN.md §3), MM(P) gains F = q · P_bk · f, the fee rate f on the
//! position's value at its bankruptcy price P_bk, and the liquidation price moves by F/q:
//! - long:  P_liq = (E (1 − 1/L) − cum/q + P_bk f) ÷ (1 − MMR)
//! - short: P_liq = (E (1 + 1/L) + cum/q − P_bk f) ÷ (1 + MMR)

use super::error::ParamsError;
use super::params::{show, MarginTiers, Side, TierSpec, MAX_LEVERAGE};

/// One tier: positions up to `up_to` USD of notional pay maintenance `mmr` (a fraction) less `cum`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tier {
    /// Inclusive upper bound of notional, USD.
    pub up_to: f64,
    /// Highest leverage allowed.
    pub max_leverage: f64,
    /// Maintenance margin rate as a fraction (0.004 for 0.4 %).
    pub mmr: f64,
    /// Maintenance amount, USD: cum_n = floor_n · (MMR_n − MMR_{n−1}) + cum_{n−1}.
    pub cum: f64,
    /// Estimated fee to close added to maintenance, as a fraction of the position's value at its
    /// bankruptcy price (0 where the venue leaves it out).
    pub close_fee: f64,
}

/// A validated tier table, ordered by notional. A flat rate is a table of one tier.
#[derive(Clone, Debug, PartialEq)]
pub struct TierTable {
    tiers: Vec<Tier>,
}

/// Binance BTCUSDT perpetual, announced 2021-03-18 (DOMAIN.md §2):
/// (up to notional USD, max leverage, maintenance %).
const STANDARD: [(f64, f64, f64); 10] = [
    (50e3, 125.0, 0.40),
    (250e3, 100.0, 0.50),
    (1e6, 50.0, 1.00),
    (10e6, 20.0, 2.50),
    (20e6, 10.0, 5.00),
    (50e6, 5.0, 10.0),
    (100e6, 4.0, 12.5),
    (200e6, 3.0, 15.0),
    (300e6, 2.0, 25.0),
    (500e6, 1.0, 50.0),
];

/// This project's "strict" table (invented, see docs/MODEL.md): lower leverage caps that fall
/// sooner with size, and Hyperliquid's rule that maintenance is half the initial margin at the
/// tier's max leverage (MMR = 50 % ÷ max leverage).
const STRICT: [(f64, f64, f64); 7] = [
    (10e3, 50.0, 1.0),
    (100e3, 25.0, 2.0),
    (500e3, 10.0, 5.0),
    (2e6, 5.0, 10.0),
    (10e6, 3.0, 50.0 / 3.0),
    (50e6, 2.0, 25.0),
    (500e6, 1.0, 50.0),
];

impl TierTable {
    /// The table for a params' `marginTiers`, or one flat tier at `maintenance_pct` whose leverage
    /// cap is 1 ÷ (2 · MMR) (at most 125x): the same "maintenance is half of initial margin at max
    /// leverage" rule that both Binance's first tier (125x, 0.4 %) and Hyperliquid follow.
    pub fn for_params(tiers: &MarginTiers, maintenance_pct: f64) -> TierTable {
        let rows: Vec<(f64, f64, f64)> = match tiers {
            MarginTiers::None => {
                let cap = if maintenance_pct > 0.0 {
                    (50.0 / maintenance_pct).clamp(1.0, MAX_LEVERAGE)
                } else {
                    MAX_LEVERAGE
                };
                vec![(f64::INFINITY, cap, maintenance_pct)]
            }
            MarginTiers::Standard => STANDARD.to_vec(),
            MarginTiers::Strict => STRICT.to_vec(),
            MarginTiers::Custom(specs) => specs
                .iter()
                .map(|t| (t.up_to_notional, t.max_leverage, t.maintenance_pct))
                .collect(),
        };
        TierTable::build(&rows)
    }

    /// Validates a custom table by the rules between its values: notional bounds strictly
    /// increasing, leverage not increasing, maintenance not decreasing and below the initial
    /// margin of its tier. The count of tiers and each value's range are the parameter table's
    /// (`spec::PARAMS`, `marginTiers[].*`), which `Params::validate` checks first.
    pub fn from_specs(specs: &[TierSpec]) -> Result<TierTable, ParamsError> {
        const FIELD: &str = "marginTiers";
        for (i, t) in specs.iter().enumerate() {
            let at = |name: &str| format!("{FIELD}[{i}].{name}");
            let (up, lev, mm) = (t.up_to_notional, t.max_leverage, t.maintenance_pct);
            let im_pct = 100.0 / lev;
            if mm >= im_pct {
                return Err(ParamsError::range(
                    &at("maintenancePct"),
                    format!(
                        "must be below the initial margin 100 ÷ maxLeverage = {}, got {}",
                        show(im_pct),
                        show(mm)
                    ),
                ));
            }
            if i > 0 {
                let prev = specs[i - 1];
                if up <= prev.up_to_notional {
                    return Err(ParamsError::range(
                        &at("upToNotional"),
                        format!(
                            "must be above the previous tier's ({}): tiers must be increasing, got {}",
                            show(prev.up_to_notional),
                            show(up)
                        ),
                    ));
                }
                if lev > prev.max_leverage {
                    return Err(ParamsError::range(
                        &at("maxLeverage"),
                        format!(
                            "must not exceed the previous tier's ({}), got {}",
                            show(prev.max_leverage),
                            show(lev)
                        ),
                    ));
                }
                if mm < prev.maintenance_pct {
                    return Err(ParamsError::range(
                        &at("maintenancePct"),
                        format!(
                            "must not be below the previous tier's ({}), got {}",
                            show(prev.maintenance_pct),
                            show(mm)
                        ),
                    ));
                }
            }
        }
        let rows: Vec<_> =
            specs.iter().map(|t| (t.up_to_notional, t.max_leverage, t.maintenance_pct)).collect();
        Ok(TierTable::build(&rows))
    }

    /// Builds the table and its maintenance amounts from (up to, max leverage, MMR %) rows.
    fn build(rows: &[(f64, f64, f64)]) -> TierTable {
        let mut tiers = Vec::with_capacity(rows.len());
        let (mut floor, mut prev_mmr, mut cum) = (0.0, 0.0, 0.0);
        for &(up_to, max_leverage, pct) in rows {
            let mmr = pct / 100.0;
            // Continuity at the tier's floor: cum_n = floor_n · (MMR_n − MMR_{n−1}) + cum_{n−1}.
            cum += floor * (mmr - prev_mmr);
            tiers.push(Tier { up_to, max_leverage, mmr, cum, close_fee: 0.0 });
            floor = up_to;
            prev_mmr = mmr;
        }
        TierTable { tiers }
    }

    /// The same table with the estimated fee to close, `pct` % of the value at the bankruptcy
    /// price, added to every tier's maintenance.
    pub fn with_closing_fee(mut self, pct: f64) -> TierTable {
        for t in &mut self.tiers {
            t.close_fee = pct / 100.0;
        }
        self
    }

    /// The tiers, smallest first.
    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// The tier a position of `notional` USD falls in (bounds inclusive). Sizes beyond the last
    /// bound stay in the last tier.
    pub fn tier_for(&self, notional: f64) -> &Tier {
        self.tier_index(notional).1
    }

    /// The tier a position of `notional` USD falls in, with its index.
    #[inline]
    pub fn tier_index(&self, notional: f64) -> (u8, &Tier) {
        if let [only] = &self.tiers[..] {
            return (0, only);
        }
        let i = self.tiers.partition_point(|t| t.up_to < notional).min(self.tiers.len() - 1);
        (i as u8, &self.tiers[i])
    }

    /// The tier a position of `notional` USD at entry is in at its liquidation price, with its
    /// index: Binance computes the liquidation price with the maintenance rate and amount of
    /// the tier of the position's notional there, not at entry (Binance FAQ, "How to calculate
    /// liquidation price"). A long's notional is smaller at its liquidation price, a short's
    /// larger, so the search starts at the entry's tier and moves down (long) or up (short)
    /// until the notional at the liquidation price lies in the tier it was computed with.
    /// Maintenance is continuous across tiers, so that tier is unique.
    pub fn liquidation_tier(&self, side: Side, notional: f64, leverage: f64) -> (u8, &Tier) {
        let (i, _) = self.liquidation_tier_ratio(side, notional, leverage);
        (i, &self.tiers[usize::from(i)])
    }

    /// [`TierTable::liquidation_tier`]'s index, with the [`liquidation_ratio`] in that tier,
    /// which the search has computed anyway.
    pub fn liquidation_tier_ratio(&self, side: Side, notional: f64, leverage: f64) -> (u8, f64) {
        let (at_entry, _) = self.tier_index(notional);
        self.liquidation_tier_ratio_from(side, notional, leverage, at_entry)
    }

    /// [`TierTable::liquidation_tier_ratio`] for a caller that has the tier at entry,
    /// `at_entry` = [`TierTable::tier_index`]'s index, at hand already.
    #[inline]
    pub fn liquidation_tier_ratio_from(
        &self,
        side: Side,
        notional: f64,
        leverage: f64,
        at_entry: u8,
    ) -> (u8, f64) {
        let mut i = usize::from(at_entry);
        let last = self.tiers.len() - 1;
        loop {
            let ratio = liquidation_ratio(side, leverage, notional, &self.tiers[i]);
            let at_liquidation = notional * ratio;
            match side {
                Side::Long if i > 0 && at_liquidation <= self.tiers[i - 1].up_to => i -= 1,
                Side::Short if i < last && at_liquidation > self.tiers[i].up_to => i += 1,
                _ => return (i as u8, ratio),
            }
        }
    }

    /// The tier at `index`.
    pub fn tier(&self, index: u8) -> &Tier {
        &self.tiers[usize::from(index)]
    }

    /// Maintenance margin (USD) of a position of `notional` USD valued at the mark price, before
    /// any estimated fee to close (which depends on the position's bankruptcy price).
    pub fn maintenance_margin(&self, notional: f64) -> f64 {
        let t = self.tier_for(notional);
        notional * t.mmr - t.cum
    }
}

/// Liquidation price of an isolated position (see the module docs for the derivation), with the
/// tier the position is in at that price ([`TierTable::liquidation_tier`]).
///
/// `qty` is in coins. The result can be ≤ 0 for a long that cannot be liquidated (leverage 1) and
/// is then reported as 0.
pub fn liquidation_price(
    side: Side,
    entry: f64,
    leverage: f64,
    qty: f64,
    tiers: &TierTable,
) -> f64 {
    let (_, ratio) = tiers.liquidation_tier_ratio(side, qty * entry, leverage);
    max0(entry * ratio)
}

/// A long's liquidation price is reported as 0 when it cannot be liquidated.
fn max0(x: f64) -> f64 {
    if x > 0.0 {
        x
    } else {
        0.0
    }
}

/// Liquidation price ÷ entry price for `notional` USD at entry and `leverage`, in `tier`: the
/// module docs' formula divided by the entry. It does not depend on the entry, since the
/// maintenance amount enters as cum ÷ notional.
#[inline]
pub fn liquidation_ratio(side: Side, leverage: f64, notional: f64, tier: &Tier) -> f64 {
    // 0 ÷ notional is 0: a flat schedule (no maintenance amount) skips the division.
    let cum_share = if tier.cum == 0.0 { 0.0 } else { tier.cum / notional };
    let bankrupt = bankruptcy_price(side, 1.0, leverage);
    let fee = bankrupt * tier.close_fee;
    match side {
        Side::Long => (bankrupt - cum_share + fee) / (1.0 - tier.mmr),
        Side::Short => (bankrupt + cum_share - fee) / (1.0 + tier.mmr),
    }
}

/// Bankruptcy price: where the position's equity is exactly zero.
pub fn bankruptcy_price(side: Side, entry: f64, leverage: f64) -> f64 {
    match side {
        Side::Long => entry * (1.0 - 1.0 / leverage),
        Side::Short => entry * (1.0 + 1.0 / leverage),
    }
}

/// Whether a position with liquidation price `liq` is in breach at `mark`.
#[inline]
pub fn breached(side: Side, liq: f64, mark: f64) -> bool {
    match side {
        Side::Long => mark <= liq,
        Side::Short => mark >= liq,
    }
}
