// Shards: run replications [floor((i−1)N/n), floor(iN/n)) of a run in one process, write a partial
// result directory with a manifest, and merge the directories later (merge.ts) into exactly what
// the unsharded run writes.
import { UserError } from "../errors.js";
import { shardFromEnvironment, shardRange, type ShardSpec } from "../scaleout/shardEnv.js";
import type { ReplicationRange, RunResult } from "./types.js";

export type { ShardSpec };
export { shardRange };

export const SHARD_FORMAT = "drsim-shard/1";
export const SHARD_MANIFEST = "shard.json";

/** shard.json: enough to check that shards belong to one run and together cover it exactly once. */
export interface ShardManifest {
  readonly format: typeof SHARD_FORMAT;
  readonly drsim: string;
  readonly scenario: string;
  /** sha256 of scenario.json: shards of different runs (any differing setting) never merge. */
  readonly scenarioHash: string;
  readonly seed: number;
  readonly runs: number;
  readonly horizonSeconds: number;
  readonly strategies: readonly string[];
  readonly shard: ShardSpec;
  readonly range: ReplicationRange;
  /** Data rows in replications.csv and incidents.csv: a truncated file is detected. */
  readonly rows: { readonly replications: number; readonly incidents: number };
}

/** "i/n" (1 ≤ i ≤ n) or "auto" (from a Kubernetes Indexed Job's or Slurm array's environment). */
export function parseShard(text: string, env: NodeJS.ProcessEnv = process.env): ShardSpec {
  const value = text.trim();
  if (value === "auto") return shardFromEnvironment(env);
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (m === null) throw new UserError(`--shard: expected i/n (e.g. 2/8) or auto, got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw new UserError(`--shard ${text}: the shard count must be at least 1`);
  if (!Number.isSafeInteger(index) || index < 1 || index > count) {
    throw new UserError(`--shard ${text}: the shard index must be between 1 and ${count}`);
  }
  return { index, count };
}

export function shardManifest(run: RunResult, shard: ShardSpec): ShardManifest {
  return {
    format: SHARD_FORMAT,
    drsim: run.drsim,
    scenario: run.scenario.name,
    scenarioHash: run.scenarioHash,
    seed: run.scenario.run.seed,
    runs: run.scenario.run.runs,
    horizonSeconds: run.scenario.run.horizon,
    strategies: run.scenario.strategies.map((s) => s.id),
    shard,
    range: run.range,
    rows: {
      replications: (run.range.end - run.range.start) * run.strategies.length,
      incidents: run.strategies.reduce((n, s) => n + s.incidents.count, 0),
    },
  };
}
