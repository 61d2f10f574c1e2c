// One worker task: simulate replications [start, end) of a compiled model into columns. The same
// code runs in worker threads and in-process (--workers 1), so both produce identical numbers.
// Memory is reused from batch to batch: the builder's arrays, and the buffers results are packed
// into once their consumer hands them back (BufferShelf) — so a long run stops allocating after
// its first batches, instead of leaving the allocator a trail of freed buffers to fragment.
import { BatchBuilder } from "./columns.js";
import type { ModelApi } from "./modelApi.js";
import type { ColumnarResult, ReplicationRange } from "./types.js";

/** Buffers a shelf keeps at most: more than a worker's batches in flight (pool.ts) ever hand back. */
const SHELF_SIZE = 8;

/**
 * Result buffers handed back by their consumer, to pack later batches into. A batch takes the
 * smallest that fits, else a new one with room to spare (batches vary in their incidents), so a
 * few sizes serve a whole run.
 */
export class BufferShelf {
  private readonly buffers: ArrayBuffer[] = [];

  /** A buffer of at least `bytes` bytes: the smallest on the shelf that fits, else a new one. */
  take(bytes: number): ArrayBuffer {
    let best = -1;
    this.buffers.forEach((b, k) => {
      if (b.byteLength >= bytes && (best < 0 || b.byteLength < this.buffers[best]!.byteLength)) best = k;
    });
    if (best >= 0) return this.buffers.splice(best, 1)[0]!;
    // A sixteenth more, in 64 KiB steps: the next batch, with a few more incidents, fits as well.
    // (A quarter more held that much more of every buffer in flight; a batch's incident count
    // varies by about its square root, under 1 % for a 10⁶ run's batches of ~26,000 incident rows.)
    return new ArrayBuffer(Math.ceil((bytes * 1.0625) / 65_536) * 65_536);
  }

  /** Buffers free to be filled again (a detached one, 0 bytes long, is skipped); past SHELF_SIZE the smallest are let go. */
  put(buffers: readonly ArrayBuffer[]): void {
    this.buffers.push(...buffers.filter((b) => b.byteLength > 0));
    if (this.buffers.length > SHELF_SIZE) {
      this.buffers.sort((a, b) => b.byteLength - a.byteLength);
      this.buffers.length = SHELF_SIZE;
    }
  }
}

/** Simulates batches of one compiled model, each built in the same arrays and packed into a shelf's buffer. */
export class BatchSimulator {
  private builder: BatchBuilder | undefined;

  constructor(
    private readonly api: ModelApi,
    private readonly model: unknown,
    private readonly seed: number,
    private readonly strategyCount: number,
    private readonly shelf = new BufferShelf(),
  ) {}

  simulate(range: ReplicationRange): ColumnarResult {
    if (this.builder === undefined) this.builder = new BatchBuilder(range, this.strategyCount);
    else this.builder.reset(range);
    const builder = this.builder;
    for (let r = range.start; r < range.end; r++) builder.add(this.api.simulateReplication(this.model, this.seed, r));
    return builder.finish((bytes) => this.shelf.take(bytes));
  }
}
