// One worker task: simulate replications [start, end) of a compiled model into columns. The same
// function runs in worker threads and in-process (--workers 1), so both produce identical numbers.
import { BatchBuilder } from "./columns.js";
import type { ModelApi } from "./modelApi.js";
import type { ColumnarResult, ReplicationRange } from "./types.js";

export function simulateBatch(
  api: ModelApi,
  model: unknown,
  seed: number,
  strategyCount: number,
  range: ReplicationRange,
): ColumnarResult {
  const builder = new BatchBuilder(range, strategyCount);
  for (let r = range.start; r < range.end; r++) builder.add(api.simulateReplication(model, seed, r));
  return builder.finish();
}
