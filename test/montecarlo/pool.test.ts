// The worker pool: batches planned as documented, failures reported (not hung), pool reusable.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { mc, SYNTHETIC_MODEL, syntheticScenario, tempDir } from "./helpers.js";

describe("planBatches", () => {
  it("tiles the range with batches of at least MIN_BATCH", () => {
    const batches = mc.planBatches({ start: 100, end: 10_100 }, 2);
    expect(batches[0]!.start).toBe(100);
    expect(batches.at(-1)!.end).toBe(10_100);
    for (let i = 1; i < batches.length; i++) expect(batches[i]!.start).toBe(batches[i - 1]!.end);
    expect(Math.min(...batches.slice(0, -1).map((b) => b.end - b.start))).toBeGreaterThanOrEqual(mc.MIN_BATCH);
    expect(mc.planBatches({ start: 0, end: 0 }, 4)).toEqual([]);
  });
});

describe("WorkerPool", () => {
  it("runs several scenarios on one pool (a sweep) with the same results as separate runs", async () => {
    const pool = new mc.WorkerPool(2, { modelModule: SYNTHETIC_MODEL });
    try {
      for (const seed of [1, 2]) {
        const scenario = syntheticScenario(1_000, seed);
        const pooled = await mc.runMonteCarlo({ scenario, pool, batchSize: 128 });
        const alone = await mc.runMonteCarlo({ scenario, workers: 1, modelModule: SYNTHETIC_MODEL });
        expect(pooled.strategies[3]!.metrics).toEqual(alone.strategies[3]!.metrics);
        expect(pooled.strategies[3]!.incidents.start).toEqual(alone.strategies[3]!.incidents.start);
      }
    } finally {
      await pool.close();
    }
  });

  it("hands a lent batch's memory back to its worker, and lent or not the batches are the same", async () => {
    const scenario = syntheticScenario(3_000, 5);
    const seen = async (lent: boolean): Promise<{ copies: unknown[]; kept: Float64Array[] }> => {
      const copies: unknown[] = [];
      const kept: Float64Array[] = [];
      await mc.streamMonteCarlo({
        scenario,
        workers: 2,
        batchSize: 97,
        modelModule: SYNTHETIC_MODEL,
        lent,
        onBatch: (batch) => {
          copies.push(structuredClone(batch));
          kept.push(batch.strategies[0]!.incidents.rto);
        },
      });
      return { copies, kept };
    };
    const lent = await seen(true);
    const owned = await seen(false);
    expect(lent.copies).toEqual(owned.copies);
    // Each lent batch went back to its worker (transferred: empty here); an owned one is the consumer's.
    expect(lent.kept.every((column) => column.length === 0)).toBe(true);
    expect(owned.kept.every((column) => column.length > 0)).toBe(true);
  });

  it("reports a model error thrown in a worker with its message", async () => {
    const dir = tempDir("badmodel");
    const file = join(dir, "bad.mjs");
    writeFileSync(
      file,
      `export const compileModel = (s) => s;
       export function simulateReplication(m, seed, r) { if (r === 777) throw new RangeError("replication 777 exploded"); return { replication: r, strategies: m.strategies.map(() => ({ metrics: {}, incidents: [] })) }; }`,
    );
    const progress: number[] = [];
    await expect(
      mc.runMonteCarlo({ scenario: syntheticScenario(2_000), workers: 2, modelModule: pathToFileURL(file).href, onProgress: (d) => progress.push(d) }),
    ).rejects.toThrow("replication 777 exploded");
  });

  it("stops on abort", async () => {
    const controller = new AbortController();
    const running = mc.runMonteCarlo({
      scenario: syntheticScenario(20_000),
      workers: 2,
      batchSize: 200,
      modelModule: SYNTHETIC_MODEL,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 1_000) controller.abort(new Error("stop"));
      },
    });
    await expect(running).rejects.toThrow("stop");
  });
});
