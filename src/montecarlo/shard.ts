// Shards: run replications [floor((i−1)N/n), floor(iN/n)) of a run in one process; the run store
// (store/shardManifest.ts) writes them with a manifest and merges them into exactly what the
// unsharded run writes.

export interface ShardSpec {
  /** 1-based shard index, 1 ≤ index ≤ count. */
  readonly index: number;
  /** Number of shards, ≥ 1. */
  readonly count: number;
}

/** Floor of a·b/n, exact while a·b stays below 2^53 (10^8 runs × 10^7 shards). */
function floorProduct(a: number, b: number, n: number): number {
  const p = a * b;
  return (p - (p % n)) / n;
}

/**
 * Replications of shard `index` (1-based) of `count` over `runs`: the half-open range
 * [floor((index-1)·runs/count), floor(index·runs/count)). Consecutive shards tile 0..runs exactly.
 */
export function shardRange(runs: number, index: number, count: number): { start: number; end: number } {
  if (!Number.isSafeInteger(runs) || runs < 0) throw new RangeError(`runs must be a non-negative integer: ${runs}`);
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`shard count must be ≥ 1: ${count}`);
  if (!Number.isSafeInteger(index) || index < 1 || index > count) {
    throw new RangeError(`shard index must be in 1..${count}: ${index}`);
  }
  return { start: floorProduct(index - 1, runs, count), end: floorProduct(index, runs, count) };
}
