// Use case: run a study — simulate a scenario's replications, summarize them, write the run
// directory (rows, scenario, summary) and, unless told not to, its charts and report. Also where
// each scenario of a `drsim run` goes, decided (and checked writable) before anything simulates.
import { join } from "node:path";
import { UserError } from "../errors.js";
import { runMonteCarlo } from "../montecarlo/runner.js";
import type { ShardSpec } from "../montecarlo/shard.js";
import { summarize, type Summary } from "../montecarlo/summary.js";
import { recommend, type Recommendation } from "../analysis/recommend.js";
import type { ReplicationRange, RunResult } from "../montecarlo/types.js";
import type { Scenario } from "../scenario/types.js";
import { chartRuns } from "./chart.js";
import { checkOutDir, defaultOutDir, dirNameFor } from "./outputDir.js";
import { writeRunOutputs } from "./runOutputs.js";
import { loadForRun, type RunSettings } from "./scenario.js";
import type { StudyOptions } from "./study.js";

export interface RunStudyOptions extends StudyOptions {
  /** Scenario fields set before running (as `--set PATH=value`). */
  readonly overrides?: RunSettings["overrides"];
  /** Output directory; default results/<scenario>. */
  readonly out?: string;
  /** Draw charts/ and report.html after the data (default true). */
  readonly charts?: boolean;
}

export interface RunStudyOutcome {
  readonly scenario: Scenario;
  readonly summary: Summary;
  /** The decision, when the scenario states targets (report.html draws the same from the files). */
  readonly recommendation: Recommendation | undefined;
  readonly out: string;
  /** The run directory's files (charts/ and report.html besides, when drawn). */
  readonly files: readonly string[];
}

/** Simulates replications `range` (default: all) of `scenario`, reporting progress under its name. */
export function simulate(scenario: Scenario, range: ReplicationRange | undefined, options: StudyOptions): Promise<RunResult> {
  const { onProgress } = options;
  return runMonteCarlo({
    scenario,
    range,
    workers: options.workers,
    signal: options.signal,
    onProgress: onProgress && ((done, total) => onProgress(done, total, scenario.name)),
  });
}

/** Runs a whole study into `out`. */
export async function runStudy(options: RunStudyOptions): Promise<RunStudyOutcome> {
  const scenario = await loadForRun(options.scenario, options);
  const out = options.out ?? defaultOutDir(scenario.name);
  const run = await simulate(scenario, undefined, options);
  const summary = summarize(run);
  const recommendation = scenario.targets === undefined ? undefined : recommend(run, scenario.targets);
  const { files } = await writeRunOutputs(out, run, summary);
  if (options.charts !== false) await chartRuns({ dirs: [out] });
  return { scenario, summary, recommendation, out, files };
}

export interface RunPlanOptions extends Omit<RunStudyOptions, "scenario" | "charts" | "onProgress" | "signal"> {
  /** Scenario files; none = the built-in default scenario. */
  readonly scenarios?: readonly string[];
  /** Shards of the studies, not the studies. */
  readonly shard?: ShardSpec;
}

/** One study of a `drsim run`: its scenario file (undefined: the built-in default) and its directory. */
export interface PlannedRun {
  readonly scenario: string | undefined;
  readonly out: string;
}

/**
 * Where each scenario of a run goes: `out` (with several scenarios, out/<name>), by default
 * results/<name> — and for a shard without `out`, results/<name>/shard-i-of-n. Every scenario is
 * loaded and checked first (a typo in the last file fails at once), two may not share a
 * directory, and each must be writable: a mistake fails now, not after a long simulation.
 */
export async function planRuns(options: RunPlanOptions): Promise<PlannedRun[]> {
  const files = options.scenarios !== undefined && options.scenarios.length > 0 ? options.scenarios : [undefined];
  const scenarios: Scenario[] = [];
  for (const file of files) scenarios.push(await loadForRun(file, options));
  const { out, shard } = options;
  const several = scenarios.length > 1;
  const dirs = scenarios.map((scenario) => {
    const base = out === undefined ? defaultOutDir(scenario.name) : several ? join(out, dirNameFor(scenario.name)) : out;
    if (shard === undefined || out !== undefined) return base;
    return join(base, `shard-${shard.index}-of-${shard.count}`);
  });
  const clash = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (clash !== undefined) throw new UserError(`two scenarios would write to ${clash}: give them different names`);
  for (const dir of dirs) checkOutDir(dir);
  return files.map((scenario, i) => ({ scenario, out: dirs[i]! }));
}
