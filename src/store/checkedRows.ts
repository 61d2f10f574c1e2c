// Rows read back from files are checked before anything uses them: every replication metric is a
// total over the horizon — a finite number ≥ 0 — and every incident number is ≥ 0 and finite, or
// no value (NaN) where a step did not run. A shard edited by hand, or damaged, would otherwise merge
// into a summary with NaN or negative statistics and charts drawn from them. One wrapper around
// every format's source (openRows), so a format added later is checked too. The message names the
// file, the replication, the strategy and the column — never the value read.
import { join } from "node:path";
import { UserError } from "../errors.js";
import type { ReplicationMetric } from "../outcomes/metrics.js";
import { PIPELINE_STEPS } from "../outcomes/results.js";
import type { IncidentField, ReadOptions, RowBatch, RowFormat, RowLayout, RowSource } from "./rows.js";

/** The incident columns that hold numbers, each with whether it may hold no value (NaN). */
const INCIDENT_NUMBERS = [
  ["start", false],
  ["eventDuration", false],
  ["rto", false],
  ["rpo", false],
  ["downtimeSeconds", false],
  ["failedRequests", false],
  ["lostWrites", false],
  ["attempts", false],
] as const satisfies readonly (readonly [IncidentField, boolean])[];

/** What is wrong with a value that must be ≥ 0 and finite (NaN allowed when `empty` is): or undefined. */
function problem(value: number, empty: boolean): string | undefined {
  if (Number.isNaN(value)) return empty ? undefined : "has no number";
  if (value < 0) return "is negative";
  if (value === Infinity) return "is infinite";
  return undefined;
}

/**
 * The index of the first of values[0..count) that `problem` rejects, or −1. One comparison per good
 * value (`v >= 0 && v < Infinity` is false for NaN, negatives and ∞): every row a merge, a chart or a
 * decision reads passes through here, and a call per value cost a merge of 10⁶ replications ~1.3 s.
 */
function firstBad(values: Float64Array, count: number, empty: boolean): number {
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    if (v >= 0 && v < Infinity) continue;
    if (empty && v !== v) continue;
    return i;
  }
  return -1;
}

/** The file of `format` in `dir` that holds the table `table` ("replications" or "incidents"). */
function fileOf(dir: string, format: RowFormat, table: "replications" | "incidents"): string {
  return join(dir, format.files.find((name) => name.startsWith(table)) ?? format.files[0]!);
}

function checkBatch(batch: RowBatch, options: ReadOptions<ReplicationMetric, IncidentField>, dir: string, format: RowFormat, layout: RowLayout): void {
  const fail = (table: "replications" | "incidents", replication: number, s: number, column: string, what: string): never => {
    throw new UserError(`${fileOf(dir, format, table)}: replication ${replication}, strategy ${layout.strategies[s]}: ${column} ${what} (expected a finite number ≥ 0)`);
  };
  const numbers = INCIDENT_NUMBERS.filter(([field]) => options.incidents.includes(field));
  const steps = options.incidents.includes("steps");
  batch.strategies.forEach((strategy, s) => {
    for (const metric of options.metrics) {
      const values = strategy.metrics[metric];
      const i = firstBad(values, values.length, false);
      if (i >= 0) fail("replications", batch.range.start + i, s, metric, problem(values[i]!, false)!);
    }
    const incidents = strategy.incidents;
    const columns: [string, Float64Array, boolean][] = numbers.map(([field, empty]) => [field, incidents[field], empty]);
    if (steps) for (const step of PIPELINE_STEPS) columns.push([step, incidents.steps[step], true]);
    for (const [column, values, empty] of columns) {
      const i = firstBad(values, incidents.count, empty);
      if (i >= 0) fail("incidents", incidents.replication[i]!, s, column, problem(values[i]!, empty)!);
    }
  });
}

/** `source`, whose batches are checked as they are read (see the file's comment). */
export function checkedRows(source: RowSource, dir: string, format: RowFormat, layout: RowLayout): RowSource {
  return {
    read<C extends ReplicationMetric, I extends IncidentField>(options: ReadOptions<C, I>): AsyncIterable<RowBatch<C, I>> {
      const batches = source.read(options);
      return {
        async *[Symbol.asyncIterator]() {
          for await (const batch of batches) {
            checkBatch(batch as unknown as RowBatch, options as unknown as ReadOptions<ReplicationMetric, IncidentField>, dir, format, layout);
            yield batch;
          }
        },
      };
    },
  };
}
