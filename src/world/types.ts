// The world of one replication: every failure event, drawn once from world streams and shared by
// every strategy (common random numbers). Plain data, in seconds from the horizon start.

export interface RegionOutageEvent {
  readonly start: number;
  readonly end: number;
  /** Bit r set when region r is down. */
  readonly regionMask: number;
  readonly cause: "region-outage" | "catastrophic" | "common-cause";
  /** Region(s) and their data unrecoverable during the outage: failover is forced, never aborted. */
  readonly catastrophic: boolean;
  /** Regions whose control plane is impaired from `start` to `controlPlaneEnd` (0 = none). */
  readonly controlPlaneMask: number;
  readonly controlPlaneEnd: number;
  readonly controlPlaneSlowdown: number;
  /** Async replication lag at the failure instant, seconds (the same for every async strategy). */
  readonly lagAtStart: number;
}

export interface DegradationEvent {
  readonly start: number;
  readonly end: number;
  readonly region: number;
  /** Share of the region's capacity left, 0…1. */
  readonly remaining: number;
}

export interface PartitionEvent {
  readonly start: number;
  readonly end: number;
}

export interface CorruptionEvent {
  readonly time: number;
  readonly detectedAt: number;
}

export interface World {
  /** Sorted by start. */
  readonly outages: readonly RegionOutageEvent[];
  readonly degradations: readonly DegradationEvent[];
  readonly partitions: readonly PartitionEvent[];
  readonly corruptions: readonly CorruptionEvent[];
}
