// Use case: merge shards of one study into exactly the run directory the unsharded run writes
// (bounded memory: the shards are streamed once, exact quantiles replay a scratch file in `out`),
// then, if wanted, its charts and report.
import type { Summary } from "../montecarlo/summary.js";
import { openShardSet, ShardMerge } from "../store/merge.js";
import { chartRuns } from "./chart.js";
import { writeMergedOutputs } from "./runOutputs.js";

/** Progress of a merge: per pass, what it reads ("shards", then "replications" or "incidents") and its rows. */
export interface MergeProgress {
  update(pass: number, what: string, rows: number, total: number): void;
  finish(): void;
}

export interface MergeOptions {
  /** Shard directories written by `drsim run --shard i/n`, in any order. */
  readonly dirs: readonly string[];
  readonly out: string;
  /** false: summary.json, summary.md and scenario.json only (no merged rows, no charts). */
  readonly data: boolean;
  readonly charts: boolean;
  readonly progress?: MergeProgress;
}

/** Merges the shards into `out`; returns the merged run's summary. */
export async function mergeShards(options: MergeOptions): Promise<Summary> {
  const { progress } = options;
  let summary: Summary;
  try {
    const merge = new ShardMerge(openShardSet(options.dirs), options.out, { onProgress: progress && ((...a) => progress.update(...a)) });
    ({ summary } = await writeMergedOutputs(options.out, merge, { data: options.data }));
  } finally {
    progress?.finish();
  }
  if (options.charts && options.data) await chartRuns([options.out]);
  return summary;
}
