// Stat (summary.json's distribution summary) and paired differences, over a column of values, on
// the engine's statistics: Welford tally, type-7 quantiles of the sorted sample, t-based 95 % CI.
import { meanCI, quantileSorted, Tally } from "../engine/stats.js";

/**
 * Mean, sd, 95 % CI of the mean, quantiles (type 7) and extremes of a sample. Over an empty sample
 * n is 0 and every number NaN (null in JSON).
 */
export interface Stat {
  readonly mean: number;
  readonly sd: number;
  readonly ci95: readonly [number, number];
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly min: number;
  readonly n: number;
}

/** Mean of per-replication differences (strategy − baseline) with its sd and 95 % CI. */
export interface Difference {
  readonly mean: number;
  readonly sd: number;
  readonly ci95: readonly [number, number];
  readonly n: number;
}

function tally(values: Float64Array): Tally {
  const t = new Tally();
  for (const x of values) t.add(x);
  return t;
}

export function describe(values: Float64Array): Stat {
  const n = values.length;
  if (n === 0) {
    return { mean: NaN, sd: NaN, ci95: [NaN, NaN], p50: NaN, p90: NaN, p95: NaN, p99: NaN, p999: NaN, max: NaN, min: NaN, n: 0 };
  }
  const t = tally(values);
  const ci = meanCI(t);
  const sorted = values.slice().sort();
  return {
    mean: t.mean,
    sd: t.sd,
    ci95: [ci.lo, ci.hi],
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    p999: quantileSorted(sorted, 0.999),
    max: sorted[n - 1]!,
    min: sorted[0]!,
    n,
  };
}

/** Per-replication differences a[i] − b[i] (same replication, common random numbers). */
export function pairedDifference(a: Float64Array, b: Float64Array): Difference {
  if (a.length !== b.length) throw new Error(`paired difference of ${a.length} and ${b.length} values`);
  const t = new Tally();
  for (let i = 0; i < a.length; i++) t.add(a[i]! - b[i]!);
  if (t.count === 0) return { mean: NaN, sd: NaN, ci95: [NaN, NaN], n: 0 };
  const ci = meanCI(t);
  return { mean: t.mean, sd: t.sd, ci95: [ci.lo, ci.hi], n: t.count };
}
