// Special functions behind the distributions' cdfs: log-gamma, the regularized incomplete gamma and
// beta functions, and a bracketed root finder for quantiles without a closed form. None is on a
// sampling hot path (sampling uses closed-form inverses), so clarity beats speed here.

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

// Lanczos approximation, g = 7, n = 9: relative error of Γ below ~1e-15 for x ≥ 0.5.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (NaN otherwise). */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  // Reflection Γ(x)Γ(1−x) = π / sin(πx) keeps small arguments accurate.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

function checkGammaArgs(a: number, x: number): boolean {
  return a > 0 && x >= 0 && Number.isFinite(a) && !Number.isNaN(x);
}

/** ln of the common prefactor x^a e^−x / Γ(a) of the incomplete-gamma series and fraction. */
function logPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - logGamma(a);
}

// P(a, x) by its power series; converges quickly for x < a + 1.
function seriesP(a: number, x: number): number {
  let ap = a;
  let term = 1 / a;
  let sum = term;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(logPrefactor(a, x));
}

// ln Q(a, x) by Legendre's continued fraction (modified Lentz); converges quickly for x ≥ a + 1.
function logFractionQ(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return logPrefactor(a, x) + Math.log(h);
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0. */
export function gammaP(a: number, x: number): number {
  if (!checkGammaArgs(a, x)) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? seriesP(a, x) : 1 - Math.exp(logFractionQ(a, x));
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function gammaQ(a: number, x: number): number {
  if (!checkGammaArgs(a, x)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - seriesP(a, x) : Math.exp(logFractionQ(a, x));
}

// Continued fraction of the incomplete beta function (modified Lentz).
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b) for a, b > 0 and x in [0, 1]. */
export function betaI(a: number, b: number, x: number): number {
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) return NaN;
  if (x === 0 || x === 1) return x;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The fraction converges fast for x < (a + 1)/(a + b + 2); otherwise use I_x(a,b) = 1 − I_{1−x}(b,a).
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaFraction(b, a, 1 - x)) / b;
}

/**
 * Solves f(x) = target for an increasing f on [lo, hi] (f(lo) ≤ target ≤ f(hi)) by Newton steps
 * with slope df, falling back to bisection whenever a step would leave the shrinking bracket.
 * Stops when a step moves x by at most relTol·|x| + absTol, or the bracket cannot shrink further.
 */
export function solveIncreasing(
  f: (x: number) => number,
  df: (x: number) => number,
  target: number,
  lo: number,
  hi: number,
  guess: number,
  relTol = 1e-14,
  absTol = 0,
): number {
  let x = guess > lo && guess < hi ? guess : 0.5 * (lo + hi);
  for (let i = 0; i < 400; i++) {
    const gap = f(x) - target;
    if (gap === 0) return x;
    if (gap < 0) lo = x;
    else hi = x;
    let next = x - gap / df(x);
    // Also catches NaN and ±Infinity from a zero slope.
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= relTol * Math.abs(x) + absTol) return next;
    if (next === lo || next === hi) return next;
    x = next;
  }
  return x;
}
