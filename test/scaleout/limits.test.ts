// The limits of limits.ts and the memory model of resources.ts, against what they claim.
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { MAX_RUNS, MAX_SHARDS, checkOneProcess, maxWorkers } from "../../src/app/scaleout/limits.js";
import { kubernetesMemory, memoryEstimateMiB, memoryFloorMiB } from "../../src/app/scaleout/resources.js";
import { parseShard } from "../../src/app/scaleout/shardEnv.js";
import { shardRange } from "../../src/montecarlo/shard.js";

const GiB = 1024;

describe("the memory a shard asks for", () => {
  // Peak RSS measured for resources.ts (replications, incidents, workers, MiB), and the 10⁷-replication
  // shard of issue #16 (default scenario: 1.29 incidents per replication) that needed 11.4 GiB.
  const MEASURED: [number, number, number, number][] = [
    [1e5, 129_296, 1, 243],
    [4e5, 517_241, 1, 494],
    [4e5, 517_241, 2, 513],
    [1e5, 1_288_178, 1, 589],
    [2e5, 2_572_731, 1, 984],
    [2e6, 2_584_590, 1, 1757],
    [1e7, 1.29e7, 1, 11.4 * GiB],
  ];
  for (const [replications, incidents, workers, peak] of MEASURED) {
    it(`covers the measured ${peak} MiB of ${replications} replications with ${incidents} incidents and ${workers} worker(s)`, () => {
      const estimate = memoryEstimateMiB({ replications, incidentsPerReplication: incidents / replications, workers });
      expect(estimate).toBeGreaterThanOrEqual(peak);
      // Headroom, not waste: at most 2.5× what was used (HEADROOM 2 on the part that grows, plus rounding).
      expect(estimate).toBeLessThan(2.5 * peak);
    });
  }

  it("asks for 16 GiB for the 10⁷-replication shard that was given 11 GiB and needed 11.4", () => {
    expect(kubernetesMemory(memoryEstimateMiB({ replications: 1e7, incidentsPerReplication: 1.29, workers: 1 }))).toBe("16Gi");
  });

  it("grows with the incidents a replication records", () => {
    const load = { replications: 1e6, workers: 1 };
    expect(memoryEstimateMiB({ ...load, incidentsPerReplication: 13 })).toBeGreaterThan(
      2 * memoryEstimateMiB({ ...load, incidentsPerReplication: 1.3 }),
    );
  });
});

describe("one process's replications", () => {
  it("are refused when even their metric columns exceed the machine, naming the option", () => {
    const machine = 16 * 2 ** 30;
    expect(() => checkOneProcess(1e6, "-n", machine)).not.toThrow();
    expect(() => checkOneProcess(1e8, "-n", machine)).toThrow(UserError);
    expect(() => checkOneProcess(1e8, "-n", machine)).toThrow(
      /^-n: 100000000 replications in one process need at least 41\.7 GiB of memory, and this machine has 16\.0 GiB; split the run into shards/,
    );
    expect(() => checkOneProcess(1e12, "-n", machine)).toThrow(/need at least 406 TiB/);
    expect(memoryFloorMiB(1e8)).toBeLessThan(memoryEstimateMiB({ replications: 1e8, incidentsPerReplication: 0, workers: 1 }));
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
