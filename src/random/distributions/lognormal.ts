// Lognormal: ln X ~ normal(mu, sigma). Given either as (median, sigma) or as (mean, sd); the
// latter converts by sigma² = ln(1 + sd²/mean²), mu = ln(mean) − sigma²/2.
import type { Rng } from "../types.js";
import { InverseTransform } from "./base.js";
import { normalCdf, normalQuantile } from "./normal.js";
import { fmt, positiveParam } from "./validate.js";

export type LognormalBy = { median: unknown; sigma: unknown } | { mean: unknown; sd: unknown };

export class Lognormal extends InverseTransform {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;
  readonly mu: number;
  readonly sigma: number;

  constructor(by: LognormalBy) {
    super();
    if ("median" in by) {
      const median = positiveParam("lognormal", "median", by.median);
      this.sigma = positiveParam("lognormal", "sigma", by.sigma);
      this.mu = Math.log(median);
      this.label = `lognormal(median=${fmt(median)}, sigma=${fmt(this.sigma)})`;
    } else {
      const mean = positiveParam("lognormal", "mean", by.mean);
      const sd = positiveParam("lognormal", "sd", by.sd);
      const s2 = Math.log1p((sd / mean) * (sd / mean));
      this.sigma = Math.sqrt(s2);
      this.mu = Math.log(mean) - s2 / 2;
      this.label = `lognormal(mean=${fmt(mean)}, sd=${fmt(sd)})`;
    }
    const s2 = this.sigma * this.sigma;
    this.mean = Math.exp(this.mu + s2 / 2);
    this.variance = Math.expm1(s2) * Math.exp(2 * this.mu + s2);
  }

  sample(rng: Rng): number {
    return this.inverse(rng());
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return NaN;
    return x <= 0 ? 0 : normalCdf((Math.log(x) - this.mu) / this.sigma);
  }

  /** p = 0 gives exp(−∞) = 0, the support's lower end, so even a zero uniform samples finitely. */
  protected inverse(p: number): number {
    return Math.exp(this.mu + this.sigma * normalQuantile(p));
  }
}
