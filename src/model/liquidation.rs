//! The venue's liquidation engine: breach detection, the order queue, settlement against the
//! insurance fund, the backstop vault and auto-deleveraging.
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
//! 4. **Route.** At the price the tick's flow would clear at, a slice whose loss past bankruptcy
//!    the insurance fund could not pay is auto-deleveraged instead of sold (when ADL is on).
//! 5. **Clear.** The remaining slices trade as one net order that walks the book from the mark
//!    to the new price; every slice fills at the walk's average price, the geometric mean of
//!    the two.
//! 6. **Settle.** Each slice's equity at the fill, e = margin + PnL, pays the fee
//!    min(feePct · notional at fill, max(e, 0)) into the insurance fund; a negative e is a loss the
//!    fund covers while it can; what it cannot is bad debt.
//! 7. **Deleverage.** An auto-deleveraged slice closes at its bankruptcy price against the
//!    opposite positions ranked highest by PnL % × leverage (BitMEX's ranking), which shrink by
//!    the same quantity; their profit is paid by the bankrupt margin, so no fund is touched.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, VecDeque};

use super::margin::{bankruptcy_price, breached, TierTable};
use super::market::Market;
use super::num::{max, min};
use super::params::{LiquidationMode, Params, Side};
use super::population::{Book, Population, Position, State};

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
    tiers: TierTable,
    swept: [usize; 2],
    pool: Vec<(Side, u32)>,
    queue: VecDeque<Order>,
    batch: Vec<Order>,
    routed: Vec<Order>,
    ranked: BinaryHeap<Ranked>,
    ranked_for: Option<Side>,
    mode: LiquidationMode,
    partial_fraction: f64,
    partial_above: f64,
    max_per_tick: f64,
    fee: f64,
    adl: bool,
    vault_left: f64,
    /// Insurance fund balance, USD.
    pub fund: f64,
    /// Fees paid into the fund, USD.
    pub fees: f64,
    /// Losses the fund paid, USD.
    pub covered: f64,
    /// Losses nobody paid, USD.
    pub bad_debt: f64,
    /// Notional queued and not yet executed, USD at entry.
    pub queued_notional: f64,
    /// Open interest per side (long, short), USD at entry.
    pub open_interest: [f64; 2],
    /// Positions liquidated at least in part.
    pub liquidated_count: u32,
    /// Notional taken by the backstop vault, USD at entry.
    pub backstop_notional: f64,
}

/// Open interest of a population, long and short, USD at entry.
pub fn open_interest(population: &Population) -> [f64; 2] {
    let oi = |b: &Book| b.positions.iter().map(Position::notional).sum::<f64>();
    [oi(&population.long), oi(&population.short)]
}

impl Engine {
    /// An engine for `population` under `params`, whose open interest (long, short; USD at
    /// entry) is `open_interest`, as [`open_interest`] measures it.
    pub fn new(params: &Params, population: Population, open_interest: [f64; 2]) -> Engine {
        let liq = &params.liquidation;
        Engine {
            open_interest,
            books: [population.long, population.short],
            tiers: params.tier_table(),
            swept: [0, 0],
            pool: Vec::new(),
            queue: VecDeque::new(),
            batch: Vec::new(),
            routed: Vec::new(),
            ranked: BinaryHeap::new(),
            ranked_for: None,
            mode: liq.mode,
            partial_fraction: liq.partial_fraction,
            partial_above: liq.partial_above,
            max_per_tick: liq.max_per_tick.unwrap_or(f64::INFINITY),
            fee: liq.fee_pct / 100.0,
            adl: liq.adl,
            vault_left: liq.backstop_capacity,
            fund: params.insurance_fund,
            fees: 0.0,
            covered: 0.0,
            bad_debt: 0.0,
            queued_notional: 0.0,
            liquidated_count: 0,
            backstop_notional: 0.0,
        }
    }

    /// The books, long then short.
    pub fn books(&self) -> &[Book; 2] {
        &self.books
    }

    /// The books, once the run is over.
    pub fn into_books(self) -> [Book; 2] {
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

    /// Whether nothing waits to be liquidated.
    pub fn idle(&self) -> bool {
        self.queue.is_empty() && self.pool.is_empty()
    }

    fn position(&mut self, side: Side, idx: u32) -> &mut Position {
        &mut self.books[book_index(side)].positions[idx as usize]
    }

    /// Rule 1: finds every newly breached position at `mark`; outside a halt, the partial pool
    /// queues its next slices.
    pub fn detect(&mut self, mark: f64, halted: bool) -> Breaches {
        let mut found = Breaches::default();
        for b in 0..2 {
            let side = self.books[b].side;
            while let Some(p) = self.books[b].positions.get_mut(self.swept[b]) {
                if !breached(side, p.liq, mark) {
                    break;
                }
                if p.state == State::Open {
                    found.count += 1;
                    found.notional += p.notional();
                    let idx = self.swept[b] as u32;
                    if self.mode == LiquidationMode::Partial && p.notional() > self.partial_above {
                        p.state = State::Pool;
                        self.pool.push((side, idx));
                    } else {
                        p.state = State::Queued;
                        self.queued_notional += p.notional();
                        self.queue.push_back(Order { side, idx, qty: p.qty, rest_queued: false });
                    }
                }
                self.swept[b] += 1;
            }
        }
        if !halted {
            self.slice_pool(mark);
        }
        found
    }

    /// Partial mode: each pooled position still in breach queues its next slice; one that has
    /// recovered goes back to its trader (and to the sweep, should the mark fall again).
    fn slice_pool(&mut self, mark: f64) {
        let pool = std::mem::take(&mut self.pool);
        for &(side, idx) in &pool {
            let fraction = self.partial_fraction;
            let p = self.position(side, idx);
            if breached(side, p.liq, mark) {
                let qty = min(p.qty0 * fraction, p.qty);
                p.state = State::Queued;
                let notional = qty * p.entry;
                self.queued_notional += notional;
                self.queue.push_back(Order { side, idx, qty, rest_queued: false });
            } else {
                p.state = State::Open;
                self.rewind(side, idx);
            }
        }
        self.pool = pool;
        self.pool.clear();
    }

    /// Puts the sweep pointer back so a spared position can be breached again.
    fn rewind(&mut self, side: Side, idx: u32) {
        let b = book_index(side);
        self.swept[b] = self.swept[b].min(idx as usize);
    }

    /// Circuit-breaker reopening: queued positions no longer in breach are handed back.
    pub fn spare(&mut self, mark: f64) {
        let queue = std::mem::take(&mut self.queue);
        for order in queue {
            let p = self.position(order.side, order.idx);
            if breached(order.side, p.liq, mark) {
                self.queue.push_back(order);
            } else {
                let notional = order.qty * p.entry;
                if p.state == State::Queued {
                    p.state = State::Open;
                }
                self.queued_notional -= notional;
                self.rewind(order.side, order.idx);
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
    }

    /// Rules 2–7: executes up to one tick's worth of queued orders plus `extra_flow` USD of
    /// other selling (negative) or buying, moving `market`. Returns what was filled.
    pub fn clear(&mut self, market: &mut Market, extra_flow: f64) -> TickFills {
        let mark = market.price();
        let mut fills = TickFills::default();
        self.take_batch();
        self.backstop(mark, &mut fills);

        // Rule 4: route slices the fund could not cover to ADL, judged at the expected price.
        let mut flow = extra_flow + self.batch_flow(mark);
        if self.adl && !self.batch.is_empty() {
            let expected = fill_price(mark, market.price_after(flow));
            let mut fund = self.fund;
            let batch = std::mem::take(&mut self.batch);
            for order in &batch {
                let (equity, fee) = self.settlement(order, expected);
                if equity >= 0.0 {
                    fund += fee;
                    self.batch.push(*order);
                } else if -equity <= fund {
                    fund += equity;
                    self.batch.push(*order);
                } else {
                    self.routed.push(*order);
                }
            }
            if !self.routed.is_empty() {
                flow = extra_flow + self.batch_flow(mark);
            }
        }

        // Rule 5: one net order, one price.
        let price = market.trade(flow);
        let fill = fill_price(mark, price);

        // Rule 6: settle.
        let batch = std::mem::take(&mut self.batch);
        for order in &batch {
            let (equity, fee) = self.settlement(order, fill);
            self.fund += fee;
            self.fees += fee;
            if equity < 0.0 {
                let loss = -equity;
                let paid = min(loss, self.fund);
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
            self.close(order, &mut fills);
        }
        self.batch = batch;
        self.batch.clear();

        // Rule 7: deleverage what was routed.
        let routed = std::mem::take(&mut self.routed);
        for order in &routed {
            if self.ranked_for != Some(order.side) {
                self.rank_opposites(order.side, price);
            }
            let left = self.deleverage(order, &mut fills);
            if left > 0.0 {
                // Not enough profitable opposite positions: the rest is a loss nobody pays.
                let part = Order { qty: left, ..*order };
                let (equity, _) = self.settlement(&part, fill);
                self.bad_debt += max(-equity, 0.0);
                fills.fund_ran_dry = true;
            }
            self.close(order, &mut fills);
        }
        self.routed = routed;
        self.routed.clear();
        self.ranked.clear();
        self.ranked_for = None;
        fills
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
        let batch = std::mem::take(&mut self.batch);
        for order in &batch {
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
                self.close(order, fills);
            } else {
                self.batch.push(*order);
            }
        }
    }

    /// Net USD flow of the batch at `price`: longs' liquidations sell, shorts' buy.
    fn batch_flow(&self, price: f64) -> f64 {
        self.batch.iter().map(|o| -direction(o.side) * o.qty * price).sum()
    }

    /// Equity of an order's slice if filled at `price`, and the fee it would pay.
    fn settlement(&self, order: &Order, price: f64) -> (f64, f64) {
        let p = &self.books[book_index(order.side)].positions[order.idx as usize];
        let equity = p.margin_of(order.qty) + direction(order.side) * order.qty * (price - p.entry);
        let fee = min(self.fee * order.qty * price, max(equity, 0.0));
        (equity, fee)
    }

    /// Takes an executed slice off its position and books it as liquidated.
    fn close(&mut self, order: &Order, fills: &mut TickFills) {
        let b = book_index(order.side);
        let mode_partial = self.mode == LiquidationMode::Partial;
        let p = &mut self.books[b].positions[order.idx as usize];
        let qty = min(order.qty, p.qty);
        p.qty -= qty;
        let notional = qty * p.entry;
        if !p.hit {
            p.hit = true;
            self.liquidated_count += 1;
        }
        if p.qty <= DUST * p.qty0 {
            p.qty = 0.0;
            p.state = State::Closed;
        } else if !order.rest_queued && mode_partial {
            p.state = State::Pool;
            self.pool.push((order.side, order.idx));
        } else if !order.rest_queued {
            // Full mode queues a position's whole size, so nothing should remain here; should
            // rounding ever leave more than dust, it stays with the engine rather than vanish.
            p.state = State::Queued;
            let rest = p.qty;
            self.queued_notional += rest * p.entry;
            self.queue.push_back(Order { qty: rest, ..*order });
        }
        self.open_interest[b] -= notional;
        fills.notional += notional;
        fills.count += 1;
    }

    /// Ranks the open, profitable positions opposite to `bankrupt` by PnL % × leverage at
    /// `price`. A heap costs O(N) to build and O(log N) per position deleveraged, instead of
    /// sorting the whole side every tick that needs ADL.
    fn rank_opposites(&mut self, bankrupt: Side, price: f64) {
        let opposite = opposite(bankrupt);
        let mut ranked = std::mem::take(&mut self.ranked).into_vec();
        ranked.clear();
        for (i, p) in self.books[book_index(opposite)].positions.iter().enumerate() {
            let pnl = direction(opposite) * (price - p.entry) / p.entry;
            if p.state == State::Open && p.qty > 0.0 && pnl > 0.0 {
                ranked.push(Ranked { score: pnl * p.leverage, idx: Reverse(i as u32) });
            }
        }
        self.ranked = BinaryHeap::from(ranked);
        self.ranked_for = Some(bankrupt);
    }

    /// Rule 7: closes `order` against the top-ranked opposite positions; returns the quantity
    /// that found no counterparty.
    fn deleverage(&mut self, order: &Order, fills: &mut TickFills) -> f64 {
        let b = book_index(opposite(order.side));
        let mut need = order.qty;
        while need > 0.0 {
            let Some(&Ranked { idx: Reverse(idx), .. }) = self.ranked.peek() else {
                break;
            };
            let p = &mut self.books[b].positions[idx as usize];
            let qty = min(p.qty, need);
            p.qty -= qty;
            need -= qty;
            let notional = qty * p.entry;
            if p.qty <= DUST * p.qty0 {
                p.qty = 0.0;
                p.state = State::Closed;
                self.ranked.pop();
            }
            self.open_interest[b] -= notional;
            fills.adl_notional += notional;
            fills.adl_count += 1;
        }
        max(need, 0.0)
    }
}

/// A position's place in the ADL ranking: highest score first, then lowest index.
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
