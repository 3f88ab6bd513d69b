//! Explorations over many runs: the tipping-point map and the crash-size distribution.
//!
//! - [`sweep`] runs the model over a grid of two numeric params and returns one metric per cell,
//!   with the peak branching ratio of each cell so the n = 1 line can be drawn over the map.
//! - [`monte_carlo`] hits markets with random shocks and compares the distribution of the moves
//!   that follow with that of the shocks: with leverage the tails grow fat (Thurner, Farmer &
//!   Geanakoplos 2012), without it the moves are the shocks.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::{ErrorKind, ParamsError};
use super::params::{show, Params};
use super::population::{DrawOrder, Draws, Population};
use super::rng::Rng;
use super::scratch::Scratch;
use super::simulate::{draws_for, population_for, summary, Builds, Prepared};
use super::spec::{self, Invalidates};
use super::Summary;

/// One axis of a sweep: a numeric params field (a camelCase path such as `leverage`,
/// `depthPerPct` or `circuitBreaker.levelsPct[0]`) from `from` to `to` in `steps` even steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Axis {
    /// Path of the field.
    pub field: String,
    /// First value.
    pub from: f64,
    /// Last value.
    pub to: f64,
    /// Number of values, 1 ..= 200. Read like every whole number in params (JavaScript gives
    /// `40` as a float).
    #[serde(deserialize_with = "super::params::whole::<1, 200, _>")]
    pub steps: u32,
}

/// What a sweep measures in each cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Metric {
    /// Largest move ÷ |shock|.
    Amplification,
    /// Largest peak-to-trough fall, %.
    MaxDrawdownPct,
    /// Share of traders liquidated.
    LiquidatedShare,
    /// Losses nobody covered, USD.
    BadDebt,
}

impl Metric {
    fn of(self, s: &Summary) -> f64 {
        match self {
            Metric::Amplification => s.amplification,
            Metric::MaxDrawdownPct => s.max_drawdown_pct,
            Metric::LiquidatedShare => s.liquidated_share,
            Metric::BadDebt => s.bad_debt,
        }
    }
}

/// A sweep: the grid and the metric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SweepSpec {
    /// Horizontal axis.
    pub x: Axis,
    /// Vertical axis.
    pub y: Axis,
    /// What to measure.
    pub metric: Metric,
}

/// The result of a sweep. Cells are row by row: `values[j * x.len() + i]` is at `x[i]`, `y[j]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grid {
    /// Values along x.
    pub x: Vec<f64>,
    /// Values along y.
    pub y: Vec<f64>,
    /// The metric in each cell.
    pub values: Vec<f64>,
    /// Peak branching ratio in each cell: the n = 1 contour separates absorbed shocks from
    /// runaway cascades.
    pub branching: Vec<f64>,
}

/// Most cells a sweep may have.
pub const MAX_CELLS: u32 = 40_000;

impl Axis {
    fn values(&self, name: &str) -> Result<Vec<f64>, ParamsError> {
        if !(1..=200).contains(&self.steps) {
            return Err(ParamsError::range(
                &format!("{name}.steps"),
                format!("must be a whole number between 1 and 200, got {}", self.steps),
            ));
        }
        for (part, v) in [("from", self.from), ("to", self.to)] {
            if !v.is_finite() {
                return Err(ParamsError::range(
                    &format!("{name}.{part}"),
                    format!("must be a finite number, got {}", show(v)),
                ));
            }
        }
        let n = self.steps as usize;
        Ok((0..n)
            .map(|i| {
                if n == 1 {
                    self.from
                } else {
                    self.from + (self.to - self.from) * i as f64 / (n - 1) as f64
                }
            })
            .collect())
    }
}

/// Sets the numeric field at `path` (dots and `[i]` indexes, camelCase) in a JSON object.
fn set_path(root: &mut Value, path: &str, value: f64) -> Result<(), String> {
    let mut node = root;
    let parts: Vec<&str> = path.split('.').collect();
    for (k, part) in parts.iter().enumerate() {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => {
                let i = rest.strip_suffix(']').and_then(|i| i.parse::<usize>().ok());
                (name, Some(i.ok_or_else(|| format!("bad index in \"{part}\""))?))
            }
            None => (*part, None),
        };
        let last = k + 1 == parts.len();
        let obj =
            node.as_object_mut().ok_or_else(|| format!("\"{name}\" is not inside an object"))?;
        let child = obj.get_mut(name).ok_or_else(|| format!("there is no field \"{name}\""))?;
        node = match index {
            Some(i) => child
                .as_array_mut()
                .and_then(|a| a.get_mut(i))
                .ok_or_else(|| format!("\"{name}\" has no element {i}"))?,
            None => child,
        };
        if last {
            if !(node.is_number() || node.is_null()) {
                return Err(format!("\"{path}\" is not a numeric field"));
            }
            *node = serde_json::Number::from_f64(value)
                .map(Value::Number)
                .ok_or_else(|| format!("{} is not a finite number", show(value)))?;
        }
    }
    Ok(())
}

/// `params` with the numeric field at `path` set to `value`, validated.
pub fn with_field(
    params: &Params,
    path: &str,
    value: f64,
    axis: &str,
) -> Result<Params, ParamsError> {
    let mut json = serde_json::to_value(params)
        .map_err(|e| ParamsError::new(ErrorKind::Type, "params", e.to_string()))?;
    set_path(&mut json, path, value)
        .map_err(|m| ParamsError::new(ErrorKind::Type, &format!("{axis}.field"), m))?;
    let mut p = Params::deserialize_from(json)?;
    // An axis over the shock sizes it as a move: a program given in dollars would ignore it.
    if path == "shockPct" {
        p.shock_usd = None;
    }
    p.validate()?;
    Ok(p)
}

/// Runs `params` over the grid of `spec`, calling `progress(done, total)` after each row, with
/// buffers from `scratch` (the caller's workspace, kept between calls).
///
/// Cells that share a population (an axis that does not change who holds what, such as depth or
/// the shock) reuse the one built for the cell before, lent to each run, with its bands; cells
/// that share the random draws (every axis but the traders, the seed and the long share) reuse
/// those. A cell's run draws up its summary alone, without the liquidation map.
pub fn sweep(
    params: &Params,
    spec: &SweepSpec,
    scratch: &mut Scratch,
    progress: impl FnMut(usize, usize) -> bool,
) -> Result<Grid, ParamsError> {
    params.validate()?;
    let xs = spec.x.values("x")?;
    let ys = spec.y.values("y")?;
    if (xs.len() * ys.len()) as u32 > MAX_CELLS {
        return Err(ParamsError::range(
            "x.steps",
            format!("x.steps × y.steps must be at most {MAX_CELLS}"),
        ));
    }
    // Check both axes at their ends before running anything.
    for (axis, name, values) in [(&spec.x, "x", &xs), (&spec.y, "y", &ys)] {
        for &v in [values[0], values[values.len() - 1]].iter() {
            with_field(params, &axis.field, v, name)?;
        }
    }
    let mut grid = Grid {
        x: xs.clone(),
        y: ys.clone(),
        values: Vec::with_capacity(xs.len() * ys.len()),
        branching: Vec::with_capacity(xs.len() * ys.len()),
    };
    // An x axis that changes a quantile table (the whales' tail index, the leverage) comes back
    // to the same numbers on every row: the workspace keeps a row's worth of tables until the
    // sweep ends.
    scratch.remember(xs.len());
    let filled = fill(params, spec, &mut grid, scratch, progress);
    scratch.remember(0);
    filled.map(|()| grid)
}

/// [`sweep`]'s cells, row by row, into `grid`.
fn fill(
    params: &Params,
    spec: &SweepSpec,
    grid: &mut Grid,
    scratch: &mut Scratch,
    mut progress: impl FnMut(usize, usize) -> bool,
) -> Result<(), ParamsError> {
    let Grid { x: xs, y: ys, values, branching } = grid;
    let mut cached: Option<(Params, Prepared)> = None;
    // With an x axis over the draws' sizes, which draw each of its positions comes from, while
    // they can be sized again for the next cell of the row (Population::resizes).
    let sized_along_x =
        super::spec::param(&spec.x.field).is_some_and(|p| p.invalidates == Invalidates::Sizes);
    let mut order: Option<DrawOrder> = None;
    // The draws, kept while the cells share their random numbers (every axis but the traders,
    // the seed and the long share), and sized again for a cell that changes their sizes.
    let mut draws: Option<(Params, Draws)> = None;
    for (j, &y) in ys.iter().enumerate() {
        let row = with_field(params, &spec.y.field, y, "y")?;
        // A cell's params and its population's key, one cell ahead of the run, so that a run
        // knows whether the next cell shares its population. (Not a whole row at once: each
        // cell's params may hold a million explicit positions.)
        let cell_at = |i: usize| {
            (xs.get(i))
                .map(|&x| with_field(&row, &spec.x.field, x, "x"))
                .transpose()
                .map(|cell| cell.map(|cell| (super::simulate::population_key(&cell), cell)))
        };
        let mut next = cell_at(0)?;
        let mut i = 0;
        while let Some((key, cell)) = next {
            i += 1;
            next = cell_at(i)?;
            let mut prepared = match (cached.take(), &order) {
                (Some((kept, prepared)), _) if kept == key => prepared,
                (Some((kept, mut prepared)), Some(order)) if sizes_alone(&kept, &key) => {
                    let sized = draws_for(&mut draws, &cell, scratch, &mut Builds::default());
                    prepared.resize(order, sized, cell.start_price);
                    prepared
                }
                (other, _) => {
                    other.into_iter().for_each(|(_, prepared)| prepared.recycle(scratch));
                    scratch.fit(&cell);
                    let population;
                    (population, order) = build(&cell, sized_along_x, &mut draws, scratch);
                    Prepared::new(population, cell.start_price)
                }
            };
            // Lent to the run, not copied for it: a run puts back what it changed, far less
            // than the whole population when cells share it, and no copy when they do not.
            // When the next cell of the row needs another population, and not the same one
            // sized again, nothing is put back.
            let last = matches!(&next, Some((next_key, _))
                if *next_key != key && !(order.is_some() && sizes_alone(&key, next_key)));
            let summary = prepared.summary(&cell, last, scratch);
            cached = Some((key, prepared));
            values.push(spec.metric.of(&summary));
            branching.push(summary.peak_branching_ratio);
        }
        if !progress((j + 1) * xs.len(), xs.len() * ys.len()) {
            break;
        }
    }
    // What the last cells kept goes back to the workspace for the next call.
    cached.into_iter().for_each(|(_, prepared)| prepared.recycle(scratch));
    draws.into_iter().for_each(|(_, d)| d.recycle(scratch));
    Ok(())
}

/// Whether two population keys differ in the draws' sizes alone (the whale concentration, the
/// open interest): the fields the parameter table marks as changing the sizes.
fn sizes_alone(kept: &Params, key: &Params) -> bool {
    spec::with_level(kept, key, Invalidates::Sizes) == *key
}

/// The population of a sweep's `cell`, with the draws in `draws` ([`population_for`]); and,
/// when `in_order` and its positions can be sized again ([`Population::resizes`]), which draw
/// each comes from.
fn build(
    cell: &Params,
    in_order: bool,
    draws: &mut Option<(Params, Draws)>,
    scratch: &mut Scratch,
) -> (Population, Option<DrawOrder>) {
    let tiers = cell.tier_table();
    if in_order && cell.positions.is_none() && Population::resizes(&tiers) {
        let sized = draws_for(draws, cell, scratch, &mut Builds::default());
        let (population, order) = Population::build_in_order(sized, &tiers, cell, scratch);
        return (population, Some(order));
    }
    (population_for(cell, draws, scratch, &mut Builds::default()), None)
}

/// The law random shocks are drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ShockLaw {
    /// Gaussian.
    Normal,
    /// Student's t with 4 degrees of freedom, rescaled to the same standard deviation: a
    /// fat-tailed shock to compare with.
    StudentT,
}

/// The random shocks of a Monte Carlo run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShockSpec {
    /// The law.
    pub distribution: ShockLaw,
    /// Standard deviation of the shock, %. Range (0, 30].
    pub scale_pct: f64,
}

/// How many markets a Monte Carlo run simulates and how they are shocked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MonteCarloSpec {
    /// Number of markets, 1 ..= 100,000.
    #[serde(deserialize_with = "super::params::whole::<1, 100_000, _>")]
    pub runs: u32,
    /// The shocks.
    pub shock: ShockSpec,
}

/// Shocks and what became of them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonteCarlo {
    /// Each market's shock, % (signed).
    pub shocks: Vec<f64>,
    /// Each market's largest move in the shock's direction, % (signed like the shock).
    pub moves: Vec<f64>,
    /// Each market's largest peak-to-trough fall, %.
    pub drawdowns: Vec<f64>,
    /// Excess kurtosis of the shocks (0 for a normal law).
    pub shock_kurtosis: f64,
    /// Excess kurtosis of the moves.
    pub move_kurtosis: f64,
    /// The tail threshold, % (three standard deviations of the shock).
    pub tail_threshold_pct: f64,
    /// Share of shocks beyond the threshold.
    pub shock_tail_share: f64,
    /// Share of moves beyond the threshold.
    pub move_tail_share: f64,
}

/// Excess kurtosis of a sample: m4 ÷ m2² − 3 (0 for fewer than four values or no spread).
pub fn excess_kurtosis(xs: &[f64]) -> f64 {
    let n = xs.len() as f64;
    if xs.len() < 4 {
        return 0.0;
    }
    let mean = xs.iter().sum::<f64>() / n;
    let (m2, m4) = xs.iter().fold((0.0, 0.0), |(m2, m4), &x| {
        let d = (x - mean) * (x - mean);
        (m2 + d / n, m4 + d * d / n)
    });
    if m2 <= 0.0 {
        0.0
    } else {
        m4 / (m2 * m2) - 3.0
    }
}

/// Runs `spec.runs` markets like `params`, each with its own seed and a random shock, calling
/// `progress(done, total)` every 50 runs (stop by returning false), with buffers from `scratch`.
pub fn monte_carlo(
    params: &Params,
    spec: &MonteCarloSpec,
    scratch: &mut Scratch,
    mut progress: impl FnMut(usize, usize) -> bool,
) -> Result<MonteCarlo, ParamsError> {
    params.validate()?;
    if !(1..=100_000).contains(&spec.runs) {
        return Err(ParamsError::range(
            "runs",
            format!("must be a whole number between 1 and 100000, got {}", spec.runs),
        ));
    }
    let scale = spec.shock.scale_pct;
    if !(scale.is_finite() && scale > 0.0 && scale <= 30.0) {
        return Err(ParamsError::range(
            "shock.scalePct",
            format!("must be above 0 and at most 30, got {}", show(scale)),
        ));
    }
    let mut rng = Rng::new(params.seed, 3);
    let runs = spec.runs as usize;
    let mut out = MonteCarlo {
        shocks: Vec::with_capacity(runs),
        moves: Vec::with_capacity(runs),
        drawdowns: Vec::with_capacity(runs),
        shock_kurtosis: 0.0,
        move_kurtosis: 0.0,
        tail_threshold_pct: 3.0 * scale,
        shock_tail_share: 0.0,
        move_tail_share: 0.0,
    };
    for i in 0..runs {
        let z = match spec.shock.distribution {
            ShockLaw::Normal => rng.normal(),
            ShockLaw::StudentT => {
                // t with ν = 4 is z ÷ √(χ²₄ ÷ 4); its variance is ν ÷ (ν − 2) = 2.
                let chi2: f64 = (0..4).map(|_| rng.normal().powi(2)).sum();
                rng.normal() / (chi2 / 4.0).sqrt() / std::f64::consts::SQRT_2
            }
        };
        let shock = (z * scale).clamp(-90.0, 90.0);
        let seed = (params.seed + 1 + i as u64) % (super::params::MAX_SEED + 1);
        // The drawn shock is a move: a program given in dollars would ignore its size.
        let market = Params { shock_pct: shock, shock_usd: None, seed, ..params.clone() };
        scratch.fit(&market);
        let population = Population::for_params(&market, scratch);
        let s = summary(&market, population, scratch);
        out.shocks.push(shock);
        out.moves.push(s.max_move_pct.copysign(if shock < 0.0 { -1.0 } else { 1.0 }));
        out.drawdowns.push(s.max_drawdown_pct);
        if (i + 1) % 50 == 0 && !progress(i + 1, runs) {
            break;
        }
    }
    let beyond = |xs: &[f64]| {
        xs.iter().filter(|x| x.abs() > out.tail_threshold_pct).count() as f64
            / xs.len().max(1) as f64
    };
    out.shock_kurtosis = excess_kurtosis(&out.shocks);
    out.move_kurtosis = excess_kurtosis(&out.moves);
    out.shock_tail_share = beyond(&out.shocks);
    out.move_tail_share = beyond(&out.moves);
    progress(out.shocks.len(), runs);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_path_reaches_nested_fields_and_refuses_others() {
        let p = Params::default();
        let q = with_field(&p, "liquidation.feePct", 1.5, "x").unwrap();
        assert_eq!(q.liquidation.fee_pct, 1.5);
        let q = with_field(
            &Params { circuit_breaker: Some(Default::default()), ..p.clone() },
            "circuitBreaker.levelsPct[0]",
            5.0,
            "x",
        )
        .unwrap();
        assert_eq!(q.circuit_breaker.unwrap().levels_pct[0], 5.0);
        assert_eq!(with_field(&p, "nope", 1.0, "x").unwrap_err().field, "x.field");
        assert_eq!(with_field(&p, "impactLaw", 1.0, "x").unwrap_err().field, "x.field");
        assert_eq!(with_field(&p, "leverage", 500.0, "x").unwrap_err().field, "leverage");
    }

    #[test]
    fn kurtosis_of_known_samples() {
        assert!(excess_kurtosis(&[1.0, -1.0, 1.0, -1.0]) + 2.0 < 1e-12);
        assert_eq!(excess_kurtosis(&[3.0; 10]), 0.0);
    }
}
