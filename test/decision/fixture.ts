// Shared by the decision tests: the hand-checkable scenario and a way to run it in-process.
import { join, resolve } from "node:path";
import { loadForRun } from "../../src/app/scenario.js";
import type { Scenario } from "../../src/scenario/types.js";
import { runMonteCarlo, type RunResult } from "../../src/montecarlo/index.js";

export const ROOT = resolve(import.meta.dirname, "../..");
export const PROVABLE = join(ROOT, "test/fixtures/decision/provable.yaml");
export const DEFAULT_SCENARIO = join(ROOT, "scenarios/default.yaml");

export async function load(overrides: { path: string; value: string }[] = [], runs?: number, file = PROVABLE): Promise<Scenario> {
  return loadForRun(file, { overrides, runs });
}

/** Runs in-process (one worker): deterministic and cheap for the few hundred replications tests use. */
export async function run(overrides: { path: string; value: string }[] = [], runs?: number, file = PROVABLE): Promise<RunResult> {
  return runMonteCarlo({ scenario: await load(overrides, runs, file), workers: 1 });
}
