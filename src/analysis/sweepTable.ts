// sweep.csv: one row per grid point × strategy — the point, the swept values as typed (and, for
// values with a unit, a numeric column in one display unit, so pandas/R read numbers), the strategy,
// then summary metrics as `<metric>.<stat>` columns (the names `drsim sensitivity --metric` takes).
import type { Summary } from "../montecarlo/summary.js";
import { byTheme, SCALAR_DEFS, STAT_DEFS, type StatName } from "../outcomes/metrics.js";
import { csvNumber, csvString } from "../store/csv.js";
import { sweepAxis, type SweepAxis } from "./axis.js";
import type { GridPoint, SweepParameter } from "./grid.js";
import { metricValue, parseMetricPath, type MetricPath } from "./metricPath.js";

/** sweep.csv groups its metrics by theme, in this order (the catalogue marks which it shows). */
const SWEEP_THEMES = ["availability", "impact", "cost", "incidents"] as const;
const SWEEP_STATS: readonly StatName[] = ["mean", "ci95lo", "ci95hi", "p50", "p90", "p95", "p99"];

/** The metric columns of sweep.csv, in order: the statistics' numbers, then the plain numbers. */
export const SWEEP_METRIC_COLUMNS: readonly MetricPath[] = [
  ...byTheme(STAT_DEFS.filter((m) => m.sweep === true), SWEEP_THEMES).flatMap((m) => SWEEP_STATS.map((s) => parseMetricPath(`${m.path}.${s}`))),
  ...byTheme(SCALAR_DEFS.filter((m) => m.sweep === true), SWEEP_THEMES).map((m) => parseMetricPath(m.path)),
];

export interface SweepRow {
  readonly point: number;
  /** As typed, one per parameter. */
  readonly values: readonly string[];
  readonly strategy: string;
  readonly label: string;
  readonly type: string;
  /** One per SWEEP_METRIC_COLUMNS entry. */
  readonly metrics: readonly number[];
}

export interface SweepTable {
  readonly parameters: readonly SweepParameter[];
  readonly axes: readonly SweepAxis[];
  readonly rows: readonly SweepRow[];
}

export function sweepRows(point: GridPoint, summary: Summary): SweepRow[] {
  return summary.strategyOrder.map((id) => {
    const s = summary.strategies[id]!;
    return {
      point: point.index,
      values: point.values,
      strategy: id,
      label: s.label,
      type: s.type,
      metrics: SWEEP_METRIC_COLUMNS.map((path) => metricValue(s, path)),
    };
  });
}

export function sweepTable(parameters: readonly SweepParameter[], rows: readonly SweepRow[]): SweepTable {
  return { parameters, axes: parameters.map((p) => sweepAxis(p.values)), rows };
}

/** The numeric x of row value `v` of parameter `p` (NaN on an ordinal axis). */
export function axisValue(table: SweepTable, p: number, value: string): number {
  const axis = table.axes[p]!;
  if (axis.kind === "ordinal") return NaN;
  return axis.x[table.parameters[p]!.values.indexOf(value)]!;
}

export function sweepCsv(table: SweepTable): string {
  const numeric = table.axes.map((a, i) => (a.kind === "quantitative" && a.slug !== "" ? i : -1)).filter((i) => i >= 0);
  const header = [
    "point",
    ...table.parameters.map((p) => p.path),
    ...numeric.map((i) => `${table.parameters[i]!.path}_${(table.axes[i] as { slug: string }).slug}`),
    "strategy",
    "label",
    "type",
    ...SWEEP_METRIC_COLUMNS.map((m) => m.text),
  ];
  const lines = [header.map(csvString).join(",")];
  for (const r of table.rows) {
    lines.push(
      [
        String(r.point),
        ...r.values.map(csvString),
        ...numeric.map((i) => csvNumber(axisValue(table, i, r.values[i]!))),
        csvString(r.strategy),
        csvString(r.label),
        csvString(r.type),
        ...r.metrics.map(csvNumber),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
