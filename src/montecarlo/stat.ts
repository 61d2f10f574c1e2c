// Stat (summary.json's distribution summary) and paired differences, over a column of values, on
// the engine's statistics: Welford tally, type-7 quantiles of exact order statistics, t-based 95 % CI.
// A Stat is accumulated from a stream (StatAccumulator), so a run held in memory and a merge reading
// shard files back share one code path and give the same doubles.
import { ExactOrderStatistics } from "../stats/orderStatistics.js";
import { meanCI, quantileOfOrder, quantileRanks, Tally } from "../stats/stats.js";

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

const QUANTILES = [
  ["p50", 0.5],
  ["p90", 0.9],
  ["p95", 0.95],
  ["p99", 0.99],
  ["p999", 0.999],
] as const;

const EMPTY: Stat = { mean: NaN, sd: NaN, ci95: [NaN, NaN], p50: NaN, p90: NaN, p95: NaN, p99: NaN, p999: NaN, max: NaN, min: NaN, n: 0 };

/**
 * A Stat built from a stream of values fed in one or more passes: `add` every value, `endPass()`,
 * and repeat while `needsPass`. Mean and sd come from the first pass, in the order fed.
 */
export class StatAccumulator {
  private readonly tally = new Tally();
  private readonly order: ExactOrderStatistics;
  private firstPass = true;

  /**
   * `collectLimit`: up to this many values are held and sorted in one pass; past it, memory stays
   * bounded and the quantiles take more passes (up to five; see ExactOrderStatistics). `expected`:
   * the values the first pass will see, when known. `holdLimit`: values held in the first pass, when
   * fewer than `collectLimit` (a streamed summary's memory; see RunFeed).
   */
  constructor(collectLimit?: number, expected?: number, holdLimit?: number) {
    this.order = new ExactOrderStatistics(collectLimit, undefined, expected, holdLimit);
  }

  add(x: number): void {
    if (this.firstPass) this.tally.add(x);
    this.order.add(x);
  }

  /** `add` of values[from..to), in order, in loops of their own. */
  addAll(values: Float64Array, from: number, to: number): void {
    if (this.firstPass) {
      const tally = this.tally;
      for (let i = from; i < to; i++) tally.add(values[i]!);
    }
    this.order.addAll(values, from, to);
  }

  /**
   * addAll of each columns[k][0..n) to stats[k], every stat in the same pass: the first pass's
   * tallies advance together (Tally.addColumns), then each statistic's order statistics.
   */
  static addColumns(stats: readonly StatAccumulator[], columns: readonly Float64Array[], n: number): void {
    if (stats.length === 0) return;
    if (stats.some((s) => s.firstPass !== stats[0]!.firstPass)) throw new Error("StatAccumulator.addColumns: statistics in different passes");
    if (stats[0]!.firstPass) Tally.addColumns(stats.map((s) => s.tally), columns, n);
    for (let k = 0; k < stats.length; k++) stats[k]!.order.addAll(columns[k]!, 0, n);
  }

  get needsPass(): boolean {
    return this.firstPass || this.order.needsPass;
  }

  endPass(): void {
    this.order.endPass();
    if (!this.firstPass) return;
    this.firstPass = false;
    const n = this.order.count;
    if (n > 0) this.order.want([0, n - 1, ...QUANTILES.flatMap(([, p]) => quantileRanks(n, p))]);
  }

  result(): Stat {
    if (this.needsPass) throw new Error("StatAccumulator.result() before the last pass");
    const n = this.order.count;
    if (n === 0) return EMPTY;
    const ci = meanCI(this.tally);
    const at = (rank: number): number => this.order.valueAt(rank);
    const q = (p: number): number => quantileOfOrder(n, p, at);
    return {
      mean: this.tally.mean,
      sd: this.tally.sd,
      ci95: [ci.lo, ci.hi],
      p50: q(QUANTILES[0][1]),
      p90: q(QUANTILES[1][1]),
      p95: q(QUANTILES[2][1]),
      p99: q(QUANTILES[3][1]),
      p999: q(QUANTILES[4][1]),
      max: at(n - 1),
      min: at(0),
      n,
    };
  }
}

/** The Stat of a column held in memory (one pass: the values are sorted). */
export function describe(values: Float64Array): Stat {
  const acc = new StatAccumulator(Math.max(1, values.length));
  while (acc.needsPass) {
    for (const x of values) acc.add(x);
    acc.endPass();
  }
  return acc.result();
}

/** Mean of per-replication differences with its sd and 95 % CI, from their tally. */
export function differenceOf(t: Tally): Difference {
  if (t.count === 0) return { mean: NaN, sd: NaN, ci95: [NaN, NaN], n: 0 };
  const ci = meanCI(t);
  return { mean: t.mean, sd: t.sd, ci95: [ci.lo, ci.hi], n: t.count };
}

/** Per-replication differences a[i] − b[i] (same replication, common random numbers). */
export function pairedDifference(a: Float64Array, b: Float64Array): Difference {
  if (a.length !== b.length) throw new Error(`paired difference of ${a.length} and ${b.length} values`);
  const t = new Tally();
  for (let i = 0; i < a.length; i++) t.add(a[i]! - b[i]!);
  return differenceOf(t);
}
