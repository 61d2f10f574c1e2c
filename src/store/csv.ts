// replications.csv and incidents.csv: tidy (one row per replication × strategy, one row per
// incident × strategy), a header row, RFC 4180 quoting. Numbers are written in their shortest
// round-trip form (String(x)), so a shard's CSV reloads to the exact same doubles; NaN is an empty
// field ("no value": a pipeline step that did not run). A hand writer: it builds ~64 kB string
// chunks straight from the typed-array columns, ~3.7× fast-csv's rate (bench/e2e.ts measures both).
// The CSV sink and source (csvFormat.ts, csvSource.ts) write and read them; csvReader.ts parses.
import { INCIDENT_CAUSES, PIPELINE_STEPS, REPLICATION_METRICS } from "../outcomes/results.js";
import { INCIDENT_TABLE, REPLICATION_TABLE } from "./tables.js";
import type { ColumnarResult } from "../montecarlo/types.js";
import type { RowBatch } from "./rows.js";

/** The header rows' names: the tables' columns (tables.ts), as every format has them. */
export const REPLICATION_COLUMNS = REPLICATION_TABLE.map((c) => c.name);
export const INCIDENT_COLUMNS = INCIDENT_TABLE.map((c) => c.name);

const CHUNK = 1 << 16;

/** A number as CSV text: shortest round-trip decimal; NaN → empty. */
export function csvNumber(x: number): string {
  return Number.isNaN(x) ? "" : String(x);
}

/** A string field, quoted only when it contains a comma, quote or line break. */
export function csvString(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Collects text pieces and hands them out as ~64 kB chunks. Joining an array of flat pieces once is
 * about 2× faster end to end than growing a string with `+=` (whose rope must be flattened on write).
 */
class Chunks {
  private parts: string[] = [];
  private size = 0;
  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }
  get full(): boolean {
    return this.size >= CHUNK;
  }
  take(): string {
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    return text;
  }
}

/**
 * replications.csv's rows, batch after batch, replication-major (all strategies of replication i,
 * then i+1). Many columns repeat their previous value (zeros, constant standing cost and offered
 * load): the last conversion per column is reused, across batches too, which halves the conversion time.
 */
export class ReplicationRows {
  private readonly ids: readonly string[];
  private readonly lastValue: Float64Array;
  private readonly lastText: string[];

  constructor(strategyIds: readonly string[]) {
    this.ids = strategyIds.map(csvString);
    this.lastValue = new Float64Array(strategyIds.length * REPLICATION_METRICS.length).fill(NaN);
    this.lastText = Array.from({ length: this.lastValue.length }, () => "");
  }

  /** The rows of `batch` as ~64 kB chunks of text. */
  *rows(batch: RowBatch): Generator<string> {
    const { ids, lastValue, lastText } = this;
    const columns = batch.strategies.flatMap((s) => REPLICATION_METRICS.map((m) => s.metrics[m]));
    const perStrategy = REPLICATION_METRICS.length;
    const out = new Chunks();
    const n = batch.range.end - batch.range.start;
    for (let row = 0; row < n; row++) {
      const replication = String(batch.range.start + row);
      for (let s = 0, c = 0; s < ids.length; s++) {
        out.push(replication);
        out.push(",");
        out.push(ids[s]!);
        for (let m = 0; m < perStrategy; m++, c++) {
          const x = columns[c]![row]!;
          if (x !== lastValue[c]) {
            lastValue[c] = x;
            lastText[c] = csvNumber(x);
          }
          out.push(",");
          out.push(lastText[c]!);
        }
        out.push("\n");
      }
      if (out.full) yield out.take();
    }
    yield out.take();
  }
}

/** incidents.csv's rows of `batch`: by replication, then strategy, then the incident's order in the replication. */
export function* incidentRows(batch: RowBatch, strategyIds: readonly string[]): Generator<string> {
  const ids = strategyIds.map(csvString);
  const causes = INCIDENT_CAUSES.map(csvString);
  const regionNames = batch.strategies.map((s) => s.incidents.regionNames.map(csvString));
  const cursor = batch.strategies.map(() => 0);
  const out = new Chunks();
  const num = (x: number): void => {
    out.push(",");
    out.push(csvNumber(x));
  };
  for (let r = batch.range.start; r < batch.range.end; r++) {
    for (let s = 0; s < batch.strategies.length; s++) {
      const inc = batch.strategies[s]!.incidents;
      let k = cursor[s]!;
      for (let index = 0; k < inc.count && inc.replication[k] === r; k++, index++) {
        out.push(`${r},${ids[s]!},${index}`);
        num(inc.start[k]!);
        out.push(`,${causes[inc.cause[k]!]!},${regionNames[s]![inc.region[k]!]!}`);
        num(inc.eventDuration[k]!);
        for (const step of PIPELINE_STEPS) num(inc.steps[step][k]!);
        num(inc.rto[k]!);
        num(inc.rpo[k]!);
        num(inc.downtimeSeconds[k]!);
        num(inc.failedRequests[k]!);
        num(inc.lostWrites[k]!);
        out.push(inc.failedOver[k] === 1 ? ",true" : ",false");
        out.push(inc.aborted[k] === 1 ? ",true" : ",false");
        num(inc.attempts[k]!);
        out.push("\n");
      }
      cursor[s] = k;
    }
    if (out.full) yield out.take();
  }
  yield out.take();
}

export const REPLICATIONS_HEADER = `${REPLICATION_COLUMNS.join(",")}\n`;
export const INCIDENTS_HEADER = `${INCIDENT_COLUMNS.join(",")}\n`;

/** The whole replications.csv of one result (header and rows). */
export function* replicationsCsv(result: ColumnarResult, strategyIds: readonly string[]): Generator<string> {
  yield REPLICATIONS_HEADER;
  yield* new ReplicationRows(strategyIds).rows(result);
}

/** The whole incidents.csv of one result (header and rows). */
export function* incidentsCsv(result: ColumnarResult, strategyIds: readonly string[]): Generator<string> {
  yield INCIDENTS_HEADER;
  yield* incidentRows(result, strategyIds);
}
