//! The level line drawn over the tipping-point map, on known surfaces and on a real sweep, and
//! the map with that line rendered to SVG.

use leverage_cascade::model::explore::{sweep, Axis, Metric, SweepSpec};
use leverage_cascade::model::{Params, Scratch};
use leverage_cascade::render::contour::level_line;
use leverage_cascade::render::{draw_heatmap, Grid, HeatmapOptions};
use plotters::prelude::*;

/// Evenly spaced values from `a` to `b`, `n` of them.
fn steps(a: f64, b: f64, n: usize) -> Vec<f64> {
    (0..n).map(|i| a + (b - a) * i as f64 / (n - 1) as f64).collect()
}

/// `f` at every lattice point, bottom row first.
fn surface(xs: &[f64], ys: &[f64], f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
    ys.iter().flat_map(|&y| xs.iter().map(move |&x| (x, y))).map(|(x, y)| f(x, y)).collect()
}

/// The polylines of a level line, split at its NaN separators.
fn pieces(line: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    line.split(|p| p.0.is_nan()).map(<[_]>::to_vec).collect()
}

#[test]
fn a_plane_gives_one_straight_line_through_the_whole_grid() {
    let (xs, ys) = (steps(0.0, 1.0, 11), steps(0.0, 1.0, 11));
    let line = level_line(&surface(&xs, &ys, |x, y| x + y), &xs, &ys, 1.0);
    let parts = pieces(&line);
    assert_eq!(parts.len(), 1, "{line:?}");
    let part = &parts[0];
    assert!(part.len() >= 11);
    for &(x, y) in part {
        assert!((x + y - 1.0).abs() < 1e-9, "({x}, {y}) is off the line x + y = 1");
    }
    // It runs from one edge of the grid to the other, left to right.
    let ends = [part[0], part[part.len() - 1]];
    assert!(ends[0].0 < ends[1].0);
    assert!(ends.iter().any(|&(x, y)| x.abs() < 1e-9 || y.abs() < 1e-9));
    assert!(ends.iter().any(|&(x, y)| (x - 1.0).abs() < 1e-9 || (y - 1.0).abs() < 1e-9));
}

#[test]
fn a_peak_gives_one_closed_ring() {
    let (xs, ys) = (steps(-1.0, 1.0, 41), steps(-1.0, 1.0, 41));
    let line = level_line(&surface(&xs, &ys, |x, y| 1.0 - x * x - y * y), &xs, &ys, 0.5);
    let parts = pieces(&line);
    assert_eq!(parts.len(), 1);
    let ring = &parts[0];
    assert_eq!(ring.first(), ring.last(), "the ring closes");
    for &(x, y) in ring {
        let r = (x * x + y * y).sqrt();
        assert!((r - 0.5f64.sqrt()).abs() < 0.01, "radius {r}");
    }
}

#[test]
fn missing_values_break_the_line_and_degenerate_grids_give_none() {
    let (xs, ys) = (steps(0.0, 1.0, 9), steps(0.0, 1.0, 9));
    let mut values = surface(&xs, &ys, |x, _| x);
    // A row of holes across the middle cuts the vertical line x = 0.5 in two.
    for v in &mut values[4 * 9..5 * 9] {
        *v = f64::NAN;
    }
    let parts = pieces(&level_line(&values, &xs, &ys, 0.5));
    assert_eq!(parts.len(), 2);
    assert!(parts.iter().flatten().all(|&(x, _)| (x - 0.5).abs() < 1e-9));

    let flat = surface(&xs, &ys, |_, _| 2.0);
    assert!(level_line(&flat, &xs, &ys, 1.0).is_empty(), "no crossing, no line");
    assert!(level_line(&[1.0, 2.0], &[0.0, 1.0], &[0.0], 1.5).is_empty(), "one row");
    assert!(level_line(&[1.0], &[0.0, 1.0], &[0.0, 1.0], 1.5).is_empty(), "too few values");
    assert!(level_line(&flat, &xs, &ys, f64::NAN).is_empty());
}

#[test]
fn a_saddle_is_cut_into_two_lines_without_crossing() {
    // Corners alternate: above at bottom-left and top-right, below at the other two.
    let (xs, ys) = ([0.0, 1.0], [0.0, 1.0]);
    for (values, centre_above) in [([2.0, 0.0, 0.0, 2.0], true), ([1.2, 0.0, 0.0, 1.2], false)] {
        let parts = pieces(&level_line(&values, &xs, &ys, 1.0));
        assert_eq!(parts.len(), 2, "{values:?}");
        // With the centre above, the two below corners (bottom right, top left) are cut off.
        let cut_corner = |part: &Vec<(f64, f64)>| {
            let (x, y) = ((part[0].0 + part[1].0) / 2.0, (part[0].1 + part[1].1) / 2.0);
            (x > 0.5, y > 0.5)
        };
        let mut corners: Vec<_> = parts.iter().map(cut_corner).collect();
        corners.sort();
        let expected = if centre_above {
            vec![(false, true), (true, false)]
        } else {
            vec![(false, false), (true, true)]
        };
        assert_eq!(corners, expected, "{values:?}");
    }
}

#[test]
fn the_tipping_line_of_a_real_sweep_separates_calm_from_runaway_cells() {
    let params = Params { traders: 5_000, ticks: 200, ..Params::default() };
    let spec = SweepSpec {
        x: Axis { field: "depthPerPct".into(), from: 3e7, to: 3e8, steps: 10 },
        y: Axis { field: "leverage".into(), from: 2.0, to: 20.0, steps: 8 },
        metric: Metric::Amplification,
    };
    let grid = sweep(&params, &spec, &mut Scratch::default(), |_, _| true).unwrap();
    let line = level_line(&grid.branching, &grid.x, &grid.y, 1.0);
    assert!(!line.is_empty(), "the default market crosses n = 1 somewhere in this grid");
    // Every cell whose four neighbours all lie on one side of 1 has no line point near it.
    let (nx, ny) = (grid.x.len(), grid.y.len());
    let (dx, dy) = (grid.x[1] - grid.x[0], grid.y[1] - grid.y[0]);
    for j in 1..ny - 1 {
        for i in 1..nx - 1 {
            let around = [(i, j), (i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)];
            let sides: Vec<bool> =
                around.iter().map(|&(a, b)| grid.branching[b * nx + a] >= 1.0).collect();
            if sides.iter().all(|&s| s == sides[0]) {
                let near = line.iter().any(|&(x, y)| {
                    ((x - grid.x[i]) / dx).abs() < 0.5 && ((y - grid.y[j]) / dy).abs() < 0.5
                });
                assert!(!near, "line passes through cell ({i}, {j}), all on one side of n = 1");
            }
        }
    }

    // Drawn over the heatmap, the line is one more polyline in the SVG.
    let edges = |v: &[f64]| {
        let half = (v[1] - v[0]) / 2.0;
        (v[0] - half, v[v.len() - 1] + half)
    };
    let cells = Grid { values: &grid.values, columns: nx, x: edges(&grid.x), y: edges(&grid.y) };
    let draw = |overlay: Vec<(f64, f64)>| {
        let mut text = String::new();
        {
            let area = SVGBackend::with_string(&mut text, (640, 420)).into_drawing_area();
            let options = HeatmapOptions {
                x_label: "market depth".into(),
                y_label: "leverage".into(),
                value_label: "move ÷ shock".into(),
                overlay,
                overlay_label: Some("n = 1".into()),
                marker: Some((1e8, 10.0)),
                ..Default::default()
            };
            draw_heatmap(&area, &cells, &options).unwrap();
            area.present().unwrap();
        }
        text
    };
    let (with, without) = (draw(line), draw(Vec::new()));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/render");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("tipping-map.svg"), &with).unwrap();
    assert!(with.matches("<polyline").count() > without.matches("<polyline").count());
    assert!(with.contains("n = 1"));
}
