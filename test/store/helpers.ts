// Runs of the synthetic model in this process, from the sources (no worker threads): the store's
// tests register formats in the very modules they then run.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";
import { shardRange } from "../../src/montecarlo/shard.js";
import type { RunResult } from "../../src/montecarlo/types.js";
import { SYNTHETIC_MODEL, syntheticScenario } from "../montecarlo/synthetic.js";

export { syntheticScenario };

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
