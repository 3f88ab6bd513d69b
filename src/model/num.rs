//! `min` and `max` for numbers that are never NaN, for the loops that run once per position.
//!
//! `f64::min` and `f64::max` must return the other operand when one is NaN. WebAssembly's
//! `f64.min` and `f64.max` return NaN instead, so a wasm build turns every `f64::min` into a call
//! to a software `fmin`. The model's numbers are never NaN (`Params::validate` refuses NaN input,
//! and the property tests check every output), so one comparison gives the same answer, inline.

/// The smaller of `a` and `b`, neither of which is NaN.
#[inline(always)]
pub(crate) fn min(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// The larger of `a` and `b`, neither of which is NaN.
#[inline(always)]
pub(crate) fn max(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::{max, min};

    #[test]
    fn agree_with_the_standard_library_on_numbers() {
        let xs = [-1e300, -2.5, -1.0, 0.0, 1e-300, 0.5, 1.0, 125.0, 1e300, f64::INFINITY];
        for &a in &xs {
            for &b in &xs {
                assert_eq!(min(a, b), a.min(b), "min({a}, {b})");
                assert_eq!(max(a, b), a.max(b), "max({a}, {b})");
            }
        }
    }
}
