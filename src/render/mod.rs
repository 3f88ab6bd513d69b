//! Charts, drawn on any plotters [`DrawingBackend`](plotters::prelude::DrawingBackend).
//!
//! The page draws on a `<canvas>` through the binding's context backend (src/wasm/canvas.rs), the
//! explorations on the page through plotters-canvas; the tests draw the same charts into
//! an SVG string. Nothing here measures text: label widths are estimated from the character
//! count, so no font is needed natively and the browser never has to lay out a probe element.
//!
//! Every chart takes a drawing area, the data, and an options struct whose [`Appearance`] holds
//! the [`Theme`] and the device pixel ratio. Sizes in this module are *logical* pixels (CSS
//! pixels); they are multiplied by `dpr` before drawing, so a canvas whose backing store is its
//! CSS size × `devicePixelRatio` gets crisp lines and text of the intended size.
//!
//! Prices are drawn as an index, 100 × price ÷ start price ("price (start = 100)"), so every
//! scenario and the liquidation map share one axis whatever the start price. Charts never
//! panic: empty series, NaN, infinities and zero-width ranges are skipped or widened.
//!
//! - [`draw_price_chart`]: the four scenarios' price paths over liquidations per tick.
//! - [`draw_liquidation_map`]: where the liquidation prices stand, on the same price axis.
//! - [`draw_heatmap`]: a 2-D grid of values with a colour bar.
//! - [`draw_survival`]: survival functions P(X ≥ x) of samples, on log axes.
//!
//! To line the map up with the price chart, give both the same [`shared_price_range`], and the
//! map the price panel's rows from [`price_chart_layout`] (computed for the price chart's size):
//!
//! ```
//! use leverage_cascade::model::{compare, Params};
//! use leverage_cascade::render::*;
//! use plotters::prelude::*;
//!
//! let comparison = compare(&Params { traders: 2_000, ticks: 120, ..Params::default() }).unwrap();
//! let runs = Run::all(&comparison);
//! let look = Appearance { theme: Theme::Dark, dpr: 2.0 };
//! let range = shared_price_range(&runs);
//! let price = PriceChartOptions {
//!     appearance: look,
//!     price_range: Some(range),
//!     cursor: Some(10),
//!     ..Default::default()
//! };
//! // The price chart gets the left 1000 × 900 device pixels.
//! let band = price_chart_layout((1000, 900), &runs, &price).price;
//! let map = MapOptions {
//!     appearance: look,
//!     price_range: Some(range),
//!     band: Some((band.top, band.bottom)),
//!     ..Default::default()
//! };
//!
//! let mut svg = String::new();
//! {
//!     let area = SVGBackend::with_string(&mut svg, (1600, 900)).into_drawing_area();
//!     let (left, right) = area.split_horizontally(1000);
//!     draw_price_chart(&left, &runs, &price)?;
//!     draw_liquidation_map(&right, &comparison.none, &map)?;
//!     area.present().unwrap();
//! }
//! assert!(svg.contains("price (start = 100)"));
//! # Ok::<(), RenderError>(())
//! ```

pub mod contour;
mod data;
pub mod format;
mod frame;
mod heatmap;
mod map;
pub mod palette;
mod price;
mod survival;
mod time;
pub mod words;

use std::fmt;

use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::RGBColor;

use crate::model::{Comparison, Outcome};

pub use heatmap::{draw_heatmap, heatmap_plot_rect, ColorScale, Grid, HeatmapOptions, ValueFormat};
pub use map::{draw_liquidation_map, shared_price_range, MapOptions};
pub use palette::Theme;
pub use price::{
    active_ticks, draw_price_chart, price_chart_layout, price_time_knots, PriceChartLayout,
    PriceChartOptions,
};
pub use survival::{draw_survival, Sample, SurvivalOptions};

/// A chart could not be drawn: the backend failed (for a canvas, practically never).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderError {
    message: String,
}

impl RenderError {
    /// What went wrong, in the backend's words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "chart drawing failed: {}", self.message)
    }
}

impl std::error::Error for RenderError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for RenderError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        RenderError { message: e.to_string() }
    }
}

/// A rectangle of a chart in device pixels (y down): where a plot sits, for a caller that maps
/// pointer positions to data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlotRect {
    /// Left edge.
    pub left: i32,
    /// Top edge.
    pub top: i32,
    /// Right edge.
    pub right: i32,
    /// Bottom edge.
    pub bottom: i32,
}

/// How a chart looks, whatever it shows: colours, and how many device pixels a logical pixel is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Appearance {
    /// Light or dark colours.
    pub theme: Theme,
    /// Device pixel ratio: backing-store pixels per CSS pixel (`window.devicePixelRatio`).
    /// Values that are not finite, or outside [0.5, 8], are clamped into it (NaN counts as 1).
    pub dpr: f64,
}

impl Default for Appearance {
    fn default() -> Self {
        Appearance { theme: Theme::Light, dpr: 1.0 }
    }
}

impl Appearance {
    /// The device pixel ratio actually used.
    pub fn scale(&self) -> f64 {
        if self.dpr.is_finite() {
            self.dpr.clamp(0.5, 8.0)
        } else {
            1.0
        }
    }

    /// A length in logical pixels, in device pixels.
    fn px(&self, logical: f64) -> i32 {
        (logical * self.scale()).round() as i32
    }

    /// A line width in logical pixels, in whole device pixels (at least one).
    fn stroke(&self, logical: f64) -> u32 {
        ((logical * self.scale()).round() as u32).max(1)
    }
}

/// One of the four mitigation scenarios that [`crate::model::compare`] runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scenario {
    /// No circuit breaker, flat maintenance margin (JS key `"none"`).
    NoMitigation,
    /// With the circuit breaker (`"circuitBreaker"`).
    CircuitBreaker,
    /// With tiered margin (`"marginTiers"`).
    MarginTiers,
    /// With both (`"both"`).
    Both,
}

impl Scenario {
    /// The four scenarios, in the order the page lists them.
    pub const ALL: [Scenario; 4] =
        [Scenario::NoMitigation, Scenario::CircuitBreaker, Scenario::MarginTiers, Scenario::Both];

    /// The key of the scenario in `compare()`'s JS result.
    pub fn key(self) -> &'static str {
        match self {
            Scenario::NoMitigation => "none",
            Scenario::CircuitBreaker => "circuitBreaker",
            Scenario::MarginTiers => "marginTiers",
            Scenario::Both => "both",
        }
    }

    /// The scenario with this JS key, if any.
    pub fn from_key(key: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The legend label's word ([`words::Words::get`] gives its text).
    pub fn word(self) -> words::Word {
        match self {
            Scenario::NoMitigation => words::Word::NoMitigation,
            Scenario::CircuitBreaker => words::Word::CircuitBreaker,
            Scenario::MarginTiers => words::Word::MarginTiers,
            Scenario::Both => words::Word::Both,
        }
    }

    /// The legend label in English.
    pub fn label(self) -> &'static str {
        self.word().english()
    }

    /// The scenario's colour in a theme (Okabe–Ito, see [`palette`]).
    pub fn color(self, theme: Theme) -> RGBColor {
        palette::scenario_color(self, theme)
    }
}

/// One run to draw: an outcome and the scenario it belongs to (which sets its colour and label).
#[derive(Clone, Copy, Debug)]
pub struct Run<'a> {
    /// Which scenario this is.
    pub scenario: Scenario,
    /// What the model returned.
    pub outcome: &'a Outcome,
}

impl<'a> Run<'a> {
    /// The four runs of a comparison, in the order of [`Scenario::ALL`].
    pub fn all(comparison: &'a Comparison) -> [Run<'a>; 4] {
        [
            Run { scenario: Scenario::NoMitigation, outcome: &comparison.none },
            Run { scenario: Scenario::CircuitBreaker, outcome: &comparison.circuit_breaker },
            Run { scenario: Scenario::MarginTiers, outcome: &comparison.margin_tiers },
            Run { scenario: Scenario::Both, outcome: &comparison.both },
        ]
    }
}
