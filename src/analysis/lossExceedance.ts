// Loss exceedance: the annual financial loss of a strategy — what its incidents cost on top of its
// standing infrastructure (surge compute + downtime and lost-write penalties = costUSD −
// standingCostUSD per replication) — as the curve P(annual loss > $x), the chart risk teams use.
// The curve is data; src/report/lossExceedance.ts writes it as CSV, charts/decision/ draws it.
import { EcdfAccumulator, feedAll } from "../stats/curve.js";

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

/** One replication's loss: total cost of risk less standing cost (never below 0 by rounding). */
export function lossOf(costUSD: number, standingCostUSD: number): number {
  // Differences of two large sums can leave ±1e-10 of rounding where there was no incident.
  const d = costUSD - standingCostUSD;
  return Math.abs(d) < 1e-6 * Math.max(1, Math.abs(costUSD)) ? 0 : d;
}

/** Per-replication loss (lossOf of each replication). */
export function annualLoss(costUSD: Float64Array, standingCostUSD: Float64Array): Float64Array {
  if (costUSD.length !== standingCostUSD.length) throw new Error(`annualLoss: ${costUSD.length} costs, ${standingCostUSD.length} standing costs`);
  return costUSD.map((c, i) => lossOf(c, standingCostUSD[i]!));
}

/**
 * A LossCurve from a stream of per-replication losses fed in passes (`add` each, `endPass()`,
 * repeat while `needsPass`), in memory that does not grow with the replications. The mean is
 * the plain sum of the losses in the order fed, over n.
 */
export class LossCurveAccumulator {
  private readonly ecdf: EcdfAccumulator;
  private firstPass = true;
  private sum = 0;
  private positive = 0;

  constructor(
    private readonly info: { id: string; label: string; type: string },
    maxPoints = 400,
    collectLimit?: number,
    /** Losses the stream will have, when known. */
    expected?: number,
    /** Memory a pass may give the curve's order statistic (EcdfOptions). */
    passBudgetBytes?: number,
  ) {
    this.ecdf = new EcdfAccumulator({ maxPoints, quantiles: [0.9, 0.99], collectLimit, expected, passBudgetBytes });
  }

  get needsPass(): boolean {
    return this.ecdf.needsPass;
  }

  add(loss: number): void {
    if (this.firstPass) {
      this.sum += loss;
      if (loss > 0) this.positive++;
    }
    this.ecdf.add(loss);
  }

  endPass(): void {
    this.firstPass = false;
    this.ecdf.endPass();
  }

  result(): LossCurve {
    const { n, points, quantiles } = this.ecdf.result();
    return {
      id: this.info.id,
      label: this.info.label,
      type: this.info.type,
      n,
      mean: n > 0 ? this.sum / n : NaN,
      pAny: n > 0 ? this.positive / n : NaN,
      p90: quantiles[0]!,
      p99: quantiles[1]!,
      // cdf is (count ≤ x) / n: recover the count so P(loss > x) is an exact ratio, not 1 − a rounded one.
      points: points.map((pt) => ({ x: pt.x, p: (n - Math.round(pt.cdf * n)) / n })),
    };
  }
}

/** The loss curve of losses held in memory (LossCurveAccumulator, holding them all: two passes). */
export function lossCurve(info: { id: string; label: string; type: string }, losses: Float64Array, maxPoints = 400): LossCurve {
  const acc = new LossCurveAccumulator(info, maxPoints, Math.max(1, losses.length));
  feedAll(acc, losses);
  return acc.result();
}
