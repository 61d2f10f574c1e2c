// Loss exceedance: the annual financial loss of a strategy — what its incidents cost on top of its
// standing infrastructure (surge compute + downtime and lost-write penalties = costUSD −
// standingCostUSD per replication) — as the curve P(annual loss > $x), the chart risk teams use.
import { quantileSorted } from "../engine/stats.js";
import { csvNumber, csvString } from "../report/csv.js";
import { positiveEcdf } from "../report/charts/sample.js";

export interface LossPoint {
  /** USD per horizon. */
  readonly x: number;
  /** P(loss > x). */
  readonly p: number;
}

export interface LossCurve {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  /** Replications. */
  readonly n: number;
  /** Expected loss per horizon. */
  readonly mean: number;
  /** P(loss > 0): the share of years with any loss at all. */
  readonly pAny: number;
  /** Loss exceeded in 1 year out of 10 and 1 out of 100 (quantiles 0.9 and 0.99). */
  readonly p90: number;
  readonly p99: number;
  /** The curve at up to a few hundred positive losses (body and far tail), ascending x. */
  readonly points: readonly LossPoint[];
}

/** Per-replication loss: total cost of risk less standing cost (never below 0 by rounding). */
export function annualLoss(costUSD: Float64Array, standingCostUSD: Float64Array): Float64Array {
  if (costUSD.length !== standingCostUSD.length) throw new Error(`annualLoss: ${costUSD.length} costs, ${standingCostUSD.length} standing costs`);
  // Differences of two large sums can leave ±1e-10 of rounding where there was no incident.
  return costUSD.map((c, i) => {
    const d = c - standingCostUSD[i]!;
    return Math.abs(d) < 1e-6 * Math.max(1, Math.abs(c)) ? 0 : d;
  });
}

export function lossCurve(info: { id: string; label: string; type: string }, losses: Float64Array, maxPoints = 400): LossCurve {
  const n = losses.length;
  const sorted = Float64Array.from(losses).sort();
  let sum = 0;
  let positive = 0;
  for (const x of sorted) {
    sum += x;
    if (x > 0) positive++;
  }
  return {
    id: info.id,
    label: info.label,
    type: info.type,
    n,
    mean: n > 0 ? sum / n : NaN,
    pAny: n > 0 ? positive / n : NaN,
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
    // cdf is (count ≤ x) / n: recover the count so P(loss > x) is an exact ratio, not 1 − a rounded one.
    points: positiveEcdf(sorted, maxPoints).map((pt) => ({ x: pt.x, p: (n - Math.round(pt.cdf * n)) / n })),
  };
}

export const LOSS_EXCEEDANCE_COLUMNS = ["strategy", "lossUSD", "exceedanceProbability"] as const;

/**
 * lossExceedance.csv: per strategy, a first row at $0 (P(loss > 0)), then the curve's points. Tidy:
 * one row per (strategy, x).
 */
export function lossExceedanceCsv(curves: readonly LossCurve[]): string {
  const lines = [LOSS_EXCEEDANCE_COLUMNS.join(",")];
  for (const c of curves) {
    const id = csvString(c.id);
    lines.push(`${id},0,${csvNumber(c.pAny)}`);
    for (const pt of c.points) lines.push(`${id},${csvNumber(pt.x)},${csvNumber(pt.p)}`);
  }
  return `${lines.join("\n")}\n`;
}
