// Student's t distribution with ν degrees of freedom, for confidence intervals of means:
// cdf through the regularized incomplete beta function, P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2),
// and quantiles by bracketed Newton on the cdf — except for ν ≥ 10⁴, where the incomplete beta's
// continued fraction needs O(√ν) terms (milliseconds) and the Cornish–Fisher expansion below is
// already exact to double precision.
import { normalQuantile } from "./normal.js";
import { betaI, logGamma, solveIncreasing } from "./special.js";

const EXPANSION_FROM = 1e4;

/**
 * Cornish–Fisher expansion of t_ν in powers of 1/ν (Abramowitz & Stegun 26.7.5) around z = Φ⁻¹(p);
 * at ν ≥ 10⁴ the omitted ν⁻⁵ term is below 1e-19 for |z| ≤ 8.
 */
function expansion(p: number, df: number): number {
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

function checkDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`student-t: degrees of freedom must be > 0, got ${String(df)}`);
}

export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * betaI(df / 2, 0.5, df / (df + t * t));
  return t > 0 ? 1 - tail : tail;
}

function studentTPdf(t: number, df: number): number {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** The t value with P(T ≤ t) = p. */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`student-t: quantile p must be in [0, 1], got ${String(p)}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df >= EXPANSION_FROM) return expansion(p, df);
  // Symmetric: solve the upper half and reflect.
  const upper = Math.max(p, 1 - p);
  let hi = 2;
  while (studentTCdf(hi, df) < upper) hi *= 2;
  const t = solveIncreasing(
    (x) => studentTCdf(x, df),
    (x) => studentTPdf(x, df),
    upper,
    0,
    hi,
    hi / 2,
    1e-14,
    1e-300,
  );
  return p < 0.5 ? -t : t;
}
