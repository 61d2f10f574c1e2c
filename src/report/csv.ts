// replications.csv and incidents.csv: tidy (one row per replication × strategy, one row per
// incident × strategy), a header row, RFC 4180 quoting. Numbers are written in their shortest
// round-trip form (String(x)), so a shard's CSV reloads to the exact same doubles; NaN is an empty
// field ("no value": a pipeline step that did not run). A hand writer: it builds ~64 kB string
// chunks straight from the typed-array columns (see the figures against fast-csv in bench/e2e.ts).
import { INCIDENT_CAUSES, PIPELINE_STEPS, REPLICATION_METRICS } from "../model/results.js";
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

/** Rows of replications.csv for `result`, replication-major (all strategies of replication i, then i+1). */
export function* replicationsCsv(result: ColumnarResult, strategyIds: readonly string[]): Generator<string> {
  const ids = strategyIds.map(csvString);
  const columns = result.strategies.flatMap((s) => REPLICATION_METRICS.map((m) => s.metrics[m]));
  const perStrategy = REPLICATION_METRICS.length;
  // Many columns repeat their previous value (zeros, constant standing cost and offered load): the
  // last conversion per column is reused, which halves the writer's time.
  const lastValue = new Float64Array(columns.length).fill(NaN);
  const lastText = columns.map(() => "");
  let chunk = `${REPLICATION_COLUMNS.join(",")}\n`;
  const n = result.range.end - result.range.start;
  for (let row = 0; row < n; row++) {
    const replication = String(result.range.start + row);
    for (let s = 0, c = 0; s < ids.length; s++) {
      let line = `${replication},${ids[s]!}`;
      for (let m = 0; m < perStrategy; m++, c++) {
        const x = columns[c]![row]!;
        if (x !== lastValue[c]) {
          lastValue[c] = x;
          lastText[c] = csvNumber(x);
        }
        line += `,${lastText[c]!}`;
      }
      chunk += `${line}\n`;
    }
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Rows of incidents.csv: by replication, then strategy, then the incident's order in the replication. */
export function* incidentsCsv(result: ColumnarResult, strategyIds: readonly string[]): Generator<string> {
  const ids = strategyIds.map(csvString);
  const causes = INCIDENT_CAUSES.map(csvString);
  const regionNames = result.strategies.map((s) => s.incidents.regionNames.map(csvString));
  const cursor = result.strategies.map(() => 0);
  let chunk = `${INCIDENT_COLUMNS.join(",")}\n`;
  for (let r = result.range.start; r < result.range.end; r++) {
    for (let s = 0; s < result.strategies.length; s++) {
      const inc = result.strategies[s]!.incidents;
      let k = cursor[s]!;
      for (let index = 0; k < inc.count && inc.replication[k] === r; k++, index++) {
        let line = `${r},${ids[s]!},${index},${csvNumber(inc.start[k]!)},${causes[inc.cause[k]!]!},`;
        line += `${regionNames[s]![inc.region[k]!]!},${csvNumber(inc.eventDuration[k]!)}`;
        for (const step of PIPELINE_STEPS) line += `,${csvNumber(inc.steps[step][k]!)}`;
        line += `,${csvNumber(inc.rto[k]!)},${csvNumber(inc.rpo[k]!)},${csvNumber(inc.downtimeSeconds[k]!)}`;
        line += `,${csvNumber(inc.failedRequests[k]!)},${csvNumber(inc.lostWrites[k]!)}`;
        line += `,${inc.failedOver[k] === 1 ? "true" : "false"},${inc.aborted[k] === 1 ? "true" : "false"}`;
        line += `,${csvNumber(inc.attempts[k]!)}\n`;
        chunk += line;
      }
      cursor[s] = k;
    }
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
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
