// drsim sweep: a one-value sweep is a plain run (byte for byte), grid points share their random
// numbers (common random numbers), and sweep.csv has one row per point × strategy.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gridPoints, sweepParameters } from "../../src/analysis/grid.js";
import { runMany } from "../../src/analysis/runMany.js";
import type { RunResult } from "../../src/montecarlo/index.js";
import { drsim, tempDir } from "../cli/helpers.js";
import { DEFAULT_SCENARIO, load, PROVABLE } from "./fixture.js";

function ok(args: string[]): string {
  const r = drsim(args);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

describe("drsim sweep", () => {
  it("a sweep of one value writes the same summary.json bytes as drsim run with the same --set, seed and N", () => {
    const dir = tempDir("sweep-one");
    // The file's own value (models/outages.yaml: 0.1/year): the same numbers as the plain run; only
    // the scenario's record of where the value came from (--set, scenario.json's inputs) and so its
    // hash differ.
    ok(["run", DEFAULT_SCENARIO, "-n", "600", "--seed", "4", "--workers", "1", "--quiet", "--out", join(dir, "run")]);
    ok(["sweep", DEFAULT_SCENARIO, "--set", "regionDefaults.outage.rate=0.1/year", "-n", "600", "--seed", "4", "--workers", "2", "--quiet", "--no-charts", "--out", join(dir, "sweep")]);
    const withoutHash = (file: string): string => readFileSync(file, "utf8").replace(/"scenarioHash": "[0-9a-f]+"/, "");
    expect(withoutHash(join(dir, "sweep/points/0/summary.json"))).toBe(withoutHash(join(dir, "run/summary.json")));

    ok(["run", DEFAULT_SCENARIO, "--set", "regionDefaults.outage.rate=0.3/year", "-n", "600", "--seed", "4", "--quiet", "--out", join(dir, "run3")]);
    ok(["sweep", DEFAULT_SCENARIO, "--set", "regionDefaults.outage.rate=0.3/year", "-n", "600", "--seed", "4", "--quiet", "--no-charts", "--out", join(dir, "sweep3")]);
    const swept = readFileSync(join(dir, "sweep3/points/0/summary.json"));
    expect(swept.equals(readFileSync(join(dir, "run3/summary.json")))).toBe(true);
    expect(swept.equals(readFileSync(join(dir, "run/summary.json")))).toBe(false);
  });

  it("writes sweep.csv (point × strategy, swept values and their numbers, metric columns) and the charts", () => {
    const dir = tempDir("sweep-grid");
    const out = ok([
      "sweep", PROVABLE, "--set", "regionDefaults.outage.rate=1/year,4/year", "--set", "backup.interval=12h,1d",
      "-n", "100", "--workers", "1", "--out", dir,
    ]);
    expect(out).toMatch(/sweep of 4 points, 100 replications each, seed 3/);
    const lines = readFileSync(join(dir, "sweep.csv"), "utf8").trimEnd().split("\n");
    const header = lines[0]!.split(",");
    expect(header.slice(0, 8)).toEqual([
      "point", "regionDefaults.outage.rate", "backup.interval", "regionDefaults.outage.rate_per_year", "backup.interval_hours", "strategy", "label", "type",
    ]);
    expect(header).toContain("downtimeMinutes.p99");
    expect(header).toContain("incidents.rtoMinutes.p50");
    expect(lines).toHaveLength(1 + 4 * 4);
    // First parameter varies slowest.
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 5).join(","))).toEqual(
      [
        "0,1/year,12h,1,12", "1,1/year,1d,1,24", "2,4/year,12h,4,12", "3,4/year,1d,4,24",
      ].flatMap((p) => [p, p, p, p]),
    );
    for (const k of [0, 1, 2, 3]) expect(JSON.parse(readFileSync(join(dir, `points/${k}/summary.json`), "utf8"))).toHaveProperty("strategies");
    // One chart per metric per swept parameter, three files each.
    const svg = readFileSync(join(dir, "charts/sweep-downtimeMinutes-mean-vs-regionDefaults-outage-rate.svg"), "utf8");
    expect(svg).toMatch(/^<svg/);
  });

  it("rejects a path given twice and an unknown field, before running anything", () => {
    const twice = drsim(["sweep", PROVABLE, "--set", "backup.interval=1h", "--set", "backup.interval=2h", "-n", "10"]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/given twice/);
    const typo = drsim(["sweep", PROVABLE, "--set", "backup.intervall=1h,2h", "-n", "10"]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/did you mean "interval"/);
  });
});

describe("common random numbers across grid points", () => {
  async function sweep(path: string, values: string): Promise<RunResult[]> {
    const points = gridPoints(sweepParameters([{ path, value: values }]));
    const scenarios = await Promise.all(points.map((p) => load([...p.overrides], 300)));
    const runs: RunResult[] = [];
    await runMany({ scenarios, workers: 1, onRun: (_, r) => void runs.push(r) });
    return runs;
  }

  it("changing one strategy's step leaves every other strategy's numbers identical, replication by replication", async () => {
    const [a, b] = await sweep("strategies.warm-standby.steps.decide", "5m,50m");
    const ids = a!.scenario.strategies.map((s) => s.id);
    const ws = ids.indexOf("warm-standby");
    ids.forEach((id, s) => {
      const same = a!.strategies[s]!.metrics.downtimeSeconds.every((x, i) => x === b!.strategies[s]!.metrics.downtimeSeconds[i]);
      expect(same, id).toBe(s !== ws);
    });
  });

  it("a higher outage rate adds outages to every replication and removes none (the same uniforms, earlier arrivals)", async () => {
    const [low, high] = await sweep("regionDefaults.outage.rate", "1/year,3/year");
    // Pilot light's incidents are its primary region's outages; with the same stream, inverse-transform
    // arrivals at 3× the rate come 3× sooner, so each replication has at least as many.
    const s = low!.scenario.strategies.findIndex((x) => x.id === "pilot-light");
    const a = low!.strategies[s]!.metrics.incidents;
    const b = high!.strategies[s]!.metrics.incidents;
    let more = 0;
    for (let i = 0; i < a.length; i++) {
      expect(b[i]!).toBeGreaterThanOrEqual(a[i]!);
      if (b[i]! > a[i]!) more++;
    }
    expect(more).toBeGreaterThan(a.length / 2);
  });
});

describe("an analysis directory holds one analysis", () => {
  it("a smaller sweep into the same --out removes the earlier sweep's extra points and charts, says so, and keeps the user's files", () => {
    const dir = tempDir("sweep-stale");
    const sweep = (values: string, ...more: string[]) =>
      drsim(["sweep", PROVABLE, "--set", `backup.interval=${values}`, "-n", "50", "--seed", "3", "--quiet", "--no-progress", "--out", dir, ...more]);
    expect(sweep("1h,6h,24h").status).toBe(0);
    const charts = readdirSync(join(dir, "charts"));
    expect(charts.length).toBeGreaterThan(0);
    expect(existsSync(join(dir, "points/2/summary.json"))).toBe(true);
    writeFileSync(join(dir, "notes.txt"), "mine");
    writeFileSync(join(dir, "charts", "mine.png"), "mine");

    const again = sweep("1h,6h", "--no-charts");
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/held an earlier sweep; its files this one does not write are removed: charts\/ \(\d+ files\), points\/2\/summary\.json\n$/);
    expect(readdirSync(join(dir, "points")).sort()).toEqual(["0", "1"]);
    expect(readdirSync(join(dir, "charts"))).toEqual(["mine.png"]);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");

    // The same sweep again: nothing stale, nothing said.
    const same = sweep("1h,6h", "--no-charts");
    expect(same.stderr).toBe("");
  }, 120_000);
});

describe("the sweep's table", () => {
  it("fits 100 columns off a terminal, each point's values heading its strategies; --wide gives one row per point × strategy", () => {
    const dir = tempDir("sweep-width");
    const args = ["sweep", PROVABLE, "--set", "backup.interval=1h,24h", "--set", "strategies.warm-standby.standbyFraction=0.2,0.5", "-n", "50", "--no-charts", "--no-progress", "--out", dir];
    const widest = (text: string): number => Math.max(...text.split("\n").map((l) => [...l].length));
    const fitted = ok(args);
    expect(widest(fitted)).toBeLessThanOrEqual(100);
    expect(fitted).toMatch(/^point 3: backup\.interval = 24h, strategies\.warm-standby\.standbyFraction = 0\.5$/m);
    const wide = ok([...args, "--wide"]);
    expect(widest(wide)).toBeGreaterThan(100);
    expect(wide).not.toMatch(/^point 3:/m);
    expect(wide.split("\n").filter((l) => /^3 /.test(l)).length).toBe(4);
  }, 120_000);
});
