//! Survival functions of samples on log axes: for each sample, the share of values at least x,
//! P(X ≥ x), against x. A straight line on log–log axes is a power-law tail; comparing samples
//! (say, crash sizes with and without a mitigation) shows which tail is heavier.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::{clip_polyline, extent, finite, usable_range};
use super::frame::{
    legend_height, legend_layout, nice_ticks, LegendItem, Painter, Plot, Swatch, CAPTION_CENTER,
    CAPTION_ROW, LABEL_FONT, LEFT_SPACE, PAD, RIGHT_PAD, X_AXIS_SPACE,
};
use super::heatmap::ValueFormat;
use super::palette::scenario_color;
use super::words::{Word, Words};
use super::{Appearance, RenderError, Scenario};

/// One sample to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample<'a> {
    /// Legend text.
    pub label: &'a str,
    /// The values; those that are not finite (and, on a log x axis, not positive) are left out.
    pub values: &'a [f64],
    /// Line colour; `None` takes the scenario colours in turn.
    pub color: Option<RGBColor>,
}

/// Labels of a survival chart.
#[derive(Clone, Debug, PartialEq)]
pub struct SurvivalOptions {
    /// Colours and pixel ratio.
    pub appearance: Appearance,
    /// Title of the horizontal axis, e.g. "largest fall, %".
    pub x_label: String,
    /// Printing of x tick labels.
    pub x_format: ValueFormat,
    /// Whether x is on a log scale (default yes).
    pub log_x: bool,
    /// The words drawn (English by default).
    pub words: Words,
}

impl Default for SurvivalOptions {
    fn default() -> Self {
        SurvivalOptions {
            appearance: Appearance::default(),
            x_label: String::new(),
            x_format: ValueFormat::Number,
            log_x: true,
            words: Words::default(),
        }
    }
}

/// Draws the survival function of each sample filling `area`: the share of values at least x
/// (log scale, from 1 down to one over the largest sample) against x.
pub fn draw_survival<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    samples: &[Sample<'_>],
    options: &SurvivalOptions,
) -> Result<(), RenderError> {
    let look = options.appearance;
    let painter = Painter::new(area, look);
    painter.background()?;
    let colors = painter.colors;
    let (w, h) = painter.size();

    // Each sample's values in axis units (log10 x when log_x), ascending.
    let to_axis = |v: f64| {
        if options.log_x {
            (v > 0.0).then(|| v.log10()).and_then(finite)
        } else {
            finite(v)
        }
    };
    let sorted: Vec<Vec<f64>> = samples
        .iter()
        .map(|s| {
            let mut v: Vec<f64> = s.values.iter().filter_map(|&v| to_axis(v)).collect();
            v.sort_by(f64::total_cmp);
            v
        })
        .collect();
    let largest = sorted.iter().map(Vec::len).max().unwrap_or(0);
    if largest == 0 {
        return painter.message(options.words.get(Word::NothingToShow));
    }

    let line_color = |i: usize, s: &Sample<'_>| {
        s.color.unwrap_or_else(|| scenario_color(Scenario::ALL[i % 4], look.theme))
    };
    let items: Vec<LegendItem> = samples
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem {
            swatch: Swatch::Line(line_color(i, s), 2.0),
            label: s.label.to_string(),
        })
        .collect();
    let (left, right) = (look.px(LEFT_SPACE), w - look.px(RIGHT_PAD));
    let legend_top = look.px(PAD);
    let (_, rows) = legend_layout(&items, &look, look.px(PAD), right);
    let caption = legend_top + legend_height(rows, &look);
    painter.legend(&items, look.px(PAD), right, legend_top)?;

    // y is log10 of the share: 0 at the top, −log10(largest sample) at the bottom.
    let y_low = -(largest as f64).log10().ceil().max(1.0);
    let x = usable_range(
        extent(sorted.iter().flatten().copied()).unwrap_or((0.0, 1.0)),
        1e-9,
        (0.0, 1.0),
    );
    let x = if options.log_x { (x.0.floor().min(x.0), x.1) } else { x };
    let plot = Plot {
        left,
        right,
        top: caption + look.px(CAPTION_ROW),
        bottom: h - look.px(X_AXIS_SPACE + PAD),
        x,
        y: (y_low, 0.0),
    };
    if !plot.is_drawable() {
        return Ok(());
    }

    let y_ticks: Vec<f64> = (0..=(-y_low) as usize).map(|i| -(i as f64)).collect();
    let x_count = (f64::from(plot.right - plot.left) / f64::from(look.px(70.0).max(1))) as usize;
    // On a log axis spanning a decade or more, ticks go at whole powers of ten; on a shorter
    // one, at round values inside it. `x_step` is the step of the printed values (0 for decades,
    // where each value is its own step).
    let (x_ticks, x_step) = if options.log_x && x.1 - x.0 >= 1.0 {
        let (lo, hi) = (x.0.ceil(), x.1.floor());
        ((0..=((hi - lo) as usize).min(30)).map(|i| lo + i as f64).collect(), 0.0)
    } else if options.log_x {
        let (t, step) = nice_ticks(libm::pow(10.0, x.0), libm::pow(10.0, x.1), x_count.max(2));
        (t.into_iter().filter(|&v| v > 0.0).map(f64::log10).collect(), step)
    } else {
        nice_ticks(x.0, x.1, x_count.max(2))
    };
    painter.grid(&plot, &x_ticks, &y_ticks)?;

    for (i, (sample, values)) in samples.iter().zip(&sorted).enumerate() {
        let n = values.len();
        if n == 0 {
            continue;
        }
        // A staircase: P(X ≥ x) is (n − j) / n from the j-th smallest value up to the next.
        let mut points = Vec::with_capacity(2 * n);
        for (j, &v) in values.iter().enumerate() {
            let share = ((n - j) as f64 / n as f64).log10();
            if let Some(&(_, previous)) = points.last() {
                points.push((v, previous));
            }
            points.push((v, share));
        }
        let color = line_color(i, sample).to_rgba();
        for piece in clip_polyline(&points, plot.x, plot.y) {
            let mut pixels: Vec<_> = piece.iter().map(|&p| plot.point(p)).collect();
            pixels.dedup();
            if pixels.len() == 1 {
                pixels.push(pixels[0]);
            }
            painter.line(pixels, color, 2.0)?;
        }
    }

    let share_label = |v: f64| {
        let e = -v.round() as i32;
        match e {
            0 => "1".to_string(),
            1..=3 => format!("{}", 10f64.powi(-e)),
            _ => format!("10{}", superscript(-e)),
        }
    };
    painter.y_axis(&plot, &y_ticks, share_label)?;
    let units = options.words.money_units();
    let x_label = |v: f64| {
        if options.log_x {
            let value = libm::pow(10.0, v);
            let step = if x_step > 0.0 { x_step } else { value };
            options.x_format.tick(value, step, libm::pow(10.0, x.1), &units)
        } else {
            options.x_format.tick(v, x_step, x.1.abs().max(x.0.abs()), &units)
        }
    };
    let title = (!options.x_label.is_empty()).then_some(options.x_label.as_str());
    painter.x_axis(&plot, &x_ticks, x_label, title)?;
    let at = (look.px(PAD), caption + look.px(CAPTION_CENTER));
    painter.text(
        options.words.get(Word::ShareAtLeast),
        at,
        LABEL_FONT,
        colors.muted,
        (HPos::Left, VPos::Center),
    )
}

/// An integer in superscript digits, for powers of ten: −3 → "⁻³".
fn superscript(n: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let sign = if n < 0 { "⁻" } else { "" };
    let digits: String =
        n.unsigned_abs().to_string().chars().map(|c| DIGITS[c as usize - '0' as usize]).collect();
    format!("{sign}{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscripts() {
        assert_eq!(superscript(-4), "⁻⁴");
        assert_eq!(superscript(12), "¹²");
    }
}
