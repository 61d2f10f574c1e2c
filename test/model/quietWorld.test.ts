// In a world quiet for the failover strategies (no corruption, no outage of the home region)
// simulateReplication simulates them once and shares the outcome (Mechanism.quietHome, judged by
// services/worldEvents.ts). That must be exactly what simulating each of them gives: a traced
// strategy is always simulated itself, so tracing it is the reference.
import { describe, expect, it } from "vitest";
import { compileModel, isQuietFor, simulateReplication, type CompiledModel } from "../../src/replication/replication.js";
import { loadScenario } from "../../src/replication/scenario.js";
import { defaultScenarioPath } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/types.js";
import { fixed, HOUR, region, scenario, strategy, YEAR } from "./fixture.js";

const noTrace = (): void => {};

/** Compares every replication of 0..n−1; returns how many were quiet, and of those how many had an outage. */
function compareWithUnshared(model: CompiledModel, seed: number, n: number): { quiet: number; withOutage: number } {
  let quiet = 0;
  let withOutage = 0;
  const failover = model.scenario.strategies.findIndex((s) => s.type !== "active-active");
  for (let r = 0; r < n; r++) {
    const world = model.world.sample(seed, r);
    if (isQuietFor(model, world, failover)) {
      quiet++;
      if (world.outages.length > 0) withOutage++;
    }
    const shared = simulateReplication(model, seed, r);
    for (let i = 0; i < model.services.length; i++) {
      const alone = simulateReplication(model, seed, r, { strategy: i, sink: noTrace }).strategies[i]!;
      // toEqual compares numbers with Object.is: bit-for-bit, −0 apart from +0.
      expect(shared.strategies[i]).toEqual(alone);
    }
  }
  return { quiet, withOutage };
}

describe("quiet worlds", () => {
  it("give each failover strategy of the default scenario exactly its own simulated outcome", async () => {
    const model = compileModel(await loadScenario(defaultScenarioPath()));
    // P(quiet) = e^(−0.3) ≈ 0.74 (~444 of 600, sd ~11); an outage of the other region alone in
    // ~9 % of them (~38, sd ~6).
    const { quiet, withOutage } = compareWithUnshared(model, 5, 600);
    expect(quiet).toBeGreaterThan(380);
    expect(quiet).toBeLessThan(500);
    expect(withOutage).toBeGreaterThan(8);
  });

  it("hold with degradations down to zero capacity, partitions and a trace of the demand", () => {
    const s: Scenario = scenario({
      regions: [region("a", { rate: 0.5 / YEAR }), region("b", { rate: 0.5 / YEAR })],
      degradation: { rate: 40 / YEAR, duration: { dist: "exponential", mean: 6 * HOUR }, remainingCapacity: { dist: "uniform", min: 0, max: 1 } },
      partition: { rate: 20 / YEAR, duration: { dist: "exponential", mean: HOUR } },
      corruption: { rate: 0.5 / YEAR, detection: fixed(HOUR) },
      workload: { ...scenario().workload, trace: { step: 3600, rates: [50, 120, 90, 300, 10] } },
      strategies: [
        strategy("backup-restore", "backup-restore"),
        strategy("active-active", "active-active", { standbyFraction: 0.6 }),
        strategy("warm-standby", "warm-standby", { standbyFraction: 0.3 }),
        strategy("pilot-light", "pilot-light", { standbyFraction: 0, replication: { mode: "sync" } }),
      ],
    });
    // P(quiet) = e^(−1) ≈ 0.37: ~147 of 400, sd ~10; with an outage of region b, e^(−1)(1 − e^(−0.5))
    // ≈ 0.14: ~58, sd ~7.
    const { quiet, withOutage } = compareWithUnshared(compileModel(s), 9, 400);
    expect(quiet).toBeGreaterThan(100);
    expect(quiet).toBeLessThan(200);
    expect(withOutage).toBeGreaterThan(25);
  });
});
