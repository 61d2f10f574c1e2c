// normal(mean μ, sd σ) conditioned on X ≥ 0. With α = −μ/σ the standardized truncation point and
// λ(z) = φ(z)/Q(z) the normal hazard (inverse Mills ratio):
//   E[X] = μ + σλ(α) = σ·δ,  δ = λ(α) − α;   Var[X] = σ²(1 + αλ − λ²) = σ²(1 − λδ).
// Near regime (α < 8, i.e. the kept mass Q(α) > 6e-16): inverse cdf through Φ⁻¹, written from the
// side that is not close to 1 so no mass is lost to cancellation.
// Far regime (α ≥ 8, the mean far below 0, where Q(α) eventually underflows): with t = x/σ,
//   g(t) = ln Q(α + t) − ln Q(α) = −t(2α + t)/2 − ln(λ(α + t)/λ(α)),
// so cdf = −expm1(g) and the quantile solves g(t) = ln(1 − p) by Newton (g′ = −λ(α + t)).
// For α ≥ 3, δ and Var come from Laplace's continued fraction, avoiding the cancellation in
// 1 − λδ (≈ 1/α²).
import type { Rng } from "../types.js";
import { InverseTransform } from "./base.js";
import { normalCdf, normalPdf, normalQuantile, normalSf } from "./normal.js";
import { solveIncreasing } from "./special.js";
import { finiteParam, fmt, positiveParam } from "./validate.js";

const FAR = 8;
const FRACTION_FROM = 3;
// Depth 60 gives full double precision for z ≥ 3, depth 24 for z ≥ 8 (checked against mpmath at
// 50 digits); the shallower one makes far-regime sampling ~2.5× cheaper.
function depthFor(z: number): number {
  return z >= 8 ? 24 : 60;
}

/**
 * For z ≥ 3: δ(z) = λ(z) − z = 1/(z + 2S) and S = 1/(z + 3/(z + 4/(z + …))), from Laplace's
 * λ(z) = z + 1/(z + 2/(z + 3/(z + …))). Then 1 − λδ = (2S − δ)·δ with no cancellation.
 */
function tailTerms(z: number): { delta: number; s: number } {
  let t = z;
  for (let k = depthFor(z); k >= 3; k--) t = z + k / t;
  const s = 1 / t;
  return { delta: 1 / (z + 2 * s), s };
}

function hazardFar(z: number): number {
  return z + tailTerms(z).delta;
}

export class TruncatedNormal extends InverseTransform {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;
  private readonly mu: number;
  private readonly sigma: number;
  private readonly alpha: number;
  /** Q(α) = P(parent ≥ 0) and Φ(α), used by the near regime. */
  private readonly kept: number;
  private readonly cut: number;
  private readonly hazardAlpha: number;

  constructor(mean: unknown, sd: unknown) {
    super();
    this.mu = finiteParam("truncated-normal", "mean", mean);
    this.sigma = positiveParam("truncated-normal", "sd", sd);
    this.label = `truncated-normal(mean=${fmt(this.mu)}, sd=${fmt(this.sigma)})`;
    const a = -this.mu / this.sigma;
    this.alpha = a;
    this.kept = normalSf(a);
    this.cut = normalCdf(a);
    let delta: number;
    let reduced: number;
    if (a >= FRACTION_FROM) {
      const { delta: d, s } = tailTerms(a);
      delta = d;
      reduced = (2 * s - d) * d;
      this.hazardAlpha = a + d;
    } else {
      const lambda = normalPdf(a) / this.kept;
      delta = lambda - a;
      reduced = 1 - lambda * delta;
      this.hazardAlpha = lambda;
    }
    this.mean = this.sigma * delta;
    this.variance = this.sigma * this.sigma * reduced;
  }

  /** g(t) = ln P(X ≥ σt) in the far regime, given the hazard λ(α + t). */
  private logSurvivalFar(t: number, hazard: number): number {
    return (-t * (2 * this.alpha + t)) / 2 - Math.log(hazard / this.hazardAlpha);
  }

  sample(rng: Rng): number {
    return this.inverse(rng());
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return NaN;
    if (x <= 0) return 0;
    if (x === Infinity) return 1;
    if (this.alpha >= FAR) {
      const t = x / this.sigma;
      return -Math.expm1(this.logSurvivalFar(t, hazardFar(this.alpha + t)));
    }
    const z = (x - this.mu) / this.sigma;
    if (this.alpha <= 0) return (normalCdf(z) - this.cut) / this.kept;
    return 1 - normalSf(z) / this.kept;
  }

  protected inverse(p: number): number {
    if (p === 1) return Infinity;
    if (this.alpha >= FAR) return this.sigma * this.farQuantile(p);
    // Φ(z) = Φ(α) + p·Q(α), solved from the lower side when α ≤ 0 (Φ(α) small) and from the
    // upper side, Q(z) = (1 − p)·Q(α), when α > 0 (Q(α) small).
    const z =
      this.alpha <= 0 ? normalQuantile(Math.min(1, this.cut + p * this.kept)) : -normalQuantile((1 - p) * this.kept);
    return Math.max(0, this.mu + this.sigma * z);
  }

  /** t with g(t) = ln(1 − p); g is concave and decreasing, so Newton from below converges fast. */
  private farQuantile(p: number): number {
    if (p === 0) return 0;
    const target = -Math.log1p(-p);
    // solveIncreasing asks for f(t) then df(t) at the same t: compute the hazard once for both.
    let memoT = NaN;
    let memoHazard = NaN;
    const df = (t: number): number => {
      if (t !== memoT) {
        memoT = t;
        memoHazard = hazardFar(this.alpha + t);
      }
      return memoHazard;
    };
    const f = (t: number): number => -this.logSurvivalFar(t, df(t));
    const guess = target / this.hazardAlpha;
    let hi = 2 * guess;
    while (f(hi) < target) hi *= 2;
    return solveIncreasing(f, df, target, 0, hi, guess);
  }
}
