// A merge's batches heard besides the summary and the writer (ShardMerge's `observe`: the incident
// charts' first pass, as a run's simulation feeds it). The observer hears every batch, in order, with
// the incident fields it asked for read even where the sinks need fewer (CSV shards merged into CSV
// copy their text, so only the summary's columns are parsed otherwise), and the merged files do not
// change.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeMergedOutputs, writeRunOutputs, writeShardOutputs } from "../../src/app/runOutputs.js";
import type { RunResult } from "../../src/montecarlo/types.js";
import { csvFormat } from "../../src/store/csvFormat.js";
import { openShardSet, ShardMerge, type BatchObserver } from "../../src/store/merge.js";
import type { IncidentField, RowBatch } from "../../src/store/rows.js";
import { readDir, synthetic, tempDir } from "./helpers.js";

const RUNS = 400;
let run: RunResult;
let whole: string;
let shards: string[];

beforeAll(async () => {
  run = await synthetic(RUNS);
  whole = tempDir("observed-whole");
  await writeRunOutputs(whole, run, undefined, [csvFormat]);
  shards = [tempDir("observed-1"), tempDir("observed-2")];
  for (const [k, dir] of shards.entries()) await writeShardOutputs(dir, await synthetic(RUNS, k + 1, 2), { index: k + 1, count: 2 }, [csvFormat]);
});

/** Merges the CSV shards into CSV with an observer of `fields`; returns the batches it heard. */
async function mergeObserved(fields: readonly IncidentField[]): Promise<{ heard: RowBatch[]; out: string }> {
  const heard: RowBatch[] = [];
  const observe: BatchObserver = { fields, add: (batch) => heard.push(batch) };
  const out = join(tempDir("observed-merged"), "run");
  await writeMergedOutputs(out, new ShardMerge(openShardSet(shards), out, { observe }), { data: true, formats: [csvFormat] });
  return { heard, out };
}

describe("a merge's observer", () => {
  it("hears every batch in order, with its fields read though the sinks copy text, and changes no merged byte", async () => {
    const { heard, out } = await mergeObserved(["steps"]);
    expect(heard.map((b) => b.range.start)).toEqual([...heard.map((b) => b.range.start)].sort((a, b) => a - b));
    expect(heard.reduce((n, b) => n + b.range.end - b.range.start, 0)).toBe(RUNS);
    run.strategies.forEach((own, s) => {
      const promote = heard.flatMap((b) => Array.from(b.strategies[s]!.incidents.steps.promote));
      expect(promote).toHaveLength(own.incidents.count);
      expect(promote.every((x, i) => Object.is(x, own.incidents.steps.promote[i]))).toBe(true);
    });
    expect(run.strategies.some((own) => own.incidents.steps.promote.some((x) => x > 0))).toBe(true);
    const expected = readDir(whole);
    const actual = readDir(out);
    for (const [name, bytes] of expected) expect(actual.get(name)?.equals(bytes), name).toBe(true);
  });

  it("gets only the summary's fields when it asks for none (so the fields it asks for are what adds steps)", async () => {
    const { heard } = await mergeObserved([]);
    const promote = heard.flatMap((b) => b.strategies.flatMap((st) => Array.from(st.incidents.steps.promote)));
    expect(promote.some((x) => x > 0)).toBe(false);
  });
});
