// Small, dependency-free statistics for the outage calibration: lognormal maximum likelihood,
// the normal CDF and quantile, empirical quantiles, the Kolmogorov–Smirnov distance and an exact
// Poisson rate interval. Everything here is a pure function of its arguments.

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

/**
 * Complementary error function, Chebyshev fit (Numerical Recipes "erfcc"): fractional error below
 * 1.2e-7 everywhere — ample for distances and quantiles reported to four significant digits.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
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

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine coefficients; ~15 significant digits). */
export function lnGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let a = g[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += g[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized lower incomplete gamma P(a, x) (series below a + 1, continued fraction above). */
export function gammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`gammaP: a must be positive, got ${a}`);
  if (x <= 0) return 0;
  const lnPrefix = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 1000; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(lnPrefix);
  }
  // Modified Lentz continued fraction for Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - Math.exp(lnPrefix) * h;
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
