// A saved run directory, read back for charting: summary.json, scenario.json, replications.csv and
// incidents.csv (summary.md is only copied into the report). Nothing is re-simulated.
import { UserError } from "../../../errors.js";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { strategyColors } from "../palette.js";
import { loadIncidents, type IncidentDigest } from "./incidents.js";
import { loadReplications, type ReplicationDigest, type ReplicationOptions } from "./replications.js";
import { loadScenarioInfo } from "./scenario.js";
import { loadRunSummary, type RunSummary, type StrategySummary } from "./summary.js";

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
}

export function strategySummary(run: RunData, id: string): StrategySummary {
  const s = run.summary.strategies[id];
  if (s === undefined) throw new UserError(`${run.dir}/summary.json: no strategy '${id}'`);
  return s;
}

function requireFile(dir: string, name: string): string {
  const path = join(dir, name);
  if (!existsSync(path)) throw new UserError(`${dir}: no ${name} (is this a drsim run directory?)`);
  return path;
}

/** `options`: the points per curve drawn from replications.csv (the charts' defaults otherwise). */
export async function loadRun(dir: string, options: ReplicationOptions = {}): Promise<RunData> {
  const summary = await loadRunSummary(requireFile(dir, "summary.json"));
  const scenarioPath = join(dir, "scenario.json");
  const scenario = existsSync(scenarioPath) ? await loadScenarioInfo(scenarioPath) : undefined;
  const ids = Object.keys(summary.strategies);
  const declared = scenario?.strategies.filter((s) => ids.includes(s.id)) ?? [];
  const ordered =
    declared.length === ids.length
      ? declared
      : ids.map((id) => ({ id, label: summary.strategies[id]!.label ?? id, type: summary.strategies[id]!.type ?? id }));
  const colors = strategyColors(ordered.map((s) => s.type));
  const strategies = ordered.map((s, i) => ({ id: s.id, label: s.label, type: s.type, color: colors[i]! }));

  const byKey = new Map<string, string>();
  for (const s of strategies) {
    byKey.set(s.label, s.id);
    byKey.set(s.id, s.id);
  }
  const resolve = (key: string): string | undefined => byKey.get(key);
  const info = new Map(strategies.map((s) => [s.id, { id: s.id, label: s.label, type: s.type }]));
  const replications = await loadReplications(requireFile(dir, "replications.csv"), resolve, (id) => info.get(id)!, options);
  const incidents = await loadIncidents(requireFile(dir, "incidents.csv"), resolve, 250);
  const mdPath = join(dir, "summary.md");
  return {
    dir,
    scenario: { name: scenario?.name ?? summary.scenario, description: scenario?.description ?? "" },
    summary,
    strategies,
    replications,
    incidents,
    summaryMarkdown: existsSync(mdPath) ? await readFile(mdPath, "utf8") : undefined,
  };
}
