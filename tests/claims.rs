//! What the presets' summaries claim (src/model/presets.rs, `SUMMARIES_EN`, shown under the
//! presets menu) is what the model does (issue 17): each claim is quoted from its summary and
//! checked against the runs, and every "about N %" in a summary must be one of the claims, so a
//! new figure in the text cannot go unchecked.

use leverage_cascade::model::presets::{presets, summary};
use leverage_cascade::model::{compare, simulate, Comparison, EventKind, Params, Summary};

/// The preset's params.
fn preset(id: &str) -> Params {
    presets().into_iter().find(|p| p.id == id).unwrap_or_else(|| panic!("no preset {id}")).params
}

/// Liquidated notional ÷ open interest.
fn share(s: &Summary) -> f64 {
    s.liquidated_notional / s.open_interest
}

/// One claim: the preset, words quoted from its summary, and whether the runs bear them out
/// (with the figure, for the message).
struct Claim {
    id: &'static str,
    quote: &'static str,
    check: fn(&Comparison) -> (bool, f64),
}

/// The mark-price preset liquidating on the futures' last trade instead.
fn on_last() -> Summary {
    let p = Params { mark_price: leverage_cascade::model::MarkPrice::Last, ..preset("mark-price") };
    simulate(&p).unwrap().summary
}

/// The second venue's summary of a run.
fn second(o: &leverage_cascade::model::Outcome) -> &Summary {
    &o.second_venue.as_deref().expect("a second venue").summary
}

/// Liquidated notional on both venues of a run.
fn both_venues(o: &leverage_cascade::model::Outcome) -> f64 {
    o.summary.liquidated_notional + second(o).liquidated_notional
}

const CLAIMS: &[Claim] = &[
    Claim {
        id: "one-venue-halt",
        quote: "Without a breaker the first falls about \
         16 %",
        check: |c| ((c.none.summary.max_move_pct - 16.0).abs() <= 1.0, c.none.summary.max_move_pct),
    },
    Claim {
        id: "one-venue-halt",
        quote: "the second barely moves",
        check: |c| (second(&c.none).max_move_pct < 2.0, second(&c.none).max_move_pct),
    },
    Claim {
        id: "one-venue-halt",
        quote: "stops its fall at \
         about 7.5 %",
        check: |c| {
            let f = c.circuit_breaker.summary.max_move_pct;
            ((f - 7.5).abs() <= 0.75, f)
        },
    },
    Claim {
        id: "one-venue-halt",
        quote: "which falls about 11 %",
        check: |c| {
            let f = second(&c.circuit_breaker).max_move_pct;
            ((f - 11.0).abs() <= 1.0, f)
        },
    },
    Claim {
        id: "one-venue-halt",
        quote: "and \
         the two together liquidate more than with no breaker at all",
        check: |c| {
            let ratio = both_venues(&c.circuit_breaker) / both_venues(&c.none);
            (ratio > 1.0, ratio)
        },
    },
    Claim {
        id: "wick-on-one-venue",
        quote: "the first falls about 13 %",
        check: |c| ((c.none.summary.max_move_pct - 13.0).abs() <= 1.0, c.none.summary.max_move_pct),
    },
    Claim {
        id: "wick-on-one-venue",
        quote: "liquidates about 42 % of its open interest",
        check: |c| ((share(&c.none.summary) - 0.42).abs() <= 0.04, share(&c.none.summary)),
    },
    Claim {
        id: "wick-on-one-venue",
        quote: "the second falls about 10 %",
        check: |c| {
            ((second(&c.none).max_move_pct - 10.0).abs() <= 1.0, second(&c.none).max_move_pct)
        },
    },
    Claim {
        id: "wick-on-one-venue",
        quote: "liquidates about a third",
        check: |c| ((share(second(&c.none)) - 0.33).abs() <= 0.04, share(second(&c.none))),
    },
    Claim {
        id: "default",
        quote: "nearly double it",
        check: |c| {
            (
                c.none.summary.amplification > 1.6 && c.none.summary.amplification < 2.0,
                c.none.summary.amplification,
            )
        },
    },
    Claim {
        id: "calm-market",
        quote: "stays close to 5 %",
        check: |c| (c.none.summary.max_move_pct < 6.0, c.none.summary.max_move_pct),
    },
    Claim {
        id: "crowded-leverage",
        quote: "the branching ratio passes 1",
        check: |c| (c.none.summary.branching_ratio >= 1.0, c.none.summary.branching_ratio),
    },
    Claim {
        id: "crowded-leverage",
        quote: "until most longs are gone",
        check: |c| {
            let s = &c.none.summary;
            let longs =
                (s.liquidated_notional - s.liquidated_short_notional) / (0.6 * s.open_interest);
            (longs > 0.5, longs)
        },
    },
    Claim {
        id: "mark-price",
        quote: "a fall of about 8 %",
        check: |c| ((c.none.summary.max_move_pct - 8.0).abs() <= 1.0, c.none.summary.max_move_pct),
    },
    Claim {
        id: "mark-price",
        quote: "about a quarter of open interest is liquidated",
        check: |c| ((share(&c.none.summary) - 0.25).abs() <= 0.04, share(&c.none.summary)),
    },
    Claim {
        id: "mark-price",
        quote: "the fall is about 14 %",
        check: |_| ((on_last().max_move_pct - 14.0).abs() <= 1.0, on_last().max_move_pct),
    },
    Claim {
        id: "mark-price",
        quote: "nearly half of open interest is",
        check: |_| ((0.4..0.5).contains(&share(&on_last())), share(&on_last())),
    },
    Claim {
        id: "thin-book",
        quote: "a fall of about 17 %",
        check: |c| ((c.none.summary.max_move_pct - 17.0).abs() <= 1.5, c.none.summary.max_move_pct),
    },
    Claim {
        id: "circuit-breaker",
        quote: "the fall is about 13 %",
        check: |c| {
            let f = c.circuit_breaker.summary.max_move_pct;
            ((f - 13.0).abs() <= 1.5, f)
        },
    },
    Claim {
        id: "circuit-breaker",
        quote: "instead of 17 %",
        check: |c| ((c.none.summary.max_move_pct - 17.0).abs() <= 1.5, c.none.summary.max_move_pct),
    },
    Claim {
        id: "circuit-breaker",
        quote: "a fifth less is liquidated",
        check: |c| {
            let less = 1.0
                - c.circuit_breaker.summary.liquidated_notional
                    / c.none.summary.liquidated_notional;
            ((0.15..=0.25).contains(&less), less)
        },
    },
    Claim {
        id: "margin-tiers",
        quote: "about half as much is liquidated",
        check: |c| {
            let ratio =
                c.margin_tiers.summary.liquidated_notional / c.none.summary.liquidated_notional;
            ((0.4..=0.6).contains(&ratio), ratio)
        },
    },
    Claim {
        id: "managed-liquidation",
        quote: "the fall is about 15 %",
        check: |c| ((c.none.summary.max_move_pct - 15.0).abs() <= 1.5, c.none.summary.max_move_pct),
    },
    Claim {
        id: "managed-liquidation",
        quote: "instead of 17 %",
        // The same thin book under the default (binance) rules: the thin-book preset.
        check: |_| {
            let f = simulate(&preset("thin-book")).unwrap().summary.max_move_pct;
            ((f - 17.0).abs() <= 1.5, f)
        },
    },
    // The replays: their own rules of the day are the tier table each preset carries, with no
    // market-wide breaker, so the "Margin tiers" card.
    Claim {
        id: "oct-2025",
        quote: "take the fall to about 12 %",
        check: |c| {
            (
                (c.margin_tiers.summary.max_move_pct - 12.0).abs() <= 1.5,
                c.margin_tiers.summary.max_move_pct,
            )
        },
    },
    Claim {
        id: "oct-2025",
        quote: "about a tenth of open interest is liquidated",
        check: |c| {
            let o = &c.margin_tiers;
            let share = both_venues(o) / (o.summary.open_interest + second(o).open_interest);
            ((0.07..=0.13).contains(&share), share)
        },
    },
    Claim {
        id: "oct-2025",
        quote: "liquidate some of the new shorts on the way up",
        check: |c| {
            let o = &c.margin_tiers;
            let shorts = o.summary.liquidated_short_notional + second(o).liquidated_short_notional;
            (shorts > 0.0, shorts)
        },
    },
    Claim {
        id: "oct-2025",
        quote: "about 30 % \
         of what is liquidated is closed by auto-deleveraging",
        check: |c| {
            let s = second(&c.margin_tiers);
            let share = s.adl_notional / s.liquidated_notional * 100.0;
            ((share - 30.0).abs() <= 3.0, share)
        },
    },
    Claim {
        id: "oct-2025",
        quote: "on the \
         large one the insurance fund takes it over instead",
        check: |c| {
            let s = &c.margin_tiers.summary;
            (s.adl_notional == 0.0 && s.fund_takeover_notional > 0.0, s.fund_takeover_notional)
        },
    },
    Claim {
        id: "may-2021",
        quote: "the price falls by about 30 %",
        check: |c| {
            (
                (c.margin_tiers.summary.max_move_pct - 30.0).abs() <= 2.0,
                c.margin_tiers.summary.max_move_pct,
            )
        },
    },
    Claim {
        id: "may-2021",
        quote: "about a quarter of open interest is liquidated",
        check: |c| {
            (
                (0.21..=0.29).contains(&share(&c.margin_tiers.summary)),
                share(&c.margin_tiers.summary),
            )
        },
    },
    Claim {
        id: "mar-2020",
        quote: "its price falls by \
         about half (the record",
        check: |c| {
            (
                (c.margin_tiers.summary.max_move_pct - 50.0).abs() <= 3.0,
                c.margin_tiers.summary.max_move_pct,
            )
        },
    },
    Claim {
        id: "mar-2020",
        quote: "about three fifths of its open interest",
        check: |c| {
            (
                (0.55..=0.67).contains(&share(&c.margin_tiers.summary)),
                share(&c.margin_tiers.summary),
            )
        },
    },
    Claim {
        id: "mar-2020",
        quote: "the perpetual trades about 19 % below spot",
        check: |c| {
            let below = -c.margin_tiers.summary.widest_basis_pct;
            ((below - 19.0).abs() <= 1.5, below)
        },
    },
    Claim {
        id: "mar-2020",
        quote: "so nothing is auto-deleveraged on \
         BitMEX",
        check: |c| {
            (c.margin_tiers.summary.adl_notional == 0.0, c.margin_tiers.summary.adl_notional)
        },
    },
    Claim {
        id: "mar-2020",
        quote: "the rest of the market's \
         smaller fund runs out, and it auto-deleverages",
        check: |c| {
            let rest = second(&c.margin_tiers);
            (rest.adl_notional > 0.0 && rest.insurance_fund_end == 0.0, rest.adl_notional)
        },
    },
    Claim {
        id: "may-2010",
        quote: "feed each other down about 13 %",
        check: |c| ((c.none.summary.max_move_pct - 13.0).abs() <= 1.0, c.none.summary.max_move_pct),
    },
    Claim {
        id: "may-2010",
        quote: "at the bottom of the plunge, about 5 % down",
        check: |c| {
            let halt = c.circuit_breaker.events.iter().find(|e| e.kind == EventKind::Halt);
            let fall = halt.map_or(0.0, |e| (1.0 - e.price / c.none.summary.start_price) * 100.0);
            ((fall - 5.0).abs() <= 1.0, fall)
        },
    },
    Claim {
        id: "may-2010",
        quote: "the price comes back",
        check: |c| {
            // Three minutes after the pause, at least a point above where it paused.
            let o = &c.circuit_breaker;
            let halt = o.events.iter().find(|e| e.kind == EventKind::Halt);
            let back = halt.map_or(0.0, |e| {
                let later = o.series.price[(e.tick as usize + 180).min(o.series.price.len() - 1)];
                (later - e.price) / o.summary.start_price * 100.0
            });
            (back >= 1.0, back)
        },
    },
    Claim {
        id: "may-2010",
        quote: "no lower than about 6 %",
        check: |c| {
            let f = c.circuit_breaker.summary.max_move_pct;
            ((f - 6.0).abs() <= 1.0, f)
        },
    },
    Claim {
        id: "may-2010",
        quote: "about 30 % less",
        check: |c| {
            let r =
                c.circuit_breaker.summary.liquidated_notional / c.none.summary.liquidated_notional;
            ((0.65..=0.75).contains(&r), r)
        },
    },
    Claim {
        id: "jan-2016",
        quote: "the market down about 4.5 % without them",
        check: |c| ((c.none.summary.max_move_pct - 4.5).abs() <= 0.7, c.none.summary.max_move_pct),
    },
    Claim {
        id: "jan-2016",
        quote: "pulls it through both with them",
        check: |c| {
            let s = &c.circuit_breaker.summary;
            (s.halts == 2 && s.max_move_pct >= 7.0, s.max_move_pct)
        },
    },
];

/// Spaces and line breaks as one space, so a quote may wrap where the summary does.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_claim_in_a_preset_summary_is_what_the_model_does() {
    let mut wrong = Vec::new();
    for claim in CLAIMS {
        let text = flat(summary(claim.id).unwrap());
        assert!(
            text.contains(&flat(claim.quote)),
            "{}: the summary no longer says “{}”",
            claim.id,
            claim.quote
        );
        let c = compare(&preset(claim.id)).unwrap();
        let (holds, figure) = (claim.check)(&c);
        println!(
            "{:<20} {:<50} {figure:.3} {}",
            claim.id,
            flat(claim.quote),
            if holds { "ok" } else { "WRONG" }
        );
        if !holds {
            wrong.push(format!("{}: “{}” but the model gives {figure:.3}", claim.id, claim.quote));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_figure_a_summary_gives_about_the_model_is_a_checked_claim() {
    // "about 17 %", "about a tenth", "about two thirds", "about half": each must sit inside one
    // of the quotes above. Figures of the record ("the record: 8–9 %", "BitMEX: about 58 %",
    // "fell 51 %") are the record's, not the model's, and are said so in the same sentence.
    for p in presets() {
        let text = flat(summary(p.id).unwrap());
        let quotes: Vec<String> =
            CLAIMS.iter().filter(|c| c.id == p.id).map(|c| flat(c.quote)).collect();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("about ") {
            let after = &rest[at..];
            let phrase: String = after.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            let of_record = text[..text.len() - rest.len() + at].ends_with("BitMEX: ");
            let covered =
                quotes.iter().any(|q| q.contains(phrase.trim_end_matches([',', ';', '.', ')'])));
            assert!(covered || of_record, "{}: “{phrase}…” is a figure no claim checks", p.id);
            rest = &after["about ".len()..];
        }
    }
}
