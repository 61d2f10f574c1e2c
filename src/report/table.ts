// The per-strategy summary table shared by the terminal and summary.md: one row per strategy,
// units in the headers, numbers rounded for reading (summary.json has them in full). Which metrics
// it shows, and how they are headed, is the metric catalogue's `table` (and `difference.table`).
import type { Summary, StrategySummary } from "../montecarlo/summary.js";
import { byTheme, METRIC_DEFS, STAT_DEFS, type CellFormat, type TableColumn } from "../outcomes/metrics.js";
import { fieldAt, statValue } from "../analysis/metricPath.js";
import type { Stat } from "../montecarlo/stat.js";
import { strategyNames } from "./names.js";
import { availabilityToNines, horizonUnit, ninesText, percent, perHorizon, significant, usd } from "./numbers.js";
import type { TextTable } from "./textTable.js";

export type Table = TextTable;

/**
 * The summary table's themes, in column order. RTO and RPO are over region failures (outages,
 * catastrophic and common-cause events): what a DR strategy answers. Corruption restores take as
 * long for every strategy and would blur the columns; summary.json has them
 * (incidents.byCause.corruption) and the pooled figures (incidents.rtoMinutes).
 */
const TABLE_THEMES = ["availability", "impact", "incidents", "cost"] as const;
const ALL_COLUMNS = byTheme(METRIC_DEFS, TABLE_THEMES).flatMap((m) => (m.table === undefined ? [] : [{ path: m.path, column: m.table }]));
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
    case "percent":
      return percent(x);
  }
}

const heading = (column: TableColumn, per: string): string => column.heading.replaceAll("<per>", per);

/** The columns of the default table (every `wide` one besides with `wide`). */
function columnsOf(wide: boolean): typeof ALL_COLUMNS {
  return ALL_COLUMNS.filter(({ column }) => wide || column.wide !== true);
}

/**
 * Where a narrow terminal drops the table's columns (indices of summaryTable's header, the
 * highest rank first; unranked ones first of all).
 */
export function summaryDropOrder(wide = false): number[] {
  const columns = columnsOf(wide);
  return columns
    .map(({ column }, i) => ({ i: i + 1, rank: column.rank ?? Infinity }))
    .sort((a, b) => b.rank - a.rank || b.i - a.i)
    .map(({ i }) => i);
}

/** The summary table: headings may hold "\n" (two header lines in a terminal). */
export function summaryTable(summary: Summary, wide = false): Table {
  const per = perHorizon(summary.horizonSeconds);
  const columns = columnsOf(wide);
  const names = strategyNames(summary.strategyOrder.map((id) => ({ id, label: summary.strategies[id]!.label })));
  const header = ["strategy", ...columns.map(({ column }) => heading(column, per))];
  const rows = summary.strategyOrder.map((id) => {
    const s = summary.strategies[id]!;
    const cells = columns.map(({ path, column }) => {
      const value = fieldAt(s, path);
      // A plain number (nines), or the chosen numbers of a statistic joined by " / ".
      if (typeof value === "number") return cell(column.format, value, s);
      return column.stats.map((name) => cell(column.format, statValue(value as Stat, name), s)).join(" / ");
    });
    return [names.get(id)!, ...cells];
  });
  return { header, rows };
}

/** Paired differences against the baseline: mean with its 95 % CI, per strategy. */
export function differencesTable(summary: Summary): Table | undefined {
  const ids = summary.strategyOrder.slice(1);
  if (ids.length === 0) return undefined;
  const per = perHorizon(summary.horizonSeconds);
  const names = strategyNames(summary.strategyOrder.map((x) => ({ id: x, label: summary.strategies[x]!.label })));
  const header = [`vs ${names.get(summary.differences.baseline) ?? summary.differences.baseline}`, ...DIFFERENCE_COLUMNS.map(({ column }) => heading(column, per))];
  const rows = ids.map((id) => {
    const d = summary.differences.strategies[id]! as unknown as Record<string, { mean: number; ci95: readonly [number, number] }>;
    const s = summary.strategies[id]!;
    return [
      names.get(id)!,
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

/**
 * What the table's headline metrics mean, once (docs/decision.md, "What the headline metrics
 * mean", says the same at length): the terminal and summary.md print these under the table.
 */
export function headlineNotes(summary: Summary): string[] {
  const year = horizonUnit(summary.horizonSeconds);
  return [
    `Availability: the share of the ${year}'s requests served (request-weighted), every cause counted — full outage and partial service; ` +
      "nines = −log10(1 − mean availability), so 99.95 % is 3.3 nines.",
    "Full outage: minutes with no request served. Partial: minutes serving some but not all demand (brownouts, scaling after a failover). " +
      "Floor: the share of requests lost to what no failover removes — every region down at once, brownouts, corruption restores.",
    `Worst RTO/RPO: the longest recovery and largest data loss among a ${year}'s region failures, 95th percentile over ${year}s — ` +
      `what a strategy can promise for 19 ${year}s in 20. Cost: standing infrastructure + surge compute + penalties. Definitions: docs/decision.md.`,
  ];
}
