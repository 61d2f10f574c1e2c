// The decision's feed (DecisionAccumulator.addYears) takes a block of years a chunk at a time,
// column by column. Whatever the blocks a run arrives in — one, or uneven pieces whose edges fall
// anywhere against the chunks — the evidence must be the same doubles, and those doubles must be
// what a plain year-by-year reading of the raw columns gives (sorting for the order statistics).
import { beforeAll, describe, expect, it } from "vitest";
import { DecisionAccumulator, type AccumulatedEvidence, type DecisionBlock } from "../../src/analysis/decisionAccumulator.js";
import { isRegionFailure } from "../../src/outcomes/results.js";
import type { RunResult } from "../../src/montecarlo/types.js";
import type { Targets } from "../../src/scenario/targets.js";
import { quantileOfOrder } from "../../src/stats/stats.js";
import { DEFAULT_SCENARIO, run } from "./fixture.js";

// More years than two of the feed's chunks (4,096), so chunk edges fall inside every block split.
const YEARS = 9_000;
const TARGETS: Targets = { rto: 3600, rpo: 60, availability: 0.999, confidence: 0.95, includeCorruption: false };

let result: RunResult;
beforeAll(async () => {
  result = await run([], YEARS, DEFAULT_SCENARIO);
});

/** Years [a, b) of `block` as a block of their own: metric columns sliced, incidents of those years. */
function slice(block: DecisionBlock, a: number, b: number): DecisionBlock {
  const { start } = block.range;
  return {
    range: { start: start + a, end: start + b },
    strategies: block.strategies.map(({ metrics, incidents }) => {
      const keep: number[] = [];
      for (let k = 0; k < incidents.count; k++) if (incidents.replication[k]! >= start + a && incidents.replication[k]! < start + b) keep.push(k);
      const pick = (c: ArrayLike<number>): Float64Array => Float64Array.from(keep, (k) => c[k]!);
      const cut = (c: ArrayLike<number>): Float64Array => Float64Array.from({ length: b - a }, (_, i) => c[a + i]!);
      return {
        metrics: { unavailability: cut(metrics.unavailability), costUSD: cut(metrics.costUSD), standingCostUSD: cut(metrics.standingCostUSD) },
        incidents: { count: keep.length, replication: pick(incidents.replication), cause: pick(incidents.cause), rto: pick(incidents.rto), rpo: pick(incidents.rpo) },
      };
    }),
  };
}

/** The evidence of the run fed in blocks of the given sizes (cycled), every pass. */
function evidence(sizes: readonly number[]): AccumulatedEvidence {
  const acc = new DecisionAccumulator(result.scenario.strategies, TARGETS, 64);
  while (acc.needsPass) {
    for (let a = 0, k = 0; a < YEARS; k++) {
      const b = Math.min(YEARS, a + sizes[k % sizes.length]!);
      acc.addYears(slice(result, a, b));
      a = b;
    }
    acc.endPass();
  }
  return acc.evidence();
}

/** Evidence as comparable data: every number of every strategy, and every paired cost difference. */
function numbers(e: AccumulatedEvidence): unknown {
  const n = e.strategies.length;
  const pairs = Array.from({ length: n * n }, (_, k) => e.costDifference(Math.floor(k / n), k % n));
  return { years: e.years, strategies: e.strategies, corruption: e.corruption, pairs };
}

describe("the decision's feed, a chunk of years at a time", () => {
  it("gives the same doubles whatever blocks the years arrive in", () => {
    const whole = numbers(evidence([YEARS]));
    for (const sizes of [[1, 4095, 4097, 7], [1000], [4096], [3, 5000, 2]]) expect(numbers(evidence(sizes)), `blocks ${sizes.join(", ")}`).toStrictEqual(whole);
  });

  it("gives what a year-by-year reading of the raw columns gives, order statistics by sorting", () => {
    const e = evidence([YEARS]);
    const conf = TARGETS.confidence;
    result.strategies.forEach(({ metrics, incidents: inc }, s) => {
      const got = e.strategies[s]!;
      // Each year's worst counted incident (a region failure; NaN, never recovered, as +∞) and breaches.
      const worst = { rto: new Float64Array(YEARS), rpo: new Float64Array(YEARS) };
      const breaches = { rto: 0, rpo: 0 };
      let counted = 0;
      for (let k = 0; k < inc.count; k++) {
        if (!isRegionFailure(inc.cause[k]!)) continue;
        counted++;
        const r = inc.replication[k]!;
        for (const kind of ["rto", "rpo"] as const) {
          const v = Number.isNaN(inc[kind][k]!) ? Infinity : inc[kind][k]!;
          worst[kind][r] = Math.max(worst[kind][r]!, v);
          if (v > TARGETS[kind]!) breaches[kind]++;
        }
      }
      expect(got.incidents).toBe(counted);
      for (const kind of ["rto", "rpo"] as const) {
        const sorted = Float64Array.from(worst[kind]).sort();
        const kept = worst[kind].filter((v) => v <= TARGETS[kind]!).length;
        expect(got[kind]!.years.k, `${s} ${kind} years kept`).toBe(kept);
        expect(got[kind]!.atConfidence).toBe(quantileOfOrder(YEARS, conf, (r) => sorted[r]!));
        expect(got[kind]!.breaches.mean).toBeCloseTo(breaches[kind] / YEARS, 12);
      }
      const availability = Float64Array.from(metrics.unavailability, (u) => 1 - u);
      const sortedA = Float64Array.from(availability).sort();
      expect(got.availability!.years.k).toBe(availability.filter((a) => a >= TARGETS.availability!).length);
      expect(got.availability!.atConfidence).toBe(quantileOfOrder(YEARS, 1 - conf, (r) => sortedA[r]!));
      expect(got.cost.mean).toBeCloseTo(metrics.costUSD.reduce((x, y) => x + y, 0) / YEARS, 6);
    });
  });
});
