// Use case: draw saved runs' charts and reports (drsim chart). The chart modules (Vega, resvg) are
// heavy, so they are imported only when charts are wanted.
import { existsSync, statSync } from "node:fs";
import { UserError } from "../errors.js";

export interface ChartOptions {
  /** Run directories written by runStudy or mergeShards (drsim run, drsim merge). */
  readonly dirs: readonly string[];
  /** Hears each directory done. */
  readonly onDrawn?: (dir: string) => void;
}

/**
 * Writes DIR/charts/<chart>.{vl.json,svg,png} and DIR/report.html for each run directory, from its
 * files, without re-simulating. Every directory is checked before any is drawn.
 */
export async function chartRuns(options: ChartOptions): Promise<void> {
  for (const dir of options.dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such directory`);
  }
  const { renderRunReport } = await import("../report/charts/index.js");
  for (const dir of options.dirs) {
    await renderRunReport(dir);
    options.onDrawn?.(dir);
  }
}
