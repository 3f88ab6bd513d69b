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

/** One long path of the market with traders who come back (cycles). */
export interface CyclesSpec {
  /** Length of the path, whole ticks, 1000 ..= 100000. */
  ticks: number;
  /** Ticks per return, whole, 1 ..= 1000, leaving at least 50 returns. */
  intervalTicks: number;
  /** Noise per tick, %, (0, 5]. */
  noisePct: number;
  /** Ticks a closed position's trader waits before coming back, whole, 1 ..= 100000. */
  comebackTicks: number;
}

/** A long path's returns and leverage, and how fat their tails are against the noise alone. */
export interface CyclesResult {
  /** Log returns over each interval, %. */
  returns: Float64Array;
  /** The noise alone over the same intervals, %. */
  baselineReturns: Float64Array;
  /** Aggregate leverage of the positions held at the end of each interval. */
  leverage: Float64Array;
  /** Standard deviation of the baseline's returns, %. */
  baselineSigmaPct: number;
  /** Share of returns beyond 4 baseline standard deviations. */
  tailShare: number;
  /** The baseline's share beyond the same threshold. */
  baselineTailShare: number;
  /** Hill's tail index of |returns| beyond 2.5 baseline standard deviations (smaller: fatter); null with fewer than 5 there. */
  hill: number | null;
  /** The baseline's Hill index over the same threshold. */
  baselineHill: number | null;
  /** Excess kurtosis of the returns. */
  kurtosis: number;
  /** Excess kurtosis of the baseline's returns. */
  baselineKurtosis: number;
  /** Traders who came back. */
  comebacks: number;
  /** Notional liquidated over the path, USD at entry. */
  liquidatedNotional: number;
}

/** One curve of a survival chart. */
export interface SurvivalSample {
  /** Legend text. */
  label: string;
  /** The values; those not finite (or, on the default log x axis, not positive) are left out. */
  values: Float64Array | number[];
  /**
   * A scenario's colour ("none", "circuitBreaker", "marginTiers", "both"), the theme's "muted"
   * or "text" colour, or "#rrggbb". Default: the scenario colours in turn.
   */
  color?: string | null;
}

/** What `renderExploration` draws as a survival chart. */
export interface SurvivalData {
  samples: SurvivalSample[];
}

/** How axis and colour-bar values are printed: 12, $200M, 5%, 4×. */
export type ExploreFormat = "number" | "money" | "percent" | "multiple";

/** Options of `renderExploration`; those of the other chart are ignored. */
export interface RenderExplorationOptions {
  chart: "heatmap" | "survival";
  theme?: "light" | "dark" | null;
  /** Backing-store pixels per CSS pixel (`devicePixelRatio`), default 1. */
  dpr?: number | null;
  /** Title of the horizontal axis. */
  xLabel?: string | null;
  /** Heatmap: title of the vertical axis. */
  yLabel?: string | null;
  /** Heatmap: what the colours mean. */
  valueLabel?: string | null;
  xFormat?: ExploreFormat | null;
  /** Heatmap. */
  yFormat?: ExploreFormat | null;
  /** Heatmap. */
  valueFormat?: ExploreFormat | null;
  /** Heatmap: colours by value or by its logarithm. */
  scale?: "linear" | "log" | null;
  /** Heatmap: the values at the two ends of the colour map (default: the grid's extent). */
  valueRange?: [number, number] | null;
  /** Heatmap: a point to mark, [x, y]. */
  marker?: [number, number] | null;
  /** Heatmap: a cell to outline, [column, row] counted from the bottom left (the picked one). */
  selected?: [number, number] | null;
  /** Heatmap: the branching ratio whose line is drawn (default 1; null draws none). */
  level?: number | null;
  /** Heatmap: the line's label, e.g. "n = 1". */
  levelLabel?: string | null;
  /** Survival: x on a log scale (default true). */
  logX?: boolean | null;
  /** The words the charts draw, as render()'s `options.words`: default English. */
  words?: string | null;
}

/* PlotRect (the rectangle a plot fills, CSS pixels) is declared in api.d.ts, which both
   packages carry. */

/** What `renderExploration` reports back: the heatmap's plot rectangle, null for survival. */
export interface RenderExplorationResult {
  plot: PlotRect | null;
}
