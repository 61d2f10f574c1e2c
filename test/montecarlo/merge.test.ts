// drsim merge: streams shards of one run into the unsharded run's files, in bounded memory, and
// refuses shards that are not one complete run (missing, overlapping, foreign, truncated, edited).
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CSV, mc, merge, mergeInto, outputs, readDir, SYNTHETIC_MODEL, syntheticScenario, tempDir } from "./helpers.js";

const RUNS = 900;

async function writeShard(index: number, count: number, seed = 42, formats?: typeof CSV): Promise<string> {
  const scenario = syntheticScenario(RUNS, seed);
  const run = await mc.runMonteCarlo({ scenario, range: mc.shardRange(RUNS, index, count), workers: 1, modelModule: SYNTHETIC_MODEL });
  const dir = tempDir(`merge${index}of${count}`);
  await outputs.writeShardOutputs(dir, run, { index, count }, formats);
  return dir;
}

let thirds: string[] = [];
let whole: Map<string, Buffer>;
beforeAll(async () => {
  thirds = [await writeShard(1, 3), await writeShard(2, 3), await writeShard(3, 3)];
  const dir = tempDir("whole");
  await outputs.writeRunOutputs(dir, await mc.runMonteCarlo({ scenario: syntheticScenario(RUNS), workers: 1, modelModule: SYNTHETIC_MODEL }));
  whole = readDir(dir);
});

function expectWhole(dir: string, names: readonly string[]): void {
  expect([...readDir(dir).keys()]).toEqual([...names].sort());
  for (const name of names) expect(readFileSync(join(dir, name)).equals(whole.get(name)!), name).toBe(true);
}

describe("merge", () => {
  it("streams complete shards into the whole run's files", async () => {
    const out = tempDir("merged");
    await mergeInto(out, thirds);
    expectWhole(out, [...whole.keys()]);
  });

  it("keeps quantiles exact when they take several passes over the shards (bounded memory)", async () => {
    const out = tempDir("merged-passes");
    await mergeInto(out, thirds, { collectLimit: 2 });
    expectWhole(out, [...whole.keys()]);
  });

  it("--summary-only writes the summary and scenario, no CSV", async () => {
    const out = tempDir("summary-only");
    const { summary } = await mergeInto(out, thirds, { data: false });
    expectWhole(out, ["scenario.json", "summary.json", "summary.md"]);
    expect(summary.runs).toBe(RUNS);
  });

  it("refuses a missing shard", () => {
    expect(() => merge.openShardSet([thirds[0]!, thirds[2]!])).toThrow(/replications \[300, 600\) are missing/);
  });

  it("refuses overlapping shards", async () => {
    const half = await writeShard(1, 2);
    expect(() => merge.openShardSet([half, thirds[1]!, thirds[2]!])).toThrow(/overlaps/);
  });

  it("refuses a shard given twice", () => {
    expect(() => merge.openShardSet([...thirds, thirds[1]!])).toThrow(/overlaps/);
  });

  it("refuses shards of a different run", async () => {
    const other = await writeShard(2, 3, 7);
    expect(() => merge.openShardSet([thirds[0]!, other, thirds[2]!])).toThrow(/not a shard of the same run.*seed/);
  });

  it("refuses a truncated Parquet file, leaving no output file behind", async () => {
    const cut = tempDir("cut-parquet");
    cpSync(thirds[1]!, cut, { recursive: true });
    const file = join(cut, "incidents.parquet");
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    const out = join(tempDir("cut-out"), "merged");
    await expect(mergeInto(out, [thirds[0]!, cut, thirds[2]!])).rejects.toThrow(/incidents\.parquet: not a Parquet file/);
    expect(existsSync(out) ? readDir(out).size : 0).toBe(0);
  });

  it("merges a CSV shard with Parquet ones, and refuses a truncated or corrupted CSV, leaving no output file behind", async () => {
    const cut = await writeShard(2, 3, 42, CSV);
    const ok = tempDir("mixed");
    await mergeInto(ok, [thirds[0]!, cut, thirds[2]!]);
    expectWhole(ok, [...whole.keys()]);
    const file = join(cut, "replications.csv");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.slice(0, text.lastIndexOf("\n", text.length - 2) + 1));
    const out = join(tempDir("cut-out"), "merged");
    await expect(mergeInto(out, [thirds[0]!, cut, thirds[2]!])).rejects.toThrow(/rows, expected/);
    expect(existsSync(out) ? readDir(out).size : 0).toBe(0);

    writeFileSync(file, text.replace(/\n(\d+),([a-z-]+),/, "\n$1,$2,x"));
    await expect(mergeInto(out, [thirds[0]!, cut, thirds[2]!])).rejects.toThrow(/replications\.csv:2: not a number: "x/);
    writeFileSync(file, text.replace(/\n(\d+),/, "\n7,"));
    await expect(mergeInto(out, [thirds[0]!, cut, thirds[2]!])).rejects.toThrow(/replications\.csv:2: expected replication 300/);
  });

  it("refuses an edited scenario", () => {
    const edited = tempDir("edited");
    cpSync(thirds[1]!, edited, { recursive: true });
    writeFileSync(join(edited, "scenario.json"), readFileSync(join(edited, "scenario.json"), "utf8").replace('"synthetic"', '"other"'));
    expect(() => merge.openShardSet([thirds[0]!, edited, thirds[2]!])).toThrow(/does not match its shard.json/);
  });

  it("refuses a directory that is not a shard", () => {
    const dir = tempDir("notashard");
    expect(() => merge.openShardSet([dir])).toThrow(/not a shard directory/);
    rmSync(dir, { recursive: true });
  });
});
