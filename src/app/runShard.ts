// Use case: run one shard of a study — its contiguous range of replications — into a shard
// directory (rows, scenario, shard.json) that `mergeShards` (drsim merge) reads back.
import { join } from "node:path";
import { shardRange, type ShardSpec } from "../montecarlo/shard.js";
import type { ReplicationRange } from "../montecarlo/types.js";
import type { Scenario } from "../scenario/types.js";
import { defaultOutDir } from "./outputDir.js";
import { formatsFor, simulateInto } from "./runOutputs.js";
import { simulation, type RunStudyOptions } from "./runStudy.js";
import { loadForRun } from "./scenario.js";

export interface RunShardOptions extends Omit<RunStudyOptions, "charts"> {
  /** Shard i of n (1-based): replications [floor((i−1)·runs/n), floor(i·runs/n)). */
  readonly shard: ShardSpec;
  /** Output directory; default results/<scenario>/shard-i-of-n. */
  readonly out?: string;
}

export interface RunShardOutcome {
  readonly scenario: Scenario;
  readonly shard: ShardSpec;
  /** The replications the shard holds. */
  readonly range: ReplicationRange;
  readonly out: string;
  readonly files: readonly string[];
}

export async function runShard(options: RunShardOptions): Promise<RunShardOutcome> {
  const { shard } = options;
  const scenario = await loadForRun(options.scenario, { ...options, streamed: true });
  const out = options.out ?? join(defaultOutDir(scenario.name), `shard-${shard.index}-of-${shard.count}`);
  const range = shardRange(scenario.run.runs, shard.index, shard.count);
  const { files } = await simulateInto(out, scenario, simulation(scenario, range, options), { shard, formats: formatsFor(options) });
  return { scenario, shard, range, out, files };
}
