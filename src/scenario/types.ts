// The resolved scenario: what the loader produces after YAML parsing, `extends` merging, defaults
// and unit conversion, and what the world sampler and strategies read. Units are fixed here so no
// code below the loader ever parses a unit: time in SECONDS, rates PER SECOND, sizes in BYTES,
// throughput in BYTES PER SECOND, money in USD, fractions in [0, 1].
import type { DistributionSpec } from "../random/types.js";

export const STRATEGY_TYPES = ["backup-restore", "pilot-light", "warm-standby", "active-active"] as const;
export type StrategyType = (typeof STRATEGY_TYPES)[number];

export interface Scenario {
  /** Scenario name (defaults to the file's base name without extension). */
  readonly name: string;
  readonly description: string;
  /** Base name of the file it was loaded from: identity comes from content, not location. */
  readonly file: string;
  /** Defaults for the runner; the CLI overrides them. */
  readonly run: { readonly runs: number; readonly seed: number; readonly horizon: number };
  /** Ordered: regions[0] is the primary (serving) region, the rest are standby/peer candidates. */
  readonly regions: readonly Region[];
  readonly commonCause: CommonCause;
  readonly degradation: Degradation;
  readonly partition: Partition;
  readonly corruption: Corruption;
  readonly replication: ReplicationLink;
  readonly workload: Workload;
  readonly backup: BackupPolicy;
  readonly costs: Costs;
  /** In file order; ids are unique. */
  readonly strategies: readonly Strategy[];
}

export interface Region {
  readonly name: string;
  /** Provider label ("aws", "gcp", "azure"…): provider-scoped control-plane impairments hit all its regions. */
  readonly provider: string;
  readonly outage: RegionOutage;
}

export interface RegionOutage {
  /** Total outage rate of this region (independent + its share of common-cause), per second. */
  readonly rate: number;
  /** Duration of an ordinary (recoverable) outage, seconds. */
  readonly duration: DistributionSpec;
  /** The catastrophic class: region and its data unrecoverable for a long time; failover is forced. */
  readonly catastrophic: { readonly probability: number; readonly duration: DistributionSpec };
  /** Control-plane impairment coupled to this region's outages (us-east-1 2021 / 2025). */
  readonly controlPlane: {
    readonly probability: number;
    /** "region": only this region's control plane; "provider": every region of the same provider. */
    readonly scope: "region" | "provider";
    /** Steps needing the control plane take this many times longer; Infinity = blocked until it ends. */
    readonly slowdown: number;
    /** The impairment lasts this multiple of the outage's duration (from the outage start). */
    readonly durationFactor: number;
  };
}

export interface CommonCause {
  /** β-factor: share of each region's outage rate that arrives as events hitting all regions at once. */
  readonly beta: number;
}

export interface Degradation {
  /** Per region, per second. */
  readonly rate: number;
  readonly duration: DistributionSpec;
  /** Fraction of the region's capacity that remains while degraded, in [0, 1]. */
  readonly remainingCapacity: DistributionSpec;
}

export interface Partition {
  /** Inter-region partitions, per second. */
  readonly rate: number;
  readonly duration: DistributionSpec;
}

export interface Corruption {
  /** Logical corruption events (bad deploy, operator error), per second. */
  readonly rate: number;
  /** Time from the corruption to its discovery, seconds. */
  readonly detection: DistributionSpec;
}

export interface ReplicationLink {
  /** Async replication lag at a random instant outside spikes and partitions, seconds. */
  readonly baselineLag: DistributionSpec;
  readonly spikes: {
    readonly rate: number;
    /** Extra lag during a spike, seconds. */
    readonly magnitude: DistributionSpec;
    readonly duration: DistributionSpec;
  };
  /** Inter-region link bandwidth available to replication; write bursts above it build a backlog. */
  readonly bandwidth: number;
}

export interface Workload {
  /** Mean offered load over a week, requests per second. */
  readonly requestsPerSecond: number;
  /** Diurnal swing: rate ∝ 1 + amplitude·cos(2π(h − peakHour)/24), amplitude in [0, 1). */
  readonly diurnalAmplitude: number;
  /** Hour of day (UTC, 0–24) of the diurnal peak. */
  readonly peakHour: number;
  /** Weekend rate relative to weekdays (1 = no weekly shape). The horizon starts on a Monday 00:00 UTC. */
  readonly weekendFactor: number;
  /** Optional trace replacing the shape: rate samples (req/s) every `step` seconds, repeated cyclically. */
  readonly trace: { readonly step: number; readonly rates: readonly number[] } | null;
  readonly writeFraction: number;
  readonly bytesPerWrite: number;
  readonly datasetBytes: number;
}

export interface BackupPolicy {
  /** A backup starts every `interval` seconds (phase 0 at the horizon start). */
  readonly interval: number;
  /** Time a backup takes to complete; its restore point is its start. */
  readonly duration: DistributionSpec;
  /** Time to copy a completed backup to the other region. */
  readonly copyDelay: DistributionSpec;
  /** Restore throughput, bytes per second. */
  readonly restoreThroughput: DistributionSpec;
  /** Continuous point-in-time recovery: corruption restores to this many seconds before the corruption. */
  readonly pointInTime: { readonly enabled: boolean; readonly granularity: number };
  readonly retentionDays: number;
}

export interface Costs {
  /** Compute for 100 % of the workload in one region, per year. */
  readonly computeUSDPerYear: number;
  /** One Kubernetes control plane (EKS/GKE fee), per hour. */
  readonly controlPlaneUSDPerHour: number;
  readonly storageUSDPerGBMonth: number;
  readonly egressUSDPerGB: number;
  /** Optional penalties (0 = off). */
  readonly downtimeUSDPerMinute: number;
  readonly lostWriteUSD: number;
}

export interface Strategy {
  readonly id: string;
  readonly type: StrategyType;
  /** Display name, e.g. "Warm standby 20 %". */
  readonly label: string;
  /**
   * Standby compute as a share of the primary's, running all the time in the standby region
   * (backup & restore ~0, pilot light ~0.05–0.15, warm standby 0.2–0.5). For active–active: the
   * capacity of each region as a share of peak load (≥ 1 means one survivor carries everything).
   */
  readonly standbyFraction: number;
  /** Control planes kept running in the standby region(s) (0 for backup & restore). */
  readonly standbyControlPlanes: number;
  readonly replication: { readonly mode: "backup" | "async" | "sync" };
  readonly steps: StrategySteps;
  readonly policy: FailoverPolicy;
  readonly failover: {
    /** Probability that one failover attempt fails (runbook broken, wrong credentials…). */
    readonly failureProbabilityUntested: number;
    /** The same once drills are run at least once a year. */
    readonly failureProbabilityDrilled: number;
    /** Time lost diagnosing a failed attempt before the data step is retried. */
    readonly retryDelay: DistributionSpec;
    readonly maxAttempts: number;
  };
  readonly drills: { readonly perYear: number; readonly costUSD: number };
  /** For active–active with async replication: share of partition-time writes that conflict. */
  readonly conflictFraction: number;
}

/** Each step's duration; null where the strategy has no such step (see the table in docs/model.md). */
export interface StrategySteps {
  readonly detect: DistributionSpec;
  /** Human decision delay after the wait-for-primary window. */
  readonly decide: DistributionSpec | null;
  /** Needs the control plane. */
  readonly provision: DistributionSpec | null;
  /** Promote a replica (pilot light, warm standby). Backup & restore restores instead. */
  readonly promote: DistributionSpec | null;
  /** Restore data from backup: true for backup & restore (size ÷ throughput). */
  readonly restoreFromBackup: boolean;
  /** Scale to full capacity; needs the control plane; serving ramps up linearly meanwhile. */
  readonly scale: DistributionSpec | null;
  /** DNS TTL / global load-balancer switch. */
  readonly switchTraffic: DistributionSpec | null;
}

export interface FailoverPolicy {
  /** Wait this long after detection for the primary to come back before deciding to fail over. */
  readonly waitForPrimary: number;
  /** Abort the failover if the primary returns before the point of no return (promote/restore). */
  readonly abortWhenPrimaryReturns: boolean;
  /** Failback to the primary after it recovers: a delay, then a planned window of full outage. */
  readonly failback: { readonly delay: DistributionSpec; readonly window: DistributionSpec };
}
