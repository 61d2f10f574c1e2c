// What one replication produces for one strategy. The Monte Carlo runner aggregates these;
// reports read them (never the simulator). Units: seconds, requests, writes, bytes, USD.

// The per-replication metrics (replications.csv's columns) are listed in the metric catalogue.
export { REPLICATION_METRICS, type ReplicationMetric } from "./metrics.js";
import type { ReplicationMetric } from "./metrics.js";

/**
 * Steps of the shared pipeline; incidents.csv has one duration column per step, in this order.
 * `wait` (the part of `decide` spent waiting for the primary, policy.waitForPrimary) came last,
 * after the columns before it: `decide` keeps its meaning, wait + the human decision.
 */
export const PIPELINE_STEPS = [
  "detect",
  "decide",
  "provision",
  "restore",
  "promote",
  "switchTraffic",
  "scale",
  "failback",
  "wait",
] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export const INCIDENT_CAUSES = [
  "region-outage",
  "catastrophic",
  "common-cause",
  "degradation",
  "partition",
  "corruption",
] as const;

/**
 * Whether an incident cause (index into INCIDENT_CAUSES) is a region failure — what a DR strategy
 * answers. Corruption is restored from backups alike by every strategy, so planners read it apart.
 */
export function isRegionFailure(cause: number): boolean {
  return isRegionFailureCause(INCIDENT_CAUSES[cause]!);
}

/** isRegionFailure of a cause by name (an IncidentRecord's). */
export function isRegionFailureCause(cause: IncidentCause): boolean {
  return cause !== "corruption";
}
export type IncidentCause = (typeof INCIDENT_CAUSES)[number];

export interface IncidentRecord {
  /** Seconds from the horizon start at which impact began. */
  readonly start: number;
  readonly cause: IncidentCause;
  /** Region names involved, joined by "+". */
  readonly regions: string;
  /** Duration of the underlying world event (outage, partition…), seconds. */
  readonly eventDuration: number;
  /** Each step's realized duration in seconds; NaN where the step did not run. */
  readonly steps: Readonly<Record<PipelineStep, number>>;
  /** Impact start → full service at adequate capacity, seconds. */
  readonly rto: number;
  /** Seconds of writes lost (RPO realized). */
  readonly rpo: number;
  readonly downtimeSeconds: number;
  readonly failedRequests: number;
  readonly lostWrites: number;
  readonly failedOver: boolean;
  /** The primary returned before the point of no return and the failover was abandoned. */
  readonly aborted: boolean;
  /** Failover attempts made (0 when no failover was started). */
  readonly attempts: number;
}

export interface StrategyReplicationResult {
  readonly metrics: Readonly<Record<ReplicationMetric, number>>;
  readonly incidents: readonly IncidentRecord[];
}

/** One replication: results per strategy, in the scenario's strategy order. */
export interface ReplicationResult {
  readonly replication: number;
  readonly strategies: readonly StrategyReplicationResult[];
}

/**
 * One line of `drsim trace`: what happened to one strategy in one replication, in time order.
 * Events: outage-begin/outage-end (region), catastrophic, control-plane-begin/end, partition-begin/end,
 * degradation-begin/end, corruption, corruption-detected, incident-begin/incident-end,
 * step-begin/step-end (detail = the PipelineStep), attempt-failed, abort, failover, failback,
 * capacity (value = fraction of demand the service can serve from now on, 0…1).
 */
export interface TraceRecord {
  readonly time: number;
  readonly event: string;
  readonly region: string;
  readonly detail: string;
  readonly value: number;
}
export type TraceSink = (record: TraceRecord) => void;
