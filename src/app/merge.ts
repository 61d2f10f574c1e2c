// Use case: merge shards of one study into exactly the run directory the unsharded run writes
// (bounded memory: the shards are read once, exact quantiles replay a scratch file in `out`),
// then, unless told not to, its charts and report.
import type { Summary } from "../montecarlo/summary.js";
import { IncidentFirstPass } from "../report/charts/load/incidents.js";
import { openShardSet, ShardMerge } from "../store/merge.js";
import { chartRuns } from "./chart.js";
import { checkNotAnInput, checkOutDir } from "./outputDir.js";
import { formatsFor, writeMergedOutputs } from "./runOutputs.js";
import type { ProgressListener } from "./study.js";

export interface MergeOptions {
  /** Shard directories written by `drsim run --shard i/n` (runShard), in any order. */
  readonly dirs: readonly string[];
  readonly out: string;
  /** summary.json, summary.md and scenario.json only: no merged rows (they stay in the shards), no charts. */
  readonly summaryOnly?: boolean;
  /** Draw charts/ and report.html (default true; never with summaryOnly). */
  readonly charts?: boolean;
  /** Write the merged rows as CSV instead of Parquet (the shards may hold either). */
  readonly csv?: boolean;
  /** Rows done per pass: the label says which ("merge pass 1, shards", "merge pass 2, replications"…). */
  readonly onProgress?: ProgressListener;
}

export interface MergeOutcome {
  readonly summary: Summary;
  readonly out: string;
  /** The merged run directory's files (charts/ and report.html besides, when drawn). */
  readonly files: readonly string[];
}

export async function mergeShards(options: MergeOptions): Promise<MergeOutcome> {
  const { onProgress, out } = options;
  const data = options.summaryOnly !== true;
  checkOutDir(out);
  checkNotAnInput(out, options.dirs);
  const set = openShardSet(options.dirs);
  const charts = data && options.charts !== false;
  // The incident charts' first pass rides along the merge's, as along a run's simulation: the
  // charts then read the merged incidents once, for their samples.
  const fed = charts ? new IncidentFirstPass(set.scenario.strategies.map((s) => s.id)) : undefined;
  const merge = new ShardMerge(set, out, {
    onProgress: onProgress && ((pass, what, rows, total) => onProgress(rows, total, `merge pass ${pass}, ${what}`)),
    observe: fed && { fields: IncidentFirstPass.fields, add: (batch) => fed.add(batch) },
  });
  const { summary, files } = await writeMergedOutputs(out, merge, { data, formats: formatsFor(options) });
  if (fed !== undefined) {
    onProgress?.(0, 1, "charts and report", "runs");
    await chartRuns({ dirs: [out], fed: new Map([[out, fed]]) });
    onProgress?.(1, 1, "charts and report", "runs");
  }
  return { summary, out, files };
}
