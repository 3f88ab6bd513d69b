use leverage_cascade::model::explore::{sweep, Axis, Metric, SweepSpec};
use leverage_cascade::model::{Params, Scratch};
fn main() {
    let n: u32 = std::env::args().nth(1).map_or(40, |s| s.parse().unwrap());
    let p = Params { traders: 20_000, ..Params::default() };
    let spec = SweepSpec {
        x: Axis { field: "whaleConcentration".into(), from: 0.0, to: 1.0, steps: n },
        y: Axis { field: "leverage".into(), from: 2.0, to: 40.0, steps: n },
        metric: Metric::Amplification,
    };
    let mut s = Scratch::default();
    let t = std::time::Instant::now();
    let g = sweep(&p, &spec, &mut s, |_, _| true).unwrap();
    println!("{} {:.1} ms", g.values.iter().sum::<f64>(), t.elapsed().as_secs_f64() * 1e3);
}
