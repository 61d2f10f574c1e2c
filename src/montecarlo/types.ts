// Columnar results of a Monte Carlo run. One Float64Array per metric per strategy (indexed by
// replication − range.start) and incidents as parallel columns: flat in memory, transferable between
// worker threads without copying, and cheap to sort for exact quantiles.
import type { PipelineStep, ReplicationMetric } from "../outcomes/results.js";
import type { Scenario } from "../scenario/types.js";

/** Half-open range of replication indices [start, end). */
export interface ReplicationRange {
  readonly start: number;
  readonly end: number;
}

/** Incidents of one strategy, one row per incident, rows ordered by replication then occurrence. */
export interface IncidentColumns {
  readonly count: number;
  /** Global replication index of each incident. */
  readonly replication: Float64Array;
  readonly start: Float64Array;
  /** Index into INCIDENT_CAUSES. */
  readonly cause: Uint8Array;
  /** Index into regionNames (the "+"-joined region list of IncidentRecord.regions). */
  readonly region: Uint32Array;
  readonly regionNames: readonly string[];
  readonly eventDuration: Float64Array;
  /** One column per PIPELINE_STEPS step; NaN where the step did not run. */
  readonly steps: Readonly<Record<PipelineStep, Float64Array>>;
  readonly rto: Float64Array;
  readonly rpo: Float64Array;
  readonly downtimeSeconds: Float64Array;
  readonly failedRequests: Float64Array;
  readonly lostWrites: Float64Array;
  /** 0 or 1. */
  readonly failedOver: Uint8Array;
  /** 0 or 1. */
  readonly aborted: Uint8Array;
  readonly attempts: Float64Array;
}

/** Incident columns a reader chooses among (it always has each incident's replication). */
export type IncidentField = Exclude<keyof IncidentColumns, "count" | "replication" | "regionNames">;

/** Every incident column. */
export const INCIDENT_FIELDS = [
  "start", "cause", "region", "eventDuration", "steps", "rto", "rpo", "downtimeSeconds", "failedRequests", "lostWrites", "failedOver", "aborted", "attempts",
] as const satisfies readonly IncidentField[];
// A column added to IncidentColumns but not above fails to compile here.
const _everyField: Exclude<IncidentField, (typeof INCIDENT_FIELDS)[number]> extends never ? true : never = true;

/** Everything one strategy produced over a range of replications. */
export interface StrategyColumns {
  /** One value per replication of the range, in replication order. */
  readonly metrics: Readonly<Record<ReplicationMetric, Float64Array>>;
  readonly incidents: IncidentColumns;
}

/** What a batch of replications (one worker task) or a whole run produced. */
export interface ColumnarResult {
  readonly range: ReplicationRange;
  /** In the scenario's strategy order. */
  readonly strategies: readonly StrategyColumns[];
}

/** What a run says of itself: the resolved scenario it ran (run.runs/seed/horizon included), its range, hash and version. */
export interface RunInfo {
  readonly scenario: Scenario;
  readonly range: ReplicationRange;
  /** sha256 of the canonical JSON of `scenario`: shards of one run share it. */
  readonly scenarioHash: string;
  /** drsim version that produced the run. */
  readonly drsim: string;
}

/** A run held in memory: what it says of itself and its columns. */
export interface RunResult extends ColumnarResult, RunInfo {}
