//! Turning model output into drawable numbers: the price index, runs of halted ticks, bins,
//! decimation and clipping of polylines. No drawing here.

use crate::model::Outcome;

/// Values are kept within ± this many units, so that pixel arithmetic never overflows.
pub(crate) const LIMIT: f64 = 1e15;

/// Multiplier from a price to the index (start = 100): 100 ÷ start price, or `None` when the
/// start price is not a positive finite number (the charts then show raw prices).
pub(crate) fn index_factor(outcome: &Outcome) -> Option<f64> {
    let start = outcome.summary.start_price;
    let factor = 100.0 / start;
    (start.is_finite() && start > 0.0 && factor.is_finite()).then_some(factor)
}

/// Whether a run's mark leaves its price anywhere (by more than a millionth), so is worth
/// drawing: only where the run marks on a spot index (index.rs).
pub(crate) fn mark_departs(outcome: &Outcome) -> bool {
    let s = &outcome.series;
    s.mark.iter().zip(&s.price).any(|(m, p)| (m - p).abs() > 1e-6 * p.abs())
}

/// `x` if it is finite and within [`LIMIT`], else `None`.
pub(crate) fn finite(x: f64) -> Option<f64> {
    (x.is_finite() && x.abs() <= LIMIT).then_some(x)
}

/// The smallest and largest finite values, if any.
pub(crate) fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values.into_iter().filter_map(finite).fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// A usable axis range: finite, within [`LIMIT`], ordered, and at least `min_span` wide
/// (widened about its middle). Falls back to `fallback` when nothing finite is left.
pub(crate) fn usable_range(range: (f64, f64), min_span: f64, fallback: (f64, f64)) -> (f64, f64) {
    let (a, b) = match (finite(range.0), finite(range.1)) {
        (Some(a), Some(b)) => (a.min(b), a.max(b)),
        _ => fallback,
    };
    let min_span = min_span.max(1e-9 * a.abs().max(b.abs())).max(1e-12);
    if b - a >= min_span {
        (a, b)
    } else {
        let mid = (a + b) / 2.0;
        (mid - min_span / 2.0, mid + min_span / 2.0)
    }
}

/// Runs of consecutive halted ticks, as `(first tick, one past the last)`.
pub(crate) fn halted_runs(halted: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (t, &h) in halted.iter().enumerate() {
        match (h != 0, start) {
            (true, None) => start = Some(t),
            (false, Some(s)) => {
                runs.push((s, t));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, halted.len()));
    }
    runs
}

/// Sums of `k` consecutive values (the last bin may be shorter). Values that are not finite,
/// or negative, count as zero: the bars show amounts liquidated.
pub(crate) fn bin_sums(values: &[f64], k: usize) -> Vec<f64> {
    let k = k.max(1);
    values
        .chunks(k)
        .map(|chunk| chunk.iter().filter_map(|&v| finite(v)).filter(|&v| v > 0.0).sum())
        .collect()
}

/// Splits a polyline at non-finite points into runs of finite points.
pub(crate) fn finite_runs(points: impl IntoIterator<Item = (f64, f64)>) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![];
    let mut current = vec![];
    for (x, y) in points {
        match (finite(x), finite(y)) {
            (Some(x), Some(y)) => current.push((x, y)),
            _ => {
                if !current.is_empty() {
                    runs.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// Thins a polyline whose x increases to at most four points per column of width `column`
/// (the first, lowest, highest and last, in order), so that a run of 100,000 ticks draws as
/// fast as one of 1,000 and still shows every spike.
pub(crate) fn decimate(points: &[(f64, f64)], column: f64) -> Vec<(f64, f64)> {
    if !(column.is_finite() && column > 0.0) || points.len() <= 8 {
        return points.to_vec();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < points.len() {
        let col = (points[i].0 / column).floor();
        let mut j = i;
        let (mut lo, mut hi) = (i, i);
        while j < points.len() && (points[j].0 / column).floor() == col {
            if points[j].1 < points[lo].1 {
                lo = j;
            }
            if points[j].1 > points[hi].1 {
                hi = j;
            }
            j += 1;
        }
        let mut keep = [i, lo.min(hi), lo.max(hi), j - 1];
        keep.sort_unstable();
        let mut last = usize::MAX;
        for k in keep {
            if k != last {
                out.push(points[k]);
                last = k;
            }
        }
        i = j;
    }
    out
}

/// Clips a polyline to the rectangle `x` × `y`, returning the visible pieces (Liang–Barsky on
/// each segment; consecutive visible segments are joined).
pub(crate) fn clip_polyline(
    points: &[(f64, f64)],
    x: (f64, f64),
    y: (f64, f64),
) -> Vec<Vec<(f64, f64)>> {
    let inside = |p: (f64, f64)| x.0 <= p.0 && p.0 <= x.1 && y.0 <= p.1 && p.1 <= y.1;
    let mut pieces: Vec<Vec<(f64, f64)>> = vec![];
    let mut current: Vec<(f64, f64)> = vec![];
    if points.len() == 1 && inside(points[0]) {
        return vec![points.to_vec()];
    }
    for pair in points.windows(2) {
        match clip_segment(pair[0], pair[1], x, y) {
            Some((a, b)) => {
                if current.last() != Some(&a) {
                    if !current.is_empty() {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.push(a);
                }
                current.push(b);
            }
            None => {
                if !current.is_empty() {
                    pieces.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// The part of segment `a`–`b` inside the rectangle, if any.
fn clip_segment(
    a: (f64, f64),
    b: (f64, f64),
    x: (f64, f64),
    y: (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0 - x.0), (dx, x.1 - a.0), (-dy, a.1 - y.0), (dy, y.1 - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            b
        } else {
            (a.0 + t * dx, a.1 + t * dy)
        }
    };
    Some((at(t0), at(t1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halted_runs_find_each_stretch() {
        assert_eq!(halted_runs(&[]), vec![]);
        assert_eq!(halted_runs(&[0, 0]), vec![]);
        assert_eq!(halted_runs(&[1, 1, 0, 0, 1, 0, 1]), vec![(0, 2), (4, 5), (6, 7)]);
    }

    #[test]
    fn bins_sum_and_skip_bad_values() {
        assert_eq!(bin_sums(&[1.0, 2.0, 3.0, 4.0, 5.0], 2), vec![3.0, 7.0, 5.0]);
        assert_eq!(bin_sums(&[f64::NAN, -1.0, 2.0], 3), vec![2.0]);
        assert_eq!(bin_sums(&[1.0], 0), vec![1.0]);
        assert!(bin_sums(&[], 4).is_empty());
    }

    #[test]
    fn ranges_are_widened_and_sanitised() {
        assert_eq!(usable_range((1.0, 3.0), 0.5, (0.0, 1.0)), (1.0, 3.0));
        assert_eq!(usable_range((3.0, 1.0), 0.5, (0.0, 1.0)), (1.0, 3.0));
        assert_eq!(usable_range((2.0, 2.0), 1.0, (0.0, 1.0)), (1.5, 2.5));
        assert_eq!(usable_range((f64::NAN, 2.0), 0.5, (0.0, 1.0)), (0.0, 1.0));
        let (a, b) = usable_range((1e300, 1e300), 1.0, (0.0, 1.0));
        assert_eq!((a, b), (0.0, 1.0));
        let (a, b) = usable_range((1e14, 1e14), 0.0, (0.0, 1.0));
        assert!(b > a);
    }

    #[test]
    fn finite_runs_break_at_nan() {
        let runs = finite_runs([(0.0, 1.0), (1.0, f64::NAN), (2.0, 2.0), (3.0, 3.0)]);
        assert_eq!(runs, vec![vec![(0.0, 1.0)], vec![(2.0, 2.0), (3.0, 3.0)]]);
    }

    #[test]
    fn decimation_keeps_extremes() {
        let points: Vec<_> =
            (0..1000).map(|i| (i as f64, if i == 537 { -50.0 } else { 0.0 })).collect();
        let thin = decimate(&points, 100.0);
        assert!(thin.len() <= 40, "{}", thin.len());
        assert!(thin.contains(&(537.0, -50.0)));
        assert_eq!(thin.first(), Some(&(0.0, 0.0)));
        assert_eq!(thin.last(), Some(&(999.0, 0.0)));
        assert!(thin.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn clipping_cuts_at_the_edges() {
        let line = [(0.0, 0.0), (2.0, 2.0), (4.0, 0.0)];
        let pieces = clip_polyline(&line, (0.0, 4.0), (0.0, 1.0));
        assert_eq!(pieces, vec![vec![(0.0, 0.0), (1.0, 1.0)], vec![(3.0, 1.0), (4.0, 0.0)]]);
        assert!(clip_polyline(&line, (5.0, 6.0), (0.0, 1.0)).is_empty());
        let inside = clip_polyline(&line, (-1.0, 5.0), (-1.0, 5.0));
        assert_eq!(inside, vec![line.to_vec()]);
        assert_eq!(clip_polyline(&[(1.0, 1.0)], (0.0, 2.0), (0.0, 2.0)), vec![vec![(1.0, 1.0)]]);
    }
}
