//! The published records of the historical presets (model/record.rs): complete, sourced, and
//! set beside the model's run. Printed side by side (`cargo test --test record -- --nocapture`);
//! issue 17 calibrates the presets until they fall within the record's tolerances.

use leverage_cascade::model::presets::presets;
use leverage_cascade::model::record::{outcome_figure, record, Measure, RECORDS};
use leverage_cascade::model::simulate::scenarios;
use leverage_cascade::model::{simulate, Params, VenueProfile};

#[test]
fn every_historical_preset_has_a_sourced_record_and_every_record_a_preset() {
    let all = presets();
    for r in RECORDS {
        assert!(all.iter().any(|p| p.id == r.id), "{}: no such preset", r.id);
        assert!(!r.market.is_empty() && r.left_out.len() > 40, "{}", r.id);
        assert!(r.figures.iter().any(|f| f.measure == Measure::FallPct), "{}: no fall", r.id);
        for f in r.figures {
            assert!(f.source.len() > 5 && !f.as_published.is_empty(), "{}: {}", r.id, f.label);
            assert!(f.low <= f.high, "{}: {}", r.id, f.label);
            for l in f.links {
                let web = l.url.starts_with("https://") || l.url.starts_with("http://");
                assert!(web && !l.url.contains(' ') && l.name.len() > 5, "{}: {:?}", r.id, l);
            }
        }
        // A published path lies on the preset's clock, in time order, each point said in words,
        // with its source and a report to read.
        let params = &all.iter().find(|p| p.id == r.id).unwrap().params;
        let seconds = f64::from(params.ticks) * params.tick_seconds;
        let times: Vec<f64> = r.path.iter().map(|p| p.seconds).collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]), "{}: path out of order", r.id);
        for p in r.path {
            assert!(p.seconds >= 0.0 && p.seconds <= seconds && p.price > 0.0, "{}: {p:?}", r.id);
            assert!(p.label.len() > 10, "{}: {p:?}", r.id);
        }
        if !r.path.is_empty() {
            assert!(
                r.path_source.len() > 20 && !r.path_links.is_empty(),
                "{}: path unsourced",
                r.id
            );
        }
        // Every record links at least one report a reader can open.
        assert!(r.figures.iter().any(|f| !f.links.is_empty()), "{}: no link", r.id);
    }
    // The presets that stand for a day of the record: their titles name it.
    for p in all.iter().filter(|p| p.title.contains("(replay)")) {
        assert!(record(p.id).is_some(), "{} has no record", p.id);
    }
}

#[test]
fn the_model_is_set_beside_the_record_for_every_compared_figure() {
    for r in RECORDS {
        let preset = presets().into_iter().find(|p| p.id == r.id).unwrap().params;
        let out = simulate(&r.rules.run(&preset)).unwrap();
        println!("{} ({}):", r.id, r.market);
        for f in r.figures {
            let model = outcome_figure(f, &out, preset.tick_seconds);
            if f.measure == Measure::Context {
                assert_eq!(model, None);
                println!("  {:<52} record {}", f.label, f.as_published);
                continue;
            }
            let model =
                model.unwrap_or_else(|| panic!("{}: no model figure for {}", r.id, f.label));
            assert!(model.is_finite(), "{}: {}", r.id, f.label);
            println!(
                "  {:<52} record {:>6.1}–{:<6.1} model {:>6.1}",
                f.label, f.low, f.high, model
            );
        }
    }
}

#[test]
fn every_historical_preset_matches_its_record_within_tolerance_on_eleven_seeds() {
    // The shipped seed and ten others: a replay that matched on one seed only would be luck.
    let mut misses = Vec::new();
    for r in RECORDS {
        let preset = presets().into_iter().find(|p| p.id == r.id).unwrap().params;
        // Under the venue's own rules of the day: its tier table, or its breaker.
        let run = r.rules.run(&preset);
        println!(
            "{} ({}), the venue's own rules, seeds {}..={}:",
            r.id,
            r.market,
            preset.seed,
            preset.seed + 10
        );
        for seed in preset.seed..=preset.seed + 10 {
            let out = simulate(&Params { seed, ..run.clone() }).unwrap();
            let mut line = Vec::new();
            for f in r.figures.iter().filter(|f| f.measure != Measure::Context) {
                let model = outcome_figure(f, &out, run.tick_seconds).unwrap();
                let ok = f.measure.tolerance().map(|t| t.holds(f.low, f.high, model));
                line.push(format!(
                    "{model:.1}{}",
                    match ok {
                        Some(true) => "",
                        Some(false) => " (outside)",
                        None => " (held out)",
                    }
                ));
                if ok == Some(false) {
                    misses.push(format!(
                        "{} seed {seed}: {} {model:.2} against {}–{}",
                        r.id, f.label, f.low, f.high
                    ));
                }
                // The record says shorts were liquidated too: so must the model, on every seed.
                if f.measure == Measure::LongSharePct {
                    assert!(
                        model < 99.0,
                        "{} seed {seed}: longs' share {model:.2}, no shorts liquidated",
                        r.id
                    );
                }
            }
            println!("  seed {seed:>2}: {}", line.join(", "));
        }
        let record: Vec<String> = r
            .figures
            .iter()
            .filter(|f| f.measure != Measure::Context)
            .map(|f| format!("{}–{}", f.low, f.high))
            .collect();
        println!("  record:  {}", record.join(", "));
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// The first tick at whose end the price stands `pct` % or more below the start, if any.
fn first_at(series: &[f64], start: f64, pct: f64) -> Option<usize> {
    series.iter().position(|&p| p <= start * (1.0 - pct / 100.0))
}

#[test]
fn the_2016_thresholds_pull_the_price_to_5_percent_sooner_than_no_breaker() {
    // 7 January 2016: thresholds at 5 and 7 %, and selling that rises near them (the magnet).
    // On eleven seeds, with the breaker the price reaches −5 % sooner than without it; in the
    // preset the market without a breaker mostly never gets there, so the same market with a
    // heavier sell program, which gets there either way, is checked too.
    let preset = presets().into_iter().find(|p| p.id == "jan-2016").unwrap().params;
    for shock_pct in [preset.shock_pct, 1.5 * preset.shock_pct] {
        let market = Params { shock_pct, ..preset.clone() };
        let [none, breaker, ..] = scenarios(&market);
        let mut both_reached = 0;
        for seed in 1..=11 {
            let a = simulate(&Params { seed, ..none.clone() }).unwrap();
            let b = simulate(&Params { seed, ..breaker.clone() }).unwrap();
            let start = market.start_price;
            let (ta, tb) =
                (first_at(&a.series.price, start, 5.0), first_at(&b.series.price, start, 5.0));
            println!("shock {shock_pct} %, seed {seed:>2}: −5 % at tick {ta:?} without, {tb:?} with the breaker");
            let tb = tb
                .unwrap_or_else(|| panic!("seed {seed}: the breaker's market never reached −5 %"));
            if let Some(ta) = ta {
                both_reached += 1;
                assert!(tb < ta, "seed {seed}: {tb} with the breaker, {ta} without");
            }
        }
        if shock_pct != preset.shock_pct {
            assert_eq!(both_reached, 11, "the heavier program reaches −5 % without a breaker too");
        }
    }
}

#[test]
fn the_2010_pause_gives_a_smaller_fall_than_no_pause_because_the_book_refills() {
    // 6 May 2010: CME's Stop Logic paused the E-mini for five seconds at the bottom of a plunge,
    // and prices recovered. On eleven seeds the same market falls less with the pause than
    // without it, the pause ends with nothing left waiting (so the smaller fall is not
    // liquidations put off past the end), the book stands deeper when trading resumes than when
    // it stopped, and three minutes later the price is at least a point above where it paused.
    let preset = presets().into_iter().find(|p| p.id == "may-2010").unwrap().params;
    let [none, pause, ..] = scenarios(&preset);
    for seed in preset.seed..=preset.seed + 10 {
        let a = simulate(&Params { seed, ..none.clone() }).unwrap();
        let b = simulate(&Params { seed, ..pause.clone() }).unwrap();
        let (fa, fb) = (a.summary.max_drawdown_pct, b.summary.max_drawdown_pct);
        println!(
            "seed {seed:>2}: greatest drawdown {fa:.2} % without the pause, {fb:.2} % with it"
        );
        assert!(fb < fa - 1.0, "seed {seed}: {fb:.2} % with the pause, {fa:.2} % without");
        assert_eq!(b.summary.halts, 1, "seed {seed}");
        assert!(!b.summary.ended_halted && b.summary.waiting_at_end == 0.0, "seed {seed}");
        let halted: Vec<usize> =
            (0..b.series.halted.len()).filter(|&t| b.series.halted[t] == 1).collect();
        let (first, last) = (halted[0], *halted.last().unwrap());
        assert_eq!(last - first + 1, 5, "seed {seed}: a five-second pause");
        let depth = &b.series.depth;
        assert!(
            depth[last + 1] > 1.5 * depth[first - 1],
            "seed {seed}: depth {:.3e} when it paused, {:.3e} when it resumed",
            depth[first - 1],
            depth[last + 1]
        );
        let (paused, later) = (b.series.price[first - 1], b.series.price[last + 180]);
        assert!(later > paused + 1.0, "seed {seed}: {paused:.2} when it paused, {later:.2} later");
    }
}

#[test]
fn oct_2025_deleverages_on_hyperliquid_s_rules_where_binance_s_fund_takes_over() {
    // The record's ADL share (held out) is Hyperliquid's. The replay's second venue runs
    // Hyperliquid's rules: on every seed it closes part of what it liquidates by ADL, while the
    // first venue, on Binance's rules, hands what will not sell to its fund and needs none. The
    // same second venue on Binance's rules needs no ADL either: the rules decide who pays. And
    // the arbitrageurs hold the two venues' falls within a few points of each other.
    let preset = presets().into_iter().find(|p| p.id == "oct-2025").unwrap().params;
    let run = record("oct-2025").unwrap().rules.run(&preset);
    for seed in preset.seed..=preset.seed + 10 {
        let out = simulate(&Params { seed, ..run.clone() }).unwrap();
        let (first, second) = (&out.summary, &out.second_venue.as_ref().unwrap().summary);
        let adl_share = second.adl_notional / second.liquidated_notional * 100.0;
        println!(
            "seed {seed:>2}: falls {:.1} % and {:.1} %; second venue ADL {adl_share:.1} % of {:.0} M",
            first.max_move_pct,
            second.max_move_pct,
            second.liquidated_notional / 1e6
        );
        assert_eq!(first.adl_notional, 0.0, "seed {seed}");
        assert!(first.fund_takeover_notional > 0.0, "seed {seed}");
        assert!(second.adl_notional > 0.0, "seed {seed}");
        assert!((first.max_move_pct - second.max_move_pct).abs() < 4.0, "seed {seed}");
        let mut binance = run.clone();
        binance.seed = seed;
        binance.second_venue.as_mut().unwrap().rules = VenueProfile::Binance;
        let other = simulate(&binance).unwrap();
        let other = &other.second_venue.as_ref().unwrap().summary;
        assert_eq!(other.adl_notional, 0.0, "seed {seed}");
        assert!(other.fund_takeover_notional > 0.0, "seed {seed}");
    }
}

#[test]
fn in_2020_bitmex_thin_book_runs_below_spot_and_the_rest_of_the_market_does_not() {
    // 12 March 2020: BitMEX's perpetual traded about $400 (10 %) under spot. In the replay, on
    // eleven seeds, its thin book runs more than 10 % below spot, while the second venue, the
    // rest of the market with a book about three times deeper for its size, stays within a
    // quarter of that distance of spot, either way; given a book as deep for its size, so does
    // BitMEX. The decoupling comes from the thin book.
    let preset = presets().into_iter().find(|p| p.id == "mar-2020").unwrap().params;
    let rest = preset.second_venue.clone().expect("the rest of the market");
    let deep = rest.depth_per_pct / rest.open_interest.unwrap() * preset.open_interest;
    for seed in 1..=11 {
        let run = r_run("mar-2020", Params { seed, ..preset.clone() });
        let out = simulate(&run).unwrap();
        let bitmex = -out.summary.widest_basis_pct;
        let others = -out.second_venue.as_ref().unwrap().summary.widest_basis_pct;
        let deeper =
            simulate(&r_run("mar-2020", Params { seed, depth_per_pct: deep, ..preset.clone() }))
                .unwrap()
                .summary
                .widest_basis_pct;
        println!("seed {seed:>2}: BitMEX {bitmex:.1} % below spot, the rest {others:.1} %, BitMEX as deep {:.1} %", -deeper);
        assert!(bitmex > 10.0, "seed {seed}: BitMEX only {bitmex:.2} % below spot");
        assert!(
            others.abs() < bitmex / 4.0,
            "seed {seed}: the rest {others:.2} % vs {bitmex:.2} %"
        );
        assert!(
            deeper.abs() < bitmex / 4.0,
            "seed {seed}: as deep, {deeper:.2} % vs {bitmex:.2} %"
        );
    }
}

/// A replay's run under the venue's own rules of the day, for params `p`.
fn r_run(id: &str, p: Params) -> Params {
    record(id).unwrap().rules.run(&p)
}

/// Where the model's figure for each record row of the shipped presets is kept, for the page's
/// test (tests/e2e/record.test.mjs) to hold www/lab/record.js to record.rs's own numbers.
const FIGURES: &str = "tests/fixtures/record-figures.json";

#[test]
fn the_pages_record_rows_have_record_rs_figures_to_match() {
    // {preset: [the model's figure for each row, or null for context]}, from the run under the
    // venue's own rules. UPDATE_FIXTURES=1 writes it; otherwise it must be what is stored, so a
    // change to a replay shows up here before the page test compares against stale numbers.
    let mut now = serde_json::Map::new();
    for r in RECORDS {
        let preset = presets().into_iter().find(|p| p.id == r.id).unwrap().params;
        let out = simulate(&r.rules.run(&preset)).unwrap();
        let row: Vec<serde_json::Value> = r
            .figures
            .iter()
            .map(|f| {
                outcome_figure(f, &out, preset.tick_seconds)
                    .map_or(serde_json::Value::Null, |v| v.into())
            })
            .collect();
        now.insert(r.id.to_string(), row.into());
    }
    let now = serde_json::Value::Object(now);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(FIGURES, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
    }
    let stored: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(FIGURES).expect("fixture file")).unwrap();
    assert_eq!(stored, now, "record figures changed: UPDATE_FIXTURES=1 cargo test --test record");
}
