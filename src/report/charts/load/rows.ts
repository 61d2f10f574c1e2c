// A saved run's rows for the charts: summary.json gives the replications, scenario.json (if there)
// the strategies' order — the order the run's rows are in — and the run store reads them back as
// numbers, in whatever format the run directory holds them.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../../../errors.js";
import type { RowSource } from "../../../store/rows.js";
import { openRows } from "../../../store/runDir.js";
import { loadScenarioInfo, type ScenarioInfo } from "./scenario.js";
import { loadRunSummary, type RunSummary } from "./summary.js";

export interface RunRows {
  readonly summary: RunSummary;
  readonly scenario: ScenarioInfo | undefined;
  /** The run's strategies in the rows' order: scenario.json's, else summary.json's. */
  readonly strategies: readonly { readonly id: string; readonly label: string; readonly type: string }[];
  readonly rows: RowSource;
}

function requireFile(dir: string, name: string): string {
  const path = join(dir, name);
  if (!existsSync(path)) throw new UserError(`${dir}: no ${name} (is this a drsim run directory?)`);
  return path;
}

export async function openRunRows(dir: string): Promise<RunRows> {
  const summary = await loadRunSummary(requireFile(dir, "summary.json"));
  const scenarioPath = join(dir, "scenario.json");
  const scenario = existsSync(scenarioPath) ? await loadScenarioInfo(scenarioPath) : undefined;
  const ids = Object.keys(summary.strategies);
  const declared = scenario?.strategies.filter((s) => ids.includes(s.id)) ?? [];
  const strategies =
    declared.length === ids.length
      ? declared
      : ids.map((id) => ({ id, label: summary.strategies[id]!.label ?? id, type: summary.strategies[id]!.type ?? id }));
  const rows = openRows(dir, { strategies: strategies.map((s) => s.id), range: { start: 0, end: summary.runs } }).source;
  return { summary, scenario, strategies, rows };
}
