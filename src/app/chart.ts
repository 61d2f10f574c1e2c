// Use case: draw saved runs' charts and reports (drsim chart). The chart modules (Vega, resvg) are
// heavy, so they are imported only when charts are wanted.
import { existsSync, statSync } from "node:fs";
import type { Recommendation } from "../analysis/recommend.js";
import { UserError } from "../errors.js";

export interface ChartOptions {
  /** Run directories written by runStudy or mergeShards (drsim run, drsim merge). */
  readonly dirs: readonly string[];
  /** Hears each directory done. */
  readonly onDrawn?: (dir: string) => void;
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
  const { renderRunReport } = await import("../report/charts/index.js");
  const decisions: (Recommendation | undefined)[] = [];
  for (const dir of options.dirs) {
    decisions.push(await renderRunReport(dir));
    options.onDrawn?.(dir);
  }
  return decisions;
}
