// Downsampling a sorted sample to a curve of at most a few hundred points, so chart specs stay small
// whatever the number of replications while the body and the far tail both keep their shape.
// EcdfAccumulator draws the same curve from a stream read in passes, in bounded memory.
import { ExactOrderStatistics } from "./orderStatistics.js";
import { quantileOfOrder, quantileRanks } from "./stats.js";

/**
 * Indices into a sorted array of length n: evenly spaced ranks (the body) together with ranks
 * spaced geometrically towards the largest value (the tail, where exceedance curves live). Sorted,
 * unique, always holding 0 and n − 1; all indices when n ≤ maxPoints.
 */
export function curveRanks(n: number, maxPoints = 500): number[] {
  // Two evenly spaced and two geometric ranks at the least: fewer would divide by zero below.
  if (!(maxPoints >= 4)) throw new RangeError(`curveRanks: maxPoints must be at least 4, got ${maxPoints}`);
  if (n <= 0) return [];
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const half = Math.floor(maxPoints / 2);
  const picked = new Set<number>();
  for (let k = 0; k < half; k++) picked.add(Math.round((k * (n - 1)) / (half - 1)));
  for (let k = 0; k < half; k++) {
    const fromTop = Math.round(Math.pow(n, k / (half - 1))) - 1;
    picked.add(n - 1 - Math.min(n - 1, fromTop));
  }
  return [...picked].sort((a, b) => a - b);
}

/** Number of elements ≤ x in ascending `sorted`. */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface CurvePoint {
  readonly x: number;
  /** P(X ≤ x) over the whole sample (zeros included). */
  readonly cdf: number;
}

/** What positiveEcdf draws of a sample, with the counts its zero share comes from. */
export interface Ecdf {
  /** Values in the sample. */
  readonly n: number;
  /** Values ≤ 0 (for downtime and data loss: exactly zero). */
  readonly zeros: number;
  /** positiveEcdf's points. */
  readonly points: readonly CurvePoint[];
  /** The type-7 quantiles asked for (EcdfOptions.quantiles), in that order; NaN over an empty sample. */
  readonly quantiles: readonly number[];
}

export interface EcdfOptions {
  /** At most this many points (curveRanks). Default 500. */
  readonly maxPoints?: number;
  /** Type-7 quantiles of the whole sample to select on the way (p in [0, 1]). */
  readonly quantiles?: readonly number[];
  /** Values held per collected bin (ExactOrderStatistics): memory against passes. */
  readonly collectLimit?: number;
  /** Values the sample will have, when known (ExactOrderStatistics' `expected`). */
  readonly expected?: number;
  /** Memory one pass may give the order statistic's probes (ExactOrderStatistics): memory against passes. */
  readonly passBudgetBytes?: number;
}

type Stage = "first" | "order" | "count" | "done";

/** A point of the curve: its x and how many values are ≤ x (NaN until the counting pass). */
interface Pending {
  readonly x: number;
  atMost: number;
}

/**
 * positiveEcdf of a stream, in memory that does not grow with the sample: `add` every value,
 * `endPass()`, and repeat while `needsPass` (the values in any order, the same values each pass).
 *
 * Pass 1 counts the sample and its zeros; the next passes select (ExactOrderStatistics: the exact
 * doubles sorting gives) the values at curveRanks of the positive values and at the rank after each.
 * The count of values ≤ x, whose ratio to n is the cdf, is then known for x of last rank q when the
 * value at q + 1 differs: q + 1, what upperBound on the sorted sample gives. Only an x tied with the
 * value after it needs a last pass that counts the values ≤ it. A sample held whole (at most
 * `collectLimit` values) mostly takes one pass.
 */
export class EcdfAccumulator {
  private readonly order: ExactOrderStatistics;
  private readonly maxPoints: number;
  private readonly ps: readonly number[];
  private stage: Stage = "first";
  private n = 0;
  private zeros = 0;
  private points: Pending[] = [];
  /** For the counting pass: the x still to count, ascending, their points, and the values in each gap (xs[j − 1], xs[j]]. */
  private xs = new Float64Array(0);
  private counted: Pending[] = [];
  private inGap = new Float64Array(0);
  private quantileValues: number[] = [];

  constructor(options: EcdfOptions = {}) {
    this.maxPoints = options.maxPoints ?? 500;
    this.ps = options.quantiles ?? [];
    this.order = new ExactOrderStatistics(options.collectLimit, options.passBudgetBytes, options.expected);
  }

  get needsPass(): boolean {
    return this.stage !== "done";
  }

  add(x: number): void {
    switch (this.stage) {
      case "first":
        this.n++;
        if (x <= 0) this.zeros++;
        this.order.add(x);
        return;
      case "order":
        this.order.add(x);
        return;
      case "count": {
        // The first gap whose upper end is ≥ x (NaN is ≤ nothing and counts nowhere).
        const xs = this.xs;
        if (!(x <= xs[xs.length - 1]!)) return;
        let lo = 0;
        let hi = xs.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (xs[mid]! >= x) hi = mid;
          else lo = mid + 1;
        }
        this.inGap[lo]!++;
        return;
      }
      case "done":
        throw new Error("EcdfAccumulator: add() after the last pass");
    }
  }

  /** `add` of values[from..to), in order; the selection passes take them in bulk (ExactOrderStatistics.addAll). */
  addAll(values: Float64Array, from: number, to: number): void {
    if (this.stage === "first") {
      let zeros = 0;
      for (let i = from; i < to; i++) if (values[i]! <= 0) zeros++;
      this.n += to - from;
      this.zeros += zeros;
      this.order.addAll(values, from, to);
    } else if (this.stage === "order") this.order.addAll(values, from, to);
    else for (let i = from; i < to; i++) this.add(values[i]!);
  }

  endPass(): void {
    switch (this.stage) {
      case "first": {
        this.order.endPass();
        const wanted = new Set<number>();
        for (const r of curveRanks(this.n - this.zeros, this.maxPoints)) {
          const q = this.zeros + r;
          wanted.add(q);
          if (q + 1 < this.n) wanted.add(q + 1);
        }
        for (const p of this.ps) for (const q of quantileRanks(this.n, p)) wanted.add(q);
        this.order.want(wanted);
        this.stage = "order";
        if (!this.order.needsPass) this.selected();
        return;
      }
      case "order":
        this.order.endPass();
        if (!this.order.needsPass) this.selected();
        return;
      case "count": {
        let atMost = 0;
        this.counted.forEach((point, j) => {
          atMost += this.inGap[j]!;
          point.atMost = atMost;
        });
        this.stage = "done";
        return;
      }
      case "done":
        throw new Error("EcdfAccumulator: endPass() after the last pass");
    }
  }

  /** Every order statistic is known: the curve's x, their counts where the next rank tells them, and what is left to count. */
  private selected(): void {
    const n = this.n;
    const at = (rank: number): number => this.order.valueAt(rank);
    this.quantileValues = this.ps.map((p) => quantileOfOrder(n, p, at));
    // positiveEcdf's points: the x at each curve rank, equal x once; `last` is the last such rank.
    const groups: { x: number; last: number }[] = [];
    for (const r of curveRanks(n - this.zeros, this.maxPoints)) {
      const q = this.zeros + r;
      const x = at(q);
      const prev = groups[groups.length - 1];
      if (prev !== undefined && prev.x === x) prev.last = q;
      else groups.push({ x, last: q });
    }
    const toCount: Pending[] = [];
    for (const { x, last } of groups) {
      let atMost = Number.NaN;
      if (x !== x) atMost = 0; // NaN sorts last and is ≤ nothing, itself included (upperBound gives 0)
      else if (last + 1 === n || at(last + 1) !== x) atMost = last + 1; // ranks ≤ last hold values ≤ x, later ones > x or NaN
      const point: Pending = { x, atMost };
      this.points.push(point);
      if (atMost !== atMost) toCount.push(point);
    }
    this.counted = toCount;
    this.xs = Float64Array.from(toCount, (p) => p.x);
    this.inGap = new Float64Array(toCount.length);
    this.stage = toCount.length > 0 ? "count" : "done";
  }

  result(): Ecdf {
    if (this.stage !== "done") throw new Error("EcdfAccumulator.result() before the last pass");
    const n = this.n;
    return { n, zeros: this.zeros, points: this.points.map((p) => ({ x: p.x, cdf: p.atMost / n })), quantiles: this.quantileValues };
  }
}

/** Feeds `values` (held in memory) to a pass accumulator until it needs no more passes. */
export function feedAll(acc: { add(x: number): void; endPass(): void; readonly needsPass: boolean }, values: ArrayLike<number>): void {
  while (acc.needsPass) {
    for (let i = 0; i < values.length; i++) acc.add(values[i]!);
    acc.endPass();
  }
}

/** EcdfAccumulator over values held in memory: they are held and sorted in pass 1 (a second pass counts ties, if any). */
export function ecdfOf(values: ArrayLike<number>, options: Omit<EcdfOptions, "collectLimit"> = {}): Ecdf {
  const acc = new EcdfAccumulator({ ...options, collectLimit: Math.max(1, values.length) });
  feedAll(acc, values);
  return acc.result();
}

/**
 * The empirical CDF of `values` at a downsampled set of its positive values, in ascending x with
 * unique x. Zeros and negatives are left out (they cannot sit on a log axis) but count in `cdf`.
 */
export function positiveEcdf(values: ArrayLike<number>, maxPoints = 500): CurvePoint[] {
  return [...ecdfOf(values, { maxPoints }).points];
}

/** Share of values that are ≤ 0 (for downtime and data loss: exactly zero). */
export function zeroShare(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! <= 0) zeros++;
  return zeros / values.length;
}

/** zeroShare of the sample an Ecdf was drawn from: the same double. */
export function ecdfZeroShare(ecdf: Ecdf): number {
  return ecdf.n === 0 ? 0 : ecdf.zeros / ecdf.n;
}
