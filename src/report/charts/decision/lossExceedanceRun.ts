// renderLossExceedance(runDir): the loss-exceedance curve of a saved run (replications.csv,
// scenario.json, summary.json) → <runDir>/lossExceedance.csv and <runDir>/charts/loss-exceedance.*.
// Never re-simulates.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { lossCurve, lossExceedanceCsv, type LossCurve } from "../../../decision/lossExceedance.js";
import { annualLoss } from "../../../decision/lossExceedance.js";
import { writeFilesAtomically } from "../../atomicWrite.js";
import { num, readCsv } from "../csv.js";
import { loadScenarioInfo } from "../load/scenario.js";
import { loadRunSummary } from "../load/summary.js";
import { lossExceedanceChart } from "./lossExceedance.js";
import { withColors, writeCharts } from "./write.js";

async function readLosses(path: string): Promise<Map<string, { cost: number[]; standing: number[] }>> {
  const out = new Map<string, { cost: number[]; standing: number[] }>();
  await readCsv(path, (column) => {
    const s = column("strategy");
    const c = column("costUSD");
    const st = column("standingCostUSD");
    return (f) => {
      const id = f[s] ?? "";
      let acc = out.get(id);
      if (acc === undefined) out.set(id, (acc = { cost: [], standing: [] }));
      acc.cost.push(num(f[c]));
      acc.standing.push(num(f[st]));
    };
  });
  return out;
}

/** The loss curves of a run directory, in the scenario's strategy order. */
export async function loadLossCurves(runDir: string): Promise<{ curves: LossCurve[]; horizonHours: number; strategies: { id: string; label: string; type: string }[] }> {
  const summary = await loadRunSummary(join(runDir, "summary.json"));
  const scenarioPath = join(runDir, "scenario.json");
  const ids = Object.keys(summary.strategies);
  const declared = existsSync(scenarioPath) ? (await loadScenarioInfo(scenarioPath)).strategies.filter((s) => ids.includes(s.id)) : [];
  const strategies = declared.length === ids.length ? declared : ids.map((id) => ({ id, label: id, type: id }));
  const losses = await readLosses(join(runDir, "replications.csv"));
  const curves = strategies.map((s) => {
    const l = losses.get(s.id) ?? { cost: [], standing: [] };
    return lossCurve(s, annualLoss(Float64Array.from(l.cost), Float64Array.from(l.standing)));
  });
  return { curves, horizonHours: summary.horizonHours, strategies };
}

/** Writes lossExceedance.csv and charts/loss-exceedance.{vl.json,svg,png} into a run directory. */
export async function renderLossExceedance(runDir: string): Promise<string[]> {
  const { curves, horizonHours, strategies } = await loadLossCurves(runDir);
  return writeLossExceedance(runDir, curves, strategies, horizonHours, true);
}

/** Writes the CSV (and, with `charts`, the chart) for curves already computed. */
export async function writeLossExceedance(
  dir: string,
  curves: readonly LossCurve[],
  strategies: readonly { id: string; label: string; type: string }[],
  horizonHours: number,
  charts: boolean,
): Promise<string[]> {
  const written = await writeFilesAtomically(dir, [{ name: "lossExceedance.csv", content: lossExceedanceCsv(curves) }]);
  if (charts) written.push(...(await writeCharts(join(dir, "charts"), [lossExceedanceChart(curves, withColors(strategies), horizonHours)])));
  return written;
}
