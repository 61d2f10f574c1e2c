// The per-strategy summary table shared by the terminal and summary.md: one row per strategy,
// units in the headers, numbers rounded for reading (summary.json has them in full). Which metrics
// it shows, and how they are headed, is the metric catalogue's `table` (and `difference.table`).
import type { Summary, StrategySummary } from "../montecarlo/summary.js";
import { byTheme, METRIC_DEFS, STAT_DEFS, type CellFormat, type TableColumn } from "../results/metrics.js";
import { fieldAt, statValue } from "../analysis/metricPath.js";
import type { Stat } from "../montecarlo/stat.js";
import { availabilityToNines, horizonUnit, ninesText, perHorizon, significant, usd } from "./numbers.js";

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * The summary table's themes, in column order. RTO and RPO are over region failures (outages,
 * catastrophic and common-cause events): what a DR strategy answers. Corruption restores take as
 * long for every strategy and would blur the columns; summary.json has them
 * (incidents.byCause.corruption) and the pooled figures (incidents.rtoMinutes).
 */
const TABLE_THEMES = ["availability", "impact", "incidents", "cost"] as const;
const COLUMNS = byTheme(METRIC_DEFS, TABLE_THEMES).flatMap((m) => (m.table === undefined ? [] : [{ path: m.path, column: m.table }]));
const DIFFERENCE_COLUMNS = STAT_DEFS.flatMap((m) => (m.difference?.table === undefined ? [] : [{ path: m.path, column: m.difference.table }]));

/** A number as the table shows it; `s` gives availability its nines. */
function cell(format: CellFormat, x: number, s: StrategySummary): string {
  switch (format) {
    case "availability":
      return availabilityToNines(x, s.nines);
    case "nines":
      return ninesText(x);
    case "number":
      return significant(x);
    case "usd":
      return usd(x);
  }
}

const heading = (column: TableColumn, per: string): string => column.heading.replaceAll("<per>", per);

export function summaryTable(summary: Summary): Table {
  const per = perHorizon(summary.horizonSeconds);
  const header = ["strategy", ...COLUMNS.map(({ column }) => heading(column, per))];
  const rows = summary.strategyOrder.map((id) => {
    const s = summary.strategies[id]!;
    const cells = COLUMNS.map(({ path, column }) => {
      const value = fieldAt(s, path);
      // A plain number (nines), or the chosen numbers of a statistic joined by " / ".
      if (typeof value === "number") return cell(column.format, value, s);
      return column.stats.map((name) => cell(column.format, statValue(value as Stat, name), s)).join(" / ");
    });
    return [s.label === id ? id : `${s.label} (${id})`, ...cells];
  });
  return { header, rows };
}

/** Paired differences against the baseline: mean with its 95 % CI, per strategy. */
export function differencesTable(summary: Summary): Table | undefined {
  const ids = summary.strategyOrder.slice(1);
  if (ids.length === 0) return undefined;
  const per = perHorizon(summary.horizonSeconds);
  const header = [`vs ${summary.differences.baseline}`, ...DIFFERENCE_COLUMNS.map(({ column }) => heading(column, per))];
  const rows = ids.map((id) => {
    const d = summary.differences.strategies[id]! as unknown as Record<string, { mean: number; ci95: readonly [number, number] }>;
    const s = summary.strategies[id]!;
    return [
      id,
      ...DIFFERENCE_COLUMNS.map(({ path, column }) => {
        const f = (x: number): string => cell(column.format, x, s);
        return `${f(d[path]!.mean)} [${f(d[path]!.ci95[0])}, ${f(d[path]!.ci95[1])}]`;
      }),
    ];
  });
  return { header, rows };
}

/** One line naming what was run. */
export function runHeadline(summary: Summary): string {
  return (
    `${summary.scenario}: ${summary.runs.toLocaleString("en-US")} replication${summary.runs === 1 ? "" : "s"} of ${horizonUnit(summary.horizonSeconds).replace(/^(?=[a-z])/, "1 ")}, ` +
    `seed ${summary.seed}, drsim ${summary.drsim}`
  );
}
