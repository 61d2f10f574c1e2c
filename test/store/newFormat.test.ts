// "A new format is one more sink": a JSON-lines format defined in the tests (jsonlFormat.ts) is
// registered, written beside CSV, read back exactly, and merged from — shards kept in JSON lines
// merge into the very CSV bytes of the unsharded run, and CSV shards merge into JSON lines.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeMergedOutputs, writeRunOutputs, writeShardOutputs } from "../../src/app/runOutputs.js";
import { INCIDENT_FIELDS } from "../../src/montecarlo/types.js";
import type { RunResult } from "../../src/montecarlo/types.js";
import { REPLICATION_METRICS } from "../../src/outcomes/metrics.js";
import { csvFormat } from "../../src/store/csvFormat.js";
import { registerFormat } from "../../src/store/formats.js";
import { openShardSet, ShardMerge } from "../../src/store/merge.js";
import type { RowBatch } from "../../src/store/rows.js";
import { runDirFiles } from "../../src/store/runDir.js";
import { jsonlFormat } from "./jsonlFormat.js";
import { readDir, synthetic, tempDir } from "./helpers.js";

const RUNS = 500;
let run: RunResult;
let whole: string;

beforeAll(async () => {
  registerFormat(jsonlFormat);
  run = await synthetic(RUNS);
  whole = tempDir("whole");
  await writeRunOutputs(whole, run, undefined, [csvFormat]);
});

/** Every column of `batches` equals the run's, bit for bit (NaN = NaN, −0 ≠ 0). */
function expectSameColumns(batches: readonly RowBatch[]): void {
  expect(batches.map((b) => b.range.end - b.range.start).reduce((a, b) => a + b, 0)).toBe(RUNS);
  run.strategies.forEach((own, s) => {
    for (const m of REPLICATION_METRICS) {
      const read = batches.flatMap((b) => [...b.strategies[s]!.metrics[m]]);
      expect(read.every((x, i) => Object.is(x, own.metrics[m][i])), m).toBe(true);
    }
    const incidents = batches.map((b) => b.strategies[s]!.incidents);
    expect(incidents.reduce((n, c) => n + c.count, 0)).toBe(own.incidents.count);
    const column = (pick: (c: RowBatch["strategies"][number]["incidents"]) => ArrayLike<number>): number[] => incidents.flatMap((c) => [...Array.from(pick(c))]);
    for (const [name, values] of [
      ["replication", column((c) => c.replication)], ["rto", column((c) => c.rto)], ["rpo", column((c) => c.rpo)], ["cause", column((c) => c.cause)],
      ["attempts", column((c) => c.attempts)], ["failedOver", column((c) => c.failedOver)], ["promote", column((c) => c.steps.promote)],
    ] as const) {
      const expected = name === "promote" ? own.incidents.steps.promote : own.incidents[name];
      expect(values.every((x, i) => Object.is(x, expected[i])), name).toBe(true);
    }
    const regions = incidents.flatMap((c) => Array.from(c.region, (r) => c.regionNames[r]));
    expect(regions).toEqual(Array.from(own.incidents.region, (r) => own.incidents.regionNames[r]));
  });
}

async function readAll(dir: string, format = jsonlFormat): Promise<RowBatch[]> {
  const ids = run.scenario.strategies.map((s) => s.id);
  const out: RowBatch[] = [];
  for await (const batch of format.source(dir, { strategies: ids, range: run.range }).read({ metrics: REPLICATION_METRICS, incidents: INCIDENT_FIELDS })) out.push(batch);
  return out;
}

describe("a format defined in the tests (JSON lines)", () => {
  it("is written beside CSV, as one more sink, and read back exactly", async () => {
    const dir = tempDir("both");
    await writeRunOutputs(dir, run, undefined, [csvFormat, jsonlFormat]);
    expect(readdirSync(dir).sort()).toEqual(runDirFiles("run", [csvFormat, jsonlFormat]).sort());
    // The CSV files are the ones a CSV-only run writes.
    for (const name of csvFormat.files) expect(readDir(dir).get(name)!.equals(readDir(whole).get(name)!), name).toBe(true);
    expectSameColumns(await readAll(dir));
  });

  it("shards kept in JSON lines merge into the unsharded run's CSV bytes", async () => {
    const shards = [tempDir("j1"), tempDir("j2"), tempDir("j3")];
    for (const [k, dir] of shards.entries()) await writeShardOutputs(dir, await synthetic(RUNS, k + 1, 3), { index: k + 1, count: 3 }, [jsonlFormat]);
    expect(readdirSync(shards[0]!).sort()).toEqual(runDirFiles("shard", [jsonlFormat]).sort());
    const out = join(tempDir("merged"), "run");
    await writeMergedOutputs(out, new ShardMerge(openShardSet(shards), out), { data: true, formats: [csvFormat] });
    const expected = readDir(whole);
    const actual = readDir(out);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [name, bytes] of expected) expect(actual.get(name)!.equals(bytes), name).toBe(true);
  });

  it("shards kept in JSON lines merge into JSON lines: every number is read, none copied as text", async () => {
    const shards = [tempDir("jj1"), tempDir("jj2")];
    for (const [k, dir] of shards.entries()) await writeShardOutputs(dir, await synthetic(RUNS, k + 1, 2), { index: k + 1, count: 2 }, [jsonlFormat]);
    const out = join(tempDir("merged-jj"), "run");
    await writeMergedOutputs(out, new ShardMerge(openShardSet(shards), out), { data: true, formats: [jsonlFormat] });
    expectSameColumns(await readAll(out));
  });

  it("CSV shards merge into JSON lines: every number reaches the new sink", async () => {
    const shards = [tempDir("c1"), tempDir("c2")];
    for (const [k, dir] of shards.entries()) await writeShardOutputs(dir, await synthetic(RUNS, k + 1, 2), { index: k + 1, count: 2 }, [csvFormat]);
    const out = join(tempDir("merged-jsonl"), "run");
    await writeMergedOutputs(out, new ShardMerge(openShardSet(shards), out), { data: true, formats: [jsonlFormat] });
    expect(readdirSync(out).sort()).toEqual(runDirFiles("run", [jsonlFormat]).sort());
    expectSameColumns(await readAll(out));
    expect(readDir(out).get("summary.json")!.equals(readDir(whole).get("summary.json")!)).toBe(true);
  });
});
