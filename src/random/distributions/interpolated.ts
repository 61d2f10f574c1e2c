// The empirical distribution of samples x_0 ≤ … ≤ x_{n−1}, smoothed by linear interpolation of
// the ECDF: quantile(p) with p(n − 1) = i + f is x_i + f(x_{i+1} − x_i) — the same rule as
// quantileSorted (Hyndman–Fan type 7). Equivalently X is a mixture, with weight 1/(n − 1) each, of
// uniforms on [x_i, x_{i+1}] (a tie is a point mass), so
//   E[X]  = 1/(n−1) Σ (x_i + x_{i+1})/2,
//   E[X²] = 1/(n−1) Σ (x_i² + x_i·x_{i+1} + x_{i+1}²)/3,
// computed about a centre c (moments of x − c) to avoid cancellation. The cdf is the matching
// piecewise-linear function, so quantile(cdf(x)) = x on the support.
import { UserError } from "../../errors.js";
import type { Rng } from "../types.js";
import { InverseTransform } from "./base.js";
import { fmt } from "./validate.js";

export class Interpolated extends InverseTransform {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;
  private readonly xs: Float64Array;

  constructor(samples: unknown) {
    super();
    if (!Array.isArray(samples) && !ArrayBuffer.isView(samples)) {
      throw new UserError(`empirical: samples must be an array of numbers, got ${typeof samples}`);
    }
    const list = samples as ArrayLike<unknown>;
    if (list.length < 2) throw new UserError(`empirical: samples must hold at least 2 values, got ${list.length}`);
    const xs = new Float64Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new UserError(`empirical: samples[${i}] must be a finite number, got ${String(v)}`);
      }
      xs[i] = v;
    }
    xs.sort();
    this.xs = xs;
    const n = xs.length;
    this.label = `empirical(n=${n}, min=${fmt(xs[0]!)}, max=${fmt(xs[n - 1]!)})`;
    const c = xs[Math.floor(n / 2)]!;
    let m1 = 0;
    let m2 = 0;
    for (let i = 0; i + 1 < n; i++) {
      const a = xs[i]! - c;
      const b = xs[i + 1]! - c;
      m1 += (a + b) / 2;
      m2 += (a * a + a * b + b * b) / 3;
    }
    m1 /= n - 1;
    m2 /= n - 1;
    this.mean = c + m1;
    this.variance = Math.max(0, m2 - m1 * m1);
  }

  sample(rng: Rng): number {
    return this.inverse(rng());
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return NaN;
    const xs = this.xs;
    const n = xs.length;
    if (x < xs[0]!) return 0;
    if (x >= xs[n - 1]!) return 1;
    // Largest i with xs[i] ≤ x; then xs[i + 1] > x, so the segment has positive width.
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid]! <= x) lo = mid;
      else hi = mid;
    }
    return (lo + (x - xs[lo]!) / (xs[lo + 1]! - xs[lo]!)) / (n - 1);
  }

  protected inverse(p: number): number {
    const xs = this.xs;
    const h = p * (xs.length - 1);
    const i = Math.floor(h);
    if (i >= xs.length - 1) return xs[xs.length - 1]!;
    return xs[i]! + (h - i) * (xs[i + 1]! - xs[i]!);
  }
}
