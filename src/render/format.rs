//! Numbers as the charts print them: compact money ($1.2B), axis ticks, durations.

use super::words::{Word, Words};

/// Money in compact form: `$1.2B`, `$340M`, `$48K`, `$950`, `−$3.5M`; one decimal below 10 of a
/// unit, none above; `–` for NaN or infinity. `units` are (size, suffix) from 1 up, as
/// [`Words::money_units`] gives them: K = thousand, M = million, B = billion, T = trillion in
/// English.
pub fn money(usd: f64, units: &[(f64, &str)]) -> String {
    if !usd.is_finite() {
        return "–".to_string();
    }
    let sign = if usd < 0.0 { "−" } else { "" };
    let mut unit = unit_index(units, usd.abs());
    let mut scaled = usd.abs() / units[unit].0;
    let mut decimals = usize::from(scaled < 10.0);
    // Rounding can carry into the next unit: 999.6K prints as $1M, not $1000K.
    if let Some(&(next, _)) = units.get(unit + 1) {
        if round_to(scaled, decimals) >= next / units[unit].0 {
            unit += 1;
            scaled = usd.abs() / next;
            decimals = 1;
        }
    }
    format!("{sign}${}{}", trim_zeros(fixed(scaled, decimals)), units[unit].1)
}

/// An axis label for money: every label of one axis uses the unit of the axis's largest value
/// (`top`) and as many decimals as the tick step needs (trailing zeros dropped), so neighbours
/// never print alike. `units` as for [`money`].
pub fn money_tick(usd: f64, step: f64, top: f64, units: &[(f64, &str)]) -> String {
    if !usd.is_finite() {
        return "–".to_string();
    }
    if usd == 0.0 {
        return "$0".to_string();
    }
    let (size, suffix) = units[unit_index(units, top.abs())];
    // Compact labels drop trailing zeros: $0.5B beside $0.25B, not $0.50B.
    let text = trim_zeros(number_tick(usd / size, step / size));
    match text.strip_prefix('−') {
        Some(rest) => format!("−${rest}{suffix}"),
        None => format!("${text}{suffix}"),
    }
}

/// An axis label for a plain number: as many decimals as the tick step needs (at most four),
/// and a proper minus sign.
pub fn number_tick(value: f64, step: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let decimals = decimals_for(step);
    let text = fixed(value, decimals);
    // "-0" and "-0.0" would read as a negative zero.
    if text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        return text.trim_start_matches('-').to_string();
    }
    text.replacen('-', "−", 1)
}

/// A time unit for an axis: its length in seconds and its words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeUnit {
    /// Seconds in one unit.
    pub seconds: f64,
    /// A number in the unit: "{} s", "{} min", "{} h", "{} d".
    pub symbol: Word,
    /// The unit's name in plural: "seconds", "minutes", "hours", "days".
    pub plural: Word,
    /// One unit, after "per": "second", "minute", "hour", "day".
    pub one: Word,
}

const TIME_UNITS: [TimeUnit; 4] = [
    TimeUnit { seconds: 1.0, symbol: Word::SecondSymbol, plural: Word::Seconds, one: Word::Second },
    TimeUnit {
        seconds: 60.0,
        symbol: Word::MinuteSymbol,
        plural: Word::Minutes,
        one: Word::Minute,
    },
    TimeUnit { seconds: 3600.0, symbol: Word::HourSymbol, plural: Word::Hours, one: Word::Hour },
    TimeUnit { seconds: 86400.0, symbol: Word::DaySymbol, plural: Word::Days, one: Word::Day },
];

/// The unit in which a span of `seconds` reads best: seconds up to 20 minutes, minutes up to
/// 20 hours, hours up to 10 days, then days.
pub fn time_unit(seconds: f64) -> TimeUnit {
    let s = if seconds.is_finite() { seconds.abs() } else { 0.0 };
    if s <= 1200.0 {
        TIME_UNITS[0]
    } else if s <= 72_000.0 {
        TIME_UNITS[1]
    } else if s <= 864_000.0 {
        TIME_UNITS[2]
    } else {
        TIME_UNITS[3]
    }
}

/// A duration as words for "liquidated per …": "second", "5 s", "minute", "90 s", "10 min".
/// The largest unit that gives a whole number (or one of at least 10) is used.
pub fn per_duration(seconds: f64, words: &Words) -> String {
    if !(seconds.is_finite() && seconds > 0.0) {
        return words.get(Word::Tick).to_string();
    }
    let whole = |n: f64| (n - n.round()).abs() < 1e-9 * n.max(1.0);
    let unit = TIME_UNITS
        .iter()
        .rev()
        .find(|u| {
            let n = seconds / u.seconds;
            n >= 1.0 && (whole(n) || n >= 10.0)
        })
        .copied()
        .unwrap_or(TIME_UNITS[0]);
    let n = seconds / unit.seconds;
    if whole(n) && n.round() == 1.0 {
        return words.get(unit.one).to_string();
    }
    let text = if whole(n) || n >= 10.0 { fixed(n, 0) } else { fixed(n, 2) };
    words.fill(unit.symbol, &trim_zeros(text))
}

/// The largest of `units` not above `x` (the first for zero).
fn unit_index(units: &[(f64, &str)], x: f64) -> usize {
    units.iter().rposition(|&(size, _)| x >= size).unwrap_or(0)
}

fn round_to(x: f64, decimals: usize) -> f64 {
    let f = 10f64.powi(decimals as i32);
    (x * f).round() / f
}

/// Decimals needed to tell apart multiples of `step` (0 when the step is whole; at most four).
fn decimals_for(step: f64) -> usize {
    let step = step.abs();
    if !(step.is_finite() && step > 0.0) {
        return 0;
    }
    (0..=4)
        .find(|&d| {
            let scaled = step * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(4) as usize
}

/// `x` with exactly `decimals` decimals (at most 6), rounded half away from zero, like
/// `format!("{x:.decimals$}")` for the chart's magnitudes (|x| below 1e12).
///
/// Written out with integer arithmetic, so Rust's float formatting (about 9 KB gzipped) stays out
/// of the page's WebAssembly, and it rounds ties the way people do by hand (0.95 → "1.0").
fn fixed(x: f64, decimals: usize) -> String {
    let decimals = decimals.min(6);
    let scale = 10u64.pow(decimals as u32);
    let scaled = (x.abs() * scale as f64).round();
    if scaled.is_nan() || scaled >= 9.0e15 {
        // Beyond what the charts print; the general form is still right, if long.
        return crate::model::params::show(x);
    }
    let scaled = scaled as u64;
    let sign = if x < 0.0 && scaled > 0 { "-" } else { "" };
    let (whole, frac) = (scaled / scale, scaled % scale);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac:0decimals$}")
    }
}

/// "1.0" → "1", "2.50" → "2.5"; whole numbers untouched.
fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_matches_the_standard_formatting() {
        for &x in &[0.0, 0.04, 0.05, 0.95, 1.0, 1.25, 2.5, 9.99, 99.95, 123.456, 1e6 + 0.5, 7.0e11]
        {
            for d in 0..=4 {
                for v in [x, -x] {
                    let ours = fixed(v, d);
                    let std = format!("{v:.d$}");
                    // On (near-)ties the two may round differently, 0.95 → "1.0" against
                    // "0.9" (0.95 is 0.94999… in binary): allow that, but never more than half
                    // a unit of the last digit away from the number itself.
                    let unit = 10f64.powi(-(d as i32));
                    let ours_value: f64 = ours.parse().unwrap();
                    assert_eq!(ours.split('.').nth(1).map_or(0, str::len), d, "{ours}");
                    assert!((ours_value - v).abs() <= 0.5 * unit + 1e-9 * v.abs().max(1.0));
                    assert!(
                        ours == std
                            || (ours_value - std.parse::<f64>().unwrap()).abs() <= unit * 1.000001,
                        "{v} to {d}: {ours} vs {std}"
                    );
                }
            }
        }
        assert_eq!(fixed(-0.001, 1), "0.0");
        assert_eq!(fixed(2.0, 3), "2.000");
    }

    fn en() -> Vec<(f64, &'static str)> {
        vec![(1.0, ""), (1e3, "K"), (1e6, "M"), (1e9, "B"), (1e12, "T")]
    }

    #[test]
    fn money_is_compact() {
        let money = |x| money(x, &en());
        assert_eq!(money(1.23e9), "$1.2B");
        assert_eq!(money(3.4e8), "$340M");
        assert_eq!(money(48_000.0), "$48K");
        assert_eq!(money(950.0), "$950");
        assert_eq!(money(0.0), "$0");
        assert_eq!(money(5e6), "$5M");
        assert_eq!(money(-3.5e6), "−$3.5M");
        assert_eq!(money(999_600.0), "$1M");
        assert_eq!(money(9.96e6), "$10M");
        assert_eq!(money(2.5e15), "$2500T");
        assert_eq!(money(f64::NAN), "–");
        assert_eq!(money(f64::INFINITY), "–");
    }

    #[test]
    fn money_ticks_share_a_unit_and_resolve_the_step() {
        let money_tick = |x, step, top| money_tick(x, step, top, &en());
        let ticks: Vec<_> =
            [0.0, 0.25e9, 0.5e9, 0.75e9, 1e9].iter().map(|&v| money_tick(v, 0.25e9, 1e9)).collect();
        assert_eq!(ticks, ["$0", "$0.25B", "$0.5B", "$0.75B", "$1B"]);
        assert_eq!(money_tick(2e8, 1e8, 4e8), "$200M");
        assert_eq!(money_tick(-2e8, 1e8, 4e8), "−$200M");
        assert_eq!(money_tick(f64::NAN, 1.0, 1.0), "–");
    }

    #[test]
    fn number_ticks() {
        assert_eq!(number_tick(95.0, 5.0), "95");
        assert_eq!(number_tick(97.5, 2.5), "97.5");
        assert_eq!(number_tick(-0.0001, 0.5), "0.0");
        assert_eq!(number_tick(-2.0, 1.0), "−2");
        assert_eq!(number_tick(0.002, 0.001), "0.002");
    }

    #[test]
    fn durations() {
        let words = Words::default();
        let per_duration = |s| per_duration(s, &words);
        assert_eq!(per_duration(1.0), "second");
        assert_eq!(per_duration(5.0), "5 s");
        assert_eq!(per_duration(60.0), "minute");
        assert_eq!(per_duration(90.0), "90 s");
        assert_eq!(per_duration(600.0), "10 min");
        assert_eq!(per_duration(0.5), "0.5 s");
        assert_eq!(per_duration(7200.0), "2 h");
        assert_eq!(per_duration(f64::NAN), "tick");
        assert_eq!(time_unit(600.0).plural, Word::Seconds);
        assert_eq!(time_unit(3600.0).plural, Word::Minutes);
        assert_eq!(time_unit(1e9).symbol, Word::DaySymbol);
    }
}
