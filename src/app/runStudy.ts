// Use case: run a study — simulate a scenario's replications, summarize them, write the run
// directory (rows, scenario, summary) and, if wanted, its charts and report. Also where each
// scenario's outputs go, checked before anything is simulated.
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UserError } from "../errors.js";
import { runMonteCarlo } from "../montecarlo/runner.js";
import type { ShardSpec } from "../montecarlo/shard.js";
import { summarize, type Summary } from "../montecarlo/summary.js";
import type { ReplicationRange, RunResult } from "../montecarlo/types.js";
import type { Scenario } from "../scenario/types.js";
import { chartRuns } from "./chart.js";
import { writeRunOutputs } from "./runOutputs.js";

/** Progress of a simulation: updated per batch, finished when the simulation ends (or fails). */
export interface SimulationProgress {
  update(done: number, total: number): void;
  finish(): void;
}

/** Simulates replications `range` (default: all) of `scenario`. */
export async function simulate(scenario: Scenario, options: { range?: ReplicationRange; workers?: number; progress?: SimulationProgress }): Promise<RunResult> {
  const { progress } = options;
  try {
    return await runMonteCarlo({ scenario, range: options.range, workers: options.workers, onProgress: progress && ((d, t) => progress.update(d, t)) });
  } finally {
    progress?.finish();
  }
}

export interface StudyOptions {
  /** The resolved scenario (run.runs, run.seed, run.horizon final). */
  readonly scenario: Scenario;
  readonly dir: string;
  /** Worker threads (default: every core). */
  readonly workers?: number;
  /** Draw charts/ and report.html after the data. */
  readonly charts: boolean;
  readonly progress?: SimulationProgress;
}

/** Runs a whole study into `dir`; returns its summary. */
export async function runStudy(options: StudyOptions): Promise<Summary> {
  const run = await simulate(options.scenario, options);
  const summary = summarize(run);
  await writeRunOutputs(options.dir, run, summary);
  if (options.charts) await chartRuns([options.dir]);
  return summary;
}

/**
 * The output directory of each scenario: `out` (with several scenarios, out/<name>), by default
 * results/<name> — and for a shard without --out, results/<name>/shard-i-of-n. Two scenarios may
 * not share one, and each must be writable: a typo fails now, not after a long simulation.
 */
export function runDirs(scenarios: readonly Scenario[], options: { out?: string; shard?: ShardSpec }): string[] {
  const { out, shard } = options;
  const several = scenarios.length > 1;
  const dirs = scenarios.map((scenario) => {
    const base = out === undefined ? join("results", scenario.name) : several ? join(out, scenario.name) : out;
    if (shard === undefined || out !== undefined) return base;
    return join(base, `shard-${shard.index}-of-${shard.count}`);
  });
  const clash = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (clash !== undefined) throw new UserError(`two scenarios would write to ${clash}: give them different names`);
  dirs.forEach(checkWritableDir);
  return dirs;
}

/** The directory exists and is writable, or can be created under its nearest existing ancestor. */
function checkWritableDir(dir: string): void {
  let at = resolve(dir);
  while (!existsSync(at)) at = dirname(at);
  if (!statSync(at).isDirectory()) throw new UserError(`--out: ${at} is not a directory`);
  try {
    accessSync(at, constants.W_OK);
  } catch {
    throw new UserError(`--out: ${at} is not writable`);
  }
}
