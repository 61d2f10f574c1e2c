// Distributions with elementary closed forms: fixed, uniform, exponential, triangular.
import { UserError } from "../../errors.js";
import type { Rng } from "../types.js";
import { InverseTransform } from "./base.js";
import { finiteParam, fmt, positiveParam } from "./validate.js";

/**
 * A constant. It still consumes one uniform per sample so that replacing a fixed parameter by a
 * random one (or back) in a sweep leaves every later draw of the same stream where it was.
 */
export class Fixed extends InverseTransform {
  readonly label: string;
  readonly mean: number;
  readonly variance = 0;

  constructor(value: unknown) {
    super();
    this.mean = finiteParam("fixed", "value", value);
    this.label = `fixed(${fmt(this.mean)})`;
  }

  sample(rng: Rng): number {
    rng();
    return this.mean;
  }

  cdf(x: number): number {
    return Number.isNaN(x) ? NaN : x >= this.mean ? 1 : 0;
  }

  protected inverse(): number {
    return this.mean;
  }
}

export class Uniform extends InverseTransform {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;
  private readonly min: number;
  private readonly width: number;

  constructor(min: unknown, max: unknown) {
    super();
    this.min = finiteParam("uniform", "min", min);
    const hi = finiteParam("uniform", "max", max);
    if (!(hi > this.min)) throw new UserError(`uniform: max must be > min (${fmt(this.min)}), got ${fmt(hi)}`);
    this.width = hi - this.min;
    this.label = `uniform(min=${fmt(this.min)}, max=${fmt(hi)})`;
    this.mean = this.min + this.width / 2;
    this.variance = (this.width * this.width) / 12;
  }

  sample(rng: Rng): number {
    return this.inverse(rng());
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return NaN;
    return Math.min(1, Math.max(0, (x - this.min) / this.width));
  }

  protected inverse(p: number): number {
    return this.min + p * this.width;
  }
}

export class Exponential extends InverseTransform {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;

  /** Exactly one of mean and rate (= 1/mean), as the spec gave it; the label echoes that form. */
  constructor(by: { mean: unknown } | { rate: unknown }) {
    super();
    if ("mean" in by) {
      this.mean = positiveParam("exponential", "mean", by.mean);
      this.label = `exponential(mean=${fmt(this.mean)})`;
    } else {
      const rate = positiveParam("exponential", "rate", by.rate);
      this.mean = 1 / rate;
      this.label = `exponential(rate=${fmt(rate)})`;
    }
    this.variance = this.mean * this.mean;
  }

  sample(rng: Rng): number {
    return this.inverse(rng());
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return NaN;
    return x <= 0 ? 0 : -Math.expm1(-x / this.mean);
  }

  protected inverse(p: number): number {
    return -this.mean * Math.log1p(-p);
  }
}

export class Triangular extends InverseTransform {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;
  private readonly min: number;
  private readonly mode: number;
  private readonly max: number;
  /** cdf at the mode: the split between the rising and falling pieces. */
  private readonly atMode: number;

  constructor(min: unknown, mode: unknown, max: unknown) {
    super();
    const a = finiteParam("triangular", "min", min);
    const c = finiteParam("triangular", "mode", mode);
    const b = finiteParam("triangular", "max", max);
    if (!(b > a)) throw new UserError(`triangular: max must be > min (${fmt(a)}), got ${fmt(b)}`);
    if (!(c >= a && c <= b)) {
      throw new UserError(`triangular: mode must be within [min, max] = [${fmt(a)}, ${fmt(b)}], got ${fmt(c)}`);
    }
    this.min = a;
    this.mode = c;
    this.max = b;
    this.atMode = (c - a) / (b - a);
    this.label = `triangular(min=${fmt(a)}, mode=${fmt(c)}, max=${fmt(b)})`;
    this.mean = (a + b + c) / 3;
    this.variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  }

  sample(rng: Rng): number {
    return this.inverse(rng());
  }

  cdf(x: number): number {
    if (Number.isNaN(x)) return NaN;
    const { min: a, mode: c, max: b } = this;
    if (x <= a) return 0;
    if (x >= b) return 1;
    if (x <= c) return ((x - a) * (x - a)) / ((b - a) * (c - a));
    return 1 - ((b - x) * (b - x)) / ((b - a) * (b - c));
  }

  protected inverse(p: number): number {
    const { min: a, mode: c, max: b } = this;
    if (p <= this.atMode) return a + Math.sqrt(p * (b - a) * (c - a));
    return b - Math.sqrt((1 - p) * (b - a) * (b - c));
  }
}
