// Writes decision charts as <dir>/<name>.vl.json, .svg and .png with the shared renderer, each file
// atomically (the charts module's writer: PNG is binary).
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../../../store/atomicWrite.js";
import type { Chart } from "../chart.js";
import { renderChart } from "../render.js";
import { strategyColors } from "../palette.js";
import type { StrategyInfo } from "../load/run.js";

/** Renders and writes `charts`; returns the paths written. Vega warnings become process warnings. */
export async function writeCharts(dir: string, charts: readonly Chart[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const chart of charts) {
    const r = await renderChart(chart.spec);
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
export function axisFormat(metric: string, largest: number): string {
  if (metric.startsWith("availability")) return ".4~%";
  if (metric.includes("USD")) return largest >= 1e4 ? "$,.3~s" : "$,.4~g";
  return largest >= 1e4 ? ",.3~s" : ",.4~g";
}
