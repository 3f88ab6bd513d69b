//! Render-to-SVG tests of the charts: real model outcomes and degenerate inputs.
//!
//! Each chart is drawn into an SVG string, and the tests count what it contains: polylines in a
//! scenario's colour, filled rects, legend texts, circles. Every SVG is also written to
//! `target/render/` for a person to look at.

use leverage_cascade::model::presets::presets;
use leverage_cascade::model::{compare, simulate, Comparison, Outcome, Params};
use leverage_cascade::render::palette::{map_colors, ThemeColors};
use leverage_cascade::render::words::{Word, Words};
use leverage_cascade::render::{
    active_ticks, draw_heatmap, draw_liquidation_map, draw_price_chart, draw_survival,
    heatmap_plot_rect, price_chart_layout, price_time_knots, shared_price_range, Appearance,
    ColorScale, Grid, HeatmapOptions, MapOptions, PriceChartOptions, Run, Sample, Scenario,
    SurvivalOptions, Theme, ValueFormat,
};
use plotters::prelude::*;

// ---- helpers ----

/// Draws with `draw` on a `w` × `h` SVG and returns the SVG text, also saved under
/// target/render/`name`.svg.
fn svg<F>(name: &str, size: (u32, u32), draw: F) -> String
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>),
{
    let mut text = String::new();
    {
        let area = SVGBackend::with_string(&mut text, size).into_drawing_area();
        draw(&area);
        area.present().expect("present");
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/render");
    std::fs::create_dir_all(&dir).expect("target/render");
    std::fs::write(dir.join(format!("{name}.svg")), &text).expect("write svg");
    text
}

/// The SVG elements (`<tag …/>` or `<tag …>…</tag>`) of a kind, as their opening tags.
fn elements<'a>(svg: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    svg.match_indices(&open)
        .map(|(i, _)| {
            let end = svg[i..].find('>').map_or(svg.len(), |e| i + e + 1);
            &svg[i..end]
        })
        .collect()
}

/// SVG colour attribute value, as plotters writes it.
fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Polylines stroked in `color`.
fn lines_in(svg: &str, color: RGBColor) -> usize {
    let stroke = format!("stroke=\"{}\"", hex(color));
    elements(svg, "polyline").iter().filter(|e| e.contains(&stroke)).count()
}

/// Filled rects in `color` (any opacity unless given).
fn rects_in(svg: &str, color: RGBColor, opacity: Option<&str>) -> usize {
    let fill = format!("fill=\"{}\"", hex(color));
    elements(svg, "rect")
        .iter()
        .filter(|e| e.contains(&fill))
        .filter(|e| opacity.map_or(true, |o| e.contains(&format!("opacity=\"{o}\""))))
        .count()
}

/// An integer attribute of an element.
fn attr(element: &str, name: &str) -> i32 {
    let key = format!(" {name}=\"");
    let at = element.find(&key).expect("attribute") + key.len();
    element[at..].split('"').next().and_then(|v| v.parse().ok()).expect("integer")
}

/// How many `<text>` elements say exactly `text`.
fn texts(svg: &str, text: &str) -> usize {
    all_texts(svg).iter().filter(|t| *t == text).count()
}

/// The contents of every `<text>` element (plotters writes them on a line of their own).
fn all_texts(svg: &str) -> Vec<String> {
    svg.split("</text>")
        .filter_map(|chunk| {
            let start = chunk.rfind("<text ")?;
            let body = &chunk[start..];
            let open = body.find('>')?;
            Some(body[open + 1..].trim().to_string())
        })
        .collect()
}

/// Numbers in an SVG attribute list are never NaN or infinite.
fn assert_clean(svg: &str) {
    for bad in ["NaN", "inf", "-2147483648", "2147483647"] {
        assert!(!svg.contains(bad), "SVG contains {bad}");
    }
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
}

fn small(params: Params) -> Params {
    Params { traders: 5000, ticks: 300, ..params }
}

fn preset(id: &str) -> Params {
    presets().into_iter().find(|p| p.id == id).expect("preset").params
}

/// A comparison in which the breaker halts trading at least once.
fn halting() -> Comparison {
    let c = compare(&small(preset("crowded-leverage"))).expect("compare");
    assert!(c.circuit_breaker.summary.halts > 0, "the crowded preset should trip the breaker");
    c
}

/// A comparison in which nothing halts: a shock too small for the breaker.
fn calm() -> Comparison {
    let c = compare(&small(Params { shock_pct: -1.0, ..preset("calm-market") })).expect("compare");
    assert!(Run::all(&c).iter().all(|r| r.outcome.summary.halts == 0));
    c
}

/// The charts' Simplified Chinese words.
fn chinese_words() -> Words {
    Words::new(Word::ALL.iter().map(|w| w.chinese()).collect::<Vec<_>>().join("\n"))
        .expect("every word")
}

fn look(theme: Theme, dpr: f64) -> Appearance {
    Appearance { theme, dpr }
}

fn price_svg(
    name: &str,
    runs: &[Run<'_>],
    options: &PriceChartOptions,
    size: (u32, u32),
) -> String {
    svg(name, size, |area| draw_price_chart(area, runs, options).expect("draw"))
}

fn map_svg(name: &str, outcome: &Outcome, options: &MapOptions, size: (u32, u32)) -> String {
    svg(name, size, |area| draw_liquidation_map(area, outcome, options).expect("draw"))
}

// ---- the price chart ----

#[test]
fn price_chart_draws_a_path_and_a_legend_entry_per_scenario() {
    let c = halting();
    let runs = Run::all(&c);
    for theme in [Theme::Light, Theme::Dark] {
        let options = PriceChartOptions { appearance: look(theme, 1.0), ..Default::default() };
        let name = format!("price-{theme:?}").to_lowercase();
        let s = price_svg(&name, &runs, &options, (900, 560));
        assert_clean(&s);
        for scenario in Scenario::ALL {
            let color = scenario.color(theme);
            // The legend's line, then at least one piece of path.
            assert!(lines_in(&s, color) >= 2, "{scenario:?} has no path");
            assert_eq!(texts(&s, scenario.label()), 1, "{scenario:?} legend");
        }
        assert_eq!(texts(&s, "price (start = 100)"), 1);
        assert_eq!(texts(&s, "seconds after the shock"), 1);
        assert_eq!(texts(&s, "start"), 1);
    }
}

#[test]
fn with_chinese_words_no_english_is_drawn() {
    // Every preset, at the end and at a cursor, squeezed and not: each text the two charts
    // draw is the catalogue's, so none holds a Latin letter.
    let words = chinese_words();
    let mut seen = std::collections::BTreeSet::new();
    for preset in presets() {
        let params = Params { traders: preset.params.traders.min(5_000), ..preset.params.clone() };
        let c = compare(&params).expect("compare");
        let runs = Run::all(&c);
        for (cursor, squeeze) in [(None, false), (Some(12), true)] {
            let options = PriceChartOptions {
                cursor,
                squeeze,
                highlight: Some(Scenario::CircuitBreaker),
                words: words.clone(),
                ..Default::default()
            };
            let price = price_svg("price-zh", &runs, &options, (900, 560));
            let map = MapOptions { cursor, words: words.clone(), ..Default::default() };
            let map = map_svg("map-zh", &c.none, &map, (420, 560));
            for text in all_texts(&price).into_iter().chain(all_texts(&map)) {
                assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "{}: {text}", preset.id);
                seen.insert(text);
            }
        }
    }
    for expected in ["冲击后的时间（秒）", "起点", "价格（起点 = 100）", "多单被强平", "无缓解措施"]
    {
        assert!(seen.contains(expected), "{expected} never drawn");
    }
}

#[test]
fn a_second_venue_is_drawn_dashed_in_the_reference_runs_colour() {
    // One venue: no "second venue" in the legend. Two: its price in long dashes of the
    // highlighted run's colour, and the price axis reaches its low.
    let theme = Theme::Light;
    let options = PriceChartOptions { appearance: look(theme, 1.0), ..Default::default() };
    let one = small(Params {
        shock_usd: Some(2e9),
        shock_ticks: 10,
        arbitrage_capital: 1e8,
        ..Params::default()
    });
    let c = compare(&one).expect("compare");
    let s = price_svg("price-one-venue", &Run::all(&c), &options, (900, 560));
    assert_eq!(texts(&s, "second venue"), 0);
    let two = Params { second_venue: Some(leverage_cascade::model::SecondVenue::default()), ..one };
    let c = compare(&two).expect("compare");
    for highlight in [None, Some(Scenario::CircuitBreaker)] {
        let options = PriceChartOptions { highlight, ..options.clone() };
        let s = price_svg("price-two-venues", &Run::all(&c), &options, (900, 560));
        assert_clean(&s);
        assert_eq!(texts(&s, "second venue"), 1);
        let reference = highlight.unwrap_or(Scenario::NoMitigation).color(theme);
        let other = Scenario::MarginTiers.color(theme);
        assert!(lines_in(&s, reference) > lines_in(&s, other) + 10, "{highlight:?}: dashes");
    }
    let runs = Run::all(&c);
    let (low, _) = leverage_cascade::render::shared_price_range(&runs);
    let second_low = c.circuit_breaker.second_venue.as_ref().expect("second").summary.min_price;
    assert!(low <= second_low, "the axis reaches {second_low}, from {low}");
}

#[test]
fn the_spot_index_and_the_mark_are_drawn_only_when_the_run_has_them() {
    // The default market: neither. On the index with arbitrageurs, a thin book: a dotted line
    // for the index in the muted colour, and one for the mark in the reference run's colour.
    let theme = Theme::Light;
    let muted = theme.colors().muted;
    let options = PriceChartOptions { appearance: look(theme, 1.0), ..Default::default() };
    let plain = compare(&small(Params::default())).expect("compare");
    let s = price_svg("price-no-index", &Run::all(&plain), &options, (900, 560));
    assert_eq!(texts(&s, "spot index") + texts(&s, "mark price"), 0);
    let on_index = small(Params {
        depth_per_pct: 3e7,
        mark_price: leverage_cascade::model::MarkPrice::Index,
        arbitrage_capital: 2e7,
        ..Params::default()
    });
    let c = compare(&on_index).expect("compare");
    for highlight in [None, Some(Scenario::Both)] {
        let options = PriceChartOptions { highlight, ..options.clone() };
        let s = price_svg("price-index", &Run::all(&c), &options, (900, 560));
        assert_clean(&s);
        assert_eq!(texts(&s, "spot index"), 1);
        assert_eq!(texts(&s, "mark price"), 1);
        // Dotted: many short pieces, beside the one muted line of the start price's dashes.
        assert!(lines_in(&s, muted) > 20, "{}", lines_in(&s, muted));
        let reference = highlight.unwrap_or(Scenario::NoMitigation).color(theme);
        let other = Scenario::CircuitBreaker.color(theme);
        assert!(lines_in(&s, reference) > lines_in(&s, other) + 10, "{highlight:?}");
    }
    // The page hands the map back only the summary's start price: the lowest price reached
    // still shows, found from the series.
    let trimmed = Outcome {
        summary: leverage_cascade::model::Summary {
            start_price: plain.none.summary.start_price,
            ..Default::default()
        },
        ..plain.none.clone()
    };
    let options = MapOptions { appearance: look(theme, 1.0), ..Default::default() };
    let s = map_svg("map-trimmed", &trimmed, &options, (400, 560));
    assert_eq!(texts(&s, "lowest price reached (no mitigation)"), 1);
    // The map draws the mark beside the price, at the end and at a cursor; without an index,
    // only the price.
    let label = "mark price: liquidations look here";
    for cursor in [None, Some(20)] {
        let options = MapOptions { appearance: look(theme, 1.0), cursor, ..Default::default() };
        let s = map_svg("map-index", &c.none, &options, (400, 560));
        assert_eq!(texts(&s, label), 1, "{cursor:?}");
        let s = map_svg("map-no-index", &plain.none, &options, (400, 560));
        assert_eq!(texts(&s, label), 0, "{cursor:?}");
    }
}

#[test]
fn bars_show_the_chosen_scenarios_only() {
    let c = halting();
    let runs = Run::all(&c);
    let theme = Theme::Light;
    let s = price_svg("price-bars-default", &runs, &PriceChartOptions::default(), (900, 560));
    // Bars are the opaque rects below the price panel (halts also draw opaque strips above).
    let panel_bottom =
        price_chart_layout((900, 560), &runs, &PriceChartOptions::default()).price.bottom;
    let bars = |s: &str, sc: Scenario| {
        let fill = format!("fill=\"{}\"", hex(sc.color(theme)));
        elements(s, "rect")
            .iter()
            .filter(|e| e.contains(&fill) && e.contains("opacity=\"1\""))
            .filter(|e| attr(e, "y") > panel_bottom)
            .count()
    };
    assert!(bars(&s, Scenario::NoMitigation) > 0);
    assert!(bars(&s, Scenario::Both) > 0);
    assert_eq!(bars(&s, Scenario::CircuitBreaker), 0);
    assert_eq!(bars(&s, Scenario::MarginTiers), 0);

    let options = PriceChartOptions { bars: vec![Scenario::MarginTiers], ..Default::default() };
    let s = price_svg("price-bars-tiers", &runs, &options, (900, 560));
    assert!(bars(&s, Scenario::MarginTiers) > 0);
    assert_eq!(bars(&s, Scenario::NoMitigation), 0);
    // One bar per tick (or bin) with liquidations, and no more.
    let busy = c.margin_tiers.series.liquidated_notional.iter().filter(|&&v| v > 0.0).count();
    let drawn = bars(&s, Scenario::MarginTiers);
    assert!(drawn >= 1 && drawn <= busy, "{drawn} bars for {busy} busy ticks");
    assert!(all_texts(&s).iter().any(|t| t.starts_with("liquidated per")));
}

#[test]
fn halted_stretches_are_shaded_only_when_there_are_halts() {
    let c = halting();
    let runs = Run::all(&c);
    let s = price_svg("price-halts", &runs, &PriceChartOptions::default(), (900, 560));
    let stretches = |o: &Outcome| {
        let h = &o.series.halted;
        (0..h.len()).filter(|&t| h[t] != 0 && (t == 0 || h[t - 1] == 0)).count()
    };
    for run in runs {
        let color = run.scenario.color(Theme::Light);
        assert_eq!(
            rects_in(&s, color, Some("0.13")),
            stretches(run.outcome),
            "{:?} shading",
            run.scenario
        );
    }
    assert_eq!(texts(&s, "trading halted"), 1);

    let c = calm();
    let s = price_svg("price-calm", &Run::all(&c), &PriceChartOptions::default(), (900, 560));
    assert!(!s.contains("opacity=\"0.13\""));
    assert_eq!(texts(&s, "trading halted"), 0);
}

#[test]
fn cursor_appears_only_when_asked_for() {
    let c = halting();
    let runs = Run::all(&c);
    let colors = Theme::Light.colors();
    let cursor_lines = |s: &str| {
        let stroke = format!("stroke=\"{}\"", hex(colors.text));
        elements(s, "polyline")
            .iter()
            .filter(|e| e.contains(&stroke) && e.contains("opacity=\"0.7\""))
            .count()
    };
    let s = price_svg("price-no-cursor", &runs, &PriceChartOptions::default(), (900, 560));
    assert_eq!(cursor_lines(&s), 0);
    assert_eq!(elements(&s, "circle").len(), 0);

    let options = PriceChartOptions { cursor: Some(40), ..Default::default() };
    let s = price_svg("price-cursor", &runs, &options, (900, 560));
    assert_eq!(cursor_lines(&s), 1);
    // A halo and a dot on each path (all four are inside the default range).
    assert_eq!(elements(&s, "circle").len(), 8);
    assert_eq!(texts(&s, "41 s"), 1);

    // A cursor past the end marks the last tick instead of leaving the plot.
    let options = PriceChartOptions { cursor: Some(u32::MAX), ..Default::default() };
    let s = price_svg("price-cursor-end", &runs, &options, (900, 560));
    assert_eq!(cursor_lines(&s), 1);
    assert_eq!(texts(&s, "300 s"), 1);
    assert_clean(&s);
}

#[test]
fn lines_and_text_scale_with_the_device_pixel_ratio() {
    let c = calm();
    let runs = Run::all(&c);
    // The stroke width of the no-mitigation path (its longest polyline; the legend's is short).
    let width = |s: &str| {
        let stroke = format!("stroke=\"{}\"", hex(Scenario::NoMitigation.color(Theme::Light)));
        let e = elements(s, "polyline")
            .into_iter()
            .filter(|e| e.contains(&stroke))
            .max_by_key(|e| e.len())
            .expect("path");
        let at = e.find("stroke-width=\"").expect("width") + 14;
        e[at..].split('"').next().expect("value").to_string()
    };
    let one = price_svg("price-dpr1", &runs, &PriceChartOptions::default(), (600, 400));
    let options = PriceChartOptions { appearance: look(Theme::Light, 2.0), ..Default::default() };
    let two = price_svg("price-dpr2", &runs, &options, (1200, 800));
    assert_eq!(width(&one), "4");
    assert_eq!(width(&two), "8");
    assert!(one.contains("font-size=\"") && two.contains("font-size=\""));
    let sizes = |s: &str| -> Vec<f64> {
        s.match_indices("font-size=\"")
            .map(|(i, _)| s[i + 11..].split('"').next().unwrap().parse().unwrap())
            .collect()
    };
    let (a, b) = (sizes(&one), sizes(&two));
    assert_eq!(a.len(), b.len());
    assert!(a.iter().zip(&b).all(|(x, y)| (2.0 * x - y).abs() < 1e-9));
}

#[test]
fn highlight_draws_the_selected_path_last_and_thicker() {
    let c = calm();
    let runs = Run::all(&c);
    let options =
        PriceChartOptions { highlight: Some(Scenario::MarginTiers), ..Default::default() };
    let s = price_svg("price-highlight", &runs, &options, (900, 560));
    let tiers = format!("stroke=\"{}\"", hex(Scenario::MarginTiers.color(Theme::Light)));
    let paths: Vec<_> = elements(&s, "polyline")
        .into_iter()
        .filter(|e| Scenario::ALL.iter().any(|sc| e.contains(&hex(sc.color(Theme::Light)))))
        .collect();
    let last = paths.last().expect("paths");
    assert!(last.contains(&tiers) && last.contains("stroke-width=\"3\""), "{last}");
    // Without a highlight, the paths with tiers are the thin ones on top.
    let s = price_svg("price-plain", &runs, &PriceChartOptions::default(), (900, 560));
    let both = format!("stroke=\"{}\"", hex(Scenario::Both.color(Theme::Light)));
    let last = elements(&s, "polyline")
        .into_iter()
        .rfind(|e| Scenario::ALL.iter().any(|sc| e.contains(&hex(sc.color(Theme::Light)))))
        .expect("paths");
    assert!(last.contains(&both) && last.contains("stroke-width=\"2\""), "{last}");
}

// ---- the liquidation map ----

#[test]
fn map_shows_buckets_reference_lines_and_legend() {
    let c = halting();
    let runs = Run::all(&c);
    let range = shared_price_range(&runs);
    for theme in [Theme::Light, Theme::Dark] {
        let options = MapOptions {
            appearance: look(theme, 1.0),
            price_range: Some(range),
            ..Default::default()
        };
        let name = format!("map-{theme:?}").to_lowercase();
        let s = map_svg(&name, &c.none, &options, (420, 560));
        assert_clean(&s);
        let m = map_colors(theme);
        for label in
            ["longs liquidated", "longs still open", "shorts liquidated", "shorts still open"]
        {
            assert_eq!(texts(&s, label), 1, "{label}");
        }
        // The crowded market liquidates longs and keeps some; shorts sit above the start.
        assert!(rects_in(&s, m.long_liquidated, Some("1")) > 1);
        assert!(rects_in(&s, m.long_open, Some("1")) > 1);
        assert_eq!(texts(&s, "start"), 1);
        assert_eq!(texts(&s, "lowest price reached (no mitigation)"), 1);
        // Notional beyond the axis is owned up to, below the axis title.
        let notes: Vec<_> = all_texts(&s)
            .into_iter()
            .filter(|t| t.ends_with("more outside this price range"))
            .collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
    }
}

#[test]
fn the_map_follows_the_cursor() {
    let c = compare(&Params::default()).expect("compare");
    let runs = Run::all(&c);
    let range = shared_price_range(&runs);
    let m = map_colors(Theme::Light);
    let at = |cursor: Option<u32>| {
        let options = MapOptions { price_range: Some(range), cursor, ..Default::default() };
        let name = format!("map-cursor-{cursor:?}").to_lowercase();
        let s = map_svg(&name, &c.none, &options, (420, 560));
        assert_clean(&s);
        s
    };
    // Width of the longs-liquidated bars, summed: how much had fallen.
    let fallen = |s: &str| -> i32 {
        let fill = format!("fill=\"{}\"", hex(m.long_liquidated));
        elements(s, "rect")
            .iter()
            .filter(|e| e.contains(&fill) && e.contains("opacity=\"1\""))
            .map(|e| attr(e, "width"))
            .sum()
    };
    let (before, first, wave, end) = (at(Some(0)), at(Some(1)), at(Some(8)), at(None));
    // The shock's own tick has already liquidated some; more fall wave by wave, not all at
    // once; at the end of the run (or past it) the map shows what the whole run liquidated.
    assert!(0 < fallen(&before), "{}", fallen(&before));
    assert!(fallen(&before) < fallen(&first) && fallen(&first) < fallen(&wave));
    assert!(fallen(&wave) < fallen(&end), "{} {}", fallen(&wave), fallen(&end));
    assert_eq!(fallen(&at(Some(u32::MAX))), fallen(&end));
    // A cursor marks the price then, instead of the lowest price of the whole run.
    assert_eq!(texts(&wave, "price at the cursor (no mitigation)"), 1);
    assert_eq!(texts(&wave, "lowest price reached (no mitigation)"), 0);
    assert_eq!(texts(&end, "lowest price reached (no mitigation)"), 1);
}

#[test]
fn a_short_squeeze_maps_shorts_above_and_the_highest_price() {
    let squeeze =
        small(Params { shock_pct: 8.0, long_share: 0.3, leverage: 20.0, ..Params::default() });
    let c = compare(&squeeze).unwrap();
    let runs = Run::all(&c);
    let (lo, hi) = shared_price_range(&runs);
    // The range reaches further up, where the price went.
    assert!(hi - 100.0 > 100.0 - lo, "{lo}..{hi}");
    let options = MapOptions { price_range: Some((lo, hi)), ..Default::default() };
    let s = map_svg("map-squeeze", &c.none, &options, (420, 560));
    assert_clean(&s);
    assert_eq!(texts(&s, "highest price reached (no mitigation)"), 1);
    assert_eq!(texts(&s, "lowest price reached (no mitigation)"), 0);
    let m = map_colors(Theme::Light);
    assert!(rects_in(&s, m.short_liquidated, Some("1")) > 1);
    let p = price_svg("price-squeeze", &runs, &PriceChartOptions::default(), (900, 560));
    assert_clean(&p);
}

#[test]
fn map_uses_the_price_range_it_is_given() {
    let c = halting();
    let s = map_svg(
        "map-range",
        &c.none,
        &MapOptions { price_range: Some((80.0, 120.0)), ..Default::default() },
        (420, 560),
    );
    let labels: Vec<f64> = all_texts(&s).iter().filter_map(|t| t.parse().ok()).collect();
    assert!(labels.contains(&80.0) && labels.contains(&120.0), "{labels:?}");
    assert!(labels.iter().all(|v| (80.0..=120.0).contains(v)));
    let map = &c.none.liquidation_map;
    let nonzero = (0..map.long_liquidated.len())
        .map(|i| {
            [&map.long_liquidated, &map.long_survived, &map.short_liquidated, &map.short_survived]
                .iter()
                .filter(|s| s[i] > 0.0)
                .count()
        })
        .sum::<usize>();
    let m = map_colors(Theme::Light);
    let drawn: usize = [m.long_liquidated, m.long_open, m.short_liquidated, m.short_open]
        .iter()
        .map(|&col| rects_in(&s, col, Some("1")))
        .sum();
    // Legend boxes are four of the rects; every other one is a nonzero bucket segment.
    assert!(drawn > 4 && drawn - 4 <= nonzero, "{drawn} rects for {nonzero} nonzero segments");
}

#[test]
fn map_band_lines_up_with_the_price_panel() {
    let c = halting();
    let runs = Run::all(&c);
    let options = PriceChartOptions::default();
    let layout = price_chart_layout((900, 560), &runs, &options);
    let (top, bottom) = (layout.price.top, layout.price.bottom);
    assert!(0 < top && top < bottom && bottom < 560);
    let map_options = MapOptions {
        band: Some((top, bottom)),
        price_range: Some(shared_price_range(&runs)),
        ..Default::default()
    };
    let s = map_svg("map-band", &c.none, &map_options, (380, 560));
    let price = price_svg("price-band", &runs, &options, (900, 560));
    // The y axis line runs from top to bottom of the plot in both charts.
    let axis = format!("stroke=\"{}\"", hex(Theme::Light.colors().axis));
    let axis_line = |s: &str| {
        elements(s, "polyline").into_iter().filter(|e| e.contains(&axis)).find_map(|e| {
            let pts = e.split("points=\"").nth(1)?.split('"').next()?.to_string();
            let p: Vec<(i32, i32)> = pts
                .split_whitespace()
                .map(|xy| {
                    let (x, y) = xy.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect();
            (p.len() == 2 && p[0].0 == p[1].0 && p[1].1 - p[0].1 > 100).then(|| (p[0].1, p[1].1))
        })
    };
    assert_eq!(axis_line(&s), Some((top, bottom)));
    assert_eq!(axis_line(&price), Some((top, bottom)));
    // Bars share the left and right edges; the panels do not overlap.
    assert_eq!((layout.bars.left, layout.bars.right), (layout.price.left, layout.price.right));
    assert!(layout.price.bottom < layout.bars.top && layout.bars.bottom < 560);
}

#[test]
fn shared_range_covers_every_path_and_the_start() {
    for c in [halting(), calm()] {
        let runs = Run::all(&c);
        let (lo, hi) = shared_price_range(&runs);
        assert!(lo < hi);
        assert!(lo <= 100.0 && 100.0 <= hi);
        for run in &runs {
            let s = &run.outcome.summary;
            assert!(lo <= s.min_price && s.max_price <= hi, "{lo}..{hi} vs {s:?}");
        }
        // It stays within the maps' range below the paths.
        let map_low =
            runs.iter().map(|r| r.outcome.liquidation_map.low_price).fold(f64::MAX, f64::min);
        let path_low = runs.iter().map(|r| r.outcome.summary.min_price).fold(f64::MAX, f64::min);
        assert!(lo >= map_low.min(path_low) - 1e-9);
    }
    // Start prices other than 100 are rebased.
    let c = compare(&small(Params { start_price: 60_000.0, ..Params::default() })).unwrap();
    let (lo, hi) = shared_price_range(&Run::all(&c));
    assert!(lo < 100.0 && hi > 100.0 && hi < 200.0, "{lo}..{hi}");
}

// ---- degenerate inputs ----

fn blank_outcome(prices: Vec<f64>) -> Outcome {
    let mut o = simulate(&small(Params { ticks: 1, ..Params::default() })).unwrap();
    let n = prices.len();
    o.series.price = prices;
    o.series.liquidated_notional = vec![0.0; n];
    o.series.halted = vec![0; n];
    o
}

#[test]
fn degenerate_inputs_draw_without_panics_or_nan() {
    let empty = blank_outcome(vec![]);
    let one = blank_outcome(vec![95.0]);
    let mut nan = blank_outcome(vec![f64::NAN, 90.0, f64::INFINITY, 95.0, f64::NEG_INFINITY]);
    nan.series.liquidated_notional = vec![f64::NAN, 1e8, f64::INFINITY, -5.0, 0.0];
    nan.series.halted = vec![1, 1, 0, 1, 1];
    nan.summary.min_price = f64::NAN;
    nan.liquidation_map.long_liquidated[3] = f64::NAN;
    nan.liquidation_map.low_price = f64::NAN;
    let mut huge = blank_outcome(vec![1e300, -1e300, 1e15, 0.0]);
    huge.series.liquidated_notional = vec![1e300, 1e18, 1e12, 1.0];
    huge.summary.start_price = 1e300;
    huge.liquidation_map.short_survived[0] = 1e300;
    let mut zero_start = blank_outcome(vec![0.0, 0.0]);
    zero_start.summary.start_price = 0.0;
    let mut short_map = blank_outcome(vec![100.0; 3]);
    short_map.liquidation_map.long_survived.clear();
    short_map.liquidation_map.high_price = short_map.liquidation_map.low_price;

    let cases: [(&str, &Outcome); 6] = [
        ("empty", &empty),
        ("one", &one),
        ("nan", &nan),
        ("huge", &huge),
        ("zero-start", &zero_start),
        ("short-map", &short_map),
    ];
    let sizes = [(0, 0), (1, 1), (40, 30), (360, 300), (900, 560)];
    let looks = [look(Theme::Dark, f64::NAN), look(Theme::Light, 1e9), look(Theme::Light, 0.0)];
    for (name, outcome) in cases {
        let runs: Vec<Run<'_>> =
            Scenario::ALL.iter().map(|&scenario| Run { scenario, outcome }).collect();
        for size in sizes {
            for appearance in looks {
                for cursor in [None, Some(0), Some(7)] {
                    let options = PriceChartOptions {
                        appearance,
                        cursor,
                        price_range: if name == "huge" { Some((f64::NAN, 1e300)) } else { None },
                        tick_seconds: if name == "one" { f64::NAN } else { 1.0 },
                        ..Default::default()
                    };
                    let s = price_svg(&format!("degenerate-price-{name}"), &runs, &options, size);
                    assert_clean(&s);
                }
                let options = MapOptions {
                    appearance,
                    band: if name == "nan" { Some((-50, 1 << 30)) } else { None },
                    ..Default::default()
                };
                let s = map_svg(&format!("degenerate-map-{name}"), outcome, &options, size);
                assert_clean(&s);
            }
        }
        // One of each at a normal size and ratio, for a person to look at.
        let options = PriceChartOptions { cursor: Some(2), ..Default::default() };
        assert_clean(&price_svg(
            &format!("degenerate-view-price-{name}"),
            &runs,
            &options,
            (600, 400),
        ));
        let s = map_svg(
            &format!("degenerate-view-map-{name}"),
            outcome,
            &MapOptions::default(),
            (400, 400),
        );
        assert_clean(&s);
        let range = shared_price_range(&[Run { scenario: Scenario::Both, outcome }]);
        assert!(
            range.0.is_finite() && range.1.is_finite() && range.0 < range.1,
            "{name}: {range:?}"
        );
    }
}

#[test]
fn no_runs_says_so() {
    let s = price_svg("price-empty", &[], &PriceChartOptions::default(), (600, 400));
    assert_eq!(texts(&s, "nothing to show"), 1);
    assert!(elements(&s, "polyline").is_empty());
}

#[test]
fn no_liquidations_says_so() {
    let flat = blank_outcome(vec![100.0; 50]);
    let runs = [Run { scenario: Scenario::NoMitigation, outcome: &flat }];
    let s = price_svg("price-flat", &runs, &PriceChartOptions::default(), (600, 400));
    assert_eq!(texts(&s, "no liquidations"), 1);
    assert_clean(&s);
    // One legend entry (text and line), one path, no halts.
    assert_eq!(texts(&s, "no mitigation"), 1);
    assert_eq!(texts(&s, "trading halted"), 0);
    assert_eq!(lines_in(&s, Scenario::NoMitigation.color(Theme::Light)), 2);
}

#[test]
fn long_runs_are_thinned_to_the_pixels() {
    let prices: Vec<f64> = (0..100_000).map(|t| 100.0 - (t % 997) as f64 / 100.0).collect();
    let mut o = blank_outcome(prices);
    o.series.liquidated_notional = (0..100_000).map(|t| (t % 13) as f64 * 1e6).collect();
    let runs = [Run { scenario: Scenario::NoMitigation, outcome: &o }];
    let s = price_svg("price-long", &runs, &PriceChartOptions::default(), (900, 560));
    assert_clean(&s);
    let stroke = format!("stroke=\"{}\"", hex(Scenario::NoMitigation.color(Theme::Light)));
    let path = elements(&s, "polyline").into_iter().find(|e| e.contains(&stroke)).unwrap();
    assert!(path.split_whitespace().count() < 4 * 900, "path not thinned");
    assert!(rects_in(&s, Scenario::NoMitigation.color(Theme::Light), Some("1")) <= 900);
    // Bars are summed over bins, and the caption says over how long.
    assert!(all_texts(&s).iter().any(|t| t.starts_with("liquidated per ") && t.contains("min")));
}

// ---- heatmap and survival ----

#[test]
fn heatmap_draws_cells_colour_bar_overlay_and_marker() {
    let (cols, rows) = (30, 20);
    let mut values: Vec<f64> =
        (0..cols * rows).map(|i| ((i % cols) as f64 + 1.0) * ((i / cols) as f64 + 1.0)).collect();
    values[5] = f64::NAN;
    let grid = Grid { values: &values, columns: cols, x: (2.0, 50.0), y: (1e7, 1e9) };
    let overlay: Vec<(f64, f64)> =
        (0..20).map(|i| (2.0 + i as f64 * 3.0, 1e7 + i as f64 * 6e7)).collect();
    let options = HeatmapOptions {
        x_label: "average leverage".into(),
        y_label: "market depth, $ per 1 %".into(),
        value_label: "crash ÷ shock".into(),
        y_format: ValueFormat::Money,
        value_format: ValueFormat::Multiple,
        overlay,
        overlay_label: Some("n = 1".into()),
        marker: Some((12.0, 1e8)),
        selected: Some((4, 7)),
        ..Default::default()
    };
    for theme in [Theme::Light, Theme::Dark] {
        let options = HeatmapOptions { appearance: look(theme, 1.0), ..options.clone() };
        let s = svg(&format!("heatmap-{theme:?}").to_lowercase(), (700, 480), |area| {
            draw_heatmap(area, &grid, &options).unwrap()
        });
        assert_clean(&s);
        // One rect per finite cell, 48 for the colour bar, the background, and the patch behind
        // the overlay's label.
        assert_eq!(elements(&s, "rect").len(), cols * rows - 1 + 48 + 2);
        assert_eq!(texts(&s, "n = 1"), 1);
        // The overlay, and the outline of the selected cell.
        assert_eq!(lines_in(&s, theme.colors().text), 2);
        assert_eq!(elements(&s, "circle").len(), 2);
        assert_eq!(texts(&s, "crash ÷ shock"), 1);
        // The cells fill exactly the rectangle heatmap_plot_rect reports.
        let rect = heatmap_plot_rect((700, 480), &options.appearance);
        let cells: Vec<_> = elements(&s, "rect")
            .into_iter()
            .filter(|e| attr(e, "x") >= rect.left && attr(e, "x") < rect.right)
            .filter(|e| !e.contains(&format!("fill=\"{}\"", hex(theme.colors().background))))
            .collect();
        assert_eq!(cells.len(), cols * rows - 1);
        let right = cells.iter().map(|e| attr(e, "x") + attr(e, "width")).max();
        let bottom = cells.iter().map(|e| attr(e, "y") + attr(e, "height")).max();
        assert_eq!(cells.iter().map(|e| attr(e, "x")).min(), Some(rect.left));
        assert_eq!(cells.iter().map(|e| attr(e, "y")).min(), Some(rect.top));
        assert_eq!((right, bottom), (Some(rect.right), Some(rect.bottom)));
    }

    let log = HeatmapOptions {
        scale: ColorScale::Log,
        marker: Some((999.0, 0.0)),
        selected: Some((cols, 0)),
        ..options
    };
    let s = svg("heatmap-log", (700, 480), |area| draw_heatmap(area, &grid, &log).unwrap());
    assert_clean(&s);
    assert_eq!(elements(&s, "circle").len(), 0, "a marker off the grid is not drawn");
    assert_eq!(lines_in(&s, Theme::Light.colors().text), 1, "nor a cell off the grid");
    for (values, columns) in [(&[][..], 3), (&[1.0, 2.0][..], 0), (&[f64::NAN; 4][..], 2)] {
        let grid = Grid { values, columns, x: (f64::NAN, 1.0), y: (0.0, 0.0) };
        let s = svg("heatmap-degenerate", (300, 200), |area| {
            draw_heatmap(area, &grid, &HeatmapOptions::default()).unwrap()
        });
        assert_clean(&s);
    }
}

#[test]
fn survival_draws_a_staircase_per_sample() {
    let a: Vec<f64> = (1..=500).map(|i| 1000.0 / i as f64).collect();
    let b: Vec<f64> = (1..=200).map(|i| 1.0 + (i as f64).sqrt()).collect();
    let samples = [
        Sample { label: "no mitigation", values: &a, color: None },
        Sample { label: "breaker + tiers", values: &b, color: None },
    ];
    let options = SurvivalOptions { x_label: "largest fall, %".into(), ..Default::default() };
    for theme in [Theme::Light, Theme::Dark] {
        let options = SurvivalOptions { appearance: look(theme, 1.0), ..options.clone() };
        let s = svg(&format!("survival-{theme:?}").to_lowercase(), (600, 420), |area| {
            draw_survival(area, &samples, &options).unwrap()
        });
        assert_clean(&s);
        assert_eq!(lines_in(&s, Scenario::NoMitigation.color(theme)), 2, "legend + staircase");
        assert_eq!(lines_in(&s, Scenario::CircuitBreaker.color(theme)), 2);
        assert_eq!(texts(&s, "no mitigation"), 1);
        assert_eq!(texts(&s, "0.01"), 1);
    }
    let linear = SurvivalOptions { log_x: false, ..options };
    let weird = [f64::NAN, -1.0, 0.0, 5.0, 5.0, f64::INFINITY];
    let samples = [Sample { label: "odd", values: &weird, color: Some(RGBColor(1, 2, 3)) }];
    let s = svg("survival-degenerate", (300, 200), |area| {
        draw_survival(area, &samples, &linear).unwrap()
    });
    assert_clean(&s);
    assert_eq!(lines_in(&s, RGBColor(1, 2, 3)), 2);
    let s = svg("survival-empty", (300, 200), |area| draw_survival(area, &[], &linear).unwrap());
    assert_eq!(texts(&s, "nothing to show"), 1);
}

/// The theme colours are what the docs promise the page's CSS.
#[test]
fn theme_backgrounds() {
    let light: ThemeColors = Theme::Light.colors();
    assert_eq!(hex(light.background), "#FFFFFF");
    assert_eq!(hex(Theme::Dark.colors().background), "#16191E");
    assert_eq!(Theme::from_key("dark"), Some(Theme::Dark));
    assert_eq!(Scenario::from_key("marginTiers"), Some(Scenario::MarginTiers));
    assert_eq!(Scenario::from_key("nope"), None);
}

/// At phone width every label still starts inside the canvas, and the legend wraps.
#[test]
fn phone_sized_charts_keep_their_text_inside() {
    let c = halting();
    let runs = Run::all(&c);
    let inside = |s: &str, (w, h): (i32, i32)| {
        for e in elements(s, "text") {
            let (x, y) = (attr(e, "x"), attr(e, "y"));
            assert!((0..=w).contains(&x) && (0..=h).contains(&y), "{e}");
        }
    };
    for theme in [Theme::Light, Theme::Dark] {
        let appearance = look(theme, 1.0);
        let options = PriceChartOptions { appearance, cursor: Some(20), ..Default::default() };
        let name = format!("phone-price-{theme:?}").to_lowercase();
        let s = price_svg(&name, &runs, &options, (360, 300));
        inside(&s, (360, 300));
        let legend_rows: std::collections::BTreeSet<i32> = Scenario::ALL
            .iter()
            .map(|sc| {
                let e = elements(&s, "text");
                let i = all_texts(&s).iter().position(|t| t == sc.label()).expect("legend");
                attr(e[i], "y")
            })
            .collect();
        assert!(legend_rows.len() >= 2, "the legend should wrap at 360 px");
        let options = MapOptions { appearance, ..Default::default() };
        let s =
            map_svg(&format!("phone-map-{theme:?}").to_lowercase(), &c.none, &options, (360, 360));
        inside(&s, (360, 360));
    }
}

#[test]
fn halts_are_shaded_only_for_the_chosen_scenario() {
    let c = halting();
    let runs = Run::all(&c);
    let shaded = |halts_of| {
        let options = PriceChartOptions { halts_of, ..Default::default() };
        let s = price_svg("price-halts", &runs, &options, (900, 560));
        all_texts(&s).iter().any(|t| t == "trading halted")
    };
    assert!(shaded(None), "every run's halts by default");
    assert!(shaded(Some(Scenario::CircuitBreaker)), "the breaker run halts");
    assert!(!shaded(Some(Scenario::NoMitigation)), "no halts without the breaker");
}

#[test]
fn a_squeezed_axis_gives_the_cascade_the_width() {
    let c = compare(&Params::default()).expect("compare");
    let runs = Run::all(&c);
    let ticks = c.none.series.price.len() as f64;
    let size = (900, 560);
    let linear = PriceChartOptions::default();
    let squeezed = PriceChartOptions { squeeze: true, ..Default::default() };
    assert_eq!(price_time_knots(size, &runs, &linear).len(), 2);
    let knots = price_time_knots(size, &runs, &squeezed);
    assert!(knots.len() > 2, "{knots:?}");
    assert!(knots.windows(2).all(|k| k[0].0 < k[1].0 && k[0].1 < k[1].1), "{knots:?}");
    assert_eq!(knots[0].0, 0.0);
    assert_eq!(knots.last().unwrap().0, ticks);
    let x = |tick: f64| {
        let i = knots.windows(2).position(|k| k[1].0 >= tick).unwrap();
        let (a, b) = (knots[i], knots[i + 1]);
        f64::from(a.1) + (tick - a.0) / (b.0 - a.0) * f64::from(b.1 - a.1)
    };
    let width = f64::from(knots.last().unwrap().1 - knots[0].1);
    // The default cascade liquidates for its first 20 of 600 ticks: 3 % of a linear axis.
    let top = c.none.series.liquidated_notional.iter().copied().fold(0.0, f64::max);
    let last_big = c.none.series.liquidated_notional.iter().rposition(|&v| v >= 0.02 * top);
    let last_big = last_big.expect("the default run liquidates") as f64 + 1.0;
    assert!(last_big < 0.05 * ticks, "{last_big}");
    assert!(x(last_big) - x(0.0) >= 0.25 * width, "{} of {width}", x(last_big) - x(0.0));
    // Through every tick in which something sizeable was liquidated, time runs at full pace
    // (the squeeze is at least 2×).
    let pace = (x(last_big) - x(0.0)) / last_big;
    for run in &runs {
        let series = &run.outcome.series.liquidated_notional;
        let top = series.iter().copied().fold(0.0, f64::max);
        for (t, _) in series.iter().enumerate().filter(|(_, &v)| v >= 0.02 * top) {
            let t = t as f64;
            // (Knots are whole pixels, so paces differ by rounding.)
            assert!((x(t + 1.0) - x(t)) / pace > 0.9, "tick {t}");
        }
    }
    // The squeezed stretches are hatched and labelled, and the cursor still shows inside one.
    let late = knots[knots.len() - 2].0 as u32 + 10;
    let options = PriceChartOptions { cursor: Some(late), ..squeezed };
    let s = price_svg("price-squeezed", &runs, &options, size);
    assert_clean(&s);
    assert_eq!(all_texts(&s).iter().filter(|t| t.starts_with("time ×")).count(), 1);
    assert_eq!(texts(&s, &format!("{} s", late + 1)), 1);
    assert_eq!(elements(&s, "circle").len(), 8);
    let plain = price_svg("price-linear", &runs, &linear, size);
    assert!(!all_texts(&plain).iter().any(|t| t.starts_with("time ×")));
}

#[test]
fn a_time_window_shows_only_its_ticks() {
    let c = halting();
    let runs = Run::all(&c);
    let (from, to) = active_ticks(&runs);
    assert_eq!(from, 0);
    // The window covers every liquidation and halt, and leaves out the quiet tail.
    for run in &runs {
        let s = &run.outcome.series;
        let last_busy = (0..s.price.len())
            .filter(|&t| s.liquidated_notional[t] > 0.0 || s.halted[t] != 0)
            .max()
            .unwrap_or(0);
        assert!(last_busy < to as usize, "{:?}: tick {last_busy} outside 0..{to}", run.scenario);
    }
    assert!((30..300).contains(&to), "{to}");

    let options =
        PriceChartOptions { time_window: Some((from, to)), cursor: Some(5), ..Default::default() };
    let zoomed = price_svg("price-window", &runs, &options, (900, 560));
    assert_clean(&zoomed);
    let full = price_svg(
        "price-full",
        &runs,
        &PriceChartOptions { cursor: Some(5), ..Default::default() },
        (900, 560),
    );
    // The x labels stop at the window's end.
    let x_labels = |s: &str| -> Vec<f64> {
        let bottom = price_chart_layout((900, 560), &runs, &options).bars.bottom;
        elements(s, "text")
            .into_iter()
            .zip(all_texts(s))
            .filter(|(e, _)| attr(e, "y") > bottom)
            .filter_map(|(_, t)| t.parse().ok())
            .collect()
    };
    let (zx, fx) = (x_labels(&zoomed), x_labels(&full));
    assert!(zx.iter().all(|&v| v <= f64::from(to)), "{zx:?}");
    assert_eq!(fx.last(), Some(&300.0));
    // The same cursor is further right when zoomed in.
    let cursor_x = |s: &str| {
        let stroke = format!("stroke=\"{}\"", hex(Theme::Light.colors().text));
        let e = elements(s, "polyline")
            .into_iter()
            .find(|e| e.contains(&stroke) && e.contains("opacity=\"0.7\""))
            .expect("cursor");
        let points = e.split("points=\"").nth(1).unwrap();
        points.split(',').next().unwrap().parse::<i32>().unwrap()
    };
    assert!(cursor_x(&zoomed) > cursor_x(&full));
    // A cursor outside the window is not drawn.
    let late = PriceChartOptions { cursor: Some(to + 10), ..options.clone() };
    let s = price_svg("price-window-late-cursor", &runs, &late, (900, 560));
    assert_eq!(elements(&s, "circle").len(), 0);
    // A window past the end, or backwards, still draws.
    for window in [(500, 900), (50, 10), (0, 0)] {
        let odd = PriceChartOptions { time_window: Some(window), ..options.clone() };
        let s = price_svg("price-window-odd", &runs, &odd, (900, 560));
        assert_clean(&s);
    }
}

// ---- no input panics ----

mod arbitrary {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// Real outcomes (a crash with halts, a calm run, a squeeze) to draw under random options.
    fn outcomes() -> &'static [Comparison; 3] {
        static CASES: OnceLock<[Comparison; 3]> = OnceLock::new();
        CASES.get_or_init(|| {
            let squeeze = small(Params { shock_pct: 8.0, long_share: 0.3, ..Params::default() });
            [halting(), calm(), compare(&squeeze).unwrap()]
        })
    }

    fn any_f64() -> impl Strategy<Value = f64> {
        prop_oneof![
            -1e3..1e3f64,
            Just(0.0),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-f64::INFINITY),
            Just(1e300),
            Just(-1e300),
            Just(f64::MIN_POSITIVE),
        ]
    }

    fn any_scenario() -> impl Strategy<Value = Scenario> {
        prop::sample::select(Scenario::ALL.to_vec())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

        /// Any canvas size, pixel ratio, band, range, window and cursor draws without a panic
        /// (a panic is a trap in the page) and without NaN in the output.
        #[test]
        fn charts_never_panic(
            case in 0..3usize,
            size in (0u32..1200, 0u32..900),
            dpr in any_f64(),
            dark in any::<bool>(),
            cursor in prop::option::of(any::<u32>()),
            window in prop::option::of((any::<u32>(), any::<u32>())),
            range in prop::option::of((any_f64(), any_f64())),
            band in prop::option::of((-2000i32..3000, -2000i32..3000)),
            bars in prop::collection::vec(any_scenario(), 0..6),
            highlight in prop::option::of(any_scenario()),
            halts_of in prop::option::of(any_scenario()),
            tick_seconds in any_f64(),
            runs_shown in 0..=4usize,
            squeeze in any::<bool>(),
            chinese in any::<bool>(),
        ) {
            let c = &outcomes()[case];
            let runs = Run::all(c);
            let runs = &runs[..runs_shown];
            let appearance = look(if dark { Theme::Dark } else { Theme::Light }, dpr);
            let options = PriceChartOptions {
                appearance,
                cursor,
                highlight,
                bars,
                tick_seconds,
                price_range: range,
                time_window: window,
                halts_of,
                squeeze,
                words: if chinese { chinese_words() } else { Words::default() },
            };
            let s = price_svg("arbitrary-price", runs, &options, size);
            assert_clean(&s);
            let _ = price_chart_layout(size, runs, &options);
            let knots = price_time_knots(size, runs, &options);
            prop_assert!(knots.len() >= 2);
            prop_assert!(knots.windows(2).all(|k| k[0].0 < k[1].0 && k[0].1 <= k[1].1), "{:?}", knots);
            let words = options.words.clone();
            let map = MapOptions {
                appearance,
                scenario: Scenario::Both,
                price_range: range,
                band,
                cursor,
                words,
            };
            let s = map_svg("arbitrary-map", &c.both, &map, size);
            assert_clean(&s);
        }
    }
}
