//! Seeded randomness and fast sampling.
//!
//! The generator is xoshiro256++ (Blackman & Vigna 2018), seeded through SplitMix64: small, fast,
//! and the same bit for bit on every platform. Distributions are drawn by inverse transform from
//! tables of quantiles with linear interpolation, which costs a multiply and two loads instead of
//! an `exp`/`ln` per draw; the outermost cells, where interpolation would be poor, are computed
//! exactly. All transcendental functions come from `libm`, so native and wasm builds agree (square roots
//! use the `sqrt` instruction, which IEEE 754 rounds correctly everywhere).

/// xoshiro256++ pseudo-random generator.
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator for `seed` and an independent `stream` (population, noise, …).
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut x = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut next = || {
            // SplitMix64 (Steele, Lea & Flood 2014) spreads a plain seed over the whole state.
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng { s: [next(), next(), next(), next()] }
    }

    /// Next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1), with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (0, 1): never exactly 0, safe for logarithms and quantiles.
    #[inline]
    pub fn open_uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
    }

    /// Two 32-bit words from one 64-bit draw, each standing for the uniform [`of_word`] gives.
    #[inline]
    pub fn two_words(&mut self) -> (u32, u32) {
        let x = self.next_u64();
        ((x >> 32) as u32, x as u32)
    }

    /// A standard normal draw.
    #[inline]
    pub fn normal(&mut self) -> f64 {
        normal_quantile(self.open_uniform())
    }
}

/// Quantile function of the standard normal distribution (inverse CDF).
///
/// Acklam's rational approximation (relative error below 1.2e-9) followed by one Halley step
/// against `erfc`, which brings it to near machine precision.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const LOW: f64 = 0.024_25;
    let x = if p < LOW {
        let q = (-2.0 * libm::log(p)).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * libm::log(1.0 - p)).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    // One step of Halley's method on Φ(x) − p.
    let e = 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * libm::exp(x * x / 2.0);
    x - u / (1.0 + x * u / 2.0)
}

/// The uniform in (0, 1) a 32-bit word stands for: (w + ½) ÷ 2³², exact in an f64.
#[inline]
pub fn of_word(w: u32) -> f64 {
    (w as f64 + 0.5) * (1.0 / 4_294_967_296.0)
}

/// Number of cells in a quantile table.
const CELLS: usize = 1024;
/// A word's cell is its top bits: u · CELLS = (w + ½) ÷ 2^WITHIN_BITS, whose whole part is
/// w >> WITHIN_BITS and whose fraction is the low bits (+ ½) ÷ 2^WITHIN_BITS, both exact.
const WITHIN_BITS: u32 = 32 - CELLS.trailing_zeros();
const _: () = assert!(CELLS.is_power_of_two());
/// Cells at each end computed exactly rather than interpolated.
const EXACT_CELLS: usize = 8;

/// A table's values at its cell edges.
pub type Knots = [f64; CELLS + 1];

/// A tabulated quantile function: `sample(u)` ≈ `f(u)` for u in (0, 1), exact in the outer
/// `EXACT_CELLS` cells at each end (where quantile functions curve fastest), linear in between.
pub struct QuantileTable<F: Fn(f64) -> f64> {
    knots: Knots,
    exact: F,
}

/// The cell edge `i` of a table: i/CELLS, kept above 0.
fn knot(i: usize) -> f64 {
    (i as f64 / CELLS as f64).clamp(1e-300, 1.0)
}

/// The standard normal quantiles at a table's cell edges: what [`of_normal`] tabulates a
/// function of a normal draw from. A population's two such tables share one list. (On the
/// stack: a short-lived heap block between a run's large buffers would fragment a long-lived
/// wasm instance's memory.)
pub fn normal_knots() -> Knots {
    tabulate(normal_quantile)
}

/// `f` at a table's cell edges.
pub fn tabulate(f: impl Fn(f64) -> f64) -> Knots {
    std::array::from_fn(|i| f(knot(i)))
}

impl<F: Fn(f64) -> f64> QuantileTable<F> {
    /// Tabulates `f` at the cell edges 1/CELLS, 2/CELLS, …, (CELLS − 1)/CELLS.
    pub fn new(f: F) -> Self {
        QuantileTable::of(tabulate(&f), f)
    }

    /// The table of `f` from its `knots`, [`tabulate`]`(f)` worked out before (and kept).
    pub fn of(knots: Knots, f: F) -> Self {
        QuantileTable { knots, exact: f }
    }

    /// The quantile at `u` in (0, 1).
    #[inline]
    pub fn sample(&self, u: f64) -> f64 {
        let x = u * CELLS as f64;
        let i = x as usize;
        if !(EXACT_CELLS..CELLS - EXACT_CELLS).contains(&i) {
            (self.exact)(u)
        } else {
            self.between(i, x - i as f64)
        }
    }

    /// [`sample`](Self::sample) at [`of_word`]`(w)`, the same number bit for bit, with the cell
    /// and the place in it read off the word's bits rather than found by converting a float to
    /// an integer (a dozen instructions on x86-64, for a table read twice per trader); and with
    /// `exact()` standing in for `f(u)` where the table would compute it exactly ([`is_exact`]),
    /// for a caller that has the costly part of `f(u)` at hand already.
    #[inline]
    pub fn sample_word_or(&self, w: u32, exact: impl FnOnce() -> f64) -> f64 {
        let i = (w >> WITHIN_BITS) as usize;
        if !(EXACT_CELLS..CELLS - EXACT_CELLS).contains(&i) {
            exact()
        } else {
            let within = w & ((1 << WITHIN_BITS) - 1);
            self.between(i, (within as f64 + 0.5) * (1.0 / (1u32 << WITHIN_BITS) as f64))
        }
    }

    /// [`sample_word_or`](Self::sample_word_or) computing `f(u)` itself.
    #[inline]
    pub fn sample_word(&self, w: u32) -> f64 {
        self.sample_word_or(w, || (self.exact)(of_word(w)))
    }

    /// The value `frac` of the way through cell `i`.
    #[inline]
    fn between(&self, i: usize, frac: f64) -> f64 {
        self.knots[i] + (self.knots[i + 1] - self.knots[i]) * frac
    }
}

/// The table of `g(normal_quantile(u))` from its knots, `z.map(g)` with `z` the
/// [`normal_knots`] (which is [`tabulate`] of that function, without computing the normal
/// quantiles again).
pub fn of_normal(knots: Knots, g: impl Fn(f64) -> f64) -> QuantileTable<impl Fn(f64) -> f64> {
    QuantileTable { knots, exact: move |u| g(normal_quantile(u)) }
}

/// Whether a [`QuantileTable`] computes its function exactly at [`of_word`]`(w)` rather than
/// interpolating.
#[inline]
pub fn is_exact(w: u32) -> bool {
    !(EXACT_CELLS..CELLS - EXACT_CELLS).contains(&((w >> WITHIN_BITS) as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_known_values() {
        assert!(normal_quantile(0.5).abs() < 1e-15);
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-12);
        assert!((normal_quantile(0.001) + 3.090_232_306_167_813_6).abs() < 1e-11);
    }

    #[test]
    fn uniform_is_in_range_and_seeded() {
        let mut a = Rng::new(7, 0);
        let mut b = Rng::new(7, 0);
        let mut c = Rng::new(7, 1);
        let mut differs = false;
        for _ in 0..1000 {
            let (x, y, z) = (a.open_uniform(), b.open_uniform(), c.open_uniform());
            assert!(x > 0.0 && x < 1.0);
            assert_eq!(x.to_bits(), y.to_bits());
            differs |= x != z;
        }
        assert!(differs, "streams must be independent");
    }

    #[test]
    fn a_normal_table_from_the_kept_knots_is_the_table_computed_afresh() {
        let g = |z: f64| 1.0 + 11.0 * libm::exp(0.6 * z - 0.18);
        let (kept, afresh) =
            (of_normal(normal_knots().map(g), g), QuantileTable::new(|u| g(normal_quantile(u))));
        let bits = |t: &[f64]| t.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&kept.knots), bits(&afresh.knots));
        for u in [1e-9, 0.003, 0.25, 0.5, 0.9, 0.999_99] {
            assert_eq!(kept.sample(u).to_bits(), afresh.sample(u).to_bits());
        }
    }

    #[test]
    fn a_word_samples_the_table_as_its_uniform_does() {
        let t = QuantileTable::new(|u| libm::exp(normal_quantile(u)));
        let mut rng = Rng::new(3, 0);
        let edges = (0..=CELLS as u32).flat_map(|c| {
            let w = c << WITHIN_BITS;
            [w, w.wrapping_sub(1), w.wrapping_add(1)]
        });
        for w in edges.chain((0..100_000).map(|_| rng.two_words().0)) {
            let u = of_word(w);
            assert!(u > 0.0 && u < 1.0);
            assert_eq!(t.sample_word(w).to_bits(), t.sample(u).to_bits(), "w = {w}");
            let cell = (u * CELLS as f64) as usize;
            assert_eq!(is_exact(w), !(EXACT_CELLS..CELLS - EXACT_CELLS).contains(&cell));
        }
    }

    #[test]
    fn table_tracks_its_function() {
        let t = QuantileTable::new(|u| libm::exp(normal_quantile(u)));
        for k in 1..1000 {
            let u = k as f64 / 1000.0;
            let exact = libm::exp(normal_quantile(u));
            // exp(z) is the steepest table the model builds (σ = 1); 0.1 % is far below what
            // any result can notice.
            assert!((t.sample(u) - exact).abs() / exact < 1e-3, "u = {u}");
        }
    }
}
