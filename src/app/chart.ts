// Use case: draw saved runs' charts and reports (drsim chart). The chart modules (Vega, resvg) are
// heavy, so they are imported only when charts are wanted.
import { existsSync, statSync } from "node:fs";
import type { Recommendation } from "../analysis/recommend.js";
import { UserError } from "../errors.js";
import type { IncidentFirstPass } from "../report/charts/load/incidents.js";

type ChartModules = typeof import("../report/charts/index.js");
let chartModules: Promise<ChartModules> | undefined;

/**
 * Starts loading the chart modules (Vega, Vega-Lite, resvg: about ½ s of parsing) if not yet begun:
 * a run calls it as its simulation starts, while the main thread mostly waits for the workers'
 * first batches, so the charts need not load after the data.
 */
export function loadChartModules(): Promise<ChartModules> {
  chartModules ??= import("../report/charts/index.js");
  return chartModules;
}

export interface ChartOptions {
  /** Run directories written by runStudy or mergeShards (drsim run, drsim merge). */
  readonly dirs: readonly string[];
  /** Hears each directory done. */
  readonly onDrawn?: (dir: string) => void;
  /** The incident charts' first pass of a directory's run, taken as it was written (runStudy): incidents.parquet is read once less. */
  readonly fed?: ReadonlyMap<string, IncidentFirstPass>;
}

/**
 * Writes DIR/charts/<chart>.{vl.json,svg,png} and DIR/report.html for each run directory, from its
 * files, without re-simulating. Every directory is checked before any is drawn. Returns each
 * directory's decision as its report shows it (undefined where the run states no targets).
 */
export async function chartRuns(options: ChartOptions): Promise<(Recommendation | undefined)[]> {
  for (const dir of options.dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such directory`);
  }
  const { renderRunReport } = await loadChartModules();
  const decisions: (Recommendation | undefined)[] = [];
  for (const dir of options.dirs) {
    decisions.push(await renderRunReport(dir, options.fed?.get(dir)));
    options.onDrawn?.(dir);
  }
  return decisions;
}
