// Outputs are byte-identical for any worker count, batch size and shard split (synthetic model;
// test/cli/determinism.test.ts does the same end to end with the real model).
import { describe, expect, it } from "vitest";
import { mc, mergeInto, outputs, readDir, SYNTHETIC_MODEL, syntheticScenario, tempDir } from "./helpers.js";

const RUNS = 3_000;
const scenario = syntheticScenario(RUNS);

async function runInto(dir: string, options: { workers: number; batchSize?: number }): Promise<void> {
  const run = await mc.runMonteCarlo({ scenario, modelModule: SYNTHETIC_MODEL, ...options });
  await outputs.writeRunOutputs(dir, run);
}

async function shardedInto(dir: string, count: number): Promise<void> {
  const shardDirs: string[] = [];
  for (let index = count; index >= 1; index--) {
    // Written in reverse to check merge orders shards itself.
    const range = mc.shardRange(RUNS, index, count);
    const run = await mc.runMonteCarlo({ scenario, range, workers: 2, modelModule: SYNTHETIC_MODEL });
    const shardDir = tempDir(`shard${index}`);
    await outputs.writeShardOutputs(shardDir, run, { index, count });
    shardDirs.push(shardDir);
  }
  await mergeInto(dir, shardDirs);
}

describe("determinism", () => {
  it("writes the same bytes for 1, 2 and 4 workers, any batch size, and shard splits 1, 3 and 7", async () => {
    const reference = tempDir("w1");
    await runInto(reference, { workers: 1 });
    const expected = readDir(reference);
    expect([...expected.keys()]).toEqual(["incidents.parquet", "replications.parquet", "scenario.json", "summary.json", "summary.md"]);
    expect(expected.get("incidents.parquet")!.length).toBeGreaterThan(1000);

    const variants: [string, () => Promise<void>, string][] = [];
    for (const [label, options] of [
      ["2 workers", { workers: 2 }],
      ["4 workers", { workers: 4 }],
      ["4 workers, batches of 37", { workers: 4, batchSize: 37 }],
    ] as const) {
      const dir = tempDir("w");
      variants.push([label, () => runInto(dir, options), dir]);
    }
    for (const count of [1, 3, 7]) {
      const dir = tempDir(`s${count}`);
      variants.push([`${count} shards merged`, () => shardedInto(dir, count), dir]);
    }
    for (const [label, produce, dir] of variants) {
      await produce();
      const actual = readDir(dir);
      expect([...actual.keys()], label).toEqual([...expected.keys()]);
      for (const [name, bytes] of expected) expect(actual.get(name)!.equals(bytes), `${label}: ${name}`).toBe(true);
    }
  });

  it("a different seed changes the results (the comparison can fail)", async () => {
    const a = await mc.runMonteCarlo({ scenario, workers: 1, modelModule: SYNTHETIC_MODEL });
    const b = await mc.runMonteCarlo({ scenario: { ...scenario, run: { ...scenario.run, seed: 43 } }, workers: 1, modelModule: SYNTHETIC_MODEL });
    expect(Array.from(a.strategies[0]!.metrics.costUSD)).not.toEqual(Array.from(b.strategies[0]!.metrics.costUSD));
  });
});
