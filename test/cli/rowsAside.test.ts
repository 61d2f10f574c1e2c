// Row sets read on a thread of their own (threads.ts startStream, store/rowsAside.ts), as a merge reads
// its shards: the built modules, since only they have a worker entry to start. The thread must hand
// over exactly the batches this thread reads, in order, each set followed by its end; a bad file must
// fail there as it fails here (the same message, still a UserError); a consumer that stops early
// must not be left waiting on the thread.
import { mkdtempSync, readFileSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, drsim, ROOT } from "./helpers.js";

type RowsAside = typeof import("../../src/store/rowsAside.js");
type Errors = typeof import("../../src/errors.js");
type Metrics = typeof import("../../src/outcomes/metrics.js");
type Rows = typeof import("../../src/store/rows.js");

const root = mkdtempSync(join(tmpdir(), "drsim-rows-aside-"));
let built: RowsAside;
let errors: Errors;
let metrics: Metrics;
let rows: Rows;

/** Shard i of 2 of a run (3,000 replications unless told), as Parquet or CSV, in its own directory (`name`). */
function shard(i: number, csv: boolean, name = `${csv ? "csv" : "parquet"}-${i}`, runs = 3000): string {
  const out = join(root, name);
  const r = drsim(["run", DEFAULT_SCENARIO, "-n", String(runs), "--shard", `${i}/2`, "--no-charts", "--quiet", "--workers", "1", "--out", out, ...(csv ? ["--csv"] : [])]);
  expect(r.status, r.stderr).toBe(0);
  return out;
}

/** A job reading every column of a shard (and its text, for CSV). */
function job(dir: string, keepText = false): Parameters<RowsAside["readRowsAside"]>[0][number] {
  const manifest = JSON.parse(readFileSync(join(dir, "shard.json"), "utf8")) as { strategies: string[]; range: { start: number; end: number } };
  return {
    dir,
    layout: { strategies: manifest.strategies, range: manifest.range },
    what: "a complete shard directory",
    options: { metrics: metrics.REPLICATION_METRICS, incidents: rows.INCIDENT_FIELDS, keepText },
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

let jobs: ReturnType<typeof job>[];

beforeAll(async () => {
  built = (await import(join(ROOT, "dist/store/rowsAside.js"))) as RowsAside;
  errors = (await import(join(ROOT, "dist/errors.js"))) as Errors;
  metrics = (await import(join(ROOT, "dist/outcomes/metrics.js"))) as Metrics;
  rows = (await import(join(ROOT, "dist/store/rows.js"))) as Rows;
  // The last set is 20,000 replications: more than one batch (2¹⁴ replications each), so a thread
  // that moved a buffer it still used would be caught by the next batch.
  jobs = [job(shard(1, false)), job(shard(2, false)), job(shard(1, true), true), job(shard(1, false, "large", 40_000))];
});

describe("row sets read on a thread of their own", () => {
  it("hand over exactly this thread's batches, in order, each set followed by its end", async () => {
    const stream = built.readRowsAside(jobs);
    expect(stream.aside).toBe(true);
    const there = await collect(stream);
    const here = await collect(built.readRowsAside(jobs, false));
    expect(there.length).toBeGreaterThan(jobs.length);
    expect(there.filter((item) => item.batch === undefined).map((item) => item.job)).toEqual([0, 1, 2, 3]);
    expect(there.filter((item) => item.job === 3 && item.batch !== undefined).length).toBeGreaterThan(1);
    // Every column bit for bit (NaN steps included), and the CSV set's text verbatim.
    expect(there).toStrictEqual(here);
    expect(there.some((item) => item.batch?.text !== undefined)).toBe(true);
  });

  it("fail on a bad file as this thread fails: the same message, still a UserError", async () => {
    const bad = shard(2, false, "damaged");
    const file = join(bad, "incidents.parquet");
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const badJobs = [jobs[0]!, job(bad)];
    const there = await collect(built.readRowsAside(badJobs)).then(() => undefined, (e: unknown) => e);
    const here = await collect(built.readRowsAside(badJobs, false)).then(() => undefined, (e: unknown) => e);
    expect(here).toBeInstanceOf(errors.UserError);
    expect(there).toBeInstanceOf(errors.UserError);
    expect((there as Error).message).toBe((here as Error).message);
  });

  it("let a consumer stop early: leaving the loop ends the thread, and nothing waits on it", async () => {
    const stream = built.readRowsAside(jobs);
    let taken = 0;
    for await (const item of stream) {
      expect(item.job).toBe(0);
      if (++taken === 1) break;
    }
    expect(taken).toBe(1);
    // A second pass over the same jobs still reads every set (the first thread's end left no state behind).
    const again = await collect(built.readRowsAside(jobs));
    expect(again.filter((item) => item.batch === undefined)).toHaveLength(jobs.length);
  });
});
