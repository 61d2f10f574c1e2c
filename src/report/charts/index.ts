// The charts of a saved run, rendered to <run>/charts/<name>.{vl.json,svg,png}, and report.html.
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { TraceRecord } from "../../results/results.js";
import { reportHtml } from "../html/page.js";
import { writeFileAtomic } from "../../store/atomicWrite.js";
import type { Chart } from "./chart.js";
import { costRiskChart } from "./costRisk.js";
import { lossCurve } from "../../analysis/lossExceedance.js";
import { writeLossExceedance } from "./decision/lossExceedanceRun.js";
import { downtimeEcdfChart } from "./downtimeEcdf.js";
import { exceedanceChart } from "./exceedance.js";
import { loadRun, type RunData } from "./load/run.js";
import { renderChart } from "./render.js";
import { rtoRpoChart } from "./rtoRpo.js";
import { stepBreakdownChart } from "./stepBreakdown.js";
import { timelineChart, type TimelineOptions } from "./timeline.js";

/** Every chart of a run, in report order. */
export function runCharts(run: RunData): Chart[] {
  return [downtimeEcdfChart(run), exceedanceChart(run), costRiskChart(run), rtoRpoChart(run), stepBreakdownChart(run)];
}

async function writeChart(dir: string, chart: Chart): Promise<void> {
  const r = await renderChart(chart.spec);
  if (r.warnings.length > 0) process.emitWarning(`chart ${chart.name}: ${r.warnings.join("; ")}`);
  await writeFileAtomic(join(dir, `${chart.name}.vl.json`), r.vegaLite);
  await writeFileAtomic(join(dir, `${chart.name}.svg`), r.svg);
  await writeFileAtomic(join(dir, `${chart.name}.png`), r.png);
}

/** Read a run directory and write its charts and report.html into it. Never re-simulates. */
export async function renderRunReport(runDir: string): Promise<void> {
  const run = await loadRun(runDir);
  const charts = runCharts(run);
  const dir = join(runDir, "charts");
  await mkdir(dir, { recursive: true });
  for (const chart of charts) await writeChart(dir, chart);
  // The risk team's view: P(annual loss > $x), with lossExceedance.csv beside it (the curves were
  // drawn in loadRun's passes over replications.csv).
  const losses = run.strategies.map((s) => run.replications.get(s.id)?.loss ?? lossCurve(s, new Float64Array()));
  await writeLossExceedance(runDir, losses, run.strategies, run.summary.horizonHours, true);
  await writeFileAtomic(join(runDir, "report.html"), reportHtml(run, charts));
}

/**
 * The timeline of one replication (`drsim trace … --chart`): writes <outPrefix>.vl.json, .svg and
 * .png. `options` adds a title (strategy, replication) and the horizon length.
 */
export async function renderTraceChart(
  records: TraceRecord[],
  outPrefix: string,
  options: TimelineOptions = {},
): Promise<void> {
  const chart = timelineChart(records, options);
  const r = await renderChart(chart.spec);
  if (r.warnings.length > 0) process.emitWarning(`trace chart: ${r.warnings.join("; ")}`);
  await mkdir(dirname(resolve(outPrefix)), { recursive: true });
  await writeFileAtomic(`${outPrefix}.vl.json`, r.vegaLite);
  await writeFileAtomic(`${outPrefix}.svg`, r.svg);
  await writeFileAtomic(`${outPrefix}.png`, r.png);
}
