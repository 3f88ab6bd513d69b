// Types of the explorations (src/wasm/explore.rs), placed in the generated
// leverage_cascade.d.ts after those of api.d.ts. Ranges are those of src/model/explore.rs.

/**
 * Called as an exploration advances, with the work done and the total (rows × columns of a
 * sweep, or runs). Return `false` to stop early; any other return value goes on.
 */
export type ProgressCallback = (done: number, total: number) => boolean | void;

/** One axis of a sweep. */
export interface SweepAxis {
  /** A numeric params field by path: "leverage", "depthPerPct", "circuitBreaker.levelsPct[0]". */
  field: string;
  /** First value. */
  from: number;
  /** Last value. */
  to: number;
  /** Number of even steps from `from` to `to`, whole, 1 ..= 200 (x.steps × y.steps ≤ 40000). */
  steps: number;
}

/** What a sweep measures in each cell (the `Summary` field of the same name). */
export type SweepMetric = "amplification" | "maxDrawdownPct" | "liquidatedShare" | "badDebt";

/** A grid of two params and a metric. */
export interface SweepSpec {
  x: SweepAxis;
  y: SweepAxis;
  metric: SweepMetric;
}

/** A sweep's grid: cells row by row, `values[j * x.length + i]` at `x[i]`, `y[j]`. */
export interface SweepResult {
  x: Float64Array;
  y: Float64Array;
  /** The metric per cell; shorter than x.length × y.length when onProgress stopped the sweep. */
  values: Float64Array;
  /** Peak branching ratio per cell: n ≥ 1 is a runaway cascade. */
  branching: Float64Array;
}

/** The law random shocks are drawn from: Gaussian, or Student's t with 4 degrees of freedom. */
export type ShockDistribution = "normal" | "studentT";

/** The random shocks of a Monte Carlo run. */
export interface ShockSpec {
  distribution: ShockDistribution;
  /** Standard deviation of the shock, %, (0, 30]. */
  scalePct: number;
}

/** How many markets to run and how to shock them. */
export interface MonteCarloSpec {
  /** Number of markets, whole, 1 ..= 100000. */
  runs: number;
  shock: ShockSpec;
}

/** Shocks, what became of them, and how fat their tails are. Moves and shocks are in %. */
export interface MonteCarloResult {
  /** Each market's shock, signed. */
  shocks: Float64Array;
  /** Each market's largest move in the shock's direction, signed like the shock. */
  moves: Float64Array;
  /** Each market's largest peak-to-trough fall. */
  drawdowns: Float64Array;
  /** Excess kurtosis of the shocks (0 for a normal law). */
  shockKurtosis: number;
  /** Excess kurtosis of the moves. */
  moveKurtosis: number;
  /** Three standard deviations of the shock. */
  tailThresholdPct: number;
  /** Share of shocks beyond the threshold. */
  shockTailShare: number;
  /** Share of moves beyond the threshold. */
  moveTailShare: number;
}
