// A straightforward typed-array JavaScript implementation of the cascade, the yardstick of
// issue 2: the engine must beat it by at least 2× in the browser on the same population.
//
// "Straightforward" means the obvious algorithm a careful JS programmer would write first: the
// positions live in typed arrays, and each round scans every position once to find the ones the
// mark has crossed, sells (or buys back) all of them as one order, moves the price, and stops when
// a round liquidates nothing. Its cost is N × rounds, where the engine sorts once (N log N) and
// then sweeps.
//
// It reproduces the engine's arithmetic for one configuration, so both must land on the same
// final price (benches/browser.mjs checks it):
//   - isolated margin with a flat maintenance rate m (marginTiers "none"): the liquidation price
//     is entry · (1 − 1/L) ÷ (1 − m) for a long and entry · (1 + 1/L) ÷ (1 + m) for a short;
//   - a position is breached when the mark is at or past its liquidation price;
//   - linear impact in log price: a net flow of Q USD (buys positive, valued at the mark) moves
//     ln P by Q ÷ (100 · depthPerPct), a share `permanentImpact` for good and the rest decaying
//     by 2^(−1/recoveryHalfLife) at the start of each tick;
//   - the shock moves ln P by ln(1 + shockPct/100) at tick 0;
//   - full liquidation, no throttle, no backstop, no breaker, no noise, no ADL (with ADL off the
//     insurance fund and fees never feed back into the price, so they are left out here).
//
// The module runs in a browser and in Node (it only uses typed arrays and Math).

/** The engine params under which the engine computes exactly what `cascade` computes. */
export function referenceParams(base) {
  return {
    ...base,
    marginTiers: 'none',
    impactLaw: 'linear',
    volatilityPct: 0,
    circuitBreaker: null,
    liquidation: {
      ...(base.liquidation || {}),
      mode: 'full',
      maxPerTick: null,
      backstopCapacity: 0,
      adl: false,
    },
  };
}

/**
 * mulberry32: a small seeded 32-bit generator (Tommy Ettinger's), good enough to draw a
 * benchmark population. Returns uniforms in (0, 1).
 */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller, one of the pair). */
function normal(uniform) {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Draws a population like the engine's generator does, from the same knobs: Pareto sizes
 * scaled to each side's share of `openInterest`, leverage 1 + (mean − 1) · log-normal, entries
 * log-normal around the start price and redrawn until the position is solvent at the start.
 * Side is 0 for long, 1 for short.
 */
export function makePopulation(p, n, seed = 1) {
  const uniform = generator(seed);
  const side = new Uint8Array(n);
  const notional = new Float64Array(n);
  const leverage = new Float64Array(n);
  const entry = new Float64Array(n);
  const alpha = 3 - 1.9 * p.whaleConcentration;
  const s = p.leverageSpread;
  const m = p.maintenancePct / 100;
  const sigma = p.entrySpreadPct / 100;
  const sums = [0, 0];
  for (let i = 0; i < n; i++) {
    const short = uniform() < p.longShare ? 0 : 1;
    side[i] = short;
    notional[i] = Math.pow(uniform(), -1 / alpha);
    sums[short] += notional[i];
    const lev = 1 + (p.leverage - 1) * Math.exp(s * normal(uniform) - (s * s) / 2);
    leverage[i] = Math.min(lev, 125);
    let e = p.startPrice;
    for (let tries = 0; tries < 64; tries++) {
      const candidate = p.startPrice * Math.exp(sigma * normal(uniform));
      const liq = liquidationPrice(short, candidate, leverage[i], m);
      if (short ? liq > p.startPrice : liq < p.startPrice) {
        e = candidate;
        break;
      }
    }
    entry[i] = e;
  }
  const scale = [
    (p.openInterest * p.longShare) / (sums[0] || 1),
    (p.openInterest * (1 - p.longShare)) / (sums[1] || 1),
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
