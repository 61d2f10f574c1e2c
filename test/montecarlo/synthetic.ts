// The synthetic model (fixtures/syntheticModel.mjs) and a scenario it runs: a stand-in for the real
// model, so the runner, the pool, the store and the merge can be tested quickly.
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Scenario } from "../../src/scenario/types.js";

export const SYNTHETIC_MODEL = pathToFileURL(join(resolve(import.meta.dirname, "../.."), "test/montecarlo/fixtures/syntheticModel.mjs")).href;

/** Just what the synthetic model and the runner read; the rest of Scenario is irrelevant to them. */
export function syntheticScenario(runs: number, seed = 42): Scenario {
  const strategy = (id: string, type: string, label: string): unknown => ({ id, type, label });
  return {
    name: "synthetic",
    description: "stand-in for runner tests",
    file: "<test>",
    run: { runs, seed, horizon: 365.25 * 86_400 },
    controlPlaneSlowdown: Infinity,
    strategies: [
      strategy("backup-restore", "backup-restore", "Backup & restore"),
      strategy("pilot-light", "pilot-light", "Pilot light"),
      strategy("warm-standby", "warm-standby", "Warm standby"),
      strategy("active-active", "active-active", "Active–active"),
    ],
  } as unknown as Scenario;
}
