// The resolved scenario: what the loader produces after YAML parsing, `extends` merging, defaults
// and unit conversion, and what the world sampler and strategies read. Units are fixed here so no
// code below the loader ever parses a unit: time in SECONDS, rates PER SECOND, sizes in BYTES,
// throughput in BYTES PER SECOND, money in USD, fractions in [0, 1]. This file holds the core; each
// failure process and strategy mechanism adds its own part (ScenarioParts and friends below).
import type { DistributionSpec } from "../random/types.js";

/**
 * The strategy types a scenario may name. Each is implemented by exactly one mechanism
 * (strategies/registry.ts fails to compile otherwise), which gives its title and defaults.
 */
export const STRATEGY_TYPES = ["none", "backup-restore", "pilot-light", "warm-standby", "active-active"] as const;
export type StrategyType = (typeof STRATEGY_TYPES)[number];

/**
 * The parts of a scenario each failure process contributes (world/processes/): every process file
 * adds its own fields here (`declare module … { interface ScenarioParts { … } }`), beside the zod
 * schema that reads them, and replication/scenario.ts checks at compile time that the registered
 * processes' schemas give exactly these fields.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface ScenarioParts {}

/** The fields of every region the failure processes contribute, as ScenarioParts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface RegionParts {}

/** The fields of every strategy the strategy mechanisms contribute (strategies/<mechanism>/), as ScenarioParts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface StrategyParts {}

/** What every scenario has, whatever its processes and mechanisms. */
export interface ScenarioCore {
  /** Scenario name (defaults to the file's base name without extension). */
  readonly name: string;
  readonly description: string;
  /** Base name of the file it was loaded from: identity comes from content, not location. */
  readonly file: string;
  /**
   * Set only in the view of one service of a portfolio (portfolioLoad.ts): the service's name, which
   * prefixes the streams that are its own (serviceStreams.ts). Absent in a single-service scenario,
   * whose streams, scenario.json and every output byte stay as they were.
   */
  readonly service?: string;
  /** Defaults for the runner; the CLI overrides them. */
  readonly run: { readonly runs: number; readonly seed: number; readonly horizon: number };
  /** Ordered: regions[0] is the primary (serving) region, the rest are standby/peer candidates. */
  readonly regions: readonly Region[];
  readonly workload: Workload;
  readonly costs: Costs;
  /** In file order; ids are unique. */
  readonly strategies: readonly Strategy[];
}

export interface Scenario extends ScenarioCore, ScenarioParts {}

export interface RegionCore {
  readonly name: string;
  /** Provider label ("aws", "gcp", "azure"…): provider-scoped control-plane impairments hit all its regions. */
  readonly provider: string;
}

export interface Region extends RegionCore, RegionParts {}

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

/** What every strategy has, whatever its mechanism. */
export interface StrategyCore {
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
  readonly replication: { readonly mode: ReplicationMode };
  readonly steps: StrategySteps;
  readonly drills: { readonly perYear: number; readonly costUSD: number };
}

export interface Strategy extends StrategyCore, StrategyParts {}

export type ReplicationMode = "backup" | "async" | "sync";

/** Each step's duration; null where the strategy has no such step (see the table in docs/model.md). */
export interface StrategySteps {
  readonly detect: DistributionSpec;
  /** Human decision delay after the wait-for-primary window, and before a corruption restore. */
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
