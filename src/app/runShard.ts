// Use case: run one shard of a study — its contiguous range of replications — into a shard
// directory (rows, scenario, shard.json) that `drsim merge` reads back.
import { shardRange, type ShardSpec } from "../montecarlo/shard.js";
import type { ReplicationRange } from "../montecarlo/types.js";
import type { Scenario } from "../scenario/types.js";
import { writeShardOutputs } from "./runOutputs.js";
import { simulate, type SimulationProgress } from "./runStudy.js";

export interface ShardOptions {
  readonly scenario: Scenario;
  readonly shard: ShardSpec;
  readonly dir: string;
  readonly workers?: number;
  readonly progress?: SimulationProgress;
}

/** Runs shard `shard` of the study into `dir`; returns the replications it covered. */
export async function runShard(options: ShardOptions): Promise<ReplicationRange> {
  const { scenario, shard } = options;
  const run = await simulate(scenario, { ...options, range: shardRange(scenario.run.runs, shard.index, shard.count) });
  await writeShardOutputs(options.dir, run, shard);
  return run.range;
}
