// The streaming curves (EcdfAccumulator, LossCurveAccumulator) give bit for bit the points of the
// in-memory code they replaced (sort the sample, upperBound each point), whatever the number of
// passes, and so does the replications.csv loader on a real run.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { annualLoss, LossCurveAccumulator, lossCurve, type LossCurve } from "../../src/analysis/lossExceedance.js";
import { quantileSorted } from "../../src/stats/stats.js";
import { streamFor } from "../../src/random/streams.js";
import { loadLossCurves } from "../../src/report/charts/decision/lossExceedanceRun.js";
import { loadRun } from "../../src/report/charts/load/run.js";
import {
  curveRanks,
  EcdfAccumulator,
  ecdfZeroShare,
  feedAll,
  positiveEcdf,
  upperBound,
  zeroShare,
  type CurvePoint,
  type Ecdf,
} from "../../src/stats/curve.js";
import { drsim } from "../cli/helpers.js";

/** positiveEcdf as it was before streaming: sort everything, binary-search each point. */
function referenceEcdf(values: ArrayLike<number>, maxPoints: number): CurvePoint[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const firstPositive = upperBound(sorted, 0);
  const positives = sorted.subarray(firstPositive);
  const out: CurvePoint[] = [];
  let lastX = Number.NaN;
  for (const r of curveRanks(positives.length, maxPoints)) {
    const x = positives[r]!;
    if (x === lastX) continue;
    lastX = x;
    out.push({ x, cdf: upperBound(sorted, x) / n });
  }
  return out;
}

/** lossCurve as it was before streaming (its mean summed the sorted losses). */
function referenceLossCurve(losses: Float64Array, maxPoints: number): Omit<LossCurve, "id" | "label" | "type" | "mean"> {
  const n = losses.length;
  const sorted = Float64Array.from(losses).sort();
  let positive = 0;
  for (const x of sorted) if (x > 0) positive++;
  return {
    n,
    pAny: n > 0 ? positive / n : NaN,
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
    points: referenceEcdf(sorted, maxPoints).map((pt) => ({ x: pt.x, p: (n - Math.round(pt.cdf * n)) / n })),
  };
}

/** Feeds `values` in passes through an accumulator holding at most `collectLimit` per bin; counts the passes. */
function streamed(values: Float64Array, maxPoints: number, collectLimit: number): Ecdf & { passes: number } {
  const acc = new EcdfAccumulator({ maxPoints, collectLimit });
  let passes = 0;
  while (acc.needsPass) {
    // Each pass in a different order: the accumulator must not depend on it.
    for (let i = 0; i < values.length; i++) acc.add(values[passes % 2 === 0 ? i : values.length - 1 - i]!);
    acc.endPass();
    passes++;
  }
  return { ...acc.result(), passes };
}

/** Bitwise equality of doubles (so −0 ≠ 0 and NaN = NaN), point by point. */
function expectSameBits(actual: readonly CurvePoint[], expected: readonly CurvePoint[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((p, i) => {
    expect(Object.is(p.x, expected[i]!.x), `x at ${i}`).toBe(true);
    expect(Object.is(p.cdf, expected[i]!.cdf), `cdf at ${i}`).toBe(true);
  });
}

const samples: [string, () => Float64Array][] = [
  ["empty", () => new Float64Array()],
  ["one zero", () => Float64Array.of(0)],
  ["one positive", () => Float64Array.of(3.5)],
  ["all zeros and negatives", () => Float64Array.of(0, -0, -1, 0, 0)],
  [
    "mostly zeros, a lognormal tail",
    () => {
      const u = streamFor(11, 0, "ecdf-test");
      return Float64Array.from({ length: 30_000 }, () => (u() < 0.8 ? 0 : Math.exp(3 * u() - 1) * 1000));
    },
  ],
  [
    "heavy ties: a few discrete levels (constant penalties)",
    () => {
      const u = streamFor(12, 0, "ecdf-test");
      return Float64Array.from({ length: 20_000 }, () => [0, 0, 0, 900, 900, 1800, 2700, 12.5][Math.floor(u() * 8)]!);
    },
  ],
  [
    "ties across rank spacing, negatives, −0 and NaN",
    () => {
      const u = streamFor(13, 0, "ecdf-test");
      return Float64Array.from({ length: 10_000 }, (_, i) =>
        i % 997 === 0 ? NaN : i % 501 === 0 ? -0 : i % 7 === 0 ? -u() : Math.round(u() * 40) / 4,
      );
    },
  ],
  ["wide range: 1e-300 to 1e300", () => Float64Array.from({ length: 5_000 }, (_, i) => Math.pow(10, (i * 600) / 4999 - 300))],
];

describe("EcdfAccumulator", () => {
  test.each(samples)("%s: the points of the in-memory code, bit for bit, in one pass or many", (_, make) => {
    const values = make();
    for (const maxPoints of [5, 300, 500]) {
      const expected = referenceEcdf(values, maxPoints);
      expectSameBits(positiveEcdf(values, maxPoints), expected);
      for (const collectLimit of [1, 4, 64, 1 << 18]) {
        const s = streamed(values, maxPoints, collectLimit);
        expectSameBits(s.points, expected);
        expect(s.n).toBe(values.length);
        expect(ecdfZeroShare(s)).toBe(zeroShare(values));
      }
    }
  });

  test("a tiny collectLimit takes several passes; a held sample without ties takes one", () => {
    const u = streamFor(14, 0, "ecdf-test");
    const values = Float64Array.from({ length: 50_000 }, () => u() * 1e4);
    expect(streamed(values, 300, 16).passes).toBeGreaterThanOrEqual(3);
    expect(streamed(values, 300, 1 << 18).passes).toBe(1);
  });

  test("ties beyond the last selected rank are counted in an extra pass", () => {
    // 10 001 copies of 1, then 2s: with 4 points the ranks are 0 and 19 999, and rank 1 ties rank 0.
    const values = Float64Array.from({ length: 20_000 }, (_, i) => (i < 10_001 ? 1 : 2));
    expect(curveRanks(values.length, 4)).toEqual([0, 19_999]);
    expect(() => curveRanks(values.length, 3)).toThrow(RangeError);
    const s = streamed(values, 4, 1 << 18);
    expect(s.passes).toBe(2);
    expect(s.points).toEqual([
      { x: 1, cdf: 10_001 / 20_000 },
      { x: 2, cdf: 1 },
    ]);
  });

  test("the protocol is enforced", () => {
    const acc = new EcdfAccumulator();
    expect(() => acc.result()).toThrow(/before the last pass/);
    feedAll(acc, [1, 2, 3]);
    expect(() => acc.add(1)).toThrow(/after the last pass/);
  });
});

describe("LossCurveAccumulator", () => {
  const u = streamFor(21, 0, "loss-test");
  const standing = Float64Array.from({ length: 40_000 }, () => 100_000);
  const cost = standing.map((s) => {
    const r = u();
    return r < 0.7 ? s : r < 0.9 ? s + 900 * Math.ceil(u() * 3) : s + Math.exp(u() * 12);
  });
  const losses = annualLoss(cost, standing);

  test.each([1, 8, 1024, 1 << 18])("collectLimit %i: the in-memory curve bit for bit (the mean summed in file order)", (collectLimit) => {
    const expected = referenceLossCurve(losses, 400);
    const acc = new LossCurveAccumulator({ id: "x", label: "X", type: "warm-standby" }, 400, collectLimit);
    feedAll(acc, losses);
    const curve = acc.result();
    const { id, label, type, mean, ...rest } = curve;
    expect([id, label, type]).toEqual(["x", "X", "warm-standby"]);
    expect(rest).toEqual(expected);
    for (const k of ["pAny", "p90", "p99"] as const) expect(Object.is(curve[k], expected[k]), k).toBe(true);
    let sum = 0;
    for (const x of losses) sum += x;
    expect(mean).toBe(sum / losses.length);
    expect(lossCurve({ id: "x", label: "X", type: "warm-standby" }, losses)).toEqual(curve);
  });

  test("no replications: NaN figures, no points", () => {
    const c = lossCurve({ id: "x", label: "X", type: "t" }, new Float64Array());
    expect(c.n).toBe(0);
    expect([c.mean, c.pAny, c.p90, c.p99].every(Number.isNaN)).toBe(true);
    expect(c.points).toEqual([]);
  });
});

describe("loading a real run's replications.csv", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "drsim-ecdf-run-"));
    const r = drsim(["run", "scenarios/default.yaml", "-n", "3000", "--seed", "5", "--workers", "1", "--quiet", "--no-charts", "--out", dir]);
    if (r.status !== 0) throw new Error(`drsim run failed (${r.status}): ${r.stderr}`);
    // The reference reads the rows as CSV; loadRun reads the run's Parquet files.
    const e = drsim(["export", dir, "--quiet"]);
    if (e.status !== 0) throw new Error(`drsim export failed (${e.status}): ${e.stderr}`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The file's columns per strategy id, held in memory (the reference). */
  function columns(): Map<string, Record<"downtimeSeconds" | "regionFailureDataLossSeconds" | "costUSD" | "standingCostUSD", number[]>> {
    const [header, ...lines] = readFileSync(join(dir, "replications.csv"), "utf8").trim().split("\n");
    const names = header!.split(",");
    const col = (name: string): number => names.indexOf(name);
    const out = new Map<string, Record<"downtimeSeconds" | "regionFailureDataLossSeconds" | "costUSD" | "standingCostUSD", number[]>>();
    for (const line of lines) {
      const f = line.split(",");
      const id = f[col("strategy")]!;
      let c = out.get(id);
      if (c === undefined) out.set(id, (c = { downtimeSeconds: [], regionFailureDataLossSeconds: [], costUSD: [], standingCostUSD: [] }));
      for (const k of ["downtimeSeconds", "regionFailureDataLossSeconds", "costUSD", "standingCostUSD"] as const) c[k].push(Number(f[col(k)]));
    }
    return out;
  }

  test.each([undefined, 32])("collectLimit %s: the curves of the in-memory code", async (collectLimit) => {
    const reference = columns();
    const run = await loadRun(dir, { collectLimit });
    expect(run.strategies.length).toBeGreaterThanOrEqual(2);
    for (const s of run.strategies) {
      const c = reference.get(s.id)!;
      const d = run.replications.get(s.id)!;
      expect(d.n).toBe(3000);
      const minutes = c.downtimeSeconds.map((x) => x / 60);
      expectSameBits(d.downtimeMinutes.points, referenceEcdf(minutes, 300));
      expect(ecdfZeroShare(d.downtimeMinutes)).toBe(zeroShare(minutes));
      expectSameBits(d.regionFailureDataLossSeconds.points, referenceEcdf(c.regionFailureDataLossSeconds, 300));
      expect(ecdfZeroShare(d.regionFailureDataLossSeconds)).toBe(zeroShare(c.regionFailureDataLossSeconds));
      const losses = annualLoss(Float64Array.from(c.costUSD), Float64Array.from(c.standingCostUSD));
      const { mean, id: _i, label: _l, type: _t, ...rest } = d.loss;
      expect(rest).toEqual(referenceLossCurve(losses, 400));
      expect(mean).toBe(lossCurve(s, losses).mean);
    }
    const { curves } = await loadLossCurves(dir);
    expect(curves).toEqual(run.strategies.map((s) => run.replications.get(s.id)!.loss));
  });
});
