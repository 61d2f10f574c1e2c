// Which Parquet writer: the candidates the issue named and drsim's own, each writing the same real
// table — replications.parquet of the default scenario (replication int64, strategy string, the
// catalogue's 14 metrics as doubles), 10⁶ rows by default — in a child process of its own, timed
// in CPU seconds (all threads: DuckDB's included) and wall clock, with the file's size and the
// memory the writer added.
//
//   npm install --no-save hyparquet-writer parquet-wasm apache-arrow   # the candidates (not dependencies)
//   npm run bench -- parquet-writers [--rows=1000000]
//
// A candidate that is not installed is skipped with a note. @duckdb/node-api is a devDependency
// (the tests' independent reader). bench/README.md has the figures and the decision.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadScenario } from "../src/replication/scenario.js";
import { defaultScenarioPath } from "../src/scenario/load.js";
import { runMonteCarlo } from "../src/montecarlo/runner.js";
import { REPLICATION_METRICS } from "../src/outcomes/metrics.js";
import { REPLICATION_TABLE } from "../src/store/tables.js";
import { ParquetWriter } from "../src/store/parquet/writer.js";
import type { BenchContext } from "./index.js";
import { median, report } from "./report.js";

const REPEATS = 3;
const CANDIDATES = ["drsim", "drsim-in-groups", "hyparquet-plain", "hyparquet-snappy", "parquet-wasm-plain", "parquet-wasm-snappy", "duckdb"] as const;
type Candidate = (typeof CANDIDATES)[number];

/** The table: replication, strategy index and one Float64Array per metric, rows replication-major. */
interface Table {
  readonly rows: number;
  readonly strategies: readonly string[];
  readonly replication: Float64Array;
  readonly strategy: Uint32Array;
  readonly metrics: readonly Float64Array[];
}

function rowsFromArgv(): number {
  const arg = process.argv.find((a) => a.startsWith("--rows="));
  return arg === undefined ? 1_000_000 : Number(arg.slice("--rows=".length));
}

/** Simulates enough replications for `rows` rows and saves the table as raw doubles. */
async function makeTable(file: string, rows: number): Promise<void> {
  const loaded = await loadScenario(defaultScenarioPath());
  const s = loaded.strategies.length;
  const runs = Math.ceil(rows / s);
  const run = await runMonteCarlo({ scenario: { ...loaded, run: { ...loaded.run, runs } }, workers: 2 });
  const n = runs * s;
  const columns = [new Float64Array(n), new Float64Array(n), ...REPLICATION_METRICS.map(() => new Float64Array(n))];
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < s; k++) {
      const row = r * s + k;
      columns[0]![row] = r;
      columns[1]![row] = k;
      REPLICATION_METRICS.forEach((m, c) => (columns[2 + c]![row] = run.strategies[k]!.metrics[m][r]!));
    }
  }
  writeFileSync(file, Buffer.concat([Buffer.from(JSON.stringify({ n, strategies: loaded.strategies.map((x) => x.id) }) + "\n"), ...columns.map((c) => Buffer.from(c.buffer))]));
}

function loadTable(file: string): Table {
  const bytes = readFileSync(file);
  const nl = bytes.indexOf(10);
  const head = JSON.parse(bytes.subarray(0, nl).toString("utf8")) as { n: number; strategies: string[] };
  const copy = new Uint8Array(bytes.length - nl - 1);
  copy.set(bytes.subarray(nl + 1));
  const all = new Float64Array(copy.buffer);
  const col = (c: number): Float64Array => all.subarray(c * head.n, (c + 1) * head.n);
  return { rows: head.n, strategies: head.strategies, replication: col(0), strategy: Uint32Array.from(col(1)), metrics: REPLICATION_METRICS.map((_, c) => col(2 + c)) };
}

type Writer = (table: Table, out: string) => Promise<void>;

/** A module that may not be installed (the candidates are not dependencies). */
async function optional<M>(name: string): Promise<M | undefined> {
  try {
    return (await import(name)) as M;
  } catch {
    return undefined;
  }
}

interface Hyparquet {
  parquetWriteFile(options: { filename: string; columnData: { name: string; data: unknown; type: string }[]; codec: string; statistics: boolean; rowGroupSize: number }): void;
}
interface Arrow {
  tableFromArrays(columns: Record<string, unknown>): unknown;
  tableToIPC(table: unknown, format: "stream"): Uint8Array;
}
interface ParquetWasm {
  Table: { fromIPCStream(bytes: Uint8Array): unknown };
  WriterPropertiesBuilder: new () => { setCompression(c: number): { build(): unknown }; build(): unknown };
  Compression: { UNCOMPRESSED: number; SNAPPY: number };
  writeParquet(table: unknown, properties: unknown): Uint8Array;
}
interface DuckDb {
  DuckDBInstance: {
    create(path: string): Promise<{
      connect(): Promise<{
        run(sql: string): Promise<unknown>;
        createAppender(table: string): Promise<{ appendBigInt(v: bigint): void; appendVarchar(v: string): void; appendDouble(v: number): void; endRow(): void; flushSync(): void; closeSync(): void }>;
      }>;
    }>;
  };
}

async function writer(candidate: Candidate): Promise<Writer | undefined> {
  const names = (t: Table): string[] => Array.from(t.strategy, (k) => t.strategies[k]!);
  switch (candidate) {
    case "drsim":
    case "drsim-in-groups": {
      // drsim-in-groups: row groups of 2^17 rows, as the run store writes them.
      const groupRows = candidate === "drsim" ? Infinity : 1 << 17;
      return async (t, out) => {
        const chunks: Uint8Array[] = [];
        const w = new ParquetWriter({ writeParts: async (parts) => void chunks.push(...parts) }, REPLICATION_TABLE, "bench");
        for (let at = 0; at < t.rows; at += Math.min(groupRows, t.rows)) {
          const end = Math.min(t.rows, at + groupRows);
          await w.writeRowGroup(end - at, [t.replication.subarray(at, end), { indices: t.strategy.subarray(at, end), dictionary: t.strategies }, ...t.metrics.map((m) => m.subarray(at, end))]);
        }
        await w.close();
        writeFileSync(out, Buffer.concat(chunks));
      };
    }
    case "hyparquet-plain":
    case "hyparquet-snappy": {
      const h = await optional<Hyparquet>("hyparquet-writer");
      if (h === undefined) return undefined;
      return async (t, out) =>
        h.parquetWriteFile({
          filename: out,
          codec: candidate === "hyparquet-plain" ? "UNCOMPRESSED" : "SNAPPY",
          statistics: false,
          rowGroupSize: 1 << 17,
          columnData: [
            { name: "replication", data: Array.from(t.replication, (x) => BigInt(x)), type: "INT64" },
            { name: "strategy", data: names(t), type: "STRING" },
            ...REPLICATION_METRICS.map((m, c) => ({ name: m, data: t.metrics[c]!, type: "DOUBLE" })),
          ],
        });
    }
    case "parquet-wasm-plain":
    case "parquet-wasm-snappy": {
      const arrow = await optional<Arrow>("apache-arrow");
      const wasm = await optional<ParquetWasm>("parquet-wasm");
      if (arrow === undefined || wasm === undefined) return undefined;
      return async (t, out) => {
        const table = arrow.tableFromArrays({
          replication: BigInt64Array.from(t.replication, (x) => BigInt(x)),
          strategy: names(t),
          ...Object.fromEntries(REPLICATION_METRICS.map((m, c) => [m, t.metrics[c]!])),
        });
        const props = new wasm.WriterPropertiesBuilder().setCompression(candidate === "parquet-wasm-plain" ? wasm.Compression.UNCOMPRESSED : wasm.Compression.SNAPPY).build();
        writeFileSync(out, wasm.writeParquet(wasm.Table.fromIPCStream(arrow.tableToIPC(table, "stream")), props));
      };
    }
    case "duckdb": {
      const duck = await optional<DuckDb>("@duckdb/node-api");
      if (duck === undefined) return undefined;
      return async (t, out) => {
        const db = await duck.DuckDBInstance.create(":memory:");
        const conn = await db.connect();
        await conn.run(`CREATE TABLE r (replication BIGINT, strategy VARCHAR, ${REPLICATION_METRICS.map((m) => `"${m}" DOUBLE`).join(", ")})`);
        const app = await conn.createAppender("r");
        for (let i = 0; i < t.rows; i++) {
          app.appendBigInt(BigInt(t.replication[i]!));
          app.appendVarchar(t.strategies[t.strategy[i]!]!);
          for (const m of t.metrics) app.appendDouble(m[i]!);
          app.endRow();
        }
        app.flushSync();
        app.closeSync();
        await conn.run(`COPY r TO '${out}' (FORMAT parquet)`);
      };
    }
  }
}

/** In the child: one candidate, one trial; prints a JSON line. */
async function child(candidate: Candidate, tableFile: string, out: string): Promise<void> {
  const table = loadTable(tableFile);
  const write = await writer(candidate);
  if (write === undefined) {
    console.log(JSON.stringify({ skipped: true }));
    return;
  }
  const rssBefore = process.memoryUsage.rss();
  const cpu = process.cpuUsage();
  const t = performance.now();
  await write(table, out);
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ seconds, cpu: (used.user + used.system) / 1e6, bytes: statSync(out).size, addedMiB: (process.resourceUsage().maxRSS * 1024 - rssBefore) / 2 ** 20 }));
}

export async function run(ctx: BenchContext): Promise<void> {
  const rows = rowsFromArgv();
  const dir = mkdtempSync(join(tmpdir(), "drsim-bench-pq-"));
  try {
    const tableFile = join(dir, "table.bin");
    await makeTable(tableFile, rows);
    const self = fileURLToPath(import.meta.url);
    ctx.note(`replications table of the default scenario: ${rows.toLocaleString("en-US")} rows × 16 columns; CPU seconds of all threads, wall clock, file size, memory added`);
    for (const candidate of CANDIDATES) {
      const trials: { seconds: number; cpu: number; bytes: number; addedMiB: number }[] = [];
      for (let r = 0; r < REPEATS; r++) {
        const out = join(dir, `${candidate}.parquet`);
        const c = spawnSync(process.execPath, ["--max-old-space-size=8192", self, "--child", candidate, tableFile, out], { encoding: "utf8" });
        if (c.status !== 0) throw new Error(`${candidate}: ${c.stderr}`);
        const result = JSON.parse(c.stdout.trim().split("\n").pop()!) as { skipped?: true; seconds: number; cpu: number; bytes: number; addedMiB: number };
        rmSync(out, { force: true });
        if (result.skipped === true) break;
        trials.push(result);
      }
      if (trials.length === 0) {
        ctx.note(`${candidate}: not installed (npm install --no-save hyparquet-writer parquet-wasm apache-arrow)`);
        continue;
      }
      report(ctx, `parquet-writers.${candidate}.cpu`, median(trials.map((x) => x.cpu)), "s", trials.map((x) => x.cpu * 1000));
      report(ctx, `parquet-writers.${candidate}.wall`, median(trials.map((x) => x.seconds)), "s");
      report(ctx, `parquet-writers.${candidate}.size`, median(trials.map((x) => x.bytes)) / 2 ** 20, "MiB");
      report(ctx, `parquet-writers.${candidate}.memory-added`, median(trials.map((x) => x.addedMiB)), "MiB");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") await child(process.argv[3] as Candidate, process.argv[4]!, process.argv[5]!);
