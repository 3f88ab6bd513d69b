//! Level lines of a grid of values, for drawing over a heatmap: where the peak branching ratio of
//! a sweep crosses 1 is the tipping point between absorbed shocks and runaway cascades.
//!
//! Marching squares on the lattice of cell centres: each square of four neighbouring values is
//! cut where the level lies between two corners, at the linearly interpolated point, and the cuts
//! of neighbouring squares are joined into polylines.

use std::collections::HashMap;

/// An edge of the lattice: from the point `(i, j)` to its right (`up` false) or upper (`up` true)
/// neighbour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Edge {
    i: usize,
    j: usize,
    up: bool,
}

/// The polylines along which the values cross `level`, as `(x, y)` points, one polyline after
/// another with a `(NaN, NaN)` point between two (the form `HeatmapOptions::overlay` takes).
/// Each polyline ends to the right of (or level with) where it starts.
///
/// `values` holds one row of `xs.len()` values per entry of `ys`, bottom row first: the value at
/// `(xs[i], ys[j])` is `values[j * xs.len() + i]`. A square with a value that is not finite is
/// left out, so the line stops there. Values equal to the level count as above it. A square whose
/// corners alternate (a saddle) is resolved by the mean of its corners.
pub fn level_line(values: &[f64], xs: &[f64], ys: &[f64], level: f64) -> Vec<(f64, f64)> {
    let (nx, ny) = (xs.len(), ys.len());
    if nx < 2 || ny < 2 || values.len() < nx * ny || !level.is_finite() {
        return Vec::new();
    }
    let at = |i: usize, j: usize| values[j * nx + i];
    let above = |v: f64| v >= level;

    // 1. Cut every square: each cut joins two edges the level crosses.
    let mut cuts: Vec<[Edge; 2]> = Vec::new();
    for j in 0..ny - 1 {
        for i in 0..nx - 1 {
            // Corners counter-clockwise from the bottom left, and the edge after each corner.
            let corners = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
            if corners.iter().any(|v| !v.is_finite()) {
                continue;
            }
            let edges = [
                Edge { i, j, up: false },
                Edge { i: i + 1, j, up: true },
                Edge { i, j: j + 1, up: false },
                Edge { i, j, up: true },
            ];
            let crossed: Vec<usize> =
                (0..4).filter(|&k| above(corners[k]) != above(corners[(k + 1) % 4])).collect();
            match crossed.len() {
                2 => cuts.push([edges[crossed[0]], edges[crossed[1]]]),
                4 => {
                    // A saddle: the two corners on the other side from the centre are each cut
                    // off by the two edges around them.
                    let centre = above(corners.iter().sum::<f64>() / 4.0);
                    for k in 0..4 {
                        if above(corners[k]) != centre {
                            cuts.push([edges[(k + 3) % 4], edges[k]]);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    // 2. Join the cuts that share an edge into polylines.
    let mut by_edge: HashMap<Edge, Vec<usize>> = HashMap::new();
    for (n, cut) in cuts.iter().enumerate() {
        for edge in cut {
            by_edge.entry(*edge).or_default().push(n);
        }
    }
    let mut used = vec![false; cuts.len()];
    let mut out = Vec::new();
    for start in 0..cuts.len() {
        if used[start] {
            continue;
        }
        used[start] = true;
        let mut chain: Vec<Edge> = cuts[start].to_vec();
        // Grow forwards from the last edge, then backwards from the first.
        for forwards in [true, false] {
            loop {
                let end = if forwards { chain[chain.len() - 1] } else { chain[0] };
                let next = by_edge[&end].iter().copied().find(|&n| !used[n]);
                let Some(n) = next else { break };
                used[n] = true;
                let other = if cuts[n][0] == end { cuts[n][1] } else { cuts[n][0] };
                if forwards {
                    chain.push(other);
                } else {
                    chain.insert(0, other);
                }
            }
        }
        let mut points: Vec<(f64, f64)> =
            chain.iter().map(|e| crossing(e, xs, ys, &at, level)).collect();
        // Left to right, so a label placed at a line's end lands on its right.
        if points[0].0 > points[points.len() - 1].0 {
            points.reverse();
        }
        if !out.is_empty() {
            out.push((f64::NAN, f64::NAN));
        }
        out.extend(points);
    }
    out
}

/// Where the level crosses an edge, by linear interpolation between its two ends.
fn crossing(
    edge: &Edge,
    xs: &[f64],
    ys: &[f64],
    at: &impl Fn(usize, usize) -> f64,
    level: f64,
) -> (f64, f64) {
    let (i2, j2) = if edge.up { (edge.i, edge.j + 1) } else { (edge.i + 1, edge.j) };
    let (a, b) = (at(edge.i, edge.j), at(i2, j2));
    let t = if b == a { 0.5 } else { ((level - a) / (b - a)).clamp(0.0, 1.0) };
    let lerp = |p: f64, q: f64| p + t * (q - p);
    (lerp(xs[edge.i], xs[i2]), lerp(ys[edge.j], ys[j2]))
}
