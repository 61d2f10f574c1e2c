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
import { loadIncidents, type IncidentDigest } from "./incidents.js";
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

export interface RunData {
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
  /** The targets in scenario.json, and the decision drawn from the rows (undefined without targets). */
  readonly targets: Targets | undefined;
  readonly recommendation: Recommendation | undefined;
  /** The scenario's values as written, with their sources (empty for a run written before they were recorded). */
  readonly inputs: readonly WrittenInput[];
}

export function strategySummary(run: RunData, id: string): StrategySummary {
  const s = run.summary.strategies[id];
  if (s === undefined) throw new UserError(`${run.dir}/summary.json: no strategy '${id}'`);
  return s;
}

/** `options`: the points per curve drawn from the replications (the charts' defaults otherwise). */
export async function loadRun(dir: string, options: ReplicationOptions = {}): Promise<RunData> {
  const { summary, scenario, strategies: ordered, rows } = await openRunRows(dir);
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
    incidents = await loadIncidents(rows, ordered.map((s) => s.id), 250);
  } catch (error) {
    decision?.cancel();
    throw error;
  }
  const recommendation = await decision?.result;
  const mdPath = join(dir, "summary.md");
  return {
    dir,
    scenario: { name: scenario?.name ?? summary.scenario, description: scenario?.description ?? "" },
    summary,
    strategies,
    replications,
    incidents,
    summaryMarkdown: existsSync(mdPath) ? await readFile(mdPath, "utf8") : undefined,
    targets,
    recommendation,
    inputs: scenario?.inputs ?? [],
  };
}
