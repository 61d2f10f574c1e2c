// The charts of a saved run, rendered to <run>/charts/<name>.{vl.json,svg,png}, and report.html.
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { TraceRecord } from "../../outcomes/results.js";
import type { Recommendation } from "../../analysis/recommend.js";
import { reportHtml } from "../html/page.js";
import { writeFileAtomic } from "../../store/atomicWrite.js";
import type { Chart } from "./chart.js";
import { costRiskChart } from "./costRisk.js";
import { lossCurve } from "../../analysis/lossExceedance.js";
import { lossExceedanceChart } from "./decision/lossExceedance.js";
import { writeLossExceedance } from "./decision/lossExceedanceRun.js";
import { writeCharts } from "./decision/write.js";
import { downtimeEcdfChart } from "./downtimeEcdf.js";
import { exceedanceChart } from "./exceedance.js";
import type { IncidentFirstPass } from "./load/incidents.js";
import { readRun, type ChartedRun } from "./load/run.js";
import { renderChart } from "./render.js";
import { rtoRpoChart } from "./rtoRpo.js";
import { stepBreakdownChart } from "./stepBreakdown.js";
import { timelineChart, type TimelineOptions } from "./timeline.js";

/** The loss curves drawn in loadRun's passes over the rows (no rows: the curve of none). */
function lossCurves(run: ChartedRun) {
  return run.strategies.map((s) => run.replications.get(s.id)?.loss ?? lossCurve(s, new Float64Array()));
}

/**
 * Every chart of a run, in report order: what a year can promise (against the targets), each
 * incident against the targets, the risk team's loss exceedance, cost against risk, the downtime
 * distribution, where the recovery time goes.
 */
export function runCharts(run: ChartedRun): Chart[] {
  return [
    exceedanceChart(run),
    rtoRpoChart(run),
    lossExceedanceChart(lossCurves(run), run.strategies, run.summary.horizonHours),
    costRiskChart(run),
    downtimeEcdfChart(run),
    stepBreakdownChart(run),
  ];
}

/**
 * Read a run directory and write its charts and report.html into it. Never re-simulates. Returns
 * the decision the report shows (undefined for a run without targets), so a caller that prints it
 * too need not judge the rows a second time. `fed`: the incident charts' first pass, taken as the
 * run was written (runStudy), so incidents.parquet is read once less.
 */
export async function renderRunReport(runDir: string, fed?: IncidentFirstPass): Promise<Recommendation | undefined> {
  const pending = await readRun(runDir, {}, fed);
  const { run } = pending;
  // The charts do not show the decision: they are drawn while a large run's is judged on its thread.
  let charts: Chart[];
  try {
    charts = runCharts(run);
    await writeCharts(join(runDir, "charts"), charts);
    // lossExceedance.csv beside the loss-exceedance chart (drawn above with the others).
    await writeLossExceedance(runDir, lossCurves(run), run.strategies, run.summary.horizonHours, false);
  } catch (error) {
    pending.cancel();
    throw error;
  }
  const recommendation = await pending.recommendation;
  await writeFileAtomic(join(runDir, "report.html"), reportHtml({ ...run, recommendation }, charts));
  return recommendation;
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
