// replications.csv and incidents.csv: tidy (one row per replication × strategy, one row per
// incident × strategy), a header row, RFC 4180 quoting. Numbers are written in their shortest
// round-trip form (String(x)), so a shard's CSV reloads to the exact same doubles; NaN is an empty
// field ("no value": a pipeline step that did not run). A hand writer: it builds ~64 kB string
// chunks straight from the typed-array columns, ~3.7× fast-csv's rate (bench/e2e.ts measures both).
import { INCIDENT_CAUSES, PIPELINE_STEPS, REPLICATION_METRICS } from "../results/results.js";
import type { ColumnarResult } from "../montecarlo/types.js";

export const REPLICATION_COLUMNS = ["replication", "strategy", ...REPLICATION_METRICS] as const;

export const INCIDENT_COLUMNS = [
  "replication",
  "strategy",
  "incident",
  "start",
  "cause",
  "regions",
  "eventDuration",
  ...PIPELINE_STEPS,
  "rto",
  "rpo",
  "downtimeSeconds",
  "failedRequests",
  "lostWrites",
  "failedOver",
  "aborted",
  "attempts",
] as const;

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

/** Rows of replications.csv for `result`, replication-major (all strategies of replication i, then i+1). */
export function* replicationsCsv(result: ColumnarResult, strategyIds: readonly string[]): Generator<string> {
  const ids = strategyIds.map(csvString);
  const columns = result.strategies.flatMap((s) => REPLICATION_METRICS.map((m) => s.metrics[m]));
  const perStrategy = REPLICATION_METRICS.length;
  // Many columns repeat their previous value (zeros, constant standing cost and offered load): the
  // last conversion per column is reused, which halves the conversion time.
  const lastValue = new Float64Array(columns.length).fill(NaN);
  const lastText = columns.map(() => "");
  const out = new Chunks();
  out.push(`${REPLICATION_COLUMNS.join(",")}\n`);
  const n = result.range.end - result.range.start;
  for (let row = 0; row < n; row++) {
    const replication = String(result.range.start + row);
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

/** Rows of incidents.csv: by replication, then strategy, then the incident's order in the replication. */
export function* incidentsCsv(result: ColumnarResult, strategyIds: readonly string[]): Generator<string> {
  const ids = strategyIds.map(csvString);
  const causes = INCIDENT_CAUSES.map(csvString);
  const regionNames = result.strategies.map((s) => s.incidents.regionNames.map(csvString));
  const cursor = result.strategies.map(() => 0);
  const out = new Chunks();
  const num = (x: number): void => {
    out.push(",");
    out.push(csvNumber(x));
  };
  out.push(`${INCIDENT_COLUMNS.join(",")}\n`);
  for (let r = result.range.start; r < result.range.end; r++) {
    for (let s = 0; s < result.strategies.length; s++) {
      const inc = result.strategies[s]!.incidents;
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

/** Splits one CSV line (no embedded line breaks) into fields, undoing RFC 4180 quoting. */
export function parseCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quoted field in CSV line: ${line}`);
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(",", i);
      fields.push(line.slice(i, comma < 0 ? line.length : comma));
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length) break;
    if (line[i] !== ",") throw new Error(`bad CSV line: ${line}`);
    i++;
    if (i === line.length) {
      fields.push("");
      break;
    }
  }
  return fields;
}

/** A CSV number field back to a double: empty → NaN; anything else must parse completely. */
export function parseCsvNumber(field: string): number {
  if (field === "") return NaN;
  const x = Number(field);
  if (Number.isNaN(x) && field !== "NaN") throw new Error(`not a number: "${field}"`);
  return x;
}
