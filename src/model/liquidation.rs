//! The venue's liquidation engine: breach detection, the order queue, the book, the insurance
//! fund, the backstop vault and auto-deleveraging (ADL), under one venue's rules
//! (`liquidation.venueRules`; docs/MODEL.md, "The liquidation engine", cites each rule).
//!
//! Rules, in the order a tick applies them:
//! 1. **Detect.** Each book is ordered from the most fragile position, so a sweep pointer finds
//!    every position whose liquidation price the mark has crossed without scanning the rest.
//!    A breached position is taken over by the engine: in "full" mode its whole size is queued;
//!    in "partial" mode a position above `partialAbove` joins a pool that queues a slice of
//!    `partialFraction` of its original size each tick while it stays in breach, and goes back to
//!    its trader when the mark recovers past its liquidation price (Hyperliquid's 20 % slices).
//! 2. **Throttle.** Orders leave the FIFO queue up to `maxPerTick` of notional per tick.
//! 3. **Backstop.** A slice whose equity at the mark is below two thirds of its maintenance
//!    margin (Hyperliquid's rule) is taken by the backstop vault at the bankruptcy price, off the
//!    book, while the vault has capacity.
//! 4. **To the book**, one order after another in queue order, each walking the book from the
//!    price the one before left and filling at the walk's average price:
//!    - "binance": an immediate-or-cancel order limited at the position's bankruptcy price. Only
//!      what fills at or better than that price trades and moves the price; the fill leaves the
//!      trader's equity at zero or above, and pays the fee from it into the insurance fund.
//!      The rest is **taken over by the fund** at the bankruptcy price while the fund's equity
//!      at the mark covers the loss of holding it; what the fund cannot take is **deleveraged**.
//!    - "hyperliquid": a market order for the whole slice. A fill past bankruptcy is a loss the
//!      fund pays while it can; a slice whose loss it could not pay is deleveraged instead of sold.
//! 5. **Offload.** The fund sells what it took over into the book, up to `fundUnwindShare` ×
//!    `depthPerPct` a tick, realising its gains and losses. Should its equity at the mark fall
//!    below zero, what it holds is bankrupt too, and is deleveraged at the fund's bankruptcy price.
//! 6. **Deleverage.** ADL closes a bankrupt quantity (coins, not dollars of loss) at its
//!    bankruptcy price against the opposite positions ranked by PnL % × effective leverage
//!    (BitMEX's ranking), taking part of a position where that is enough, off the book.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, VecDeque};

use super::margin::{bankruptcy_price, breached, liquidation_price, TierTable};
use super::market::Market;
use super::num::{max, min};
use super::params::{LiquidationMode, Params, Side, VenueRules};
use super::population::{open, Book, Population, Position, State};
use super::scratch::Scratch;

/// A position closed to within this share of its size counts as fully closed.
const DUST: f64 = 1e-12;

/// Index of a side's book.
#[inline]
pub fn book_index(side: Side) -> usize {
    match side {
        Side::Long => 0,
        Side::Short => 1,
    }
}

/// +1 for a long, −1 for a short: the sign of PnL per unit of price rise.
#[inline]
fn direction(side: Side) -> f64 {
    match side {
        Side::Long => 1.0,
        Side::Short => -1.0,
    }
}

/// An order to close `qty` coins of one position.
#[derive(Clone, Copy, Debug)]
struct Order {
    side: Side,
    idx: u32,
    qty: f64,
    /// More of the same position still waits in the queue (the throttle split the order).
    rest_queued: bool,
    /// A step of a partial liquidation that leaves part of the position with its trader: a
    /// reduction, which pays no liquidation fee (see [`Engine::settle`]).
    step: bool,
}

/// What one tick of clearing did.
#[derive(Clone, Copy, Debug, Default)]
pub struct TickFills {
    /// Notional liquidated (USD at entry), through the book, the vault or ADL.
    pub notional: f64,
    /// Slices executed.
    pub count: u32,
    /// Notional of opposite positions closed by ADL (USD at entry).
    pub adl_notional: f64,
    /// Opposite positions hit by ADL.
    pub adl_count: u32,
    /// Whether a loss went uncovered or the fund reached zero this tick.
    pub fund_ran_dry: bool,
    /// Notional of longs liquidated (USD at entry); the rest of `notional` is shorts.
    pub long_notional: f64,
}

/// What breach detection found in one tick.
#[derive(Clone, Copy, Debug, Default)]
pub struct Breaches {
    /// Positions newly breached.
    pub count: u32,
    /// Their notional, USD at entry.
    pub notional: f64,
}

/// The liquidation engine and the books it watches.
pub struct Engine {
    books: [Book; 2],
    /// For a lent population ([`Engine::lend`]), what the run changes in it (nothing, but the
    /// books' lent lengths, for one lent once: [`Engine::lend_once`]).
    undo: Option<Undo>,
    tiers: TierTable,
    swept: [usize; 2],
    pool: Vec<(Side, u32)>,
    queue: VecDeque<Order>,
    batch: Vec<Order>,
    ranked: BinaryHeap<Ranked>,
    ranked_for: Option<Side>,
    rules: VenueRules,
    mode: LiquidationMode,
    partial_fraction: f64,
    partial_above: f64,
    max_per_tick: f64,
    fee: f64,
    adl: bool,
    unwind_usd: f64,
    vault_left: f64,
    /// The insurance fund's cash, USD.
    pub fund: f64,
    /// Coins the fund holds from positions it took over: positive long, negative short.
    held: f64,
    /// What the fund's holding cost, signed like `held` (USD): its value at P is held · P − cost.
    held_cost: f64,
    /// Fees paid into the fund, USD.
    pub fees: f64,
    /// Losses past bankruptcy the fund paid from its cash, USD.
    pub covered: f64,
    /// What the fund realised selling (or being deleveraged out of) what it took over, USD.
    pub realised: f64,
    /// Losses nobody paid, USD.
    pub bad_debt: f64,
    /// The tick being run, stamped on the positions it liquidates.
    pub now: u32,
    /// Notional queued and not yet executed, USD at entry.
    pub queued_notional: f64,
    /// Open interest per side (long, short), USD at entry.
    pub open_interest: [f64; 2],
    /// Positions liquidated at least in part.
    pub liquidated_count: u32,
    /// Notional taken by the backstop vault, USD at entry.
    pub backstop_notional: f64,
    /// Notional the insurance fund took over, USD at entry.
    pub takeover_notional: f64,
    /// Coins closed by auto-deleveraging, bankrupt side.
    pub adl_qty: f64,
    /// Opposite positions auto-deleveraged at least in part.
    pub adl_positions: u32,
    /// Notional liquidated per side (long, short), USD at entry.
    pub liquidated_by_side: [f64; 2],
    /// New shorts opened into the fall (buyers.rs): their notional, USD at entry, and the
    /// margin their traders brought in.
    pub opened_notional: f64,
    opened_margin: f64,
    /// How many positions were opened during the run.
    pub opened_count: u32,
    /// The original counterparties' claims on positions whose slots were reused by a trader
    /// coming back (cycles.rs): coins, signed by the position's side, and what they cost.
    recycled_coins: f64,
    recycled_cost: f64,
    /// Notional (USD at entry) taken off positions by the order being executed.
    liquidated_now: f64,
    /// Whether the order being executed is a step of a partial liquidation.
    stepping: bool,
    /// Coins the order being executed has closed so far, and what they changed its position's
    /// margin by (realised PnL less the fee, never below the margin they carried).
    order_done: f64,
    order_pnl: f64,
    /// Positions handed back to their traders with a new liquidation price, most fragile
    /// first, per side: the sweep pointer only knows the book's original order. Each entry's
    /// score is the price it was relisted at, signed by the side (the highest long price, the
    /// lowest short one, first); an entry whose position has since moved on is stale.
    relisted: [BinaryHeap<Ranked>; 2],
    /// What closed positions paid back to their traders (equity less fees), USD.
    traders_paid: f64,
    /// The backstop vault's holding: coins (positive long) and what they cost, USD.
    vault_coins: f64,
    vault_cost: f64,
    /// The pre-emptive sellers outside the population (the magnet effect): coins and cash.
    others_coins: f64,
    others_cash: f64,
}

/// What a run changes in a lent population ([`Engine::lend`]): each original position as it was
/// before its first change, and each book's length (a run appends the positions it opens).
struct Undo {
    /// Whether changes are noted: not for a population lent once ([`Engine::lend_once`]).
    noting: bool,
    len: [usize; 2],
    /// Per book, its buffer's capacity as lent (a run that appends past it grows the buffer).
    capacity: [usize; 2],
    /// Per book, the positions as they were, and where they go back to.
    before: [Vec<Position>; 2],
    at: [Vec<u64>; 2],
}

/// Whether a position is still as generated: open, never deleveraged, not reopened on the book.
/// One with an order is not (its breach queued it), so a change made while liquidating it needs
/// no note in the undo log.
fn as_generated(p: &Position) -> bool {
    p.state == State::Open && !p.deleveraged && !p.on_book
}

impl Undo {
    fn new(books: [&Book; 2], noting: bool, scratch: &mut Scratch) -> Undo {
        let [long, short] = books;
        Undo {
            noting,
            len: [long.positions.len(), short.positions.len()],
            capacity: [long.positions.capacity(), short.positions.capacity()],
            before: [scratch.positions(long.room()), scratch.positions(short.room())],
            at: [scratch.keys(long.room()), scratch.keys(short.room())],
        }
    }

    /// Notes position `idx` of book `b` before a change, if it is still as generated: open,
    /// never deleveraged, not reopened on the book (a position leaves that state with its first
    /// change and never comes back to it). So each original position is noted once, and the
    /// log needs no more room than the book.
    fn note(&mut self, b: usize, idx: u32, p: &Position) {
        if self.noting && (idx as usize) < self.len[b] && as_generated(p) {
            self.before[b].push(*p);
            self.at[b].push(u64::from(idx));
        }
    }

    /// Puts the books back as they were lent, buffers and all, and hands the log's buffers to
    /// `scratch`.
    fn restore(self, books: &mut [Book; 2], scratch: &mut Scratch) {
        let Undo { len, capacity, before, at, .. } = self;
        for (b, (before, at)) in before.into_iter().zip(at).enumerate() {
            let positions = &mut books[b].positions;
            positions.truncate(len[b]);
            // A buffer the run's new positions grew goes back to its size: the caller keeps the
            // population, and its memory is counted at that size (docs/MODEL.md, "Memory").
            if positions.capacity() > capacity[b] {
                positions.shrink_to(capacity[b]);
            }
            // Backwards, so were a position ever noted twice, its first note would win.
            for k in (0..before.len()).rev() {
                copy_into(&mut positions[at[k] as usize], &before[k]);
            }
            scratch.give_positions(before);
            scratch.give_keys(at);
        }
    }
}

/// `*to = *from`, field by field: the page's wasm (opt-level "s") writes a whole-struct copy as a
/// 48-byte `memory.copy`, which V8 runs as a call costing more than the copy.
#[inline]
fn copy_into(to: &mut Position, from: &Position) {
    // Every field named, so a field added to `Position` fails to compile here until it is copied.
    let Position {
        liq: _,
        qty: _,
        qty0: _,
        entry: _,
        leverage: _,
        state: _,
        hit_at: _,
        deleveraged: _,
        on_book: _,
        tier: _,
    } = from;
    to.liq = from.liq;
    to.qty = from.qty;
    to.qty0 = from.qty0;
    to.entry = from.entry;
    to.leverage = from.leverage;
    to.state = from.state;
    to.hit_at = from.hit_at;
    to.deleveraged = from.deleveraged;
    to.on_book = from.on_book;
    to.tier = from.tier;
}

/// Every account's value at one mark, each computed from its own ledger (the conservation
/// property test adds them up; docs/MODEL.md, "Conservation"). USD.
#[derive(Clone, Copy, Debug, Default)]
pub struct Audit {
    /// Positions still held: margin plus unrealised PnL at the mark.
    pub traders_held: f64,
    /// What closed positions and closed parts paid back to their traders.
    pub traders_paid: f64,
    /// The insurance fund: cash, plus what it holds at the mark less what it cost.
    pub fund: f64,
    /// The backstop vault: what it took over, at the mark less what it cost.
    pub vault: f64,
    /// The book's counterparties (market makers): cash and coins at the mark.
    pub book: f64,
    /// The pre-emptive sellers of the magnet effect: cash and coins at the mark.
    pub others: f64,
    /// The counterparties of the positions as they were opened: the opposite of every
    /// position's PnL at the mark, whatever happened to it since.
    pub origin: f64,
    /// Losses nobody paid.
    pub bad_debt: f64,
    /// Margin brought in by traders who opened positions during the run.
    pub deposits: f64,
    /// The arbitrageurs' perpetual and spot legs (index.rs), which `Engine::audit` leaves at
    /// zero for the runner to fill in.
    pub arbitrage: f64,
    /// The spot book's counterparties, at the index: the other side of the arbitrageurs' spot
    /// leg (filled in by the runner too).
    pub spot_book: f64,
}

impl Audit {
    /// The sum of every account, less bad debt and new deposits: the original counterparties are
    /// valued at their full claim, bad debt is the part of it that a bankrupt trader will never
    /// pay, and margin brought in during the run was not there at the start.
    pub fn total(&self) -> f64 {
        self.traders_held
            + self.traders_paid
            + self.fund
            + self.vault
            + self.book
            + self.others
            + self.origin
            + self.arbitrage
            + self.spot_book
            - self.bad_debt
            - self.deposits
    }
}

impl Engine {
    /// An engine for `population` under `params`, whose open interest (long, short; USD at
    /// entry) is `open_interest`: each book's notionals added in book order, as the bands of a
    /// population (simulate.rs) add them.
    pub fn new(params: &Params, population: Population, open_interest: [f64; 2]) -> Engine {
        let liq = &params.liquidation;
        Engine {
            open_interest,
            books: [population.long, population.short],
            undo: None,
            tiers: params.tier_table(),
            swept: [0, 0],
            pool: Vec::new(),
            queue: VecDeque::new(),
            batch: Vec::new(),
            ranked: BinaryHeap::new(),
            ranked_for: None,
            rules: liq.venue_rules,
            mode: liq.mode,
            partial_fraction: liq.partial_fraction,
            partial_above: liq.partial_above,
            max_per_tick: liq.max_per_tick.unwrap_or(f64::INFINITY),
            fee: liq.fee_pct / 100.0,
            adl: liq.adl,
            unwind_usd: liq.fund_unwind_share * params.depth_per_pct,
            vault_left: liq.backstop_capacity,
            fund: params.insurance_fund,
            held: 0.0,
            held_cost: 0.0,
            fees: 0.0,
            realised: 0.0,
            covered: 0.0,
            bad_debt: 0.0,
            now: 0,
            queued_notional: 0.0,
            liquidated_count: 0,
            backstop_notional: 0.0,
            takeover_notional: 0.0,
            adl_qty: 0.0,
            adl_positions: 0,
            liquidated_by_side: [0.0, 0.0],
            opened_notional: 0.0,
            opened_margin: 0.0,
            opened_count: 0,
            recycled_coins: 0.0,
            recycled_cost: 0.0,
            liquidated_now: 0.0,
            stepping: false,
            order_done: 0.0,
            order_pnl: 0.0,
            relisted: [BinaryHeap::new(), BinaryHeap::new()],
            traders_paid: 0.0,
            vault_coins: 0.0,
            vault_cost: 0.0,
            others_coins: 0.0,
            others_cash: 0.0,
        }
    }

    /// The insurance fund's equity at `mark`: its cash and what it holds, valued at the mark.
    pub fn fund_equity(&self, mark: f64) -> f64 {
        self.fund + self.held * mark - self.held_cost
    }

    /// What the fund holds, USD at `mark` (positive whichever side it is).
    pub fn fund_held(&self, mark: f64) -> f64 {
        self.held.abs() * mark
    }

    /// Every account's value at `mark` from its own ledger (`market` holds the book's).
    pub fn audit(&self, mark: f64, market: &Market) -> Audit {
        let mut held = 0.0;
        let mut origin = 0.0;
        for book in &self.books {
            let dir = direction(book.side);
            for p in &book.positions {
                if p.qty > 0.0 {
                    held += p.margin_of(p.qty) + dir * p.qty * (mark - p.entry);
                }
                if !p.on_book {
                    origin -= dir * p.qty0 * (mark - p.entry);
                }
            }
        }
        origin -= self.recycled_coins * mark - self.recycled_cost;
        Audit {
            traders_held: held,
            traders_paid: self.traders_paid,
            fund: self.fund_equity(mark),
            vault: self.vault_coins * mark - self.vault_cost,
            book: market.book_value(mark),
            others: self.others_cash + self.others_coins * mark,
            origin,
            bad_debt: self.bad_debt,
            deposits: self.opened_margin,
            arbitrage: 0.0,
            spot_book: 0.0,
        }
    }

    /// The fund's result on what it took over: realised, plus what it holds valued at `mark`.
    pub fn fund_pnl(&self, mark: f64) -> f64 {
        self.realised + self.held * mark - self.held_cost
    }

    /// The books, long then short.
    pub fn books(&self) -> &[Book; 2] {
        &self.books
    }

    /// An engine for a lent population: [`Engine::new`], noting what the run changes so that
    /// [`Engine::into_books`] hands the population back as it was lent. A caller that runs one
    /// population many times then lends it to each run instead of copying it for each: the log
    /// holds the positions the run changed (those the price reached, and the deleveraged), not
    /// all of them. Its buffers come from `scratch`.
    pub fn lend(
        params: &Params,
        population: Population,
        open_interest: [f64; 2],
        scratch: &mut Scratch,
    ) -> Engine {
        Engine::lent(params, population, open_interest, true, scratch)
    }

    /// [`Engine::lend`] for a caller that will not run the population again: the run notes
    /// nothing, and [`Engine::into_books`] hands the books back at their lent length but with
    /// the run's changes, for the caller to recycle. The buffers taken and handed back are the
    /// same as [`Engine::lend`]'s, so the memory a workspace holds is too.
    pub fn lend_once(
        params: &Params,
        population: Population,
        open_interest: [f64; 2],
        scratch: &mut Scratch,
    ) -> Engine {
        Engine::lent(params, population, open_interest, false, scratch)
    }

    fn lent(
        params: &Params,
        population: Population,
        open_interest: [f64; 2],
        noting: bool,
        scratch: &mut Scratch,
    ) -> Engine {
        let undo = Undo::new([&population.long, &population.short], noting, scratch);
        let mut engine = Engine::new(params, population, open_interest);
        engine.undo = Some(undo);
        engine
    }

    /// The books, once the run is over; a lent population's as they were lent (one lent once:
    /// at their lent lengths, with the run's changes). The undo log's buffers go back to
    /// `scratch`.
    pub fn into_books(mut self, scratch: &mut Scratch) -> [Book; 2] {
        if let Some(undo) = self.undo.take() {
            undo.restore(&mut self.books, scratch);
        }
        self.books
    }

    /// Notional (USD at entry) of breached positions that wait to be liquidated: queued orders,
    /// and positions in the partial pool between two slices.
    pub fn waiting_notional(&self) -> f64 {
        let pooled: f64 = self
            .pool
            .iter()
            .map(|&(side, idx)| self.books[book_index(side)].positions[idx as usize].notional())
            .sum();
        max(self.queued_notional, 0.0) + pooled
    }

    /// Whether nothing waits to be liquidated or offloaded.
    pub fn idle(&self) -> bool {
        self.queue.is_empty() && self.pool.is_empty() && self.held == 0.0
    }

    /// A position to change. Every change to a position goes through here or [`Engine::touch`],
    /// but for the liquidation of one with an order ([`as_generated`]).
    #[inline]
    fn position(&mut self, side: Side, idx: u32) -> &mut Position {
        let b = book_index(side);
        self.touch(b, idx);
        &mut self.books[b].positions[idx as usize]
    }

    /// Notes position `idx` of book `b`, which the caller is about to change, in the undo log
    /// of a lent population. Not inlined: every place that changes a position calls it, and one
    /// copy keeps the wasm small.
    #[inline(never)]
    fn touch(&mut self, b: usize, idx: u32) {
        if let Some(undo) = &mut self.undo {
            undo.note(b, idx, &self.books[b].positions[idx as usize]);
        }
    }

    /// Rule 1: finds every newly breached position at `mark`, in book order and among the
    /// relisted; outside a halt, the partial pool queues its next slices.
    pub fn detect(&mut self, mark: f64, halted: bool) -> Breaches {
        let mut found = Breaches::default();
        for b in 0..2 {
            let side = self.books[b].side;
            while let Some(p) = self.books[b].positions.get(self.swept[b]) {
                // A relisted position is the heap's to watch; its price may be out of order.
                if p.state != State::Relisted && !breached(side, p.liq, mark) {
                    break;
                }
                if p.state == State::Open {
                    self.breach(side, self.swept[b] as u32, &mut found);
                }
                self.swept[b] += 1;
            }
            while let Some(&Ranked { score, idx: Reverse(idx) }) = self.relisted[b].peek() {
                let p = &self.books[b].positions[idx as usize];
                if p.state == State::Relisted && direction(side) * p.liq == score {
                    if !breached(side, p.liq, mark) {
                        break;
                    }
                    self.breach(side, idx, &mut found);
                }
                self.relisted[b].pop();
            }
        }
        if !halted {
            self.slice_pool(mark);
        }
        found
    }

    /// Takes a newly breached position over: to the partial pool when it is large enough to
    /// be liquidated in steps, else whole into the queue.
    #[inline]
    fn breach(&mut self, side: Side, idx: u32, found: &mut Breaches) {
        let (mode, partial_above) = (self.mode, self.partial_above);
        let p = self.position(side, idx);
        let notional = p.notional();
        found.count += 1;
        found.notional += notional;
        if mode == LiquidationMode::Partial && notional > partial_above {
            p.state = State::Pool;
            self.pool.push((side, idx));
        } else {
            p.state = State::Queued;
            let qty = p.qty;
            self.queued_notional += notional;
            self.queue.push_back(Order { side, idx, qty, rest_queued: false, step: false });
        }
    }

    /// Partial mode: each pooled position still in breach queues its next step; one that has
    /// recovered goes back to its trader.
    fn slice_pool(&mut self, mark: f64) {
        let pool = std::mem::take(&mut self.pool);
        for &(side, idx) in &pool {
            let p = self.books[book_index(side)].positions[idx as usize];
            if breached(side, p.liq, mark) {
                let qty = self.step(&p, side, mark);
                self.position(side, idx).state = State::Queued;
                self.queued_notional += qty * p.entry;
                let step = qty < p.qty * (1.0 - DUST);
                self.queue.push_back(Order { side, idx, qty, rest_queued: false, step });
            } else {
                self.relist(side, idx);
            }
        }
        self.pool = pool;
        self.pool.clear();
    }

    /// The coins one step of a partial liquidation closes, so that what remains complies at
    /// `mark`:
    /// - "hyperliquid": `partialFraction` of the original size (Hyperliquid sends 20 % of a
    ///   position over $100 k, then waits; here one tick);
    /// - "binance": what brings the position's notional at the mark down to the top of the
    ///   highest lower tier whose maintenance its equity then meets (Binance "avoids full
    ///   clear of the user's position whenever possible"; Bybit describes the step as the
    ///   difference between the position's value and the lower tier's). With no such tier,
    ///   the whole position.
    fn step(&self, p: &Position, side: Side, mark: f64) -> f64 {
        if self.rules == VenueRules::Hyperliquid {
            return min(p.qty0 * self.partial_fraction, p.qty);
        }
        let dir = direction(side);
        let equity = p.margin_of(p.qty) + dir * p.qty * (mark - p.entry);
        let (now, _) = self.tiers.tier_index(p.qty * mark);
        for lower in (0..now).rev() {
            let tier = self.tiers.tier(lower);
            // Sold at the mark, a step leaves the equity with the rest (it pays no liquidation
            // fee); the rest must then be above the lower tier's maintenance.
            let rest = tier.up_to / mark;
            let sold = p.qty - rest;
            let close_fee = rest * bankruptcy_price(side, p.entry, p.leverage) * tier.close_fee;
            let maintenance = tier.up_to * tier.mmr - tier.cum + close_fee;
            if sold > 0.0 && equity > maintenance {
                return sold;
            }
        }
        p.qty
    }

    /// Hands a position back to its trader, watched by the relist heap at its liquidation price.
    fn relist(&mut self, side: Side, idx: u32) {
        let p = self.position(side, idx);
        p.state = State::Relisted;
        let score = direction(side) * p.liq;
        self.relisted[book_index(side)].push(Ranked { score, idx: Reverse(idx) });
    }

    /// Momentum traders (buyers.rs) sell `notional` USD into the book and hold it as new
    /// shorts at the fill price, in equal parts at `leverages` (each capped by its tier), each
    /// watched by the relist heap from now on. Returns their notional at entry.
    pub fn open_shorts(&mut self, market: &mut Market, notional: f64, leverages: &[f64]) -> f64 {
        let before = market.price();
        let entry = fill_price(before, market.trade(-notional));
        // The book bought what they sold: its ledger holds the other side of the new shorts.
        let qty = notional / before / leverages.len() as f64;
        for &lev in leverages {
            let p = self.opened(Side::Short, entry, qty, lev);
            self.books[1].positions.push(p);
            self.relist(Side::Short, (self.books[1].positions.len() - 1) as u32);
        }
        qty * entry * leverages.len() as f64
    }

    /// A position of `qty` coins opened on the book at `entry` and `leverage` (capped by its
    /// tier), counted as opened during the run: its notional, the margin its trader brings in
    /// (a deposit in the audit) and the open interest.
    fn opened(&mut self, side: Side, entry: f64, qty: f64, leverage: f64) -> Position {
        let cap = self.tiers.tier_for(qty * entry).max_leverage;
        let mut p = open(side, entry, max(min(leverage, cap), 1.0), qty, &self.tiers);
        p.on_book = true;
        self.opened_notional += p.notional();
        self.opened_margin += p.margin_of(qty);
        self.opened_count += 1;
        self.open_interest[book_index(side)] += p.notional();
        p
    }

    /// A trader whose position `idx` on `side` was closed comes back (cycles.rs): the same
    /// notional, bought (or sold, for a short) into the book at the fill price, at `leverage`
    /// (capped by its tier), watched by the relist heap from now on. Does nothing to a position
    /// that is not closed. Returns whether it came back.
    pub fn reopen(&mut self, market: &mut Market, side: Side, idx: u32, leverage: f64) -> bool {
        let b = book_index(side);
        let old = self.books[b].positions[idx as usize];
        if old.state != State::Closed {
            return false;
        }
        let dir = direction(side);
        if !old.on_book {
            // The original counterparty's claim stays on the ledger, valued at every mark.
            self.recycled_coins += dir * old.qty0;
            self.recycled_cost += dir * old.qty0 * old.entry;
        }
        let notional = old.qty0 * old.entry;
        let before = market.price();
        let entry = fill_price(before, market.trade(dir * notional));
        let reopened = self.opened(side, entry, notional / before, leverage);
        *self.position(side, idx) = reopened;
        self.relist(side, idx);
        true
    }

    /// Circuit-breaker reopening: queued positions no longer in breach are handed back.
    /// Returns how many orders were spared.
    pub fn spare(&mut self, mark: f64) -> u32 {
        let mut spared = 0;
        let queue = std::mem::take(&mut self.queue);
        for order in queue {
            let p = self.position(order.side, order.idx);
            if breached(order.side, p.liq, mark) {
                self.queue.push_back(order);
            } else {
                let notional = order.qty * p.entry;
                self.queued_notional -= notional;
                self.relist(order.side, order.idx);
                spared += 1;
            }
        }
        // Orders of one position are adjacent; if any was kept, the position stays queued.
        for i in 0..self.queue.len() {
            let o = self.queue[i];
            self.position(o.side, o.idx).state = State::Queued;
        }
        if self.queue.is_empty() {
            self.queued_notional = 0.0;
        }
        spared
    }

    /// Rules 2–6: executes up to one tick's worth of queued orders after `extra_flow` USD of
    /// other selling (negative) or buying, then the fund's offloading, moving `market`. Returns
    /// what was filled.
    pub fn clear(&mut self, market: &mut Market, extra_flow: f64) -> TickFills {
        let mut fills = TickFills::default();
        self.take_batch();
        self.backstop(market.mark(), &mut fills);
        if extra_flow != 0.0 {
            let before = market.price();
            let after = market.trade(extra_flow);
            let coins = extra_flow / before;
            self.others_coins += coins;
            self.others_cash -= coins * fill_price(before, after);
        }

        // Rule 4: the orders meet the book, one after another, unless they all fill in full.
        let batch = std::mem::take(&mut self.batch);
        if !self.clear_at_once(&batch, market, &mut fills) {
            for order in &batch {
                self.stepping = order.step;
                match self.rules {
                    VenueRules::Binance => self.limit_order(order, market, &mut fills),
                    VenueRules::Hyperliquid => self.market_order(order, market, &mut fills),
                }
                self.finish(order, &mut fills, market.mark());
            }
        }
        self.batch = batch;
        self.batch.clear();

        // Rule 5: the fund offloads, and is itself deleveraged should it go under.
        self.offload(market, &mut fills);
        self.ranked.clear();
        self.ranked_for = None;
        fills
    }

    /// The common case, at the cost of one walk: every order of the batch is on one side and
    /// the whole batch, sold at once, leaves the price where each would still fill in full (at
    /// or better than its bankruptcy price, so no loss reaches the fund). Each then fills at the
    /// walk's average price, as it would one after another, within the walk. Returns false,
    /// touching nothing, when that is not so.
    fn clear_at_once(
        &mut self,
        batch: &[Order],
        market: &mut Market,
        fills: &mut TickFills,
    ) -> bool {
        let Some(first) = batch.first() else {
            return true;
        };
        let side = first.side;
        let dir = direction(side);
        // The tightest bankruptcy price: the highest a long may not fill below (the lowest for
        // shorts), signed so that one comparison serves both sides.
        let mut tightest = f64::NEG_INFINITY;
        let mut qty = 0.0;
        for o in batch {
            if o.side != side {
                return false;
            }
            let p = &self.books[book_index(side)].positions[o.idx as usize];
            tightest = max(tightest, dir * bankruptcy_price(side, p.entry, p.leverage));
            qty += o.qty;
        }
        let before = market.price();
        let after = market.price_after(-dir * qty * before);
        if dir * after < tightest {
            return false;
        }
        market.trade(-dir * qty * before);
        let fill = fill_price(before, after);
        for order in batch {
            self.stepping = order.step;
            let fee = self.settle(order.side, order.idx, order.qty, fill, fills);
            self.take_off(order.side, order.idx, order.qty, fill, fee);
            self.finish(order, fills, market.mark_at(after));
        }
        true
    }

    /// "binance": an immediate-or-cancel order limited at the bankruptcy price, then the fund's
    /// takeover of the rest, then ADL.
    fn limit_order(&mut self, order: &Order, market: &mut Market, fills: &mut TickFills) {
        let (side, dir) = (order.side, direction(order.side));
        let p = self.books[book_index(side)].positions[order.idx as usize];
        let limit = bankruptcy_price(side, p.entry, p.leverage);
        let before = market.price();
        // What fills: all of it, none (the price is already past the limit), or what walks the
        // book to the limit.
        let filled = if dir * (before - limit) <= 0.0 {
            0.0
        } else if dir * (market.price_after(-dir * order.qty * before) - limit) >= 0.0 {
            order.qty
        } else {
            min(order.qty, market.flow_to(limit).abs() / before)
        };
        if filled > 0.0 {
            let after = market.trade(-dir * filled * before);
            let fill = fill_price(before, after);
            let fee = self.settle(side, order.idx, filled, fill, fills);
            self.take_off(side, order.idx, filled, fill, fee);
        }
        let rest = order.qty - filled;
        if rest <= DUST * p.qty0 {
            return;
        }
        // The fund takes over at the bankruptcy price what keeps its equity at the mark ≥ 0;
        // without ADL it has to take everything.
        let mark = market.mark();
        let loss_per_coin = dir * (limit - mark);
        let equity = self.fund_equity(mark);
        let take = if !self.adl {
            rest
        } else if loss_per_coin <= 0.0 {
            if equity > 0.0 {
                rest
            } else {
                0.0
            }
        } else {
            min(rest, max(equity, 0.0) / loss_per_coin)
        };
        if take > 0.0 {
            self.take_over(side, order.idx, take, limit);
            self.take_off_rarely(side, order.idx, take, limit, 0.0);
        }
        let deleverage = rest - take;
        if deleverage > 0.0 {
            fills.fund_ran_dry = true;
            // Closed at the bankruptcy price: the trader's equity is zero, nobody else pays.
            self.deleverage_or_hold(side, order.idx, deleverage, limit, mark, fills);
            self.take_off_rarely(side, order.idx, deleverage, limit, 0.0);
        }
    }

    /// "hyperliquid": a market order for the whole slice; ADL instead when the fund could not
    /// pay its loss past bankruptcy.
    fn market_order(&mut self, order: &Order, market: &mut Market, fills: &mut TickFills) {
        let (side, dir) = (order.side, direction(order.side));
        let before = market.price();
        let flow = -dir * order.qty * before;
        let expected = fill_price(before, market.price_after(flow));
        let (equity, _) = self.settlement(side, order.idx, order.qty, expected);
        if self.adl && equity < 0.0 && -equity > self.fund {
            let p = self.books[book_index(side)].positions[order.idx as usize];
            let bankrupt = bankruptcy_price(side, p.entry, p.leverage);
            self.deleverage_or_hold(side, order.idx, order.qty, bankrupt, market.mark(), fills);
            self.take_off(side, order.idx, order.qty, bankrupt, 0.0);
        } else {
            let after = market.trade(flow);
            let fill = fill_price(before, after);
            let fee = self.settle(side, order.idx, order.qty, fill, fills);
            self.take_off(side, order.idx, order.qty, fill, fee);
        }
    }

    /// The fund takes over `qty` coins of position `idx` at `price` (its bankruptcy price).
    fn take_over(&mut self, side: Side, idx: u32, qty: f64, price: f64) {
        let coins = direction(side) * qty;
        self.held += coins;
        self.held_cost += coins * price;
        self.takeover_notional += qty * self.books[book_index(side)].positions[idx as usize].entry;
    }

    /// Auto-deleverages `qty` coins of bankrupt position `idx` at its bankruptcy price `price`
    /// (ranked at `mark`); what finds no profitable counterparty the fund must hold.
    fn deleverage_or_hold(
        &mut self,
        side: Side,
        idx: u32,
        qty: f64,
        price: f64,
        mark: f64,
        fills: &mut TickFills,
    ) {
        let left = self.deleverage(side, qty, price, mark, fills);
        if left > 0.0 {
            self.take_over(side, idx, left, price);
        }
    }

    /// The fund sells (or buys back) `qty` coins of what it holds, signed like `held`, at
    /// `price`, realising the difference with what they cost.
    fn release(&mut self, qty: f64, price: f64) {
        let share = qty / self.held;
        let gain = qty * price - self.held_cost * share;
        self.fund += gain;
        self.realised += gain;
        self.held_cost -= self.held_cost * share;
        self.held -= qty;
        if share >= 1.0 - DUST {
            (self.held, self.held_cost) = (0.0, 0.0);
        }
    }

    /// Rule 5: the fund offloads part of what it holds into the book, at its pace whatever its
    /// result: what it took over reaches the book, never a counterparty.
    fn offload(&mut self, market: &mut Market, fills: &mut TickFills) {
        if self.held == 0.0 {
            return;
        }
        let before = market.price();
        let qty = self.held.signum() * min(self.held.abs(), self.unwind_usd / before);
        let after = market.trade(-qty * before);
        self.release(qty, fill_price(before, after));
        if self.fund_equity(market.mark()) < 0.0 {
            fills.fund_ran_dry = true;
        }
    }

    /// Rule 2: moves orders from the queue into this tick's batch, up to the throughput cap.
    fn take_batch(&mut self) {
        let mut budget = self.max_per_tick;
        while budget > 0.0 {
            let Some(front) = self.queue.front_mut() else {
                break;
            };
            let entry = self.books[book_index(front.side)].positions[front.idx as usize].entry;
            let notional = front.qty * entry;
            if notional <= budget {
                budget -= notional;
                self.queued_notional -= notional;
                let order = *front;
                self.queue.pop_front();
                self.batch.push(order);
            } else {
                let qty = budget / entry;
                front.qty -= qty;
                self.queued_notional -= budget;
                self.batch.push(Order { qty, rest_queued: true, ..*front });
                budget = 0.0;
            }
        }
        if self.queue.is_empty() {
            self.queued_notional = 0.0;
        }
    }

    /// Rule 3: the backstop vault takes deeply underwater slices at the bankruptcy price.
    fn backstop(&mut self, mark: f64, fills: &mut TickFills) {
        if self.vault_left <= 0.0 {
            return;
        }
        // Orders the vault leaves stay in the batch, in their order, in the batch's own buffer.
        let mut batch = std::mem::take(&mut self.batch);
        let mut kept = 0;
        for i in 0..batch.len() {
            let order = &batch[i];
            let p = self.books[book_index(order.side)].positions[order.idx as usize];
            let tier = self.tiers.tier(p.tier);
            let equity =
                p.margin_of(order.qty) + direction(order.side) * order.qty * (mark - p.entry);
            let close_fee =
                order.qty * bankruptcy_price(order.side, p.entry, p.leverage) * tier.close_fee;
            let maintenance =
                order.qty * mark * tier.mmr - tier.cum * order.qty / p.qty0 + close_fee;
            let notional = order.qty * p.entry;
            if equity < maintenance * 2.0 / 3.0 && notional <= self.vault_left {
                self.vault_left -= notional;
                self.backstop_notional += notional;
                let bankrupt = bankruptcy_price(order.side, p.entry, p.leverage);
                let coins = direction(order.side) * order.qty;
                self.vault_coins += coins;
                self.vault_cost += coins * bankrupt;
                self.take_off_rarely(order.side, order.idx, order.qty, bankrupt, 0.0);
                self.finish(order, fills, mark);
            } else {
                batch[kept] = *order;
                kept += 1;
            }
        }
        batch.truncate(kept);
        self.batch = batch;
    }

    /// Equity of `qty` coins of a position if filled at `price`, and the liquidation fee they
    /// would pay: none for a step of a partial liquidation (`self.stepping`), which reduces a
    /// position and leaves the rest with its trader, rather than liquidating it.
    #[inline]
    fn settlement(&self, side: Side, idx: u32, qty: f64, price: f64) -> (f64, f64) {
        let p = &self.books[book_index(side)].positions[idx as usize];
        let equity = p.margin_of(qty) + direction(side) * qty * (price - p.entry);
        let rate = if self.stepping { 0.0 } else { self.fee };
        let fee = min(rate * qty * price, max(equity, 0.0));
        (equity, fee)
    }

    /// Settles `qty` coins filled at `price`: the fee into the fund, and a loss past bankruptcy
    /// paid by the fund while it can; what it cannot is bad debt. Returns the fee.
    #[inline]
    fn settle(&mut self, side: Side, idx: u32, qty: f64, price: f64, fills: &mut TickFills) -> f64 {
        let (equity, fee) = self.settlement(side, idx, qty, price);
        self.fund += fee;
        self.fees += fee;
        if equity < 0.0 {
            let loss = -equity;
            let paid = min(loss, max(self.fund, 0.0));
            self.fund -= paid;
            self.covered += paid;
            if loss > paid {
                self.bad_debt += loss - paid;
                fills.fund_ran_dry = true;
            }
            if paid > 0.0 && self.fund <= 0.0 {
                fills.fund_ran_dry = true;
            }
        }
        fee
    }

    /// Takes `qty` coins off a position's size, closed at `price` for `fee`, and books them as
    /// liquidated. What they change the position's margin by (their realised PnL less the fee,
    /// but never less than the margin they carried: a loss beyond it is the fund's) is kept for
    /// [`Engine::finish`].
    #[inline]
    fn take_off(&mut self, side: Side, idx: u32, qty: f64, price: f64, fee: f64) {
        let b = book_index(side);
        let p = &mut self.books[b].positions[idx as usize];
        debug_assert!(!as_generated(p), "an order's position was noted when it was breached");
        let qty = min(qty, p.qty);
        self.order_done += qty;
        self.order_pnl += max(direction(side) * qty * (price - p.entry) - fee, -p.margin_of(qty));
        p.qty -= qty;
        let notional = qty * p.entry;
        if !p.hit() {
            p.hit_at = self.now;
            self.liquidated_count += 1;
        }
        self.open_interest[b] -= notional;
        self.liquidated_now += notional;
    }

    /// [`Engine::take_off`] where it is rare (the fund's takeover, ADL, the vault): one copy out
    /// of line, so that the page's wasm inlines it only where every order's fill calls it.
    #[inline(never)]
    fn take_off_rarely(&mut self, side: Side, idx: u32, qty: f64, price: f64, fee: f64) {
        self.take_off(side, idx, qty, price, fee);
    }

    /// After an order is done at `mark`: the position is closed; after a partial step, what
    /// remains keeps its margin and gets a new liquidation price, in the tier of its notional
    /// there, and goes back to its trader if that complies at the mark, or waits for its next
    /// step; or (should rounding leave more than dust of a full liquidation) it stays queued.
    fn finish(&mut self, order: &Order, fills: &mut TickFills, mark: f64) {
        let (done, pnl) =
            (std::mem::take(&mut self.order_done), std::mem::take(&mut self.order_pnl));
        let mode_partial = self.mode == LiquidationMode::Partial;
        let (side, idx) = (order.side, order.idx);
        let p = &mut self.books[book_index(side)].positions[idx as usize];
        debug_assert!(!as_generated(p), "an order's position was noted when it was breached");
        // What the closed coins carried, and the margin behind what remains with it.
        let released = done * p.entry / p.leverage + pnl;
        let margin = p.qty * p.entry / p.leverage + released;
        let keeps = !order.rest_queued && mode_partial && margin > 0.0 && p.qty > DUST * p.qty0;
        if !keeps {
            // Closed, or a piece the throttle split off: what it carried goes back to its trader.
            self.traders_paid += released;
        }
        if p.qty <= DUST * p.qty0 {
            // Dust left by rounding is the trader's too.
            self.traders_paid += p.margin_of(p.qty) + direction(side) * p.qty * (mark - p.entry);
            p.qty = 0.0;
            p.state = State::Closed;
        } else if keeps {
            // Leverage is notional at entry ÷ margin, so every formula of margin.rs holds for
            // the remainder with its new margin.
            p.leverage = p.qty * p.entry / margin;
            p.liq = liquidation_price(side, p.entry, p.leverage, p.qty, &self.tiers);
            p.tier = self.tiers.liquidation_tier(side, p.qty * p.entry, p.leverage).0;
            if breached(side, p.liq, mark) {
                p.state = State::Pool;
                self.pool.push((side, idx));
            } else {
                self.relist(side, idx);
            }
        } else if !order.rest_queued {
            p.state = State::Queued;
            let rest = p.qty;
            self.queued_notional += rest * p.entry;
            self.queue.push_back(Order { qty: rest, step: false, ..*order });
        }
        let done = std::mem::take(&mut self.liquidated_now);
        fills.notional += done;
        self.liquidated_by_side[book_index(side)] += done;
        if side == Side::Long {
            fills.long_notional += done;
        }
        fills.count += 1;
    }

    /// Ranks the open, profitable positions opposite to `bankrupt` at `mark` by BitMEX's
    /// score, PnL % × effective leverage: PnL % = (value at mark − value at entry) ÷ value at
    /// entry, and effective leverage = value at mark ÷ equity at mark, the equity being the
    /// distance to the position's own bankruptcy price. A heap costs O(N) to build and O(log N)
    /// per position deleveraged, instead of sorting the whole side every tick that needs ADL.
    fn rank_opposites(&mut self, bankrupt: Side, mark: f64) {
        let opposite = opposite(bankrupt);
        let dir = direction(opposite);
        let mut ranked = std::mem::take(&mut self.ranked).into_vec();
        ranked.clear();
        for (i, p) in self.books[book_index(opposite)].positions.iter().enumerate() {
            let pnl = dir * (mark - p.entry) / p.entry;
            let held = matches!(p.state, State::Open | State::Relisted);
            if held && p.qty > 0.0 && pnl > 0.0 {
                let cushion = dir * (mark - bankruptcy_price(opposite, p.entry, p.leverage));
                let effective = mark / cushion;
                ranked.push(Ranked { score: pnl * effective, idx: Reverse(i as u32) });
            }
        }
        self.ranked = BinaryHeap::from(ranked);
        self.ranked_for = Some(bankrupt);
    }

    /// Rule 6: closes `qty` coins of a bankrupt `side` against the top-ranked opposite
    /// positions (ranked at `mark`), which shrink by the same quantity, off the book. Both sides
    /// close at the bankrupt quantity's bankruptcy price, where its equity is zero: the
    /// counterparties get that price, not the mark. Returns the quantity that found no
    /// counterparty.
    fn deleverage(
        &mut self,
        side: Side,
        qty: f64,
        price: f64,
        mark: f64,
        fills: &mut TickFills,
    ) -> f64 {
        if self.ranked_for != Some(side) {
            self.rank_opposites(side, mark);
        }
        let b = book_index(opposite(side));
        let mut need = qty;
        while need > 0.0 {
            let Some(&Ranked { idx: Reverse(idx), .. }) = self.ranked.peek() else {
                break;
            };
            self.touch(b, idx);
            let p = &mut self.books[b].positions[idx as usize];
            let take = min(p.qty, need);
            // The counterparty closes at the bankrupt quantity's price: its margin and PnL there.
            self.traders_paid +=
                p.margin_of(take) + direction(opposite(side)) * take * (price - p.entry);
            p.qty -= take;
            need -= take;
            let notional = take * p.entry;
            if !p.deleveraged {
                p.deleveraged = true;
                self.adl_positions += 1;
            }
            if p.qty <= DUST * p.qty0 {
                p.qty = 0.0;
                p.state = State::Closed;
                self.ranked.pop();
            }
            self.open_interest[b] -= notional;
            fills.adl_notional += notional;
            fills.adl_count += 1;
        }
        self.adl_qty += qty - max(need, 0.0);
        max(need, 0.0)
    }
}

/// A position's place in a ranking, highest score first, then lowest index: the ADL ranking, and
/// the relist heaps (score: the liquidation price signed by the side).
#[derive(Clone, Copy, Debug)]
struct Ranked {
    score: f64,
    idx: Reverse<u32>,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score.total_cmp(&other.score).then(self.idx.cmp(&other.idx))
    }
}

/// Average price of a batch that walks the book from `before` to `after`: the geometric mean,
/// exact for linear impact in log price and close for the square-root law.
fn fill_price(before: f64, after: f64) -> f64 {
    // IEEE 754 rounds a square root correctly, so `sqrt` is one instruction and the same bits on
    // every platform; only the transcendental functions need libm for that.
    (before * after).sqrt()
}

/// The other side.
fn opposite(side: Side) -> Side {
    match side {
        Side::Long => Side::Short,
        Side::Short => Side::Long,
    }
}
