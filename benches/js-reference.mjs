// A straightforward typed-array JavaScript implementation of the cascade, the yardstick of
// issues 2 and 19: the engine must beat it by at least 2× in the browser.
//
// "Straightforward" means the obvious algorithm a careful JS programmer would write first: the
// positions live in typed arrays, and each round scans every position once to find the ones the
// mark has crossed, sells (or buys back) all of them as one market order, moves the price, and
// stops when a round liquidates nothing. Its cost is N × rounds, where the engine sorts once and
// then sweeps. `generate` draws a population of the engine's shape the obvious way, so the two
// can also be timed whole, each making its own traders.
//
// The arithmetic is the engine's for one configuration (`referenceParams`):
//   - isolated margin with a flat maintenance rate m (marginTiers "none"): the liquidation price
//     is entry · (1 − 1/L) ÷ (1 − m) for a long and entry · (1 + 1/L) ÷ (1 + m) for a short;
//   - a position is breached when the mark is at or past its liquidation price;
//   - linear impact in log price: a net flow of Q USD (buys positive, valued at the mark) moves
//     ln P by Q ÷ (100 · depthPerPct), a share `permanentImpact` for good and the rest decaying
//     by 2^(−1/recoveryHalfLife) at the start of each tick;
//   - the shock moves ln P by ln(1 + shockPct/100) at tick 0;
//   - full liquidation by market order (Hyperliquid's rule in the engine), no throttle, no
//     backstop, no breaker, no noise, no ADL; the insurance fund pays losses past bankruptcy,
//     which never feeds back into the price, so it is left out here.
// One difference remains, so the two agree closely but not to the last digit
// (benches/browser.mjs prints both and holds them to `AGREEMENT`): where a round's orders would
// push the price past a position's bankruptcy price, the engine walks the book with one order
// after another, each valued at the price the one before left, where this scan values the
// round's orders together at the mark. (Without that, the engine sells them as one order too.)
//
// The population comes in as four columns, {side (0 long, 1 short), notional (USD at entry),
// leverage, entry}: benches/browser.mjs passes the very positions the engine draws for the
// default params (dumped by benches/engine.rs), or what `generate` drew. The module runs in a
// browser and in Node.

/** The engine params under which the engine computes what `cascade` computes (see above). */
export function referenceParams(base) {
  return {
    ...base,
    marginTiers: 'none',
    impactLaw: 'linear',
    volatilityPct: 0,
    circuitBreaker: null,
    liquidation: {
      ...(base.liquidation || {}),
      venueRules: 'hyperliquid',
      mode: 'full',
      maxPerTick: null,
      backstopCapacity: 0,
      adl: false,
    },
  };
}

/**
 * How far the engine and `cascade` may differ on one population and still count as doing the
 * same work: the final price (relative) and the count of liquidated positions (relative). The
 * one difference above moves the final price by 0.05–0.15 % and the count by 0.6–1 % (measured
 * on the two cases benches/browser.mjs runs). A rule the two do not share shows: under Binance's
 * rules, where the fund takes over what does not fill, the default case's count differs by 12 %
 * and its final price by 0.36 %.
 */
export const AGREEMENT = { finalPrice: 0.003, liquidatedCount: 0.02 };

/**
 * A population of the engine's shape (src/model/population.rs) for `params`, drawn the way a JS
 * programmer would first write it, with its own seeded generator (so not the engine's numbers):
 *   - each trader is long with probability `longShare`;
 *   - sizes are Pareto, u^(−1/α) with α = 3 − 1.9 · whaleConcentration, scaled so that each
 *     side adds up to its share of `openInterest`;
 *   - leverage is 1 + (L − 1) · e^(s·z − s²/2) with z standard normal (L = leverage,
 *     s = leverageSpread), capped at 125× and at least 1×;
 *   - the entry is start · e^(σ·z) with σ = entrySpreadPct / 100, drawn again until the
 *     position is solvent at the start price (the engine truncates the same distribution).
 */
export function generate(params, seed) {
  const n = params.traders;
  const m = params.maintenancePct / 100;
  const start = params.startPrice;
  const sigma = params.entrySpreadPct / 100;
  const alpha = 3 - 1.9 * params.whaleConcentration;
  const s = params.leverageSpread;
  // mulberry32: a small, well-known 32-bit generator.
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  // Box–Muller.
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());

  const side = new Uint8Array(n);
  const notional = new Float64Array(n);
  const leverage = new Float64Array(n);
  const entry = new Float64Array(n);
  const total = [0, 0];
  for (let i = 0; i < n; i++) {
    const short = uniform() < params.longShare ? 0 : 1;
    side[i] = short;
    notional[i] = Math.pow(uniform(), -1 / alpha);
    total[short] += notional[i];
    const lev = Math.min(125, Math.max(1, 1 + (params.leverage - 1) * Math.exp(s * normal() - (s * s) / 2)));
    leverage[i] = lev;
    const ratio = short ? (1 + 1 / lev) / (1 + m) : (1 - 1 / lev) / (1 - m);
    let e = start;
    for (let tries = 0; tries < 100; tries++) {
      e = start * Math.exp(sigma * normal());
      if (short ? e * ratio > start : e * ratio < start) break;
      e = short ? start / ratio + 1e-9 : start / ratio - 1e-9;
    }
    entry[i] = e;
  }
  const scale = [
    (params.openInterest * params.longShare) / (total[0] || 1),
    (params.openInterest * (1 - params.longShare)) / (total[1] || 1),
  ];
  for (let i = 0; i < n; i++) notional[i] *= scale[side[i]];
  return { side, notional, leverage, entry };
}

/** The same population as the engine's `params.positions` list. */
export function toPositions(pop) {
  const out = new Array(pop.side.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = {
      side: pop.side[i] ? 'short' : 'long',
      notional: pop.notional[i],
      leverage: pop.leverage[i],
      entry: pop.entry[i],
    };
  }
  return out;
}

/** Liquidation price of an isolated position under a flat maintenance rate `m`. */
function liquidationPrice(short, entry, leverage, m) {
  return short
    ? (entry * (1 + 1 / leverage)) / (1 + m)
    : Math.max(0, (entry * (1 - 1 / leverage)) / (1 - m));
}

/**
 * Runs the cascade on `pop` under `params` (complete engine params, as from `defaultParams()`).
 * Returns the final price at the end of the horizon, the lowest and highest prices, and what was
 * liquidated; `rounds` counts the scans.
 */
export function cascade(pop, params) {
  const n = pop.side.length;
  const m = params.maintenancePct / 100;
  const start = params.startPrice;
  const depth = params.depthPerPct;
  const permanent = params.permanentImpact;
  const decay = Math.exp(-Math.LN2 / params.recoveryHalfLife);

  // Each position's liquidation price and size in coins, once.
  const liq = new Float64Array(n);
  const qty = new Float64Array(n);
  const open = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    liq[i] = liquidationPrice(pop.side[i], pop.entry[i], pop.leverage[i], m);
    qty[i] = pop.notional[i] / pop.entry[i];
  }

  let perm = 0;
  let trans = 0;
  let low = start;
  let high = start;
  let liquidatedCount = 0;
  let liquidatedNotional = 0;
  let rounds = 0;
  let t = 0;
  for (; t < params.ticks; t++) {
    trans *= decay;
    if (t === 0) perm += Math.log1p(params.shockPct / 100);
    const mark = start * Math.exp(perm + trans);

    // One scan: every open position the mark has crossed is liquidated, as one order.
    rounds++;
    let flow = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (open[i] === 0) continue;
      const short = pop.side[i];
      if (short ? mark >= liq[i] : mark <= liq[i]) {
        open[i] = 0;
        count++;
        liquidatedNotional += pop.notional[i];
        flow += short ? qty[i] * mark : -qty[i] * mark;
      }
    }
    const dx = flow / (100 * depth);
    perm += permanent * dx;
    trans += (1 - permanent) * dx;
    const price = start * Math.exp(perm + trans);
    low = Math.min(low, price);
    high = Math.max(high, price);
    liquidatedCount += count;
    if (count === 0) break;
  }
  // The market stays quiet to the end of the horizon; only the transient impact decays.
  const left = Math.max(0, params.ticks - 1 - t);
  const finalPrice = start * Math.exp(perm + trans * Math.pow(decay, left));
  return { finalPrice, minPrice: low, maxPrice: high, liquidatedCount, liquidatedNotional, rounds };
}
