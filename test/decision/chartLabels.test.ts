// Decision charts speak words and never repeat a tick: a metric path becomes its meaning (the
// tornado's axis), a scenario path its words with the path kept (the sweep's axis), axis formats
// carry enough digits for a narrow range, and a sweep draws no chart for a metric it leaves flat.
import { format } from "d3-format";
import { describe, expect, it } from "vitest";
import { SWEEP_METRIC_COLUMNS, sweepTable, type SweepRow } from "../../src/analysis/sweepTable.js";
import { sweepCharts } from "../../src/report/charts/decision/sweep.js";
import { axisFormat, metricTitle, parameterTitle } from "../../src/report/charts/decision/write.js";

describe("decision chart labels", () => {
  it("names a metric path by its meaning", () => {
    expect(metricTitle("unavailability.p95")).toBe("95th percentile of unavailability (request-weighted)");
    expect(metricTitle("costUSD.mean")).toMatch(/^mean .*cost.*\(USD\)$/);
    expect(metricTitle("no.such.metric")).toBe("no.such.metric");
  });

  it("names a scenario path in words, keeping the path", () => {
    expect(parameterTitle("backup.restoreThroughput", "MB/s")).toBe("Restore throughput, MB/s (backup.restoreThroughput)");
    expect(parameterTitle("strategies.warm-standby.standbyFraction", "")).toBe("Standby fraction (strategies.warm-standby.standbyFraction)");
  });

  it("gives ticks a tenth of a narrow range apart distinct labels", () => {
    const ticks = [161_600, 161_800, 162_000, 162_200, 162_400, 162_600, 162_800, 163_000, 163_200, 163_400];
    const usd = format(axisFormat("costUSD.mean", [161_600, 163_400]));
    expect(new Set(ticks.map(usd)).size).toBe(ticks.length);
    // A wide range keeps the short form.
    expect(axisFormat("costUSD.mean", [100_000, 1_300_000])).toBe("$,.3~s");
  });
});

describe("sweep charts", () => {
  const row = (point: number, strategy: string, value: number, flat: number): SweepRow => ({
    point,
    values: [String(point + 1)],
    strategy,
    label: strategy,
    type: "warm-standby",
    metrics: SWEEP_METRIC_COLUMNS.map((m) => (m.text === "costUSD.mean" ? value : flat)),
  });

  it("draws no chart for a metric no point moves, and one for a metric that moves", () => {
    const table = sweepTable([{ path: "backup.interval", values: ["1", "2"] }], [row(0, "a", 10, 5), row(1, "a", 20, 5)]);
    const names = sweepCharts(table, [{ id: "a", label: "A", type: "warm-standby", color: "#000" }]).map((c) => c.name);
    expect(names).toEqual(["sweep-costUSD-mean-vs-backup-interval"]);
  });
});
