//! The liquidation map: how much notional would be liquidated at each price, drawn sideways so
//! that price runs up the page exactly as in the price chart. Longs' liquidation prices sit
//! below the start price and shorts' above; each bucket shows what the run liquidated and what
//! survived. The line of the lowest (or highest) price reached shows how far the dominoes fell.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::{extent, finite, index_factor, mark_departs, usable_range};
use super::format::{money, money_tick, number_tick};
use super::frame::{
    legend_height, legend_layout, nice_ticks, LegendItem, Painter, Plot, Swatch, AXIS_TITLE_OFFSET,
    CAPTION_CENTER, CAPTION_ROW, DOTS, LABEL_FONT, LEFT_SPACE, PAD, RIGHT_PAD, TICK_FONT,
    X_AXIS_SPACE,
};
use super::palette::map_colors;
use super::words::{Word, Words};
use super::{Appearance, RenderError, Run, Scenario};
use crate::model::Outcome;

/// What the liquidation map shows besides the buckets.
#[derive(Clone, Debug, PartialEq)]
pub struct MapOptions {
    /// Colours and pixel ratio.
    pub appearance: Appearance,
    /// The scenario the outcome belongs to, named beside the line of the price reached.
    pub scenario: Scenario,
    /// The price axis, in index units (start = 100). `None` uses [`shared_price_range`] of this
    /// outcome alone. Pass the price chart's range to line the two charts up.
    pub price_range: Option<(f64, f64)>,
    /// The device-pixel rows (top, bottom) of the plot, e.g. the price panel's from
    /// [`super::price_chart_layout`] for a price chart of the same height; `None` lays the map
    /// out on its own. Rows outside the area are clamped into it.
    pub band: Option<(i32, i32)>,
    /// A moment of the run, as the price chart's cursor (a tick; past the end means the end):
    /// the buckets show what was liquidated by the end of that tick, and a line marks the price
    /// then. `None` shows the end of the run and the furthest price it reached.
    pub cursor: Option<u32>,
    /// The words drawn (English by default).
    pub words: Words,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            appearance: Appearance::default(),
            scenario: Scenario::NoMitigation,
            price_range: None,
            band: None,
            cursor: None,
            words: Words::default(),
        }
    }
}

/// A price axis (index units, start = 100) that suits both the price chart of `runs` and their
/// liquidation maps: it covers every price path (with the marks and spot indexes) and the start
/// with a little room, and reaches further in the direction the price moved, to show the next
/// dominoes beyond the cascade's reach, but no further than the maps' own range.
pub fn shared_price_range(runs: &[Run<'_>]) -> (f64, f64) {
    let mut points = vec![];
    let mut map_edges = vec![];
    for run in runs {
        let factor = index_factor(run.outcome).unwrap_or(1.0);
        points.push(run.outcome.summary.start_price * factor);
        let series = &run.outcome.series;
        // The mark, the spot index and the second venue's price, where a run has them, are
        // drawn on the same axis.
        let second = run.outcome.second_venue.as_ref().map(|s| &s.series.price);
        let paths = [&series.price, &series.mark, &series.index].into_iter().chain(second);
        points.extend(paths.flatten().map(|p| p * factor));
        let map = &run.outcome.liquidation_map;
        map_edges.extend([map.low_price * factor, map.high_price * factor]);
    }
    let Some((lo, hi)) = extent(points) else { return (90.0, 110.0) };
    let start = runs
        .first()
        .and_then(|r| {
            finite(r.outcome.summary.start_price * index_factor(r.outcome).unwrap_or(1.0))
        })
        .unwrap_or((lo + hi) / 2.0);
    let span = (hi - lo).max(1e-9 * hi.abs()).max(2.0);
    let fell = start - lo >= hi - start;
    let (below, above) = if fell {
        ((0.6 * span).max(4.0), (0.2 * span).max(2.0))
    } else {
        ((0.2 * span).max(2.0), (0.6 * span).max(4.0))
    };
    let margin = 0.04 * span;
    let (mut low, mut high) = (lo - below, hi + above);
    if let Some((map_lo, map_hi)) = extent(map_edges) {
        low = low.max(map_lo).min(lo - margin);
        high = high.min(map_hi).max(hi + margin);
    }
    if lo >= 0.0 {
        low = low.max(0.0);
    }
    usable_range((low, high), 0.5, (90.0, 110.0))
}

/// The legend of the map: status by hue, side by lightness.
fn legend_items(look: &Appearance, words: &Words) -> Vec<LegendItem> {
    let c = map_colors(look.theme);
    [
        (c.long_liquidated, Word::LongsLiquidated),
        (c.long_open, Word::LongsOpen),
        (c.short_liquidated, Word::ShortsLiquidated),
        (c.short_open, Word::ShortsOpen),
    ]
    .into_iter()
    .map(|(color, word)| LegendItem {
        swatch: Swatch::Box(color.to_rgba()),
        label: words.get(word).to_string(),
    })
    .collect()
}

/// Draws the liquidation map of `outcome` filling `area`: price (index, start = 100) up the
/// side, notional along the bottom, one stacked bar per price bucket (longs liquidated, longs
/// still open, shorts liquidated, shorts still open), a dashed line at the start price and a
/// solid one at the furthest price the run reached.
pub fn draw_liquidation_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    outcome: &Outcome,
    options: &MapOptions,
) -> Result<(), RenderError> {
    let look = options.appearance;
    let painter = Painter::new(area, look);
    painter.background()?;
    let colors = painter.colors;
    let (w, h) = painter.size();

    let (words, units) = (&options.words, options.words.money_units());
    let items = legend_items(&look, words);
    let (left, right) = (look.px(LEFT_SPACE), w - look.px(RIGHT_PAD));
    let legend_top = look.px(PAD);
    let (_, rows) = legend_layout(&items, &look, look.px(PAD), right);
    let caption = legend_top + legend_height(rows, &look);
    let mut top = caption + look.px(CAPTION_ROW);
    let mut bottom = h - look.px(X_AXIS_SPACE + NOTE_ROW + PAD);
    if let Some((t, b)) = options.band {
        // A band from a price chart of the same height; keep room for the axis below.
        top = t.clamp(0, h);
        bottom = b.clamp(top, (h - look.px(X_AXIS_SPACE).min(h)).max(top));
    }
    painter.legend(&items, look.px(PAD), right, legend_top)?;

    let run = Run { scenario: options.scenario, outcome };
    let y = usable_range(
        options.price_range.unwrap_or_else(|| shared_price_range(&[run])),
        0.5,
        (90.0, 110.0),
    );
    let mut plot = Plot { left, right, top, bottom, x: (0.0, 1.0), y };
    if !plot.is_drawable() {
        return Ok(());
    }

    let factor = index_factor(outcome);
    let buckets = merged_buckets(outcome, factor.unwrap_or(1.0), &plot, &look, options.cursor);
    let visible: Vec<&Bucket> = buckets.iter().filter(|b| b.high > y.0 && b.low < y.1).collect();
    let top_value = extent(visible.iter().map(|b| b.values.iter().sum())).map_or(0.0, |e| e.1);
    plot.x = if top_value > 0.0 { (0.0, top_value * 1.1) } else { (0.0, 1.0) };

    let x_count = (f64::from(plot.right - plot.left) / f64::from(look.px(70.0).max(1))) as usize;
    let (x_ticks, x_step) = if top_value > 0.0 {
        nice_ticks(plot.x.0, plot.x.1, x_count.max(2))
    } else {
        (vec![0.0], 1.0)
    };
    let y_count = (f64::from(plot.bottom - plot.top) / f64::from(look.px(36.0).max(1))) as usize;
    let (y_ticks, y_step) = nice_ticks(y.0, y.1, y_count.max(2));
    painter.grid(&plot, &x_ticks, &y_ticks)?;

    let c = map_colors(look.theme);
    let palette = [c.long_liquidated, c.long_open, c.short_liquidated, c.short_open];
    let gap = look.scale() >= 1.0 && bucket_pixels(&plot, buckets.first()) >= 4 * look.px(1.0);
    for bucket in &visible {
        let (y0, y1) = (bucket.low.max(y.0), bucket.high.min(y.1));
        let (py0, mut py1) = (plot.py(y0), plot.py(y1));
        if gap && bucket.high <= y.1 {
            py1 += look.px(1.0);
        }
        let mut x = 0.0;
        for (value, color) in bucket.values.iter().zip(palette) {
            if *value <= 0.0 {
                continue;
            }
            let (px0, px1) = (plot.px(x), plot.px(x + value).max(plot.px(x) + 1));
            painter.fill((px0, py1), (px1, py0.max(py1 + 1)), color.to_rgba())?;
            x += value;
        }
    }
    if top_value <= 0.0 {
        let at = ((plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2);
        let note = words.get(Word::NoLiquidationPrices);
        painter.text(note, at, TICK_FONT, colors.muted, (HPos::Center, VPos::Center))?;
    }

    draw_reference_lines(&painter, &plot, outcome, options, factor)?;

    // Notional the chart cannot show: outside the map's buckets or outside the price axis.
    let hidden: f64 = finite(outcome.liquidation_map.outside).unwrap_or(0.0).max(0.0)
        + buckets
            .iter()
            .filter(|b| !(b.high > y.0 && b.low < y.1))
            .map(|b| b.values.iter().sum::<f64>())
            .sum::<f64>();
    if hidden > 0.0 && hidden.is_finite() {
        // Under the axis title when there is room, else in the plot's lower right corner.
        let note = words.fill(Word::MoreOutside, &money(hidden, &units));
        let (at, anchor) = if h - plot.bottom >= look.px(X_AXIS_SPACE + NOTE_ROW) {
            let y = plot.bottom + look.px(AXIS_TITLE_OFFSET + NOTE_ROW);
            (((plot.left + plot.right) / 2, y), (HPos::Center, VPos::Top))
        } else {
            let corner = (plot.right - look.px(4.0), plot.bottom - look.px(4.0));
            (corner, (HPos::Right, VPos::Bottom))
        };
        painter.boxed_text(&note, at, (TICK_FONT, colors.muted), anchor)?;
    }

    painter.y_axis(&plot, &y_ticks, |v| number_tick(v, y_step))?;
    // The axis title goes in the row above the plot, if the legend leaves one.
    let title = words.get(if factor.is_some() {
        Word::LiquidationPriceIndexed
    } else {
        Word::LiquidationPrice
    });
    let title_top = plot.top - look.px(CAPTION_ROW);
    if title_top >= caption {
        let at = (look.px(PAD), title_top + look.px(CAPTION_CENTER));
        painter.text(title, at, LABEL_FONT, colors.muted, (HPos::Left, VPos::Center))?;
    }
    let x_title = words.get(Word::NotionalAxis);
    let x_label = |v| money_tick(v, x_step, top_value, &units);
    painter.x_axis(&plot, &x_ticks, x_label, Some(x_title))?;
    Ok(())
}

/// Logical height of the row under the x axis for the note on notional not shown.
const NOTE_ROW: f64 = 15.0;

/// One bucket of the map in index units, its four amounts in legend order.
struct Bucket {
    low: f64,
    high: f64,
    values: [f64; 4],
}

/// The map's buckets in index units, merged in groups so that each is at least two logical
/// pixels tall, as they stood at the end of tick `cursor` (or of the run). Amounts that are
/// not finite or negative count as zero.
fn merged_buckets(
    outcome: &Outcome,
    factor: f64,
    plot: &Plot,
    look: &Appearance,
    cursor: Option<u32>,
) -> Vec<Bucket> {
    let map = &outcome.liquidation_map;
    let n = [&map.long_liquidated, &map.long_survived, &map.short_liquidated, &map.short_survived]
        .iter()
        .map(|s| s.len())
        .min()
        .unwrap_or(0);
    let (mut long, mut short) = (map.long_liquidated.clone(), map.short_liquidated.clone());
    let (mut long_open, mut short_open) = (map.long_survived.clone(), map.short_survived.clone());
    if let (Some(t), true) = (cursor, n > 0) {
        // What had fallen by then; the rest of the run's liquidations still stood.
        let mut fell = vec![0.0; 2 * n];
        let falls = map.fallen_tick.iter().zip(&map.fallen_bucket).zip(&map.fallen_notional);
        for ((&tick, &code), &notional) in falls {
            if tick <= t && usize::from(code) < 2 * n {
                fell[usize::from(code)] += finite(notional).unwrap_or(0.0);
            }
        }
        for i in 0..n {
            for (side, (hit, open)) in
                [(&mut long, &mut long_open), (&mut short, &mut short_open)].into_iter().enumerate()
            {
                // (min and max, not clamp: clamp's panic message would pull Rust's float
                // printing into the wasm.)
                let now = fell[side * n + i].min(hit[i].max(0.0)).max(0.0);
                open[i] += hit[i] - now;
                hit[i] = now;
            }
        }
    }
    let series = [&long, &long_open, &short, &short_open];
    let (Some(low), Some(high)) = (finite(map.low_price * factor), finite(map.high_price * factor))
    else {
        return vec![];
    };
    if n == 0 || high <= low {
        return vec![];
    }
    let width = (high - low) / n as f64;
    let pixels = width / plot.y_per_pixel();
    let k = ((2.0 * look.scale() / pixels).ceil() as usize).clamp(1, n);
    (0..n)
        .step_by(k)
        .map(|i| {
            let end = (i + k).min(n);
            let mut values = [0.0; 4];
            for (v, s) in values.iter_mut().zip(series) {
                *v = s[i..end].iter().filter_map(|&x| finite(x)).filter(|&x| x > 0.0).sum();
            }
            Bucket { low: low + i as f64 * width, high: low + end as f64 * width, values }
        })
        .collect()
}

/// Device-pixel height of a bucket.
fn bucket_pixels(plot: &Plot, bucket: Option<&Bucket>) -> i32 {
    bucket.map_or(0, |b| (plot.py(b.low) - plot.py(b.high)).abs())
}

/// The start price (dashed) and, at the end of the run, the furthest price reached in the
/// direction of the move; at a cursor, the price then.
fn draw_reference_lines<DB: DrawingBackend>(
    painter: &Painter<'_, DB>,
    plot: &Plot,
    outcome: &Outcome,
    options: &MapOptions,
    factor: Option<f64>,
) -> Result<(), RenderError> {
    let look = painter.look;
    let colors = painter.colors;
    let f = factor.unwrap_or(1.0);
    // Only the start price is read from the summary: the page hands back just that (wasm
    // render.rs reads no other summary figure), so the extremes come from the series.
    let start = outcome.summary.start_price * f;
    let inside = |v: f64| v.is_finite() && (plot.y.0..=plot.y.1).contains(&v);
    if inside(start) {
        let py = plot.py(start);
        let line = [(plot.left, py), (plot.right, py)];
        painter.dashed(&line, colors.text.to_rgba(), 1.0, (5.0, 4.0, 0.0))?;
        let at = (plot.right - look.px(4.0), py - look.px(4.0));
        let text = options.words.get(Word::Start);
        painter.boxed_text(text, at, (TICK_FONT, colors.text), (HPos::Right, VPos::Bottom))?;
    }
    let prices = &outcome.series.price;
    let low = prices.iter().map(|p| p * f).fold(start, f64::min);
    let high = prices.iter().map(|p| p * f).fold(start, f64::max);
    let fell = start - low >= high - start;
    let words = &options.words;
    let name = words.get(options.scenario.word());
    let (reached, label) = match options.cursor {
        Some(t) if !prices.is_empty() => {
            let now = prices[(t as usize).min(prices.len() - 1)] * f;
            (now, words.fill(Word::PriceAtCursor, name))
        }
        _ if fell => (low, words.fill(Word::LowestReached, name)),
        _ => (high, words.fill(Word::HighestReached, name)),
    };
    if inside(reached) && (reached != start || options.cursor.is_some()) {
        let py = plot.py(reached);
        let color = options.scenario.color(look.theme);
        let ink = if options.cursor.is_some() { color } else { colors.text };
        painter.line(vec![(plot.left, py), (plot.right, py)], ink.to_rgba(), 2.0)?;
        let (dy, anchor) =
            if fell { (look.px(4.0), VPos::Top) } else { (-look.px(4.0), VPos::Bottom) };
        let at = (plot.right - look.px(4.0), py + dy);
        painter.boxed_text(&label, at, (TICK_FONT, colors.text), (HPos::Right, anchor))?;
    }
    // Where the run marks positions on a spot index (index.rs), the mark, which is what
    // liquidates: dotted, labelled on the other side of its line from the price's label.
    let marks = &outcome.series.mark;
    if mark_departs(outcome) {
        let mark = match options.cursor {
            Some(t) => marks[(t as usize).min(marks.len() - 1)],
            None if fell => marks.iter().copied().fold(f64::INFINITY, f64::min),
            None => marks.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        } * f;
        if inside(mark) {
            let py = plot.py(mark);
            let color = options.scenario.color(look.theme).to_rgba();
            painter.dashed(&[(plot.left, py), (plot.right, py)], color, 2.0, DOTS)?;
            let (dy, anchor) =
                if fell { (-look.px(4.0), VPos::Bottom) } else { (look.px(4.0), VPos::Top) };
            let at = (plot.left + look.px(4.0), py + dy);
            let text = words.get(Word::MarkLooksHere);
            painter.boxed_text(text, at, (TICK_FONT, colors.text), (HPos::Left, anchor))?;
        }
    }
    Ok(())
}
