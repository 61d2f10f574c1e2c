// The world of one replication: every failure event, drawn once from world streams and shared by
// every strategy (common random numbers), and the replication's backups. Plain data, in seconds
// from the horizon start. The failure processes of world/processes/ fill it (world/sample.ts); the
// event lists are the kinds of event a service hears (services/worldEvents.ts says how).
import type { Distribution } from "../random/types.js";

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

/** An outage of a dependency (world/processes/dependencies.ts). */
export interface DependencyOutage {
  readonly start: number;
  readonly end: number;
  /** The dependency's name in the scenario. */
  readonly dependency: string;
  /** Bit i set: pipeline step PIPELINE_STEPS[i] makes no progress meanwhile. */
  readonly blocks: number;
  /** The service itself is down meanwhile. */
  readonly serviceDown: boolean;
}

/** The kinds of world event a service hears, each a list (services/worldEvents.ts delivers them). */
export interface WorldEvents {
  /** Sorted by (start, regionMask). */
  readonly outages: readonly RegionOutageEvent[];
  /** Sorted by (start, region). */
  readonly degradations: readonly DegradationEvent[];
  readonly partitions: readonly PartitionEvent[];
  readonly corruptions: readonly CorruptionEvent[];
  /** Sorted by start. */
  readonly dependencyOutages: readonly DependencyOutage[];
}

/**
 * The replication's backups, bound to it: restore points are drawn from the world streams
 * `backup:<k>` only when asked, so most replications draw none, and every strategy that asks gets
 * the same answer.
 */
export interface ReplicationBackups {
  /**
   * Restore point of the newest backup usable at time `at` whose data predates `notAfter`:
   * completed by `at`, and copied to the other region by `at` when `needCopy` (the source region
   * is down).
   */
  lastRestorePoint(at: number, notAfter: number, needCopy: boolean): number;
  /** Point-in-time recovery restores to just before `time`, if enabled; null otherwise. */
  pointInTime(time: number): number | null;
  /** Restore throughput, bytes per second: drawn by whoever restores, from its own stream. */
  readonly restoreThroughput: Distribution;
}

/** The backup schedule of a run: ReplicationBackups for any (seed, replication). */
export interface BackupSchedule {
  lastRestorePoint(seed: number, replication: number, at: number, notAfter: number, needCopy: boolean): number;
  pointInTime(time: number): number | null;
  readonly restoreThroughput: Distribution;
}

/** One replication's world: its events and its backups. Complete: nothing else is drawn from world streams. */
export interface World extends WorldEvents {
  readonly seed: number;
  readonly replication: number;
  /** The scenario's backups. */
  readonly backups: ReplicationBackups;
  /** The backups of strategy `id`: its own policy's, if it has one, else the scenario's. */
  backupsOf(id: string): ReplicationBackups;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The world while its processes draw it (world/sample.ts): lists to push to, events whose fields
 * may still be filled in (the lag at an outage's start), the backup schedule to set.
 */
export interface WorldDraft {
  readonly seed: number;
  readonly replication: number;
  readonly outages: Mutable<RegionOutageEvent>[];
  readonly degradations: Mutable<DegradationEvent>[];
  readonly partitions: PartitionEvent[];
  readonly corruptions: CorruptionEvent[];
  readonly dependencyOutages: DependencyOutage[];
  backupSchedule: BackupSchedule | null;
  /** The schedules of strategies with a backup policy of their own, by strategy id. */
  strategyBackupSchedules: ReadonlyMap<string, BackupSchedule>;
}
