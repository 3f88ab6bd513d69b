//! The drawing toolkit the charts share: a plot rectangle that maps data to device pixels, nice
//! tick values, and a painter that draws lines, boxes, text, axes and legends at logical sizes.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform, RGBAColor};

use super::palette::ThemeColors;
use super::{Appearance, RenderError};

/// Font sizes, logical pixels.
pub(crate) const TICK_FONT: f64 = 11.0;
pub(crate) const LABEL_FONT: f64 = 12.0;

/// A rectangle of the drawing area (device pixels, y down) showing `x` × `y` in data units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Plot {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl Plot {
    /// Whether the rectangle has room to draw anything.
    pub fn is_drawable(&self) -> bool {
        self.right - self.left >= 4 && self.bottom - self.top >= 4
    }

    /// Horizontal device pixel of data value `x` (ranges are kept non-degenerate by callers).
    pub fn px(&self, x: f64) -> i32 {
        let f = (x - self.x.0) / (self.x.1 - self.x.0);
        to_pixel(f64::from(self.left) + f * f64::from(self.right - self.left))
    }

    /// Vertical device pixel of data value `y` (up is larger).
    pub fn py(&self, y: f64) -> i32 {
        let f = (y - self.y.0) / (self.y.1 - self.y.0);
        to_pixel(f64::from(self.bottom) - f * f64::from(self.bottom - self.top))
    }

    /// Device pixel of a data point.
    pub fn point(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.px(x), self.py(y))
    }

    /// Data units per device pixel, horizontally.
    pub fn x_per_pixel(&self) -> f64 {
        (self.x.1 - self.x.0) / f64::from((self.right - self.left).max(1))
    }

    /// Data units per device pixel, vertically.
    pub fn y_per_pixel(&self) -> f64 {
        (self.y.1 - self.y.0) / f64::from((self.bottom - self.top).max(1))
    }
}

/// Rounds to a pixel, keeping far-off values in a range where pixel arithmetic cannot overflow.
fn to_pixel(v: f64) -> i32 {
    if v.is_nan() {
        0
    } else {
        v.round().clamp(-1e6, 1e6) as i32
    }
}

/// Round tick values covering `lo..=hi`: multiples of 1, 2 or 5 × 10^k, at most `max_count`
/// of them. Returns the ticks and the step.
pub(crate) fn nice_ticks(lo: f64, hi: f64, max_count: usize) -> (Vec<f64>, f64) {
    let max_count = max_count.clamp(2, 50);
    let span = hi - lo;
    if lo == hi && lo.is_finite() {
        return (vec![lo], 1.0);
    }
    if !(span.is_finite() && span > 0.0) {
        return (vec![], 1.0);
    }
    let raw = span / max_count as f64;
    let magnitude = libm::pow(10.0, raw.log10().floor());
    // The smallest round step that gives at most `max_count` ticks; ten times the magnitude
    // always does, since it exceeds span / max_count.
    let step = [1.0, 2.0, 2.5, 5.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| (span / s).floor() + 1.0 <= max_count as f64)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil();
    let ticks = (0..=max_count + 1)
        .map(|i| (first + i as f64) * step)
        .take_while(|&v| v <= hi + step * 1e-9)
        // Snap values like 0.30000000000000004 and −0.0 to what the label will print.
        .map(|v| if v.abs() < step * 1e-9 { 0.0 } else { v })
        .collect();
    (ticks, step)
}

/// Estimated width of `text` in device pixels at `size` device pixels: a per-character
/// average for a wide sans-serif (DejaVu Sans, the common Linux fallback), so that it errs
/// wide for Arial, Helvetica or Roboto. It places legend entries and label patches only.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' | '(' | ')' => 0.34,
            'f' | 't' | 'r' | 'I' => 0.44,
            '0'..='9' | '$' => 0.64,
            'm' | 'w' | 'M' | 'W' | '%' => 0.95,
            '=' | '+' | '<' | '>' | '×' | '÷' | '≥' | '−' => 0.84,
            // CJK characters and full-width punctuation are about as wide as they are high.
            '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}' => 1.0,
            'A'..='Z' => 0.72,
            _ => 0.58,
        })
        .sum::<f64>()
        * size
}

/// `x` wrapped into [0, `period`] for a positive period (`period` itself only by rounding, as
/// with `rem_euclid`): `x.rem_euclid(period)` to a rounding error, which no pixel can show.
/// (`rem_euclid` is an fmod, whose exact remainder links compiler-builtins' 128-bit division
/// into the wasm, 1.15 KB gzip with the fmod; `floor` is one instruction there.)
fn wrap(x: f64, period: f64) -> f64 {
    let r = x - (x / period).floor() * period;
    if r < 0.0 {
        r + period
    } else if r >= period {
        r - period
    } else {
        r
    }
}

/// The "on" pieces of a dash pattern along a polyline: dashes `on` long every `period`, the
/// pattern starting `phase` into its period (all in device pixels).
pub(crate) fn dash_pieces(
    points: &[(i32, i32)],
    on: f64,
    period: f64,
    phase: f64,
) -> Vec<Vec<(i32, i32)>> {
    let mut pieces = vec![];
    if !(on > 0.0 && period > on && phase.is_finite()) {
        return if points.len() >= 2 { vec![points.to_vec()] } else { pieces };
    }
    let mut current: Vec<(i32, i32)> = vec![];
    // Distance along the pattern at the start of the current segment.
    let mut along = wrap(phase, period);
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        let length = dx.hypot(dy);
        let at = |d: f64| {
            let f = if length > 0.0 { (d / length).clamp(0.0, 1.0) } else { 0.0 };
            ((f64::from(a.0) + f * dx).round() as i32, (f64::from(a.1) + f * dy).round() as i32)
        };
        // Walk the segment from one pattern boundary to the next.
        let mut d = 0.0;
        while d < length {
            let in_period = wrap(along + d, period);
            let is_on = in_period < on;
            let to_boundary = if is_on { on - in_period } else { period - in_period };
            let next = (d + to_boundary.max(1e-9)).min(length);
            if is_on {
                if current.is_empty() {
                    current.push(at(d));
                }
                current.push(at(next));
            } else if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            d = next;
        }
        along = wrap(along + length, period);
    }
    if current.len() >= 2 {
        pieces.push(current);
    }
    pieces.retain(|p| p.len() >= 2);
    pieces
}

/// The dash, gap and phase of a dotted line (logical pixels).
pub(crate) const DOTS: (f64, f64, f64) = (2.0, 3.0, 0.0);

/// How a legend entry is marked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Swatch {
    /// A short line, as the series is drawn: colour and logical width.
    Line(RGBColor, f64),
    /// A filled box, for bars and shaded bands.
    Box(RGBAColor),
    /// A short broken line: colour, logical width and dash pattern (dash, gap, phase).
    Dashed(RGBColor, f64, (f64, f64, f64)),
}

/// One legend entry.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LegendItem {
    pub swatch: Swatch,
    pub label: String,
}

/// Logical sizes of a legend row.
const LEGEND_ROW: f64 = 18.0;
const SWATCH_WIDTH: f64 = 16.0;
const SWATCH_GAP: f64 = 5.0;
const ITEM_GAP: f64 = 14.0;

/// Where each legend entry goes when the legend flows from `left` to `right` (device pixels):
/// the x of each entry, its row, and the number of rows.
pub(crate) fn legend_layout(
    items: &[LegendItem],
    look: &Appearance,
    left: i32,
    right: i32,
) -> (Vec<(i32, usize)>, usize) {
    let s = look.scale();
    let mut placed = Vec::with_capacity(items.len());
    let (mut x, mut row) = (f64::from(left), 0);
    for item in items {
        let width = (SWATCH_WIDTH + SWATCH_GAP) * s + text_width(&item.label, LABEL_FONT * s);
        if x > f64::from(left) && x + width > f64::from(right) {
            row += 1;
            x = f64::from(left);
        }
        placed.push((x.round() as i32, row));
        x += width + ITEM_GAP * s;
    }
    let rows = if items.is_empty() { 0 } else { row + 1 };
    (placed, rows)
}

/// Device-pixel height of a legend of `rows` rows.
pub(crate) fn legend_height(rows: usize, look: &Appearance) -> i32 {
    look.px(LEGEND_ROW * rows as f64)
}

/// Draws on one drawing area with one appearance.
pub(crate) struct Painter<'a, DB: DrawingBackend> {
    pub area: &'a DrawingArea<DB, Shift>,
    pub look: Appearance,
    pub colors: ThemeColors,
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    pub fn new(area: &'a DrawingArea<DB, Shift>, look: Appearance) -> Self {
        Painter { area, look, colors: look.theme.colors() }
    }

    /// The area's size in device pixels.
    pub fn size(&self) -> (i32, i32) {
        let (w, h) = self.area.dim_in_pixel();
        (w.min(1 << 20) as i32, h.min(1 << 20) as i32)
    }

    /// Fills the whole area with the theme's background.
    pub fn background(&self) -> Result<(), RenderError> {
        self.area.fill(&self.colors.background)?;
        Ok(())
    }

    /// A polyline in device pixels, `width` logical pixels wide.
    pub fn line(
        &self,
        points: Vec<(i32, i32)>,
        color: RGBAColor,
        width: f64,
    ) -> Result<(), RenderError> {
        if points.len() < 2 {
            return Ok(());
        }
        let style = ShapeStyle { color, filled: false, stroke_width: self.look.stroke(width) };
        self.area.draw(&PathElement::new(points, style))?;
        Ok(())
    }

    /// A dashed polyline (device pixels): dashes `dash` and gaps `gap` logical pixels long,
    /// the pattern shifted by `phase` logical pixels.
    pub fn dashed(
        &self,
        points: &[(i32, i32)],
        color: RGBAColor,
        width: f64,
        (dash, gap, phase): (f64, f64, f64),
    ) -> Result<(), RenderError> {
        let s = self.look.scale();
        for piece in dash_pieces(points, dash * s, (dash + gap) * s, phase * s) {
            self.line(piece, color, width)?;
        }
        Ok(())
    }

    /// A filled box between two corners (device pixels, any order).
    pub fn fill(&self, a: (i32, i32), b: (i32, i32), color: RGBAColor) -> Result<(), RenderError> {
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        if x1 <= x0 || y1 <= y0 {
            return Ok(());
        }
        let style = ShapeStyle { color, filled: true, stroke_width: 0 };
        self.area.draw(&Rectangle::new([(x0, y0), (x1, y1)], style))?;
        Ok(())
    }

    /// A filled circle of `radius` logical pixels.
    pub fn dot(&self, at: (i32, i32), radius: f64, color: RGBAColor) -> Result<(), RenderError> {
        let style = ShapeStyle { color, filled: true, stroke_width: 1 };
        self.area.draw(&Circle::new(at, self.look.px(radius).max(1), style))?;
        Ok(())
    }

    /// Text at `at` (device pixels), `size` logical pixels, anchored by `h` and `v`.
    pub fn text(
        &self,
        text: &str,
        at: (i32, i32),
        size: f64,
        color: RGBColor,
        (h, v): (HPos, VPos),
    ) -> Result<(), RenderError> {
        let style = self.text_style(size, color, Pos::new(h, v), FontTransform::None);
        self.area.draw_text(text, &style, at)?;
        Ok(())
    }

    /// Text on a patch of background, for labels over data.
    pub fn boxed_text(
        &self,
        text: &str,
        at: (i32, i32),
        (size, color): (f64, RGBColor),
        (h, v): (HPos, VPos),
    ) -> Result<(), RenderError> {
        let s = self.look.scale();
        let width = text_width(text, size * s).round() as i32;
        let height = (size * s * 1.2).round() as i32;
        let pad = self.look.px(3.0);
        let x0 = match h {
            HPos::Left => at.0,
            HPos::Center => at.0 - width / 2,
            HPos::Right => at.0 - width,
        };
        let y0 = match v {
            VPos::Top => at.1,
            VPos::Center => at.1 - height / 2,
            VPos::Bottom => at.1 - height,
        };
        let patch = self.colors.background.mix(0.85);
        self.fill((x0 - pad, y0 - pad / 2), (x0 + width + pad, y0 + height + pad / 2), patch)?;
        self.text(text, at, size, color, (h, v))
    }

    fn text_style(
        &self,
        size: f64,
        color: RGBColor,
        pos: Pos,
        transform: FontTransform,
    ) -> TextStyle<'static> {
        let font =
            FontDesc::new(FontFamily::SansSerif, size * self.look.scale(), FontStyle::Normal)
                .transform(transform);
        TextStyle { font, color: color.to_backend_color(), pos }
    }

    /// Horizontal grid lines at `ys` and vertical ones at `xs` (data units).
    pub fn grid(&self, plot: &Plot, xs: &[f64], ys: &[f64]) -> Result<(), RenderError> {
        let grid = self.colors.grid.to_rgba();
        for &y in ys {
            let py = plot.py(y);
            self.line(vec![(plot.left, py), (plot.right, py)], grid, 1.0)?;
        }
        for &x in xs {
            let px = plot.px(x);
            self.line(vec![(px, plot.top), (px, plot.bottom)], grid, 1.0)?;
        }
        Ok(())
    }

    /// The left axis line and its tick labels (`label(value)`).
    pub fn y_axis(
        &self,
        plot: &Plot,
        ticks: &[f64],
        label: impl Fn(f64) -> String,
    ) -> Result<(), RenderError> {
        let axis = self.colors.axis.to_rgba();
        self.line(vec![(plot.left, plot.top), (plot.left, plot.bottom)], axis, 1.0)?;
        let tick = self.look.px(4.0);
        for &y in ticks {
            let py = plot.py(y);
            self.line(vec![(plot.left - tick, py), (plot.left, py)], axis, 1.0)?;
            let at = (plot.left - tick - self.look.px(3.0), py);
            self.text(&label(y), at, TICK_FONT, self.colors.text, (HPos::Right, VPos::Center))?;
        }
        Ok(())
    }

    /// The bottom axis line, its tick labels and, if given, a title centred under them.
    pub fn x_axis(
        &self,
        plot: &Plot,
        ticks: &[f64],
        label: impl Fn(f64) -> String,
        title: Option<&str>,
    ) -> Result<(), RenderError> {
        let axis = self.colors.axis.to_rgba();
        self.line(vec![(plot.left, plot.bottom), (plot.right, plot.bottom)], axis, 1.0)?;
        let tick = self.look.px(4.0);
        for &x in ticks {
            let px = plot.px(x);
            self.line(vec![(px, plot.bottom), (px, plot.bottom + tick)], axis, 1.0)?;
            let at = (px, plot.bottom + tick + self.look.px(2.0));
            self.text(&label(x), at, TICK_FONT, self.colors.text, (HPos::Center, VPos::Top))?;
        }
        if let Some(title) = title {
            let at = ((plot.left + plot.right) / 2, plot.bottom + self.look.px(AXIS_TITLE_OFFSET));
            self.text(title, at, TICK_FONT, self.colors.muted, (HPos::Center, VPos::Top))?;
        }
        Ok(())
    }

    /// A legend flowing from `left` to `right`, its first row centred on `top` + half a row.
    pub fn legend(
        &self,
        items: &[LegendItem],
        left: i32,
        right: i32,
        top: i32,
    ) -> Result<(), RenderError> {
        let (placed, _) = legend_layout(items, &self.look, left, right);
        let row = self.look.px(LEGEND_ROW);
        for (item, &(x, r)) in items.iter().zip(&placed) {
            let cy = top + row * r as i32 + row / 2;
            let x1 = x + self.look.px(SWATCH_WIDTH);
            match item.swatch {
                Swatch::Line(color, width) => {
                    self.line(vec![(x, cy), (x1, cy)], color.to_rgba(), width)?
                }
                Swatch::Box(color) => {
                    let h = self.look.px(5.0);
                    self.fill((x, cy - h), (x1, cy + h), color)?;
                }
                Swatch::Dashed(color, width, pattern) => {
                    self.dashed(&[(x, cy), (x1, cy)], color.to_rgba(), width, pattern)?
                }
            }
            let at = (x1 + self.look.px(SWATCH_GAP), cy);
            self.text(&item.label, at, LABEL_FONT, self.colors.text, (HPos::Left, VPos::Center))?;
        }
        Ok(())
    }

    /// A short message centred in the area, for charts with nothing to show.
    pub fn message(&self, text: &str) -> Result<(), RenderError> {
        let (w, h) = self.size();
        let at = (w / 2, h / 2);
        self.text(text, at, LABEL_FONT, self.colors.muted, (HPos::Center, VPos::Center))
    }
}

/// Logical padding at the area's edges.
pub(crate) const PAD: f64 = 6.0;

/// Logical space right of a plot.
pub(crate) const RIGHT_PAD: f64 = 14.0;

/// Logical space left of a plot for the y tick labels (the same in every chart, so that charts
/// side by side line up).
pub(crate) const LEFT_SPACE: f64 = 50.0;

/// Logical height of the caption row above a plot (the axis title, read horizontally). The
/// plot's top tick label reaches half a line up into it.
pub(crate) const CAPTION_ROW: f64 = 24.0;

/// Logical distance from the caption row's top to the caption's centre line.
pub(crate) const CAPTION_CENTER: f64 = 8.0;

/// Logical distance from the plot's bottom edge to the x-axis title's top.
pub(crate) const AXIS_TITLE_OFFSET: f64 = 21.0;

/// Logical space below a plot for x tick labels and the axis title.
pub(crate) const X_AXIS_SPACE: f64 = 36.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks_are_round_and_cover_the_range() {
        let (ticks, step) = nice_ticks(83.0, 101.0, 6);
        assert_eq!(step, 5.0);
        assert_eq!(ticks, vec![85.0, 90.0, 95.0, 100.0]);
        let (ticks, step) = nice_ticks(0.0, 1.0, 5);
        assert_eq!(step, 0.25);
        assert_eq!(ticks, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        let (ticks, _) = nice_ticks(-0.3, 0.3, 4);
        assert!(ticks.contains(&0.0));
        assert!(ticks.iter().all(|t| (-0.3..=0.3).contains(t)));
    }

    #[test]
    fn nice_ticks_survive_bad_ranges() {
        assert_eq!(nice_ticks(5.0, 5.0, 5).0, vec![5.0]);
        assert!(nice_ticks(f64::NAN, 1.0, 5).0.is_empty());
        assert!(nice_ticks(0.0, f64::INFINITY, 5).0.is_empty());
        let (ticks, _) = nice_ticks(0.0, 1e15, 1000);
        assert!(ticks.len() <= 51);
    }

    #[test]
    fn wrap_is_rem_euclid_to_a_rounding_error() {
        for period in [0.7, 3.0, 10.0, 24.5] {
            for k in -400..400 {
                let x = f64::from(k) * 0.37 + 1e-3;
                let (w, r) = (wrap(x, period), x.rem_euclid(period));
                assert!((0.0..=period).contains(&w), "{x} mod {period} = {w}");
                let apart = (w - r).abs().min(period - (w - r).abs());
                assert!(apart < 1e-9, "{x} mod {period}: {w} against {r}");
            }
        }
    }

    #[test]
    fn dashes_follow_the_polyline() {
        // A 40-pixel path round a corner, dashes of 5 every 10.
        let path = [(0, 0), (20, 0), (20, 20)];
        let pieces = dash_pieces(&path, 5.0, 10.0, 0.0);
        assert_eq!(pieces.len(), 4);
        assert_eq!(pieces[0], vec![(0, 0), (5, 0)]);
        assert_eq!(pieces[2], vec![(20, 0), (20, 5)]);
        // A phase of half a period puts the dashes in the gaps.
        let shifted = dash_pieces(&path, 5.0, 10.0, 5.0);
        assert_eq!(shifted[0], vec![(5, 0), (10, 0)]);
        // Bad patterns draw the line solid.
        assert_eq!(dash_pieces(&path, 0.0, 10.0, 0.0), vec![path.to_vec()]);
        assert!(dash_pieces(&[(1, 1)], 5.0, 10.0, 0.0).is_empty());
    }

    #[test]
    fn plot_maps_corners() {
        let plot =
            Plot { left: 10, top: 20, right: 110, bottom: 220, x: (0.0, 10.0), y: (0.0, 1.0) };
        assert_eq!(plot.point((0.0, 0.0)), (10, 220));
        assert_eq!(plot.point((10.0, 1.0)), (110, 20));
        assert_eq!(plot.point((5.0, 0.5)), (60, 120));
        assert_eq!(plot.px(f64::NAN), 0);
        assert_eq!(plot.px(1e300), 1_000_000);
    }

    #[test]
    fn legend_wraps_when_narrow() {
        let items: Vec<_> = ["no mitigation", "circuit breaker", "margin tiers", "both"]
            .iter()
            .map(|l| LegendItem { swatch: Swatch::Line(BLACK, 2.0), label: l.to_string() })
            .collect();
        let look = Appearance::default();
        assert_eq!(legend_layout(&items, &look, 0, 2000).1, 1);
        let (placed, rows) = legend_layout(&items, &look, 0, 200);
        assert!(rows >= 2);
        assert!(placed.iter().all(|&(x, _)| x < 200));
        assert_eq!(legend_layout(&[], &look, 0, 100).1, 0);
    }
}
