// Runs of the synthetic model in this process, from the sources (no worker threads): the store's
// tests register formats in the very modules they then run.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";
import { shardRange } from "../../src/montecarlo/shard.js";
import type { RunResult } from "../../src/montecarlo/types.js";
import type { Scenario } from "../../src/scenario/types.js";

const ROOT = resolve(import.meta.dirname, "../..");
const SYNTHETIC_MODEL = pathToFileURL(join(ROOT, "test/montecarlo/fixtures/syntheticModel.mjs")).href;

/** What the synthetic model and the runner read; the rest of Scenario is irrelevant to them. */
export function syntheticScenario(runs: number, seed = 42): Scenario {
  const strategy = (id: string, label: string): unknown => ({ id, type: id, label });
  return {
    name: "synthetic",
    description: "stand-in for store tests",
    file: "<test>",
    run: { runs, seed, horizon: 365.25 * 86_400 },
    controlPlaneSlowdown: Infinity,
    strategies: [strategy("backup-restore", "Backup & restore"), strategy("pilot-light", "Pilot light"), strategy("active-active", "Active–active")],
  } as unknown as Scenario;
}

/** Replications of shard `index` of `count` (the whole run for 1 of 1). */
export function synthetic(runs: number, index = 1, count = 1): Promise<RunResult> {
  return runMonteCarlo({ scenario: syntheticScenario(runs), range: shardRange(runs, index, count), workers: 1, modelModule: SYNTHETIC_MODEL });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `drsim-store-${prefix}-`));
}

/** Every file of a directory (not recursive), name → bytes. */
export function readDir(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
}
