//! Runs the model from the command line and prints the summary of each mitigation scenario.
//!
//! `cargo run --release --example run -- '{"leverage": 25, "depthPerPct": 2e7}'`, or a preset's id:
//! `cargo run --release --example run -- may-2021`.

use leverage_cascade::model::presets::presets;
use leverage_cascade::model::{compare, Params, Summary};

fn main() {
    let text = std::env::args().nth(1).unwrap_or_else(|| "{}".into());
    let preset = presets().into_iter().find(|p| p.id == text).map(|p| p.params);
    let params = match preset.map_or_else(|| Params::from_json(&text), Ok) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let started = std::time::Instant::now();
    let result = match compare(&params) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let elapsed = started.elapsed();
    let mut rows = vec![
        ("none", &result.none),
        ("breaker", &result.circuit_breaker),
        ("tiers", &result.margin_tiers),
        ("both", &result.both),
    ];
    // With a second venue, its rows follow, marked "2".
    let second: Vec<_> = [
        ("none 2", &result.none),
        ("brkr 2", &result.circuit_breaker),
        ("tiers 2", &result.margin_tiers),
        ("both 2", &result.both),
    ]
    .into_iter()
    .filter_map(|(name, o)| Some((name, o.second_venue.as_deref()?)))
    .collect();
    rows.extend(second);
    println!(
        "scenario  move%  ampl  liquidated$  of-OI  count  share  waves  halts halted  waiting$  badDebt  adl$  n0  npeak@"
    );
    for &(name, o) in &rows {
        let s: &Summary = &o.summary;
        println!(
            "{name:8} {:6.2} {:5.2} {:12.3e} {:5.3} {:6} {:5.3} {:6} {:6} {:6}{} {:8.2e} {:8.2e} {:8.2e} {:4.2} {:4.2}@{}",
            s.max_move_pct,
            s.amplification,
            s.liquidated_notional,
            s.liquidated_notional / s.open_interest,
            s.liquidated_count,
            s.liquidated_share,
            s.waves,
            s.halts,
            s.halted_ticks,
            if s.ended_halted { "*" } else { " " },
            s.waiting_at_end,
            s.bad_debt,
            s.adl_notional,
            s.branching_ratio,
            s.peak_branching_ratio,
            s.peak_branching_at_pct
        );
    }
    let thinnest = |o: &leverage_cascade::model::Outcome| {
        o.series.depth.iter().copied().fold(f64::INFINITY, f64::min) / params.depth_per_pct
    };
    println!(
        "scenario  fundTakeover$  fundPnl$  fundHeldEnd$  fundEnd$  adlPositions  thinnest  \
         shortLiq$  dipSpent$  shortsOpened$  low%  final%"
    );
    for &(name, o) in &rows {
        let s: &Summary = &o.summary;
        println!(
            "{name:8} {:12.3e} {:9.2e} {:12.3e} {:9.2e} {:6} {:9.3} {:10.3e} {:10.3e} {:10.3e} \
             {:6.2} {:6.2}",
            s.fund_takeover_notional,
            s.fund_pnl,
            s.fund_held_at_end,
            s.insurance_fund_end,
            s.adl_positions,
            thinnest(o),
            s.liquidated_short_notional,
            s.dip_buyers_spent,
            s.shorts_opened_notional,
            (s.min_price / s.start_price - 1.0) * 100.0,
            (s.final_price / s.start_price - 1.0) * 100.0,
        );
    }
    eprintln!("compare() took {elapsed:?}");
}
