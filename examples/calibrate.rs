//! Grid search for the historical presets' fitted knobs (issue 17; docs/MODEL.md, "Replays").
//! Prints each grid point's figures beside the record.
//!
//! `cargo run --release --example calibrate -- oct-2025 '{"leverage":[3,4,5]}'`

use leverage_cascade::model::presets::presets;
use leverage_cascade::model::record::{outcome_figure, record, Measure};
use leverage_cascade::model::simulate::scenarios;
use leverage_cascade::model::{simulate, Params};

fn main() {
    let mut args = std::env::args().skip(1);
    let id = args.next().expect("a preset id");
    if id == "search" {
        return search(&args.next().expect("a preset id"), &args.next().expect("JSON ranges"));
    }
    let grid: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&args.next().unwrap_or_else(|| "{}".into())).expect("a JSON grid");
    let base = presets().into_iter().find(|p| p.id == id).expect("no such preset").params;
    let rec = record(&id).expect("no record");
    let mut points = vec![serde_json::to_value(&base).unwrap()];
    for (key, values) in &grid {
        let values = values.as_array().expect("a list per key");
        points = points
            .iter()
            .flat_map(|p| {
                values.iter().map(move |v| {
                    let mut p = p.clone();
                    let mut at = &mut p;
                    let parts: Vec<&str> = key.split('.').collect();
                    for part in &parts[..parts.len() - 1] {
                        at = at.get_mut(*part).expect("no such field");
                    }
                    at[parts[parts.len() - 1]] = v.clone();
                    p
                })
            })
            .collect();
    }
    for point in points {
        let params = Params::from_json(&point.to_string()).expect("valid params");
        let out = simulate(&rec.rules.run(&params)).expect("runs");
        if std::env::var("QUEUE").is_ok() {
            let q = out.series.queued_notional.iter().fold(0.0f64, |m, &q| m.max(q));
            let at = out.series.price.iter().position(|&p| p <= out.summary.min_price);
            let halt = out
                .events
                .iter()
                .find(|e| format!("{:?}", e.kind) == "Halt")
                .map(|e| (e.tick, e.price));
            println!("  queued at most {:.0}M, low at {at:?}, halt {halt:?}", q / 1e6);
        }
        let figure = |f| outcome_figure(f, &out, params.tick_seconds).unwrap_or(f64::NAN);
        let s = out.summary.clone();
        let none = simulate(&scenarios(&params)[0]).expect("runs").summary;
        let chosen: Vec<String> =
            grid.keys().map(|k| format!("{k}={}", lookup(&point, k))).collect();
        let figures: Vec<String> = rec
            .figures
            .iter()
            .filter(|f| f.measure != Measure::Context)
            .map(|f| format!("{:.1} [{:.1}–{:.1}]", figure(f), f.low, f.high))
            .collect();
        let spot = out.series.index.iter().fold(f64::INFINITY, |m, &p| m.min(p));
        let second = out.second_venue.as_ref().map_or(String::new(), |b| {
            let fall = (1.0 - b.summary.min_price / b.summary.start_price) * 100.0;
            let share = b.summary.liquidated_notional / b.summary.open_interest * 100.0;
            let spot = (1.0 - spot / s.start_price) * 100.0;
            format!(" | second: fall {fall:.1} liquidated {share:.1} % | spot fall {spot:.1}")
        });
        println!(
            "{:<60} {}  none {:.2} halts {} end {:.1} spent {:.0}M opened {:.0}M liquidated {:.0}M{second}",
            chosen.join(" "),
            figures.join("  "),
            none.max_move_pct,
            s.halts,
            (1.0 - s.final_price / s.start_price) * 100.0,
            s.dip_buyers_spent / 1e6,
            s.shorts_opened_notional / 1e6,
            s.liquidated_notional / 1e6
        );
    }
}

fn lookup(v: &serde_json::Value, key: &str) -> serde_json::Value {
    key.split('.').fold(v.clone(), |v, part| v[part].clone())
}

/// Random search: `search <id> '{"leverage":[3,10], ...}'` samples each knob uniformly in its
/// range (log-uniformly when both ends are positive and far apart), scores each sample by how far
/// its fall, liquidated share and longs' share lie from the record's middle, in units of the
/// issue's tolerances, on five seeds, and prints
/// the best ten.
fn search(id: &str, ranges: &str) {
    use leverage_cascade::model::rng::Rng;
    let ranges: serde_json::Map<String, serde_json::Value> = serde_json::from_str(ranges).unwrap();
    let base = presets().into_iter().find(|p| p.id == id).expect("no such preset").params;
    let rec = record(id).expect("no record");
    let mut rng = Rng::new(7, 0);
    let mut scored: Vec<(f64, String, String, f64)> = Vec::new();
    for _ in 0..std::env::var("SAMPLES").ok().and_then(|s| s.parse().ok()).unwrap_or(400) {
        let mut point = serde_json::to_value(&base).unwrap();
        point["traders"] = std::env::var("TRADERS")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(20000)
            .into();
        let mut chosen = Vec::new();
        for (key, r) in &ranges {
            let (lo, hi) = (r[0].as_f64().unwrap(), r[1].as_f64().unwrap());
            let u = rng.uniform();
            let v = if lo > 0.0 && hi / lo > 20.0 {
                lo * (hi / lo).powf(u)
            } else {
                lo + (hi - lo) * u
            };
            let v = if key == "shockTicks" { v.round() } else { v };
            chosen.push(format!("{key}={v:.3}"));
            let parts: Vec<&str> = key.split('.').collect();
            let mut at = &mut point;
            for part in &parts[..parts.len() - 1] {
                at = at.get_mut(*part).unwrap();
            }
            at[parts[parts.len() - 1]] = serde_json::json!(v);
        }
        let mut score = 0.0;
        let mut worst: f64 = 0.0;
        let mut shown = Vec::new();
        for seed in
            1..=std::env::var("NSEEDS").ok().and_then(|s| s.parse::<u64>().ok()).unwrap_or(5)
        {
            point["seed"] = seed.into();
            let params = Params::from_json(&point.to_string()).expect("valid");
            let out = simulate(&rec.rules.run(&params)).unwrap();
            let s = &out.summary;
            for f in rec.figures.iter() {
                let Some(m) = outcome_figure(f, &out, params.tick_seconds) else { continue };
                // How far outside the record's range, in units of the tolerance (±25 %
                // of the fall, a factor of 1.5 for the liquidated share, 10 points for the
                // longs' share): at most 1 passes. The score adds how far from its middle.
                let mid = (f.low + f.high) / 2.0;
                let (edge, miss) = match f.measure {
                    Measure::FallPct => (
                        ((f.low - m).max(0.0) / f.low + (m - f.high).max(0.0) / f.high) / 0.25,
                        (m - mid) / (0.25 * mid),
                    ),
                    Measure::LiquidatedShareOfOiPct => (
                        ((f.low / m).ln().max(0.0) + (m / f.high).ln().max(0.0)) / 1.5f64.ln(),
                        (m / mid).ln() / 1.5f64.ln(),
                    ),
                    Measure::LongSharePct => {
                        (((f.low - m).max(0.0) + (m - f.high).max(0.0)) / 10.0, (m - mid) / 10.0)
                    }
                    _ => (0.0, 0.0),
                };
                worst = worst.max(edge);
                let miss = miss * miss;
                score += miss;
                if seed == 1 {
                    shown.push(format!("{m:.1}"));
                }
            }
            if std::env::var("SEEDS").is_ok() {
                let f: Vec<String> = rec
                    .figures
                    .iter()
                    .filter_map(|f| outcome_figure(f, &out, params.tick_seconds))
                    .map(|m| format!("{m:.1}"))
                    .collect();
                println!("    seed {seed}: {}", f.join(" "));
            }
            if seed == 1 {
                let end = (1.0 - s.final_price / s.start_price) * 100.0;
                shown.push(format!("end {end:.1} opened {:.0}M", s.shorts_opened_notional / 1e6));
            }
        }
        scored.push((
            score,
            format!("worst {worst:.2}  {}", chosen.join(" ")),
            shown.join(" "),
            worst,
        ));
    }
    // Best first: the smallest worst miss over the seeds, then the smallest sum of squares.
    scored.sort_by(|a, b| (a.3, a.0).partial_cmp(&(b.3, b.0)).unwrap());
    for (score, chosen, shown, _) in scored.iter().take(10) {
        println!("{score:.3}  {chosen}  | seed 1: {shown}");
    }
}
