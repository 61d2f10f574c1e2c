// A saved run directory, read back for charting: summary.json, scenario.json and the rows (through
// the run store: replications.csv and incidents.csv); summary.md is only copied into the report.
// Nothing is re-simulated.
import { UserError } from "../../../errors.js";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { strategyColors } from "../palette.js";
import { decideSavedRunAside } from "../../../analysis/recommendRows.js";
import type { Recommendation } from "../../../analysis/recommend.js";
import type { WrittenInput } from "../../../scenario/provenance.js";
import type { Targets } from "../../../scenario/targets.js";
import { loadIncidents, type IncidentDigest, type IncidentFirstPass } from "./incidents.js";
import { loadReplications, type ReplicationDigest, type ReplicationOptions } from "./replications.js";
import { openRunRows } from "./rows.js";
import type { RunSummary, StrategySummary } from "./summary.js";

export interface StrategyInfo {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  /** Its colour in every chart of the run. */
  readonly color: string;
}

/** A saved run as its charts draw it: everything read back but the decision, which only report.html shows. */
export interface ChartedRun {
  readonly dir: string;
  readonly scenario: { readonly name: string; readonly description: string };
  readonly summary: RunSummary;
  /** In the scenario's order. */
  readonly strategies: readonly StrategyInfo[];
  /** Per strategy, the curves drawn from replications.csv (never its rows: they are streamed). */
  readonly replications: ReadonlyMap<string, ReplicationDigest>;
  readonly incidents: ReadonlyMap<string, IncidentDigest>;
  /** summary.md verbatim, when present. */
  readonly summaryMarkdown: string | undefined;
  /** The targets in scenario.json. */
  readonly targets: Targets | undefined;
  /** The scenario's values as written, with their sources (empty for a run written before they were recorded). */
  readonly inputs: readonly WrittenInput[];
}

/** A saved run read back whole: what its charts draw, and the decision drawn from the rows (undefined without targets). */
export interface RunData extends ChartedRun {
  readonly recommendation: Recommendation | undefined;
}

/** A saved run read back for its charts while its decision is still being judged (on a thread of its own for a large run). */
export interface PendingRun {
  readonly run: ChartedRun;
  readonly recommendation: Promise<Recommendation | undefined>;
  /** Stops judging (the caller failed and no longer wants the decision). */
  cancel(): void;
}

export function strategySummary(run: ChartedRun, id: string): StrategySummary {
  const s = run.summary.strategies[id];
  if (s === undefined) throw new UserError(`${run.dir}/summary.json: no strategy '${id}'`);
  return s;
}

/**
 * loadRun, returning as soon as the charts' data is read: the decision may still be on its thread.
 * `fed`: the incident charts' first pass, taken as the run was written (incidents.parquet is then
 * read once less).
 */
export async function readRun(dir: string, options: ReplicationOptions = {}, fed?: IncidentFirstPass): Promise<PendingRun> {
  const { summary, scenario, strategies: ordered, rows } = await openRunRows(dir);
  if (fed !== undefined && fed.strategies.join("\n") !== ordered.map((s) => s.id).join("\n")) throw new Error(`${dir}: the incidents' first pass was fed another run's strategies`);
  const colors = strategyColors(ordered.map((s) => s.type));
  const strategies = ordered.map((s, i) => ({ id: s.id, label: s.label, type: s.type, color: colors[i]! }));
  const targets = scenario?.targets;
  // The same decision the terminal printed, drawn from the files: a merge's report decides alike.
  // It reads the rows on a thread of its own while this one reads them for the curves.
  const decision =
    targets === undefined
      ? undefined
      : decideSavedRunAside({ dir, runs: summary.runs, strategies: ordered, targets, run: { scenario: summary.scenario, seed: summary.seed, horizon: summary.horizonHours * 3600 } });
  let replications: Awaited<ReturnType<typeof loadReplications>>;
  let incidents: Awaited<ReturnType<typeof loadIncidents>>;
  try {
    replications = await loadReplications(rows, ordered, { replications: summary.runs, ...options });
    incidents = await loadIncidents(rows, ordered.map((s) => s.id), 250, fed);
  } catch (error) {
    decision?.cancel();
    throw error;
  }
  const mdPath = join(dir, "summary.md");
  const run: ChartedRun = {
    dir,
    scenario: { name: scenario?.name ?? summary.scenario, description: scenario?.description ?? "" },
    summary,
    strategies,
    replications,
    incidents,
    summaryMarkdown: existsSync(mdPath) ? await readFile(mdPath, "utf8") : undefined,
    targets,
    inputs: scenario?.inputs ?? [],
  };
  return { run, recommendation: decision?.result ?? Promise.resolve(undefined), cancel: () => decision?.cancel() };
}

/** `options`: the points per curve drawn from the replications (the charts' defaults otherwise). */
export async function loadRun(dir: string, options: ReplicationOptions = {}): Promise<RunData> {
  const pending = await readRun(dir, options);
  return { ...pending.run, recommendation: await pending.recommendation };
}
