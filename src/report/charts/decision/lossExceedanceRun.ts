// renderLossExceedance(runDir): the loss-exceedance curve of a saved run (replications.csv,
// scenario.json, summary.json) → <runDir>/lossExceedance.csv and <runDir>/charts/loss-exceedance.*.
// Never re-simulates. renderRunReport draws the same curves in loadRun's passes instead.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LossCurveAccumulator, lossCurve, lossOf, type LossCurve } from "../../../analysis/lossExceedance.js";
import { lossExceedanceCsv } from "../../lossExceedance.js";
import { writeFilesAtomically } from "../../../store/atomicWrite.js";
import { streamReplications, type RowAccumulator } from "../load/replications.js";
import { loadScenarioInfo } from "../load/scenario.js";
import { loadRunSummary } from "../load/summary.js";
import { lossExceedanceChart } from "./lossExceedance.js";
import { withColors, writeCharts } from "./write.js";

/** The loss curves of a run directory, in the scenario's strategy order (replications.csv streamed, in passes). */
export async function loadLossCurves(runDir: string): Promise<{ curves: LossCurve[]; horizonHours: number; strategies: { id: string; label: string; type: string }[] }> {
  const summary = await loadRunSummary(join(runDir, "summary.json"));
  const scenarioPath = join(runDir, "scenario.json");
  const ids = Object.keys(summary.strategies);
  const declared = existsSync(scenarioPath) ? (await loadScenarioInfo(scenarioPath)).strategies.filter((s) => ids.includes(s.id)) : [];
  const strategies = declared.length === ids.length ? declared : ids.map((id) => ({ id, label: id, type: id }));
  const byId = new Map(strategies.map((s) => [s.id, s]));
  const accs = await streamReplications(
    join(runDir, "replications.csv"),
    (id) => (byId.has(id) ? id : undefined),
    ["costUSD", "standingCostUSD"],
    (id) => new LossRows(byId.get(id)!),
  );
  // A strategy with no rows gets the curve of no replications (n = 0, NaN figures).
  const curves = strategies.map((s) => accs.get(s.id)?.result() ?? lossCurve(s, new Float64Array()));
  return { curves, horizonHours: summary.horizonHours, strategies };
}

/** A LossCurveAccumulator fed rows of (costUSD, standingCostUSD). */
class LossRows implements RowAccumulator {
  private readonly acc: LossCurveAccumulator;
  constructor(info: { id: string; label: string; type: string }) {
    this.acc = new LossCurveAccumulator(info);
  }
  get needsPass(): boolean {
    return this.acc.needsPass;
  }
  add(row: Float64Array): void {
    this.acc.add(lossOf(row[0]!, row[1]!));
  }
  endPass(): void {
    this.acc.endPass();
  }
  result(): LossCurve {
    return this.acc.result();
  }
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
