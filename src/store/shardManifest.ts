// shard.json: a shard directory's manifest — enough to check that shards belong to one run and
// together cover it exactly once.
import type { ShardSpec } from "../montecarlo/shard.js";
import type { ReplicationRange, RunInfo } from "../montecarlo/types.js";

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
  /** Data rows of the replication and incident tables: a truncated file is detected. */
  readonly rows: { readonly replications: number; readonly incidents: number };
}

/** The manifest of a shard that ran `run` and wrote `rows`. */
export function shardManifest(run: RunInfo, shard: ShardSpec, rows: ShardManifest["rows"]): ShardManifest {
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
    rows,
  };
}
