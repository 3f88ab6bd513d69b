//! A heatmap of a 2-D grid of values (for instance the crash size over leverage × market depth)
//! with a colour bar, an optional overlay line (such as the n = 1 critical line) and a marked
//! point (such as the current params).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::{clip_polyline, extent, finite, finite_runs, usable_range};
use super::format::{money_tick, number_tick};
use super::frame::{
    nice_ticks, Painter, Plot, CAPTION_CENTER, CAPTION_ROW, LABEL_FONT, LEFT_SPACE, PAD, TICK_FONT,
    X_AXIS_SPACE,
};
use super::palette::viridis;
use super::words::{Word, Words};
use super::{Appearance, PlotRect, RenderError};

/// A grid of values over a rectangle of the plane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid<'a> {
    /// The values, one row after another, `columns` per row; the first row is the bottom one
    /// (lowest y). A last row with fewer than `columns` values is ignored. Cells that are not
    /// finite are left blank.
    pub values: &'a [f64],
    /// Cells per row.
    pub columns: usize,
    /// Left edge of the first column and right edge of the last, in x units.
    pub x: (f64, f64),
    /// Bottom edge of the first row and top edge of the last, in y units.
    pub y: (f64, f64),
}

impl Grid<'_> {
    /// Number of complete rows.
    pub fn rows(&self) -> usize {
        self.values.len().checked_div(self.columns).unwrap_or(0)
    }
}

/// How values on an axis or the colour bar are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ValueFormat {
    /// A plain number: `12`, `0.5`.
    #[default]
    Number,
    /// Money: `$200M`.
    Money,
    /// A percentage, the value already in %: `5%`.
    Percent,
    /// A multiple: `4×`.
    Multiple,
}

impl ValueFormat {
    /// The label of `value` on an axis whose ticks are `step` apart and whose largest value
    /// is `top`.
    /// `units` are money's, as [`Words::money_units`] gives them.
    pub fn tick(self, value: f64, step: f64, top: f64, units: &[(f64, &str)]) -> String {
        match self {
            ValueFormat::Number => number_tick(value, step),
            ValueFormat::Money => money_tick(value, step, top, units),
            ValueFormat::Percent => format!("{}%", number_tick(value, step)),
            ValueFormat::Multiple => format!("{}×", number_tick(value, step)),
        }
    }
}

/// How values map to colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorScale {
    /// Evenly.
    #[default]
    Linear,
    /// By their logarithm; values ≤ 0 are left blank.
    Log,
}

/// Labels and extras of a heatmap.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HeatmapOptions {
    /// Colours and pixel ratio.
    pub appearance: Appearance,
    /// Title of the horizontal axis, e.g. "average leverage".
    pub x_label: String,
    /// Title of the vertical axis, shown above it.
    pub y_label: String,
    /// What the colours mean, shown above the colour bar.
    pub value_label: String,
    /// Printing of x tick labels.
    pub x_format: ValueFormat,
    /// Printing of y tick labels.
    pub y_format: ValueFormat,
    /// Printing of colour-bar labels.
    pub value_format: ValueFormat,
    /// Linear or logarithmic colours.
    pub scale: ColorScale,
    /// Values mapped to the ends of the colour map; `None` uses the grid's extent.
    pub value_range: Option<(f64, f64)>,
    /// A line drawn over the grid (x, y pairs), e.g. where the branching ratio is 1.
    /// Non-finite points break it.
    pub overlay: Vec<(f64, f64)>,
    /// The overlay's legend text, shown at its last visible point.
    pub overlay_label: Option<String>,
    /// A point to mark, e.g. the current params.
    pub marker: Option<(f64, f64)>,
    /// A cell to outline, as (column, row) from the bottom left: the one a keyboard or a
    /// pointer has picked. Outside the grid, none.
    pub selected: Option<(usize, usize)>,
    /// The words drawn (English by default).
    pub words: Words,
}

/// Logical width of the colour bar, and of the space right of the plot that holds it.
const BAR_WIDTH: f64 = 12.0;
const BAR_SPACE: f64 = 84.0;

/// Where the heatmap's cells go on an area of `size` device pixels (the colour bar is right of
/// this rectangle). The same for every grid, so a caller can map the pointer to grid cells.
pub fn heatmap_plot_rect(size: (u32, u32), appearance: &Appearance) -> PlotRect {
    let look = appearance;
    let (w, h) = (size.0.min(1 << 20) as i32, size.1.min(1 << 20) as i32);
    PlotRect {
        left: look.px(LEFT_SPACE),
        top: look.px(PAD) + look.px(CAPTION_ROW),
        right: w - look.px(BAR_SPACE),
        bottom: h - look.px(X_AXIS_SPACE + PAD),
    }
}

/// Draws `grid` filling `area`, with a colour bar on the right.
pub fn draw_heatmap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    grid: &Grid<'_>,
    options: &HeatmapOptions,
) -> Result<(), RenderError> {
    let look = options.appearance;
    let painter = Painter::new(area, look);
    painter.background()?;
    let colors = painter.colors;
    let (w, h) = painter.size();
    let rows = grid.rows();
    if rows == 0 {
        return painter.message(options.words.get(Word::NothingToShow));
    }

    let x = usable_range(grid.x, 1e-9, (0.0, 1.0));
    let y = usable_range(grid.y, 1e-9, (0.0, 1.0));
    let caption = look.px(PAD);
    let rect = heatmap_plot_rect((w as u32, h as u32), &look);
    let plot =
        Plot { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom, x, y };
    if !plot.is_drawable() {
        return Ok(());
    }

    // Colour of a value: its position between the ends of the value range.
    let transform = |v: f64| match options.scale {
        ColorScale::Linear => finite(v),
        ColorScale::Log => (v > 0.0).then(|| v.log10()).and_then(finite),
    };
    let range = options
        .value_range
        .and_then(|(a, b)| Some((transform(a)?, transform(b)?)))
        .or_else(|| extent(grid.values[..rows * grid.columns].iter().filter_map(|&v| transform(v))))
        .unwrap_or((0.0, 1.0));
    let range = usable_range(range, 1e-12, (0.0, 1.0));
    let color_of = |v: f64| transform(v).map(|t| viridis((t - range.0) / (range.1 - range.0)));

    let (cw, ch) = ((x.1 - x.0) / grid.columns as f64, (y.1 - y.0) / rows as f64);
    for r in 0..rows {
        for c in 0..grid.columns {
            let Some(color) = color_of(grid.values[r * grid.columns + c]) else { continue };
            let a = plot.point((x.0 + c as f64 * cw, y.0 + r as f64 * ch));
            let b = plot.point((x.0 + (c + 1) as f64 * cw, y.0 + (r + 1) as f64 * ch));
            painter.fill(a, b, color.to_rgba())?;
        }
    }

    let count = |len: i32, per: f64| (f64::from(len) / f64::from(look.px(per).max(1))) as usize;
    let (x_ticks, x_step) = nice_ticks(x.0, x.1, count(plot.right - plot.left, 70.0).max(2));
    let (y_ticks, y_step) = nice_ticks(y.0, y.1, count(plot.bottom - plot.top, 36.0).max(2));
    let x_top = x.0.abs().max(x.1.abs());
    let y_top = y.0.abs().max(y.1.abs());

    let mut label_at = None;
    for piece in finite_runs(options.overlay.iter().copied()) {
        for visible in clip_polyline(&piece, x, y) {
            let pixels: Vec<_> = visible.iter().map(|&p| plot.point(p)).collect();
            label_at = pixels.last().copied().or(label_at);
            painter.line(pixels.clone(), colors.background.to_rgba(), 4.0)?;
            painter.line(pixels, colors.text.to_rgba(), 2.0)?;
        }
    }
    // The overlay's label goes left of where the line leaves the plot: below that point when
    // it is near the top edge, above it otherwise.
    if let (Some(label), Some(end)) = (&options.overlay_label, label_at) {
        let near_top = end.1 - plot.top < look.px(24.0);
        let (dy, v) =
            if near_top { (look.px(8.0), VPos::Top) } else { (-look.px(8.0), VPos::Bottom) };
        let at = (end.0 - look.px(8.0), end.1 + dy);
        painter.boxed_text(label, at, (TICK_FONT, colors.text), (HPos::Right, v))?;
    }
    if let Some((c, r)) = options.selected.filter(|&(c, r)| c < grid.columns && r < rows) {
        let a = plot.point((x.0 + c as f64 * cw, y.0 + r as f64 * ch));
        let b = plot.point((x.0 + (c + 1) as f64 * cw, y.0 + (r + 1) as f64 * ch));
        let outline = vec![a, (b.0, a.1), b, (a.0, b.1), a];
        painter.line(outline.clone(), colors.background.to_rgba(), 4.0)?;
        painter.line(outline, colors.text.to_rgba(), 2.0)?;
    }
    if let Some((mx, my)) = options.marker {
        if (x.0..=x.1).contains(&mx) && (y.0..=y.1).contains(&my) {
            let at = plot.point((mx, my));
            painter.dot(at, 6.0, colors.background.to_rgba())?;
            painter.dot(at, 4.0, colors.text.to_rgba())?;
        }
    }

    let units = options.words.money_units();
    painter.y_axis(&plot, &y_ticks, |v| options.y_format.tick(v, y_step, y_top, &units))?;
    let x_title = (!options.x_label.is_empty()).then_some(options.x_label.as_str());
    painter.x_axis(
        &plot,
        &x_ticks,
        |v| options.x_format.tick(v, x_step, x_top, &units),
        x_title,
    )?;
    let at = (look.px(PAD), caption + look.px(CAPTION_CENTER));
    painter.text(&options.y_label, at, LABEL_FONT, colors.muted, (HPos::Left, VPos::Center))?;

    draw_color_bar(&painter, &plot, range, options)
}

/// The colour bar right of the plot, with labels in value units.
fn draw_color_bar<DB: DrawingBackend>(
    painter: &Painter<'_, DB>,
    plot: &Plot,
    range: (f64, f64),
    options: &HeatmapOptions,
) -> Result<(), RenderError> {
    let look = painter.look;
    let colors = painter.colors;
    let left = plot.right + look.px(12.0);
    let right = left + look.px(BAR_WIDTH);
    let bar = Plot { left, right, top: plot.top, bottom: plot.bottom, x: (0.0, 1.0), y: range };
    let steps = 48;
    for i in 0..steps {
        let (f0, f1) = (i as f64 / steps as f64, (i + 1) as f64 / steps as f64);
        let lerp = |f: f64| range.0 + f * (range.1 - range.0);
        let color = viridis((f0 + f1) / 2.0).to_rgba();
        painter.fill((left, bar.py(lerp(f0))), (right, bar.py(lerp(f1))), color)?;
    }
    let count = (f64::from(bar.bottom - bar.top) / f64::from(look.px(36.0).max(1))) as usize;
    let top = range.0.abs().max(range.1.abs());
    let units = options.words.money_units();
    let label = |v: f64, step: f64| match options.scale {
        ColorScale::Linear => options.value_format.tick(v, step, top, &units),
        ColorScale::Log => {
            let (v, top) = (libm::pow(10.0, v), libm::pow(10.0, top));
            options.value_format.tick(v, v, top, &units)
        }
    };
    let (ticks, step) = match options.scale {
        ColorScale::Linear => nice_ticks(range.0, range.1, count.max(2)),
        // Whole powers of ten.
        ColorScale::Log => {
            let (lo, hi) = (range.0.ceil(), range.1.floor());
            let n = ((hi - lo).max(0.0) as usize).min(30);
            ((0..=n).map(|i| lo + i as f64).filter(|v| *v <= range.1).collect(), 1.0)
        }
    };
    let tick = look.px(3.0);
    for v in ticks {
        let py = bar.py(v);
        painter.line(vec![(right, py), (right + tick, py)], colors.axis.to_rgba(), 1.0)?;
        let at = (right + tick + look.px(3.0), py);
        painter.text(&label(v, step), at, TICK_FONT, colors.text, (HPos::Left, VPos::Center))?;
    }
    let at = (right + look.px(4.0), look.px(PAD) + look.px(CAPTION_CENTER));
    painter.text(&options.value_label, at, LABEL_FONT, colors.muted, (HPos::Right, VPos::Center))
}
