//! Fat tails over time: one long noisy path on which liquidated traders come back, with more
//! leverage the calmer the market has been, so fragility builds up until a cascade resets it,
//! again and again.
//!
//! The seed's "Leverage Demand Modeling" and "Leverage Overhang": Thurner, Farmer & Geanakoplos
//! (2012) get fat tails in returns from leverage alone, and Adrian & Shin (2010) document that
//! leverage is procyclical: it rises as measured risk falls. The rule here:
//! - the run is `ticks` long, driven by noise of `noisePct` per tick and nothing else (no shock);
//! - a trader whose position was closed (liquidated, deleveraged) comes back `comebackTicks`
//!   later with the same notional, opened at the market (a long buys, a short sells) at leverage
//!   L = L₀ · σ₀ ÷ σ, between 1 and 3 L₀ (and its tier's cap): L₀ is `leverage`, σ₀ the noise,
//!   σ the realised volatility per tick, a moving average of squared log returns with a
//!   half-life of [`VOL_HALF_LIFE`] ticks. After a cascade σ is high and traders come back
//!   careful; as the market calms, their leverage climbs back;
//! - the returns are log returns over `intervalTicks`, in %; the baseline is the noise alone
//!   over the same intervals, what the path would be with nobody leveraged;
//! - the tail measures: the share of returns beyond 4 σ_b (σ_b the baseline's standard
//!   deviation), the excess kurtosis, and Hill's estimate of the tail index of |returns| beyond
//!   2.5 σ_b: smaller is a fatter tail (about 3 for stock returns, Gopikrishnan et al. 1999; about
//!   8–10 here for the noise alone, a bell curve's tail being thinner than any power law).

use serde::{Deserialize, Serialize};

use super::error::ParamsError;
use super::explore::excess_kurtosis;
use super::params::{show, Params, Side};
use super::population::{Population, State};
use super::rng::Rng;
use super::scratch::Scratch;
use super::simulate::run_hooked;

/// Half-life of the realised volatility traders look at, in ticks (invented: minutes).
pub const VOL_HALF_LIFE: f64 = 200.0;
/// The most leverage a calm market draws out, as a multiple of `leverage`.
pub const MOST_LEVERAGE: f64 = 3.0;
/// How often, in ticks, closed positions are looked for (they come back at the first look after
/// their wait).
const LOOK_EVERY: u32 = 10;
/// Tail threshold, in standard deviations of the baseline.
pub const TAIL_SIGMAS: f64 = 4.0;
/// Where the Hill estimate's tail begins, in standard deviations of the baseline.
pub const HILL_SIGMAS: f64 = 2.5;

/// How long the path is and how it is cut into returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CyclesSpec {
    /// Length of the path, ticks, 1,000 ..= 100,000.
    #[serde(deserialize_with = "super::params::whole::<1000, 100_000, _>")]
    pub ticks: u32,
    /// Ticks per return, 1 ..= 1,000, at least 50 returns in the path.
    #[serde(deserialize_with = "super::params::whole::<1, 1000, _>")]
    pub interval_ticks: u32,
    /// Standard deviation of the noise per tick, %, in (0, 5].
    pub noise_pct: f64,
    /// Ticks a closed position's trader waits before coming back, 1 ..= 100,000.
    #[serde(deserialize_with = "super::params::whole::<1, 100_000, _>")]
    pub comeback_ticks: u32,
}

impl Default for CyclesSpec {
    fn default() -> Self {
        CyclesSpec { ticks: 20_000, interval_ticks: 10, noise_pct: 0.3, comeback_ticks: 100 }
    }
}

/// A long path's returns and leverage, with their tail measures and the noise's.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cycles {
    /// Log returns over each interval, %.
    pub returns: Vec<f64>,
    /// The noise alone over the same intervals, %.
    pub baseline_returns: Vec<f64>,
    /// Aggregate leverage of the positions held at the end of each interval: their value at the
    /// price ÷ their equity.
    pub leverage: Vec<f64>,
    /// Standard deviation of the baseline's returns, %.
    pub baseline_sigma_pct: f64,
    /// Share of returns beyond [`TAIL_SIGMAS`] baseline standard deviations, and the baseline's.
    pub tail_share: f64,
    /// The baseline's share beyond the same threshold.
    pub baseline_tail_share: f64,
    /// Hill estimate of the tail index of |returns| beyond [`HILL_SIGMAS`] baseline standard
    /// deviations (smaller: fatter); `None` with fewer than 5 returns beyond.
    pub hill: Option<f64>,
    /// The baseline's Hill estimate, over the same threshold.
    pub baseline_hill: Option<f64>,
    /// Excess kurtosis of the returns, and the baseline's.
    pub kurtosis: f64,
    /// The baseline's excess kurtosis.
    pub baseline_kurtosis: f64,
    /// Traders who came back.
    pub comebacks: u32,
    /// Notional liquidated over the path, USD at entry.
    pub liquidated_notional: f64,
}

impl CyclesSpec {
    fn validate(&self) -> Result<(), ParamsError> {
        if !(1000..=100_000).contains(&self.ticks) {
            return Err(ParamsError::range(
                "ticks",
                format!("must be a whole number between 1000 and 100000, got {}", self.ticks),
            ));
        }
        if !(1..=1000).contains(&self.interval_ticks) || self.ticks / self.interval_ticks < 50 {
            return Err(ParamsError::range(
                "intervalTicks",
                format!(
                    "must be a whole number between 1 and 1000 that leaves at least 50 returns \
                     in the path ({} ticks), got {}",
                    self.ticks, self.interval_ticks
                ),
            ));
        }
        let noise = self.noise_pct;
        if !(noise.is_finite() && noise > 0.0 && noise <= 5.0) {
            return Err(ParamsError::range(
                "noisePct",
                format!("must be above 0 and at most 5, got {}", show(noise)),
            ));
        }
        if !(1..=100_000).contains(&self.comeback_ticks) {
            return Err(ParamsError::range(
                "comebackTicks",
                format!("must be a whole number between 1 and 100000, got {}", self.comeback_ticks),
            ));
        }
        Ok(())
    }
}

/// Runs one long path of `params`' market under `spec` (its shock and horizon are replaced:
/// the noise drives it, for `spec.ticks`).
pub fn cycles(
    params: &Params,
    spec: &CyclesSpec,
    scratch: &mut Scratch,
) -> Result<Cycles, ParamsError> {
    params.validate()?;
    spec.validate()?;
    let market = Params {
        shock_pct: 0.0,
        shock_ticks: 1,
        ticks: spec.ticks,
        volatility_pct: spec.noise_pct,
        circuit_breaker: None,
        second_venue: None,
        ..params.clone()
    };
    let sigma0 = spec.noise_pct / 100.0;
    let keep = libm::exp(-std::f64::consts::LN_2 / VOL_HALF_LIFE);
    let mut variance = sigma0 * sigma0;
    let mut last = market.start_price;
    let mut closed_at: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
    let mut comebacks = 0;
    let interval = spec.interval_ticks;
    let mut leverage = Vec::with_capacity((spec.ticks / interval) as usize);

    scratch.fit(&market);
    let population = Population::for_params(&market, scratch);
    let outcome = run_hooked(&market, population, scratch, |venues, _links, t| {
        let venue = &mut venues[0];
        let (engine, book) = (&mut venue.engine, &mut venue.market);
        let price = book.price();
        if t == 0 {
            for (b, at) in closed_at.iter_mut().enumerate() {
                *at = vec![u32::MAX; engine.books()[b].positions.len()];
            }
            return;
        }
        let r = libm::log(price / last);
        last = price;
        variance = keep * variance + (1.0 - keep) * r * r;
        if t % LOOK_EVERY == 0 {
            let sigma = variance.sqrt().max(1e-12);
            let lev =
                (market.leverage * sigma0 / sigma).clamp(1.0, MOST_LEVERAGE * market.leverage);
            for (b, side) in [(0, Side::Long), (1, Side::Short)] {
                for i in 0..closed_at[b].len() {
                    let closed = engine.books()[b].positions[i].state == State::Closed;
                    if !closed {
                        closed_at[b][i] = u32::MAX;
                    } else if closed_at[b][i] == u32::MAX {
                        closed_at[b][i] = t;
                    } else if t - closed_at[b][i] >= spec.comeback_ticks
                        && engine.reopen(book, side, i as u32, lev)
                    {
                        closed_at[b][i] = u32::MAX;
                        comebacks += 1;
                    }
                }
            }
            last = book.price();
        }
        if t % interval == 0 {
            let (mut value, mut equity) = (0.0, 0.0);
            for (b, dir) in [(0, 1.0), (1, -1.0)] {
                for p in &engine.books()[b].positions {
                    if p.qty > 0.0 && p.state != State::Closed {
                        value += p.qty * price;
                        equity += p.margin_of(p.qty) + dir * p.qty * (price - p.entry);
                    }
                }
            }
            leverage.push(if equity > 0.0 { value / equity } else { f64::NAN });
        }
    });

    let returns = interval_returns(&outcome.series.price, market.start_price, interval);
    let baseline_returns = noise_returns(&market, interval);
    let baseline_sigma_pct = std_dev(&baseline_returns);
    let threshold = TAIL_SIGMAS * baseline_sigma_pct;
    let beyond =
        |xs: &[f64]| xs.iter().filter(|x| x.abs() > threshold).count() as f64 / xs.len() as f64;
    Ok(Cycles {
        tail_share: beyond(&returns),
        baseline_tail_share: beyond(&baseline_returns),
        hill: hill_beyond(&returns, HILL_SIGMAS * baseline_sigma_pct).map(|h| h.0),
        baseline_hill: hill_beyond(&baseline_returns, HILL_SIGMAS * baseline_sigma_pct)
            .map(|h| h.0),
        kurtosis: excess_kurtosis(&returns),
        baseline_kurtosis: excess_kurtosis(&baseline_returns),
        liquidated_notional: outcome.summary.liquidated_notional,
        comebacks,
        leverage: leverage.into_iter().map(|x| if x.is_finite() { x } else { 0.0 }).collect(),
        returns,
        baseline_returns,
        baseline_sigma_pct,
    })
}

/// Log returns of `price` over consecutive intervals of `interval` ticks, %, starting from
/// `start` (the price before the first tick).
fn interval_returns(price: &[f64], start: f64, interval: u32) -> Vec<f64> {
    let mut out = Vec::with_capacity(price.len() / interval as usize);
    let mut from = start;
    for chunk in price.chunks_exact(interval as usize) {
        let to = chunk[chunk.len() - 1];
        out.push(100.0 * libm::log(to / from));
        from = to;
    }
    out
}

/// The noise of `params`' run alone, summed over intervals, %: the same draws the run's noise
/// takes (stream 2 of the seed, one a tick).
fn noise_returns(params: &Params, interval: u32) -> Vec<f64> {
    let sigma = params.volatility_pct / 100.0;
    let mut noise = Rng::new(params.seed, 2);
    let n = (params.ticks / interval) as usize;
    (0..n).map(|_| 100.0 * (0..interval).map(|_| sigma * noise.normal()).sum::<f64>()).collect()
}

/// Standard deviation of a sample (0 for fewer than two values).
fn std_dev(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    (xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0)).sqrt()
}

/// Hill's estimate of the tail index of |xs| beyond a fixed threshold `u`: n ÷ Σ ln(|x| ÷ u) over
/// the n values beyond it, with the number of them; `None` for fewer than 5. A fixed threshold
/// (set by the noise) rather than a fixed share of the sample: where cascades are common, the
/// largest 2 % are all cascades of similar size, and an estimate on them alone reads thin.
pub fn hill_beyond(xs: &[f64], u: f64) -> Option<(f64, usize)> {
    let logs: Vec<f64> =
        xs.iter().filter(|x| x.abs() > u).map(|x| libm::log(x.abs() / u)).collect();
    if logs.len() < 5 {
        return None;
    }
    Some((logs.len() as f64 / logs.iter().sum::<f64>(), logs.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hill_finds_the_index_of_a_pareto_sample() {
        // x = u^(−1/α) is Pareto with index α, from 1 up.
        let mut rng = Rng::new(7, 0);
        let xs: Vec<f64> = (0..20_000).map(|_| rng.open_uniform().powf(-1.0 / 2.5)).collect();
        let (a, n) = hill_beyond(&xs, 1.0).unwrap();
        assert!((a - 2.5).abs() < 0.1 && n == 20_000, "{a}");
        assert_eq!(hill_beyond(&[1.0, 2.0, 3.0], 0.5), None);
    }

    #[test]
    fn returns_chain_from_the_start_price() {
        let r = interval_returns(&[110.0, 121.0, 121.0, 100.0], 100.0, 2);
        assert_eq!(r.len(), 2);
        assert!((r[0] - 100.0 * libm::log(1.21)).abs() < 1e-12);
        assert!((r[1] - 100.0 * libm::log(100.0 / 121.0)).abs() < 1e-12);
    }
}
