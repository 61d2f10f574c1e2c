// Public API of the Monte Carlo layer, for the CLI and for sweeps, recommendations and sensitivity
// analyses that run many scenarios: run (optionally on a shared WorkerPool), summarize, write.
export { runMonteCarlo, streamMonteCarlo, planBatches, defaultWorkers, MIN_BATCH, type RunOptions, type StreamOptions } from "./runner.js";
export { WorkerPool, WorkerError, type PoolOptions } from "./pool.js";
export { summarize } from "./summary.js";
export type { Summary, StrategySummary, StrategyDifferences } from "./summary.js";
export { describe, pairedDifference, type Stat, type Difference } from "./stat.js";
export { shardRange, type ShardSpec } from "./shard.js";
export type { RunResult, RunInfo, ColumnarResult, StrategyColumns, IncidentColumns, ReplicationRange } from "./types.js";
