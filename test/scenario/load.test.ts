import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scenarioToJson } from "../../src/scenario/json.js";
import { loadScenario } from "../../src/replication/scenario.js";
import type { Scenario, Strategy } from "../../src/scenario/types.js";
import { BASE, YEAR, fixture, loadError, scenarioFile } from "./helpers.js";

const byId = (scenario: Scenario, id: string): Strategy => {
  const strategy = scenario.strategies.find((s) => s.id === id);
  if (strategy === undefined) throw new Error(`no strategy ${id}`);
  return strategy;
};

describe("the valid fixture (valid.yaml → base.yaml → model/*.yaml)", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await loadScenario(fixture("valid.yaml"));
  });

  it("takes its name from its own file; name and description are not inherited", () => {
    expect(s.name).toBe("valid");
    expect(s.description).toBe("Fixture: every feature of the format");
    expect(s.file).toBe("valid.yaml");
  });

  it("records no trace of where the file sat: the same files elsewhere give the same scenario.json", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "drsim-moved-"));
    try {
      cpSync(fixture(""), elsewhere, { recursive: true });
      const moved = await loadScenario(join(elsewhere, "valid.yaml"));
      expect(scenarioToJson(moved)).toBe(scenarioToJson(s));
      expect(scenarioToJson(s)).not.toContain(fixture(""));
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("merges run settings across files and converts the horizon to seconds", () => {
    expect(s.run).toEqual({ runs: 500, seed: 7, horizon: 2 * YEAR });
  });

  it("keeps regions in order, inherited first, each merged over regionDefaults", () => {
    expect(s.regions.map((r) => [r.name, r.provider])).toEqual([
      ["us-east-1", "aws"],
      ["us-west-2", "aws"],
      ["eu-west-1", "gcp"],
    ]);
    const [east, west, eu] = s.regions;
    expect(east!.outage.rate).toBeCloseTo(0.1 / YEAR, 20);
    expect(west!.outage.rate).toBeCloseTo(0.05 / YEAR, 20);
    expect(west!.outage.duration).toEqual({ dist: "lognormal", median: 6 * 3600, sigma: 0.9 });
    expect(eu!.outage.duration).toEqual({ dist: "fixed", value: 5400 });
    expect(eu!.outage.catastrophic).toEqual({
      probability: 0.05,
      duration: { dist: "lognormal", median: 5 * 86_400, sigma: 0.5 },
    });
    // probability from model/world.yaml, the rest from valid.yaml's regionDefaults.
    expect(east!.outage.controlPlane).toEqual({ probability: 0.2, scope: "provider", slowdown: Infinity, durationFactor: 0.5 });
  });

  it("converts every unit of the world model", () => {
    expect(s.commonCause).toEqual({ beta: 0.1 });
    expect(s.degradation.rate).toBeCloseTo(1 / YEAR, 20);
    expect(s.degradation.duration).toEqual({ dist: "exponential", mean: 3600 });
    expect(s.degradation.remainingCapacity).toEqual({ dist: "uniform", min: 0.5, max: 0.9 });
    expect(s.partition.duration).toEqual({ dist: "lognormal", median: 1200, sigma: 1 });
    expect(s.corruption.detection).toEqual({ dist: "lognormal", mean: 7200, sd: 10_800 });
    expect(s.replication.spikes.rate).toBeCloseTo(12 / YEAR, 20);
    expect(s.replication.spikes.duration).toEqual({ dist: "exponential", rate: 6 / 3600 });
    expect(s.replication.bandwidth).toBe(1.25e8);
  });

  it("reads empirical columns relative to the file that names them, scaled by their unit", () => {
    // model/world.yaml names lag-seconds.csv next to itself.
    expect(s.replication.baselineLag).toEqual({ dist: "empirical", samples: [0.2, 0.5, 1.5] });
    // valid.yaml names data/restore-throughput.csv in MB/s.
    expect(s.backup.restoreThroughput).toEqual({ dist: "empirical", samples: [30e6, 45e6, 60e6, 90e6] });
    expect(byId(s, "cheap").steps.promote).toEqual({ dist: "empirical", samples: [60, 120, 240] });
  });

  it("resolves the workload, its trace and sizes in bytes", () => {
    expect(s.workload).toEqual({
      requestsPerSecond: 2000,
      diurnalAmplitude: 0.5,
      peakHour: 15,
      weekendFactor: 1,
      trace: { step: 300, rates: [1000, 1500, 2500, 2000] },
      writeFraction: 0.1,
      bytesPerWrite: 2000,
      datasetBytes: 500e9,
    });
  });

  it("resolves the backup policy and applies neutral defaults", () => {
    expect(s.backup.interval).toBe(86_400);
    expect(s.backup.copyDelay).toEqual({ dist: "triangular", min: 300, mode: 600, max: 1800 });
    expect(s.backup.pointInTime).toEqual({ enabled: true, granularity: 300 });
    expect(s.backup.retentionDays).toBe(30);
    expect(s.costs).toEqual({
      computeUSDPerYear: 400_000,
      controlPlaneUSDPerHour: 0.1,
      storageUSDPerGBMonth: 0.05,
      egressUSDPerGB: 0.02,
      downtimeUSDPerMinute: 1000,
      lostWriteUSD: 0,
    });
  });

  it("keeps strategies in order, deletes the one set to null, infers types from ids", () => {
    expect(s.strategies.map((x) => [x.id, x.type, x.label])).toEqual([
      ["backup-restore", "backup-restore", "Backup & restore"],
      ["warm-standby", "warm-standby", "Warm standby"],
      ["active-active", "active-active", "Active–active"],
      ["warm-standby-20", "warm-standby", "Warm standby (warm-standby-20)"],
      ["cheap", "warm-standby", "Cheap standby"],
    ]);
  });

  it("merges strategyDefaults of every file under each strategy of the type", () => {
    const ws20 = byId(s, "warm-standby-20");
    expect(ws20.standbyFraction).toBe(0.2);
    // scale from valid.yaml's strategyDefaults, decide from model/strategies.yaml's.
    expect(ws20.steps.scale).toEqual({ dist: "uniform", min: 60, max: 180 });
    expect(ws20.steps.decide).toEqual({ dist: "lognormal", median: 600, sigma: 0.8 });
    expect(ws20.drills).toEqual({ perYear: 4, costUSD: 5000 });
    expect(ws20.policy).toEqual({
      waitForPrimary: 1800,
      abortWhenPrimaryReturns: true,
      failback: { delay: { dist: "fixed", value: 86_400 }, window: { dist: "fixed", value: 600 } },
    });
    const cheap = byId(s, "cheap");
    expect(cheap.standbyFraction).toBe(0.05);
    expect(cheap.steps.decide).toEqual({ dist: "fixed", value: 300 });
    expect(cheap.steps.switchTraffic).toBeNull();
    expect(cheap.steps.detect).toEqual({ dist: "uniform", min: 30, max: 90 });
  });

  it("fills type-derived defaults and reads `none` as no step", () => {
    const br = byId(s, "backup-restore");
    expect(br.steps.restoreFromBackup).toBe(true);
    expect(br.steps.promote).toBeNull();
    expect(br.steps.provision).toEqual({ dist: "truncated-normal", mean: 43.8 * 60, sd: 2.3 * 60 });
    expect(br.standbyControlPlanes).toBe(0);
    expect(br.replication).toEqual({ mode: "backup" });
    expect(br.drills).toEqual({ perYear: 0, costUSD: 0 });
    expect(br.conflictFraction).toBe(0);
    const aa = byId(s, "active-active");
    expect(aa.replication).toEqual({ mode: "sync" });
    expect(aa.steps.restoreFromBackup).toBe(false);
    expect(aa.standbyControlPlanes).toBe(1);
    expect(aa.steps.decide).toBeNull();
    expect(aa.policy.abortWhenPrimaryReturns).toBe(false);
    expect(aa.failover.maxAttempts).toBe(2);
    expect(aa.conflictFraction).toBe(0.01);
    expect(byId(s, "warm-standby").steps.scale).toEqual({ dist: "uniform", min: 60, max: 180 });
  });

  it("serializes with keys in the contract's order, whatever finished loading first", () => {
    expect(Object.keys(s)).toEqual([
      "name", "description", "file", "run", "regions", "commonCause", "degradation", "partition",
      "corruption", "replication", "workload", "backup", "costs", "strategies", "inputs",
    ]);
    expect(Object.keys(s.backup)).toEqual(["interval", "duration", "copyDelay", "restoreThroughput", "pointInTime", "retentionDays"]);
    expect(Object.keys(byId(s, "cheap").steps)).toEqual([
      "detect", "decide", "provision", "promote", "restoreFromBackup", "scale", "switchTraffic",
    ]);
  });
});

describe("composition", () => {
  it("applies the neutral run defaults when no file sets them", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "run: null");
    expect((await loadScenario(file)).run).toEqual({ runs: 10_000, seed: 1, horizon: YEAR });
  });

  it("lets `extends` take a single path or a list, later files winning", async () => {
    const first = scenarioFile(`extends: ${BASE}`, "workload: { requestsPerSecond: 10 }");
    const second = scenarioFile("workload: { requestsPerSecond: 20, peakHour: 3 }");
    const s = await loadScenario(scenarioFile(`extends: [${first}, ${second}]`));
    expect(s.workload.requestsPerSecond).toBe(20);
    expect(s.workload.peakHour).toBe(3);
    expect(s.workload.datasetBytes).toBe(500e9);
  });

  it("reads a diamond (a file extended twice) without calling it a cycle", async () => {
    const left = scenarioFile(`extends: ${BASE}`);
    const right = scenarioFile(`extends: ${BASE}`, "commonCause: { beta: 0.3 }");
    expect((await loadScenario(scenarioFile(`extends: [${left}, ${right}]`))).commonCause.beta).toBe(0.3);
  });

  it("null deletes an inherited value, which then falls back to its default", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "costs: { computeUSDPerYear: 1, downtimeUSDPerMinute: 5 }");
    const s = await loadScenario(scenarioFile(`extends: ${file}`, "costs: { downtimeUSDPerMinute: null }"));
    expect(s.costs.computeUSDPerYear).toBe(1);
    expect(s.costs.downtimeUSDPerMinute).toBe(0);
  });

  it("null in a region deletes what regionDefaults would have given it", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "regions:", "  us-west-2: { outage: { rate: null } }");
    const error = await loadError(file);
    expect(error.fieldPath).toBe("regions.us-west-2.outage.rate");
    expect(error.message).toContain("required field missing");
  });

  it("reads an empty region or strategy (`id:` and nothing else) as one with all defaults", async () => {
    const s = await loadScenario(scenarioFile(`extends: ${BASE}`, "regions:", "  eu-west-1:", "strategies:", "  pilot-light-2:"));
    expect(s.regions.map((r) => r.name)).toEqual(["us-east-1", "us-west-2", "eu-west-1"]);
    expect(byId(s, "pilot-light-2").standbyFraction).toBe(0.1);
  });

  it("replaces an inherited distribution by one with its own `dist`, and adjusts it by one without", async () => {
    const replaced = await loadScenario(
      scenarioFile(`extends: ${BASE}`, "regionDefaults: { outage: { duration: { dist: exponential, mean: 2h } } }"),
    );
    expect(replaced.regions[0]!.outage.duration).toEqual({ dist: "exponential", mean: 7200 });
    const adjusted = await loadScenario(scenarioFile(`extends: ${BASE}`, "regionDefaults: { outage: { duration: { median: 7h } } }"));
    expect(adjusted.regions[0]!.outage.duration).toEqual({ dist: "lognormal", median: 7 * 3600, sigma: 0.9 });
  });

  it("accepts a strategy whose id is not a type when the type is given", async () => {
    const s = await loadScenario(scenarioFile(`extends: ${BASE}`, "strategies:", "  cheap: { type: pilot-light, standbyFraction: 0.05 }"));
    expect(byId(s, "cheap")).toMatchObject({ type: "pilot-light", label: "Pilot light (cheap)", standbyFraction: 0.05 });
  });

  it("infers the type from an id that starts with a type name and a dash, and no other way", async () => {
    const s = await loadScenario(scenarioFile(`extends: ${BASE}`, "strategies: { active-active-eu: {} }"));
    expect(byId(s, "active-active-eu").type).toBe("active-active");
    const error = await loadError(scenarioFile(`extends: ${BASE}`, "strategies: { warm-standbyish: {} }"));
    expect(error.fieldPath).toBe("strategies.warm-standbyish");
  });

  it("lets `slowdown: blocked` mean an infinite slowdown", async () => {
    const s = await loadScenario(scenarioFile(`extends: ${BASE}`, "regionDefaults: { outage: { controlPlane: { slowdown: blocked } } }"));
    expect(s.regions[0]!.outage.controlPlane.slowdown).toBe(Infinity);
  });
});

describe("--set overrides", () => {
  it("parse their value as YAML: a rate, a duration, a distribution", async () => {
    const s = await loadScenario(BASE, {
      overrides: [
        { path: "regionDefaults.outage.rate", value: "0.3/year" },
        { path: "strategies.warm-standby.steps.decide", value: "15m" },
        { path: "strategies.warm-standby.steps.scale", value: "{dist: fixed, value: 5m}" },
        { path: "run.runs", value: "42" },
      ],
    });
    expect(s.regions[0]!.outage.rate).toBeCloseTo(0.3 / YEAR, 20);
    expect(s.regions[1]!.outage.rate).toBeCloseTo(0.05 / YEAR, 20); // the region's own rate still wins
    expect(byId(s, "warm-standby").steps.decide).toEqual({ dist: "fixed", value: 900 });
    expect(byId(s, "warm-standby").steps.scale).toEqual({ dist: "fixed", value: 300 });
    expect(s.run.runs).toBe(42);
  });

  it("apply in order, on top of every file, before regionDefaults and strategyDefaults are merged", async () => {
    const s = await loadScenario(BASE, {
      overrides: [
        { path: "strategyDefaults.warm-standby.standbyFraction", value: "0.5" },
        { path: "regionDefaults.outage.duration.median", value: "1h" },
        { path: "regionDefaults.outage.duration.median", value: "2h" },
      ],
    });
    expect(byId(s, "warm-standby").standbyFraction).toBe(0.5);
    expect(s.regions[1]!.outage.duration).toEqual({ dist: "lognormal", median: 7200, sigma: 0.9 });
  });

  it("delete with null and add a whole strategy", async () => {
    const s = await loadScenario(BASE, {
      overrides: [
        { path: "strategies.pilot-light", value: "null" },
        { path: "strategies.pilot-light-cheap", value: "{standbyFraction: 0.02}" },
      ],
    });
    expect(s.strategies.map((x) => x.id)).toEqual(["backup-restore", "warm-standby", "active-active", "pilot-light-cheap"]);
  });
});
