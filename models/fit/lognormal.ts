// Statistics for the outage calibration: lognormal maximum likelihood,
// the normal CDF and quantile, empirical quantiles, the Kolmogorov–Smirnov distance and an exact
// Poisson rate interval. Everything here is a pure function of its arguments.
// The special functions are the engine's (src/random/distributions), so the calibration and the
// simulator share one implementation.
import { gammaP, logGamma as lnGamma, normalCdf, normalQuantile } from "../../src/random/distributions.js";

export { gammaP, lnGamma, normalCdf, normalQuantile };

/** Maximum-likelihood lognormal fit of positive samples (parameters of ln x). */
export interface LognormalFit {
  readonly n: number;
  /** MLE of the mean of ln x. */
  readonly mu: number;
  /** MLE of the standard deviation of ln x (divisor n). */
  readonly sigma: number;
  /** The same with divisor n − 1 (less biased for small n). */
  readonly sigmaUnbiased: number;
  /** Standard error of μ̂: σ/√n. */
  readonly seMu: number;
  /** Asymptotic standard error of σ̂: σ/√(2n). */
  readonly seSigma: number;
}

export function fitLognormal(samples: readonly number[]): LognormalFit {
  const n = samples.length;
  if (n < 2) throw new RangeError(`fitLognormal: need at least 2 samples, got ${n}`);
  let sum = 0;
  for (const x of samples) {
    if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`fitLognormal: samples must be positive and finite, got ${x}`);
    sum += Math.log(x);
  }
  const mu = sum / n;
  let ss = 0;
  for (const x of samples) {
    const d = Math.log(x) - mu;
    ss += d * d;
  }
  const sigma = Math.sqrt(ss / n);
  return {
    n,
    mu,
    sigma,
    sigmaUnbiased: Math.sqrt(ss / (n - 1)),
    seMu: sigma / Math.sqrt(n),
    seSigma: sigma / Math.sqrt(2 * n),
  };
}

/** Median of a lognormal(μ, σ): e^μ. */
export function lognormalMedian(mu: number): number {
  return Math.exp(mu);
}

/** Mean of a lognormal(μ, σ): e^(μ + σ²/2). */
export function lognormalMean(mu: number, sigma: number): number {
  return Math.exp(mu + (sigma * sigma) / 2);
}

/** Lognormal CDF P(X ≤ x). */
export function lognormalCdf(x: number, mu: number, sigma: number): number {
  if (x <= 0) return 0;
  return normalCdf((Math.log(x) - mu) / sigma);
}

/** Lognormal quantile. */
export function lognormalQuantile(p: number, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * normalQuantile(p));
}

/** Ascending copy of the samples. */
export function sortedAscending(samples: readonly number[]): number[] {
  return [...samples].sort((x, y) => x - y);
}

/**
 * Empirical quantile of ascending-sorted samples by linear interpolation between order statistics
 * (Hyndman & Fan type 7: the default of R's quantile() and NumPy's percentile()).
 */
export function empiricalQuantile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("empiricalQuantile: no samples");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`empiricalQuantile: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Arithmetic mean. */
export function mean(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError("mean: no samples");
  let s = 0;
  for (const x of samples) s += x;
  return s / samples.length;
}

/**
 * Kolmogorov–Smirnov distance sup |Fₙ(x) − F(x)| between the empirical CDF of ascending-sorted
 * samples and a continuous CDF. Ties are handled: the sup is attained at the outer ends of a run.
 */
export function ksDistance(sorted: readonly number[], cdf: (x: number) => number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("ksDistance: no samples");
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** Asymptotic 5 % critical value of the KS distance for a fully specified CDF: 1.358/√n. */
export function ksCritical05(n: number): number {
  return 1.3581 / Math.sqrt(n);
}

/** Quantile of a gamma(shape a, scale 1) distribution, by bisection on P(a, x). */
export function gammaQuantile(p: number, a: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`gammaQuantile: p must be in (0, 1), got ${p}`);
  let lo = 0;
  let hi = Math.max(1, a);
  while (gammaP(a, hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (gammaP(a, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Exact (Garwood) two-sided confidence interval for a Poisson rate: k events in `exposure`. */
export function poissonRateInterval(k: number, exposure: number, level = 0.95): { readonly lower: number; readonly upper: number } {
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`poissonRateInterval: k must be a non-negative integer, got ${k}`);
  if (!(exposure > 0)) throw new RangeError(`poissonRateInterval: exposure must be positive, got ${exposure}`);
  const alpha = 1 - level;
  const lower = k === 0 ? 0 : gammaQuantile(alpha / 2, k);
  const upper = gammaQuantile(1 - alpha / 2, k + 1);
  return { lower: lower / exposure, upper: upper / exposure };
}

/** Rounds to `digits` significant digits (default 4), so committed fits are byte-reproducible. */
export function roundSignificant(x: number, digits = 4): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}
