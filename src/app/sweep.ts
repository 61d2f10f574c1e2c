// Sweep: the full grid of scenario variants, every point with the same seed (common random
// numbers) on one shared worker pool. Writes points/<k>/summary.json, sweep.csv and the charts;
// returns the table.
import { join } from "node:path";
import { gridPoints, sweepParameters } from "../analysis/grid.js";
import { runMany } from "../analysis/runMany.js";
import { sweepCsv, sweepRows, sweepTable, type SweepRow, type SweepTable } from "../analysis/sweepTable.js";
import { summarize } from "../montecarlo/summary.js";
import { summaryToJson } from "../report/summaryJson.js";
import type { Scenario } from "../scenario/types.js";
import { writeFilesAtomically } from "../store/atomicWrite.js";
import { removeStaleOutputs } from "../store/staleOutputs.js";
import { checkOutDir, defaultOutDir } from "./outputDir.js";
import { loadForRun } from "./scenario.js";
import type { StudyOptions } from "./study.js";

export interface SweepOptions extends StudyOptions {
  /** Swept fields, each with its values "v1,v2,…" in the scenario's units (as `--set PATH=v1,v2,…`); the grid is every combination. */
  readonly set?: readonly { path: string; value: string }[];
  /** Output directory; default results/<scenario>-sweep. */
  readonly out?: string;
  /** Draw the charts (default true). */
  readonly charts?: boolean;
}

export interface SweepOutcome {
  /** The first point's scenario as run (every point shares its runs, seed and strategies). */
  readonly scenario: Scenario;
  readonly points: number;
  readonly table: SweepTable;
  readonly out: string;
  readonly files: readonly string[];
}

/** The files a sweep names after what it was asked (its grid points, its charts). */
const SWEEP_OWNED = /^(points\/\d+\/summary\.json|charts\/sweep-[^/]+\.(vl\.json|svg|png))$/;

export async function sweepScenario(options: SweepOptions): Promise<SweepOutcome> {
  const parameters = sweepParameters(options.set ?? []);
  const points = gridPoints(parameters);
  // Load every point before running any: a bad value anywhere in the grid fails at once.
  const scenarios: Scenario[] = [];
  for (const point of points) scenarios.push(await loadForRun(options.scenario, { ...options, overrides: point.overrides }));
  const first = scenarios[0]!;
  const out = options.out ?? defaultOutDir(first.name, "-sweep");
  checkOutDir(out);
  const label = `${first.name} sweep (${points.length} points)`;
  const rows: SweepRow[] = [];
  const files: string[] = [];
  await runMany({
    scenarios,
    workers: options.workers,
    signal: options.signal,
    onProgress: (done, total) => options.onProgress?.(done, total, label),
    onRun: async (i, run) => {
      const summary = summarize(run);
      files.push(...(await writeFilesAtomically(join(out, "points", String(i)), [{ name: "summary.json", content: summaryToJson(summary) }])));
      rows.push(...sweepRows(points[i]!, summary));
    },
  });
  const table = sweepTable(parameters, rows);
  files.push(...(await writeFilesAtomically(out, [{ name: "sweep.csv", content: sweepCsv(table) }])));
  if (options.charts !== false) {
    // The chart modules (Vega, resvg) are heavy: imported only when charts are wanted.
    const [{ sweepCharts }, { withColors, writeCharts }] = await Promise.all([
      import("../report/charts/decision/sweep.js"),
      import("../report/charts/decision/write.js"),
    ]);
    files.push(...(await writeCharts(join(out, "charts"), sweepCharts(table, withColors(first.strategies)))));
  }
  // One sweep per directory: an earlier sweep's points beyond this grid and charts not drawn now go.
  removeStaleOutputs(out, files, SWEEP_OWNED, "sweep");
  return { scenario: first, points: points.length, table, out, files };
}
