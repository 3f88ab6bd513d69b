use leverage_cascade::model::{simulate, Params};
fn main() {
    for lev in [16.0, 20.0] {
        let p = Params::from_json(&format!(r#"{{"traders":20000,"shockUsd":2e9,"shockTicks":10,"arbitrageCapital":1e8,"leverage":{lev},"secondVenue":{{"depthPerPct":5e7}}}}"#)).unwrap();
        let o = simulate(&p).unwrap();
        let b = o.second_venue.as_deref().unwrap();
        println!(
            "lev {lev}: A takeover {:.3e} B takeover {:.3e}",
            o.summary.fund_takeover_notional, b.summary.fund_takeover_notional
        );
        for t in 0..60 {
            println!("{t:3} A {:7.2} liq {:9.2e} arb {:9.2e} idx {:7.2} | B {:7.2} liq {:9.2e} arb {:9.2e} fund {:9.2e}", o.series.price[t], o.series.liquidated_notional[t], o.series.arbitrage[t], o.series.index[t], b.series.price[t], b.series.liquidated_notional[t], b.series.arbitrage[t], b.series.insurance_fund[t]);
        }
    }
}
