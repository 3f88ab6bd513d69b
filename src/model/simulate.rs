//! The tick loop, and the comparison of mitigations on one population.

use super::breaker::{Breaker, Trip};
use super::buyers::{DipBuyers, SHORT_LEVERAGE_MULTIPLES};
use super::error::ParamsError;
use super::index::{Basis, Desk, Spot};
use super::liquidation::{book_index, Audit, Engine, TickFills};
use super::liquidity::Liquidity;
use super::market::Market;
use super::num::{max, min};
use super::outcome::{Event, EventKind, LiquidationMap, Outcome, Series, Summary, MAX_EVENTS};
use super::params::{MarginTiers, Params, SecondVenue, Side};
use super::population::{Book, DrawOrder, Draws, Population};
use super::rng::Rng;
use super::scratch::{self, Scratch};
use super::spec::{self, Invalidates};

/// Runs one market.
pub fn simulate(params: &Params) -> Result<Outcome, ParamsError> {
    params.validate()?;
    let mut scratch = Scratch::default();
    let population = Population::for_params(params, &mut scratch);
    Ok(run(params, population, &mut scratch))
}

/// The same market under four mitigation scenarios.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// No circuit breaker, flat maintenance margin.
    pub none: Outcome,
    /// With the circuit breaker.
    pub circuit_breaker: Outcome,
    /// With tiered margin.
    pub margin_tiers: Outcome,
    /// With both.
    pub both: Outcome,
}

/// The params of the four scenarios [`compare`] runs, in the order none, breaker, tiers, both.
///
/// The breaker is `params.circuitBreaker`, or the default breaker when it is none; the tiers
/// are `params.marginTiers`, or "standard" when they are none.
pub fn scenarios(params: &Params) -> [Params; 4] {
    let breaker = Some(params.circuit_breaker.clone().unwrap_or_default());
    let tiers = match &params.margin_tiers {
        MarginTiers::None => MarginTiers::Standard,
        other => other.clone(),
    };
    // Clones changed in place: struct updates of a struct this size weigh kilobytes in the wasm.
    let mut none = params.clone();
    none.circuit_breaker = None;
    none.margin_tiers = MarginTiers::None;
    let mut with_breaker = none.clone();
    with_breaker.circuit_breaker = breaker.clone();
    let mut with_tiers = none.clone();
    with_tiers.margin_tiers = tiers;
    let mut both = with_tiers.clone();
    both.circuit_breaker = breaker;
    [none, with_breaker, with_tiers, both]
}

/// Runs the four scenarios on the same population: the same random draws, with the tier table
/// capping leverage and setting maintenance where tiers apply.
pub fn compare(params: &Params) -> Result<Comparison, ParamsError> {
    PopulationCache::default().compare(params)
}

/// Keeps the last populations [`compare`] built, so that moving a slider that does not change
/// who holds what (the shock, the depth, the breaker) skips generating and sorting the traders;
/// and the last random draws, so that moving one that only changes how they hold it (leverage,
/// entry spread, maintenance) skips drawing them again, and one that changes only their sizes
/// (whale concentration, open interest) sizes them again instead ([`Draws::size`]).
///
/// It owns the [`Scratch`] workspace its runs take their buffers from. Everything it holds is
/// for the params of its last call: at the start of each call it hands back whatever does not
/// match and trims the workspace, so its memory is [`PopulationCache::most_bytes`] of those
/// params at most, whatever it ran before.
#[derive(Default)]
pub struct PopulationCache {
    key: Option<Params>,
    draws: Option<(Params, Draws)>,
    flat: Option<Prepared>,
    tiered: Option<Prepared>,
    single: Option<(Params, Prepared)>,
    scratch: Scratch,
    builds: Builds,
}

/// How much work a [`PopulationCache`] has done: what tests read to see that it reused what it
/// could and rebuilt what changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Builds {
    /// Random draws generated.
    pub draws: u64,
    /// Kept draws sized again (for another whale concentration or open interest).
    pub sizes: u64,
    /// Populations built (from draws or from explicit positions).
    pub populations: u64,
}

/// A population with what the runs on it share: the liquidation notional near the start price,
/// and its open interest.
pub(crate) struct Prepared {
    population: Population,
    bands: Bands,
}

impl Prepared {
    /// `population` and its bands around `start`.
    pub(crate) fn new(population: Population, start: f64) -> Prepared {
        let bands = Bands::new(&population, start);
        Prepared { population, bands }
    }

    /// Runs `params` on the population, lent to the run ([`Engine::lend`]) and handed back as
    /// it was, in buffers from `scratch`; a second venue of its own traders is built from
    /// `draws`, the population's (see [`own_traders`]).
    fn run(&mut self, params: &Params, draws: Option<&Draws>, scratch: &mut Scratch) -> Outcome {
        let traders = Traders::Lent(&mut self.population);
        run_with::<WHOLE_OUTCOME>(params, traders, &self.bands, draws, scratch)
    }

    /// The summary of a run of `params` on the population, for the explorations, which read
    /// nothing else (a run with [`SUMMARY_ONLY`]). Lent as [`Prepared::run`] lends it; when
    /// `last`, no other run will use it, so the run notes nothing to undo
    /// ([`Engine::lend_once`]) and the population comes back fit only for
    /// [`Prepared::recycle`].
    pub(crate) fn summary(
        &mut self,
        params: &Params,
        last: bool,
        scratch: &mut Scratch,
    ) -> Summary {
        let traders = if last {
            Traders::LentOnce(&mut self.population)
        } else {
            Traders::Lent(&mut self.population)
        };
        run_with::<SUMMARY_ONLY>(params, traders, &self.bands, None, scratch).summary
    }

    /// The population sized again from `draws` ([`Population::resize`]), with its bands
    /// around `start` worked out again.
    pub(crate) fn resize(&mut self, order: &DrawOrder, draws: &Draws, start: f64) {
        self.population.resize(order, draws);
        self.bands = Bands::new(&self.population, start);
    }

    /// Hands the population's memory back to `scratch`.
    pub(crate) fn recycle(self, scratch: &mut Scratch) {
        self.population.recycle(scratch);
    }
}

/// A run's `WHOLE`, for one that records everything its [`Outcome`] holds: what the page shows
/// of a run.
const WHOLE_OUTCOME: bool = true;
/// A run's `WHOLE`, for one that records what its summary reads and nothing else: the price,
/// liquidated and ADL series, without the others or the liquidation map (a pass over every
/// position). The explorations read a run's summary alone. A const parameter, not an argument:
/// the page's wasm, whose runs all record everything, then carries no test for it.
const SUMMARY_ONLY: bool = false;

/// The params that decide the populations of [`compare`] (every field the parameter table marks
/// as changing the draws, their sizes or the population), with every other field at its default.
pub(crate) fn population_key(params: &Params) -> Params {
    spec::key(params, Invalidates::Population)
}

impl PopulationCache {
    /// [`simulate`], reusing the population of the previous call when it would be the same.
    pub fn simulate(&mut self, params: &Params) -> Result<Outcome, ParamsError> {
        params.validate()?;
        self.hand_back_all_but(params);
        let key = population_key(params);
        let mut prepared = match self.single.take() {
            Some((_, prepared)) => prepared,
            None => {
                let population =
                    population_for(params, &mut self.draws, &mut self.scratch, &mut self.builds);
                self.builds.populations += 1;
                Prepared::new(population, params.start_price)
            }
        };
        let scratch = &mut self.scratch;
        let draws = own_traders(params)
            .then(|| draws_for(&mut self.draws, params, scratch, &mut self.builds));
        let outcome = prepared.run(params, draws, scratch);
        self.single = Some((key, prepared));
        Ok(outcome)
    }

    /// Hands everything kept for other params than `params` back to the workspace, then trims
    /// the workspace to what `params` can use. After it, every buffer this cache holds or hands
    /// out is one a run of `params` asks for, which [`PopulationCache::most_bytes`] counts.
    fn hand_back_all_but(&mut self, params: &Params) {
        let key = population_key(params);
        let scratch = &mut self.scratch;
        if self.key.as_ref() != Some(&key) {
            self.key = None;
            self.flat.take().into_iter().for_each(|p| p.recycle(scratch));
            self.tiered.take().into_iter().for_each(|p| p.recycle(scratch));
        }
        if self.single.as_ref().is_some_and(|(k, _)| *k != key) {
            self.single.take().into_iter().for_each(|(_, p)| p.recycle(scratch));
        }
        if self.draws.as_ref().is_some_and(|(k, _)| Draws::key(k) != Draws::key(params)) {
            self.draws.take().into_iter().for_each(|(_, d)| d.recycle(scratch));
        }
        scratch.fit(params);
    }

    /// [`compare`], reusing the populations of the previous call when they would be the same.
    pub fn compare(&mut self, params: &Params) -> Result<Comparison, ParamsError> {
        params.validate()?;
        self.hand_back_all_but(params);
        let [none, breaker, tiers, both] = scenarios(params);
        let (mut flat, mut tiered) = match (self.flat.take(), self.tiered.take()) {
            (Some(flat), Some(tiered)) => (flat, tiered),
            _ => {
                let (flat, tiered) = match &params.positions {
                    Some(specs) => (
                        Population::from_specs(specs, &none.tier_table(), &mut self.scratch),
                        Population::from_specs(specs, &tiers.tier_table(), &mut self.scratch),
                    ),
                    None => {
                        let scratch = &mut self.scratch;
                        let draws = draws_for(&mut self.draws, params, scratch, &mut self.builds);
                        let mut build =
                            |p: &Params| Population::build(draws, &p.tier_table(), p, scratch);
                        (build(&none), build(&tiers))
                    }
                };
                let start = params.start_price;
                self.builds.populations += 2;
                (Prepared::new(flat, start), Prepared::new(tiered, start))
            }
        };
        let scratch = &mut self.scratch;
        let draws = own_traders(params)
            .then(|| draws_for(&mut self.draws, params, scratch, &mut self.builds));
        let comparison = Comparison {
            none: flat.run(&none, draws, scratch),
            circuit_breaker: flat.run(&breaker, draws, scratch),
            margin_tiers: tiered.run(&tiers, draws, scratch),
            both: tiered.run(&both, draws, scratch),
        };
        self.key = Some(population_key(params));
        self.flat = Some(flat);
        self.tiered = Some(tiered);
        Ok(comparison)
    }

    /// The draws and populations it has built so far.
    pub fn builds(&self) -> Builds {
        self.builds
    }

    /// Bytes this cache holds: its populations, its draws and its workspace (capacities, not
    /// lengths; the few bytes of the params and bands kept beside them are left out).
    pub fn bytes(&self) -> usize {
        let prepared = self.flat.iter().chain(&self.tiered).chain(self.single.iter().map(|s| &s.1));
        let populations: usize = prepared.map(|p| p.population.bytes()).sum();
        let draws = self.draws.as_ref().map_or(0, |(_, d)| d.bytes());
        populations + draws + self.scratch.bytes()
    }

    /// The most bytes [`PopulationCache::bytes`] can be after any number of `compare` and
    /// `simulate` calls with `params`, whatever the calls before them were (docs/MODEL.md,
    /// "Memory"). With B = one book's largest buffer request rounded up as the workspace rounds
    /// it ([`scratch::largest_request`]): three populations (the flat and tiered ones of
    /// `compare`, the one of `simulate`) of two books of B positions; the draws, two sides of B
    /// draws plus the outer-cell lists; and the workspace's [`Scratch::most_bytes`]. It does
    /// not depend on the ticks: the series are the caller's, in the outcomes returned.
    pub fn most_bytes(params: &Params) -> usize {
        let book = scratch::rounded(scratch::largest_request(params));
        let populations = 3 * 2 * book * std::mem::size_of::<super::population::Position>();
        let draws = match params.positions {
            Some(_) => 0,
            None => Draws::most_bytes(params.traders as usize, book),
        };
        populations + draws + Scratch::most_bytes(params)
    }
}

/// The population of `params`: its explicit positions, or built from the draws in `kept`
/// ([`draws_for`]).
pub(crate) fn population_for(
    params: &Params,
    kept: &mut Option<(Params, Draws)>,
    scratch: &mut Scratch,
    builds: &mut Builds,
) -> Population {
    let tiers = params.tier_table();
    match &params.positions {
        Some(specs) => Population::from_specs(specs, &tiers, scratch),
        None => {
            Population::build(draws_for(kept, params, scratch, builds), &tiers, params, scratch)
        }
    }
}

/// The draws of `params` in `kept` (under their [`Draws::sizes_key`]): the kept ones, sized
/// again if only their sizes differ, or new ones drawn into it.
pub(crate) fn draws_for<'a>(
    kept: &'a mut Option<(Params, Draws)>,
    params: &Params,
    scratch: &mut Scratch,
    builds: &mut Builds,
) -> &'a Draws {
    if kept.as_ref().is_some_and(|(k, _)| Draws::key(k) != Draws::key(params)) {
        kept.take().into_iter().for_each(|(_, d)| d.recycle(scratch));
    }
    let key = Draws::sizes_key(params);
    let (sized_for, draws) = kept.get_or_insert_with(|| {
        builds.draws += 1;
        (key.clone(), Draws::generate(params, scratch))
    });
    if *sized_for != key {
        builds.sizes += 1;
        draws.size(params, scratch);
        *sized_for = key;
    }
    draws
}

/// The tick loop. `params` must be valid; the positions' buffers go back to `scratch`.
pub fn run(params: &Params, population: Population, scratch: &mut Scratch) -> Outcome {
    let bands = Bands::new(&population, params.start_price);
    run_with::<WHOLE_OUTCOME>(params, Traders::Owned(population), &bands, None, scratch)
}

/// [`run`]'s summary alone, for the explorations ([`SUMMARY_ONLY`]).
pub(crate) fn summary(params: &Params, population: Population, scratch: &mut Scratch) -> Summary {
    let bands = Bands::new(&population, params.start_price);
    run_with::<SUMMARY_ONLY>(params, Traders::Owned(population), &bands, None, scratch).summary
}

/// [`run`] on a population the caller keeps: lent to the run ([`Engine::lend`]) and handed back
/// as it was, so a caller that runs one population many times never copies it.
pub fn run_lent(params: &Params, population: &mut Population, scratch: &mut Scratch) -> Outcome {
    let bands = Bands::new(population, params.start_price);
    run_with::<WHOLE_OUTCOME>(params, Traders::Lent(population), &bands, None, scratch)
}

/// The first venue's traders in a run: its own, handed to the workspace at the end, or lent by
/// a caller who gets them back as they were.
enum Traders<'a> {
    Owned(Population),
    Lent(&'a mut Population),
    /// Lent for the last time: [`Prepared::summary`]'s last run.
    LentOnce(&'a mut Population),
}

/// Every account's value before the first tick and at the end of each tick, each from its own
/// ledger (traders, fund, vault, the book's counterparties, the magnet's sellers, the positions'
/// original counterparties, bad debt, the arbitrageurs' legs, spot's book): what the
/// conservation property test adds up. It scans every position each tick, so it is for tests,
/// not for the page. With two venues it is the first venue's; see [`audit_venues`].
pub fn audit(params: &Params) -> Result<Vec<Audit>, ParamsError> {
    Ok(audit_venues(params)?.into_iter().map(|[first, _]| first).collect())
}

/// [`audit`] for each venue: per tick, the first venue's accounts (with the arbitrageurs' legs
/// on its book, and spot's book and their legs there) and the second's (with their legs on its
/// book; all zero with one venue). Each venue's accounts add up to the same total every tick.
pub fn audit_venues(params: &Params) -> Result<Vec<[Audit; 2]>, ParamsError> {
    params.validate()?;
    let mut scratch = Scratch::default();
    let population = Population::for_params(params, &mut scratch);
    let bands = Bands::new(&population, params.start_price);
    let mut audits = Vec::with_capacity(params.ticks as usize + 1);
    let traders = Traders::Owned(population);
    run_audited::<WHOLE_OUTCOME>(
        params,
        traders,
        &bands,
        None,
        &mut scratch,
        |venues, links, _| {
            let mut each = [Audit::default(); 2];
            for (i, v) in venues.iter().enumerate() {
                let price = v.market.price();
                let mut audit = v.engine.audit(price, &v.market);
                audit.arbitrage = links.legs_on(i, price);
                if i == 0 {
                    let index = links.spot.index();
                    audit.arbitrage += links.spot_legs(index);
                    audit.spot_book = links.spot.market.book_value(index);
                }
                each[i] = audit;
            }
            audits.push(each)
        },
    );
    Ok(audits)
}

/// [`run`], calling `on_tick` as [`run_audited`] does.
pub(crate) fn run_hooked(
    params: &Params,
    population: Population,
    scratch: &mut Scratch,
    on_tick: impl FnMut(&mut [Venue], &Links, u32),
) -> Outcome {
    let bands = Bands::new(&population, params.start_price);
    run_audited::<WHOLE_OUTCOME>(params, Traders::Owned(population), &bands, None, scratch, on_tick)
}

/// [`run_audited`] with no hook: one copy of the tick loop (for each `WHOLE`) for every caller
/// that needs none.
fn run_with<const WHOLE: bool>(
    params: &Params,
    traders: Traders,
    bands: &Bands,
    draws: Option<&Draws>,
    scratch: &mut Scratch,
) -> Outcome {
    run_audited::<WHOLE>(params, traders, bands, draws, scratch, |_, _, _| {})
}

/// Whether the second venue of `params` has traders of its own (an open interest or a leverage
/// of its own, and no explicit positions), built from the first venue's draws.
fn own_traders(params: &Params) -> bool {
    params.positions.is_none()
        && params
            .second_venue
            .as_ref()
            .is_some_and(|v| v.open_interest.is_some() || v.leverage.is_some())
}

/// The params of the second venue of `params`: the first venue's, with the second's book depth,
/// fund, mark, breaker, open interest, leverage and liquidation rules, and none of what trades
/// on the first venue alone (the sell program, the dip buyers).
fn second_params(params: &Params, venue: &SecondVenue) -> Params {
    let mut second = params.clone();
    second.depth_per_pct = venue.depth_per_pct;
    second.insurance_fund = venue.insurance_fund;
    second.mark_price = venue.mark_price;
    // Explicit positions are copied, and then its own size and leverage are ignored.
    if params.positions.is_none() {
        second.open_interest = venue.open_interest.unwrap_or(params.open_interest);
        second.leverage = venue.leverage.unwrap_or(params.leverage);
    }
    second.liquidation = venue.rules.apply(&params.liquidation);
    if !venue.circuit_breaker {
        second.circuit_breaker = None;
    }
    second.dip_buyer_capital = 0.0;
    second.second_venue = None;
    second
}

/// One perpetual venue during a run: its traders' engine, its book, its breaker and what it
/// records. A run has one or two.
pub(crate) struct Venue<'p> {
    params: &'p Params,
    pub(crate) engine: Engine,
    pub(crate) market: Market,
    breaker: Option<Breaker>,
    liquidity: Liquidity,
    basis: Basis,
    depth: f64,
    last_price: f64,
    series: Series,
    log: EventLog,
    waves: u32,
    halts: u32,
    halted_ticks: u32,
    was_halted: bool,
    cascading: bool,
    fund_dry: bool,
    last_wave: Option<usize>,
    widest_basis: f64,
    /// This tick: whether it is halted, the breaches found, the fills, the shorts opened and
    /// what the arbitrageurs between the venues traded on its book.
    halted: bool,
    found: u32,
    fills: TickFills,
    shorted: f64,
    arbitrage: f64,
}

impl<'p> Venue<'p> {
    fn new(params: &'p Params, engine: Engine) -> Venue<'p> {
        Venue {
            params,
            engine,
            market: Market::new(params),
            breaker: params.circuit_breaker.as_ref().map(|cb| Breaker::new(cb, params.start_price)),
            liquidity: Liquidity::new(params),
            basis: Basis::new(params, params.mark_price),
            depth: params.depth_per_pct,
            last_price: params.start_price,
            series: Series::default(),
            log: EventLog::default(),
            waves: 0,
            halts: 0,
            halted_ticks: 0,
            was_halted: false,
            cascading: false,
            fund_dry: false,
            last_wave: None,
            widest_basis: 0.0,
            halted: false,
            found: 0,
            fills: TickFills::default(),
            shorted: 0.0,
            arbitrage: 0.0,
        }
    }

    /// Rule 1: the book refills. A halt that has run its length ends: queued positions back
    /// above maintenance are spared, judged at the price the refilled book and the news that
    /// arrived during the halt now give; the rest go to market this tick.
    fn open_tick(&mut self, t: u32) {
        self.engine.now = t;
        self.halted = self.breaker.as_ref().is_some_and(|b| b.halted(t));
        self.market.recover();
        if self.was_halted && !self.halted {
            let spared = self.engine.spare(self.market.mark());
            self.log.push(Event {
                count: spared,
                notional: self.engine.waiting_notional(),
                ..event(t, EventKind::Resume, self.market.price())
            });
        }
    }

    /// Rule 3, phase one: every breach at the current mark.
    fn detect(&mut self, t: u32) {
        let found = self.engine.detect(self.market.mark(), self.halted);
        self.found = found.count;
        if let Some(i) = self.last_wave.take() {
            self.log.set_next(i, found.count);
        }
        if found.count > 0 && self.halted {
            // Breached during a halt: their orders wait for the reopening.
            self.log.push(Event {
                count: found.count,
                notional: found.notional,
                ..event(t, EventKind::Queued, self.market.price())
            });
        } else if found.count > 0 {
            self.waves += 1;
            self.cascading = true;
            self.last_wave = self.log.push(Event {
                count: found.count,
                notional: found.notional,
                ..event(t, EventKind::Wave, self.market.price())
            });
        }
    }

    /// Rule 4, phase two: the sell program's `slice` and the dip buyers' buying (`bought`), on
    /// the first venue, and any magnet selling, then the tick's forced flow meet the book; then
    /// momentum traders short into the wave of long liquidations they saw (buyers.rs), at
    /// multiples of this venue's mean leverage. A halt pauses all of it.
    fn trade(&mut self, slice: f64, bought: f64) {
        self.fills = TickFills::default();
        self.shorted = 0.0;
        self.arbitrage = 0.0;
        if self.halted {
            return;
        }
        let price = self.market.price();
        let magnet = self.breaker.as_ref().map_or(0.0, |b| b.magnet_flow_share(price));
        let flow = slice - magnet * self.params.depth_per_pct + bought;
        let fills = self.engine.clear(&mut self.market, flow);
        self.shorted = self.params.momentum_shorts * fills.long_notional;
        if self.shorted > 0.0 {
            let leverages = SHORT_LEVERAGE_MULTIPLES.map(|m| m * self.params.leverage);
            self.shorted = self.engine.open_shorts(&mut self.market, self.shorted, &leverages);
        }
        self.fills = fills;
    }

    /// Rules 5 and 6, the end of the tick: the breaker looks at the closing price of a traded
    /// tick, the series record it (unless `WHOLE`, only those the summary reads: see
    /// [`SUMMARY_ONLY`]), and the book's makers look at its move and its flow to set the next
    /// depth.
    fn close_tick<const WHOLE: bool>(&mut self, t: u32, spot: Option<&Spot>, two: bool) {
        let price = self.market.price();
        if let Some(spot) = spot {
            let index = spot.index();
            self.basis.observe(price, index);
            self.basis.anchor(&mut self.market, index);
            let basis = (price / index - 1.0) * 100.0;
            if basis.abs() > self.widest_basis.abs() {
                self.widest_basis = basis;
            }
        }
        let mark = self.market.mark_at(price);
        let fills = self.fills;
        if fills.adl_count > 0 {
            self.log.push(Event {
                count: fills.adl_count,
                notional: fills.adl_notional,
                ..event(t, EventKind::Adl, price)
            });
        }
        if fills.fund_ran_dry && !self.fund_dry {
            self.fund_dry = true;
            self.log.push(event(t, EventKind::FundExhausted, price));
        }

        let halted = self.halted;
        if let Some(b) = self.breaker.as_mut().filter(|_| !halted) {
            if let Trip::Halt { level, .. } = b.observe(t, price) {
                self.halts += 1;
                self.log.push(Event { level_pct: level, ..event(t, EventKind::Halt, price) });
            }
        }
        if halted {
            self.halted_ticks += 1;
        }
        self.was_halted = halted;

        let engine = &self.engine;
        if self.cascading && self.found == 0 && engine.idle() && !halted {
            self.cascading = false;
            self.log.push(event(t, EventKind::Calm, price));
        }

        let series = &mut self.series;
        series.price.push(price);
        series.liquidated_notional.push(fills.notional);
        series.adl_notional.push(fills.adl_notional);
        if WHOLE {
            series.short_liquidated_notional.push(fills.notional - fills.long_notional);
            series.opened_notional.push(self.shorted);
            series.liquidation_count.push(fills.count);
            series.queued_notional.push(max(engine.queued_notional, 0.0));
            series.long_open_interest.push(max(engine.open_interest[0], 0.0));
            series.short_open_interest.push(max(engine.open_interest[1], 0.0));
            series.insurance_fund.push(engine.fund_equity(mark));
            series.halted.push(u8::from(halted));
            series.depth.push(self.depth);
            if let Some(spot) = spot {
                series.mark.push(mark);
                series.index.push(spot.index());
            }
            if two {
                series.arbitrage.push(self.arbitrage);
            }
        }
        if self.liquidity.active() {
            self.depth = self.liquidity.observe(
                libm::log(price / self.last_price),
                self.market.tick_flow(),
                halted,
            );
            self.market.set_depth(self.depth);
        }
        self.last_price = price;
    }

    /// The run's outcome on this venue, its liquidation map left empty unless `WHOLE` (see
    /// [`SUMMARY_ONLY`]), and its books (a lent population's as they were lent).
    fn finish<const WHOLE: bool>(
        self,
        measured: Measured,
        scratch: &mut Scratch,
    ) -> (Outcome, [Book; 2]) {
        let Venue { params, engine, market, series, log, .. } = self;
        let start = params.start_price;
        let min_price = series.price.iter().copied().fold(start, min);
        let max_price = series.price.iter().copied().fold(start, max);
        let mut peak = start;
        let mut max_drawdown_pct: f64 = 0.0;
        for &p in &series.price {
            peak = max(peak, p);
            max_drawdown_pct = max(max_drawdown_pct, (1.0 - p / peak) * 100.0);
        }
        let max_move_pct = if params.shock_pct > 0.0 {
            (max_price / start - 1.0) * 100.0
        } else {
            (1.0 - min_price / start) * 100.0
        };
        let shock_pct = measured.shock_pct;
        let amplification =
            if params.shock_pct == 0.0 { 1.0 } else { max_move_pct / shock_pct.abs() };
        let liquidated_notional = series.liquidated_notional.iter().sum();
        let adl_notional = series.adl_notional.iter().sum();
        let liquidation_map = if WHOLE {
            liquidation_map(engine.books(), start, max_move_pct)
        } else {
            LiquidationMap::default()
        };
        let final_price = series.price.last().copied().unwrap_or(start);
        // A fund still under water at the end (no ADL, or nobody left to deleverage) cannot pay
        // its shortfall: that is bad debt too.
        let final_mark = market.mark_at(final_price);
        let fund_equity = engine.fund_equity(final_mark);
        let fund_end = max(fund_equity, 0.0);
        let bad_debt = engine.bad_debt + max(-fund_equity, 0.0);
        let (fees, covered) = (engine.fees, engine.covered);
        let (fund_pnl, fund_held_at_end) =
            (engine.fund_pnl(final_mark), engine.fund_held(final_mark));
        let (takeover, adl_positions, adl_qty) =
            (engine.takeover_notional, engine.adl_positions, engine.adl_qty);
        let (liquidated_count, backstop_notional) =
            (engine.liquidated_count, engine.backstop_notional);
        let waiting_at_end = engine.waiting_notional();
        let liquidated_short_notional = engine.liquidated_by_side[1];
        let shorts_opened_notional = engine.opened_notional;
        let opened = f64::from(engine.opened_count);
        let open_interest = measured.open_interest;
        let traders = measured.traders;
        let books = engine.into_books(scratch);
        let (branching_ratio, peak_branching_ratio, peak_branching_at_pct) = measured.branching;

        let outcome = Outcome {
            summary: Summary {
                start_price: start,
                min_price,
                max_price,
                final_price,
                shock_pct,
                max_drawdown_pct,
                max_move_pct,
                amplification,
                open_interest,
                traders,
                liquidated_notional,
                liquidated_count,
                liquidated_share: f64::from(liquidated_count)
                    / (f64::from(traders) + opened).max(1.0),
                waves: self.waves,
                bad_debt,
                adl_notional,
                backstop_notional,
                halts: self.halts,
                halted_ticks: self.halted_ticks,
                ended_halted: self.was_halted,
                waiting_at_end,
                insurance_fund_start: params.insurance_fund,
                insurance_fund_end: fund_end,
                fees_paid: fees,
                losses_covered: covered,
                fund_takeover_notional: takeover,
                fund_pnl,
                fund_held_at_end,
                adl_positions,
                adl_qty,
                liquidated_short_notional,
                dip_buyers_spent: measured.dip_buyers_spent,
                shorts_opened_notional,
                arbitrage_notional: measured.arbitrage_notional,
                widest_basis_pct: self.widest_basis,
                branching_ratio,
                peak_branching_ratio,
                peak_branching_at_pct,
            },
            series,
            liquidation_map,
            events: log.events,
            second_venue: None,
        };
        (outcome, books)
    }
}

/// What a venue's summary takes from outside its own records.
struct Measured {
    shock_pct: f64,
    open_interest: f64,
    traders: u32,
    branching: (f64, f64, f64),
    dip_buyers_spent: f64,
    arbitrage_notional: f64,
}

/// The spot market behind the index, and the arbitrageurs' desks: one for each venue against
/// spot, and one between the two venues.
pub(crate) struct Links {
    pub(crate) spot: Spot,
    to_spot: [Desk; 2],
    between: Desk,
}

impl Links {
    fn new(params: &Params) -> Links {
        Links {
            spot: Spot::new(params),
            to_spot: [Desk::new(params), Desk::new(params)],
            between: Desk::new(params),
        }
    }

    /// The end of the tick's trading: the arbitrageurs trade the two venues against each other,
    /// then each against spot, wherever both markets trade (a halted venue takes no orders).
    /// The flow each venue records (`Series::arbitrage`) is the desk between the venues': what
    /// the arbitrageurs carried from one venue's book to the other's.
    fn arbitrage(&mut self, venues: &mut [Venue]) {
        if let [a, b] = venues {
            if !a.halted && !b.halted {
                (a.arbitrage, b.arbitrage) = self.between.arbitrage(&mut a.market, &mut b.market);
            }
        }
        for (v, desk) in venues.iter_mut().zip(&mut self.to_spot) {
            if !v.halted {
                desk.arbitrage(&mut v.market, &mut self.spot.market);
            }
        }
    }

    /// Gross USD the arbitrageurs traded on venue `i`'s book.
    /// (The desk between the venues trades nothing with one venue.)
    fn traded_on(&self, i: usize) -> f64 {
        self.to_spot[i].traded() + self.between.traded()
    }

    /// The arbitrageurs' legs on venue `i`'s book, valued at `price`.
    fn legs_on(&self, i: usize, price: f64) -> f64 {
        self.to_spot[i].leg_value(0, price) + self.between.leg_value(i, price)
    }

    /// Their legs on spot, valued at `index`.
    fn spot_legs(&self, index: f64) -> f64 {
        self.to_spot.iter().map(|d| d.leg_value(1, index)).sum()
    }
}

/// [`run_with`], handing the venues, the spot market and the arbitrageurs, and the tick to
/// `on_tick` before the first tick (as tick 0) and after each (as tick t + 1), for [`audit`] to
/// read and for the long runs of cycles.rs to bring traders back. The page's runs pass a closure
/// that does nothing, so nothing is computed for them.
fn run_audited<const WHOLE: bool>(
    params: &Params,
    traders: Traders,
    bands: &Bands,
    draws: Option<&Draws>,
    scratch: &mut Scratch,
    mut on_tick: impl FnMut(&mut [Venue], &Links, u32),
) -> Outcome {
    let ticks = params.ticks as usize;
    // The population, and where it goes back to with whether its changes are undone first.
    let (population, lent) = match traders {
        Traders::Owned(population) => (population, None),
        Traders::Lent(kept) => (kept.take(), Some((kept, true))),
        Traders::LentOnce(kept) => (kept.take(), Some((kept, false))),
    };
    let traders = population.len() as u32;
    let second = params.second_venue.as_ref().map(|v| second_params(params, v));
    // The second venue's traders: a copy of the first's, or, with an open interest or a
    // leverage of its own, the first venue's draws (the caller's, or drawn here) at its size
    // and leverage.
    // Its open interest over the first venue's is the scale at which the first venue's draws
    // give its traders.
    let second_population = second.as_ref().map(|own| {
        if !own_traders(params) {
            return population.copy(scratch);
        }
        let (tiers, scale) = (own.tier_table(), own.open_interest / params.open_interest);
        match draws {
            Some(d) => Population::build_scaled(d, &tiers, own, scale, scratch),
            None => {
                let d = Draws::generate(params, scratch);
                let built = Population::build_scaled(&d, &tiers, own, scale, scratch);
                d.recycle(scratch);
                built
            }
        }
    });
    let second_bands = second_population.as_ref().map(|p| Bands::new(p, params.start_price));
    let oi = bands.open_interest;
    let engine = match lent {
        Some((_, true)) => Engine::lend(params, population, oi, scratch),
        Some((_, false)) => Engine::lend_once(params, population, oi, scratch),
        None => Engine::new(params, population, oi),
    };
    let mut venues = vec![Venue::new(params, engine)];
    if let (Some(p), Some(population), Some(b)) = (&second, second_population, &second_bands) {
        venues.push(Venue::new(p, Engine::new(p, population, b.open_interest)));
    }
    let two = venues.len() == 2;
    let mut noise = Rng::new(params.seed, 2);
    let volatility = params.volatility_pct / 100.0;

    let shock_log = libm::log1p(params.shock_pct / 100.0);
    let mut program = Program::new(params, &venues[0].market, shock_log);
    // A program given in dollars is reported as the move it would make on a calm book.
    let shock_pct = program.calm_move_pct(&venues[0].market).unwrap_or(params.shock_pct);
    let mut dip_buyers = DipBuyers::new(params);
    let mut links = Links::new(params);
    let spot_on = links.spot.active();
    on_tick(&mut venues, &links, 0);

    for t in 0..params.ticks {
        venues.iter_mut().for_each(|v| v.open_tick(t));

        // 2. News: a one-tick shock at tick 0 (a longer one is a sell program, rule 4), then
        //    noise. Noise is drawn every tick, so all scenarios share one noise path, and it keeps
        //    arriving while a halt stops trading: the reopening price carries it. It is news about
        //    the coin: it moves every venue and spot alike.
        let gap = if t == 0 && program.slices == 0 { shock_log } else { 0.0 };
        let drift = if volatility > 0.0 { volatility * noise.normal() } else { 0.0 };
        if spot_on {
            links.spot.tick(gap + drift);
        }
        for (i, v) in venues.iter_mut().enumerate() {
            v.market.news(gap + drift);
            if spot_on {
                v.basis.anchor(&mut v.market, links.spot.index());
            }
            // The shock reaches a venue as news, or (a program) as trades on the first venue.
            if t == 0 && params.shock_pct != 0.0 && (i == 0 || program.slices == 0) {
                v.log.push(Event {
                    level_pct: shock_pct,
                    count: program.slices,
                    notional: (program.slice * f64::from(program.slices)).abs(),
                    ..event(0, EventKind::Shock, v.market.price())
                });
            }
        }

        venues.iter_mut().for_each(|v| v.detect(t));

        // 4. The sell program's slice and the dip buyers trade on the first venue, or, while
        //    it is halted, on the second: traders who want to sell take their orders to a venue
        //    that is open. Then the arbitrageurs carry what they can of the tick's moves across
        //    (index.rs).
        let open = venues.iter().position(|v| !v.halted);
        for (i, v) in venues.iter_mut().enumerate() {
            let (slice, bought) = if open == Some(i) {
                let slice = program.next();
                (slice, dip_buyers.buy(v.market.price(), v.depth))
            } else {
                (0.0, 0.0)
            };
            v.trade(slice, bought);
        }
        if spot_on {
            links.arbitrage(&mut venues);
        }

        let spot = spot_on.then_some(&links.spot);
        venues.iter_mut().for_each(|v| v.close_tick::<WHOLE>(t, spot, two));
        on_tick(&mut venues, &links, t + 1);
    }
    debug_assert_eq!(venues[0].series.price.len(), ticks);

    let arbitrage = |i| if spot_on { links.traded_on(i) } else { 0.0 };
    let measured = |p: &Params, i| {
        let bands = if i == 0 { bands } else { second_bands.as_ref().unwrap_or(bands) };
        Measured {
            shock_pct,
            open_interest: bands.open_interest[0] + bands.open_interest[1],
            traders,
            branching: bands.branching(p),
            dip_buyers_spent: if i == 0 {
                params.dip_buyer_capital - dip_buyers.left()
            } else {
                0.0
            },
            arbitrage_notional: arbitrage(i),
        }
    };
    let measures: Vec<Measured> =
        venues.iter().enumerate().map(|(i, v)| measured(v.params, i)).collect();
    let mut outcomes = venues.into_iter().zip(measures).map(|(v, m)| v.finish::<WHOLE>(m, scratch));
    let (first, [long, short]) = outcomes.next().expect("a run has a venue");
    let second = outcomes.next().map(|(outcome, books)| {
        books.into_iter().for_each(|book| book.recycle(scratch));
        Box::new(outcome)
    });
    match lent {
        Some((kept, _)) => *kept = Population { long, short },
        None => Population { long, short }.recycle(scratch),
    }
    Outcome { second_venue: second, ..first }
}

/// A shock traded into the book: the flow that would move a calm book by the shock at once
/// (Market::flow_for), or `shockUsd` dollars, sold (bought) in `shockTicks` equal slices, one a
/// traded tick, so the book refills between them (Obizhaeva & Wang 2013). A shock given as a
/// move with `shockTicks` = 1 has none: it is a gap, news at tick 0.
struct Program {
    /// Slices in all (0: no program), and those left.
    slices: u32,
    left: u32,
    /// USD a slice, buys positive.
    slice: f64,
    /// Whether its size was given in dollars (`shockUsd`).
    usd: bool,
}

/// The largest log move a dollar program is reported as (e^30: far beyond any real move).
const MAX_CALM_LOG_MOVE: f64 = 30.0;

impl Program {
    fn new(params: &Params, market: &Market, shock_log: f64) -> Program {
        let usd = params.shock_usd.filter(|_| params.shock_pct != 0.0);
        let slices = if params.shock_pct == 0.0 || (params.shock_ticks == 1 && usd.is_none()) {
            0
        } else {
            params.shock_ticks
        };
        let total = match usd {
            Some(q) => q.copysign(params.shock_pct),
            None => market.flow_for(shock_log),
        };
        let slice = if slices > 0 { total / f64::from(slices) } else { 0.0 };
        Program { slices, left: slices, slice, usd: usd.is_some() }
    }

    /// For a program given in dollars, the move in % it would make sold at once into a calm
    /// book; `None` when the shock is given as a move.
    fn calm_move_pct(&self, market: &Market) -> Option<f64> {
        let total = self.slice * f64::from(self.slices);
        let x = market.impact(total).clamp(-MAX_CALM_LOG_MOVE, MAX_CALM_LOG_MOVE);
        self.usd.then(|| libm::expm1(x) * 100.0)
    }

    /// The next slice's flow, or 0 once the program is done.
    fn next(&mut self) -> f64 {
        if self.left == 0 {
            return 0.0;
        }
        self.left -= 1;
        self.slice
    }
}

fn event(tick: u32, kind: EventKind, price: f64) -> Event {
    Event { tick, kind, price, count: 0, notional: 0.0, next_count: 0, level_pct: 0.0 }
}

/// Events in order. Waves and ADL rounds (which a noisy run can have in most ticks) are kept up
/// to [`MAX_EVENTS`] each; halts, resumes, the shock and the fund running dry are always kept.
#[derive(Default)]
struct EventLog {
    events: Vec<Event>,
    frequent: usize,
}

impl EventLog {
    fn push(&mut self, e: Event) -> Option<usize> {
        if matches!(e.kind, EventKind::Wave | EventKind::Queued | EventKind::Adl | EventKind::Calm)
        {
            if self.frequent >= MAX_EVENTS {
                return None;
            }
            self.frequent += 1;
        }
        self.events.push(e);
        Some(self.events.len() - 1)
    }

    fn set_next(&mut self, i: usize, count: u32) {
        self.events[i].next_count = count;
    }
}

/// How far out the branching profile looks, in 1 % bands.
const BANDS: usize = 50;

/// Liquidation notional (USD at the liquidation price) in each 1 % band of distance from the
/// start price, long and short, and the open interest. They depend on the population alone, so
/// the runs on one population share them.
struct Bands {
    long: [f64; BANDS],
    short: [f64; BANDS],
    open_interest: [f64; 2],
}

impl Bands {
    fn new(population: &Population, start: f64) -> Bands {
        let pct_per_price = 100.0 / start;
        // A book's bands and its open interest, in one pass over its positions.
        let profile = |book: &Book| {
            let mut bands = [0.0; BANDS];
            // Books run from the most fragile position outward, so the bands are a prefix, and
            // each band's positions come in one run: its sum stays in a register until the next.
            let (mut band, mut sum) = (0, 0.0);
            // The band's span in %: a position whose distance falls inside it is in the same
            // band, with no float-to-integer conversion.
            let (mut from, mut to) = (0.0, 1.0);
            // The book's open interest: its notionals added in book order from −0.0 (as a
            // float iterator's `sum` adds), which the engine then keeps up to date.
            let mut open = -0.0;
            for p in &book.positions {
                open += p.notional();
                let distance = match book.side {
                    Side::Long => 100.0 - p.liq * pct_per_price,
                    Side::Short => p.liq * pct_per_price - 100.0,
                };
                if (0.0..BANDS as f64).contains(&distance) {
                    if !(from <= distance && distance < to) {
                        let i = distance as usize;
                        (bands[band], band, sum) = (sum, i, bands[i]);
                        (from, to) = (i as f64, (i + 1) as f64);
                    }
                    sum += p.qty0 * p.liq;
                }
            }
            bands[band] = sum;
            (bands, open)
        };
        let ((long, long_open), (short, short_open)) =
            (profile(&population.long), profile(&population.short));
        Bands { long, short, open_interest: [long_open, short_open] }
    }

    /// The branching ratio at the start, its peak, and where the peak lies (signed %).
    ///
    /// Branching ratio n = κ ρ (DOMAIN.md §5): with linear impact κ = 1 ÷ (100 · depthPerPct) per
    /// USD in ln P and ρ the USD of liquidations per unit of ln P, n is the USD whose liquidation
    /// price lies within 1 % of the price, divided by depthPerPct. Measured on the side the shock
    /// pushes toward (both sides for no shock: the larger), at the start and, for the peak, over each
    /// 1 % band out to 50 % away.
    fn branching(&self, params: &Params) -> (f64, f64, f64) {
        let long = self.long.map(|usd| usd / params.depth_per_pct);
        let short = self.short.map(|usd| usd / params.depth_per_pct);
        let pick = if params.shock_pct < 0.0 {
            Side::Long
        } else if params.shock_pct > 0.0 || short[0] > long[0] {
            Side::Short
        } else {
            Side::Long
        };
        let bands = if pick == Side::Long { long } else { short };
        let (at, peak) =
            bands
                .iter()
                .enumerate()
                .fold((0, 0.0), |best, (i, &n)| if n > best.1 { (i, n) } else { best });
        let sign = if pick == Side::Long { -1.0 } else { 1.0 };
        (bands[0], peak, sign * at as f64)
    }
}

/// Buckets of the liquidation map.
const MAP_BUCKETS: usize = 80;

/// The liquidation map's lists of when each bucket's notional fell (see [`LiquidationMap`]).
#[derive(Default)]
struct Fallen {
    tick: Vec<u32>,
    bucket: Vec<u16>,
    notional: Vec<f64>,
}

impl Fallen {
    /// Moves one bucket's `(tick, notional)` falls to the lists, under the bucket's `code`.
    fn take(&mut self, falls: &mut Vec<(u32, f64)>, code: u16) {
        for (tick, notional) in falls.drain(..) {
            self.tick.push(tick);
            self.bucket.push(code);
            self.notional.push(notional);
        }
    }
}

/// The liquidation map: liquidation prices bucketed over start ± R, where R covers the cascade's
/// reach with room to spare (at least 25 %, at most 90 %).
fn liquidation_map(books: &[Book; 2], start: f64, max_move_pct: f64) -> LiquidationMap {
    let reach = (1.5 * max_move_pct / 100.0).clamp(0.25, 0.9);
    let (low, high) = (start * (1.0 - reach), start * (1.0 + reach));
    let per_width = MAP_BUCKETS as f64 / (high - low);
    let mut map = LiquidationMap {
        low_price: low,
        high_price: high,
        long_liquidated: vec![0.0; MAP_BUCKETS],
        long_survived: vec![0.0; MAP_BUCKETS],
        short_liquidated: vec![0.0; MAP_BUCKETS],
        short_survived: vec![0.0; MAP_BUCKETS],
        outside: 0.0,
        fallen_tick: vec![],
        fallen_bucket: vec![],
        fallen_notional: vec![],
    };
    // When each bucket's liquidated notional fell: (tick, notional) of the bucket being summed,
    // a few entries, since the price sweeps a bucket's positions in a tick or a few.
    let mut falls: Vec<(u32, f64)> = vec![];
    let mut fallen = Fallen::default();
    for (b, book) in books.iter().enumerate() {
        let (hit, kept) = if book_index(book.side) == 0 {
            (&mut map.long_liquidated, &mut map.long_survived)
        } else {
            (&mut map.short_liquidated, &mut map.short_survived)
        };
        let code = |i: usize| (i + b * MAP_BUCKETS) as u16;
        // Books are sorted by liquidation price, so positions come in runs of one bucket: its
        // sums stay in registers for the run. The additions are the same, in the same order, as
        // adding to the bucket one position at a time.
        let mut bucket = None;
        let (mut hit_sum, mut kept_sum) = (0.0, 0.0);
        // The bucket's span in units of buckets: a position whose x falls inside it is in the
        // same bucket, with no float-to-integer conversion.
        let (mut from, mut to) = (f64::INFINITY, f64::NEG_INFINITY);
        for p in &book.positions {
            let total = p.qty0 * p.entry;
            if !(low..high).contains(&p.liq) {
                map.outside += total;
                continue;
            }
            let x = (p.liq - low) * per_width;
            if !(from <= x && x < to) {
                let i = (x as usize).min(MAP_BUCKETS - 1);
                if let Some(j) = bucket {
                    (hit[j], kept[j]) = (hit_sum, kept_sum);
                    fallen.take(&mut falls, code(j));
                }
                (bucket, hit_sum, kept_sum) = (Some(i), hit[i], kept[i]);
                // x in [i, i + 1) truncates to i; the last bucket also takes x = 80 itself.
                (from, to) =
                    (i as f64, if i + 1 == MAP_BUCKETS { f64::INFINITY } else { (i + 1) as f64 });
            }
            let liquidated = if p.hit() { (p.qty0 - p.qty) * p.entry } else { 0.0 };
            hit_sum += liquidated;
            kept_sum += total - liquidated;
            if liquidated > 0.0 {
                match falls.iter_mut().rev().find(|f| f.0 == p.hit_at) {
                    Some(f) => f.1 += liquidated,
                    None => falls.push((p.hit_at, liquidated)),
                }
            }
        }
        if let Some(j) = bucket {
            (hit[j], kept[j]) = (hit_sum, kept_sum);
            fallen.take(&mut falls, code(j));
        }
    }
    (map.fallen_tick, map.fallen_bucket, map.fallen_notional) =
        (fallen.tick, fallen.bucket, fallen.notional);
    map
}

#[cfg(test)]
mod tests {
    use super::super::population::Position;
    use super::*;

    #[test]
    fn the_bands_add_up_open_interest_bit_for_bit_as_a_sum_over_the_book_does() {
        // A side with no positions too: its open interest is −0.0 both ways.
        let cases = [(0.6, 12.0, 1), (1.0, 25.0, 2), (0.0, 3.0, 3), (0.5, 50.0, 4), (0.9, 1.0, 5)];
        for (long_share, leverage, seed) in cases {
            let params = Params { traders: 5_000, long_share, leverage, seed, ..Params::default() };
            params.validate().expect("valid params");
            let population = Population::for_params(&params, &mut Scratch::default());
            let bands = Bands::new(&population, params.start_price);
            let sum = |b: &Book| b.positions.iter().map(Position::notional).sum::<f64>();
            let expected = [sum(&population.long), sum(&population.short)];
            assert_eq!(bands.open_interest.map(f64::to_bits), expected.map(f64::to_bits));
        }
    }

    #[test]
    fn a_run_for_its_summary_alone_gives_the_full_runs_summary_bit_for_bit() {
        // Every preset (replays with breakers, partial liquidation, ADL, a second venue, marks
        // on an index), smaller; Debug text tells −0.0 from 0.0 and NaN from a number.
        for preset in super::super::presets::presets() {
            let params = Params { traders: 4_000, ..preset.params };
            params.validate().expect("valid params");
            let scratch = &mut Scratch::default();
            let population = Population::for_params(&params, scratch);
            let full = run(&params, population.clone(), scratch);
            assert!(!full.liquidation_map.long_survived.is_empty(), "{}: a map", preset.id);
            let expected = format!("{:?}", full.summary);
            let alone = summary(&params, population.clone(), scratch);
            assert_eq!(format!("{alone:?}"), expected, "{}", preset.id);
            // Lent twice, as a sweep's cells that share the population are, then lent once.
            let mut prepared = Prepared::new(population, params.start_price);
            for last in [false, false, true] {
                let lent = prepared.summary(&params, last, scratch);
                assert_eq!(format!("{lent:?}"), expected, "{} (last: {last})", preset.id);
            }
            prepared.recycle(scratch);
        }
    }
}
