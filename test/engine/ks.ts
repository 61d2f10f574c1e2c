// Test helpers for statistical checks: the Kolmogorov–Smirnov statistic, its critical value, and
// the standard errors used to turn "close to the analytic value" into a falsifiable bound.

/**
 * KS statistic D = sup |F_n(x) − F(x)| of `samples` against the cdf F. A run of equal samples
 * (an atom of F, as in an empirical distribution with repeated values) is compared on both sides
 * of its jump, using F just below the value for the left limit; the test is then conservative.
 */
export function ksStatistic(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const xs = Float64Array.from(samples).sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; ) {
    const v = xs[i]!;
    let j = i;
    while (j + 1 < n && xs[j + 1] === v) j++;
    // The ECDF jumps from i/n to (j + 1)/n at v.
    const below = j > i ? cdf(v - 1e-9 * Math.max(1, Math.abs(v))) : cdf(v);
    d = Math.max(d, below - i / n, (j + 1) / n - cdf(v));
    i = j + 1;
  }
  return d;
}

/**
 * Asymptotic KS critical value at α = 0.001: P(√n·D > 1.95) ≈ 2·Σ(−1)^{k−1}e^{−2k²·1.95²} ≈ 0.001
 * (Kolmogorov's limit; accurate to a few percent for n ≥ 1,000).
 */
export function ksCritical001(n: number): number {
  return 1.95 / Math.sqrt(n);
}

/** Sample mean and unbiased sample variance (two-pass). */
export function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
  return { mean, variance: ss / (n - 1) };
}

/**
 * Standard error of the sample variance s² of n draws: Var(s²) = (μ₄ − σ⁴(n − 3)/(n − 1))/n,
 * with μ₄ the fourth central moment and σ² the variance (both analytic where the caller has them).
 */
export function varianceSE(mu4: number, variance: number, n: number): number {
  return Math.sqrt((mu4 - (variance * variance * (n - 3)) / (n - 1)) / n);
}

/** Pearson sample correlation of two equally long sequences. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const ma = moments(a).mean;
  const mb = moments(b).mean;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}
