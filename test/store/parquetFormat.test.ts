// The Parquet format of the run store: a run's replications.parquet and incidents.parquet hold every
// value of its in-memory columns exactly — read by an independent reader (DuckDB) and by drsim's
// own source — in the tables' column order and types; the same rows make the same bytes whatever
// the batches; and a row out of place is an error naming the file and row.
import { DuckDBInstance } from "@duckdb/node-api";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeRunOutputs, writeShardOutputs, writeMergedOutputs } from "../../src/app/runOutputs.js";
import { concatResults } from "../../src/montecarlo/columns.js";
import { INCIDENT_FIELDS, type RunResult } from "../../src/montecarlo/types.js";
import { INCIDENT_CAUSES, PIPELINE_STEPS, REPLICATION_METRICS } from "../../src/outcomes/results.js";
import { openShardSet, ShardMerge } from "../../src/store/merge.js";
import { parquetFormat, parquetFormatWith } from "../../src/store/parquetFormat.js";
import { ParquetSource } from "../../src/store/parquetSource.js";
import type { RowBatch } from "../../src/store/rows.js";
import { INCIDENT_TABLE, REPLICATION_TABLE } from "../../src/store/tables.js";
import { readDir, synthetic, tempDir } from "./helpers.js";

const RUNS = 900;
/** Row groups far smaller than a run's, so rows, replications and incidents straddle them. */
const SMALL = parquetFormatWith(333);
let run: RunResult;
let dir = "";
let ids: string[] = [];

beforeAll(async () => {
  run = await synthetic(RUNS);
  ids = run.scenario.strategies.map((s) => s.id);
  dir = tempDir("pq");
  await writeRunOutputs(dir, run, undefined, [SMALL]);
});

async function query(sql: string): Promise<{ names: string[]; columns: unknown[][] }> {
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  const result = await conn.runAndReadAll(sql);
  return { names: result.columnNames(), columns: result.getColumnsJS() };
}

/** A double as DuckDB gives it: null for NaN (no value), the number otherwise. */
const asRead = (x: number): number | null => (Number.isNaN(x) ? null : x);

function expectExact(got: readonly unknown[], want: readonly unknown[], what: string): void {
  expect(got.length, what).toBe(want.length);
  const bad = got.findIndex((x, i) => !(Object.is(x, want[i]) || (typeof x === "bigint" && x === want[i])));
  expect(bad, `${what}: first difference at row ${bad}: ${String(got[bad])} vs ${String(want[bad])}`).toBe(-1);
}

describe("Parquet run files", () => {
  it("DuckDB reads every value of replications.parquet exactly as the run's columns hold it", async () => {
    const { names, columns } = await query(`SELECT * FROM '${join(dir, "replications.parquet")}'`);
    expect(names).toEqual(REPLICATION_TABLE.map((c) => c.name));
    const rows = RUNS * ids.length;
    const replication: bigint[] = [];
    const strategy: string[] = [];
    for (let r = 0; r < RUNS; r++) {
      for (const id of ids) {
        replication.push(BigInt(r));
        strategy.push(id);
      }
    }
    expectExact(columns[0]!, replication, "replication");
    expectExact(columns[1]!, strategy, "strategy");
    REPLICATION_METRICS.forEach((m, c) => {
      const want: (number | null)[] = [];
      for (let r = 0; r < RUNS; r++) for (let s = 0; s < ids.length; s++) want.push(asRead(run.strategies[s]!.metrics[m][r]!));
      expectExact(columns[2 + c]!, want, m);
    });
    expect(columns[0]!.length).toBe(rows);
  });

  it("DuckDB reads every value of incidents.parquet exactly, rows by replication, then strategy, then occurrence", async () => {
    const { names, columns } = await query(`SELECT * FROM '${join(dir, "incidents.parquet")}'`);
    expect(names).toEqual(INCIDENT_TABLE.map((c) => c.name));
    const want: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, []]));
    const cursor = ids.map(() => 0);
    for (let r = 0; r < RUNS; r++) {
      run.strategies.forEach(({ incidents: inc }, s) => {
        for (let index = 0; cursor[s]! < inc.count && inc.replication[cursor[s]!] === r; cursor[s]!++, index++) {
          const k = cursor[s]!;
          const row: Record<string, unknown> = {
            replication: BigInt(r), strategy: ids[s], incident: index, start: asRead(inc.start[k]!), cause: INCIDENT_CAUSES[inc.cause[k]!],
            regions: inc.regionNames[inc.region[k]!], eventDuration: asRead(inc.eventDuration[k]!),
            ...Object.fromEntries(PIPELINE_STEPS.map((step) => [step, asRead(inc.steps[step][k]!)])),
            rto: asRead(inc.rto[k]!), rpo: asRead(inc.rpo[k]!), downtimeSeconds: asRead(inc.downtimeSeconds[k]!), failedRequests: asRead(inc.failedRequests[k]!),
            lostWrites: asRead(inc.lostWrites[k]!), failedOver: inc.failedOver[k] === 1, aborted: inc.aborted[k] === 1, attempts: asRead(inc.attempts[k]!),
          };
          for (const n of names) want[n]!.push(row[n]);
        }
      });
    }
    expect(want.replication!.length).toBe(run.strategies.reduce((n, s) => n + s.incidents.count, 0));
    // The steps that did not run are nulls, and there are some (the comparison can fail).
    expect(want.provision!.filter((x) => x === null).length).toBeGreaterThan(0);
    names.forEach((n, c) => expectExact(columns[c]!, want[n]!, n));
  });

  // 77 replications per batch at most, and also at most 40 incident rows (a replication has up to ~12).
  it.each([
    ["replications", undefined],
    ["incidents", 40],
  ])("drsim's source reads every column back bit for bit, in batches bounded by %s that do not divide the row groups", async (_, incidentRows) => {
    const batches: RowBatch[] = [];
    for await (const b of new ParquetSource(dir, { strategies: ids, range: run.range }, 77, incidentRows).read({ metrics: REPLICATION_METRICS, incidents: INCIDENT_FIELDS })) batches.push(b);
    expect(batches.map((b) => b.range.end - b.range.start).reduce((a, b) => a + b)).toBe(RUNS);
    const incidents = batches.map((b) => b.strategies.reduce((n, s) => n + s.incidents.count, 0));
    if (incidentRows === undefined) expect(batches.length).toBe(Math.ceil(RUNS / 77));
    else {
      // Every batch within the bound (or a single replication), and the bound cut batches short.
      batches.forEach((b, k) => expect(incidents[k]! <= incidentRows || b.range.end - b.range.start === 1).toBe(true));
      expect(batches.length).toBeGreaterThan(RUNS / 40);
      // Batches end as late as the bound allows: adding the next replication would break it.
      for (let k = 0; k + 1 < batches.length; k++) {
        const next = batches[k + 1]!.strategies.reduce((n, s) => n + Array.from(s.incidents.replication).filter((r) => r === batches[k + 1]!.range.start).length, 0);
        expect(incidents[k]! + next > incidentRows || batches[k]!.range.end - batches[k]!.range.start === 77).toBe(true);
      }
    }
    const back = concatResults(batches.map((b) => ({ range: b.range, strategies: b.strategies })), ids.length);
    run.strategies.forEach((own, s) => {
      const got = back.strategies[s]!;
      for (const m of REPLICATION_METRICS) expectExact(Array.from(got.metrics[m]), Array.from(own.metrics[m]), m);
      for (const f of ["replication", "start", "cause", "eventDuration", "rto", "rpo", "downtimeSeconds", "failedRequests", "lostWrites", "failedOver", "aborted", "attempts"] as const) {
        expectExact(Array.from(got.incidents[f]), Array.from(own.incidents[f]), f);
      }
      for (const step of PIPELINE_STEPS) expectExact(Array.from(got.incidents.steps[step]), Array.from(own.incidents.steps[step]), step);
      expect(Array.from(got.incidents.region, (r) => got.incidents.regionNames[r])).toEqual(Array.from(own.incidents.region, (r) => own.incidents.regionNames[r]));
    });
  });

  it("reads only the columns chosen", async () => {
    for await (const b of new ParquetSource(dir, { strategies: ids, range: run.range }).read({ metrics: ["costUSD"], incidents: ["rto"] })) {
      expect(Object.keys(b.strategies[0]!.metrics)).toEqual(["costUSD"]);
      expect(b.strategies[0]!.incidents.rto.length).toBe(b.strategies[0]!.incidents.count);
      expect((b.strategies[0]!.incidents as unknown as { start: Float64Array }).start.length).toBe(0);
    }
  });

  it("a file that does not match the run, or a row out of place, is an error naming the file and row", async () => {
    const read = async (at: string, layout: { strategies: string[]; range: { start: number; end: number } }, metrics: readonly ("costUSD")[], incidents: readonly ("rto")[]): Promise<void> => {
      for await (const _ of new ParquetSource(at, layout).read({ metrics, incidents }));
    };
    await expect(read(dir, { strategies: ids, range: { start: 0, end: RUNS - 1 } }, ["costUSD"], [])).rejects.toThrow(/replications\.parquet: \d+ rows, expected \d+/);
    await expect(read(dir, { strategies: [...ids.slice(1), ids[0]!], range: run.range }, ["costUSD"], [])).rejects.toThrow(/replications\.parquet: row 1: expected replication 0, strategy/);
    await expect(read(dir, { strategies: ids, range: { start: 0, end: RUNS - 1 } }, [], ["rto"])).rejects.toThrow(/incidents\.parquet: row \d+: incident of replication 899 outside the range/);
    // Another writer's file (DuckDB's, uncompressed) with two incidents swapped: read, and refused where the order breaks.
    const bad = tempDir("bad");
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    await conn.run(`COPY (SELECT * FROM '${join(dir, "incidents.parquet")}' ORDER BY replication, strategy = '${ids[0]}' DESC, strategy = '${ids[1]}' DESC, strategy = '${ids[2]}' DESC, incident DESC) TO '${join(bad, "incidents.parquet")}' (FORMAT parquet, COMPRESSION uncompressed)`);
    await expect(read(bad, { strategies: ids, range: run.range }, [], ["rto"])).rejects.toThrow(/incidents\.parquet: row \d+: incident out of place/);
  });

  it("shards merge into the unsharded run's very bytes (row groups are cut by row count, not by batch)", async () => {
    const whole = tempDir("whole");
    await writeRunOutputs(whole, run, undefined, [parquetFormat]);
    const shards = [tempDir("p1"), tempDir("p2"), tempDir("p3")];
    for (const [k, shard] of shards.entries()) await writeShardOutputs(shard, await synthetic(RUNS, k + 1, 3), { index: k + 1, count: 3 }, [SMALL]);
    const out = join(tempDir("merged"), "run");
    await writeMergedOutputs(out, new ShardMerge(openShardSet(shards), out), { data: true, formats: [parquetFormat] });
    const expected = readDir(whole);
    const actual = readDir(out);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [name, bytes] of expected) expect(actual.get(name)!.equals(bytes), name).toBe(true);
  });
});
