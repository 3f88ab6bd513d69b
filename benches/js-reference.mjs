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
// The population comes in as four columns, {side (0 long, 1 short), notional (USD at entry),
// leverage, entry}: benches/browser.mjs passes the very positions the engine draws for the
// default params (dumped by benches/engine.rs). The module runs in a browser and in Node.

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
