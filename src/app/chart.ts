// Use cases: draw a saved run's charts and report.html, or one replication's timeline. The chart
// modules (Vega, resvg) are heavy, so they are imported only when charts are wanted.
import { existsSync, statSync } from "node:fs";
import { UserError } from "../errors.js";
import type { TraceRecord } from "../results/results.js";
import type { TimelineOptions } from "../report/charts/timeline.js";

/**
 * Writes DIR/charts/<chart>.{vl.json,svg,png} and DIR/report.html for each run directory, from its
 * files; `onDrawn` hears each one done. Every directory is checked before any is drawn.
 */
export async function chartRuns(dirs: readonly string[], onDrawn: (dir: string) => void = () => undefined): Promise<void> {
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such directory`);
  }
  const { renderRunReport } = await import("../report/charts/index.js");
  for (const dir of dirs) {
    await renderRunReport(dir);
    onDrawn(dir);
  }
}

/** One replication's timeline as PREFIX.vl.json, .svg and .png; returns the paths written. */
export async function chartTrace(records: TraceRecord[], outPrefix: string, options: TimelineOptions = {}): Promise<string[]> {
  const { renderTraceChart } = await import("../report/charts/index.js");
  await renderTraceChart(records, outPrefix, options);
  return ["vl.json", "svg", "png"].map((ext) => `${outPrefix}.${ext}`);
}
