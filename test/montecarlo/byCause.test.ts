// summary.json's per-cause incident breakdown, on the real model (in-process, one worker).
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/replication/scenario.js";
import { defaultScenarioPath } from "../../src/scenario/load.js";
import { runMonteCarlo, summarize } from "../../src/montecarlo/index.js";

describe("incidents.byCause", async () => {
  const base = await loadScenario(defaultScenarioPath());
  const scenario = { ...base, run: { ...base.run, runs: 3000 } };
  const summary = summarize(await runMonteCarlo({ scenario, workers: 1 }));

  it("partitions every strategy's incidents by cause", () => {
    for (const s of Object.values(summary.strategies)) {
      const byCause = Object.values(s.incidents.byCause);
      expect(byCause.length).toBeGreaterThan(1);
      expect(byCause.reduce((n, c) => n + c.total, 0)).toBe(s.incidents.total);
      for (const c of byCause) expect(c.rtoMinutes.n).toBe(c.total);
    }
  });

  it("pools region failures (every cause but corruption) into incidents.regionFailures", () => {
    for (const s of Object.values(summary.strategies)) {
      const { corruption, ...regional } = s.incidents.byCause;
      const causes = Object.values(regional);
      const total = causes.reduce((n, c) => n + c.total, 0);
      expect(total).toBeGreaterThan(0);
      expect(s.incidents.regionFailures.total).toBe(total);
      expect(s.incidents.regionFailures.total + (corruption?.total ?? 0)).toBe(s.incidents.total);
      expect(s.incidents.regionFailures.rtoMinutes.n).toBe(causes.reduce((n, c) => n + c.rtoMinutes.n, 0));
      expect(s.incidents.regionFailures.rtoMinutes.max).toBe(Math.max(...causes.map((c) => c.rtoMinutes.max)));
      expect(s.incidents.regionFailures.rpoSeconds.min).toBe(Math.min(...causes.map((c) => c.rpoSeconds.min)));
    }
  });

  it("separates what a strategy controls: active-active reroutes a region outage within detection", () => {
    const aa = summary.strategies["active-active"]!.incidents.byCause["region-outage"]!;
    const detectMax = scenario.strategies.find((s) => s.id === "active-active")!.steps.detect;
    expect(detectMax.dist).toBe("uniform"); // calibrated as a uniform range (models/timings.yaml)
    const upper = detectMax.dist === "uniform" ? detectMax.max : Infinity;
    expect(aa.rtoMinutes.max! * 60).toBeLessThanOrEqual(upper + 1e-9);
    // …while its corruption restores take as long as everyone's.
    expect(summary.strategies["active-active"]!.incidents.byCause["corruption"]!.rtoMinutes.p50!).toBeGreaterThan(30);
  });
});
