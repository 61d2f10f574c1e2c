// Writes decision charts as <dir>/<name>.vl.json, .svg and .png with the shared renderer, each file
// atomically (the charts module's writer: PNG is binary).
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../../../store/atomicWrite.js";
import type { Chart } from "../chart.js";
import { renderCharts } from "../render.js";
import { strategyColors } from "../palette.js";
import type { StrategyInfo } from "../load/run.js";
import { METRIC_DEFS } from "../../../outcomes/metrics.js";

/** Renders and writes `charts` (a run's, a sweep's, a plan's…); returns the paths written. Vega warnings become process warnings. */
export async function writeCharts(dir: string, charts: readonly Chart[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const rendered = await renderCharts(charts.map((c) => c.spec));
  for (const [k, chart] of charts.entries()) {
    const r = rendered[k]!;
    if (r.warnings.length > 0) process.emitWarning(`chart ${chart.name}: ${r.warnings.join("; ")}`);
    for (const [ext, data] of [["vl.json", r.vegaLite], ["svg", r.svg], ["png", r.png]] as const) {
      const path = join(dir, `${chart.name}.${ext}`);
      await writeFileAtomic(path, data);
      written.push(path);
    }
  }
  return written;
}

/** Strategies with their chart colours (the run charts' palette: one colour per strategy type). */
export function withColors(strategies: readonly { id: string; label: string; type: string }[]): StrategyInfo[] {
  const colors = strategyColors(strategies.map((s) => s.type));
  return strategies.map((s, i) => ({ id: s.id, label: s.label, type: s.type, color: colors[i]! }));
}

/** A file-name-safe slug: "regionDefaults.outage.rate" → "regionDefaults-outage-rate". */
export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
}

/**
 * A d3 number format for an axis of values up to `largest`: SI form for large values ("160k",
 * "$1.2M" for USD metrics), plain significant digits for small ones (an SI "m" on 0.2 would read
 * as minutes), a percentage for availability.
 */
export function axisFormat(metric: string, values: readonly number[]): string {
  const finite = values.filter((v) => Number.isFinite(v));
  const largest = Math.max(0, ...finite.map(Math.abs));
  // Enough significant digits that ticks a tenth of the range apart read differently: a narrow
  // range of large values (161.6k … 163.4k) needs four, not "162k, 162k, 163k".
  const span = finite.length > 1 ? Math.max(...finite) - Math.min(...finite) : 0;
  const needed = span > 0 && largest > 0 ? Math.floor(Math.log10(largest)) - Math.floor(Math.log10(span / 10)) + 1 : 0;
  if (metric.startsWith("availability")) return `.${Math.min(8, Math.max(4, needed))}~%`;
  const digits = Math.min(8, Math.max(3, needed));
  if (metric.includes("USD")) return largest >= 1e4 ? `$,.${digits}~s` : `$,.${Math.max(4, digits)}~g`;
  return largest >= 1e4 ? `,.${digits}~s` : `,.${Math.max(4, digits)}~g`;
}

const STAT_WORDS: Readonly<Record<string, string>> = {
  mean: "mean",
  sd: "standard deviation of",
  ci95lo: "95 % CI low of the mean",
  ci95hi: "95 % CI high of the mean",
  p50: "median",
  p90: "90th percentile of",
  p95: "95th percentile of",
  p99: "99th percentile of",
  p999: "99.9th percentile of",
  max: "largest",
  min: "smallest",
  nines: "nines of",
};

/** A metric path in words for a chart: "unavailability.p95" → "95th percentile of unavailability (request-weighted)". */
export function metricTitle(path: string): string {
  const def = [...METRIC_DEFS].sort((a, b) => b.path.length - a.path.length).find((m) => path === m.path || path.startsWith(`${m.path}.`));
  if (def === undefined) return path;
  const stat = path.slice(def.path.length + 1);
  const unit = def.unit === "fraction" ? "" : ` (${def.unit})`;
  return stat === "" ? `${def.label}${unit}` : `${STAT_WORDS[stat] ?? stat} ${def.label}${unit}`;
}

/** A scenario path in words for an axis: "backup.restoreThroughput" → "restore throughput (backup.restoreThroughput)". */
export function parameterTitle(path: string, unit: string): string {
  const last = path.split(".").at(-1)!;
  const words = last.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${unit === "" ? "" : `, ${unit}`} (${path})`;
}
