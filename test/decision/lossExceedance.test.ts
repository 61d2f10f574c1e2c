// Loss exceedance: P(annual loss > $x), where the loss is the cost of risk beyond standing
// infrastructure, from a RunResult in memory or from a saved run directory.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annualLoss, lossCurve } from "../../src/analysis/lossExceedance.js";
import { lossExceedanceCsv } from "../../src/report/lossExceedance.js";
import { loadLossCurves, renderLossExceedance } from "../../src/report/charts/decision/lossExceedanceRun.js";
import { drsim, tempDir } from "../cli/helpers.js";
import { PROVABLE, run } from "./fixture.js";

const INFO = { id: "x", label: "X", type: "warm-standby" };

describe("loss exceedance", () => {
  it("is the survival function of costUSD − standingCostUSD", () => {
    const standing = Float64Array.from([100, 100, 100, 100, 100]);
    const cost = Float64Array.from([100, 150, 300, 100, 1100]);
    const losses = annualLoss(cost, standing);
    expect([...losses]).toEqual([0, 50, 200, 0, 1000]);
    const curve = lossCurve(INFO, losses);
    expect(curve.pAny).toBe(0.6);
    expect(curve.mean).toBe(250);
    // P(loss > 50) = 2/5, P(loss > 200) = 1/5, P(loss > 1000) = 0.
    expect(curve.points).toEqual([
      { x: 50, p: 0.4 },
      { x: 200, p: 0.2 },
      { x: 1000, p: 0 },
    ]);
    expect(lossExceedanceCsv([curve])).toBe("strategy,lossUSD,exceedanceProbability\nx,0,0.6\nx,50,0.4\nx,200,0.2\nx,1000,0\n");
  });

  it("keeps the tail when it downsamples, and never rises", () => {
    const losses = Float64Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? 0 : (i * 7919) % 100_003));
    const curve = lossCurve(INFO, losses, 200);
    expect(curve.points.length).toBeLessThanOrEqual(200);
    expect(curve.points[curve.points.length - 1]!.x).toBe(Math.max(...losses));
    for (let i = 1; i < curve.points.length; i++) expect(curve.points[i]!.p).toBeLessThanOrEqual(curve.points[i - 1]!.p);
  });

  it("from a run directory equals the in-memory curve, and writes lossExceedance.csv and the chart", async () => {
    const dir = tempDir("loss");
    const r = drsim(["run", PROVABLE, "-n", "200", "--quiet", "--out", dir]);
    expect(r.status).toBe(0);
    const memory = await run([], 200);
    const { curves } = await loadLossCurves(dir);
    memory.scenario.strategies.forEach((s, i) => {
      const m = memory.strategies[i]!.metrics;
      const expected = lossCurve(s, annualLoss(m.costUSD, m.standingCostUSD));
      expect(curves[i]!.pAny, s.id).toBe(expected.pAny);
      expect(curves[i]!.points, s.id).toEqual(expected.points);
      expect(curves[i]!.mean, s.id).toBeCloseTo(expected.mean, 6);
    });
    // Without penalties the loss is surge compute: backup & restore runs a full-size standby for
    // a day or more after each failover, so nearly every year with an outage has a loss.
    expect(curves[0]!.pAny).toBeGreaterThan(0.5);
    await renderLossExceedance(dir);
    const csv = readFileSync(join(dir, "lossExceedance.csv"), "utf8");
    expect(csv.split("\n")[0]).toBe("strategy,lossUSD,exceedanceProbability");
    expect(readFileSync(join(dir, "charts/loss-exceedance.svg"), "utf8")).toMatch(/^<svg/);
    // The curves, and a dot at each strategy's worst year.
    expect(JSON.parse(readFileSync(join(dir, "charts/loss-exceedance.vl.json"), "utf8"))).toMatchObject({ layer: [{ mark: { type: "line" } }, { mark: { type: "point" } }] });
  });
});
