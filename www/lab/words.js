// Results in plain language: headlines, narrated events, the criticality gauge's meaning and the
// charts' text alternatives. Pure functions of the API's output; no DOM access.

import { count, duration, num, pct, share, times, usd, NBSP } from './format.js';

/** The four runs of `compare()`, in the order the page shows them. */
export const SCENARIOS = [
  { key: 'none', name: 'No mitigation', short: 'none' },
  { key: 'circuitBreaker', name: 'Circuit breaker', short: 'breaker' },
  { key: 'marginTiers', name: 'Margin tiers', short: 'tiers' },
  { key: 'both', name: 'Breaker + tiers', short: 'both' },
];

/** Scenario display name by key. */
export function scenarioName(key) {
  return (SCENARIOS.find((s) => s.key === key) || { name: key }).name;
}

/** The move of the run in the shock's direction, signed: −23 for a 23 % fall after a drop. */
export function signedMove(summary) {
  const direction = summary.shockPct < 0 ? -1 : 1;
  return direction * summary.maxMovePct;
}

/** Price as a signed % change from the start: 96.8 from 100 → −3.2. */
export function changePct(price, startPrice) {
  return (price / startPrice - 1) * 100;
}

/**
 * The one rule for naming a move, wherever the page names one: by its size, whatever the shock
 * (under 5 % a dip or a rise, under 15 % a slide or a squeeze, 15 % and more a crash or a short
 * squeeze). Whether the cascade grew it is the verb's job: a move under 1.25 times the shock
 * "stayed" what the shock made it; a grown one "grew into" a slide or "became" a crash. So a
 * −50 % shock that stays near −50 % is a crash that stayed one, never a dip.
 */
export function moveWord(summary) {
  const fall = summary.shockPct < 0 || (summary.shockPct === 0 && summary.minPrice < summary.startPrice);
  const size = summary.maxMovePct;
  if (size < 5) return fall ? 'dip' : 'rise';
  if (size < 15) return fall ? 'slide' : 'squeeze';
  return fall ? 'crash' : 'short squeeze';
}

/**
 * The shock in words, without an article, for the caller's "A", "a" or "the same": "−5 % shock"
 * (or "jump"); or, for a sell (buy) program, what was sold and the move it would make on a calm
 * book, which the amplification is measured against: "$4.1 B sale (−9.7 % on a calm book)",
 * "sale worth −6.5 % on a calm book". `params` are the run's; without them every shock reads as
 * a gap.
 */
export function shockWords(summary, params = null) {
  const shock = summary.shockPct;
  const dollars = params && params.shockUsd !== null && params.shockUsd !== undefined;
  // A program of no size is no program (the model then trades nothing): a gap of 0 %.
  if (shock === 0 || (!dollars && !(params && params.shockTicks > 1))) return `${pct(shock, { sign: true })} ${shock < 0 ? 'shock' : 'jump'}`;
  const kind = shock < 0 ? 'sale' : 'purchase';
  return dollars
    ? `${usd(params.shockUsd)} ${kind} (${pct(shock, { sign: true })} on a calm book)`
    : `${kind} worth ${pct(shock, { sign: true })} on a calm book`;
}

/** What the shock became, by `moveWord`'s rule: "grew into a −8.9 % slide". */
export function became(summary) {
  const amp = summary.amplification;
  const verb = amp < 1.25 ? 'stayed' : summary.maxMovePct < 15 ? 'grew into' : 'became';
  return `${verb} a ${pct(signedMove(summary), { sign: true })} ${moveWord(summary)}`;
}

/**
 * The headline of one run, e.g. "A −5 % shock became a −23 % crash (4.6×): $1.2 B liquidated,
 * 38 % of traders wiped out." With the run's `params`, a sell program is told as one
 * (shockWords).
 */
export function headline(summary, params = null) {
  const shock = summary.shockPct;
  if (shock === 0) {
    return `No shock: the price moved at most ${pct(summary.maxMovePct)} and ${usd(summary.liquidatedNotional)} was liquidated.`;
  }
  return (
    `A ${shockWords(summary, params)} ${became(summary)} (${times(summary.amplification)}): ` +
    `${usd(summary.liquidatedNotional)} liquidated, ${share(summary.liquidatedShare)} of traders wiped out.`
  );
}

/**
 * Short extra facts for a scenario card: halts, bad debt, auto-deleveraging. `twoVenues`: the
 * run has a second venue, which the arbitrageurs trade too.
 */
export function extras(summary, tickSeconds, twoVenues = false) {
  const lines = [];
  if (summary.halts > 0) {
    lines.push(
      `halted ${summary.halts === 1 ? 'once' : `${summary.halts} times`} (${duration(summary.haltedTicks * tickSeconds)} in all)`,
    );
  }
  if (summary.waitingAtEnd > 0) {
    lines.push(
      summary.endedHalted
        ? `still halted at the end, with ${usd(summary.waitingAtEnd)} of liquidations waiting (not counted as liquidated)`
        : `${usd(summary.waitingAtEnd)} of liquidations still waiting at the end (not counted as liquidated)`,
    );
  }
  if (summary.fundTakeoverNotional > 0) {
    lines.push(`the insurance fund took over ${usd(summary.fundTakeoverNotional)} the book could not absorb, to sell on slowly`);
  }
  if (summary.fundHeldAtEnd > 0) {
    lines.push(`the run ends with ${usd(summary.fundHeldAtEnd)} still held by the insurance fund, not yet sold: a longer run would show where it takes the price`);
  }
  if (summary.shortsOpenedNotional > 0) {
    lines.push(`traders sold ${usd(summary.shortsOpenedNotional)} of new shorts into the fall`);
  }
  if (summary.dipBuyersSpent > 0) {
    const back = summary.finalPrice - summary.minPrice;
    const rebound = back > 0 ? `, and the price came back ${pct((back / summary.startPrice) * 100)} from its low` : '';
    lines.push(`dip buyers spent ${usd(summary.dipBuyersSpent)}${rebound}`);
  }
  if (summary.liquidatedShortNotional > 0) {
    lines.push(
      `${usd(summary.liquidatedShortNotional)} of the liquidations (${share(summary.liquidatedShortNotional / summary.liquidatedNotional)}) were shorts, caught as the price rose`,
    );
  }
  if (Math.abs(summary.widestBasisPct) >= 0.5) {
    const side = summary.widestBasisPct < 0 ? 'below' : 'above';
    lines.push(`the futures traded up to ${pct(Math.abs(summary.widestBasisPct))} ${side} spot`);
  }
  if (summary.arbitrageNotional > 0) {
    const where = twoVenues ? 'against spot and the second venue' : 'between futures and spot';
    lines.push(`arbitrageurs traded ${usd(summary.arbitrageNotional)} ${where}`);
  }
  if (summary.badDebt > 0) lines.push(`${usd(summary.badDebt)} bad debt`);
  if (summary.adlNotional > 0) {
    lines.push(
      `${usd(summary.adlNotional)} of winning positions auto-deleveraged off the book (${count(summary.adlPositions)} traders), which brakes the fall`,
    );
  }
  if (summary.insuranceFundStart > 0 && summary.insuranceFundEnd <= 0) lines.push('insurance fund emptied');
  return lines;
}

/**
 * What the second venue of a two-venue run went through, in numbers, for its line in any
 * language: its summary; what the arbitrageurs between the venues sold into its book (their
 * trades with spot apart); and its first liquidations, if any: their tick, what arbitrage had
 * carried over by then, and what set them off (`carried` that selling, `halt` the first venue's
 * sellers during its halt, `news` the shock's news, or null).
 */
export function secondVenueFacts(outcome) {
  const second = outcome.secondVenue;
  const flow = second.series.arbitrage;
  const soldBy = (end) => {
    let sold = 0;
    for (let t = 0; t < end; t += 1) if (flow[t] < 0) sold -= flow[t];
    return sold;
  };
  const event = second.events.find((e) => e.kind === 'wave' || e.kind === 'queued');
  let first = null;
  if (event) {
    const before = soldBy(event.tick);
    const halted = outcome.series.halted;
    const duringHalt = event.tick > 0 && (halted[event.tick] === 1 || halted[event.tick - 1] === 1);
    let cause = null;
    if (before > 0) cause = 'carried';
    else if (duringHalt) cause = 'halt';
    else if (event.tick === 0 && second.events.some((e) => e.kind === 'shock')) cause = 'news';
    first = { tick: event.tick, before, cause };
  }
  return { summary: second.summary, sold: soldBy(flow.length), first };
}

/**
 * The second venue of a two-venue run, in a line for its scenario's card: how far it fell, what
 * it liquidated, and what the arbitrageurs carried over to it from the first.
 */
export function secondVenueLine(outcome, tickSeconds = 1) {
  const { summary: b, sold, first } = secondVenueFacts(outcome);
  const halted = b.halts > 0 ? `, halted ${b.halts === 1 ? 'once' : `${b.halts} times`}` : '';
  const adl = b.adlNotional > 0 ? `; ${usd(b.adlNotional)} of winning positions auto-deleveraged` : '';
  let how = sold > 0 ? `; arbitrage carried ${usd(sold)} of the first venue's selling over` : '';
  if (first) {
    const cause = {
      carried: ` (after ${usd(first.before)} of it)`,
      halt: " (the first venue's sellers, during its halt)",
      news: " (the shock's news)",
    }[first.cause] ?? '';
    how += `; its liquidations from ${at(first.tick, tickSeconds)}${cause}`;
  }
  return (
    `second venue: ${pct(signedMove(b), { sign: true })}, ${usd(b.liquidatedNotional)} liquidated ` +
    `(${share(b.liquidatedNotional / b.openInterest)} of its open interest)${adl}${halted}${how}`
  );
}

/**
 * Time of a tick as words: "t = 12 s", the end of tick 11, where the price chart draws that
 * tick's price and its cursor (tick 0, the shock's, ends at t = 1 s for one-second ticks).
 */
export function at(tick, tickSeconds) {
  return `t${NBSP}=${NBSP}${duration((tick + 1) * tickSeconds)}`;
}

function positions(n) {
  return `${count(n)} position${n === 1 ? '' : 's'}`;
}

/**
 * An event's price as a signed move from the start, and how `pct` prints it: a move under 1 %
 * with two decimals, so a sell program's first steps do not read "price 0 %".
 */
export function eventMove(event, startPrice) {
  const move = changePct(event.price, startPrice);
  return [move, { sign: true, decimals: Math.abs(move) < 1 ? 2 : 1 }];
}

/**
 * The seconds a breaker on speed measures its fall over (from the highest price of its window,
 * not the start: may-2010's Stop Logic), or null for a breaker that measures from the start.
 */
export function speedWindow(breaker, tickSeconds) {
  return breaker && breaker.reference === 'rollingHigh' ? Math.max(breaker.windowTicks - 1, 1) * tickSeconds : null;
}

/**
 * One event as a sentence, e.g. "t = 12 s: 340 positions liquidated ($48 M), price −3.2 % —
 * this knocks over the next 512." `breaker` is the params' circuitBreaker (null: the default,
 * which measures the fall from the start), so a halt on speed is told as one.
 */
export function narrate(event, startPrice, tickSeconds, breaker = null) {
  const when = at(event.tick, tickSeconds);
  const price = pct(...eventMove(event, startPrice));
  switch (event.kind) {
    case 'shock':
      if (event.count === 1) {
        return `${when}: ${usd(event.notional)} is ${event.levelPct < 0 ? 'sold' : 'bought'} into the book at once, enough to move a calm book ${pct(event.levelPct, { sign: true })}.`;
      }
      return event.count > 1
        ? `${when}: a ${event.levelPct < 0 ? 'sell' : 'buy'} program starts: ${usd(event.notional)}, enough to move a calm book ${pct(event.levelPct, { sign: true })} at once, traded in ${count(event.count)} slices, one a step.`
        : `${when}: the shock hits and the price moves ${pct(event.levelPct, { sign: true })}.`;
    case 'wave': {
      const next =
        event.nextCount > 0
          ? `this knocks over the next ${count(event.nextCount)}`
          : 'nobody new is knocked over by it';
      return `${when}: ${positions(event.count)} liquidated (${usd(event.notional)}), price ${price} — ${next}.`;
    }
    case 'queued':
      return `${when}: during the halt, ${positions(event.count)} (${usd(event.notional)}) fell below maintenance at the indicative price ${price}. Nothing is sold yet: their liquidations wait in the queue for the reopening.`;
    case 'halt': {
      const window = speedWindow(breaker, tickSeconds);
      const fall = window === null
        ? `the price is ${pct(event.levelPct)} down`
        : `the price has fallen ${pct(event.levelPct)} within ${duration(window)}, to ${price}`;
      return `${when}: ${fall}, so the circuit breaker halts trading. The book refills while nobody trades.`;
    }
    case 'resume': {
      const spared = event.count > 0 ? ` The refilled book put ${positions(event.count)} back above maintenance: spared.` : '';
      const rest =
        event.notional > 0
          ? ` ${usd(event.notional)} of liquidations that waited go to market now.`
          : ' No liquidation is left waiting.';
      return `${when}: trading resumes at ${price}.${spared}${rest}`;
    }
    case 'fundExhausted':
      return `${when}: the insurance fund can no longer cover what it holds; what the book cannot absorb now falls on winning traders through auto-deleveraging, or becomes bad debt.`;
    case 'adl':
      return `${when}: auto-deleveraging closes ${positions(event.count)} on the winning side (${usd(event.notional)}).`;
    case 'calm':
      return `${when}: the cascade stops at ${price}: no position is left below its liquidation price.`;
    default:
      return `${when}: ${event.kind}.`;
  }
}

/**
 * The story's last line when the run ends before the cascade does: liquidations still waiting
 * (a halt that outlasts the run) or positions the insurance fund has not sold yet. Null otherwise.
 */
export function ending(summary, ticks, tickSeconds) {
  const when = at(ticks - 1, tickSeconds);
  const parts = [];
  if (summary.waitingAtEnd > 0) {
    parts.push(
      `${usd(summary.waitingAtEnd)} of liquidations still ${summary.endedHalted ? 'wait for the market to reopen' : 'wait in the queue'}`,
    );
  }
  if (summary.fundHeldAtEnd > 0) parts.push(`the insurance fund still holds ${usd(summary.fundHeldAtEnd)} it has not sold`);
  if (!parts.length) return null;
  return `${when}: the run ends, but the cascade has not: ${parts.join(', and ')}. None of it is counted as liquidated; a longer run shows where it takes the price.`;
}

/** The meaning of a branching ratio n, in one sentence. */
export function branchingMeaning(n) {
  if (!Number.isFinite(n)) return '';
  const cents = Math.round(n * 100);
  if (n >= 1) {
    return `Runaway: each liquidated dollar knocks over ${usd(n)} more, so once started the cascade feeds itself until it runs out of dominoes.`;
  }
  if (n >= 0.5) {
    const gain = 1 / (1 - n);
    return `Fragile: each liquidated dollar knocks over ${cents} cents more, so the first wave is multiplied about ${times(gain)} before the chain dies out.`;
  }
  return `Stable: each liquidated dollar knocks over ${cents} cents more, so a chain dies out quickly.`;
}

/**
 * The forced selling the venue took off the book, for the gauge in any language: [by, dollars]
 * for each of the insurance fund (`fund`), the backstop vault (`backstop`) and
 * auto-deleveraging (`adl`) that took any.
 */
export function offBook(summary) {
  return [
    ['fund', summary.fundTakeoverNotional],
    ['backstop', summary.backstopNotional],
    ['adl', summary.adlNotional],
  ].filter(([, amount]) => amount > 0);
}

/** Text for the gauge: start n, peak n and where the peak band is. */
export function gaugeText(summary) {
  const n = summary.branchingRatio;
  const peak = summary.peakBranchingRatio;
  const where = pct(summary.peakBranchingAtPct, { sign: true });
  let peakSentence =
    peak >= 1
      ? `The densest band of liquidation prices, at ${where} from the start, has n${NBSP}=${NBSP}${num(peak, 2)}: if the price gets there, the cascade runs away.`
      : `Even the densest band, at ${where}, has n${NBSP}=${NBSP}${num(peak, 2)}, below 1: no band can run away on its own.`;
  // The branching ratio counts selling into the book. When the venue took part of the selling
  // off the book, that, not the book, is part of why the chain stopped: say so, as the card does.
  const who = {
    fund: 'the insurance fund took over',
    backstop: 'the backstop vault took',
    adl: 'auto-deleveraging closed against winning positions',
  };
  const taken = offBook(summary);
  if (taken.length) {
    const what = taken.map(([by, amount]) => `${who[by]} ${usd(amount)}`).join(', ');
    peakSentence += ` Not all the forced selling reached the book: ${what}. That is part of why the fall stopped where it did.`;
  }
  // n at the start can be low while denser bands further down grow the shock: then the gauge
  // must not say "dies out quickly" beside a card that shows the move doubled.
  const cents = Math.round(n * 100);
  const grew = summary.amplification >= 1.5 && n < 0.5 && Number.isFinite(n);
  const now = grew
    ? `Stable at the start: each liquidated dollar knocks over ${cents} cents more. But the liquidation prices crowd closer further down, so this chain grew the shock ${times(summary.amplification)} before it died out.`
    : branchingMeaning(n);
  return { now, peak: peakSentence };
}

function lowestLiquidatedPrice(map) {
  const buckets = map.longLiquidated.length;
  if (!buckets) return null;
  const width = (map.highPrice - map.lowPrice) / buckets;
  for (let i = 0; i < buckets; i += 1) {
    if (map.longLiquidated[i] > 0) return map.lowPrice + i * width;
  }
  return null;
}

function highestLiquidatedPrice(map) {
  const buckets = map.shortLiquidated.length;
  const width = (map.highPrice - map.lowPrice) / buckets;
  for (let i = buckets - 1; i >= 0; i -= 1) {
    if (map.shortLiquidated[i] > 0) return map.lowPrice + (i + 1) * width;
  }
  return null;
}

function sum(array) {
  let total = 0;
  for (const x of array) total += x;
  return total;
}

/** The largest value of `array` (0 if none is positive) and its index. */
export function peak(array) {
  let best = 0;
  let at = 0;
  array.forEach((x, i) => {
    if (x > best) {
      best = x;
      at = i;
    }
  });
  return { value: best, index: at };
}

/** The price chart's text alternative: each scenario's worst move, halts and the biggest wave. */
export function priceChartLabel(comparison, tickSeconds, params = null) {
  const none = comparison.none;
  const ticks = none.series.price.length;
  const parts = SCENARIOS.map(({ key, name }) => {
    const s = comparison[key].summary;
    const halts = s.halts > 0 ? `, ${s.halts} halt${s.halts === 1 ? '' : 's'}` : '';
    return `${name}: ${pct(signedMove(s), { sign: true })}${halts}`;
  });
  const biggest = peak(none.series.liquidatedNotional);
  const second = none.secondVenue
    ? ` Dashed: the second venue's price; with no mitigation it moves ${pct(signedMove(none.secondVenue.summary), { sign: true })}.`
    : '';
  return (
    `Price over ${duration(ticks * tickSeconds)} after a ${shockWords(none.summary, params)}, ` +
    `worst move per scenario. ${parts.join('; ')}. ` +
    `Bars: liquidations per tick; with no mitigation the largest is ${usd(biggest.value)} at ${at(biggest.index, tickSeconds)}.${second}`
  );
}

/**
 * What the liquidation map shows, in numbers, for its text alternative in any language: the
 * notional liquidated and still open on each side, the furthest liquidated price on each side
 * (null if none) and, at a `cursor` tick, what had been liquidated by then and the price then.
 */
export function mapFacts(outcome, cursor = null) {
  const map = outcome.liquidationMap;
  const facts = {
    start: outcome.summary.startPrice,
    longLiq: sum(map.longLiquidated),
    longLeft: sum(map.longSurvived),
    shortLiq: sum(map.shortLiquidated),
    shortLeft: sum(map.shortSurvived),
    low: lowestLiquidatedPrice(map),
    high: highestLiquidatedPrice(map),
    now: null,
  };
  if (cursor !== null) {
    // What had fallen by the end of the cursor's tick (liquidationMap.fallen*: bucket < n is a long).
    const n = map.longLiquidated.length;
    let longs = 0;
    let shorts = 0;
    map.fallenTick.forEach((tick, i) => {
      if (tick > cursor) return;
      if (map.fallenBucket[i] < n) longs += map.fallenNotional[i];
      else shorts += map.fallenNotional[i];
    });
    const prices = outcome.series.price;
    facts.now = { longs, shorts, price: prices[Math.min(cursor, prices.length - 1)] };
  }
  return facts;
}

/** The liquidation map's text alternative for one scenario's outcome. */
export function mapLabel(outcome, scenarioKey, cursor = null, tickSeconds = 1) {
  const { start, longLiq, longLeft, shortLiq, shortLeft, low, high, now: then } = mapFacts(outcome, cursor);
  const reach = [];
  if (low !== null) reach.push(`longs were liquidated down to ${pct(changePct(low, start), { sign: true })}`);
  if (high !== null) reach.push(`shorts up to ${pct(changePct(high, start), { sign: true })}`);
  let now = '';
  if (then) {
    const { longs, shorts, price } = then;
    now =
      `${at(cursor, tickSeconds)}, with the price at ${pct(changePct(price, start), { sign: true })}: ` +
      `${usd(longs)} of longs and ${usd(shorts)} of shorts liquidated so far, ` +
      `${usd(longLiq + longLeft - longs)} of longs and ${usd(shortLiq + shortLeft - shorts)} of shorts still standing. `;
  }
  return (
    `Liquidation prices (${scenarioName(scenarioKey)}), long positions below the start price and shorts above. ` +
    now +
    `${now ? 'By the end of the run, liquidated' : 'Liquidated'}: ${usd(longLiq)} of longs and ${usd(shortLiq)} of shorts; still open: ${usd(longLeft)} of longs and ${usd(shortLeft)} of shorts. ` +
    (reach.length ? `The cascade reached: ${reach.join(', ')}.` : 'Nothing was liquidated.')
  );
}
