//! Colours: the Okabe–Ito palette for the scenarios and the liquidation map, the two themes,
//! and a perceptually even colour map for heatmaps.
//!
//! Okabe & Ito, "Color Universal Design" (2008), <https://jfly.uni-koeln.de/color/>: eight
//! colours that stay distinct under the common forms of colour blindness. The scenarios take
//! four of them; the liquidation map encodes *status* by hue (warm = liquidated, cool = still
//! open) and *side* by lightness (light = longs, dark = shorts), so it reads without colour too.

use plotters::prelude::RGBColor;

use super::Scenario;

/// Okabe–Ito orange.
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe–Ito sky blue.
pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe–Ito bluish green.
pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe–Ito yellow.
pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
/// Okabe–Ito blue.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito vermillion.
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito reddish purple.
pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

/// Light or dark page colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on near-black.
    Dark,
}

impl Theme {
    /// `"light"` or `"dark"`.
    pub fn from_key(key: &str) -> Option<Theme> {
        match key {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The theme's colours.
    pub fn colors(self) -> ThemeColors {
        match self {
            Theme::Light => ThemeColors {
                background: RGBColor(0xFF, 0xFF, 0xFF),
                text: RGBColor(0x1F, 0x23, 0x28),
                muted: RGBColor(0x59, 0x63, 0x6E),
                grid: RGBColor(0xE8, 0xEA, 0xED),
                axis: RGBColor(0x8C, 0x95, 0x9F),
            },
            Theme::Dark => ThemeColors {
                background: RGBColor(0x16, 0x19, 0x1E),
                text: RGBColor(0xE6, 0xED, 0xF3),
                muted: RGBColor(0x9D, 0xA7, 0xB3),
                grid: RGBColor(0x2A, 0x30, 0x38),
                axis: RGBColor(0x6E, 0x77, 0x81),
            },
        }
    }
}

/// The non-data colours of a theme. The page's CSS should use the same background and text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThemeColors {
    /// Chart background (light #FFFFFF, dark #16191E).
    pub background: RGBColor,
    /// Labels and the start-price line (light #1F2328, dark #E6EDF3).
    pub text: RGBColor,
    /// Secondary text: axis titles, notes.
    pub muted: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Axis lines and reference lines.
    pub axis: RGBColor,
}

/// The colour of a scenario: no mitigation vermillion, circuit breaker blue, margin tiers
/// bluish green, both reddish purple. On the dark theme the breaker takes sky blue, because
/// Okabe–Ito blue is too dark to read on near-black.
pub fn scenario_color(scenario: Scenario, theme: Theme) -> RGBColor {
    match (scenario, theme) {
        (Scenario::NoMitigation, _) => VERMILLION,
        (Scenario::CircuitBreaker, Theme::Light) => BLUE,
        (Scenario::CircuitBreaker, Theme::Dark) => SKY_BLUE,
        (Scenario::MarginTiers, _) => BLUISH_GREEN,
        (Scenario::Both, _) => REDDISH_PURPLE,
    }
}

/// The four colours of the liquidation map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapColors {
    /// Long positions that were liquidated (orange).
    pub long_liquidated: RGBColor,
    /// Long positions still open at the end (sky blue).
    pub long_open: RGBColor,
    /// Short positions that were liquidated (vermillion).
    pub short_liquidated: RGBColor,
    /// Short positions still open at the end (blue).
    pub short_open: RGBColor,
}

/// The liquidation map's colours: warm hues for liquidated, cool for still open; the lighter of
/// each pair for longs, the darker for shorts.
pub fn map_colors(_theme: Theme) -> MapColors {
    MapColors {
        long_liquidated: ORANGE,
        long_open: SKY_BLUE,
        short_liquidated: VERMILLION,
        short_open: BLUE,
    }
}

/// Viridis sampled at nine even stops (matplotlib's `_cm_listed.py` values, rounded to 8 bits);
/// perceptually even, readable in grey and by colour-blind readers.
const VIRIDIS: [(u8, u8, u8); 9] = [
    (0x44, 0x01, 0x54),
    (0x47, 0x2D, 0x7B),
    (0x3B, 0x52, 0x8B),
    (0x2C, 0x72, 0x8E),
    (0x21, 0x91, 0x8C),
    (0x28, 0xAE, 0x80),
    (0x5E, 0xC9, 0x62),
    (0xAD, 0xDC, 0x30),
    (0xFD, 0xE7, 0x25),
];

/// The colour map for heatmaps at `t` in [0, 1] (clamped; NaN gives the low end): viridis,
/// linearly interpolated between nine stops.
pub fn viridis(t: f64) -> RGBColor {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let x = t * (VIRIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |p: u8, q: u8| (f64::from(p) + (f64::from(q) - f64::from(p)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// `color` blended towards `toward` by `amount` in [0, 1] (0 = unchanged). Used instead of
/// transparency where shapes overlap, so that what the reader sees does not depend on the
/// drawing order.
pub fn blend(color: RGBColor, toward: RGBColor, amount: f64) -> RGBColor {
    let a = if amount.is_nan() { 0.0 } else { amount.clamp(0.0, 1.0) };
    let mix = |p: u8, q: u8| (f64::from(p) + (f64::from(q) - f64::from(p)) * a).round() as u8;
    RGBColor(mix(color.0, toward.0), mix(color.1, toward.1), mix(color.2, toward.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_colours_are_distinct_in_each_theme() {
        for theme in [Theme::Light, Theme::Dark] {
            let colours: Vec<_> = Scenario::ALL.iter().map(|&s| scenario_color(s, theme)).collect();
            for i in 0..colours.len() {
                for j in i + 1..colours.len() {
                    assert_ne!(colours[i], colours[j], "{theme:?}: {i} and {j}");
                }
            }
        }
    }

    #[test]
    fn viridis_ends_and_clamps() {
        assert_eq!(viridis(0.0), RGBColor(0x44, 0x01, 0x54));
        assert_eq!(viridis(1.0), RGBColor(0xFD, 0xE7, 0x25));
        assert_eq!(viridis(-3.0), viridis(0.0));
        assert_eq!(viridis(7.0), viridis(1.0));
        assert_eq!(viridis(f64::NAN), viridis(0.0));
        assert_eq!(viridis(0.5), RGBColor(0x21, 0x91, 0x8C));
    }

    #[test]
    fn blend_goes_from_colour_to_target() {
        let (a, b) = (RGBColor(0, 100, 200), RGBColor(200, 100, 0));
        assert_eq!(blend(a, b, 0.0), a);
        assert_eq!(blend(a, b, 1.0), b);
        assert_eq!(blend(a, b, 0.5), RGBColor(100, 100, 100));
    }
}
