// drsim merge's checks: shards of one run, complete, non-overlapping, untruncated.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mc, outputs, SYNTHETIC_MODEL, syntheticScenario, tempDir } from "./helpers.js";

const RUNS = 900;

async function writeShard(index: number, count: number, seed = 42): Promise<string> {
  const scenario = syntheticScenario(RUNS, seed);
  const run = await mc.runMonteCarlo({ scenario, range: mc.shardRange(RUNS, index, count), workers: 1, modelModule: SYNTHETIC_MODEL });
  const dir = tempDir(`merge${index}of${count}`);
  await outputs.writeShardOutputs(dir, run, { index, count });
  return dir;
}

let thirds: string[] = [];
beforeAll(async () => {
  thirds = [await writeShard(1, 3), await writeShard(2, 3), await writeShard(3, 3)];
});

describe("mergeShards", () => {
  it("joins complete shards into the whole run", async () => {
    const merged = mc.mergeShards(thirds);
    const whole = await mc.runMonteCarlo({ scenario: syntheticScenario(RUNS), workers: 1, modelModule: SYNTHETIC_MODEL });
    expect(merged.range).toEqual({ start: 0, end: RUNS });
    expect(merged.scenarioHash).toBe(whole.scenarioHash);
    // Lossless: every double (and every NaN step) survives the CSV round trip.
    for (let s = 0; s < whole.strategies.length; s++) {
      expect(merged.strategies[s]!.metrics).toEqual(whole.strategies[s]!.metrics);
      expect(merged.strategies[s]!.incidents.steps).toEqual(whole.strategies[s]!.incidents.steps);
      expect(merged.strategies[s]!.incidents.rto).toEqual(whole.strategies[s]!.incidents.rto);
    }
    // The revived scenario keeps non-finite numbers (JSON has none).
    expect((merged.scenario as unknown as { controlPlaneSlowdown: number }).controlPlaneSlowdown).toBe(Infinity);
  });

  it("refuses a missing shard", () => {
    expect(() => mc.mergeShards([thirds[0]!, thirds[2]!])).toThrow(/replications \[300, 600\) are missing/);
  });

  it("refuses overlapping shards", async () => {
    const half = await writeShard(1, 2);
    expect(() => mc.mergeShards([half, thirds[1]!, thirds[2]!])).toThrow(/overlaps/);
  });

  it("refuses a shard given twice", () => {
    expect(() => mc.mergeShards([...thirds, thirds[1]!])).toThrow(/overlaps/);
  });

  it("refuses shards of a different run", async () => {
    const other = await writeShard(2, 3, 7);
    expect(() => mc.mergeShards([thirds[0]!, other, thirds[2]!])).toThrow(/not a shard of the same run.*seed/);
  });

  it("refuses a truncated CSV and an edited scenario", () => {
    const cut = tempDir("cut");
    cpSync(thirds[1]!, cut, { recursive: true });
    const file = join(cut, "replications.csv");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.slice(0, text.lastIndexOf("\n", text.length - 2) + 1));
    expect(() => mc.mergeShards([thirds[0]!, cut, thirds[2]!])).toThrow(/rows, expected/);

    const edited = tempDir("edited");
    cpSync(thirds[1]!, edited, { recursive: true });
    writeFileSync(join(edited, "scenario.json"), readFileSync(join(edited, "scenario.json"), "utf8").replace('"synthetic"', '"other"'));
    expect(() => mc.mergeShards([thirds[0]!, edited, thirds[2]!])).toThrow(/does not match its shard.json/);
  });

  it("refuses a directory that is not a shard", () => {
    const dir = tempDir("notashard");
    expect(() => mc.mergeShards([dir])).toThrow(/not a shard directory/);
    rmSync(dir, { recursive: true });
  });
});
