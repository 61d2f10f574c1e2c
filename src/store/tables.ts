// The two tables of a run, whatever the file format: their columns in order, each with its type
// and unit. The replication table's metric columns are the metric catalogue's
// (outcomes/metrics.ts), so a metric added there is a column of every format; the incident table's
// are IncidentColumns' (montecarlo/types.ts). CSV (csv.ts) writes these names as its headers,
// Parquet (parquetFormat.ts) as its schema, and docs/outputs.md describes them.
import { REPLICATION_COLUMN_DEFS, type Unit } from "../outcomes/metrics.js";
import { PIPELINE_STEPS } from "../outcomes/results.js";

/** How a column's values are stored: whole numbers, doubles (NaN: no value), flags, or names. */
export type ColumnKind = "int64" | "int32" | "double" | "boolean" | "string";

export interface TableColumn<N extends string = string> {
  readonly name: N;
  readonly kind: ColumnKind;
  /** The unit of a number (undefined for ids and names). */
  readonly unit?: Unit;
  readonly description: string;
}

function col<const N extends string>(name: N, kind: ColumnKind, description: string, unit?: Unit): TableColumn<N> {
  return unit === undefined ? { name, kind, description } : { name, kind, unit, description };
}

/** One row per replication × strategy, replication-major, strategies in the run's order. */
export const REPLICATION_TABLE = [
  col("replication", "int64", "replication number (0-based; replication i depends only on the seed and i)"),
  col("strategy", "string", "strategy id, in the scenario's order"),
  ...REPLICATION_COLUMN_DEFS.map((c) => col(c.id, "double", c.description, c.unit)),
] as const;

/** One row per incident × strategy: by replication, then strategy, then the incident's order in the replication. */
export const INCIDENT_TABLE = [
  col("replication", "int64", "replication number"),
  col("strategy", "string", "strategy id"),
  col("incident", "int32", "the incident's index among the strategy's incidents of the replication (0-based)"),
  col("start", "double", "impact start, from the horizon's start", "s"),
  col("cause", "string", "region-outage, catastrophic, common-cause, degradation, partition or corruption"),
  col("regions", "string", "regions involved, joined by + (empty for corruption)"),
  col("eventDuration", "double", "duration of the underlying world event", "s"),
  ...PIPELINE_STEPS.map((step) => col(step, "double", `the ${step} step's duration; no value where it did not run`, "s")),
  col("rto", "double", "realized RTO: impact start to full service at adequate capacity", "s"),
  col("rpo", "double", "realized RPO: seconds of writes lost", "s"),
  col("downtimeSeconds", "double", "full outage within the incident", "s"),
  col("failedRequests", "double", "requests not served", "requests"),
  col("lostWrites", "double", "writes lost", "writes"),
  col("failedOver", "boolean", "a failover completed"),
  col("aborted", "boolean", "the failover was abandoned: the primary came back first"),
  col("attempts", "double", "failover attempts made (0 when none started)", "count"),
] as const;

export type IncidentColumnName = (typeof INCIDENT_TABLE)[number]["name"];
