// lossExceedance.csv: the loss-exceedance curves of a run (src/analysis/lossExceedance.ts), tidy.
import type { LossCurve } from "../analysis/lossExceedance.js";
import { csvNumber, csvString } from "../store/csv.js";

export const LOSS_EXCEEDANCE_COLUMNS = ["strategy", "lossUSD", "exceedanceProbability"] as const;

/**
 * lossExceedance.csv: per strategy, a first row at $0 (P(loss > 0)), then the curve's points. Tidy:
 * one row per (strategy, x).
 */
export function lossExceedanceCsv(curves: readonly LossCurve[]): string {
  const lines = [LOSS_EXCEEDANCE_COLUMNS.join(",")];
  for (const c of curves) {
    const id = csvString(c.id);
    lines.push(`${id},0,${csvNumber(c.pAny)}`);
    for (const pt of c.points) lines.push(`${id},${csvNumber(pt.x)},${csvNumber(pt.p)}`);
  }
  return `${lines.join("\n")}\n`;
}
