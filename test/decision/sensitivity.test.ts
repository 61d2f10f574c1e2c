// drsim sensitivity: default inputs and their low/high values, and the ranking on a scenario where
// one input is known to dominate (outage rate over a ×10 range against detection over 1 s).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseMetricPath } from "../../src/analysis/metricPath.js";
import { runMany } from "../../src/analysis/runMany.js";
import { SensitivityAccumulator, type SensitivityResult } from "../../src/analysis/sensitivity.js";
import { chooseInputs, defaultInputs, givenInput, rangeFor, type SensitivityInput } from "../../src/analysis/sensitivityInputs.js";
import { rangeText } from "../../src/report/sensitivity.js";
import { summarize } from "../../src/montecarlo/index.js";
import { drsim, tempDir } from "../cli/helpers.js";
import { load, PROVABLE } from "./fixture.js";

const STRATEGIES = ["backup-restore", "pilot-light", "warm-standby", "active-active"];

async function analyse(inputs: SensitivityInput[], metric: string, runs: number, fixed: { path: string; value: string }[] = []): Promise<SensitivityResult> {
  const scenarios = await Promise.all(SensitivityAccumulator.runs(inputs).map((o) => load([...fixed, ...o], runs)));
  const acc = new SensitivityAccumulator(inputs, parseMetricPath(metric));
  await runMany({ scenarios, workers: 1, onRun: (i, run) => acc.add(i, run, summarize(run)) });
  return acc.result();
}

describe("sensitivity inputs", () => {
  it("finds the scenario's inputs, with p10/p90 for distributions and ×0.5/×2 for numbers, in scenario units", async () => {
    const scenario = await load();
    const inputs = new Map(defaultInputs(scenario).map((i) => [i.id, i]));
    // Zero rates, probabilities and fixed-zero values have no range and are left out.
    expect([...inputs.keys()]).toEqual([
      "outage.rate", "outage.duration", "replication.lag", "backup.interval", "backup.restoreThroughput",
      "steps.detect", "steps.decide", "steps.provision", "steps.promote", "steps.scale", "steps.switchTraffic", "policy.waitForPrimary",
    ]);
    const rate = inputs.get("outage.rate")!;
    expect(rate.rule).toBe("×0.5/×2");
    expect(rate.low).toEqual([{ path: "regions.east.outage.rate", value: "1/year" }, { path: "regions.west.outage.rate", value: "1/year" }]);
    expect(rate.high.map((o) => o.value)).toEqual(["4/year", "4/year"]);
    // The values themselves are data (SI: per second); the outputs word them in the scenario's units.
    const YEAR = 365.25 * 86_400;
    expect(rate.range).toEqual({
      kind: "values",
      values: [
        { owner: "east", quantity: "rate", low: 1 / YEAR, high: 4 / YEAR },
        { owner: "west", quantity: "rate", low: 1 / YEAR, high: 4 / YEAR },
      ],
    });
    expect(rangeText(rate.range)).toEqual({ lowText: "1/year", highText: "4/year" });
    // A fixed 60 s detection halves and doubles; per strategy, each its own.
    const detect = inputs.get("steps.detect")!;
    expect(detect.low.find((o) => o.path === "strategies.warm-standby.steps.detect")?.value).toBe("30s");
    expect(detect.perStrategy).toBe(true);
    expect(rangeFor(detect, "active-active")).toEqual({ kind: "values", values: [{ owner: "active-active", quantity: "duration", low: 5, high: 20 }] });
    expect(rangeText(rangeFor(detect, "active-active"))).toEqual({ lowText: "5 s", highText: "20 s" });
    expect(inputs.get("backup.restoreThroughput")!.high).toEqual([{ path: "backup.restoreThroughput", value: "200MB/s" }]);
  });

  it("p10 and p90 of a distribution-valued input", async () => {
    const scenario = await load([{ path: "regionDefaults.outage.duration", value: "{dist: uniform, min: 2h, max: 12h}" }]);
    const duration = defaultInputs(scenario).find((i) => i.id === "outage.duration")!;
    expect(duration.rule).toBe("p10/p90");
    expect(duration.low[0]).toEqual({ path: "regions.east.outage.duration", value: "10800s" }); // 2 h + 10 % of 10 h
    expect(duration.high[0]!.value).toBe("39600s");
  });

  it("--inputs picks by id, --range adds given values, and a typo is named with a suggestion", async () => {
    const scenario = await load();
    const picked = chooseInputs(scenario, [{ path: "backup.interval", value: "1h,2d" }], ["backup.interval", "outage.rate"]);
    expect(picked.map((i) => [i.id, i.rule])).toEqual([["backup.interval", "given"], ["outage.rate", "×0.5/×2"]]);
    expect(() => chooseInputs(scenario, [], ["outage.rat"])).toThrow(/unknown input "outage.rat" \(did you mean "outage.rate"\?\)/);
    expect(() => givenInput("backup.interval", "1h")).toThrow(/expected two values/);
  });
});

describe("sensitivity ranking", () => {
  it("ranks a ×10 outage-rate range first for every strategy, far above a 1 s detection range", async () => {
    const detect: SensitivityInput = {
      id: "detect",
      label: "Detection",
      rule: "given",
      low: STRATEGIES.map((s) => ({ path: `strategies.${s}.steps.detect`, value: "60s" })),
      high: STRATEGIES.map((s) => ({ path: `strategies.${s}.steps.detect`, value: "61s" })),
      range: { kind: "given", low: "60s", high: "61s" },
      perStrategy: false,
    };
    const rate = givenInput("regionDefaults.outage.rate", "0.4/year,4/year");
    // Request-weighted unavailability. A third region makes every pair of overlapping outages
    // survivable, so each outage costs every strategy a fixed amount (a failover's 22–140 min, or
    // active-active's share during detection) and, as a higher rate only adds outages to each
    // replication (common random numbers), the paired swing is positive replication by replication.
    const result = await analyse([detect, rate], "unavailability.mean", 200, [{ path: "regions.north", value: "{}" }]);
    for (const s of result.strategies) {
      const [first, second] = s.effects;
      expect(first!.input, s.id).toBe("regionDefaults.outage.rate");
      expect(first!.rank).toBe(1);
      // More outages, more unavailability: the paired CI of the swing lies above 0.
      expect(first!.swing, s.id).toBeGreaterThan(0);
      expect(first!.swingCi95![0], s.id).toBeGreaterThan(0);
      expect(Math.abs(second!.swing)).toBeLessThan(first!.swing / 10);
    }
    expect(result.metric).toBe("unavailability.mean");
  });

  it("a quantile metric has no paired CI; a strategy without the varied input does not move at all", async () => {
    const wait = givenInput("strategies.warm-standby.policy.waitForPrimary", "5m,20m");
    const result = await analyse([wait], "incidents.rtoMinutes.p50", 100);
    const ws = result.strategies.find((s) => s.id === "warm-standby")!;
    // The pipeline is fixed: median RTO moves by exactly the 15 min of extra waiting.
    expect(ws.effects[0]!.swing).toBeCloseTo(15, 6);
    expect(ws.effects[0]!.swingCi95).toBeUndefined();
    for (const s of result.strategies.filter((x) => x.id !== "warm-standby")) expect(s.effects[0]!.swing).toBe(0);
  });

  it("drsim sensitivity writes the table, CSV, JSON and one tornado per strategy (also when nothing moves)", () => {
    const dir = tempDir("sensitivity");
    const r = drsim([
      "sensitivity", PROVABLE, "--metric", "costUSD.mean", "--inputs", "outage.rate,steps.decide", "-n", "100", "--workers", "1", "--out", dir,
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/sensitivity of costUSD\.mean, 100 replications per case, seed 3/);
    expect(r.stdout).toMatch(/1\. Region outage rate +1\/year → 4\/year/);
    const csv = readFileSync(join(dir, "sensitivity.csv"), "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe("strategy,rank,input,label,rule,lowValue,highValue,metric,base,atLow,atHigh,swing,swingCi95lo,swingCi95hi");
    expect(csv).toHaveLength(1 + 4 * 2);
    const json = JSON.parse(readFileSync(join(dir, "sensitivity.json"), "utf8")) as SensitivityResult;
    expect(json.strategies.map((s) => s.id)).toEqual(STRATEGIES);
    for (const id of STRATEGIES) expect(readFileSync(join(dir, `charts/tornado-${id}.svg`), "utf8")).toMatch(/^<svg/);
    const bad = drsim(["sensitivity", PROVABLE, "--metric", "dowtimeMinutes.p99", "-n", "10"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown metric "dowtimeMinutes\.p99" \(did you mean "downtimeMinutes\.p99"\?\)/);
  });
});

describe("the ranking's text", () => {
  it("fits 100 columns off a terminal (the low → high values left out and said so where they do not fit); --wide never wraps", () => {
    const dir = tempDir("sens-width");
    const args = ["sensitivity", "-n", "50", "--no-charts", "--no-progress", "--out", dir];
    const widest = (text: string): number => Math.max(...text.split("\n").map((l) => [...l].length));
    const fitted = drsim(args);
    expect(fitted.status).toBe(0);
    expect(widest(fitted.stdout)).toBeLessThanOrEqual(100);
    const wide = drsim([...args, "--wide"]);
    expect(widest(wide.stdout)).toBeGreaterThan(100);
    expect(wide.stdout).toMatch(/low → high/);
    expect(wide.stdout).not.toMatch(/left out to fit/);
  }, 120_000);
});
