// The sweep as a terminal table: one row per point × strategy, with each point's swept values,
// availability (mean and 5 %-worst year), downtime, data loss, RTO and mean cost.
import { SWEEP_METRIC_COLUMNS, type SweepRow, type SweepTable } from "../analysis/sweepTable.js";
import type { Scenario } from "../scenario/types.js";
import { availabilityPercent, count, significant, usd } from "./numbers.js";
import { DEFAULT_WIDTH, displayWidth, fitLines, fitTable, tableLines, type TextLayout } from "./textTable.js";

function column(name: string): number {
  return SWEEP_METRIC_COLUMNS.findIndex((m) => m.text === name);
}

/** The metric columns, after the point's columns: two-line headings keep them narrow. */
const METRIC_HEADER = [
  "availability mean\n/ 5%-worst yr",
  "downtime min/yr\nmean / p99",
  "data loss\np99 (s/yr)",
  "region-failure RTO\np50 / p99 (min)",
  "mean cost\n($/yr)",
];

function metricCells(r: SweepRow): string[] {
  const col = (name: string): number => r.metrics[column(name)]!;
  return [
    // The 5 %-worst year's availability is 1 − the 95th percentile of unavailability.
    `${availabilityPercent(col("availability.mean"))} / ${availabilityPercent(1 - col("unavailability.p95"))}`,
    `${significant(col("downtimeMinutes.mean"))} / ${significant(col("downtimeMinutes.p99"))}`,
    significant(col("dataLossSeconds.p99")),
    `${significant(col("incidents.regionFailures.rtoMinutes.p50"))} / ${significant(col("incidents.regionFailures.rtoMinutes.p99"))}`,
    usd(col("costUSD.mean")),
  ];
}

/**
 * The sweep's rows for a terminal of `width`: each point's swept values as a heading line over its
 * strategies' rows (the values no longer widen every row), the metric columns least needed first
 * left out if that still does not fit, and named.
 */
function narrowLines(table: SweepTable, width: number): string[] {
  const rows = table.rows.map((r) => [r.strategy, ...metricCells(r)]);
  // Left out first: data loss p99, then the RTO quantiles, then the downtime quantiles.
  const fitted = fitTable({ header: ["strategy", ...METRIC_HEADER], rows }, width, [3, 4, 2]);
  const headerDepth = fitted.lines.length - rows.length;
  const lines = fitted.lines.slice(0, headerDepth).map((l) => `  ${l}`);
  table.rows.forEach((r, i) => {
    if (i === 0 || table.rows[i - 1]!.point !== r.point) {
      lines.push(`point ${r.point}: ${table.parameters.map((p, k) => `${p.path} = ${r.values[k]}`).join(", ")}`);
    }
    lines.push(`  ${fitted.lines[headerDepth + i]!}`);
  });
  if (fitted.dropped.length > 0) lines.push(`(Left out to fit ${width} columns: ${fitted.dropped.map((h) => h.replace("\n", " ")).join("; ")}. --wide shows every column; sweep.csv has every statistic.)`);
  return lines;
}

/**
 * `scenario` is the sweep's first point as run: every point shares its runs and seed. Wide (the
 * default): one row per point × strategy with its swept values; otherwise fitted to the layout's width.
 */
export function sweepText(table: SweepTable, scenario: Scenario, points: number, layout: TextLayout = { wide: true }): string {
  const header = ["point", ...table.parameters.map((p) => p.path), "strategy", ...METRIC_HEADER];
  const body = table.rows.map((r) => [String(r.point), ...r.values, r.strategy, ...metricCells(r)]);
  const width = layout.width ?? DEFAULT_WIDTH;
  const flat = tableLines({ header, rows: body });
  const fits = layout.wide === true || Math.max(...flat.map(displayWidth)) <= width;
  const lines = [
    `${scenario.name}: sweep of ${points} point${points === 1 ? "" : "s"}, ${count(scenario.run.runs)} replications each, seed ${scenario.run.seed} (common random numbers)`,
    "",
    ...(fits ? flat : narrowLines(table, width - 2)),
  ];
  return `${(fits ? lines : fitLines(lines, layout)).join("\n")}\n`;
}
