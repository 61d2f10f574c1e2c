// Batch memory reused: a batch is built in the builder's arrays of the batch before and packed into
// a buffer its consumer handed back, and comes out the same as one built in fresh memory.
import { describe, expect, it } from "vitest";
import { BatchSimulator, BufferShelf } from "../../src/montecarlo/batch.js";
import { BatchBuilder, transferables } from "../../src/montecarlo/columns.js";
import { streamMonteCarlo } from "../../src/montecarlo/runner.js";
import type { ModelApi } from "../../src/montecarlo/modelApi.js";
import type { ColumnarResult, ReplicationRange } from "../../src/montecarlo/types.js";
import { syntheticScenario, SYNTHETIC_MODEL } from "./synthetic.js";

const api = (await import(SYNTHETIC_MODEL)) as ModelApi;
const scenario = syntheticScenario(10_000, 7);
const model = api.compileModel(scenario);
const STRATEGIES = scenario.strategies.length;

/** The batch built the old way: a builder of its own, a buffer of its own. */
function fresh(range: ReplicationRange, of = scenario): ColumnarResult {
  const builder = new BatchBuilder(range, STRATEGIES);
  const compiled = of === scenario ? model : api.compileModel(of);
  for (let r = range.start; r < range.end; r++) builder.add(api.simulateReplication(compiled, of.run.seed, r));
  return builder.finish();
}

describe("BufferShelf", () => {
  it("hands out the smallest buffer that fits, else a new one with room to spare", () => {
    const shelf = new BufferShelf();
    const [small, large] = [new ArrayBuffer(1_000), new ArrayBuffer(100_000)];
    shelf.put([large, small]);
    expect(shelf.take(900)).toBe(small);
    expect(shelf.take(900)).toBe(large);
    const made = shelf.take(200_000);
    expect(made.byteLength).toBeGreaterThanOrEqual(200_000 * 1.0625);
    expect(made.byteLength % 65_536).toBe(0);
  });

  it("skips a detached buffer and keeps at most eight, the largest", () => {
    const shelf = new BufferShelf();
    const gone = new ArrayBuffer(64);
    structuredClone(gone, { transfer: [gone] });
    expect(gone.byteLength).toBe(0);
    shelf.put([gone]);
    const sizes = Array.from({ length: 10 }, (_, k) => (k + 1) * 1_000);
    shelf.put(sizes.map((n) => new ArrayBuffer(n)));
    // The two smallest were let go: a request they would have served gets the smallest kept (3,000).
    expect(shelf.take(1).byteLength).toBe(3_000);
  });
});

describe("BatchSimulator", () => {
  it("gives every batch the same columns as fresh memory, packed into the buffer handed back", () => {
    const shelf = new BufferShelf();
    const simulator = new BatchSimulator(api, model, scenario.run.seed, STRATEGIES, shelf);
    // Sizes up and down, so the builder's arrays are reused both larger and smaller than the batch.
    const ranges = [[0, 300], [300, 337], [337, 1_337], [1_337, 1_400], [1_400, 1_401], [1_401, 2_401]].map(([start, end]) => ({ start: start!, end: end! }));
    const handedBack = new Set<ArrayBuffer>();
    let reused = 0;
    for (const range of ranges) {
      const result = simulator.simulate(range);
      const [buffer, ...others] = transferables(result);
      expect(others).toEqual([]);
      if (handedBack.has(buffer!)) reused++;
      expect(result).toEqual(fresh(range));
      // Nothing in the result aliases another of its columns: each is its own stretch of the buffer.
      expect(result.strategies[0]!.metrics.costUSD.byteOffset).not.toBe(result.strategies[1]!.metrics.costUSD.byteOffset);
      shelf.put([buffer!]);
      handedBack.add(buffer!);
    }
    // Only the first batch and the first of a thousand replications need a new buffer.
    expect(reused).toBe(ranges.length - 2);
  });
});

describe("a lent batch in-process", () => {
  it("goes empty once its consumer has returned, as a worker's does, and the next batches are right", async () => {
    const kept: Float64Array[] = [];
    const copies: unknown[] = [];
    // From the sources there is no compiled worker: the run is simulated in this thread.
    await streamMonteCarlo({
      scenario: syntheticScenario(1_000, 9),
      workers: 1,
      batchSize: 97,
      modelModule: SYNTHETIC_MODEL,
      lent: true,
      onBatch: (batch) => {
        kept.push(batch.strategies[1]!.metrics.costUSD);
        copies.push(structuredClone(batch));
      },
    });
    expect(kept.length).toBe(11);
    expect(kept.every((column) => column.length === 0)).toBe(true);
    copies.forEach((copy, k) => expect(copy).toEqual(fresh({ start: k * 97, end: Math.min(1_000, (k + 1) * 97) }, syntheticScenario(1_000, 9))));
  });
});
