// One replication's event log as CSV (time,event,region,detail,value) or JSON lines.
import type { TraceRecord } from "../outcomes/results.js";
import { csvNumber, csvString } from "../store/csv.js";

export type TraceFormat = "csv" | "jsonl";

function csvLine(r: TraceRecord): string {
  return `${csvNumber(r.time)},${csvString(r.event)},${csvString(r.region)},${csvString(r.detail)},${csvNumber(r.value)}\n`;
}

function jsonLine(r: TraceRecord): string {
  return `${JSON.stringify({ time: r.time, event: r.event, region: r.region, detail: r.detail, value: r.value })}\n`;
}

export function traceText(records: readonly TraceRecord[], format: TraceFormat): string {
  if (format === "jsonl") return records.map(jsonLine).join("");
  return `time,event,region,detail,value\n${records.map(csvLine).join("")}`;
}
