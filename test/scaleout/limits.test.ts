// The limits of limits.ts and the memory model of resources.ts, against what they claim.
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { loadForRun } from "../../src/app/scenario.js";
import { MAX_RUNS, MAX_SHARDS, checkOneProcess, maxWorkers } from "../../src/app/scaleout/limits.js";
import { kubernetesMemory, memoryEstimateMiB } from "../../src/app/scaleout/resources.js";
import { parseShard } from "../../src/app/scaleout/shardEnv.js";
import { shardRange } from "../../src/montecarlo/shard.js";

describe("the memory a shard asks for", () => {
  // Peak RSS measured for resources.ts with the streaming store (replications, incidents per
  // replication, workers, MiB): the default scenario, and over a 25-year horizon (31 incidents per
  // replication, the scenario whose 10⁶-replication shard took 9.3 GB before).
  const MEASURED: [number, number, number, number][] = [
    [1e5, 1.29, 1, 173],
    [1e6, 1.29, 1, 196],
    [1e6, 1.29, 2, 335],
    [1e5, 31, 2, 422],
    [1e6, 31, 2, 432],
  ];
  for (const [replications, incidentsPerReplication, workers, peak] of MEASURED) {
    it(`covers the measured ${peak} MiB of ${replications} replications, ${incidentsPerReplication} incidents each, ${workers} worker(s)`, () => {
      const estimate = memoryEstimateMiB({ replications, incidentsPerReplication, workers });
      expect(estimate).toBeGreaterThanOrEqual(peak);
      // Headroom, not waste: at most twice what was used.
      expect(estimate).toBeLessThan(2 * peak);
    });
  }

  it("does not grow with the replications or their incidents (the run streams); grows with the workers", () => {
    const at = (replications: number, incidentsPerReplication: number, workers = 2): number => memoryEstimateMiB({ replications, incidentsPerReplication, workers });
    expect(at(1e8, 31)).toBe(at(1e3, 1.3));
    expect(kubernetesMemory(at(1e7, 1.29))).toBe("560Mi");
    expect(at(1e6, 1.3, 4)).toBeGreaterThan(at(1e6, 1.3, 2));
  });
});

describe("one process's replications", () => {
  it("are refused when even their metric columns exceed the machine, naming the option", () => {
    const machine = 16 * 2 ** 30;
    expect(() => checkOneProcess(1e6, "-n", machine)).not.toThrow();
    expect(() => checkOneProcess(1e8, "-n", machine)).toThrow(UserError);
    expect(() => checkOneProcess(1e8, "-n", machine)).toThrow(
      /^-n: 100000000 replications in one process need at least 74\.7 GiB of memory, and this machine has 16\.0 GiB; split the run into shards/,
    );
    expect(() => checkOneProcess(1e12, "-n", machine)).toThrow(/need at least 728 TiB/);
  });

  it("bound only analyses that hold them: a run or a shard streams, whatever run.runs says", async () => {
    const overrides = [{ path: "run.runs", value: "1e10" }];
    await expect(loadForRun(undefined, { overrides })).rejects.toThrow(/10000000000 replications in one process/);
    const streamed = await loadForRun(undefined, { overrides, streamed: true });
    expect(streamed.run.runs).toBe(1e10);
  });
});

describe("study and shard limits", () => {
  it("keep every shard boundary exact: MAX_RUNS × MAX_SHARDS < 2⁵³", () => {
    expect(MAX_RUNS * MAX_SHARDS).toBeLessThan(2 ** 53);
    for (const index of [1, 2, 3, 7, 33_333, 65_537, 99_999, MAX_SHARDS]) {
      const exact = (BigInt(index) * BigInt(MAX_RUNS)) / BigInt(MAX_SHARDS);
      expect(BigInt(shardRange(MAX_RUNS - 1, index, MAX_SHARDS).end)).toBe((BigInt(index) * BigInt(MAX_RUNS - 1)) / BigInt(MAX_SHARDS));
      expect(BigInt(shardRange(MAX_RUNS, index, MAX_SHARDS).end)).toBe(exact);
    }
  });

  it("refuse --shard counts beyond MAX_SHARDS as too large, not as too small", () => {
    expect(parseShard("2/1e3")).toEqual({ index: 2, count: 1000 });
    expect(() => parseShard("1/1e20")).toThrow("--shard 1/1e20: the shard count must be at most 100000");
    expect(() => parseShard("1/100000000000000000000")).toThrow(/must be at most 100000/);
    expect(() => parseShard("1/0")).toThrow(/at least 1/);
    expect(() => parseShard("1e20/3")).toThrow(/between 1 and 3/);
    expect(() => parseShard("auto", { JOB_COMPLETION_INDEX: "0", DRSIM_SHARD_COUNT: "1000000" })).toThrow(/at most 100000/);
  });

  it("allow two workers per core", () => {
    expect(maxWorkers(1)).toBe(2);
    expect(maxWorkers(64)).toBe(128);
  });
});
