// The report's summary table: per strategy, the headline metrics — availability and its nines, full
// outage and partial service apart, the floor, the year's worst RTO and RPO, data loss from region
// failures, cost — from summary.json (the same numbers as summary.md and the terminal), with each
// defined once under the table. Which metrics, and how they are headed, is the catalogue's `report`.
import { fieldAt, statValue } from "../../analysis/metricPath.js";
import { byTheme, METRIC_DEFS, type CellFormat } from "../../outcomes/metrics.js";
import type { StrategyInfo } from "../charts/load/run.js";
import type { RunSummary, Stat, StrategySummary } from "../charts/load/summary.js";
import { strategyNames } from "../names.js";
import { ninesText, percent } from "../numbers.js";
import { el, join, swatchName, table, type Html } from "./markup.js";

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

/** Nines of an availability, two decimals (3.28 and 3.31 are different strategies). */
export function nines(a: number): string {
  if (!Number.isFinite(a)) return "–";
  return ninesText(-Math.log10(1 - a));
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
    case "percent":
      return percent(x);
  }
}

/** The statistic a column shows; a summary written before it existed gives its fallback's, or none. */
function statAt(summary: StrategySummary, path: string, fallback: string | undefined): Stat | undefined {
  return (fieldAt(summary, path) ?? fieldAt(summary, fallback ?? path)) as Stat | undefined;
}

export function summaryTableHtml(summary: RunSummary, strategies: readonly StrategyInfo[]): Html {
  const names = strategyNames(strategies);
  const rows = strategies.map((s) => {
    const x = summary.strategies[s.id]!;
    return [
      swatchName(names.get(s.id)!, s.color),
      ...COLUMNS.map(({ path, column }) => {
        const stat = statAt(x, path, column.fallback);
        return stat === undefined ? "–" : column.stats.map((name) => cell(column.format, statValue(stat, name))).join(" / ");
      }),
    ];
  });
  return table("summary", ["Strategy", ...COLUMNS.map(({ column }) => column.heading)], rows);
}

/** What the headline metrics mean, once, under the table. */
export function headlineDefinitionsHtml(): Html {
  const item = (term: string, definition: string): Html => join([el("dt", {}, term), el("dd", {}, definition)]);
  return join([
    '<dl class="definitions">',
    item("Availability", "the share of the year's requests served (request-weighted), every cause counted: full outage and partial service; the mean over years. Nines = −log10(1 − mean availability): 99.95 % is 3.30 nines."),
    item("Full outage", "minutes with no request served. A year can have none and still lose requests to partial service."),
    item("Partial service", "minutes serving some but not all demand: a brownout or lost zone, the scaling ramp after a failover."),
    item("Floor", "the share of requests lost to what no failover removes — every region down at once, brownouts, corruption restores (below, by cause)."),
    item("Worst RTO / RPO of the year", "the longest recovery and largest data loss among a year's region failures; the 95th percentile over years is what a strategy can promise for 19 years in 20. Corruption restores are apart."),
    item("Cost of risk", "standing infrastructure + surge compute during incidents + penalties, per year."),
    "</dl>",
  ].map((x) => (typeof x === "string" ? { html: x } : x)));
}
