// Use case: run a study — simulate a scenario's replications, summarizing them and writing the run
// directory (rows, scenario, summary) as they come, and, unless told not to, its charts and report. Also where
// each scenario of a `drsim run` goes, decided (and checked writable) before anything simulates.
import { join } from "node:path";
import { UserError } from "../errors.js";
import { streamMonteCarlo } from "../montecarlo/runner.js";
import type { ShardSpec } from "../montecarlo/shard.js";
import type { Summary } from "../montecarlo/summary.js";
import type { Recommendation } from "../analysis/recommend.js";
import { decideSavedRun } from "../analysis/recommendRows.js";
import type { ReplicationRange } from "../montecarlo/types.js";
import type { Scenario } from "../scenario/types.js";
import { IncidentFirstPass } from "../report/charts/load/incidents.js";
import { chartRuns, loadChartModules } from "./chart.js";
import { checkOutDir, defaultOutDir, dirNameFor } from "./outputDir.js";
import { formatsFor, simulateInto, type Simulation, type StreamedOutputs } from "./runOutputs.js";
import { loadForRun, type RunSettings } from "./scenario.js";
import type { ProgressListener, StudyOptions } from "./study.js";

export interface RunStudyOptions extends StudyOptions {
  /** Scenario fields set before running (as `--set PATH=value`). */
  readonly overrides?: RunSettings["overrides"];
  /** Output directory; default results/<scenario>. */
  readonly out?: string;
  /** Draw charts/ and report.html after the data (default true). */
  readonly charts?: boolean;
  /** Write the rows as CSV (replications.csv, incidents.csv) instead of Parquet. */
  readonly csv?: boolean;
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

/**
 * `scenario`'s replications `range` (default: all) as a Simulation for simulateInto: streamed in
 * batches, reporting progress under the scenario's name.
 */
export function simulation(scenario: Scenario, range: ReplicationRange | undefined, options: StudyOptions): Simulation {
  const { onProgress } = options;
  return (onBatch) =>
    streamMonteCarlo({
      scenario,
      range,
      workers: options.workers,
      signal: options.signal,
      onBatch,
      // simulateInto's consumers (the summary's feed, the sinks) copy what they keep.
      lent: true,
      onProgress: onProgress && ((done, total) => onProgress(done, total, scenario.name)),
    });
}

/** The summary's passes after the simulation, as progress: rows replayed of each kind. */
export function summaryProgress(name: string, onProgress: ProgressListener | undefined): StreamedOutputs["onProgress"] {
  return onProgress && ((pass, what, rows, total) => onProgress(rows, total, `${name}: summary pass ${pass}, ${what}`, "rows"));
}

/** Runs a whole study into `out`: simulated, summarized and written as the batches come, then charted. */
export async function runStudy(options: RunStudyOptions): Promise<RunStudyOutcome> {
  const scenario = await loadForRun(options.scenario, { ...options, streamed: true });
  const out = options.out ?? defaultOutDir(scenario.name);
  const { onProgress } = options;
  const charts = options.charts !== false;
  // Loaded while the workers start and simulate (a failed load surfaces when the charts are drawn).
  if (charts) loadChartModules().catch(() => undefined);
  // The incident charts' first pass rides along the simulation, on the main thread's idle time
  // between batches. (The curves' first pass does not: measured at 10⁶, its 20 order statistics
  // added ~45 MiB to the simulation's peak RSS, while this pass alone kept most of the time saved.)
  const fed = charts ? new IncidentFirstPass(scenario.strategies.map((s) => s.id)) : undefined;
  const { summary, files } = await simulateInto(out, scenario, simulation(scenario, undefined, options), {
    formats: formatsFor(options),
    onProgress: summaryProgress(scenario.name, onProgress),
    observe: fed && ((batch) => fed.add(batch)),
  });
  // The terminal's decision is the report's: judged once from the rows just written (the run was
  // never held), by the charts' load when they are drawn, else on its own.
  let recommendation: Recommendation | undefined;
  if (fed !== undefined) {
    onProgress?.(0, 1, `${scenario.name}: charts and report`, "runs");
    [recommendation] = await chartRuns({ dirs: [out], fed: new Map([[out, fed]]) });
    onProgress?.(1, 1, `${scenario.name}: charts and report`, "runs");
  } else {
    recommendation = await decideRun(scenario, out);
  }
  return { scenario, summary: summary!, recommendation, out, files };
}

/** The recommendation of the run just written to `out`, judged on the scenario's targets (none without). */
async function decideRun(scenario: Scenario, out: string): Promise<Recommendation | undefined> {
  const { targets, strategies, run } = scenario;
  if (targets === undefined) return undefined;
  return decideSavedRun({ dir: out, runs: run.runs, strategies, targets, run: { scenario: scenario.name, seed: run.seed, horizon: run.horizon } });
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
  for (const file of files) scenarios.push(await loadForRun(file, { ...options, streamed: true }));
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
