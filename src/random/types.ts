// Shared engine contracts. The engine knows nothing of disaster recovery: these are plain
// random-number and probability-distribution interfaces.

/** A uniform random stream on [0, 1). A bare function keeps every call site monomorphic. */
export type Rng = () => number;

/** A validated probability distribution over the reals (durations, throughputs, fractions…). */
export interface Distribution {
  /** Human-readable name with parameters, e.g. "lognormal(median=21600, sigma=0.9)". */
  readonly label: string;
  /** Analytic mean; NaN where none exists in closed form. */
  readonly mean: number;
  /** Analytic variance; NaN where none exists in closed form. */
  readonly variance: number;
  /** Draws one value, consuming a fixed or documented number of uniforms from rng. */
  sample(rng: Rng): number;
  /** Cumulative distribution function P(X ≤ x). */
  cdf(x: number): number;
  /** Inverse CDF for p in [0, 1] (used by sensitivity analysis for p10/p90). */
  quantile(p: number): number;
}

/**
 * Parameters of a distribution, in the caller's units (the model uses seconds, bytes/s, fractions).
 * `makeDistribution` in distributions.ts validates these and builds a Distribution.
 */
export type DistributionSpec =
  | { readonly dist: "fixed"; readonly value: number }
  | { readonly dist: "uniform"; readonly min: number; readonly max: number }
  | { readonly dist: "exponential"; readonly mean: number }
  | { readonly dist: "exponential"; readonly rate: number }
  | { readonly dist: "lognormal"; readonly median: number; readonly sigma: number }
  | { readonly dist: "lognormal"; readonly mean: number; readonly sd: number }
  | { readonly dist: "weibull"; readonly shape: number; readonly scale: number }
  | { readonly dist: "gamma"; readonly shape: number; readonly scale: number }
  | { readonly dist: "triangular"; readonly min: number; readonly mode: number; readonly max: number }
  /** A normal(mean, sd) conditioned on being ≥ 0 (mean and sd are the parent normal's). */
  | { readonly dist: "truncated-normal"; readonly mean: number; readonly sd: number }
  /** Samples already loaded (from a CSV by loadEmpiricalSamples), sampled by interpolating the ECDF. */
  | { readonly dist: "empirical"; readonly samples: readonly number[] };
