// The metric catalogue is the one list: summary.json holds a Stat at every catalogue statistic's
// path and a number at every plain metric's, and nothing else of the kind; each statistic of a
// replication column summarizes that column; every metric is a path --metric takes.
import { describe, expect, it } from "vitest";
import { parseMetricPath, fieldAt } from "../../src/analysis/metricPath.js";
import { summarize } from "../../src/montecarlo/summary.js";
import { SCALAR_DEFS, SCALES, STAT_DEFS } from "../../src/outcomes/metrics.js";
import { summaryTable } from "../../src/report/table.js";
import { synthetic } from "../store/helpers.js";

const run = await synthetic(400);
const summary = summarize(run);
const strategy = summary.strategies[run.scenario.strategies[1]!.id]!;

/** Dotted paths of every Stat-valued field (an object with mean and ci95) under `at`, byCause left out. */
function statPaths(at: unknown, prefix = ""): string[] {
  if (typeof at !== "object" || at === null) return [];
  if ("mean" in at && "ci95" in at) return [prefix];
  return Object.entries(at).flatMap(([key, value]) => (key === "byCause" ? [] : statPaths(value, prefix === "" ? key : `${prefix}.${key}`)));
}

describe("metric catalogue", () => {
  it("summary.json's statistics are exactly the catalogue's, and its plain metrics are numbers", () => {
    expect(statPaths(strategy).sort()).toEqual(STAT_DEFS.map((d) => d.path).sort());
    for (const d of SCALAR_DEFS) expect(typeof fieldAt(strategy, d.path), d.path).toBe("number");
  });

  it("a statistic of a replication column summarizes that column, scaled", () => {
    const s = run.strategies[1]!;
    for (const d of STAT_DEFS) {
      if (d.column === undefined) continue;
      const values = Array.from(s.metrics[d.column.id], SCALES[d.column.scale].summary);
      const stat = fieldAt(strategy, d.path) as { mean: number; n: number; max: number };
      expect(stat.n, d.path).toBe(values.length);
      expect(stat.mean, d.path).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
      expect(stat.max, d.path).toBe(Math.max(...values));
    }
  });

  it("every metric is a path --metric takes", () => {
    for (const d of STAT_DEFS) expect(parseMetricPath(`${d.path}.p99`).metric).toBe(d.path);
    for (const d of SCALAR_DEFS) expect(parseMetricPath(d.path).metric).toBe(d.path);
  });

  it("the summary table has one column per metric the catalogue shows there (the wide one: every column)", () => {
    const shown = [...STAT_DEFS, ...SCALAR_DEFS].filter((d) => d.table !== undefined);
    expect(summaryTable(summary, true).header).toHaveLength(1 + shown.length);
    expect(summaryTable(summary).header).toHaveLength(1 + shown.filter((d) => d.table!.wide !== true).length);
  });
});
