//! The main chart: the scenarios' price paths, with halts shaded, over a panel of liquidations
//! per tick as bars.
//!
//! Time runs left to right in ticks: entry t of a series is drawn at x = t + 1, the end of
//! tick t, and the start price at x = 0, so the first segment of every path is the shock. A
//! bar for tick t spans x = t to t + 1, as does a halted tick's shading.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::{
    bin_sums, clip_polyline, decimate, extent, finite_runs, halted_runs, index_factor,
    mark_departs, usable_range,
};
use super::format::{money_tick, number_tick, per_duration, time_unit};
use super::frame::{
    legend_height, legend_layout, nice_ticks, text_width, LegendItem, Painter, Plot, Swatch,
    CAPTION_CENTER, CAPTION_ROW, DOTS, LABEL_FONT, LEFT_SPACE, PAD, RIGHT_PAD, TICK_FONT,
    X_AXIS_SPACE,
};
use super::map::shared_price_range;
use super::palette::blend;
use super::time::{squeezed_axis, TimeAxis};
use super::words::{Word, Words};
use super::{Appearance, PlotRect, RenderError, Run, Scenario};

/// What the price chart shows besides the paths.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceChartOptions {
    /// Colours and pixel ratio.
    pub appearance: Appearance,
    /// The playback cursor: a tick index t, marked at the end of that tick (where `series[t]`
    /// is drawn), with a dot on each path. `None` draws no cursor; ticks past the end mark
    /// the end.
    pub cursor: Option<u32>,
    /// A scenario to draw last and thicker (the one the reader selected), if any.
    pub highlight: Option<Scenario>,
    /// Scenarios whose liquidations the lower panel shows, as side-by-side bars in this order.
    /// Scenarios missing from the runs are skipped. Default: no mitigation, and both.
    pub bars: Vec<Scenario>,
    /// Seconds one tick stands for (`params.tickSeconds`), for the time axis. Default 1.
    pub tick_seconds: f64,
    /// The price axis, in index units (start = 100). `None` uses [`shared_price_range`] of the
    /// runs; pass the same range to [`super::draw_liquidation_map`] so the two charts line up.
    pub price_range: Option<(f64, f64)>,
    /// The stretch of time shown, in ticks from the shock: `(from, to)` with x = 0 the start
    /// and x = t + 1 the end of tick t. `None` shows the whole run; [`active_ticks`] gives a
    /// window that ends soon after the cascade has settled.
    pub time_window: Option<(u32, u32)>,
    /// Whose halts are shaded: `None` every run's; `Some(s)` only scenario `s`'s (none when it
    /// is not drawn), so a chart that compares "without" and "with the breaker" shades the
    /// halts only when the reader has the breaker on.
    pub halts_of: Option<Scenario>,
    /// Whether long quiet stretches of the window are squeezed, so the cascade gets most of
    /// the width: time runs linearly through every stretch in which something happens, and
    /// the same number of times faster through the quiet ones, which are marked.
    pub squeeze: bool,
    /// The words drawn (English by default).
    pub words: Words,
}

impl Default for PriceChartOptions {
    fn default() -> Self {
        PriceChartOptions {
            appearance: Appearance::default(),
            cursor: None,
            highlight: None,
            bars: vec![Scenario::NoMitigation, Scenario::Both],
            tick_seconds: 1.0,
            price_range: None,
            time_window: None,
            halts_of: None,
            squeeze: false,
            words: Words::default(),
        }
    }
}

/// Logical gap between the price panel and the bars' caption.
const PANEL_GAP: f64 = 8.0;
/// Share of the height of both panels that the price panel takes.
const PRICE_SHARE: f64 = 0.66;

/// Where the parts of the chart go, in device pixels.
struct Layout {
    legend_top: i32,
    left: i32,
    right: i32,
    price_caption: i32,
    price: (i32, i32),
    bars_caption: i32,
    bars: (i32, i32),
}

fn layout(size: (i32, i32), items: &[LegendItem], look: &Appearance) -> Layout {
    let (w, h) = size;
    let left = look.px(LEFT_SPACE);
    let right = w - look.px(RIGHT_PAD);
    let legend_top = look.px(PAD);
    let (_, rows) = legend_layout(items, look, look.px(PAD), right);
    let price_caption = legend_top + legend_height(rows, look);
    let price_top = price_caption + look.px(CAPTION_ROW);
    let bars_bottom = h - look.px(X_AXIS_SPACE + PAD);
    let free = (bars_bottom - price_top - look.px(PANEL_GAP + CAPTION_ROW)).max(0);
    let price_bottom = price_top + (f64::from(free) * PRICE_SHARE).round() as i32;
    let bars_caption = price_bottom + look.px(PANEL_GAP);
    let bars_top = bars_caption + look.px(CAPTION_ROW);
    Layout {
        legend_top,
        left,
        right,
        price_caption,
        price: (price_top, price_bottom),
        bars_caption,
        bars: (bars_top, bars_bottom),
    }
}

/// The legend: one line per run, a dotted line for the spot index and one for the mark where
/// the reference run has them, then a shaded box if any run whose halts are shaded was halted.
fn legend_items(runs: &[Run<'_>], options: &PriceChartOptions) -> Vec<LegendItem> {
    let (look, words) = (&options.appearance, &options.words);
    let (halts_of, highlight) = (options.halts_of, options.highlight);
    let mut items: Vec<_> = runs
        .iter()
        .map(|r| LegendItem {
            swatch: Swatch::Line(r.scenario.color(look.theme), line_width(r.scenario, None)),
            label: words.get(r.scenario.word()).to_string(),
        })
        .collect();
    if let Some(run) = reference(runs, highlight) {
        let colors = look.theme.colors();
        if !run.outcome.series.index.is_empty() {
            items.push(LegendItem {
                swatch: Swatch::Dashed(colors.muted, INDEX_WIDTH, DOTS),
                label: words.get(Word::SpotIndex).to_string(),
            });
        }
        if mark_departs(run.outcome) {
            items.push(LegendItem {
                swatch: Swatch::Dashed(run.scenario.color(look.theme), MARK_WIDTH, DOTS),
                label: words.get(Word::MarkPrice).to_string(),
            });
        }
        if run.outcome.second_venue.is_some() {
            items.push(LegendItem {
                swatch: Swatch::Dashed(run.scenario.color(look.theme), SECOND_WIDTH, SECOND_DASH),
                label: words.get(Word::SecondVenue).to_string(),
            });
        }
    }
    let shaded = runs.iter().filter(|r| halts_of.map_or(true, |s| s == r.scenario));
    if shaded.clone().any(|r| r.outcome.series.halted.iter().any(|&h| h != 0)) {
        let colors = look.theme.colors();
        items.push(LegendItem {
            swatch: Swatch::Box(blend(colors.axis, colors.background, 0.55).to_rgba()),
            label: words.get(Word::TradingHalted).to_string(),
        });
    }
    items
}

/// Where the two panels of the price chart go on an area of `size` device pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PriceChartLayout {
    /// The price panel. A liquidation map drawn on a canvas of the same height can pass
    /// `(price.top, price.bottom)` as [`super::MapOptions::band`] so that its price axis lines
    /// up with the price chart's.
    pub price: PlotRect,
    /// The liquidation bars.
    pub bars: PlotRect,
    /// The price axis, bottom and top of the price panel, in the chart's units (start = 100
    /// when every run is rebased): a page can place marks of its own over the paths.
    pub prices: (f64, f64),
}

/// The layout [`draw_price_chart`] uses for these runs and options on an area of `size` device
/// pixels. It depends on the width, because the legend wraps on narrow areas: to line up a map
/// on another canvas, pass the price chart's own size. Both panels span the time window
/// (default: tick 0 to the longest series' length) from `left` to `right`.
pub fn price_chart_layout(
    size: (u32, u32),
    runs: &[Run<'_>],
    options: &PriceChartOptions,
) -> PriceChartLayout {
    let look = options.appearance;
    let size = (size.0.min(1 << 20) as i32, size.1.min(1 << 20) as i32);
    let items = legend_items(runs, options);
    let lay = layout(size, &items, &look);
    let rect =
        |(top, bottom): (i32, i32)| PlotRect { left: lay.left, top, right: lay.right, bottom };
    PriceChartLayout {
        price: rect(lay.price),
        bars: rect(lay.bars),
        prices: price_axis(runs, options),
    }
}

/// Where time runs on the price chart drawn by [`draw_price_chart`] with these runs and
/// options on an area of `size` device pixels: `(tick, x)` pairs, both increasing, between
/// which time is linear; x is a device pixel. The first pair is the window's start, the last
/// its end; a squeezed axis has a pair at each end of each squeezed stretch. A caller maps a
/// pointer back to a (fractional) tick by interpolating between the pairs.
pub fn price_time_knots(
    size: (u32, u32),
    runs: &[Run<'_>],
    options: &PriceChartOptions,
) -> Vec<(f64, i32)> {
    let lay = price_chart_layout(size, runs, options);
    let axis = time_axis(runs, options);
    let plot = Plot {
        left: lay.price.left,
        right: lay.price.right.max(lay.price.left),
        top: lay.price.top,
        bottom: lay.price.bottom,
        x: axis.span(),
        y: (0.0, 1.0),
    };
    axis.knots().iter().map(|&(tick, shown)| (tick, plot.px(shown))).collect()
}

/// The time axis for these runs and options: the window, squeezed or not.
fn time_axis(runs: &[Run<'_>], options: &PriceChartOptions) -> TimeAxis {
    let ticks = runs.iter().map(|r| r.outcome.series.price.len()).max().unwrap_or(0).max(1);
    let (from, to) = time_range(ticks, options.time_window);
    if options.squeeze {
        squeezed_axis(runs, (from as u32, to as u32))
    } else {
        TimeAxis::linear(from, to)
    }
}

/// Draws the price chart of `runs` (usually [`Run::all`] of a comparison) filling `area`.
///
/// Top panel: each run's price as an index (start = 100) against time, a dashed line at the
/// start price, halted stretches shaded in the scenario's colour with a strip along the top
/// edge, and the optional cursor. Bottom panel: notional liquidated per tick (summed over a
/// few ticks when the bars would be thinner than a pixel or two) for `options.bars`.
pub fn draw_price_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[Run<'_>],
    options: &PriceChartOptions,
) -> Result<(), RenderError> {
    let look = options.appearance;
    let painter = Painter::new(area, look);
    painter.background()?;
    let colors = painter.colors;
    if runs.is_empty() {
        return painter.message(options.words.get(Word::NothingToShow));
    }

    let items = legend_items(runs, options);
    let lay = layout(painter.size(), &items, &look);
    painter.legend(&items, look.px(PAD), lay.right, lay.legend_top)?;

    let ticks = runs.iter().map(|r| r.outcome.series.price.len()).max().unwrap_or(0).max(1);
    let axis = time_axis(runs, options);
    let x = axis.span();
    let rebased = runs.iter().all(|r| index_factor(r.outcome).is_some());
    let y = price_axis(runs, options);
    let price =
        Plot { left: lay.left, right: lay.right, top: lay.price.0, bottom: lay.price.1, x, y };
    let bars = Plot { left: lay.left, right: lay.right, top: lay.bars.0, bottom: lay.bars.1, x, y };
    if !price.is_drawable() {
        return Ok(());
    }

    // Time axis: round values in the unit that suits the run's length.
    let tick_seconds = if options.tick_seconds.is_finite() && options.tick_seconds > 0.0 {
        options.tick_seconds
    } else {
        1.0
    };
    let (first, last) = axis.ticks();
    let unit = time_unit((last - first) * tick_seconds);
    let x_labels = time_labels(&price, &axis, unit.seconds / tick_seconds, &look);
    let x_ticks: Vec<f64> = x_labels.iter().map(|l| l.0).collect();

    // 1. The price panel.
    let y_count = (f64::from(price.bottom - price.top) / f64::from(look.px(36.0).max(1))) as usize;
    let (y_ticks, y_step) = nice_ticks(y.0, y.1, y_count.max(2));
    draw_squeezed(&painter, &price, &axis)?;
    painter.grid(&price, &x_ticks, &y_ticks)?;
    draw_halts(&painter, &price, &axis, runs, options.halts_of)?;

    let start = if rebased { 100.0 } else { runs[0].outcome.summary.start_price };
    if (y.0..=y.1).contains(&start) {
        let py = price.py(start);
        let color = colors.axis.to_rgba();
        painter.dashed(&[(price.left, py), (price.right, py)], color, 1.0, (5.0, 4.0, 0.0))?;
        let at = (price.right - look.px(2.0), py - look.px(2.0));
        let text = options.words.get(Word::Start);
        painter.text(text, at, TICK_FONT, colors.muted, (HPos::Right, VPos::Bottom))?;
    }

    // Thick paths first, thin ones over them, the highlighted one last.
    // (A pass per layer rather than a sort: a generic sort would add kilobytes to the wasm for
    // four items.)
    let layer = |r: &Run<'_>| {
        2 * usize::from(Some(r.scenario) == options.highlight) + usize::from(is_thin(r.scenario))
    };
    let order: Vec<&Run<'_>> =
        (0..4).flat_map(|l| runs.iter().filter(move |r| layer(r) == l)).collect();
    // A path that lies on one of the same width drawn before it is dashed, so both colours
    // show (a thin path over a thick one shows both already).
    let tolerance = price.y_per_pixel();
    for (i, run) in order.iter().enumerate() {
        let dashed = order[..i].iter().any(|earlier| {
            is_thin(earlier.scenario) == is_thin(run.scenario)
                && same_path(earlier, run, &axis, tolerance)
        });
        let width = line_width(run.scenario, options.highlight);
        let color = run.scenario.color(look.theme);
        let dash = dashed.then(|| dash_pattern(run.scenario));
        draw_path(&painter, &price, &axis, run, &run.outcome.series.price, (color, width, dash))?;
    }
    if let Some(run) = reference(runs, options.highlight) {
        let series = &run.outcome.series;
        if !series.index.is_empty() {
            let index = (colors.muted, INDEX_WIDTH, Some(DOTS));
            draw_path(&painter, &price, &axis, run, &series.index, index)?;
        }
        if mark_departs(run.outcome) {
            let mark = (run.scenario.color(look.theme), MARK_WIDTH, Some(DOTS));
            draw_path(&painter, &price, &axis, run, &series.mark, mark)?;
        }
        // The second venue's price, where the run has one: long dashes in the run's colour.
        if let Some(second) = &run.outcome.second_venue {
            let style = (run.scenario.color(look.theme), SECOND_WIDTH, Some(SECOND_DASH));
            draw_path(&painter, &price, &axis, run, &second.series.price, style)?;
        }
    }
    label_squeezed(&painter, &price, &axis, &options.words)?;
    let title = options.words.get(if rebased { Word::PriceIndexed } else { Word::Price });
    painter.y_axis(&price, &y_ticks, |v| number_tick(v, y_step))?;
    painter.text(
        title,
        (look.px(PAD), lay.price_caption + look.px(CAPTION_CENTER)),
        LABEL_FONT,
        colors.muted,
        (HPos::Left, VPos::Center),
    )?;
    let ink = colors.axis.to_rgba();
    painter.line(vec![(price.left, price.bottom), (price.right, price.bottom)], ink, 1.0)?;

    // 2. The liquidation bars.
    if bars.is_drawable() {
        draw_squeezed(&painter, &bars, &axis)?;
        draw_bars(&painter, bars, &axis, runs, options, lay.bars_caption, tick_seconds)?;
        let title = options.words.fill(Word::AfterTheShock, options.words.get(unit.plural));
        let label =
            |v: f64| x_labels.iter().find(|l| l.0 == v).map_or_else(String::new, |l| l.1.clone());
        painter.x_axis(&bars, &x_ticks, label, Some(&title))?;
    }

    // 3. The cursor, over both panels.
    if let Some(t) = options.cursor {
        let at = (t, ticks);
        draw_cursor(
            &painter,
            (&price, &bars),
            &axis,
            runs,
            at,
            (tick_seconds, unit),
            &options.words,
        )?;
    }
    Ok(())
}

/// The price axis's range: the options' or the runs' shared one, made usable.
fn price_axis(runs: &[Run<'_>], options: &PriceChartOptions) -> (f64, f64) {
    let range = options.price_range.unwrap_or_else(|| shared_price_range(runs));
    usable_range(range, 0.5, (90.0, 110.0))
}

/// The x range for `ticks` ticks and an optional window (clamped to the run, at least a tick).
fn time_range(ticks: usize, window: Option<(u32, u32)>) -> (f64, f64) {
    let end = ticks as f64;
    match window {
        Some((from, to)) => {
            let from = f64::from(from.min(to)).min(end - 1.0).max(0.0);
            let to = f64::from(from as u32).max(f64::from(to)).min(end).max(from + 1.0);
            (from, to)
        }
        None => (0.0, end),
    }
}

/// A time window, in ticks from the shock, that shows the cascade and its settling but not
/// the long quiet tail: up to half as long again as the last tick in which any run liquidated
/// anything, was halted, or was still more than 2 % of its total move away from its final
/// price, and at least 30 ticks (never past the end of the runs).
pub fn active_ticks(runs: &[Run<'_>]) -> (u32, u32) {
    let ticks = runs.iter().map(|r| r.outcome.series.price.len()).max().unwrap_or(0);
    let mut last = 0;
    for run in runs {
        let s = &run.outcome.series;
        let last_final = s.price.iter().rev().copied().find(|p| p.is_finite());
        let (Some(end), Some((lo, hi))) = (last_final, extent(s.price.iter().copied())) else {
            continue;
        };
        let start = run.outcome.summary.start_price;
        let span = (hi.max(start) - lo.min(start)).abs();
        for t in 0..s.price.len() {
            let liquidating = s.liquidated_notional.get(t).is_some_and(|&v| v > 0.0);
            let halted = s.halted.get(t).is_some_and(|&h| h != 0);
            let moving = (s.price[t] - end).abs() > 0.02 * span;
            if liquidating || halted || moving {
                last = last.max(t + 1);
            }
        }
    }
    let to = ((last as f64 * 1.5).ceil() as usize).max(30).min(ticks.max(1));
    (0, to.min(u32::MAX as usize) as u32)
}

/// Whether a scenario's path is drawn thin: those with margin tiers. Paths often coincide in
/// pairs (tiers change little when the breaker dominates, and the breaker nothing when it does
/// not trip), so the scenarios without tiers are drawn thick underneath and the ones with tiers
/// thin on top; a path identical to one drawn before it is also dashed. Where paths coincide,
/// every colour stays visible.
fn is_thin(scenario: Scenario) -> bool {
    matches!(scenario, Scenario::MarginTiers | Scenario::Both)
}

/// Logical width of a scenario's path; the highlighted one is a pixel wider.
fn line_width(scenario: Scenario, highlight: Option<Scenario>) -> f64 {
    let base = if is_thin(scenario) { 2.0 } else { 4.0 };
    if Some(scenario) == highlight {
        base + 1.0
    } else {
        base
    }
}

/// Logical widths of the spot index's and the mark's dotted lines.
const INDEX_WIDTH: f64 = 1.5;
const MARK_WIDTH: f64 = 1.5;

/// The second venue's price line: its logical width and dash pattern (dash, gap, phase).
const SECOND_WIDTH: f64 = 2.0;
const SECOND_DASH: (f64, f64, f64) = (8.0, 4.0, 0.0);

/// The run whose spot index and mark the chart draws: the highlighted one, else the first.
fn reference<'r, 'a>(runs: &'r [Run<'a>], highlight: Option<Scenario>) -> Option<&'r Run<'a>> {
    runs.iter().find(|r| Some(r.scenario) == highlight).or(runs.first())
}

/// A run's price path on the time axis: the start price at tick 0, then the end of each tick.
fn path_points(run: &Run<'_>, axis: &TimeAxis) -> Vec<(f64, f64)> {
    series_points(run, &run.outcome.series.price, axis)
}

/// One of a run's price series (its price, mark or index) on the time axis, as an index where
/// the run is rebased: the start price at tick 0, then the end of each tick.
fn series_points(run: &Run<'_>, values: &[f64], axis: &TimeAxis) -> Vec<(f64, f64)> {
    let factor = index_factor(run.outcome).unwrap_or(1.0);
    let start = run.outcome.summary.start_price * factor;
    let prices = values.iter().enumerate();
    std::iter::once((axis.at(0.0), start))
        .chain(prices.map(|(t, p)| (axis.at((t + 1) as f64), p * factor)))
        .collect()
}

/// Whether two runs' price paths are within `tolerance` (index units) of each other at every
/// tick, so that the one drawn second would hide the first.
fn same_path(a: &Run<'_>, b: &Run<'_>, axis: &TimeAxis, tolerance: f64) -> bool {
    let (pa, pb) = (path_points(a, axis), path_points(b, axis));
    pa.len() == pb.len()
        && pa.iter().zip(&pb).all(|(p, q)| {
            let d = (p.1 - q.1).abs();
            d <= tolerance || (p.1.is_nan() && q.1.is_nan())
        })
}

/// Dash pattern of a path drawn over an identical one: dash, gap, and a phase that alternates
/// between scenarios so that two dashed paths on one line interleave (logical pixels).
fn dash_pattern(scenario: Scenario) -> (f64, f64, f64) {
    let phase =
        if matches!(scenario, Scenario::CircuitBreaker | Scenario::Both) { 8.0 } else { 0.0 };
    (8.0, 8.0, phase)
}

/// Draws `values`, one of the run's price series (its price, mark or spot index), from the start
/// price at tick 0, as a line of `(colour, logical width, dash pattern or solid)`.
fn draw_path<DB: DrawingBackend>(
    painter: &Painter<'_, DB>,
    plot: &Plot,
    axis: &TimeAxis,
    run: &Run<'_>,
    values: &[f64],
    (color, width, dash): (RGBColor, f64, Option<(f64, f64, f64)>),
) -> Result<(), RenderError> {
    let color = color.to_rgba();
    let column = plot.x_per_pixel() * 0.5;
    for piece in finite_runs(series_points(run, values, axis)) {
        let thin = decimate(&piece, column);
        for visible in clip_polyline(&thin, plot.x, plot.y) {
            let mut pixels: Vec<(i32, i32)> = visible.iter().map(|&p| plot.point(p)).collect();
            pixels.dedup();
            if pixels.len() == 1 {
                pixels.push(pixels[0]);
            }
            match dash {
                Some(pattern) => painter.dashed(&pixels, color, width, pattern)?,
                None => painter.line(pixels, color, width)?,
            }
        }
    }
    Ok(())
}

/// Shades each halted stretch in its scenario's colour, and marks it with a strip along the
/// top edge (one row of strips per halting run, so overlapping halts stay readable).
fn draw_halts<DB: DrawingBackend>(
    painter: &Painter<'_, DB>,
    plot: &Plot,
    axis: &TimeAxis,
    runs: &[Run<'_>],
    halts_of: Option<Scenario>,
) -> Result<(), RenderError> {
    let strip = painter.look.px(4.0).max(1);
    let mut row = 0;
    for run in runs.iter().filter(|r| halts_of.map_or(true, |s| s == r.scenario)) {
        let stretches = halted_runs(&run.outcome.series.halted);
        if stretches.is_empty() {
            continue;
        }
        let color = run.scenario.color(painter.look.theme);
        let shade = color.mix(0.13);
        for &(from, to) in &stretches {
            let x0 = plot.px(axis.at(from as f64));
            let x1 = plot.px(axis.at(to as f64)).max(x0 + 1);
            let (x0, x1) = (x0.clamp(plot.left, plot.right), x1.clamp(plot.left, plot.right));
            painter.fill((x0, plot.top), (x1, plot.bottom), shade)?;
            let top = plot.top + row * strip;
            painter.fill((x0, top), (x1, top + strip), color.to_rgba())?;
        }
        row += 1;
    }
    Ok(())
}

fn draw_bars<DB: DrawingBackend>(
    painter: &Painter<'_, DB>,
    mut plot: Plot,
    axis: &TimeAxis,
    runs: &[Run<'_>],
    options: &PriceChartOptions,
    caption_top: i32,
    tick_seconds: f64,
) -> Result<(), RenderError> {
    let look = painter.look;
    let colors = painter.colors;
    let mut shown: Vec<&Run<'_>> = vec![];
    for scenario in &options.bars {
        if let Some(run) = runs.iter().find(|r| r.scenario == *scenario) {
            if !shown.iter().any(|r| r.scenario == *scenario) {
                shown.push(run);
            }
        }
    }

    // Bins of whole ticks, each at least 1 logical pixel wide (2 when bars stand side by
    // side) and never narrower than a device pixel, started afresh in each stretch of the axis.
    // Stretches at full pace share one bin length `k`, which the caption names; a bin of a
    // squeezed stretch (longer, since its ticks are narrower) shows its average per `k` ticks,
    // so every bar reads on the same scale.
    let per_shown = f64::from((plot.right - plot.left).max(1)) / (plot.x.1 - plot.x.0).max(1e-9);
    let min_bar = if shown.len() > 1 { 2.0 } else { 1.0 } * shown.len().max(1) as f64;
    let bin_len = |pace: f64| {
        let per_tick = per_shown * pace;
        let k = (min_bar * look.scale() / per_tick).max(1.0 / per_tick).ceil();
        if k.is_finite() {
            k.clamp(1.0, 1e9) as usize
        } else {
            1
        }
    };
    let k = bin_len(1.0);
    // (first tick, end tick, one value per shown run)
    let mut bins: Vec<(usize, usize, Vec<f64>)> = vec![];
    for (from, to, squeezed) in axis.stretches() {
        let (from, to) = (from.max(0.0) as usize, to.max(0.0) as usize);
        let len = if squeezed { bin_len(1.0 / axis.squeeze) } else { k };
        let mut t = from;
        while t < to {
            let end = (t + len).min(to);
            let scale = k as f64 / (end - t) as f64;
            let values = shown
                .iter()
                .map(|r| {
                    let series = &r.outcome.series.liquidated_notional;
                    let part = &series[t.min(series.len())..end.min(series.len())];
                    bin_sums(part, part.len()).first().map_or(0.0, |sum| sum * scale)
                })
                .collect();
            bins.push((t, end, values));
            t = end;
        }
    }
    let top = extent(bins.iter().flat_map(|b| b.2.iter().copied())).map_or(0.0, |(_, hi)| hi);
    plot.y = if top > 0.0 { (0.0, top * 1.08) } else { (0.0, 1.0) };

    let count = (f64::from(plot.bottom - plot.top) / f64::from(look.px(28.0).max(1))) as usize;
    let (y_ticks, step) =
        if top > 0.0 { nice_ticks(plot.y.0, plot.y.1, count.max(2)) } else { (vec![0.0], 1.0) };
    painter.grid(&plot, &[], &y_ticks)?;

    // Each bin holds one bar per scenario side by side, with a gap between bins when they are
    // wide enough for one to show.
    for (from, to, values) in &bins {
        let (x0, x1) = (axis.at(*from as f64), axis.at(*to as f64));
        let wide = plot.px(x1) - plot.px(x0) >= look.px(4.0);
        let inset = if wide { 0.12 * (x1 - x0) } else { 0.0 };
        let slot = (x1 - x0 - 2.0 * inset) / shown.len().max(1) as f64;
        for (i, (run, &v)) in shown.iter().zip(values).enumerate() {
            if v <= 0.0 {
                continue;
            }
            let color = run.scenario.color(look.theme).to_rgba();
            let left = x0 + inset + i as f64 * slot;
            let (px0, py) = plot.point((left, v.min(plot.y.1)));
            let px1 = plot.px(left + slot).max(px0 + 1).min(plot.right);
            painter.fill((px0, py.min(plot.bottom - 1)), (px1, plot.bottom), color)?;
        }
    }
    if top <= 0.0 {
        let at = ((plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2);
        painter.text(
            options.words.get(Word::NoLiquidations),
            at,
            TICK_FONT,
            colors.muted,
            (HPos::Center, VPos::Center),
        )?;
    }
    let units = options.words.money_units();
    painter.y_axis(&plot, &y_ticks, |v| money_tick(v, step, top, &units))?;
    let per = per_duration(k as f64 * tick_seconds, &options.words);
    let caption = options.words.fill(Word::LiquidatedPer, &per);
    let at = (look.px(PAD), caption_top + look.px(CAPTION_CENTER));
    painter.text(&caption, at, LABEL_FONT, colors.muted, (HPos::Left, VPos::Center))?;
    Ok(())
}

/// Labels of the time axis: round values in `ticks_per_unit` ticks per unit, chosen per
/// stretch for its own pace, at least a label's width apart. `(position, text)`.
fn time_labels(
    plot: &Plot,
    axis: &TimeAxis,
    ticks_per_unit: f64,
    look: &Appearance,
) -> Vec<(f64, String)> {
    let mut labels: Vec<(f64, String)> = vec![];
    let mut last: Option<(i32, f64)> = None;
    let font = TICK_FONT * look.scale();
    for (from, to, _) in axis.stretches() {
        let width = plot.px(axis.at(to)) - plot.px(axis.at(from));
        let count = (f64::from(width) / f64::from(look.px(64.0).max(1))) as usize;
        let (values, step) = nice_ticks(from / ticks_per_unit, to / ticks_per_unit, count.max(2));
        for v in values {
            let at = axis.at(v * ticks_per_unit);
            let text = number_tick(v, step);
            let (px, half) = (plot.px(at), text_width(&text, font) / 2.0);
            let clear =
                last.map_or(true, |(x, w)| f64::from(px - x) >= w + half + 6.0 * look.scale());
            if clear && labels.iter().all(|l| l.1 != text) {
                labels.push((at, text));
                last = Some((px, half));
            }
        }
    }
    labels
}

/// Hatches the squeezed stretches of the time axis on `plot`.
fn draw_squeezed<DB: DrawingBackend>(
    painter: &Painter<'_, DB>,
    plot: &Plot,
    axis: &TimeAxis,
) -> Result<(), RenderError> {
    let color = painter.colors.grid.to_rgba();
    let (top, bottom) = (f64::from(plot.top), f64::from(plot.bottom));
    let gap = f64::from(painter.look.px(7.0).max(2));
    for (from, to, squeezed) in axis.stretches() {
        if !squeezed {
            continue;
        }
        let (left, right) = (f64::from(plot.px(axis.at(from))), f64::from(plot.px(axis.at(to))));
        // Lines rising at 45°, x = c + (bottom − y), cut to the stretch.
        let mut c = left - (bottom - top);
        while c < right {
            let (y0, y1) = (bottom.min(bottom - (left - c)), top.max(bottom - (right - c)));
            let (a, b) = ((c + bottom - y0, y0), (c + bottom - y1, y1));
            let pixel = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
            painter.line(vec![pixel(a), pixel(b)], color, 1.0)?;
            c += gap;
        }
    }
    Ok(())
}

/// Names how much faster time runs in the squeezed stretches, at the foot of the widest one if
/// the label fits in it (drawn over the grid and the paths, on a patch of background).
fn label_squeezed<DB: DrawingBackend>(
    painter: &Painter<'_, DB>,
    plot: &Plot,
    axis: &TimeAxis,
    words: &Words,
) -> Result<(), RenderError> {
    let look = painter.look;
    let widest = axis
        .stretches()
        .filter(|s| s.2)
        .map(|(from, to, _)| (plot.px(axis.at(from)), plot.px(axis.at(to))))
        .max_by_key(|(x0, x1)| x1 - x0);
    let Some((x0, x1)) = widest else { return Ok(()) };
    let text = words.fill(Word::TimeFaster, &(axis.squeeze as u32).to_string());
    let fits = text_width(&text, TICK_FONT * look.scale()) + f64::from(look.px(12.0));
    if f64::from(x1 - x0) < fits {
        return Ok(());
    }
    let at = ((x0 + x1) / 2, plot.bottom - look.px(10.0));
    let muted = painter.colors.muted;
    painter.boxed_text(&text, at, (TICK_FONT, muted), (HPos::Center, VPos::Bottom))
}

fn draw_cursor<DB: DrawingBackend>(
    painter: &Painter<'_, DB>,
    (price, bars): (&Plot, &Plot),
    axis: &TimeAxis,
    runs: &[Run<'_>],
    (tick, ticks): (u32, usize),
    (tick_seconds, unit): (f64, super::format::TimeUnit),
    words: &Words,
) -> Result<(), RenderError> {
    let look = painter.look;
    let colors = painter.colors;
    // Past the end means the end; outside the time window, no cursor.
    let t = (tick as usize).min(ticks.saturating_sub(1));
    let at = axis.at((t + 1) as f64);
    if !(price.x.0 - 1e-9..=price.x.1 + 1e-9).contains(&at) {
        return Ok(());
    }
    let x = price.px(at);
    let bottom = if bars.is_drawable() { bars.bottom } else { price.bottom };
    painter.line(vec![(x, price.top), (x, bottom)], colors.text.mix(0.7), 1.0)?;
    for run in runs {
        let factor = index_factor(run.outcome).unwrap_or(1.0);
        let Some(&p) = run.outcome.series.price.get(t) else { continue };
        let v = p * factor;
        if v.is_finite() && (price.y.0..=price.y.1).contains(&v) {
            let at = (x, price.py(v));
            painter.dot(at, 4.5, colors.background.to_rgba())?;
            painter.dot(at, 3.0, run.scenario.color(look.theme).to_rgba())?;
        }
    }
    let seconds = (t + 1) as f64 * tick_seconds;
    let number = number_tick(seconds / unit.seconds, step_for(unit));
    let label = words.fill(unit.symbol, &number);
    let right_side = x < (price.left + price.right) / 2;
    let (dx, h) =
        if right_side { (look.px(4.0), HPos::Left) } else { (-look.px(4.0), HPos::Right) };
    // Below the halt strips along the top edge.
    let at = (x + dx, price.top + look.px(20.0));
    painter.text(&label, at, TICK_FONT, colors.text, (h, VPos::Center))
}

/// Precision of the cursor's time label: whole seconds, tenths of larger units.
fn step_for(unit: super::format::TimeUnit) -> f64 {
    if unit.seconds == 1.0 {
        1.0
    } else {
        0.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_stacks_the_panels() {
        let look = Appearance::default();
        let lay = layout((800, 500), &[], &look);
        assert!(lay.price.0 < lay.price.1);
        assert!(lay.price.1 < lay.bars_caption);
        assert!(lay.bars.0 < lay.bars.1);
        assert!(lay.bars.1 < 500);
        // The price panel gets about two thirds of the panels' height.
        let share = f64::from(lay.price.1 - lay.price.0)
            / f64::from(lay.price.1 - lay.price.0 + lay.bars.1 - lay.bars.0);
        assert!((0.6..0.75).contains(&share), "{share}");
    }

    #[test]
    fn layout_scales_with_dpr() {
        let one = layout((800, 500), &[], &Appearance { dpr: 1.0, ..Appearance::default() });
        let two = layout((1600, 1000), &[], &Appearance { dpr: 2.0, ..Appearance::default() });
        assert_eq!(two.left, 2 * one.left);
        assert!((two.price.1 - 2 * one.price.1).abs() <= 2);
    }
}
