// The report's summary table: per strategy, availability, downtime, data loss, RTO/RPO per region
// failure and cost, from summary.json (the same numbers as summary.md and the terminal). Region
// failures are what a DR strategy answers (corruption restores are alike for all); a summary written
// before they were reported apart gives every incident (the catalogue's fallback).
import { fieldAt, statValue } from "../../analysis/metricPath.js";
import { byTheme, METRIC_DEFS, type CellFormat } from "../../results/metrics.js";
import type { StrategyInfo } from "../charts/load/run.js";
import type { RunSummary, Stat, StrategySummary } from "../charts/load/summary.js";
import { escapeHtml } from "./escape.js";

/** A compact number: 3 significant digits below 100, thousands separators above. */
export function short(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  if (a === 0) return "0";
  if (a < 100) return String(Number(x.toPrecision(3)));
  return Math.round(x).toLocaleString("en-US");
}

/** Availability as a percentage with enough decimals to show its nines, e.g. "99.987 %". */
export function availability(a: number): string {
  if (!Number.isFinite(a)) return "–";
  if (a >= 1) return "100 %";
  const nines = -Math.log10(1 - a);
  // n nines need n − 2 decimals of a percentage, plus one to show the first non-9 digit.
  const decimals = Math.min(8, Math.max(1, Math.floor(nines)));
  return `${(a * 100).toFixed(decimals)}\u202f%`;
}

export function nines(a: number): string {
  if (!Number.isFinite(a)) return "–";
  if (a >= 1) return "∞";
  return (-Math.log10(1 - a)).toFixed(1);
}

/** report.html's summary table: the catalogue's `report` columns, by theme in this order. */
const REPORT_THEMES = ["availability", "impact", "incidents", "cost"] as const;
const COLUMNS = byTheme(METRIC_DEFS, REPORT_THEMES).flatMap((m) => (m.report ?? []).map((column) => ({ path: m.path, column })));

function cell(format: CellFormat, x: number): string {
  switch (format) {
    case "availability":
      return availability(x);
    case "nines":
      return nines(x);
    case "number":
      return short(x);
    case "usd":
      return `$${short(x)}`;
  }
}

/** The statistic a column shows; a summary written before it existed gives its fallback's. */
function statAt(summary: StrategySummary, path: string, fallback: string | undefined): Stat {
  return (fieldAt(summary, path) ?? fieldAt(summary, fallback ?? path)) as Stat;
}

export function summaryTableHtml(summary: RunSummary, strategies: readonly StrategyInfo[]): string {
  const head = ["Strategy", ...COLUMNS.map(({ column }) => column.heading)];
  const rows = strategies.map((s) => {
    const x = summary.strategies[s.id]!;
    const cells = [
      `<span class="swatch" style="background:${s.color}"></span>${escapeHtml(s.label)}`,
      ...COLUMNS.map(({ path, column }) => {
        const stat = statAt(x, path, column.fallback);
        return column.stats.map((name) => cell(column.format, statValue(stat, name))).join(" / ");
      }),
    ];
    return `<tr>${cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join("")}</tr>`;
  });
  return [
    '<table class="summary">',
    `<thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>\n${rows.join("\n")}\n</tbody>`,
    "</table>",
  ].join("\n");
}
