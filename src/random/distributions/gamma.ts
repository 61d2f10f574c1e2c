// Gamma(shape k, scale θ). Sampled by Marsaglia & Tsang (2000), "A simple method for generating
// gamma variables": for k ≥ 1, with d = k − 1/3 and c = 1/√(9d), draw z ~ N(0,1) and u ~ U(0,1),
// accept d·(1 + cz)³ when ln u < z²/2 + d − d·v + d·ln v (v = (1 + cz)³), else retry. For k < 1,
// draw Gamma(k + 1) and multiply by u^(1/k) (their boost).
//
// Uniforms consumed per sample — variable, the one exception among the distributions: each trial
// takes 2 (one for z by inverse cdf, one for the acceptance test), trials ~ Geometric with success
// probability ≥ 0.95 for every k ≥ 1 (the paper's figure), so 2/0.95 ≈ 2.1 expected; k < 1 adds one
// boost uniform after the accepted trial. The cdf and quantile use the incomplete gamma function.
import type { Rng } from "../types.js";
import { InverseTransform } from "./base.js";
import { normalQuantile } from "./normal.js";
import { gammaP, logGamma, solveIncreasing } from "./special.js";
import { fmt, positiveParam } from "./validate.js";

/** ln of the smallest positive double: below it a quantile is 0 in floating point. */
const LOG_MIN = Math.log(Number.MIN_VALUE);

export class Gamma extends InverseTransform {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;
  private readonly shape: number;
  private readonly scale: number;
  private readonly logGammaShape: number;
  // Marsaglia–Tsang constants for shape max(k, k + 1).
  private readonly d: number;
  private readonly c: number;
  private readonly boost: boolean;

  constructor(shape: unknown, scale: unknown) {
    super();
    this.shape = positiveParam("gamma", "shape", shape);
    this.scale = positiveParam("gamma", "scale", scale);
    this.label = `gamma(shape=${fmt(this.shape)}, scale=${fmt(this.scale)})`;
    this.mean = this.shape * this.scale;
    this.variance = this.shape * this.scale * this.scale;
    this.logGammaShape = logGamma(this.shape);
    this.boost = this.shape < 1;
    this.d = (this.boost ? this.shape + 1 : this.shape) - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
  }

  sample(rng: Rng): number {
    const { c, d } = this;
    let x: number;
    for (;;) {
      // A zero uniform gives z = −∞, hence t = −∞ ≤ 0: rejected like any other t ≤ 0.
      const z = normalQuantile(rng());
      const t = 1 + c * z;
      if (t <= 0) {
        rng(); // keep two uniforms per trial, as documented
        continue;
      }
      const v = t * t * t;
      const u = rng();
      const z2 = z * z;
      // Cheap squeeze first; the log test is exact.
      if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
        x = d * v;
        break;
      }
    }
    if (this.boost) x *= Math.exp(Math.log(rng()) / this.shape);
    return x * this.scale;
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return NaN;
    return x <= 0 ? 0 : gammaP(this.shape, x / this.scale);
  }

  /** Newton on s = ln(x/θ), bracketed, so that tiny quantiles of small shapes keep relative precision. */
  protected inverse(p: number): number {
    if (p === 0) return 0;
    if (p === 1) return Infinity;
    const k = this.shape;
    const f = (s: number): number => gammaP(k, Math.exp(s));
    // dP/ds = density(y)·y = exp(k·ln y − y − ln Γ(k)) with y = e^s.
    const df = (s: number): number => Math.exp(k * s - Math.exp(s) - this.logGammaShape);
    if (f(LOG_MIN) >= p) return 0;
    let hi = Math.log(k + 10 * Math.sqrt(k) + 10);
    while (f(hi) < p) hi += 1;
    // Starting point: P(k, y) ≈ y^k / Γ(k + 1) for small y, else Wilson–Hilferty.
    const z = normalQuantile(p);
    const wh = k * Math.pow(1 - 1 / (9 * k) + z / (3 * Math.sqrt(k)), 3);
    const guess = wh > 0 ? Math.log(wh) : (Math.log(p) + logGamma(k + 1)) / k;
    // Absolute tolerance on s is relative tolerance on the quantile.
    return Math.exp(solveIncreasing(f, df, p, LOG_MIN, hi, guess, 0, 1e-14)) * this.scale;
  }
}
