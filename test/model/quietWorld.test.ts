// In a quiet world (no outage, no corruption) simulateReplication simulates the failover strategies
// once and shares the outcome (Service.quietOutcomeKey). That must be exactly what simulating each
// of them gives: a traced strategy is always simulated itself, so tracing it is the reference.
import { describe, expect, it } from "vitest";
import { compileModel, simulateReplication, type CompiledModel } from "../../src/model/replication.js";
import { defaultScenarioPath, loadScenario } from "../../src/model/scenario/load.js";
import type { Scenario } from "../../src/model/scenario/types.js";
import { isQuietWorld } from "../../src/strategies/service.js";
import { fixed, HOUR, region, scenario, strategy, YEAR } from "./fixture.js";

const noTrace = (): void => {};

/** Replications checked, and how many of them were quiet. */
function compareWithUnshared(model: CompiledModel, seed: number, n: number): number {
  let quiet = 0;
  for (let r = 0; r < n; r++) {
    if (isQuietWorld(model.world.sample(seed, r))) quiet++;
    const shared = simulateReplication(model, seed, r);
    for (let i = 0; i < model.services.length; i++) {
      const alone = simulateReplication(model, seed, r, { strategy: i, sink: noTrace }).strategies[i]!;
      // toEqual compares numbers with Object.is: bit-for-bit, −0 apart from +0.
      expect(shared.strategies[i]).toEqual(alone);
    }
  }
  return quiet;
}

describe("quiet worlds", () => {
  it("give each failover strategy of the default scenario exactly its own simulated outcome", async () => {
    const model = compileModel(await loadScenario(defaultScenarioPath()));
    const quiet = compareWithUnshared(model, 5, 600);
    expect(quiet).toBeGreaterThan(300); // ~2/3 of replications are quiet
    expect(quiet).toBeLessThan(600);
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
    // P(quiet) = e^(−1.5) ≈ 0.22: ~89 of 400, sd ~8.
    const quiet = compareWithUnshared(compileModel(s), 9, 400);
    expect(quiet).toBeGreaterThan(50);
    expect(quiet).toBeLessThan(400);
  });
});
