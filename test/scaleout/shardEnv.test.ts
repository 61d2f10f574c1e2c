import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { shardFromEnvironment } from "../../src/app/scaleout/shardEnv.js";
import { shardRange, type ShardSpec } from "../../src/montecarlo/shard.js";

/** The environment each task of a Kubernetes Indexed Job with `completions` sees. */
function kubernetesEnvs(completions: number): NodeJS.ProcessEnv[] {
  return Array.from({ length: completions }, (_, i) => ({
    JOB_COMPLETION_INDEX: String(i),
    DRSIM_SHARD_COUNT: String(completions),
  }));
}

/** The environment each task of `sbatch --array=min-(min+count-1)` sees. */
function slurmEnvs(min: number, count: number, withCount = true, withMax = true): NodeJS.ProcessEnv[] {
  return Array.from({ length: count }, (_, k) => {
    const env: NodeJS.ProcessEnv = {
      SLURM_ARRAY_JOB_ID: "4242",
      SLURM_ARRAY_TASK_ID: String(min + k),
      SLURM_ARRAY_TASK_MIN: String(min),
      SLURM_ARRAY_TASK_STEP: "1",
    };
    if (withCount) env["SLURM_ARRAY_TASK_COUNT"] = String(count);
    if (withMax) env["SLURM_ARRAY_TASK_MAX"] = String(min + count - 1);
    return env;
  });
}

/** How many times each replication 0..runs-1 is run over the whole array. */
function coverage(runs: number, shards: ShardSpec[]): number[] {
  const hits = new Array<number>(runs).fill(0);
  for (const { index, count } of shards) {
    const { start, end } = shardRange(runs, index, count);
    for (let r = start; r < end; r++) hits[r]! += 1;
  }
  return hits;
}

const RUNS = [0, 1, 7, 400, 1001];
const COUNTS = [1, 3, 16];

describe("shardRange", () => {
  it("tiles 0..runs contiguously in shard order", () => {
    for (const runs of [...RUNS, 100_000_000]) {
      for (const count of [...COUNTS, 7, 1000]) {
        let next = 0;
        for (let i = 1; i <= count; i++) {
          const { start, end } = shardRange(runs, i, count);
          expect(start).toBe(next);
          expect(end).toBeGreaterThanOrEqual(start);
          expect(end - start).toBeLessThanOrEqual(Math.ceil(runs / count));
          next = end;
        }
        expect(next).toBe(runs);
      }
    }
  });

  it("matches floor((i-1)N/n), floor(iN/n)", () => {
    expect(shardRange(10, 1, 3)).toEqual({ start: 0, end: 3 });
    expect(shardRange(10, 2, 3)).toEqual({ start: 3, end: 6 });
    expect(shardRange(10, 3, 3)).toEqual({ start: 6, end: 10 });
    expect(shardRange(100_000_000, 3, 7)).toEqual({ start: 28_571_428, end: 42_857_142 });
  });

  it("rejects out-of-range arguments", () => {
    expect(() => shardRange(10, 0, 3)).toThrow(RangeError);
    expect(() => shardRange(10, 4, 3)).toThrow(RangeError);
    expect(() => shardRange(10, 1, 0)).toThrow(RangeError);
    expect(() => shardRange(-1, 1, 1)).toThrow(RangeError);
    expect(() => shardRange(1.5, 1, 1)).toThrow(RangeError);
  });
});

describe("shardFromEnvironment: Kubernetes Indexed Job", () => {
  it("maps the 0-based completion index to a 1-based shard", () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: "0", DRSIM_SHARD_COUNT: "16" })).toEqual({ index: 1, count: 16 });
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: "15", DRSIM_SHARD_COUNT: "16" })).toEqual({
      index: 16,
      count: 16,
    });
  });

  for (const count of COUNTS) {
    it(`${count} completions cover every replication exactly once`, () => {
      const shards = kubernetesEnvs(count).map(shardFromEnvironment);
      expect(new Set(shards.map((s) => s.index)).size).toBe(count);
      for (const runs of RUNS) expect(coverage(runs, shards).every((h) => h === 1)).toBe(true);
    });
  }

  it("refuses a missing count, a bad index and an index past the count", () => {
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: "0" })).toThrow(/DRSIM_SHARD_COUNT/);
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: "x", DRSIM_SHARD_COUNT: "3" })).toThrow(UserError);
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: "-1", DRSIM_SHARD_COUNT: "3" })).toThrow(UserError);
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: "1.5", DRSIM_SHARD_COUNT: "3" })).toThrow(UserError);
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: "3", DRSIM_SHARD_COUNT: "3" })).toThrow(/outside 1\.\.3/);
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: "0", DRSIM_SHARD_COUNT: "0" })).toThrow(UserError);
  });
});

describe("shardFromEnvironment: Slurm job array", () => {
  it("maps ID - MIN + 1 to the shard", () => {
    expect(shardFromEnvironment(slurmEnvs(0, 16)[0]!)).toEqual({ index: 1, count: 16 });
    expect(shardFromEnvironment(slurmEnvs(1, 16)[15]!)).toEqual({ index: 16, count: 16 });
  });

  for (const min of [0, 1]) {
    for (const count of COUNTS) {
      it(`--array=${min}-${min + count - 1} covers every replication exactly once`, () => {
        for (const [withCount, withMax] of [
          [true, true],
          [true, false],
          [false, true],
        ] as const) {
          const shards = slurmEnvs(min, count, withCount, withMax).map(shardFromEnvironment);
          expect(shards.every((s) => s.count === count)).toBe(true);
          expect(new Set(shards.map((s) => s.index)).size).toBe(count);
          for (const runs of RUNS) expect(coverage(runs, shards).every((h) => h === 1)).toBe(true);
        }
      });
    }
  }

  it("refuses stepped and listed (non-contiguous) arrays", () => {
    expect(() =>
      shardFromEnvironment({
        SLURM_ARRAY_TASK_ID: "2",
        SLURM_ARRAY_TASK_MIN: "0",
        SLURM_ARRAY_TASK_MAX: "6",
        SLURM_ARRAY_TASK_COUNT: "4",
        SLURM_ARRAY_TASK_STEP: "2",
      }),
    ).toThrow(/step/);
    expect(() =>
      shardFromEnvironment({
        SLURM_ARRAY_TASK_ID: "4",
        SLURM_ARRAY_TASK_MIN: "1",
        SLURM_ARRAY_TASK_MAX: "9",
        SLURM_ARRAY_TASK_COUNT: "3",
      }),
    ).toThrow(/not contiguous/);
  });

  it("refuses a resubmitted part of an array when DRSIM_SHARD_COUNT names the study's count", () => {
    const part = { SLURM_ARRAY_TASK_ID: "7", SLURM_ARRAY_TASK_MIN: "7", SLURM_ARRAY_TASK_MAX: "7", SLURM_ARRAY_TASK_COUNT: "1" };
    expect(shardFromEnvironment(part)).toEqual({ index: 1, count: 1 });
    expect(() => shardFromEnvironment({ ...part, DRSIM_SHARD_COUNT: "16" })).toThrow(/1 task\(s\) but DRSIM_SHARD_COUNT=16/);
    expect(shardFromEnvironment({ ...slurmEnvs(1, 16)[6]!, DRSIM_SHARD_COUNT: "16" })).toEqual({ index: 7, count: 16 });
  });

  it("refuses missing or inconsistent variables", () => {
    expect(() => shardFromEnvironment({ SLURM_ARRAY_TASK_ID: "1" })).toThrow(/SLURM_ARRAY_TASK_MIN/);
    expect(() => shardFromEnvironment({ SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_MIN: "1" })).toThrow(
      /SLURM_ARRAY_TASK_COUNT/,
    );
    expect(() =>
      shardFromEnvironment({ SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "3" }),
    ).toThrow(/outside/);
    expect(() =>
      shardFromEnvironment({ SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "4" }),
    ).toThrow(/outside/);
    expect(() =>
      shardFromEnvironment({ SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_MIN: "3", SLURM_ARRAY_TASK_MAX: "2" }),
    ).toThrow(UserError);
    expect(() =>
      shardFromEnvironment({ SLURM_ARRAY_TASK_ID: "a", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "2" }),
    ).toThrow(UserError);
  });
});

describe("shardFromEnvironment: neither or both engines", () => {
  it("names both engines when neither is present", () => {
    expect(() => shardFromEnvironment({})).toThrow(UserError);
    expect(() => shardFromEnvironment({ PATH: "/usr/bin", JOB_COMPLETION_INDEX: "" })).toThrow(
      /JOB_COMPLETION_INDEX.*SLURM_ARRAY_TASK_ID/,
    );
  });

  it("refuses an ambiguous environment", () => {
    expect(() =>
      shardFromEnvironment({ ...kubernetesEnvs(2)[0], ...slurmEnvs(1, 2)[0] }),
    ).toThrow(/both/);
  });
});
